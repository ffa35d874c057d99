package io.nvrkit.core.internal.rotation;

import io.nvrkit.core.rotation.RotationReport.Outcome;

/** Where a device ended, before the round trips of its last sessions are added up. */
record Done(Outcome outcome, String reason) {}

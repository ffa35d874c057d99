package io.nvrkit.testkit.internal.engine;

import io.nvrkit.core.AccountLevel;
import io.nvrkit.testkit.DevicePasswordRules;
import io.nvrkit.testkit.FakeIdentity;
import io.nvrkit.testkit.PersonalityKind;
import io.nvrkit.testkit.internal.state.DeviceState;

/**
 * The plug-in point of a personality: everything {@code FakeNvr} needs to know about one {@link
 * PersonalityKind} before and while it runs. A new personality (e.g. Hikvision) adds a constant to
 * {@link PersonalityKind}, implements this interface and its {@link Personality}, and adds one line
 * to {@link Personalities#of}. Implementations are stateless and thread-safe.
 */
public interface PersonalityType {

  /**
   * The kind this type creates.
   *
   * @return the kind
   */
  PersonalityKind kind();

  /**
   * The protocol operations the personality understands, each mapped to its neutral operation (used
   * to validate protocol names in fault scripts and to label journal entries).
   *
   * @return the catalog
   */
  OperationCatalog operations();

  /**
   * The identity a fake of this kind reports unless the test sets one.
   *
   * @return a plausible identity for this kind of device
   */
  FakeIdentity defaultIdentity();

  /**
   * The password rules of this firmware unless the test sets them.
   *
   * @return the rules
   */
  DevicePasswordRules defaultPasswordRules();

  /**
   * The group (role) name this firmware shows for an account level.
   *
   * @param level the level
   * @return e.g. {@code admin} (Lorex) or {@code Administrator} (ONVIF)
   */
  String groupName(AccountLevel level);

  /**
   * Creates the personality of one fake.
   *
   * @param state the device's state
   * @param setup the builder's personality settings
   * @return the personality
   * @throws IllegalArgumentException if the setup is invalid for this kind
   */
  Personality create(DeviceState state, DeviceSetup setup);
}

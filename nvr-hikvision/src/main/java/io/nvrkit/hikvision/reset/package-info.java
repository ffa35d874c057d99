/**
 * The Hikvision password-reset procedure (SADP "Forgot Password" via Hikvision support) on the
 * core's request → grant → completion model: {@link io.nvrkit.hikvision.reset.HikvisionResetForm}
 * and {@link io.nvrkit.hikvision.reset.HikvisionReset}.
 */
package io.nvrkit.hikvision.reset;

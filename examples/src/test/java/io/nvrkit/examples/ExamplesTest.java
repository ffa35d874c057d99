package io.nvrkit.examples;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every example runs with no arguments against the embedded fakes and says what it did, so the
 * examples cannot rot. Output is captured from {@code System.out} (tests here run one at a time).
 */
class ExamplesTest {

  interface Main {
    void run(String[] args) throws Exception;
  }

  static String run(Main main) throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      main.run(new String[0]);
    } finally {
      System.setOut(original);
    }
    String out = captured.toString(StandardCharsets.UTF_8);
    original.print(out); // keep it visible in the test log
    return out;
  }

  static void assertLine(String out, String regex) {
    assertTrue(
        Pattern.compile(regex, Pattern.MULTILINE).matcher(out).find(),
        "no line matching /" + regex + "/ in:\n" + out);
  }

  @Test
  void readIdentity() throws Exception {
    String out = run(ReadIdentity::main);
    assertLine(out, "^connected to https://127\\.0\\.0\\.1:\\d+ with driver lorex$");
    assertLine(out, "^  SERIAL +ND021811019863 +NETWORK_AUTHENTICATED$");
    assertLine(out, "^  DEVICE_ID +- +NOT_READABLE_FROM_DEVICE$");
    assertLine(out, "^without the pin: refused: TLS certificate not trusted");
    assertFalse(out.contains("Admin12345"), "the password was printed");
  }

  @Test
  void changePassword() throws Exception {
    String out = run(ChangePassword::main);
    assertLine(out, "^login refused: .*attempts left before lockout: \\d");
    assertLine(out, "^weak password refused, nothing sent: .*CONTAINS_PERSONAL_INFO");
    assertLine(out, "^password of admin: CHANGED_AND_VERIFIED in \\d+ round trips");
    assertLine(out, "^  follow-up: Password vault: ");
    assertLine(out, "^device still accepts the old password: false$");
    assertFalse(out.contains("Old-Passw0rd"), "the password was printed");
  }

  @Test
  void lorexResetProcedure() throws Exception {
    String out = run(LorexResetProcedure::main);
    assertLine(out, "^read before login: serial ND021811019863$");
    assertLine(out, "^reset package written: .+");
    assertLine(out, "^ticket \\S+ SUBMITTED; granted yet: false$");
    assertLine(out, "^temporary password received, valid until \\S+Z$");
    assertLine(out, "^new admin password: CHANGED_AND_VERIFIED, recorder accepts it: true$");
    assertLine(out, "^  follow-up: Lorex mobile app");
  }

  @Test
  void rotateFleet() throws Exception {
    String out = run(RotateFleet::main);
    assertLine(
        out, "^rotation of 20 devices: RotationReport\\[committed=20, unchanged=0, stuck=0]$");
    assertLine(out, "^device 7: answers lost after applying the change: 1$");
    assertLine(out, "^vault holds 20 passwords; devices accepting theirs: 20$");
    assertFalse(out.contains("Fleet-Old-Pw1"), "the password was printed");
  }

  @Test
  void discoverOnvif() throws Exception {
    String out = run(DiscoverOnvif::main);
    assertLine(out, "^1 device\\(s\\) answered$");
    assertLine(out, "^  http://127\\.0\\.0\\.1:\\d+/onvif/device_service$");
    // the ONVIF fake's default identity (FakeIdentity.onvifDefaults())
    assertLine(out, "^    hardware NVR-1608, name NVR-1608$");
    assertLine(out, "^logged in: model NVR-1608, serial EV1608-2311-0042$");
  }
}

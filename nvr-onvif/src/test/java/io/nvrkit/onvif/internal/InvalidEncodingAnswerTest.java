package io.nvrkit.onvif.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.nvrkit.core.ProtocolException;
import io.nvrkit.core.spi.DeviceHttpResponse;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A device answering bytes that are not valid UTF-8 gets the module's typed exception, with a
 * message that names the problem and quotes nothing, and nothing is printed on standard error (the
 * JDK's XML reader prints a "[Fatal Error]" line for such bytes unless they are refused first).
 */
class InvalidEncodingAnswerTest {

  @Test
  void anAnswerThatIsNotUtf8IsAProtocolErrorAndNothingIsPrinted() {
    byte[] answer = Fixtures.GET_USERS.getBytes(StandardCharsets.UTF_8);
    String marker = "operator1";
    int at = new String(answer, StandardCharsets.ISO_8859_1).indexOf(marker) + marker.length();
    answer[at - 1] = (byte) 0xC3; // "operator\u00c3" followed by '<': a 2-byte sequence cut short
    byte[] body = answer;
    TestEnv t =
        new TestEnv(
            e ->
                ScriptedHttp.device(e)
                    .on(
                        "GetUsers",
                        r ->
                            new DeviceHttpResponse(
                                200,
                                Map.of("content-type", List.of("application/soap+xml")),
                                body.clone())));
    PrintStream original = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
    ProtocolException e;
    try (OnvifClient c = ClientBehaviourTest.connect(t)) {
      e = assertThrows(ProtocolException.class, c::users);
    } finally {
      System.setErr(original);
    }
    assertEquals("", printed.toString(StandardCharsets.UTF_8));
    assertTrue(
        e.getMessage().startsWith("answer to GetUsers refused: document is not valid UTF-8"),
        e.getMessage());
    assertFalse(e.getMessage().contains("operator"));
  }
}

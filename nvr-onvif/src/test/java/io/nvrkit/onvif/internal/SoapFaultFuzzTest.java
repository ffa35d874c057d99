package io.nvrkit.onvif.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.nvrkit.core.NvrException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/**
 * Fuzzes SOAP parsing and fault mapping directly (faster than through a session): {@link
 * SafeXml#parse} returns a tree or refuses with {@link SafeXml.RejectedXmlException}; a fault in
 * the Body is read by {@link SoapFault#in} and mapped by {@link FaultMapper#map} to an {@link
 * NvrException} whose message and vendor code are bounded. Nothing throws anything else. Seeds:
 * {@code SoapFaultFuzzTestInputs/}.
 */
class SoapFaultFuzzTest {
  @FuzzTest
  @Timeout(value = 10, unit = TimeUnit.SECONDS)
  void fault(byte[] xml) {
    XmlElement root;
    try {
      root = SafeXml.parse(xml);
    } catch (SafeXml.RejectedXmlException expected) {
      return;
    }
    assertNotNull(root.local());
    Optional<XmlElement> body = root.child(Ns.ENV, "Body");
    if (body.isEmpty()) {
      return;
    }
    Optional<SoapFault> f = SoapFault.in(body.get());
    if (f.isEmpty()) {
      return;
    }
    SoapFault fault = f.get();
    assertNotNull(fault.vendorCode());
    fault.announcedRemainingAttempts();
    NvrException e = FaultMapper.map(fault, "fuzz-device", "SetUser");
    assertNotNull(e.getMessage());
  }
}

package io.nvrkit.benchmarks;

import io.nvrkit.core.Secret;
import io.nvrkit.lorex.internal.CgiReply;
import io.nvrkit.onvif.internal.Requests;
import io.nvrkit.onvif.internal.SafeXml;
import io.nvrkit.onvif.internal.SoapWriter;
import io.nvrkit.onvif.internal.UsernameToken;
import io.nvrkit.onvif.internal.XmlElement;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Per-call CPU: SOAP build and parse (ONVIF), CGI parse (Lorex), WS-Security digest, and the SPI
 * reader's encoding pre-check over a 4 KiB answer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class WireBench {
  private final Secret password = Secret.of("New-Passw0rd-2-xyz!");
  private final byte[] nonce = UsernameToken.newNonce();
  private final String created = UsernameToken.created(Instant.parse("2026-11-25T01:00:00Z"));
  private final byte[] soapResponse =
      ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
              + "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\""
              + " xmlns:tds=\"http://www.onvif.org/ver10/device/wsdl\">"
              + "<env:Body><tds:GetDeviceInformationResponse>"
              + "<tds:Manufacturer>Lorex</tds:Manufacturer><tds:Model>N841A8</tds:Model>"
              + "<tds:FirmwareVersion>V4.000.00LX000.0.R</tds:FirmwareVersion>"
              + "<tds:SerialNumber>ND021811019863</tds:SerialNumber>"
              + "<tds:HardwareId>1.00</tds:HardwareId>"
              + "</tds:GetDeviceInformationResponse></env:Body></env:Envelope>")
          .getBytes(StandardCharsets.UTF_8);
  private final byte[] cgiResponse =
      ("deviceType=N841A8\r\nserialNumber=ND021811019863\r\n"
              + "version=4.000.00LX000.0.R, Build Date 2023-03-10\r\n"
              + "machineName=NVR\r\nprocessor=ST7108\r\nhardwareVersion=1.00\r\n")
          .getBytes(StandardCharsets.UTF_8);

  /**
   * Builds a SetUser request with a WS-UsernameToken header.
   *
   * @return the bytes
   */
  @Benchmark
  public byte[] soapBuildSetUser() {
    SoapWriter w = SoapWriter.envelope("tds", "tt", "wsse", "wsu");
    UsernameToken.write(w, "admin", password, Instant.parse("2026-11-25T01:00:00Z"));
    Requests.setUser(List.of(new Requests.UserEntry("admin", password, "Administrator"))).accept(w);
    return w.toUtf8();
  }

  /**
   * Parses a GetDeviceInformation response with the hardened parser.
   *
   * @return the root
   * @throws Exception never
   */
  @Benchmark
  public XmlElement soapParse() throws Exception {
    return SafeXml.parse(soapResponse);
  }

  /**
   * A 4 KiB answer, mostly ASCII with some multi-byte UTF-8: the size of a users or scopes list.
   */
  private final byte[] fourKiB = fourKiB();

  private static byte[] fourKiB() {
    StringBuilder sb =
        new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><env:Envelope><env:Body>");
    for (int i = 0; sb.length() < 4000; i++) {
      sb.append("<tt:Item Name=\"caméra-")
          .append(i)
          .append("\">Entrée ")
          .append(i)
          .append("</tt:Item>");
    }
    return sb.append("</env:Body></env:Envelope>").toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The SPI reader's encoding pre-check ({@code io.nvrkit.core.spi.SafeXml.checkEncoding}) over a 4
   * KiB UTF-8 answer: what every parsed device answer now pays before the XML reader.
   *
   * @return the document
   * @throws Exception never
   */
  @Benchmark
  public byte[] checkEncoding4KiB() throws Exception {
    io.nvrkit.core.spi.SafeXml.checkEncoding(fourKiB);
    return fourKiB;
  }

  /**
   * Parses a Dahua CGI key=value answer.
   *
   * @return the map
   */
  @Benchmark
  public Map<String, String> cgiParse() {
    return CgiReply.parse(cgiResponse, "bench", "getSystemInfo");
  }

  /**
   * Computes a WS-Security PasswordDigest.
   *
   * @return the digest
   */
  @Benchmark
  public String wsDigest() {
    return UsernameToken.digest(nonce, created, password);
  }
}

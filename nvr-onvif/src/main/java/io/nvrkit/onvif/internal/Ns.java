package io.nvrkit.onvif.internal;

/** Namespace URIs (onvif.md, "Namespaces"). Prefixes are ours; parsing goes by URI only. */
public final class Ns {
  private Ns() {}

  /** SOAP 1.2 envelope. */
  public static final String ENV = "http://www.w3.org/2003/05/soap-envelope";

  /** SOAP 1.1 envelope (only recognised, to report a version mismatch clearly). */
  public static final String ENV11 = "http://schemas.xmlsoap.org/soap/envelope/";

  /** ONVIF device management service. */
  public static final String TDS = "http://www.onvif.org/ver10/device/wsdl";

  /** ONVIF common schema. */
  public static final String TT = "http://www.onvif.org/ver10/schema";

  /** ONVIF fault subcodes. */
  public static final String TER = "http://www.onvif.org/ver10/error";

  /** WS-Security secext 1.0. */
  public static final String WSSE =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";

  /** WS-Security utility 1.0. */
  public static final String WSU =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";

  /** UsernameToken profile PasswordDigest type. */
  public static final String PASSWORD_DIGEST =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest";

  /** Base64 nonce encoding type. */
  public static final String BASE64_BINARY =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary";

  /** WS-Discovery 2005/04. */
  public static final String DISCOVERY = "http://schemas.xmlsoap.org/ws/2005/04/discovery";

  /** WS-Addressing 2004/08 (used by WS-Discovery 2005/04). */
  public static final String WSA = "http://schemas.xmlsoap.org/ws/2004/08/addressing";

  /** ONVIF network (discovery types). */
  public static final String DN = "http://www.onvif.org/ver10/network/wsdl";

  /** Media service namespace (for recognising services). */
  public static final String TRT = "http://www.onvif.org/ver10/media/wsdl";
}

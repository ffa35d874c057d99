package io.nvrkit.testkit.internal.onvif;

/** Namespace URIs of the ONVIF device service, SOAP 1.2, WS-Security and WS-Discovery. */
final class Ns {
  static final String SOAP12 = "http://www.w3.org/2003/05/soap-envelope";
  static final String SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/";
  static final String TDS = "http://www.onvif.org/ver10/device/wsdl";
  static final String TT = "http://www.onvif.org/ver10/schema";
  static final String TER = "http://www.onvif.org/ver10/error";
  static final String DN = "http://www.onvif.org/ver10/network/wsdl";
  static final String WSSE =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
  static final String WSU =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
  static final String PASSWORD_DIGEST =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordDigest";
  static final String PASSWORD_TEXT =
      "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText";
  static final String WSD = "http://schemas.xmlsoap.org/ws/2005/04/discovery";
  static final String WSA_2004 = "http://schemas.xmlsoap.org/ws/2004/08/addressing";
  static final String WSA_2005 = "http://www.w3.org/2005/08/addressing";
  static final String MEDIA = "http://www.onvif.org/ver10/media/wsdl";

  private Ns() {}
}

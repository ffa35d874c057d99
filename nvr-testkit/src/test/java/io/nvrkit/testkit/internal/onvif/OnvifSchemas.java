package io.nvrkit.testkit.internal.onvif;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.Source;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import org.junit.jupiter.api.Assumptions;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSInput;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXParseException;

/**
 * The official ONVIF schemas, read at test time from {@code -Dnvrkit.onvif.schemas} (never copied
 * into the project), compiled the way {@code onvif-schemas/tools/OnvifValidate.java} does it:
 * devicemgmt.wsdl's embedded schema + SOAP 1.2 envelope + WS-Security secext + WS-Discovery, every
 * import resolved to a local file, UPA full-checking off (the ONVIF schemas violate it).
 */
public final class OnvifSchemas {
  private static final Map<String, String> NS2FILE = new LinkedHashMap<>();

  static {
    NS2FILE.put("http://www.onvif.org/ver10/schema", "ver10/schema/onvif.xsd");
    NS2FILE.put("http://www.w3.org/2003/05/soap-envelope", "external/soap-envelope-1.2.xsd");
    NS2FILE.put("http://www.w3.org/XML/1998/namespace", "external/xml.xsd");
    NS2FILE.put("http://www.w3.org/2005/05/xmlmime", "external/xmlmime.xsd");
    NS2FILE.put("http://www.w3.org/2004/08/xop/include", "external/xop-include.xsd");
    NS2FILE.put("http://docs.oasis-open.org/wsn/b-2", "external/b-2.xsd");
    NS2FILE.put("http://docs.oasis-open.org/wsrf/bf-2", "external/bf-2.xsd");
    NS2FILE.put("http://docs.oasis-open.org/wsn/t-1", "external/t-1.xsd");
    NS2FILE.put("http://www.w3.org/2005/08/addressing", "external/ws-addr.xsd");
    NS2FILE.put("http://www.w3.org/2000/09/xmldsig#", "external/xmldsig-core-schema.xsd");
    NS2FILE.put(Ns.WSSE, "external/oasis-200401-wss-wssecurity-secext-1.0.xsd");
    NS2FILE.put(Ns.WSU, "external/oasis-200401-wss-wssecurity-utility-1.0.xsd");
    NS2FILE.put(Ns.WSD, "external/ws-discovery.xsd");
    NS2FILE.put(Ns.WSA_2004, "external/addressing-2004-08.xsd");
  }

  private static Schema schema;
  private static Path dir;

  private OnvifSchemas() {}

  /** The schema directory, or a skipped test (with a visible warning) when it is absent. */
  public static synchronized Path dirOrSkip() {
    String p = System.getProperty("nvrkit.onvif.schemas");
    Path d = p == null ? null : Paths.get(p).toAbsolutePath().normalize();
    if (d == null || !Files.isRegularFile(d.resolve("ver10/device/wsdl/devicemgmt.wsdl"))) {
      System.err.println(
          "WARNING: ONVIF schemas not found (system property nvrkit.onvif.schemas="
              + p
              + "); schema validation tests are SKIPPED");
      Assumptions.abort("ONVIF schemas not available at " + p);
    }
    return d;
  }

  public static synchronized Schema schema() throws Exception {
    if (schema != null) {
      return schema;
    }
    dir = dirOrSkip();
    DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
    dbf.setNamespaceAware(true);
    Path wsdl = dir.resolve("ver10/device/wsdl/devicemgmt.wsdl");
    Document wd = dbf.newDocumentBuilder().parse(wsdl.toFile());
    Element tdsSchema =
        (Element) wd.getElementsByTagNameNS(XMLConstants.W3C_XML_SCHEMA_NS_URI, "schema").item(0);
    copyNamespaces(tdsSchema.getParentNode(), tdsSchema);
    SchemaFactory sf = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    sf.setFeature("http://apache.org/xml/features/validation/schema-full-checking", false);
    sf.setResourceResolver(
        (type, ns, publicId, systemId, baseUri) -> {
          Path p = null;
          if (systemId != null && baseUri != null) {
            URI u = URI.create(baseUri).resolve(systemId);
            if ("file".equals(u.getScheme()) && Files.isRegularFile(Paths.get(u))) {
              p = Paths.get(u);
            }
          }
          if (p == null && ns != null && NS2FILE.containsKey(ns)) {
            p = dir.resolve(NS2FILE.get(ns));
          }
          if (p == null) {
            throw new IllegalStateException("unmapped schema import ns=" + ns + " loc=" + systemId);
          }
          try {
            LSInput in =
                ((DOMImplementationLS)
                        DocumentBuilderFactory.newInstance()
                            .newDocumentBuilder()
                            .getDOMImplementation())
                    .createLSInput();
            in.setByteStream(Files.newInputStream(p));
            in.setSystemId(p.toUri().toString());
            in.setPublicId(publicId);
            return in;
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
    Source[] srcs = {
      new StreamSource(dir.resolve(NS2FILE.get(Soap.ENV)).toFile()),
      new StreamSource(dir.resolve(NS2FILE.get(Ns.WSSE)).toFile()),
      new DOMSource(tdsSchema, wsdl.toUri().toString()),
      new StreamSource(dir.resolve(NS2FILE.get(Ns.WSD)).toFile()),
    };
    schema = sf.newSchema(srcs);
    return schema;
  }

  private static void copyNamespaces(Node from, Element to) {
    for (Node p = from; p instanceof Element; p = p.getParentNode()) {
      NamedNodeMap at = p.getAttributes();
      for (int i = 0; i < at.getLength(); i++) {
        Attr x = (Attr) at.item(i);
        if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(x.getNamespaceURI())
            && !to.hasAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, x.getLocalName())) {
          to.setAttributeNS(XMLConstants.XMLNS_ATTRIBUTE_NS_URI, x.getName(), x.getValue());
        }
      }
    }
  }

  /**
   * Validates a SOAP message as a whole envelope and its first Body child alone (strict).
   *
   * @return the errors, empty if valid
   */
  public static List<String> validate(byte[] xml) throws Exception {
    Schema s = schema();
    List<String> errs = new ArrayList<>();
    DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
    dbf.setNamespaceAware(true);
    dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document d = dbf.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    Validator v = s.newValidator();
    v.setErrorHandler(collector(errs));
    v.validate(new DOMSource(d));
    Element body = (Element) d.getElementsByTagNameNS(Soap.ENV, "Body").item(0);
    if (body == null) {
      errs.add("no Body");
      return errs;
    }
    Element payload = null;
    for (Node n = body.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element) {
        payload = (Element) n;
        break;
      }
    }
    if (payload == null) {
      errs.add("empty Body");
      return errs;
    }
    Document pd = dbf.newDocumentBuilder().newDocument();
    Element copy = (Element) pd.importNode(payload, true);
    pd.appendChild(copy);
    copyNamespaces(payload.getParentNode(), copy);
    Validator v2 = s.newValidator();
    v2.setErrorHandler(collector(errs));
    v2.validate(new DOMSource(pd));
    return errs;
  }

  public static List<String> validate(InputStream in) throws Exception {
    return validate(in.readAllBytes());
  }

  private static ErrorHandler collector(List<String> errs) {
    return new ErrorHandler() {
      @Override
      public void warning(SAXParseException e) {}

      @Override
      public void error(SAXParseException e) {
        errs.add(e.getMessage());
      }

      @Override
      public void fatalError(SAXParseException e) {
        errs.add(e.getMessage());
      }
    };
  }
}

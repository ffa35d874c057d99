package io.nvrkit.onvif.internal;

import java.io.ByteArrayInputStream;
import java.io.FileInputStream;
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
 * Validates SOAP messages against the official ONVIF schemas read from the directory named by the
 * system property {@code nvrkit.onvif.schemas} (never copied into the project), as
 * onvif-schemas/tools/OnvifValidate.java does: the whole envelope (Header/Body lax) and the first
 * Body child alone (strict). Skips the calling test, with a visible warning, when the schemas are
 * absent.
 */
final class OnvifSchemas {
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
    NS2FILE.put(Ns.DISCOVERY, "external/ws-discovery.xsd");
    NS2FILE.put(Ns.WSA, "external/addressing-2004-08.xsd");
  }

  private static Schema schema;

  private OnvifSchemas() {}

  /** The compiled schema, or a skipped test if the schemas are not there. */
  static synchronized Schema schema() throws Exception {
    String prop = System.getProperty("nvrkit.onvif.schemas");
    Path dir = prop == null ? null : Paths.get(prop).toAbsolutePath().normalize();
    if (dir == null || !Files.isRegularFile(dir.resolve("ver10/device/wsdl/devicemgmt.wsdl"))) {
      System.err.println(
          "WARNING: ONVIF schemas not found (system property nvrkit.onvif.schemas="
              + prop
              + "): schema validation tests are SKIPPED");
      Assumptions.abort("ONVIF schemas absent: " + prop);
    }
    if (schema != null) {
      return schema;
    }
    DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
    dbf.setNamespaceAware(true);
    Path wsdl = dir.resolve("ver10/device/wsdl/devicemgmt.wsdl");
    Document wd = dbf.newDocumentBuilder().parse(wsdl.toFile());
    Element tds =
        (Element) wd.getElementsByTagNameNS(XMLConstants.W3C_XML_SCHEMA_NS_URI, "schema").item(0);
    copyNamespaces(tds.getParentNode(), tds);
    SchemaFactory sf = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    // the ONVIF schemas violate Unique Particle Attribution (onvif-schemas/README.md gotcha 1)
    sf.setFeature("http://apache.org/xml/features/validation/schema-full-checking", false);
    final Path base = dir;
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
            p = base.resolve(NS2FILE.get(ns));
          }
          if (p == null) {
            throw new IllegalStateException("unmapped schema import " + ns + " " + systemId);
          }
          try {
            LSInput in =
                ((DOMImplementationLS)
                        DocumentBuilderFactory.newInstance()
                            .newDocumentBuilder()
                            .getDOMImplementation())
                    .createLSInput();
            in.setByteStream(new FileInputStream(p.toFile()));
            in.setSystemId(p.toUri().toString());
            in.setPublicId(publicId);
            return in;
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
    Source[] srcs = {
      new StreamSource(dir.resolve(NS2FILE.get(Ns.ENV)).toFile()),
      new StreamSource(dir.resolve(NS2FILE.get(Ns.WSSE)).toFile()),
      new DOMSource(tds, wsdl.toUri().toString()),
      new StreamSource(dir.resolve(NS2FILE.get(Ns.DISCOVERY)).toFile()),
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

  /** The validation errors of one message (empty = valid). */
  static List<String> errors(byte[] message) throws Exception {
    Schema s = schema();
    DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
    dbf.setNamespaceAware(true);
    dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document d = dbf.newDocumentBuilder().parse(new ByteArrayInputStream(message));
    List<String> errs = new ArrayList<>();
    ErrorHandler h =
        new ErrorHandler() {
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
    Validator v = s.newValidator();
    v.setErrorHandler(h);
    v.validate(new DOMSource(d));
    Element body = (Element) d.getElementsByTagNameNS(Ns.ENV, "Body").item(0);
    Element payload = null;
    for (Node n = body == null ? null : body.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element) {
        payload = (Element) n;
        break;
      }
    }
    if (payload == null) {
      errs.add("no Body child");
      return errs;
    }
    Document pd = dbf.newDocumentBuilder().newDocument();
    Element copy = (Element) pd.importNode(payload, true);
    pd.appendChild(copy);
    copyNamespaces(payload.getParentNode(), copy);
    Validator v2 = s.newValidator();
    v2.setErrorHandler(h);
    v2.validate(new DOMSource(pd));
    return errs;
  }
}

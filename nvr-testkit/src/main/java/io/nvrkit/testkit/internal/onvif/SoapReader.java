package io.nvrkit.testkit.internal.onvif;

import io.nvrkit.core.spi.SafeXml;
import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A hardened StAX reader for untrusted SOAP requests and WS-Discovery datagrams: no DTD (a DOCTYPE
 * is refused, as SOAP 1.2 part 1 §5 requires), no external entities, no entity expansion, bounded
 * size, depth and element count, bytes not valid in the document's encoding refused before the
 * JDK's reader sees them ({@link SafeXml#checkEncoding}: it would print on standard error). Names
 * are resolved by namespace URI, so any prefixes (including default namespaces) are accepted.
 */
final class SoapReader {
  /** Largest request accepted (a CreateUsers with many users is a few KiB). */
  static final int MAX_BYTES = 256 * 1024;

  static final int MAX_DEPTH = 32;
  static final int MAX_ELEMENTS = 4096;

  /**
   * Documents one thread's factory serves before it is replaced: its reused reader keeps every name
   * it has read in its symbol table, so hostile requests with ever new names must not grow it for
   * the thread's life.
   */
  static final int MAX_DOCUMENTS_PER_FACTORY = 100;

  /**
   * One factory per thread (the JDK does not promise that a shared factory is thread-safe), with
   * the number of documents it has read.
   */
  private static final ThreadLocal<CountedFactory> FACTORY =
      ThreadLocal.withInitial(CountedFactory::new);

  /** A thread's factory and its use count. */
  private static final class CountedFactory {
    final XMLInputFactory factory = newFactory();
    int documents;
  }

  /** The calling thread's factory now (for tests). */
  static XMLInputFactory threadFactory() {
    return FACTORY.get().factory;
  }

  private SoapReader() {}

  private static XMLInputFactory newFactory() {
    // the JDK parser, never whatever StAX implementation the classpath offers
    XMLInputFactory f = XMLInputFactory.newDefaultFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    f.setProperty(XMLInputFactory.IS_COALESCING, true);
    f.setXMLResolver(
        (publicId, systemId, baseUri, namespace) -> {
          throw new XMLStreamException("external resources are not allowed");
        });
    try {
      f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
    } catch (IllegalArgumentException ignored) {
      // not supported by this StAX implementation; SUPPORT_DTD=false already applies
    }
    try {
      // the JDK reader's own option: a closed reader (and its symbol table) serves the thread's
      // next document, instead of a new reader per request; safe because the factory is this
      // thread's alone and every reader is closed before the next is made
      f.setProperty("reuse-instance", Boolean.TRUE);
    } catch (IllegalArgumentException ignored) {
      // another StAX implementation: a new reader per document
    }
    return f;
  }

  /**
   * Parses a document.
   *
   * @throws SoapFault {@code env:Sender/ter:WellFormed} for anything malformed, a DOCTYPE or an
   *     exceeded bound
   */
  static XmlNode parse(byte[] body) {
    if (body.length == 0) {
      throw SoapFault.wellFormed("Empty request body");
    }
    if (body.length > MAX_BYTES) {
      throw SoapFault.wellFormed("Request too large");
    }
    XMLStreamReader r = null;
    try {
      // bytes not valid in the document's encoding are refused here (as not well-formed): the
      // JDK's reader would print a "[Fatal Error]" line on standard error for them first
      SafeXml.checkEncoding(body);
      CountedFactory own = FACTORY.get();
      if (++own.documents > MAX_DOCUMENTS_PER_FACTORY) {
        FACTORY.remove();
        own = FACTORY.get();
        own.documents = 1;
      }
      r = own.factory.createXMLStreamReader(new ByteArrayInputStream(body));
      Deque<XmlNode> stack = new ArrayDeque<>();
      XmlNode root = null;
      int elements = 0;
      while (r.hasNext()) {
        int ev = r.next();
        switch (ev) {
          case XMLStreamConstants.DTD:
            throw SoapFault.wellFormed(
                "A SOAP message must not contain a Document Type Declaration");
          case XMLStreamConstants.ENTITY_REFERENCE:
            throw SoapFault.wellFormed("Entity references are not allowed");
          case XMLStreamConstants.START_ELEMENT:
            if (++elements > MAX_ELEMENTS || stack.size() >= MAX_DEPTH) {
              throw SoapFault.wellFormed("Request nests too deep or has too many elements");
            }
            Map<String, String> scope =
                stack.isEmpty() ? new HashMap<>() : XmlNode.inherit(stack.peek().nsInScope);
            for (int i = 0; i < r.getNamespaceCount(); i++) {
              String p = r.getNamespacePrefix(i);
              scope.put(
                  p == null ? "" : p, r.getNamespaceURI(i) == null ? "" : r.getNamespaceURI(i));
            }
            Map<QName, String> attrs = new HashMap<>();
            for (int i = 0; i < r.getAttributeCount(); i++) {
              QName an = r.getAttributeName(i);
              attrs.put(new QName(an.getNamespaceURI(), an.getLocalPart()), r.getAttributeValue(i));
            }
            XmlNode n = new XmlNode(r.getNamespaceURI(), r.getLocalName(), attrs, scope);
            if (stack.isEmpty()) {
              root = n;
            } else {
              stack.peek().children.add(n);
            }
            stack.push(n);
            break;
          case XMLStreamConstants.END_ELEMENT:
            stack.pop();
            break;
          case XMLStreamConstants.CHARACTERS:
          case XMLStreamConstants.CDATA:
          case XMLStreamConstants.SPACE:
            if (!stack.isEmpty()) {
              stack.peek().text.append(r.getText());
            }
            break;
          default:
            break;
        }
      }
      if (root == null) {
        throw SoapFault.wellFormed("No root element");
      }
      return root;
    } catch (XMLStreamException | RuntimeException e) {
      FACTORY.remove(); // nothing of a refused document (its names) stays in this thread's reader
      if (e instanceof SoapFault) {
        throw (SoapFault) e;
      }
      throw SoapFault.wellFormed("The request is not well-formed XML");
    } finally {
      if (r != null) {
        try {
          r.close();
        } catch (XMLStreamException ignored) {
          // nothing to release
        }
      }
    }
  }
}

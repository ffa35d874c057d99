package io.nvrkit.core.internal.reset;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Hardened JSON for untrusted reset-desk answers and package manifests: size-bounded documents,
 * shallow nesting, short strings and numbers, duplicate keys and trailing tokens refused. Only
 * trees are read (no polymorphic binding).
 */
public final class BoundedJson {
  /** Largest document accepted by {@link #parseObject}. */
  public static final int MAX_DOCUMENT_BYTES = 256 * 1024;

  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxDocumentLength(MAX_DOCUMENT_BYTES)
                          .maxNestingDepth(16)
                          .maxStringLength(64 * 1024)
                          .maxNumberLength(32)
                          .maxNameLength(256)
                          .build())
                  .build())
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private BoundedJson() {}

  /**
   * Parses a JSON object.
   *
   * @param bytes the document (UTF-8)
   * @return the object
   * @throws IOException if it is larger than {@link #MAX_DOCUMENT_BYTES}, malformed, or not an
   *     object
   */
  public static ObjectNode parseObject(byte[] bytes) throws IOException {
    if (bytes.length > MAX_DOCUMENT_BYTES) {
      throw new IOException("JSON document larger than " + MAX_DOCUMENT_BYTES + " bytes");
    }
    JsonNode n = MAPPER.readTree(bytes);
    if (n == null || !n.isObject()) {
      throw new IOException("JSON document is not an object");
    }
    return (ObjectNode) n;
  }

  /**
   * A new empty object to build a document.
   *
   * @return the node
   */
  public static ObjectNode newObject() {
    return MAPPER.createObjectNode();
  }

  /**
   * Serializes a tree, pretty-printed, UTF-8.
   *
   * @param node the tree
   * @return the bytes
   */
  public static byte[] write(JsonNode node) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialize JSON", e);
    }
  }

  /**
   * A required text member.
   *
   * @param o the object
   * @param name the member
   * @return its text
   * @throws IOException if absent or not a string
   */
  public static String text(JsonNode o, String name) throws IOException {
    JsonNode v = o.get(name);
    if (v == null || !v.isTextual()) {
      throw new IOException("member '" + name + "' is missing or not a string");
    }
    return v.textValue();
  }

  /**
   * An optional text member.
   *
   * @param o the object
   * @param name the member
   * @return its text, or null if absent or JSON null
   * @throws IOException if present and not a string
   */
  public static String optText(JsonNode o, String name) throws IOException {
    JsonNode v = o.get(name);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw new IOException("member '" + name + "' is not a string");
    }
    return v.textValue();
  }
}

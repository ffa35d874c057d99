package io.nvrkit.lorex.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.nvrkit.core.ProtocolException;
import java.io.IOException;

/** JSON reading and writing for RPC2, with bounded nesting and strings. Thread-safe. */
final class Json {
  static final ObjectMapper MAPPER =
      JsonMapper.builder().disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  static {
    MAPPER
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(64)
                .maxStringLength(1 << 20)
                .maxNumberLength(64)
                .build());
  }

  private Json() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static byte[] bytes(JsonNode n) {
    try {
      return MAPPER.writeValueAsBytes(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Parses a JSON object or throws {@link ProtocolException} (never quoting the body). */
  static JsonNode parseObject(byte[] body, String device, String op) {
    JsonNode n;
    try {
      n = MAPPER.readTree(body);
    } catch (IOException e) {
      throw new ProtocolException("device answered malformed JSON", device, op, null);
    }
    if (n == null || !n.isObject()) {
      throw new ProtocolException("device answered JSON that is not an object", device, op, null);
    }
    return n;
  }
}

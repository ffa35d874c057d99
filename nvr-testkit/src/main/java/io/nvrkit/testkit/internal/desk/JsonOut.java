package io.nvrkit.testkit.internal.desk;

/** A tiny JSON writer for the fake desk's answers (no dependency needed for flat objects). */
public final class JsonOut {
  private final StringBuilder sb = new StringBuilder("{");
  private boolean first = true;

  /**
   * Adds a string member (or null).
   *
   * @param name the name
   * @param value the value, or null
   * @return this
   */
  public JsonOut put(String name, CharSequence value) {
    key(name);
    if (value == null) {
      sb.append("null");
    } else {
      quote(sb, value);
    }
    return this;
  }

  /**
   * Adds a raw JSON value (an array or object already written).
   *
   * @param name the name
   * @param json the JSON text
   * @return this
   */
  public JsonOut raw(String name, String json) {
    key(name);
    sb.append(json);
    return this;
  }

  /**
   * Closes the object.
   *
   * @return the JSON text
   */
  public String end() {
    return sb.append('}').toString();
  }

  private void key(String name) {
    if (!first) {
      sb.append(',');
    }
    first = false;
    quote(sb, name);
    sb.append(':');
  }

  /**
   * Appends a JSON string literal.
   *
   * @param sb where
   * @param s the string
   */
  public static void quote(StringBuilder sb, CharSequence s) {
    // Jackson's encoder: RFC 8259 escaping, control characters included; no String copy of s
    sb.append('"')
        .append(com.fasterxml.jackson.core.io.JsonStringEncoder.getInstance().quoteAsString(s))
        .append('"');
  }
}

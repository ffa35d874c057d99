package io.nvrkit.testkit.fuzz;

import io.nvrkit.core.DeviceEndpoint;
import io.nvrkit.core.spi.DeviceHttp;
import io.nvrkit.core.spi.DeviceHttpRequest;
import io.nvrkit.core.spi.DeviceHttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * A device whose answers come from a fuzz input, in order, whatever was asked: the adapters' fuzz
 * tests (Lorex, ONVIF, Hikvision) drive a whole session through it. Answers are separated by the
 * line {@code ~~}; an answer that starts with {@code @NNN} and a newline has HTTP status NNN,
 * otherwise 200; every answer carries the one content type given. When the input runs out every
 * further request gets an empty 500. A client that keeps asking past {@link #MAX_REQUESTS} fails
 * the test (an unbounded loop). Not thread-safe: one session per instance.
 */
public final class FuzzedDeviceHttp implements DeviceHttp {
  /** Requests allowed before the test fails as an unbounded loop. */
  public static final int MAX_REQUESTS = 200;

  private static final byte[] SEPARATOR = "\n~~\n".getBytes(StandardCharsets.US_ASCII);

  private final DeviceEndpoint endpoint;
  private final Deque<DeviceHttpResponse> answers = new ArrayDeque<>();
  private long requests;

  /**
   * A device answering with the input's answers.
   *
   * @param endpoint the address the client believes it talks to
   * @param input the answers, separated by lines {@code ~~}
   * @param contentType the {@code Content-Type} of every answer, e.g. {@code application/xml}
   */
  public FuzzedDeviceHttp(DeviceEndpoint endpoint, byte[] input, String contentType) {
    this.endpoint = endpoint;
    int from = 0;
    while (from <= input.length) {
      int sep = indexOf(input, SEPARATOR, from);
      int to = sep < 0 ? input.length : sep;
      answers.add(answer(Arrays.copyOfRange(input, from, to), contentType));
      if (sep < 0) {
        break;
      }
      from = sep + SEPARATOR.length;
    }
  }

  private static DeviceHttpResponse answer(byte[] chunk, String contentType) {
    int status = 200;
    byte[] body = chunk;
    if (chunk.length >= 5 && chunk[0] == '@' && chunk[4] == '\n') {
      String digits = new String(chunk, 1, 3, StandardCharsets.US_ASCII);
      if (digits.chars().allMatch(Character::isDigit)) {
        status = Integer.parseInt(digits);
        body = Arrays.copyOfRange(chunk, 5, chunk.length);
      }
    }
    return new DeviceHttpResponse(status, Map.of("content-type", List.of(contentType)), body);
  }

  private static int indexOf(byte[] a, byte[] b, int from) {
    outer:
    for (int i = from; i <= a.length - b.length; i++) {
      for (int j = 0; j < b.length; j++) {
        if (a[i + j] != b[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Override
  public DeviceHttpResponse execute(DeviceHttpRequest request) {
    if (++requests > MAX_REQUESTS) {
      throw new AssertionError("the client keeps sending requests: " + requests);
    }
    DeviceHttpResponse r = answers.poll();
    return r != null ? r : new DeviceHttpResponse(500, Map.of(), new byte[0]);
  }

  @Override
  public DeviceEndpoint endpoint() {
    return endpoint;
  }

  @Override
  public long roundTrips() {
    return requests;
  }

  @Override
  public void close() {}
}

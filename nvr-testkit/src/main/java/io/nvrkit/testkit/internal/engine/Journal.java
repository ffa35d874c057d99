package io.nvrkit.testkit.internal.engine;

import io.nvrkit.testkit.RecordedRequest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/** A bounded, thread-safe list of {@link RecordedRequest}s; the oldest are dropped when full. */
public final class Journal {
  private final int capacity;
  private final ArrayDeque<RecordedRequest> entries = new ArrayDeque<>();

  /**
   * A journal.
   *
   * @param capacity the most entries kept
   */
  public Journal(int capacity) {
    this.capacity = capacity;
  }

  /**
   * Records a request.
   *
   * @param r the entry
   */
  public synchronized void add(RecordedRequest r) {
    if (entries.size() >= capacity) {
      entries.removeFirst();
    }
    entries.addLast(r);
  }

  /**
   * A snapshot, oldest first.
   *
   * @return the entries
   */
  public synchronized List<RecordedRequest> snapshot() {
    return new ArrayList<>(entries);
  }

  /** Removes every entry. */
  public synchronized void clear() {
    entries.clear();
  }
}

package io.rmote;

import java.time.Instant;
import java.util.ArrayDeque;

/**
 * The log records of one pending call, as they arrive on the reader thread: the last {@value
 * #MAX_RECORDS} and at most {@value #MAX_CHARS} characters of text, so a call that logs without end
 * holds a bounded amount of memory. Those let go are counted, and the count is the first record
 * {@link #attachTo} adds.
 */
final class CallLog {
  static final int MAX_RECORDS = 50;
  static final int MAX_CHARS = 64 * 1024;

  private final ArrayDeque<RemoteLogRecord> records = new ArrayDeque<>();
  private long chars;
  private long dropped;
  private Instant firstDropped;

  synchronized void add(RemoteLogRecord r) {
    String text = r.message();
    if (text.length() > MAX_CHARS) { // cut short enough that the note fits too
      int cut = MAX_CHARS - 64 - (Character.isHighSurrogate(text.charAt(MAX_CHARS - 65)) ? 1 : 0);
      text = text.substring(0, cut) + "... (cut: " + (text.length() - cut) + " more characters)";
      r = new RemoteLogRecord(r.level(), r.logger(), text, r.time(), r.thread());
    }
    records.addLast(r);
    chars += text.length();
    while (records.size() > MAX_RECORDS || chars > MAX_CHARS) {
      RemoteLogRecord old = records.removeFirst();
      chars -= old.message().length();
      if (dropped++ == 0) firstDropped = old.time();
    }
  }

  /** Adds the records to {@code e}'s suppressed throwables, oldest first. */
  synchronized void attachTo(Throwable e) {
    if (dropped > 0) {
      e.addSuppressed(
          new RemoteLogRecord(
              30,
              "rmote",
              dropped
                  + " earlier log records of this call not kept (from "
                  + firstDropped
                  + " on): a failed call keeps the last "
                  + MAX_RECORDS
                  + " and "
                  + MAX_CHARS / 1024
                  + " KiB of text",
              firstDropped,
              ""));
    }
    for (RemoteLogRecord r : records) e.addSuppressed(r);
  }
}

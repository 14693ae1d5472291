package io.slabcache.server.net;

import java.util.function.LongSupplier;

/**
 * Whether the server accepts connections, and memcached's record of the times it stopped: {@code
 * accepting_conns}, {@code listen_disabled_num} and {@code time_in_listen_disabled_us}. As in
 * memcached, listening stops only when accept() fails for want of file descriptors, and may resume
 * once a connection has closed since (memcached's {@code allow_new_conns}).
 */
final class ListenState {

  private final LongSupplier nanoClock;

  /** Set by every connection that closes; cleared when listening stops. */
  private volatile boolean connectionClosed;

  private boolean accepting = true;
  private long disabledCount;
  private long disabledNanos;
  private long disabledSince;

  ListenState(LongSupplier nanoClock) {
    this.nanoClock = nanoClock;
  }

  /** Stops listening; false if it had stopped already. */
  synchronized boolean stop() {
    if (!accepting) {
      return false;
    }
    accepting = false;
    connectionClosed = false;
    disabledCount++;
    disabledSince = nanoClock.getAsLong();
    return true;
  }

  /** A connection closed, and its descriptor with it. */
  void connectionClosed() {
    connectionClosed = true;
  }

  /** Whether a connection has closed since listening stopped, so that accepting may work again. */
  boolean mayResume() {
    return connectionClosed;
  }

  /** Listening again: the time without it counts in {@code time_in_listen_disabled_us}. */
  synchronized void resume() {
    if (!accepting) {
      accepting = true;
      disabledNanos += nanoClock.getAsLong() - disabledSince;
    }
  }

  synchronized boolean accepting() {
    return accepting;
  }

  synchronized long disabledCount() {
    return disabledCount;
  }

  /**
   * The time spent not listening, as memcached counts it: each stop adds when listening resumes.
   */
  synchronized long disabledMicros() {
    return disabledNanos / 1000;
  }

  /**
   * {@code stats reset}: memcached zeroes both counters, not {@code accepting_conns}. A stop still
   * under way counts from the reset on (memcached forgets when it began, and would add the time
   * since 1970 when listening resumes).
   */
  synchronized void resetCounts() {
    disabledCount = 0;
    disabledNanos = 0;
    if (!accepting) {
      disabledSince = nanoClock.getAsLong();
    }
  }
}

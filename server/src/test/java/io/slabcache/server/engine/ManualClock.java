package io.slabcache.server.engine;

import java.util.concurrent.atomic.AtomicLong;

/** A clock the tests move by hand. */
final class ManualClock implements EngineClock {

  private final AtomicLong millis = new AtomicLong(1_700_000_000_000L);

  @Override
  public long currentTimeMillis() {
    return millis.get();
  }

  void advanceSeconds(long seconds) {
    millis.addAndGet(seconds * 1000);
  }

  long unixSeconds() {
    return millis.get() / 1000;
  }
}

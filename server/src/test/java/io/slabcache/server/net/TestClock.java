package io.slabcache.server.net;

import io.slabcache.server.engine.EngineClock;
import java.util.concurrent.atomic.AtomicLong;

/** A clock the test moves. */
final class TestClock implements EngineClock {

  private final AtomicLong millis = new AtomicLong(1_700_000_000_000L);

  @Override
  public long currentTimeMillis() {
    return millis.get();
  }

  void advanceSeconds(long seconds) {
    millis.addAndGet(seconds * 1000);
  }
}

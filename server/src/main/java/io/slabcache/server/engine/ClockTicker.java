package io.slabcache.server.engine;

import java.util.concurrent.TimeUnit;

/** memcached's clock handler: moves the engine's time on at every second of the wall clock. */
final class ClockTicker extends EngineThread {

  private final EngineTime time;

  ClockTicker(EngineTime time) {
    super("slabcache-clock");
    this.time = time;
  }

  @Override
  long step() {
    return TimeUnit.MILLISECONDS.toNanos(time.tick());
  }
}

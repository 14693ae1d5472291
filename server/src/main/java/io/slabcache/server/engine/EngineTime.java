package io.slabcache.server.engine;

/**
 * memcached's clock: whole seconds relative to the engine's start, so that times fit in an int, and
 * the conversion of protocol exptimes into it. On the wall clock it is memcached's {@code
 * current_time}, a number that {@link #tick()} moves once a second, so that an operation reads a
 * field instead of the system's clock; on any other clock (a test's) it reads that clock each time.
 */
final class EngineTime {

  /** A relative time that is always in the past: the exptime of an already expired item. */
  static final int EXPIRED = 1;

  private final EngineClock clock;

  /** Unix second that relative time 0 stands for; chosen so that "now" is never below 2. */
  private final long base;

  /** Whether {@link #tick()} keeps {@link #current} up to date. */
  private final boolean ticking;

  private volatile int current;

  EngineTime(EngineClock clock) {
    this.clock = clock;
    this.base = clock.currentTimeMillis() / 1000 - 2;
    this.ticking = clock == EngineClock.SYSTEM;
    this.current = read();
  }

  /** Whether the time moves by {@link #tick()} rather than by reading the clock. */
  boolean ticking() {
    return ticking;
  }

  /** Current engine time. */
  int now() {
    return ticking ? current : read();
  }

  /** Reads the clock into the current time; returns the milliseconds until the next second. */
  long tick() {
    long millis = clock.currentTimeMillis();
    current = relative(millis);
    return 1000 - millis % 1000;
  }

  private int read() {
    return relative(clock.currentTimeMillis());
  }

  private int relative(long millis) {
    long relative = millis / 1000 - base;
    return (int) Math.min(Math.max(relative, 2), Integer.MAX_VALUE);
  }

  /** memcached's realtime(): a protocol exptime as engine time, 0 for never. */
  int toEngine(long exptime, int now) {
    if (exptime == 0) {
      return 0;
    }
    if (exptime < 0) {
      return EXPIRED;
    }
    long relative;
    if (exptime > SlabEngine.REALTIME_MAXDELTA) {
      if (exptime <= base) {
        return EXPIRED;
      }
      relative = exptime - base;
    } else {
      relative = exptime + now;
    }
    return (int) Math.min(relative, Integer.MAX_VALUE);
  }

  /** Engine time as unix seconds (0 stays 0). */
  long toUnix(int engineTime) {
    return engineTime == 0 ? 0 : engineTime + base;
  }

  /** memcached's "seconds left": -1 for never. */
  static long ttl(int exptime, int now) {
    return exptime == 0 ? -1 : (long) exptime - now;
  }
}

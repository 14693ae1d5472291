package io.slabcache.server.engine;

/**
 * The engine's source of time. memcached keeps time in whole seconds; so does the engine, which
 * makes a clock the tests can move enough to test expiry without sleeping.
 */
@FunctionalInterface
public interface EngineClock {

  /** Current unix time in milliseconds. */
  long currentTimeMillis();

  /**
   * The wall clock. An engine on it reads it once a second, as memcached's clock ticks, rather than
   * on every operation.
   */
  EngineClock SYSTEM = System::currentTimeMillis;

  /** The wall clock, {@link #SYSTEM}. */
  static EngineClock system() {
    return SYSTEM;
  }
}

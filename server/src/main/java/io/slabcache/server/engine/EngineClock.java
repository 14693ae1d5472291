package io.slabcache.server.engine;

/**
 * The engine's source of time. memcached keeps time in whole seconds; so does the engine, which
 * makes a clock the tests can move enough to test expiry without sleeping.
 */
@FunctionalInterface
public interface EngineClock {

  /** Current unix time in milliseconds. */
  long currentTimeMillis();

  /** The wall clock. */
  static EngineClock system() {
    return System::currentTimeMillis;
  }
}

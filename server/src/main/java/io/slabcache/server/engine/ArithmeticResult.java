package io.slabcache.server.engine;

/**
 * Outcome of incr/decr.
 *
 * @param status what happened
 * @param value the new value (compare unsigned) when {@code status} is {@link ArithmeticStatus#OK}
 * @param cas the item's new CAS unique when {@code status} is OK
 * @param ttl the item's seconds left to live when {@code status} is OK, -1 for never
 */
public record ArithmeticResult(ArithmeticStatus status, long value, long cas, long ttl) {

  static ArithmeticResult of(ArithmeticStatus status) {
    return new ArithmeticResult(status, 0, 0, -1);
  }

  public boolean ok() {
    return status == ArithmeticStatus.OK;
  }
}

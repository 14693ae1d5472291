package io.slabcache.server.engine;

/**
 * Outcome of incr/decr, with what its lookup found, which memcached's {@code watch fetchers}
 * reports whether or not the arithmetic happened.
 *
 * @param status what happened
 * @param value the new value (compare unsigned) when {@code status} is {@link ArithmeticStatus#OK}
 * @param cas the item's new CAS unique when {@code status} is OK
 * @param ttl the item's seconds left to live when {@code status} is OK, -1 for never
 * @param lookup what the lookup of the key found, or {@code null} for a bad key (no lookup)
 * @param slabClass the slab class of the item the lookup found, as it was before the arithmetic;
 *     or, when the arithmetic {@link #created} a counter on a miss, of that counter; else 0
 * @param valueLength the length of that item's data, likewise
 */
public record ArithmeticResult(
    ArithmeticStatus status,
    long value,
    long cas,
    long ttl,
    FetchStatus lookup,
    int slabClass,
    int valueLength) {

  static final ArithmeticResult BAD_KEY =
      new ArithmeticResult(ArithmeticStatus.BAD_KEY, 0, 0, -1, null, 0, 0);

  /** An arithmetic that changed nothing, after a lookup that found this. */
  static ArithmeticResult failed(
      ArithmeticStatus status, FetchStatus lookup, int slabClass, int valueLength) {
    return new ArithmeticResult(status, 0, 0, -1, lookup, slabClass, valueLength);
  }

  public boolean ok() {
    return status == ArithmeticStatus.OK;
  }

  /** Whether the arithmetic found no item and created one with its initial value (vivify). */
  public boolean created() {
    return ok() && lookup != FetchStatus.FOUND;
  }
}

package io.slabcache.server.engine;

/**
 * What a read does besides finding the item: the knobs of memcached's meta get. Immutable; start
 * from {@link #GET} and narrow it with the {@code with...} methods.
 *
 * @param value copy the item's data into the view
 * @param bump count the read as an access (LRU activity, last-access time, fetched flag)
 * @param touchExptime new exptime to set on a hit (memcached rules), or {@link #UNCHANGED}
 * @param vivifyExptime on a miss, create an empty item with this exptime and win it (meta {@code
 *     N}), or {@link #UNCHANGED} for no vivify
 * @param recacheBelow win the item when its ttl is below this many seconds (meta {@code R}), or
 *     {@link #UNCHANGED}
 * @param newCas the CAS unique to give an item this read creates (meta {@code E}); 0 to draw the
 *     next one
 */
public record ReadOptions(
    boolean value,
    boolean bump,
    long touchExptime,
    long vivifyExptime,
    long recacheBelow,
    long newCas) {

  /** Marks an absent exptime or threshold. */
  public static final long UNCHANGED = Long.MIN_VALUE;

  /** A plain get: the value, bumping the item. */
  public static final ReadOptions GET =
      new ReadOptions(true, true, UNCHANGED, UNCHANGED, UNCHANGED, 0);

  /** Metadata only, without counting an access. */
  public static final ReadOptions PEEK =
      new ReadOptions(false, false, UNCHANGED, UNCHANGED, UNCHANGED, 0);

  public ReadOptions withValue(boolean wanted) {
    return new ReadOptions(wanted, bump, touchExptime, vivifyExptime, recacheBelow, newCas);
  }

  public ReadOptions withBump(boolean wanted) {
    return new ReadOptions(value, wanted, touchExptime, vivifyExptime, recacheBelow, newCas);
  }

  public ReadOptions withTouch(long exptime) {
    return new ReadOptions(value, bump, exptime, vivifyExptime, recacheBelow, newCas);
  }

  public ReadOptions withVivify(long exptime) {
    return new ReadOptions(value, bump, touchExptime, exptime, recacheBelow, newCas);
  }

  public ReadOptions withRecacheBelow(long seconds) {
    return new ReadOptions(value, bump, touchExptime, vivifyExptime, seconds, newCas);
  }

  public ReadOptions withNewCas(long cas) {
    return new ReadOptions(value, bump, touchExptime, vivifyExptime, recacheBelow, cas);
  }
}

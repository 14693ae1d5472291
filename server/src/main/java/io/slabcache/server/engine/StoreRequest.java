package io.slabcache.server.engine;

import java.util.Objects;

/**
 * A store with every knob of memcached's set and meta set. Immutable; start from {@link #of}.
 *
 * @param mode set, add, replace, append or prepend
 * @param key the key, 1 to {@value SlabEngine#MAX_KEY_LENGTH} bytes
 * @param value the data
 * @param flags 32-bit client flags (ignored by append/prepend, which keep the item's)
 * @param exptime memcached exptime (ignored by append/prepend, which keep the item's)
 * @param compareCas store only if the item's CAS equals this (memcached's {@code cas}); 0 for none
 * @param newCas the CAS unique to give the stored item (meta {@code E}); 0 to draw the next one
 * @param invalidate with a compare CAS: accept a CAS lower than the item's but mark the stored item
 *     stale, keeping the old item's exptime and recache token (meta {@code I})
 * @param vivifyExptime append/prepend on a miss create the item with this exptime (meta {@code N}),
 *     or {@link ReadOptions#UNCHANGED} for none
 */
public record StoreRequest(
    StoreMode mode,
    byte[] key,
    byte[] value,
    int flags,
    long exptime,
    long compareCas,
    long newCas,
    boolean invalidate,
    long vivifyExptime) {

  public StoreRequest {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
  }

  public static StoreRequest of(StoreMode mode, byte[] key, int flags, long exptime, byte[] value) {
    return new StoreRequest(mode, key, value, flags, exptime, 0, 0, false, ReadOptions.UNCHANGED);
  }

  public StoreRequest withCompareCas(long cas) {
    return new StoreRequest(
        mode, key, value, flags, exptime, cas, newCas, invalidate, vivifyExptime);
  }

  public StoreRequest withNewCas(long cas) {
    return new StoreRequest(
        mode, key, value, flags, exptime, compareCas, cas, invalidate, vivifyExptime);
  }

  public StoreRequest withInvalidate(boolean wanted) {
    return new StoreRequest(
        mode, key, value, flags, exptime, compareCas, newCas, wanted, vivifyExptime);
  }

  public StoreRequest withVivify(long exptime) {
    return new StoreRequest(
        mode, key, value, flags, this.exptime, compareCas, newCas, invalidate, exptime);
  }
}

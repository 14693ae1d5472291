package io.slabcache.server.engine;

/**
 * A copy of one item, taken under its lock: what a read returns. Times are unix seconds; the access
 * metadata ({@link #fetchedBefore()}, {@link #lastAccess()}) describes the item as it was before
 * the read that produced this view.
 *
 * @param key the item's key
 * @param value the item's data, or {@code null} when the read did not ask for it (or delivered it
 *     to a {@link ValueSink})
 * @param valueLength the length of the item's data
 * @param flags the 32-bit client flags (compare unsigned)
 * @param cas the item's CAS unique, 0 when CAS is disabled
 * @param expiresAt unix second at which the item expires, 0 for never
 * @param ttl seconds left to live, -1 for never
 * @param lastAccess unix second of the item's last access before this read
 * @param fetchedBefore whether the item had been read before this read
 * @param stale whether the item was marked stale (meta {@code X})
 * @param won whether this read won the right to recache the item (meta {@code W})
 * @param alreadyWon whether another client already holds that right (meta {@code Z})
 * @param slabClass the slab class holding the item
 * @param size the item's total size in memory (header, key and data)
 */
public record ItemView(
    byte[] key,
    byte[] value,
    int valueLength,
    int flags,
    long cas,
    long expiresAt,
    long ttl,
    long lastAccess,
    boolean fetchedBefore,
    boolean stale,
    boolean won,
    boolean alreadyWon,
    int slabClass,
    int size) {}

package io.slabcache.server.engine;

/**
 * An item the engine has just evicted, as it was at that moment: what memcached's eviction log line
 * ({@code watch evictions}) reports about it.
 *
 * @param key the item's key
 * @param fetched whether the item was read at least once since it was stored
 * @param ttl seconds it had left to live, -1 if it never expires
 * @param secondsSinceAccess seconds since it was last stored or read
 * @param slabClass the slab class that held it
 * @param valueLength length of its data in bytes
 */
public record EvictedItem(
    byte[] key,
    boolean fetched,
    long ttl,
    int secondsSinceAccess,
    int slabClass,
    int valueLength) {}

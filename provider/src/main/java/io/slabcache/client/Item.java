package io.slabcache.client;

/**
 * An item as a read returns it.
 *
 * @param value the data block
 * @param cas the CAS unique
 * @param flags the client flags
 * @param won a vivifying read ({@link MemcachedClient#vivify}) created the item and this caller is
 *     the one to fill it
 * @param wonByOther a vivifying read found an item another caller won and has not yet filled
 */
public record Item(byte[] value, long cas, int flags, boolean won, boolean wonByOther) {}

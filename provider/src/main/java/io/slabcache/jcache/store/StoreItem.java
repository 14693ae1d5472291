package io.slabcache.jcache.store;

/**
 * An item as a read returns it.
 *
 * @param value the item's data
 * @param cas the item's CAS unique, for a later {@link Store#cas} or {@link Store#delete(byte[],
 *     long)}
 */
public record StoreItem(byte[] value, long cas) {}

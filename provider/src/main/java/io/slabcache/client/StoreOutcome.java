package io.slabcache.client;

/**
 * A meta set's answer with the CAS unique the item was stored with ({@code ms ... c}).
 *
 * @param status how the store ended
 * @param cas the stored item's CAS unique when {@code status} is {@link StoreStatus#STORED} (0 from
 *     a server started with {@code -C}), else 0
 */
public record StoreOutcome(StoreStatus status, long cas) {}

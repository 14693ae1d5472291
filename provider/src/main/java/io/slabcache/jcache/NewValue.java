package io.slabcache.jcache;

/**
 * A value about to be written or compared: the object, and the bytes an envelope holds for it (the
 * serialized value, or a reference number when the cache stores by reference).
 */
record NewValue<V>(V object, byte[] bytes) {}

package io.slabcache.benchmarks.jcache;

import java.io.Serializable;

/** A small value object, stored through Java serialization by every provider. */
record Payload(long id, int quantity, String label) implements Serializable {}

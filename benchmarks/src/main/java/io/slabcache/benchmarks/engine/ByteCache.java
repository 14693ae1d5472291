package io.slabcache.benchmarks.engine;

import java.nio.ByteBuffer;

/** The two operations the engine benchmarks compare, over byte-array keys and values. */
interface ByteCache extends AutoCloseable {

  byte[] get(int keyIndex);

  /**
   * Copies the value into {@code target} at its position, advancing it, as a server copies a value
   * into a reply; the value's length, or -1 on a miss.
   */
  int getInto(int keyIndex, ByteBuffer target);

  void set(int keyIndex, byte[] value);

  @Override
  void close();
}

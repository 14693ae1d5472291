package io.slabcache.benchmarks.engine;

/** The two operations the engine benchmarks compare, over byte-array keys and values. */
interface ByteCache extends AutoCloseable {

  byte[] get(int keyIndex);

  void set(int keyIndex, byte[] value);

  @Override
  void close();
}

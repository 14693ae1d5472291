package io.slabcache.benchmarks.engine;

import io.slabcache.server.engine.EngineConfig;
import io.slabcache.server.engine.ItemView;
import io.slabcache.server.engine.SlabEngine;

/** The slab engine, as the server and the embedded provider use it. */
final class SlabEngineCache implements ByteCache {

  private final SlabEngine engine;
  private final byte[][] keys;

  SlabEngineCache(byte[][] keys, int memoryMegabytes) {
    this.keys = keys;
    this.engine =
        SlabEngine.start(EngineConfig.builder().memoryLimitMegabytes(memoryMegabytes).build());
  }

  @Override
  public byte[] get(int keyIndex) {
    ItemView item = engine.get(keys[keyIndex]);
    return item == null ? null : item.value();
  }

  @Override
  public void set(int keyIndex, byte[] value) {
    engine.set(keys[keyIndex], 0, 0, value);
  }

  @Override
  public void close() {
    engine.close();
  }
}

package io.slabcache.benchmarks.engine;

import io.slabcache.server.engine.EngineConfig;
import io.slabcache.server.engine.ItemView;
import io.slabcache.server.engine.SlabEngine;
import io.slabcache.server.engine.ValueSink;
import java.nio.ByteBuffer;

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

  /** Copies a value straight from the engine's memory into the caller's buffer. */
  private static final class Copier implements ValueSink {
    ByteBuffer target;
    int length;

    @Override
    public boolean found(ItemView item) {
      length = item.valueLength();
      return true;
    }

    @Override
    public void data(ByteBuffer memory, int offset, int count) {
      int at = target.position();
      target.put(at, memory, offset, count);
      target.position(at + count);
    }
  }

  private final ThreadLocal<Copier> copiers = ThreadLocal.withInitial(Copier::new);

  @Override
  public int getInto(int keyIndex, ByteBuffer target) {
    Copier copier = copiers.get();
    copier.target = target;
    copier.length = -1;
    engine.get(keys[keyIndex], copier);
    copier.target = null;
    return copier.length;
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

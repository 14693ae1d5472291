package io.slabcache.jcache.store;

import io.slabcache.server.engine.ArithmeticResult;
import io.slabcache.server.engine.DeleteRequest;
import io.slabcache.server.engine.DeleteStatus;
import io.slabcache.server.engine.ItemView;
import io.slabcache.server.engine.SlabEngine;
import io.slabcache.server.engine.StoreResult;
import io.slabcache.server.engine.TouchStatus;
import java.util.Objects;
import java.util.function.Consumer;

/** The {@link Store} of a slab engine in the same JVM: every operation is a direct engine call. */
public final class EmbeddedStore implements Store {

  private final SlabEngine engine;
  private final boolean ownsEngine;

  /**
   * @param engine the engine to use
   * @param ownsEngine whether {@link #close()} closes the engine
   */
  public EmbeddedStore(SlabEngine engine, boolean ownsEngine) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.ownsEngine = ownsEngine;
  }

  /** The engine underneath. */
  public SlabEngine engine() {
    return engine;
  }

  @Override
  public StoreItem get(byte[] key) {
    return item(engine.get(key));
  }

  @Override
  public StoreItem getAndTouch(byte[] key, long exptime) {
    return item(engine.getAndTouch(key, exptime));
  }

  @Override
  public boolean touch(byte[] key, long exptime) {
    return engine.touch(key, exptime) == TouchStatus.TOUCHED;
  }

  @Override
  public WriteResult set(byte[] key, byte[] value, long exptime) {
    return result(engine.set(key, 0, exptime, value));
  }

  @Override
  public WriteResult add(byte[] key, byte[] value, long exptime) {
    return result(engine.add(key, 0, exptime, value));
  }

  @Override
  public WriteResult replace(byte[] key, byte[] value, long exptime) {
    return result(engine.replace(key, 0, exptime, value));
  }

  @Override
  public WriteResult cas(byte[] key, byte[] value, long exptime, long cas) {
    return result(engine.cas(key, 0, exptime, value, cas));
  }

  @Override
  public DeleteResult delete(byte[] key) {
    return result(engine.delete(key));
  }

  @Override
  public DeleteResult delete(byte[] key, long cas) {
    return result(engine.delete(DeleteRequest.of(key).withCompareCas(cas)).status());
  }

  @Override
  public long incr(byte[] key, long delta) {
    ArithmeticResult result = engine.incr(key, delta);
    return result.ok() ? result.value() : -1;
  }

  @Override
  public void keys(byte[] prefix, Consumer<byte[]> visitor) {
    engine.scan(0, prefix, item -> visitor.accept(item.key()));
  }

  @Override
  public void close() {
    if (ownsEngine) {
      engine.close();
    }
  }

  private static StoreItem item(ItemView view) {
    return view == null ? null : new StoreItem(view.value(), view.cas());
  }

  private static WriteResult result(StoreResult result) {
    return switch (result.status()) {
      case STORED -> WriteResult.stored(result.cas());
      case NOT_STORED -> WriteResult.NOT_STORED;
      case EXISTS -> WriteResult.EXISTS;
      case NOT_FOUND -> WriteResult.NOT_FOUND;
      case TOO_LARGE -> WriteResult.TOO_LARGE;
      case NO_MEMORY -> WriteResult.NO_MEMORY;
      case BAD_KEY ->
          throw new IllegalArgumentException("key refused by the engine (empty or too long)");
    };
  }

  private static DeleteResult result(DeleteStatus status) {
    return switch (status) {
      case DELETED -> DeleteResult.DELETED;
      case NOT_FOUND -> DeleteResult.NOT_FOUND;
      case EXISTS -> DeleteResult.EXISTS;
      case BAD_KEY ->
          throw new IllegalArgumentException("key refused by the engine (empty or too long)");
    };
  }
}

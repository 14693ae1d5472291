package io.slabcache.jcache;

import io.slabcache.client.MemcachedException;
import io.slabcache.jcache.store.DeleteResult;
import io.slabcache.jcache.store.ReadThrough;
import io.slabcache.jcache.store.ReadThroughBatch;
import io.slabcache.jcache.store.Store;
import io.slabcache.jcache.store.StoreItem;
import io.slabcache.jcache.store.WriteResult;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javax.cache.CacheException;

/**
 * A {@link Store} whose transport failures reach JCache users as JSR-107 says they should: a server
 * that is out, slow or overloaded is a {@link CacheException}, with the transport's exception as
 * its cause.
 */
final class FailureTranslatingStore implements Store {

  private final Store store;

  FailureTranslatingStore(Store store) {
    this.store = store;
  }

  @Override
  public StoreItem get(byte[] key) {
    return translated(() -> store.get(key));
  }

  @Override
  public StoreItem getAndTouch(byte[] key, long exptime) {
    return translated(() -> store.getAndTouch(key, exptime));
  }

  @Override
  public boolean touch(byte[] key, long exptime) {
    return translated(() -> store.touch(key, exptime));
  }

  @Override
  public WriteResult set(byte[] key, byte[] value, long exptime) {
    return translated(() -> store.set(key, value, exptime));
  }

  @Override
  public WriteResult add(byte[] key, byte[] value, long exptime) {
    return translated(() -> store.add(key, value, exptime));
  }

  @Override
  public WriteResult replace(byte[] key, byte[] value, long exptime) {
    return translated(() -> store.replace(key, value, exptime));
  }

  @Override
  public WriteResult cas(byte[] key, byte[] value, long exptime, long cas) {
    return translated(() -> store.cas(key, value, exptime, cas));
  }

  @Override
  public DeleteResult delete(byte[] key) {
    return translated(() -> store.delete(key));
  }

  @Override
  public DeleteResult delete(byte[] key, long cas) {
    return translated(() -> store.delete(key, cas));
  }

  @Override
  public long incr(byte[] key, long delta) {
    return translated(() -> store.incr(key, delta));
  }

  @Override
  public void keys(byte[] prefix, Consumer<byte[]> visitor) {
    translated(
        () -> {
          store.keys(prefix, visitor);
          return null;
        });
  }

  @Override
  public void deleteAll(byte[] prefix) {
    translated(
        () -> {
          store.deleteAll(prefix);
          return null;
        });
  }

  @Override
  public int maxKeyLength() {
    return store.maxKeyLength();
  }

  @Override
  public ReadThrough readThrough(byte[] key) {
    return translated(() -> store.readThrough(key));
  }

  @Override
  public ReadThroughBatch readThrough(List<byte[]> keys, boolean refresh) {
    ReadThroughBatch batch = translated(() -> store.readThrough(keys, refresh));
    return new ReadThroughBatch() {
      @Override
      public Step next() {
        return translated(batch::next);
      }

      @Override
      public void release(Step step) {
        translated(
            () -> {
              batch.release(step);
              return null;
            });
      }

      @Override
      public void close() {
        translated(
            () -> {
              batch.close();
              return null;
            });
      }
    };
  }

  @Override
  public void close() {
    translated(
        () -> {
          store.close();
          return null;
        });
  }

  private static <T> T translated(Supplier<T> operation) {
    try {
      return operation.get();
    } catch (MemcachedException e) {
      throw new CacheException(e.getMessage(), e);
    }
  }
}

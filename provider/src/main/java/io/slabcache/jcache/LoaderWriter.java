package io.slabcache.jcache;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import javax.cache.Cache;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Factory;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;

/**
 * A cache's loader and writer, called with JSR-107's rules: whatever they throw reaches the caller
 * as a {@link CacheLoaderException} or {@link CacheWriterException}.
 */
final class LoaderWriter<K, V> {

  private final CacheLoader<K, V> loader;
  private final CacheWriter<K, V> writer;
  private final boolean readThrough;

  @SuppressWarnings("unchecked")
  LoaderWriter(CompleteConfiguration<K, V> configuration) {
    Factory<CacheLoader<K, V>> loaderFactory = configuration.getCacheLoaderFactory();
    this.loader = loaderFactory == null ? null : loaderFactory.create();
    Factory<CacheWriter<? super K, ? super V>> writerFactory =
        configuration.getCacheWriterFactory();
    this.writer =
        configuration.isWriteThrough() && writerFactory != null
            ? (CacheWriter<K, V>) writerFactory.create()
            : null;
    this.readThrough = configuration.isReadThrough() && loader != null;
  }

  /** Whether there is a loader, for {@code loadAll}, which uses it even without read-through. */
  boolean loads() {
    return loader != null;
  }

  boolean readsThrough() {
    return readThrough;
  }

  /** The loader an entry processor may read through, or {@code null}. */
  CacheLoader<K, V> readThroughLoader() {
    return readThrough ? loader : null;
  }

  V load(K key) {
    try {
      return loader.load(key);
    } catch (CacheLoaderException e) {
      throw e;
    } catch (Exception e) {
      throw new CacheLoaderException(e);
    }
  }

  Map<K, V> loadAll(List<K> keys) {
    try {
      Map<K, V> loaded = loader.loadAll(keys);
      return loaded == null ? Map.of() : loaded;
    } catch (CacheLoaderException e) {
      throw e;
    } catch (Exception e) {
      throw new CacheLoaderException(e);
    }
  }

  boolean writes() {
    return writer != null;
  }

  void write(K key, V value) {
    if (writer == null) {
      return;
    }
    try {
      writer.write(new SlabCacheEntry<>(key, value));
    } catch (Exception e) {
      throw writerException(e);
    }
  }

  /**
   * Writes a batch; what the writer could not write stays in {@code batch}.
   *
   * @return the writer's failure, or {@code null}
   */
  CacheWriterException writeAll(Collection<Cache.Entry<? extends K, ? extends V>> batch) {
    try {
      writer.writeAll(batch);
      return null;
    } catch (Exception e) {
      return writerException(e);
    }
  }

  void delete(K key) {
    if (writer == null) {
      return;
    }
    try {
      writer.delete(key);
    } catch (Exception e) {
      throw writerException(e);
    }
  }

  /**
   * Deletes a batch; the keys the writer could not delete stay in {@code batch}.
   *
   * @return the writer's failure, or {@code null}
   */
  CacheWriterException deleteAll(Collection<Object> batch) {
    try {
      writer.deleteAll(batch);
      return null;
    } catch (Exception e) {
      return writerException(e);
    }
  }

  void close() {
    Closing.quietly(loader);
    Closing.quietly(writer);
  }

  private static CacheWriterException writerException(Exception e) {
    return e instanceof CacheWriterException cwe ? cwe : new CacheWriterException(e);
  }
}

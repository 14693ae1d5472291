package io.slabcache.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.slabcache.client.SlabcacheServers;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The conditional operations of a write-through cache call the writer only when they change the
 * cache: of two callers racing for the same entry, the loser never reaches the writer. A writer
 * that fails leaves the cache as it was, unless another caller has changed the entry since.
 */
class ConditionalWriteThroughTest {

  enum Mode {
    EMBEDDED,
    EMBEDDED_BY_REFERENCE,
    REMOTE
  }

  private final SlabCachingProvider provider = new SlabCachingProvider();
  private final GatedWriter writer = new GatedWriter();
  private SlabcacheServers servers;

  @AfterEach
  void close() {
    writer.open();
    provider.close();
    if (servers != null) {
      servers.close();
    }
  }

  private Cache<String, String> cache(Mode mode) {
    CacheManager manager;
    if (mode == Mode.REMOTE) {
      servers = SlabcacheServers.start(1);
      manager =
          provider.getCacheManager(
              RemoteCacheManagerTest.uri(servers.addresses()), getClass().getClassLoader());
    } else {
      manager = provider.getCacheManager();
    }
    return manager.createCache(
        "written",
        new MutableConfiguration<String, String>()
            .setTypes(String.class, String.class)
            .setStoreByValue(mode != Mode.EMBEDDED_BY_REFERENCE)
            .setWriteThrough(true)
            .setCacheWriterFactory(new FactoryBuilder.SingletonFactory<>(writer)));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aPutIfAbsentThatLosesTheRaceNeverReachesTheWriter(Mode mode) throws Exception {
    Cache<String, String> cache = cache(mode);
    writer.closeForNextCall();
    CompletableFuture<Boolean> first =
        CompletableFuture.supplyAsync(() -> cache.putIfAbsent("k", "a"));
    writer.awaitCaller();

    assertThat(cache.putIfAbsent("k", "b")).isFalse();
    writer.open();

    assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(writer.calls).containsExactly("write k=a");
    assertThat(cache.get("k")).isEqualTo("a");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aConditionalRemoveThatLosesTheRaceNeverReachesTheWriter(Mode mode) throws Exception {
    Cache<String, String> cache = cache(mode);
    cache.put("k", "old");
    writer.calls.clear();
    writer.closeForNextCall();
    CompletableFuture<Boolean> first =
        CompletableFuture.supplyAsync(() -> cache.remove("k", "old"));
    writer.awaitCaller();

    assertThat(cache.replace("k", "old", "new")).isFalse();
    writer.open();

    assertThat(first.get(10, TimeUnit.SECONDS)).isTrue();
    assertThat(writer.calls).containsExactly("delete k");
    assertThat(cache.containsKey("k")).isFalse();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aFailedWriterLeavesTheCacheAsItWas(Mode mode) {
    Cache<String, String> cache = cache(mode);
    cache.put("present", "old");
    writer.failing = true;

    assertThatThrownBy(() -> cache.putIfAbsent("absent", "v"))
        .isInstanceOf(CacheWriterException.class);
    assertThatThrownBy(() -> cache.replace("present", "new"))
        .isInstanceOf(CacheWriterException.class);
    assertThatThrownBy(() -> cache.replace("present", "old", "new"))
        .isInstanceOf(CacheWriterException.class);
    assertThatThrownBy(() -> cache.getAndReplace("present", "new"))
        .isInstanceOf(CacheWriterException.class);
    assertThatThrownBy(() -> cache.remove("present", "old"))
        .isInstanceOf(CacheWriterException.class);
    assertThatThrownBy(
            () ->
                cache.invoke(
                    "present",
                    (entry, args) -> {
                      entry.setValue("new");
                      return null;
                    }))
        .isInstanceOf(CacheWriterException.class);
    assertThatThrownBy(
            () ->
                cache.invoke(
                    "present",
                    (entry, args) -> {
                      entry.remove();
                      return null;
                    }))
        .isInstanceOf(CacheWriterException.class);

    assertThat(cache.containsKey("absent")).isFalse();
    assertThat(cache.get("present")).isEqualTo("old");
    // the restored entry is a working one: conditional writes still find it
    writer.failing = false;
    assertThat(cache.replace("present", "old", "new")).isTrue();
    assertThat(cache.get("present")).isEqualTo("new");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aFailedWriterDoesNotUndoAWriteMadeSince(Mode mode) throws Exception {
    Cache<String, String> cache = cache(mode);
    cache.put("k", "old");
    writer.failing = true;
    writer.closeForNextCall();
    CompletableFuture<Boolean> failing =
        CompletableFuture.supplyAsync(() -> cache.replace("k", "a"));
    writer.awaitCaller();

    writer.failing = false;
    cache.put("k", "later");
    writer.failing = true;
    writer.open();

    assertThatThrownBy(() -> failing.get(10, TimeUnit.SECONDS))
        .hasCauseInstanceOf(CacheWriterException.class);
    assertThat(cache.get("k")).isEqualTo("later");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aWriterFailureInInvokeAllIsThatKeysResultAndTheOtherKeysGoOn(Mode mode) {
    Cache<String, String> cache = cache(mode);
    writer.refused = "b";

    Map<String, EntryProcessorResult<String>> results =
        cache.invokeAll(
            new TreeSet<>(Set.of("a", "b", "c")),
            (entry, args) -> {
              entry.setValue(entry.getKey().toUpperCase(Locale.ROOT));
              return "set " + entry.getKey();
            });

    assertThat(results.get("a").get()).isEqualTo("set a");
    assertThat(results.get("c").get()).isEqualTo("set c");
    assertThatThrownBy(() -> results.get("b").get())
        .isInstanceOf(EntryProcessorException.class)
        .hasCauseInstanceOf(CacheWriterException.class);
    assertThat(cache.get("a")).isEqualTo("A");
    assertThat(cache.get("c")).isEqualTo("C");
    assertThat(cache.containsKey("b")).isFalse();
  }

  /**
   * Records what it is asked to write; fails every call while {@link #failing}, and holds the next
   * call until {@link #open} after {@link #closeForNextCall}.
   */
  static final class GatedWriter implements CacheWriter<String, String> {

    final List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile boolean failing;

    /** A key whose writes fail, or null. */
    volatile String refused;

    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile CountDownLatch entered = new CountDownLatch(0);

    void closeForNextCall() {
      entered = new CountDownLatch(1);
      gate = new CountDownLatch(1);
    }

    void awaitCaller() throws InterruptedException {
      assertThat(entered.await(10, TimeUnit.SECONDS)).as("a caller reached the writer").isTrue();
    }

    void open() {
      gate.countDown();
    }

    private void pass(String call) {
      CountDownLatch wasEntered = entered;
      if (wasEntered.getCount() > 0) {
        wasEntered.countDown();
        try {
          if (!gate.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the gate stayed closed");
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException(e);
        }
      }
      if (failing || (refused != null && call.startsWith("write " + refused + "="))) {
        throw new CacheWriterException("refused " + call);
      }
      calls.add(call);
    }

    @Override
    public void write(Cache.Entry<? extends String, ? extends String> entry) {
      pass("write " + entry.getKey() + "=" + entry.getValue());
    }

    @Override
    public void writeAll(Collection<Cache.Entry<? extends String, ? extends String>> entries) {
      for (Cache.Entry<? extends String, ? extends String> entry : new ArrayList<>(entries)) {
        write(entry);
        entries.remove(entry);
      }
    }

    @Override
    public void delete(Object key) {
      pass("delete " + key);
    }

    @Override
    public void deleteAll(Collection<?> keys) {
      for (Object key : new ArrayList<>(keys)) {
        delete(key);
        keys.remove(key);
      }
    }
  }
}

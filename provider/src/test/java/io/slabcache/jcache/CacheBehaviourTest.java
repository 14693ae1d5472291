package io.slabcache.jcache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.Serializable;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a JCache user sees beyond the TCK: serializers, class loaders, millisecond expiry. */
class CacheBehaviourTest {

  private final SlabCachingProvider provider = new SlabCachingProvider();

  @AfterEach
  void close() {
    provider.close();
  }

  @Test
  void valuesAreStoredByValue() {
    Cache<String, Box> cache =
        provider.getCacheManager().createCache("boxes", new MutableConfiguration<>());
    Box box = new Box(new ArrayList<>(List.of("a")));

    cache.put("k", box);
    box.items.add("changed after put");
    Box first = cache.get("k");
    first.items.add("changed after get");

    assertThat(cache.get("k").items).containsExactly("a");
    assertThat(first).isNotSameAs(cache.get("k"));
  }

  @Test
  void aValueThatCannotBeSerializedIsRefusedAndNothingIsStored() {
    Cache<String, Object> cache =
        provider.getCacheManager().createCache("objects", new MutableConfiguration<>());

    assertThatThrownBy(() -> cache.put("k", new Object()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(cache.containsKey("k")).isFalse();
  }

  @Test
  void valuesAreReadThroughTheManagersClassLoader() {
    StandardSerializerTest.RecordingClassLoader loader =
        new StandardSerializerTest.RecordingClassLoader(getClass().getClassLoader());
    CacheManager manager = provider.getCacheManager(URI.create("slabcache:loader"), loader);
    Cache<String, Box> cache = manager.createCache("boxes", new MutableConfiguration<>());

    cache.put("k", new Box(new ArrayList<>(List.of("x"))));

    assertThat(cache.get("k").items).containsExactly("x");
    assertThat(loader.asked).contains(Box.class.getName());
  }

  @Test
  void aConfiguredSerializerIsUsedForKeysAndValues() {
    UpperCaseSerializer serializer = new UpperCaseSerializer();
    SlabcacheConfiguration<String, String> configuration =
        new SlabcacheConfiguration<String, String>()
            .setKeySerializer(serializer)
            .setValueSerializer(serializer);
    Cache<String, String> cache = provider.getCacheManager().createCache("custom", configuration);

    cache.put("key", "value");

    assertThat(cache.get("KEY")).isEqualTo("VALUE");
    assertThat(serializer.calls).isGreaterThanOrEqualTo(3);
    assertThat(cache.getConfiguration(SlabcacheConfiguration.class).getValueSerializer())
        .isSameAs(serializer);
  }

  @Test
  void expiryIsExactToTheMillisecond() {
    Cache<String, String> cache =
        provider
            .getCacheManager()
            .createCache(
                "short",
                new MutableConfiguration<String, String>()
                    .setExpiryPolicyFactory(
                        CreatedExpiryPolicy.factoryOf(new Duration(TimeUnit.MILLISECONDS, 150))));

    long start = System.currentTimeMillis();
    cache.put("k", "v");
    boolean presentEarly = cache.containsKey("k");
    long checkedAt = System.currentTimeMillis();
    long deadline = start + 5_000;
    while (cache.containsKey("k") && System.currentTimeMillis() < deadline) {
      Thread.onSpinWait();
    }
    long goneAt = System.currentTimeMillis();

    if (checkedAt - start < 150) {
      assertThat(presentEarly).isTrue();
    }
    assertThat(goneAt - start).isGreaterThanOrEqualTo(150).isLessThan(1_000);
  }

  @Test
  void closeableLoadersAreClosedWithTheirCache() {
    ClosingLoader.closed = 0;
    Cache<String, String> cache =
        provider
            .getCacheManager()
            .createCache(
                "loaded",
                new MutableConfiguration<String, String>()
                    .setReadThrough(true)
                    .setCacheLoaderFactory(FactoryBuilder.factoryOf(ClosingLoader.class)));
    assertThat(cache.get("x")).isEqualTo("loaded x");

    cache.close();

    assertThat(ClosingLoader.closed).isEqualTo(1);
  }

  @Test
  void closeableFactoriesAreClosedWithTheirCache() {
    ClosingFactory factory = new ClosingFactory();
    Cache<String, String> cache =
        provider
            .getCacheManager()
            .createCache(
                "factory",
                new MutableConfiguration<String, String>()
                    .setReadThrough(true)
                    .setCacheLoaderFactory(factory));

    cache.close();

    assertThat(factory.closed).isTrue();
  }

  record Box(List<String> items) implements Serializable {}

  /** A loader factory that holds a resource of its own. */
  static final class ClosingFactory
      implements javax.cache.configuration.Factory<
              javax.cache.integration.CacheLoader<String, String>>,
          java.io.Closeable {
    private static final long serialVersionUID = 1L;
    boolean closed;

    @Override
    public javax.cache.integration.CacheLoader<String, String> create() {
      return new ClosingLoader();
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  /** Stores strings upper-cased, to show it is the one in use. */
  static final class UpperCaseSerializer implements Serializer<Object> {
    int calls;

    @Override
    public byte[] serialize(Object object) {
      calls++;
      return object.toString().toUpperCase().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public Object deserialize(byte[] bytes, int offset, int length, ClassLoader classLoader) {
      calls++;
      return new String(bytes, offset, length, StandardCharsets.UTF_8);
    }
  }

  /** A loader that counts how often it is closed. */
  public static final class ClosingLoader
      implements javax.cache.integration.CacheLoader<String, String>, java.io.Closeable {
    static int closed;

    @Override
    public String load(String key) {
      return "loaded " + key;
    }

    @Override
    public java.util.Map<String, String> loadAll(Iterable<? extends String> keys) {
      java.util.Map<String, String> result = new java.util.HashMap<>();
      keys.forEach(k -> result.put(k, load(k)));
      return result;
    }

    @Override
    public void close() {
      closed++;
    }
  }
}

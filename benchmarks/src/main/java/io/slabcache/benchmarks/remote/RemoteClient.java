package io.slabcache.benchmarks.remote;

import io.slabcache.client.ClientConfig;
import io.slabcache.client.Item;
import io.slabcache.client.MemcachedClient;
import io.slabcache.client.ServerAddress;
import io.slabcache.client.StoreMode;
import io.slabcache.jcache.SlabCachingProvider;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.configuration.MutableConfiguration;
import net.rubyeye.xmemcached.XMemcachedClientBuilder;
import net.spy.memcached.ConnectionFactoryBuilder;
import net.spy.memcached.DefaultHashAlgorithm;
import net.spy.memcached.transcoders.Transcoder;

/** A blocking get and set of byte values through one of the compared clients. */
interface RemoteClient extends AutoCloseable {

  byte[] get(String key) throws Exception;

  void set(String key, byte[] value) throws Exception;

  @Override
  void close() throws Exception;

  static RemoteClient open(String name, int port) throws Exception {
    return switch (name) {
      case "jcache" -> new JCache(port);
      case "slabcache" -> new Slabcache(port);
      case "spymemcached" -> new Spymemcached(port);
      case "xmemcached" -> new Xmemcached(port);
      default -> throw new IllegalArgumentException("unknown client " + name);
    };
  }

  /**
   * This project's JCache provider on the server: a {@code Cache<String, byte[]>} of a cache
   * manager for {@code memcached://127.0.0.1:<port>}, whose get and put are one meta get and one
   * meta set of the entry's envelope.
   */
  final class JCache implements RemoteClient {
    private final SlabCachingProvider provider = new SlabCachingProvider();
    private final Cache<String, byte[]> cache;

    JCache(int port) {
      cache =
          provider
              .getCacheManager(URI.create("memcached://127.0.0.1:" + port), null)
              .createCache(
                  "bench",
                  new MutableConfiguration<String, byte[]>().setTypes(String.class, byte[].class));
    }

    @Override
    public byte[] get(String key) {
      return cache.get(key);
    }

    @Override
    public void set(String key, byte[] value) {
      cache.put(key, value);
    }

    @Override
    public void close() {
      provider.close();
    }
  }

  /** This project's client: meta protocol, pipelined Netty connection. */
  final class Slabcache implements RemoteClient {
    private final MemcachedClient client;

    Slabcache(int port) {
      client =
          MemcachedClient.connect(ClientConfig.of(List.of(new ServerAddress("127.0.0.1", port))));
    }

    @Override
    public byte[] get(String key) {
      Item item = client.get(key.getBytes(StandardCharsets.US_ASCII)).join();
      return item == null ? null : item.value();
    }

    @Override
    public void set(String key, byte[] value) {
      client.store(StoreMode.SET, key.getBytes(StandardCharsets.US_ASCII), value, 0, 0, 0).join();
    }

    @Override
    public void close() {
      client.close();
    }
  }

  /** spymemcached 2.12 with ketama, text protocol, raw byte values. */
  final class Spymemcached implements RemoteClient {
    private final net.spy.memcached.MemcachedClient client;
    private final Transcoder<byte[]> bytes = new RawBytes();

    Spymemcached(int port) throws Exception {
      client =
          new net.spy.memcached.MemcachedClient(
              new ConnectionFactoryBuilder()
                  .setLocatorType(ConnectionFactoryBuilder.Locator.CONSISTENT)
                  .setHashAlg(DefaultHashAlgorithm.KETAMA_HASH)
                  .build(),
              List.of(new InetSocketAddress("127.0.0.1", port)));
    }

    @Override
    public byte[] get(String key) {
      return client.get(key, bytes);
    }

    @Override
    public void set(String key, byte[] value) throws Exception {
      client.set(key, 0, value, bytes).get(1, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
      client.shutdown(5, TimeUnit.SECONDS);
    }
  }

  /** xmemcached 2.4 with its defaults (text protocol). */
  final class Xmemcached implements RemoteClient {
    private final net.rubyeye.xmemcached.MemcachedClient client;

    Xmemcached(int port) throws Exception {
      client = new XMemcachedClientBuilder("127.0.0.1:" + port).build();
    }

    @Override
    public byte[] get(String key) throws Exception {
      return client.get(key);
    }

    @Override
    public void set(String key, byte[] value) throws Exception {
      client.set(key, 0, value);
    }

    @Override
    public void close() throws Exception {
      client.shutdown();
    }
  }

  /** spymemcached's values as they are, flags 0. */
  final class RawBytes implements Transcoder<byte[]> {
    @Override
    public boolean asyncDecode(net.spy.memcached.CachedData data) {
      return false;
    }

    @Override
    public net.spy.memcached.CachedData encode(byte[] value) {
      return new net.spy.memcached.CachedData(0, value, getMaxSize());
    }

    @Override
    public byte[] decode(net.spy.memcached.CachedData data) {
      return data.getData();
    }

    @Override
    public int getMaxSize() {
      return net.spy.memcached.CachedData.MAX_SIZE;
    }
  }
}

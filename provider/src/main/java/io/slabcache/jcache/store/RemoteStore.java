package io.slabcache.jcache.store;

import io.slabcache.client.ClientConfig;
import io.slabcache.client.DeleteStatus;
import io.slabcache.client.Item;
import io.slabcache.client.MemcachedClient;
import io.slabcache.client.MemcachedException;
import io.slabcache.client.OperationTimeoutException;
import io.slabcache.client.StoreMode;
import io.slabcache.client.StoreOutcome;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The {@link Store} of a pool of memcached servers, over {@link MemcachedClient}'s meta protocol.
 * Operations block for at most about the client's operation timeout and report a server that is
 * out, slow or overloaded with a {@link MemcachedException}, never with a wrong answer.
 *
 * <p>Read-through loads are coordinated through a lease item per key, created with meta get's
 * vivify flag ({@code N}): the caller whose get creates it ({@code W}) loads, the others ({@code
 * Z}) poll for the value (see {@link LeasedReadThrough}). Lease items live under keys starting with
 * {@link #LEASE_PREFIX}, which {@link #keys} never reports and callers must not use.
 */
public final class RemoteStore implements Store {

  /** The first bytes of every lease key. */
  static final byte[] LEASE_PREFIX = {0, 0, 'l', 'e', 'a', 's', 'e', ':'};

  private final MemcachedClient client;
  private final boolean ownsClient;
  private final Duration leaseTime;
  private final long awaitMillis;

  /**
   * @param client the pool
   * @param ownsClient whether {@link #close()} closes the client
   * @param leaseTime how long one caller may take to load a missing key before another may try;
   *     also how long the others wait for its value
   */
  public RemoteStore(MemcachedClient client, boolean ownsClient, Duration leaseTime) {
    this.client = Objects.requireNonNull(client, "client");
    this.ownsClient = ownsClient;
    this.leaseTime = Objects.requireNonNull(leaseTime, "leaseTime");
    if (leaseTime.toSeconds() < 1) {
      throw new IllegalArgumentException("leaseTime below one second: " + leaseTime);
    }
    // the client completes every future within its timeout; this bound only guards against a bug
    this.awaitMillis = client.config().operationTimeout().toMillis() * 2 + 1000;
  }

  /** Connects to the pool with a lease time of 10 seconds; the store owns the client. */
  public static RemoteStore connect(ClientConfig config) {
    return new RemoteStore(MemcachedClient.connect(config), true, Duration.ofSeconds(10));
  }

  /** The client underneath. */
  public MemcachedClient client() {
    return client;
  }

  @Override
  public int maxKeyLength() {
    return MemcachedClient.maxBinaryKeyLength();
  }

  @Override
  public StoreItem get(byte[] key) {
    return item(await(client.get(key)));
  }

  @Override
  public StoreItem getAndTouch(byte[] key, long exptime) {
    return item(await(client.getAndTouch(key, exptime)));
  }

  @Override
  public boolean touch(byte[] key, long exptime) {
    return await(client.touch(key, exptime));
  }

  @Override
  public WriteResult set(byte[] key, byte[] value, long exptime) {
    return store(StoreMode.SET, key, value, exptime, 0);
  }

  @Override
  public WriteResult add(byte[] key, byte[] value, long exptime) {
    return store(StoreMode.ADD, key, value, exptime, 0);
  }

  @Override
  public WriteResult replace(byte[] key, byte[] value, long exptime) {
    return store(StoreMode.REPLACE, key, value, exptime, 0);
  }

  @Override
  public WriteResult cas(byte[] key, byte[] value, long exptime, long cas) {
    if (cas == 0) {
      // memcached reads C0 as "no check"; no item has CAS unique 0
      return get(key) == null ? WriteResult.NOT_FOUND : WriteResult.EXISTS;
    }
    return store(StoreMode.SET, key, value, exptime, cas);
  }

  @Override
  public DeleteResult delete(byte[] key) {
    return result(await(client.delete(key, 0)));
  }

  @Override
  public DeleteResult delete(byte[] key, long cas) {
    if (cas == 0) {
      return get(key) == null ? DeleteResult.NOT_FOUND : DeleteResult.EXISTS;
    }
    return result(await(client.delete(key, cas)));
  }

  @Override
  public long incr(byte[] key, long delta) {
    Long value = await(client.incr(key, delta));
    return value == null ? -1 : value;
  }

  @Override
  public void keys(byte[] prefix, Consumer<byte[]> visitor) {
    client.keys(
        prefix,
        key -> {
          if (!startsWith(key, LEASE_PREFIX)) {
            visitor.accept(key);
          }
        });
  }

  /** Deletes each item on the server that lists it (see {@link MemcachedClient#deleteAll}). */
  @Override
  public void deleteAll(byte[] prefix) {
    client.deleteAll(prefix);
  }

  @Override
  public ReadThrough readThrough(byte[] key) {
    LeasedReadThrough read = new LeasedReadThrough(this, client, leaseTime, List.of(key), false);
    StoreItem found = read.next().found().get(0);
    return found != null ? ReadThrough.hit(found) : ReadThrough.load(read::close);
  }

  @Override
  public ReadThroughBatch readThrough(List<byte[]> keys, boolean refresh) {
    return new LeasedReadThrough(this, client, leaseTime, keys, refresh);
  }

  @Override
  public void close() {
    if (ownsClient) {
      client.close();
    }
  }

  private WriteResult store(StoreMode mode, byte[] key, byte[] value, long exptime, long cas) {
    StoreOutcome outcome = await(client.storeReturningCas(mode, key, value, 0, exptime, cas));
    return switch (outcome.status()) {
      case STORED -> WriteResult.stored(outcome.cas());
      case NOT_STORED -> WriteResult.NOT_STORED;
      case EXISTS -> WriteResult.EXISTS;
      case NOT_FOUND -> WriteResult.NOT_FOUND;
      case TOO_LARGE -> WriteResult.TOO_LARGE;
      case NO_MEMORY -> WriteResult.NO_MEMORY;
    };
  }

  private static DeleteResult result(DeleteStatus status) {
    return switch (status) {
      case DELETED -> DeleteResult.DELETED;
      case NOT_FOUND -> DeleteResult.NOT_FOUND;
      case EXISTS -> DeleteResult.EXISTS;
    };
  }

  static StoreItem item(Item item) {
    return item == null ? null : new StoreItem(item.value(), item.cas());
  }

  <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(awaitMillis, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new MemcachedException("memcached operation failed", e.getCause());
    } catch (TimeoutException e) {
      throw new OperationTimeoutException("no answer within " + awaitMillis + " ms");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MemcachedException("interrupted while waiting for memcached", e);
    }
  }

  static byte[] leaseKey(byte[] key) {
    byte[] digest;
    try {
      digest = MessageDigest.getInstance("SHA-256").digest(key);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
    byte[] leaseKey = Arrays.copyOf(LEASE_PREFIX, LEASE_PREFIX.length + digest.length);
    System.arraycopy(digest, 0, leaseKey, LEASE_PREFIX.length, digest.length);
    return leaseKey;
  }

  private static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length
        && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }
}

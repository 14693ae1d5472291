package io.slabcache.client;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Settings of a {@link MemcachedClient}. Start from {@link #of} and change what differs from the
 * defaults with the {@code with...} methods.
 *
 * @param servers the pool, in the order other clients list it
 * @param nodeKeyFormat how servers are named on the ketama ring
 * @param operationTimeout how long an operation waits for its answer
 * @param connectTimeout how long a connection attempt (TCP and a first {@code mn}) may take
 * @param maxOutstanding requests in flight per connection before {@link OverloadedException}
 * @param failureThreshold consecutive timeouts after which a server is ejected
 * @param minRetryDelay first wait before reconnecting to a lost or ejected server
 * @param maxRetryDelay longest wait between reconnection attempts (the wait doubles up to it)
 * @param ioThreads Netty event-loop threads shared by all connections
 */
public record ClientConfig(
    List<ServerAddress> servers,
    NodeKeyFormat nodeKeyFormat,
    Duration operationTimeout,
    Duration connectTimeout,
    int maxOutstanding,
    int failureThreshold,
    Duration minRetryDelay,
    Duration maxRetryDelay,
    int ioThreads) {

  public ClientConfig {
    servers = List.copyOf(servers);
    if (servers.isEmpty()) {
      throw new IllegalArgumentException("no server");
    }
    if (servers.stream().distinct().count() != servers.size()) {
      throw new IllegalArgumentException("a server is listed twice: " + servers);
    }
    Objects.requireNonNull(nodeKeyFormat, "nodeKeyFormat");
    positive(operationTimeout, "operationTimeout");
    positive(connectTimeout, "connectTimeout");
    positive(minRetryDelay, "minRetryDelay");
    positive(maxRetryDelay, "maxRetryDelay");
    if (maxOutstanding < 1 || failureThreshold < 1 || ioThreads < 1) {
      throw new IllegalArgumentException(
          "maxOutstanding, failureThreshold and ioThreads must be at least 1");
    }
  }

  /** The defaults for a pool: spymemcached's node keys, 1 s timeouts, 16384 requests in flight. */
  public static ClientConfig of(List<ServerAddress> servers) {
    return new ClientConfig(
        servers,
        NodeKeyFormat.SPYMEMCACHED,
        Duration.ofSeconds(1),
        Duration.ofSeconds(1),
        16_384,
        3,
        Duration.ofMillis(100),
        Duration.ofSeconds(5),
        Math.min(2, Runtime.getRuntime().availableProcessors()));
  }

  public ClientConfig withNodeKeyFormat(NodeKeyFormat format) {
    return new ClientConfig(
        servers,
        format,
        operationTimeout,
        connectTimeout,
        maxOutstanding,
        failureThreshold,
        minRetryDelay,
        maxRetryDelay,
        ioThreads);
  }

  public ClientConfig withOperationTimeout(Duration timeout) {
    return new ClientConfig(
        servers,
        nodeKeyFormat,
        timeout,
        connectTimeout,
        maxOutstanding,
        failureThreshold,
        minRetryDelay,
        maxRetryDelay,
        ioThreads);
  }

  public ClientConfig withConnectTimeout(Duration timeout) {
    return new ClientConfig(
        servers,
        nodeKeyFormat,
        operationTimeout,
        timeout,
        maxOutstanding,
        failureThreshold,
        minRetryDelay,
        maxRetryDelay,
        ioThreads);
  }

  public ClientConfig withMaxOutstanding(int max) {
    return new ClientConfig(
        servers,
        nodeKeyFormat,
        operationTimeout,
        connectTimeout,
        max,
        failureThreshold,
        minRetryDelay,
        maxRetryDelay,
        ioThreads);
  }

  public ClientConfig withFailureThreshold(int threshold) {
    return new ClientConfig(
        servers,
        nodeKeyFormat,
        operationTimeout,
        connectTimeout,
        maxOutstanding,
        threshold,
        minRetryDelay,
        maxRetryDelay,
        ioThreads);
  }

  public ClientConfig withRetryDelays(Duration min, Duration max) {
    return new ClientConfig(
        servers,
        nodeKeyFormat,
        operationTimeout,
        connectTimeout,
        maxOutstanding,
        failureThreshold,
        min,
        max,
        ioThreads);
  }

  private static void positive(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + duration);
    }
  }
}

package io.slabcache.client;

import java.net.URI;
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

  /**
   * The settings a URI names: {@code memcached://host1:11211,host2:11212:2?timeout=500} lists the
   * servers ({@code host[:port[:weight]]}), and the query may set {@code timeout}, {@code
   * connectTimeout}, {@code retryMin}, {@code retryMax} (milliseconds), {@code maxOutstanding},
   * {@code failureThreshold}, {@code ioThreads} and {@code nodeKeyFormat} ({@code spymemcached},
   * {@code libmemcached}, {@code libmemcached_spy}, {@code host_port}); the rest keep their
   * defaults.
   *
   * @throws IllegalArgumentException if the URI is not such a URI
   */
  public static ClientConfig fromUri(URI uri) {
    if (!"memcached".equalsIgnoreCase(uri.getScheme()) || uri.getRawAuthority() == null) {
      throw new IllegalArgumentException("not a memcached://host:port,... URI: " + uri);
    }
    ClientConfig config = of(ServerAddress.parseList(uri.getRawAuthority()));
    String query = uri.getQuery();
    if (query == null || query.isEmpty()) {
      return config;
    }
    for (String pair : query.split("&")) {
      int equals = pair.indexOf('=');
      if (equals < 0) {
        throw new IllegalArgumentException("setting without a value in " + uri + ": " + pair);
      }
      String name = pair.substring(0, equals);
      String value = pair.substring(equals + 1);
      try {
        config =
            switch (name) {
              case "timeout" -> config.withOperationTimeout(millis(value));
              case "connectTimeout" -> config.withConnectTimeout(millis(value));
              case "retryMin" -> config.withRetryDelays(millis(value), config.maxRetryDelay);
              case "retryMax" -> config.withRetryDelays(config.minRetryDelay, millis(value));
              case "maxOutstanding" -> config.withMaxOutstanding(Integer.parseInt(value));
              case "failureThreshold" -> config.withFailureThreshold(Integer.parseInt(value));
              case "ioThreads" -> config.withIoThreads(Integer.parseInt(value));
              case "nodeKeyFormat" ->
                  config.withNodeKeyFormat(
                      NodeKeyFormat.valueOf(value.toUpperCase(java.util.Locale.ROOT)));
              default ->
                  throw new IllegalArgumentException("unknown setting in " + uri + ": " + name);
            };
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("bad number in " + uri + ": " + pair, e);
      }
    }
    return config;
  }

  private static Duration millis(String value) {
    return Duration.ofMillis(Long.parseLong(value));
  }

  public ClientConfig withIoThreads(int threads) {
    return new ClientConfig(
        servers,
        nodeKeyFormat,
        operationTimeout,
        connectTimeout,
        maxOutstanding,
        failureThreshold,
        minRetryDelay,
        maxRetryDelay,
        threads);
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

package io.slabcache.server.net;

import java.util.Map;
import java.util.Objects;

/**
 * How the server listens and limits its connections; memcached's defaults. Build with {@link
 * #builder()}.
 *
 * @param host address to listen on; empty for every interface
 * @param port TCP port; 0 picks a free one
 * @param maxConnections simultaneous connections ({@code -c}); the one over is told and closed
 * @param threads event-loop threads serving connections ({@code -t})
 * @param idleTimeoutSeconds close connections idle this long ({@code -o idle_timeout}), 0 never
 * @param shutdownEnabled whether the {@code shutdown} command works ({@code -A})
 * @param users user names and passwords clients must authenticate with ({@code -S}); empty for none
 * @param usersFile the file the users were read from ({@code -Y}), for {@code stats settings}; null
 *     when none
 * @param verbosity {@code -v} count
 * @param outputHighWaterMark bytes of replies a connection may hold for a slow reader before it
 *     stops being read
 * @param bindingProtocol {@code auto}, {@code ascii} or {@code binary} ({@code -B})
 * @param prefixDelimiter the byte that ends a key's prefix in {@code stats detail} ({@code -D})
 * @param detailEnabled whether {@code stats detail} counts from the start ({@code -D} sets it)
 * @param requestsPerEvent requests a connection has served from one read before it lets the other
 *     connections of its thread go first ({@code -R})
 * @param transport how the event loops move bytes; {@link Transport#preferred()} by default
 */
public record ServerSettings(
    String host,
    int port,
    int maxConnections,
    int threads,
    int idleTimeoutSeconds,
    boolean shutdownEnabled,
    Map<String, String> users,
    String usersFile,
    int verbosity,
    int outputHighWaterMark,
    String bindingProtocol,
    byte prefixDelimiter,
    boolean detailEnabled,
    int requestsPerEvent,
    Transport transport) {

  public ServerSettings {
    users = Map.copyOf(Objects.requireNonNull(users, "users"));
    Objects.requireNonNull(transport, "transport");
    if (!transport.isAvailable()) {
      throw new IllegalArgumentException("transport " + transport + " is not available here");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535");
    }
    if (maxConnections < 1) {
      throw new IllegalArgumentException("max connections must be positive");
    }
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be positive");
    }
    if (idleTimeoutSeconds < 0) {
      throw new IllegalArgumentException("idle timeout must not be negative");
    }
    if (requestsPerEvent < 1) {
      throw new IllegalArgumentException("requests per event must be positive");
    }
    if (outputHighWaterMark < 1024) {
      throw new IllegalArgumentException("output high water mark must be at least 1 KiB");
    }
    if (!bindingProtocol.equals("auto")
        && !bindingProtocol.equals("ascii")
        && !bindingProtocol.equals("binary")) {
      throw new IllegalArgumentException("binding protocol must be auto, ascii or binary");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Whether clients must authenticate. */
  public boolean authenticationRequired() {
    return !users.isEmpty();
  }

  /** Collects settings. */
  public static final class Builder {
    private String host = "";
    private int port = 11211;
    private int maxConnections = 1024;
    private int threads = 4;
    private int idleTimeoutSeconds;
    private boolean shutdownEnabled;
    private Map<String, String> users = Map.of();
    private String usersFile;
    private int verbosity;
    private int outputHighWaterMark = 256 * 1024;
    private String bindingProtocol = "auto";
    private byte prefixDelimiter = ':';
    private boolean detailEnabled;
    private int requestsPerEvent = 20;
    private Transport transport;

    private Builder() {}

    /** The address to listen on; null or empty for every interface. */
    public Builder host(String host) {
      this.host = host == null ? "" : host;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder maxConnections(int maxConnections) {
      this.maxConnections = maxConnections;
      return this;
    }

    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    public Builder idleTimeoutSeconds(int seconds) {
      this.idleTimeoutSeconds = seconds;
      return this;
    }

    public Builder shutdownEnabled(boolean enabled) {
      this.shutdownEnabled = enabled;
      return this;
    }

    public Builder users(Map<String, String> users) {
      this.users = users;
      return this;
    }

    public Builder usersFile(String file) {
      this.usersFile = file;
      return this;
    }

    public Builder verbosity(int verbosity) {
      this.verbosity = verbosity;
      return this;
    }

    public Builder outputHighWaterMark(int bytes) {
      this.outputHighWaterMark = bytes;
      return this;
    }

    public Builder bindingProtocol(String protocol) {
      this.bindingProtocol = protocol;
      return this;
    }

    /** {@code -D}: the prefix delimiter, and per-prefix counting from the start. */
    public Builder prefixDelimiter(byte delimiter) {
      this.prefixDelimiter = delimiter;
      this.detailEnabled = true;
      return this;
    }

    public Builder transport(Transport transport) {
      this.transport = transport;
      return this;
    }

    public Builder requestsPerEvent(int requests) {
      this.requestsPerEvent = requests;
      return this;
    }

    public ServerSettings build() {
      return new ServerSettings(
          host,
          port,
          maxConnections,
          threads,
          idleTimeoutSeconds,
          shutdownEnabled,
          users,
          usersFile,
          verbosity,
          outputHighWaterMark,
          bindingProtocol,
          prefixDelimiter,
          detailEnabled,
          requestsPerEvent,
          transport == null ? Transport.preferred() : transport);
    }
  }
}

package io.slabcache.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One memcached server of a pool.
 *
 * @param host host name or IP literal
 * @param port TCP port
 * @param weight relative share of the keys (ketama points), at least 1
 */
public record ServerAddress(String host, int port, int weight) {

  /** memcached's default port. */
  public static final int DEFAULT_PORT = 11211;

  public ServerAddress {
    Objects.requireNonNull(host, "host");
    if (host.isEmpty()) {
      throw new IllegalArgumentException("empty host");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (weight < 1) {
      throw new IllegalArgumentException("weight must be at least 1: " + weight);
    }
  }

  public ServerAddress(String host, int port) {
    this(host, port, 1);
  }

  /**
   * Parses {@code host[:port[:weight]]}, with IPv6 literals in brackets ({@code [::1]:11211}).
   *
   * @throws IllegalArgumentException if the text is not such an address
   */
  public static ServerAddress parse(String text) {
    String rest = text.trim();
    String host;
    if (rest.startsWith("[")) {
      int close = rest.indexOf(']');
      if (close < 0) {
        throw new IllegalArgumentException("unclosed '[' in server address: " + text);
      }
      host = rest.substring(1, close);
      rest = rest.substring(close + 1);
      if (!rest.isEmpty() && !rest.startsWith(":")) {
        throw new IllegalArgumentException("bad server address: " + text);
      }
      rest = rest.isEmpty() ? "" : rest.substring(1);
    } else {
      int colon = rest.indexOf(':');
      host = colon < 0 ? rest : rest.substring(0, colon);
      rest = colon < 0 ? "" : rest.substring(colon + 1);
    }
    String[] parts = rest.isEmpty() ? new String[0] : rest.split(":", -1);
    if (parts.length > 2) {
      throw new IllegalArgumentException("bad server address: " + text);
    }
    try {
      int port = parts.length > 0 ? Integer.parseInt(parts[0]) : DEFAULT_PORT;
      int weight = parts.length > 1 ? Integer.parseInt(parts[1]) : 1;
      return new ServerAddress(host, port, weight);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad number in server address: " + text, e);
    }
  }

  /** Parses a comma-separated list of {@link #parse addresses}. */
  public static List<ServerAddress> parseList(String text) {
    List<ServerAddress> servers = new ArrayList<>();
    for (String part : text.split(",")) {
      if (!part.isBlank()) {
        servers.add(parse(part));
      }
    }
    if (servers.isEmpty()) {
      throw new IllegalArgumentException("no server in: " + text);
    }
    return List.copyOf(servers);
  }

  @Override
  public String toString() {
    String h = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return h + ":" + port + (weight == 1 ? "" : ":" + weight);
  }
}

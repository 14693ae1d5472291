package io.slabcache.client;

import java.net.InetSocketAddress;

/**
 * How a server is named when its points on the ketama ring are computed. Clients that name servers
 * the same way place every key on the same server.
 */
public enum NodeKeyFormat {
  /**
   * spymemcached's {@code SPYMEMCACHED} format: {@code InetSocketAddress.toString()} with one
   * leading {@code /} removed, so {@code 10.0.0.1:11211} for an IP literal and {@code
   * name/10.0.0.1:11211} for a host name.
   */
  SPYMEMCACHED {
    @Override
    String nodeKey(ServerAddress server) {
      String text = new InetSocketAddress(server.host(), server.port()).toString();
      return text.startsWith("/") ? text.substring(1) : text;
    }
  },
  /** libmemcached's default: the host, followed by {@code :port} when the port is not 11211. */
  LIBMEMCACHED {
    @Override
    String nodeKey(ServerAddress server) {
      return server.port() == ServerAddress.DEFAULT_PORT
          ? server.host()
          : server.host() + ":" + server.port();
    }
  },
  /** libmemcached's {@code KETAMA_SPY} compatibility: {@code /host:port}. */
  LIBMEMCACHED_SPY {
    @Override
    String nodeKey(ServerAddress server) {
      return "/" + server.host() + ":" + server.port();
    }
  },
  /** {@code host:port}, as memcached's own proxy names its backends. */
  HOST_PORT {
    @Override
    String nodeKey(ServerAddress server) {
      return server.host() + ":" + server.port();
    }
  };

  abstract String nodeKey(ServerAddress server);
}

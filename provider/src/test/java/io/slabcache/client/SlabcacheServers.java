package io.slabcache.client;

import io.slabcache.server.engine.EngineConfig;
import io.slabcache.server.engine.SlabEngine;
import io.slabcache.server.net.MemcachedServer;
import io.slabcache.server.net.ServerSettings;
import java.util.ArrayList;
import java.util.List;

/** Slabcache's own memcached servers in this JVM, on ephemeral loopback ports, for tests. */
public final class SlabcacheServers implements AutoCloseable {

  private final List<SlabEngine> engines = new ArrayList<>();
  private final List<MemcachedServer> servers = new ArrayList<>();

  private SlabcacheServers() {}

  /** Starts {@code count} servers of 64 MiB each. */
  public static SlabcacheServers start(int count) {
    SlabcacheServers started = new SlabcacheServers();
    try {
      for (int i = 0; i < count; i++) {
        SlabEngine engine =
            SlabEngine.start(EngineConfig.builder().memoryLimitMegabytes(64).build());
        started.engines.add(engine);
        started.servers.add(
            MemcachedServer.start(
                ServerSettings.builder().host("127.0.0.1").port(0).threads(2).build(), engine));
      }
    } catch (RuntimeException e) {
      started.close();
      throw e;
    }
    return started;
  }

  public List<ServerAddress> addresses() {
    return servers.stream().map(server -> new ServerAddress("127.0.0.1", server.port())).toList();
  }

  @Override
  public void close() {
    servers.forEach(MemcachedServer::close);
    engines.forEach(SlabEngine::close);
  }
}

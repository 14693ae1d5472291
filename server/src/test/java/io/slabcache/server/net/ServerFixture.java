package io.slabcache.server.net;

import io.slabcache.server.engine.EngineConfig;
import io.slabcache.server.engine.SlabEngine;
import java.util.function.UnaryOperator;

/** An engine with a test clock and a server on an ephemeral loopback port. */
final class ServerFixture implements AutoCloseable {

  final TestClock clock = new TestClock();
  final SlabEngine engine;
  final MemcachedServer server;

  ServerFixture() {
    this(s -> s, c -> c);
  }

  ServerFixture(UnaryOperator<ServerSettings.Builder> settings) {
    this(settings, c -> c);
  }

  ServerFixture(
      UnaryOperator<ServerSettings.Builder> settings, UnaryOperator<EngineConfig.Builder> config) {
    engine =
        SlabEngine.start(
            config.apply(EngineConfig.builder().memoryLimitMegabytes(64).clock(clock)).build());
    try {
      server =
          MemcachedServer.start(
              settings.apply(ServerSettings.builder().host("127.0.0.1").port(0).threads(2)).build(),
              engine);
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
  }

  int port() {
    return server.port();
  }

  RawClient connect() {
    return new RawClient(port());
  }

  @Override
  public void close() {
    server.close();
    engine.close();
  }
}

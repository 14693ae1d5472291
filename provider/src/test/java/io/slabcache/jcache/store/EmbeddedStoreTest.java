package io.slabcache.jcache.store;

import io.slabcache.server.engine.EngineConfig;
import io.slabcache.server.engine.SlabEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class EmbeddedStoreTest extends StoreContract {

  private static Store store;

  @BeforeAll
  static void start() {
    store =
        new EmbeddedStore(
            SlabEngine.start(EngineConfig.builder().memoryLimitMegabytes(64).build()), true);
  }

  @AfterAll
  static void stop() {
    store.close();
  }

  @Override
  Store store() {
    return store;
  }
}

package io.slabcache.jcache.store;

import io.slabcache.client.ClientConfig;
import io.slabcache.client.MemcachedProcesses;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store contract on a pool of two stock memcached servers. */
class RemoteStoreTest extends StoreContract {

  private static MemcachedProcesses servers;
  private static Store store;

  @BeforeAll
  static void start() {
    servers = MemcachedProcesses.start(2);
    store = RemoteStore.connect(ClientConfig.of(servers.addresses()));
  }

  @AfterAll
  static void stop() {
    if (store != null) {
      store.close();
    }
    if (servers != null) {
      servers.close();
    }
  }

  @Override
  Store store() {
    return store;
  }
}

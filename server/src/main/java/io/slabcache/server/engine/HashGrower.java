package io.slabcache.server.engine;

import java.util.concurrent.TimeUnit;

/** memcached's assoc maintenance thread: grows the index when it gets crowded. */
final class HashGrower extends EngineThread {

  private final HashIndex index;

  HashGrower(HashIndex index) {
    super("slabcache-hash-grower");
    this.index = index;
  }

  @Override
  long step() {
    if (index.wantsToGrow()) {
      index.grow();
      return 0;
    }
    return TimeUnit.MILLISECONDS.toNanos(100);
  }
}

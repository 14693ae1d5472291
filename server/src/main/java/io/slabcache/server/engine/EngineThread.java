package io.slabcache.server.engine;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A background thread of the engine: runs a step, sleeps as long as the step asks, until stopped.
 */
abstract class EngineThread extends Thread {

  private static final System.Logger LOG = System.getLogger(EngineThread.class.getName());

  private volatile boolean running = true;

  EngineThread(String name) {
    super(name);
    setDaemon(true);
  }

  /** One round of work; returns how many nanoseconds to sleep before the next. */
  abstract long step();

  @Override
  public final void run() {
    while (running) {
      long sleep;
      try {
        sleep = step();
      } catch (RuntimeException e) {
        LOG.log(System.Logger.Level.ERROR, getName() + " failed a step; carrying on", e);
        sleep = TimeUnit.SECONDS.toNanos(1);
      }
      if (running && sleep > 0) {
        LockSupport.parkNanos(this, sleep);
      }
    }
  }

  /** False once {@link #shutdown()} was called: long work should stop early. */
  boolean running() {
    return running;
  }

  /** Cuts the current sleep short. */
  void wake() {
    LockSupport.unpark(this);
  }

  void shutdown() {
    running = false;
    wake();
    try {
      join(TimeUnit.SECONDS.toMillis(10));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package io.slabcache.benchmarks.load;

/** The phases of a run, shared by its connections. */
final class LoadRun {

  private volatile boolean measuring;
  private volatile boolean stopped;

  boolean measuring() {
    return measuring;
  }

  boolean stopped() {
    return stopped;
  }

  void startMeasuring() {
    measuring = true;
  }

  void stop() {
    measuring = false;
    stopped = true;
  }
}

package io.slabcache.benchmarks.load;

/** Whether a target's connections keep sending, and whether what completes now is measured. */
final class LoadPhase {

  private volatile boolean sending;
  private volatile boolean measuring;

  boolean sending() {
    return sending;
  }

  boolean measuring() {
    return measuring;
  }

  void start(boolean measure) {
    measuring = measure;
    sending = true;
  }

  /** No new requests; replies to those in flight still arrive, unmeasured. */
  void stop() {
    measuring = false;
    sending = false;
  }
}

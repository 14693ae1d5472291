package io.slabcache.server.engine;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Helpers shared by the engine's tests. */
final class EngineTestSupport {

  private EngineTestSupport() {}

  static byte[] bytes(String text) {
    return text.getBytes(UTF_8);
  }

  static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, UTF_8);
  }

  static String valueOf(SlabEngine engine, String key) {
    ItemView item = engine.get(bytes(key));
    return item == null ? null : text(item.value());
  }

  /**
   * Waits, polling every millisecond, for what a background thread does: fails with {@code what} if
   * {@code done} is still false after 10 s.
   */
  static void await(BooleanSupplier done, Supplier<String> what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!done.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what).isLessThan(deadline);
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
    }
  }
}

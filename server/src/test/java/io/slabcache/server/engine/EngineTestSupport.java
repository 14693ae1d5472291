package io.slabcache.server.engine;

import static java.nio.charset.StandardCharsets.UTF_8;

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
}

package io.slabcache.client;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A key as it goes on a meta command line: as is when every byte is printable ASCII, else base64
 * with the {@code b} flag. memcached checks the length of the key as sent, so binary keys are
 * limited to {@value #MAX_BINARY_KEY} bytes.
 */
final class WireKey {

  /** memcached's limit on the key token of a command line. */
  static final int MAX_TOKEN = 250;

  /** The longest key any bytes fit in: its base64 is at most {@value #MAX_TOKEN} characters. */
  static final int MAX_BINARY_KEY = MAX_TOKEN / 4 * 3;

  private WireKey() {}

  /**
   * The key token; {@link #isBase64} tells whether the command needs the {@code b} flag.
   *
   * @throws IllegalArgumentException if the key is empty or too long for memcached
   */
  static String encode(byte[] key) {
    if (key.length == 0) {
      throw new IllegalArgumentException("empty key");
    }
    if (key.length <= MAX_TOKEN && printable(key)) {
      return new String(key, StandardCharsets.US_ASCII);
    }
    if (key.length > MAX_BINARY_KEY) {
      throw new IllegalArgumentException(
          "key of "
              + key.length
              + " bytes: memcached takes at most "
              + MAX_TOKEN
              + " printable ASCII bytes or "
              + MAX_BINARY_KEY
              + " other bytes");
    }
    return Base64.getEncoder().encodeToString(key);
  }

  /** Whether {@link #encode} sends this key in base64. */
  static boolean isBase64(byte[] key) {
    return !(key.length <= MAX_TOKEN && printable(key));
  }

  private static boolean printable(byte[] key) {
    for (byte b : key) {
      if (b <= ' ' || b >= 0x7F) {
        return false;
      }
    }
    return true;
  }
}

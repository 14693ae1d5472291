package io.slabcache.jcache;

import java.util.Arrays;

/**
 * The bytes stored as an item's value: a header byte (format version and which optional fields
 * follow), the exact expiry deadline in unix milliseconds when there is one, the full serialized
 * key when the item's key is a hash of it, then the serialized value.
 */
final class Envelope {

  static final int VERSION = 1;
  private static final int HAS_DEADLINE = 0x01;
  private static final int HAS_FULL_KEY = 0x02;

  /** Expiry deadline, unix ms; 0 for never. */
  final long deadline;

  /** The full serialized key, or {@code null} when the item's key holds it. */
  final byte[] fullKey;

  final byte[] bytes;
  final int valueOffset;

  private Envelope(long deadline, byte[] fullKey, byte[] bytes, int valueOffset) {
    this.deadline = deadline;
    this.fullKey = fullKey;
    this.bytes = bytes;
    this.valueOffset = valueOffset;
  }

  int valueLength() {
    return bytes.length - valueOffset;
  }

  boolean expiredAt(long nowMillis) {
    return deadline != 0 && deadline <= nowMillis;
  }

  static byte[] encode(long deadline, byte[] fullKey, byte[] value) {
    int header = VERSION << 4;
    int length = 1 + value.length;
    if (deadline != 0) {
      header |= HAS_DEADLINE;
      length += 8;
    }
    if (fullKey != null) {
      header |= HAS_FULL_KEY;
      length += 4 + fullKey.length;
    }
    byte[] out = new byte[length];
    out[0] = (byte) header;
    int pos = 1;
    if (deadline != 0) {
      putLong(out, pos, deadline);
      pos += 8;
    }
    if (fullKey != null) {
      putInt(out, pos, fullKey.length);
      pos += 4;
      System.arraycopy(fullKey, 0, out, pos, fullKey.length);
      pos += fullKey.length;
    }
    System.arraycopy(value, 0, out, pos, value.length);
    return out;
  }

  /** The same value and key with another deadline. */
  static byte[] withDeadline(Envelope envelope, long deadline) {
    return encode(
        deadline,
        envelope.fullKey,
        Arrays.copyOfRange(envelope.bytes, envelope.valueOffset, envelope.bytes.length));
  }

  static Envelope decode(byte[] bytes) {
    if (bytes.length == 0 || (bytes[0] & 0xF0) >>> 4 != VERSION) {
      return null;
    }
    int header = bytes[0];
    int pos = 1;
    long deadline = 0;
    byte[] fullKey = null;
    if ((header & HAS_DEADLINE) != 0) {
      deadline = getLong(bytes, pos);
      pos += 8;
    }
    if ((header & HAS_FULL_KEY) != 0) {
      int keyLength = getInt(bytes, pos);
      pos += 4;
      fullKey = Arrays.copyOfRange(bytes, pos, pos + keyLength);
      pos += keyLength;
    }
    return new Envelope(deadline, fullKey, bytes, pos);
  }

  private static void putLong(byte[] out, int pos, long value) {
    for (int i = 7; i >= 0; i--) {
      out[pos + i] = (byte) value;
      value >>>= 8;
    }
  }

  private static void putInt(byte[] out, int pos, int value) {
    for (int i = 3; i >= 0; i--) {
      out[pos + i] = (byte) value;
      value >>>= 8;
    }
  }

  private static long getLong(byte[] in, int pos) {
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (in[pos + i] & 0xFF);
    }
    return value;
  }

  private static int getInt(byte[] in, int pos) {
    int value = 0;
    for (int i = 0; i < 4; i++) {
      value = (value << 8) | (in[pos + i] & 0xFF);
    }
    return value;
  }
}

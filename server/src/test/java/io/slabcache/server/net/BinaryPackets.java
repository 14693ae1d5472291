package io.slabcache.server.net;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Builds binary-protocol requests and reads responses, for byte-level tests. */
final class BinaryPackets {

  private BinaryPackets() {}

  static byte[] request(int opcode, String key, byte[] extras, byte[] value, long cas, int opaque) {
    byte[] keyBytes = key.getBytes(StandardCharsets.ISO_8859_1);
    ByteBuffer buffer = ByteBuffer.allocate(24 + extras.length + keyBytes.length + value.length);
    buffer.put((byte) 0x80).put((byte) opcode).putShort((short) keyBytes.length);
    buffer.put((byte) extras.length).put((byte) 0).putShort((short) 0);
    buffer.putInt(extras.length + keyBytes.length + value.length).putInt(opaque).putLong(cas);
    buffer.put(extras).put(keyBytes).put(value);
    return buffer.array();
  }

  static byte[] request(int opcode, String key) {
    return request(opcode, key, new byte[0], new byte[0], 0, 0);
  }

  static byte[] setExtras(int flags, int exptime) {
    return ByteBuffer.allocate(8).putInt(flags).putInt(exptime).array();
  }

  static byte[] arithmeticExtras(long delta, long initial, int expiration) {
    return ByteBuffer.allocate(20).putLong(delta).putLong(initial).putInt(expiration).array();
  }

  static byte[] intExtras(int value) {
    return ByteBuffer.allocate(4).putInt(value).array();
  }

  /** A response as read from the wire. */
  record Response(
      int magic,
      int opcode,
      int status,
      int opaque,
      long cas,
      byte[] extras,
      String key,
      byte[] value) {

    String text() {
      return new String(value, StandardCharsets.ISO_8859_1);
    }

    int flags() {
      return ByteBuffer.wrap(extras).getInt();
    }

    long number() {
      return ByteBuffer.wrap(value).getLong();
    }
  }

  static Response read(RawClient client) {
    ByteBuffer header = ByteBuffer.wrap(client.read(24));
    int magic = header.get() & 0xFF;
    int opcode = header.get() & 0xFF;
    int keyLength = header.getShort() & 0xFFFF;
    int extrasLength = header.get() & 0xFF;
    header.get();
    int status = header.getShort() & 0xFFFF;
    int bodyLength = header.getInt();
    int opaque = header.getInt();
    long cas = header.getLong();
    byte[] body = client.read(bodyLength);
    byte[] extras = java.util.Arrays.copyOfRange(body, 0, extrasLength);
    String key = new String(body, extrasLength, keyLength, StandardCharsets.ISO_8859_1);
    byte[] value = java.util.Arrays.copyOfRange(body, extrasLength + keyLength, bodyLength);
    return new Response(magic, opcode, status, opaque, cas, extras, key, value);
  }
}

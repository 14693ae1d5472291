package io.slabcache.server.protocol.binary;

/**
 * One decoded binary request, or a refusal the decoder already decided on.
 *
 * @param opcode the opcode as sent (quiet variants included)
 * @param opaque echoed back in every reply
 * @param cas the header's CAS
 * @param extras the extras bytes
 * @param key the key bytes
 * @param value the value bytes
 * @param refusal a status to answer without running the request, 0 for none
 * @param closeAfterRefusal whether the connection closes after the refusal, as memcached's does
 * @param lengthsContradict whether the refusal is of a header whose key and extras overrun its
 *     body: memcached answers that before it asks whether the connection has authenticated, and
 *     every other refusal after
 */
record BinaryRequest(
    int opcode,
    int opaque,
    long cas,
    byte[] extras,
    byte[] key,
    byte[] value,
    int refusal,
    boolean closeAfterRefusal,
    boolean lengthsContradict) {

  static final byte[] EMPTY = new byte[0];

  static BinaryRequest refused(int opcode, int opaque, byte[] key, int status, boolean close) {
    return new BinaryRequest(opcode, opaque, 0, EMPTY, key, EMPTY, status, close, false);
  }

  /** The refusal of a header whose key and extras lengths add up to more than its body. */
  static BinaryRequest lengthsContradict(int opcode, int opaque) {
    return new BinaryRequest(
        opcode, opaque, 0, EMPTY, EMPTY, EMPTY, Status.UNKNOWN_COMMAND, true, true);
  }

  /** The extras' 32-bit field at {@code offset} as the unsigned number the protocol sends. */
  long extrasUnsignedInt(int offset) {
    return Integer.toUnsignedLong(extrasInt(offset));
  }

  int extrasInt(int offset) {
    return ((extras[offset] & 0xFF) << 24)
        | ((extras[offset + 1] & 0xFF) << 16)
        | ((extras[offset + 2] & 0xFF) << 8)
        | (extras[offset + 3] & 0xFF);
  }

  long extrasLong(int offset) {
    return ((long) extrasInt(offset) << 32) | (extrasInt(offset + 4) & 0xFFFF_FFFFL);
  }
}

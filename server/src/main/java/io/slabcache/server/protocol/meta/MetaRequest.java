package io.slabcache.server.protocol.meta;

/**
 * One parsed meta command.
 *
 * @param command the second letter of the command: {@code g s d a n e}
 * @param key the key, base64-decoded when the {@code b} flag was given
 * @param flags the parsed flags
 * @param value the data block of {@code ms}, else null
 */
public record MetaRequest(char command, byte[] key, MetaFlags flags, byte[] value) {

  MetaRequest withValue(byte[] data) {
    return new MetaRequest(command, key, flags, data);
  }
}

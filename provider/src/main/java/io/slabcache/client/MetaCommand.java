package io.slabcache.client;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * A request ready for the wire: its command line (without opaque and line end), the data block of a
 * {@code ms}, and the future its answer completes. The connection appends an {@code O} opaque token
 * to meta commands so that a reply can be checked against the request it answers.
 */
final class MetaCommand {

  private static final byte[] CRLF = {'\r', '\n'};

  private final byte[] line;
  private final byte[] value;
  private final boolean meta;
  final CompletableFuture<MetaReply> reply = new CompletableFuture<>();

  /** When the answer is overdue, in {@link System#nanoTime()}; set when the command is sent. */
  long deadline;

  /** The opaque token written with the command, or -1 for a command without one. */
  int opaque = -1;

  private MetaCommand(String line, byte[] value, boolean meta) {
    this.line = line.getBytes(StandardCharsets.US_ASCII);
    this.value = value;
    this.meta = meta;
  }

  /** A meta command ({@code mg ms md ma}) line; {@code value} is the data block or null. */
  static MetaCommand meta(String line, byte[] value) {
    return new MetaCommand(line, value, true);
  }

  /** A command that takes no opaque token, such as {@code mn}. */
  static MetaCommand plain(String line) {
    return new MetaCommand(line, null, false);
  }

  boolean hasDataBlock() {
    return value != null;
  }

  boolean takesOpaque() {
    return meta;
  }

  int encodedLength() {
    return line.length + 16 + (value == null ? 0 : value.length + 2);
  }

  void encode(ByteBuf out) {
    out.writeBytes(line);
    if (opaque >= 0) {
      out.writeByte(' ').writeByte('O');
      out.writeCharSequence(Integer.toString(opaque), StandardCharsets.US_ASCII);
    }
    out.writeBytes(CRLF);
    if (value != null) {
      out.writeBytes(value);
      out.writeBytes(CRLF);
    }
  }

  /** The command's name, for messages (never the key or the value). */
  String name() {
    int space = indexOf(line, (byte) ' ');
    return new String(line, 0, space < 0 ? line.length : space, StandardCharsets.US_ASCII);
  }

  private static int indexOf(byte[] bytes, byte b) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == b) {
        return i;
      }
    }
    return -1;
  }
}

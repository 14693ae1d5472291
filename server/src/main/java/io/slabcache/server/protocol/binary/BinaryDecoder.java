package io.slabcache.server.protocol.binary;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.slabcache.server.engine.SlabEngine;
import io.slabcache.server.protocol.CommandDecoder;
import io.slabcache.server.protocol.RequestBudget;
import java.util.List;

/**
 * Turns the bytes of a binary-protocol connection into {@link BinaryRequest}s: reads a 24-byte
 * header, checks its lengths as memcached does, then reads the body, or skips the body of a refused
 * request without buffering it. A bad magic byte closes the connection, as in memcached. It decodes
 * nothing while the channel is not writable.
 */
public final class BinaryDecoder extends CommandDecoder {

  static final int HEADER_LENGTH = 24;
  static final int REQUEST_MAGIC = 0x80;

  private enum State {
    HEADER,
    BODY
  }

  private final int maxValueLength;
  private State state = State.HEADER;
  private int opcode;
  private int keyLength;
  private int extrasLength;
  private long bodyLength;
  private int opaque;
  private long cas;

  /**
   * @param maxValueLength bodies longer than this are refused without being buffered
   * @param budget the requests served in a turn ({@code -R})
   */
  public BinaryDecoder(int maxValueLength, RequestBudget budget) {
    super(budget);
    this.maxValueLength = maxValueLength;
  }

  @Override
  protected void decodeCommand(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (state == State.HEADER) {
      readHeader(ctx, in, out);
    } else {
      readBody(in, out);
    }
  }

  private void readHeader(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (in.readableBytes() < HEADER_LENGTH) {
      return;
    }
    int magic = in.readUnsignedByte();
    if (magic != REQUEST_MAGIC) {
      close(ctx, in);
      return;
    }
    opcode = in.readUnsignedByte();
    keyLength = in.readUnsignedShort();
    extrasLength = in.readUnsignedByte();
    in.skipBytes(1); // data type
    in.skipBytes(2); // vbucket
    bodyLength = in.readUnsignedInt();
    opaque = in.readInt();
    cas = in.readLong();

    if (keyLength + extrasLength > bodyLength) {
      out.add(BinaryRequest.lengthsContradict(opcode, opaque));
      discardInput();
      return;
    }
    if (keyLength > SlabEngine.MAX_KEY_LENGTH) {
      out.add(refusal(Status.EINVAL, true));
      discardInput();
      return;
    }
    Boolean valid = Opcode.lengthsValid(opcode, extrasLength, keyLength, bodyLength);
    if (valid == null) {
      out.add(refusal(Status.UNKNOWN_COMMAND, false));
      skipBody(bodyLength);
      return;
    }
    if (!valid) {
      out.add(refusal(Status.EINVAL, true));
      discardInput();
      return;
    }
    long valueLength = bodyLength - keyLength - extrasLength;
    if (valueLength > maxValueLength) {
      if (Opcode.carriesItem(Opcode.loud(opcode))) {
        // Too large for any item: answer E2BIG once the key is known, skip the value.
        state = State.BODY;
        readBody(in, out);
        return;
      }
      out.add(refusal(Status.EINVAL, true));
      discardInput();
      return;
    }
    state = State.BODY;
    // A request without body is complete now: the decode loop only runs again on more bytes.
    readBody(in, out);
  }

  private void readBody(ByteBuf in, List<Object> out) {
    long valueLength = bodyLength - keyLength - extrasLength;
    boolean tooLarge = valueLength > maxValueLength;
    long needed = tooLarge ? keyLength + extrasLength : bodyLength;
    if (in.readableBytes() < needed) {
      return;
    }
    byte[] extras = bytes(in, extrasLength);
    byte[] key = bytes(in, keyLength);
    if (tooLarge) {
      out.add(BinaryRequest.refused(opcode, opaque, key, Status.E2BIG, false));
      skipBody(valueLength);
      return;
    }
    byte[] value = bytes(in, (int) valueLength);
    out.add(new BinaryRequest(opcode, opaque, cas, extras, key, value, 0, false, false));
    state = State.HEADER;
  }

  private static byte[] bytes(ByteBuf in, int length) {
    if (length == 0) {
      return BinaryRequest.EMPTY;
    }
    byte[] bytes = new byte[length];
    in.readBytes(bytes);
    return bytes;
  }

  private BinaryRequest refusal(int status, boolean close) {
    return BinaryRequest.refused(opcode, opaque, BinaryRequest.EMPTY, status, close);
  }

  private void skipBody(long bytes) {
    swallow(bytes);
    state = State.HEADER;
  }

  private void close(ChannelHandlerContext ctx, ByteBuf in) {
    discardInput();
    in.skipBytes(in.readableBytes());
    ctx.close();
  }
}

package io.slabcache.server.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * What the text and binary decoders share around their own state machines: nothing is decoded while
 * the connection cannot take more replies, so a client that does not read its replies stops being
 * read; the data of a refused request is skipped as it arrives, never buffered; and once a request
 * has ended the connection, whatever follows it is dropped.
 */
public abstract class CommandDecoder extends ByteToMessageDecoder implements ReadBuffer {

  private long swallowRemaining;
  private boolean discarding;

  @Override
  public int readBufferBytes() {
    return internalBuffer().capacity();
  }

  @Override
  protected final void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (discarding) {
      in.skipBytes(in.readableBytes());
    } else if (!ctx.channel().isWritable()) {
      return;
    } else if (swallowRemaining > 0) {
      int skip = (int) Math.min(in.readableBytes(), swallowRemaining);
      in.skipBytes(skip);
      swallowRemaining -= skip;
    } else {
      decodeCommand(ctx, in, out);
    }
  }

  /** Decodes what the protocol's state machine expects next: a header, a line, a body. */
  protected abstract void decodeCommand(ChannelHandlerContext ctx, ByteBuf in, List<Object> out);

  /** Skips the next {@code bytes} bytes as they arrive: the data of a refused request. */
  protected final void swallow(long bytes) {
    swallowRemaining = bytes;
  }

  /** Drops every byte from now on: the request just decoded ends the connection. */
  protected final void discardInput() {
    discarding = true;
  }
}

package io.slabcache.server.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import java.util.Objects;

/**
 * What the text and binary decoders share around their own state machines: nothing is decoded while
 * the connection cannot take more replies, so a client that does not read its replies stops being
 * read; the data of a refused request is skipped as it arrives, never buffered; and once a request
 * has ended the connection, whatever follows it is dropped.
 *
 * <p>A connection is served its {@link RequestBudget} of requests in a turn, as memcached's {@code
 * -R} allows: then it gives way to the other connections of its event loop and is not read until
 * the requests it has already sent are served, each further turn queued behind them. Counted as
 * memcached counts: a turn that starts with a read serves one request more than the budget, since
 * memcached spends its budget only between the requests of an event; a turn that uses up its budget
 * counts a yield, even if nothing is left to serve.
 */
public abstract class CommandDecoder extends ByteToMessageDecoder implements ReadBuffer {

  private final RequestBudget budget;
  private long swallowRemaining;
  private boolean discarding;
  private long turnLeft;
  private boolean nextTurnQueued;

  protected CommandDecoder(RequestBudget budget) {
    this.budget = Objects.requireNonNull(budget, "budget");
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
    boolean read = msg instanceof ByteBuf && ((ByteBuf) msg).isReadable();
    turnLeft = budget.requestsPerEvent() + (read ? 1L : 0L);
    super.channelRead(ctx, msg);
  }

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
    } else if (turnLeft == 0) {
      queueNextTurn(ctx);
    } else {
      int decoded = out.size();
      decodeCommand(ctx, in, out);
      turnLeft -= out.size() - decoded;
      if (turnLeft == 0) {
        budget.yielded().run();
      }
    }
  }

  /** Stops reading the connection until what it has sent is served, turn by turn. */
  private void queueNextTurn(ChannelHandlerContext ctx) {
    if (nextTurnQueued) {
      return;
    }
    nextTurnQueued = true;
    ctx.channel().config().setAutoRead(false);
    ctx.executor().execute(() -> takeNextTurn(ctx));
  }

  private void takeNextTurn(ChannelHandlerContext ctx) {
    nextTurnQueued = false;
    if (ctx.isRemoved() || !ctx.channel().isActive()) {
      return;
    }
    decodeBuffered(ctx.pipeline());
    if (!nextTurnQueued) {
      // all served: read again, unless a client that does not read its replies stopped that
      ctx.channel().config().setAutoRead(ctx.channel().isWritable());
    }
  }

  /**
   * Goes on with the requests a connection has already sent, and flushes their replies: an empty
   * read, for when decoding stopped with requests still buffered (a turn used up, replies held back
   * for a client that was not reading).
   */
  public static void decodeBuffered(ChannelPipeline pipeline) {
    pipeline.fireChannelRead(Unpooled.EMPTY_BUFFER);
    pipeline.fireChannelReadComplete();
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

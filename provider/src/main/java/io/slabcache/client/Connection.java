package io.slabcache.client;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.lang.System.Logger.Level;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One TCP connection to one server, pipelining: commands are written in the order they are sent and
 * answered in that order, so each reply completes the oldest command still waiting (and its opaque
 * token, when it has one, must match). Writes of one event-loop turn share one flush.
 *
 * <p>Every command's future is completed exactly once: by its reply, by its timeout, or by the loss
 * of the connection. A command that timed out keeps its place in the queue so the late reply, when
 * it comes, is matched and dropped.
 *
 * <p>All state but the outstanding count is touched only on the channel's event loop.
 */
final class Connection extends ChannelInboundHandlerAdapter {

  private static final System.Logger LOG = System.getLogger(Connection.class.getName());

  /** What a connection tells its owner about the health of the server behind it. */
  interface Listener {
    void answered();

    void timedOut();
  }

  private final ServerAddress server;
  private final long timeoutNanos;
  private final int maxOutstanding;
  private final Listener listener;
  private final AtomicInteger outstanding = new AtomicInteger();
  private final ArrayDeque<MetaCommand> waiting = new ArrayDeque<>();
  private Channel channel;
  private ScheduledFuture<?> timeoutScan;
  private boolean flushScheduled;
  private int nextOpaque;

  Connection(ServerAddress server, long timeoutNanos, int maxOutstanding, Listener listener) {
    this.server = server;
    this.timeoutNanos = timeoutNanos;
    this.maxOutstanding = maxOutstanding;
    this.listener = listener;
  }

  ServerAddress server() {
    return server;
  }

  boolean isActive() {
    Channel c = channel;
    return c != null && c.isActive();
  }

  /** Sends the command; its future completes with the reply or an exception, never both. */
  void send(MetaCommand command) {
    if (outstanding.incrementAndGet() > maxOutstanding) {
      outstanding.decrementAndGet();
      command.reply.completeExceptionally(
          new OverloadedException(
              maxOutstanding + " requests already in flight to " + server + "; not sent"));
      return;
    }
    command.deadline = System.nanoTime() + timeoutNanos;
    Channel c = channel;
    if (c == null) {
      fail(command, new ServerUnavailableException("not connected to " + server));
      return;
    }
    if (c.eventLoop().inEventLoop()) {
      write(command);
      return;
    }
    try {
      c.eventLoop().execute(() -> write(command));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      fail(command, new ServerUnavailableException("client closed"));
    }
  }

  void close() {
    Channel c = channel;
    if (c != null) {
      c.close();
    }
  }

  private void write(MetaCommand command) {
    if (!channel.isActive()) {
      fail(command, new ServerUnavailableException("connection to " + server + " lost"));
      return;
    }
    if (command.takesOpaque()) {
      command.opaque = nextOpaque;
      nextOpaque = (nextOpaque + 1) & Integer.MAX_VALUE;
    }
    ByteBuf buffer = channel.alloc().ioBuffer(command.encodedLength());
    command.encode(buffer);
    waiting.add(command);
    channel.write(buffer, channel.voidPromise());
    if (!flushScheduled) {
      flushScheduled = true;
      channel.eventLoop().execute(this::flush);
    }
  }

  private void flush() {
    flushScheduled = false;
    channel.flush();
  }

  private void fail(MetaCommand command, RuntimeException error) {
    outstanding.decrementAndGet();
    command.reply.completeExceptionally(error);
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    long period =
        Math.max(TimeUnit.MILLISECONDS.toNanos(1), Math.min(timeoutNanos / 4, 100_000_000));
    timeoutScan =
        ctx.executor()
            .scheduleAtFixedRate(this::expireOverdue, period, period, TimeUnit.NANOSECONDS);
    super.channelActive(ctx);
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    channel = ctx.channel();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object message) {
    MetaReply reply = (MetaReply) message;
    MetaCommand command = waiting.poll();
    if (command == null) {
      protocolError(ctx, "reply " + reply + " with no request waiting");
      return;
    }
    outstanding.decrementAndGet();
    if (command.opaque >= 0 && !reply.isError()) {
      String token = reply.token('O');
      if (token == null || !token.equals(Integer.toString(command.opaque))) {
        command.reply.completeExceptionally(
            new ServerErrorException(
                "reply out of step on " + server + ": expected opaque " + command.opaque));
        protocolError(ctx, "reply " + reply + " for request with opaque " + command.opaque);
        return;
      }
    }
    listener.answered();
    command.reply.complete(reply);
    if (command.hasDataBlock() && (reply.is(MetaReply.CLIENT_ERROR) || reply.is(MetaReply.ERROR))) {
      // memcached did not read the data block as data: what follows is out of step
      protocolError(ctx, "data block refused with " + reply);
    }
  }

  private void protocolError(ChannelHandlerContext ctx, String what) {
    LOG.log(Level.WARNING, "memcached {0}: {1}; closing the connection", server, what);
    ctx.close();
  }

  private void expireOverdue() {
    long now = System.nanoTime();
    for (MetaCommand command : waiting) {
      if (now - command.deadline < 0) {
        break;
      }
      boolean expiredNow =
          command.reply.completeExceptionally(
              new OperationTimeoutException(
                  command.name()
                      + " to "
                      + server
                      + " unanswered after "
                      + TimeUnit.NANOSECONDS.toMillis(timeoutNanos)
                      + " ms"));
      if (expiredNow) {
        listener.timedOut();
      }
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    if (timeoutScan != null) {
      timeoutScan.cancel(false);
    }
    ServerUnavailableException lost =
        new ServerUnavailableException("connection to " + server + " lost");
    MetaCommand command;
    while ((command = waiting.poll()) != null) {
      fail(command, lost);
    }
    super.channelInactive(ctx);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    // a reset or refused socket is the normal end of a dead server's connection
    LOG.log(
        cause instanceof java.io.IOException ? Level.DEBUG : Level.WARNING,
        "memcached " + server + ": " + cause + "; closing the connection");
    ctx.close();
  }
}

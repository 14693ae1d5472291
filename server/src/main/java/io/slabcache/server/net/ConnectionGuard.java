package io.slabcache.server.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.timeout.IdleStateEvent;
import io.slabcache.server.protocol.ReadBuffer;
import io.slabcache.server.protocol.Watchers;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * First handler of every connection: enforces the connection limit with memcached's error line,
 * counts bytes, stops reading while the client is not reading its replies, closes idle connections,
 * and keeps a misbehaving connection's failure to itself.
 */
final class ConnectionGuard extends ChannelDuplexHandler {

  private static final Logger LOG = System.getLogger(ConnectionGuard.class.getName());
  private static final byte[] TOO_MANY =
      "ERROR Too many open connections\r\n".getBytes(StandardCharsets.US_ASCII);

  private final ServerRuntime runtime;
  private ServerRuntime.Connection connection;

  /** The decoder that holds this connection's unfinished command, once the protocol is known. */
  private ReadBuffer readBuffer;

  ConnectionGuard(ServerRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    connection = runtime.open(ctx.channel());
    if (connection == null) {
      ctx.channel().config().setAutoRead(false);
      ctx.writeAndFlush(Unpooled.wrappedBuffer(TOO_MANY)).addListener(ChannelFutureListener.CLOSE);
      return;
    }
    if (runtime.verbosity() > 0) {
      LOG.log(Level.INFO, "<{0} new connection from {1}", id(), ctx.channel().remoteAddress());
    }
    runtime
        .watchers()
        .publish(Watchers.Kind.CONNEVENTS, () -> "type=conn_new " + peer(ctx) + " cfd=" + id());
    ctx.fireChannelActive();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    // Its descriptor is free again, refused connection or not: listening may resume.
    runtime.listenState().connectionClosed();
    if (connection != null) {
      runtime.closed(ctx.channel());
      runtime
          .watchers()
          .publish(
              Watchers.Kind.CONNEVENTS,
              () -> "type=conn_close " + peer(ctx) + " reason=normal cfd=" + id());
      if (runtime.verbosity() > 0) {
        LOG.log(Level.INFO, "<{0} connection closed.", id());
      }
    }
    ctx.fireChannelInactive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (connection == null) {
      io.netty.util.ReferenceCountUtil.release(msg);
      return;
    }
    if (msg instanceof ByteBuf) {
      connection.bytesRead += ((ByteBuf) msg).readableBytes();
      long now = runtime.nowSeconds();
      if (connection.lastCommandSeconds != now) {
        connection.lastCommandSeconds = now;
      }
    }
    // the decoders further down run to completion inside this call
    ctx.fireChannelRead(msg);
    ReadBuffer buffer = readBuffer(ctx);
    if (buffer != null) {
      connection.readBufferBytes = buffer.readBufferBytes();
    }
  }

  private ReadBuffer readBuffer(ChannelHandlerContext ctx) {
    if (readBuffer == null) {
      for (Map.Entry<String, ChannelHandler> handler : ctx.pipeline()) {
        if (handler.getValue() instanceof ReadBuffer) {
          readBuffer = (ReadBuffer) handler.getValue();
        }
      }
    }
    return readBuffer;
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof ByteBuf && connection != null) {
      connection.bytesWritten += ((ByteBuf) msg).readableBytes();
    }
    ctx.write(msg, promise);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    // A client that does not read its replies is not read either: the replies it can make the
    // server hold stay bounded by the channel's high water mark.
    ctx.channel().config().setAutoRead(ctx.channel().isWritable());
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof IdleStateEvent) {
      runtime.countIdleKick();
      if (runtime.verbosity() > 0) {
        LOG.log(Level.INFO, "<{0} closing idle connection", id());
      }
      ctx.close();
      return;
    }
    ctx.fireUserEventTriggered(event);
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (cause instanceof OutOfMemoryError) {
      runtime.countReadBufferOom();
    }
    if (!(cause instanceof IOException)) {
      LOG.log(Level.WARNING, "closing connection " + id() + " after an unexpected error", cause);
    } else if (runtime.verbosity() > 0) {
      LOG.log(Level.INFO, "<{0} {1}", id(), cause.getMessage());
    }
    ctx.close();
  }

  private static String peer(ChannelHandlerContext ctx) {
    if (ctx.channel().remoteAddress() instanceof java.net.InetSocketAddress) {
      java.net.InetSocketAddress peer = (java.net.InetSocketAddress) ctx.channel().remoteAddress();
      return "rip="
          + peer.getAddress().getHostAddress()
          + " rport="
          + peer.getPort()
          + " transport=tcp";
    }
    return "transport=tcp";
  }

  private int id() {
    return connection == null ? 0 : connection.id;
  }
}

package io.slabcache.server.net;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.unix.Errors;
import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * On the listening channel, where Netty reports a failed accept(): does what memcached does. Out of
 * file descriptors (EMFILE), listening stops until a connection has closed, checked every 10 ms;
 * any other failure is reported and accepting goes on. Netty's own reaction, a one second pause and
 * a warning with a stack trace, never comes into play.
 */
final class AcceptFailureHandler extends ChannelInboundHandlerAdapter {

  private static final Logger LOG = System.getLogger(AcceptFailureHandler.class.getName());

  /** The JDK's message for EMFILE; ENFILE, the system's table being full, reads differently. */
  private static final String OUT_OF_DESCRIPTORS = "Too many open files";

  /** How often memcached's maxconns_handler looks whether listening may resume. */
  private static final long RECHECK_MILLIS = 10;

  private final ListenState listen;
  private final IntSupplier verbosity;

  AcceptFailureHandler(ListenState listen, IntSupplier verbosity) {
    this.listen = listen;
    this.verbosity = verbosity;
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    if (!(cause instanceof IOException)) {
      // Not an I/O error: Netty closes the listening channel whatever happens here, and the end
      // of the pipeline logs why.
      ctx.fireExceptionCaught(cause);
      return;
    }
    String reason = reason((IOException) cause);
    // memcached's perror, which no verbosity silences
    LOG.log(Level.WARNING, "accept(): {0}", reason);
    if (OUT_OF_DESCRIPTORS.equals(reason)) {
      if (verbosity.getAsInt() > 0) {
        LOG.log(Level.INFO, "Too many open connections");
      }
      stopListening(ctx.channel());
    }
  }

  /**
   * The system's words for the failure: the JDK's message is just those, the native transport's
   * puts the call in front ({@code accept(..) failed: Too many open files}).
   */
  private static String reason(IOException cause) {
    String message = String.valueOf(cause.getMessage());
    int colon = message.lastIndexOf(": ");
    return cause instanceof Errors.NativeIoException && colon >= 0
        ? message.substring(colon + 2)
        : message;
  }

  private void stopListening(Channel channel) {
    if (listen.stop()) {
      channel.config().setAutoRead(false);
      recheckLater(channel);
    }
  }

  private void recheckLater(Channel channel) {
    channel.eventLoop().schedule(() -> recheck(channel), RECHECK_MILLIS, TimeUnit.MILLISECONDS);
  }

  private void recheck(Channel channel) {
    if (!channel.isOpen()) {
      return;
    }
    if (listen.mayResume()) {
      listen.resume();
      channel.config().setAutoRead(true);
    } else {
      recheckLater(channel);
    }
  }
}

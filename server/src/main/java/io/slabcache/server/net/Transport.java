package io.slabcache.server.net;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import java.util.Locale;

/**
 * How the server's event loops wait for and move bytes. Linux's epoll through Netty's native
 * transport costs less CPU per request than the JDK's selector (no selector locks, reads and writes
 * straight from native memory); the JDK's selector works everywhere else.
 */
public enum Transport {
  EPOLL {
    @Override
    public IoHandlerFactory ioHandlerFactory() {
      return EpollIoHandler.newFactory();
    }

    @Override
    public Class<? extends ServerChannel> serverChannel() {
      return EpollServerSocketChannel.class;
    }

    @Override
    public boolean isAvailable() {
      return Epoll.isAvailable();
    }
  },
  NIO {
    @Override
    public IoHandlerFactory ioHandlerFactory() {
      return NioIoHandler.newFactory();
    }

    @Override
    public Class<? extends ServerChannel> serverChannel() {
      return NioServerSocketChannel.class;
    }

    @Override
    public boolean isAvailable() {
      return true;
    }
  };

  /** The system property that picks a transport by name ({@code epoll} or {@code nio}). */
  public static final String PROPERTY = "slabcache.transport";

  /** What runs this transport's I/O in an event loop. */
  public abstract IoHandlerFactory ioHandlerFactory();

  /** The listening channel's class. */
  public abstract Class<? extends ServerChannel> serverChannel();

  /** Whether this transport works on this machine. */
  public abstract boolean isAvailable();

  /**
   * The transport named by the system property {@value #PROPERTY}, else epoll where it works and
   * the JDK's selector elsewhere.
   *
   * @throws IllegalArgumentException if the property names no transport, or one not available here
   */
  public static Transport preferred() {
    String named = System.getProperty(PROPERTY);
    if (named == null || named.isEmpty()) {
      return EPOLL.isAvailable() ? EPOLL : NIO;
    }
    Transport transport;
    try {
      transport = valueOf(named.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(PROPERTY + " must be epoll or nio, not " + named, e);
    }
    if (!transport.isAvailable()) {
      throw new IllegalArgumentException(
          PROPERTY + "=" + named + " is not available here: " + Epoll.unavailabilityCause());
    }
    return transport;
  }
}

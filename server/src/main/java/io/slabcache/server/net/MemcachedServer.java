package io.slabcache.server.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannelRecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.slabcache.server.engine.SlabEngine;
import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A memcached 1.6-compatible server in front of a {@link SlabEngine}: text, meta and binary
 * protocols on one port, detected per connection. The engine stays the caller's to close.
 *
 * <pre>{@code
 * try (SlabEngine engine = SlabEngine.start(EngineConfig.defaults());
 *     MemcachedServer server = MemcachedServer.start(ServerSettings.builder().port(0).build(), engine)) {
 *   int port = server.port();
 * }
 * }</pre>
 */
public final class MemcachedServer implements AutoCloseable {

  /** The memcached version the server answers to {@code version}. */
  public static final String VERSION = "1.6.38";

  /**
   * Where connections take their buffers: Netty's pooled allocator, whose arenas {@code stats}
   * reports on, whatever Netty's default.
   */
  static final PooledByteBufAllocator ALLOCATOR = PooledByteBufAllocator.DEFAULT;

  /** Pending connections the listening socket queues, as memcached's default {@code -b}. */
  static final int BACKLOG = 1024;

  private final EventLoopGroup acceptor;
  private final EventLoopGroup workers;
  private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
  private final CountDownLatch terminated = new CountDownLatch(1);
  private final Object closeLock = new Object();
  private Channel serverChannel;
  private ServerRuntime runtime;
  private boolean closed;

  static {
    // Log records format their time with the zone rules; load them now, while files can still be
    // opened, so that logging keeps working when connections use up the file descriptors.
    java.time.ZonedDateTime.now();
  }

  private MemcachedServer(ServerSettings settings) {
    IoHandlerFactory io = settings.transport().ioHandlerFactory();
    acceptor = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("slabcache-accept"), io);
    workers =
        new MultiThreadIoEventLoopGroup(
            settings.threads(), new DefaultThreadFactory("slabcache-io"), io);
  }

  /**
   * Binds and starts serving.
   *
   * @throws java.io.UncheckedIOException if the address cannot be bound
   */
  public static MemcachedServer start(ServerSettings settings, SlabEngine engine) {
    MemcachedServer server = new MemcachedServer(settings);
    try {
      server.bind(settings, engine);
    } catch (RuntimeException | Error e) {
      server.close();
      throw e;
    }
    return server;
  }

  private void bind(ServerSettings settings, SlabEngine engine) {
    ServerRuntime runtime = new ServerRuntime(engine, settings, this::closeInBackground);
    this.runtime = runtime;
    int high = settings.outputHighWaterMark();
    ServerBootstrap bootstrap =
        new ServerBootstrap()
            .group(acceptor, workers)
            .channel(settings.transport().serverChannel())
            .option(ChannelOption.SO_BACKLOG, BACKLOG)
            .option(ChannelOption.SO_REUSEADDR, true)
            // One accept() each time the socket is ready, as memcached: another in the same round
            // would fail for want of a descriptor with no client waiting, and stop listening.
            .option(
                ChannelOption.RECVBUF_ALLOCATOR,
                new ServerChannelRecvByteBufAllocator().maxMessagesPerRead(1))
            .handler(new AcceptFailureHandler(runtime.listenState(), runtime::verbosity))
            .childOption(ChannelOption.TCP_NODELAY, true)
            .childOption(ChannelOption.ALLOCATOR, ALLOCATOR)
            .childOption(ChannelOption.RECVBUF_ALLOCATOR, new LentReadBuffers())
            .childOption(
                ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(high / 2, high))
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel channel) {
                    channels.add(channel);
                    if (settings.idleTimeoutSeconds() > 0) {
                      channel
                          .pipeline()
                          .addLast(
                              "idle",
                              new IdleStateHandler(
                                  settings.idleTimeoutSeconds(), 0, 0, TimeUnit.SECONDS));
                    }
                    channel.pipeline().addLast("guard", new ConnectionGuard(runtime));
                    channel.pipeline().addLast("detector", new ProtocolDetector(runtime));
                  }
                });
    InetSocketAddress address =
        settings.host().isEmpty()
            ? new InetSocketAddress(settings.port())
            : new InetSocketAddress(settings.host(), settings.port());
    try {
      serverChannel = bootstrap.bind(address).sync().channel();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while binding " + address, e);
    } catch (Exception e) {
      throw new java.io.UncheckedIOException(
          new java.io.IOException("cannot listen on " + address + ": " + e.getMessage(), e));
    }
    runtime.listening(serverChannel.localAddress());
  }

  /** The address the server listens on. */
  public InetSocketAddress localAddress() {
    return (InetSocketAddress) serverChannel.localAddress();
  }

  /** The port the server listens on. */
  public int port() {
    return localAddress().getPort();
  }

  /** Blocks until the server has been closed, by {@link #close()} or a {@code shutdown} command. */
  public void awaitTermination() throws InterruptedException {
    terminated.await();
  }

  private void closeInBackground() {
    Thread closer = new Thread(this::close, "slabcache-shutdown");
    closer.setDaemon(false);
    closer.start();
  }

  /** Stops listening, closes every connection and stops the server's threads. */
  @Override
  public void close() {
    synchronized (closeLock) {
      if (closed) {
        return;
      }
      closed = true;
    }
    try {
      if (serverChannel != null) {
        serverChannel.close().syncUninterruptibly();
      }
      channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
      workers.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly();
      acceptor.shutdownGracefully(0, 5, TimeUnit.SECONDS).awaitUninterruptibly();
      if (runtime != null) {
        runtime.close();
      }
    } finally {
      terminated.countDown();
    }
  }
}

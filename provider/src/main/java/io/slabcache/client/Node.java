package io.slabcache.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One server of the pool and its health: keeps one {@link Connection} open, reconnects with a
 * doubling delay when it is lost, and ejects the server (closes the connection, which starts the
 * reconnection) after {@link ClientConfig#failureThreshold()} timeouts in a row. A connection is
 * used only after the server answered an {@code mn} on it, so a server that accepts connections but
 * does not answer stays ejected. While the server is out, requests fail at once with {@link
 * ServerUnavailableException}; they are never queued and never sent to another server.
 */
final class Node implements Connection.Listener {

  private static final System.Logger LOG = System.getLogger(Node.class.getName());

  private final ServerAddress address;
  private final Bootstrap bootstrap;
  private final ClientConfig config;
  private final AtomicInteger consecutiveTimeouts = new AtomicInteger();
  private final CompletableFuture<Void> firstAttempt = new CompletableFuture<>();
  private volatile Connection connection;
  private volatile boolean closed;
  private volatile String downReason = "not connected yet";
  private long retryDelayNanos;

  Node(ServerAddress address, Bootstrap bootstrap, ClientConfig config) {
    this.address = address;
    this.bootstrap = bootstrap;
    this.config = config;
    this.retryDelayNanos = config.minRetryDelay().toNanos();
  }

  ServerAddress address() {
    return address;
  }

  /** Completes when the first connection attempt succeeded or failed. */
  CompletableFuture<Void> firstAttempt() {
    return firstAttempt;
  }

  boolean isUp() {
    Connection c = connection;
    return c != null && c.isActive();
  }

  /** Sends the command on the current connection, or fails it at once if the server is out. */
  CompletableFuture<MetaReply> send(MetaCommand command) {
    Connection c = connection;
    if (c == null) {
      command.reply.completeExceptionally(
          new ServerUnavailableException(
              "memcached " + address + " is unavailable: " + downReason));
    } else {
      c.send(command);
    }
    return command.reply;
  }

  void start() {
    connect();
  }

  void close() {
    closed = true;
    Connection c = connection;
    if (c != null) {
      c.close();
    }
    firstAttempt.complete(null);
  }

  @Override
  public void answered() {
    consecutiveTimeouts.set(0);
  }

  @Override
  public void timedOut() {
    if (consecutiveTimeouts.incrementAndGet() == config.failureThreshold()) {
      Connection c = connection;
      if (c != null) {
        LOG.log(
            Level.WARNING,
            "memcached {0}: {1} timeouts in a row, ejecting it",
            address,
            config.failureThreshold());
        c.close();
      }
    }
  }

  private void connect() {
    if (closed) {
      return;
    }
    Connection candidate =
        new Connection(address, config.operationTimeout().toNanos(), config.maxOutstanding(), this);
    ChannelFuture future =
        bootstrap
            .clone()
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel channel) {
                    channel.pipeline().addLast(new MetaReplyDecoder(), candidate);
                  }
                })
            .connect(address.host(), address.port());
    future.addListener(
        done -> {
          if (!done.isSuccess()) {
            lost("connection refused or unreachable: " + done.cause().getMessage());
            return;
          }
          probe(candidate, future.channel());
        });
  }

  /** Uses the connection once the server answered {@code mn} on it within the connect timeout. */
  private void probe(Connection candidate, Channel channel) {
    MetaCommand noop = MetaCommand.plain("mn");
    candidate.send(noop);
    noop.reply
        .orTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
        .whenComplete(
            (reply, error) -> {
              if (error != null || !reply.is("MN")) {
                channel.close();
                lost(error != null ? "no answer to mn: " + error : "unexpected answer " + reply);
                return;
              }
              up(candidate, channel);
            });
  }

  private void up(Connection candidate, Channel channel) {
    synchronized (this) {
      retryDelayNanos = config.minRetryDelay().toNanos();
    }
    consecutiveTimeouts.set(0);
    connection = candidate;
    if (closed) {
      candidate.close();
    }
    LOG.log(Level.INFO, "memcached {0}: connected", address);
    firstAttempt.complete(null);
    channel
        .closeFuture()
        .addListener(
            ignored -> {
              if (connection == candidate) {
                connection = null;
                lost(
                    consecutiveTimeouts.get() >= config.failureThreshold()
                        ? "ejected after " + config.failureThreshold() + " timeouts in a row"
                        : "connection closed");
              }
            });
  }

  private void lost(String reason) {
    firstAttempt.complete(null);
    if (closed) {
      return;
    }
    downReason = reason;
    long delay;
    synchronized (this) {
      delay = retryDelayNanos;
      retryDelayNanos = Math.min(retryDelayNanos * 2, config.maxRetryDelay().toNanos());
    }
    LOG.log(
        Level.WARNING,
        "memcached {0}: {1}; retrying in {2} ms",
        address,
        reason,
        TimeUnit.NANOSECONDS.toMillis(delay));
    try {
      bootstrap.config().group().schedule(this::connect, delay, TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // the client is closing
    }
  }
}

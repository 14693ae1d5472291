package io.slabcache.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A memcached client for a pool of servers, speaking the meta protocol over pipelined Netty
 * connections. Keys are placed by ketama, compatible with spymemcached and libmemcached's {@code
 * KETAMA_WEIGHTED} for the same server list and {@link NodeKeyFormat}.
 *
 * <p>Every operation completes within the operation timeout: with the answer, or with a {@link
 * MemcachedException} ({@link OperationTimeoutException}, {@link ServerUnavailableException} when
 * the key's server is down or ejected, {@link OverloadedException} when its connection has too many
 * requests in flight, {@link ServerErrorException} for an error reply). A key whose server is out
 * is never sent to another server, so no reader can see a value another writer never wrote there.
 *
 * <p>Keys are bytes: printable ASCII keys go on the wire as they are, others in base64.
 *
 * <p>Futures complete on the client's I/O threads: callbacks attached to them must not block.
 */
public final class MemcachedClient implements AutoCloseable {

  /** Deletes in flight at once per server in {@link #deleteAll}. */
  private static final int DELETE_WINDOW = 256;

  private final ClientConfig config;
  private final EventLoopGroup group;
  private final List<Node> nodes;
  private final Ketama<Node> ring;

  private MemcachedClient(ClientConfig config) {
    this.config = config;
    this.group =
        new MultiThreadIoEventLoopGroup(
            config.ioThreads(),
            new DefaultThreadFactory("memcached-io", true),
            NioIoHandler.newFactory());
    Bootstrap bootstrap =
        new Bootstrap()
            .group(group)
            .channel(NioSocketChannel.class)
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.SO_KEEPALIVE, true)
            .option(
                ChannelOption.CONNECT_TIMEOUT_MILLIS,
                (int) Math.min(Integer.MAX_VALUE, config.connectTimeout().toMillis()));
    List<Node> list = new ArrayList<>();
    for (ServerAddress server : config.servers()) {
      list.add(new Node(server, bootstrap, config));
    }
    this.nodes = List.copyOf(list);
    this.ring = Ketama.build(config.servers(), config.nodeKeyFormat(), nodes);
  }

  /**
   * Connects to every server of the pool and returns once each has connected or failed its first
   * attempt (servers that failed are retried in the background).
   */
  public static MemcachedClient connect(ClientConfig config) {
    MemcachedClient client = new MemcachedClient(config);
    client.nodes.forEach(Node::start);
    try {
      CompletableFuture.allOf(
              client.nodes.stream().map(Node::firstAttempt).toArray(CompletableFuture[]::new))
          .get(config.connectTimeout().toMillis() * 2 + 100, TimeUnit.MILLISECONDS);
    } catch (Exception e) {
      // some servers are still connecting; they join the pool when they answer
    }
    return client;
  }

  public ClientConfig config() {
    return config;
  }

  /** Whether a key of any bytes up to this length can be stored (longer printable keys may). */
  public static int maxBinaryKeyLength() {
    return WireKey.MAX_BINARY_KEY;
  }

  /** The server ketama places the key on. */
  public ServerAddress serverFor(byte[] key) {
    return ring.ownerOf(key).address();
  }

  /** Whether the server is connected and not ejected. */
  public boolean isUp(ServerAddress server) {
    return node(server).isUp();
  }

  /** {@code mg <key> v c f}: the item, or {@code null} on a miss. */
  public CompletableFuture<Item> get(byte[] key) {
    return read(key, "v c f");
  }

  /** {@code mg <key> v c f T<exptime>}: the item, its exptime changed; {@code null} on a miss. */
  public CompletableFuture<Item> getAndTouch(byte[] key, long exptime) {
    return read(key, "v c f T" + exptime);
  }

  /**
   * {@code mg <key> v c f N<vivifyTtl>}: the item; on a miss, memcached creates an empty item
   * living {@code vivifyTtl} seconds and this caller gets it with {@link Item#won()}; callers that
   * find that empty item before it is filled get it with {@link Item#wonByOther()}.
   */
  public CompletableFuture<Item> vivify(byte[] key, long vivifyTtl) {
    return read(key, "v c f N" + vivifyTtl);
  }

  /** {@code mg <key> T<exptime>}: true if the item was found (and its exptime changed). */
  public CompletableFuture<Boolean> touch(byte[] key, long exptime) {
    return send(key, "mg", "T" + exptime, null)
        .thenApply(
            reply -> {
              if (reply.is("HD")) {
                return true;
              }
              if (reply.is("EN")) {
                return false;
              }
              throw unexpected(reply);
            });
  }

  /**
   * {@code ms <key> <length> T<exptime> F<flags> M<mode> [C<cas>]}.
   *
   * @param compareCas store only if the item's CAS unique is this; 0 for no check
   */
  public CompletableFuture<StoreStatus> store(
      StoreMode mode, byte[] key, byte[] value, int flags, long exptime, long compareCas) {
    return store(mode, key, value, flags, exptime, compareCas, false)
        .thenApply(StoreOutcome::status);
  }

  /**
   * {@link #store} that also asks for the stored item's CAS unique ({@code c}), so that the caller
   * can later change or delete exactly the item it stored.
   */
  public CompletableFuture<StoreOutcome> storeReturningCas(
      StoreMode mode, byte[] key, byte[] value, int flags, long exptime, long compareCas) {
    return store(mode, key, value, flags, exptime, compareCas, true);
  }

  private CompletableFuture<StoreOutcome> store(
      StoreMode mode,
      byte[] key,
      byte[] value,
      int flags,
      long exptime,
      long compareCas,
      boolean returnCas) {
    String options =
        "T"
            + exptime
            + " F"
            + Integer.toUnsignedString(flags)
            + (mode == StoreMode.SET ? "" : " M" + mode.token)
            + (compareCas == 0 ? "" : " C" + Long.toUnsignedString(compareCas))
            + (returnCas ? " c" : "");
    return send(key, "ms", options, value)
        .thenApply(
            reply ->
                switch (reply.code) {
                  // a server that keeps no CAS uniques (-C), or predates c, answers none
                  case "HD" ->
                      new StoreOutcome(
                          StoreStatus.STORED, returnCas && reply.has('c') ? reply.number('c') : 0);
                  case "NS" -> new StoreOutcome(StoreStatus.NOT_STORED, 0);
                  case "EX" -> new StoreOutcome(StoreStatus.EXISTS, 0);
                  case "NF" -> new StoreOutcome(StoreStatus.NOT_FOUND, 0);
                  case MetaReply.SERVER_ERROR -> {
                    if (reply.message.contains("too large")) {
                      yield new StoreOutcome(StoreStatus.TOO_LARGE, 0);
                    }
                    if (reply.message.contains("out of memory")) {
                      yield new StoreOutcome(StoreStatus.NO_MEMORY, 0);
                    }
                    throw unexpected(reply);
                  }
                  default -> throw unexpected(reply);
                });
  }

  /**
   * {@code md <key> [C<cas>]}.
   *
   * @param compareCas delete only if the item's CAS unique is this; 0 for no check
   */
  public CompletableFuture<DeleteStatus> delete(byte[] key, long compareCas) {
    return send(key, "md", compareCas == 0 ? "" : "C" + Long.toUnsignedString(compareCas), null)
        .thenApply(
            reply ->
                switch (reply.code) {
                  case "HD" -> DeleteStatus.DELETED;
                  case "NF" -> DeleteStatus.NOT_FOUND;
                  case "EX" -> DeleteStatus.EXISTS;
                  default -> throw unexpected(reply);
                });
  }

  /**
   * {@code ma <key> v D<delta>}: the incremented value (unsigned, wrapping at 2^64), or {@code
   * null} when the key is missing or its value is not a decimal number.
   */
  public CompletableFuture<Long> incr(byte[] key, long delta) {
    return send(key, "ma", "v D" + Long.toUnsignedString(delta), null)
        .thenApply(
            reply -> {
              if (reply.is("VA")) {
                return Long.parseUnsignedLong(
                    new String(reply.value, java.nio.charset.StandardCharsets.US_ASCII).trim());
              }
              if (reply.is("NF")
                  || (reply.is(MetaReply.CLIENT_ERROR) && reply.message.contains("non-numeric"))) {
                return null;
              }
              throw unexpected(reply);
            });
  }

  /**
   * Passes every key starting with {@code prefix} stored on any server of the pool, using {@code
   * lru_crawler metadump hash} on a separate connection per server. That walk of the hash table
   * visits every item that is there for the whole walk; items written or removed meanwhile may or
   * may not be seen. A server that refuses it is not asked to walk its LRUs instead ({@code
   * metadump all}): that walk skips items that are being read or move between LRUs while it runs.
   *
   * @throws ServerUnavailableException if a server is out: a partial enumeration would silently
   *     miss keys
   * @throws ServerErrorException if a server cannot walk its hash table
   */
  public void keys(byte[] prefix, Consumer<byte[]> visitor) {
    requireAllUp("enumerate its keys");
    for (Node node : nodes) {
      metadump(node.address(), prefix, visitor);
    }
  }

  /**
   * Deletes every item whose key starts with {@code prefix} from every server of the pool: each
   * server lists its keys as {@link #keys} does and the items are deleted there, whichever server
   * ketama places the key on now (so copies an earlier pool left on another server go too). Every
   * item there for the whole call is gone when it returns; items written meanwhile may stay.
   *
   * @throws ServerUnavailableException if a server is out
   * @throws ServerErrorException if a server cannot walk its hash table
   */
  public void deleteAll(byte[] prefix) {
    requireAllUp("delete its keys");
    for (Node node : nodes) {
      List<byte[]> keys = new ArrayList<>();
      metadump(node.address(), prefix, keys::add);
      deleteOn(node, keys);
    }
  }

  private void requireAllUp(String purpose) {
    for (Node node : nodes) {
      if (!node.isUp()) {
        throw new ServerUnavailableException(
            "memcached " + node.address() + " is unavailable; cannot " + purpose);
      }
    }
  }

  /** Plain deletes of the keys on one server, pipelined a window at a time. */
  private void deleteOn(Node node, List<byte[]> keys) {
    for (int start = 0; start < keys.size(); start += DELETE_WINDOW) {
      List<CompletableFuture<MetaReply>> replies = new ArrayList<>();
      for (byte[] key : keys.subList(start, Math.min(keys.size(), start + DELETE_WINDOW))) {
        replies.add(node.send(command(key, "md", "", null)));
      }
      for (CompletableFuture<MetaReply> reply : replies) {
        MetaReply answer = answer(reply);
        if (!answer.is("HD") && !answer.is("NF")) {
          throw unexpected(answer);
        }
      }
    }
  }

  /** The reply of a request, which the connection completes within the operation timeout. */
  private static MetaReply answer(CompletableFuture<MetaReply> reply) {
    try {
      return reply.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new MemcachedException("memcached operation failed", e.getCause());
    }
  }

  /** {@code stats} of every server. */
  public Map<ServerAddress, Map<String, String>> stats() {
    Map<ServerAddress, Map<String, String>> all = new LinkedHashMap<>();
    for (Node node : nodes) {
      try (TextSession session = session(node.address())) {
        all.put(node.address(), session.stats(""));
      } catch (IOException e) {
        throw new ServerUnavailableException("stats of " + node.address() + " failed: " + e, e);
      }
    }
    return all;
  }

  @Override
  public void close() {
    nodes.forEach(Node::close);
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private void metadump(ServerAddress server, byte[] prefix, Consumer<byte[]> visitor) {
    Consumer<byte[]> filter =
        key -> {
          if (startsWith(key, prefix)) {
            visitor.accept(key);
          }
        };
    if (dump(server, filter) == TextSession.Dump.REFUSED) {
      throw new ServerErrorException(
          "memcached "
              + server
              + " refuses lru_crawler metadump hash, the only key walk that misses no item");
    }
  }

  /** One metadump, retried while the crawler is busy with another request. */
  private TextSession.Dump dump(ServerAddress server, Consumer<byte[]> keys) {
    long backoff = 1;
    long deadline = System.nanoTime() + config.operationTimeout().toNanos() * 10;
    while (true) {
      TextSession.Dump outcome;
      try (TextSession session = session(server)) {
        outcome = session.metadumpHash(keys);
      } catch (IOException e) {
        throw new ServerUnavailableException("metadump of " + server + " failed: " + e, e);
      }
      if (outcome != TextSession.Dump.BUSY) {
        return outcome;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new OperationTimeoutException("lru_crawler on " + server + " stayed busy");
      }
      try {
        Thread.sleep(backoff);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new MemcachedException("interrupted while waiting for the lru_crawler", e);
      }
      backoff = Math.min(backoff * 2, 100);
    }
  }

  private TextSession session(ServerAddress server) throws IOException {
    return new TextSession(server, config.connectTimeout(), config.operationTimeout());
  }

  private CompletableFuture<Item> read(byte[] key, String options) {
    return send(key, "mg", options, null)
        .thenApply(
            reply -> {
              if (reply.is("EN")) {
                return null;
              }
              if (!reply.is("VA")) {
                throw unexpected(reply);
              }
              String flags = reply.token('f');
              return new Item(
                  reply.value,
                  reply.number('c'),
                  flags == null ? 0 : Integer.parseUnsignedInt(flags),
                  reply.has('W'),
                  reply.has('Z'));
            });
  }

  private CompletableFuture<MetaReply> send(
      byte[] key, String command, String options, byte[] value) {
    return ring.ownerOf(key).send(command(key, command, options, value));
  }

  private static MetaCommand command(byte[] key, String command, String options, byte[] value) {
    String wireKey = WireKey.encode(key);
    StringBuilder line = new StringBuilder(command.length() + wireKey.length() + 32);
    line.append(command).append(' ').append(wireKey);
    if (value != null) {
      line.append(' ').append(value.length);
    }
    if (WireKey.isBase64(key)) {
      line.append(" b");
    }
    if (!options.isEmpty()) {
      line.append(' ').append(options);
    }
    return MetaCommand.meta(line.toString(), value);
  }

  private Node node(ServerAddress server) {
    for (Node node : nodes) {
      if (node.address().equals(server)) {
        return node;
      }
    }
    throw new IllegalArgumentException("not in the pool: " + server);
  }

  private static ServerErrorException unexpected(MetaReply reply) {
    return new ServerErrorException("unexpected reply: " + reply);
  }

  private static boolean startsWith(byte[] key, byte[] prefix) {
    return key.length >= prefix.length
        && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
  }
}

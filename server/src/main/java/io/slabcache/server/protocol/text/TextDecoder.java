package io.slabcache.server.protocol.text;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.slabcache.server.engine.SlabEngine;
import io.slabcache.server.engine.StoreMode;
import io.slabcache.server.protocol.CommandDecoder;
import io.slabcache.server.protocol.LineTokens;
import io.slabcache.server.protocol.RequestBudget;
import io.slabcache.server.protocol.meta.MetaExecutor;
import io.slabcache.server.protocol.meta.MetaParse;
import io.slabcache.server.protocol.meta.MetaParser;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Turns the bytes of a text-protocol connection into {@link TextCommand}s, one per call: a state
 * machine that reads a command line, then the data block of a storage command, or skips the data
 * block of a refused one. Malformed lines become {@link TextCommand.Reply}s carrying memcached's
 * error line. It decodes nothing while the channel is not writable, so a client that does not read
 * its replies stops being read.
 */
public final class TextDecoder extends CommandDecoder {

  /** Most bytes memcached waits for without seeing a line end, unless the line is a get. */
  static final int MAX_LINE = 2048;

  /**
   * Longest line answered when its end has arrived: memcached looks for the end in what one read
   * brought into its 16 KiB read buffer, so a longer line is one it never sees the end of.
   */
  static final int MAX_ENDED_LINE = 16 * 1024;

  /** Longest multi-get line accepted; memcached has no bound, a connection here must. */
  static final int MAX_GET_LINE = 2 * 1024 * 1024;

  /** memcached's tokenizer stops after this many tokens (its terminal token included). */
  private static final int MAX_TOKENS = 24;

  static final String BAD_FORMAT = "CLIENT_ERROR bad command line format";

  private enum State {
    LINE,
    DATA
  }

  private final int maxValueLength;
  private final LineTokens tokens = new LineTokens();
  private State state = State.LINE;
  private TextCommand.Store pendingStore;
  private MetaParse pendingMeta;
  private int pendingLength;

  /**
   * @param maxValueLength data blocks longer than this are refused without being buffered
   * @param budget the requests served in a turn ({@code -R})
   */
  public TextDecoder(int maxValueLength, RequestBudget budget) {
    super(budget);
    this.maxValueLength = maxValueLength;
  }

  @Override
  protected void decodeCommand(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (state == State.LINE) {
      readLine(ctx, in, out);
    } else {
      readData(in, out);
    }
  }

  private void readLine(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    int start = in.readerIndex();
    int readable = in.readableBytes();
    boolean get = readable > MAX_LINE && isGet(in);
    int searched = Math.min(readable, get ? MAX_GET_LINE : MAX_ENDED_LINE);
    int newline = in.indexOf(start, start + searched, (byte) '\n');
    if (newline < 0) {
      if (readable > (get ? MAX_GET_LINE : MAX_LINE)) {
        // memcached drops a connection that sends this much without a line end.
        discardInput();
        in.skipBytes(readable);
        ctx.close();
      }
      return;
    }
    int end = newline;
    if (end > start && in.getByte(end - 1) == '\r') {
      end--;
    }
    byte[] line = new byte[end - start];
    in.getBytes(start, line);
    in.readerIndex(newline + 1);
    TextCommand command = parse(tokens.reset(line));
    if (command != null) {
      out.add(command);
    }
  }

  private static boolean isGet(ByteBuf in) {
    int i = in.readerIndex();
    int end = in.writerIndex();
    while (i < end && i - in.readerIndex() <= 100 && in.getByte(i) == ' ') {
      i++;
    }
    return startsWith(in, i, "get ") || startsWith(in, i, "gets ");
  }

  private static boolean startsWith(ByteBuf in, int index, String prefix) {
    if (in.writerIndex() - index < prefix.length()) {
      return false;
    }
    for (int i = 0; i < prefix.length(); i++) {
      if (in.getByte(index + i) != prefix.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  private void readData(ByteBuf in, List<Object> out) {
    if (in.readableBytes() < pendingLength + 2) {
      return;
    }
    byte[] value = new byte[pendingLength];
    in.readBytes(value);
    boolean terminated = in.readByte() == '\r' & in.readByte() == '\n';
    state = State.LINE;
    TextCommand.Store store = pendingStore;
    MetaParse meta = pendingMeta;
    pendingStore = null;
    pendingMeta = null;
    if (!terminated) {
      // meta commands always report errors; classic ones honour noreply.
      out.add(
          new TextCommand.Reply("CLIENT_ERROR bad data chunk", store != null && store.noreply()));
    } else if (store != null) {
      out.add(
          new TextCommand.Store(
              store.mode(),
              store.key(),
              store.flags(),
              store.exptime(),
              store.isCas(),
              store.cas(),
              value,
              store.noreply()));
    } else {
      out.add(new TextCommand.Meta(meta.withData(value)));
    }
  }

  private TextCommand parse(LineTokens tokens) {
    int count = tokens.count();
    int ntokens = Math.min(count, MAX_TOKENS - 1) + 1;
    if (count == 0 || tokens.length(0) < 2) {
      return error("ERROR");
    }
    if (tokens.byteAt(0, 0) == 'm' && tokens.length(0) == 2) {
      return meta(tokens);
    }
    if (tokens.is(0, "get")) {
      return ntokens < 3 ? error("ERROR") : retrieve(tokens, false, false);
    }
    if (tokens.is(0, "set")) {
      return ntokens == 6 || ntokens == 7 ? store(tokens, StoreMode.SET, false) : error("ERROR");
    }
    String name = tokens.string(0);
    switch (name) {
      case "bget":
        return ntokens < 3 ? error("ERROR") : retrieve(tokens, false, false);
      case "gets":
        return ntokens < 3 ? error("ERROR") : retrieve(tokens, true, false);
      case "gat":
        return ntokens < 3 ? error("ERROR") : retrieve(tokens, false, true);
      case "gats":
        return ntokens < 3 ? error("ERROR") : retrieve(tokens, true, true);
      case "add":
        return ntokens == 6 || ntokens == 7 ? store(tokens, StoreMode.ADD, false) : error("ERROR");
      case "replace":
        return ntokens == 6 || ntokens == 7
            ? store(tokens, StoreMode.REPLACE, false)
            : error("ERROR");
      case "append":
        return ntokens == 6 || ntokens == 7
            ? store(tokens, StoreMode.APPEND, false)
            : error("ERROR");
      case "prepend":
        return ntokens == 6 || ntokens == 7
            ? store(tokens, StoreMode.PREPEND, false)
            : error("ERROR");
      case "cas":
        return ntokens == 7 || ntokens == 8 ? store(tokens, StoreMode.SET, true) : error("ERROR");
      case "incr":
        return ntokens == 4 || ntokens == 5 ? arithmetic(tokens, true) : error("ERROR");
      case "decr":
        return ntokens == 4 || ntokens == 5 ? arithmetic(tokens, false) : error("ERROR");
      case "touch":
        return ntokens == 4 || ntokens == 5 ? touch(tokens) : error("ERROR");
      case "delete":
        return ntokens >= 3 && ntokens <= 5 ? delete(tokens, ntokens) : error("ERROR");
      case "stats":
      case "flush_all":
      case "version":
      case "quit":
      case "shutdown":
      case "slabs":
      case "lru_crawler":
      case "lru":
      case "cache_memlimit":
      case "watch":
      case "verbosity":
        return admin(tokens);
      case "refresh_certs":
        // memcached's answer when it serves no TLS, as here
        return error("Error TLS not enabled");
      default:
        // memcached hangs up, without a word, on what looks like an HTTP request
        return tokens.string(ntokens - 2).startsWith("HTTP/") ? HANG_UP : error("ERROR");
    }
  }

  /** Ends the connection as {@code quit} does. */
  private static final TextCommand HANG_UP = new TextCommand.Admin(List.of("quit"));

  private static TextCommand error(String line) {
    return new TextCommand.Reply(line, false);
  }

  private static boolean noreply(LineTokens tokens) {
    return tokens.is(tokens.count() - 1, "noreply");
  }

  private static TextCommand admin(LineTokens tokens) {
    List<String> words = new ArrayList<>(tokens.count());
    for (int i = 0; i < tokens.count(); i++) {
      words.add(tokens.string(i));
    }
    return new TextCommand.Admin(Collections.unmodifiableList(words));
  }

  private TextCommand meta(LineTokens tokens) {
    MetaParse parse = MetaParser.parse(tokens);
    if (parse.error() != null) {
      if (parse.dataLength() >= 0) {
        swallow(parse.dataLength() + 2L);
      }
      return error(parse.error());
    }
    if (parse.dataLength() < 0) {
      return new TextCommand.Meta(parse.request());
    }
    if (parse.dataLength() > maxValueLength) {
      swallow(parse.dataLength() + 2L);
      // like memcached's ms, whatever the mode: the old value must not stay readable
      return new TextCommand.TooLarge(
          parse.request().key(), false, MetaExecutor.storeCommand(parse.request()), true, true);
    }
    pendingMeta = parse;
    pendingLength = parse.dataLength();
    state = State.DATA;
    return null;
  }

  private TextCommand retrieve(LineTokens tokens, boolean withCas, boolean touch) {
    int first = 1;
    long exptime = 0;
    if (touch) {
      Long parsed = tokens.int32(1);
      if (parsed == null) {
        return error("CLIENT_ERROR invalid exptime argument");
      }
      exptime = parsed;
      first = 2;
    }
    for (int i = first; i < tokens.count(); i++) {
      if (tokens.length(i) > SlabEngine.MAX_KEY_LENGTH) {
        return error(BAD_FORMAT);
      }
    }
    List<byte[]> keys;
    if (tokens.count() == first + 1) {
      keys = List.of(tokens.bytes(first)); // the common case, one key, without a growable list
    } else {
      keys = new ArrayList<>(tokens.count() - first);
      for (int i = first; i < tokens.count(); i++) {
        keys.add(tokens.bytes(i));
      }
    }
    return new TextCommand.Retrieve(withCas, touch, exptime, keys);
  }

  private TextCommand store(LineTokens tokens, StoreMode mode, boolean isCas) {
    boolean noreply = noreply(tokens);
    if (tokens.length(1) > SlabEngine.MAX_KEY_LENGTH) {
      return new TextCommand.Reply(BAD_FORMAT, noreply);
    }
    long flags = tokens.uint32(2);
    Long exptime = tokens.int32(3);
    Long length = tokens.int32(4);
    if (flags < 0 || exptime == null || length == null) {
      return new TextCommand.Reply(BAD_FORMAT, noreply);
    }
    long cas = 0;
    if (isCas) {
      Long parsed = tokens.uint64(5);
      if (parsed == null) {
        return new TextCommand.Reply(BAD_FORMAT, noreply);
      }
      cas = parsed;
    }
    if (length < 0 || length > Integer.MAX_VALUE - 2) {
      return new TextCommand.Reply(BAD_FORMAT, noreply);
    }
    byte[] key = tokens.bytes(1);
    if (length > maxValueLength) {
      swallow(length + 2);
      // memcached drops the old value for a set only, not for a cas
      boolean dropsOldValue = mode == StoreMode.SET && !isCas;
      return new TextCommand.TooLarge(
          key, noreply, storeCommand(mode, isCas), dropsOldValue, false);
    }
    pendingStore =
        new TextCommand.Store(mode, key, (int) flags, exptime, isCas, cas, null, noreply);
    pendingLength = length.intValue();
    state = State.DATA;
    return null;
  }

  /** memcached's name for a text store in log lines. */
  static String storeCommand(StoreMode mode, boolean isCas) {
    return isCas ? "cas" : mode.command();
  }

  private static TextCommand arithmetic(LineTokens tokens, boolean increment) {
    boolean noreply = noreply(tokens);
    if (tokens.length(1) > SlabEngine.MAX_KEY_LENGTH) {
      return new TextCommand.Reply(BAD_FORMAT, noreply);
    }
    Long delta = tokens.uint64(2);
    if (delta == null) {
      return new TextCommand.Reply("CLIENT_ERROR invalid numeric delta argument", noreply);
    }
    return new TextCommand.Arithmetic(tokens.bytes(1), increment, delta, noreply);
  }

  private static TextCommand touch(LineTokens tokens) {
    boolean noreply = noreply(tokens);
    if (tokens.length(1) > SlabEngine.MAX_KEY_LENGTH) {
      return new TextCommand.Reply(BAD_FORMAT, noreply);
    }
    Long exptime = tokens.int32(2);
    if (exptime == null) {
      return new TextCommand.Reply("CLIENT_ERROR invalid exptime argument", noreply);
    }
    return new TextCommand.Touch(tokens.bytes(1), exptime, noreply);
  }

  private static TextCommand delete(LineTokens tokens, int ntokens) {
    boolean noreply = false;
    if (ntokens > 3) {
      boolean holdIsZero = tokens.is(2, "0");
      noreply = noreply(tokens);
      boolean valid =
          (ntokens == 4 && (holdIsZero || noreply)) || (ntokens == 5 && holdIsZero && noreply);
      if (!valid) {
        return new TextCommand.Reply(
            "CLIENT_ERROR bad command line format.  Usage: delete <key> [noreply]", noreply);
      }
    }
    if (tokens.length(1) > SlabEngine.MAX_KEY_LENGTH) {
      return new TextCommand.Reply(BAD_FORMAT, noreply);
    }
    return new TextCommand.Delete(tokens.bytes(1), noreply);
  }
}

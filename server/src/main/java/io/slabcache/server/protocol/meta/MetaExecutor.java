package io.slabcache.server.protocol.meta;

import io.slabcache.server.engine.ArithmeticRequest;
import io.slabcache.server.engine.ArithmeticResult;
import io.slabcache.server.engine.ArithmeticStatus;
import io.slabcache.server.engine.DeleteRequest;
import io.slabcache.server.engine.DeleteResult;
import io.slabcache.server.engine.DeleteStatus;
import io.slabcache.server.engine.ItemView;
import io.slabcache.server.engine.ReadOptions;
import io.slabcache.server.engine.SlabEngine;
import io.slabcache.server.engine.StoreMode;
import io.slabcache.server.engine.StoreRequest;
import io.slabcache.server.engine.StoreResult;
import io.slabcache.server.protocol.Lookup;
import io.slabcache.server.protocol.ReplyOutput;
import io.slabcache.server.protocol.ValueReply;
import io.slabcache.server.protocol.Watchers;
import java.util.Base64;

/** Runs meta commands on the engine and writes memcached's replies. */
public final class MetaExecutor {

  private final SlabEngine engine;
  private final Watchers watchers;
  private final Runnable metaCommandCounter;
  private final ReplyOutput out;
  private final int connectionId;
  private final Values values;
  private final Debug debug;
  private final Lookup lookup;

  /**
   * @param metaCommandCounter counts the commands memcached counts as {@code cmd_meta}
   * @param out where the replies go
   * @param connectionId the connection's number in log lines
   */
  public MetaExecutor(
      SlabEngine engine,
      Watchers watchers,
      Runnable metaCommandCounter,
      ReplyOutput out,
      int connectionId) {
    this.engine = engine;
    this.watchers = watchers;
    this.metaCommandCounter = metaCommandCounter;
    this.out = out;
    this.connectionId = connectionId;
    this.values = new Values(out);
    this.debug = new Debug(out);
    this.lookup = new Lookup(out);
  }

  /**
   * memcached's name for a meta set in log lines: the store it amounts to, a CAS turning set and
   * replace into cas.
   */
  public static String storeCommand(MetaRequest request) {
    MetaFlags f = request.flags();
    StoreMode mode = storeMode(f.mode);
    if (f.hasCompareCas && (mode == StoreMode.SET || mode == StoreMode.REPLACE)) {
      return "cas";
    }
    return mode.command();
  }

  public void execute(MetaRequest request) {
    switch (request.command()) {
      case 'g':
        get(request);
        break;
      case 's':
        set(request);
        break;
      case 'd':
        delete(request);
        break;
      case 'a':
        arithmetic(request);
        break;
      case 'e':
        debug(request);
        break;
      case 'n':
        out.line("MN");
        break;
      default:
        out.line("ERROR");
    }
  }

  private long now() {
    return engine.unixTime();
  }

  private void get(MetaRequest request) {
    MetaFlags f = request.flags();
    ReadOptions options = new ReadOptions(false, !f.noBump, f.ttl, f.vivify, f.recache, f.newCas);
    values.reset();
    values.request = request;
    boolean hit = engine.read(request.key(), options, values);
    values.log(watchers, request.key(), connectionId);
    if (!hit) {
      if (f.noReply) {
        return;
      }
      out.ascii("EN");
      opaqueAndKey(request, out);
      out.crlf();
      return;
    }
    if (values.sent) {
      out.crlf();
    }
  }

  /** Writes mg's status line ahead of the value, with the flags asked for, in their order. */
  private final class Values extends ValueReply {
    MetaRequest request;
    boolean sent;

    Values(ReplyOutput out) {
      super(out);
    }

    @Override
    protected boolean head(ItemView item) {
      MetaFlags f = request.flags();
      sent = f.value && !(f.hasCompareCas && f.compareCas == item.cas());
      if (sent) {
        out.ascii("VA ").decimal(item.valueLength());
      } else {
        out.ascii("HD");
      }
      String order = f.order;
      for (int i = 0; i < order.length(); i++) {
        switch (order.charAt(i)) {
          case 's':
            out.ascii(" s").decimal(item.valueLength());
            break;
          case 't':
            out.ascii(" t").decimal(item.ttl() < 0 ? -1 : item.ttl());
            break;
          case 'c':
            out.ascii(" c").unsignedDecimal(item.cas());
            break;
          case 'f':
            out.ascii(" f").unsignedDecimal(Integer.toUnsignedLong(item.flags()));
            break;
          case 'l':
            out.ascii(" l").decimal(Math.max(0, now() - item.lastAccess()));
            break;
          case 'h':
            out.ascii(item.fetchedBefore() ? " h1" : " h0");
            break;
          case 'O':
            out.space().bytes(f.opaque);
            break;
          case 'k':
            key(request, out);
            break;
          default:
            break;
        }
      }
      if (item.alreadyWon()) {
        out.ascii(" Z");
      }
      if (item.stale()) {
        out.ascii(" X");
      }
      if (item.won()) {
        out.ascii(" W");
      }
      out.crlf();
      return sent;
    }
  }

  private void set(MetaRequest request) {
    MetaFlags f = request.flags();
    StoreMode mode = storeMode(f.mode);
    long exptime = f.ttl == ReadOptions.UNCHANGED ? 0 : f.ttl;
    String code;
    long cas = 0;
    StoreRequest store =
        new StoreRequest(
            mode,
            request.key(),
            request.value(),
            (int) f.clientFlags,
            exptime,
            f.hasCompareCas ? f.compareCas : 0,
            f.newCas,
            f.invalidate,
            f.vivify);
    // CAS 0 matches no live item: memcached answers without storing.
    StoreResult result =
        f.hasCompareCas && f.compareCas == 0 ? engine.casZero(store) : engine.store(store);
    watchers.stored(storeCommand(request), request.key(), result, connectionId);
    if (result.unbuilt() && result.lookup() == null) {
      // memcached's ms drops the old value whatever its mode; the engine does only for a plain set
      DeleteResult dropped = engine.delete(DeleteRequest.of(request.key()));
      watchers.lookedUp(request.key(), dropped, connectionId);
    }
    switch (result.status()) {
      case STORED:
        if (f.noReply) {
          return;
        }
        code = "HD";
        cas = result.cas();
        break;
      case NOT_STORED:
        code = "NS";
        break;
      case EXISTS:
        code = "EX";
        break;
      case NOT_FOUND:
        code = "NF";
        break;
      case TOO_LARGE:
        out.line("SERVER_ERROR object too large for cache");
        return;
      case NO_MEMORY:
        out.line("SERVER_ERROR out of memory storing object");
        return;
      default:
        out.line(MetaParser.BAD_FORMAT);
        return;
    }
    out.ascii(code);
    String order = f.order;
    for (int i = 0; i < order.length(); i++) {
      switch (order.charAt(i)) {
        case 'O':
          out.space().bytes(f.opaque);
          break;
        case 'k':
          key(request, out);
          break;
        case 'c':
          out.ascii(" c").unsignedDecimal(cas);
          break;
        default:
          break;
      }
    }
    out.crlf();
  }

  private static StoreMode storeMode(char mode) {
    switch (mode) {
      case 'E':
      case 'e':
        return StoreMode.ADD;
      case 'A':
      case 'a':
        return StoreMode.APPEND;
      case 'P':
      case 'p':
        return StoreMode.PREPEND;
      case 'R':
      case 'r':
        return StoreMode.REPLACE;
      default:
        return StoreMode.SET;
    }
  }

  private void delete(MetaRequest request) {
    MetaFlags f = request.flags();
    DeleteStatus status;
    if (f.hasCompareCas && f.compareCas == 0) {
      status = lookUp(request.key()) ? DeleteStatus.EXISTS : DeleteStatus.NOT_FOUND;
    } else {
      DeleteRequest delete =
          new DeleteRequest(
              request.key(),
              f.hasCompareCas ? f.compareCas : 0,
              f.newCas,
              f.invalidate,
              f.invalidate ? f.ttl : ReadOptions.UNCHANGED,
              f.dropValue);
      DeleteResult result = engine.delete(delete);
      if (f.invalidate) {
        // memcached does not log a meta delete that only marks the item stale, only its lookup
        watchers.lookedUp(request.key(), result, connectionId);
      } else {
        watchers.deleted("md", request.key(), result, connectionId);
      }
      status = result.status();
    }
    switch (status) {
      case DELETED:
        if (f.noReply) {
          return;
        }
        out.ascii("HD");
        break;
      case NOT_FOUND:
        out.ascii("NF");
        break;
      case EXISTS:
        out.ascii("EX");
        break;
      default:
        out.line(MetaParser.BAD_FORMAT);
        return;
    }
    opaqueAndKey(request, out);
    out.crlf();
  }

  private void arithmetic(MetaRequest request) {
    MetaFlags f = request.flags();
    boolean increment = MetaParser.arithmeticIncrement(f.mode);
    ArithmeticResult result;
    if (f.hasCompareCas && f.compareCas == 0) {
      boolean live = lookUp(request.key());
      if (MetaParser.opaqueTooLong(f)) {
        out.line(MetaParser.OPAQUE_TOO_LONG);
        return;
      }
      out.ascii(live ? "EX" : "NF");
      opaqueAndKey(request, out);
      out.crlf();
      return;
    }
    result =
        engine.arithmetic(
            new ArithmeticRequest(
                request.key(),
                increment,
                f.delta,
                f.hasCompareCas ? f.compareCas : 0,
                f.newCas,
                f.vivify,
                f.initial,
                f.ttl));
    // ma creates a counter without an exptime and sets it once stored: memcached logs ttl 0
    watchers.arithmetic(request.key(), result, 0, connectionId);
    // as memcached's, an opaque too long to echo is found as the reply is built: the arithmetic
    // has been done, and its outcome is answered with the error, q or not
    if (MetaParser.opaqueTooLong(f) && echoesOpaque(result.status())) {
      out.line(MetaParser.OPAQUE_TOO_LONG);
      return;
    }
    switch (result.status()) {
      case OK:
        if (f.noReply) {
          return;
        }
        break;
      case NOT_FOUND:
        out.ascii("NF");
        opaqueAndKey(request, out);
        out.crlf();
        return;
      case EXISTS:
        out.ascii("EX");
        opaqueAndKey(request, out);
        out.crlf();
        return;
      case NON_NUMERIC:
        out.line("CLIENT_ERROR cannot increment or decrement non-numeric value");
        return;
      case NO_MEMORY:
        out.line("SERVER_ERROR out of memory");
        return;
      default:
        out.line(MetaParser.BAD_FORMAT);
        return;
    }
    String number = Long.toUnsignedString(result.value());
    if (f.value) {
      out.ascii("VA ").decimal(number.length());
    } else {
      out.ascii("HD");
    }
    String order = f.order;
    for (int i = 0; i < order.length(); i++) {
      switch (order.charAt(i)) {
        case 'c':
          out.ascii(" c").unsignedDecimal(result.cas());
          break;
        case 't':
          out.ascii(" t").decimal(result.ttl() < 0 ? -1 : result.ttl());
          break;
        case 'O':
          out.space().bytes(f.opaque);
          break;
        case 'k':
          key(request, out);
          break;
        default:
          break;
      }
    }
    out.crlf();
    if (f.value) {
      out.line(number);
    }
  }

  /**
   * Whether a live item has the key, for a CAS of 0, which matches no item: memcached still looks
   * the key up, without counting a get, and logs what it found.
   */
  private boolean lookUp(byte[] key) {
    lookup.reset();
    boolean live = engine.peek(key, lookup);
    lookup.log(watchers, key, connectionId);
    return live;
  }

  /** The outcomes of ma whose reply echoes the opaque; the others answer an error line. */
  private static boolean echoesOpaque(ArithmeticStatus status) {
    return status == ArithmeticStatus.OK
        || status == ArithmeticStatus.NOT_FOUND
        || status == ArithmeticStatus.EXISTS;
  }

  /**
   * {@code me}: the only meta command memcached counts in {@code cmd_meta}; mg, ms etc. count as
   * gets and sets.
   */
  private void debug(MetaRequest request) {
    metaCommandCounter.run();
    debug.reset();
    debug.request = request;
    boolean hit = engine.peek(request.key(), debug);
    debug.log(watchers, request.key(), connectionId);
    if (!hit) {
      out.line("EN");
    }
  }

  /** Writes {@code me}'s line about the item. */
  private final class Debug extends ValueReply {
    MetaRequest request;

    Debug(ReplyOutput out) {
      super(out);
    }

    @Override
    protected boolean head(ItemView item) {
      out.ascii("ME ");
      if (request.flags().base64Key) {
        out.bytes(Base64.getEncoder().encode(request.key()));
      } else {
        out.bytes(request.key());
      }
      // memcached prints current_time - exptime: the seconds left, negated
      out.ascii(" exp=").decimal(item.ttl() < 0 ? -1 : -item.ttl());
      out.ascii(" la=").decimal(Math.max(0, now() - item.lastAccess()));
      out.ascii(" cas=").unsignedDecimal(item.cas());
      out.ascii(item.fetchedBefore() ? " fetch=yes" : " fetch=no");
      out.ascii(" cls=").decimal(item.slabClass());
      out.ascii(" size=").decimal(item.size());
      out.crlf();
      return false;
    }
  }

  private static void opaqueAndKey(MetaRequest request, ReplyOutput out) {
    MetaFlags f = request.flags();
    String order = f.order;
    for (int i = 0; i < order.length(); i++) {
      char flag = order.charAt(i);
      if (flag == 'O') {
        out.space().bytes(f.opaque);
      } else if (flag == 'k') {
        key(request, out);
      }
    }
  }

  private static void key(MetaRequest request, ReplyOutput out) {
    out.ascii(" k");
    if (request.flags().base64Key) {
      out.bytes(Base64.getEncoder().encode(request.key())).ascii(" b");
    } else {
      out.bytes(request.key());
    }
  }
}

package io.slabcache.server.protocol.binary;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.slabcache.server.engine.ArithmeticRequest;
import io.slabcache.server.engine.ArithmeticResult;
import io.slabcache.server.engine.DeleteRequest;
import io.slabcache.server.engine.DeleteResult;
import io.slabcache.server.engine.ItemView;
import io.slabcache.server.engine.SlabEngine;
import io.slabcache.server.engine.StoreMode;
import io.slabcache.server.engine.StoreRequest;
import io.slabcache.server.engine.StoreResult;
import io.slabcache.server.protocol.CommandContext;
import io.slabcache.server.protocol.CommandDecoder;
import io.slabcache.server.protocol.PrefixStats;
import io.slabcache.server.protocol.ReplyOutput;
import io.slabcache.server.protocol.ValueReply;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Runs binary requests on the engine and writes memcached's binary replies: quiet variants stay
 * silent on the outcomes memcached keeps quiet, errors always answer. With authentication on,
 * everything but SASL and version waits for a successful SASL PLAIN exchange.
 */
public final class BinaryCommandHandler extends SimpleChannelInboundHandler<BinaryRequest> {

  private static final int RESPONSE_MAGIC = 0x81;
  private static final long NO_AUTO_CREATE = 0xFFFF_FFFFL;
  private static final byte[] PLAIN = "PLAIN".getBytes(StandardCharsets.US_ASCII);

  private final CommandContext context;
  private final SlabEngine engine;
  private ReplyOutput out;
  private Values values;
  private int connectionId;
  private boolean authenticated;
  private boolean closing;

  public BinaryCommandHandler(CommandContext context) {
    this.context = context;
    this.engine = context.engine();
    this.authenticated = !context.authenticationRequired();
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    out = new ReplyOutput(ctx);
    values = new Values(out);
    connectionId = context.connectionId(ctx.channel());
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    out.discard();
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    out.flush();
    ctx.fireChannelReadComplete();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    ctx.fireChannelWritabilityChanged();
    if (ctx.channel().isWritable() && !closing) {
      CommandDecoder.decodeBuffered(ctx.pipeline());
    }
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, BinaryRequest request) {
    if (closing) {
      return;
    }
    // memcached's order: a header that contradicts itself, then authentication, then the rest
    if (request.lengthsContradict()) {
      refuse(ctx, request);
    } else if (!authenticated && !allowedUnauthenticated(request.opcode())) {
      error(request, Status.AUTH_ERROR);
      close(ctx);
    } else if (request.refusal() != 0) {
      refuse(ctx, request);
    } else {
      dispatch(ctx, request);
    }
    out.spillIfLarge();
  }

  private void refuse(ChannelHandlerContext ctx, BinaryRequest request) {
    int loud = Opcode.loud(request.opcode());
    if (request.refusal() == Status.E2BIG
        && (loud == Opcode.SET || loud == Opcode.ADD || loud == Opcode.REPLACE)) {
      // counted before the item is found too large, as memcached does
      context.prefixStats().set(request.key());
    }
    if (request.refusal() == Status.E2BIG && loud == Opcode.SET) {
      // memcached's store line here would name no item (it crashes writing it); only the lookup
      // that drops the old value is logged
      dropOldValue(request);
    }
    error(request, request.refusal());
    if (request.closeAfterRefusal()) {
      close(ctx);
    }
  }

  private static boolean allowedUnauthenticated(int opcode) {
    return opcode == Opcode.SASL_LIST_MECHS
        || opcode == Opcode.SASL_AUTH
        || opcode == Opcode.SASL_STEP
        || opcode == Opcode.VERSION;
  }

  private void dispatch(ChannelHandlerContext ctx, BinaryRequest request) {
    int loud = Opcode.loud(request.opcode());
    switch (loud) {
      case Opcode.GET:
      case Opcode.GETK:
      case Opcode.GAT:
      case Opcode.GATK:
      case Opcode.TOUCH:
        get(request, loud);
        break;
      case Opcode.SET:
      case Opcode.ADD:
      case Opcode.REPLACE:
      case Opcode.APPEND:
      case Opcode.PREPEND:
        store(request, loud);
        break;
      case Opcode.DELETE:
        delete(request);
        break;
      case Opcode.INCREMENT:
      case Opcode.DECREMENT:
        arithmetic(request, loud == Opcode.INCREMENT);
        break;
      case Opcode.FLUSH:
        engine.flushAll(request.extras().length == 4 ? request.extrasUnsignedInt(0) : 0);
        success(request, 0);
        break;
      case Opcode.NOOP:
        success(request, 0);
        break;
      case Opcode.VERSION:
        byte[] version = context.version().getBytes(StandardCharsets.US_ASCII);
        header(request, Status.SUCCESS, 0, 0, version.length, 0);
        out.bytes(version);
        break;
      case Opcode.VERBOSITY:
        context.verbosity(Math.max(0, Math.min(request.extrasInt(0), 2)));
        success(request, 0);
        break;
      case Opcode.QUIT:
        success(request, 0);
        close(ctx);
        break;
      case Opcode.STAT:
        stats(request);
        break;
      case Opcode.SASL_LIST_MECHS:
        if (!context.authenticationRequired()) {
          error(request, Status.UNKNOWN_COMMAND);
        } else {
          header(request, Status.SUCCESS, 0, 0, PLAIN.length, 0);
          out.bytes(PLAIN);
        }
        break;
      case Opcode.SASL_AUTH:
      case Opcode.SASL_STEP:
        saslAuth(request, loud);
        break;
      default:
        error(request, Status.UNKNOWN_COMMAND);
    }
  }

  private void get(BinaryRequest request, int loud) {
    boolean touch = loud == Opcode.GAT || loud == Opcode.GATK || loud == Opcode.TOUCH;
    boolean returnKey = loud == Opcode.GETK || loud == Opcode.GATK;
    values.reset();
    values.request = request;
    values.returnKey = returnKey;
    values.returnValue = loud != Opcode.TOUCH;
    boolean hit =
        touch
            ? engine.getAndTouch(request.key(), request.extrasUnsignedInt(0), values)
            : engine.get(request.key(), values);
    values.log(context.watchers(), request.key(), connectionId);
    context.prefixStats().get(request.key(), hit);
    if (!hit) {
      if (Opcode.quiet(request.opcode())) {
        return;
      }
      if (returnKey) {
        header(request, Status.KEY_ENOENT, request.key().length, 0, request.key().length, 0);
        out.bytes(request.key());
      } else {
        error(request, Status.KEY_ENOENT);
      }
    }
  }

  /** Writes a get's response header, flags and key ahead of the value. */
  private final class Values extends ValueReply {
    BinaryRequest request;
    boolean returnKey;
    boolean returnValue;

    Values(ReplyOutput out) {
      super(out);
    }

    @Override
    protected boolean head(ItemView item) {
      byte[] key = returnKey ? request.key() : BinaryRequest.EMPTY;
      int valueLength = returnValue ? item.valueLength() : 0;
      header(request, Status.SUCCESS, key.length, 4, 4 + key.length + valueLength, item.cas());
      out.writeInt(item.flags()).bytes(key);
      return returnValue;
    }
  }

  private void store(BinaryRequest request, int loud) {
    StoreMode mode;
    int flags = 0;
    long exptime = 0;
    switch (loud) {
      case Opcode.ADD:
        mode = StoreMode.ADD;
        break;
      case Opcode.REPLACE:
        mode = StoreMode.REPLACE;
        break;
      case Opcode.APPEND:
        mode = StoreMode.APPEND;
        break;
      case Opcode.PREPEND:
        mode = StoreMode.PREPEND;
        break;
      default:
        mode = StoreMode.SET;
    }
    if (mode != StoreMode.APPEND && mode != StoreMode.PREPEND) {
      // memcached counts a prefix's sets for set, add and replace, not append or prepend
      context.prefixStats().set(request.key());
      flags = request.extrasInt(0);
      exptime = request.extrasUnsignedInt(4);
    }
    StoreRequest store = StoreRequest.of(mode, request.key(), flags, exptime, request.value());
    if (request.cas() != 0) {
      // A CAS in the header turns set, add and replace into memcached's cas.
      store =
          mode == StoreMode.ADD || mode == StoreMode.REPLACE
              ? StoreRequest.of(StoreMode.SET, request.key(), flags, exptime, request.value())
                  .withCompareCas(request.cas())
              : store.withCompareCas(request.cas());
    }
    StoreResult result = engine.store(store);
    // memcached names a binary store with a CAS "cas", unless it appends or prepends
    boolean cas = request.cas() != 0 && mode != StoreMode.APPEND && mode != StoreMode.PREPEND;
    context.watchers().stored(cas ? "cas" : mode.command(), request.key(), result, connectionId);
    if (mode == StoreMode.SET && result.unbuilt() && result.lookup() == null) {
      // memcached drops the old value of any set it cannot store; the engine did unless a CAS
      dropOldValue(request);
    }
    switch (result.status()) {
      case STORED:
        success(request, result.cas());
        break;
      case EXISTS:
        error(request, Status.KEY_EEXISTS);
        break;
      case NOT_FOUND:
        error(request, Status.KEY_ENOENT);
        break;
      case NOT_STORED:
        error(
            request,
            mode == StoreMode.ADD
                ? Status.KEY_EEXISTS
                : mode == StoreMode.REPLACE ? Status.KEY_ENOENT : Status.NOT_STORED);
        break;
      case TOO_LARGE:
        error(request, Status.E2BIG);
        break;
      case NO_MEMORY:
        error(request, Status.ENOMEM);
        break;
      default:
        error(request, Status.EINVAL);
    }
  }

  /** A set that cannot be stored must not leave the old value readable, as in memcached. */
  private void dropOldValue(BinaryRequest request) {
    DeleteResult dropped = engine.delete(DeleteRequest.of(request.key()));
    context.watchers().lookedUp(request.key(), dropped, connectionId);
  }

  private void delete(BinaryRequest request) {
    context.prefixStats().delete(request.key());
    DeleteResult result =
        engine.delete(DeleteRequest.of(request.key()).withCompareCas(request.cas()));
    // memcached's binary delete logs its lookup but writes no deletion line
    context.watchers().lookedUp(request.key(), result, connectionId);
    switch (result.status()) {
      case DELETED:
        success(request, 0);
        break;
      case NOT_FOUND:
        error(request, Status.KEY_ENOENT);
        break;
      case EXISTS:
        error(request, Status.KEY_EEXISTS);
        break;
      default:
        error(request, Status.EINVAL);
    }
  }

  private void arithmetic(BinaryRequest request, boolean increment) {
    long delta = request.extrasLong(0);
    long initial = request.extrasLong(8);
    long expiration = request.extrasUnsignedInt(16);
    ArithmeticRequest arithmetic =
        increment
            ? ArithmeticRequest.incr(request.key(), delta)
            : ArithmeticRequest.decr(request.key(), delta);
    if (request.cas() != 0) {
      arithmetic = arithmetic.withCompareCas(request.cas());
    }
    if (expiration != NO_AUTO_CREATE) {
      arithmetic = arithmetic.withVivify(expiration, initial);
    }
    ArithmeticResult result = engine.arithmetic(arithmetic);
    // the binary protocol creates its counter with the exptime it was given
    context.watchers().arithmetic(request.key(), result, result.ttl(), connectionId);
    switch (result.status()) {
      case OK:
        if (!Opcode.quiet(request.opcode())) {
          header(request, Status.SUCCESS, 0, 0, 8, result.cas());
          out.writeLong(result.value());
        }
        break;
      case NOT_FOUND:
        error(request, Status.KEY_ENOENT);
        break;
      case EXISTS:
        error(request, Status.KEY_EEXISTS);
        break;
      case NON_NUMERIC:
        error(request, Status.DELTA_BADVAL);
        break;
      case NO_MEMORY:
        error(request, Status.ENOMEM);
        break;
      default:
        error(request, Status.EINVAL);
    }
  }

  private void stats(BinaryRequest request) {
    String group = new String(request.key(), StandardCharsets.US_ASCII);
    if (group.startsWith("detail")) {
      detailStats(request, group.substring("detail".length()));
      return;
    }
    Map<String, String> stats;
    switch (group) {
      case "":
        stats = context.generalStats();
        break;
      case "reset":
        context.resetStats();
        stats = Map.of();
        break;
      case "settings":
        stats = context.settingsStats();
        break;
      case "items":
        stats = engine.stats().items();
        break;
      case "slabs":
        stats = engine.stats().slabs();
        break;
      case "sizes":
        stats = engine.stats().sizes();
        break;
      case "conns":
        stats = context.connectionStats();
        break;
      default:
        error(request, Status.KEY_ENOENT);
        return;
    }
    for (Map.Entry<String, String> stat : stats.entrySet()) {
      byte[] key = stat.getKey().getBytes(StandardCharsets.US_ASCII);
      byte[] value = stat.getValue().getBytes(StandardCharsets.US_ASCII);
      header(request, Status.SUCCESS, key.length, 0, key.length + value.length, 0);
      out.bytes(key).bytes(value);
      out.spillIfLarge();
    }
    header(request, Status.SUCCESS, 0, 0, 0, 0);
  }

  /**
   * {@code detail dump}, {@code detail on} and {@code detail off}, matched on their starts as
   * memcached does: the dump is one stat, {@code detailed}, holding the text protocol's lines.
   */
  private void detailStats(BinaryRequest request, String subcommand) {
    PrefixStats prefixes = context.prefixStats();
    if (subcommand.startsWith(" dump")) {
      StringBuilder dump = new StringBuilder();
      for (String line : prefixes.dump()) {
        dump.append(line).append("\r\n");
      }
      byte[] key = "detailed".getBytes(StandardCharsets.US_ASCII);
      byte[] value = dump.append("END\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
      header(request, Status.SUCCESS, key.length, 0, key.length + value.length, 0);
      out.bytes(key).bytes(value);
    } else if (subcommand.startsWith(" on") || subcommand.startsWith(" off")) {
      prefixes.enable(subcommand.startsWith(" on"));
    } else {
      error(request, Status.KEY_ENOENT);
      return;
    }
    header(request, Status.SUCCESS, 0, 0, 0, 0);
  }

  private void saslAuth(BinaryRequest request, int loud) {
    if (!context.authenticationRequired()) {
      error(request, Status.UNKNOWN_COMMAND);
      return;
    }
    boolean ok = false;
    if (loud == Opcode.SASL_AUTH && java.util.Arrays.equals(request.key(), PLAIN)) {
      // PLAIN: [authzid] NUL authcid NUL passwd
      String message = new String(request.value(), StandardCharsets.UTF_8);
      int first = message.indexOf('\0');
      int second = first < 0 ? -1 : message.indexOf('\0', first + 1);
      if (second > 0) {
        ok =
            context.authenticate(
                message.substring(first + 1, second), message.substring(second + 1));
      }
    }
    context.countAuthentication(ok);
    if (ok) {
      authenticated = true;
      byte[] text = "Authenticated".getBytes(StandardCharsets.US_ASCII);
      header(request, Status.SUCCESS, 0, 0, text.length, 0);
      out.bytes(text);
    } else {
      error(request, Status.AUTH_ERROR);
    }
  }

  /** A success without body; quiet requests stay silent. */
  private void success(BinaryRequest request, long cas) {
    if (!Opcode.quiet(request.opcode())) {
      header(request, Status.SUCCESS, 0, 0, 0, cas);
    }
  }

  /** An error with memcached's text; errors answer quiet requests too. */
  private void error(BinaryRequest request, int status) {
    byte[] text = Status.text(status).getBytes(StandardCharsets.US_ASCII);
    header(request, status, 0, 0, text.length, 0);
    out.bytes(text);
  }

  private void header(
      BinaryRequest request,
      int status,
      int keyLength,
      int extrasLength,
      int bodyLength,
      long cas) {
    out.writeByte(RESPONSE_MAGIC)
        .writeByte(request.opcode())
        .writeShort(keyLength)
        .writeByte(extrasLength)
        .writeByte(0)
        .writeShort(status)
        .writeInt(bodyLength)
        .writeInt(request.opaque())
        .writeLong(cas);
  }

  private void close(ChannelHandlerContext ctx) {
    closing = true;
    out.write();
    ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
  }
}

package io.slabcache.server.protocol.text;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.slabcache.server.engine.ArithmeticResult;
import io.slabcache.server.engine.DeleteRequest;
import io.slabcache.server.engine.DeleteResult;
import io.slabcache.server.engine.ItemView;
import io.slabcache.server.engine.SlabEngine;
import io.slabcache.server.engine.StoreMode;
import io.slabcache.server.engine.StoreRequest;
import io.slabcache.server.engine.StoreResult;
import io.slabcache.server.engine.StoreStatus;
import io.slabcache.server.engine.TouchStatus;
import io.slabcache.server.protocol.CommandContext;
import io.slabcache.server.protocol.CommandDecoder;
import io.slabcache.server.protocol.LineTokens;
import io.slabcache.server.protocol.Lookup;
import io.slabcache.server.protocol.PrefixStats;
import io.slabcache.server.protocol.ReplyOutput;
import io.slabcache.server.protocol.ValueReply;
import io.slabcache.server.protocol.Watchers;
import io.slabcache.server.protocol.meta.MetaExecutor;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;

/**
 * Runs decoded text and meta commands on the engine and writes memcached's replies. Replies are
 * collected and flushed once per read batch. A multi-get whose replies fill the channel stops after
 * the current key and resumes when the channel drains.
 */
public final class TextCommandHandler extends SimpleChannelInboundHandler<TextCommand> {

  private static final Logger LOG = System.getLogger(TextCommandHandler.class.getName());

  /** What memcached logs for a store refused before it reached the engine. */
  private static final StoreResult REFUSED_TOO_LARGE =
      new StoreResult(StoreStatus.TOO_LARGE, 0, 0, 0, -1, null, 0, 0);

  private final CommandContext context;
  private final SlabEngine engine;
  private final AdminCommands admin;
  private final Watchers watchers;
  private final PrefixStats prefixStats;
  private MetaExecutor meta;
  private ReplyOutput out;
  private Values values;
  private Lookup lookup;
  private int connectionId;
  private boolean authenticated;
  private boolean closing;
  private TextCommand.Retrieve suspended;
  private int suspendedIndex;

  public TextCommandHandler(CommandContext context) {
    this.context = context;
    this.engine = context.engine();
    this.watchers = context.watchers();
    this.prefixStats = context.prefixStats();
    this.admin = new AdminCommands(context);
    this.authenticated = !context.authenticationRequired();
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    out = new ReplyOutput(ctx);
    values = new Values(out);
    lookup = new Lookup(out);
    connectionId = context.connectionId(ctx.channel());
    meta = new MetaExecutor(engine, watchers, context::countMetaCommand, out, connectionId);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    out.discard();
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, TextCommand command) {
    if (closing) {
      return;
    }
    if (context.verbosity() > 1) {
      LOG.log(Level.INFO, "<{0} {1}", ctx.channel().id().asShortText(), command);
    }
    if (!authenticated) {
      authenticate(command);
    } else if (command instanceof TextCommand.Retrieve) {
      retrieve(ctx, (TextCommand.Retrieve) command, 0);
    } else if (command instanceof TextCommand.Store) {
      store((TextCommand.Store) command);
    } else if (command instanceof TextCommand.Meta) {
      meta.execute(((TextCommand.Meta) command).request());
    } else if (command instanceof TextCommand.Reply) {
      TextCommand.Reply reply = (TextCommand.Reply) command;
      if (!reply.noreply()) {
        out.line(reply.line());
      }
    } else if (command instanceof TextCommand.Delete) {
      delete((TextCommand.Delete) command);
    } else if (command instanceof TextCommand.Arithmetic) {
      arithmetic((TextCommand.Arithmetic) command);
    } else if (command instanceof TextCommand.Touch) {
      touch((TextCommand.Touch) command);
    } else if (command instanceof TextCommand.TooLarge) {
      tooLarge((TextCommand.TooLarge) command);
    } else if (command instanceof TextCommand.Admin) {
      AdminCommands.Outcome outcome = admin.execute(((TextCommand.Admin) command).tokens(), out);
      if (outcome == AdminCommands.Outcome.CLOSE) {
        close(ctx);
      } else if (outcome == AdminCommands.Outcome.WATCH) {
        // From now on the connection only receives log lines, as memcached's watchers do.
        // Registered before OK is flushed; lines from other event loops queue behind it.
        closing = true;
        context.watchers().add(ctx.channel(), admin.watchKinds());
        out.flush();
      }
    }
    out.spillIfLarge();
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) {
    out.flush();
    ctx.fireChannelReadComplete();
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    ctx.fireChannelWritabilityChanged();
    if (!ctx.channel().isWritable() || closing) {
      return;
    }
    if (suspended != null) {
      TextCommand.Retrieve resumed = suspended;
      suspended = null;
      retrieve(ctx, resumed, suspendedIndex);
      out.flush();
    }
    if (suspended == null && ctx.channel().isWritable()) {
      // Let the decoder go on with what it held back while the channel was full.
      CommandDecoder.decodeBuffered(ctx.pipeline());
    }
  }

  private void close(ChannelHandlerContext ctx) {
    closing = true;
    out.write();
    ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
  }

  /**
   * memcached's ascii authentication: a {@code set} (of any key) whose value is the user and the
   * password, the words as its tokenizer splits them (what follows the password is ignored).
   */
  private void authenticate(TextCommand command) {
    if (!(command instanceof TextCommand.Store store)
        || store.mode() != StoreMode.SET
        || store.isCas()) {
      out.line("CLIENT_ERROR unauthenticated");
      return;
    }
    LineTokens words = LineTokens.split(store.value());
    if (words.count() < 2) {
      out.line("CLIENT_ERROR bad authentication token format");
      return;
    }
    authenticated =
        context.authenticate(
            new String(words.bytes(0), StandardCharsets.UTF_8),
            new String(words.bytes(1), StandardCharsets.UTF_8));
    context.countAuthentication(authenticated);
    out.line(authenticated ? "STORED" : "CLIENT_ERROR authentication failure");
  }

  private void retrieve(ChannelHandlerContext ctx, TextCommand.Retrieve command, int from) {
    int count = command.keys().size();
    values.withCas = command.withCas();
    for (int i = from; i < count; i++) {
      byte[] key = command.keys().get(i);
      values.reset();
      values.key = key;
      boolean hit =
          command.touch()
              ? engine.getAndTouch(key, command.exptime(), values)
              : engine.get(key, values);
      values.log(watchers, key, connectionId);
      prefixStats.get(key, hit);
      if (hit) {
        out.crlf();
        out.spillIfLarge();
      }
      if (i + 1 < count && !ctx.channel().isWritable()) {
        suspended = command;
        suspendedIndex = i + 1;
        return;
      }
    }
    out.line("END");
  }

  private void store(TextCommand.Store command) {
    prefixStats.set(command.key());
    StoreRequest request =
        StoreRequest.of(
            command.mode(), command.key(), command.flags(), command.exptime(), command.value());
    StoreResult result;
    if (command.isCas()) {
      // CAS 0 matches no live item: memcached answers without storing.
      result =
          command.cas() == 0
              ? engine.casZero(request)
              : engine.store(request.withCompareCas(command.cas()));
    } else {
      result = engine.store(request);
    }
    watchers.stored(
        TextDecoder.storeCommand(command.mode(), command.isCas()),
        command.key(),
        result,
        connectionId);
    String reply;
    switch (result.status()) {
      case STORED:
        reply = "STORED";
        break;
      case NOT_STORED:
        reply = "NOT_STORED";
        break;
      case EXISTS:
        reply = "EXISTS";
        break;
      case NOT_FOUND:
        reply = "NOT_FOUND";
        break;
      case TOO_LARGE:
        // the engine has dropped the old value of a plain set; memcached keeps it for the others
        reply = "SERVER_ERROR object too large for cache";
        break;
      case NO_MEMORY:
        reply = "SERVER_ERROR out of memory storing object";
        break;
      default:
        reply = TextDecoder.BAD_FORMAT;
    }
    if (!command.noreply()) {
      out.line(reply);
    }
  }

  private void tooLarge(TextCommand.TooLarge command) {
    if (!command.meta()) {
      // memcached counts the classic stores before it finds them too large, never meta's
      prefixStats.set(command.key());
    }
    watchers.stored(command.command(), command.key(), REFUSED_TOO_LARGE, connectionId);
    if (command.dropsOldValue()) {
      // the old value must not stay readable, as in memcached, which looks it up to drop it
      DeleteResult dropped = engine.delete(DeleteRequest.of(command.key()));
      watchers.lookedUp(command.key(), dropped, connectionId);
    }
    if (!command.noreply()) {
      out.line("SERVER_ERROR object too large for cache");
    }
  }

  private void delete(TextCommand.Delete command) {
    prefixStats.delete(command.key());
    String reply;
    DeleteResult result = engine.delete(DeleteRequest.of(command.key()));
    watchers.deleted("delete", command.key(), result, connectionId);
    switch (result.status()) {
      case DELETED:
        reply = "DELETED";
        break;
      case NOT_FOUND:
        reply = "NOT_FOUND";
        break;
      default:
        reply = TextDecoder.BAD_FORMAT;
    }
    if (!command.noreply()) {
      out.line(reply);
    }
  }

  private void arithmetic(TextCommand.Arithmetic command) {
    ArithmeticResult result =
        command.increment()
            ? engine.incr(command.key(), command.delta())
            : engine.decr(command.key(), command.delta());
    watchers.arithmetic(command.key(), result, 0, connectionId);
    if (command.noreply()) {
      return;
    }
    switch (result.status()) {
      case OK:
        out.unsignedDecimal(result.value()).crlf();
        break;
      case NOT_FOUND:
        out.line("NOT_FOUND");
        break;
      case NON_NUMERIC:
        out.line("CLIENT_ERROR cannot increment or decrement non-numeric value");
        break;
      case NO_MEMORY:
        out.line("SERVER_ERROR out of memory");
        break;
      default:
        out.line(TextDecoder.BAD_FORMAT);
    }
  }

  private void touch(TextCommand.Touch command) {
    lookup.reset();
    TouchStatus status = engine.touch(command.key(), command.exptime(), lookup);
    lookup.log(watchers, command.key(), connectionId);
    String reply;
    switch (status) {
      case TOUCHED:
        reply = "TOUCHED";
        break;
      case NOT_FOUND:
        reply = "NOT_FOUND";
        break;
      default:
        reply = TextDecoder.BAD_FORMAT;
    }
    if (!command.noreply()) {
      out.line(reply);
    }
  }

  /** Writes the VALUE line ahead of each value a get delivers. */
  private static final class Values extends ValueReply {
    byte[] key;
    boolean withCas;

    Values(ReplyOutput out) {
      super(out);
    }

    @Override
    protected boolean head(ItemView item) {
      out.ascii("VALUE ")
          .bytes(key)
          .space()
          .unsignedDecimal(Integer.toUnsignedLong(item.flags()))
          .space()
          .decimal(item.valueLength());
      if (withCas) {
        out.space().unsignedDecimal(item.cas());
      }
      out.crlf();
      return true;
    }
  }
}

package io.slabcache.server.protocol.text;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.slabcache.server.engine.ArithmeticResult;
import io.slabcache.server.engine.ItemView;
import io.slabcache.server.engine.ReadOptions;
import io.slabcache.server.engine.SlabEngine;
import io.slabcache.server.engine.StoreMode;
import io.slabcache.server.engine.StoreRequest;
import io.slabcache.server.engine.StoreResult;
import io.slabcache.server.protocol.CommandContext;
import io.slabcache.server.protocol.ReplyOutput;
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

  private final CommandContext context;
  private final SlabEngine engine;
  private final MetaExecutor meta;
  private final AdminCommands admin;
  private final Watchers watchers;
  private ReplyOutput out;
  private boolean authenticated;
  private boolean closing;
  private TextCommand.Retrieve suspended;
  private int suspendedIndex;

  public TextCommandHandler(CommandContext context) {
    this.context = context;
    this.engine = context.engine();
    this.watchers = context.watchers();
    this.meta = new MetaExecutor(engine, watchers, context::countMetaCommand);
    this.admin = new AdminCommands(context);
    this.authenticated = !context.authenticationRequired();
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    out = new ReplyOutput(ctx);
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
      meta.execute(((TextCommand.Meta) command).request(), out);
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
      ctx.pipeline().fireChannelRead(Unpooled.EMPTY_BUFFER);
      ctx.pipeline().fireChannelReadComplete();
    }
  }

  private void close(ChannelHandlerContext ctx) {
    closing = true;
    out.write();
    ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
  }

  private void authenticate(TextCommand command) {
    if (!(command instanceof TextCommand.Store)) {
      out.line("CLIENT_ERROR unauthenticated");
      return;
    }
    String[] parts =
        new String(((TextCommand.Store) command).value(), StandardCharsets.UTF_8).split(" ");
    if (parts.length < 2) {
      out.line("CLIENT_ERROR bad authentication token format");
      return;
    }
    authenticated = context.authenticate(parts[0], parts[1]);
    context.countAuthentication(authenticated);
    out.line(authenticated ? "STORED" : "CLIENT_ERROR authentication failure");
  }

  private void retrieve(ChannelHandlerContext ctx, TextCommand.Retrieve command, int from) {
    int count = command.keys().size();
    for (int i = from; i < count; i++) {
      byte[] key = command.keys().get(i);
      ItemView item =
          command.touch() ? engine.getAndTouch(key, command.exptime()) : engine.get(key);
      watchers.fetched(key, item);
      if (item != null) {
        out.ascii("VALUE ")
            .bytes(key)
            .space()
            .unsignedDecimal(Integer.toUnsignedLong(item.flags()))
            .space()
            .decimal(item.value().length);
        if (command.withCas()) {
          out.space().unsignedDecimal(item.cas());
        }
        out.crlf().bytes(item.value()).crlf();
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
    String reply;
    if (command.isCas() && command.cas() == 0) {
      // CAS 0 matches no live item: memcached answers without storing.
      reply = engine.read(command.key(), ReadOptions.PEEK) == null ? "NOT_FOUND" : "EXISTS";
    } else {
      StoreRequest request =
          StoreRequest.of(
              command.mode(), command.key(), command.flags(), command.exptime(), command.value());
      if (command.isCas()) {
        request = request.withCompareCas(command.cas());
      }
      StoreResult result = engine.store(request);
      watchers.stored(
          command.isCas() ? "cas" : command.mode().name().toLowerCase(java.util.Locale.ROOT),
          command.key(),
          result.status(),
          command.exptime());
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
          dropStale(command.mode(), command.key());
          reply = "SERVER_ERROR object too large for cache";
          break;
        case NO_MEMORY:
          dropStale(command.mode(), command.key());
          reply = "SERVER_ERROR out of memory storing object";
          break;
        default:
          reply = TextDecoder.BAD_FORMAT;
      }
    }
    if (!command.noreply()) {
      out.line(reply);
    }
  }

  private void tooLarge(TextCommand.TooLarge command) {
    dropStale(command.mode(), command.key());
    if (!command.noreply()) {
      out.line("SERVER_ERROR object too large for cache");
    }
  }

  /** A set that could not be stored must not leave the old value readable, as in memcached. */
  private void dropStale(StoreMode mode, byte[] key) {
    if (mode == StoreMode.SET) {
      engine.delete(key);
    }
  }

  private void delete(TextCommand.Delete command) {
    String reply;
    switch (engine.delete(command.key())) {
      case DELETED:
        watchers.deleted("delete", command.key());
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
    String reply;
    switch (engine.touch(command.key(), command.exptime())) {
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
}

package io.slabcache.benchmarks.load;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.slabcache.server.net.Transport;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The least a memcached server on Netty can do per request, as a reference beside the real servers
 * in a load test: it stores nothing, answers every {@code get} with the same value and every {@code
 * set} with {@code STORED}, on the transport, allocator and socket options of Slabcache's server,
 * with one handler and no decoder. What Slabcache's server costs beyond this is its own work; what
 * this costs beyond memcached is the framework's.
 *
 * <p>It speaks only the requests {@link LoadConnection} and the preloading send: {@code get <key>}
 * and {@code set <key> <flags> <exptime> <bytes> [noreply]} with their data block.
 *
 * <pre>java -cp benchmarks.jar io.slabcache.benchmarks.load.FloorServer port threads value-size
 * </pre>
 */
public final class FloorServer {

  private FloorServer() {}

  public static void main(String[] args) throws InterruptedException {
    if (args.length != 3) {
      System.err.println("usage: FloorServer <port> <threads> <value-size>");
      System.exit(2);
    }
    int port = Integer.parseInt(args[0]);
    int threads = Integer.parseInt(args[1]);
    byte[] hit = hit(Integer.parseInt(args[2]));
    Transport transport = Transport.preferred();
    EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(
            threads, new DefaultThreadFactory("floor-io"), transport.ioHandlerFactory());
    try {
      Channel listening =
          new ServerBootstrap()
              .group(group)
              .channel(transport.serverChannel())
              .childOption(ChannelOption.TCP_NODELAY, true)
              .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                      channel.pipeline().addLast(new ConstantReplies(hit));
                    }
                  })
              .bind("127.0.0.1", port)
              .sync()
              .channel();
      listening.closeFuture().sync();
    } finally {
      group.shutdownGracefully();
    }
  }

  private static byte[] hit(int valueSize) {
    byte[] head = ("VALUE key 0 " + valueSize + "\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] reply = Arrays.copyOf(head, head.length + valueSize + 7);
    Arrays.fill(reply, head.length, head.length + valueSize, (byte) 'x');
    System.arraycopy(
        "\r\nEND\r\n".getBytes(StandardCharsets.US_ASCII), 0, reply, head.length + valueSize, 7);
    return reply;
  }

  /** One connection: replies collect in one buffer and are flushed once per read batch. */
  private static final class ConstantReplies extends ChannelInboundHandlerAdapter {

    private static final byte[] STORED = "STORED\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final int NOREPLY = " noreply".length();

    private final byte[] hit;

    /** An unfinished line carried to the next read. */
    private ByteBuf carried;

    /** Bytes of a set's data block still to skip. */
    private int skip;

    private ByteBuf replies;

    ConstantReplies(byte[] hit) {
      this.hit = hit;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      ByteBuf in = (ByteBuf) msg;
      if (carried != null) {
        carried.writeBytes(in);
        in.release();
        in = carried;
        carried = null;
      }
      try {
        answer(ctx, in);
        if (in.isReadable()) {
          carried = ctx.alloc().heapBuffer(in.readableBytes() * 2).writeBytes(in);
        }
      } finally {
        in.release();
      }
    }

    private void answer(ChannelHandlerContext ctx, ByteBuf in) {
      while (in.isReadable()) {
        if (skip > 0) {
          int skipped = Math.min(skip, in.readableBytes());
          in.skipBytes(skipped);
          skip -= skipped;
          continue;
        }
        int start = in.readerIndex();
        int newline = in.indexOf(start, in.writerIndex(), (byte) '\n');
        if (newline < 0) {
          return;
        }
        if (in.getByte(start) == 'g') {
          replies(ctx).writeBytes(hit);
        } else {
          int end = newline - 1; // at the '\r'
          boolean noreply = in.getByte(end - 1) == 'y';
          if (noreply) {
            end -= NOREPLY;
          }
          skip = dataLength(in, end) + 2;
          if (!noreply) {
            replies(ctx).writeBytes(STORED);
          }
        }
        in.readerIndex(newline + 1);
      }
    }

    /** The number that ends just before {@code end}. */
    private static int dataLength(ByteBuf in, int end) {
      int length = 0;
      int scale = 1;
      for (int i = end - 1; in.getByte(i) != ' '; i--) {
        length += (in.getByte(i) - '0') * scale;
        scale *= 10;
      }
      return length;
    }

    private ByteBuf replies(ChannelHandlerContext ctx) {
      if (replies == null) {
        replies = ctx.alloc().ioBuffer(1024);
      }
      return replies;
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      if (replies != null) {
        ctx.write(replies, ctx.voidPromise());
        replies = null;
      }
      ctx.flush();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
      if (carried != null) {
        carried.release();
        carried = null;
      }
      if (replies != null) {
        replies.release();
        replies = null;
      }
    }
  }
}

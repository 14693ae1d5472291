package io.slabcache.benchmarks.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One connection of the load: while its target's phase is sending, keeps {@code depth}
 * text-protocol requests in flight, parses the replies (STORED; VALUE ... END or END), and records
 * each request's latency while measuring.
 */
final class LoadConnection extends ByteToMessageDecoder {

  private static final byte[] CRLF = {'\r', '\n'};

  private final LoadOptions options;
  private final LoadPhase phase;
  private final LatencyRecorder latencies = new LatencyRecorder();
  private final SplittableRandom random;
  private final byte[] value;
  private final ArrayDeque<long[]> inFlight = new ArrayDeque<>();
  private volatile int outstanding;
  private volatile long completed;
  private long errors;
  private ChannelHandlerContext ctx;

  LoadConnection(LoadOptions options, LoadPhase phase, long seed) {
    this.options = options;
    this.phase = phase;
    this.random = new SplittableRandom(seed);
    this.value = new byte[options.valueSize()];
    java.util.Arrays.fill(value, (byte) 'v');
  }

  LatencyRecorder latencies() {
    return latencies;
  }

  long completed() {
    return completed;
  }

  long errors() {
    return errors;
  }

  /** Requests sent and not yet answered. */
  int outstanding() {
    return outstanding;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  /** Fills the pipeline up to {@code depth} requests, from the connection's event loop. */
  void start() {
    ctx.executor()
        .execute(
            () -> {
              while (inFlight.size() < options.depth()) {
                send(ctx);
              }
              ctx.flush();
            });
  }

  private void send(ChannelHandlerContext ctx) {
    if (!phase.sending()) {
      return;
    }
    String key = "key:" + random.nextInt(options.keys());
    boolean get = random.nextDouble() < options.getRatio();
    ByteBuf request = ctx.alloc().ioBuffer(64 + (get ? 0 : value.length));
    if (get) {
      request.writeCharSequence("get " + key + "\r\n", StandardCharsets.US_ASCII);
    } else {
      request.writeCharSequence(
          "set " + key + " 0 0 " + value.length + "\r\n", StandardCharsets.US_ASCII);
      request.writeBytes(value).writeBytes(CRLF);
    }
    inFlight.add(new long[] {System.nanoTime(), get ? 1 : 0});
    outstanding = inFlight.size();
    ctx.write(request, ctx.voidPromise());
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    long[] head = inFlight.peek();
    if (head == null) {
      in.skipBytes(in.readableBytes());
      return;
    }
    int consumed = head[1] == 1 ? getReply(in) : lineReply(in);
    if (consumed < 0) {
      return;
    }
    in.skipBytes(consumed);
    inFlight.poll();
    outstanding = inFlight.size();
    long now = System.nanoTime();
    if (phase.measuring()) {
      latencies.record(now - head[0]);
      completed++;
    }
    send(ctx);
  }

  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
    super.channelReadComplete(ctx);
    ctx.flush();
  }

  /** Bytes of a one-line reply (STORED), or -1 while incomplete. */
  private int lineReply(ByteBuf in) {
    int end = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
    if (end < 0) {
      return -1;
    }
    if (in.getByte(in.readerIndex()) != 'S') {
      errors++;
    }
    return end + 1 - in.readerIndex();
  }

  /** Bytes of a get reply (VALUE line, data, END; or END alone), or -1 while incomplete. */
  private int getReply(ByteBuf in) {
    int start = in.readerIndex();
    int end = in.indexOf(start, in.writerIndex(), (byte) '\n');
    if (end < 0) {
      return -1;
    }
    if (in.getByte(start) == 'E') {
      return end + 1 - start;
    }
    if (in.getByte(start) != 'V') {
      errors++;
      return end + 1 - start;
    }
    // VALUE <key> <flags> <bytes>
    int lastSpace = in.indexOf(end, start, (byte) ' ');
    int length = 0;
    for (int i = lastSpace + 1; i < end - 1; i++) {
      length = length * 10 + (in.getByte(i) - '0');
    }
    int total = end + 1 - start + length + 2 + 5;
    return in.readableBytes() >= total ? total : -1;
  }
}

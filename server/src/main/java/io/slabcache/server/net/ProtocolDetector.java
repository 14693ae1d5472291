package io.slabcache.server.net;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.slabcache.server.protocol.RequestBudget;
import io.slabcache.server.protocol.binary.BinaryCommandHandler;
import io.slabcache.server.protocol.binary.BinaryDecoder;
import io.slabcache.server.protocol.text.TextCommandHandler;
import io.slabcache.server.protocol.text.TextDecoder;
import java.util.List;

/**
 * Looks at a connection's first byte, as memcached does: 0x80 starts the binary protocol, anything
 * else the text protocol. It then replaces itself with that protocol's decoder and handler, handing
 * them the bytes read so far.
 */
final class ProtocolDetector extends ByteToMessageDecoder {

  private static final int BINARY_MAGIC = 0x80;

  private final ServerRuntime runtime;

  ProtocolDetector(ServerRuntime runtime) {
    this.runtime = runtime;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (!in.isReadable()) {
      return;
    }
    String binding = runtime.settings().bindingProtocol();
    boolean binary =
        binding.equals("binary")
            || (binding.equals("auto") && in.getUnsignedByte(in.readerIndex()) == BINARY_MAGIC);
    int maxValue = runtime.engine().config().itemSizeMax();
    RequestBudget budget =
        new RequestBudget(runtime.settings().requestsPerEvent(), runtime::countConnectionYield);
    ChannelPipeline pipeline = ctx.pipeline();
    if (binary) {
      pipeline.addAfter(ctx.name(), "binary-decoder", new BinaryDecoder(maxValue, budget));
      pipeline.addAfter("binary-decoder", "binary-handler", new BinaryCommandHandler(runtime));
    } else {
      pipeline.addAfter(ctx.name(), "text-decoder", new TextDecoder(maxValue, budget));
      pipeline.addAfter("text-decoder", "text-handler", new TextCommandHandler(runtime));
    }
    pipeline.remove(this);
  }
}

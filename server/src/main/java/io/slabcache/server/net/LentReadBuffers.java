package io.slabcache.server.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import io.netty.util.UncheckedBooleanSupplier;
import io.netty.util.concurrent.FastThreadLocal;

/**
 * Reads into one buffer per event loop, as memcached's worker threads read into a buffer of their
 * own: a read that the protocol consumes whole, as nearly every request does, gives the buffer back
 * before the next read on that loop, so reading costs no allocation. While a connection holds the
 * buffer (part of a command waits for its next bytes), reads on that loop take pooled buffers sized
 * as Netty's adaptive allocator guesses; so do reads larger than the lent buffer.
 */
final class LentReadBuffers implements RecvByteBufAllocator {

  /** memcached's read buffer size. */
  static final int CAPACITY = 16 * 1024;

  private final RecvByteBufAllocator sizing = new AdaptiveRecvByteBufAllocator();

  private final FastThreadLocal<ByteBuf> perLoop =
      new FastThreadLocal<>() {
        @Override
        protected void onRemoval(ByteBuf buffer) {
          if (buffer != null) {
            buffer.release();
          }
        }
      };

  @Override
  public Handle newHandle() {
    return new LendingHandle((ExtendedHandle) sizing.newHandle());
  }

  private ByteBuf lend(ByteBufAllocator alloc) {
    ByteBuf buffer = perLoop.get();
    if (buffer == null) {
      buffer = alloc.directBuffer(CAPACITY, CAPACITY);
      perLoop.set(buffer);
    } else if (buffer.refCnt() != 1) {
      return null; // a connection of this loop still holds it
    }
    return buffer.clear().retain();
  }

  private final class LendingHandle extends DelegatingHandle implements ExtendedHandle {

    LendingHandle(ExtendedHandle delegate) {
      super(delegate);
    }

    @Override
    public ByteBuf allocate(ByteBufAllocator alloc) {
      ByteBuf lent = guess() <= CAPACITY ? lend(alloc) : null;
      return lent != null ? lent : super.allocate(alloc);
    }

    @Override
    public boolean continueReading(UncheckedBooleanSupplier maybeMoreDataSupplier) {
      return ((ExtendedHandle) delegate()).continueReading(maybeMoreDataSupplier);
    }
  }
}

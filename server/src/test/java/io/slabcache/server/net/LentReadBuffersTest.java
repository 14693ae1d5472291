package io.slabcache.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.RecvByteBufAllocator;
import org.junit.jupiter.api.Test;

/** A read borrows the loop's buffer when no connection holds it, a pooled one otherwise. */
class LentReadBuffersTest {

  private final LentReadBuffers buffers = new LentReadBuffers();
  private final RecvByteBufAllocator.Handle handle = buffers.newHandle();
  private final PooledByteBufAllocator alloc = PooledByteBufAllocator.DEFAULT;

  @Test
  void aReadConsumedWholeGivesTheBufferBackForTheNext() {
    ByteBuf first = handle.allocate(alloc);
    first.writeBytes(new byte[] {1, 2, 3});
    first.release();
    ByteBuf second = handle.allocate(alloc);
    try {
      assertThat(second).isSameAs(first);
      assertThat(second.readableBytes()).isZero();
      assertThat(second.capacity()).isEqualTo(LentReadBuffers.CAPACITY);
    } finally {
      second.release();
    }
  }

  @Test
  void whileAConnectionHoldsTheBufferReadsTakeOthers() {
    ByteBuf held = handle.allocate(alloc);
    held.writeBytes(new byte[] {'g', 'e'}); // part of a command, kept for the next read
    ByteBuf other = buffers.newHandle().allocate(alloc);
    try {
      assertThat(other).isNotSameAs(held);
      assertThat(held.readableBytes()).isEqualTo(2);
    } finally {
      other.release();
      held.release();
    }
    ByteBuf again = handle.allocate(alloc);
    assertThat(again).isSameAs(held);
    again.release();
  }

  @Test
  void eachThreadLendsItsOwn() throws InterruptedException {
    ByteBuf mine = handle.allocate(alloc);
    mine.release();
    ByteBuf[] theirs = new ByteBuf[1];
    Thread other =
        new Thread(
            () -> {
              theirs[0] = handle.allocate(alloc);
              theirs[0].release();
            });
    other.start();
    other.join();
    assertThat(theirs[0]).isNotSameAs(mine);
  }
}

package io.slabcache.server.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Collects a connection's replies into pooled buffers and hands them to the channel without
 * flushing; the connection flushes once per read batch. Large replies are passed on in pieces so
 * the channel's writability reflects them.
 */
public final class ReplyOutput {

  private static final int SPILL_BYTES = 16 * 1024;
  private static final int INITIAL_CAPACITY = 1024;

  /** A buffer that grew past this is not kept for the next batch. */
  private static final int MAX_KEPT_CAPACITY = 64 * 1024;

  private final ChannelHandlerContext ctx;
  private final byte[] digits = new byte[20];
  private ByteBuf buf;

  /**
   * This connection's reply buffer, kept between batches: once the channel has written and released
   * it, only this reference remains and it can be filled again without a new allocation.
   */
  private ByteBuf kept;

  public ReplyOutput(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  private ByteBuf buf(int room) {
    if (buf == null) {
      if (kept != null && kept.refCnt() == 1 && kept.capacity() >= room) {
        kept.clear();
      } else {
        if (kept != null) {
          kept.release();
        }
        kept = ctx.alloc().ioBuffer(Math.max(INITIAL_CAPACITY, room));
      }
      buf = kept;
    }
    return buf;
  }

  /** Hands the current buffer to the channel, keeping a reference to reuse it. */
  private void hand() {
    ctx.write(buf.retain(), ctx.voidPromise());
    if (buf.capacity() > MAX_KEPT_CAPACITY) {
      kept.release();
      kept = null;
    }
    buf = null;
  }

  public ReplyOutput ascii(CharSequence text) {
    buf(text.length()).writeCharSequence(text, StandardCharsets.US_ASCII);
    return this;
  }

  /** The text and CRLF. */
  public ReplyOutput line(CharSequence text) {
    return ascii(text).crlf();
  }

  public ReplyOutput crlf() {
    buf(2).writeShort(('\r' << 8) | '\n');
    return this;
  }

  public ReplyOutput space() {
    buf(1).writeByte(' ');
    return this;
  }

  public ReplyOutput writeByte(int value) {
    buf(1).writeByte(value);
    return this;
  }

  public ReplyOutput bytes(byte[] data) {
    return bytes(data, 0, data.length);
  }

  public ReplyOutput bytes(byte[] data, int offset, int length) {
    buf(length).writeBytes(data, offset, length);
    return this;
  }

  /**
   * {@code length} bytes of {@code src} from {@code offset}, read with absolute methods only, so
   * that {@code src} (which may be shared) is left as it was: one copy, straight into the reply.
   */
  public ReplyOutput bytes(ByteBuffer src, int offset, int length) {
    ByteBuf target = buf(length);
    target.ensureWritable(length);
    int at = target.writerIndex();
    if (target.nioBufferCount() == 1) {
      ByteBuffer window = target.internalNioBuffer(at, length);
      window.put(window.position(), src, offset, length);
    } else {
      target.setBytes(at, src.duplicate().limit(offset + length).position(offset));
    }
    target.writerIndex(at + length);
    return this;
  }

  /** A signed decimal number in ASCII. */
  public ReplyOutput decimal(long value) {
    if (value < 0) {
      if (value == Long.MIN_VALUE) {
        return ascii(Long.toString(value));
      }
      writeByte('-');
      value = -value;
    }
    return unsignedDecimal(value);
  }

  /** An unsigned 64-bit decimal number in ASCII. */
  public ReplyOutput unsignedDecimal(long value) {
    int pos = digits.length;
    if (value < 0) {
      long quotient = Long.divideUnsigned(value, 10);
      digits[--pos] = (byte) ('0' + (value - quotient * 10));
      value = quotient;
    }
    do {
      digits[--pos] = (byte) ('0' + value % 10);
      value /= 10;
    } while (value != 0);
    buf(digits.length - pos).writeBytes(digits, pos, digits.length - pos);
    return this;
  }

  public ReplyOutput writeShort(int value) {
    buf(2).writeShort(value);
    return this;
  }

  public ReplyOutput writeInt(int value) {
    buf(4).writeInt(value);
    return this;
  }

  public ReplyOutput writeLong(long value) {
    buf(8).writeLong(value);
    return this;
  }

  /** Passes what has collected to the channel once it is large, so writability stays honest. */
  public void spillIfLarge() {
    if (buf != null && buf.readableBytes() >= SPILL_BYTES) {
      hand();
    }
  }

  /** Passes everything collected to the channel, without flushing it. */
  public void write() {
    if (buf != null) {
      if (buf.isReadable()) {
        hand();
      } else {
        buf = null;
      }
    }
  }

  /** Writes everything collected and flushes the channel. */
  public void flush() {
    write();
    ctx.flush();
  }

  /** Drops what has not been written yet. */
  public void discard() {
    buf = null;
    if (kept != null) {
      kept.release();
      kept = null;
    }
  }
}

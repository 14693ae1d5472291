package io.slabcache.server.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Collects a connection's replies into pooled buffers and hands them to the channel without
 * flushing; the connection flushes once per read batch. Large replies are passed on in pieces so
 * the channel's writability reflects them.
 *
 * <p>The short pieces a reply is made of (words, numbers, keys, line ends) gather in a small array
 * first and enter the buffer in one copy: a buffer write checks the buffer's state each time, which
 * costs more than the few bytes it writes.
 */
public final class ReplyOutput {

  private static final int SPILL_BYTES = 16 * 1024;
  private static final int INITIAL_CAPACITY = 1024;

  /** A buffer that grew past this is not kept for the next batch. */
  private static final int MAX_KEPT_CAPACITY = 64 * 1024;

  /** Pieces at most this long are staged; longer ones go to the buffer directly. */
  private static final int STAGE_BYTES = 512;

  private final ChannelHandlerContext ctx;
  private final byte[] stage = new byte[STAGE_BYTES];
  private int staged;
  private ByteBuf buf;

  /**
   * This connection's reply buffer, kept between batches: once the channel has written and released
   * it, only this reference remains and it can be filled again without a new allocation.
   */
  private ByteBuf kept;

  public ReplyOutput(ChannelHandlerContext ctx) {
    this.ctx = ctx;
  }

  /** Room for {@code length} more staged bytes, moving what is staged to the buffer if needed. */
  private int stage(int length) {
    if (staged + length > STAGE_BYTES) {
      unstage();
    }
    int at = staged;
    staged += length;
    return at;
  }

  /** Moves the staged bytes into the buffer. */
  private void unstage() {
    if (staged > 0) {
      buf(staged).writeBytes(stage, 0, staged);
      staged = 0;
    }
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
    int length = text.length();
    if (length > STAGE_BYTES) {
      unstage();
      buf(length).writeCharSequence(text, StandardCharsets.US_ASCII);
      return this;
    }
    int at = stage(length);
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      stage[at + i] = c < 0x80 ? (byte) c : (byte) '?'; // as US-ASCII encodes what it cannot
    }
    return this;
  }

  /** The text and CRLF. */
  public ReplyOutput line(CharSequence text) {
    return ascii(text).crlf();
  }

  public ReplyOutput crlf() {
    int at = stage(2);
    stage[at] = '\r';
    stage[at + 1] = '\n';
    return this;
  }

  public ReplyOutput space() {
    return writeByte(' ');
  }

  public ReplyOutput writeByte(int value) {
    stage[stage(1)] = (byte) value;
    return this;
  }

  public ReplyOutput bytes(byte[] data) {
    return bytes(data, 0, data.length);
  }

  public ReplyOutput bytes(byte[] data, int offset, int length) {
    if (length > STAGE_BYTES) {
      unstage();
      buf(length).writeBytes(data, offset, length);
    } else {
      System.arraycopy(data, offset, stage, stage(length), length);
    }
    return this;
  }

  /**
   * {@code length} bytes of {@code src} from {@code offset}, read with absolute methods only, so
   * that {@code src} (which may be shared) is left as it was: one copy, straight into the reply.
   */
  public ReplyOutput bytes(ByteBuffer src, int offset, int length) {
    unstage();
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
    long high = value;
    int lastDigit = -1;
    if (value < 0) {
      // above Long.MAX_VALUE: the last digit comes off unsigned, the rest is a positive long
      high = Long.divideUnsigned(value, 10);
      lastDigit = (int) (value - high * 10);
    }
    int digits = digitCount(high) + (lastDigit < 0 ? 0 : 1);
    // written from the right, straight into the room the number takes
    int pos = stage(digits) + digits;
    if (lastDigit >= 0) {
      stage[--pos] = (byte) ('0' + lastDigit);
    }
    do {
      stage[--pos] = (byte) ('0' + high % 10);
      high /= 10;
    } while (high != 0);
    return this;
  }

  private static int digitCount(long nonNegative) {
    int digits = 1;
    for (long bound = 10; digits < 19 && nonNegative >= bound; bound *= 10) {
      digits++;
    }
    return digits;
  }

  public ReplyOutput writeShort(int value) {
    int at = stage(2);
    stage[at] = (byte) (value >>> 8);
    stage[at + 1] = (byte) value;
    return this;
  }

  public ReplyOutput writeInt(int value) {
    writeShort(value >>> 16);
    return writeShort(value);
  }

  public ReplyOutput writeLong(long value) {
    writeInt((int) (value >>> 32));
    return writeInt((int) value);
  }

  /** Passes what has collected to the channel once it is large, so writability stays honest. */
  public void spillIfLarge() {
    int pending = staged + (buf == null ? 0 : buf.readableBytes());
    if (pending >= SPILL_BYTES) {
      unstage();
      hand();
    }
  }

  /** Passes everything collected to the channel, without flushing it. */
  public void write() {
    unstage();
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
    staged = 0;
    buf = null;
    if (kept != null) {
      kept.release();
      kept = null;
    }
  }
}

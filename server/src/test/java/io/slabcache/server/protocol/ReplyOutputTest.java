package io.slabcache.server.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a connection's replies put on the wire, however they are pieced together. */
class ReplyOutputTest {

  private final EmbeddedChannel channel = new EmbeddedChannel(new ChannelHandlerAdapter() {});
  private final ReplyOutput out = new ReplyOutput(channel.pipeline().firstContext());

  @AfterEach
  void close() {
    out.discard();
    channel.finishAndReleaseAll();
  }

  private String written() {
    out.flush();
    StringBuilder text = new StringBuilder();
    ByteBuf message;
    while ((message = channel.readOutbound()) != null) {
      text.append(message.toString(StandardCharsets.ISO_8859_1));
      message.release();
    }
    return text.toString();
  }

  @Test
  void numbersInDecimal() {
    out.unsignedDecimal(0).space().unsignedDecimal(-1).space().decimal(-42).space();
    out.decimal(Long.MIN_VALUE).space().unsignedDecimal(1234567890123L).crlf();
    assertThat(written())
        .isEqualTo("0 18446744073709551615 -42 -9223372036854775808 1234567890123\r\n");
  }

  /** Each power of ten up to 10^19, the number before each, and both sides of 2^63. */
  @Test
  void unsignedNumbersOfEveryLength() {
    StringBuilder expected = new StringBuilder();
    BigInteger power = BigInteger.ONE;
    for (int digits = 1; digits <= 20; digits++) {
      BigInteger below = power.subtract(BigInteger.ONE);
      out.unsignedDecimal(below.longValue()).space().unsignedDecimal(power.longValue()).space();
      expected.append(below).append(' ').append(power).append(' ');
      power = power.multiply(BigInteger.TEN);
    }
    out.unsignedDecimal(Long.MAX_VALUE).space().unsignedDecimal(Long.MIN_VALUE).crlf();
    expected.append(Long.MAX_VALUE).append(' ').append("9223372036854775808\r\n");
    assertThat(written()).isEqualTo(expected.toString());
  }

  @Test
  void binaryFieldsInNetworkOrder() {
    out.writeByte(0x81).writeShort(0x0102).writeInt(0x03040506).writeLong(0x0708090a0b0c0d0eL);
    assertThat(written().getBytes(StandardCharsets.ISO_8859_1))
        .containsExactly(0x81, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14);
  }

  @Test
  void piecesOfEverySizeKeepTheirOrder() {
    StringBuilder expected = new StringBuilder();
    for (int size : new int[] {1, 7, 300, 511, 512, 513, 2000, 5}) {
      String piece = "x".repeat(size - 1) + (char) ('a' + size % 26);
      out.ascii(piece).crlf();
      byte[] bytes = piece.toUpperCase().getBytes(StandardCharsets.US_ASCII);
      out.bytes(bytes).bytes(ByteBuffer.wrap(bytes), 0, bytes.length).unsignedDecimal(size);
      expected.append(piece).append("\r\n").append(piece.toUpperCase().repeat(2)).append(size);
    }
    assertThat(written()).isEqualTo(expected.toString());
  }

  @Test
  void charactersOutsideAsciiBecomeQuestionMarks() {
    out.line("caf\u00e9");
    assertThat(written()).isEqualTo("caf?\r\n");
  }

  @Test
  void spillingPassesLargeRepliesOnBeforeTheFlush() {
    for (int i = 0; i < 100; i++) {
      out.ascii("y".repeat(200));
      out.spillIfLarge();
    }
    long handedOn = channel.unsafe().outboundBuffer().totalPendingWriteBytes();
    assertThat(handedOn).isGreaterThanOrEqualTo(16 * 1024).isLessThan(100 * 200);
    assertThat(written()).isEqualTo("y".repeat(100 * 200));
  }

  @Test
  void discardDropsWhatWasNotWritten() {
    out.line("gone");
    out.discard();
    out.line("kept");
    assertThat(written()).isEqualTo("kept\r\n");
  }
}

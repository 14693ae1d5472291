package io.slabcache.server.protocol.binary;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.slabcache.server.protocol.RequestBudget;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The binary decoder gives the same requests however the bytes are split into reads. */
class BinaryDecoderTest {

  private static byte[] packet(
      int opcode, byte[] extras, String key, byte[] value, long bodyDelta) {
    byte[] keyBytes = key.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer buffer = ByteBuffer.allocate(24 + extras.length + keyBytes.length + value.length);
    buffer.put((byte) 0x80).put((byte) opcode).putShort((short) keyBytes.length);
    buffer.put((byte) extras.length).put((byte) 0).putShort((short) 0);
    buffer.putInt((int) (extras.length + keyBytes.length + value.length + bodyDelta));
    buffer.putInt(opcode).putLong(0).put(extras).put(keyBytes).put(value);
    return buffer.array();
  }

  private static List<String> decode(byte[] input, int cut) {
    EmbeddedChannel channel = new EmbeddedChannel(new BinaryDecoder(1024, RequestBudget.UNLIMITED));
    if (cut > 0) {
      channel.writeInbound(Unpooled.wrappedBuffer(input, 0, cut));
    }
    channel.writeInbound(Unpooled.wrappedBuffer(input, cut, input.length - cut));
    List<String> requests = new ArrayList<>();
    BinaryRequest request;
    while ((request = channel.readInbound()) != null) {
      requests.add(
          request.opcode()
              + ":"
              + new String(request.key(), StandardCharsets.US_ASCII)
              + ":"
              + request.value().length
              + ":"
              + request.extras().length
              + ":"
              + request.refusal());
    }
    channel.finishAndReleaseAll();
    return requests;
  }

  @Test
  void everySplitDecodesTheSame() {
    ByteArrayOutputStream input = new ByteArrayOutputStream();
    input.writeBytes(packet(0x01, new byte[8], "key", "value".getBytes(), 0));
    input.writeBytes(packet(0x0A, new byte[0], "", new byte[0], 0));
    input.writeBytes(packet(0x00, new byte[0], "key", new byte[0], 0));
    input.writeBytes(packet(0x55, new byte[0], "k", new byte[10], 0));
    input.writeBytes(packet(0x01, new byte[8], "big", new byte[2000], 0));
    input.writeBytes(packet(0x05, new byte[20], "n", new byte[0], 0));
    input.writeBytes(packet(0x0B, new byte[0], "", new byte[0], 0));
    byte[] bytes = input.toByteArray();
    List<String> whole = decode(bytes, 0);
    assertThat(whole)
        .containsExactly(
            "1:key:5:8:0",
            "10::0:0:0",
            "0:key:0:0:0",
            "85::0:0:129",
            "1:big:0:0:3",
            "5:n:0:20:0",
            "11::0:0:0");
    for (int cut = 1; cut < bytes.length; cut++) {
      assertThat(decode(bytes, cut)).as("split at %d", cut).isEqualTo(whole);
    }
  }

  @Test
  void badMagicClosesAndBadLengthsAreRefusedWithClose() {
    EmbeddedChannel magic = new EmbeddedChannel(new BinaryDecoder(1024, RequestBudget.UNLIMITED));
    byte[] packet = packet(0x0A, new byte[0], "", new byte[0], 0);
    packet[0] = 0x42;
    magic.writeInbound(Unpooled.wrappedBuffer(packet));
    assertThat(magic.isOpen()).isFalse();

    EmbeddedChannel lengths = new EmbeddedChannel(new BinaryDecoder(1024, RequestBudget.UNLIMITED));
    lengths.writeInbound(Unpooled.wrappedBuffer(packet(0x00, new byte[0], "key", new byte[0], -2)));
    BinaryRequest refused = lengths.readInbound();
    assertThat(refused.refusal()).isEqualTo(Status.UNKNOWN_COMMAND);
    assertThat(refused.closeAfterRefusal()).isTrue();
    lengths.finishAndReleaseAll();
  }
}

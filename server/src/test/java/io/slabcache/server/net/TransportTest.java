package io.slabcache.server.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every transport serves the protocols the same way: the rest of the suite runs on the one this
 * machine prefers, these checks on each of them.
 */
class TransportTest {

  private static ServerFixture serverOn(Transport transport) {
    assumeTrue(transport.isAvailable(), transport + " is not available on this machine");
    return new ServerFixture(s -> s.transport(transport));
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void pipelinedTextCommandsInOnePacket(Transport transport) {
    try (ServerFixture fixture = serverOn(transport);
        RawClient client = fixture.connect()) {
      StringBuilder pipeline = new StringBuilder();
      for (int i = 0; i < 500; i++) {
        pipeline.append("set k").append(i).append(" 0 0 ").append(Integer.toString(i).length());
        pipeline.append("\r\n").append(i).append("\r\n");
      }
      for (int i = 0; i < 500; i++) {
        pipeline.append("get k").append(i).append("\r\n");
      }
      client.send(pipeline.toString());
      for (int i = 0; i < 500; i++) {
        assertThat(client.line()).isEqualTo("STORED");
      }
      for (int i = 0; i < 500; i++) {
        assertThat(client.line()).isEqualTo("VALUE k" + i + " 0 " + Integer.toString(i).length());
        assertThat(client.line()).isEqualTo(Integer.toString(i));
        assertThat(client.line()).isEqualTo("END");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void aValueLargerThanAnyReadArrivesWholeWhileOtherConnectionsAreServed(Transport transport) {
    try (ServerFixture fixture = serverOn(transport);
        RawClient writer = fixture.connect();
        RawClient other = fixture.connect()) {
      byte[] value = new byte[512 * 1024];
      for (int i = 0; i < value.length; i++) {
        value[i] = (byte) ('a' + i % 26);
      }
      // half the command, then another connection's whole exchange, then the rest
      writer.send("set big 0 0 " + value.length + "\r\n").send(Arrays.copyOf(value, 1000));
      assertThat(other.exchange("set small 0 0 1\r\nx\r\nget small\r\n", 4))
          .isEqualTo("STORED\r\nVALUE small 0 1\r\nx\r\nEND\r\n");
      writer.send(Arrays.copyOfRange(value, 1000, value.length)).send("\r\n");
      assertThat(writer.line()).isEqualTo("STORED");
      writer.send("get big\r\n");
      assertThat(writer.line()).isEqualTo("VALUE big 0 " + value.length);
      assertThat(writer.read(value.length + 2))
          .startsWith(Arrays.copyOf(value, 64))
          .endsWith(value[value.length - 1], (byte) '\r', (byte) '\n');
      assertThat(writer.line()).isEqualTo("END");
    }
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void binaryProtocol(Transport transport) {
    try (ServerFixture fixture = serverOn(transport);
        RawClient client = fixture.connect()) {
      byte[] value = "v".getBytes(StandardCharsets.US_ASCII);
      client.send(BinaryPackets.request(0x01, "k", BinaryPackets.setExtras(7, 0), value, 0, 1));
      assertThat(BinaryPackets.read(client).status()).isZero();
      client.send(BinaryPackets.request(0x00, "k", new byte[0], new byte[0], 0, 2));
      BinaryPackets.Response got = BinaryPackets.read(client);
      assertThat(got.status()).isZero();
      assertThat(got.opaque()).isEqualTo(2);
      assertThat(got.flags()).isEqualTo(7);
      assertThat(got.text()).isEqualTo("v");
    }
  }
}

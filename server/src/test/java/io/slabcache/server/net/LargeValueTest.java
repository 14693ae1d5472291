package io.slabcache.server.net;

import static io.slabcache.server.net.BinaryPackets.intExtras;
import static io.slabcache.server.net.BinaryPackets.read;
import static io.slabcache.server.net.BinaryPackets.request;
import static io.slabcache.server.net.BinaryPackets.setExtras;
import static org.assertj.core.api.Assertions.assertThat;

import io.slabcache.server.engine.EngineConfig;
import io.slabcache.server.net.BinaryPackets.Response;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Values larger than a slab page (-I 4m, so stored across several chunks) read back byte for byte
 * through every protocol's reads.
 */
class LargeValueTest {

  private static final int SIZE = 2 * EngineConfig.MIB + 12_345;

  private final ServerFixture fixture =
      new ServerFixture(s -> s, c -> c.itemSizeMax(4 * EngineConfig.MIB));
  private final byte[] value = new byte[SIZE];

  LargeValueTest() {
    new Random(7).nextBytes(value);
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private static byte[] concat(String head, byte[] body, String tail) {
    byte[] start = head.getBytes(StandardCharsets.ISO_8859_1);
    byte[] end = tail.getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = new byte[start.length + body.length + end.length];
    System.arraycopy(start, 0, all, 0, start.length);
    System.arraycopy(body, 0, all, start.length, body.length);
    System.arraycopy(end, 0, all, start.length + body.length, end.length);
    return all;
  }

  private void readValue(RawClient client) {
    assertThat(client.read(SIZE)).isEqualTo(value);
    assertThat(client.line()).isEmpty();
  }

  @Test
  void textGetsGetsAndGats() {
    try (RawClient client = fixture.connect()) {
      client.send(concat("set big 9 0 " + SIZE + "\r\n", value, "\r\n"));
      assertThat(client.line()).isEqualTo("STORED");

      client.send("get big\r\n");
      assertThat(client.line()).isEqualTo("VALUE big 9 " + SIZE);
      readValue(client);
      assertThat(client.line()).isEqualTo("END");

      client.send("gets small big small\r\n");
      assertThat(client.line()).startsWith("VALUE big 9 " + SIZE + " ");
      readValue(client);
      assertThat(client.line()).isEqualTo("END");

      client.send("gat 100 big\r\ngats 100 big\r\n");
      assertThat(client.line()).isEqualTo("VALUE big 9 " + SIZE);
      readValue(client);
      assertThat(client.line()).isEqualTo("END");
      assertThat(client.line()).startsWith("VALUE big 9 " + SIZE + " ");
      readValue(client);
      assertThat(client.line()).isEqualTo("END");
    }
  }

  @Test
  void metaGetWithValue() {
    try (RawClient client = fixture.connect()) {
      client.send(concat("ms big " + SIZE + " F3\r\n", value, "\r\n"));
      assertThat(client.line()).isEqualTo("HD");

      client.send("mg big v s f k\r\nmg big s\r\nmn\r\n");
      assertThat(client.line()).isEqualTo("VA " + SIZE + " s" + SIZE + " f3 kbig");
      readValue(client);
      assertThat(client.line()).isEqualTo("HD s" + SIZE);
      assertThat(client.line()).isEqualTo("MN");
    }
  }

  @Test
  void binaryGetsAndGats() {
    try (RawClient client = fixture.connect()) {
      client.send(request(0x11, "big", setExtras(5, 0), value, 0, 1));
      client.send(request(0x0A, "", new byte[0], new byte[0], 0, 2));
      assertThat(read(client).opcode()).isEqualTo(0x0A);

      for (int opcode : new int[] {0x00, 0x0C, 0x1D, 0x23}) {
        client.send(
            request(opcode, "big", opcode >= 0x1D ? intExtras(0) : new byte[0], new byte[0], 0, 0));
        Response response = read(client);
        assertThat(response.status()).isZero();
        assertThat(response.flags()).isEqualTo(5);
        assertThat(response.key()).isEqualTo(opcode == 0x0C || opcode == 0x23 ? "big" : "");
        assertThat(response.value()).isEqualTo(value);
      }
      client.send(request(0x09, "big"));
      client.send(request(0x1E, "big", intExtras(0), new byte[0], 0, 0));
      client.send(request(0x0A, "", new byte[0], new byte[0], 0, 0));
      assertThat(read(client).value()).isEqualTo(value);
      assertThat(read(client).value()).isEqualTo(value);
      assertThat(read(client).opcode()).isEqualTo(0x0A);
    }
  }
}

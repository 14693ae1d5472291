package io.slabcache.server.net;

import static io.slabcache.server.net.BinaryPackets.arithmeticExtras;
import static io.slabcache.server.net.BinaryPackets.intExtras;
import static io.slabcache.server.net.BinaryPackets.read;
import static io.slabcache.server.net.BinaryPackets.request;
import static io.slabcache.server.net.BinaryPackets.setExtras;
import static org.assertj.core.api.Assertions.assertThat;

import io.slabcache.server.net.BinaryPackets.Response;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every binary opcode, quiet variants and error statuses, against a server on loopback. */
class BinaryProtocolTest {

  private static final byte[] NONE = new byte[0];

  private ServerFixture fixture;
  private RawClient client;

  @BeforeEach
  void start() {
    fixture = new ServerFixture();
    client = fixture.connect();
  }

  @AfterEach
  void stop() {
    client.close();
    fixture.close();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  private Response call(byte[] packet) {
    client.send(packet);
    return read(client);
  }

  private Response set(int opcode, String key, String value, int flags, long cas) {
    return call(request(opcode, key, setExtras(flags, 0), bytes(value), cas, 7));
  }

  @Test
  void setGetGetkAndMisses() {
    Response stored = set(0x01, "k", "hello", 42, 0);
    assertThat(stored.magic()).isEqualTo(0x81);
    assertThat(stored.status()).isZero();
    assertThat(stored.opaque()).isEqualTo(7);
    assertThat(stored.cas()).isPositive();
    Response get = call(request(0x00, "k"));
    assertThat(get.status()).isZero();
    assertThat(get.flags()).isEqualTo(42);
    assertThat(get.text()).isEqualTo("hello");
    assertThat(get.key()).isEmpty();
    assertThat(get.cas()).isEqualTo(stored.cas());
    Response getk = call(request(0x0C, "k"));
    assertThat(getk.key()).isEqualTo("k");
    assertThat(getk.text()).isEqualTo("hello");
    Response miss = call(request(0x00, "nope"));
    assertThat(miss.status()).isEqualTo(0x01);
    assertThat(miss.text()).isEqualTo("Not found");
    Response missk = call(request(0x0C, "nope"));
    assertThat(missk.status()).isEqualTo(0x01);
    assertThat(missk.key()).isEqualTo("nope");
  }

  @Test
  void quietGetsAnswerOnlyHitsAndNoopEndsTheBatch() {
    set(0x01, "a", "1", 0, 0);
    ByteArrayOutputStream batch = new ByteArrayOutputStream();
    batch.writeBytes(request(0x09, "a"));
    batch.writeBytes(request(0x09, "missing"));
    batch.writeBytes(request(0x0D, "a"));
    batch.writeBytes(request(0x0D, "missing"));
    batch.writeBytes(request(0x0A, ""));
    client.send(batch.toByteArray());
    Response first = read(client);
    assertThat(first.opcode()).isEqualTo(0x09);
    assertThat(first.text()).isEqualTo("1");
    Response second = read(client);
    assertThat(second.opcode()).isEqualTo(0x0D);
    assertThat(second.key()).isEqualTo("a");
    assertThat(read(client).opcode()).isEqualTo(0x0A);
  }

  @Test
  void quietStoresAreSilentUnlessTheyFail() {
    ByteArrayOutputStream batch = new ByteArrayOutputStream();
    batch.writeBytes(request(0x11, "k", setExtras(0, 0), bytes("v"), 0, 1));
    batch.writeBytes(request(0x12, "k", setExtras(0, 0), bytes("v"), 0, 2));
    batch.writeBytes(request(0x13, "k", setExtras(0, 0), bytes("w"), 0, 3));
    batch.writeBytes(request(0x19, "k", NONE, bytes("x"), 0, 4));
    batch.writeBytes(request(0x1A, "k", NONE, bytes("u"), 0, 5));
    batch.writeBytes(request(0x14, "nope", NONE, NONE, 0, 6));
    batch.writeBytes(request(0x0A, ""));
    client.send(batch.toByteArray());
    Response addFailed = read(client);
    assertThat(addFailed.opaque()).isEqualTo(2);
    assertThat(addFailed.status()).isEqualTo(0x02);
    Response deleteMissed = read(client);
    assertThat(deleteMissed.opaque()).isEqualTo(6);
    assertThat(deleteMissed.status()).isEqualTo(0x01);
    assertThat(read(client).opcode()).isEqualTo(0x0A);
    assertThat(call(request(0x00, "k")).text()).isEqualTo("uwx");
  }

  @Test
  void addReplaceCasAndAppend() {
    assertThat(set(0x02, "k", "a", 0, 0).status()).isZero();
    assertThat(set(0x02, "k", "a", 0, 0).status()).isEqualTo(0x02);
    assertThat(set(0x03, "nope", "a", 0, 0).status()).isEqualTo(0x01);
    long cas = call(request(0x00, "k")).cas();
    assertThat(set(0x01, "k", "b", 0, cas + 1).status()).isEqualTo(0x02);
    assertThat(set(0x01, "k", "b", 0, cas).status()).isZero();
    assertThat(set(0x01, "nope", "b", 0, 99).status()).isEqualTo(0x01);
    assertThat(call(request(0x0E, "nope", NONE, bytes("x"), 0, 0)).status()).isEqualTo(0x05);
    assertThat(call(request(0x0E, "nope", NONE, bytes("x"), 0, 0)).text()).isEqualTo("Not stored.");
  }

  @Test
  void deleteWithCas() {
    set(0x01, "k", "a", 0, 0);
    long cas = call(request(0x00, "k")).cas();
    assertThat(call(request(0x04, "k", NONE, NONE, cas + 1, 0)).status()).isEqualTo(0x02);
    assertThat(call(request(0x04, "k", NONE, NONE, cas, 0)).status()).isZero();
    assertThat(call(request(0x04, "k")).status()).isEqualTo(0x01);
  }

  @Test
  void incrementDecrementWithAutoCreate() {
    Response created = call(request(0x05, "n", arithmeticExtras(5, 100, 0), NONE, 0, 0));
    assertThat(created.status()).isZero();
    assertThat(created.number()).isEqualTo(100);
    assertThat(call(request(0x05, "n", arithmeticExtras(5, 100, 0), NONE, 0, 0)).number())
        .isEqualTo(105);
    assertThat(call(request(0x06, "n", arithmeticExtras(500, 0, 0), NONE, 0, 0)).number()).isZero();
    Response noCreate =
        call(request(0x05, "other", arithmeticExtras(1, 0, 0xFFFFFFFF), NONE, 0, 0));
    assertThat(noCreate.status()).isEqualTo(0x01);
    set(0x01, "s", "abc", 0, 0);
    Response nonNumeric = call(request(0x05, "s", arithmeticExtras(1, 0, 0), NONE, 0, 0));
    assertThat(nonNumeric.status()).isEqualTo(0x06);
    assertThat(nonNumeric.text()).isEqualTo("Non-numeric server-side value for incr or decr");
    client.send(request(0x15, "n", arithmeticExtras(1, 0, 0), NONE, 0, 0));
    assertThat(call(request(0x0A, "")).opcode()).isEqualTo(0x0A);
  }

  @Test
  void touchAndGetAndTouch() {
    set(0x01, "k", "v", 9, 0);
    Response touched = call(request(0x1C, "k", intExtras(100), NONE, 0, 0));
    assertThat(touched.status()).isZero();
    assertThat(touched.flags()).isEqualTo(9);
    assertThat(touched.value()).isEmpty();
    Response gat = call(request(0x1D, "k", intExtras(10), NONE, 0, 0));
    assertThat(gat.text()).isEqualTo("v");
    Response gatk = call(request(0x23, "k", intExtras(10), NONE, 0, 0));
    assertThat(gatk.key()).isEqualTo("k");
    fixture.clock.advanceSeconds(11);
    assertThat(call(request(0x1D, "k", intExtras(10), NONE, 0, 0)).status()).isEqualTo(0x01);
    client.send(request(0x1E, "k", intExtras(10), NONE, 0, 0));
    client.send(request(0x24, "k", intExtras(10), NONE, 0, 0));
    assertThat(call(request(0x0A, "")).opcode()).isEqualTo(0x0A);
  }

  @Test
  void expirationsAreUnsignedSoTheLargestAreFarFutureUnixTimes() {
    // 0x80000000 and 0xFFFFFFFF are in 2038 and 2106, not negative numbers of seconds
    for (int exptime : new int[] {0x8000_0000, 0xFFFF_FFFF}) {
      String key = exptime < -1 ? "signed" : "largest";
      Response stored = call(request(0x01, key, setExtras(0, exptime), bytes("v"), 0, 7));
      assertThat(stored.status()).isZero();
    }
    set(0x01, "touched", "v", 0, 0);
    assertThat(call(request(0x1C, "touched", intExtras(0x8000_0000), NONE, 0, 0)).status())
        .isZero();
    assertThat(
            call(request(0x05, "counter", arithmeticExtras(1, 5, 0x8000_0000), NONE, 0, 0))
                .status())
        .isZero();
    fixture.clock.advanceSeconds(3600);
    for (String key : new String[] {"signed", "largest", "touched"}) {
      assertThat(call(request(0x00, key)).text()).as(key).isEqualTo("v");
    }
    assertThat(call(request(0x00, "counter")).text()).isEqualTo("5");
  }

  @Test
  void flushVersionVerbosityStatAndQuit() {
    set(0x01, "k", "v", 0, 0);
    assertThat(call(request(0x08, "")).status()).isZero();
    assertThat(call(request(0x00, "k")).status()).isEqualTo(0x01);
    set(0x01, "k", "v", 0, 0);
    assertThat(call(request(0x08, "", intExtras(10), NONE, 0, 0)).status()).isZero();
    assertThat(call(request(0x00, "k")).status()).isZero();
    client.send(request(0x18, ""));
    assertThat(call(request(0x0B, "")).text()).isEqualTo("1.6.38");
    assertThat(call(request(0x1B, "", intExtras(1), NONE, 0, 0)).status()).isZero();
    client.send(request(0x10, ""));
    Map<String, String> stats = new java.util.HashMap<>();
    while (true) {
      Response stat = read(client);
      if (stat.key().isEmpty()) {
        break;
      }
      stats.put(stat.key(), stat.text());
    }
    assertThat(stats).containsKeys("pid", "uptime", "curr_items", "cmd_get", "curr_connections");
    assertThat(stats.get("version")).isEqualTo("1.6.38");
    assertThat(call(request(0x10, "bogus")).status()).isEqualTo(0x01);
    // stats detail, as memcached's binary protocol has it: on and off answer only the end
    assertThat(call(request(0x10, "detail on")).key()).isEmpty();
    assertThat(set(0x01, "user:1", "a", 0, 0).status()).isZero();
    assertThat(call(request(0x0e, "user:1", NONE, bytes("b"), 0, 7)).status()).isZero();
    assertThat(call(request(0x00, "user:1")).status()).isZero();
    assertThat(call(request(0x00, "user:2")).status()).isEqualTo(0x01);
    assertThat(call(request(0x04, "user:2")).status()).isEqualTo(0x01);
    byte[] tooLarge = new byte[2 * 1024 * 1024];
    assertThat(call(request(0x02, "user:3", setExtras(0, 0), tooLarge, 0, 0)).status())
        .isEqualTo(0x03);
    Response detailed = call(request(0x10, "detail dump"));
    assertThat(detailed.key()).isEqualTo("detailed");
    // append counts no set in memcached; an add too large for an item does
    assertThat(detailed.text()).isEqualTo("PREFIX user get 2 hit 1 set 2 del 1\r\nEND\r\n");
    assertThat(read(client).key()).isEmpty();
    assertThat(call(request(0x10, "detail off")).key()).isEmpty();
    assertThat(call(request(0x10, "detail sideways")).status()).isEqualTo(0x01);
    assertThat(call(request(0x10, "reset")).key()).isEmpty();
    Response quit = call(request(0x07, ""));
    assertThat(quit.status()).isZero();
    assertThat(client.closedByServer(5000)).isTrue();
  }

  @Test
  void quitqClosesSilently() {
    client.send(request(0x17, ""));
    assertThat(client.closedByServer(5000)).isTrue();
  }

  @Test
  void unknownOpcodeIsAnsweredAndItsBodySkipped() {
    Response unknown = call(request(0x50, "key", NONE, bytes("body"), 0, 3));
    assertThat(unknown.status()).isEqualTo(0x81);
    assertThat(unknown.text()).isEqualTo("Unknown command");
    assertThat(call(request(0x0A, "")).status()).isZero();
  }

  @Test
  void malformedHeadersCloseTheConnection() {
    Response invalid = call(request(0x00, "k", intExtras(1), NONE, 0, 0));
    assertThat(invalid.status()).isEqualTo(0x04);
    assertThat(invalid.text()).isEqualTo("Invalid arguments");
    assertThat(client.closedByServer(5000)).isTrue();
    try (RawClient longKey = fixture.connect()) {
      longKey.send(request(0x00, "k".repeat(251)));
      assertThat(read(longKey).status()).isEqualTo(0x04);
      assertThat(longKey.closedByServer(5000)).isTrue();
    }
    try (RawClient badMagic = fixture.connect()) {
      byte[] packet = request(0x0A, "");
      badMagic.send(packet);
      read(badMagic);
      packet[0] = (byte) 0x81;
      badMagic.send(packet);
      assertThat(badMagic.closedByServer(5000)).isTrue();
    }
  }

  @Test
  void valuesLargerThanAnItemAreRefusedAndSkipped() {
    set(0x01, "k", "old", 0, 0);
    byte[] huge = new byte[2 * 1024 * 1024];
    Response tooLarge = call(request(0x01, "k", setExtras(0, 0), huge, 0, 5));
    assertThat(tooLarge.status()).isEqualTo(0x03);
    assertThat(tooLarge.text()).isEqualTo("Too large.");
    assertThat(call(request(0x00, "k")).status()).isEqualTo(0x01);
    assertThat(call(request(0x0A, "")).status()).isZero();
  }

  @Test
  void pipelinedRequestsArriveOneByteAtATime() {
    ByteArrayOutputStream batch = new ByteArrayOutputStream();
    batch.writeBytes(request(0x01, "slow", setExtras(1, 0), bytes("value"), 0, 1));
    batch.writeBytes(request(0x00, "slow"));
    for (byte b : batch.toByteArray()) {
      client.send(new byte[] {b});
    }
    assertThat(read(client).status()).isZero();
    assertThat(read(client).text()).isEqualTo("value");
  }
}

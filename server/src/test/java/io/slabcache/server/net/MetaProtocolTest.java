package io.slabcache.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The meta commands and their flags, byte for byte, against a server on loopback. */
class MetaProtocolTest {

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

  private long cas(String key) {
    String line = client.exchange("mg " + key + " c\r\n", 1);
    return Long.parseLong(line.trim().split(" ")[1].substring(1));
  }

  @Test
  void metaGetReturnsTheFlagsAskedForInOrder() {
    assertThat(client.exchange("ms k 3 F7 T100\r\nabc\r\n", 1)).isEqualTo("HD\r\n");
    assertThat(client.exchange("mg k s v f t k Oop\r\n", 2))
        .isEqualTo("VA 3 s3 f7 t100 kk Oop\r\nabc\r\n");
    assertThat(client.exchange("mg k\r\n", 1)).isEqualTo("HD\r\n");
    assertThat(client.exchange("mg k k s\r\n", 1)).isEqualTo("HD kk s3\r\n");
    assertThat(client.exchange("mg nope v\r\n", 1)).isEqualTo("EN\r\n");
    assertThat(client.exchange("mg nope v k O1\r\n", 1)).isEqualTo("EN knope O1\r\n");
  }

  @Test
  void quietModeHidesMissesButNotHits() {
    client.exchange("ms k 1\r\na\r\n", 1);
    client.send("mg nope v q\r\nmg k v q\r\nmn\r\n");
    assertThat(client.lines(3)).isEqualTo("VA 1\r\na\r\nMN\r\n");
    client.send("ms k 1 q\r\nb\r\nmd nope q\r\nmd k q\r\nmn\r\n");
    assertThat(client.lines(2)).isEqualTo("NF\r\nMN\r\n");
    client.send("ms n 1 q\r\n5\r\nma n q\r\nma nope q\r\nmn\r\n");
    assertThat(client.lines(2)).isEqualTo("NF\r\nMN\r\n");
  }

  @Test
  void hitBeforeAndLastAccessDescribeTheItemBeforeTheRead() {
    client.exchange("ms k 1\r\na\r\n", 1);
    assertThat(client.exchange("mg k h l\r\n", 1)).isEqualTo("HD h0 l0\r\n");
    fixture.clock.advanceSeconds(5);
    assertThat(client.exchange("mg k h l\r\n", 1)).isEqualTo("HD h1 l5\r\n");
    assertThat(client.exchange("mg k h u\r\n", 1)).isEqualTo("HD h1\r\n");
  }

  @Test
  void casCompareAndExplicitCas() {
    client.exchange("ms k 1\r\na\r\n", 1);
    long cas = cas("k");
    assertThat(client.exchange("ms k 1 C" + (cas + 1) + "\r\nb\r\n", 1)).isEqualTo("EX\r\n");
    assertThat(client.exchange("ms k 1 C" + cas + " c\r\nc\r\n", 1)).matches("HD c\\d+\r\n");
    assertThat(client.exchange("ms nope 1 C5\r\nc\r\n", 1)).isEqualTo("NF\r\n");
    assertThat(client.exchange("ms k 1 E12345\r\nd\r\n", 1)).isEqualTo("HD\r\n");
    assertThat(cas("k")).isEqualTo(12345);
    assertThat(client.exchange("mg k v C12345\r\n", 1)).isEqualTo("HD\r\n");
    assertThat(client.exchange("mg k v C1\r\n", 2)).isEqualTo("VA 1\r\nd\r\n");
  }

  @Test
  void setModes() {
    assertThat(client.exchange("ms k 1 ME\r\na\r\n", 1)).isEqualTo("HD\r\n");
    assertThat(client.exchange("ms k 1 ME\r\nb\r\n", 1)).isEqualTo("NS\r\n");
    assertThat(client.exchange("ms k 1 MA\r\nc\r\n", 1)).isEqualTo("HD\r\n");
    assertThat(client.exchange("ms k 1 MP\r\nz\r\n", 1)).isEqualTo("HD\r\n");
    assertThat(client.exchange("ms nope 1 MR\r\nz\r\n", 1)).isEqualTo("NS\r\n");
    assertThat(client.exchange("ms k 2 MR F3\r\nxy\r\n", 1)).isEqualTo("HD\r\n");
    assertThat(client.exchange("ms k 1 MS\r\nq\r\n", 1)).isEqualTo("HD\r\n");
    assertThat(client.exchange("ms viv 2 MA N30\r\nhi\r\n", 1)).isEqualTo("HD\r\n");
    assertThat(client.exchange("mg viv v t\r\n", 2)).isEqualTo("VA 2 t30\r\nhi\r\n");
    assertThat(client.exchange("ms k 1 MX\r\nq\r\n", 1))
        .isEqualTo("CLIENT_ERROR invalid mode for ms M token\r\n");
    assertThat(client.exchange("ms k 1 MSS\r\nq\r\n", 1))
        .isEqualTo("CLIENT_ERROR incorrect length for M token\r\n");
  }

  @Test
  void base64Keys() {
    byte[] binaryKey = {0, 1, 2, (byte) 0xFF, ' ', '\n'};
    String encoded = Base64.getEncoder().encodeToString(binaryKey);
    assertThat(client.exchange("ms " + encoded + " 2 b k\r\nhi\r\n", 1))
        .isEqualTo("HD k" + encoded + " b\r\n");
    assertThat(client.exchange("mg " + encoded + " b k v\r\n", 2))
        .isEqualTo("VA 2 k" + encoded + " b\r\nhi\r\n");
    assertThat(client.exchange("me " + encoded + " b\r\n", 1)).startsWith("ME " + encoded + " ");
    assertThat(client.exchange("mg !!!! b v\r\n", 1))
        .isEqualTo("CLIENT_ERROR error decoding key\r\n");
    // a last quantum without its padding, or a stray character, is no key either
    assertThat(client.exchange("mg YWI b v\r\n", 1))
        .isEqualTo("CLIENT_ERROR error decoding key\r\n");
    assertThat(client.exchange("mg abc b v\r\n", 1))
        .isEqualTo("CLIENT_ERROR error decoding key\r\n");
  }

  @Test
  void vivifyAndRecacheHandOutOneWinner() {
    assertThat(client.exchange("mg k N30 v c\r\n", 2)).matches("VA 0 c\\d+ W\r\n\r\n");
    assertThat(client.exchange("mg k N30 v\r\n", 2)).isEqualTo("VA 0 Z\r\n\r\n");
    client.exchange("ms r 1 T10\r\na\r\n", 1);
    assertThat(client.exchange("mg r R30 v\r\n", 2)).isEqualTo("VA 1 W\r\na\r\n");
    assertThat(client.exchange("mg r R30 v\r\n", 2)).isEqualTo("VA 1 Z\r\na\r\n");
    assertThat(client.exchange("mg r T100 t\r\n", 1)).isEqualTo("HD t100 Z\r\n");
  }

  @Test
  void vivifyWithAnExplicitCasGivesTheStubThatCas() {
    assertThat(client.exchange("mg stub N30 E777 c\r\n", 1)).isEqualTo("HD c777 W\r\n");
    assertThat(client.exchange("mg stub c\r\n", 1)).isEqualTo("HD c777 Z\r\n");
  }

  @Test
  void invalidationMarksStaleAndHandsOutAWin() {
    client.exchange("ms k 1 T100\r\na\r\n", 1);
    assertThat(client.exchange("md k I T30\r\n", 1)).isEqualTo("HD\r\n");
    assertThat(client.exchange("mg k v t\r\n", 2)).isEqualTo("VA 1 t30 X W\r\na\r\n");
    assertThat(client.exchange("mg k v\r\n", 2)).isEqualTo("VA 1 Z X\r\na\r\n");
    long cas = cas("k");
    assertThat(client.exchange("ms k 1 I C" + (cas - 1) + "\r\nb\r\n", 1)).isEqualTo("HD\r\n");
    assertThat(client.exchange("mg k v\r\n", 2)).contains(" X").endsWith("b\r\n");
    assertThat(client.exchange("md k x\r\n", 1)).isEqualTo("HD\r\n");
    assertThat(client.exchange("mg k v\r\n", 2)).startsWith("VA 0");
  }

  @Test
  void deleteWithCasAndOpaque() {
    client.exchange("ms k 1\r\na\r\n", 1);
    long cas = cas("k");
    assertThat(client.exchange("md k C" + (cas + 1) + " O9 k\r\n", 1)).isEqualTo("EX O9 kk\r\n");
    assertThat(client.exchange("md k C" + cas + " O9\r\n", 1)).isEqualTo("HD O9\r\n");
    assertThat(client.exchange("md k\r\n", 1)).isEqualTo("NF\r\n");
  }

  @Test
  void arithmetic() {
    assertThat(client.exchange("ma n\r\n", 1)).isEqualTo("NF\r\n");
    assertThat(client.exchange("ma n N0 J10 v\r\n", 2)).isEqualTo("VA 2\r\n10\r\n");
    assertThat(client.exchange("ma n D5 v t\r\n", 2)).isEqualTo("VA 2 t-1\r\n15\r\n");
    assertThat(client.exchange("ma n MD D20 v\r\n", 2)).isEqualTo("VA 1\r\n0\r\n");
    assertThat(client.exchange("ma n M- v\r\n", 2)).isEqualTo("VA 1\r\n0\r\n");
    assertThat(client.exchange("ma n M+ T60 t\r\n", 1)).isEqualTo("HD t60\r\n");
    assertThat(client.exchange("ma n c\r\n", 1)).matches("HD c\\d+\r\n");
    long cas = cas("n");
    assertThat(client.exchange("ma n C" + (cas + 1) + "\r\n", 1)).isEqualTo("EX\r\n");
    client.exchange("ms s 1\r\nx\r\n", 1);
    assertThat(client.exchange("ma s\r\n", 1))
        .isEqualTo("CLIENT_ERROR cannot increment or decrement non-numeric value\r\n");
    assertThat(client.exchange("ma n MX\r\n", 1))
        .isEqualTo("CLIENT_ERROR invalid mode for ma M token\r\n");
    assertThat(client.exchange("ma n Dx\r\n", 1))
        .isEqualTo("CLIENT_ERROR invalid or duplicate flag\r\n");
  }

  @Test
  void debugAndNoop() {
    client.exchange("ms k 2 T100\r\nhi\r\n", 1);
    assertThat(client.exchange("me k\r\n", 1))
        .matches("ME k exp=-100 la=0 cas=\\d+ fetch=no cls=\\d+ size=\\d+\r\n");
    assertThat(client.exchange("me nope\r\n", 1)).isEqualTo("EN\r\n");
    assertThat(client.exchange("mn\r\n", 1)).isEqualTo("MN\r\n");
  }

  @Test
  void badFlagsAndLines() {
    assertThat(client.exchange("mg k v v\r\n", 1)).isEqualTo("CLIENT_ERROR duplicate flag\r\n");
    assertThat(client.exchange("mg k !\r\n", 1)).isEqualTo("CLIENT_ERROR invalid flag\r\n");
    assertThat(client.exchange("mg k Tx\r\n", 1))
        .isEqualTo("CLIENT_ERROR bad token in command line format\r\n");
    assertThat(client.exchange("mg k O" + "x".repeat(40) + "\r\n", 1))
        .isEqualTo("CLIENT_ERROR opaque token too long\r\n");
    assertThat(client.exchange("mg " + "k".repeat(251) + " v\r\n", 1))
        .isEqualTo("CLIENT_ERROR bad command line format\r\n");
    assertThat(client.exchange("mg k" + " v".repeat(20) + "\r\n", 1))
        .isEqualTo("CLIENT_ERROR options flags are too long\r\n");
    assertThat(client.exchange("mg\r\n", 1)).isEqualTo("ERROR\r\n");
    assertThat(client.exchange("mz k\r\n", 1)).isEqualTo("ERROR\r\n");
    assertThat(client.exchange("md k v v\r\n", 1))
        .isEqualTo("CLIENT_ERROR invalid or duplicate flag\r\n");
    assertThat(client.exchange("ms k\r\n", 1))
        .isEqualTo("CLIENT_ERROR bad command line format\r\n");
    assertThat(client.exchange("ms k x\r\n", 1))
        .isEqualTo("CLIENT_ERROR bad command line format\r\n");
    // a refused ms line skips its data block
    assertThat(client.exchange("ms k 2 v v\r\nhi\r\nmn\r\n", 2))
        .isEqualTo("CLIENT_ERROR duplicate flag\r\nMN\r\n");
    client.exchange("ms k 1\r\nx\r\n", 1);
    assertThat(client.exchange("ms k 2000000\r\n", 1))
        .isEqualTo("SERVER_ERROR object too large for cache\r\n");
    client.send(new byte[2000000]).send("\r\n");
    assertThat(client.exchange("mg k v\r\n", 1)).isEqualTo("EN\r\n");
    assertThat(client.exchange("ms k 2\r\nabcd\r\n", 2))
        .isEqualTo("CLIENT_ERROR bad data chunk\r\nERROR\r\n");
    assertThat(client.exchange("mn\r\n", 1)).isEqualTo("MN\r\n");
  }
}

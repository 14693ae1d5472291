package io.slabcache.server.net;

import static io.slabcache.server.net.BinaryPackets.read;
import static io.slabcache.server.net.BinaryPackets.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.spy.memcached.AddrUtil;
import net.spy.memcached.ConnectionFactoryBuilder;
import net.spy.memcached.ConnectionFactoryBuilder.Protocol;
import net.spy.memcached.MemcachedClient;
import net.spy.memcached.auth.AuthDescriptor;
import net.spy.memcached.auth.PlainCallbackHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With users configured, binary clients authenticate with SASL PLAIN and text clients with
 * memcached's auth line.
 */
class AuthenticationTest {

  private ServerFixture fixture;

  @BeforeEach
  void start() {
    fixture = new ServerFixture(s -> s.users(Map.of("alice", "secret")));
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void saslPlainWithARealClient() throws Exception {
    MemcachedClient client =
        new MemcachedClient(
            new ConnectionFactoryBuilder()
                .setProtocol(Protocol.BINARY)
                .setAuthDescriptor(
                    new AuthDescriptor(
                        new String[] {"PLAIN"}, new PlainCallbackHandler("alice", "secret")))
                .setOpTimeout(5000)
                .build(),
            AddrUtil.getAddresses("127.0.0.1:" + fixture.port()));
    try {
      assertThat(client.set("k", 0, "v").get(5, TimeUnit.SECONDS)).isTrue();
      assertThat(client.get("k")).isEqualTo("v");
    } finally {
      client.shutdown(5, TimeUnit.SECONDS);
    }
  }

  @Test
  void binaryRequestsBeforeAuthenticationAreRefusedAndTheConnectionClosed() {
    try (RawClient client = fixture.connect()) {
      client.send(request(0x0B, ""));
      assertThat(read(client).status()).isZero();
      client.send(request(0x20, ""));
      assertThat(read(client).text()).isEqualTo("PLAIN");
      client.send(
          request(
              0x21, "PLAIN", new byte[0], "\0alice\0wrong".getBytes(StandardCharsets.UTF_8), 0, 0));
      BinaryPackets.Response refused = read(client);
      assertThat(refused.status()).isEqualTo(0x20);
      assertThat(refused.text()).isEqualTo("Auth failure.");
      client.send(
          request(
              0x21,
              "PLAIN",
              new byte[0],
              "\0alice\0secret".getBytes(StandardCharsets.UTF_8),
              0,
              0));
      BinaryPackets.Response accepted = read(client);
      assertThat(accepted.status()).isZero();
      assertThat(accepted.text()).isEqualTo("Authenticated");
      client.send(request(0x00, "k"));
      assertThat(read(client).status()).isEqualTo(0x01);
    }
    try (RawClient client = fixture.connect()) {
      client.send(request(0x00, "k"));
      assertThat(read(client).status()).isEqualTo(0x20);
      assertThat(client.closedByServer(5000)).isTrue();
    }
  }

  @Test
  void refusalsOfRequestsBeforeAuthenticationAreAuthErrorsThatTouchNothing() {
    try (RawClient client = authenticated()) {
      client.send(request(0x01, "k", BinaryPackets.setExtras(0, 0), bytes("kept"), 0, 0));
      assertThat(read(client).status()).isZero();
    }
    // a value too large for any item would drop the key's old value once authenticated
    try (RawClient client = fixture.connect()) {
      // only the header, extras and key: the server answers before the value arrives, and
      // closes, so the client must not still be sending it
      byte[] head = request(0x01, "k", BinaryPackets.setExtras(0, 0), new byte[0], 0, 0);
      java.nio.ByteBuffer.wrap(head).putInt(8, 8 + 1 + 2 * 1024 * 1024);
      client.send(head);
      assertThat(read(client).status()).isEqualTo(0x20);
      assertThat(client.closedByServer(5000)).isTrue();
    }
    // a header whose key overruns its body is refused as it is, authenticated or not
    try (RawClient client = fixture.connect()) {
      byte[] overrun = request(0x00, "k");
      overrun[11] = 0; // body length 0, key length 1
      client.send(overrun);
      assertThat(read(client).status()).isEqualTo(0x81);
      assertThat(client.closedByServer(5000)).isTrue();
    }
    try (RawClient client = authenticated()) {
      client.send(request(0x00, "k"));
      BinaryPackets.Response hit = read(client);
      assertThat(hit.status()).isZero();
      assertThat(hit.value()).isEqualTo(bytes("kept"));
    }
  }

  private RawClient authenticated() {
    RawClient client = fixture.connect();
    client.send(request(0x21, "PLAIN", new byte[0], bytes("\0alice\0secret"), 0, 0));
    assertThat(read(client).status()).isZero();
    return client;
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void textClientsAuthenticateWithASetLine() {
    try (RawClient client = fixture.connect()) {
      assertThat(client.exchange("get k\r\n", 1)).isEqualTo("CLIENT_ERROR unauthenticated\r\n");
      assertThat(client.exchange("set auth 0 0 11\r\nalice wrong\r\n", 1))
          .isEqualTo("CLIENT_ERROR authentication failure\r\n");
      assertThat(client.exchange("set auth 0 0 5\r\nalice\r\n", 1))
          .isEqualTo("CLIENT_ERROR bad authentication token format\r\n");
      // only a set logs in, as in memcached; its value split into words as memcached's tokenizer
      assertThat(client.exchange("add auth 0 0 12\r\nalice secret\r\n", 1))
          .isEqualTo("CLIENT_ERROR unauthenticated\r\n");
      assertThat(client.exchange("cas auth 0 0 12 1\r\nalice secret\r\n", 1))
          .isEqualTo("CLIENT_ERROR unauthenticated\r\n");
      assertThat(client.exchange("set auth 0 0 15\r\n alice  secret \r\n", 1))
          .isEqualTo("STORED\r\n");
      assertThat(client.exchange("set k 0 0 1\r\nv\r\nget k\r\n", 4))
          .isEqualTo("STORED\r\nVALUE k 0 1\r\nv\r\nEND\r\n");
    }
  }

  @Test
  void withoutUsersSaslIsAnUnknownCommand() {
    try (ServerFixture open = new ServerFixture();
        RawClient client = open.connect()) {
      client.send(request(0x20, ""));
      assertThat(read(client).status()).isEqualTo(0x81);
    }
    assertThatThrownBy(() -> ServerSettings.builder().users(null).build())
        .isInstanceOf(NullPointerException.class);
  }
}

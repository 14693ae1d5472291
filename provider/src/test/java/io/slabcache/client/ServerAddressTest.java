package io.slabcache.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ServerAddressTest {

  @Test
  void parsesHostPortAndWeight() {
    assertThat(ServerAddress.parse("cache-a")).isEqualTo(new ServerAddress("cache-a", 11211, 1));
    assertThat(ServerAddress.parse("10.0.0.1:11300"))
        .isEqualTo(new ServerAddress("10.0.0.1", 11300, 1));
    assertThat(ServerAddress.parse(" 10.0.0.1:11300:3 "))
        .isEqualTo(new ServerAddress("10.0.0.1", 11300, 3));
    assertThat(ServerAddress.parse("[::1]:11300")).isEqualTo(new ServerAddress("::1", 11300, 1));
    assertThat(ServerAddress.parseList("a:1,b:2:5,"))
        .containsExactly(new ServerAddress("a", 1), new ServerAddress("b", 2, 5));
  }

  @Test
  void refusesBadAddresses() {
    assertThatThrownBy(() -> ServerAddress.parse("a:b"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ServerAddress.parse("a:0"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ServerAddress.parse("a:1:0"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ServerAddress.parse(":1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ServerAddress.parse("[::1"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ServerAddress.parseList(" , "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void printsWhatItParses() {
    for (String text : new String[] {"a:1", "b:2:5", "[::1]:11211"}) {
      assertThat(ServerAddress.parse(text)).hasToString(text);
    }
  }
}

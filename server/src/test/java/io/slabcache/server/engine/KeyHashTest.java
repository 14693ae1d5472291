package io.slabcache.server.engine;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeyHashTest {

  /** Reference values of MurmurHash3 x86_32 with seed 0. */
  @Test
  void matchesMurmur3ReferenceValues() {
    assertThat(KeyHash.hash(new byte[0])).isEqualTo(0);
    assertThat(KeyHash.hash("a".getBytes(US_ASCII))).isEqualTo(0x3c2569b2);
    assertThat(KeyHash.hash("abc".getBytes(US_ASCII))).isEqualTo(0xb3dd93fa);
    assertThat(KeyHash.hash("Hello, world!".getBytes(US_ASCII))).isEqualTo(0xc0363e43);
    assertThat(KeyHash.hash("The quick brown fox jumps over the lazy dog".getBytes(US_ASCII)))
        .isEqualTo(0x2e4ff723);
  }

  /** Keys stored in a page hash as the same bytes in an array, whatever their length. */
  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void hashesBytesInPlaceAsTheArrayWouldHash(boolean littleEndian) {
    ByteBuffer page =
        ByteBuffer.allocateDirect(512)
            .order(littleEndian ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
    Random random = new Random(7);
    for (int length = 0; length <= 250; length++) {
      byte[] key = new byte[length];
      random.nextBytes(key);
      int offset = 3 + length % 5;
      page.put(offset, key);
      assertThat(KeyHash.hash(page, offset, length))
          .as("length %d", length)
          .isEqualTo(KeyHash.hash(key));
    }
  }
}

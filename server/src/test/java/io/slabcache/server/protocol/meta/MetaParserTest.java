package io.slabcache.server.protocol.meta;

import static org.assertj.core.api.Assertions.assertThat;

import io.slabcache.server.engine.ReadOptions;
import io.slabcache.server.protocol.LineTokens;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Meta command lines parse once into flags, with memcached's refusals. */
class MetaParserTest {

  private static MetaParse parse(String line) {
    return MetaParser.parse(LineTokens.split(line.getBytes(StandardCharsets.ISO_8859_1)));
  }

  @Test
  void flagsAndTheirTokens() {
    MetaParse parse = parse("mg key v c f T30 N60 R10 Oabc k q u");
    MetaFlags flags = parse.request().flags();
    assertThat(parse.error()).isNull();
    assertThat(new String(parse.request().key(), StandardCharsets.US_ASCII)).isEqualTo("key");
    assertThat(flags.value).isTrue();
    assertThat(flags.noReply).isTrue();
    assertThat(flags.noBump).isTrue();
    assertThat(flags.ttl).isEqualTo(30);
    assertThat(flags.vivify).isEqualTo(60);
    assertThat(flags.recache).isEqualTo(10);
    assertThat(new String(flags.opaque, StandardCharsets.US_ASCII)).isEqualTo("Oabc");
    assertThat(flags.order).isEqualTo("vcfTNROkqu");
  }

  @Test
  void absentNumbersKeepTheirDefaults() {
    MetaFlags flags = parse("ma key").request().flags();
    assertThat(flags.delta).isEqualTo(1);
    assertThat(flags.initial).isZero();
    assertThat(flags.ttl).isEqualTo(ReadOptions.UNCHANGED);
    assertThat(flags.vivify).isEqualTo(ReadOptions.UNCHANGED);
    assertThat(flags.hasCompareCas).isFalse();
  }

  @Test
  void setNeedsItsDataLengthAndSkipsTheBlockOnError() {
    MetaParse ok = parse("ms key 5 F7 C99 E100 I MA N10");
    assertThat(ok.dataLength()).isEqualTo(5);
    MetaFlags flags = ok.request().flags();
    assertThat(flags.clientFlags).isEqualTo(7);
    assertThat(flags.compareCas).isEqualTo(99);
    assertThat(flags.newCas).isEqualTo(100);
    assertThat(flags.invalidate).isTrue();
    assertThat(flags.mode).isEqualTo('A');
    MetaParse duplicate = parse("ms key 5 T1 T2");
    assertThat(duplicate.error()).isEqualTo("CLIENT_ERROR duplicate flag");
    assertThat(duplicate.dataLength()).isEqualTo(5);
    assertThat(parse("ms key x").error()).isEqualTo("CLIENT_ERROR bad command line format");
    assertThat(parse("ms key x").dataLength()).isEqualTo(-1);
    assertThat(parse("ms key -1").error()).isEqualTo("CLIENT_ERROR bad command line format");
  }

  @Test
  void refusals() {
    assertThat(parse("mg key v v").error()).isEqualTo("CLIENT_ERROR duplicate flag");
    assertThat(parse("mg key %").error()).isEqualTo("CLIENT_ERROR invalid flag");
    assertThat(parse("mg key T").error())
        .isEqualTo("CLIENT_ERROR bad token in command line format");
    assertThat(parse("mg key C-1").error())
        .isEqualTo("CLIENT_ERROR bad token in command line format");
    assertThat(parse("mg key F99999999999").error())
        .isEqualTo("CLIENT_ERROR bad command line format");
    assertThat(parse("ma key Jx").error()).isEqualTo("CLIENT_ERROR invalid or duplicate flag");
    assertThat(parse("ma key MX").error()).isEqualTo("CLIENT_ERROR invalid mode for ma M token");
    assertThat(parse("ms key 1 MX").error()).isEqualTo("CLIENT_ERROR invalid mode for ms M token");
    assertThat(parse("mg key MSS").error()).isEqualTo("CLIENT_ERROR incorrect length for M token");
    assertThat(parse("mg " + "k".repeat(251)).error())
        .isEqualTo("CLIENT_ERROR bad command line format");
    assertThat(parse("mg").error()).isEqualTo("ERROR");
    assertThat(parse("mx key").error()).isEqualTo("ERROR");
    assertThat(parse("mg k!y b").error()).isEqualTo("CLIENT_ERROR error decoding key");
  }

  @Test
  void base64KeysAreDecodedOnce() {
    MetaParse parse = parse("mg AAEC/w== b k");
    assertThat(parse.request().key()).containsExactly(0, 1, 2, 0xFF);
    assertThat(parse.request().flags().base64Key).isTrue();
    assertThat(parse("me AAEC/w== b").request().key()).containsExactly(0, 1, 2, 0xFF);
  }
}

package io.slabcache.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetaReplyDecoderTest {

  private static final String STREAM =
      "HD O1\r\n"
          + "VA 5 c7 f3 W O2\r\nab\r\nc\r\n"
          + "EN\r\n"
          + "VA 0 c9 Z\r\n\r\n"
          + "CLIENT_ERROR bad command line format\r\n"
          + "SERVER_ERROR object too large for cache\r\n"
          + "ERROR\r\n"
          + "MN\r\n";

  @Test
  void decodesEveryReplyKindWhateverTheSplit() {
    byte[] bytes = STREAM.getBytes(StandardCharsets.US_ASCII);
    for (int first = 0; first <= bytes.length; first++) {
      for (int second = first; second <= bytes.length; second += 7) {
        EmbeddedChannel channel = new EmbeddedChannel(new MetaReplyDecoder());
        channel.writeInbound(Unpooled.copiedBuffer(bytes, 0, first));
        channel.writeInbound(Unpooled.copiedBuffer(bytes, first, second - first));
        channel.writeInbound(Unpooled.copiedBuffer(bytes, second, bytes.length - second));
        List<MetaReply> replies = new ArrayList<>();
        MetaReply reply;
        while ((reply = channel.readInbound()) != null) {
          replies.add(reply);
        }
        assertReplies(replies);
        channel.finishAndReleaseAll();
      }
    }
  }

  private static void assertReplies(List<MetaReply> replies) {
    assertThat(replies).hasSize(8);
    assertThat(replies.get(0).code).isEqualTo("HD");
    assertThat(replies.get(0).token('O')).isEqualTo("1");
    MetaReply value = replies.get(1);
    assertThat(value.code).isEqualTo("VA");
    assertThat(new String(value.value, StandardCharsets.US_ASCII)).isEqualTo("ab\r\nc");
    assertThat(value.number('c')).isEqualTo(7);
    assertThat(value.number('f')).isEqualTo(3);
    assertThat(value.has('W')).isTrue();
    assertThat(value.has('Z')).isFalse();
    assertThat(replies.get(2).code).isEqualTo("EN");
    assertThat(replies.get(3).value).isEmpty();
    assertThat(replies.get(3).has('Z')).isTrue();
    assertThat(replies.get(4).isError()).isTrue();
    assertThat(replies.get(4).code).isEqualTo(MetaReply.CLIENT_ERROR);
    assertThat(replies.get(4).message).isEqualTo("bad command line format");
    assertThat(replies.get(5).code).isEqualTo(MetaReply.SERVER_ERROR);
    assertThat(replies.get(6).code).isEqualTo(MetaReply.ERROR);
    assertThat(replies.get(6).isError()).isTrue();
    assertThat(replies.get(7).code).isEqualTo("MN");
  }

  @Test
  void refusesWhatNoMemcachedSends() {
    EmbeddedChannel garbage = new EmbeddedChannel(new MetaReplyDecoder());
    assertThatThrownBy(
            () ->
                garbage.writeInbound(
                    Unpooled.copiedBuffer("STORED\r\n", StandardCharsets.US_ASCII)))
        .isInstanceOf(DecoderException.class);
    EmbeddedChannel badBlock = new EmbeddedChannel(new MetaReplyDecoder());
    assertThatThrownBy(
            () ->
                badBlock.writeInbound(
                    Unpooled.copiedBuffer("VA 2\r\nabcd\r\n", StandardCharsets.US_ASCII)))
        .isInstanceOf(DecoderException.class);
    EmbeddedChannel endless = new EmbeddedChannel(new MetaReplyDecoder());
    assertThatThrownBy(() -> endless.writeInbound(Unpooled.wrappedBuffer(new byte[10_000])))
        .isInstanceOf(DecoderException.class);
  }
}

package io.slabcache.server.protocol.text;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.slabcache.server.protocol.RequestBudget;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The text decoder gives the same commands however the bytes are split into reads. */
class TextDecoderTest {

  private static final String PIPELINE =
      "set a 1 2 3\r\nabc\r\n"
          + "get a b c\r\n"
          + "gat 10 a\r\n"
          + "cas a 0 0 2 99 noreply\r\nxy\r\n"
          + "ms k 2 T5 F3 c\r\nhi\r\n"
          + "mg k v t\r\n"
          + "incr n 5\r\n"
          + "delete a noreply\r\n"
          + "touch a 10\r\n"
          + "bogus\r\n"
          + "set b 0 0 2\r\nabcd\r\n"
          + "stats items\n"
          + "set big 0 0 5000\r\n"
          + "x".repeat(5000)
          + "\r\n"
          + "mn\r\n";

  private static List<String> decode(byte[] input, int... cuts) {
    EmbeddedChannel channel = new EmbeddedChannel(new TextDecoder(1024, RequestBudget.UNLIMITED));
    int from = 0;
    for (int cut : cuts) {
      channel.writeInbound(Unpooled.wrappedBuffer(input, from, cut - from));
      from = cut;
    }
    channel.writeInbound(Unpooled.wrappedBuffer(input, from, input.length - from));
    List<String> commands = new ArrayList<>();
    Object message;
    while ((message = channel.readInbound()) != null) {
      commands.add(describe(message));
    }
    channel.finishAndReleaseAll();
    return commands;
  }

  private static String describe(Object command) {
    if (command instanceof TextCommand.Store) {
      TextCommand.Store store = (TextCommand.Store) command;
      return "Store "
          + store.mode()
          + " "
          + new String(store.key(), StandardCharsets.US_ASCII)
          + " "
          + store.flags()
          + " "
          + store.exptime()
          + " "
          + store.cas()
          + " "
          + new String(store.value(), StandardCharsets.US_ASCII)
          + " "
          + store.noreply();
    }
    if (command instanceof TextCommand.Retrieve) {
      TextCommand.Retrieve retrieve = (TextCommand.Retrieve) command;
      List<String> keys = new ArrayList<>();
      retrieve.keys().forEach(k -> keys.add(new String(k, StandardCharsets.US_ASCII)));
      return "Retrieve " + retrieve.touch() + " " + retrieve.exptime() + " " + keys;
    }
    if (command instanceof TextCommand.Meta) {
      TextCommand.Meta meta = (TextCommand.Meta) command;
      byte[] value = meta.request().value();
      return "Meta "
          + meta.request().command()
          + " "
          + (meta.request().key() == null ? "" : new String(meta.request().key()))
          + (value == null ? "" : " " + new String(value, StandardCharsets.US_ASCII));
    }
    if (command instanceof TextCommand.Arithmetic
        || command instanceof TextCommand.Delete
        || command instanceof TextCommand.Touch
        || command instanceof TextCommand.TooLarge) {
      return command.getClass().getSimpleName();
    }
    return command.toString();
  }

  @Test
  void aPipelineIsServedInTurnsOfTheRequestBudgetCountedAsMemcachedCountsThem() {
    AtomicInteger yields = new AtomicInteger();
    EmbeddedChannel channel =
        new EmbeddedChannel(new TextDecoder(1024, new RequestBudget(5, yields::incrementAndGet)));
    channel.pipeline().fireChannelRead(Unpooled.copiedBuffer("mn\r\n".repeat(100), UTF_8));
    // the read's turn: memcached serves one request before it starts spending the budget
    assertThat(drain(channel)).isEqualTo(6);
    assertThat(yields).hasValue(1);
    assertThat(channel.config().isAutoRead()).as("not read while its requests wait").isFalse();

    channel.runPendingTasks();
    assertThat(drain(channel)).isEqualTo(94);
    // 18 more turns of 5, then 4 requests that leave the turn unfinished
    assertThat(yields).hasValue(19);
    assertThat(channel.config().isAutoRead()).isTrue();
    channel.finishAndReleaseAll();
  }

  @Test
  void aTurnThatUsesUpItsBudgetCountsAYieldEvenWithNothingLeft() {
    AtomicInteger yields = new AtomicInteger();
    EmbeddedChannel channel =
        new EmbeddedChannel(new TextDecoder(1024, new RequestBudget(5, yields::incrementAndGet)));
    channel.writeInbound(Unpooled.copiedBuffer("mn\r\n".repeat(5), UTF_8));
    assertThat(yields).hasValue(0);
    channel.writeInbound(Unpooled.copiedBuffer("mn\r\n".repeat(6), UTF_8));
    assertThat(yields).hasValue(1);
    assertThat(drain(channel)).isEqualTo(11);
    assertThat(channel.config().isAutoRead()).isTrue();
    channel.finishAndReleaseAll();
  }

  private static int drain(EmbeddedChannel channel) {
    int commands = 0;
    while (channel.readInbound() != null) {
      commands++;
    }
    return commands;
  }

  @Test
  void everySplitOfAPipelineDecodesTheSame() {
    byte[] input = PIPELINE.getBytes(StandardCharsets.US_ASCII);
    List<String> whole = decode(input);
    assertThat(whole)
        .containsExactly(
            "Store SET a 1 2 0 abc false",
            "Retrieve false 0 [a, b, c]",
            "Retrieve true 10 [a]",
            "Store SET a 0 0 99 xy true",
            "Meta s k hi",
            "Meta g k",
            "Arithmetic",
            "Delete",
            "Touch",
            "(refused: ERROR)",
            "(refused: CLIENT_ERROR bad data chunk)",
            "(refused: ERROR)",
            "stats items",
            "TooLarge",
            "Meta n ");
    for (int cut = 1; cut < input.length; cut++) {
      assertThat(decode(input, cut)).as("split at %d", cut).isEqualTo(whole);
    }
    for (int a = 1; a < input.length; a += 7) {
      for (int b = a + 1; b < input.length; b += 13) {
        assertThat(decode(input, a, b)).as("split at %d and %d", a, b).isEqualTo(whole);
      }
    }
  }

  @Test
  void oneByteAtATime() {
    byte[] input = PIPELINE.getBytes(StandardCharsets.US_ASCII);
    int[] cuts = new int[input.length - 1];
    for (int i = 0; i < cuts.length; i++) {
      cuts[i] = i + 1;
    }
    assertThat(decode(input, cuts)).isEqualTo(decode(input));
  }

  @Test
  void aLongLineWithoutEndClosesTheChannelButALongGetIsAccepted() {
    EmbeddedChannel channel = new EmbeddedChannel(new TextDecoder(1024, RequestBudget.UNLIMITED));
    channel.writeInbound(Unpooled.wrappedBuffer(("set " + "x".repeat(3000)).getBytes()));
    assertThat(channel.isOpen()).isFalse();

    EmbeddedChannel get = new EmbeddedChannel(new TextDecoder(1024, RequestBudget.UNLIMITED));
    StringBuilder line = new StringBuilder("get");
    for (int i = 0; i < 1000; i++) {
      line.append(" key").append(i);
    }
    get.writeInbound(Unpooled.wrappedBuffer(line.toString().getBytes()));
    assertThat(get.isOpen()).isTrue();
    get.writeInbound(Unpooled.wrappedBuffer("\r\n".getBytes()));
    TextCommand.Retrieve retrieve = get.readInbound();
    assertThat(retrieve.keys()).hasSize(1000);
    get.finishAndReleaseAll();
  }
}

package io.slabcache.server.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.unix.Errors;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the listening channel does with a failed accept(), on a channel of Netty's own whose clock
 * the test moves. {@link OutOfDescriptorsTest} makes accept() really fail.
 */
class AcceptFailureHandlerTest {

  private final AtomicLong nanos = new AtomicLong();
  private final ListenState listen = new ListenState(nanos::get);
  private EmbeddedChannel listening;

  @BeforeEach
  void listen() {
    listening = new EmbeddedChannel(new AcceptFailureHandler(listen, () -> 0));
    listening.freezeTime();
  }

  @Test
  void outOfDescriptorsListeningStopsUntilAConnectionHasClosed() {
    listening.pipeline().fireExceptionCaught(new IOException("Too many open files"));
    assertThat(listening.config().isAutoRead()).isFalse();
    assertThat(listen.accepting()).isFalse();
    assertThat(listen.disabledCount()).isEqualTo(1);

    elapse(50);
    assertThat(listen.accepting()).isFalse();

    listen.connectionClosed();
    elapse(9);
    assertThat(listen.accepting()).isFalse();
    elapse(1);
    assertThat(listen.accepting()).isTrue();
    assertThat(listening.config().isAutoRead()).isTrue();
    assertThat(listen.disabledCount()).isEqualTo(1);
    assertThat(listen.disabledMicros()).isEqualTo(60_000);
    listening.checkException();
  }

  @Test
  void theNativeTransportsWordingOfOutOfDescriptorsStopsListeningToo() {
    listening
        .pipeline()
        .fireExceptionCaught(
            new Errors.NativeIoException("accept(..) failed: Too many open files", -24));
    assertThat(listening.config().isAutoRead()).isFalse();
    assertThat(listen.accepting()).isFalse();
    assertThat(listen.disabledCount()).isEqualTo(1);
  }

  @Test
  void aConnectionClosedBeforeListeningStoppedDoesNotResumeIt() {
    listen.connectionClosed();
    listening.pipeline().fireExceptionCaught(new IOException("Too many open files"));
    elapse(100);
    assertThat(listen.accepting()).isFalse();
    assertThat(listening.config().isAutoRead()).isFalse();
  }

  @Test
  void otherAcceptFailuresAreReportedAndAcceptingGoesOn() {
    listening.pipeline().fireExceptionCaught(new IOException("Too many open files in system"));
    listening.pipeline().fireExceptionCaught(new IOException("Software caused connection abort"));
    assertThat(listening.config().isAutoRead()).isTrue();
    assertThat(listen.accepting()).isTrue();
    assertThat(listen.disabledCount()).isZero();
    // nothing reached the end of the pipeline, where Netty's acceptor would pause for a second
    listening.checkException();
    assertThat(listening.runScheduledPendingTasks()).isEqualTo(-1);
  }

  @Test
  void whatIsNotAFailedAcceptGoesOnDownThePipeline() {
    IllegalStateException bug = new IllegalStateException("bug");
    listening.pipeline().fireExceptionCaught(bug);
    assertThatThrownBy(listening::checkException).isSameAs(bug);
    assertThat(listen.accepting()).isTrue();
  }

  /** Moves the channel's clock and the stats' clock on together, running what falls due. */
  private void elapse(long millis) {
    nanos.addAndGet(TimeUnit.MILLISECONDS.toNanos(millis));
    listening.advanceTimeBy(millis, TimeUnit.MILLISECONDS);
    listening.runScheduledPendingTasks();
  }
}

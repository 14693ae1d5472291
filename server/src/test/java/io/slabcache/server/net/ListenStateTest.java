package io.slabcache.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** memcached's accepting_conns, listen_disabled_num and time_in_listen_disabled_us. */
class ListenStateTest {

  private final AtomicLong nanos = new AtomicLong();
  private final ListenState listen = new ListenState(nanos::get);

  @Test
  void theTimeWithoutListeningCountsWhenListeningResumes() {
    assertThat(listen.stop()).isTrue();
    assertThat(listen.stop()).isFalse();
    nanos.addAndGet(2_000_000);
    assertThat(listen.disabledMicros()).isZero();
    listen.resume();
    assertThat(listen.disabledMicros()).isEqualTo(2_000);
    assertThat(listen.disabledCount()).isEqualTo(1);
    assertThat(listen.accepting()).isTrue();
  }

  @Test
  void statsResetZeroesTheCountsButNotWhetherTheServerListens() {
    listen.stop();
    listen.resume();
    listen.stop();
    nanos.addAndGet(5_000_000);
    listen.resetCounts();
    assertThat(listen.disabledCount()).isZero();
    assertThat(listen.disabledMicros()).isZero();
    assertThat(listen.accepting()).isFalse();

    nanos.addAndGet(3_000_000);
    listen.resume();
    // only the time since the reset
    assertThat(listen.disabledMicros()).isEqualTo(3_000);
    assertThat(listen.disabledCount()).isZero();
  }
}

package io.metallb.speaker.layer2;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.net.IpAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GratuitousScheduleTest {
  private static final Instant T0 = Instant.parse("2026-11-27T12:00:00Z");
  private static final IpAddress IP = IpAddress.of("198.51.100.200");

  @Test
  void oneQueueingAnnouncesFiveRoundsOverFiveSeconds() {
    GratuitousSchedule schedule = new GratuitousSchedule();
    GratuitousSchedule.Queued queued = schedule.queue(IP, T0);
    assertThat(queued.announceNow()).isTrue();
    assertThat(queued.startTicker()).isTrue();

    List<Long> rounds = new ArrayList<>(List.of(0L));
    for (long t = GratuitousSchedule.TICK_MILLIS; !schedule.isIdle(); t += GratuitousSchedule.TICK_MILLIS) {
      if (!schedule.tick(T0.plusMillis(t)).isEmpty()) {
        rounds.add(t);
      }
    }
    assertThat(rounds).containsExactly(0L, 1100L, 2200L, 3300L, 4400L);
  }

  @Test
  void requeueingWhilePendingExtendsTheWindowWithoutAnExtraImmediateRound() {
    GratuitousSchedule schedule = new GratuitousSchedule();
    schedule.queue(IP, T0);
    GratuitousSchedule.Queued again = schedule.queue(IP, T0.plusMillis(4000));
    assertThat(again.announceNow()).isFalse();
    assertThat(again.startTicker()).isFalse();
    assertThat(schedule.tick(T0.plusMillis(8800))).containsExactly(IP);
    assertThat(schedule.tick(T0.plusMillis(9900))).isEmpty();
    assertThat(schedule.isIdle()).isTrue();
  }

  @Test
  void eachAddressKeepsItsOwnWindow() {
    GratuitousSchedule schedule = new GratuitousSchedule();
    IpAddress other = IpAddress.of("2001:db8:100::200");
    schedule.queue(IP, T0);
    assertThat(schedule.queue(other, T0.plus(Duration.ofSeconds(3))).startTicker()).isFalse();
    assertThat(schedule.tick(T0.plusMillis(5500))).containsExactly(other);
  }
}

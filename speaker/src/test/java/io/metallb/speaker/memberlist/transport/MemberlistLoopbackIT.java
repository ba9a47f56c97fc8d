package io.metallb.speaker.memberlist.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.lab.process.Await;
import io.metallb.speaker.memberlist.Memberlist;
import io.metallb.speaker.memberlist.core.Member;
import io.metallb.speaker.memberlist.core.MemberlistConfig;
import io.metallb.speaker.memberlist.wire.DropReason;
import io.metallb.speaker.memberlist.wire.Keyring;
import io.metallb.speaker.memberlist.wire.MemberState;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real Netty sockets on 127.0.0.1, encrypted, fast profile (so the test takes seconds). */
class MemberlistLoopbackIT {
  private static final byte[] KEY = Keyring.metallbKey("loopback-secret");
  private final List<Memberlist> started = new ArrayList<>();

  @AfterEach
  void closeAll() {
    started.forEach(Memberlist::close);
  }

  private Memberlist start(String name, byte[] key) {
    Memberlist.Options options = Memberlist.Options.lan(name,
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).withConfig(MemberlistConfig.fast()).withKey(key);
    Memberlist list = Memberlist.start(options, null);
    started.add(list);
    return list;
  }

  private static Set<String> usable(Memberlist list) {
    return list.members().stream().filter(Member::usable).map(Member::name).collect(Collectors.toSet());
  }

  @Test
  void threeMembersConvergeDetectADeathAndSeeALeave() {
    Memberlist a = start("a", KEY);
    Memberlist b = start("b", KEY);
    Memberlist c = start("c", KEY);
    assertThat(b.join(List.of(a.localAddress())).join()).isEqualTo(1);
    assertThat(c.join(List.of(b.localAddress())).join()).isEqualTo(1);
    Await.until("convergence", Duration.ofSeconds(5), () -> usable(a).equals(Set.of("a", "b", "c"))
        && usable(c).equals(Set.of("a", "b", "c")));
    assertThat(a.usableSpeakers().names()).contains(Set.of("a", "b", "c"));

    c.close();
    Await.until("c declared dead", Duration.ofSeconds(5), () -> usable(a).equals(Set.of("a", "b")));
    assertThat(a.members()).filteredOn(m -> m.name().equals("c")).extracting(Member::state)
        .containsExactly(MemberState.DEAD);
    assertThat(a.usableSpeakers().isUsable("c")).isFalse();

    assertThat(b.leave(Duration.ofSeconds(2)).join()).isTrue();
    b.close();
    Await.until("b seen left", Duration.ofSeconds(2), () -> usable(a).equals(Set.of("a")));
    assertThat(a.members()).filteredOn(m -> m.name().equals("b")).extracting(Member::state)
        .containsExactly(MemberState.LEFT);
  }

  @Test
  void aMemberWithAnotherKeyCannotJoinAndItsTrafficIsCounted() {
    Memberlist a = start("a", KEY);
    Memberlist stranger = start("stranger", Keyring.metallbKey("another-secret"));
    assertThat(stranger.join(List.of(a.localAddress()))).failsWithin(Duration.ofSeconds(5));
    Await.until("decrypt failures counted", Duration.ofSeconds(2),
        () -> a.dropCounts().getOrDefault(DropReason.DECRYPT_FAILED, 0L) > 0);
    assertThat(usable(a)).containsExactly("a");
    assertThat(usable(stranger)).containsExactly("stranger");
  }
}

package io.metallb.speaker.bgp.fsm;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.net.IpAddress;
import io.metallb.speaker.bgp.RouterIds;
import io.metallb.speaker.bgp.message.BgpError;
import io.metallb.speaker.bgp.message.Capability;
import io.metallb.speaker.bgp.message.Family;
import io.metallb.speaker.bgp.message.Keepalive;
import io.metallb.speaker.bgp.message.Open;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A failed BFD session tears the BGP session down with Cease/BFD Down (RFC 9384) and redials after the backoff. */
class BfdDownFsmTest {
  private static final IpAddress LOCAL = IpAddress.of("198.51.100.11");
  private static final long LOCAL_ID = RouterIds.toLong(LOCAL);

  private static SessionFsm fsm() {
    return new SessionFsm(new SessionSettings(64512, 64500, "", Duration.ofSeconds(90), Optional.empty(), Optional.empty(),
        EnumSet.allOf(Family.class), Optional.empty()));
  }

  private static SessionFsm established() {
    SessionFsm fsm = fsm();
    fsm.handle(new Event.Start());
    fsm.handle(new Event.TcpConnected(LOCAL, LOCAL_ID));
    fsm.handle(new Event.Received(new Open(4, 64500, 90, RouterIds.toLong(IpAddress.of("198.51.100.1")),
        List.of(Capability.Multiprotocol.of(Family.IPV4_UNICAST), new Capability.FourOctetAs(64500)))));
    fsm.handle(new Event.Received(Keepalive.INSTANCE));
    assertThat(fsm.state()).isEqualTo(State.ESTABLISHED);
    return fsm;
  }

  @Test
  void establishedSessionSendsCeaseBfdDownAndRetriesAfterOneSecond() {
    SessionFsm fsm = established();
    assertThat(fsm.handle(new Event.BfdDown())).containsExactly(new Action.Send(BgpError.CEASE_BFD_DOWN.notification()),
        new Action.Disconnect(), new Action.CancelTimer(Timer.HOLD), new Action.CancelTimer(Timer.KEEPALIVE),
        new Action.ArmTimer(Timer.CONNECT_RETRY, Duration.ofSeconds(1)), new Action.Down("BFD down", true));
    assertThat(fsm.state()).isEqualTo(State.ACTIVE);
    assertThat(BgpError.CEASE_BFD_DOWN.code()).isEqualTo(6);
    assertThat(BgpError.CEASE_BFD_DOWN.subcode()).isEqualTo(10);
  }

  @Test
  void withoutAConnectionThereIsNothingToTearDown() {
    SessionFsm fsm = fsm();
    assertThat(fsm.handle(new Event.BfdDown())).isEmpty();
    fsm.handle(new Event.Start());
    assertThat(fsm.handle(new Event.BfdDown())).as("still dialling").isEmpty();
    assertThat(fsm.state()).isEqualTo(State.CONNECT);
  }
}

package io.metallb.speaker.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class JoinPlanTest {
  @Test
  void joinsPodsThatAreNotMembersAtTheMemberlistPort() throws Exception {
    List<InetSocketAddress> plan = JoinPlan.toJoin(
        List.of("198.51.100.13", "198.51.100.11", "", "not-an-ip", "198.51.100.12", "198.51.100.11", "2001:db8::12"),
        List.of(InetAddress.getByName("198.51.100.11")), 7946);
    assertThat(plan).containsExactly(
        new InetSocketAddress("198.51.100.12", 7946), new InetSocketAddress("198.51.100.13", 7946), new InetSocketAddress("2001:db8::12", 7946));
  }
}

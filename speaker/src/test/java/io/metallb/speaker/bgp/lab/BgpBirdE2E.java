package io.metallb.speaker.bgp.lab;

import io.metallb.lab.LabPreconditions.Tool;
import io.metallb.lab.bgp.BirdDaemon;
import io.metallb.lab.junit.LabExtension;
import io.metallb.lab.net.TopologySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Our speaker against BIRD 2.0 in the lab ({@link RouterScenarios}). */
class BgpBirdE2E {
  @RegisterExtension
  static final LabExtension LAB = LabExtension.of(TopologySpec.dualStack(2), Tool.BIRD, Tool.BIRDC);

  @Test
  void ebgpSessionsOverIpv4AndIpv6CarryCommunitiesAndLargeCommunities() {
    RouterScenarios.serviceRoutesArriveWithTheirAttributes(LAB.lab(), BirdDaemon::start, false);
  }

  @Test
  void ibgpCarriesLocalPref() {
    RouterScenarios.serviceRoutesArriveWithTheirAttributes(LAB.lab(), BirdDaemon::start, true);
  }

  @Test
  void rightMd5PasswordWorksAndAWrongOneDoesNot() {
    RouterScenarios.rightMd5PasswordWorksAndAWrongOneDoesNot(LAB.lab(), BirdDaemon::start);
  }

  @Test
  void frozenRouterEndsTheSessionByHoldTimerAndItComesBackAfterThaw() {
    RouterScenarios.frozenRouterEndsTheSessionByHoldTimerAndItComesBack(LAB.lab(), BirdDaemon::start, "bird-rtr");
  }

  @Test
  void gracefulRestartKeepsRoutesWhileTheSpeakerRestarts() {
    RouterScenarios.gracefulRestartKeepsRoutesWhileTheSpeakerRestarts(LAB.lab(), BirdDaemon::start, router -> { });
  }
}

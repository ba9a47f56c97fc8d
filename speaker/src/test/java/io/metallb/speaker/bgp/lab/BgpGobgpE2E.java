package io.metallb.speaker.bgp.lab;

import io.metallb.lab.LabPreconditions.Tool;
import io.metallb.lab.bgp.GobgpDaemon;
import io.metallb.lab.junit.LabExtension;
import io.metallb.lab.net.TopologySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Our speaker against GoBGP 3.10 in the lab ({@link RouterScenarios}). */
class BgpGobgpE2E {
  @RegisterExtension
  static final LabExtension LAB = LabExtension.of(TopologySpec.dualStack(2), Tool.GOBGPD, Tool.GOBGP);

  @Test
  void ebgpSessionsOverIpv4AndIpv6CarryCommunitiesAndLargeCommunities() {
    RouterScenarios.serviceRoutesArriveWithTheirAttributes(LAB.lab(), GobgpDaemon::start, false);
  }

  @Test
  void ibgpCarriesLocalPref() {
    RouterScenarios.serviceRoutesArriveWithTheirAttributes(LAB.lab(), GobgpDaemon::start, true);
  }

  @Test
  void rightMd5PasswordWorksAndAWrongOneDoesNot() {
    RouterScenarios.rightMd5PasswordWorksAndAWrongOneDoesNot(LAB.lab(), GobgpDaemon::start);
  }

  @Test
  void frozenRouterEndsTheSessionByHoldTimerAndItComesBackAfterThaw() {
    RouterScenarios.frozenRouterEndsTheSessionByHoldTimerAndItComesBack(LAB.lab(), GobgpDaemon::start, "gobgpd-rtr");
  }
}

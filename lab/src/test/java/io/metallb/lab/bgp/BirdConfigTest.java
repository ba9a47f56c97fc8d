package io.metallb.lab.bgp;

import io.metallb.lab.Golden;
import org.junit.jupiter.api.Test;

class BirdConfigTest {
  @Test
  void rendersRouter() {
    Golden.assertMatches("bgp/golden/bird-router.conf", BirdConfig.render(RouterConfigs.router()));
  }

  @Test
  void rendersIbgpSpeakerWithDirectNextHopSelfAndAnnounceFilter() {
    Golden.assertMatches("bgp/golden/bird-speaker.conf", BirdConfig.render(RouterConfigs.ibgpSpeaker()));
  }
}

package io.metallb.lab.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.lab.Golden;
import java.util.List;
import org.junit.jupiter.api.Test;

class GobgpConfigTest {
  @Test
  void rendersRouter() {
    Golden.assertMatches("bgp/golden/gobgpd-router.toml", GobgpConfig.render(RouterConfigs.router()));
  }

  @Test
  void rendersAnnouncementsAsCliCommands() {
    assertThat(GobgpConfig.announceCommands(RouterConfigs.ibgpSpeaker())).containsExactly(
        List.of("global", "rib", "-a", "ipv4", "add", "198.51.100.10/32", "community", "64512:100",
            "large-community", "64512:1:100", "local-pref", "200"),
        List.of("global", "rib", "-a", "ipv6", "add", "2001:db8:100::10/128", "community",
            "64512:100,64512:200"));
  }
}

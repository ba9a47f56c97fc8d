package io.metallb.speaker.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.config.Config;
import io.metallb.net.IpAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServicePipelineTest {
  @Test
  void refusalRuleNamesTheAnnouncedServicesNoPoolHolds() {
    Config config = BgpServicePlannerTest.config(); // pool lab: 198.51.100.0/24
    Map<String, List<IpAddress>> announced = Map.of(
        "default/in", List.of(IpAddress.of("198.51.100.7")),
        "default/out", List.of(IpAddress.of("203.0.113.7")),
        "default/half", List.of(IpAddress.of("198.51.100.8"), IpAddress.of("2001:db8::8")),
        "a/out", List.of(IpAddress.of("192.0.2.1")));
    assertThat(ServicePipeline.servicesOutsideEveryPool(config, announced)).containsExactly("a/out", "default/half", "default/out");
    assertThat(ServicePipeline.servicesOutsideEveryPool(config, Map.of("default/in", List.of(IpAddress.of("198.51.100.7"))))).isEmpty();
  }
}

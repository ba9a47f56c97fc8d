package io.metallb.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.event.KeyValuePair;

class GoKitJsonLayoutTest {
  @Test
  void linesLookLikeMetalLbs() {
    LoggerContext context = new LoggerContext();
    LoggingEvent event = new LoggingEvent("x", context.getLogger("io.metallb.controller.k8s.ControllerRuntime"), Level.ERROR, "failed to parse the \"configuration\"", null, null);
    event.setTimeStamp(1_700_000_000_123L);
    event.setKeyValuePairs(List.of(new KeyValuePair("op", "setConfig"), new KeyValuePair("error", "line1\nline2")));
    assertThat(new GoKitJsonLayout().doLayout(event)).isEqualTo(
        "{\"caller\":\"ControllerRuntime\",\"error\":\"line1\\nline2\",\"level\":\"error\",\"msg\":\"failed to parse the \\\"configuration\\\"\",\"op\":\"setConfig\",\"ts\":\"2023-11-14T22:13:20.123000000Z\"}\n");
  }
}

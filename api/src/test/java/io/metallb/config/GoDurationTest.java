package io.metallb.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {
  @ParameterizedTest
  @CsvSource({
    "90s, 1m30s", "120s, 2m0s", "0, 0s", "0s, 0s", "1.5s, 1.5s", "300ms, 300ms", "1h, 1h0m0s",
    "1h2m3.5s, 1h2m3.5s", "2500ms, 2.5s", "1us, 1µs", "15ns, 15ns", "-1s, -1s", "3.333333333s, 3.333333333s", ".5s, 500ms"
  })
  void parsesAndPrintsLikeGo(String text, String printed) {
    assertThat(GoDuration.parse(text)).map(GoDuration::format).hasValue(printed);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "1", "s", "1x", "1.s.", "--1s", "1s2", "9999999999h"})
  void rejectsWhatGoRejects(String text) {
    assertThat(GoDuration.parse(text)).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({"2.9s, 2", "500ms, 0", "3s, 3"})
  void truncatesToWholeSeconds(String text, long seconds) {
    Duration d = GoDuration.parse(text).orElseThrow();
    assertThat(GoDuration.wholeSeconds(d)).isEqualTo(seconds);
  }
}

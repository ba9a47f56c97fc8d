package io.metallb.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.metallb.lab.net.RunId;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RunRecordTest {
  @Test
  void roundTripsThroughText() {
    RunRecord record = new RunRecord(new RunId("mlb0a1b2c"), Path.of("/work/lab-runs/mlb0a1b2c"), 42,
        Instant.parse("2026-01-02T03:04:05.678Z"), true, 3, Optional.of(Path.of("/work/kubeconfig")),
        List.of(new RunRecord.ProcessRef(100, Instant.parse("2026-01-02T03:04:06Z"), "apiserver"),
            new RunRecord.ProcessRef(101, Instant.parse("2026-01-02T03:04:07Z"), "frr-rtr-bgpd")));
    assertThat(RunRecord.fromText(record.toText())).isEqualTo(record);
  }

  @Test
  void runIdsOwnTheirNamesOnly() {
    assertThat(RunId.owner("mlb0a1b2c-n1")).hasValue(new RunId("mlb0a1b2c"));
    assertThat(RunId.owner("mlb0a1b2c-h")).hasValue(new RunId("mlb0a1b2c"));
    assertThat(RunId.owner("eth0")).isEmpty();
    assertThat(RunId.owner("mlbxyz-n1")).isEmpty();
    assertThat(RunId.random().value()).matches("mlb[0-9a-f]{6}");
  }
}

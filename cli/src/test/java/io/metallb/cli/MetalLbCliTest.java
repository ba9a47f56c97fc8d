package io.metallb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What an operator sees from {@code metallb validate} and {@code metallb convert}: output and exit codes. */
class MetalLbCliTest {
  @TempDir Path dir;

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new MetalLbCommand());
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int exit = cli.execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, text);
    return p;
  }

  @Test
  void validConfigurationExitsZeroWithOneLineSummary() {
    Run r = run("validate", "-f", "../examples/native/l2-simple.yaml");
    assertThat(r.exit()).isZero();
    assertThat(r.out().lines()).containsExactly(
        "valid (native): 1 pool (6 CIDRs), 0 BGP peers, 0 BFD profiles, 1 L2 advertisement and 0 BGP advertisements attached to pools");
  }

  @Test
  void directoriesAreReadAsOneSnapshot() {
    assertThat(run("validate", "-f", "../examples/native/bgp-simple.yaml", "../examples/native/l2-simple.yaml").exit()).isZero();
    Run frr = run("validate", "--bgp-type", "frr", "-f", "../examples/frr");
    assertThat(frr.exit()).isZero();
  }

  @Test
  void invalidConfigurationListsEveryErrorAndExitsOne() throws Exception {
    Path f = write("bad.yaml", """
        apiVersion: metallb.io/v1beta1
        kind: IPAddressPool
        metadata: {name: a}
        spec: {addresses: [198.51.100.0/24]}
        ---
        apiVersion: metallb.io/v1beta1
        kind: IPAddressPool
        metadata: {name: b}
        spec: {addresses: [198.51.100.128/25]}
        ---
        apiVersion: metallb.io/v1beta2
        kind: BGPPeer
        metadata: {name: p}
        spec: {myASN: 64500, peerASN: 64501, peerAddress: 192.0.2.1, keepaliveTime: 10s}
        """);
    Run r = run("validate", "-f", f.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out().lines()).containsExactly(
        "BGPPeer/p: peer 192.0.2.1 has keepalive-time set on native bgp mode",
        "IPAddressPool/b: CIDR \"198.51.100.128/25\" in pool \"b\" overlaps with already defined CIDR \"198.51.100.0/24\"");
    assertThat(run("validate", "--bgp-type", "frr", "-f", f.toString()).out().lines()).containsExactly(
        "IPAddressPool/b: CIDR \"198.51.100.128/25\" in pool \"b\" overlaps with already defined CIDR \"198.51.100.0/24\"");
  }

  @Test
  void schemaViolationsAreRefusedLikeTheApiServerDoes() throws Exception {
    Path f = write("schema.yaml", """
        apiVersion: metallb.io/v1beta2
        kind: BGPPeer
        metadata: {name: p}
        spec: {myASN: 64500, peerASN: 64501, peerAddress: 192.0.2.1, peerPort: 20000, connectTime: 0.5s}
        """);
    Run r = run("validate", "--bgp-type", "frr", "-f", f.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains(
        "BGPPeer/p: spec.peerPort: Invalid value: 20000: spec.peerPort in body should be less than or equal to 16384",
        "BGPPeer/p: spec.connectTime: Invalid value: \"string\": connect time should be between 1 seconds to 65535");
  }

  @Test
  void unreadableYamlNamesTheFileAndLineAndExitsTwo() throws Exception {
    Path f = write("broken.yaml", "apiVersion: v1\nkind: Node\nmetadata:\n  name: [unclosed\n");
    Run r = run("validate", "-f", f.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains(f + ":");
    assertThat(run("validate", "-f", dir.resolve("nope.yaml").toString()).exit()).isEqualTo(2);
  }

  @Test
  void namesFollowTheApiServersRulesAndDuplicatesReachTheParser() throws Exception {
    Path f = write("names.yaml", """
        apiVersion: metallb.io/v1beta1
        kind: IPAddressPool
        metadata: {name: Bad_Name}
        spec: {addresses: [192.0.2.0/24]}
        """);
    Run bad = run("validate", "-f", f.toString());
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.out()).startsWith("IPAddressPool/Bad_Name: metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain");
    Path twice = write("twice.yaml", """
        apiVersion: metallb.io/v1beta1
        kind: IPAddressPool
        metadata: {name: a}
        spec: {addresses: [192.0.2.0/24]}
        ---
        apiVersion: metallb.io/v1beta1
        kind: IPAddressPool
        metadata: {name: a}
        spec: {addresses: [192.0.2.0/25]}
        """);
    Run r = run("validate", "-f", twice.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.out()).contains("IPAddressPool/a: duplicate definition of pool \"a\"");
    assertThat(r.err()).contains("IPAddressPool/a appears more than once; a cluster would keep only the last one");
  }

  @Test
  void noneModeRunsTheParseChecksAlone() throws Exception {
    Path f = write("bfd.yaml", """
        apiVersion: metallb.io/v1beta1
        kind: BFDProfile
        metadata: {name: b}
        spec: {receiveInterval: 100}
        """);
    assertThat(run("validate", "-f", f.toString()).exit()).isEqualTo(1);
    assertThat(run("validate", "--bgp-type", "none", "-f", f.toString()).exit()).isZero();
    assertThat(run("validate", "--bgp-type", "frr-k8s", "-f", f.toString()).exit()).isZero();
  }

  @Test
  void otherKindsAndOtherNamespacesAreIgnored() throws Exception {
    Path f = write("mixed.yaml", """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web}
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: web}
        spec: {type: LoadBalancer}
        ---
        apiVersion: metallb.io/v1beta1
        kind: IPAddressPool
        metadata: {name: elsewhere, namespace: default}
        spec: {addresses: [not-an-address]}
        """);
    Run r = run("validate", "-f", f.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.err()).contains("IPAddressPool/elsewhere is in namespace default, not metallb-system");
  }

  @Test
  void jsonOutputIsTheEffectiveConfiguration() throws Exception {
    Run r = run("validate", "-o", "json", "-f", "../examples/native/bgp-advanced.yaml");
    assertThat(r.exit()).isZero();
    JsonNode json = JsonMapper.builder().build().readTree(r.out());
    assertThat(json.path("valid").asBoolean()).isTrue();
    JsonNode services = json.path("config").path("pools").get(1);
    assertThat(services.path("name").asString()).isEqualTo("services");
    assertThat(services.path("cidrs").toString()).isEqualTo("[\"203.0.113.0/25\"]");
    JsonNode aggregate = services.path("bgpAdvertisements").get(0);
    JsonNode hosts = services.path("bgpAdvertisements").get(1);
    assertThat(aggregate.path("name").asString()).isEqualTo("aggregate");
    assertThat(aggregate.path("aggregationLength").asInt()).isEqualTo(25);
    assertThat(hosts.path("communities").toString()).isEqualTo("[\"64500:100\",\"65535:65282\"]");
    assertThat(hosts.path("localPref").asLong()).isEqualTo(100);
    assertThat(hosts.path("nodes").toString()).isEqualTo("[\"node-a\",\"node-b\"]");
    JsonNode peer = json.path("config").path("peers").get(0);
    assertThat(peer.path("name").asString()).isEqualTo("spine");
    assertThat(peer.path("hasPassword").asBoolean()).isTrue();
    assertThat(peer.path("nodeSelectors").toString()).isEqualTo("[\"rack in (r1,r2)\"]");

    Run bad = run("validate", "-o", "json", "-f", "../examples/frr");
    assertThat(bad.exit()).isEqualTo(1);
    JsonNode errors = JsonMapper.builder().build().readTree(bad.out()).path("errors");
    assertThat(errors.get(0).path("kind").asString()).isEqualTo("BGPPeer");
    assertThat(errors.get(0).path("field").asString()).isEqualTo("spec.dynamicASN");
  }

  @Test
  void planShowsWhatEachServiceWouldGet() throws Exception {
    Run r = run("plan", "-o", "json", "-f", "../examples/plan");
    assertThat(r.exit()).isZero();
    JsonNode services = JsonMapper.builder().build().readTree(r.out()).path("services");
    java.util.Map<String, JsonNode> byName = new java.util.LinkedHashMap<>();
    services.forEach(s -> byName.put(s.path("namespace").asString() + "/" + s.path("name").asString(), s));
    assertThat(byName.keySet()).containsExactly(
        "shop/already-assigned", "shop/frontend", "infra/dns-udp", "infra/dns-tcp", "shop/dual", "shop/pinned", "shop/one-too-many");
    assertThat(byName.get("shop/already-assigned").path("ips").toString()).as("a restarted controller keeps it").isEqualTo("[\"198.51.100.202\"]");
    assertThat(byName.get("shop/already-assigned").path("events").size()).isZero();
    assertThat(byName.get("shop/frontend").path("ips").toString()).isEqualTo("[\"198.51.100.200\"]");
    assertThat(byName.get("shop/frontend").path("pool").asString()).isEqualTo("web");
    assertThat(byName.get("infra/dns-tcp").path("ips")).isEqualTo(byName.get("infra/dns-udp").path("ips"));
    assertThat(byName.get("shop/dual").path("ips").toString()).isEqualTo("[\"198.51.100.203\",\"2001:db8:100::200\"]");
    assertThat(byName.get("shop/pinned").path("pool").asString()).isEqualTo("reserved");
    JsonNode pending = byName.get("shop/one-too-many");
    assertThat(pending.path("ips").size()).isZero();
    assertThat(pending.path("error").asString()).isEqualTo("Failed to allocate IP for \"shop/one-too-many\": no available IPs");
    assertThat(pending.path("events").get(0).path("reason").asString()).isEqualTo("AllocationFailed");
    assertThat(pending.path("events").get(0).path("type").asString()).isEqualTo("Warning");

    Run table = run("plan", "-f", "../examples/plan");
    assertThat(table.out().lines().findFirst().orElseThrow()).startsWith("NAMESPACE").contains("EXTERNAL-IP", "POOL", "STATUS");
    assertThat(table.out()).contains("<pending>");
  }

  @Test
  void planNamesTheLayer2NodeWhenNodesAreGiven() throws Exception {
    Run r = run("plan", "-o", "json", "-f", "../examples/plan-l2");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode services = JsonMapper.builder().build().readTree(r.out()).path("services");
    java.util.Map<String, JsonNode> byName = new java.util.LinkedHashMap<>();
    services.forEach(s -> byName.put(s.path("name").asString(), s));
    String frontendIp = byName.get("frontend").path("ips").get(0).asString();
    String expected = io.metallb.speaker.election.L2Election.winner(java.util.List.of("node-a", "node-b"), frontendIp, java.util.Map.of()).orElseThrow();
    assertThat(byName.get("frontend").path("l2Node").asString()).as("node-c carries the exclude label").isEqualTo(expected);
    assertThat(byName.get("local").path("l2Node").asString()).as("ETP Local: the only usable node with an endpoint").isEqualTo("node-b");

    Run without = run("plan", "-o", "json", "-f", "../examples/plan");
    assertThat(without.out()).as("no Nodes, no l2Node").doesNotContain("l2Node");
  }

  @Test
  void planRefusesAConfigurationTheControllerWouldRefuse() throws Exception {
    Path f = write("bad-pools.yaml", """
        apiVersion: metallb.io/v1beta1
        kind: IPAddressPool
        metadata: {name: a}
        spec: {addresses: [198.51.100.0/24]}
        ---
        apiVersion: metallb.io/v1beta1
        kind: IPAddressPool
        metadata: {name: b}
        spec: {addresses: [198.51.100.0/25]}
        """);
    Run r = run("plan", "-f", f.toString());
    assertThat(r.exit()).isEqualTo(1);
    assertThat(r.err()).contains("IPAddressPool/b: CIDR \"198.51.100.0/25\" in pool \"b\" overlaps with already defined CIDR \"198.51.100.0/24\"");
  }

  @Test
  void convertPrintsResourcesThatValidate() throws Exception {
    Run r = run("convert", "-f", "../examples/legacy/config-configmap.yaml");
    assertThat(r.exit()).isZero();
    assertThat(r.out()).startsWith("# This was autogenerated by MetalLB's custom resource generator.\n");
    assertThat(r.out()).contains("name: \"public-pool\"", "name: \"bgpadvertisement1\"", "name: \"l2advertisement1\"", "name: \"slow-profile\"");
    Path converted = write("converted.yaml", r.out());
    assertThat(run("validate", "--bgp-type", "frr", "-f", converted.toString()).exit()).isZero();

    Path notConfigMap = write("pool.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n");
    assertThat(run("convert", "-f", notConfigMap.toString()).exit()).isEqualTo(2);
    Path badHold = write("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: config}\ndata:\n  config: |\n    peers:\n    - {my-asn: 1, peer-asn: 2, peer-address: 192.0.2.1, hold-time: 1s}\n");
    Run bad = run("convert", "-f", badHold.toString());
    assertThat(bad.exit()).isEqualTo(1);
    assertThat(bad.err()).contains("invalid hold time \"1s\": must be 0 or >=3s");
  }
}

package io.metallb.deploy;

import static io.metallb.deploy.Rendered.container;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Dockerfile and .dockerignore as users rely on them: a build stage that runs the Maven
 * wrapper, Temurin 25's JRE at run time, the {@code controller} and {@code speaker} targets that
 * {@code charts/metallb} pulls, the controller non-root and the speaker root, and ENTRYPOINTs the
 * chart's args complete. No Docker engine runs here, so the Dockerfile is parsed, and each
 * ENTRYPOINT is run on this machine's JVM against the built jar with the chart's args.
 */
class DockerfileTest {
  static final Path ROOT = HelmChart.repositoryRoot();
  static final Dockerfile DOCKERFILE = Dockerfile.parse(read(ROOT.resolve("Dockerfile")));
  static final List<String> TARGETS = List.of("controller", "speaker");
  static final List<String> CONTAINER_FLAGS =
      List.of("-XX:-UsePerfData", "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=/tmp");
  static final String BUILT_JAR = "cli/target/metallb.jar";

  @Test
  void buildStageRunsTheMavenWrapperWithACachedRepository() {
    assertThat(DOCKERFILE.text().lines().findFirst()).contains("# syntax=docker/dockerfile:1");
    assertThat(DOCKERFILE.stages()).as("multi-stage").hasSizeGreaterThanOrEqualTo(3);
    Stage build = buildStage();
    assertThat(build.base()).matches("eclipse-temurin:25[-.].*jdk.*");
    String run = build.all("RUN").stream().filter(r -> r.contains("./mvnw")).findFirst().orElseThrow();
    assertThat(run).contains("--mount=type=cache").containsPattern("target=\\S*/\\.m2\\b")
        .contains("./mvnw -B -DskipTests package -pl cli -am");
  }

  @ParameterizedTest
  @ValueSource(strings = {"controller", "speaker"})
  void targetRunsTheBuiltJarOnTemurin25Jre(String target) {
    Stage stage = DOCKERFILE.stage(target).orElseThrow(() -> new AssertionError("no stage " + target));
    assertThat(DOCKERFILE.baseImage(stage)).matches("eclipse-temurin:25(\\.[0-9._]+)?-jre(-[a-z]+)?(@sha256:[0-9a-f]{64})?");
    Stage build = buildStage();
    String copy = DOCKERFILE.chain(stage).stream().flatMap(s -> s.all("COPY").stream())
        .filter(c -> c.startsWith("--from=" + build.name() + " ")).findFirst()
        .orElseThrow(() -> new AssertionError(target + " copies nothing from " + build.name()));
    List<String> words = List.of(copy.split("\\s+"));
    assertThat(words).hasSize(3);
    String workdir = build.last("WORKDIR").orElse("/");
    assertThat(words.get(1)).as("the jar the build stage's ./mvnw writes").isEqualTo(workdir + "/" + BUILT_JAR);
    List<String> entrypoint = entrypoint(target);
    assertThat(entrypoint.get(entrypoint.indexOf("-jar") + 1)).as("the jar ENTRYPOINT runs").isEqualTo(words.get(2));
  }

  @ParameterizedTest
  @ValueSource(strings = {"controller", "speaker"})
  void entrypointIsTheWholeCommandUpToTheSubcommandWithContainerAwareFlags(String target) {
    List<String> entrypoint = entrypoint(target);
    assertThat(entrypoint.getFirst()).isEqualTo("java");
    assertThat(entrypoint.getLast()).as("the subcommand, to which the chart's args are appended").isEqualTo(target);
    int jar = entrypoint.indexOf("-jar");
    assertThat(jar).as("-jar, then the jar, then the subcommand").isEqualTo(entrypoint.size() - 3);
    List<String> jvmOptions = entrypoint.subList(1, jar);
    assertThat(jvmOptions).contains("-XX:MaxRAMPercentage=75").containsAll(CONTAINER_FLAGS);
    if (target.equals("speaker")) {
      assertThat(jvmOptions).contains("--enable-native-access=ALL-UNNAMED");
    }
    assertThat(DOCKERFILE.chain(DOCKERFILE.stage(target).orElseThrow()))
        .as("no CMD: the chart's args alone follow the subcommand")
        .allSatisfy(s -> assertThat(s.all("CMD")).isEmpty());
  }

  @Test
  void controllerRunsAsTheChartsNumericNonRootUser() {
    String user = DOCKERFILE.last(DOCKERFILE.stage("controller").orElseThrow(), "USER").orElse("");
    assertThat(user).as("numeric, so the kubelet can verify runAsNonRoot").matches("\\d+(:\\d+)?");
    long uid = Long.parseLong(user.split(":")[0]);
    assertThat(uid).isEqualTo(65534);
    PodSpec pod = ChartTest.render(Map.of()).controller().getSpec().getTemplate().getSpec();
    assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
    assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(uid);
  }

  @Test
  void speakerRunsAsRootAsMetalLbsDoes() {
    Optional<String> user = DOCKERFILE.last(DOCKERFILE.stage("speaker").orElseThrow(), "USER");
    assertThat(user.orElse("0")).isIn("0", "0:0", "root", "root:root");
    PodSpec pod = ChartTest.render(Map.of()).speaker().getSpec().getTemplate().getSpec();
    assertThat(pod.getSecurityContext() == null ? null : pod.getSecurityContext().getRunAsUser()).isIn(null, 0L);
  }

  @Test
  void chartPullsTheTargetsAtItsAppVersionAndSetsNoCommand() {
    String appVersion = appVersion();
    Rendered chart = ChartTest.render(Map.of());
    Map<String, Container> containers =
        Map.of("controller", container(chart.controller()), "speaker", container(chart.speaker()));
    String comments = String.join("\n", DOCKERFILE.comments()).replaceAll("[ \\t]+", " ");
    for (String target : TARGETS) {
      Container c = containers.get(target);
      String image = c.getImage();
      String repository = image.substring(0, image.lastIndexOf(':'));
      assertThat(repository).as(image).endsWith("/" + target);
      assertThat(image).isEqualTo(repository + ":" + appVersion);
      assertThat(c.getCommand()).as(target + " command").isNullOrEmpty();
      assertThat(c.getArgs()).as(target + " args").isNotEmpty();
      assertThat(comments).as("documented build command")
          .contains("docker build --target " + target + " -t " + image + " .");
    }
    assertThat(DOCKERFILE.chain(DOCKERFILE.stage("controller").orElseThrow()).stream().flatMap(s -> s.all("ARG").stream()))
        .as("the default of the OCI version label").contains("VERSION=" + appVersion);
  }

  @Test
  void theJvmsTmpdirIsTheChartsEmptyDirOnAReadOnlyRoot() {
    Rendered chart = ChartTest.render(Map.of());
    record Pod(String name, PodSpec spec) {}
    for (Pod pod : List.of(new Pod("controller", chart.controller().getSpec().getTemplate().getSpec()),
        new Pod("speaker", chart.speaker().getSpec().getTemplate().getSpec()))) {
      Container c = pod.spec().getContainers().getFirst();
      assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
      VolumeMount tmp = c.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp")).findFirst()
          .orElseThrow(() -> new AssertionError(pod.name() + " mounts nothing at /tmp"));
      Volume volume = pod.spec().getVolumes().stream().filter(v -> v.getName().equals(tmp.getName())).findFirst().orElseThrow();
      assertThat(volume.getEmptyDir()).as(pod.name() + " /tmp is an emptyDir").isNotNull();
    }
  }

  /**
   * The strongest check short of a Docker engine: each ENTRYPOINT, with this JVM's {@code java}
   * and the built jar, accepts the JVM flags (an unknown -XX option stops the JVM) and the chart's
   * default args (picocli rejects an unknown option even with --help).
   */
  @ParameterizedTest
  @ValueSource(strings = {"controller", "speaker"})
  @Timeout(120)
  void entrypointRunsHereWithTheChartsArgs(String target) throws IOException, InterruptedException {
    Path jar = ROOT.resolve(BUILT_JAR);
    assumeTrue(Files.isRegularFile(jar), BUILT_JAR + " is not built; run ./mvnw -B -DskipTests package -pl cli -am");
    List<String> entrypoint = entrypoint(target);
    List<String> command = new ArrayList<>(entrypoint);
    command.set(0, Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.set(command.indexOf("-jar") + 1, jar.toString());
    Rendered chart = ChartTest.render(Map.of());
    Container c = target.equals("controller") ? container(chart.controller()) : container(chart.speaker());
    command.addAll(c.getArgs());
    command.add("--help");

    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    assertThat(output).contains("Usage: metallb " + target);
  }

  @Test
  void dockerignoreDropsBuildOutputAndGitButKeepsWhatTheBuildReads() throws IOException {
    DockerIgnore ignore = DockerIgnore.parse(read(ROOT.resolve(".dockerignore")));
    assertThat(List.of("target/mvn.lock", "cli/target/metallb.jar", "api/target/classes/x.class", ".git/HEAD", ".git"))
        .allSatisfy(p -> assertThat(ignore.excludes(p)).as(p).isTrue());
    List<String> kept = new ArrayList<>(List.of("mvnw", ".mvn", ".mvn/wrapper/maven-wrapper.properties", "pom.xml"));
    for (String module : modules()) {
      kept.add(module + "/pom.xml");
    }
    for (String module : reactorOf("cli")) {
      kept.addAll(files(module + "/src"));
    }
    kept.addAll(files("config/crd"));
    assertThat(kept).hasSizeGreaterThan(50).allSatisfy(p -> assertThat(ignore.excludes(p)).as(p).isFalse());
  }

  private static Stage buildStage() {
    return DOCKERFILE.stages().stream().filter(s -> s.all("RUN").stream().anyMatch(r -> r.contains("./mvnw")))
        .findFirst().orElseThrow(() -> new AssertionError("no stage runs ./mvnw"));
  }

  private static List<String> entrypoint(String target) {
    String raw = DOCKERFILE.last(DOCKERFILE.stage(target).orElseThrow(), "ENTRYPOINT")
        .orElseThrow(() -> new AssertionError(target + " has no ENTRYPOINT"));
    assertThat(raw).as("exec form, so java is PID 1 and gets SIGTERM").startsWith("[");
    return List.of(JsonMapper.builder().build().readValue(raw, String[].class));
  }

  private static String appVersion() {
    Matcher m = Pattern.compile("(?m)^appVersion:\\s*\"?([^\"\\s]+)").matcher(read(ROOT.resolve("charts/metallb/Chart.yaml")));
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  /** The modules of the root POM. */
  private static List<String> modules() {
    return Pattern.compile("<module>([^<]+)</module>").matcher(read(ROOT.resolve("pom.xml"))).results()
        .map(r -> r.group(1)).toList();
  }

  /** {@code module} and the project modules it depends on, transitively: what {@code -pl module -am} builds. */
  private static Set<String> reactorOf(String module) {
    Set<String> seen = new LinkedHashSet<>();
    Deque<String> todo = new ArrayDeque<>(List.of(module));
    Pattern dependency = Pattern.compile("<artifactId>metallb-([a-z]+)</artifactId>");
    List<String> modules = modules();
    while (!todo.isEmpty()) {
      String m = todo.pop();
      if (seen.add(m)) {
        dependency.matcher(read(ROOT.resolve(m + "/pom.xml"))).results().map(r -> r.group(1))
            .filter(modules::contains).forEach(todo::push);
      }
    }
    assertThat(seen).contains("api", "controller", "speaker", "cli");
    return seen;
  }

  /** The files under {@code dir}, relative to the repository root, with '/' separators. */
  private static List<String> files(String dir) throws IOException {
    try (Stream<Path> walk = Files.walk(ROOT.resolve(dir))) {
      return walk.filter(Files::isRegularFile).map(p -> ROOT.relativize(p).toString().replace('\\', '/')).toList();
    }
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** One stage: {@code FROM base [AS name]} and its instructions, each as keyword and arguments. */
  record Stage(String base, String name, List<Map.Entry<String, String>> instructions) {
    List<String> all(String keyword) {
      return instructions.stream().filter(i -> i.getKey().equals(keyword)).map(Map.Entry::getValue).toList();
    }

    Optional<String> last(String keyword) {
      List<String> all = all(keyword);
      return all.isEmpty() ? Optional.empty() : Optional.of(all.getLast());
    }
  }

  /**
   * A Dockerfile as its parser reads it: comment lines apart, {@code \} continuations joined
   * (comment and blank lines inside a continuation dropped), one instruction a logical line.
   */
  record Dockerfile(String text, List<String> comments, List<Stage> stages) {
    static Dockerfile parse(String text) {
      List<String> comments = new ArrayList<>();
      List<String> logical = new ArrayList<>();
      StringBuilder pending = null;
      for (String line : text.lines().toList()) {
        String stripped = line.strip();
        if (stripped.startsWith("#") || stripped.isEmpty()) {
          if (pending == null && !stripped.isEmpty()) {
            comments.add(stripped);
          }
          continue;
        }
        StringBuilder current = pending == null ? new StringBuilder() : pending.append(' ');
        if (stripped.endsWith("\\")) {
          current.append(stripped, 0, stripped.length() - 1).append(' ');
          pending = current;
        } else {
          logical.add(current.append(stripped).toString().replaceAll("\\s+", " ").strip());
          pending = null;
        }
      }
      assertThat(pending).as("a continuation at the end of the Dockerfile").isNull();

      List<Stage> stages = new ArrayList<>();
      for (String instruction : logical) {
        String[] parts = instruction.split(" ", 2);
        String keyword = parts[0].toUpperCase(java.util.Locale.ROOT);
        String arguments = parts.length > 1 ? parts[1] : "";
        if (keyword.equals("FROM")) {
          List<String> words = Arrays.stream(arguments.split(" ")).filter(w -> !w.startsWith("--")).toList();
          String name = words.size() >= 3 && words.get(1).equalsIgnoreCase("AS") ? words.get(2) : null;
          stages.add(new Stage(words.getFirst(), name, new ArrayList<>()));
        } else if (!stages.isEmpty()) {
          stages.getLast().instructions().add(Map.entry(keyword, arguments));
        }
      }
      return new Dockerfile(text, List.copyOf(comments), List.copyOf(stages));
    }

    Optional<Stage> stage(String name) {
      return stages.stream().filter(s -> name.equals(s.name())).findFirst();
    }

    /** The stages {@code stage} is built on, the first FROM an image, {@code stage} last. */
    List<Stage> chain(Stage stage) {
      List<Stage> chain = new ArrayList<>();
      for (Stage s = stage; s != null; s = stage(s.base()).orElse(null)) {
        chain.addFirst(s);
      }
      return chain;
    }

    /** The image at the bottom of {@code stage}'s chain. */
    String baseImage(Stage stage) {
      return chain(stage).getFirst().base();
    }

    /** The last {@code keyword} in {@code stage} or the stages it is built on: what the image has. */
    Optional<String> last(Stage stage, String keyword) {
      return chain(stage).reversed().stream().map(s -> s.last(keyword)).flatMap(Optional::stream).findFirst();
    }
  }

  /**
   * {@code .dockerignore} with Docker's rules: patterns relative to the context root, trailing and
   * leading '/' ignored, {@code **} any number of directories, {@code *} and {@code ?} within one,
   * {@code !} re-includes, the last match wins, and a path goes with an excluded parent.
   */
  record DockerIgnore(List<Map.Entry<Pattern, Boolean>> rules) {
    static DockerIgnore parse(String text) {
      List<Map.Entry<Pattern, Boolean>> rules = new ArrayList<>();
      for (String line : text.lines().map(String::strip).toList()) {
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        boolean exclude = !line.startsWith("!");
        String pattern = (exclude ? line : line.substring(1)).strip().replaceAll("^/+|/+$", "");
        assertThat(pattern).as("character classes are not supported here").doesNotContain("[");
        rules.add(Map.entry(Pattern.compile(regex(pattern)), exclude));
      }
      return new DockerIgnore(rules);
    }

    private static String regex(String glob) {
      StringBuilder regex = new StringBuilder();
      for (int i = 0; i < glob.length(); i++) {
        char ch = glob.charAt(i);
        if (glob.startsWith("**/", i)) {
          regex.append("(?:.*/)?");
          i += 2;
        } else if (glob.startsWith("**", i)) {
          regex.append(".*");
          i += 1;
        } else if (ch == '*') {
          regex.append("[^/]*");
        } else if (ch == '?') {
          regex.append("[^/]");
        } else {
          regex.append(Pattern.quote(String.valueOf(ch)));
        }
      }
      return regex.toString();
    }

    /** Docker's MatchesOrParentMatches: each rule that matches the path or a parent decides, the last one wins. */
    boolean excludes(String path) {
      String[] parts = path.split("/");
      boolean excluded = false;
      for (Map.Entry<Pattern, Boolean> rule : rules) {
        for (int n = 1; n <= parts.length; n++) {
          if (rule.getKey().matcher(String.join("/", Arrays.copyOf(parts, n))).matches()) {
            excluded = rule.getValue();
            break;
          }
        }
      }
      return excluded;
    }
  }
}

# syntax=docker/dockerfile:1
#
# The container images of metallb-java: one build of cli/target/metallb.jar, two targets.
#
#   docker build --target controller -t quay.io/metallb-java/controller:0.1.0 .
#   docker build --target speaker -t quay.io/metallb-java/speaker:0.1.0 .
#
# Optional: --build-arg VERSION=<chart appVersion> --build-arg REVISION=$(git rev-parse HEAD)
# fill the OCI labels. BuildKit is required (the default builder since Docker 23).
#
# Contracts (deploy/src/test/java/io/metallb/deploy/DockerfileTest.java checks them):
# - charts/metallb runs the `controller` target as quay.io/metallb-java/controller:<appVersion>
#   and the `speaker` target as quay.io/metallb-java/speaker:<appVersion>. It sets `args` only,
#   never `command`, so each ENTRYPOINT is the whole command up to and including the subcommand,
#   and there is no CMD: the chart's args (--port=9120 --log-level=info ...) are appended.
# - Both pods have a read-only root file system with an emptyDir at /tmp, the only writable path.
# - The images are linux/amd64: the speaker's jar carries Netty's epoll library for x86_64 only.

# ---- build: the shaded jar, with the same command as a developer's machine ----
FROM eclipse-temurin:25-jdk-noble AS build
WORKDIR /src
# The context is the repository minus .dockerignore: every module's POM (Maven reads the whole
# reactor), the .mvn wrapper, the sources of api, controller, speaker, lab and cli, config/crd.
COPY . .
# ~/.m2 holds the Maven distribution the wrapper downloads and the dependencies; the cache mount
# keeps both across builds without putting them in a layer.
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -DskipTests package -pl cli -am

# ---- runtime: what the two targets share ----
# Pinned: Temurin's JRE 25, the LTS the code is compiled for, on Ubuntu 24.04 "noble" (the glibc
# that Netty's epoll library and the speaker's FFM libc bindings load into). Patch releases of 25
# come in on rebuild, which is how the JVM's security fixes arrive; a release build may pin the
# digest as well (eclipse-temurin:25-jre-noble@sha256:...).
FROM eclipse-temurin:25-jre-noble AS runtime
ARG VERSION=0.1.0
ARG REVISION=unknown
LABEL org.opencontainers.image.title="metallb-java" \
      org.opencontainers.image.description="A port of MetalLB, the network load-balancer for bare-metal Kubernetes clusters, to Java" \
      org.opencontainers.image.url="https://metallb.io" \
      org.opencontainers.image.documentation="https://metallb.io" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.base.name="docker.io/library/eclipse-temurin:25-jre-noble"
# Owned by root and world-readable, so uid 65534 reads it and nobody rewrites it.
COPY --from=build /src/cli/target/metallb.jar /opt/metallb/metallb.jar
# The working directory is the writable emptyDir, where a JVM crash log (hs_err_pid*.log) can land.
WORKDIR /tmp

# JVM flags of both ENTRYPOINTs (an exec-form array cannot share them, so they are repeated):
# - -XX:MaxRAMPercentage=75: the heap is sized from the container's memory limit (container
#   support is on by default); the JVM's 25% would waste most of a small limit, and the other
#   quarter is left to metaspace, thread stacks and Netty's direct buffers. Without a limit
#   (the chart's default `resources: {}`) the node's memory is the base: set limits.memory.
# - -XX:-UsePerfData: no hsperfdata file is mapped under /tmp; nothing attaches jstat in a pod.
# - -XX:+ExitOnOutOfMemoryError: a JVM out of memory exits, so the kubelet restarts the
#   container, instead of running on with a thread that died half-way.
# - -Djava.io.tmpdir=/tmp: the JVM's default on Linux, stated because it is the chart's emptyDir
#   contract; Netty extracts its native library there before loading it.

# ---- controller: the Deployment; assigns addresses and serves the webhooks ----
FROM runtime AS controller
LABEL org.opencontainers.image.title="metallb-java controller" \
      org.opencontainers.image.description="metallb-java controller: assigns addresses to Services of type LoadBalancer"
# Numeric, so the kubelet can verify the chart's runAsNonRoot (it cannot for a user name);
# 65534 (nobody) is also the chart's runAsUser. The controller needs no privilege at all.
USER 65534:65534
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:-UsePerfData", "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=/tmp", "-jar", "/opt/metallb/metallb.jar", "controller"]

# ---- speaker: the DaemonSet on the host network; answers ARP/NDP and speaks BGP ----
FROM runtime AS speaker
LABEL org.opencontainers.image.title="metallb-java speaker" \
      org.opencontainers.image.description="metallb-java speaker: announces the addresses of LoadBalancer Services with ARP/NDP and BGP"
# Root, as MetalLB's speaker runs: the chart drops every capability but NET_RAW, and a container's
# capabilities reach the effective set of uid 0 only (a non-root process starts with none), while
# the ARP and NDP raw sockets need CAP_NET_RAW. What confines the speaker is that capability set,
# no privilege escalation and the read-only root file system, not the uid.
# hadolint ignore=DL3002
USER 0:0
# --enable-native-access=ALL-UNNAMED: the speaker calls libc through FFM (raw sockets) and loads
# Netty's epoll library through JNI. The jar's manifest grants the same with -jar; the flag keeps
# the grant visible in the process's command line and in force should the jar be run with -cp.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:-UsePerfData", "-XX:+ExitOnOutOfMemoryError", "-Djava.io.tmpdir=/tmp", "--enable-native-access=ALL-UNNAMED", "-jar", "/opt/metallb/metallb.jar", "speaker"]

package io.metallb.controller.allocator;

import io.metallb.config.Config;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Filling a /16 pool: {@code services} automatic allocations into one allocator. Near-linear
 * allocation gives a 65,536 / 8,192 time ratio of about 8; a scan of the pool per allocation about
 * 64. Run with {@code bin/bench-allocator}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-XX:+UseSerialGC"})
public class AllocatorBenchmark {
  @Param({"8192", "65536"})
  public int services;

  private Config.Pools pools;
  private ServiceRequest[] requests;

  @Setup(Level.Trial)
  public void pools() {
    pools = TestPools.of("bench", "addresses: [198.18.0.0/16]");
    requests = new ServiceRequest[services];
    for (int i = 0; i < services; i++) {
      requests[i] = TestPools.v4("bench/svc-" + i, "TCP/80");
    }
  }

  @Benchmark
  public Allocator fillPool() throws AllocationException {
    Allocator allocator = new Allocator();
    allocator.setPools(pools);
    for (ServiceRequest r : requests) {
      allocator.allocate(r);
    }
    return allocator;
  }
}

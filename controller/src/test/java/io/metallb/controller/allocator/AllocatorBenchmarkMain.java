package io.metallb.controller.allocator;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/** Runs {@link AllocatorBenchmark} and prints the 65,536 / 8,192 time ratio (goal: at most 10). */
public final class AllocatorBenchmarkMain {
  private AllocatorBenchmarkMain() {}

  public static void main(String[] args) throws RunnerException {
    Collection<RunResult> results = new Runner(new OptionsBuilder().include(AllocatorBenchmark.class.getSimpleName()).build()).run();
    Map<Integer, Double> millis = new TreeMap<>();
    for (RunResult r : results) {
      millis.put(Integer.parseInt(r.getParams().getParam("services")), r.getPrimaryResult().getScore());
    }
    double small = millis.get(8192);
    double large = millis.get(65536);
    System.out.printf("allocate 8,192 services: %.1f ms; 65,536 services: %.1f ms; ratio %.2f (linear ~8, per-allocation scan ~64, goal <= 10)%n", small, large, large / small);
  }
}

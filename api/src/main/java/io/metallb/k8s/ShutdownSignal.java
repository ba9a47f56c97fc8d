package io.metallb.k8s;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A binary's SIGTERM: the JVM's shutdown hook releases {@link #await()} and then waits up to
 * {@value #GRACE_SECONDS} s for {@link #finished()}, so that the main thread can shut down in order
 * (memberlist leave, informers, servers) before the JVM exits. Thread-safe.
 */
public final class ShutdownSignal {
  /** How long the hook waits for the main thread. */
  public static final int GRACE_SECONDS = 5;

  private final CountDownLatch stop = new CountDownLatch(1);
  private final CountDownLatch stopped = new CountDownLatch(1);

  private ShutdownSignal() {}

  /** Registers the shutdown hook. */
  public static ShutdownSignal install() {
    ShutdownSignal signal = new ShutdownSignal();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      signal.stop.countDown();
      try {
        signal.stopped.await(GRACE_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "metallb-shutdown"));
    return signal;
  }

  /** Blocks until SIGTERM (or another JVM shutdown). */
  public void await() throws InterruptedException {
    stop.await();
  }

  /** The main thread has shut everything down; the JVM may exit. */
  public void finished() {
    stopped.countDown();
  }
}

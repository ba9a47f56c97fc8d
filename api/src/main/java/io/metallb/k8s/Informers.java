package io.metallb.k8s;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** What every reconciler shares: informer handlers that only enqueue, and the one loop thread. */
public final class Informers {
  private Informers() {}

  /** A handler that passes the added, updated (new version) or deleted object to {@code onChange}. */
  public static <T> ResourceEventHandler<T> onAnyChange(Consumer<T> onChange) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        onChange.accept(obj);
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {
        onChange.accept(newObj);
      }

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {
        onChange.accept(obj);
      }
    };
  }

  /**
   * Stops {@code loop}: the work already queued finishes (up to 5 s, so no request to the API server
   * is cut off half-way), then the thread is interrupted.
   */
  public static void stop(ScheduledExecutorService loop) {
    loop.shutdown();
    try {
      if (!loop.awaitTermination(5, TimeUnit.SECONDS)) {
        loop.shutdownNow();
      }
    } catch (InterruptedException e) {
      loop.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  /** A single daemon thread named {@code threadName} that runs a reconciler's work in order. */
  public static ScheduledExecutorService loop(String threadName) {
    return Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, threadName);
      t.setDaemon(true);
      return t;
    });
  }
}

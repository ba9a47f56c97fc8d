package io.metallb.k8s;

import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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

  /** A single daemon thread named {@code threadName} that runs a reconciler's work in order. */
  public static ScheduledExecutorService loop(String threadName) {
    return Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, threadName);
      t.setDaemon(true);
      return t;
    });
  }
}

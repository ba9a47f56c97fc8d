package io.metallb.k8s;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Core/v1 Events about Services, as client-go's recorder writes them for {@code component}
 * ({@code metallb-controller}, {@code metallb-speaker}). A failed write is logged, never thrown.
 * Thread-safe.
 */
public final class EventRecorder {
  private static final Logger log = LoggerFactory.getLogger(EventRecorder.class);

  private final KubernetesClient client;
  private final String component;
  private final InstantSource clock;
  private final AtomicLong counter = new AtomicLong();

  public EventRecorder(KubernetesClient client, String component, InstantSource clock) {
    this.client = client;
    this.component = component;
    this.clock = clock;
  }

  /** Records an Event of {@code type} ({@code Normal} or {@code Warning}) on the Service. */
  public void record(Service svc, String type, String reason, String message) {
    if (svc == null || svc.getMetadata() == null) {
      return;
    }
    Instant now = clock.instant();
    String time = now.toString();
    Event event = new EventBuilder()
        .withMetadata(new ObjectMetaBuilder()
            .withName(svc.getMetadata().getName() + "." + Long.toHexString(now.toEpochMilli()) + Long.toHexString(counter.incrementAndGet()))
            .withNamespace(svc.getMetadata().getNamespace()).build())
        .withNewInvolvedObject().withApiVersion("v1").withKind("Service").withName(svc.getMetadata().getName())
        .withNamespace(svc.getMetadata().getNamespace()).withUid(svc.getMetadata().getUid())
        .withResourceVersion(svc.getMetadata().getResourceVersion()).endInvolvedObject()
        .withReason(reason).withMessage(message).withType(type)
        .withNewSource().withComponent(component).endSource()
        .withReportingComponent(component)
        .withFirstTimestamp(time).withLastTimestamp(time).withCount(1)
        .build();
    try {
      client.v1().events().inNamespace(svc.getMetadata().getNamespace()).resource(event).create();
    } catch (KubernetesClientException ex) {
      log.atWarn().addKeyValue("op", "recordEvent").addKeyValue("error", ex.getMessage()).log("failed to record event");
    }
  }
}

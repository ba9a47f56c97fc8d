package io.metallb.deploy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The objects of a rendered chart or manifest, typed by fabric8 (unknown kinds as generic resources). */
record Rendered(List<HasMetadata> objects) {
  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

  static Rendered parse(String yaml) {
    List<HasMetadata> objects = Arrays.stream(yaml.split("(?m)^---\\s*$"))
        .filter(doc -> doc.lines().anyMatch(line -> line.startsWith("kind:")))
        .map(doc -> (HasMetadata) SERIALIZATION.unmarshal(doc))
        .toList();
    return new Rendered(objects);
  }

  <T extends HasMetadata> List<T> all(Class<T> type) {
    return objects.stream().filter(type::isInstance).map(type::cast).toList();
  }

  Optional<HasMetadata> find(String kind, String name) {
    return objects.stream().filter(o -> o.getKind().equals(kind) && o.getMetadata().getName().equals(name)).findFirst();
  }

  List<String> kinds() {
    return objects.stream().map(HasMetadata::getKind).toList();
  }

  DaemonSet speaker() {
    return all(DaemonSet.class).getFirst();
  }

  Deployment controller() {
    return all(Deployment.class).getFirst();
  }

  static Container container(DaemonSet ds) {
    return ds.getSpec().getTemplate().getSpec().getContainers().getFirst();
  }

  static Container container(Deployment d) {
    return d.getSpec().getTemplate().getSpec().getContainers().getFirst();
  }

  /** Name to value, or to {@code fieldRef:<path>} for downward-API variables. */
  static Map<String, String> env(Container c) {
    return c.getEnv().stream().collect(Collectors.toMap(EnvVar::getName, e -> e.getValue() != null ? e.getValue()
        : "fieldRef:" + e.getValueFrom().getFieldRef().getFieldPath()));
  }
}

package io.metallb.config;

/**
 * Why a configuration was refused: the object at fault and MetalLB's message for it.
 *
 * @param kind the object's kind (e.g. {@code BGPPeer}), or empty when the error spans objects
 * @param name the object's name, or empty
 * @param field the field at fault as a JSON path ({@code spec.myASN}), or empty when unknown
 * @param message MetalLB's error text, verbatim
 * @param transient true when the error may go away once another object is created (a missing BFD
 *     profile, Secret or Community alias); the webhooks ignore these (spec §4.12)
 */
public record ConfigError(String kind, String name, String field, String message, boolean isTransient) {
  public ConfigError {
    kind = kind == null ? "" : kind;
    name = name == null ? "" : name;
    field = field == null ? "" : field;
  }

  /** {@code Kind/name: message}, as the CLI prints it. */
  @Override
  public String toString() {
    return (kind.isEmpty() ? "" : kind + "/" + name + ": ") + message;
  }
}

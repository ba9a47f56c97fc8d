package io.metallb.controller.service;

/**
 * An Event the controller records on a Service (spec §7.14).
 *
 * @param warning true for type Warning, false for Normal
 */
public record ServiceEvent(boolean warning, String reason, String message) {
  public static ServiceEvent normal(String reason, String message) {
    return new ServiceEvent(false, reason, message);
  }

  public static ServiceEvent warning(String reason, String message) {
    return new ServiceEvent(true, reason, message);
  }

  public String type() {
    return warning ? "Warning" : "Normal";
  }
}

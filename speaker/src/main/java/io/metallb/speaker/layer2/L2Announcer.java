package io.metallb.speaker.layer2;

import java.util.Set;

/** What the Service pipeline asks of the layer 2 announcer (spec §9.1). Implementations are thread-safe. */
public interface L2Announcer {
  /** Adds or replaces the Service's advertisement of one address and queues gratuitous announcements. */
  void setBalancer(String service, IpAdvertisement advertisement);

  /** Forgets the Service; nothing is sent. */
  void deleteBalancer(String service);

  /** Whether the Service has any advertisement here. */
  boolean announces(String service);

  /** Names of all non-excluded host interfaces, up or down (spec §8.7). */
  Set<String> nodeInterfaces();
}

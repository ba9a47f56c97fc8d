package io.metallb.speaker.memberlist;

import io.metallb.speaker.memberlist.core.Member;
import io.metallb.speaker.memberlist.core.MembershipListener;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The speakers L2 election may pick (MetalLB {@code SpeakerList.UsableSpeakers}, spec §8.5): the
 * names of members neither dead nor left — alive and suspect ones count. When memberlist is off,
 * {@link #disabled()} says every node is usable. Each membership change runs the registered
 * resync callbacks (MetalLB: "node event - forcing sync").
 *
 * <p>Thread-safe. Callbacks run on the memberlist event loop and must not block.
 */
public final class UsableSpeakers implements MembershipListener {
  private final boolean enabled;
  private final Set<String> usable = ConcurrentHashMap.newKeySet();
  private final List<Runnable> onChange = new CopyOnWriteArrayList<>();

  private UsableSpeakers(boolean enabled) {
    this.enabled = enabled;
  }

  /** A view fed by a running {@link Memberlist} (it registers itself as a listener). */
  static UsableSpeakers tracking() {
    return new UsableSpeakers(true);
  }

  /** The view when memberlist is off: every node counts as usable. */
  public static UsableSpeakers disabled() {
    return new UsableSpeakers(false);
  }

  /** Whether {@code node} may announce. */
  public boolean isUsable(String node) {
    return !enabled || usable.contains(node);
  }

  /** The usable names, or empty when memberlist is off (then all nodes are usable). */
  public Optional<Set<String>> names() {
    return enabled ? Optional.of(Set.copyOf(usable)) : Optional.empty();
  }

  /** Runs {@code resync} after every join, leave and update. */
  public void onChange(Runnable resync) {
    onChange.add(resync);
  }

  @Override
  public void onJoin(Member member) {
    usable.add(member.name());
    onChange.forEach(Runnable::run);
  }

  @Override
  public void onLeave(Member member) {
    usable.remove(member.name());
    onChange.forEach(Runnable::run);
  }

  @Override
  public void onUpdate(Member member) {
    onChange.forEach(Runnable::run);
  }
}

package io.metallb.controller.allocator;

import io.metallb.config.Config;
import io.metallb.config.GoFormat;
import io.metallb.config.Pool;
import io.metallb.config.Selector;
import io.metallb.net.Cidr;
import io.metallb.net.IpAddress;
import io.metallb.net.IpFamily;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * MetalLB's IP allocator (spec §7.8–7.12): which Service holds which addresses of which pool, the
 * sharing rules, the pool choice order and the free-address search. Pure and deterministic: where
 * MetalLB walks Go maps in random order (the general pools of {@link #allocate}), pools are walked
 * in name order.
 *
 * <p>Finding a free address does not scan the pool: each CIDR keeps the offset below which every
 * address is taken, and addresses a Service could share are found through an index by sharing
 * key, so filling a pool is linear overall.
 *
 * <p>Not thread-safe: one reconcile loop owns it.
 */
public final class Allocator {
  /** An assignment: the pool and addresses a Service holds, and what it holds them with. */
  public record Assignment(String pool, List<IpAddress> ips, List<Port> ports, SharingKey key) {
    public Assignment {
      ips = List.copyOf(ips);
      ports = List.copyOf(ports);
    }
  }

  private record Capacity(long total, long ipv4, long ipv6) {}

  private static final Config.Pools NO_POOLS = new Config.Pools(Map.of(), Map.of(), List.of());

  private Config.Pools pools = NO_POOLS;
  private final Map<String, Assignment> assignments = new HashMap<>(); // service key -> assignment
  private final Map<IpAddress, SharingKey> sharingKeyForIp = new HashMap<>(); // ip -> key of the services on it
  private final Map<IpAddress, Map<Port, String>> portsInUse = new HashMap<>(); // ip -> port -> service key
  private final Map<IpAddress, Set<String>> servicesOnIp = new HashMap<>(); // ip -> service keys, in arrival order
  private final Map<String, Map<IpAddress, Integer>> poolIpsInUse = new HashMap<>(); // pool -> ip -> users
  private final NavigableSet<IpAddress> keyedIps = new TreeSet<>(); // every ip with a sharing key
  private final Map<SharingKey, NavigableSet<IpAddress>> ipsBySharingKey = new HashMap<>(); // key -> its ips
  private final Map<Cidr, BigInteger> takenBelow = new HashMap<>(); // cidr -> offset below which all are taken
  private final Map<String, Capacity> capacities = new HashMap<>(); // pool -> capacity
  private final Consumer<String> countersChanged;

  /** @param countersChanged told the name of every pool whose counters may have changed */
  public Allocator(Consumer<String> countersChanged) {
    this.countersChanged = countersChanged;
  }

  public Allocator() {
    this(pool -> {});
  }

  /**
   * Replaces the pools. Assignments whose addresses no pool contains any more are dropped; those
   * now in a pool of another name move to it.
   */
  public void setPools(Config.Pools newPools) {
    List<String> refresh = new ArrayList<>();
    for (String name : pools.byName().keySet()) {
      if (!newPools.byName().containsKey(name)) {
        capacities.remove(name);
        refresh.add(name);
      }
    }
    pools = newPools;
    takenBelow.clear();
    capacities.clear();
    for (String svc : List.copyOf(new TreeSet<>(assignments.keySet()))) {
      Assignment a = assignments.get(svc);
      Optional<Pool> pool = poolFor(a.ips());
      if (pool.isEmpty()) {
        unassign(svc);
      } else if (!pool.get().name().equals(a.pool())) {
        unassign(svc);
        record(svc, new Assignment(pool.get().name(), a.ips(), a.ports(), a.key()));
      }
    }
    for (Pool p : pools.byName().values()) {
      capacities.put(p.name(), capacity(p));
      refresh.add(p.name());
    }
    refresh.forEach(countersChanged);
  }

  /** The current pools. */
  public Config.Pools pools() {
    return pools;
  }

  /**
   * Gives {@code ips} to the Service if a pool holds them all, the pool admits the Service, and the
   * sharing rules allow it. Idempotent for a Service that already holds them.
   */
  public void assign(ServiceRequest svc, List<IpAddress> ips) throws AllocationException {
    Optional<Pool> pool = poolFor(ips);
    if (pool.isEmpty()) {
      throw new AllocationException(GoText.quoteIps(ips) + " is not allowed in config");
    }
    if (!compatible(pool.get(), svc)) {
      throw new AllocationException("pool " + pool.get().name() + " not compatible for ip assignment");
    }
    if (ips.size() > 2) {
      throw new AllocationException("more than two addresses " + GoText.quoteIps(ips));
    }
    if (ips.size() == 2 && ips.get(0).family() == ips.get(1).family()) {
      throw new AllocationException(GoFormat.quote(ips.get(0).toString()) + " " + GoFormat.quote(ips.get(1).toString()) + " has the same family");
    }
    for (IpAddress ip : ips) {
      String refusal = sharingRefusal(svc, ip);
      if (refusal != null) {
        throw new AllocationException(refusal);
      }
    }
    record(svc.key(), new Assignment(pool.get().name(), ips, svc.ports(), svc.sharingKey()));
  }

  /** Frees whatever the Service holds; true when it held something. */
  public boolean unassign(String svc) {
    Assignment a = assignments.remove(svc);
    if (a == null) {
      return false;
    }
    for (IpAddress ip : a.ips()) {
      Map<Port, String> ports = portsInUse.get(ip);
      for (Port port : a.ports()) {
        String owner = ports == null ? null : ports.get(port);
        if (!svc.equals(owner)) {
          throw new IllegalStateException("incoherent state, I thought port " + port + " belonged to service " + svc + ", but it seems to belong to " + owner);
        }
        ports.remove(port);
      }
      Set<String> users = servicesOnIp.get(ip);
      if (users != null) {
        users.remove(svc);
        if (users.isEmpty()) {
          servicesOnIp.remove(ip);
        }
      }
      if (ports == null || ports.isEmpty()) {
        // As MetalLB: the key is forgotten once no port is left on the address.
        portsInUse.remove(ip);
        clearKey(ip);
      }
      Map<IpAddress, Integer> inUse = poolIpsInUse.get(a.pool());
      if (inUse != null) {
        inUse.merge(ip, -1, Integer::sum);
        if (inUse.get(ip) <= 0) {
          inUse.remove(ip);
        }
      }
    }
    countersChanged.accept(a.pool());
    return true;
  }

  /**
   * Automatic allocation (spec §7.9): the Service's current addresses if it has some; else the
   * pinned pools (namespace and service-selector pools, by priority); else the general pools
   * (auto-assign, no service allocation), in name order.
   */
  public List<IpAddress> allocate(ServiceRequest svc) throws AllocationException {
    Assignment current = assignments.get(svc.key());
    if (current != null) {
      assign(svc, current.ips());
      return current.ips();
    }
    try {
      return allocateFromPools(pinnedPools(svc), svc);
    } catch (AllocationException pinnedFailed) {
      List<Pool> general = pools.byName().values().stream()
          .filter(p -> p.autoAssign() && p.serviceAllocation() == null)
          .toList();
      try {
        return allocateFromPools(general, svc);
      } catch (AllocationException generalFailed) {
        throw new AllocationException("no available IPs");
      }
    }
  }

  /** Allocation from the pool the Service names (spec §7.10); auto-assign is not consulted. */
  public List<IpAddress> allocateFromPool(ServiceRequest svc, String poolName) throws AllocationException {
    Assignment current = assignments.get(svc.key());
    if (current != null) {
      ServiceFamily family = ServiceFamily.ofIps(current.ips());
      if (family == ServiceFamily.UNKNOWN) {
        throw new AllocationException("unknown allocated IP Family " + family);
      }
      if (svc.policy() != FamilyPolicy.PREFER_DUAL_STACK && family != svc.family()) {
        throw new AllocationException("IP for wrong family assigned alloc " + family + " service family " + svc.family());
      }
      assign(svc, current.ips());
      return current.ips();
    }
    Pool pool = pools.byName().get(poolName);
    if (pool == null) {
      throw new AllocationException("unknown pool \"" + poolName + "\"");
    }
    List<IpAddress> ips = freeAddresses(pool, svc).select(svc.family(), svc.policy());
    assign(svc, ips);
    return ips;
  }

  /**
   * PreferDualStack's second family: an address of the other family from the same pool, assigned
   * together with {@code existing} (existing first). Returns the new address.
   */
  public IpAddress allocateFromPoolForAdditionalFamily(ServiceRequest svc, IpAddress existing, String poolName) throws AllocationException {
    ServiceFamily missing = existing.family() == IpFamily.IPV4 ? ServiceFamily.IPV6 : ServiceFamily.IPV4;
    Pool pool = pools.byName().get(poolName);
    if (pool == null) {
      throw new AllocationException("unknown pool \"" + poolName + "\"");
    }
    List<IpAddress> additional = freeAddresses(pool, svc).select(missing, FamilyPolicy.SINGLE_STACK);
    assign(svc, java.util.Arrays.asList(existing, additional.get(0)));
    return additional.get(0);
  }

  /** The pool the Service's addresses come from, or "" when it holds none. */
  public String pool(String svc) {
    Assignment a = assignments.get(svc);
    return a == null ? "" : a.pool();
  }

  /** The Service's addresses, empty when it holds none. */
  public List<IpAddress> ips(String svc) {
    Assignment a = assignments.get(svc);
    return a == null ? List.of() : a.ips();
  }

  /**
   * The sharing and backend keys the Service holds its addresses with; empty keys when it holds
   * none, so that allocating a Service without keys does not count as a key change.
   */
  public SharingKey allocationKey(String svc) {
    Assignment a = assignments.get(svc);
    return a == null ? new SharingKey("", "") : a.key();
  }

  public Optional<Assignment> assignment(String svc) {
    return Optional.ofNullable(assignments.get(svc));
  }

  /** Every current assignment, by service key. */
  public Map<String, Assignment> assignments() {
    return Map.copyOf(assignments);
  }

  /** The pool that holds all of {@code ips} (a pool avoiding buggy IPs holds no .0/.255). */
  public Optional<Pool> poolFor(List<IpAddress> ips) {
    for (Pool p : pools.byName().values()) {
      int contained = 0;
      for (IpAddress ip : ips) {
        if (ip == null || (p.avoidBuggyIPs() && isBuggy(ip))) {
          continue;
        }
        if (p.cidrs().stream().anyMatch(c -> c.contains(ip))) {
          contained++;
        }
      }
      if (contained == ips.size()) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** The pool's counters for its status: addresses assigned and available, per family. */
  public PoolCounters counters(String pool) {
    Capacity c = capacities.getOrDefault(pool, new Capacity(0, 0, 0));
    long v4 = inUse(pool, IpFamily.IPV4);
    long v6 = inUse(pool, IpFamily.IPV6);
    return new PoolCounters(v4, v6, c.ipv4() - v4, c.ipv6() - v6);
  }

  /** Usable addresses of the pool: {total, IPv4, IPv6}; saturated at {@link Long#MAX_VALUE}. */
  public long[] capacityOf(String pool) {
    Capacity c = capacities.getOrDefault(pool, new Capacity(0, 0, 0));
    return new long[] {c.total(), c.ipv4(), c.ipv6()};
  }

  /** Distinct addresses of the pool in use, of one family, or of both when {@code family} is null. */
  public long inUse(String pool, IpFamily family) {
    Map<IpAddress, Integer> used = poolIpsInUse.getOrDefault(pool, Map.of());
    return family == null ? used.size() : used.keySet().stream().filter(ip -> ip.family() == family).count();
  }

  private List<IpAddress> allocateFromPools(List<Pool> candidates, ServiceRequest svc) throws AllocationException {
    FreeAddresses best = bestPool(candidates, svc);
    try {
      List<IpAddress> ips = best.select(svc.family(), svc.policy());
      assign(svc, ips);
      return ips;
    } catch (AllocationException e) {
      throw new AllocationException("no available IPs");
    }
  }

  /** MetalLB's {@code findBestPoolForService}. */
  private FreeAddresses bestPool(List<Pool> candidates, ServiceRequest svc) throws AllocationException {
    ServiceFamily primary = svc.ipv6Primary() ? ServiceFamily.IPV6 : ServiceFamily.IPV4;
    ServiceFamily secondary = svc.ipv6Primary() ? ServiceFamily.IPV4 : ServiceFamily.IPV6;
    FreeAddresses primaryCandidate = null;
    FreeAddresses secondaryCandidate = null;
    for (Pool pool : candidates) {
      FreeAddresses free = freeAddresses(pool, svc);
      if (free.of(svc.family()) != null) {
        return free;
      }
      if (free.of(primary) != null && free.of(secondary) != null) {
        return free;
      }
      if (!(svc.policy() == FamilyPolicy.PREFER_DUAL_STACK && svc.family() == ServiceFamily.DUAL)) {
        continue;
      }
      if (free.of(primary) != null && primaryCandidate == null) {
        primaryCandidate = free;
      }
      if (free.of(secondary) != null && secondaryCandidate == null) {
        secondaryCandidate = free;
      }
    }
    if (primaryCandidate != null) {
      return primaryCandidate;
    }
    if (secondaryCandidate != null) {
      return secondaryCandidate;
    }
    throw new AllocationException("no suitable pool for " + svc.family() + " IPFamily");
  }

  /**
   * Pools pinned to the Service: those of its namespace, then those with service selectors, kept
   * when auto-assign and admitting the Service, ordered by {@link #sortPools}.
   */
  private List<Pool> pinnedPools(ServiceRequest svc) {
    List<Pool> out = new ArrayList<>();
    List<String> names = new ArrayList<>(pools.byNamespace().getOrDefault(svc.namespace(), List.of()));
    names.addAll(pools.byServiceSelector());
    for (String name : names) {
      Pool p = pools.byName().get(name);
      if (p != null && p.autoAssign() && compatible(p, svc)) {
        out.add(p);
      }
    }
    sortPools(out);
    return out;
  }

  /**
   * MetalLB's {@code sortPools}: positive priorities first, ascending, then priority 0. [QUIRK] Its
   * comparison says "less" for two priority-0 pools either way, and Go's {@code sort.Slice} sorts
   * up to 12 elements by insertion sort, which therefore reverses runs of priority-0 pools; we run
   * that insertion sort with that comparison so the order is MetalLB's (exactly so for the usual
   * 12 pinned pools or fewer).
   */
  static void sortPools(List<Pool> pools) {
    for (int i = 1; i < pools.size(); i++) {
      for (int j = i; j > 0 && goLess(pools.get(j), pools.get(j - 1)); j--) {
        Pool t = pools.get(j);
        pools.set(j, pools.get(j - 1));
        pools.set(j - 1, t);
      }
    }
  }

  private static boolean goLess(Pool a, Pool b) {
    int pa = a.serviceAllocation().priority();
    int pb = b.serviceAllocation().priority();
    if (pa > 0 && pb > 0) {
      return pa < pb;
    }
    return !(pa == 0 && pb > 0);
  }

  /** Namespace and service-selector restrictions of a pool (spec §7.8 step 2). */
  static boolean compatible(Pool p, ServiceRequest svc) {
    if (p.serviceAllocation() == null) {
      return true;
    }
    if (!p.serviceAllocation().namespaces().isEmpty() && !p.serviceAllocation().namespaces().contains(svc.namespace())) {
      return false;
    }
    List<Selector> selectors = p.serviceAllocation().serviceSelectors();
    return selectors.isEmpty() || selectors.stream().anyMatch(s -> s.matches(svc.labels()));
  }

  /** The first free IPv4 and IPv6 address of a pool: the first CIDR of each family that has one. */
  private FreeAddresses freeAddresses(Pool pool, ServiceRequest svc) {
    IpAddress v4 = null;
    IpAddress v6 = null;
    for (Cidr cidr : pool.cidrs()) {
      boolean isV4 = cidr.family() == IpFamily.IPV4;
      if ((isV4 && v4 != null) || (!isV4 && v6 != null)) {
        continue;
      }
      IpAddress ip = firstFree(cidr, pool.avoidBuggyIPs(), svc);
      if (isV4) {
        v4 = ip;
      } else {
        v6 = ip;
      }
    }
    return new FreeAddresses(pool.name(), v4, v6);
  }

  /**
   * The lowest address of the CIDR this Service may take: the lowest one nobody holds, or a lower
   * one held by Services it may share with.
   */
  private IpAddress firstFree(Cidr cidr, boolean avoidBuggy, ServiceRequest svc) {
    IpAddress unused = firstUnkeyed(cidr, avoidBuggy);
    IpAddress shareable = firstShareable(cidr, avoidBuggy, svc);
    if (unused == null) {
      return shareable;
    }
    if (shareable == null) {
      return unused;
    }
    return shareable.compareTo(unused) < 0 ? shareable : unused;
  }

  private IpAddress firstUnkeyed(Cidr cidr, boolean avoidBuggy) {
    BigInteger size = cidr.size();
    BigInteger first = cidr.first().toBigInteger();
    BigInteger offset = takenBelow.getOrDefault(cidr, BigInteger.ZERO);
    while (offset.compareTo(size) < 0) {
      IpAddress ip = IpAddress.fromBigInteger(first.add(offset), cidr.family());
      if (!(avoidBuggy && isBuggy(ip)) && !keyedIps.contains(ip)) {
        takenBelow.put(cidr, offset);
        return ip;
      }
      offset = offset.add(BigInteger.ONE);
    }
    takenBelow.put(cidr, offset);
    return null;
  }

  private IpAddress firstShareable(Cidr cidr, boolean avoidBuggy, ServiceRequest svc) {
    NavigableSet<IpAddress> candidates = new TreeSet<>();
    NavigableSet<IpAddress> sameKey = ipsBySharingKey.get(svc.sharingKey());
    if (sameKey != null && !svc.sharingKey().sharing().isEmpty()) {
      candidates.addAll(sameKey.subSet(cidr.first(), true, cidr.last(), true));
    }
    Assignment own = assignments.get(svc.key());
    if (own != null) {
      own.ips().stream().filter(cidr::contains).filter(keyedIps::contains).forEach(candidates::add);
    }
    for (IpAddress ip : candidates) {
      if (!(avoidBuggy && isBuggy(ip)) && sharingRefusal(svc, ip) == null) {
        return ip;
      }
    }
    return null;
  }

  /** MetalLB's {@code checkSharing}: why the Service may not use the address, or null. */
  private String sharingRefusal(ServiceRequest svc, IpAddress ip) {
    SharingKey existing = sharingKeyForIp.get(ip);
    if (existing == null) {
      return null;
    }
    if (existing.incompatibility(svc.sharingKey()) != null) {
      List<String> others = servicesOnIp.getOrDefault(ip, Set.of()).stream().filter(s -> !s.equals(svc.key())).toList();
      if (!others.isEmpty()) {
        return "can't change sharing key for \"" + svc.key() + "\", address also in use by " + String.join(",", others);
      }
    }
    Map<Port, String> ports = portsInUse.getOrDefault(ip, Map.of());
    for (Port port : svc.ports()) {
      String owner = ports.get(port);
      if (owner != null && !owner.equals(svc.key())) {
        return "port " + port + " is already in use on \"" + ip + "\"";
      }
    }
    return null;
  }

  /** Records an assignment the caller has checked, replacing the Service's previous one. */
  private void record(String svc, Assignment a) {
    unassign(svc);
    assignments.put(svc, a);
    for (IpAddress ip : a.ips()) {
      setKey(ip, a.key());
      Map<Port, String> ports = portsInUse.computeIfAbsent(ip, k -> new LinkedHashMap<>());
      a.ports().forEach(p -> ports.put(p, svc));
      servicesOnIp.computeIfAbsent(ip, k -> new LinkedHashSet<>()).add(svc);
      poolIpsInUse.computeIfAbsent(a.pool(), k -> new HashMap<>()).merge(ip, 1, Integer::sum);
    }
    countersChanged.accept(a.pool());
  }

  private void setKey(IpAddress ip, SharingKey key) {
    SharingKey old = sharingKeyForIp.put(ip, key);
    if (old != null && !old.equals(key)) {
      NavigableSet<IpAddress> set = ipsBySharingKey.get(old);
      if (set != null) {
        set.remove(ip);
      }
    }
    keyedIps.add(ip);
    ipsBySharingKey.computeIfAbsent(key, k -> new TreeSet<>()).add(ip);
  }

  private void clearKey(IpAddress ip) {
    SharingKey old = sharingKeyForIp.remove(ip);
    if (old == null) {
      return;
    }
    keyedIps.remove(ip);
    NavigableSet<IpAddress> set = ipsBySharingKey.get(old);
    if (set != null) {
      set.remove(ip);
      if (set.isEmpty()) {
        ipsBySharingKey.remove(old);
      }
    }
    takenBelow.replaceAll((cidr, below) -> {
      if (!cidr.contains(ip)) {
        return below;
      }
      BigInteger offset = ip.toBigInteger().subtract(cidr.first().toBigInteger());
      return offset.compareTo(below) < 0 ? offset : below;
    });
  }

  /** An IPv4 address ending in .0 or .255, which some CPE firmwares drop as smurf attacks. */
  public static boolean isBuggy(IpAddress ip) {
    return ip.isIpv4() && (ip.lastByte() == 0 || ip.lastByte() == 255);
  }

  /** MetalLB's {@code poolCount}, except that the total saturates instead of overflowing. */
  private static Capacity capacity(Pool p) {
    long total = 0;
    long ipv4 = 0;
    long ipv6 = 0;
    for (Cidr cidr : p.cidrs()) {
      int hostBits = cidr.network().bitLength() - cidr.prefixLength();
      if (hostBits >= 62) {
        total = Long.MAX_VALUE;
        ipv6 = Long.MAX_VALUE;
        continue;
      }
      long size = 1L << hostBits;
      if (p.avoidBuggyIPs()) {
        if (cidr.prefixLength() <= 24) {
          size -= (1L << (24 - cidr.prefixLength())) * 2;
        } else {
          size -= (isBuggy(cidr.first()) ? 1 : 0) + (isBuggy(cidr.last()) ? 1 : 0);
        }
      }
      total = saturatedAdd(total, size);
      if (cidr.family() == IpFamily.IPV4) {
        ipv4 = saturatedAdd(ipv4, size);
      } else {
        ipv6 = saturatedAdd(ipv6, size);
      }
    }
    return new Capacity(total, ipv4, ipv6);
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }

  /** The first free address of each family in one pool (MetalLB's {@code Allocation}). */
  record FreeAddresses(String pool, IpAddress ipv4, IpAddress ipv6) {
    IpAddress of(ServiceFamily family) {
      return switch (family) {
        case IPV4 -> ipv4;
        case IPV6 -> ipv6;
        default -> null;
      };
    }

    /**
     * MetalLB's {@code selectIPsForFamilyAndPolicy}. [QUIRK] A single-family Service gets a list
     * with a null when the pool has no address of its family; {@link Allocator#assign} then refuses
     * it as {@code ["<nil>"] is not allowed in config}, which is MetalLB's message in that case.
     */
    List<IpAddress> select(ServiceFamily family, FamilyPolicy policy) throws AllocationException {
      if (family == ServiceFamily.IPV4) {
        return java.util.Collections.singletonList(ipv4);
      }
      if (family == ServiceFamily.IPV6) {
        return java.util.Collections.singletonList(ipv6);
      }
      switch (policy) {
        case SINGLE_STACK -> {
          IpAddress ip = of(family);
          if (ip != null) {
            return List.of(ip);
          }
        }
        case REQUIRE_DUAL_STACK -> {
          if (ipv4 != null && ipv6 != null) {
            return List.of(ipv4, ipv6);
          }
        }
        case PREFER_DUAL_STACK -> {
          if (ipv4 != null && ipv6 != null) {
            return List.of(ipv4, ipv6);
          }
          if (ipv4 != null) {
            return List.of(ipv4);
          }
          if (ipv6 != null) {
            return List.of(ipv6);
          }
        }
      }
      throw new AllocationException("no available IPs in pool " + pool + " for " + family + " IPFamily");
    }
  }

  /** Sorted view for tests and status: service key → pool. */
  public Map<String, String> poolsByService() {
    Map<String, String> out = new TreeMap<>();
    assignments.forEach((k, v) -> out.put(k, v.pool()));
    return out;
  }
}

package io.metallb.speaker.bgp.lab;

import io.metallb.config.BfdProfile;
import io.metallb.config.BgpAdvertisement;
import io.metallb.config.BgpCommunity;
import io.metallb.config.Peer;
import io.metallb.net.IpAddress;
import io.metallb.speaker.bfd.InMemoryBfdMetrics;
import io.metallb.speaker.bgp.Advertisement;
import io.metallb.speaker.bgp.Advertisements;
import io.metallb.speaker.bgp.InMemoryBgpMetrics;
import io.metallb.speaker.bgp.netty.BgpSpeaker;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A test-only speaker process for the lab: runs {@link BgpSpeaker} inside a node namespace (started
 * there with {@code ip netns exec} by the lab's supervisor), configured by a control file that it
 * re-reads whenever it changes. Prints one line per event on standard output:
 * {@code READY}, {@code LOADED <n>}, {@code STATE <peer> <from> <to> [reason]},
 * {@code BFD <address> <from> <to> <diagnostic code> <epoch ms>}, {@code ERROR <text>}.
 *
 * <p>Usage: {@code BgpSpeakerMain <node-name> <control-file> [--restarted]}. Control lines
 * ({@code #} comments):
 * <pre>
 * peer NAME MY_ASN PEER_ASN ADDRESS [port=179] [hold=SECONDS] [keepalive=SECONDS] [connect=SECONDS]
 *      [password=TEXT] [source=IP] [routerid=IP] [gr] [multihop] [bfd=PROFILE] [iface=NAME]
 * bfdprofile NAME [rx=MS] [tx=MS] [mult=N] [passive] [minttl=N]
 * service IP[,IP…] [agg=LEN] [agg6=LEN] [localpref=N] [communities=C,C…] [peers=NAME,…]
 * </pre>
 * where {@code iface=NAME} makes the peer unnumbered on interface NAME (its ADDRESS is then {@code -}),
 * each {@code service} line is one Service with one BGPAdvertisement, and communities are
 * written as in the BGPAdvertisement ({@code 64512:100}, {@code large:64512:1:100}). SIGTERM closes
 * the sessions without NOTIFICATION.
 */
public final class BgpSpeakerMain {
  private static final Duration POLL = Duration.ofMillis(100);
  private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);

  private BgpSpeakerMain() {}

  /** Runs until killed. */
  public static void main(String[] args) throws Exception {
    String node = args[0];
    Path control = Path.of(args[1]);
    boolean restarted = Arrays.asList(args).contains("--restarted");
    BgpSpeaker speaker = BgpSpeaker.create(node, new InMemoryBgpMetrics(), new InMemoryBfdMetrics(), restarted,
        (session, from, to, reason) -> OUT.println("STATE " + session.peer().name() + " " + from + " " + to
            + (reason.isEmpty() ? "" : " " + reason)),
        (key, change) -> OUT.println("BFD " + key.address() + " " + change.from() + " " + change.to() + " " + change.diagnostic().code()
            + " " + System.currentTimeMillis()));
    Runtime.getRuntime().addShutdownHook(new Thread(() -> speaker.close(false)));
    OUT.println("READY");
    String loaded = null;
    while (true) {
      String text;
      try {
        text = Files.readString(control);
      } catch (NoSuchFileException e) {
        text = "";
      }
      if (!text.equals(loaded)) {
        loaded = text;
        try {
          apply(speaker, text);
        } catch (RuntimeException e) {
          OUT.println("ERROR " + e);
        }
      }
      Thread.sleep(POLL);
    }
  }

  private static void apply(BgpSpeaker speaker, String text) {
    List<Peer> peers = new ArrayList<>();
    List<Advertisement> ads = new ArrayList<>();
    Map<String, BfdProfile> profiles = new HashMap<>();
    for (String raw : text.split("\n")) {
      String line = raw.replaceAll("#.*", "").trim();
      if (line.isEmpty()) {
        continue;
      }
      String[] words = line.split("\\s+");
      Map<String, String> options = options(words);
      switch (words[0]) {
        case "peer" -> peers.add(peer(words, options));
        case "service" -> ads.addAll(service(words, options));
        case "bfdprofile" -> profiles.put(words[1], new BfdProfile(words[1], number(options, "rx"), number(options, "tx"),
            number(options, "mult"), null, false, options.containsKey("passive"), number(options, "minttl")));
        default -> throw new IllegalArgumentException("unknown control line: " + line);
      }
    }
    speaker.setAdvertisements(ads);
    speaker.setBfdProfiles(profiles);
    speaker.setPeers(peers).forEach(e -> OUT.println("ERROR " + e));
    OUT.println("LOADED " + peers.size() + " peers " + ads.size() + " advertisements");
  }

  private static Map<String, String> options(String[] words) {
    Map<String, String> out = new HashMap<>();
    for (String w : words) {
      int eq = w.indexOf('=');
      if (eq > 0) {
        out.put(w.substring(0, eq), w.substring(eq + 1));
      } else {
        out.put(w, "");
      }
    }
    return out;
  }

  private static Long number(Map<String, String> options, String key) {
    return options.containsKey(key) ? Long.valueOf(options.get(key)) : null;
  }

  private static Peer peer(String[] w, Map<String, String> o) {
    Duration hold = o.containsKey("hold") ? Duration.ofSeconds(Long.parseLong(o.get("hold"))) : null;
    Duration keepalive = o.containsKey("keepalive") ? Duration.ofSeconds(Long.parseLong(o.get("keepalive"))) : null;
    Duration connect = o.containsKey("connect") ? Duration.ofSeconds(Long.parseLong(o.get("connect"))) : null;
    boolean unnumbered = o.containsKey("iface");
    return new Peer(w[1], Long.parseLong(w[2]), Long.parseLong(w[3]), "", unnumbered ? null : IpAddress.of(w[4]),
        o.getOrDefault("iface", ""),
        o.containsKey("source") ? IpAddress.of(o.get("source")) : null, Integer.parseInt(o.getOrDefault("port", "179")),
        hold, keepalive, connect, o.containsKey("routerid") ? IpAddress.of(o.get("routerid")) : null, List.of(),
        o.getOrDefault("password", ""), "", "", "", o.getOrDefault("bfd", ""), o.containsKey("gr"), o.containsKey("multihop"), "", o.containsKey("dualstack"), false,
        Long.parseLong(o.getOrDefault("localasn", "0")));
  }

  private static List<Advertisement> service(String[] w, Map<String, String> o) {
    List<IpAddress> ips = Arrays.stream(w[1].split(",")).map(IpAddress::of).toList();
    TreeSet<BgpCommunity> communities = new TreeSet<>();
    if (o.containsKey("communities")) {
      for (String c : o.get("communities").split(",")) {
        BgpCommunity.Parsed parsed = BgpCommunity.parse(c);
        if (parsed.community() == null) {
          throw new IllegalArgumentException(parsed.error().message());
        }
        communities.add(parsed.community());
      }
    }
    List<String> peers = o.containsKey("peers") ? List.of(o.get("peers").split(",")) : List.of();
    BgpAdvertisement ad = new BgpAdvertisement("lab", Integer.parseInt(o.getOrDefault("agg", "32")),
        Integer.parseInt(o.getOrDefault("agg6", "128")), Long.parseLong(o.getOrDefault("localpref", "0")), communities,
        new TreeSet<>(), peers, List.of());
    return Advertisements.forService(ips, List.of(ad));
  }

  /** Writes {@code text} to {@code control} atomically, for the test driving the process. */
  public static void writeControl(Path control, String text) throws IOException {
    Path tmp = control.resolveSibling(control.getFileName() + ".tmp");
    Files.writeString(tmp, text);
    Files.move(tmp, control, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }
}

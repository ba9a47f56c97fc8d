package io.metallb.speaker.memberlist;

import io.metallb.speaker.memberlist.core.Member;
import io.metallb.speaker.memberlist.core.MemberlistConfig;
import io.metallb.speaker.memberlist.core.MembershipListener;
import io.metallb.speaker.memberlist.wire.Keyring;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * A stand-alone memberlist member (SIGTERM/SIGINT stop it through a shutdown hook, leaving first
 * with {@code -leave-on-term}) speaking the same command line and JSON-lines output as the
 * lab's Go agent ({@code lab/src/main/go/mlagent}), so tests and people can put a Java member
 * beside Go ones:
 *
 * <pre>
 * -name N -bind ADDR [-port 7946] [-join host:port,...] [-key BASE64 | -metallb-secret S]
 * [-leave-on-term] [-profile lan|wan|local|fast]
 * </pre>
 *
 * Prints {@code {"event":"started|join|leave|update|joined|drops|stopped",...,"ts":UNIX_MS}}; a
 * {@code drops} line (total inbound packets/streams dropped, by reason) follows any change, once
 * a second.
 */
public final class MemberlistNodeMain {
  private static final PrintStream OUT = System.out;

  private MemberlistNodeMain() {}

  /** Runs a member until SIGTERM or SIGINT. */
  public static void main(String[] args) throws Exception {
    Map<String, String> flags = new java.util.HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String flag = args[i].replaceFirst("^-+", "");
      if (flag.equals("leave-on-term")) {
        flags.put(flag, "true");
      } else if (i + 1 < args.length) {
        flags.put(flag, args[++i]);
      } else {
        throw new IllegalArgumentException("flag " + args[i] + " needs a value");
      }
    }
    String name = required(flags, "name");
    InetAddress bind = InetAddress.ofLiteral(flags.getOrDefault("bind", "0.0.0.0"));
    int port = Integer.parseInt(flags.getOrDefault("port", "7946"));
    MemberlistConfig config = switch (flags.getOrDefault("profile", "lan")) {
      case "lan" -> MemberlistConfig.lan();
      case "wan" -> MemberlistConfig.wan();
      case "local" -> MemberlistConfig.local();
      case "fast" -> MemberlistConfig.fast();
      default -> throw new IllegalArgumentException("unknown profile " + flags.get("profile"));
    };
    Memberlist.Options options = new Memberlist.Options(name, new InetSocketAddress(bind, port), Optional.empty(),
        config, Optional.empty(), "");
    if (flags.containsKey("key")) {
      options = options.withKey(Base64.getDecoder().decode(flags.get("key")));
    } else if (flags.containsKey("metallb-secret")) {
      options = options.withKey(Keyring.metallbKey(flags.get("metallb-secret")));
    }
    MembershipListener printer = new MembershipListener() {
      @Override
      public void onJoin(Member m) {
        emit("join", name, m);
      }

      @Override
      public void onLeave(Member m) {
        emit("leave", name, m);
      }

      @Override
      public void onUpdate(Member m) {
        emit("update", name, m);
      }
    };
    CountDownLatch stop = new CountDownLatch(1);
    Memberlist list = Memberlist.start(options, printer);
    boolean leaveOnTerm = flags.containsKey("leave-on-term");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      stop.countDown();
      try {
        if (leaveOnTerm) {
          list.leave(Duration.ofSeconds(5)).get();
        }
      } catch (Exception e) {
        line("leave-failed", name, "\"error\":\"" + escape(String.valueOf(e.getMessage())) + "\"");
      }
      list.close();
      line("stopped", name, null);
    }, "memberlist-shutdown"));
    {
      line("started", name, "\"addr\":\"" + bind.getHostAddress() + "\",\"port\":" + port);
      if (flags.containsKey("join")) {
        List<InetSocketAddress> seeds = new ArrayList<>();
        for (String hostPort : flags.get("join").split(",")) {
          int colon = hostPort.lastIndexOf(':');
          seeds.add(new InetSocketAddress(literal(hostPort.substring(0, colon).replaceAll("[\\[\\]]", "")),
              Integer.parseInt(hostPort.substring(colon + 1))));
        }
        try {
          int n = list.join(seeds).get();
          line("joined", name, "\"members\":" + n);
        } catch (java.util.concurrent.ExecutionException e) {
          line("joined", name, "\"error\":\"" + escape(e.getCause().getMessage()) + "\"");
        }
      }
      Map<?, ?> lastDrops = Map.of();
      while (!stop.await(1, java.util.concurrent.TimeUnit.SECONDS)) {
        Map<?, ?> drops = list.dropCounts();
        if (!drops.equals(lastDrops)) {
          long total = drops.values().stream().mapToLong(v -> (Long) v).sum();
          line("drops", name, "\"count\":" + total + ",\"reasons\":\"" + escape(drops.toString()) + "\"");
          lastDrops = drops;
        }
      }
    }
  }

  private static InetAddress literal(String host) throws UnknownHostException {
    return InetAddress.ofLiteral(host);
  }

  private static String required(Map<String, String> flags, String flag) {
    String value = flags.get(flag);
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("-" + flag + " is required; flags: " + Arrays.toString(flags.keySet().toArray()));
    }
    return value;
  }

  private static void emit(String event, String self, Member m) {
    line(event, self, "\"node\":\"" + escape(m.name()) + "\",\"addr\":\"" + m.address().getHostAddress()
        + "\",\"port\":" + m.port() + ",\"state\":\"" + m.state() + "\"");
  }

  private static synchronized void line(String event, String self, String fields) {
    OUT.println("{\"event\":\"" + event + "\",\"self\":\"" + escape(self) + "\"" + (fields == null ? "" : "," + fields)
        + ",\"ts\":" + System.currentTimeMillis() + "}");
    OUT.flush();
  }

  private static String escape(String s) {
    return s == null ? "" : s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ");
  }
}

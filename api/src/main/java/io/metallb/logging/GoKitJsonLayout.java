package io.metallb.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;

/**
 * One JSON object per line, shaped like MetalLB's go-kit logs: keys in alphabetical order,
 * {@code caller}, {@code level} (lower case), {@code msg}, {@code ts} (RFC 3339, UTC, nanoseconds)
 * and the event's key-value pairs ({@code op}, {@code event}, {@code error}, …). Thread-safe.
 */
public final class GoKitJsonLayout extends LayoutBase<ILoggingEvent> {
  private static final DateTimeFormatter RFC3339_NANO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'").withZone(ZoneOffset.UTC);

  @Override
  public String doLayout(ILoggingEvent event) {
    Map<String, String> fields = new TreeMap<>();
    if (event.getKeyValuePairs() != null) {
      for (KeyValuePair kv : event.getKeyValuePairs()) {
        fields.put(kv.key, String.valueOf(kv.value));
      }
    }
    String logger = event.getLoggerName();
    fields.put("caller", logger.substring(logger.lastIndexOf('.') + 1));
    fields.put("level", event.getLevel().toString().toLowerCase(Locale.ROOT));
    fields.put("msg", event.getFormattedMessage());
    fields.put("ts", RFC3339_NANO.format(Instant.ofEpochMilli(event.getTimeStamp()).plusNanos(event.getNanoseconds() % 1_000_000)));
    if (event.getThrowableProxy() != null) {
      fields.putIfAbsent("error", event.getThrowableProxy().getClassName() + ": " + event.getThrowableProxy().getMessage());
    }
    StringBuilder sb = new StringBuilder("{");
    fields.forEach((k, v) -> {
      if (sb.length() > 1) {
        sb.append(',');
      }
      quote(sb, k).append(':');
      quote(sb, v);
    });
    return sb.append("}\n").toString();
  }

  private static StringBuilder quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"');
  }

  /**
   * Replaces the root logger's appenders with one that writes these lines to stderr, at the level
   * of MetalLB's {@code --log-level} ({@code all}, {@code debug}, {@code info}, {@code warn},
   * {@code error}, {@code none}).
   */
  public static void install(String logLevel) {
    if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
      return;
    }
    Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAndStopAllAppenders();
    GoKitJsonLayout layout = new GoKitJsonLayout();
    layout.setContext(context);
    layout.start();
    LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
    encoder.setContext(context);
    encoder.setLayout(layout);
    encoder.start();
    ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
    appender.setContext(context);
    appender.setTarget("System.err");
    appender.setEncoder(encoder);
    appender.start();
    root.addAppender(appender);
    root.setLevel(switch (logLevel) {
      case "all" -> Level.TRACE;
      case "debug" -> Level.DEBUG;
      case "warn" -> Level.WARN;
      case "error" -> Level.ERROR;
      case "none" -> Level.OFF;
      default -> Level.INFO;
    });
    // Library chatter (HTTP client, informers) stays at warn unless everything is asked for.
    if (!logLevel.equals("all")) {
      context.getLogger("io.fabric8").setLevel(Level.WARN);
      context.getLogger("io.netty").setLevel(Level.WARN);
      context.getLogger("io.vertx").setLevel(Level.WARN);
      // "unstable version v1beta1" for every metallb.io kind: true, and said once per kind, so not news.
      context.getLogger("io.fabric8.kubernetes.client.dsl.internal.VersionUsageUtils").setLevel(Level.ERROR);
    }
  }
}

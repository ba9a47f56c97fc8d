package io.metallb.speaker.layer2;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The optional {@code /etc/metallb/excludel2.yaml} (spec §8.1): {@code announcedInterfacesToExclude},
 * a list of regular expressions of interface names the layer 2 announcer never uses.
 */
public final class ExcludeL2 {
  private static final Logger log = LoggerFactory.getLogger(ExcludeL2.class);

  private ExcludeL2() {}

  /** The list in {@code file}; empty when the file is absent or unreadable (logged). */
  public static List<String> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try {
      return parse(Files.readString(file));
    } catch (java.io.IOException | JacksonException | IllegalArgumentException e) {
      log.atError().addKeyValue("op", "startup").addKeyValue("file", file.toString()).addKeyValue("error", e.getMessage())
          .log("failed to read the layer 2 interface exclusions");
      return List.of();
    }
  }

  /** Parses the file's YAML text. */
  public static List<String> parse(String yaml) {
    JsonNode root = YAMLMapper.builder().build().readTree(yaml);
    List<String> out = new ArrayList<>();
    JsonNode list = root == null ? null : root.get("announcedInterfacesToExclude");
    if (list != null && list.isArray()) {
      list.forEach(n -> out.add(n.asString()));
    }
    return List.copyOf(out);
  }
}

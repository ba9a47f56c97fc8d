package io.metallb.api.manifest;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads Kubernetes manifests: files or directories (their {@code .yaml}, {@code .yml} and
 * {@code .json} files, recursively, in name order), multi-document YAML or JSON, and {@code List}
 * kinds flattened into their items. Not thread-safe per call; holds no state between calls.
 */
public final class ManifestReader {
  private static final ObjectMapper YAML =
      YAMLMapper.builder().disable(tools.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private ManifestReader() {}

  /** Every document of every path; fails on the first file that cannot be read or parsed. */
  public static List<ManifestDocument> read(List<Path> paths) throws ManifestException {
    List<ManifestDocument> out = new ArrayList<>();
    for (Path path : paths) {
      for (Path file : files(path)) {
        out.addAll(readFile(file));
      }
    }
    return out;
  }

  private static List<Path> files(Path path) throws ManifestException {
    if (!Files.exists(path)) {
      throw new ManifestException(path + ": no such file or directory");
    }
    if (!Files.isDirectory(path)) {
      return List.of(path);
    }
    try (Stream<Path> walk = Files.walk(path)) {
      return walk.filter(Files::isRegularFile)
          .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml") || p.toString().endsWith(".json"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new ManifestException(path + ": " + e.getMessage());
    }
  }

  static List<ManifestDocument> readFile(Path file) throws ManifestException {
    try (Reader reader = Files.newBufferedReader(file)) {
      return readDocuments(file.toString(), reader);
    } catch (IOException e) {
      throw new ManifestException(file + ": " + e.getMessage());
    }
  }

  /** Parses a stream of documents (YAML is a superset of JSON, so one parser serves both). */
  public static List<ManifestDocument> readDocuments(String source, Reader reader) throws ManifestException {
    List<ManifestDocument> out = new ArrayList<>();
    int index = 0;
    try (JsonParser parser = YAML.createParser(reader)) {
      while (true) {
        JsonToken token = parser.nextToken();
        if (token == null) {
          break;
        }
        index++;
        int line = parser.currentTokenLocation().getLineNr();
        JsonNode tree = YAML.readTree(parser);
        if (tree == null || tree.isNull() || tree.isMissingNode()) {
          continue;
        }
        if (!tree.isObject()) {
          throw new ManifestException(source + ":" + line + ": document " + index + " is not an object");
        }
        if (tree.path("kind").asString("").endsWith("List") && tree.path("items").isArray()) {
          int item = 0;
          for (JsonNode child : tree.path("items")) {
            out.add(new ManifestDocument(source + "#" + index + ".items[" + item++ + "]", line, child));
          }
        } else {
          out.add(new ManifestDocument(source + "#" + index, line, tree));
        }
      }
    } catch (JacksonException e) {
      TokenStreamLocation at = e.getLocation();
      String where = at == null ? "" : ":" + at.getLineNr();
      throw new ManifestException(source + where + ": " + e.getOriginalMessage());
    }
    return out;
  }

  /** A manifest that cannot be read: the message names the file (and line, when known). */
  public static final class ManifestException extends Exception {
    public ManifestException(String message) {
      super(message, null, false, false);
    }
  }
}

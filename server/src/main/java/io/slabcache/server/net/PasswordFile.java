package io.slabcache.server.net;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads users for authentication from a file of {@code user:password} lines, the format of
 * memcached's SASL password database and its {@code -Y} auth file. Blank lines and lines starting
 * with {@code #} are skipped.
 */
public final class PasswordFile {

  private PasswordFile() {}

  /**
   * The users in the file.
   *
   * @throws IllegalArgumentException naming the line when one has no colon or no user name
   */
  public static Map<String, String> read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    Map<String, String> users = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException(file + " line " + (i + 1) + ": expected user:password");
      }
      users.put(line.substring(0, colon), line.substring(colon + 1));
    }
    if (users.isEmpty()) {
      throw new IllegalArgumentException(file + " holds no users");
    }
    return users;
  }
}

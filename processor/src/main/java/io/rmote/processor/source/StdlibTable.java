package io.rmote.processor.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one table of which Python 3 versions have which standard modules: {@code stdlib-versions.txt}
 * beside this class, each row taken from CPython's documentation (What's New, and the library
 * reference's "Added in version" notes). A test imports every row on every real interpreter the
 * tests have.
 */
public final class StdlibTable {

  /**
   * One row.
   *
   * @param name a module ({@code zoneinfo}), a submodule ({@code importlib.metadata}) or a name
   *     imported from a module ({@code typing.Literal})
   * @param added the minor version of Python 3 that added it, or 0 if every Python 3 has it
   * @param removed the minor version of Python 3 that removed it, or 0 if none did
   * @param optional whether a build may lack it (a system library or a platform it needs)
   */
  public record Row(String name, int added, int removed, boolean optional) {
    /** Whether Python {@code 3.minor} has it, builds that leave it out aside. */
    public boolean presentIn(int minor) {
      return minor >= added && (removed == 0 || minor < removed);
    }
  }

  private static final Map<String, Row> ROWS = load();

  private StdlibTable() {}

  /** Every row, in the table's order. */
  public static List<Row> rows() {
    return List.copyOf(ROWS.values());
  }

  /** The row of {@code name}, or {@code null} if every Python 3 from 3.6 on has it alike. */
  public static Row row(String name) {
    return ROWS.get(name);
  }

  private static Map<String, Row> load() {
    Map<String, Row> rows = new LinkedHashMap<>();
    try (InputStream in = StdlibTable.class.getResourceAsStream("stdlib-versions.txt")) {
      if (in == null) throw new IllegalStateException("stdlib-versions.txt is not packaged");
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      for (String line : text.split("\n")) {
        if (line.isBlank() || line.startsWith("#")) continue;
        String[] f = line.trim().split("\\s+");
        rows.put(f[0], new Row(f[0], minor(f[1]), minor(f[2]), f[3].equals("optional")));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  private static int minor(String version) {
    return version.equals("-") ? 0 : Integer.parseInt(version.substring("3.".length()));
  }
}

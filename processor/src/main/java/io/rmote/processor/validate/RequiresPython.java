package io.rmote.processor.validate;

import io.rmote.processor.model.ToolInterface;
import io.rmote.processor.report.Messages;
import io.rmote.processor.report.Reporter;
import io.rmote.processor.source.VersionUse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Holds each tool to the oldest Python it declares: {@code @RemoteTool(requiresPython)}, else the
 * compilation's {@code -Armote.requiresPython}, else 3.7 (the oldest Python with {@code
 * dataclasses}, so that tools written the usual way compile as they are). What the source uses is
 * found by {@link io.rmote.processor.source.VersionScanner}; this class compares and reports.
 */
public final class RequiresPython {
  /** The minor version of the default, 3.7. */
  public static final int DEFAULT_MINOR = 7;

  // The runtime itself needs 3.6, so nothing older can be declared.
  private static final int OLDEST_MINOR = 6;
  private static final Pattern VERSION = Pattern.compile("3\\.(0|[1-9][0-9]{0,2})");

  private final Reporter reporter;
  private final int compilationMinor;
  private final String compilationDeclares;

  /** {@code option} is the value of {@code -Armote.requiresPython}, or {@code null}. */
  public RequiresPython(Reporter reporter, String option) {
    this.reporter = reporter;
    int minor = option == null ? -1 : minor(option);
    if (option != null && minor < 0) {
      reporter.report(Messages.requiresPythonInvalid("-Armote.requiresPython", option));
    }
    if (minor < 0) {
      compilationMinor = DEFAULT_MINOR;
      compilationDeclares =
          "the tool must run on Python 3."
              + DEFAULT_MINOR
              + ", the default (declare another with @RemoteTool(requiresPython = \"3.N\") or"
              + " -Armote.requiresPython=3.N)";
    } else {
      compilationMinor = minor;
      compilationDeclares = "the compilation declares -Armote.requiresPython=" + option.strip();
    }
  }

  /** The minor version of {@code "3.N"}, or -1 if it is no version the runtime runs on. */
  static int minor(String version) {
    Matcher m = VERSION.matcher(version.strip());
    if (!m.matches()) return -1;
    int minor = Integer.parseInt(m.group(1));
    return minor < OLDEST_MINOR ? -1 : minor;
  }

  /** Reports on {@code tool}'s interface each use in its source that its version lacks. */
  public void check(ToolInterface tool, List<VersionUse> uses) {
    int declared = compilationMinor;
    String declares = compilationDeclares;
    if (!tool.requiresPython().isEmpty()) {
      declared = minor(tool.requiresPython());
      if (declared < 0) {
        reporter.report(
            tool.element(),
            tool.annotation(),
            tool.requiresPythonValue(),
            Messages.requiresPythonInvalid(
                "@RemoteTool(requiresPython = ...)", tool.requiresPython()));
        return;
      }
      declares = "the tool declares requiresPython = \"" + tool.requiresPython().strip() + "\"";
    }
    for (VersionUse u : uses) {
      if (u.added() > declared) {
        reporter.report(
            tool.element(),
            u.kind() == VersionUse.Kind.SYNTAX
                ? Messages.syntaxTooNew(tool, u, declares)
                : Messages.moduleTooNew(tool, u, declares));
      }
      if (u.removed() > 0) reporter.report(tool.element(), Messages.moduleRemoved(tool, u));
    }
  }
}

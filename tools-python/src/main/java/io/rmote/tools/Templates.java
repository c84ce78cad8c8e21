package io.rmote.tools;

import io.rmote.Template;
import io.rmote.annotations.RemoteTool;
import java.util.Map;

/**
 * The built-in {@code Template} tool ({@code tools/template.py}), typed: {@code
 * remote.tool(Templates.class)}. It renders the runtime's Mako-like language (see {@link Template})
 * on the remote, where the variables are the host's: output exactly as the Python library's, one
 * final line break dropped ({@code "a\n"} renders {@code "a"}, as Jinja2 does by default) unless
 * {@code keepTrailingNewline}.
 *
 * <p>Named {@code Templates}, not {@code Template} as the Python class: {@link Template} is already
 * the value (the Python {@code rmote.protocol.Template}) that {@link #renderCompiled} takes, and
 * two public types of one simple name would make every caller qualify one. The plural follows
 * {@code Files} for {@code Path}: the operations on the value.
 *
 * <p>Variables: each value reaches the template as a Python {@code str} (the typed API carries
 * {@code Map<String, String>}; {@code ${int(port) + 1}} converts). A name the template uses and the
 * map lacks fails with {@code io.rmote.python.NameError} naming the template line; a broken
 * structure in a template given as text fails with {@code io.rmote.python.SyntaxError} with the
 * line and column. A {@code variables} entry named like a keyword parameter of the Python method
 * ({@code keep_trailing_newline}, …) cannot be passed.
 */
@RemoteTool(source = "tools/template.py", name = "Template", requiresPython = "3.6")
public interface Templates {

  /** Renders the template text {@code template} with {@code variables} (null: none). */
  String render(String template, Map<String, String> variables);

  /** As {@link #render(String, Map)}, keeping a final line break of the template if asked. */
  String render(String template, Map<String, String> variables, boolean keepTrailingNewline);

  /** Renders the template in the remote file {@code path} (UTF-8). */
  String renderFile(String path, Map<String, String> variables);

  /** As {@link #renderFile(String, Map)}, keeping a final line break of the template if asked. */
  String renderFile(String path, Map<String, String> variables, boolean keepTrailingNewline);

  /** Renders a template checked on this side by {@link Template#of}. */
  String renderCompiled(Template template, Map<String, String> variables);

  /**
   * As {@link #renderCompiled(Template, Map)}, keeping a final line break of the template if asked.
   */
  String renderCompiled(
      Template template, Map<String, String> variables, boolean keepTrailingNewline);

  /**
   * Renders {@code template} into the remote file {@code path}, atomically and with a diff, as
   * {@link FileSystem#writeStr(String, String, FileMode, String, String, boolean)} writes (a new
   * file 0644, an existing one keeping its mode, owner and extended attributes); no final line
   * break, as {@code render}.
   */
  FileChange renderTo(String path, Template template, Map<String, String> variables);

  /**
   * {@link #renderTo(String, Template, Map)} with the file's mode, owner and group (null: keep),
   * {@code keepTrailingNewline} (a cron.d file needs {@code true}: cron ignores a last line without
   * one) and a dry run that computes the same result without writing.
   */
  FileChange renderTo(
      String path,
      Template template,
      Map<String, String> variables,
      FileMode mode,
      String owner,
      String group,
      boolean keepTrailingNewline,
      boolean dryRun);
}

package io.rmote.samples;

import io.rmote.Remote;
import io.rmote.Template;
import io.rmote.tools.Templates;
import java.util.Map;

/**
 * Templating: the runtime's Mako-like language ({@code ${expression}}, {@code %} lines of control
 * flow, {@code ##} comments), rendered by the remote's Python. A {@link Template} is compiled and
 * checked in Java, then rendered on each host with that host's values.
 */
public final class Templating {

  /** Renders on a local {@code python3}. */
  public static void main(String[] args) {
    // [templating]
    Template vhost =
        Template.of( // checked here: a broken structure throws Template.SyntaxException now
            String.join(
                "\n",
                "## server block for ${hostname}",
                "server_name ${hostname}; listen ${port};",
                "% for path in paths.split():",
                "location ${path} { root /srv${path}; }",
                "% endfor",
                "% if int(port) == 443:",
                "ssl on;",
                "% endif"));
    try (Remote remote = Remote.local()) {
      Templates templates = remote.tool(Templates.class);
      String hostname = remote.tool(SystemTool.class).hostname(); // this host's own value
      System.out.println(
          templates.renderCompiled(
              vhost, Map.of("hostname", hostname, "port", "443", "paths", "/ /static")));

      // ${...} holds any Python expression
      System.out.println(
          templates.render(
              "Hi ${name}, you have ${n} message${'s' if int(n) != 1 else ''}.",
              Map.of("name", "Bob", "n", "3")));
    }
    try {
      Template.of("% for x in xs:\n${x}\n"); // the block is never closed
    } catch (Template.SyntaxException e) {
      System.out.println("refused before any host saw it: " + e.getMessage());
    }
    // [/templating]
  }

  private Templating() {}
}

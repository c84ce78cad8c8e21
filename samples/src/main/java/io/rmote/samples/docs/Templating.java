package io.rmote.samples.docs;

import io.rmote.Remote;
import io.rmote.Template;
import io.rmote.tools.Templates;
import java.util.Map;

/** The code of docs/templating.md: a {@link Template} checked in Java and rendered remotely. */
public final class Templating {
  private Templating() {}

  /** Renders a vhost line on {@code remote} with values for that host. */
  public static String vhost(Remote remote, String hostname, int port) {
    // [render]
    Template vhost = Template.of("server_name ${hostname}; listen ${port};"); // checked here, once

    Templates templates = remote.tool(Templates.class);
    String line =
        templates.renderCompiled(vhost, Map.of("hostname", hostname, "port", String.valueOf(port)));
    // [/render]
    return line;
  }
}

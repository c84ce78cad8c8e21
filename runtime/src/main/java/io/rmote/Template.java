package io.rmote;

import java.util.Objects;

/**
 * A template in the remote runtime's Mako-like language, to pass as an argument to a tool that
 * renders it on the remote with host-specific values: {@code ${expr}} interpolates any Python
 * expression, lines starting with {@code %} are control flow ({@code % for x in xs:} … {@code %
 * endfor}), {@code ##} lines are comments, {@code %%} emits a literal {@code %} and <code>\${
 * </code> escapes interpolation. On the remote it arrives as {@code rmote.protocol.Template}.
 */
public final class Template {
  private final String source;

  private Template(String source) {
    this.source = Objects.requireNonNull(source, "source");
  }

  public static Template of(String source) {
    return new Template(source);
  }

  public String source() {
    return source;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Template && ((Template) o).source.equals(source);
  }

  @Override
  public int hashCode() {
    return source.hashCode();
  }

  @Override
  public String toString() {
    return "Template[" + source + "]";
  }
}

package io.rmote.tools;

import java.util.List;

/**
 * What a mutating file call did, or with {@code dryRun} would do: the same record either way,
 * computed on the remote from the file as it is.
 *
 * @param path the path as given
 * @param changed whether the state after differs from the state before (content, mode, owner,
 *     existence or link target), never merely that something was written
 * @param diff a unified diff of the content ({@code fromfile} and {@code tofile} both {@code path},
 *     GNU's "\ No newline at end of file" where it applies), {@code ""} when the content is the
 *     same; {@code "Binary files … differ"} for content that is not UTF-8
 * @param inPlace true when the atomic rename failed with {@code EBUSY} (a bind-mounted file, as
 *     Docker mounts {@code /etc/hosts}) and the file was rewritten in place instead, which a crash
 *     can leave half written; {@link #warnings()} says so too
 * @param warnings what changed besides the content ({@code "mode 0600 -> 0644"}, {@code "removed"},
 *     …) and what could not be kept (an extended attribute, the owner)
 */
public record FileChange(
    String path, boolean changed, String diff, boolean inPlace, List<String> warnings) {

  public FileChange {
    warnings = List.copyOf(warnings);
  }
}

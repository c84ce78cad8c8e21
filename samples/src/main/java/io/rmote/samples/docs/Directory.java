package io.rmote.samples.docs;

import io.rmote.annotations.RemoteTool;
import java.util.List;
import java.util.concurrent.CompletableFuture;

// [tool]
@RemoteTool(source = "tools/docs/directory.py", requiresPython = "3.7")
public interface Directory {
  List<Entry> entries(String path, Boolean hidden); // keyword-only; null: Python's False

  long totalSize(String... paths); // Java varargs: Python's *paths

  CompletableFuture<Boolean> waitFor(String path, Double timeoutSeconds); // async def

  record Entry(String name, long sizeBytes, Kind kind) {} // the dataclass, by field name

  enum Kind { // the enum, by member name
    FILE,
    DIRECTORY,
    OTHER
  }
}
// [/tool]

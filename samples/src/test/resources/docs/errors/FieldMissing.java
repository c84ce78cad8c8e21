package errors.fieldmissing;

import io.rmote.annotations.RemoteTool;
import java.util.List;

// [example]
@RemoteTool(source = "tools/docs/directory.py")
interface Directory {
  List<Entry> entries(String path, Boolean hidden);

  record Entry(String name, long sizeBytes, Kind kind, long modified) {}

  enum Kind {
    FILE,
    DIRECTORY,
    OTHER
  }
}
// [/example]

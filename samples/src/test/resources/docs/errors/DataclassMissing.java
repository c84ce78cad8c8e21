package errors.dataclassmissing;

import io.rmote.annotations.RemoteTool;
import java.util.List;

// [example]
@RemoteTool(source = "tools/docs/directory.py")
interface Directory {
  List<Item> entries(String path, Boolean hidden);

  record Item(String name, long sizeBytes) {}
}
// [/example]

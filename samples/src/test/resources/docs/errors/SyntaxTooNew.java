package errors.syntaxtoonew;

import io.rmote.annotations.RemoteTool;

// [example]
@RemoteTool(source = "tools/walrus.py") // requiresPython: 3.7 by default
interface Lines {
  String first(String path);
}
// [/example]

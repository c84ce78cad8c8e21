package errors.varargsneedearlierarguments;

import io.rmote.annotations.RemoteTool;

// [example]
@RemoteTool(source = "tools/odd.py")
interface Joiner {
  String join(String... parts); // sep is left to its default, so parts cannot follow it
}
// [/example]

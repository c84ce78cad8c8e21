package errors.toolhasinit;

import io.rmote.annotations.RemoteTool;

// [example]
@RemoteTool(source = "tools/odd.py")
interface Stateful {}
// [/example]

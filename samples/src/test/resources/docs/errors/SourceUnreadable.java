package errors.sourceunreadable;

import io.rmote.annotations.RemoteTool;

// [example]
@RemoteTool(source = "tools/unreadable.py")
interface Broken {}
// [/example]

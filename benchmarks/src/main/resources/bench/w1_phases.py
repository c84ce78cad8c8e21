"""Times the remote's share of W1, phase by phase, as the first stage does it.

Usage: python3 -E -s w1_phases.py RUNTIME.PY RUNTIME.PY.LZMA
(the stripped runtime and the payload file that the runtime module's build writes beside it, in
its output folder's io/rmote/remote).
Prints one line of milliseconds per phase: importing lzma, decoding the base64 text and
decompressing it, compiling the runtime, and executing its module body (imports and definitions;
run under another __name__ so that its main loop does not start).
"""
import sys
import time

t0 = time.perf_counter()
import os  # noqa: E402,F401
import binascii  # noqa: E402
t1 = time.perf_counter()
import lzma  # noqa: E402
t2 = time.perf_counter()
with open(sys.argv[2], "rb") as f:
    raw = f.read()
n = int.from_bytes(raw[4:8], "big")
text = binascii.b2a_base64(raw[8:8 + n], newline=False)
t3 = time.perf_counter()
source = lzma.decompress(binascii.a2b_base64(text))
t4 = time.perf_counter()
with open(sys.argv[1], "rb") as f:
    assert f.read() == source, "the payload is not this runtime"
t5 = time.perf_counter()
namespace = {"__name__": "__phases__", "MARK": b"0"}
if source.startswith((b"for _part in (", b"_CODE = [compile(")):
    # The payload compiled in parts (strip_runtime.in_parts): time each part's compile apart from
    # running it (the payload compiles them all, then runs them; before stop 25 it did each in
    # turn); the start of main after the loop does not run here.
    # The parts are the loop's constant tuple: compiling the loop alone is cheap (string literals)
    # and, unlike ast.parse, leaves no parser memory behind to flatter the parts' compiles.
    parts = next(c for c in compile(source, "<rmote>", "exec").co_consts if isinstance(c, tuple))
    t6 = t7 = 0.0
    for part in parts:
        a = time.perf_counter()
        code = compile(part, "<rmote>", "exec")
        b = time.perf_counter()
        exec(code, namespace)
        t6 += b - a
        t7 += time.perf_counter() - b
    t5, t6, t7 = 0.0, t6, t6 + t7
else:
    code = compile(source, "<rmote>", "exec")
    t6 = time.perf_counter()
    exec(code, namespace)
    t7 = time.perf_counter()
ms = lambda a, b: "%.2f" % ((b - a) * 1e3)  # noqa: E731
print("stage1_imports_ms", ms(t0, t1), "import_lzma_ms", ms(t1, t2), "decompress_ms", ms(t3, t4),
      "compile_ms", ms(t5, t6), "exec_module_ms", ms(t6, t7))

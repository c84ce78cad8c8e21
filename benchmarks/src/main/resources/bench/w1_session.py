"""W1 from outside the interpreter, as the controller does it, for payloads compared side by side.

Usage: python3 w1_session.py PYTHON STAGE1.PY ROUNDS NAME=RUNTIME.PY.LZMA[,STAGE1.PY] [...]

Each round spawns, in turn: the bare interpreter (`PYTHON FLAGS -c pass`, until it exits), then one
session per payload: the interpreter with the first stage as its -c argument, the payload written
to its stdin, the ready line read (`ready_ms`, from the spawn), then one SYNC of a small tool and
one CALL of it, written together, as the controller writes them, and its RESULT read (`call_ms`,
from the ready line; `total_ms` from the spawn). The session then ends (QUIT) untimed. Rounds
interleave the payloads, each in each place in turn (bare, A, B, bare, B, A, ...), so a change of
load hits each alike; the
figures printed are medians (and the tenth percentile: a start on this machine kind is
bimodal, a fast mode and one about 10 ms slower, and the tenth percentile is the fast mode's), one JSON line per payload and one for the bare start, with the load
average at the end of the run. RUNTIME.PY.LZMA is the file the runtime module's build writes
(target/classes/io/rmote/remote): CRC, LZMA length, LZMA, zlib. FLAGS are the interpreter's flags
for both starts, from RMOTE_W1_FLAGS: by default `-E -s -S`, the runtime's own. A payload given
with a first stage of its own (`NAME=RUNTIME.PY.LZMA,STAGE1.PY`) starts with that one, for builds
whose first stages differ.
"""
import base64
import json
import os
import struct
import subprocess
import sys
import time

TOOL = b"""from rmote.protocol import Tool


class Host(Tool):
    @staticmethod
    def hostname():
        with open("/etc/hostname") as f:
            return f.read().strip()
"""


# The interpreter's flags for both starts: the runtime's own by default (Bootstrap.pythonArgs).
FLAGS = os.environ.get("RMOTE_W1_FLAGS", "-E -s -S").split()


def _s(b):
    return struct.pack(">I", len(b)) + b


def _frame(kind, pid, body):
    return struct.pack(">IBBI", len(body) + 6, kind, 0, pid) + body


SYNC = _frame(1, 0, struct.pack(">I", 1) + _s(b"tools/host.py") + _s(TOOL))
CALL = _frame(2, 1, struct.pack(">I", 1) + _s(b"Host") + _s(b"hostname") + bytes([0x0A, 0, 0, 0, 0, 0x0B, 0, 0, 0, 0]))
QUIT = _frame(7, 0, b"")


def load(path):
    with open(path, "rb") as f:
        raw = f.read()
    n = struct.unpack(">I", raw[4:8])[0]
    return base64.b64encode(raw[8:8 + n]), base64.b64encode(raw[8 + n:])


def read_exact(fd, n):
    out = b""
    while len(out) < n:
        chunk = os.read(fd, n - len(out))
        if not chunk:
            raise EOFError("the remote closed its stdout")
        out += chunk
    return out


def session(python, stage1, payload):
    lzma_text, zlib_text = payload
    token = 123456789
    # K=0, B='': from the source (an older first stage ignores them)
    first = "T,L,Z,K,B=%d,%d,%d,0,''\n" % (token, len(lzma_text), len(zlib_text)) + stage1
    marker = ("%x" % token).encode()
    t0 = time.perf_counter()
    p = subprocess.Popen([python] + FLAGS + ["-c", first], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, bufsize=0)
    p.stdin.write(lzma_text)
    fd = p.stdout.fileno()
    line = b""
    while not line.endswith(b"\n"):
        line += read_exact(fd, 1)
    if not line.startswith(marker + b" ready"):
        raise RuntimeError("no ready line: %r %r" % (line, p.stderr.read()))
    t1 = time.perf_counter()
    p.stdin.write(SYNC + CALL)
    head = read_exact(fd, 10)
    length, kind, _, pid = struct.unpack(">IBBI", head)
    read_exact(fd, length - 6)
    t2 = time.perf_counter()
    if kind != 3 or pid != 1:
        raise RuntimeError("answer kind %d pid %d" % (kind, pid))
    p.stdin.write(QUIT)
    p.stdin.close()
    p.wait()
    p.stdout.close()
    p.stderr.close()
    return (t1 - t0) * 1e3, (t2 - t1) * 1e3, (t2 - t0) * 1e3


def bare(python):
    t0 = time.perf_counter()
    subprocess.run([python] + FLAGS + ["-c", "pass"], check=True)
    return (time.perf_counter() - t0) * 1e3


def median(xs):
    xs = sorted(xs)
    return xs[len(xs) // 2] if len(xs) % 2 else (xs[len(xs) // 2 - 1] + xs[len(xs) // 2]) / 2


def p10(xs):
    return sorted(xs)[len(xs) // 10]


def main():
    python, stage1_path, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
    with open(stage1_path) as f:
        stage1 = f.read()
    payloads = []
    for arg in sys.argv[4:]:
        name, files = arg.split("=", 1)
        payload, _, own_stage1 = files.partition(",")
        if own_stage1:
            with open(own_stage1) as f:
                payloads.append((name, load(payload), f.read()))
        else:
            payloads.append((name, load(payload), stage1))
    base = []
    runs = {name: [] for name, _, _ in payloads}
    for i in range(rounds):
        base.append(bare(python))
        # Each payload takes each place in turn: the session that follows another in a round was
        # 10 to 20 ms slower here whichever payload it was.
        for name, payload, first_stage in payloads[i % len(payloads):] + payloads[:i % len(payloads)]:
            runs[name].append(session(python, first_stage, payload))
    load_avg = os.getloadavg()
    b = median(base)
    print(json.dumps({"what": "bare", "median_ms": round(b, 2), "p10_ms": round(p10(base), 2), "rounds": rounds,
                      "load": load_avg}))
    for name, payload, _ in payloads:
        r = runs[name]
        total = median([x[2] for x in r])
        print(json.dumps({"what": name, "ready_ms": round(median([x[0] for x in r]), 2),
                          "call_ms": round(median([x[1] for x in r]), 2), "total_ms": round(total, 2),
                          "over_bare_ms": round(total - b, 2), "total_p10_ms": round(p10([x[2] for x in r]), 2), "payload_b64": len(payload[0]),
                          "rounds": rounds, "load": load_avg}))


if __name__ == "__main__":
    main()

"""Feeds many inputs to the runtime's value decoder, as a CALL's arguments would reach it.

Usage: python3 fuzz_decoder.py RUNTIME_PY INPUTS_FILE

INPUTS_FILE holds inputs as u32 length + bytes, one after another (PythonDecoderFuzzTest writes
it from mutated golden vectors). Each input must decode, or raise an Exception that the runtime
answers as that call's ERROR (ProtocolError ends the connection on purpose); it must never take
longer than a few seconds, raise MemoryError or anything that is not an Exception. Prints one
line of JSON: the number of inputs, the count of each outcome, the bad ones, and the peak RSS.
"""
import json
import signal
import struct
import sys


class Hang(BaseException):
    pass


def _alarm(*_):
    raise Hang()


def main():
    runtime, inputs = sys.argv[1], sys.argv[2]
    namespace = {"__name__": "rmote_fuzz"}
    with open(runtime) as f:
        exec(compile(f.read(), runtime, "exec"), namespace)
    decode = namespace["decode"]
    with open(inputs, "rb") as f:
        data = f.read()
    signal.signal(signal.SIGALRM, _alarm)
    outcomes = {}
    bad = []
    pos = 0
    index = 0
    while pos < len(data):
        n = struct.unpack_from(">I", data, pos)[0]
        item = data[pos + 4:pos + 4 + n]
        pos += 4 + n
        signal.alarm(5)
        try:
            decode(item)
            kind = "ok"
        except Hang:
            kind = "hang"
        except MemoryError:
            kind = "MemoryError"
        except Exception as e:
            kind = type(e).__name__
        except BaseException as e:
            kind = "BaseException " + type(e).__name__
        finally:
            signal.alarm(0)
        if kind in ("hang", "MemoryError") or kind.startswith("BaseException"):
            bad.append([index, kind, item[:64].hex()])
        outcomes[kind] = outcomes.get(kind, 0) + 1
        index += 1
    print(json.dumps({"inputs": index, "outcomes": outcomes, "bad": bad, "max_rss_kib": _peak_kib()}))


def _peak_kib():
    # VmHWM, not getrusage's ru_maxrss: Linux carries ru_maxrss over execve, so a child spawned
    # by a large JVM would report the JVM's own resident size.
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return -1


if __name__ == "__main__":
    main()

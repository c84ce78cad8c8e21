"""What both PEERS drivers share: the JSON line they print and the statistics they take."""
import json
import platform
import sys
import time


def emitter(peer, version):
    """A function printing one JSON line of workload `workload` for `peer` at `version`."""
    def emit(workload, **kv):
        line = {'workload': workload, 'group': 'PEERS', 'peer': peer, 'version': version}
        line.update(kv)
        line['python'] = '%s %s' % (sys.executable, platform.python_version())
        print(json.dumps(line), flush=True)
    return emit


def median(values):
    """The lower median, as the Java side's percentile(v, 50) takes it."""
    s = sorted(values)
    return s[(len(s) - 1) // 2]


def percentile(values, p):
    """The nearest-rank percentile, as the Java side's percentile(v, p) takes it."""
    s = sorted(values)
    i = max(0, min(len(s) - 1, -(-p * len(s) // 100) - 1))
    return s[i]


def timed(fn):
    """Seconds that fn() takes."""
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0

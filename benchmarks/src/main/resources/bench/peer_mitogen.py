"""PEERS driver for Mitogen: one workload per run, timed here, one JSON line on stdout.

Run by io.rmote.benchmarks.Peers as a child process with Debian's python3 (python3-mitogen).
  peer_mitogen.py W1|W2|W3|W4
  peer_mitogen.py W5 HOSTS PORT USER KEY KNOWN_HOSTS
  peer_mitogen.py SIZES
The trivial call is read('/etc/hostname') on the far side, as for our PEERS lines. The broker
and router start once per process, before any timing, as our JVM's scheduler does.
"""
import logging
import sys
import threading
import time

import mitogen
import mitogen.core
import mitogen.master
import mitogen.parent
import mitogen.utils
from peer_common import emitter, median, percentile  # noqa: E402

PYTHON = '/usr/bin/python3'
HOSTNAME = '/etc/hostname'


def read(path):
    with open(path, 'rb') as f:
        return f.read()


def blob(size):
    return bytes(size)


emit = emitter('mitogen', '.'.join(str(v) for v in mitogen.__version__))


def local(router):
    return router.local(python_path=PYTHON)


def w1(router):
    n = 20
    for _ in range(3):
        ctx = local(router)
        ctx.call(read, HOSTNAME)
        ctx.shutdown(wait=True)
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        ctx = local(router)
        ctx.call(read, HOSTNAME)
        times.append((time.perf_counter() - t0) * 1e3)
        ctx.shutdown(wait=True)
    emit('W1', connections=n, median_ms=round(median(times), 1),
         definition='router.local() + ctx.call(read /etc/hostname); broker started once')


def w2(router):
    n = 3000
    ctx = local(router)
    for _ in range(1000):
        ctx.call(read, HOSTNAME)
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        ctx.call(read, HOSTNAME)
        times.append((time.perf_counter() - t0) * 1e6)
    ctx.shutdown(wait=True)
    emit('W2', calls=n, median_us=round(median(times), 1), p99_us=round(percentile(times, 99), 1),
         definition='ctx.call(read /etc/hostname), one after the other')


def in_flight(ctx, window, n):
    pending = []
    sent = 0
    done = 0
    while done < n:
        while sent < n and len(pending) < window:
            pending.append(ctx.call_async(read, HOSTNAME))
            sent += 1
        pending.pop(0).get().unpickle()
        done += 1


def w3(router):
    window = 64
    n = 10000
    ctx = local(router)
    in_flight(ctx, window, 2000)
    t0 = time.perf_counter()
    in_flight(ctx, window, n)
    rate = n / (time.perf_counter() - t0)
    ctx.shutdown(wait=True)
    emit('W3', in_flight=window, calls_per_s=round(rate),
         definition='ctx.call_async(read /etc/hostname), 64 outstanding; the child runs them '
                    'one at a time on its main thread')


def w4(router):
    size = 128 << 20
    # Mitogen refuses messages over 128 MiB by default; a 128 MiB result pickles a little larger.
    router.max_message_size = 256 << 20
    ctx = local(router)
    ctx.call(blob, 1 << 20)
    rates = []
    for _ in range(3):
        t0 = time.perf_counter()
        b = ctx.call(blob, size)
        rates.append((len(b) / float(1 << 20)) / (time.perf_counter() - t0))
        del b
    ctx.shutdown(wait=True)
    emit('W4', mib=128, mb_per_s=round(median(rates), 1),
         definition='ctx.call(bytes(128 MiB)) returning bytes, max_message_size raised to 256 MiB')


def w5(router, hosts, port, user, key, known_hosts):
    def connect():
        return router.ssh(hostname='127.0.0.1', port=port, username=user, identity_file=key,
                          check_host_keys='enforce', python_path=PYTHON, compression=False,
                          ssh_args=['-F', '/dev/null', '-o', 'UserKnownHostsFile=' + known_hosts,
                                    '-o', 'ControlMaster=no'])

    def one_host():
        t0 = time.perf_counter()
        ctx = connect()
        ctx.call(read, HOSTNAME)
        ctx.shutdown(wait=True)
        return time.perf_counter() - t0

    for _ in range(2):
        one_host()
    one = median([one_host() for _ in range(5)])
    errors = []

    def each(out, i):
        try:
            ctx = connect()
            ctx.call(read, HOSTNAME)
            out[i] = ctx
        except Exception as e:  # reported on the line, not raised in a thread
            errors.append(str(e))

    runs = []
    for _ in range(2 if hosts > 20 else 3):
        contexts = [None] * hosts
        t0 = time.perf_counter()
        threads = [threading.Thread(target=each, args=(contexts, i)) for i in range(hosts)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        for ctx in contexts:
            if ctx is not None:
                ctx.shutdown(wait=True)
        runs.append(time.perf_counter() - t0)
    seconds = median(runs)
    emit('W5', hosts=hosts, seconds=round(seconds, 3), one_host_seconds=round(one, 3),
         ratio=round(seconds / one, 1), failed=len(errors),
         definition="router.ssh() (OpenSSH's ssh, no ControlMaster) to %d aliases at once, one "
                    "thread each, ctx.call(read /etc/hostname), shutdown" % hosts)
    if errors:
        print('mitogen W5: %d failed, first: %s' % (len(errors), errors[0]), file=sys.stderr)


def sizes(router):
    seen = {}
    boot = mitogen.parent.Connection.get_boot_command
    preamble = mitogen.parent.Connection.get_preamble

    def get_boot_command(self):
        argv = boot(self)
        seen['argv'] = argv
        return argv

    def get_preamble(self):
        p = preamble(self)
        seen['preamble'] = p
        return p

    mitogen.parent.Connection.get_boot_command = get_boot_command
    mitogen.parent.Connection.get_preamble = get_preamble
    ctx = local(router)
    ctx.call(read, HOSTNAME)
    ctx.shutdown(wait=True)
    argv = seen['argv']
    emit('SIZES', first_stage_bytes=len(argv[-1].encode()),
         command_line_bytes=len(' '.join(argv).encode()), preamble_bytes=len(seen['preamble']),
         definition="the -c argument of the boot command and the zlib-compressed preamble, "
                    "as sent to a local context")


def main():
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    workload = sys.argv[1]
    broker = mitogen.master.Broker()
    router = mitogen.master.Router(broker)
    try:
        if workload == 'W1':
            w1(router)
        elif workload == 'W2':
            w2(router)
        elif workload == 'W3':
            w3(router)
        elif workload == 'W4':
            w4(router)
        elif workload == 'W5':
            a = sys.argv[2:]
            w5(router, int(a[0]), int(a[1]), a[2], a[3], a[4])
        elif workload == 'SIZES':
            sizes(router)
        else:
            raise SystemExit('unknown workload ' + workload)
    finally:
        broker.shutdown()
        broker.join()


if __name__ == '__main__':
    main()

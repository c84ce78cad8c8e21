"""PEERS driver for Ansible (ansible-core): one workload per run, timed here, one JSON line on stdout.

Run by io.rmote.benchmarks.Peers as a child process with Debian's python3 (ansible-core).
  peer_ansible.py W1|W2|W3|W4 TMPDIR
  peer_ansible.py W5 TMPDIR HOSTS PORT USER KEY KNOWN_HOSTS
Plays run through Ansible's Python API in this process (imported once, before any timing, as
our JVM is started once). The trivial call is a slurp task of /etc/hostname; connection local
for W1-W4, ssh for W5; pipelining on (the module goes over stdin, no temporary files on the far
side), gather_facts off, the interpreter given (no discovery). TMPDIR holds Ansible's home and
local temporary files and is the caller's to remove.
"""
import os
import sys
import time

TMP = sys.argv[2]
os.environ['ANSIBLE_HOME'] = os.path.join(TMP, 'home')
os.environ['ANSIBLE_LOCAL_TEMP'] = os.path.join(TMP, 'local')
os.environ['ANSIBLE_REMOTE_TEMP'] = os.path.join(TMP, 'remote')
os.environ['ANSIBLE_INVENTORY_UNPARSED_WARNING'] = 'False'
os.environ['ANSIBLE_PIPELINING'] = 'True'
os.environ['ANSIBLE_HOST_KEY_CHECKING'] = 'True'
os.environ['ANSIBLE_NOCOLOR'] = '1'
os.environ['ANSIBLE_RETRY_FILES_ENABLED'] = 'False'

from ansible import context  # noqa: E402
from ansible.executor.task_queue_manager import TaskQueueManager  # noqa: E402
from ansible.inventory.manager import InventoryManager  # noqa: E402
from ansible.module_utils.common.collections import ImmutableDict  # noqa: E402
from ansible.parsing.dataloader import DataLoader  # noqa: E402
from ansible.playbook.play import Play  # noqa: E402
from ansible.plugins.callback import CallbackBase  # noqa: E402
from ansible.release import __version__  # noqa: E402
from ansible.vars.manager import VariableManager  # noqa: E402
from peer_common import emitter, median, timed  # noqa: E402

PYTHON = '/usr/bin/python3'
HOSTNAME = '/etc/hostname'


class Results(CallbackBase):
    """Counts results; prints nothing (stdout is for our JSON lines)."""

    def __init__(self):
        super(Results, self).__init__()
        self.ok = 0
        self.failed = []
        self.sizes = []

    def v2_runner_on_ok(self, result, **kwargs):
        self.ok += 1
        content = result._result.get('content')
        if content is not None:
            self.sizes.append(len(content))

    def v2_runner_on_failed(self, result, **kwargs):
        self.failed.append(str(result._result.get('msg', result._result))[:300])

    def v2_runner_on_unreachable(self, result, **kwargs):
        self.failed.append(str(result._result.get('msg', result._result))[:300])


def play(hosts, host_vars, tasks, forks, connection):
    """Runs one play of `tasks` on `hosts` (aliases with their variables); returns Results."""
    context.CLIARGS = ImmutableDict(connection=connection, forks=forks, module_path=[],
                                    become=None, become_method=None, become_user=None,
                                    check=False, diff=False, verbosity=0)
    loader = DataLoader()
    inventory = InventoryManager(loader=loader, sources=[])
    for h in hosts:
        inventory.add_host(h, group='all')
        host = inventory.get_host(h)
        for k, v in host_vars.items():
            host.set_variable(k, v)
    variables = VariableManager(loader=loader, inventory=inventory)
    p = Play().load(dict(name='bench', hosts='all', gather_facts='no', tasks=tasks),
                    variable_manager=variables, loader=loader)
    results = Results()
    tqm = TaskQueueManager(inventory=inventory, variable_manager=variables, loader=loader,
                           passwords={}, stdout_callback=results, forks=forks)
    try:
        tqm.run(p)
    finally:
        tqm.cleanup()
        loader.cleanup_all_tmp_files()
    if results.failed:
        raise RuntimeError('ansible task failed: ' + results.failed[0])
    return results


def slurp(path):
    return dict(action=dict(module='ansible.builtin.slurp', args=dict(src=path)))


LOCAL = dict(ansible_connection='local', ansible_python_interpreter=PYTHON)


emit = emitter('ansible', __version__)


def w1():
    n = 10
    run = lambda: play(['localhost'], LOCAL, [slurp(HOSTNAME)], 1, 'local')  # noqa: E731
    for _ in range(2):
        run()
    times = [timed(run) * 1e3 for _ in range(n)]
    emit('W1', connections=n, median_ms=round(median(times), 1),
         definition='one play of one slurp of /etc/hostname, connection local, pipelining')


def w2():
    n = 20
    tasks = [slurp(HOSTNAME)] * n
    play(['localhost'], LOCAL, [slurp(HOSTNAME)], 1, 'local')
    seconds = median([timed(lambda: play(['localhost'], LOCAL, tasks, 1, 'local'))
                      for _ in range(2)])
    emit('W2', calls=n, median_us=round(seconds / n * 1e6, 1),
         definition='one play of %d slurp tasks of /etc/hostname on one host, connection local, '
                    'pipelining; per task, the mean over the play (median of 2 plays)' % n)


def w3():
    window = 64
    hosts = ['local%d' % i for i in range(window)]
    play(['localhost'], LOCAL, [slurp(HOSTNAME)], 1, 'local')
    # one timed play: 64 forks of Ansible take minutes on a loaded 2-core machine
    seconds = timed(lambda: play(hosts, LOCAL, [slurp(HOSTNAME)], window, 'local'))
    emit('W3', in_flight=window, calls_per_s=round(window / seconds, 1),
         definition='no calls in flight on one connection: forks=64 over 64 local inventory '
                    'aliases, one slurp of /etc/hostname each')


def w4():
    size = 128 << 20
    path = os.path.join(TMP, 'blob')
    with open(path, 'wb') as f:
        f.truncate(size)
    try:
        results = play(['localhost'], LOCAL, [slurp(path)], 1, 'local')
        t0 = time.perf_counter()
        results = play(['localhost'], LOCAL, [slurp(path)], 1, 'local')
        seconds = time.perf_counter() - t0
        assert results.sizes == [(size + 2) // 3 * 4], results.sizes
    finally:
        os.remove(path)
    emit('W4', mib=128, mb_per_s=round(128 / seconds, 1),
         definition='slurp of a 128 MiB file of zeros (base64 in the JSON result), connection '
                    'local; one timed run after one warm-up')


def w5(hosts, port, user, key, known_hosts):
    ssh = dict(ansible_connection='ssh', ansible_host='127.0.0.1', ansible_port=port,
               ansible_user=user, ansible_ssh_private_key_file=key,
               ansible_python_interpreter=PYTHON,
               ansible_ssh_common_args='-F /dev/null -o UserKnownHostsFile=%s '
                                       '-o StrictHostKeyChecking=yes -o IdentitiesOnly=yes'
                                       % known_hosts,
               # a fresh connection per host and run, as ours and Mitogen's: no master left behind
               ansible_ssh_args='-o ControlMaster=no')
    one = lambda: play(['h0'], ssh, [slurp(HOSTNAME)], 1, 'ssh')  # noqa: E731
    one()
    one_host = median([timed(one) for _ in range(2)])
    names = ['h%d' % i for i in range(hosts)]
    runs = [timed(lambda: play(names, ssh, [slurp(HOSTNAME)], hosts, 'ssh'))
            for _ in range(1 if hosts > 20 else 2)]
    seconds = median(runs)
    emit('W5', hosts=hosts, seconds=round(seconds, 3), one_host_seconds=round(one_host, 3),
         ratio=round(seconds / one_host, 1), failed=0,
         definition='one play, one slurp of /etc/hostname on %d inventory aliases of the same '
                    'sshd, connection ssh, forks=%d, pipelining, no ControlMaster' % (hosts, hosts))


def main():
    workload = sys.argv[1]
    if workload == 'W1':
        w1()
    elif workload == 'W2':
        w2()
    elif workload == 'W3':
        w3()
    elif workload == 'W4':
        w4()
    elif workload == 'W5':
        a = sys.argv[3:]
        w5(int(a[0]), int(a[1]), a[2], a[3], a[4])
    else:
        raise SystemExit('unknown workload ' + workload)


if __name__ == '__main__':
    main()

"""Exec: run commands and shell expressions on the remote, with their output captured.

The Python library's `command(*args, check=True, env=None, cwd=None, stdin=None)` and
`shell(expression, ...)`, with what it lacks: output captured as bytes (its Exec never captured
any), `env` merged into the remote's environment (it replaced it), a timeout that ends the
whole process group, the start time and duration, and `run(Command)` taking every option at once.
"""
import datetime
import os
import subprocess
import time
import typing
from typing import Dict, List, Optional, Union

from rmote.protocol import Tool


class Command(typing.NamedTuple):
    """Everything about one run; `args` is the argv, or one shell expression when `shell`."""
    args: List[str]
    shell: bool = False
    check: bool = True
    env: Optional[Dict[str, str]] = None
    clear_env: bool = False
    cwd: Optional[str] = None
    stdin: Optional[bytes] = None
    timeout: Optional[datetime.timedelta] = None
    kill_after: Optional[datetime.timedelta] = None
    capture_output: bool = True
    ok_exit_codes: Optional[List[int]] = None
    creates: Optional[str] = None
    removes: Optional[str] = None


class Completed(typing.NamedTuple):
    """A finished run. `returncode`, `stdout` and `stderr` are those of CompletedProcess;
    `stdout`/`stderr` are bytes, None when not captured. `ran` is False when a `creates` or
    `removes` guard skipped the command (returncode 0, no output, no duration)."""
    args: List[str]
    returncode: int
    stdout: Optional[bytes]
    stderr: Optional[bytes]
    started: datetime.datetime
    duration: datetime.timedelta
    ran: bool = True


# After the command exits, output that its descendants still write to the inherited pipes is
# read for at most this long (seconds); then the pipes are closed, so a daemon started by the
# command cannot hold the call open.
_LINGER = 0.1
# How often the command's exit is checked while its pipes stay open (seconds).
_POLL = 0.05
_KILL_AFTER = 5.0


def _environment(env, clear_env):
    if env is None and not clear_env:
        return None
    merged = {} if clear_env else dict(os.environ)
    if env:
        merged.update(env)
    return merged


def _seconds(value):
    if value is None:
        return None
    if isinstance(value, datetime.timedelta):
        return value.total_seconds()
    return float(value)


def _end_group(p, grace):
    """SIGTERM to the command's process group, SIGKILL to what is left of it after `grace`."""
    import signal
    try:
        os.killpg(p.pid, signal.SIGTERM)
    except (ProcessLookupError, PermissionError):
        return
    end = time.monotonic() + grace
    while time.monotonic() < end:
        p.poll()  # reaps the leader: a zombie still counts as a member of the group
        try:
            os.killpg(p.pid, 0)
        except (ProcessLookupError, PermissionError):
            return
        time.sleep(0.02)
    try:
        os.killpg(p.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _communicate(p, data, deadline):
    """Feeds `data` to the child's stdin and reads its stdout and stderr until both end, or the
    child has exited and _LINGER has passed, or `deadline` (monotonic) passes. Returns
    (stdout, stderr, timed_out)."""
    import selectors
    chunks = {}
    sel = selectors.DefaultSelector()
    for f in (p.stdout, p.stderr):
        if f is not None:
            chunks[f.fileno()] = []
            sel.register(f.fileno(), selectors.EVENT_READ)
    view = None
    if p.stdin is not None:
        if data:
            os.set_blocking(p.stdin.fileno(), False)
            view = memoryview(data)
            sel.register(p.stdin.fileno(), selectors.EVENT_WRITE)
        else:
            p.stdin.close()
    exited = None
    timed_out = False
    try:
        while sel.get_map():
            now = time.monotonic()
            if exited is None and p.poll() is not None:
                exited = now
            if exited is not None and now - exited >= _LINGER:
                break
            wait = _POLL if exited is None else _LINGER - (now - exited)
            if deadline is not None:
                if now >= deadline:
                    timed_out = True
                    break
                wait = min(wait, deadline - now)
            for key, events in sel.select(wait):
                fd = key.fd
                if events & selectors.EVENT_WRITE:
                    try:
                        n = os.write(fd, view[:65536])
                    except BlockingIOError:
                        continue
                    except BrokenPipeError:
                        n = len(view)  # the child stopped reading: as subprocess does, go on
                    view = view[n:]
                    if not view:
                        sel.unregister(fd)
                        p.stdin.close()
                    continue
                block = os.read(fd, 65536)
                if block:
                    chunks[fd].append(block)
                else:
                    sel.unregister(fd)
    finally:
        sel.close()
        for f in (p.stdin, p.stdout, p.stderr):
            if f is not None:
                try:
                    f.close()
                except OSError:
                    pass
    return chunks, timed_out


def _skipped(c):
    """Whether a guard skips the command, as Ansible's command module does: `creates` matches
    an existing path (a glob pattern), or `removes` matches none. Relative to `cwd`."""
    import glob

    def exists(pattern):
        return bool(glob.glob(os.path.join(c.cwd or "", os.path.expanduser(pattern))))
    return (c.creates is not None and exists(c.creates)) or (
        c.removes is not None and not exists(c.removes))


def _run(c):
    """Runs a Command; returns a Completed or raises CalledProcessError or TimeoutExpired."""
    stdin = c.stdin.encode("utf-8") if isinstance(c.stdin, str) else c.stdin
    if isinstance(c.args, str):
        argv = [c.args]
    else:
        argv = [str(a) for a in c.args]
    if c.shell:
        if len(argv) != 1:
            raise ValueError("a shell command is one expression, got %d arguments" % len(argv))
        argv = ["/bin/sh", "-c", argv[0]]
    if not argv:
        raise ValueError("no command given")
    if _skipped(c):
        return Completed(argv, 0, None, None, datetime.datetime.now(datetime.timezone.utc),
                         datetime.timedelta(0), False)
    timeout = _seconds(c.timeout)
    grace = _seconds(c.kill_after)
    pipe = subprocess.PIPE if c.capture_output else subprocess.DEVNULL
    started = datetime.datetime.now(datetime.timezone.utc)
    t0 = time.monotonic()
    # A session of its own: the timeout can end the command's whole process group, and the
    # command has no controlling terminal to prompt on.
    p = subprocess.Popen(argv, stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                         stdout=pipe, stderr=pipe, env=_environment(c.env, c.clear_env),
                         cwd=c.cwd, close_fds=True, start_new_session=True)
    fds = (p.stdout.fileno() if p.stdout is not None else -1,
           p.stderr.fileno() if p.stderr is not None else -1)
    done = False
    try:
        chunks, timed_out = _communicate(p, stdin, None if timeout is None else t0 + timeout)
        out = b"".join(chunks[fds[0]]) if fds[0] in chunks else None
        err = b"".join(chunks[fds[1]]) if fds[1] in chunks else None
        if not timed_out:
            try:
                p.wait(None if timeout is None else max(0.0, t0 + timeout - time.monotonic()))
            except subprocess.TimeoutExpired:
                timed_out = True
        if timed_out:
            _end_group(p, _KILL_AFTER if grace is None else grace)
            p.wait()
            done = True
            raise subprocess.TimeoutExpired(argv, timeout, output=out, stderr=err)
        done = True
    finally:
        if not done:
            _end_group(p, 0.0)
            p.wait()
    duration = datetime.timedelta(seconds=time.monotonic() - t0)
    code = p.returncode
    ok = c.ok_exit_codes if c.ok_exit_codes is not None else (0,)
    if c.check and code not in ok:
        raise subprocess.CalledProcessError(code, argv, output=out, stderr=err)
    return Completed(argv, code, out, err, started, duration)


class Exec(Tool):
    """Run commands and shell expressions on the remote host.

    Output is captured through pipes of our own (never the protocol's), stdin is /dev/null
    unless data is given, and the command runs in a session of its own."""

    @staticmethod
    def command(*args: str, check: bool = True, env: Optional[Dict[str, str]] = None,
                cwd: Optional[str] = None, stdin: Optional[Union[str, bytes]] = None,
                timeout: Optional[float] = None, clear_env: bool = False,
                kill_after: Optional[float] = None, capture_output: bool = True,
                ok_exit_codes: Optional[List[int]] = None, creates: Optional[str] = None,
                removes: Optional[str] = None) -> Completed:
        """Run a command given as its argument list (no shell)."""
        return _run(Command(list(args), False, check, env, clear_env, cwd, stdin, timeout,
                            kill_after, capture_output, ok_exit_codes, creates, removes))

    @staticmethod
    def shell(expression: str, check: bool = True, env: Optional[Dict[str, str]] = None,
              cwd: Optional[str] = None, stdin: Optional[Union[str, bytes]] = None,
              timeout: Optional[float] = None, clear_env: bool = False,
              kill_after: Optional[float] = None, capture_output: bool = True,
              ok_exit_codes: Optional[List[int]] = None, creates: Optional[str] = None,
              removes: Optional[str] = None) -> Completed:
        """Run `expression` with /bin/sh -c."""
        return _run(Command([expression], True, check, env, clear_env, cwd, stdin, timeout,
                            kill_after, capture_output, ok_exit_codes, creates, removes))

    @staticmethod
    def run(command: Command) -> Completed:
        """Run a Command, every option in one value."""
        return _run(command)

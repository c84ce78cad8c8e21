"""rmote.support.locks: named re-entrant locks shared by every call of a connection.

The runtime runs calls in parallel threads; calls that touch one resource (a file, a package
manager, a unit) take its lock so that they run one at a time. A support module (docs/tools.md):
sent once per connection, before the first tool whose source imports it."""
import os
import threading

_registry = threading.Lock()
_locks = {}  # name -> [RLock, holders and waiters]; an entry lives while someone uses it


class _Held(object):
    def __init__(self, name):
        self.name = name
        self.entry = None

    def __enter__(self):
        with _registry:
            entry = _locks.get(self.name)
            if entry is None:
                entry = _locks[self.name] = [threading.RLock(), 0]
            entry[1] += 1
        self.entry = entry
        entry[0].acquire()
        return self

    def __exit__(self, *exc):
        entry = self.entry
        entry[0].release()
        with _registry:
            entry[1] -= 1
            if entry[1] == 0:
                del _locks[self.name]
        return False


def resource_lock(name):
    """A context manager that holds the lock of `name` (re-entrant): calls on one host that
    touch one resource (a package manager, a unit) run one at a time."""
    return _Held(name)


def path_lock(path):
    """resource_lock for a file: one edit per absolute path at a time."""
    return _Held("path:" + os.path.abspath(path))

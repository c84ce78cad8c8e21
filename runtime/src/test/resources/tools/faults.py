"""A tool that does to its own interpreter what careless or hostile tool code does (the fault tests)."""
from rmote.protocol import Tool


class Faults(Tool):
    @staticmethod
    def close_fd(fd):
        """Closes one descriptor of the interpreter, as a tool that tidies up too much does."""
        import os
        os.close(fd)
        return fd

    @staticmethod
    def close_sys_stdout():
        """Closes the descriptor behind sys.stdout, whatever number it has."""
        import os
        import sys
        fd = sys.stdout.fileno()
        os.close(fd)
        return fd

    @staticmethod
    def close_fds_from(low, then_sleep):
        """Closes every descriptor from `low` up, like a careless daemoniser: the protocol's own
        copies of stdin and stdout go too. The call then sleeps, so only the stream's end can tell
        the controller what happened."""
        import os
        import time
        os.closerange(low, 65536)
        time.sleep(then_sleep)
        return low

    @staticmethod
    def rss_kib():
        """The interpreter's resident set size, in KiB (VmRSS of /proc/self/status)."""
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        return -1

"""What a host is and who runs the interpreter: for the SSH, become and fan-out tests."""
from rmote.protocol import Tool


class HostInfo(Tool):
    @staticmethod
    def read_str(path):
        with open(path) as f:
            return f.read()

    @staticmethod
    def hostname():
        import socket
        return socket.gethostname()

    @staticmethod
    def whoami():
        import os
        import pwd
        return pwd.getpwuid(os.geteuid()).pw_name

    @staticmethod
    def uid():
        import os
        return os.geteuid()

    @staticmethod
    def python_version():
        import platform
        return platform.python_version()

    @staticmethod
    def env(name):
        import os
        return os.environ.get(name)

    @staticmethod
    def work(i, seconds):
        import time
        time.sleep(seconds)
        return i

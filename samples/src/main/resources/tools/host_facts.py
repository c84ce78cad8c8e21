"""Facts about the host, for the dependency-injection samples (io.rmote.samples.di)."""
import os
import platform
import socket


class HostFacts:
    @staticmethod
    def hostname() -> str:
        return socket.gethostname()

    @staticmethod
    def python_version() -> str:
        return platform.python_version()

    @staticmethod
    def pid() -> int:
        """The interpreter's process id: the tests watch that process end with the container."""
        return os.getpid()

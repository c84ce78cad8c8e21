"""File names and text as the remote's file system sees them, whatever its locale."""
import os
import sys
from typing import List

from rmote.protocol import Tool


class Names(Tool):
    @staticmethod
    def encoding() -> str:
        return sys.getfilesystemencoding()

    @staticmethod
    def echo(text: str) -> str:
        return text

    @staticmethod
    def write(path: str, data: bytes) -> None:
        with open(path, "wb") as f:
            f.write(data)

    @staticmethod
    def write_raw(directory: str, name: bytes, data: bytes) -> None:
        with open(os.path.join(os.fsencode(directory), name), "wb") as f:
            f.write(data)

    @staticmethod
    def listdir(directory: str) -> List[str]:
        return sorted(os.listdir(directory))

    @staticmethod
    def read(path: str) -> bytes:
        with open(path, "rb") as f:
            return f.read()

    @staticmethod
    def fsencode(name: str) -> bytes:
        return os.fsencode(name)

    @staticmethod
    def child_encoding() -> str:
        import subprocess
        return subprocess.check_output(
            [sys.executable, "-c", "import sys; print(sys.getfilesystemencoding())"]).decode().strip()

    @staticmethod
    def code_points(data: bytes) -> List[int]:
        return [ord(c) for c in data.decode("utf-8", "surrogatepass")]

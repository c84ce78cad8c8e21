"""FileSystem: read, write, glob and idempotent line-in-file on the remote."""
from rmote.protocol import Tool


class FileSystem(Tool):
    @staticmethod
    def read_str(path: str, encoding: str = "utf-8") -> str:
        with open(path, encoding=encoding) as f:
            return f.read()

    @staticmethod
    def read_bytes(path: str) -> bytes:
        with open(path, "rb") as f:
            return f.read()

    @staticmethod
    def write_str(path: str, content: str, mode: int = 0o644, encoding: str = "utf-8") -> bool:
        """Write content if it differs; return whether the file changed."""
        import os
        try:
            with open(path, encoding=encoding) as f:
                if f.read() == content:
                    return False
        except FileNotFoundError:
            pass
        tmp = path + ".rmote-tmp"
        with open(tmp, "w", encoding=encoding) as f:
            f.write(content)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
        return True

    @staticmethod
    def write_bytes(path: str, content: bytes, mode: int = 0o644) -> bool:
        import os
        try:
            with open(path, "rb") as f:
                if f.read() == content:
                    return False
        except FileNotFoundError:
            pass
        tmp = path + ".rmote-tmp"
        with open(tmp, "wb") as f:
            f.write(content)
        os.chmod(tmp, mode)
        os.replace(tmp, path)
        return True

    @staticmethod
    def exists(path: str) -> bool:
        import os
        return os.path.exists(path)

    @staticmethod
    def remove(path: str) -> bool:
        import os
        try:
            os.remove(path)
            return True
        except FileNotFoundError:
            return False

    @staticmethod
    def glob(directory: str, pattern: str) -> "list[str]":
        import glob
        import os
        return sorted(glob.glob(os.path.join(glob.escape(directory), pattern)))

    @staticmethod
    def line_in_file(path: str, line: str, present: bool = True) -> bool:
        """Make sure line is (or is not) in the file; return whether the file changed."""
        import os
        try:
            with open(path) as f:
                lines = f.read().splitlines()
        except FileNotFoundError:
            lines = []
            if not present:
                return False
        if present:
            if line in lines:
                return False
            lines.append(line)
        else:
            if line not in lines:
                return False
            lines = [x for x in lines if x != line]
        tmp = path + ".rmote-tmp"
        with open(tmp, "w") as f:
            f.write("\n".join(lines) + ("\n" if lines else ""))
        if os.path.exists(path):
            os.chmod(tmp, os.stat(path).st_mode & 0o7777)
        os.replace(tmp, path)
        return True

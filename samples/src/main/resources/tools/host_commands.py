from rmote.protocol import Tool, process


class HostCommands(Tool):
    """Runs programs on the remote through process(), never subprocess.run or os.system:
    a child that inherits the interpreter's stdin and stdout would read and write rmote's
    packet stream and break the connection."""

    @staticmethod
    def kernel() -> str:
        result = process("uname", "-sr", capture_output=True, text=True, check=True)
        return result.stdout.strip()

    @staticmethod
    def noisy() -> int:
        # Writes to stdout and stderr and reads stdin: process() points all three away
        # from the protocol's pipes, so the connection never sees any of it.
        result = process("sh", "-c", "echo to stdout; echo to stderr >&2; cat; exit 3")
        return result.returncode

    @staticmethod
    def word_count(text: str) -> int:
        result = process("wc", "-w", input=text, capture_output=True, text=True, check=True)
        return int(result.stdout.split()[0])

"""Where a script was when its worker died or was stopped: the worker's faulthandler writes the Python stack
to a file on a fatal signal, on SIGXCPU and on the service's SIGUSR1, and the service reads the user's frames back.

The file is written by a process that ran untrusted code, so the service reads a bounded amount and takes
nothing from it but line numbers, which it then looks up in the code it sent itself."""

import re
import traceback

from app.sandbox.policy import SCRIPT_FILENAME

CRASH_LOG_NAME = "faulthandler.log"
MAX_CRASH_LOG_BYTES = 64 * 1024
_FRAME = re.compile(rf'File "{re.escape(SCRIPT_FILENAME)}", line (\d+) in (\S+)')


def user_traceback(frames: list[tuple[int, str]], code: str, last_line: str) -> str:
    """A Python-style traceback of the user's frames (outermost first), ending with last_line."""
    lines = code.splitlines()
    summary = traceback.StackSummary.from_list(
        [(SCRIPT_FILENAME, n, name, lines[n - 1].strip() if 0 < n <= len(lines) else "") for n, name in frames]
    )
    return "Traceback (most recent call last):\n" + "".join(summary.format()) + last_line + "\n"


def locate(dump: bytes, code: str, message: str) -> tuple[int | None, str | None]:
    """The innermost user line and a traceback from a faulthandler dump, or (None, None) without user frames."""
    text = dump[:MAX_CRASH_LOG_BYTES].decode("ascii", errors="replace")
    start = text.find("(most recent call first):")
    if start < 0:
        return None, None
    # Only the first stack: a later dump (a kill after SIGUSR1) repeats it or shows the service's frames.
    stack = text[start:].split("\n\n", 1)[0]
    frames = [(int(line), name) for line, name in _FRAME.findall(stack)][::-1]
    if not frames:
        return None, None
    return frames[-1][0], user_traceback(frames, code, message)

"""A stand-in for the reader, started by the SSH server in tests of the server's mechanics.

It takes the reader's arguments (``--read-only --state-dir DIR -- PATHS...``), puts its tty
in raw mode and reports what a session must get right as plain lines: TERM, window size
(again after every SIGWINCH), state folder, shaped Arabic. Keys: ``q`` quits, ``x`` crashes
(exit 3), ``w`` writes a file into the state folder, anything else is echoed as ``KEY=``.
"""

from __future__ import annotations

import os
import shutil
import signal
import sys
import termios
import tty

SHAPED = "\ufe8e\ufedf\ufeb4\ufefc\ufee1"  # "السلام" in presentation forms, as the reader draws it


def _say(text: str) -> None:
    os.write(1, (text + "\r\n").encode())


def _size() -> str:
    columns, rows = shutil.get_terminal_size((0, 0))
    return f"SIZE={columns}x{rows}"


def main(argv: list[str]) -> int:
    """Run until `q`, `x` or hang-up."""
    state_dir = argv[argv.index("--state-dir") + 1]
    paths = argv[argv.index("--") + 1 :]
    saved = termios.tcgetattr(0)
    tty.setraw(0, termios.TCSANOW)  # keep keys typed while we started
    signal.signal(signal.SIGWINCH, lambda *_: _say(_size()))
    _say("\x1b[2J\x1b[HSTUB READER " + SHAPED)
    _say(f"TERM={os.environ.get('TERM', '')}")
    _say(_size())
    _say(f"STATE={state_dir}")
    _say(f"PATHS={len(paths)}")
    _say(f"PID={os.getpid()}")
    _say(f"SSH_CONNECTION={os.environ.get('SSH_CONNECTION', '')}")
    _say(f"READ_ONLY={'--read-only' in argv}")
    _say(f"AGENT={os.environ.get('SSH_AUTH_SOCK', '')}|DISPLAY={os.environ.get('DISPLAY', '')}|")
    _say(f"CLIENT_ENV={os.environ.get('AKHBAR_CLIENT_PROBE', '')}|")
    try:
        while True:
            try:
                data = os.read(0, 1024)
            except InterruptedError:
                continue
            if not data:
                return 0
            echoes = []
            for byte in data:
                key = chr(byte)
                if key == "q":
                    _say("".join(echoes) + "BYE")
                    return 0
                if key == "x":
                    os.write(1, ("".join(echoes) + "CRASH\r\n").encode())
                    os._exit(3)
                if key == "w":
                    with open(os.path.join(state_dir, "visits"), "a") as handle:
                        handle.write("visit\n")
                    echoes.append("WROTE\r\n")
                else:
                    echoes.append(f"KEY={key!r}\r\n")
            if echoes:
                os.write(1, "".join(echoes).encode())
    finally:
        termios.tcsetattr(0, termios.TCSANOW, saved)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

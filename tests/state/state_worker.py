"""Child process for the state tests: writes to a state database and reports progress.

Usage: ``python state_worker.py COMMAND DB [ARGS...]``; every line printed is flushed right
after the change it reports has returned (so the parent knows what was committed).

Commands:
    mark DB COUNT             mark ``article-0`` .. ``article-{COUNT-1}`` read, one at a time
    batches DB COUNT SIZE     mark batches of SIZE ids read, one transaction per batch
    contend DB NAME COUNT GO  wait for the file GO, then COUNT times: mark ``NAME-i`` read and
                              toggle the bookmark of ``shared``; print the final notice
    permissions DB SCENARIO   run an unreadable/read-only scenario, print a JSON result
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from tui.state import ReaderState

GO_POLL_SECONDS = 0.005
PERMISSION_PROBE = "probe"


def mark(db: Path, count: int) -> None:
    state = ReaderState.open(db)
    for index in range(count):
        state.set_read(f"article-{index}", True)
        print(index, flush=True)


def batches(db: Path, count: int, size: int) -> None:
    state = ReaderState.open(db)
    for batch in range(count):
        state.set_read_many((f"b{batch}-{i}" for i in range(size)), True)
        print(batch, flush=True)


def contend(db: Path, name: str, count: int, go: Path) -> None:
    state = ReaderState.open(db)
    while not go.exists():
        time.sleep(GO_POLL_SECONDS)
    for index in range(count):
        state.set_read(f"{name}-{index}", True)
        state.toggle_bookmark("shared")
    print(json.dumps({"notice": None if state.notice is None else str(state.notice)}), flush=True)
    state.close()


def permissions(db: Path, scenario: str) -> None:
    """Set up *scenario* around an existing database at *db*, open it, report what happened."""
    probe = db.parent / PERMISSION_PROBE
    probe.write_text("x")
    probe.chmod(0)
    try:
        probe.read_text()
        enforced = False
    except PermissionError:
        enforced = True
    before = db.read_bytes()
    if scenario == "unreadable":
        db.chmod(0)
    elif scenario == "read-only-file":
        db.chmod(0o444)
    elif scenario == "read-only-folder":
        db.parent.chmod(0o555)
    elif scenario == "unreachable-folder":
        db.parent.chmod(0)
    state = ReaderState.open(db)
    result: dict[str, object] = {
        "enforced": enforced,
        "notice": None if state.notice is None else state.notice.msg_id,
        "persistent": state.persistent,
        "was_read": state.is_read("kept"),
    }
    state.set_read("new", True)
    result["new_read"] = state.is_read("new")
    state.close()
    db.parent.chmod(0o755)
    db.chmod(0o644)
    result["listing"] = sorted(p.name for p in db.parent.iterdir() if p.name != PERMISSION_PROBE)
    if scenario != "unreadable":
        result["unchanged"] = db.read_bytes() == before
    print(json.dumps(result), flush=True)


def main(argv: list[str]) -> int:
    command, db = argv[0], Path(argv[1])
    if command == "mark":
        mark(db, int(argv[2]))
    elif command == "batches":
        batches(db, int(argv[2]), int(argv[3]))
    elif command == "contend":
        contend(db, argv[2], int(argv[3]), Path(argv[4]))
    elif command == "permissions":
        permissions(db, argv[2])
    else:
        print(f"unknown command {command}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    os.umask(0o022)
    raise SystemExit(main(sys.argv[1:]))

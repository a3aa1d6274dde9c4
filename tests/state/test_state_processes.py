"""Reader state across processes: SIGKILL mid-write, two writers at once, file permissions."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tui.state import ReaderState

WORKER = Path(__file__).resolve().parent / "state_worker.py"
#: Far more marks than the worker gets through before the kill.
INTENDED_MARKS = 100_000
KILL_AFTER = (40, 300)
BATCH_SIZE = 150
CONTENDED_WRITES = 150
PROCESS_TIMEOUT = 60


def _worker(*args: str, **kwargs: object) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WORKER), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        **kwargs,  # type: ignore[call-overload]
    )


def _kill_after(process: subprocess.Popen[str], reports: int) -> int:
    """SIGKILL *process* once it has reported *reports* commits; return the last one reported."""
    assert process.stdout is not None
    last = -1
    for line in process.stdout:
        last = int(line)
        if last + 1 >= reports:
            os.kill(process.pid, signal.SIGKILL)
            break
    # Lines already in the pipe were committed before the kill: count them too.
    rest = process.stdout.read().split()
    process.wait(PROCESS_TIMEOUT)
    assert process.returncode == -signal.SIGKILL, process.stderr.read() if process.stderr else ""
    return int(rest[-1]) if rest else last


def _integrity(db: Path) -> str:
    connection = sqlite3.connect(db)
    try:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        connection.close()


@pytest.mark.parametrize("kill_after", KILL_AFTER)
def test_sigkill_while_marking_loses_at_most_the_change_in_flight(
    tmp_path: Path, kill_after: int
) -> None:
    db = tmp_path / "state.sqlite3"
    last_reported = _kill_after(_worker("mark", str(db), str(INTENDED_MARKS)), kill_after)
    assert last_reported >= kill_after - 1

    assert _integrity(db) == "ok"
    with ReaderState.open(db) as state:
        assert state.notice is None  # not mistaken for a damaged file
        marked = state.read_identities()
    count = len(marked)
    # A prefix of the intended sequence...
    assert marked == {f"article-{i}" for i in range(count)}
    # ...holding every reported change, plus at most the one in flight.
    assert last_reported + 1 <= count <= last_reported + 2


def test_sigkill_during_bulk_marking_keeps_whole_batches(tmp_path: Path) -> None:
    db = tmp_path / "state.sqlite3"
    process = _worker("batches", str(db), str(INTENDED_MARKS), str(BATCH_SIZE))
    last_reported = _kill_after(process, 25)

    assert _integrity(db) == "ok"
    with ReaderState.open(db) as state:
        marked = state.read_identities()
    assert len(marked) % BATCH_SIZE == 0  # never half a batch
    batches = len(marked) // BATCH_SIZE
    assert marked == {f"b{b}-{i}" for b in range(batches) for i in range(BATCH_SIZE)}
    assert last_reported + 1 <= batches <= last_reported + 2


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    db = tmp_path / "state.sqlite3"
    go = tmp_path / "go"
    workers = [
        _worker("contend", str(db), name, str(CONTENDED_WRITES), str(go)) for name in ("a", "b")
    ]
    go.touch()
    results = []
    for process in workers:
        out, err = process.communicate(timeout=PROCESS_TIMEOUT)
        assert process.returncode == 0, err
        results.append(json.loads(out))
    assert results == [{"notice": None}, {"notice": None}]

    assert _integrity(db) == "ok"
    with ReaderState.open(db) as state:
        expected = {f"{n}-{i}" for n in ("a", "b") for i in range(CONTENDED_WRITES)}
        assert state.read_identities() == expected
        # 2 x CONTENDED_WRITES toggles (an even number): a lost update would leave it set.
        assert not state.is_bookmarked("shared")


def _unprivileged_prefix() -> list[str] | None:
    """A command prefix under which file permissions are enforced, or None if impossible.

    root bypasses chmod; dropping the DAC capabilities with setpriv makes root obey it while
    still reaching the interpreter under /root.
    """
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    caps = "-dac_override,-dac_read_search,-fowner"
    return [setpriv, f"--bounding-set={caps}", f"--inh-caps={caps}"]


def _permission_scenario(scenario: str) -> dict[str, object]:
    prefix = _unprivileged_prefix()
    if prefix is None:
        pytest.skip("running as root without setpriv: cannot make file permissions bite")
    folder = Path(tempfile.mkdtemp(prefix="akhbar-perm-"))
    try:
        db = folder / "state.sqlite3"
        with ReaderState.open(db) as state:
            state.set_read("kept", True)
        out = subprocess.run(
            [*prefix, sys.executable, str(WORKER), "permissions", str(db), scenario],
            capture_output=True,
            text=True,
            timeout=PROCESS_TIMEOUT,
            check=True,
        ).stdout
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)
    result: dict[str, object] = json.loads(out)
    if not result["enforced"]:
        pytest.skip("file permissions are not enforced for this user")
    return result


def test_unreadable_file_is_moved_aside_and_a_fresh_one_started() -> None:
    result = _permission_scenario("unreadable")
    assert result["notice"] == "state.moved_aside"
    assert result["persistent"] is True
    assert result["was_read"] is False  # fresh database
    assert result["new_read"] is True
    listing = result["listing"]
    assert isinstance(listing, list)
    assert "state.sqlite3" in listing
    assert any(name.startswith("state.sqlite3.corrupt-") for name in listing)


@pytest.mark.parametrize("scenario", ["read-only-file", "read-only-folder"])
def test_unwritable_state_is_used_from_memory_and_never_moved(scenario: str) -> None:
    result = _permission_scenario(scenario)
    assert result["notice"] == "state.not_saved"
    assert result["persistent"] is False
    assert result["was_read"] is True  # the user's state is shown...
    assert result["new_read"] is True  # ...changes work for the session...
    assert result["unchanged"] is True  # ...and the file is untouched
    listing = result["listing"]
    assert isinstance(listing, list)
    assert not any(".corrupt-" in name for name in listing)


def test_a_folder_that_cannot_be_entered_gives_an_unsaved_session_not_a_crash() -> None:
    result = _permission_scenario("unreachable-folder")
    assert result["notice"] == "state.not_saved"
    assert result["persistent"] is False
    assert result["new_read"] is True
    assert result["unchanged"] is True

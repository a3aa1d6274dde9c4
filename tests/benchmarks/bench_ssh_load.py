"""Benchmark: N concurrent SSH sessions opening and scrolling articles; echo latency and memory.

Starts the SSH server (``tests/serve/server_main.py``, the same server `akhbar serve --ssh`
runs) on loopback with its own data/cache/config folders in a temporary directory, one client
key per session (so each session has its own reader state, as with real users), and drives it
with asyncssh clients from this process:

1. all sessions connect, request a 100x30 pty and wait for the reader's first screen
   (start-up time per session is reported);
2. together, for DURATION seconds, each session types a script of reading keys (open an
   article, scroll with j/space/k, go back to the list, move down, open the next one), one
   key, wait for the screen to settle, pause about THINK seconds (0.5-1.5 x, seeded
   random, sessions starting within 2 s of each other), next key;
3. each session quits with `q`.

Echo latency: from writing a key to the first byte of screen update received back (keys
that change nothing on screen, e.g. `j` at the end of an article, are counted apart).
Bytes: received per key until the screen settles, and for the first screen (what a slow
link has to carry). Memory: sampled every second, the server process plus all its
descendants (the readers): the sum of RSS (counts shared pages once per process) and of PSS
(shares them out).
The load generator runs on the same machine and its CPU use is part of the load.

Run: ``python tests/benchmarks/bench_ssh_load.py [--sessions 20] [--duration 30]
[--think 0.2] [--reader akhbar|stub] [--json]``
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

import asyncssh

REPO = Path(__file__).resolve().parents[2]
SERVER_MAIN = REPO / "tests" / "serve" / "server_main.py"
ARTICLES = REPO / "articles"
WIDTH, HEIGHT = 100, 30
#: One round of reading: open, scroll down and a little up, back to the list, next article.
SCRIPT = ["\r", *"jjjjjj", " ", *"jj", *"kk", "\t", "j", "\r", *"jjjj", " ", "k", "\t", "j"]
KEY_NAMES = {"\r": "enter", "\t": "tab", " ": "space"}
FIRST_SCREEN_TIMEOUT = 120.0
ECHO_TIMEOUT = 2.0
SETTLE_QUIET = 0.03
SETTLE_LIMIT = 1.0
READY_QUIET = 0.3
#: Text each reader draws on its first screen (escape sequences removed): a title word of
#: the shipped articles as the real reader shows it (shaped, visual order), or the stub's.
READY_TEXT = {"akhbar": "\ufed1\ufeed\ufeae\ufed3\ufefb", "stub": "READ_ONLY="}
ESCAPES = re.compile(rb"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)")
#: Sessions begin typing at random moments within this many seconds of each other.
STAGGER = 2.0
SAMPLE_EVERY = 1.0


class Probe(asyncssh.SSHClientSession[bytes]):
    """Records when screen bytes arrive."""

    def __init__(self) -> None:
        self.last = 0.0
        self.first_after: float | None = None
        self.armed = False
        self.received = 0
        self.arrived = asyncio.Event()
        self.closed = asyncio.Event()
        self.startup_output: bytearray | None = bytearray()

    def data_received(self, data: bytes, datatype: asyncssh.DataType) -> None:
        now = time.perf_counter()
        self.last = now
        self.received += len(data)
        if self.startup_output is not None:
            self.startup_output += data
        if self.armed and self.first_after is None:
            self.first_after = now
        self.arrived.set()

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed.set()

    def arm(self) -> None:
        """Start waiting for the response to a key about to be sent."""
        self.first_after = None
        self.armed = True
        self.arrived.clear()

    async def first_byte(self, timeout: float) -> float | None:
        """Arrival time of the first byte after `arm`, or None if nothing came."""
        deadline = time.perf_counter() + timeout
        while self.first_after is None:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                return None
            self.arrived.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.arrived.wait(), remaining)
        self.armed = False
        return self.first_after

    async def drawn(self, text: str, timeout: float) -> bool:
        """Wait until *text* has been drawn (ignoring escape sequences), then stop keeping
        the output; False after *timeout* seconds."""
        deadline = time.perf_counter() + timeout
        assert self.startup_output is not None
        while text not in ESCAPES.sub(b"", bytes(self.startup_output)).decode("utf-8", "replace"):
            remaining = deadline - time.perf_counter()
            if remaining <= 0 or self.closed.is_set():
                return False
            self.arrived.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.arrived.wait(), min(remaining, 0.5))
        self.startup_output = None
        return True

    async def settled(self, quiet: float, limit: float) -> None:
        """Wait until no byte has arrived for *quiet* seconds (at most *limit* seconds)."""
        deadline = time.perf_counter() + limit
        while time.perf_counter() < deadline:
            idle = time.perf_counter() - self.last
            if self.received and idle >= quiet:
                return
            await asyncio.sleep(max(0.005, quiet - idle))


class StartLine:
    """Holds every session until all have their first screen, then lets them go together."""

    def __init__(self, expected: int) -> None:
        self.waiting = expected
        self.everyone = asyncio.Event()
        self.go = asyncio.Event()

    def arrive(self) -> None:
        """One more session is ready (or has given up)."""
        self.waiting -= 1
        if self.waiting <= 0:
            self.everyone.set()


@dataclass
class SessionResult:
    """What one session measured."""

    startup: float = 0.0
    latencies: list[float] = field(default_factory=list)
    by_key: dict[str, list[float]] = field(default_factory=dict)
    silent: int = 0
    first_screen_bytes: int = 0
    response_bytes: list[int] = field(default_factory=list)
    silent_keys: list[str] = field(default_factory=list)
    error: str = ""


async def run_session(
    port: int,
    key: asyncssh.SSHKey,
    start: StartLine,
    stop_at: list[float],
    think: float,
    rng: random.Random,
    ready_text: str,
) -> SessionResult:
    """Connect, wait for the first screen and the start line, type the script until the end.

    Sessions start after a random pause of up to `STAGGER` seconds and pause a random
    0.5-1.5 x *think* between keys, so twenty readers do not all open an article at once.
    """
    result = SessionResult()
    started = time.perf_counter()
    arrived_at_start = False
    try:
        async with asyncssh.connect(
            "127.0.0.1",
            port,
            username="load",
            client_keys=[key],
            known_hosts=None,
            agent_path=None,
        ) as conn:
            chan, probe = await conn.create_session(
                Probe, term_type="xterm-256color", term_size=(WIDTH, HEIGHT), encoding=None
            )
            if not await probe.drawn(ready_text, FIRST_SCREEN_TIMEOUT):
                raise asyncssh.Error(0, "the reader's first screen never came")
            await probe.settled(READY_QUIET, FIRST_SCREEN_TIMEOUT)
            result.startup = probe.last - started  # the first screen's last byte
            result.first_screen_bytes = probe.received
            start.arrive()
            arrived_at_start = True
            await start.go.wait()
            index = 0
            await asyncio.sleep(rng.uniform(0, STAGGER))
            while time.perf_counter() < stop_at[0]:
                key_text = SCRIPT[index % len(SCRIPT)]
                index += 1
                probe.arm()
                before = probe.received
                sent = time.perf_counter()
                chan.write(key_text.encode())
                arrived = await probe.first_byte(ECHO_TIMEOUT)
                if arrived is None:
                    result.silent += 1
                    result.silent_keys.append(KEY_NAMES.get(key_text, key_text))
                else:
                    result.latencies.append(arrived - sent)
                    result.by_key.setdefault(KEY_NAMES.get(key_text, key_text), []).append(
                        arrived - sent
                    )
                    await probe.settled(SETTLE_QUIET, SETTLE_LIMIT)
                    result.response_bytes.append(probe.received - before)
                await asyncio.sleep(think * rng.uniform(0.5, 1.5))
            chan.write(b"q")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(probe.closed.wait(), 15)
    except (OSError, asyncssh.Error) as error:
        result.error = str(error)
    finally:
        if not arrived_at_start:
            start.arrive()
    return result


def _descendants(root: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                ppid = int(handle.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        parents.setdefault(ppid, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(parents.get(pid, []))
    return found


def _kib(path: str, field_name: str) -> int:
    try:
        with open(path) as handle:
            for line in handle:
                if line.startswith(field_name + ":"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def cpu_of_tree(root: int) -> tuple[float, float]:
    """CPU seconds (user + system) used so far by *root* itself and by its descendants."""
    ticks = os.sysconf("SC_CLK_TCK")
    own = others = 0.0
    for pid in _descendants(root):
        try:
            with open(f"/proc/{pid}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        used = (int(fields[11]) + int(fields[12])) / ticks
        if pid == root:
            own = used
        else:
            others += used
    return own, others


def memory_of_tree(root: int) -> tuple[int, int, int]:
    """(processes, RSS sum in MiB, PSS sum in MiB) of *root* and its descendants."""
    pids = _descendants(root)
    rss = sum(_kib(f"/proc/{pid}/status", "VmRSS") for pid in pids)
    pss = sum(_kib(f"/proc/{pid}/smaps_rollup", "Pss") for pid in pids)
    return len(pids), rss // 1024, pss // 1024


async def sample_memory(
    root: int, samples: list[tuple[int, int, int]], done: asyncio.Event
) -> None:
    """Sample the server tree's memory until *done*."""
    while not done.is_set():
        samples.append(memory_of_tree(root))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(done.wait(), SAMPLE_EVERY)


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[rank]


async def drive(options: argparse.Namespace, folder: Path) -> dict[str, object]:
    """Start the server, run the sessions, stop the server; the figures."""
    keys = [asyncssh.generate_private_key("ssh-ed25519") for _ in range(options.sessions)]
    authorized = folder / "authorized_keys"
    authorized.write_text("".join(k.export_public_key().decode() for k in keys))
    env = dict(os.environ)
    for name in ("DATA", "CACHE", "CONFIG"):
        (folder / name.lower()).mkdir()
        env[f"AKHBAR_{name}_DIR"] = str(folder / name.lower())
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    server = subprocess.Popen(
        [
            sys.executable,
            str(SERVER_MAIN),
            "--reader",
            options.reader,
            "--port",
            "0",
            "--authorized-keys",
            str(authorized),
            "--max-sessions",
            str(options.sessions),
            "--idle-timeout",
            "600",
            str(ARTICLES),
        ],
        stdout=subprocess.PIPE,
        stderr=(folder / "server.log").open("w"),
        text=True,
        env=env,
    )
    try:
        assert server.stdout is not None
        port = int(server.stdout.readline().split()[1])
        idle = memory_of_tree(server.pid)
        start = StartLine(options.sessions)
        stop_at = [float("inf")]
        samples: list[tuple[int, int, int]] = []
        sampling_done = asyncio.Event()
        sampler = asyncio.ensure_future(sample_memory(server.pid, samples, sampling_done))
        tasks = [
            asyncio.ensure_future(
                run_session(
                    port,
                    key,
                    start,
                    stop_at,
                    options.think,
                    random.Random(number),
                    READY_TEXT[options.reader],
                )
            )
            for number, key in enumerate(keys)
        ]
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(start.everyone.wait(), FIRST_SCREEN_TIMEOUT)
        stop_at[0] = time.perf_counter() + options.duration
        cpu_before = cpu_of_tree(server.pid)
        client_before = time.process_time()
        load_before = os.getloadavg()[0]
        start.go.set()
        await asyncio.sleep(options.duration)
        cpu_after = cpu_of_tree(server.pid)
        client_cpu = time.process_time() - client_before
        results = await asyncio.gather(*tasks)
        sampling_done.set()
        await sampler
    finally:
        server.terminate()
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()
    latencies = [value for result in results for value in result.latencies]
    errors = [result.error for result in results if result.error]
    startups = [result.startup for result in results if result.startup]
    busy = samples[1:] or samples
    return {
        "sessions": options.sessions,
        "reader": options.reader,
        "duration_s": options.duration,
        "think_s": options.think,
        "keystrokes": len(latencies),
        "keys_without_redraw": sum(result.silent for result in results),
        "echo_median_ms": round(1000 * statistics.median(latencies), 1) if latencies else None,
        "echo_p95_ms": round(1000 * percentile(latencies, 0.95), 1) if latencies else None,
        "echo_p99_ms": round(1000 * percentile(latencies, 0.99), 1) if latencies else None,
        "echo_max_ms": round(1000 * max(latencies), 1) if latencies else None,
        "echo_by_key_ms": _by_key(results),
        "bytes_per_key_median": _median_int([b for r in results for b in r.response_bytes]),
        "bytes_per_key_p95": _p95_int([b for r in results for b in r.response_bytes]),
        "first_screen_bytes_median": _median_int([r.first_screen_bytes for r in results]),
        "startup_median_s": round(statistics.median(startups), 2) if startups else None,
        "startup_max_s": round(max(startups), 2) if startups else None,
        "server_cpu_percent": round(100 * (cpu_after[0] - cpu_before[0]) / options.duration),
        "readers_cpu_percent": round(100 * (cpu_after[1] - cpu_before[1]) / options.duration),
        "load_generator_cpu_percent": round(100 * client_cpu / options.duration),
        "loadavg_1min_before": round(load_before, 2),
        "server_idle_rss_mib": idle[1],
        "peak_processes": max(s[0] for s in busy),
        "peak_rss_sum_mib": max(s[1] for s in busy),
        "peak_pss_sum_mib": max(s[2] for s in busy),
        "errors": errors,
    }


def _median_int(values: list[int]) -> int | None:
    return round(statistics.median(values)) if values else None


def _p95_int(values: list[int]) -> int | None:
    return round(percentile([float(v) for v in values], 0.95)) if values else None


def _by_key(results: list[SessionResult]) -> dict[str, str]:
    """Median / p95 echo latency per key, e.g. opening an article (enter) vs scrolling (j)."""
    merged: dict[str, list[float]] = {}
    for result in results:
        for name, values in result.by_key.items():
            merged.setdefault(name, []).extend(values)
    return {
        name: f"{1000 * statistics.median(v):.0f}/{1000 * percentile(v, 0.95):.0f} (n={len(v)})"
        for name, v in sorted(merged.items())
    }


def main(argv: list[str]) -> int:
    """Parse options, run, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of scrolling")
    parser.add_argument("--think", type=float, default=0.2, help="pause between keys (s)")
    parser.add_argument("--reader", choices=("akhbar", "stub"), default="akhbar")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    options = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="akhbar-ssh-load-") as folder:
        figures = asyncio.run(drive(options, Path(folder)))
    if options.json:
        print(json.dumps(figures))
    else:
        for name, value in figures.items():
            print(f"{name:>22}: {value}")
    return 1 if figures["errors"] else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

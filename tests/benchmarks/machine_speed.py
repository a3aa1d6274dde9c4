"""How fast this machine runs Python right now: a fixed workload timed beside a benchmark.

The machine these figures come from is a shared virtual machine whose speed swings by up to
2x with nothing else running on it: sampled every few milliseconds, the fixed workload below
takes either ~24 ms (a fast phase) or ~41 ms (a slow phase), each phase lasting seconds to a
minute (CPU time swings alike, so it is not other processes' turns: the host takes part of
the CPU). A benchmark figure alone cannot say which phase it met. Benchmarks print this
workload's time before and after their own, and the ones that repeat a measurement time the
workload around each repetition and report the repetitions by phase (`phase_of`): fast
(the machine's own speed), slow (the host took part of it), or mixed (the phase changed).

Run alone (``python tests/benchmarks/machine_speed.py [SECONDS]``) it samples the workload
every half second and prints the spread.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

#: Iterations of the fixed workload (about 24 ms of CPU in this machine's fast phase).
ITERATIONS = 200_000
#: The workload's time at most in a fast phase, at least in a slow one (this machine:
#: ~24 and ~41 ms; another machine has its own, and then every repetition is "fast").
FAST_MS = 30.0
SLOW_MS = 35.0


def _workload() -> int:
    """Dictionary stores and small-string work: the kind of bytecode akhbar's layout runs."""
    table: dict[int, int] = {}
    total = 0
    for i in range(ITERATIONS):
        table[i & 1023] = i
        total += len(str(i))
    return total


def calibration_ms(runs: int = 3) -> float:
    """CPU milliseconds of the fixed workload: the fastest of *runs* runs."""
    best = float("inf")
    for _ in range(runs):
        began = time.process_time()
        _workload()
        best = min(best, time.process_time() - began)
    return best * 1000


def phase_of(before: float, after: float) -> str:
    """The phase a measurement ran in, from the workload's time just before and after."""
    if max(before, after) <= FAST_MS:
        return "fast"
    if min(before, after) >= SLOW_MS:
        return "slow"
    return "mixed"


def in_phase(run: Callable[[], T]) -> tuple[T, str]:
    """*run*'s result and the phase it ran in (one short workload before, one after)."""
    before = calibration_ms(runs=1)
    result = run()
    return result, phase_of(before, calibration_ms(runs=1))


def wait_for_fast_phase(timeout: float = 120.0) -> bool:
    """Wait until the machine runs at its own speed (three short workloads in a row under
    `FAST_MS`); False if that did not happen within *timeout* seconds."""
    end = time.monotonic() + timeout
    streak = 0
    while time.monotonic() < end:
        streak = streak + 1 if calibration_ms(runs=1) <= FAST_MS else 0
        if streak >= 3:
            return True
        time.sleep(0.05)
    return False


def by_phase(samples: list[tuple[float, str]], scale: float, unit: str) -> str:
    """Repetitions summarised per phase: ``fast 4: median 9.1 ms (8.7–9.9); slow 2: …``."""
    parts = []
    for phase in ("fast", "slow", "mixed"):
        values = sorted(value * scale for value, seen in samples if seen == phase)
        if values:
            parts.append(
                f"{phase} {len(values)}: median {statistics.median(values):.2f} {unit} "
                f"({values[0]:.2f}–{values[-1]:.2f})"
            )
    return "; ".join(parts)


def speed_line(before: float, after: float) -> str:
    """One line for a benchmark's output: the workload's time before and after it ran."""
    return (
        f"machine speed: fixed Python workload {before:.1f} ms before, {after:.1f} ms after "
        "(lower is faster; see tests/benchmarks/machine_speed.py)"
    )


def around(run: Callable[[], T]) -> T:
    """Run a benchmark's *run* and print `speed_line` (the machine's speed before and
    after it) under its figures."""
    before = calibration_ms()
    result = run()
    print(speed_line(before, calibration_ms()))
    return result


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 20.0
    samples = []
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        samples.append(calibration_ms(runs=1))
        time.sleep(0.5)
    print(
        f"fixed workload over {seconds:.0f} s ({len(samples)} samples): min {min(samples):.1f} ms, "
        f"median {statistics.median(samples):.1f} ms, max {max(samples):.1f} ms"
    )


if __name__ == "__main__":
    main()

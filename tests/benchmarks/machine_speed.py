"""How fast this machine runs Python right now: a fixed workload timed beside a benchmark.

The machine these figures come from is a shared virtual machine whose speed swings by up to
2x within a minute, with nothing else running on it (a fixed loop took 25 ms and 48 ms in
the same minute; CPU time swings alike, so it is not other processes' turns). A benchmark
figure alone cannot say which phase it met: benchmarks print this workload's time before
and after their own, so two runs can be compared, and a figure taken in a slow phase is
recognisable as one.

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

#: Iterations of the fixed workload (about 25 ms of CPU in this machine's fast phase).
ITERATIONS = 200_000


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

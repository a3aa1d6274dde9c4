"""Benchmark the reader: launch to first full paint (5 seeds; 10,000 generated articles), and
the cost of opening an article (load + page layout + entity tagging).

Targets (issue #3): first paint ≤ 0.6 s with the five articles, ≤ 1.5 s with 10,000;
opening any article ≤ 50 ms.

"First full paint" is measured on a real pseudo-terminal: from starting `python -m tui` to
the moment its output shows the article count in the title bar (written once the list is
filled) and then goes quiet for 100 ms.

Run: python tests/benchmarks/bench_reader.py [--count 10000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import re
import select
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.terminal.pty_capture import python_argv, start  # noqa: E402

ANSI = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]")
QUIET = 0.1


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "bench_corpus_load", REPO / "tests/benchmarks/bench_corpus_load.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def first_paint(paths: list[str], env: dict[str, str], count: int) -> float:
    """Seconds from spawn to the list being on screen (and the screen quiet)."""
    label = f"{count:,} articles".replace(",", "").encode()
    began = time.perf_counter()
    run = start(python_argv("-m", "tui", *paths), env, 100, 30)
    painted: float | None = None
    plain = b""
    deadline = began + 60
    while time.perf_counter() < deadline:
        ready = select.select([run.fd], [], [], QUIET)[0]
        if ready:
            try:
                data = os.read(run.fd, 65536)
            except OSError:
                break
            run.output.extend(data)
            plain = ANSI.sub(b"", bytes(run.output)).replace(b" ", b"")
            if painted is None and label.replace(b" ", b"") in plain:
                painted = time.perf_counter()
        elif painted is not None:
            break
    assert painted is not None, f"never painted the list: {plain[-400:]!r}"
    run.type("q")
    run.finish()
    return painted - began


def open_costs() -> list[tuple[str, float, float]]:
    """(title, cold ms, warm ms) for opening each seed article in process."""
    from tui.corpus.loader import load_article, load_corpus
    from tui.entities import group_mentions, tag_article
    from tui.text.layout import Mode, layout_paragraph
    from tui.text.page import article_blocks

    results = []
    for header in load_corpus([REPO / "articles"]).headers:
        timings = []
        for _ in range(2):
            began = time.perf_counter()
            article = load_article(header)
            for block in article_blocks(article):
                layout_paragraph(block.text, 62, Mode.APP, block.rtl)
            group_mentions(tag_article(article))
            timings.append((time.perf_counter() - began) * 1000)
        results.append((header.title[:40], timings[0], timings[1]))
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        env = {
            **os.environ,
            "TERM": "xterm-256color",
            "AKHBAR_DATA_DIR": str(home / "data"),
            "AKHBAR_CACHE_DIR": str(home / "cache"),
            "AKHBAR_CONFIG_DIR": str(home / "config"),
        }
        big = home / "generated"
        big.mkdir()
        _generator().generate(big, args.count, mixed=False)
        for name, paths, count in (
            ("5 seed articles", [str(REPO / "articles")], 5),
            (f"{args.count:,} generated articles", [str(big)], args.count),
        ):
            for label in ("cold cache", "warm cache"):
                if label == "cold cache":
                    for cache in (home / "cache").glob("*"):
                        cache.unlink()
                times = [first_paint(paths, env, count) for _ in range(args.repeat)]
                if label == "cold cache":
                    times = times[:1]  # only the first run is cold
                print(f"first paint, {name}, {label}: median {statistics.median(times):.2f} s "
                      f"(runs: {', '.join(f'{t:.2f}' for t in times)})")
    costs = open_costs()
    for title, cold, warm in costs:
        print(f"open {title!r}: first {cold:.1f} ms, again {warm:.1f} ms")
    print(f"open, worst first time: {max(c for _, c, _ in costs):.1f} ms")


if __name__ == "__main__":
    main()

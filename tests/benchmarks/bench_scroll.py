"""Benchmark scrolling the sidebar of 10,000 articles and the reading pane (issue #3: "a
virtualised list: 10,000 articles must scroll without lag").

Runs the reader headless under Textual's Pilot on a generated corpus and times each key
from press to the screen being redrawn (Pilot waits for the app to be idle), for `j`
(one row), `space` (a page) and `G`/`g` (the ends), then `j`/`space` in the longest article.

Run: python tests/benchmarks/bench_scroll.py [--count 10000] [--keys 200]
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))


def _generate(folder: Path, count: int) -> None:
    spec = importlib.util.spec_from_file_location(
        "bench_corpus_load", REPO / "tests/benchmarks/bench_corpus_load.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.generate(folder, count, mixed=False)


def _summary(name: str, times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[int(0.95 * (len(ordered) - 1))]
    return (
        f"{name}: median {statistics.median(times) * 1000:.1f} ms, "
        f"p95 {p95 * 1000:.1f} ms, max {max(times) * 1000:.1f} ms (n={len(times)})"
    )


async def _run(folder: Path, keys: int) -> None:
    from tests.app.conftest import main_screen, run_reader, settle

    async with run_reader([folder], size=(100, 30)) as (app, pilot):
        screen = main_screen(app)
        listed = len(screen.article_list.entries)
        print(f"listed {listed:,} articles")

        async def timed(key: str, n: int) -> list[float]:
            times = []
            for _ in range(n):
                began = time.perf_counter()
                await pilot.press(key)
                await pilot.pause()
                times.append(time.perf_counter() - began)
            return times

        print(_summary("sidebar j", await timed("j", keys)))
        # Our share of a frame: move the cursor and draw every visible row of the list.
        articles = screen.article_list
        draws = []
        for _ in range(keys):
            began = time.perf_counter()
            articles.move_by(1)
            for y in range(articles.size.height):
                articles.render_line(y)
            draws.append(time.perf_counter() - began)
        print(_summary("sidebar: move + draw all visible rows (no Textual frame)", draws))
        print(_summary("sidebar space (page)", await timed("space", keys // 4)))
        print(_summary("sidebar G/g (ends)", await timed("G", 5) + await timed("g", 5)))
        await pilot.press("enter")
        await settle(app, pilot)
        print(_summary("pane j", await timed("j", keys)))
        print(_summary("pane space (page)", await timed("space", keys // 4)))


def baseline(keys: int) -> None:
    """The same keys on the five shipped articles: what Pilot and a frame cost anyway."""
    print("five shipped articles (baseline):")
    asyncio.run(_run(REPO / "articles", keys))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--keys", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        for name in ("DATA", "CACHE", "CONFIG"):
            (home / name).mkdir()
            os.environ[f"AKHBAR_{name}_DIR"] = str(home / name)
        corpus = home / "corpus"
        corpus.mkdir()
        _generate(corpus, args.count)
        baseline(args.keys)
        print(f"{args.count:,} generated articles:")
        asyncio.run(_run(corpus, args.keys))


if __name__ == "__main__":
    main()

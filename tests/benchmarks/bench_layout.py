"""Benchmark the layout: a 5,000-character article at width 100, and 1 MB of Arabic text.

Targets (issue #2): ≤ 10 ms for the article, ≥ 500,000 characters per second, and a
re-render of unchanged paragraphs that costs (almost) nothing thanks to the cache.

Run: python tests/benchmarks/bench_layout.py [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from pathlib import Path

from machine_speed import by_phase, in_phase

from tui.text import layout as layout_module
from tui.text import word_glyphs
from tui.text.layout import Mode, layout_paragraph

ARTICLES = Path(__file__).resolve().parents[2] / "articles"


def _clear_caches() -> None:
    layout_module.layout_paragraph.cache_clear()
    word_glyphs.clear_cache()
    from tui.text import bidi_levels

    bidi_levels._levels_from_python_bidi.cache_clear()


def _sentences() -> list[str]:
    sentences = []
    for path in sorted(ARTICLES.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if len(line) > 40:
                sentences.append(line.strip())
    return sentences


def _paragraphs(total_chars: int, seed: int) -> list[str]:
    """Paragraphs of 2–4 real sentences from the seeds, shuffled, until *total_chars*."""
    rng = random.Random(seed)
    sentences = _sentences()
    paragraphs: list[str] = []
    size = 0
    while size < total_chars:
        paragraph = " ".join(rng.sample(sentences, rng.randint(2, 4)))
        paragraphs.append(paragraph)
        size += len(paragraph)
    return paragraphs


def _time(paragraphs: list[str], width: int, mode: Mode) -> float:
    """CPU seconds of this process to lay out *paragraphs*: on a shared machine wall time
    also counts other processes' turns (the load average is printed for context)."""
    start = time.process_time()
    for paragraph in paragraphs:
        layout_paragraph(paragraph, width, mode)
    return time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    print(f"load average {os.getloadavg()[0]:.2f}; times are CPU time of this process")

    article_times, warm_times, phased = [], [], []
    for i in range(args.repeat):
        article = _paragraphs(5_000, seed=i)
        _clear_caches()
        # Cold, then again at once (before the phase check's workload evicts the CPU caches).
        (cold, warm), phase = in_phase(
            lambda article=article: (_time(article, 100, Mode.APP), _time(article, 100, Mode.APP))
        )
        article_times.append(cold)
        phased.append((cold, phase))
        warm_times.append(warm)
    # A new article in a reader that has already shown others: the word cache is warm
    # (news repeats its vocabulary), the article's paragraphs were never laid out.
    _clear_caches()
    for seed in range(100, 120):
        _time(_paragraphs(5_000, seed=seed), 100, Mode.APP)
    fresh_times = []
    for i in range(args.repeat):
        layout_module.layout_paragraph.cache_clear()
        fresh_times.append(_time(_paragraphs(5_000, seed=200 + i), 100, Mode.APP))
    chars = sum(len(p) for p in _paragraphs(5_000, seed=0))
    print(f"5,000-char article ({chars} chars) at width 100, cold caches:")
    median_ms, max_ms = statistics.median(article_times) * 1000, max(article_times) * 1000
    print(f"  median {median_ms:.2f} ms, max {max_ms:.2f} ms")
    print(f"  by the machine's phase: {by_phase(phased, 1000, 'ms')}")
    print(f"  re-render (cached): median {statistics.median(warm_times) * 1e6:.1f} µs")
    print(
        "  new article after 20 others (word cache warm): "
        f"median {statistics.median(fresh_times) * 1000:.2f} ms"
    )

    megabyte = _paragraphs(1_000_000, seed=99)
    total = sum(len(p) for p in megabyte)
    for width in (60, 100):
        _clear_caches()
        elapsed = _time(megabyte, width, Mode.APP)
        print(
            f"1 MB ({total:,} chars, {len(megabyte)} paragraphs) at width {width}, cold: "
            f"{elapsed:.2f} s = {total / elapsed:,.0f} chars/s"
        )
    _clear_caches()
    elapsed = _time(megabyte, 100, Mode.TERMINAL)
    print(f"1 MB in terminal mode at width 100, cold: {total / elapsed:,.0f} chars/s")


if __name__ == "__main__":
    from machine_speed import around

    around(main)

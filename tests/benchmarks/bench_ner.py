"""Benchmark: entity tagging throughput, and opening one seed article cold and warm.

Figures printed:

- ``cold``: in a fresh Python process, `warm_up` (imports, model and gazetteer loading:
  what the reader pays once, in a worker at start-up), then the first `tag_text` of the
  largest seed article (empty word caches: the first article the reader highlights);
- ``new article``: `tag_text` of a seed article in a process that has already tagged the
  others (model loaded, word features of the shared vocabulary cached, the article itself
  not cached);
- ``warm``: `tag_text` of an article tagged before (the per-text cache);
- ``throughput``: the five seed articles tagged again and again, bypassing the per-text
  cache, until at least 200,000 tokens have been tagged; tokens per second overall, and
  the median and best of the passes over the five articles (on a machine shared with
  other work, the median pass is the steadier figure).

Times are CPU time (`time.process_time`, in the child process for the cold figures),
which other work on a shared machine disturbs far less than wall time; throughput is
also given in wall time. The load average is printed so a noisy run can be recognised.

Run: ``python tests/benchmarks/bench_ner.py [--tokens N]``
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "articles"
MIN_TOKENS = 200_000
REPEATS = 7

COLD_SCRIPT = """
import json, sys, time
started = time.process_time()
from tui.corpus.loader import load_article, load_corpus
paths = [__import__("pathlib").Path(p) for p in sys.argv[1:]]
texts = [load_article(h).text for h in load_corpus(paths, use_cache=False).headers]
text = max(texts, key=len)
loaded = time.process_time()
from tui.entities import tag_text, warm_up
warm_up()
model_ready = time.process_time()
tag_text(text)
tagged = time.process_time()
print(json.dumps({"load_model": model_ready - loaded, "first_tag": tagged - model_ready,
                  "chars": len(text)}))
"""


def seed_texts() -> list[str]:
    """Logical texts of the shipped articles, read as the reader reads them."""
    from tui.corpus.loader import load_article, load_corpus

    corpus = load_corpus(sorted(SEEDS.glob("*.txt")), use_cache=False)
    return [load_article(header).text for header in corpus.headers]


def cold(paths: list[Path]) -> dict[str, float]:
    """Median over `REPEATS` fresh processes of the cold figures."""
    runs = []
    for _ in range(REPEATS):
        out = subprocess.run(
            [sys.executable, "-c", COLD_SCRIPT, *map(str, paths)],
            capture_output=True,
            text=True,
            check=True,
            cwd=REPO,
        )
        runs.append(json.loads(out.stdout))
    return {key: statistics.median(run[key] for run in runs) for key in runs[0]}


def main() -> int:
    """Print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tokens", type=int, default=MIN_TOKENS, help="tokens to tag at least")
    args = parser.parse_args()

    from tui.entities import model, tag_text
    from tui.entities.tagger import _mentions, clear_cache
    from tui.entities.tokens import tokenize

    stages = "two stages" if model.load().stacked else "one stage"
    print(f"model: {model.shipped_model_path()} ({stages})")
    texts = seed_texts()
    sizes = [len(tokenize(text)) for text in texts]
    largest = max(range(len(texts)), key=lambda i: len(texts[i]))
    print(f"seed articles: {len(texts)}, {sum(sizes)} tokens, largest {sizes[largest]} tokens")

    figures = cold(sorted(SEEDS.glob("*.txt")))
    print(
        f"cold (fresh process, median of {REPEATS}):"
        f" warm_up (imports, model, gazetteers) {figures['load_model'] * 1e3:.0f} ms,"
        f" first tag_text of the largest article ({figures['chars']:.0f} chars)"
        f" {figures['first_tag'] * 1e3:.0f} ms"
    )

    for i, text in enumerate(texts):
        if i != largest:
            tag_text(text)
    clear_cache()
    timings = []
    for _ in range(REPEATS):
        clear_cache()
        started = time.process_time()
        tag_text(texts[largest])
        timings.append(time.process_time() - started)
    print(
        f"new article (model loaded, vocabulary warm, text not cached): "
        f"median {statistics.median(timings) * 1e3:.1f} ms, worst {max(timings) * 1e3:.1f} ms"
    )
    started = time.process_time()
    for _ in range(1000):
        tag_text(texts[largest])
    print(f"warm (text cached): {(time.process_time() - started) * 1e3:.3f} µs per call")

    tokens = 0
    passes: list[float] = []
    started, wall = time.process_time(), time.perf_counter()
    while tokens < args.tokens:
        pass_started = time.process_time()
        for text, size in zip(texts, sizes, strict=True):
            _mentions(text)
            tokens += size
        passes.append(sum(sizes) / (time.process_time() - pass_started))
    seconds, wall = time.process_time() - started, time.perf_counter() - wall
    print(
        f"throughput: {tokens} tokens in {seconds:.2f} s CPU = {tokens / seconds:,.0f} tokens/s"
        f" ({tokens / wall:,.0f} tokens/s wall); per pass over the five articles:"
        f" median {statistics.median(passes):,.0f}, best {max(passes):,.0f} tokens/s"
    )
    print(f"load average during the run: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    from machine_speed import around

    raise SystemExit(around(main))

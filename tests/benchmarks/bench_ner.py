"""Benchmark: entity tagging throughput, and opening one seed article cold and warm.

Figures printed:

- ``cold``: in a fresh Python process, the first `tag_text` of the largest seed article
  (imports, model and gazetteer loading, empty caches: what the reader pays the first time
  it highlights an article), and the import + model load alone;
- ``new article``: `tag_text` of a seed article in a process that has already tagged the
  others (model loaded, word features of the shared vocabulary cached, the article itself
  not cached);
- ``warm``: `tag_text` of an article tagged before (the per-text cache);
- ``throughput``: the five seed articles tagged again and again, bypassing the per-text
  cache, until at least 200,000 tokens have been tagged; tokens per second.

Run: ``python tests/benchmarks/bench_ner.py [--tokens N]``
"""

from __future__ import annotations

import argparse
import json
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
started = time.perf_counter()
from tui.corpus.loader import load_article, load_corpus
paths = [__import__("pathlib").Path(p) for p in sys.argv[1:]]
texts = [load_article(h).text for h in load_corpus(paths, use_cache=False).headers]
text = max(texts, key=len)
loaded = time.perf_counter()
from tui.entities import tag_text
from tui.entities.model import load
load()
model_ready = time.perf_counter()
tag_text(text)
tagged = time.perf_counter()
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

    from tui.entities import tag_text
    from tui.entities.tagger import _mentions, clear_cache
    from tui.entities.tokens import tokenize

    texts = seed_texts()
    sizes = [len(tokenize(text)) for text in texts]
    largest = max(range(len(texts)), key=lambda i: len(texts[i]))
    print(f"seed articles: {len(texts)}, {sum(sizes)} tokens, largest {sizes[largest]} tokens")

    figures = cold(sorted(SEEDS.glob("*.txt")))
    print(
        f"cold (fresh process, median of {REPEATS}): model load {figures['load_model'] * 1e3:.0f} ms,"
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
        started = time.perf_counter()
        tag_text(texts[largest])
        timings.append(time.perf_counter() - started)
    print(
        f"new article (model loaded, vocabulary warm, text not cached): "
        f"median {statistics.median(timings) * 1e3:.1f} ms, worst {max(timings) * 1e3:.1f} ms"
    )
    started = time.perf_counter()
    for _ in range(1000):
        tag_text(texts[largest])
    print(f"warm (text cached): {(time.perf_counter() - started) * 1e3:.3f} µs per call")

    tokens = 0
    started = time.perf_counter()
    while tokens < args.tokens:
        for text, size in zip(texts, sizes, strict=True):
            _mentions(text)
            tokens += size
    seconds = time.perf_counter() - started
    print(f"throughput: {tokens} tokens in {seconds:.2f} s = {tokens / seconds:,.0f} tokens/s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Benchmark: load a folder of generated articles cold (no cache), warm, and open articles.

Generates N articles (default 10,000) by recombining real sentences of the shipped seeds,
with the boilerplate the seeds carry (JavaScript warning, doubled captions, ``TT``, related
stories, tags), writes them to a temporary folder (100 per sub-folder, deterministic seed),
then runs each measurement in a fresh Python process:

- ``no cache``: `load_corpus(paths, use_cache=False)`;
- ``cold``: `load_corpus` with an empty cache folder (parses and fills the cache);
- ``warm``: `load_corpus` again with that cache;
- ``open``: `load_article` on 200 listed articles after a warm load (median, worst).

Each line reports the wall time of the call, the CPU time it used in all processes (worker
processes included; less sensitive than wall time to a busy machine), the process's peak
RSS, and (with --tracemalloc, a slower separate run) the peak of Python allocations.
``uptime``'s load average is printed too: on a shared machine, wall times above the CPU
time divided by the number of cores mean other work was competing. ``--mixed`` also writes Markdown,
HTML, JSON and RSS files for every reader module that exists.

Run: ``python tests/benchmarks/bench_corpus_load.py [--count N] [--mixed] [--unique]
[--tracemalloc]``
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import random
import re
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "articles"
PER_FOLDER = 100
OPENED_SAMPLE = 200
RANDOM_SEED = 20241023
#: Reader module → (extension, share of files when --mixed); txt takes the rest.
MIXED_FORMATS: dict[str, tuple[str, float]] = {
    "markdown": (".md", 0.1),
    "html": (".html", 0.1),
    "json_articles": (".json", 0.1),
    "feed": (".rss", 0.1),
}
LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
SENTENCE_END = re.compile(r"(?<=[.!؟])\s+")


def seed_material() -> tuple[list[str], list[str], list[str]]:
    """Headline-like lines, body sentences and captions from the seeds (raw text).

    Lines the cleaner drops on their own (markers, labels, bylines) are left out, so that
    every generated page holds one article.
    """
    from tui.corpus.clean import classify

    headlines: list[str] = []
    sentences: list[str] = []
    captions: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip(" •")
            words = len(line.split())
            if not line or line.isascii() or classify(line).reason is not None:
                continue
            if line.endswith(")") and words < 30:
                captions.append(line)
            elif words <= 15 and not line.endswith("."):
                headlines.append(line)
            elif words > 15:
                sentences.extend(s for s in SENTENCE_END.split(line) if len(s.split()) > 4)
    return headlines, sentences, captions


def make_txt(
    rng: random.Random, material: tuple[list[str], list[str], list[str]], tag: str = ""
) -> str:
    """One scraped-looking page with a unique body (*tag* ends its title and caption)."""
    headlines, sentences, captions = material
    title = f"{rng.choice(headlines)}{tag}"
    lines: list[str] = []
    if rng.random() < 0.2:
        lines += ["Sorry, you need to enable JavaScript to visit this website.", ""]
    lines += [title, ""]
    if rng.random() < 0.3:
        lines += [f"تاريخ النشر: {rng.randint(1, 28)}th, October 2023 GMT"]
    if rng.random() < 0.5:
        caption = f"{rng.choice(captions)}{tag}"
        lines += [caption, caption, "TT", "", title, ""]
    for _ in range(rng.randint(6, 30)):
        lines += [" ".join(rng.sample(sentences, rng.randint(1, 3))), ""]
    if rng.random() < 0.4:
        lines += ["مقالات ذات صلة", "", rng.choice(headlines), "", rng.choice(sentences), ""]
        lines += ["«الشرق الأوسط» (موسكو)"]
    return "\n".join(lines)


def make_other(kind: str, rng: random.Random, material: tuple[list[str], ...]) -> str:
    """The same kind of article as Markdown, HTML, JSON or RSS."""
    headlines, sentences, _ = material
    title = rng.choice(headlines)
    body = [" ".join(rng.sample(sentences, rng.randint(1, 3))) for _ in range(rng.randint(6, 30))]
    if kind == "markdown":
        return f"# {title}\n\n" + "\n\n".join(body) + "\n"
    if kind == "html":
        paragraphs = "".join(f"<p>{p}</p>" for p in body)
        return (
            f"<html><head><meta charset='utf-8'><title>{title}</title></head>"
            f"<body><article><h1>{title}</h1>{paragraphs}</article></body></html>"
        )
    if kind == "json_articles":
        return json.dumps({"title": title, "body": body}, ensure_ascii=False)
    items = "".join(
        f"<item><title>{rng.choice(headlines)} {n}</title>"
        f"<description>{' '.join(body[n::3])}</description></item>"
        for n in range(3)
    )
    declaration = '<?xml version="1.0" encoding="utf-8"?>'
    return f'{declaration}<rss version="2.0"><channel>{items}</channel></rss>'


def letter_code(number: int) -> str:
    """*number* written in Arabic letters (base 28): a unique word without digits (digits
    would send the line to the date rules)."""
    digits = ""
    while True:
        number, digit = divmod(number, len(LETTERS))
        digits = LETTERS[digit] + digits
        if not number:
            return digits


def generate(folder: Path, count: int, *, mixed: bool, unique: bool = False) -> dict[str, int]:
    """Write *count* files under *folder*; returns how many of each extension.

    The seeds hold few headlines and captions, so without *unique* the same short lines
    recur across pages far more than in a real corpus (where a site's furniture recurs
    but each page has its own title and caption); *unique* gives each .txt page its own.
    """
    rng = random.Random(RANDOM_SEED)
    material = seed_material()
    kinds = [("txt", ".txt", 1.0)]
    if mixed:
        available = [
            (name, ext, share)
            for name, (ext, share) in MIXED_FORMATS.items()
            if importlib.util.find_spec(f"tui.corpus.formats.{name}") is not None
        ]
        kinds = [("txt", ".txt", 1.0 - sum(s for *_, s in available)), *available]
    counts: dict[str, int] = {}
    for number in range(count):
        pick = rng.random()
        name, ext = kinds[0][0], kinds[0][1]
        total = 0.0
        for kind, extension, share in kinds:
            total += share
            if pick < total:
                name, ext = kind, extension
                break
        tag = f" {letter_code(number)}" if unique else ""
        text = make_txt(rng, material, tag) if name == "txt" else make_other(name, rng, material)
        sub = folder / f"{number // PER_FOLDER:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{number:05d}{ext}").write_text(text, encoding="utf-8")
        counts[ext] = counts.get(ext, 0) + 1
    return counts


CHILD = textwrap.dedent(
    """
    import json, os, resource, statistics, sys, time
    mode, folder, trace, sample = sys.argv[1], sys.argv[2], sys.argv[3] == "1", int(sys.argv[4])
    started = time.perf_counter()
    from pathlib import Path
    from tui.corpus.loader import load_article, load_corpus
    imported = time.perf_counter() - started
    if trace:
        import tracemalloc
        tracemalloc.start()
    def cpu():
        own = resource.getrusage(resource.RUSAGE_SELF)
        kids = resource.getrusage(resource.RUSAGE_CHILDREN)
        return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime
    cpu_before = cpu()
    started = time.perf_counter()
    corpus = load_corpus([Path(folder)], use_cache=mode != "nocache")
    elapsed = time.perf_counter() - started
    cpu_seconds = cpu() - cpu_before
    result = {"seconds": elapsed, "cpu": cpu_seconds, "import": imported,
              "headers": len(corpus.headers),
              "problems": len(corpus.problems)}
    if trace:
        result["traced_peak_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
    if mode == "open":
        times = []
        step = max(1, len(corpus.headers) // sample)
        for header in corpus.headers[::step]:
            t = time.perf_counter()
            load_article(header)
            times.append((time.perf_counter() - t) * 1000)
        result["open_ms_median"] = statistics.median(times)
        result["open_ms_max"] = max(times)
    result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(result))
    """
)


def measure(mode: str, folder: Path, env: dict[str, str], *, trace: bool) -> dict[str, float]:
    """Run one measurement in a fresh interpreter and return its figures."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, mode, str(folder), "1" if trace else "0", str(OPENED_SAMPLE)],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def main() -> int:
    """Generate the corpus, run the measurements, print one line each."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--mixed", action="store_true", help="include other formats")
    parser.add_argument(
        "--unique", action="store_true", help="each text page its own title and caption"
    )
    parser.add_argument("--tracemalloc", action="store_true", help="also trace allocations")
    args = parser.parse_args()
    import os

    with tempfile.TemporaryDirectory(prefix="akhbar-bench-") as tmp:
        root = Path(tmp)
        corpus = root / "corpus"
        counts = generate(corpus, args.count, mixed=args.mixed, unique=args.unique)
        size = sum(f.stat().st_size for f in corpus.rglob("*") if f.is_file())
        print(f"generated {args.count} files, {size / 2**20:.1f} MB: {counts}")
        print(f"load average before: {os.getloadavg()}, CPUs: {os.cpu_count()}")
        env = dict(os.environ)
        for name in ("DATA", "CACHE", "CONFIG"):
            (root / name.lower()).mkdir()
            env[f"AKHBAR_{name}_DIR"] = str(root / name.lower())
        runs = [("nocache", "no cache"), ("cold", "cold"), ("warm", "warm"), ("open", "open")]
        for mode, label in runs:
            figures = measure(mode, corpus, env, trace=False)
            line = (
                f"{label:>8}: {figures['seconds']:.3f} s wall, {figures['cpu']:.2f} s CPU"
                f" (all processes), {figures['headers']:.0f} articles, "
                f"{figures['problems']:.0f} problems, peak RSS {figures['peak_rss_mb']:.0f} MB "
                f"(imports {figures['import']:.3f} s)"
            )
            if mode == "open":
                line += (
                    f"; load_article median {figures['open_ms_median']:.2f} ms,"
                    f" max {figures['open_ms_max']:.2f} ms"
                )
            print(line)
        if args.tracemalloc:
            for mode in ("nocache", "warm"):
                figures = measure(mode, corpus, env, trace=True)
                print(f"{mode:>8}: traced Python peak {figures['traced_peak_mb']:.1f} MB")
    return 0


if __name__ == "__main__":
    from machine_speed import around

    raise SystemExit(around(main))

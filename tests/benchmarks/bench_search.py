"""Benchmark: search index build, warm launch, per-keystroke latency and memory at scale.

Generates corpora of 1,000, 10,000 and 100,000 articles from real sentences — the shipped
seeds' and, if present, ANERcorp's training text (a dev-only input: pass another path with
``--anercorp``, or nothing is read from it if the file is missing) — written as ``.txt``
files, 1,000 per folder, with a fixed random seed. For each size, in fresh interpreters:

- ``build``: `load_corpus` (cold: the corpus team's parser and cache, reported apart), then
  `refresh_index` — the index build time;
- ``warm``: a new session: open the index and answer the first query (the warm launch), then
  check every file for changes (`refresh_index` with nothing changed) and `warm_up()` (both
  run in the reader's start-up worker), then type each query of `QUERIES` letter by letter,
  timing every keystroke's `search()`; median, p95 and worst over all keystrokes, in wall
  time and in CPU time (wall time on a busy machine also counts waiting for a core);
- ``update``: edit 10 files, add 10, delete 10, and sync again (the incremental update).

Peak RSS (``ru_maxrss``) is reported per process. Targets (issue #6): p95 ≤ 50 ms at 10,000
and ≤ 100 ms at 100,000 articles; warm launch ≤ 1.5 s at 100,000; memory ≤ 500 MB.

Run: ``python tests/benchmarks/bench_search.py [--sizes 1000 10000 100000] [--anercorp PATH]
[--workdir DIR] [--keep]``. A 100,000-article run writes about 1.5 GB and takes minutes;
``--workdir DIR --reuse`` measures the warm session again on what a ``--keep`` run left.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO / "articles"
DEFAULT_ANERCORP = REPO.parent / "shared" / "data" / "anercorp" / "train.conll"
DEFAULT_SIZES = (1_000, 10_000, 100_000)
PER_FOLDER = 1_000
RANDOM_SEED = 20261123
SENTENCE_END = re.compile(r"(?<=[.!؟])\s+")
#: What readers of Arabic news type into the filter: names, places, phrases, operators.
QUERIES = [
    "لافروف",
    "كوريا الشمالية",
    '"كوريا الشمالية"',
    "روسيا -أوكرانيا",
    "title:موسكو",
    "بيونغ OR بيونج",
    "الرئيس بوتين",
    "وزير الخارجية الروسي",
    "ألمانيا",
    "الأمم المتحدة",
    '"الاتحاد الأوروبي"',
    "واشنطن",
    "person:لافروف",
    'place:"بيونغ يانغ"',
    "is:unread موسكو",
    "النفط الخام",
]


def seed_sentences() -> list[str]:
    """Sentences of the shipped articles (raw text; Arabic lines of five words or more)."""
    found: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip(" •")
            if line and not line.isascii():
                found.extend(s for s in SENTENCE_END.split(line) if len(s.split()) >= 5)
    return found


def anercorp_sentences(path: Path) -> list[str]:
    """Sentences of an ANERcorp CoNLL file (one ``token TAG`` per line); [] if missing."""
    if not path.is_file():
        return []
    sentences: list[str] = []
    tokens: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            if len(tokens) >= 5:
                sentences.append(" ".join(tokens))
            tokens = []
        else:
            tokens.append(line.rsplit(" ", 1)[0])
    if len(tokens) >= 5:
        sentences.append(" ".join(tokens))
    return sentences


def make_article(rng: random.Random, sentences: list[str]) -> str:
    """A title line, a blank line, then 3–10 paragraphs of 1–3 sentences."""
    title = " ".join(rng.choice(sentences).split()[:12])
    paragraphs = [
        " ".join(rng.sample(sentences, rng.randint(1, 3))) for _ in range(rng.randint(3, 10))
    ]
    return title + "\n\n" + "\n\n".join(paragraphs) + "\n"


def generate(folder: Path, count: int, sentences: list[str]) -> None:
    """Write *count* article files under *folder* (deterministic)."""
    rng = random.Random(RANDOM_SEED)
    for number in range(count):
        sub = folder / f"{number // PER_FOLDER:03d}"
        if number % PER_FOLDER == 0:
            sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{number:06d}.txt").write_text(make_article(rng, sentences), encoding="utf-8")


CHILD = textwrap.dedent(
    """
    import json, os, random, resource, statistics, sys, time
    from pathlib import Path
    mode, folder, queries = sys.argv[1], Path(sys.argv[2]), json.loads(sys.argv[3])
    from tui.corpus.loader import load_corpus
    from tui.search import open_searcher, refresh_index

    def timed(call):
        started = time.perf_counter()
        value = call()
        return value, time.perf_counter() - started

    def cpu_timed(call):
        started = time.process_time()
        value, wall = timed(call)
        return value, wall, time.process_time() - started

    def summary(values):
        values = sorted(values)
        return {"median": statistics.median(values),
                "p95": values[int(0.95 * (len(values) - 1))], "max": values[-1]}

    out = {}
    corpus, out["corpus_load_s"] = timed(lambda: load_corpus([folder]))
    out["articles"] = len(corpus.headers)
    if mode in ("build", "update"):
        report, out["index_sync_s"], out["index_sync_cpu_s"] = cpu_timed(
            lambda: refresh_index([folder], corpus.headers))
        out["report"] = [report.added, report.updated, report.removed, report.unchanged,
                         len(report.problems)]
    if mode == "warm":
        def launch():
            searcher = open_searcher([folder])
            return searcher, searcher.search(queries[0])
        (searcher, first), out["warm_launch_s"] = timed(launch)
        out["first_query_total"] = first.total
        report, out["unchanged_check_s"] = timed(lambda: refresh_index([folder], corpus.headers))
        out["unchanged"] = report.unchanged
        from tui.search import warm_up
        _, out["warm_up_s"] = timed(warm_up)
        rng = random.Random(1)
        read = frozenset(h.identity for h in corpus.headers if rng.random() < 0.1)
        walls, cpus, worst = [], [], {}
        for query in queries:
            for end in range(1, len(query) + 1):
                result, wall, cpu = cpu_timed(lambda: searcher.search(query[:end], read=read))
                walls.append(wall * 1000)
                cpus.append(cpu * 1000)
                worst[query] = max(worst.get(query, 0.0), wall * 1000)
            out.setdefault("totals", {})[query] = result.total
        out["keystrokes"] = len(walls)
        out["wall_ms"] = summary(walls)
        out["cpu_ms"] = summary(cpus)
        out["worst_by_query_ms"] = worst
        out["load_average"] = os.getloadavg()
    out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out, ensure_ascii=False))
    """
)


def measure(mode: str, folder: Path, env: dict[str, str]) -> dict[str, object]:
    """Run one phase in a fresh interpreter and return its figures."""
    done = subprocess.run(
        [sys.executable, "-c", CHILD, mode, str(folder), json.dumps(QUERIES)],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"{mode} failed:\n{done.stderr}")
    result: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def churn(folder: Path, sentences: list[str]) -> None:
    """Edit 10 files, add 10, delete 10 (for the incremental update)."""
    rng = random.Random(RANDOM_SEED + 1)
    files = sorted(folder.rglob("*.txt"))
    for path in files[:10]:
        path.write_text(make_article(rng, sentences), encoding="utf-8")
    for path in files[10:20]:
        path.unlink()
    extra = folder / "new"
    extra.mkdir(exist_ok=True)
    for number in range(10):
        (extra / f"{number}.txt").write_text(make_article(rng, sentences), encoding="utf-8")


def run_size(
    count: int, workdir: Path, sentences: list[str], *, reuse: bool = False
) -> dict[str, object]:
    """Generate a corpus of *count* articles and measure every phase.

    With *reuse*, a corpus and index left in *workdir* by a ``--keep`` run are measured
    again (warm session only): typing latency on a busy machine varies from run to run.
    """
    root = workdir / f"corpus-{count}"
    home = workdir / f"home-{count}"
    env = dict(os.environ)
    for name in ("DATA", "CACHE", "CONFIG"):
        env[f"AKHBAR_{name}_DIR"] = str(home / name.lower())
    if reuse:
        if not root.is_dir():
            raise SystemExit(f"--reuse: no corpus at {root}")
        return {"warm": measure("warm", root, env)}
    for folder in (root, home):
        shutil.rmtree(folder, ignore_errors=True)
    started = time.perf_counter()
    generate(root, count, sentences)
    generated = time.perf_counter() - started
    for name in ("DATA", "CACHE", "CONFIG"):
        (home / name.lower()).mkdir(parents=True, exist_ok=True)
    figures: dict[str, object] = {"generate_s": generated}
    figures["build"] = measure("build", root, env)
    figures["warm"] = measure("warm", root, env)
    churn(root, sentences)
    figures["update"] = measure("update", root, env)
    index_files = list((home / "cache" / "search").glob("*.sqlite3"))
    figures["index_mb"] = sum(p.stat().st_size for p in index_files) / 2**20
    return figures


def report(count: int, figures: dict[str, object]) -> None:
    """Print one size's figures as readable lines."""
    warm = figures["warm"]
    assert isinstance(warm, dict)
    print(f"\n== {count:,} articles ({warm['articles']:,} listed) ==")
    if "build" in figures:
        report_build(figures)
    report_warm(warm)


def report_build(figures: dict[str, object]) -> None:
    """The build, warm-start and update lines of one size."""
    build = figures["build"]
    warm = figures["warm"]
    update = figures["update"]
    assert isinstance(build, dict) and isinstance(warm, dict) and isinstance(update, dict)
    print(f"  corpus load, cold (corpus cache):  {build['corpus_load_s']:8.2f} s")
    print(
        f"  index build:                       {build['index_sync_s']:8.2f} s"
        f"  ({build['index_sync_cpu_s']:.2f} s CPU)"
    )
    print(f"  build peak RSS:                    {build['peak_rss_mb']:8.0f} MB")
    print(f"  index size on disk:                {figures['index_mb']:8.0f} MB")
    print(f"  corpus load, warm (corpus cache):  {warm['corpus_load_s']:8.2f} s")
    print(f"  incremental update (10 edited, 10 added, 10 deleted): {update['index_sync_s']:.2f} s")
    print(f"    report (added, updated, removed, unchanged, problems): {update['report']}")


def report_warm(warm: dict[str, object]) -> None:
    """The warm-session lines: launch, start-up work, keystrokes, memory."""
    print(f"  warm launch (open + first query):  {warm['warm_launch_s']:8.3f} s")
    print(f"  unchanged-files check (worker):    {warm['unchanged_check_s']:8.2f} s")
    print(f"  warm_up (worker, once):            {warm['warm_up_s']:8.2f} s")
    for kind in ("wall", "cpu"):
        figure = warm[f"{kind}_ms"]
        assert isinstance(figure, dict)
        print(
            f"  keystrokes ({warm['keystrokes']}), {kind} time: median {figure['median']:.1f} ms"
            f"  p95 {figure['p95']:.1f} ms  max {figure['max']:.1f} ms"
        )
    print(f"  load average after the keystrokes: {warm['load_average']}")
    print(f"  search session peak RSS:           {warm['peak_rss_mb']:8.0f} MB")
    worst = warm["worst_by_query_ms"]
    totals = warm["totals"]
    assert isinstance(worst, dict) and isinstance(totals, dict)
    for query, ms in sorted(worst.items(), key=lambda kv: -kv[1])[:5]:
        print(f"    slowest keystroke in {query!r}: {ms:.1f} ms ({totals[query]:,} matches)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--anercorp", type=Path, default=DEFAULT_ANERCORP)
    parser.add_argument("--workdir", type=Path, default=None)
    parser.add_argument("--keep", action="store_true", help="keep the generated corpora")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure the warm session again on corpora a --keep run left in --workdir",
    )
    parser.add_argument("--json", action="store_true", help="also print all figures as JSON")
    args = parser.parse_args()
    seeds = seed_sentences()
    ner = anercorp_sentences(args.anercorp)
    print(f"sentences: {len(seeds)} from the seeds, {len(ner)} from ANERcorp ({args.anercorp})")
    print(f"python {sys.version.split()[0]}, {os.cpu_count()} cores, load {os.getloadavg()}")
    if args.reuse and args.workdir is None:
        raise SystemExit("--reuse needs --workdir")
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="akhbar-bench-search-"))
    results = {}
    try:
        for count in args.sizes:
            results[count] = run_size(count, workdir, seeds + ner, reuse=args.reuse)
            report(count, results[count])
    finally:
        if not (args.keep or args.reuse):
            shutil.rmtree(workdir, ignore_errors=True)
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

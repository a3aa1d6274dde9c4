"""Benchmark the reader: launch to first full paint (5 seeds; 10,000 generated articles), and
the cost of opening an article (load + page layout + entity tagging).

Targets (issue #3): first paint ≤ 0.6 s with the five articles, ≤ 1.5 s with 10,000;
opening any article ≤ 50 ms.

"First full paint" is measured on a real pseudo-terminal: from starting `python -m tui` to
the moment its output shows the article count in the title bar (written once the list is
filled) and then goes quiet for 100 ms.

"Enter → painted" is measured in process with Textual's Pilot on the real app (120×40): the
cursor is put on an article and rests there --rest seconds (default 0.3: a reader reads the
title first; the reader uses that moment to get the article ready), Enter is pressed, and
the time is taken when the screen update
that first shows that article is composed (`App._display`, which writes it to the terminal);
"→ highlights" when the update after the entity mentions arrived is. Every article is opened
once per pass, as a reader would open it for the first time in a session (the articles
before it already read); each pass is a fresh process, and for each article the fastest of
--open-repeat passes is kept (the machine is shared: the minimum is the figure least
disturbed by other work). Also reported: the CPU time the UI thread used until the paint
(it leaves out time waiting for the GIL while the tagger thread runs, and time other
processes took). The first --open-count articles (newest first) of the five seeds plus a
generated mixed corpus of --open-corpus articles are opened.

Run: python tests/benchmarks/bench_reader.py [--count 10000] [--mixed] [--repeat 3]
[--cold-repeat 1] [--seeds-only] [--paint-only] [--open-only] [--rest 0.3]
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import importlib.util
import os
import re
import select
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))  # machine_speed

from machine_speed import by_phase, in_phase, wait_for_fast_phase  # noqa: E402

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


async def _pilot_open(paths: list[Path], count: int, rest: float) -> dict[str, list[float | None]]:
    """Per article: [wall ms to paint, UI-thread CPU ms to paint, wall ms to highlights]."""
    from tests.app.conftest import main_screen, run_reader, settle

    results: dict[str, list[float | None]] = {}
    async with run_reader(paths, size=(120, 40)) as (app, pilot):
        screen = main_screen(app)
        pane = screen.reader
        frames: list[tuple[float, float, str | None]] = []
        tagged: list[float] = []
        display = app._display
        set_entities = pane.set_entities

        def timed_display(target, update):  # type: ignore[no-untyped-def]
            if update is not None:
                shown = pane.article.identity if pane.article is not None else None
                frames.append((time.perf_counter(), time.thread_time(), shown))
            return display(target, update)

        def timed_entities(spans):  # type: ignore[no-untyped-def]
            tagged.append(time.perf_counter())
            return set_entities(spans)

        app._display = timed_display  # type: ignore[method-assign]
        pane.set_entities = timed_entities  # type: ignore[method-assign]
        await settle(app, pilot)
        headers = [e.header for e in screen.article_list.entries if e.header is not None]
        for header in headers[:count]:
            screen.article_list.focus()
            screen.article_list.move_to(header.identity)
            await settle(app, pilot)
            if rest:  # the reader reads the title before pressing Enter
                await asyncio.sleep(rest)
                await settle(app, pilot)
            frames.clear()
            tagged.clear()
            began, cpu = time.perf_counter(), time.thread_time()
            await pilot.press("enter")
            await settle(app, pilot)
            painted = next(f for f in frames if f[2] == header.identity)
            highlighted = next((f[0] for f in frames if tagged and f[0] >= tagged[0]), None)
            results[header.identity] = [
                (painted[0] - began) * 1000,
                (painted[1] - cpu) * 1000,
                None if highlighted is None else (highlighted - began) * 1000,
            ]
    return results


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def pilot_open_report(home: Path, count: int, corpus: int, repeat: int, rest: float) -> None:
    """Print Enter → painted and → highlights figures (see the module docstring)."""
    import json
    import subprocess

    generated = home / "open-corpus"
    _generator().generate(generated, corpus, mixed=True)
    passes = []
    for _ in range(repeat):
        done = subprocess.run(
            [sys.executable, __file__, "--open-pass", str(count), str(generated), str(rest)],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        )
        passes.append(json.loads(done.stdout.strip().splitlines()[-1]))
    best = {key: min((p[key] for p in passes), key=lambda s: s[0]) for key in passes[0]}
    walls = [wall for wall, _, _ in best.values()]
    cpus = [cpu for _, cpu, _ in best.values()]
    lights = [light for _, _, light in best.values() if light is not None]
    print(
        f"Enter → painted ({len(best)} articles, best of {repeat} passes): median "
        f"{statistics.median(walls):.1f} ms, p95 {_percentile(walls, 0.95):.1f} ms, "
        f"max {max(walls):.1f} ms; UI-thread CPU median {statistics.median(cpus):.1f} ms, "
        f"p95 {_percentile(cpus, 0.95):.1f} ms"
    )
    if lights:
        print(
            f"Enter → highlights painted: median {statistics.median(lights):.1f} ms, "
            f"p95 {_percentile(lights, 0.95):.1f} ms, max {max(lights):.1f} ms"
        )


def _open_pass(count: int, generated: Path, rest: float) -> None:
    """One pass in a fresh process (see `pilot_open_report`); prints JSON."""
    import json

    from tui.terminal.capabilities import apply_terminal_environment

    apply_terminal_environment()  # as `akhbar` does before importing Textual (frame rate…)

    with tempfile.TemporaryDirectory() as tmp:
        _isolate(Path(tmp))
        paths = [REPO / "articles", generated]
        print(json.dumps(asyncio.run(_pilot_open(paths, count, rest))))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3, help="warm-cache runs")
    parser.add_argument(
        "--cold-repeat", type=int, default=1, help="cold runs (the cache deleted before each)"
    )
    parser.add_argument(
        "--mixed", action="store_true", help="generated articles in every format (issue #4)"
    )
    parser.add_argument("--seeds-only", action="store_true", help="first paint of the seeds only")
    parser.add_argument("--paint-only", action="store_true", help="no opening figures")
    parser.add_argument("--open-count", type=int, default=40, help="articles opened")
    parser.add_argument("--open-corpus", type=int, default=60, help="generated articles")
    parser.add_argument("--open-repeat", type=int, default=3, help="openings per article")
    parser.add_argument("--open-only", action="store_true", help="only the Enter → paint part")
    parser.add_argument(
        "--rest",
        type=float,
        default=0.3,
        help="seconds the cursor rests on an article before Enter (0: at once)",
    )
    parser.add_argument(
        "--wait-fast",
        action="store_true",
        help="before each first-paint run, wait for the machine's fast phase (machine_speed.py)",
    )
    parser.add_argument("--open-pass", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.open_pass:
        _open_pass(int(args.open_pass[0]), Path(args.open_pass[1]), float(args.open_pass[2]))
        return
    print(f"load average: {os.getloadavg()}, CPUs: {os.cpu_count()}")
    if args.open_only:
        with tempfile.TemporaryDirectory() as tmp:
            _isolate(Path(tmp))
            pilot_open_report(
                Path(tmp), args.open_count, args.open_corpus, args.open_repeat, args.rest
            )
        return
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp)
        env = {
            **os.environ,
            "TERM": "xterm-256color",
            "AKHBAR_DATA_DIR": str(home / "data"),
            "AKHBAR_CACHE_DIR": str(home / "cache"),
            "AKHBAR_CONFIG_DIR": str(home / "config"),
        }
        corpora = [("5 seed articles", [str(REPO / "articles")], 5)]
        if not args.seeds_only:
            big = home / "generated"
            big.mkdir()
            _generator().generate(big, args.count, mixed=args.mixed)
            kind = "mixed-format" if args.mixed else "generated"
            listed = _listed_count(big) if args.mixed else args.count
            corpora.append((f"{args.count:,} {kind} files", [str(big)], listed))
        for name, paths, count in corpora:
            for label in ("cold cache", "warm cache"):
                phased: list[tuple[float, str]] = []
                cold = label == "cold cache"
                for _ in range(args.cold_repeat if cold else args.repeat):
                    if cold:  # each run starts with no cache
                        shutil.rmtree(home / "cache", ignore_errors=True)
                    if args.wait_fast:
                        wait_for_fast_phase()
                    phased.append(in_phase(functools.partial(first_paint, paths, env, count)))
                times = [t for t, _ in phased]
                print(
                    f"first paint, {name}, {label}: median {statistics.median(times):.2f} s "
                    f"(runs: {', '.join(f'{t:.2f}' for t in times)})\n"
                    f"  by the machine's phase: {by_phase(phased, 1, 's')}"
                )
    if args.paint_only:
        return
    costs = open_costs()
    for title, cold, warm in costs:
        print(f"open {title!r}: first {cold:.1f} ms, again {warm:.1f} ms")
    print(f"open, worst first time: {max(c for _, c, _ in costs):.1f} ms")
    with tempfile.TemporaryDirectory() as tmp:
        _isolate(Path(tmp))
        pilot_open_report(Path(tmp), args.open_count, args.open_corpus, args.open_repeat, args.rest)


def _listed_count(folder: Path) -> int:
    """How many articles the reader lists for *folder* (feeds hold several per file,
    duplicates are listed once): the count its title bar shows when the list is painted."""
    from tui.corpus.loader import load_corpus

    return len(load_corpus([folder], use_cache=False, write_cache=False).headers)


def _isolate(home: Path) -> None:
    """Point akhbar's data, cache and config folders into *home* (this process)."""
    for name in ("DATA", "CACHE", "CONFIG"):
        (home / name.lower()).mkdir(exist_ok=True)
        os.environ[f"AKHBAR_{name}_DIR"] = str(home / name.lower())


if __name__ == "__main__":
    if "--open-pass" in sys.argv:  # a pass in a child process: its last line is JSON
        main()
    else:
        from machine_speed import around

        around(main)

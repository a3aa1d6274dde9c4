"""Benchmark: the web-format readers on realistic and hostile inputs, and a local fetch run.

Readers (median of --repeat runs, one process):

- ``html page``: a saved news page (40 paragraphs, navigation, scripts, styles,
  JSON-LD, related-stories list, comments);
- ``html nested``: 10,000 nested ``<div>`` around one paragraph (must read, not crash);
- ``html hostile``: 40,000 nested ``<ul><li>`` (must be refused quickly by the work guard);
- ``rss 100``: an RSS feed of 100 entries with full HTML content;
- ``json 1000`` / ``jsonl 1000``: 1,000 articles in one file;
- ``markdown``: one article of 200 paragraphs with inline markup.

Fetch (one run each, wall time): ``fetch_feeds`` against a local `http.server` serving an
RSS feed of 50 full entries; then a feed of 50 teasers whose pages are fetched (4 at a time,
each page delayed by --page-delay seconds to stand in for network latency); then the
conditional re-run that gets a 304.

Run: ``python tests/benchmarks/bench_formats.py [--repeat N] [--page-delay SECONDS]``
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from html import escape
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.fetch.server import NewsSite, Reply  # noqa: E402
from tests.fetch.server import start as serve  # noqa: E402
from tui.corpus.formats import Source, UnreadableArticle, reader_for  # noqa: E402

SENTENCE = (
    "التقى وزير الخارجية الروسي سيرغي لافروف، الزعيم الكوري الشمالي كيم جونغ أون في بيونغ"
    " يانغ، الخميس، وفق ما أفادت خارجية موسكو في بيان، وأشاد بكوريا الشمالية معتبراً أنها"
    " «جارة مقرّبة وشريك تاريخي» لروسيا."
)


def _page(paragraphs: int) -> str:
    nav = "".join(f"<li><a href='/s/{n}'>قسم {n}</a></li>" for n in range(80))
    script = "<script>" + "var x = {'a': [1, 2, 3]};" * 400 + "</script>"
    style = "<style>" + ".c { color: red; margin: 0 }" * 300 + "</style>"
    body = "".join(f"<p>{SENTENCE} <b>{n}</b></p>" for n in range(paragraphs))
    related = "".join(f"<li><a href='/r/{n}'>خبر ذو صلة رقم {n}</a></li>" for n in range(30))
    comments = "".join(f"<div class='comment'><p>تعليق {n}</p></div>" for n in range(50))
    linked = json.dumps(
        {"@type": "NewsArticle", "headline": "عنوان", "datePublished": "2024-11-01"}
    )
    return (
        f"<html><head><title>عنوان | موقع</title>{style}{script}"
        f"<script type='application/ld+json'>{linked}</script></head><body>"
        f"<header><nav><ul>{nav}</ul></nav></header><main><article><h1>عنوان</h1>{body}"
        f"<section class='related'><ul>{related}</ul></section>"
        f"<section id='comments'>{comments}</section></article></main>"
        f"<footer>{nav}</footer>{script}</body></html>"
    )


def _rss(entries: int, content: bool, base: str = "https://example.com") -> str:
    items = []
    for n in range(entries):
        text = "".join(f"<p>{SENTENCE}</p>" for _ in range(8)) if content else "موجز قصير."
        items.append(
            f"<item><title>خبر رقم {n}</title><link>{base}/news/{n}.html</link>"
            f"<pubDate>Fri, 01 Nov 2024 10:00:00 +0300</pubDate>"
            f"<description>{escape(text)}</description></item>"
        )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>موقع</title>{''.join(items)}</channel></rss>"
    )


def _json_articles(count: int) -> str:
    return json.dumps(
        [{"title": f"خبر {n}", "date": "2024-11-01", "body": [SENTENCE] * 6} for n in range(count)],
        ensure_ascii=False,
    )


def _markdown(paragraphs: int) -> str:
    body = "\n\n".join(f"{SENTENCE} **مهم** [رابط](https://x/{n})" for n in range(paragraphs))
    return f"# عنوان\n\n{body}\n"


def _time(parse: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        parse()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _reader_case(name: str, extension: str, text: str, repeat: int) -> None:
    parse = reader_for(extension)
    assert parse is not None
    data = text.encode("utf-8")
    source = Source(f"bench{extension}", data, text, "utf-8")

    def run() -> object:
        try:
            return parse(source)
        except UnreadableArticle as error:
            return error

    outcome = run()
    shown = f"{len(outcome)} article(s)" if isinstance(outcome, list) else f"refused: {outcome}"
    seconds = _time(run, repeat)
    print(f"{name:<14} {len(data) / 1024:>8.0f} KB {seconds * 1000:>9.1f} ms   {shown}")


def _fetch_cases(page_delay: float) -> None:
    from tui.fetch.fetcher import fetch_feeds

    site = NewsSite()
    server, _ = serve(site)
    try:
        site.routes["/full.rss"] = Reply(_rss(50, True).encode(), etag='"v1"')
        site.routes["/teasers.rss"] = Reply(_rss(50, False, site.url("")).encode())
        for n in range(50):
            site.routes[f"/news/{n}.html"] = Reply(
                _page(10).encode(), content_type="text/html; charset=utf-8", delay=page_delay
            )
        with tempfile.TemporaryDirectory() as folder:
            os.environ["AKHBAR_CACHE_DIR"] = str(Path(folder) / "cache")
            for label, url in (
                ("fetch 50 full", "/full.rss"),
                ("fetch 50 teasers", "/teasers.rss"),
                ("fetch again (304)", "/full.rss"),
            ):
                start = time.perf_counter()
                report = fetch_feeds([site.url(url)], Path(folder) / "news")
                seconds = time.perf_counter() - start
                print(f"{label:<18} {seconds * 1000:>9.1f} ms   {report.summary()}")
    finally:
        server.shutdown()
        server.server_close()


def main() -> None:
    options = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    options.add_argument("--repeat", type=int, default=5)
    options.add_argument("--page-delay", type=float, default=0.05)
    args = options.parse_args()
    print(f"{'reader':<14} {'size':>11} {'median':>12}")
    _reader_case("html page", ".html", _page(40), args.repeat)
    _reader_case("html nested", ".html", "<div>" * 10_000 + "<p>نص</p>" + "</div>" * 10_000, 3)
    _reader_case("html hostile", ".html", "<ul><li>x" * 40_000, args.repeat)
    _reader_case("rss 100", ".rss", _rss(100, True), args.repeat)
    _reader_case("json 1000", ".json", _json_articles(1000), args.repeat)
    lines = "\n".join(json.dumps(a, ensure_ascii=False) for a in json.loads(_json_articles(1000)))
    _reader_case("jsonl 1000", ".jsonl", lines, args.repeat)
    _reader_case("markdown", ".md", _markdown(200), args.repeat)
    print()
    _fetch_cases(args.page_delay)


if __name__ == "__main__":
    main()

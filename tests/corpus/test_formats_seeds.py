"""The five shipped seed articles, converted to every other format, read back unchanged.

The conversion happens here, from `articles/` (no copies are committed): the seed's first
line is the title, every other non-empty line a paragraph; each format gets the same date,
source and URL, and every reader must give back exactly those fields. The web formats
(HTML, JSON, feeds) also drop lines that are furniture on their own; the seeds hold two
kinds, listed here by hand: a stray ``TT`` and a back-to-top button.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tui.corpus.article import Article
from tui.corpus.formats import Source, reader_for
from tui.corpus.formats.feed import read_feed

SOURCE = "الشرق الأوسط"
DATE = "2024-11-01T10:00:00+03:00"
DAY = "2024-11-01"
RSS_DATE = "Fri, 01 Nov 2024 10:00:00 +0300"
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!>|~<])")


@dataclass(frozen=True)
class Seed:
    """A seed as the conversions see it."""

    name: str
    title: str
    paragraphs: tuple[str, ...]
    url: str


def _seeds(paths: list[Path]) -> list[Seed]:
    seeds = []
    for number, path in enumerate(paths):
        lines = [" ".join(line.split()) for line in path.read_text("utf-8").splitlines()]
        lines = [line for line in lines if line]
        url = f"https://example.com/news/{number}"
        seeds.append(Seed(path.stem, lines[0], tuple(lines[1:]), url))
    return seeds


def _read(path: Path) -> list[Article]:
    data = path.read_bytes()
    parse = reader_for(path.suffix)
    assert parse is not None
    return parse(Source(str(path), data, data.decode("utf-8"), "utf-8"))


#: Seed lines the web formats drop, and why (checked by reading the seeds).
FURNITURE = {"TT": "stray-token", "زر الذهاب إلى الأعلى": "back-to-top"}


def _web(seed: Seed) -> tuple[str, ...]:
    return tuple(line for line in seed.paragraphs if line not in FURNITURE)


def _check(article: Article, seed: Seed, date: str, paragraphs: tuple[str, ...]) -> None:
    assert article.title == seed.title
    assert article.paragraphs == paragraphs
    dropped = [line for line in seed.paragraphs if line in FURNITURE]
    assert [(d.text, d.reason) for d in article.dropped] == [(t, FURNITURE[t]) for t in dropped]
    assert article.date == date
    assert article.published == DAY
    assert article.source == SOURCE
    assert article.url == seed.url


def _markdown(seed: Seed) -> str:
    def escape(line: str) -> str:
        return _MARKDOWN_SPECIAL.sub(r"\\\1", line)

    front = f"---\ndate: {DATE}\nsource: {SOURCE}\nurl: {seed.url}\n---\n"
    return front + f"# {escape(seed.title)}\n\n" + "\n\n".join(map(escape, seed.paragraphs))


def _html(seed: Seed) -> str:
    body = "\n".join(f"<p>{html.escape(line)}</p>" for line in seed.paragraphs)
    return (
        f'<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8">'
        f"<title>{html.escape(seed.title)} | {SOURCE}</title>"
        f'<meta property="og:site_name" content="{SOURCE}">'
        f'<meta property="article:published_time" content="{DATE}">'
        f'<link rel="canonical" href="{seed.url}"></head><body>'
        f"<nav><a href='/'>الرئيسية</a></nav><article><h1>{html.escape(seed.title)}</h1>"
        f"{body}</article><footer>جميع الحقوق محفوظة</footer></body></html>"
    )


def _record(seed: Seed) -> dict[str, object]:
    return {
        "title": seed.title,
        "date": DATE,
        "source": SOURCE,
        "url": seed.url,
        "body": "\n\n".join(seed.paragraphs),
    }


def _content(seed: Seed) -> str:
    return html.escape("".join(f"<p>{html.escape(line)}</p>" for line in seed.paragraphs))


def _rss(seeds: list[Seed]) -> str:
    items = "".join(
        f"<item><title>{html.escape(seed.title)}</title><link>{seed.url}</link>"
        f"<pubDate>{RSS_DATE}</pubDate><description>{_content(seed)}</description></item>"
        for seed in seeds
    )
    channel = f"<channel><title>{SOURCE}</title>{items}</channel>"
    return f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0">{channel}</rss>'


def _atom(seeds: list[Seed]) -> str:
    entries = "".join(
        f"<entry><title>{html.escape(seed.title)}</title><link href='{seed.url}'/>"
        f"<id>{seed.url}</id><published>{DATE}</published>"
        f"<content type='html'>{_content(seed)}</content></entry>"
        for seed in seeds
    )
    namespace = "http://www.w3.org/2005/Atom"
    feed = f'<feed xmlns="{namespace}"><title>{SOURCE}</title>{entries}</feed>'
    return f'<?xml version="1.0" encoding="utf-8"?>{feed}'


@pytest.fixture
def seeds(seed_paths: list[Path]) -> list[Seed]:
    assert len(seed_paths) == 5
    return _seeds(seed_paths)


def test_each_seed_as_markdown_keeps_every_line(seeds: list[Seed], tmp_path: Path) -> None:
    for seed in seeds:
        path = tmp_path / f"{seed.name}.md"
        path.write_text(_markdown(seed), "utf-8")
        (article,) = _read(path)
        assert article.title == seed.title
        assert article.paragraphs == seed.paragraphs
        assert (article.date, article.published) == (DATE, DAY)
        assert (article.source, article.url) == (SOURCE, seed.url)


def test_each_seed_as_a_saved_page(seeds: list[Seed], tmp_path: Path) -> None:
    for seed in seeds:
        path = tmp_path / f"{seed.name}.html"
        path.write_text(_html(seed), "utf-8")
        (article,) = _read(path)
        _check(article, seed, DATE, _web(seed))


def test_seeds_as_a_json_list(seeds: list[Seed], tmp_path: Path) -> None:
    path = tmp_path / "seeds.json"
    path.write_text(json.dumps([_record(seed) for seed in seeds], ensure_ascii=False), "utf-8")
    articles = _read(path)
    assert len(articles) == len(seeds)
    for article, seed in zip(articles, seeds, strict=True):
        _check(article, seed, DATE, _web(seed))


def test_seeds_as_json_lines(seeds: list[Seed], tmp_path: Path) -> None:
    path = tmp_path / "seeds.jsonl"
    lines = [json.dumps(_record(seed), ensure_ascii=False) for seed in seeds]
    path.write_text("\n".join(lines) + "\n", "utf-8")
    articles = _read(path)
    for article, seed in zip(articles, seeds, strict=True):
        _check(article, seed, DATE, _web(seed))
    assert [article.position for article in articles] == [0, 1, 2, 3, 4]


@pytest.mark.parametrize(
    ("extension", "convert", "date"), [(".rss", _rss, RSS_DATE), (".atom", _atom, DATE)]
)
def test_seeds_as_feed_entries(
    extension: str,
    convert: Callable[[list[Seed]], str],
    date: str,
    seeds: list[Seed],
    tmp_path: Path,
) -> None:
    path = tmp_path / f"seeds{extension}"
    path.write_text(convert(seeds), "utf-8")
    articles = _read(path)
    assert len(articles) == len(seeds)
    for article, seed in zip(articles, seeds, strict=True):
        _check(article, seed, date, _web(seed))
    data = path.read_bytes()
    feed = read_feed(Source(str(path), data, data.decode("utf-8"), "utf-8"))
    assert all(not entry.summary_only for entry in feed.entries)  # whole articles, no teasers

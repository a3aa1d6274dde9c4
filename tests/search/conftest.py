"""Fixtures for search tests: the seed articles, small hand-made articles, a fake tagger."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from tui.corpus.article import Article, ArticleHeader
from tui.corpus.loader import load_article, load_corpus
from tui.search import SearchIndex


def make(title: str, *paragraphs: str, path: str = "mem.txt", **fields: object) -> Article:
    """An article value built by hand (the corpus reader is not under test here)."""
    return Article(title=title, paragraphs=tuple(paragraphs), path=path, **fields)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def seed_articles() -> list[Article]:
    """The five shipped articles as the corpus reader cleans them, in file-name order."""
    root = Path(__file__).resolve().parents[2] / "articles"
    corpus = load_corpus(sorted(root.glob("*.txt")), use_cache=False)
    assert len(corpus.headers) == 5
    return [load_article(h) for h in corpus.headers]


@dataclass(frozen=True)
class FakeMention:
    """What `tui.entities.Mention` offers search: a type and a key."""

    type: str
    key: str


class FakeTagger:
    """Tags by table: article title → mentions; counts the articles it was asked about."""

    def __init__(self, table: dict[str, Sequence[FakeMention]]) -> None:
        self.table = table
        self.calls: list[str] = []

    def __call__(self, article: Article) -> list[FakeMention]:
        self.calls.append(article.title)
        return list(self.table.get(article.title, ()))


def index_of(articles: Sequence[Article]) -> SearchIndex:
    """An in-memory index holding *articles* as they are (no files behind them)."""
    index = SearchIndex.open(None)
    by_path: dict[str, list[Article]] = {}
    for article in articles:
        by_path.setdefault(article.path or "", []).append(article)
    for path, found in by_path.items():
        index.add_file(path, (0, 0, ""), found)
    return index


def loader_of(articles: Sequence[Article]) -> Callable[[ArticleHeader], Article]:
    """A `load_article` stand-in that hands back the given articles by identity."""
    by_identity = {a.identity: a for a in articles}

    def load(header: ArticleHeader) -> Article:
        return by_identity[header.identity]

    return load

"""The article store and the validator database, directly (no network)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.corpus.article import Article
from tui.corpus.formats import Source
from tui.corpus.formats.json_articles import parse
from tui.fetch.client import Validators, ValidatorStore
from tui.fetch.store import article_filename, article_record, is_stored, write_article

ARTICLE = Article(
    title="هدنة في غزة",
    paragraphs=("الفقرة الأولى.", "الفقرة الثانية."),
    date="Fri, 01 Nov 2024 10:00:00 +0300",
    published="2024-11-01",
    source="وكالة الأنباء",
    url="https://example.com/news/1",
)


def _read_back(path: Path) -> Article:
    data = path.read_bytes()
    (article,) = parse(Source(str(path), data, data.decode("utf-8"), "utf-8"))
    return article


def test_written_article_reads_back_with_every_field(news: Path) -> None:
    assert write_article(ARTICLE, news, feed="https://example.com/feed") is True
    (path,) = news.iterdir()
    article = _read_back(path)
    assert (article.title, article.paragraphs) == (ARTICLE.title, ARTICLE.paragraphs)
    assert (article.date, article.published) == (ARTICLE.date, ARTICLE.published)
    assert (article.source, article.url) == (ARTICLE.source, ARTICLE.url)
    record = json.loads(path.read_text("utf-8"))
    assert record["fetched"]["feed"] == "https://example.com/feed"
    assert "هدنة" in path.read_text("utf-8")  # readable UTF-8, not \\u escapes


def test_the_same_url_is_never_written_twice(news: Path) -> None:
    assert write_article(ARTICLE, news) is True
    changed = Article(title="عنوان معدل", paragraphs=("نص آخر",), url=ARTICLE.url)
    assert is_stored(changed, news)
    assert write_article(changed, news) is False
    (path,) = news.iterdir()
    assert _read_back(path).title == ARTICLE.title


def test_file_name_is_a_hash_of_the_url_or_of_the_text() -> None:
    same_url = Article(title="آخر", paragraphs=(), url=ARTICLE.url)
    assert article_filename(same_url) == article_filename(ARTICLE)
    no_url = Article(title=ARTICLE.title, paragraphs=ARTICLE.paragraphs)
    other = Article(title=ARTICLE.title, paragraphs=("مختلف",))
    assert article_filename(no_url) != article_filename(ARTICLE)
    assert article_filename(no_url) != article_filename(other)
    name = article_filename(ARTICLE)
    assert name.endswith(".json") and len(name) == 24 + len(".json")
    assert set(name.removesuffix(".json")) <= set("0123456789abcdef")


def test_record_leaves_out_missing_fields() -> None:
    record = article_record(Article(title="ع", paragraphs=("ن",)))
    assert set(record) == {"title", "body", "fetched"}
    assert record["body"] == ["ن"]


def test_a_race_with_another_writer_loses_nothing(
    news: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another run writes the same article between our check and our link: we yield."""
    final = news / article_filename(ARTICLE)
    real_link = os.link

    def racing_link(source: str, target: str) -> None:
        Path(target).write_text('{"title": "الأسبق", "body": []}', "utf-8")
        real_link(source, target)

    monkeypatch.setattr(os, "link", racing_link)
    assert write_article(ARTICLE, news) is False
    assert json.loads(final.read_text("utf-8"))["title"] == "الأسبق"
    assert [p.name for p in news.iterdir()] == [final.name]  # temporary file removed


def test_without_hard_links_a_rename_is_used(news: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_links(source: str, target: str) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    assert write_article(ARTICLE, news) is True
    assert write_article(ARTICLE, news) is False
    assert [p.name for p in news.iterdir()] == [article_filename(ARTICLE)]


def test_a_failed_write_leaves_no_file(news: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def full_disk(descriptor: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError, match="No space"):
        write_article(ARTICLE, news)
    assert list(news.iterdir()) == []


_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp", "Zs")),
    min_size=1,
    max_size=40,
)
#: Body paragraphs the web readers keep: "0" would be dropped as a stray token and a line
#: with الكوكيز as a cookie notice, so words start with نص and avoid alef, waw, yeh, kaf.
_PARAGRAPH = st.lists(
    st.text(alphabet="بتثجحخدذرزسشصضطظعغفقلمنهءة", min_size=2, max_size=9),
    max_size=8,
).map(lambda words: " ".join(("نص", *words)))


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=40)
@given(title=_TEXT, paragraphs=st.lists(_PARAGRAPH, max_size=4), source=_TEXT)
def test_any_article_round_trips(
    title: str, paragraphs: list[str], source: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    folder = tmp_path_factory.mktemp("store")
    article = Article(title=title, paragraphs=tuple(paragraphs), source=source)
    assert write_article(article, folder)
    back = _read_back(folder / article_filename(article))
    assert (back.title, back.paragraphs, back.source) == (title, tuple(paragraphs), source)


def test_validators_are_stored_and_forgotten(news: Path) -> None:
    validators = ValidatorStore(news / "v.sqlite3")
    assert validators.get("https://a") == Validators()
    validators.put("https://a", Validators('"x"', "Fri, 01 Nov 2024 10:00:00 GMT"))
    assert validators.get("https://a") == Validators('"x"', "Fri, 01 Nov 2024 10:00:00 GMT")
    assert validators.get("https://b") == Validators()
    validators.put("https://a", Validators())
    assert validators.get("https://a") == Validators()


def test_a_corrupt_validator_database_is_replaced(news: Path) -> None:
    news.mkdir()
    path = news / "v.sqlite3"
    path.write_bytes(b"this is not SQLite" * 100)
    validators = ValidatorStore(path)
    assert validators.get("https://a") == Validators()
    validators.put("https://a", Validators(etag='"y"'))
    assert validators.get("https://a") == Validators(etag='"y"')


def test_an_unusable_cache_folder_only_costs_conditional_requests(news: Path) -> None:
    news.mkdir()
    blocked = news / "file"
    blocked.write_text("x")
    validators = ValidatorStore(blocked / "v.sqlite3")
    validators.put("https://a", Validators(etag='"y"'))
    assert validators.get("https://a") == Validators()

"""The SQLite index: built once, updated incrementally, rebuilt when it cannot be trusted."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tui.corpus.article import Article, ArticleHeader
from tui.corpus.formats import UnreadableArticle
from tui.corpus.loader import load_article, load_corpus
from tui.paths import cache_dir
from tui.search import IndexUnavailable, SearchIndex, index_path
from tui.search.index import INDEXES_KEPT
from tui.search.searcher import IndexSearcher


class CountingLoader:
    """`load_article`, counting which files it had to read."""

    def __init__(self) -> None:
        self.paths: list[str] = []

    def __call__(self, header: ArticleHeader) -> Article:
        self.paths.append(Path(header.path or "").name)
        return load_article(header)


def write(folder: Path, name: str, title: str, body: str, *, mtime: int | None = None) -> Path:
    path = folder / name
    path.write_text(f"{title}\n\n{body}\n", encoding="utf-8")
    if mtime is not None:
        os.utime(path, ns=(mtime, mtime))
    return path


def headers_of(folder: Path) -> list[ArticleHeader]:
    return list(load_corpus([folder], use_cache=False).headers)


def found(index: SearchIndex, query: str) -> set[str]:
    return {Path(r.header.path or "").name for r in IndexSearcher(index).search(query).rows}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    write(folder, "a.txt", "لافروف في بيونغ يانغ", "زار وزير الخارجية الروسي كوريا الشمالية.")
    write(folder, "b.txt", "موسكو تستقبل وفدا", "وصل الوفد الكوري إلى موسكو أمس.")
    write(folder, "c.txt", "قمة في بكين", "التقى الرئيسان في بكين لبحث التعاون.")
    return folder


def test_first_sync_indexes_everything(corpus: Path) -> None:
    loader = CountingLoader()
    with SearchIndex.open(None) as index:
        report = index.sync(headers_of(corpus), loader)
        assert (report.added, report.updated, report.removed, report.unchanged) == (3, 0, 0, 0)
        assert sorted(loader.paths) == ["a.txt", "b.txt", "c.txt"]
        assert found(index, "موسكو") == {"b.txt"}
        assert found(index, "كوريا") == {"a.txt"}


def test_unchanged_files_are_not_read_again(corpus: Path) -> None:
    with SearchIndex.open(None) as index:
        index.sync(headers_of(corpus), load_article)
        loader = CountingLoader()
        report = index.sync(headers_of(corpus), loader)
        assert (report.added, report.updated, report.unchanged) == (0, 0, 3)
        assert loader.paths == []


def test_edited_file_is_reindexed_alone(corpus: Path) -> None:
    with SearchIndex.open(None) as index:
        index.sync(headers_of(corpus), load_article)
        write(
            corpus,
            "b.txt",
            "طهران تستقبل وفدا",
            "وصل الوفد إلى طهران.",
            mtime=1_900_000_000 * 10**9,
        )
        loader = CountingLoader()
        report = index.sync(headers_of(corpus), loader)
        assert (report.updated, report.unchanged) == (1, 2)
        assert loader.paths == ["b.txt"]
        assert found(index, "موسكو") == set()
        assert found(index, "طهران") == {"b.txt"}
        assert found(index, "بكين") == {"c.txt"}


def test_added_and_deleted_files(corpus: Path) -> None:
    with SearchIndex.open(None) as index:
        index.sync(headers_of(corpus), load_article)
        write(corpus, "d.txt", "أنقرة", "محادثات في أنقرة.")
        (corpus / "a.txt").unlink()
        report = index.sync(headers_of(corpus), load_article)
        assert (report.added, report.removed, report.unchanged) == (1, 1, 2)
        assert found(index, "أنقرة") == {"d.txt"}
        assert found(index, "لافروف") == set()
        assert index.document_count() == 3


def test_touched_file_keeps_its_articles_without_reparsing(corpus: Path) -> None:
    with SearchIndex.open(None) as index:
        index.sync(headers_of(corpus), load_article)
        later = 1_900_000_000 * 10**9
        os.utime(corpus / "c.txt", ns=(later, later))
        loader = CountingLoader()
        report = index.sync(headers_of(corpus), loader)
        assert (report.updated, report.unchanged) == (0, 3)
        assert loader.paths == []
        stored = index.connection.execute(
            "SELECT mtime_ns FROM files WHERE path LIKE '%c.txt'"
        ).fetchone()
        assert stored == (later,)


def test_a_file_that_cannot_be_read_any_more_is_reported_and_dropped(corpus: Path) -> None:
    with SearchIndex.open(None) as index:
        index.sync(headers_of(corpus), load_article)
        write(
            corpus, "a.txt", "لافروف", "نص جديد أطول من السابق بكثير.", mtime=1_900_000_000 * 10**9
        )

        def failing(header: ArticleHeader) -> Article:
            if header.path and header.path.endswith("a.txt"):
                raise UnreadableArticle("the file is not text")
            return load_article(header)

        report = index.sync(headers_of(corpus), failing)
        assert [Path(p.path).name for p in report.problems] == ["a.txt"]
        assert "not text" in report.problems[0].message
        assert found(index, "لافروف") == set()
        assert found(index, "موسكو") == {"b.txt"}


def test_a_vanished_file_is_a_problem_not_a_crash(corpus: Path) -> None:
    headers = headers_of(corpus)
    (corpus / "c.txt").unlink()
    with SearchIndex.open(None) as index:
        report = index.sync(headers, load_article)
        assert [Path(p.path).name for p in report.problems] == ["c.txt"]
        assert report.added == 2


def test_same_file_listing_other_articles_is_reindexed(corpus: Path) -> None:
    headers = headers_of(corpus)
    with SearchIndex.open(None) as index:
        index.sync(headers, load_article)
        # The loader now lists fewer articles for a file (e.g. a duplicate elsewhere won).
        report = index.sync([h for h in headers if not h.path.endswith("b.txt")], load_article)  # type: ignore[union-attr]
        assert report.removed == 1
        assert found(index, "موسكو") == set()


def test_fts_stays_consistent_after_edits(corpus: Path) -> None:
    with SearchIndex.open(None) as index:
        index.sync(headers_of(corpus), load_article)
        write(corpus, "a.txt", "عنوان آخر", "نص مختلف تماما عن الأول.", mtime=1_900_000_000 * 10**9)
        (corpus / "b.txt").unlink()
        index.sync(headers_of(corpus), load_article)
        index.connection.execute("INSERT INTO fts(fts) VALUES ('integrity-check')")
        counts = index.connection.execute(
            "SELECT (SELECT count(*) FROM docs), (SELECT count(*) FROM streams)"
        ).fetchone()
        assert counts == (2, 2)


def test_index_persists_between_sessions(corpus: Path, tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite3"
    with SearchIndex.open(path) as index:
        index.sync(headers_of(corpus), load_article)
    with SearchIndex.open(path) as index:
        assert found(index, "بكين") == {"c.txt"}


def test_a_corrupt_index_file_is_rebuilt(corpus: Path, tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with SearchIndex.open(path) as index:
        assert index.document_count() == 0
        index.sync(headers_of(corpus), load_article)
        assert found(index, "بكين") == {"c.txt"}


def test_an_index_built_with_another_analysis_is_rebuilt(corpus: Path, tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite3"
    with SearchIndex.open(path) as index:
        index.sync(headers_of(corpus), load_article)
        index.connection.execute("UPDATE meta SET value = 'older' WHERE key = 'analysis'")
    with SearchIndex.open(path) as index:
        assert index.document_count() == 0


def test_interrupted_sync_keeps_its_progress(corpus: Path) -> None:
    calls = iter([False, True, True])
    stop: Callable[[], bool] = lambda: next(calls)  # noqa: E731
    with SearchIndex.open(None) as index:
        report = index.sync(headers_of(corpus), load_article, should_stop=stop)
        assert report.added == 1
        assert index.document_count() == 1
        assert index.sync(headers_of(corpus), load_article).added == 2


def test_a_second_connection_sees_a_finished_sync(corpus: Path, tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite3"
    with SearchIndex.open(path) as reader, SearchIndex.open(path) as writer:
        assert found(reader, "بكين") == set()
        writer.sync(headers_of(corpus), load_article)
        assert found(reader, "بكين") == {"c.txt"}


def test_index_path_depends_on_the_set_of_roots_only(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    assert index_path([a, b]) == index_path([b, a, a])
    assert index_path([a]) != index_path([a, b])
    assert index_path([a]).parent.parent == cache_dir()


def test_old_index_files_are_evicted(tmp_path: Path) -> None:
    paths = [index_path([tmp_path / str(i)]) for i in range(INDEXES_KEPT + 2)]
    for i, path in enumerate(paths):
        SearchIndex.open(path).close()
        os.utime(path, (1_000_000 + i, 1_000_000 + i))
    SearchIndex.open(paths[0]).close()
    left = sorted(p.name for p in paths[0].parent.glob("*.sqlite3"))
    assert len(left) == INDEXES_KEPT
    assert paths[0].name in left  # the one just used stays
    assert paths[1].name not in left  # the oldest others go


def test_index_file_is_sqlite_with_fts5(corpus: Path, tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite3"
    with SearchIndex.open(path) as index:
        index.sync(headers_of(corpus), load_article)
    connection = sqlite3.connect(path)
    tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
    connection.close()
    assert {"fts", "docs", "files", "streams"} <= tables


def test_an_unwritable_cache_is_a_specific_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the index folder should be", encoding="utf-8")
    with pytest.raises(IndexUnavailable):
        SearchIndex.open(blocker / "index.sqlite3")

"""A warm start shows the last session's listing at once, then catches up with the files."""

from __future__ import annotations

import shutil
import threading
from pathlib import Path

import pytest

from tests.app.conftest import ARTICLES, main_screen, reader_app, run_reader, settle
from tui.app.screens.main import MainScreen
from tui.corpus.cache import ArticleCache


def titles(screen: MainScreen) -> set[str]:
    return {e.header.title for e in screen.article_list.entries if e.header is not None}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in sorted(ARTICLES.glob("*.txt"))[:3]:
        shutil.copy(path, folder / path.name)
    return folder


async def test_the_remembered_listing_is_shown_then_checked_against_the_files(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    async with run_reader([corpus]) as (app, _):
        before = titles(main_screen(app))
    assert len(before) == 3
    gone = sorted(corpus.iterdir())[0]
    gone.unlink()
    added = sorted(ARTICLES.glob("*.txt"))[3]
    shutil.copy(added, corpus / added.name)

    # With the check held back, the list is the remembered one.
    with monkeypatch.context() as patch:
        patch.setattr(MainScreen, "check_corpus", lambda self: None)
        async with run_reader([corpus]) as (app, _):
            assert titles(main_screen(app)) == before

    async with run_reader([corpus]) as (app, _):
        after = titles(main_screen(app))
    assert len(after) == 3 and len(after - before) == 1 and len(before - after) == 1


async def test_an_open_article_stays_open_when_the_list_is_reloaded(corpus: Path) -> None:
    async with run_reader([corpus]) as (app, pilot):
        screen = main_screen(app)
        await pilot.press("enter")
        await settle(app, pilot)
        opened = screen.reader.article
        assert opened is not None
        added = sorted(ARTICLES.glob("*.txt"))[3]
        shutil.copy(added, corpus / added.name)
        screen.corpus_changed()  # what refreshing the feeds does when new articles arrived
        await settle(app, pilot)
        assert len(screen.article_list.entries) == 4
        await settle(app, pilot)
        assert screen.reader.article == opened


async def test_the_reader_lists_what_the_command_started_reading(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui import reader_session
    from tui.corpus.preload import CorpusPreload

    preload = CorpusPreload((corpus,), write_cache=True)
    read_again: list[object] = []
    real_load = reader_session.load_corpus

    def counted(*args: object, **kwargs: object) -> object:
        read_again.append(args)
        return real_load(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(reader_session, "load_corpus", counted)
    async with run_reader([corpus], preload=preload) as (app, _):
        assert len(titles(main_screen(app))) == 3
        assert read_again == []  # the screen took the preloaded corpus
        with ArticleCache() as cache:  # and wrote the cache the preload left to write
            assert sorted(Path(p).name for p in cache.files()) == sorted(
                p.name for p in corpus.iterdir()
            )
        main_screen(app).corpus_changed()  # a later reload reads the files again
        await app.workers.wait_for_complete()
        assert len(read_again) == 1


async def test_a_preload_of_other_paths_is_not_used(corpus: Path, tmp_path: Path) -> None:
    from tui.corpus.preload import CorpusPreload

    other = tmp_path / "other"
    other.mkdir()
    preload = CorpusPreload((other,), write_cache=True)
    async with run_reader([corpus], preload=preload) as (app, _):
        assert len(titles(main_screen(app))) == 3
    preload.result()  # its thread ends here, not in a later test


async def test_a_load_that_is_not_listed_still_writes_its_cache(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A first start's load that a newer load superseded (a feed refresh meanwhile) read
    # every file: what it parsed is cached all the same.
    from tui.corpus.preload import CorpusPreload
    from tui.reader_session import ReaderSession

    real_is_newest = ReaderSession.is_newest
    seen: list[object] = []

    def first_superseded(self: ReaderSession, loaded: object) -> bool:
        seen.append(loaded)
        return len(seen) > 1 and real_is_newest(self, loaded)  # type: ignore[arg-type]

    monkeypatch.setattr(ReaderSession, "is_newest", first_superseded)
    preload = CorpusPreload((corpus,), write_cache=True)
    async with run_reader([corpus], preload=preload) as (app, pilot):
        await settle(app, pilot)
        assert len(seen) == 1
        with ArticleCache() as cache:
            assert len(cache.files()) == 3


async def test_a_load_cancelled_by_a_newer_one_leaves_the_listing_alone(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A feed refresh cancels a check still reading; the check's older result, arriving
    last, must not replace what the newer load listed."""
    import threading
    import time

    from tui import reader_session
    from tui.corpus.loader import load_corpus

    async with run_reader([corpus]) as (app, pilot):
        screen = main_screen(app)
        older = load_corpus([corpus])
        added = sorted(ARTICLES.glob("*.txt"))[3]
        shutil.copy(added, corpus / added.name)
        newer = load_corpus([corpus])
        assert len(older.headers) == len(titles(screen)) == 3 and len(newer.headers) == 4
        started: list[int] = []
        release = threading.Event()

        def slow_then_fast(*_: object, **__: object) -> object:
            started.append(len(started))
            if len(started) == 1:  # the first load is still reading when the second starts
                release.wait(10)
                return older
            return newer

        monkeypatch.setattr(reader_session, "load_corpus", slow_then_fast)
        screen.corpus_changed()
        deadline = time.monotonic() + 10
        while not started and time.monotonic() < deadline:
            await pilot.pause(0.01)
        assert started == [0]
        screen.corpus_changed()  # cancels the first (exclusive group "corpus")
        while len(titles(screen)) != 4 and time.monotonic() < deadline:
            await pilot.pause(0.01)
        assert titles(screen) == {h.title for h in newer.headers}
        release.set()  # the cancelled load finishes last, with the older corpus
        # Its thread outlives its cancelled task (nothing to wait on): give it a second to
        # overwrite the listing, as it did, which takes it milliseconds.
        until = time.monotonic() + 1
        while set(screen.model.headers) == set(newer.headers) and time.monotonic() < until:
            await pilot.pause(0.02)
        await settle(app, pilot)
        assert set(screen.model.headers) == set(newer.headers)
        assert titles(screen) == {h.title for h in newer.headers}


async def test_the_title_bar_says_loading_until_the_first_load_is_listed(
    tmp_path: Path, held_load: threading.Event
) -> None:
    from tui.app.widgets.lines import InfoLine

    release = held_load
    empty = tmp_path / "empty"
    empty.mkdir()
    app = reader_app([empty])
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        bar = main_screen(app).query_one("#title-bar", InfoLine)
        assert "Loading" in bar.render_line(0).text
        assert "0 articles" not in bar.render_line(0).text
        release.set()
        await settle(app, pilot)
        # An empty folder: the loading state ends all the same.
        assert "0 articles" in bar.render_line(0).text
        pane = main_screen(app).reader
        shown = " ".join(pane.render_line(y).text for y in range(pane.size.height))
        assert "Loading" not in shown and "No articles" in shown


async def test_quitting_stops_the_first_load_and_saves_what_was_listed(corpus: Path) -> None:
    class Recorder:
        """Stands in for the preload and for a corpus whose cache writes were deferred."""

        def __init__(self) -> None:
            self.calls: list[str] = []
            self.paths = ()

        def cancel(self) -> None:
            self.calls.append("cancel")

        def write_cache(self) -> None:
            self.calls.append("write")

    preload, unsaved = Recorder(), Recorder()
    async with run_reader([corpus], preload=preload) as (app, _):  # type: ignore[arg-type]
        app.unsaved_corpus = unsaved  # type: ignore[assignment]
        app.exit()
    assert preload.calls == ["cancel"]  # a first load still reading would end at once
    assert unsaved.calls == ["write"]  # written before the process ends

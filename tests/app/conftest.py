"""Helpers to run the reader under Textual's Pilot."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tui.app.app import AkhbarApp
from tui.app.launch import load_options
from tui.app.screens.main import MainScreen
from tui.commands.read import validated_keymap
from tui.corpus.preload import CorpusPreload

ARTICLES = Path(__file__).resolve().parents[2] / "articles"

Runner = Callable[..., "AsyncIterator[tuple[AkhbarApp, Pilot[None]]]"]


@asynccontextmanager
async def run_reader(
    paths: list[Path] | None = None,
    *,
    size: tuple[int, int] = (100, 30),
    lang: str | None = None,
    bidi: str | None = None,
    state_dir: Path | None = None,
    preload: CorpusPreload | None = None,
) -> AsyncIterator[tuple[AkhbarApp, Pilot[None]]]:
    """Start the reader on *paths* (default: the shipped articles) and wait until it listed
    them; *preload*: a corpus read started before the app, as `akhbar` starts one."""
    app = reader_app(paths, lang=lang, bidi=bidi, state_dir=state_dir, preload=preload)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        yield app, pilot


def reader_app(
    paths: list[Path] | None = None,
    *,
    lang: str | None = None,
    bidi: str | None = None,
    state_dir: Path | None = None,
    preload: CorpusPreload | None = None,
) -> AkhbarApp:
    """The reader on *paths* (default: the shipped articles), not started: for tests that
    must not wait for its workers (`run_reader` does)."""
    options = load_options(
        paths=paths or [ARTICLES],
        bidi=bidi,
        lang=lang,
        theme=None,
        state_dir=state_dir,
        read_only=False,
    )
    return AkhbarApp(options, validated_keymap(options.config.keys), preload)


@pytest.fixture
def held_load(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Corpus loads wait until the event is set (at most 10 s; set at teardown)."""
    from tui import reader_session

    release = threading.Event()
    real_load = reader_session.load_corpus

    def held(*args: object, **kwargs: object) -> object:
        release.wait(10)
        return real_load(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(reader_session, "load_corpus", held)
    yield release
    release.set()


async def settle(app: AkhbarApp, pilot: Pilot[None]) -> None:
    """Let workers (corpus loading, entity tagging) finish and the screen redraw."""
    for _ in range(3):
        await pilot.pause()
        await app.workers.wait_for_complete()
    await pilot.pause()


def main_screen(app: AkhbarApp) -> MainScreen:
    screen = app.screen
    assert isinstance(screen, MainScreen), screen
    return screen


@pytest.fixture
def reader() -> Callable[..., object]:
    return run_reader

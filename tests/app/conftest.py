"""Helpers to run the reader under Textual's Pilot."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
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
    options = load_options(
        paths=paths or [ARTICLES],
        bidi=bidi,
        lang=lang,
        theme=None,
        state_dir=state_dir,
        read_only=False,
    )
    app = AkhbarApp(options, validated_keymap(options.config.keys), preload)
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        yield app, pilot


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

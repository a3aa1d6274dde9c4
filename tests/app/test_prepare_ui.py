"""The article under the list cursor is got ready while the reader looks at it, so it opens
already laid out and highlighted; nothing about it changes (it is not marked read)."""

from __future__ import annotations

import asyncio

import pytest

from tests.app.conftest import main_screen, run_reader, settle
from tui.app.screens import opening
from tui.app.screens.main import MainScreen


async def test_an_article_the_cursor_rests_on_opens_with_its_entities(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    tagged: list[str] = []
    monkeypatch.setattr(MainScreen, "tag_entities", lambda self, a: tagged.append(a.identity))
    async with run_reader() as (app, pilot):
        screen = main_screen(app)
        await pilot.press("j")  # rest on the second article
        await asyncio.sleep(opening.PREPARE_DELAY_S + 0.2)
        await settle(app, pilot)
        header = screen.article_list.highlighted
        assert header is not None
        assert header.identity not in screen.model.read  # got ready, not read
        assert screen.model.known_entity_groups(header.identity)
        await pilot.press("enter")
        assert tagged == []  # nothing left to tag: highlighted as it is first drawn
        assert screen.reader.article is not None
        assert screen.reader.article.identity == header.identity
        assert screen.reader.entity_spans


async def test_moving_on_at_once_prepares_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    prepared: list[str] = []
    monkeypatch.setattr(
        MainScreen, "prepare_article", lambda self, header, *_: prepared.append(header.identity)
    )
    async with run_reader() as (app, pilot):
        screen = main_screen(app)
        await pilot.press("j", "j", "j")
        await asyncio.sleep(opening.PREPARE_DELAY_S + 0.2)
        await settle(app, pilot)
        # Only where the cursor came to rest (the first article was ready from the start).
        assert screen.article_list.highlighted is not None
        assert prepared[-1] == screen.article_list.highlighted.identity
        assert len(prepared) <= 2

"""A broken install without the entity model: the reader works, says so once, never crashes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.app.conftest import main_screen, run_reader, settle


@pytest.fixture
def no_model(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    from tui.entities import model, tagger

    missing = tmp_path / "missing.crfsuite"
    monkeypatch.setattr(model, "shipped_model_path", lambda: missing)
    tagger.clear_cache()  # texts tagged by other tests would not ask for the model
    yield missing
    tagger.clear_cache()


async def test_without_the_model_articles_open_and_the_user_is_told_once(
    no_model: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.app.app import AkhbarApp

    notices: list[str] = []
    real_notify = AkhbarApp.notify_text

    def recorded(self: AkhbarApp, message: str, **kwargs: object) -> None:
        notices.append(message)
        real_notify(self, message, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(AkhbarApp, "notify_text", recorded)
    async with run_reader() as (app, pilot):
        screen = main_screen(app)
        await pilot.press("enter")
        await settle(app, pilot)
        first = screen.model.current
        assert first is not None and screen.reader.article == first
        second = screen.article_list.entries[1].header
        assert second is not None and second.identity != first.identity
        screen.open_article(second)
        await settle(app, pilot)
        assert screen.reader.article is not None
        assert screen.reader.article.identity == second.identity
        assert [p.path for p in app.problems] == [str(no_model)]
        assert "ner-train" in app.problems[0].message
        assert notices == ["Some files could not be read: Ctrl+P → Problems"]

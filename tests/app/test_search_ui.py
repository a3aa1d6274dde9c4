"""Searching in the reader: the filter box, the narrowed list, hits in the pane, n/N."""

from __future__ import annotations

import pytest
from textual import events

from tests.app.conftest import main_screen, run_reader, settle
from tui.app.widgets.lines import InfoLine
from tui.corpus.loader import load_article
from tui.text.layout import layout_paragraph


def listed(screen) -> list[str]:  # type: ignore[no-untyped-def]
    return [e.header.identity for e in screen.article_list.entries if e.header is not None]


async def type_text(pilot, text: str) -> None:  # type: ignore[no-untyped-def]
    for ch in text:
        await pilot.press("space" if ch == " " else ch)


async def test_typing_narrows_the_list_on_every_keystroke() -> None:
    async with run_reader(size=(100, 30)) as (app, pilot):
        screen = main_screen(app)
        everything = listed(screen)
        assert len(everything) == 5
        await pilot.press("slash")
        box = screen.filter_box
        assert app.focused is box
        counts = []
        for ch in "زاخاروفا":
            await pilot.press(ch)
            counts.append(len(listed(screen)))
        # Two seed articles quote Zakharova; the list follows every keystroke there.
        assert counts[-1] == 2
        assert len(set(counts)) > 1
        info = screen.query_one("#search-info", InfoLine)
        assert info.left.startswith("2 ")
        # The box shows the typed Arabic shaped and in reading order (right to left).
        drawn = box.render_line(0).text
        assert layout_paragraph("زاخاروفا", 40).lines[0].text.strip() in drawn
        # Esc clears the query and gives the list back, focused.
        await pilot.press("escape")
        assert app.focused is screen.article_list
        assert listed(screen) == everything
        assert box.value == ""


async def test_hits_are_highlighted_and_n_moves_between_them() -> None:
    async with run_reader(size=(100, 30)) as (app, pilot):
        screen = main_screen(app)
        await pilot.press("slash")
        await type_text(pilot, "بيونغ")
        await pilot.press("enter")  # back to the list, filter kept
        assert app.focused is screen.article_list
        first = screen.article_list.highlighted
        assert first is not None
        await pilot.press("enter")
        await settle(app, pilot)
        pane = screen.reader
        article = load_article(first)
        assert pane.hits, "no hits highlighted"
        for start, end in pane.hits:
            # Every hit is a spelling of Pyongyang (بيونغ / بيونج / بیونغ, any clitic).
            word = article.text[start:end]
            assert word.replace("ی", "ي").endswith(("بيونغ", "بيونج")), word
        total = len(pane.hits)
        await pilot.press("n")
        assert pane.current_hit == 0
        status = screen.query_one("#status", InfoLine)
        assert f"hit 1 of {total}" in status.right
        await pilot.press("n", "n")
        assert pane.current_hit == 2 % total
        await pilot.press("N")
        assert pane.current_hit == 1 % total
        assert f"hit {pane.current_hit + 1} of {total}" in status.right
        row = pane.row_of(pane.hits[pane.current_hit][0])
        top = int(pane.scroll_y)
        assert top <= row < top + pane.scrollable_content_region.height


async def test_a_malformed_query_is_explained_not_raised() -> None:
    async with run_reader() as (app, pilot):
        screen = main_screen(app)
        await pilot.press("slash")
        await type_text(pilot, '"روسيا')
        info = screen.query_one("#search-info", InfoLine)
        assert "quote" in info.left.lower()
        assert len(listed(screen)) == 5  # nothing filtered on a query that did not parse
        await pilot.press("backspace")
        await type_text(pilot, '"')
        assert "quote" not in info.left.lower()


async def test_exclusion_and_or_and_fields() -> None:
    async with run_reader() as (app, pilot):
        screen = main_screen(app)
        screen.show_query("زاخاروفا")
        await settle(app, pilot)
        quoted = set(listed(screen))
        assert len(quoted) == 2
        screen.show_query("-زاخاروفا")
        await settle(app, pilot)
        assert set(listed(screen)).isdisjoint(quoted) and len(listed(screen)) == 3
        screen.show_query("ستافروبول OR كيربي")
        await settle(app, pilot)
        assert len(listed(screen)) == 2
        screen.show_query("source:24")
        await settle(app, pilot)
        assert len(listed(screen)) == 1


async def test_entity_qualifiers_any_spelling_confirmed_in_the_background() -> None:
    async with run_reader() as (app, pilot):
        screen = main_screen(app)
        screen.show_query('place:"بيونج يانج"')  # the seeds write بيونغ يانغ and بیونغ یانغ
        await settle(app, pilot)
        await settle(app, pilot)
        places = set(listed(screen))
        assert len(places) >= 3
        assert screen.model.unconfirmed == 0  # the tagger has checked every candidate
        screen.show_query("person:لافروف")
        await settle(app, pilot)
        await settle(app, pilot)
        assert len(listed(screen)) == 5  # every seed article names Lavrov
        screen.show_query("org:لافروف")
        await settle(app, pilot)
        await settle(app, pilot)
        assert listed(screen) == []  # a person is not an organisation


async def test_a_slash_inside_a_query_is_a_character() -> None:
    async with run_reader() as (app, pilot):
        screen = main_screen(app)
        await pilot.press("slash")
        await type_text(pilot, "a")
        await pilot.press("slash")
        await type_text(pilot, "b")
        assert screen.filter_box.value == "a/b"
        assert app.focused is screen.filter_box


async def test_enter_enter_typed_at_once_searches_then_opens_the_first_hit() -> None:
    """``/ query Enter Enter``: the first Enter goes back to the list, the second opens the
    article under its cursor, even when both arrive before the app handled the first (a
    terminal delivers keys typed quickly in one read, and the driver posts them at once)."""
    async with run_reader() as (app, pilot):
        screen = main_screen(app)
        await pilot.press("slash")
        await type_text(pilot, "زاخاروفا")
        assert len(listed(screen)) == 2
        first = screen.article_list.highlighted
        assert first is not None and first.identity in listed(screen)
        for _ in range(2):  # as the driver posts two keys parsed from one read
            app.post_message(events.Key("enter", "\r"))
        await settle(app, pilot)
        assert screen.model.current is not None, "the second Enter was swallowed"
        assert screen.model.current.identity == first.identity
        assert app.focused is screen.reader
        assert len(listed(screen)) == 2  # the filter was kept


async def test_enter_enter_pressed_without_settling_opens_the_first_hit() -> None:
    async with run_reader() as (app, pilot):
        screen = main_screen(app)
        await pilot.press("slash")
        await type_text(pilot, "زاخاروفا")
        first = screen.article_list.highlighted
        assert first is not None
        await pilot.press("enter", "enter")
        await settle(app, pilot)
        assert screen.model.current is not None
        assert screen.model.current.identity == first.identity
        assert app.focused is screen.reader


async def test_escape_then_enter_typed_at_once_opens_from_the_whole_list() -> None:
    """Esc gives the list back at once too: an Enter right behind it opens, it is not taken
    by the box that is closing."""
    async with run_reader() as (app, pilot):
        screen = main_screen(app)
        await pilot.press("slash")
        await type_text(pilot, "زاخاروفا")
        app.post_message(events.Key("escape", "\x1b"))
        app.post_message(events.Key("enter", "\r"))
        await settle(app, pilot)
        assert len(listed(screen)) == 5  # Esc cleared the filter
        assert screen.filter_box.value == ""
        assert screen.model.current is not None, "the Enter after Esc was swallowed"
        assert app.focused is screen.reader


async def test_a_query_typed_before_search_is_ready_waits_for_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # On a first start the index is built after the list is painted: a count taken before
    # would be of the part built so far ("0 results"). The box says search is being
    # prepared, and the query runs once it is ready.
    import threading

    from tests.app.conftest import reader_app
    from tui.reader_session import ReaderSession

    release = threading.Event()
    real_prepare = ReaderSession.prepare_search

    def slow_prepare(self: ReaderSession, should_stop: object = None) -> None:
        release.wait(10)
        real_prepare(self, should_stop)  # type: ignore[arg-type]

    monkeypatch.setattr(ReaderSession, "prepare_search", slow_prepare)
    app = reader_app()
    async with app.run_test(size=(100, 30)) as pilot:
        screen = main_screen(app)
        for _ in range(50):  # listed, without waiting for the (held) search preparation
            if len(listed(screen)) == 5:
                break
            await pilot.pause(0.05)
        assert not screen.model.search_ready
        await pilot.press("slash")
        await type_text(pilot, "زاخاروفا")
        info = screen.query_one("#search-info", InfoLine)
        assert info.left.startswith("Preparing search")
        assert len(listed(screen)) == 5  # not filtered by a partial search
        release.set()
        await settle(app, pilot)
        assert screen.model.search_ready
        assert info.left.startswith("2 ")
        assert len(listed(screen)) == 2

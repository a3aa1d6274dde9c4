"""The reader's model without Textual: listing, opening, read marks, positions, search."""

from __future__ import annotations

import gc
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.corpus.article import ArticleHeader
from tui.reader_session import ReaderSession, SessionOptions
from tui.state.store import ReaderState

ARTICLES = Path(__file__).resolve().parents[1] / "articles"


@dataclass
class Entry:
    header: ArticleHeader | None


@pytest.fixture
def state(tmp_path: Path) -> ReaderState:
    return ReaderState.open(tmp_path / "state.sqlite3")


def session(state: ReaderState, **options: object) -> ReaderSession:
    model = ReaderSession(SessionOptions((ARTICLES,), **options), state)  # type: ignore[arg-type]
    model.load()
    return model


def listed(model: ReaderSession) -> list[ArticleHeader]:
    return [h for h, _, _ in model.entries("en") if h is not None]


def test_entries_sorted_by_date_newest_first_then_undated(state: ReaderState) -> None:
    model = session(state)
    headers = listed(model)
    assert len(headers) == 5
    dated = [h.published for h in headers if h.published]
    assert dated == sorted(dated, reverse=True)
    assert all(h.published for h in headers[: len(dated)])


def test_group_by_source_adds_headings_and_keeps_every_article(state: ReaderState) -> None:
    model = session(state)
    model.group_by_source = True
    entries = model.entries("ar")
    headings = [label for h, label, _ in entries if h is None]
    assert "الشرق الأوسط" in headings
    assert len([h for h, _, _ in entries if h is not None]) == 5


def test_opening_marks_read_and_positions_are_saved_on_flush(state: ReaderState) -> None:
    model = session(state)
    first = listed(model)[0]
    article = model.open(first)
    assert article is not None and first.identity in model.read
    assert model.position_of(article) == 0
    model.note_position(article.identity, 120, at_end=False)
    assert state.position(article.identity) is None  # not written on every scroll step
    model.flush_position()
    assert state.position(article.identity) == 120
    # A new session (a relaunch) finds it.
    again = session(state)
    assert again.position_of(article) == 120


def test_mark_read_at_end_only_when_scrolled_to_the_end(state: ReaderState) -> None:
    model = session(state, mark_read="end")
    header = listed(model)[0]
    model.open(header)
    assert header.identity not in model.read
    assert model.note_position(header.identity, 10, at_end=False) is False
    assert model.note_position(header.identity, 900, at_end=True) is True
    assert header.identity in model.read


def test_neighbour_and_next_unread_follow_the_listed_order(state: ReaderState) -> None:
    model = session(state)
    entries = [Entry(h) for h in listed(model)]
    model.open(entries[1].header)  # type: ignore[arg-type]
    assert model.neighbour(1, entries) == entries[2].header
    assert model.neighbour(-1, entries) == entries[0].header
    assert model.next_unread(entries, 1, forward=True) == entries[2].header.identity  # type: ignore[union-attr]
    for entry in entries[2:]:
        model.toggle_read(entry.header.identity)  # type: ignore[union-attr]
    # Forward from 1: 2, 3, 4 are read, so it wraps round to 0.
    assert model.next_unread(entries, 1, forward=True) == entries[0].header.identity  # type: ignore[union-attr]


def test_a_query_before_search_is_ready_is_kept_not_answered(state: ReaderState) -> None:
    model = session(state)
    assert model.set_query("زاخاروفا", "en").startswith("Preparing search")
    assert model.query_text == "زاخاروفا"
    assert len(listed(model)) == 5  # nothing filtered by a search that is not ready
    frozen = gc.get_freeze_count()
    model.prepare_search()
    # Freezing start-up's objects is the app's, done once after collecting (memory.py).
    assert gc.get_freeze_count() == frozen
    assert model.set_query(model.query_text, "en") == "2 results"


def test_query_filters_ranks_and_explains_errors(state: ReaderState) -> None:
    model = session(state)
    model.prepare_search()
    message = model.set_query("زاخاروفا", "en")
    assert message == "2 results"
    hits = [hits for h, _, hits in model.entries("en") if h is not None]
    assert len(hits) == 2 and hits == sorted(hits, reverse=True)
    assert model.set_query('"زاخاروفا', "en").lower().count("quote") == 1
    assert len(listed(model)) == 5  # a query that does not parse filters nothing
    assert model.set_query("", "en") == ""


def test_bars(state: ReaderState) -> None:
    model = session(state)
    identities = [h.identity for h in listed(model)]
    model.open(listed(model)[2])
    left, right = model.title_bar(identities.index(model.current.identity), 5, "en")
    assert left.endswith("3/5") and right == "5 articles · 4 unread"
    left, right = model.title_bar(None, 2, "en")  # the open article filtered out
    assert "/" not in left and right == "2 articles · 4 unread"
    model.hit_position = (3, 12)
    title, status = model.status_line("app", "en")
    assert title == listed(model)[2].title and status == "hit 3 of 12 · bidi: app"


def test_the_last_listing_is_remembered_sorted_and_shown_without_sorting(
    state: ReaderState, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = session(state)
    order = listed(first)
    assert ReaderSession(SessionOptions((ARTICLES,)), state).last_listing() is None
    first.remember_listing()
    fresh = ReaderSession(SessionOptions((ARTICLES,)), state)
    listing = fresh.last_listing()
    assert listing is not None and listing.ordering == fresh.sort == "date"
    assert list(listing.headers) == order  # stored in the order the reader lists them

    import tui.session_listing as module

    def no_sorting(*_: object) -> object:
        raise AssertionError("a listing stored in this order must not be sorted again")

    monkeypatch.setattr(module, "sort_headers", no_sorting)
    fresh.show_listing(listing)
    assert listed(fresh) == order


def test_entries_and_unread_count_are_remembered_until_something_changes(
    state: ReaderState,
) -> None:
    model = session(state)
    entries = model.entries("en")
    assert model.entries("en") is entries  # nothing changed: the same list
    assert model.unread_count() == 5
    model.cycle_sort()
    assert model.entries("en") is not entries
    first = listed(model)[0]
    model.toggle_read(first.identity)
    assert model.unread_count() == 4
    model.remember_listing()
    model.show_listing(model.last_listing() or pytest.fail("no listing"))  # new headers
    assert model.unread_count() == 4


def test_prepare_reads_lays_out_and_tags_without_marking_read(state: ReaderState) -> None:
    from tui.text.layout import Mode, layout_paragraph

    model = session(state)
    header = listed(model)[1]
    assert model.known_entity_groups(header.identity) is None
    layout_paragraph.cache_clear()
    model.prepare(header, 60, Mode.APP, 20)
    assert layout_paragraph.cache_info().currsize > 0  # the first screen is laid out
    groups = model.known_entity_groups(header.identity)
    assert groups and header.identity not in model.read and model.current is None
    article = model.open(header)
    assert article is not None and model.entity_groups(article) == groups


def test_a_superseded_load_leaves_the_session_untouched(state: ReaderState, tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "corpus"
    folder.mkdir()
    seeds = sorted(ARTICLES.glob("*.txt"))
    for path in seeds[:3]:
        shutil.copy(path, folder / path.name)
    model = ReaderSession(SessionOptions((folder,)), state)
    older = model.read_corpus(model.begin_load(), "en")
    assert len(older.corpus.headers) == 3 and older.changed
    assert model.headers == ()  # reading lists nothing by itself
    shutil.copy(seeds[3], folder / seeds[3].name)
    newer = model.read_corpus(model.begin_load(), "en")  # e.g. a feed refresh
    assert model.adopt(older) is False  # superseded before the newer one finished
    assert model.headers == ()
    assert model.adopt(newer) is True
    assert len(model.headers) == 4
    assert newer.entries is not None
    assert model.entries("en") is newer.entries[1]  # built by the worker, not again
    assert model.adopt(older) is False  # superseded, however late it arrives
    assert len(model.headers) == 4 and len(listed(model)) == 4
    # A reload that finds the same articles keeps the listing (and its entries) as they are.
    entries = model.entries("en")
    again = model.read_corpus(model.begin_load(), "en")
    assert again.changed is False and model.adopt(again) is False
    assert model.entries("en") is entries


@given(order=st.permutations(range(4)))
@settings(max_examples=30, deadline=None)
def test_whatever_order_loads_finish_in_the_newest_one_is_listed(order: list[int]) -> None:
    import tempfile

    from tui.corpus.loader import Corpus, load_corpus

    seeds = load_corpus([ARTICLES]).headers
    with tempfile.TemporaryDirectory() as folder:
        state = ReaderState.open(Path(folder) / "s.sqlite3")
        try:
            model = ReaderSession(SessionOptions((ARTICLES,)), state)
            # Four loads begun one after the other, each reading a different corpus.
            loads = [
                model.read_corpus(model.begin_load(), None, Corpus(seeds[: n + 1], ()))
                for n in range(4)
            ]
            adopted = [model.adopt(loads[i]) for i in order]
            assert adopted == [i == 3 for i in order]  # only the newest is listed
            assert model.headers == seeds[:4]
        finally:
            state.close()


@pytest.fixture
def no_model(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """The install lacks the entity model: every attempt to load it fails (and is counted)."""
    from tui.entities import model, tagger

    attempts: list[object] = []

    def missing(path: object = None) -> object:
        attempts.append(path)
        raise model.ModelMissing("entity model not found at /nowhere; run `akhbar ner-train`")

    monkeypatch.setattr(model, "load", missing)
    tagger.clear_cache()  # texts tagged by other tests would not ask for the model
    yield attempts
    tagger.clear_cache()


def test_a_missing_entity_model_is_tried_once_per_session(
    state: ReaderState, no_model: list[object]
) -> None:
    model = session(state)
    articles = [model.open(header) for header in listed(model)[:3]]
    for article in [*articles, articles[0]]:
        assert article is not None
        assert model.entity_groups(article) == []
    assert len(no_model) == 1  # not once per article, nor per cursor rest
    # The user is told once: the first time the screen asks, never again.
    problem = model.take_entities_problem()
    assert problem is not None and "ner-train" in problem.message
    assert model.take_entities_problem() is None
    assert model.entity_groups(articles[1]) == [] and len(no_model) == 1
    assert model.take_entities_problem() is None


def test_search_is_prepared_without_the_entity_model(
    state: ReaderState, no_model: list[object]
) -> None:
    model = session(state)
    model.prepare_search()  # warms the tagger up: finds the model missing, does not raise
    attempts = len(no_model)
    assert attempts >= 1
    article = model.open(listed(model)[0])
    assert article is not None and model.entity_groups(article) == []
    assert len(no_model) == attempts  # the warm-up's failure is remembered
    assert model.take_entities_problem() is not None
    message = model.set_query("لافروف", "en")  # plain search still works
    assert message == "5 results" and len(listed(model)) == 5


def test_confirming_names_without_the_entity_model_confirms_none(
    state: ReaderState, no_model: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.entities

    monkeypatch.setattr(tui.entities, "warm_up", lambda: None)  # not found at start-up
    model = session(state)
    model.prepare_search()
    assert no_model == [] and model.take_entities_problem() is None
    model.set_query("person:لافروف", "en")
    assert model.unconfirmed > 0
    assert model.confirm_entities("person:لافروف") == 0  # no tagger: nothing confirmed
    assert len(no_model) == 1
    assert model.confirm_entities("person:لافروف") == 0 and len(no_model) == 1
    assert model.take_entities_problem() is not None

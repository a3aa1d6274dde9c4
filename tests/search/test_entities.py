"""Entity qualifiers: candidates by any spelling through the index, confirmed by the tagger."""

from __future__ import annotations

import pytest

from tests.search.conftest import FakeMention, FakeTagger, index_of, loader_of, make
from tui.corpus.article import Article
from tui.entities import entity_key
from tui.search import MemorySearcher, find_hits
from tui.search import searcher as searcher_module
from tui.search import tagging as tagging_module
from tui.search.names import tagger_fingerprint
from tui.search.searcher import IndexSearcher
from tui.search.tagging import key_grams, tag_documents


def mention(kind: str, name: str) -> FakeMention:
    return FakeMention(kind, entity_key(name))


A = make("لقاء في موسكو", "التقى سيرغي لافروف نظيره في موسكو.", path="a.txt")
B = make("شارع جديد", "افتتح شارع لافروف في المدينة.", path="b.txt")
C = make("زيارة رسمية", "وصل الوفد إلى بيونج يانج أمس.", path="c.txt")
D = make("أخبار اقتصادية", "ارتفعت الأسعار في الأسواق.", path="d.txt")
E = make("تصريحات", "قال لافروف إن المحادثات مستمرة.", path="e.txt")
ARTICLES = [A, B, C, D, E]
TAGS = {
    A.title: [mention("PERSON", "سيرغي لافروف"), mention("LOCATION", "موسكو")],
    B.title: [mention("LOCATION", "شارع لافروف")],
    C.title: [mention("LOCATION", "بيونج يانج")],
    E.title: [],  # the tagger missed the name here
}


def names(result: object) -> set[str]:
    return {row.header.path for row in result.rows}  # type: ignore[attr-defined]


@pytest.fixture
def tagger() -> FakeTagger:
    return FakeTagger(TAGS)


@pytest.fixture
def indexed(tagger: FakeTagger) -> IndexSearcher:
    return IndexSearcher(index_of(ARTICLES), load=loader_of(ARTICLES), tagger=tagger)


def test_memory_confirms_candidates_with_the_tagger(tagger: FakeTagger) -> None:
    searcher = MemorySearcher(ARTICLES, tagger=tagger)
    result = searcher.search("person:لافروف")
    assert names(result) == {"a.txt"}
    assert result.unconfirmed == 0
    # Only articles that contain a spelling of the name were tagged.
    assert sorted(tagger.calls) == sorted([A.title, B.title, E.title])


def test_memory_without_tagging_counts_candidates_as_unconfirmed(tagger: FakeTagger) -> None:
    searcher = MemorySearcher(ARTICLES, tagger=tagger, confirm_entities=False)
    result = searcher.search("person:لافروف")
    assert names(result) == {"a.txt", "b.txt", "e.txt"}
    assert result.unconfirmed == 3
    assert tagger.calls == []


def test_memory_confirms_in_a_separate_step_when_asked(tagger: FakeTagger) -> None:
    searcher = MemorySearcher(ARTICLES, tagger=tagger, confirm_entities=False)
    assert searcher.search("person:لافروف").unconfirmed == 3
    assert searcher.confirm("person:لافروف", budget_s=0) == 0
    assert searcher.confirm("person:لافروف") == 3
    result = searcher.search("person:لافروف")
    assert (names(result), result.unconfirmed) == ({"a.txt"}, 0)
    assert searcher.confirm("person:لافروف") == 0  # cached
    assert searcher.confirm('"لافروف') == 0  # a bad query confirms nothing


def test_index_lists_candidates_until_confirmed(indexed: IndexSearcher, tagger: FakeTagger) -> None:
    before = indexed.search("person:لافروف")
    assert names(before) == {"a.txt", "b.txt", "e.txt"}
    assert before.unconfirmed == 3
    assert tagger.calls == []
    assert indexed.confirm("person:لافروف") == 3
    after = indexed.search("person:لافروف")
    assert names(after) == {"a.txt"}
    assert after.unconfirmed == 0
    # Tagging is cached: confirming again tags nothing.
    assert indexed.confirm("person:لافروف") == 0
    assert len(tagger.calls) == 3


def test_partly_tagged_candidates(indexed: IndexSearcher, tagger: FakeTagger) -> None:
    # Only B (a street named after Lavrov) has been tagged: it drops out; A and E wait.
    b_id = indexed.index.connection.execute("SELECT id FROM docs WHERE path = 'b.txt'").fetchone()[
        0
    ]
    assert tag_documents(indexed.index, [b_id], loader_of(ARTICLES), tagger) == 1
    result = indexed.search("person:لافروف")
    assert names(result) == {"a.txt", "e.txt"}
    assert result.unconfirmed == 2


def test_cached_tags_are_dropped_when_the_tagger_changes(
    indexed: IndexSearcher, tagger: FakeTagger, monkeypatch: pytest.MonkeyPatch
) -> None:
    indexed.confirm("person:لافروف")
    assert indexed.search("person:لافروف").unconfirmed == 0
    # A new session after the model changed: the old answers are not trusted.
    monkeypatch.setattr(searcher_module, "tagger_fingerprint", lambda: "another model")
    monkeypatch.setattr(tagging_module, "tagger_fingerprint", lambda: "another model")
    fresh = IndexSearcher(indexed.index, load=loader_of(ARTICLES), tagger=tagger)
    result = fresh.search("person:لافروف")
    assert names(result) == {"a.txt", "b.txt", "e.txt"}
    assert result.unconfirmed == 3
    assert fresh.confirm("person:لافروف") == 3


def test_tagger_fingerprint_is_stable() -> None:
    assert tagger_fingerprint() == tagger_fingerprint() != ""


def test_confirmation_respects_a_time_budget(indexed: IndexSearcher) -> None:
    assert indexed.confirm("person:لافروف", budget_s=0) == 0
    assert indexed.search("person:لافروف").unconfirmed == 3


@pytest.mark.parametrize("spelling", ['place:"بيونغ يانغ"', 'place:"بيونج يانج"', "place:بيونغ"])
def test_any_spelling_of_a_name(spelling: str, indexed: IndexSearcher, tagger: FakeTagger) -> None:
    memory = MemorySearcher(ARTICLES, tagger=tagger)
    indexed.confirm(spelling)
    assert names(indexed.search(spelling)) == names(memory.search(spelling)) == {"c.txt"}


def test_type_matters_and_key_may_be_part_of_a_longer_name(
    indexed: IndexSearcher, tagger: FakeTagger
) -> None:
    memory = MemorySearcher(ARTICLES, tagger=tagger)
    for searcher in (indexed, memory):
        if isinstance(searcher, IndexSearcher):
            searcher.confirm("place:لافروف person:سيرجي")
        assert names(searcher.search("place:لافروف")) == {"b.txt"}
        assert names(searcher.search('person:"سيرجي لافروف"')) == {"a.txt"}
        assert names(searcher.search("org:لافروف")) == set()


def test_entities_combine_with_other_operators(indexed: IndexSearcher, tagger: FakeTagger) -> None:
    memory = MemorySearcher(ARTICLES, tagger=tagger)
    queries = {
        "-person:لافروف": {"b.txt", "c.txt", "d.txt", "e.txt"},
        'person:لافروف OR place:"بيونغ يانغ"': {"a.txt", "c.txt"},
        "person:لافروف موسكو": {"a.txt"},
        "person:لافروف OR الأسعار": {"a.txt", "d.txt"},
    }
    for query in queries:
        indexed.confirm(query)
    for query, expected in queries.items():
        assert names(indexed.search(query)) == expected, query
        assert names(memory.search(query)) == expected, query


def test_a_name_that_occurs_nowhere_finds_nothing(indexed: IndexSearcher) -> None:
    assert indexed.search("person:نابليون").total == 0
    assert indexed.search("person:،").error is not None  # no letters: explained


def test_names_are_highlighted_in_any_spelling() -> None:
    assert [C.text[s:e] for s, e in find_hits('place:"بيونغ يانغ"', C.text)] == ["بيونج يانج"]
    assert [A.text[s:e] for s, e in find_hits("person:لافروف", A.text)] == ["لافروف"]


def test_key_grams_are_every_run_of_words() -> None:
    assert key_grams("كيم جونج اون") == {
        "كيم",
        "جونج",
        "اون",
        "كيم جونج",
        "جونج اون",
        "كيم جونج اون",
    }


def test_real_tagger_on_the_seeds(seed_articles: list[Article]) -> None:
    """Integration with `tui.entities`: every seed names Lavrov, as a person."""
    searcher = MemorySearcher(seed_articles)
    lavrov = searcher.search("person:لافروف")
    assert lavrov.total == 5
    assert all(row.hits > 0 for row in lavrov.rows)
    assert searcher.search("place:لافروف").total == 0
    # سيرجي and سيرغي are one name.
    assert searcher.search("person:سيرجي").total == 5
    index = index_of(seed_articles)
    indexed = IndexSearcher(index, load=loader_of(seed_articles))
    indexed.confirm("person:سيرجي")
    assert {r.header.identity for r in indexed.search("person:سيرجي").rows} == {
        r.header.identity for r in searcher.search("person:سيرجي").rows
    }

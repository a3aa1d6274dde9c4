"""The two searchers: filters, ranking, limits, errors — and the same answers from both."""

from __future__ import annotations

import random
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.search.conftest import index_of, make
from tui.corpus.article import Article
from tui.search import MemorySearcher, find_hits
from tui.search import fts as fts_module
from tui.search import searcher as searcher_module
from tui.search.searcher import IndexSearcher
from tui.search.terms import query_words

Searcher = IndexSearcher | MemorySearcher


def both(articles: list[Article]) -> list[Searcher]:
    return [IndexSearcher(index_of(articles)), MemorySearcher(articles, confirm_entities=False)]


def titles(result: object) -> list[str]:
    return [row.header.title for row in result.rows]  # type: ignore[attr-defined]


SMALL = [
    make("لافروف في بكين", "قال الوزير إن العلاقات جيدة.", path="a.txt", url="https://a.example/1"),
    make(
        "قمة اقتصادية",
        "حضر لافروف القمة.",
        "ثم غادر لافروف إلى موسكو. لافروف صرح بذلك.",
        path="b.txt",
        source="رويترز",
    ),
    make("أخبار متفرقة", "لا شيء عن الوزير هنا.", path="c.txt", url="https://www.reuters.com/x"),
]


@pytest.mark.parametrize("searcher", both(SMALL), ids=["index", "memory"])
def test_state_filters(searcher: Searcher) -> None:
    a, b, c = (x.identity for x in SMALL)
    read, bookmarked = {a}, {b, c}
    assert set(titles(searcher.search("is:unread", read=read))) == {"قمة اقتصادية", "أخبار متفرقة"}
    assert titles(searcher.search("is:read", read=read)) == ["لافروف في بكين"]
    assert titles(searcher.search("is:bookmarked لافروف", bookmarked=bookmarked)) == [
        "قمة اقتصادية"
    ]
    assert titles(searcher.search("-is:bookmarked", bookmarked=bookmarked)) == ["لافروف في بكين"]
    assert searcher.search("is:bookmarked OR بكين", bookmarked=set()).total == 1
    # The sets may change between keystrokes.
    assert searcher.search("is:read", read={a, b}).total == 2


@pytest.mark.parametrize("searcher", both(SMALL), ids=["index", "memory"])
def test_source_matches_outlet_name_and_web_site(searcher: Searcher) -> None:
    assert titles(searcher.search("source:رويترز")) == ["قمة اقتصادية"]
    assert titles(searcher.search("source:reuters")) == ["أخبار متفرقة"]
    assert searcher.search("source:لافروف").total == 0


@pytest.mark.parametrize("searcher", both(SMALL), ids=["index", "memory"])
def test_hit_counts_per_article(searcher: Searcher) -> None:
    result = searcher.search("لافروف")
    assert {row.header.title: row.hits for row in result.rows} == {
        "لافروف في بكين": 1,
        "قمة اقتصادية": 3,
    }


@pytest.mark.parametrize("searcher", both(SMALL), ids=["index", "memory"])
def test_errors_are_values_and_empty_query_lists_all(searcher: Searcher) -> None:
    bad = searcher.search('"لافروف')
    assert bad.error is not None and bad.error.code == "unclosed_quote"
    assert (bad.rows, bad.total) == ((), 0)
    everything = searcher.search("   ")
    assert everything.error is None
    assert everything.total == 3


RANKING = [
    make("تقرير", "موسكو " + "كلمة " * 30, path="body-once.txt"),
    make("موسكو اليوم", "كلمة " * 30, path="title-once.txt"),
    make("تقرير آخر", "موسكو موسكو موسكو " + "كلمة " * 28, path="body-thrice.txt"),
    *[make(f"مقال {i}", "كلمة " * 30, path=f"filler{i}.txt") for i in range(12)],
]


@pytest.mark.parametrize("searcher", both(RANKING), ids=["index", "memory"])
def test_title_hits_and_many_hits_rank_first(searcher: Searcher) -> None:
    result = searcher.search("موسكو")
    assert result.ranked
    assert titles(result) == ["موسكو اليوم", "تقرير آخر", "تقرير"]
    scores = [row.score for row in result.rows]
    assert scores == sorted(scores, reverse=True) and scores[0] > scores[-1]


@pytest.mark.parametrize("searcher", both(RANKING), ids=["index", "memory"])
def test_limit_caps_rows_not_total(searcher: Searcher) -> None:
    result = searcher.search("كلمة", limit=4)
    assert len(result.rows) == 4
    assert result.total == 15


def test_too_many_matches_are_listed_newest_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(searcher_module, "RANK_CAP", 5)
    searcher = both(RANKING)[0]
    result = searcher.search("كلمة", limit=3)
    assert not result.ranked
    assert result.total == 15
    assert titles(result) == ["مقال 11", "مقال 10", "مقال 9"]


def test_too_many_to_rank_lists_title_matches_first(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(searcher_module, "RANK_CAP", 2)
    searcher = both(RANKING)[0]
    result = searcher.search("موسكو OR مقال", limit=4)
    assert not result.ranked
    assert result.total == 15
    # 13 titles hold a query word (موسكو اليوم and the 12 fillers); newest first, the
    # fillers (indexed last) lead.
    assert titles(result) == ["مقال 11", "مقال 10", "مقال 9", "مقال 8"]
    # Only موسكو اليوم has a query word in its title: it leads, then the newest others.
    result = searcher.search("موسكو OR كلمة", limit=3)
    assert titles(result) == ["موسكو اليوم", "مقال 11", "مقال 10"]


def test_phrase_too_long_to_expand_is_verified(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fts_module, "MAX_PHRASE_VARIANTS", 1)
    articles = [
        make("أ", "وزير الخارجية الروسي سيرغي لافروف", path="yes.txt"),
        make("ب", "الروسي وزير الخارجية ثم لافروف سيرغي", path="no.txt"),
    ]
    for searcher in both(articles):
        result = searcher.search('"وزير الخارجية الروسي سيرغي لافروف"')
        assert [r.header.path for r in result.rows] == ["yes.txt"]
        assert result.total == 1


# A generated corpus: articles made of seed sentences, queried with random queries built
# from its own words. Both searchers must agree on every query.


def _sentences(seeds: list[Article]) -> list[str]:
    return [s for a in seeds for p in a.paragraphs for s in p.split(".") if len(s.split()) > 3]


@pytest.fixture(scope="module")
def generated(seed_articles: list[Article]) -> tuple[list[Article], list[str], list[Searcher]]:
    rng = random.Random(7)
    sentences = _sentences(seed_articles)
    articles = []
    for i in range(60):
        body = [" ".join(rng.sample(sentences, 2)) for _ in range(rng.randint(1, 4))]
        articles.append(make(rng.choice(sentences)[:60], *body, path=f"g{i}.txt"))
    # Words as the seeds spell them, without characters the query language gives meaning.
    plain = {re.sub(r'["“”«»|:()-]', "", w) for s in sentences for w in s.split()}
    vocabulary = sorted(w for w in plain if query_words(w))
    return articles, vocabulary, both(articles)


def _query(vocabulary: list[str]) -> st.SearchStrategy[str]:
    word = st.sampled_from(vocabulary)
    phrase = st.lists(word, min_size=2, max_size=3).map(lambda ws: '"' + " ".join(ws) + '"')
    flag = st.sampled_from(["is:read", "is:unread", "is:bookmarked"])
    item = st.one_of(word, word, phrase, word.map("title:".__add__), flag)
    clause = st.tuples(st.booleans(), st.lists(item, min_size=1, max_size=2)).map(
        lambda c: ("-" + c[1][0]) if c[0] else " OR ".join(c[1])
    )
    return st.lists(clause, min_size=1, max_size=3).map(" ".join)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_index_and_memory_give_the_same_answers(
    generated: tuple[list[Article], list[str], list[Searcher]], data: st.DataObject
) -> None:
    articles, vocabulary, (indexed, in_memory) = generated
    text = data.draw(_query(vocabulary))
    identities = sorted(x.identity for x in articles)
    read = data.draw(st.sets(st.sampled_from(identities)))
    bookmarked = data.draw(st.sets(st.sampled_from(identities), max_size=5))
    a = indexed.search(text, read=read, bookmarked=bookmarked, limit=100)
    b = in_memory.search(text, read=read, bookmarked=bookmarked, limit=100)
    assert (a.error is None) == (b.error is None)
    assert a.total == b.total
    hits_a = {r.header.identity: r.hits for r in a.rows}
    assert hits_a == {r.header.identity: r.hits for r in b.rows}
    by_identity = {x.identity: x for x in articles}
    # Highlighting agrees too (a few rows per query: find_hits maps offsets, which is slower).
    for identity, hits in list(hits_a.items())[:4]:
        assert len(find_hits(text, by_identity[identity].text)) == hits


def test_generated_queries_are_not_vacuous(
    generated: tuple[list[Article], list[str], list[Searcher]],
) -> None:
    """Enough of the random queries match something for the comparison to mean anything."""
    _, vocabulary, (indexed, _) = generated
    rng = random.Random(3)
    totals = [indexed.search(rng.choice(vocabulary)).total for _ in range(40)]
    assert sum(1 for t in totals if t) > 20

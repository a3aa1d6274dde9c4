"""Searching the SQLite index: one call per keystroke, ranked rows with hit counts.

`IndexSearcher.search` parses the text, runs the FTS5 plan (`tui.search.fts`), ranks with
BM25 (title weighted) when the matches are few enough to rank quickly, else lists title
matches first, newest first, and counts hits for the returned rows from the stored term
streams (`tui.search.counting`, held equal to the matcher that highlights). It never
raises for a bad query: the result carries the `QueryError` to explain inline.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Collection, Sequence

from tui.search.counting import HitCounter
from tui.search.fts import DOC, SqlPlan, plan_query
from tui.search.index import Loader, SearchIndex
from tui.search.matcher import CompiledQuery, Confirm, TermView, compile_query
from tui.search.names import (
    FIELD_TYPES,
    EntitiesUnavailable,
    Tagger,
    default_tagger,
    tagger_fingerprint,
)
from tui.search.query import Field, Flag, QueryError, parse_query
from tui.search.result import DEFAULT_LIMIT, SearchResult, SearchRow, failed
from tui.search.tagging import forget_stale_tags, tag_documents

#: BM25 column weights (title, body, source): a title hit counts like several body hits.
TITLE_WEIGHT = 4.0
BODY_WEIGHT = 1.0
SOURCE_WEIGHT = 1.0
#: Above this many matches, BM25 over all of them costs more than a keystroke may take
#: (FTS5 scores every match to sort); such results list the articles with a query word in
#: the title first, then the others, newest first in each part.
RANK_CAP = 5000
_BM25 = f"bm25(fts, {TITLE_WEIGHT}, {BODY_WEIGHT}, {SOURCE_WEIGHT})"


class IndexSearcher:
    """Answers queries from a `SearchIndex` (use it on the thread that opened the index)."""

    def __init__(
        self, index: SearchIndex, *, load: Loader | None = None, tagger: Tagger | None = None
    ) -> None:
        self.index = index
        self._load = load
        self._tagger = tagger
        self._flag_snapshot: tuple[frozenset[str], frozenset[str]] | None = None
        self._tags_checked = False

    def search(
        self,
        text: str,
        *,
        read: Collection[str] = (),
        bookmarked: Collection[str] = (),
        limit: int = DEFAULT_LIMIT,
    ) -> SearchResult:
        """Answer *text*; *read*/*bookmarked* are article identities for ``is:`` filters."""
        try:
            query = parse_query(text)
            compiled = compile_query(query)
        except QueryError as error:
            return failed(text, error)
        except EntitiesUnavailable:
            return failed(text, QueryError("entities_unavailable", 0))
        if query.flags():
            self._set_flags(read, bookmarked)
        # Until the tagger has looked at something, every candidate counts: skip the check.
        check = bool(compiled.entity_items()) and self._anything_tagged()
        plan = plan_query(compiled, self._name_terms, check_confirmed=check)
        return self._run(text, compiled, plan, limit)

    def _current_tags(self) -> None:
        """Once per session, before tagger answers are used: drop those of another model."""
        if not self._tags_checked:
            forget_stale_tags(self.index, tagger_fingerprint())
            self._tags_checked = True

    def _anything_tagged(self) -> bool:
        self._current_tags()
        sql = "SELECT 1 FROM docs WHERE tagged != 0 LIMIT 1"
        return self.index.connection.execute(sql).fetchone() is not None

    def confirm(self, text: str, *, budget_s: float | None = None) -> int:
        """Tag the not-yet-checked entity candidates of query *text*; returns how many.

        Slow (the tagger reads ~50k tokens/s): after a result with ``unconfirmed > 0``, run
        it in a worker on a searcher opened there (`tui.search.open_searcher`), then search
        again on the UI thread's searcher.
        """
        try:
            compiled = compile_query(parse_query(text))
        except (QueryError, EntitiesUnavailable):
            return 0
        self._current_tags()
        candidates: list[int] = []
        for item in compiled.entity_items():
            single = CompiledQuery(compiled.query, (((item,), False),))
            plan = plan_query(single, self._name_terms)
            plan.conditions.append("(SELECT tagged FROM docs WHERE id = {doc}) = 0")
            candidates.extend(row[0] for row in self._select(plan, None, ranked=False))
        if not candidates:
            return 0
        deadline = None if budget_s is None else time.monotonic() + budget_s
        return tag_documents(
            self.index, candidates, self._loader(), self._tagger_fn(), deadline=deadline
        )

    def _loader(self) -> Loader:
        if self._load is None:
            from tui.corpus.loader import load_article

            self._load = load_article
        return self._load

    def _tagger_fn(self) -> Tagger:
        if self._tagger is None:
            self._tagger = default_tagger()
        return self._tagger

    def _name_terms(self, key_word: str) -> list[str]:
        sql = "SELECT term FROM name_terms WHERE key = ?"
        return [row[0] for row in self.index.connection.execute(sql, (key_word,))]

    def _set_flags(self, read: Collection[str], bookmarked: Collection[str]) -> None:
        snapshot = (frozenset(read), frozenset(bookmarked))
        if snapshot == self._flag_snapshot:
            return
        conn = self.index.connection
        conn.execute("CREATE TEMP TABLE IF NOT EXISTS flag_ids(flag TEXT, identity TEXT)")
        conn.execute(
            "CREATE TEMP TABLE IF NOT EXISTS flagged(flag TEXT, doc INTEGER, "
            "PRIMARY KEY(flag, doc)) WITHOUT ROWID"
        )
        conn.execute("DELETE FROM temp.flag_ids")
        conn.execute("DELETE FROM temp.flagged")
        rows = [(Flag.READ.value, i) for i in snapshot[0]]
        rows += [(Flag.BOOKMARKED.value, i) for i in snapshot[1]]
        conn.executemany("INSERT INTO temp.flag_ids(flag, identity) VALUES (?, ?)", rows)
        conn.execute(
            "INSERT OR IGNORE INTO temp.flagged(flag, doc) SELECT f.flag, d.id "
            "FROM temp.flag_ids f JOIN docs d ON d.identity = f.identity"
        )
        self._flag_snapshot = snapshot

    def _from_where(self, plan: SqlPlan) -> tuple[str, str, list[object]]:
        """The FROM … WHERE … of *plan*, the article id column, and the parameters."""
        params: list[object] = []
        where: list[str] = []
        if plan.match is not None:
            source, doc = "fts", "fts.rowid"
            where.append("fts MATCH ?")
            params.append(plan.match)
        else:
            source, doc = "docs", "docs.id"
        where += [c.replace(DOC, doc) for c in plan.conditions]
        params += plan.params
        clause = " WHERE " + " AND ".join(where) if where else ""
        return f"FROM {source}{clause}", doc, params

    def _count(self, plan: SqlPlan) -> int:
        """How many articles *plan* matches."""
        from_where, _, params = self._from_where(plan)
        return int(
            self.index.connection.execute(f"SELECT count(*) {from_where}", params).fetchone()[0]
        )

    def _select(self, plan: SqlPlan, limit: int | None, *, ranked: bool) -> list[tuple[int, float]]:
        """(article id, score) of *plan*'s matches: by BM25 if *ranked*, else newest first."""
        from_where, doc, params = self._from_where(plan)
        ranked = ranked and plan.match is not None
        score = f"-{_BM25}" if ranked else "0.0"
        order = " ORDER BY 2 DESC, 1 DESC" if ranked else f" ORDER BY {doc} DESC"
        tail = f" LIMIT {int(limit)}" if limit is not None else ""
        sql = f"SELECT {doc}, {score} {from_where}{order}{tail}"
        return [(row[0], row[1]) for row in self.index.connection.execute(sql, params)]

    def _run(self, text: str, compiled: CompiledQuery, plan: SqlPlan, limit: int) -> SearchResult:
        try:
            if plan.exact:
                total = self._count(plan)
                ranked = plan.match is not None and total <= RANK_CAP
                if ranked or plan.in_title is None:
                    found = self._select(plan, limit, ranked=ranked)
                else:
                    found = self._title_first(plan, plan.in_title, limit)
            else:
                ranked = True
                found = self._verified(compiled, self._select(plan, None, ranked=True))
                total = len(found)
                found = found[:limit]
            unconfirmed = self._unconfirmed(plan, total) if compiled.entity_items() else 0
            rows = self._rows(compiled, found)
        except sqlite3.DatabaseError as error:
            return failed(text, QueryError("index_failed", 0, detail=str(error)))
        ranked = ranked and plan.match is not None
        return SearchResult(text, None, compiled.query, rows, total, ranked, unconfirmed)

    def _title_first(self, plan: SqlPlan, in_title: str, limit: int) -> list[tuple[int, float]]:
        """Unranked rows: title matches first, then the rest, each newest first.

        Both queries walk the FTS5 index in row-id order and stop at *limit*.
        """
        titled = SqlPlan(f"({plan.match}) AND {in_title}", plan.conditions, plan.params)
        first = self._select(titled, limit, ranked=False)
        if len(first) < limit:
            seen = {doc for doc, _ in first}
            rest = self._select(plan, limit + len(first), ranked=False)
            first += [row for row in rest if row[0] not in seen][: limit - len(first)]
        return first

    def _rows(
        self, compiled: CompiledQuery, found: Sequence[tuple[int, float]]
    ) -> tuple[SearchRow, ...]:
        ids = [doc for doc, _ in found]
        headers = self.index.headers(ids)
        streams = self.index.streams(ids)
        counter = HitCounter(compiled, self._name_terms)
        rows = []
        for doc, score in found:
            title, body, _ = streams.get(doc, ("", "", ""))
            if doc in headers:
                rows.append(SearchRow(headers[doc], float(score), counter.count(title, body)))
        return tuple(rows)

    def _verified(
        self, compiled: CompiledQuery, found: list[tuple[int, float]]
    ) -> list[tuple[int, float]]:
        """Keep the rows of an over-matching plan that really match (Python matcher)."""
        streams = self.index.streams([doc for doc, _ in found])
        kept = []
        for doc, score in found:
            title, body, source = streams.get(doc, ("", "", ""))
            view = TermView(tuple(title.split()), tuple(body.split()), tuple(source.split()))
            read, bookmarked = self._flag_snapshot or (frozenset(), frozenset())
            if compiled.matches(
                view,
                identity=self._identity(doc),
                read=read,
                bookmarked=bookmarked,
                confirm=self._confirmer(doc),
            ):
                kept.append((doc, score))
        return kept

    def _identity(self, doc: int) -> str:
        sql = "SELECT identity FROM docs WHERE id = ?"
        row = self.index.connection.execute(sql, (doc,)).fetchone()
        return str(row[0]) if row else ""

    def _confirmer(self, doc: int) -> Confirm:
        conn = self.index.connection

        def confirm(field: Field, key: str) -> bool | None:
            tagged = conn.execute("SELECT tagged FROM docs WHERE id = ?", (doc,)).fetchone()
            if tagged is None or tagged[0] == 0:
                return None
            sql = "SELECT 1 FROM mention_grams WHERE gram = ? AND type = ? AND doc = ?"
            return conn.execute(sql, (key, FIELD_TYPES[field], doc)).fetchone() is not None

        return confirm

    def _unconfirmed(self, plan: SqlPlan, total: int) -> int:
        if not self._anything_tagged():
            return total
        pending = SqlPlan(plan.match, [*plan.conditions], [*plan.params], plan.exact)
        pending.conditions.append("(SELECT tagged FROM docs WHERE id = {doc}) = 0")
        return self._count(pending)

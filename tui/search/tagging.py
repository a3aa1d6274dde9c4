"""Confirming entity qualifiers: run the tagger on candidate articles once, cache what it saw.

Each tagged article's mentions are stored as *grams*: every run of consecutive words of a
mention's key (``سيرجي لافروف`` → ``سيرجي``, ``لافروف``, ``سيرجي لافروف``), so "the key
contains the query's key" (`tui.entities.key_contains`) is one indexed lookup.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence

from tui.corpus.article import ArticleHeader
from tui.search.index import Loader, SearchIndex
from tui.search.names import NameMention, Tagger, mentions_of, tagger_fingerprint

#: Articles tagged between commits (tagging is slow; commit often so readers see progress).
TAG_BATCH = 16


TAGGER_META = "tagger"


def forget_stale_tags(index: SearchIndex, fingerprint: str) -> bool:
    """Drop cached tagger answers made by another model or akhbar version; True if any."""
    conn = index.connection
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (TAGGER_META,)).fetchone()
    if row is not None and row[0] == fingerprint:
        return False
    conn.execute("BEGIN")
    try:
        conn.execute("DELETE FROM mention_grams")
        conn.execute("UPDATE docs SET tagged = 0 WHERE tagged != 0")
        conn.execute(
            "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", (TAGGER_META, fingerprint)
        )
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return row is not None


def key_grams(key: str) -> set[str]:
    """Every run of consecutive words of *key*."""
    parts = key.split()
    return {" ".join(parts[i:j]) for i in range(len(parts)) for j in range(i + 1, len(parts) + 1)}


def store_mentions(index: SearchIndex, doc: int, mentions: Iterable[NameMention]) -> None:
    """Replace the cached mentions of article *doc* and mark it tagged."""
    rows = {(gram, m.type, doc) for m in mentions for gram in key_grams(m.key)}
    conn = index.connection
    conn.execute("DELETE FROM mention_grams WHERE doc = ?", (doc,))
    conn.executemany("INSERT INTO mention_grams(gram, type, doc) VALUES (?, ?, ?)", sorted(rows))
    conn.execute("UPDATE docs SET tagged = 1 WHERE id = ?", (doc,))


def tag_documents(
    index: SearchIndex,
    docs: Sequence[int],
    load: Loader,
    tagger: Tagger,
    *,
    deadline: float | None = None,
) -> int:
    """Tag the untagged articles among *docs*, until *deadline* (a `time.monotonic` value).

    An article that can no longer be read is marked tagged with no mentions (it cannot be
    confirmed). Returns how many articles were tagged.
    """
    forget_stale_tags(index, tagger_fingerprint())
    done = 0
    pending = list(docs)
    conn = index.connection
    while pending:
        batch, pending = pending[:TAG_BATCH], pending[TAG_BATCH:]
        headers = index.headers(batch)
        conn.execute("BEGIN")
        try:
            for doc in batch:
                if deadline is not None and time.monotonic() > deadline:
                    pending = []
                    break
                header = headers.get(doc)
                if header is None or _is_tagged(index, doc):
                    continue
                store_mentions(index, doc, _mentions(header, load, tagger))
                done += 1
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
    return done


def untagged(index: SearchIndex, limit: int | None = None) -> list[int]:
    """Ids of articles the tagger has not seen yet, newest first."""
    sql = "SELECT id FROM docs WHERE tagged = 0 ORDER BY id DESC"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [row[0] for row in index.connection.execute(sql)]


def _is_tagged(index: SearchIndex, doc: int) -> bool:
    row = index.connection.execute("SELECT tagged FROM docs WHERE id = ?", (doc,)).fetchone()
    return row is not None and row[0] != 0


def _mentions(header: ArticleHeader, load: Loader, tagger: Tagger) -> tuple[NameMention, ...]:
    try:
        article = load(header)
    except (OSError, ValueError):
        return ()
    return mentions_of(article, tagger)

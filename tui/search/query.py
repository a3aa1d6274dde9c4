"""The query language: words, "phrases", -exclusions, OR, field qualifiers; `parse_query`.

Grammar (Google-like, so OR binds tighter than the implicit AND)::

    query   := clause*                      all clauses must hold
    clause  := ["-"] item ("OR" item)*      "-" excludes; "|" is another spelling of OR
    item    := [field ":"] (word | phrase) | "is:" flag
    phrase  := '"' words '"'                also “…” and «…»

A bare chunk with punctuation inside (``كيم-جونغ``, ``U.S.``) is a phrase of its words.
Fields: ``title:``, ``source:``, ``person:``, ``place:``, ``org:`` (Arabic aliases
``عنوان:``, ``مصدر:``, ``شخص:``, ``مكان:``, ``منظمة:``) and ``is:unread``, ``is:read``,
``is:bookmarked``. A malformed query raises `QueryError` carrying a message id (for the
en/ar catalogue in `tui.search.help`) and the character position to point at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from tui.search.terms import query_words


class Field(StrEnum):
    """Where a word must occur."""

    ANY = "any"
    TITLE = "title"
    SOURCE = "source"
    PERSON = "person"
    PLACE = "place"
    ORG = "org"


ENTITY_FIELDS = frozenset({Field.PERSON, Field.PLACE, Field.ORG})


class Flag(StrEnum):
    """Reader-state filters (``is:…``)."""

    UNREAD = "unread"
    READ = "read"
    BOOKMARKED = "bookmarked"


#: Qualifier spellings → field. ``is`` is handled apart (it takes a flag, not words).
FIELD_NAMES: dict[str, Field] = {
    "title": Field.TITLE,
    "source": Field.SOURCE,
    "person": Field.PERSON,
    "place": Field.PLACE,
    "org": Field.ORG,
    "عنوان": Field.TITLE,
    "مصدر": Field.SOURCE,
    "شخص": Field.PERSON,
    "مكان": Field.PLACE,
    "منظمة": Field.ORG,
}
IS_FIELD = "is"
QUOTES = {'"': '"', "“": "”", "«": "»", "”": "”"}
OR_WORDS = frozenset({"OR", "|"})
_QUALIFIER = re.compile(r"([A-Za-z]+|[\u0621-\u064a]+):")
_ASCII_NAME = re.compile(r"[A-Za-z]+")


class QueryError(ValueError):
    """A query that cannot be understood, with where and why, for an inline explanation.

    Attributes:
        message: English explanation (`tui.search.help.error_message` gives Arabic too).
        position: offset in the query text of the character to point at.
        code: message id, e.g. ``unclosed_quote``.
        params: values for the message template.
    """

    def __init__(self, code: str, position: int, **params: str) -> None:
        from tui.search.help import error_message

        self.code = code
        self.position = position
        self.params = dict(params)
        self.message = error_message(code, "en", **params)
        super().__init__(self.message)

    def __repr__(self) -> str:
        return f"QueryError({self.code!r}, {self.position})"


@dataclass(frozen=True, slots=True)
class Terms:
    """Words that must occur in order (one word, or a phrase) in a field.

    Attributes:
        words: the `prepare`d words (see `tui.search.terms`).
        field: where they must occur.
        raw: the text as typed (entity qualifiers look names up from it).
        start: offset of the item in the query text (qualifier included).
        end: offset just past it.
    """

    words: tuple[str, ...]
    field: Field
    raw: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class StateFilter:
    """An ``is:`` filter on reader state."""

    flag: Flag
    start: int
    end: int


Item = Terms | StateFilter


@dataclass(frozen=True, slots=True)
class Clause:
    """Alternatives of which one must hold (or, if `negated`, none may)."""

    items: tuple[Item, ...]
    negated: bool = False


@dataclass(frozen=True, slots=True)
class Query:
    """A parsed query: every clause must hold."""

    text: str
    clauses: tuple[Clause, ...]

    @property
    def is_empty(self) -> bool:
        """True when the query restricts nothing (empty or only punctuation)."""
        return not self.clauses

    @property
    def positive(self) -> tuple[Clause, ...]:
        """Clauses an article must satisfy."""
        return tuple(c for c in self.clauses if not c.negated)

    @property
    def negative(self) -> tuple[Clause, ...]:
        """Clauses an article must not satisfy."""
        return tuple(c for c in self.clauses if c.negated)

    def terms(self) -> tuple[Terms, ...]:
        """Every word/phrase item of positive clauses: what gets highlighted."""
        return tuple(i for c in self.positive for i in c.items if isinstance(i, Terms))

    def flags(self) -> frozenset[Flag]:
        """The reader-state flags the query mentions."""
        items = (i for c in self.clauses for i in c.items)
        return frozenset(i.flag for i in items if isinstance(i, StateFilter))


def parse_query(text: str) -> Query:
    """Parse *text* into a `Query`.

    Raises:
        QueryError: unbalanced quote, lone ``-``, dangling ``OR``, empty qualifier, unknown
            field or ``is:`` value.
    """
    return _Parser(text).parse()


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.pos = 0

    def parse(self) -> Query:
        clauses: list[Clause] = []
        or_at: int | None = None
        while True:
            self._skip_space()
            if self.pos >= len(self.text):
                break
            start = self.pos
            if self._at_or():
                if not clauses or or_at is not None:
                    raise QueryError("or_needs_sides", start)
                if clauses[-1].negated:
                    raise QueryError("minus_in_or", start)
                or_at = start
                continue
            negated = self.text[start] == "-"
            if negated:
                self.pos += 1
                if self.pos >= len(self.text) or self.text[self.pos].isspace():
                    raise QueryError("lone_minus", start)
                if self.text[self.pos] == "-":
                    raise QueryError("lone_minus", start)
            item = self._item()
            if or_at is not None:
                if negated:
                    raise QueryError("minus_in_or", start)
                if item is None:
                    continue  # punctuation after OR: keep waiting for the other side
                last = clauses[-1]
                clauses[-1] = Clause((*last.items, item), last.negated)
                or_at = None
            elif item is not None:
                clauses.append(Clause((item,), negated))
            elif negated:
                raise QueryError("lone_minus", start)
        if or_at is not None:
            raise QueryError("or_needs_sides", or_at)
        return Query(self.text, tuple(clauses))

    def _skip_space(self) -> None:
        while self.pos < len(self.text) and self.text[self.pos].isspace():
            self.pos += 1

    def _at_or(self) -> bool:
        if self.text[self.pos] == "|":
            self.pos += 1
            return True
        end = self.pos + 2
        if self.text[self.pos : end] == "OR" and (end == len(self.text) or self._breaks(end)):
            self.pos = end
            return True
        return False

    def _breaks(self, index: int) -> bool:
        char = self.text[index]
        return char.isspace() or char in QUOTES or char == "|"

    def _item(self) -> Item | None:
        start = self.pos
        field = Field.ANY
        match = _QUALIFIER.match(self.text, self.pos)
        if match:
            name = match.group(1)
            after = match.end()
            if name.lower() == IS_FIELD:
                return self._state_filter(start, after)
            if name.lower() in FIELD_NAMES or name in FIELD_NAMES:
                field = FIELD_NAMES.get(name.lower(), FIELD_NAMES.get(name, Field.ANY))
                if after >= len(self.text) or self.text[after].isspace() or self.text[after] == "|":
                    raise QueryError("empty_field", start, field=name + ":")
                self.pos = after
            elif _ASCII_NAME.fullmatch(name):
                raise QueryError("unknown_field", start, field=name + ":")
        if self.text[self.pos] in QUOTES:
            raw = self._quoted()
            words = tuple(query_words(raw))
            if not words:
                raise QueryError("empty_quotes", start)
        else:
            raw = self._chunk()
            words = tuple(query_words(raw))
            if not words:
                if field is not Field.ANY:
                    raise QueryError("empty_field", start, field=self.text[start : self.pos])
                return None
        return Terms(words, field, raw, start, self.pos)

    def _quoted(self) -> str:
        open_at = self.pos
        closing = QUOTES[self.text[open_at]]
        close_at = self.text.find(closing, open_at + 1)
        if close_at < 0:
            raise QueryError("unclosed_quote", open_at, quote=self.text[open_at])
        self.pos = close_at + 1
        return self.text[open_at + 1 : close_at]

    def _chunk(self) -> str:
        start = self.pos
        while self.pos < len(self.text) and not self._breaks(self.pos):
            self.pos += 1
        return self.text[start : self.pos]

    def _state_filter(self, start: int, after: int) -> StateFilter:
        self.pos = after
        value = self._chunk().lower()
        try:
            flag = Flag(value)
        except ValueError:
            raise QueryError("unknown_flag", start, value=value) from None
        return StateFilter(flag, start, self.pos)

"""Translate a compiled query into SQL over the index: an FTS5 MATCH plus row conditions.

Word and phrase items become FTS5 expressions over term patterns (``"كوريا|"*`` is "stem
كوريا with any clitics"); a phrase is the OR of its words' pattern combinations joined with
FTS5's ``+``. Items FTS5 cannot decide alone become conditions on the row id: ``is:`` flags
(a temp table the searcher fills from the reader's state) and entity confirmation (cached
tagger mentions). A phrase with too many combinations is matched by overlapping parts and
the plan is marked inexact: the searcher then checks rows with `tui.search.matcher`.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from tui.search.matcher import Compiled, CompiledQuery, CompiledTerms
from tui.search.names import FIELD_TYPES
from tui.search.query import ENTITY_FIELDS, Field, Flag, StateFilter
from tui.search.terms import TermPattern

#: A phrase expands to at most this many FTS5 phrases (the product of its words' patterns).
MAX_PHRASE_VARIANTS = 64
#: Placeholder for the outer query's article id column in conditions.
DOC = "{doc}"
_COLUMNS = {
    Field.ANY: "{title body}",
    Field.TITLE: "{title}",
    Field.SOURCE: "{source}",
    Field.PERSON: "{title body}",
    Field.PLACE: "{title body}",
    Field.ORG: "{title body}",
}
#: Never matches: an expression for items whose words cannot occur (an unknown name).
NOTHING = '"|"'

TermLookup = Callable[[str], Sequence[str]]


@dataclass(slots=True)
class SqlPlan:
    """The SQL form of a query.

    Attributes:
        match: the FTS5 expression every row must match, or None (then rows come from
            ``docs``).
        conditions: SQL conditions on `DOC`, all of which must hold.
        params: parameters for the conditions, in order.
        exact: False when rows must be checked with the Python matcher.
        in_title: FTS5 expression true when a positive word or phrase is in the title
            (to list title matches first when there are too many matches to rank).
    """

    match: str | None = None
    conditions: list[str] = field(default_factory=list)
    params: list[object] = field(default_factory=list)
    exact: bool = True
    in_title: str | None = None


def pattern_expr(pattern: TermPattern) -> str:
    """One pattern as an FTS5 string, ``*`` marking a prefix."""
    return f'"{pattern.text}"' + ("*" if pattern.prefix else "")


def _any(options: Sequence[str]) -> str:
    return options[0] if len(options) == 1 else "(" + " OR ".join(options) + ")"


def _phrase(words: Sequence[Sequence[TermPattern]]) -> str:
    combos = [" + ".join(pattern_expr(p) for p in combo) for combo in itertools.product(*words)]
    return _any(combos)


def phrase_expr(words: Sequence[Sequence[TermPattern]]) -> tuple[str, bool]:
    """FTS5 expression for words in sequence; the flag is False if it over-matches.

    A phrase whose combinations exceed `MAX_PHRASE_VARIANTS` becomes consecutive parts,
    each overlapping the next by one word and small enough to expand; all parts must match,
    which every occurrence of the phrase does (a superset, checked afterwards).
    """
    if any(not w for w in words):
        return NOTHING, True
    if math.prod(len(w) for w in words) <= MAX_PHRASE_VARIANTS:
        return _phrase(words), True
    parts: list[str] = []
    start = 0
    while start < len(words):
        end, size = start + 1, len(words[start])
        while end < len(words) and size * len(words[end]) <= MAX_PHRASE_VARIANTS:
            size *= len(words[end])
            end += 1
        parts.append(_phrase(words[start:end]))
        if end >= len(words):
            break
        start = end - 1 if end - start > 1 else end
    return "(" + " AND ".join(parts) + ")", False


def item_phrase(item: CompiledTerms, lookup: TermLookup) -> tuple[str, bool]:
    """The FTS5 expression of one word/phrase item's words, without a column filter."""
    if item.item.field in ENTITY_FIELDS:
        words: list[list[TermPattern]] = [
            [TermPattern(t, prefix=False) for t in lookup(w)] for w in item.key.split()
        ]
        if not words:
            return NOTHING, True
    else:
        words = [list(p) for p in item.patterns]
    return phrase_expr(words)


def item_expr(item: CompiledTerms, lookup: TermLookup) -> tuple[str, bool]:
    """The FTS5 expression of one word/phrase item, column filter included."""
    expr, exact = item_phrase(item, lookup)
    return f"{_COLUMNS[item.item.field]} : {expr}", exact


#: SQL: the tagger confirmed the entity (gram and type are parameters) in the article, or
#: has not looked at it yet.
CONFIRM_OR_UNTAGGED = (
    "(EXISTS (SELECT 1 FROM mention_grams WHERE gram = ? AND type = ? AND doc = {doc})"
    " OR (SELECT tagged FROM docs WHERE id = {doc}) = 0)"
)


def confirm_condition(item: CompiledTerms, params: list[object], *, check: bool = True) -> str:
    """SQL: the tagger confirmed this entity in the article, or has not looked at it yet.

    With *check* False (nothing is tagged yet) the condition is always true.
    """
    if not check:
        return "1"
    params.extend([item.key, FIELD_TYPES[item.item.field]])
    return CONFIRM_OR_UNTAGGED


def state_condition(flag: Flag) -> str:
    """SQL: the article has (or, for unread, lacks) a reader-state flag."""
    if flag is Flag.UNREAD:
        return "+{doc} NOT IN (SELECT doc FROM temp.flagged WHERE flag = 'read')"
    return f"+{{doc}} IN (SELECT doc FROM temp.flagged WHERE flag = '{flag.value}')"


def _in_fts(expr: str, params: list[object]) -> str:
    # The unary + keeps SQLite from turning an OR of such terms into lookups on the outer
    # FTS5 table, which it cannot do ("unable to use function MATCH in the requested context").
    params.append(expr)
    return "+{doc} IN (SELECT rowid FROM fts WHERE fts MATCH ?)"


def _item_condition(
    item: Compiled, lookup: TermLookup, params: list[object], plan: SqlPlan, check: bool
) -> str:
    if isinstance(item, StateFilter):
        return state_condition(item.flag)
    expr, exact = item_expr(item, lookup)
    plan.exact = plan.exact and exact
    condition = _in_fts(expr, params)
    if item.item.field in ENTITY_FIELDS:
        condition = f"({condition} AND {confirm_condition(item, params, check=check)})"
    return condition


def plan_query(
    compiled: CompiledQuery, lookup: TermLookup, *, check_confirmed: bool = True
) -> SqlPlan:
    """Build the SQL plan of *compiled*; *lookup* lists the index terms of a name key word.

    *check_confirmed* False leaves out the tagger check of entity items (when no article
    has been tagged yet, every candidate passes it anyway).

    Clauses of plain words go into the MATCH expression (AND, and NOT for exclusions);
    a clause that is one entity item adds its confirmation as a condition; anything else
    (``is:`` flags, entity items inside OR or excluded) becomes a condition of its own.
    """
    plan = SqlPlan()
    titled = [
        item_phrase(i, lookup)[0]
        for items, negated in compiled.clauses
        if not negated
        for i in items
        if isinstance(i, CompiledTerms) and i.item.field is not Field.SOURCE
    ]
    plan.in_title = "{title} : " + _any(titled) if titled else None
    positive: list[str] = []
    negative: list[str] = []
    deferred: list[tuple[tuple[Compiled, ...], bool]] = []
    for items, negated in compiled.clauses:
        words = [i for i in items if isinstance(i, CompiledTerms)]
        entities = [i for i in words if i.item.field in ENTITY_FIELDS]
        if len(words) < len(items) or (negated and entities):
            deferred.append((items, negated))
            continue
        exprs = []
        for item in words:
            expr, exact = item_expr(item, lookup)
            plan.exact = plan.exact and exact
            exprs.append(expr)
        if negated:
            negative.append(_any(exprs))
            continue
        positive.append(_any(exprs))
        if len(words) == 1 and entities:
            plan.conditions.append(
                confirm_condition(entities[0], plan.params, check=check_confirmed)
            )
        elif entities:
            deferred.append((items, negated))
    if positive:
        plan.match = " AND ".join(positive)
        if negative:
            plan.match = f"({plan.match}) NOT {_any(negative)}"
    else:
        for expr in negative:
            plan.conditions.append("NOT " + _in_fts(expr, plan.params))
    for items, negated in deferred:
        conditions = [_item_condition(i, lookup, plan.params, plan, check_confirmed) for i in items]
        joined = conditions[0] if len(conditions) == 1 else "(" + " OR ".join(conditions) + ")"
        plan.conditions.append(f"NOT {joined}" if negated else joined)
    return plan

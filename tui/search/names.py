"""Entity qualifiers (``person:``, ``place:``, ``org:``): name keys of terms, tagger checks.

Tagging a large corpus is slow (the tagger reads ~50k tokens/s), so a qualifier is answered
in two steps. First, candidates: articles that contain a word sequence whose name keys match
the query's `entity_key` word by word, found through the index (`term_keys` says which keys
a term can stand for, so ``بيونج`` finds ``بيونغ``). Second, confirmation: the tagger runs
on a candidate once, its mentions are cached, and the candidate stays only if a mention of
the right type has a key containing the query's key (``لافروف`` in ``سيرجي لافروف``).
A candidate not yet tagged counts as a match until it is.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from tui.search.query import Field
from tui.search.terms import decode, forms

if TYPE_CHECKING:
    from tui.corpus.article import Article

#: Entity qualifier → the tagger's `EntityType` value.
FIELD_TYPES: dict[Field, str] = {
    Field.PERSON: "PERSON",
    Field.PLACE: "LOCATION",
    Field.ORG: "ORGANIZATION",
}
#: Distinct terms whose keys are remembered (a large archive has a few hundred thousand).
TERM_KEYS_CACHED = 1 << 18


class EntitiesUnavailable(RuntimeError):
    """The entity package could not be imported; qualifiers cannot be checked."""


@dataclass(frozen=True, slots=True)
class NameMention:
    """What search keeps of a tagger mention: its type and key."""

    type: str
    key: str


Tagger = Callable[["Article"], Sequence[object]]


def query_key(raw: str) -> str:
    """The `entity_key` of a qualifier's name (``""`` if it has no letters)."""
    try:
        from tui.entities import entity_key
    except ImportError as error:  # pragma: no cover - the package ships with akhbar
        raise EntitiesUnavailable(str(error)) from error
    return entity_key(raw)


def warm_up() -> None:
    """Load the entity package and its gazetteers now (from a worker, at start-up), so the
    first ``person:`` keystroke does not wait for them. Safe to call from any thread."""
    tagger_fingerprint()
    try:
        query_key("ا")
    except EntitiesUnavailable:
        return


@functools.lru_cache(maxsize=1)
def tagger_fingerprint() -> str:
    """Changes when the tagger may answer differently: akhbar's version and the content of
    the entity package's data (model, lexicons, gazetteers). Cached tagger answers older
    than this are dropped (`tui.search.tagging.forget_stale_tags`)."""
    import hashlib
    from importlib import resources

    from tui import __version__

    digest = hashlib.blake2b(__version__.encode(), digest_size=12)
    try:
        data = resources.files("tui.entities") / "data"
        stack = [("", data)]
        files = []  # (path under data/, file): curated/ and generated/ share file names
        while stack:
            prefix, folder = stack.pop()
            for entry in folder.iterdir():
                name = f"{prefix}{entry.name}"
                if entry.is_dir():
                    stack.append((f"{name}/", entry))
                else:
                    files.append((name, entry))
        for name, entry in sorted(files, key=lambda pair: pair[0]):
            digest.update(name.encode())
            digest.update(entry.read_bytes())
    except (ImportError, OSError):
        digest.update(b"no entity data")
    return digest.hexdigest()


@functools.lru_cache(maxsize=TERM_KEYS_CACHED)
def term_keys(term: str) -> frozenset[str]:
    """Every name key the word behind index *term* may stand for (a superset, for candidates).

    The key of each form of the word (with and without its outer clitics), article removed,
    as `tui.entities.keys` folds names; `entity_key` picks one of these readings.
    """
    try:
        from tui.entities.keys import fold_name, strip_article
    except ImportError as error:  # pragma: no cover
        raise EntitiesUnavailable(str(error)) from error
    keys = {strip_article(fold_name(form)) for form in forms(decode(term))}
    keys.discard("")
    return frozenset(keys)


def default_tagger() -> Tagger:
    """`tui.entities.tag_article`, imported on first use."""
    try:
        from tui.entities import tag_article
    except ImportError as error:  # pragma: no cover
        raise EntitiesUnavailable(str(error)) from error
    return tag_article


def mentions_of(article: Article, tagger: Tagger) -> tuple[NameMention, ...]:
    """The (type, key) of every name the tagger finds in *article*, without duplicates."""
    found: dict[NameMention, None] = {}
    for mention in tagger(article):
        kind = str(getattr(mention, "type", ""))
        key = str(getattr(mention, "key", ""))
        if kind and key:
            found[NameMention(kind, key)] = None
    return tuple(found)


def confirms(mentions: Sequence[NameMention], field: Field, key: str) -> bool:
    """Whether one of *mentions* is of *field*'s type and its key contains *key*."""
    try:
        from tui.entities import key_contains
    except ImportError as error:  # pragma: no cover
        raise EntitiesUnavailable(str(error)) from error
    kind = FIELD_TYPES[field]
    return any(m.type == kind and key_contains(m.key, key) for m in mentions)

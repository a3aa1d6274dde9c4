"""Tagging text: the two CRF stages, the document rules, then spans without proclitics.

`tag_text` is what the reader and `akhbar entities` call. It never raises on its input
(empty, punctuation only, Latin, megabytes) and remembers its last results by text, so
reopening an article costs a dictionary lookup.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING

from tui.entities import model, rules
from tui.entities.conll import chunks
from tui.entities.features import word_features
from tui.entities.gazetteer import gazetteers
from tui.entities.grouping import group_mentions
from tui.entities.keys import entity_key, readings, strip_article, strip_clitic_article
from tui.entities.mention import TYPE_OF_LABEL, Mention
from tui.entities.tokens import Token, sentences

if TYPE_CHECKING:
    from tui.corpus.article import Article

#: Texts whose mentions are remembered (a reading session opens far fewer articles).
TAG_CACHE_SIZE = 128
#: Distinct names whose keys are remembered.
KEY_CACHE_SIZE = 50_000
#: A bare و before an unknown name is read as the conjunction (``وزاخاروفا``); other
#: letters begin too many names (بوتين، لندن، كيم، فرنسا) to be stripped on a guess.
DEFAULT_STRIPPED = "و"
#: Shortest name left after stripping a clitic on a guess.
MIN_GUESSED_STEM = 3
_SPACES = re.compile(r"\s+")


def _letter_offset(word: str, letters: int) -> int:
    """Offset in *word* after its first *letters* base letters (marks and tatweel skipped)."""
    seen = 0
    for index, char in enumerate(word):
        if seen == letters and unicodedata.category(char) not in ("Mn", "Cf", "Lm"):
            return index
        if unicodedata.category(char) not in ("Mn", "Cf") and char != "ـ":
            seen += 1
    return len(word)


def _clitic_reading(
    folded: str, known: Callable[[str], bool], evidence: frozenset[str]
) -> tuple[int, bool]:
    """How many letters of proclitic begin *folded*, and whether ``لل`` hides an article.

    Known names (gazetteers, the training lexicon) decide first, then words the document
    uses elsewhere without a clitic, then `DEFAULT_STRIPPED` and a clitic glued to the
    article (``والولايات``, ``للأمم``).
    """
    options = readings(folded)
    chosen: tuple[str, int] | None = None
    if known(options[0][0]):
        chosen = options[0]
    if chosen is None:
        chosen = next((o for o in options[1:] if known(o[0]) or o[0] in evidence), None)
    if chosen is None and options[0][0] in evidence:
        chosen = options[0]
    if chosen is None:
        bare = strip_clitic_article(folded)
        chosen = next((o for o in options[1:] if o[0] == bare), None)
    if (
        chosen is None
        and folded.startswith(DEFAULT_STRIPPED)
        and len(folded) - len(DEFAULT_STRIPPED) >= MIN_GUESSED_STEM
    ):
        chosen = (strip_article(folded[1:]), 1)
    if chosen is None:
        return 0, False
    stem, clitic = chosen
    hidden_article = (
        clitic > 0
        and folded[clitic - 1 : clitic + 1] == "لل"
        and stem != strip_article(folded[clitic:])
    )
    return clitic, hidden_article


def _mentions(text: str) -> list[Mention]:
    doc = sentences(text)
    words = [[token.word for token in sentence] for sentence in doc]
    tagger = model.load()
    tags = rules.apply(words, tagger.tag(words), tagger.common)
    spans: list[tuple[list[Token], int, int, str]] = []
    for sentence, sentence_tags in zip(doc, tags, strict=True):
        for start, end, label in chunks(sentence_tags):
            if label in TYPE_OF_LABEL:
                spans.append((sentence, start, end, label))
    evidence = frozenset(
        strip_article(word_features(sentence[start].word).folded) for sentence, start, _, _ in spans
    )
    lexicon = tagger.lexicon
    gaz = gazetteers()

    def known(word: str) -> bool:
        return gaz.knows_word(word) or word in lexicon

    raw: list[Mention] = []
    for sentence, start, end, label in spans:
        first = sentence[start]
        clitic, hidden_article = _clitic_reading(word_features(first.word).folded, known, evidence)
        begin = first.start + _letter_offset(first.word, clitic)
        finish = sentence[end - 1].end
        if begin >= finish:
            continue
        surface = text[begin:finish]
        canonical = _SPACES.sub(" ", surface)
        if hidden_article:
            canonical = "ا" + canonical
        raw.append(
            Mention(begin, finish, TYPE_OF_LABEL[label], surface, canonical, _key(canonical))
        )
    result: list[Mention] = []
    for group in group_mentions(raw):
        result.extend(
            Mention(m.start, m.end, m.type, m.text, group.canonical, group.key)
            for m in group.mentions
        )
    return sorted(result, key=lambda mention: mention.start)


@functools.lru_cache(maxsize=KEY_CACHE_SIZE)
def _key(name: str) -> str:
    """`entity_key` with the shipped gazetteers, remembered (news repeats its names)."""
    return entity_key(name)


@functools.lru_cache(maxsize=TAG_CACHE_SIZE)
def _cached(text: str) -> tuple[Mention, ...]:
    return tuple(_mentions(text))


def tag_text(text: str) -> list[Mention]:
    """People, places and organisations named in *text*, in text order.

    Offsets are into *text* itself; a proclitic (و ف ب ك ل, the first ل of ``لل``) is left
    outside each span. Every mention carries the canonical name and key of its entity
    within this text (``لافروف`` → ``سيرغي لافروف``).

    Raises:
        ModelMissing: only if the install lacks the model file.
    """
    if not isinstance(text, str) or not text.strip():
        return []
    return list(_cached(text))


def tag_article(article: Article) -> list[Mention]:
    """`tag_text` of ``article.text`` (title and paragraphs joined by blank lines)."""
    return tag_text(article.text)


#: A sentence tagged by `warm_up`, so the first real article finds every table ready.
WARM_UP_TEXT = "قال وزير الخارجية سيرغي لافروف في موسكو إن روسيا تدعم الأمم المتحدة."


def warm_up() -> None:
    """Load the model and gazetteers now (call from a background worker at start-up).

    Loading takes a few tens of milliseconds the first time; doing it before the reader
    opens an article keeps that article's highlighting within the frame budget.
    """
    _mentions(WARM_UP_TEXT)


def clear_cache() -> None:
    """Forget remembered results (after the model was retrained)."""
    _cached.cache_clear()
    _key.cache_clear()

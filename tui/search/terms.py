"""Search terms: words of normalised text, their light proclitic analysis, and its encoding.

Arabic glues the conjunctions و ف, the prepositions ب ك ل and the article ال to the next
word, so ``روسيا`` appears as ``وروسيا``, ``لروسيا``, ``بروسيا``. A query word must find
those, but a root stemmer mangles names (``فلسطين`` → ``سط``), and guessing whether the
first letter of ``لبنان`` is a clitic ruins ``لبنان`` itself. So the text side analyses each
word greedily, outermost clitic first (conjunction, then preposition, then article), and
records *what it stripped* alongside the stem; the query side asks for "this stem with any
clitics outside the ones I typed". Both sides use the same greedy rules, so a query word
matches a text word exactly when it equals one of the forms obtained by removing the text
word's outer clitics (`forms`).

A text word becomes one term, ``stem|flags``: ``|`` then the article flag, preposition and
conjunction, trailing empty slots dropped (``كرملين|!=&`` is ``وللكرملين``). A query word
becomes at most four `TermPattern`s, each a prefix of such terms (`word_patterns`).

Guards: a clitic is removed only if at least `MIN_STEM` letters remain (``بن``, ``كل``,
``الله``); never from a `PROTECTED` word whose first letter is its own (``لبنان``,
``فرنسا``, ``كوريا``); and for a few `GUARDED` words where folding ى → ي merges a very
common function word with a name (``على`` "on" / ``علي`` "Ali"), the final ى or ي is kept.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

from tui.text.normalize import FOLD_TABLE

ALEF_MAQSURA = "ى"
YEH = "ي"
#: The normaliser's fold table, except that ى stays ى until `analyze` has seen it.
_KEEP_MAQSURA = {**FOLD_TABLE, ord(ALEF_MAQSURA): ALEF_MAQSURA}
_FOLD_MAQSURA = str.maketrans(ALEF_MAQSURA, YEH)

#: A word: a run of letters and digits (underscore excluded) in normalised text.
WORD_RE = re.compile(r"[^\W_]+")
#: Longer runs (glued URLs, base64) are not words anyone searches for; both the index and
#: the matcher skip them, so they agree.
MAX_WORD_CHARS = 64

CONJUNCTIONS = "وف"
PREPOSITIONS = "بكل"
ARTICLE = "ال"
LAM = "ل"
#: Fewest letters that must remain after removing a clitic or the article.
MIN_STEM = 3

#: Encoding: stem, SEP, then article / preposition / conjunction flags (ASCII punctuation,
#: which never occurs in a word, so a flag can never be mistaken for a letter).
SEP = "|"
FLAG_ARTICLE = "!"
FLAG_NONE = "~"
PREP_FLAGS = {"ب": "<", "ك": ">", "ل": "="}
CONJ_FLAGS = {"و": "&", "ف": "+"}
_PREP_OF_FLAG = {flag: letter for letter, flag in PREP_FLAGS.items()}
_CONJ_OF_FLAG = {flag: letter for letter, flag in CONJ_FLAGS.items()}
#: Characters besides letters and digits that appear in terms (the FTS5 tokenizer's
#: ``tokenchars``).
TERM_PUNCTUATION = (
    SEP + FLAG_ARTICLE + FLAG_NONE + "".join(PREP_FLAGS.values()) + "".join(CONJ_FLAGS.values())
)
#: Stands between paragraphs in a term stream so a phrase never spans two of them.
BOUNDARY = FLAG_NONE

#: Words whose first letter looks like a clitic but is part of the word (normalised
#: spelling), as `PROTECTED`. Stripping stops at them, so ``لبنان`` is never read as
#: ل + ``بنان``. Recall does not depend on this list (both readings of a query word are
#: searched); it keeps unrelated short words (``بنان``, ``رنسا``) from matching these names.
_PROTECTED_WORDS = """
    لبنان ليبيا لندن لاهاي لافروف لوكسمبورغ ليتوانيا لاتفيا لشبونه لوس
    فرنسا فلسطين فنزويلا فنلندا فيتنام فيينا فلوريدا فيسبوك فاغنر فلاديمير فلاديفوستوك
    بريطانيا بلجيكا بولندا بلغاريا بغداد بيروت باريس برلين بكين بوتين بايدن بنغلاديش
    باكستان بيونغ بيونج بروكسل بيلاروسيا برازيل بوليفيا بورما بلغراد بوخارست بودابست
    كندا كوريا كوبا كابول كينيا كولومبيا كرواتيا كازاخستان كييف كيم كرملين كوسوفو
    كمبوديا كاليفورنيا كاراكاس كيسنجر كامالا كيري
    واشنطن وارسو ويلز وزير وزراء وزاره ولايات وكاله واحد وقت وضع وطني وفد وجود
    بيان برنامج بنك بلاد كبير كلمه كثير كانت لقاء لجنه فريق فتره فكره
"""
PROTECTED = frozenset(_PROTECTED_WORDS.split())

#: Folded words where ى/ي carries meaning: a very common function word and a name or
#: content word that the normaliser would merge. For these the final letter typed is kept.
GUARDED = frozenset({"علي", "الي"})


class Analysis(NamedTuple):
    """A word split into stem and stripped proclitics (each "" when absent)."""

    stem: str
    article: bool = False
    prep: str = ""
    conj: str = ""


def prepare(text: str) -> str:
    """Normalise *text* for tokenising, keeping ى so `analyze` can guard ``على``/``علي``.

    Equal to `tui.text.normalize.normalize` except that ى is not yet folded to ي.
    """
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    return text.translate(_KEEP_MAQSURA).casefold()


def words(prepared: str) -> list[str]:
    """The words of already `prepare`d text, skipping runs longer than `MAX_WORD_CHARS`."""
    return [w for w in WORD_RE.findall(prepared) if len(w) <= MAX_WORD_CHARS]


def fold(word: str) -> str:
    """The fully normalised form of a `prepare`d word (ى → ي)."""
    return word.translate(_FOLD_MAQSURA)


def _strip_from(folded: str, stage: int) -> Analysis:
    """Greedy analysis of a folded word starting at *stage* (0 conj, 1 prep, 2 article)."""
    conj = prep = ""
    article = False
    rest = folded
    if rest in PROTECTED:
        return Analysis(rest)
    if stage <= 0 and rest[:1] in CONJUNCTIONS and len(rest) - 1 >= MIN_STEM:
        conj, rest = rest[0], rest[1:]
        if rest in PROTECTED:
            return Analysis(rest, article, prep, conj)
    if stage <= 1 and rest[:1] in PREPOSITIONS and len(rest) - 1 >= MIN_STEM:
        inner = rest[1:]
        # لل is ل + ال (``للكرملين``) unless what follows the first ل is a word of its own
        # (``للبنان`` is ل + ``لبنان``).
        if rest[0] == LAM and inner[0] == LAM and inner not in PROTECTED:
            if len(rest) - 2 >= MIN_STEM:
                return Analysis(rest[2:], True, LAM, conj)
            return Analysis(rest, article, prep, conj)
        prep, rest = rest[0], inner
        if rest in PROTECTED:
            return Analysis(rest, article, prep, conj)
    if stage <= 2 and rest.startswith(ARTICLE) and len(rest) - len(ARTICLE) >= MIN_STEM:
        article, rest = True, rest[len(ARTICLE) :]
    return Analysis(rest, article, prep, conj)


def _guard(analysis: Analysis, word: str) -> Analysis:
    """Keep a guarded stem's final ى if the word was written with it."""
    if analysis.stem in GUARDED and word.endswith(ALEF_MAQSURA):
        return analysis._replace(stem=analysis.stem[:-1] + ALEF_MAQSURA)
    return analysis


def analyze(word: str) -> Analysis:
    """Split a `prepare`d text word into stem and proclitics (outermost first, guarded)."""
    return _guard(_strip_from(fold(word), 0), word)


def encode(analysis: Analysis) -> str:
    """The index term of an analysis: ``stem|`` plus flags, trailing empty slots dropped."""
    slots = [
        FLAG_ARTICLE if analysis.article else FLAG_NONE,
        PREP_FLAGS.get(analysis.prep, FLAG_NONE),
        CONJ_FLAGS.get(analysis.conj, FLAG_NONE),
    ]
    while slots and slots[-1] == FLAG_NONE:
        slots.pop()
    return analysis.stem + SEP + "".join(slots)


def decode(term: str) -> Analysis:
    """Inverse of `encode`."""
    stem, _, flags = term.partition(SEP)
    slots = flags.ljust(3, FLAG_NONE)
    return Analysis(
        stem,
        slots[0] == FLAG_ARTICLE,
        _PREP_OF_FLAG.get(slots[1], ""),
        _CONJ_OF_FLAG.get(slots[2], ""),
    )


def term(word: str) -> str:
    """The index term of one `prepare`d word."""
    return encode(analyze(word))


def forms(analysis: Analysis) -> list[str]:
    """Every word a query may type to find this text word: it, then without outer clitics.

    ``وللكرملين`` → ``وللكرملين``, ``للكرملين``, ``الكرملين``, ``كرملين``.
    """
    stem = analysis.stem
    with_article = ARTICLE + stem if analysis.article else stem
    if analysis.prep == LAM and analysis.article:
        with_prep = LAM + LAM + stem
    else:
        with_prep = analysis.prep + with_article
    return list(dict.fromkeys([analysis.conj + with_prep, with_prep, with_article, stem]))


@dataclass(frozen=True, slots=True)
class TermPattern:
    """Terms a query word accepts: those equal to `text`, or starting with it if `prefix`."""

    text: str
    prefix: bool

    def accepts(self, term: str) -> bool:
        """Whether the index term *term* is one this pattern matches."""
        return term.startswith(self.text) if self.prefix else term == self.text


def word_patterns(word: str) -> tuple[TermPattern, ...]:
    """The patterns of one `prepare`d query word: it as a stem, and each reading with clitics.

    ``كوريا`` → any term of stem ``كوريا``; ``الكرملين`` adds stem ``كرملين`` with the article
    (and any outer clitics); ``لبنان`` adds stem ``بنان`` after ل, which is how an unprotected
    ``لبنان`` would have been indexed. The text side's analysis is greedy from the outside,
    so the analysis of the rest of a text word after its outer clitics is the same greedy
    analysis started at that stage (`_strip_from`): one reading per stage suffices.
    """
    folded = fold(word)
    patterns = [TermPattern(_guard(Analysis(folded), word).stem + SEP, True)]
    for stage in (2, 1, 0):
        reading = _guard(_strip_from(folded, stage), word)
        if stage == 2 and reading.article and not reading.prep and not reading.conj:
            patterns.append(TermPattern(reading.stem + SEP + FLAG_ARTICLE, True))
        elif stage == 1 and reading.prep and not reading.conj:
            flags = (FLAG_ARTICLE if reading.article else FLAG_NONE) + PREP_FLAGS[reading.prep]
            patterns.append(TermPattern(reading.stem + SEP + flags, True))
        elif stage == 0 and reading.conj:
            patterns.append(TermPattern(encode(reading), False))
    return tuple(dict.fromkeys(patterns))


def query_words(text: str) -> list[str]:
    """The `prepare`d words of a piece of query text."""
    return words(prepare(text))

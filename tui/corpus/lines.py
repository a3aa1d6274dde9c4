"""What one line of a scraped news page is, on its own: furniture, metadata, a marker, content.

`classify` looks at a single line, without context: a ``TT`` token, a back-to-top button,
a date or source line, a related-stories marker. What a line means in its place on the page
(the title, a repeat, a teaser after a marker) is decided by `tui.corpus.clean`. The HTML
and other readers use `classify` too, for lines that are furniture whatever the markup.
Matching runs on `key`, the normalised form, so the phrase lists in
`tui.corpus.boilerplate` hold one spelling per phrase.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from tui.corpus.boilerplate import (
    COOKIE_VERBS,
    COOKIE_WORDS,
    FURNITURE_LINES,
    JAVASCRIPT_VERBS,
    JAVASCRIPT_WORDS,
    MORE_FROM_PREFIXES,
    RELATED_LINK_MARKERS,
    RELATED_LIST_MARKERS,
    RELATED_RESIDUE,
    SHARE_WORDS,
    SOURCE_LABELS,
    TAG_LABELS,
    URL_LABELS,
    Reason,
)
from tui.corpus.dates import find_stated_date
from tui.text.normalize import normalize

#: Lines up to this many words are checked against every rule. Longer lines are body text
#: unless a label opens them (tags), a related link opens them, or they hold a notice word.
SHORT_LINE_WORDS = 12
#: Short lines whose `Kind` is remembered (see `_classify_short`).
SHORT_LINES_REMEMBERED = 4096
#: A label (``كلمات دلالية:``) ends with a colon within this many characters.
LABEL_SPAN = 30
#: A headline has at most this many words and does not end like a sentence.
HEADLINE_MAX_WORDS = 20
#: Stray tokens: at most this many characters and no Arabic letter (``TT``), or no letter.
STRAY_MAX_CHARS = 3
MORE_FROM_MAX_WORDS = 5
SHARE_MAX_WORDS = 12
NOTICE_MAX_WORDS = 40
SOURCE_MAX_WORDS = 8

_ARABIC_LETTER = re.compile("[\u0621-\u064a]")
_WORD = re.compile(r"\w+")
#: A line that is only a social embed's link.
SOCIAL_LINK = re.compile(r"^((?:https?://)?pic\.twitter\.com/\S+|https?://t\.co/\S+)$")
#: A byline naming the outlet and the city: ``«الشرق الأوسط» (كييف)``.
BYLINE = re.compile(r"^«([^«»]{2,40})»\s*\(([^()]{2,30})\)$")
BARE_URL = re.compile(r"^https?://\S+$")


def key(text: str) -> str:
    """Matching form of a line: normalised, words only, single spaces."""
    return " ".join(_WORD.findall(normalize(text)))


def _keys(phrases: tuple[str, ...] | frozenset[str]) -> tuple[str, ...]:
    return tuple(sorted({key(phrase) for phrase in phrases}, key=len, reverse=True))


_LIST_MARKERS = _keys(RELATED_LIST_MARKERS)
_LINK_MARKERS = _keys(RELATED_LINK_MARKERS)
_RESIDUE = _keys(RELATED_RESIDUE)
_MORE_FROM = _keys(MORE_FROM_PREFIXES)
_FURNITURE = {key(line): reason for reason, lines in FURNITURE_LINES.items() for line in lines}
_SHARE = frozenset(key(word) for word in SHARE_WORDS)
_TAGS = _keys(TAG_LABELS)
_SOURCES = _keys(SOURCE_LABELS)
_URLS = _keys(URL_LABELS)
_JAVASCRIPT = _keys(JAVASCRIPT_WORDS)
_JAVASCRIPT_VERBS = _keys(JAVASCRIPT_VERBS)
_COOKIES = _keys(COOKIE_WORDS)
_COOKIE_VERBS = _keys(COOKIE_VERBS)
_MARKER_KINDS = {**dict.fromkeys(_LINK_MARKERS, "link"), **dict.fromkeys(_LIST_MARKERS, "list")}
_LINK_PREFIXES = tuple(marker + " " for marker in _LINK_MARKERS)
_LINK_FIRST_WORDS = frozenset(marker.split()[0] for marker in _LINK_MARKERS)
_LINK_MARKER_WORDS = max(marker.count(" ") + 1 for marker in _LINK_MARKERS)
#: Substrings of a lower-cased line that send a long line to the notice rules (JavaScript,
#: cookies, residue): each phrase's last word, as written and normalised. Plain substring
#: tests are several times faster than one case-insensitive regex.
_NOTICE_HINTS = tuple(
    {
        form.lower()
        for phrase in (*JAVASCRIPT_WORDS, *COOKIE_WORDS, *RELATED_RESIDUE)
        for form in (phrase.split()[-1], key(phrase).split()[-1])
    }
)
_ARABIC_HINTS = tuple(h for h in _NOTICE_HINTS if all("\u0600" <= c <= "\u06ff" for c in h))
_ASCII_HINTS = tuple(h for h in _NOTICE_HINTS if h.isascii())
_OTHER_HINTS = tuple(h for h in _NOTICE_HINTS if h not in _ARABIC_HINTS + _ASCII_HINTS)
#: The characters whose lower case holds an ASCII letter.
_LOWERS_TO_ASCII = re.compile("[A-Za-z\u0130\u212a]")
#: First letters (as written) of the related-link markers, to skip normalising most lines.
_LINK_INITIALS = frozenset(
    {c for m in (*RELATED_LINK_MARKERS, *_LINK_MARKERS) for c in (m[0].lower(), m[0].upper())}
    | set("اأإآ")
)
_DIGIT = re.compile("[0-9\u0660-\u0669\u06f0-\u06f9]")


@dataclass(frozen=True, slots=True)
class Kind:
    """What one line is, as far as it can tell on its own (see `classify`)."""

    reason: Reason | None = None
    value: str | None = None
    iso: str | None = None
    marker: str | None = None  # "list", "link" or "inline" for related-stories markers


CONTENT = Kind()


def classify(line: str) -> Kind:
    """What *line* is on its own: furniture to drop, metadata, a marker, or content."""
    words = line.count(" ") + 1
    if words > SHORT_LINE_WORDS:
        return _classify_long(line, words)
    return _classify_short(line, words)


@functools.lru_cache(maxsize=SHORT_LINES_REMEMBERED)
def _classify_short(line: str, words: int) -> Kind:
    """The rules for a line of up to `SHORT_LINE_WORDS` words, remembered: short lines are
    where a site's furniture is (``TT``, markers, bylines, notices), the same on every page
    of a site, and a page often prints its headline twice; checking one costs ~10 µs."""
    folded = key(line)
    if _is_stray(line, folded):
        return Kind(Reason.STRAY)
    if folded in _FURNITURE:
        return Kind(_FURNITURE[folded])
    if SOCIAL_LINK.match(line):
        return Kind(Reason.SOCIAL)
    marker = _related_marker(folded)
    if marker is not None:
        return Kind(Reason.RELATED, marker=marker)
    if folded in _TAGS:
        return Kind(Reason.TAGS)
    labelled = _labelled(line)
    if labelled is not None:
        return labelled
    if _DIGIT.search(line):
        stated = find_stated_date(line)
        if stated is not None:
            return Kind(Reason.DATE, stated.text, stated.iso)
    if line.startswith("«"):
        byline = BYLINE.match(line)
        if byline:
            return Kind(Reason.BYLINE, byline[1].strip())
    return _notice(folded, words)


def _classify_long(line: str, words: int) -> Kind:
    """The rules that can match a line longer than `SHORT_LINE_WORDS`."""
    labelled = _labelled(line)
    if labelled is not None:
        return labelled
    if line[0] in _LINK_INITIALS and _word_key(line[: line.find(" ")]) in _LINK_FIRST_WORDS:
        opening = key(" ".join(line.split(" ", _LINK_MARKER_WORDS + 1)[:_LINK_MARKER_WORDS]))
        if opening in _LINK_MARKERS or opening.startswith(_LINK_PREFIXES):
            return Kind(Reason.RELATED, marker="inline")
    if words <= NOTICE_MAX_WORDS and _has_notice_hint(line):
        return _notice(key(line), words)
    return CONTENT


@functools.lru_cache(maxsize=SHORT_LINES_REMEMBERED)
def _word_key(word: str) -> str:
    """`key` of a line's first word, remembered: most lines open with one of a few words."""
    return key(word)


def _has_notice_hint(line: str) -> bool:
    """Whether ``line.lower()`` holds one of `_NOTICE_HINTS`, mostly without lowering it.

    Arabic hints are unchanged by lowering and no other character lowers to an Arabic
    letter, so they are looked for in the line as it is; an ASCII hint can only appear in
    the lowered line if the line holds a character that lowers to an ASCII letter.
    """
    # any(map(...)): one C loop, no generator frame per hint (this runs for most lines).
    if any(map(line.__contains__, _ARABIC_HINTS)):
        return True
    if _OTHER_HINTS or (_ASCII_HINTS and _LOWERS_TO_ASCII.search(line)):
        return any(map(line.lower().__contains__, (*_ASCII_HINTS, *_OTHER_HINTS)))
    return False


def _labelled(line: str) -> Kind | None:
    """Lines opening with a label and a colon: tags, source, the page's URL."""
    colon = line.find(":", 0, LABEL_SPAN)
    if colon <= 0:
        return None
    label = key(line[:colon])
    if label in _TAGS:
        return Kind(Reason.TAGS)
    value = line[colon + 1 :].strip()
    if label in _URLS and BARE_URL.match(value):
        return Kind(Reason.URL, value)
    if label in _SOURCES and value.count(" ") < SOURCE_MAX_WORDS:
        return Kind(Reason.SOURCE, value or None)
    return None


def _notice(folded: str, words: int) -> Kind:
    padded = f" {folded} "
    if words <= NOTICE_MAX_WORDS:
        if _holds(padded, _JAVASCRIPT_PADDED) and _holds(padded, _JAVASCRIPT_VERBS_PADDED):
            return Kind(Reason.JAVASCRIPT)
        if _holds(padded, _COOKIES_PADDED) and _holds(padded, _COOKIE_VERBS_PADDED):
            return Kind(Reason.COOKIES)
    if words <= SHARE_MAX_WORDS and all(token in _SHARE for token in folded.split()):
        return Kind(Reason.SHARE)
    if words <= MORE_FROM_MAX_WORDS and (
        folded in _MORE_FROM or folded.startswith(_MORE_FROM_PREFIXES)
    ):
        return Kind(Reason.RELATED)
    if words <= HEADLINE_MAX_WORDS and _holds(padded, _RESIDUE_PADDED):
        return Kind(Reason.RELATED)
    return CONTENT


def _related_marker(folded: str) -> str | None:
    """``list``/``link`` if *folded* is a bare marker, ``inline`` if a link follows it."""
    kind = _MARKER_KINDS.get(folded)
    if kind is None and folded.startswith(_LINK_PREFIXES):
        return "inline"
    return kind


def _is_stray(line: str, folded: str) -> bool:
    if not folded:
        return True  # punctuation and symbols only
    compact = "".join(line.split())
    return len(compact) <= STRAY_MAX_CHARS and _ARABIC_LETTER.search(compact) is None


def _padded(phrases: tuple[str, ...]) -> tuple[str, ...]:
    """Phrases with a space on each side, to find them as whole words in a padded line."""
    return tuple(f" {phrase} " for phrase in phrases)


def _holds(padded: str, phrases: tuple[str, ...]) -> bool:
    """Whether the padded line *padded* holds one of the padded *phrases* (whole words)."""
    return any(phrase in padded for phrase in phrases)


_JAVASCRIPT_PADDED = _padded(_JAVASCRIPT)
_JAVASCRIPT_VERBS_PADDED = _padded(_JAVASCRIPT_VERBS)
_COOKIES_PADDED = _padded(_COOKIES)
_COOKIE_VERBS_PADDED = _padded(_COOKIE_VERBS)
_RESIDUE_PADDED = _padded(_RESIDUE)
_MORE_FROM_PREFIXES = tuple(prefix + " " for prefix in _MORE_FROM)

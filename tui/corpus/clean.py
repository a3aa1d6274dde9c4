"""Clean a scraped news page: find title, date and source; drop site boilerplate with reasons.

A page arrives as lines of text copied from a news site. Every non-blank line becomes one
paragraph unless a rule drops it; a dropped line is kept in `CleanPage.dropped` with its
`Reason`. Lines are never rewritten: the only edit is splitting a line where the scraper
glued two things together (a tweet's attribution and the next sentence, a trailing
``pic.twitter.com`` link, a ``المصدر:`` label after a sentence).

How the page's tail is read: a related-stories marker (``مقالات ذات صلة``, ``اقرأ أيضاً`` …)
followed by something that looks like a headline starts a list of other stories, and
everything from there on is dropped (``related-articles``; a complete second article
appended after it is ``other-article``). A marker followed by a body sentence was an empty
widget: only the marker goes. A mid-article ``اقرأ أيضاً`` with a single linked headline
loses just that headline, unless the page already showed its end (tags, source line).

Source rule: an explicit ``المصدر: …`` line wins; else a byline ``«Outlet» (City)`` in the
article; else the byline most used by the related-stories teasers, because news sites list
their own stories there under their own name.

The phrase lists live in `tui.corpus.boilerplate`; matching runs on `normalize`d lines.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from tui.corpus.article import DroppedLine
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
    SECTION_WORDS,
    SHARE_WORDS,
    SOURCE_LABELS,
    TAG_LABELS,
    URL_LABELS,
    Reason,
)
from tui.corpus.dates import find_stated_date
from tui.text.normalize import normalize
from tui.text.sanitize import is_safe, sanitize_text

#: Lines up to this many words are checked against every rule. Longer lines are body text
#: unless a label opens them (tags), a related link opens them, or they hold a notice word.
SHORT_LINE_WORDS = 12
#: A label (``كلمات دلالية:``) ends with a colon within this many characters.
LABEL_SPAN = 30
#: A headline has at most this many words and does not end like a sentence.
HEADLINE_MAX_WORDS = 20
#: A first line longer than this is a paragraph; the title is then its clipped opening.
TITLE_MAX_WORDS = 30
TITLE_CLIP_WORDS = 12
#: Stray tokens: at most this many characters and no Arabic letter (``TT``), or no letter.
STRAY_MAX_CHARS = 3
SECTION_LABEL_MAX_WORDS = 3
MORE_FROM_MAX_WORDS = 5
SHARE_MAX_WORDS = 12
NOTICE_MAX_WORDS = 40
SOURCE_MAX_WORDS = 8
#: How far past a related marker a teaser byline still shows a list of other stories.
TEASER_LOOKAHEAD = 6

SENTENCE_ENDINGS = (".", "!", "…", ":", "۔")
_CLOSERS = "\"'»”’)]"
_ARABIC_LETTER = re.compile("[\u0621-\u064a]")
_WORD = re.compile(r"\w+")

#: A tweet's attribution line (``— NEXTA (@nexta_tv) October 18, 2023``).
TWEET_ATTRIBUTION = re.compile(
    r"^[—–-]\s*[^\n]{1,80}?\(@\w{1,30}\)\s*"
    r"(?:[A-Z][a-z]+\.?\s+\d{1,2},\s*\d{4}|\d{1,2}\s+[A-Z][a-z]+\s+\d{4})"
)
#: Link residue a social embed leaves at the end of a line.
TRAILING_SOCIAL_LINK = re.compile(r"\s+((?:https?://)?pic\.twitter\.com/\S+|https?://t\.co/\S+)$")
SOCIAL_LINK = re.compile(r"^((?:https?://)?pic\.twitter\.com/\S+|https?://t\.co/\S+)$")
#: Labels that a scraper may glue to the end of the text before them
#: (``…2023المصدر: موقع 24``); a line is split there, before the label.
GLUABLE_LABELS = ("المصدر", "تاريخ النشر", "كلمات دلالية")
GLUED_LABEL = re.compile(r"(?<=[^\s\u0621-\u064a])(?=(?:" + "|".join(GLUABLE_LABELS) + r")\s*:)")
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
_SECTIONS = frozenset(key(word) for word in SECTION_WORDS)
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
#: First letters (as written) of the related-link markers, to skip normalising most lines.
_LINK_INITIALS = frozenset(
    {c for m in (*RELATED_LINK_MARKERS, *_LINK_MARKERS) for c in (m[0].lower(), m[0].upper())}
    | set("اأإآ")
)
_DASHES = "—–-"
_DIGIT = re.compile("[0-9\u0660-\u0669\u06f0-\u06f9]")


@dataclass(frozen=True, slots=True)
class CleanPage:
    """The article a page holds, its stated metadata, and what was removed."""

    title: str
    paragraphs: tuple[str, ...]
    date: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    dropped: tuple[DroppedLine, ...] = ()


@dataclass(frozen=True, slots=True)
class Kind:
    """What one line is, as far as it can tell on its own (see `classify`)."""

    reason: Reason | None = None
    value: str | None = None
    iso: str | None = None
    marker: str | None = None  # "list", "link" or "inline" for related-stories markers


CONTENT = Kind()


def clean_page(text: str) -> CleanPage | None:
    """Clean a scraped page's text; None if nothing but boilerplate is left.

    The text is sanitised for the terminal first, so every string in the result is safe.
    """
    return _Cleaner(split_lines(text)).run()


def split_lines(text: str) -> list[str]:
    """The page's non-blank lines, sanitised, trimmed, and split at glue points."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    flat = text.replace("\n", " ")
    if not (flat.isprintable() or is_safe(flat)):  # isprintable: a fast, stricter test
        text = sanitize_text(text)
    pieces: list[str] = []
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            pieces.extend(_unglue(stripped))
    return pieces


def _unglue(line: str) -> list[str]:
    if line[0] in _DASHES:
        match = TWEET_ATTRIBUTION.match(line)
        if match and match.end() < len(line) and line[match.end() :].strip():
            return [match.group(), *_unglue(line[match.end() :].strip())]
    if "twitter.com/" in line or "t.co/" in line:
        match = TRAILING_SOCIAL_LINK.search(line)
        if match and match.start() > 0:
            return [*_unglue(line[: match.start()]), match.group(1)]
    if ":" in line and any(label in line for label in GLUABLE_LABELS):
        match = GLUED_LABEL.search(line)
        if match and match.start() > 0:
            return [*_unglue(line[: match.start()]), line[match.start() :]]
    return [line]


def classify(line: str) -> Kind:
    """What *line* is on its own: furniture to drop, metadata, a marker, or content."""
    words = line.count(" ") + 1
    if words > SHORT_LINE_WORDS:
        return _classify_long(line, words)
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
    if line[0] in _LINK_INITIALS and key(line.split(" ", 1)[0]) in _LINK_FIRST_WORDS:
        opening = key(" ".join(line.split(" ", _LINK_MARKER_WORDS + 1)[:_LINK_MARKER_WORDS]))
        if opening in _LINK_MARKERS or opening.startswith(_LINK_PREFIXES):
            return Kind(Reason.RELATED, marker="inline")
    lowered = line.lower()
    if words <= NOTICE_MAX_WORDS and any(hint in lowered for hint in _NOTICE_HINTS):
        return _notice(key(line), words)
    return CONTENT


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
    if words <= NOTICE_MAX_WORDS:
        if _contains(folded, _JAVASCRIPT) and _contains(folded, _JAVASCRIPT_VERBS):
            return Kind(Reason.JAVASCRIPT)
        if _contains(folded, _COOKIES) and _contains(folded, _COOKIE_VERBS):
            return Kind(Reason.COOKIES)
    tokens = folded.split()
    if words <= SHARE_MAX_WORDS and all(token in _SHARE for token in tokens):
        return Kind(Reason.SHARE)
    if words <= MORE_FROM_MAX_WORDS and _starts_with(folded, _MORE_FROM):
        return Kind(Reason.RELATED)
    if words <= HEADLINE_MAX_WORDS and _contains(folded, _RESIDUE):
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


def _starts_with(folded: str, prefixes: tuple[str, ...]) -> bool:
    return any(folded == p or folded.startswith(p + " ") for p in prefixes)


def _contains(folded: str, phrases: tuple[str, ...]) -> bool:
    padded = f" {folded} "
    return any(f" {phrase} " in padded for phrase in phrases)


def looks_like_headline(line: str) -> bool:
    """A short line that does not end like a sentence."""
    words = line.count(" ") + 1
    return words <= HEADLINE_MAX_WORDS and not line.rstrip(_CLOSERS).endswith(SENTENCE_ENDINGS)


def _is_section_label(line: str) -> bool:
    tokens = key(line).split()
    if not tokens or len(tokens) > SECTION_LABEL_MAX_WORDS:
        return False
    return all(_strip_proclitic(token) in _SECTIONS for token in tokens)


def _strip_proclitic(token: str) -> str:
    if token in _SECTIONS:
        return token
    for prefix in ("و", "ال", "وال"):
        if token.startswith(prefix) and token[len(prefix) :] in _SECTIONS:
            return token[len(prefix) :]
    return token


def clip_title(line: str) -> str:
    """The opening words of a long first line, to list an article that has no headline."""
    words = line.split()
    return " ".join(words[:TITLE_CLIP_WORDS]) + "…"


class _Cleaner:
    """One pass over a page's lines, keeping the state the rules need."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.kinds = [classify(line) for line in lines]
        self.title: str | None = None
        self.kept: list[str] = []
        self.seen: set[str] = set()
        self.dropped: list[DroppedLine] = []
        self.date: str | None = None
        self.published: str | None = None
        self.source: str | None = None
        self.url: str | None = None
        self.byline: str | None = None
        self.teaser_bylines: Counter[str] = Counter()
        self.article_over = False

    def run(self) -> CleanPage | None:
        index = 0
        while index < len(self.lines):
            index = self.step(index)
        if self.title is None:
            return None
        source = self.source or self.byline
        if source is None and self.teaser_bylines:
            source = self.teaser_bylines.most_common(1)[0][0]
        return CleanPage(
            title=self.title,
            paragraphs=tuple(self.kept),
            date=self.date,
            published=self.published,
            source=source,
            url=self.url,
            dropped=tuple(self.dropped),
        )

    def drop(self, index: int, reason: Reason) -> None:
        self.dropped.append(DroppedLine(self.lines[index], reason.value))

    def step(self, index: int) -> int:
        line, kind = self.lines[index], self.kinds[index]
        if kind.reason is None:
            self.content(index, line)
        elif kind.reason is Reason.RELATED and kind.marker in ("list", "link"):
            return self.related(index, strong=kind.marker == "list")
        else:
            self.metadata(index, kind)
        return index + 1

    def metadata(self, index: int, kind: Kind) -> None:
        reason = kind.reason
        assert reason is not None
        if reason is Reason.DATE and self.date is None:
            self.date, self.published = kind.value, kind.iso
        elif reason is Reason.SOURCE:
            self.source = self.source or kind.value
        elif reason is Reason.BYLINE:
            self.byline = self.byline or kind.value
        elif reason is Reason.URL:
            self.url = self.url or kind.value
        if reason in (Reason.SOURCE, Reason.TAGS, Reason.BACK_TO_TOP, Reason.SHARE):
            self.article_over = True
        self.drop(index, reason)

    def content(self, index: int, line: str) -> None:
        if self.title is None:
            if _is_section_label(line):
                self.drop(index, Reason.SECTION)
                return
            if line.count(" ") + 1 <= TITLE_MAX_WORDS:
                self.title = line
                self.seen.add(line)
                return
            self.title = clip_title(line)
        if line in self.seen:
            self.drop(index, Reason.REPEATED)
            return
        self.seen.add(line)
        self.kept.append(line)

    def related(self, index: int, *, strong: bool) -> int:
        """Drop a related-stories marker and, if other stories follow, the rest of the page."""
        self.drop(index, Reason.RELATED)
        following = index + 1
        while following < len(self.lines):
            kind = self.kinds[following]
            if kind.reason is None or kind.reason in (Reason.BYLINE, Reason.DATE, Reason.SOURCE):
                break
            if kind.reason is Reason.RELATED and kind.marker == "list":
                strong = True
            self.metadata(following, kind)
            following += 1
        if following >= len(self.lines):
            return following
        line, kind = self.lines[following], self.kinds[following]
        headline = kind.reason is None and looks_like_headline(line)
        if kind.reason is Reason.BYLINE or (
            headline and (strong or self.article_over or self.teasers_follow(following))
        ):
            self.drop_tail(following)
            return len(self.lines)
        if headline:
            self.drop(following, Reason.RELATED)
            return following + 1
        return following

    def teasers_follow(self, index: int) -> bool:
        window = self.kinds[index : index + TEASER_LOOKAHEAD]
        return any(kind.reason is Reason.BYLINE for kind in window)

    def drop_tail(self, index: int) -> None:
        reason = Reason.RELATED
        for position in range(index, len(self.lines)):
            if reason is Reason.RELATED and self.article_starts(position):
                reason = Reason.OTHER_ARTICLE
            kind = self.kinds[position]
            if reason is Reason.RELATED and kind.reason is Reason.BYLINE and kind.value:
                self.teaser_bylines[kind.value] += 1
            self.drop(position, reason)

    def article_starts(self, index: int) -> bool:
        """A headline followed by a caption printed twice: how these pages open an article."""
        lines = self.lines
        return (
            index + 2 < len(lines)
            and self.kinds[index].reason is None
            and looks_like_headline(lines[index])
            and lines[index + 1] == lines[index + 2]
        )

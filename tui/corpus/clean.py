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

What a line is on its own is `tui.corpus.lines.classify` (re-exported here); the phrase
lists live in `tui.corpus.boilerplate`.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from tui.corpus.article import DroppedLine
from tui.corpus.boilerplate import SECTION_WORDS, Reason
from tui.corpus.lines import CONTENT, HEADLINE_MAX_WORDS, Kind, classify, key
from tui.text.sanitize import is_safe, sanitize_text

#: A first line longer than this is a paragraph; the title is then its clipped opening.
TITLE_MAX_WORDS = 30
TITLE_CLIP_WORDS = 12
SECTION_LABEL_MAX_WORDS = 3
#: How far past a related marker a teaser byline still shows a list of other stories.
TEASER_LOOKAHEAD = 6

SENTENCE_ENDINGS = (".", "!", "…", ":", "۔")
_CLOSERS = "\"'»”’)]"
#: A tweet's attribution line (``— NEXTA (@nexta_tv) October 18, 2023``).
TWEET_ATTRIBUTION = re.compile(
    r"^[—–-]\s*[^\n]{1,80}?\(@\w{1,30}\)\s*"
    r"(?:[A-Z][a-z]+\.?\s+\d{1,2},\s*\d{4}|\d{1,2}\s+[A-Z][a-z]+\s+\d{4})"
)
#: Link residue a social embed leaves at the end of a line.
TRAILING_SOCIAL_LINK = re.compile(r"\s+((?:https?://)?pic\.twitter\.com/\S+|https?://t\.co/\S+)$")
#: Labels that a scraper may glue to the end of the text before them
#: (``…2023المصدر: موقع 24``); a line is split there, before the label.
GLUABLE_LABELS = ("المصدر", "تاريخ النشر", "كلمات دلالية")
GLUED_LABEL = re.compile(r"(?<=[^\s\u0621-\u064a])(?=(?:" + "|".join(GLUABLE_LABELS) + r")\s*:)")
_SECTIONS = frozenset(key(word) for word in SECTION_WORDS)
_DASHES = "—–-"


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


def clean_page(text: str) -> CleanPage | None:
    """Clean a scraped page's text; None if nothing but boilerplate is left.

    The text is sanitised for the terminal first, so every string in the result is safe.
    """
    return _Cleaner(split_lines(text)).run()


def split_lines(text: str) -> list[str]:
    """The page's non-blank lines, sanitised, trimmed, and split at glue points."""
    text = text.lstrip("\ufeff")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    # Every line printable: the page is safe (`is_safe` without joining it into one line).
    if not all(map(str.isprintable, lines)) and not is_safe(text.replace("\n", " ")):
        lines = sanitize_text(text).split("\n")
    pieces: list[str] = []
    for stripped in map(str.strip, lines):
        if not stripped:
            continue
        if _may_be_glued(stripped):  # most lines have nothing glued: no list, no call
            pieces.extend(_unglue(stripped))
        else:
            pieces.append(stripped)
    return pieces


def _may_be_glued(line: str) -> bool:
    """Whether *line* holds something `_unglue` splits off (its rules' first tests)."""
    return (
        line[0] in _DASHES
        or "t.co/" in line
        or "twitter.com/" in line
        or (":" in line and any(map(line.__contains__, GLUABLE_LABELS)))
    )


def _unglue(line: str) -> list[str]:
    if not _may_be_glued(line):
        return [line]
    if line[0] in _DASHES:
        match = TWEET_ATTRIBUTION.match(line)
        if match and match.end() < len(line) and line[match.end() :].strip():
            return [match.group(), *_unglue(line[match.end() :].strip())]
    if "twitter.com/" in line or "t.co/" in line:
        match = TRAILING_SOCIAL_LINK.search(line)
        if match and match.start() > 0:
            return [*_unglue(line[: match.start()]), match.group(1)]
    if ":" in line and any(map(line.__contains__, GLUABLE_LABELS)):
        match = GLUED_LABEL.search(line)
        if match and match.start() > 0:
            return [*_unglue(line[: match.start()]), line[match.start() :]]
    return [line]


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
        lines, kinds = self.lines, self.kinds
        while index < len(lines):
            if kinds[index].reason is None and self.title is not None:
                self.body_line(index, lines[index])  # most lines: no `step` to go through
                index += 1
                continue
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
        self.body_line(index, line)

    def body_line(self, index: int, line: str) -> None:
        """A line of the body: kept, unless the page printed it already."""
        if line in self.seen:
            self.drop(index, Reason.REPEATED)
        else:
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


__all__ = ["CONTENT", "CleanPage", "Kind", "Reason", "classify", "clean_page", "split_lines"]

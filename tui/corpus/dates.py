"""Recognise stated publication dates (Arabic and English forms) and turn them into ISO dates.

News pages state dates as ``تاريخ النشر: 19th, October 2023 GMT``, ``الخميس 19 أكتوبر 2023``,
``19 تشرين الأول 2023``, ``October 19, 2023`` or ``2023-10-19``, with Arabic-Indic or ASCII
digits and Egyptian, Levantine or Maghrebi month names. Matching runs on the normalised
form (`tui.text.normalize.normalize`), so hamza and digit variants need no extra entries.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from tui.text.normalize import normalize

#: Month names → month number. Two-word Levantine names are listed with their space.
MONTH_NAMES: dict[str, int] = {
    **dict.fromkeys(("january", "jan"), 1),
    **dict.fromkeys(("february", "feb"), 2),
    **dict.fromkeys(("march", "mar"), 3),
    **dict.fromkeys(("april", "apr"), 4),
    **dict.fromkeys(("may",), 5),
    **dict.fromkeys(("june", "jun"), 6),
    **dict.fromkeys(("july", "jul"), 7),
    **dict.fromkeys(("august", "aug"), 8),
    **dict.fromkeys(("september", "sep", "sept"), 9),
    **dict.fromkeys(("october", "oct"), 10),
    **dict.fromkeys(("november", "nov"), 11),
    **dict.fromkeys(("december", "dec"), 12),
    **dict.fromkeys(("يناير", "كانون الثاني", "جانفي"), 1),
    **dict.fromkeys(("فبراير", "شباط", "فيفري"), 2),
    **dict.fromkeys(("مارس", "آذار"), 3),
    **dict.fromkeys(("أبريل", "إبريل", "نيسان", "أفريل"), 4),
    **dict.fromkeys(("مايو", "أيار", "ماي"), 5),
    **dict.fromkeys(("يونيو", "يونيه", "حزيران", "جوان"), 6),
    **dict.fromkeys(("يوليو", "يوليه", "تموز", "جويلية", "يوليوز"), 7),
    **dict.fromkeys(("أغسطس", "آب", "أوت", "غشت"), 8),
    **dict.fromkeys(("سبتمبر", "أيلول", "شتنبر"), 9),
    **dict.fromkeys(("أكتوبر", "تشرين الأول"), 10),
    **dict.fromkeys(("نوفمبر", "تشرين الثاني", "نونبر"), 11),
    **dict.fromkeys(("ديسمبر", "كانون الأول", "دجنبر"), 12),
}

#: Words that may surround a date on a date-only line: weekdays, times of day, time zones.
DATE_FILLER_WORDS: frozenset[str] = frozenset(
    (
        "الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت",
        "أحد", "اثنين", "ثلاثاء", "أربعاء", "خميس", "جمعة", "سبت", "يوم",
        "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
        "sun", "mon", "tue", "wed", "thu", "fri", "sat",
        "am", "pm", "ص", "م", "صباحا", "مساء", "الساعة", "at", "on",
        "gmt", "utc", "بتوقيت", "توقيت", "غرينتش", "جرينتش", "مكة", "المكرمة", "القاهرة",
        "ت", "غ",
    )
)  # fmt: skip

#: Labels that announce the publication (or update) date of a page.
DATE_LABELS: tuple[str, ...] = (
    "تاريخ النشر",
    "تاريخ الخبر",
    "تاريخ الإضافة",
    "تاريخ التحديث",
    "آخر تحديث",
    "نشر بتاريخ",
    "نشر في",
    "تم النشر",
    "نشر",
    "published on",
    "published",
    "posted on",
    "last updated",
    "updated",
)

#: A date-only line holds at most this many tokens (``الخميس 19 أكتوبر 2023 - 10:30 م``).
MAX_DATE_TOKENS = 12
EARLIEST_YEAR = 1900
LATEST_YEAR = 2100

_TOKEN = re.compile(r"\w+")
_ORDINAL = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?$")
_TIME = re.compile(r"^\d{1,2}:\d{2}(?::\d{2})?$")
_NUMERIC_YMD = re.compile(r"(?<!\d)(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?!\d)")
_NUMERIC_DMY = re.compile(r"(?<!\d)(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})(?!\d)")
_NUMERIC_DATE = re.compile(r"\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{4}")
_SPACES = re.compile(r"\S+")


def _fold(text: str) -> str:
    return " ".join(_TOKEN.findall(normalize(text)))


_MONTHS = {_fold(name): number for name, number in MONTH_NAMES.items()}
_TWO_WORD_MONTHS = {name for name in _MONTHS if " " in name}
_FILLERS = frozenset(_fold(word) for word in DATE_FILLER_WORDS)
_LABELS = tuple(sorted((_fold(label) for label in DATE_LABELS), key=len, reverse=True))


@dataclass(frozen=True, slots=True)
class StatedDate:
    """A date as the page states it, and as ISO ``YYYY-MM-DD`` when it is a valid day."""

    text: str
    iso: str | None


def parse_date(text: str) -> str | None:
    """The ISO date (``YYYY-MM-DD``) *text* states, or None.

    Numeric forms are read year-first (``2023-10-19``) or day-first (``19/10/2023``, the
    Arabic convention; month-first only when the first number cannot be a month).
    """
    folded = normalize(text)
    match = _NUMERIC_YMD.search(folded)
    if match:
        return _iso(int(match[1]), int(match[2]), int(match[3]))
    match = _NUMERIC_DMY.search(folded)
    if match:
        first, second, year = int(match[1]), int(match[2]), int(match[3])
        if second > 12 >= first:
            first, second = second, first
        return _iso(year, second, first)
    tokens = _month_tokens(_TOKEN.findall(folded))
    for index, token in enumerate(tokens):
        month = _MONTHS.get(token)
        if month is None:
            continue
        day = _day(tokens, index - 1) or _day(tokens, index + 1)
        stated_year = next((int(t) for t in tokens[index + 1 :] if _is_year(t)), None)
        if stated_year is None:
            stated_year = next((int(t) for t in reversed(tokens[:index]) if _is_year(t)), None)
        if day is not None and stated_year is not None:
            return _iso(stated_year, month, day)
    return None


def find_stated_date(line: str) -> StatedDate | None:
    """The date *line* states if it is a date line: labelled (``تاريخ النشر: …``) or date-only.

    A labelled line gives the text after its label; ``نشر في`` opening an ordinary sentence
    is not a date line, so a label needs a colon or a date-only remainder.
    """
    folded = _fold(line)
    for label in _LABELS:
        if folded == label or folded.startswith(label + " "):
            head, colon, tail = line.partition(":")
            if colon and _fold(head) == label:
                value = tail.strip()
            else:
                value = _after_words(line, label.count(" ") + 1).lstrip(" -–—|،,")
            if not value:
                return None
            has_colon = bool(colon) and _fold(head) == label
            if _is_date_only(value) or (has_colon and any(c.isdigit() for c in normalize(value))):
                return StatedDate(value, parse_date(value))
            return None
    if _is_date_only(line):
        return StatedDate(line, parse_date(line))
    return None


def _is_date_only(text: str) -> bool:
    """True if *text* is a date with only weekdays, times and time zones around it."""
    folded = normalize(text)
    without_numeric = _NUMERIC_DATE.sub(" ", folded)
    raw = without_numeric.split()
    if len(raw) > MAX_DATE_TOKENS:
        return False
    tokens = _month_tokens(_TOKEN.findall(" ".join(_TIME.sub(" ", t) for t in raw)))
    for token in tokens:
        if token in _MONTHS or token in _FILLERS or _ORDINAL.match(token) or token.isdigit():
            continue
        return False
    return parse_date(text) is not None


def _month_tokens(tokens: list[str]) -> list[str]:
    """Join two-word month names (``تشرين الاول``) into single tokens."""
    out: list[str] = []
    index = 0
    while index < len(tokens):
        pair = " ".join(tokens[index : index + 2])
        if pair in _TWO_WORD_MONTHS:
            out.append(pair)
            index += 2
        else:
            out.append(tokens[index])
            index += 1
    return out


def _day(tokens: list[str], index: int) -> int | None:
    if not 0 <= index < len(tokens):
        return None
    match = _ORDINAL.match(tokens[index])
    if match is None:
        return None
    day = int(match[1])
    return day if 1 <= day <= 31 else None


def _is_year(token: str) -> bool:
    return len(token) == 4 and token.isdigit() and EARLIEST_YEAR <= int(token) <= LATEST_YEAR


def _iso(year: int, month: int, day: int) -> str | None:
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        return None
    try:
        return datetime.date(year, month, day).isoformat()
    except ValueError:
        return None


def _after_words(line: str, count: int) -> str:
    """*line* after its first *count* whitespace-separated words, unchanged otherwise."""
    words = list(_SPACES.finditer(line))
    if len(words) <= count:
        return ""
    return line[words[count - 1].end() :].strip()

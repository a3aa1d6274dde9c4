"""Turn a file's bytes into text: BOMs, strict UTF-8, then Arabic-aware legacy detection.

Scraped Arabic pages arrive as UTF-8 (with or without BOM), UTF-16 with a BOM, or one of
the two legacy Arabic code pages, Windows-1256 and ISO-8859-6. charset-normalizer guesses
legacy encodings well on long texts but confuses short Arabic texts with other code pages
(``سلام`` in cp1256 comes back as big5), so every Arabic code page is also scored by how
Arabic its decoding reads (`arabic_score`) and the most Arabic reading wins.
"""

from __future__ import annotations

import codecs
import math
import re
from collections.abc import Iterable

from tui.corpus.formats import UnreadableArticle

#: Byte-order marks, longest first (the UTF-32-LE BOM starts with the UTF-16-LE one).
BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

#: Openings of common binary formats: PDF, PNG, GIF, JPEG, ZIP (docx/epub), gzip, bzip2, 7z,
#: RAR, ELF, Mach-O, PE, WebP/WAV (RIFF), Ogg, MP3 (ID3), SQLite.
BINARY_SIGNATURES: tuple[bytes, ...] = (
    b"%PDF-",
    b"\x89PNG",
    b"GIF8",
    b"\xff\xd8\xff",
    b"PK\x03\x04",
    b"\x1f\x8b",
    b"BZh",
    b"7z\xbc\xaf",
    b"Rar!",
    b"\x7fELF",
    b"\xcf\xfa\xed\xfe",
    b"MZ",
    b"RIFF",
    b"OggS",
    b"ID3",
    b"SQLite format 3",
)

#: Legacy code pages that hold Arabic; always tried, whatever charset-normalizer says.
ARABIC_CODECS: tuple[str, ...] = ("cp1256", "iso8859-6")

#: More than this share of control characters in the decoded text means "not text".
MAX_CONTROL_RATIO = 0.05

#: How much of a text `arabic_score` and the control-ratio check look at.
SAMPLE_CHARS = 65_536

#: A reading counts as Arabic when this share of its letters are Arabic letters ...
MIN_ARABIC_LETTER_RATIO = 0.6
#: ... and its score per Arabic letter (see `arabic_score`) is at least this.
MIN_ARABIC_QUALITY = 0.0

#: Share (percent) of each Arabic letter in news text, measured on the shipped articles.
ARABIC_LETTER_PERCENT: dict[str, float] = {
    "ا": 14.3, "ل": 10.4, "ي": 9.2, "و": 7.2, "ر": 6.2, "م": 5.3, "ن": 4.8, "ت": 4.7,
    "ة": 3.3, "ب": 3.2, "س": 3.0, "د": 2.6, "ف": 2.6, "ع": 2.5, "ك": 2.5, "أ": 2.4,
    "ق": 2.1, "ه": 1.6, "ج": 1.4, "ح": 1.4, "ش": 1.2, "ط": 0.9, "خ": 0.9, "ز": 0.9,
    "ى": 0.9, "إ": 0.8, "ص": 0.7, "غ": 0.6, "ض": 0.6, "ث": 0.4, "ذ": 0.4, "ئ": 0.4,
    "ء": 0.3, "آ": 0.1, "ظ": 0.1, "ؤ": 0.1,
}  # fmt: skip
#: Log-frequency floor for Arabic letters missing from the table (tatweel, rare letters).
RARE_LETTER_PERCENT = 0.05
#: Penalty, in the same log units, for signs of a wrong code page (see `arabic_score`).
MISDECODE_PENALTY = 6.0
#: Bonus for a word opening with the article «ال» (in the log units above).
ARTICLE_BONUS = 2.0
#: Single-letter prefixes that may stand before the article: و ف ب ك ل.
_PROCLITICS = frozenset("وفبكل")
_MAX_PROCLITICS = 2
#: The legacy code page for text that is not Arabic but comes from Arabic sites.
FALLBACK_CODEC = "cp1256"
#: Western European text: cp1252, accepted when at most this share of letters is accented.
WESTERN_CODEC = "cp1252"
MAX_WESTERN_ACCENT_RATIO = 0.3
_ASCII_PROBE = b"Az09 .,:;-()\n"
#: cp1256 is far more common than ISO-8859-6 on the web: it wins ties.
PREFERRED_BONUS = {"cp1256": 0.05}

_TANWEEN = frozenset("\u064b\u064c\u064d")
#: Dammatan and kasratan: rare in unvocalised news text, yet what cp1256's ى and ي become
#: when read as ISO-8859-6.
_RARE_TANWEEN = frozenset("\u064c\u064d")
RARE_TANWEEN_PENALTY = 2.0
_HARAKAT = frozenset(chr(c) for c in range(0x064B, 0x0653))
#: Characters no text file holds in bulk: C0 controls but TAB/LF/FF/CR, DEL, C1, U+FFFD.
#: Every byte but the C0 controls and DEL that `_CONTROLS` counts (TAB, LF, FF, CR are text).
_NOT_CONTROL_BYTES = bytes(b for b in range(256) if not (b < 0x20 or b == 0x7F) or b in b"\t\n\f\r")
_CONTROLS = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ufffd]")


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a file's bytes, returning ``(text, encoding)``.

    The encoding is a Python codec name such that ``data.decode(encoding) == text``; it is
    shown to the user in the article's metadata.

    Raises:
        UnreadableArticle: "empty file", "binary file", or an undecodable file.
    """
    if not data or data.isspace():
        raise UnreadableArticle("empty file")
    text, encoding = _decode(data)
    if not text or text.isspace():
        raise UnreadableArticle("empty file")
    if _control_ratio(data, text, encoding) > MAX_CONTROL_RATIO:
        raise UnreadableArticle("binary file")
    return text, encoding


def _decode(data: bytes) -> tuple[str, str]:
    for bom, name in BOMS:
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as error:
                raise UnreadableArticle(f"not valid {name.upper()} text") from error
    if data.startswith(BINARY_SIGNATURES):
        raise UnreadableArticle("binary file")
    if b"\x00" in data:
        utf16 = _bomless_utf16(data)
        if utf16 is None:
            raise UnreadableArticle("binary file")
        return utf16
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    return _decode_legacy(data)


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 without a BOM: NULs (the high bytes of ASCII) sit almost all on one parity."""
    if len(data) % 2:
        return None
    even = data[0::2].count(0)
    odd = data[1::2].count(0)
    name = "utf-16-le" if odd > even else "utf-16-be"
    if min(even, odd) * 10 > max(even, odd):
        return None
    try:
        text = data.decode(name)
    except UnicodeDecodeError:
        return None
    if _text_control_ratio(text[:SAMPLE_CHARS]) > MAX_CONTROL_RATIO:
        return None
    return text, name


def _decode_legacy(data: bytes) -> tuple[str, str]:
    """Pick the best non-UTF-8 reading, in this order of preference.

    1. The most Arabic reading among the Arabic code pages (see `arabic_score`).
    2. cp1256 when every non-ASCII byte reads as punctuation or a symbol (“ ” — • …):
       Western text from an Arabic site; cp1256 shares these with cp1252.
    3. cp1252 when its accented letters are a minority of the letters (French, German …);
       Cyrillic or Greek read as cp1252 is all accents.
    4. charset-normalizer's guesses: the most Arabic one if any reads as Arabic (DOS Arabic
       code pages), else its best guess that keeps ASCII as ASCII (it may offer EBCDIC or
       UTF-16 for a mostly ASCII text with one stray byte).
    """
    arabic = _most_arabic(data, ARABIC_CODECS)
    if arabic is not None:
        return arabic
    fallback = data.decode(FALLBACK_CODEC)
    if all(not char.isalpha() for char in fallback if not char.isascii()):
        return fallback, FALLBACK_CODEC
    western = _western_reading(data)
    if western is not None:
        return western, WESTERN_CODEC

    from charset_normalizer import from_bytes

    guesses = [match.encoding for match in from_bytes(data)]
    arabic = _most_arabic(data, guesses)
    if arabic is not None:
        return arabic
    for name in sorted(guesses, key=lambda name: not _keeps_ascii(name)):
        try:
            return data.decode(name), codecs.lookup(name).name
        except (UnicodeDecodeError, LookupError):
            continue
    raise UnreadableArticle("not text: the character encoding could not be recognised")


def _most_arabic(data: bytes, names: Iterable[str]) -> tuple[str, str] | None:
    best: tuple[float, str, str] | None = None
    for name in names:
        try:
            text = data.decode(name)
            canonical = codecs.lookup(name).name
        except (UnicodeDecodeError, LookupError):
            continue
        score = arabic_score(text[:SAMPLE_CHARS])
        if score is None:
            continue
        score += PREFERRED_BONUS.get(canonical, 0.0)
        if best is None or score > best[0]:
            best = (score, text, canonical)
    return None if best is None else (best[1], best[2])


def _western_reading(data: bytes) -> str | None:
    try:
        text = data.decode(WESTERN_CODEC)
    except UnicodeDecodeError:
        return None
    letters = accented = 0
    for char in text:
        if char.isalpha():
            letters += 1
            if not char.isascii():
                if not "\u00c0" <= char <= "\u00ff":
                    return None
                accented += 1
    return text if accented <= MAX_WESTERN_ACCENT_RATIO * letters else None


def _keeps_ascii(name: str) -> bool:
    try:
        return _ASCII_PROBE.decode(name) == _ASCII_PROBE.decode("ascii")
    except (UnicodeDecodeError, LookupError):
        return False


def arabic_score(text: str) -> float | None:
    """How plausibly *text* is Arabic decoded with the right code page; None if not Arabic.

    Sums the log-frequency of every Arabic letter, adds `ARTICLE_BONUS` for each word
    starting with the article «ال» (the commonest Arabic bigram; ISO-8859-6 read as cp1256
    turns it into «ان», cp1256 read as ISO-8859-6 into «اف»), and subtracts
    `MISDECODE_PENALTY` for each trace a wrong Arabic code page leaves: a Latin letter
    (à, é, ç …), ×, ÷ or ¬ (ISO-8859-6 letters and comma read as cp1256), a C1 control
    (cp1256 punctuation read as ISO-8859-6), a haraka with
    no letter before it, or tanween inside a word (cp1256 read as ISO-8859-6 turns ى and ي
    into tanween; `RARE_TANWEEN_PENALTY` applies to those two even at a word end). The sum
    is divided by the number of Arabic letters, so texts of any
    length compare. Not Arabic (None): no Arabic letter, or fewer than
    `MIN_ARABIC_LETTER_RATIO` of the non-ASCII letters are Arabic.
    """
    arabic = foreign = 0
    total = 0.0
    previous = " "
    for index, char in enumerate(text):
        if _is_arabic_letter(char):
            arabic += 1
            total += _LOG_PERCENT.get(char, _LOG_RARE)
            if _is_latin_or_sign(previous):
                total -= MISDECODE_PENALTY
            elif char == "ا" and text.startswith("ل", index + 1) and _starts_word(text, index):
                total += ARTICLE_BONUS
        elif char in _HARAKAT:
            if _misplaced_haraka(text, index, previous):
                total -= MISDECODE_PENALTY
            elif char in _RARE_TANWEEN:
                total -= RARE_TANWEEN_PENALTY
        elif not char.isascii():
            foreign += char.isalpha()
            if char <= "\x9f" or _is_latin_or_sign(char):
                total -= MISDECODE_PENALTY
        previous = char
    if arabic == 0 or arabic < MIN_ARABIC_LETTER_RATIO * (arabic + foreign):
        return None
    quality = total / arabic
    return quality if quality >= MIN_ARABIC_QUALITY else None


def _misplaced_haraka(text: str, index: int, previous: str) -> bool:
    """A haraka with no letter before it, or tanween (it ends a word) inside a word."""
    if not _is_arabic_letter(previous) and previous not in _HARAKAT:
        return True
    following = text[index + 1 : index + 2]
    # Fathatan is written before a final alef or alef maqsura: «جزءًا», «هدًى».
    return text[index] in _TANWEEN and _is_arabic_letter(following) and following not in "اى"


def _starts_word(text: str, index: int) -> bool:
    """True if text[index] begins a word, allowing one or two proclitics (و ف ب ك ل)."""
    start = index
    while start > 0 and index - start < _MAX_PROCLITICS and text[start - 1] in _PROCLITICS:
        start -= 1
    return start == 0 or not _is_arabic_letter(text[start - 1])


_LOG_PERCENT = {letter: math.log(percent) for letter, percent in ARABIC_LETTER_PERCENT.items()}
_LOG_RARE = math.log(RARE_LETTER_PERCENT)


def _is_arabic_letter(char: str) -> bool:
    return "\u0621" <= char <= "\u064a" and char != "\u0640"


def _is_latin_or_sign(char: str) -> bool:
    """Latin-1 letters, ×, ÷, ¬: what Arabic letters and «،» become in the wrong code page."""
    return "\u00c0" <= char <= "\u024f" or char in "\u00ac\u0152\u0153\u0192"


def _control_ratio(data: bytes, text: str, encoding: str) -> float:
    """Share of control characters, counted on the bytes when each byte is a character.

    In UTF-8 and the legacy code pages a C0 control is one byte, and counting bytes
    (`bytes.translate`) is several times faster than scanning the text; UTF-16 and UTF-32
    are scanned as text.
    """
    if encoding.startswith(("utf-16", "utf-32")):
        return _text_control_ratio(text[:SAMPLE_CHARS])
    sample = data[:SAMPLE_CHARS]
    return len(sample.translate(None, _NOT_CONTROL_BYTES)) / len(sample)


def _text_control_ratio(text: str) -> float:
    if not text or _CONTROLS.search(text) is None:
        return 0.0
    return len(_CONTROLS.findall(text)) / len(text)

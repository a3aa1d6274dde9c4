"""Splitting logical text into sentences of word and punctuation tokens with exact offsets.

The tagger works on tokens as ANERcorp writes them: a word keeps its clitics (``وموسكو``),
punctuation stands alone. Offsets are kept so that tags land back on the original text.
"""

from __future__ import annotations

import re
from typing import NamedTuple

# Combining marks that belong inside a word (harakat, Quranic marks) and the joiners
# Persian and Urdu text puts inside words.
_MARKS = "\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed\u08d3-\u08ff"
_JOINERS = "\u200c\u200d"
#: A word: letters, digits and in-word marks; or a single other visible character.
TOKEN_PATTERN = re.compile(rf"(?:[^\W_]|[{_MARKS}{_JOINERS}])+|[^\s{_MARKS}{_JOINERS}]")
#: Tokens after which a sentence ends.
SENTENCE_END = frozenset(".!?؟؛…")
#: A sentence longer than this is cut, so one runaway line cannot make tagging quadratic
#: in memory (crfsuite's Viterbi is linear, but feature lists are built per sentence).
MAX_SENTENCE_TOKENS = 400


class Token(NamedTuple):
    """A token of the logical text: ``text[start:end] == word``."""

    start: int
    end: int
    word: str


def tokenize(text: str) -> list[Token]:
    """All tokens of *text*, in order."""
    return [Token(m.start(), m.end(), m.group()) for m in TOKEN_PATTERN.finditer(text)]


def sentences(text: str) -> list[list[Token]]:
    """Tokens of *text* grouped into sentences.

    A sentence ends at a line break, after sentence-final punctuation, or at
    `MAX_SENTENCE_TOKENS` tokens. Empty sentences are not returned.
    """
    result: list[list[Token]] = []
    current: list[Token] = []
    position = 0
    for line in text.split("\n"):
        end = position + len(line)
        if current:
            result.append(current)
            current = []
        for match in TOKEN_PATTERN.finditer(text, position, end):
            word = match.group()
            current.append(Token(match.start(), match.end(), word))
            if word in SENTENCE_END or len(current) >= MAX_SENTENCE_TOKENS:
                result.append(current)
                current = []
        position = end + 1
    if current:
        result.append(current)
    return result

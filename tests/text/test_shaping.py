"""Shaping: presentation forms, the lam-alef ligature, and immunity to the user's environment."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.text import shaping, word_glyphs
from tui.text.word_glyphs import shape_word

REPO = Path(__file__).resolve().parents[2]


def test_contextual_forms() -> None:
    # كتاب: kaf initial U+FEDB, teh medial U+FE98, alef final U+FE8E, beh isolated U+FE8F.
    assert shape_word("كتاب").glyphs == ("\ufedb", "\ufe98", "\ufe8e", "\ufe8f")


def test_lam_alef_with_hamza_variants_are_one_glyph() -> None:
    for word, ligature in (
        ("لأ", "\ufef7"),
        ("لإ", "\ufef9"),
        ("لآ", "\ufef5"),
        ("سلام", "\ufefc"),
    ):
        assert ligature in shape_word(word).glyphs


def test_haraka_between_lam_and_alef_prevents_the_ligature() -> None:
    # FriBidi ligates only adjacent letters; a fatha on the lam keeps them apart.
    shaped = shape_word("لَا")
    assert shaped.glyphs == ("\ufedf\u064e", "\ufe8e")
    assert shaped.width == 2


def test_isolated_hamza_stays_base_letter() -> None:
    assert shape_word("ء").glyphs == ("\u0621",)


def test_persian_letters_are_shaped() -> None:
    # بیونغ with Farsi yeh U+06CC: medial form U+FBFF.
    assert shape_word("بیونغ").glyphs[1] == "\ufbff"


def test_zwj_joins_and_is_not_drawn() -> None:
    shaped = shape_word("ب\u200d")
    assert shaped.glyphs == ("\ufe91",)  # initial form: joined to what follows


def test_user_reshaper_configuration_is_ignored(tmp_path: Path) -> None:
    """PYTHON_ARABIC_RESHAPER_CONFIGURATION_FILE must not change what akhbar draws."""
    hostile = tmp_path / "reshaper.ini"
    hostile.write_text(
        "[ArabicReshaper]\ndelete_harakat = yes\nARABIC LIGATURE ALLAH = yes\n"
        "ARABIC LIGATURE LAM WITH ALEF = no\nuse_unshaped_instead_of_isolated = yes\n",
        encoding="utf-8",
    )
    code = (
        "from tui.text.word_glyphs import shape_word;"
        "print('|'.join(shape_word(w).glyphs[0] for w in ['الله', 'لا', 'مَ', 'ب']))"
    )

    def run(env: dict[str, str]) -> str:
        return subprocess.run(
            [sys.executable, "-c", code],
            env=env,
            cwd=REPO,
            capture_output=True,
            text=True,
            check=True,
        ).stdout

    clean = {
        k: v for k, v in os.environ.items() if k != "PYTHON_ARABIC_RESHAPER_CONFIGURATION_FILE"
    }
    assert run({**clean, "PYTHON_ARABIC_RESHAPER_CONFIGURATION_FILE": str(hostile)}) == run(clean)
    missing = {**clean, "PYTHON_ARABIC_RESHAPER_CONFIGURATION_FILE": str(tmp_path / "nope.ini")}
    assert run(missing) == run(clean)


def test_format_ranges_are_exactly_the_cf_characters() -> None:
    import sys
    import unicodedata

    from tui.text.cells import FORMAT_RANGES, HAS_FORMAT

    listed = {cp for a, b in FORMAT_RANGES for cp in range(a, b + 1)}
    actual = {cp for cp in range(sys.maxunicode + 1) if unicodedata.category(chr(cp)) == "Cf"}
    assert listed == actual
    assert HAS_FORMAT.search("abc\u200fd") and not HAS_FORMAT.search("عربي abc")


def _seed_words() -> list[str]:
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "articles").glob("*")))
    return sorted(set(text.split()))


def test_settings_read_once_shape_as_the_configuration_file_does() -> None:
    """The reshaper answers its settings from a snapshot (speed): same output as a reshaper
    that asks its ConfigParser section every time."""
    from arabic_reshaper import ArabicReshaper

    plain = ArabicReshaper(configuration_file=str(shaping.CONFIG_FILE))
    assert not isinstance(plain.configuration, shaping._ReadSettings)
    assert isinstance(shaping._RESHAPER.configuration, shaping._ReadSettings)
    # (ZWJ is handed to the reshaper as TATWEEL: the library loses count of a raw one.)
    samples = [*_seed_words(), "لأن", "لِا", "بَيْت", "ـبـ", "الله", "ﷲ", "ء", "لإ"]
    text = " ".join(samples)
    assert shaping._RESHAPER.reshape(text) == plain.reshape(text)


def test_letters_only_words_match_the_aligned_path() -> None:
    """Words of one-cell characters skip the alignment of reshaper output to letters; the
    shortcut must give what the alignment gives."""
    words = [w for w in _seed_words() if shaping.SIMPLE_WORD.fullmatch(w)]
    assert len(words) > 1000
    shaped = shaping._RESHAPER.reshape(" ".join(words)).replace(shaping.HAMZA_ISOLATED, "ء")
    for word, piece in zip(words, shaped.split(" "), strict=True):
        fast = word_glyphs._letters_only(word, piece)
        assert fast == word_glyphs._finish(word, list(range(len(word))), word, piece), word


def test_a_batch_shapes_each_word_as_alone() -> None:
    words = ["السلام", "عَلَيْكم", "Reuters", "(أ", "ف", "ب)", "لأن", "\u200fمرحبا"]
    word_glyphs.clear_cache()
    together = word_glyphs.shape_words(words)
    for word, shaped in zip(words, together, strict=True):
        word_glyphs.clear_cache()
        assert shape_word(word) == shaped, word


def _whole_word_shapes(words: list[str]) -> list[str]:
    """What the reshaper makes of each word shaped whole, one call per word."""
    return [
        shaping._RESHAPER.reshape(word).replace(shaping.HAMZA_ISOLATED, shaping.HAMZA)
        for word in words
    ]


def test_words_shaped_by_pieces_match_words_shaped_whole() -> None:
    """Words without marks are shaped as pieces that end where a letter stops joining
    (`_SEGMENT`); put together, the pieces must be exactly the whole word's shape."""
    words = sorted({w for w in _seed_words() if shaping.SIMPLE_WORD.fullmatch(w)})
    assert len(words) > 1000
    # The cut points are where expected: after alef, dal, ra, waw, ta marbuta, hamza.
    assert shaping._SEGMENT.findall("والمدرسة") == ["و", "ا", "لمد", "ر", "سة"]
    assert shaping._SEGMENT.findall("لاجئ") == ["لا", "جئ"]
    word_glyphs.clear_cache()
    glyphs = ["".join(shaped.glyphs) for shaped in word_glyphs.shape_words(words)]
    assert glyphs == _whole_word_shapes(words)


_ARABIC_AND_MORE = "".join(chr(c) for c in range(0x0621, 0x064B)) + "ـپچژکگی0٣a«»().،"


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=_ARABIC_AND_MORE, min_size=1, max_size=8), max_size=12))
def test_any_simple_words_shaped_by_pieces_match_words_shaped_whole(words: list[str]) -> None:
    word_glyphs.clear_cache()
    glyphs = ["".join(shaped.glyphs) for shaped in word_glyphs.shape_words(words)]
    assert glyphs == _whole_word_shapes(words)

"""The person-name lists: what the build script keeps from its sources, and what shipped."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from tui.entities.build_names import (
    ARABNAMER_DICTIONARY,
    MAX_RANK,
    arabnamer_spellings,
    select,
    select_words,
)
from tui.entities.gazetteer import FAMILY, GIVEN, WORLD, gazetteers, word_key


def _record(**ranks: int) -> dict[str, object]:
    """A names-dataset record ranked *ranks* (country → popularity rank)."""
    return {"country": dict.fromkeys(ranks, 0.5), "gender": {}, "rank": ranks}


def test_select_keeps_popular_arabic_names_of_arabic_script_countries() -> None:
    records = {
        "خالد": _record(SA=5, EG=30),
        "يوسف": _record(FR=900, MA=40),  # counts in Morocco, wherever else it ranks
        "غادة": _record(EG=MAX_RANK),  # the last rank kept
        "بعيد": _record(EG=MAX_RANK + 1),  # too far down the ranking
        "جيمس": _record(US=1, GB=2),  # ranked only where names are not in Arabic script
        "مجهول": {"country": {"EG": 1.0}, "gender": {}, "rank": {}},  # no rank anywhere
    }
    assert select(records) == ["خالد", "غادة", "يوسف"]  # sorted: خ U+062E < غ U+063A


def test_select_drops_what_is_not_one_arabic_word() -> None:
    records = {
        "ام علي": _record(IQ=1),  # a phrase (a kunya)
        "Ahmed": _record(EG=1),  # Latin letters
        "آبہؤ": _record(PS=10),  # Urdu letters
        "ی": _record(IR=3),  # one letter
        "مى": _record(EG=50),  # two letters: a name
        "انا": _record(SA=20),  # "me": a function word typed into a name field
    }
    assert select(records) == ["مى"]


def test_select_drops_excluded_words_by_their_key() -> None:
    """``العراقي`` and ``فلسطين`` are Facebook "family names"; the places and nationality
    lists exclude them whatever their article or alef spelling."""
    records = {"العراقي": _record(IQ=1), "فلسطين": _record(PS=2), "الجبوري": _record(IQ=9)}
    assert select(records, excluded=["عراقي", "فلسطين"]) == ["الجبوري"]


def test_select_words_splits_names_into_their_words() -> None:
    spellings = ["برنار هنري ليفي", "هنري", "Kofi", "موسكو", "في"]
    assert select_words(spellings, excluded=["موسكو"]) == ["برنار", "ليفي", "هنري"]


def test_arabnamer_spellings_reads_the_dictionary_inside_the_wheel(tmp_path: Path) -> None:
    wheel = tmp_path / "arabnamer-9.9-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        table = {"rumsfeld": "رامسفيلد", "solana": "سولانا"}
        archive.writestr(ARABNAMER_DICTIONARY, json.dumps(table, ensure_ascii=False))
    assert sorted(arabnamer_spellings(wheel)) == ["رامسفيلد", "سولانا"]


def test_shipped_lists_hold_names_everyone_knows() -> None:
    gaz = gazetteers()
    for name in ("محمد", "فاطمة", "خالد", "عائشة", "يوسف"):
        assert GIVEN in gaz.categories(word_key(name)), name
    for name in ("الجبوري", "القحطاني", "الشمري"):
        assert FAMILY in gaz.categories(word_key(name)), name
    for name in ("رامسفيلد", "سولانا", "شيراك"):
        assert WORLD in gaz.categories(word_key(name)), name


def test_shipped_lists_leave_out_places_and_function_words() -> None:
    gaz = gazetteers()
    for word in ("فلسطين", "العراقي", "انا", "في"):
        assert not gaz.categories(word_key(word)) & {GIVEN, FAMILY, WORLD}, word

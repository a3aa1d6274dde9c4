"""The shipped name lists are well formed and found in text through clitics and variants."""

from __future__ import annotations

from importlib import resources

import pytest

from tui.entities.gazetteer import (
    FIRST,
    LOC,
    NATIONALITY,
    ORG,
    SOURCES,
    TITLE,
    build,
    gazetteers,
    word_key,
)
from tui.entities.keys import fold_name

DATA = resources.files("tui.entities") / "data"


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_list_files_are_well_formed(name: str) -> None:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("#"), "each list says where it comes from"
    entries = [line for line in lines if line and not line.startswith("#")]
    assert entries, f"{name} is empty"
    assert len(entries) == len(set(entries)), f"{name} repeats an entry"
    for entry in entries:
        assert entry == entry.strip()
        assert "  " not in entry
        assert any("\u0600" <= ch <= "\u06ff" for ch in entry), entry


def test_generated_lists_name_their_source() -> None:
    for name in SOURCES:
        if name.startswith("generated/"):
            header = (DATA / name).read_text(encoding="utf-8").splitlines()[0]
            assert ("CLDR" in header and "build_gazetteers" in header) or (
                "build_names" in header and "licence" in header
            ), name


def test_cldr_lists_hold_countries_and_cities_not_the_world() -> None:
    gaz = gazetteers()
    for place in ("روسيا", "أوكرانيا", "الصين", "الهند", "كييف", "طوكيو", "بيروت"):
        assert LOC in gaz.categories(word_key(place)), place
    assert LOC not in gaz.categories(word_key("العالم"))
    assert ORG in gaz.categories(word_key("الاتحاد الأوروبي").split()[0]) or any(
        entry == (word_key("الاتحاد"), word_key("الأوروبي"))
        for entry, _ in gaz.phrases[word_key("الاتحاد")]
    )


def test_categories_of_curated_words() -> None:
    gaz = gazetteers()
    assert FIRST in gaz.categories(word_key("فلاديمير"))
    assert TITLE in gaz.categories(word_key("الرئيس"))
    assert NATIONALITY in gaz.categories(word_key("الروسي"))
    assert NATIONALITY in gaz.categories(word_key("الأميركية"))


def test_find_reads_through_clitics_and_spelling_variants() -> None:
    gaz = build([(LOC, ["بيونغ يانغ", "الولايات المتحدة", "موسكو"]), (ORG, ["الأمم المتحدة"])])
    words = [
        "ووصل",
        "إلى",
        "بيونج",
        "يانج",
        "ثم",
        "وموسكو",
        "وللأمم",
        "المتحدة",
        "والولايات",
        "المتحدة",
    ]
    found = {
        (m.start, m.end, m.category, m.clitic) for m in gaz.find([fold_name(w) for w in words])
    }
    # words: 0 ووصل, 1 إلى, 2 بيونج, 3 يانج, 4 ثم, 5 وموسكو, 6 وللأمم, 7 المتحدة,
    # 8 والولايات, 9 المتحدة
    assert found == {
        (2, 4, LOC, 0),  # بيونج يانج: ج for غ
        (5, 6, LOC, 1),  # و + موسكو
        (6, 8, ORG, 2),  # و + ل + (ا)لأمم المتحدة
        (8, 10, LOC, 1),  # و + الولايات المتحدة
    }


def test_knows_word_is_about_first_words_of_names() -> None:
    gaz = build([(LOC, ["بيونغ يانغ"]), (TITLE, ["الرئيس"])])
    assert gaz.knows_word(fold_name("بيونغ"))
    assert not gaz.knows_word(fold_name("يانغ"))
    assert not gaz.knows_word(fold_name("الرئيس"))  # a title is not a name


def test_build_gazetteers_collects_from_cldr() -> None:
    pytest.importorskip("babel")
    from tui.entities import build_gazetteers

    lists = build_gazetteers.collect()
    places = set(lists["places.txt"])
    assert {"روسيا", "مصر", "الولايات المتحدة", "كييف"} <= places
    assert "العالم" not in places
    assert "بورما" in places and "ميانمار" in places  # "ميانمار (بورما)" split
    assert set(lists["organisations.txt"]) == {"الأمم المتحدة", "الاتحاد الأوروبي"}
    assert {"الروسية", "الروسي"} <= set(lists["nationalities.txt"])


def test_a_match_names_the_entry_it_found_whatever_the_clitic() -> None:
    """``للجنة`` reads as ل + لجنة and as لل + جنة; the match says which entry it was (the
    key `unnamed.txt` and the rules compare), not a re-reading of the first word."""
    from tui.entities.features import word_features
    from tui.entities.gazetteer import gazetteers

    folded = [word_features(w).folded for w in ["للجنة", "الأولمبية", "الدولية"]]
    entries = {m.entry for m in gazetteers().find(folded) if m.category == "ORG"}
    assert entries == {("لجنه", "اولمبيه", "دوليه")}


def test_long_one_word_lists_are_words_not_phrases() -> None:
    """Given names, surnames and world names are looked up as words (``g:GIVEN``) only:
    matching tens of thousands of them as phrases too would say the same thing again."""
    from tui.entities.gazetteer import GIVEN, WORD_ONLY

    assert GIVEN in WORD_ONLY
    gaz = build([(GIVEN, ["خالد"]), (FIRST, ["خالد"]), (LOC, ["خالد"])])
    assert gaz.categories(word_key("خالد")) == {GIVEN, FIRST, LOC}
    assert {m.category for m in gaz.find([fold_name("وخالد")])} == {FIRST, LOC}

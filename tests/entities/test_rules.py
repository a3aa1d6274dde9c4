"""Document rules on hand-made tag sequences (ANERcorp BIO tags over tokens as written)."""

from __future__ import annotations

from tui.entities.rules import (
    apply,
    clean_spans,
    gazetteer_spans,
    join_person_parts,
    propagate,
)


def cleaned(words: str, tags: str, common: frozenset[str] = frozenset()) -> list[str]:
    result = tags.split()
    clean_spans(words.split(), result, common)
    return result


def test_nationality_adjective_alone_is_no_entity() -> None:
    assert cleaned("قال المسؤول الروسي", "O O B-LOC") == ["O", "O", "O"]


def test_titles_are_cut_off_person_names() -> None:
    assert cleaned("قال الرئيس جو بايدن", "O B-PERS I-PERS I-PERS") == [
        "O",
        "O",
        "B-PERS",
        "I-PERS",
    ]


def test_trailing_nationality_adjective_leaves_a_place() -> None:
    assert cleaned("تحرير منطقة كورسك الروسية", "O O B-LOC I-LOC") == ["O", "O", "B-LOC", "O"]
    # ... but a direction adjective is part of the name
    assert cleaned("إلى كوريا الشمالية", "O B-LOC I-LOC") == ["O", "B-LOC", "I-LOC"]
    # an organisation's nationality is not part of its name either (ANERcorp's convention)
    assert cleaned("صحيفة بيلد الألمانية", "O B-ORG I-ORG") == ["O", "B-ORG", "O"]


def test_latin_spans_and_common_word_spans_are_dropped() -> None:
    assert cleaned("قال Lavrov", "O B-PERS") == ["O", "O"]
    common = frozenset({"شريك", "تاريخي"})
    assert cleaned("جارة وشريك تاريخي", "O B-PERS I-PERS", common) == ["O", "O", "O"]


def joined(words: str, tags: str, unnamed: frozenset[str] = frozenset()) -> list[str]:
    result = tags.split()
    gazetteer_spans(words.split(), result, unnamed)
    return result


def test_listed_place_of_several_words_takes_the_lists_type() -> None:
    assert joined("في بيونغ يانغ", "O B-PERS I-PERS") == ["O", "B-LOC", "I-LOC"]
    assert joined("في بيونغ يانغ", "O B-LOC B-LOC") == ["O", "B-LOC", "I-LOC"]
    assert joined("نشره البيت الأبيض", "O B-MISC I-MISC") == ["O", "B-ORG", "I-ORG"]
    assert joined("نشره البيت الأبيض", "O O O") == ["O", "B-ORG", "I-ORG"]


def test_a_longer_span_around_a_listed_name_is_left_alone() -> None:
    tags = "B-ORG I-ORG I-ORG"
    assert joined("وزارة الخارجية الروسية", tags) == tags.split()


def test_two_listed_names_run_together_are_split() -> None:
    assert joined("تزود بيونغ يانغ موسكو", "O B-ORG I-ORG I-ORG") == [
        "O",
        "B-LOC",
        "I-LOC",
        "B-LOC",
    ]
    # a one-word organisation is not split off a longer name
    assert joined("صحيفة واشنطن تايمز", "O B-ORG I-ORG") == ["O", "B-ORG", "I-ORG"]


def test_surname_recurs_as_the_person() -> None:
    document = [["التقى", "سيرغي", "لافروف", "نظيره"], ["وقال", "لافروف", "إن"]]
    tags = [["O", "B-PERS", "I-PERS", "O"], ["O", "O", "O"]]
    propagate(document, tags)
    assert tags[1] == ["O", "B-PERS", "O"]


def test_recurrence_with_a_clitic_is_found() -> None:
    document = [["زار", "موسكو"], ["وعاد", "من", "وموسكو"]]
    tags = [["O", "B-LOC"], ["O", "O", "O"]]
    propagate(document, tags)
    assert tags[1] == ["O", "O", "B-LOC"]


def test_common_words_are_not_spread() -> None:
    document = [["قال", "محمد", "علي"], ["وجلس", "علي", "الكرسي"]]
    tags = [["O", "B-PERS", "I-PERS"], ["O", "O", "O"]]
    propagate(document, tags, common=frozenset({"علي"}))
    assert tags[1] == ["O", "O", "O"]


def test_majority_type_wins() -> None:
    document = [["في", "جورجيا"], ["إلى", "جورجيا"], ["من", "جورجيا"]]
    tags = [["O", "B-LOC"], ["O", "B-LOC"], ["O", "B-PERS"]]
    propagate(document, tags)
    assert [t[1] for t in tags] == ["B-LOC", "B-LOC", "B-LOC"]


def test_apply_leaves_its_input_alone() -> None:
    document = [["قال", "الرئيس", "بايدن"]]
    tags = [["O", "B-PERS", "I-PERS"]]
    result = apply(document, tags)
    assert tags == [["O", "B-PERS", "I-PERS"]]
    assert result == [["O", "O", "B-PERS"]]


def test_names_the_corpus_leaves_untagged_are_left_to_the_model() -> None:
    # The reader's convention: a ministry is an organisation ...
    assert joined("قالت وزارة الخارجية", "O O O") == ["O", "B-ORG", "I-ORG"]
    # ... ANERcorp's: ministries are not tagged, so under its conventions the model decides.
    unnamed = frozenset({"وزاره خارجيه"})
    assert joined("قالت وزارة الخارجية", "O O O", unnamed) == ["O", "O", "O"]
    # The entry is matched through a clitic and spelling variants too.
    assert joined("وأعلنت بوزارة الخارجيّة", "O O O", unnamed) == ["O", "O", "O"]
    # Other listed names are still forced.
    assert joined("في بيونغ يانغ", "O O O", unnamed) == ["O", "B-LOC", "I-LOC"]


def linked(words: str, tags: str) -> list[str]:
    result = tags.split()
    join_person_parts(words.split(), result)
    return result


def test_person_parts_linked_by_al_or_bin_are_one_name() -> None:
    assert linked("محمد بن راشد آل مكتوم", "B-PERS I-PERS I-PERS O B-PERS") == [
        "B-PERS",
        "I-PERS",
        "I-PERS",
        "I-PERS",
        "I-PERS",
    ]
    # adjacent spans, the second beginning with بن
    assert linked("حمد بن جاسم", "B-PERS B-PERS I-PERS") == ["B-PERS", "I-PERS", "I-PERS"]


def test_other_person_spans_stay_apart() -> None:
    # و between two people, or two people side by side, or a link word tagged otherwise
    tags = "B-PERS O B-PERS"
    assert linked("سولانا و لاريجاني", tags) == tags.split()
    tags = "B-PERS B-PERS"
    assert linked("سولانا لاريجاني", tags) == tags.split()
    tags = "B-PERS B-LOC B-PERS"
    assert linked("خالد آل سعيد", tags) == tags.split()
    tags = "B-PERS O O B-PERS"
    assert linked("خالد بن بن سعيد", tags) == tags.split()

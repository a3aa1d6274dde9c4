"""tag_text on text it has never seen: spans, clitics, canonical names, robustness."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.corpus.article import Article
from tui.entities import EntityType, entity_key, tag_article, tag_text
from tui.entities.tagger import _letter_offset

PERSON = EntityType.PERSON
LOCATION = EntityType.LOCATION
ORGANIZATION = EntityType.ORGANIZATION


def spans(text: str) -> set[tuple[str, EntityType]]:
    return {(m.text, m.type) for m in tag_text(text)}


def test_proclitic_waw_is_outside_the_span() -> None:
    text = "وقال المتحدث إن واشنطن وموسكو تبادلتا الرسائل."
    found = {m.text: m for m in tag_text(text)}
    assert found["موسكو"].type is LOCATION
    assert text[found["موسكو"].start - 1] == "و"
    assert "واشنطن" in found  # و that belongs to the name stays


def test_lil_article_span_starts_at_second_lam() -> None:
    text = "قدمت الحكومة شكوى للأمم المتحدة أمس."
    mentions = [m for m in tag_text(text) if m.type is ORGANIZATION]
    assert len(mentions) == 1
    un = mentions[0]
    assert un.text == "لأمم المتحدة"
    assert un.start == text.index("للأمم") + 1
    assert un.canonical == "الأمم المتحدة"
    assert un.key == entity_key("الأمم المتحدة")


def test_surname_alone_gets_the_full_name() -> None:
    text = (
        "التقى وزير الخارجية المصري سامح شكري نظيره الأردني في عمان.\n\n"
        "وقال شكري إن المحادثات كانت مثمرة."
    )
    people = [m for m in tag_text(text) if m.type is PERSON]
    assert [m.text for m in people] == ["سامح شكري", "شكري"]
    assert {m.canonical for m in people} == {"سامح شكري"}
    assert len({m.key for m in people}) == 1


def test_titles_and_nationality_adjectives_are_outside_entities() -> None:
    text = "قال الرئيس الفرنسي إيمانويل ماكرون إن باريس تدعم الحل."
    found = spans(text)
    assert ("إيمانويل ماكرون", PERSON) in found
    assert not any("الرئيس" in name or "الفرنسي" in name for name, _ in found)


def test_offsets_are_into_the_given_text() -> None:
    text = "  \n\nوصل  الوفد   إلى بيروت\u200f، ثم غادر إلى دمشق."
    for mention in tag_text(text):
        assert text[mention.start : mention.end] == mention.text


def test_tag_article_uses_the_article_text() -> None:
    article = Article(title="زيارة إلى القاهرة", paragraphs=("وصل الوزير إلى القاهرة أمس.",))
    mentions = tag_article(article)
    assert mentions
    for mention in mentions:
        assert article.text[mention.start : mention.end] == mention.text


def test_results_are_cached_by_text() -> None:
    text = "وصل الوفد إلى بغداد."
    assert tag_text(text) == tag_text(text)
    assert tag_text(text) is not tag_text(text)  # callers get their own list


def test_letter_offset_skips_harakat_of_the_clitic() -> None:
    assert _letter_offset("وَموسكو", 1) == 2
    assert _letter_offset("موسكو", 0) == 0
    assert _letter_offset("ولل", 5) == 3


def test_nothing_to_tag() -> None:
    assert tag_text("") == []
    assert tag_text("   \n\n ") == []
    assert tag_text("... !!! ؟؟؟ «»") == []
    assert tag_text("12345 67 890") == []


def test_latin_text_is_not_tagged() -> None:
    assert tag_text("Lavrov met Kim Jong Un in Pyongyang on Thursday.") == []


def test_a_hundred_kilobytes_of_text() -> None:
    paragraph = "وقال وزير الخارجية الروسي سيرغي لافروف في موسكو إن العلاقات مع بكين قوية. "
    text = paragraph * (100_000 // len(paragraph))
    mentions = tag_text(text)
    assert len(mentions) > 100
    assert all(text[m.start : m.end] == m.text for m in mentions)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_never_raises_and_spans_are_exact(text: str) -> None:
    mentions = tag_text(text)
    for mention in mentions:
        assert 0 <= mention.start < mention.end <= len(text)
        assert text[mention.start : mention.end] == mention.text
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)


ARABIC_WORDS = st.lists(
    st.sampled_from(
        [
            "و",
            "في",
            "من",
            "إلى",
            "موسكو",
            "وموسكو",
            "للأمم",
            "المتحدة",
            "الرئيس",
            "قال",
            "لافروف",
            "بيونغ",
            "يانغ",
            "«",
            "»",
            ".",
            "،",
            "بالولايات",
            "كوريا",
            "الشمالية",
            "ـ",
            "ً",
        ]
    ),
    max_size=60,
)


@settings(max_examples=60, deadline=None)
@given(ARABIC_WORDS)
def test_never_raises_on_arabic_word_salad(words: list[str]) -> None:
    text = " ".join(words)
    for mention in tag_text(text):
        assert text[mention.start : mention.end] == mention.text
        assert mention.text == mention.text.strip()
        assert mention.key == entity_key(mention.canonical)


def test_warm_up_loads_without_error() -> None:
    from tui.entities import warm_up

    warm_up()
    assert tag_text("وصل الوفد إلى بغداد.")[0].text == "بغداد"


def test_clitic_reading_prefers_known_names_then_document_evidence() -> None:
    from tui.entities.tagger import _clitic_reading

    nothing: frozenset[str] = frozenset()
    # ل + بلير when بلير is a known name; a bare ل is kept on a guess (لندن، لافروف…)
    assert _clitic_reading("لبلير", lambda w: w == "بلير", nothing) == (1, False)
    assert _clitic_reading("لبلير", lambda w: False, nothing) == (0, False)
    # the document uses the name without the clitic elsewhere
    assert _clitic_reading("بزاخاروفا", lambda w: False, frozenset({"زاخاروفا"})) == (1, False)
    # و before an unknown name is read as the conjunction
    assert _clitic_reading("وزاخاروفا", lambda w: False, nothing) == (1, False)
    # لل hides the article (ل + الأمم) unless ل + a known ل-name (لبنان)
    assert _clitic_reading("للامم", lambda w: False, nothing) == (1, True)
    assert _clitic_reading("للبنان", lambda w: w == "لبنان", nothing) == (1, False)
    # a known name that begins with a clitic letter keeps it
    assert _clitic_reading("واشنطن", lambda w: w == "واشنطن", nothing) == (0, False)

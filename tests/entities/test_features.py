"""Token features: a model's table produces exactly the known subset of all features."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.entities.features import PLAIN, FeatureTable, document_features, sentence_features

TEXTS = (
    "قال الرئيس اللبناني اميل لحود في بيروت إن الأمم المتحدة .",
    "فاز الوداد البيضاوي على الرجاء في الدار البيضاء ، وسجل اللاعب هدفين .",
    "وأكد محمد بن راشد آل مكتوم أن «الإمارات» ستدعم 2030",
)
SENTENCES = [text.split() for text in TEXTS]
ALL = sorted(
    {f.decode() for sentence in SENTENCES for token in sentence_features(sentence) for f in token}
)


@settings(max_examples=40, deadline=None)
@given(st.sets(st.sampled_from(ALL)))
def test_a_model_table_keeps_exactly_the_known_features(known: set[str]) -> None:
    table = FeatureTable(frozenset(known))
    for sentence in SENTENCES:
        plain = sentence_features(sentence, PLAIN)
        kept = sentence_features(sentence, table)
        assert len(kept) == len(plain) == len(sentence)
        for plain_token, kept_token in zip(plain, kept, strict=True):
            assert sorted(kept_token) == sorted(f for f in plain_token if f.decode() in known)


def test_features_see_neighbours_and_gazetteers() -> None:
    features = [{f.decode() for f in token} for token in sentence_features(SENTENCES[0])]
    # اميل (index 3) after a title and a nationality adjective (words name-folded)
    assert "-1w=اللبناني" in features[3]
    assert "-1g:NATIONALITY" in features[3]
    assert "-2g:TITLE" in features[3]
    assert "+1w=لحود" in features[3]
    assert {"gz=B-ORG", "+1gz=I-ORG"} <= features[8]  # الأمم المتحدة, a listed name
    assert "BOS" in features[0]
    assert "EOS" in features[-1]
    assert "bi-=<s>|جال" in features[0]


def test_sports_stories_mark_their_tokens() -> None:
    sport = document_features([SENTENCES[1]])
    assert all(b"sport" in token for token in sport[0])
    assert not any(b"sport" in token for token in document_features([SENTENCES[0]])[0])


def test_cue_words_are_seen_anywhere_within_three_words() -> None:
    # قال(verb) الرئيس(title) اللبناني(nationality) اميل لحود في بيروت … (اميل is not a
    # listed given name)
    features = [{f.decode() for f in token} for token in sentence_features(SENTENCES[0])]
    # لحود: the verb is four words back, out of the window; the others are in it.
    assert {"lw=TITLE", "lw=NATIONALITY"} <= features[4]
    assert "lw=VERB" not in features[4]
    # قال sees the title and nationality ahead of it, nothing behind.
    assert {"rw=TITLE", "rw=NATIONALITY"} <= features[0]
    assert not any(f.startswith("lw=") for f in features[0])
    # في: three words back reach the nationality adjective but not the title.
    assert "lw=NATIONALITY" in features[5] and "lw=TITLE" not in features[5]
    # وأكد محمد بن: بن sees a given name and a reporting verb (read under its clitic).
    features = [{f.decode() for f in token} for token in sentence_features(SENTENCES[2])]
    assert {"lw=FIRST", "lw=VERB"} <= features[2]

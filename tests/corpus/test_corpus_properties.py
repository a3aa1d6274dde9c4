"""Untrusted bytes: decoding and parsing never raise (but for `UnreadableArticle`) and no
C0/C1 control character or other terminal-unsafe character ever reaches an Article."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.corpus.article import Article
from tui.corpus.decode import decode_bytes
from tui.corpus.formats import Source, UnreadableArticle
from tui.corpus.formats.txt import parse
from tui.corpus.loader import load_article, load_corpus
from tui.text.sanitize import is_safe

C0_C1 = re.compile("[\x00-\x1f\x7f-\x9f]")

PIECES = st.sampled_from(
    [
        "لافروف يلتقي زعيم كوريا الشمالية",
        "وقال الوزير إن المحادثات ستتواصل في موسكو.",
        "مقالات ذات صلة",
        "اقرأ أيضاً:",
        "TT",
        "«الشرق الأوسط» (موسكو)",
        "تاريخ النشر: 19th, October 2023 GMT",
        "— NEXTA (@nexta_tv) October 18, 2023",
        "\x1b]0;title\x07",
        "\x1b[2J",
        "\x9b31m",
        "\r\n",
        "\n",
        "\u2028",
        "\ud800",
        "\ufeff",
    ]
)
#: Text made of article-like pieces and control sequences, in the encodings akhbar reads.
DOCUMENTS = st.builds(
    lambda parts, codec: "".join(parts).encode(codec, errors="replace"),
    st.lists(PIECES | st.text(max_size=20), max_size=30),
    st.sampled_from(["utf-8", "utf-16", "utf-8-sig", "cp1256", "iso8859-6"]),
)


def _assert_safe(article: Article) -> None:
    for text in (article.title, *article.paragraphs, article.date or "", article.source or ""):
        assert C0_C1.search(text) is None
        assert is_safe(text)
    assert article.title
    assert all(paragraph for paragraph in article.paragraphs)


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=2000) | DOCUMENTS)
def test_decode_and_parse_never_raise_and_never_leak_controls(data: bytes) -> None:
    try:
        text, encoding = decode_bytes(data)
        articles = parse(Source("page.txt", data, text, encoding))
    except UnreadableArticle as error:
        assert str(error) and is_safe(str(error))
        return
    assert len(articles) == 1
    _assert_safe(articles[0])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.binary(max_size=600) | DOCUMENTS, min_size=1, max_size=6))
def test_loading_a_folder_of_anything(files: list[bytes]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for number, data in enumerate(files):
            (folder / f"{number}.txt").write_bytes(data)
        corpus = load_corpus([folder], use_cache=False)
        assert len(corpus.headers) + len(corpus.problems) <= len(files)
        for problem in corpus.problems:
            assert is_safe(problem.message)
        for header in corpus.headers:
            _assert_safe(load_article(header))

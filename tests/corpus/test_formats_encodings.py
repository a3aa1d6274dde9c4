"""Every format in every encoding akhbar must read, from bytes on disk through decode_bytes."""

from __future__ import annotations

import codecs
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tui.corpus.article import Article
from tui.corpus.decode import decode_bytes
from tui.corpus.formats import Source, reader_for

# Only characters ISO-8859-6 can encode: Arabic letters, ، and ؟, ASCII.
TITLE = "عاجل: محادثات في موسكو بين روسيا وكوريا الشمالية"
PARAGRAPHS = (
    "بدأت محادثات في موسكو اليوم الجمعة بين وزير الخارجية الروسي سيرغي لافروف ونظيرته"
    " الكورية الشمالية، في ظل المخاوف من استخدام جنود بيونغ يانغ في النزاع الأوكراني.",
    "وقالت المتحدثة باسم الخارجية الروسية إن المحادثات ستتواصل في مقر الخارجية، فهل تتغير المواقف؟",
)
SOURCE = "وكالة الأنباء"


def _markdown(_: str) -> str:
    return f"# {TITLE}\n\n" + "\n\n".join(PARAGRAPHS) + "\n"


def _html(declared: str) -> str:
    meta = f'<meta charset="{declared}">' if declared else ""
    body = "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS)
    return (
        f"<html><head>{meta}<title>{TITLE}</title>"
        f'<meta property="og:site_name" content="{SOURCE}"></head>'
        f"<body><article><h1>{TITLE}</h1>{body}</article></body></html>"
    )


def _json(_: str) -> str:
    value = {"title": TITLE, "source": SOURCE, "body": list(PARAGRAPHS)}
    return json.dumps(value, ensure_ascii=False, indent=1)


def _jsonl(_: str) -> str:
    return json.dumps(
        {"title": TITLE, "source": SOURCE, "body": list(PARAGRAPHS)}, ensure_ascii=False
    )


def _declaration(declared: str) -> str:
    return f'<?xml version="1.0" encoding="{declared}"?>' if declared else ""


def _rss(declared: str) -> str:
    body = "".join(f"&lt;p&gt;{paragraph}&lt;/p&gt;" for paragraph in PARAGRAPHS)
    return (
        f'{_declaration(declared)}<rss version="2.0"><channel><title>{SOURCE}</title>'
        f"<item><title>{TITLE}</title><description>{body}</description></item>"
        "</channel></rss>"
    )


def _atom(declared: str) -> str:
    body = "".join(f"&lt;p&gt;{paragraph}&lt;/p&gt;" for paragraph in PARAGRAPHS)
    return (
        f'{_declaration(declared)}<feed xmlns="http://www.w3.org/2005/Atom"><title>{SOURCE}</title>'
        f'<entry><title>{TITLE}</title><content type="html">{body}</content></entry></feed>'
    )


FORMATS: dict[str, tuple[str, Callable[[str], str], bool]] = {
    # name: (extension, document builder, does the format declare its encoding in-band?)
    "markdown": (".md", _markdown, False),
    "html": (".html", _html, True),
    "json": (".json", _json, False),
    "jsonl": (".jsonl", _jsonl, False),
    "rss": (".rss", _rss, True),
    "atom": (".atom", _atom, True),
}
#: name: (Python codec, BOM to prepend, label a document declares, accepted reported names)
ENCODINGS: dict[str, tuple[str, bytes, str, frozenset[str]]] = {
    "utf-8": ("utf-8", b"", "utf-8", frozenset({"utf-8"})),
    "utf-8-bom": ("utf-8", codecs.BOM_UTF8, "utf-8", frozenset({"utf-8", "utf-8-sig"})),
    "utf-16-le-bom": (
        "utf-16-le",
        codecs.BOM_UTF16_LE,
        "utf-16",
        frozenset({"utf-16", "utf-16-le"}),
    ),
    "utf-16-be-bom": (
        "utf-16-be",
        codecs.BOM_UTF16_BE,
        "utf-16",
        frozenset({"utf-16", "utf-16-be"}),
    ),
    "windows-1256": ("cp1256", b"", "windows-1256", frozenset({"cp1256"})),
    "iso-8859-6": ("iso8859-6", b"", "iso-8859-6", frozenset({"iso8859-6"})),
}


def _read(path: Path) -> list[Article]:
    data = path.read_bytes()
    text, encoding = decode_bytes(data)
    parse = reader_for(path.suffix)
    assert parse is not None
    return parse(Source(str(path), data, text, encoding))


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("kind", FORMATS)
def test_format_in_encoding(kind: str, encoding: str, tmp_path: Path) -> None:
    extension, build, declares = FORMATS[kind]
    codec, bom, label, accepted = ENCODINGS[encoding]
    document = build(label if declares else "")
    path = tmp_path / f"article{extension}"
    path.write_bytes(bom + document.encode(codec))
    (article,) = _read(path)
    assert article.title == TITLE
    assert article.paragraphs == PARAGRAPHS
    if kind != "markdown":
        assert article.source == SOURCE
    assert article.encoding is not None
    assert codecs.lookup(article.encoding).name in accepted


@pytest.mark.parametrize("encoding", ["windows-1256", "iso-8859-6"])
def test_undeclared_legacy_html_is_detected(encoding: str, tmp_path: Path) -> None:
    codec, _, _, accepted = ENCODINGS[encoding]
    path = tmp_path / "page.html"
    path.write_bytes(_html("").encode(codec))
    (article,) = _read(path)
    assert (article.title, article.paragraphs) == (TITLE, PARAGRAPHS)
    assert article.encoding is not None and codecs.lookup(article.encoding).name in accepted

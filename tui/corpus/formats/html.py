"""Reader for saved news pages (``.html``/``.htm``): the headline, the metadata, the body.

Why selectolax and not trafilatura: selectolax (Lexbor, a C HTML5 parser) is already a
dependency, parses a page in milliseconds and adds nothing to install; trafilatura would bring
lxml, justext, courlan, htmldate and more for an extraction we can state in a page of code:
pick the article container (``itemprop=articleBody``, ``<article>``, ``<main>``, else the
element holding most paragraph text), then walk it block by block leaving out navigation,
ads, scripts, styles, comments, figures and related-stories lists (`tui.corpus.html_text`).
Metadata comes from what publishers put there for machines: JSON-LD ``NewsArticle``, Open
Graph and ``<time datetime>``.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from tui.corpus.article import Article, DroppedLine
from tui.corpus.formats import Source, UnreadableArticle
from tui.corpus.html_text import (
    HtmlTooComplex,
    drop_furniture_lines,
    iso_day,
    node_paragraphs,
    parse_html,
    tidy_line,
)

#: Largest page we parse; saved news pages are well under this even with inline scripts.
MAX_PAGE_CHARS = 16 * 1024 * 1024
#: A container must hold this much paragraph text to be trusted over the whole body.
MIN_CONTAINER_CHARS = 200
#: A first paragraph longer than this is not promoted to a title when the page has none.
TITLE_MAX_CHARS = 200
#: The headline is dropped from the body when it repeats among the first paragraphs.
TITLE_SEARCH_PARAGRAPHS = 3
#: How far into the document an in-document charset declaration may appear (HTML Standard).
CHARSET_PRESCAN_CHARS = 1024
#: schema.org types whose JSON-LD describes the article itself.
ARTICLE_TYPES = frozenset(
    {"Article", "NewsArticle", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting"}
)
#: JSON-LD nodes we look at before giving up (a page may embed a whole site graph).
MAX_JSONLD_NODES = 2000
_CONTAINER_SELECTORS = ('[itemprop="articleBody"]', "article", '[role="main"]', "main")
#: Attributes that name a ``<meta>`` element, in the order they are consulted.
_META_ATTRIBUTES = ("property", "name", "itemprop")
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ")
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


@dataclass(frozen=True, slots=True)
class Page:
    """What a news page says about its article; strings are already terminal-safe."""

    title: str
    paragraphs: tuple[str, ...]
    date: str | None = None
    published: str | None = None
    source: str | None = None
    url: str | None = None
    dropped: tuple[DroppedLine, ...] = ()


def parse(source: Source) -> list[Article]:
    """Read one saved news page as one article.

    Raises:
        UnreadableArticle: the page is too large, too deeply nested, or holds no text.
    """
    text, encoding = declared_text(source)
    page = extract_page(text, fallback_title=Path(source.path).stem)
    return [
        Article(
            title=page.title,
            paragraphs=page.paragraphs,
            date=page.date,
            published=page.published,
            source=page.source,
            url=page.url,
            path=source.path,
            format="html",
            encoding=encoding,
            dropped=page.dropped,
        )
    ]


def declared_text(source: Source) -> tuple[str, str]:
    """The page text, honouring a ``<meta charset>`` over the detected encoding.

    A byte-order mark wins over everything (as in browsers), then valid UTF-8 (a page
    re-saved by an editor often keeps a stale declaration, and Arabic in a legacy code page
    is practically never valid UTF-8); then a declared charset that decodes the bytes wins
    over statistical detection, which cannot always tell Windows-1256 from ISO-8859-6.
    """
    if source.data.startswith(_BOMS) or _is_utf8(source.data):
        return source.text, source.encoding
    declared = _declared_charset(source.text[:CHARSET_PRESCAN_CHARS])
    if declared is None or declared == _codec_name(source.encoding):
        return source.text, source.encoding
    try:
        return source.data.decode(declared), declared
    except (UnicodeDecodeError, LookupError):
        return source.text, source.encoding


def extract_page(html: str, *, fallback_title: str = "") -> Page:
    """Find the headline, metadata and body paragraphs of a news page.

    Args:
        html: the decoded page.
        fallback_title: used when the page names no headline and has no short first line.

    Raises:
        UnreadableArticle: the page is too large, too deeply nested, or holds no text.
    """
    if len(html) > MAX_PAGE_CHARS:
        raise UnreadableArticle(f"the page is larger than {MAX_PAGE_CHARS // 2**20} MB")
    try:
        tree = parse_html(html)
    except HtmlTooComplex as error:
        raise UnreadableArticle(str(error)) from error
    linked = _json_ld_article(tree)
    metas = _meta_index(tree)
    container = _container(tree)
    heading = container.css_first("h1") if container is not None else None
    source = _first_text(
        _meta(metas, "og:site_name"),
        _publisher(linked),
        _meta(metas, "application-name"),
    )
    title = _first_text(
        heading.text() if heading is not None else None,
        _json_str(linked.get("headline")),
        _meta(metas, "og:title"),
        _meta(metas, "twitter:title"),
        _strip_site(tidy_line(_node_text(tree.css_first("title"))), source),
        _node_text(tree.css_first("h1")),
    )
    paragraphs = _body(container, tree) if container is not None else []
    if not paragraphs:
        raise UnreadableArticle("the page holds no article text")
    if title in paragraphs[:TITLE_SEARCH_PARAGRAPHS]:
        paragraphs.remove(title)  # the headline as the body's <h1>, or repeated above it
    paragraphs, dropped = drop_furniture_lines(paragraphs)
    if not title and paragraphs and len(paragraphs[0]) <= TITLE_MAX_CHARS:
        title = paragraphs.pop(0)
    stated, published = _date(tree, metas, container, linked)
    time_element = container.css_first("time") if container is not None else None
    for dateline in (stated, _node_text(time_element)):
        if dateline and (line := tidy_line(dateline)) in paragraphs[:TITLE_SEARCH_PARAGRAPHS]:
            paragraphs.remove(line)  # a dateline on its own is metadata, not body
    return Page(
        title=title or tidy_line(fallback_title),
        paragraphs=tuple(paragraphs),
        date=stated,
        published=published,
        source=source or None,
        dropped=dropped,
        url=_first_url(
            _link_href(tree),
            _meta(metas, "og:url"),
            _json_str(linked.get("url")),
            _json_str(linked.get("mainEntityOfPage")),
        ),
    )


def _body(container: LexborNode, tree: LexborHTMLParser) -> list[str]:
    is_body = tree.body is not None and container.mem_id == tree.body.mem_id
    return node_paragraphs(container, skip_page_chrome=is_body)


def _container(tree: LexborHTMLParser) -> LexborNode | None:
    """The element holding the article: a semantic container, else the densest parent."""
    for selector in _CONTAINER_SELECTORS:
        candidates = tree.css(selector)
        if candidates:
            best = max(candidates, key=lambda node: len(node.text(strip=True)))
            if len(best.text(strip=True)) >= MIN_CONTAINER_CHARS:
                return best
    scores: dict[int, int] = {}
    parents: dict[int, LexborNode] = {}
    for paragraph in tree.css("p"):
        parent = paragraph.parent
        if parent is None:
            continue
        parents[parent.mem_id] = parent
        scores[parent.mem_id] = scores.get(parent.mem_id, 0) + len(paragraph.text(strip=True))
    total = sum(scores.values())
    if scores:
        best_id = max(scores, key=scores.__getitem__)
        if scores[best_id] >= MIN_CONTAINER_CHARS and 2 * scores[best_id] >= total:
            return parents[best_id]
    return tree.body


def _date(
    tree: LexborHTMLParser,
    metas: dict[tuple[str, str], str],
    container: LexborNode | None,
    linked: dict[str, Any],
) -> tuple[str | None, str | None]:
    """The date as the page states it, and as an ISO day when it can be read."""
    for value in (
        _json_str(linked.get("datePublished")),
        _meta(metas, "article:published_time"),
        _meta(metas, "datePublished"),
        _meta(metas, "pubdate"),
        _meta(metas, "date"),
        _meta(metas, "dc.date"),
    ):
        if value:
            return value, iso_day(value)
    for scope in (container, tree.root):
        element = scope.css_first("time") if scope is not None else None
        if element is not None:
            machine = element.attributes.get("datetime")
            shown = tidy_line(element.text()) or tidy_line(machine or "")
            if shown:
                return shown, iso_day(machine) or iso_day(shown)
    return None, None


def _meta_index(tree: LexborHTMLParser) -> dict[tuple[str, str], str]:
    """The page's ``<meta>`` contents by (attribute, lower-cased value), the first of each
    (one pass over the page's meta elements instead of three selector queries per name)."""
    index: dict[tuple[str, str], str] = {}
    for element in tree.css("meta"):
        attributes = element.attributes
        for attribute in _META_ATTRIBUTES:
            if attribute in attributes:
                value = (attributes.get(attribute) or "").lower()
                index.setdefault((attribute, value), attributes.get("content") or "")
    return index


def _meta(metas: dict[tuple[str, str], str], name: str) -> str:
    """Content of ``<meta property|name|itemprop=name>`` (in that order of attributes),
    tidied; '' if absent."""
    lowered = name.lower()
    for attribute in _META_ATTRIBUTES:
        content = metas.get((attribute, lowered))
        if content is not None:
            return tidy_line(content)
    return ""


def _link_href(tree: LexborHTMLParser) -> str:
    for element in tree.css("link[rel][href]"):
        if "canonical" in (element.attributes.get("rel") or "").lower().split():
            return element.attributes.get("href") or ""
    return ""


def _declared_charset(head: str) -> str | None:
    """The codec named by ``<meta charset>`` or ``http-equiv`` in *head*, if Python has it."""
    tree = LexborHTMLParser(head)
    label = None
    element = tree.css_first("meta[charset]")
    if element is not None:
        label = element.attributes.get("charset")
    else:
        for meta in tree.css("meta[http-equiv][content]"):
            content = (meta.attributes.get("content") or "").lower()
            if "charset=" in content:
                label = content.split("charset=", 1)[1].split(";")[0]
    return _codec_name(label) if label else None


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _codec_name(label: str | None) -> str | None:
    try:
        return codecs.lookup((label or "").strip().strip("\"'")).name
    except LookupError:
        return None


def _json_ld_article(tree: LexborHTMLParser) -> dict[str, Any]:
    """The first schema.org Article object in the page's JSON-LD blocks, or {}."""
    for script in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(_node_text(script))
        except (ValueError, RecursionError):
            continue
        for node in _json_nodes(data):
            kinds = node.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if any(kind in ARTICLE_TYPES for kind in kinds if isinstance(kind, str)):
                return node
    return {}


def _json_nodes(data: object) -> Iterator[dict[str, Any]]:
    """Objects in a JSON-LD document, breadth first, bounded by `MAX_JSONLD_NODES`."""
    queue: list[object] = [data]
    for _ in range(MAX_JSONLD_NODES):
        if not queue:
            return
        item = queue.pop(0)
        if isinstance(item, list):
            queue.extend(item)
        elif isinstance(item, dict):
            yield item
            queue.extend(value for value in item.values() if isinstance(value, list | dict))


def _publisher(linked: dict[str, Any]) -> str:
    publisher = linked.get("publisher")
    if isinstance(publisher, list) and publisher:
        publisher = publisher[0]
    if isinstance(publisher, dict):
        return _json_str(publisher.get("name"))
    return _json_str(publisher)


def _json_str(value: object) -> str:
    """A JSON-LD value as tidy text: strings as is, ``{"@id": …}`` references by id."""
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url")
    return tidy_line(value) if isinstance(value, str) else ""


def _node_text(node: LexborNode | None) -> str:
    return "" if node is None else node.text()


def _first_text(*candidates: str | None) -> str:
    for candidate in candidates:
        if candidate and (text := tidy_line(candidate)):
            return text
    return ""


def _first_url(*candidates: str) -> str | None:
    for candidate in candidates:
        url = tidy_line(candidate)
        if url.startswith(("http://", "https://")) and " " not in url:
            return url
    return None


def _strip_site(title: str, site: str) -> str:
    """``Headline | Site`` → ``Headline`` when *site* is the page's own outlet name."""
    if site:
        for separator in _TITLE_SEPARATORS:
            suffix = separator + site
            if title.endswith(suffix) and len(title) > len(suffix):
                return title[: -len(suffix)].strip()
    return title

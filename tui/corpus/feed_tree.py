"""A fast reader for plain, well-formed RSS 2.0 and Atom 1.0 feeds, giving feedparser's entries.

feedparser is thorough and slow (about 3 ms for a three-entry feed, most of it in its SAX
handlers and HTML sanitiser), which made feeds the slowest format of a cold corpus load.
Most feeds are simple: a channel of items with a title, a link, a date and an HTML body.
`read_tree` reads such a feed with ElementTree and returns, for each entry, the values
feedparser would have given (a dict with the keys `tui.corpus.formats.feed` reads:
``title``, ``title_detail``, ``link``, ``published``, ``updated``, ``summary_detail``,
``content``). Anything outside the shapes whose feedparser result is known exactly — a
DOCTYPE, an unknown element, an attribute that changes meaning (``type``, ``xml:base``),
markup the sanitiser would rewrite, a date only feedparser can read, text its encoding
repairs would change — makes it return None, and the caller uses feedparser. A test
compares the two on generated feeds.

HTML in an entry is returned as written, not sanitised: it is accepted only when every tag
is one feedparser's sanitiser keeps and every ``&`` a reference it keeps, so the paragraphs
`tui.corpus.html_text` extracts from it are those it would extract from the sanitised copy.
"""

from __future__ import annotations

import html.entities
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any

from tui.corpus.html_text import iso_day, tidy_line

ATOM = "{http://www.w3.org/2005/Atom}"
_CONTENT = "{http://purl.org/rss/1.0/modules/content/}"
_DC = "{http://purl.org/dc/elements/1.1/}"
_MEDIA = "{http://search.yahoo.com/mrss/}"
_SY = "{http://purl.org/rss/1.0/modules/syndication/}"
_WFW = "{http://wellformedweb.org/CommentAPI/}"
_SLASH = "{http://purl.org/rss/1.0/modules/slash/}"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

#: RSS ``<channel>`` children read or safely ignored; any other element means feedparser.
RSS_CHANNEL_TAGS = frozenset(
    {
        "title", "link", "description", "language", "copyright", "managingEditor", "webMaster",
        "pubDate", "lastBuildDate", "category", "generator", "docs", "cloud", "ttl", "image",
        "rating", "textInput", "skipHours", "skipDays", "item", f"{ATOM}link",
        f"{_SY}updatePeriod", f"{_SY}updateFrequency", f"{_SY}updateBase",
    }
)  # fmt: skip
#: RSS ``<item>`` children read or safely ignored.
RSS_ITEM_TAGS = frozenset(
    {
        "title", "link", "description", "pubDate", "guid", "category", "author", "comments",
        "enclosure", f"{_CONTENT}encoded", f"{_DC}creator", f"{_DC}date", f"{_MEDIA}thumbnail",
        f"{_MEDIA}content", f"{_WFW}commentRss", f"{_SLASH}comments",
    }
)  # fmt: skip
#: Atom ``<feed>`` children read or safely ignored.
ATOM_FEED_TAGS = frozenset(
    f"{ATOM}{name}"
    for name in (
        "title", "subtitle", "id", "updated", "link", "author", "contributor", "generator",
        "icon", "logo", "rights", "category", "entry",
    )
)  # fmt: skip
#: Atom ``<entry>`` children read or safely ignored.
ATOM_ENTRY_TAGS = frozenset(
    f"{ATOM}{name}"
    for name in (
        "id", "title", "link", "published", "updated", "summary", "content", "author",
        "contributor", "category", "rights",
    )
)  # fmt: skip
#: Elements with children, and the children each may have (every other element is a leaf).
_CONTAINERS: dict[str, frozenset[str]] = {
    "channel": RSS_CHANNEL_TAGS,
    "item": RSS_ITEM_TAGS,
    "image": frozenset({"url", "title", "link", "width", "height", "description"}),
    "textInput": frozenset({"title", "description", "name", "link"}),
    "skipHours": frozenset({"hour"}),
    "skipDays": frozenset({"day"}),
    f"{ATOM}feed": ATOM_FEED_TAGS,
    f"{ATOM}entry": ATOM_ENTRY_TAGS,
    f"{ATOM}author": frozenset({f"{ATOM}name", f"{ATOM}email", f"{ATOM}uri"}),
    f"{ATOM}contributor": frozenset({f"{ATOM}name", f"{ATOM}email", f"{ATOM}uri"}),
}
#: Elements whose text is read and must carry no attribute (``type`` or ``mode`` would
#: change how feedparser reads them).
_BARE = frozenset(
    {
        "title", "link", "description", "pubDate", f"{_CONTENT}encoded", f"{_DC}date",
        f"{ATOM}id", f"{ATOM}published", f"{ATOM}updated",
    }
)  # fmt: skip
#: Attributes an Atom text construct may have, and a ``<link>``.
_ATOM_TEXT_ATTRIBUTES = frozenset({"type", _XML_LANG})
_ATOM_LINK_ATTRIBUTES = frozenset({"rel", "type", "href", "hreflang", "title", "length"})
#: Atom ``type`` values read here, as feedparser names them.
_ATOM_TYPES = {None: "text/plain", "text": "text/plain", "html": "text/html"}
#: Link types feedparser takes as the entry's web page.
#: Content and link types that hold HTML (the feedparser path uses the same list).
HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")
#: Elements entry HTML may use here: ones feedparser's sanitiser keeps, and not raw-text
#: elements (script, style) whose content its tokenizer and an HTML5 parser read apart.
SIMPLE_HTML_TAGS = frozenset(
    {
        "p", "br", "b", "strong", "i", "em", "u", "s", "strike", "a", "span", "div", "h1",
        "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "img", "small", "sub",
        "sup", "q", "cite", "abbr", "code", "pre", "hr", "figure", "figcaption", "table",
        "thead", "tbody", "tr", "td", "th", "dl", "dt", "dd", "time", "del", "ins", "big",
        "font", "center",
    }
)  # fmt: skip
#: Of those, the ones written without an end tag (feedparser drops ``</br>``; HTML5 reads
#: it as ``<br>``).
VOID_HTML_TAGS = frozenset({"br", "img", "hr"})
#: Attributes kept by the sanitiser that do not decide what text is extracted, plus class and
#: id, which it keeps as written. (``role`` and ``aria-hidden`` it drops, so they are not here.)
SIMPLE_HTML_ATTRIBUTES = frozenset(
    {
        "href", "src", "alt", "title", "class", "id", "dir", "lang", "width", "height",
        "target", "rel", "style", "datetime", "cite", "name",
    }
)  # fmt: skip
#: Numeric references feedparser maps through Windows-1252 (``&#150;`` becomes an en dash).
_CP1252_REFERENCES = range(128, 160)
_ENTITY_NAMES = frozenset(html.entities.name2codepoint) | {"apos"}
_TAG = re.compile(
    r"<(/?)([A-Za-z][A-Za-z0-9]*)((?:\s+[A-Za-z][A-Za-z-]*\s*=\s*"
    r"(?:\"[^\"<>&]*\"|'[^'<>&]*'))*)\s*(/?)>"
)
_ATTRIBUTE_NAME = re.compile(r"([A-Za-z][A-Za-z-]*)\s*=")
_REFERENCE = re.compile(r"&(?:#([0-9]+)|#[xX]([0-9a-fA-F]+)|([A-Za-z][A-Za-z0-9]*));")
_ANY_TAG = re.compile(r"<[^>]*>")
#: C1 controls: feedparser maps them through Windows-1252.
_C1 = re.compile("[\x80-\x9f]")
#: A declaration (DOCTYPE, ENTITY) anywhere: entity handling is feedparser's business.
_DECLARATION = re.compile(r"<!(?!--|\[CDATA\[)")
#: feedparser's URI clean-up (``http:///x`` → ``http://x``).
_URI_FIXER = re.compile(r"^([A-Za-z][A-Za-z0-9+-.]*://)(/*)(.*?)")
_LINK_REFERENCE = re.compile(r"&([A-Za-z0-9_]+);")


class _Declined(Exception):
    """The feed has a shape only feedparser reads exactly."""


@dataclass(frozen=True, slots=True)
class TreeFeed:
    """A feed read here: its title (as feedparser gives it) and its entries."""

    title: str
    entries: list[dict[str, Any]]


def read_tree(text: str) -> TreeFeed | None:
    """The feed in *text* with feedparser's values, or None when feedparser must read it.

    None for anything but a well-formed RSS 2.0 (``<rss><channel>``) or Atom 1.0 feed of at
    least one entry in the shapes described in the module docstring.
    """
    if _DECLARATION.search(text) or ("base" in text and _has_base(text)):
        return None
    try:
        root = ET.fromstring(text)
    except (ET.ParseError, ValueError):
        return None
    try:
        if root.tag == "rss":
            return _rss(root)
        if root.tag == f"{ATOM}feed":
            return _atom(root)
    except _Declined:
        return None
    return None


def _has_base(text: str) -> bool:
    """Whether some element may carry ``xml:base`` or ``base`` (feedparser resolves links
    against it); a cheap over-estimate."""
    return re.search(r"\sbase\s*=|xml:base", text) is not None


def _rss(root: ET.Element) -> TreeFeed:
    if len(root) != 1 or root[0].tag != "channel" or root[0].attrib:
        raise _Declined
    channel = root[0]
    _check_tree(channel)
    items = [child for child in channel if child.tag == "item"]
    if not items or any(item.attrib for item in items):
        raise _Declined
    title = _plain(_only(channel, "title"), guessed=True)
    return TreeFeed(title, [_rss_item(item) for item in items])


def _rss_item(item: ET.Element) -> dict[str, Any]:
    """One ``<item>`` as feedparser's entry (the keys the feed reader reads)."""
    entry: dict[str, Any] = {}
    title = _only(item, "title")
    if title is not None:
        entry["title"] = _plain(title, guessed=True)
        entry["title_detail"] = {"type": "text/plain"}
    link = _only(item, "link")
    guid = _only(item, "guid")
    if link is not None:
        entry["link"] = _rss_link(_resolve(_plain(link)))
    elif guid is not None:
        if set(guid.attrib) - {"isPermaLink"}:
            raise _Declined
        if guid.attrib.get("isPermaLink", "true") == "true":
            entry["link"] = _resolve(_plain(guid))
    _dates(entry, _only(item, "pubDate"), _only(item, f"{_DC}date"))
    encoded = _only(item, f"{_CONTENT}encoded")
    if encoded is not None:
        entry["content"] = [{"type": "text/html", "value": _html(encoded)}]
    description = _only(item, "description")
    if description is not None:
        entry["summary_detail"] = {"type": "text/html", "value": _html(description)}
    return entry


def _atom(root: ET.Element) -> TreeFeed:
    if set(root.attrib) - {"version", _XML_LANG}:
        raise _Declined
    _check_tree(root)
    entries = [child for child in root if child.tag == f"{ATOM}entry"]
    if not entries or any(entry.attrib for entry in entries):
        raise _Declined
    title_element = _only(root, f"{ATOM}title")
    title = ""
    if title_element is not None:
        kind = _atom_type(title_element, _ATOM_TEXT_ATTRIBUTES)
        title = _plain(title_element, guessed=kind != "text/plain")
    return TreeFeed(title, [_atom_entry(entry) for entry in entries])


def _atom_entry(element: ET.Element) -> dict[str, Any]:
    """One ``<entry>`` as feedparser's entry."""
    entry: dict[str, Any] = {}
    title = _only(element, f"{ATOM}title")
    if title is not None:
        kind = _atom_type(title, _ATOM_TEXT_ATTRIBUTES)
        value = _plain(title) if kind == "text/plain" else _html(title)
        entry["title"] = value
        entry["title_detail"] = {"type": kind}
    link = _atom_link(element)
    identifier = _only(element, f"{ATOM}id")
    if link is not None:
        entry["link"] = link
    elif identifier is not None:
        entry["link"] = _resolve(_plain(identifier))
    _dates(entry, _only(element, f"{ATOM}published"), _only(element, f"{ATOM}updated"))
    content = _only(element, f"{ATOM}content")
    if content is not None:
        kind = _atom_type(content, _ATOM_TEXT_ATTRIBUTES)
        value = _plain(content) if kind == "text/plain" else _html(content)
        entry["content"] = [{"type": kind, "value": value}]
    summary = _only(element, f"{ATOM}summary")
    if summary is not None:
        kind = _atom_type(summary, _ATOM_TEXT_ATTRIBUTES)
        value = _plain(summary) if kind == "text/plain" else _html(summary)
        entry["summary_detail"] = {"type": kind, "value": value}
    return entry


def _atom_link(entry: ET.Element) -> str | None:
    """The last ``rel="alternate"`` link to a web page, as feedparser picks it."""
    found = None
    for link in entry.iterfind(f"{ATOM}link"):
        if set(link.attrib) - _ATOM_LINK_ATTRIBUTES or "href" not in link.attrib:
            raise _Declined
        rel = link.attrib.get("rel", "alternate").lower()
        kind = link.attrib.get("type", "text/html").lower()
        if rel == "alternate" and kind in HTML_TYPES:
            found = _resolve(_checked(link.attrib["href"]))
    return found


def _atom_type(element: ET.Element, allowed: frozenset[str]) -> str:
    if set(element.attrib) - allowed:
        raise _Declined
    kind = _ATOM_TYPES.get(element.attrib.get("type"))
    if kind is None:
        raise _Declined  # xhtml, or a media type
    return kind


def _dates(entry: dict[str, Any], published: ET.Element | None, updated: ET.Element | None) -> None:
    """Fill ``published``/``updated``; decline a date only feedparser's parser reads (the
    reader falls back on feedparser's parsed date when `iso_day` cannot read it)."""
    for key, element in (("published", published), ("updated", updated)):
        if element is not None:
            entry[key] = _plain(element)
    stated = tidy_line(entry.get("published") or entry.get("updated") or "")
    if stated and iso_day(stated) is None:
        raise _Declined


def _check_tree(top: ET.Element) -> None:
    """Decline any element outside the known shapes, and attributes that change meaning."""
    stack = [top]
    while stack:
        element = stack.pop()
        allowed = _CONTAINERS.get(element.tag)
        for child in element:
            tag = child.tag
            if allowed is None or tag not in allowed:
                raise _Declined
            attributes = child.attrib
            if attributes and tag in _BARE:  # xml:base was declined by read_tree already
                raise _Declined
            if len(child):
                stack.append(child)


def _only(parent: ET.Element, tag: str) -> ET.Element | None:
    """The one child *tag* (None if absent); two of them decline (feedparser's choice
    between repeated elements depends on its parse state)."""
    found = parent.findall(tag)
    if len(found) > 1:
        raise _Declined
    return found[0] if found else None


def _plain(element: ET.Element | None, *, guessed: bool = False) -> str:
    """An element's text as feedparser gives plain text.

    Args:
        guessed: feedparser guesses whether this text is HTML (RSS titles; an Atom title
            typed ``html``): decline text with ``<`` or ``&``, which its guess may change.
    """
    if element is None:
        return ""
    value = _checked(element.text or "").strip()
    if guessed and ("<" in value or "&" in value):
        raise _Declined
    return value


def _checked(value: str) -> str:
    """*value*, declined if feedparser would change it (C1 controls through Windows-1252,
    or a Latin-1 reading of UTF-8 bytes that it repairs)."""
    if _C1.search(value) or (not value.isascii() and _repaired(value) != value):
        raise _Declined
    return value


def _repaired(value: str) -> str:
    """feedparser's repair of UTF-8 misread as Latin-1."""
    try:
        return value.encode("iso-8859-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return value


def _html(element: ET.Element) -> str:
    """Entry HTML as written, declined unless it is simple (see `SIMPLE_HTML_TAGS`)."""
    value = (element.text or "").strip()
    if _C1.search(value):
        raise _Declined
    if not value.isascii():
        # feedparser repairs the sanitised HTML when it is all Latin-1; a character beyond
        # Latin-1 in the text (which the sanitiser keeps) rules that out.
        try:
            _ANY_TAG.sub("", value).encode("iso-8859-1")
        except UnicodeEncodeError:
            pass
        else:
            raise _Declined
    if "<" in value:
        _check_tags(value)
    if "&" in value:
        _check_references(value)
    return value


def _check_tags(value: str) -> None:
    start = value.find("<")
    while start != -1:
        match = _TAG.match(value, start)
        if match is None:
            raise _Declined
        closing, name, attributes, self_closing = match.groups()
        name = name.lower()
        if name not in SIMPLE_HTML_TAGS:
            raise _Declined
        if name in VOID_HTML_TAGS:
            if closing:
                raise _Declined
        elif self_closing:
            raise _Declined
        if attributes:
            names = [found.lower() for found in _ATTRIBUTE_NAME.findall(attributes)]
            if len(set(names)) != len(names) or not SIMPLE_HTML_ATTRIBUTES.issuperset(names):
                raise _Declined
        start = value.find("<", match.end())


def _check_references(value: str) -> None:
    """Every ``&`` starts a complete reference the sanitiser writes back unchanged."""
    found = 0
    for match in _REFERENCE.finditer(value):
        found += 1
        decimal, hexadecimal, name = match.groups()
        if name is not None:
            if name not in _ENTITY_NAMES:
                raise _Declined
        elif int(decimal or hexadecimal, 10 if decimal else 16) in _CP1252_REFERENCES:
            raise _Declined
    if found != value.count("&"):
        raise _Declined


def _resolve(uri: str) -> str:
    """feedparser's resolution of a link against no base URI."""
    return _URI_FIXER.sub(r"\1\3", uri)


def _rss_link(value: str) -> str:
    """feedparser's repair of an RSS ``<link>``'s query string (``&amp;`` written twice)."""
    return _LINK_REFERENCE.sub(r"&\g<1>", value.replace("&amp;", "&"))

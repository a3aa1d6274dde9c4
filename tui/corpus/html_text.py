"""HTML to article paragraphs: block-aware text extraction that drops page furniture.

Shared by the saved-page reader (`tui.corpus.formats.html`), the feed reader (entry HTML) and
the JSON reader (bodies scraped as HTML). Parsing is selectolax's Lexbor engine (a C HTML5
parser); the walk over the tree is iterative, so a page nested 10,000 elements deep costs a
loop, not a RecursionError. Lexbor itself is quadratic in nesting depth for some shapes of
markup, so `parse_html` refuses documents whose estimated work is absurd before parsing them.
"""

from __future__ import annotations

import re
from datetime import datetime
from email.utils import parsedate_to_datetime

from selectolax.lexbor import LexborHTMLParser, LexborNode

from tui.corpus.article import DroppedLine
from tui.corpus.boilerplate import Reason
from tui.corpus.dates import parse_date
from tui.corpus.lines import classify
from tui.text.sanitize import REPLACEMENT, sanitize_line

#: Upper bound of (number of tags × nesting depth) we let the parser face; about a second.
MAX_PARSE_WORK = 300_000_000
#: Elements that end a paragraph where they start and where they end.
BLOCK_TAGS = frozenset(
    {
        "address", "article", "blockquote", "body", "caption", "center", "dd", "details", "div",
        "dl", "dt", "fieldset", "h1", "h2", "h3", "h4", "h5", "h6", "hgroup", "hr", "html", "li",
        "main", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th",
        "thead", "tr", "ul",
    }
)  # fmt: skip
#: Elements whose content is never article text (code, media, navigation, forms, furniture).
SKIP_TAGS = frozenset(
    {
        "aside", "audio", "button", "canvas", "dialog", "embed", "figcaption", "figure", "footer",
        "form", "head", "iframe", "img", "input", "link", "math", "menu", "meta", "nav",
        "noscript", "object", "picture", "script", "select", "source", "style", "svg",
        "template", "textarea", "title", "video",
    }
)  # fmt: skip
#: ARIA roles of page furniture.
SKIP_ROLES = frozenset(
    {"navigation", "complementary", "banner", "contentinfo", "search", "menu", "dialog"}
)
#: class/id words (split on non-alphanumerics) that mark advertising and furniture.
BOILERPLATE_WORDS = frozenset(
    {"ad", "ads", "adv", "advert", "adverts", "advertisement", "banner", "menu", "nav", "navbar",
     "tags", "hidden", "sponsored", "promo"}
)  # fmt: skip
#: class/id fragments that mark related-story lists, sharing, comments and the like.
BOILERPLATE_FRAGMENTS = (
    "related", "recommend", "most-read", "mostread", "read-more", "readmore", "newsletter",
    "subscribe", "social", "share", "comment", "breadcrumb", "cookie", "sidebar", "popup",
    "modal", "advertis", "outbrain", "taboola", "sr-only", "visually-hidden", "screen-reader",
)  # fmt: skip
#: Named elements (class/id) whose share of the paragraph text is measured, per walk.
MAX_SHARE_CHECKS = 200
#: Line kinds (`tui.corpus.clean.classify`) that are never article text, whatever the markup
#: said: a structural walk keeps a share bar or a JavaScript warning that has no telling class.
FURNITURE_REASONS = frozenset(
    {
        Reason.JAVASCRIPT, Reason.COOKIES, Reason.STRAY, Reason.BACK_TO_TOP, Reason.SHARE,
        Reason.ADVERT, Reason.SOCIAL,
    }
)  # fmt: skip
#: Elements that never hold content, and ones the parser closes implicitly: they add no depth.
_NO_DEPTH = frozenset(
    {
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr", "p", "li", "dt", "dd", "td", "th", "tr", "option", "optgroup",
        "rb", "rt", "rp", "tbody", "thead", "tfoot", "colgroup", "caption",
    }
)  # fmt: skip
#: Stands for ``<br>`` while a paragraph is gathered (NUL in text nodes becomes U+FFFD).
_LINE_BREAK = "\x00"
#: Two or more ``<br>`` in a row separate paragraphs; a single one is only a line break.
_PARAGRAPH_BREAK = re.compile("\x00(?:\\s*\x00)+")
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)")
#: What makes a fragment more than plain text to the HTML parser: a tag, a character
#: reference, NUL (and `_LINE_BREAK`), a carriage return, a surrogate.
_MARKUP = re.compile("[<&\x00\r\ud800-\udfff]")
_SPLIT_WORDS = re.compile(r"[^a-z0-9]+")


class HtmlTooComplex(ValueError):
    """The markup is nested so deeply that parsing it would stall the reader."""


def tidy_line(text: str) -> str:
    """Collapse runs of whitespace to one space, trim, and make the result terminal-safe.

    Every string a reader puts into an `Article` passes through here, so no control
    character, tab or line break of the source survives inside a title or a paragraph.
    """
    line = " ".join(text.split())
    return sanitize_line(line)


def check_parse_work(html: str) -> None:
    """Raise `HtmlTooComplex` if parsing *html* would cost more than `MAX_PARSE_WORK`.

    The estimate is tags × maximum nesting depth, the shape of Lexbor's worst cases (each
    start tag may scan the stack of open elements). It over-estimates (a ``<div>`` inside a
    script counts), which only matters for documents that are pathological anyway.
    """
    tags = html.count("<")
    if tags * tags <= MAX_PARSE_WORK:
        return
    depth = deepest = count = 0
    for match in _TAG.finditer(html):
        count += 1
        if match.group(2).lower() in _NO_DEPTH:
            continue
        if match.group(1):
            depth = max(depth - 1, 0)
        else:
            depth += 1
            deepest = max(deepest, depth)
    if count * deepest > MAX_PARSE_WORK:
        raise HtmlTooComplex(f"the page is nested too deeply to read (about {deepest} levels)")


def parse_html(html: str) -> LexborHTMLParser:
    """Parse a whole document or a fragment (a fragment lands in ``<body>``).

    Raises:
        HtmlTooComplex: when the markup would take unreasonably long to parse.
    """
    check_parse_work(html)
    return LexborHTMLParser(html)


def html_paragraphs(html: str) -> list[str]:
    """Paragraphs of an HTML fragment such as a feed entry's content or a scraped body.

    Raises:
        HtmlTooComplex: when the markup would take unreasonably long to parse.
    """
    if not _MARKUP.search(html):
        # Plain text (many feeds' descriptions): what parsing would give, without parsing.
        line = tidy_line(html)
        return [line] if line else []
    tree = parse_html(html)
    root = tree.body or tree.root
    return [] if root is None else node_paragraphs(root)


def node_paragraphs(root: LexborNode, *, skip_page_chrome: bool = True) -> list[str]:
    """The text of *root* as paragraphs, one per block element, furniture left out.

    A single ``<br>`` joins its lines with a space (a paragraph is one logical line here);
    two or more in a row separate paragraphs, as pages without ``<p>`` use them.

    Args:
        root: the element whose content is the article (its own class is not judged).
        skip_page_chrome: also skip ``<header>`` elements (a site's masthead); pass False
            when *root* is the article itself, whose header holds its standfirst.
    """
    skip = SKIP_TAGS | {"header"} if skip_page_chrome else SKIP_TAGS
    root_id = root.mem_id
    judge = _FurnitureJudge(root)
    paragraphs: list[str] = []
    pieces: list[str] = []

    def flush() -> None:
        if not pieces:  # entering a block right after leaving one: nothing in between
            return
        text = "".join(pieces)
        pieces.clear()
        if _LINE_BREAK not in text:  # no <br>: one paragraph, as splitting would find
            if line := tidy_line(text):
                paragraphs.append(line)
            return
        for part in _PARAGRAPH_BREAK.split(text):
            if line := tidy_line(part.replace(_LINE_BREAK, " ")):
                paragraphs.append(line)

    stack: list[tuple[LexborNode, bool]] = [(root, False)]
    while stack:
        node, leaving = stack.pop()
        if leaving:
            flush()
            continue
        if node.is_text_node:
            pieces.append((node.text_content or "").replace(_LINE_BREAK, REPLACEMENT))
            continue
        tag = node.tag
        if tag is None or tag.startswith("-") or tag in skip:
            continue
        if node.mem_id != root_id and judge.skips(node):
            continue
        if tag == "br":
            pieces.append(_LINE_BREAK)
            continue
        if tag in BLOCK_TAGS:
            flush()
            stack.append((node, True))
        children = list(node.iter(include_text=True))
        stack.extend((child, False) for child in reversed(children))
    flush()
    return paragraphs


def drop_furniture_lines(paragraphs: list[str]) -> tuple[list[str], tuple[DroppedLine, ...]]:
    """Split *paragraphs* into the kept ones and the furniture lines dropped, with reasons.

    Only lines that are furniture on their own count (`FURNITURE_REASONS`); metadata-looking
    lines (dates, bylines) stay, since a page's markup already told us where its body is.
    """
    kept: list[str] = []
    dropped: list[DroppedLine] = []
    for paragraph in paragraphs:
        reason = classify(paragraph).reason
        if reason in FURNITURE_REASONS:
            dropped.append(DroppedLine(paragraph, str(reason)))
        else:
            kept.append(paragraph)
    return kept, tuple(dropped)


def is_hidden(node: LexborNode) -> bool:
    """True if *node* is hidden or has the ARIA role of page chrome (navigation, banner…)."""
    attributes = node.attributes
    if not attributes:
        return False
    if "hidden" in attributes or attributes.get("aria-hidden") == "true":
        return True
    role = attributes.get("role")
    return bool(role) and (role or "").lower() in SKIP_ROLES


def has_furniture_name(node: LexborNode) -> bool:
    """True if *node*'s class or id names an ad, a share bar, a related-stories list…"""
    attributes = node.attributes
    for name in ("class", "id"):
        value = (attributes.get(name) or "").lower() if attributes else ""
        if not value:
            continue
        if not BOILERPLATE_WORDS.isdisjoint(_SPLIT_WORDS.split(value)):
            return True
        if any(fragment in value for fragment in BOILERPLATE_FRAGMENTS):
            return True
    return False


def is_furniture(node: LexborNode) -> bool:
    """True if *node*'s attributes alone mark it as furniture (hidden, chrome role, name)."""
    return is_hidden(node) or has_furniture_name(node)


class _FurnitureJudge:
    """Decides, for one walk, which named elements are furniture.

    A class such as ``has-sidebar`` or ``with-comments`` often sits on the wrapper of the
    whole page; such an element is kept when it holds most of the root's paragraph text.
    Only the first `MAX_SHARE_CHECKS` named elements are measured (each costs a subtree
    scan); later ones are judged by name alone, which keeps hostile pages linear.
    """

    def __init__(self, root: LexborNode) -> None:
        self.root = root
        self.checks = 0
        self._root_chars: int | None = None

    def skips(self, node: LexborNode) -> bool:
        if is_hidden(node):
            return True
        if not has_furniture_name(node):
            return False
        if self.checks >= MAX_SHARE_CHECKS:
            return True
        self.checks += 1
        if self._root_chars is None:
            self._root_chars = _paragraph_chars(self.root)
        return 2 * _paragraph_chars(node) <= self._root_chars


def _paragraph_chars(node: LexborNode) -> int:
    return sum(len(paragraph.text(strip=True)) for paragraph in node.css("p"))


def iso_day(value: str | None) -> str | None:
    """The calendar day of a machine-readable date as ``YYYY-MM-DD``, or None.

    Understands ISO 8601 (``2024-11-01T09:30:00+03:00``, the form of HTML ``<time>`` and
    JSON-LD) and RFC 822 (``Fri, 01 Nov 2024 09:30:00 GMT``, the form of RSS). The day is the
    one the source wrote, not converted to UTC, so it matches the date printed on the page.
    Anything else goes to `tui.corpus.dates.parse_date` (``الخميس 19 أكتوبر 2023``).
    """
    if not value:
        return None
    value = value.strip()
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        return parse_date(value)

"""The real `akhbar` in tmux: titles shaped and right-aligned, articles as `render` prints them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.tmux import REPO, TmuxSession, akhbar_command, isolated_env, needs_tmux
from tui.corpus.article import ArticleHeader
from tui.corpus.loader import load_article, load_corpus
from tui.text.cells import text_width
from tui.text.layout import layout_paragraph
from tui.text.page import article_blocks, layout_page

ARTICLES = REPO / "articles"
pytestmark = [needs_tmux, pytest.mark.tmux]


def rendered(path: str, width: int) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-m", "tui", "render", path, "--width", str(width)],
        capture_output=True,
        text=True,
        check=True,
        cwd=REPO,
    ).stdout
    return out.rstrip("\n").split("\n")


def title_words(title: str) -> str:
    """The first words of a title as drawn (shaped and reordered) on one wide line."""
    words = " ".join(title.split()[:2])
    return layout_paragraph(words, 200).lines[0].text.strip()


#: The pane's scrollbar (block elements) is drawn in the last columns of each row.
SCROLLBAR = " " + "".join(chr(c) for c in range(0x2580, 0x25A0))


def content(row: str) -> str:
    """A screen row without the scrollbar at its right end."""
    return row.rstrip(SCROLLBAR)


def page_lines(header: ArticleHeader, width: int) -> list[str]:
    """What `akhbar render` prints, computed in process (to find the pane's width fast)."""
    blocks = article_blocks(load_article(header))
    return [line.text.rstrip() for line in layout_page(blocks, width)]


def find_open_article(
    screen: list[str], headers: tuple[ArticleHeader, ...], visible: int
) -> tuple[ArticleHeader, int]:
    """The article and text width for which the pane rows (from row 1) show its page."""
    for header in headers:
        for width in range(20, 130):
            expected = page_lines(header, width)[:visible]
            if expected and all(
                content(screen[1 + i]).endswith(line) for i, line in enumerate(expected)
            ):
                return header, width
    raise AssertionError(
        f"no article matches the pane ({len(screen)} rows, {max(map(len, screen))} wide):\n"
        + "\n".join(screen)
    )


@pytest.mark.parametrize("size", [(100, 30), (80, 24)])
def test_titles_and_articles_in_a_real_terminal(size: tuple[int, int], tmp_path: Path) -> None:
    width, height = size
    headers = load_corpus([ARTICLES], use_cache=False).headers
    session = TmuxSession(akhbar_command(), isolated_env(tmp_path), width, height)
    try:
        screen = session.wait_for(lambda lines: "5 articles" in "\n".join(lines))
        joined = "\n".join(screen)
        # Every title shows, shaped (presentation forms) and in visual order.
        for header in headers:
            assert title_words(header.title) in joined, header.title
        # Titles are right-aligned in the sidebar: each title row ends flush at the
        # sidebar's right edge (the same column for every title).
        title_rows = [line for line in screen if any(title_words(h.title) in line for h in headers)]
        edges = set()
        for line in title_rows:
            for header in headers:
                words = title_words(header.title)
                if words in line:
                    edges.add(text_width(line[: line.find(words) + len(words)]))
        assert len(edges) == 1, edges  # in columns (harakat take none)
        # Open every article in turn; the pane shows what `akhbar render` prints.
        session.send("Enter")
        opened: set[str] = set()
        for index in range(len(headers)):
            screen = session.stable(lambda lines, n=index + 1: f"{n}/5" in lines[0])
            visible = height - 3  # title bar above, status and hints below
            header, pane_width = find_open_article(screen, headers, visible)
            opened.add(header.identity)
            # The real `akhbar render` prints exactly these lines for that width.
            expected = rendered(header.path or "", pane_width)[:visible]
            for row, line in enumerate(expected, start=1):
                assert content(screen[row]).endswith(line.rstrip()), (row, line, screen[row])
            if index < len(headers) - 1:
                session.send("]")
        assert len(opened) == len(headers)
        session.send("q")
        session.wait_for(lambda lines: "5 articles" not in "\n".join(lines))
    finally:
        session.kill()

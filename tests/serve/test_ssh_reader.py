"""The real reader over SSH: OpenSSH in tmux sees shaped Arabic, keys work, resizes reflow.

Written against what any version of the reading screen shows, not its exact layout: Arabic in
presentation forms (U+FB50–U+FEFF, what `--bidi app` sends), a title word shaped and in visual
order, a screen that changes when keys are pressed, lines that follow the window width.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable

import pytest

from tests.conftest import ARTICLES
from tests.serve.conftest import Keys
from tests.serve.harness import (
    LAVROV_ON_SCREEN,
    READER_START_TIMEOUT,
    Server,
    Tmux,
    needs_openssh,
    needs_tmux,
    ssh_argv,
    wait_for,
)

pytestmark = [
    needs_openssh,
    needs_tmux,
    pytest.mark.tmux,
    pytest.mark.skipif(
        importlib.util.find_spec("tui.commands.read") is None, reason="the reader is not built yet"
    ),
]


def presentation_forms(screen: str) -> int:
    """How many Arabic presentation-form characters are on *screen*."""
    return sum(1 for ch in screen if "\ufb50" <= ch <= "\ufeff")


def rightmost_arabic_column(screen: str) -> int:
    """The largest column (1-based) holding a presentation-form character."""
    best = 0
    for line in screen.splitlines():
        for column, ch in enumerate(line, start=1):
            if "\ufb50" <= ch <= "\ufeff":
                best = max(best, column)
    return best


@pytest.fixture
def reader_server(server_factory: Callable[..., Server], keys: Keys) -> Server:
    return server_factory(
        "--reader", "akhbar", "--authorized-keys", str(keys.authorized), str(ARTICLES)
    )


def _open(tmux: Tmux, server: Server, keys: Keys, width: int, height: int, term: str = "") -> str:
    argv = ssh_argv(server.port, keys.allowed, "-tt")
    if term:
        argv = ["env", f"TERM={term}", *argv]
    pane = tmux.start("r", argv, width, height)
    wait_for(
        lambda: LAVROV_ON_SCREEN in tmux.screen(pane, joined=False),
        READER_START_TIMEOUT,
        "the reader's article list",
    )
    return pane


def test_reader_over_ssh(reader_server: Server, keys: Keys, tmux: Tmux) -> None:
    pane = _open(tmux, reader_server, keys, 100, 30)

    def screen() -> str:
        return tmux.screen(pane, joined=False)

    wait_for(lambda: presentation_forms(screen()) > 50, what="the list of shaped titles")
    listing = screen()

    tmux.send(pane, "Enter")  # open the selected article
    wait_for(
        lambda: presentation_forms(screen()) > presentation_forms(listing) + 100,
        what="the article's text",
    )
    # Right-aligned RTL paragraphs reach the right edge of a 100-column window.
    wait_for(lambda: rightmost_arabic_column(screen()) > 90, what="text at the right edge")
    opened = screen()

    tmux.type(pane, "jjj")  # scroll the article
    wait_for(lambda: screen() != opened, what="the article to scroll")

    tmux.resize(pane, 70, 24)
    wait_for(
        lambda: 60 < rightmost_arabic_column(screen()) <= 70,
        what="the text to reflow to 70 columns",
    )
    wait_for(lambda: presentation_forms(screen()) > 50, what="text after the resize")
    assert all(len(line) <= 70 for line in screen().splitlines())

    tmux.type(pane, "q")
    assert tmux.dead_status(pane) == 0
    reader_server.wait_log(r"#1 reader exited with status 0")
    reader_server.wait_log(r"#1 end key=SHA256:\S+ after")


@pytest.mark.parametrize("term", ["xterm-256color", "screen-256color", "linux"])
def test_reader_at_80x24_with_common_terms(
    reader_server: Server, keys: Keys, tmux: Tmux, term: str
) -> None:
    pane = _open(tmux, reader_server, keys, 80, 24, term)
    wait_for(lambda: presentation_forms(tmux.screen(pane, joined=False)) > 30, what="titles")
    assert all(len(line) <= 80 for line in tmux.screen(pane, joined=False).splitlines())
    reader_server.wait_log(rf"#1 reader pid \d+, TERM={term}, 80x24")
    tmux.type(pane, "q")
    assert tmux.dead_status(pane) == 0

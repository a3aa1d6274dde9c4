"""An article full of terminal escape sequences is shown inertly; the terminal receives none.

Two checks: Pilot shows the sequences as visible Control Pictures (␛, ␇) in the sidebar and
the pane; and the real `akhbar`, run on a pseudo-terminal, writes none of the article's
sequences (title-setting OSC 0, clipboard-setting OSC 52, colour CSI, raw C1 CSI) — every
byte it sends is inspected.
"""

from __future__ import annotations

import os
from pathlib import Path

from tests.app.conftest import main_screen, run_reader, settle
from tests.terminal.pty_capture import python_argv, start

TITLE_PAYLOAD = "\x1b]0;PWNED-TITLE\x07"
CLIPBOARD_PAYLOAD = "\x1b]52;c;UFdORUQ=\x07"
CSI_PAYLOAD = "\x1b[31mRED-CSI\x1b[0m"
C1_PAYLOAD = "\x9b2J\x9d0;C1-TITLE\x9c"
HOSTILE = (
    f"خبر عاجل {TITLE_PAYLOAD} عنوان\n\n"
    f"فقرة أولى {CLIPBOARD_PAYLOAD} نهاية.\n\n"
    f"Second paragraph {CSI_PAYLOAD} and {C1_PAYLOAD} bell\x07 backspace\x08.\n\n"
    # Ordinary text around them, as in a real page (a file that is mostly control
    # characters is rejected as binary instead).
    + "وقالت المتحدثة باسم الخارجية الروسية إن المحادثات ستتواصل في مقر الوزارة. " * 4
    + "\n"
)
#: Bytes that must never reach the terminal: each would act on it.
FORBIDDEN = [
    b"\x1b]0;PWNED",
    b"\x1b]52;c;UFdORUQ",
    b"\x1b[31mRED-CSI",
    b"\xc2\x9b",  # C1 CSI, UTF-8 encoded
    b"\xc2\x9d",  # C1 OSC
    b"\x9b2J",
]


def write_hostile(folder: Path) -> Path:
    path = folder / "hostile.txt"
    path.write_text(HOSTILE, encoding="utf-8")
    return path


async def test_escape_sequences_are_shown_inertly(tmp_path: Path) -> None:
    write_hostile(tmp_path)
    async with run_reader([tmp_path], size=(100, 30)) as (app, pilot):
        screen = main_screen(app)
        listed = "".join(screen.article_list.render_line(y).text for y in range(2))
        assert "\x1b" not in listed and "␛" in listed
        await pilot.press("enter")
        await settle(app, pilot)
        pane = screen.reader
        text = "\n".join(pane.render_line(y).text for y in range(pane.size.height))
        for ch in text:
            assert ch == "\n" or not (ord(ch) < 0x20 or 0x7F <= ord(ch) < 0xA0), repr(ch)
        # In the Arabic paragraph the inert sequence is reordered like any neutral text
        # (as FriBidi would); in the English one it reads left to right.
        assert "UFdORUQ" in text and text.count("␛") >= 4
        assert "␛[31mRED-CSI␛[0m" in text
        assert "␈" in text  # the backspace, visible


def test_the_terminal_receives_none_of_the_articles_sequences(tmp_path: Path) -> None:
    articles = tmp_path / "articles"
    articles.mkdir()
    write_hostile(articles)
    env = {
        **os.environ,
        "TERM": "xterm-256color",
        "AKHBAR_DATA_DIR": str(tmp_path / "data"),
        "AKHBAR_CACHE_DIR": str(tmp_path / "cache"),
        "AKHBAR_CONFIG_DIR": str(tmp_path / "config"),
    }
    run = start(python_argv("-m", "tui", str(articles)), env, 100, 30)
    run.wait_for(b"\x1b[?1049h")
    run.pump(2.5)
    run.type("\r")  # open the article
    run.pump(2.0)
    run.type("q")
    assert run.finish() == 0
    output = bytes(run.output)
    assert "␛".encode() in output  # the inert stand-in was drawn
    for forbidden in FORBIDDEN:
        assert forbidden not in output, forbidden

"""Config as TOML text: the commented default file written on first run, and `format_config`.

No TOML writer dependency: the default file is a template, and `format_config` only has to
write the few value kinds a `Config` holds (strings, booleans, lists of strings, a table).
"""

from __future__ import annotations

import json
import re
import textwrap

from tui.config import DEFAULT_THEME, Config
from tui.i18n import ACTION_IDS

_COMMENT_WIDTH = 96
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _action_list() -> str:
    lines = textwrap.wrap(", ".join(ACTION_IDS), width=_COMMENT_WIDTH - 4)
    return "\n".join(f"#   {line}" for line in lines)


DEFAULT_CONFIG_TEXT = f"""\
# akhbar configuration.
#
# Every setting is shown commented out with its default value: remove the leading "# " to
# change one. `akhbar config --check` validates this file, `akhbar config --show` prints the
# settings in effect and `akhbar config --path` where this file is. Unknown sections and
# settings are errors, so a typo never goes unnoticed.

[corpus]
# Extra folders of articles (.txt, .md, .html, .json, RSS/Atom .xml files) listed beside the
# fetched news. "~" is your home folder; relative paths are relative to this file's folder.
#   e.g. folders = ["~/news", "~/Documents/arabic-archive"]
# folders = []

# List the sample articles shipped with akhbar too.
# include_shipped = true

[feeds]
# RSS or Atom feeds that `akhbar fetch` (and the refresh key in the reader) download.
#   e.g. urls = ["https://feeds.bbci.co.uk/arabic/rss.xml"]
# urls = []

[display]
# Who draws Arabic right: "app" (akhbar shapes letters and orders bidirectional text itself;
# right for most terminals) or "terminal" (the terminal does it; for mlterm, Konsole with
# bidi on...). `akhbar doctor` prints a test card to choose.
# bidi = "app"

# A Textual theme, e.g. "textual-dark", "textual-light", "nord", "gruvbox", or akhbar's
# high-contrast theme. A theme picked in the command palette is remembered and wins.
# theme = "{DEFAULT_THEME}"

# Interface language: "en" or "ar" (Arabic labels, and the sidebar moves to the right).
# lang = "en"

[reading]
# When an article counts as read: "open" (as soon as it is opened) or "end" (once it has
# been scrolled to the end).
# mark_read = "open"

[sidebar]
# Article order: "date" (newest first), "source", "title" or "path".
# sort = "date"

# Show articles under one heading per source.
# group_by_source = false

[keys]
# Rebind actions: action = "key", or several keys as "key1,key2" or ["key1", "key2"].
# Keys are characters ("b", "?", "ب") or names ("enter", "escape", "space", "tab", "up",
# "pagedown", "f5"), optionally with modifiers ("ctrl+n", "alt+left", "shift+tab").
# A key already used by another action in the same place is an error. Actions:
{_action_list()}
#   e.g. toggle_bookmark = "B"
#   e.g. next_unread = ["n", "ctrl+n"]
"""


def toml_string(text: str) -> str:
    """*text* as a TOML basic string (JSON escapes are valid TOML, plus DEL escaped).

    Lone surrogates (from undecodable file names) cannot be written and become U+FFFD.
    """
    safe = _SURROGATE.sub("\ufffd", text)
    return json.dumps(safe, ensure_ascii=False).replace("\x7f", "\\u007f")


def _toml_key(key: str) -> str:
    return key if _BARE_KEY.fullmatch(key) else toml_string(key)


def _strings(values: tuple[str, ...]) -> str:
    return "[" + ", ".join(toml_string(v) for v in values) + "]"


def format_config(config: Config) -> str:
    """*config* as a complete TOML document that `load_config` reads back to an equal Config."""
    lines = [
        "[corpus]",
        f"folders = {_strings(tuple(str(folder) for folder in config.folders))}",
        f"include_shipped = {str(config.include_shipped).lower()}",
        "",
        "[feeds]",
        f"urls = {_strings(config.feeds)}",
        "",
        "[display]",
        f"bidi = {toml_string(config.bidi)}",
        f"theme = {toml_string(config.theme)}",
        f"lang = {toml_string(config.lang)}",
        "",
        "[reading]",
        f"mark_read = {toml_string(config.mark_read)}",
        "",
        "[sidebar]",
        f"sort = {toml_string(config.sort)}",
        f"group_by_source = {str(config.group_by_source).lower()}",
        "",
        "[keys]",
        *(f"{_toml_key(action)} = {toml_string(keys)}" for action, keys in config.keys.items()),
    ]
    return "\n".join(lines) + "\n"

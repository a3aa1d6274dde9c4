"""config.toml: defaults, the commented default file, validation messages, key overrides."""

from __future__ import annotations

import re
import tempfile
import tomllib
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.config import (
    SETTINGS,
    Config,
    ConfigError,
    config_path,
    ensure_config,
    line_of,
    load_config,
    validate_keys,
    write_default_config,
)
from tui.config_toml import DEFAULT_CONFIG_TEXT, format_config, toml_string
from tui.paths import config_dir

#: A commented-out setting line in the default file: "# key = value" (one space after #).
COMMENTED_SETTING = re.compile(r"^# (\w+) = (.+)$", re.MULTILINE)

ACTIONS = {"quit": "q", "help": "question_mark,f1", "cursor_down": "j,down", "search": "/"}
SCOPES = {"quit": "app", "help": "app", "cursor_down": "sidebar", "search": "reader"}


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def error_for(tmp_path: Path, text: str) -> ConfigError:
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, text))
    return caught.value


def test_missing_file_means_defaults() -> None:
    assert config_path() == config_dir() / "config.toml"
    assert not config_path().exists()
    config = load_config()
    assert config == Config()
    assert (config.bidi, config.lang, config.mark_read, config.sort) == (
        "app",
        "en",
        "open",
        "date",
    )
    assert config.include_shipped is True and config.group_by_source is False
    assert config.folders == () and config.feeds == () and dict(config.keys) == {}


def test_first_run_writes_the_commented_default_once(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "config.toml"
    assert ensure_config(path) is True
    assert path.read_text(encoding="utf-8") == DEFAULT_CONFIG_TEXT
    path.write_text('[display]\nlang = "ar"\n', encoding="utf-8")
    assert ensure_config(path) is False  # never overwrites
    assert load_config(path).lang == "ar"


def test_ensure_config_defaults_to_the_config_dir() -> None:
    assert ensure_config() is True
    assert load_config() == Config()


def test_the_default_file_reads_as_the_defaults(tmp_path: Path) -> None:
    assert load_config(write(tmp_path, DEFAULT_CONFIG_TEXT)) == Config()


def test_uncommenting_the_default_file_changes_nothing(tmp_path: Path) -> None:
    """The values the default file documents are the values the code uses."""
    uncommented = COMMENTED_SETTING.sub(r"\1 = \2", DEFAULT_CONFIG_TEXT)
    documented = {m.group(1) for m in COMMENTED_SETTING.finditer(DEFAULT_CONFIG_TEXT)}
    assert documented == {s.key for s in SETTINGS}  # every setting is documented
    assert load_config(write(tmp_path, uncommented)) == Config()


def test_a_full_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    path = write(
        tmp_path,
        """
[corpus]
folders = ["~/news", "archive", "/srv/arabic", "archive"]
include_shipped = false

[feeds]
urls = ["https://feeds.bbci.co.uk/arabic/rss.xml", "http://example.com/a.atom"]

[display]
bidi = "terminal"
theme = "nord"
lang = "ar"

[reading]
mark_read = "end"

[sidebar]
sort = "title"
group_by_source = true

[keys]
toggle_bookmark = "B"
next_unread = ["n", "Ctrl+N"]
help = "?"
""",
    )
    config = load_config(path)
    assert config.folders == (
        tmp_path / "home" / "news",
        tmp_path / "archive",  # relative to the config file's folder, listed once
        Path("/srv/arabic"),
    )
    assert config.include_shipped is False
    assert config.feeds == (
        "https://feeds.bbci.co.uk/arabic/rss.xml",
        "http://example.com/a.atom",
    )
    assert (config.bidi, config.theme, config.lang) == ("terminal", "nord", "ar")
    assert (config.mark_read, config.sort, config.group_by_source) == ("end", "title", True)
    assert dict(config.keys) == {
        "toggle_bookmark": "B",
        "next_unread": "n,ctrl+n",
        "help": "question_mark",
    }


@pytest.mark.parametrize(
    ("text", "line", "fragments"),
    [
        ('[display]\nbidi = "rtl"\n', 2, ['bidi = "rtl"', '"app", "terminal"']),
        ('[display]\nlang = "fr"\n', 2, ['"en", "ar"']),
        ('[reading]\n\nmark_read = "later"\n', 3, ['"open", "end"']),
        ('[sidebar]\nsort = "size"\n', 2, ['"date", "source", "title", "path"']),
        ("[sidebar]\ngroup_by_source = 1\n", 2, ["true or false"]),
        ('[corpus]\nfolders = "~/news"\n', 2, ["a list of folder paths"]),
        ('[feeds]\nurls = ["ftp://x.org/f"]\n', 2, ["http:// or https://"]),
        ('[display]\ntheme = ""\n', 2, ["a Textual theme name"]),
        ('[dispaly]\nbidi = "app"\n', 1, ['did you mean "display"', "corpus, feeds"]),
        ('bidi = "app"\n', 1, ["put it under [display]"]),
        ('[sidebar]\nsortt = "date"\n', 2, ['did you mean "sort"', "sort, group_by_source"]),
        ('[display]\nbidi = "app\n', 2, ["not valid TOML"]),
        ('[keys]\nquit = "ctrl+qq"\n', 2, ["[keys] quit", 'unknown key "qq"']),
        ("[keys]\nquit = 5\n", 2, ["[keys] quit = 5"]),
    ],
)
def test_errors_name_file_line_key_and_what_is_allowed(
    tmp_path: Path, text: str, line: int, fragments: list[str]
) -> None:
    error = error_for(tmp_path, text)
    message = str(error)
    assert message.startswith(f"{tmp_path / 'config.toml'}, line {line}: ")
    assert error.line == line
    for fragment in fragments:
        assert fragment in message


def test_unreadable_and_undecodable_files(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes('[display]\ntheme = "ن"\n'.encode("cp1256"))
    with pytest.raises(ConfigError, match="not UTF-8"):
        load_config(path)
    path.unlink()
    path.mkdir()
    with pytest.raises(ConfigError, match="cannot read"):
        load_config(path)


def test_line_of_finds_keys_inside_their_section() -> None:
    text = '[a]\nx = 1\n\n[b]\n# x = 0\n"x" = 2\n'
    assert line_of(text, "a", "x") == 2
    assert line_of(text, "b", "x") == 6
    assert line_of(text, "b") == 4
    assert line_of(text, "c", "x") is None


def test_validate_keys_normalises_for_textual() -> None:
    assert validate_keys({"search": "ctrl+f"}, ACTIONS, SCOPES) == {"search": "ctrl+f"}
    assert validate_keys({"help": "F2, ?"}, ACTIONS, SCOPES) == {"help": "f2,question_mark"}


def test_unknown_action_suggests_the_closest(tmp_path: Path) -> None:
    source = write(tmp_path, '[keys]\n\nserach = "s"\n')
    with pytest.raises(ConfigError) as caught:
        validate_keys({"serach": "s"}, ACTIONS, SCOPES, source=source)
    message = str(caught.value)
    assert 'did you mean "search"' in message
    assert f"{source}, line 3" in message


def test_clashes_in_one_scope_or_with_a_global_key() -> None:
    with pytest.raises(ConfigError, match=r'"\?" \(question_mark\) is already used by help'):
        validate_keys({"quit": "?"}, ACTIONS, SCOPES)  # both global
    with pytest.raises(ConfigError, match='"j" is already used by cursor_down'):
        validate_keys({"quit": "j"}, ACTIONS, SCOPES)  # a global key shadows the sidebar's j
    with pytest.raises(ConfigError, match="already used"):
        validate_keys({"cursor_down": "f1"}, ACTIONS, SCOPES)


def test_no_clash_between_different_scopes_or_after_a_swap() -> None:
    # "/" is search's key in the reader; the sidebar may use it for something else.
    assert validate_keys({"cursor_down": "/"}, ACTIONS, SCOPES) == {"cursor_down": "slash"}
    # Swapping two keys is fine: neither old binding remains.
    assert validate_keys({"quit": "f1", "help": "q"}, ACTIONS, SCOPES) == {
        "quit": "f1",
        "help": "q",
    }


def test_clashes_among_the_apps_own_defaults_are_not_the_users_fault() -> None:
    actions = {**ACTIONS, "refresh": "q"}  # the app itself binds q twice
    assert validate_keys({"search": "s"}, actions, SCOPES) == {"search": "s"}


def test_invalid_key_in_validate_keys() -> None:
    with pytest.raises(ConfigError, match="unknown modifier"):
        validate_keys({"search": "cmd+f"}, ACTIONS, SCOPES)


def test_toml_string_escapes() -> None:
    for text in ['a"b', "back\\slash", "new\nline", "tab\there", "del\x7f", "أخبار", "\x00"]:
        assert tomllib.loads(f"v = {toml_string(text)}")["v"] == text
    lone_surrogate = "bad\udcff"  # an undecodable file name
    assert tomllib.loads(f"v = {toml_string(lone_surrogate)}")["v"] == "bad\ufffd"


TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=12).filter(
    lambda s: s == s.strip()
)
CONFIGS = st.builds(
    Config,
    folders=st.lists(TEXT.map(lambda s: Path("/data") / s.replace("\x00", "")), max_size=3).map(
        lambda paths: tuple(dict.fromkeys(paths))
    ),
    include_shipped=st.booleans(),
    feeds=st.lists(TEXT.map(lambda s: "https://example.com/" + s.strip()), max_size=3).map(
        lambda urls: tuple(dict.fromkeys(urls))
    ),
    bidi=st.sampled_from(["app", "terminal"]),
    theme=st.sampled_from(["textual-dark", "nord", "سمة عربية", "x y"]),
    lang=st.sampled_from(["en", "ar"]),
    mark_read=st.sampled_from(["open", "end"]),
    sort=st.sampled_from(["date", "source", "title", "path"]),
    group_by_source=st.booleans(),
    keys=st.dictionaries(
        st.sampled_from(["quit", "help", "odd key", "toggle-read"]),
        st.sampled_from(["q", "question_mark", "ctrl+n,f5", "ب"]),
        max_size=3,
    ),
)


@given(CONFIGS)
def test_format_config_reads_back_to_the_same_config(config: Config) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "config.toml"
        path.write_text(format_config(config), encoding="utf-8")
        assert load_config(path) == config


def test_config_state_listing_and_i18n_never_import_textual_or_rich() -> None:
    """These modules are the pure layer the app calls; importing them must stay cheap."""
    import subprocess
    import sys

    modules = [
        "tui.config",
        "tui.config_toml",
        "tui.keynames",
        "tui.listing",
        "tui.i18n",
        "tui.state",
        "tui.commands.config",
        "tui.commands.export",
    ]
    code = (
        f"import importlib, sys\nfor m in {modules!r}: importlib.import_module(m)\n"
        "print(sorted(n for n in sys.modules if n.split('.')[0] in ('textual', 'rich')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert out.strip() == "[]"


def test_write_default_config_never_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("# mine\n", encoding="utf-8")
    assert write_default_config(path) is False
    assert path.read_text(encoding="utf-8") == "# mine\n"
    (tmp_path / "ro").mkdir()
    (tmp_path / "ro" / "config.toml").mkdir()  # something in the way that is not a file
    assert write_default_config(tmp_path / "ro" / "config.toml") is False

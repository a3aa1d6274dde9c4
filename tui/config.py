"""The TOML configuration file: where it lives, its commented default, loading and validating it.

``config.toml`` (see `config_path`) is optional: a missing file means the defaults, and
`ensure_config` writes a fully commented one on first run (never over an existing file).
Every error is a `ConfigError` naming the file, the line, the key and what is allowed.
Key overrides under ``[keys]`` are parsed here; `validate_keys` (called by the app with its
binding table) checks them against the known actions and for clashes.
"""

from __future__ import annotations

import difflib
import json
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal, get_args

from tui.i18n import Lang
from tui.keynames import describe_key, normalize_key_list
from tui.listing import SortKey
from tui.paths import config_dir

CONFIG_FILE_NAME = "config.toml"
#: The scope of bindings active everywhere: their keys clash with keys in any other scope.
GLOBAL_SCOPE = "app"
DEFAULT_THEME = "textual-dark"
BidiMode = Literal["app", "terminal"]
MarkRead = Literal["open", "end"]
URL_SCHEMES = ("http://", "https://")
_TOML_LINE = re.compile(r"at line (\d+)")


class ConfigError(ValueError):
    """A configuration problem, phrased for the user.

    Attributes:
        path: the config file, if the problem is in one.
        line: 1-based line in that file, when known.
        key: the offending setting as ``section.key``, when known.
    """

    def __init__(
        self,
        message: str,
        *,
        path: Path | None = None,
        line: int | None = None,
        key: str | None = None,
    ) -> None:
        where = "" if path is None else f"{path}{'' if line is None else f', line {line}'}: "
        super().__init__(where + message)
        self.path = path
        self.line = line
        self.key = key


@dataclass(frozen=True, slots=True)
class Config:
    """The effective configuration (defaults where the file says nothing).

    Attributes:
        folders: extra corpus folders (``~`` expanded; relative ones are relative to the
            config file's folder).
        include_shipped: also list the articles shipped with akhbar.
        feeds: RSS/Atom URLs that `akhbar fetch` and the refresh key read.
        bidi: ``app`` (akhbar shapes and reorders Arabic) or ``terminal`` (the terminal does).
        theme: a Textual theme name.
        lang: interface language; ``ar`` also mirrors the layout.
        mark_read: an article becomes read when ``open``-ed or when scrolled to its ``end``.
        sort: sidebar order: ``date``, ``source``, ``title`` or ``path``.
        group_by_source: show sidebar articles under one heading per source.
        keys: action id → key(s), comma-separated, as Textual key names.
    """

    folders: tuple[Path, ...] = ()
    include_shipped: bool = True
    feeds: tuple[str, ...] = ()
    bidi: BidiMode = "app"
    theme: str = DEFAULT_THEME
    lang: Lang = "en"
    mark_read: MarkRead = "open"
    sort: SortKey = "date"
    group_by_source: bool = False
    keys: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))


@dataclass(frozen=True, slots=True)
class _Setting:
    """Where a Config field lives in the file, and how its TOML value is checked."""

    section: str
    key: str
    attribute: str
    parse: Callable[[Any, Path], object]
    allowed: str


def _choice(options: tuple[str, ...]) -> Callable[[Any, Path], object]:
    def parse(value: Any, _: Path) -> object:
        if value not in options:
            raise ValueError
        return value

    return parse


def _boolean(value: Any, _: Path) -> object:
    if not isinstance(value, bool):
        raise ValueError
    return value


def _name(value: Any, _: Path) -> object:
    if not isinstance(value, str) or not value.strip() or not value.isprintable():
        raise ValueError
    return value.strip()


def _folders(value: Any, config_file: Path) -> object:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValueError
    base = config_file.parent
    return tuple(dict.fromkeys(base / Path(v.strip()).expanduser() for v in value))


def _urls(value: Any, _: Path) -> object:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError
    urls = [v.strip() for v in value]
    if not all(url.lower().startswith(URL_SCHEMES) and "://" in url[:9] for url in urls):
        raise ValueError
    return tuple(dict.fromkeys(urls))


def _quoted(options: tuple[str, ...]) -> str:
    return ", ".join(f'"{o}"' for o in options)


SETTINGS: tuple[_Setting, ...] = (
    _Setting("corpus", "folders", "folders", _folders, "a list of folder paths"),
    _Setting("corpus", "include_shipped", "include_shipped", _boolean, "true or false"),
    _Setting("feeds", "urls", "feeds", _urls, "a list of http:// or https:// URLs"),
    _Setting("display", "bidi", "bidi", _choice(get_args(BidiMode)), _quoted(get_args(BidiMode))),
    _Setting("display", "theme", "theme", _name, "a Textual theme name"),
    _Setting("display", "lang", "lang", _choice(get_args(Lang)), _quoted(get_args(Lang))),
    _Setting(
        "reading",
        "mark_read",
        "mark_read",
        _choice(get_args(MarkRead)),
        _quoted(get_args(MarkRead)),
    ),
    _Setting("sidebar", "sort", "sort", _choice(get_args(SortKey)), _quoted(get_args(SortKey))),
    _Setting("sidebar", "group_by_source", "group_by_source", _boolean, "true or false"),
)
KEYS_SECTION = "keys"
SECTIONS: tuple[str, ...] = (*dict.fromkeys(s.section for s in SETTINGS), KEYS_SECTION)


def config_path() -> Path:
    """The config file: ``config_dir()/config.toml`` (``AKHBAR_CONFIG_DIR`` moves it)."""
    return config_dir() / CONFIG_FILE_NAME


def _shown(value: object) -> str:
    """A value as TOML would spell it (double quotes, Arabic kept readable)."""
    return json.dumps(value, ensure_ascii=False, default=str)


def _suggest(word: str, known: tuple[str, ...] | list[str]) -> str:
    close = difflib.get_close_matches(word, known, n=1)
    return f'did you mean "{close[0]}"? ' if close else ""


def line_of(text: str, section: str | None, key: str | None = None) -> int | None:
    """The 1-based line of ``[section]`` (or of *key* inside it) in TOML *text*, if found."""
    current: str | None = None
    header = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(#.*)?$")
    for number, line in enumerate(text.splitlines(), start=1):
        match = header.match(line)
        if match:
            current = match.group(1).strip().strip("\"'")
            if key is None and current == section:
                return number
            continue
        if key is not None and current == section:
            name = line.split("=", 1)[0].strip().strip("\"'") if "=" in line else None
            if name == key:
                return number
    return None


def load_config(path: Path | None = None) -> Config:
    """Read the config file (default `config_path()`); a missing file gives the defaults.

    Raises:
        ConfigError: unreadable file, TOML syntax error, unknown section or key, or a
            value of the wrong kind, with the line and what is allowed.
    """
    path = config_path() if path is None else path
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return Config()
    except OSError as error:
        raise ConfigError(f"cannot read the file: {error.strerror or error}", path=path) from error
    try:
        text = raw.decode("utf-8-sig")
        document = tomllib.loads(text)
    except UnicodeDecodeError as error:
        raise ConfigError("the file is not UTF-8 text", path=path) from error
    except tomllib.TOMLDecodeError as error:
        found = _TOML_LINE.search(str(error))
        line = int(found.group(1)) if found else None
        raise ConfigError(f"not valid TOML: {error}", path=path, line=line) from error
    return _from_document(document, text, path)


def _from_document(document: dict[str, Any], text: str, path: Path) -> Config:
    values: dict[str, object] = {}
    by_place = {(s.section, s.key): s for s in SETTINGS}
    for section, table in document.items():
        if section not in SECTIONS:
            owner = next((s.section for s in SETTINGS if s.key == section), None)
            hint = f"put it under [{owner}]. " if owner else _suggest(section, SECTIONS)
            raise ConfigError(
                f"unknown {'section' if isinstance(table, dict) else 'setting'} {_shown(section)}; "
                f"{hint}Sections are: {', '.join(SECTIONS)}",
                path=path,
                line=line_of(text, section) or line_of(text, None, section),
                key=section,
            )
        if not isinstance(table, dict):
            raise ConfigError(
                f"{section} must be a [{section}] section",
                path=path,
                line=line_of(text, None, section),
            )
        if section == KEYS_SECTION:
            values["keys"] = MappingProxyType(_keys_table(table, text, path))
            continue
        known = [s.key for s in SETTINGS if s.section == section]
        for key, value in table.items():
            setting = by_place.get((section, key))
            line = line_of(text, section, key)
            if setting is None:
                raise ConfigError(
                    f"unknown setting [{section}] {key}; {_suggest(key, known)}"
                    f"[{section}] knows: {', '.join(known)}",
                    path=path,
                    line=line,
                    key=f"{section}.{key}",
                )
            try:
                values[setting.attribute] = setting.parse(value, path)
            except ValueError:
                raise ConfigError(
                    f"[{section}] {key} = {_shown(value)} is not allowed; use {setting.allowed}",
                    path=path,
                    line=line,
                    key=f"{section}.{key}",
                ) from None
    return Config(**values)  # type: ignore[arg-type]


def _keys_table(table: dict[str, Any], text: str, path: Path) -> dict[str, str]:
    keys: dict[str, str] = {}
    for action, value in table.items():
        listed = value if isinstance(value, list) else [value]
        try:
            if not listed or not all(isinstance(item, str) for item in listed):
                raise ValueError("give a key name or a list of key names")
            keys[action] = ",".join(normalize_key_list(",".join(listed)))
        except ValueError as error:
            raise ConfigError(
                f"[keys] {action} = {_shown(value)}: {error}",
                path=path,
                line=line_of(text, KEYS_SECTION, action),
                key=f"keys.{action}",
            ) from None
    return keys


def validate_keys(
    overrides: Mapping[str, str],
    actions: Mapping[str, str],
    scopes: Mapping[str, str] | None = None,
    *,
    source: Path | None = None,
) -> dict[str, str]:
    """Check ``[keys]`` overrides against the app's actions; return them ready for Textual.

    Args:
        overrides: action id → key(s), e.g. `Config.keys`.
        actions: every known action id → its default key(s) (the app's binding table).
        scopes: action id → where its binding is active (``app``, ``sidebar``, ``reader``...).
            Two actions may share a key in different scopes, except that an ``app``-scope
            (global) key clashes with every scope. Missing actions count as ``app``.
        source: the config file, for error messages.

    Returns:
        The overrides with normalised Textual key names (``?`` → ``question_mark``),
        suitable for ``App.set_keymap``.

    Raises:
        ConfigError: an unknown action (with the closest known one), an invalid key name,
            or a clash that involves at least one overridden action.
    """
    scope_of = dict(scopes or {})
    text = _read_quietly(source)
    normalized: dict[str, tuple[str, ...]] = {}
    for action, keys in overrides.items():
        line = None if text is None else line_of(text, KEYS_SECTION, action)
        if action not in actions:
            raise ConfigError(
                f"[keys] {action}: unknown action; {_suggest(action, sorted(actions))}"
                f"known actions: {', '.join(sorted(actions))}",
                path=source,
                line=line,
                key=f"keys.{action}",
            )
        try:
            normalized[action] = normalize_key_list(keys)
        except ValueError as error:
            raise ConfigError(
                f"[keys] {action} = {_shown(keys)}: {error}",
                path=source,
                line=line,
                key=f"keys.{action}",
            ) from None
    effective = {action: normalize_key_list(default) for action, default in actions.items()}
    effective.update(normalized)
    holders: dict[str, list[str]] = {}
    for action, bound in effective.items():
        for key in bound:
            holders.setdefault(key, []).append(action)
    for key, names in holders.items():
        for index, first in enumerate(names):
            for second in names[index + 1 :]:
                if first not in overrides and second not in overrides:
                    continue  # the app's own defaults are its business
                a, b = scope_of.get(first, GLOBAL_SCOPE), scope_of.get(second, GLOBAL_SCOPE)
                if a == b or GLOBAL_SCOPE in (a, b):
                    culprit = first if first in overrides else second
                    other = second if culprit == first else first
                    raise ConfigError(
                        f"[keys] {culprit}: key {describe_key(key)} is already used by {other} "
                        f"({scope_of.get(other, GLOBAL_SCOPE)}); choose another key or "
                        f"rebind {other} too",
                        path=source,
                        line=None if text is None else line_of(text, KEYS_SECTION, culprit),
                        key=f"keys.{culprit}",
                    )
    return {action: ",".join(keys) for action, keys in normalized.items()}


def _read_quietly(path: Path | None) -> str | None:
    if path is None:
        return None
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return None


def ensure_config(path: Path | None = None) -> bool:
    """On first run, write the commented default config (default `config_path()`).

    Returns:
        True if the file was written now, False if one already existed (left untouched).

    Raises:
        ConfigError: the folder or file cannot be created.
    """
    return write_default_config(config_path() if path is None else path)


def write_default_config(path: Path) -> bool:
    """Write the fully commented default config to *path* unless a file is already there.

    The file is created exclusively (``open(..., "x")``), so a config written by the user or
    by another akhbar starting at the same moment is never overwritten.
    """
    from tui.config_toml import DEFAULT_CONFIG_TEXT

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:
            handle.write(DEFAULT_CONFIG_TEXT)
    except FileExistsError:
        return False
    except OSError as error:
        raise ConfigError(
            f"cannot write the default config: {error.strerror or error}", path=path
        ) from error
    return True

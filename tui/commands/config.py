"""`akhbar config [--path] [--show] [--check]`: locate, print or validate config.toml."""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Mapping

#: Where the reader publishes its binding table (action id → default keys) and the scope of
#: each action, so `--check` can validate ``[keys]`` without starting the app.
KEYMAP_MODULE = "tui.app.keymap"


def register(parser: argparse.ArgumentParser) -> None:
    """Add the options of `akhbar config`."""
    parser.add_argument("--path", action="store_true", help="print the config file's path")
    parser.add_argument("--show", action="store_true", help="print the settings in effect, as TOML")
    parser.add_argument(
        "--check",
        action="store_true",
        help="validate the file (exit 1 with the problem if it is invalid)",
    )
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    """Print the path, check, then show (as asked); with no flag, the path and if it exists."""
    from tui.config import ConfigError, config_path, load_config, validate_keys
    from tui.config_toml import format_config

    path = config_path()
    if not (args.path or args.show or args.check):
        state = "exists" if path.is_file() else "does not exist yet (defaults are in effect)"
        _out(f"{path}\n{state}\n")
        return 0
    if args.path:
        _out(f"{path}\n")
    if not (args.show or args.check):
        return 0
    try:
        config = load_config(path)
        keymap = _app_keymap()
        if keymap is not None:
            validate_keys(config.keys, keymap[0], keymap[1], source=path)
    except ConfigError as error:
        print(f"akhbar config: {error}", file=sys.stderr)
        return 1
    if args.check:
        where = path if path.is_file() else f"{path} (absent: defaults)"
        keys = "" if keymap is not None or not config.keys else "; [keys] actions not checked"
        _out(f"{where}: OK{keys}\n")
    if args.show:
        _out(format_config(config))
    return 0


def _out(text: str) -> None:
    """Write UTF-8 whatever the locale: paths and themes may be Arabic."""
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8", "surrogateescape"))
    sys.stdout.flush()


def _app_keymap() -> tuple[Mapping[str, str], Mapping[str, str]] | None:
    """The reader's (actions, scopes) tables, or None if it does not publish them (yet)."""
    try:
        module = importlib.import_module(KEYMAP_MODULE)
    except ModuleNotFoundError as error:
        if error.name is not None and KEYMAP_MODULE.startswith(error.name):
            return None
        raise
    actions: Mapping[str, str] = module.DEFAULT_KEYS
    scopes: Mapping[str, str] = getattr(module, "KEY_SCOPES", {})
    return actions, scopes

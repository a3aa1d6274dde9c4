"""`akhbar [PATH...]`: open the reader (the default command)."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def validated_keymap(overrides: dict[str, str] | object) -> dict[str, str]:
    """The config's ``[keys]`` checked against the reader's bindings (ConfigError if not)."""
    if not overrides:
        return {}
    from tui.app.keymap import binding_table
    from tui.config import config_path, validate_keys

    actions, scopes = binding_table()
    return validate_keys(overrides, actions, scopes, source=config_path())  # type: ignore[arg-type]


def run(args: argparse.Namespace) -> int:
    """Load settings and the corpus, put the terminal in the right bidi mode, run the app."""
    from tui.app.memory import pause_during_startup

    pause_during_startup()  # until the first list is painted (MainScreen resumes it)
    from tui.terminal.capabilities import apply_terminal_environment

    apply_terminal_environment()  # before Textual is imported: colours, animations
    if sys.__stdout__ is not None and sys.__stdout__.isatty():
        # Textual sizes the screen with shutil.get_terminal_size(), which prefers COLUMNS
        # and LINES: exported ones (test runners, some shells) would pin a stale size and
        # make resizes (SIGWINCH) be ignored. The terminal itself knows its size.
        os.environ.pop("COLUMNS", None)
        os.environ.pop("LINES", None)

    from tui.app.launch import ReaderOptions, load_options
    from tui.terminal.bidi_mode import bidi_terminal_mode

    try:
        options: ReaderOptions = load_options(
            paths=[Path(p) for p in args.paths],
            bidi=args.bidi,
            lang=args.lang,
            theme=args.theme,
            state_dir=Path(args.state_dir) if args.state_dir else None,
            read_only=args.read_only,
        )
        keymap = validated_keymap(options.config.keys)
    except ValueError as error:  # ConfigError and friends: a clear message, no traceback
        print(f"akhbar: {error}", file=sys.stderr)
        return 2

    from tui.corpus.preload import CorpusPreload

    # Read while Textual loads (see tui.corpus.preload).
    preload = CorpusPreload(options.paths, write_cache=not options.read_only, fork_workers=True)

    from tui.app.app import AkhbarApp

    app = AkhbarApp(options, keymap, preload)
    guard = bidi_terminal_mode(options.bidi, stream=sys.__stdout__, on_signal=app.exit)
    app.bidi_guard = guard
    with guard:
        app.run()
    for line in app.exit_messages:
        print(line, file=sys.stderr)
    if guard.received_signal is not None:
        return 128 + guard.received_signal
    return app.return_code or 0

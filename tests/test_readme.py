"""The README documents every key binding and every command the code has."""

from __future__ import annotations

from pathlib import Path

from tui.app.keymap import binding_table
from tui.cli import COMMANDS

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_action_is_in_the_keys_section() -> None:
    keys = README.split("<!-- keys:begin -->")[1].split("<!-- keys:end -->")[0]
    actions, _ = binding_table()
    missing = [action for action in actions if f"`{action}`" not in keys]
    assert not missing, f"README lacks keys for: {missing}"


def test_every_command_is_documented() -> None:
    for name in COMMANDS:
        assert f"akhbar {name}" in README, name


def test_the_two_setup_commands_are_the_ones_ci_runs() -> None:
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert "pip install -e . && akhbar" in README
    assert 'pip install -e ".[test]" && pytest -n 2' in README
    assert 'pip install -e ".[test]" && pytest -n 2' in ci

"""`akhbar config`: --path, --show, --check and the bare command."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli import main
from tui.config import Config, ensure_config, load_config
from tui.paths import config_dir


def run(argv: list[str], capsysbinary: pytest.CaptureFixture[bytes]) -> tuple[int, str, str]:
    status = main(["config", *argv])
    captured = capsysbinary.readouterr()
    return status, captured.out.decode("utf-8"), captured.err.decode("utf-8")


def config_file() -> Path:
    return config_dir() / "config.toml"


def test_bare_command_says_where_and_whether(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    status, out, _ = run([], capsysbinary)
    assert status == 0
    assert out == f"{config_file()}\ndoes not exist yet (defaults are in effect)\n"
    ensure_config()
    assert run([], capsysbinary)[1] == f"{config_file()}\nexists\n"


def test_path(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    assert run(["--path"], capsysbinary)[:2] == (0, f"{config_file()}\n")


def test_show_prints_the_settings_in_effect(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    config_file().write_text(
        '[display]\ntheme = "سمة"\nlang = "ar"\n[keys]\nhelp = "?"\n', encoding="utf-8"
    )
    status, out, _ = run(["--show"], capsysbinary)
    assert status == 0
    assert 'theme = "سمة"' in out
    assert 'bidi = "app"' in out  # defaults are shown too
    shown = config_file().with_name("shown.toml")
    shown.write_text(out, encoding="utf-8")
    assert load_config(shown) == load_config(config_file())
    assert dict(load_config(shown).keys) == {"help": "question_mark"}


def test_show_without_a_file_shows_the_defaults(
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    status, out, _ = run(["--show"], capsysbinary)
    shown = config_dir() / "shown.toml"
    shown.write_text(out, encoding="utf-8")
    assert status == 0 and load_config(shown) == Config()


def test_check_ok_and_broken(capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    ensure_config()
    status, out, _ = run(["--check"], capsysbinary)
    assert (status, out) == (0, f"{config_file()}: OK\n")
    config_file().write_text('[display]\n\nbidi = "rtl"\n', encoding="utf-8")
    status, out, err = run(["--check"], capsysbinary)
    assert status == 1 and out == ""
    assert err.startswith(f"akhbar config: {config_file()}, line 3: ")
    assert '"app", "terminal"' in err


def test_path_is_printed_even_when_the_check_fails(
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    config_file().write_text("[nope]\n", encoding="utf-8")
    status, out, err = run(["--path", "--check"], capsysbinary)
    assert (status, out) == (1, f"{config_file()}\n")
    assert "unknown section" in err


def test_check_validates_keys_against_the_apps_table(
    capsysbinary: pytest.CaptureFixture[bytes],
) -> None:
    """`--check` uses the reader's own binding table (tui/app/keymap.py)."""
    config_file().write_text('[keys]\ntoggle_bookmrk = "x"\n', encoding="utf-8")
    status, _, err = run(["--check"], capsysbinary)
    assert status == 1
    assert 'did you mean "toggle_bookmark"' in err
    assert f"{config_file()}, line 2" in err

    config_file().write_text('[keys]\ntoggle_bookmark = "q"\n', encoding="utf-8")
    status, _, err = run(["--check"], capsysbinary)
    assert status == 1 and 'key "q" is already used by quit' in err

    config_file().write_text('[keys]\ntoggle_bookmark = "x"\n', encoding="utf-8")
    assert run(["--check"], capsysbinary)[:2] == (0, f"{config_file()}: OK\n")

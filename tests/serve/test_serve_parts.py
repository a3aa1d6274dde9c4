"""The server's parts without a network: keys, folders, sizes, statuses, settings, the CLI."""

from __future__ import annotations

import os
import stat
import struct
from pathlib import Path

import asyncssh
import pytest

from tests.conftest import ARTICLES
from tests.serve.harness import make_key, needs_openssh
from tui.cli import main
from tui.serve.connection import printable
from tui.serve.keys import (
    AuthorizedKeys,
    ServeError,
    default_host_key_path,
    load_or_create_host_key,
    user_dir_name,
)
from tui.serve.pty_child import TerminalSize, exit_status
from tui.serve.session import FALLBACK_TERM, safe_term
from tui.serve.ssh import ReaderServer, ServeSettings


def test_host_key_is_created_private_then_reused(isolated_dirs: Path) -> None:
    path = default_host_key_path()
    assert path.parent == isolated_dirs / "data"
    key, created = load_or_create_host_key()
    assert created
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert path.read_bytes().startswith(b"-----BEGIN OPENSSH PRIVATE KEY-----")
    assert path.with_name(path.name + ".pub").read_bytes().startswith(b"ssh-ed25519 ")
    again, created_again = load_or_create_host_key()
    assert not created_again
    assert again.get_fingerprint() == key.get_fingerprint()


def test_host_key_readable_by_others_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "key"
    load_or_create_host_key(path)
    path.chmod(0o644)
    with pytest.raises(ServeError, match="chmod 600"):
        load_or_create_host_key(path)


def test_host_key_that_is_not_a_key_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "key"
    path.write_text("not a key\n")
    path.chmod(0o600)
    with pytest.raises(ServeError, match="cannot use host key"):
        load_or_create_host_key(path)


@needs_openssh
def test_authorized_keys_follow_the_file(tmp_path: Path) -> None:
    first = asyncssh.read_public_key(make_key(tmp_path, "one").with_suffix(".pub"))
    second = asyncssh.read_public_key(make_key(tmp_path, "two").with_suffix(".pub"))
    path = tmp_path / "authorized"
    path.write_text("# colleagues\n" + first.export_public_key().decode())
    keys = AuthorizedKeys(path)
    assert keys.allows(first, "127.0.0.1", "127.0.0.1")
    assert not keys.allows(second, "127.0.0.1", "127.0.0.1")
    path.write_text(first.export_public_key().decode() + "\n" + second.export_public_key().decode())
    os.utime(path, ns=(0, 10**18))  # a different mtime even within the clock's resolution
    assert keys.allows(second, "127.0.0.1", "127.0.0.1")
    path.unlink()
    assert not keys.allows(first, "127.0.0.1", "127.0.0.1")  # file gone: nobody gets in


@needs_openssh
def test_authorized_keys_honour_from_option(tmp_path: Path) -> None:
    key = asyncssh.read_public_key(make_key(tmp_path, "one").with_suffix(".pub"))
    path = tmp_path / "authorized"
    path.write_text('from="10.1.2.3" ' + key.export_public_key().decode())
    keys = AuthorizedKeys(path)
    assert keys.allows(key, "10.1.2.3", "10.1.2.3")
    assert not keys.allows(key, "127.0.0.1", "127.0.0.1")


@pytest.mark.parametrize("text", ["", "# only a comment\n", "not a key\n"])
def test_authorized_keys_without_keys_stop_the_server(tmp_path: Path, text: str) -> None:
    path = tmp_path / "authorized"
    path.write_text(text)
    with pytest.raises(ServeError, match="holds no public key"):
        AuthorizedKeys(path)


def test_user_folder_names_are_safe_and_distinct() -> None:
    one = user_dir_name("SHA256:abc/def+ghi")
    two = user_dir_name("SHA256:abc/def+ghj")
    assert len(one) == 24
    assert set(one) <= set("0123456789abcdef")
    assert one != two
    assert one == user_dir_name("SHA256:abc/def+ghi")


@pytest.mark.parametrize(
    ("columns", "rows", "expected"),
    [(0, 0, (80, 24)), (100, 30, (100, 30)), (99999, 99999, (1000, 500)), (-5, 3, (1, 3))],
)
def test_terminal_size_from_untrusted_numbers(
    columns: int, rows: int, expected: tuple[int, int]
) -> None:
    size = TerminalSize.clamped(columns, rows)
    assert (size.columns, size.rows) == expected
    assert struct.unpack("HHHH", size.packed()) == (expected[1], expected[0], 0, 0)


@pytest.mark.parametrize(
    ("returncode", "status"), [(0, 0), (3, 3), (-9, 137), (-15, 143), (None, 1), (256 + 7, 7)]
)
def test_exit_status_like_a_shell(returncode: int | None, status: int) -> None:
    assert exit_status(returncode) == status


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("xterm-256color", "xterm-256color"),
        ("screen.xterm-256color", "screen.xterm-256color"),
        ("linux", "linux"),
        ("", FALLBACK_TERM),
        ("xterm\x1b]0;owned\x07", FALLBACK_TERM),
        ("../../etc/passwd", FALLBACK_TERM),
        ("x" * 65, FALLBACK_TERM),
    ],
)
def test_term_from_the_client_is_checked(term: str, expected: str) -> None:
    assert safe_term(term) == expected


def test_client_text_is_escaped_and_cut_in_logs() -> None:
    assert printable("alice\n#2 login user=root") == "'alice\\n#2 login user=root'"
    assert printable("x" * 500).endswith("…")
    assert len(printable("x" * 500)) < 130


def test_missing_authorized_keys_is_explained() -> None:
    with pytest.raises(ServeError, match="--allow-anonymous"):
        ReaderServer(ServeSettings(articles=(ARTICLES,)))


def test_missing_article_path_is_explained(tmp_path: Path) -> None:
    with pytest.raises(ServeError, match="no such article"):
        ReaderServer(ServeSettings(allow_anonymous=True, articles=(tmp_path / "nope",)))


def test_reader_command_and_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "hunter2")
    monkeypatch.setenv("LC_ALL", "en_US.ISO-8859-1")
    server = ReaderServer(ServeSettings(allow_anonymous=True, articles=(ARTICLES,)))
    argv = server.reader_argv(tmp_path)
    assert argv[1:3] == ["-m", "tui"]
    assert argv[3:7] == ["--read-only", "--state-dir", str(tmp_path), "--"]
    assert argv[7:] == [str(ARTICLES.resolve())]

    class Connection:
        fingerprint = "SHA256:x"

        def ssh_connection_value(self) -> str:
            return "10.0.0.5 5555 10.0.0.1 2222"

    env = server.reader_env(Connection(), "screen-256color", tmp_path)  # type: ignore[arg-type]
    assert "AWS_SECRET_ACCESS_KEY" not in env
    assert "LC_ALL" not in env
    assert env["LANG"] == "C.UTF-8"
    assert env["TERM"] == "screen-256color"
    assert env["AKHBAR_DATA_DIR"] == str(tmp_path)
    assert env["SSH_CONNECTION"] == "10.0.0.5 5555 10.0.0.1 2222"


def test_serve_needs_a_transport(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve"]) == 2
    assert "--ssh" in capsys.readouterr().err


def test_serve_without_keys_says_what_to_do(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--ssh", "--port", "0", str(ARTICLES)]) == 1
    err = capsys.readouterr().err
    assert "no authorized keys" in err
    assert "--allow-anonymous" in err


def test_keys_and_anonymous_exclude_each_other(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["serve", "--ssh", "--authorized-keys", str(tmp_path), "--allow-anonymous"])
    assert raised.value.code == 2

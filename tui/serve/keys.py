"""Keys for `akhbar serve`: the host key kept in the data dir, authorized_keys, per-user folders.

The host key is generated on first run and written with mode 0600 from the start (never
created world-readable and narrowed afterwards); an existing key that others can read is
refused, as OpenSSH refuses it. authorized_keys is re-read whenever the file changes, so
adding a colleague takes effect without restarting the server.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Final

import asyncssh

from tui.paths import config_dir, data_dir
from tui.serve import AUTHORIZED_KEYS_NAME, HOST_KEY_NAME

HOST_KEY_ALGORITHM: Final = "ssh-ed25519"
USERS_DIR_NAME: Final = "ssh-users"
PRIVATE_FILE_MODE: Final = 0o600
PRIVATE_DIR_MODE: Final = 0o700
PUBLIC_FILE_MODE: Final = 0o644
#: Hex digits of the SHA-256 of a key fingerprint that name a user's state folder.
USER_DIR_DIGITS: Final = 24
ANONYMOUS: Final = "anonymous"


class ServeError(Exception):
    """A problem with the server's setup the operator must fix (shown as one clear line)."""


def default_host_key_path() -> Path:
    """Where the host key lives unless `--host-key` says otherwise."""
    return data_dir() / HOST_KEY_NAME


def default_authorized_keys_path() -> Path:
    """The reader's own authorized_keys (not ~/.ssh's: those keys would also open a shell)."""
    return config_dir() / AUTHORIZED_KEYS_NAME


def users_dir() -> Path:
    """Parent of the per-key reader state folders."""
    return data_dir() / USERS_DIR_NAME


def key_fingerprint(key: asyncssh.SSHKey) -> str:
    """The OpenSSH-style ``SHA256:…`` fingerprint logged for each connection."""
    return key.get_fingerprint("sha256")


def user_dir_name(fingerprint: str) -> str:
    """A file-name-safe folder name for a key (fingerprints contain ``/`` and ``+``)."""
    return hashlib.sha256(fingerprint.encode("ascii")).hexdigest()[:USER_DIR_DIGITS]


def ensure_private_dir(path: Path) -> Path:
    """Create *path* (and parents) readable only by the server's user."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR_MODE)
    with contextlib.suppress(OSError):
        path.chmod(PRIVATE_DIR_MODE)
    return path


def _check_private(path: Path) -> None:
    mode = stat.S_IMODE(path.stat().st_mode)
    if mode & 0o077:
        raise ServeError(
            f"host key {path} is accessible by other users (mode {mode:o}); run `chmod 600 {path}`"
        )


def load_or_create_host_key(path: Path | None = None) -> tuple[asyncssh.SSHKey, bool]:
    """Read the host key, generating it on first run.

    Returns:
        The key and whether it was created now.

    Raises:
        ServeError: the key exists but is unreadable, not a private key, or not private.
    """
    path = path or default_host_key_path()
    if not path.exists():
        ensure_private_dir(path.parent)
        key = asyncssh.generate_private_key(HOST_KEY_ALGORITHM, comment="akhbar serve")
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
        except FileExistsError:
            pass  # another server started at the same moment: use its key
        else:
            with os.fdopen(fd, "wb") as handle:
                handle.write(key.export_private_key())
            public = path.with_name(path.name + ".pub")
            with contextlib.suppress(OSError):
                public.write_bytes(key.export_public_key())
                public.chmod(PUBLIC_FILE_MODE)
            return key, True
    try:
        _check_private(path)
        return asyncssh.read_private_key(path), False
    except (OSError, asyncssh.KeyImportError, ValueError) as error:
        raise ServeError(f"cannot use host key {path}: {error}") from error


@dataclass(frozen=True, slots=True)
class _Snapshot:
    mtime_ns: int
    size: int
    keys: asyncssh.SSHAuthorizedKeys | None


class AuthorizedKeys:
    """An authorized_keys file, re-read when it changes; `from=` options are honoured."""

    def __init__(self, path: Path) -> None:
        """Read *path* now so a missing or empty file stops the server at start.

        Raises:
            ServeError: the file is missing, unreadable or holds no key.
        """
        self.path = path
        self._snapshot = self._read()
        if self._snapshot.keys is None:
            raise ServeError(f"{path} holds no public key; add one per line (ssh-ed25519 …)")

    def _read(self) -> _Snapshot:
        try:
            info = self.path.stat()
            text = self.path.read_text(encoding="utf-8", errors="replace")
        except OSError as error:
            raise ServeError(f"cannot read authorized keys {self.path}: {error}") from error
        keys: asyncssh.SSHAuthorizedKeys | None = None
        if any(line.strip() and not line.lstrip().startswith("#") for line in text.splitlines()):
            with contextlib.suppress(ValueError):  # raised when no line holds a usable key
                keys = asyncssh.import_authorized_keys(text)
        return _Snapshot(info.st_mtime_ns, info.st_size, keys)

    def _current(self) -> asyncssh.SSHAuthorizedKeys | None:
        try:
            info = self.path.stat()
        except OSError:
            return None  # file removed: nobody gets in until it is back
        if (info.st_mtime_ns, info.st_size) != (self._snapshot.mtime_ns, self._snapshot.size):
            with contextlib.suppress(ServeError):
                self._snapshot = self._read()
        return self._snapshot.keys

    def allows(self, key: asyncssh.SSHKey, client_host: str, client_addr: str) -> bool:
        """Whether *key* may log in from this address."""
        keys = self._current()
        return keys is not None and keys.validate(key, client_host, client_addr) is not None

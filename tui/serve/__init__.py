"""The built-in SSH server: `akhbar serve --ssh` offers the reader, and only the reader.

`tui.serve.ssh` holds the asyncssh server and its settings, `tui.serve.session` one session's
reader on its pty, `tui.serve.pty_child` the child process, `tui.serve.keys` host key,
authorized keys and per-user folders. This package module holds only the defaults, so
`akhbar serve --help` does not pay for importing asyncssh.
"""

from __future__ import annotations

from typing import Final

DEFAULT_HOST: Final = "127.0.0.1"
DEFAULT_PORT: Final = 2222
DEFAULT_MAX_SESSIONS: Final = 20
DEFAULT_IDLE_MINUTES: Final = 30.0
DEFAULT_LOGIN_TIMEOUT: Final = 30.0
#: Connections still in key exchange or authentication; more are dropped at once.
DEFAULT_MAX_UNAUTHENTICATED: Final = 32
HOST_KEY_NAME: Final = "ssh_host_ed25519_key"
AUTHORIZED_KEYS_NAME: Final = "ssh_authorized_keys"

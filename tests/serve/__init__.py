"""Tests of the built-in SSH server, driven by the real OpenSSH client."""

"""The reader's binding table: every action id, its default keys and where it is active.

Read from the widgets' own BINDINGS (declared once, where the behaviour lives), so the
help screen, `[keys]` validation at start and `akhbar config --check` never disagree.
"""

from __future__ import annotations

from typing import Any

from textual.binding import Binding


def binding_owners() -> list[tuple[str, str, type]]:
    """(help section message id, scope, class) for every class that declares bindings."""
    from tui.app.app import AkhbarApp

    return [("help.section.everywhere", "app", AkhbarApp), *AkhbarApp.WIDGET_SCOPES]


def binding_table() -> tuple[dict[str, str], dict[str, str]]:
    """Action id → default key(s), and action id → scope."""
    actions: dict[str, str] = {}
    scopes: dict[str, str] = {}
    for _, scope, owner in binding_owners():
        for binding in getattr(owner, "BINDINGS", []):
            if isinstance(binding, Binding) and binding.id:
                actions.setdefault(binding.id, binding.key)
                scopes.setdefault(binding.id, scope)
    return actions, scopes


def __getattr__(name: str) -> Any:
    """``DEFAULT_KEYS`` and ``KEY_SCOPES``, computed on first use (they import the app)."""
    if name == "DEFAULT_KEYS":
        return binding_table()[0]
    if name == "KEY_SCOPES":
        return binding_table()[1]
    raise AttributeError(name)

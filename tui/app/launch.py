"""What the reader starts with: CLI options over config file over defaults (no Textual here)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from tui.config import Config, ensure_config, load_config
from tui.corpus.loader import default_paths
from tui.paths import shipped_articles_dir

if TYPE_CHECKING:
    from tui.config import BidiMode, MarkRead
    from tui.i18n import Lang
    from tui.listing import SortKey


@dataclass(frozen=True, slots=True)
class ReaderOptions:
    """Everything the app needs to start.

    Attributes:
        paths: files and folders to read.
        bidi: ``app`` or ``terminal``.
        lang: interface language.
        theme: Textual theme, or None for the one saved in reader state / the config.
        state_dir: folder of the reader-state database (None: the data dir).
        read_only: never write reader state (the SSH server's shared corpus).
        config: the loaded configuration.
    """

    paths: tuple[Path, ...]
    bidi: BidiMode
    lang: Lang
    theme: str | None
    state_dir: Path | None
    read_only: bool
    config: Config = field(default_factory=Config)

    @property
    def mark_read(self) -> MarkRead:
        """When an article becomes read."""
        return self.config.mark_read

    @property
    def sort(self) -> SortKey:
        """The configured sidebar order."""
        return self.config.sort


def corpus_paths(config: Config, paths: list[Path]) -> tuple[Path, ...]:
    """The paths given on the command line, or the configured default corpus."""
    if paths:
        return tuple(paths)
    found = default_paths()
    if not config.include_shipped:
        shipped = shipped_articles_dir()
        found = [p for p in found if p != shipped]
    return tuple(found)


def load_options(
    *,
    paths: list[Path],
    bidi: str | None,
    lang: str | None,
    theme: str | None,
    state_dir: Path | None,
    read_only: bool,
) -> ReaderOptions:
    """Combine command-line options with the config file.

    Raises:
        ConfigError: the config file is invalid (the message says where and why).
    """
    if not read_only:
        ensure_config()
    config = load_config()
    return ReaderOptions(
        paths=corpus_paths(config, paths),
        bidi=(bidi or config.bidi),  # type: ignore[arg-type]
        lang=(lang or config.lang),  # type: ignore[arg-type]
        theme=theme,
        state_dir=state_dir,
        read_only=read_only,
        config=config,
    )

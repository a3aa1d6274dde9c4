"""The akhbar Textual application: themes, keymap, notifications, feeds, the help screen.

Small on purpose: the main screen owns the reader's state; pure modules own the logic.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.theme import Theme

from tui.app.memory import IdleCollector
from tui.app.screens.help import HelpLine, HelpScreen, binding_lines
from tui.app.screens.main import MainScreen
from tui.app.strips import visual_text
from tui.app.widgets.article_list import ArticleList
from tui.app.widgets.entity_panel import EntityPanel
from tui.app.widgets.filter_box import FilterBox
from tui.app.widgets.reading_pane import ReadingPane
from tui.i18n import action_description, t
from tui.state.store import ReaderState
from tui.text.bidi_levels import paragraph_is_rtl
from tui.text.layout import Mode
from tui.text.sanitize import sanitize_line

if TYPE_CHECKING:
    from pathlib import Path

    from textual.notifications import SeverityLevel

    from tui.app.launch import ReaderOptions
    from tui.corpus.article import Problem
    from tui.corpus.loader import Corpus, Listing
    from tui.corpus.preload import CorpusPreload
    from tui.terminal.bidi_mode import BidiTerminalGuard

#: How often the app checks whether garbage may be collected (see `tui.app.memory`).
IDLE_CHECK_S = 0.25
STATE_FILE = "state.sqlite3"
SETTING_THEME = "theme"
NOTIFY_WIDTH = 46
HIGH_CONTRAST = Theme(
    name="akhbar-high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ffff00",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1a1a1a",
    success="#00ff00",
    warning="#ffff00",
    error="#ff5555",
    dark=True,
    variables={
        "entity-person": "#ff87ff",
        "entity-location": "#5fffff",
        "entity-organization": "#ffff5f",
        "search-hit": "#ffff00",
        "search-current": "#ff8700",
        "block-cursor-background": "#ffff00",
        "block-cursor-foreground": "#000000",
    },
)
#: Highlight colours every theme gets unless it defines its own.
THEME_DEFAULTS = {
    "entity-person": "#d787ff",
    "entity-location": "#5fd7ff",
    "entity-organization": "#ffd75f",
    "search-hit": "#af8700",
    "search-current": "#ff8700",
}


class AkhbarApp(App[None]):
    """The reader. Construct with `ReaderOptions` (see `tui.app.launch.load_options`)."""

    TITLE = "akhbar"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit", id="quit"),
        Binding("question_mark,f1", "help", "Help", id="help"),
        Binding("ctrl+p", "command_palette", "Commands", id="command_palette", show=False),
        Binding("tab", "app.focus_next", "Next pane", id="focus_next", show=False),
        Binding(
            "shift+tab", "app.focus_previous", "Previous pane", id="focus_previous", show=False
        ),
        Binding("ctrl+c", "screen.copy_text", "Copy selection", id="copy_selection", show=False),
    ]
    #: Where each binding table is active (after the app's own), for the help screen and
    #: key validation: (help section, scope, owner).
    WIDGET_SCOPES: ClassVar[list[tuple[str, str, type]]] = [
        ("help.section.everywhere", "app", MainScreen),
        ("help.section.list", "list", ArticleList),
        ("help.section.reading", "reader", ReadingPane),
        ("help.section.search_box", "search", FilterBox),
        ("help.section.entities", "entities", EntityPanel),
    ]

    @property
    def SCOPES(self) -> list[tuple[str, str, type]]:
        """Every binding table: the app's, then the widgets'."""
        return [("help.section.everywhere", "app", type(self)), *self.WIDGET_SCOPES]

    def __init__(
        self,
        options: ReaderOptions,
        keymap: dict[str, str] | None = None,
        preload: CorpusPreload | None = None,
    ) -> None:
        # NO_COLOR: Textual alone draws greys (its Monochrome filter); with native ANSI
        # colours it removes colour altogether, which is what no-color.org asks for.
        super().__init__(ansi_color=bool(os.environ.get("NO_COLOR")))
        self.options = options
        self.keymap = keymap or {}
        self._preload = preload
        self._started_preload = preload
        #: A loaded corpus whose cache writes wait for a worker (`Corpus.write_cache`):
        #: made before the process ends, if the worker has not made them yet.
        self.unsaved_corpus: Corpus | None = None
        self.bidi_mode = Mode(options.bidi)
        self.bidi_guard: BidiTerminalGuard | None = None
        self.exit_messages: list[str] = []
        self.problems: list[Problem] = []
        self._key_display: tuple[dict[str, str], dict[str, str]] | None = None
        self._collector = IdleCollector()
        path = options.state_dir / STATE_FILE if options.state_dir else None
        read_only = options.read_only and options.state_dir is None
        self.state = ReaderState.open(path, read_only=read_only)
        self.register_theme(HIGH_CONTRAST)

    # -- start and stop -----------------------------------------------------------------

    def on_mount(self) -> None:
        if self.keymap:
            self.set_keymap(self.keymap)
        theme = self.options.theme or self.state.setting(SETTING_THEME) or self.options.config.theme
        with contextlib.suppress(Exception):  # an unknown theme name keeps the default
            self.theme = theme
        self.push_screen(MainScreen())
        notice = self.state.take_notice()
        if notice is not None:
            self.notify_text(notice.message(self.options.lang), severity="warning", timeout=10)
        self.set_interval(2.0, self._flush_positions)
        self._collector.start()
        self.set_interval(IDLE_CHECK_S, self._collector.collect_if_due)

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.InputEvent):
            self._collector.activity()  # no garbage collection right after a key
        await super().on_event(event)

    def watch_theme(self, theme: str) -> None:
        if not self.options.read_only or self.options.state_dir is not None:
            self.state.set_setting(SETTING_THEME, theme)

    def _flush_positions(self) -> None:
        screen = self._main()
        if screen is not None:
            screen.model.flush_position()

    def _main(self) -> MainScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        return None

    async def action_quit(self) -> None:
        self._flush_positions()
        self.exit()

    def exit(self, *args: Any, **kwargs: Any) -> None:
        """Exit; a first load still reading stops at once (the process would otherwise
        wait for it to finish before it ends)."""
        if self._started_preload is not None:
            self._started_preload.cancel()
        super().exit(*args, **kwargs)

    def on_unmount(self) -> None:
        self._flush_positions()
        self.state.close()
        self._collector.stop()
        if self.unsaved_corpus is not None:  # a worker may be writing it: this waits
            self.unsaved_corpus.write_cache()

    def take_preload(self, paths: tuple[Path, ...]) -> Listing | Corpus | None:
        """What the command started reading for *paths* before the app started (waits for
        it; once: later reads are fresh); None if nothing was, or for other paths.
        Call from a worker thread."""
        preload, self._preload = self._preload, None
        if preload is None or preload.paths != tuple(paths):
            return None
        return preload.result()

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(THEME_DEFAULTS)

    # -- keys ---------------------------------------------------------------------------

    def binding_table(self) -> tuple[dict[str, str], dict[str, str]]:
        """Every binding id → its default key(s), and → where it is active."""
        from tui.app.keymap import binding_table

        return binding_table()

    def key_display(self) -> dict[str, str]:
        """Binding id → the keys as the user sees them (config overrides applied).

        Kept until the keymap changes: the hint line asks for it on every focus change
        and every opening.
        """
        if self._key_display is None or self._key_display[0] != self._keymap:
            self._key_display = (dict(self._keymap), self._build_key_display())
        return self._key_display[1]

    def _build_key_display(self) -> dict[str, str]:
        display: dict[str, str] = {}
        for _, _, owner in self.SCOPES:
            for binding in getattr(owner, "BINDINGS", []):
                if isinstance(binding, Binding) and binding.id and binding.id not in display:
                    keys = self._keymap.get(binding.id, binding.key)
                    display[binding.id] = ", ".join(
                        self._show_key(key.strip()) for key in keys.split(",")
                    )
        return display

    def _show_key(self, key: str) -> str:
        """A key as users write it: ``ctrl+d`` rather than Textual's ``^d``."""
        shown = self.get_key_display(Binding(key, ""))
        return "ctrl+" + shown[1:] if shown.startswith("^") and len(shown) > 1 else shown

    def key_hints(self) -> str:
        """A short line of the focused widget's main keys."""
        display = self.key_display()
        hints = []
        for binding in self._visible_bindings():
            if binding.id in display:
                hints.append(
                    f"{display[binding.id]} {action_description(binding.id, self.options.lang)}"
                )
        return "  ".join(hints)

    def _visible_bindings(self) -> Iterable[Binding]:
        seen: set[str] = set()
        for active in self.screen.active_bindings.values():
            binding = active.binding
            if binding.show and binding.id and binding.id not in seen and binding.id != "help":
                seen.add(binding.id)
                yield binding

    def action_help(self) -> None:
        from tui.search.help import search_help

        lang = self.options.lang
        sections = [
            (t(title, lang), list(getattr(owner, "BINDINGS", [])))
            for title, _, owner in self.SCOPES
        ]
        merged: dict[str, list[BindingType]] = {}
        for title, bindings in sections:
            merged.setdefault(title, []).extend(bindings)
        lines = binding_lines(list(merged.items()), self.key_display(), lang)
        lines.append(HelpLine(t("help.section.query", lang), heading=True))
        lines.extend(HelpLine(text) for text in search_help(lang).splitlines())
        title = t("help.title", lang)
        self.push_screen(HelpScreen(lines, self.shape(title), self.bidi_mode))

    # -- text for Textual's own widgets ------------------------------------------------------

    def shape(self, text: str, width: int = 200) -> str:
        """*text* as a terminal must show it, for places that take ready-made strings."""
        if self.bidi_mode is Mode.APP and paragraph_is_rtl(text):
            return visual_text(text, width, self.bidi_mode).strip()
        return text

    def notify_text(
        self, message: str, *, severity: SeverityLevel = "information", timeout: float | None = None
    ) -> None:
        """`notify` with Arabic shaped and wrapped by the layout module, never as markup."""
        text = visual_text(message, NOTIFY_WIDTH, self.bidi_mode)
        self.notify(text, severity=severity, timeout=timeout, markup=False)

    def report_problem(self, problem: Problem) -> None:
        """A file could not be read: list it under Problems, tell the user once."""
        self.problems.append(problem)
        if len(self.problems) == 1:
            self.notify_text(t("notice.problems", self.options.lang), severity="warning", timeout=8)

    def action_show_problems(self) -> None:
        lang = self.options.lang
        lines = [HelpLine(sanitize_line(f"{p.path}: {p.message}")) for p in self.problems] or [
            HelpLine(t("status.no_problems", lang))
        ]
        self.push_screen(HelpScreen(lines, self.shape(t("problems.title", lang)), self.bidi_mode))

    # -- bidi ---------------------------------------------------------------------------

    def toggle_bidi(self) -> None:
        """Switch between app-side and terminal-side bidi, telling the terminal too."""
        self.bidi_mode = Mode.TERMINAL if self.bidi_mode is Mode.APP else Mode.APP
        if self.bidi_guard is not None:
            self.bidi_guard.set_mode(self.bidi_mode.value)
        screen = self._main()
        if screen is not None:
            screen.apply_mode(self.bidi_mode)

    # -- feeds --------------------------------------------------------------------------

    def refresh_feeds(self) -> None:
        """Fetch the configured feeds in the background; reload the list when done."""
        lang = self.options.lang
        feeds = self.options.config.feeds
        if self.options.read_only:
            self.bell()
            return
        if not feeds:
            from tui.config import config_path

            self.notify_text(t("notice.no_feeds", lang, path=str(config_path())), timeout=8)
            return
        self.notify_text(t("notice.feeds_refreshing", lang))
        self._fetch(feeds)

    @work(thread=True, exclusive=True, group="feeds")
    def _fetch(self, feeds: tuple[str, ...]) -> None:
        from textual.worker import get_current_worker

        from tui.fetch.fetcher import fetch_feeds
        from tui.paths import fetched_dir

        worker = get_current_worker()
        report = fetch_feeds(list(feeds), fetched_dir(), should_stop=lambda: worker.is_cancelled)
        self.call_from_thread(self._fetched, report)

    def _fetched(self, report: object) -> None:
        lang = self.options.lang
        for problem in getattr(report, "problems", ()):
            self.report_problem(problem)
        self.notify_text(
            t(
                "notice.feeds_done",
                lang,
                fetched=getattr(report, "fetched", 0),
                new=getattr(report, "new", 0),
                failed=getattr(report, "failed", 0),
            )
        )
        screen = self._main()
        if screen is not None and int(getattr(report, "new", 0)) > 0:
            screen.corpus_changed()

    # -- command palette ----------------------------------------------------------------

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        lang = self.options.lang
        yield from super().get_system_commands(screen)
        main = self._main()

        def command(action_id: str, callback: object) -> SystemCommand:
            name = self.shape(action_description(action_id, lang))
            return SystemCommand(name, name, callback)  # type: ignore[arg-type]

        yield command("help", self.action_help)
        yield command("show_problems", self.action_show_problems)
        yield command("toggle_bidi", self.toggle_bidi)
        yield command("refresh_feeds", self.refresh_feeds)
        if main is not None:
            yield command("search", main.action_search)
            yield command("sort", main.action_sort)
            yield command("group_by_source", main.action_group_by_source)
            yield command("toggle_sidebar", main.action_toggle_sidebar)
            yield command("toggle_entities", main.action_toggle_entities)
            yield command("entity_panel", main.action_entity_panel)
            yield command("copy", main.action_copy_article)
            yield command("show_bookmarks", lambda: main.show_query("is:bookmarked"))
            yield command("show_unread", lambda: main.show_query("is:unread"))

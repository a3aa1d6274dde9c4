"""The main screen's search: the filter box opened and closed, queries run, hits drawn, name terms.

`MainScreen` keeps the bindings and message handlers (they belong to the screen) and
forwards them here; the query itself is answered by `ReaderSession.set_query`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.actions import SkipAction

from tui.app.widgets.lines import InfoLine

if TYPE_CHECKING:
    from tui.app.screens.main import MainScreen
    from tui.corpus.article import Article
    from tui.entity_list import EntityRow

#: The query qualifier that filters by an entity of each kind.
QUALIFIERS = {"PERSON": "person", "LOCATION": "place", "ORGANIZATION": "org"}


class QueryFilter:
    """Filters *screen*'s list by the query typed in its filter box."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen

    def open_box(self) -> None:
        """Show the filter box (and the sidebar) and focus it."""
        screen = self.screen
        if screen.focused is screen.filter_box:
            raise SkipAction  # a "/" typed in a query is a character for the box, in order
        screen.filter_box.add_class("-active")
        screen.query_one("#search-info").add_class("-active")
        screen.query_one("#sidebar").remove_class("-hidden")
        # Focus now, not on the next idle: keys typed right after "/" must reach the box.
        screen.set_focus(screen.filter_box)

    def show_query(self, text: str) -> None:
        """Open the filter box with *text* as the query and go back to the list."""
        self.open_box()
        self.screen.filter_box.set_value(text)
        self.screen.article_list.focus()

    def run(self, text: str) -> None:
        """Filter the list by *text* and highlight its hits in the open article."""
        screen = self.screen
        info = screen.query_one("#search-info", InfoLine)
        # (Before search is ready the session keeps the query and says so: the screen
        # runs it again once search is ready.)
        message = screen.model.set_query(text, screen.lang)
        info.show(message)
        if screen.model.unconfirmed:
            screen.confirm_entities(text)
        screen.refresh_list()
        if screen.model.current is not None:
            self.apply_hits(screen.model.current)

    def apply_hits(self, article: Article) -> None:
        """Highlight the active query's hits in *article* (the open one)."""
        self.screen.reader.set_hits(self.screen.model.hits_in(article))

    def entities_confirmed(self, text: str) -> None:
        """The tagger checked *text*'s candidates: run it again if it is still the query."""
        if self.screen.model.query_text == text:
            self.run(text)

    def close(self) -> None:
        """Clear the filter, hide the box and go back to the list."""
        screen = self.screen
        screen.filter_box.set_value("")
        screen.filter_box.remove_class("-active")
        screen.query_one("#search-info").remove_class("-active")
        screen.set_focus(screen.article_list)  # now: see MainScreen.action_search_done

    def add_entity_term(self, row: EntityRow) -> None:
        """Add a term finding the entity of *row* (``person:"…"``…) to the query."""
        screen = self.screen
        qualifier = QUALIFIERS[row.kind]
        name = row.label
        term = f'{qualifier}:"{name}"' if " " in name else f"{qualifier}:{name}"
        current = screen.filter_box.value.strip()
        self.open_box()
        screen.filter_box.set_value(f"{current} {term}".strip())
        screen.article_list.focus()

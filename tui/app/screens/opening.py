"""The main screen's opening of articles: shown where the reader left them, got ready, tagged.

`MainScreen` keeps the message handlers and the workers (they belong to the screen) and
forwards them here. The timers live here: an article the list cursor rests on is got ready
(read, laid out, tagged) before Enter, and one opened untagged is tagged once drawn.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.app.widgets.highlights import Span
from tui.entity_list import entity_rows

if TYPE_CHECKING:
    from textual.timer import Timer

    from tui.app.screens.main import MainScreen
    from tui.corpus.article import Article, ArticleHeader
    from tui.entities import EntityGroup

#: Below this terminal width the sidebar hides itself while an article is read.
NARROW_WIDTH = 90
#: How long the list cursor rests on an article before it is got ready to open (moving
#: through the list prepares nothing).
PREPARE_DELAY_S = 0.12
#: An article opened without its entities is tagged once drawn, and at the latest after this.
TAG_AT_LATEST_S = 0.2


class ArticleOpener:
    """Opens articles in *screen*'s reading pane and gets them (and their entities) ready."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self._prepare_timer: Timer | None = None
        self._untagged: Article | None = None
        self._tag_timer: Timer | None = None

    def open(self, header: ArticleHeader, *, focus: bool = False) -> None:
        """Show *header*'s article in the reading pane, where the reader left it."""
        screen, model = self.screen, self.screen.model
        if self._prepare_timer is not None:
            self._prepare_timer.stop()  # opened before it was got ready
        self._untagged = None
        if self._tag_timer is not None:
            self._tag_timer.stop()
        article = model.open(header)
        if article is None:
            screen.akhbar.notify_text(model.last_error or "?", severity="error")
            return
        screen.reader.show_article(article, model.position_of(article))
        screen.article_list.set_current(article.identity)
        screen.article_list.move_to(article.identity)
        screen.article_list.set_marks(model.read, model.bookmarked)
        screen.apply_hits(article)
        groups = model.known_entity_groups(article.identity)
        if groups is not None:  # got ready under the cursor: highlighted from the first paint
            self.entities_ready(article.identity, groups)
        else:
            # Tagged once the text is drawn: a tagger thread would share the GIL with the
            # drawing (Enter -> painted waited 15-25 ms for it). A timer makes sure.
            self._untagged = article
            self._tag_timer = screen.set_timer(TAG_AT_LATEST_S, self.tag_untagged)
        if focus:
            screen.reader.focus()
            if screen.size.width < NARROW_WIDTH // 1.5:
                screen.query_one("#sidebar").add_class("-hidden")
        screen.update_bars()

    def painted(self, identity: str) -> None:
        """The reading pane drew article *identity* for the first time."""
        if self._untagged is not None and self._untagged.identity == identity:
            self.tag_untagged()

    def tag_untagged(self) -> None:
        """Find the entities of the article opened without them, now that it is drawn."""
        article, self._untagged = self._untagged, None
        if article is not None:
            self.screen.tag_entities(article)

    def entities_ready(self, identity: str, groups: list[EntityGroup]) -> None:
        """Highlight *groups* and list them in the panel if article *identity* is still open."""
        screen = self.screen
        current = screen.model.current
        if current is None or current.identity != identity:
            return
        rows = entity_rows(groups, screen.lang)
        screen.reader.set_entities(
            [Span(s, e, row.kind) for row in rows if not row.is_heading for s, e in row.spans]
        )
        screen.entity_panel.set_rows(rows)

    def cursor_rests(self, header: ArticleHeader) -> None:
        """The list cursor moved to *header*: get it ready if the cursor stays there.

        Enter then finds it read, its first screen laid out and its entities tagged.
        """
        screen = self.screen
        if self._prepare_timer is not None:
            self._prepare_timer.stop()
        current = screen.model.current
        if current is None or current.identity != header.identity:
            self._prepare_timer = screen.set_timer(
                PREPARE_DELAY_S,
                lambda: screen.prepare_article(header, *screen.reader.first_screen()),
            )

"""The main screen's read marks and bookmarks: toggled on the article meant, next unread found.

`MainScreen` keeps the bindings and message handlers and forwards them here; the marks are
kept by `ReaderSession` (and stored by `tui.state`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.i18n import t

if TYPE_CHECKING:
    from tui.app.screens.main import MainScreen
    from tui.corpus.article import ArticleHeader


class ReadingMarks:
    """Marks articles of *screen* read or bookmarked and moves its list to unread ones."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen

    def target(self) -> ArticleHeader | None:
        """The article an action applies to: under the list cursor if the list has focus,
        else the open one."""
        screen = self.screen
        if screen.focused is screen.article_list or screen.model.current is None:
            return screen.article_list.highlighted
        return screen.model.current.header()

    def toggle_read(self) -> None:
        """Flip read/unread on the `target` and say which it is now."""
        screen = self.screen
        header = self.target()
        if header is None:
            return
        read = screen.model.toggle_read(header.identity)
        screen.article_list.set_marks(screen.model.read, screen.model.bookmarked)
        screen.akhbar.notify_text(
            t("notice.marked_read" if read else "notice.marked_unread", screen.lang)
        )
        screen.update_bars()

    def toggle_bookmark(self, header: ArticleHeader | None) -> None:
        """Flip *header*'s bookmark (None: nothing to bookmark) and say which it is now."""
        if header is None:
            return
        screen = self.screen
        added = screen.model.toggle_bookmark(header.identity)
        screen.article_list.set_marks(screen.model.read, screen.model.bookmarked)
        screen.akhbar.notify_text(
            t("notice.bookmark_added" if added else "notice.bookmark_removed", screen.lang)
        )

    def jump_to_unread(self, forward: bool) -> None:
        """Move the list cursor to the nearest unread article (while searching: the next
        or previous result)."""
        screen = self.screen
        articles = screen.article_list
        if screen.model.query_text.strip():
            # While searching, n/N step through the results instead.
            articles.move_by(1 if forward else -1)
            return
        identity = screen.model.next_unread(articles.entries, articles.cursor, forward)
        if identity is None:
            screen.akhbar.notify_text(t("notice.no_unread", screen.lang))
        else:
            articles.move_to(identity)

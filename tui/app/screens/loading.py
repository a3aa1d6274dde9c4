"""The main screen's loading: quick listing, file check, first paint, then search made ready.

`MainScreen` owns the workers (a `@work` method must belong to a widget) and runs their
bodies here, so the order in which a start lists, paints, caches and indexes reads in one place.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.worker import get_current_worker

from tui.app.memory import freeze_long_lived, resume_after_startup
from tui.corpus.loader import Corpus
from tui.i18n import t

if TYPE_CHECKING:
    from tui.app.screens.main import MainScreen
    from tui.session_listing import LoadedCorpus


class CorpusLoader:
    """Reads the corpus for *screen* off the event loop and lists it there."""

    def __init__(self, screen: MainScreen) -> None:
        self.screen = screen
        self._frozen = False

    def load(self, ticket: int, quick: bool) -> None:
        """Read (worker thread) for the load *ticket*; the result is listed on the UI
        thread, and only if no newer load was begun meanwhile (`ReaderSession.adopt`): a
        cancelled load's thread still runs to its end, and must change nothing."""
        screen, model = self.screen, self.screen.model
        worker = get_current_worker()
        if quick:
            try:
                preloaded = screen.akhbar.take_preload(model.options.paths)
            except Exception:  # stopped (the reader quits), or failed: read afresh
                if worker.is_cancelled:
                    return
                preloaded = None
            if isinstance(preloaded, Corpus):
                self._read_corpus(ticket, preloaded)
                return
            listing = preloaded if preloaded is not None else model.last_listing()
            if listing is not None:
                loaded = model.read_listing(ticket, listing, screen.lang)
                if not worker.is_cancelled:
                    screen.app.call_from_thread(self._listing_shown, loaded)
                return
        self._read_corpus(ticket)

    def _read_corpus(self, ticket: int, preloaded: Corpus | None = None) -> None:
        """Read the corpus (worker thread; *preloaded*: read already) and hand the result
        to the UI thread."""
        loaded = self.screen.model.read_corpus(ticket, self.screen.lang, preloaded)
        if get_current_worker().is_cancelled:
            # Quitting, or a newer load: the files were read all the same, and a deferred
            # cache write (a first start's) still spares the next start reading them again.
            loaded.corpus.write_cache()
            return
        self.screen.app.call_from_thread(self._corpus_loaded, loaded)

    def _listing_shown(self, loaded: LoadedCorpus) -> None:
        screen = self.screen
        if not screen.model.adopt(loaded):
            return  # a newer load was begun: it lists what is there
        self.show_list()
        screen.call_after_refresh(resume_after_startup)
        # The check reads every folder and competes for the GIL: start it after the paint.
        screen.call_after_refresh(screen.check_corpus)

    def _corpus_loaded(self, loaded: LoadedCorpus) -> bool:
        """List *loaded* unless a newer load was begun; returns whether the listing changed."""
        screen, model = self.screen, self.screen.model
        if loaded.corpus.cache_write is not None:
            screen.akhbar.unsaved_corpus = loaded.corpus
        if not model.is_newest(loaded):
            screen.save_loaded(loaded.corpus, None)  # its files are read: cache them
            return False  # the newer load reports the problems and lists what is there
        for problem in loaded.corpus.problems:
            screen.akhbar.report_problem(problem)
        changed = model.adopt(loaded)
        if changed:  # (always for the first load: it is compared with no listing)
            self.show_list()
        # Once the list is painted: what follows takes CPU and the GIL that the paint needs.
        screen.call_after_refresh(self._after_list_painted, loaded.corpus, changed)
        return changed

    def _after_list_painted(self, corpus: Corpus, changed: bool) -> None:
        resume_after_startup()
        self.screen.save_loaded(corpus, changed)
        self.screen.prepare_search()

    def save_loaded(self, corpus: Corpus, changed: bool | None) -> None:
        """Write what the load left to write (`Corpus.write_cache`; a first start's files)
        and remember a changed listing for the next quick start (*changed* None: a load
        that was not listed, only its cache is written). Worker thread."""
        corpus.write_cache()
        if changed:
            self.screen.model.remember_listing()
        elif changed is not None:
            self.screen.model.listing_used()

    def show_list(self) -> None:
        """List the session's articles; with no article open, say what to do next."""
        screen = self.screen
        screen.refresh_list()
        if screen.model.current is None:  # an open article stays open when the list changes
            if not screen.model.headers:
                screen.reader.show_placeholder(t("sidebar.empty", screen.lang))
            else:
                screen.reader.show_placeholder(t("status.press_enter", screen.lang))
        screen.update_bars()

    def prepare_search(self) -> None:
        """Index a large corpus (or load a small one for searching): worker thread."""
        worker = get_current_worker()
        self.screen.model.prepare_search(should_stop=lambda: worker.is_cancelled)
        if not worker.is_cancelled:
            if not self._frozen:  # once: later loads' leftovers must stay collectable
                self._frozen = True
                freeze_long_lived()  # start-up is over: what it built stays
            self.screen.app.call_from_thread(self._search_ready)

    def _search_ready(self) -> None:
        screen = self.screen
        problem = screen.model.take_entities_problem()  # the warm-up found no entity model
        if problem is not None:
            screen.akhbar.report_problem(problem)
        if screen.model.query_text:
            screen.run_query(screen.model.query_text)

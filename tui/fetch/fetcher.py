"""One fetch run: download feeds, complete teaser entries from their pages, store new articles.

`fetch_feeds` is plain blocking code with no terminal or Textual in it: `akhbar fetch` calls
it directly and the app calls it from a thread worker, passing a progress callback (called
on the worker's thread) and a `should_stop` check. Nothing it meets on the network raises:
every failure is a `Problem` in the returned `FetchReport`, and the other feeds go on.
"""

from __future__ import annotations

import codecs
import contextlib
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from tui.corpus.article import Article, Problem
from tui.corpus.decode import decode_bytes
from tui.corpus.formats import Source, UnreadableArticle
from tui.corpus.formats.feed import FeedEntry, read_feed
from tui.corpus.formats.html import Page, declared_text, extract_page
from tui.fetch import DEFAULT_TIMEOUT
from tui.fetch.client import PAGE_ACCEPT, FetchError, HttpClient, Response
from tui.fetch.store import is_stored, write_article
from tui.paths import fetched_dir

#: Teaser pages fetched at once (one httpx client, shared connections).
PAGE_WORKERS = 4
#: HTTP charsets servers send by default rather than by knowledge (codec names).
UNTRUSTED_CHARSETS = frozenset({"latin-1", "iso8859-1", "cp1252", "ascii"})


@dataclass(frozen=True, slots=True)
class FetchReport:
    """What a fetch run did.

    Attributes:
        fetched: feed entries received (from feeds that changed since the last run).
        new: articles written to the folder.
        skipped: entries whose article the folder already held.
        failed: feeds, entries and pages that could not be fetched, read or written.
        problems: one message per failure, for the user.
        unchanged: feeds that answered "not modified" (304) to a conditional request.
    """

    fetched: int = 0
    new: int = 0
    skipped: int = 0
    failed: int = 0
    problems: tuple[Problem, ...] = ()
    unchanged: int = 0

    def summary(self) -> str:
        """The one-line summary `akhbar fetch` prints."""
        return (
            f"fetched {self.fetched} · new {self.new} · skipped {self.skipped}"
            f" · failed {self.failed}"
        )


@dataclass(frozen=True, slots=True)
class FetchProgress:
    """Where a run is: feed *done* of *total* (1-based while working on it), and what now."""

    done: int
    total: int
    url: str
    message: str


ProgressCallback = Callable[[FetchProgress], None]


def fetch_feeds(
    urls: Sequence[str],
    into: Path | None = None,
    *,
    progress: ProgressCallback | None = None,
    should_stop: Callable[[], bool] | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    client: HttpClient | None = None,
) -> FetchReport:
    """Fetch every feed in *urls* and write each new article as a file in *into*.

    Args:
        urls: RSS/Atom feed URLs (duplicates are fetched once).
        into: the corpus folder to write to; default `tui.paths.fetched_dir()`.
        progress: called after each step, on the calling thread.
        should_stop: polled between steps; True ends the run early (what is written stays).
        timeout: seconds to connect and between reads (ignored when *client* is given).
        client: an `HttpClient` to use instead of a new one (tests pass one).
    """
    run = _Run(
        into=fetched_dir() if into is None else into,
        client=HttpClient(timeout=timeout) if client is None else client,
        progress=progress,
        should_stop=should_stop,
    )
    feeds = list(dict.fromkeys(url.strip() for url in urls if url.strip()))
    try:
        for number, url in enumerate(feeds, 1):
            if run.stopped():
                break
            run.feed(url, number, len(feeds))
    except _CannotWrite:
        pass  # reported once; nothing more can be stored in this run
    finally:
        if client is None:
            run.client.close()
    return run.report


class _CannotWrite(Exception):
    """The target folder refused a write: the run ends (one problem, not one per entry)."""


class _Run:
    """The state of one `fetch_feeds` call: counters grow as feeds are processed."""

    def __init__(
        self,
        *,
        into: Path,
        client: HttpClient,
        progress: ProgressCallback | None,
        should_stop: Callable[[], bool] | None,
    ) -> None:
        self.into = into
        self.client = client
        self._progress = progress
        self._should_stop = should_stop
        self.report = FetchReport()
        self._step = (0, 0, "")

    def stopped(self) -> bool:
        return self._should_stop is not None and self._should_stop()

    def tell(self, message: str) -> None:
        if self._progress is not None:
            done, total, url = self._step
            self._progress(FetchProgress(done, total, url, message))

    def count(self, **more: int) -> None:
        self.report = replace(
            self.report, **{name: getattr(self.report, name) + n for name, n in more.items()}
        )

    def fail(self, where: str, message: str) -> None:
        self.report = replace(
            self.report,
            failed=self.report.failed + 1,
            problems=(*self.report.problems, Problem(where, message)),
        )

    def feed(self, url: str, number: int, total: int) -> None:
        """Fetch one feed and store its new entries; remember its validators if all went in.

        Raises:
            _CannotWrite: the folder cannot take articles (reported already).
        """
        self._step = (number, total, url)
        self.tell("fetching feed")
        try:
            response = self.client.get(url, conditional=True)
        except FetchError as error:
            self.fail(url, error.message)
            self.tell(f"failed: {error.message}")
            return
        if response.not_modified:
            self.count(unchanged=1)
            self.tell("not modified since the last fetch")
            return
        try:
            feed = read_feed(_source(response))
        except UnreadableArticle as error:
            self.fail(url, _not_a_feed(response, str(error)))
            self.tell("failed: not a feed")
            return
        except Exception as error:  # a reader bug on one hostile feed must not end the run
            self.fail(url, f"could not be read ({type(error).__name__}: {error})")
            self.tell("failed: could not be read")
            return
        for problem in feed.problems:
            self.fail(problem.path, problem.message)
        teasers = [
            entry.article.url
            for entry in feed.entries
            if entry.summary_only and entry.article.url and not is_stored(entry.article, self.into)
        ]
        with ThreadPoolExecutor(max_workers=PAGE_WORKERS) as pool:
            pages = {page: pool.submit(fetch_page, self.client, page) for page in teasers}
            try:
                for index, entry in enumerate(feed.entries, 1):
                    if self.stopped():
                        return  # validators not stored: the next run sees this feed again
                    self.tell(f"entry {index} of {len(feed.entries)}")
                    self.entry(entry, url, pages)
            finally:
                for future in pages.values():
                    future.cancel()
        self.client.remember(response)  # every entry is stored: a 304 next time is safe
        self.tell("done")

    def entry(
        self, entry: FeedEntry, feed_url: str, pages: Mapping[str, Future[Page | str]]
    ) -> None:
        """Store one entry, completed from its page (fetched in *pages*) if it is a teaser.

        Raises:
            _CannotWrite: the folder cannot take the article (reported already).
        """
        self.count(fetched=1)
        article = entry.article
        if is_stored(article, self.into):
            self.count(skipped=1)
            return
        fetched = pages.get(article.url or "")
        if entry.summary_only and fetched is not None:
            article = self.completed(article, fetched.result())
        try:
            written = write_article(article, self.into, feed=feed_url)
        except OSError as error:
            self.fail(str(self.into), f"cannot write articles here: {error.strerror or error}")
            self.tell("failed: cannot write")
            raise _CannotWrite from error
        if written:
            self.count(new=1)
        else:  # another run wrote it meanwhile
            self.count(skipped=1)

    def completed(self, article: Article, page: Page | str) -> Article:
        """*article* with its *page*'s body if that has more text (a str *page* is an error)."""
        if isinstance(page, str):
            self.fail(article.url or "", f"{page}; kept the feed's summary")
            return article
        if sum(map(len, page.paragraphs)) <= sum(map(len, article.paragraphs)):
            return article
        return replace(
            article,
            paragraphs=page.paragraphs,
            dropped=page.dropped,
            date=article.date or page.date,
            published=article.published or page.published,
            source=article.source or page.source,
            format="html",
        )


def fetch_page(client: HttpClient, url: str) -> Page | str:
    """The article of the news page at *url*, or why it could not be had (runs in a pool)."""
    try:
        response = client.get(url, accept=PAGE_ACCEPT)
        text, _ = declared_text(_source(response))
        return extract_page(text)
    except FetchError as error:
        return error.message
    except UnreadableArticle as error:
        return str(error)
    except Exception as error:  # a reader bug on one hostile page must not end the run
        return f"could not be read ({type(error).__name__}: {error})"


def _source(response: Response) -> Source:
    """The response body as a reader `Source`.

    Unicode (a BOM, or valid UTF-8) is kept whatever the headers say; otherwise an HTTP
    charset is honoured unless it is one of the Western defaults servers send without
    knowing (``ISO-8859-1`` decodes any bytes: trusting it would garble Windows-1256). The readers
    then apply the document's own declaration (``<?xml encoding>``, ``<meta charset>``).

    Raises:
        UnreadableArticle: the body is empty or binary.
    """
    data = response.content
    if not data.strip():
        raise UnreadableArticle("the server sent an empty response")
    text, encoding = decode_bytes(data)
    charset = _codec(response.charset)
    if not encoding.startswith("utf") and charset and charset not in UNTRUSTED_CHARSETS:
        with contextlib.suppress(UnicodeDecodeError):
            text, encoding = data.decode(charset), charset
    return Source(path=response.final_url, data=data, text=text, encoding=encoding)


def _codec(label: str | None) -> str | None:
    try:
        return codecs.lookup(label).name if label else None
    except LookupError:
        return None


def _not_a_feed(response: Response, reason: str) -> str:
    if response.content_type in ("text/html", "application/xhtml+xml"):
        return "this is a web page, not an RSS or Atom feed"
    return reason

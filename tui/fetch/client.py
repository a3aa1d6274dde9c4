"""A polite HTTP client for feeds and pages: httpx with timeouts, redirects, conditional GET.

Every failure a user can meet (timeout, refused connection, 404, 500, a redirect loop, an
endless or oversized body) becomes a `FetchError` whose message names what happened. The
validators of a feed (ETag, Last-Modified) live in a small SQLite database in the cache
folder; the caller stores them with `HttpClient.remember` only once the articles of that
response are safely written, so an interrupted run never turns into "304, nothing new".
"""

from __future__ import annotations

import contextlib
import sqlite3
import time
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from types import TracebackType

import httpx

from tui import __version__
from tui.fetch import DEFAULT_TIMEOUT
from tui.paths import cache_dir

USER_AGENT = f"akhbar/{__version__} (+terminal Arabic news reader)"
#: A whole response may take this many timeouts at most (guards against a trickling server).
TOTAL_TIMEOUT_FACTOR = 4
MAX_REDIRECTS = 5
#: Largest response body we accept (after decompression): feeds and pages are far smaller.
MAX_RESPONSE_BYTES = 10 * 1024 * 1024
VALIDATORS_FILE = "fetch.sqlite3"
FEED_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
PAGE_ACCEPT = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS validators (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    saved REAL NOT NULL
)
"""


class FetchError(Exception):
    """A URL could not be fetched; the message says why in words a reader understands."""

    def __init__(self, url: str, message: str) -> None:
        super().__init__(message)
        self.url = url
        self.message = message


@dataclass(frozen=True, slots=True)
class Validators:
    """What a server gave us to ask "has this changed?" next time."""

    etag: str | None = None
    last_modified: str | None = None

    def __bool__(self) -> bool:
        return bool(self.etag or self.last_modified)


@dataclass(frozen=True, slots=True)
class Response:
    """A fetched resource (or the news that it has not changed since last time).

    Attributes:
        url: the URL asked for (validators are kept under it).
        final_url: where redirects led.
        status: the final HTTP status (200, or 304 when `not_modified`).
        content: the body, decompressed; empty when not modified.
        content_type: the media type without parameters, lower case, if given.
        charset: the ``charset`` parameter of Content-Type, if given.
        validators: ETag / Last-Modified of this response.
    """

    url: str
    final_url: str
    status: int
    content: bytes
    content_type: str | None
    charset: str | None
    validators: Validators

    @property
    def not_modified(self) -> bool:
        return self.status == httpx.codes.NOT_MODIFIED


class ValidatorStore:
    """ETag / Last-Modified per URL in SQLite; a broken database only costs conditionality."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = cache_dir() / VALIDATORS_FILE if path is None else path

    def get(self, url: str) -> Validators:
        """The validators last stored for *url* (empty if none or the database is unusable)."""
        try:
            db = self._connect()
            try:
                row = db.execute(
                    "SELECT etag, last_modified FROM validators WHERE url = ?", (url,)
                ).fetchone()
            finally:
                db.close()
        except (OSError, sqlite3.Error) as error:
            self._recover(error)
            return Validators()
        return Validators(*row) if row else Validators()

    def put(self, url: str, validators: Validators) -> None:
        """Remember *validators* for *url* (forget them if empty); failures are ignored."""
        try:
            db = self._connect()
            try:
                with db:
                    db.execute("DELETE FROM validators WHERE url = ?", (url,))
                    if validators:
                        db.execute(
                            "INSERT INTO validators VALUES (?, ?, ?, ?)",
                            (url, validators.etag, validators.last_modified, time.time()),
                        )
            finally:
                db.close()
        except (OSError, sqlite3.Error) as error:
            self._recover(error)

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=5)
        try:
            db.execute(_SCHEMA)
        except sqlite3.Error:
            db.close()
            raise
        return db

    def _recover(self, error: Exception) -> None:
        """Drop a corrupt database (the cache is disposable); leave a busy one alone."""
        if isinstance(error, sqlite3.DatabaseError) and not isinstance(
            error, sqlite3.OperationalError
        ):
            with contextlib.suppress(OSError):
                self.path.unlink()


class HttpClient:
    """One httpx client for a fetch run: shared connections, one policy for every request."""

    def __init__(
        self,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        validators: ValidatorStore | None = None,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        self.timeout = timeout
        self.validators = ValidatorStore() if validators is None else validators
        self._client = httpx.Client(
            headers={"User-Agent": USER_AGENT},
            timeout=httpx.Timeout(timeout),
            follow_redirects=True,
            max_redirects=MAX_REDIRECTS,
            transport=transport,
        )

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(self, url: str, *, conditional: bool = False, accept: str = FEED_ACCEPT) -> Response:
        """Fetch *url*, following redirects.

        Args:
            url: an http:// or https:// URL.
            conditional: send the stored ETag / Last-Modified; a 304 comes back as a
                `Response` whose `not_modified` is True.
            accept: the Accept header.

        Raises:
            FetchError: the URL is not http(s), the server failed or was too slow, the
                status was an error, or the body was too large.
        """
        if not url.lower().startswith(("http://", "https://")):
            raise FetchError(url, "only http:// and https:// URLs can be fetched")
        headers = {"Accept": accept}
        if conditional:
            stored = self.validators.get(url)
            if stored.etag:
                headers["If-None-Match"] = stored.etag
            if stored.last_modified:
                headers["If-Modified-Since"] = stored.last_modified
        try:
            return self._get(url, headers)
        except httpx.TimeoutException as error:
            raise FetchError(url, f"timed out after {self.timeout:g} s") from error
        except httpx.TooManyRedirects as error:
            raise FetchError(url, f"more than {MAX_REDIRECTS} redirects") from error
        except httpx.ConnectError as error:
            raise FetchError(url, f"could not connect ({error})") from error
        except httpx.InvalidURL as error:
            raise FetchError(url, f"not a valid URL ({error})") from error
        except httpx.HTTPError as error:
            raise FetchError(url, f"download failed ({type(error).__name__}: {error})") from error

    def remember(self, response: Response) -> None:
        """Store *response*'s validators, so the next conditional request can get a 304."""
        if not response.not_modified:
            self.validators.put(response.url, response.validators)

    def _get(self, url: str, headers: dict[str, str]) -> Response:
        deadline = time.monotonic() + self.timeout * TOTAL_TIMEOUT_FACTOR
        with self._client.stream("GET", url, headers=headers) as reply:
            if reply.status_code == httpx.codes.NOT_MODIFIED:
                return _response(url, reply, b"")
            if reply.status_code >= httpx.codes.BAD_REQUEST:
                phrase = f" {reply.reason_phrase}" if reply.reason_phrase else ""
                raise FetchError(url, f"HTTP {reply.status_code}{phrase}")
            chunks: list[bytes] = []
            size = 0
            for chunk in reply.iter_bytes():
                size += len(chunk)
                if size > MAX_RESPONSE_BYTES:
                    limit = MAX_RESPONSE_BYTES // 2**20
                    raise FetchError(url, f"the response is larger than {limit} MB")
                if time.monotonic() > deadline:
                    total = self.timeout * TOTAL_TIMEOUT_FACTOR
                    raise FetchError(url, f"the response took longer than {total:g} s")
                chunks.append(chunk)
            return _response(url, reply, b"".join(chunks))


def _response(url: str, reply: httpx.Response, content: bytes) -> Response:
    header = reply.headers.get("Content-Type")
    content_type: str | None = None
    charset: str | None = None
    if header:
        message = Message()
        message["Content-Type"] = header
        content_type = message.get_content_type()
        parameter = message.get_param("charset")
        charset = parameter if isinstance(parameter, str) else None
    return Response(
        url=url,
        final_url=str(reply.url),
        status=reply.status_code,
        content=content,
        content_type=content_type,
        charset=charset,
        validators=Validators(reply.headers.get("ETag"), reply.headers.get("Last-Modified")),
    )

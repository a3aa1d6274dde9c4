"""A local HTTP news site for fetch tests: feeds, pages, redirects, slow and failing endpoints.

Runs stdlib `http.server` in a thread. Routes are a dict the test may change between runs;
every request is logged with its headers so tests can prove what the client sent.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

#: How often the server loop checks for shutdown (the default half second slows teardown).
POLL_SECONDS = 0.02


@dataclass(frozen=True)
class Reply:
    """What the server answers on a route."""

    body: bytes = b""
    status: int = 200
    content_type: str = "application/rss+xml; charset=utf-8"
    headers: tuple[tuple[str, str], ...] = ()
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0  # seconds before answering
    trickle: float = 0.0  # seconds between body bytes


@dataclass
class Request:
    """One request the server received."""

    path: str
    headers: dict[str, str]


@dataclass
class NewsSite:
    """The server's routes and request log; `url(path)` gives a full URL."""

    port: int = 0
    routes: dict[str, Reply | Callable[[Request], Reply]] = field(default_factory=dict)
    log: list[Request] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def requests(self, path: str) -> list[Request]:
        with self.lock:
            return [request for request in self.log if request.path == path]


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    site: NewsSite


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        site = self.server.site
        request = Request(self.path, {name.lower(): value for name, value in self.headers.items()})
        with site.lock:
            site.log.append(request)
        route = site.routes.get(self.path)
        if route is None:
            self._send(Reply(b"not found", status=404, content_type="text/plain"))
            return
        reply = route(request) if callable(route) else route
        if reply.etag and request.headers.get("if-none-match") == reply.etag:
            self._send(Reply(status=304, etag=reply.etag, last_modified=reply.last_modified))
            return
        if (
            reply.last_modified
            and not reply.etag
            and request.headers.get("if-modified-since") == reply.last_modified
        ):
            self._send(Reply(status=304, last_modified=reply.last_modified))
            return
        self._send(reply)

    def _send(self, reply: Reply) -> None:
        if reply.delay:
            time.sleep(reply.delay)
        try:
            self.send_response(reply.status)
            if reply.status != 304:
                self.send_header("Content-Type", reply.content_type)
                self.send_header("Content-Length", str(len(reply.body)))
            for name, value in reply.headers:
                self.send_header(name, value)
            if reply.etag:
                self.send_header("ETag", reply.etag)
            if reply.last_modified:
                self.send_header("Last-Modified", reply.last_modified)
            self.end_headers()
            if reply.status == 304:
                return
            if reply.trickle:
                for byte in reply.body:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(reply.trickle)
            else:
                self.wfile.write(reply.body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeouts are the point of some routes)

    def log_message(self, format: str, *args: object) -> None:
        """Keep test output quiet."""


def start(site: NewsSite) -> tuple[ThreadingHTTPServer, threading.Thread]:
    """Serve *site* on a free local port in a daemon thread."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.site = site
    site.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, args=(POLL_SECONDS,), daemon=True)
    thread.start()
    return server, thread

"""Read article files into cacheable results; many files are read by worker processes.

Reading a file never raises: what stops it becomes a `Problem` (too large, permission
denied) or a result that records why the file holds no article ("binary file"), which the
cache keeps so a warm start does not read that file again.

A cold load of thousands of files is CPU-bound (cleaning is pure Python), so above
`PARALLEL_MIN_FILES` the files are shared among this process and worker processes, one per
further CPU, each a fresh ``python -m tui.corpus.reading`` that gets its files on stdin and
answers on stdout (as plain tuples, which pickle several times faster than values). Fresh
interpreters rather than `multiprocessing`: forking a caller that runs threads (a Textual
worker) is unsafe, and spawn/forkserver re-import the caller's main script in every worker.
Workers send back headers (and bodies only for the large files whose bodies are cached);
only this process writes the cache, so the caller never holds every body at once and no
two processes wait on each other's write lock. If a worker fails, its files are
read in this process.
"""

from __future__ import annotations

import contextlib
import dataclasses
import errno
import os
import pickle
import stat
import subprocess
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from tui.corpus.article import Article, ArticleHeader, DroppedLine, Problem
from tui.corpus.cache import (
    ArticleCache,
    CachedFile,
    CachedHeader,
    FileKey,
    ParsedFile,
    caches_body,
)
from tui.corpus.cache import content_key as text_key
from tui.corpus.decode import decode_bytes
from tui.corpus.formats import Source, UnreadableArticle, reader_for
from tui.text.sanitize import is_safe, sanitize_line

#: Larger files are reported as too large rather than read: no news article is this long,
#: and reading one would stall start-up.
MAX_FILE_BYTES = 20 * 1024 * 1024
#: From this many files to parse, worker processes are worth their start-up (about 0.1 s).
PARALLEL_MIN_FILES = 1000
#: Files per cache transaction.
CHUNK_FILES = 500
MAX_WORKERS = 4
#: The module a worker process runs (``python -m``).
WORKER_MODULE = "tui.corpus.reading"
#: Problem messages are cut to this length (a reader may quote a long stretch of the file).
MAX_MESSAGE_CHARS = 300
#: Readers whose every output string is already terminal-safe (see `_safe`).
SANITISING_FORMATS = frozenset({"txt"})
#: How `article_identity` marks an identity that hashes title and body.
SHA_PREFIX = "sha:"
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def read_files(keys: Sequence[FileKey], cache_path: Path | None) -> list[CachedFile | Problem]:
    """Parse every file of *keys*, in order; store the articles in the cache at *cache_path*.

    Args:
        keys: the files to read, with the stat they were listed with.
        cache_path: the cache database, or None to write nothing.
    """
    workers = _worker_count()
    if len(keys) >= PARALLEL_MIN_FILES and workers > 1:
        return _read_in_workers(list(keys), cache_path, workers)
    return read_chunks(list(keys), cache_path)


def _worker_count() -> int:
    try:
        available = len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        available = os.cpu_count() or 1
    return min(available, MAX_WORKERS)


def _read_in_workers(
    keys: list[FileKey], cache_path: Path | None, workers: int
) -> list[CachedFile | Problem]:
    """Read the first share here while worker processes read the others.

    Only this process writes the cache (two writers would wait on each other's lock):
    workers send back headers, and bodies only where the cache keeps them. A worker whose
    share is not answered (it could not start, crashed, or answered nonsense) has its share
    read here afterwards.
    """
    size = -(-len(keys) // workers)
    shares = [keys[i : i + size] for i in range(0, len(keys), size)]
    started = [(share, _start_worker(share)) for share in shares[1:]]
    results = read_chunks(shares[0], cache_path)
    for share, worker in started:
        answered = _worker_results(worker)
        if answered is None:
            results.extend(read_chunks(share, cache_path))
        else:
            results.extend(_store_and_list(answered, cache_path))
    return results


def _start_worker(keys: list[FileKey]) -> subprocess.Popen[bytes] | None:
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", WORKER_MODULE],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
    except OSError:
        return None
    request = pickle.dumps([vars_of(key) for key in keys])
    # Fed from a thread: the pipe holds 64 KB, and this process has its own share to read.
    threading.Thread(target=_feed, args=(process, request), daemon=True).start()
    return process


def _feed(process: subprocess.Popen[bytes], request: bytes) -> None:
    assert process.stdin is not None
    with contextlib.suppress(OSError), process.stdin:
        process.stdin.write(request)


def _worker_results(process: subprocess.Popen[bytes] | None) -> list[ParsedFile | Problem] | None:
    """What a worker answered, or None if it failed (its share is then read here)."""
    if process is None:
        return None
    assert process.stdout is not None
    with process.stdout:
        answer = process.stdout.read()
    if process.wait() != 0:
        return None
    try:
        return [_from_wire(item) for item in pickle.loads(answer)]
    except (pickle.UnpicklingError, EOFError, ValueError, TypeError, IndexError):
        return None


def vars_of(key: FileKey) -> tuple[str, int, int]:
    """A file key as a plain tuple (plain tuples cross a pipe several times faster)."""
    return (key.path, key.mtime_ns, key.size)


_HEADER_FIELDS = tuple(field.name for field in dataclasses.fields(ArticleHeader))
_ARTICLE_FIELDS = tuple(name for name in _HEADER_FIELDS if name != "identity")


def _to_wire(item: ParsedFile | Problem) -> tuple[object, ...]:
    """A result as plain tuples, for the pipe from a worker (bodies only if cached)."""
    if isinstance(item, Problem):
        return ("problem", item.path, item.message)
    headers = tuple(
        (*(getattr(cached.header, name) for name in _HEADER_FIELDS), cached.content_key)
        for cached in item.headers
    )
    entries = tuple((problem.path, problem.message) for problem in item.entry_problems)
    bodies: tuple[object, ...] = ()
    if caches_body(item.key.size):
        bodies = tuple(
            (a.paragraphs, tuple((d.text, d.reason) for d in a.dropped)) for a in item.articles
        )
    return ("file", vars_of(item.key), item.problem, entries, headers, bodies)


def _from_wire(item: tuple[Any, ...]) -> ParsedFile | Problem:
    if item[0] == "problem":
        return Problem(item[1], item[2])
    _, key, problem, entries, rows, bodies = item
    headers = tuple(CachedHeader(ArticleHeader(*row[:-1]), row[-1]) for row in rows)
    articles = tuple(
        Article(
            **{name: getattr(cached.header, name) for name in _ARTICLE_FIELDS},
            paragraphs=tuple(paragraphs),
            dropped=tuple(DroppedLine(text, reason) for text, reason in dropped),
        )
        for cached, (paragraphs, dropped) in zip(headers, bodies, strict=False)
    )
    entry_problems = tuple(Problem(path, message) for path, message in entries)
    return ParsedFile(FileKey(*key), articles, headers, problem, entry_problems)


def read_chunks(keys: list[FileKey], cache_path: Path | None) -> list[CachedFile | Problem]:
    """Parse files in this process, storing them in the cache `CHUNK_FILES` at a time."""
    results: list[CachedFile | Problem] = []
    for start in range(0, len(keys), CHUNK_FILES):
        results.extend(read_chunk(keys[start : start + CHUNK_FILES], cache_path))
    return results


def read_chunk(keys: list[FileKey], cache_path: Path | None) -> list[CachedFile | Problem]:
    """Parse some files, store their articles in the cache, return what lists them."""
    return _store_and_list([parse_file(key) for key in keys], cache_path)


def _store_and_list(
    parsed: list[ParsedFile | Problem], cache_path: Path | None
) -> list[CachedFile | Problem]:
    if cache_path is not None:
        with ArticleCache(cache_path) as cache:
            cache.store(item for item in parsed if isinstance(item, ParsedFile))
    return [item if isinstance(item, Problem) else as_cached(item) for item in parsed]


def parse_file(key: FileKey) -> ParsedFile | Problem:
    """Read and parse one file.

    Returns:
        What to cache for this file version (its articles, or why it holds none, such as
        "binary file"), or a `Problem` not worth caching (too large, permission denied).
    """
    path = key.path
    if key.size > MAX_FILE_BYTES:
        return Problem(path, too_large(key.size))
    try:
        data, info = _read(path)
    except OSError as error:
        return Problem(path, os_message(error))
    if len(data) > MAX_FILE_BYTES:
        return Problem(path, too_large(len(data)))
    read_key = FileKey(path, info.st_mtime_ns, info.st_size)
    try:
        found = _articles(path, data)
        articles = tuple(_safe(article) for article in found)
    except UnreadableArticle as error:
        return ParsedFile(read_key, (), (), _message(str(error) or "not an article"))
    except Exception as error:  # a reader bug must not stop the other files loading
        return ParsedFile(
            read_key, (), (), _message(f"could not be read (reader failure: {error})")
        )
    # Readers of many-article files (JSON, feeds) list the entries they could not read.
    entries = tuple(
        Problem(sanitize_line(str(p.path)), _message(str(p.message)))
        for p in getattr(found, "problems", ())
        if isinstance(p, Problem)
    )
    if not articles:
        return ParsedFile(read_key, (), (), "no article found in this file", entries)
    headers = tuple(_cached_header(article) for article in articles)
    return ParsedFile(read_key, articles, headers, None, entries)


def _message(text: str) -> str:
    """A problem message fit for a terminal line (readers may quote file content)."""
    return sanitize_line(" ".join(text.split()))[:MAX_MESSAGE_CHARS]


def as_cached(parsed: ParsedFile) -> CachedFile:
    """The listing part of a parsed file (what the cache returns on a warm start)."""
    return CachedFile(parsed.key, parsed.headers, parsed.problem, parsed.entry_problems)


def _read(path: str) -> tuple[bytes, os.stat_result]:
    """The file's bytes (at most one byte over the limit) and the stat of what was read.

    Opened non-blocking and checked to be a regular file, so a FIFO never blocks the load.
    """
    fd = os.open(path, os.O_RDONLY | _O_NONBLOCK | _O_CLOEXEC)
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        # Ask for the size fstat gave (asking for the limit would allocate 20 MB per file);
        # one byte more shows whether the file grew since, and then the rest is read too.
        expected = min(info.st_size, MAX_FILE_BYTES) + 1
        data = file.read(expected)
        if len(data) == expected:
            data += file.read(MAX_FILE_BYTES + 1 - len(data))
        return data, info


def _articles(path: str, data: bytes) -> list[Article]:
    parse = reader_for(Path(path).suffix)
    if parse is None:
        raise UnreadableArticle(f"not a kind of file akhbar reads ({suffix(path)})")
    text, encoding = decode_bytes(data)
    return parse(Source(path, data, text, encoding))


def _safe(article: Article) -> Article:
    """Sanitise an article from a reader that forgot to.

    Skipped for `SANITISING_FORMATS`: the txt reader's text has just been checked by
    `tui.corpus.clean.split_lines` (and the property tests hold it to that).
    """
    if article.format in SANITISING_FORMATS:
        return article
    fields = (article.title, article.date or "", article.source or "", article.url or "")
    joined = " ".join((*fields, *article.paragraphs))
    if is_safe(joined):
        return article
    return dataclasses.replace(
        article,
        title=sanitize_line(article.title),
        paragraphs=tuple(sanitize_line(p) for p in article.paragraphs),
        date=None if article.date is None else sanitize_line(article.date),
        source=None if article.source is None else sanitize_line(article.source),
        url=None if article.url is None else sanitize_line(article.url),
    )


def _cached_header(article: Article) -> CachedHeader:
    """The article's header and content key (its identity already hashes title and body
    when it has no URL, so that hash is reused)."""
    header = article.header()
    if header.identity.startswith(SHA_PREFIX):
        return CachedHeader(header, header.identity.removeprefix(SHA_PREFIX))
    return CachedHeader(header, text_key(article.title, article.paragraphs))


def too_large(size: int) -> str:
    """The message for a file over `MAX_FILE_BYTES`."""
    limit = MAX_FILE_BYTES // (1024 * 1024)
    return f"too large ({size / (1024 * 1024):.1f} MB; akhbar reads files up to {limit} MB)"


def suffix(path: str) -> str:
    """A file's extension for messages."""
    return Path(path).suffix or "no extension"


def os_message(error: OSError) -> str:
    """A short message for a failed read."""
    if isinstance(error, PermissionError):
        return "permission denied"
    if error.errno == errno.ELOOP:
        return "symbolic link loop"
    if isinstance(error, FileNotFoundError):
        return "the file no longer exists"
    if error.errno == errno.EINVAL and not error.filename:
        return "not a regular file"
    return f"cannot be read ({error.strerror or error})"


def _work() -> None:
    """Worker process: read file keys from stdin, answer parsed files on stdout."""
    keys = pickle.loads(sys.stdin.buffer.read())
    answer = pickle.dumps(
        [_to_wire(parse_file(FileKey(*key))) for key in keys], protocol=pickle.HIGHEST_PROTOCOL
    )
    sys.stdout.buffer.write(answer)


if __name__ == "__main__":
    _work()

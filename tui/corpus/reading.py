"""Read one article file into a cacheable result (`parse_file`); never raises.

What stops a file becomes a `Problem` (too large, permission denied) or a result that
records why the file holds no article ("binary file"), which the cache keeps so a warm
start does not read that file again. Many files at once are read by
`tui.corpus.workers`.
"""

from __future__ import annotations

import dataclasses
import errno
import os
import stat
from pathlib import Path

from tui.corpus.article import Article, Problem
from tui.corpus.cache_rows import CachedFile, CachedHeader, FileKey, ParsedFile
from tui.corpus.cache_rows import content_key as text_key
from tui.corpus.decode import decode_bytes
from tui.corpus.formats import Source, UnreadableArticle, reader_for
from tui.text.sanitize import is_safe, sanitize_line

#: Larger files are reported as too large rather than read: no news article is this long,
#: and reading one would stall start-up.
MAX_FILE_BYTES = 20 * 1024 * 1024
#: Problem messages are cut to this length (a reader may quote a long stretch of the file).
MAX_MESSAGE_CHARS = 300
#: Readers whose every output string is already terminal-safe (see `_safe`).
SANITISING_FORMATS = frozenset({"txt"})
#: How `article_identity` marks an identity that hashes title and body.
SHA_PREFIX = "sha:"
#: Bytes asked for at a time past the size fstat gave (a file that grew, or a short read).
_READ_MORE = 1 << 20
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


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
    Read with plain system calls: a buffered file object costs more than reading a news
    page does (~9 µs of ~20 per file).
    """
    fd = os.open(path, os.O_RDONLY | _O_NONBLOCK | _O_CLOEXEC)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        # Ask for the size fstat gave (asking for the limit would allocate 20 MB per file);
        # one byte more shows whether the file grew since, and then the rest is read too.
        limit = MAX_FILE_BYTES + 1
        pieces = [os.read(fd, min(info.st_size, MAX_FILE_BYTES) + 1)]
        total = len(pieces[0])
        while pieces[-1] and total < limit:
            piece = os.read(fd, min(limit - total, _READ_MORE))
            pieces.append(piece)
            total += len(piece)
        return pieces[0] if len(pieces) == 2 else b"".join(pieces), info
    finally:
        os.close(fd)


def _articles(path: str, data: bytes) -> list[Article]:
    parse = reader_for(extension_of(path))
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


def extension_of(path: str) -> str:
    """The lower-case extension with its dot (``.txt``), or "" (what `Path.suffix` gives,
    without building a `Path`: 7 µs a file on a cold load)."""
    dot = path.rfind(".")
    return path[dot:].lower() if dot > path.rfind("/") + 1 else ""


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

"""Load a corpus: scan folders, read each article file once, list headers, open bodies on demand.

`load_corpus` returns headers (what a sidebar lists) and problems (files that could not be
read, each with a message fit for a user). Nothing in here raises for bad input: an
unreadable, binary, empty, huge or looping file becomes a `Problem` and every other article
still loads. Bodies are read by `load_article` when an article is opened, from the cache
when it holds that file version, else by parsing the file again.

Scanning rules: folders are walked recursively in name order; hidden entries (``.name``)
and files of unknown extension are skipped silently; symbolic links are followed, a link
that leads back to a folder being walked is reported once as a loop, and a file or folder
reached twice is read once. Files over `MAX_FILE_BYTES` are reported as too large, not
read. The same article found twice (same URL, or same title and body) is listed once: the
first found wins.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from tui.corpus.article import Article, ArticleHeader, Problem
from tui.corpus.cache import ArticleCache, CachedFile, CachedHeader, FileKey, ParsedFile
from tui.corpus.cache import content_key as text_key
from tui.corpus.decode import decode_bytes
from tui.corpus.formats import READERS, Source, UnreadableArticle, reader_for
from tui.paths import fetched_dir, shipped_articles_dir
from tui.text.sanitize import is_safe, sanitize_line

#: Larger files are reported as too large rather than read: no news article is this long,
#: and reading one would stall start-up.
MAX_FILE_BYTES = 20 * 1024 * 1024
#: Bodies of recently opened articles kept in memory.
OPENED_ARTICLES_KEPT = 64
_O_NONBLOCK = getattr(os, "O_NONBLOCK", 0)
_O_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


@dataclass(frozen=True, slots=True)
class Corpus:
    """The listed articles and the files that could not be read."""

    headers: tuple[ArticleHeader, ...]
    problems: tuple[Problem, ...]


def default_paths() -> list[Path]:
    """The shipped articles, the fetched-news folder (if any), and the config's extra folders."""
    paths = [shipped_articles_dir()]
    fetched = fetched_dir()
    if fetched.is_dir():
        paths.append(fetched)
    paths.extend(_configured_folders())
    return list(dict.fromkeys(paths))


def _configured_folders() -> list[Path]:
    """Extra folders from config.toml; a broken config is reported where it is loaded."""
    try:
        from tui.config import ConfigError, load_config
    except ImportError:
        return []
    try:
        return [Path(folder).expanduser() for folder in load_config().folders]
    except ConfigError:
        return []


def load_corpus(paths: Sequence[Path], *, use_cache: bool = True) -> Corpus:
    """Scan *paths* (files or folders) and list every article they hold.

    Args:
        paths: files and folders, in the order their articles should come.
        use_cache: read and update the parsed-article cache in the cache folder; off, every
            file is parsed and nothing is written.
    """
    problems = _Problems()
    found = list(_scan(paths, problems))
    cache = ArticleCache() if use_cache else None
    cached = cache.files() if cache is not None else {}
    headers: list[ArticleHeader] = []
    seen: set[str] = set()
    fresh: list[ParsedFile] = []
    for path, info in found:
        key = FileKey(path, info.st_mtime_ns, info.st_size)
        entry = cached.get(path)
        if entry is None or entry.key != key:
            parsed = _parse_file(path, info)
            if isinstance(parsed, Problem):  # not cached: too large, permission …
                problems.add(parsed)
                continue
            if cache is not None:
                fresh.append(parsed)
            entry = _as_cached(parsed)
        if entry.problem is not None:
            problems.add(Problem(path, entry.problem))
        for item in entry.headers:
            keys = {item.content_key, item.header.identity}
            if keys.isdisjoint(seen):
                headers.append(item.header)
            seen |= keys
    if cache is not None:
        cache.store(fresh)
        cache.forget_missing({path for path, _ in found})
        cache.close()
    return Corpus(tuple(headers), problems.values())


def load_article(header: ArticleHeader) -> Article:
    """The full article *header* lists, from memory, the cache, or its file.

    Raises:
        UnreadableArticle: the file is gone or changed so that it no longer holds it.
    """
    if header.path is None:
        raise UnreadableArticle("this article has no file to open")
    try:
        info = Path(header.path).stat()
    except OSError as error:
        raise UnreadableArticle(_os_message(error)) from error
    key = FileKey(header.path, info.st_mtime_ns, info.st_size)
    return _opened(key, header.position, header.identity)


@functools.lru_cache(maxsize=OPENED_ARTICLES_KEPT)
def _opened(key: FileKey, position: int, identity: str) -> Article:
    with ArticleCache() as cache:
        article = cache.article(key, position)
    if article is not None and article.identity == identity:
        return article
    try:
        parsed = _parse_file(key.path, Path(key.path).stat())
    except OSError as error:
        raise UnreadableArticle(_os_message(error)) from error
    if isinstance(parsed, Problem):
        raise UnreadableArticle(parsed.message)
    if parsed.problem is not None:
        raise UnreadableArticle(parsed.problem)
    by_identity = [a for a in parsed.articles if a.identity == identity]
    if by_identity:
        return by_identity[0]
    if position < len(parsed.articles):
        return parsed.articles[position]
    raise UnreadableArticle("the file changed and no longer holds this article")


class _Problems:
    """Problems in the order met, each reported once."""

    def __init__(self) -> None:
        self._items: dict[tuple[str, str], Problem] = {}

    def add(self, problem: Problem) -> None:
        self._items.setdefault((problem.path, problem.message), problem)

    def values(self) -> tuple[Problem, ...]:
        return tuple(self._items.values())


def _scan(paths: Sequence[Path], problems: _Problems) -> Iterator[tuple[str, os.stat_result]]:
    """Every article file under *paths*, once each, with its stat (symlinks followed)."""
    seen_files: set[tuple[int, int]] = set()
    seen_dirs: set[tuple[int, int]] = set()
    for root in paths:
        name = str(Path(root).absolute())
        try:
            info = Path(name).stat()
        except OSError as error:
            problems.add(Problem(name, _stat_message(name, error)))
            continue
        if stat.S_ISDIR(info.st_mode):
            found = list(_walk(name, info, seen_dirs, problems))
        elif not stat.S_ISREG(info.st_mode):
            problems.add(Problem(name, "not a regular file"))
            continue
        elif Path(name).suffix.lower() not in READERS:
            problems.add(Problem(name, f"not a kind of file akhbar reads ({_suffix(name)})"))
            continue
        else:
            found = [(name, info)]
        for path, file_info in sorted(found, key=lambda item: item[0]):
            identity = (file_info.st_dev, file_info.st_ino)
            if identity not in seen_files:
                seen_files.add(identity)
                yield path, file_info


def _walk(
    top: str, info: os.stat_result, seen_dirs: set[tuple[int, int]], problems: _Problems
) -> Iterator[tuple[str, os.stat_result]]:
    """Article files under *top*, depth first; loops and unreadable entries reported."""
    stack: list[tuple[str, tuple[tuple[int, int], ...]]] = []
    top_id = (info.st_dev, info.st_ino)
    if top_id in seen_dirs:
        return
    seen_dirs.add(top_id)
    stack.append((top, (top_id,)))
    while stack:
        folder, ancestors = stack.pop()
        try:
            with os.scandir(folder) as entries:
                listing = sorted(entries, key=lambda entry: entry.name)
        except OSError as error:
            problems.add(Problem(folder, f"cannot read this folder: {_os_message(error)}"))
            continue
        subfolders: list[tuple[str, tuple[tuple[int, int], ...]]] = []
        for entry in listing:
            if entry.name.startswith("."):
                continue
            known = Path(entry.name).suffix.lower() in READERS
            try:
                entry_info = entry.stat()
            except OSError as error:
                if known or error.errno == errno.ELOOP:
                    problems.add(Problem(entry.path, _stat_message(entry.path, error)))
                continue
            if stat.S_ISDIR(entry_info.st_mode):
                folder_id = (entry_info.st_dev, entry_info.st_ino)
                if folder_id in ancestors:
                    problems.add(Problem(entry.path, "symbolic link loop (leads back to a parent)"))
                elif folder_id not in seen_dirs:
                    seen_dirs.add(folder_id)
                    subfolders.append((entry.path, (*ancestors, folder_id)))
            elif known and stat.S_ISREG(entry_info.st_mode):
                yield entry.path, entry_info
            elif known:
                problems.add(Problem(entry.path, "not a regular file"))
        stack.extend(reversed(subfolders))


def _parse_file(path: str, info: os.stat_result) -> ParsedFile | Problem:
    """Read and parse one file.

    Returns:
        What to cache for this file version (its articles, or why it holds none, such as
        "binary file"), or a `Problem` not worth caching (too large, permission denied).
    """
    if info.st_size > MAX_FILE_BYTES:
        return Problem(path, _too_large(info.st_size))
    try:
        data, info = _read(path)
    except OSError as error:
        return Problem(path, _os_message(error))
    except _TooLarge as error:
        return Problem(path, str(error))
    key = FileKey(path, info.st_mtime_ns, info.st_size)
    try:
        articles = tuple(_safe(article) for article in _articles(path, data))
    except UnreadableArticle as error:
        return ParsedFile(key, (), (), str(error) or "not an article")
    except Exception as error:  # a reader bug must not stop the other files loading
        return ParsedFile(key, (), (), f"could not be read ({type(error).__name__}: {error})")
    if not articles:
        return ParsedFile(key, (), (), "no article found in this file")
    keys = tuple(text_key(a.title, a.paragraphs) for a in articles)
    return ParsedFile(key, articles, keys, None)


class _TooLarge(Exception):
    """The file grew past `MAX_FILE_BYTES` between listing and reading."""


def _read(path: str) -> tuple[bytes, os.stat_result]:
    """The file's bytes and the stat of what was read (never blocks on a FIFO)."""
    fd = os.open(path, os.O_RDONLY | _O_NONBLOCK | _O_CLOEXEC)
    with os.fdopen(fd, "rb") as file:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        data = file.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise _TooLarge(_too_large(len(data)))
    return data, info


def _articles(path: str, data: bytes) -> list[Article]:
    parse = reader_for(Path(path).suffix)
    if parse is None:
        raise UnreadableArticle(f"not a kind of file akhbar reads ({_suffix(path)})")
    text, encoding = decode_bytes(data)
    return parse(Source(path, data, text, encoding))


def _safe(article: Article) -> Article:
    """Sanitise an article from a reader that forgot to (the txt reader never does)."""
    fields = (article.title, article.date or "", article.source or "", article.url or "")
    if is_safe(" ".join((*fields, *article.paragraphs))):
        return article
    return replace(
        article,
        title=sanitize_line(article.title),
        paragraphs=tuple(sanitize_line(p) for p in article.paragraphs),
        date=None if article.date is None else sanitize_line(article.date),
        source=None if article.source is None else sanitize_line(article.source),
        url=None if article.url is None else sanitize_line(article.url),
    )


def _as_cached(parsed: ParsedFile) -> CachedFile:
    headers = tuple(
        CachedHeader(article.header(), key)
        for article, key in zip(parsed.articles, parsed.content_keys, strict=True)
    )
    return CachedFile(parsed.key, headers, parsed.problem)


def _too_large(size: int) -> str:
    limit = MAX_FILE_BYTES // (1024 * 1024)
    return f"too large ({size / (1024 * 1024):.1f} MB; akhbar reads files up to {limit} MB)"


def _suffix(path: str) -> str:
    return Path(path).suffix or "no extension"


def _stat_message(path: str, error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "symbolic link loop"
    if error.errno == errno.ENOENT:
        with contextlib.suppress(OSError):
            if Path(path).is_symlink():
                return "broken symbolic link (its target does not exist)"
        return "no such file or folder"
    return _os_message(error)


def _os_message(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "permission denied"
    if error.errno == errno.ELOOP:
        return "symbolic link loop"
    if isinstance(error, FileNotFoundError):
        return "the file no longer exists"
    return f"cannot be read ({error.strerror or error})"

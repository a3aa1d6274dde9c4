"""Load a corpus: scan folders, read each article file once, list headers, open bodies on demand.

`load_corpus` returns headers (what a sidebar lists) and problems (files that could not be
read, each with a message fit for a user). Nothing in here raises for bad input: an
unreadable, binary, empty, huge or looping file becomes a `Problem` and every other article
still loads. Bodies are read by `load_article` when an article is opened, from the cache
when it holds that file version, else by parsing the file again.

Scanning rules: folders are walked recursively in name order; hidden entries (``.name``)
and files of unknown extension are skipped silently; symbolic links are followed, a link
that leads back to a folder being walked is reported once as a loop, a folder reached twice
is walked once, and a file reached twice is listed once (under the first of its paths in
name order; files are parsed as the walk meets them, so a file reached through two paths
may be parsed under each). Files over `reading.MAX_FILE_BYTES` (20 MB) are reported as too
large, not read. The same article found twice (same URL, or same title and body) is listed
once: the first found wins.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import stat
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from tui.corpus.article import Article, ArticleHeader, Problem
from tui.corpus.cache import ArticleCache, CachedFile, FileKey, FileRows, caches_body
from tui.corpus.formats import READERS, UnreadableArticle
from tui.corpus.reading import extension_of, os_message, parse_file, suffix
from tui.corpus.workers import STORE_FILES, FileReader, LoadStopped
from tui.paths import fetched_dir, shipped_articles_dir

#: Bodies of recently opened articles kept in memory.
OPENED_ARTICLES_KEPT = 64


__all__ = ["Corpus", "LoadStopped", "load_article", "load_corpus"]


@dataclass(frozen=True, slots=True)
class Corpus:
    """The listed articles and the files that could not be read.

    ``cache_write`` is what `load_corpus` was asked to leave to the caller (see
    `write_cache`); it is no part of what the corpus is (not compared).
    """

    headers: tuple[ArticleHeader, ...]
    problems: tuple[Problem, ...]
    cache_write: CacheWrite | None = field(default=None, compare=False, repr=False)

    def write_cache(self) -> None:
        """Bring the cache up to date if `load_corpus` left that for later; else nothing."""
        if self.cache_write is not None:
            self.cache_write.run()


class CacheWrite:
    """What a `load_corpus` with ``defer_cache_write`` did not write yet: parsed files to
    store and, after a load that read a cache, the files gone since to forget. Run once."""

    def __init__(self, path: Path, rows: list[FileRows], present: set[str] | None) -> None:
        self._path = path
        self._rows = rows
        self._present = present
        self._lock = threading.Lock()

    def run(self) -> None:
        """Write it (the first call; later calls do nothing, after waiting for a write in
        progress in another thread: a reader quitting waits for its cache)."""
        with self._lock:
            rows, present = self._rows, self._present
            self._rows, self._present = [], None
            if not rows and present is None:
                return
            with ArticleCache(self._path) as cache:
                for start in range(0, len(rows), STORE_FILES):
                    cache.store_rows(rows[start : start + STORE_FILES])
                if present is not None:
                    cache.forget_missing(present)


def default_paths() -> list[Path]:
    """The shipped articles (unless the config's ``include_shipped`` is false), the
    fetched-news folder (if it exists), and the config's extra folders, in that order."""
    include_shipped, folders = _configured()
    paths = [shipped_articles_dir()] if include_shipped else []
    fetched = fetched_dir()
    if fetched.is_dir():
        paths.append(fetched)
    paths.extend(folders)
    return list(dict.fromkeys(paths))


def _configured() -> tuple[bool, list[Path]]:
    """``include_shipped`` and the extra folders of config.toml.

    A broken config gives the defaults here: it is reported where the app loads it.
    """
    try:
        from tui.config import ConfigError, load_config
    except ImportError:
        return True, []
    try:
        config = load_config()
    except ConfigError:
        return True, []
    folders = [Path(folder).expanduser() for folder in config.folders]
    return bool(getattr(config, "include_shipped", True)), folders


def load_corpus(
    paths: Sequence[Path],
    *,
    use_cache: bool = True,
    write_cache: bool = True,
    defer_cache_write: bool = False,
    should_stop: Callable[[], bool] | None = None,
) -> Corpus:
    """Scan *paths* (files or folders) and list every article they hold.

    Args:
        paths: files and folders, in the order their articles should come.
        use_cache: read the parsed-article cache in the cache folder; off, every file is
            parsed and nothing is written.
        write_cache: also bring the cache up to date. Off (``--read-only`` sessions), the
            cache is read if valid, and no file is created or changed.
        defer_cache_write: leave the writing to the caller (`Corpus.write_cache`): a reader
            shows the list first (on a first start of 10,000 files, writing them takes
            ~0.2 s of CPU that the parsing workers need).
        should_stop: asked between files: when it says so the load ends at once, raising
            `LoadStopped` (a reader that quits during its first load).
    """
    problems = _Problems()
    cache = ArticleCache(read_only=not write_cache) if use_cache else None
    entries: dict[str, CachedFile | Problem] = {}
    if cache is not None:
        with cache:
            entries.update(cache.files())
    had_entries = bool(entries)
    submitted: set[str] = set()

    def read_if_stale(key: FileKey) -> None:
        path = key.path
        if path not in submitted and _stale(entries.get(path), key):
            submitted.add(path)
            reader.add(key)

    store_path = cache.path if cache is not None and write_cache else None
    defer = store_path is not None and defer_cache_write
    # Files are parsed (in worker processes for many) while the scan goes on.
    with FileReader(store_path, defer_store=defer, should_stop=should_stop) as reader:
        found = _scan(paths, problems, read_if_stale)
        entries.update(reader.finish())
    headers: list[ArticleHeader] = []
    seen: set[str] = set()
    for key in found:
        entry = entries[key.path]
        if isinstance(entry, Problem):
            problems.add(entry)
            continue
        if entry.problem is not None:
            problems.add(Problem(key.path, entry.problem))
        for problem in entry.entry_problems:
            problems.add(problem)
        for item in entry.headers:
            keys = {item.content_key, item.header.identity}
            if keys.isdisjoint(seen):
                headers.append(item.header)
            seen |= keys
    present = {key.path for key in found} if had_entries else None
    if defer and store_path is not None:
        return Corpus(
            tuple(headers), problems.values(), CacheWrite(store_path, reader.deferred, present)
        )
    if cache is not None and present is not None:  # (an empty cache holds no file gone since)
        with cache:
            cache.forget_missing(present)
    return Corpus(tuple(headers), problems.values())


class Listing(NamedTuple):
    """Articles as a reader last listed them, and the order they are sorted in."""

    headers: tuple[ArticleHeader, ...]
    ordering: str


def cached_listing(paths: Sequence[Path]) -> Listing | None:
    """What a reader last listed for these *paths* (`remember_listing`), without reading
    any file or folder; None if nothing was remembered.

    A reader shows it at once and then runs `load_corpus` to catch up with the files:
    listing 100,000 articles this way takes a fraction of the time a full check does.
    """
    with ArticleCache(read_only=True) as cache:
        found = cache.listing(_roots_key(paths))
    return None if found is None else Listing(*found)


def remember_listing(
    paths: Sequence[Path], headers: Sequence[ArticleHeader], ordering: str
) -> None:
    """Keep the listing of *paths* (after a `load_corpus`), sorted by *ordering* (a sort
    key the caller understands), for `cached_listing`."""
    with ArticleCache() as cache:
        cache.store_listing(_roots_key(paths), headers, ordering)


def listing_used(paths: Sequence[Path]) -> None:
    """Count a use of the listing remembered for *paths* (`cached_listing` reads it without
    writing, to stay quick): a reader listed these folders again and found them unchanged,
    so their listing is among the ones kept."""
    with ArticleCache() as cache:
        cache.touch_listing(_roots_key(paths))


def _roots_key(paths: Sequence[Path]) -> str:
    return "\n".join(str(Path(path).absolute()) for path in paths)


def _stale(entry: CachedFile | Problem | None, key: FileKey) -> bool:
    return not isinstance(entry, CachedFile) or entry.key != key


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
        raise UnreadableArticle(os_message(error)) from error
    key = FileKey(header.path, info.st_mtime_ns, info.st_size)
    return _opened(key, header.position, header.identity)


@functools.lru_cache(maxsize=OPENED_ARTICLES_KEPT)
def _opened(key: FileKey, position: int, identity: str) -> Article:
    if caches_body(key.size):
        with ArticleCache() as cache:
            article = cache.article(key, position)
        if article is not None and article.identity == identity:
            return article
    parsed = parse_file(key)
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


def _scan(
    paths: Sequence[Path], problems: _Problems, met: Callable[[FileKey], None]
) -> list[FileKey]:
    """Every article file under *paths*, once each, with its stat (symlinks followed), in
    listing order; *met* is called for each file as the walk meets it (a file reached by two
    paths may be met under both)."""
    listed: list[FileKey] = []
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
            walked = _walk(name, info, seen_dirs, problems)
        elif not stat.S_ISREG(info.st_mode):
            problems.add(Problem(name, "not a regular file"))
            continue
        elif extension_of(name) not in READERS:
            problems.add(Problem(name, f"not a kind of file akhbar reads ({suffix(name)})"))
            continue
        else:
            walked = iter([(name, info)])
        # Kept as (path, (device, inode), key), not stat results: a third of the memory.
        found = []
        for path, file_info in walked:
            key = FileKey(path, file_info.st_mtime_ns, file_info.st_size)
            met(key)
            found.append((path, (file_info.st_dev, file_info.st_ino), key))
        for _, identity, key in sorted(found, key=lambda item: item[0]):
            if identity not in seen_files:
                seen_files.add(identity)
                listed.append(key)
    return listed


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
            problems.add(Problem(folder, f"cannot read this folder: {os_message(error)}"))
            continue
        subfolders: list[tuple[str, tuple[tuple[int, int], ...]]] = []
        for entry in listing:
            if entry.name.startswith("."):
                continue
            known = extension_of(entry.name) in READERS
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


def _stat_message(path: str, error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return "symbolic link loop"
    if error.errno == errno.ENOENT:
        with contextlib.suppress(OSError):
            if Path(path).is_symlink():
                return "broken symbolic link (its target does not exist)"
        return "no such file or folder"
    return os_message(error)

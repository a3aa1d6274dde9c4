"""Writing fetched articles into the corpus folder: one JSON file each, never overwritten.

The file name is a hash of the article's URL (of its title and body when it has none), so
the same story fetched again, from the same feed or another, maps to the same file and is
skipped. Each file is written to a temporary name in the same folder and then hard-linked
into place, which fails if the name exists: two runs at once cannot clobber each other and
a crash leaves at worst a hidden ``.tmp`` file, never a half-written article. The format is
what `tui.corpus.formats.json_articles` reads (``body`` is the list of paragraphs).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from tui.corpus.article import Article

ARTICLE_SUFFIX = ".json"
#: Hex digits of the SHA-256 used in file names: collisions stay far out of reach.
NAME_DIGITS = 24
_TEMP_PREFIX = ".fetch-"
_TEMP_SUFFIX = ".tmp"
#: Where hard links are not supported (some network and FAT file systems).
_NO_LINKS = {errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK}


def article_filename(article: Article) -> str:
    """The file name an article is stored under: a hash of its URL, else of its text."""
    digest = hashlib.sha256(article.identity.encode("utf-8")).hexdigest()
    return f"{digest[:NAME_DIGITS]}{ARTICLE_SUFFIX}"


def is_stored(article: Article, into: Path) -> bool:
    """True if *into* already holds this article (by URL, or by title and body)."""
    return (into / article_filename(article)).exists()


def article_record(article: Article, *, feed: str | None = None) -> dict[str, object]:
    """The JSON document written for *article* (fields the JSON reader understands)."""
    record: dict[str, object] = {
        "title": article.title,
        "date": article.date,
        "published": article.published,
        "source": article.source,
        "url": article.url,
        "body": list(article.paragraphs),
        "fetched": {
            "feed": feed,
            "at": datetime.now(UTC).isoformat(timespec="seconds"),
        },
    }
    return {key: value for key, value in record.items() if value is not None}


def write_article(article: Article, into: Path, *, feed: str | None = None) -> bool:
    """Write *article* as a new file in *into*; False if that article is already there.

    Raises:
        OSError: the folder cannot be created or written (full disk, permissions).
    """
    into.mkdir(parents=True, exist_ok=True)
    final = into / article_filename(article)
    if final.exists():
        return False
    data = json.dumps(article_record(article, feed=feed), ensure_ascii=False, indent=1)
    descriptor, temporary = tempfile.mkstemp(prefix=_TEMP_PREFIX, suffix=_TEMP_SUFFIX, dir=into)
    try:
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            file.write(data + "\n")
            file.flush()
            os.fsync(file.fileno())
        return _place(Path(temporary), final)
    finally:
        with contextlib.suppress(FileNotFoundError):
            Path(temporary).unlink()


def _place(temporary: Path, final: Path) -> bool:
    """Give the written file its final name unless that name is taken (atomically if we can)."""
    try:
        os.link(temporary, final)
    except FileExistsError:
        return False
    except OSError as error:
        if error.errno not in _NO_LINKS:
            raise
        if final.exists():  # no hard links here: a check, then an atomic rename
            return False
        temporary.replace(final)
    return True

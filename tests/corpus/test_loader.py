"""Loading folders: bad files reported once and skipped, duplicates listed once, workers."""

from __future__ import annotations

import io
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.corpus.loading_helpers import (
    BODY,
    SEED_TITLES,
    TITLE,
    copy_seeds,
    messages,
    page,
    titles,
)
from tui.corpus import loader, reading, workers
from tui.corpus.article import Article, ArticleHeader, Problem
from tui.corpus.cache import ArticleCache
from tui.corpus.formats import UnreadableArticle
from tui.corpus.loader import default_paths, load_article, load_corpus
from tui.paths import fetched_dir, shipped_articles_dir
from tui.text.sanitize import is_safe


@pytest.fixture
def seeds(tmp_path: Path, seed_paths: list[Path]) -> Path:
    return copy_seeds(tmp_path / "seeds", seed_paths)


def _read_permission_works(path: Path) -> bool:
    """False when running as root (or on a filesystem) where chmod 000 does not stop reads."""
    try:
        with path.open("rb"):
            return False
    except PermissionError:
        return True


def test_seeds_load_in_path_order(seeds: Path) -> None:
    corpus = load_corpus([seeds], use_cache=False)
    assert titles(corpus) == SEED_TITLES
    assert corpus.problems == ()
    assert [Path(h.path or "").name[:3] for h in corpus.headers] == [
        "000",
        "001",
        "002",
        "003",
        "004",
    ]
    for header in corpus.headers:
        article = load_article(header)
        assert article.header() == header
        assert all(is_safe(p) for p in article.paragraphs)


def test_bad_files_are_reported_once_and_the_rest_load(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "good.txt").write_text(page(TITLE), "utf-8")
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text("\n  \n", "utf-8")
    (folder / "boilerplate.txt").write_text("Please enable JavaScript.\nTT\n", "utf-8")
    (folder / "arabic-1256.txt").write_bytes(page("خبر بترميز ويندوز").encode("cp1256"))
    (folder / "arabic-8859.txt").write_bytes(page("خبر بترميز آيزو").encode("iso8859-6"))
    with (folder / "huge.txt").open("wb") as huge:
        huge.truncate(50 * 1024 * 1024)  # sparse: 50 MB on paper, nothing on disk
    corpus = load_corpus([folder], use_cache=False)
    assert titles(corpus) == ["خبر بترميز ويندوز", "خبر بترميز آيزو", TITLE]
    assert [h.encoding for h in corpus.headers] == ["cp1256", "iso8859-6", "utf-8"]
    assert messages(corpus) == {
        "binary.txt": "binary file",
        "blank.txt": "empty file",
        "boilerplate.txt": "no article text (only site boilerplate)",
        "empty.txt": "empty file",
        "huge.txt": "too large (50.0 MB; akhbar reads files up to 20 MB)",
    }
    assert len(corpus.problems) == 5


def test_unreadable_file(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "good.txt").write_text(page(TITLE), "utf-8")
    locked = folder / "locked.txt"
    locked.write_text(page("خبر مقفل"), "utf-8")
    locked.chmod(0)
    try:
        if not _read_permission_works(locked):
            pytest.skip("chmod 000 does not stop this user from reading (root)")
        corpus = load_corpus([folder], use_cache=False)
    finally:
        locked.chmod(0o644)
    assert titles(corpus) == [TITLE]
    assert messages(corpus) == {"locked.txt": "permission denied"}


def test_permission_error_while_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same path for users whose chmod cannot lock a file: the open itself is refused."""
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "good.txt").write_text(page(TITLE), "utf-8")
    (folder / "locked.txt").write_text(page("خبر مقفل"), "utf-8")
    real_open = os.open

    def refusing_open(path: str, flags: int, *args: int) -> int:
        if str(path).endswith("locked.txt"):
            raise PermissionError(13, "Permission denied", path)
        return real_open(path, flags, *args)

    monkeypatch.setattr(reading.os, "open", refusing_open)
    corpus = load_corpus([folder])
    assert titles(corpus) == [TITLE]
    assert messages(corpus) == {"locked.txt": "permission denied"}
    # Not cached as a problem of that file version: the next start tries again.
    monkeypatch.setattr(reading.os, "open", real_open)
    assert sorted(titles(load_corpus([folder]))) == sorted([TITLE, "خبر مقفل"])


def test_fifo_and_dangling_link_are_reported_without_blocking(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "good.txt").write_text(page(TITLE), "utf-8")
    os.mkfifo(folder / "pipe.txt")
    (folder / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (folder / "gone.pdf").symlink_to(tmp_path / "nowhere.pdf")  # unknown extension: silent
    corpus = load_corpus([folder], use_cache=False)
    assert titles(corpus) == [TITLE]
    assert messages(corpus) == {
        "gone.txt": "broken symbolic link (its target does not exist)",
        "pipe.txt": "not a regular file",
    }


def test_symlink_loops_are_reported_once(tmp_path: Path) -> None:
    root = tmp_path / "news"
    (root / "world").mkdir(parents=True)
    (root / "world" / "a.txt").write_text(page(TITLE), "utf-8")
    (root / "world" / "back").symlink_to(root, target_is_directory=True)
    (root / "self.txt").symlink_to(root / "self.txt")
    corpus = load_corpus([root, root / "world"], use_cache=False)
    assert titles(corpus) == [TITLE]
    assert messages(corpus) == {
        "back": "symbolic link loop (leads back to a parent)",
        "self.txt": "symbolic link loop",
    }
    assert len(corpus.problems) == 2


def test_recursive_scan_skips_hidden_and_unknown_files(tmp_path: Path) -> None:
    root = tmp_path / "news"
    (root / "a" / "b").mkdir(parents=True)
    (root / ".hidden").mkdir()
    (root / "a" / "b" / "deep.txt").write_text(page("خبر عميق"), "utf-8")
    (root / "a" / "top.txt").write_text(page("خبر أعلى"), "utf-8")
    (root / ".hidden" / "secret.txt").write_text(page("خبر مخفي"), "utf-8")
    (root / ".draft.txt").write_text(page("مسودة"), "utf-8")
    (root / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (root / "notes.pdf").write_bytes(b"%PDF-1.7")
    corpus = load_corpus([root], use_cache=False)
    assert titles(corpus) == ["خبر عميق", "خبر أعلى"]
    assert corpus.problems == ()


def test_explicit_paths_missing_or_unknown(tmp_path: Path) -> None:
    pdf = tmp_path / "notes.pdf"
    pdf.write_bytes(b"%PDF-1.7")
    good = tmp_path / "one.txt"
    good.write_text(page(TITLE), "utf-8")
    corpus = load_corpus([tmp_path / "missing", pdf, good], use_cache=False)
    assert titles(corpus) == [TITLE]
    assert messages(corpus) == {
        "missing": "no such file or folder",
        "notes.pdf": "not a kind of file akhbar reads (.pdf)",
    }


def test_same_article_in_two_folders_is_listed_once(tmp_path: Path, seed_paths: list[Path]) -> None:
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        shutil.copy(seed_paths[1], tmp_path / name / "copy.txt")
    # The same article with different site furniture around it is the same article.
    noisy = "Sorry, you need to enable JavaScript to visit this website.\n\n"
    (tmp_path / "b" / "noisy.txt").write_text(noisy + seed_paths[1].read_text("utf-8"), "utf-8")
    corpus = load_corpus([tmp_path / "a", tmp_path / "b"], use_cache=False)
    assert titles(corpus) == [SEED_TITLES[1]]
    assert corpus.headers[0].path == str(tmp_path / "a" / "copy.txt")  # the first found wins


def test_same_url_is_listed_once(tmp_path: Path) -> None:
    (tmp_path / "1.txt").write_text(f"{TITLE}\n\nURL: https://example.com/a\n\n{BODY}", "utf-8")
    (tmp_path / "2.txt").write_text(f"{TITLE} (محدث)\n\nURL: https://example.com/a\n\nنص.", "utf-8")
    corpus = load_corpus([tmp_path], use_cache=False)
    assert titles(corpus) == [TITLE]
    assert corpus.headers[0].identity == "url:https://example.com/a"


def test_a_file_reached_twice_is_read_once(tmp_path: Path) -> None:
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(page(TITLE), "utf-8")
    (tmp_path / "alias").symlink_to(tmp_path / "news", target_is_directory=True)
    corpus = load_corpus([tmp_path / "news", tmp_path / "alias", tmp_path], use_cache=False)
    assert titles(corpus) == [TITLE]
    assert corpus.problems == ()


def test_control_sequences_in_a_file_never_reach_the_article(tmp_path: Path) -> None:
    (tmp_path / "evil.txt").write_bytes(
        f"\x1b]52;c;cm0gLXJmIH4=\x07{TITLE}\n\n{BODY}\x1b[2J\x9b6n".encode()
    )
    corpus = load_corpus([tmp_path], use_cache=False)
    (header,) = corpus.headers
    assert header.title == f"␛]52;c;cm0gLXJmIH4=␇{TITLE}"
    article = load_article(header)
    assert article.paragraphs == (f"{BODY}␛[2J\ufffd6n",)


def test_load_article_after_the_file_went_away(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(page(TITLE), "utf-8")
    (header,) = load_corpus([tmp_path], use_cache=False).headers
    path.unlink()
    with pytest.raises(UnreadableArticle, match="no longer exists"):
        load_article(header)


def test_load_article_without_a_path() -> None:
    header = Article(title=TITLE, paragraphs=(BODY,)).header()
    assert isinstance(header, ArticleHeader)
    with pytest.raises(UnreadableArticle):
        load_article(header)


@pytest.fixture
def parallel(monkeypatch: pytest.MonkeyPatch) -> None:
    """Use worker processes for any load of two files or more."""
    monkeypatch.setattr(workers, "PARALLEL_MIN_FILES", 2)
    monkeypatch.setattr(workers, "CHUNK_FILES", 2)
    monkeypatch.setattr(workers, "worker_count", lambda: 2)


@pytest.mark.usefixtures("parallel")
def test_worker_processes_give_the_same_corpus(seeds: Path) -> None:
    (seeds / "binary.txt").write_bytes(bytes(range(256)))
    in_workers = load_corpus([seeds])
    assert titles(in_workers) == SEED_TITLES
    assert messages(in_workers) == {"binary.txt": "binary file"}
    assert load_corpus([seeds], use_cache=False) == in_workers
    # The workers filled the cache: articles open from it.
    with ArticleCache() as cache:
        assert len(cache.files()) == len(SEED_TITLES) + 1


@pytest.mark.usefixtures("parallel")
def test_large_bodies_read_by_workers_reach_the_cache(
    seeds: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paragraphs = [f"{BODY} ({number})" for number in range(200)]
    (seeds / "zz-long.txt").write_text("خبر طويل جداً\n\n" + "\n\n".join(paragraphs), "utf-8")
    assert (seeds / "zz-long.txt").stat().st_size > 32 * 1024
    corpus = load_corpus([seeds])  # the last share, with the long file, goes to the worker
    long_header = corpus.headers[-1]
    assert long_header.title == "خبر طويل جداً"

    def no_parsing(*_: object) -> object:
        raise AssertionError("the body should come from the cache")

    monkeypatch.setattr(loader, "parse_file", no_parsing)
    loader._opened.cache_clear()
    assert load_article(long_header).paragraphs == tuple(paragraphs)


@pytest.mark.usefixtures("parallel")
def test_failed_workers_fall_back_to_this_process(
    seeds: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(workers, "WORKER_MODULE", "tui.no_such_module")
    corpus = load_corpus([seeds], use_cache=False)
    assert titles(corpus) == SEED_TITLES
    assert corpus.problems == ()


def test_default_paths() -> None:
    paths = default_paths()
    assert paths[0] == shipped_articles_dir()
    assert fetched_dir() not in paths  # does not exist yet in this test's data folder
    fetched_dir().mkdir(parents=True)
    assert fetched_dir() in default_paths()
    corpus = load_corpus(default_paths(), use_cache=False)
    assert titles(corpus) == SEED_TITLES


def test_default_paths_follow_the_config(tmp_path: Path) -> None:
    from tui.config import config_path

    extra = tmp_path / "my news"
    extra.mkdir()
    (extra / "mine.txt").write_text(page(TITLE), "utf-8")
    config_path().write_text(f'[corpus]\nfolders = ["{extra}"]\n', "utf-8")
    assert default_paths() == [shipped_articles_dir(), extra]
    config_path().write_text(f'[corpus]\nfolders = ["{extra}"]\ninclude_shipped = false\n', "utf-8")
    assert default_paths() == [extra]
    assert titles(load_corpus(default_paths(), use_cache=False)) == [TITLE]


def test_broken_config_gives_the_default_paths() -> None:
    from tui.config import config_path

    config_path().write_text("[corpus\nfolders = 3", "utf-8")
    assert default_paths() == [shipped_articles_dir()]


def test_a_worker_process_answers_like_this_process(seeds: Path) -> None:
    (seeds / "binary.txt").write_bytes(bytes(range(256)))
    keys = [
        reading.FileKey(str(path), path.stat().st_mtime_ns, path.stat().st_size)
        for path in sorted(seeds.iterdir())
    ]
    keys.append(reading.FileKey(str(seeds / "gone.txt"), 0, 10))
    requests = [keys[:2], keys[2:]]  # two requests to one process, answered in turn
    request_bytes = b"".join(
        pickle.dumps([(key.path, key.mtime_ns, key.size) for key in chunk]) for chunk in requests
    )
    done = subprocess.run(
        [sys.executable, "-m", workers.WORKER_MODULE],
        input=request_bytes,
        capture_output=True,
        check=True,
    )
    stream = io.BytesIO(done.stdout)
    answers = [pickle.load(stream) for _ in requests]
    assert stream.read() == b""
    listed = [
        workers._listed(chunk, answer) for chunk, answer in zip(requests, answers, strict=True)
    ]
    assert listed[0] is not None and listed[1] is not None
    items = [item for chunk in listed if chunk for item, _ in chunk]
    here = workers.read_files(keys, None)
    assert items == [here[key.path] for key in keys]
    problems = {Path(i.path).name: i.message for i in items if isinstance(i, Problem)}
    assert problems == {"gone.txt": "the file no longer exists"}
    binary = [i for i in items if not isinstance(i, Problem) and i.key.path.endswith("binary.txt")]
    assert [i.problem for i in binary] == ["binary file"]
    assert sum(len(i.headers) for i in items if not isinstance(i, Problem)) == len(SEED_TITLES)


def test_a_file_growing_while_read_is_read_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "growing.txt"
    path.write_text(page(TITLE), "utf-8")
    real_fstat = os.fstat

    def fstat_then_grow(fd: int) -> os.stat_result:
        info = real_fstat(fd)
        with path.open("a", encoding="utf-8") as more:
            more.write("\nفقرة أضيفت أثناء القراءة.\n")
        return info

    monkeypatch.setattr(reading.os, "fstat", fstat_then_grow)
    info = path.stat()
    parsed = reading.parse_file(reading.FileKey(str(path), info.st_mtime_ns, info.st_size))
    assert isinstance(parsed, reading.ParsedFile)
    assert parsed.articles[0].paragraphs[-1] == "فقرة أضيفت أثناء القراءة."

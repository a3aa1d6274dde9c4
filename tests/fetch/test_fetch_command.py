"""`akhbar fetch` as a user runs it: arguments, config fallback, output streams, exit status."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.fetch.conftest import STORIES, rss
from tests.fetch.server import NewsSite, Reply
from tui.cli import main
from tui.corpus.loader import default_paths, load_corpus
from tui.paths import config_dir, fetched_dir

REPO = Path(__file__).resolve().parent.parent.parent


def test_fetch_prints_the_summary_and_exits_zero(
    site: NewsSite, news: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site.routes["/feed.rss"] = Reply(rss(site))
    status = main(["fetch", site.url("/feed.rss"), "--into", str(news)])
    out, err = capsys.readouterr()
    assert status == 0
    assert out == "fetched 2 · new 2 · skipped 0 · failed 0\n"
    assert err == ""  # not a terminal: no progress line


def test_failures_go_to_stderr_one_per_line_and_exit_one(
    site: NewsSite, news: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site.routes["/feed.rss"] = Reply(rss(site))
    site.routes["/boom"] = Reply(b"oops", status=500, content_type="text/plain")
    urls = [site.url("/none"), site.url("/boom"), site.url("/feed.rss")]
    status = main(["fetch", *urls, "--into", str(news)])
    out, err = capsys.readouterr()
    assert status == 1
    assert out == "fetched 2 · new 2 · skipped 0 · failed 2\n"
    assert err.splitlines() == [
        f"akhbar fetch: {site.url('/none')}: HTTP 404 Not Found",
        f"akhbar fetch: {site.url('/boom')}: HTTP 500 Internal Server Error",
    ]


def test_timeout_option(site: NewsSite, news: Path, capsys: pytest.CaptureFixture[str]) -> None:
    site.routes["/slow"] = Reply(rss(site), delay=3)
    status = main(["fetch", site.url("/slow"), "--into", str(news), "--timeout", "0.2"])
    assert status == 1
    assert capsys.readouterr().err.strip().endswith(": timed out after 0.2 s")


@pytest.mark.parametrize("value", ["0", "-1", "soon"])
def test_bad_timeout_is_a_usage_error(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main(["fetch", "http://example.com/feed", "--timeout", value])
    assert exited.value.code == 2
    assert "--timeout" in capsys.readouterr().err


def test_default_folder_is_the_fetched_dir_the_reader_lists(
    site: NewsSite, capsys: pytest.CaptureFixture[str]
) -> None:
    site.routes["/feed.rss"] = Reply(rss(site))
    assert main(["fetch", site.url("/feed.rss")]) == 0
    assert len(list(fetched_dir().glob("*.json"))) == 2
    assert fetched_dir() in default_paths()
    listed = {header.path for header in load_corpus(default_paths()).headers}
    assert sum(1 for path in listed if path and Path(path).parent == fetched_dir()) == 2


def test_without_urls_the_configured_feeds_are_fetched(
    site: NewsSite, news: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    site.routes["/feed.rss"] = Reply(rss(site))
    (config_dir() / "config.toml").write_text(
        f'[feeds]\nurls = ["{site.url("/feed.rss")}"]\n', "utf-8"
    )
    assert main(["fetch", "--into", str(news)]) == 0
    assert capsys.readouterr().out == "fetched 2 · new 2 · skipped 0 · failed 0\n"


def test_without_urls_or_config_says_how_to_configure(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["fetch"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("akhbar fetch: no feed URL given and none configured")
    assert "[feeds]" in err and str(config_dir()) in err


def test_broken_config_is_reported_not_raised(capsys: pytest.CaptureFixture[str]) -> None:
    (config_dir() / "config.toml").write_text("[feeds\nurls = 3\n", "utf-8")
    assert main(["fetch"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("akhbar fetch: ") and "TOML" in err
    assert "Traceback" not in err


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
def test_progress_line_on_a_terminal(site: NewsSite, news: Path) -> None:
    """Run the real command with stderr on a pseudo-terminal and read what it drew."""
    site.routes["/feed.rss"] = Reply(rss(site))
    leader, follower = os.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "tui", "fetch", site.url("/feed.rss"), "--into", str(news)],
            stdout=subprocess.PIPE,
            stderr=follower,
            cwd=REPO,
            env={**os.environ, "COLUMNS": "200"},
            timeout=60,
            check=False,
        )
        os.close(follower)
        follower = -1
        drawn = os.read(leader, 65536).decode()
    finally:
        os.close(leader)
        if follower != -1:
            os.close(follower)
    assert done.returncode == 0
    assert done.stdout.decode() == "fetched 2 · new 2 · skipped 0 · failed 0\n"
    assert f"[1/1] {site.url('/feed.rss')} — entry 2 of 2" in drawn
    assert drawn.endswith("\r\x1b[K")  # the progress line is cleared at the end


def test_fetched_articles_open_in_the_reading_pane_layout(
    site: NewsSite, news: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`akhbar render` lays a fetched file out exactly as the reading pane does."""
    site.routes["/feed.rss"] = Reply(rss(site))
    assert main(["fetch", site.url("/feed.rss"), "--into", str(news)]) == 0
    capsys.readouterr()
    for path in sorted(news.glob("*.json")):
        assert main(["render", str(path), "--bidi", "terminal", "--width", "1000"]) == 0
        drawn = capsys.readouterr().out
        story = next(s for s in STORIES if s[1] in drawn)
        for paragraph in story[2]:
            assert paragraph in drawn

"""`fetch_feeds` end to end against a local news site: feeds, pages, 304s, redirects, failures."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.fetch.conftest import SITE_NAME, STORIES, page, rss, story_url, teaser_rss
from tests.fetch.server import NewsSite, Reply, Request
from tui.corpus.loader import load_article, load_corpus
from tui.fetch import fetcher
from tui.fetch.client import USER_AGENT
from tui.fetch.fetcher import FetchProgress, FetchReport, fetch_feeds
from tui.fetch.store import article_filename

ETAG = '"feed-v1"'
LAST_MODIFIED = "Fri, 01 Nov 2024 10:00:00 GMT"
SHORT_TIMEOUT = 0.3


def _titles(folder: Path) -> list[str]:
    corpus = load_corpus([folder], use_cache=False)
    assert corpus.problems == ()
    return sorted(header.title for header in corpus.headers)


def test_feed_articles_are_written_and_open_through_the_corpus_loader(
    site: NewsSite, news: Path
) -> None:
    site.routes["/feed.rss"] = Reply(rss(site))
    report = fetch_feeds([site.url("/feed.rss")], news)
    assert report == FetchReport(fetched=2, new=2, skipped=0, failed=0)
    assert len(list(news.glob("*.json"))) == 2
    assert list(news.glob(".*")) == []  # no temporary files left behind
    corpus = load_corpus([news])
    assert corpus.problems == ()
    by_title = {header.title: header for header in corpus.headers}
    for slug, title, paragraphs in STORIES:
        article = load_article(by_title[title])
        assert article.paragraphs == paragraphs
        assert article.source == SITE_NAME
        assert article.url == story_url(site, slug)
        assert article.published == "2024-11-01"
        assert article.date is not None and article.date.startswith("Fri, 01 Nov 2024")


def test_requests_carry_the_user_agent(site: NewsSite, news: Path) -> None:
    site.routes["/feed.rss"] = Reply(rss(site))
    fetch_feeds([site.url("/feed.rss")], news)
    (request,) = site.requests("/feed.rss")
    assert request.headers["user-agent"] == USER_AGENT
    assert USER_AGENT.startswith("akhbar/") and "(+terminal Arabic news reader)" in USER_AGENT
    assert "application/rss+xml" in request.headers["accept"]


def test_second_run_is_conditional_and_a_304_fetches_nothing(site: NewsSite, news: Path) -> None:
    site.routes["/feed.rss"] = Reply(rss(site), etag=ETAG, last_modified=LAST_MODIFIED)
    first = fetch_feeds([site.url("/feed.rss")], news)
    assert (first.new, first.unchanged) == (2, 0)
    second = fetch_feeds([site.url("/feed.rss")], news)
    assert second == FetchReport(unchanged=1)
    initial, conditional = site.requests("/feed.rss")
    assert "if-none-match" not in initial.headers
    assert conditional.headers["if-none-match"] == ETAG
    assert conditional.headers["if-modified-since"] == LAST_MODIFIED


def test_last_modified_alone_also_gives_a_304(site: NewsSite, news: Path) -> None:
    site.routes["/feed.rss"] = Reply(rss(site), last_modified=LAST_MODIFIED)
    fetch_feeds([site.url("/feed.rss")], news)
    assert fetch_feeds([site.url("/feed.rss")], news).unchanged == 1
    assert "if-none-match" not in site.requests("/feed.rss")[1].headers


def test_changed_feed_writes_only_the_new_article(site: NewsSite, news: Path) -> None:
    site.routes["/feed.rss"] = Reply(rss(site, STORIES[:1]), etag=ETAG)
    assert fetch_feeds([site.url("/feed.rss")], news).new == 1
    site.routes["/feed.rss"] = Reply(rss(site), etag='"feed-v2"')
    report = fetch_feeds([site.url("/feed.rss")], news)
    assert (report.fetched, report.new, report.skipped, report.failed) == (2, 1, 1, 0)
    assert _titles(news) == sorted(title for _, title, _ in STORIES)


def test_existing_article_files_are_never_overwritten(site: NewsSite, news: Path) -> None:
    site.routes["/feed.rss"] = Reply(rss(site))
    fetch_feeds([site.url("/feed.rss")], news)
    kept = news / next(iter(sorted(p.name for p in news.glob("*.json"))))
    edited = {"title": "نسخة المستخدم", "body": ["لا تلمسها"]}
    kept.write_text(json.dumps(edited, ensure_ascii=False), "utf-8")
    site.routes["/feed.rss"] = Reply(rss(site))  # no validators: fetched in full again
    report = fetch_feeds([site.url("/feed.rss")], news)
    assert (report.new, report.skipped) == (0, 2)
    assert json.loads(kept.read_text("utf-8")) == edited


@pytest.mark.parametrize("status", [301, 302, 307, 308])
def test_redirects_are_followed(status: int, site: NewsSite, news: Path) -> None:
    site.routes["/feed.rss"] = Reply(rss(site))
    site.routes["/old-feed"] = Reply(status=status, headers=(("Location", "/feed.rss"),))
    report = fetch_feeds([site.url("/old-feed")], news)
    assert (report.new, report.failed) == (2, 0)
    assert len(site.requests("/feed.rss")) == 1


def test_a_redirect_chain_is_followed_and_a_loop_is_reported(site: NewsSite, news: Path) -> None:
    site.routes["/feed.rss"] = Reply(rss(site))
    site.routes["/a"] = Reply(status=301, headers=(("Location", "/b"),))
    site.routes["/b"] = Reply(status=302, headers=(("Location", "/feed.rss"),))
    site.routes["/loop"] = Reply(status=302, headers=(("Location", "/loop"),))
    report = fetch_feeds([site.url("/loop"), site.url("/a")], news)
    assert (report.new, report.failed) == (2, 1)
    (problem,) = report.problems
    assert problem.path == site.url("/loop")
    assert problem.message == "more than 5 redirects"


def test_a_slow_server_times_out_and_the_other_feeds_still_load(site: NewsSite, news: Path) -> None:
    site.routes["/slow.rss"] = Reply(rss(site), delay=3)
    site.routes["/feed.rss"] = Reply(rss(site))
    urls = [site.url("/slow.rss"), site.url("/feed.rss")]
    report = fetch_feeds(urls, news, timeout=SHORT_TIMEOUT)
    assert (report.new, report.failed) == (2, 1)
    assert report.problems[0].path == site.url("/slow.rss")
    assert report.problems[0].message == "timed out after 0.3 s"


def test_a_server_that_trickles_forever_is_cut_off(site: NewsSite, news: Path) -> None:
    site.routes["/trickle.rss"] = Reply(rss(site)[:200], trickle=0.1)  # 20 s for 200 bytes
    report = fetch_feeds([site.url("/trickle.rss")], news, timeout=SHORT_TIMEOUT)
    assert report.failed == 1
    assert report.problems[0].message == "the response took longer than 1.2 s"


@pytest.mark.parametrize(
    ("reply", "message"),
    [
        (Reply(b"gone", status=404, content_type="text/plain"), "HTTP 404 Not Found"),
        (Reply(b"oops", status=500, content_type="text/plain"), "HTTP 500 Internal Server Error"),
        (
            Reply(bytes(range(256)) * 8, content_type="application/octet-stream"),
            "binary",
        ),
        (Reply(b"", content_type="application/rss+xml"), "empty response"),
        (Reply(b"<rss><channel><item><title>x</tit", content_type="text/xml"), "malformed XML"),
        (
            Reply(page("صفحة", ("نص",)), content_type="text/html; charset=utf-8"),
            "this is a web page, not an RSS or Atom feed",
        ),
    ],
)
def test_failures_are_reported_once_with_a_clear_message(
    reply: Reply, message: str, site: NewsSite, news: Path
) -> None:
    site.routes["/bad"] = reply
    site.routes["/feed.rss"] = Reply(rss(site))
    report = fetch_feeds([site.url("/bad"), site.url("/feed.rss")], news)
    assert (report.fetched, report.new, report.failed) == (2, 2, 1)
    (problem,) = report.problems
    assert problem.path == site.url("/bad")
    assert message in problem.message


def test_unreachable_host_and_non_http_urls_are_reported(news: Path) -> None:
    report = fetch_feeds(["http://127.0.0.1:9/feed", "file:///etc/passwd"], news)
    assert report.failed == 2
    assert report.problems[0].message.startswith("could not connect")
    assert report.problems[1].message == "only http:// and https:// URLs can be fetched"


def test_teaser_entries_are_completed_from_their_pages(site: NewsSite, news: Path) -> None:
    slug, title, paragraphs = STORIES[0]
    site.routes["/teasers.rss"] = Reply(teaser_rss(site, (slug,)))
    site.routes[f"/news/{slug}.html"] = Reply(
        page(title, paragraphs), content_type="text/html; charset=utf-8"
    )
    report = fetch_feeds([site.url("/teasers.rss")], news)
    assert (report.new, report.failed) == (1, 0)
    (page_request,) = site.requests(f"/news/{slug}.html")
    assert page_request.headers["accept"].startswith("text/html")
    (header,) = load_corpus([news]).headers
    article = load_article(header)
    assert article.title == "عنوان الخبر 1"  # the feed's title
    assert article.paragraphs == paragraphs  # the page's body, without its furniture
    assert article.published == "2024-11-01"  # the feed had no date: the page's
    assert article.url == story_url(site, slug)


def test_a_failing_teaser_page_keeps_the_summary_and_says_so(site: NewsSite, news: Path) -> None:
    site.routes["/teasers.rss"] = Reply(teaser_rss(site, ("missing",)))
    report = fetch_feeds([site.url("/teasers.rss")], news)
    assert (report.fetched, report.new, report.failed) == (1, 1, 1)
    assert report.problems[0].path == story_url(site, "missing")
    assert report.problems[0].message == "HTTP 404 Not Found; kept the feed's summary"
    (header,) = load_corpus([news]).headers
    assert load_article(header).paragraphs == ("موجز قصير للخبر رقم 1.",)


def test_known_teasers_are_not_fetched_again(site: NewsSite, news: Path) -> None:
    slug, title, paragraphs = STORIES[1]
    site.routes["/teasers.rss"] = Reply(teaser_rss(site, (slug,)))
    site.routes[f"/news/{slug}.html"] = Reply(page(title, paragraphs), content_type="text/html")
    fetch_feeds([site.url("/teasers.rss")], news)
    report = fetch_feeds([site.url("/teasers.rss")], news)
    assert (report.fetched, report.new, report.skipped) == (1, 0, 1)
    assert len(site.requests(f"/news/{slug}.html")) == 1


def test_windows_1256_feed_declared_by_http_header(site: NewsSite, news: Path) -> None:
    body = rss(site).decode().replace('encoding="utf-8"', "").encode("cp1256")
    site.routes["/legacy.rss"] = Reply(body, content_type="text/xml; charset=windows-1256")
    assert fetch_feeds([site.url("/legacy.rss")], news).new == 2
    assert _titles(news) == sorted(title for _, title, _ in STORIES)


def test_a_latin1_header_does_not_garble_arabic(site: NewsSite, news: Path) -> None:
    body = rss(site).decode().replace('encoding="utf-8"', 'encoding="windows-1256"')
    site.routes["/legacy.rss"] = Reply(
        body.encode("cp1256"), content_type="text/xml; charset=ISO-8859-1"
    )
    assert fetch_feeds([site.url("/legacy.rss")], news).new == 2
    assert _titles(news) == sorted(title for _, title, _ in STORIES)


def test_progress_is_reported_for_each_step(site: NewsSite, news: Path) -> None:
    site.routes["/feed.rss"] = Reply(rss(site))
    events: list[FetchProgress] = []
    fetch_feeds([site.url("/feed.rss"), site.url("/none")], news, progress=events.append)
    assert {(event.done, event.total) for event in events} == {(1, 2), (2, 2)}
    messages = [event.message for event in events]
    assert messages[:4] == ["fetching feed", "entry 1 of 2", "entry 2 of 2", "done"]
    assert messages[-1] == "failed: HTTP 404 Not Found"


def test_should_stop_ends_the_run_and_keeps_the_feed_unremembered(
    site: NewsSite, news: Path
) -> None:
    site.routes["/feed.rss"] = Reply(rss(site), etag=ETAG)
    seen: list[FetchProgress] = []
    stop_after_first_entry = lambda: len(seen) >= 2  # noqa: E731
    report = fetch_feeds(
        [site.url("/feed.rss")], news, progress=seen.append, should_stop=stop_after_first_entry
    )
    assert (report.fetched, report.new) == (1, 1)
    rerun = fetch_feeds([site.url("/feed.rss")], news)  # not a 304: validators not kept
    assert (rerun.unchanged, rerun.new, rerun.skipped) == (0, 1, 1)


def test_unwritable_folder_is_a_problem_not_a_crash(site: NewsSite, news: Path) -> None:
    site.routes["/feed.rss"] = Reply(rss(site), etag=ETAG)
    news.mkdir()
    blocked = news / "a-file"
    blocked.write_text("not a folder")
    report = fetch_feeds([site.url("/feed.rss"), site.url("/feed.rss?again")], blocked)
    assert (report.new, report.failed) == (0, 1)  # reported once, and the run stops
    (problem,) = report.problems
    assert problem.path == str(blocked)
    assert problem.message.startswith("cannot write articles here: ")
    good = fetch_feeds([site.url("/feed.rss")], news / "news")
    assert good.new == 2  # nothing was remembered, so the feed is fetched in full


def test_fetched_file_names_hash_the_article_url(site: NewsSite, news: Path) -> None:
    site.routes["/feed.rss"] = Reply(rss(site))
    fetch_feeds([site.url("/feed.rss")], news)
    names = sorted(path.name for path in news.glob("*.json"))
    corpus = load_corpus([news])
    expected = sorted(article_filename(load_article(h)) for h in corpus.headers)
    assert names == expected
    assert all(len(name) == len("0123456789abcdef01234567.json") for name in names)


def test_a_callable_route_sees_request_headers(site: NewsSite, news: Path) -> None:
    def feed(request: Request) -> Reply:
        assert request.headers["user-agent"] == USER_AGENT
        return Reply(rss(site))

    site.routes["/feed.rss"] = feed
    assert fetch_feeds([site.url("/feed.rss")], news).new == 2


def test_many_teasers_are_all_completed(site: NewsSite, news: Path) -> None:
    slugs = tuple(f"story-{number}" for number in range(9))
    site.routes["/teasers.rss"] = Reply(teaser_rss(site, slugs))
    for number, slug in enumerate(slugs):
        paragraphs = (f"الفقرة الأولى من الخبر {number}.", "نص طويل " * 40)
        site.routes[f"/news/{slug}.html"] = Reply(
            page(f"خبر {number}", paragraphs), content_type="text/html", delay=0.05
        )
    report = fetch_feeds([site.url("/teasers.rss")], news)
    assert (report.fetched, report.new, report.failed) == (9, 9, 0)
    corpus = load_corpus([news])
    bodies = sorted(load_article(header).paragraphs[0] for header in corpus.headers)
    assert bodies == sorted(f"الفقرة الأولى من الخبر {number}." for number in range(9))


def test_a_reader_bug_on_one_page_is_a_problem_not_a_crash(
    site: NewsSite, news: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(text: str, **_: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(fetcher, "extract_page", broken)
    slug, title, paragraphs = STORIES[0]
    site.routes["/teasers.rss"] = Reply(teaser_rss(site, (slug,)))
    site.routes[f"/news/{slug}.html"] = Reply(page(title, paragraphs), content_type="text/html")
    report = fetch_feeds([site.url("/teasers.rss")], news)
    assert (report.new, report.failed) == (1, 1)
    assert report.problems[0].message == (
        "could not be read (RuntimeError: boom); kept the feed's summary"
    )

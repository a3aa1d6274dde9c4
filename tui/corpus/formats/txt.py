"""Reader for plain-text pages (``.txt``): one scraped news page per file, cleaned by `clean`."""

from __future__ import annotations

from tui.corpus.article import Article
from tui.corpus.clean import clean_page
from tui.corpus.formats import Source, UnreadableArticle

FORMAT = "txt"


def parse(source: Source) -> list[Article]:
    """The article a text page holds: title, stated date and source, cleaned paragraphs.

    Raises:
        UnreadableArticle: the page holds nothing but site boilerplate.
    """
    page = clean_page(source.text)
    if page is None:
        raise UnreadableArticle("no article text (only site boilerplate)")
    return [
        Article(
            title=page.title,
            paragraphs=page.paragraphs,
            date=page.date,
            published=page.published,
            source=page.source,
            url=page.url,
            path=source.path,
            position=0,
            format=FORMAT,
            encoding=source.encoding,
            dropped=page.dropped,
        )
    ]

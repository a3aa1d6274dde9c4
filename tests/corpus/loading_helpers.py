"""Pages, seed copies and accessors shared by the corpus loading and cache tests."""

from __future__ import annotations

import shutil
from pathlib import Path

from tui.corpus.loader import Corpus

TITLE = "لافروف يلتقي زعيم كوريا الشمالية في بيونغ يانغ"
BODY = (
    "التقى وزير الخارجية الروسي سيرغي لافروف، الزعيم الكوري الشمالي كيم جونغ أون في"
    " بيونغ يانغ، الخميس، وفق ما أفادت خارجية موسكو في بيان."
)
SEED_TITLES = [
    "كوريا الشمالية: لن نترك روسيا حتى تحقيق النصر في أوكرانيا",
    "لافروف يلتقي زعيم كوريا الشمالية في بيونغ يانغ",
    "لافروف يشكر كوريا الشمالية على دعمها روسيا ضد أوكرانيا",
    "موسكو تعلن عن محادثات «استراتيجية» مع كوريا الشمالية",
    "لافروف يوجه تحذيراً لواشنطن وحلفائها من إحداث تهديدات أمنية لروسيا وكوريا الشمالية",
]


def page(title: str, body: str = BODY) -> str:
    """A minimal page: a headline and one paragraph."""
    return f"{title}\n\n{body}\n"


def messages(corpus: Corpus) -> dict[str, str]:
    """Problems by file name."""
    return {Path(problem.path).name: problem.message for problem in corpus.problems}


def titles(corpus: Corpus) -> list[str]:
    """Listed titles, in order."""
    return [header.title for header in corpus.headers]


def copy_seeds(folder: Path, seed_paths: list[Path]) -> Path:
    """A writable copy of the shipped articles."""
    folder.mkdir()
    for path in seed_paths:
        shutil.copy(path, folder / path.name)
    return folder

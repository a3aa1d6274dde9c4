"""Stated publication dates: the forms news pages use, and lines that only look like dates."""

from __future__ import annotations

import pytest

from tui.corpus.dates import StatedDate, find_stated_date, parse_date


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("19th, October 2023 GMT", "2023-10-19"),
        ("October 18, 2023", "2023-10-18"),
        ("Oct 1st 2023", "2023-10-01"),
        ("الخميس 19 أكتوبر 2023", "2023-10-19"),
        ("19 اكتوبر 2023", "2023-10-19"),  # hamza dropped
        ("١٩ تشرين الأول ٢٠٢٣", "2023-10-19"),  # Levantine month, Arabic-Indic digits
        ("3 كانون الثاني 2024", "2024-01-03"),
        ("5 جانفي 2024", "2024-01-05"),  # Maghrebi month
        ("2023-10-19", "2023-10-19"),
        ("19/10/2023", "2023-10-19"),  # day first, the Arabic convention
        ("03/25/2024", "2024-03-25"),  # 25 cannot be a month: month first
        ("19.10.2023 - 10:30", "2023-10-19"),
    ],
)
def test_parse_date(text: str, iso: str) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize(
    "text",
    ["19 October", "October 2023", "31 فبراير 2024", "2023", "لا تاريخ هنا", "32/13/2023"],
)
def test_parse_date_needs_a_valid_day(text: str) -> None:
    assert parse_date(text) is None


@pytest.mark.parametrize(
    ("line", "stated"),
    [
        ("تاريخ النشر: 19th, October 2023 GMT", StatedDate("19th, October 2023 GMT", "2023-10-19")),
        ("Published:2023-10-19", StatedDate("2023-10-19", "2023-10-19")),
        ("نشر في: 12/03/2024 - 10:30 م", StatedDate("12/03/2024 - 10:30 م", "2024-03-12")),
        (
            "آخر تحديث: الجمعة 5 يناير 2024 - 14:05 بتوقيت مكة",
            StatedDate("الجمعة 5 يناير 2024 - 14:05 بتوقيت مكة", "2024-01-05"),
        ),
        ("الخميس 19 أكتوبر 2023", StatedDate("الخميس 19 أكتوبر 2023", "2023-10-19")),
        (
            "Thursday, October 19, 2023 at 10:30 pm",
            StatedDate("Thursday, October 19, 2023 at 10:30 pm", "2023-10-19"),
        ),
    ],
)
def test_date_lines(line: str, stated: StatedDate) -> None:
    assert find_stated_date(line) == stated


@pytest.mark.parametrize(
    "line",
    [
        # An ordinary sentence that opens with "نشر في" (published in) is not a date line.
        "نشر في وقت سابق من هذا الشهر تقرير عن المحادثات",
        # A caption that contains a date is not a date line.
        "الرئيس الأوكراني في مقصورة طائرة بالدنمارك في 20 أغسطس (آب) 2023 (أ.ب)",
        "لافروف يلتقي زعيم كوريا الشمالية في بيونغ يانغ",
        "نشر",
        "2023",
    ],
)
def test_not_date_lines(line: str) -> None:
    assert find_stated_date(line) is None

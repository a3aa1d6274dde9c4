"""The interface's message catalogue in English and Arabic, with CLDR plural forms, and `t()`.

Every label, hint, key description and notice the reader shows goes through `t(msg_id, lang)`
so `--lang ar` can show all of it in Arabic. Counted messages use the CLDR plural categories:
English needs two (one, other); Arabic six (zero, one, two, few, many, other), because an
Arabic count changes the noun: مقالان، ٣ مقالات، ١١ مقالًا، ١٠٠ مقال.

Message ids are dotted: ``sidebar.*``, ``count.*``, ``status.*``, ``help.*``, ``notice.*``,
``state.*`` (reader-state notices), ``action.<id>`` (the description of a key binding; the
``<id>`` part is the action id users rebind under ``[keys]``).
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Literal, NamedTuple

Lang = Literal["en", "ar"]
LANGS: tuple[Lang, ...] = ("en", "ar")
DEFAULT_LANG: Lang = "en"
#: The keyword argument that selects the plural form of a counted message.
COUNT_PARAM = "n"
ACTION_PREFIX = "action."

PLURAL_CATEGORIES: dict[Lang, tuple[str, ...]] = {
    "en": ("one", "other"),
    "ar": ("zero", "one", "two", "few", "many", "other"),
}


class Text(NamedTuple):
    """A message with one form per language."""

    en: str
    ar: str


class Plural(NamedTuple):
    """A counted message: plural category → template, per language (see PLURAL_CATEGORIES)."""

    en: Mapping[str, str]
    ar: Mapping[str, str]


def plural_category(count: int, lang: Lang) -> str:
    """The CLDR plural category of the integer *count* in *lang*.

    Arabic (CLDR): 0 zero, 1 one, 2 two, n % 100 in 3..10 few, n % 100 in 11..99 many,
    everything else (100, 101, 102, 200, ...) other.
    """
    n = abs(count)
    if lang == "en":
        return "one" if n == 1 else "other"
    if n in (0, 1, 2):
        return ("zero", "one", "two")[n]
    rest = n % 100
    if 3 <= rest <= 10:
        return "few"
    if 11 <= rest <= 99:
        return "many"
    return "other"


def _ar_counted(zero: str, one: str, two: str, few: str, many: str, other: str) -> dict[str, str]:
    return {"zero": zero, "one": one, "two": two, "few": few, "many": many, "other": other}


MESSAGES: dict[str, Text | Plural] = {
    # Sidebar
    "sidebar.title": Text("Articles", "المقالات"),
    "sidebar.bookmarks_title": Text("Bookmarks", "الإشارات المرجعية"),
    "sidebar.empty": Text("No articles", "لا توجد مقالات"),
    "sidebar.no_bookmarks": Text(
        "No bookmarks yet: press {key} on an article to add one",
        "لا توجد إشارات مرجعية بعد: اضغط {key} في أي مقال لإضافة إشارة",
    ),
    "sidebar.unknown_source": Text("Unknown source", "مصدر غير معروف"),
    "mark.unread": Text("unread", "غير مقروء"),
    "mark.read": Text("read", "مقروء"),
    "mark.bookmarked": Text("bookmarked", "في الإشارات المرجعية"),
    # Counts
    "count.articles": Plural(
        {"one": "{n} article", "other": "{n} articles"},
        _ar_counted("لا مقالات", "مقال واحد", "مقالان", "{n} مقالات", "{n} مقالًا", "{n} مقال"),
    ),
    "count.unread": Plural(
        {"one": "{n} unread", "other": "{n} unread"},
        _ar_counted(
            "لا مقالات غير مقروءة",
            "مقال واحد غير مقروء",
            "مقالان غير مقروءين",
            "{n} مقالات غير مقروءة",
            "{n} مقالًا غير مقروء",
            "{n} مقال غير مقروء",
        ),
    ),
    "count.bookmarks": Plural(
        {"one": "{n} bookmark", "other": "{n} bookmarks"},
        _ar_counted(
            "لا إشارات مرجعية",
            "إشارة مرجعية واحدة",
            "إشارتان مرجعيتان",
            "{n} إشارات مرجعية",
            "{n} إشارةً مرجعية",
            "{n} إشارة مرجعية",
        ),
    ),
    "count.new_articles": Plural(
        {"one": "{n} new article", "other": "{n} new articles"},
        _ar_counted(
            "لا مقالات جديدة",
            "مقال جديد واحد",
            "مقالان جديدان",
            "{n} مقالات جديدة",
            "{n} مقالًا جديدًا",
            "{n} مقال جديد",
        ),
    ),
    "count.results": Plural(
        {"one": "{n} result", "other": "{n} results"},
        _ar_counted("لا نتائج", "نتيجة واحدة", "نتيجتان", "{n} نتائج", "{n} نتيجةً", "{n} نتيجة"),
    ),
    "count.hits": Plural(
        {"one": "{n} match", "other": "{n} matches"},
        _ar_counted("لا تطابق", "تطابق واحد", "تطابقان", "{n} تطابقات", "{n} تطابقًا", "{n} تطابق"),
    ),
    "count.unreadable_files": Plural(
        {"one": "{n} file could not be read", "other": "{n} files could not be read"},
        _ar_counted(
            "قُرئت الملفات كلها",
            "تعذّرت قراءة ملف واحد",
            "تعذّرت قراءة ملفين",
            "تعذّرت قراءة {n} ملفات",
            "تعذّرت قراءة {n} ملفًا",
            "تعذّرت قراءة {n} ملف",
        ),
    ),
    # Status line
    "status.showing_best": Text("the best {n} listed", "تُعرض أفضل {n}"),
    "status.hit": Text("hit {n} of {total}", "النتيجة {n} من {total}"),
    "status.no_hits": Text("no matches", "لا توجد نتائج مطابقة"),
    "status.position": Text("{percent}%", "{percent}٪"),
    "status.bidi": Text("bidi: {mode}", "الاتجاه: {mode}"),
    "status.sorted_by": Text("sorted by {key}", "مرتبة حسب {key}"),
    "status.grouped": Text("grouped by source", "مجمّعة حسب المصدر"),
    "status.filter": Text("filter: {query}", "التصفية: {query}"),
    "status.read_only": Text("read-only", "للقراءة فقط"),
    "bidi.app": Text("app", "التطبيق"),
    "bidi.terminal": Text("terminal", "الطرفية"),
    "sort.date": Text("date", "التاريخ"),
    "sort.source": Text("source", "المصدر"),
    "sort.title": Text("title", "العنوان"),
    "sort.path": Text("file", "الملف"),
    # Search
    "search.title": Text("Search", "بحث"),
    "search.placeholder": Text(
        'Search: words, "a phrase", person:…, place:…, org:…, is:bookmarked',
        'ابحث: كلمات، "عبارة"، person:…، place:…، org:…، is:bookmarked',
    ),
    "search.error": Text(
        "Query error at character {position}: {message}",
        "خطأ في الاستعلام عند الحرف {position}: {message}",
    ),
    # Help screen
    "help.title": Text("Help", "المساعدة"),
    "help.keys": Text("Keys", "المفاتيح"),
    "help.close": Text("Press {key} to close", "اضغط {key} للإغلاق"),
    "help.section.navigation": Text("Moving around", "التنقل"),
    "help.section.articles": Text("Articles", "المقالات"),
    "help.section.reading": Text("Reading", "القراءة"),
    "help.section.search": Text("Search", "البحث"),
    "help.section.entities": Text("Entities", "الكيانات"),
    "help.section.view": Text("View", "العرض"),
    # Entities
    "entities.title": Text("Entities", "الكيانات"),
    "entities.none": Text("No entities found", "لم يُعثر على كيانات"),
    "entity.person": Text("Person", "شخص"),
    "entity.location": Text("Place", "مكان"),
    "entity.organization": Text("Organisation", "منظمة"),
    # Notices
    "notice.marked_read": Text("Marked as read", "عُلِّم مقروءًا"),
    "notice.marked_unread": Text("Marked as unread", "عُلِّم غير مقروء"),
    "notice.bookmark_added": Text("Bookmarked", "أُضيف إلى الإشارات المرجعية"),
    "notice.bookmark_removed": Text("Bookmark removed", "أُزيل من الإشارات المرجعية"),
    "notice.no_unread": Text("No other unread articles", "لا توجد مقالات أخرى غير مقروءة"),
    "notice.wrapped_top": Text("Continued from the top", "استُؤنف البحث من البداية"),
    "notice.wrapped_bottom": Text("Continued from the bottom", "استُؤنف البحث من النهاية"),
    "notice.copied": Text("Copied to the clipboard", "نُسخ إلى الحافظة"),
    "notice.copy_too_long": Text(
        "Too long for the terminal's clipboard; select a part with the mouse",
        "أطول من أن تنقله الطرفية إلى الحافظة؛ حدّد جزءًا منه بالفأرة",
    ),
    "notice.theme": Text("Theme: {name}", "السمة: {name}"),
    "notice.config_error": Text("Configuration error: {message}", "خطأ في الإعدادات: {message}"),
    "notice.feeds_refreshing": Text("Refreshing feeds…", "جارٍ تحديث الخلاصات…"),
    "notice.feed_failed": Text("Could not fetch {url}: {reason}", "تعذّر جلب {url}: {reason}"),
    # Reader state (tui.state.store)
    "state.moved_aside": Text(
        "The reader state file was damaged ({reason}); it was moved to {path} and a fresh one "
        "started",
        "كان ملف حالة القراءة تالفًا ({reason})؛ فنُقل إلى {path} وبُدئ ملف جديد",
    ),
    "state.not_saved": Text(
        "Reader state cannot be saved ({reason}); changes last only until you quit",
        "تعذّر حفظ حالة القراءة ({reason})؛ ستبقى التغييرات حتى الخروج فقط",
    ),
    "state.newer_schema": Text(
        "The reader state was written by a newer akhbar (schema {found}; this one knows "
        "{known}); changes will not be saved",
        "كتب ملفَّ حالة القراءة إصدارٌ أحدث من akhbar (المخطط {found}، وهذا الإصدار يعرف "
        "{known})؛ لن تُحفظ التغييرات",
    ),
    "state.read_failed": Text(
        "Could not read reader state: {reason}", "تعذّرت قراءة حالة القراءة: {reason}"
    ),
    "state.write_failed": Text(
        "Could not save reader state: {reason}", "تعذّر حفظ حالة القراءة: {reason}"
    ),
    # Key binding descriptions: action.<action id>
    "action.quit": Text("Quit", "خروج"),
    "action.help": Text("Help", "مساعدة"),
    "action.command_palette": Text("Commands", "لوحة الأوامر"),
    "action.focus_next": Text("Next pane", "الجزء التالي"),
    "action.focus_previous": Text("Previous pane", "الجزء السابق"),
    "action.open": Text("Open", "فتح"),
    "action.cursor_down": Text("Down", "للأسفل"),
    "action.cursor_up": Text("Up", "للأعلى"),
    "action.first": Text("Top", "إلى البداية"),
    "action.last": Text("Bottom", "إلى النهاية"),
    "action.page_down": Text("Page down", "صفحة للأسفل"),
    "action.page_up": Text("Page up", "صفحة للأعلى"),
    "action.half_page_down": Text("Half page down", "نصف صفحة للأسفل"),
    "action.half_page_up": Text("Half page up", "نصف صفحة للأعلى"),
    "action.next_article": Text("Next article", "المقال التالي"),
    "action.previous_article": Text("Previous article", "المقال السابق"),
    "action.toggle_read": Text("Read/unread", "مقروء/غير مقروء"),
    "action.toggle_bookmark": Text("Bookmark", "إشارة مرجعية"),
    "action.show_bookmarks": Text("Bookmarks", "الإشارات المرجعية"),
    "action.next_unread": Text("Next unread", "غير المقروء التالي"),
    "action.previous_unread": Text("Previous unread", "غير المقروء السابق"),
    "action.search": Text("Search", "بحث"),
    "action.next_hit": Text("Next match", "النتيجة التالية"),
    "action.previous_hit": Text("Previous match", "النتيجة السابقة"),
    "action.toggle_entities": Text("Highlight entities", "تمييز الكيانات"),
    "action.entity_panel": Text("Entity panel", "لوحة الكيانات"),
    "action.next_mention": Text("Next mention", "الموضع التالي"),
    "action.previous_mention": Text("Previous mention", "الموضع السابق"),
    "action.filter_entity": Text("Filter by entity", "تصفية حسب الكيان"),
    "action.toggle_sidebar": Text("Show/hide sidebar", "إظهار/إخفاء الشريط الجانبي"),
    "action.toggle_bidi": Text("Bidi mode", "وضع الاتجاه"),
    "action.refresh_feeds": Text("Refresh feeds", "تحديث الخلاصات"),
    "action.sort": Text("Sort", "ترتيب"),
    "action.group_by_source": Text("Group by source", "التجميع حسب المصدر"),
    "action.change_theme": Text("Change theme", "تغيير السمة"),
    "action.copy": Text("Copy", "نسخ"),
    "action.copy_selection": Text("Copy selection", "نسخ التحديد"),
    "action.bookmark_open": Text("Bookmark this article", "إضافة هذا المقال إلى الإشارات"),
    "action.toggle_people": Text("Highlight people", "تمييز الأشخاص"),
    "action.toggle_places": Text("Highlight places", "تمييز الأماكن"),
    "action.toggle_orgs": Text("Highlight organisations", "تمييز المنظمات"),
    "action.scroll_down": Text("Line down", "سطر للأسفل"),
    "action.scroll_up": Text("Line up", "سطر للأعلى"),
    "action.top": Text("Start of article", "بداية المقال"),
    "action.bottom": Text("End of article", "نهاية المقال"),
    "action.close_search": Text("Clear search", "مسح البحث"),
    "action.search_done": Text("Back to the list", "العودة إلى القائمة"),
    "action.entity_down": Text("Next entity", "الكيان التالي"),
    "action.entity_up": Text("Previous entity", "الكيان السابق"),
    "action.entity_jump": Text("Go to next mention", "الانتقال إلى الموضع التالي"),
    "action.close_help": Text("Close", "إغلاق"),
    "action.show_problems": Text("Files that could not be read", "ملفات تعذّرت قراءتها"),
    "action.show_unread": Text("Unread articles", "المقالات غير المقروءة"),
    "status.loading": Text("Loading articles…", "جارٍ تحميل المقالات…"),
    "search.preparing": Text(
        "Preparing search… results will follow", "جارٍ تجهيز البحث… ستظهر النتائج بعد قليل"
    ),
    "status.press_enter": Text(
        "Choose an article in the list and press Enter to read it.",
        "اختر مقالًا من القائمة واضغط Enter لقراءته.",
    ),
    "status.no_problems": Text("Every file was read.", "قُرئت كل الملفات."),
    "notice.problems": Text(
        "Some files could not be read: Ctrl+P → Problems",
        "تعذّرت قراءة بعض الملفات: Ctrl+P ← المشكلات",
    ),
    "notice.feeds_done": Text(
        "Feeds: {fetched} fetched, {new} new, {failed} failed",
        "الخلاصات: جُلب {fetched}، جديد {new}، فشل {failed}",
    ),
    "notice.no_feeds": Text(
        "No feeds configured: add URLs under [feeds] in {path}",
        "لا توجد خلاصات: أضف الروابط تحت [feeds] في {path}",
    ),
    "help.section.everywhere": Text("Everywhere", "في كل مكان"),
    "help.section.list": Text("Article list", "قائمة المقالات"),
    "help.section.search_box": Text("Search box", "مربع البحث"),
    "help.section.query": Text("Query language", "لغة الاستعلام"),
    "problems.title": Text("Problems", "المشكلات"),
}

#: Every action id that has a description (the ids `[keys]` in config.toml may name).
ACTION_IDS: tuple[str, ...] = tuple(
    msg_id.removeprefix(ACTION_PREFIX) for msg_id in MESSAGES if msg_id.startswith(ACTION_PREFIX)
)


def t(msg_id: str, lang: Lang = DEFAULT_LANG, **params: object) -> str:
    """The message *msg_id* in *lang*, with ``{placeholders}`` filled from *params*.

    A counted message (`Plural`) picks its form from ``params["n"]``.

    Raises:
        KeyError: unknown *msg_id* or a missing placeholder (a programming error; the
            catalogue tests keep ids and placeholders consistent).
        ValueError: *lang* is not one of LANGS.
    """
    if lang not in LANGS:
        raise ValueError(f"unknown interface language {lang!r}; use one of {', '.join(LANGS)}")
    entry = MESSAGES[msg_id]
    if isinstance(entry, Plural):
        count = params[COUNT_PARAM]
        if not isinstance(count, int):
            raise TypeError(f"{msg_id}: {COUNT_PARAM} must be an int, not {count!r}")
        forms = entry.ar if lang == "ar" else entry.en
        template = forms.get(plural_category(count, lang), forms["other"])
    else:
        template = entry.ar if lang == "ar" else entry.en
    return template.format_map(params)


def placeholders(template: str) -> frozenset[str]:
    """The ``{names}`` a template uses (for the catalogue's consistency tests)."""
    return frozenset(
        name for _, name, _, _ in string.Formatter().parse(template) if name is not None
    )


def action_description(action_id: str, lang: Lang = DEFAULT_LANG) -> str:
    """The description of key-binding action *action_id* (footer, help screen, palette)."""
    return t(ACTION_PREFIX + action_id, lang)

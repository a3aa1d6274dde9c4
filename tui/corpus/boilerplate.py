"""The phrase lists that identify site boilerplate in scraped news pages, and drop reasons.

Each list holds one spelling per phrase: `tui.corpus.clean` matches the normalised form
(hamza, alef maqsura, teh marbuta, tanween and case are folded), so ``اقرأ أيضاً`` also
matches ``إقرأ ايضا``. Add phrases here, not in the rules.
"""

from __future__ import annotations

from enum import StrEnum


class Reason(StrEnum):
    """Why a line was dropped (stored in `DroppedLine.reason`)."""

    JAVASCRIPT = "javascript-warning"
    COOKIES = "cookie-notice"
    STRAY = "stray-token"
    REPEATED = "repeated-line"
    SECTION = "section-label"
    LABEL = "label"
    RELATED = "related-articles"
    OTHER_ARTICLE = "other-article"
    BACK_TO_TOP = "back-to-top"
    SHARE = "share-buttons"
    ADVERT = "advertisement"
    TAGS = "tags"
    SOCIAL = "social-embed"
    DATE = "date"
    SOURCE = "source"
    BYLINE = "byline"
    URL = "url"


#: Lists of other stories: after one of these the page's own article is over.
RELATED_LIST_MARKERS: tuple[str, ...] = (
    "مقالات ذات صلة", "أخبار ذات صلة", "موضوعات ذات صلة", "مواضيع ذات صلة", "قصص ذات صلة",
    "تقارير ذات صلة", "ذات صلة", "الأكثر قراءة", "الأكثر مشاهدة", "قد يعجبك أيضا",
    "قد يهمك أيضا", "قد يهمك", "related articles", "related stories", "related", "most read",
    "you may also like",
)  # fmt: skip
#: Links to other stories that may sit inside an article as well as after it.
RELATED_LINK_MARKERS: tuple[str, ...] = (
    "اقرأ المزيد", "اقرأ أيضا", "إقرأ أيضا", "اقرأ كذلك", "طالع أيضا", "شاهد أيضا",
    "اقرأ ايضا", "read more", "read also", "see also",
)  # fmt: skip
#: Phrases that, inside a short line, mark CMS residue of a related-stories widget.
RELATED_RESIDUE: tuple[str, ...] = ("ذات صلة", "related nodes", "related content")
#: "More from <section>" navigation links.
MORE_FROM_PREFIXES: tuple[str, ...] = ("المزيد من", "مزيد من", "المزيد في", "more from", "more in")

#: Whole lines that are site furniture, by reason.
FURNITURE_LINES: dict[Reason, tuple[str, ...]] = {
    Reason.BACK_TO_TOP: (
        "زر الذهاب إلى الأعلى", "الذهاب إلى الأعلى", "العودة إلى الأعلى", "العودة للأعلى",
        "الرجوع إلى الأعلى", "إلى الأعلى", "للأعلى", "back to top", "scroll to top", "top",
    ),
    Reason.LABEL: ("ملخص", "الملخص", "موجز", "باختصار", "summary"),
    Reason.ADVERT: ("إعلان", "إعلانات", "مساحة إعلانية", "محتوى مدفوع", "advertisement", "ad"),
    Reason.SOCIAL: (
        "view this post on instagram", "watch on youtube", "view on twitter",
        "عرض هذا المنشور على instagram", "شاهد على يوتيوب",
    ),
}  # fmt: skip
#: Words of a share-buttons bar; a short line made only of these is dropped.
SHARE_WORDS: frozenset[str] = frozenset(
    (
        "شارك", "شاركها", "مشاركة", "انشر", "طباعة", "أرسل", "البريد", "الإلكتروني", "ايميل",
        "فيسبوك", "فيس", "بوك", "تويتر", "إكس", "واتساب", "واتس", "اب", "تلغرام", "تيليجرام",
        "تليجرام", "لينكدإن", "لينكد", "إن", "انستغرام", "share", "facebook", "twitter", "x",
        "whatsapp", "telegram", "linkedin", "email", "print", "pinterest", "reddit", "copy",
        "link", "on", "via", "نسخ", "الرابط", "عبر", "على",
    )
)  # fmt: skip
#: Labels of tag lines (``كلمات دلالية: …``).
TAG_LABELS: tuple[str, ...] = (
    "كلمات دلالية", "الكلمات الدلالية", "كلمات مفتاحية", "الكلمات المفتاحية", "الوسوم",
    "وسوم", "tags", "keywords", "topics",
)  # fmt: skip
#: Labels of a source line (``المصدر: موقع 24``).
SOURCE_LABELS: tuple[str, ...] = ("المصدر", "مصدر الخبر", "source")
#: Labels of the page's own address.
URL_LABELS: tuple[str, ...] = ("url", "الرابط", "رابط الخبر", "رابط المقال", "المصدر", "source")
#: Words naming a JavaScript requirement, and the verbs that make a line a warning.
JAVASCRIPT_WORDS: tuple[str, ...] = ("javascript", "جافا سكريبت", "جافاسكريبت", "جافاسكربت")
JAVASCRIPT_VERBS: tuple[str, ...] = (
    "enable", "enabled", "disabled", "requires", "required", "turn on", "support",
    "تفعيل", "تمكين", "يتطلب", "يرجى", "معطل", "تشغيل",
)  # fmt: skip
#: Words naming cookies, and the verbs that make a line a cookie notice.
COOKIE_WORDS: tuple[str, ...] = ("cookies", "ملفات تعريف الارتباط", "الكوكيز", "كوكيز")
COOKIE_VERBS: tuple[str, ...] = (
    "use", "uses", "accept", "agree", "consent", "نستخدم", "يستخدم", "قبول", "موافق", "توافق",
)  # fmt: skip
#: Section names a page may print above its headline (``اخبار سياسية``).
SECTION_WORDS: frozenset[str] = frozenset(
    (
        "أخبار", "خبر", "سياسة", "سياسية", "سياسي", "اقتصاد", "اقتصادية", "رياضة", "رياضية",
        "ثقافة", "فن", "فنون", "منوعات", "دوليات", "دولي", "دولية", "عربي", "عربية", "محليات",
        "محلي", "محلية", "عالم", "عالمية", "تكنولوجيا", "علوم", "صحة", "مجتمع", "رأي", "آراء",
        "تقارير", "تقرير", "حوارات", "عاجل", "الخليج", "أوروبا", "آسيا", "أفريقيا", "إفريقيا",
        "أمريكا", "أميركا", "الشرق", "الأوسط", "news", "world", "politics", "business",
        "sport", "sports", "middle", "east", "europe", "asia",
    )
)  # fmt: skip

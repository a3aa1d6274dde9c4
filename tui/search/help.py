"""The query language explained for the help screen, and query-error messages, in en and ar."""

from __future__ import annotations

from typing import Literal

Lang = Literal["en", "ar"]

SEARCH_HELP_EN = """\
Search

  words              every word must appear, in any order:  لافروف موسكو
  "a phrase"         these words together, in this order:   "كوريا الشمالية"
  -word              leave out articles with this word:     روسيا -أوكرانيا
  a OR b             either word (also a | b):              بيونغ OR بيونج
  title:word         only in the headline:                  title:لافروف
  source:word        the outlet or web site:                source:رويترز
  person:name        a person, in any spelling:             person:سيرجي
  place:name         a place:                               place:"بيونغ يانغ"
  org:name           an organisation:                       org:"الأمم المتحدة"
  is:unread          articles not yet read (also is:read)
  is:bookmarked      bookmarked articles

Spelling does not matter: أ إ آ ا, ى ي, ة ه, harakat, tatweel and Persian ی ک are all
the same letter to search, and Arabic-Indic digits match 0-9.
Attached prefixes are found too: روسيا finds وروسيا لروسيا بروسيا, الكرملين finds
والكرملين للكرملين, رئيس finds الرئيس. Words are never cut to a root, so لبنان stays
لبنان and فلسطين stays فلسطين.
One exception: على (on) and علي (Ali), إلى (to) and إلي/آلي keep the ى or ي you type,
so searching for the name does not find every "on". Type على OR علي for both.
Phrases may be typed with "…", “…” or «…». Qualifiers also have Arabic names:
عنوان: مصدر: شخص: مكان: منظمة:
"""

SEARCH_HELP_AR = """\
البحث

  كلمات              كل الكلمات موجودة، بأي ترتيب:           لافروف موسكو
  "عبارة"            الكلمات متتالية بهذا الترتيب:            "كوريا الشمالية"
  -كلمة              استبعد المقالات التي فيها الكلمة:       روسيا -أوكرانيا
  أ OR ب             إحدى الكلمتين (أو أ | ب):                بيونغ OR بيونج
  عنوان:كلمة         في العنوان فقط (أو title:):              عنوان:لافروف
  مصدر:كلمة          الوسيلة أو الموقع (أو source:):          مصدر:رويترز
  شخص:اسم            شخص بأي تهجئة (أو person:):             شخص:سيرجي
  مكان:اسم           مكان (أو place:):                        مكان:"بيونغ يانغ"
  منظمة:اسم          منظمة (أو org:):                         منظمة:"الأمم المتحدة"
  is:unread          المقالات غير المقروءة (و is:read للمقروءة)
  is:bookmarked      المقالات المحفوظة

لا تهم طريقة الكتابة: أ إ آ ا، ى ي، ة ه، الحركات والتطويل والحروف الفارسية ی ک كلها
حرف واحد عند البحث، والأرقام العربية الهندية تطابق 0-9.
وتُوجد الكلمة مع السوابق المتصلة: روسيا تجد وروسيا ولروسيا وبروسيا، والكرملين تجد
والكرملين وللكرملين، ورئيس تجد الرئيس. لا تُرد الكلمات إلى جذورها، فتبقى لبنان لبنان.
استثناء واحد: على وعلي، إلى وإلي/آلي تحتفظ بالـ ى أو الـ ي التي تكتبها، كي لا يجد
البحث عن الاسم كل حرف جر. اكتب على OR علي لتجد الاثنين.
"""

#: Query-error message id → (English, Arabic) templates.
ERROR_MESSAGES: dict[str, tuple[str, str]] = {
    "unclosed_quote": (
        "this {quote} has no closing quote; add one after the phrase",
        "علامة التنصيص {quote} بلا إغلاق؛ أضف علامة بعد العبارة",
    ),
    "empty_quotes": (
        "the quotes hold no word to search for",
        "لا توجد كلمة بين علامتي التنصيص",
    ),
    "lone_minus": (
        "'-' must be followed directly by the word or \"phrase\" to leave out",
        "يجب أن تلي '-' مباشرة الكلمة أو \"العبارة\" المراد استبعادها",
    ),
    "minus_in_or": (
        "an excluded word ('-') cannot be one side of OR",
        "لا يمكن أن تكون الكلمة المستبعدة ('-') أحد طرفي OR",
    ),
    "or_needs_sides": (
        "OR needs a word on each side",
        "تحتاج OR إلى كلمة على كل جانب",
    ),
    "empty_field": (
        '{field} needs a word or "phrase" right after it',
        'يجب أن تلي {field} كلمة أو "عبارة" مباشرة',
    ),
    "unknown_field": (
        "unknown qualifier {field}; use title: source: person: place: org: or is:",
        "مؤهل غير معروف {field}؛ استخدم title: source: person: place: org: أو is:",
    ),
    "entities_unavailable": (
        "person:, place: and org: need the entity tagger, which could not be loaded",
        "تحتاج person: وplace: وorg: إلى محلل الكيانات، وتعذر تحميله",
    ),
    "index_failed": (
        "the search index could not answer ({detail}); deleting it from the cache rebuilds it",
        "تعذر على فهرس البحث الإجابة ({detail})؛ حذفه من ذاكرة التخزين المؤقت يعيد بناءه",
    ),
    "unknown_flag": (
        "is:{value} is not a filter; use is:unread, is:read or is:bookmarked",
        "is:{value} ليس مرشحًا؛ استخدم is:unread أو is:read أو is:bookmarked",
    ),
}


def search_help(lang: Lang = "en") -> str:
    """The help-screen section on the query language in *lang*."""
    return SEARCH_HELP_AR if lang == "ar" else SEARCH_HELP_EN


def error_message(code: str, lang: Lang = "en", **params: str) -> str:
    """The message of query error *code* in *lang*, with *params* filled in."""
    english, arabic = ERROR_MESSAGES[code]
    return (arabic if lang == "ar" else english).format(**params)

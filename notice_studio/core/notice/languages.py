"""The languages a notice can be written in: one table of BCP 47 codes, their names and their
direction, and the small word lists import uses to tell which language a text is in.

A notice's language (notice.yaml `language`, "en" when absent) sets the page's `lang` and `dir`,
Word's right-to-left paragraphs, and whether the English wording checks can read the text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from notice_studio.core.notice.model import NoticeError

ENGLISH = "en"


@dataclass(frozen=True)
class Language:
    code: str
    """The BCP 47 primary language subtag ("de")."""
    name: str
    """Its English name ("German")."""
    native: str
    """Its name in itself ("Deutsch")."""
    right_to_left: bool = False


LANGUAGES: dict[str, Language] = {
    lang.code: lang
    for lang in (
        Language("en", "English", "English"),
        Language("ar", "Arabic", "العربية", right_to_left=True),
        Language("bg", "Bulgarian", "български"),
        Language("ca", "Catalan", "català"),
        Language("cs", "Czech", "čeština"),
        Language("da", "Danish", "dansk"),
        Language("de", "German", "Deutsch"),
        Language("ckb", "Central Kurdish", "کوردی", right_to_left=True),
        Language("dv", "Dhivehi", "ދިވެހިބަސް", right_to_left=True),
        Language("el", "Greek", "Ελληνικά"),
        Language("es", "Spanish", "español"),
        Language("et", "Estonian", "eesti"),
        Language("fa", "Persian", "فارسی", right_to_left=True),
        Language("fi", "Finnish", "suomi"),
        Language("fr", "French", "français"),
        Language("ga", "Irish", "Gaeilge"),
        Language("he", "Hebrew", "עברית", right_to_left=True),
        Language("hi", "Hindi", "हिन्दी"),
        Language("hr", "Croatian", "hrvatski"),
        Language("hu", "Hungarian", "magyar"),
        Language("id", "Indonesian", "Bahasa Indonesia"),
        Language("is", "Icelandic", "íslenska"),
        Language("it", "Italian", "italiano"),
        Language("ja", "Japanese", "日本語"),
        Language("ko", "Korean", "한국어"),
        Language("lt", "Lithuanian", "lietuvių"),
        Language("lv", "Latvian", "latviešu"),
        Language("mt", "Maltese", "Malti"),
        Language("nb", "Norwegian Bokmål", "norsk bokmål"),
        Language("nl", "Dutch", "Nederlands"),
        Language("nn", "Norwegian Nynorsk", "norsk nynorsk"),
        Language("no", "Norwegian", "norsk"),
        Language("pl", "Polish", "polski"),
        Language("ps", "Pashto", "پښتو", right_to_left=True),
        Language("pt", "Portuguese", "português"),
        Language("ro", "Romanian", "română"),
        Language("ru", "Russian", "русский"),
        Language("sd", "Sindhi", "سنڌي", right_to_left=True),
        Language("sk", "Slovak", "slovenčina"),
        Language("sl", "Slovenian", "slovenščina"),
        Language("sv", "Swedish", "svenska"),
        Language("th", "Thai", "ไทย"),
        Language("tr", "Turkish", "Türkçe"),
        Language("ug", "Uyghur", "ئۇيغۇرچە", right_to_left=True),
        Language("uk", "Ukrainian", "українська"),
        Language("ur", "Urdu", "اردو", right_to_left=True),
        Language("vi", "Vietnamese", "Tiếng Việt"),
        Language("yi", "Yiddish", "ייִדיש", right_to_left=True),
        Language("zh", "Chinese", "中文"),
    )
}

# A tag is a primary language, then optional script/region/variant subtags ("pt-BR", "zh-Hant").
_TAG_RE = re.compile(r"^([A-Za-z]{2,3})((?:-[A-Za-z0-9]{1,8})*)$")


def primary(code: str) -> str:
    """The primary language subtag of a BCP 47 tag, lower-cased ("pt" for "pt-BR")."""
    return code.strip().replace("_", "-").split("-")[0].lower()


def language_of(code: str) -> Language | None:
    """The table's entry for a tag's primary language, or None for a language it does not list."""
    return LANGUAGES.get(primary(code or ENGLISH))


def is_english(code: str) -> bool:
    return primary(code or ENGLISH) == ENGLISH


def english_page_language(code: str) -> str:
    """The language of a page whose own words are English (a redline) for a notice in `code`: the
    notice's own English variety, else English; the notice's text marks its own language."""
    return (code or ENGLISH) if is_english(code) else ENGLISH


def text_direction(code: str) -> str:
    """'rtl' for a language written right to left, else 'ltr'."""
    found = language_of(code)
    return "rtl" if found is not None and found.right_to_left else "ltr"


def language_label(code: str) -> str:
    """'German (Deutsch)' for 'de'; 'English'; the tag itself for a language the table lacks."""
    found = language_of(code)
    if found is None:
        return code
    region = code.strip().replace("_", "-").partition("-")[2]
    name = found.name if found.native == found.name else f"{found.name} ({found.native})"
    return f"{name}, {region}" if region else name


def normalise_language(text: str) -> str:
    """A tag as notice.yaml keeps it ('de', 'pt-BR'), from a code or an English or native name;
    refuses what is not a language the table knows, with what to give instead."""
    cleaned = text.strip().replace("_", "-")
    wanted = cleaned.casefold()
    for lang in LANGUAGES.values():
        if wanted in (lang.name.casefold(), lang.native.casefold()):
            return lang.code
    found = _TAG_RE.match(cleaned)
    if found and found.group(1).lower() in LANGUAGES:
        region = "-".join(part.upper() if len(part) == 2 else part for part in found.group(2).split("-")[1:])
        return found.group(1).lower() + (f"-{region}" if region else "")
    raise NoticeError(
        f"'{text}' is not a language Notice Studio knows; give its code, one of: {', '.join(sorted(LANGUAGES))}."
    )


# ----- telling the language of a text ------------------------------------------------------------
# Short, very common words of each language (our own choice): articles, pronouns, prepositions and
# the words a privacy notice cannot do without. Words shared by two languages are left out of both.
_WORDS: dict[str, str] = {
    "en": "the and of to we you your our is are for with this that which by or from may will not be it",
    "de": "der die das und wir sie ihre ihr unsere ist sind für mit nicht zu von auf den dem des eine einer "
    "werden daten ihrer oder wenn",
    "fr": "le la les et nous vous votre vos nos est sont pour avec ne pas des du une dans sur données qui",
    "es": "el los las y nosotros usted su sus nuestros es son para con del una datos que por como",
    "it": "il lo gli e noi voi vostro suoi nostri è sono per con della delle una dati che di",
    "nl": "de het een en wij jij uw onze zijn voor met niet van op gegevens wordt worden",
    "pt": "o os e nós você seu seus nossos é são para não dos uma dados que em",
    "pl": "i w na z że się nie jest są dla do lub oraz dane twoje nasze przez",
    "sv": "och att det är vi du din dina våra för med inte av på personuppgifter som",
    "da": "og at det er vi du din dine vores for med ikke af på personoplysninger som",
    "ar": "في من على إلى أن التي الذي هذه هذا عن مع أو لا بياناتك البيانات",
    "he": "של את על עם לא זה אנו אתה המידע או כי",
    "ru": "и в на с что не мы вы ваши наши для по это данные или",
    "el": "και το η οι τα σας μας για με δεν από στο στην δεδομένα",
}
_SHARED = {w for w, n in Counter(w for words in _WORDS.values() for w in set(words.split())).items() if n > 1}
STOP_WORDS: dict[str, frozenset[str]] = {code: frozenset(words.split()) - _SHARED for code, words in _WORDS.items()}
_WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)
_ADDRESS_RE = re.compile(r"(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\([^\s()]+\.(?:com|org|net)\b[^\s()]*\)")
_LEAST_HITS = 5


_SAMPLE = 200_000  # characters: far more than enough to tell, and a huge import is not read twice over


def detect_language(text: str) -> str | None:
    """The language whose common words the text uses most (STOP_WORDS), or None when too few of any
    are found, or two languages come too close, to say (a short, mixed or unusual text)."""
    prose = _ADDRESS_RE.sub(" ", text[:_SAMPLE])  # 'www.example.com' is no Portuguese 'com'
    words = Counter(w.casefold() for w in _WORD_RE.findall(prose))
    hits = {code: sum(words[w] for w in stop) for code, stop in STOP_WORDS.items()}
    best = max(hits, key=lambda code: hits[code])
    ranked = sorted(hits.values(), reverse=True)
    if ranked[0] < _LEAST_HITS or ranked[0] < 2 * ranked[1]:
        return None
    return best

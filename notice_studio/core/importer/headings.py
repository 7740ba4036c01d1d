"""What a heading looks like on its own: numbers ("2.1", "A.", "IV."), shapes (short, ALL CAPS,
title case, a question) and run-in headings. Pure string tests; sections.py uses them in context.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ROMAN_RE = re.compile(r"^M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})$")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}

_NUMBER_RE = re.compile(
    r"""^(?:(?P<word>section|article|part|clause|chapter|schedule)\s+|§\s*)?
    (?:
        (?P<dotted>\d{1,3}(?:\.\d{1,3}){1,3})\.?(?=[\s:)–—-])
      | (?P<sub>\d{1,3})(?P<subletter>[A-Z])[.):]?(?=\s)
      | (?P<arabic>\d{1,3})(?P<apunct>[.):]?)(?=\s|(?<=\.)(?-i:[A-ZÀ-Þ])\w)  # '3.Legal basis' too
      | (?P<letter>[A-Z])[.)](?=\s)
      | (?P<roman>[IVXLC]{2,7})[.)](?=\s)
      | \((?P<paren>[A-Za-z0-9]{1,4})\)(?=\s)
      | (?P<lower>[a-z]|[ivx]{2,5})[.)](?=\s)
      | (?<=[a-z]\s)(?P<wletter>[A-Z])(?=:?\s)
    )
    [ \t]*(?:[:–—-][ \t]+|\)[ \t]+)?(?P<rest>\S.*)?$""",
    re.IGNORECASE | re.VERBOSE,
)


@dataclass(frozen=True)
class Number:
    """A number written before a heading or list item."""

    text: str
    """As written, without trailing punctuation: '4.2', 'A', 'IV', '3'."""
    scheme: str
    """'arabic', 'upper' (A, B), 'roman' (I, II) or 'list' (a), (1), i. - list markers, never headings."""
    values: tuple[int, ...]
    punctuated: bool = True
    """False for a bare '2 Information we collect' (weaker: addresses look like that too)."""
    alternative: tuple[str, tuple[int, ...]] | None = None
    """Another reading: 'I', 'V', 'X' as a letter can also be roman; 'Section 2' can be a plain '2'."""

    @property
    def depth(self) -> int:
        return len(self.values)


def roman_value(text: str) -> int | None:
    text = text.upper()
    if not text or not _ROMAN_RE.match(text):
        return None
    total = 0
    for i, ch in enumerate(text):
        value = _ROMAN_VALUES[ch]
        total += -value if i + 1 < len(text) and _ROMAN_VALUES[text[i + 1]] > value else value
    return total


def split_number(text: str) -> tuple[Number | None, str]:
    """'2.1 Information you give us' -> (Number('2.1'), 'Information you give us')."""
    match = _NUMBER_RE.match(text)
    if not match:
        return None, text
    rest = (match.group("rest") or "").strip()
    if match.group("dotted"):
        parts = tuple(int(p) for p in match.group("dotted").split("."))
        shown = (
            text[: match.end("dotted")].strip()
            if match.group("word") or text.lstrip().startswith("§")
            else match.group("dotted")
        )
        return Number(shown, "arabic", parts), rest
    if match.group("sub"):
        # '1A. What is this notice?': section 1, its first sub-section
        values = (int(match.group("sub")), ord(match.group("subletter").upper()) - 64)
        return Number(match.group("sub") + match.group("subletter"), "arabic", values), rest
    if match.group("arabic"):
        word = bool(match.group("word")) or text.lstrip().startswith("§")
        punct = bool(match.group("apunct")) or word
        # "Section 3" keeps its word: the original number is shown as the original wrote it.
        shown = text[: match.end("arabic")].strip() if word else match.group("arabic")
        # 'Article 4' numbers its own series: a plain '1.', '2.' inside it starts again in each article.
        # ('Section 2' after a plain '1.' still reads as the next of that numbering.)
        single: tuple[int, ...] = (int(match.group("arabic")),)
        if match.group("word"):
            return Number(shown, match.group("word").lower(), single, punct, ("arabic", single)), rest
        return Number(shown, "arabic", single, punct), rest
    if match.group("wletter"):
        if not match.group("word") or not match.group("wletter").isupper():
            return None, text  # a bare capital is a word ('A new...'), not a number, without 'Section'
        letter = match.group("wletter")
        return Number(text[: match.end("wletter")].strip(), "upper", (ord(letter) - 64,)), rest
    if match.group("letter"):
        letter = match.group("letter")
        if letter.islower():
            return Number(letter, "list", (ord(letter.lower()) - 96,)), rest
        roman = roman_value(letter)
        alternative = ("roman", (roman,)) if roman else None
        return Number(letter, "upper", (ord(letter) - 64,), True, alternative), rest
    if match.group("roman"):
        value = roman_value(match.group("roman"))
        if value is None or not match.group("roman").isupper():
            return (Number(match.group("roman"), "list", (value or 0,)), rest) if value else (None, text)
        return Number(match.group("roman"), "roman", (value,)), rest
    marker = match.group("paren") or match.group("lower") or ""
    return Number(marker, "list", (0,)), rest


# ----- shapes -------------------------------------------------------------------------------------
_MINOR = {
    "a",
    "an",
    "and",
    "as",
    "at",
    "by",
    "for",
    "from",
    "in",
    "into",
    "of",
    "on",
    "or",
    "the",
    "to",
    "with",
    "we",
    "you",
    "us",
    "our",
    "your",
    "it",
    "its",
    "is",
    "are",
    "do",
    "does",
    "how",
    "what",
    "who",
}
_QUESTION_WORDS = 24
"""The longest question taken for a heading: a help centre asks its readers' questions in full."""
_LAST_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
"""Where a sentence ends and the next begins."""
_QUESTION_START = re.compile(
    r"^(?:(?:for|to|with|from|in|on|by|under|about|at)\s+(?:what|whom|which|how|whose)\b"  # 'To whom ...?'
    r"|(?:what|how|why|who|whom|whose|when|where|which|do|does|did|can|could|will|would|is|are|should|shall|may|have|has)\b)",
    re.IGNORECASE,
)
_VOCABULARY = re.compile(
    r"\b(?:information|data|personal|privacy|cookies?|rights?|contact|security|retention|children|changes?|"
    r"shar(?:e|ing)|use|collect(?:ion)?|transfers?|international|legal|basis|marketing|third|parties|"
    r"disclos\w*|notice|policy|complaints?|keep|protect\w*|storage|process\w*|purposes?|definitions|scope|"
    r"introduction|overview|summary|about|choices|consent|safe|providers?|recipients|updates?|law|"
    r"who|how|what|why|where|when|us)\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.,;。，；、،؛।]$")  # and the Chinese, Japanese, Arabic and Devanagari marks
_INNER_SENTENCE_END = re.compile(
    r"\b(?!(?:etc|e\.g|i\.e|inc|ltd|co|no|vs|art|arts|sec|para|cf|st|dr|mr|mrs|ms)\.)\w{2,}[.!?]\s+\S", re.IGNORECASE
)
_WEB = re.compile(r"@|https?:|www\.|\.com\b|\.co\.uk\b|\.org\b", re.IGNORECASE)
_CARRIES_ON = re.compile(
    r"\b(?:and|or|but|nor|the|an|of|that|which|can|may|will|must|should|could|would|shall|our|your|their"
    r"|including|such as|as well as|whether|if|because|e\.g\.|i\.e\.)$",
    re.IGNORECASE,
)


def words(text: str) -> list[str]:
    return text.split()


def ends_with_colon(text: str) -> bool:
    """The line ends with a colon, the ASCII one or the fullwidth one East Asian text uses ('：')."""
    return text.rstrip().endswith((":", "\uff1a"))


def is_title_shaped(text: str, *, allow_colon: bool = True, max_words: int = 14) -> bool:
    """Short, starts with a capital, a digit or a letter of a script without case, and does not end
    like a sentence or clause."""
    text = text.strip()
    count = len(text.split())
    if not 1 <= count <= max_words or len(text) > 120:
        return False
    if _SENTENCE_END.search(text) and not text.endswith("etc."):
        return False
    if ends_with_colon(text) and not allow_colon:
        return False
    if _INNER_SENTENCE_END.search(text):
        return False  # "We keep records. YOUR RIGHTS" is a sentence with something after it
    if _CARRIES_ON.search(text.rstrip(":").rstrip()) or text.endswith(" a"):
        return False  # 'Your account details, and' / 'We use it so that we can': the sentence goes on
    if text.count("(") != text.count(")"):
        return False  # 'Former Employees)', '... Representation (Art': a piece of a wrapped sentence
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < 2:
        return False
    first = next((ch for ch in text if ch.isalnum()), "")
    if not first or first.islower():
        return False  # a capital, a digit, or a letter of a script with no capitals (Chinese, Arabic)
    return not _WEB.search(text)


def is_stopped_title(text: str, *, max_words: int = 10) -> bool:
    """A short title closed with a full stop ('6. SECURITY.'): taken only where the line is marked out
    otherwise (ALL CAPS after a number, or set in a heading's size)."""
    text = text.strip()
    return (
        text.endswith(".")
        and text[:1].isalpha()
        and len(text.split()) <= max_words
        and sum(ch.isalpha() for ch in text) >= 4
        and not text.endswith("..")
        and is_title_shaped(text[:-1], max_words=max_words)
    )


def is_all_caps(text: str) -> bool:
    if not text.isupper():
        return False  # a lower-case letter, or no letters with a case at all (quick, on long paragraphs)
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < 3 or not all(ch.isupper() for ch in letters):
        return False
    return any(sum(ch.isalpha() for ch in w) >= 3 for w in text.split())


def is_question(text: str, *, any_start: bool = False) -> bool:
    """A question ('How do we use your data?'); `any_start`: also one that does not start with a
    question word ('Data privacy questions?', 'Qu'est-ce qu'un cookie ?'), which only a line of its own
    over text makes a heading."""
    text = text.strip()
    if not text.endswith("?") or _WEB.search(text):
        return False
    count = len(text.split())
    if _QUESTION_START.match(text):
        return 2 <= count <= _QUESTION_WORDS
    if not any_start or not text[:1].isupper():
        return False
    if 2 <= count <= 12 and "?" not in text[:-1]:
        return True
    # a reader's question as a heading, said before it is asked ('I moved abroad. Can I still ...?')
    sentences = _LAST_SENTENCE.split(text)
    return len(sentences) == 2 and count <= _QUESTION_WORDS and bool(_QUESTION_START.match(sentences[1]))


def is_title_case(text: str) -> bool:
    """Most words that matter start with a capital ('How We Use Your Data')."""
    major = [w for w in re.findall(r"[A-Za-z][A-Za-z'’-]*", text) if w.lower() not in _MINOR]
    if not major:
        return False
    capitalised = sum(1 for w in major if w[0].isupper())
    return capitalised / len(major) >= 0.75 and text.lstrip()[:1].isupper()


_ARTICLES_AND_PREPOSITIONS = frozenset(
    {"a", "an", "and", "as", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "with"}
)


def is_strict_title_case(text: str) -> bool:
    """Every word but articles and prepositions capitalised ('Information You Provide Us'), which a
    sentence ('We are Ashdown Builders') is not."""
    found = re.findall(r"[A-Za-z][A-Za-z'’-]*", text)
    return bool(found) and all(w[0].isupper() or w.lower() in _ARTICLES_AND_PREPOSITIONS for w in found)


NOTICE_NAMES_ELSEWHERE = (
    r"datenschutz\w*|confidentialit[ée]|donn[ée]es\s+personnelles|privacidad|protecci[óo]n\s+de\s+datos"
    r"|privacidade|prote[çc][ãa]o\s+de\s+dados|protezione\s+dei\s+dati|privacyverklaring|privacybeleid"
    r"|gegevensbescherming"
    # Greek, Russian, Ukrainian, Arabic, Hebrew, Chinese, Japanese, Korean
    r"|απορρήτου|προσωπικών\s+δεδομένων|конфиденциальности|персональных\s+данных|конфіденційності"
    r"|الخصوصية|פרטיות|隐私\w*|隱私\w*|个人信息\w*|個人情報\w*|プライバシー\w*|개인정보\w*"
)
"""Words that name a privacy notice in German, French, Spanish, Portuguese, Italian and Dutch
('Datenschutzerklärung', 'Politique de confidentialité'), and in a few other scripts ('Πολιτική
απορρήτου', '隐私政策'): one list for the import's title rules."""
_NOTICE_NAME = re.compile(
    rf"\b(?:privacy|notice|policy|statement|data protection|{NOTICE_NAMES_ELSEWHERE})\b", re.IGNORECASE
)


def names_the_notice(text: str) -> bool:
    """An un-numbered short line naming a notice ('Harbour Club Privacy Notice', 'California Privacy
    Notice'): the notice's title, or the title of a notice within it."""
    number, _ = split_number(text)
    return number is None and len(text.split()) <= 12 and bool(_NOTICE_NAME.search(text))


def has_heading_vocabulary(text: str) -> bool:
    return bool(_VOCABULARY.search(text))


_LINK_OR_CARRY_ON = re.compile(
    r"^(?:go to|view|download|click|tap|learn more|read more|find out more|visit|back to|sign (?:in|up)|log in"
    r"|see\s+(?:more|less|all|details|also|here|below)|and|but|or|so|then)\b"
    # a button acting on the reader's own data: 'Export your data', 'Delete your account'
    r"|^(?:export|delete|download|manage|edit|change|update|review)\s+(?-i:your\s+[a-z]\w*(?:\s+[a-z]\w*)?)$"
    r"|^(?:yes|no|n/?a|none|true|false)$",  # a table's cell
    re.IGNORECASE,
)
_LINK_HERE = re.compile(r"\b(?:click|tap|see|read|find|available|found)\b", re.IGNORECASE)
_NUMBER_GROUP = re.compile(r"(?<![\d.])\d{2,}(?![\d.])")
_POSTCODE = re.compile(r"\b[A-Z]{2}\s+\d{5}(?:-\d{4})?\b|\b[A-Z]{1,2}\d[A-Z\d]?\s+\d[A-Z]{2}\b")
"""A US state and ZIP code ('CA 94107') or a UK postcode ('W1A 1AA')."""


def looks_like_address_or_detail(text: str) -> bool:
    """Lines of a postal address, phone number or label such as 'Email: ...'; the words of a link or
    button ('Go to your account', 'Download the PDF'); a line carrying on the one before ('And ...')."""
    text = text.strip()
    if _LINK_OR_CARRY_ON.match(text):
        return True
    if re.search(r"\bhere$", text, re.IGNORECASE) and _LINK_HERE.search(text):
        return True  # a link's words: 'Read the full rules here'
    digits = sum(ch.isdigit() for ch in text)
    if digits and digits >= len(text.replace(" ", "")) * 0.25:
        return True
    if len(_NUMBER_GROUP.findall(text)) >= 2 or _POSTCODE.search(text):
        return True  # 'Harbour Road 12 4021 Seaton': a street number and a postcode
    if _WEB.search(text):
        return True
    label, colon, after = text.rstrip(":").partition(":")
    # 'Email: ...', 'Controller: Harbour Club Ltd' are details; 'Section A: Your Rights and Choices'
    # and 'Processing Purposes: How We Use Your Data' are headings in two parts.
    return bool(colon) and not _two_part_heading(label, after)


def _two_part_heading(label: str, after: str) -> bool:
    """'Section A: Your Rights and Choices', 'Processing Purposes: How We Use Your Data': a label of two
    or more words in Title Case, then three or more words, no figures (unlike 'Head Office: 12 Quay St')."""
    label, after = label.strip(), after.strip()
    return (
        len(label.split()) >= 2
        and len(after.split()) >= 3
        and "," not in label
        and not any(ch.isdigit() for ch in after)
        and not _CARRIES_ON.search(label)
        and is_title_case(label)
        and (is_title_case(after) or is_all_caps(after))
    )


def clean_title(text: str) -> str:
    """Heading text as a clause title: whitespace collapsed, a trailing colon or dot run removed."""
    text = " ".join(text.split())
    text = re.sub(r"[\s.:–—-]+$", "", text) if not text.endswith("?") else text
    return text.strip("*_ ").strip()


# ----- run-in headings ----------------------------------------------------------------------------
_RUNIN_TEXT = re.compile(r"^(?P<title>[^.:!?]{2,80}?)(?P<sep>[.:!?]|\s[–—-])\s+(?P<body>\S.*)$", re.DOTALL)
_BOLD_LEAD = re.compile(r"^\*\*(?P<inner>[^*]{1,100}?)\*\*(?P<after>.*)$", re.DOTALL)


def run_in_from_text(rest: str) -> tuple[str, str] | None:
    """'Retention. We keep your data for six years.' -> ('Retention', 'We keep ...'), for numbered lines."""
    match = _RUNIN_TEXT.match(rest)
    if not match:
        return None
    title, body = match.group("title").strip(), match.group("body").strip()
    if len(title.split()) > 10 or len(body.split()) < 3:
        return None
    if match.group("sep") == "?":
        title += "?"
    if not is_title_shaped(title):
        return None
    # Sentence-case run-in titles are common ("3. How we use it. We use ..."): accept the short
    # ones that sound like a heading.
    if not (is_title_case(title) or is_all_caps(title)) and not (
        len(title.split()) <= 6 and (has_heading_vocabulary(title) or _QUESTION_START.match(title))
    ):
        return None
    return title, body


def bold_lead_in(markdown: str) -> tuple[str, str] | None:
    """'**Retention.** We keep ...' -> ('Retention.', 'We keep ...'): a bold heading run into its paragraph."""
    match = _BOLD_LEAD.match(markdown.strip())
    if not match:
        return None
    inner = match.group("inner").strip()
    after = match.group("after")
    lead = re.match(r"^\s*([.:–—-])?\s*", after)
    punct_after = bool(lead and lead.group(1))
    body = after[lead.end() :] if lead else after
    ends_with_punct = bool(re.search(r"[.:?]$|\s[–—-]$", inner))
    if not (ends_with_punct or punct_after) or len(body.split()) < 3:
        return None
    if len(inner.split()) > 10 or "**" in body[:3]:
        return None
    return inner, body.strip()


# ----- a heading run into the end of a paragraph -------------------------------------------------
_TRAILING_NUMBERED = re.compile(
    r"(?<=[.!?\"”')])\s+(?P<number>\d{1,3}(?:\.\d{1,3})?\.?)\s+(?P<title>[A-Z][^.!?]{1,80}\??)\s*$"
)
_TRAILING_CAPS = re.compile(r"(?<=[.!?\"”')])\s*(?P<title>[A-Z][A-Z0-9 ,&'’/-]{4,80}[A-Z?])\s*$")


def trailing_heading(text: str) -> tuple[int, str, str] | None:
    """'...we keep it safe. 5. Your rights' -> (index where the heading starts, number, title)."""
    match = _TRAILING_NUMBERED.search(text)
    if match and is_title_shaped(match.group("title"), allow_colon=False):
        return match.start(), match.group("number").rstrip("."), match.group("title").strip()
    match = _TRAILING_CAPS.search(text)
    if match and len(match.group("title").split()) >= 2 and is_all_caps(match.group("title")):
        return match.start(), "", match.group("title").strip()
    return None

"""Change notices: a reader-facing summary in plain English, drafted from a `NoticeDiff`.

Each change becomes one sentence ("We changed how long we keep your information: now 45 days
(was 30 days)."), grouped by topic, with a suggested classification: material (purposes, data
collected, sharing, transfers, retention, rights, legal bases, children, sale or sharing ...)
or editorial (wording, typos, formatting). Counsel edit the text before publishing; this module
only drafts it. Pure: topic information comes from clause_library/topics.yaml or the caller.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache, lru_cache

from notice_studio.core.diff.notices import (
    UNFILLED,
    CellChange,
    ChangeKind,
    ClauseChange,
    NoticeDiff,
    RowChange,
    TableChange,
    VariableChange,
)
from notice_studio.core.diff.practices import PracticeChange
from notice_studio.core.diff.reader_text import LINK_MARK, ReaderView, reader_line, reader_view
from notice_studio.core.diff.words import DELETE, EQUAL, INSERT, WordOp, new_text, old_text
from notice_studio.core.notice.languages import language_label
from notice_studio.core.practices.statements import lower_label as lower_first
from notice_studio.core.scripts import NO_SPACE_CHARS, WORD_PATTERN, mostly_latin
from notice_studio.core.scripts import words as script_words
from notice_studio.core.sentences import split_sentences
from notice_studio.core.wording import plural

__all__ = [
    "ChangeItem",
    "ChangeNotice",
    "TopicInfo",
    "change_notice_heading",
    "draft_change_notice",
    "guess_topic",
    "load_topics",
]

NO_CHANGES_TEXT = "We made minor changes to the layout of this notice."


@dataclass(frozen=True, slots=True)
class TopicInfo:
    label: str
    material: bool


@dataclass(frozen=True, slots=True)
class ChangeItem:
    """One sentence of the change notice."""

    topic: str
    """A topic id from topics.yaml ('retention'), or '' when none could be told."""
    sentence: str
    material: bool
    clause_ids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ChangeNotice:
    text: str
    material: bool
    """Suggested classification: True when any item is material."""
    items: tuple[ChangeItem, ...]


# ----- topics ----------------------------------------------------------------------------------
# Used when topics.yaml cannot be read, and for the topics only guessing produces ("sale").
_FALLBACK_TOPICS: dict[str, TopicInfo] = {
    "purposes": TopicInfo("How we use information", True),
    "data-provided": TopicInfo("Information you give us", True),
    "data-automatic": TopicInfo("Information collected automatically", True),
    "sharing": TopicInfo("Sharing and recipients", True),
    "service-providers": TopicInfo("Service providers and sub-processors", True),
    "international-transfers": TopicInfo("International transfers", True),
    "retention": TopicInfo("How long we keep information", True),
    "rights": TopicInfo("Your rights", True),
    "legal-bases": TopicInfo("Legal bases (GDPR)", True),
    "children": TopicInfo("Children", True),
    "cookies": TopicInfo("Cookies and similar technologies", True),
    "cookie-table": TopicInfo("Cookie list", True),
    "marketing": TopicInfo("Marketing and opting out", True),
    "automated-decisions": TopicInfo("Automated decision-making", True),
    "complaints": TopicInfo("Complaints to a supervisory authority", True),
    "security": TopicInfo("Security", False),
    "controller": TopicInfo("Who we are (controller identity)", False),
    "contact": TopicInfo("Contact us", False),
    "changes": TopicInfo("Changes to this notice", False),
}
_EXTRA_TOPICS = {"sale": TopicInfo("Selling or sharing personal information", True)}


@cache
def load_topics() -> dict[str, TopicInfo]:
    """Topics from the shipped clause_library/topics.yaml, in file order."""
    import yaml

    from notice_studio.paths import library_folder

    try:
        data = yaml.safe_load((library_folder() / "topics.yaml").read_text(encoding="utf-8")) or {}
        entries = data.get("topics", {}) or {}
        topics = {
            str(tid): TopicInfo(str(info.get("label", tid)), bool(info.get("material", False)))
            for tid, info in entries.items()
            if isinstance(info, dict)
        }
    except (OSError, yaml.YAMLError, AttributeError):
        topics = {}
    return {**(topics or _FALLBACK_TOPICS), **{k: v for k, v in _EXTRA_TOPICS.items() if k not in topics}}


@cache
def _variable_labels() -> dict[str, str]:
    import yaml

    from notice_studio.paths import library_folder

    try:
        data = yaml.safe_load((library_folder() / "variables.yaml").read_text(encoding="utf-8")) or {}
        return {str(k): str(v.get("label", k)) for k, v in (data.get("variables") or {}).items() if isinstance(v, dict)}
    except (OSError, yaml.YAMLError, AttributeError):
        return {}


# Keywords that suggest a clause's topic when it has none. Title hits weigh three times body hits.
_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("retention", ("how long", "retain", "retention", "keep your", "we keep", "storage period")),
    ("international-transfers", ("transfer", "outside the", "standard contractual", "adequacy", "other countries")),
    ("sale", ("sell", "sale of", "selling", "targeted advertising", "cross-context")),
    ("service-providers", ("service provider", "processor", "sub-processor", "vendors")),
    ("sharing", ("share", "disclose", "recipient", "third part")),
    ("children", ("child", "under 13", "under 16", "minor", "parent")),
    ("cookie-table", ("cookie list", "cookies we use")),
    ("cookies", ("cookie", "tracking", "pixel", "similar technolog")),
    ("legal-bases", ("legal basis", "legal bases", "lawful basis", "legitimate interest")),
    ("automated-decisions", ("automated", "profiling")),
    ("marketing", ("marketing", "newsletter", "opt out", "unsubscribe")),
    ("rights", ("your rights", "right to", "access", "erasure", "rectification", "portability")),
    ("complaints", ("complain", "supervisory authority", "regulator")),
    ("data-automatic", ("automatically", "device", "log data", "ip address")),
    ("data-provided", ("information we collect", "data we collect", "you give us", "you provide", "collect")),
    ("purposes", ("how we use", "purpose", "we use", "use your")),
    ("security", ("security", "protect", "safeguard", "encrypt")),
    ("contact", ("contact us", "contact", "questions")),
    ("changes", ("changes to this", "update this notice")),
)


def guess_topic(title: str, body: str = "") -> str:
    """The likeliest topic id for a clause with no topic, from words in its title and body."""
    title_l, body_l = title.lower(), body.lower()
    best, best_score = "", 0
    for topic, words in _KEYWORDS:
        score = sum(3 * title_l.count(w) + body_l.count(w) for w in words)
        if score > best_score:
            best, best_score = topic, score
    return best


def clause_topic(change: ClauseChange) -> str:
    if change.topics:
        return change.topics[0]
    return guess_topic(change.title, change.new_body if change.new_body is not None else change.old_body or "")


# What to say per topic: (what a section about it covers, how to say it changed).
_PHRASES: dict[str, tuple[str, str]] = {
    "retention": ("how long we keep your information", "We changed how long we keep your information"),
    "sharing": ("who we share your information with", "We changed who we share your information with"),
    "service-providers": (
        "the service providers who handle your information for us",
        "We changed the service providers who handle your information",
    ),
    "international-transfers": (
        "transfers of your information to other countries",
        "We changed how we transfer your information to other countries",
    ),
    "purposes": ("how we use your information", "We changed how we use your information"),
    "further-processing": (
        "new purposes for using your information",
        "We changed the purposes we use your information for",
    ),
    "data-provided": ("the information you give us", "We changed what information we collect from you"),
    "data-automatic": (
        "the information we collect automatically",
        "We changed what information we collect automatically",
    ),
    "data-third-party": (
        "information we get from other sources",
        "We changed what information we get from other sources",
    ),
    "sensitive-data": ("sensitive information", "We changed how we handle sensitive information"),
    "legal-bases": ("the legal bases for using your information", "We changed the legal bases we rely on"),
    "legitimate-interests": ("our legitimate interests", "We changed the legitimate interests we rely on"),
    "cookies": ("cookies and similar technologies", "We changed how we use cookies and similar technologies"),
    "cookie-table": ("the cookies we use", "We changed the list of cookies we use"),
    "children": ("children's information", "We changed how we handle children's information"),
    "rights": ("your rights", "We changed what we say about your rights"),
    "consent": ("consent and how to withdraw it", "We changed how we ask for consent and how you can withdraw it"),
    "marketing": ("marketing and how to opt out", "We changed how we send you marketing"),
    "automated-decisions": ("automated decision-making", "We changed how we use automated decision-making"),
    "complaints": ("how to make a complaint", "We changed how you can make a complaint"),
    "sale": (
        "selling or sharing personal information",
        "We changed what we say about selling or sharing your personal information",
    ),
    "security": ("how we protect your information", "We changed how we protect your information"),
    "controller": ("who we are", "We updated who we are"),
    "contact": ("how to contact us", "We updated how to contact us"),
    "introduction": ("the introduction", "We changed the introduction"),  # not 'the section on introduction'
    "changes": ("how we tell you about changes", "We changed how we tell you about changes to this notice"),
}


def _phrases(topic: str, topics: Mapping[str, TopicInfo]) -> tuple[str, str]:
    if topic in _PHRASES:
        return _PHRASES[topic]
    if topic.startswith("right-"):
        label = topics[topic].label.lower() if topic in topics else topic.replace("-", " ")
        return (f"your {label}", f"We changed what we say about your {label}")
    if topic in topics:
        label = topics[topic].label
        return (lower_first(label), f"We changed the section on {lower_first(label)}")
    return ("", "")


# ----- telling editorial from substantive edits ------------------------------------------------
# Function words whose change alone is wording; negations and limits are NOT here on purpose:
# "we do not sell" -> "we sell" must never read as editorial.
_STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "from",
        "with",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "which",
        "who",
        "whom",
        "whose",
        "what",
        "when",
        "where",
        "how",
        "we",
        "us",
        "our",
        "ours",
        "you",
        "your",
        "yours",
        "they",
        "them",
        "their",
        "he",
        "she",
        "his",
        "her",
        "i",
        "me",
        "my",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "do",
        "does",
        "did",
        "has",
        "have",
        "had",
        "so",
        "such",
        "than",
        "then",
        "there",
        "here",
        "also",
        "very",
        "just",
        "about",
        "into",
        "onto",
        "over",
        "under",
        "up",
        "out",
        "if",
        "may",
        "might",
    ]
)
# Pairs of words that say the same thing in a notice; swapping one for the other is wording.
_SYNONYMS = {
    "information": "data",
    "data": "data",
    "details": "data",
    "retain": "keep",
    "keep": "keep",
    "store": "keep",
    "hold": "keep",
    "disclose": "share",
    "share": "share",
    "provide": "share",
    "process": "use",
    "use": "use",
    "handle": "use",
    "delete": "erase",
    "erase": "erase",
    "remove": "erase",
    "request": "ask",
    "ask": "ask",
    "require": "need",
    "need": "need",
    "help": "assist",
    "assist": "assist",
    "contact": "reach",
    "reach": "reach",
    "organisation": "company",
    "organization": "company",
    "company": "company",
    "business": "company",
}
_NEGATIONS = frozenset(["not", "no", "never", "none", "nor", "only", "except", "unless", "without", "cannot", "t"])


@dataclass(frozen=True, slots=True)
class _Region:
    before: str
    deleted: str
    inserted: str
    after: str


def _regions(ops: Iterable[WordOp]) -> list[_Region]:
    """Each run of deletions/insertions between two unchanged stretches, with its context."""
    regions: list[_Region] = []
    before = ""
    deleted: list[str] = []
    inserted: list[str] = []
    for op in ops:
        if op.moved and op.op == DELETE:
            continue  # moved, not removed: told by `_move_items`, never as a deletion
        if op.op == EQUAL or op.moved:
            if deleted or inserted:
                regions.append(_Region(before, "".join(deleted), "".join(inserted), op.text))
                deleted, inserted = [], []
            before = op.text
        elif op.op == DELETE:
            deleted.append(op.text)
        elif op.op == INSERT:
            inserted.append(op.text)
    if deleted or inserted:
        regions.append(_Region(before, "".join(deleted), "".join(inserted), ""))
    return regions


@lru_cache(maxsize=16384)
def _words(text: str) -> tuple[str, ...]:
    """Lower-case words of `text`. Cached: drafting asks for the same texts' words many times, and
    a version's clauses are split again when it is the older side of the next pair."""
    return tuple(w.lower() for w in script_words(text))


# Tracking ids, hashes and session tokens that web pages carry: a changed one is no change to the text.
_MACHINE_TOKEN_RE = re.compile(r"^(?=\w*\d)(?=\w*[a-z])\w{12,}$")


@lru_cache(maxsize=16384)
def _meaningful_words(text: str) -> tuple[str, ...]:
    return tuple(w for w in _words(text) if not _MACHINE_TOKEN_RE.match(w))


def _is_typo(old: str, new: str) -> bool:
    return SequenceMatcher(None, old, new, autojunk=False).ratio() >= 0.75 and not (
        any(ch.isdigit() for ch in old + new)
    )


def is_substantive(change: ClauseChange) -> bool:
    """True when an edit changes meaning: numbers, negations, new or dropped content words,
    or a large rewrite. Typos, punctuation, case and synonym swaps are wording.

    Judged on the clause as typed, so a changed placeholder value (reported on its own) does
    not make a typo fix in the same clause look substantive. Read as readers see the text typed:
    a link's address, markup or an escape is no wording (a changed link is told on its own)."""
    ops = _typed(change).ops
    old_words = set(_words("".join(o.text for o in ops if o.op != INSERT)))
    new_words = set(_words(new_text(ops)))
    changed_words = 0
    substantive = False
    moved = _moved_words(change)
    for region in _regions(ops):
        if _all_moved(region, moved):
            continue  # moved text: told as moved, not as new or dropped words
        d, i = _meaningful_words(region.deleted), _meaningful_words(region.inserted)
        changed_words += max(len(d), len(i))
        if d == i:
            continue  # punctuation, spacing, capitals or machine identifiers only
        if any(ch.isdigit() for ch in "".join(d + i)):
            return True
        if _NEGATIONS & (set(d) ^ set(i)):
            return True
        if len(d) == len(i) and all(a == b or _is_typo(a, b) for a, b in zip(d, i, strict=True)):
            continue
        gained = {_SYNONYMS.get(w, w) for w in i if w not in _STOPWORDS and w not in old_words}
        lost = {_SYNONYMS.get(w, w) for w in d if w not in _STOPWORDS and w not in new_words}
        if gained ^ lost:
            substantive = True
    total = max(len(old_words), len(new_words), 1)
    return substantive or changed_words > max(25, 0.3 * total)


# ----- what readers see ------------------------------------------------------------------------
@lru_cache(maxsize=256)
def _seen(change: ClauseChange) -> ReaderView:
    """The clause as readers see it, each side's values filled in (what the sentences quote)."""
    return reader_view(old_text(change.reader_ops), new_text(change.reader_ops))


@lru_cache(maxsize=256)
def _typed(change: ClauseChange) -> ReaderView:
    """The clause as typed (placeholders as names), as readers would see that text."""
    return reader_view(change.old_body or "", change.new_body or "")


def _only_links_changed(change: ClauseChange) -> bool:
    """The words readers read are the same; only where a link leads (or markup) changed."""
    view = _typed(change)
    words_same = all(not _words(o.text) for o in view.ops if o.op != EQUAL)
    return words_same and view.old_links != view.new_links


# A link readers follow to act on their information: to opt out, withdraw consent, make a request
# or complaint, or reach us. Where it leads is part of the promise, so changing it is material;
# any other link (a partner's policy, a help page) leads readers to the same words: editorial.
_ACTION_LINK_RE = re.compile(
    r"opt[\s_-]?out|unsubscrib|do[\s_-]not[\s_-](?:sell|share)|your[\s_-](?:privacy[\s_-])?choices|"
    r"withdraw|consent|preferences|contact|complain|request|delete|erase|access[\s_-]your|"
    r"^mailto:|^tel:|privacy@|dpo@",
    re.IGNORECASE,
)


def _is_action_link(label: str, address: str) -> bool:
    return bool(_ACTION_LINK_RE.search(label) or _ACTION_LINK_RE.search(address))


def _link_detail(change: ClauseChange) -> tuple[str, bool]:
    """(' ("label")' naming the changed link when it has one, whether it is material)."""
    links = _typed(change).changed_links
    labels = list(dict.fromkeys(label for label, _ in links if label))
    material = any(_is_action_link(label, address) for label, address in links)
    return ((f' ("{labels[0]}")' if len(labels) == 1 else ""), material)


# ----- sentences -------------------------------------------------------------------------------
_UNIT_RE = re.compile(rf"^(\s*)({WORD_PATTERN})")
_NO_SPACE_RE = re.compile(f"[{NO_SPACE_CHARS}]")
_LINK_RE = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EDGE_RE = re.compile(r"^[\s,;:.\-\u2013\u2014(]+|[\s,;:.\-\u2013\u2014)]+$")
_LEADING_JOINER_RE = re.compile(r"^(?:and|or|as well as|including|also|plus)\s+", re.IGNORECASE)
_TRAILING_JOINER_RE = re.compile(r"\s+(?:and|or|as well as|including|plus)$", re.IGNORECASE)
_BARE_FIGURE_RE = re.compile(r"^[\d.,]+$")
_WORD_BEFORE_RE = re.compile(r"([^\W\d_]+)[ \t]+$")
_NUMBER_RE = re.compile(r"[\w.,-]*\d[\w.,-]*")
_SYMBOL_UNITS = frozenset("%\u2030")
_CURRENCY = frozenset("$\u20ac\u00a3\u00a5")
_JOINING_WORDS = frozenset(
    [
        "and",
        "or",
        "but",
        "nor",
        "to",
        "of",
        "the",
        "a",
        "an",
        "in",
        "on",
        "at",
        "for",
        "from",
        "by",
        "with",
        "under",
        "over",
        "than",
        "up",
        "as",
        "if",
        "is",
        "are",
        "we",
        "you",
    ]
)
# What an addition is, in readers' words, for the topics where the added words name a new thing.
_NEW_THING: dict[str, str] = {
    "sharing": "a new recipient",
    "service-providers": "a new service provider",
    "international-transfers": "a new destination or safeguard",
    "purposes": "a new purpose",
    "further-processing": "a new purpose",
    "data-provided": "new information we collect",
    "data-automatic": "new information we collect",
    "data-third-party": "a new source of information",
    "legal-bases": "a new legal basis",
    "legitimate-interests": "a new legitimate interest",
    "cookies": "a new technology",
    "rights": "a new right",
    "marketing": "a new kind of marketing",
}


def _plain(text: str) -> str:
    """Readable words from a snippet of the text readers see: outer punctuation dropped.

    Snippets come from `reader_text`, so no markup is left to strip: an underscore in
    'utm_source' or '_ga' is part of the word readers read."""
    text = " ".join(text.replace(LINK_MARK, " ").split())
    previous = None
    while previous != text:
        previous = text
        text = _TRAILING_JOINER_RE.sub("", _LEADING_JOINER_RE.sub("", _EDGE_RE.sub("", text)))
    # quotes inside a quotation become single ones, so the notice's own quotes still pair up
    return text.replace('"', "'").replace("\u201c", "\u2018").replace("\u201d", "\u2019")


def _with_unit(text: str, after: str, before: str = "") -> str:
    """'30' followed by ' days after' -> '30 days', so readers see the quantity; '64' before
    '% translated' is '64%', and '$' before a figure stays with it."""
    text = text.strip()
    if text[:1].isdigit() and before[-1:] in _CURRENCY:
        text = before[-1] + text
    if text and text[-1].isdigit() and after[:1] in _SYMBOL_UNITS:
        return text + after[0]
    m = _UNIT_RE.match(after)
    # '16 and over' is no unit: the figure is 16 ('16 and' read as a changed figure was a defect)
    if text and text[-1].isdigit() and m and m.group(2).casefold() not in _JOINING_WORDS:
        unit = m.group(2)
        return text + unit if _NO_SPACE_RE.match(unit) else f"{text} {unit}"  # '90日', as Japanese writes it
    return text


def _short(text: str, limit: int = 14) -> str:
    words = _plain(text).split(" ")
    return " ".join(words[:limit]) + (" ..." if len(words) > limit else "")


def _quantity(region: _Region) -> tuple[str, str]:
    """The new and old figure of a changed number, with its unit ('45 days', '30 days')."""

    def figure(text: str) -> tuple[str, str]:
        """(the figure as shown, the figure with the words after it when it has no unit)."""
        if len(text.split()) <= 4:
            number, after, before = text, region.after, region.before
        else:
            m = _NUMBER_RE.search(text)
            if not m:
                return "", ""
            rest = text[m.end() :]
            number, after, before = m.group(0), (rest if rest.strip() else region.after), text[: m.start()]
        shown = _plain(_with_unit(number, after, before))
        if _BARE_FIGURE_RE.match(shown):  # no unit: the words after it say what it counts
            line = re.split(r"[\n,;:()]", after, maxsplit=1)[0]  # '2025, pursuant to' counts nothing
            words = list(itertools.takewhile(lambda w: not any(ch.isdigit() for ch in w), line.split()[:3]))
            following = " ".join(words)  # words, not the next figure
            if following:
                return shown, _plain(number.strip() + (" " if line[:1].isspace() else "") + following)
            # nothing after it ('19, 2020'): the word before may say what it is ('May 19')
            previous = _WORD_BEFORE_RE.search(before)
            if previous and previous.group(1).lower() not in _STOPWORDS:
                return shown, f"{previous.group(1)} {shown}"
        return shown, shown

    (new, new_told), (old, old_told) = figure(region.inserted), figure(region.deleted)
    return (new, old) if new == old else (new_told, old_told)


def _detail(change: ClauseChange, topic: str = "") -> str:
    """What concretely changed, for the sentence: each changed figure with its unit, each whole
    sentence added or removed, and the words added, replaced or removed (a new recipient, a new
    purpose); at least what kind of change it was when it is too scattered to quote.

    Every change is told, not only the first: a period raised and a recipient added in one
    edit are two things readers need to hear. Read from the text readers see (`_seen`): values
    filled in, links by their label, no markup. A placeholder with no value was a blank marker
    to them, never wording, so it is neither quoted nor named as a figure. New wording with a
    blank in it is not told at all (publishing waits for the value); an old blank leaves out
    the "(was …)", since readers were never told a value there."""
    ops = _seen(change).ops
    moved = _moved_words(change)
    regions = [
        r
        for r in _regions(ops)
        if UNFILLED not in r.inserted
        and _meaningful_words(r.deleted) != _meaningful_words(r.inserted)
        and not _all_moved(r, moved)  # moved text is told as moved
    ]
    figures: list[str] = []
    wording: list[_Region] = []
    for r in regions:
        if any(ch.isdigit() for ch in r.deleted + r.inserted):
            new, old = _quantity(r)
            if new and UNFILLED in r.deleted:
                figures.append(f"now {new}")
                continue
            if new and old and new != old:
                figures.append(f"now {new} (was {old})")
                continue
        wording.append(r)
    figures = list(dict.fromkeys(figures))
    if len(figures) > _FIGURES_TOLD:
        figures = [*figures[:_FIGURES_TOLD], "and other figures"]
    gone, came = _not_moved(change, *_whole_sentences(old_text(ops), new_text(ops)))
    in_sentences = {w for sentence in gone + came for w in _words(sentence)} | moved
    wording = [left for r in wording if (left := _untold(r, in_sentences)) is not None]
    parts = figures + _sentence_parts(gone, "removed") + _sentence_parts(came, "added")
    # "a new recipient" only where the title says the section is about recipients: a topic an
    # import read from the body ("Opening text" about aggregated data) would name a new language
    # link "new information we collect"
    sure = bool(topic) and guess_topic(_rendered_title(change)) == topic
    parts += _wording_parts(wording, topic, sure)[: max(0, _PARTS_TOLD - len(parts))]
    if not parts and regions:
        parts = [_kind_of_change(regions)]
    return (": " + "; ".join(parts)) if parts else ""


@lru_cache(maxsize=256)
def _moved_words(change: ClauseChange) -> frozenset[str]:
    """The words of the text moved out of or into this section (the diff's moves): told by
    `_move_items` or as a move within the section, never as words removed or added. Read once a
    change (is_substantive, _detail and the material suggestion all ask)."""
    return frozenset(w for o in change.reader_ops if o.moved for w in _words(reader_line(o.text)))


def _mostly_in(words: Sequence[str], told: Collection[str]) -> bool:
    """Nearly all of `words` (a share of _TOLD_SHARE) are among `told`: the one rule for text that
    a sentence told, or a move, already says."""
    return sum(w in told for w in words) >= _TOLD_SHARE * len(words)


def _all_moved(region: _Region, moved: Collection[str]) -> bool:
    """The region's words, taken out and put in, are (nearly all) text that was moved."""
    words = _words(region.deleted) + _words(region.inserted)
    return bool(moved) and bool(words) and _mostly_in(words, moved)


def _not_moved(change: ClauseChange, gone: list[str], came: list[str]) -> tuple[list[str], list[str]]:
    """The sentences removed and added, without those that were moved (to or from elsewhere)."""
    moved = _moved_words(change)
    if not moved:
        return gone, came

    def kept(sentence: str) -> bool:
        return not _mostly_in([w for w in _words(sentence) if not w.isdigit()], moved)

    return [x for x in gone if kept(x)], [x for x in came if kept(x)]


def _untold(region: _Region, told: Collection[str]) -> _Region | None:
    """What of `region` the whole sentences told do not already say: None when they say it all,
    only the new words when the old ones were a sentence told as removed (and the reverse)."""

    def inside(text: str) -> bool:
        words = [w for w in _words(text) if not w.isdigit()]  # a list number before a sentence aside
        return not words or _mostly_in(words, told)

    gone, came = inside(region.deleted), inside(region.inserted)
    if gone and came:
        return None
    if gone and _words(region.deleted):
        return _Region(region.before, "", region.inserted, region.after)
    if came and _words(region.inserted):
        return _Region(region.before, region.deleted, "", region.after)
    return region


_TOLD_SHARE = 0.8
_FIGURES_TOLD = 3
_PARTS_TOLD = 4


def _sentences(text: str) -> list[str]:
    return [s for s in split_sentences(text) if len(_meaningful_words(s)) >= 4]


@lru_cache(maxsize=64)
def _whole_sentences(old: str, new: str) -> tuple[list[str], list[str]]:
    """Sentences readers no longer read, and sentences new to them (no reworded twin on the other side)."""
    old_s = [(s, tuple(_words(s))) for s in _sentences(old)]
    new_s = [(s, tuple(_words(s))) for s in _sentences(new)]
    old_keys = {words for _, words in old_s}
    new_keys = {words for _, words in new_s}
    # only sentences changed on each side can be each other's reworded twin
    old_rest = [(words, set(words)) for _, words in old_s if words not in new_keys]
    new_rest = [(words, set(words)) for _, words in new_s if words not in old_keys]

    def lone(words: tuple[str, ...], others: list[tuple[tuple[str, ...], set[str]]]) -> bool:
        bag = set(words)
        for other, other_bag in others:
            if 2 * len(bag & other_bag) < _TWIN * (len(bag) + len(other_bag)):
                continue  # too few words in common to be the same sentence reworded
            if SequenceMatcher(None, words, other, autojunk=False).ratio() >= _TWIN:
                return False
        return True

    # a sentence with a blank in it is never quoted, but may be the twin of one that is filled in
    gone = [s for s, words in old_s if words not in new_keys and UNFILLED not in s and lone(words, new_rest)]
    came = [s for s, words in new_s if words not in old_keys and UNFILLED not in s and lone(words, old_rest)]
    return gone, came


_TWIN = 0.5


def _sentence_parts(sentences: list[str], what: str) -> list[str]:
    """'we removed the sentence "…"', or 'we removed 3 sentences, among them "…"'."""
    if not sentences:
        return []
    first = _short(sentences[0], 12)
    if len(sentences) == 1:
        return [f'we {what} the sentence "{first}"']
    return [f'we {what} {len(sentences)} sentences, among them "{first}"']


def _kind_of_change(regions: list[_Region]) -> str:
    """What kind of change a scattered edit was, when no part of it can be quoted briefly."""
    added = sum(len(_words(r.inserted)) for r in regions)
    removed = sum(len(_words(r.deleted)) for r in regions)
    # Chinese, Japanese and Thai words are counted a character each
    unit = "characters" if any(_NO_SPACE_RE.search(r.inserted + r.deleted) for r in regions) else "words"
    if added and removed:
        return f"we reworded it ({added} {unit} added, {removed} taken out)"
    if added:
        return f"we added {added} {unit} to it"
    return f"we took {removed} {unit} out of it"


def _has_content(text: str) -> bool:
    """Words worth quoting: more than function words and single letters."""
    return any((w not in _STOPWORDS and (len(w) > 1 or _NO_SPACE_RE.match(w))) or w.isdigit() for w in _words(text))


def _wording_parts(regions: list[_Region], topic: str, sure: bool = True) -> list[str]:
    """'we added "…"', 'it now says "…" instead of "…"', 'we removed "…"' for edited words.

    The added words are named as the topic's new thing ('a new recipient') when the section is
    `sure`ly about that topic, or when they fill a blank the section left for that thing."""
    added = [r for r in regions if _has_content(r.inserted) and not _words(r.deleted)]
    removed = [r for r in regions if _has_content(r.deleted) and not _words(r.inserted) and UNFILLED not in r.deleted]
    replaced = [r for r in regions if _words(r.deleted) and _words(r.inserted)]
    parts: list[str] = []
    if len(regions) <= 3:
        filled = bool(added) and all(UNFILLED in r.deleted for r in added[:2])
        thing = _NEW_THING.get(topic, "") if sure or filled else ""
        quoted = [f'"{_short(r.inserted)}"' for r in added[:2] if _short(r.inserted)]
        if quoted and thing and all(len(_words(r.inserted)) <= 12 for r in added[:2]):
            parts.append(f"we added {thing}, " + " and ".join(quoted))
        elif quoted:
            parts.append("we added " + " and ".join(quoted))
        for r in replaced[:1]:
            r = _with_neighbours(r)
            new, old = _short(r.inserted, 10), _short(r.deleted, 10)
            if new and UNFILLED in r.deleted:
                parts.append(f'it now says "{new}"')
            elif new and old and new.casefold() != old.casefold():
                parts.append(f'it now says "{new}" instead of "{old}"')
        for r in removed[:1]:
            words = _short(r.deleted)
            if words:
                parts.append(f'we removed "{words}"')
    elif added and not removed and not replaced:
        parts.append(f'we added "{_short(max((r.inserted for r in added), key=len))}" and more')
    return parts[:2]


_NEIGHBOURS = 8
_NO_SPACE_RUN_END = re.compile(rf"[{NO_SPACE_CHARS}]{{1,{_NEIGHBOURS}}}$")
_NO_SPACE_RUN_START = re.compile(rf"[{NO_SPACE_CHARS}]{{1,{_NEIGHBOURS}}}")


def _with_neighbours(region: _Region) -> _Region:
    """A replacement in Chinese, Japanese or Thai with the characters around it, up to a mark or a
    space: 'it now says "我们保留您的" instead of "我们保存您的"', not "留" instead of "存"."""
    changed = region.deleted + region.inserted
    if not changed or not _NO_SPACE_RE.search(changed[0] + changed[-1]):
        return region
    before = _NO_SPACE_RUN_END.search(region.before)
    after = _NO_SPACE_RUN_START.match(region.after)
    lead, tail = before.group(0) if before else "", after.group(0) if after else ""
    return _Region(region.before, lead + region.deleted + tail, lead + region.inserted + tail, region.after)


def _rendered_title(change: ClauseChange) -> str:
    """The section's title as readers see it; a placeholder with no value is a gap, '…'."""
    text = new_text(change.reader_title_ops)
    if change.new_title is None:  # removed: the old title
        text = "".join(o.text for o in change.reader_title_ops if o.op != INSERT)
    return " ".join(reader_line(text).replace(UNFILLED, "\u2026").split()) or change.clause_id


def _named(change: ClauseChange, repeated: set[str]) -> str:
    """'"Cookies"', or 'section 12, "Contact"' when another section has the same title."""
    title = _rendered_title(change)
    if title in repeated and change.number:
        return f'section {change.number}, "{title}"'
    return f'"{title}"'


def _repeated_titles(diff: NoticeDiff) -> set[str]:
    """Titles two sections share in either version (readers cannot tell those apart by title)."""
    counts: Counter[tuple[str, str]] = Counter()
    for change in diff.clauses:
        for side, title in (("old", change.old_title), ("new", change.new_title)):
            if title is not None:
                counts[(side, " ".join(title.split()))] += 1
    return {
        _rendered_title(change)
        for change in diff.clauses
        for side, title in (("old", change.old_title), ("new", change.new_title))
        if title is not None and counts[(side, " ".join(title.split()))] > 1
    }


def _says_something_material(change: ClauseChange, topics: Mapping[str, TopicInfo]) -> bool:
    """For a section with no declared topic: do the changed words speak of what makes a change
    material? A dropped or added negation, a whole sentence added or removed, or words around the
    change naming a material topic (keeping, sharing, selling ...) do; new figures in a menu of
    languages or a fixed typo in a heading do not, so the version is suggested as editorial.

    The topic words are English: a change written in another script (Greek, Arabic, Chinese ...)
    cannot be read for them, so it is suggested as material, the safer error."""
    ops = _seen(change).ops
    gone, came = _not_moved(change, *_whole_sentences(old_text(ops), new_text(ops)))
    if gone or came:
        return True
    for region in _regions(ops):
        d, i = _meaningful_words(region.deleted), _meaningful_words(region.inserted)
        if _NEGATIONS & (set(d) ^ set(i)):
            return True
        near = f"{region.before[-_NEAR:]} {region.deleted} {region.inserted} {region.after[:_NEAR]}"
        if not mostly_latin(near):
            return True
        topic = guess_topic("", near)
        if topic and topics.get(topic, TopicInfo("", True)).material:
            return True
    return False


_NEAR = 80


def _trusted_topic(change: ClauseChange) -> str:
    """The declared topic when the sentence may speak of it ('We changed how long we keep ...').

    Topics an import found in a section's body can be wrong ("How we protect personal data"
    declared as legal bases because its text names one); when the title points at another topic
    than any declared, the sentence names the section by its title only: no topic is better
    than a wrong one. The declared topic still decides whether the change is material."""
    if not change.topics:
        return ""
    from_title = guess_topic(_rendered_title(change))
    return change.topics[0] if not from_title or from_title in change.topics else ""


def _titles(titles: list[str]) -> str:
    unique = list(dict.fromkeys(titles))
    quoted = unique[:4]
    more = len(unique) - len(quoted)
    if any(name.startswith("section ") for name in quoted):  # 'section 2, "A"' has its own comma
        joined = "; ".join(quoted[:-1]) + (" and " if len(quoted) > 1 else "") + quoted[-1]
        return joined + (f" and {more} more" if more else "")
    return ", ".join(quoted) + (f" and {more} more" if more else "")


def _the_sections(names: str, several: bool) -> str:
    """'the section "A"', 'the sections "A", "B"', or 'section 2, "A"' (its number says which)."""
    if names.startswith("section "):
        return names
    return f"the {'sections' if several else 'section'} {names}"


def _clause_items(diff: NoticeDiff, topics: Mapping[str, TopicInfo]) -> tuple[list[ChangeItem], list[ClauseChange]]:
    """Sentences for added, removed and substantively edited clauses; the editorial rest.

    Changes that would read the same (sections of one topic added, removed or changed with no
    detail to tell) share one sentence naming every section, so no bullet is ever repeated."""
    editorial: list[ClauseChange] = []
    added = {c.clause_id for c in diff.clauses if c.kind == ChangeKind.ADDED}
    removed = {c.clause_id for c in diff.clauses if c.kind == ChangeKind.REMOVED}
    # (what happened, topic, detail, topic declared) -> titles and clause ids, in the order first met
    groups: dict[tuple[str, str, str, bool], tuple[list[str], list[str], bool]] = {}
    repeated = _repeated_titles(diff)
    for change in diff.clauses:
        if change.kind == ChangeKind.UNCHANGED:
            continue  # changed values and tables get their own sentences
        topic = clause_topic(change)
        # A topic guessed from a keyword ("protect" in a camera section) only orders the bullets:
        # the sentence names the section by its title, and, as when no topic can be told at all,
        # suggests material (telling readers too much is the safer error).
        told = _trusted_topic(change)
        declared = bool(told)
        material_topic = topics[topic].material if change.topics and topic in topics else True
        if change.kind == ChangeKind.ADDED:
            if change.new_parent in added or _mostly_moved(change):
                continue  # the parent's sentence, or the sentence on the moved text, covers it
            key = ("added", topic, "", declared)
        elif change.kind == ChangeKind.REMOVED:
            if change.old_parent in removed or _mostly_moved(change):
                continue
            key = ("removed", topic, "", declared)
        elif (
            change.kind in (ChangeKind.MODIFIED, ChangeKind.MOVED_MODIFIED)
            and change.body_changed
            and (_only_links_changed(change))
        ):
            label, material_topic = _link_detail(change)
            key = ("link", topic, label, declared)
        elif (
            change.kind in (ChangeKind.MODIFIED, ChangeKind.MOVED_MODIFIED)
            and change.body_changed
            and is_substantive(change)
        ):
            key = ("changed", topic, _detail(change, told), declared)
            if not change.topics:
                material_topic = _says_something_material(change, topics)
        else:
            editorial.append(change)
            continue
        titles, ids, _ = groups.setdefault(key, ([], [], material_topic))
        titles.append(_named(change, repeated))
        ids.append(change.clause_id)
    items = [
        ChangeItem(
            topic, _clause_sentence(what, topic if declared else "", detail, titles, topics), material, tuple(ids)
        )
        for (what, topic, detail, declared), (titles, ids, material) in groups.items()
    ]
    return items, editorial


def _mostly_moved(change: ClauseChange) -> bool:
    """Most of an added section's words were moved in from others (or a removed one's moved out)."""
    moved = sum(len(_words(o.text)) for o in change.reader_ops if o.moved)
    return moved > 0 and 2 * moved >= len(_words("".join(o.text for o in change.reader_ops)))


def _moved_within(change: ClauseChange) -> bool:
    """Text was moved from one place in this section to another in it."""
    ops = change.rendered_ops
    return bool({o.moved for o in ops if o.op == DELETE} & {o.moved for o in ops if o.op == INSERT} - {0})


def _move_items(diff: NoticeDiff, topics: Mapping[str, TopicInfo]) -> list[ChangeItem]:
    """'We moved the part about "…" from "A" to "B".' for text moved between sections (never
    told as removed); moves within one section are wording (`_editorial_item`)."""
    changes = {c.clause_id: c for c in diff.clauses}
    told: dict[tuple[str, str], list[str]] = {}
    for move in diff.moves:
        if move.from_clause != move.to_clause and move.from_clause in changes and move.to_clause in changes:
            told.setdefault((move.from_clause, move.to_clause), []).append(move.text)
    if len(told) > _MOVES_TOLD:
        return [_reorganised(changes, list(told))]
    items = []
    for (source, target), texts in told.items():
        old, new = changes[source], changes[target]
        # quote each move's start, in readers' words (no markup)
        firsts = [(split_sentences(reader_line(t.strip())) or [""])[0] for t in texts]
        about = " and ".join(f'"{_short(t, 8)}"' for t in firsts[:2]) + (" and more" if len(texts) > 2 else "")
        to = f'a new section "{_rendered_title(new)}"' if new.kind == ChangeKind.ADDED else f'"{_rendered_title(new)}"'
        origin = (
            f'the former section "{_rendered_title(old)}"'
            if old.kind == ChangeKind.REMOVED
            else f'"{_rendered_title(old)}"'
        )
        if _rendered_title(old) == _rendered_title(new):  # two sections of one title: say which
            origin += f" (section {old.new_number or old.old_number})"
            to += f" (section {new.new_number})"
        sentence = f"We moved the part about {about} from {origin} to {to}."
        items.append(ChangeItem(clause_topic(old), sentence, False, (source, target)))
    return items


_MOVES_TOLD = 3
"""More moves between sections than this (a re-import's reshuffle) are one sentence naming the sections."""


def _reorganised(changes: Mapping[str, ClauseChange], pairs: list[tuple[str, str]]) -> ChangeItem:
    """'We reorganised the sections "A", "B" and 3 more; the wording we moved is unchanged.'"""
    ids = list(dict.fromkeys(clause for pair in pairs for clause in pair))
    names = _titles([f'"{_rendered_title(changes[clause])}"' for clause in ids])
    sentence = (
        f"We reorganised {_the_sections(names, True)}, moving text between them; the wording we moved is unchanged."
    )
    return ChangeItem(clause_topic(changes[ids[0]]), sentence, False, tuple(ids))


def _clause_sentence(what: str, topic: str, detail: str, titles: list[str], topics: Mapping[str, TopicInfo]) -> str:
    about, lead = _phrases(topic, topics)
    names = _titles(titles)
    several = len(set(titles)) > 1
    if what == "added":
        if several:
            return (
                f"We added sections about {about} ({names})." if about else f"We added {_the_sections(names, several)}."
            )
        if about:
            return f"We added a section about {about} ({names})."
        return f"We added {names}." if names.startswith("section ") else f"We added a section {names}."
    if what == "removed":
        return f"We removed {_the_sections(names, several)}" + (f" about {about}." if about else ".")
    if what == "link":  # the detail names the link's label, when there is one
        return f"We changed where a link leads{detail} in {_the_sections(names, several)}."
    where = f"We changed {_the_sections(names, several)}" if not lead else f"{lead} ({names})"
    return f"{where}{detail}."


def placeholder_label(name: str) -> str:
    """What readers are told a placeholder is ("Backup retention period"), never its id."""
    return _variable_labels().get(name, name.replace(".", " ").replace("_", " "))


def _variable_item(change: VariableChange, diff: NoticeDiff, topics: Mapping[str, TopicInfo]) -> ChangeItem:
    label = placeholder_label(change.name)
    label = lower_first(label) if label else change.name
    # The value's own name says what it is about ("retention.period"); the clauses using it only
    # place the sentence (an organisation's name inside the retention clause is not retention).
    own_topic = guess_topic(change.name.replace(".", " ").replace("_", " ") + " " + label)
    users = [c for c in diff.clauses if c.clause_id in change.used_in]
    topic = own_topic or (clause_topic(users[0]) if users else "")
    material = bool(own_topic) and topics.get(own_topic, TopicInfo("", False)).material
    if change.new_value is None:
        return ChangeItem(topic, f"We removed our {label}.", material, change.used_in)
    old, new = change.old_value or "", change.new_value
    if old and _is_typo(old, new):
        material = False  # a corrected spelling in a value is wording
    lead = _phrases(own_topic, topics)[1] if own_topic else ""
    if lead and material:
        sentence = f"{lead}: now {new}" + (f" (was {old})." if old else ".")
    else:
        sentence = f"We updated our {label}: it is now {new}."
    return ChangeItem(topic, sentence, material, change.used_in)


def _table_item(change: TableChange, diff: NoticeDiff, topics: Mapping[str, TopicInfo]) -> ChangeItem:
    users = [c for c in diff.clauses if c.clause_id in change.used_in]
    name = change.name.replace("-", " ").replace("_", " ")
    topic = "cookie-table" if "cookie" in change.name else (clause_topic(users[0]) if users else guess_topic(name))
    material = topics.get(topic, TopicInfo("", False)).material

    def keys(rows: Iterable[RowChange]) -> str:
        names = [r.name for r in rows if r.name]
        return ", ".join(names[:6]) + (" and others" if len(names) > 6 else "")

    added = [r for r in change.rows if r.kind == ChangeKind.ADDED]
    removed = [r for r in change.rows if r.kind == ChangeKind.REMOVED]
    edited = [r for r in change.rows if r.kind == ChangeKind.MODIFIED]
    parts = []
    if added:
        parts.append(f"we added {keys(added)}" if keys(added) else f"we added {plural(len(added), 'entry', 'entries')}")
    if removed:
        parts.append(
            f"we removed {keys(removed)}" if keys(removed) else f"we removed {plural(len(removed), 'entry', 'entries')}"
        )
    told = [r for r in edited if r.name and r.cells][:_ROWS_TOLD]
    parts += [_cell_phrase(r.name, cell) for r in told for cell in r.cells[:_CELLS_TOLD]]
    rest = [r for r in edited if r not in told]
    if rest:
        others = " other" if told else ""
        parts.append(f"we changed {len(rest)}{others} {'entry' if len(rest) == 1 else 'entries'}")
    if change.columns_added:
        parts.append("we added the column " + ", ".join(change.columns_added))
    if change.columns_removed:
        parts.append("we removed the column " + ", ".join(change.columns_removed))
    if change.kind == ChangeKind.ADDED:
        sentence = f"We added a list of {name}."
    elif change.kind == ChangeKind.REMOVED:
        sentence = f"We removed the list of {name}."
    elif parts:
        sentence = f"In our list of {name}, " + "; ".join(parts) + "."
    else:
        sentence = f"We updated our list of {name}."
        material = False
    return ChangeItem(topic, sentence, material, change.used_in)


_ROWS_TOLD = 4
_CELLS_TOLD = 3


def _cell_phrase(row: str, cell: CellChange) -> str:
    """'the duration of analytics_id is now 25 months (was 13 months)'."""
    what = f"the {lower_first(cell.column) or 'entry'} of {row}"
    old, new = _plain_cell(cell.old_value), _plain_cell(cell.new_value)
    if not new:
        return f"{what} is no longer given (was {old})"
    return f"{what} is now {new}" + (f" (was {old})" if old else "")


def _plain_cell(value: str) -> str:
    return " ".join(_LINK_RE.sub(r"\1", value).split())


def _made_from_practices() -> frozenset[str]:
    """Names of the tables and statements written from the practices."""
    from notice_studio.core.practices.generate import GENERATED
    from notice_studio.core.practices.statements import STATEMENTS

    return frozenset(GENERATED) | frozenset(STATEMENTS)


def _practice_item(change: PracticeChange, topics: Mapping[str, TopicInfo]) -> ChangeItem:
    return ChangeItem(change.topic, change.sentence, topics.get(change.topic, TopicInfo("", True)).material)


def _editorial_item(changes: list[ClauseChange]) -> ChangeItem | None:
    if not changes:
        return None
    renamed = [(reader_line(c.renamed[0]), reader_line(c.renamed[1])) for c in changes if c.renamed]
    renamed = [(old, new) for old, new in renamed if old != new]  # '**Cookies**' to 'Cookies' reads the same
    edited = [c for c in changes if c.body_changed and _regions(c.word_ops)]
    moved = [c for c in changes if c.moved]
    moved_within = [c for c in changes if _moved_within(c)]
    parts = []
    if edited:
        parts.append("made small wording, spelling and formatting changes")
    if moved_within:
        names = _titles([f'"{_rendered_title(c)}"' for c in moved_within])
        parts.append(f"moved text within the section{'s' if len(moved_within) > 1 else ''} {names}")
    if renamed:
        names = "; ".join(f'"{old}" is now "{new}"' for old, new in renamed[:4])
        parts.append(f"renamed sections ({names})" if len(renamed) <= 4 else f"renamed {len(renamed)} sections")
    if moved:
        parts.append(
            "reordered some sections" if len(moved) > 1 else f'moved the section "{_rendered_title(moved[0])}"'
        )
    if not parts:
        if not any(c.renamed for c in changes):  # text moved to another section only: `_move_items` tells it
            return None
        parts.append("made small formatting changes")  # a title's markup only, which readers never saw
    sentence = "We " + ", ".join(parts[:-1]) + (" and " if len(parts) > 1 else "") + parts[-1] + "."
    return ChangeItem("", sentence, False, tuple(c.clause_id for c in changes))


def _field_items(diff: NoticeDiff) -> list[ChangeItem]:
    items = []
    for f in diff.fields:
        if f.field == "organisation" and f.new_value:
            items.append(ChangeItem("controller", f"Our organisation's name is now {f.new_value}.", False))
        elif f.field == "jurisdictions":
            items += _law_items(f.old_value or "", f.new_value or "")
        elif f.field == "title" and f.new_value:
            items.append(ChangeItem("", f'We renamed this notice "{f.new_value}".', False))
        elif f.field == "language" and f.new_value:
            items.append(ChangeItem("", f"This notice is now written in {language_label(f.new_value)}.", False))
    return items


def _law_items(old: str, new: str) -> list[ChangeItem]:
    """'This notice now also covers UK GDPR (United Kingdom).': laws by the names readers know."""
    from notice_studio.core.library.jurisdictions import reader_name
    from notice_studio.core.wording import and_list

    before, after = [j for j in old.split(", ") if j], [j for j in new.split(", ") if j]
    added = [reader_name(j) for j in after if j not in before]
    removed = [reader_name(j) for j in before if j not in after]
    items = []
    if added:
        items.append(ChangeItem("scope", f"This notice now also covers {and_list(added)}.", False))
    if removed:
        items.append(ChangeItem("scope", f"This notice no longer covers {and_list(removed)}.", False))
    return items


def draft_change_notice(
    diff: NoticeDiff,
    topics_info: Mapping[str, TopicInfo | Mapping[str, object]] | None = None,
    material: bool | None = None,
) -> ChangeNotice:
    """Draft the reader-facing change notice for `diff`; counsel edit it before publishing.

    `material` is counsel's own classification when they made one (`--editorial`, the dialog's
    choice): the heading then follows it, so an editorial version never announces "important
    changes". Left as None, the suggestion decides."""
    topics = _topic_table(topics_info)
    items, editorial = _clause_items(diff, topics)
    described = [item.sentence for item in items]
    # The practices say directly what the tables and statements made from them only show again.
    made = _made_from_practices() if diff.practices else frozenset()
    for change in diff.variables:
        if change.new_value and any(f"now {change.new_value}" in sentence for sentence in described):
            continue  # the edited clause's own bullet already says what the value is now
        if change.name in made or not change.used_in:
            continue  # a value no clause shows (before or after) tells readers nothing
        items.append(_variable_item(change, diff, topics))
    items += [_table_item(t, diff, topics) for t in diff.tables if t.name not in made]
    items += [_practice_item(p, topics) for p in diff.practices]
    items += _field_items(diff)
    items += _move_items(diff, topics)
    order = {topic: n for n, topic in enumerate(topics)}
    # Material first, then grouped by topic in the library's order; stable within a topic.
    items.sort(key=lambda item: (not item.material, order.get(item.topic, len(order))))
    tail = _editorial_item(editorial)
    if tail:
        items.append(tail)
    items = _once_each(items)
    suggested = any(item.material for item in items)
    if not items:
        return ChangeNotice(NO_CHANGES_TEXT, bool(material), ())
    chosen = suggested if material is None else material
    text = change_notice_heading(chosen) + "\n" + "\n".join(f"- {item.sentence}" for item in items)
    return ChangeNotice(text, chosen, tuple(items))


def change_notice_heading(material: bool) -> str:
    """The change notice's opening line for a material or an editorial version."""
    return "We have made important changes to this notice:" if material else "We have updated this notice:"


def _once_each(items: list[ChangeItem]) -> list[ChangeItem]:
    """Items whose sentences read the same become one item (its clauses joined)."""
    merged: dict[str, ChangeItem] = {}
    for item in items:
        key = " ".join(item.sentence.lower().split())
        if key in merged:
            first = merged[key]
            ids = tuple(dict.fromkeys(first.clause_ids + item.clause_ids))
            merged[key] = ChangeItem(first.topic, first.sentence, first.material or item.material, ids)
        else:
            merged[key] = item
    return list(merged.values())


def _topic_table(info: Mapping[str, TopicInfo | Mapping[str, object]] | None) -> dict[str, TopicInfo]:
    if info is None:
        return load_topics()
    table: dict[str, TopicInfo] = {}
    for topic, value in info.items():
        if isinstance(value, TopicInfo):
            table[topic] = value
        else:
            table[topic] = TopicInfo(str(value.get("label", topic)), bool(value.get("material", False)))
    for topic, value in _EXTRA_TOPICS.items():
        table.setdefault(topic, value)
    return table

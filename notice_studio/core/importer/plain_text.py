"""Plain text -> blocks: text copied from a browser, and text copied from a PDF.

Browser copies keep one paragraph per line with blank lines between blocks. PDF copies are
hard-wrapped at a fixed width, often without blank lines, with running headers, page numbers
and words hyphenated at line ends: those are re-flowed into paragraphs, the page furniture is
left out (and listed), and hyphenated words are joined. Tab- or space-aligned rows become
Markdown tables.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from dataclasses import dataclass, replace

from notice_studio.core.importer.blocks import Block, SourceDocument, is_junk_line, one_line
from notice_studio.core.importer.dates import date_statement
from notice_studio.core.importer.english import is_english_word, two_words
from notice_studio.core.importer.headings import (
    NOTICE_NAMES_ELSEWHERE,
    ends_with_colon,
    is_all_caps,
    is_title_case,
    is_title_shaped,
    looks_like_address_or_detail,
    split_number,
)
from notice_studio.core.importer.markdown_text import table_markdown
from notice_studio.core.wording import plural

BULLET_RE = re.compile(r"^(?P<indent>[ \t]*)(?P<mark>[•·▪◦●○■□➢►✓–—*+-]|o(?= [A-Z]))[ \t]+(?P<text>\S.*)$")
PAGE_NUMBER = re.compile(
    r"^\s*(?:[-–—]\s*)?(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?(?:\s*[-–—])?\s*$", re.IGNORECASE
)
"""A line that is only a page number ('7', '- 7 -', 'Page 7 of 9'), in copied text or on a PDF's page."""
_PAGE_WORD = re.compile(r"^\s*page\s+\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?\s*$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?:;]['\"”’)]?$")
_TITLE_WORDS = re.compile(rf"privacy|notice|policy|statement|cookie|{NOTICE_NAMES_ELSEWHERE}", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]+")
BROKEN_AT_END = re.compile(r"\w[-/]$|(?:://|\bwww\.)\S*[/?&=#_-]$|://$|\w@[\w-]*$")
"""A table cell's line ending inside a word after its hyphen or slash ('water-', 'and/'), inside a web
address after one of the marks it may be broken at ('https://' + 'www...', '...page?' + 'id=2'), or
inside an email address before the first dot of its domain ('hives@beefarm' + 'north.example'): it
goes on below with no space."""
_CONJUNCTION = re.compile(r"(?:and|or|und|oder|bzw|et|ou|y|o|e|és)\b")
_CELL_GAP = re.compile(r" {2,}|\t")
_REFERS_ON = re.compile(
    r"(?:\b(?:section|sections|clause|clauses|article|articles|paragraph|part|point|item|see|in|under|of|to|and|or"
    r"|at|on|with|by|from|than|about|over|up|page)|[,;(–—-])$",
    re.IGNORECASE,
)
_DANGLING = re.compile(r"\b(?:of|the|a|an|our|your|their|its|these|those)$", re.IGNORECASE)
"""A word no sentence or list item ends on (not 'and', 'or', or 'on' as in 'what you commented on')."""
_CONTENTS = re.compile(r"(?:table of )?contents|in this (?:notice|policy)|summary", re.IGNORECASE)


@dataclass
class TextLine:
    """One line of text as the source laid it out."""

    number: int
    """Line number (text) or page number (PDF), for the report."""
    text: str
    gap: bool
    """A blank line (or, in a PDF, extra space) came before it."""
    size: float = 0.0
    bold: bool = False
    left: float = 0.0
    right: float = 0.0
    """Where the line starts and ends on the page in points (PDF); 0 when unknown."""
    new_table: bool = False
    """The first row of a table of its own (PDF): the table above, if any, ends before it."""
    open_end: bool = False
    """The line ended in a gap between cells, two spaces or more (text): a table's row whose last
    cells are empty, such as a title row with text in its first cell only."""


_Line = TextLine


def read_plain_text(text: str, name: str, encoding: str = "utf-8") -> SourceDocument:
    """Blocks from plain text: paragraphs re-flowed when hard-wrapped, furniture left out."""
    lines: list[TextLine] = []
    gap = True
    for number, raw in enumerate(text.split("\n"), start=1):
        if not raw.strip():
            gap = True
            continue
        shown = raw.rstrip(" \r\f\v")  # a tab at the end is an empty table cell
        open_end = raw.rstrip("\r\f\v").endswith("  ")
        lines.append(TextLine(number, shown, gap, open_end=open_end))
        gap = False
    # Where most lines of one cell end in spaces (the copy pads every line), the spaces say nothing.
    single = [line for line in lines if not _CELL_GAP.search(line.text.strip())]  # lines of one cell
    if sum(line.open_end for line in single) * 2 > len(single):
        for line in lines:
            line.open_end = False
    return read_lines(lines, name, "txt", encoding)


def read_lines(
    lines: list[TextLine], name: str, fmt: str, encoding: str = "", title: str = "", *, by_gaps: bool = False
) -> SourceDocument:
    """Blocks from laid-out lines; `by_gaps`: paragraphs end at extra space or a change of font (PDF)."""
    kept, dropped = _without_furniture(lines, paged=by_gaps)
    width = _typical_width(kept) if by_gaps else float(wrap_width(kept))
    if by_gaps and width:
        kept = _over_page_breaks(kept, width)
    blocks = _numbered_lists(_blocks(kept, width, by_gaps))
    return SourceDocument(name, fmt, tuple(blocks), title, encoding, tuple(dropped))  # every occurrence: nothing lost


# ----- page furniture ------------------------------------------------------------------------------
def _without_furniture(raw: list[TextLine], *, paged: bool = False) -> tuple[list[TextLine], list[str]]:
    """Lines without page numbers, running headers and footers, menus and site chrome."""
    lines: list[TextLine] = []
    dropped: list[str] = []
    gap = False
    above: TextLine | None = None
    for line in raw:
        carried = above is not None and _ends_a_sentence_above(above, line)
        above = line
        if is_junk_line(line.text) and not carried:
            above = None
            dropped.append(line.text.strip())
            gap = gap or line.gap
            continue
        if gap:
            line.gap, gap = True, False
        lines.append(line)
    page_marks = _page_marks(lines)
    paged = paged or len(page_marks) >= 2 or any(_PAGE_WORD.match(lines[i].text) for i in page_marks)
    remove: set[int] = set(page_marks) if paged else set()
    if paged:
        # A running header or footer: the same short line, again and again, next to page numbers.
        close = {  # each line once, though it may stand near two page numbers of short pages
            j
            for i in page_marks
            for j in range(max(0, i - 2), min(len(lines), i + 3))
            if j not in remove and len(lines[j].text) <= 100
        }
        # the top of the first page counts as a page's edge too: the header over the notice's name
        # there, or the name a two-page copy repeats as its header after the first page number
        top = {j for j in range(min(2, len(lines))) if j not in remove and len(lines[j].text) <= 100}
        near = Counter(_shape(lines[j].text) for j in close | top)
        # on half the pages or more: a text that repeats itself (a page copied twice) is not one
        running = {shape for shape, count in near.items() if count >= 2 and count * 2 >= len(page_marks)}
        for i in page_marks:
            for j in range(max(0, i - 2), min(len(lines), i + 3)):
                if j not in remove and _shape(lines[j].text) in running:
                    remove.add(j)
        if lines and 0 not in remove and _shape(lines[0].text) in running and _names_again(lines):
            remove.add(0)
    menu = _menu_lines(lines)
    # Site chrome is around a notice's text: where taking these lines out would leave no text but
    # a title, they are the text (a short draft of placeholder lines), not a menu.
    if sum(1 for i, line in enumerate(lines) if i not in remove | menu and _WORD.search(line.text)) >= 2:
        remove |= menu
    kept: list[_Line] = []
    pending_gap = False
    for i, line in enumerate(lines):
        if i in remove:
            dropped.append(line.text.strip())
            pending_gap = pending_gap or line.gap
            continue
        if pending_gap:
            line.gap = True
            pending_gap = False
        kept.append(line)
    if remove & set(page_marks):
        dropped = [d for d in dropped if not PAGE_NUMBER.match(d)] + [plural(len(page_marks), "page number")]
    return kept, dropped


def _names_again(lines: list[TextLine]) -> bool:
    """The first line (a running header) is followed by the notice's name written another way
    ('Acme — Privacy Notice' over 'Acme Privacy Policy'): most of its words again, on a short line
    that ends no sentence. Where the header is the notice's name as written, the first line is the
    name and stays."""
    if len(lines) < 2:
        return False
    first, second = lines[0].text, lines[1].text.strip()
    words = {w.lower() for w in _WORD.findall(first)}
    named = {w.lower() for w in _WORD.findall(second)}
    shared = words & named
    return (
        _shape(first) != _shape(second)
        and len(words) >= 2
        # each line's words mostly the other's: not a line of text that names the notice
        and len(shared) * 3 >= len(words) * 2
        and len(shared) * 3 >= len(named) * 2
        and not words < named  # the name and more ('Privacy Notice – Highlights'): a heading under the name
        and is_title_shaped(second, max_words=12)
    )


def _ends_a_sentence_above(above: TextLine, line: TextLine) -> bool:
    """`line` finishes the sentence wrapped on the line `above` it ('... change them under' +
    'Privacy Settings.'), so its words are text even where they look like a page's button."""
    text = line.text.strip()
    return (
        not line.gap
        and not _SENTENCE_END.search(above.text.rstrip())
        and (text[:1].islower() or text.endswith((".", ",", ";")))
    )


def _page_marks(lines: list[_Line]) -> list[int]:
    """The lines that are page numbers: each goes on from the one before ('3' after '2'), or the
    first of a series that goes on ('12' before '13', an extract); 'Page 4 of 9' wherever it is. A
    number alone on a line out of that order ('595', a figure in a list) is text."""
    found = [(i, int(re.findall(r"\d+", line.text)[0])) for i, line in enumerate(lines) if PAGE_NUMBER.match(line.text)]
    marks: list[int] = []
    last: int | None = None
    for k, (i, value) in enumerate(found):
        goes_on = last is not None and last < value <= last + 2
        starts = last is None and (value <= 3 or (k + 1 < len(found) and value < found[k + 1][1] <= value + 2))
        if goes_on or starts or _PAGE_WORD.match(lines[i].text):
            marks.append(i)
            last = value
    return marks


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", " ".join(text.split()).lower())


def _menu_lines(lines: list[_Line]) -> set[int]:
    """A run of three or more one- to three-word lines before the text starts is a site menu."""
    run: list[int] = []
    for i, line in enumerate(lines):
        words = line.text.split()
        if (
            len(words) > 3
            or _SENTENCE_END.search(line.text)
            or BULLET_RE.match(line.text)
            or split_number(line.text.strip())[0] is not None
            or _CONTENTS.match(line.text.strip())
            or (len(words) >= 2 and _TITLE_WORDS.search(line.text))  # 'Privacy Notice': the notice starts
            # a menu's lines run together: a line set apart after them is the notice's first heading
            or (len(run) >= 3 and line.gap and not any(lines[k].gap for k in run[1:]))
        ):
            break
        run.append(i)
    if len(run) < 3 or len(run) == len(lines):  # a menu is followed by the text it sits above
        return set()
    return {i for i in run if not _TITLE_WORDS.search(lines[i].text)}


# ----- re-flowing hard-wrapped lines --------------------------------------------------------------
def wrap_width(lines: list[_Line]) -> int:
    """The width the text was wrapped at, or 0 when its paragraphs are one line each."""
    every = [len(line.text.rstrip()) for line in lines]
    lengths = sorted(n for n in every if n <= 130)  # table rows may run longer
    if len(lengths) < 8 or len(lengths) < len(every) * 0.7:
        return 0
    width = lengths[int(len(lengths) * 0.9)]
    if width < 30:
        return 0
    # Wrapped text: many lines nearly full and carried on by the next line, not by a blank one.
    carried = sum(
        1 for line, nxt in itertools.pairwise(lines) if width * 0.8 <= len(line.text.rstrip()) <= width and not nxt.gap
    )
    return width if carried >= len(lengths) * 0.3 else 0


def _typical_width(lines: list[TextLine]) -> float:
    """Where a full line of body text ends: its right edge on the page, or else its length in characters."""
    if any(line.right for line in lines):
        edges = sorted(line.right for line in lines if not line.bold)
        return edges[int(len(edges) * 0.95)] if len(edges) >= 8 else 0.0
    lengths = sorted(len(line.text) for line in lines if not line.bold)
    return lengths[int(len(lengths) * 0.9)] if len(lengths) >= 8 else 0.0


def _over_page_breaks(lines: list[TextLine], margin: float) -> list[TextLine]:
    """A paragraph going on over a page break stays one paragraph (PDF): the first line of a page
    loses the space its page's top gave it when the line before it, the last of the page before
    (running headers and page numbers already left out), filled its line, ended no sentence and is
    set in the same font at the same place ('... we pass your name to' + 'the race organiser ...')."""
    out = list(lines)
    for i in range(1, len(out)):
        before, line = out[i - 1], out[i]
        if (
            line.gap
            and line.number != before.number
            and "\t" not in line.text + before.text
            and not _starts_item(line.text)
            and (line.size, line.bold) == (before.size, before.bold)
            and abs(line.left - before.left) <= 2
            and not _SENTENCE_END.search(before.text.rstrip())
            and fills_line(before, line.text, margin)
        ):
            out[i] = replace(line, gap=False)
    return out


def _starts_item(text: str) -> bool:
    """The line starts a list item: a bullet, or a number written with its mark ('3.', '(b)', 'ii.')."""
    number = split_number(text.strip())[0]
    return bool(BULLET_RE.match(text)) or (number is not None and number.punctuated)


def fills_line(before: TextLine, nxt: str, margin: float) -> bool:
    """True when `before` ran to the right margin: the first word of `nxt` would not have fitted after it."""
    text = before.text.rstrip()
    per_char = (before.right - before.left) / max(len(text), 1)
    word = nxt.split(" ", 1)[0]
    return before.right + per_char * (len(word) + 1) > margin - 2 * per_char  # ragged right: room to spare


def _cut_short(prev: str, text: str, width: float) -> bool:
    """A nearly full line that stops mid-sentence ('... for the people of' over 'the town. This ...'):
    a PDF set in a proportional font wraps lines of different lengths, so a word that would have
    fitted by the count of characters may not have fitted on the page."""
    return (
        len(prev) >= 0.75 * width
        and text[:1].islower()
        and bool(_DANGLING.search(prev))
        and not _numbered_heading_start(text)  # 'b. What about ...': a lettered heading
    )


def _continues(
    before: TextLine,
    line: TextLine,
    width: float,
    in_item: bool,
    by_gaps: bool = False,
    after: TextLine | None = None,
) -> bool:
    """True when `line` carries on the paragraph that `before` ended on (a wrapped line); `after` is
    the line below `line`, if any."""
    prev = before.text.rstrip()
    if line.gap or BULLET_RE.match(line.text) or (before.size, before.bold) != (line.size, line.bold):
        return False
    if by_gaps:
        if before.right and width:
            return fills_line(before, line.text.strip(), width)  # a line that stops short ends its paragraph
        return not (width and len(prev) < width * 0.7)
    if not width:
        return False
    text = line.text.strip()
    if _broken_word(prev, text):
        return True
    first = text.split(" ", 1)[0]
    if len(prev.rstrip()) + 1 + len(first) <= width - 1 and not _cut_short(prev, text, width):
        return False  # the next word would have fitted: the line ended where its paragraph did
    if text[:1].isupper() and date_statement(text) is not None:
        return False  # 'Effective Date: 08.08.2023' under the notice's name: its date line, not the name going on
    if _SENTENCE_END.search(prev) and (
        _heading_line(text, width) or _short_title_line(text, width, after) or _question_line(text)
    ):
        return False
    # under an address's last line, a line with a comma is the address going on ('Leeds, England')
    after_address = bool(_ENDS_WITH_ADDRESS.search(prev)) and "," not in text
    if (
        (len(prev) > width or in_item or after_address or _ENDS_WITH_LINK.search(prev))
        and not _REFERS_ON.search(prev)
        and _title_over_text(
            text, width, after, any_case=after_address or (in_item and not line.text.startswith((" ", "\t")))
        )
    ):
        # After a line that could not wrap (a long link, a table row), a list item ending without a
        # full stop, or an email address or a long number (a postcode), a short title line over the
        # start of a full line of text is a heading; under an item, a line at the margin (the item's
        # own lines go on indented) in sentence case too.
        return False
    if _numbered_heading_start(text) and _numbered_heading_start(before.text.strip()):
        return False  # '3.2 A long sub-section title' over '3.2.1 Its first part': two headings, not one
    if _numbered_heading(text) and not _REFERS_ON.search(prev):
        return False  # '6. Your rights' at a line's start: a numbered heading, not a sentence going on
    return not (in_item and not line.text.startswith((" ", "\t")) and _SENTENCE_END.search(prev))


_ENDS_WITH_LINK = re.compile(r"(?:https?://|www\.)\S+$", re.IGNORECASE)
_ENDS_WITH_ADDRESS = re.compile(r"\S@\S+\.[a-z]{2,}$|\d{3,}$", re.IGNORECASE)
"""A line ending in an email address or a long number (a postcode, a telephone or company number):
the end of a paragraph that takes no full stop."""


def _title_over_text(text: str, width: float, after: TextLine | None, *, any_case: bool = False) -> bool:
    """`text` is a short title line over a full line of text; `any_case`: in sentence case too, and a
    single word ('Payments'), as under a line ending in an address."""
    if after is None or after.gap or BULLET_RE.match(after.text):
        return False
    below = after.text.strip()
    return (
        (len(text.split()) >= 2 or any_case)
        and not text.endswith(")")
        and _heading_line(text, width)
        and (any_case or is_title_case(text) or is_all_caps(text) or text.endswith("?"))
        and below[:1].isupper()
        and len(below) >= width * 0.8
    )


def _numbered_heading_start(text: str) -> bool:
    number, rest = split_number(text)
    return (
        number is not None and number.scheme != "list" and number.punctuated and bool(rest) and not rest[:1].islower()
    )


def _numbered_heading(text: str) -> bool:
    rest = split_number(text)[1]
    return (
        _numbered_heading_start(text)
        and is_title_shaped(rest, allow_colon=False)
        # '1.1 This notice applies when the service...' over its next line is one numbered paragraph
        and (is_title_case(rest) or is_all_caps(rest) or rest.endswith("?") or len(rest.split()) <= 8)
    )


def _title_part(text: str) -> str:
    """A line's words after its number, if it has one ('2.1 Your rights' -> 'Your rights')."""
    number, rest = split_number(text)
    return rest if number and rest else text


def _heading_line(text: str, width: float) -> bool:
    return len(text) < width * 0.75 and is_title_shaped(_title_part(text), allow_colon=True, max_words=14)


def _short_title_line(text: str, width: float, after: TextLine | None) -> bool:
    """A title line too long for `_heading_line` ('What details does the app keep and how long
    for?') that stops short of the width, the next line's first word fitting after it: a line of its
    own, not the start of a wrapped paragraph."""
    if after is None or after.gap:
        return False
    shown = _title_part(text)
    first = after.text.strip().split(" ", 1)[0]
    return len(text) + 1 + len(first) <= width - 1 and is_title_shaped(shown, allow_colon=False, max_words=14)


def _question_line(text: str) -> bool:
    """A question of a line's length or nearly ('How long do we keep the recordings of your calls to
    us?'): at the start of a paragraph, a heading of its own, though a wrapped sentence could have
    gone on after it."""
    shown = _title_part(text)
    return (
        is_title_shaped(shown, allow_colon=False, max_words=14)
        and shown.endswith("?")
        and not looks_like_address_or_detail(shown)
    )


def _ends_hyphened(prev: str) -> bool:
    """`prev` ends in a letter and a hyphen: a word may be broken there."""
    return prev.endswith("-") and prev[-2:-1].isalpha()


def _broken_word(prev: str, text: str) -> bool:
    """`prev` ends in a word hyphenated across the line break, which `text` finishes ('inform-' +
    'ation'); not a hyphen left hanging before a conjunction ('short- and long-term', 'Forschungs- und')."""
    return _ends_hyphened(prev) and text[:1].islower() and not _CONJUNCTION.match(text)


_HYPHEN_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")
_PLAIN_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


class _Hyphens:
    """How the text writes its words, to read a hyphen at a line's end: the words it writes with a
    hyphen ('third-party', 'co-workers') with the first part of each ('third-', 'co-'), and its
    other words. Read from the lines only when a line ends in a hyphen."""

    def __init__(self, lines: list[_Line]) -> None:
        self._lines = lines

    @functools.cached_property
    def _written(self) -> str:
        return "\n".join(line.text for line in self._lines)

    @functools.cached_property
    def _text(self) -> str:
        return self._written.lower()

    @functools.cached_property
    def hyphened(self) -> set[str]:
        found = set(_HYPHEN_WORD.findall(self._text))
        return found | {word.split("-", 1)[0] + "-" for word in found}

    @functools.cached_property
    def words(self) -> set[str]:
        every = Counter(_WORD.findall(self._text))
        # the two parts of each word broken over a line end are not words of their own
        parts = Counter(
            part
            for above, below in itertools.pairwise(self._lines)
            if above.text.rstrip().endswith("-")
            for part in _word_parts(above.text.rstrip(), below.text.strip(), lower=True)
        )
        return set(every - parts)

    @functools.cached_property
    def as_written(self) -> set[str]:
        """The text's words as written, capitals and all."""
        return set(_WORD.findall(self._written))

    def keeps(self, head: str, tail: str) -> bool:
        """True when 'head-' at a line's end and 'tail' on the next are a compound that keeps its
        hyphen: written so elsewhere, or going on from or with another hyphen; or, unless the text
        writes it as one word elsewhere, with a first part it hyphens elsewhere ('co-' of 'co-owners'
        + 'worker'), or of two words of the text ('on-' + 'going'), or of two English words that are
        none together ('award-' + 'winning'). 'inven-' + 'tory' is joined. And of anything that is not a plain
        word: an e-mail or web address ('privacy@harbour-' + 'dental.example'), 'U.S.-' + 'based'."""
        if "-" in tail or "-" in head or head + "-" + tail in self.hyphened:
            return True  # 'work-' + 'from-home' or 'case-by-' + 'case' goes on as a compound
        if not _PLAIN_WORD.fullmatch(head):
            return True  # an address's hyphen: a word processor breaks no address inside a word
        if head + tail in self.words:
            return False
        if head + "-" in self.hyphened or (head in self.words and tail in self.words):
            return True
        # Where the text does not say, English does: two words that make no word together are a
        # compound broken at its hyphen ('award-' + 'winning'); 'inven-' + 'tory' is a word broken.
        return two_words(head, tail)


def _word_parts(prev: str, text: str, *, lower: bool) -> tuple[str, str]:
    """The broken word's two parts (in lower case if `lower`): before the hyphen at the end of `prev`,
    and the start of `text`."""
    head = re.sub(r"^\W+", "", prev.rsplit(None, 1)[-1][:-1])
    tail = re.match(r"[\w-]*", text)
    parts = head, (tail.group(0) if tail else "")
    return (parts[0].lower(), parts[1].lower()) if lower else parts


def _join(prev: str, text: str, hyphens: _Hyphens) -> str:
    """Two wrapped lines as one: a word broken at the line end is joined, keeping its hyphen when
    the text writes the word, or its first part, with one elsewhere ('third-' + 'party', 'co-' +
    'worker'), or when its two parts are words of the text it never writes as one."""
    if _broken_word(prev, text):
        return prev + text if hyphens.keeps(*_word_parts(prev, text, lower=True)) else prev[:-1] + text
    if _ends_hyphened(prev) and text[:1].isupper():
        # 'Rope-' + 'Track', 'HARB-' + 'OUR': a name or a word in capitals broken at the line end,
        # joined where the text writes it whole elsewhere; otherwise a compound ('Anglo-' + 'Saxon',
        # 'EU-' + 'US') that keeps its hyphen, with no space in it
        whole = "".join(_word_parts(prev, text, lower=False))
        # 'HARB-' + 'OUR' with 'harbour' elsewhere, or 'LIMI-' + 'TATIONS', an English word
        capitals = whole.isupper() and (whole.lower() in hyphens.words or is_english_word(whole.lower()))
        return prev[:-1] + text if whole in hyphens.as_written or capitals else prev + text
    return prev + " " + text


def _unmarked_items(lines: list[_Line], width: float) -> set[int]:
    """Lines that are bullets copied without their markers: a run of short lines after one ending in ':'."""
    found: set[int] = set()
    if width:
        return found
    for i, line in enumerate(lines[:-2]):
        if not ends_with_colon(line.text):
            continue
        run: list[int] = []
        for j in range(i + 1, len(lines)):
            if lines[j].gap and j > i + 1:
                break
            if (
                BULLET_RE.match(lines[j].text)
                or len(lines[j].text) > 300
                or split_number(lines[j].text.strip())[0] is not None
            ):
                run = []
                break
            run.append(j)
        if len(run) >= 2:
            found.update(run)
    return found


def _blocks(lines: list[_Line], width: float, by_gaps: bool = False) -> list[Block]:
    blocks: list[Block] = []
    items = _unmarked_items(lines, width)
    hyphens = _Hyphens(lines)
    # Hard-wrapped text with no blank lines at all: a list starting is as set apart as a paragraph.
    gapless = bool(width) and not by_gaps and sum(line.gap for line in lines) <= max(2, len(lines) // 50)
    i = 0
    while i < len(lines):
        if i in items:
            text = lines[i].text.strip()
            gap = i - 1 not in items
            blocks.append(Block("list_item", "- " + text, one_line(text), 0, lines[i].number, gap))
            i += 1
            continue
        table = _table_run(lines, i, by_gaps)
        if table:
            rows, end = table
            blocks.append(
                Block(
                    "table",
                    table_markdown(rows),
                    one_line(" ".join(" ".join(r) for r in rows)),
                    0,
                    lines[i].number,
                    True,
                )
            )
            i = end
            continue
        line = lines[i]
        bullet = BULLET_RE.match(line.text)
        text = (bullet["text"] if bullet else line.text).strip()
        j = i + 1
        while j < len(lines) and _continues(
            lines[j - 1], lines[j], width, bool(bullet), by_gaps, lines[j + 1] if j + 1 < len(lines) else None
        ):
            if _table_run(lines, j, by_gaps):
                break
            if (
                j == i + 1
                and width
                and not (by_gaps or bullet)
                and (_numbered_heading(text) or _question_line(text))
                and len(lines[j].text) >= width * 0.8
            ):
                break  # '4. A numbered title' (or a question) over a full line of text: the title's paragraph starts
            text = _join(text, lines[j].text.strip(), hyphens)
            j += 1
        gap = line.gap or bool((width or by_gaps) and not bullet)
        if bullet and gapless and not (blocks and blocks[-1].kind == "list_item"):
            gap = True
        if bullet:
            depth = min(len(bullet["indent"].expandtabs(4)) // 2, 3)
            blocks.append(Block("list_item", "  " * depth + "- " + text, one_line(text), depth, line.number, gap))
        else:
            blocks.append(Block("paragraph", text, one_line(text), 0, line.number, gap, line.bold, size=line.size))
        i = j
    return blocks


_ITEM_NUMBER = re.compile(r"^(?P<n>\d{1,2})(?P<p>[.)])[ \t]+(?P<text>\S.*)$", re.DOTALL)
_ITEM_END = re.compile(r"(?:[;,]|\b(?:and|or))$")


def _numbered_lists(blocks: list[Block]) -> list[Block]:
    """Numbered paragraphs that are a list's items become one numbered list, as a Word file's list does.

    A run of two or more paragraphs numbered one after another ('1.', '2.', ...) with nothing
    between them is a list when the paragraph before it leads in with a colon, or when each item
    but the last ends as list items do (';', ',', 'and', 'or'). Numbered headings are never such
    a run: each has its section's text under it. A contents list (short titles after 'Contents')
    has neither sign, so it stays as it was."""
    out = list(blocks)
    i = 0
    while i < len(out):
        run = _numbered_run(out, i)
        if len(run) < 2:
            i += 1
            continue
        lead_in = i > 0 and out[i - 1].kind == "paragraph" and ends_with_colon(out[i - 1].plain)
        ends = [_ITEM_END.search(out[k].plain.rstrip()) for k in run[:-1]]
        if lead_in or all(ends):
            for n, k in enumerate(run):
                match = _ITEM_NUMBER.match(out[k].markdown)
                assert match is not None  # _numbered_run matched it
                markdown = f"{match['n']}{match['p']} {match['text']}"
                number = match["n"] + match["p"]
                gap = out[k].gap_before if n == 0 else False  # one tight list
                out[k] = replace(out[k], kind="list_item", markdown=markdown, gap_before=gap, number=number)
        i = run[-1] + 1
    return out


def _numbered_run(blocks: list[Block], start: int) -> list[int]:
    """Indexes of paragraphs from `start` numbered one after another, the first at any number."""
    run: list[int] = []
    expected = 0
    for k in range(start, len(blocks)):
        block = blocks[k]
        match = _ITEM_NUMBER.match(block.markdown) if block.kind == "paragraph" else None
        if match is None or (run and int(match["n"]) != expected):
            break
        run.append(k)
        expected = int(match["n"]) + 1
    return run


# ----- tables flattened into text -------------------------------------------------------------------
def _cells(text: str, tabs_only: bool) -> list[str]:
    if tabs_only:
        parts = text.strip(" ").split("\t")
    else:
        parts = _CELL_GAP.split(text.strip())
    return [" ".join(p.split()) for p in parts]


def _table_run(lines: list[_Line], start: int, spaced: bool = False) -> tuple[list[list[str]], int] | None:
    """Rows of cells from `start`: lines split by tabs (2+ rows), or else by wide spaces (see _space_run).

    `spaced`: rows split by tabs may have space between them (a PDF's table)."""
    first = lines[start].text
    if "\t" in first.strip(" ") and len(_cells(first, True)) >= 2:
        end = start
        while (
            end < len(lines)
            # rows split by tabs may leave out empty cells at the end or span columns
            and "\t" in lines[end].text.strip(" ")
            and (end == start or not lines[end].gap or spaced)
            # a PDF's reader sees where one table ends and the next begins, with only white between
            and (end == start or not lines[end].new_table)
        ):
            end += 1
        if end - start >= 2:
            rows = [_cells(lines[k].text, True) for k in range(start, end)]
            if spaced:
                rows = _rows_over_pages(rows, [lines[k].number for k in range(start, end)])
            width = max(len(r) for r in rows)
            return [r + [""] * (width - len(r)) for r in rows], end
    return _space_run(lines, start)


def _space_run(lines: list[_Line], start: int) -> tuple[list[list[str]], int] | None:
    """Rows of cells from `start` split by wide spaces: three rows or more (two under a row of column
    names), two or more of them full (as many cells as the table has columns), with no blank line
    between. A row that ended in a gap between cells (`open_end`: its last cells empty, the spaces
    after its text kept) may have fewer cells: a title row with text in its first cell only, inside
    the table, over its rows or under them. Such rows right over rows of another width head that table, not this one; before the
    table's first row written again, they end it."""
    cells = [_cells(lines[start].text, False)]
    if len(cells[0]) < 2 and not lines[start].open_end:
        return None
    columns = 0 if lines[start].open_end else len(cells[0])
    end = start + 1
    while end < len(lines) and not lines[end].gap and not lines[end].new_table:
        row = _cells(lines[end].text, False)
        if 2 <= len(row) < columns and _CELL_GAP.match(lines[end].text):
            row = ["", *row]  # a gap before its cells: the row's first cell is empty (an indented line is not)
        if not lines[end].open_end:
            if len(row) < 2 or (columns and len(row) != columns):
                break
            if not columns and any(len(above) > len(row) for above in cells):
                return None  # open rows wider than the rows below them: not this table's
            columns = columns or len(row)
        elif columns and (len(row) > columns or _heads_other_rows(lines, end, columns)):
            break
        cells.append(row)
        end += 1
        if lines[end - 1].open_end and end < len(lines) and _cells(lines[end].text, False) == cells[0]:
            break  # open rows end the table before its first row again, the header of a table of its own
    # rows that all end in gaps (every table's last column empty): as many columns as the widest
    columns = columns or max(len(row) for row in cells)
    # two rows will do under a row of column names ('Cookie  Purpose  Expiry'), not under sentences
    named = len(cells[0]) == columns and all(is_title_shaped(cell, allow_colon=False, max_words=8) for cell in cells[0])
    if columns < 2 or sum(1 for row in cells if len(row) == columns) < 2 or len(cells) < (2 if named else 3):
        return None
    return [row + [""] * (columns - len(row)) for row in cells], end


def _heads_other_rows(lines: list[_Line], at: int, columns: int) -> bool:
    """True when the open rows from `at` (see _space_run) stand right over a row of a width other
    than `columns`: they head the next table."""
    k = at
    while k < len(lines) and lines[k].open_end and not (k > at and (lines[k].gap or lines[k].new_table)):
        k += 1
    if k >= len(lines) or lines[k].gap or lines[k].new_table:
        return False
    width = len(_cells(lines[k].text, False))
    return width >= 2 and width != columns


def _rows_over_pages(rows: list[list[str]], pages: list[int]) -> list[list[str]]:
    """The rows with a row cut by a page break put back together: a page whose first row has nothing
    in its first column, or starts a cell in lower case in a column whose cells start in capitals, or
    has text in one cell only, under a cell with text, where every other row has two or more (see
    _rest_of_one_cell), carries on the last row of the page before."""
    starts = [page != before for page, before in itertools.pairwise(pages)]
    inside = [row for row, top in zip(rows[1:], starts, strict=True) if not top]
    capitals = _capital_columns(inside)
    out = [rows[0]]
    for row, page, before in zip(rows[1:], pages[1:], pages[:-1], strict=True):
        carried = (
            not row[0]
            or any(cell[:1].islower() and capital for cell, capital in zip(row, capitals, strict=False))
            or _rest_of_one_cell(row, out[-1], inside)
        )
        if page != before and carried:
            last = out[-1] + [""] * (len(row) - len(out[-1]))
            out[-1] = [rejoin_cell(a, b) for a, b in zip(last, row + [""] * (len(last) - len(row)), strict=True)]
        else:
            out.append(row)
    return out


def _rest_of_one_cell(row: list[str], above: list[str], inside: list[list[str]]) -> bool:
    """True when `row`, the first on its page, has text in one cell only, starting in lower case, under
    a cell of `above` with text, and each of the table's rows not at the top of a page (`inside`, two or
    more) has text in two cells or more: the rest of a cell the page break cut, in a column whose cells
    start in lower case too (a column of capitals is told by _capital_columns). A cell in capitals alone
    at a page's top may be a row of its own with its other cells empty."""
    filled = [j for j, cell in enumerate(row) if cell]
    if len(filled) != 1 or filled[0] >= len(above) or not above[filled[0]] or len(inside) < 2:
        return False
    if not row[filled[0]][:1].islower():
        return False
    return all(sum(1 for cell in other if cell) >= 2 for other in inside)


def _capital_columns(rows: list[list[str]]) -> list[bool]:
    """For each column, whether its cells start with a capital letter or a figure (four in five of them,
    and at least three): a cell there starting in lower case is the rest of one cut off above. The rows
    given are those not at the top of a page (those may carry on a row)."""
    width = max((len(r) for r in rows), default=0)
    out = []
    for j in range(width):
        starts = [r[j][0] for r in rows if j < len(r) and r[j]]
        out.append(len(starts) >= 3 and sum(not c.islower() for c in starts) >= 0.8 * len(starts))
    return out


def rejoin_cell(above: str, below: str) -> str:
    """A cell's text cut by a page break, whole again: a word or web address broken at its line's end
    (BROKEN_AT_END) is joined; otherwise a space goes between."""
    if not above or not below:
        return above or below
    return above + below if BROKEN_AT_END.search(above) else f"{above} {below}"

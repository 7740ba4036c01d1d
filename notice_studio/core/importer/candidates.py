"""Heading candidates: what each block would be as a heading, and the first filters.

A candidate has a "key" (markup level, numbering scheme and depth, bold, ALL CAPS, question,
short title line, run-in) used later to rank headings into levels. Weak kinds (ALL CAPS,
questions, title lines) count only when text follows them; a run of lines that reappear later
as headings is a table of contents and stays text.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, replace

from notice_studio.core.importer.blocks import Block
from notice_studio.core.importer.dates import is_bare_date, parse_date, stated_date
from notice_studio.core.importer.headings import (
    Number,
    bold_lead_in,
    clean_title,
    ends_with_colon,
    has_heading_vocabulary,
    is_all_caps,
    is_question,
    is_stopped_title,
    is_strict_title_case,
    is_title_case,
    is_title_shaped,
    looks_like_address_or_detail,
    names_the_notice,
    run_in_from_text,
    split_number,
)
from notice_studio.core.importer.outline import MAX_LEVEL

Key = tuple[str | int | float, ...]
"""What makes headings the same kind: ("markup", level), ("num", scheme, depth), ("caps",), ("title",) and so on."""
_TOC_HEADINGS = re.compile(
    r"^(?:table of )?contents|^in this (?:notice|policy)|^on this page|^quick links|^jump to|^index$", re.IGNORECASE
)


_REFERS_BACK = re.compile(r"\b(?:this|these|our)\b", re.IGNORECASE)
_CELL_BREAK = re.compile(r"\t|\S {2,}\S")


@dataclass
class Entry:
    block: Block
    key: Key | None = None
    title: str = ""
    number: Number | None = None
    evidence: str = ""
    body_after: str = ""
    """A run-in heading's paragraph text after the heading (Markdown)."""
    heading_md: str = ""
    """The heading as body text if it does not become a section."""
    weak: bool = False
    accepted: bool = False
    toc: bool = False
    level: int = 0
    is_title: bool = False
    starts_notice: bool = False
    """The name of a notice within the notice, over its own date: its numbering starts again."""
    listed: bool = False
    """A heading that the notice's table of contents lists: one of its top sections."""
    too_deep: bool = False
    """A numbered heading below the third level ('1.1.1.1 CCTV'), kept as a bold line of text."""

    @property
    def family(self) -> str:
        return str(self.key[0]) if self.key else ""


# ----- classify ---------------------------------------------------------------------------------
_MARKUP_NAMES = {"md": "Markdown heading '{style}'", "html": "<{style}> heading", "docx": "Word style '{style}'"}


def classify(block: Block, fmt: str, after_heading: bool = False) -> Entry:
    """What `block` would be as a heading; `after_heading`: the block before it looks like a heading."""
    entry = Entry(block)
    if block.kind == "heading":
        number, rest = split_number(block.plain)
        if number and number.scheme != "list" and rest:
            entry.number, entry.title = number, clean_title(rest)
        else:
            entry.title = clean_title(block.plain)
            if block.number:
                entry.number, _ = split_number(block.number.rstrip(".)") + ". x")
        if not entry.title:
            return Entry(block)
        entry.key = ("title",) if block.style == "Title" else ("markup", block.level)
        entry.evidence = _MARKUP_NAMES.get(fmt, "{style} heading").format(style=block.style or f"h{block.level}")
        if entry.number:
            entry.evidence += f" numbered '{entry.number.text}'"
        entry.accepted = True
        entry.heading_md = ("#" * block.level + " " + block.markdown) if fmt == "md" else f"**{block.markdown}**"
        return entry
    if block.kind == "list_item":
        return _numbered_item(block, entry)
    if block.kind != "paragraph":
        return entry
    text, md = block.plain, block.markdown
    entry.heading_md = md
    if fmt == "txt" and _CELL_BREAK.search(split_number(md.strip())[1]):
        return entry  # cells split by a tab or a run of spaces: a table's row, not a heading ('2.  Rights' is one)
    number, rest = split_number(text)
    if number and number.scheme == "arabic" and number.depth > MAX_LEVEL and is_title_shaped(rest):
        # '1.1.1.1 CCTV retention': a heading below the levels a notice has, a bold line in its section
        deeper = Entry(replace(block, markdown=f"**{md.strip()}**"))
        deeper.too_deep = True
        return deeper
    if number and number.scheme != "list" and rest and number.depth <= MAX_LEVEL:
        if (
            (
                is_title_shaped(rest)
                or (is_all_caps(rest) and is_stopped_title(rest))
                # '9. Choices for Access, Deletion and Opt-Out.' - a numbered Title Case heading with a full stop
                or (number.punctuated and is_stopped_title(rest, max_words=16) and is_strict_title_case(rest))
                # '4. For which purposes do we use your details, and on what basis?' - a long numbered question
                or (number.punctuated and is_question(rest) and len(rest.split()) <= 24)
            )
            and (number.punctuated or block.gap_before)
            and not (not number.punctuated and looks_like_address_or_detail(rest))
        ):
            entry.key, entry.number, entry.title = ("num", number.scheme, number.depth), number, clean_title(rest)
            entry.evidence = f"numbered '{number.text}'" + (" in ALL CAPS" if is_all_caps(rest) else "")
            return entry
        run_in = run_in_from_text(rest) if number.punctuated else None
        if run_in:
            entry.key, entry.number, entry.title = ("num", number.scheme, number.depth), number, clean_title(run_in[0])
            entry.body_after = _markdown_from(md, run_in[1])
            entry.evidence = f"numbered '{number.text}', run into the start of its paragraph"
            return entry
    if md.lstrip().startswith(("**", "__")):
        lead = bold_lead_in(md.replace("__", "**"))
        if lead:
            inner, body = lead
            inner_plain = re.sub(r"[*_\\]", "", inner)
            n2, rest2 = split_number(inner_plain)
            if n2 and n2.scheme != "list" and rest2 and n2.depth <= MAX_LEVEL:
                entry.key, entry.number, entry.title = ("num", n2.scheme, n2.depth), n2, clean_title(rest2)
            else:
                entry.key, entry.title = ("runin",), clean_title(inner_plain)
            entry.body_after = body
            entry.evidence = "bold heading run into the start of its paragraph"
            entry.accepted = entry.family != "num"  # numbered ones must also continue the numbering
            return entry
    if block.bold and is_title_shaped(text):
        entry.key, entry.title, entry.evidence = ("bold",), clean_title(text), "a bold line on its own"
        entry.accepted = True
        return entry
    if not block.gap_before and not after_heading:
        return entry
    if is_all_caps(text) and is_title_shaped(text, max_words=12) and not looks_like_address_or_detail(text):
        entry.key, entry.evidence = ("caps",), "an ALL CAPS line"
    elif is_question(text, any_start=fmt == "txt"):
        entry.key, entry.evidence = ("question",), "a question on a line of its own"
    elif (
        fmt != "pdf"  # a PDF sets its headings apart by font; a plain short line there is text (or a table cell)
        and (
            is_title_shaped(text, allow_colon=False, max_words=10)
            # 'A Note for Parents:' - Title Case over its paragraph (a lead-in to a list is checked below)
            or (ends_with_colon(text) and is_title_shaped(text, max_words=8) and is_title_case(text))
            # Title Case carries a longer heading: 'Your Right to Stop Us Selling or Sharing Your Details'
            or (
                is_title_shaped(text, allow_colon=False, max_words=14)
                and is_title_case(text)
                and has_heading_vocabulary(text)
                and not any(ch.isdigit() for ch in text)
            )
            # 'Information You Provide Us.' - a short Title Case heading closed with a full stop
            or (fmt == "txt" and is_stopped_title(text, max_words=6) and is_strict_title_case(text))
        )
        and not text.endswith("?")
        and not (text.startswith("(") and text.endswith(")"))  # '(Previous version)': an aside or a link
        and not looks_like_address_or_detail(text)
        and stated_date(text) is None  # 'Effective as of 1 June 2024': the notice's date, not a heading
        and (
            is_title_case(text)
            or has_heading_vocabulary(text)
            or (len(text.split()) <= 8 and not any(ch.isdigit() for ch in text))
        )
    ):
        entry.key, entry.evidence = ("line",), "a short title line followed by text"
    if entry.key:
        entry.title, entry.weak = clean_title(text), True
    return entry


_ITEM_NUMBER = re.compile(r"(\d{1,3})\.\s")


def _numbered_item(block: Block, entry: Entry) -> Entry:
    """A numbered list item that is bold from end to end and shaped like a title ('1. **Who we
    are**' in Word's List Number style, or an HTML list of one item) may be a numbered heading; it
    is one only when its list holds it alone (see `one_item_lists`) and it continues the numbering."""
    found = _ITEM_NUMBER.match(block.markdown)
    if not (found and block.bold and block.level == 0 and block.gap_before and is_title_shaped(block.plain)):
        return entry
    number, rest = split_number(f"{found.group(1)}. {block.plain}")
    if number is None or not rest:
        return entry
    entry.key, entry.number, entry.title = ("num", number.scheme, number.depth), number, clean_title(rest)
    entry.evidence = f"numbered '{number.text}', a bold list item on its own"
    entry.heading_md = f"**{block.markdown[found.end() :].strip()}**"
    return entry


def one_item_lists(entries: list[Entry]) -> None:
    """A numbered bold item followed by more items of its list is a list's item, not a heading."""
    for entry, after in itertools.pairwise(entries):
        if (
            entry.block.kind == "list_item"
            and entry.key
            and after.block.kind == "list_item"
            and not after.block.gap_before
        ):
            entry.key, entry.number, entry.title, entry.evidence = None, None, "", ""


def _markdown_from(markdown: str, body_plain: str) -> str:
    """The part of `markdown` where the plain text `body_plain` starts."""
    probe = body_plain[:24]
    at = markdown.find(probe)
    if at < 0:
        words = body_plain.split()
        at = markdown.find(words[0]) if words else -1
    return markdown[at:].strip() if at >= 0 else body_plain


# ----- table of contents ------------------------------------------------------------------------
def _toc_key(text: str) -> str:
    number, rest = split_number(text)
    text = rest if number else text
    text = re.sub(r"[\s.·…_-]*\d{1,3}$", "", text)  # leader dots and a page number
    return re.sub(r"[^a-z]+", "", text.lower())


def mark_toc(entries: list[Entry]) -> bool:
    """Mark a run of 3+ short lines that all reappear later as headings; True when one was found."""
    last_heading_at: dict[str, int] = {}
    keys: list[str] = []
    for i, entry in enumerate(entries):
        key = _toc_key(entry.block.plain) if len(entry.block.plain.split()) <= 14 else ""
        keys.append(key)
        if key and entry.key:
            last_heading_at[key] = i
    found = False

    def listed(k: int) -> bool:
        return bool(keys[k]) and last_heading_at.get(keys[k], -1) > k and entries[k].block.kind != "table"

    i = 0
    while i < len(entries):
        j = i
        while j < len(entries):
            if listed(j) or (
                # an entry worded a little differently from its heading ('Links' for 'Links; Other
                # Sites'): one or two short lines the list goes on after
                j > i and _bare_line(entries[j]) and any(listed(k) for k in range(j + 1, min(j + 3, len(entries))))
            ):
                j += 1
            else:
                break
        run = range(i, j)
        matched = [k for k in run if listed(k)]
        if len(matched) >= 3 and all(last_heading_at[keys[k]] >= j for k in matched):
            start = i
            while start > 0 and _bare_line(entries[start - 1]) and not entries[start - 1].key:
                start -= 1  # the list's own first lines, worded unlike any heading
            for k in range(start, j):
                entries[k].toc = True
                entries[k].key = None
                entries[k].accepted = False
            if start > 0 and _TOC_HEADINGS.match(entries[start - 1].block.plain):
                entries[start - 1].toc, entries[start - 1].key, entries[start - 1].accepted = True, None, False
            _headings_listed(entries, [entries[k].block.plain for k in run if keys[k]], matched, j)
            found = True
            i = j
        else:
            i = max(j, i + 1)
    return found


def _headings_listed(entries: list[Entry], listed: list[str], matched: list[int], end: int) -> None:
    """Make the lines after a table of contents that it lists headings, though their shape alone
    did not ('How and when we use your details, including for our newsletter' is too long for a title
    line): the contents say they are sections. They rank with the headings the contents matched."""
    headings = _last_listed(entries, matched, end)
    for at in headings:
        entries[at].listed = True
    kinds = Counter(entries[at].key for at in headings if entries[at].key)
    key = kinds.most_common(1)[0][0] if kinds else None
    if key is None or key[0] in ("num", "markup"):
        return  # numbered headings: a line without its number is not one of them; marked-up headings say which they are
    wanted = {_word_bag(text) for text in listed} - {_word_bag(entries[at].block.plain) for at in headings}
    for entry in entries[end:]:
        text = entry.block.plain.strip()
        bag = _word_bag(text)
        if bag not in wanted:
            continue
        if entry.key and not entry.listed:
            entry.listed = True  # 'Security and Retention' listed as 'Retention & Security'
            wanted.discard(bag)
        elif (
            entry.key is None
            and not entry.toc
            and entry.block.kind == "paragraph"
            and entry.block.gap_before
            and len(text.split()) <= 20
            and not text.endswith((".", ",", ";"))
            and not looks_like_address_or_detail(text)
            and not any(ch.isdigit() for ch in text)  # a street and number repeated: an address, not a section
        ):
            wanted.discard(bag)
            entry.key, entry.title, entry.accepted, entry.listed = key, clean_title(text), True, True
            entry.evidence = "a line the table of contents lists"


def _word_bag(text: str) -> frozenset[str]:
    """A contents line's words in any order ('Retention & Security' lists 'Security and Retention')."""
    number, rest = split_number(text)
    words = re.findall(r"[^\W\d_]+", (rest if number else text).lower().replace("&", " and "))
    return frozenset(words)


def _last_listed(entries: list[Entry], matched: list[int], end: int) -> list[int]:
    """Where each matched contents line reappears as a heading after the contents."""
    out = []
    for k in matched:
        key = _toc_key(entries[k].block.plain)
        out += [i for i in range(end, len(entries)) if entries[i].key and _toc_key(entries[i].block.plain) == key][:1]
    return out


def _bare_line(entry: Entry) -> bool:
    """A short line that could be a contents entry (no full stop, a dozen words at most)."""
    text = entry.block.plain.strip()
    return (
        entry.block.kind in ("paragraph", "list_item")
        and not entry.toc
        and 0 < len(text.split()) <= 12
        and not text.endswith((".", "!", ":", ";", ","))
    )


# ----- weak headings ------------------------------------------------------------------
_BODY_ENDS = (".", "!", ":", ";", ")", "。", "！", "：", "；", "）", "।", "؛")
"""How a paragraph of text ends (in Chinese, Japanese, Devanagari and Arabic too), unlike a heading."""


def body_like(entry: Entry) -> bool:
    if entry.toc:
        return False  # a contents entry is not text under a heading
    if entry.block.kind in ("list_item", "table"):
        return True
    if entry.key and entry.family != "num":
        return False
    text = entry.block.plain
    return len(text.split()) >= 6 or text.rstrip().endswith(_BODY_ENDS)


def _ends_sentence(entry: Entry) -> bool:
    return entry.block.plain.rstrip().endswith((*_BODY_ENDS, "?", ".”", '."', "？", "؟"))


def is_date_line(entry: Entry) -> bool:
    """A short paragraph that gives a date: 'Last updated: 1 May 2025', '9 May 2023', 'March 2021'."""
    text = entry.block.plain
    label, colon, date = text.partition(":")
    return (
        entry.block.kind == "paragraph"
        and len(text.split()) <= 8
        and (
            stated_date(text) is not None
            or is_bare_date(text)
            or (len(text.split()) <= 3 and parse_date(text) is not None)  # 'March 2021'
            # 'Stand: 01.05.2025', 'Mise à jour : 1 May 2025': a date after a label in any language
            or (bool(colon) and len(label.split()) <= 4 and is_bare_date(date.strip()))
        )
    )


def _ends_an_address(above: Entry, entry: Entry) -> bool:
    """A line of one to three words, none of a heading's, under a line of an address ('LT-01234 Vilnius',
    '29 Harbour Road'): a town or a country, not a heading."""
    text, line = entry.block.plain.strip(), above.block.plain.strip()
    return (
        len(text.split()) <= 3
        and not has_heading_vocabulary(text)
        and above.block.kind == "paragraph"
        and len(line.split()) <= 6
        and any(ch.isdigit() for ch in line)
        and looks_like_address_or_detail(line)
        and not is_date_line(above)  # 'Last updated: 1 May 2025' over 'Welcome!'
    )


def _long_notice_names(entries: list[Entry]) -> None:
    """A line too long for a title line, with no full stop, over a date line and then text: the name of
    a notice within the notice, over its own date ('Privacy notice for members who live in the
    European Union or in Switzerland', or the same notice in another language); its numbering
    starts again. Not where headings are marked up: there a line not marked as one is text."""
    if sum(1 for e in entries if e.family == "markup") >= 2:
        return
    for i, entry in enumerate(entries[:-2]):
        text = entry.block.plain.strip()
        if (
            i > 1  # straight under the notice's own title: a strap line over the notice's date
            and entry.key is None
            and not entry.toc
            and entry.block.kind == "paragraph"
            and entry.block.gap_before
            and 4 <= len(text.split()) <= 25
            and text[:1].isupper()
            and not text.endswith((".", ",", ";", ":", "!", "?", ")"))
            and not looks_like_address_or_detail(text)
            and not any(ch.isdigit() for ch in text)
            and is_date_line(entries[i + 1])
            and not is_date_line(entries[i + 2])
        ):
            entry.key, entry.title, entry.accepted, entry.starts_notice = ("line",), clean_title(text), True, True
            entry.evidence = "the name of a notice over its own date"


def accept_weak(entries: list[Entry]) -> None:
    paragraphs = [e.block.gap_before for e in entries if e.block.kind == "paragraph"]
    spaced = sum(paragraphs) >= 0.6 * len(paragraphs)
    _long_notice_names(entries)
    for i, entry in enumerate(entries):
        if not entry.weak or entry.toc:
            continue
        nxt = entries[i + 1] if i + 1 < len(entries) else None
        if nxt is None:
            continue
        if entry.family == "line":
            if is_date_line(nxt) and names_the_notice(entry.block.plain) and i + 2 < len(entries):
                # 'California Privacy Notice' over 'Last updated: 1 May 2025': a notice within the notice,
                # whatever comes next (its text, or its own first heading)
                # ('Changes to this Privacy Policy' over a date is a heading of this notice, not another one)
                entry.accepted = True
                if not _REFERS_BACK.search(entry.block.plain):
                    entry.starts_notice = True
                    entry.evidence = "the name of a notice over its own date"
                continue
            if spaced and nxt.block.kind == "paragraph" and not nxt.block.gap_before and not _ends_sentence(nxt):
                continue  # in text spaced by blank lines, lines run together with no full stop are list items
            after = entries[i + 2] if i + 2 < len(entries) else None
            if (
                spaced
                and nxt.block.kind == "paragraph"
                and not nxt.block.gap_before
                and after is not None
                and after.block.kind == "paragraph"
                and not after.block.gap_before
            ):
                continue  # three lines run together: the first item of a list whose markers were lost
            if spaced and not entry.block.gap_before and i > 0 and entries[i - 1].block.kind == "paragraph":
                continue  # ... and its last item, with no blank line between it and the line above
            if ends_with_colon(entry.block.plain) and nxt.block.kind != "paragraph":
                continue  # 'Examples:' over a list or table introduces it
            if i > 0 and _ends_an_address(entries[i - 1], entry):
                continue  # 'Republic of Ireland' under 'Dublin 2': the address's last line
            entry.accepted = (
                (body_like(nxt) and (nxt.block.gap_before or nxt.block.kind != "list_item"))
                or (
                    # a heading with no text of its own, straight above its first sub-heading
                    nxt.weak and after is not None and body_like(after) and not (after.key and after.weak)
                )
                # 'Shared Pages with a Social Network' over its own date, then its text (under text: a
                # name over a date straight under the notice's title is part of that title)
                or (
                    is_date_line(nxt)
                    and after is not None
                    and body_like(after)
                    and not after.key
                    and i > 0
                    and body_like(entries[i - 1])
                )
            )
        else:
            entry.accepted = not (nxt.key == entry.key and nxt.weak) and (nxt.block.kind != "heading")

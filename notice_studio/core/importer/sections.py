"""Blocks -> an outline: which blocks are headings, at which of three levels, and what text is theirs.

The steps:
1. candidates.py: what each block would be as a heading (markup, numbered, bold, ALL CAPS,
   question, short title line, run-in) - its "key"; a table of contents stays text; weak
   kinds count only when text follows them;
2. numbering.py: numbered headings must continue the numbering (list items restart at 1 or
   continue a list run); a numbered heading run into the end of a paragraph is split off;
3. here: the notice title is set aside; keys are ranked (markup by level, others by which
   contains which) into levels 1 to 3, deeper ones staying in the text; sections are
   assembled, text before the first heading becoming an introduction.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, field

from notice_studio.core.importer.blocks import ImportProblem, SourceDocument
from notice_studio.core.importer.candidates import (
    Entry,
    Key,
    accept_weak,
    classify,
    is_date_line,
    mark_toc,
    one_item_lists,
)
from notice_studio.core.importer.dates import take_out_date_line
from notice_studio.core.importer.headings import (
    NOTICE_NAMES_ELSEWHERE,
    clean_title,
    is_stopped_title,
    is_title_shaped,
    split_number,
)
from notice_studio.core.importer.numbering import accept_numbered
from notice_studio.core.importer.outline import (
    BEFORE_FIRST_HEADING,
    MAX_LEVEL,
    ImportedOutline,
    ImportedSection,
    no_words,
)

_FAMILY_ORDER = {"size": 0, "markup": 0, "num": 1, "caps": 2, "bold": 3, "runin": 4, "question": 5, "line": 6}
_TITLE_WORDS = re.compile(
    rf"privacy|notice|policy|statement|data protection|cookie|gdpr|{NOTICE_NAMES_ELSEWHERE}", re.IGNORECASE
)
_SHAPE_ONLY = frozenset({"caps", "question", "line"})
_MARKDOWN_LIST = re.compile(r"^\s*(?:\d{1,9}[.)]|[-*+])(?:\s|$)")


# ----- the notice title ---------------------------------------------------------------------------
def _find_title(entries: list[Entry], declared: str) -> str:
    for entry in entries:
        if entry.key == ("title",):
            entry.is_title = True
            return entry.title
    # a date line above the notice's name is no part of it ('Privacy Policy (last update 1.5.2023)' is the name)
    first = next(
        (e for e in entries if not e.toc and not (is_date_line(e) and not _TITLE_WORDS.search(e.block.plain))), None
    )
    if first is None:
        return declared
    headings = [e for e in entries if e.accepted]
    text = first.block.plain
    if first.accepted and first.family == "markup" and not first.number:
        same = sum(1 for e in headings if e.key == first.key)
        if (same == 1 and len(headings) > 1) or _TITLE_WORDS.search(text):
            first.is_title = True
            return first.title
    after = entries.index(first) + 1
    second = entries[after] if after < len(entries) else None
    if (
        second is not None
        and after + 1 < len(entries)  # a two-line title needs a notice below it
        and first.block.kind == second.block.kind == "paragraph"
        and len(text.split()) <= 8
        and len(second.block.plain.split()) <= 6
        and not _TITLE_WORDS.search(text)
        and _TITLE_WORDS.search(second.block.plain)
        and is_title_shaped(text, allow_colon=False)
        and is_title_shaped(second.block.plain, allow_colon=False)
        and split_number(second.block.plain)[0] is None
    ):
        # 'Heronsgate Allotment Society' over 'PRIVACY NOTICE': the two lines are the title
        first.is_title = second.is_title = True
        return clean_title(text) + " " + clean_title(second.block.plain)
    if first.block.kind in ("paragraph", "heading") and len(text.split()) <= 12 and _TITLE_WORDS.search(text):
        number, _ = split_number(text)
        if number is None and not text.endswith((".", ",", ";")):
            first.is_title = True
            return clean_title(text)
    return declared


# ----- levels ------------------------------------------------------------------------------------
def _rank_keys(entries: list[Entry]) -> dict[Key, int]:
    """Levels for each heading key: the top key 1, the next 2 and 3, any deeper 0 (kept as text)."""
    order = [e.key for e in entries if e.accepted and not e.is_title and e.key and e.key[0] != "title"]
    keys = list(dict.fromkeys(order))
    if not keys:
        return {}
    count = {k: order.count(k) for k in keys}
    # Numbered headings that start again ('A.', 'B.', then 'A.' again) are inside whatever starts them again.
    restarting: set[Key] = set()
    last_value: dict[Key, int] = {}
    # the kind of heading straight above each restart ('C.', then 'How We Share', then 'A.' again):
    # if it is the same kind every time, that kind holds the parts
    holders: dict[Key, set[Key]] = {}
    above: Key | None = None
    for e in entries:
        if not (e.accepted and e.key) or e.is_title:
            continue
        if e.key[0] == "num" and e.number is not None:
            # 'I' and 'V' are letters too: their value in the scheme the numbering was read in
            alternative = e.number.alternative
            value = (alternative[1] if alternative and alternative[0] == e.key[1] else e.number.values)[-1]
            if value <= last_value.get(e.key, 0):
                restarting.add(e.key)
                holders.setdefault(e.key, set()).add(above or e.key)
            last_value[e.key] = value
        above = e.key
    held_by = {  # lettered parts only: arabic numbering that starts again is a second notice's
        key: found for key, found in holders.items() if key[1] != "arabic" and len(found) == 1 and key not in found
    }
    first = {k: order.index(k) for k in keys}

    def contains(a: Key, b: Key) -> float:
        """Share of the stretches between two `a` headings that hold a `b` heading."""
        segments = hits = 0
        inside = False
        started = False
        for k in order:
            if k == a:
                if started:
                    segments += 1
                    hits += inside
                started, inside = True, False
            elif k == b and started:
                inside = True
        return hits / segments if segments else 0.0

    def compare(a: Key, b: Key) -> int:
        fa, fb = _FAMILY_ORDER.get(str(a[0]), 9), _FAMILY_ORDER.get(str(b[0]), 9)
        if a[0] == "markup" or b[0] == "markup":
            if a[0] == b[0]:
                return (a[1:] > b[1:]) - (a[1:] < b[1:])
            return -1 if a[0] == "markup" else 1
        if a[0] == "size" or b[0] == "size":
            if a[0] == b[0]:
                if a[1] == b[1]:
                    return -1 if len(a) < len(b) or (len(a) == len(b) == 3 and int(a[2]) < int(b[2])) else 1
                return -1 if float(a[1]) > float(b[1]) else 1
            return -1 if a[0] == "size" else 1
        if (a[0] == "runin") != (b[0] == "runin"):
            return 1 if a[0] == "runin" else -1  # a heading run into its paragraph is below any on a line of its own
        if a[0] == "num" and b[0] == "num" and a[2] != b[2]:
            return -1 if int(a[2]) < int(b[2]) else 1
        if b in held_by.get(a, ()) or a in held_by.get(b, ()):
            return 1 if b in held_by.get(a, ()) else -1  # lettered parts start again under each of these
        if {a[0], b[0]} in ({"num", "line"}, {"num", "question"}) and not ({a, b} & restarting):
            # A short line or a question only looks like a heading; numbering states the structure
            # (two such lines around numbered sections do not make the numbered ones sub-sections).
            return -1 if a[0] == "num" else 1
        if (count[a] == 1) != (count[b] == 1):
            return 1 if count[a] == 1 else -1
        ca, cb = contains(a, b), contains(b, a)
        if abs(ca - cb) > 0.2:
            return -1 if ca > cb else 1
        if (a[0] == "num" and b[0] in _SHAPE_ONLY) or (b[0] == "num" and a[0] in _SHAPE_ONLY):
            return -1 if a[0] == "num" else 1  # numbering is the stronger sign of structure than a line's look
        if first[a] != first[b]:
            return -1 if first[a] < first[b] else 1
        return -1 if fa < fb else 1

    ranked = _sub_numbers_first(sorted(keys, key=functools.cmp_to_key(compare)))
    # Below three levels, headings stay in the text; but lines that only look like headings (ALL
    # CAPS, questions, title lines) say nothing about depth: losing them would hide a section, so
    # they are at the lowest level that is sure.
    third = ranked[2] if len(ranked) > 2 else None
    # a third level only where its depth is stated the way the second level's is: a number
    # ('2.1.3' under '2.1'), heading markup or a font size of its own. A line's look alone ('A line,
    # then a question' repeated) reads as well as two of a kind, and a numbered paragraph under
    # marked-up headings is the page's text (a link to the next section); measured on real
    # notices, both nested wrong more often than right.
    sure = third is not None and third[0] in ("num", "markup", "size") and third[0] == ranked[1][0]
    lowest = MAX_LEVEL if sure else MAX_LEVEL - 1
    levels = {k: (i + 1 if i < lowest else lowest if k[0] in _SHAPE_ONLY else 0) for i, k in enumerate(ranked)}
    for upper, lower in itertools.pairwise(ranked):
        # Title lines and questions differ in their words, not their look, which says nothing about
        # depth: where neither holds the other, they are one level ('Do we sell your information?'
        # among title lines is a section like them, not a part of the one before). ALL CAPS is a
        # look of its own, and lines the contents do not list are told apart by the contents.
        if {upper, lower} == {("line",), ("question",)} and levels[lower] == levels[upper] + 1:
            if contains(upper, lower) < 0.5 and contains(lower, upper) < 0.5:
                levels[lower] = levels[upper]
    for key in _outside_numbered_parts(entries, levels):
        levels[key] = 1
    return levels


def _outside_numbered_parts(entries: list[Entry], levels: dict[Key, int]) -> set[Key]:
    """Kinds of heading that only look like one (a title line, a question) standing, every time,
    straight in a top-level numbered section of a notice that numbers its sub-sections ('2.1'):
    were they parts of that section they would be numbered as its parts are, so they are
    sections of their own between the numbered ones ('3. Why we use it', 'How long do we keep
    it?', '4. Who we share it with')."""
    numbered = {e.key for e in entries if e.accepted and e.family == "num" and e.key}
    if not any(levels.get(k) == 1 for k in numbered) or not any(levels.get(k) == 2 for k in numbered):
        return set()
    straight: dict[Key, bool] = {}
    above: Key | None = None  # the numbered heading kind last seen
    for entry in entries:
        if not (entry.accepted and entry.key) or entry.is_title:
            continue
        if entry.key in numbered:
            above = entry.key
        elif entry.family in _SHAPE_ONLY and levels.get(entry.key, 0) > 1:
            straight[entry.key] = straight.get(entry.key, True) and (above is None or levels.get(above) == 1)
    return {key for key, alone in straight.items() if alone}


def _sub_numbers_first(ranked: list[Key]) -> list[Key]:
    """'2.1' headings rank straight below the '2.' headings they number into, above lines that only
    look like headings (a short line, ALL CAPS, a question): the numbers state the depth, the look
    does not, and ranked the other way round the numbered sub-sections fell below the two levels."""
    out = list(ranked)
    for key in ranked:
        if key[0] != "num" or int(key[2]) != 1:
            continue
        child = ("num", key[1], 2)
        if child not in out:
            continue
        at, want = out.index(child), out.index(key) + 1
        if at > want and all(k[0] in _SHAPE_ONLY for k in out[want:at]):
            out.insert(want, out.pop(at))
    return out


def _below_contents(entries: list[Entry]) -> int:
    """Where a table of contents lists the top sections, a heading of the same look that it does not
    list is inside the section before it: copied text sets 'Your choices' and 'Cookies we use' apart
    alike, and only the contents say which is a section and which a sub-section. Numbering and
    heading markup state their own depth, and are left as they are."""
    listed = [i for i, e in enumerate(entries) if e.listed and e.accepted and not e.is_title]
    if len(listed) < 3:
        return 0
    shape_only = _SHAPE_ONLY | {"bold"}
    kinds = {entries[i].key for i in listed if entries[i].family in shape_only}
    moved = 0
    for entry in entries[listed[0] :]:
        if not entry.accepted or entry.is_title or entry.key not in kinds or not entry.key:
            continue
        if entry.listed:
            entry.key = ("line",)  # listed questions and title lines are one level: the contents' entries
        else:
            entry.key = (*entry.key, "unlisted")
            entry.evidence += ", not in the table of contents"
            moved += 1
    return moved


def _key_by_size(entries: list[Entry]) -> None:
    """Without heading markup, headings in two or more font sizes take their levels from the size."""
    sized = [e for e in entries if e.accepted and not e.is_title and e.family not in ("markup", "title")]
    sizes = {e.block.size for e in sized if e.block.size or e.block.bold}  # unsized bold: the text's size
    if len(sizes) < 2 or not any(sizes):
        return
    for entry in entries:
        block = entry.block
        if entry.accepted and entry.weak and not block.size:
            entry.accepted = False  # with headings set in sizes, a plain short line is text
            continue
        if entry.is_title or entry.toc or entry.family == "markup" or block.size not in sizes or not block.bold:
            continue
        if not entry.accepted:
            # Bold, in a heading's size, and short: a heading even where its number skips one.
            number, rest = split_number(block.plain)
            shown = rest if number and number.scheme != "list" and rest else block.plain
            if block.kind != "paragraph" or not (is_title_shaped(shown, max_words=20) or is_stopped_title(shown)):
                continue
            entry.title, entry.accepted = clean_title(shown), True
            entry.number = number if number and number.scheme != "list" and rest else None
            entry.evidence = "a bold line in a heading's size"
        entry.key = ("size", block.size)
    # in one size, numbers a level deeper than the size's own ('2.1.1' set like '2.1') are a level down
    numbered = [(e, e.number.depth) for e in entries if e.key and e.key[0] == "size" and e.number]
    shallowest: dict[float, int] = {}
    for entry, depth in numbered:
        shallowest[entry.block.size] = min(shallowest.get(entry.block.size, depth), depth)
    for entry, depth in numbered:
        if depth > shallowest[entry.block.size]:
            entry.key = ("size", entry.block.size, depth - shallowest[entry.block.size])


def _record_labels(entries: list[Entry]) -> list[str]:
    """Lines that label the parts of a record the notice repeats ('Legal basis' and 'Retention period'
    under each purpose, 'Category' and 'Visibility' under each recipient) stay text in the section
    they label: two or more titles set apart only by their look, each three times or more, are a
    record's field names, not sections. One title repeated alone (a banner over each section, a
    summary line after each) is left as it is. Returns the labels, most frequent first."""
    looks = _SHAPE_ONLY | {"bold"}
    seen: dict[str, list[Entry]] = {}
    for entry in entries:
        if entry.accepted and not entry.is_title and entry.family in looks and not entry.number:
            seen.setdefault(entry.title.casefold(), []).append(entry)
    labels = {title: found for title, found in seen.items() if len(found) >= 3}
    if len(labels) < 2:
        return []
    for found in labels.values():
        for entry in found:
            entry.accepted = False
    return [found[0].title for found in sorted(labels.values(), key=len, reverse=True)]


# ----- assembling ------------------------------------------------------------------------------
def _paragraphs(pieces: list[tuple[str, bool, str]], fmt: str) -> tuple[str, ...]:
    """Group blocks into Markdown paragraphs; short plain-text lines keep their line breaks."""
    groups: list[list[tuple[str, str]]] = []
    for markdown, gap, kind in pieces:
        if not markdown.strip():
            continue
        if gap or not groups:
            groups.append([])
        groups[-1].append((markdown, kind))
    out = []
    for group in groups:
        text = group[0][0]
        for (prev, prev_kind), (cur, kind) in itertools.pairwise(group):
            short = (
                fmt == "txt"
                and prev_kind in ("paragraph", "contents")
                and kind in ("paragraph", "contents")
                and (len(prev) < 50 or prev_kind == kind == "contents")  # a contents entry keeps its line
                and not _MARKDOWN_LIST.match(prev)
                and not _MARKDOWN_LIST.match(cur)
            )
            text += ("\\\n" if short else "\n") + cur
        out.append(text)
    return tuple(out)


@dataclass
class _Draft:
    """A section being assembled from the entries under its heading."""

    title: str
    level: int
    evidence: str
    number: str = ""
    source: int | None = None
    heading: str = ""
    run_in: bool = False
    pieces: list[tuple[str, bool, str]] = field(default_factory=list)
    """(Markdown, a blank line before it, block kind)."""
    ranked: int = 0
    """The level its kind of heading ranks at (the level it has may be higher: see _assemble)."""
    entry: Entry | None = None
    """The heading's entry (the introduction has none)."""
    anchors: list[str] = field(default_factory=list)
    """The original's names for places in it (its heading's and its text's)."""


def _assemble(entries: list[Entry], levels: dict[Key, int], fmt: str) -> list[ImportedSection]:
    sections: list[_Draft] = []
    intro = _Draft("Introduction", 1, BEFORE_FIRST_HEADING)
    current = intro
    open_levels: list[int] = []  # the ranked level of each heading open above the next one
    for entry in entries:
        if entry.is_title:
            continue
        level = levels.get(entry.key, 0) if entry.accepted and entry.key else 0
        if entry.starts_notice:
            level = 1  # a second notice on the page is a part of its own, not inside the section before it
        if level:
            current = _Draft(
                entry.title,
                level,
                entry.evidence,
                number=entry.number.text if entry.number else "",
                source=entry.block.source,
                heading=entry.heading_md if not entry.body_after else _heading_part(entry),
                run_in=bool(entry.body_after),
                ranked=level,
                entry=entry,
            )
            # the level among the headings open above it: a third-level kind straight under a
            # section is its sub-section, and so are the others of its kind after it
            while open_levels and open_levels[-1] >= level:
                open_levels.pop()
            current.level = len(open_levels) + 1
            open_levels.append(level)
            current.anchors += entry.block.anchors
            sections.append(current)
            if entry.body_after:
                current.pieces.append((entry.body_after, True, "paragraph"))
            continue
        current.pieces.append(_as_text(entry))
        current.anchors += entry.block.anchors
    sections = _fold_empty_lowest(sections, intro)
    result: list[ImportedSection] = []
    if any(m.strip() for m, _, _ in intro.pieces):
        intro.title = _intro_title(intro, sections)
        sections.insert(0, intro)
    for s in sections:
        result.append(
            ImportedSection(
                title=s.title or "Untitled section",
                level=s.level,
                paragraphs=_paragraphs(s.pieces, fmt),
                original_number=s.number,
                evidence=s.evidence,
                source=s.source,
                heading_text=s.heading or s.title,
                run_in=s.run_in,
                anchors=tuple(dict.fromkeys(s.anchors)),
            )
        )
    return result


def _as_text(entry: Entry) -> tuple[str, bool, str]:
    """An entry as a piece of its section's text: (Markdown, a blank line before it, block kind)."""
    markdown = entry.heading_md if entry.block.kind == "heading" else entry.block.markdown
    kind = "contents" if entry.toc and entry.block.kind == "paragraph" else entry.block.kind
    return markdown, entry.block.gap_before, kind


def _fold_empty_lowest(drafts: list[_Draft], intro: _Draft) -> list[_Draft]:
    """A heading of the lowest level with no text and no parts of its own (an empty heading in the
    original, a label over the headings beside it) stays a line of text where it stood, as it
    would below three levels: as a section of its own it would only block publishing."""
    kept: list[_Draft] = []
    for at, draft in enumerate(drafts):
        after = drafts[at + 1] if at + 1 < len(drafts) else None
        if (
            draft.ranked == MAX_LEVEL
            and draft.entry is not None
            and no_words(markdown for markdown, _, _ in draft.pieces)  # what the preview marks 'no text'
            and not (after is not None and after.level > draft.level)
        ):
            into = kept[-1] if kept else intro
            into.pieces.append(_as_text(draft.entry))
            into.anchors += draft.anchors
            continue
        kept.append(draft)
    return kept


def _intro_title(intro: _Draft, sections: list[_Draft]) -> str:
    """What to call the text before the first heading: 'Contents' when it is the original's table of
    contents (with no sentence of its own); 'Opening text' when a section is already the 'Introduction'."""
    contents = sum(kind == "contents" for _, _, kind in intro.pieces)
    sentences = any(
        kind != "contents" and len(markdown.split()) >= 5 and markdown.rstrip().endswith((".", "!", "?"))
        for markdown, _, kind in intro.pieces
    )
    if contents >= 3 and not sentences:
        return "Contents"  # a date or a line of links above it is no introduction
    if any(s.title.strip().casefold() == "introduction" for s in sections):
        return "Opening text"
    return intro.title


def _heading_part(entry: Entry) -> str:
    """The heading words of a run-in paragraph, as they were written ('**Cookies.**')."""
    md = entry.block.markdown
    at = md.find(entry.body_after[:24]) if entry.body_after else -1
    return md[:at].strip() if at > 0 else entry.title


# ----- the whole detection -------------------------------------------------------------------------
def detect_outline(document: SourceDocument) -> ImportedOutline:
    """Find the sections of a read document (topics are not tagged here; see topics.py)."""
    entries: list[Entry] = []
    for block in document.blocks:
        entries.append(classify(block, document.format, bool(entries and entries[-1].key)))
    one_item_lists(entries)
    markup_entries = [e for e in entries if e.family == "markup"]
    markup = len(markup_entries) >= 2
    if (
        markup
        and len({e.key for e in markup_entries}) == 1
        and any(e.number and e.number.depth == 2 for e in markup_entries)
    ):
        # Every heading has the same markup level, but their numbers ('2', '2.1') show the nesting.
        for entry in markup_entries:
            if entry.key is not None:
                entry.key = ("markup", entry.key[1], entry.number.depth if entry.number else 1)
    if markup:
        # With real heading markup, styled lines are emphasis, not structure.
        for entry in entries:
            if entry.weak:
                entry.key, entry.weak, entry.accepted = None, False, False
    notes: list[str] = list(document.notes)
    if mark_toc(entries):
        notes.append(
            "The original's table of contents was kept as text at the start; you can delete it, "
            "since Notice Studio numbers and lists the sections itself."
        )
    accept_weak(entries)
    entries = accept_numbered(entries)
    title = _find_title(entries, document.title) or document.title or "Privacy Notice"
    _key_by_size(entries)
    if _below_contents(entries):
        notes.append(
            "The sections its table of contents lists are the top level; headings it does not list are "
            "sub-sections of the listed one before them."
        )
    labels = _record_labels(entries)
    if labels:
        shown = ", ".join(f"'{label[:40]}'" for label in labels[:3])
        notes.append(
            f"Lines repeated under many sections ({shown}) label the parts of each one and were kept as "
            "lines of text in their section; Split turns one into a section."
        )
    levels = _rank_keys(entries)
    sections = _assemble(entries, levels, document.format)
    if not sections:
        raise ImportProblem(f"{document.name} has only a title ('{title[:60]}') and no notice text to import.")
    if not any(s.evidence != BEFORE_FIRST_HEADING for s in sections):
        notes.append("No headings were found, so the whole text is one clause; split it in the preview.")
    deeper = sorted(
        {
            e.evidence.split(" numbered")[0]
            for e in entries
            if e.accepted and e.key and levels.get(e.key) == 0 and not e.is_title
        }
    )
    deeper += sorted({"numbered below the third level"} if any(e.too_deep for e in entries) else set())
    if deeper:
        notes.append(
            "Headings below the third level were kept as bold or heading lines inside their section ("
            + "; ".join(deeper[:3])
            + ")."
        )
    outline = ImportedOutline(
        source_name=document.name,
        format=document.format,
        title=title,
        sections=tuple(sections),
        encoding=document.encoding,
        dropped=document.dropped,
        notes=tuple(notes),
    )
    return take_out_date_line(outline)

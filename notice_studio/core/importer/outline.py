"""The detected outline of an imported notice, and the edits the import preview offers.

Every edit is a pure function returning a new ImportedOutline, so the preview can keep the
old one for undo. Sections whose text or title changes are tagged with topics again (unless
the user chose their topics by hand).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from notice_studio.core.notice.model import NoticeError
from notice_studio.core.scripts import has_letters
from notice_studio.core.wording import plural

BEFORE_FIRST_HEADING = "text before the first heading"
"""The evidence of the section made of the text before the first heading (an introduction)."""

MAX_LEVEL = 3
"""How deep an import nests: sections, their sub-sections, and those sub-sections' own."""


@dataclass(frozen=True)
class ImportedSection:
    """One section found in the document: it becomes one clause."""

    title: str
    level: int
    """1 for a section, 2 for a sub-section of the section before it, 3 for a sub-section of a
    sub-section (never deeper than one below the section before it)."""
    paragraphs: tuple[str, ...] = ()
    """The body as Markdown paragraphs (blocks separated by a blank line)."""
    original_number: str = ""
    """The number the original gave the heading ('4.2', 'B'), kept for reference only."""
    evidence: str = ""
    """Why this was taken as a heading ("HTML <h2> heading", "numbered '3'", ...)."""
    source: int | None = None
    """Line (text, Markdown, HTML) or paragraph (Word) where the heading is in the original."""
    heading_text: str = ""
    """The heading as Markdown text, put back into the body if the section is merged away."""
    run_in: bool = False
    """The heading ran into the start of its first paragraph ('**Cookies.** We use...')."""
    topics: tuple[str, ...] = ()
    topic_evidence: str = ""
    topics_by_hand: bool = False
    anchors: tuple[str, ...] = ()
    """The original's names for places in this section (element ids, bookmarks), which its
    in-page links lead to (page_links.py)."""

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)

    @property
    def word_count(self) -> int:
        return sum(len(p.split()) for p in self.paragraphs)


@dataclass(frozen=True)
class ImportedOutline:
    """What the import found: the notice's title and its sections, ready to preview and adjust."""

    source_name: str
    format: str
    title: str
    sections: tuple[ImportedSection, ...]
    encoding: str = ""
    dropped: tuple[str, ...] = field(default_factory=tuple)
    """Page furniture left out (menus, cookie banner, 'Back to top')."""
    notes: tuple[str, ...] = field(default_factory=tuple)
    """Other things the user should know (a table of contents kept in the introduction, ...)."""
    stated_date: str = ""
    """The date the original states for itself (ISO), offered as the first version's effective date."""
    date_line: str = ""
    """The line stating that date, taken out of the text (the app prints each version's date)."""

    def __len__(self) -> int:
        return len(self.sections)

    def without_text(self, index: int) -> bool:
        """Section `index` has no text and no sub-sections: as a clause it would block publishing."""
        section = self.sections[index]
        below = index + 1 < len(self.sections) and self.sections[index + 1].level > section.level
        return not below and no_words(section.paragraphs)


def no_words(texts: Iterable[str]) -> bool:
    """Nothing to read in these pieces of text (blank, or only marks): as a section's text, none."""
    return not any(has_letters(text) for text in texts)


# ----- edits for the preview --------------------------------------------------------------------
def section_counts(levels: Iterable[int]) -> tuple[int, int]:
    """How many sections (level 1) and sub-sections (level 2) an outline's levels hold."""
    levels = list(levels)
    top = sum(1 for level in levels if level == 1)
    return top, len(levels) - top


def sections_in_words(levels: Iterable[int]) -> str:
    """'3 sections and 1 sub-section' ('1 section' with none below it), for the dialog's sentences."""
    top, subs = section_counts(levels)
    return plural(top, "section") + (f" and {plural(subs, 'sub-section')}" if subs else "")


def _check_index(outline: ImportedOutline, index: int) -> None:
    if not 0 <= index < len(outline.sections):
        raise NoticeError(f"There is no section {index + 1}; the outline has {len(outline.sections)}.")


def _held(levels: list[int]) -> list[int]:
    """Levels an outline can hold: the first a section, and none more than one level below the
    section before it (a sub-section whose parent went is one level higher)."""
    out: list[int] = []
    for level in levels:
        out.append(max(1, min(level, out[-1] + 1 if out else 1, MAX_LEVEL)))
    return out


def _at_levels(sections: list[ImportedSection], levels: list[int]) -> list[ImportedSection]:
    return [s if s.level == level else replace(s, level=level) for s, level in zip(sections, levels, strict=True)]


def _with(outline: ImportedOutline, sections: list[ImportedSection]) -> ImportedOutline:
    return replace(outline, sections=tuple(_at_levels(sections, _held([s.level for s in sections]))))


def _retagged(section: ImportedSection) -> ImportedSection:
    if section.topics_by_hand:
        return section
    from notice_studio.core.importer.topics import tag_section

    topics, evidence = tag_section(section.title, section.body)
    return replace(section, topics=topics, topic_evidence=evidence)


def merge(outline: ImportedOutline, index: int) -> ImportedOutline:
    """Merge section `index` into the one before it; its heading goes back into the text."""
    _check_index(outline, index)
    if index == 0:
        raise NoticeError("The first section has no section before it to merge into.")
    sections = list(outline.sections)
    previous, section = sections[index - 1], sections[index]
    heading = section.heading_text or section.title
    paragraphs = list(section.paragraphs)
    if section.run_in and paragraphs:
        paragraphs[0] = f"{heading} {paragraphs[0]}"
    else:
        paragraphs.insert(0, heading)
    sections[index - 1] = _retagged(
        replace(
            previous, paragraphs=previous.paragraphs + tuple(paragraphs), anchors=previous.anchors + section.anchors
        )
    )
    _lift_sub_sections(sections, index, section.level - previous.level)
    del sections[index]
    return _with(outline, sections)


def _parts(sections: list[ImportedSection], index: int) -> range:
    """Where section `index`'s own sub-sections are: the sections after it deeper than it."""
    end = index + 1
    while end < len(sections) and sections[end].level > sections[index].level:
        end += 1
    return range(index + 1, end)


def _lift_sub_sections(sections: list[ImportedSection], index: int, by: int) -> None:
    """Section `index` is going: its sub-sections move up `by` levels, to stay under the section above."""
    for at in _parts(sections, index) if by > 0 else ():
        sections[at] = replace(sections[at], level=sections[at].level - by)


def split(outline: ImportedOutline, index: int, at_paragraph: int, title: str | None = None) -> ImportedOutline:
    """Start a new section at paragraph `at_paragraph` of section `index` (0 = its first paragraph).

    Without a `title`, a short first paragraph (a heading the import missed) becomes the title;
    otherwise the new section is called 'New section' for the user to rename.
    """
    _check_index(outline, index)
    section = outline.sections[index]
    if not 0 <= at_paragraph < len(section.paragraphs):
        raise NoticeError(
            f"Section {index + 1} has {len(section.paragraphs)} paragraphs; choose one of them to start the new section."
        )
    head, tail = list(section.paragraphs[:at_paragraph]), list(section.paragraphs[at_paragraph:])
    heading_text = ""
    if title is None:
        first = tail[0]
        plain = re.sub(r"[*_#`>\\]", "", first).strip()
        from notice_studio.core.importer.headings import clean_title, is_title_shaped, split_number

        if "\n" not in first and is_title_shaped(plain, max_words=12):
            number, rest = split_number(plain)
            title = clean_title(rest if number and number.scheme != "list" and rest else plain)
            heading_text = first
            tail = tail[1:]
        else:
            title = "New section"
    title = " ".join(title.split()) or "New section"
    new = ImportedSection(
        title=title,
        level=section.level,
        paragraphs=tuple(tail),
        evidence="split by hand",
        heading_text=heading_text or title,
    )
    sections = list(outline.sections)
    sections[index] = _retagged(replace(section, paragraphs=tuple(head)))
    sections.insert(index + 1, _retagged(new))
    return _with(outline, sections)


def rename(outline: ImportedOutline, index: int, title: str) -> ImportedOutline:
    _check_index(outline, index)
    title = " ".join(title.split())
    if not title:
        raise NoticeError("A section needs a title.")
    sections = list(outline.sections)
    sections[index] = _retagged(replace(sections[index], title=title))
    return _with(outline, sections)


def set_level(outline: ImportedOutline, index: int, level: int) -> ImportedOutline:
    """Make a section a top-level section (1), a sub-section (2) or a sub-section of a sub-section
    (3); its own sub-sections move with it."""
    _check_index(outline, index)
    if not 1 <= level <= MAX_LEVEL:
        raise NoticeError(f"A section's level is 1 (a section) to {MAX_LEVEL} (a sub-section of a sub-section).")
    if level > 1 and index == 0:
        raise NoticeError("The first section cannot be a sub-section; there is no section before it.")
    sections = list(outline.sections)
    above = sections[index - 1].level if index else 0
    if level > above + 1:
        raise NoticeError(
            f"'{sections[index].title[:60]}' can go only one level below the section above it; "
            "make that one a sub-section first."
        )
    return _with(outline, _at_levels(sections, _shifted(sections, [index], level - sections[index].level)))


def can_move(outline: ImportedOutline, indices: Sequence[int], step: int) -> bool:
    """Whether move_levels would move any of these sections (the preview's buttons ask)."""
    sections = list(outline.sections)
    return any(0 <= i < len(sections) and _goes(sections, i, step) for i in indices)


def _goes(sections: list[ImportedSection], index: int, step: int) -> bool:
    """Section `index` can move a level up (`step` < 0), or down: into the section above it, so not
    below that section's own level, nor below the third level."""
    level = sections[index].level
    if step < 0:
        return level > 1
    return index > 0 and level < MAX_LEVEL and level <= sections[index - 1].level


def move_levels(outline: ImportedOutline, indices: Sequence[int], step: int) -> ImportedOutline:
    """Move sections one level down (`step` 1: each into the section above it) or up (-1), each with
    its own sub-sections: the headings a section with no text grouped, chosen together and moved
    under it at once. A section that can go no further stays where it is."""
    for index in indices:
        _check_index(outline, index)
    if step not in (1, -1) or not indices:
        raise NoticeError("Choose the sections to move, and move them one level down or up.")
    if not can_move(outline, indices, step):
        raise NoticeError(
            "These sections are as far down as they can go: a section goes at most one level below the one above it."
            if step > 0
            else "These sections are already main sections."
        )
    sections = list(outline.sections)
    return _with(outline, _at_levels(sections, _shifted(sections, indices, step)))


def _shifted(sections: list[ImportedSection], indices: Sequence[int], step: int) -> list[int]:
    """The levels with the sections at `indices` and their own sub-sections `step` levels down (up
    if negative), each moved once and kept within levels 1 to MAX_LEVEL; a section that cannot
    move stays where it is, and so do its parts."""
    moving: set[int] = set()
    for index in indices:
        if _goes(sections, index, step):
            moving.update([index, *_parts(sections, index)])
    return [max(1, min(MAX_LEVEL, s.level + step)) if at in moving else s.level for at, s in enumerate(sections)]


def set_topics(outline: ImportedOutline, index: int, topics: list[str] | tuple[str, ...]) -> ImportedOutline:
    """Choose a section's topics by hand (they are then kept through later edits)."""
    _check_index(outline, index)
    from notice_studio.core.importer.topics import known_topics

    known = known_topics()
    unknown = [t for t in topics if t not in known]
    if unknown:
        raise NoticeError(f"'{unknown[0]}' is not a library topic; 'notice-studio library --topics' lists them.")
    sections = list(outline.sections)
    sections[index] = replace(
        sections[index], topics=tuple(dict.fromkeys(topics)), topic_evidence="chosen by hand", topics_by_hand=True
    )
    return _with(outline, sections)


def remove(outline: ImportedOutline, index: int | Sequence[int]) -> ImportedOutline:
    """Leave a section, or several, (and their text) out of the notice, e.g. page furniture the
    import kept; their sub-sections move up a level."""
    indices = sorted({index} if isinstance(index, int) else set(index))
    for at in indices:
        _check_index(outline, at)
    if len(indices) >= len(outline.sections):
        raise NoticeError(
            "A notice needs at least one section; this is the only one."
            if len(outline.sections) == 1
            else "A notice needs at least one section; leave out fewer."
        )
    sections = list(outline.sections)
    for at in reversed(indices):  # from the end, so the places before each still hold
        _lift_sub_sections(sections, at, 1)
        del sections[at]
    return _with(outline, sections)


_BREAK = re.compile(r"\n|(?<=[.!?:;])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")


def break_points(text: str) -> list[int]:
    """Where a paragraph can be split: the start of each line and of each sentence after the first."""
    return [m.end() for m in _BREAK.finditer(text) if text[m.end() :].strip()]


def split_inside(
    outline: ImportedOutline, index: int, paragraph: int, offset: int, title: str | None = None
) -> ImportedOutline:
    """Start a new section inside a paragraph, at the line or sentence where `offset` falls.

    The text before that point stays; a first line that reads as a heading becomes the new title.
    """
    _check_index(outline, index)
    section = outline.sections[index]
    if not 0 <= paragraph < len(section.paragraphs):
        raise NoticeError(f"Section {index + 1} has no paragraph {paragraph + 1}.")
    text = section.paragraphs[paragraph]
    points = [p for p in break_points(text) if p <= offset]
    at = points[-1] if points and offset > 0 else 0
    if at == 0:
        return split(outline, index, paragraph, title)
    head, tail = text[:at].rstrip().rstrip("\\").rstrip(), text[at:].strip()
    pieces = list(section.paragraphs)
    lines = tail.split("\n", 1)
    if len(lines) == 2 and title is None:
        pieces[paragraph : paragraph + 1] = [head, lines[0].rstrip("\\").rstrip(), lines[1].strip()]
    else:
        pieces[paragraph : paragraph + 1] = [head, tail]
    widened = _with(
        outline, [*outline.sections[:index], replace(section, paragraphs=tuple(pieces)), *outline.sections[index + 1 :]]
    )
    return split(widened, index, paragraph + 1, title)


def drop_paragraph(outline: ImportedOutline, index: int, paragraph: int) -> ImportedOutline:
    """Leave one paragraph out (page furniture the import kept); it is listed with what was left out."""
    _check_index(outline, index)
    section = outline.sections[index]
    if not 0 <= paragraph < len(section.paragraphs):
        raise NoticeError(f"Section {index + 1} has no paragraph {paragraph + 1}.")
    pieces = list(section.paragraphs)
    gone = pieces.pop(paragraph)
    sections = list(outline.sections)
    sections[index] = _retagged(replace(section, paragraphs=tuple(pieces)))
    return replace(outline, sections=tuple(sections), dropped=(*outline.dropped, " ".join(gone.split())[:80]))

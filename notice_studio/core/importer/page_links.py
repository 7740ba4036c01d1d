"""Links within the imported page ('[your rights](#rights)'): each leads to the clause that holds
the place it named, or, when the notice has no such place, becomes plain words.

A web page names its places with element ids, a Word file with bookmarks; the readers give each
block the names of the places in it (Block.anchors), and each section gathers its blocks'
(ImportedSection.anchors). Text without ids (Markdown, copied text) is matched by heading: a
fragment written the way sites make them from a heading ('#how-we-use-your-data') finds the
section of that title. '#top' goes to the top of the page, as browsers do, and stays; a bare '#'
(a page's script button) leads nowhere.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from notice_studio.core.importer.outline import ImportedOutline, ImportedSection

_LINK = re.compile(r"(?<!\\)(?<!!)\[((?:[^\[\]\\]|\\.)*)\]\(\s*<?#([^\s)>]*)>?(?:\s+\"[^\"]*\")?\s*\)", re.DOTALL)
"""An in-page Markdown link: its words (a line break written '\\' inside them too) and its
fragment (no image, no escaped bracket)."""
_TOP = "top"
_NUMBER = re.compile(r"^(?:[\dIVXivx]+[.)]?)+\s+")


@dataclass(frozen=True)
class PageLinks:
    """What the import makes of the in-page links: how many lead to a section, and the places
    named by those that lead nowhere in the notice (kept as plain words)."""

    leading: int
    nowhere: tuple[str, ...]


def slug(text: str) -> str:
    """A heading as sites write it in an address: 'How we use your data' -> 'how-we-use-your-data'.
    Not model.slugify, which makes clause ids: it folds to ASCII and cuts at 60 characters, so a
    long or non-Latin heading would not match the address its page gave it."""
    return re.sub(r"[\W_]+", "-", re.sub(r"[*`\\]", "", text).casefold()).strip("-")


def targets(sections: Sequence[ImportedSection]) -> dict[str, int]:
    """Each place an in-page link may name -> the index of the section holding it: the original's
    ids and bookmarks first, then each title's slug (with and without its number)."""
    found: dict[str, int] = {}
    for index, section in enumerate(sections):
        for name in section.anchors:
            found.setdefault(name, index)
    for index, section in enumerate(sections):
        for title in (section.title, section.heading_text, _NUMBER.sub("", section.heading_text)):
            key = slug(title)
            if key:
                found.setdefault(key, index)
    return found


def _section_for(fragment: str, places: Mapping[str, int]) -> int | None:
    return places.get(fragment, places.get(slug(fragment)))


def page_links(outline: ImportedOutline) -> PageLinks:
    """How the in-page links of `outline` come out in the notice (for the import report)."""
    places = targets(outline.sections)
    leading = 0
    nowhere: dict[str, None] = {}
    for section in outline.sections:
        for paragraph in section.paragraphs:
            if "](" not in paragraph:
                continue
            for match in _LINK.finditer(paragraph):
                fragment = match.group(2)
                if fragment == _TOP:
                    continue
                if _section_for(fragment, places) is None:
                    nowhere.setdefault(fragment, None)
                else:
                    leading += 1
    return PageLinks(leading, tuple(nowhere))


def relink(body: str, places: Mapping[str, int], clause_ids: Sequence[str]) -> str:
    """`body` with each in-page link led to its clause ('(#<clause id>)'), or made plain words
    when no clause holds the place it names."""
    if "](" not in body:
        return body

    def one(match: re.Match[str]) -> str:
        words, fragment = match.group(1), match.group(2)
        if fragment == _TOP:
            return match.group(0)
        index = _section_for(fragment, places)
        return words if index is None else f"[{words}](#{clause_ids[index]})"

    return _LINK.sub(one, body)

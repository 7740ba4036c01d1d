"""Appending paragraphs to a long Word document in constant time.

python-docx looks a style up by scanning every style on each `add_paragraph(style=...)`, and
finds where a body paragraph goes by scanning the body for its closing section properties: both
per paragraph, so a 10 MB clause took minutes to export. Style ids are looked up once per
document here, and a paragraph goes straight before the body's last element.
"""

from __future__ import annotations

from typing import Any

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph

_CACHE_ATTR = "_notice_studio_style_ids"
_BODY, _SECTION = qn("w:body"), qn("w:sectPr")


def style_id(part: Any, name: str, kind: WD_STYLE_TYPE = WD_STYLE_TYPE.PARAGRAPH) -> str | None:
    """The id of the style called `name` in `part`'s document (None for the default style)."""
    cache: dict[tuple[str, WD_STYLE_TYPE], str | None] | None = getattr(part, _CACHE_ATTR, None)
    if cache is None:
        cache = {}
        setattr(part, _CACHE_ATTR, cache)
    key = (name, kind)
    if key not in cache:
        cache[key] = part.get_style_id(name, kind)
    return cache[key]


def add_styled_paragraph(container: Any, style: str | None = None, text: str = "") -> Paragraph:
    """`container.add_paragraph(text, style)` for a document or a table cell, in constant time."""
    parent = getattr(container, "_body", container)  # a Document keeps its paragraphs in its body
    element = parent._element
    p = OxmlElement("w:p")
    if element.tag == _BODY and len(element) and element[-1].tag == _SECTION:
        element[-1].addprevious(p)  # the body's section properties stay last
    else:
        element.append(p)
    paragraph = Paragraph(p, parent)
    if style is not None:
        found = style_id(paragraph.part, style)
        if found is not None:
            p.style = found
    if text:
        paragraph.add_run(text)
    return paragraph

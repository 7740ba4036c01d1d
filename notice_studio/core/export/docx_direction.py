"""Right-to-left Word text for a notice in Arabic, Hebrew, Persian, Urdu (core.notice.languages):
paragraphs marked w:bidi (they start at the right, lists and indents mirrored), runs w:rtl with the
language named for complex scripts (w:lang w:bidi), tables w:bidiVisual (first column on the right),
and the section w:bidi (page columns and numbering). Left-to-right notices are left as they are.

OOXML fixes the order of each properties element's children, so each mark goes in before the
children the schema puts after it (ECMA-376 Part 1, 17.3.1.26 pPr, 17.3.2.28 rPr, 17.4.60 tblPr,
17.6.17 sectPr)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

from notice_studio.core.notice.languages import primary, text_direction

# The children each properties element may have after the mark we add, in schema order.
_AFTER_PPR_BIDI = (
    "w:adjustRightInd", "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
    "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
    "w:outlineLvl", "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
_AFTER_RPR_RTL = ("w:cs", "w:em", "w:lang", "w:eastAsianLayout", "w:specVanish", "w:oMath")
_AFTER_RPR_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")
_AFTER_TBLPR_BIDI = (
    "w:tblStyleRowBandSize", "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd",
    "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook", "w:tblCaption", "w:tblDescription",
    "w:tblPrChange",
)  # fmt: skip
_AFTER_SECTPR_BIDI = ("w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange")


def right_to_left(language: str) -> bool:
    return text_direction(language) == "rtl"


def set_direction(elements: Iterable[Any], language: str) -> None:
    """Mark every paragraph, run and table in `elements` (body children, lxml) right to left when
    `language` is written so; nothing happens for a left-to-right language."""
    if not right_to_left(language):
        return
    code = primary(language)
    for top in elements:
        for p in top.iter(qn("w:p")):
            _mark(p.get_or_add_pPr(), "w:bidi", _AFTER_PPR_BIDI)
        for r in top.iter(qn("w:r")):
            r_pr = r.get_or_add_rPr()
            _mark(r_pr, "w:rtl", _AFTER_RPR_RTL)
            lang = _mark(r_pr, "w:lang", _AFTER_RPR_LANG)
            lang.set(qn("w:bidi"), code)
        for tbl in top.iter(qn("w:tbl")):
            _mark(tbl.tblPr, "w:bidiVisual", _AFTER_TBLPR_BIDI)
        for sect in top.iter(qn("w:sectPr")):
            _mark(sect, "w:bidi", _AFTER_SECTPR_BIDI)


def set_document_direction(document: Any, language: str) -> None:
    """The whole document (python-docx Document) right to left when its language is written so."""
    set_direction([document.element.body], language)


def _mark(parent: Any, tag: str, successors: tuple[str, ...]) -> Any:
    found = parent.find(qn(tag))
    if found is None:
        found = OxmlElement(tag)
        parent.insert_element_before(found, *successors)
    return found

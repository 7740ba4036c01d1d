"""DOCX export (python-docx): Word heading styles, real lists and tables, working links.

Built from the rendered HTML of each clause, so Word shows exactly what the web page shows.
Clause headings carry bookmarks; cross-references link to them inside the document.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_COLOR_INDEX, WD_PARAGRAPH_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Mm, Pt, RGBColor
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from notice_studio.core.export.docx_append import add_styled_paragraph, style_id
from notice_studio.core.export.docx_direction import set_document_direction
from notice_studio.core.export.paper import PAGE_MARGINS_MM, PAPER_MM, TABLE_POINT_SIZES
from notice_studio.core.export.sanitize import URL_SCHEMES
from notice_studio.core.htmltree import Node as Element
from notice_studio.core.htmltree import parse_html
from notice_studio.core.render.renderer import RenderedNotice

_INLINE_TAGS = frozenset(
    {
        "a",
        "abbr",
        "b",
        "br",
        "code",
        "del",
        "em",
        "i",
        "ins",
        "mark",
        "q",
        "s",
        "small",
        "span",
        "strong",
        "sub",
        "sup",
        "time",
        "u",
    }
)
_SPACE_RE = re.compile(r"\s+")
_MONO = "Courier New"


def notice_docx(rendered: RenderedNotice, paper: str = "A4") -> bytes:
    """The notice as a .docx file's bytes, on `paper` ('A4' or 'Letter', see core.export.paper)."""
    doc = Document()
    _page_setup(doc, paper)
    _hyperlink_style(doc)
    props = doc.core_properties
    props.title = rendered.title
    props.language = rendered.language
    props.subject = rendered.status_line
    props.author = "Notice Studio"
    add_styled_paragraph(doc, "Title", rendered.title)
    add_styled_paragraph(doc, "Subtitle", rendered.status_line)
    if rendered.version_note:
        add_styled_paragraph(doc, text=rendered.version_note)
        for line in rendered.change_notice.strip().splitlines():
            bullet = line.lstrip()[:2] in ("- ", "* ")
            if line.strip():
                add_styled_paragraph(
                    doc, "List Bullet" if bullet else None, line.strip()[2:] if bullet else line.strip()
                )
    writer = _Writer(doc, _bookmark_names(rendered))
    for clause in rendered.clauses:
        section = parse_html(clause.html).find("section")
        if section is not None:
            writer.blocks(section, anchor=clause.anchor)
    set_document_direction(doc, rendered.language)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _page_setup(doc: DocxDocument, paper: str) -> None:
    """The PDF's paper and margins (python-docx's template is Letter with 1.25-inch margins)."""
    width, height = PAPER_MM[paper]
    left, top, right, bottom = PAGE_MARGINS_MM
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(width), Mm(height)
    section.left_margin, section.top_margin, section.right_margin, section.bottom_margin = (
        Mm(left),
        Mm(top),
        Mm(right),
        Mm(bottom),
    )


def _text_width(doc: DocxDocument) -> int:
    section = doc.sections[0]
    return int(section.page_width or 0) - int(section.left_margin or 0) - int(section.right_margin or 0)


def size_columns(cells: list[list[str]], width: int, body_pt: float) -> tuple[list[int], float]:
    """Column widths (EMU) summing to `width` and the type size of a table of `cells` (rows of
    cell texts): each column at least as wide as its longest word, the rest shared by how much
    text each holds; a table whose words do not fit at `body_pt` is set smaller, as the PDF sets it."""
    columns = max((len(r) for r in cells), default=0)
    longest = [max((len(w) for r in cells if c < len(r) for w in r[c].split()), default=1) for c in range(columns)]
    amount = [max((min(len(r[c]), 60) for r in cells if c < len(r)), default=1) for c in range(columns)]
    padding = Pt(11.5)  # the cell's margins either side
    for size in (body_pt, *TABLE_POINT_SIZES):
        char = Pt(size * 0.62)  # a wide letter, bold in the headings
        least = [int(n * char + padding) for n in longest]
        if sum(least) <= width or size == TABLE_POINT_SIZES[-1]:
            break
    spare = max(width - sum(least), 0)
    wants = [max(int(a * char + padding) - m, 0) for a, m in zip(amount, least, strict=True)]
    total = sum(wants) or 1
    widths = [m + spare * w // total for m, w in zip(least, wants, strict=True)]
    if not sum(wants):
        widths = [m + spare // columns for m in least]
    return widths, size


def _bookmark_names(rendered: RenderedNotice) -> dict[str, str]:
    names = bookmark_names([c.clause_id for c in rendered.clauses])
    return {c.anchor: names[c.clause_id] for c in rendered.clauses}


def bookmark_names(clause_ids: list[str]) -> dict[str, str]:
    """Word bookmark names (letters, digits, _; at most 40 characters), one per clause id."""
    names: dict[str, str] = {}
    used: set[str] = set()
    for clause_id in clause_ids:
        base = "ns_" + re.sub(r"[^A-Za-z0-9]", "_", clause_id)
        name, n = base[:40], 2
        while name in used:
            suffix = f"_{n}"
            name, n = base[: 40 - len(suffix)] + suffix, n + 1
        used.add(name)
        names[clause_id] = name
    return names


def _hyperlink_style(doc: DocxDocument) -> None:
    if "Hyperlink" not in [s.name for s in doc.styles]:
        style = doc.styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
        style.font.color.rgb = RGBColor(0x0B, 0x57, 0xD0)
        style.font.underline = True


_Format = dict[str, bool]
"""Run formatting from enclosing tags: bold, italic, strike, underline, code, highlight."""
_Link = BaseOxmlElement
"""A w:hyperlink element that the runs of a link go inside."""


class _Writer:
    def __init__(self, doc: DocxDocument, bookmarks: dict[str, str]) -> None:
        self.doc = doc
        self.bookmarks = bookmarks
        self.next_bookmark_id = 1

    # ----- blocks ----------------------------------------------------------------------------
    def blocks(
        self,
        parent: Element,
        anchor: str | None = None,
        style: str | None = None,
        container: DocxDocument | None = None,
    ) -> None:
        container = container or self.doc
        for node in parent.children:
            if isinstance(node, str):
                if node.strip():
                    self.inline_paragraph([node], style or "Normal", container)
                continue
            tag = node.tag
            if re.fullmatch(r"h[1-6]", tag):
                level = max(1, int(tag[1]) - 1)  # h1 is the notice title; h2 is "Heading 1"
                paragraph = add_styled_paragraph(container, f"Heading {level}")
                self.inline(paragraph, node)
                if "ns-heading" in node.classes() and anchor in self.bookmarks:
                    self._bookmark(paragraph, self.bookmarks[anchor])
            elif tag == "p":
                self.inline_paragraph(node.children, style or "Normal", container)
            elif tag in ("ul", "ol"):
                self.list(node, 0, container)
            elif tag == "blockquote":
                self.blocks(node, style="Quote", container=container)
            elif tag == "pre":
                paragraph = add_styled_paragraph(container, "No Spacing")
                self._text(paragraph, node.text().rstrip("\n"), {"code": True}, preformatted=True)
            elif tag == "table":
                self.table(node, container)
            elif tag == "hr":
                paragraph = add_styled_paragraph(container, text="* * *")
                paragraph.alignment = WD_PARAGRAPH_ALIGNMENT.CENTER
            elif tag in _INLINE_TAGS:
                self.inline_paragraph([node], style or "Normal", container)
            else:
                self.blocks(node, anchor, style, container)

    def inline_paragraph(self, nodes: list[Element | str], style: str, container: DocxDocument) -> Paragraph:
        paragraph = add_styled_paragraph(container, style)
        for node in nodes:
            self._inline_node(paragraph, node, {})
        return paragraph

    def list(self, element: Element, depth: int, container: DocxDocument) -> None:
        ordered = element.tag == "ol"
        kind = "List Number" if ordered else "List Bullet"
        style = kind if depth == 0 else f"{kind} {min(depth + 1, 3)}"
        num_id = self._restarted_numbering(style, int(element.attrs.get("start") or 1)) if ordered else None
        for item in element.elements():
            if item.tag != "li":
                continue
            inline_nodes: list[Element | str] = []
            first = True

            def flush() -> None:
                nonlocal inline_nodes, first
                if any(isinstance(n, Element) or n.strip() for n in inline_nodes):
                    paragraph = add_styled_paragraph(container, style if first else "List Continue")
                    if first and num_id is not None:
                        set_numbering(paragraph, num_id)
                    for n in inline_nodes:
                        self._inline_node(paragraph, n, {})
                    first = False
                inline_nodes = []

            for child in item.children:
                if isinstance(child, Element) and child.tag in ("ul", "ol"):
                    flush()
                    self.list(child, depth + 1, container)
                elif isinstance(child, Element) and child.tag == "p":
                    flush()
                    inline_nodes = list(child.children)
                    flush()
                elif isinstance(child, Element) and child.tag not in _INLINE_TAGS:
                    flush()
                    self.blocks(Element("div", {}, 0, children=[child]), container=container)
                else:
                    inline_nodes.append(child)
            flush()

    def table(self, element: Element, container: DocxDocument) -> None:
        caption = element.find("caption")
        rows = [
            tr
            for section in element.elements()
            for tr in ([section] if section.tag == "tr" else section.elements())
            if tr.tag == "tr"
        ]
        if caption is not None:
            paragraph = add_styled_paragraph(container, "Caption")
            self.inline(paragraph, caption)
        if not rows:
            return
        columns = max(len([c for c in tr.elements() if c.tag in ("th", "td")]) for tr in rows)
        table = container.add_table(rows=len(rows), cols=max(columns, 1))
        table.style = "Table Grid"
        for r, tr in enumerate(rows):
            for c, cell_element in enumerate([c for c in tr.elements() if c.tag in ("th", "td")]):
                paragraph = table.cell(r, c).paragraphs[0]
                fmt = {"bold": True} if cell_element.tag == "th" else {}
                for node in cell_element.children:
                    self._inline_node(paragraph, node, fmt)
        self._fit(table, rows)
        if rows[0].elements() and all(c.tag == "th" for c in rows[0].elements()):
            header = OxmlElement("w:tblHeader")
            header.set(qn("w:val"), "true")
            table.rows[0]._tr.get_or_add_trPr().append(header)  # repeat on each page; read as headers
        if caption is not None:
            described = OxmlElement("w:tblCaption")
            described.set(qn("w:val"), " ".join(caption.text().split())[:255])
            table._tbl.tblPr.append(described)

    def _fit(self, table: Any, rows: Sequence[Element]) -> None:
        """Columns sized to their words and a wide table's type made smaller, so no word breaks."""
        cells = [[" ".join(c.text().split()) for c in tr.elements() if c.tag in ("th", "td")] for tr in rows]
        body = self.doc.styles["Normal"].font.size
        widths, size = size_columns(cells, _text_width(self.doc), body.pt if body else 11.0)
        table.autofit = False
        layout = OxmlElement("w:tblLayout")
        layout.set(qn("w:type"), "fixed")
        table._tbl.tblPr.append(layout)
        for column, width in zip(table.columns, widths, strict=False):
            column.width = width
            for cell in column.cells:
                cell.width = width
        if body is None or size < body.pt:
            for run in table._tbl.iter(qn("w:r")):  # links' runs too, which paragraph.runs leaves out
                Run(run, table).font.size = Pt(size)

    # ----- inline ----------------------------------------------------------------------------
    def inline(self, paragraph: Paragraph, element: Element, fmt: _Format | None = None) -> None:
        for node in element.children:
            self._inline_node(paragraph, node, fmt or {})

    def _inline_node(self, paragraph: Paragraph, node: Element | str, fmt: _Format, link: _Link | None = None) -> None:
        if isinstance(node, str):
            self._text(paragraph, node, fmt, link=link)
            return
        tag = node.tag
        fmt = dict(fmt)
        if tag in ("strong", "b"):
            fmt["bold"] = True
        elif tag in ("em", "i"):
            fmt["italic"] = True
        elif tag in ("s", "del"):
            fmt["strike"] = True
        elif tag in ("u", "ins"):
            fmt["underline"] = True
        elif tag == "code":
            fmt["code"] = True
        elif tag == "mark":
            fmt["highlight"] = True
        elif tag == "br":
            paragraph.add_run().add_break()
            return
        elif tag == "a" and link is None:
            link = self._hyperlink(paragraph, node.attrs.get("href", ""))
        for child in node.children:
            self._inline_node(paragraph, child, fmt, link)

    def _text(
        self, paragraph: Paragraph, text: str, fmt: _Format, link: _Link | None = None, preformatted: bool = False
    ) -> None:
        if not preformatted:
            text = _SPACE_RE.sub(" ", text)
            if not paragraph.runs and link is None and not paragraph._p.findall(qn("w:hyperlink")):
                text = text.lstrip()
        if not text:
            return
        pieces = text.split("\n") if preformatted else [text]
        for i, piece in enumerate(pieces):
            run = paragraph.add_run()
            if piece and "\t" not in piece and "\r" not in piece:
                run._r.add_t(piece)  # python-docx's run.text handles tabs and breaks one letter at a time
            else:
                run.text = piece
            if i < len(pieces) - 1:
                run.add_break()
            run.bold = fmt.get("bold") or None
            run.italic = fmt.get("italic") or None
            if fmt.get("strike"):
                run.font.strike = True
            if fmt.get("underline"):
                run.font.underline = True
            if fmt.get("code"):
                run.font.name = _MONO
                run.font.size = Pt(9.5)
            if fmt.get("highlight"):
                run.font.highlight_color = WD_COLOR_INDEX.YELLOW
            if link is not None:
                run._r.style = style_id(paragraph.part, "Hyperlink", WD_STYLE_TYPE.CHARACTER)
                link.append(run._r)  # move the run inside the hyperlink element

    def _hyperlink(self, paragraph: Paragraph, href: str) -> _Link | None:
        """A w:hyperlink element in `paragraph` (internal to a bookmark, or external); None if unsafe."""
        element = OxmlElement("w:hyperlink")
        if href.startswith("#"):
            name = self.bookmarks.get(href[1:])
            if name is None:
                return None
            element.set(qn("w:anchor"), name)
        else:
            scheme = href.split(":", 1)[0].lower() if ":" in href else ""
            if scheme not in URL_SCHEMES:
                return None
            rel_id = paragraph.part.relate_to(href, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
            element.set(qn("r:id"), rel_id)
        paragraph._p.append(element)
        return element

    def _bookmark(self, paragraph: Paragraph, name: str) -> None:
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(self.next_bookmark_id))
        start.set(qn("w:name"), name)
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(self.next_bookmark_id))
        self.next_bookmark_id += 1
        p = paragraph._p
        p_pr = p.pPr
        if p_pr is not None:
            p_pr.addnext(start)
        else:
            p.insert(0, start)
        p.append(end)

    def _restarted_numbering(self, style_name: str, start: int) -> int | None:
        return restarted_numbering(self.doc, style_name, start)


def restarted_numbering(doc: Any, style_name: str, start: int) -> int | None:
    """A new Word list instance for `style_name` that starts at `start` (1, 2, 3 ... per list)."""
    style = doc.styles[style_name]
    num_pr = style.element.pPr.numPr if style.element.pPr is not None else None
    if num_pr is None or num_pr.numId is None:
        return None
    numbering = doc.part.numbering_part.numbering_definitions._numbering
    base = numbering.num_having_numId(num_pr.numId.val)
    num = numbering.add_num(base.abstractNumId.val)
    override = num.add_lvlOverride(ilvl=0)
    override.add_startOverride(start)
    return int(num.numId)


def set_numbering(paragraph: Paragraph, num_id: int) -> None:
    """Make `paragraph` an item of the Word list `num_id`."""
    num_pr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    num_pr.get_or_add_ilvl().val = 0
    num_pr.get_or_add_numId().val = num_id

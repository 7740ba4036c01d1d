"""A Word document -> blocks, with python-docx: heading styles, Word's own numbering, tables.

Word numbers headings and list paragraphs itself (the number is not in the text); the number
each paragraph shows is worked out from the document's numbering definitions so it can be
kept as the clause's original number.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from notice_studio.core.importer.blocks import Block, ImportProblem, SourceDocument, is_junk_line, one_line
from notice_studio.core.importer.markdown_text import SAFE_HREF, escape, escape_start, link_target, table_markdown
from notice_studio.core.importer.plain_text import BULLET_RE
from notice_studio.core.zipguard import unpacked_size_problem

if TYPE_CHECKING:  # python-docx loads only when a Word file is read
    from docx.document import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

_HEADING_STYLE_RE = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def read_docx(data: bytes, name: str) -> SourceDocument:
    """Read a .docx; anything python-docx cannot open is refused as 'not a valid Word file'."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ImportProblem(
            f"{name} is an old Word 97-2003 document (.doc) or is password-protected; open it in Word and save it as .docx."
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ImportProblem(f"{name} is not a valid Word document; open it in Word, save it as .docx and try again.")
    too_large = unpacked_size_problem(data, name)
    if too_large:
        raise ImportProblem(too_large)
    try:
        import docx

        document = docx.Document(io.BytesIO(data))
        styles = _Styles(document)
        numbering = _Numbering(document, styles)
        reader = _DocxReader(numbering, styles, _notes_of(document))
        for item in _content(document.element.body, document._body):
            reader.add(item)
        title = (document.core_properties.title or "").strip()
    except ImportProblem:
        raise
    except Exception:  # noqa: BLE001 - python-docx raises many kinds of error for a damaged file
        raise ImportProblem(
            f"{name} is not a valid Word document (it may be damaged); open it in Word, save it as .docx and try again."
        ) from None
    notes = (_TRACKED_NOTE,) if _has_tracked(document.element.body) else ()
    return SourceDocument(
        name, "docx", tuple(reader.blocks), one_line(title), "docx", tuple(reader.dropped), notes=notes
    )


_TRACKED_NOTE = (
    "The Word file has tracked changes nobody has accepted or rejected; the import reads it as if they "
    "were all accepted (insertions kept, deletions left out). Check the text, or accept or reject them "
    "in Word and import it again."
)
# Where text sits in Word's XML besides a paragraph's own runs: content controls, smart tags, simple
# fields, custom XML, tracked insertions and moves. Deleted and moved-away text is left out.
_GONE = frozenset({"del", "moveFrom"})
_TRACKED = frozenset({"ins", "del", "moveTo", "moveFrom"})
_NOT_TEXT = frozenset({"pPr", "rPr", "sdtPr", "sdtEndPr", "tblPr", "tcPr", "trPr", "tblGrid", "fldData", "Fallback"})
"""Never text; 'Fallback' repeats its 'Choice' for older Word versions."""


_RUN, _LINK = _W + "r", _W + "hyperlink"
_SKIPPED = frozenset(_W + name for name in _GONE | _NOT_TEXT)
"""Word's own elements that hold no text to read, by their full names (the common case, fast)."""


def _local(node: Any) -> str:
    tag = node.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _content(element: Any, parent: Any) -> Iterator[Paragraph | Table]:
    """The paragraphs and tables under `element` in reading order, inside content controls and
    tracked insertions too (python-docx's own walk stops at a content control)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in element:
        name = _local(child)
        if name == "p":
            yield Paragraph(child, parent)
        elif name == "tbl":
            yield Table(child, parent)
        elif name in ("sdt", "sdtContent", "customXml", "ins", "moveTo"):
            yield from _content(child, parent)


def _notes_of(document: Document) -> dict[tuple[str, str], str]:
    """The text of each footnote and endnote by (kind, id): ('footnote', '1') -> 'Registered ...'."""
    from docx.oxml import parse_xml

    found: dict[tuple[str, str], str] = {}
    for rel in document.part.rels.values():
        kind = rel.reltype.rsplit("/", 1)[-1]
        if kind not in ("footnotes", "endnotes") or rel.is_external:
            continue
        root = parse_xml(rel.target_part.blob)
        for note in root.iterchildren(_W + kind[:-1]):
            if note.get(_W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            text = " ".join(one_line(_plain_text(p)) for p in note.iter(_W + "p"))
            found[(kind[:-1], note.get(_W + "id", ""))] = text.strip()
    return found


def _plain_text(element: Any) -> str:
    """The text of a paragraph as Word shows it, tracked changes accepted."""
    return "".join(_run_text(run) for run, _ in _runs_in(element))


def _runs_in(element: Any, link: Any = None) -> Iterator[tuple[Any, Any]]:
    """Each run under `element` in reading order, with the hyperlink it sits in (or None): the one
    rule for where Word keeps text (content controls, fields, smart tags, tracked insertions), for
    paragraphs and footnotes alike."""
    for node in element:
        tag = node.tag
        if tag == _RUN:
            yield node, link
        elif tag == _LINK:
            yield from _runs_in(node, node)
        elif tag not in _SKIPPED and _local(node) not in _NOT_TEXT:
            yield from _runs_in(node, link)


class _DocxReader:
    def __init__(self, numbering: _Numbering, styles: _Styles, notes: dict[tuple[str, str], str]) -> None:
        self.numbering = numbering
        self.styles = styles
        self.notes = notes
        """Footnote and endnote texts, each given as a paragraph after the one that refers to it."""
        self.noted = 0
        self.blocks: list[Block] = []
        self.dropped: list[str] = []
        self.index = 0
        self.gap = True
        self.prev_list = False
        self.bookmarks: list[str] = []
        """Bookmarks not yet given to a block (links within the document lead to them)."""

    def add(self, item: Paragraph | Table) -> None:
        from docx.table import Table

        self.index += 1
        if isinstance(item, Table):
            self.table(item)
        else:
            self.paragraph(item)

    def paragraph(self, para: Paragraph) -> None:
        self.bookmarks += [
            name for mark in para._p.iter(_W + "bookmarkStart") if (name := mark.get(_W + "name", "")) != "_GoBack"
        ]
        refs: list[tuple[str, str]] = []
        self._one_paragraph(para, refs)
        for ref in refs:  # a footnote's text follows its paragraph, under the number the text shows
            self._add(Block("paragraph", escape_start(f"[{ref[0]}] {ref[1]}"), f"[{ref[0]}] {ref[1]}", 0, self.index))
            self.prev_list = False

    def _one_paragraph(self, para: Paragraph, refs: list[tuple[str, str]]) -> None:
        para_style = self.styles.of_paragraph(para)
        style = para_style.name if para_style is not None else ""
        markdown, plain, bold, run_size = _inline(para, self.styles, self._footnote(refs))
        if not plain:
            self.gap = True
            self.prev_list = False
            return
        if is_junk_line(plain):
            self.dropped.append(plain)
            return
        number, ordered, ilvl = self.numbering.number_of(para)
        heading = _HEADING_STYLE_RE.match(style)
        if style.lower() == "title":
            self._add(Block("heading", escape(plain), plain, 0, self.index, True, bold, "Title"))
        elif heading:
            self._add(
                Block(
                    "heading", escape(plain), plain, int(heading.group(1)), self.index, True, bold, style, number or ""
                )
            )
        elif number is not None or style.lower().startswith(("list bullet", "list number")):
            is_ordered = ordered if number is not None else style.lower().startswith("list number")
            depth = ilvl if number is not None else _style_depth(style)
            if is_ordered and number and re.fullmatch(r"\d+[.)]?", number):
                marker = number.rstrip(".)") + ". "
            elif is_ordered and number:
                marker = number + " "  # letters and roman numerals: Markdown has no such list, keep them as text
            elif is_ordered:
                marker = "1. "
            else:
                marker = "- "
            indent = ("   " if is_ordered else "  ") * depth
            self._add(
                Block(
                    "list_item",
                    indent + marker + markdown,
                    plain,
                    depth,
                    self.index,
                    not self.prev_list,
                    bold,
                    style,
                    number or "",
                )
            )
            self.prev_list = True
            self.gap = False
            return
        elif BULLET_RE.match(plain):
            # A bullet typed into the text ('• ...') rather than made by Word's list formatting
            text = BULLET_RE.match(markdown)
            item = text["text"] if text else markdown
            self._add(
                Block("list_item", "- " + item, plain[2:].strip(), 0, self.index, not self.prev_list, bold, style)
            )
            self.prev_list = True
            return
        else:
            size = run_size or self.styles.size_of_style(para)
            self._add(Block("paragraph", escape_start(markdown), plain, 0, self.index, True, bold, style, size=size))
        self.prev_list = False

    def _add(self, block: Block) -> None:
        if self.bookmarks:
            block = replace(block, anchors=tuple(self.bookmarks))
            self.bookmarks = []
        self.blocks.append(block)
        self.gap = False

    def _footnote(self, refs: list[tuple[str, str]]) -> Callable[[Any], str]:
        """What a footnote or endnote reference shows in the text ('[1]'), noting its text for later."""

        def shown(node: Any) -> str:
            text = self.notes.get((_local(node)[: -len("Reference")], node.get(_W + "id", "")))
            if text is None:
                return ""
            self.noted += 1
            refs.append((str(self.noted), text))
            return f"[{self.noted}]"

        return shown

    def table(self, table: Table) -> None:
        rows_md: list[list[str]] = []
        plain: list[str] = []
        for row in table.rows:
            seen: set[int] = set()
            cells: list[str] = []
            for cell in row.cells:
                if id(cell._tc) in seen:  # a merged cell repeats across the columns it spans
                    continue
                seen.add(id(cell._tc))
                parts = [_inline(p, self.styles) for p in _cell_paragraphs(cell._tc, cell)]
                cells.append(" ".join(md for md, text, _, _ in parts if text))
                plain.extend(text for _, text, _, _ in parts if text)
            if any(c.strip() for c in cells):
                rows_md.append(cells)
        if not rows_md:
            return
        self._add(Block("table", table_markdown(rows_md), one_line(" ".join(plain)), 0, self.index))
        self.prev_list = False


def _cell_paragraphs(element: Any, parent: Any) -> Iterator[Paragraph]:
    """A cell's paragraphs, those of a table nested in it included (their words join the cell's)."""
    from docx.table import Table

    for item in _content(element, parent):
        if isinstance(item, Table):
            for row in item._tbl.tr_lst:
                for tc in row.tc_lst:
                    yield from _cell_paragraphs(tc, parent)
        else:
            yield item


def _has_tracked(element: Any) -> bool:
    """Tracked changes anywhere under `element` (one pass of lxml's own search)."""
    return next(element.iter(*(_W + name for name in _TRACKED)), None) is not None


def _style_depth(style: str) -> int:
    found = re.search(r"(\d)$", style)
    return max(0, int(found.group(1)) - 1) if found else 0


class _Styles:
    """Styles looked up once: python-docx searches the whole style sheet on every `.style` access."""

    def __init__(self, document: Document) -> None:
        from docx.enum.style import WD_STYLE_TYPE

        self.by_id = {style.style_id: style for style in document.styles}
        self.default_paragraph = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
        self.default_character = document.styles.default(WD_STYLE_TYPE.CHARACTER)
        self._bold: dict[str, bool | None] = {}
        self._chain: dict[str, list[Any]] = {}

    def of_paragraph(self, para: Paragraph) -> Any:
        style_id = para._p.style
        return self.by_id.get(style_id, self.default_paragraph) if style_id else self.default_paragraph

    def chain(self, style: Any) -> list[Any]:
        """The style and the styles it is based on."""
        if style is None:
            return []
        key = style.style_id
        if key not in self._chain:
            found, seen = [], set()
            while style is not None and style.style_id not in seen:
                seen.add(style.style_id)
                found.append(style)
                style = style.base_style
            self._chain[key] = found
        return self._chain[key]

    def size_of_style(self, para: Paragraph) -> float:
        """The font size (points) the paragraph's style sets, 0 when none does."""
        style = self.of_paragraph(para)
        if style is None:
            return 0.0
        key = "size:" + str(style.style_id)
        if key not in self._chain:
            found = next((s.font.size.pt for s in self.chain(style) if s.font.size is not None), 0.0)
            self._chain[key] = [found]
        return float(self._chain[key][0])

    def bold(self, style: Any) -> bool | None:
        if style is None:
            return None
        key = style.style_id
        if key not in self._bold:
            self._bold[key] = next((bool(s.font.bold) for s in self.chain(style) if s.font.bold is not None), None)
        return self._bold[key]


_OFF = frozenset({"0", "false", "off", "none"})


def _flag(props: Any, tag: str) -> bool | None:
    """A run property that is on or off ('w:b', 'w:i'), or None when the run does not say."""
    node = props.find(_W + tag) if props is not None else None
    if node is None:
        return None
    return node.get(_W + "val", "true").lower() not in _OFF


def _run_text(run: Any, footnote: Callable[[Any], str] | None = None) -> str:
    """A run's text read straight from its XML (python-docx's proxies are slow on long documents);
    `footnote` gives what a footnote or endnote reference shows."""
    out: list[str] = []
    for node in run:
        tag = node.tag
        if footnote is not None and tag in (_W + "footnoteReference", _W + "endnoteReference"):
            out.append(footnote(node))
            continue
        if tag == _W + "t":
            out.append(node.text or "")
        elif tag in (_W + "tab", _W + "ptab"):
            out.append("\t")
        elif tag == _W + "br":
            if node.get(_W + "type", "textWrapping") == "textWrapping":
                out.append("\n")
        elif tag == _W + "cr":
            out.append("\n")
        elif tag == _W + "noBreakHyphen":
            out.append("-")
    return "".join(out)


def _runs(
    para: Paragraph, styles: _Styles, footnote: Callable[[Any], str] | None = None
) -> list[tuple[str, bool, bool, str, float]]:
    """(text, bold, italic, link, size in points or 0) of each run, links included, and runs inside
    content controls, smart tags, fields and tracked insertions (tracked deletions left out)."""
    from docx.text.hyperlink import Hyperlink

    para_bold = styles.bold(styles.of_paragraph(para))
    out: list[tuple[str, bool, bool, str, float]] = []

    def add(run: Any, url: str) -> None:
        props = run.find(_W + "rPr")
        bold = _flag(props, "b")
        if bold is None:
            style = props.find(_W + "rStyle") if props is not None else None
            style_id = style.get(_W + "val") if style is not None else None
            run_style = styles.by_id.get(style_id, styles.default_character) if style_id else styles.default_character
            bold = styles.bold(run_style)
        if bold is None:
            bold = para_bold
        size_node = props.find(_W + "sz") if props is not None else None
        try:
            size = int(size_node.get(_W + "val", "0")) / 2 if size_node is not None else 0.0
        except ValueError:
            size = 0.0
        out.append((_run_text(run, footnote), bool(bold), bool(_flag(props, "i")), url, size))

    urls: dict[Any, str] = {}
    for run, link in _runs_in(para._p):
        if link is not None and link not in urls:
            jump = Hyperlink(link, para)
            # a link within the document (a contents entry) leads to a bookmark: '#_Toc12'
            urls[link] = jump.url or (f"#{jump.fragment}" if jump.fragment else "")
        add(run, urls.get(link, "") if link is not None else "")
    return out


def _inline(
    para: Paragraph, styles: _Styles, footnote: Callable[[Any], str] | None = None
) -> tuple[str, str, bool, float]:
    """A paragraph's Markdown (bold, italic, links), its plain words, whether all of it is bold,
    and the largest font size set on its runs (0 when none is)."""
    runs = _runs(para, styles, footnote)
    pieces = [(text, bold, italic, link) for text, bold, italic, link, _ in runs]
    size = max((size for text, _, _, _, size in runs if size and text.strip()), default=0.0)
    # Word splits text into runs arbitrarily; join neighbours that look the same.
    merged: list[tuple[str, bool, bool, str]] = []
    for text, bold, italic, link in pieces:
        text = text.replace("\t", " ").replace("\n", "\x00")
        if merged and merged[-1][1:] == (bold, italic, link):
            merged[-1] = (merged[-1][0] + text, bold, italic, link)
        elif text:
            merged.append((text, bold, italic, link))
    md_parts: list[str] = []
    plain_parts: list[str] = []
    all_bold = True
    for text, bold, italic, link in merged:
        plain_parts.append(text.replace("\x00", " "))
        if not text.strip():
            md_parts.append(" ")
            continue
        all_bold = all_bold and bold
        lead = text[: len(text) - len(text.lstrip())]
        trail = text[len(text.rstrip()) :]
        core = escape(" ".join(text.strip().split(" ")))
        if italic:
            core = f"*{core}*"
        if bold:
            core = f"**{core}**"
        if link and SAFE_HREF.match(link):
            core = f"[{core}]({link_target(link)})"
        md_parts.append(lead + core + trail)
    plain = one_line("".join(plain_parts))
    markdown = re.sub(r"[ ]{2,}", " ", "".join(md_parts)).strip(" \x00")
    markdown = re.sub(r"\s*\x00\s*", "\\\n", markdown)  # Word line breaks -> Markdown hard breaks
    return markdown, plain, bool(plain) and all_bold, size


class _Numbering:
    """The number Word shows before a numbered paragraph, worked out from numbering.xml."""

    _FORMATS = frozenset({"decimal", "lowerLetter", "upperLetter", "lowerRoman", "upperRoman", "decimalZero"})

    def __init__(self, document: Document, styles: _Styles) -> None:
        self.styles = styles
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}
        self.counters: dict[str, list[int]] = {}
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
        w = "{" + ns["w"] + "}"
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.findall("w:abstractNum", ns):
            levels: dict[int, tuple[str, str, int]] = {}
            for lvl in node.findall("w:lvl", ns):
                fmt = lvl.find("w:numFmt", ns)
                text = lvl.find("w:lvlText", ns)
                start = lvl.find("w:start", ns)
                levels[int(lvl.get(w + "ilvl", "0"))] = (
                    fmt.get(w + "val", "decimal") if fmt is not None else "decimal",
                    text.get(w + "val", "") if text is not None else "",
                    int(start.get(w + "val", "1")) if start is not None else 1,
                )
            abstract[node.get(w + "abstractNumId", "")] = levels
        for num in root.findall("w:num", ns):
            ref = num.find("w:abstractNumId", ns)
            if ref is not None:
                self.levels[num.get(w + "numId", "")] = abstract.get(ref.get(w + "val", ""), {})

    def number_of(self, para: Paragraph) -> tuple[str | None, bool, int]:
        """(the number shown, e.g. '2.1.' or None, whether it is ordered, the list level)."""
        num_id, ilvl = _num_pr(para, self.styles)
        if num_id is None or num_id == "0" or num_id not in self.levels:
            return None, False, 0
        levels = self.levels[num_id]
        fmt, text, _ = levels.get(ilvl, ("decimal", f"%{ilvl + 1}.", 1))
        counters = self.counters.setdefault(num_id, [])
        while len(counters) <= ilvl:
            counters.append(levels.get(len(counters), ("decimal", "", 1))[2] - 1)
        counters[ilvl] += 1
        del counters[ilvl + 1 :]
        if fmt not in self._FORMATS:
            return "", False, ilvl  # bullets and symbols

        def shown(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            value = counters[level] if level < len(counters) else 1
            level_fmt = levels.get(level, ("decimal", "", 1))[0]
            return _format_number(value, level_fmt)

        return re.sub(r"%(\d)", shown, text).strip(), True, ilvl


def _num_pr(para: Paragraph, styles: _Styles) -> tuple[str | None, int]:
    """numId and level from the paragraph, else from its style (and the styles it is based on)."""
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    sources = [para._p.pPr] + [style.element.pPr for style in styles.chain(styles.of_paragraph(para))]
    num_id: str | None = None
    ilvl: int | None = None
    for ppr in sources:
        if ppr is None:
            continue
        numpr = ppr.find(ns + "numPr")
        if numpr is None:
            continue
        id_node = numpr.find(ns + "numId")
        lvl_node = numpr.find(ns + "ilvl")
        if num_id is None and id_node is not None:
            num_id = id_node.get(ns + "val")
        if ilvl is None and lvl_node is not None:
            ilvl = int(lvl_node.get(ns + "val", "0"))
        if num_id is not None and ilvl is not None:
            break
    return num_id, min(max(ilvl or 0, 0), 8)


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = ""
        n = max(value, 1)
        while n:
            n, rem = divmod(n - 1, 26)
            letters = chr(65 + rem) + letters
        return letters.lower() if fmt == "lowerLetter" else letters
    if fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(max(value, 1))
        return roman.lower() if fmt == "lowerRoman" else roman
    if fmt == "decimalZero":
        return f"{value:02d}"
    return str(value)


def _roman(n: int) -> str:
    out = ""
    for value, letters in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out += letters
            n -= value
    return out

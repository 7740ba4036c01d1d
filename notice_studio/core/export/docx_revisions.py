"""Word revision marks over python-docx: write and read tracked changes, moves and comments.

Writing: runs wrapped in `w:ins`/`w:del` (or `w:moveTo`/`w:moveFrom` inside named move
ranges), paragraph marks marked the same way in `w:pPr/w:rPr`, comments anchored on a
paragraph, and document-level custom properties (`docProps/custom.xml`).
Reading: a paragraph as a list of `TextRun`s (text, what happened to it, who did it and when),
with comment ranges, so a reviewed copy can be understood without Word.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn

from notice_studio.core.diff.words import DELETE, EQUAL, INSERT, Op

__all__ = [
    "MOVE_FROM",
    "MOVE_TO",
    "Revisions",
    "TextRun",
    "body_paragraphs",
    "clean_xml",
    "custom_properties",
    "paragraph_mark",
    "paragraph_runs",
    "read_comments",
    "set_custom_properties",
]

MOVE_FROM = "moveFrom"
MOVE_TO = "moveTo"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CUSTOM_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"


_NOT_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def clean_xml(text: str) -> str:
    """`text` without the characters XML 1.0 cannot hold (Word would not open the file)."""
    return _NOT_XML_RE.sub("", text)


def _iso(when: dt.datetime) -> str:
    return when.astimezone(dt.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


class Revisions:
    """Makes revision elements for one author and time, numbering them uniquely."""

    def __init__(self, author: str, when: dt.datetime | None = None, first_id: int = 1000) -> None:
        self.author = author
        self.date = _iso(when or dt.datetime.now(dt.UTC))
        self._next = first_id

    def _id(self) -> str:
        self._next += 1
        return str(self._next)

    def mark(self, tag: str) -> Any:
        """A `w:ins`, `w:del`, `w:moveFrom` or `w:moveTo` element with id, author and date."""
        element = OxmlElement(f"w:{tag}")
        element.set(qn("w:id"), self._id())
        element.set(qn("w:author"), clean_xml(self.author))
        element.set(qn("w:date"), self.date)
        return element

    def run(
        self,
        paragraph: Any,
        text: str,
        op: Op = EQUAL,
        *,
        moved: bool = False,
        bold: bool = False,
        italic: bool = False,
        code: bool = False,
        style: str | None = None,
        container: Any = None,
    ) -> Any:
        """Append a run of `text` to `paragraph` (or to `container`), tracked as `op`."""
        r = OxmlElement("w:r")
        props = []
        if style:
            rstyle = OxmlElement("w:rStyle")
            rstyle.set(qn("w:val"), style)
            props.append(rstyle)
        if code:
            fonts = OxmlElement("w:rFonts")
            for attr in ("w:ascii", "w:hAnsi", "w:cs"):
                fonts.set(qn(attr), "Courier New")
            props.append(fonts)
        if bold:
            props.append(OxmlElement("w:b"))
        if italic:
            props.append(OxmlElement("w:i"))
        if props:
            rpr = OxmlElement("w:rPr")
            for prop in props:
                rpr.append(prop)
            r.append(rpr)
        t = OxmlElement("w:delText" if op == DELETE else "w:t")
        t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        t.text = clean_xml(text)
        r.append(t)
        target = container if container is not None else paragraph._p
        if op == EQUAL:
            target.append(r)
            return r
        tag = (MOVE_TO if op == INSERT else MOVE_FROM) if moved else ("ins" if op == INSERT else "del")
        wrapper = self.mark(tag)
        wrapper.append(r)
        target.append(wrapper)
        return r

    def mark_paragraph(self, paragraph: Any, op: Op, *, moved: bool = False) -> None:
        """Record that the paragraph's end was inserted or deleted (call after styling it)."""
        if op == EQUAL:
            return
        ppr = paragraph._p.get_or_add_pPr()
        rpr = ppr.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            change = ppr.find(qn("w:pPrChange"))
            if change is not None:
                change.addprevious(rpr)
            else:
                ppr.append(rpr)
        tag = (MOVE_TO if op == INSERT else MOVE_FROM) if moved else ("ins" if op == INSERT else "del")
        rpr.insert(0, self.mark(tag))

    def move_range(self, first: Any, last: Any, op: Op, name: str) -> None:
        """Wrap paragraphs `first`..`last` in a named move range (from when `op` is DELETE)."""
        kind = MOVE_FROM if op == DELETE else MOVE_TO
        start = self.mark(f"{kind}RangeStart")
        start.set(qn("w:name"), name)
        end = OxmlElement(f"w:{kind}RangeEnd")
        end.set(qn("w:id"), start.get(qn("w:id")))
        ppr = first._p.pPr
        if ppr is not None:
            ppr.addnext(start)
        else:
            first._p.insert(0, start)
        last._p.append(end)

    def comment(self, document: Any, first: Any, last: Any, text: str, author: str | None = None) -> int:
        """A comment by `author` (default: this author) on paragraphs `first`..`last`."""
        name = author or self.author
        initials = "".join(w[0] for w in name.split()[:3]).upper()
        comment = document.comments.add_comment(text=clean_xml(text), author=clean_xml(name), initials=initials)
        comment._comment_elm.set(qn("w:date"), self.date)
        cid = str(comment.comment_id)
        start = OxmlElement("w:commentRangeStart")
        start.set(qn("w:id"), cid)
        ppr = first._p.pPr
        if ppr is not None:
            ppr.addnext(start)
        else:
            first._p.insert(0, start)
        end = OxmlElement("w:commentRangeEnd")
        end.set(qn("w:id"), cid)
        last._p.append(end)
        ref_run = OxmlElement("w:r")
        rpr = OxmlElement("w:rPr")
        rstyle = OxmlElement("w:rStyle")
        rstyle.set(qn("w:val"), "CommentReference")
        rpr.append(rstyle)
        ref_run.append(rpr)
        ref = OxmlElement("w:commentReference")
        ref.set(qn("w:id"), cid)
        ref_run.append(ref)
        last._p.append(ref_run)
        return int(cid)


# ----- custom document properties ----------------------------------------------------------------
def _custom_part(document: Any) -> Part | None:
    for rel in document.part.package.rels.values():
        if rel.reltype == RELATIONSHIP_TYPE.CUSTOM_PROPERTIES and not rel.is_external:
            return rel.target_part  # type: ignore[no-any-return]
    return None


def custom_properties(document: Any) -> dict[str, str]:
    """The document's custom properties (File > Properties > Custom) as text."""
    part = _custom_part(document)
    if part is None:
        return {}
    try:
        root = parse_xml(part.blob)
    except Exception:  # noqa: BLE001 - a damaged part simply holds no properties we can read
        return {}
    found: dict[str, str] = {}
    for prop in root:
        name = prop.get("name")
        if name:
            found[name] = "".join(prop.itertext()).strip()
    return found


def set_custom_properties(document: Any, values: dict[str, str]) -> None:
    """Add or replace text custom properties; Word and LibreOffice both keep them."""
    merged = {**custom_properties(document), **values}
    props = []
    for pid, (name, value) in enumerate(merged.items(), start=2):
        escaped_name = name.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
        escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        props.append(
            f'<property fmtid="{_FMTID}" pid="{pid}" name="{escaped_name}"><vt:lpwstr>{escaped}</vt:lpwstr></property>'
        )
    blob = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<Properties xmlns="{_CUSTOM_NS}" xmlns:vt="{_VT_NS}">{"".join(props)}</Properties>'
    ).encode()
    part = _custom_part(document)
    if part is not None:
        part._blob = blob
        return
    package = document.part.package
    part = Part(PackURI("/docProps/custom.xml"), _CUSTOM_CT, blob, package)
    package.relate_to(part, RELATIONSHIP_TYPE.CUSTOM_PROPERTIES)


# ----- reading -------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class TextRun:
    """Text in a paragraph and what happened to it: kept, inserted or deleted, by whom and when."""

    text: str
    op: Op
    author: str = ""
    date: str = ""
    revision: str = ""
    comments: tuple[str, ...] = ()
    """Ids of the comments whose range covers this text."""
    formatted: str = ""
    """A tracked formatting change on this text (w:rPrChange): 'bold', 'italic', 'not bold'... joined by ', '."""
    format_author: str = ""
    format_date: str = ""
    bold: bool = False
    """The run is bold now (its own formatting, not its paragraph style's); `italic` likewise."""
    italic: bool = False
    listed: bool = False
    """The run's paragraph is a list item (a List style or Word numbering)."""


_TRACK = {"ins": INSERT, "moveTo": INSERT, "del": DELETE, "moveFrom": DELETE}
_SKIP = {"instrText", "delInstrText", "rPr", "pPr", "fldData"}


def _local(element: Any) -> str:
    tag = element.tag
    return tag.split("}", 1)[1] if isinstance(tag, str) and "}" in tag else ""


_CHARACTERS = {"tab": "\t", "br": " ", "cr": " ", "noBreakHyphen": "-"}


def _on(rpr: Any, tag: str) -> bool:
    found = rpr.find(qn(tag)) if rpr is not None else None
    return found is not None and (found.get(qn("w:val")) or "true").lower() not in ("0", "false", "off", "none")


def _format_change(run: Any) -> tuple[str, str, str]:
    """('bold', author, date) when Word recorded that the run was made bold (w:rPrChange); bold
    and italic only, the formatting Markdown keeps."""
    rpr = run.find(qn("w:rPr"))
    change = rpr.find(qn("w:rPrChange")) if rpr is not None else None
    if change is None:
        return "", "", ""
    before = change.find(qn("w:rPr"))
    said = []
    for tag, word in (("w:b", "bold"), ("w:i", "italic")):
        now, was = _on(rpr, tag), _on(before, tag)
        if now != was:
            said.append(word if now else f"not {word}")
    return ", ".join(said), change.get(qn("w:author")) or "", change.get(qn("w:date")) or ""


def _is_list_item(p: Any) -> bool:
    ppr = p.find(qn("w:pPr"))
    if ppr is None:
        return False
    style = ppr.find(qn("w:pStyle"))
    name = (style.get(qn("w:val")) or "") if style is not None else ""
    return ppr.find(qn("w:numPr")) is not None or name.replace(" ", "").lower().startswith("list")


def paragraph_runs(p: Any) -> list[TextRun]:
    """The paragraph's text in order, each piece with its revision (if any) and comments."""
    out: list[TextRun] = []
    open_comments: list[str] = []

    fmt: list[tuple[str, str, str]] = [("", "", "")]  # the formatting change of the run being read
    looks: list[tuple[bool, bool]] = [(False, False)]  # bold, italic of the run being read

    listed = _is_list_item(p)

    def add(text: str, op: Op, author: str, date: str, revision: str) -> None:
        formatted, by, when = fmt[-1]
        bold, italic = looks[-1]
        out.append(
            TextRun(text, op, author, date, revision, tuple(open_comments), formatted, by, when, bold, italic, listed)
        )

    def walk(element: Any, op: Op | None, author: str, date: str, revision: str) -> None:
        for child in element:
            name = _local(child)
            if name in _SKIP or not name:
                continue
            if name == "r":
                fmt.append(_format_change(child))
                rpr = child.find(qn("w:rPr"))
                looks.append((_on(rpr, "w:b"), _on(rpr, "w:i")))
                walk(child, op, author, date, revision)
                fmt.pop()
                looks.pop()
                continue
            if name in _TRACK and child.tag == f"{{{_W}}}{name}":
                walk(
                    child,
                    _nested(op, _TRACK[name]),
                    child.get(qn("w:author")) or "",
                    child.get(qn("w:date")) or "",
                    child.get(qn("w:id")) or "",
                )
            elif name == "commentRangeStart":
                open_comments.append(child.get(qn("w:id")) or "")
            elif name == "commentRangeEnd":
                cid = child.get(qn("w:id")) or ""
                if cid in open_comments:
                    open_comments.remove(cid)
            elif op is None:
                continue  # inserted and deleted again: in the copy neither way
            elif name in ("t", "delText"):
                if child.text:
                    add(child.text, op, author, date, revision)
            elif name in _CHARACTERS:
                add(_CHARACTERS[name], op, author, date, revision)
            else:
                walk(child, op, author, date, revision)

    walk(p, EQUAL, "", "", "")
    return out


def _nested(outer: Op | None, inner: Op) -> Op | None:
    """What happened to text inside revision marks: one reviewer's insertion that another (or the
    same) deleted (a `w:del` inside a `w:ins` or `w:moveTo`, or the other way round) was never
    there, with the changes accepted or rejected (None); otherwise the innermost mark says."""
    if outer is None or (outer != EQUAL and outer != inner):
        return None
    return inner


def paragraph_mark(p: Any) -> TextRun | None:
    """What happened to the paragraph's end: an empty-text `TextRun` with the op and author, or
    None when the end was inserted and deleted again (the paragraph runs on into the next one
    either way)."""
    ppr = p.find(qn("w:pPr"))
    rpr = ppr.find(qn("w:rPr")) if ppr is not None else None
    marks = [child for child in rpr if _local(child) in _TRACK] if rpr is not None else []
    if not marks:
        return TextRun("", EQUAL)
    if len({_TRACK[_local(m)] for m in marks}) > 1:
        return None
    child = marks[0]
    return TextRun(
        "",
        _TRACK[_local(child)],
        child.get(qn("w:author")) or "",
        child.get(qn("w:date")) or "",
        child.get(qn("w:id")) or "",
    )


def comment_starts(p: Any) -> list[str]:
    return [c.get(qn("w:id")) or "" for c in p.iter(qn("w:commentRangeStart"))]


def body_paragraphs(document: Any) -> Iterator[Any]:
    """The body's paragraphs in order (inside content controls too; tables are skipped)."""

    def walk(element: Any) -> Iterator[Any]:
        for child in element:
            name = _local(child)
            if name == "p":
                yield child
            elif name in ("sdt", "sdtContent", "customXml", "ins", "del", "moveTo", "moveFrom"):
                yield from walk(child)

    yield from walk(document.element.body)


@dataclass(frozen=True, slots=True)
class CommentNote:
    comment_id: str
    author: str
    date: str
    text: str


def read_comments(document: Any) -> dict[str, CommentNote]:
    """Every comment in the document by id."""
    notes: dict[str, CommentNote] = {}
    try:
        comments = list(document.comments)
    except Exception:  # noqa: BLE001 - no comments part
        return notes
    for comment in comments:
        element = comment._comment_elm
        cid = str(comment.comment_id)
        notes[cid] = CommentNote(cid, comment.author or "", element.get(qn("w:date")) or "", comment.text.strip())
    return notes

"""Redline of two versions as a Word document (python-docx).

Insertions are underlined in green, deletions struck through in red, so the marks survive
printing and any word processor; moved and added/removed sections say so in words. A summary
of changes comes first. The text compared is what readers see (placeholder values filled in).
"""

from __future__ import annotations

import io
import re
from os import PathLike

from docx import Document
from docx.document import Document as DocxDocument
from docx.shared import RGBColor
from docx.text.paragraph import Paragraph

from notice_studio.core.diff.notices import NoticeDiff, diff_notices
from notice_studio.core.diff.words import DELETE, INSERT, WordOp
from notice_studio.core.export.redline import status_text
from notice_studio.core.fileio import write_atomic
from notice_studio.core.notice.model import Notice

__all__ = ["redline_docx", "redline_docx_bytes"]

_INSERT_COLOUR = RGBColor(0x0B, 0x6B, 0x1F)
_DELETE_COLOUR = RGBColor(0xB0, 0x12, 0x12)
# XML 1.0 cannot hold these characters; Word files would not open (python-docx refuses them).
_NOT_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _clean(text: str) -> str:
    return _NOT_XML_RE.sub("", text)


def _add_run(paragraph: Paragraph, text: str, op: str) -> None:
    if not text:
        return
    run = paragraph.add_run(_clean(text))
    if op == INSERT:
        run.font.underline = True
        run.font.color.rgb = _INSERT_COLOUR
    elif op == DELETE:
        run.font.strike = True
        run.font.color.rgb = _DELETE_COLOUR


def _add_ops(document: DocxDocument, ops: tuple[WordOp, ...], style: str | None = None) -> None:
    """Write runs, starting a new paragraph at each blank line and a line break at single ones."""
    from notice_studio.core.export.redline import reader_text  # the same reader-facing cleanup as the HTML redline

    paragraph = document.add_paragraph(style=style)
    at_line_start = True
    for op in ops:
        text = reader_text(op.text.replace("\r\n", "\n"), at_line_start)
        if op.op != DELETE and op.text:
            at_line_start = op.text.endswith("\n")
        lines = text.split("\n")
        for n, line in enumerate(lines):
            if n and (paragraph.runs or paragraph.text):
                paragraph = document.add_paragraph(style=style)
            _add_run(paragraph, line, op.op)


def build_redline_document(
    diff: NoticeDiff, *, title: str, old_label: str, new_label: str, changes_only: bool = False
) -> DocxDocument:
    """The python-docx Document for the redline."""
    document = Document()
    document.core_properties.title = _clean(f"Changes to {title}")
    document.add_heading(_clean(f"Changes to {title}"), level=0)
    document.add_paragraph(_clean(f"Comparing {old_label} with {new_label}."))
    key = document.add_paragraph("Key: ")
    _add_run(key, "inserted text", INSERT)
    key.add_run(", ")
    _add_run(key, "deleted text", DELETE)
    key.add_run(".")

    document.add_heading("Summary of changes", level=1)
    if not diff.has_changes:
        document.add_paragraph("There are no changes between these versions.")
    else:
        document.add_paragraph(diff.summary.sentence())
        for change in diff.changes():
            label = f"{change.number} {change.title}".strip()
            document.add_paragraph(_clean(f"{label}: {status_text(change)}"), style="List Bullet")
        for v in diff.variables:
            document.add_paragraph(
                _clean(f"Placeholder {v.name}: {v.old_value or '(not set)'} -> {v.new_value or '(not set)'}"),
                style="List Bullet",
            )
        for t in diff.tables:
            document.add_paragraph(
                _clean(f"Table {t.name}: {len(t.rows)} row changes ({t.kind.value})."), style="List Bullet"
            )
        for f in diff.fields:
            document.add_paragraph(
                _clean(f"{f.field.capitalize()}: {f.old_value} -> {f.new_value}"), style="List Bullet"
            )

    for change in diff.changes() if changes_only else diff.clauses:
        number = change.new_number or f"(was {change.old_number})"
        heading = document.add_heading(level=min(change.depth + 1, 9))
        heading.add_run(f"{number} ")
        for op in change.rendered_title_ops:
            _add_run(heading, op.text.replace("\n", " "), op.op)
        if change.is_change:
            status = status_text(change)
            if status:
                note = document.add_paragraph()
                note.add_run(_clean(status)).italic = True
        _add_ops(document, change.rendered_ops)
    return document


def redline_docx_bytes(
    old: Notice,
    new: Notice,
    *,
    old_label: str = "the earlier version",
    new_label: str = "the draft",
    diff: NoticeDiff | None = None,
    changes_only: bool = False,
) -> bytes:
    """The redline as the bytes of a .docx file."""
    diff = diff if diff is not None else diff_notices(old, new)
    document = build_redline_document(
        diff,
        title=new.title or old.title or "the notice",
        old_label=old_label,
        new_label=new_label,
        changes_only=changes_only,
    )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def redline_docx(
    old: Notice,
    new: Notice,
    path: str | PathLike[str],
    *,
    old_label: str = "the earlier version",
    new_label: str = "the draft",
    diff: NoticeDiff | None = None,
    changes_only: bool = False,
) -> None:
    """Write the redline to `path` as a .docx file."""
    data = redline_docx_bytes(old, new, old_label=old_label, new_label=new_label, diff=diff, changes_only=changes_only)
    write_atomic(path, data)

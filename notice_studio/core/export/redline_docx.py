"""Redline of two versions as a Word document with real tracked changes.

Insertions and deletions are Word revisions (`w:ins`/`w:del` with author and date), so Word
and LibreOffice can accept or reject each one. A moved clause is a move: its old text sits
where it was as "moved from" and its new text where it is now as "moved to". Bold, italics,
lists and headings are kept; cross-references read "section N" and link to the clause. Where
the change notice explains a change, that sentence is a comment on the clause. A summary of
changes comes first (not tracked). The text compared is what readers see (placeholder values
filled in).
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from os import PathLike
from typing import Any

from docx import Document

from notice_studio.core.diff.lines import diff_body
from notice_studio.core.diff.notices import ChangeKind, ClauseChange, NoticeDiff, diff_notices, render_placeholders
from notice_studio.core.diff.words import DELETE, EQUAL, INSERT, Op, WordOp
from notice_studio.core.export.docx import bookmark_names
from notice_studio.core.export.docx_blocks import (
    Lists,
    View,
    add_bookmark,
    add_styled_paragraph,
    clean_xml,
    write_blocks,
)
from notice_studio.core.export.docx_direction import set_direction
from notice_studio.core.export.docx_revisions import Revisions
from notice_studio.core.export.md_blocks import AtomTable, Block, aligned, blocks_from_ops
from notice_studio.core.export.moved_text import find_text_moves
from notice_studio.core.export.redline import status_text
from notice_studio.core.fileio import write_atomic
from notice_studio.core.notice.model import Notice

__all__ = ["COMMENT_AUTHOR", "build_redline_document", "redline_docx", "redline_docx_bytes"]

COMMENT_AUTHOR = "Change notice"


def _plain(op: Op) -> tuple[Op, bool]:
    return op, False


def _moved_away(op: Op) -> tuple[Op, bool] | None:
    """The old place of a moved clause: its text moved from here (words taken out stay deleted)."""
    if op == INSERT:
        return None
    return DELETE, op == EQUAL


def _moved_here(op: Op) -> tuple[Op, bool] | None:
    """The new place of a moved clause: its text moved to here (new words inserted)."""
    if op == DELETE:
        return None
    return INSERT, op == EQUAL


def _ordered(diff: NoticeDiff, old: Notice, changes_only: bool) -> list[tuple[ClauseChange, str]]:
    """(change, 'here' | 'away') in reading order, each moved clause also at its old place."""
    shown = [c for c in diff.clauses if c.is_change or not changes_only]
    moved = {c.clause_id for c in shown if c.moved}
    if not moved:
        return [(c, "here") for c in shown]
    old_order = [clause.id for clause, _, _ in old.walk()]
    anchor_of: dict[str, str | None] = {}
    for cid in moved:
        index = old_order.index(cid)
        anchor = next((old_order[k] for k in range(index - 1, -1, -1) if old_order[k] not in moved), None)
        anchor_of[cid] = anchor
    out: list[tuple[ClauseChange, str]] = []
    by_anchor: dict[str | None, list[ClauseChange]] = {}
    for cid in sorted(moved, key=old_order.index):
        by_anchor.setdefault(anchor_of[cid], []).append(diff.clause(cid))
    out.extend((c, "away") for c in by_anchor.pop(None, []))
    for change in diff.clauses:
        if change in shown:
            out.append((change, "here"))
        out.extend((c, "away") for c in by_anchor.pop(change.clause_id, []))
    for rest in by_anchor.values():
        out.extend((c, "away") for c in rest)
    return out


def _text_moved(op: Op) -> tuple[Op, bool] | None:
    """A paragraph or item moved on its own: its words are moved from (deleted) or to (inserted)."""
    return op, op != EQUAL


class _RedlineWriter:
    def __init__(self, document: Any, revisions: Revisions, old: Notice, new: Notice, diff: NoticeDiff) -> None:
        self.document = document
        self.revisions = revisions
        self.old, self.new = old, new
        ids = [c.id for c, _, _ in new.walk()]
        ids += [c.id for c, _, _ in old.walk() if c.id not in set(ids)]
        self.bookmarks = bookmark_names(ids)
        numbers = {**old.numbers(), **new.numbers()}
        self.atoms = AtomTable(numbers=numbers, old_numbers=old.numbers(), language=new.language or "en")
        self.next_bookmark = 1
        self.next_move = 1
        self._moves: dict[str, int] = {}
        self.text_moves = find_text_moves(diff.clauses, self.ops, self.atoms)

    def ops(self, change: ClauseChange) -> tuple[WordOp, ...]:
        old_body = render_placeholders(change.old_body or "", self.old.variables)
        new_body = render_placeholders(change.new_body or "", self.new.variables)
        if change.old_body is None:
            return (WordOp(INSERT, self.atoms.encode(new_body)),) if new_body else ()
        if change.new_body is None:
            return (WordOp(DELETE, self.atoms.encode(old_body, old=True)),) if old_body else ()
        return aligned(diff_body(self.atoms.encode(old_body, old=True), self.atoms.encode(new_body)))

    def clause(self, change: ClauseChange, place: str, comments: Mapping[str, list[str]]) -> None:
        view: View = _plain
        number = change.new_number or change.old_number or ""
        if place == "away":
            view, number = _moved_away, change.old_number or ""
        elif change.moved:
            view = _moved_here
        heading = add_styled_paragraph(self.document, f"Heading {min(change.depth + 1, 9)}")
        number_op: Op = (
            INSERT if change.kind == ChangeKind.ADDED else DELETE if change.kind == ChangeKind.REMOVED else EQUAL
        )
        if place == "here":
            add_bookmark(heading, self.bookmarks[change.clause_id], self.next_bookmark)
            self.next_bookmark += 1
        seen = view(number_op)
        if seen is not None:
            self.revisions.run(heading, f"{number} ", seen[0], moved=seen[1])
        for op in change.rendered_title_ops:
            seen = view(op.op)
            if seen is not None:
                self.revisions.run(heading, clean_xml(op.text.replace("\n", " ")), seen[0], moved=seen[1])
        mark = view(number_op)
        self.revisions.mark_paragraph(heading, mark[0] if mark else DELETE, moved=bool(mark and mark[1]))
        paragraphs = [heading]
        if change.is_change and place == "here":
            status = " ".join(filter(None, (status_text(change), self.text_moves.note(change.clause_id))))
            notes = comments.get(change.clause_id, [])
            if notes:
                self.revisions.comment(self.document, heading, heading, " ".join(notes), author=COMMENT_AUTHOR)
            elif status:
                self.revisions.comment(self.document, heading, heading, status, author=COMMENT_AUTHOR)
        tables = self.old.tables if change.new_body is None else self.new.tables
        old_tables = self.old.tables if change.old_body is not None and change.new_body is not None else None
        if change.moved:  # the whole clause is one move; Word has no move inside a move
            blocks = blocks_from_ops(self.ops(change), self.atoms)
            segments = [(0, blocks)]
        else:
            blocks = blocks_from_ops(self.text_moves.ops[change.clause_id], self.atoms)
            segments = _segments(blocks, self.text_moves.block_moves(change.clause_id, blocks))
        lists = Lists()  # a move inside a numbered list is tracked in that list, not a new list
        for move, part in segments:
            written = write_blocks(
                self.document,
                part,
                self.revisions,
                depth=change.depth,
                view=_text_moved if move else view,
                bookmarks=self.bookmarks,
                tables=tables,
                old_tables=old_tables,
                lists=lists,
            )
            if move and written:  # a tracked move: Word pairs its two ends by name
                self.revisions.move_range(written[0], written[-1], part[0].op, f"ns_text_move_{move}")
            paragraphs += written
        if change.moved:
            name = f"ns_move_{self._move_number(change)}"
            self.revisions.move_range(paragraphs[0], paragraphs[-1], DELETE if place == "away" else INSERT, name)

    def _move_number(self, change: ClauseChange) -> int:
        if change.clause_id not in self._moves:
            self._moves[change.clause_id] = self.next_move
            self.next_move += 1
        return self._moves[change.clause_id]


def _segments(blocks: list[Block], numbers: list[int]) -> list[tuple[int, list[Block]]]:
    """The blocks in runs: (0, blocks not moved) and (move number, blocks moved together)."""
    out: list[tuple[int, list[Block]]] = []
    for block, number in zip(blocks, numbers, strict=True):
        key = number and (number, block.op)
        if out and (out[-1][0] and (out[-1][0], out[-1][1][0].op)) == key:
            out[-1][1].append(block)
        else:
            out.append((number, [block]))
    return out


def build_redline_document(
    diff: NoticeDiff,
    old: Notice,
    new: Notice,
    *,
    title: str,
    old_label: str,
    new_label: str,
    changes_only: bool = False,
    author: str = "Notice Studio",
    when: dt.datetime | None = None,
) -> Any:
    """The python-docx Document for the redline."""
    from notice_studio.core.diff.changes import draft_change_notice

    document = Document()
    document.core_properties.title = clean_xml(f"Changes to {title}")
    document.core_properties.author = clean_xml(author)
    document.add_heading(clean_xml(f"Changes to {title}"), level=0)
    document.add_paragraph(clean_xml(f"Comparing {old_label} with {new_label}."))
    document.add_paragraph(
        "The changes are tracked changes: in Word or LibreOffice, use Review to accept or reject each one. "
        "Comments explain changes in the words of the change notice."
    )
    document.add_heading("Summary of changes", level=1)
    if not diff.has_changes:
        document.add_paragraph("There are no changes between these versions.")
    else:
        document.add_paragraph(diff.summary.sentence())
        for change in diff.changes():
            label = f"{change.number} {change.title}".strip()
            document.add_paragraph(clean_xml(f"{label}: {status_text(change)}"), style="List Bullet")
        for v in diff.variables:
            document.add_paragraph(
                clean_xml(f"Placeholder {v.name}: {v.old_value or '(not set)'} \u2192 {v.new_value or '(not set)'}"),
                style="List Bullet",
            )
        for t in diff.tables:
            document.add_paragraph(clean_xml(f"Table {t.name}: {t.counts()}"), style="List Bullet")
        for f in diff.fields:
            document.add_paragraph(
                clean_xml(f"{f.field.capitalize()}: {f.old_value} \u2192 {f.new_value}"), style="List Bullet"
            )
    comments: dict[str, list[str]] = {}
    if diff.has_changes:
        for item in draft_change_notice(diff).items:
            for clause_id in item.clause_ids:
                comments.setdefault(clause_id, []).append(item.sentence)
    writer = _RedlineWriter(document, Revisions(author, when), old, new, diff)
    framing = len(document.element.body)  # the summary above is in English; the clauses in the notice's language
    for change, place in _ordered(diff, old, changes_only):
        writer.clause(change, place, comments)
    set_direction(list(document.element.body)[framing - 1 : -1], new.language or old.language)
    return document


def redline_docx_bytes(
    old: Notice,
    new: Notice,
    *,
    old_label: str = "the earlier version",
    new_label: str = "the draft",
    diff: NoticeDiff | None = None,
    changes_only: bool = False,
    author: str = "Notice Studio",
    when: dt.datetime | None = None,
) -> bytes:
    """The redline as the bytes of a .docx file."""
    diff = diff if diff is not None else diff_notices(old, new)
    document = build_redline_document(
        diff,
        old,
        new,
        title=new.title or old.title or "the notice",
        old_label=old_label,
        new_label=new_label,
        changes_only=changes_only,
        author=author,
        when=when,
    )
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def redline_docx(old: Notice, new: Notice, path: str | PathLike[str], **options: Any) -> None:
    """Write the redline to `path` as a .docx file."""
    data = redline_docx_bytes(old, new, **options)
    write_atomic(path, data)

"""`notice-studio diff DIR A B`: compare two versions (vN, draft, or a saved edit's commit id)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from notice_studio.cli.common import CommandError, add_folder, open_notice, version_ref
from notice_studio.cli.output import write_data, write_output
from notice_studio.core.diff.references import labels as ref_labels
from notice_studio.core.diff.references import side_references, with_section_numbers
from notice_studio.core.fileio import output_file

FORMATS = ("text", "json", "html", "docx")
JSON_FORMAT_VERSION = 1


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("diff", help="compare two versions clause by clause")
    add_folder(p)
    p.add_argument("a", metavar="A", type=version_ref, help="the earlier version: v1, v2, ..., draft, or a saved edit")
    p.add_argument("b", metavar="B", type=version_ref, help="the later version: v1, v2, ..., draft, or a saved edit")
    p.add_argument(
        "--format", choices=FORMATS, default="text", help="text (default), json, html (a redline page) or docx"
    )
    p.add_argument("--out", default=None, metavar="PATH", help="write to this file (required for docx)")
    p.add_argument("--all", action="store_true", help="include unchanged clauses (json, html, docx)")
    p.set_defaults(func=cmd_diff)


def _label(repo, ref: str) -> str:
    """'v2' -> 'version 2 (effective 2025-03-01)', 'draft' -> 'the draft', a commit -> 'the edit 1a2b3c4d'."""
    if ref in ("draft", "HEAD"):
        return "the draft"
    if ref.startswith("v") and ref[1:].isdigit():
        version = repo.version(ref)
        return f"version {version.number}" + (
            f" (effective {version.effective.isoformat()})" if version.effective else ""
        )
    return f"the edit {repo.resolve(ref)[:8]}"


def _changed_by(repo, ref: str):
    """Who made the later version and when: its publisher, or the author of its last edit."""
    import datetime as dt

    if ref.startswith("v") and ref[1:].isdigit():
        version = repo.version(ref)
        try:
            return version.published_by or "Notice Studio", dt.datetime.fromisoformat(version.published_at)
        except (TypeError, ValueError):
            return version.published_by or "Notice Studio", None
    commit = repo.resolve(ref)
    for edit in repo.edits(limit=500):
        if edit.commit == commit:
            try:
                return edit.author, dt.datetime.fromisoformat(edit.when)
            except ValueError:
                return edit.author, None
    return None


_SUFFIXES = {"text": (".txt",), "json": (".json",), "html": (".html", ".htm"), "docx": (".docx",)}
"""The file name endings of each comparison format (export's rule: `fileio.output_file`)."""


def cmd_diff(args: argparse.Namespace) -> int:
    from notice_studio.core.diff.notices import diff_notices

    if args.format == "docx" and not args.out:
        raise CommandError("A Word redline is a file; add --out PATH, for example --out changes.docx")
    if args.out:  # refuse a path that cannot be written, or names another format's file, before comparing
        output_file(args.out, "changes.html", kind=args.format, suffixes=_SUFFIXES)
    with open_notice(args.folder) as repo:
        old, new = repo.notice_at(args.a), repo.notice_at(args.b)
        old_label, new_label = _label(repo, args.a), _label(repo, args.b)
        changed_by = _changed_by(repo, args.b) if args.format == "docx" else None
    diff = diff_notices(old, new)

    if args.format == "json":
        from notice_studio.core.diff.changes import draft_change_notice

        data = diff_json(diff, args.a, args.b, draft_change_notice(diff), args.all)
        _emit(args.out, json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    elif args.format == "html":
        from notice_studio.core.export.redline import redline_html

        page = redline_html(old, new, old_label=old_label, new_label=new_label, diff=diff, changes_only=not args.all)
        _emit(args.out, page, data=True)
    elif args.format == "docx":
        from notice_studio.core.export.redline_docx import redline_docx_bytes

        who, when = changed_by or ("Notice Studio", None)
        docx_bytes = redline_docx_bytes(
            old,
            new,
            old_label=old_label,
            new_label=new_label,
            diff=diff,
            changes_only=not args.all,
            author=who,
            when=when,
        )
        _emit(args.out, docx_bytes)
    else:
        from notice_studio.core.diff.changes import draft_change_notice

        _emit(args.out, diff_text(diff, old_label, new_label, draft_change_notice(diff).text))
    return 0


def _emit(out: str | None, content: str | bytes, *, data: bool = False) -> None:
    """`content` to the --out file, else printed (`data`, the HTML page: exact into a file or pipe)."""
    if out is None:
        assert isinstance(content, str)  # a Word redline needs --out (refused above)
        (write_data if data else sys.stdout.write)(content)
        return
    write_output(Path(out), content)
    print(f"Wrote {out}.")


# ----- JSON -------------------------------------------------------------------------------------
def _ops(ops) -> list[list]:
    """[op, text], or [op, text, move number] for words moved (see "moves")."""
    return [[o.op, o.text, o.moved] if o.moved else [o.op, o.text] for o in ops]


def diff_json(diff, a: str, b: str, notice=None, include_unchanged: bool = False) -> dict:
    """The stable JSON form of a diff (format version 1; see docs/diff-json.md)."""
    s = diff.summary
    clauses = diff.clauses if include_unchanged else diff.changes()
    data = {
        "format": JSON_FORMAT_VERSION,
        "from": a,
        "to": b,
        "summary": {
            "unchanged": s.unchanged,
            "modified": s.modified,
            "added": s.added,
            "removed": s.removed,
            "moved": s.moved,
            "renamed": s.renamed,
            "variables": s.variables,
            "tables": s.tables,
            "fields": s.fields,
            "practices": s.practices,
            "changed": s.changed,
            "total": s.total,
        },
        "clauses": [
            {
                "id": c.clause_id,
                "kind": c.kind.value,
                "old_number": c.old_number,
                "new_number": c.new_number,
                "old_parent": c.old_parent,
                "new_parent": c.new_parent,
                "depth": c.depth,
                "old_title": c.old_title,
                "new_title": c.new_title,
                "renamed": c.renamed is not None,
                "moved": c.moved,
                "topics": list(c.topics),
                "title_ops": _ops(c.title_ops),
                "body_ops": _ops(c.word_ops),
                "rendered_ops": _ops(c.rendered_ops),
                "variables_changed": list(c.variables_changed),
                "tables_changed": list(c.tables_changed),
                "old_id": c.old_id,
            }
            for c in clauses
        ],
        "moves": [{"number": m.number, "from": m.from_clause, "to": m.to_clause, "text": m.text} for m in diff.moves],
        "practices": [{"topic": p.topic, "sentence": p.sentence} for p in diff.practices],
        "variables": [
            {"name": v.name, "kind": v.kind.value, "old": v.old_value, "new": v.new_value, "used_in": list(v.used_in)}
            for v in diff.variables
        ],
        "tables": [
            {
                "name": t.name,
                "kind": t.kind.value,
                "old_columns": list(t.old_columns),
                "new_columns": list(t.new_columns),
                "columns_added": list(t.columns_added),
                "columns_removed": list(t.columns_removed),
                "rows": [
                    {
                        "kind": r.kind.value,
                        "key": r.key,
                        "label": r.name,
                        "old": list(r.old_row) if r.old_row is not None else None,
                        "new": list(r.new_row) if r.new_row is not None else None,
                        "changed_columns": list(r.changed_columns),
                        "cells": [{"column": c.column, "old": c.old_value, "new": c.new_value} for c in r.cells],
                    }
                    for r in t.rows
                ],
                "used_in": list(t.used_in),
            }
            for t in diff.tables
        ],
        "fields": [{"field": f.field, "old": f.old_value, "new": f.new_value} for f in diff.fields],
    }
    if notice is not None:
        data["change_notice"] = {
            "text": notice.text,
            "material": notice.material,
            "items": [
                {"topic": i.topic, "sentence": i.sentence, "material": i.material, "clauses": list(i.clause_ids)}
                for i in notice.items
            ],
        }
    return data


# ----- text -------------------------------------------------------------------------------------
_MARKS = {"modified": "~", "added": "+", "removed": "-", "moved": ">", "moved-modified": ">", "unchanged": " "}
_CONTEXT_WORDS = 8


def _trim(text: str, keep_start: bool, keep_end: bool) -> str:
    """Shorten unchanged text to a few words of context next to the changes."""
    words = text.split(" ")
    if len(words) <= 2 * _CONTEXT_WORDS + 1:
        return text
    # Keep the spaces at either end: they separate this text from the marked words around it.
    head = " ".join(words[:_CONTEXT_WORDS]) + " ..." if keep_start else "..."
    tail = " " + " ".join(words[-_CONTEXT_WORDS:]) if keep_end else ""
    return head + tail


def word_diff_text(ops, move_labels=None) -> str:
    """`[-old-]{+new+}` marks, git's --word-diff style, with long unchanged stretches trimmed;
    moved words are `[~moved to section 9: old~]` and `{~moved from section 8: new~}`."""
    old_labels, new_labels = move_labels or ({}, {})
    out = []
    for n, op in enumerate(ops):
        if op.moved and op.op in ("insert", "delete"):
            label = (new_labels if op.op == "insert" else old_labels).get(op.moved, "moved")
            lead = op.text[: len(op.text) - len(op.text.lstrip())]
            trail = op.text[len(op.text.rstrip()) :] if op.text.strip() else ""
            opening, closing = ("{~", "~}") if op.op == "insert" else ("[~", "~]")
            out.append(f"{lead}{opening}{label}: {op.text.strip()}{closing}{trail}")
        elif op.op == "insert":
            out.append("{+" + op.text + "+}")
        elif op.op == "delete":
            out.append("[-" + op.text + "-]")
        else:
            out.append(_trim(op.text, keep_start=n > 0, keep_end=n < len(ops) - 1))
    return "".join(out)


def _moves_told(diff, change, labels) -> list[str]:
    """'    moved from section 8: To market our products ...' for an added or removed section."""
    told = []
    for move in diff.moves:
        if change.kind == "added" and move.to_clause == change.clause_id:
            label = labels[1].get(move.number, "moved")
        elif change.kind == "removed" and move.from_clause == change.clause_id:
            label = labels[0].get(move.number, "moved")
        else:
            continue
        told.append(f"    {label}: " + _trim(" ".join(move.text.split()), True, False))
    return told


def diff_text(diff, old_label: str, new_label: str, change_notice: str | None = None) -> str:
    lines = [f"Comparing {old_label} with {new_label}."]
    if not diff.has_changes:
        lines.append("No changes.")
        return "\n".join(lines) + "\n"
    lines.append(diff.summary.sentence())
    old_refs, new_refs = side_references(diff)
    labels = diff.move_labels()
    for c in diff.changes():
        number = c.new_number or f"(was {c.old_number})"
        where = f" (was {c.old_number})" if c.moved else ""
        lines.append("")
        kind = c.kind.value if c.kind != "unchanged" else ("values changed" if c.variables_changed else "table changed")
        lines.append(f"{_MARKS[c.kind.value]} {number} {c.title}{where}  [{c.clause_id}]  {kind}")
        if c.renamed:
            lines.append(f'    renamed: "{c.renamed[0]}" -> "{c.renamed[1]}"')
        if c.old_id:
            lines.append(f"    was [{c.old_id}] in the earlier version (a new id; paired by its words)")
        if c.kind in ("added", "removed"):
            body = c.new_body if c.kind == "added" else c.old_body
            body = ref_labels(body or "", new_refs if c.kind == "added" else old_refs)
            lines.append("    " + _trim(" ".join(body.split()), True, True))
            lines += _moves_told(diff, c, labels)
        elif c.body_changed or c.variables_changed:
            ops = with_section_numbers(c.rendered_ops, old_refs, new_refs)
            for line in word_diff_text(ops, labels).splitlines():
                if line.strip():
                    lines.append("    " + line)
        if c.variables_changed:
            lines.append("    values changed: " + ", ".join(c.variables_changed))
        if c.tables_changed:
            lines.append("    tables changed: " + ", ".join(c.tables_changed))
    if diff.practices:
        lines += ["", "Practices:"]
        lines += [f"  {p.sentence}" for p in diff.practices]
    if diff.variables:
        lines += ["", "Placeholder values:"]
        for v in diff.variables:
            lines.append(
                f"  {v.name}: {v.old_value if v.old_value is not None else '(not set)'} -> "
                f"{v.new_value if v.new_value is not None else '(not set)'}"
            )
    if diff.tables:
        lines += ["", "Tables:"]
        for t in diff.tables:
            lines.append(f"  {t.name} ({t.kind.value})")
            for r in t.rows:
                told = "; ".join(cell.text() for cell in r.cells)
                lines.append(f"    {_MARKS.get(r.kind.value, '~')} {r.name}" + (f" ({told})" if told else ""))
    if diff.fields:
        lines += ["", "Notice details:"]
        lines += [f"  {f.field}: {f.old_value} -> {f.new_value}" for f in diff.fields]
    if change_notice:
        lines += ["", "Suggested change notice (edit before publishing):"]
        lines += ["  " + line for line in change_notice.splitlines()]
    return "\n".join(lines) + "\n"

"""Redline of two versions as one standalone HTML page.

Insertions and deletions are `<ins>`/`<del>` with visually hidden "inserted:"/"deleted:" words
for screen readers; moved clauses say where they came from; a summary at the top links to each
change. The text compared is what readers see (placeholder values filled in), with its
formatting: paragraphs, real lists, bold and italics; cross-references read "section N" and
link to that section when it is on the page. Every text is escaped, and the body is passed
through the nh3 allow-list before the shared page (`html_page.page_html`, which sanitises it
again and inlines the shipped CSS) wraps it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Collection, Sequence

import nh3

from notice_studio.core.diff.changes import placeholder_label
from notice_studio.core.diff.lines import diff_body
from notice_studio.core.diff.notices import (
    ChangeKind,
    ClauseChange,
    NoticeDiff,
    TableChange,
    diff_notices,
    render_placeholders,
)
from notice_studio.core.diff.table_rows import (
    hidden_columns,
    listed_columns,
    listed_row_by_row,
    row_status,
    shown_columns,
)
from notice_studio.core.diff.words import DELETE, EQUAL, INSERT, WordOp
from notice_studio.core.export.html_page import page_html
from notice_studio.core.export.md_blocks import AtomTable, Block, Piece, aligned, blocks_from_ops
from notice_studio.core.export.moved_text import find_text_moves
from notice_studio.core.notice.languages import english_page_language, is_english, text_direction
from notice_studio.core.notice.model import Notice
from notice_studio.core.render.markdown import table_caption

__all__ = ["REDLINE_CSS", "anchor_id", "redline_body", "redline_html", "status_text"]

_ALLOWED_TAGS = {
    "header",
    "nav",
    "main",
    "section",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "div",
    "span",
    "ol",
    "ul",
    "li",
    "a",
    "ins",
    "del",
    "strong",
    "em",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "code",
    "blockquote",
    "dl",
    "dt",
    "dd",
}
_ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "aria-labelledby", "aria-label", "lang", "dir"},
    "a": {"href"},
    "th": {"scope"},
    "div": {"role", "tabindex"},  # a table's scrolling box is a named region the keyboard reaches
}

REDLINE_CSS = """
.visually-hidden { position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.redline ins { background: #d7f5dd; color: #0b4f1c; text-decoration: underline; text-decoration-thickness: 2px; }
.redline del { background: #fde2e1; color: #7a1111; text-decoration: line-through; }
.redline-text { overflow-wrap: anywhere; }
.redline-clause { border-left: 4px solid transparent; padding-left: 0.75rem; margin: 1.25rem 0; }
.redline-modified { border-left-color: #b58900; }
.redline-added { border-left-color: #2e7d32; }
.redline-removed { border-left-color: #c62828; }
.redline-moved { border-left-color: #1565c0; border-left-style: dashed; }
.redline-status { font-style: italic; margin: 0.25rem 0; }
.redline-moved-text ins, .redline-moved-text del { background: #e3ecfb; color: #0d3c8c;
  text-decoration: underline dashed; }
.redline-move-label { font-style: italic; font-weight: 600; color: #0d3c8c; }
.redline-badge { display: inline-block; font-size: 0.8em; font-weight: 600; border: 1px solid currentColor;
  border-radius: 0.25rem; padding: 0 0.3rem; margin-left: 0.4rem; vertical-align: middle; }
.redline-summary { border: 1px solid #999; padding: 0.5rem 1rem; margin-bottom: 1.5rem; }
.redline-values td, .redline-values th { border: 1px solid #bbb; padding: 0.2rem 0.5rem; text-align: left; }
.redline-values { border-collapse: collapse; }
.redline-values th[scope="row"] { font-weight: normal; }
.redline-table-rows { list-style: none; padding: 0; overflow-wrap: anywhere; }
.redline-row { font-weight: 600; margin: 0.75rem 0 0.25rem; }
.redline-table-rows dt { font-weight: 600; }
.redline-table-rows dd { margin: 0 0 0.35rem 1rem; }
@media print { .redline-summary a { color: inherit; } }
"""

_KIND_WORDS = {
    ChangeKind.MODIFIED: "Changed",
    ChangeKind.ADDED: "Added",
    ChangeKind.REMOVED: "Removed",
    ChangeKind.MOVED: "Moved",
    ChangeKind.MOVED_MODIFIED: "Moved and changed",
}


def anchor_id(clause_id: str) -> str:
    """The id of a clause's section in the redline ("change-<clause id>")."""
    return "change-" + re.sub(r"[^a-z0-9-]", "-", clause_id.lower())


def _esc(text: str) -> str:
    return html.escape(text, quote=True)


_EMPHASIS = re.compile(r"\*\*|__")
_BULLET = re.compile(r"(^|\n)[ \t]*[-*+][ \t]+")
_TABLE_MARK = re.compile(r"\[\[\s*table:\s*([a-z0-9][a-z0-9-]*)\s*\]\]")


def reader_text(text: str, at_line_start: bool) -> str:
    """The words as a reader sees them: no bold markers, list dashes shown as bullets, an
    embedded table as 'Table: cookies' (as the redline page shows it), never its `[[table:...]]`."""
    text = _TABLE_MARK.sub(r"Table: \1", _EMPHASIS.sub("", text))
    if at_line_start:
        text = "\n" + text
    text = _BULLET.sub(lambda m: m.group(1) + "\u2022 ", text)
    return text[1:] if at_line_start else text


def _ops_html(ops: tuple[WordOp, ...]) -> str:
    """A title's words with insertions and deletions marked (titles are one line of text)."""
    return "".join(_mark(op.op, _esc(op.text.replace("\n", " "))) for op in ops)


def _mark(op: str, inner: str) -> str:
    if not inner:
        return ""
    if op == INSERT:
        return (
            f'<ins><span class="visually-hidden">inserted: </span>{inner}'
            '<span class="visually-hidden"> (end of insertion)</span></ins>'
        )
    if op == DELETE:
        return (
            f'<del><span class="visually-hidden">deleted: </span>{inner}'
            '<span class="visually-hidden"> (end of deletion)</span></del>'
        )
    return inner


def _piece_inner(piece: Piece, links: Collection[str]) -> str:
    inner = _esc(piece.shown)
    if piece.code:
        inner = f"<code>{inner}</code>"
    if piece.italic:
        inner = f"<em>{inner}</em>"
    if piece.bold:
        inner = f"<strong>{inner}</strong>"
    if piece.target and piece.target in links:
        inner = f'<a href="#{anchor_id(piece.target)}">{inner}</a>'
    return inner


def _inline_html(block: Block, links: Collection[str]) -> str:
    """A block's words; neighbouring pieces inserted (or deleted) together are one insertion, so
    a screen reader says "inserted" once for words that differ only in bold or a link."""
    out: list[str] = []
    run_op, run = EQUAL, ""
    for piece in block.pieces:
        if piece.kind not in ("text", "atom", "soft") or not piece.shown:
            continue
        if piece.op != run_op:
            out.append(_mark(run_op, run))
            run_op, run = piece.op, ""
        run += _piece_inner(piece, links)
    out.append(_mark(run_op, run))
    return "".join(o for o in out if o)


def _blocks_html(blocks: list[Block], depth: int, links: Collection[str], move_labels: Sequence[str] = ()) -> str:
    """Clause text as paragraphs, real lists and headings, with the changes marked inside; a
    paragraph or item that moved is marked as moved, labelled where the move starts."""
    out: list[str] = []
    open_lists: list[tuple[str, int]] = []  # (tag, level)

    def close_to(level: int) -> None:
        while open_lists and open_lists[-1][1] >= level:
            out.append(f"</li></{open_lists.pop()[0]}>")

    for k, block in enumerate(blocks):
        if block.style == "table":
            close_to(0)
            out.append(
                _mark(
                    block.op, f'<p class="redline-table"><em>Table: {_esc(table_caption(block.table or ""))}</em></p>'
                )
            )
            continue
        inner = _inline_html(block, links)
        if not inner:
            continue
        label = move_labels[k] if k < len(move_labels) else ""
        if label:
            told = f'<span class="redline-move-label">\u21c4 {_esc(label)}:</span> ' if label.strip() else ""
            inner = f'<span class="redline-moved-text">{told}{inner}</span>'
        if block.style in ("bullet", "number"):
            tag = "ul" if block.style == "bullet" else "ol"
            if open_lists and open_lists[-1][1] == block.level and open_lists[-1][0] == tag:
                out.append(f"</li><li>{inner}")
                continue
            if open_lists and open_lists[-1][1] >= block.level:
                close_to(block.level)
            out.append(f"<{tag}><li>{inner}")
            open_lists.append((tag, block.level))
            continue
        close_to(0)
        if block.style == "heading":
            level = min(depth + 3, 6)
            out.append(f"<h{level}>{inner}</h{level}>")
        elif block.style == "quote":
            out.append(f"<blockquote><p>{inner}</p></blockquote>")
        else:
            out.append(f"<p>{inner}</p>")
    close_to(0)
    return "".join(out)


def _text_ops(
    change: ClauseChange, atoms: AtomTable, variables: tuple[dict[str, str], dict[str, str]]
) -> tuple[WordOp, ...]:
    """The clause body compared as readers see it, cross-references and placeholders kept whole."""
    old_body = render_placeholders(change.old_body or "", variables[0])
    new_body = render_placeholders(change.new_body or "", variables[1])
    if change.old_body is None:
        return (WordOp(INSERT, atoms.encode(new_body)),) if new_body else ()
    if change.new_body is None:
        return (WordOp(DELETE, atoms.encode(old_body, old=True)),) if old_body else ()
    return aligned(diff_body(atoms.encode(old_body, old=True), atoms.encode(new_body)))


def status_text(change: ClauseChange) -> str:
    """One plain sentence on what happened to the clause ('' when nothing did)."""
    parts = []
    if change.kind == ChangeKind.ADDED:
        parts.append("Added in this version.")
    elif change.kind == ChangeKind.REMOVED:
        parts.append(f"Removed (it was section {change.old_number}).")
    else:
        if change.moved:
            parts.append(f"Moved from section {change.old_number} to section {change.new_number}.")
        if change.renamed:
            parts.append("Renamed.")
        if change.body_changed:
            parts.append("Text changed.")
    if change.variables_changed:
        parts.append("Values changed: " + ", ".join(placeholder_label(n) for n in change.variables_changed) + ".")
    if change.tables_changed:
        parts.append("Table changed: " + ", ".join(change.tables_changed) + ".")
    return " ".join(parts)


def _kind_word(change: ClauseChange) -> str:
    if change.kind in _KIND_WORDS:
        return _KIND_WORDS[change.kind]
    return "Values changed" if change.variables_changed else "Table changed"


def _summary_html(diff: NoticeDiff) -> str:
    lines = [
        '<nav class="redline-summary" aria-labelledby="redline-summary-title">',
        '<h2 id="redline-summary-title">Summary of changes</h2>',
    ]
    if not diff.has_changes:
        lines.append("<p>There are no changes between these versions.</p></nav>")
        return "\n".join(lines)
    lines.append(f"<p>{_esc(diff.summary.sentence())}</p>")
    lines.append("<ol>")
    for change in diff.changes():
        label = f"{change.number} {change.title}".strip()
        lines.append(
            f'<li><a href="#{anchor_id(change.clause_id)}">{_esc(label)}</a> '
            f'<span class="redline-kind">({_esc(_kind_word(change).lower())})</span></li>'
        )
    if diff.variables:
        lines.append('<li><a href="#redline-values">Placeholder values</a></li>')
    if diff.tables:
        lines.append('<li><a href="#redline-tables">Tables</a></li>')
    if diff.fields:
        lines.append('<li><a href="#redline-fields">Notice details</a></li>')
    lines.append("</ol></nav>")
    return "\n".join(lines)


def _clause_html(change: ClauseChange, context: _Context) -> str:
    level = min(change.depth + 2, 6)
    css = {
        ChangeKind.UNCHANGED: "redline-unchanged",
        ChangeKind.MODIFIED: "redline-modified",
        ChangeKind.ADDED: "redline-added",
        ChangeKind.REMOVED: "redline-removed",
        ChangeKind.MOVED: "redline-moved",
        ChangeKind.MOVED_MODIFIED: "redline-moved redline-modified",
    }[change.kind]
    aid = anchor_id(change.clause_id)
    number = change.new_number if change.new_number else f"(was {change.old_number})"
    badge = f'<span class="redline-badge">{_esc(_kind_word(change))}</span>' if change.is_change else ""
    status = " ".join(filter(None, (status_text(change), context.notes(change))))
    return "\n".join(
        [
            f'<section class="redline-clause {css}" id="{aid}" aria-labelledby="{aid}-title">',
            (
                f'<h{level} id="{aid}-title"><span class="redline-number">{_esc(number)}</span> '
                f"{context.in_language(_ops_html(change.rendered_title_ops))}{badge}</h{level}>"
            ),
            f'<p class="redline-status">{_esc(status)}</p>' if status else "",
            f'<div class="redline-text"{context.language_attrs}>{context.body_html(change)}</div>',
            "</section>",
        ]
    )


def _values_html(diff: NoticeDiff) -> str:
    parts = []
    if diff.variables:
        parts.append(
            '<section id="redline-values" aria-labelledby="redline-values-title">'
            '<h2 id="redline-values-title">Placeholder values</h2>'
            '<div class="ns-table-wrap" role="region" aria-label="Values that changed" tabindex="0">'
            '<table class="redline-values"><thead><tr><th scope="col">Value</th>'
            '<th scope="col">Before</th><th scope="col">Now</th></tr></thead><tbody>'
        )
        for v in diff.variables:
            before = f"<del>{_esc(v.old_value)}</del>" if v.old_value is not None else "<em>not set</em>"
            after = f"<ins>{_esc(v.new_value)}</ins>" if v.new_value is not None else "<em>not set</em>"
            parts.append(f"<tr><td>{_esc(placeholder_label(v.name))}</td><td>{before}</td><td>{after}</td></tr>")
        parts.append("</tbody></table></div></section>")
    if diff.tables:
        parts.append(
            '<section id="redline-tables" aria-labelledby="redline-tables-title">'
            '<h2 id="redline-tables-title">Tables</h2>'
        )
        parts += [_table_html(t) for t in diff.tables]
        parts.append("</section>")
    if diff.fields:
        parts.append(
            '<section id="redline-fields" aria-labelledby="redline-fields-title">'
            '<h2 id="redline-fields-title">Notice details</h2><ul>'
        )
        for f in diff.fields:
            parts.append(
                f"<li>{_esc(f.field.capitalize())}: <del>{_esc(f.old_value)}</del> <ins>{_esc(f.new_value)}</ins></li>"
            )
        parts.append("</ul></section>")
    return "\n".join(parts)


def _table_html(t: TableChange) -> str:
    """A changed table: its changed rows under its headings, each row's first cell saying what
    happened, a changed cell's old value deleted and its new one inserted; a table wider than
    the grid allows lists each changed row's cells one under another, as the comparison does."""
    title = _esc(table_caption(t.name))
    hidden = hidden_columns(t)
    note = t.counts() + (f" Not shown, unchanged: {', '.join(hidden)}." if hidden else "")
    rows = _table_list_html(t) if listed_row_by_row(t) else _table_grid_html(t, title)
    return (
        f'<h3>{title} <span class="redline-badge">{_esc(t.kind.value)}</span></h3>'
        f'<p class="redline-status">{_esc(note)}</p>{rows}'
    )


def _cell_html(before: str, after: str) -> str:
    if before == after:
        return _esc(after)
    return " ".join(m for m in (_mark(DELETE, _esc(before)), _mark(INSERT, _esc(after))) if m)


def _table_grid_html(t: TableChange, title: str) -> str:
    columns = shown_columns(t)
    heads = "".join(
        f'<th scope="col">{_mark(DELETE if c in t.columns_removed else INSERT if c in t.columns_added else EQUAL, _esc(c))}</th>'
        for c in columns
    )
    rows = []
    for row in t.rows:
        old = dict(zip(t.old_columns, row.old_row or (), strict=False))
        new = dict(zip(t.new_columns, row.new_row or (), strict=False))
        cells = "".join(f"<td>{_cell_html(old.get(c, ''), new.get(c, ''))}</td>" for c in columns)
        rows.append(f'<tr><th scope="row">{_esc(row_status(row))}</th>{cells}</tr>')
    return (
        f'<div class="ns-table-wrap" role="region" aria-label="Changed rows of {title}" tabindex="0">'
        f'<table class="redline-values"><thead><tr><th scope="col">Change</th>{heads}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _table_list_html(t: TableChange) -> str:
    """Each changed row as a list item: its name and what happened, then the cells it needs, each
    column's heading over its value (no grid of columns too narrow for their words)."""
    items = []
    for row in t.rows:
        old = dict(zip(t.old_columns, row.old_row or (), strict=False))
        new = dict(zip(t.new_columns, row.new_row or (), strict=False))
        every = t.old_columns if row.kind == ChangeKind.REMOVED else t.new_columns
        cells = "".join(
            f"<dt>{_esc(c)}</dt><dd>{_cell_html(old.get(c, ''), new.get(c, ''))}</dd>"
            for c in listed_columns(row, every)
        )
        name = _esc(row.name or "(no name)")
        items.append(f'<li><p class="redline-row">{name} \u2014 {_esc(row_status(row))}</p><dl>{cells}</dl></li>')
    return f'<ul class="redline-table-rows">{"".join(items)}</ul>'


class _Context:
    """What every clause of one redline shares: numbers, placeholder values, which sections show,
    and the text moved within or between sections (found over the whole notice)."""

    def __init__(self, diff: NoticeDiff, clauses: tuple[ClauseChange, ...], old: Notice | None, new: Notice | None):
        numbers: dict[str, str] = {c.clause_id: c.old_number for c in diff.clauses if c.old_number}
        numbers.update({c.clause_id: c.new_number for c in diff.clauses if c.new_number})
        language = (new.language if new else None) or "en"
        old_numbers = {(c.old_id or c.clause_id): c.old_number for c in diff.clauses if c.old_number}
        self.atoms = AtomTable(numbers=numbers, old_numbers=old_numbers, language=language)
        # The redline's own words are English; the notice's text is marked with its language and direction.
        self.language_attrs = (
            "" if is_english(language) else f' lang="{_esc(language)}" dir="{text_direction(language)}"'
        )
        self.variables = (dict(old.variables) if old else {}, dict(new.variables) if new else {})
        self.links = frozenset(c.clause_id for c in clauses)
        self.plain = old is None or new is None
        self.moves = find_text_moves(diff.clauses, self._compared, self.atoms)

    def in_language(self, html: str) -> str:
        """`html` (the notice's own words) marked with its language, when that is not English."""
        return f"<span{self.language_attrs}>{html}</span>" if self.language_attrs else html

    def _compared(self, change: ClauseChange) -> tuple[WordOp, ...]:
        if self.plain:
            return tuple(WordOp(o.op, self.atoms.encode(o.text)) for o in change.rendered_ops)
        return _text_ops(change, self.atoms, self.variables)

    def notes(self, change: ClauseChange) -> str:
        """'Some text moved to section 9.' for each move out of, into or within the clause."""
        return self.moves.note(change.clause_id)

    def body_html(self, change: ClauseChange) -> str:
        ops = self.moves.ops[change.clause_id]
        blocks = blocks_from_ops(ops, self.atoms)
        numbers = self.moves.block_moves(change.clause_id, blocks)
        shown: set[tuple[str, int]] = set()
        labels: list[str] = []
        for block, number in zip(blocks, numbers, strict=True):
            label = ""
            if number:  # labelled where the move starts, marked as moved all through
                first = (block.op, number) not in shown
                shown.add((block.op, number))
                label = self.moves.labels[number][0 if block.op == DELETE else 1] if first else " "
            labels.append(label)
        return _blocks_html(blocks, change.depth, self.links, labels)


def redline_body(
    diff: NoticeDiff,
    *,
    title: str,
    old_label: str,
    new_label: str,
    changes_only: bool = False,
    old: Notice | None = None,
    new: Notice | None = None,
) -> str:
    """The redline as a sanitised HTML fragment (header, summary, clauses, values).

    With the two notices, placeholder values are filled in as each version had them."""
    clauses = diff.changes() if changes_only else diff.clauses
    context = _Context(diff, clauses, old, new)
    body = "\n".join(
        [
            '<div class="ns-notice redline">',
            "<header>",
            f"<h1>Changes to {_esc(title)}</h1>",
            (
                f'<p class="redline-versions">Comparing <strong>{_esc(old_label)}</strong> with '
                f"<strong>{_esc(new_label)}</strong>.</p>"
            ),
            (
                '<p class="redline-legend">Key: <ins>inserted text</ins>, <del>deleted text</del>. '
                "Moved sections say where they came from; moved paragraphs are labelled where they went"
                " and where they came from.</p>"
            ),
            "</header>",
            _summary_html(diff),
            '<main id="ns-main">',
            *(_clause_html(c, context) for c in clauses),
            _values_html(diff),
            "</main>",
            "</div>",
        ]
    )
    return nh3.clean(
        body,
        tags=_ALLOWED_TAGS,
        clean_content_tags={"script", "style"},
        attributes=_ALLOWED_ATTRIBUTES,
        url_schemes=set(),  # only in-page links (#change-...) survive
        link_rel=None,
    )


def redline_html(
    old: Notice,
    new: Notice,
    *,
    old_label: str = "the earlier version",
    new_label: str = "the draft",
    diff: NoticeDiff | None = None,
    changes_only: bool = False,
) -> str:
    """A standalone HTML page marking every change from `old` to `new`."""
    diff = diff if diff is not None else diff_notices(old, new)
    title = new.title or old.title or "the notice"
    body = redline_body(
        diff, title=title, old_label=old_label, new_label=new_label, changes_only=changes_only, old=old, new=new
    )
    page_title = f"Changes to {title}: {old_label} and {new_label}"
    # The page's own words are English; a notice in another language marks its clauses' text itself.
    return page_html(page_title, body, english_page_language(new.language), extra_css=REDLINE_CSS)

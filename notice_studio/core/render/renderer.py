"""Render a notice to HTML and plain text: numbering, placeholders, cross-references, tables.

`render(notice, options, cache)` is a pure function of its arguments (the optional cache only
remembers earlier answers). Each clause is parsed once with markdown-it (`js-default`: raw HTML
escaped, unsafe links refused) and rendered on its own, so after one keystroke only the
edited clause is parsed again; everything else comes from the cache.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections import OrderedDict
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token
from markdown_it.utils import EnvType

from notice_studio.core.notice.frame_words import has_frame_words
from notice_studio.core.notice.languages import text_direction
from notice_studio.core.notice.model import (
    CROSSREF_RE,
    PLACEHOLDER_RE,
    TABLE_RE,
    Clause,
    Notice,
    NoticeError,
    resolve_references,
)
from notice_studio.core.render.common import (
    LABELS,
    MARKER_STYLES,
    RenderContext,
    crossref_label,
    crossref_label_in,
    display_number,
    format_date,
    frame_html,
    labels,
    placeholder_value,
    token_text,
    unfilled_html,
    unfilled_marker,
)
from notice_studio.core.render.html import ClauseHtmlRenderer, contents_html
from notice_studio.core.render.markdown import (
    ANCHOR_PREFIX,
    PAGE_LINK_RE,
    anchor_for,
    clean_text,
    notice_markdown,
    plain_markdown,
    starts_sentence,
)
from notice_studio.core.render.text import tokens_to_lines

__all__ = [
    "ANCHOR_PREFIX",
    "LABELS",
    "MARKER_STYLES",
    "BrokenReference",
    "RenderCache",
    "RenderOptions",
    "RenderedClause",
    "RenderedNotice",
    "SourceSpan",
    "TocEntry",
    "anchor_for",
    "crossref_label",
    "display_number",
    "format_date",
    "labels",
    "placeholder_value",
    "render",
    "render_clause",
    "status_line",
    "text_direction",
    "unfilled_marker",
]


# ----- options and results ---------------------------------------------------------------------
@dataclass(frozen=True)
class RenderOptions:
    """What the caller decides: which version this is, its date, and how gaps are marked."""

    last_updated: dt.date | None = None
    """The effective date of the version being rendered (the store's Version.effective)."""
    version_label: str | None = None
    """"v3" for a published version; None renders the draft ("Draft — not published")."""
    takes_effect_later: bool = False
    """A published version whose date has not come: its page says "Takes effect", not "Last updated"."""
    never_in_force: bool = False
    """A published version replaced before its date: its page says so instead of either."""
    version_note: str = ""
    """Plain sentences under the date: which version applies until this one takes effect."""
    change_notice: str = ""
    """The version's change notice (Markdown), shown under the note of a version not in force yet."""
    language: str | None = None
    """The language of labels and the `lang` attribute; None uses the notice's language."""
    marker_style: str = "name"
    """Unfilled placeholders show as "[name]", "{{ name }}" ("braces") or "[__________]" ("blank")."""
    toc_depth: int | None = 2
    """Outline levels listed in the table of contents; None lists every level."""
    include_header: bool = True
    include_toc: bool = True

    def __post_init__(self) -> None:
        if self.marker_style not in MARKER_STYLES:
            raise NoticeError(
                f"'{self.marker_style}' is not a placeholder marker style; use one of {', '.join(MARKER_STYLES)}."
            )


@dataclass(frozen=True)
class TocEntry:
    clause_id: str
    anchor: str
    number: str
    title: str
    level: int
    """1 for top-level clauses."""


@dataclass(frozen=True)
class SourceSpan:
    """Lines [start_line, end_line) of a clause body rendered as the element `element_id`."""

    start_line: int
    end_line: int
    element_id: str


@dataclass(frozen=True)
class BrokenReference:
    clause_id: str
    target: str


@dataclass(frozen=True)
class RenderedClause:
    """One clause as a `<section>`: splice `html` into the page in place of the old section."""

    clause_id: str
    anchor: str
    number: str
    level: int
    title: str
    html: str
    text: str
    source_map: tuple[SourceSpan, ...]
    unfilled: tuple[str, ...]
    broken_references: tuple[str, ...]
    missing_tables: tuple[str, ...]


@dataclass(frozen=True)
class RenderedNotice:
    """Everything a view or an export needs; plain immutable data."""

    title: str
    language: str
    direction: str
    status_line: str
    header_html: str
    toc_html: str
    html: str
    """Header, contents and every clause inside `<article class="ns-notice">` (no page chrome)."""
    clauses: tuple[RenderedClause, ...]
    toc: tuple[TocEntry, ...]
    unfilled: Mapping[str, tuple[str, ...]]
    """Placeholder name -> ids of the clauses where it shows as unfilled."""
    broken_references: tuple[BrokenReference, ...]
    missing_tables: Mapping[str, tuple[str, ...]]
    """Table name -> ids of the clauses that embed a table the notice does not have."""
    source_maps: Mapping[str, tuple[SourceSpan, ...]]
    text: str
    """Plain text, numbered, one line per paragraph (the text export wraps it)."""
    version_label: str | None = None
    last_updated: dt.date | None = None
    version_note: str = ""
    change_notice: str = ""
    _by_id: Mapping[str, RenderedClause] = field(default_factory=dict, repr=False, compare=False)

    def clause(self, clause_id: str) -> RenderedClause:
        try:
            return self._by_id[clause_id]
        except KeyError:
            raise NoticeError(f"There is no clause with the id '{clause_id}' in this notice.") from None


ClauseKey = tuple[object, ...]
"""Everything a rendered clause depends on (see `_clause_key`)."""


class RenderCache:
    """Rendered clauses keyed by everything that shapes them; keep one per open notice.

    It holds a whole very large notice (13,000 sections and their stale versions): a cache smaller
    than the notice forgets every section before the next render asks for it again. Each answer
    counts as a fresh use, so when full it forgets the entry no render has asked for longest."""

    def __init__(self, max_entries: int = 131_072) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[ClauseKey, RenderedClause] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: ClauseKey) -> RenderedClause | None:
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                self.misses += 1
            else:
                self.hits += 1
                self._entries.move_to_end(key)  # now the newest: forgotten last
            return found

    def put(self, key: ClauseKey, value: RenderedClause) -> None:
        with self._lock:
            while len(self._entries) >= self.max_entries:
                self._entries.popitem(last=False)  # the entry unused longest: a stale one while any is
            self._entries[key] = value

    def __len__(self) -> int:
        return len(self._entries)


# ----- helpers shared with the exports ---------------------------------------------------------
def status_line(options: RenderOptions, language: str) -> str:
    """ "Last updated: 1 March 2026" for a published version, "Draft — not published" otherwise."""
    words = labels(language)
    if options.version_label is None:
        return words["draft"]
    when = format_date(options.last_updated, language) if options.last_updated else words["no_date"]
    return f"{words[_date_label(options)]}{words['colon']}{when}"


def _date_label(options: RenderOptions) -> str:
    if options.never_in_force and options.last_updated:
        return "never_in_force"
    return "takes_effect" if options.takes_effect_later and options.last_updated else "last_updated"


# ----- rendering -------------------------------------------------------------------------------
def render(notice: Notice, options: RenderOptions | None = None, cache: RenderCache | None = None) -> RenderedNotice:
    """The notice rendered for reading: HTML body, contents, plain text and what is missing."""
    options = options or RenderOptions()
    language = options.language or notice.language or "en"
    ctx = _context(notice, options, language)
    clauses = tuple(_cached_clause(clause, depth, number, ctx, cache) for clause, depth, number in notice.walk())
    return _assemble(notice, options, language, clauses)


def render_clause(
    notice: Notice, clause_id: str, options: RenderOptions | None = None, cache: RenderCache | None = None
) -> RenderedClause:
    """One clause as `render` would produce it (for splicing into a live preview)."""
    options = options or RenderOptions()
    language = options.language or notice.language or "en"
    ctx = _context(notice, options, language)
    for clause, depth, number in notice.walk():
        if clause.id == clause_id:
            return _cached_clause(clause, depth, number, ctx, cache)
    raise NoticeError(f"There is no clause with the id '{clause_id}' in this notice.")


def _context(notice: Notice, options: RenderOptions, language: str) -> RenderContext:
    return RenderContext(
        notice.numbers(),
        dict(notice.variables),
        dict(notice.tables),
        language,
        options.marker_style,
        notice.reference_aliases(),
    )


def _cached_clause(
    clause: Clause, depth: int, number: str, ctx: RenderContext, cache: RenderCache | None
) -> RenderedClause:
    if cache is None:
        return _render_clause(clause, depth, number, ctx)
    key = _clause_key(clause, depth, number, ctx)
    found = cache.get(key)
    if found is None:
        found = _render_clause(clause, depth, number, ctx)
        cache.put(key, found)
    return found


def _clause_key(clause: Clause, depth: int, number: str, ctx: RenderContext) -> ClauseKey:
    """Everything the rendered clause depends on, and nothing else."""
    text = resolve_references(clause.title + "\n" + clause.body, ctx.targets)
    table_names = TABLE_RE.findall(clause.body) if "table:" in clause.body else []
    tables: list[tuple[str, tuple[tuple[str, ...], tuple[tuple[str, ...], ...]] | None]] = []
    for name in table_names:
        table = ctx.tables.get(name)
        if table is None:
            tables.append((name, None))
            continue
        cells = (tuple(table.columns), tuple(tuple(row) for row in table.rows))
        tables.append((name, cells))
        text += "\n" + "\n".join(table.columns) + "\n" + "\n".join("\n".join(r) for r in table.rows)
    refs = (
        tuple((ref, ctx.numbers.get(ref)) for ref in dict.fromkeys(CROSSREF_RE.findall(text))) if "[[" in text else ()
    )
    names = (
        tuple((n, ctx.variables.get(n)) for n in dict.fromkeys(PLACEHOLDER_RE.findall(text))) if "{{" in text else ()
    )
    if "](" in text:  # an in-page link's href depends on whether its section exists
        refs += tuple((f"#{f}", ctx.numbers.get(f)) for f in dict.fromkeys(PAGE_LINK_RE.findall(text)))
    return (
        clause.id,
        clause.title,
        clause.body,
        depth,
        number,
        refs,
        names,
        tuple(tables),
        ctx.language,
        ctx.marker_style,
    )


def _render_clause(clause: Clause, depth: int, number: str, ctx: RenderContext) -> RenderedClause:
    md = notice_markdown()
    anchor = anchor_for(clause.id)
    level = min(depth + 2, 6)  # the notice title is h1
    env: EnvType = {
        "anchor": anchor,
        "heading_base": level,
        "variables": ctx.variables,
        "tables": ctx.tables,
        "clause_ids": ctx.numbers,
    }
    tokens = md.parse(resolve_references(clean_text(clause.body), ctx.targets), env)
    unfilled: dict[str, None] = {}
    broken: dict[str, None] = {}
    missing: dict[str, None] = {}
    for token in _all_tokens(tokens):
        if token.type == "ns_placeholder" and not placeholder_value(ctx.variables, token.meta["name"]):
            unfilled.setdefault(token.meta["name"], None)
        elif token.type == "ns_crossref" and token.meta["target"] not in ctx.numbers:
            broken.setdefault(token.meta["target"], None)
        elif token.type == "ns_table_missing":
            missing.setdefault(token.meta["name"], None)
    for name in env.get("unfilled_in_links", []):
        unfilled.setdefault(name, None)

    title_html, title_text = _title(clause.title, ctx, unfilled, broken)
    shown_number = display_number(number)
    renderer = ClauseHtmlRenderer(ctx)
    body_html = renderer.render(tokens, md.options, env)
    html = (
        f'<section class="ns-clause ns-depth-{depth}" id="{anchor}" aria-labelledby="{anchor}__title">\n'
        f'<h{level} class="ns-heading" id="{anchor}__title"><span class="ns-number">{shown_number}</span> {title_html}</h{level}>\n'
        f"{body_html}</section>\n"
    )
    lines = [f"{shown_number} {title_text}"]
    body_lines = tokens_to_lines(tokens, lambda token: token_text(token, ctx))
    if body_lines:
        lines += ["", *body_lines]
    return RenderedClause(
        clause_id=clause.id,
        anchor=anchor,
        number=number,
        level=depth + 1,
        title=title_text,
        html=html,
        text="\n".join(lines),
        source_map=tuple(_spans(env)),
        unfilled=tuple(unfilled),
        broken_references=tuple(broken),
        missing_tables=tuple(missing),
    )


def _spans(env: EnvType) -> list[SourceSpan]:
    return [SourceSpan(start, end, element_id) for start, end, element_id in env.get("spans", [])]


def _all_tokens(tokens: list[Token]) -> Iterator[Token]:
    for token in tokens:
        yield token
        if token.children:
            yield from token.children


def _title(title: str, ctx: RenderContext, unfilled: dict[str, None], broken: dict[str, None]) -> tuple[str, str]:
    """A clause title is plain text: placeholders filled, cross-references as "section N"."""
    title = resolve_references(" ".join(clean_text(title).split()), ctx.targets)
    html_parts: list[str] = []
    text_parts: list[str] = []
    pos = 0
    for match in _TITLE_RE.finditer(title):
        html_parts.append(escapeHtml(title[pos : match.start()]))
        text_parts.append(title[pos : match.start()])
        pos = match.end()
        if match.group("name"):
            name = match.group("name")
            value = placeholder_value(ctx.variables, name)
            if value:
                html_parts.append(escapeHtml(value))
                text_parts.append(value)
            else:
                unfilled.setdefault(name, None)
                marker = unfilled_marker(name, ctx.marker_style)
                html_parts.append(unfilled_html(name, marker, ctx.language))
                text_parts.append(marker)
        else:
            target = match.group("target")
            label = crossref_label_in(target, ctx, starts_sentence(title[: match.start()]))
            if target not in ctx.numbers:
                broken.setdefault(target, None)
                html_parts.append(f'<mark class="ns-broken-ref">{escapeHtml(label)}</mark>')
            else:
                html_parts.append(escapeHtml(label))
            text_parts.append(label)
    html_parts.append(escapeHtml(title[pos:]))
    text_parts.append(title[pos:])
    return "".join(html_parts), "".join(text_parts)


_TITLE_RE = re.compile(
    PLACEHOLDER_RE.pattern.replace("(", "(?P<name>", 1) + "|" + CROSSREF_RE.pattern.replace("(", "(?P<target>", 1)
)


def _note_html(options: RenderOptions, language: str) -> str:
    if not options.version_note:
        return ""
    lang = "" if has_frame_words(language) else ' lang="en"'  # English words stand in for the language
    html = f'<p class="ns-version-note"{lang}>{escapeHtml(options.version_note)}</p>\n'
    if options.change_notice:
        html += f'<div class="ns-change-notice">{plain_markdown().render(clean_text(options.change_notice))}</div>\n'
    return html


def _note_lines(options: RenderOptions) -> list[str]:
    lines = [options.version_note] if options.version_note else []
    if options.version_note and options.change_notice:
        lines += ["", *clean_text(options.change_notice).strip().splitlines()]
    return lines


# ----- the whole notice -------------------------------------------------------------------------
def _assemble(
    notice: Notice, options: RenderOptions, language: str, clauses: tuple[RenderedClause, ...]
) -> RenderedNotice:
    title = " ".join(clean_text(notice.title).split())
    status = status_line(options, language)
    direction = text_direction(language)
    toc = tuple(TocEntry(c.clause_id, c.anchor, c.number, c.title, c.level) for c in clauses)

    header_html = ""
    if options.include_header:
        status_class = "ns-draft" if options.version_label is None else "ns-last-updated"
        status_html = (
            escapeHtml(status) if has_frame_words(language) else f'<span lang="en">{escapeHtml(status)}</span>'
        )
        if options.version_label is not None and options.last_updated:
            when = format_date(options.last_updated, language)
            status_html = (
                f"{frame_html(language, _date_label(options))}{escapeHtml(labels(language)['colon'])}"
                f'<time datetime="{options.last_updated.isoformat()}">{escapeHtml(when)}</time>'
            )
        header_html = (
            f'<header class="ns-header">\n<h1 class="ns-title">{escapeHtml(title)}</h1>\n'
            f'<p class="ns-status {status_class}">{status_html}</p>\n{_note_html(options, language)}</header>\n'
        )
    toc_html = contents_html(toc, options.toc_depth, language) if options.include_toc and toc else ""
    dir_attr = ' dir="rtl"' if direction == "rtl" else ""
    body = "".join(c.html for c in clauses)
    html = (
        f'<article class="ns-notice" lang="{escapeHtml(language)}"{dir_attr}>\n'
        f'{header_html}{toc_html}<div class="ns-clauses">\n{body}</div>\n</article>\n'
    )

    unfilled: dict[str, list[str]] = {}
    missing: dict[str, list[str]] = {}
    broken: list[BrokenReference] = []
    for c in clauses:
        for name in c.unfilled:
            unfilled.setdefault(name, []).append(c.clause_id)
        for name in c.missing_tables:
            missing.setdefault(name, []).append(c.clause_id)
        broken += [BrokenReference(c.clause_id, target) for target in c.broken_references]

    text_parts = [title, status, *_note_lines(options), ""] if options.include_header else []
    text_parts.append("\n\n".join(c.text for c in clauses))
    by_id = {c.clause_id: c for c in clauses}
    return RenderedNotice(
        title=title,
        language=language,
        direction=direction,
        status_line=status,
        header_html=header_html,
        toc_html=toc_html,
        html=html,
        clauses=clauses,
        toc=toc,
        unfilled=MappingProxyType({k: tuple(v) for k, v in unfilled.items()}),
        broken_references=tuple(broken),
        missing_tables=MappingProxyType({k: tuple(v) for k, v in missing.items()}),
        source_maps=MappingProxyType({c.clause_id: c.source_map for c in clauses}),
        text="\n".join(text_parts).rstrip() + "\n",
        version_label=options.version_label,
        last_updated=options.last_updated,
        version_note=options.version_note,
        change_notice=options.change_notice,
        _by_id=MappingProxyType(by_id),
    )

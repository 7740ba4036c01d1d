"""The library browser's preview of one clause, as HTML for a QTextBrowser.

Built in a worker (it renders Markdown): plain inputs in, a string out, no widgets touched.
The body goes through the notice renderer (markdown-it js-default, everything escaped);
placeholders stay visible as highlighted `{{ name }}` so counsel sees what needs filling.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path

from notice_studio.core.library.jurisdictions import label as law_label
from notice_studio.core.library.types import ALL, LibraryClause
from notice_studio.core.notice.model import Clause, Notice, Table
from notice_studio.ui.palette import FILLED, LINK, MARKUP, UNFILLED, UNFILLED_BACKGROUND

SHORT_LAW_NAMES: dict[str, str] = {
    "gdpr": "GDPR",
    "uk_gdpr": "UK GDPR",
    "no_pda": "Norway",
    "ccpa": "CCPA",
    "caloppa": "CalOPPA",
    "ca_bpc_22581": "Cal. minors",
    "coppa": "COPPA",
    "pipeda": "PIPEDA",
    "bc_pipa": "BC PIPA",
    "lgpd": "LGPD",
}


@dataclass(frozen=True)
class PreviewColours:
    """Palette-derived colours (computed on the UI thread, used by the worker)."""

    muted: str = MARKUP[0]
    accent: str = LINK[0]
    mark_fg: str = UNFILLED[0]
    mark_bg: str = UNFILLED_BACKGROUND[0]
    ok: str = FILLED[0]


def laws_label(jurisdictions: tuple[str, ...] | list[str]) -> str:
    """'All laws' or short names: 'GDPR, UK GDPR'."""
    if ALL in jurisdictions:
        return "All laws"
    return ", ".join(SHORT_LAW_NAMES.get(j, j.upper()) for j in jurisdictions)


def laws_long(jurisdictions: tuple[str, ...] | list[str]) -> str:
    if ALL in jurisdictions:
        return "Every law (a general clause)"
    return "; ".join(law_label(j) for j in jurisdictions)


def origin_text(clause: LibraryClause, shipped_root: Path | None = None) -> str:
    """Where the clause comes from, in plain words (HTML)."""
    origin = clause.origin
    if origin is None or origin.shipped:
        text = "Shipped with Notice Studio."
    else:
        text = f"From your library folder <b>{escape(origin.root.name)}</b> ({escape(str(origin.root))})."
    if origin is not None and origin.overrides:
        earlier = origin.overridden_path
        if earlier is None or (shipped_root is not None and earlier.is_relative_to(shipped_root)):
            text += " It overrides the shipped clause with the same id."
        else:
            text += f" It overrides the clause with the same id in {escape(str(earlier))}."
        if clause.version < origin.overridden_version:
            text += f" It is an older version ({clause.version}) than that clause ({origin.overridden_version})."
    return text


_HEADING_RE = re.compile(r"<h[1-6] class=\"ns-heading\".*?</h[1-6]>\n?", re.S)
_BROKEN_RE = re.compile(r'<mark class="ns-broken-ref" data-target="([^"]*)">.*?</mark>', re.S)
_UNFILLED_RE = re.compile(r'<mark class="ns-unfilled"[^>]*>(.*?)</mark>', re.S)
_MISSING_TABLE_RE = re.compile(r'<p class="ns-missing-table"[^>]*><mark>.*?</mark></p>', re.S)
_TABLE_NAME_RE = re.compile(r"\[\[\s*table:\s*([a-z0-9][a-z0-9-]*)\s*\]\]")


def body_html(
    clause: LibraryClause, titles: Mapping[str, str], tables: Mapping[str, Table], colours: PreviewColours
) -> str:
    """The clause text rendered as readers would see it, placeholders and references marked."""
    from notice_studio.core.render.renderer import RenderOptions, render_clause

    notice = Notice(clauses=[Clause(clause.id, clause.title, clause.body)], tables=dict(tables))
    rendered = render_clause(notice, clause.id, RenderOptions(marker_style="braces"))
    html = _HEADING_RE.sub("", rendered.html, count=1)
    mark = f"background-color:{colours.mark_bg}; color:{colours.mark_fg}; font-weight:bold"

    def reference(match: re.Match[str]) -> str:
        target = match.group(1)
        title = titles.get(target)
        if title is None:
            return f"<span style='{mark}'>[missing clause: {target}]</span>"
        return f'<a href="lib:{target}">‘{escape(title)}’</a>'

    html = _BROKEN_RE.sub(reference, html)
    html = _UNFILLED_RE.sub(lambda m: f"<span style='{mark}'>{m.group(1)}</span>", html)
    missing = iter(_TABLE_NAME_RE.findall(clause.body))

    def table_note(_match: re.Match[str]) -> str:
        name = next(missing, "table")
        return (
            f"<p style='color:{colours.muted}'><i>[The notice’s {escape(name.replace('-', ' '))} table appears "
            f"here; edit it in the Tables panel.]</i></p>"
        )

    return _MISSING_TABLE_RE.sub(table_note, html)


def clause_preview_html(
    clause: LibraryClause,
    *,
    topic_label: str,
    titles: Mapping[str, str],
    variable_labels: Mapping[str, str],
    tables: Mapping[str, Table],
    in_notice_as: str | None,
    colours: PreviewColours,
    shipped_root: Path | None = None,
    law_warning: str = "",
    variant_in_notice: Sequence[tuple[str, str, str]] = (),
) -> str:
    """Everything counsel needs to decide: text, what it satisfies, guidance, variants, origin.

    `law_warning`: the sentence saying the clause is for laws the notice does not apply.
    `variant_in_notice`: (clause id, section number, title) of the notice's clauses taken from a
    variant of this clause, each offered a `use:<clause id>` link to switch it to this wording."""
    muted = colours.muted
    mark = f"background-color:{colours.mark_bg}; color:{colours.mark_fg}"
    parts = [f"<h3 style='margin-bottom:2px'>{escape(clause.title)}</h3>"]
    meta = [
        escape(topic_label),
        escape(laws_label(clause.jurisdictions)),
        f"version {clause.version}",
        f"<code>{escape(clause.id)}</code>",
    ]
    parts.append(f"<p style='color:{muted}; margin-top:0'>{' · '.join(meta)}</p>")
    if law_warning:
        parts.append(f"<p style='{mark}'>⚠ {escape(law_warning)}</p>")
    if in_notice_as is not None:
        where = f" as section {escape(in_notice_as)}" if in_notice_as else ""
        parts.append(f"<p style='color:{colours.ok}'>✓ Already in this notice{where}.</p>")
    for clause_id, number, title in variant_in_notice:
        parts.append(
            f"<p>Section {escape(number)} ‘{escape(title)}’ uses another variant of this clause: "
            f"<a href='use:{escape(clause_id)}'>Use this variant there</a> (your edits are kept where they fit).</p>"
        )
    parts.append(body_html(clause, titles, tables, colours))

    if clause.guidance.strip():
        paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", clause.guidance.strip())]
        parts.append(
            f"<h4>Guidance <span style='color:{muted}; font-weight:normal'>(for you; never published)</span></h4>"
        )
        parts += [f"<p>{escape(p)}</p>" for p in paragraphs if p]

    parts.append("<h4>Satisfies</h4>")
    if clause.satisfies:
        parts.append(f"<ul>{''.join(_element_item(e) for e in clause.satisfies)}</ul>")
    else:
        parts.append(f"<p style='color:{muted}'>No specific legal requirement (a supporting clause).</p>")
    parts.append(f"<p style='color:{muted}'>Laws: {escape(laws_long(clause.jurisdictions))}</p>")

    names = clause.placeholders()
    if names:
        items = "".join(
            f"<li><span style='{mark}'>{{{{ {escape(n)} }}}}</span> — {escape(variable_labels.get(n, n))}</li>"
            for n in names
        )
        parts.append(f"<h4>Placeholders to fill in</h4><ul>{items}</ul>")

    if clause.variants:
        links = ", ".join(f"<a href='lib:{escape(v)}'>{escape(titles.get(v, v))}</a>" for v in clause.variants)
        parts.append(f"<h4>Variants</h4><p>Other wordings for the same purpose: {links}.</p>")
    if clause.requires:
        links = ", ".join(f"<a href='lib:{escape(r)}'>{escape(titles.get(r, r))}</a>" for r in clause.requires)
        parts.append(f"<p style='color:{muted}'>Usually used with: {links}.</p>")

    parts.append(f"<h4>Origin</h4><p style='color:{muted}'>{origin_text(clause, shipped_root)}</p>")
    return "\n".join(parts)


def _element_item(element_id: str) -> str:
    from notice_studio.core.library.requirements import load_requirements

    try:
        element = load_requirements().get(element_id)
    except Exception:  # noqa: BLE001 - a damaged requirements file only loses the description
        element = None
    if element is None:
        return f"<li><code>{escape(element_id)}</code></li>"
    law = SHORT_LAW_NAMES.get(element.jurisdiction, element.law)
    return f"<li><b>{escape(law)}</b> {escape(element.citation)} — {escape(element.description)}</li>"

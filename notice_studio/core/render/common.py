"""Words, numbers and markers shared by the renderer and the exports."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token

from notice_studio.core.notice.frame_words import DATE_PATTERNS, FRAME_WORDS, MONTHS, frame_words, has_frame_words
from notice_studio.core.notice.languages import ENGLISH, primary
from notice_studio.core.notice.model import Table
from notice_studio.core.render.markdown import clean_text

MARKER_STYLES = ("name", "braces", "blank")

LABELS = FRAME_WORDS
"""Interface words per language (core.notice.frame_words: the one table)."""


def labels(language: str) -> Mapping[str, str]:
    """Interface words in `language`; English for a language the table has no row for."""
    return frame_words(language)


def frame_html(language: str, key: str, **values: str) -> str:
    """The frame word `key` as escaped HTML, its template filled with `values` (HTML already); in a
    language the table lacks, the English words wrapped in a span marked lang="en"."""
    text = escapeHtml(labels(language)[key])
    if values:
        text = text.format(**values)
    return text if has_frame_words(language) else f'<span lang="en">{text}</span>'


def format_date(date: dt.date, language: str = "en") -> str:
    """ "1 March 2026" in English, "1. März 2026" in German, in each language the frame-word table
    has; ISO 8601 (2026-03-01) in any other."""
    code = primary(language or ENGLISH)
    if code not in MONTHS:
        return date.isoformat()
    day = "1er" if code == "fr" and date.day == 1 else str(date.day)
    return DATE_PATTERNS[code].format(day=day, month=MONTHS[code][date.month - 1], year=date.year)


def display_number(number: str) -> str:
    """How a clause number is printed before its title: "1." at the top level, "1.2" below."""
    return number + "." if "." not in number else number


def placeholder_value(variables: Mapping[str, str], name: str) -> str:
    """The filled value as one line of clean text, or "" when unfilled."""
    return " ".join(clean_text(str(variables.get(name, ""))).split())


def unfilled_marker(name: str, style: str) -> str:
    if style == "braces":
        return "{{ " + name + " }}"
    if style == "blank":
        return "[__________]"
    return f"[{name}]"


@dataclass(frozen=True)
class RenderContext:
    """What every clause of one render shares."""

    numbers: Mapping[str, str]
    variables: Mapping[str, str]
    tables: Mapping[str, Table]
    language: str
    marker_style: str
    targets: Mapping[str, str] = field(default_factory=dict)
    """Library clause ids that name a section of another id (`Notice.reference_aliases`)."""


def crossref_label(target: str, numbers: Mapping[str, str], language: str, capital: bool = False) -> str:
    """ "section 2.1" (or "Section 2.1" starting a sentence); a visible marker for a missing clause."""
    words = labels(language)
    number = numbers.get(target)
    if number is None:
        return f"[{words['missing_section']}: {target}]"
    word = words["section"]
    return f"{word[:1].upper() + word[1:] if capital else word} {number}"


def crossref_label_in(target: str, ctx: RenderContext, capital: bool = False) -> str:
    return crossref_label(target, ctx.numbers, ctx.language, capital)


def token_text(token: Token, ctx: RenderContext) -> str:
    """Plain text of our own inline tokens (placeholder, cross-reference, missing table)."""
    if token.type == "ns_placeholder":
        name = token.meta["name"]
        return placeholder_value(ctx.variables, name) or unfilled_marker(name, ctx.marker_style)
    if token.type == "ns_crossref":
        return crossref_label_in(token.meta["target"], ctx, bool(token.meta.get("capital")))
    if token.type == "ns_table_missing":
        return f"[{labels(ctx.language)['missing_table']}: {token.meta['name']}]"
    return token.content


def unfilled_html(name: str, marker: str, language: str) -> str:
    hint = labels(language)["unfilled"]
    return (
        f'<mark class="ns-unfilled" data-placeholder="{escapeHtml(name)}" title="{escapeHtml(hint)}">'
        f"{escapeHtml(marker)}</mark>"
    )

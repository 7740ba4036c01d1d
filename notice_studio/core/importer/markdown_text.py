"""Plain words -> Markdown text that reads back as the same words (escaping), and safe link targets."""

from __future__ import annotations

import functools
import re

SAFE_HREF = re.compile(r"^(?:https?:|mailto:|tel:|#|/|\./|\.\./|[A-Za-z0-9_-]+(?:[./#?]|$))", re.I)
"""Link targets kept as links: web, mail and phone addresses and relative paths (never javascript:)."""

_ESCAPE_RE = re.compile(r"([\\`*\[\]<>])")
_UNDERSCORE_RE = re.compile(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")


def escape(text: str) -> str:
    """Backslash the characters that would otherwise start emphasis, code, links or HTML."""
    return _UNDERSCORE_RE.sub(r"\\_", _ESCAPE_RE.sub(r"\\\1", text))


def escape_start(markdown: str) -> str:
    """Stop a paragraph's first characters from reading as a Markdown heading, list or quote."""
    match = re.match(r"(\d{1,9})([.)])(\s|$)", markdown)
    if match:
        return match.group(1) + "\\" + markdown[match.end(1) :]
    if re.match(r"([#>+=-]|\*\s)", markdown):
        return "\\" + markdown
    return markdown


def link_target(href: str) -> str:
    """A link target that Markdown cannot misread (spaces and brackets encoded)."""
    href = re.sub(r"\s+", "%20", href.strip())
    return href.replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")


_BACKSLASH = re.compile(r"\\(?=[!-/:-@\[-`{-~])")
"""A backslash before an ASCII mark: a Markdown escape."""


@functools.cache
def _inline_html(markdown: str) -> str:
    from markdown_it import MarkdownIt

    return str(MarkdownIt("js-default").renderInline(markdown))


def needed_escapes_only(markdown: str) -> str:
    """The Markdown without the escapes that change nothing ('\\_stat_id' -> '_stat_id'): a table's
    cell is kept as the plain words wherever it reads the same, as it does from copied text."""
    if "\\" not in markdown:
        return markdown
    shown = _inline_html(markdown)
    kept = markdown
    for match in reversed(list(_BACKSLASH.finditer(markdown))):  # from the end, so earlier offsets hold
        fewer = kept[: match.start()] + kept[match.end() :]
        if _inline_html(fewer) == shown:
            kept = fewer
    return kept


def table_markdown(rows: list[list[str]]) -> str:
    """Rows of cells (Markdown text) as a Markdown table, the first row as its header; each cell
    with only the escapes it needs."""
    width = max(len(r) for r in rows)
    lines = []
    for n, cells in enumerate(rows):
        cells = [needed_escapes_only(c).replace("|", "\\|") for c in cells] + [""] * (width - len(cells))
        lines.append("| " + " | ".join(cells) + " |")
        if n == 0:
            lines.append("|" + "|".join(" --- " for _ in range(width)) + "|")
    return "\n".join(lines)

"""Plain words -> Markdown text that reads back as the same words (escaping), and safe link targets."""

from __future__ import annotations

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


def table_markdown(rows: list[list[str]]) -> str:
    """Rows of cells (Markdown text) as a Markdown table, the first row as its header."""
    width = max(len(r) for r in rows)
    lines = []
    for n, cells in enumerate(rows):
        cells = [c.replace("|", "\\|") for c in cells] + [""] * (width - len(cells))
        lines.append("| " + " | ".join(cells) + " |")
        if n == 0:
            lines.append("|" + "|".join(" --- " for _ in range(width)) + "|")
    return "\n".join(lines)

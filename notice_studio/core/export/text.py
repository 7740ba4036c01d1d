"""Plain text export: numbered headings, paragraphs wrapped, list markers kept as hanging indents."""

from __future__ import annotations

import re
import textwrap

from notice_studio.core.render.renderer import RenderedNotice

_MARKER_RE = re.compile(r"^((?:> )*)((?:\s*)(?:[-*] |\d+[.)] )?\s*)")


def notice_text(rendered: RenderedNotice, width: int = 78) -> str:
    """The notice as plain text wrapped at `width` columns (0 leaves lines unwrapped)."""
    lines = rendered.text.rstrip("\n").split("\n")
    if lines and rendered.title and lines[0] == rendered.title:
        lines.insert(1, "=" * min(len(rendered.title), width or len(rendered.title)))
    if width <= 0:
        return "\n".join(lines) + "\n"
    out: list[str] = []
    for line in lines:
        out.extend(wrap_line(line, width))
    return "\n".join(out) + "\n"


def wrap_line(line: str, width: int) -> list[str]:
    """One line wrapped; continuation lines repeat quote marks and indent under list markers."""
    if len(line) <= width or line.startswith("    "):
        return [line]
    match = _MARKER_RE.match(line)
    quotes, marker = (match.group(1), match.group(2)) if match else ("", "")
    rest = line[len(quotes) + len(marker) :]
    return textwrap.wrap(
        rest,
        width=width,
        initial_indent=quotes + marker,
        subsequent_indent=quotes + " " * len(marker),
        break_long_words=False,
        break_on_hyphens=False,
    ) or [line]

"""Plain text from a clause's markdown-it tokens: one line per paragraph, lists and quotes marked.

Lines are not wrapped here; the text export wraps them, keeping each line's leading marker
("- ", "2. ", "> ") as the indent of its continuation lines.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from markdown_it.token import Token

InlineResolver = Callable[[Token], str]
"""Turns a placeholder or cross-reference token into its text."""


@dataclass
class _Prefix:
    marker: str
    sticky: bool
    used: bool = False


class _Prefixes:
    """Markers owed by open lists and quotes: a list marker prints once, then becomes spaces."""

    def __init__(self) -> None:
        self.stack: list[_Prefix] = []

    def push(self, marker: str, sticky: bool = False) -> None:
        self.stack.append(_Prefix(marker, sticky))

    def pop(self) -> None:
        self.stack.pop()

    def take(self) -> str:
        parts = []
        for entry in self.stack:
            parts.append(entry.marker if (entry.sticky or not entry.used) else " " * len(entry.marker))
            entry.used = True
        return "".join(parts)


def tokens_to_lines(tokens: Sequence[Token], resolve: InlineResolver) -> list[str]:
    """The block tokens of one clause body as plain-text lines (blank lines between blocks)."""
    lines: list[str] = []
    prefixes = _Prefixes()
    counters: list[int | None] = []
    row: list[str] = []
    headers: list[str] = []
    in_head = False

    def emit(text: str, top_level: bool) -> None:
        if top_level and lines and lines[-1] != "":
            lines.append("")
        for i, part in enumerate(text.split("\n")):
            prefix = prefixes.take()
            lines.append((prefix + part).rstrip() if i == 0 or part else prefix.rstrip())

    for i, token in enumerate(tokens):
        kind = token.type
        top = token.level == 0
        if kind == "inline":
            parent = tokens[i - 1].type if i else ""
            if parent in ("th_open",):
                headers.append(inline_text(token.children or [], resolve))
            elif parent == "td_open":
                row.append(inline_text(token.children or [], resolve))
            elif parent == "caption_open":
                emit(inline_text(token.children or [], resolve), True)
            else:
                level_top = i > 0 and tokens[i - 1].level == 0
                emit(inline_text(token.children or [], resolve), level_top)
        elif kind == "bullet_list_open":
            counters.append(None)
            if top and lines and lines[-1] != "":
                lines.append("")
        elif kind == "ordered_list_open":
            counters.append(int(token.attrGet("start") or 1))
            if top and lines and lines[-1] != "":
                lines.append("")
        elif kind in ("bullet_list_close", "ordered_list_close"):
            counters.pop()
        elif kind == "list_item_open":
            number = counters[-1] if counters else None
            if number is None:
                prefixes.push("- ")
            else:
                prefixes.push(f"{number}. ")
                counters[-1] = number + 1
        elif kind == "list_item_close":
            if prefixes.stack and not prefixes.stack[-1].used:
                emit("", False)  # an empty item still shows its marker
            prefixes.pop()
        elif kind == "blockquote_open":
            if top and lines and lines[-1] != "":
                lines.append("")
            prefixes.push("> ", sticky=True)
        elif kind == "blockquote_close":
            prefixes.pop()
        elif kind in ("fence", "code_block"):
            prefixes.push("    ", sticky=True)
            emit(token.content.rstrip("\n"), top)
            prefixes.pop()
        elif kind == "hr":
            emit("* * *", top)
        elif kind == "thead_open":
            in_head, headers = True, []
        elif kind == "thead_close":
            in_head = False
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and not in_head:
            cells = [f"{h}: {v}" if h else v for h, v in zip(headers + [""] * len(row), row, strict=False) if v]
            prefixes.push("- ")
            emit("; ".join(cells), False)
            prefixes.pop()
        elif kind == "table_open":
            if lines and lines[-1] != "":
                lines.append("")
        elif kind == "ns_table_missing":
            emit(resolve(token), top)
    while lines and lines[-1] == "":
        lines.pop()
    return lines


def inline_text(children: Sequence[Token], resolve: InlineResolver) -> str:
    """The text of an inline token's children; external links keep their address in brackets."""
    out: list[str] = []
    links: list[tuple[str, int]] = []
    for token in children:
        kind = token.type
        if kind in ("text", "text_special", "code_inline"):
            out.append(token.content)
        elif kind == "softbreak":
            out.append(" ")
        elif kind == "hardbreak":
            out.append("\n")
        elif kind in ("ns_placeholder", "ns_crossref"):
            out.append(resolve(token))
        elif kind == "image":
            out.append(inline_text(token.children or [], resolve) or "image")
        elif kind == "link_open":
            links.append((str(token.attrGet("href") or ""), len(out)))
        elif kind == "link_close" and links:
            href, start = links.pop()
            label = "".join(out[start:]).strip()
            shown = href.removeprefix("mailto:").removeprefix("tel:")
            if href and not href.startswith("#") and shown != label:
                out.append(f" ({href})")
    return "".join(out)

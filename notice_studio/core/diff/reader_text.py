"""What readers see of a clause's Markdown: its words, with no link targets, markup or escapes.

Change notices quote and compare this text, never the Markdown source: a link's address, an
escaped '7\\.', '](https://…)' or an '<iframe …>' typed into a clause are not words readers read.
Links are kept aside as (label, address) pairs, so a change only in where a link points can be
told as a changed link.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from markdown_it.token import Token

from notice_studio.core.diff.words import EQUAL, WordOp, diff_words
from notice_studio.core.render.markdown import notice_markdown

__all__ = ["ReaderText", "ReaderView", "reader_line", "reader_text", "reader_view"]

# An address typed as plain text: readers see it, but its parts are no words or figures to quote.
_BARE_URL_RE = re.compile(r"(?:\b(?:https?|ftp)://|\bwww\.)[^\s<>()\"]*[^\s<>()\".,;:!?'\u2019]", re.IGNORECASE)
# A link the parser refused (a 'javascript:' address) stays as its source text: readers of the
# change notice get its label only.
_REFUSED_LINK_RE = re.compile(r"\[([^\[\]\n]*)\]\((?:[^()\n]|\([^()\n]*\))*\)")
_BROKEN_LINK_RE = re.compile(r"\]\((?:\s*\"[^\"\n]*\"?\s*|[^()\s]*)\)?|!\[|(?:https?|ftp)://(?=\s|$)")
_TAG_RE = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>|<!--.*?-->", re.DOTALL)
LINK_MARK = "\u2060"
"""Stands where a bare address was, so the words either side do not run together."""


@dataclass(frozen=True, slots=True)
class ReaderText:
    text: str
    """Paragraphs and list items, one per line; words as readers see them."""
    links: tuple[tuple[str, str], ...]
    """(label, address) of each link, in order; a bare address has the label ''."""


@lru_cache(maxsize=256)
def reader_text(markdown: str) -> ReaderText:
    """`markdown` as readers see it (links by their label, markup and escapes gone).

    Read block by block (the text between blank lines), each block once: two versions of a long
    clause share most blocks, and parsing is what costs. A block's words do not depend on the
    blocks around it, except for reference links defined elsewhere (rare; their words stay)."""
    lines: list[str] = []
    links: list[tuple[str, str]] = []
    for block in _BLOCK_BREAK_RE.split(markdown):
        # a block indented under a list item above it is no code block: read it as text
        part = _block_text(textwrap.dedent(block))
        if part.text:
            lines.append(part.text)
        links += part.links
    return ReaderText("\n".join(lines), tuple(links))


_BLOCK_BREAK_RE = re.compile(r"\n[ \t]*\n")


# Anything that may be markup: without it a block is its words as typed, and parsing is skipped.
_MAY_BE_MARKUP_RE = re.compile(
    r"[\\`*_\[\]<>!#|&~{}=]|://|www\.|^[ \t]*(?:[-+]|\d+[.)])(?:[ \t]|$)|^[ \t]*-{2,}|^(?: {4}|\t)", re.MULTILINE
)


@lru_cache(maxsize=4096)
def _block_text(markdown: str) -> ReaderText:
    if not _MAY_BE_MARKUP_RE.search(markdown):
        return ReaderText(" ".join(markdown.split()), ())
    lines: list[str] = []
    links: list[tuple[str, str]] = []
    for token in notice_markdown().parse(markdown, {}):
        if token.type == "inline":
            line = _unlinked(_inline(token.children or [], links), links)
            if line.strip():
                lines.append(" ".join(line.split()))
        elif token.type in ("fence", "code_block"):
            lines.append(" ".join(_visible(token.content, links).split()))
    return ReaderText("\n".join(lines), tuple(links))


@lru_cache(maxsize=256)
def reader_line(text: str) -> str:
    """One line (a title) as readers see it: escapes, emphasis and link addresses gone, a
    leading '1.' kept (it is no list here)."""
    links: list[tuple[str, str]] = []
    tokens = notice_markdown().parseInline(text, {})
    line = _unlinked(_inline(tokens[0].children or [], links), links) if tokens else text
    return " ".join(line.replace(LINK_MARK, " ").split())


def _unlinked(line: str, links: list[tuple[str, str]]) -> str:
    """A line with each link the parser refused ('[label](javascript:…)', an address with spaces)
    as its label: the parser leaves those as text, in pieces, so they are found on the whole line."""

    def refused(m: re.Match[str]) -> str:
        links.append((m.group(1), m.group(0)))
        after = m.string[m.end() : m.end() + 1]
        touching = bool(after) and not after.isspace() and after not in ".,;:!?)"  # '…](x)[ETH' is not '…ETH'
        return m.group(1) + (" " if touching else "")

    line = _REFUSED_LINK_RE.sub(refused, line)
    # what is left of a link broken across lines or cut short: '](', '"View details")', a lone '!['
    return _balanced(_BROKEN_LINK_RE.sub(" ", line))


def _balanced(line: str) -> str:
    """`line` without the '[' or ']' that has no partner (a bracket pair, '[at]', stays)."""
    if "[" not in line and "]" not in line:
        return line
    keep = [True] * len(line)
    opened: list[int] = []
    for i, ch in enumerate(line):
        if ch == "[":
            opened.append(i)
        elif ch == "]":
            if opened:
                opened.pop()
            else:
                keep[i] = False
    for i in opened:
        keep[i] = False
    return "".join(ch for ch, kept in zip(line, keep, strict=True) if kept)


def _visible(text: str, links: list[tuple[str, str]]) -> str:
    """Plain text with HTML tags dropped and each bare address set aside as a link."""
    text = _TAG_RE.sub(" ", text)

    def aside(m: re.Match[str]) -> str:
        links.append(("", m.group(0)))
        return f" {LINK_MARK} "

    return _BARE_URL_RE.sub(aside, text)


def _inline(children: Sequence[Token], links: list[tuple[str, str]]) -> str:
    out: list[str] = []
    open_links: list[tuple[str, int]] = []
    for token in children:
        kind = token.type
        if kind in ("text", "text_special", "code_inline"):
            inside = bool(open_links) or kind == "text_special"
            out.append(_TAG_RE.sub(" ", token.content) if inside else _visible(token.content, links))
        elif kind in ("softbreak", "hardbreak"):
            out.append(" ")
        elif kind == "image":
            out.append(" ".join(c.content for c in token.children or [] if c.type == "text"))
        elif kind == "ns_crossref":
            target = str((token.meta or {}).get("target", ""))
            links.append(("section", f"#{target}"))
            out.append("section")
        elif kind == "ns_placeholder":
            out.append(token.content)
        elif kind == "link_open":
            open_links.append((str(token.attrGet("href") or ""), len(out)))
        elif kind == "link_close" and open_links:
            href, start = open_links.pop()
            label = " ".join("".join(out[start:]).split())
            if not label or _BARE_URL_RE.fullmatch(label):
                # an autolink shows its address: set it aside like a bare one
                label = ""
                del out[start:]
                out.append(f" {LINK_MARK} ")
            links.append((label, href))
    return "".join(out)


@dataclass(frozen=True, slots=True)
class ReaderView:
    """A clause's two texts as readers see them, word by word, and the links in each."""

    ops: tuple[WordOp, ...]
    old_links: tuple[tuple[str, str], ...]
    new_links: tuple[tuple[str, str], ...]

    @property
    def changed_links(self) -> list[tuple[str, str]]:
        """Links whose label or address is new (what a reader following them would notice)."""
        old = set(self.old_links)
        return [link for link in self.new_links if link not in old] or [
            link for link in self.old_links if link not in set(self.new_links)
        ]


@lru_cache(maxsize=64)
def reader_view(old_markdown: str, new_markdown: str) -> ReaderView:
    """Two versions of a clause's Markdown compared as readers see them."""
    old, new = reader_text(old_markdown), reader_text(new_markdown)
    return ReaderView(_paragraph_diff(old.text, new.text), old.links, new.links)


def _paragraph_diff(old: str, new: str) -> tuple[WordOp, ...]:
    """Word by word within the paragraphs that changed: a long clause rewritten in places is
    compared paragraph block by block (difflib over its lines), not as one long text."""
    old_lines, new_lines = old.splitlines(keepends=True), new.splitlines(keepends=True)
    if len(old_lines) < _FEW_LINES or len(new_lines) < _FEW_LINES:
        return diff_words(old, new)
    ops: list[WordOp] = []
    blocks = SequenceMatcher(None, old_lines, new_lines, autojunk=False).get_opcodes()
    for tag, i1, i2, j1, j2 in blocks:
        if tag == "equal":
            part: tuple[WordOp, ...] = (WordOp(EQUAL, "".join(old_lines[i1:i2])),)
        else:
            part = diff_words("".join(old_lines[i1:i2]), "".join(new_lines[j1:j2]))
        for op in part:
            if ops and ops[-1].op == op.op:
                ops[-1] = WordOp(op.op, ops[-1].text + op.text)
            else:
                ops.append(op)
    return tuple(ops)


_FEW_LINES = 8

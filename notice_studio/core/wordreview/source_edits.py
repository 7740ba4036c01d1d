"""Edits made to the text a reader sees, carried back onto the clause's Markdown.

The review copy shows a clause as `md_blocks` pieces: text (shown as typed), atoms (a
placeholder's value, "section N"), markup (`**`, list and heading marks: shown as nothing) and
breaks between paragraphs. An edit in shown-text coordinates replaces the source of the shown
characters it covers and keeps the markup around them; an edit that cuts into an atom turns
that atom into plain text (a reviewer who rewrites a placeholder's value writes words, not a
placeholder), unless it is a cross-reference whose words the new text still shows whole:
that stays a reference. Deleting a paragraph break also deletes the list or heading mark after it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from notice_studio.core.export.md_blocks import Block, Piece

__all__ = [
    "Edit",
    "apply_edits",
    "edited_markdown",
    "emphasised",
    "kept_words_at",
    "literal_markdown",
    "shown_text",
    "tidy_markdown",
]


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace shown characters [start, end) with `text`."""

    start: int
    end: int
    text: str
    markdown: bool = False
    """`text` is Markdown to write as it is (emphasis marks), not words a reviewer typed."""
    plain: bool = False
    """The paragraphs `text` makes are plain paragraphs in the copy, not list items (a paragraph
    typed between a clause's opening words and its list stays out of the list)."""


def shown_text(blocks: list[Block]) -> str:
    """What the review copy shows for these blocks, paragraphs joined by newlines."""
    return "".join(p.shown for b in blocks for p in b.pieces)


@dataclass
class _Span:
    piece: Piece
    start: int
    end: int
    style: str


def _spans(blocks: list[Block]) -> list[_Span]:
    spans: list[_Span] = []
    pos = 0
    for block in blocks:
        for piece in block.pieces:
            spans.append(_Span(piece, pos, pos + len(piece.shown), block.style))
            pos += len(piece.shown)
    return spans


def kept_words_at(text: str, words: str, near: int) -> int:
    """Where `words` stand whole in `text` (the occurrence nearest `near`), or -1."""
    found = [
        m.start()
        for m in re.finditer(re.escape(words), text)
        if not (m.start() > 0 and text[m.start() - 1].isalnum())
        and not (m.end() < len(text) and text[m.end()].isalnum())
    ]
    return min(found, key=lambda k: abs(k - near)) if found else -1


def _keep_references(edits: list[Edit], spans: list[_Span], shown: str) -> list[Edit]:
    """A cross-reference inside an edit whose new text still shows its words ("section 3")
    stays a reference: the edit is split around it instead of writing the words in its place."""
    out: list[Edit] = []
    for edit in edits:
        start, text = edit.start, edit.text
        for span in spans:
            inside = start <= span.start and span.end <= edit.end and span.start < span.end
            if span.piece.target is None or not inside or edit.markdown:
                continue
            words = shown[span.start : span.end]
            at = kept_words_at(text, words, span.start - start)
            if at < 0:
                continue
            out.append(Edit(start, span.start, text[:at], plain=edit.plain))
            start, text = span.end, text[at + len(words) :]
        out.append(Edit(start, edit.end, text, edit.markdown, edit.plain))
    return [e for e in out if e.start != e.end or e.text]


def _widen(edits: list[Edit], spans: list[_Span], shown: str) -> list[Edit]:
    """Stretch edits that cut into an atom or a break so they cover it whole."""
    out: list[Edit] = []
    for edit in sorted(edits, key=lambda e: (e.start, e.end)):
        start, end, text = edit.start, edit.end, edit.text
        for span in spans:
            if span.piece.kind not in ("atom",) or span.start == span.end:
                continue
            touches = span.start < end and start < span.end
            inside = start == end and span.start < start < span.end
            if (touches or inside) and not (start <= span.start and span.end <= end):
                new_start, new_end = min(start, span.start), max(end, span.end)
                text = shown[new_start:start] + text + shown[end:new_end]
                start, end = new_start, new_end
        if out and start < out[-1].end:  # overlapping after widening: join them
            last = out.pop()
            text = last.text + shown[last.end : start] + text if start >= last.end else last.text + text
            start, end = last.start, max(end, last.end)
        out.append(Edit(start, end, text, edit.markdown, edit.plain))
    return out


_MARKDOWN = "markdown"
"""The style recorded for an edit whose text is Markdown already."""


_BOLD, _ITALIC = "\ue000", "\ue001"
"""Where bold or italic words the reviewer typed start and end, inside an edit's text (private-use
characters, never typed); `_insert_source` makes them Markdown emphasis."""


def emphasised(text: str, bold: list[bool], italic: list[bool]) -> str:
    """`text` with its bold and italic stretches (per character) marked for `_insert_source`:
    each line on its own, the marks around words (spaces outside), as Markdown needs them."""
    out: list[str] = []
    start = 0
    for line in text.split("\n"):
        end = start + len(line)
        piece = line
        for mark, flags in ((_ITALIC, italic), (_BOLD, bold)):
            piece = _marked(piece, flags[start:end], mark) if any(flags[start:end]) else piece
        out.append(piece)
        start = end + 1
    return "\n".join(out)


def _marked(line: str, flags: list[bool], mark: str) -> str:
    """`line` with `mark` around each run of flagged characters (ignoring marks already in it)."""
    out: list[str] = []
    k = 0
    stretch: list[str] = []

    def close() -> None:
        words = "".join(stretch)
        core = words.strip()
        if core:
            lead = words[: len(words) - len(words.lstrip())]
            out.append(lead + mark + core + mark + words[len(lead) + len(core) :])
        else:
            out.append(words)
        stretch.clear()

    for ch in line:
        if ch in (_BOLD, _ITALIC):
            (stretch if stretch else out).append(ch)
            continue
        on = flags[k] if k < len(flags) else False
        k += 1
        if on:
            stretch.append(ch)
            continue
        if stretch:
            close()
        out.append(ch)
    if stretch:
        close()
    return "".join(out)


def _emphasis(text: str, openers: str) -> str:
    """The marks `emphasised` left made Markdown emphasis, unless the same emphasis is open where
    the words go (bold typed inside bold words needs no marks of its own)."""
    bold_open = any(m in openers for m in ("**", "__"))
    italic_open = "***" in openers or any(c in openers.replace("**", "").replace("__", "") for c in "*_")
    return text.replace(_BOLD, "" if bold_open else "**").replace(_ITALIC, "" if italic_open else "*")


def _insert_source(text: str, style: str, closers: str = "", openers: str = "") -> str:
    """Reviewer text as Markdown: a new paragraph in a list becomes a new item. Inline markup
    open where the text goes (a link, bold) is closed before each new paragraph and opened
    again after it, so a paragraph typed inside a link does not break the link's Markdown.
    Words the reviewer typed bold or italic get emphasis marks."""
    lines = text.split("\n")
    lines = [_emphasis(literal_markdown(line, k > 0), openers) for k, line in enumerate(lines)]
    joiner = {"bullet": "\n- ", "number": "\n1. "}.get(style, "\n\n")
    return (closers + joiner + openers).join(lines)


_INLINE_MARKS = re.compile(r"[*`]|\\(?=[!-/:-@\[-`{-~])|(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])|\[(?=.*\]\()")
_LINE_MARKS = re.compile(r"^([ \t]*)(#{1,6}(?=[ \t]|$)|[-+>=]|\d{1,9}(?=[.)]))")


def literal_markdown(text: str, line_start: bool = True) -> str:
    """Words a reviewer typed, as Markdown that shows them as typed (a "*" or a "1." at a
    line's start stays a character, not emphasis or a list)."""
    text = _INLINE_MARKS.sub(lambda m: "\\" + m.group(0), text)
    if line_start:
        found = _LINE_MARKS.match(text)
        if found:
            mark = found.group(2)
            escaped = mark + "\\" if mark[0].isdigit() else "\\" + mark
            text = found.group(1) + escaped + text[found.end() :]
    return text


class _OpenMarkup:
    """Which inline markup (emphasis, code, a link's text) is open at a point of one block."""

    def __init__(self, block: Block) -> None:
        self.stack: list[tuple[str, str]] = []  # (opener, closer)
        self.link_closer: dict[int, str] = {}  # index of a "[" piece -> its "](...)" piece
        pieces = block.pieces
        for k, piece in enumerate(pieces):
            if piece.kind == "markup" and piece.source == "[":
                close = next(
                    (q.source for q in pieces[k + 1 :] if q.kind == "markup" and q.source.startswith("](")), ""
                )
                self.link_closer[k] = close

    def step(self, index: int, piece: Piece) -> None:
        if piece.kind != "markup":
            return
        source = piece.source
        if index in self.link_closer:
            if self.link_closer[index]:
                self.stack.append(("[", self.link_closer[index]))
        elif source.startswith("]("):
            self._close(source)
        elif source and set(source) <= set("*_`") and len(set(source)) == 1:
            if any(opener == source for opener, _ in self.stack):
                self._close(source)
            else:
                self.stack.append((source, source))

    def _close(self, closer: str) -> None:
        for k in range(len(self.stack) - 1, -1, -1):
            if self.stack[k][1] == closer:
                del self.stack[k:]
                return

    def closers(self) -> str:
        return "".join(closer for _, closer in reversed(self.stack))

    def openers(self) -> str:
        return "".join(opener for opener, _ in self.stack)


def _paragraph_start(shown: str, pos: int) -> bool:
    return pos == 0 or shown[pos - 1] == "\n"


def apply_edits(blocks: list[Block], edits: list[Edit]) -> str:
    """The clause's Markdown with `edits` (in shown-text coordinates) made."""
    spans = _spans(blocks)
    shown = shown_text(blocks)
    edits = _keep_references(_widen([e for e in edits if e.start != e.end or e.text], spans, shown), spans, shown)
    deleted = [False] * len(shown)
    for edit in edits:
        for k in range(edit.start, edit.end):
            deleted[k] = True
    # Where each edit's new text goes: before shown char `start` for replacements and for
    # insertions at a paragraph's start; right after char start-1 for other insertions. New
    # paragraphs typed at a paragraph's start go before its emphasis or link marks (`lead`).
    before: dict[int, list[tuple[str, str]]] = {}
    after: dict[int, list[tuple[str, str]]] = {}
    lead: dict[int, list[tuple[str, str]]] = {}
    plain_lead: dict[int, list[tuple[str, str]]] = {}  # plain paragraphs typed before a list item or heading
    for edit in edits:
        if not edit.text:
            continue
        style = next((s.style for s in spans if s.start <= max(edit.start - 1, 0) < s.end), "paragraph")
        style = _MARKDOWN if edit.markdown else "paragraph" if edit.plain else style
        prev = edit.start - 1
        if edit.end == edit.start and _paragraph_start(shown, edit.start) and edit.text.endswith("\n"):
            (plain_lead if edit.plain else lead).setdefault(edit.start, []).append((edit.text, style))
        elif edit.end > edit.start or prev < 0 or shown[prev] == "\n":
            before.setdefault(edit.start, []).append((edit.text, style))
        else:
            after.setdefault(prev, []).append((edit.text, style))

    out: list[str] = []
    markup: _OpenMarkup | None = None

    def put(texts: list[tuple[str, str]]) -> None:
        closers, openers = (markup.closers(), markup.openers()) if markup else ("", "")
        out.extend(
            text if style == _MARKDOWN else _insert_source(text, style, closers, openers) for text, style in texts
        )

    gone_blocks = _deleted_blocks(blocks, deleted)
    break_deleted = False
    index = 0
    for block_no, block in enumerate(blocks):
        markup = _OpenMarkup(block)
        drop = block_no in gone_blocks
        for piece_no, piece in enumerate(block.pieces):
            span = spans[index]
            index += 1
            if span.start in plain_lead and not drop:  # before the item's mark, a paragraph of its own
                if out and not "".join(out[-2:]).endswith("\n\n"):
                    out.append("\n")
                put(plain_lead.pop(span.start))
            if span.start == span.end:
                if piece.kind == "markup" and span.start in lead and _paragraph_start(shown, span.start):
                    put(lead.pop(span.start))
                markup.step(piece_no, piece)
                if drop or (piece.kind in ("marker", "break") and break_deleted):
                    continue
                out.append(piece.source)
                continue
            if span.start in lead:
                put(lead.pop(span.start))
            if span.start in before:
                put(before.pop(span.start))
            if piece.kind in ("atom", "break", "soft"):
                gone = all(deleted[span.start : span.end])
                break_deleted = piece.kind == "break" and gone
                if not gone:
                    out.append(piece.source)
                for k in range(span.start, span.end):
                    if k in after:
                        put(after.pop(k))
                continue
            break_deleted = False
            for offset, ch in enumerate(piece.shown):
                k = span.start + offset
                if k != span.start and k in before:
                    put(before.pop(k))
                if not deleted[k]:
                    out.append(ch)
                if k in after:
                    put(after.pop(k))
    markup = None
    for rest in (*plain_lead.values(), *lead.values(), *before.values(), *after.values()):
        put(rest)
    return "".join(out)


def _deleted_blocks(blocks: list[Block], deleted: list[bool]) -> set[int]:
    """Blocks whose every shown character (their paragraph break too) was deleted: their
    markup (list marks, emphasis, a link's address) goes with them."""
    out: set[int] = set()
    pos = 0
    for k, block in enumerate(blocks):
        size = sum(len(p.shown) for p in block.pieces)
        if size and all(deleted[pos : pos + size]) and block.style != "table":
            out.add(k)
        pos += size
    return out


def edited_markdown(blocks: list[Block], edits: list[Edit]) -> str:
    """The clause's Markdown with `edits` made, tidied (see `tidy_markdown`)."""
    original = "".join(p.source for b in blocks for p in b.pieces)
    return tidy_markdown(apply_edits(blocks, edits), original)


_EMPTY_EMPHASIS = re.compile(r"\*\*\*\*|____")
_EMPTY_LINK = re.compile(r"(?<!\\)\[\]\([^)\n]*\)")
_EMPTY_ITEM = re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]*$\n?", re.MULTILINE)
_BLANKS = re.compile(r"\n{3,}")


def _shape(markup: str) -> str:
    """Markup without its address or indent: an empty link is an empty link wherever it points."""
    return re.sub(r"\(.*\)", "()", markup.strip())


def _drop_new(pattern: re.Pattern[str], text: str, original: str) -> str:
    """`text` without the matches of `pattern` that `original` did not have as many of."""
    kept = Counter(_shape(m.group(0)) for m in pattern.finditer(original))

    def swap(match: re.Match[str]) -> str:
        if kept[_shape(match.group(0))] > 0:
            kept[_shape(match.group(0))] -= 1
            return match.group(0)
        return ""

    return pattern.sub(swap, text)


def tidy_markdown(text: str, original: str = "") -> str:
    """Remove what deleting words can leave behind: empty emphasis and links, empty list items,
    extra blank lines; those the clause had before (`original`) stay."""
    previous = None
    while previous != text:
        previous = text
        text = _drop_new(_EMPTY_EMPHASIS, text, original)
        text = _drop_new(_EMPTY_LINK, text, original)
    text = _drop_new(_EMPTY_ITEM, text, original)
    return _BLANKS.sub("\n\n", text).strip("\n")

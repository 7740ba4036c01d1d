"""Clause Markdown (optionally carrying diff marks) as blocks of formatted pieces.

The Word redline, the HTML redline and the Word review copy all draw clause text from here, so
bold, italics, lists and headings survive, cross-references read "section N" and placeholders
show their values. Every piece keeps the Markdown it came from: joining the `source` of every
piece gives the clause body back, which is how a reviewer's edits in Word are mapped onto the
Markdown (see `notice_studio.core.wordreview`).

Cross-references and placeholders are first replaced by one private-use character each
(`AtomTable.encode`), so a word diff treats each as one word and never splits `[[an-id]]`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from notice_studio.core.diff.words import DELETE, EQUAL, INSERT, Op, WordOp, diff_words
from notice_studio.core.notice.model import CROSSREF_RE, PLACEHOLDER_RE, TABLE_RE
from notice_studio.core.render.common import crossref_label, placeholder_value, unfilled_marker
from notice_studio.core.render.markdown import starts_sentence

__all__ = ["Atom", "AtomTable", "Block", "Piece", "aligned", "blocks_from_ops", "diff_blocks", "source_blocks"]

_ATOM_BASE = 0xF0000  # Supplementary Private Use Area-A: never typed in a notice


@dataclass(frozen=True, slots=True)
class Atom:
    """A cross-reference (`kind` 'ref', `name` the clause id) or a placeholder ('placeholder')."""

    kind: str
    name: str
    source: str
    old_side: bool = False
    """A reference as the earlier version numbered it (when the number changed)."""


@dataclass
class AtomTable:
    """Cross-references and placeholders swapped for single characters, and how to show them."""

    numbers: Mapping[str, str] = field(default_factory=dict)
    old_numbers: Mapping[str, str] | None = None
    """The earlier version's numbers: a reference whose number changed then reads as changed."""
    variables: Mapping[str, str] = field(default_factory=dict)
    language: str = "en"
    marker_style: str = "name"
    atoms: dict[str, Atom] = field(default_factory=dict)
    _chars: dict[str, str] = field(default_factory=dict)

    def encode(self, text: str, *, old: bool = False) -> str:
        """`text` with each `[[id]]` and `{{ name }}` replaced by its atom character (`old`:
        the text is the earlier version's, numbered by `old_numbers`)."""

        def swap(match: re.Match[str], kind: str) -> str:
            source = match.group(0)
            old_side = (
                old
                and kind == "ref"
                and self.old_numbers is not None
                and self.old_numbers.get(match.group(1)) != self.numbers.get(match.group(1))
            )
            key = source + ("\0old" if old_side else "")
            char = self._chars.get(key)
            if char is None:
                char = chr(_ATOM_BASE + len(self._chars))
                self._chars[key] = char
                self.atoms[char] = Atom(kind, match.group(1), source, old_side)
            return char

        text = CROSSREF_RE.sub(lambda m: swap(m, "ref"), text)
        return PLACEHOLDER_RE.sub(lambda m: swap(m, "placeholder"), text)

    def shown(self, atom: Atom, capital: bool) -> str:
        if atom.kind == "ref":
            numbers = self.old_numbers if atom.old_side and self.old_numbers is not None else self.numbers
            return crossref_label(atom.name, numbers, self.language, capital)
        return placeholder_value(self.variables, atom.name) or unfilled_marker(atom.name, self.marker_style)


@dataclass(frozen=True, slots=True)
class Piece:
    """A run of clause text. `kind`: text, atom, markup (emphasis marks), marker (list or heading
    mark at a block's start), break (between blocks), soft (a line break inside a paragraph),
    protected (an embedded table line)."""

    source: str
    shown: str
    op: Op = EQUAL
    kind: str = "text"
    bold: bool = False
    italic: bool = False
    code: bool = False
    target: str | None = None
    """The clause id a cross-reference points to."""


@dataclass(frozen=True, slots=True)
class Block:
    """A paragraph, list item, heading, quote or embedded table."""

    style: str
    """paragraph, bullet, number, heading, quote or table."""
    level: int
    pieces: tuple[Piece, ...]
    op: Op = EQUAL
    """INSERT or DELETE when the whole block was added or taken out."""
    mark_op: Op = EQUAL
    """What happened to the paragraph's end (a split or a join of paragraphs)."""
    table: str | None = None
    number: int | None = None

    @property
    def visible(self) -> bool:
        """Written as a paragraph: not a table, and some text to show."""
        return self.style != "table" and any(p.shown for p in self.pieces if p.kind in ("text", "atom", "soft"))

    def shown(self) -> str:
        return "".join(p.shown for p in self.pieces)


_HEADING = re.compile(r"(#{1,6})[ \t]+")
_BULLET = re.compile(r"([ \t]*)[-*+][ \t]+")
_NUMBER = re.compile(r"([ \t]*)(\d{1,9})[.)][ \t]+")
_QUOTE = re.compile(r"[ \t]*>[ \t]?")
_LINK = re.compile(r"\[(?:[^\[\]\n]|\[[^\]\n]*\])*\]\([^)\n]*\)")
_SETEXT = re.compile(r"[ \t]*(=+|-+)[ \t]*")
_INDENT = re.compile(r"[ \t]+")
_SPECIAL = frozenset("*_\\`")
_STOP = re.compile("[*_\\\\`\U000f0000-\U0010ffff]")
_ATOM_MIN = chr(_ATOM_BASE)
_PUNCT = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


def _line_op(ops: list[Op], text: list[str]) -> Op:
    kinds = {op for op, ch in zip(ops, text, strict=True) if not ch.isspace()}
    if kinds == {DELETE}:
        return DELETE
    if kinds == {INSERT}:
        return INSERT
    return EQUAL


def _joined_op(ops: Iterable[Op]) -> Op:
    kinds = set(ops)
    return kinds.pop() if len(kinds) == 1 else EQUAL


class _Parser:
    def __init__(self, chars: list[str], ops: list[Op], table: AtomTable, codes: str, run_end: list[int]) -> None:
        self.chars, self.ops, self.table = chars, ops, table
        # The same text as one string, with one letter per character for its op and where its
        # op's run ends: slices and searches on these keep long unchanged text fast.
        self.text, self.codes, self.run_end = "".join(chars), codes, run_end
        self.blocks: list[Block] = []
        self.pieces: list[Piece] = []
        self.style, self.level = "paragraph", 0
        self.number: int | None = None
        self.table_name: str | None = None
        self.pending: list[int] = []  # separator characters waiting for the next block
        self.fmt = {INSERT: [False, False, False], DELETE: [False, False, False]}  # new, old views

    # ----- lines and blocks --------------------------------------------------------------
    def run(self) -> list[Block]:
        n = len(self.chars)
        start = 0
        while start <= n:
            end = self.text.find("\n", start)
            end = n if end < 0 else end
            self.line(start, end)
            if end < n:
                self.pending.append(end)  # the newline itself
            start = end + 1
        self.close_block()
        if self.pending and self.blocks:  # trailing newlines stay with the last block
            last = self.blocks[-1]
            tail = Piece(self._text(self.pending), "", _joined_op(self.ops[i] for i in self.pending), "break")
            self.blocks[-1] = replace(last, pieces=(*last.pieces, tail))
        elif self.pending:
            source = self._text(self.pending)
            self.blocks.append(Block("paragraph", 0, (Piece(source, "", EQUAL, "break"),)))
        return _finish(self.blocks)

    def _text(self, indices: Iterable[int]) -> str:
        if isinstance(indices, range) and indices.step == 1:
            return self.text[indices.start : indices.stop]
        return "".join(self.chars[i] for i in indices)

    def uniform(self, start: int, end: int) -> bool:
        """Whether characters [start, end) all have the same op."""
        codes = self.codes[start:end]
        return codes == codes[:1] * len(codes)

    def line(self, start: int, end: int) -> None:
        indices = range(start, end)
        uniform = self.uniform(start, end)
        view: Sequence[int]
        if uniform:
            view_text = self.text[start:end]
            line_op = self.ops[start] if view_text.strip() else EQUAL
            view = indices
        else:
            line_op = _line_op([self.ops[i] for i in indices], self.chars[start:end])
            view = [i for i in indices if self.ops[i] != (INSERT if line_op == DELETE else DELETE)]
            view_text = self._text(view)
        if not view_text.strip():
            self.close_block()
            self.pending.extend(indices)
            return
        table = TABLE_RE.fullmatch(view_text)
        marker = None
        style, level, number = "paragraph", 0, None
        if table:
            style = "table"
        elif m := _HEADING.match(view_text):
            marker, style, level = m, "heading", len(m.group(1))
        elif m := _BULLET.match(view_text):
            marker, style, level = m, "bullet", len(m.group(1).expandtabs(4)) // 2
        elif m := _NUMBER.match(view_text):
            marker, style, level, number = m, "number", len(m.group(1).expandtabs(4)) // 2, int(m.group(2))
        elif m := _QUOTE.match(view_text):
            marker, style = m, "quote"
        if (
            _SETEXT.fullmatch(view_text) and self.pieces and self.style == "paragraph" and not self.pending_blank()
        ):  # "Title" underlined with === or ---: the paragraph above is a heading
            newline = self.pending.pop()
            self.pending = []
            self.pieces.append(Piece(self._text(range(newline, end)), "", line_op, "markup"))
            self.style, self.level = "heading", 1 if view_text.strip()[0] == "=" else 2
            return
        old_marker_end = -1
        if marker is None and line_op == EQUAL and not uniform:  # a mark only the earlier text had
            old_view = [i for i in indices if self.ops[i] != INSERT]
            old_text = self._text(old_view)
            found = _HEADING.match(old_text) or _BULLET.match(old_text) or _NUMBER.match(old_text)
            if found and found.end() > 0:
                end_index = old_view[found.end() - 1]
                if all(self.ops[i] == DELETE or self.chars[i] in " \t" for i in range(start, end_index + 1)):
                    old_marker_end = end_index
        if marker is None and style == "paragraph" and old_marker_end < 0:
            marker = _INDENT.match(view_text)  # leading spaces are not shown
        continuing = (
            self.pieces
            and old_marker_end < 0
            and not self.pending_blank()
            and self.style in ("paragraph", "bullet", "number", "quote")
            and (style == "paragraph" or (style == "quote" and self.style == "quote"))
        )
        if continuing:
            newline = self.pending.pop()
            self.pending = []
            indent = start
            while indent < end and self.chars[indent] in " \t":
                indent += 1
            self.pieces.append(Piece(self._text(range(newline, indent)), " ", self.ops[newline], "soft"))
            start = indent
        else:
            self.close_block()
            one_side = self.one_sided_break() if style == self.style == "paragraph" and self.blocks else None
            self.style, self.level, self.number = style, level, number
            self.table_name = table.group(1) if table else None
            if self.pending or self.blocks:
                op = one_side or _joined_op(self.ops[i] for i in self.pending)
                self.pieces.append(Piece(self._text(self.pending), "\n", op, "break"))
                if one_side:  # the other side reads one paragraph: a line break there shows as a space
                    self.pieces.append(Piece("", " ", DELETE if one_side == INSERT else INSERT, "soft"))
            self.pending = []
            for view_ops in self.fmt.values():
                view_ops[:] = [False, False, False]
        if table:
            self.pieces.append(Piece(self._text(indices), "", line_op, "protected"))
            return
        body_start = start
        if old_marker_end >= 0:
            self.pieces.append(Piece(self._text(range(start, old_marker_end + 1)), "", DELETE, "marker"))
            body_start = old_marker_end + 1
        if marker is not None and marker.end() > 0:
            last = view[marker.end() - 1]
            if marker.re is _INDENT:  # only the line's own spaces: words the other side had stay words
                last = start - 1
                while last + 1 < end and self.chars[last + 1] in " \t":
                    last += 1
            self.pieces.append(Piece(self._text(range(start, last + 1)), "", line_op, "marker"))
            body_start = last + 1
        indent = body_start
        while indent < end and self.chars[indent] in " \t":  # spaces before the words, on either side
            indent += 1
        if indent > body_start and style == "paragraph":
            self.pieces.append(Piece(self._text(range(body_start, indent)), "", line_op, "markup"))
            body_start = indent
        self.inline(body_start, end)

    def one_sided_break(self) -> Op | None:
        """INSERT when only the later text has a blank line here (it splits a paragraph the
        earlier text had whole), DELETE for the reverse; None when both sides agree."""
        old_lines = sum(1 for i in self.pending if self.chars[i] == "\n" and self.ops[i] != INSERT)
        new_lines = sum(1 for i in self.pending if self.chars[i] == "\n" and self.ops[i] != DELETE)
        if old_lines == 1 and new_lines > 1:
            return INSERT
        if new_lines == 1 and old_lines > 1:
            return DELETE
        return None

    def pending_blank(self) -> bool:
        return len(self.pending) > 1

    def close_block(self) -> None:
        if not self.pieces:
            return
        self.blocks.append(Block(self.style, self.level, tuple(self.pieces), table=self.table_name, number=self.number))
        self.pieces = []

    # ----- inline text ---------------------------------------------------------------------
    def views(self, op: Op) -> tuple[Op, ...]:
        return (INSERT, DELETE) if op == EQUAL else (op,)

    def style_of(self, op: Op) -> list[bool]:
        return self.fmt[DELETE if op == DELETE else INSERT]

    def add(self, source: str, shown: str, op: Op, kind: str = "text", target: str | None = None) -> None:
        bold, italic, code = self.style_of(op)
        last = self.pieces[-1] if self.pieces else None
        if (
            kind == "text"
            and last is not None
            and last.kind == "text"
            and (last.op, last.bold, last.italic, last.code) == (op, bold, italic, code)
        ):
            self.pieces[-1] = replace(last, source=last.source + source, shown=last.shown + shown)
            return
        self.pieces.append(Piece(source, shown, op, kind, bold, italic, code, target))

    def toggle(self, op: Op, which: tuple[int, ...]) -> None:
        for view in self.views(op):
            for k in which:
                self.fmt[view][k] = not self.fmt[view][k]

    def is_mark(self, i: int, run: int, side: Op) -> bool:
        """Whether `*`/`_` characters [i, run) are emphasis marks as `side` reads the line."""
        before = self.neighbour(i - 1, -1, side)
        after = self.neighbour(run, 1, side)
        intraword = self.chars[i] == "_" and before.isalnum() and after.isalnum()
        return not (before.isspace() and after.isspace()) and not intraword

    def neighbour(self, i: int, step: int, op: Op) -> str:
        """The character next to a mark as the mark's side reads the text: words only the other
        side has are skipped (a line break too), a line's end reads as a space."""
        other = INSERT if op == DELETE else DELETE
        while 0 <= i < len(self.chars) and self.ops[i] == other:
            i += step
        if not 0 <= i < len(self.chars) or self.chars[i] == "\n":
            return " "
        return self.chars[i]

    def inline(self, start: int, end: int) -> None:
        chars, ops = self.chars, self.ops
        link_marks: set[int] = set()  # a link's "[" and its "](address)"
        uniform = self.uniform(start, end)
        for other in (DELETE,) if uniform else (DELETE, INSERT):  # links as each side reads them
            view: Sequence[int] = range(start, end) if uniform else [i for i in range(start, end) if ops[i] != other]
            line = self._text(view)
            if "](" not in line:
                continue
            for m in _LINK.finditer(line):
                close = line.rfind("](", m.start(), m.end())
                link_marks.add(view[m.start()])
                link_marks.update(view[close : m.end()])
        link_stops = sorted(link_marks)
        i = start
        while i < end:
            ch, op = chars[i], ops[i]
            if i in link_marks:
                stop = i + 1
                while stop < end and stop in link_marks and ops[stop] == op and chars[i] != "[":
                    stop += 1
                self.add("".join(chars[i:stop]), "", op, "markup")
                i = stop
                continue
            atom = self.table.atoms.get(ch)
            if atom is not None:
                before = "".join(p.shown for p in self.pieces if p.op != DELETE)
                shown = self.table.shown(atom, starts_sentence(before) if before.strip() else True)
                self.add(atom.source, shown, op, "atom", atom.name if atom.kind == "ref" else None)
                i += 1
                continue
            if ch == "\\" and i + 1 < end and chars[i + 1] in _PUNCT:
                self.add("\\", "", op, "markup")
                self.add(chars[i + 1], chars[i + 1], ops[i + 1])
                i += 2
                continue
            if ch == "`":
                self.add("`", "", op, "markup")
                self.toggle(op, (2,))
                i += 1
                continue
            if ch in "*_" and not self.style_of(op)[2]:
                run = i
                while run < end and chars[run] == ch and ops[run] == op and run - i < 3:
                    run += 1
                marks = [side for side in self.views(op) if self.is_mark(i, run, side)]
                if marks:
                    mark_op = op if len(marks) == len(self.views(op)) else marks[0]
                    if mark_op != op:  # a mark on one side only: the other side shows the characters
                        shown = "".join(chars[i:run])
                        self.add(shown, shown, DELETE if mark_op == INSERT else INSERT)
                    width = run - i
                    self.add(ch * width, "", mark_op, "markup")
                    self.toggle(mark_op, {1: (1,), 2: (0,), 3: (0, 1)}[width])
                    i = run
                    continue
                self.add("".join(chars[i:run]), "".join(chars[i:run]), op)  # "**" between spaces: characters
                i = run
                continue
            # take the plain characters that follow in one go: up to a mark, an atom, a link's
            # mark or the end of this op's run
            found = _STOP.search(self.text, i + 1, end)
            j = min(found.start() if found else end, self.run_end[i])
            k = bisect.bisect_right(link_stops, i)
            j = min(j, link_stops[k]) if k < len(link_stops) else j
            text = "".join(chars[i:j])
            self.add(text, text, op)
            i = j


def _finish(blocks: list[Block]) -> list[Block]:
    """Set each block's own op, its paragraph-end op, and which breaks show as a new line.

    A paragraph's end is the break that starts the next block; the last paragraph's end is
    the end of the clause, kept unless the whole clause was added or taken out."""
    out: list[Block] = []
    seen_visible = False
    every = _joined_op(p.op for b in blocks for p in b.pieces if p.source.strip())
    for k, block in enumerate(blocks):
        pieces = list(block.pieces)
        if pieces and pieces[0].kind == "break":
            shows = block.visible and seen_visible
            pieces[0] = replace(pieces[0], shown="\n" if shows else "")
        seen_visible = seen_visible or block.visible
        content = [p.op for p in pieces if p.kind in ("text", "atom", "protected") and p.source.strip()]
        op = _joined_op(content) if content else EQUAL
        mark_op = every
        if k + 1 < len(blocks):
            nxt = blocks[k + 1].pieces
            mark_op = nxt[0].op if nxt and nxt[0].kind == "break" else EQUAL
        out.append(replace(block, pieces=tuple(pieces), op=op, mark_op=mark_op))
    return out


_LINE_START = re.compile(r"(?:^|\n)[ \t]*(?:(?:[-*+]|\d{1,9}[.)]|#{1,6}|>)[ \t]+)?$")


def aligned(ops: Iterable[WordOp]) -> tuple[WordOp, ...]:
    """Slide each insertion or deletion that spans lines so it starts at a line's start.

    "data;" + inserted ";\n- new item" + ";\n- old" reads better (and becomes whole list
    items in Word) as "data;\n- " + inserted "new item;\n- " + "old": the same change.
    """
    out = list(ops)
    for k in range(1, len(out) - 1):
        before, op, after = out[k - 1], out[k], out[k + 1]
        if op.op == EQUAL or before.op != EQUAL or after.op != EQUAL or "\n" not in op.text:
            continue
        if _LINE_START.search(before.text):
            continue
        for shift in range(1, min(len(op.text), len(after.text)) + 1):
            if op.text[:shift] != after.text[:shift]:
                break
            if _LINE_START.search(before.text + op.text[:shift]) and op.text[shift - 1] != "\n":
                out[k - 1] = WordOp(EQUAL, before.text + op.text[:shift])
                out[k] = WordOp(op.op, op.text[shift:] + after.text[:shift])
                out[k + 1] = WordOp(EQUAL, after.text[shift:])
                break
    return tuple(o for o in out if o.text)


def blocks_from_ops(ops: Iterable[WordOp], table: AtomTable) -> list[Block]:
    """Blocks of a compared clause body: each piece says whether it was kept, added or taken out."""
    chars: list[str] = []
    char_ops: list[Op] = []
    codes: list[str] = []
    run_end: list[int] = []
    for op in ops:
        text = op.text.replace("\r\n", "\n")
        chars.extend(text)
        char_ops.extend([op.op] * len(text))
        codes.append(op.op[0] * len(text))
        run_end.extend([len(chars)] * len(text))
    if not chars:
        return []
    return _Parser(chars, char_ops, table, "".join(codes), run_end).run()


def source_blocks(body: str, table: AtomTable) -> list[Block]:
    """Blocks of one clause body as it stands (every piece kept)."""
    return blocks_from_ops([WordOp(EQUAL, table.encode(body))], table)


def diff_blocks(old: str, new: str, table: AtomTable) -> list[Block]:
    """Blocks of `old` compared with `new`, word by word, references and placeholders kept whole."""
    return blocks_from_ops(aligned(diff_words(table.encode(old), table.encode(new))), table)

"""The two panes of the comparison window: old | new, one block per clause, rows aligned.

Each row of the comparison (a clause, a placeholder value, a table, a notice detail) is one
QTextFrame in each pane. After layout the two frames of a row are given the same height, so a
clause starts at the same place on both sides and the panes can scroll together (Meld keeps
its panes in step the same way, chunk by chunk). Text goes in through QTextCursor.insertText,
never as HTML, so whatever a clause contains is shown literally.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPalette,
    QResizeEvent,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextFrame,
    QTextFrameFormat,
    QTextLength,
    QTextTableFormat,
)
from PySide6.QtWidgets import QApplication, QTextBrowser, QWidget

from notice_studio.core.diff.references import BOTH as BOTH
from notice_studio.core.diff.references import References, read_references
from notice_studio.core.diff.words import DELETE, EQUAL, INSERT, WordOp
from notice_studio.ui import palette as shared  # our colours; ADDED and REMOVED here are kinds of change

OLD, NEW = "old", "new"

# Row kinds; each has a colour (frame border, tag, summary icon).
UNCHANGED, MODIFIED, ADDED, REMOVED, MOVED, OTHER = "unchanged", "modified", "added", "removed", "moved", "other"


@dataclass(frozen=True)
class Colours:
    """Palette-aware colours for the comparison (a light and a dark set)."""

    deleted_fg: QColor
    deleted_bg: QColor
    inserted_fg: QColor
    inserted_bg: QColor
    muted: QColor
    gap: QColor
    current: QColor
    current_bg: QColor
    kinds: dict[str, QColor]

    def kind(self, kind: str) -> QColor:
        return self.kinds.get(kind, self.muted)


def colours_for(palette: QPalette | None = None) -> Colours:
    palette = palette or QApplication.palette()
    base = palette.color(QPalette.ColorRole.Base)
    dark = base.lightness() < 128
    highlight = palette.color(QPalette.ColorRole.Highlight)
    current_bg = QColor(highlight)
    current_bg.setAlpha(40 if not dark else 70)

    def ours(pair: shared.Pair) -> QColor:
        return shared.themed(pair, palette)

    kinds = {
        MODIFIED: shared.MODIFIED_MARK,
        ADDED: shared.ADDED_MARK,
        REMOVED: shared.REMOVED_MARK,
        MOVED: shared.MOVED_MARK,
        OTHER: shared.OTHER_MARK,
    }
    return Colours(
        ours(shared.REMOVED),
        ours(shared.REMOVED_BACKGROUND),
        ours(shared.ADDED),
        ours(shared.ADDED_BACKGROUND),
        ours(shared.COMPARE_QUIET),
        ours(shared.COMPARE_GAP_BACKGROUND),
        highlight,
        current_bg,
        {k: ours(v) for k, v in kinds.items()},
    )


_BORDER = 2.0
_PADDING = 10.0
_GAP_BETWEEN_ROWS = 8.0


class ComparePane(QTextBrowser):
    """One side of the comparison: read-only, one frame per row."""

    resized = Signal()

    def __init__(self, side: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.side = side
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setUndoRedoEnabled(False)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        font = QFont(self.font())
        font.setPointSizeF(font.pointSizeF() * 1.05)
        self.document().setDefaultFont(font)
        self.document().setDocumentMargin(8)
        self.frames: list[QTextFrame] = []
        self.keys: list[str] = []
        self.kinds: list[str] = []
        self.references: References | None = None
        """How this side numbers its sections; None leaves `[[clause-id]]` as typed."""
        self.move_labels: dict[int, str] = {}
        """What each moved passage is called on this side ("moved to section 9"), by move number."""

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self.resized.emit()

    def reset(self) -> None:
        self.document().clear()
        self.frames, self.keys, self.kinds = [], [], []

    @contextmanager
    def editing(self) -> Iterator[None]:
        """Group many insertions into one edit block (the document lays out once)."""
        cursor = QTextCursor(self.document())
        cursor.beginEditBlock()
        try:
            yield
        finally:
            cursor.endEditBlock()

    def row_index(self, key: str) -> int:
        return self.keys.index(key)

    def row_top(self, index: int) -> float:
        return self.document().documentLayout().frameBoundingRect(self.frames[index]).top()

    def row_height(self, index: int) -> float:
        return self.document().documentLayout().frameBoundingRect(self.frames[index]).height()

    def row_text(self, index: int) -> str:
        """The plain text of one row (for tests and screen readers)."""
        frame = self.frames[index]
        cursor = frame.firstCursorPosition()
        cursor.setPosition(frame.lastPosition(), QTextCursor.MoveMode.KeepAnchor)
        return cursor.selection().toPlainText()

    def row_formats(self, index: int) -> list[tuple[str, QTextCharFormat]]:
        """(text, format) runs of one row: lets tests see which words are marked."""
        frame = self.frames[index]
        runs: list[tuple[str, QTextCharFormat]] = []
        block = frame.firstCursorPosition().block()
        while block.isValid() and block.position() <= frame.lastPosition():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                if fragment.isValid():
                    runs.append((fragment.text(), fragment.charFormat()))
                it += 1
            block = block.next()
        return runs

    def add_row(self, key: str, kind: str, colours: Colours, *, gap: bool = False) -> RowWriter:
        """Start a new row (a framed block) at the end of the pane."""
        fmt = QTextFrameFormat()
        fmt.setBorder(_BORDER)
        fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        fmt.setPadding(_PADDING)
        fmt.setTopMargin(0)
        fmt.setBottomMargin(_GAP_BETWEEN_ROWS)
        fmt.setProperty(QTextFrameFormat.Property.UserProperty, kind)
        fmt.setProperty(QTextFrameFormat.Property.UserProperty + 1, gap)
        _paint_frame(fmt, kind, gap, False, colours, self.palette())
        cursor = self.document().rootFrame().lastCursorPosition()
        frame = cursor.insertFrame(fmt)
        self.frames.append(frame)
        self.keys.append(key)
        self.kinds.append(kind)
        writer = RowWriter(frame, self.side, colours, self.document().defaultFont(), self.references)
        writer.move_labels = self.move_labels
        return writer

    def mark_current(self, index: int | None, previous: int | None, colours: Colours) -> None:
        """Outline the current change (border and tint); the frame keeps its height."""
        for i, on in ((previous, False), (index, True)):
            if i is None or not 0 <= i < len(self.frames):
                continue
            frame = self.frames[i]
            fmt = frame.frameFormat()
            kind = str(fmt.property(QTextFrameFormat.Property.UserProperty))
            gap = bool(fmt.property(QTextFrameFormat.Property.UserProperty + 1))
            _paint_frame(fmt, kind, gap, on, colours, self.palette())
            frame.setFrameFormat(fmt)


def _paint_frame(
    fmt: QTextFrameFormat, kind: str, gap: bool, current: bool, colours: Colours, palette: QPalette
) -> None:
    base = palette.color(QPalette.ColorRole.Base)
    if current:
        fmt.setBorderBrush(QBrush(colours.current))
        fmt.setBackground(QBrush(colours.current_bg))
        return
    fmt.setBorderBrush(QBrush(base if kind == UNCHANGED else colours.kind(kind)))
    fmt.setBackground(QBrush(colours.gap if gap else base))


def _skipped(side: str) -> str | None:
    """The word changes a side does not show: the old side has no added words, the new no deleted."""
    return {OLD: INSERT, NEW: DELETE}.get(side)


class RowWriter:
    """Writes the inside of one row: heading, tags, notes and word-marked text."""

    def __init__(
        self, frame: QTextFrame, side: str, colours: Colours, font: QFont, references: References | None = None
    ) -> None:
        self.cursor = frame.firstCursorPosition()
        self.side = side
        self.references = references
        self.colours = colours
        self._first = True
        self._base_size = font.pointSizeF()
        self.plain = QTextCharFormat()
        self.deleted = QTextCharFormat()
        self.deleted.setForeground(colours.deleted_fg)
        self.deleted.setBackground(colours.deleted_bg)
        self.deleted.setFontStrikeOut(True)
        self.inserted = QTextCharFormat()
        self.inserted.setForeground(colours.inserted_fg)
        self.inserted.setBackground(colours.inserted_bg)
        self.inserted.setFontUnderline(True)
        # Moved words: their own colour, a dashed underline and a label naming where they went or
        # came from, so a move reads as a move without telling colours apart.
        self.moved = QTextCharFormat()
        self.moved.setForeground(colours.kind(MOVED))
        moved_bg = QColor(colours.kind(MOVED))
        moved_bg.setAlpha(35)
        self.moved.setBackground(moved_bg)
        self.moved.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
        self.move_labels: dict[int, str] = {}

    def _block(self, top: float = 0, bottom: float = 0, line_height: int = 100) -> None:
        fmt = QTextBlockFormat()
        fmt.setTopMargin(top)
        fmt.setBottomMargin(bottom)
        if line_height != 100:
            fmt.setLineHeight(line_height, QTextBlockFormat.LineHeightTypes.ProportionalHeight.value)
        if self._first:
            self.cursor.setBlockFormat(fmt)
            self._first = False
        else:
            self.cursor.insertBlock(fmt, self.plain)

    def _app_words(self) -> None:
        """The app's own English words stay left to right in a right-to-left notice's pane."""
        fmt = self.cursor.blockFormat()
        fmt.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
        self.cursor.setBlockFormat(fmt)

    def _mark(self, op: str, base: QTextCharFormat, moved: int = 0) -> QTextCharFormat:
        if op == EQUAL:
            return base
        fmt = QTextCharFormat(base)
        fmt.merge(self.moved if moved else self.deleted if op == DELETE else self.inserted)
        return fmt

    def _move_label(self, moved: int) -> None:
        """'⇄ moved to section 9 ' before a moved passage (on the line it starts)."""
        fmt = QTextCharFormat()
        fmt.setFontItalic(True)
        fmt.setFontWeight(QFont.Weight.DemiBold)
        fmt.setForeground(self.colours.kind(MOVED))
        label = self.move_labels.get(moved, "moved")
        self.cursor.insertText(f"\u21c4 {label}: ", fmt)

    def _ops(self, ops: Iterable[WordOp], base: QTextCharFormat, one_line: bool = False) -> None:
        from notice_studio.core.export.redline import reader_text  # words as readers see them

        skip = _skipped(self.side)
        shown = [op for op in ops if op.op != skip and op.text]
        if self.references is not None:
            shown = read_references(shown, self.side, self.references)
        at_line_start = True
        previous = EQUAL
        labelled = 0
        for op in shown:
            if previous == DELETE and op.op == INSERT and not at_line_start:
                self.cursor.insertText(" ", self.plain)  # both shown: keep the removed and added words apart
            previous = op.op
            raw = op.text.replace("\r\n", "\n")
            moved = op.moved if op.op != EQUAL else 0
            if moved and moved != labelled:
                lead = len(raw) - len(raw.lstrip("\n"))  # the label goes where the words start
                if lead:
                    self.cursor.insertText("\n" * lead, self._mark(op.op, base, moved))
                    raw, at_line_start = raw[lead:], True
                self._move_label(moved)
            labelled = moved
            text = reader_text(raw, at_line_start)
            at_line_start = raw.endswith("\n")
            if one_line:
                text = " ".join(text.split("\n"))
            self.cursor.insertText(text, self._mark(op.op, base, moved))

    def heading(self, number: str, ops: Iterable[WordOp], tags: Iterable[tuple[str, QColor]] = ()) -> None:
        """'7  How long we keep your data' in bold, with coloured tags after it."""
        self._block(bottom=3)
        fmt = QTextCharFormat()
        fmt.setFontWeight(QFont.Weight.Bold)
        fmt.setFontPointSize(self._base_size * 1.1)
        if number:
            self.cursor.insertText(f"{number}  ", fmt)
        self._ops(ops, fmt, one_line=True)
        for text, colour in tags:
            self.tag(text, colour)

    def tag(self, text: str, colour: QColor) -> None:
        self.cursor.insertText("  ", self.plain)
        fmt = QTextCharFormat()
        fmt.setForeground(shared.text_on(colour))
        fmt.setBackground(colour)
        fmt.setFontWeight(QFont.Weight.DemiBold)
        fmt.setFontPointSize(self._base_size * 0.85)
        self.cursor.insertText(f"\u2009{text}\u2009", fmt)

    def note(self, text: str) -> None:
        """A short italic line saying what happened ('Moved from section 4.2.')."""
        self._block(bottom=4)
        self._app_words()
        fmt = QTextCharFormat()
        fmt.setFontItalic(True)
        fmt.setForeground(self.colours.muted)
        self.cursor.insertText(text, fmt)

    def text(self, ops: Iterable[WordOp], empty: str = "(no text)") -> None:
        """The body, with deleted words marked on the old side and inserted words on the new."""
        ops = [op for op in ops if op.op != _skipped(self.side)]
        self._block(top=2, line_height=118)
        if not "".join(op.text for op in ops).strip():
            self.note_inline(empty)
            return
        self._ops(ops, self.plain)

    def note_inline(self, text: str) -> None:
        self._app_words()
        fmt = QTextCharFormat()
        fmt.setFontItalic(True)
        fmt.setForeground(self.colours.muted)
        self.cursor.insertText(text, fmt)

    def line(self, label: str, ops: Iterable[WordOp]) -> None:
        """'Label: value' with the value word-marked (placeholder values, table rows)."""
        self._block(bottom=2)
        bold = QTextCharFormat()
        bold.setFontWeight(QFont.Weight.DemiBold)
        if label:
            self.cursor.insertText(f"{label}: ", bold)
        self._ops(ops, self.plain, one_line=True)

    def grid(self, rows: list[list[list[WordOp]]], *, heading: bool = True, titles: Iterable[int] = ()) -> None:
        """A small table, the first row its headings (unless not `heading`): each cell's words
        marked as in `text` (deleted on the old side, inserted on the new), so a changed cell
        reads as one; each row in `titles` is one bold cell across the table."""
        if not rows or not rows[0]:
            return
        titles = set(titles)
        self._block(top=4)
        fmt = QTextTableFormat()
        fmt.setBorder(1)
        fmt.setBorderStyle(QTextFrameFormat.BorderStyle.BorderStyle_Solid)
        fmt.setBorderBrush(QBrush(self.colours.muted))
        fmt.setBorderCollapse(True)
        fmt.setCellPadding(3)
        fmt.setCellSpacing(0)
        fmt.setHeaderRowCount(1 if heading else 0)
        fmt.setWidth(QTextLength(QTextLength.Type.PercentageLength, 100))
        table = self.cursor.insertTable(len(rows), len(rows[0]), fmt)
        bold = QTextCharFormat()
        bold.setFontWeight(QFont.Weight.DemiBold)
        skip = _skipped(self.side)
        for r, row in enumerate(rows):
            if r in titles:
                table.mergeCells(r, 0, 1, len(row))
            base = bold if (heading and r == 0) or r in titles else self.plain
            for c, ops in enumerate(row):
                cursor = table.cellAt(r, c).firstCursorPosition()
                for op in ops:
                    if op.op != skip and op.text:
                        cursor.insertText(" ".join(op.text.split("\n")), self._mark(op.op, base))
        self.cursor.setPosition(table.lastPosition() + 1)


def align_rows(left: ComparePane, right: ComparePane, start: int = 0) -> None:
    """Give the two frames of every row the same height (the taller of the two); from `start`
    on only, for rows just added (their heights were never fixed).

    Only rows whose sides differ get a fixed height, so after a small change the document
    re-lays out a few frames rather than the whole notice. A long comparison whose width
    changed is lined up a slice at a time instead (pane_sync.RowAligning).
    """
    if not start:
        free_rows(left, range(len(left.frames)))
        free_rows(right, range(len(right.frames)))
    left.document().size()  # finishes any lazy layout before measuring
    right.document().size()
    grow_left: dict[int, float | None] = {}
    grow_right: dict[int, float | None] = {}
    for i in range(start, len(left.frames)):
        lh, rh = left.row_height(i), right.row_height(i)
        if lh + 0.5 < rh:
            grow_left[i] = rh
        elif rh + 0.5 < lh:
            grow_right[i] = lh
    _set_heights(left, grow_left)
    _set_heights(right, grow_right)


def free_rows(pane: ComparePane, rows: range) -> None:
    """Let these rows take their natural height again (the layout catches up lazily)."""
    _set_heights(pane, {i: None for i in rows if _is_fixed(pane.frames[i])})


def lay_out_to(pane: ComparePane, index: int) -> None:
    """Lay the pane out as far as the end of row `index` only (not the whole document)."""
    document = pane.document()
    document.documentLayout().blockBoundingRect(document.findBlock(pane.frames[index].lastPosition()))


def line_up(left: ComparePane, right: ComparePane, index: int) -> None:
    """Give the shorter side of one row the height of the taller."""
    lh, rh = left.row_height(index), right.row_height(index)
    if lh + 0.5 < rh:
        _set_heights(left, {index: rh})
    elif rh + 0.5 < lh:
        _set_heights(right, {index: lh})


def _is_fixed(frame: QTextFrame) -> bool:
    return frame.frameFormat().height().type() != QTextLength.Type.VariableLength


def _set_heights(pane: ComparePane, heights: dict[int, float | None]) -> None:
    if not heights:
        return
    with pane.editing():
        for index, height in heights.items():
            frame = pane.frames[index]
            fmt = frame.frameFormat()
            fmt.setHeight(QTextLength() if height is None else QTextLength(QTextLength.Type.FixedLength, height))
            frame.setFrameFormat(fmt)

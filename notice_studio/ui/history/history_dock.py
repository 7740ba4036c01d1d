"""The History dock: published versions and saved edits, newest first, to compare or restore.

A version sits just above the edit it was published from (that edit also carries its tag), so
the list reads as one timeline. "Draft (unpublished changes)" heads the list. Select one entry
to compare it with the draft, or two to compare them; "Restore…" makes an old text the new
draft, as a new edit (nothing is ever removed from the history) and one undo step.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from PySide6.QtCore import QEvent, QItemSelectionModel, QObject, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetrics, QKeyEvent, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from notice_studio.core.notice.model import Notice
from notice_studio.core.notice.store import Version, standing
from notice_studio.core.publishing.schedule import withdraw_problems
from notice_studio.ui import commands
from notice_studio.ui.app_state import AppState, Navigator
from notice_studio.ui.history.history_entries import DRAFT, EDIT, VERSION, HistoryEntry, timeline
from notice_studio.ui.palette import DRAFT_TEXT, LINK, QUIET, UNFILLED, text_on, themed
from notice_studio.ui.session import Session
from notice_studio.ui.tasks import Debouncer

PAGE = 200  # edits loaded at first; "Show all" loads the rest
_ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True)
class _VersionFacts:
    """What the dock works out from the published versions (signatures checked, which may be
    withdrawn): kept from one refresh to the next while no version is published or withdrawn,
    so a save (hundreds of versions, a refresh after each) does not work it all out again."""

    versions: tuple[Version, ...]
    today: dt.date
    signed: dict[str, str]
    refusals: dict[str, str]


# ----- drawing ----------------------------------------------------------------------------------
class HistoryDelegate(QStyledItemDelegate):
    """Two or three short lines per entry; versions bold with a coloured tag and a side bar."""

    PAD = 6

    def _colours(self, option: QStyleOptionViewItem) -> dict[str, QColor]:
        palette = option.palette
        return {
            "version": themed(LINK, palette),
            "material": themed(UNFILLED, palette),
            "editorial": themed(QUIET, palette),
            "draft": themed(DRAFT_TEXT, palette),
            "muted": themed(QUIET, palette),
        }

    def _lines(self, entry: HistoryEntry) -> list[str]:
        return [entry.title, entry.detail] + [
            line for line in (entry.signature, entry.extra, entry.reasons_line) if line
        ]

    def _tags_width(self, entry: HistoryEntry, bold: QFont) -> int:
        """The room the tags take on the title line (the version pill left, the others right)."""
        small = QFontMetrics(_small(bold))
        if entry.kind == VERSION:
            right_tag = entry.kind_tag
            return small.horizontalAdvance(entry.ref) + 12 + 6 + small.horizontalAdvance(right_tag) + 12 + 6
        return sum(small.horizontalAdvance(tag) + 12 + 4 for tag in entry.tags)

    def _title_lines(self, entry: HistoryEntry, font: QFont, width: int) -> list[str]:
        """The title on one line beside its tags; where a narrow panel would cut it off ("Version 11 —
        effective 12 …"), its head beside the tags and the rest (the date) on lines of its own."""
        bold = QFont(font)
        bold.setBold(True)
        metrics = QFontMetrics(bold if entry.kind in (VERSION, DRAFT) else font)
        inner = width - 2 * self.PAD - 6
        if metrics.horizontalAdvance(entry.title) <= inner - self._tags_width(entry, bold):
            return [entry.title]
        head, dash, tail = entry.title.partition(" \u2014 ")
        if not dash:
            return [entry.title]
        lines = [head]
        for word in tail.split(" "):
            if len(lines) > 1 and metrics.horizontalAdvance(f"{lines[-1]} {word}") <= inner:
                lines[-1] += f" {word}"
            else:
                lines.append(word)
        return lines

    @staticmethod
    def _width(option: QStyleOptionViewItem) -> int:
        view = option.widget
        viewport = getattr(view, "viewport", None)
        return viewport().width() if viewport is not None else option.rect.width()

    def sizeHint(self, option: QStyleOptionViewItem, index) -> QSize:
        entry = index.data(_ENTRY_ROLE)
        metrics = QFontMetrics(option.font)
        lines = len(self._lines(entry)) if entry else 1
        if entry:
            lines += len(self._title_lines(entry, option.font, self._width(option))) - 1
        return QSize(200, lines * metrics.lineSpacing() + 2 * self.PAD + (4 if entry and entry.kind == VERSION else 0))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        entry: HistoryEntry | None = index.data(_ENTRY_ROLE)
        if entry is None:
            super().paint(painter, option, index)
            return
        self.initStyleOption(option, index)
        style = option.widget.style() if option.widget else QApplication.style()
        text_option = QStyleOptionViewItem(option)
        text_option.text = ""
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, text_option, painter, option.widget)
        colours = self._colours(option)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        text_colour = option.palette.color(role)
        muted = text_colour if selected else colours["muted"]
        painter.save()
        rect = option.rect.adjusted(self.PAD + 6, self.PAD, -self.PAD, -self.PAD)
        if entry.kind in (VERSION, DRAFT):  # a bar down the left edge marks versions and the draft
            bar = QColor(colours["version"] if entry.kind == VERSION else colours["draft"])
            painter.fillRect(QRect(option.rect.left() + 2, option.rect.top() + 3, 4, option.rect.height() - 6), bar)
        bold = QFont(option.font)
        bold.setBold(True)
        line_height = QFontMetrics(option.font).lineSpacing()
        x, y = rect.left(), rect.top()
        right = rect.right()
        if entry.kind == VERSION:
            x = self._pill(painter, entry.ref, x, y, line_height, colours["version"], bold)
            right_tag = entry.kind_tag
            tag_colour = colours["version" if entry.first else "material" if entry.material else "editorial"]
            width = QFontMetrics(_small(bold)).horizontalAdvance(right_tag) + 12
            self._pill(painter, right_tag, right - width, y, line_height, tag_colour, bold)
            right -= width + 6
        elif entry.tags:
            for tag in entry.tags:
                width = QFontMetrics(_small(bold)).horizontalAdvance(tag) + 12
                self._pill(painter, tag, right - width, y, line_height, colours["version"], bold)
                right -= width + 4
        title_font = bold if entry.kind in (VERSION, DRAFT) else option.font
        painter.setFont(title_font)
        painter.setPen(text_colour)
        first, *rest = self._title_lines(entry, option.font, option.rect.width())
        self._text(painter, first, QRect(x, y, right - x, line_height))
        for line in rest:
            y += line_height
            self._text(painter, line, QRect(rect.left(), y, rect.width(), line_height))
        y += line_height + (4 if entry.kind == VERSION else 0)
        painter.setFont(option.font)
        painter.setPen(muted)
        self._text(painter, entry.detail, QRect(rect.left(), y, rect.width(), line_height))
        if entry.signature:  # in words, so it never rests on colour alone
            y += line_height
            self._text(painter, entry.signature, QRect(rect.left(), y, rect.width(), line_height))
        if entry.extra:
            y += line_height
            italic = QFont(option.font)
            italic.setItalic(entry.kind == VERSION)
            painter.setFont(italic)
            painter.setPen(text_colour if entry.kind == VERSION else muted)
            shown = (
                f"\u201c{entry.extra}\u201d"
                if entry.kind == VERSION and not entry.extra.startswith("No change")
                else entry.extra
            )
            self._text(painter, shown, QRect(rect.left(), y, rect.width(), line_height))
        if entry.reasons_line:
            y += line_height
            painter.setFont(option.font)
            painter.setPen(muted)
            self._text(
                painter,
                entry.reasons_line + " (hover for the reasons)",
                QRect(rect.left(), y, rect.width(), line_height),
            )
        painter.restore()

    @staticmethod
    def _text(painter: QPainter, text: str, rect: QRect) -> None:
        metrics = painter.fontMetrics()
        elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(rect.width(), 10))
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter), elided)

    @staticmethod
    def _pill(painter: QPainter, text: str, x: int, y: int, height: int, colour: QColor, font: QFont) -> int:
        """A small rounded tag; returns the x just after it."""
        small = _small(font)
        width = QFontMetrics(small).horizontalAdvance(text) + 12
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawRoundedRect(QRect(x, y + 1, width, height - 2), 4, 4)
        painter.setPen(text_on(colour))
        painter.setFont(small)
        painter.drawText(QRect(x, y + 1, width, height - 2), int(Qt.AlignmentFlag.AlignCenter), text)
        painter.restore()
        return x + width + 6


def _small(font: QFont) -> QFont:
    small = QFont(font)
    small.setPointSizeF(font.pointSizeF() * 0.85)
    return small


# ----- the dock ---------------------------------------------------------------------------------
class HistoryDock(QDockWidget):
    loaded = Signal()  # the list was (re)filled
    restored = Signal(str)  # the ref made the draft

    def __init__(self, state: AppState, nav: Navigator, parent: QWidget | None = None) -> None:
        super().__init__("History", parent)
        self.state, self.nav = state, nav
        self.session = None
        self.entries: list[HistoryEntry] = []
        self.show_all = False
        self._more = False
        self._version_facts: _VersionFacts | None = None
        self._refresh = Debouncer(120, self.refresh, self)

        self.hint = QLabel("Select an entry to compare it with the draft, or two entries (Ctrl+click) to compare them.")
        self.hint.setWordWrap(True)
        self.hint.setAccessibleName("How to use the history")
        self.list = QListWidget()
        self.list.setAccessibleName("History of versions and edits")
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setItemDelegate(HistoryDelegate(self.list))
        self.list.setUniformItemSizes(False)
        self.list.setResizeMode(QListWidget.ResizeMode.Adjust)  # rows grow a line when the title must wrap
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.itemSelectionChanged.connect(self._selection_changed)
        self.list.itemDoubleClicked.connect(lambda _item: self.compare_selected())
        self.list.installEventFilter(self)
        self.compare_button = QPushButton("Compare")
        self.compare_button.setAccessibleName("Compare the selected entries")
        self.compare_button.setToolTip(
            "Show what changed between the selected entry and the draft, or between two entries (Enter)"
        )
        self.compare_button.clicked.connect(self.compare_selected)
        self.restore_button = QPushButton("Restore…")
        self.restore_button.setAccessibleName("Restore the selected entry as the draft")
        self.restore_button.setToolTip(
            "Make the selected version or edit the new draft; the current draft stays in the history"
        )
        self.restore_button.clicked.connect(self.restore_selected)
        self.withdraw_button = QPushButton("Withdraw…")
        self.withdraw_button.setAccessibleName("Withdraw the selected upcoming version")
        self.withdraw_button.setToolTip(
            "Withdraw a published version before it takes effect: it never takes effect, the history keeps "
            "the record and the draft stays as it is"
        )
        self.withdraw_button.clicked.connect(self.withdraw_selected)
        self.show_all_button = QPushButton("Show all")
        self.show_all_button.setAccessibleName("Show the whole history")
        self.show_all_button.setToolTip(f"Only the latest {PAGE} edits are listed; show every edit")
        self.show_all_button.clicked.connect(self.load_all)
        self.status = QLabel("")
        self.status.setWordWrap(True)
        self.status.setAccessibleName("History status")
        self.withdraw_dialog: QDialog | None = None

        buttons = QHBoxLayout()
        buttons.addWidget(self.compare_button)
        buttons.addWidget(self.restore_button)
        buttons.addWidget(self.withdraw_button)
        buttons.addStretch(1)
        buttons.addWidget(self.show_all_button)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.hint)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.setWidget(body)
        self.setAccessibleName("History")
        self._update_buttons()

        state.session_changed.connect(self._session_changed)
        if state.session is not None:
            self._session_changed(state.session)

    # ----- following the session ----------------------------------------------------------------
    def _session_changed(self, session) -> None:
        if self.session is not None:
            for signal in (self.session.history_changed, self.session.saved):
                with contextlib.suppress(RuntimeError, TypeError):
                    signal.disconnect(self._refresh.poke)
        self.session = session
        self.show_all = False
        self.list.clear()
        self.entries = []
        self._version_facts = None
        if session is None:
            self.status.setText("Open a notice to see its history.")
            self._update_buttons()
            return
        session.history_changed.connect(self._refresh.poke)
        session.saved.connect(self._refresh.poke)
        self.refresh()

    def refresh(self) -> None:
        """Re-read versions and edits in the background."""
        session = self.session
        if session is None:
            return
        repo = session.repo
        limit = None if self.show_all else PAGE
        self.status.setText("Loading the history…" if not self.entries else "")

        titles = {c.id: c.title for c in session.notice.all_clauses()}
        workspace = session.workspace
        known = self._version_facts

        def work() -> tuple[list[HistoryEntry], bool, _VersionFacts]:
            edits = repo.edits(limit=limit)
            versions = repo.versions()
            latest = standing(versions)
            since = repo.edits_since(latest[-1].name) if latest else None
            more = limit is not None and len(edits) >= limit
            today = dt.date.today()
            facts = known
            if facts is None or facts.today != today or facts.versions != tuple(versions):
                # git verify-tag for each signed version: here, off the window's thread.
                signed = {name: s.words for name, s in workspace.version_signatures().items()} if versions else {}
                facts = _VersionFacts(tuple(versions), today, signed, withdraw_problems(versions, today))
            refusals = facts.refusals
            entries = [
                replace(e, withdraw_refusal=refusals[e.ref]) if e.kind == VERSION and e.ref in refusals else e
                for e in timeline(edits, versions, titles, since, signatures=facts.signed)
            ]
            return entries, more, facts

        def done(result: tuple[list[HistoryEntry], bool, _VersionFacts]) -> None:
            if self.session is not session:
                return
            entries, self._more, self._version_facts = result
            self._fill(entries)

        def failed(exc: object) -> None:
            if self.session is session:
                self.status.setText(f"The history could not be read: {exc}")

        self.state.tasks.latest("history-dock", work, done, failed)

    def load_all(self) -> None:
        self.show_all = True
        self.refresh()

    def _fill(self, entries: list[HistoryEntry]) -> None:
        """Show `entries`: only the rows that differ from those shown are replaced (after a save,
        the draft's row, the new edit's and the one that drops off the end of the page), so
        hundreds of rows are not made again each time."""
        chosen = {e.ref for e in self.selected_entries()}
        current = self.list.currentItem()
        current_ref = current.data(_ENTRY_ROLE).ref if current is not None else None
        steps = SequenceMatcher(None, self.entries, entries, autojunk=False).get_opcodes()
        self.entries = entries
        scrolled = self.list.verticalScrollBar().value()
        self.list.blockSignals(True)
        for tag, old_start, old_end, new_start, new_end in reversed(steps):  # from the end: rows above keep their place
            if tag == "equal":
                continue
            for _ in range(old_end - old_start):
                self.list.takeItem(old_start)
            for row in range(new_start, new_end):
                item = _item(entries[row])
                self.list.insertItem(old_start + row - new_start, item)
                if entries[row].ref in chosen:
                    item.setSelected(True)
                if entries[row].ref == current_ref:
                    self.list.setCurrentItem(item, QItemSelectionModel.SelectionFlag.NoUpdate)
        self.list.blockSignals(False)
        self.list.verticalScrollBar().setValue(scrolled)  # an autosave must not make the list jump
        self.show_all_button.setVisible(self._more)
        edits = sum(1 for e in entries if e.kind == EDIT)
        self.status.setText(f"Showing the latest {edits} edits." if self._more else "")
        self._update_buttons()
        self.loaded.emit()

    # ----- selection ------------------------------------------------------------------------
    def selected_entries(self) -> list[HistoryEntry]:
        """Selected entries, newest first (list order)."""
        rows = sorted(self.list.row(item) for item in self.list.selectedItems())
        return [self.list.item(r).data(_ENTRY_ROLE) for r in rows]

    def select_refs(self, *refs: str) -> None:
        """Select the entries with these refs (keyboard users and tests)."""
        self.list.clearSelection()
        for row, entry in enumerate(self.entries):
            if entry.ref in refs:
                self.list.item(row).setSelected(True)
                self.list.setCurrentRow(row, QItemSelectionModel.SelectionFlag.Select)

    def entry_for(self, ref: str) -> HistoryEntry | None:
        return next((e for e in self.entries if e.ref == ref), None)

    def describe_ref(self, ref: str) -> tuple[str, str] | None:
        """How the comparison window should name a commit id, in a sentence and in a heading
        ('the edit of Today, 14:05:09 (3f2a9c1)', 'Edit of Today, 14:05:09 (3f2a9c1): Edited 'Cookies'')."""
        entry = next((e for e in self.entries if e.ref == ref or (e.kind == EDIT and e.ref.startswith(ref))), None)
        return (entry.label, entry.heading) if entry is not None and entry.kind == EDIT else None

    def compare_refs(self) -> tuple[str, str] | None:
        """(earlier, later) for the current selection, or None if it cannot be compared."""
        chosen = self.selected_entries()
        if len(chosen) == 1 and chosen[0].kind != DRAFT:
            return chosen[0].ref, "draft"
        if len(chosen) == 2 and chosen[0].ref != chosen[1].ref:
            newer, older = chosen
            return older.ref, newer.ref
        return None

    def _selection_changed(self) -> None:
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.selected_entries()
        self.compare_button.setEnabled(self.compare_refs() is not None)
        self.restore_button.setEnabled(len(chosen) == 1 and chosen[0].kind != DRAFT)
        one_version = len(chosen) == 1 and chosen[0].kind == VERSION
        self.withdraw_button.setEnabled(one_version and not chosen[0].withdraw_refusal)
        self.withdraw_button.setToolTip(
            chosen[0].withdraw_refusal
            if one_version and chosen[0].withdraw_refusal
            else "Withdraw a published version before it takes effect: it never takes effect, the history keeps "
            "the record and the draft stays as it is"
        )
        if len(chosen) > 2:
            self.status.setText("Select at most two entries to compare.")
        elif self.status.text().startswith("Select at most"):
            self.status.setText("")

    # ----- actions --------------------------------------------------------------------------
    def compare_selected(self) -> None:
        refs = self.compare_refs()
        if refs is None:
            if self.selected_entries() and self.selected_entries()[0].kind == DRAFT:
                self.status.setText("Select a version or an edit to compare with the draft.")
            return
        self.nav.compare(*refs)

    def restore_selected(self) -> None:
        chosen = self.selected_entries()
        session = self.session
        if session is None or len(chosen) != 1 or chosen[0].kind == DRAFT:
            return
        entry = chosen[0]
        what = f"version {entry.ref}" if entry.kind == VERSION else f"the text as it was after {entry.label}"
        answer = QMessageBox.question(
            self,
            "Restore as the draft",
            f"Make {what} the new draft? Your current draft stays in the history and can be restored later.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        # Pending typing is queued in the write lane first; the lane is serial, so it lands first.
        self.nav.save_typing()
        repo, author, ref = session.repo, session.author, entry.ref
        self.restore_button.setEnabled(False)
        self.status.setText("Restoring…")

        def restore() -> tuple[str | None, Notice, str]:
            commit = repo.restore(ref, author)
            saved = repo.edits(limit=1)[0].message if commit else ""
            return commit, repo.load(), saved

        def done(result: tuple[str | None, Notice, str]) -> None:
            if self.state.session is not session:
                return
            commit, restored, saved = result
            if commit:  # one undo step: Edit > Undo puts back the draft as it was just now
                session.undo_stack.push(commands.RestoreDraft(session, session.notice, restored, saved))
            name = f"Version {ref}" if entry.kind == VERSION else "The earlier text"
            self.status.setText("")
            if commit:  # the window's undo hint: undoing the restore replaces it with "Undone: …"
                self.nav.status_until_undone(
                    f"{name} is now the draft; the previous draft is kept in the history. Undo (Ctrl+Z) brings it back.",
                    8000,
                )
            else:
                self.nav.status("The draft already has that text; nothing changed.", 8000)
            self._update_buttons()
            self.restored.emit(ref)

        def failed(exc: object) -> None:
            self.status.setText("")
            self._update_buttons()
            self.nav.show_error(f"The text could not be restored: {exc}")

        self.state.tasks.write(restore, done, failed)

    def withdraw_selected(self) -> None:
        """Withdraw the selected upcoming version, after the user confirms and optionally says why
        (the workspace decides whether it may be, as for `notice-studio withdraw --reason`)."""
        chosen = self.selected_entries()
        session = self.session
        if session is None or len(chosen) != 1 or chosen[0].kind != VERSION:
            return
        ref = chosen[0].ref
        from notice_studio.ui.history.withdraw_dialog import WithdrawDialog

        dialog = self.withdraw_dialog = WithdrawDialog(ref, self)
        dialog.accepted.connect(lambda: self._withdraw(session, ref, dialog.reason_text()))
        dialog.open()

    def _withdraw(self, session: Session, ref: str, reason: str) -> None:
        workspace = session.workspace
        self.withdraw_button.setEnabled(False)

        def done(_version: object) -> None:
            if self.state.session is not session:
                return
            self.nav.status(f"{ref} is withdrawn and will never take effect; the draft is unchanged.", 8000)
            session.refresh_history()
            self.refresh()

        def failed(exc: object) -> None:
            self._update_buttons()
            self.nav.show_error(str(exc) or f"{ref} could not be withdrawn.")

        self.state.tasks.write(lambda: workspace.withdraw(ref, reason), done, failed)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.list and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.compare_selected()
                return True
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                return True  # history is never deleted
        return super().eventFilter(watched, event)


def _item(entry: HistoryEntry) -> QListWidgetItem:
    item = QListWidgetItem(entry.accessible_text)
    item.setData(_ENTRY_ROLE, entry)
    item.setToolTip(_tooltip(entry))
    item.setData(Qt.ItemDataRole.AccessibleTextRole, entry.accessible_text)
    return item


def _tooltip(entry: HistoryEntry) -> str:
    if entry.kind == DRAFT:
        return "The notice as it is now. Select a version or edit and press Compare to see what changed since."
    if entry.kind == VERSION:
        change = entry.kind_words
        acknowledged = "".join(f"\nAcknowledged: {reason}" for reason in entry.reasons)
        signed = f"\n{entry.signature}" if entry.signature else ""
        return f"{entry.title} ({change})\n{entry.detail}{signed}\nChange notice: {entry.extra}{acknowledged}"
    return f"{entry.title}\n{entry.detail}" + (f"\n{entry.extra}" if entry.extra else "")

"""The comparison window: what changed between two versions, side by side.

A list of changes on the left; the earlier version and the later one in two panes that scroll
together, clause beside clause, deleted words struck through in red on the old side and added
words underlined in green on the new side. The comparison runs in the background; closing the
window while it runs simply drops the answer.

The same window decides sync conflicts (`DiffWindow.for_conflicts`): theirs and yours in the two
panes, the result in a third column (`conflict_mode`).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QColor, QIcon, QKeySequence, QPainter, QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from notice_studio.core.diff.notices import NoticeDiff, diff_notices
from notice_studio.core.notice.model import Notice, slugify
from notice_studio.core.render.common import format_date
from notice_studio.ui.app_state import AppState, Navigator
from notice_studio.ui.compare.diff_panes import NEW, OLD, Colours, ComparePane, colours_for
from notice_studio.ui.compare.diff_rows import SummaryEntry, pane_rows, summary_entries, summary_sentence
from notice_studio.ui.compare.pane_filling import PaneFilling
from notice_studio.ui.compare.pane_sync import PaneSync
from notice_studio.ui.layout.fit import size_window
from notice_studio.ui.notice_direction import set_notice_direction
from notice_studio.ui.session import snapshot

if TYPE_CHECKING:
    from notice_studio.core.remote.merge import Conflict
    from notice_studio.ui.compare.conflict_mode import ConflictMode

_LOADING, _READY, _FAILED = 0, 1, 2


def ref_label(state: AppState, nav: Navigator, ref: str) -> tuple[str, str]:
    """(short name, long name) for a ref: ('v1', 'v1 (effective 15 January 2026)'), ('the draft', 'Draft');
    the date as the publish dialog and the published page write it."""
    if ref in ("draft", "HEAD"):
        return "the draft", "Draft"
    session = state.session
    if ref.startswith("v") and ref[1:].isdigit():
        for version in session.versions if session else ():
            if version.name == ref:
                effective = f" (effective {format_date(version.effective)})" if version.effective else ""
                return ref, f"{ref}{effective}"
        return ref, ref
    described = nav.describe_ref(ref)
    if described:
        return described
    return f"the edit {ref[:7]}", f"Edit {ref[:7]}"


class ColumnCaption(QLabel):
    """A column's heading on one line, cut short with '…' when the column is narrower than it
    (the tooltip and `caption` hold it whole), so a long edit name never widens the window."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.caption = ""
        self.setTextFormat(Qt.TextFormat.PlainText)
        font = self.font()
        font.setBold(True)
        self.setFont(font)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def set_caption(self, caption: str) -> None:
        self.caption = caption
        self.setToolTip(caption)
        self.setAccessibleName(caption)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        self.setText(self.fontMetrics().elidedText(self.caption, Qt.TextElideMode.ElideRight, max(self.width(), 40)))


class DiffWindow(QMainWindow):
    """Side-by-side comparison of `a_ref` (left, earlier) with `b_ref` (right, later)."""

    loaded = Signal()  # the comparison is made and both panes are drawn
    refilled = Signal()  # drawn again, after "Changed sections only" was switched
    export_finished = Signal(str)  # the file written
    change_shown = Signal(int)  # the index of the change now current

    def __init__(
        self,
        state: AppState,
        nav: Navigator,
        a_ref: str,
        b_ref: str,
        parent: QWidget | None = None,
        *,
        conflicts: tuple[Conflict, ...] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.state, self.nav = state, nav
        self.a_ref, self.b_ref = a_ref, b_ref
        if conflicts is None:
            self.old_name, self.old_long = ref_label(state, nav, a_ref)
            self.new_name, self.new_long = ref_label(state, nav, b_ref)
        else:
            from notice_studio.ui.compare.conflict_mode import THEIRS_LABEL, YOURS_LABEL

            self.old_name, self.old_long = "theirs", THEIRS_LABEL
            self.new_name, self.new_long = "yours", YOURS_LABEL
        self.diff: NoticeDiff | None = None
        self.old_notice: Notice | None = None
        self.new_notice: Notice | None = None
        self.entries: list[SummaryEntry] = []
        self.current_change_index = -1
        self._closed = False
        self._filling: PaneFilling | None = None
        self._colours = colours_for(self.palette())
        self.setWindowTitle(f"Compare {self.old_long} with {self.new_long} — Notice Studio")
        if size_window(self, QSize(1280, 820)):
            self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)
        self._build()
        self.conflict_mode: ConflictMode | None = None
        if conflicts is None:
            self._start()
            return
        from notice_studio.ui.compare.conflict_mode import ConflictMode

        self.set_captions(self.old_long, self.new_long, sides=False)  # neither side is older
        self.setWindowTitle("Both of you changed the same words — Notice Studio")
        self.header.setText("Decide what to keep: <b>theirs</b>, <b>yours</b>, or an edited <b>result</b>")
        self.conflict_mode = ConflictMode(self, conflicts)

    @classmethod
    def for_conflicts(
        cls, state: AppState, nav: Navigator, conflicts: tuple[Conflict, ...], parent: QWidget | None = None
    ) -> DiffWindow:
        """The window in conflict mode: theirs / yours / result for each place both sides changed."""
        return cls(state, nav, "theirs", "yours", parent, conflicts=conflicts)

    def set_captions(self, old: str, new: str, *, sides: bool) -> None:
        """The two columns' headings; with `sides`, which one is older ('Earlier: v1 (…)', 'Later: Draft')."""
        for label, side, caption in zip(self.column_labels, ("Earlier", "Later"), (old, new), strict=True):
            label.set_caption(f"{side}: {caption}" if sides else caption)

    @property
    def colours(self) -> Colours:
        return self._colours

    # ----- building ---------------------------------------------------------------------------
    def _build(self) -> None:
        self.header = QLabel(f"Comparing <b>{html.escape(self.old_long)}</b> with <b>{html.escape(self.new_long)}</b>")
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setWordWrap(True)  # two long edit names wrap rather than widen the window
        self.header.setAccessibleName("What is being compared")
        font = self.header.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.header.setFont(font)
        self.summary_label = QLabel("")
        self.summary_label.setAccessibleName("Summary of changes")
        self.summary_label.setWordWrap(True)

        self.act_previous = QAction("◀ Previous change", self)
        self.act_previous.setShortcuts([QKeySequence("Shift+F8"), QKeySequence("Alt+Up")])
        self.act_previous.setToolTip("Go to the previous change (Shift+F8 or Alt+Up)")
        self.act_previous.triggered.connect(self.previous_change)
        self.act_next = QAction("Next change ▶", self)
        self.act_next.setShortcuts([QKeySequence("F8"), QKeySequence("Alt+Down")])
        self.act_next.setToolTip("Go to the next change (F8 or Alt+Down)")
        self.act_next.triggered.connect(self.next_change)
        for action in (self.act_previous, self.act_next):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.addAction(action)
        close = QAction("Close", self)
        close.setShortcuts([QKeySequence(QKeySequence.StandardKey.Close), QKeySequence("Escape")])
        close.triggered.connect(self.close)
        self.addAction(close)

        self.previous_button = self._button(self.act_previous, "Previous change")
        self.next_button = self._button(self.act_next, "Next change")
        self.changed_only = QCheckBox("Changed sections only")
        self.changed_only.setAccessibleName("Show changed sections only")
        self.changed_only.setToolTip("Hide the sections that are the same in both versions")
        self.changed_only.toggled.connect(self._refill)
        self.export_button = QPushButton("Export redline…")
        self.export_button.setAccessibleName("Export redline")
        self.export_button.setToolTip("Save the changes as a Word document or a web page to send for review")
        self.export_button.clicked.connect(self.export_redline)
        self.legend = legend = QLabel(
            "Key: "
            f"<span style='color:{self._colours.deleted_fg.name()}; background:{self._colours.deleted_bg.name()};"
            " text-decoration: line-through'>&nbsp;deleted words&nbsp;</span>&nbsp;&nbsp;"
            f"<span style='color:{self._colours.inserted_fg.name()}; background:{self._colours.inserted_bg.name()};"
            " text-decoration: underline'>&nbsp;added words&nbsp;</span>"
        )
        legend.setAccessibleName("Key: deleted words are struck through in red, added words are underlined in green")
        legend.setToolTip(
            "Moved words are underlined with dashes and labelled where they start, e.g. \u21c4 moved to section 9"
        )

        self.bar = bar = QHBoxLayout()
        bar.addWidget(self.previous_button)
        bar.addWidget(self.next_button)
        bar.addSpacing(12)
        bar.addWidget(self.changed_only)
        bar.addStretch(1)
        bar.addWidget(legend)
        bar.addSpacing(12)
        bar.addWidget(self.export_button)

        self.summary = QListWidget()
        self.summary.setAccessibleName("List of changes")
        self.summary.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.summary.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.summary.setWordWrap(False)
        self.summary.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.summary.setIconSize(QSize(12, 12))
        self.summary.setSpacing(1)
        self.summary.currentRowChanged.connect(self._summary_row_changed)
        summary_box = QWidget()
        summary_layout = QVBoxLayout(summary_box)
        summary_layout.setContentsMargins(0, 0, 0, 0)
        title = QLabel("<b>Changes</b>")
        title.setBuddy(self.summary)
        summary_layout.addWidget(title)
        summary_layout.addWidget(self.summary)

        self.old_pane = ComparePane(OLD)
        self.old_pane.setAccessibleName(f"Earlier version: {self.old_long}")
        self.new_pane = ComparePane(NEW)
        self.new_pane.setAccessibleName(f"Later version: {self.new_long}")
        self.sync = PaneSync(self.old_pane, self.new_pane, self)  # one scroll bar moves both
        self.panes = panes = QWidget()
        self.pane_row = grid = QHBoxLayout(panes)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(6)
        self.column_labels: list[ColumnCaption] = []
        for pane in (self.old_pane, self.new_pane):
            column = QVBoxLayout()
            label = ColumnCaption()
            self.column_labels.append(label)
            label.setBuddy(pane)
            column.addWidget(label)
            column.addWidget(pane, 1)
            grid.addLayout(column, 1)
        self.set_captions(self.old_long, self.new_long, sides=True)
        bar_column = QVBoxLayout()
        bar_column.addSpacing(label.sizeHint().height() + column.spacing())
        bar_column.addWidget(self.sync.bar, 1)
        grid.addLayout(bar_column, 0)
        self.still = QLabel(panes)  # the panes as they were, shown while they are drawn again
        self.still.setAccessibleName("Showing the sections again")
        self.still.hide()

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(summary_box)
        splitter.addWidget(panes)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 4)
        splitter.setSizes([300, 980])

        content = QWidget()
        layout = QVBoxLayout(content)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)

        self.progress_label = QLabel(f"Comparing {self.old_long} with {self.new_long}…")
        self.progress_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setAccessibleName("Comparing")
        self.progress.setMaximumWidth(320)
        loading = QWidget()
        loading_layout = QVBoxLayout(loading)
        loading_layout.addStretch(1)
        loading_layout.addWidget(self.progress_label)
        loading_layout.addWidget(self.progress, 0, Qt.AlignmentFlag.AlignHCenter)
        loading_layout.addStretch(2)

        self.error_label = QLabel("")
        self.error_label.setWordWrap(True)
        self.error_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error_label.setAccessibleName("Why the comparison could not be shown")

        self.stack = QStackedWidget()
        self.stack.addWidget(loading)
        self.stack.addWidget(content)
        self.stack.addWidget(self.error_label)

        central = QWidget()
        outer = QVBoxLayout(central)
        outer.addWidget(self.header)
        outer.addWidget(self.summary_label)
        outer.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self._set_controls(False)
        self.setTabOrder(self.summary, self.previous_button)

    def _button(self, action: QAction, name: str) -> QPushButton:
        button = QPushButton(action.text())
        button.setAccessibleName(name)
        button.setToolTip(action.toolTip())
        button.clicked.connect(action.trigger)
        return button

    def _set_controls(self, enabled: bool) -> None:
        for widget in (self.previous_button, self.next_button, self.changed_only, self.export_button):
            widget.setEnabled(enabled)
        self.act_next.setEnabled(enabled)
        self.act_previous.setEnabled(enabled)

    # ----- comparing in the background --------------------------------------------------------
    def _start(self) -> None:
        session = self.state.session
        if session is None:
            self._failed(RuntimeError("Open a notice first; then compare its versions."))
            return
        repo = session.repo
        # The draft is taken from the window (typing not yet saved included), the rest from git.
        draft = snapshot(session.notice) if "draft" in (self.a_ref, self.b_ref) else None
        a, b = self.a_ref, self.b_ref

        def load(ref: str) -> Notice:
            return draft if ref == "draft" and draft is not None else repo.notice_at(ref)

        def work() -> tuple[Notice, Notice, NoticeDiff]:
            import notice_studio.core.export.redline  # noqa: F401 - the panes' words; imported here, not on the UI thread

            old, new = load(a), load(b)
            return old, new, diff_notices(old, new)

        self.stack.setCurrentIndex(_LOADING)
        self.state.tasks.run(work, self._loaded, self._failed)

    def _failed(self, exc: object) -> None:
        if self._closed:
            return
        self.error_label.setText(f"The comparison could not be made: {exc}")
        self.summary_label.setText("")
        self.stack.setCurrentIndex(_FAILED)

    def _loaded(self, result: tuple[Notice, Notice, NoticeDiff]) -> None:
        if self._closed:  # closed while comparing: nothing to show
            return
        self.old_notice, self.new_notice, diff = result
        for pane, notice in ((self.old_pane, self.old_notice), (self.new_pane, self.new_notice)):
            set_notice_direction(pane, notice.language or "en", pane.document())  # each side in its language
        self.entries = summary_entries(diff)
        self.summary_label.setText(summary_sentence(diff))
        self.fill_summary()
        self.stack.setCurrentIndex(_READY)  # the rows appear as they are drawn, the window answering
        self.statusBar().showMessage(f"Showing {self.old_long} beside {self.new_long}…")
        self._fill(diff, self._first_filled)  # `diff` is set once every row is drawn

    def _first_filled(self, diff: NoticeDiff) -> None:
        self.statusBar().clearMessage()
        self.diff = diff
        self.show_ready()
        self.loaded.emit()

    @property
    def filling(self) -> bool:
        """True while the panes are being drawn (in slices, the window answering meanwhile)."""
        return self._filling is not None

    def _fill(self, diff: NoticeDiff, then: Callable[[NoticeDiff], None]) -> None:
        """Draw both panes from `diff` a slice at a time, then call `then`; a newer filling
        (the toggle pressed again) replaces one still running."""
        if self._filling is not None:
            self._filling.cancel()
        rows = pane_rows(
            self.old_pane,
            self.new_pane,
            diff,
            old_name=self.old_name,
            new_name=self.new_name,
            colours=self._colours,
            changed_only=self.changed_only.isChecked(),
            language=(self.new_notice.language if self.new_notice else None) or "en",
        )
        filling = self._filling = PaneFilling(self.old_pane, self.new_pane, rows, self)

        def done() -> None:
            if self._filling is filling and not self._closed:
                self._filling = None
                then(diff)

        filling.done.connect(done)
        filling.start()

    def show_ready(self) -> None:
        """The panes are filled: show them, at the first change."""
        self.stack.setCurrentIndex(_READY)
        self._set_controls(True)
        has = bool(self.entries)
        for widget in (self.next_button, self.previous_button, self.act_next, self.act_previous):
            widget.setEnabled(has)
        self.summary.setFocus()
        if self.entries:  # open at the first change
            self._show_change(0)

    def fill_summary(self) -> None:
        self.summary.clear()
        for entry in self.entries:
            item = QListWidgetItem(_kind_icon(self._colours.kind(entry.kind)), entry.text)
            item.setToolTip(entry.detail)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, entry.text)
            self.summary.addItem(item)
        if not self.entries:
            item = QListWidgetItem("No differences")
            item.setFlags(Qt.ItemFlag.NoItemFlags)
            self.summary.addItem(item)

    def _refill(self, *_args: object) -> None:
        """Show all sections or the changed ones only: drawn in slices behind the panes as they
        were (held still, not clickable), then shown at the current change."""
        if self.diff is None:
            return
        if self._filling is None:
            self._hold_panes(True)
            self.statusBar().showMessage(
                "Showing the changed sections only…" if self.changed_only.isChecked() else "Showing every section…"
            )
        self._fill(self.diff, self._refilled)

    def _hold_panes(self, hold: bool) -> None:
        """While the panes are drawn again: a still picture of them as they were lies over them
        (what is being drawn does not flicker past), and they take no clicks or keys."""
        if hold:
            self.still.setPixmap(self.panes.grab())
            self.still.setGeometry(self.panes.rect())
            self.still.raise_()
        else:
            self.still.clear()
        self.still.setVisible(hold)
        for widget in (self.old_pane, self.new_pane, self.sync.bar):
            widget.setEnabled(not hold)

    def _refilled(self, _diff: NoticeDiff) -> None:
        self._hold_panes(False)
        self.statusBar().clearMessage()
        if 0 <= self.current_change_index < len(self.entries):
            self._show_change(self.current_change_index)
        else:
            self.new_pane.verticalScrollBar().setValue(0)
        self.refilled.emit()

    # ----- moving between changes -------------------------------------------------------------
    def next_change(self) -> None:
        if not self.entries:
            return
        if self.current_change_index >= len(self.entries) - 1:
            self.statusBar().showMessage("That was the last change.", 4000)
            return
        self.summary.setCurrentRow(self.current_change_index + 1)

    def previous_change(self) -> None:
        if not self.entries:
            return
        if self.current_change_index <= 0:
            self.statusBar().showMessage("That was the first change.", 4000)
            if self.current_change_index < 0:
                self.summary.setCurrentRow(0)
            return
        self.summary.setCurrentRow(self.current_change_index - 1)

    def _summary_row_changed(self, row: int) -> None:
        if 0 <= row < len(self.entries):
            self._show_change(row)

    def _show_change(self, index: int) -> None:
        if self._filling is not None:  # its row may not be drawn yet: shown once the panes are done
            self.current_change_index = index
            if self.summary.currentRow() != index:
                self.summary.setCurrentRow(index)
            return
        previous = self.current_change_index
        self.current_change_index = index
        key = self.entries[index].key
        old_row = self._row_of(previous)
        row = self.new_pane.row_index(key)
        for pane in (self.old_pane, self.new_pane):
            pane.mark_current(row, old_row, self._colours)
        self.sync.scroll_to_row(row)
        if self.summary.currentRow() != index:
            self.summary.setCurrentRow(index)
        self.statusBar().showMessage(f"Change {index + 1} of {len(self.entries)}: {self.entries[index].text}")
        self.change_shown.emit(index)

    def _row_of(self, index: int) -> int | None:
        if not 0 <= index < len(self.entries):
            return None
        try:
            return self.new_pane.row_index(self.entries[index].key)
        except ValueError:
            return None

    def current_change(self) -> SummaryEntry | None:
        if 0 <= self.current_change_index < len(self.entries):
            return self.entries[self.current_change_index]
        return None

    # ----- exporting --------------------------------------------------------------------------
    def default_export_name(self) -> str:
        title = slugify(self.new_notice.title if self.new_notice else "notice") or "notice"
        return f"{title}-changes-{self._file_part(self.a_ref)}-to-{self._file_part(self.b_ref)}"

    @staticmethod
    def _file_part(ref: str) -> str:
        return ref if len(ref) < 12 else ref[:8]

    def export_redline(self) -> None:
        if self.diff is None:
            return
        from notice_studio.ui.settings import documents_dir

        start = str(documents_dir() / (self.default_export_name() + ".docx"))
        path, chosen = QFileDialog.getSaveFileName(
            self, "Export redline", start, "Word document (*.docx);;Web page (*.html)"
        )
        if not path:
            return
        self.export_to(path, html_format="html" in (chosen or "").lower())

    def export_to(self, path: str, html_format: bool | None = None) -> None:
        """Write the redline to `path` in the background (.html or .docx, by its extension)."""
        target = Path(path)
        suffix = target.suffix.lower()
        if suffix not in (".html", ".htm", ".docx"):
            target = target.with_suffix(".html" if html_format else ".docx")
            suffix = target.suffix
        old, new, diff = self.old_notice, self.new_notice, self.diff
        if old is None or new is None:  # the comparison has not loaded yet
            return
        old_label, new_label = self.old_long, self.new_long
        changes_only = self.changed_only.isChecked()

        def work() -> str:
            if suffix == ".docx":
                from notice_studio.core.export.redline_docx import redline_docx

                redline_docx(
                    old, new, target, old_label=old_label, new_label=new_label, diff=diff, changes_only=changes_only
                )
            else:
                from notice_studio.core.export.redline import redline_html
                from notice_studio.core.fileio import write_atomic

                page = redline_html(
                    old, new, old_label=old_label, new_label=new_label, diff=diff, changes_only=changes_only
                )
                write_atomic(target, page)
            return str(target)

        self.export_button.setEnabled(False)
        self.statusBar().showMessage("Saving the redline…")
        self.state.tasks.run(work, self._exported, self._export_failed)

    def _exported(self, path: object) -> None:
        if self._closed:
            return
        self.export_button.setEnabled(True)
        self.statusBar().showMessage(f"Redline saved to {path}", 10000)
        self.export_finished.emit(str(path))

    def _export_failed(self, exc: object) -> None:
        if self._closed:
            return
        self.export_button.setEnabled(True)
        self.statusBar().clearMessage()
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        self.nav.show_error(f"The redline could not be saved ({reason}); choose another folder and try again.")

    def closeEvent(self, event: QCloseEvent) -> None:
        self._closed = True  # a comparison or export still running is simply not shown
        if self._filling is not None:
            self._filling.cancel()
        self.sync.stop_aligning()
        super().closeEvent(event)


def _kind_icon(colour: QColor) -> QIcon:
    pixmap = QPixmap(24, 24)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(colour)
    painter.drawRoundedRect(2, 2, 20, 20, 5, 5)
    painter.end()
    return QIcon(pixmap)

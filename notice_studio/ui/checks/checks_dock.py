"""The Checks dock: what blocks publishing, what to review, and how well each law is covered.

Checks run on a snapshot of the notice in the background after a pause in editing; an answer
for an older snapshot is dropped. Errors and warnings also mark their clauses in the outline.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from notice_studio.core.checks import CheckReport, Coverage, Finding
from notice_studio.core.library.jurisdictions import JURISDICTIONS
from notice_studio.ui.app_state import AppState, Navigator
from notice_studio.ui.checks.checks_report import (
    FILTER_NAMES,
    GROUP_TITLES,
    SEVERITIES,
    CheckedNotice,
    check_job,
    counts_sentence,
    coverage_line,
    fix_text,
    go_to_finding,
    problem_marks,
    severity_color,
    severity_icon,
)
from notice_studio.ui.palette import FILLED, themed
from notice_studio.ui.tasks import Debouncer

FindingRole = Qt.ItemDataRole.UserRole + 1
DEBOUNCE_MS = 800


class ChecksDock(QDockWidget):
    """Findings grouped by severity, coverage per law; activating a finding shows its text."""

    report_ready = Signal(object)  # CheckReport

    def __init__(self, state: AppState, nav: Navigator, parent: QWidget | None = None) -> None:
        super().__init__("Checks", parent)
        self.state, self.nav = state, nav
        self.session = None
        self.last_report: CheckReport | None = None
        self.last_result: CheckedNotice | None = None
        self.running = False
        self._debounce = Debouncer(DEBOUNCE_MS, self.run_now, self)
        self._build()
        state.session_changed.connect(self._session_changed)
        state.library_loaded.connect(lambda _lib: self.run_now())
        if state.session is not None:
            self._session_changed(state.session)

    # ----- building ---------------------------------------------------------------------------
    def _build(self) -> None:
        body = QWidget(self)
        outer = QVBoxLayout(body)
        outer.setContentsMargins(6, 4, 6, 6)
        outer.setSpacing(4)

        bar = QHBoxLayout()
        self.status = QLabel("Open a notice to check it.")
        self.status.setAccessibleName("Checks summary")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        bar.addWidget(self.status, 1)
        self.filters: dict[str, QToolButton] = {}
        for severity in SEVERITIES:
            button = QToolButton(self)
            button.setCheckable(True)
            button.setChecked(True)
            button.setIcon(severity_icon(severity))
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            button.setText(FILTER_NAMES[severity])
            button.setAccessibleName(f"Show {FILTER_NAMES[severity].lower()}")
            button.setToolTip(f"Show or hide {FILTER_NAMES[severity].lower()}")
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            button.toggled.connect(self._apply_filters)
            bar.addWidget(button)
            self.filters[severity] = button
        self.recheck = QPushButton("Check again")
        self.recheck.setAccessibleName("Check the notice again")
        self.recheck.clicked.connect(self.run_now)
        bar.addWidget(self.recheck)
        outer.addLayout(bar)

        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName("Check findings")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Section", "Problem", "What to do"])
        self.tree.setRootIsDecorated(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.tree.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 220)
        header.resizeSection(1, 520)
        self.tree.itemClicked.connect(lambda item, _col: self._go(item))
        self.tree.itemActivated.connect(lambda item, _col: self._go(item))
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._menu)

        side = QFrame(self)
        side.setFrameShape(QFrame.Shape.StyledPanel)
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(8, 6, 8, 6)
        heading = QLabel("Coverage of the selected laws")
        font = QFont(heading.font())
        font.setBold(True)
        heading.setFont(font)
        side_layout.addWidget(heading)
        self.coverage = QLabel("")
        self.coverage.setAccessibleName("Coverage of the selected laws")
        self.coverage.setTextFormat(Qt.TextFormat.RichText)
        self.coverage.setWordWrap(True)
        self.coverage.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.coverage.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        scroller = QScrollArea(side)  # four laws and the button below need more than a short dock
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        scroller.setWidget(self.coverage)
        scroller.setAccessibleName("Coverage of the selected laws, scrolled with the arrow keys")
        side_layout.addWidget(scroller, 1)
        self.change_laws = QPushButton("Change the laws…")
        self.change_laws.setAccessibleName("Change the laws this notice is written for")
        self.change_laws.setToolTip("Choose the laws this notice is written for (File > Notice settings…)")
        self.change_laws.clicked.connect(lambda: self.nav.open_notice_settings())
        side_layout.addWidget(self.change_laws, 0, Qt.AlignmentFlag.AlignLeft)

        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.tree)
        splitter.addWidget(side)
        splitter.setStretchFactor(0, 4)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([900, 320])
        outer.addWidget(splitter, 1)
        self.setWidget(body)

    # ----- following the session --------------------------------------------------------------
    def _session_changed(self, session) -> None:
        old, self.session = self.session, session
        if old is not None:
            for signal, slot in (
                (old.edited, self._debounce.poke),
                (old.notice_replaced, self.run_now),
                (old.history_changed, self._debounce.poke),
            ):
                with contextlib.suppress(RuntimeError, TypeError):  # already gone with its session
                    signal.disconnect(slot)
        self.last_report = self.last_result = None
        self.tree.clear()
        self.coverage.setText("")
        if session is None:
            self.status.setText("Open a notice to check it.")
            return
        session.edited.connect(self._debounce.poke)
        session.notice_replaced.connect(self.run_now)
        session.history_changed.connect(self._debounce.poke)
        self.run_now()

    def run_now(self) -> None:
        """Check the notice as it is now (the answer for any older request is dropped)."""
        if self.session is None:
            return
        if self.state.library is None:
            self.status.setText("Waiting for the clause library before checking…")
            return
        job = check_job(self.state)
        if job is None:
            return
        self.running = True
        self.status.setText("Checking…")
        self.state.tasks.latest("checks", job, self._show, self._failed)

    def _failed(self, exc: object) -> None:
        self.running = False
        self.status.setText(f"The checks could not run: {exc}")

    # ----- showing a report -------------------------------------------------------------------
    def _show(self, result: object) -> None:
        assert isinstance(result, CheckedNotice)
        self.running = False
        if self.session is None:
            return
        current = self.tree.currentItem()
        keep = self._finding(current).key if current is not None and self._finding(current) else None
        bar = self.tree.verticalScrollBar()
        position = bar.value()
        self.last_result, self.last_report = result, result.report
        report = result.report
        self.status.setText(counts_sentence(report))
        self.tree.setUpdatesEnabled(False)
        try:
            self._fill(result, keep)
        finally:
            self.tree.setUpdatesEnabled(True)
        bar.setValue(position)
        self._show_coverage(report.coverage)
        self.session.outline.set_marks(problems=problem_marks(result))
        self.report_ready.emit(report)

    def _fill(self, result: CheckedNotice, keep: str | None) -> None:
        self.tree.clear()
        report = result.report
        counts = report.counts()
        bold = QFont(self.tree.font())
        bold.setBold(True)
        restore: QTreeWidgetItem | None = None
        for severity in SEVERITIES:
            name, why = GROUP_TITLES[severity]
            self.filters[severity].setText(f"{FILTER_NAMES[severity]} ({counts[severity]})")
            found = [f for f in report.findings if f.severity == severity]
            if not found:
                continue
            group = QTreeWidgetItem(self.tree, [f"{name} ({len(found)}) — {why}"])
            group.setFirstColumnSpanned(True)
            group.setIcon(0, severity_icon(severity))
            group.setFont(0, bold)
            group.setForeground(0, severity_color(severity))
            group.setFlags(Qt.ItemFlag.ItemIsEnabled)
            group.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{name}: {len(found)}, {why}")
            for finding in found:
                where = result.where(finding)
                fix = fix_text(finding)
                item = QTreeWidgetItem(group, [where, finding.message, fix])
                item.setData(0, FindingRole, finding)
                item.setIcon(0, severity_icon(severity))
                tip = f"{where}\n\n{finding.message}\n\nWhat to do: {fix}"
                for column in range(3):
                    item.setToolTip(column, tip)
                item.setData(
                    0,
                    Qt.ItemDataRole.AccessibleTextRole,
                    f"{FILTER_NAMES[severity][:-1]} in {where}: {finding.message}",
                )
                if keep is not None and finding.key == keep:
                    restore = item
            group.setExpanded(True)
            group.setHidden(not self.filters[severity].isChecked())
        if restore is not None:
            self.tree.setCurrentItem(restore)

    def _show_coverage(self, coverage: tuple[Coverage, ...]) -> None:
        if not coverage:
            self.coverage.setText(
                "<i>No coverage check: choose the laws this notice is written for (Change the laws… below).</i>"
            )
            return
        ok = themed(FILLED)
        lines = []
        for item in coverage:
            text = coverage_line(item).replace("&", "&amp;").replace("<", "&lt;")
            name, _, rest = text.partition(": ")
            if item.missing:
                missing = f"<br><span style='color:{severity_color('warning').name()}'>{len(item.missing)} missing — see the warnings</span>"
            else:
                missing = f" <span style='color:{ok.name()}'>✓</span>"
            lines.append(f"<p><b>{name}</b><br>{rest}{missing}</p>")
        self.coverage.setText("".join(lines))
        self.coverage.setToolTip("\n".join(coverage_line(c) for c in coverage))

    def _apply_filters(self) -> None:
        for row in range(self.tree.topLevelItemCount()):
            group = self.tree.topLevelItem(row)
            if group is None:
                continue
            first = group.child(0)
            finding = self._finding(first) if first is not None else None
            if finding is not None:
                group.setHidden(not self.filters[finding.severity].isChecked())

    # ----- going to a finding -----------------------------------------------------------------
    @staticmethod
    def _finding(item: QTreeWidgetItem | None) -> Finding | None:
        if item is None:
            return None
        value = item.data(0, FindingRole)
        return value if isinstance(value, Finding) else None

    def _go(self, item: QTreeWidgetItem) -> None:
        finding = self._finding(item)
        if finding is not None:
            self.go_to(finding)

    def go_to(self, finding: Finding) -> None:
        go_to_finding(self.state, self.nav, finding)

    @staticmethod
    def placeholder_of(finding: Finding) -> str | None:
        """The placeholder an 'unfilled placeholder' finding is about."""
        from notice_studio.core.notice.model import PLACEHOLDER_RE

        match = PLACEHOLDER_RE.search(finding.excerpt or "") if finding.rule == "placeholder-unfilled" else None
        return match.group(1) if match else None

    def finding_actions(self, finding: Finding) -> list[tuple[str, Callable[[], object]]]:
        """What the finding's menu offers: (label, what it does)."""
        actions: list[tuple[str, Callable[[], object]]] = []
        if finding.clause_id:
            actions.append(("Go to the text", lambda: self.go_to(finding)))
        placeholder = self.placeholder_of(finding)
        if placeholder:
            actions.append(
                (f"Fill in '{placeholder}' on the Placeholders panel", lambda: self.nav.focus_placeholder(placeholder))
            )
        library = self.state.library
        suggested = library.get(finding.suggestion) if library is not None and finding.suggestion else None
        if suggested is not None:
            actions.append(
                (f"Insert '{suggested.title}' from the library", lambda: self.nav.insert_library_clause(suggested.id))
            )
        law = finding.law_to_add
        if law in JURISDICTIONS:
            actions.append(
                (f"Add {JURISDICTIONS[law].label} to the notice's laws…", lambda: self.nav.open_notice_settings(law))
            )
        return actions

    def _menu(self, point: QPoint) -> None:
        finding = self._finding(self.tree.itemAt(point))
        if finding is None:
            return
        menu = QMenu(self)
        for label, act in self.finding_actions(finding):
            menu.addAction(label, act)
        if not menu.isEmpty():
            menu.exec(self.tree.viewport().mapToGlobal(point))

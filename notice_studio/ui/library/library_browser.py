"""The Library dock: search the clause library, preview a clause, insert or drag it into the notice."""

from __future__ import annotations

import contextlib
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QUrl
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from notice_studio.core.library.jurisdictions import JURISDICTIONS
from notice_studio.core.library.types import LibraryProblem
from notice_studio.core.notice.model import Table
from notice_studio.core.wording import plural
from notice_studio.ui.app_state import AppState, Navigator
from notice_studio.ui.library.library_preview import clause_preview_html, laws_long
from notice_studio.ui.library.library_results import (
    LibraryIdRole,
    ResultDelegate,
    ResultsModel,
    ResultsView,
    SearchEdit,
    preview_colours,
)
from notice_studio.ui.palette import TABLE_HEAD_BACKGROUND, TABLE_RULE, WARNING, muted_color, themed_name
from notice_studio.ui.session import Session
from notice_studio.ui.tasks import Debouncer

__all__ = ["NOTICE_LAWS", "LibraryDock", "LibraryIdRole", "ResultsModel"]

NOTICE_LAWS = "__notice__"  # jurisdiction combo: the open notice's own laws


class LibraryDock(QDockWidget):
    """Search, filter, preview and insert library clauses."""

    def __init__(self, state: AppState, nav: Navigator, parent: QWidget | None = None) -> None:
        super().__init__("Library", parent)
        self.state, self.nav = state, nav
        self.session: Session | None = None
        self._shown_id: str | None = None
        self._colours = preview_colours()
        self._debounce = Debouncer(150, self.refresh_results, self)

        self.search = SearchEdit()
        self.search.setPlaceholderText("Search clauses: words in the title or text")
        self.search.setAccessibleName("Search the clause library")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self._debounce.poke)
        self.search.to_results.connect(self._focus_results)

        self.topic = QComboBox()
        self.topic.setAccessibleName("Topic")
        self.topic.setToolTip("Show clauses of one topic")
        self.topic.addItem("All topics", "")
        self.topic.currentIndexChanged.connect(lambda *_: self.refresh_results())
        self.laws = QComboBox()
        self.laws.setAccessibleName("Law")
        self.laws.setToolTip("Show clauses written for these laws (general clauses always show)")
        self.laws.addItem("Laws of this notice", NOTICE_LAWS)
        self.laws.addItem("All laws", "")
        for jid, label in ((j, law.label) for j, law in JURISDICTIONS.items()):
            self.laws.addItem(label, jid)
        self.laws.currentIndexChanged.connect(lambda *_: self.refresh_results())
        for combo in (self.topic, self.laws):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(10)

        self.count = QLabel("Loading the library…")
        self.count.setTextFormat(Qt.TextFormat.PlainText)
        self.count.setAccessibleName("Number of clauses found")
        self.count.setStyleSheet(f"color: {muted_color().name()}")

        self.model = ResultsModel(self)
        self.results = ResultsView()
        self.results.setModel(self.model)
        self.results.setAccessibleName("Library clauses found")
        self.results.setItemDelegate(ResultDelegate(self.results))
        self.results.setUniformItemSizes(True)
        self.results.setAlternatingRowColors(True)
        self.results.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.results.setDragEnabled(True)
        self.results.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.results.setDefaultDropAction(Qt.DropAction.CopyAction)
        self.results.selectionModel().currentRowChanged.connect(self._current_changed)
        self.results.doubleClicked.connect(lambda *_: self.insert_current())
        self.results.insert_requested.connect(self.insert_current)
        self.results.to_search.connect(self.focus_search)

        self.preview = QTextBrowser()
        self.preview.setAccessibleName("Library clause preview")
        self.preview.setOpenLinks(False)
        self.preview.anchorClicked.connect(self._link_clicked)
        self.preview.document().setDocumentMargin(8)
        grid, head = themed_name(TABLE_RULE), themed_name(TABLE_HEAD_BACKGROUND)
        self.preview.document().setDefaultStyleSheet(
            f"table {{ border-collapse: collapse; margin-top: 4px; margin-bottom: 4px; }}"
            f"th, td {{ border: 1px solid {grid}; padding: 3px 5px; }} th {{ background-color: {head}; }}"
            "h4 { margin-top: 12px; margin-bottom: 4px; } li { margin-bottom: 2px; }"
            f"a {{ color: {self._colours.accent}; }}"
        )

        self.insert_button = QPushButton("&Insert")
        self.insert_button.setAccessibleName("Insert the clause after the selected clause")
        self.insert_button.setToolTip(
            "Insert after the clause selected in the outline (Enter or double-click; or drag it into the outline)"
        )
        self.insert_button.clicked.connect(self.insert_current)
        self.folders_button = QPushButton("Library folders…")
        self.folders_button.setAccessibleName("Library folders")
        self.folders_button.setToolTip("Add or remove your own library folders")
        self.folders_button.clicked.connect(self.edit_folders)

        self.problems_toggle = QToolButton()
        self.problems_toggle.setCheckable(True)
        self.problems_toggle.setAutoRaise(True)
        self.problems_toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.problems_toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.problems_toggle.setAccessibleName("Problems in your library folders")
        self.problems_toggle.toggled.connect(self._show_problems)
        warn = themed_name(WARNING)
        self.problems_toggle.setStyleSheet(f"QToolButton {{ color: {warn}; font-weight: bold; }}")
        self.problems_list = QListWidget()
        self.problems_list.setAccessibleName("Problems found in library files")
        self.problems_list.setWordWrap(True)
        self.problems_list.setMaximumHeight(140)
        self.problems_list.hide()
        self.problems_toggle.hide()

        filters = QHBoxLayout()
        filters.setContentsMargins(0, 0, 0, 0)
        filters.addWidget(self.topic, 1)
        filters.addWidget(self.laws, 1)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.results)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 2)
        splitter.setStretchFactor(1, 3)
        splitter.setChildrenCollapsible(False)
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        buttons.addWidget(self.folders_button)
        buttons.addStretch(1)
        buttons.addWidget(self.insert_button)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.setSpacing(6)
        layout.addWidget(self.search)
        layout.addLayout(filters)
        layout.addWidget(self.count)
        layout.addWidget(splitter, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.problems_toggle)
        layout.addWidget(self.problems_list)
        self.setWidget(body)
        self.setMinimumWidth(300)

        state.library_loaded.connect(self._library_loaded)
        state.session_changed.connect(self._session_changed)
        if state.library is not None:
            self._library_loaded(state.library)
        self._session_changed(state.session)

    # ----- following the window ---------------------------------------------------------------
    def _library_loaded(self, library: object) -> None:
        current = self.topic.currentData()
        self.topic.blockSignals(True)
        self.topic.clear()
        self.topic.addItem("All topics", "")
        for topic in getattr(library, "topics", {}).values():
            self.topic.addItem(topic.label, topic.id)
        index = self.topic.findData(current)
        self.topic.setCurrentIndex(max(index, 0))
        self.topic.blockSignals(False)
        self._show_library_problems(tuple(getattr(library, "problems", ())))
        self.refresh_results()

    def _session_changed(self, session: Session | None) -> None:
        if self.session is not None:
            for signal in (self.session.structure_changed, self.session.notice_replaced, self.session.laws_changed):
                with contextlib.suppress(RuntimeError, TypeError):
                    signal.disconnect(self._notice_changed)
        self.session = session
        if session is not None:
            session.structure_changed.connect(self._notice_changed)
            session.notice_replaced.connect(self._notice_changed)
            session.laws_changed.connect(self._notice_changed)  # the "Laws of this notice" filter follows
        self._update_laws_label()
        self.refresh_results()

    def _notice_changed(self) -> None:
        self._update_laws_label()
        self.model.set_in_notice(self._in_notice())
        self._show_preview(self._shown_id)
        if self.laws.currentData() == NOTICE_LAWS:
            self.refresh_results()

    def _update_laws_label(self) -> None:
        laws = self.session.notice.jurisdictions if self.session else []
        self.laws.setItemData(
            0,
            f"This notice is written for: {laws_long(laws)}" if laws else "No notice is open: every law",
            Qt.ItemDataRole.ToolTipRole,
        )

    def _in_notice(self) -> dict[str, str]:
        if self.session is None:
            return {}
        found: dict[str, str] = {}
        for clause, _depth, number in self.session.notice.walk():
            if clause.provenance is not None:
                found.setdefault(clause.provenance.library_id, number)
        return found

    # ----- searching --------------------------------------------------------------------------
    def refresh_results(self) -> None:
        """Run the search with the current text and filters (in memory; fast)."""
        library = self.state.library
        if library is None:
            self.model.set_results([], {})
            self.count.setText("Loading the library…")
            return
        text, topic, law = self.search.text(), self.topic.currentData() or None, self.laws.currentData()
        if law == NOTICE_LAWS:
            found = library.search(text, topic)
            wanted = self.session.notice.jurisdictions if self.session else []
            if wanted:
                found = [c for c in found if c.applies_to(wanted)]
        else:
            found = library.search(text, topic, law or None)
        keep = self._shown_id
        self.model.set_results(found, library.topics)
        self.model.set_in_notice(self._in_notice())
        total = len(library)
        shown = (
            f"{len(found)} of {plural(total, 'clause')}" if len(found) != total else f"All {plural(total, 'clause')}"
        )
        self.count.setText(shown)
        if not found:
            self.count.setText(f"No clauses match (of {total}). Try fewer words or “All topics”.")
        row = self.model.row_of(keep) if keep else -1
        self.results.setCurrentIndex(self.model.index(max(row, 0), 0) if found else QModelIndex())
        if not found:
            self._show_preview(None)

    def focus_search(self) -> None:
        """Clause > Insert from library: put the cursor in the search box."""
        self.show()
        self.raise_()
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _focus_results(self) -> None:
        self._debounce.fire_now()
        if self.model.rowCount():
            self.results.setFocus(Qt.FocusReason.TabFocusReason)
            if not self.results.currentIndex().isValid():
                self.results.setCurrentIndex(self.model.index(0, 0))

    def current_library_id(self) -> str | None:
        return self._shown_id

    def select_library_clause(self, lib_id: str) -> None:
        """Show `lib_id` (selecting it in the results when the filters let it show)."""
        row = self.model.row_of(lib_id)
        if row >= 0:
            self.results.setCurrentIndex(self.model.index(row, 0))
            self.results.scrollTo(self.model.index(row, 0))
        else:
            self.results.selectionModel().clearSelection()
            self._show_preview(lib_id)

    # ----- preview ----------------------------------------------------------------------------
    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        clause = self.model.clause_at(current.row()) if current.isValid() else None
        self._show_preview(clause.id if clause else None)

    def _show_preview(self, lib_id: str | None) -> None:
        library = self.state.library
        clause = library.get(lib_id) if library is not None and lib_id else None
        self._shown_id = clause.id if clause else None
        self.insert_button.setEnabled(clause is not None and self.session is not None)
        if clause is None or library is None:
            hint = "Choose a clause to see its text, guidance and what it satisfies." if library else ""
            self.preview.setHtml(f"<p style='color:{self._colours.muted}'>{hint}</p>")
            return
        titles = {c.id: c.title for c in library.clauses()}
        labels = {
            name: (spec.label if spec else name)
            for name in clause.placeholders()
            for spec in [library.variable_spec(name, clause.id)]
        }
        # Copies: the worker must not read tables the UI thread may replace meanwhile.
        tables = {
            n: Table(list(t.columns), [list(r) for r in t.rows])
            for n, t in (self.session.notice.tables.items() if self.session else ())
        }
        in_notice = self._in_notice()
        number = in_notice.get(clause.id)
        topic = library.topics[clause.topic].label if clause.topic in library.topics else clause.topic
        colours, shipped = self._colours, library.shipped
        law_warning, swappable = "", []
        if self.session is not None:
            notice = self.session.notice
            mismatch = library.law_mismatch(clause.id, notice.jurisdictions)
            law_warning = mismatch.message if mismatch is not None else ""
            variant_ids = {v.id for v in library.variants_of(clause.id)}
            numbers = notice.numbers()
            swappable = [
                (c.id, numbers.get(c.id, ""), c.title)
                for c in notice.all_clauses()
                if c.provenance is not None and c.provenance.library_id in variant_ids
            ]

        def work() -> str:
            return clause_preview_html(
                clause,
                topic_label=topic,
                titles=titles,
                variable_labels=labels,
                tables=tables,
                in_notice_as=number,
                colours=colours,
                shipped_root=shipped,
                law_warning=law_warning,
                variant_in_notice=swappable,
            )

        self.state.tasks.latest(
            "library-preview",
            work,
            self._preview_ready,
            lambda exc: self.preview.setPlainText(f"This clause cannot be shown: {exc}"),
        )

    def _preview_ready(self, html: object) -> None:
        self.preview.setHtml(str(html))

    def _link_clicked(self, url: QUrl) -> None:
        if url.scheme() == "lib" and self.state.library is not None and self.state.library.get(url.path()):
            self.select_library_clause(url.path())
        elif url.scheme() == "use" and self._shown_id is not None:
            self.use_variant(url.path(), self._shown_id)

    def use_variant(self, clause_id: str, variant_id: str) -> bool:
        """Switch the notice's clause `clause_id` to the library variant shown (one undoable edit)."""
        switched = self.nav.switch_variant(clause_id, variant_id)
        if switched:
            self.model.set_in_notice(self._in_notice())
            self._show_preview(self._shown_id)
        return switched

    # ----- inserting --------------------------------------------------------------------------
    def insert_current(self) -> str | None:
        """Insert the shown clause after the clause selected in the outline."""
        lib_id = self._shown_id
        if lib_id is None or self.session is None:
            return None
        return self.nav.insert_library_clause(lib_id)  # which says so in the status bar

    # ----- library folders and problems -------------------------------------------------------
    def edit_folders(self) -> None:
        from notice_studio.ui.library.library_folders import LibraryFoldersDialog

        dialog = LibraryFoldersDialog(self.state.settings.library_folders(), self)
        dialog.accepted.connect(lambda: self.apply_folders(dialog.folders()))
        dialog.open()
        self._folders_dialog = dialog  # kept for tests and to stay alive while open

    def apply_folders(self, folders: list[str]) -> None:
        """Save the user's library folders and reload the library with them."""
        if folders == self.state.settings.library_folders():
            return
        self.state.settings.set("library/folders", list(folders))
        self.count.setText("Reloading the library…")
        self.nav.reload_library()

    def _show_library_problems(self, problems: tuple[LibraryProblem, ...]) -> None:
        self.problems_list.clear()
        library = self.state.library
        shipped = library.shipped if library is not None else None
        roots = [Path(r) for r in getattr(library, "roots", ())]
        for problem in problems:
            item = QListWidgetItem(_problem_text(problem, roots))
            item.setToolTip(str(problem))
            self.problems_list.addItem(item)
        n = len(problems)
        in_user = all(shipped is None or not problem.path.is_relative_to(shipped) for problem in problems)
        where = "in your library folders" if in_user else "in the clause library"
        self.problems_toggle.setText(f"⚠ {plural(n, 'problem')} {where}")
        self.problems_toggle.setVisible(n > 0)
        self.problems_list.setVisible(n > 0 and self.problems_toggle.isChecked())

    def _show_problems(self, shown: bool) -> None:
        self.problems_toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.problems_list.setVisible(shown and self.problems_list.count() > 0)


def _problem_text(problem: LibraryProblem, roots: list[Path]) -> str:
    """'my-library/clauses/x.md:4: message' — short, with the folder's own name first."""
    path = problem.path
    for root in sorted(roots, key=lambda r: len(str(r)), reverse=True):
        if path.is_relative_to(root):
            path = Path(root.name) / path.relative_to(root)
            break
    where = f"{path}:{problem.line}" if problem.line else str(path)
    return f"{where}: {problem.message}"

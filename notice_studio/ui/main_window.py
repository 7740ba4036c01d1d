"""The main window: outline, clause editor, preview, docks, menus and the status bar."""

from __future__ import annotations

import html
import importlib
import itertools
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QCoreApplication, QEvent, QEventLoop, QItemSelectionModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDockWidget,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QToolBar,
    QTreeView,
    QWidget,
)

from notice_studio import __version__
from notice_studio.core.importer.readers import SUPPORTED_TEXT
from notice_studio.core.notice.model import Clause, NoticeError, UpToDate, title_problem
from notice_studio.core.notice.store import NoticeRepo
from notice_studio.core.oserrors import failure_sentence
from notice_studio.core.render.common import format_date
from notice_studio.core.wording import plural
from notice_studio.core.workspace import VariantSwap, current_author
from notice_studio.ui import commands
from notice_studio.ui.app_state import AppState
from notice_studio.ui.editor.editor import ClauseEditor
from notice_studio.ui.editor.preview import PreviewPane
from notice_studio.ui.interaction import DialogInteraction
from notice_studio.ui.layout.notice_messages import UNKNOWN_AUTHOR
from notice_studio.ui.notice_direction import set_notice_direction
from notice_studio.ui.palette import UNFILLED, muted_color, themed_name
from notice_studio.ui.session import Session
from notice_studio.ui.settings import Settings
from notice_studio.ui.tasks import Debouncer, TaskRunner

if TYPE_CHECKING:
    from notice_studio.core.library.catalog import Library
    from notice_studio.core.practices.model import Practices
    from notice_studio.core.workspace.opening import OpenedFolder
    from notice_studio.ui.practices.practices_dock import PracticesDock

# Docks, each in its feature folder: (key in self.docks, module, class).
_DOCKS = (
    ("library_browser", "notice_studio.ui.library.library_browser", "LibraryDock"),
    ("variables_panel", "notice_studio.ui.placeholders.variables_panel", "VariablesDock"),
    ("checks_dock", "notice_studio.ui.checks.checks_dock", "ChecksDock"),
    ("tables_panel", "notice_studio.ui.tables.tables_panel", "TablesDock"),
    ("history_dock", "notice_studio.ui.history.history_dock", "HistoryDock"),
)
# Dialogs, imported when first opened (keeps start-up fast).
_DIALOGS = {
    "new_notice_dialog": "notice_studio.ui.notices.new_notice_dialog",
    "import_dialog": "notice_studio.ui.importing.import_dialog",
    "publish_dialog": "notice_studio.ui.publish.publish_dialog",
    "export_dialog": "notice_studio.ui.export.export_dialog",
    "find_replace": "notice_studio.ui.editor.find_replace",
    "diff_window": "notice_studio.ui.compare.diff_window",
}


def text_is_kept(message: str) -> str:
    """A refused autosave in one sentence that also says the typing is safe: "Your text is kept in
    this window, but the edit could not be saved because ...; ..., then try again." """
    first, _, rest = message.partition(" ")
    if first.isalpha() and first[1:].islower() and first not in ("Notice", "I"):
        message = first.lower() + (" " + rest if rest else "")
    return f"Your text is kept in this window, but {message}"


class OutlineView(QTreeView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHeaderHidden(True)
        self.setAccessibleName("Outline of the notice")
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setUniformRowHeights(True)


class MainWindow(QMainWindow):
    """The window: builds the panes, owns the shared AppState and acts as the docks' Navigator."""

    def __init__(self, settings: Settings | None = None) -> None:
        super().__init__()
        self.settings = settings or Settings()
        self.tasks = TaskRunner(self)
        self.state = AppState(self.settings, self.tasks, self)
        self.session_changed = self.state.session_changed
        self.library_loaded = self.state.library_loaded
        self.docks: dict[str, QDockWidget] = {}
        self._opening: Path | None = None  # the folder being read in the background
        self._closing = False
        self._undo_hint: tuple[str, QUndoStack, int] | None = None  # see status_until_undone
        self.setWindowTitle("Notice Studio")

        self.outline_view = OutlineView()
        self.outline_view.customContextMenuRequested.connect(self._outline_menu)
        self.editor = ClauseEditor()
        self.editor.body_edited.connect(self._body_edited)
        self.editor.title_edited.connect(self._title_edited)
        self.editor.title_refused.connect(lambda why: self.statusBar().showMessage(why, 8000))
        self.editor.update_requested.connect(self._update_from_library)
        self.editor.compare_requested.connect(self.compare_with_library)
        self.editor.body.undo_requested.connect(self._undo)
        self.editor.body.redo_requested.connect(self._redo)
        self.preview = PreviewPane()
        self._scroll_sync = Debouncer(120, self._sync_preview_to_cursor, self)
        self.editor.body.cursorPositionChanged.connect(self._scroll_sync.poke)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.editor)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(0, 5)
        splitter.setStretchFactor(1, 4)
        self.setCentralWidget(splitter)

        outline_dock = QDockWidget("Outline", self)
        outline_dock.setObjectName("outline-dock")
        outline_dock.setWidget(self.outline_view)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, outline_dock)
        self.docks["outline"] = outline_dock
        self._build_optional_docks()
        self.resizeDocks([outline_dock], [300], Qt.Orientation.Horizontal)

        self.status_saved = QLabel("")
        self.status_version = QLabel("")
        self.status_saved.setAccessibleName("Save status")
        self.status_version.setAccessibleName("Version status")
        self.statusBar().addPermanentWidget(self.status_version)
        self.statusBar().addPermanentWidget(self.status_saved)
        self._build_actions()
        self._load_library()
        self._restore_layout()
        # --- ui/layout: small screens, keyboard, first start (issue 19) ---
        from notice_studio.ui.layout import window_setup

        self.extras = window_setup.install(self)

    # ----- building ---------------------------------------------------------------------------
    def _build_optional_docks(self) -> None:
        right_docks: list[QDockWidget] = []
        bottom_docks: list[QDockWidget] = []
        for module_name, module_path, class_name in _DOCKS:
            module = importlib.import_module(module_path)
            dock = getattr(module, class_name)(self.state, self, self)
            dock.setObjectName(f"{module_name}-dock")
            self.docks[module_name] = dock
            bottom = module_name in ("checks_dock", "tables_panel")  # wide content
            area = Qt.DockWidgetArea.BottomDockWidgetArea if bottom else Qt.DockWidgetArea.RightDockWidgetArea
            self.addDockWidget(area, dock)
            (bottom_docks if bottom else right_docks).append(dock)
        from notice_studio.ui.practices.practices_dock import PracticesDock

        practices = PracticesDock(
            lambda: self.session.notice if self.session else None,
            self._apply_practices,
            self,
            variants=self._variant_swaps,
            apply_variants=self._apply_variant_swaps,
        )
        self.state.library_loaded.connect(lambda *_: practices.refresh())
        practices.setObjectName("practices_dock-dock")
        self.docks["practices_dock"] = practices
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, practices)
        right_docks.append(practices)
        self.state.session_changed.connect(lambda session: self._follow_practices(session, practices))
        for group in (right_docks, bottom_docks):
            for first, second in itertools.pairwise(group):
                self.tabifyDockWidget(first, second)
            if group:
                group[0].raise_()

    def _action(self, text: str, slot, shortcut=None, tip: str = "") -> QAction:
        action = QAction(text, self)
        action.triggered.connect(slot)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        return action

    def _build_actions(self) -> None:
        SK = QKeySequence.StandardKey  # noqa: N806 - reads like Qt's own enum
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        self.act_new = self._action("&New notice…", self.new_notice, SK.New, "Create a notice from a template")
        self.act_open = self._action("&Open…", self.choose_notice, SK.Open, "Open a notice folder")
        self.recent_menu = QMenu("Open &recent", self)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.act_import = self._action(
            "&Import existing notice…",
            self.import_notice,
            QKeySequence("Ctrl+Shift+I"),
            f"Turn a {SUPPORTED_TEXT} notice into a project",
        )
        self.act_export = self._action(
            "&Export…", self.export_notice, QKeySequence("Ctrl+E"), "Export HTML, Markdown, text, PDF or Word"
        )
        self.act_publish = self._action(
            "&Publish…", self.publish, QKeySequence("Ctrl+Shift+P"), "Publish the draft as a new version"
        )
        self.act_notice_settings = self._action(
            "Notice se&ttings…",
            self.notice_settings,
            None,
            "The laws this notice is written for, and its publishing rules (advance notice, approval)",
        )
        self.act_quit = self._action("&Quit", self.close, QKeySequence("Ctrl+Q"))  # SK.Quit is empty on some desktops
        for item in (self.act_new, self.act_open):
            file_menu.addAction(item)
        file_menu.addMenu(self.recent_menu)
        file_menu.addAction(self.act_import)
        from notice_studio.ui.remote.team import TeamWork

        self.team = TeamWork(self.state, self, self)
        file_menu.addAction(self.team.open_action)
        file_menu.addAction(self.team.sync_action)
        file_menu.addSeparator()
        file_menu.addAction(self.act_export)
        file_menu.addAction(self.act_publish)
        file_menu.addAction(self.act_notice_settings)
        file_menu.addSeparator()
        file_menu.addAction(self.act_quit)
        from notice_studio.ui.compare import word_review_menu  # Word review round trip (issue 18)

        word_review_menu.install(self, file_menu)

        edit_menu = self.edit_menu = bar.addMenu("&Edit")
        self.act_undo = self._action("&Undo", self._undo, SK.Undo)
        self.act_redo = self._action("&Redo", self._redo, SK.Redo)
        self.act_cut = self._action("Cu&t", lambda: self._focused_call("cut"), SK.Cut)
        self.act_copy = self._action("&Copy", lambda: self._focused_call("copy"), SK.Copy)
        self.act_paste = self._action("&Paste", lambda: self._focused_call("paste"), SK.Paste)
        self.act_find = self._action(
            "&Find and replace…", self.find_replace, SK.Find, "Find and replace across the notice"
        )
        for item in (self.act_undo, self.act_redo):
            edit_menu.addAction(item)
        edit_menu.addSeparator()
        for item in (self.act_cut, self.act_copy, self.act_paste):
            edit_menu.addAction(item)
        edit_menu.addSeparator()
        edit_menu.addAction(self.act_find)
        edit_menu.addSeparator()
        self.act_settings = self._action(
            "Your &name and e-mail…", self.edit_author, None, "Who is recorded on each edit"
        )
        edit_menu.addAction(self.act_settings)

        clause_menu = bar.addMenu("&Clause")
        self.act_insert = self._action("&Insert from library…", self.show_library, QKeySequence("Ctrl+Shift+L"))
        self.act_new_clause = self._action("&New clause", self.new_clause, QKeySequence("Ctrl+Shift+N"))
        self.act_delete = self._action("&Delete clause", self.delete_clause, QKeySequence("Ctrl+Shift+Delete"))
        self.act_up = self._action("Move &up", lambda: self._structural("up"), QKeySequence("Alt+Shift+Up"))
        self.act_down = self._action("Move do&wn", lambda: self._structural("down"), QKeySequence("Alt+Shift+Down"))
        self.act_indent = self._action("Inden&t", lambda: self._structural("indent"), QKeySequence("Alt+Shift+Right"))
        self.act_outdent = self._action("&Outdent", lambda: self._structural("outdent"), QKeySequence("Alt+Shift+Left"))
        for item in (self.act_insert, self.act_new_clause, self.act_delete):
            clause_menu.addAction(item)
        clause_menu.addSeparator()
        for item in (self.act_up, self.act_down, self.act_indent, self.act_outdent):
            clause_menu.addAction(item)

        # The panes (show, raise and focus each) are added by ui/layout/window_setup.
        view_menu = self.view_menu = bar.addMenu("&View")
        self.act_compare = self._action(
            "Compar&e with last published version", self.compare_with_published, QKeySequence("Ctrl+D")
        )
        view_menu.addAction(self.act_compare)

        help_menu = self.help_menu = bar.addMenu("&Help")
        help_menu.addAction(self._action("&About Notice Studio", self.about))

        toolbar = QToolBar("Main", self)
        toolbar.setObjectName("main-toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        # The bar shows what fits and puts the rest behind its » button, from the end: the most
        # used actions come first, so Compare, Publish and Export stay in view on a 1280x800
        # screen at 150% (853 logical pixels); moving clauses also has Alt+Shift+arrows and the
        # outline's menu. The bar's button says "Compare"; the menu and tooltip say with what.
        self.act_compare.setIconText("Compare")
        self.act_compare.setToolTip("Compare the draft with the last published version (Ctrl+D)")
        entry: QAction | None
        for entry in (
            self.act_new_clause,
            self.act_insert,
            None,
            self.act_compare,
            self.act_publish,
            self.act_export,
            None,
            self.act_up,
            self.act_down,
            self.act_indent,
            self.act_outdent,
        ):
            if entry is None:
                toolbar.addSeparator()
            else:
                toolbar.addAction(entry)
        self.addToolBar(toolbar)
        self._notice_actions = [
            self.act_export,
            self.act_publish,
            self.act_undo,
            self.act_redo,
            self.act_find,
            self.act_insert,
            self.act_new_clause,
            self.act_delete,
            self.act_up,
            self.act_down,
            self.act_indent,
            self.act_outdent,
            self.act_compare,
        ]
        self._update_actions()

    # ----- library ----------------------------------------------------------------------------
    def reload_library(self) -> None:
        """Load the libraries again (after the user changed their library folders)."""
        self._load_library()

    def _load_library(self) -> None:
        folders = self.settings.library_folders()

        def work():
            from notice_studio.core.library.catalog import load_library

            return load_library(folders)

        def done(library: Library) -> None:
            self.library = library
            if self.session is not None:
                self.session.workspace.use_library(library)
            self.library_loaded.emit(library)
            self._show_current_side()

        self.tasks.run(
            work,
            done,
            lambda exc: self.show_error(
                f"The clause library could not be loaded ({exc}); check your library folders "
                "(Library > Library folders…) and reopen Notice Studio."
            ),
        )

    # ----- opening notices --------------------------------------------------------------------
    def open_notice(self, path: str | Path, report: Callable[[str], None] | None = None) -> bool:
        """Open a notice folder and give the answer: True once it is open, False when it was
        refused (locked, not a notice, damaged: the sentence goes to `report`, by default a message
        box). The folder is read in the background; the window keeps handling events meanwhile."""
        answer: list[bool] = []
        loop = QEventLoop()

        def finished(ok: bool) -> None:
            answer.append(ok)
            loop.quit()

        self.open_notice_soon(path, report, finished)
        if not answer:
            loop.exec()
        return answer[0]

    def open_notice_soon(
        self,
        path: str | Path,
        report: Callable[[str], None] | None = None,
        then: Callable[[bool], object] | None = None,
    ) -> None:
        """Start opening a notice folder and return at once: the folder is read in the background
        (the window says "Opening <name>…" and nothing can be edited until it is open); `then`
        hears whether it opened."""
        report = report or self.show_error
        then = then or (lambda _ok: None)
        folder = Path(path).expanduser().absolute()
        if self._opening is not None:
            self.statusBar().showMessage(
                f"Still opening {self._opening.name}; open the other notice once it is shown.", 6000
            )
            then(False)
            return
        if self.session is not None and folder == self.session.path:
            self.statusBar().showMessage("This notice is already open.", 4000)
            then(True)
            return
        self._show_opening(folder)
        from notice_studio.core.workspace.opening import open_for_editing

        def opened(result: OpenedFolder) -> None:
            ok = False
            try:
                ok = self._opened(result, report)
            finally:  # whatever went wrong, the window is usable again and the caller hears of it
                if self._opening is not None:
                    self._end_opening()
                then(ok)

        self.tasks.run(
            partial(open_for_editing, folder), opened, lambda exc: then(self._open_failed(folder, exc, report))
        )

    def _show_opening(self, folder: Path | None) -> None:
        """While a notice is read: say so, and let nothing be edited (shown again after)."""
        self._opening = folder
        busy = folder is not None
        for widget in (self.centralWidget(), self.outline_view):
            if widget is not None:
                widget.setEnabled(not busy)
        for action in self._notice_actions:
            action.setEnabled(not busy and self.session is not None)
        if folder is not None:
            self.setWindowTitle(f"Opening {folder.name}… — Notice Studio")
            self.statusBar().showMessage(f"Opening {folder.name}…")
        elif self.session is None:
            self.setWindowTitle("Notice Studio")

    def _end_opening(self) -> None:
        opening = self._opening
        self._show_opening(None)
        if opening is not None and self.statusBar().currentMessage() == f"Opening {opening.name}…":
            self.statusBar().clearMessage()
        if self.session is not None:
            self._set_title()
            self._update_actions()

    def _open_failed(self, folder: Path, exc: Exception, report: Callable[[str], None]) -> bool:
        self._end_opening()
        if self._closing:
            return False
        if isinstance(exc, NoticeError):
            report(exc.in_app)  # 'File > New notice', not the command line's 'notice-studio new'
        else:  # whatever went wrong, one sentence, never a traceback
            report(
                failure_sentence(exc, f"The notice at {folder} could not be opened")
                or f"The notice at {folder} could not be opened: something unexpected went wrong ({exc})."
            )
        return False

    def _opened(self, opened: OpenedFolder, report: Callable[[str], None]) -> bool:
        """The folder was read: settle files changed outside, then show the notice."""
        repo = opened.repo
        if self._closing:  # the window closed while the notice was read
            repo.close()
            self._end_opening()
            return False
        try:
            if opened.outside and not self._settle_outside_changes(repo):
                repo.close()
                self._end_opening()
                return False
            session = Session(
                repo,
                self.tasks,
                self.author(),
                self.settings.whole_number("autosave/idle_ms"),
                self,
                notice=opened.notice,
                versions=opened.versions,
            )
        except NoticeError as exc:
            repo.close()
            self._end_opening()
            report(exc.in_app)
            return False
        except Exception:
            repo.close()  # the lock goes with it; the caller still gets its answer (open_notice_soon)
            raise
        self._end_opening()
        self._close_session()
        self.session = session
        session.workspace.use_library(self.library)
        opening = [*([UNKNOWN_AUTHOR] if session.author.is_unknown else []), *repo.recovery.messages]
        self.extras.messages.set_messages(opening)  # every one kept to read, not only the last shown
        self.outline_view.setModel(session.outline)
        self.outline_view.expandAll()
        self.outline_view.selectionModel().currentChanged.connect(self._current_changed)
        session.outline.move_requested.connect(self._move_requested)
        session.outline.insert_requested.connect(self.insert_library_clause)
        session.outline.rowsInserted.connect(self._rows_inserted)
        session.clause_changed.connect(self._clause_changed)
        session.notice_replaced.connect(self._notice_replaced)
        session.language_changed.connect(self._show_language)
        self._show_language(session.notice.language)
        session.reveal.connect(self._reveal)
        session.variables_changed.connect(self._refresh_completions)
        session.structure_changed.connect(self._refresh_completions)
        session.saving.connect(self._saving)
        session.saved.connect(self._saved)
        session.save_failed.connect(self._save_failed)
        session.command_failed.connect(self._command_failed)
        session.history_changed.connect(self._update_version_status)
        session.undo_stack.cleanChanged.connect(self._update_actions)
        session.undo_stack.indexChanged.connect(self._update_actions)
        self.preview.attach(session)
        self.settings.add_recent(str(repo.path))
        self._set_title()
        self._set_saved_status("All changes saved")
        self._update_version_status()
        self.session_changed.emit(session)
        if session.notice.clauses:
            self.select_clause(session.notice.clauses[0].id)
        self._refresh_completions()
        self._update_actions()
        self._offer_recovery()
        return True

    def _set_title(self) -> None:
        if self.session is not None:
            self.setWindowTitle(f"{self.session.notice.title} — {self.session.path.name}[*] — Notice Studio")

    def _offer_recovery(self) -> None:
        session = self.session
        if session is None:
            return
        recovered = session.pending_recovery()
        if recovered is None:
            return
        answer = QMessageBox.question(
            self,
            "Recover unsaved text?",
            "Notice Studio closed before your last typing was saved. Recover that text now? "
            "(If you choose No, it is discarded and the notice stays as last saved.)",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Yes:
            session.apply_recovery(recovered)
        else:
            session.discard_recovery()

    def _close_session(self) -> None:
        if self.session is None:
            return
        self.editor.flush_title()  # a title typed without pressing Enter is an edit too
        session, self.session = self.session, None
        self.preview.attach(None)
        self.editor.show_clause(None)
        self.outline_view.setModel(None)
        self.session_changed.emit(None)
        session.close()

    def author(self):
        """Who is recorded on edits: settings, else git config, else a clear prompt value."""
        return current_author()

    # ----- selection and editing --------------------------------------------------------------
    def current_clause_id(self) -> str | None:
        if self.session is None:
            return None
        return self.session.outline.clause_id(self.outline_view.currentIndex())

    def select_clause(self, clause_id: str, start: int | None = None, end: int | None = None) -> None:
        if self.session is None:
            return
        index = self.session.outline.index_of(clause_id)
        if index.isValid():
            self.outline_view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)
            self.outline_view.scrollTo(index)
        if start is not None:
            self.editor.select_text(start, end)

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.session is None:
            return
        self.save_typing()
        clause_id = self.session.outline.clause_id(current)
        if clause_id is None:
            self.editor.show_clause(None)
            return
        clause = self.session.notice.find(clause_id)
        self.editor.show_clause(clause.id, clause.title, clause.body)
        self._show_current_side()
        self.preview.follow(clause_id)
        self._update_actions()

    def _sync_preview_to_cursor(self) -> None:
        """Keep the preview on the paragraph being edited (via the renderer's source maps)."""
        clause_id = self.editor.clause_id
        if clause_id is not None and self.session is not None and self.session.notice.has(clause_id):
            self.preview.follow_line(clause_id, self.editor.body.textCursor().blockNumber())

    def _show_current_side(self) -> None:
        clause_id = self.current_clause_id()
        if self.session is None or clause_id is None or not self.session.notice.has(clause_id):
            return
        clause = self.session.notice.find(clause_id)
        guidance, update, origin = "", False, "Written for this notice."
        if clause.provenance:
            prov = clause.provenance
            lib = self.library.get(prov.library_id) if self.library is not None else None
            title = lib.title if lib else prov.library_id
            custom = "; customised" if clause.is_customised() else ""
            origin = f"From library: <b>{title}</b>, v{prov.version}{custom}"
            status = self.library.status(clause) if lib is not None and self.library is not None else None
            if lib is not None and status is not None:
                guidance = lib.guidance
                if status.update_available:  # a newer version, or the same version with other words
                    update = True
                    state = html.escape(status.state[:1].upper() + status.state[1:])
                    origin += f"<br><span style='color:{themed_name(UNFILLED)}'>{state}.</span>"
                if status.override_note:
                    origin += (
                        f"<br><span style='color:{muted_color().name()}'>{html.escape(status.override_note)}</span>"
                    )
            elif self.library is not None:
                origin += f"<br><span style='color:{muted_color().name()}'>No longer in your libraries.</span>"
        can_compare = clause.provenance is not None and self.library is not None and (update or clause.is_customised())
        self.editor.set_side(origin, guidance, update, can_compare)

    def _clause_changed(self, clause_id: str) -> None:
        if self.session is None:
            return
        if clause_id == self.editor.clause_id and self.session.notice.has(clause_id):
            clause = self.session.notice.find(clause_id)
            self.editor.sync_from_model(clause.title, clause.body)
            self._show_current_side()

    def _reveal(self, clause_id: str) -> None:
        """Undo or redo changed a clause that is not the one on screen: go to it."""
        if self.session is not None and clause_id != self.current_clause_id() and self.session.notice.has(clause_id):
            self.select_clause(clause_id)

    def _show_language(self, language: str) -> None:
        """The editor and the outline read as the notice's language does (right to left for Arabic)."""
        self.editor.set_language(language)
        set_notice_direction(self.outline_view, language)

    def _notice_replaced(self) -> None:
        self.outline_view.expandAll()
        if self.session is not None:
            self._show_language(self.session.notice.language)
        shown = self.editor.clause_id
        if self.session and shown is not None and self.session.notice.has(shown):
            self.select_clause(shown)  # the clause being edited stays in front of the user
        elif self.session and self.session.notice.clauses:
            self.select_clause(self.session.notice.clauses[0].id)
        else:
            self.editor.show_clause(None)

    def _body_edited(self, clause_id: str, old: str, new: str, cursor: int) -> None:
        if self.session is not None:
            self.session.undo_stack.push(commands.EditBody(self.session, clause_id, old, new, cursor))

    def _title_edited(self, clause_id: str, title: str) -> None:
        if self.session is None or not self.session.notice.has(clause_id):
            return
        if " ".join(title.split()) != self.session.notice.find(clause_id).title:
            self.session.undo_stack.push(commands.Rename(self.session, clause_id, title))

    def _refresh_completions(self) -> None:
        if self.session is None:
            return
        notice = self.session.notice
        names = sorted(set(notice.placeholders()) | set(notice.variables))
        if self.library is not None:
            names = sorted(set(names) | set(getattr(self.library, "shared_variables", {}) or {}))
        filled = {n for n, v in notice.variables.items() if v.strip()}
        clause_ids = [c.id for c in notice.all_clauses()]
        self.editor.set_completions(names, clause_ids, filled, notice.reference_aliases())

    # ----- clause commands --------------------------------------------------------------------
    def _structural(self, operation: str) -> None:
        session, clause_id = self.session, self.current_clause_id()
        if session is None or clause_id is None:
            return
        try:
            target = session.notice.step_target(clause_id, operation)
        except NoticeError as exc:
            self.statusBar().showMessage(str(exc), 5000)
            return
        self._move_requested(clause_id, target.parent_id, target.index)

    def _move_requested(self, clause_id: str, parent_id: str | None, index: int) -> None:
        """A move from the outline or a menu: refused in one sentence before it becomes an undo step."""
        session = self.session
        if session is None:
            return
        problem = session.notice.check_move(clause_id, parent_id)
        if problem:
            self.show_error(problem)
            return
        session.undo_stack.push(commands.MoveClause(session, clause_id, parent_id, index))
        self.select_clause(clause_id)

    def _insertion_point(self) -> tuple[str | None, int]:
        """After the selected clause, at its level (or at the end)."""
        clause_id = self.current_clause_id()
        if self.session is None or clause_id is None:
            return None, len(self.session.notice.clauses) if self.session else 0
        pos = self.session.notice.position(clause_id)
        return pos.parent_id, pos.index + 1

    def new_clause(self) -> None:
        if self.session is None:
            return
        title, label = "", "Title of the new clause:"
        while True:  # a refused title is offered again as typed, with the core's sentence
            title, ok = QInputDialog.getText(self, "New clause", label, QLineEdit.EchoMode.Normal, title)
            if not ok or not title.strip():
                return
            problem = title_problem(title)
            if not problem:
                break
            label = f"{problem}\nTitle of the new clause:"
        clause = Clause(self.session.notice.new_clause_id(title), " ".join(title.split()), "")
        parent, index = self._insertion_point()
        self.session.undo_stack.push(commands.AddClause(self.session, clause, parent, index))
        self.select_clause(clause.id)
        self.editor.body.setFocus()

    def insert_library_clause(self, lib_id: str, parent_id: str | None = None, index: int | None = None) -> str | None:
        """Insert a library clause (at the given place, else after the selected clause)."""
        if self.session is None or self.library is None:
            self.show_error("Open a notice first; then insert clauses from the library.")
            return None
        workspace = self.session.workspace
        workspace.interaction = DialogInteraction(self)
        if not workspace.confirm_insert(lib_id):  # asks, as `clause insert` refuses, when a copy is there
            return None
        try:
            clause = self.library.make_clause(lib_id, self.session.notice)
        except NoticeError as exc:
            self.show_error(str(exc))
            return None
        if index is None:
            parent_id, index = self._insertion_point()
        self.session.undo_stack.push(commands.AddClause(self.session, clause, parent_id, index, from_library=True))
        self.select_clause(clause.id)
        mismatch = self.library.law_mismatch(lib_id, self.session.notice.jurisdictions)
        problem = self.library.problem_note(lib_id)  # the same warning as `clause insert`
        if mismatch is None and not problem:
            self.status_until_undone(f"Inserted ‘{clause.title}’. Undo (Ctrl+Z) takes it out again.", 5000)
        elif mismatch is None:
            self.status_until_undone(f"Inserted. {problem} Undo (Ctrl+Z) takes it out again.", 20000)
        else:  # the same warning as `clause insert`; the Checks panel keeps it, with what to do
            also = f" {problem}" if problem else ""
            self.status_until_undone(f"Inserted, but {mismatch.short}{also} Undo (Ctrl+Z) takes it out again.", 20000)
        return clause.id

    def delete_clause(self) -> None:
        clause_id = self.current_clause_id()
        if self.session is None or clause_id is None:
            return
        workspace = self.session.workspace
        workspace.interaction = DialogInteraction(self)
        if not workspace.confirm_remove(clause_id):  # asks, as `clause remove` does, when it has sub-clauses
            return
        self.session.undo_stack.push(commands.RemoveClause(self.session, clause_id))
        self.status_until_undone("Clause deleted. Undo (Ctrl+Z) brings it back.", 6000)

    def compare_with_library(self, clause_id: str):
        """Show inserted / current / newest library text; the dialog's Update button updates."""
        if self.session is None or self.library is None or not self.session.notice.has(clause_id):
            return None
        from notice_studio.ui.library.library_compare import LibraryCompareDialog

        clause = self.session.notice.find(clause_id)
        status = self.library.status(clause)
        if status is None:
            return None
        language = self.session.notice.language or "en"
        dialog = LibraryCompareDialog(clause.title, status, self.tasks, self, language=language)
        dialog.accepted.connect(lambda: self._update_from_library(clause_id))
        dialog.open()
        return dialog

    def switch_variant(self, clause_id: str, variant_id: str) -> bool:
        """Put library variant `variant_id` in place of a clause, as `clause variant` does (undoable)."""
        if self.session is None or self.library is None:
            return False
        workspace = self.session.workspace
        workspace.use_library(self.library)
        workspace.interaction = DialogInteraction(self)
        try:
            update = workspace.plan_variant(clause_id, variant_id)  # asks only where edits clash
        except NoticeError as exc:
            self.show_error(str(exc))
            return False
        if update is None:
            return False
        self.session.undo_stack.push(commands.UpdateFromLibrary(self.session, update))
        mismatch = workspace.law_mismatch(variant_id)
        but = f", but {mismatch.short[:-1]}" if mismatch is not None else ""
        self.status_until_undone(
            f"‘{update.before.title}’ now uses the variant ‘{variant_id}’{but}. Undo (Ctrl+Z) puts it back.", 8000
        )
        return True

    def _update_from_library(self, clause_id: str) -> None:
        if self.session is None or self.library is None:
            return
        workspace = self.session.workspace
        workspace.use_library(self.library)
        workspace.interaction = DialogInteraction(self)
        try:
            update = workspace.plan_library_update(clause_id)  # asks only when both changed the same words
        except UpToDate as exc:  # nothing went wrong: say it where the app says what it did
            self.statusBar().showMessage(str(exc), 8000)
            return
        except NoticeError as exc:
            self.show_error(str(exc))
            return
        if update is None:
            return
        answer = QMessageBox.question(
            self,
            "Update from the library",
            f"Update '{update.before.title}' to library version {update.version}? Your edits are kept; "
            "you can undo this.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.session.undo_stack.push(commands.UpdateFromLibrary(self.session, update))
        if update.notes:  # a renamed placeholder: where its value went (the same sentences as the CLI)
            self.status_until_undone(" ".join(update.notes), 20000)

    def _outline_menu(self, point) -> None:
        menu = QMenu(self)
        for item in (
            self.act_new_clause,
            self.act_insert,
            self.act_delete,
            None,
            self.act_up,
            self.act_down,
            self.act_indent,
            self.act_outdent,
        ):
            if item is None:
                menu.addSeparator()
            else:
                menu.addAction(item)
        menu.exec(self.outline_view.viewport().mapToGlobal(point))

    def _focused_call(self, method: str) -> None:
        widget = self.focusWidget()
        if widget is not None and hasattr(widget, method):
            getattr(widget, method)()

    # ----- dialogs (built in their own modules) -----------------------------------------------
    def _dialog(self, module_name: str, class_name: str):
        return getattr(importlib.import_module(_DIALOGS[module_name]), class_name)

    def new_notice(self) -> None:
        dialog_class = self._dialog("new_notice_dialog", "NewNoticeDialog")
        if dialog_class is not None:
            dialog = dialog_class(self.state, self, self)
            if dialog.exec() and dialog.created_path:
                self.open_notice_soon(dialog.created_path)

    def import_notice(self, *, path: str | Path | None = None) -> None:
        """File > Import existing notice; `path`, when given, is already chosen and read in."""
        dialog_class = self._dialog("import_dialog", "ImportDialog")
        if dialog_class is not None:
            dialog = dialog_class(self.state, self, self)
            if path is not None:
                dialog.load_file(path)
            if dialog.exec() and dialog.created_path:
                self.open_notice_soon(dialog.created_path)

    def notice_settings(self) -> QDialog | None:
        """File > Notice settings…: the notice's laws and publishing rules."""
        return self.open_notice_settings()

    def open_notice_settings(self, law: str | None = None) -> QDialog | None:
        """The notice's laws and publishing rules, `law` ticked for counsel to confirm (a check
        asked for it); the changes are one undoable edit."""
        session = self.session
        if session is None:
            return None
        from notice_studio.core.workspace.notice_settings import SETTINGS
        from notice_studio.ui.publish.notice_settings_dialog import NoticeSettingsDialog

        dialog = NoticeSettingsDialog(session.notice, self)
        if law:
            dialog.laws.propose(law)

        def apply() -> None:
            changed = [
                (name, value) for name, value in dialog.values().items() if SETTINGS[name].read(session.notice) != value
            ]
            laws = dialog.laws.chosen() if dialog.laws.changed() else None
            if not changed and laws is None:
                return
            session.undo_stack.beginMacro("Change the notice settings")
            if laws is not None:
                session.undo_stack.push(commands.SetLaws(session, laws))
            for name, value in changed:
                session.undo_stack.push(commands.SetNoticeSetting(session, name, value, SETTINGS[name].label))
            session.undo_stack.endMacro()

        dialog.accepted.connect(apply)
        dialog.open()
        return dialog

    def publish(self) -> None:
        if self.session is None:
            return
        dialog_class = self._dialog("publish_dialog", "PublishDialog")
        if dialog_class is not None:
            self.save_typing()
            dialog_class(self.state, self, self).exec()

    def export_notice(self) -> None:
        if self.session is None:
            return
        dialog_class = self._dialog("export_dialog", "ExportDialog")
        if dialog_class is not None:
            dialog_class(self.state, self, self).exec()

    def find_replace(self) -> None:
        if self.session is None:
            return
        dialog_class = self._dialog("find_replace", "FindReplaceDialog")
        if dialog_class is not None:
            dialog = dialog_class(self.state, self, self)
            dialog.show()

    def compare_with_published(self) -> None:
        if self.session is None:
            return
        latest = self.session.latest_version
        if latest is None:
            self.statusBar().showMessage("Nothing is published yet: there is no version to compare with.", 6000)
            return
        self.compare(latest.name, "draft")

    def compare(self, a: str, b: str):
        window_class = self._dialog("diff_window", "DiffWindow")
        if window_class is None or self.session is None:
            return None
        self.save_typing()
        window = window_class(self.state, self, a, b, self)
        window.show()
        return window

    def show_library(self) -> None:
        dock = self.docks.get("library_browser")
        if dock is not None:
            dock.show()
            dock.raise_()
            focus = getattr(dock, "focus_search", None)
            if focus:
                focus()

    def choose_notice(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "Open a notice folder")
        if folder:
            self.open_notice_soon(folder)

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_notices()
        if not recent:
            self.recent_menu.addAction("No recent notices").setEnabled(False)
        for number, path in enumerate(recent, start=1):  # Alt+F, R, 1 opens the last notice
            text = path.replace("&", "&&")
            self.recent_menu.addAction(
                f"&{number} {text}" if number < 10 else text, partial(self.open_notice_soon, path)
            )

    def edit_author(self):
        from notice_studio.ui.author_dialog import AuthorDialog

        dialog = AuthorDialog(self.settings.author_name, self.settings.author_email, self)
        dialog.accepted.connect(lambda: self._set_author(*dialog.values()))
        dialog.open()
        return dialog

    def _set_author(self, name: str, email: str) -> None:
        self.settings.set("author/name", name)
        self.settings.set("author/email", email)
        self.settings.sync()
        if self.session is not None:
            self.session.author = self.author()
            self.session.workspace.author = self.session.author  # sync and reviews record the new name
            self.session._saver.set_author(self.session.author)
        self.extras.messages.forget(UNKNOWN_AUTHOR)  # no longer true
        self.statusBar().showMessage(f"Your edits are now recorded as {name}.", 5000)

    def about(self) -> None:
        QMessageBox.about(
            self,
            "About Notice Studio",
            f"<h3>Notice Studio {__version__}</h3><p>Draft, version and publish privacy notices from a library "
            "of approved clauses. Every edit is kept; published versions never change.</p>"
            "<p>The clause library is a drafting aid, not legal advice.</p>",
        )

    def _apply_practices(self, practices: Practices, message: str) -> None:
        if self.session is not None:
            self.session.undo_stack.push(commands.SetPractices(self.session, practices, message))

    def _variant_swaps(self) -> list[VariantSwap]:
        """The workspace's proposal, once the library is loaded (never loaded on this thread)."""
        if self.session is None or self.library is None:
            return []
        return self.session.workspace.variant_swaps()

    def _apply_variant_swaps(self, swaps: list[VariantSwap]) -> None:
        if self.session is not None:
            self.session.undo_stack.push(commands.SwapVariants(self.session, swaps))

    def _follow_practices(self, session: Session | None, dock: PracticesDock) -> None:
        dock.refresh()
        if session is not None:
            session.practices_changed.connect(dock.refresh)
            session.notice_replaced.connect(dock.refresh)

    def _settle_outside_changes(self, repo: NoticeRepo) -> bool:
        """Files changed in the folder by another program are shown before anything is saved:
        keep them (saved as an edit) or discard them. False when the user cancels opening."""
        from notice_studio.core.workspace.outside import settle_outside_changes

        return settle_outside_changes(repo, DialogInteraction(self), self.author())

    def _undo(self) -> None:
        if self.session is not None:
            self.session.undo_stack.undo()

    def _redo(self) -> None:
        if self.session is not None:
            self.session.undo_stack.redo()

    # ----- the shared state, and what docks may ask of the window (Navigator) ------------------
    @property
    def session(self) -> Session | None:
        return self.state.session

    @session.setter
    def session(self, session: Session | None) -> None:
        self.state.session = session

    @property
    def library(self) -> Library | None:
        return self.state.library

    @library.setter
    def library(self, library: Library | None) -> None:
        self.state.library = library

    def status(self, message: str, timeout_ms: int = 4000) -> None:
        self.statusBar().showMessage(message, timeout_ms)

    def status_until_undone(self, message: str, timeout_ms: int) -> None:
        """A message about the edit just made ("… Undo (Ctrl+Z) brings it back."): once that edit is
        undone it is no longer true, so the undo replaces it (see _follow_undo_hint)."""
        self.statusBar().showMessage(message, timeout_ms)
        stack = self.session.undo_stack if self.session is not None else None
        self._undo_hint = (message, stack, stack.index()) if stack is not None else None

    def _follow_undo_hint(self) -> None:
        if self._undo_hint is None:
            return
        message, stack, index = self._undo_hint
        session = self.session
        if session is not None and session.undo_stack is stack and stack.index() == index:
            return
        self._undo_hint = None
        if self.statusBar().currentMessage() != message:
            return
        if session is not None and session.undo_stack is stack and stack.index() < index:
            self.statusBar().showMessage(f"Undone: {stack.redoText()}. Redo (Ctrl+Y) does it again.", 5000)
        else:
            self.statusBar().clearMessage()

    def save_typing(self) -> None:
        """Hand over what the editor holds (a title typed without pressing Enter is an edit
        too) and queue its save ahead of whatever the caller puts in the write lane next."""
        if self.session is None:
            return
        self.editor.flush_title()
        self.session.save_soon()

    def selected_text(self) -> str:
        """The words selected in the clause editor ('' when none)."""
        return self.editor.body.textCursor().selectedText()

    def select_title_text(self, start: int, end: int) -> None:
        self.editor.title.setSelection(start, end - start)

    def focus_placeholder(self, name: str) -> None:
        focus = getattr(self.docks.get("variables_panel"), "focus_placeholder", None)
        if focus is not None:
            focus(name)

    def describe_ref(self, ref: str) -> tuple[str, str] | None:
        """How the history names a saved edit, in a sentence and in a heading, if it knows it."""
        describe = getattr(self.docks.get("history_dock"), "describe_ref", None)
        return describe(ref) if describe is not None else None

    # ----- status -----------------------------------------------------------------------------
    def show_error(self, message: str) -> None:
        QMessageBox.warning(self, "Notice Studio", message)

    def _command_failed(self, message: str) -> None:
        self.show_error(message)  # looked up at each call: a test may put its own in place

    def _save_failed(self, message: str) -> None:
        self._set_saved_status("Not saved — see message")
        self.show_error(text_is_kept(message))

    def _set_saved_status(self, text: str) -> None:
        self.status_saved.setText(text)

    def _update_version_status(self) -> None:
        session = self.session
        if session is None:
            self.status_version.setText("")
            return
        latest = session.latest_version
        self.status_version.setToolTip(session.changes_summary)
        if latest is None:
            self.status_version.setText("Draft — not published yet")
            return
        effective = f" (effective {format_date(latest.effective)})" if latest.effective else ""
        count = session.changes_since_version
        if count is None:
            standing = f"comparing with {latest.name}…"
        elif count:
            standing = f"{plural(count, 'change')} since {latest.name}"
        else:
            standing = f"same as {latest.name}"
        self.status_version.setText(f"Draft — {standing}{effective}")

    def _rows_inserted(self, *_args: object) -> None:
        self.outline_view.expandAll()

    def _saving(self) -> None:
        self._set_saved_status("Saving…")

    def _saved(self, _commit: str) -> None:
        self._set_saved_status("All changes saved")

    def _update_actions(self, *_args: object) -> None:
        session = self.session
        self._follow_undo_hint()
        for action in self._notice_actions:
            action.setEnabled(session is not None)
        if session is not None:
            stack = session.undo_stack
            self.act_undo.setEnabled(stack.canUndo())
            self.act_redo.setEnabled(stack.canRedo())
            # A title with '&' in it ("Terms & Conditions") must not make a mnemonic of the next letter.
            self.act_undo.setText(f"&Undo {stack.undoText().replace('&', '&&')}".strip())
            self.act_redo.setText(f"&Redo {stack.redoText().replace('&', '&&')}".strip())
            self.setWindowModified(not stack.isClean())
            self.act_delete.setEnabled(self.current_clause_id() is not None)

    # ----- layout and closing -----------------------------------------------------------------
    def _restore_layout(self) -> None:
        geometry = self.settings.get("window/geometry")
        state = self.settings.get("window/state")
        restored = isinstance(geometry, QByteArray) and self.restoreGeometry(geometry)
        if isinstance(state, QByteArray):
            self.restoreState(state)
        # --- ui/layout: fit the screen (issue 19) ---
        from notice_studio.ui.layout.fit import place_main_window

        place_main_window(self, restored)

    def closeEvent(self, event: QCloseEvent) -> None:
        from notice_studio.ui.layout.panes import keep_closed_docks_in_layout

        keep_closed_docks_in_layout(self)  # else closed panels come back open at the next start
        self.settings.set("window/geometry", self.saveGeometry())
        self.settings.set("window/state", self.saveState())
        self.settings.sync()
        self.hide()
        self._closing = True  # a notice still being read is let go when it arrives
        self._close_session()
        self.tasks.wait()
        if self._opening is not None:  # its answer is waiting: hand it over now, so the lock is let go
            QCoreApplication.sendPostedEvents(None, QEvent.Type.MetaCall)
        self._closing = False
        event.accept()

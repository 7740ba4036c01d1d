"""File > Import existing notice: choose a file (or paste the notice), check the sections found,
create the project.

The reading, the live summary and the creating run in workers (the creating in the write
lane); the adjustments in between are the importer's pure edit functions (import_preview.py).
"""

from __future__ import annotations

import html
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEvent, QMimeData, QObject, QSize, Qt, Signal
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from notice_studio.core.importer import FORMATS, PASTED, SUPPORTED_TEXT, ImportedOutline, ImportReport
from notice_studio.core.notice.model import NoticeError
from notice_studio.ui.app_state import AppState, Navigator
from notice_studio.ui.checks.checks_report import severity_color
from notice_studio.ui.importing.import_details import DetailsPage
from notice_studio.ui.importing.import_parts import busy_bar, heading_label
from notice_studio.ui.importing.import_preview import PreviewPage
from notice_studio.ui.layout.fit import fit_dialog
from notice_studio.ui.palette import muted_color
from notice_studio.ui.settings import documents_dir
from notice_studio.ui.tasks import Debouncer

STEPS = ("Choose the notice", "Check the sections", "Create the project")
# What a file's path never is: a path is one line and at most 260 characters on Windows.
_LONGEST_PATH = 260
FILE, PREVIEW, DETAILS = range(3)
FILE_FILTER = f"Notices ({' '.join('*' + ext for ext in FORMATS)});;All files (*)"


def _copied_notice(data: QMimeData | None) -> bool:
    """Copied text long enough to be a notice rather than a file's path or a link."""
    text = data.text() if data is not None and data.hasText() else ""
    return "\n" in text.strip() or len(text) > _LONGEST_PATH


def _dropped(data: QMimeData | None) -> Path | bool:
    """What a drop brings: a local file's path, True for a copied notice, False for nothing to import."""
    if data is not None and data.hasUrls():
        files = [url.toLocalFile() for url in data.urls() if url.isLocalFile()]
        if files:
            return Path(files[0])
    return _copied_notice(data)


class _Progress(QObject):
    """Carries the reading's and the creating's progress from the worker (queued onto the UI thread)."""

    step = Signal(int, int, str)  # done, total (0: not counted), what is happening


class ImportDialog(QDialog):
    """Turns an existing notice file into a new notice project; `created_path` is set on success."""

    def __init__(self, state: AppState, nav: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state, self.nav = state, nav
        self.created_path: Path | None = None
        self.importing = False
        self.creating = False
        self._imported_from: str | None = None  # the file's path or the page's web address
        self._finished = False
        self.setWindowTitle("Import an existing notice")
        self.setAcceptDrops(True)
        self._report_soon = Debouncer(400, self.refresh_report, self)
        self._progress = _Progress(self)
        self._progress.step.connect(self._show_step)
        self._build()
        fit_dialog(self, QSize(1120, 760))
        self.finished.connect(self._on_finished)
        self.go_to(FILE)

    @property
    def outline(self) -> ImportedOutline | None:
        return self.preview.outline

    # ----- building ---------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        self.steps = QLabel("")
        self.steps.setTextFormat(Qt.TextFormat.RichText)
        self.steps.setAccessibleName("Steps of the import")
        layout.addWidget(self.steps)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._file_page())
        self.preview = PreviewPage()
        self.preview.changed.connect(self._outline_changed)
        self.pages.addWidget(self.preview)
        self.details = DetailsPage()
        self.details.edited.connect(self._details_edited)
        self.details.folder_changed.connect(self._update_buttons)
        self.pages.addWidget(self.details)
        layout.addWidget(self.pages, 1)

        self.problem_label = QLabel("")
        self.problem_label.setWordWrap(True)
        self.problem_label.setAccessibleName("Problem")
        self.problem_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.problem_label.setVisible(False)
        layout.addWidget(self.problem_label)
        self.working = QLabel("")
        self.working.setAccessibleName("Progress")
        self.working.setStyleSheet(f"color: {muted_color().name()};")
        self.working.setVisible(False)
        layout.addWidget(self.working)
        self.busy = busy_bar("Working")
        layout.addWidget(self.busy)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.back_button = QPushButton("&Back")
        self.back_button.setAccessibleName("Back to the previous step")
        self.back_button.setAutoDefault(False)
        self.back_button.clicked.connect(self.back)
        self.next_button = QPushButton("&Next")
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(self.next_step)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.setAccessibleName("Cancel the import")
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.clicked.connect(self.reject)
        for button in (self.back_button, self.next_button, self.cancel_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)

        # Ctrl+Z undoes the last adjustment of the outline (line edits keep their own undo).
        self.undo_action = QAction("Undo the last adjustment", self)
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.undo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.undo_action.triggered.connect(self.preview.undo)
        self.redo_action = QAction("Redo the adjustment", self)
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        self.redo_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.redo_action.triggered.connect(self.preview.redo)
        self.addAction(self.undo_action)
        self.addAction(self.redo_action)

    def _file_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading_label("Import an existing notice"))
        intro = QLabel(
            "Bring in the privacy notice you already have, as a text file, a Markdown file, a web page saved "
            f"from your site or a Word document ({SUPPORTED_TEXT}), or give its web address, or copy it from its "
            "web page or document and paste it. Nothing is created until the last step."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        label = QLabel("&File or web address:")
        self.path_edit = QLineEdit()
        self.path_edit.setAccessibleName("Notice file or web address to import")
        self.path_edit.setPlaceholderText("Type or paste the file's path or the notice's web address, or Browse…")
        self.path_edit.setClearButtonEnabled(True)
        self.path_edit.textChanged.connect(lambda _t: self._update_buttons())
        self.path_edit.returnPressed.connect(self.load_file)
        self.path_edit.installEventFilter(self)  # Ctrl+V with a notice copied pastes the notice
        label.setBuddy(self.path_edit)
        self.browse_button = QPushButton("B&rowse…")
        self.browse_button.setAccessibleName("Choose the notice file")
        self.browse_button.setAutoDefault(False)
        self.browse_button.clicked.connect(self._browse)
        row.addWidget(label)
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        layout.addLayout(row)
        paste_row = QHBoxLayout()
        paste_label = QLabel(
            "Or select the whole notice on its web page or in its document, copy it, and paste it here; "
            "the headings come with it."
        )
        paste_label.setWordWrap(True)
        self.paste_button = QPushButton("&Paste the copied notice")
        self.paste_button.setAccessibleName("Paste the notice copied to the clipboard")
        self.paste_button.setAutoDefault(False)
        self.paste_button.clicked.connect(self.paste)
        paste_row.addWidget(paste_label, 1)
        paste_row.addWidget(self.paste_button)
        layout.addLayout(paste_row)
        self.file_status = QLabel("")
        self.file_status.setWordWrap(True)
        self.file_status.setAccessibleName("Reading the file")
        self.file_status.setVisible(False)
        layout.addWidget(self.file_status)
        self.file_busy = busy_bar("Reading the file")
        layout.addWidget(self.file_busy)
        layout.addSpacing(self.fontMetrics().height())
        steps = QLabel(
            "<p><b>What happens next</b></p><ol>"
            "<li>Notice Studio finds the notice's sections and the topics each one covers, and leaves out page "
            "furniture such as menus and cookie banners.</li>"
            "<li>You check the sections it found: merge, split, rename or re-level any it got wrong.</li>"
            "<li>You name the project and choose its folder; a summary shows what the checks find and which "
            "library clauses could fill gaps.</li></ol>"
        )
        steps.setWordWrap(True)
        steps.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(steps)
        layout.addStretch(1)
        return page

    # ----- navigation ---------------------------------------------------------------------------
    def go_to(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        parts = []
        muted = muted_color().name()
        for n, name in enumerate(STEPS):
            text = f"{n + 1}. {html.escape(name)}"
            parts.append(f"<b>{text}</b>" if n == page else f"<span style='color:{muted}'>{text}</span>")
        self.steps.setText("&nbsp;&nbsp;›&nbsp;&nbsp;".join(parts))
        self.steps.setAccessibleDescription(f"Step {page + 1} of 3: {STEPS[page]}")
        self.undo_action.setEnabled(page == PREVIEW)
        self.redo_action.setEnabled(page == PREVIEW)
        self._show_problem("")
        if page == FILE:
            self.path_edit.setFocus()
        elif page == PREVIEW:
            self.preview.tree.setFocus()
        else:
            self.details.title.setFocus()
            self.details._check_folder()
            self.refresh_report()
        self._update_buttons()

    def next_step(self) -> None:
        page = self.pages.currentIndex()
        if page == FILE:
            self.load_file()
        elif page == PREVIEW:
            if self.outline is not None:
                self.go_to(DETAILS)
        else:
            self.create_notice()

    def back(self) -> None:
        if self.pages.currentIndex() > FILE and not self.creating:
            self.go_to(self.pages.currentIndex() - 1)

    def _update_buttons(self) -> None:
        page = self.pages.currentIndex()
        working = self.importing or self.creating
        self.back_button.setEnabled(page > FILE and not working)
        self.cancel_button.setEnabled(not self.creating)
        label, name = {
            FILE: ("&Import", "Import the file"),
            PREVIEW: ("&Next", "Next: name the project"),
            DETAILS: ("&Create notice", "Create the notice project"),
        }[page]
        self.next_button.setText(label)
        self.next_button.setAccessibleName(name)
        if page == FILE:
            enabled = bool(self.path_edit.text().strip())
        elif page == PREVIEW:
            enabled = self.outline is not None
        else:
            enabled = not self.details.problem()
        self.next_button.setEnabled(enabled and not working)
        self.path_edit.setEnabled(not self.importing)
        self.browse_button.setEnabled(not self.importing)
        self.paste_button.setEnabled(not self.importing)

    def _show_problem(self, text: str) -> None:
        self.problem_label.setStyleSheet(f"color: {severity_color('error').name()};")
        self.problem_label.setText(text)
        self.problem_label.setVisible(bool(text))

    # ----- step 1: reading the file ---------------------------------------------------------------
    def _browse(self) -> None:
        current = self.path_edit.text().strip()
        start = str(Path(current).expanduser().parent) if current else str(documents_dir())
        chosen, _filter = QFileDialog.getOpenFileName(self, "Choose the notice to import", start, FILE_FILTER)
        if chosen:
            self.path_edit.setText(chosen)
            self.load_file()

    def load_file(self, path: str | Path | None = None) -> None:
        """Read the file (in a worker) and show its sections in the next step."""
        if path is not None:
            self.path_edit.setText(str(path))
        text = self.path_edit.text().strip().strip('"')
        if not text or self.importing:
            return
        from notice_studio.core.importer.fetch import is_web_address

        web = is_web_address(text)
        source = text if web else str(Path(text).expanduser().absolute())
        if source == self._imported_from and self.outline is not None:
            self.go_to(PREVIEW)  # the same file or page again: keep the adjustments made to it
            return

        progress = self._progress.step.emit

        def read() -> ImportedOutline:
            from notice_studio.core.importer import import_source

            return import_source(source, progress)

        self._read(source, source if web else Path(source).name, read, file=not web)

    def paste(self) -> None:
        """Import the notice on the clipboard: its HTML when a browser or Word put some there (it
        keeps the headings), its plain text otherwise."""
        self._read_copied(QGuiApplication.clipboard().mimeData())

    def _read_copied(self, data: QMimeData | None) -> None:
        if self.importing:
            return
        html_text = data.html() if data is not None and data.hasHtml() else ""
        text = data.text() if data is not None and data.hasText() else ""

        def read() -> ImportedOutline:
            from notice_studio.core.importer import import_pasted

            return import_pasted(text, html_text)

        self._read(None, PASTED, read)

    # A notice file dropped on the dialog is read as if chosen; a selection dragged from a browser
    # or a document is read as if pasted.
    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.pages.currentIndex() == FILE and not self.importing and _dropped(event.mimeData()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        dropped = _dropped(event.mimeData()) if self.pages.currentIndex() == FILE else None
        if not dropped:
            event.ignore()
            return
        event.acceptProposedAction()
        if isinstance(dropped, Path):
            self.load_file(dropped)
        else:
            self._read_copied(event.mimeData())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.path_edit
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Paste)
            and _copied_notice(QGuiApplication.clipboard().mimeData())
        ):
            self.paste()
            return True
        return super().eventFilter(watched, event)

    def _read(self, source: str | None, shown: str, read: Callable[[], ImportedOutline], file: bool = False) -> None:
        """Read the notice in a worker (`read` gives its outline) and show its sections next.
        `source` says where it came from (None: pasted), `file` whether it has a file name."""

        def work() -> tuple[ImportedOutline, list[str]]:
            from notice_studio.core.importer import mentioned_jurisdictions

            outline = read()
            laws = mentioned_jurisdictions("\n".join(s.title + "\n" + s.body for s in outline.sections))
            return outline, laws

        self.importing = True
        self.file_busy.setRange(0, 0)
        self.file_busy.setVisible(True)
        self._file_message(f"Reading {shown} and finding its sections…")
        self._update_buttons()
        self.state.tasks.latest(
            "import-dialog-file", work, lambda result: self._imported(source, file, result), self._import_failed
        )

    def _imported(self, source: str | None, file: bool, result: tuple[ImportedOutline, list[str]]) -> None:
        if self._finished:
            return
        outline, laws = result
        self.importing = False
        self.file_busy.setVisible(False)
        self._file_message("")
        self._imported_from = source
        self.preview.load(outline)
        # Pasted text or a web page has no file name to suggest a folder from; the notice's title does.
        self.details.prefill(outline.title, outline.source_name if file else outline.title, laws)
        self.go_to(PREVIEW)

    def _import_failed(self, exc: object) -> None:
        if self._finished:
            return
        self.importing = False
        self.file_busy.setVisible(False)
        self._update_buttons()
        if isinstance(exc, NoticeError):
            self._file_message(str(exc), error=True)
        else:
            self._file_message(
                f"The file could not be read ({exc}); check that it is a notice saved as {SUPPORTED_TEXT}.", error=True
            )
        self.path_edit.setFocus()

    def _file_message(self, text: str, error: bool = False) -> None:
        color = severity_color("error") if error else muted_color()
        self.file_status.setStyleSheet(f"color: {color.name()};")
        self.file_status.setText(text)
        self.file_status.setVisible(bool(text))

    # ----- step 2 and 3: the live summary -----------------------------------------------------------
    def _outline_changed(self) -> None:
        self.details.last_report = None
        self._update_buttons()

    def _details_edited(self) -> None:
        self._update_buttons()
        self.details.last_report = None
        if self.pages.currentIndex() == DETAILS:
            self.details.report_pending()
            self._report_soon.poke()

    def refresh_report(self) -> None:
        """Build the summary for the outline and details as they are now (in a worker)."""
        outline = self.outline
        if outline is None or self._finished:
            return
        values = self.details.values()

        def work():
            from notice_studio.core.importer import preview_report

            return preview_report(outline, **values)

        self.details.report_pending()
        self.state.tasks.latest("import-dialog-report", work, self._report_ready, self._report_failed)

    def _report_ready(self, report: ImportReport) -> None:
        if not self._finished:
            # Shown at once; still counted as out of date if an edit is waiting for its own summary.
            self.details.show_report(report, current=not self._report_soon.pending)

    def _report_failed(self, exc: object) -> None:
        if not self._finished:
            self.details.show_report(
                None, str(exc) if isinstance(exc, NoticeError) else f"The summary could not be prepared ({exc})."
            )

    # ----- step 4: creating ----------------------------------------------------------------------
    def create_notice(self) -> None:
        """Create the notice project (in the write lane) and close the dialog when it exists."""
        outline = self.outline
        if outline is None or self.creating:
            return
        problem = self.details.problem()
        if problem:
            self.details._check_folder()
            self._show_problem(problem)
            return
        folder = self.details.folder_path()
        values = self.details.values()
        author = self.nav.author()
        progress = self._progress.step.emit

        def work():
            from notice_studio.core.importer import create_notice

            return create_notice(outline, folder, author=author, progress=progress, **values)

        self.creating = True
        self.busy.setRange(0, 0)
        self.busy.setVisible(True)
        self.working.setText("Creating the notice…")
        self.working.setVisible(True)
        self._show_problem("")
        self.details.setEnabled(False)
        self._update_buttons()
        self.state.tasks.write(work, self._created, self._create_failed)

    def _show_step(self, done: int, total: int, what: str) -> None:
        """How far the reading or the creating has got: a counted step moves the bar, others keep it busy."""
        text = f"{what}: {done:,} of {total:,}" if total else what + "…"
        if self.creating:
            bar = self.busy
            self.working.setText(text)
        elif self.importing:
            bar = self.file_busy
            self._file_message(text)
        else:
            return
        bar.setRange(0, total)
        bar.setValue(done)

    def _created(self, report: ImportReport) -> None:
        self.creating = False
        self.busy.setVisible(False)
        self.working.setVisible(False)
        self.details.setEnabled(True)
        self.created_path = Path(str(report.created))
        self.accept()

    def _create_failed(self, exc: object) -> None:
        self.creating = False
        self.busy.setVisible(False)
        self.working.setVisible(False)
        self.details.setEnabled(True)
        self._update_buttons()
        if isinstance(exc, NoticeError):
            self._show_problem(str(exc))
        else:
            self._show_problem(f"The notice could not be created ({exc}); choose another folder and try again.")

    # ----- closing -------------------------------------------------------------------------------
    def reject(self) -> None:
        if not self.creating:  # the folder is being written; wait for the outcome
            super().reject()

    def _on_finished(self, _result: int) -> None:
        self._finished = True

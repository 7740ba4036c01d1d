"""Exporting: the draft or a published version to one file, or the website folder.

The work runs in the background with progress; cancelling stops it between steps and leaves
no file behind (each file is written to a temporary name and moved into place at the end).
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from notice_studio.core.export.default_version import default_export_version, draft_export_note
from notice_studio.core.fileio import output_file
from notice_studio.core.notice.model import NoticeError
from notice_studio.core.notice.store import Version
from notice_studio.core.publishing.schedule import schedule
from notice_studio.core.render.renderer import RenderOptions, format_date
from notice_studio.core.wording import plural
from notice_studio.ui.app_state import AppState, Navigator
from notice_studio.ui.checks.checks_report import severity_color
from notice_studio.ui.export.export_jobs import (
    DRAFT,
    EXTENSIONS,
    FORMATS,
    Cancelled,
    ExportResult,
    file_job,
    read_site_versions,
    read_versions,
    site_job,
)
from notice_studio.ui.layout.fit import fit_dialog
from notice_studio.ui.layout.panes import one_tab_stop
from notice_studio.ui.session import snapshot
from notice_studio.ui.settings import documents_dir

_FILTERS = {
    "html": "HTML files (*.html *.htm)",
    "md": "Markdown files (*.md)",
    "txt": "Text files (*.txt)",
    "pdf": "PDF files (*.pdf)",
    "docx": "Word documents (*.docx)",
}


class _Progress(QObject):
    """Carries progress from the worker to the dialog (queued onto the UI thread)."""

    step = Signal(int, int, str)  # done, total, what is happening


# ----- the dialog --------------------------------------------------------------------------------
class ExportDialog(QDialog):
    """Choose a version, a format and a destination; export in the background."""

    exported = Signal(object)  # ExportResult

    def __init__(
        self,
        state: AppState,
        nav: Navigator,
        parent: QWidget | None = None,
        *,
        version: str | Version | None = None,
        fmt: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.state, self.nav = state, nav
        self.session = state.session
        self.versions = list(self.session.versions) if self.session else []
        if isinstance(version, Version):
            # Just published: the session's list may not have caught up yet.
            if all(v.name != version.name for v in self.versions):
                self.versions.append(version)
            version = version.name
        self.export_result: ExportResult | None = None
        self.running = False
        self._cancelled = threading.Event()
        self._path_edited = False
        self._replace = False
        self._progress = _Progress(self)
        self._progress.step.connect(self._show_step)
        self.setWindowTitle("Export the notice")
        self.setMinimumWidth(640)
        self._build()
        if version is None:  # the latest published version; the draft only when chosen
            version = default_export_version(self.versions)
        if version and self.version_box.findData(version) >= 0:
            self.version_box.setCurrentIndex(self.version_box.findData(version))
        if fmt and self.format_box.findData(fmt) >= 0:
            self.format_box.setCurrentIndex(self.format_box.findData(fmt))
        self._kind_changed()
        self.adjustSize()
        fit_dialog(self, self.size())

    # ----- building ---------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        heading = QLabel("Export the notice")
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)

        kind_row = QHBoxLayout()
        self.one_file = QRadioButton("&One file")
        self.one_file.setAccessibleName("Export one file")
        self.website = QRadioButton("&Website folder")  # what it holds is said below it (16 pt fits)
        self.website.setAccessibleName("Export the website folder")
        self.website.setToolTip(
            "The current notice, every earlier version, a page of changes and a feed, "
            "ready to upload to your website. Only published versions are included."
        )
        group = QButtonGroup(self)
        group.addButton(self.one_file)
        group.addButton(self.website)
        self.one_file.setChecked(True)
        one_tab_stop(group)
        self.one_file.toggled.connect(self._kind_changed)
        kind_row.addWidget(self.one_file)
        kind_row.addWidget(self.website)
        kind_row.addStretch(1)
        layout.addLayout(kind_row)
        self.kind_help = QLabel("")
        self.kind_help.setWordWrap(True)
        layout.addWidget(self.kind_help)

        form = QFormLayout()
        self.version_box = QComboBox()
        self.version_box.setAccessibleName("Version to export")
        self.version_box.addItem("Draft (not published)", DRAFT)
        plan = schedule(self.versions, dt.date.today())
        for version in reversed(self.versions):
            later = plan.is_upcoming(version)
            replaced_by = plan.replaced_by(version)
            when = (
                f", {'takes effect' if later else 'effective'} {format_date(version.effective)}"
                if version.effective
                else ""
            )
            if replaced_by is not None:
                when = f", never in force (replaced by {replaced_by.name})"
            elif plan.is_withdrawn(version):
                when = ", withdrawn (never in force)"
            latest = " — latest" if version.name == default_export_version(self.versions) else ""
            now = " — in force" if version is plan.in_force and plan.upcoming else ""
            self.version_box.addItem(f"{version.name}{when}{latest}{now}", version.name)
        self.version_box.currentIndexChanged.connect(self._choice_changed)
        self.version_label = QLabel("&Version:")
        self.version_label.setBuddy(self.version_box)
        form.addRow(self.version_label, self.version_box)

        self.format_box = QComboBox()
        self.format_box.setAccessibleName("Format")
        for fmt, label, ext in FORMATS:
            self.format_box.addItem(f"{label} (.{ext})", fmt)
        self.format_box.currentIndexChanged.connect(self._choice_changed)
        self.format_label = QLabel("&Format:")
        self.format_label.setBuddy(self.format_box)
        form.addRow(self.format_label, self.format_box)

        # The fragment carries its own styles; this leaves them out for sites that style ns- classes.
        self.inline_styles = QCheckBox("Markup only, without styles (your website's CSS styles it)")
        self.inline_styles.setAccessibleName("Fragment as markup only, without styles")
        form.addRow("", self.inline_styles)

        dest_row = QHBoxLayout()
        self.destination = QLineEdit()
        self.destination.setAccessibleName("Destination")
        self.destination.textEdited.connect(self._destination_edited)
        self.destination.textChanged.connect(lambda _t: self._update_state())
        dest_row.addWidget(self.destination, 1)
        self.browse = QPushButton("&Browse…")
        self.browse.setAccessibleName("Choose the destination")
        self.browse.clicked.connect(self._browse)
        dest_row.addWidget(self.browse)
        self.destination_label = QLabel("&Save as:")
        self.destination_label.setBuddy(self.destination)
        form.addRow(self.destination_label, dest_row)

        self.base_url = QLineEdit()
        self.base_url.setAccessibleName("Website address")
        self.base_url.setPlaceholderText("Optional, e.g. https://www.example.com/privacy/ (for the feed's links)")
        self.base_url_label = QLabel("Web &address:")
        self.base_url_label.setBuddy(self.base_url)
        self.base_url.textChanged.connect(lambda _t: self._update_state())
        form.addRow(self.base_url_label, self.base_url)
        layout.addLayout(form)

        self.warning = QLabel("")
        self.warning.setWordWrap(True)
        self.warning.setAccessibleName("Warning")
        self.warning.setStyleSheet(f"color: {severity_color('warning').name()};")
        layout.addWidget(self.warning)

        self.progress = QProgressBar()
        self.progress.setAccessibleName("Export progress")
        self.progress.setVisible(False)
        layout.addWidget(self.progress)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Export result")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.message)

        buttons = QHBoxLayout()
        self.open_folder = QPushButton("Open &folder")
        self.open_folder.setAccessibleName("Open the folder with the exported file")
        self.open_folder.setVisible(False)
        self.open_folder.clicked.connect(self._open_folder)
        buttons.addWidget(self.open_folder)
        buttons.addStretch(1)
        self.cancel_button = QPushButton("&Cancel export")
        self.cancel_button.setVisible(False)
        self.cancel_button.clicked.connect(self.cancel)
        buttons.addWidget(self.cancel_button)
        self.export_button = QPushButton("&Export")
        self.export_button.setDefault(True)
        self.export_button.setAccessibleName("Export")
        self.export_button.clicked.connect(self.start)
        buttons.addWidget(self.export_button)
        self.close_button = QPushButton("Close")
        self.close_button.clicked.connect(self.reject)
        buttons.addWidget(self.close_button)
        layout.addLayout(buttons)

    # ----- choices ----------------------------------------------------------------------------
    @property
    def fmt(self) -> str:
        return str(self.format_box.currentData())

    @property
    def ref(self) -> str:
        return str(self.version_box.currentData())

    def _kind_changed(self) -> None:
        site = self.website.isChecked()
        for widget in (self.version_box, self.version_label, self.format_box, self.format_label):
            widget.setVisible(not site)
        self.base_url.setVisible(site)
        self.base_url_label.setVisible(site)
        self.destination_label.setText("&Folder:" if site else "&Save as:")
        self.kind_help.setText(
            "The current notice, every earlier version at a permanent address, a page listing the changes "
            "and a feed, ready to upload to your website. Drafts are never included."
            if site
            else "The draft or a published version as one file: a web page, a fragment to paste into your "
            "website's editor, Markdown, plain text, PDF or Word."
        )
        self._path_edited = False
        self._choice_changed()

    def _choice_changed(self) -> None:
        if not self.running:
            self.message.setText("")
            self.open_folder.setVisible(False)
        self.inline_styles.setVisible(self.one_file.isChecked() and self.fmt == "fragment")
        if not self._path_edited:
            self.destination.setText(str(self.default_destination()))
        elif self.one_file.isChecked():
            current = Path(self.destination.text())
            if current.suffix.lstrip(".") != EXTENSIONS[self.fmt]:
                self.destination.setText(str(current.with_suffix("." + EXTENSIONS[self.fmt])))
        self._update_state()

    def _destination_edited(self, _text: str) -> None:
        self._path_edited = True

    def default_destination(self) -> Path:
        name = self.session.path.name if self.session else "privacy-notice"
        base = documents_dir() if documents_dir().is_dir() else Path.home()
        if self.website.isChecked():
            return base / f"{name}-website"
        suffix = "" if self.ref == DRAFT else f"-{self.ref}"
        draft = "-draft" if self.ref == DRAFT else ""
        return base / f"{name}{suffix}{draft}.{EXTENSIONS[self.fmt]}"

    def _browse(self) -> None:
        current = self.destination.text() or str(documents_dir())
        if self.website.isChecked():
            chosen = QFileDialog.getExistingDirectory(self, "Website folder", current)
        else:
            chosen, _ = QFileDialog.getSaveFileName(self, "Export to", current, _FILTERS.get(EXTENSIONS[self.fmt], ""))
        if chosen:
            self._path_edited = True
            self.destination.setText(chosen)

    def unfilled_in_draft(self) -> list[str]:
        if self.session is None:
            return []
        notice = self.session.notice
        return [name for name in notice.placeholders() if not notice.variables.get(name, "").strip()]

    def problem(self) -> str:
        """A sentence saying why the export cannot start, or ''."""
        if self.session is None:
            return "Open a notice first."
        text = self.destination.text().strip()
        if not text:
            return "Choose where to save the export."
        path = Path(text).expanduser()
        if self.website.isChecked():
            if not self.versions:
                return "Nothing is published yet; the website folder holds published versions only. Publish first."
            if path.exists() and not path.is_dir():
                return f"{path} is a file; choose a folder for the website."
            from notice_studio.core.export.site import base_url_problem

            return base_url_problem(self.base_url.text().strip())
        try:
            output_file(path)  # the command line's rule for --out
        except NoticeError as exc:
            return str(exc)
        return ""

    def _update_state(self) -> None:
        problem = self.problem()
        warning = ""
        if self.one_file.isChecked() and self.ref == DRAFT:
            unfilled = self.unfilled_in_draft()
            if unfilled:
                shown = ", ".join(unfilled[:3]) + (", …" if len(unfilled) > 3 else "")
                warning = (
                    f"The draft has {plural(len(unfilled), 'unfilled placeholder')} "
                    f"({shown}); {'they show' if len(unfilled) != 1 else 'it shows'} as a visible marker "
                    "in the export. You can still export it for review."
                )
        self.warning.setText("\n".join(t for t in (problem, warning) if t))
        self.warning.setVisible(bool(problem or warning))
        self.export_button.setEnabled(not problem and not self.running)

    # ----- running ----------------------------------------------------------------------------
    def confirm_draft(self) -> bool:
        """Exporting the unpublished draft: say so, and ask."""
        answer = QMessageBox.question(
            self,
            "Export the draft?",
            f"{draft_export_note(self.versions)} Export the draft anyway?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No if self.versions else QMessageBox.StandardButton.Yes,
        )
        return answer == QMessageBox.StandardButton.Yes

    def start(self) -> None:
        """Export in the background with the current choices."""
        if self.problem() or self.running or self.session is None:
            return
        if not self.website.isChecked() and self.ref == DRAFT and not self.confirm_draft():
            return
        path = Path(self.destination.text().strip()).expanduser().absolute()
        cancelled = self._cancelled = threading.Event()
        report = self._progress.step.emit
        repo, tasks = self.session.repo, self.state.tasks
        versions = list(self.versions)
        site, ref, fmt, inline = self.website.isChecked(), self.ref, self.fmt, self.inline_styles.isChecked()
        replace, self._replace = self._replace, False  # asked for once, after a refusal

        # Reading stored versions goes through the serial git lane (one git reader at a time);
        # laying out and writing the files runs in the pool.
        def make(notices: object) -> None:
            assert isinstance(notices, dict)
            if site:
                job = site_job(versions, notices, path, self.base_url.text().strip(), report, cancelled, replace)
            elif ref == DRAFT:
                job = file_job(notices[DRAFT], RenderOptions(), fmt, path, inline, report, cancelled)
            else:
                version = next(v for v in versions if v.name == ref)
                options = RenderOptions(last_updated=version.effective, version_label=ref)
                job = file_job(notices[ref], options, fmt, path, inline, report, cancelled)
            tasks.run(job, self._done, self._failed)

        self.running = True
        self.export_result = None
        self.message.setText("Starting…")
        self.open_folder.setVisible(False)
        self.progress.setRange(0, 0)
        self.progress.setVisible(True)
        self.cancel_button.setVisible(True)
        self.cancel_button.setEnabled(True)
        self._update_state()
        if ref == DRAFT and not site:
            make({DRAFT: snapshot(self.session.notice)})
            return
        if site:
            tasks.write(read_site_versions(repo, versions, path, report, cancelled), make, self._failed)
        else:
            tasks.write(read_versions(repo, [ref], report, cancelled, 3), make, self._failed)

    def cancel(self) -> None:
        if self.running:
            self._cancelled.set()
            self.cancel_button.setEnabled(False)
            self.message.setText("Cancelling…")

    def _show_step(self, done: int, total: int, text: str) -> None:
        if not self.running:
            return
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.message.setText(text)

    def _finish(self) -> None:
        self.running = False
        self.progress.setVisible(False)
        self.cancel_button.setVisible(False)
        self._update_state()

    def _done(self, result: object) -> None:
        assert isinstance(result, ExportResult)
        self._finish()
        self.export_result = result
        if self.website.isChecked():
            text = (
                f"Website folder written to {result.path}: {plural(result.written, 'file')} "
                f"updated, {result.unchanged} unchanged; {result.made} of {plural(result.pages, 'version page')} "
                "made again (the others were up to date)."
            )
        else:
            text = f"Exported to {result.path}"
            if result.unfilled:
                text += f" ({plural(len(result.unfilled), 'unfilled placeholder')} shown as markers)."
            if result.warnings:  # each its own sentence after the result's
                text = " ".join((text if text.endswith(".") else text + ".", *result.warnings))
        self.message.setText(text)
        self.open_folder.setVisible(True)
        self.open_folder.setFocus()
        self.exported.emit(result)

    def _failed(self, exc: object) -> None:
        self._finish()
        if isinstance(exc, Cancelled):
            self.message.setText("Export cancelled; nothing was written.")
            return
        from notice_studio.core.export.site import SiteOverwriteError

        if isinstance(exc, SiteOverwriteError):
            self.message.setText("")
            from notice_studio.ui.interaction import DialogInteraction

            if DialogInteraction(self).confirm(
                f"{str(exc).rstrip('.')}. Replace what is there with the website's pages?"
            ):
                self._replace = True
                self.start()
            return
        if isinstance(exc, NoticeError):
            message = str(exc)
        elif isinstance(exc, OSError):
            from notice_studio.core.oserrors import os_sentence  # the one plain sentence for a full disk and such

            message = os_sentence(exc, "The export could not be written", fix="choose another place")
        else:
            message = f"The export failed ({exc}); try another format or place."
        self.message.setText("")
        self.nav.show_error(message)

    def _open_folder(self) -> None:
        if self.export_result is None:
            return
        folder = self.export_result.path if self.export_result.path.is_dir() else self.export_result.path.parent
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

    def reject(self) -> None:
        self.cancel()
        super().reject()

"""Step 3 of the import: title, organisation, laws and folder, with a live summary of the result."""

from __future__ import annotations

import html
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from notice_studio.core.importer import ImportProblem, ImportReport, check_destination
from notice_studio.core.importer.outline import sections_in_words
from notice_studio.core.importer.report import language_summary
from notice_studio.core.library.jurisdictions import JURISDICTIONS, short_name
from notice_studio.core.wording import plural
from notice_studio.ui.checks.checks_report import severity_color
from notice_studio.ui.importing.import_parts import busy_bar, default_folder, heading_label
from notice_studio.ui.importing.import_widgets import topic_labels
from notice_studio.ui.notices.language_choice import LanguageChoice
from notice_studio.ui.palette import muted_color
from notice_studio.ui.settings import documents_dir

_SEVERITY_WORDS = {"error": "Error", "warning": "Warning", "info": "Note"}
MAX_FINDINGS = 8


def in_app_words(message: str) -> str:
    """The core's sentences point to the command line; in the app the same list is the Checks panel."""
    return message.replace(
        "'notice-studio check' lists each one", "the Checks panel lists each one once the notice is open"
    )


def report_html(report: ImportReport) -> str:
    """The import report as the summary counsel reads before creating the project."""
    muted = muted_color().name()
    made = sections_in_words(s.level for s in report.sections)
    out = [f"<p><b>{plural(len(report.sections), 'clause')}</b> will be created: {made}.</p>"]
    topics = topic_labels(report.topics_found)
    out.append(f"<p><b>Topics found ({len(topics)}):</b> " + (html.escape(", ".join(topics)) or "none") + "</p>")
    laws = ", ".join(short_name(j) for j in report.jurisdictions)
    laws_html = html.escape(laws) if laws else f"<span style='color:{muted}'>no law ticked</span>"
    out.append(f"<p><b>Checked against:</b> {laws_html}</p>")
    out.append(
        f"<p><b>Language:</b> {html.escape(language_summary(report))} "
        f"<span style='color:{muted}'>(choose another under Language, or later in File &gt; Notice settings…)</span></p>"
    )
    if report.tables_made:
        kept = len(report.tables_found) - len(report.tables_made)
        out.append(
            f"<p><b>Tables:</b> {plural(len(report.tables_made), 'notice table')} made from the tables found "
            f"({html.escape(', '.join(report.tables_made))})" + (f"; {kept} kept as text" if kept > 0 else "") + "</p>"
        )
    elif report.tables_found:
        out.append(
            f"<p><b>Tables:</b> {plural(len(report.tables_found), 'table')} found, kept as text "
            f"<span style='color:{muted}'>(tick them on the left to make them notice tables)</span></p>"
        )
    if report.numbering_gaps:
        out.append(
            "<p><b>Numbering in the original</b></p><ul>"
            + "".join(f"<li>{html.escape(g)}</li>" for g in report.numbering_gaps)
            + "</ul>"
        )
    else:
        out.append(f"<p><b>Numbering in the original:</b> <span style='color:{muted}'>no gaps</span></p>")
    if report.notes:
        out.append(
            "<p><b>What the import changed</b></p><ul>"
            + "".join(f"<li>{html.escape(n)}</li>" for n in report.notes)
            + "</ul>"
        )
    counts = {sev: sum(1 for f in report.findings if f.severity == sev) for sev in _SEVERITY_WORDS}
    out.append(
        f"<p><b>Problems found:</b> {plural(counts['error'], 'error')}, {plural(counts['warning'], 'warning')}, "
        f"{plural(counts['info'], 'note')}</p>"
    )
    titles = {s.clause_id: s.title for s in report.sections}
    order = {"error": 0, "warning": 1, "info": 2}
    findings = sorted(report.findings, key=lambda f: order.get(f.severity, 3))
    if findings:
        items = []
        for finding in findings[:MAX_FINDINGS]:
            color = severity_color(finding.severity).name()
            where = f"<i>{html.escape(titles[finding.clause_id])}</i>: " if finding.clause_id in titles else ""
            word = _SEVERITY_WORDS.get(finding.severity, finding.severity)
            message = html.escape(in_app_words(finding.message))
            items.append(f"<li><span style='color:{color}'><b>{word}</b></span> {where}{message}</li>")
        if len(findings) > MAX_FINDINGS:
            items.append(
                f"<li style='color:{muted}'>and {len(findings) - MAX_FINDINGS} more; the Checks panel lists "
                "them all once the notice is open.</li>"
            )
        out.append("<ul>" + "".join(items) + "</ul>")
    if report.suggestions:
        out.append("<p><b>Library clauses that could fill gaps</b></p><ul>")
        for s in report.suggestions:
            clauses = (
                "; ".join(f"“{html.escape(title)}”" for _cid, title in s.clauses)
                or f"<span style='color:{muted}'>no library clause yet</span>"
            )
            out.append(f"<li>{html.escape(s.label)}: {clauses}</li>")
        out.append("</ul>")
        out.append(f"<p style='color:{muted}'>Add them after the import from the clause library.</p>")
    return "".join(out)


class DetailsPage(QWidget):
    """What the new project is called, which laws it follows, where it goes; and what it will hold."""

    edited = Signal()  # anything the report depends on changed
    folder_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.source_name = ""
        self._folder_edited = False
        self.last_report: ImportReport | None = None
        self._build()

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(heading_label("Create the notice project"))
        intro = QLabel(
            "The imported text becomes the first version in the new project's history, so every "
            "improvement you make afterwards shows as a change against your original wording."
        )
        intro.setWordWrap(True)
        outer.addWidget(intro)
        columns = QHBoxLayout()
        outer.addLayout(columns, 1)

        left = QVBoxLayout()
        form = QFormLayout()
        self.title = self._line("Title of the notice", "e.g. Privacy Notice")
        form.addRow(self._label("&Title:", self.title), self.title)
        self.organisation = self._line("Organisation name", "e.g. Harbour Lane Bakery Ltd")
        self.organisation.textChanged.connect(self._organisation_changed)
        form.addRow(self._label("&Organisation:", self.organisation), self.organisation)
        self.language = LanguageChoice()
        self.language.insertItem(0, "As the text's words tell", "")
        self.language.setCurrentIndex(0)
        self.language.setToolTip("The language the notice is written in; by default the one its words tell.")
        self.language.currentIndexChanged.connect(lambda _i: self.edited.emit())
        form.addRow(self._label("&Language:", self.language), self.language)
        folder_row = QHBoxLayout()
        self.folder = QLineEdit()
        self.folder.setAccessibleName("Folder for the new notice")
        self.folder.textChanged.connect(lambda _t: self.folder_changed.emit())
        self.folder.textEdited.connect(self._folder_typed)
        self.folder.textChanged.connect(self._check_folder)
        folder_row.addWidget(self.folder, 1)
        self.browse = QPushButton("Bro&wse…")
        self.browse.setAccessibleName("Choose the folder for the new notice")
        self.browse.setAutoDefault(False)
        self.browse.clicked.connect(self._browse)
        folder_row.addWidget(self.browse)
        form.addRow(self._label("&Folder:", self.folder), folder_row)
        self.folder_problem = QLabel("")
        self.folder_problem.setWordWrap(True)
        self.folder_problem.setAccessibleName("Problem with the folder")
        self.folder_problem.setStyleSheet(f"color: {severity_color('error').name()};")
        self.folder_problem.setVisible(False)
        form.addRow("", self.folder_problem)
        left.addLayout(form)

        laws = QGroupBox("Laws the notice is written for")
        laws_layout = QVBoxLayout(laws)
        grid = QGridLayout()
        self.jurisdictions: dict[str, QCheckBox] = {}
        for n, (jid, label) in enumerate((j, law.label) for j, law in JURISDICTIONS.items()):
            box = QCheckBox(label)
            box.setAccessibleName(label)
            box.toggled.connect(lambda _on: self.edited.emit())
            grid.addWidget(box, n, 0)
            self.jurisdictions[jid] = box
        laws_layout.addLayout(grid)
        self.laws_hint = QLabel("")
        self.laws_hint.setWordWrap(True)
        self.laws_hint.setStyleSheet(f"color: {muted_color().name()};")
        laws_layout.addWidget(self.laws_hint)
        left.addWidget(laws)
        self.make_tables = QCheckBox("&Make the tables found into the notice's own tables")
        self.make_tables.setAccessibleName("Make the tables found into notice tables")
        self.make_tables.setToolTip(
            "Each table found in the text becomes a notice table you edit as a table, shown in its clause "
            "where it stood. Left unticked, the tables stay as text in their clauses."
        )
        self.make_tables.setVisible(False)  # offered once the summary shows tables were found
        self.make_tables.stateChanged.connect(self._all_box_changed)
        left.addWidget(self.make_tables)
        self.table_list = QListWidget()
        self.table_list.setAccessibleName("Tables found: tick those to make into notice tables")
        self.table_list.setMaximumHeight(96)
        self.table_list.setVisible(False)
        self.table_list.itemChanged.connect(self._table_ticked)
        left.addWidget(self.table_list)
        left.addStretch(1)
        columns.addLayout(left, 4)

        summary = QGroupBox("What the new notice will contain")
        summary_layout = QVBoxLayout(summary)
        self.report_view = QTextBrowser()
        self.report_view.setAccessibleName("Summary of the import")
        self.report_view.setOpenLinks(False)
        self.report_view.setPlaceholderText("Preparing the summary…")
        summary_layout.addWidget(self.report_view, 1)
        self.report_busy = busy_bar("Updating the summary")
        summary_layout.addWidget(self.report_busy)
        columns.addWidget(summary, 5)

    def _line(self, name: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setAccessibleName(name)
        edit.setPlaceholderText(placeholder)
        edit.textChanged.connect(lambda _t: self.edited.emit())
        return edit

    @staticmethod
    def _label(text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    # ----- values -----------------------------------------------------------------------------
    def prefill(self, title: str, source_name: str, laws: list[str]) -> None:
        """Fill in what the import found (a new file was imported)."""
        self.source_name = source_name
        self.blockSignals(True)
        self.title.setText(title)
        self.language.setCurrentIndex(0)
        for jid, box in self.jurisdictions.items():
            box.setChecked(jid in laws)
        self.blockSignals(False)
        named = ", ".join(short_name(j) for j in laws)
        self.laws_hint.setText(
            f"Ticked because the text names them: {named}. Change them if the notice is meant for others."
            if laws
            else "The text names no law Notice Studio knows: tick the ones the notice is written for, "
            "or it gets no coverage checks at all."
        )
        self.laws_hint.setStyleSheet(f"color: {(muted_color() if laws else severity_color('warning')).name()};")
        self._folder_edited = False
        self.folder.setText(str(default_folder(self.organisation.text(), source_name)))
        self.make_tables.blockSignals(True)
        self.make_tables.setChecked(False)
        self.make_tables.setVisible(False)
        self.make_tables.blockSignals(False)
        self.table_list.blockSignals(True)
        self.table_list.clear()
        self.table_list.setVisible(False)
        self.table_list.blockSignals(False)
        self.last_report = None
        self.edited.emit()

    def chosen_jurisdictions(self) -> list[str]:
        return [jid for jid, box in self.jurisdictions.items() if box.isChecked()]

    def values(self) -> dict:
        """Keyword arguments for preview_report / create_notice."""
        return {
            "organisation": " ".join(self.organisation.text().split()),
            "jurisdictions": self.chosen_jurisdictions(),
            "title": " ".join(self.title.text().split()) or None,
            "tables": self.chosen_tables() or False,
            "language": self.language.currentData() or None,
        }

    def chosen_tables(self) -> list[int]:
        """The numbers of the tables found that are ticked (the report numbers them from 1)."""
        if self.table_list.isHidden():
            return []
        return [
            n
            for n in range(1, self.table_list.count() + 1)
            if self.table_list.item(n - 1).checkState() == Qt.CheckState.Checked
        ]

    def _all_box_changed(self, state: int) -> None:
        if state != Qt.CheckState.PartiallyChecked.value:
            self._all_tables(state == Qt.CheckState.Checked.value)

    def _all_tables(self, on: bool) -> None:
        """The box over the list ticks or clears every table found."""
        self.table_list.blockSignals(True)
        for n in range(self.table_list.count()):
            self.table_list.item(n).setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
        self.table_list.blockSignals(False)
        self._sync_all_box()
        self.edited.emit()

    def _table_ticked(self, _item: QListWidgetItem) -> None:
        self._sync_all_box()
        self.edited.emit()

    def _sync_all_box(self) -> None:
        ticked, count = len(self.chosen_tables()), self.table_list.count()
        self.make_tables.blockSignals(True)
        self.make_tables.setTristate(0 < ticked < count)
        self.make_tables.setCheckState(
            Qt.CheckState.Checked
            if count and ticked == count
            else Qt.CheckState.PartiallyChecked
            if ticked
            else Qt.CheckState.Unchecked
        )
        self.make_tables.blockSignals(False)

    def _offer_tables(self, found: tuple[str, ...]) -> None:
        """List the tables found (kept ticked by their number while the same tables are found)."""
        shown = [self.table_list.item(n).text() for n in range(self.table_list.count())]
        self.make_tables.setVisible(bool(found))
        self.table_list.setVisible(bool(found))
        if list(found) == shown:
            return
        ticked = set(self.chosen_tables())
        self.table_list.blockSignals(True)
        self.table_list.clear()
        for n, summary in enumerate(found, start=1):
            item = QListWidgetItem(summary)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if n in ticked else Qt.CheckState.Unchecked)
            self.table_list.addItem(item)
        self.table_list.blockSignals(False)
        self._sync_all_box()

    def folder_path(self) -> Path | None:
        text = self.folder.text().strip()
        return Path(text).expanduser().absolute() if text else None

    def problem(self) -> str:
        """Why the project cannot be created in the chosen folder, or ''."""
        path = self.folder_path()
        if path is None:
            return "Choose a folder for the new notice."
        try:
            check_destination(path)
        except ImportProblem as exc:
            return str(exc)
        return ""

    # ----- reacting -----------------------------------------------------------------------------
    def _organisation_changed(self, text: str) -> None:
        if not self._folder_edited:
            self.folder.setText(str(default_folder(text, self.source_name)))

    def _folder_typed(self, _text: str) -> None:
        self._folder_edited = True

    def _check_folder(self) -> None:
        problem = self.problem()
        self.folder_problem.setText(problem)
        self.folder_problem.setVisible(bool(problem))

    def _browse(self) -> None:
        start = self.folder_path() or documents_dir()
        parent = start if start.is_dir() else start.parent
        chosen = QFileDialog.getExistingDirectory(self, "Folder for the new notice", str(parent))
        if chosen:
            path = Path(chosen)
            # Choosing a folder with things in it means "put the notice inside it".
            if path.is_dir() and any(path.iterdir()):
                path = path / default_folder(self.organisation.text(), self.source_name).name
            self._folder_edited = True
            self.folder.setText(str(path))

    def show_report(self, report: ImportReport | None, error: str = "", current: bool = True) -> None:
        """Show a summary; `current` False means a newer one is on its way."""
        self.report_busy.setVisible(not current)
        self.last_report = report if current else None
        if report is not None:
            self.report_view.setHtml(report_html(report))
            if current:
                self._offer_tables(report.tables_found)
        else:
            self.report_view.setHtml(f"<p style='color:{severity_color('error').name()}'>{html.escape(error)}</p>")

    def report_pending(self) -> None:
        self.report_busy.setVisible(True)

"""A new notice from a template: pick a starting point, name the organisation, the laws, the folder."""

from __future__ import annotations

import html
from itertools import pairwise
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from notice_studio.core.library.jurisdictions import JURISDICTIONS, short_name
from notice_studio.core.library.templates import Template
from notice_studio.core.notice.model import Notice, NoticeError, slugify
from notice_studio.core.notice.store import Author, NoticeRepo, resolve_author
from notice_studio.core.practices.facts import Waiver
from notice_studio.ui.app_state import AppState, Navigator
from notice_studio.ui.checks.checks_report import severity_color
from notice_studio.ui.layout.fit import fit_dialog, tab_chain
from notice_studio.ui.layout.panes import one_tab_stop
from notice_studio.ui.notices.language_choice import LanguageChoice
from notice_studio.ui.settings import documents_dir


def default_folder(organisation: str) -> Path:
    """~/Documents/<org>-privacy-notice."""
    slug = slugify(organisation) if organisation.strip() else "my"
    return documents_dir() / f"{slug}-privacy-notice"


def folder_problem(path: Path) -> str:
    """A sentence saying why the folder cannot hold a new notice, or ''."""
    if path.exists() and not path.is_dir():
        return f"{path} is a file. Choose a new folder name for the notice."
    if path.is_dir() and any(path.iterdir()):
        return f"The folder {path} already has files in it. Choose a new or empty folder, so nothing there is mixed up with the notice."
    return ""


class NewNoticeDialog(QDialog):
    """Creates a notice folder; `created_path` is set when it succeeds."""

    def __init__(self, state: AppState, nav: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state, self.nav = state, nav
        self.created_path: Path | None = None
        self.creating = False
        self._folder_edited = False
        self.setWindowTitle("New notice")
        self._build()
        fit_dialog(self, QSize(720, 700))
        self._load_templates()

    # ----- building ---------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        heading = QLabel("Start a new privacy notice")
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        intro = QLabel(
            "Choose the template closest to your organisation. Its clauses come from the clause "
            "library; you can add, remove and reword them afterwards."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        templates_box = QGroupBox("Template")
        templates_layout = QVBoxLayout(templates_box)
        templates_layout.setContentsMargins(0, 4, 0, 0)
        self.templates_area = QScrollArea()
        self.templates_area.setWidgetResizable(True)
        self.templates_area.setFrameShape(QFrame.Shape.NoFrame)
        # Tab goes to the chosen template (the area scrolls to it); the area itself is no Tab stop.
        self.templates_area.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.templates_list = QWidget()
        self.templates_layout = QVBoxLayout(self.templates_list)
        self.templates_layout.setSpacing(8)
        self.templates_area.setWidget(self.templates_list)
        templates_layout.addWidget(self.templates_area)
        self.template_group = QButtonGroup(self)
        self.template_group.buttonToggled.connect(self._template_changed)
        self.template_buttons: list[tuple[QRadioButton, Template]] = []
        layout.addWidget(templates_box, 3)

        form = QFormLayout()
        self.organisation = QLineEdit()
        self.organisation.setAccessibleName("Organisation name")
        self.organisation.setPlaceholderText("e.g. Northwind Analytics Ltd")
        self.organisation.textChanged.connect(self._organisation_changed)
        form.addRow("&Organisation:", self.organisation)
        self.language = LanguageChoice()
        language_label = QLabel("&Language:")
        language_label.setBuddy(self.language)
        form.addRow(language_label, self.language)
        folder_row = QHBoxLayout()
        self.folder = QLineEdit()
        self.folder.setAccessibleName("Folder for the notice")
        self.folder.textEdited.connect(self._folder_typed)
        self.folder.textChanged.connect(lambda _t: self._update_state())
        folder_row.addWidget(self.folder, 1)
        self.browse = QPushButton("&Browse…")
        self.browse.setAccessibleName("Choose the folder")
        self.browse.clicked.connect(self._browse)
        folder_row.addWidget(self.browse)
        folder_label = QLabel("&Folder:")
        folder_label.setBuddy(self.folder)
        form.addRow(folder_label, folder_row)
        layout.addLayout(form)

        laws = QGroupBox("Laws this notice is written for")
        grid = QGridLayout(laws)
        self.jurisdictions: dict[str, QCheckBox] = {}
        for n, (jid, label) in enumerate((j, law.label) for j, law in JURISDICTIONS.items()):
            box = QCheckBox(label)
            box.setAccessibleName(label)
            box.toggled.connect(lambda _on: self._update_state())
            grid.addWidget(box, n // 2, n % 2)
            self.jurisdictions[jid] = box
        layout.addWidget(laws)

        self.problem_label = QLabel("")
        self.problem_label.setWordWrap(True)
        self.problem_label.setAccessibleName("Problem")
        self.problem_label.setStyleSheet(f"color: {severity_color('error').name()};")
        self.problem_label.setVisible(False)
        layout.addWidget(self.problem_label)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(8)
        self.busy.setAccessibleName("Creating the notice")
        self.busy.setVisible(False)
        layout.addWidget(self.busy)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.create_button = QPushButton("&Create")
        self.create_button.setDefault(True)
        self.create_button.setAccessibleName("Create the notice")
        self.create_button.clicked.connect(self.create_notice)
        self.cancel_button = QPushButton("Cancel")
        self.cancel_button.clicked.connect(self.reject)
        buttons.addWidget(self.create_button)
        buttons.addWidget(self.cancel_button)
        layout.addLayout(buttons)

    def _load_templates(self) -> None:
        from notice_studio.core.library.templates import list_templates

        library = self.state.library
        try:
            templates = list_templates(library.roots if library is not None else None)
        except Exception as exc:  # noqa: BLE001 - shown as a sentence, the dialog stays usable
            templates = []
            self._show_problem(f"The templates could not be read ({exc}); reinstall Notice Studio.")
        bold = QFont(self.font())
        bold.setBold(True)
        for template in templates:
            laws = ", ".join(short_name(j) for j in template.jurisdictions)
            button = QRadioButton(template.title)
            button.setFont(bold)
            button.setAccessibleName(template.title)
            button.setAccessibleDescription(template.description)
            self.template_group.addButton(button)
            description = QLabel(f"{html.escape(template.description.strip())}<br><i>Laws: {html.escape(laws)}</i>")
            description.setTextFormat(Qt.TextFormat.RichText)
            description.setWordWrap(True)
            description.setIndent(button.sizeHint().height())
            description.setBuddy(button)
            self.templates_layout.addWidget(button)
            self.templates_layout.addWidget(description)
            self.template_buttons.append((button, template))
        self.templates_layout.addStretch(1)
        if self.template_buttons:
            self.template_buttons[0][0].setChecked(True)
        self._templates_first_in_tab_order()
        one_tab_stop(self.template_group)
        first = self.template_group.checkedButton() or self.organisation
        first.setFocus()  # the dialog opens in its first choice, not on Cancel
        self.folder.setText(str(default_folder("")))
        self._update_state()

    def _templates_first_in_tab_order(self) -> None:
        """Tab follows the page (the templates were added last): templates, fields, laws, then Create."""
        order: list[QWidget] = [button for button, _template in self.template_buttons]
        order += [self.organisation, self.language, self.folder, self.browse, *self.jurisdictions.values()]
        order += [self.create_button, self.cancel_button]
        order += [w for w in tab_chain(self) if w not in order]
        for before, after in pairwise(order):
            QWidget.setTabOrder(before, after)

    # ----- reacting -----------------------------------------------------------------------------
    @property
    def template(self) -> Template | None:
        for button, template in self.template_buttons:
            if button.isChecked():
                return template
        return None

    def choose_template(self, template_id: str) -> None:
        for button, template in self.template_buttons:
            if template.id == template_id:
                button.setChecked(True)

    def chosen_jurisdictions(self) -> list[str]:
        return [jid for jid, box in self.jurisdictions.items() if box.isChecked()]

    def _template_changed(self, _button: object = None, checked: bool = True) -> None:
        template = self.template
        if template is None or not checked:
            return
        for jid, box in self.jurisdictions.items():
            box.setChecked(jid in template.jurisdictions)
        self._update_state()

    def _organisation_changed(self, text: str) -> None:
        if not self._folder_edited:
            self.folder.setText(str(default_folder(text)))
        self._update_state()

    def _folder_typed(self, _text: str) -> None:
        self._folder_edited = True

    def _browse(self) -> None:
        start = self.folder.text().strip() or str(documents_dir())
        parent = str(Path(start).parent) if not Path(start).is_dir() else start
        chosen = QFileDialog.getExistingDirectory(self, "Folder for the notice", parent)
        if chosen:
            path = Path(chosen)
            # Choosing a folder that holds other things means "put the notice inside it".
            if path.is_dir() and any(path.iterdir()):
                path = path / default_folder(self.organisation.text()).name
            self._folder_edited = True
            self.folder.setText(str(path))

    def problem(self) -> tuple[str, bool]:
        """(a sentence saying why the notice cannot be created yet, whether it is a real problem)."""
        if self.template is None:
            return "Choose a template.", False
        if not self.organisation.text().strip():
            return "Enter the organisation's name.", False
        if not self.chosen_jurisdictions():
            return "Tick at least one law the notice is written for.", False
        text = self.folder.text().strip()
        if not text:
            return "Choose a folder for the notice.", False
        problem = folder_problem(Path(text).expanduser())
        return problem, bool(problem)

    def _show_problem(self, text: str, serious: bool = True) -> None:
        color = severity_color("error" if serious else "info").name()
        self.problem_label.setStyleSheet(f"color: {color};")
        self.problem_label.setText(text)
        self.problem_label.setVisible(bool(text))

    def _update_state(self) -> None:
        problem, serious = self.problem()
        self._show_problem(problem, serious)
        self.create_button.setEnabled(not problem and not self.creating)
        self.cancel_button.setEnabled(not self.creating)

    # ----- creating -----------------------------------------------------------------------------
    def create_notice(self) -> None:
        """Build the notice from the template and create its folder (in the background)."""
        problem, serious = self.problem()
        template = self.template
        if problem or template is None:  # problem() names a missing template
            self._show_problem(problem, serious)
            return
        template_id = template.id
        organisation = " ".join(self.organisation.text().split())
        jurisdictions = self.chosen_jurisdictions()
        language = self.language.code()
        folder = Path(self.folder.text().strip()).expanduser().absolute()
        library = self.state.library
        settings = self.state.settings
        author = resolve_author(settings.author_name, settings.author_email)

        def build() -> tuple[Notice, list[Waiver]]:
            from notice_studio.core.library.requirements import load_requirements
            from notice_studio.core.library.templates import build_notice
            from notice_studio.core.practices.actions import decided_by_practices
            from notice_studio.core.practices.facts import effective_facts, waived_requirements

            notice = build_notice(template_id, organisation, jurisdictions, library=library, language=language)
            decided = decided_by_practices(notice)  # those follow from the practices: change them there
            waivers = waived_requirements(effective_facts(notice), notice.jurisdictions, load_requirements())
            return notice, [w for w in waivers if w.fact not in decided]

        def built(result: tuple[Notice, list[Waiver]]) -> None:
            notice, waivers = result
            if not waivers:
                self._write(notice, folder, author)
                return
            # Counsel confirm each template "no" that leaves a legal requirement out.
            from notice_studio.ui.practices.waivers_dialog import ConfirmWaiversDialog

            confirm = ConfirmWaiversDialog(waivers, self)
            self.waivers_dialog = confirm
            confirm.accepted.connect(lambda: self._write(_answered(notice, confirm.answers()), folder, author))
            confirm.rejected.connect(
                lambda: self._failed(NoticeError("Nothing was created; confirm the answers to create the notice."))
            )
            confirm.open()

        self.creating = True
        self.busy.setVisible(True)
        self._show_problem("")
        self._update_state()
        self.state.tasks.run(build, built, self._failed)

    def _write(self, notice: Notice, folder: Path, author: Author) -> None:
        """Create the notice's folder and history in the write lane."""

        def work() -> Path:
            with NoticeRepo.create(folder, notice, author):
                pass
            return folder

        self.state.tasks.write(work, self._created, self._failed)

    def reject(self) -> None:
        if not self.creating:  # the folder is being written; wait for the outcome
            super().reject()

    def _created(self, path: object) -> None:
        self.creating = False
        self.busy.setVisible(False)
        self.created_path = Path(str(path))
        self.accept()

    def _failed(self, exc: object) -> None:
        self.creating = False
        self.busy.setVisible(False)
        self._update_state()
        if isinstance(exc, NoticeError):
            self._show_problem(str(exc))
        else:
            self._show_problem(f"The notice could not be created ({exc}); choose another folder and try again.")


def _answered(notice: Notice, answers: dict[str, bool]) -> Notice:
    """The notice with counsel's confirmed answers to the facts that waive requirements."""
    notice.facts.update(answers)
    return notice

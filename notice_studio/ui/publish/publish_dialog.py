"""Publishing: checks, what changed, the change notice for readers, the date and who approved it.

Errors keep the Publish button disabled (a sentence says why); each warning needs a tick.
Checks and the comparison with the last published version run in the background.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QSize, Qt, Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from notice_studio.core.checks import Finding
from notice_studio.core.diff.changes import change_notice_heading
from notice_studio.core.importer.dates import offered_effective_date
from notice_studio.core.notice.store import Version, next_version_number, standing
from notice_studio.core.publishing.schedule import (
    advance_notice_days,
    compared_with,
    default_effective_date,
    effective_date_warning,
    following_note,
    replacement_preview,
)
from notice_studio.core.render.renderer import format_date
from notice_studio.core.wording import plural
from notice_studio.core.workspace import finding_sentence
from notice_studio.core.workspace.publishing import (
    ReasonNeeded,
    change_notice_problem,
    missing_reason,
    suggestion_sentence,
)
from notice_studio.ui.app_state import AppState, Navigator
from notice_studio.ui.checks.checks_report import (
    CheckedNotice,
    fix_text,
    go_to_finding,
    severity_color,
    severity_icon,
)
from notice_studio.ui.layout.fit import fit_dialog
from notice_studio.ui.layout.panes import one_tab_stop
from notice_studio.ui.publish.publish_summary import Comparison, review_job

FindingRole = Qt.ItemDataRole.UserRole + 1


def _bold(label: QLabel) -> QLabel:
    font = QFont(label.font())
    font.setBold(True)
    label.setFont(font)
    return label


class PublishDialog(QDialog):
    """Publish the draft as the next version."""

    published = Signal(object)  # Version

    def __init__(self, state: AppState, nav: Navigator, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state, self.nav = state, nav
        self.session = state.session
        self.checked: CheckedNotice | None = None
        self.comparison: Comparison | None = None
        self.version: Version | None = None
        self.diff_window: QWidget | None = None
        self.publishing = False
        self._failed_step = ""
        self._reviewed_against = ""
        self._drafted = ""
        versions = self.versions = list(self.session.versions) if self.session else []
        # The draft follows the last version not withdrawn; its number comes after every tag.
        kept = standing(versions)
        self.latest = kept[-1] if kept else None
        self.next_name = f"v{next_version_number(versions)}"
        self.setWindowTitle("Publish a new version")
        self.setModal(True)
        self.pages = QStackedWidget(self)
        form = self._form_page()
        self.pages.addWidget(form)
        self.pages.addWidget(self._done_page())
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        fit_dialog(self, QSize(760, 780), scroll_in=form)
        # The first thing counsel must read and fill is the change notice readers will see (the
        # checks above it are still running when the dialog opens; Shift+Tab reaches them).
        self.change_notice.setFocus()
        self._start()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._update_state()  # the button box made Publish the default on showing; only a ready one is

    # ----- building ---------------------------------------------------------------------------
    def _form_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.setSpacing(10)
        heading = QLabel(f"Publish the draft as version {self.next_name}")
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        intro = QLabel(
            "Publishing records the draft as it is now, with the date it takes effect and the note "
            "readers see about what changed. Published versions never change; later edits go into a new draft."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        # Checks
        checks = QGroupBox("Checks")
        checks_layout = QVBoxLayout(checks)
        self.checks_status = QLabel("Checking the notice…")
        self.checks_status.setWordWrap(True)
        self.checks_status.setAccessibleName("Result of the checks")
        checks_layout.addWidget(self.checks_status)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(8)
        self.busy.setAccessibleName("Checking")
        checks_layout.addWidget(self.busy)
        self.findings = QListWidget()
        self.findings.setAccessibleName("Errors and warnings to review")
        self.findings.setAlternatingRowColors(True)
        self.findings.setWordWrap(True)
        self.findings.itemChanged.connect(lambda _item: self._update_state())
        self.findings.itemActivated.connect(self._go_to)
        self.findings.setVisible(False)
        # A few rows show at once; the change notice below keeps the room it needs.
        lines = self.findings.fontMetrics().lineSpacing()
        self.findings.setMinimumHeight(lines * 5)
        self.findings.setMaximumHeight(lines * 11)
        checks_layout.addWidget(self.findings, 1)
        # A clause that lost what a law requires is acknowledged only with a reason (kept in the tag).
        self.reasons_box = QWidget()
        self.reasons_form = QFormLayout(self.reasons_box)
        self.reasons_form.setContentsMargins(0, 0, 0, 0)
        self.reasons_box.setVisible(False)
        checks_layout.addWidget(self.reasons_box)
        self.reason_fields: dict[str, QLineEdit] = {}
        self.needs_reason: tuple[ReasonNeeded, ...] = ()
        layout.addWidget(checks, 0)

        # What changed
        changes = QGroupBox("What changed")
        changes_layout = QVBoxLayout(changes)
        row = QHBoxLayout()
        self.diff_summary = QLabel("Comparing with the last published version…")
        self.diff_summary.setWordWrap(True)
        self.diff_summary.setAccessibleName("What changed since the last published version")
        row.addWidget(self.diff_summary, 1)
        self.compare_button = QPushButton("Show the changes…")
        self.compare_button.setAccessibleName("Show the changes side by side")
        self.compare_button.setEnabled(False)
        self.compare_button.setVisible(self.latest is not None)
        self.compare_button.clicked.connect(self._compare)
        row.addWidget(self.compare_button, 0, Qt.AlignmentFlag.AlignTop)
        changes_layout.addLayout(row)

        notice_label = _bold(QLabel("&Change notice for readers"))
        changes_layout.addWidget(notice_label)
        hint = QLabel("Drafted from the changes; edit it into the words you want readers to see.")
        hint.setWordWrap(True)
        changes_layout.addWidget(hint)
        self.change_notice = QPlainTextEdit()
        self.change_notice.setAccessibleName("Change notice for readers")
        self.change_notice.setTabChangesFocus(True)
        self.change_notice.setPlaceholderText("What readers are told about this version.")
        self.change_notice.textChanged.connect(self._update_state)
        self.change_notice.setMinimumHeight(self.change_notice.fontMetrics().lineSpacing() * 6)
        notice_label.setBuddy(self.change_notice)
        changes_layout.addWidget(self.change_notice, 1)

        # Short choices with their meaning wrapped beneath: the long one-line texts scrolled sideways at 16 pt.
        self.material = QRadioButton("&Material change")
        self.editorial = QRadioButton("&Editorial change")
        self.material.setAccessibleName("Material change")
        self.editorial.setAccessibleName("Editorial change")
        meanings = {
            self.material: "It affects what readers agreed to or expect; tell them prominently.",
            self.editorial: "Wording, layout or corrections only.",
        }
        group = self.kind_group = QButtonGroup(self)
        group.addButton(self.material)
        group.addButton(self.editorial)
        self.editorial.setChecked(True)
        one_tab_stop(group)
        self.kind_meanings: list[QLabel] = []
        for choice, meaning in meanings.items():
            choice.setAccessibleDescription(meaning)
            explained = QLabel(meaning)
            self.kind_meanings.append(explained)
            explained.setWordWrap(True)
            explained.setIndent(choice.sizeHint().height())
            changes_layout.addWidget(choice)
            changes_layout.addWidget(explained)
        self.suggestion = QLabel("")
        self.suggestion.setWordWrap(True)
        changes_layout.addWidget(self.suggestion)
        layout.addWidget(changes, 4)

        # Date and approval
        form = self.date_form = QFormLayout()
        self.effective = QDateEdit()
        self.effective.setCalendarPopup(True)
        self.effective.setDisplayFormat("d MMMM yyyy")
        self.effective.setAccessibleName("Effective date")
        today = dt.date.today()
        earliest = self.latest.effective if self.latest and self.latest.effective else None
        if earliest is not None:
            self.effective.setMinimumDate(QDate(earliest.year, earliest.month, earliest.day))
        # An imported notice offers the date its original stated for itself as version 1's date.
        offered = offered_effective_date(self.session.notice.settings) if self.session and not self.latest else None
        start = offered if offered is not None and earliest is None else default_effective_date(today, earliest)
        self.effective.setDate(QDate(start.year, start.month, start.day))
        form.addRow("Effective &date:", self.effective)
        self.notice_period = QLabel("")
        self.notice_period.setWordWrap(True)
        self.notice_period.setAccessibleName("Advance notice warning")
        form.addRow("", self.notice_period)
        self.replaces = QLabel("")
        self.replaces.setWordWrap(True)
        self.replaces.setAccessibleName("Upcoming version this one replaces")
        form.addRow("", self.replaces)
        self.effective.dateChanged.connect(self._update_notice_period)
        self.effective.dateChanged.connect(self._update_replaces)
        self.effective.dateChanged.connect(self._compare_again)
        self.material.toggled.connect(self._material_toggled)
        self.approved_by = QLineEdit()
        self.approved_by.setAccessibleName("Approved by")
        self.approved_by.setPlaceholderText("Name and role, e.g. Jane Smith, General Counsel")
        self.approved_by.textChanged.connect(self._update_state)
        self.approved_by.setAccessibleDescription("Required")
        form.addRow("&Approved by (required):", self.approved_by)
        if self.latest is not None and earliest is not None:
            note = QLabel(f"Not earlier than {self.latest.name}'s effective date, {format_date(earliest)}.")
            note.setWordWrap(True)
            form.addRow("", note)
        layout.addLayout(form)

        self.why = QLabel("")
        self.why.setWordWrap(True)
        self.why.setAccessibleName("Why publishing is not possible yet")
        buttons = QDialogButtonBox()
        self.publish_button = buttons.addButton("&Publish", QDialogButtonBox.ButtonRole.AcceptRole)
        self.publish_button.setAccessibleName("Publish this version")
        self.publish_button.setEnabled(False)
        self.publish_button.clicked.connect(self.publish)
        cancel = self.cancel_button = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.clicked.connect(self.reject)
        # Enter publishes only once everything is ready (_update_state makes Publish the default
        # then); until then no button is pressed by Enter: an auto-default Cancel would throw away
        # the change notice being written, and Publish is not what Enter should mean before the checks pass.
        for button in (self.publish_button, cancel, self.compare_button):
            button.setAutoDefault(False)
        # The reason sits beside the buttons, outside the scrolled form: always in view.
        bottom = QHBoxLayout()
        bottom.addWidget(self.why, 1)
        bottom.addWidget(buttons)
        layout.addLayout(bottom)
        self._update_replaces()
        self._update_notice_period()
        return page

    def _done_page(self) -> QWidget:
        page = QWidget(self)
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        self.done_heading = QLabel("")
        font = QFont(self.done_heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.done_heading.setFont(font)
        self.done_heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.done_heading)
        self.done_text = QLabel("")
        self.done_text.setWordWrap(True)
        self.done_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.done_text.setMinimumWidth(480)
        self.done_text.setAccessibleName("Published version")
        layout.addWidget(self.done_text)
        layout.addSpacing(12)
        row = QHBoxLayout()
        row.addStretch(1)
        self.export_button = QPushButton("&Export HTML…")
        self.export_button.setAccessibleName("Export the published version as HTML")
        self.export_button.clicked.connect(self.export_html)
        row.addWidget(self.export_button)
        close = QPushButton("&Close")
        close.clicked.connect(self.accept)
        row.addWidget(close)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        return page

    # ----- background work --------------------------------------------------------------------
    def _start(self) -> None:
        if self.session is None:
            self.checks_status.setText("Open a notice first.")
            self.busy.hide()
            return
        if self.state.library is None:  # coverage needs the library: review once it is loaded
            self.state.library_loaded.connect(self._review)
        else:
            self._review()
        self._update_state()

    def _review(self, *_args: object) -> None:
        """The one publishing gate (core workspace), in the serial git lane: it reads the published
        version after any edit still being saved."""
        if self.session is None:
            return
        effective = self.effective_date()
        self._reviewed_against = self._compared_name(effective)
        self.state.tasks.write(
            review_job(self.session, effective), self._review_done, lambda exc: self._failed("checks", exc)
        )

    def effective_date(self) -> dt.date:
        qdate = self.effective.date()
        return dt.date(qdate.year(), qdate.month(), qdate.day())

    def _compared_name(self, effective: dt.date) -> str:
        """The version a new one taking effect on `effective` is compared with ('' for a first version)."""
        base = compared_with(self.versions, effective, dt.date.today())
        return base.name if base else ""

    def _compare_again(self, *_args: object) -> None:
        """A date that replaces an upcoming version (or stops replacing it) changes what readers
        are told: compare again with the version they will have had before this one."""
        if self.comparison is None or self.publishing:
            return  # the review under way reads the date when it starts; a finished one is redone below
        if self._compared_name(self.effective_date()) != self._reviewed_against:
            self.comparison = None
            self.diff_summary.setText("Comparing with the version readers will have had before this one…")
            self._update_state()
            self._review()

    def _review_done(self, result: tuple[CheckedNotice, Comparison, tuple[ReasonNeeded, ...]]) -> None:
        checked, comparison, needs_reason = result
        self._reason_fields(needs_reason)
        self._checks_done(checked)
        self._comparison_done(comparison)
        self._compare_again()  # the date changed while the review ran

    @property
    def ready(self) -> bool:
        """Checks and comparison have both come back (or failed)."""
        return (self.checked is not None or self._failed_step == "checks") and (
            self.comparison is not None or self._failed_step == "comparison"
        )

    def _failed(self, step: str, exc: object) -> None:
        self._failed_step = step
        if step == "checks":
            self.busy.hide()
            self.checks_status.setText(f"The checks could not run: {exc}")
        else:
            self.diff_summary.setText(f"The draft could not be compared with the last version: {exc}")
        self._update_state()

    def _checks_done(self, result: object) -> None:
        assert isinstance(result, CheckedNotice)
        self.checked = result
        self.busy.hide()
        report = result.report
        errors, warnings = report.blocking, report.to_acknowledge
        ticked = {item.data(FindingRole) for item in self.warning_items() if item.checkState() == Qt.CheckState.Checked}
        self.findings.blockSignals(True)
        self.findings.clear()
        for finding in errors:
            self._add_finding(result, finding, checkable=False)
        for finding in warnings:
            self._add_finding(result, finding, checkable=True)
        for item in self.warning_items():  # reviewing again (another date) keeps the ticks given
            if item.data(FindingRole) in ticked:
                item.setCheckState(Qt.CheckState.Checked)
        self.findings.blockSignals(False)
        self.findings.setVisible(bool(errors or warnings))
        notes = len(report.info)
        notes_text = (
            f" {plural(notes, 'note')} in the Checks panel can help but do not block publishing." if notes else ""
        )
        if errors:
            self.checks_status.setText(
                f"Publishing is blocked: {plural(len(errors), 'error')} must be fixed first. "
                "Double-click one to go to it (this window closes), fix it, then publish again."
            )
            self.checks_status.setStyleSheet(f"color: {severity_color('error').name()}; font-weight: bold;")
        elif warnings:
            self.checks_status.setText(
                f"No errors. Review each of the {plural(len(warnings), 'warning')} below and tick it "
                "(\u201cI have reviewed this\u201d) before publishing." + notes_text
            )
            self.checks_status.setStyleSheet("")
        else:
            self.checks_status.setText("No errors or warnings." + notes_text)
            self.checks_status.setStyleSheet("")
        self._update_state()

    def _reason_fields(self, needed: tuple[ReasonNeeded, ...]) -> None:
        """One reason field per warning that is acknowledged only with a reason."""
        self.needs_reason = needed
        while self.reasons_form.rowCount():
            self.reasons_form.removeRow(0)
        self.reason_fields = {}
        if needed:
            intro = QLabel(
                "Some sections no longer say what a law requires. If the text is still right, say why: "
                "the reason is recorded with the version."
            )
            intro.setWordWrap(True)
            self.reasons_form.addRow(intro)
        for item in needed:
            if item.key in self.reason_fields:
                continue  # one reason covers each warning about the same requirement
            field = QLineEdit()
            field.setAccessibleName(f"Reason for acknowledging: {item.citation or item.key}")
            field.setPlaceholderText("Why the text may be published as it is")
            field.setToolTip(item.warning)
            field.textChanged.connect(self._update_state)
            label = QLabel(f"Reason ({item.citation or item.key}):")
            label.setWordWrap(True)
            label.setBuddy(field)
            self.reasons_form.addRow(label, field)
            self.reason_fields[item.key] = field
        self.reasons_box.setVisible(bool(needed))

    def reasons(self) -> dict[str, str]:
        """The reasons typed, by the key the publishing gate names them with."""
        return {key: field.text().strip() for key, field in self.reason_fields.items() if field.text().strip()}

    def _add_finding(self, result: CheckedNotice, finding: Finding, checkable: bool) -> None:
        where = result.where(finding)
        text = f"{where}: {finding.message}"
        if checkable:
            text += "\nI have reviewed this."
        item = QListWidgetItem(severity_icon(finding.severity), text)
        item.setData(FindingRole, finding)
        item.setToolTip(f"{finding.message}\nWhat to do: {fix_text(finding)}")
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if checkable:
            item.setFlags(flags | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            item.setData(
                Qt.ItemDataRole.AccessibleTextRole, f"Warning in {where}: {finding.message}. I have reviewed this."
            )
        else:
            item.setFlags(flags)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"Error in {where}: {finding.message}")
        self.findings.addItem(item)

    def _comparison_done(self, result: object) -> None:
        assert isinstance(result, Comparison)
        self.comparison = result
        self.diff_summary.setText(result.summary_text)
        self.compare_button.setEnabled(result.latest is not None and result.has_changes)
        typed = self.change_notice.toPlainText()
        drafted = {"", self._drafted, *self._drafted_headings()}
        if typed in drafted:  # what the person wrote themselves is never replaced
            self.change_notice.setPlainText(result.change_notice)
        self._drafted = result.change_notice
        self._choose_kind(result)
        self.suggestion.setText(suggestion_sentence(result.first_version, result.material))
        self._update_state()

    def _choose_kind(self, result: Comparison) -> None:
        """Tick the suggested kind; a first version is neither, so neither is ticked nor offered."""
        first = result.first_version
        self.kind_group.setExclusive(not first)  # an exclusive group keeps one button ticked
        if first:
            self.material.setChecked(False)
            self.editorial.setChecked(False)
        else:
            (self.material if result.material else self.editorial).setChecked(True)
        for widget in (self.material, self.editorial, *self.kind_meanings):
            widget.setEnabled(not first)

    # ----- state ------------------------------------------------------------------------------
    def warning_items(self) -> list[QListWidgetItem]:
        return [
            self.findings.item(i)
            for i in range(self.findings.count())
            if self.findings.item(i).flags() & Qt.ItemFlag.ItemIsUserCheckable
        ]

    def acknowledged(self) -> list[str]:
        """The ticked warnings, as the publishing gate words them ('section 3: …')."""
        notice = self.session.notice if self.session is not None else None
        return [
            finding_sentence(notice, item.data(FindingRole)) if notice is not None else item.data(FindingRole).message
            for item in self.warning_items()
            if item.checkState() == Qt.CheckState.Checked
        ]

    def blocked_reason(self) -> str:
        """One sentence saying why Publish is disabled, or '' when it is enabled."""
        if self.session is None:
            return "Open a notice first."
        if self.publishing:
            return "Publishing…"
        if self._failed_step:
            return "Publishing is not possible until the draft can be checked and compared; close this window and try again."
        if self.checked is None or self.comparison is None:
            return "Checking the notice and comparing it with the last published version…"
        errors = len(self.checked.report.blocking)
        if errors:
            return f"Publishing is blocked by {plural(errors, 'error')}; fix them first (see the Checks panel)."
        if self.comparison.unchanged:
            return self.comparison.unchanged
        left = sum(1 for item in self.warning_items() if item.checkState() != Qt.CheckState.Checked)
        if left:
            return f"Tick each warning once you have reviewed it ({left} left)."
        refused = missing_reason(self.needs_reason, self.reasons())
        if refused:
            return refused
        unsaid = change_notice_problem(self.material.isChecked(), self.change_notice.toPlainText())
        if unsaid:
            return unsaid
        if not self.approved_by.text().strip():
            return "Enter the name of the person who approved this version."
        return ""

    def advance_notice_text(self) -> str:
        """The warning beside the date: a date in the past, or a material change taking effect sooner
        than the notice's period (the core's one rule, as `publish` applies it)."""
        notice = getattr(self.session, "notice", None)
        days = advance_notice_days(notice) if notice is not None else None
        qdate = self.effective.date()
        effective = dt.date(qdate.year(), qdate.month(), qdate.day())
        stated = offered_effective_date(notice.settings) if notice is not None and not self.latest else None
        return effective_date_warning(self.material.isChecked(), effective, dt.date.today(), days, stated=stated) or ""

    def _update_replaces(self, *_args: object) -> None:
        """Which upcoming version the chosen date keeps from taking effect, said before publishing."""
        qdate = self.effective.date()
        effective = dt.date(qdate.year(), qdate.month(), qdate.day())
        notes = replacement_preview(self.versions, effective, dt.date.today())
        text = " ".join(notes) or following_note(self.versions, effective, dt.date.today())
        self.replaces.setText(text)
        self.date_form.setRowVisible(self.replaces, bool(text))

    def _update_notice_period(self, *_args: object) -> None:
        text = self.advance_notice_text()
        self.notice_period.setText(text)
        self.date_form.setRowVisible(self.notice_period, bool(text))  # an empty row leaves a gap under the date

    def _drafted_headings(self) -> tuple[str, ...]:
        """The drafted text with either heading (the kind chosen switches it)."""
        for material in (True, False):
            old, new = change_notice_heading(material), change_notice_heading(not material)
            if self._drafted.startswith(old + "\n"):
                return (new + self._drafted[len(old) :],)
        return ()

    def _material_toggled(self, material: bool) -> None:
        """The drafted heading follows counsel's choice: editorial never says "important changes"."""
        text = self.change_notice.toPlainText()
        old, new = change_notice_heading(not material), change_notice_heading(material)
        if text.startswith(old + "\n"):
            self.change_notice.setPlainText(new + text[len(old) :])
        self._update_notice_period()
        self._update_state()  # an empty change notice is refused in other words for a material change

    def _update_state(self) -> None:
        reason = self.blocked_reason()
        self.publish_button.setEnabled(not reason)
        self.publish_button.setDefault(not reason)
        self.why.setText(reason or f"Ready to publish as {self.next_name}.")
        self.publish_button.setToolTip(reason)
        self.publish_button.setAccessibleDescription(reason)

    # ----- actions ----------------------------------------------------------------------------
    def _go_to(self, item: QListWidgetItem) -> None:
        finding = item.data(FindingRole)
        # Only errors: leaving to look at a warning would lose the ticks already given.
        if isinstance(finding, Finding) and finding.severity == "error" and finding.clause_id:
            self.reject()
            go_to_finding(self.state, self.nav, finding)

    def _compare(self) -> None:
        """The side-by-side comparison, above this dialog (which would otherwise block it)."""
        if self.latest is None or self.session is None:
            return
        try:
            from notice_studio.ui.compare.diff_window import DiffWindow
        except ImportError:
            self.nav.show_error("The comparison view is not available in this build.")
            return
        self.nav.save_typing()
        base = self.comparison.latest if self.comparison and self.comparison.latest else self.latest
        self.diff_window = DiffWindow(self.state, self.nav, base.name, "draft", parent=self.parentWidget())
        self.diff_window.setWindowModality(Qt.WindowModality.ApplicationModal)
        self.diff_window.show()

    def publish(self) -> None:
        """Save pending edits, then tag the draft in the write lane (after the save)."""
        if self.blocked_reason() or self.session is None:
            return
        session = self.session
        qdate = self.effective.date()
        effective = dt.date(qdate.year(), qdate.month(), qdate.day())
        change_notice = self.change_notice.toPlainText().strip()
        material = self.material.isChecked()
        approved_by = " ".join(self.approved_by.text().split())
        acknowledged = self.acknowledged()
        reasons = self.reasons()
        if self.advance_notice_text():  # shown beside the date: publishing now acknowledges it
            acknowledged.append(self.advance_notice_text())
        workspace = session.workspace
        self.publishing = True
        self._update_state()
        self.nav.save_typing()

        def publish() -> tuple[Version, tuple[str, ...]]:
            version = workspace.publish(
                effective,
                change_notice=change_notice,
                material=material,
                approved_by=approved_by,
                acknowledged=acknowledged,
                reasons=reasons,
                save_first=False,
            )
            return version, workspace.replaced_by_publishing(version)

        self.state.tasks.write(publish, self._published, self._publish_failed)

    def _published(self, result: tuple[Version, tuple[str, ...]]) -> None:
        version, replaced = result
        self.publishing = False
        self.version = version
        if self.session is not None:
            self.session.refresh_history()
        when = format_date(version.effective) if version.effective else "the chosen date"
        self.done_heading.setText(f"Version {version.name} is published")
        self.done_text.setText(
            f"It takes effect on {when}, approved by {version.approved_by}. Readers will see "
            f"\u201cLast updated {when}\u201d. "
            + "".join(f"{note} " for note in replaced)
            + "Export it now to put it on your website?"
        )
        self.pages.setCurrentIndex(1)
        self.setMinimumSize(0, 0)
        self.resize(600, 260)
        self.export_button.setFocus()
        self.published.emit(version)

    def _publish_failed(self, exc: object) -> None:
        self.publishing = False
        self._update_state()
        self.nav.show_error(str(exc) or "The version could not be published.")

    def export_html(self) -> None:
        """Open the export dialog for the version just published, as an HTML page."""
        from notice_studio.ui.export.export_dialog import ExportDialog

        self.accept()
        dialog = ExportDialog(self.state, self.nav, version=self.version, fmt="html", parent=self.parentWidget())
        dialog.exec()

"""The publish dialog: errors block, warnings need ticking, publishing records a version."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QDate, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QScrollArea

from notice_studio.core.notice.model import Clause
from notice_studio.core.notice.store import NoticeRepo
from notice_studio.core.render.common import format_date
from notice_studio.core.workspace import FIRST_VERSION_TEXT
from notice_studio.core.workspace.publishing import CONFIRM_RULE
from notice_studio.ui import commands
from notice_studio.ui.layout.fit import size_window
from notice_studio.ui.publish.publish_dialog import FindingRole, PublishDialog


def fill_placeholders(window) -> None:
    """Fill every placeholder from the clause library's examples (as the user would)."""
    session = window.session
    for name in session.notice.placeholders():
        if name.startswith("practices."):
            continue  # written from the practices, never typed
        spec = window.library.variable_spec(name)
        session.undo_stack.push(commands.SetVariable(session, name, spec.example if spec and spec.example else name))


def open_dialog(window, qtbot) -> PublishDialog:
    dialog = PublishDialog(window.state, window, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.publish_button.isEnabled()  # nothing is known yet: "Checking…"
    qtbot.waitUntil(lambda: dialog.ready, timeout=15000)
    confirm_plain_language(dialog)
    return dialog


def confirmations(dialog: PublishDialog) -> list:
    """The warnings only a person can judge (plain language): listed to tick like any warning."""
    return [i for i in dialog.warning_items() if i.data(FindingRole).rule == CONFIRM_RULE]


def confirm_plain_language(dialog: PublishDialog) -> None:
    """Tick the plain-language confirmations, as counsel would after reading the notice through."""
    for item in confirmations(dialog):
        item.setCheckState(Qt.CheckState.Checked)


def publish_v1(window, qtbot):
    """Fill the placeholders and publish v1 (effective 1 January 2024); the session."""
    fill_placeholders(window)
    session = window.session
    session.flush()
    session.repo.publish(dt.date(2024, 1, 1), "First.", False, "Jane Smith", author=session.author)
    session.refresh_history()
    qtbot.waitUntil(lambda: session.latest_version is not None, timeout=10000)
    return session


def publish_upcoming_v2(window, qtbot):
    """v1 in force, then v2 (a new backup period) published to take effect in 40 days; the
    session and v2's date."""
    session = publish_v1(window, qtbot)
    session.undo_stack.push(commands.SetVariable(session, "retention.backup_period", "90 days"))
    session.flush()
    upcoming = dt.date.today() + dt.timedelta(days=40)
    session.repo.publish(upcoming, "Backups.", True, "Jane Smith", author=session.author)
    session.refresh_history()
    qtbot.waitUntil(lambda: session.latest_version is not None and session.latest_version.number == 2, timeout=10000)
    return session, upcoming


def open_after_a_material_change(window, qtbot) -> PublishDialog:
    """v1 published, then the backup period changed (a material change): the dialog for v2."""
    session = publish_v1(window, qtbot)
    session.undo_stack.push(commands.SetVariable(session, "retention.backup_period", "90 days"))
    return open_dialog(window, qtbot)


def add_duplicate_heading(window) -> None:
    """A second section titled like the first: a warning, not an error."""
    session = window.session
    first = session.notice.clauses[0]
    clause = Clause("about-again", first.title, "Some more words about this notice for readers.")
    session.undo_stack.push(commands.AddClause(session, clause, None, len(session.notice.clauses)))


def tick(dialog: PublishDialog, qtbot, item) -> None:
    """Tick a warning's box with the mouse."""
    rect = dialog.findings.visualItemRect(item)
    qtbot.mouseClick(
        dialog.findings.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(rect.left() + 10, rect.center().y())
    )
    if item.checkState() != Qt.CheckState.Checked:  # the box's place depends on the style; the keyboard always works
        dialog.findings.setCurrentItem(item)
        qtbot.keyClick(dialog.findings, Qt.Key.Key_Space)


def test_errors_block_publishing(window, qtbot) -> None:
    dialog = open_dialog(window, qtbot)
    report = dialog.checked.report
    assert report.blocking  # the template's placeholders are unfilled
    assert dialog.findings.isVisible()
    assert dialog.findings.count() >= len(report.blocking)
    qtbot.keyClicks(dialog.approved_by, "Jane Smith")
    assert not dialog.publish_button.isEnabled()
    assert dialog.why.text().startswith("Publishing is blocked by")
    assert "error" in dialog.checks_status.text()
    assert dialog.diff_summary.text().startswith("First version")
    assert dialog.change_notice.toPlainText() == FIRST_VERSION_TEXT


def test_warnings_need_ticking_then_publishing_records_v1(window, qtbot) -> None:
    fill_placeholders(window)
    add_duplicate_heading(window)
    dialog = open_dialog(window, qtbot)
    assert not dialog.checked.report.blocking
    warnings = dialog.warning_items()
    assert warnings and len(warnings) == len(dialog.checked.report.to_acknowledge)
    qtbot.keyClicks(dialog.approved_by, "Jane Smith, General Counsel")
    assert not dialog.publish_button.isEnabled()
    assert "Tick each warning" in dialog.why.text()

    for item in warnings:
        tick(dialog, qtbot, item)
    assert dialog.publish_button.isEnabled(), dialog.why.text()
    assert dialog.why.text() == "Ready to publish as v1."

    # Approval is required.
    dialog.approved_by.clear()
    assert not dialog.publish_button.isEnabled()
    assert "approved" in dialog.why.text()
    qtbot.keyClicks(dialog.approved_by, "Jane Smith, General Counsel")

    dialog.change_notice.setPlainText("First published version of our notice.")
    assert not dialog.editorial.isEnabled() and not dialog.material.isEnabled()  # a first version is neither
    effective = dt.date.today() + dt.timedelta(days=7)
    dialog.effective.setDate(QDate(effective.year, effective.month, effective.day))
    session = window.session
    with qtbot.waitSignal(dialog.published, timeout=15000):
        qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentIndex() == 1
    assert "v1" in dialog.done_heading.text()

    versions = session.repo.versions()
    assert [v.name for v in versions] == ["v1"]
    v1 = versions[0]
    assert v1.change_notice == "First published version of our notice."
    assert v1.approved_by == "Jane Smith, General Counsel"
    assert v1.effective == effective
    assert v1.material is False
    assert v1.acknowledged == tuple(item.data(Qt.ItemDataRole.UserRole + 1).message for item in warnings)
    # The published version holds the edits made before publishing (they were saved first).
    published = session.repo.notice_at("v1")
    assert published.has("about-again")
    assert all(published.variables.get(name) for name in published.placeholders())

    # "Last updated" follows: the session and the status bar show v1's effective date.
    qtbot.waitUntil(lambda: session.latest_version is not None, timeout=10000)
    assert session.latest_version.effective == effective
    qtbot.waitUntil(lambda: "v1" in window.status_version.text(), timeout=10000)
    assert format_date(effective) in window.status_version.text()  # as the published page writes it


def test_after_publishing_export_html_is_offered_for_the_new_version(window, qtbot, monkeypatch) -> None:
    from notice_studio.ui.export import export_dialog

    fill_placeholders(window)
    dialog = open_dialog(window, qtbot)
    qtbot.keyClicks(dialog.approved_by, "Jane Smith")
    with qtbot.waitSignal(dialog.published, timeout=15000):
        qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)
    opened: list[tuple[str, str]] = []
    monkeypatch.setattr(export_dialog.ExportDialog, "exec", lambda self: opened.append((self.ref, self.fmt)) or 0)
    qtbot.mouseClick(dialog.export_button, Qt.MouseButton.LeftButton)
    assert opened == [("v1", "html")]
    assert not dialog.isVisible()


def test_second_version_compares_with_the_first(window, qtbot) -> None:
    session = publish_v1(window, qtbot)

    dialog = open_dialog(window, qtbot)
    assert dialog.why.text() == "Nothing has changed since v1; edit the notice before publishing a new version."
    assert dialog.effective.minimumDate() == QDate(2024, 1, 1)
    dialog.close()

    name = "retention.backup_period"
    session.undo_stack.push(commands.SetVariable(session, name, "90 days"))
    dialog = open_dialog(window, qtbot)
    assert dialog.diff_summary.text().startswith("Compared with v1 (effective 1 January 2024)")
    assert "90 days" in dialog.change_notice.toPlainText()
    assert dialog.material.isChecked()  # retention changes are material
    qtbot.keyClicks(dialog.approved_by, "Jane Smith")
    with qtbot.waitSignal(dialog.published, timeout=15000):
        qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)
    v2 = session.repo.versions()[-1]
    assert v2.name == "v2" and v2.material
    assert session.repo.notice_at("v2").variables[name] == "90 days"


def test_publish_errors_are_shown_as_a_sentence(window, qtbot, monkeypatch) -> None:
    fill_placeholders(window)
    dialog = open_dialog(window, qtbot)
    qtbot.keyClicks(dialog.approved_by, "Jane Smith")
    assert dialog.publish_button.isEnabled(), dialog.why.text()
    shown: list[str] = []
    monkeypatch.setattr(window, "show_error", shown.append)
    from notice_studio.core.notice.model import NoticeError

    def refuse(*_args, **_kwargs):
        raise NoticeError("The version could not be published (disk full).")

    monkeypatch.setattr(window.session.repo, "publish", refuse)
    qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(shown), timeout=10000)
    assert shown == ["The version could not be published (disk full)."]
    assert dialog.pages.currentIndex() == 0
    assert dialog.publish_button.isEnabled()


def test_show_the_changes_opens_the_comparison_above_the_dialog(window, qtbot) -> None:
    dialog = open_after_a_material_change(window, qtbot)
    assert dialog.compare_button.isEnabled()
    qtbot.mouseClick(dialog.compare_button, Qt.MouseButton.LeftButton)
    diff = dialog.diff_window
    assert diff is not None and diff.isVisible()
    assert diff.windowModality() == Qt.WindowModality.ApplicationModal
    diff.close()


def test_the_app_and_the_command_line_give_the_same_publishing_review(window, qtbot, capsys) -> None:
    """One gate: the dialog shows exactly what `notice-studio publish --dry-run` says."""
    import json

    from notice_studio.cli import main

    fill_placeholders(window)
    add_duplicate_heading(window)
    session = window.session
    session.flush()
    session.repo.publish(dt.date(2026, 1, 15), FIRST_VERSION_TEXT, False, "Jane Smith", author=session.author)
    session.refresh_history()
    qtbot.waitUntil(lambda: bool(session.versions), timeout=10000)
    clause = session.notice.clauses[1]
    new_body = clause.body + "\n\nWe also share contact details with our payment processor."
    session.undo_stack.push(commands.EditBody(session, clause.id, clause.body, new_body))
    session.flush()

    dialog = open_dialog(window, qtbot)
    effective = dialog.effective.date().toString("yyyy-MM-dd")  # the same date in both
    assert main(["publish", str(session.path), "--dry-run", "--json", "--effective", effective]) in (0, 1)
    cli = json.loads(capsys.readouterr().out)
    assert cli["next_version"] == "v2" == dialog.next_name
    assert dialog.change_notice.toPlainText() == cli["change_notice"]
    assert dialog.material.isChecked() is cli["material"]
    assert len(dialog.checked.report.blocking) == len(cli["blocking"])
    shown = [dialog.findings.item(i).data(Qt.ItemDataRole.AccessibleTextRole) for i in range(dialog.findings.count())]
    assert len(dialog.warning_items()) == len(cli["warnings"]) and len(shown) >= len(cli["warnings"])
    for item in dialog.warning_items():
        item.setCheckState(Qt.CheckState.Checked)
    assert sorted(dialog.acknowledged()) == sorted(cli["warnings"])


def test_effective_date_default_effective_date_warning_and_editorial_heading(window, qtbot) -> None:
    from notice_studio.core.publishing.schedule import default_effective_date, set_advance_notice_days

    fill_placeholders(window)
    session = window.session
    set_advance_notice_days(session.notice, 30)
    session.flush()
    session.repo.publish(dt.date(2024, 1, 1), "First.", False, "Jane Smith", author=session.author)
    session.refresh_history()
    qtbot.waitUntil(lambda: session.latest_version is not None, timeout=10000)
    session.undo_stack.push(commands.SetVariable(session, "retention.backup_period", "90 days"))
    dialog = open_dialog(window, qtbot)

    # Today or the next working day, not the previous version's date.
    expected = default_effective_date(dt.date.today())
    assert expected.weekday() < 5
    assert dialog.effective.date() == QDate(expected.year, expected.month, expected.day)
    # A material change sooner than the notice's 30 days is warned about.
    assert dialog.material.isChecked()
    assert "gives 30 days' notice of material changes" in dialog.notice_period.text()
    later = dt.date.today() + dt.timedelta(days=30)
    dialog.effective.setDate(QDate(later.year, later.month, later.day))
    assert dialog.notice_period.text() == ""
    dialog.effective.setDate(QDate(expected.year, expected.month, expected.day))
    assert dialog.notice_period.text()
    # Choosing editorial: no warning, and the drafted notice no longer speaks of important changes.
    assert dialog.change_notice.toPlainText().startswith("We have made important changes")
    qtbot.mouseClick(dialog.editorial, Qt.MouseButton.LeftButton, pos=QPoint(8, dialog.editorial.height() // 2))
    assert dialog.notice_period.text() == ""
    assert dialog.change_notice.toPlainText().startswith("We have updated this notice:\n- ")
    assert "important" not in dialog.change_notice.toPlainText()
    # A date in the past is said beside the date, for either kind (the core's one rule).
    past = dt.date.today() - dt.timedelta(days=3)
    dialog.effective.setDate(QDate(past.year, past.month, past.day))
    assert dialog.notice_period.text().startswith(f"The effective date {format_date(past)} is 3 days ago")
    dialog.material.setChecked(True)
    assert dialog.notice_period.text().startswith("This material change would take effect on")


def test_the_date_warning_writes_dates_as_the_date_field_shows_them(window, qtbot, tmp_path) -> None:
    """Beside a field showing '1 December 2026', the warning does not say '2026-12-01'."""
    from notice_studio.core.publishing.schedule import set_advance_notice_days

    fill_placeholders(window)
    session = window.session
    set_advance_notice_days(session.notice, 30)
    dialog = open_after_a_material_change(window, qtbot)
    today = dt.date.today()
    earliest = today + dt.timedelta(days=30)
    dialog.effective.setDate(QDate(today.year, today.month, today.day))
    said = dialog.notice_period.text()
    assert f"choose {format_date(earliest)} or later" in said and earliest.isoformat() not in said
    dialog.effective.setDate(QDate(earliest.year, earliest.month, earliest.day))
    assert dialog.effective.text() == format_date(earliest)  # the field writes it the same way
    past = today - dt.timedelta(days=40)
    dialog.effective.setDate(QDate(past.year, past.month, past.day))
    said = dialog.notice_period.text()
    assert f"take effect on {dialog.effective.text()}, 40 days ago" in said
    assert f"choose {format_date(today)} or later" in said
    assert past.isoformat() not in said and today.isoformat() not in said
    dialog.grab().save(str(tmp_path / "publish-date-warning.png"))


def test_a_clause_that_lost_what_a_law_requires_needs_a_reason_recorded_in_the_tag(window, qtbot, tmp_path) -> None:
    from notice_studio.ui.history.history_entries import version_entry

    fill_placeholders(window)
    session = window.session
    old = session.notice.find("complaints-eu").body
    session.undo_stack.push(commands.EditBody(session, "complaints-eu", old, "If you are unhappy, contact us."))
    dialog = open_dialog(window, qtbot)
    assert not dialog.checked.report.blocking
    assert [n.key for n in dialog.needs_reason] == ["gdpr_right_complaint_supervisory_authority"]
    field = dialog.reason_fields["gdpr_right_complaint_supervisory_authority"]
    assert dialog.reasons_box.isVisible() and "GDPR Art. 13(2)(d)" in field.accessibleName()
    qtbot.keyClicks(dialog.approved_by, "Jane Smith, General Counsel")
    for item in dialog.warning_items():
        tick(dialog, qtbot, item)
    # Ticked but no reason: refused, in one sentence that says what to do.
    assert not dialog.publish_button.isEnabled()
    assert dialog.why.text().startswith("Give a reason for acknowledging")
    assert dialog.why.text().endswith("recorded with the version.") and "\n" not in dialog.why.text()
    dialog.grab().save(str(tmp_path / "publish-reason.png"))
    qtbot.keyClicks(field, "The regulator is named in our contact section")
    assert dialog.publish_button.isEnabled(), dialog.why.text()
    with qtbot.waitSignal(dialog.published, timeout=15000):
        qtbot.mouseClick(dialog.publish_button, Qt.MouseButton.LeftButton)
    [v1] = session.repo.versions()
    [(warning, reason)] = v1.reasons
    assert reason == "The regulator is named in our contact section"
    assert "no longer says what GDPR Art. 13(2)(d)" in warning and warning in v1.acknowledged
    # ... and the history shows it where the version's acknowledgements are.
    entry = version_entry(v1)
    assert entry.reasons_line == "1 warning acknowledged with a reason"
    assert "Reason: The regulator is named in our contact section" in entry.accessible_text


def _shown_whole(widget, viewport) -> bool:
    """`widget` is shown, unclipped, inside the scroll area's visible viewport."""
    top_left = widget.mapTo(viewport, QPoint(0, 0))
    inside = viewport.rect().contains(QRect(top_left, widget.size()))
    return widget.isVisible() and inside and widget.visibleRegion().boundingRect() == widget.rect()


@pytest.mark.parametrize("screen", [QRect(0, 0, 1366, 768), QRect(0, 0, 853, 533)])  # 853x533: 1280x800 at 150%
def test_the_findings_and_the_reason_field_are_in_view_when_the_checks_come_back(window, qtbot, screen) -> None:
    """The Checks area grows when findings arrive, so the reason field is not laid out clipped."""
    fill_placeholders(window)
    session = window.session
    old = session.notice.find("complaints-eu").body
    session.undo_stack.push(commands.EditBody(session, "complaints-eu", old, "If you are unhappy, contact us."))
    dialog = PublishDialog(window.state, window, window)
    qtbot.addWidget(dialog)
    size_window(dialog, QSize(760, 780), screen)  # the dialog's default size on that laptop screen
    dialog.show()
    qtbot.waitUntil(lambda: dialog.ready, timeout=15000)
    viewport = dialog.findChild(QScrollArea, "dialog-scroll").viewport()
    field = dialog.reason_fields["gdpr_right_complaint_supervisory_authority"]
    qtbot.waitUntil(lambda: _shown_whole(field, viewport), timeout=3000)
    assert dialog.height() <= screen.height()
    assert _shown_whole(dialog.findings, viewport)
    [item] = [i for i in dialog.warning_items() if i not in confirmations(dialog)]
    row = dialog.findings.visualItemRect(item)
    assert dialog.findings.viewport().rect().contains(row)  # the warning's whole text, not two cut lines
    assert field.height() >= field.sizeHint().height()


def test_notice_settings_dialog_sets_the_publishing_rules_as_an_undoable_edit(qtbot, window) -> None:
    from notice_studio.core.publishing.schedule import advance_notice_days
    from notice_studio.core.remote.reviews import requires_approval

    session = window.session
    assert advance_notice_days(session.notice) is None and not requires_approval(session.notice)
    dialog = window.notice_settings()
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    assert dialog.advance.text() == "Not required"
    dialog.advance.setValue(30)
    dialog.approval.setChecked(True)
    dialog.accept()
    assert advance_notice_days(session.notice) == 30 and requires_approval(session.notice)
    qtbot.waitUntil(
        lambda: any("Advance notice of material changes: 30 days" in e.message for e in session.repo.edits(limit=5)),
        timeout=10000,
    )
    with NoticeRepo.open(session.path) as fresh:  # saved in notice.yaml, where the CLI reads it
        saved = fresh.load()
    assert advance_notice_days(saved) == 30 and requires_approval(saved)
    session.undo_stack.undo()  # one step undoes both
    assert advance_notice_days(session.notice) is None and not requires_approval(session.notice)
    again = window.notice_settings()
    assert again.advance.value() == 0 and not again.approval.isChecked()
    again.reject()


def test_an_empty_change_notice_is_refused_in_the_cores_words(window, qtbot) -> None:
    """The dialog asks the core (change_notice_problem) as publish and its dry run do."""
    from notice_studio.core.workspace.publishing import change_notice_problem

    dialog = open_after_a_material_change(window, qtbot)
    qtbot.keyClicks(dialog.approved_by, "Jane Smith")
    assert dialog.material.isChecked() and dialog.publish_button.isEnabled()
    dialog.change_notice.setPlainText("  \n ")
    assert not dialog.publish_button.isEnabled()
    assert dialog.why.text() == change_notice_problem(True, "") and "material change" in dialog.why.text()
    qtbot.mouseClick(dialog.editorial, Qt.MouseButton.LeftButton, pos=QPoint(8, dialog.editorial.height() // 2))
    assert dialog.why.text() == change_notice_problem(False, "") and not dialog.publish_button.isEnabled()


def test_a_change_to_the_practices_alone_is_named_not_nothing() -> None:
    """The dialog's sentence goes by the same rule as the status bar and publishing."""
    import copy
    from dataclasses import replace

    from notice_studio.core.diff.notices import diff_notices
    from notice_studio.core.diff.practices import practices_changes
    from notice_studio.core.library.templates import build_notice
    from notice_studio.core.notice.store import Version
    from notice_studio.ui.publish.publish_summary import summary_sentence

    notice = build_notice("saas-eu-uk-ca", "Acme Ltd")
    practices = copy.deepcopy(notice.practices)
    assert practices is not None and notice.practices is not None
    practices.ai_training = not practices.ai_training
    (change,) = practices_changes(notice.practices, practices)
    same = diff_notices(notice, notice)
    diff = replace(same, practices=(change,), summary=replace(same.summary, practices=1))
    latest = Version(1, "c0ffee", dt.date(2019, 3, 1), True, "First.", "GC", "GC", "2019-03-01")
    assert diff.has_changes and diff.change_count == 1
    assert summary_sentence(diff, latest) == "Compared with v1 (effective 1 March 2019): 1 practice changed."
    assert summary_sentence(same, latest) == "Compared with v1 (effective 1 March 2019): nothing has changed."


def test_the_dialog_opens_on_the_change_notice_and_enter_publishes_only_when_ready(window, qtbot) -> None:
    """Not on Cancel (Enter would throw the dialog away) and not on a Publish that is not ready."""
    session = publish_v1(window, qtbot)
    session.undo_stack.push(commands.SetVariable(session, "retention.backup_period", "90 days"))
    dialog = PublishDialog(window.state, window, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.focusWidget() is not None, timeout=3000)
    assert dialog.focusWidget() is dialog.change_notice
    assert not dialog.cancel_button.isDefault() and not dialog.publish_button.isDefault()
    qtbot.waitUntil(lambda: dialog.ready, timeout=15000)
    confirm_plain_language(dialog)
    assert dialog.blocked_reason()  # no approver yet
    dialog.approved_by.setFocus()
    qtbot.keyClick(dialog.approved_by, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.version is None  # Enter neither cancelled nor published
    assert not any(b.isDefault() for b in (dialog.publish_button, dialog.cancel_button, dialog.compare_button))
    qtbot.keyClicks(dialog.approved_by, "Jane Smith")
    assert not dialog.blocked_reason() and dialog.publish_button.isDefault()
    with qtbot.waitSignal(dialog.published, timeout=15000):
        qtbot.keyClick(dialog.approved_by, Qt.Key.Key_Return)


def test_the_date_field_says_which_upcoming_version_the_new_one_replaces_before_publishing(window, qtbot) -> None:
    fill_placeholders(window)
    session = window.session
    session.flush()
    today = dt.date.today()
    upcoming = today + dt.timedelta(days=40)
    session.repo.publish(upcoming, "First.", False, "Jane Smith", author=session.author)
    session.refresh_history()
    qtbot.waitUntil(lambda: session.latest_version is not None, timeout=10000)
    session.undo_stack.push(commands.SetVariable(session, "retention.backup_period", "90 days"))
    dialog = open_dialog(window, qtbot)
    dialog.effective.setDate(QDate(upcoming.year, upcoming.month, upcoming.day))  # the same day: replaces v1
    expected = (
        f"v2 would replace v1, which is to take effect on {format_date(upcoming)}; v1 would then never take effect."
    )
    assert dialog.replaces.text() == expected and dialog.replaces.isVisibleTo(dialog)
    later = upcoming + dt.timedelta(days=1)
    dialog.effective.setDate(QDate(later.year, later.month, later.day))  # after v1: v1 takes effect first
    assert dialog.replaces.text().startswith("v2 takes effect after v1, which takes effect on ")
    dialog.close()


def test_a_version_replacing_an_upcoming_one_is_compared_with_the_one_readers_had(window, qtbot) -> None:
    """v1 in force, v2 upcoming (a new backup period): the default date follows v2; choosing v2's
    date drafts the change notice against v1, v2's change included."""
    session, upcoming = publish_upcoming_v2(window, qtbot)
    session.undo_stack.push(commands.SetVariable(session, "contact.email", "help@moth.example"))
    dialog = open_dialog(window, qtbot)
    chosen = dialog.effective.date()
    assert dt.date(chosen.year(), chosen.month(), chosen.day()) > upcoming  # the default replaces nothing
    assert dialog.replaces.text().startswith("v3 takes effect after v2")
    assert (
        dialog.diff_summary.text().startswith("Compared with v2")
        and "90 days" not in dialog.change_notice.toPlainText()
    )
    dialog.effective.setDate(QDate(upcoming.year, upcoming.month, upcoming.day))  # replaces v2
    qtbot.waitUntil(lambda: dialog.ready and dialog.diff_summary.text().startswith("Compared with v1"), timeout=15000)
    assert "90 days" in dialog.change_notice.toPlainText() and dialog.material.isChecked()
    dialog.close()

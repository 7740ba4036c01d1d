"""The Checks dock: findings listed by severity, going to them, live re-checking, outline marks."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt

from notice_studio.ui import commands
from notice_studio.ui.checks.checks_dock import ChecksDock, coverage_line
from notice_studio.ui.outline.outline_model import ClauseIdRole

MARKER_SENTENCE = "We answer requests within [TBD] days."


def _dock(window) -> ChecksDock:
    dock = window.docks["checks_dock"]
    dock.show()  # docks start collapsed on small screens; the user opens them
    assert isinstance(dock, ChecksDock)
    return dock


def _items(dock: ChecksDock, rule: str, clause_id: str | None = None) -> list:
    found = []
    for row in range(dock.tree.topLevelItemCount()):
        group = dock.tree.topLevelItem(row)
        for index in range(group.childCount()):
            item = group.child(index)
            finding = dock._finding(item)
            if finding and finding.rule == rule and (clause_id is None or finding.clause_id == clause_id):
                found.append(item)
    return found


def _add_marker(window) -> tuple[str, int]:
    """Put a [TBD] marker at the end of the second clause; returns (clause id, marker offset)."""
    session = window.session
    clause = session.notice.clauses[1]
    new = clause.body.rstrip() + "\n\n" + MARKER_SENTENCE + "\n"
    session.undo_stack.push(commands.EditBody(session, clause.id, clause.body, new, len(new)))
    return clause.id, new.index("[TBD]")


def test_marker_is_listed_as_an_error_and_clicking_selects_it(window, qtbot) -> None:
    dock = _dock(window)
    qtbot.waitUntil(lambda: dock.last_report is not None, timeout=10000)
    clause_id, offset = _add_marker(window)
    qtbot.waitUntil(lambda: bool(_items(dock, "drafting-marker", clause_id)), timeout=10000)

    item = _items(dock, "drafting-marker", clause_id)[0]
    assert item.parent().text(0).startswith("Errors")
    number = window.session.notice.numbers()[clause_id]
    assert item.text(0).startswith(number)
    assert "[TBD]" in item.text(1) or "marker" in item.text(1).lower()
    assert item.text(2)  # what to do

    # Unfilled placeholders from the template are errors too, with the app's own fix sentence.
    placeholder = _items(dock, "placeholder-unfilled")[0]
    assert "Placeholders panel" in placeholder.text(2)

    # The outline marks the clause as having a problem.
    model = window.session.outline
    index = model.index_of(clause_id)
    assert "error" in model.data(index, Qt.ItemDataRole.ToolTipRole)
    assert model.data(index, Qt.ItemDataRole.DecorationRole) is not None

    # Clicking the finding selects the clause and the marker in the editor.
    dock.tree.scrollToItem(item)
    rect = dock.tree.visualItemRect(item)
    qtbot.mouseClick(dock.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_clause_id() == clause_id
    cursor = window.editor.body.textCursor()
    assert cursor.selectedText() == "[TBD]"
    assert cursor.selectionStart() == offset


def test_enter_on_a_finding_selects_it(window, qtbot) -> None:
    dock = _dock(window)
    clause_id, _offset = _add_marker(window)
    qtbot.waitUntil(lambda: bool(_items(dock, "drafting-marker", clause_id)), timeout=10000)
    window.select_clause(window.session.notice.clauses[0].id)
    item = _items(dock, "drafting-marker", clause_id)[0]
    dock.tree.setCurrentItem(item)
    dock.tree.setFocus()
    qtbot.keyClick(dock.tree, Qt.Key.Key_Return)
    assert window.current_clause_id() == clause_id
    assert window.editor.body.textCursor().selectedText() == "[TBD]"


def test_fixing_the_text_in_the_editor_clears_the_finding(window, qtbot) -> None:
    dock = _dock(window)
    clause_id, _offset = _add_marker(window)
    qtbot.waitUntil(lambda: bool(_items(dock, "drafting-marker", clause_id)), timeout=10000)
    dock.go_to(dock._finding(_items(dock, "drafting-marker", clause_id)[0]))
    assert window.editor.body.textCursor().selectedText() == "[TBD]"

    qtbot.keyClicks(window.editor.body, "30")  # replaces the selected marker
    assert "within 30 days" in window.session.notice.find(clause_id).body
    qtbot.waitUntil(lambda: not _items(dock, "drafting-marker", clause_id), timeout=10000)
    assert not any(f.rule == "drafting-marker" for f in dock.last_report.findings)


def test_filters_hide_a_severity_and_coverage_is_summarised(window, qtbot) -> None:
    dock = _dock(window)
    qtbot.waitUntil(lambda: dock.last_report is not None, timeout=10000)
    groups = {
        dock.tree.topLevelItem(i).text(0).split(" ")[0]: dock.tree.topLevelItem(i)
        for i in range(dock.tree.topLevelItemCount())
    }
    assert "Errors" in groups
    qtbot.mouseClick(dock.filters["error"], Qt.MouseButton.LeftButton)
    assert groups["Errors"].isHidden()
    qtbot.mouseClick(dock.filters["error"], Qt.MouseButton.LeftButton)
    assert not groups["Errors"].isHidden()

    report = dock.last_report
    assert report.coverage
    gdpr = next(c for c in report.coverage if c.jurisdiction == "gdpr")
    line = coverage_line(gdpr)
    assert line.startswith("EU/EEA — GDPR: ")
    assert f"{len(gdpr.satisfied)} of {len(gdpr.satisfied) + len(gdpr.missing)} elements covered" in line
    assert "GDPR" in dock.coverage.text()


def test_outline_marks_clear_when_the_problem_is_fixed(window, qtbot) -> None:
    dock = _dock(window)
    session = window.session
    # Fill every placeholder so that only the marker is left to mark the clause.
    for name in session.notice.placeholders():
        if name.startswith("practices."):
            continue  # written from the practices, never typed
        spec = window.library.variable_spec(name)
        session.undo_stack.push(commands.SetVariable(session, name, spec.example if spec and spec.example else "x"))
    clause_id, _offset = _add_marker(window)
    qtbot.waitUntil(lambda: bool(_items(dock, "drafting-marker", clause_id)), timeout=10000)
    model = session.outline
    assert model.data(model.index_of(clause_id), Qt.ItemDataRole.DecorationRole) is not None
    session.undo_stack.undo()  # takes the marker out again
    qtbot.waitUntil(lambda: not _items(dock, "drafting-marker", clause_id), timeout=10000)
    tip = model.data(model.index_of(clause_id), Qt.ItemDataRole.ToolTipRole)
    assert "error" not in tip
    assert model.data(model.index_of(clause_id), ClauseIdRole) == clause_id


def test_a_stale_answer_is_dropped(window, qtbot) -> None:
    dock = _dock(window)
    qtbot.waitUntil(lambda: dock.last_report is not None and not dock.running, timeout=10000)
    _add_marker(window)
    dock._debounce._timer.stop()
    answers: list = []
    dock.report_ready.connect(answers.append)
    dock.run_now()
    dock.run_now()  # only the newer request's answer is shown
    qtbot.waitUntil(lambda: not dock.running, timeout=10000)
    window.tasks.wait()
    QCoreApplication.processEvents()  # deliver any late (dropped) answer
    assert len(answers) == 1
    assert any(f.rule == "drafting-marker" for f in answers[0].findings)


def test_unfilled_placeholder_finding_leads_to_its_field(qtbot, window) -> None:
    from notice_studio.core.checks import run_checks

    report = run_checks(window.session.notice)
    finding = next(f for f in report.findings if f.rule == "placeholder-unfilled")
    dock = window.docks["checks_dock"]
    dock.show()  # docks start collapsed on small screens; the user opens them
    name = dock.placeholder_of(finding)
    assert name and finding.excerpt == "{{ " + name + " }}"
    variables = window.docks["variables_panel"]
    qtbot.waitUntil(lambda: name in variables.rows, timeout=5000)
    variables.focus_placeholder(name)
    qtbot.waitUntil(lambda: variables.rows[name].field.hasFocus(), timeout=5000)


def test_fixes_name_the_apps_panels_not_the_command_line(window, qtbot) -> None:
    """A statement written from the practices is fixed in the Practices panel (it was sent to the
    Placeholders panel, which cannot fill it); no fix shown names a 'notice-studio' command."""
    dock = _dock(window)
    qtbot.waitUntil(lambda: dock.last_report is not None, timeout=10000)
    session = window.session
    clause = session.notice.clauses[1]
    new = clause.body.rstrip() + "\n\n{{ practices.sale_statement }}\n"
    session.undo_stack.push(commands.EditBody(session, clause.id, clause.body, new, len(new)))

    def generated() -> list:
        return [
            item
            for item in _items(dock, "placeholder-unfilled") + _items(dock, "practice-statement-stale")
            if "practices.sale_statement" in dock._finding(item).excerpt
        ]

    qtbot.waitUntil(lambda: bool(generated()), timeout=10000)
    assert generated()[0].text(2) in (
        "It is written from the practices: add them in the Practices panel.",  # a notice without practices
        "Remake it from the practices: save them in the Practices panel.",  # one with practices: made stale
    )
    typed = [i for i in _items(dock, "placeholder-unfilled") if i not in generated()]
    assert typed and typed[0].text(2) == "Fill it in on the Placeholders panel, or reword the sentence without it."
    for row in range(dock.tree.topLevelItemCount()):
        group = dock.tree.topLevelItem(row)
        for index in range(group.childCount()):
            item = group.child(index)
            assert "notice-studio" not in item.text(2) + item.toolTip(2), item.text(2)

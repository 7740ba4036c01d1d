"""The Practices dock on a real notice: check boxes and the YAML text change the practices through
one callback; a malformed text is refused with its line."""

from __future__ import annotations

from PySide6.QtCore import Qt

from notice_studio.core.library.templates import build_notice
from notice_studio.core.notice.model import Notice
from notice_studio.core.practices.actions import apply_practices
from notice_studio.core.practices.model import Practices
from notice_studio.ui.practices.practices_dock import PracticesDock


class Host:
    """What the main window gives the dock: the open notice and a way to apply a change."""

    def __init__(self, notice: Notice) -> None:
        self.notice = notice
        self.messages: list[str] = []

    def apply(self, practices: Practices, message: str) -> None:
        apply_practices(self.notice, practices)
        self.messages.append(message)


def make(qtbot, template: str = "saas-eu-uk-ca") -> tuple[PracticesDock, Host]:
    host = Host(build_notice(template, "Acme Ltd"))
    dock = PracticesDock(lambda: host.notice, host.apply)
    qtbot.addWidget(dock)
    return dock, host


def test_the_dock_shows_the_practices(qtbot) -> None:
    dock, host = make(qtbot, "mobile-app-us")
    assert dock.categories.topLevelItemCount() == len(host.notice.practices.categories)  # type: ignore[union-attr]
    first = dock.categories.topLevelItem(0)
    assert first.text(1) == "Identifiers" and first.text(3) == "Advertising partners (sold and shared)"
    assert dock.cookies.currentData() == "opt-out"
    assert dock.sale.text().startswith("Sold: identifiers, app activity to advertising partners")
    assert first.toolTip(2) == "While your account is open, and for two years after it closes"


def test_ticking_child_directed_changes_the_practices_and_the_facts(qtbot) -> None:
    dock, host = make(qtbot)
    dock.flags["children.directed_to_children"].click()
    assert host.notice.practices.children.directed_to_children is True  # type: ignore[union-attr]
    assert host.notice.facts["child_directed"] is True
    assert host.messages == ["Set 'Directed to children under 13 (COPPA)' in the practices"]


def test_edited_text_is_applied_and_regenerates_the_table(qtbot) -> None:
    dock, host = make(qtbot)
    text = dock.text.toPlainText().replace("shared: {}", "shared:\n  categories: [identifiers]\n  to: [affiliates]")
    assert "shared:\n  categories" in text
    dock.text.setPlainText(text)
    assert dock.apply_text()
    assert host.notice.tables["ccpa-categories"].rows[0][-1] == "Affiliates (shared)"
    assert host.messages == ["Changed the practices"]


def test_malformed_text_is_refused_with_its_line(qtbot) -> None:
    dock, host = make(qtbot)
    before = host.notice.practices
    dock.text.setPlainText("purposes:\n  - {id: x, label: X, legal_basis: whim}\n")
    assert not dock.apply_text()
    assert "practices.yaml, line 2" in dock.problem.text() and "Nothing was changed" in dock.problem.text()
    assert host.notice.practices is before and host.messages == []


def test_a_mistyped_key_in_the_text_is_refused_not_dropped(qtbot) -> None:
    """The same rule as `practices load`: the unknown key, its line and the closest known key."""
    dock, host = make(qtbot)
    before = host.notice.practices
    typed = dock.text.toPlainText().replace("ai_training:", "ai_trainig:")
    line = typed.splitlines().index(next(x for x in typed.splitlines() if x.startswith("ai_trainig:"))) + 1
    dock.text.setPlainText(typed)
    assert not dock.apply_text()
    assert dock.problem.text() == (
        f"practices.yaml, line {line}: 'ai_trainig' is not a part of the practices (use ai_training, or one of: "
        "format, categories, sources, purposes, recipients, sold, shared, transfers, children, "
        "automated_decisions, cookies). Nothing was changed."
    )
    assert host.notice.practices is before and host.messages == []
    assert dock.text.toPlainText() == typed  # what was typed stays, to be corrected


def test_the_windows_practices_panel_edits_through_the_workspace_with_undo(window, qtbot) -> None:
    """A practice changed in the window is an undoable edit, committed like any other."""
    import copy

    dock = window.docks["practices_dock"]
    session = window.session
    before = copy.deepcopy(session.notice.practices)
    assert before is not None and dock.practices() == before
    changed = copy.deepcopy(before)
    changed.ai_training = not before.ai_training
    window._apply_practices(changed, "Changed the practices (AI training)")
    assert session.notice.practices.ai_training is changed.ai_training
    qtbot.waitUntil(lambda: session.repo.edits()[0].message == "Changed the practices (AI training)", timeout=15000)
    session.undo_stack.undo()
    assert session.notice.practices.ai_training is before.ai_training
    assert dock.practices().ai_training is before.ai_training


def test_the_panel_proposes_the_variants_that_fit_and_applies_them_with_undo(window, qtbot, tmp_path) -> None:
    """Selling starts: the panel offers the sold-and-shared variants; one click swaps them, undo restores."""
    import copy

    dock = window.docks["practices_dock"]
    session = window.session
    dock.show()
    assert not dock.variants_box.isVisibleTo(dock) and dock.swaps == []
    changed = copy.deepcopy(session.notice.practices)
    changed.sold.categories = ["identifiers"]
    window._apply_practices(changed, "Changed the practices (sold)")
    assert {s.clause_id for s in dock.swaps} == {"ccpa-no-sale", "dnt-gpc-no-sale"}
    assert dock.variants_box.isVisibleTo(dock) and dock.apply_variants_button.isEnabled()
    assert "should be ccpa-disclosed-sold-shared" in dock.variants_text.text()
    dock.grab().save(str(tmp_path / "practices-variants.png"))

    qtbot.mouseClick(dock.apply_variants_button, Qt.MouseButton.LeftButton)
    notice = session.notice
    assert notice.find("ccpa-no-sale").provenance.library_id == "ccpa-disclosed-sold-shared"
    assert notice.find("dnt-gpc-no-sale").provenance.library_id == "dnt-gpc"
    assert "we sold" in notice.variables["practices.sale_statement"]
    assert dock.swaps == [] and not dock.variants_box.isVisibleTo(dock)
    qtbot.waitUntil(
        lambda: any(
            "Chose the clause variants that fit the practices" in e.message for e in session.repo.edits(limit=3)
        ),
        timeout=15000,
    )

    session.undo_stack.undo()
    assert session.notice.find("ccpa-no-sale").provenance.library_id == "ccpa-no-sale"
    assert {s.clause_id for s in dock.swaps} == {"ccpa-no-sale", "dnt-gpc-no-sale"}

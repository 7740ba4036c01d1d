"""Confirming each fact that waives a requirement before a notice is created."""

from __future__ import annotations

from PySide6.QtWidgets import QDialogButtonBox

from notice_studio.core.library.requirements import load_requirements
from notice_studio.core.library.templates import build_notice
from notice_studio.core.practices.facts import waived_requirements
from notice_studio.ui.practices.waivers_dialog import ConfirmWaiversDialog


def test_every_waiver_must_be_answered_before_creating(qtbot) -> None:
    notice = build_notice("saas-eu-uk-ca", "Acme Ltd")
    waivers = waived_requirements(notice.facts, notice.jurisdictions, load_requirements())
    dialog = ConfirmWaiversDialog(waivers)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert set(dialog.choices) == {w.fact for w in waivers} and "dpo_appointed" in dialog.choices
    assert not ok.isEnabled()
    for fact, combo in dialog.choices.items():
        combo.setCurrentIndex(combo.findData("yes" if fact == "dpo_appointed" else "no"))
    assert ok.isEnabled()
    answers = dialog.answers()
    assert answers["dpo_appointed"] is True and answers["eu_representative_required"] is False


def test_the_questions_get_room_within_the_screen(qtbot) -> None:
    """It opened at 526x270, three questions in view (found by the app's bug bash)."""
    from notice_studio.ui.layout.fit import available_area

    notice = build_notice("saas-eu-uk-ca", "Acme Ltd")
    waivers = waived_requirements(notice.facts, notice.jurisdictions, load_requirements())
    dialog = ConfirmWaiversDialog(waivers)
    qtbot.addWidget(dialog)
    area = available_area(dialog)
    assert len(waivers) == 10
    assert dialog.width() >= min(760, area.width()) and dialog.height() >= min(600, area.height())
    assert dialog.width() <= area.width() and dialog.height() <= area.height()

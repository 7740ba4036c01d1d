"""The new-notice dialog: a folder made from a template; a non-empty folder is refused."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QDialogButtonBox

from notice_studio.core.notice.store import NoticeRepo
from notice_studio.ui.notices.new_notice_dialog import NewNoticeDialog


def test_creates_a_notice_folder_from_a_template(window, qtbot, tmp_path: Path) -> None:
    dialog = NewNoticeDialog(window.state, window, window)
    qtbot.addWidget(dialog)
    dialog.show()
    titles = [template.title for _button, template in dialog.template_buttons]
    assert len(titles) >= 2
    # Picking a template fills in its laws.
    canada = next(t for _b, t in dialog.template_buttons if "pipeda" in t.jurisdictions)
    dialog.choose_template(canada.id)
    assert dialog.chosen_jurisdictions() == [j for j in dialog.jurisdictions if j in canada.jurisdictions]

    qtbot.keyClicks(dialog.organisation, "Maple Widgets Inc")
    assert dialog.folder.text().endswith("maple-widgets-inc-privacy-notice")
    target = tmp_path / "maple-notice"
    dialog.folder.clear()
    qtbot.keyClicks(dialog.folder, str(target))
    # Add one more law by ticking its box.
    box = dialog.jurisdictions["lgpd"]
    qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(8, box.height() // 2))
    assert "lgpd" in dialog.chosen_jurisdictions()
    # The notice will be written in French (English unless chosen).
    assert dialog.language.code() == "en"
    dialog.language.setCurrentIndex(dialog.language.findData("fr"))
    assert dialog.create_button.isEnabled()

    qtbot.mouseClick(dialog.create_button, Qt.MouseButton.LeftButton)
    # Each template "no" that leaves a legal requirement out is confirmed before anything is created.
    qtbot.waitUntil(lambda: getattr(dialog, "waivers_dialog", None) is not None, timeout=20000)
    confirm = dialog.waivers_dialog
    ok = confirm.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert confirm.choices and not ok.isEnabled()  # nothing is assumed
    assert not target.exists()
    facts = list(confirm.choices)
    for fact, combo in confirm.choices.items():
        combo.setCurrentIndex(combo.findData("yes" if fact == facts[0] else "no"))
    assert ok.isEnabled()
    with qtbot.waitSignal(dialog.accepted, timeout=20000):
        qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
    assert dialog.created_path == target
    assert (target / "notice.yaml").is_file()
    with NoticeRepo.open(target) as repo:
        notice = repo.load()
        assert notice.organisation == "Maple Widgets Inc"
        assert notice.template == canada.id
        assert notice.language == "fr"
        assert set(notice.jurisdictions) == set(canada.jurisdictions) | {"lgpd"}
        assert notice.clauses
        assert len(repo.edits()) == 1
        assert notice.facts[facts[0]] is True and all(notice.facts[f] is False for f in facts[1:])
    # The window can open what was created (the folder is not left locked).
    assert window.open_notice(dialog.created_path)
    assert window.session.notice.organisation == "Maple Widgets Inc"


def test_refuses_a_folder_that_is_not_empty(window, qtbot, tmp_path: Path) -> None:
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "notes.txt").write_text("keep me", encoding="utf-8")
    dialog = NewNoticeDialog(window.state, window, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.organisation, "Acme Ltd")
    dialog.folder.setText(str(busy))
    assert not dialog.create_button.isEnabled()
    assert dialog.problem_label.isVisible()
    assert "already has files in it" in dialog.problem_label.text()
    assert str(busy) in dialog.problem_label.text()
    dialog.create_notice()  # even if asked directly, nothing is created
    assert dialog.created_path is None
    assert sorted(p.name for p in busy.iterdir()) == ["notes.txt"]


def test_create_stays_disabled_until_the_answers_are_given(window, qtbot, tmp_path: Path) -> None:
    dialog = NewNoticeDialog(window.state, window, window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.create_button.isEnabled()
    assert "organisation" in dialog.problem_label.text()
    qtbot.keyClicks(dialog.organisation, "Acme Ltd")
    dialog.folder.setText(str(tmp_path / "fresh"))
    assert dialog.create_button.isEnabled()
    for box in dialog.jurisdictions.values():
        box.setChecked(False)
    assert not dialog.create_button.isEnabled()
    assert "law" in dialog.problem_label.text()

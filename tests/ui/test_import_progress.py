"""The import dialog shows how far reading and creating a notice have got."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from notice_studio.ui.importing.import_dialog import ImportDialog


def test_creating_the_notice_shows_its_progress(window, qtbot, tmp_path: Path) -> None:
    source = tmp_path / "long.md"
    parts = ["# Quayside privacy notice\n"]
    for n in range(1, 61):
        parts.append(f"## Part {n} on parcels\n\nWe keep parcel {n} details for the courier.\n")
    source.write_text("\n".join(parts), encoding="utf-8")
    dialog = ImportDialog(window.state, window, window)
    qtbot.addWidget(dialog)
    dialog.show()
    seen: list[tuple[str, str, int, int]] = []

    def record(_done: int, _total: int, _what: str) -> None:  # after the dialog's own slot: what it shows
        bar = dialog.busy if dialog.creating else dialog.file_busy
        shown = dialog.working.text() if dialog.creating else dialog.file_status.text()
        seen.append(("creating" if dialog.creating else "reading", shown, bar.value(), bar.maximum()))

    dialog._progress.step.connect(record)
    dialog.path_edit.setText(str(source))
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.importing, timeout=15000)
    assert ("reading", "Finding the topics of the sections: 60 of 60", 60, 60) in seen

    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    details = dialog.details
    details.folder.setText(str(tmp_path / "quayside"))
    qtbot.waitUntil(lambda: details.last_report is not None and not details.report_busy.isVisible(), timeout=15000)
    with qtbot.waitSignal(dialog.accepted, timeout=20000):
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert ("creating", "Storing the notice's files: 63 of 63", 63, 63) in seen
    assert any(s[:2] == ("creating", "Checking the new notice…") and s[3] == 0 for s in seen)  # busy, not counted
    assert not dialog.working.isVisible()

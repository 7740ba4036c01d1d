"""Helpers shared by the UI tests (import them from here, not from conftest)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from notice_studio.core.notice.store import Author, NoticeRepo
from notice_studio.ui.palette import contrast_ratio as contrast  # noqa: F401 - WCAG's formula, for the UI tests

UI_AUTHOR = Author("Uma Interface", "uma@example.com")


def make_notice_folder(path: Path, template: str | None = None, org: str = "Acme Ltd") -> Path:
    """A notice folder built from a shipped template (the default one if `template` is None)."""
    from notice_studio.core.library.templates import build_notice

    notice = build_notice(template, org, None)
    with NoticeRepo.create(path, notice, UI_AUTHOR):
        pass
    return path


def answer_question(label: str, seen: list[tuple[str, list[str]]]) -> None:
    """Click the button `label` ('Cancel' for the cancel button) in the next question box, and
    record the question and the buttons it offered."""

    def answer(tries: int = 250) -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            if tries:  # gives up after about 5 seconds, so a failing test leaves no timer behind
                QTimer.singleShot(20, lambda: answer(tries - 1))
            return
        buttons = {b.text().replace("&", ""): b for b in box.buttons()}
        seen.append((box.text(), sorted(buttons)))
        buttons.get(label, box.buttons()[-1]).click()

    QTimer.singleShot(0, answer)

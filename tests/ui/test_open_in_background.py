"""Opening a notice reads the folder in the background: the window keeps answering, says what it
is opening, and offers nothing to edit until the notice is there."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QTimer
from ui_support import UI_AUTHOR

from notice_studio.core.notice.model import Clause, Notice
from notice_studio.core.notice.store import NoticeRepo
from notice_studio.ui.main_window import MainWindow


def _long_notice(path: Path, clauses: int = 120) -> Path:
    """A notice of many clauses, so reading it takes a while."""
    notice = Notice(title="Harbour Club privacy notice", organisation="Harbour Club", jurisdictions=["gdpr"])
    for i in range(clauses):
        body = f"Members' records kept for purpose {i} stay on our own servers. " * 12
        notice.add(Clause(f"part-{i:03d}", f"Part {i}", body.strip()))
    with NoticeRepo.create(path, notice, UI_AUTHOR):
        pass
    return path


def _empty_window(qtbot, settings) -> MainWindow:
    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.show()
    return win


def test_the_window_answers_while_a_notice_opens(qtbot, settings, tmp_path) -> None:
    folder = _long_notice(tmp_path / "harbour")
    win = _empty_window(qtbot, settings)
    seen: list[tuple[bool, str, bool, bool]] = []
    # A timer due at once fires only if the window handles events while the notice is read.
    QTimer.singleShot(
        0,
        lambda: seen.append(
            (win.session is None, win.windowTitle(), win.centralWidget().isEnabled(), win.outline_view.isEnabled())
        ),
    )
    assert win.open_notice(folder)
    assert seen == [(True, "Opening harbour… — Notice Studio", False, False)]
    assert win.session is not None and len(win.session.notice.clauses) == 120
    assert win.windowTitle().startswith("Harbour Club privacy notice — harbour")
    assert win.centralWidget().isEnabled() and win.outline_view.isEnabled()
    assert win.statusBar().currentMessage() != "Opening harbour…"
    win.close()


def test_open_soon_returns_at_once_with_nothing_to_edit(qtbot, settings, tmp_path, notice_folder) -> None:
    folder = _long_notice(tmp_path / "harbour")
    win = _empty_window(qtbot, settings)
    assert win.open_notice(notice_folder)
    first = win.session
    answers: list[bool] = []
    win.open_notice_soon(folder, then=answers.append)
    assert win.session is first and answers == []  # the open notice stays until the other is read
    assert not win.centralWidget().isEnabled() and not win.act_publish.isEnabled()
    assert win.statusBar().currentMessage() == "Opening harbour…"
    win.open_notice_soon(notice_folder, then=answers.append)  # a second open while reading: refused plainly
    assert answers == [False]
    assert win.statusBar().currentMessage() == "Still opening harbour; open the other notice once it is shown."
    qtbot.waitUntil(lambda: answers == [False, True], timeout=20000)
    assert win.session is not None and win.session.path == folder.absolute()
    assert win.centralWidget().isEnabled() and win.act_publish.isEnabled()
    win.close()


def test_a_folder_that_is_no_notice_is_refused_in_one_sentence(qtbot, settings, tmp_path) -> None:
    win = _empty_window(qtbot, settings)
    errors: list[str] = []
    assert not win.open_notice(tmp_path, errors.append)
    assert len(errors) == 1 and "is not a notice" in errors[0] and "\n" not in errors[0]
    assert win.windowTitle() == "Notice Studio" and win.centralWidget().isEnabled()
    assert win.statusBar().currentMessage() == ""


def test_closing_while_a_notice_opens_lets_it_go(qtbot, settings, tmp_path) -> None:
    folder = _long_notice(tmp_path / "harbour")
    win = _empty_window(qtbot, settings)
    win.open_notice_soon(folder)
    win.close()
    assert win.session is None
    with NoticeRepo.open(folder, write=True) as repo:  # not locked by the closed window
        assert repo.path == folder.absolute()


def test_something_unexpected_while_showing_the_notice_still_gives_an_answer(
    qtbot, settings, notice_folder, monkeypatch
) -> None:
    """The start-up waits for the answer: it must come even when showing the notice fails."""
    import notice_studio.ui.main_window as main_window

    def broken(*_args, **_kwargs):
        raise RuntimeError("the outline could not be built")

    win = _empty_window(qtbot, settings)
    monkeypatch.setattr(main_window, "Session", broken)
    with qtbot.captureExceptions() as raised:
        assert not win.open_notice(notice_folder)
    assert len(raised) == 1
    assert win.windowTitle() == "Notice Studio" and win.centralWidget().isEnabled()
    with NoticeRepo.open(notice_folder, write=True):  # the lock was let go
        pass

"""Starting the app: the sample on first start, the last notice afterwards; sync and library compare."""

from __future__ import annotations

import re
import shutil
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMessageBox
from ui_support import answer_question

from notice_studio.core.notice.store import NoticeRepo
from notice_studio.ui import commands
from notice_studio.ui.app import initial_notice, sample_notice_path
from notice_studio.ui.settings import Settings


def test_first_start_opens_the_sample_then_the_last_notice(tmp_path: Path, notice_folder: Path) -> None:
    settings = Settings(QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    first = initial_notice(settings, [])
    assert first == sample_notice_path()
    with NoticeRepo.open(first) as repo:
        notice = repo.load()
        assert len(notice.all_clauses()) > 40  # a real notice from the default template
        assert notice.variables.get("contact.email")  # filled with the library's examples
    settings.add_recent(str(notice_folder))
    assert initial_notice(settings, []) == notice_folder
    shutil.rmtree(notice_folder)  # a last notice that was deleted falls back to the sample
    assert initial_notice(settings, []) == sample_notice_path()
    assert initial_notice(settings, ["/some/folder"]) == Path("/some/folder")


def test_preview_follows_the_paragraph_being_edited(qtbot, window) -> None:
    session = window.session
    clause = max(session.notice.all_clauses(), key=lambda c: c.body.count("\n\n"))
    window.select_clause(clause.id)
    qtbot.waitUntil(
        lambda: window.preview.last is not None and clause.id in window.preview.last.source_maps, timeout=10000
    )
    spans = window.preview.last.source_maps[clause.id]
    assert len(spans) >= 2
    targets: list[str] = []
    original = window.preview.scrollToAnchor
    window.preview.scrollToAnchor = lambda name: (targets.append(name), original(name))  # type: ignore[method-assign]
    cursor = window.editor.body.textCursor()
    cursor.setPosition(window.editor.body.document().findBlockByNumber(spans[-1].start_line).position())
    window.editor.body.setTextCursor(cursor)
    qtbot.waitUntil(lambda: bool(targets) and targets[-1] == spans[-1].element_id, timeout=5000)


def test_completion_offers_placeholders_and_clause_ids(qtbot, window) -> None:
    body = window.editor.body
    body.setFocus()
    body.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(body, " {{ contact.em")
    popup = body._completer.popup()
    qtbot.waitUntil(popup.isVisible, timeout=3000)
    assert body._completer.currentCompletion() == "contact.email"
    body._insert_completion("contact.email")
    assert body.toPlainText().endswith("{{ contact.email }}")
    qtbot.keyClicks(body, " See [[contact-u")
    assert body._completer.currentCompletion() == "contact-us"


def test_library_compare_shows_three_texts_and_updates(qtbot, window, tmp_path, monkeypatch) -> None:
    session = window.session
    clause = next(c for c in session.notice.all_clauses() if c.provenance and c.provenance.library_id == "security")
    # The user customises the last paragraph; the firm's library then ships version 2 with a new first line.
    lines = clause.body.split("\n")
    edited = "\n".join([*lines[:-1], lines[-1] + " We also train our staff every year."])
    session.undo_stack.push(commands.EditBody(session, clause.id, clause.body, edited))
    lib = window.library.get("security")
    firm = tmp_path / "firm-library" / "clauses"
    firm.mkdir(parents=True)
    text = (lib.origin.path).read_text(encoding="utf-8").replace("version: 1", "version: 2", 1)
    body_start = text.index("---", 3) + 4
    text = text[:body_start] + "We review our security measures every quarter.\n\n" + text[body_start:]
    (firm / "security.md").write_text(text, encoding="utf-8")
    window.settings.set("library/folders", [str(firm.parent)])
    window.reload_library()
    qtbot.waitUntil(lambda: window.library.get("security").version == 2, timeout=10000)
    window.select_clause(clause.id)
    window._show_current_side()
    assert window.editor.update_button.isVisibleTo(window) and window.editor.compare_button.isVisibleTo(window)
    dialog = window.compare_with_library(clause.id)
    qtbot.waitUntil(lambda: "changed in" in dialog.summary.text(), timeout=5000)
    assert "train our staff" in dialog.yours.toPlainText()
    assert dialog.library.toPlainText().strip().startswith("We review our security measures every quarter.")
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.update_button.click()
    merged = session.notice.find(clause.id)
    assert merged.body.startswith("We review our security measures every quarter.")
    assert "train our staff every year." in merged.body
    assert merged.provenance.version == 2
    session.undo_stack.undo()
    assert session.notice.find(clause.id).provenance.version == 1


def test_command_line_records_the_name_set_in_the_app(tmp_path: Path) -> None:
    import subprocess
    import sys

    # Save the name as the app does (in a separate process: this one runs Qt in test mode).
    store = (
        "from notice_studio.ui.settings import Settings; s = Settings(); "
        "s.set('author/name', 'Ada Counsel'); s.set('author/email', 'ada@example.com'); s.sync()"
    )
    subprocess.run([sys.executable, "-c", store], check=True)
    result = subprocess.run(
        [sys.executable, "-m", "notice_studio", "new", str(tmp_path / "n"), "--org", "Acme"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    with NoticeRepo.open(tmp_path / "n") as repo:
        assert repo.edits()[0].author == "Ada Counsel"
        assert repo.edits()[0].email == "ada@example.com"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="display servers are a Linux matter")
def test_no_screen_gets_one_sentence_not_a_qt_abort() -> None:
    import os
    import subprocess

    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    result = subprocess.run(
        [sys.executable, "-m", "notice_studio"], capture_output=True, text=True, env=env, timeout=60
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "no screen" in result.stderr


def test_the_apps_library_update_takes_the_librarys_new_title(qtbot, window, tmp_path, monkeypatch) -> None:
    """Same rule as `notice-studio library update`: the workspace decides, the window only asks."""
    session = window.session
    clause = next(c for c in session.notice.all_clauses() if c.provenance and c.provenance.library_id == "security")
    lib = window.library.get("security")
    firm = tmp_path / "firm-library" / "clauses"
    firm.mkdir(parents=True)
    text = lib.origin.path.read_text(encoding="utf-8").replace("version: 1", "version: 2", 1)
    text = text.replace(f"title: {lib.title}", "title: Keeping your information safe", 1)
    (firm / "security.md").write_text(text, encoding="utf-8")
    window.settings.set("library/folders", [str(firm.parent)])
    window.reload_library()
    qtbot.waitUntil(lambda: window.library.get("security").version == 2, timeout=10000)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window._update_from_library(clause.id)
    updated = session.notice.find(clause.id)
    assert updated.title == "Keeping your information safe"
    assert updated.provenance.version == 2 and not updated.is_customised()
    assert (
        window.outline_view.model()
        .data(window.session.outline.index_of(clause.id))
        .endswith("Keeping your information safe")
    )
    session.undo_stack.undo()
    assert session.notice.find(clause.id).title == lib.title


@pytest.mark.parametrize("damage", ["newer format", "yaml", "missing clause"])
def test_a_last_notice_that_cannot_open_gives_the_welcome_with_the_sentence(
    qtbot, settings: Settings, notice_folder: Path, damage: str
) -> None:
    from notice_studio.ui.app import open_first_notice
    from notice_studio.ui.layout import window_setup
    from notice_studio.ui.main_window import MainWindow

    yaml_file = notice_folder / "notice.yaml"
    if damage == "newer format":
        yaml_file.write_text(
            re.sub(r"(?m)^format: \d+$", "format: 7", yaml_file.read_text(encoding="utf-8")), encoding="utf-8"
        )
    elif damage == "yaml":
        yaml_file.write_text("title: [unclosed\n", encoding="utf-8")
    else:
        next((notice_folder / "clauses").glob("*.md")).unlink()
    settings.add_recent(str(notice_folder))
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    shown: list[str] = []
    window.show_error = shown.append  # type: ignore[method-assign]  # no modal box may stop the start
    asked: list[tuple[str, list[str]]] = []
    if damage != "newer format":  # changed outside the app: asked first, as any outside change (Cancel here)
        answer_question("Cancel", asked)
    problem = open_first_notice(window, initial_notice(settings, []))
    assert not shown
    if asked:
        assert "Discard them (back to the last save)" in asked[0][1] and "cannot be read" in asked[0][0]
    assert str(notice_folder) in problem and "sample notice is open instead" in problem
    assert "Traceback" not in problem and "\n" not in problem
    assert window.session is not None and window.session.path == sample_notice_path()  # a usable window
    dialog = window_setup.show_welcome(window, problem)
    qtbot.waitUntil(dialog.isVisible, timeout=3000)
    assert dialog.problem.isVisible() and dialog.problem.text() == problem
    dialog.reject()
    window.close()


def test_the_samples_first_edit_has_an_author_before_the_welcome_asks_a_name(
    qtbot, settings, tmp_path: Path, monkeypatch
) -> None:
    """The first start makes the sample before the welcome asks who you are: its first edit is
    Notice Studio's, not a blank or 'Unknown author' line in the history."""
    from notice_studio.ui import app as app_module
    from notice_studio.ui.main_window import MainWindow

    data = tmp_path / "data"
    data.mkdir()
    monkeypatch.setattr(app_module, "data_dir", lambda: data)
    monkeypatch.setenv("HOME", str(tmp_path))  # no ~/.gitconfig with a name to fall back on
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    settings.set("author/name", "")
    settings.set("author/email", "")
    path = app_module.sample_notice_path()
    assert path.parent == data
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    assert window.open_notice(path)
    dock = window.docks["history_dock"]
    dock.show()
    qtbot.waitUntil(lambda: len(dock.entries) >= 2, timeout=10000)
    first = dock.entries[-1]
    assert first.title.startswith("Created the notice")
    assert first.detail.startswith("Notice Studio sample · "), first.detail
    assert all(not e.detail.startswith(" · ") for e in dock.entries)
    dock.grab().save(str(tmp_path / "sample-history.png"))
    window.close()


def test_a_full_disk_while_opening_the_last_notice_is_said_in_plain_words(
    qtbot, settings: Settings, notice_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An unforeseen OSError while opening the last notice was 'something unexpected went wrong
    ([Errno 28] …)'; a full disk is said as everywhere else, through the one mapping."""
    import errno

    from notice_studio.ui.app import open_first_notice
    from notice_studio.ui.main_window import MainWindow

    window = MainWindow(settings)
    qtbot.addWidget(window)
    opened = window.open_notice

    def open_notice(path: Path, *args: object, **kwargs: object) -> bool:
        if path == notice_folder:
            raise OSError(errno.ENOSPC, "No space left on device", str(path / ".git" / "index"))
        return opened(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(window, "open_notice", open_notice)
    problem = open_first_notice(window, notice_folder)
    assert "because the disk is full; free some space" in problem, problem
    assert "unexpected" not in problem and str(notice_folder) in problem
    window.close()

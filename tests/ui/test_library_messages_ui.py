"""The app says what the command line says: a library clause with a known problem inserted, and a
renamed placeholder's value carried over by an update (and taken back by undo)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox
from test_library import clause_file, make_root
from test_library_messages import DECLARED, DESK_V1, DESK_V2

from notice_studio.core.library.catalog import Library
from notice_studio.ui import commands


def desk_library(tmp_path: Path, version: int, body: str) -> Library:
    text = clause_file("desk", body, topic="security", title="Desk", satisfies="[]", version=version, extra=DECLARED)
    return Library.load([make_root(tmp_path / f"v{version}", {"desk.md": text})])


def test_inserting_a_clause_with_a_known_problem_says_so_in_the_status_bar(window, tmp_path: Path) -> None:
    text = clause_file("odd", "Ask {{ odd.phone }}.", topic="security", title="Odd", satisfies="[]")
    window.library = Library.load([make_root(tmp_path / "firm", {"odd.md": text})])
    window.select_clause(window.session.notice.clauses[0].id)
    assert window.insert_library_clause("odd") is not None
    message = window.statusBar().currentMessage()
    assert message.startswith("Inserted. The library clause 'odd' has a known problem: ")
    assert "the placeholder '{{ odd.phone }}' is not declared" in message


def test_an_update_carries_a_renamed_placeholders_value_and_undo_takes_it_back(
    qtbot, window, tmp_path: Path, monkeypatch
) -> None:
    session = window.session
    window.library = desk_library(tmp_path, 1, DESK_V1)
    window.select_clause(session.notice.clauses[0].id)
    clause_id = window.insert_library_clause("desk")
    assert clause_id is not None
    session.undo_stack.push(commands.SetVariable(session, "desk.email", "privacy@acme.example"))
    window.library = desk_library(tmp_path, 2, DESK_V2)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    window._update_from_library(clause_id)
    assert session.notice.find(clause_id).body == DESK_V2
    assert session.notice.variables["desk.mailbox"] == "privacy@acme.example"
    assert window.statusBar().currentMessage() == (
        "The value of {{ desk.email }} ('privacy@acme.example') now fills {{ desk.mailbox }}, its new name in 'Desk'."
    )
    session.undo_stack.undo()
    assert session.notice.find(clause_id).body == DESK_V1 and "desk.mailbox" not in session.notice.variables
    assert session.notice.variables["desk.email"] == "privacy@acme.example"


def test_updating_a_clause_already_up_to_date_says_so_in_the_status_bar(window, tmp_path: Path, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(window, "show_error", shown.append)
    window.library = desk_library(tmp_path, 1, DESK_V1)
    window.select_clause(window.session.notice.clauses[0].id)
    clause_id = window.insert_library_clause("desk")
    assert clause_id is not None
    window._update_from_library(clause_id)
    assert shown == []  # not an error: nothing went wrong
    assert window.statusBar().currentMessage() == "'Desk' already has the library's newest version (1)."


def test_the_library_preview_names_the_earlier_firm_folder_and_an_older_version(tmp_path: Path) -> None:
    from notice_studio.ui.library.library_preview import origin_text

    a = make_root(tmp_path / "firm-a", {"desk.md": clause_file("desk", "A.", topic="security", version=3)})
    b = make_root(tmp_path / "firm-b", {"desk.md": clause_file("desk", "B.", topic="security", version=2)})
    text = origin_text(Library.load([a, b]).clause("desk"), Library.load([]).shipped)
    assert text == (
        f"From your library folder <b>firm-b</b> ({b}). It overrides the clause with the same id in "
        f"{a / 'clauses' / 'desk.md'}. It is an older version (2) than that clause (3)."
    )

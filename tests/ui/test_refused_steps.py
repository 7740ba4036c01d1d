"""An edit the core refuses never reaches the Qt event loop: a move is refused in one sentence
before it becomes an undo step, and an undo step that fails anyway is dropped, leaves the
notice as it was and says so in one sentence (real window, real notice repository)."""

from __future__ import annotations

from notice_studio.core.notice.model import Clause, NoticeError
from notice_studio.core.notice.notice_format import notice_files
from notice_studio.ui import commands


def nested(window) -> tuple[str, str]:
    """A top-level clause given a sub-clause of its own: (parent id, child id)."""
    session = window.session
    parent = session.notice.clauses[0].id
    child = Clause("kept-apart", "Kept apart", "A sub-clause written for this test.")
    session.undo_stack.push(commands.AddClause(session, child, parent, 0))
    assert session.notice.position(child.id).parent_id == parent
    return parent, child.id


def snapshot(window) -> tuple[dict[str, str], int, int, str]:
    session = window.session
    stack = session.undo_stack
    return notice_files(session.notice), stack.count(), stack.index(), stack.undoText()


def outline_rows(window) -> list[str]:
    model = window.session.outline
    return [model.data(model.index(row, 0)) for row in range(model.rowCount())]


def sentence(text: str) -> bool:
    return text.endswith(".") and text.count(". ") == 0 and "Traceback" not in text


def test_a_move_into_its_own_sub_clause_is_refused_in_one_sentence(qtbot, window, monkeypatch) -> None:
    errors: list[str] = []
    monkeypatch.setattr(window, "show_error", errors.append)
    parent, child = nested(window)
    before, rows = snapshot(window), outline_rows(window)

    window.session.outline.move_requested.emit(parent, child, 0)  # what a stale drop asks for

    assert len(errors) == 1 and sentence(errors[0]) and "inside itself" in errors[0]
    assert snapshot(window) == before and outline_rows(window) == rows
    assert window.session.notice.position(parent).parent_id is None


def test_a_refused_undo_step_is_dropped_and_explained_once(qtbot, window, monkeypatch) -> None:
    """Pushed past the window's own check (as any caller could): the step is not kept, the
    outline and the undo list are as they were, and the window hears one sentence, later."""
    errors: list[str] = []
    monkeypatch.setattr(window, "show_error", errors.append)
    parent, child = nested(window)
    before, rows = snapshot(window), outline_rows(window)
    session = window.session

    session.undo_stack.push(commands.MoveClause(session, parent, child, 0))

    assert snapshot(window) == before and outline_rows(window) == rows
    qtbot.waitUntil(lambda: len(errors) == 1, timeout=3000)
    assert sentence(errors[0]) and "inside itself" in errors[0]
    window.act_undo.trigger()  # the step before it is still the one undone
    assert not session.notice.has(child)


def test_an_undo_the_core_refuses_leaves_the_notice_and_takes_the_step_off(qtbot, window, monkeypatch) -> None:
    errors: list[str] = []
    monkeypatch.setattr(window, "show_error", errors.append)
    session = window.session
    first, second = session.notice.clauses[0].id, session.notice.clauses[1].id
    window.select_clause(first)
    window.act_down.trigger()
    assert [c.id for c in session.notice.clauses[:2]] == [second, first]
    moved = notice_files(session.notice)
    count = session.undo_stack.count()

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise NoticeError("The clause could not be put back; it stays where it is.")

    monkeypatch.setattr(session.workspace, "move", refuse)
    window.act_undo.trigger()

    assert notice_files(session.notice) == moved
    assert session.undo_stack.count() == count - 1
    qtbot.waitUntil(lambda: errors == ["The clause could not be put back; it stays where it is."], timeout=3000)

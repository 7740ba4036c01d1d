"""The notice tree: every editing operation and its guard rails (no git, no Qt)."""

from __future__ import annotations

import pytest
from notice_support import small_notice

from notice_studio.core.notice.model import Clause, NoticeError, Position, slugify


def outline(notice):
    return [(c.id, number) for c, _, number in notice.walk()]


def test_numbers_follow_the_tree() -> None:
    notice = small_notice()
    assert outline(notice) == [("introduction", "1"), ("security", "2"), ("retention", "2.1"), ("children", "3")]


def test_add_at_index_and_under_parent() -> None:
    notice = small_notice()
    notice.add(Clause("cookies", "Cookies"), index=1)
    notice.add(Clause("cookie-list", "Cookie list"), parent_id="cookies")
    assert outline(notice)[:3] == [("introduction", "1"), ("cookies", "2"), ("cookie-list", "2.1")]


def test_add_refuses_duplicate_and_bad_ids() -> None:
    notice = small_notice()
    with pytest.raises(NoticeError, match="already has a clause with the id 'security'"):
        notice.add(Clause("security", "Again"))
    with pytest.raises(NoticeError, match="not a valid clause id"):
        notice.add(Clause("Bad Id!", "x"))


def test_remove_returns_what_undo_needs() -> None:
    notice = small_notice()
    clause, position = notice.remove("security")
    assert position == Position(None, 1)
    assert [c.id for c in clause.children] == ["retention"]
    assert not notice.has("retention")
    notice.add(clause, position.parent_id, position.index)
    assert outline(notice) == outline(small_notice())


def test_move_up_down_indent_outdent_round_trip() -> None:
    notice = small_notice()
    notice.move_down("introduction")
    assert [c.id for c in notice.clauses] == ["security", "introduction", "children"]
    notice.move_up("introduction")
    notice.indent("children")  # under security, after retention
    assert outline(notice)[-1] == ("children", "2.2")
    notice.outdent("children")
    assert outline(notice) == outline(small_notice())


def test_move_guards() -> None:
    notice = small_notice()
    with pytest.raises(NoticeError, match="inside itself"):
        notice.move("security", "retention", 0)
    with pytest.raises(NoticeError, match="already the first"):
        notice.move_up("introduction")
    with pytest.raises(NoticeError, match="already the last"):
        notice.move_down("children")
    with pytest.raises(NoticeError, match="cannot be indented"):
        notice.indent("introduction")
    with pytest.raises(NoticeError, match="already at the top level"):
        notice.outdent("security")


def test_check_move_says_why_before_anything_moves() -> None:
    """The editor asks `check_move` before it offers a move; `move` refuses with the same sentence."""
    notice = small_notice()
    assert notice.check_move("retention", None) == ""
    assert notice.check_move("children", "security") == ""
    for parent in ("security", "retention"):  # itself, and its own sub-clause
        assert "inside itself" in notice.check_move("security", parent)
    assert "'nowhere'" in notice.check_move("children", "nowhere")
    assert "'ghost'" in notice.check_move("ghost", None)
    before = outline(notice)
    with pytest.raises(NoticeError) as refused:
        notice.move("children", "nowhere", 0)
    assert str(refused.value) == notice.check_move("children", "nowhere")
    assert outline(notice) == before


def test_rename_keeps_the_id() -> None:
    notice = small_notice()
    old = notice.rename("children", "  Children's   data ")
    assert old == "Children"
    assert notice.find("children").title == "Children's data"
    with pytest.raises(NoticeError, match="needs a title"):
        notice.rename("children", "   ")


def test_edit_body_and_variables() -> None:
    notice = small_notice()
    assert notice.set_body("security", "New text") == "We protect your data with encryption."
    assert notice.placeholders() == ["organisation.name"]
    notice.set_body("security", "Write to {{ contact.email }}")
    assert notice.unfilled_placeholders() == ["contact.email"]
    assert notice.set_variable("contact.email", "a@b.example") is None
    assert notice.unfilled_placeholders() == []
    assert notice.set_variable("contact.email", "") == "a@b.example"
    with pytest.raises(NoticeError, match="not a valid placeholder name"):
        notice.set_variable("bad name", "x")


def test_new_ids_are_unique_slugs() -> None:
    notice = small_notice()
    assert slugify("Cookies & Tracking — Übersicht") == "cookies-tracking-ubersicht"
    assert notice.new_clause_id("Security") == "security-2"
    assert notice.new_clause_id("!!!") == "section-1"  # nothing Latin in the title: section-N (was "clause")


def test_customised_compares_with_inserted_text() -> None:
    notice = small_notice()
    clause = notice.find("retention")
    assert not clause.is_customised()
    notice.set_body("retention", "We keep account data for 45 days.")
    assert clause.is_customised()
    assert not notice.find("security").is_customised()  # no provenance: never "customised"

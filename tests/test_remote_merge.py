"""The clause-level three-way merge: pure data in, pure data out (no git)."""

from __future__ import annotations

import copy

from hypothesis import given, settings
from hypothesis import strategies as st
from notice_support import small_notice

from notice_studio.core.diff.word_merge import TextConflict, merge_text
from notice_studio.core.notice.model import Clause, Notice, Table
from notice_studio.core.notice.notice_format import notice_files
from notice_studio.core.remote.merge import EDIT, THEIRS, YOURS, Resolution, merge_notices


def three() -> tuple[Notice, Notice, Notice]:
    base = small_notice()
    return base, copy.deepcopy(base), copy.deepcopy(base)


def ids(notice: Notice) -> list[tuple[str, int]]:
    return [(c.id, depth) for c, depth, _ in notice.walk()]


def test_different_words_of_one_text_both_kept() -> None:
    base = "We keep account data for 30 days after you close your account."
    yours = "We keep account data for 45 days after you close your account."
    theirs = "We keep billing data for 30 days after you close your account."
    pieces = merge_text(base, yours, theirs)
    assert pieces == ["We keep billing data for 45 days after you close your account."]


def test_same_words_changed_differently_is_a_conflict() -> None:
    pieces = merge_text("for 30 days.", "for 45 days.", "for 60 days.")
    assert pieces == ["for ", TextConflict("30", "45", "60"), " days."]


def test_same_change_on_both_sides_is_no_conflict() -> None:
    assert merge_text("for 30 days.", "for 45 days.", "for 45 days.") == ["for 45 days."]


def test_edits_to_different_clauses_merge() -> None:
    base, yours, theirs = three()
    yours.set_body("security", "We protect your data with encryption at rest.")
    theirs.set_body("children", "Our service is not meant for children under 13.")
    theirs.set_variable("contact.email", "privacy@acme.example")
    result = merge_notices(base, yours, theirs)
    assert result.conflicts == ()
    assert result.notice.find("security").body == "We protect your data with encryption at rest."
    assert result.notice.find("children").body == "Our service is not meant for children under 13."
    assert result.notice.variables["contact.email"] == "privacy@acme.example"
    assert ids(result.notice) == ids(base)


def test_same_words_conflict_resolved_each_way_and_edited() -> None:
    base, yours, theirs = three()
    yours.set_body("retention", "We keep account data for 45 days after you close your account.")
    theirs.set_body("retention", "We keep account data for 60 days after you close your account.")
    result = merge_notices(base, yours, theirs)
    (conflict,) = result.open_conflicts
    assert conflict.key == "clause/retention/text/1"
    assert (conflict.base, conflict.yours, conflict.theirs) == ("30", "45", "60")
    assert result.notice.find("retention").body.startswith("We keep account data for 45 days")

    taken = merge_notices(base, yours, theirs, {conflict.key: Resolution(THEIRS)})
    assert taken.open_conflicts == ()
    assert "for 60 days" in taken.notice.find("retention").body
    kept = merge_notices(base, yours, theirs, {conflict.key: Resolution(YOURS)})
    assert "for 45 days" in kept.notice.find("retention").body
    edited = merge_notices(base, yours, theirs, {conflict.key: Resolution(EDIT, "90")})
    assert edited.notice.find("retention").body == "We keep account data for 90 days after you close your account."


def test_outline_move_against_text_edit() -> None:
    base, yours, theirs = three()
    yours.move("children", None, 0)  # yours: Children first
    yours.move("retention", None, 3)  # and Retention out of Security to the end
    theirs.set_body("retention", "We keep account data for 45 days after you close your account.")
    theirs.set_body("children", "Not for children under 13.")
    result = merge_notices(base, yours, theirs)
    assert result.conflicts == ()
    assert ids(result.notice) == [("children", 0), ("introduction", 0), ("security", 0), ("retention", 0)]
    assert "45 days" in result.notice.find("retention").body
    assert result.notice.find("children").body == "Not for children under 13."


def test_their_reorder_and_your_insert_both_kept() -> None:
    base, yours, theirs = three()
    theirs.move("children", None, 0)
    yours.add(Clause("contact", "Contact", "Write to us."), None, 1)  # after Introduction
    result = merge_notices(base, yours, theirs)
    assert result.conflicts == ()
    assert [c.id for c in result.notice.clauses] == ["children", "introduction", "contact", "security"]


def test_both_reordered_differently_is_an_outline_conflict() -> None:
    base, yours, theirs = three()
    yours.move("children", None, 0)
    theirs.move("introduction", None, 2)
    result = merge_notices(base, yours, theirs)
    (conflict,) = result.open_conflicts
    assert conflict.key == "order/top"
    assert [c.id for c in result.notice.clauses] == ["children", "introduction", "security"]
    taken = merge_notices(base, yours, theirs, {"order/top": Resolution(THEIRS)})
    assert [c.id for c in taken.notice.clauses] == ["security", "children", "introduction"]


def test_removed_on_one_side_edited_on_the_other() -> None:
    base, yours, theirs = three()
    yours.remove("children")
    theirs.set_body("children", "Not for children under 13.")
    result = merge_notices(base, yours, theirs)
    (conflict,) = result.open_conflicts
    assert conflict.key == "clause/children/removed" and conflict.kind == "removed"
    assert conflict.theirs == "Not for children under 13."
    assert not result.notice.has("children")  # open: yours (removed) until decided
    kept = merge_notices(base, yours, theirs, {conflict.key: Resolution(THEIRS)})
    assert kept.notice.find("children").body == "Not for children under 13."
    # and the other way round: you edited, they removed
    flipped = merge_notices(base, theirs, yours)
    assert flipped.notice.find("children").body == "Not for children under 13."


def test_removed_on_one_side_untouched_on_the_other() -> None:
    base, yours, theirs = three()
    theirs.remove("children")
    yours.set_body("security", "Encrypted.")
    result = merge_notices(base, yours, theirs)
    assert result.conflicts == () and not result.notice.has("children")


def test_clause_added_under_a_parent_the_other_side_removed_survives() -> None:
    base, yours, theirs = three()
    yours.add(Clause("keys", "Keys", "We rotate keys."), "security")
    theirs.remove("security")
    result = merge_notices(base, yours, theirs)
    # Security was edited on neither side, so its removal stands; the new child survives.
    assert result.notice.has("keys") and not result.notice.has("security")


def test_both_moved_to_make_a_cycle_keeps_a_tree() -> None:
    base, yours, theirs = three()
    base.add(Clause("a", "A", "a"))
    base.add(Clause("b", "B", "b"))
    yours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    yours.move("a", "b", 0)
    theirs.move("b", "a", 0)
    result = merge_notices(base, yours, theirs)
    assert {c.id for c in result.notice.all_clauses()} == {c.id for c in base.all_clauses()}
    notice_files(result.notice)  # serialises: a proper tree


def test_placeholder_values_and_table_rows_by_key() -> None:
    base, yours, theirs = three()
    base.tables["cookies"] = Table(["name", "purpose"], [["sid", "session"], ["ga", "analytics"]])
    yours, theirs = copy.deepcopy(base), copy.deepcopy(base)
    yours.tables["cookies"].rows[0][1] = "keeps you signed in"
    theirs.tables["cookies"].rows.append(["lang", "language"])
    theirs.tables["cookies"].rows[1][1] = "usage statistics"
    yours.set_variable("organisation.name", "Acme Limited")
    theirs.set_variable("organisation.name", "Acme Ltd.")
    result = merge_notices(base, yours, theirs)
    assert result.notice.tables["cookies"].rows == [
        ["sid", "keeps you signed in"],
        ["ga", "usage statistics"],
        ["lang", "language"],
    ]
    (conflict,) = result.open_conflicts
    assert conflict.key == "variable/organisation.name"
    edited = merge_notices(base, yours, theirs, {conflict.key: Resolution(EDIT, "Acme Group")})
    assert edited.notice.variables["organisation.name"] == "Acme Group"


def test_inputs_are_not_changed() -> None:
    base, yours, theirs = three()
    theirs.set_body("security", "Changed.")
    before = notice_files(yours)
    merge_notices(base, yours, theirs).notice.find("security").body = "mutated"
    assert notice_files(yours) == before


@given(
    n=st.integers(min_value=6, max_value=60),
    data=st.data(),
)
@settings(max_examples=60, deadline=None)
def test_edits_on_either_side_of_an_untouched_word_always_merge(n: int, data: st.DataObject) -> None:
    """Property: word edits (replace, insert, delete) before and after an untouched word never
    conflict, and the merge holds both."""
    words = [f"w{i}" for i in range(n)]
    split = data.draw(st.integers(min_value=2, max_value=n - 3))

    def edited(side: str, lo: int, hi: int) -> dict[int, str | None]:
        picks = data.draw(st.sets(st.integers(min_value=lo, max_value=hi), min_size=1, max_size=4))
        kinds = {i: data.draw(st.sampled_from(["replace", "insert", "delete"])) for i in picks}
        return {
            i: None if k == "delete" else (f"{side}{i}" if k == "replace" else f"{side}{i} w{i}")
            for i, k in kinds.items()
        }

    mine = edited("Y", 0, split - 1)
    other = edited("T", split + 1, n - 1)

    def apply(changes: dict[int, str | None]) -> str:
        return " ".join(x for i, w in enumerate(words) if (x := changes.get(i, w)) is not None)

    pieces = merge_text(" ".join(words), apply(mine), apply(other))
    assert pieces == [apply({**mine, **other})]


def test_sync_and_library_updates_merge_words_with_the_one_merge_in_core_diff() -> None:
    from notice_studio.core.diff import word_merge
    from notice_studio.core.library import merge as library_merge
    from notice_studio.core.remote import merge as remote_merge

    assert library_merge.merge_text is word_merge.merge_text is remote_merge.merge_text
    assert merge_text.__module__ == "notice_studio.core.diff.word_merge"

"""The diff engine: clause alignment, moves, word-level changes, values and tables."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import itertools
import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.generate import make_notice
from notice_studio.core.diff.notices import ChangeKind, NoticeDiff, diff_clause, diff_notices, diff_versions
from notice_studio.core.diff.words import WordOp, diff_words, has_changes, new_text, old_text, tokenize
from notice_studio.core.notice.model import Clause, Notice, Table
from notice_studio.core.notice.store import Author, NoticeRepo

AUTHOR = Author("Jane Counsel", "jane@example.com")  # as in tests/conftest.py


def flat_notice(n: int = 8) -> Notice:
    notice = Notice(title="Notice")
    for i in range(n):
        notice.add(Clause(f"c{i}", f"Clause {i}", f"Body of clause {i} with some words."))
    return notice


def kinds(diff: NoticeDiff) -> dict[str, ChangeKind]:
    return {c.clause_id: c.kind for c in diff.clauses}


def changed(diff: NoticeDiff) -> dict[str, ChangeKind]:
    return {c.clause_id: c.kind for c in diff.clauses if c.kind != ChangeKind.UNCHANGED}


# ----- clause kinds ----------------------------------------------------------------------------
def test_identical_notices_have_no_changes(notice: Notice) -> None:
    diff = diff_notices(notice, copy.deepcopy(notice))
    assert not diff.has_changes
    assert diff.changes() == ()
    assert set(kinds(diff).values()) == {ChangeKind.UNCHANGED}
    assert diff.summary.unchanged == 4 and diff.summary.total == 0


def test_modified_clause_gets_word_level_changes(notice: Notice) -> None:
    new = copy.deepcopy(notice)
    new.set_body("retention", "We keep account data for 45 days after you close your account.")
    diff = diff_notices(notice, new)
    assert changed(diff) == {"retention": ChangeKind.MODIFIED}
    change = diff.clause("retention")
    assert change.word_ops == (
        WordOp("equal", "We keep account data for "),
        WordOp("delete", "30"),
        WordOp("insert", "45"),
        WordOp("equal", " days after you close your account."),
    )
    assert change.old_number == change.new_number == "2.1"
    assert change.renamed is None and not change.moved
    assert change.topics == ("retention",)
    assert diff.summary.modified == 1 and diff.summary.total == 1


def test_added_clause(notice: Notice) -> None:
    new = copy.deepcopy(notice)
    new.add(Clause("cookies", "Cookies", "We use cookies."), index=1)
    diff = diff_notices(notice, new)
    assert changed(diff) == {"cookies": ChangeKind.ADDED}
    change = diff.clause("cookies")
    assert change.old_number is None and change.new_number == "2"
    assert change.word_ops == (WordOp("insert", "We use cookies."),)
    assert [c.clause_id for c in diff.clauses] == ["introduction", "cookies", "security", "retention", "children"]


def test_removed_clause_stays_where_it_was(notice: Notice) -> None:
    new = copy.deepcopy(notice)
    new.remove("security")  # takes its sub-clause "retention" with it
    diff = diff_notices(notice, new)
    assert changed(diff) == {"security": ChangeKind.REMOVED, "retention": ChangeKind.REMOVED}
    assert [c.clause_id for c in diff.clauses] == ["introduction", "security", "retention", "children"]
    removed = diff.clause("retention")
    assert removed.new_number is None and removed.old_number == "2.1" and removed.depth == 1
    assert removed.word_ops == (WordOp("delete", notice.find("retention").body),)
    # children was 3 and is now 2: renumbering alone is not a change
    assert diff.clause("children").kind == ChangeKind.UNCHANGED
    assert (diff.clause("children").old_number, diff.clause("children").new_number) == ("3", "2")


def test_rename_is_reported_as_a_rename(notice: Notice) -> None:
    new = copy.deepcopy(notice)
    new.rename("children", "Children's privacy")
    diff = diff_notices(notice, new)
    change = diff.clause("children")
    assert change.kind == ChangeKind.MODIFIED
    assert change.renamed == ("Children", "Children's privacy")
    assert not change.body_changed
    assert new_text(change.title_ops) == "Children's privacy" and old_text(change.title_ops) == "Children"
    assert diff.summary.renamed == 1


def test_moved_clause(notice: Notice) -> None:
    new = copy.deepcopy(notice)
    new.move("children", None, 0)
    diff = diff_notices(notice, new)
    assert changed(diff) == {"children": ChangeKind.MOVED}
    change = diff.clause("children")
    assert change.moved and (change.old_number, change.new_number) == ("3", "1")
    assert [c.clause_id for c in diff.clauses][:2] == ["children", "introduction"]


def test_move_and_edit(notice: Notice) -> None:
    new = copy.deepcopy(notice)
    new.move("children", None, 0)
    new.set_body("children", "Our service is not meant for children under 13.")
    diff = diff_notices(notice, new)
    assert changed(diff) == {"children": ChangeKind.MOVED_MODIFIED}
    change = diff.clause("children")
    assert change.moved and change.text_changed
    assert [(o.op, o.text) for o in change.word_ops if o.op != "equal"] == [("delete", "16"), ("insert", "13")]
    assert diff.summary.moved == 1 and diff.summary.modified == 1 and diff.summary.total == 1


def test_changing_parent_is_a_move(notice: Notice) -> None:
    new = copy.deepcopy(notice)
    new.outdent("retention")
    diff = diff_notices(notice, new)
    assert changed(diff) == {"retention": ChangeKind.MOVED}
    change = diff.clause("retention")
    assert (change.old_parent, change.new_parent) == ("security", None)
    assert (change.old_number, change.new_number, change.depth) == ("2.1", "3", 0)


def test_insertions_above_renumber_without_moving() -> None:
    old = flat_notice(6)
    new = copy.deepcopy(old)
    new.add(Clause("new-a", "New A", "x"), index=0)
    new.add(Clause("new-b", "New B", "y"), index=3)
    new.remove("c4")
    diff = diff_notices(old, new)
    assert changed(diff) == {"new-a": ChangeKind.ADDED, "new-b": ChangeKind.ADDED, "c4": ChangeKind.REMOVED}
    assert diff.clause("c5").old_number == "6" and diff.clause("c5").new_number == "7"
    assert diff.clause("c1").old_number == "2" and diff.clause("c1").new_number == "3"
    assert diff.summary.moved == 0


def test_reorder_reports_only_the_clause_that_moved() -> None:
    old = flat_notice(10)
    new = copy.deepcopy(old)
    new.move("c7", None, 1)  # every clause from c1 to c6 gets a new number
    diff = diff_notices(old, new)
    assert changed(diff) == {"c7": ChangeKind.MOVED}
    assert diff.clause("c3").new_number == "5" and diff.clause("c3").kind == ChangeKind.UNCHANGED


def test_moves_are_the_fewest_that_explain_the_new_order() -> None:
    # difflib's longest-block-first matching would call six clauses moved here; two did.
    old = flat_notice(8)
    new = copy.deepcopy(old)
    order = ["c6", "c7", "c0", "c2", "c4", "c1", "c3", "c5"]
    new.clauses = [new.find(i) for i in order]
    moved = {c.clause_id for c in diff_notices(old, new).clauses if c.moved}
    assert len(moved) == 4  # the longest kept run is c0 c2 c4 c5 (or c0 c1 c3 c5)
    kept = [i for i in order if i not in moved]
    assert kept == sorted(kept, key=lambda i: int(i[1:]))


def test_children_of_a_moved_section_are_not_moved(notice: Notice) -> None:
    new = copy.deepcopy(notice)
    new.move("security", None, 2)
    diff = diff_notices(notice, new)
    assert diff.clause("retention").kind == ChangeKind.UNCHANGED
    assert diff.clause("retention").new_number == "3.1"
    assert sum(1 for c in diff.clauses if c.moved) == 1


def test_results_are_immutable(notice: Notice) -> None:
    diff = diff_notices(notice, notice)
    with pytest.raises(dataclasses.FrozenInstanceError):
        diff.clauses[0].kind = ChangeKind.ADDED  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        diff.summary.added = 3  # type: ignore[misc]
    assert isinstance(diff.clauses, tuple) and isinstance(diff.clauses[0].word_ops, tuple)


def test_inputs_are_not_changed(notice: Notice) -> None:
    new = copy.deepcopy(notice)
    new.set_body("children", "Changed.")
    before_old, before_new = copy.deepcopy(notice), copy.deepcopy(new)
    diff_notices(notice, new)
    assert notice == before_old and new == before_new


# ----- placeholders, tables, notice details ------------------------------------------------------
def test_placeholder_value_change_shows_where_it_appears(notice: Notice) -> None:
    new = copy.deepcopy(notice)
    new.variables["organisation.name"] = "Acme Group"
    diff = diff_notices(notice, new)
    assert [(v.name, v.old_value, v.new_value, v.used_in) for v in diff.variables] == [
        ("organisation.name", "Acme Ltd", "Acme Group", ("introduction",))
    ]
    intro = diff.clause("introduction")
    assert intro.kind == ChangeKind.UNCHANGED and intro.is_change
    assert intro.variables_changed == ("organisation.name",)
    assert not has_changes(intro.word_ops)  # the clause text as typed did not change
    assert [(o.op, o.text) for o in intro.rendered_ops if o.op != "equal"] == [("delete", "Ltd"), ("insert", "Group")]
    assert old_text(intro.rendered_ops) == "This notice explains how Acme Ltd uses your data."
    assert [c.clause_id for c in diff.changes()] == ["introduction"]
    assert diff.summary.variables == 1 and diff.has_changes


def test_placeholder_added_and_removed() -> None:
    old, new = Notice(), Notice()
    old.variables = {"a": "1", "b": "2"}
    new.variables = {"b": "2", "c": "3"}
    diff = diff_notices(old, new)
    assert [(v.name, v.kind) for v in diff.variables] == [("a", ChangeKind.REMOVED), ("c", ChangeKind.ADDED)]


def test_unfilled_placeholder_stays_visible_in_rendered_text() -> None:
    old = Notice()
    old.add(Clause("contact", "Contact", "Write to {{ contact.email }}."))
    new = copy.deepcopy(old)
    new.variables["contact.email"] = "privacy@example.com"
    change = diff_notices(old, new).clause("contact")
    assert old_text(change.rendered_ops) == "Write to {{ contact.email }}."
    assert new_text(change.rendered_ops) == "Write to privacy@example.com."


def test_table_rows_added_removed_and_changed() -> None:
    old = Notice()
    old.add(Clause("cookies", "Cookies", "We use these cookies:\n\n[[table:cookies]]\n"))
    old.tables["cookies"] = Table(
        ["Name", "Purpose", "Expiry"],
        [["_ga", "Analytics", "2 years"], ["sid", "Session", "Session"], ["old", "Legacy", "1 day"]],
    )
    new = copy.deepcopy(old)
    new.tables["cookies"].rows = [
        ["_ga", "Analytics", "13 months"],
        ["sid", "Session", "Session"],
        ["_fbp", "Advertising", "3 months"],
    ]
    diff = diff_notices(old, new)
    assert diff.clause("cookies").kind == ChangeKind.UNCHANGED
    assert diff.clause("cookies").tables_changed == ("cookies",)
    (table,) = diff.tables
    assert table.name == "cookies" and table.kind == ChangeKind.MODIFIED and table.used_in == ("cookies",)
    rows = {(r.kind, r.key) for r in table.rows}
    assert rows == {(ChangeKind.MODIFIED, "_ga"), (ChangeKind.ADDED, "_fbp"), (ChangeKind.REMOVED, "old")}
    ga = next(r for r in table.rows if r.key == "_ga")
    assert ga.changed_columns == ("Expiry",) and ga.old_row == ("_ga", "Analytics", "2 years")


def test_table_added_removed_and_columns() -> None:
    old, new = Notice(), Notice()
    old.tables = {"a": Table(["x"], [["1"]]), "b": Table(["k", "v"], [["1", "one"]])}
    new.tables = {"b": Table(["k", "v", "w"], [["1", "one", "uno"]]), "c": Table(["x"], [])}
    diff = diff_notices(old, new)
    assert [(t.name, t.kind) for t in diff.tables] == [
        ("a", ChangeKind.REMOVED),
        ("b", ChangeKind.MODIFIED),
        ("c", ChangeKind.ADDED),
    ]
    b = diff.tables[1]
    assert b.columns_added == ("w",) and b.columns_removed == ()
    assert [(r.kind, r.changed_columns) for r in b.rows] == [(ChangeKind.MODIFIED, ("w",))]


def test_tables_with_repeated_keys_fall_back_to_position() -> None:
    old, new = Notice(), Notice()
    old.tables = {"t": Table(["k", "v"], [["a", "1"], ["a", "2"], ["b", "3"]])}
    new.tables = {"t": Table(["k", "v"], [["a", "1"], ["a", "9"], ["b", "3"], ["c", "4"]])}
    rows = diff_notices(old, new).tables[0].rows
    assert [(r.kind, r.old_row, r.new_row) for r in rows] == [
        (ChangeKind.MODIFIED, ("a", "2"), ("a", "9")),
        (ChangeKind.ADDED, None, ("c", "4")),
    ]


def test_notice_details(notice: Notice) -> None:
    new = copy.deepcopy(notice)
    new.title = "Privacy Policy"
    new.jurisdictions = ["gdpr", "uk_gdpr", "ccpa"]
    diff = diff_notices(notice, new)
    assert [(f.field, f.new_value) for f in diff.fields] == [
        ("title", "Privacy Policy"),
        ("jurisdictions", "gdpr, uk_gdpr, ccpa"),
    ]


def test_diff_clause_for_the_editor() -> None:
    old = Clause("retention", "Retention", "We keep logs for {{ log.days }} days.")
    new = Clause("retention", "Retention", "We keep server logs for {{ log.days }} days.")
    change = diff_clause(old, new, old_variables={"log.days": "30"}, new_variables={"log.days": "60"})
    assert change.kind == ChangeKind.MODIFIED
    assert [(o.op, o.text) for o in change.word_ops if o.op != "equal"] == [("insert", "server ")]
    assert new_text(change.rendered_ops) == "We keep server logs for 60 days."
    assert change.variables_changed == ("log.days",)
    assert diff_clause(None, new).kind == ChangeKind.ADDED
    assert diff_clause(old, None).kind == ChangeKind.REMOVED


# ----- word-level ------------------------------------------------------------------------------
def test_word_diff_reads_like_a_person_would_mark_it() -> None:
    ops = diff_words("We keep data for 30 days.", "We retain data for 45 days.")
    assert [(o.op, o.text) for o in ops] == [
        ("equal", "We "),
        ("delete", "keep"),
        ("insert", "retain"),
        ("equal", " data for "),
        ("delete", "30"),
        ("insert", "45"),
        ("equal", " days."),
    ]


def test_tokens_round_trip() -> None:
    text = "Don't   share\n\nmy data — ever! «Ça va?» 数据 🎉"
    assert "".join(tokenize(text)) == text
    # Chinese puts no spaces between words: each character is a token of its own (was one "数据" token)
    assert "share" in tokenize(text) and [t for t in tokenize(text) if t in "数据"] == ["数", "据"]


def test_both_engines_agree_on_a_clause() -> None:
    old = "We share your contact details with delivery partners so they can bring your order."
    new = "We share your name and address with delivery partners so that they can deliver your order."
    fast, slow = diff_words(old, new, engine="fast"), diff_words(old, new, engine="python")
    assert fast == slow
    assert old_text(fast) == old and new_text(fast) == new


_ALPHABET = st.characters(blacklist_categories=("Cs",))
_WORDS = st.lists(
    st.one_of(
        st.sampled_from(["we", "keep", "data", "30", "days", "données", "情報", "🙂", "ß", "Ǆ"]),
        st.text(_ALPHABET, min_size=1, max_size=6),
    ),
    max_size=40,
)
_SEPARATORS = st.sampled_from([" ", "  ", "\n", "\n\n", ", ", ". ", "\t", "\u00a0", "—"])


@st.composite
def edited_texts(draw: st.DrawFn) -> tuple[str, str]:
    """A text and a randomly edited copy (insertions, deletions, replacements, moves)."""
    words = draw(_WORDS)
    seps = [draw(_SEPARATORS) for _ in words]
    tokens = [t for pair in zip(words, seps, strict=True) for t in pair]
    edited = list(tokens)
    for _ in range(draw(st.integers(0, 8))):
        action = draw(st.sampled_from(["insert", "delete", "replace", "move"]))
        at = draw(st.integers(0, max(0, len(edited))))
        if action == "insert" or not edited:
            edited.insert(at, draw(st.text(_ALPHABET, max_size=8)))
        elif action == "delete":
            del edited[min(at, len(edited) - 1)]
        elif action == "replace":
            edited[min(at, len(edited) - 1)] = draw(st.text(_ALPHABET, max_size=8))
        else:
            item = edited.pop(min(at, len(edited) - 1))
            edited.insert(draw(st.integers(0, len(edited))), item)
    return "".join(tokens), "".join(edited)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edited_texts(), st.sampled_from(["fast", "python"]))
def test_applying_the_word_diff_to_the_old_text_gives_the_new_text(pair: tuple[str, str], engine: str) -> None:
    old, new = pair
    ops = diff_words(old, new, engine=engine)
    assert old_text(ops) == old
    assert new_text(ops) == new
    assert all(o.text for o in ops)
    assert all(a.op != b.op for a, b in itertools.pairwise(ops))  # runs are merged
    assert has_changes(ops) == (old != new)


@settings(max_examples=200, deadline=None)
@given(st.text(_ALPHABET, max_size=60), st.text(_ALPHABET, max_size=60))
def test_word_diff_of_unrelated_unicode_texts(old: str, new: str) -> None:
    ops = diff_words(old, new)
    assert old_text(ops) == old and new_text(ops) == new


def _edit_words(text: str, share: float, seed: int) -> str:
    rng = random.Random(seed)
    words = text.split(" ")
    for i in rng.sample(range(len(words)), int(len(words) * share)):
        words[i] = rng.choice(["forty-five", "partners", "never", "securely", "Ünïcödé"])
    return " ".join(words)


def test_a_60000_word_notice_with_2_percent_changes_gives_a_clean_word_diff() -> None:
    text = "\n\n".join(c.body for c in make_notice(clauses=300, words=200, seed=1).all_clauses())
    assert len(text.split()) >= 60_000
    new = _edit_words(text, 0.02, seed=2)
    ops = diff_words(text, new)
    assert old_text(ops) == text and new_text(ops) == new
    kept = sum(len(o.text) for o in ops if o.op == "equal")
    assert kept / len(text) > 0.95  # not delete-all/insert-all
    deleted_words = sum(len(o.text.split()) for o in ops if o.op == "delete")
    assert deleted_words < 0.04 * len(text.split())  # roughly the 2% that changed, not more


def test_a_60000_word_notice_diffed_clause_by_clause() -> None:
    old = make_notice(clauses=300, words=200, seed=3)
    new = copy.deepcopy(old)
    for clause in new.all_clauses():
        clause.body = _edit_words(clause.body, 0.02, seed=hash(clause.id) % 1000)
    diff = diff_notices(old, new)
    assert diff.summary.modified == 300
    for change in diff.clauses:
        kept = sum(len(o.text) for o in change.word_ops if o.op == "equal")
        assert kept / len(change.old_body or "x") > 0.8, change.clause_id


# ----- versions from the store -------------------------------------------------------------------
def test_diff_versions_reads_tags_commits_and_the_draft(repo: NoticeRepo) -> None:
    repo.publish(dt.date(2026, 1, 1), "First.", True, "GC", AUTHOR)
    notice = repo.load()
    notice.set_body("retention", "We keep account data for 45 days after you close your account.")
    first_edit = repo.save(notice, "Edited 'Retention'", AUTHOR)
    notice.move("children", None, 0)
    repo.save(notice, "Moved 'Children'", AUTHOR)

    diff = diff_versions(repo, "v1", "draft")
    assert changed(diff) == {"retention": ChangeKind.MODIFIED, "children": ChangeKind.MOVED}
    assert changed(diff_versions(repo, "v1", first_edit)) == {"retention": ChangeKind.MODIFIED}
    assert changed(diff_versions(repo, first_edit, "draft")) == {"children": ChangeKind.MOVED}
    reverse = diff_versions(repo, "draft", "v1")
    assert reverse.clause("retention").kind == ChangeKind.MODIFIED


def test_summary_sentence_names_only_what_changed() -> None:
    from notice_studio.core.diff.notices import DiffSummary

    summary = DiffSummary(
        unchanged=5, modified=2, added=1, removed=0, moved=1, renamed=0, variables=1, tables=2, fields=0, changed=4
    )
    assert summary.sentence() == "Sections: 2 changed, 1 added, 1 moved; 1 placeholder value changed; 2 tables changed."
    values_only = DiffSummary(
        unchanged=5, modified=0, added=0, removed=0, moved=0, renamed=0, variables=3, tables=0, fields=1, changed=0
    )
    assert values_only.sentence() == "No section text changed; 3 placeholder values changed; 1 notice detail changed."

"""The Word review round trip: send for review, edit as Word does, import, accept some, apply."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from docx import Document
from notice_support import AUTHOR, NO_SOFFICE, SOFFICE, git, libreoffice_convert
from word_edits import (
    comment_on,
    find_paragraph,
    tracked_delete_paragraph,
    tracked_delete_row,
    tracked_format,
    tracked_insert_after,
    tracked_new_paragraph,
    tracked_replace,
    untracked_format,
    untracked_replace,
)

from notice_studio.cli import main
from notice_studio.core.export.docx_revisions import custom_properties, set_custom_properties
from notice_studio.core.export.md_blocks import AtomTable, source_blocks
from notice_studio.core.notice.model import Clause, Notice, Table
from notice_studio.core.notice.store import NOTICE_ID_RECORDED, NoticeRepo
from notice_studio.core.wordreview import NotFromThisNoticeError, apply_review, read_review, send_for_review
from notice_studio.core.wordreview.send import NOTICE_PROPERTY
from notice_studio.core.wordreview.source_edits import Edit, apply_edits, shown_text, tidy_markdown

ANNA = "Anna Reviewer"
BEN = "Ben Outside"


def review_notice() -> Notice:
    notice = Notice(title="Privacy Notice", organisation="Acme Ltd")
    notice.variables["organisation.name"] = "Acme Ltd"
    notice.add(
        Clause("intro", "Introduction", "**{{ organisation.name }}** explains how it uses data. See [[retention]].")
    )
    notice.add(
        Clause("retention", "Retention", "We keep data for 30 days.\n\nThen we delete it.\n\nBackups last longer.")
    )
    notice.add(Clause("rights", "Your rights", "You may:\n\n- access your data;\n- object;\n- delete it."))
    notice.add(Clause("cookies", "Cookies", "We use *few* cookies."))
    notice.add(Clause("contact", "Contact us", "Write to us."))
    return notice


@pytest.fixture
def store(tmp_path: Path):
    with NoticeRepo.create(tmp_path / "notice", review_notice(), AUTHOR) as repo:
        yield repo


def reviewed_copy(store: NoticeRepo, tmp_path: Path) -> Path:
    """Send for review, then make the edits a reviewer makes in Word."""
    sent = tmp_path / "review.docx"
    send_for_review(store, sent)
    doc = Document(str(sent))
    tracked_replace(find_paragraph(doc, "30 days"), "30", "45", ANNA)  # tracked replace
    comment_on(doc, find_paragraph(doc, "We keep data"), "days", "Matches the retention schedule.", ANNA)
    tracked_delete_paragraph(find_paragraph(doc, "Backups"), ANNA)  # a deleted paragraph
    untracked_replace(find_paragraph(doc, "Then we delete"), "delete", "erase")  # no Track Changes
    tracked_insert_after(find_paragraph(doc, "access your data"), "access", " and correct", BEN)
    tracked_delete_paragraph(find_paragraph(doc, "object;"), BEN)  # a whole list item
    tracked_replace(find_paragraph(doc, "Cookies"), "Cookies", "Cookies and similar tools", ANNA)  # the title
    tracked_delete_paragraph(find_paragraph(doc, "Contact us"), BEN)  # a whole section
    tracked_delete_paragraph(find_paragraph(doc, "Write to us."), BEN)
    comment_on(doc, find_paragraph(doc, "explains"), "explains", "Reads well.", BEN)
    out = tmp_path / "reviewed.docx"
    doc.save(str(out))
    return out


def by_text(review, kind: str, needle: str):
    found = [p for p in review.proposals if p.kind == kind and needle in (p.old_text + p.new_text + p.clause_title)]
    assert len(found) == 1, [(p.kind, p.old_text, p.new_text) for p in review.proposals]
    return found[0]


def test_round_trip_applies_exactly_the_accepted_changes_attributed(store: NoticeRepo, tmp_path: Path) -> None:
    review = read_review(store, reviewed_copy(store, tmp_path))
    replace_30 = by_text(review, "replace", "30")
    assert (replace_30.author, replace_30.tracked, replace_30.new_text) == (ANNA, True, "45")
    assert replace_30.date == "2026-03-02T10:00:00Z"
    assert [c.text for c in replace_30.comments] == ["Matches the retention schedule."]
    untracked = by_text(review, "replace", "delete")
    assert not untracked.tracked and untracked.new_text == "erase"
    backups = by_text(review, "delete", "Backups")
    insert = by_text(review, "insert", "correct")
    assert insert.author == BEN and insert.new_text == " and correct"
    item = by_text(review, "delete", "object")
    title = by_text(review, "replace", "Cookies")
    assert title.part == "title" and title.new_text == "Cookies and similar tools"
    contact = [p for p in review.proposals if p.clause_id == "contact"]
    assert {p.kind for p in contact} == {"delete"} and all(p.author == BEN for p in contact)
    comment = by_text(review, "comment", "Introduction")
    assert comment.author == BEN and comment.comments[0].text == "Reads well."

    accepted = [replace_30.id, untracked.id, backups.id, item.id, title.id, *[p.id for p in contact]]
    result = apply_review(store, review, accepted)  # the insertion "and correct" is rejected
    assert result.skipped == []
    notice = store.load()
    assert notice.find("retention").body == "We keep data for 45 days.\n\nThen we erase it."
    assert notice.find("rights").body == "You may:\n\n- access your data;\n- delete it."
    assert notice.find("cookies").title == "Cookies and similar tools"
    assert notice.find("cookies").body == "We use *few* cookies."
    assert not notice.has("contact")
    assert notice.find("intro").body == review_notice().find("intro").body
    # One saved edit per reviewer, under the reviewer's name from the revisions.
    log = git(store.path, "log", "--format=%an|%s", "-n", "4").splitlines()
    assert [line.split("|")[0] for line in log] == [BEN, "Word reviewer", ANNA, AUTHOR.name]
    assert all("Word review" in line for line in log[:3])
    files = {n: sorted(git(store.path, "show", "--name-only", "--format=", f"HEAD~{n}").split()) for n in range(3)}
    assert files[2] == ["clauses/cookies.md", "clauses/retention.md"]  # Anna: 30 -> 45, Backups, the title
    assert files[1] == ["clauses/retention.md"]  # the untracked edit
    assert files[0] == ["clauses/contact.md", "clauses/rights.md", "notice.yaml"]  # Ben


def test_accept_nothing_changes_nothing(store: NoticeRepo, tmp_path: Path) -> None:
    review = read_review(store, reviewed_copy(store, tmp_path))
    head = store.head()
    assert apply_review(store, review, []).commits == []
    assert store.head() == head


def test_unchanged_copy_has_no_proposals(store: NoticeRepo, tmp_path: Path) -> None:
    sent = tmp_path / "review.docx"
    send_for_review(store, sent)
    assert read_review(store, sent).proposals == []


def test_later_draft_edits_elsewhere_are_kept(store: NoticeRepo, tmp_path: Path) -> None:
    copy_path = reviewed_copy(store, tmp_path)
    notice = store.load()
    notice.set_body("retention", notice.find("retention").body.replace("Backups last longer.", "Backups last 90 days."))
    store.save(notice, "Edited 'Retention'", AUTHOR)
    review = read_review(store, copy_path)
    replace_30 = by_text(review, "replace", "30")
    backups = by_text(review, "delete", "Backups")
    result = apply_review(store, review, [replace_30.id, backups.id])
    assert (
        store.load().find("retention").body
        == "We keep data for 45 days.\n\nThen we delete it.\n\nBackups last 90 days."
    )
    assert len(result.skipped) == 1 and "same place" in result.skipped[0]


def test_a_file_not_sent_from_this_notice_gets_a_clear_sentence(store: NoticeRepo, tmp_path: Path) -> None:
    plain = tmp_path / "plain.docx"
    doc = Document()
    doc.add_paragraph("Someone's own notice.")
    doc.save(str(plain))
    with pytest.raises(NotFromThisNoticeError, match="notice of its own"):
        read_review(store, plain)
    other_notice = review_notice()
    other_notice.title = "Staff privacy notice"
    with NoticeRepo.create(tmp_path / "other", other_notice, AUTHOR) as other:
        elsewhere = tmp_path / "other.docx"
        send_for_review(other, elsewhere)
    with pytest.raises(NotFromThisNoticeError, match="another notice"):
        read_review(store, elsewhere)
    (tmp_path / "bad.docx").write_text("not a zip")
    with pytest.raises(Exception, match="not a Word document"):
        read_review(store, tmp_path / "bad.docx")


def test_cli_review_send_and_import(store: NoticeRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = str(store.path)
    store.close()
    out = tmp_path / "cli.docx"
    assert main(["review-send", folder, "--out", str(out)]) == 0
    doc = Document(str(out))
    tracked_replace(find_paragraph(doc, "30 days"), "30", "60", ANNA)
    doc.save(str(out))
    capsys.readouterr()
    assert main(["review-import", folder, str(out), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(p["kind"], p["old"], p["new"], p["author"]) for p in data["proposals"]] == [("replace", "30", "60", ANNA)]
    assert main(["review-import", folder, str(out), "--accept-all"]) == 0
    printed = capsys.readouterr().out
    assert "Anna Reviewer replaced" in printed and "1 change" in printed
    with NoticeRepo.open(folder) as again:
        assert again.load().find("retention").body.startswith("We keep data for 60 days.")
    plain = tmp_path / "plain.docx"
    Document().save(str(plain))
    assert main(["review-import", folder, str(plain)]) == 1
    err = capsys.readouterr().err
    assert "was not sent for review" in err and "Traceback" not in err and err.count("\n") == 1


# ----- what an import says it did ---------------------------------------------------------------
def test_a_copy_imported_again_is_reported_as_already_in_the_draft(store: NoticeRepo, tmp_path: Path) -> None:
    copy_path = reviewed_copy(store, tmp_path)
    first = read_review(store, copy_path)
    assert first.in_draft == frozenset()
    every = [p.id for p in first.proposals]
    done = apply_review(store, first, every)
    assert (len(done.applied), len(done.commits), done.already, done.refused) == (8, 3, [], [])
    assert done.summary() == "Applied 8 changes as 3 saved edits."
    head = store.head()

    again = read_review(store, copy_path)  # the same copy, imported a second time
    assert again.in_draft == {p.id for p in again.proposals if p.changes_text}
    assert again.to_propose == []
    result = apply_review(store, again, every)
    assert (result.applied, result.commits, len(result.already)) == ([], [], 8)
    assert result.summary() == "Nothing was applied; 8 changes were already in the draft."
    assert store.head() == head


def test_a_refused_change_is_counted_as_not_made(store: NoticeRepo, tmp_path: Path) -> None:
    copy_path = reviewed_copy(store, tmp_path)
    notice = store.load()
    notice.set_body("retention", notice.find("retention").body.replace("Backups last longer.", "Backups last 90 days."))
    store.save(notice, "Edited 'Retention'", AUTHOR)
    review = read_review(store, copy_path)
    replace_30, backups = by_text(review, "replace", "30"), by_text(review, "delete", "Backups")
    result = apply_review(store, review, [replace_30.id, backups.id])
    assert (result.applied, result.refused) == ([replace_30.id], [backups.id])
    assert result.summary() == "Applied 1 change as 1 saved edit; 1 change was not made."
    only_refused = apply_review(store, read_review(store, copy_path), [backups.id])
    assert only_refused.summary() == "Nothing was applied; 1 change was not made."


def test_a_section_added_in_word_is_not_added_twice(store: NoticeRepo, tmp_path: Path) -> None:
    sent = tmp_path / "review.docx"
    send_for_review(store, sent)
    doc = Document(str(sent))
    heading = tracked_new_paragraph(find_paragraph(doc, "Backups"), "Archived records", ANNA, "Heading 1")
    tracked_new_paragraph(heading, "Old records are kept offline for 2 years.", ANNA)
    doc.save(str(tmp_path / "reviewed.docx"))
    (added,) = read_review(store, tmp_path / "reviewed.docx").proposals
    apply_review(store, read_review(store, tmp_path / "reviewed.docx"), [added.id])
    again = read_review(store, tmp_path / "reviewed.docx")
    assert again.in_draft == {added.id}
    assert apply_review(store, again, [added.id]).already == [added.id]
    assert [c.title for c, _, _ in store.load().walk()].count("Archived records") == 1


# ----- a table typed in a clause (Markdown) -------------------------------------------------------
BASES = (
    "We rely on these bases.\n\n"
    "| Purpose | Legal basis |\n|---|---|\n"
    "| Bookings | Contract, where you book a kennel with us. |\n"
    "| Newsletter | Consent |\n\nAsk us about any of them."
)


@pytest.fixture
def bases(tmp_path: Path):
    notice = review_notice()
    notice.add(Clause("bases", "Legal bases", BASES))
    with NoticeRepo.create(tmp_path / "bases", notice, AUTHOR) as repo:
        sent = tmp_path / "bases.docx"
        send_for_review(repo, sent)
        yield repo, sent


def test_a_markdown_table_goes_as_a_word_table_and_comes_back_unchanged(bases, tmp_path: Path) -> None:
    repo, sent = bases
    doc = Document(str(sent))
    (grid,) = doc.tables
    assert [[c.text for c in row.cells] for row in grid.rows] == [
        ["Purpose", "Legal basis"],
        ["Bookings", "Contract, where you book a kennel with us."],
        ["Newsletter", "Consent"],
    ]
    assert not any(p.text.lstrip().startswith("|") for p in doc.paragraphs)  # no paragraph of pipes
    assert read_review(repo, sent).proposals == []
    if SOFFICE is None:
        pytest.skip(NO_SOFFICE)
    out = tmp_path / "lo"
    out.mkdir()
    assert libreoffice_convert(sent, "docx:MS Word 2007 XML", out).returncode == 0  # opened and saved by LibreOffice
    assert read_review(repo, out / "bases.docx").proposals == []


@pytest.mark.parametrize("tracked", [False, True], ids=["typed", "tracked"])
def test_an_edit_in_a_cell_maps_back_to_the_markdown_line(bases, tracked: bool) -> None:
    repo, sent = bases
    doc = Document(str(sent))
    cell = doc.tables[0].cell(1, 1).paragraphs[0]
    if tracked:
        tracked_replace(cell, "kennel", "room", ANNA)
    else:
        untracked_replace(cell, "kennel", "room")
    doc.save(str(sent))
    review = read_review(repo, sent)
    (change,) = review.proposals
    assert (change.clause_id, change.old_text, change.new_text, change.tracked) == ("bases", "kennel", "room", tracked)
    apply_review(repo, review, [change.id])
    assert repo.load().find("bases").body == BASES.replace("kennel", "room")  # the table's line, nothing else


def test_a_row_added_in_word_is_reported_not_lost_or_misread(bases, capsys: pytest.CaptureFixture[str]) -> None:
    repo, sent = bases
    doc = Document(str(sent))
    doc.tables[0].add_row().cells[0].text = "Security"
    doc.save(str(sent))
    review = read_review(repo, sent)
    assert review.proposals == []  # never a proposal to delete the table's text
    (sentence,) = review.unread
    assert sentence.startswith("A table in 'Legal bases' had rows or columns added or taken out")
    folder = str(repo.path)
    repo.close()
    assert main(["review-import", folder, str(sent)]) == 0
    assert capsys.readouterr().out.startswith("Not read: A table in 'Legal bases'")


def test_cli_import_summaries_are_true_and_a_refusal_exits_1(
    store: NoticeRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = str(store.path)
    store.close()
    out = tmp_path / "cli.docx"
    assert main(["review-send", folder, "--out", str(out)]) == 0
    doc = Document(str(out))
    tracked_replace(find_paragraph(doc, "30 days"), "30", "60", ANNA)
    doc.save(str(out))
    assert main(["review-import", folder, str(out), "--accept-all"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "Applied 1 change as 1 saved edit."
    assert main(["review-import", folder, str(out)]) == 0  # the same copy again, only listed
    printed = capsys.readouterr().out.splitlines()
    assert printed[0].endswith("(tracked). Already in the draft.")
    assert printed[-1] == "The draft already has the change in the copy."
    assert main(["review-import", folder, str(out), "--accept-all"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "Nothing was applied; 1 change was already in the draft."
    assert main(["review-import", folder, str(out), "--json"]) == 0
    assert [p["in_draft"] for p in json.loads(capsys.readouterr().out)["proposals"]] == [True]

    # A second copy, whose change clashes with an edit made since it was sent: exit 1, and said.
    second = tmp_path / "second.docx"
    assert main(["review-send", folder, "--out", str(second)]) == 0
    doc = Document(str(second))
    tracked_replace(find_paragraph(doc, "60 days"), "60", "90", ANNA)
    doc.save(str(second))
    with NoticeRepo.open(folder, write=True) as repo:
        notice = repo.load()
        notice.set_body("retention", notice.find("retention").body.replace("60 days", "two months"))
        repo.save(notice, "Edited 'Retention'", AUTHOR)
    capsys.readouterr()
    assert main(["review-import", folder, str(second), "--accept-all"]) == 1
    printed = capsys.readouterr().out.splitlines()
    assert printed[-2] == "Nothing was applied; 1 change was not made."
    assert printed[-1].startswith("Not applied: 'Retention' was edited since the review was sent in the same place")


# ----- the mapping from shown text back to Markdown ---------------------------------------------
BODIES = [
    "Plain text.",
    "We are **{{ organisation.name }}**, see [[retention]].\n\n- first *item*\n- second [link](https://x.y)\n  continued",
    "## Sub heading\n\n[[table:cookies]]\n\n1. one\n2. two snake_case_x\n",
    "> quoted\n> more\n\nA \\*literal\\* star and 5 * 3.",
]


@pytest.mark.parametrize("body", BODIES)
def test_pieces_give_the_markdown_back(body: str) -> None:
    blocks = source_blocks(body, AtomTable(numbers={"retention": "2"}, variables={"organisation.name": "Acme"}))
    assert "".join(p.source for b in blocks for p in b.pieces) == body
    assert apply_edits(blocks, []) == body
    assert "[[" not in shown_text(blocks) and "**" not in shown_text(blocks)


def test_edits_keep_markup_and_placeholders() -> None:
    atoms = AtomTable(numbers={"retention": "2"}, variables={"organisation.name": "Acme"})
    body = "We are **{{ organisation.name }}**, see [[retention]].\n\n- one\n- two\n- three"
    blocks = source_blocks(body, atoms)
    shown = shown_text(blocks)
    assert shown == "We are Acme, see section 2.\none\ntwo\nthree"

    def edit(old: str, new: str, occurrence: str | None = None) -> str:
        start = shown.index(occurrence or old) + (occurrence or old).index(old)
        return tidy_markdown(apply_edits(blocks, [Edit(start, start + len(old), new)]))

    assert edit("We are", "This is") == body.replace("We are", "This is")
    assert edit("see", "read") == body.replace("see", "read")
    assert edit("\ntwo", "") == "We are **{{ organisation.name }}**, see [[retention]].\n\n- one\n- three"
    assert edit("two", "two\nmore") == body.replace("- two", "- two\n- more")
    assert edit("Acme", "Acme Group") == body.replace("{{ organisation.name }}", "Acme Group")
    assert edit("section 2", "") == body.replace(" [[retention]]", " ").replace(",  .", ", .")


@pytest.mark.skipif(SOFFICE is None, reason=NO_SOFFICE)
def test_a_copy_saved_again_by_libreoffice_still_maps_back(store: NoticeRepo, tmp_path: Path) -> None:
    """A word processor re-saving the copy keeps the marker and the bookmarks, and adds no changes."""
    sent = tmp_path / "sent.docx"
    send_for_review(store, sent)
    doc = Document(str(sent))
    untracked_replace(find_paragraph(doc, "30 days"), "30", "31")
    doc.save(str(sent))
    out = tmp_path / "out"
    libreoffice_convert(sent, "docx:MS Word 2007 XML", out)
    review = read_review(store, out / "sent.docx")
    assert [(p.kind, p.old_text, p.new_text) for p in review.proposals] == [("replace", "30", "31")]


# ----- a section the reviewer added -----------------------------------------------------------
@pytest.mark.parametrize("author", [ANNA, None], ids=["tracked", "untracked"])
def test_a_heading_added_in_word_becomes_a_new_section(store: NoticeRepo, tmp_path: Path, author) -> None:
    sent = tmp_path / "review.docx"
    send_for_review(store, sent)
    doc = Document(str(sent))
    heading = tracked_new_paragraph(find_paragraph(doc, "Backups"), "Archived records", author, "Heading 1")
    tracked_new_paragraph(heading, "Old records are kept offline for 2 years.", author)
    last_item = next(p for p in doc.paragraphs if p.text == "delete it.")
    tracked_new_paragraph(last_item, "Rights of *children*", author, "Heading 2")
    doc.save(str(tmp_path / "reviewed.docx"))

    review = read_review(store, tmp_path / "reviewed.docx")
    added = [p for p in review.proposals if p.kind == "add"]
    assert [p.kind for p in review.proposals] == ["add", "add"], [(p.kind, p.new_text) for p in review.proposals]
    assert added[0].clause_title == "Archived records" and added[0].tracked == (author is not None)
    assert added[0].sentence() == (
        f"{author or 'Word reviewer'} added a new section \"Archived records\" after 'Retention' "
        f"({'tracked' if author else 'typed without Track Changes'})."
    )
    before = store.load()
    apply_review(store, review, [added[0].id, added[1].id])
    notice = store.load()
    order = [(c.title, depth) for c, depth, _ in notice.walk()]
    assert order == [
        ("Introduction", 0),
        ("Retention", 0),
        ("Archived records", 0),
        ("Your rights", 0),
        ("Rights of *children*", 1),
        ("Cookies", 0),
        ("Contact us", 0),
    ]
    assert notice.find("retention").body == before.find("retention").body  # not text of the section before
    new_id = next(c.id for c, _, _ in notice.walk() if c.title == "Archived records")
    assert notice.find(new_id).body == "Old records are kept offline for 2 years."
    children = next(c for c, _, _ in notice.walk() if c.title.startswith("Rights of"))
    assert children.body == ""


# ----- which notice a copy came from ---------------------------------------------------------
def test_a_copy_carries_the_notice_id_and_older_copies_still_match(store: NoticeRepo, tmp_path: Path) -> None:
    """New notices have an id in notice.yaml; a copy carries it. A copy marked the older way
    (the first saved edit) still imports, and so does one sent before the id was lost."""
    notice_id = store.load().notice_id
    assert len(notice_id) == 32 and f"id: {notice_id}" in (store.path / "notice.yaml").read_text(encoding="utf-8")
    sent = tmp_path / "sent.docx"
    send_for_review(store, sent)
    doc = Document(str(sent))
    assert custom_properties(doc)[NOTICE_PROPERTY] == notice_id
    untracked_replace(find_paragraph(doc, "30 days"), "30", "31")
    doc.save(str(sent))

    older = tmp_path / "older.docx"
    first_commit = git(store.path, "rev-list", "--max-parents=0", "HEAD").strip()
    set_custom_properties(doc, {NOTICE_PROPERTY: first_commit})
    doc.save(str(older))
    for copy in (sent, older):
        assert [(p.old_text, p.new_text) for p in read_review(store, copy).proposals] == [("30", "31")]

    text = (store.path / "notice.yaml").read_text(encoding="utf-8").replace(f"id: {notice_id}\n", "")
    (store.path / "notice.yaml").write_text(text, encoding="utf-8")
    git(store.path, "-c", "user.name=Tester", "-c", "user.email=t@example.com", "commit", "-qam", "Dropped the id")
    assert store.load().notice_id == notice_id  # an id an older app dropped comes back from the history
    assert [(p.old_text, p.new_text) for p in read_review(store, sent).proposals] == [("30", "31")]

    forged = tmp_path / "forged.docx"
    set_custom_properties(doc, {NOTICE_PROPERTY: "0" * 32})
    doc.save(str(forged))
    with pytest.raises(NotFromThisNoticeError, match="another notice"):
        read_review(store, forged)


def test_a_notice_made_before_ids_gets_one_on_its_next_save_and_a_restore_keeps_it(tmp_path: Path) -> None:
    with NoticeRepo.create(tmp_path / "notice", review_notice(), AUTHOR) as store:
        path = store.path
    text = (path / "notice.yaml").read_text(encoding="utf-8")  # make it a notice from before ids
    given = next(line for line in text.splitlines() if line.startswith("id: "))
    (path / "notice.yaml").write_text(text.replace(given + "\n", ""), encoding="utf-8")
    # In place of the first commit: a notice whose history never had an id (one it had comes back).
    git(
        path, "-c", "user.name=Old App", "-c", "user.email=old@example.com", "commit", "--amend", "-qam", "Older notice"
    )
    before_ids = git(path, "rev-parse", "HEAD").strip()
    first_commit = git(path, "rev-list", "--max-parents=0", "HEAD").strip()

    with NoticeRepo.open(path) as store:
        assert store.load().notice_id == "" and store.identity() == first_commit
        sent = tmp_path / "sent.docx"
        send_for_review(store, sent)  # a copy sent before the id was recorded
        notice = store.load()
        notice.set_body("contact", "Write to our office.")
        store.save(notice, "Edited 'Contact us'", AUTHOR)
        log = git(path, "log", "-2", "--format=%s", "--name-only").split("\n")
        recorded = git(path, "show", "HEAD~1", "--format=", "--name-only").split()
        assert [line for line in log if line and not line.startswith(("clauses/", "notice.yaml"))] == [
            "Edited 'Contact us'",
            NOTICE_ID_RECORDED,
        ]
        assert recorded == ["notice.yaml"]  # the id is an edit of its own, recorded once
        assert store.load().notice_id == first_commit == store.identity()
        assert read_review(store, sent).proposals == []  # the earlier copy still matches

        store.restore(before_ids, AUTHOR)  # a version from before ids keeps the current id
        assert store.load().notice_id == first_commit
        assert store.load().find("contact").body == "Write to us."
        subjects = git(path, "log", "--format=%s").splitlines()
        assert subjects.count(NOTICE_ID_RECORDED) == 1


def test_the_review_actions_are_workspace_methods(tmp_path: Path) -> None:
    from notice_studio.core.notice.model import NoticeError
    from notice_studio.core.workspace import Workspace

    NoticeRepo.create(tmp_path / "notice", review_notice(), AUTHOR).close()
    with Workspace.open(tmp_path / "notice", write=True, author=AUTHOR) as ws:
        sent = ws.send_for_review(tmp_path / "sent.docx")
        doc = Document(str(sent.path))
        assert doc.core_properties.author == AUTHOR.name
        tracked_replace(find_paragraph(doc, "30 days"), "30", "60", ANNA)
        doc.save(str(sent.path))
        review = ws.read_word_review(sent.path)
        with pytest.raises(NoticeError, match="There is no proposed change 'retention/body/9'"):
            ws.apply_word_review(review, ["retention/body/9"])
        applied = ws.apply_word_review(review, [], every=True)
        assert applied.applied == [review.proposals[0].id]
        assert "60 days" in ws.repo.load().find("retention").body


# ----- a placeholder's value rewritten in Word -------------------------------------------------
def test_a_rewritten_placeholder_value_is_proposed_as_its_new_value(store: NoticeRepo, tmp_path: Path) -> None:
    sent = tmp_path / "review.docx"
    send_for_review(store, sent)
    doc = Document(str(sent))
    tracked_insert_after(find_paragraph(doc, "explains how"), "Acme", " Group", ANNA)  # inside the value
    untracked_replace(find_paragraph(doc, "explains how"), "explains how", "sets out how")
    doc.save(str(tmp_path / "reviewed.docx"))

    review = read_review(store, tmp_path / "reviewed.docx")
    value = by_text(review, "value", "Group")
    assert (value.placeholder, value.old_text, value.value) == ("organisation.name", "Acme Ltd", "Acme Group Ltd")
    assert value.sentence().startswith(
        f'{ANNA} changed {{{{ organisation.name }}}} from "Acme Ltd" to "Acme Group Ltd"'
    )
    words = by_text(review, "replace", "sets out")
    assert words.placeholder == ""
    apply_review(store, review, [value.id, words.id])
    notice = store.load()
    assert notice.variables["organisation.name"] == "Acme Group Ltd"
    assert notice.find("intro").body == "**{{ organisation.name }}** sets out how it uses data. See [[retention]]."


def test_words_replacing_a_placeholder_and_more_say_so(store: NoticeRepo, tmp_path: Path) -> None:
    sent = tmp_path / "review.docx"
    send_for_review(store, sent)
    doc = Document(str(sent))
    paragraph = find_paragraph(doc, "explains how")
    untracked_replace(paragraph, "Acme Ltd", "We")  # the value's words (bold run) become other words
    untracked_replace(paragraph, "explains how it", "explain how we")
    doc.save(str(tmp_path / "reviewed.docx"))
    review = read_review(store, tmp_path / "reviewed.docx")
    flagged = [p for p in review.proposals if p.placeholder]
    assert [(p.kind, p.old_text, p.new_text) for p in flagged] == [("replace", "Acme Ltd explains", "We explain")]
    assert flagged[0].sentence().endswith("accepting writes them in place of the placeholder.")


# ----- notice tables edited in the copy --------------------------------------------------------
def test_table_cells_and_rows_edited_in_word_come_back_as_table_proposals(tmp_path: Path) -> None:
    notice = Notice(title="Privacy Notice", organisation="Acme Ltd")
    notice.add(Clause("cookies", "Cookies", "We use these cookies:\n\n[[table:cookies]]\n\nAsk us about them."))
    notice.tables["cookies"] = Table(
        ["Name", "Purpose", "Kept for"],
        [
            ["sid", "Signing in", "Until you close the page"],
            ["pref", "Settings", "1 year"],
            ["stat", "Counting", "2 years"],
        ],
    )
    with NoticeRepo.create(tmp_path / "notice", notice, AUTHOR) as store:
        send_for_review(store, tmp_path / "review.docx")
        doc = Document(str(tmp_path / "review.docx"))
        grid = doc.tables[0]
        untracked_replace(grid.cell(2, 2).paragraphs[0], "1 year", "6 months")
        tracked_delete_row(grid.rows[3], ANNA)
        added = grid.add_row()
        for cell, text in zip(added.cells, ["ads", "Advertising", "90 days"], strict=True):
            cell.paragraphs[0].add_run(text)
        doc.save(str(tmp_path / "reviewed.docx"))

        review = read_review(store, tmp_path / "reviewed.docx")
        found = [(p.part, p.kind, p.old_text, p.new_text, p.author) for p in review.proposals]
        assert found == [
            ("table", "replace", "1 year", "6 months", "Word reviewer"),
            ("table", "delete", "stat | Counting | 2 years", "", ANNA),
            ("table", "insert", "", "ads | Advertising | 90 days", "Word reviewer"),
        ]
        assert review.proposals[0].sentence() == (
            "Word reviewer replaced \"1 year\" with \"6 months\" in 'Cookies' (table 'cookies', row 2, column "
            "'Kept for') (typed without Track Changes)."
        )
        apply_review(store, review, [review.proposals[0].id, review.proposals[1].id, review.proposals[2].id])
        assert store.load().tables["cookies"].rows == [
            ["sid", "Signing in", "Until you close the page"],
            ["pref", "Settings", "6 months"],
            ["ads", "Advertising", "90 days"],
        ]
        assert store.load().find("cookies").body == notice.find("cookies").body


def test_a_table_the_reviewer_adds_does_not_shift_the_notice_tables_and_renamed_columns_come_back(
    tmp_path: Path,
) -> None:
    notice = Notice(title="Privacy Notice", organisation="Acme Ltd")
    notice.add(Clause("sharing", "Sharing", "Who gets data:\n\n[[table:vendors]]"))
    notice.add(Clause("cookies", "Cookies", "Cookies we set:\n\n[[table:cookies]]"))
    notice.tables["vendors"] = Table(["Vendor", "Service"], [["Postbox", "Mail"], ["Ledger", "Billing"]])
    notice.tables["cookies"] = Table(["Name", "Purpose"], [["sid", "Signing in"], ["pref", "Settings"]])
    with NoticeRepo.create(tmp_path / "notice", notice, AUTHOR) as store:
        send_for_review(store, tmp_path / "review.docx")
        doc = Document(str(tmp_path / "review.docx"))
        vendors, cookies = doc.tables
        extra = doc.add_table(rows=2, cols=2)  # the reviewer's own table, put before the notice's
        for cell, text in zip(extra._cells, ["Step", "Owner", "Check", "Legal"], strict=True):
            cell.paragraphs[0].add_run(text)
        vendors._tbl.addprevious(extra._tbl)
        untracked_replace(vendors.cell(2, 1).paragraphs[0], "Billing", "Invoices")
        untracked_replace(cookies.cell(0, 1).paragraphs[0], "Purpose", "What it does")  # a column renamed
        doc.save(str(tmp_path / "reviewed.docx"))

        review = read_review(store, tmp_path / "reviewed.docx")
        found = [(p.clause_id, p.old_text, p.new_text, p.before) for p in review.proposals]
        assert found == [
            ("sharing", "Billing", "Invoices", "table 'vendors', row 2, column 'Service'"),
            ("cookies", "Purpose", "What it does", "table 'cookies', the name of column 2"),
        ]
        apply_review(store, review, [p.id for p in review.proposals])
        saved = store.load()
        assert saved.tables["vendors"].rows == [["Postbox", "Mail"], ["Ledger", "Invoices"]]
        assert saved.tables["cookies"].columns == ["Name", "What it does"]
        assert saved.tables["cookies"].rows == notice.tables["cookies"].rows


# ----- formatting changed with Track Changes -------------------------------------------------------
def test_words_made_bold_in_word_become_an_emphasis_proposal(store: NoticeRepo, tmp_path: Path) -> None:
    sent = tmp_path / "review.docx"
    send_for_review(store, sent)
    doc = Document(str(sent))
    tracked_format(find_paragraph(doc, "explains how"), "how it uses data", ANNA, bold=True)
    tracked_format(find_paragraph(doc, "explains how"), "Acme Ltd", BEN, bold=False)
    doc.save(str(tmp_path / "reviewed.docx"))

    review = read_review(store, tmp_path / "reviewed.docx")
    found = [(p.kind, p.old_text, p.value, p.author) for p in review.proposals]
    assert found == [("format", "Acme Ltd", "not bold", BEN), ("format", "how it uses data", "bold", ANNA)]
    assert review.proposals[1].sentence() == f"{ANNA} made \"how it uses data\" bold in 'Introduction' (tracked)."
    result = apply_review(store, review, [p.id for p in review.proposals])
    assert store.load().find("intro").body == (
        "**{{ organisation.name }}** explains **how it uses data**. See [[retention]]."
    )
    assert any("Acme Ltd" in s and "by hand" in s for s in result.skipped)


def test_bold_changed_without_track_changes_is_found_by_comparing_with_the_copy_sent(
    store: NoticeRepo, tmp_path: Path
) -> None:
    sent = tmp_path / "review.docx"
    send_for_review(store, sent)
    doc = Document(str(sent))
    untracked_format(find_paragraph(doc, "explains how"), "uses data", bold=True)
    untracked_format(find_paragraph(doc, "explains how"), "Acme Ltd", bold=False)
    doc.core_properties.last_modified_by = BEN
    doc.save(str(tmp_path / "reviewed.docx"))

    review = read_review(store, tmp_path / "reviewed.docx")
    found = [(p.kind, p.old_text, p.value, p.author, p.tracked) for p in review.proposals]
    assert found == [
        ("format", "Acme Ltd", "not bold", BEN, False),
        ("format", "uses data", "bold", BEN, False),
    ]
    assert review.proposals[1].sentence() == (
        f"{BEN} made \"uses data\" bold in 'Introduction' (typed without Track Changes)."
    )
    apply_review(store, review, [review.proposals[1].id])
    assert store.load().find("intro").body == (
        "**{{ organisation.name }}** explains how it **uses data**. See [[retention]]."
    )


def test_a_heading_typed_mid_section_adds_a_section_without_moving_words(store: NoticeRepo, tmp_path: Path) -> None:
    """The section's own paragraphs under the new heading stay the section's text: no deletion
    is proposed for them and the new section holds only what the reviewer wrote."""
    sent = tmp_path / "review.docx"
    send_for_review(store, sent)
    doc = Document(str(sent))
    heading = tracked_new_paragraph(find_paragraph(doc, "30 days"), "Archived records", ANNA, "Heading 1")
    tracked_new_paragraph(heading, "Old records are kept offline.", ANNA)
    doc.save(str(tmp_path / "reviewed.docx"))
    review = read_review(store, tmp_path / "reviewed.docx")
    assert [(p.kind, p.new_text) for p in review.proposals] == [
        ("add", "Archived records\nOld records are kept offline.")
    ]
    apply_review(store, review, [review.proposals[0].id])
    notice = store.load()
    assert notice.find("retention").body == review_notice().find("retention").body
    assert [c.title for c, _, _ in notice.walk()][1:3] == ["Retention", "Archived records"]


def test_a_cross_reference_rewritten_around_keeps_the_reference(store: NoticeRepo, tmp_path: Path) -> None:
    """The reviewer retypes the sentence holding "section 2" but keeps those words: the
    clause keeps its [[retention]] reference, and the proposal does not warn."""
    sent = tmp_path / "review.docx"
    send_for_review(store, sent)
    doc = Document(str(sent))
    paragraph = find_paragraph(doc, "explains how")
    tracked_replace(paragraph, "See ", "Read ", ANNA)
    tracked_replace(paragraph, "section 2", "section 2 first", ANNA)  # the reference retyped, words kept
    doc.save(str(tmp_path / "reviewed.docx"))

    review = read_review(store, tmp_path / "reviewed.docx")
    change = by_text(review, "replace", "Read section 2 first")
    assert change.old_text == "See section 2"
    assert change.reference == "" and "cross-reference" not in change.sentence()
    apply_review(store, review, [change.id])
    assert (
        store.load().find("intro").body
        == "**{{ organisation.name }}** explains how it uses data. Read [[retention]] first."
    )


def test_a_cross_reference_whose_words_change_says_it_becomes_plain_words(store: NoticeRepo, tmp_path: Path) -> None:
    sent = tmp_path / "review.docx"
    send_for_review(store, sent)
    doc = Document(str(sent))
    tracked_replace(find_paragraph(doc, "explains how"), "section 2", "the retention rules", ANNA)
    doc.save(str(tmp_path / "reviewed.docx"))

    review = read_review(store, tmp_path / "reviewed.docx")
    change = by_text(review, "replace", "the retention rules")
    assert change.reference == "section 2"
    assert 'rewrites the cross-reference "section 2": accepting replaces the reference with plain words' in (
        change.sentence()
    )
    assert change.as_json()["reference"] == "section 2"
    apply_review(store, review, [change.id])  # counsel accepted knowingly: the words are written
    body = store.load().find("intro").body
    assert body.endswith("See the retention rules.") and "[[retention]]" not in body

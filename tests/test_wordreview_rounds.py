"""The Word review round trip, the way several reviewers and repeated imports use it: one
reviewer deleting another's insertion, a copy imported twice, values typed without Track
Changes, comments on table cells, moved list items, split paragraphs and retyped headings."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from notice_support import AUTHOR
from word_edits import comment_on, find_paragraph, tracked_insert_after, tracked_new_paragraph, untracked_replace
from word_edits import revision_mark as mark

from notice_studio.cli import main
from notice_studio.core.export.docx_revisions import set_custom_properties
from notice_studio.core.notice.model import Clause, Notice, NoticeError, Table
from notice_studio.core.notice.store import NoticeRepo
from notice_studio.core.wordreview import NotFromThisNoticeError, apply_review, read_review, send_for_review
from notice_studio.core.wordreview.send import COMMIT_PROPERTY

ANNA = "Anna Reviewer"
BEN = "Ben Outside"


def rounds_notice() -> Notice:
    notice = Notice(title="Privacy Notice", organisation="Fernhill Bakery Ltd")
    notice.variables["organisation.name"] = "Fernhill Bakery Ltd"
    notice.add(Clause("intro", "Introduction", "This notice says how the bakery handles what you tell us."))
    notice.add(Clause("orders", "Orders", "We keep your order for a year.\n\nThe oven log is kept for a week."))
    notice.add(Clause("contact", "Contact us", "Ring the shop or write to the bakery."))
    return notice


@pytest.fixture
def store(tmp_path: Path):
    with NoticeRepo.create(tmp_path / "notice", rounds_notice(), AUTHOR) as repo:
        yield repo


def sent_copy(store: NoticeRepo, tmp_path: Path):
    sent = tmp_path / "sent.docx"
    send_for_review(store, sent)
    return Document(str(sent))


def text_run(text: str, deleted: bool = False):
    r = OxmlElement("w:r")
    t = OxmlElement("w:delText" if deleted else "w:t")
    t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    t.text = text
    r.append(t)
    return r


def save(doc, tmp_path: Path, name: str = "reviewed.docx") -> Path:
    out = tmp_path / name
    doc.save(str(out))
    return out


# ----- 1. one reviewer deletes another's insertion -------------------------------------------------
@pytest.mark.parametrize("wrappers", [("ins", "del"), ("moveTo", "ins", "del"), ("ins", "moveFrom"), ("moveTo", "del")])
def test_an_insertion_deleted_by_another_reviewer_proposes_nothing(
    store: NoticeRepo, tmp_path: Path, wrappers: tuple[str, ...]
) -> None:
    doc = sent_copy(store, tmp_path)
    paragraph = find_paragraph(doc, "bakery handles")
    outer = parent = mark(wrappers[0], ANNA)
    for tag in wrappers[1:]:
        inner = mark(tag, BEN)
        parent.append(inner)
        parent = inner
    parent.append(text_run(" and the café's orders", deleted=wrappers[-1] in ("del", "moveFrom")))
    paragraph._p.append(outer)
    tracked_insert_after(find_paragraph(doc, "for a year"), "a year", " after you collect it", ANNA)
    review = read_review(store, save(doc, tmp_path))
    assert [(p.kind, p.new_text) for p in review.proposals] == [("insert", " after you collect it")]
    result = apply_review(store, review, review.to_propose)
    assert result.skipped == [] and len(result.applied) == 1
    assert store.load().find("intro").body == rounds_notice().find("intro").body
    assert store.load().find("orders").body.startswith("We keep your order for a year after you collect it.")


def test_a_paragraph_one_reviewer_added_and_another_deleted_is_not_there(store: NoticeRepo, tmp_path: Path) -> None:
    doc = sent_copy(store, tmp_path)
    added = tracked_new_paragraph(find_paragraph(doc, "for a year"), "Cakes are kept cold.", ANNA)
    for ins in added._p.iter(qn("w:ins")):  # Ben deletes Anna's paragraph: its text and its end
        for r in list(ins.findall(qn("w:r"))):
            for t in r.findall(qn("w:t")):
                t.tag = qn("w:delText")
            deletion = mark("del", BEN)
            r.addprevious(deletion)
            deletion.append(r)
    added._p.find(qn("w:pPr")).find(qn("w:rPr")).append(mark("del", BEN))
    review = read_review(store, save(doc, tmp_path))
    assert review.proposals == []


def test_words_typed_without_track_changes_then_deleted_with_it_do_not_stop_the_import(
    store: NoticeRepo, tmp_path: Path
) -> None:
    doc = sent_copy(store, tmp_path)
    paragraph = find_paragraph(doc, "bakery handles")
    deletion = mark("del", BEN)
    deletion.append(text_run(" fresh bread", deleted=True))  # typed with Track Changes off, deleted with it on
    paragraph._p.append(deletion)
    review = read_review(store, save(doc, tmp_path))
    assert all(p.kind != "format" for p in review.proposals)
    result = apply_review(store, review, review.to_propose)
    assert store.load().find("intro").body == rounds_notice().find("intro").body
    assert result.refused == []


# ----- 2, 3. placeholder values and table cells, imported once and again ---------------------------
def valued_notice() -> Notice:
    notice = Notice(title="Privacy Notice", organisation="Fernhill Bakery Ltd")
    notice.variables["organisation.name"] = "Fernhill Bakery Ltd"
    notice.variables["contact.email"] = "shop@fernhill.example"
    notice.add(Clause("intro", "Introduction", "{{ organisation.name }} bakes bread and keeps a few records."))
    notice.add(Clause("contact", "Contact us", "Write to {{ contact.email }} with any question."))
    notice.add(Clause("cookies", "Cookies", "The shop's website sets these:\n\n[[table:cookies]]"))
    notice.tables["cookies"] = Table(["Name", "Kept for"], [["basket", "1 day"], ["choice", "6 months"]])
    return notice


def valued_copy(store: NoticeRepo, tmp_path: Path) -> Path:
    doc = sent_copy(store, tmp_path)
    untracked_replace(find_paragraph(doc, "bakes bread"), "Fernhill Bakery Ltd", "Fernhill Bakery Group Ltd")
    untracked_replace(find_paragraph(doc, "Write to"), "shop@fernhill.example", "orders@fernhill.example")
    untracked_replace(doc.tables[0].cell(2, 1).paragraphs[0], "6 months", "12 months")
    return save(doc, tmp_path)


def test_a_value_typed_without_track_changes_names_the_whole_old_value(tmp_path: Path) -> None:
    with NoticeRepo.create(tmp_path / "notice", valued_notice(), AUTHOR) as store:
        review = read_review(store, valued_copy(store, tmp_path))
        values = {p.placeholder: p for p in review.proposals if p.kind == "value"}
        name, email = values["organisation.name"], values["contact.email"]
        assert (name.old_text, name.value) == ("Fernhill Bakery Ltd", "Fernhill Bakery Group Ltd")
        assert (email.old_text, email.value) == ("shop@fernhill.example", "orders@fernhill.example")
        assert 'from "Fernhill Bakery Ltd" to "Fernhill Bakery Group Ltd"' in name.sentence()
        assert name.as_json()["old"] == "Fernhill Bakery Ltd"


def test_a_copy_imported_again_after_accepting_all_has_every_change_in_the_draft(tmp_path: Path) -> None:
    with NoticeRepo.create(tmp_path / "notice", valued_notice(), AUTHOR) as store:
        copy_path = valued_copy(store, tmp_path)
        first = read_review(store, copy_path)
        assert {p.kind for p in first.proposals} == {"value", "replace"}
        done = apply_review(store, first, first.to_propose)
        assert done.skipped == [] and len(done.applied) == 3
        head = store.head()
        again = read_review(store, copy_path)
        assert again.in_draft == frozenset(p.id for p in again.proposals) and again.to_propose == []
        result = apply_review(store, again, [p.id for p in again.proposals])
        assert (result.refused, result.skipped, len(result.already)) == ([], [], 3)
        assert result.summary() == "Nothing was applied; 3 changes were already in the draft."
        assert store.head() == head


def test_a_table_cell_is_changed_when_counsel_edited_another_cell_since(tmp_path: Path) -> None:
    with NoticeRepo.create(tmp_path / "notice", valued_notice(), AUTHOR) as store:
        copy_path = valued_copy(store, tmp_path)
        draft = store.load()
        draft.tables["cookies"] = Table(["Name", "Kept for"], [["basket", "2 days"], ["choice", "6 months"]])
        store.save(draft, "Edited the table 'cookies'", AUTHOR)
        review = read_review(store, copy_path)
        cell = next(p for p in review.proposals if p.part == "table")
        result = apply_review(store, review, [cell.id])
        assert result.skipped == [] and result.applied == [cell.id]
        assert store.load().tables["cookies"].rows == [["basket", "2 days"], ["choice", "12 months"]]


# ----- 4. comments on table cells ----------------------------------------------------------------------
def test_a_comment_on_a_table_cell_is_listed_under_the_tables_section(tmp_path: Path) -> None:
    notice = valued_notice()
    notice.add(Clause("bases", "Legal bases", "Why we may:\n\n| Purpose | Basis |\n|---|---|\n| Orders | Contract |"))
    with NoticeRepo.create(tmp_path / "notice", notice, AUTHOR) as store:
        doc = sent_copy(store, tmp_path)
        cookies, bases = doc.tables
        comment_on(doc, cookies.cell(1, 0).paragraphs[0], "basket", "Is the basket cookie ours?", ANNA)
        comment_on(doc, bases.cell(1, 1).paragraphs[0], "Contract", "Or legitimate interest?", BEN)
        review = read_review(store, save(doc, tmp_path))
        comments = [(p.clause_id, p.author, p.comments[0].text) for p in review.proposals if p.kind == "comment"]
        assert comments == [
            ("cookies", ANNA, "Is the basket cookie ours?"),
            ("bases", BEN, "Or legitimate interest?"),
        ]
        on_cell = next(p for p in review.proposals if p.kind == "comment" and p.clause_id == "cookies")
        assert on_cell.sentence() == (
            f"{ANNA} commented on 'Cookies' (table 'cookies', row 1, column 'Name'): \"Is the basket cookie ours?\""
        )


def test_a_comment_in_a_typed_table_whose_rows_changed_is_still_read(tmp_path: Path) -> None:
    notice = rounds_notice()
    notice.add(Clause("bases", "Legal bases", "Why we may:\n\n| Purpose | Basis |\n|---|---|\n| Orders | Contract |"))
    with NoticeRepo.create(tmp_path / "notice", notice, AUTHOR) as store:
        doc = sent_copy(store, tmp_path)
        bases = doc.tables[0]
        comment_on(doc, bases.cell(1, 1).paragraphs[0], "Contract", "Or legitimate interest?", BEN)
        bases.add_row()
        review = read_review(store, save(doc, tmp_path))
        assert review.unread and "Legal bases" in review.unread[0]
        assert [(p.clause_id, p.comments[0].text) for p in review.proposals if p.kind == "comment"] == [
            ("bases", "Or legitimate interest?")
        ]


# ----- 5. a list item moved keeps its bold; a move is one proposal ------------------------------------
def listed_notice() -> Notice:
    notice = rounds_notice()
    notice.add(
        Clause(
            "kinds",
            "What we collect",
            "We collect:\n\n- **Orders:** loaves, cakes and pies bought online.\n"
            "- **Visits:** dates of each shop call, per till roll.",
        )
    )
    return notice


def as_moved(paragraph, tag: str, author: str) -> None:
    """Wrap the paragraph's runs and its end in a tracked move mark (`moveFrom` or `moveTo`)."""
    wrapper = mark(tag, author)
    runs = paragraph._p.findall(qn("w:r"))
    runs[0].addprevious(wrapper)
    for r in runs:
        if tag == "moveFrom":
            for t in r.findall(qn("w:t")):
                t.tag = qn("w:delText")
        wrapper.append(r)
    rpr = OxmlElement("w:rPr")
    rpr.append(mark(tag, author))
    paragraph._p.get_or_add_pPr().append(rpr)


@pytest.mark.parametrize("tracked", [False, True])
def test_a_moved_list_item_is_one_move_and_keeps_its_bold(tmp_path: Path, tracked: bool) -> None:
    with NoticeRepo.create(tmp_path / "notice", listed_notice(), AUTHOR) as store:
        doc = sent_copy(store, tmp_path)
        orders, visits = find_paragraph(doc, "loaves"), find_paragraph(doc, "till roll")
        if tracked:
            moved = copy.deepcopy(orders._p)
            visits._p.addnext(moved)
            as_moved(orders, "moveFrom", ANNA)
            as_moved(type(orders)(moved, orders._parent), "moveTo", ANNA)
        else:
            visits._p.addnext(orders._p)
        review = read_review(store, save(doc, tmp_path))
        assert [(p.kind, p.tracked) for p in review.proposals] == [("move", tracked)]
        move = review.proposals[0]
        assert move.sentence().startswith(
            f'{ANNA if tracked else "Word reviewer"} moved "Orders: loaves, cakes and pies bought online." '
            'to follow "shop call, per till roll."'
        )
        apply_review(store, review, [move.id])
        assert store.load().find("kinds").body == (
            "We collect:\n\n- **Visits:** dates of each shop call, per till roll.\n"
            "- **Orders:** loaves, cakes and pies bought online."
        )


def test_bold_words_a_reviewer_types_are_bold_in_the_text(store: NoticeRepo, tmp_path: Path) -> None:
    doc = sent_copy(store, tmp_path)
    paragraph = find_paragraph(doc, "for a year")
    tracked_insert_after(paragraph, "a year", " at most", ANNA)
    inserted = paragraph._p.find(qn("w:ins")).find(qn("w:r"))
    rpr = OxmlElement("w:rPr")
    rpr.append(OxmlElement("w:b"))
    inserted.insert(0, rpr)
    review = read_review(store, save(doc, tmp_path))
    apply_review(store, review, review.to_propose)
    assert store.load().find("orders").body.startswith("We keep your order for a year **at most**.")


# ----- 6. a plain paragraph typed before a list stays out of it --------------------------------------
@pytest.mark.parametrize(
    ("style", "expected"),
    [
        (
            None,
            "We weigh:\n\nReceipts are kept for six years.\n\n- **need:** what the order needs;\n- **law:** tax rules.",
        ),
        (
            "List Bullet",
            "We weigh:\n\n- Receipts are kept for six years.\n- **need:** what the order needs;\n- **law:** tax rules.",
        ),
    ],
)
def test_a_new_paragraph_before_a_list_is_a_list_item_only_if_it_is_one_in_word(
    tmp_path: Path, style: str | None, expected: str
) -> None:
    notice = rounds_notice()
    notice.add(Clause("keep", "Keeping", "We weigh:\n\n- **need:** what the order needs;\n- **law:** tax rules."))
    with NoticeRepo.create(tmp_path / "notice", notice, AUTHOR) as store:
        doc = sent_copy(store, tmp_path)
        tracked_new_paragraph(find_paragraph(doc, "We weigh"), "Receipts are kept for six years.", ANNA, style)
        review = read_review(store, save(doc, tmp_path))
        assert [(p.kind, p.new_text) for p in review.proposals] == [("insert", "Receipts are kept for six years.\n")]
        apply_review(store, review, review.to_propose)
        assert store.load().find("keep").body == expected


# ----- 7. a paragraph split or joined is said in words ---------------------------------------------
def test_a_paragraph_split_or_joined_is_described(store: NoticeRepo, tmp_path: Path) -> None:
    doc = sent_copy(store, tmp_path)
    order = find_paragraph(doc, "for a year")  # Enter after "order": two paragraphs
    order.insert_paragraph_before("We keep your order", order.style)
    order.runs[0].text = "for a year."
    review = read_review(store, save(doc, tmp_path, "split.docx"))
    assert [p.sentence() for p in review.proposals] == [
        "Word reviewer split the paragraph after \"We keep your order\" in 'Orders' (typed without Track Changes)."
    ]
    doc = sent_copy(store, tmp_path)
    oven = find_paragraph(doc, "oven log")  # Delete at the end of the first paragraph: one paragraph
    find_paragraph(doc, "for a year").runs[0].text += " " + oven.text
    oven._p.getparent().remove(oven._p)
    review = read_review(store, save(doc, tmp_path, "joined.docx"))
    assert [p.sentence() for p in review.proposals] == [
        (
            "Word reviewer joined the paragraph ending \"your order for a year.\" to the next one in 'Orders' "
            "(typed without Track Changes)."
        )
    ]


# ----- 8. a retyped heading is a rename; a typed number is not part of a title ----------------------
def test_a_retyped_heading_is_the_same_section_renamed(store: NoticeRepo, tmp_path: Path) -> None:
    doc = sent_copy(store, tmp_path)
    heading = find_paragraph(doc, "Orders")
    for mark_element in [*heading._p.iter(qn("w:bookmarkStart")), *heading._p.iter(qn("w:bookmarkEnd"))]:
        mark_element.getparent().remove(mark_element)
    for r in heading.runs[1:]:
        r._r.getparent().remove(r._r)
    heading.runs[0].text = "2. Your orders"
    added = tracked_new_paragraph(find_paragraph(doc, "oven log"), "4. Deliveries", None, heading.style.name)
    tracked_new_paragraph(added, "We deliver on Saturdays.", None)
    review = read_review(store, save(doc, tmp_path))
    said = [(p.clause_id, p.kind, p.old_text, p.new_text) for p in review.proposals]
    assert said[0] == ("orders", "replace", "Orders", "Your orders")
    assert [p.clause_title for p in review.proposals if p.kind == "add"] == ["Deliveries"]
    assert not [p for p in review.proposals if p.kind == "remove"]
    apply_review(store, review, review.to_propose)
    notice = store.load()
    assert [c.title for c in notice.clauses] == ["Introduction", "Your orders", "Deliveries", "Contact us"]
    assert notice.find("orders").body == rounds_notice().find("orders").body


# ----- 9. a copy from a saved edit this copy lacks; a copy from another notice ----------------------
def test_a_copy_sent_from_an_edit_not_synced_here_says_to_sync(
    store: NoticeRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sent = tmp_path / "sent.docx"
    send_for_review(store, sent)
    doc = Document(str(sent))
    set_custom_properties(doc, {COMMIT_PROPERTY: "0123456789abcdef0123456789abcdef01234567"})
    doc.save(str(tmp_path / "unsynced.docx"))
    with pytest.raises(NoticeError) as caught:
        read_review(store, tmp_path / "unsynced.docx")
    assert not isinstance(caught.value, NotFromThisNoticeError)
    assert "saved edit of this notice (01234567) that this copy does not have" in str(caught.value)
    assert str(caught.value).endswith(f"run notice-studio sync {store.path} and import it again.")
    assert caught.value.in_app.endswith("use Sync with server, then import it again.")


def test_a_copy_from_another_notice_with_the_same_title_names_both(tmp_path: Path, capsys) -> None:
    with NoticeRepo.create(tmp_path / "staff", rounds_notice(), AUTHOR) as other:
        send_for_review(other, tmp_path / "staff.docx")
        other_id = other.identity()
    with NoticeRepo.create(tmp_path / "shop", rounds_notice(), AUTHOR) as store:
        here = store.identity()
    assert main(["review-import", str(tmp_path / "shop"), str(tmp_path / "staff.docx")]) == 1
    err = capsys.readouterr().err
    assert err == (
        f"notice-studio: staff.docx was sent for review from another notice, 'Privacy Notice' (id {other_id[:8]}), "
        f"not from 'Privacy Notice' in the folder shop (id {here[:8]}); open that notice to import it, or to make "
        f"it a notice of its own, run notice-studio import {tmp_path / 'staff.docx'} NEW_FOLDER.\n"
    )


# ----- 10. a new section whose neighbour was taken out meanwhile ------------------------------------
def test_a_new_section_whose_neighbour_is_gone_goes_after_the_one_before_and_says_so(
    store: NoticeRepo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = sent_copy(store, tmp_path)
    heading = find_paragraph(doc, "Orders")
    added = tracked_new_paragraph(find_paragraph(doc, "oven log"), "Deliveries", ANNA, heading.style.name)
    tracked_new_paragraph(added, "We deliver on Saturdays.", ANNA)
    reviewed = save(doc, tmp_path)
    draft = store.load()
    draft.remove("orders")
    store.save(draft, "Took out 'Orders'", AUTHOR)
    folder = store.path
    store.close()
    assert main(["review-import", str(folder), str(reviewed), "--accept-all"]) == 0
    out = capsys.readouterr().out
    assert (
        "Note: The new section 'Deliveries' went after 'Introduction', because 'Orders', the section it followed "
        "in the copy, is no longer in the draft; move it if it belongs elsewhere.\n"
    ) in out
    with NoticeRepo.open(folder) as again:
        assert [c.title for c in again.load().clauses] == ["Introduction", "Deliveries", "Contact us"]


def test_two_changes_in_one_value_are_one_new_value(tmp_path: Path) -> None:
    notice = valued_notice()
    notice.variables["organisation.address"] = "12 Mill Lane, Fernhill, Northshire FH1 2AB"
    notice.add(Clause("post", "Post", "Our shop is at {{ organisation.address }} for letters."))
    with NoticeRepo.create(tmp_path / "notice", notice, AUTHOR) as store:
        doc = sent_copy(store, tmp_path)
        paragraph = find_paragraph(doc, "Mill Lane")
        untracked_replace(paragraph, "12 Mill", "14 Mill")
        untracked_replace(paragraph, "FH1 2AB", "FH1 3CD")
        review = read_review(store, save(doc, tmp_path))
        assert [(p.kind, p.old_text, p.value) for p in review.proposals] == [
            ("value", "12 Mill Lane, Fernhill, Northshire FH1 2AB", "14 Mill Lane, Fernhill, Northshire FH1 3CD")
        ]
        result = apply_review(store, review, review.to_propose)
        assert result.skipped == []
        assert store.load().variables["organisation.address"] == "14 Mill Lane, Fernhill, Northshire FH1 3CD"
        assert store.load().find("post").body == notice.find("post").body


def test_a_word_deleted_in_one_place_and_typed_in_another_stays_two_changes(store: NoticeRepo, tmp_path: Path) -> None:
    doc = sent_copy(store, tmp_path)
    untracked_replace(find_paragraph(doc, "for a year"), "for a year", "a year")
    untracked_replace(find_paragraph(doc, "oven log"), "for a week", "for for a week")
    review = read_review(store, save(doc, tmp_path))
    assert sorted(p.kind for p in review.proposals) == ["delete", "insert"]

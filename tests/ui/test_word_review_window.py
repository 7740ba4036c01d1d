"""The Word review round trip in the app: File menu, the comparison window's proposals, applying."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from docx import Document
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QMessageBox

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from notice_support import git
from word_edits import comment_on, tracked_new_paragraph, tracked_replace

from notice_studio.ui.compare import word_review_menu
from notice_studio.ui.compare.review_window import WordReviewWindow

ANNA = "Anna Reviewer"


def body_paragraph(document):
    """The first clause paragraph with a few plain words (after the first heading)."""
    seen_heading = False
    for p in document.paragraphs:
        if p.style.name.startswith("Heading"):
            seen_heading = True
        elif seen_heading and p.style.name == "Normal" and len(p.runs) == 1 and len(p.text.split()) > 4:
            return p
    raise AssertionError("no plain paragraph")


def open_review(qtbot, window, reviewed: Path) -> WordReviewWindow:
    """Import `reviewed` through the File menu's path and wait for its comparison window."""
    word_review_menu.import_from(window, reviewed)
    qtbot.waitUntil(lambda: getattr(window, "word_review_window", None) is not None, timeout=15000)
    review_window: WordReviewWindow = window.word_review_window
    qtbot.addWidget(review_window)
    qtbot.waitUntil(lambda: review_window.diff is not None, timeout=15000)
    return review_window


def test_send_review_import_accept_and_apply(qtbot, window, tmp_path: Path) -> None:
    assert window.act_review_send.text().startswith("Send for review")
    sent = tmp_path / "for-review.docx"
    word_review_menu.send_to(window, sent)
    qtbot.waitUntil(sent.exists, timeout=15000)
    qtbot.waitUntil(lambda: "Saved" in window.statusBar().currentMessage(), timeout=15000)

    document = Document(str(sent))
    paragraph = body_paragraph(document)
    first, second = paragraph.text.split()[:2]
    tracked_replace(paragraph, second, "REVIEWED", ANNA)
    comment_on(document, paragraph, first, "Please check this wording.", ANNA)
    reviewed = tmp_path / "reviewed.docx"
    document.save(str(reviewed))

    review_window = open_review(qtbot, window, reviewed)
    assert review_window.proposal_list.count() == 1
    item = review_window.proposal_list.item(0)
    assert f'{ANNA} replaced "{second}" with "REVIEWED"' in item.text()
    review_window.proposal_list.setCurrentRow(0)
    assert "Please check this wording." in review_window.comment_view.toPlainText()
    assert not review_window.apply_button.isEnabled()
    review_window.accept_button.click()
    assert item.checkState() == Qt.CheckState.Checked and review_window.apply_button.isEnabled()
    review_window.grab().save(str(tmp_path / "review-window.png"))

    with qtbot.waitSignal(review_window.applied, timeout=20000):
        review_window.apply_button.click()
    clause_id = next(p.clause_id for p in review_window.review.proposals if p.kind == "replace" and p.part == "body")
    qtbot.waitUntil(lambda: "REVIEWED" in window.session.notice.find(clause_id).body, timeout=10000)
    assert git(window.session.path, "log", "-1", "--format=%an").strip() == ANNA


def test_a_file_not_sent_from_this_notice_offers_a_plain_import(qtbot, window, tmp_path: Path) -> None:
    plain = tmp_path / "plain.docx"
    Document().save(str(plain))
    word_review_menu.import_from(window, plain)
    qtbot.waitUntil(lambda: getattr(window, "word_review_message", None) is not None, timeout=15000)
    box: QMessageBox = window.word_review_message
    assert "was not sent for review" in box.text()
    assert any(b.text() == "Import as a new notice…" for b in box.buttons())
    # The sentence names the button beside it and what it does, not the command line's 'notice-studio import'.
    assert box.text().endswith("to make it a notice of its own, use Import as a new notice.")
    assert "notice-studio" not in box.text()
    box.reject()


def test_import_as_a_new_notice_opens_the_import_with_the_file_chosen(
    qtbot, window, tmp_path: Path, monkeypatch
) -> None:
    from notice_studio.ui.importing.import_dialog import ImportDialog

    plain = tmp_path / "plain.docx"
    Document().save(str(plain))
    chosen: list[str] = []
    monkeypatch.setattr(ImportDialog, "exec", lambda dialog: chosen.append(dialog.path_edit.text()) or 0)
    word_review_menu.import_from(window, plain)
    qtbot.waitUntil(lambda: getattr(window, "word_review_message", None) is not None, timeout=15000)
    box: QMessageBox = window.word_review_message
    next(b for b in box.buttons() if b.text() == "Import as a new notice…").click()
    qtbot.waitUntil(lambda: bool(chosen), timeout=5000)
    assert Path(chosen[0]) == plain


def one_change_accepted(qtbot, window, tmp_path: Path):
    """Send the notice to Word, have Anna replace a word in the first clause, read it back and accept
    the change (not yet applied): the review window and the reviewed clause's id."""
    sent = tmp_path / "for-review.docx"
    word_review_menu.send_to(window, sent)
    qtbot.waitUntil(sent.exists, timeout=15000)
    document = Document(str(sent))
    paragraph = body_paragraph(document)
    tracked_replace(paragraph, paragraph.text.split()[1], "REVIEWED", ANNA)
    document.save(str(tmp_path / "edited.docx"))
    review_window = open_review(qtbot, window, tmp_path / "edited.docx")
    review_window.proposal_list.setCurrentRow(0)
    review_window.accept_button.click()
    reviewed_id = review_window.review.proposals[0].clause_id
    return review_window, reviewed_id


def test_typing_while_the_review_is_applied_is_kept(qtbot, window, tmp_path: Path) -> None:
    """Text typed after Apply is clicked (before the changes are saved) survives the reload."""
    review_window, reviewed_id = one_change_accepted(qtbot, window, tmp_path)
    typed_id = next(c.id for c, _, _ in window.session.notice.walk() if c.id != reviewed_id and c.body.strip())
    window.select_clause(typed_id)
    qtbot.waitUntil(lambda: window.editor.clause_id == typed_id, timeout=5000)

    gate = threading.Event()
    window.tasks.write(lambda: gate.wait(20))  # the write lane is busy: Apply waits its turn
    with qtbot.waitSignal(review_window.applied, timeout=30000):
        review_window.apply_button.click()
        window.editor.body.moveCursor(QTextCursor.MoveOperation.End)
        qtbot.keyClicks(window.editor.body, " Typed during apply.")
        gate.set()
    notice = window.session.notice
    assert "REVIEWED" in notice.find(reviewed_id).body
    assert notice.find(typed_id).body.endswith(" Typed during apply.")
    qtbot.waitUntil(lambda: window.editor.body.toPlainText().endswith(" Typed during apply."), timeout=5000)

    def saved_body(clause_id: str) -> str:
        return (window.session.path / "clauses" / f"{clause_id}.md").read_text(encoding="utf-8")

    qtbot.waitUntil(lambda: "Typed during apply." in saved_body(typed_id), timeout=15000)
    assert "REVIEWED" in saved_body(reviewed_id)
    # no save of the draft as it was before the review landed on top of it
    last = git(window.session.path, "log", "-1", "--format=%an", "--", f"clauses/{reviewed_id}.md").strip()
    assert last == ANNA


def test_a_section_the_reviewer_added_is_listed_and_described(qtbot, window, tmp_path: Path) -> None:
    sent = tmp_path / "for-review.docx"
    word_review_menu.send_to(window, sent)
    qtbot.waitUntil(sent.exists, timeout=15000)
    document = Document(str(sent))
    heading = tracked_new_paragraph(body_paragraph(document), "Archived records", ANNA, "Heading 1")
    tracked_new_paragraph(heading, "Old records are kept offline.", ANNA)
    document.save(str(tmp_path / "added.docx"))
    review_window = open_review(qtbot, window, tmp_path / "added.docx")
    assert review_window.proposal_list.count() == 1
    assert review_window.proposal_list.item(0).text().startswith(f'{ANNA} added a new section "Archived records"')
    review_window.proposal_list.setCurrentRow(0)
    shown = review_window.comment_view.toPlainText()
    assert "A new section after" in shown and "Old records are kept offline." in shown


def test_apply_saves_a_title_typed_without_pressing_enter(qtbot, window, tmp_path: Path) -> None:
    """A clause title still being typed when Apply is clicked is saved with the review, not lost."""
    review_window, reviewed_id = one_change_accepted(qtbot, window, tmp_path)
    titled_id = next(c.id for c, _, _ in window.session.notice.walk() if c.id != reviewed_id)
    window.select_clause(titled_id)
    qtbot.waitUntil(lambda: window.editor.clause_id == titled_id, timeout=5000)

    window.editor.title.selectAll()
    qtbot.keyClicks(window.editor.title, "Renamed before apply")  # no Enter, focus stays put
    assert window.session.notice.find(titled_id).title != "Renamed before apply"
    with qtbot.waitSignal(review_window.applied, timeout=30000):
        review_window.apply_button.click()
    notice = window.session.notice
    assert notice.find(titled_id).title == "Renamed before apply"
    assert "REVIEWED" in notice.find(reviewed_id).body

    # The title was typed before Apply, so it is saved before the reviewer's edit, not after it
    # as if typed during the apply (where it would silently win over a reviewer's new title).
    reviewer_edit = git(window.session.path, "log", "-1", f"--author={ANNA}", "--format=%H").strip()
    at_review = window.session.repo.notice_at(reviewer_edit)
    assert at_review.find(titled_id).title == "Renamed before apply"
    assert "REVIEWED" in at_review.find(reviewed_id).body


def test_a_rewritten_cross_reference_is_flagged_in_the_list_and_the_panel(qtbot, window, tmp_path: Path) -> None:
    clauses = [c for c, _, _ in window.session.notice.walk()]
    source, target = clauses[0], clauses[-1]
    window.select_clause(source.id)
    qtbot.waitUntil(lambda: window.editor.clause_id == source.id, timeout=5000)
    window.editor.body.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(window.editor.body, f" See [[{target.id}]].")
    sent = tmp_path / "for-review.docx"
    word_review_menu.send_to(window, sent)
    qtbot.waitUntil(lambda: "Saved" in window.statusBar().currentMessage(), timeout=15000)
    document = Document(str(sent))
    number = window.session.notice.numbers()[target.id]
    paragraph = next(p for p in document.paragraphs if f"See section {number}." in p.text)
    tracked_replace(paragraph, f"section {number}", "the last part", ANNA)
    document.save(str(tmp_path / "reviewed.docx"))

    review_window = open_review(qtbot, window, tmp_path / "reviewed.docx")
    assert review_window.proposal_list.count() == 1
    assert f'rewrites the cross-reference "section {number}"' in review_window.proposal_list.item(0).text()
    review_window.proposal_list.setCurrentRow(0)
    assert "accepting replaces the reference" in review_window.comment_view.toPlainText()
    review_window.grab().save(str(tmp_path / "cross-reference.png"))


def test_a_copy_that_cannot_be_imported_is_told_in_the_apps_words(qtbot, window, tmp_path: Path, monkeypatch) -> None:
    from notice_studio.core.export.docx_revisions import set_custom_properties
    from notice_studio.core.wordreview.send import COMMIT_PROPERTY

    shown: list[str] = []
    monkeypatch.setattr(window, "show_error", shown.append)
    sent = tmp_path / "for-review.docx"
    word_review_menu.send_to(window, sent)
    qtbot.waitUntil(sent.exists, timeout=15000)
    document = Document(str(sent))
    set_custom_properties(document, {COMMIT_PROPERTY: "0123456789abcdef0123456789abcdef01234567"})
    document.save(str(tmp_path / "unsynced.docx"))
    word_review_menu.import_from(window, tmp_path / "unsynced.docx")
    qtbot.waitUntil(lambda: bool(shown), timeout=15000)
    assert shown[-1].endswith("use Sync with server, then import it again.") and "notice-studio" not in shown[-1]

    def fault(path):
        raise ValueError("zip() argument 2 is longer than argument 1")

    monkeypatch.setattr(window.session.workspace, "read_word_review", fault)
    word_review_menu.import_from(window, sent)
    qtbot.waitUntil(lambda: len(shown) == 2, timeout=15000)
    assert shown[-1] == (
        "for-review.docx could not be read because of a fault in Notice Studio (ValueError); nothing was changed, "
        "so please report it with the file."
    )


def test_accept_all_counts_changes_not_comments_and_the_list_says_what_was_not_applied(
    qtbot, window, tmp_path: Path
) -> None:
    from ui_support import UI_AUTHOR

    sent = tmp_path / "for-review.docx"
    word_review_menu.send_to(window, sent)
    qtbot.waitUntil(sent.exists, timeout=15000)
    document = Document(str(sent))
    paragraph = body_paragraph(document)
    second = paragraph.text.split()[1]
    tracked_replace(paragraph, second, "REVIEWED", ANNA)
    headings = [p for p in document.paragraphs if p.style.name.startswith("Heading") and p.text.split()]
    tracked_replace(headings[-1], headings[-1].text.split()[-1], "RETITLED", ANNA)  # another section's title
    comment_on(document, headings[0], headings[0].text.split()[-1], "Is this the right title?", ANNA)  # a comment row
    document.save(str(tmp_path / "reviewed.docx"))
    review_window = open_review(qtbot, window, tmp_path / "reviewed.docx")
    assert sorted(p.kind for p in review_window.review.proposals) == ["comment", "replace", "replace"]
    clause_id = next(p.clause_id for p in review_window.review.proposals if p.kind == "replace" and p.part == "body")

    # counsel edits the same words after the copy was read: that change cannot be made
    window.select_clause(clause_id)
    qtbot.waitUntil(lambda: window.editor.clause_id == clause_id, timeout=5000)
    cursor = window.editor.body.textCursor()
    cursor.setPosition(window.editor.body.toPlainText().index(second) + len(second))
    window.editor.body.setTextCursor(cursor)
    qtbot.keyClicks(window.editor.body, "ZZ")
    window.save_typing()
    saved = window.session.path / "clauses" / f"{clause_id}.md"
    qtbot.waitUntil(lambda: f"{second}ZZ" in saved.read_text(encoding="utf-8"), timeout=15000)

    review_window.accept_all_button.click()
    assert review_window.apply_button.text() == "Apply 2 accepted changes"
    with qtbot.waitSignal(review_window.applied, timeout=20000) as applied:
        review_window.apply_button.click()
    result = applied.args[0]
    assert len(result.refused) == 1 and len(result.applied) == 1
    rows = {
        review_window.proposal_list.item(k).data(Qt.ItemDataRole.UserRole): review_window.proposal_list.item(k)
        for k in range(review_window.proposal_list.count())
    }
    assert rows[result.refused[0]].text().endswith("Not applied: the draft was edited there since; make it by hand.")
    assert rows[result.applied[0]].text().endswith("Applied.")
    log = git(window.session.path, "log", "-1", "--format=%an|%cn <%ce>").strip()
    assert log == f"{ANNA}|{UI_AUTHOR.name} <{UI_AUTHOR.email}>"

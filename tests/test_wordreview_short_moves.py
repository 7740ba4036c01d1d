"""Short list items a reviewer dragged into another order without Track Changes come in as moves:
the item's text is the same where it went, so it is one proposal to accept, not a run of replaced
words (short items that share most of their words would otherwise be read word by word)."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from notice_support import AUTHOR
from word_edits import find_paragraph

from notice_studio.core.notice.model import Clause, Notice
from notice_studio.core.notice.store import NoticeRepo
from notice_studio.core.wordreview import apply_review, read_review, send_for_review

ITEMS = ["your name", "your email address", "your phone number", "your postal address", "your date of birth"]


def short_items_notice() -> Notice:
    notice = Notice(title="Privacy Notice", organisation="Gullrock Ferries Ltd")
    notice.add(Clause("intro", "Introduction", "This notice says what the ferry office keeps about passengers."))
    notice.add(
        Clause("kept", "What we keep", "When you book a crossing we keep:\n\n" + "\n".join(f"- {i}" for i in ITEMS))
    )
    return notice


@pytest.mark.parametrize(
    ("item", "after"),
    [("your phone number", "your name"), ("your name", "your date of birth"), ("your date of birth", None)],
)
def test_a_short_item_dragged_elsewhere_untracked_is_one_move(tmp_path: Path, item: str, after: str | None) -> None:
    with NoticeRepo.create(tmp_path / "notice", short_items_notice(), AUTHOR) as store:
        sent = tmp_path / "sent.docx"
        send_for_review(store, sent)
        doc = Document(str(sent))
        moved = find_paragraph(doc, item)
        if after is None:  # to the top of the list
            find_paragraph(doc, ITEMS[0])._p.addprevious(moved._p)
        else:
            find_paragraph(doc, after)._p.addnext(moved._p)
        doc.save(str(tmp_path / "reviewed.docx"))
        review = read_review(store, tmp_path / "reviewed.docx")
        assert [(p.kind, p.tracked, " ".join(p.new_text.split())) for p in review.proposals] == [("move", False, item)]
        apply_review(store, review, [review.proposals[0].id])
        order = [i for i in ITEMS if i != item]
        order.insert(0 if after is None else order.index(after) + 1, item)
        assert store.load().find("kept").body == "When you book a crossing we keep:\n\n" + "\n".join(
            f"- {i}" for i in order
        )

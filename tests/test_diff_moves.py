"""Moved text and re-made sections: paragraphs moved within or between sections are moves (in
the diff, its text and JSON, both redlines and the change notice), and a section whose id
changed but whose words did not is one section, renamed or rewritten."""

from __future__ import annotations

import copy
import datetime as dt
import io
import json
from pathlib import Path

import pytest
from docx import Document
from notice_support import AUTHOR
from word_edits import revision_texts

from notice_studio.cli import main
from notice_studio.core.diff.changes import draft_change_notice
from notice_studio.core.diff.lines import diff_body
from notice_studio.core.diff.notices import ChangeKind, NoticeDiff, diff_versions
from notice_studio.core.diff.pairing import pair_sections, similarity
from notice_studio.core.diff.words import WordOp, diff_words
from notice_studio.core.export.redline import redline_html
from notice_studio.core.export.redline_docx import redline_docx_bytes
from notice_studio.core.notice.model import Clause, Notice
from notice_studio.core.notice.store import NoticeRepo

SAFETY_LAST = "Nothing online is ever perfectly safe. Should a breach put you at risk, we will let you know promptly."
SAFETY = (
    "We guard the records we hold with locks, logins and audits.\n\n"
    + SAFETY_LAST
    + "\n\nYou can help by picking a long passphrase and keeping it to yourself."
)
USES = (
    "We rely on the details we hold to:\n\n"
    "- **Run the app:** opening your account and keeping your settings.\n"
    "- **Bill you:** charging your card and keeping receipts.\n"
    "- **Send offers:** telling you about new plans when you agreed to hear about them ([[choices]]).\n"
    "- **Obey the law:** keeping ledgers for the tax office and replying to court orders."
)
USES_LEFT = (
    "We rely on the details we hold to:\n\n"
    "- **Run the app:** opening your account and keeping your settings.\n"
    "- **Bill you:** charging your card and keeping receipts."
)
USES_MOVED = (
    "We also rely on them to:\n\n"
    "- **Send offers:** telling you about new plans when you agreed to hear about them ([[choices]]).\n"
    "- **Obey the law:** keeping ledgers for the tax office and replying to court orders."
)
CHOICES = "You can stop our offers at any time from the link at the foot of each one we send."


def base_notice() -> Notice:
    notice = Notice(title="Privacy Notice", organisation="Acme Ltd")
    notice.add(Clause("intro", "Who we are", "Acme Ltd runs the Acme app for small shops."))
    notice.add(Clause("uses", "How we use your details", USES, topics=["purposes"]))
    notice.add(Clause("choices", "Your marketing choices", CHOICES, topics=["marketing"]))
    notice.add(Clause("safety", "Keeping your details safe", SAFETY, topics=["security"]))
    return notice


def compare(tmp_path: Path, edit) -> tuple[NoticeRepo, NoticeDiff]:
    repo = NoticeRepo.create(tmp_path / "acme", base_notice(), AUTHOR)
    repo.publish(dt.date(2026, 1, 1), "First version.", True, "GC", AUTHOR)
    notice = repo.load()
    edit(notice)
    repo.save(notice, "Edits", AUTHOR)
    return repo, diff_versions(repo, "v1", "draft")


def saved_folder(tmp_path: Path, edit) -> str:
    """The notice's folder after `compare` (closed, for the command line)."""
    repo, _ = compare(tmp_path, edit)
    repo.close()
    return str(repo.path)


def move_last_paragraph_up(notice: Notice) -> None:
    first, last, help_text = SAFETY.split("\n\n")
    notice.set_body("safety", "\n\n".join([first, help_text, last]))


def split_uses(notice: Notice) -> None:
    notice.set_body("uses", USES_LEFT)
    notice.add(Clause("more-uses", "Other uses", USES_MOVED, topics=["purposes"]), index=2)


# ----- moved text ------------------------------------------------------------------------------
def test_a_paragraph_moved_within_a_section_is_a_move(tmp_path: Path) -> None:
    repo, diff = compare(tmp_path, move_last_paragraph_up)
    with repo:
        safety = diff.clause("safety")
        moved = [o for o in safety.rendered_ops if o.moved]
        assert {o.op for o in moved} == {"delete", "insert"}
        assert len({o.moved for o in moved}) == 1
        # The two last paragraphs swapped places: one of them is told as moved (the fewest words).
        assert [(m.from_clause, m.to_clause) for m in diff.moves] == [("safety", "safety")]
        assert diff.moves[0].text in SAFETY.split("\n\n")[1:]
        assert all(diff.moves[0].text in o.text for o in moved)
        assert all(o.moved for o in safety.rendered_ops if o.op != "equal")
        notice = draft_change_notice(diff).text
        assert "Nothing online" not in notice and "You can help" not in notice  # never "we added"/"we removed"
        assert 'moved text within the section "Keeping your details safe"' in notice


def test_a_split_section_tells_readers_the_text_moved_not_that_it_was_removed(tmp_path: Path) -> None:
    repo, diff = compare(tmp_path, split_uses)
    with repo:
        assert [(m.from_clause, m.to_clause) for m in diff.moves] == [("uses", "more-uses")]
        assert "Obey the law" in diff.moves[0].text and "Send offers" in diff.moves[0].text
        assert all(o.moved for o in diff.clause("uses").rendered_ops if o.op == "delete")
        notice = draft_change_notice(diff).text
        assert "removed" not in notice
        assert "We added a section" not in notice
        assert 'We moved the part about "Send offers' in notice
        assert 'from "How we use your details" to a new section "Other uses"' in notice


def test_short_or_merely_similar_sentences_are_not_moves() -> None:
    from notice_studio.core.diff.moves import mark_moves

    gone = diff_words("We keep logs. Yes.", "We keep logs.")
    came = diff_words("Call us.", "Call us. Yes.")
    marked, found = mark_moves([gone, came])
    assert found == [] and marked == [gone, came]
    gone = diff_words("A. We keep your logs for a year.", "A.")
    came = diff_words("B.", "B. We keep your logs for two years.")
    assert mark_moves([gone, came])[1] == []
    # The rest of a sentence whose first word stayed is no moved sentence.
    rest = "welcome letters from anyone who wants to work with us."
    gone = (WordOp("equal", "Jobs. We "), WordOp("delete", rest))
    came = (WordOp("equal", "Careers.\n"), WordOp("insert", rest))
    assert mark_moves([gone, came])[1] == []
    came = (WordOp("equal", "Careers.\n"), WordOp("insert", "We " + rest))
    assert mark_moves([(WordOp("equal", "Jobs.\n"), WordOp("delete", "We " + rest)), came])[1] != []


def test_an_added_bullet_is_marked_from_its_own_line_start() -> None:
    old = "We hold:\n- **Name:** who you are.\n- **Email:** where to write."
    new = "We hold:\n- **Phone:** how to call you.\n- **Name:** who you are.\n- **Email:** where to write."
    inserted = [o.text for o in diff_body(old, new) if o.op == "insert"]
    assert inserted == ["- **Phone:** how to call you.\n"]  # the next bullet's mark stays unchanged


def test_cli_text_and_json_show_moves_and_section_numbers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = saved_folder(tmp_path, split_uses)
    assert main(["diff", folder, "v1", "draft"]) == 0
    out = capsys.readouterr().out
    assert "[[choices]]" not in out
    assert "(section 3)" in out  # deleted words read the earlier version's number for "Your marketing choices"
    assert "[~moved to section 3: - **Send offers:**" in out
    assert "    moved from section 2: - **Send offers:**" in out
    assert main(["diff", folder, "v1", "draft", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(m["number"], m["from"], m["to"]) for m in data["moves"]] == [(1, "uses", "more-uses")]
    uses = next(c for c in data["clauses"] if c["id"] == "uses")
    assert next(op for op in uses["rendered_ops"] if op[0] == "delete")[2] == 1
    assert all(len(op) == 2 for op in uses["rendered_ops"] if op[0] == "equal")


def test_redlines_show_moved_paragraphs_as_moves(tmp_path: Path) -> None:
    repo, diff = compare(tmp_path, split_uses)
    with repo:
        old, new = repo.notice_at("v1"), repo.notice_at("draft")
        page = redline_html(old, new, diff=diff)
        assert page.count('class="redline-move-label"') == 2
        assert "\u21c4 moved to section 3:" in page and "\u21c4 moved from section 2:" in page
        assert "Some text moved to section 3." in page
        document = Document(io.BytesIO(redline_docx_bytes(old, new, diff=diff)))
        moved_from = "".join(text for _, text in revision_texts(document, "moveFrom"))
        moved_to = "".join(text for _, text in revision_texts(document, "moveTo"))
        assert "Obey the law" in moved_from and "Obey the law" in moved_to
        names = {
            element.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}name")
            for element in document.element.body.iter()
            if element.tag.endswith(("moveFromRangeStart", "moveToRangeStart"))
        }
        assert names == {"ns_text_move_1"}


# ----- sections re-made under a new id ---------------------------------------------------------
def remake_choices(notice: Notice) -> None:
    notice.remove("choices")
    body = CHOICES.replace("at any time", "whenever you like")
    notice.add(Clause("marketing-choices", "Choosing what we send you", body, topics=["marketing"]), index=2)
    notice.set_body("uses", USES.replace("[[choices]]", "[[marketing-choices]]"))


def test_a_section_with_a_new_id_and_mostly_the_same_words_is_one_section(tmp_path: Path) -> None:
    repo, diff = compare(tmp_path, remake_choices)
    with repo:
        change = diff.clause("marketing-choices")
        assert change.kind == ChangeKind.MODIFIED and change.old_id == "choices"
        assert change.renamed == ("Your marketing choices", "Choosing what we send you")
        assert "choices" not in {c.clause_id for c in diff.clauses}
        assert diff.summary.added == diff.summary.removed == 0
        notice = draft_change_notice(diff).text
        assert "We removed the section" not in notice and "We added a section" not in notice


def test_sub_sections_of_a_re_paired_section_are_not_called_moved(tmp_path: Path) -> None:
    def remake_with_child(notice: Notice) -> None:
        child = notice.find("safety").children[0]
        notice.remove("safety")
        parent = Clause("keeping-safe", "Keeping your details safe", SAFETY, topics=["security"])
        notice.add(parent)
        notice.add(Clause(child.id, child.title, child.body), parent_id="keeping-safe")

    def with_child(notice: Notice) -> None:
        notice.add(Clause("backups", "Backups", "Copies of your records are kept for a month."), parent_id="safety")

    repo = NoticeRepo.create(tmp_path / "acme", base_notice(), AUTHOR)
    with repo:
        notice = repo.load()
        with_child(notice)
        repo.save(notice, "Backups", AUTHOR)
        repo.publish(dt.date(2026, 1, 1), "First version.", True, "GC", AUTHOR)
        notice = repo.load()
        remake_with_child(notice)
        repo.save(notice, "Re-made", AUTHOR)
        diff = diff_versions(repo, "v1", "draft")
    assert diff.clause("keeping-safe").old_id == "safety"
    backups = diff.clause("backups")
    assert backups.old_number == backups.new_number == "4.1"
    assert not backups.moved and backups.kind == ChangeKind.UNCHANGED


def test_sections_sharing_a_title_are_paired_by_their_words_not_their_place() -> None:
    removed = {
        "a-1": "Details\nWe keep invoices for six years for the tax office.",
        "a-2": "Details\nWe answer requests from you within one month of receiving them.",
    }
    added = {  # the same two titles, the other way round, with new ids
        "b-1": "Details\nWe answer requests from you within one month of getting them.",
        "b-2": "Details\nWe keep invoices for six years for the tax office.",
    }
    assert pair_sections(removed, added) == {"a-1": "b-2", "a-2": "b-1"}


def test_sections_that_say_different_things_stay_removed_and_added() -> None:
    removed = {"old": "Cookies\nWe set a cookie to remember your language and your basket."}
    added = {"new": "Cookies\nWe never use advertising trackers or sell what we learn about you."}
    assert similarity(removed["old"], added["new"]) < 0.6
    assert pair_sections(removed, added) == {}


def test_sections_sharing_words_in_another_order_are_not_paired() -> None:
    words = [
        "you",
        "may",
        "ask",
        "us",
        "to",
        "delete",
        "correct",
        "or",
        "copy",
        "the",
        "records",
        "we",
        "hold",
        "about",
        "you",
        "at",
        "any",
        "time",
    ]
    shuffled = " ".join(reversed(words))
    removed, added = {"old": " ".join(words)}, {"new": shuffled}
    assert similarity(removed["old"], added["new"]) < 0.6  # the same words, not the same text
    assert pair_sections(removed, added) == {}


def test_the_diff_command_says_a_re_made_section_was_paired(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", saved_folder(tmp_path, remake_choices), "v1", "draft"]) == 0
    out = capsys.readouterr().out
    assert "~ 3 Choosing what we send you  [marketing-choices]  modified" in out
    assert "was [choices] in the earlier version (a new id; paired by its words)" in out
    assert "[choices]  removed" not in out


ROUNDS = {
    "hours": (
        "Opening hours",
        "Our front desk answers calls on weekdays from nine until five, and a recorded message takes them after that.",
        "Parcels left at the gate are signed for by the guard.",
    ),
    "visits": (
        "Visiting us",
        "Guests sign the book at the door, show a card with their photograph and wait in the lobby for a host.",
        "Photographs taken inside the hall stay on our own server.",
    ),
    "staff": (
        "Our staff",
        "Each clerk wears a badge with a name, a photograph and a colour telling which floors they may enter.",
        "Badge swipes are kept in a ledger for ninety days.",
    ),
    "drivers": (
        "Our drivers",
        "Vans leave the yard before seven each morning and return by dusk, loaded from the depot beside the station.",
        "Van trackers report where each driver stops.",
    ),
    "gifts": (
        "Gifts and prizes",
        "Winners of the spring draw get a hamper, chosen by lot from every shopper who entered before the closing day.",
        "Hamper winners are named on the notice board downstairs.",
    ),
}


def test_many_moves_in_one_version_share_one_short_bullet(tmp_path: Path) -> None:
    """A re-import that reshuffles text among five sections: one bullet naming them, not five."""
    notice = Notice(title="Privacy Notice", organisation="Acme Ltd")
    for key, (title, first, second) in ROUNDS.items():
        notice.add(Clause(key, title, f"{first}\n\n{second}"))
    repo = NoticeRepo.create(tmp_path / "acme", notice, AUTHOR)
    repo.publish(dt.date(2026, 1, 1), "First version.", True, "GC", AUTHOR)
    notice = repo.load()
    keys = list(ROUNDS)
    for n, key in enumerate(keys):  # each section's last paragraph moves to the start of the next
        came_from = ROUNDS[keys[n - 1]][2]
        notice.set_body(key, f"{came_from}\n\n{ROUNDS[key][1]}")
    repo.save(notice, "Reshuffled", AUTHOR)
    with repo:
        diff = diff_versions(repo, "v1", "draft")
        assert len([m for m in diff.moves if m.from_clause != m.to_clause]) == 5
        drafted = draft_change_notice(diff)
        moved = [item for item in drafted.items if "moved" in item.sentence or "reorganised" in item.sentence]
        assert len(moved) == 1, drafted.text
        sentence = moved[0].sentence
        assert "We moved the part about" not in sentence
        assert '"Opening hours"' in sentence and '"Our drivers"' in sentence
        assert "wording" in sentence and "unchanged" in sentence
        assert set(moved[0].clause_ids) == set(keys)
        assert "added" not in drafted.text and "removed" not in drafted.text


STEPS = [
    "We read the meter each month to work out your bill.",
    "We send reminders when a payment is late by a week.",
    "We keep a record of calls to our help desk for training.",
    "We share your address with the crew who repairs the mains.",
]
LETTERS = "We answer letters you send us within ten working days."


def numbered(*items: str) -> str:
    return "We use your details as follows:\n\n" + "\n".join(f"{n}. {t}" for n, t in enumerate(items, 1))


def test_a_moved_list_item_stays_in_its_numbered_list_in_the_word_redline() -> None:
    """A move within or into a numbered list is tracked inside that one Word list: the list is
    not cut into separately numbered lists at the move (which read wrongly after Reject All)."""
    from docx.oxml.ns import qn

    old = Notice(title="Water notice", organisation="Acme Water")
    old.add(Clause("uses", "How we use your details", numbered(*STEPS)))
    old.add(Clause("other", "Other uses", numbered(LETTERS)))
    new = copy.deepcopy(old)
    new.set_body("uses", numbered(STEPS[3], *STEPS[:3]))  # the last step moved to the top
    new.set_body("other", numbered(LETTERS, STEPS[2]))  # and another moved into the other list
    new.set_body("uses", numbered(STEPS[3], STEPS[0], STEPS[1]))
    document = Document(io.BytesIO(redline_docx_bytes(old, new)))
    body = document.element.body
    assert body.find(f".//{qn('w:moveFrom')}") is not None and body.find(f".//{qn('w:moveTo')}") is not None
    lists: list[list[str]] = [[]]
    for p in document.paragraphs:
        ids = [n.get(qn("w:val")) for n in p._p.iter(qn("w:numId"))]
        if ids:
            lists[-1].append(ids[0])
        elif lists[-1]:
            lists.append([])
    lists = [ids for ids in lists if ids]
    assert len(lists) == 2  # one list in each section
    assert all(len(set(ids)) == 1 for ids in lists), lists

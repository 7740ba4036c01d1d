"""The workspace: every user action once, against real git repositories (no Qt, no mocks of git)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from notice_support import AUTHOR

from notice_studio.core.notice.model import NoticeError, Table
from notice_studio.core.notice.store import NoticeRepo
from notice_studio.core.workspace import FIRST_VERSION_TEXT, Unattended, Workspace


def library_folder(tmp_path: Path, title: str, body: str, version: int = 3) -> Path:
    """A firm's library folder with a newer 'retention-fixed-periods' than the notice has."""
    root = tmp_path / "firm-library"
    (root / "clauses").mkdir(parents=True, exist_ok=True)
    (root / "clauses" / "retention-fixed-periods.md").write_text(
        "---\n"
        "id: retention-fixed-periods\n"
        f"title: {title}\n"
        "topic: retention\n"
        "jurisdictions: [all]\n"
        f"version: {version}\n"
        "---\n"
        f"{body}\n",
        encoding="utf-8",
    )
    return root


@pytest.fixture
def ws(repo: NoticeRepo):
    workspace = Workspace(repo, author=AUTHOR)
    return workspace


def messages(repo: NoticeRepo) -> list[str]:
    return [e.message for e in repo.edits()]


def test_structural_edits_follow_the_notice_rules_and_commit_in_plain_words(ws: Workspace) -> None:
    clause = ws.add_clause("Contact us", "Write to us.", after="introduction")
    assert [c.id for c in ws.notice.clauses] == ["introduction", "contact-us", "security", "children"]
    ws.save()
    assert messages(ws.repo)[0] == "Added 'Contact us'"

    ws.place(clause.id, under="security")
    assert [c.id for c in ws.notice.find("security").children] == ["retention", "contact-us"]
    ws.step(clause.id, "up")
    assert [c.id for c in ws.notice.find("security").children] == ["contact-us", "retention"]
    ws.save()
    assert "Moved 'Contact us'" in messages(ws.repo)[0]

    with pytest.raises(NoticeError, match="already the first"):
        ws.step(clause.id, "up")
    with pytest.raises(NoticeError, match="exactly one of"):
        ws.place(clause.id, after="introduction", under="security")

    ws.rename(clause.id, "  How to   contact us ")
    assert ws.notice.find(clause.id).title == "How to contact us" and clause.id == "contact-us"
    ws.remove(clause.id)
    ws.save()
    assert messages(ws.repo)[0].startswith("Renamed 'Contact us' to 'How to contact us'")
    assert not NoticeRepo.open(ws.path).load().has("contact-us")


def test_values_facts_laws_and_tables_are_edits_like_any_other(ws: Workspace, tmp_path: Path) -> None:
    ws.set_variable("contact.email", "privacy@acme.example", new=True)
    ws.set_fact("dpo_appointed", True)
    ws.set_laws(["gdpr", "ccpa"])
    ws.set_table("cookies", Table(["Name", "Purpose"], [["session", "keeps you signed in"]]))
    ws.set_cell("cookies", None, {"Name": "theme", "Purpose": "remembers dark mode"})
    assert ws.save() is not None

    saved = ws.repo.load()
    assert saved.variables["contact.email"] == "privacy@acme.example"
    assert saved.facts["dpo_appointed"] is True
    assert saved.jurisdictions == ["gdpr", "ccpa"]
    assert saved.tables["cookies"].rows == [["session", "keeps you signed in"], ["theme", "remembers dark mode"]]

    with pytest.raises(NoticeError, match="not a fact"):
        ws.set_fact("sells_kittens", True)
    with pytest.raises(NoticeError, match="not a jurisdiction"):
        ws.set_laws(["atlantis"])
    with pytest.raises(NoticeError, match="no column 'Colour'"):
        ws.set_cell("cookies", 1, {"Colour": "blue"})
    with pytest.raises(NoticeError, match="no row 7"):
        ws.set_cell("cookies", 7, {"Name": "x"})
    table = ws.import_table("cookies", "Name,Purpose\nlang,remembers your language\n")
    assert table.rows == [["lang", "remembers your language"]]
    with pytest.raises(NoticeError, match="header row"):
        ws.import_table("cookies", "\n\n")


def test_library_update_takes_the_new_title_and_text(repo: NoticeRepo, tmp_path: Path) -> None:
    folder = library_folder(tmp_path, "How long we keep data", "We keep account data for 60 days after you close it.")
    ws = Workspace(repo, author=AUTHOR, library_folders=[folder])
    (clause, status), *_ = [(c, s) for c, s in ws.library_status() if c.id == "retention"]
    assert status.newer_version == 3

    update = ws.update_from_library("retention")
    assert update is not None and update.kept == ""
    clause = ws.notice.find("retention")
    assert clause.title == "How long we keep data"
    assert clause.body == "We keep account data for 60 days after you close it."
    assert clause.provenance is not None and clause.provenance.version == 3
    assert not clause.is_customised()  # the title came from the library: not the user's edit
    ws.save()
    assert messages(repo)[0] == "Updated 'How long we keep data' from the library (version 3)"
    with pytest.raises(NoticeError, match="already has the library's newest version"):
        ws.update_from_library("retention")


def test_a_conflicting_library_update_asks_and_cancelling_changes_nothing(repo: NoticeRepo, tmp_path: Path) -> None:
    folder = library_folder(tmp_path, "Retention", "We keep account data for 90 days after you close your account.")
    ws = Workspace(repo, author=AUTHOR, library_folders=[folder], interaction=Unattended(choice=None))
    ws.edit_body("retention", "We keep account data for 45 days after you close your account.")

    assert ws.update_from_library("retention") is None  # cancelled
    clause = ws.notice.find("retention")
    assert "45 days" in clause.body and clause.provenance is not None and clause.provenance.version == 2
    assert ws.interaction.questions and "both changed the same words" in ws.interaction.questions[0]  # type: ignore[attr-defined]
    assert ws.library.status(clause).update_available  # still offered

    ws.interaction = Unattended(choice="both")
    update = ws.update_from_library("retention")
    assert update is not None and update.kept == "both"
    body = ws.notice.find("retention").body
    assert "[your wording: 45] [library wording: 90] days" in body  # neither wording dropped, only they doubled
    assert ws.notice.find("retention").provenance.version == 3  # type: ignore[union-attr]

    ws.set_clause_state("retention", update.before, "Undid the update")
    assert ws.notice.find("retention").body == update.before.body


def test_review_publish_is_the_one_gate(ws: Workspace) -> None:
    first = ws.review_publish()
    assert first.first_version and first.change_notice == FIRST_VERSION_TEXT and first.material is False
    assert not first.blocking

    ws.edit_body("security", "Write to us at {{ contact.email }} about security.")
    blocked = ws.review_publish()
    assert blocked.blocking and "contact.email" in blocked.blocking[0] and blocked.blocking[0].startswith("section 2")
    with pytest.raises(NoticeError, match="cannot be published yet"):
        ws.publish(dt.date.today())

    ws.set_variable("contact.email", "privacy@acme.example")
    gate = ws.review_publish()
    assert not gate.blocking
    if gate.warnings:
        with pytest.raises(NoticeError, match="to acknowledge"):
            ws.publish(dt.date.today())
    version = ws.publish(dt.date.today(), acknowledged=list(gate.warnings), approved_by="General Counsel")
    assert version.name == "v1" and version.material is False and version.change_notice == FIRST_VERSION_TEXT
    assert list(version.acknowledged) == list(gate.warnings)

    ws.edit_body("children", "Our service is not meant for children under 13.")
    second = ws.review_publish()
    assert second.latest is not None and second.latest.name == "v1" and second.diff is not None
    assert second.has_changes and second.change_notice


def test_restore_history_and_compare(ws: Workspace) -> None:
    ws.edit_body("security", "We protect your data with encryption and access controls.")
    ws.save()
    ws.publish(dt.date.today(), acknowledge_all=True)
    ws.edit_body("security", "Nothing.")
    ws.save()
    assert [e.message for e in ws.clause_history("security")][:2] == ["Edited 'Security'", "Edited 'Security'"]
    assert ws.compare("v1", "draft").has_changes
    ws.restore("v1")
    assert ws.notice.find("security").body == "We protect your data with encryption and access controls."
    assert messages(ws.repo)[0] == "Restored v1 as the draft"
    assert [v.name for v in ws.repo.versions()] == ["v1"]


def test_a_required_approval_is_part_of_the_one_gate(ws: Workspace) -> None:

    from notice_studio.core.notice.store import Author
    from notice_studio.core.notice.store_remote import add_review_event, request_review
    from notice_studio.core.remote.reviews import APPROVE, set_requires_approval

    set_requires_approval(ws.notice, True)
    ws.save("Publishing needs an approval")
    gate = ws.review_publish()
    assert any("requires an approval" in b for b in gate.blocking)
    with pytest.raises(NoticeError, match="requires an approval"):
        ws.publish(dt.date(2026, 1, 1), acknowledge_all=True)

    review_id = request_review(ws.repo, "Please look at the retention wording", AUTHOR)
    approver = Author("Grace General Counsel", "grace@acme.example")
    add_review_event(ws.repo, review_id, APPROVE, author=approver)
    assert not any("approval" in b for b in ws.review_publish().blocking)
    version = ws.publish(dt.date(2026, 1, 1), acknowledge_all=True)
    assert "Grace General Counsel" in version.approved_by  # the approver's git identity, not a typed name

    ws.add_clause("Contact us", "Write to us.")
    ws.save()
    assert any("approval" in b for b in ws.review_publish().blocking)  # the draft changed: approve again


def test_a_table_edit_is_saved_with_the_cells_it_changed_in_its_message(ws: Workspace) -> None:
    columns = ["Name", "Purpose", "Duration"]
    ws.set_table(
        "cookies", Table(columns, [["Analytics", "counts visits", "1 year"], ["Theme", "dark mode", "30 days"]])
    )
    ws.save()
    ws.set_cell("cookies", 1, {"Duration": "2 years"})
    ws.save()
    assert messages(ws.repo)[0] == "Edited the cookies table: row 'Analytics', column 'Duration'"
    ws.set_cell("cookies", 2, {"Purpose": "light mode", "Duration": "60 days"})
    ws.save()
    assert messages(ws.repo)[0] == "Edited the cookies table: row 'Theme', 2 cells"
    ws.set_table(
        "cookies", Table(columns, [["Analytics", "counts pages", "2 years"], ["Theme", "dark mode", "9 days"]])
    )
    ws.save()
    assert messages(ws.repo)[0] == "Edited the cookies table: 3 cells"
    ws.set_cell("cookies", None, {"Name": "Language"})
    ws.set_cell("cookies", 3, {"Duration": "1 day"})
    ws.save()  # two edits before one save: counted, not listed
    assert messages(ws.repo)[0] == "Edited the cookies table: 2 changes"
    table = ws.table("cookies")
    ws.set_table("cookies", Table(columns[:2], [row[:2] for row in table.rows]))
    ws.save()
    assert messages(ws.repo)[0] == "Edited the cookies table: removed column 'Duration'"

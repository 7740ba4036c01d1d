"""Library updates: the three-way merge by words, overriding firm clauses, variants, status."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from notice_support import AUTHOR
from test_cli_edit import run
from test_library import clause_file, make_root

from notice_studio.core.library.catalog import Library, merge_update
from notice_studio.core.notice.model import Notice
from notice_studio.core.notice.store import NoticeRepo

GUARD = (
    "We apply technical and organisational safeguards to shield personal data against loss, misuse and "
    "unwanted access or change. These include:\n\n"
    "- scrambling data in transit and at rest;\n"
    "- staff access limited to what each role needs.\n\n"
    "Nothing online is entirely safe; if a breach puts you at risk, we tell you."
)
ONE_PARAGRAPH = (
    "Cameras cover the doors and the public floor of our sites to keep guests and staff safe and to "
    "deter crime. Footage is kept for {{ premises.cctv_retention }} and then erased. Queries? See [[contact]]."
)


def guard_notice(tmp_path: Path, body: str, edited: str, clause_id: str = "guard") -> Path:
    """A notice repository with library clause `clause_id` (version 1, `body`) edited to `edited`."""
    v1 = Library.load([make_root(tmp_path / "v1", {f"{clause_id}.md": firm_clause(clause_id, body, 1)})])
    notice = Notice(title="Privacy Notice", jurisdictions=["gdpr"])
    notice.add(v1.make_clause(clause_id, notice))
    with NoticeRepo.create(tmp_path / "notice", notice, AUTHOR) as repo:
        loaded = repo.load()
        loaded.set_body(clause_id, edited)
        repo.save(loaded, "Edited it", AUTHOR)
    return tmp_path / "notice"


def firm_clause(clause_id: str, body: str, version: int) -> str:
    return clause_file(clause_id, body, topic="security", title="Keeping data safe", satisfies="[]", version=version)


def firm_v2(tmp_path: Path, clause_id: str, body: str) -> Path:
    return make_root(tmp_path / "v2", {f"{clause_id}.md": firm_clause(clause_id, body, 2)})


def test_edits_to_different_words_of_one_paragraph_merge(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ours = GUARD.replace("These include:", "These safeguards include:")
    theirs = GUARD.replace("against loss", "against accidental loss")
    folder = guard_notice(tmp_path, GUARD, ours)
    code, out, err = run(
        capsys, "library", "update", folder, "guard", "--library-dir", firm_v2(tmp_path, "guard", theirs)
    )
    assert (code, err) == (0, "")
    assert "Updated 'Keeping data safe' to library version 2." in out
    body = reload_notice(folder).find("guard").body
    assert body == GUARD.replace("These include:", "These safeguards include:").replace(
        "against loss", "against accidental loss"
    )


def test_a_one_paragraph_clause_edited_at_its_far_end_takes_the_library_change(tmp_path: Path) -> None:
    ours = ONE_PARAGRAPH.replace("Queries? See", "Any queries? Please see")
    theirs = ONE_PARAGRAPH.replace("deter crime", "deter and detect crime").replace("then erased", "then wiped")
    v2 = Library.load([firm_v2(tmp_path, "cams", theirs)]).clause("cams")
    v1 = Library.load([make_root(tmp_path / "v1", {"cams.md": firm_clause("cams", ONE_PARAGRAPH, 1)})])
    clause = v1.make_clause("cams", Notice())
    clause.body = ours
    result = merge_update(clause, v2)
    assert not result.conflicts
    assert result.body == theirs.replace("Queries? See", "Any queries? Please see")


def test_keep_both_doubles_only_the_words_both_changed(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # nobody there to answer
    ours = GUARD.replace("against loss, misuse", "against theft, misuse")
    theirs = GUARD.replace("against loss, misuse", "against harm, misuse").replace(
        "we tell you.", "we tell you promptly."
    )
    folder = guard_notice(tmp_path, GUARD, ours)
    v2 = firm_v2(tmp_path, "guard", theirs)
    code, _out, err = run(capsys, "library", "update", folder, "guard", "--library-dir", v2)
    assert code == 1 and "You and the library both changed the same words in 'Keeping data safe'" in err
    code, out, _ = run(capsys, "library", "update", folder, "guard", "--library-dir", v2, "--keep", "both")
    assert code == 0 and "both wordings kept" in out
    body = reload_notice(folder).find("guard").body
    first, rest = body.split("\n", 1)
    assert "[your wording: theft] [library wording: harm]" in first
    assert first.count("safeguards") == 1 and body.count("These include:") == 1  # the paragraph is not doubled
    assert rest.endswith("we tell you promptly.")  # the library's change elsewhere is taken


def reload_notice(folder: Path) -> Notice:
    with NoticeRepo.open(folder) as repo:
        return repo.load()


# ----- a firm's clause in place of a shipped one ------------------------------------------------
def shipped_security_notice(tmp_path: Path) -> Path:
    """A notice with the shipped 'security' clause, as inserted, nothing else from the library."""
    from notice_studio.core.library.catalog import load_library

    notice = Notice(title="Privacy Notice", jurisdictions=["gdpr"])
    notice.add(load_library().make_clause("security", notice))
    with NoticeRepo.create(tmp_path / "notice", notice, AUTHOR):
        pass
    return tmp_path / "notice"


def test_a_firm_clause_replacing_a_shipped_one_is_named_and_compared_by_text(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = shipped_security_notice(tmp_path)
    firm_text = "Our own wording: we guard your data with locks, logs and trained staff."
    firm = make_root(tmp_path / "acme-firm", {"security.md": firm_clause("security", firm_text, 1)})
    code, out, _ = run(capsys, "library", "status", folder, "--library-dir", firm)
    assert code == 0
    assert out.splitlines() == [
        "1 clause came from the library; 1 has an update available.",
        "  security  v1: the library's text differs from the text inserted, though both are version 1",
        "    The library's 'security' comes from your folder 'acme-firm', which overrides the shipped clause of that id.",
    ]
    code, out, _ = run(capsys, "library", "status", folder, "--library-dir", firm, "--json")
    (row,) = json.loads(out)["clauses"]
    assert row["library_text_differs"] and row["update_available"] and row["newer_version"] is None
    assert row["overriding_folder"] == "acme-firm" and row["library_version"] == 1

    code, out, _ = run(capsys, "library", "update", folder, "security", "--library-dir", firm)
    assert code == 0 and reload_notice(folder).find("security").body == firm_text
    code, out, _ = run(capsys, "library", "status", folder, "--library-dir", firm)
    assert out.splitlines()[:2] == [
        "1 clause came from the library; 0 have an update available.",
        "  security  v1: up to date",
    ]

    code, out, _ = run(capsys, "library", "status", shipped_security_notice(tmp_path / "again"))
    assert out.splitlines() == [
        "1 clause came from the library; 0 have an update available.",
        "  security  v1: up to date",
    ]


# ----- switching to another variant by hand -----------------------------------------------------
def variant_library(tmp_path: Path) -> Path:
    us = clause_file(
        "notices-us",
        "We send notices by e-mail. Questions go to our privacy desk within 45 days.",
        topic="security",
        title="How we tell you",
        jurisdictions="[ccpa]",
        satisfies="[]",
        extra="variants: [notices-eu]\n",
    )
    eu = clause_file(
        "notices-eu",
        "We send notices by e-mail. Questions go to our data protection officer within one month.",
        topic="security",
        title="How we inform you",
        jurisdictions="[gdpr]",
        satisfies="[]",
    )
    return make_root(tmp_path / "firm", {"notices-us.md": us, "notices-eu.md": eu})


def test_clause_variant_lists_and_switches_keeping_edits_that_fit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    firm = variant_library(tmp_path)
    library = Library.load([firm])
    notice = Notice(title="Privacy Notice", jurisdictions=["gdpr"])
    notice.add(library.make_clause("notices-us", notice))
    with NoticeRepo.create(tmp_path / "notice", notice, AUTHOR) as repo:
        loaded = repo.load()
        loaded.set_body("notices-us", "We send notices by letter. Questions go to our privacy desk within 45 days.")
        repo.save(loaded, "Edited it", AUTHOR)
    folder = tmp_path / "notice"

    code, out, _ = run(capsys, "clause", "variant", folder, "notices-us", "--library-dir", firm)
    assert code == 0 and out == "  notices-eu  How we inform you  (gdpr)\n"
    code, _, err = run(capsys, "clause", "variant", folder, "notices-us", "security", "--library-dir", firm)
    assert code == 1 and "'security' is not a variant of 'notices-us'" in err and "notices-eu" in err

    code, out, err = run(capsys, "clause", "variant", folder, "notices-us", "notices-eu", "--library-dir", firm)
    assert (code, err) == (0, "")
    assert out == "'How we tell you' now uses the library variant 'notices-eu'.\n"
    clause = reload_notice(folder).find("notices-us")  # same id and place: references keep working
    assert clause.body == "We send notices by letter. Questions go to our data protection officer within one month."
    assert clause.title == "How we inform you" and clause.provenance is not None
    assert (clause.provenance.library_id, clause.provenance.base_body) == (
        "notices-eu",
        Library.load([firm]).clause("notices-eu").body,
    )
    with NoticeRepo.open(folder) as repo:
        assert repo.edits(limit=1)[0].message == "Switched 'How we tell you' to the library variant 'notices-eu'"
    code, _, err = run(capsys, "clause", "variant", folder, "notices-us", "notices-eu", "--library-dir", firm)
    assert code == 1 and "already uses the library clause 'notices-eu'" in err


def test_both_wordings_left_in_a_clause_block_publishing_until_counsel_choose(tmp_path: Path) -> None:
    from notice_studio.core.checks import run_checks

    notice = Notice(title="Privacy Notice", jurisdictions=["gdpr"])
    library = Library.load([make_root(tmp_path / "v1", {"guard.md": firm_clause("guard", GUARD, 1)})])
    notice.add(library.make_clause("guard", notice))
    clause = notice.find("guard")
    clause.body = GUARD.replace("against loss", "against theft")
    theirs = Library.load([firm_v2(tmp_path, "guard", GUARD.replace("against loss", "against harm"))])
    clause.body = merge_update(clause, theirs.clause("guard"), on_conflict="both").body
    found = [f for f in run_checks(notice).findings if f.rule == "drafting-marker"]
    assert [(f.severity, f.excerpt) for f in found] == [
        ("error", "[your wording: theft]"),
        ("error", "[library wording: harm]"),
    ]


def test_a_variant_that_clashes_with_edits_asks_and_keep_decides(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # nobody there to answer
    firm = variant_library(tmp_path)
    notice = Notice(title="Privacy Notice", jurisdictions=["gdpr"])
    notice.add(Library.load([firm]).make_clause("notices-us", notice))
    with NoticeRepo.create(tmp_path / "notice", notice, AUTHOR) as repo:
        loaded = repo.load()
        loaded.set_body("notices-us", "We send notices by e-mail. Questions go to our legal team within 45 days.")
        repo.save(loaded, "Edited it", AUTHOR)
    folder = tmp_path / "notice"
    code, _, err = run(capsys, "clause", "variant", folder, "notices-us", "notices-eu", "--library-dir", firm)
    assert code == 1 and "Your edits to 'How we tell you' and the variant 'notices-eu' change the same words." in err
    assert reload_notice(folder).find("notices-us").provenance.library_id == "notices-us"  # nothing changed
    code, out, _ = run(
        capsys, "clause", "variant", folder, "notices-us", "notices-eu", "--library-dir", firm, "--keep", "mine"
    )
    assert code == 0 and "your wording kept" in out
    clause = reload_notice(folder).find("notices-us")
    assert clause.provenance.library_id == "notices-eu" and "our legal team" in clause.body

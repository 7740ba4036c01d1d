"""Library updates: the three-way merge by words, overriding firm clauses, variants, status."""

from __future__ import annotations

import io
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

"""The command line as a full front end: every edit the app offers, headless, through the workspace."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from test_workspace import library_folder

from notice_studio.cli import main
from notice_studio.core.notice.store import NoticeRepo


def run(
    capsys: pytest.CaptureFixture[str], *argv: str, stdin: str | bytes | None = None, monkeypatch=None
) -> tuple[int, str, str]:
    if stdin is not None and monkeypatch is not None:  # bytes, as a pipe delivers them
        data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def reload(repo: NoticeRepo):
    with NoticeRepo.open(repo.path) as fresh:
        return fresh.load()


def test_clause_commands(repo: NoticeRepo, capsys: pytest.CaptureFixture[str], monkeypatch, tmp_path: Path) -> None:
    folder = repo.path
    repo.close()
    body = tmp_path / "body.md"
    body.write_text("Write to us at any time.\n", encoding="utf-8")

    code, out, _ = run(
        capsys, "clause", "add", folder, "--title", "Contact us", "--after", "introduction", "--file", body
    )
    assert code == 0 and "Added 'Contact us' as section 2 (id contact-us)" in out
    code, out, _ = run(capsys, "clause", "move", folder, "contact-us", "--under", "security")
    assert code == 0 and "section 2.2" in out
    code, out, _ = run(capsys, "clause", "move", folder, "contact-us", "--up")
    assert code == 0 and "section 2.1" in out
    code, out, _ = run(capsys, "clause", "rename", folder, "contact-us", "How to reach us")
    assert code == 0
    code, out, _ = run(capsys, "clause", "edit", folder, "contact-us", stdin="Call us.\n", monkeypatch=monkeypatch)
    assert code == 0
    notice = reload(repo)
    clause = notice.find("contact-us")
    assert clause.title == "How to reach us" and clause.body.strip() == "Call us."
    assert [c.id for c in notice.find("security").children] == ["contact-us", "retention"]

    code, out, _ = run(capsys, "clause", "insert", folder, "retention-criteria", "--before", "children")
    assert code == 0 and "from the library" in out
    assert reload(repo).find("retention-criteria").provenance is not None

    code, out, _ = run(capsys, "history", folder, "contact-us", "--json")
    history = json.loads(out)
    assert [e["message"] for e in history["edits"]][:2] == [
        "Edited 'How to reach us'",
        "Renamed 'Contact us' to 'How to reach us'",
    ]

    code, _, err = run(capsys, "clause", "remove", folder, "security", stdin="", monkeypatch=monkeypatch)
    assert code == 1 and "--yes" in err and "Traceback" not in err
    code, out, _ = run(capsys, "clause", "remove", folder, "security", "--yes")
    assert code == 0 and not reload(repo).has("security")

    for argv, words in (
        (("clause", "move", folder, "children", "--after", "nowhere"), "nowhere"),
        (("clause", "move", folder, "children"), "exactly one of"),
        (("clause", "insert", folder, "no-such-clause"), "library has no clause"),
    ):
        code, _, err = run(capsys, *argv)
        assert code == 1 and words in err and err.count("\n") == 1


def test_facts_laws_and_tables(repo: NoticeRepo, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = repo.path
    repo.close()
    assert run(capsys, "facts", folder, "dpo_appointed=yes", "uses_consent=no")[0] == 0
    code, out, _ = run(capsys, "facts", folder, "--json")
    answers = {f["fact"]: f["answer"] for f in json.loads(out)["facts"]}
    assert answers["dpo_appointed"] is True and answers["uses_consent"] is False
    code, _, err = run(capsys, "facts", folder, "dpo_appointed=perhaps")
    assert code == 1 and "yes or no" in err

    assert run(capsys, "laws", folder, "--add", "ccpa")[0] == 0
    code, out, _ = run(capsys, "laws", folder, "--json")
    assert [law["id"] for law in json.loads(out)["laws"]] == ["gdpr", "uk_gdpr", "ccpa"]
    assert run(capsys, "laws", folder, "--remove", "uk_gdpr")[0] == 0
    assert reload(repo).jurisdictions == ["gdpr", "ccpa"]

    csv_file = tmp_path / "cookies.csv"
    csv_file.write_text("Name,Purpose,Duration\nsession,keeps you signed in,until you sign out\n", encoding="utf-8")
    assert run(capsys, "table", "import", folder, "cookies", csv_file, "--new")[0] == 0
    assert run(capsys, "table", "set", folder, "cookies", "new", "Name=theme", "Purpose=remembers dark mode")[0] == 0
    assert run(capsys, "table", "set", folder, "cookies", "1", "Duration=12 hours")[0] == 0
    code, out, _ = run(capsys, "table", "show", folder, "cookies", "--json")
    rows = json.loads(out)["rows"]
    assert rows[0]["Duration"] == "12 hours" and rows[1]["Name"] == "theme"
    out_file = tmp_path / "out.csv"
    assert run(capsys, "table", "export", folder, "cookies", out_file)[0] == 0
    assert out_file.read_text(encoding="utf-8").splitlines()[0] == "Name,Purpose,Duration"
    code, _, err = run(capsys, "table", "set", folder, "cookies", "9", "Name=x")
    assert code == 1 and "no row 9" in err


def test_restore_and_library_update(repo: NoticeRepo, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    folder = repo.path
    repo.close()
    assert run(capsys, "publish", folder, "--effective", "2026-01-01", "--force")[0] == 0
    assert run(capsys, "clause", "rename", folder, "security", "Keeping data safe")[0] == 0
    code, out, _ = run(capsys, "restore", folder, "V1")  # a version typed in capitals is the same version
    assert code == 0 and reload(repo).find("security").title == "Security"
    assert "The draft is now v1 again" in out
    code, out, _ = run(capsys, "show", folder, "--version", " V1 ")
    assert code == 0 and "Security" in out

    library = library_folder(tmp_path, "How long we keep data", "We keep account data for 60 days after you close it.")
    code, out, _ = run(capsys, "library", "status", folder, "--library-dir", library, "--json")
    row = next(r for r in json.loads(out)["clauses"] if r["clause"] == "retention")
    assert row["newer_version"] == 3
    code, out, _ = run(capsys, "library", "update", folder, "retention", "--library-dir", library)
    assert code == 0 and "Updated 'How long we keep data' to library version 3" in out
    assert reload(repo).find("retention").title == "How long we keep data"


def test_a_conflicting_update_needs_an_answer(
    repo: NoticeRepo, capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch
) -> None:
    folder = repo.path
    repo.close()
    library = library_folder(tmp_path, "Retention", "We keep account data for 90 days after you close your account.")
    run(
        capsys,
        "clause",
        "edit",
        folder,
        "retention",
        stdin="We keep account data for 45 days after you close your account.",
        monkeypatch=monkeypatch,
    )
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, _, err = run(capsys, "library", "update", folder, "retention", "--library-dir", library)
    assert code == 1 and "--keep both|mine|library" in err
    code, out, _ = run(capsys, "library", "update", folder, "retention", "--library-dir", library, "--keep", "library")
    assert code == 0 and "library's wording taken" in out
    assert "90 days" in reload(repo).find("retention").body


def test_new_lists_each_template_no_that_leaves_a_requirement_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, _out, err = run(capsys, "new", tmp_path / "n", "--org", "Acme Ltd")
    assert code == 0
    assert "leaves out GDPR Art. 13(1)(b)" in err and "'notice-studio facts DIR dpo_appointed=yes'" in err
    assert "change the practices" in err  # sale is decided by the practices, not by a typed fact
    code, _out, err = run(capsys, "new", tmp_path / "m", "--org", "Acme Ltd", "--yes")
    assert code == 0 and "leaves out" not in err


def test_settings_command_sets_the_publishing_rules_as_one_commit(
    repo: NoticeRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    from notice_studio.core.publishing.schedule import advance_notice_days
    from notice_studio.core.remote.reviews import requires_approval

    folder = repo.path
    before = len(repo.edits(limit=50))
    repo.close()
    code, out, _ = run(capsys, "settings", folder)
    assert code == 0 and "advance-notice-days: not set" in out and "require-approval: no" in out
    code, out, _ = run(capsys, "settings", folder, "advance-notice-days=30", "require-approval=yes")
    assert code == 0 and out.strip() == "Saved."
    with NoticeRepo.open(folder) as fresh:
        notice = fresh.load()
        edits = fresh.edits(limit=50)
    assert advance_notice_days(notice) == 30 and requires_approval(notice)
    assert len(edits) == before + 1
    assert "Advance notice of material changes: 30 days" in edits[0].message
    code, out, _ = run(capsys, "settings", folder, "--json")
    values = {s["name"]: s["value"] for s in json.loads(out)["settings"]}
    assert values == {"advance-notice-days": 30, "require-approval": True, "language": "en"}
    code, out, _ = run(capsys, "settings", folder, "advance-notice-days=none")
    assert code == 0 and reload(repo).settings.get("publishing") is None
    code, out, _ = run(capsys, "settings", folder, "advance-notice-days=30")
    assert out.strip() == "Saved."
    code, out, _ = run(capsys, "settings", folder, "advance-notice-days=30")
    assert out.strip() == "Nothing changed."


@pytest.mark.parametrize(
    ("assignment", "words"),
    [
        ("advance-notice-days=lots", "is not a number of days"),
        ("advance-notice-days=900", "is not a number of days"),
        ("require-approval=maybe", "is not yes or no"),
        ("colour=blue", "There is no notice setting 'colour'"),
        ("advance-notice-days", "is not NAME=VALUE"),
    ],
)
def test_settings_command_refuses_bad_values_in_a_sentence(
    repo: NoticeRepo, capsys: pytest.CaptureFixture[str], assignment: str, words: str
) -> None:
    folder = repo.path
    repo.close()
    code, _, err = run(capsys, "settings", folder, assignment)
    assert code == 1 and words in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_files_changed_outside_are_shown_before_any_command_commits_them(
    repo: NoticeRepo, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = repo.path
    edits_before = [e.message for e in repo.edits(limit=50)]
    repo.close()
    clause = folder / "clauses" / "security.md"
    saved = clause.read_text(encoding="utf-8")
    clause.write_text(saved + "\nA line typed in another editor.\n", encoding="utf-8")
    (folder / "practices.yaml").write_text("format: 1\nai_training: true\n", encoding="utf-8")

    # A write command run by a script (no terminal) commits nothing and says how to decide.
    code, out, err = run(capsys, "set", folder, "organisation.name=Beta Ltd")
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert "changed outside Notice Studio" in err and "clauses/security.md" in err and "practices.yaml" in err
    assert f"notice-studio outside-changes {folder} --keep" in err
    with NoticeRepo.open(folder) as fresh:
        assert [e.message for e in fresh.edits(limit=50)] == edits_before
        assert fresh.load().variables["organisation.name"] == "Acme Ltd"
    assert "another editor" in clause.read_text(encoding="utf-8")

    code, out, _ = run(capsys, "outside-changes", folder)  # shown first, with what changed
    assert code == 0 and "+A line typed in another editor." in out and "practices.yaml" in out
    code, out, _ = run(capsys, "outside-changes", folder, "--keep")
    assert code == 0 and out.startswith("Kept as an edit")
    with NoticeRepo.open(folder) as fresh:
        assert fresh.edits(limit=1)[0].message.startswith("Kept changes made outside Notice Studio")
        assert "another editor" in fresh.load().find("security").body
    code, out, _ = run(capsys, "set", folder, "organisation.name=Beta Ltd")
    assert code == 0

    clause.write_text(saved, encoding="utf-8")
    code, out, _ = run(capsys, "outside-changes", folder, "--discard")
    assert code == 0 and "clauses/security.md" in out
    assert "another editor" in clause.read_text(encoding="utf-8")  # back as last saved
    code, out, _ = run(capsys, "outside-changes", folder, "--json")
    assert json.loads(out)["changed"] == []


def test_the_workspace_asks_once_and_cancel_leaves_the_files(repo: NoticeRepo) -> None:
    from notice_studio.core.notice.model import NoticeError
    from notice_studio.core.workspace import Unattended, Workspace

    folder = repo.path
    repo.close()
    clause = folder / "clauses" / "security.md"
    clause.write_text(clause.read_text(encoding="utf-8") + "\nHand edit.\n", encoding="utf-8")
    cancel = Unattended()
    with pytest.raises(NoticeError, match="left as they are"), Workspace.open(folder, write=True, interaction=cancel):
        pass
    assert len(cancel.questions) == 1 and "clauses/security.md" in cancel.questions[0]
    assert "Hand edit." in clause.read_text(encoding="utf-8")
    with Workspace.open(folder, write=True, interaction=Unattended(choice="discard")) as ws:
        assert "Hand edit." not in ws.notice.find("security").body
    assert "Hand edit." not in clause.read_text(encoding="utf-8")

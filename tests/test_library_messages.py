"""What the library says: firm folders over each other, an older winner, renamed placeholders,
circular 'requires', up-to-date updates, problem clauses inserted, a missing folder."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from notice_support import AUTHOR
from test_cli_edit import run
from test_library import clause_file, make_root

from notice_studio.core.library.catalog import Library
from notice_studio.core.notice.model import Notice
from notice_studio.core.notice.store import NoticeRepo


def guard(version: int, body: str, extra: str = "") -> str:
    return clause_file("guard", body, topic="security", title="Guard", satisfies="[]", version=version, extra=extra)


def two_firms(tmp_path: Path, first: int = 1, second: int = 2) -> tuple[Path, Path]:
    """Two of the firm's own folders, both with a clause 'guard' (the second one is read later)."""
    a = make_root(tmp_path / "firm-a", {"guard.md": guard(first, f"Firm A wording, version {first}.")})
    b = make_root(tmp_path / "firm-b", {"guard.md": guard(second, f"Firm B wording, version {second}.")})
    return a, b


def notice_from(tmp_path: Path, root: Path, clause_id: str = "guard", values: dict[str, str] | None = None) -> Path:
    """A notice repository holding library clause `clause_id` as inserted from `root`."""
    notice = Notice(title="Privacy Notice", jurisdictions=["gdpr"])
    notice.add(Library.load([root]).make_clause(clause_id, notice))
    notice.variables.update(values or {})
    with NoticeRepo.create(tmp_path / "notice", notice, AUTHOR):
        pass
    return tmp_path / "notice"


def load(folder: Path) -> Notice:
    with NoticeRepo.open(folder) as repo:
        return repo.load()


# ----- D1: one id in two firm folders --------------------------------------------------------------
def test_one_id_in_two_firm_folders_names_both_folders_and_is_a_problem(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    a, b = two_firms(tmp_path)
    dirs = ("--library-dir", a, "--library-dir", b)
    code, out, _ = run(capsys, "library", "--show", "guard", *dirs)
    assert code == 0 and "shipped" not in out
    assert f"From: {b / 'clauses' / 'guard.md'}  (replaces the clause of that id in your folder 'firm-a')" in out

    code, out, _ = run(capsys, "library", "--topic", "security", *dirs)
    (line,) = [row for row in out.splitlines() if "guard" in row]
    assert line.endswith("[firm-b, over firm-a]") and "shipped" not in line

    code, out, err = run(capsys, "library", "--problems", *dirs)
    assert code == 1 and err == "1 problem.\n"
    assert out == (
        f"{b / 'clauses' / 'guard.md'}, line 2: the id 'guard' is also used by {a / 'clauses' / 'guard.md'}; "
        "your folder 'firm-b' comes after 'firm-a', so this clause is used in place of that one; "
        "remove the one you do not want or give it another id\n"
    )

    folder = notice_from(tmp_path, a)
    code, out, _ = run(capsys, "library", "status", folder, *dirs)
    assert out.splitlines()[2] == (
        "    The library's 'guard' comes from your folder 'firm-b', which overrides the clause of that id in "
        "your folder 'firm-a'."
    )


def test_a_firm_folder_over_the_shipped_library_is_not_a_problem(tmp_path: Path) -> None:
    shipped = Library.load([]).shipped
    assert shipped is not None
    firm = make_root(tmp_path / "firm", {"security.md": clause_file("security", "Our own words.", topic="security")})
    library = Library.load([shipped, firm])
    assert [p for p in library.problems if p.kind == "override"] == []
    assert library.clause("security").origin.replaced() == "the shipped clause of that id"


# ----- D2: the winner is older than the clause it replaces -------------------------------------------
def test_an_older_winner_is_said_once_and_nothing_false(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, b = two_firms(tmp_path, first=3, second=2)
    folder = notice_from(tmp_path, a)  # inserted from firm A's version 3
    dirs = ("--library-dir", a, "--library-dir", b)
    code, out, _ = run(capsys, "library", "status", folder, *dirs)
    assert code == 0
    assert out.splitlines() == [
        "1 clause came from the library; 0 have an update available.",
        (
            "  guard  v3: the library's clause is now version 2, older than the version 3 inserted; "
            "nothing newer to update to"
        ),
        (
            "    The library's 'guard' comes from your folder 'firm-b', which overrides the clause of that id in "
            "your folder 'firm-a'."
        ),
    ]
    assert out.count(" older ") == 1 and "both are version" not in out

    code, out, err = run(capsys, "library", "update", folder, "guard", *dirs)
    assert (code, err) == (0, "")
    assert out == "'Guard' has version 3, newer than the library's version 2; there is nothing newer to update to.\n"
    assert load(folder).find("guard").body == "Firm A wording, version 3."  # not taken back to version 2

    code, out, _ = run(capsys, "library", "--problems", *dirs)
    assert "though it is an older version (2; that one is 3)" in out
    code, out, _ = run(capsys, "library", "--show", "guard", *dirs)
    assert "(replaces the clause of that id in your folder 'firm-a'; it is an older version than that one's 3)" in out


# ----- smaller: up to date, circles, problem clauses, missing folder ---------------------------------
def test_update_when_up_to_date_exits_0_with_a_sentence(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = make_root(tmp_path / "firm", {"guard.md": guard(1, "Firm wording.")})
    folder = notice_from(tmp_path, root)
    code, out, err = run(capsys, "library", "update", folder, "guard", "--library-dir", root)
    assert (code, err) == (0, "")
    assert out == "'Guard' already has the library's newest version (1).\n"


def test_circular_requires_are_reported_once_each_and_loading_ends(tmp_path: Path) -> None:
    files = {
        "a-one.md": clause_file("a-one", extra="requires: [b-two]\n"),
        "b-two.md": clause_file("b-two", extra="requires: [c-three, contact-us]\n"),
        "c-three.md": clause_file("c-three", extra="requires: [a-one]\n"),
        "self-ref.md": clause_file("self-ref", extra="requires: [self-ref]\n"),
        "contact-us.md": clause_file("contact-us"),
    }
    root = make_root(tmp_path / "firm", files)
    library = Library.load([root])
    found = [(p.path.name, p.line, p.message) for p in library.problems if p.kind == "requires"]
    assert found == [
        (
            "a-one.md",
            8,
            (
                "the clauses require each other in a circle ('a-one' requires 'b-two' requires 'c-three' requires "
                "'a-one'); take one of these ids out of a 'requires' list to break it"
            ),
        ),
        (
            "self-ref.md",
            8,
            (
                "the clauses require each other in a circle ('self-ref' requires 'self-ref'); "
                "take one of these ids out of a 'requires' list to break it"
            ),
        ),
    ]
    assert not any(p.blocking for p in library.problems) and len(library) == 5


def test_the_shipped_library_has_no_circle_problem() -> None:
    assert [p for p in Library.load([Library.load([]).shipped]).problems if p.kind == "requires"] == []


def test_inserting_a_clause_with_a_known_problem_warns_in_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_root(
        tmp_path / "firm",
        {"guard.md": guard(1, "Ask {{ desk.phone }} or see [[nowhere-clause]].")},
    )
    folder = notice_from(tmp_path, make_root(tmp_path / "other", {"guard.md": guard(1, "Other wording.")}))
    monkeypatch.setenv("NOTICE_STUDIO_LIBRARY", str(root))
    code, out, err = run(capsys, "clause", "insert", folder, "guard", "--again")
    assert code == 0 and out.startswith("Inserted 'Guard' from the library")
    path = root / "clauses" / "guard.md"
    assert err == (
        f"notice-studio: warning: The library clause 'guard' has a known problem (and 1 more problem): {path}, "
        "line 9: the placeholder '{{ desk.phone }}' is not declared; add it under 'variables' with a label, help "
        "and example, or use a shared one from variables.yaml.\n"
    )


def test_a_missing_folder_and_a_topic_say_the_folder_is_missing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    nowhere = tmp_path / "our-clauses"
    code, _, err = run(capsys, "library", "--topic", "whistleblowing", "--library-dir", nowhere)
    assert code == 1
    assert err == (
        f"notice-studio: 'whistleblowing' is not a topic of the library as read: the library folder {nowhere} does "
        "not exist, so its topics and clauses are left out; check --library-dir and NOTICE_STUDIO_LIBRARY.\n"
    )
    code, out, err = run(capsys, "library", "--topic", "security", "--library-dir", nowhere)
    assert code == 0 and "security" in out
    assert err == f"notice-studio: note: the library folder {nowhere} does not exist, so it adds no clauses.\n"


# ----- D3: a placeholder renamed by a library update ---------------------------------------------------
DESK_V1 = "Write to {{ desk.email }} or call {{ desk.phone }}."
DESK_V2 = "Write to {{ desk.mailbox }} or call {{ desk.phone }}."
DECLARED = (
    "variables:\n"
    "  desk.email: {label: E-mail, help: A mailbox., example: a@b.example}\n"
    "  desk.mailbox: {label: E-mail, help: A mailbox., example: a@b.example}\n"
    "  desk.line: {label: Line, help: A number., example: '1'}\n"
    "  desk.phone: {label: Phone, help: A number., example: '1'}\n"
)


def desk(tmp_path: Path, name: str, version: int, body: str, renamed: str = "") -> Path:
    extra = DECLARED + (f"renamed: {renamed}\n" if renamed else "")
    return make_root(tmp_path / name, {"guard.md": guard(version, body, extra)})


def values(folder: Path) -> dict[str, str]:
    return yaml.safe_load((folder / "notice.yaml").read_text(encoding="utf-8"))["variables"]


FILLED = {"desk.email": "privacy@acme.example", "desk.phone": "0100 200"}


def test_a_plain_rename_carries_the_value_and_says_so(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = notice_from(tmp_path, desk(tmp_path, "v1", 1, DESK_V1), values=FILLED)
    code, out, err = run(
        capsys, "library", "update", folder, "guard", "--library-dir", desk(tmp_path, "v2", 2, DESK_V2)
    )
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "Updated 'Guard' to library version 2.",
        "The value of {{ desk.email }} ('privacy@acme.example') now fills {{ desk.mailbox }}, its new name in 'Guard'.",
    ]
    assert values(folder) == {**FILLED, "desk.mailbox": "privacy@acme.example"}  # the old value is kept too


def test_a_recorded_rename_carries_the_value_where_position_does_not_tell(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    moved = "Call {{ desk.line }}, or write to {{ desk.mailbox }}."  # both renamed and reordered
    folder = notice_from(tmp_path, desk(tmp_path, "v1", 1, DESK_V1), values=FILLED)
    v2 = desk(tmp_path, "v2", 2, moved, renamed="{desk.email: desk.mailbox, desk.phone: desk.line}")
    code, out, _ = run(capsys, "library", "update", folder, "guard", "--library-dir", v2)
    assert code == 0 and out.count("now fills") == 2
    assert values(folder)["desk.mailbox"] == "privacy@acme.example" and values(folder)["desk.line"] == "0100 200"


def test_an_unclear_rename_keeps_the_value_and_says_what_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    moved = "Call {{ desk.line }}, or write to {{ desk.mailbox }}."  # two names gone, two new: unclear
    folder = notice_from(tmp_path, desk(tmp_path, "v1", 1, DESK_V1), values=FILLED)
    code, out, _ = run(capsys, "library", "update", folder, "guard", "--library-dir", desk(tmp_path, "v2", 2, moved))
    assert code == 0
    assert out.splitlines()[1:] == [
        (
            "'Guard' no longer uses {{ desk.email }}, so its value 'privacy@acme.example' was not carried over; "
            "it is kept under that name."
        ),
        (
            "'Guard' no longer uses {{ desk.phone }}, so its value '0100 200' was not carried over; "
            "it is kept under that name."
        ),
    ]
    assert values(folder) == FILLED  # nothing typed is lost, nothing guessed


def test_a_carried_value_goes_back_with_the_update_on_undo(tmp_path: Path) -> None:
    from notice_studio.core.workspace import Workspace

    folder = notice_from(tmp_path, desk(tmp_path, "v1", 1, DESK_V1), values=FILLED)
    v2 = Library.load([desk(tmp_path, "v2", 2, DESK_V2)])
    with Workspace.open(folder, write=True) as ws:
        ws.use_library(v2)
        update = ws.update_from_library("guard")
        assert update is not None and ws.notice.variables["desk.mailbox"] == "privacy@acme.example"
        ws.set_clause_state("guard", update.before, "Undid it")  # what the app's undo does
        assert "desk.mailbox" not in ws.notice.variables and ws.notice.find("guard").body == DESK_V1


def test_a_recorded_rename_to_a_name_the_clause_does_not_use_is_a_problem(tmp_path: Path) -> None:
    # A typo in 'renamed' would carry nothing, silently: the library names it at the field's line.
    folder = desk(tmp_path, "v2", 2, DESK_V2, renamed="{desk.email: desk.mailbx}")
    library = Library.load([folder])
    found = [(p.path, p.line, p.message) for p in library.problems if p.kind == "placeholder"]
    assert len(found) == 1
    path, line, message = found[0]
    assert path.name == "guard.md" and line is not None
    assert path.read_text(encoding="utf-8").splitlines()[line - 1].startswith("renamed:")
    assert message == (
        "'renamed' gives 'desk.email' the new name 'desk.mailbx', which the clause does not use; "
        "write the name its text uses"
    )
    fine = desk(tmp_path, "v2b", 2, DESK_V2, renamed="{desk.email: desk.mailbox}")
    assert [p for p in Library.load([fine]).problems if p.kind == "placeholder"] == []

"""What readers are told when a version is published: a version that replaces an upcoming one
tells them of that version's changes too (they never had it). Real notices in temporary git
repositories."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from notice_support import AUTHOR

from notice_studio.cli import main
from notice_studio.core.notice.model import Clause, Notice
from notice_studio.core.notice.store import NoticeRepo
from notice_studio.core.workspace import Workspace

TODAY = dt.date.today()
UPCOMING = TODAY + dt.timedelta(days=40)


@pytest.fixture
def upcoming(tmp_path: Path) -> Path:
    """Quill & Kettle's notice: v1 in force, v2 (a longer retention period) still to take effect,
    then the draft's contact address changed."""
    notice = Notice(title="Privacy Notice", organisation="Quill & Kettle", jurisdictions=[])
    notice.add(Clause("who-we-are", "Who we are", "Quill & Kettle sells teapots from a shop on Mill Row."))
    notice.add(
        Clause("retention", "How long we keep data", "We keep order records for one year.", topics=["retention"])
    )
    notice.add(Clause("contact", "Contact", "Write to tea@quill.example."))
    path = tmp_path / "quill"
    with NoticeRepo.create(path, notice, AUTHOR) as repo:
        ws = Workspace(repo, author=AUTHOR)
        ws.publish(TODAY - dt.timedelta(days=10), approved_by="Ada", acknowledge_all=True)
        ws.edit_body("retention", "We keep order records for six years.")
        ws.save()
        ws.publish(UPCOMING, approved_by="Ada", acknowledge_all=True)
        ws.edit_body("contact", "Write to kettle@quill.example.")
        ws.save()
    return path


def test_a_version_replacing_an_upcoming_one_tells_readers_of_its_changes(upcoming: Path) -> None:
    with Workspace.open(upcoming, write=True, author=AUTHOR) as ws:
        replacing = ws.review_publish(effective=UPCOMING)
        assert replacing.compared is not None and replacing.compared.name == "v1"
        assert "six years" in replacing.change_notice and "kettle" in replacing.change_notice
        assert replacing.material  # the retention change readers never had is material
        following = ws.review_publish(effective=UPCOMING + dt.timedelta(days=1))
        assert following.compared is not None and following.compared.name == "v2"
        assert "six years" not in following.change_notice and "kettle" in following.change_notice
        version = ws.publish(UPCOMING, approved_by="Ada", acknowledge_all=True)
    assert version.name == "v3" and "six years" in version.change_notice and version.material


def test_publish_dry_run_drafts_against_the_version_readers_had(
    upcoming: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["publish", str(upcoming), "--effective", UPCOMING.isoformat(), "--dry-run", "--force"])
    out = capsys.readouterr().out
    assert "six years" in out and "material suggested" in out


def test_a_mistyped_placeholder_name_is_refused_with_the_closest_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from test_checks_cli import clean_notice, make

    folder = make(tmp_path, clean_notice())
    assert main(["set", folder, "organisation.nmae=Acme Group"]) == 1
    err = capsys.readouterr().err
    assert "No clause uses a placeholder named 'organisation.nmae': use organisation.name" in err
    assert "--new" in err and "Traceback" not in err
    with NoticeRepo.open(folder) as repo:
        assert "organisation.nmae" not in repo.load().variables
    assert main(["set", folder, "--new", "dpo.email=dpo@acme.example"]) == 0
    with NoticeRepo.open(folder) as repo:
        assert repo.load().variables["dpo.email"] == "dpo@acme.example"


def test_a_value_no_clause_shows_is_left_out_of_the_change_notice(tmp_path: Path) -> None:
    from test_checks_cli import clean_notice, make

    folder = make(tmp_path, clean_notice())
    with Workspace.open(folder, write=True, author=AUTHOR) as ws:
        ws.publish(TODAY, approved_by="Ada", acknowledge_all=True)
        ws.set_variable("dpo.email", "dpo@acme.example", new=True)
        ws.set_variable("organisation.name", "Acme Group")
        ws.save()
        drafted = ws.review_publish(effective=TODAY).change_notice
    assert "Acme Group" in drafted and "dpo@acme.example" not in drafted


def test_plain_language_must_be_confirmed_before_publishing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from test_checks_cli import clean_notice, make

    notice = clean_notice()
    notice.jurisdictions = ["gdpr"]
    folder = make(tmp_path, notice)
    with Workspace.open(folder, author=AUTHOR) as ws:
        gate = ws.review_publish()
    confirm = [w for w in gate.warnings if "gdpr_transparent_form" in w]
    assert confirm and confirm[0].startswith("Only a person can confirm this (GDPR Art. 12(1), gdpr_transparent_form)")
    assert main(["publish", folder, "--effective", TODAY.isoformat(), "--approved-by", "Ada", "--dry-run"]) == 1
    assert "gdpr_transparent_form" in capsys.readouterr().out
    assert main(["publish", folder, "--effective", TODAY.isoformat(), "--approved-by", "Ada"]) == 1
    assert "acknowledge" in capsys.readouterr().err
    assert main(["publish", folder, "--effective", TODAY.isoformat(), "--approved-by", "Ada", "--force"]) == 0
    with NoticeRepo.open(folder) as repo:
        assert any("gdpr_transparent_form" in w for w in repo.versions()[0].acknowledged)


def test_a_change_of_laws_names_the_laws_as_readers_know_them(tmp_path: Path) -> None:
    from test_checks_cli import clean_notice, make

    folder = make(tmp_path, clean_notice())
    with Workspace.open(folder, write=True, author=AUTHOR) as ws:
        ws.publish(TODAY, approved_by="Ada", acknowledge_all=True)
        ws.notice.jurisdictions = ["uk_gdpr", "ccpa"]
        ws.save()
        drafted = ws.review_publish().change_notice
    assert "This notice now also covers UK GDPR (United Kingdom) and CCPA/CPRA (California)." in drafted
    assert "uk_gdpr" not in drafted


def test_a_first_version_is_recorded_as_neither_material_nor_editorial(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from test_checks_cli import clean_notice, make

    folder = make(tmp_path, clean_notice())
    assert main(["publish", folder, "--effective", TODAY.isoformat(), "--material", "--summary", "Our notice."]) == 0
    out, err = capsys.readouterr()
    assert "Published v1 (the first version)" in out
    assert "--material is not used for the first version" in err  # the choice is not ignored silently
    with NoticeRepo.open(folder) as repo:
        assert repo.versions()[0].material is False
    assert main(["log", folder]) == 0
    assert "first version" in capsys.readouterr().out


def test_an_edit_with_no_name_set_warns_once_naming_the_real_fix(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], no_identity: None
) -> None:
    from test_checks_cli import clean_notice, make

    folder = make(tmp_path, clean_notice())
    assert main(["set", folder, "organisation.name=Acme Group"]) == 0
    err = capsys.readouterr().err
    assert err.count("recorded as an unknown author") == 1
    assert 'git config --global user.name "Your Name"' in err and "Edit > Settings" in err
    with NoticeRepo.open(folder) as repo:
        assert repo.edits(limit=1)[0].author == "Unknown author (set your name in Edit menu, Settings)"


def test_an_edit_with_a_name_set_says_nothing_about_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from test_checks_cli import clean_notice, make

    folder = make(tmp_path, clean_notice())  # the tests' home has a name in ~/.gitconfig
    assert main(["set", folder, "organisation.name=Acme Group"]) == 0
    assert capsys.readouterr().err == ""

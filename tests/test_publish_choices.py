"""What a person chooses when publishing (effective date, change notice, kind, reasons) goes
through one core answer (`Workspace.publish_choice`): the real run, `publish --dry-run` and the
app's dialog refuse the same choices with the same sentence. A material change is never
published with an empty change notice. Real notices in temporary git repositories."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from notice_support import AUTHOR

from notice_studio.cli import main
from notice_studio.core.notice.model import Clause, Notice, NoticeError
from notice_studio.core.notice.store import NoticeRepo
from notice_studio.core.workspace import Workspace

EMPTY_MATERIAL = "A material change must tell readers what changed, so its change notice cannot be empty."


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Larder & Loom's notice, v1 published on 3 March 2024, then its retention period changed."""
    notice = Notice(title="Privacy Notice", organisation="Larder & Loom", jurisdictions=["gdpr"])
    notice.add(Clause("who-we-are", "Who we are", "Larder & Loom runs a weaving shop at 2 Dye Lane."))
    notice.add(
        Clause("retention", "How long we keep data", "We keep order records for two years.", topics=["retention"])
    )
    notice.add(Clause("contact", "Contact", "Write to hello@loom.example."))
    path = tmp_path / "loom"
    with NoticeRepo.create(path, notice, AUTHOR) as repo:
        ws = Workspace(repo, author=AUTHOR)
        ws.publish(dt.date(2024, 3, 3), acknowledge_all=True)
        ws.edit_body("retention", "We keep order records for four years.")
        ws.save()
    return path


def versions(folder: Path) -> list[str]:
    with NoticeRepo.open(folder) as repo:
        return [v.name for v in repo.versions()]


def run(capsys: pytest.CaptureFixture[str], *argv: object) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("summary", ["", "  \n\t "])
def test_a_material_change_with_an_empty_change_notice_is_refused(folder: Path, summary: str) -> None:
    with Workspace.open(folder, write=True, author=AUTHOR) as ws:
        assert ws.review_publish().material  # the suggestion: retention is material
        for material in (None, True):
            with pytest.raises(NoticeError) as refused:
                ws.publish(dt.date(2024, 10, 1), change_notice=summary, material=material, acknowledge_all=True)
            assert str(refused.value) == EMPTY_MATERIAL
    assert versions(folder) == ["v1"]


def test_the_cli_refuses_an_empty_summary_on_a_material_change(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "publish", folder, "--effective", "2024-10-01", "--summary", "", "--force")
    assert code == 1 and "Published" not in out
    assert err.strip() == (
        "notice-studio: A material change must tell readers what changed, so its change notice cannot be empty; "
        "write it with --summary, or leave --summary out to use the drafted one."
    )
    assert versions(folder) == ["v1"]
    # Leaving --summary out publishes the drafted notice, which says what changed.
    code, out, _ = run(capsys, "publish", folder, "--effective", "2024-10-01", "--force")
    assert code == 0 and "Published v2 (material)" in out and 'now says "four"' in out


@pytest.mark.parametrize(
    ("options", "refusal"),
    [
        (["--summary", ""], EMPTY_MATERIAL.rstrip(".")),
        (["--acknowledge", "foo"], "'foo' is not KEY=REASON"),
        (["--acknowledge", "foo=because"], "No warning needs a reason under 'foo'"),
        (["--effective", "2023-01-01"], "The effective date 2023-01-01 is earlier than v1's (2024-03-03)"),
    ],
)
def test_the_dry_run_refuses_what_the_real_run_refuses(
    folder: Path, capsys: pytest.CaptureFixture[str], options: list[str], refusal: str
) -> None:
    argv = ["publish", folder, "--effective", "2024-10-01", "--force", *options]
    dry_code, _, dry_err = run(capsys, *argv, "--dry-run")
    real_code, _, real_err = run(capsys, *argv)
    assert (dry_code, real_code) == (1, 1)
    assert refusal in real_err and dry_err == real_err
    assert versions(folder) == ["v1"]
    code, out, _ = run(capsys, *argv, "--dry-run", "--json")
    if options[0] != "--acknowledge" or "=" in options[1]:  # a malformed option never reaches the review
        data = json.loads(out)
        assert code == 1 and not data["can_publish"] and refusal in data["problem"]


def test_the_dry_run_shows_the_change_notice_and_kind_the_real_run_records(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [
        "publish",
        folder,
        "--effective",
        "2024-10-01",
        "--force",
        "--editorial",
        "--summary",
        "We reworded a sentence.",
    ]
    code, out, _ = run(capsys, *argv, "--dry-run", "--json")
    dry = json.loads(out)
    assert code == 0 and dry["material"] is False and dry["change_notice"] == "We reworded a sentence."
    assert run(capsys, *argv)[0] == 0
    with NoticeRepo.open(folder) as repo:
        v2 = repo.versions()[-1]
    assert (v2.material, v2.change_notice) == (dry["material"], dry["change_notice"])


def test_the_dry_run_without_force_stops_where_the_real_run_stops(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["publish", folder, "--effective", "2024-10-01"]
    real_code, _, real_err = run(capsys, *argv)
    assert real_code == 1 and "to acknowledge, starting with:" in real_err  # the draft has warnings
    sentence = real_err.strip().removeprefix("notice-studio: ").rstrip(".")
    dry_code, dry_out, _ = run(capsys, *argv, "--dry-run")
    assert dry_code == 1 and f"Publishing with these options would stop: {sentence}." in dry_out
    code, out, _ = run(capsys, *argv, "--dry-run", "--json")
    assert code == 1 and json.loads(out)["would_stop"] == sentence
    assert run(capsys, *argv, "--force", "--dry-run")[0] == 0
    assert versions(folder) == ["v1"]

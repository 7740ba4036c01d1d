"""Notices kept for years, opened by old and new installs of the app on the same repository:
the file format guards what an older app would misread, and an id an older app dropped comes back
from the history."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from notice_support import AUTHOR, git, small_notice

from notice_studio.cli import main
from notice_studio.core.notice.model import NoticeError
from notice_studio.core.notice.notice_format import FORMAT_VERSION, NOTICE_FILE
from notice_studio.core.notice.store import NoticeRepo
from notice_studio.core.workspace import Workspace

TODAY = dt.date.today()
COMMIT = ["-c", "user.name=Old App", "-c", "user.email=old@app.example", "commit", "--allow-empty", "-qam"]


def _rewrite(folder: Path, change: str, message: str) -> None:
    """notice.yaml as another install of the app saved it (a commit of its own)."""
    path = folder / NOTICE_FILE
    path.write_text(change, encoding="utf-8")
    git(folder, *COMMIT, message)


def _yaml(folder: Path) -> str:
    return (folder / NOTICE_FILE).read_text(encoding="utf-8")


def _as_format(text: str, number: int) -> str:
    return re.sub(r"(?m)^format: \d+$", f"format: {number}", text)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    with NoticeRepo.create(tmp_path / "n", small_notice(), AUTHOR):
        pass
    return tmp_path / "n"


# ----- the format -------------------------------------------------------------------------------
def test_a_notice_from_a_newer_app_is_refused_in_one_sentence_and_left_as_it_is(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _rewrite(folder, _as_format(_yaml(folder), 99) + "reviewers: [ann, bo]\n", "Saved by a newer app")
    before, head = _yaml(folder), git(folder, "rev-parse", "HEAD")
    sentence = "This notice was saved by a newer Notice Studio (format 99); update Notice Studio to open it."
    with pytest.raises(NoticeError) as refused:
        NoticeRepo.open(folder, write=True)
    assert str(refused.value) == sentence
    assert main(["outline", str(folder)]) == 1
    assert capsys.readouterr().err.strip() == f"notice-studio: {sentence}"
    assert _yaml(folder) == before and git(folder, "rev-parse", "HEAD") == head


def test_this_app_writes_a_format_an_app_knowing_only_format_1_refuses(folder: Path) -> None:
    assert FORMAT_VERSION >= 2
    assert re.search(rf"(?m)^format: {FORMAT_VERSION}$", _yaml(folder))


def test_a_format_1_notice_opens_unchanged_and_its_next_edit_raises_the_format(folder: Path) -> None:
    _rewrite(folder, _as_format(_yaml(folder), 1), "Saved by an older app")
    before, head = _yaml(folder), git(folder, "rev-parse", "HEAD")
    with NoticeRepo.open(folder, write=True) as repo:
        notice = repo.load()
        assert [c.id for c in notice.all_clauses()] == ["introduction", "security", "retention", "children"]
        assert repo.save(notice, "Nothing changed", AUTHOR) is None  # opening and saving nothing writes nothing
        assert _yaml(folder) == before and git(folder, "rev-parse", "HEAD") == head
        notice.set_body("children", "Our service is for adults only.")
        assert repo.save(notice, "Edited 'Children'", AUTHOR)
    assert f"format: {FORMAT_VERSION}\n" in _yaml(folder) and "format: 1\n" not in _yaml(folder)
    assert git(folder, "status", "--porcelain") == ""


def test_withdrawing_a_version_of_a_format_1_notice_raises_the_format(folder: Path) -> None:
    """An app knowing only format 1 took a withdrawn version for an upcoming one: after a
    withdrawal notice.yaml is in the current format, which such an app refuses to open."""
    _rewrite(folder, _as_format(_yaml(folder), 1), "Saved by an older app")
    with NoticeRepo.open(folder, write=True) as repo:
        repo.publish(TODAY, "First published version.", True, "Jane Counsel", AUTHOR)
        notice = repo.load()
        notice.set_body("children", "Our service is for adults only.")
        repo.save(notice, "Edited 'Children'", AUTHOR)
        _rewrite(folder, _as_format(_yaml(folder), 1), "Saved by an older app again")
        repo.publish(TODAY + dt.timedelta(days=60), "Adults only.", True, "Jane Counsel", AUTHOR)
        ws = Workspace(repo, author=AUTHOR)
        assert ws.withdraw("v2").withdrawn is not None
        assert "Our service is for adults only." in repo.load().find("children").body  # the draft is the same
    assert f"format: {FORMAT_VERSION}\n" in _yaml(folder) and "format: 1\n" not in _yaml(folder)
    assert git(folder, "status", "--porcelain") == ""


# ----- the notice's id --------------------------------------------------------------------------
def test_an_id_an_older_app_dropped_comes_back_from_the_history(folder: Path) -> None:
    text = _yaml(folder)
    first_id = re.search(r"(?m)^id: (\S+)$", text)
    assert first_id is not None
    original = first_id.group(1)
    _rewrite(folder, re.sub(r"(?m)^id: .*\n", "", _as_format(text, 1)), "Saved by an app that knew no ids")
    with NoticeRepo.open(folder, write=True) as repo:
        assert repo.load().notice_id == original
        assert repo.identity() == original
        notice = repo.load()
        notice.set_body("security", "We encrypt your data at rest and in transit.")
        assert repo.save(notice, "Edited 'Security'", AUTHOR)
    assert f"id: {original}\n" in _yaml(folder)  # written back with the next edit, not a new one
    assert git(folder, "log", "--format=%s", "-1") == "Edited 'Security'\n"
    with NoticeRepo.open(folder) as again:
        assert again.load().notice_id == original


# ----- which versions may be withdrawn, all at once ---------------------------------------------
def test_withdraw_problems_answers_for_every_version_as_withdraw_problem_does(folder: Path) -> None:
    from notice_studio.core.publishing.schedule import withdraw_problem, withdraw_problems

    with NoticeRepo.open(folder, write=True) as repo:
        for n, days in enumerate((0, 40, 80, 120)):
            notice = repo.load()
            notice.set_body("children", f"Our service is not meant for anyone under {n + 13}.")
            repo.save(notice, "Edited 'Children'", AUTHOR)
            repo.publish(TODAY + dt.timedelta(days=days), f"Minimum age {n + 13}.", True, "Jane Counsel", AUTHOR)
        Workspace(repo, author=AUTHOR).withdraw("v4")
        versions = repo.versions()
    answers = withdraw_problems(versions, TODAY)
    assert answers == {v.name: withdraw_problem(versions, v.name, TODAY) for v in versions}
    assert answers["v3"] == "" and answers["v4"] == "v4 is already withdrawn."
    assert answers["v2"].startswith("v3 was published after v2") and "in force" in answers["v1"]

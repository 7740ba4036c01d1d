"""A library clause the notice already has a section from is not inserted a second time by
accident (`--again` says it is meant); library search reads the notes about a clause too."""

from __future__ import annotations

from pathlib import Path

import pytest
from notice_support import AUTHOR

from notice_studio.cli import main
from notice_studio.core.library.templates import build_notice
from notice_studio.core.notice.store import NoticeRepo


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    path = tmp_path / "shop"
    NoticeRepo.create(path, build_notice("saas-eu-uk-ca", "Shop Ltd"), AUTHOR).close()
    return path


def test_a_second_copy_of_a_library_clause_is_refused_unless_again(
    folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["clause", "insert", str(folder), "security"]) == 1
    err = capsys.readouterr().err
    assert "already has section" in err and "(id security)" in err and "--again" in err
    assert "Traceback" not in err
    with NoticeRepo.open(folder) as repo:
        assert not repo.load().has("security-2")

    assert main(["clause", "insert", str(folder), "security", "--again"]) == 0
    with NoticeRepo.open(folder) as repo:
        assert repo.load().has("security-2")


def test_library_search_finds_a_clause_by_its_guidance(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["library", "--search", "loyalty"]) == 0
    assert "ccpa-financial-incentives" in capsys.readouterr().out

"""A large import is stored in one step (one pack, no object at a time) and says how far it got."""

from __future__ import annotations

from pathlib import Path

import pytest
from notice_support import AUTHOR, assert_fsck_clean, git

from notice_studio.cli import main
from notice_studio.core.importer import create_notice, import_file
from notice_studio.core.notice.notice_format import notice_files
from notice_studio.core.notice.store import NoticeRepo

SECTIONS = 300


def long_notice(folder: Path, sections: int = SECTIONS) -> Path:
    """A Markdown notice of `sections` short headed parts, written for this test."""
    path = folder / "long.md"
    parts = ["# Harbour Lane privacy notice\n"]
    for n in range(1, sections + 1):
        heading = "##" if n % 4 == 1 else "###"
        parts.append(f"{heading} Part {n} of how we look after orders\n\nWe keep order {n} details while you shop.\n")
    path.write_text("\n".join(parts), encoding="utf-8")
    return path


def test_a_large_import_reports_its_progress(tmp_path: Path) -> None:
    outline = import_file(long_notice(tmp_path))
    heard: list[tuple[int, int, str]] = []
    create_notice(outline, tmp_path / "harbour", author=AUTHOR, progress=lambda *step: heard.append(step))
    stored = [(done, total) for done, total, what in heard if what == "Storing the notice's files"]
    assert stored[0] == (0, SECTIONS + 3) and stored[-1] == (SECTIONS + 3, SECTIONS + 3)  # + notice.yaml, git files
    assert len(stored) <= 22  # a tick per twentieth, not one per section
    assert [what for _, _, what in heard][-1] == "Checking the new notice"


def test_a_large_import_is_one_packed_commit(tmp_path: Path) -> None:
    folder = tmp_path / "harbour"
    create_notice(import_file(long_notice(tmp_path)), folder, author=AUTHOR)
    # every file in one pack: no loose object left to pack on closing, one commit, nothing uncommitted
    objects = dict(line.split(": ") for line in git(folder, "count-objects", "-v").splitlines())
    assert objects["count"] == "0" and int(objects["in-pack"]) > SECTIONS
    assert git(folder, "log", "--format=%s|%an|%ae").splitlines() == [
        "Imported 'long.md'|Jane Counsel|jane@example.com"
    ]
    assert git(folder, "status", "--porcelain") == ""
    assert_fsck_clean(folder)
    with NoticeRepo.open(folder, write=True) as repo:
        notice = repo.load()
        assert len(notice.all_clauses()) == SECTIONS
        for rel, text in notice_files(notice).items():
            assert (folder / rel).read_text(encoding="utf-8") == text
        notice.all_clauses()[0].body += "\n\nOne more sentence."
        assert repo.save(notice, "Edited 'Part 1'", AUTHOR)  # the new store knows what was committed
    assert git(folder, "diff", "--stat", "HEAD~1", "HEAD").count("|") == 1


def test_a_line_end_with_a_carriage_return_is_stored_as_before(tmp_path: Path) -> None:
    source = tmp_path / "crlf.txt"
    source.write_bytes(
        b"Privacy notice\r\n\r\n1. Who we are\r\n\r\nWe bake bread.\r\n\r\n2. Your rights\r\n\r\nAsk us.\r\n"
    )
    create_notice(import_file(source), tmp_path / "bakery", author=AUTHOR)
    assert git(tmp_path / "bakery", "status", "--porcelain") == ""
    assert_fsck_clean(tmp_path / "bakery")


def test_the_command_line_shows_progress_on_stderr_once_it_takes_a_while(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from notice_studio.cli import progress as cli_progress

    source = long_notice(tmp_path)
    monkeypatch.setattr(cli_progress, "SILENT_FOR_S", 3600.0)  # as if it were done at once
    assert main(["import", str(source), str(tmp_path / "quick")]) == 0
    assert capsys.readouterr().err == ""  # nothing printed for quick work
    monkeypatch.setattr(cli_progress, "SILENT_FOR_S", 0.0)  # as if it were slow from the start
    assert main(["import", str(source), str(tmp_path / "slow")]) == 0
    err = capsys.readouterr().err.splitlines()
    assert "Finding the sections…" in err
    assert f"Storing the notice's files: {SECTIONS + 3:,} of {SECTIONS + 3:,} (100%)" in err
    assert "Checking the new notice…" in err
    assert len(err) < 60

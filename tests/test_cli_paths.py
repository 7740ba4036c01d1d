"""Where `diff` and `export` write (one rule, core.fileio.output_file), and `log`/`history --limit`."""

from __future__ import annotations

from pathlib import Path

import pytest
from notice_support import AUTHOR
from test_cli_edit import run
from test_cli_input import boathouse, one_sentence

from notice_studio.core.notice.store import NoticeRepo


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    with NoticeRepo.create(tmp_path / "allotments", boathouse(), AUTHOR) as store:
        return store.path


def commands(folder: Path, out: Path) -> list[tuple[str, ...]]:
    diff = ("diff", str(folder), "draft", "draft", "--all", "--out", str(out), "--format")
    export = ("export", str(folder), "--version", "draft", "--out", str(out), "--format")
    return [(*diff, "html"), (*diff, "docx"), (*export, "html"), (*export, "docx")]


@pytest.mark.parametrize("which", range(4))
def test_diff_and_export_refuse_the_same_bad_paths_in_the_same_words(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], which: int
) -> None:
    plot = tmp_path / "plot-list.txt"
    plot.write_text("Plot 7: Ada\n", encoding="utf-8")
    for out, words in (
        (tmp_path / "missing" / "dir" / "x.out", f"The folder {tmp_path / 'missing' / 'dir'} does not exist"),
        (plot / "x.out", f"{plot} is a file, not a folder"),
        (tmp_path, f"{tmp_path} is a folder; give a file name"),
    ):
        code, out_text, err = run(capsys, *commands(folder, out)[which])
        assert code == 1 and out_text == ""
        one_sentence(err, words)
    assert not (tmp_path / "missing").exists()  # no folder made for a mistyped path


@pytest.mark.parametrize("which", range(4))
def test_every_written_file_is_reported(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], which: int
) -> None:
    out = tmp_path / "written.out"
    code, printed, _err = run(capsys, *commands(folder, out)[which])
    assert code == 0 and out.stat().st_size > 0
    assert printed.startswith("Wrote ") and str(out) in printed


@pytest.mark.parametrize("limit", ["0", "-1"])
@pytest.mark.parametrize("command", [("log",), ("history", "who-we-are")])
def test_a_limit_below_one_is_refused(
    folder: Path, capsys: pytest.CaptureFixture[str], limit: str, command: tuple[str, ...]
) -> None:
    name, *rest = command
    code, out, err = run(capsys, name, folder, *rest, "--limit", limit)
    assert code == 1 and out == ""
    one_sentence(err, f"must be 1 or more ({limit} was given)")
    code, out, _err = run(capsys, name, folder, *rest, "--limit", "1")
    assert code == 0 and out.count("Created the notice") == 1

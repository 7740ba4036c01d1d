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


def test_a_copy_for_review_and_a_table_export_refuse_the_same_bad_paths(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    rows = tmp_path / "plots.csv"
    rows.write_text("Plot,Holder\n7,Ada\n", encoding="utf-8")
    assert run(capsys, "table", "import", folder, "plots", rows, "--new")[0] == 0
    missing = tmp_path / "missing" / "dir"
    for command, name in (
        (("review-send", folder, "--out"), "review.docx"),
        (("table", "export", folder, "plots"), "plots.csv"),
    ):
        code, out_text, err = run(capsys, *command, missing / name)
        assert code == 1 and out_text == ""
        one_sentence(err, f"The folder {missing} does not exist")
        code, out_text, err = run(capsys, *command, tmp_path)
        assert code == 1 and out_text == ""
        one_sentence(err, f"{tmp_path} is a folder; give a file name, e.g. {tmp_path / name}")
    assert not (tmp_path / "missing").exists()  # no folder made for a mistyped path
    code, out_text, _err = run(capsys, "table", "export", folder, "plots", tmp_path / "out.csv")
    assert code == 0 and (tmp_path / "out.csv").read_text(encoding="utf-8").startswith("Plot,Holder")


def test_the_website_folder_may_be_new_but_not_its_parent(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run(capsys, "publish", folder, "--effective", "2026-01-05", "--force", "--approved-by", "Clerk")
    assert code == 0, err
    code, out_text, err = run(capsys, "site", folder, "--out", tmp_path / "pubilc" / "privacy")
    assert code == 1 and out_text == ""
    one_sentence(err, f"The folder {tmp_path / 'pubilc'} does not exist")
    assert not (tmp_path / "pubilc").exists()
    code, out_text, _err = run(capsys, "site", folder, "--out", tmp_path / "privacy")
    assert code == 0 and (tmp_path / "privacy" / "index.html").exists()


@pytest.mark.parametrize("command", [("clause", "add"), ("clause", "rename")])
def test_a_title_that_is_really_a_paragraph_is_refused(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: tuple[str, ...]
) -> None:
    long_title = "Plots " + "and the sheds beside them " * 9  # 239 characters once trimmed
    text = tmp_path / "sheds.md"
    text.write_text("Sheds are shared.\n", encoding="utf-8")
    if command[1] == "add":
        argv: tuple[object, ...] = (*command, folder, "--title", long_title, "--file", text)
    else:
        argv = (*command, folder, "keeping", long_title)
    code, out, err = run(capsys, *argv)
    assert code == 1 and out == ""
    one_sentence(err, "A clause title of 239 characters is too long for a heading; keep it to 200")
    code, out, _err = run(capsys, "log", folder)
    assert out.count("\n") >= 1 and "sheds" not in out  # nothing saved


@pytest.mark.parametrize(
    ("fmt", "name", "words"),
    [
        ("pdf", "notice.html", "notice.html ends in .html, but the file will be PDF; name it notice.pdf"),
        ("docx", "notice.pdf", "notice.pdf ends in .pdf, but the file will be DOCX; name it notice.docx"),
        ("html", "notice.docx", "notice.docx ends in .docx, but the file will be HTML; name it notice.html"),
        ("txt", "notice.md", "notice.md ends in .md, but the file will be TXT; name it notice.txt"),
    ],
)
def test_export_refuses_a_file_name_of_another_format(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str, name: str, words: str
) -> None:
    """A PDF written as notice.html opened as a broken page, without a word."""
    code, out, err = run(capsys, "export", folder, "--version", "draft", "--format", fmt, "--out", tmp_path / name)
    assert code == 1 and out == "" and not (tmp_path / name).exists()
    one_sentence(err, words)


@pytest.mark.parametrize(
    ("fmt", "name"),
    [("html", "page.HTM"), ("fragment", "part.html"), ("md", "notes.txt"), ("txt", "plain"), ("docx", "x.out")],
)
def test_export_takes_its_own_endings_and_names_no_format_uses(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str, name: str
) -> None:
    code, _out, err = run(capsys, "export", folder, "--version", "draft", "--format", fmt, "--out", tmp_path / name)
    assert code == 0 and (tmp_path / name).stat().st_size > 0, err


def test_diff_refuses_a_file_name_of_another_format(
    folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """As export does: a Word redline called changes.html would not open by its name (noticed in session 14)."""
    code, out_text, err = run(
        capsys, "diff", folder, "draft", "draft", "--all", "--format", "docx", "--out", tmp_path / "changes.html"
    )
    assert code == 1 and out_text == ""
    one_sentence(err, "changes.html ends in .html, but the file will be DOCX; name it changes.docx")
    assert not (tmp_path / "changes.html").exists()
    code, _out, err = run(
        capsys, "diff", folder, "draft", "draft", "--all", "--format", "html", "--out", tmp_path / "changes.htm"
    )
    assert code == 0, err

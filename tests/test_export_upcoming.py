"""A version exported before its date carries the same note as its website page: the version
readers have until then, and what the new version changes (found by the new-user bug bash)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import html5lib
import pytest
from notice_support import AUTHOR, NO_SOFFICE, SOFFICE, libreoffice_convert

from notice_studio.cli import main
from notice_studio.core.notice.store import NoticeRepo
from notice_studio.core.render.common import format_date

V1 = dt.date.today() - dt.timedelta(days=3)
V2 = dt.date.today() + dt.timedelta(days=40)
NOTE = f"This is version 2 of this notice. It takes effect on {format_date(V2)}; until then version 1 applies."


@pytest.fixture
def upcoming(repo: NoticeRepo) -> str:
    repo.publish(V1, "First published version.", True, "Jane Counsel", AUTHOR)
    notice = repo.load()
    notice.set_body("children", "Our service is not meant for children under 13.")
    repo.save(notice, "Edited 'Children'", AUTHOR)
    repo.publish(V2, "- We lowered the minimum age to 13.", True, "Jane Counsel", AUTHOR)
    folder = str(repo.path)
    repo.close()
    return folder


def _words(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize("fmt", ["html", "md", "txt"])
def test_an_upcoming_version_names_the_version_in_force_and_its_changes(upcoming: str, tmp_path: Path, fmt) -> None:
    out = tmp_path / f"privacy.{fmt}"
    assert main(["export", upcoming, "--format", fmt, "--out", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    if fmt == "html":
        doc = html5lib.parse(text, namespaceHTMLElements=False)
        header = doc.find(".//header[@class='ns-header']")
        text = "".join(header.itertext())
    words = _words(text)
    assert f"Takes effect: {format_date(V2)}" in words
    assert NOTE in words
    assert "We lowered the minimum age to 13." in words
    assert words.index(NOTE) < words.index("We lowered the minimum age")


@pytest.mark.skipif(SOFFICE is None, reason=NO_SOFFICE)
def test_the_word_file_of_an_upcoming_version_carries_the_note(upcoming: str, tmp_path: Path) -> None:
    out = tmp_path / "privacy.docx"
    assert main(["export", upcoming, "--format", "docx", "--out", str(out)]) == 0
    result = libreoffice_convert(out, "txt:Text", tmp_path)
    assert result.returncode == 0, result.stderr
    words = _words((tmp_path / "privacy.txt").read_text(encoding="utf-8-sig"))
    assert NOTE in words and "We lowered the minimum age to 13." in words


def test_the_version_in_force_has_no_note(upcoming: str, tmp_path: Path) -> None:
    out = tmp_path / "v1.txt"
    assert main(["export", upcoming, "--version", "v1", "--format", "txt", "--out", str(out)]) == 0
    assert "This is version" not in out.read_text(encoding="utf-8")

"""The one atomic file writer that the store, the exports, the website and the CLI share."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from notice_studio.core.fileio import write_atomic


def test_text_is_written_as_utf8_with_its_own_line_endings(tmp_path: Path) -> None:
    path = tmp_path / "notice.md"
    write_atomic(path, "Straße\nzweite Zeile\n")
    assert path.read_bytes() == "Straße\nzweite Zeile\n".encode()
    write_atomic(path, b"%PDF-1.7\r\n")
    assert path.read_bytes() == b"%PDF-1.7\r\n"


def test_a_new_file_is_readable_by_all_and_an_old_one_keeps_its_mode(tmp_path: Path) -> None:
    fresh = tmp_path / "page.html"
    write_atomic(fresh, "<p>hi</p>")
    assert stat.S_IMODE(fresh.stat().st_mode) == 0o644
    private = tmp_path / "private.html"
    private.write_text("old")
    private.chmod(0o600)
    write_atomic(private, "new")
    assert private.read_text() == "new" and stat.S_IMODE(private.stat().st_mode) == 0o600


def test_a_failed_write_leaves_the_old_file_and_no_temporary_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "export.docx"
    path.write_bytes(b"old")

    def disk_full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(OSError):
        write_atomic(path, b"new" * 1000)
    assert path.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["export.docx"]

"""Export work for the app, run off the UI thread: one notice in one format, or the website folder.

Cancelling stops the work between steps; each file is written to a temporary name and moved
into place at the end, so a cancelled or failed export leaves nothing behind.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import notice_studio.qt_export  # noqa: F401 - registers the PDF exporter
from notice_studio.core.export.formats import export_content
from notice_studio.core.fileio import write_atomic
from notice_studio.core.notice.model import Notice, NoticeError
from notice_studio.core.notice.store import Version

DRAFT = "draft"

# (format id, label in the list, file extension)
FORMATS: tuple[tuple[str, str, str], ...] = (
    ("html", "HTML page", "html"),
    ("fragment", "HTML fragment for a website editor (CMS)", "html"),
    ("md", "Markdown", "md"),
    ("txt", "Plain text", "txt"),
    ("pdf", "PDF", "pdf"),
    ("docx", "Word document", "docx"),
)
EXTENSIONS = {fmt: ext for fmt, _label, ext in FORMATS}


class Cancelled(Exception):
    """The user cancelled the export; nothing was written."""


@dataclass(frozen=True)
class ExportResult:
    path: Path
    """The file written, or the website folder."""
    unfilled: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    """What the format could not show (a PDF's letters no font has), one sentence each."""
    written: int = 0
    unchanged: int = 0
    made: int = 0
    """Version pages of the website folder made again (the others were up to date)."""
    pages: int = 0
    """Version pages the website folder has."""


# ----- the work (runs in a worker; no widgets here) ---------------------------------------------
def read_versions(
    repo,
    refs: list[str],
    report: Callable[[int, int, str], None],
    cancelled: threading.Event,
    total: int,
) -> Callable[[], dict[str, Notice]]:
    """A function for the serial git lane: the notices at `refs` (stored versions)."""

    def work() -> dict[str, Notice]:
        notices = {}
        for n, ref in enumerate(refs):
            if cancelled.is_set():
                raise Cancelled()
            report(n, total, f"Reading {ref}…")
            notices[ref] = repo.notice_at(ref)
        return notices

    return work


def read_site_versions(
    repo,
    versions: Sequence[Version],
    folder: Path,
    report: Callable[[int, int, str], None],
    cancelled: threading.Event,
) -> Callable[[], dict[str, Notice]]:
    """A function for the serial git lane: the notices the website folder's build reads (the
    front page's version and those whose pages are not up to date in `folder`)."""

    def work() -> dict[str, Notice]:
        from notice_studio.core.export.site import versions_to_read

        refs = versions_to_read(versions, folder)
        return read_versions(repo, refs, report, cancelled, len(refs) + 1)()

    return work


def file_job(
    notice: Notice,
    options,
    fmt: str,
    path: Path,
    bare: bool,
    report: Callable[[int, int, str], None],
    cancelled: threading.Event,
) -> Callable[[], ExportResult]:
    """A function for a worker: one notice in one format to `path`."""

    def step(done: int, text: str) -> None:
        if cancelled.is_set():
            raise Cancelled()
        report(done, 3, text)

    def work() -> ExportResult:
        step(1, "Laying out the notice…")
        exported = export_content(notice, options, fmt, bare=bare)
        step(2, "Writing the file…")
        write_atomic(path, exported.content)
        report(3, 3, "Done.")
        return ExportResult(path, tuple(exported.rendered.unfilled), exported.warnings)

    return work


class _StoredVersions:
    """Published versions already read from the notice's history, for build_site."""

    def __init__(self, versions: Iterable[Version], notices: dict[str, Notice], cancelled: threading.Event) -> None:
        self._versions, self._notices, self._cancelled = list(versions), notices, cancelled

    def versions(self) -> list[Version]:
        return list(self._versions)

    def notice_at(self, ref: str) -> Notice:
        if self._cancelled.is_set():
            raise Cancelled()
        if ref not in self._notices:  # its page was up to date when the versions were read
            raise NoticeError("The website folder changed while it was being written; export it again.")
        return self._notices[ref]


def site_job(
    versions: Sequence[Version],
    notices: dict[str, Notice],
    folder: Path,
    base_url: str | None,
    report: Callable[[int, int, str], None],
    cancelled: threading.Event,
    replace: bool = False,
) -> Callable[[], ExportResult]:
    """A function for a worker: the website folder (current notice, earlier versions, changes, feed);
    `replace` replaces files of the same name Notice Studio did not write there."""

    def work() -> ExportResult:
        from notice_studio.core.export.site import build_site

        total = len(versions) + 1
        report(len(versions), total, "Writing the website folder…")
        result = build_site(
            _StoredVersions(versions, notices, cancelled), folder, base_url=base_url or None, force=replace
        )
        report(total, total, "Done.")
        return ExportResult(
            Path(result.folder), (), (), len(result.written), len(result.unchanged), len(result.made), result.versions
        )

    return work

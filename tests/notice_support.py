"""Helpers shared by the core tests (import them from here, not from conftest)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from notice_studio.core.library.catalog import load_library
from notice_studio.core.notice.model import Clause, Notice, Provenance
from notice_studio.core.notice.store import Author

AUTHOR = Author("Jane Counsel", "jane@example.com")


def small_notice() -> Notice:
    """A four-clause notice with one nested clause, a library clause and a placeholder."""
    notice = Notice(title="Privacy Notice", organisation="Acme Ltd", jurisdictions=["gdpr", "uk_gdpr"])
    notice.variables["organisation.name"] = "Acme Ltd"
    notice.add(
        Clause("introduction", "Introduction", "This notice explains how {{ organisation.name }} uses your data.")
    )
    notice.add(Clause("security", "Security", "We protect your data with encryption."))
    notice.add(Clause("children", "Children", "Our service is not meant for children under 16."))
    notice.add(
        Clause(
            "retention",
            "Retention",
            "We keep account data for 30 days after you close your account.",
            Provenance(
                "retention-fixed-periods",
                2,
                "We keep account data for 30 days after you close your account.",
                "Retention",
            ),
            topics=["retention"],
        ),
        parent_id="security",
    )
    return notice


def filled(notice: Notice) -> Notice:
    """Every placeholder left empty filled with the library's example value (the clause's own spec first)."""
    library = load_library()
    for clause in notice.all_clauses():
        for name in clause.placeholders():
            spec = library.variable_spec(name, clause.provenance.library_id if clause.provenance else None)
            if spec is not None and spec.example and not notice.variables.get(name):
                notice.variables[name] = spec.example
    return notice


def git(path: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(path), *args], check=True, capture_output=True, text=True).stdout


def assert_fsck_clean(path: Path) -> None:
    result = subprocess.run(["git", "-C", str(path), "fsck", "--strict"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "error" not in result.stderr.lower()


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
"""LibreOffice, to open what we write as a word processor would (.ci/run installs it)."""
NO_SOFFICE = "LibreOffice (soffice) is not installed; .ci/run installs it with apt-get"


def libreoffice_convert(source: Path, to: str, outdir: Path) -> subprocess.CompletedProcess[str]:
    """Convert `source` with LibreOffice headless ('pdf', 'docx:MS Word 2007 XML') into `outdir`,
    with a profile of its own inside it, so no run shares a user profile."""
    return subprocess.run(
        [
            str(SOFFICE),
            f"-env:UserInstallation=file://{outdir / '.lo-profile'}",
            "--headless",
            "--convert-to",
            to,
            "--outdir",
            str(outdir),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )

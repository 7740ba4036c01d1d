"""Shared fixtures. Tests never need a screen: Qt runs offscreen."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("NOTICE_STUDIO_NO_SAMPLE_DIALOGS", "1")

import pytest  # noqa: E402

from notice_studio.core.model import Clause, Notice, Provenance  # noqa: E402
from notice_studio.core.store import Author, NoticeRepo  # noqa: E402

AUTHOR = Author("Jane Counsel", "jane@example.com")


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the real user's git config, settings or data folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("GIT_CONFIG_GLOBAL", raising=False)
    monkeypatch.delenv("NOTICE_STUDIO_LIBRARY", raising=False)


def small_notice() -> Notice:
    """A four-clause notice with one nested clause, a library clause and a placeholder."""
    notice = Notice(title="Privacy Notice", organisation="Acme Ltd", jurisdictions=["gdpr", "uk_gdpr"])
    notice.variables["organisation.name"] = "Acme Ltd"
    notice.add(Clause("introduction", "Introduction", "This notice explains how {{ organisation.name }} uses your data."))
    notice.add(Clause("security", "Security", "We protect your data with encryption."))
    notice.add(Clause("children", "Children", "Our service is not meant for children under 16."))
    notice.add(
        Clause(
            "retention",
            "Retention",
            "We keep account data for 30 days after you close your account.",
            Provenance("retention-fixed-periods", 2, "We keep account data for 30 days after you close your account.", "Retention"),
            topics=["retention"],
        ),
        parent_id="security",
    )
    return notice


@pytest.fixture
def notice() -> Notice:
    return small_notice()


@pytest.fixture
def repo(tmp_path: Path, notice: Notice):
    with NoticeRepo.create(tmp_path / "acme", notice, AUTHOR) as store:
        yield store


def git(path: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(path), *args], check=True, capture_output=True, text=True).stdout


def assert_fsck_clean(path: Path) -> None:
    result = subprocess.run(["git", "-C", str(path), "fsck", "--strict"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "error" not in result.stderr.lower()

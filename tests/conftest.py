"""Shared fixtures. Tests never need a screen: Qt runs offscreen."""

from __future__ import annotations

import os
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from notice_support import AUTHOR, small_notice

from notice_studio.core.notice.model import Notice
from notice_studio.core.notice.store import NoticeRepo


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


@pytest.fixture
def notice() -> Notice:
    return small_notice()


@pytest.fixture
def repo(tmp_path: Path, notice: Notice):
    with NoticeRepo.create(tmp_path / "acme", notice, AUTHOR) as store:
        yield store

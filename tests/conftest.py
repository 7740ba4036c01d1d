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
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> None:
    """No test reads or writes the real user's git config, settings or data folders.

    The command line's tests run as a person with a name in their global git config (as a user who
    has set one), so its stderr is only what the command says; `no_identity` takes it away. The app's
    tests start with no name set, as a first start does."""
    home = tmp_path_factory.mktemp("home")
    if "ui" not in request.node.path.parts and "no_identity" not in request.fixturenames:
        (home / ".gitconfig").write_text("[user]\n\tname = Test Counsel\n\temail = counsel@test.example\n")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.delenv("GIT_CONFIG_GLOBAL", raising=False)
    monkeypatch.delenv("NOTICE_STUDIO_LIBRARY", raising=False)


@pytest.fixture
def no_identity() -> None:
    """No name or e-mail set anywhere (the isolated home gets no ~/.gitconfig)."""


@pytest.fixture
def notice() -> Notice:
    return small_notice()


@pytest.fixture
def repo(tmp_path: Path, notice: Notice):
    with NoticeRepo.create(tmp_path / "acme", notice, AUTHOR) as store:
        yield store

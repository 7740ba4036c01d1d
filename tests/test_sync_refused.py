"""A server that refuses part of a sync: the sentence says what it refused, and status shows it."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from notice_support import AUTHOR
from remote_support import edit, shared_notice, sync

from notice_studio.core.notice import store_remote
from notice_studio.core.notice.store import NoticeRepo
from notice_studio.core.workspace.team import standing


def _server_hook(server: Path, name: str, script: str) -> None:
    hook = server / "hooks" / name
    hook.write_text("#!/bin/sh\n" + script)
    hook.chmod(0o755)


def test_a_server_refusing_only_the_version_says_so_and_status_shows_it_unsent(tmp_path: Path) -> None:
    server, yours, _ = shared_notice(tmp_path)
    _server_hook(  # the server takes edits but no version tags
        server,
        "update",
        'case "$1" in refs/tags/*) echo "tags are made by the release team" >&2; exit 1;; esac\nexit 0\n',
    )
    edit(yours, lambda n: n.set_body("security", "Encrypted at rest."))
    with NoticeRepo.open(yours, write=True) as repo:
        repo.publish(dt.date(2026, 3, 1), "Security wording.", False, "General Counsel", AUTHOR)
    with pytest.raises(store_remote.RemoteError) as refused:
        sync(yours)
    said = str(refused.value)
    assert "refused the published version v1" in said and "the edits were sent" in said, said
    assert "refused the edits" not in said
    with NoticeRepo.open(yours) as repo:
        info = store_remote.remote_info(repo, fetch=True)
    assert info.ahead == 0 and info.versions_not_sent == ("v1",)
    assert "published here and not yet on the server: v1" in standing(info)


def test_a_server_whose_repository_went_away_while_sending_says_there_is_none(tmp_path: Path) -> None:
    server, yours, _ = shared_notice(tmp_path)
    _server_hook(server, "pre-receive", "echo \"fatal: not a git repository: '.'\" >&2\nexit 1\n")
    edit(yours, lambda n: n.set_body("security", "Encrypted in transit."))
    with pytest.raises(store_remote.RemoteError) as refused:
        sync(yours)
    assert str(refused.value).startswith("There is no repository at "), str(refused.value)

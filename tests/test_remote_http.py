"""Sync over smart HTTP (git's own http-backend on 127.0.0.1), credentials, and crashes mid-sync."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from notice_support import AUTHOR, assert_fsck_clean, git, small_notice
from remote_support import OTHER, bare, edit, http_server, load, no_marker_files, shared_notice, sync

from notice_studio.core.notice import store_remote
from notice_studio.core.notice.store import NoticeRepo


def use_credentials(url: str, user: str, password: str) -> None:
    """Store credentials the way a user's git does: the 'store' credential helper in ~/.gitconfig."""
    home = Path(os.environ["HOME"])
    store = home / ".git-credentials"
    store.write_text(f"{url.split('://')[0]}://{user}:{password}@{url.split('://')[1].split('/')[0]}\n")
    (home / ".gitconfig").write_text(f"[credential]\n\thelper = store --file={store}\n")


def test_two_clones_sync_over_http_with_basic_auth(tmp_path: Path) -> None:
    root = tmp_path / "srv"
    root.mkdir()
    bare(root / "notice.git")
    with http_server(root, "counsel:s3cret") as base:
        url = f"{base}/notice.git"
        use_credentials(base, "counsel", "s3cret")
        with NoticeRepo.create(tmp_path / "first", small_notice(), AUTHOR) as repo:
            store_remote.add_remote(repo, url)
            assert store_remote.sync(repo, author=AUTHOR).sent == 1
        yours = store_remote.clone(url, tmp_path / "yours")
        theirs = store_remote.clone(url, tmp_path / "theirs")
        edit(yours, lambda n: n.set_body("security", "Encrypted at rest."))
        edit(theirs, lambda n: n.set_body("children", "Not for children under 13."), author=OTHER)
        sync(theirs, OTHER)
        assert sync(yours).merged
        sync(theirs, OTHER)
        for folder in (yours, theirs):
            notice = load(folder)
            assert notice.find("security").body == "Encrypted at rest."
            assert notice.find("children").body == "Not for children under 13."
            assert_fsck_clean(folder)
            no_marker_files(folder)
        assert_fsck_clean(root / "notice.git")
        # no password was written into the notice's own settings
        assert "s3cret" not in (yours / ".git" / "config").read_text()


def test_clone_over_http_from_a_bare_repository_whose_head_names_master(tmp_path: Path) -> None:
    root = tmp_path / "srv"
    root.mkdir()
    bare(root / "notice.git", branch="master")  # as plain `git init --bare` makes it
    with http_server(root) as base:
        url = f"{base}/notice.git"
        with NoticeRepo.create(tmp_path / "first", small_notice(), AUTHOR) as repo:
            store_remote.add_remote(repo, url)
            assert store_remote.sync(repo, author=AUTHOR).sent == 1
        # a network server's HEAD is the server's business: it still names 'master'
        assert git(root / "notice.git", "symbolic-ref", "HEAD").strip() == "refs/heads/master"
        copy = store_remote.clone(url, tmp_path / "copy")
        assert load(copy).has("security") and git(copy, "symbolic-ref", "--short", "HEAD").strip() == "main"
        edit(copy, lambda n: n.set_body("security", "Encrypted at rest."), author=OTHER)
        assert sync(copy, OTHER).sent == 1
        assert sync(tmp_path / "first").received == 1
        assert_fsck_clean(copy)


def test_refused_credentials_are_one_sentence(tmp_path: Path) -> None:
    root = tmp_path / "srv"
    root.mkdir()
    bare(root / "notice.git")
    with http_server(root, "counsel:right") as base:
        url = f"{base}/notice.git"
        use_credentials(base, "counsel", "wrong")
        with pytest.raises(
            store_remote.AuthenticationError,
            match=r"^The server at http://127\.0\.0\.1:\d+/notice\.git refused your credentials",
        ):
            store_remote.clone(url, tmp_path / "copy")
        assert not (tmp_path / "copy").exists()
        (Path(os.environ["HOME"]) / ".gitconfig").unlink()  # no helper at all: never a prompt, a refusal
        with NoticeRepo.create(tmp_path / "n", small_notice(), AUTHOR) as repo:
            store_remote.add_remote(repo, url)
            with pytest.raises(store_remote.AuthenticationError, match="refused your credentials"):
                store_remote.sync(repo)


_SYNC_SCRIPT = """
import sys
from notice_studio.core.notice import store_remote
from notice_studio.core.notice.store import NoticeRepo, Author

def stop(stage):
    if stage == sys.argv[2]:
        print("at", stage, flush=True)
        sys.stdin.read()

store_remote.checkpoint = stop
with NoticeRepo.open(sys.argv[1], write=True) as repo:
    store_remote.sync(repo, author=Author("Jane Counsel", "jane@example.com"))
"""


@pytest.mark.parametrize("stage", ["fetched", "merge-written", "marked", "moved", "before-push"])
def test_killed_during_sync_reopens_consistent(tmp_path: Path, stage: str) -> None:
    server, yours, theirs = shared_notice(tmp_path)
    edit(yours, lambda n: n.set_body("security", "Yours: encrypted."))
    edit(theirs, lambda n: n.set_body("children", "Theirs: under 13."), author=OTHER)
    sync(theirs, OTHER)
    with subprocess.Popen(
        [sys.executable, "-c", _SYNC_SCRIPT, str(yours), stage],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as proc:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == f"at {stage}"
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    with NoticeRepo.open(yours, write=True) as repo:
        notice = repo.load()  # reads: the folder is one committed state
        if stage in ("marked", "moved"):
            assert any("interrupted by a crash" in m for m in repo.recovery.messages)
        if stage == "moved":  # the merge was kept: the draft already holds both edits
            assert notice.find("children").body == "Theirs: under 13."
        assert notice.find("security").body == "Yours: encrypted."
        assert git(yours, "status", "--porcelain", "--untracked-files=no") == ""
        store_remote.sync(repo, author=AUTHOR)
        notice = repo.load()
    assert notice.find("children").body == "Theirs: under 13."
    assert notice.find("security").body == "Yours: encrypted."
    assert_fsck_clean(yours)
    assert_fsck_clean(server)
    no_marker_files(yours)

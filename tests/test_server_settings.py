"""What opening or syncing a notice checks in its server settings, against real repositories: a
copy without its published versions (git clone --no-tags) is named, and a password an earlier
version stored in a server's address is taken out of .git/config."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from notice_support import AUTHOR, git, small_notice
from remote_support import OTHER, bare, http_server, shared_notice, sync

from notice_studio.cli import main
from notice_studio.core.notice import store_remote
from notice_studio.core.notice.store import NoticeRepo
from notice_studio.core.workspace import standing

NO_TAGS = "was made without its published versions (git clone --no-tags from the server 'origin')"


def published_server(tmp_path: Path) -> Path:
    """A bare repository holding a notice with one published version, v1."""
    server, yours, _ = shared_notice(tmp_path)
    with NoticeRepo.open(yours, write=True) as repo:
        repo.publish(dt.date(2026, 1, 1), "First version.", True, "General Counsel", AUTHOR)
    assert sync(yours).versions_sent == ("v1",)
    return server


def clone_without_tags(server: Path, folder: Path) -> Path:
    subprocess.run(["git", "clone", "-q", "--no-tags", server.as_uri(), str(folder)], check=True)
    return folder


def messages(folder: Path, write: bool = False) -> list[str]:
    with NoticeRepo.open(folder, write=write) as repo:
        return list(repo.recovery.messages)


# ----- a copy without its published versions -------------------------------------------------
def test_a_clone_made_without_tags_is_named_until_git_fetch_tags(tmp_path: Path, capsys) -> None:
    copy = clone_without_tags(published_server(tmp_path), tmp_path / "copy")
    with NoticeRepo.open(copy) as repo:
        assert repo.versions() == []  # looks complete, but v1 is missing
        [said] = repo.recovery.messages
    assert NO_TAGS in said and "run 'git fetch --tags' in the notice folder" in said and "sync" in said
    assert main(["log", str(copy)]) == 0
    assert NO_TAGS in capsys.readouterr().err
    git(copy, "fetch", "-q", "--tags")
    with NoticeRepo.open(copy) as repo:
        assert [v.name for v in repo.versions()] == ["v1"] and repo.recovery.messages == []


def test_a_sync_receives_the_versions_a_clone_without_tags_lacks_and_the_note_goes(tmp_path: Path) -> None:
    copy = clone_without_tags(published_server(tmp_path), tmp_path / "copy")
    assert NO_TAGS in " ".join(messages(copy, write=True))
    assert sync(copy).versions_received == ("v1",)
    assert messages(copy) == []


def test_a_clone_without_tags_of_a_notice_never_published_is_named_until_it_syncs(tmp_path: Path) -> None:
    server, _, _ = shared_notice(tmp_path)
    copy = clone_without_tags(server, tmp_path / "copy")
    assert NO_TAGS in " ".join(messages(copy))  # it cannot know there are none without asking
    sync(copy)
    assert messages(copy) == []


def test_versions_seen_on_the_server_and_not_received_are_named_by_status_and_on_opening(tmp_path: Path) -> None:
    _, yours, theirs = shared_notice(tmp_path)
    with NoticeRepo.open(theirs, write=True) as repo:
        repo.publish(dt.date(2026, 1, 1), "First version.", True, "General Counsel", OTHER)
    sync(theirs, OTHER)
    with NoticeRepo.open(yours, write=True) as repo:
        assert store_remote.remote_info(repo).versions_not_here == ()  # not asked yet: nothing claimed
        info = store_remote.remote_info(repo, fetch=True)
    assert info.versions_not_here == ("v1",)
    assert "published on the server and not yet here: v1 (sync receives them)" in standing(info)
    [said] = messages(yours)
    assert said.startswith("The server 'origin' has published v1, which this copy of the notice has not received")
    assert said.endswith("sync to receive it.")
    assert sync(yours).versions_received == ("v1",)
    assert messages(yours) == []


def test_a_full_clone_and_a_notice_without_a_server_say_nothing(tmp_path: Path) -> None:
    server = published_server(tmp_path)
    subprocess.run(["git", "clone", "-q", server.as_uri(), str(tmp_path / "full")], check=True)
    assert messages(tmp_path / "full") == []
    NoticeRepo.create(tmp_path / "alone", small_notice(), AUTHOR).close()
    assert messages(tmp_path / "alone", write=True) == []


# ----- a password stored in a server's address by an earlier version ----------------------------
@pytest.mark.parametrize(
    ("stored", "kept"),
    [
        ("https://alice:SECRET123@git.example/legal/n.git", "https://alice@git.example/legal/n.git"),
        ("https://ghp_SECRET123@git.example/legal/n.git", "https://git.example/legal/n.git"),
        ("ssh://git:SECRET123@git.example:2222/legal/n.git", "ssh://git@git.example:2222/legal/n.git"),
        ("alice:SECRET123@git.example:legal/n.git", "alice@git.example:legal/n.git"),
    ],
)
def test_a_password_stored_in_an_address_is_taken_out_on_opening_keeping_the_rest(
    tmp_path: Path, stored: str, kept: str
) -> None:
    folder = tmp_path / "n"
    NoticeRepo.create(folder, small_notice(), AUTHOR).close()
    git(folder, "remote", "add", "origin", stored)  # as versions before 'remote add' refused it
    git(folder, "config", "--add", "remote.origin.pushurl", stored)
    assert messages(folder) == [] and "SECRET123" in (folder / ".git" / "config").read_text()  # read-only: as it was
    [said] = messages(folder, write=True)
    assert "SECRET123" not in (folder / ".git" / "config").read_text()
    assert git(folder, "config", "--get", "remote.origin.url").strip() == kept
    assert git(folder, "config", "--get", "remote.origin.pushurl").strip() == kept
    assert said.startswith("The address of the server 'origin' held a password or token in plain text")
    assert f"(the address is now {kept})" in said and "SECRET123" not in said
    assert messages(folder, write=True) == []  # said once


def test_the_password_goes_to_the_credential_helper_when_there_is_one_and_syncing_goes_on(tmp_path: Path) -> None:
    root = tmp_path / "srv"
    root.mkdir()
    bare(root / "n.git")
    store = tmp_path / "kept-credentials"
    git(tmp_path, "config", "--global", "credential.helper", f"store --file={store}")
    folder = tmp_path / "n"
    NoticeRepo.create(folder, small_notice(), AUTHOR).close()
    with http_server(root, "alice:SECRET123") as base:
        address = base.replace("://", "://alice:SECRET123@", 1) + "/n.git"
        git(folder, "remote", "add", "origin", address)
        [said] = messages(folder, write=True)
        assert "given to git's credential helper (store --file=" in said and "SECRET123" not in said
        assert "SECRET123" not in (folder / ".git" / "config").read_text()
        assert "alice:SECRET123@" in store.read_text()
        assert sync(folder).sent >= 1  # the helper supplies the password
    git(tmp_path, "config", "--global", "--unset", "credential.helper")


def test_a_password_put_into_an_address_while_the_notice_is_open_is_taken_out_by_sync(tmp_path: Path) -> None:
    root = tmp_path / "srv"
    root.mkdir()
    bare(root / "n.git")
    folder = tmp_path / "n"
    NoticeRepo.create(folder, small_notice(), AUTHOR).close()
    with http_server(root) as base, NoticeRepo.open(folder, write=True) as repo:
        address = base.replace("://", "://alice:SECRET123@", 1) + "/n.git"
        git(folder, "remote", "add", "origin", address)
        result = store_remote.sync(repo, author=AUTHOR)
        assert result.sent >= 1
        assert "SECRET123" not in (folder / ".git" / "config").read_text()
        assert result.sentence.endswith(
            "let git's credential helper keep it (git config --global credential.helper) or use an ssh key."
        )
        assert "(the address is now http://alice@127.0.0.1" in result.sentence and "SECRET123" not in result.sentence

"""Sync between two clones of one notice through a bare repository (file URLs, real git)."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from notice_support import AUTHOR, assert_fsck_clean, git
from remote_support import OTHER, bare, edit, load, no_marker_files, shared_notice, sync

from notice_studio.core.notice import store_remote
from notice_studio.core.notice.model import Clause
from notice_studio.core.notice.store import NoticeRepo
from notice_studio.core.remote.merge import EDIT, THEIRS, YOURS, Resolution


def consistent(*folders: Path) -> None:
    for folder in folders:
        assert_fsck_clean(folder)
        if (folder / ".git").exists():
            no_marker_files(folder)


def test_edits_to_different_clauses_both_arrive_everywhere(tmp_path: Path) -> None:
    server, yours, theirs = shared_notice(tmp_path)
    edit(yours, lambda n: n.set_body("security", "We encrypt data at rest and in transit."))
    edit(theirs, lambda n: n.set_body("children", "Not meant for children under 13."), author=OTHER)
    assert sync(theirs, OTHER).sent == 1
    result = sync(yours)
    assert result.merged and result.received == 1 and result.draft_changed
    sync(theirs, OTHER)
    for folder in (yours, theirs):
        notice = load(folder)
        assert notice.find("security").body == "We encrypt data at rest and in transit."
        assert notice.find("children").body == "Not meant for children under 13."
    assert git(yours, "rev-parse", "HEAD") == git(theirs, "rev-parse", "HEAD")
    merge = git(yours, "log", "-1", "--format=%P%n%s")
    assert len(merge.split("\n")[0].split()) == 2 and "Omar Outside" in merge
    consistent(yours, theirs, server)


def test_different_words_of_one_clause_merge_without_conflict(tmp_path: Path) -> None:
    _, yours, theirs = shared_notice(tmp_path)
    edit(yours, lambda n: n.set_body("retention", "We keep account data for 45 days after you close your account."))
    edit(theirs, lambda n: n.set_body("retention", "We keep billing data for 30 days after you close your account."))
    sync(theirs, OTHER)
    assert sync(yours).conflicts == ()
    expected = "We keep billing data for 45 days after you close your account."
    assert load(yours).find("retention").body == expected
    sync(theirs, OTHER)
    assert load(theirs).find("retention").body == expected
    consistent(yours, theirs)


@pytest.mark.parametrize("choice", [YOURS, THEIRS, EDIT])
def test_same_words_conflict_resolved_each_way(tmp_path: Path, choice: str) -> None:
    _, yours, theirs = shared_notice(tmp_path)
    edit(yours, lambda n: n.set_body("retention", "We keep account data for 45 days after you close your account."))
    edit(theirs, lambda n: n.set_body("retention", "We keep account data for 60 days after you close your account."))
    sync(theirs, OTHER)
    head_before = git(yours, "rev-parse", "HEAD")
    stopped = sync(yours)
    (conflict,) = stopped.conflicts
    assert (conflict.yours, conflict.theirs) == ("45", "60")
    # nothing merged or sent; the folder untouched and its edit intact
    assert git(yours, "rev-parse", "HEAD") == head_before
    assert "45 days" in load(yours).find("retention").body
    with NoticeRepo.open(yours) as repo:
        assert [c.key for c in store_remote.pending_merge(repo).open_conflicts] == [conflict.key]
    resolution = Resolution(choice, "90")
    done = sync(yours, resolutions={conflict.key: resolution})
    assert done.merged and not done.conflicts
    word = {YOURS: "45", THEIRS: "60", EDIT: "90"}[choice]
    sync(theirs, OTHER)
    for folder in (yours, theirs):
        assert (
            load(folder).find("retention").body == f"We keep account data for {word} days after you close your account."
        )
    # both original edits are still in the history
    assert "45 days" in git(yours, "show", "HEAD^1:clauses/retention.md")
    assert "60 days" in git(yours, "show", "HEAD^2:clauses/retention.md")
    with NoticeRepo.open(yours) as repo:
        assert store_remote.pending_merge(repo) is None
    consistent(yours, theirs)


def test_conflict_decided_offline_then_sent(tmp_path: Path) -> None:
    _, yours, theirs = shared_notice(tmp_path)
    edit(yours, lambda n: n.set_variable("organisation.name", "Acme Limited"))
    edit(theirs, lambda n: n.set_variable("organisation.name", "Acme Ltd."))
    sync(theirs, OTHER)
    (conflict,) = sync(yours).conflicts
    with NoticeRepo.open(yours, write=True) as repo:
        assert store_remote.complete_merge(repo, {conflict.key: Resolution(THEIRS)}, AUTHOR)
        assert repo.load().variables["organisation.name"] == "Acme Ltd."
    assert sync(yours).sent >= 1
    sync(theirs, OTHER)
    assert load(theirs).variables["organisation.name"] == "Acme Ltd."
    consistent(yours, theirs)


def test_outline_move_against_text_edit(tmp_path: Path) -> None:
    _, yours, theirs = shared_notice(tmp_path)
    edit(yours, lambda n: (n.move("children", None, 0), n.move("retention", None, 3)))
    edit(theirs, lambda n: n.set_body("retention", "We keep account data for 90 days."))
    sync(theirs, OTHER)
    assert sync(yours).conflicts == ()
    sync(theirs, OTHER)
    for folder in (yours, theirs):
        notice = load(folder)
        assert [c.id for c in notice.clauses] == ["children", "introduction", "security", "retention"]
        assert notice.find("retention").body == "We keep account data for 90 days."
    consistent(yours, theirs)


def test_removed_on_one_side_edited_on_the_other_loses_nothing(tmp_path: Path) -> None:
    _, yours, theirs = shared_notice(tmp_path)
    edit(yours, lambda n: n.remove("children"))
    edit(theirs, lambda n: n.set_body("children", "Not meant for children under 13."))
    sync(theirs, OTHER)
    (conflict,) = sync(yours).conflicts
    assert conflict.kind == "removed"
    sync(yours, resolutions={conflict.key: Resolution(THEIRS)})
    assert load(yours).find("children").body == "Not meant for children under 13."
    sync(theirs, OTHER)
    assert load(theirs).find("children").body == "Not meant for children under 13."
    consistent(yours, theirs)


def test_a_publish_on_each_side(tmp_path: Path) -> None:
    server, yours, theirs = shared_notice(tmp_path)
    with NoticeRepo.open(yours, write=True) as repo:
        repo.publish(dt.date(2026, 1, 1), "First version.", True, "General Counsel", AUTHOR)
    assert sync(yours).versions_sent == ("v1",)
    edit(theirs, lambda n: n.set_body("security", "Encrypted."))
    result = sync(theirs, OTHER)
    assert result.versions_received == ("v1",)
    with NoticeRepo.open(theirs, write=True) as repo:
        assert repo.versions()[-1].name == "v1"
        repo.publish(dt.date(2026, 2, 1), "Security wording.", False, "General Counsel", OTHER)
    assert sync(theirs, OTHER).versions_sent == ("v2",)
    sync(yours)
    with NoticeRepo.open(yours) as repo:
        assert [v.name for v in repo.versions()] == ["v1", "v2"]
        assert repo.version("v2").published_by == "Omar Outside"
    assert git(server, "rev-parse", "v1^{}") == git(yours, "rev-parse", "v1^{}")
    consistent(yours, theirs, server)


def test_the_same_version_published_on_both_sides_is_reported_and_the_rest_syncs(tmp_path: Path) -> None:
    server, yours, theirs = shared_notice(tmp_path)
    edit(yours, lambda n: n.set_body("security", "Yours."))
    edit(theirs, lambda n: n.set_body("children", "Theirs."))
    with NoticeRepo.open(theirs, write=True) as repo:
        repo.publish(dt.date(2026, 1, 1), "Theirs.", True, "GC", OTHER)
    edit(theirs, lambda n: n.set_body("retention", "Kept for a year."), author=OTHER)
    with NoticeRepo.open(theirs, write=True) as repo:
        repo.publish(dt.date(2026, 2, 1), "Retention.", False, "GC", OTHER)
    sync(theirs, OTHER)
    with NoticeRepo.open(yours, write=True) as repo:
        repo.publish(dt.date(2026, 1, 1), "Yours.", True, "GC", AUTHOR)
        review_id = store_remote.request_review(repo, "Please look", AUTHOR)
    ours_v1, server_v1 = git(yours, "rev-parse", "v1"), git(server, "rev-parse", "v1")

    result = sync(yours)
    assert result.diverged_versions == ("v1",) and result.merged and result.versions_received == ("v2",)
    assert result.reviews_changed == 1 and result.sent >= 1
    assert "Version v1 was published both here and on the server" in result.sentence
    assert "everything else was synced" in result.sentence and result.sentence.count("v1") == 1
    assert git(yours, "rev-parse", "v1") == ours_v1 and git(server, "rev-parse", "v1") == server_v1  # never moved
    notice = load(yours)
    assert (notice.find("security").body, notice.find("children").body) == ("Yours.", "Theirs.")
    assert notice.find("retention").body == "Kept for a year."
    assert git(server, "rev-parse", "main") == git(yours, "rev-parse", "HEAD")
    assert git(server, "rev-parse", f"refs/notice-reviews/{review_id}")

    again = sync(theirs, OTHER)  # the other side's v1 is the server's: it just gets the merged draft
    assert again.diverged_versions == () and again.draft_changed
    assert load(theirs).find("security").body == "Yours."
    assert git(theirs, "rev-parse", "v1") == server_v1
    consistent(yours, theirs, server)


def test_history_rewritten_on_the_server_is_refused(tmp_path: Path) -> None:
    server, yours, theirs = shared_notice(tmp_path)
    edit(theirs, lambda n: n.set_body("security", "One."))
    sync(theirs, OTHER)
    sync(yours)
    # someone force-pushes an older history over the server's draft
    first = git(server, "rev-list", "--max-parents=0", "main").strip()
    git(server, "update-ref", "refs/heads/main", first)
    head = git(yours, "rev-parse", "HEAD")
    with pytest.raises(store_remote.HistoryRewrittenError, match="rewritten"):
        sync(yours)
    assert git(yours, "rev-parse", "HEAD") == head
    assert load(yours).find("security").body == "One."


def test_a_repository_that_is_not_a_notice(tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    git(other, "init", "-q", "-b", "main")
    (other / "README").write_text("hello\n")
    git(other, "add", "README")
    git(other, "-c", "user.name=x", "-c", "user.email=x@x", "commit", "-qm", "x")
    with pytest.raises(store_remote.NotANoticeRemoteError, match="is not a notice"):
        store_remote.clone(other.as_uri(), tmp_path / "copy")
    assert not (tmp_path / "copy").exists()
    with pytest.raises(store_remote.NotANoticeRemoteError, match="is empty"):
        store_remote.clone(bare(tmp_path / "empty.git").as_uri(), tmp_path / "copy")
    with pytest.raises(store_remote.NotANoticeRemoteError, match="no repository"):
        store_remote.clone((tmp_path / "nowhere.git").as_uri(), tmp_path / "copy")
    _, yours, _ = shared_notice(tmp_path / "n")
    with NoticeRepo.open(yours, write=True) as repo:
        store_remote.add_remote(repo, str(other), "other")
        with pytest.raises(store_remote.NotANoticeRemoteError, match="not a notice"):
            store_remote.sync(repo, "other")


def test_a_bare_repository_whose_head_names_master_clones_the_notice(tmp_path: Path) -> None:
    # made as plain `git init --bare` makes it (HEAD names 'master'); the notice is sent as 'main'
    server = bare(tmp_path / "server.git", branch="master")
    with NoticeRepo.create(tmp_path / "first", __import__("notice_support").small_notice(), AUTHOR) as repo:
        store_remote.add_remote(repo, str(server))
        assert store_remote.sync(repo, author=AUTHOR).sent == 1
    # the first sync pointed the folder server's HEAD, which named no branch, at the draft
    assert git(server, "symbolic-ref", "HEAD").strip() == "refs/heads/main"
    subprocess.run(["git", "clone", "-q", str(server), str(tmp_path / "plain")], check=True)
    assert (tmp_path / "plain" / "notice.yaml").is_file()
    # a server that cannot be told (another host, or made before this): HEAD still names 'master'
    git(server, "symbolic-ref", "HEAD", "refs/heads/master")
    copy = store_remote.clone(server.as_uri(), tmp_path / "copy")
    assert (copy / "notice.yaml").is_file() and git(copy, "symbolic-ref", "--short", "HEAD").strip() == "main"
    assert git(copy, "branch", "--list").strip() == "* main"
    edit(copy, lambda n: n.set_body("security", "Sent from the copy."), author=OTHER)
    assert sync(copy, OTHER).sent == 1
    assert sync(tmp_path / "first").received == 1
    # a 'master' with something else on it (a README) and the notice on 'main': the notice is opened
    other = tmp_path / "readme"
    git(tmp_path, "clone", "-q", str(server), str(other))
    git(other, "checkout", "-q", "--orphan", "master")
    git(other, "rm", "-rqf", ".")
    (other / "README").write_text("Legal team notices.\n")
    git(other, "add", "README")
    git(other, "-c", "user.name=x", "-c", "user.email=x@x", "commit", "-qm", "Readme")
    git(other, "push", "-q", "origin", "master")
    git(server, "symbolic-ref", "HEAD", "refs/heads/master")
    again = store_remote.clone(str(server), tmp_path / "again")
    assert load(again).find("security").body == "Sent from the copy."
    assert git(again, "branch", "--list").strip() == "* main"
    edit(again, lambda n: n.set_body("security", "Sent again."))
    assert sync(again).sent == 1
    assert git(server, "symbolic-ref", "HEAD").strip() == "refs/heads/master"  # a HEAD naming a branch stays
    consistent(copy, again)


def test_unreachable_server_keeps_edits_and_catches_up(tmp_path: Path) -> None:
    server, yours, theirs = shared_notice(tmp_path)
    edit(yours, lambda n: n.set_body("security", "Offline edit."))
    moved = tmp_path / "away.git"
    server.rename(moved)
    with pytest.raises(store_remote.RemoteError, match="no repository"):
        sync(yours)
    with NoticeRepo.open(yours, write=True) as repo:
        git(yours, "remote", "set-url", "origin", "http://127.0.0.1:9/notice.git")
        with pytest.raises(store_remote.UnreachableError, match="could not be reached.*kept here"):
            store_remote.sync(repo)
        git(yours, "remote", "set-url", "origin", moved.as_uri())
        assert store_remote.sync(repo).sent == 1
    git(theirs, "remote", "set-url", "origin", moved.as_uri())
    sync(theirs)
    assert load(theirs).find("security").body == "Offline edit."
    consistent(yours, theirs)


def test_remote_add_show_remove(tmp_path: Path) -> None:
    server = bare(tmp_path / "s.git")
    with NoticeRepo.create(tmp_path / "n", __import__("notice_support").small_notice(), AUTHOR) as repo:
        store_remote.add_remote(repo, "https://user@git.example/acme/notice.git")
        assert store_remote.remotes(repo) == {"origin": "https://git.example/acme/notice.git"}
        with pytest.raises(store_remote.RemoteError, match="already connected"):
            store_remote.add_remote(repo, server.as_uri())
        store_remote.remove_remote(repo)
        assert store_remote.remotes(repo) == {}
        store_remote.add_remote(repo, str(server))
        info = store_remote.remote_info(repo)
        assert (info.ahead, info.behind) == (1, 0)
        store_remote.sync(repo)
        edit_notice = repo.load()
        edit_notice.add(Clause("contact", "Contact", "Write to us."))
        repo.save(edit_notice, "Added 'Contact'", AUTHOR)
        info = store_remote.remote_info(repo)
        assert (info.ahead, info.behind) == (1, 0)


@pytest.mark.parametrize(
    ("address", "without"),
    [
        ("https://alice:ghp_SECRET123@git.example/legal/n.git", "(https://alice@git.example/legal/n.git)"),
        ("https://ghp_SECRET123@git.example/legal/n.git", "(https://git.example/legal/n.git)"),
        ("http://alice:SECRET123@127.0.0.1:9/n.git", "(http://alice@127.0.0.1:9/n.git)"),
        ("ssh://git:SECRET123@git.example/legal/n.git", "(ssh://git@git.example/legal/n.git)"),
        ("alice:SECRET123@git.example:legal/n.git", "(alice@git.example:legal/n.git)"),
    ],
)
def test_an_address_with_a_password_in_it_is_refused_and_never_stored(
    tmp_path: Path, address: str, without: str
) -> None:
    with NoticeRepo.create(tmp_path / "n", __import__("notice_support").small_notice(), AUTHOR) as repo:
        with pytest.raises(store_remote.RemoteError, match="has a password or token written into it") as refused:
            store_remote.add_remote(repo, address)
        assert without in str(refused.value) and "SECRET123" not in str(refused.value)
        assert store_remote.remotes(repo) == {}
    assert "SECRET123" not in (tmp_path / "n" / ".git" / "config").read_text()
    with pytest.raises(store_remote.RemoteError, match="has a password or token written into it"):
        store_remote.clone(address, tmp_path / "copy")
    assert not (tmp_path / "copy").exists()


@pytest.mark.parametrize("address", ["htps://git.example/legal/n.git", "git://git.example/n.git", "ftp://x/n.git"])
def test_an_address_of_an_unknown_kind_is_refused(tmp_path: Path, address: str) -> None:
    accepted = "give an https://, http:// or ssh:// address, git@host:path, a folder, or a file:// address."
    with NoticeRepo.create(tmp_path / "n", __import__("notice_support").small_notice(), AUTHOR) as repo:
        with pytest.raises(store_remote.RemoteError, match="is not a server address Notice Studio knows") as refused:
            store_remote.add_remote(repo, address)
        assert str(refused.value).endswith(accepted)
        assert store_remote.remotes(repo) == {}
    with pytest.raises(store_remote.RemoteError, match="is not a server address Notice Studio knows"):
        store_remote.clone(address, tmp_path / "copy")
    assert not (tmp_path / "copy").exists()


def test_the_addresses_a_server_may_have(tmp_path: Path) -> None:
    for address in (
        "https://git.example/legal/n.git",
        "https://alice@git.example/legal/n.git",  # a user name is no secret: the credential helper uses it
        "ssh://git@git.example:2222/legal/n.git",
        "git@git.example:legal/n.git",
        "git.example:legal/n.git",
        "git@git.example:legal/n@2.git",
        "file:///srv/notices/n.git",
    ):
        assert store_remote.server_address(f" {address} ") == address
    assert store_remote.server_address("HTTPS://git.example/n.git") == "https://git.example/n.git"  # as git needs it
    assert store_remote.server_address(str(tmp_path / "n.git")) == str(tmp_path / "n.git")
    assert store_remote.server_address("C:\\Shares\\n.git").endswith("C:\\Shares\\n.git")  # a folder on Windows


def test_edits_not_yet_committed_are_kept_by_a_sync(tmp_path: Path) -> None:
    _, yours, theirs = shared_notice(tmp_path)
    edit(theirs, lambda n: n.set_body("security", "Theirs."))
    sync(theirs, OTHER)
    with NoticeRepo.open(yours, write=True) as repo:
        path = yours / "clauses" / "children.md"
        path.write_text(path.read_text().replace("under 16", "under 14"))
        store_remote.sync(repo)
        notice = repo.load()
    assert "under 14" in notice.find("children").body and notice.find("security").body == "Theirs."
    consistent(yours)


def test_signed_version_tags_verify(tmp_path: Path) -> None:
    key = tmp_path / "key"
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", str(key)], check=True)
    _, yours, theirs = shared_notice(tmp_path)
    allowed = tmp_path / "allowed"
    allowed.write_text(f"jane@example.com {(tmp_path / 'key.pub').read_text()}")
    for key_, value in (
        ("gpg.format", "ssh"),
        ("user.signingkey", str(key)),
        ("tag.gpgSign", "true"),
        ("gpg.ssh.allowedSignersFile", str(allowed)),
    ):
        git(yours, "config", key_, value)
    with NoticeRepo.open(yours, write=True) as repo:
        assert store_remote.signing_configured(repo)
        repo.publish(dt.date(2026, 1, 1), "First.", True, "GC", AUTHOR)
        sig = store_remote.version_signatures(repo)["v1"]
        assert sig.state == "verified" and sig.signer == "jane@example.com"
        store_remote.sync(repo)
    sync(theirs)
    with NoticeRepo.open(theirs) as repo:
        assert not store_remote.signing_configured(repo)
        assert store_remote.version_signatures(repo)["v1"].state == "not verified"  # no allowed signers here


def test_two_people_adding_to_one_review_at_once_keeps_both(tmp_path: Path) -> None:
    server, yours, theirs = shared_notice(tmp_path)
    with NoticeRepo.open(yours, write=True) as repo:
        review_id = store_remote.request_review(repo, "Please look at retention.", AUTHOR)
        store_remote.sync(repo)
    sync(theirs, OTHER)
    with NoticeRepo.open(theirs, write=True) as repo:
        store_remote.add_review_event(repo, review_id, "comment", "Say 30 days.", "retention", OTHER)
        store_remote.add_review_event(repo, review_id, "approve", author=OTHER)
    with NoticeRepo.open(yours, write=True) as repo:
        store_remote.add_review_event(repo, review_id, "comment", "I added a sentence.", "", AUTHOR)
    sync(theirs, OTHER)
    sync(yours)
    sync(theirs, OTHER)
    for folder in (yours, theirs):
        with NoticeRepo.open(folder) as repo:
            (review,) = store_remote.reviews(repo)
            assert review.id == review_id and review.state == "approved"
            assert {e.text for e in review.comments} == {"Say 30 days.", "I added a sentence."}
            assert review.approvals[0].author == "Omar Outside"
            assert store_remote.draft_approver(repo) == "Omar Outside <omar@example.com>"
    assert git(yours, "rev-parse", f"refs/notice-reviews/{review_id}") == git(
        server, "rev-parse", f"refs/notice-reviews/{review_id}"
    )
    consistent(yours, theirs, server)


def test_the_three_listings_from_one_diff_match_git_ls_tree(tmp_path: Path) -> None:
    """The merge reads the ancestor's and theirs' file lists from ours plus one diff-tree run."""
    _, yours, theirs = shared_notice(tmp_path)
    edit(yours, lambda n: n.add(Clause("appeals", "Appeals", "Write to us.")))
    edit(yours, lambda n: n.set_body("security", "Ours."))
    edit(theirs, lambda n: n.remove("children"), author=OTHER)
    (theirs / "extra file.txt").write_text("outside the notice\n")
    git(theirs, "add", "extra file.txt")
    git(theirs, "-c", "user.name=O", "-c", "user.email=o@x", "commit", "-qm", "extra")
    sync(theirs, OTHER)
    git(yours, "fetch", "-q", "origin")
    ours, other = git(yours, "rev-parse", "HEAD").strip(), git(yours, "rev-parse", "origin/main").strip()
    base = git(yours, "merge-base", ours, other).strip()
    with NoticeRepo.open(yours) as repo:
        listed = store_remote._trees(repo, base, ours, other)
        assert listed == [store_remote._tree(repo, c) for c in (base, ours, other)]
        assert "extra file.txt" in listed[2] and "clauses/children.md" not in listed[2]
        assert "clauses/appeals.md" in listed[1] and "clauses/appeals.md" not in listed[0]

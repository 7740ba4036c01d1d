"""Team actions as Workspace methods (what the CLI and the app call), on real repositories."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from notice_support import AUTHOR, assert_fsck_clean, git, small_notice
from remote_support import OTHER, bare, edit, shared_notice, sync

from notice_studio.core.notice import store_remote
from notice_studio.core.notice.model import NoticeError
from notice_studio.core.remote import reviews as review_model
from notice_studio.core.workspace import Workspace, as_of, standing, team


def test_the_workspace_names_agree_with_the_review_model_and_the_store() -> None:
    assert (team.COMMENT, team.APPROVE, team.CHANGES, team.OPEN) == (
        review_model.COMMENT,
        review_model.APPROVE,
        review_model.CHANGES,
        review_model.OPEN,
    )
    assert team.DEFAULT_REMOTE == store_remote.DEFAULT_REMOTE


def test_add_show_remove_a_server_and_sync_with_none(tmp_path: Path) -> None:
    server = bare(tmp_path / "srv.git")
    with _new(tmp_path / "n") as ws:
        with pytest.raises(
            NoticeError, match="has no server named 'origin'; connect one with 'notice-studio remote add DIR URL'"
        ):
            ws.sync()
        with pytest.raises(NoticeError, match="password or token written into it"):
            ws.add_remote(f"https://jane:secret@git.example.com/{server.name}")  # never stored
        assert ws.remotes() == {}
        assert ws.add_remote(f"https://jane@git.example.com/{server.name}") == (
            f"https://git.example.com/{server.name}"
        )
        assert ws.remotes() == {"origin": f"https://git.example.com/{server.name}"}  # the user name not shown
        ws.remove_remote()
        ws.add_remote(str(server))
        (info,) = ws.show_remotes()
        assert (info.ahead, info.behind, info.contacted, info.fetched) == (1, 0, "", False)
        assert as_of(info) == "never synced"
        result = ws.sync()
        assert result.sent == 1 and not result.draft_changed
        (info,) = ws.show_remotes()
        assert info.ahead == 0 and info.contacted and not info.fetched
        moment = dt.datetime.fromisoformat(info.contacted)
        assert abs((dt.datetime.now(dt.UTC) - moment).total_seconds()) < 120
        assert as_of(info).startswith(f"as of the last sync, {moment.strftime('%Y-%m-%d')}")
        assert "'status --fetch'" in standing(info)
        ws.remove_remote()
        assert ws.remotes() == {} and ws.show_remotes() == []


def _new(folder: Path):
    from notice_studio.core.notice.store import NoticeRepo

    NoticeRepo.create(folder, small_notice(), AUTHOR).close()
    return Workspace.open(folder, write=True, author=AUTHOR)


def test_status_is_as_of_the_last_sync_unless_it_fetches(tmp_path: Path) -> None:
    _, yours, theirs = shared_notice(tmp_path)
    edit(theirs, lambda n: n.set_body("children", "Not for anyone under 13."), author=OTHER)
    sync(theirs, OTHER)
    with Workspace.open(yours, author=AUTHOR) as ws:
        (info,) = ws.status().remotes
        assert info.behind == 0 and not info.fetched  # the server's edit is not known here yet
        assert "as of the last sync" in standing(info)
        status = ws.status(fetch=True)
        (info,) = status.remotes
        assert info.behind == 1 and info.fetched and info.ahead == 0
        assert standing(info) == "0 edits not yet sent, 1 on the server not yet here (checked with the server just now)"
        assert ws.notice.find("children").body != "Not for anyone under 13."  # a status never merges
        assert status.open_reviews == () and status.approved_by is None and status.signatures == {}
    config = yours / ".git" / "config"
    config.write_text(config.read_text().replace((tmp_path / "server.git").as_uri(), "http://127.0.0.1:9/n.git"))
    with Workspace.open(yours, author=AUTHOR) as ws:
        (info,) = ws.status(fetch=True).remotes
        assert not info.fetched and "could not be reached" in info.fetch_problem
        assert info.behind == 1  # still the figures of the last contact
        assert as_of(info).startswith("as of the last sync, ")


def test_clone_sync_take_and_reload(tmp_path: Path) -> None:
    server, yours, _ = shared_notice(tmp_path)
    with Workspace.clone(server.as_uri(), tmp_path / "mine", write=True, author=OTHER) as mine:
        assert mine.path == tmp_path / "mine" and mine.notice.has("security")
        mine.edit_body("security", "We protect your data with firewalls.")
        mine.save()
        assert mine.sync().sent == 1
    edit(yours, lambda n: n.set_body("security", "We protect your data with hashing."))
    with Workspace.open(yours, write=True, author=AUTHOR) as ws:
        stopped = ws.sync()
        assert [c.key for c in stopped.conflicts] == ["clause/security/text/1"]
        assert ws.notice.find("security").body.endswith("hashing.")  # nothing merged while undecided
        result = ws.sync(take="theirs")
        assert result.merged and result.draft_changed and not result.conflicts
        assert ws.notice.find("security").body == "We protect your data with firewalls."  # reloaded
        assert git(server, "rev-parse", "main").strip() == ws.repo.head()


def test_reviews_through_the_workspace(tmp_path: Path) -> None:
    with _new(tmp_path / "n") as ws:
        review_id = store_remote.request_review(ws.repo, "Retention wording", OTHER)  # a colleague asks
        (open_review,) = ws.reviews()
        assert open_review.id == review_id and open_review.request.text == "Retention wording"
        with pytest.raises(NoticeError, match="Write the comment first"):
            ws.comment(review_id, "   ")
        with pytest.raises(NoticeError, match="Say what should change first"):
            ws.ask_for_changes(review_id, "")
        ws.comment(review_id, "Say 30 days.", "retention")
        assert ws.ask_for_changes(review_id, "Shorter, please.").state == review_model.CHANGES_REQUESTED
        approved = ws.approve(review_id)
        assert approved.state == review_model.APPROVED and approved.events[-1].who == AUTHOR.name + f" <{AUTHOR.email}>"
        assert ws.reviews() == [] and [r.id for r in ws.reviews(include_closed=True)] == [review_id]
        assert ws.status().approved_by == f"{AUTHOR.name} <{AUTHOR.email}>"
        assert ws.approval_problem() is None


def test_conflicts_decided_offline_are_merged_here_and_sent_at_the_next_sync(tmp_path: Path) -> None:
    server, yours, theirs = shared_notice(tmp_path)
    edit(theirs, lambda n: n.set_body("security", "We protect your data with firewalls."), author=OTHER)
    sync(theirs, OTHER)
    edit(
        yours, lambda n: (n.set_body("security", "We protect your data with hashing."), n.set_body("children", "Ours."))
    )
    with Workspace.open(yours, write=True, author=AUTHOR) as ws:
        stopped = ws.sync()
        assert (
            [c.key for c in ws.pending_conflicts()] == [c.key for c in stopped.conflicts] == ["clause/security/text/1"]
        )
        head = ws.repo.head()
        assert not ws.decide_conflicts({})  # undecided: nothing changes
        assert ws.repo.head() == head and ws.pending_conflicts()
    config = yours / ".git" / "config"
    address = server.as_uri()
    config.write_text(config.read_text().replace(address, "http://127.0.0.1:9/n.git"))  # offline
    with Workspace.open(yours, write=True, author=AUTHOR) as ws:
        with pytest.raises(store_remote.UnreachableError):
            ws.sync()  # no choices given: the usual sentence, nothing decided
        result = ws.sync(take="theirs")
        assert result.merged and result.draft_changed and result.sent == 0
        assert result.sentence.startswith("Your choices were merged and saved here but not sent: the server at ")
        assert result.sentence.endswith("will be sent when you sync again.")
        assert ws.notice.find("security").body == "We protect your data with firewalls."  # reloaded
        assert ws.notice.find("children").body == "Ours."
        assert ws.pending_conflicts() == () and not ws.decide_conflicts({}, take="yours")  # nothing left to decide
        assert git(server, "rev-parse", "main").strip() != ws.repo.head()
    config.write_text(config.read_text().replace("http://127.0.0.1:9/n.git", address))
    with Workspace.open(yours, write=True, author=AUTHOR) as ws:
        result = ws.sync()
        assert result.sent >= 1 and not result.conflicts and not result.not_sent
        assert git(server, "rev-parse", "main").strip() == ws.repo.head()
    assert sync(theirs, OTHER).draft_changed
    with Workspace.open(theirs) as other, Workspace.open(yours) as mine:
        assert other.notice.find("children").body == "Ours." == mine.notice.find("children").body
        assert other.repo.head() == mine.repo.head()
    for folder in (server, yours, theirs):
        assert_fsck_clean(folder)


def test_an_approval_is_a_second_persons_check(tmp_path: Path) -> None:
    """Whoever asked for the review cannot approve it, nor can someone approve their own edits
    saved since it was asked for (found by the team bug bash)."""
    with _new(tmp_path / "n") as ws:
        own = ws.request_review("Please check the retention wording")
        with pytest.raises(NoticeError, match="You asked for this review, so your approval would not be a second"):
            ws.approve(own)
        theirs = store_remote.request_review(ws.repo, "And the security section", OTHER)
        ws.notice.set_body("security", "We protect your data with encryption at rest.")
        ws.save("Edited 'Security'")
        with pytest.raises(NoticeError, match="The draft has 1 edit of yours saved since this review was asked for"):
            ws.approve(theirs)
        assert [r.state for r in ws.reviews(include_closed=True)] == [review_model.OPEN, review_model.OPEN]
        fresh = store_remote.request_review(ws.repo, "The draft with my edit", OTHER)
        assert ws.approve(fresh).state == review_model.APPROVED  # asked for by a colleague; nothing of mine since

"""`notice-studio remote|clone|sync|review|status|ci-recipe`, run in-process on real repositories."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from notice_support import AUTHOR, git
from remote_support import bare, edit, load, shared_notice

from notice_studio.cli import main
from notice_studio.core.notice.store import NoticeRepo
from notice_studio.core.remote.reviews import set_requires_approval


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_remote_add_sync_clone_and_show(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    server = bare(tmp_path / "srv.git")
    assert run(capsys, "new", str(tmp_path / "acme"), "--org", "Acme Ltd")[0] == 0
    code, out, _ = run(capsys, "remote", "add", str(tmp_path / "acme"), str(server))
    assert code == 0 and "Connected" in out
    code, out, _ = run(capsys, "sync", str(tmp_path / "acme"))
    assert code == 0 and out.startswith("Synced: sent 1 edit")
    code, out, _ = run(capsys, "clone", server.as_uri(), str(tmp_path / "bob"))
    assert code == 0 and (tmp_path / "bob" / "notice.yaml").is_file()
    code, out, _ = run(capsys, "remote", "show", str(tmp_path / "bob"), "--json")
    (row,) = json.loads(out)["remotes"]
    assert (row["name"], row["ahead"], row["behind"], row["pending_conflicts"]) == ("origin", 0, 0, 0)
    code, _, err = run(capsys, "remote", "add", str(tmp_path / "bob"), str(server))
    assert code == 1 and err.count("\n") == 1 and "already connected" in err


def test_clone_from_a_server_made_by_plain_git_init_bare(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    server = bare(tmp_path / "srv.git", branch="master")  # git's own default HEAD
    assert run(capsys, "new", str(tmp_path / "acme"), "--org", "Acme Ltd")[0] == 0
    assert run(capsys, "remote", "add", str(tmp_path / "acme"), str(server))[0] == 0
    assert run(capsys, "sync", str(tmp_path / "acme"))[0] == 0
    git(server, "symbolic-ref", "HEAD", "refs/heads/master")  # as a server set up before this sync
    code, out, err = run(capsys, "clone", str(server), str(tmp_path / "bob"))
    assert (code, err) == (0, "") and out.startswith("Opened the notice from")
    assert (tmp_path / "bob" / "notice.yaml").is_file()


def test_remote_add_and_clone_refuse_a_password_and_an_unknown_kind_of_address(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    acme = str(tmp_path / "acme")
    assert run(capsys, "new", acme, "--org", "Acme Ltd")[0] == 0
    for argv in (
        ("remote", "add", acme, "https://alice:ghp_SECRET123@127.0.0.1:9/n.git"),
        ("clone", "https://alice:ghp_SECRET123@127.0.0.1:9/n.git", str(tmp_path / "copy")),
    ):
        code, out, err = run(capsys, *argv)
        assert code == 1 and out == "" and err.count("\n") == 1 and "SECRET123" not in err
        assert "never stores; give the address without it (https://alice@127.0.0.1:9/n.git)" in err
    assert "SECRET123" not in (tmp_path / "acme" / ".git" / "config").read_text()
    assert not (tmp_path / "copy").exists()
    code, out, err = run(capsys, "remote", "add", acme, "htps://git.example/legal/n.git")
    assert code == 1 and err.count("\n") == 1 and "(it starts 'htps://')" in err and "git@host:path" in err
    code, out, _ = run(capsys, "remote", "show", acme)
    assert "not connected to a server" in out


_SYNC_HELD_AT_FETCHED = """
import sys
from notice_studio.cli import main
from notice_studio.core.notice import store_remote

def stop(stage):
    if stage == "fetched":
        print("at", stage, flush=True)
        sys.stdin.read()

store_remote.checkpoint = stop
sys.exit(main(["sync", sys.argv[1]]))
"""


def test_a_notice_held_by_a_command_says_to_wait_for_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, yours, _ = shared_notice(tmp_path)
    with subprocess.Popen(
        [sys.executable, "-c", _SYNC_HELD_AT_FETCHED, str(yours)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as proc:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "at fetched"
        code, _, err = run(capsys, "review", "request", str(yours))
        proc.communicate("")
    assert code == 1 and err.count("\n") == 1
    assert f"This notice is being changed by the command 'notice-studio sync' (process {proc.pid} on " in err
    assert err.endswith("; wait for it to finish, then try again.\n") and "window" not in err
    assert proc.returncode == 0
    assert run(capsys, "review", "request", str(yours))[0] == 0
    with NoticeRepo.open(yours, write=True):  # a window (no command) holding it: close it there
        code, _, err = run(capsys, "review", "request", str(yours))
    assert code == 1 and "open in another Notice Studio window" in err and "close it there" in err


def test_a_review_is_recorded_under_the_notice_studio_identity_not_the_folders_git_config(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from notice_studio.core.workspace import save_identity

    _, yours, _ = shared_notice(tmp_path)
    save_identity("Jane Counsel", "jane@example.org")
    git(yours, "config", "user.name", "Alice (Work)")
    git(yours, "config", "user.email", "alice@work.example")
    assert run(capsys, "review", "request", str(yours), "--note", "Retention wording")[0] == 0
    review_id = json.loads(run(capsys, "review", "list", str(yours), "--json")[1])["reviews"][0]["id"]
    assert run(capsys, "review", "comment", str(yours), review_id, "Say 30 days.")[0] == 0  # not approve: one's own
    (review,) = json.loads(run(capsys, "review", "list", str(yours), "--all", "--json")[1])["reviews"]
    assert review["requested_by"] == "Jane Counsel <jane@example.org>"
    assert [e["by"] for e in review["events"]] == ["Jane Counsel <jane@example.org>"]
    code, out, _ = run(capsys, "review", "approve", "--help")
    text = " ".join(out.split())
    assert code == 0
    assert "git identity" not in text
    assert "recorded under your name and e-mail as set in Notice Studio (Edit > Settings)" in text
    assert "a git config set in the notice's own folder is not used" in text


def test_sync_stops_on_a_conflict_then_take_decides(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, yours, theirs = shared_notice(tmp_path)
    edit(yours, lambda n: n.set_body("security", "We protect your data with hashing."))
    edit(theirs, lambda n: n.set_body("security", "We protect your data with firewalls."))
    assert run(capsys, "sync", str(theirs))[0] == 0
    code, out, err = run(capsys, "sync", str(yours), "--json")
    assert code == 1
    (conflict,) = json.loads(out)["conflicts"]
    assert (conflict["key"], conflict["yours"], conflict["theirs"]) == (
        "clause/security/text/1",
        "hashing",
        "firewalls",
    )
    assert "--take yours|theirs" in err and "Traceback" not in err
    before = git(yours, "rev-parse", "HEAD")
    code, out, err = run(capsys, "sync", str(yours), "--choose", "clause/security/text/9=theirs", "--take", "yours")
    assert (code, out) == (1, "") and err == (
        "notice-studio: There is no conflict 'clause/security/text/9'; the conflicts are: clause/security/text/1.\n"
    )
    assert git(yours, "rev-parse", "HEAD") == before  # nothing merged or sent, --take not applied either
    code, out, _ = run(capsys, "sync", str(yours), "--choose", "clause/security/text/1=theirs")
    assert code == 0 and "merged" in out
    code, out, err = run(capsys, "sync", str(yours), "--choose", "clause/security/text/1=theirs")
    assert code == 1 and "There is no conflict 'clause/security/text/1'; no sync is waiting for a decision" in err
    assert load(yours).find("security").body == "We protect your data with firewalls."
    code, _, err = run(capsys, "sync", str(yours), "--choose", "nonsense")
    assert code == 1 and "KEY=yours" in err


def test_review_request_comment_approve_and_the_publishing_gate(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, yours, theirs = shared_notice(tmp_path)
    with NoticeRepo.open(yours, write=True) as repo:
        notice = repo.load()
        set_requires_approval(notice, True)
        repo.save(notice, "Publishing needs an approval", AUTHOR)
    code, out, _ = run(capsys, "status", str(yours), "--json")
    status = json.loads(out)
    assert status["publish_blocked_by"].startswith(
        "This notice requires an approval before publishing; ask for a review"
    )
    code, out, _ = run(capsys, "review", "request", str(yours), "--note", "Retention wording")
    review_id = out.split()[3].rstrip(".")
    assert run(capsys, "sync", str(yours))[0] == 0
    assert run(capsys, "sync", str(theirs))[0] == 0
    code, out, _ = run(capsys, "review", "list", str(theirs), "--json")
    (review,) = json.loads(out)["reviews"]
    assert review["id"] == review_id and review["state"] == "open" and review["note"] == "Retention wording"
    assert run(capsys, "review", "comment", str(theirs), review_id[:6], "Say 30 days.", "--clause", "retention")[0] == 0
    code, _, err = run(capsys, "review", "approve", str(theirs), review_id)
    assert code == 1 and "You asked for this review" in err  # one identity on this machine: no second person
    colleague = tmp_path / "colleague-home"
    colleague.mkdir()
    (colleague / ".gitconfig").write_text("[user]\n\tname = Omar Outside\n\temail = omar@example.com\n")
    with monkeypatch.context() as other:
        other.setenv("HOME", str(colleague))
        code, out, _ = run(capsys, "review", "approve", str(theirs), review_id)
    assert code == 0 and "(approved)" in out
    run(capsys, "sync", str(theirs))
    run(capsys, "sync", str(yours))
    code, out, _ = run(capsys, "status", str(yours), "--json")
    status = json.loads(out)
    assert status["publish_blocked_by"] is None and status["open_reviews"] == []
    assert status["approved_by"] == "Omar Outside <omar@example.com>"
    code, out, _ = run(capsys, "review", "list", str(yours), "--all", "--json")
    events = json.loads(out)["reviews"][0]["events"]
    assert [(e["kind"], e["clause"]) for e in events] == [("comment", "retention"), ("approve", None)]
    # an edit after the approval makes it stale
    edit(yours, lambda n: n.set_body("security", "Changed after approval."))
    code, out, _ = run(capsys, "status", str(yours))
    assert "changed since it was approved" in out
    code, _, err = run(capsys, "review", "approve", str(yours), "zzz")
    assert code == 1 and "No review matches 'zzz'" in err


def test_ci_recipe_is_committed_and_travels(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, yours, theirs = shared_notice(tmp_path)
    code, _, _ = run(capsys, "ci-recipe", "github", str(yours))
    assert code == 0
    workflow = (yours / ".github" / "workflows" / "notice-site.yml").read_text()
    assert 'tags: ["v*", "withdrawn/v*"]' in workflow and "notice-studio site . --out public" in workflow
    assert git(yours, "status", "--porcelain") == ""
    edit(theirs, lambda n: n.set_body("security", "Theirs."))
    run(capsys, "sync", str(theirs))
    run(capsys, "sync", str(yours))  # a merge: the workflow file is kept
    run(capsys, "sync", str(theirs))
    assert (theirs / ".github" / "workflows" / "notice-site.yml").read_text() == workflow
    run(capsys, "ci-recipe", "gitlab", str(theirs))
    assert "CI_COMMIT_TAG" in (theirs / ".gitlab-ci.yml").read_text()


def test_status_says_when_its_figures_are_from_and_fetch_asks_the_server(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, yours, theirs = shared_notice(tmp_path)
    edit(theirs, lambda n: n.set_body("security", "Theirs."))
    assert run(capsys, "sync", str(theirs))[0] == 0
    code, out, _ = run(capsys, "status", str(yours))
    assert code == 0 and "0 on the server not yet here (as of the last sync, 20" in out and " UTC" in out
    assert "'status --fetch' asks the server" in out
    code, out, _ = run(capsys, "status", str(yours), "--fetch")
    assert code == 0 and "1 on the server not yet here (checked with the server just now)." in out
    code, out, _ = run(capsys, "remote", "show", str(yours), "--json")
    (row,) = json.loads(out)["remotes"]
    assert row["behind"] == 1 and row["as_of"].startswith("20") and row["fetch_problem"] is None
    assert load(yours).find("security").body != "Theirs."  # status never merges


def test_status_fetch_with_the_server_down_fails_plainly_and_keeps_the_last_figures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, yours, _ = shared_notice(tmp_path)
    git(yours, "remote", "set-url", "origin", "http://127.0.0.1:9/notice.git")  # nothing listens there
    code, out, err = run(capsys, "status", str(yours), "--fetch")
    assert code == 1 and "0 on the server not yet here (as of the last sync, 20" in out
    assert "could not be reached" not in out and err.count("\n") == 1
    assert err.startswith("notice-studio: The server at http://127.0.0.1:9/notice.git could not be reached (")
    assert err.endswith("; the figures shown are as of the last sync; try again when it can be reached.\n")
    code, out, err = run(capsys, "status", str(yours), "--fetch", "--json")
    (row,) = json.loads(out)["remotes"]
    assert code == 1 and "could not be reached" in row["fetch_problem"] and "could not be reached" in err
    code, out, err = run(capsys, "remote", "show", str(yours), "--fetch")
    assert code == 1 and "could not be reached" in err and "could not be reached" not in out
    assert run(capsys, "status", str(yours))[0] == 0  # without --fetch nothing is asked, nothing failed


def test_clone_from_a_server_that_is_down_says_nothing_was_copied(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "clone", "http://127.0.0.1:9/notice.git", str(tmp_path / "copy"))
    assert code == 1 and out == "" and err.count("\n") == 1
    assert "could not be reached" in err and "edits" not in err
    assert err.endswith("; nothing was copied; check the address and your connection, then try again.\n")
    assert not (tmp_path / "copy").exists()


def test_remote_add_names_the_sync_command_for_that_server(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    server = bare(tmp_path / "web.git")
    acme = str(tmp_path / "acme")
    assert run(capsys, "new", acme, "--org", "Acme Ltd")[0] == 0
    code, out, _ = run(capsys, "remote", "add", acme, str(server), "--name", "web")
    assert code == 0 and out.endswith(f"'notice-studio sync {acme} --name web' sends the notice.\n")
    code, out, _ = run(capsys, "sync", acme, "--name", "web")
    assert code == 0 and out.startswith("Synced: sent 1 edit")
    code, out, _ = run(capsys, "remote", "add", acme, str(server))
    assert code == 0 and out.endswith(f"'notice-studio sync {acme}' sends the notice.\n")


def test_a_diverged_version_is_one_sentence_and_the_rest_syncs(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, yours, theirs = shared_notice(tmp_path)
    publish = ("--effective", "2026-03-01", "--force", "--approved-by", "GC")
    edit(theirs, lambda n: n.set_body("children", "Theirs."))
    assert run(capsys, "publish", str(theirs), *publish)[0] == 0
    assert run(capsys, "sync", str(theirs))[0] == 0
    edit(yours, lambda n: n.set_body("security", "Yours."))
    assert run(capsys, "publish", str(yours), *publish)[0] == 0
    code, out, _ = run(capsys, "sync", str(yours), "--json")
    assert code == 0 and json.loads(out)["versions_diverged"] == ["v1"] and json.loads(out)["merged"]
    code, out, _ = run(capsys, "sync", str(yours))
    assert code == 0 and out.count("\n") == 1 and "Version v1 was published both here and on the server" in out


def test_sync_decides_conflicts_offline_and_sends_them_later(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server, yours, theirs = shared_notice(tmp_path)
    edit(theirs, lambda n: n.set_body("security", "Theirs."))
    assert run(capsys, "sync", str(theirs))[0] == 0
    edit(yours, lambda n: n.set_body("security", "Yours."))
    code, out, _ = run(capsys, "sync", str(yours), "--json")
    (conflict,) = json.loads(out)["conflicts"]
    assert code == 1
    git(yours, "remote", "set-url", "origin", "http://127.0.0.1:9/n.git")  # offline
    code, out, _ = run(capsys, "sync", str(yours), "--choose", f"{conflict['key']}=yours", "--json")
    assert code == 0 and json.loads(out)["not_sent"].startswith("The server at http://127.0.0.1:9/n.git could not")
    assert load(yours).find("security").body == "Yours."
    git(yours, "remote", "set-url", "origin", server.as_uri())
    code, out, _ = run(capsys, "sync", str(yours))
    assert code == 0 and out.startswith("Synced: sent ")
    assert run(capsys, "sync", str(theirs))[0] == 0 and load(theirs).find("security").body == "Yours."

"""NoticeRepo against real git repositories in temporary folders (no mocks of git)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from notice_support import AUTHOR, assert_fsck_clean, git, small_notice

from notice_studio.core.notice import messages
from notice_studio.core.notice.autosave import AutoSaver
from notice_studio.core.notice.model import Clause, NoticeError, Table
from notice_studio.core.notice.notice_format import notice_files
from notice_studio.core.notice.store import (
    Author,
    CorruptNoticeError,
    NotANoticeError,
    NoticeRepo,
    resolve_author,
)


def reload(repo: NoticeRepo):
    with NoticeRepo.open(repo.path) as fresh:
        return fresh.load()


def outline(notice):
    return [(c.id, n, c.title) for c, _, n in notice.walk()]


def test_create_writes_the_documented_layout(repo: NoticeRepo) -> None:
    files = set(git(repo.path, "ls-files").split())
    assert {"notice.yaml", "clauses/introduction.md", "clauses/retention.md", "library-base/retention.md"} <= files
    assert git(repo.path, "config", "core.fsync").strip() == "committed"
    assert (
        git(repo.path, "log", "--format=%an <%ae>|%s").strip()
        == "Jane Counsel <jane@example.com>|Created the notice 'Privacy Notice'"
    )
    assert_fsck_clean(repo.path)


def test_every_operation_round_trips_through_git(repo: NoticeRepo) -> None:
    notice = repo.load()
    steps = [
        (lambda: notice.set_body("security", "We encrypt data at rest and in transit."), "Edited 'Security'"),
        (lambda: notice.rename("children", "Children's data"), "Renamed 'Children' to 'Children's data'"),
        (lambda: notice.add(Clause("cookies", "Cookies", "We use cookies."), index=1), "Added 'Cookies'"),
        (lambda: notice.move("children", None, 1), messages.moved("Children's data", "Introduction", None)),
        (lambda: notice.indent("cookies"), "Moved 'Cookies'"),
        (lambda: notice.outdent("cookies"), "Moved 'Cookies' back"),
        (lambda: notice.set_variable("contact.email", "privacy@acme.example"), "Filled in 'contact.email'"),
        (lambda: notice.remove("introduction"), "Deleted 'Introduction'"),
    ]
    for operation, message in steps:
        operation()
        assert repo.save(notice, message, AUTHOR) is not None
        assert outline(reload(repo)) == outline(notice)
        assert reload(repo).variables == notice.variables
        assert git(repo.path, "log", "-1", "--format=%s").strip() == message
        assert git(repo.path, "status", "--porcelain").strip() == ""
    assert not (repo.path / "clauses" / "introduction.md").exists()
    assert reload(repo).find("security").body == "We encrypt data at rest and in transit."
    assert_fsck_clean(repo.path)


def test_saving_an_unchanged_notice_makes_no_commit(repo: NoticeRepo) -> None:
    before = repo.head()
    assert repo.save(repo.load(), "Nothing", AUTHOR) is None
    assert repo.head() == before


def test_reorder_touches_only_the_outline(repo: NoticeRepo) -> None:
    notice = repo.load()
    notice.move_down("introduction")
    repo.save(notice, "Moved", AUTHOR)
    assert git(repo.path, "show", "--name-only", "--format=", "HEAD").split() == ["notice.yaml"]


def test_tables_round_trip(repo: NoticeRepo) -> None:
    notice = repo.load()
    notice.tables["cookies"] = Table(["name", "provider", "purpose"], [["sid", "Acme", "Keeps you signed in, safely"]])
    repo.save(notice, messages.table_edited("cookies"), AUTHOR)
    assert reload(repo).tables["cookies"].as_dicts() == [
        {"name": "sid", "provider": "Acme", "purpose": "Keeps you signed in, safely"}
    ]


def test_unicode_and_markdown_survive(repo: NoticeRepo) -> None:
    notice = repo.load()
    body = "Wir verarbeiten Daten gemäß § 26 BDSG — „so“.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n* item\n"
    notice.set_body("security", body)
    notice.rename("security", "Sécurité: “quotes” #1")
    repo.save(notice, "Edited", AUTHOR)
    again = reload(repo).find("security")
    assert again.body == body.rstrip()
    assert again.title == "Sécurité: “quotes” #1"


def test_history_and_versions_after_edits_and_two_publishes(repo: NoticeRepo) -> None:
    notice = repo.load()
    notice.set_body("security", "Version one text.")
    repo.save(notice, "Edited 'Security'", AUTHOR)
    v1 = repo.publish(dt.date(2026, 1, 15), "First version.", True, "General Counsel", AUTHOR)
    notice.set_body("children", "Not for under-13s.")
    repo.save(notice, "Edited 'Children'", AUTHOR)
    notice.move_up("children")
    repo.save(notice, "Moved 'Children' after 'Introduction'", AUTHOR)
    v2 = repo.publish(
        dt.date(2026, 3, 1), "We clarified the age limit.", False, "GC", AUTHOR, acknowledged=["Long sentence in 3"]
    )

    assert [v.name for v in repo.versions()] == ["v1", "v2"]
    assert v1.effective == dt.date(2026, 1, 15) and v1.material and v1.approved_by == "General Counsel"
    assert v2.change_notice == "We clarified the age limit." and not v2.material
    assert v2.acknowledged == ("Long sentence in 3",)
    assert v2.published_by == "Jane Counsel"
    assert git(repo.path, "cat-file", "-t", "v2").strip() == "tag"  # annotated

    edits = repo.edits()
    assert [e.message for e in edits] == [
        "Moved 'Children' after 'Introduction'",
        "Edited 'Children'",
        "Edited 'Security'",
        "Created the notice 'Privacy Notice'",
    ]
    assert edits[1].clauses == ("children",) and not edits[1].outline_changed
    assert edits[0].clauses == () and edits[0].outline_changed
    assert edits[0].author == "Jane Counsel"
    assert [e.message for e in repo.edits(limit=2)] == [e.message for e in edits[:2]]
    assert repo.last_updated() == dt.date(2026, 3, 1)

    old = repo.notice_at("v1")
    assert old.find("security").body == "Version one text."
    assert old.find("children").body == "Our service is not meant for children under 16."
    assert [c.id for c in old.clauses] == ["introduction", "security", "children"]
    assert repo.notice_at(edits[2].commit).find("security").body == "Version one text."
    assert repo.changed_since("v1") == {"children"}
    assert repo.edits_since("v1") == 2
    assert_fsck_clean(repo.path)


def test_publish_refusals(repo: NoticeRepo) -> None:
    repo.publish(dt.date(2026, 2, 1), "First.", True, "GC", AUTHOR)
    with pytest.raises(
        NoticeError, match="^Nothing has changed since v1; edit the notice before publishing a new version.$"
    ):
        repo.publish(dt.date(2026, 2, 2), "Again.", False, "GC", AUTHOR)
    notice = repo.load()
    notice.set_body("security", "Changed.")
    repo.save(notice, "Edited", AUTHOR)
    with pytest.raises(NoticeError, match="earlier than v1"):
        repo.publish(dt.date(2026, 1, 1), "Back-dated.", False, "GC", AUTHOR)


def test_restore_makes_a_new_commit_and_never_moves_tags(repo: NoticeRepo) -> None:
    notice = repo.load()
    v1 = repo.publish(dt.date(2026, 1, 1), "First.", True, "GC", AUTHOR)
    notice.set_body("security", "Rewritten.")
    notice.remove("children")
    repo.save(notice, "Edited", AUTHOR)
    history_before = git(repo.path, "rev-list", "HEAD").split()

    commit = repo.restore("v1", AUTHOR)
    assert commit is not None
    restored = reload(repo)
    assert outline(restored) == outline(small_notice())
    assert restored.find("security").body == "We protect your data with encryption."
    assert git(repo.path, "rev-list", "HEAD").split()[1:] == history_before  # appended, not rewritten
    assert repo.version("v1").commit == v1.commit
    assert repo.edits(limit=1)[0].message == "Restored v1 as the draft"
    assert_fsck_clean(repo.path)


def test_last_updated_is_none_before_publishing(repo: NoticeRepo) -> None:
    assert repo.last_updated() is None
    assert repo.versions() == []


def test_unknown_refs_are_refused_plainly(repo: NoticeRepo) -> None:
    with pytest.raises(NoticeError, match="'v9' is neither a published version"):
        repo.notice_at("v9")
    with pytest.raises(NoticeError, match="There is no published version 'v3'"):
        repo.version("v3")


# ----- refusals on open -----------------------------------------------------------------------
def test_open_refuses_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(NotANoticeError, match="There is no folder at"):
        NoticeRepo.open(tmp_path / "nowhere")


def test_open_refuses_a_file(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x")
    with pytest.raises(NotANoticeError, match="is a file, not a notice folder"):
        NoticeRepo.open(tmp_path / "notes.txt")


def test_open_refuses_a_plain_folder(tmp_path: Path) -> None:
    with pytest.raises(NotANoticeError, match="is not a notice \\(it has no notice.yaml\\)") as refused:
        NoticeRepo.open(tmp_path)
    # The command line names its command; the app names its menu (the same sentence otherwise).
    assert str(refused.value).endswith("create one with 'notice-studio new'.")
    assert refused.value.in_app == str(refused.value).replace("'notice-studio new'", "File > New notice")


def test_open_refuses_a_git_repo_that_is_not_a_notice(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    with pytest.raises(NotANoticeError, match="is a git repository but not a notice"):
        NoticeRepo.open(tmp_path)


def test_open_refuses_notice_yaml_without_history(tmp_path: Path) -> None:
    (tmp_path / "notice.yaml").write_text("title: x\n")
    with pytest.raises(NotANoticeError, match="has a notice.yaml but no history"):
        NoticeRepo.open(tmp_path)


def test_corrupt_notice_yaml_names_file_and_line(repo: NoticeRepo) -> None:
    (repo.path / "notice.yaml").write_text("title: ok\noutline:\n  - a\n  b: [\n")
    with (
        NoticeRepo.open(repo.path) as again,
        pytest.raises(CorruptNoticeError, match=r"notice.yaml, line \d+: the YAML is not valid"),
    ):
        again.load()


def test_missing_clause_file_is_named(repo: NoticeRepo) -> None:
    (repo.path / "clauses" / "children.md").unlink()
    with (
        NoticeRepo.open(repo.path) as again,
        pytest.raises(
            CorruptNoticeError,
            match="clauses/children.md: the outline in notice.yaml lists this clause but its file is missing",
        ),
    ):
        again.load()


def test_bad_front_matter_names_file_and_line(repo: NoticeRepo) -> None:
    (repo.path / "clauses" / "security.md").write_text("---\ntitle: Security\ntopics: [a\n---\nBody\n")
    with NoticeRepo.open(repo.path) as again, pytest.raises(CorruptNoticeError, match=r"clauses/security.md, line \d+"):
        again.load()


def test_topics_that_are_not_a_list_are_named_with_their_line(repo: NoticeRepo) -> None:
    (repo.path / "clauses" / "security.md").write_text("---\ntitle: Security\ntopics: 5\n---\nBody\n")
    with (
        NoticeRepo.open(repo.path) as again,
        pytest.raises(CorruptNoticeError, match=r"clauses/security.md, line 3: 'topics' must be a list"),
    ):
        again.load()


def test_acknowledged_that_is_not_a_list_reads_as_none(repo: NoticeRepo) -> None:
    message = "Version 1, effective 2026-01-01\n\nmaterial: true\nacknowledged: 7\n"
    git(repo.path, "-c", "user.name=Counsel", "-c", "user.email=c@example.org", "tag", "-a", "v1", "-m", message)
    (version,) = repo.versions()
    assert version.number == 1 and version.acknowledged == ()


def test_damaged_history_is_refused(tmp_path: Path, notice) -> None:
    with NoticeRepo.create(tmp_path / "n", notice, AUTHOR):
        pass
    head = tmp_path / "n" / ".git" / "refs" / "heads" / "main"
    head.write_text("0123456789012345678901234567890123456789\n")
    with pytest.raises(CorruptNoticeError, match="history of the notice .* is damaged"):
        NoticeRepo.open(tmp_path / "n")


def test_create_refuses_a_non_empty_folder(tmp_path: Path, notice) -> None:
    (tmp_path / "x.txt").write_text("x")
    with pytest.raises(NoticeError, match="is not empty"):
        NoticeRepo.create(tmp_path, notice, AUTHOR)


# ----- locks and crashes --------------------------------------------------------------------------
def test_second_process_gets_a_clear_lock_error(repo: NoticeRepo) -> None:
    code = (
        "import sys\nfrom notice_studio.core.notice.store import NoticeRepo, NoticeLockedError\n"
        "try:\n    NoticeRepo.open(sys.argv[1], write=True)\n"
        "except NoticeLockedError as e:\n    print(e); sys.exit(3)\n"
    )
    result = subprocess.run([sys.executable, "-c", code, str(repo.path)], capture_output=True, text=True)
    assert result.returncode == 3, result.stderr
    assert "open in another Notice Studio window" in result.stdout
    assert f"process {os.getpid()}" in result.stdout


def test_lock_of_a_dead_process_is_taken_over(tmp_path: Path, notice) -> None:
    store = NoticeRepo.create(tmp_path / "n", notice, AUTHOR)
    store.close()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    import socket

    (tmp_path / "n" / ".git" / "notice-studio.lock").write_text(f"{dead.stdout.strip()} {socket.gethostname()}\n")
    with NoticeRepo.open(tmp_path / "n", write=True) as again:
        assert any("closed unexpectedly" in m for m in again.recovery.messages)


def test_stale_index_lock_is_recovered_and_reported(repo: NoticeRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    import notice_studio.core.notice.store as store_module

    monkeypatch.setattr(store_module, "STALE_INDEX_LOCK_SECONDS", 0.2)
    lock = repo.path / ".git" / "index.lock"
    lock.write_text("")
    old = time.time() - 60
    os.utime(lock, (old, old))
    notice = repo.load()
    notice.set_body("security", "Saved despite the stale lock.")
    commit = repo.save(notice, "Edited 'Security'", AUTHOR)
    assert commit is not None
    assert git(repo.path, "show", "HEAD:clauses/security.md").endswith("Saved despite the stale lock.\n")
    assert not lock.exists()
    assert any("lock file left by an earlier crash" in m for m in repo.recovery.messages)
    assert git(repo.path, "status", "--porcelain").strip() == ""
    assert_fsck_clean(repo.path)


def test_uncommitted_files_from_a_crash_are_saved_on_open(tmp_path: Path, notice) -> None:
    with NoticeRepo.create(tmp_path / "n", notice, AUTHOR):
        pass
    (tmp_path / "n" / "clauses" / "security.md").write_text("---\ntitle: Security\n---\nTyped before the crash.\n")
    with NoticeRepo.open(tmp_path / "n", write=True) as again:
        assert again.load().find("security").body == "Typed before the crash."
        assert again.edits(limit=1)[0].message.startswith("Kept changes that were not saved")
        assert any("were found and saved" in m for m in again.recovery.messages)


def test_files_are_written_atomically(repo: NoticeRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    notice = repo.load()
    notice.set_body("security", "x" * 10_000)

    def boom(*_args, **_kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(NoticeError, match="could not be saved"):
        repo.save(notice, "Edited", AUTHOR)
    monkeypatch.undo()
    text = (repo.path / "clauses" / "security.md").read_text()
    assert text.endswith("We protect your data with encryption.\n")  # old file intact
    assert not list((repo.path / "clauses").glob(".*.tmp"))


# ----- authors --------------------------------------------------------------------------------------
def test_author_from_settings_then_git_config_then_prompt(tmp_path: Path, no_identity: None) -> None:
    assert resolve_author("Ann Settings", "ann@example.com") == Author("Ann Settings", "ann@example.com")
    unknown = resolve_author()
    assert unknown.is_unknown and "set your name in Edit menu, Settings" in unknown.name
    (Path(os.environ["HOME"]) / ".gitconfig").write_text("[user]\n\tname = Git Person\n\temail = git@example.com\n")
    assert resolve_author() == Author("Git Person", "git@example.com")


def test_commits_work_without_any_git_identity(tmp_path: Path, notice, no_identity: None) -> None:
    with NoticeRepo.create(tmp_path / "n", notice) as store:
        assert "set your name in Edit menu, Settings" in git(store.path, "log", "-1", "--format=%an")


# ----- autosave -------------------------------------------------------------------------------------
def test_autosave_coalesces_quick_edits_into_one_commit(repo: NoticeRepo) -> None:
    saved: list[str | None] = []
    saver = AutoSaver(repo, AUTHOR, idle_seconds=0.3, on_saved=saved.append)
    notice = repo.load()
    before = len(repo.edits())
    for i in range(20):
        notice.set_body("security", f"Typing {i}")
        saver.edited(notice_files(notice), clause_title="Security")
    deadline = time.time() + 5
    while not saved and time.time() < deadline:
        time.sleep(0.05)
    assert len(saved) == 1 and saved[0]
    assert len(repo.edits()) == before + 1
    assert repo.edits(limit=1)[0].message == "Edited 'Security'"
    assert reload(repo).find("security").body == "Typing 19"


def test_autosave_flush_names_every_clause(repo: NoticeRepo) -> None:
    saver = AutoSaver(repo, AUTHOR, idle_seconds=60)
    notice = repo.load()
    notice.set_body("security", "A")
    saver.edited(notice_files(notice), clause_title="Security")
    notice.set_body("children", "B")
    saver.edited(notice_files(notice), clause_title="Children")
    assert saver.pending
    assert saver.flush() is not None
    assert not saver.pending
    assert repo.edits(limit=1)[0].message == "Edited 'Security' and 'Children'"
    assert saver.flush() is None


def test_autosave_keeps_the_snapshot_when_a_save_fails(repo: NoticeRepo, monkeypatch: pytest.MonkeyPatch) -> None:
    errors: list[Exception] = []
    saver = AutoSaver(repo, AUTHOR, idle_seconds=60, on_error=errors.append)
    notice = repo.load()
    notice.set_body("security", "Precious words")
    saver.edited(notice_files(notice), clause_title="Security")
    import notice_studio.core.notice.store as store_module

    monkeypatch.setattr(store_module, "STALE_INDEX_LOCK_SECONDS", 0.3)
    lock = repo.path / ".git" / "index.lock"
    lock.write_text("")  # held by "someone else": kept fresh, so it is never removed
    os.utime(lock, (time.time() + 3600, time.time() + 3600))
    assert saver.flush() is None
    assert lock.exists()
    assert errors and "could not be saved" in str(errors[0])
    assert saver.pending
    (repo.path / ".git" / "index.lock").unlink()
    assert saver.flush() is not None
    assert reload(repo).find("security").body == "Precious words"


# ----- layering -------------------------------------------------------------------------------------
def test_core_imports_with_pyside6_blocked() -> None:
    code = (
        "import sys\n"
        "class Block:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name.split('.')[0] in ('PySide6', 'shiboken6', 'PyQt5', 'PyQt6'):\n"
        "            raise ImportError('Qt is blocked in this test')\n"
        "sys.meta_path.insert(0, Block())\n"
        "import pkgutil, importlib, notice_studio.core as core\n"
        "names = [m.name for m in pkgutil.walk_packages(core.__path__, 'notice_studio.core.')]\n"
        "for name in names:\n"
        "    importlib.import_module(name)\n"
        "print(len(names))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) >= 8


def test_pack_packs_the_history_once_it_has_many_loose_objects(repo: NoticeRepo) -> None:
    notice = repo.load()
    for i in range(6):
        notice.set_body("security", f"Edit number {i}.")
        repo.save(notice, "Edited 'Security'", AUTHOR)

    def loose() -> int:
        counts = dict(line.split(": ") for line in git(repo.path, "count-objects", "-v").splitlines())
        return int(counts["count"])

    assert loose() > 10
    repo.pack(loose_objects=10_000)  # below the threshold: nothing to do
    assert loose() > 10
    repo.pack(loose_objects=1)
    assert loose() == 0
    assert_fsck_clean(repo.path)


def test_autosave_names_repeated_moves_of_one_clause_for_the_final_position(repo: NoticeRepo) -> None:
    from notice_studio.core.notice import messages

    saver = AutoSaver(repo, AUTHOR, idle_seconds=60)
    notice = repo.load()
    steps = [("Children", "Introduction", None), ("Children", None, None)]
    notice.move("children", None, 1)
    saver.edited(notice_files(notice), message=messages.moved(*steps[0]))
    notice.move("children", None, 0)
    saver.edited(notice_files(notice), message=messages.moved(*steps[1]))
    notice.set_body("security", "We protect your data.")
    saver.edited(notice_files(notice), message=messages.moved("Security", "Children", None))
    assert saver.flush() is not None
    assert repo.edits(limit=1)[0].message == (
        "Moved 'Children' to the start of the notice; Moved 'Security' after 'Children'"
    )
    assert messages.coalesce_moves(["Moved 'A' after 'B'", "Edited the cookies table", "Moved 'A' after 'C'"]) == [
        "Edited the cookies table",
        "Moved 'A' after 'C'",
    ]


def test_changes_made_outside_the_app_are_shown_before_they_are_kept_or_discarded(tmp_path: Path) -> None:
    folder = tmp_path / "n"
    with NoticeRepo.create(folder, small_notice(), AUTHOR):
        pass
    clause = folder / "clauses" / "security.md"
    saved = clause.read_text(encoding="utf-8")
    clause.write_text(saved.replace("encryption", "encryption and locks"), encoding="utf-8")
    (folder / "tables" / "stray.csv").parent.mkdir(exist_ok=True)
    (folder / "tables" / "stray.csv").write_text("a,b\n", encoding="utf-8")

    with NoticeRepo.open(folder, write=True, keep_outside_changes=False) as store:
        before = len(store.edits())
        assert store.outside_changes() == ["clauses/security.md", "tables/stray.csv"]
        assert len(store.edits()) == before  # nothing committed without asking
        store.discard_outside()
        assert store.outside_changes() == []
        assert clause.read_text(encoding="utf-8") == saved and not (folder / "tables" / "stray.csv").exists()

    clause.write_text(saved.replace("encryption", "encryption and locks"), encoding="utf-8")
    with NoticeRepo.open(folder, write=True, keep_outside_changes=False) as store:
        commit = store.keep_outside(AUTHOR)
        assert commit and store.outside_changes() == []
        assert store.edits(limit=1)[0].message == "Kept changes made outside Notice Studio (clauses/security.md)"
        assert "locks" in store.load().find("security").body
        assert store.keep_outside(AUTHOR) is None

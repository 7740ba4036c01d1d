"""NoticeRepo: a notice folder kept in git. The only module that imports `git`.

Writes go through the git command line (never GitPython's `index.commit`, which ignores
`core.fsync` and has committed unchanged trees beside a stale `index.lock`), one at a time,
with `core.fsync=committed` set in every notice repository. Callers get plain values.
"""

from __future__ import annotations

import datetime as dt
import glob
import json
import os
import re
import shutil
import tempfile
import threading
import time
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath

# Without this, importing GitPython on a machine with no `git` raises a six-line ImportError;
# `_require_git` says it in one sentence instead.
os.environ.setdefault("GIT_PYTHON_REFRESH", "quiet")

import git

from notice_studio.core.fileio import fsync_folder, umask, write_atomic
from notice_studio.core.notice.first_commit import can_fast_import, fast_import_stream, flush_to_disk
from notice_studio.core.notice.frontmatter import FormatError, load_yaml
from notice_studio.core.notice.lockfile import LockBusy, ProcessLock
from notice_studio.core.notice.model import Notice, NoticeError
from notice_studio.core.notice.notice_format import (
    BASE_DIR,
    CLAUSES_DIR,
    NOTICE_FILE,
    TABLES_DIR,
    is_older_format,
    merge_conflict_line,
    notice_files,
    outline_ids,
    read_notice,
    with_notice_id,
    yaml_notice_id,
)
from notice_studio.core.notice.server_settings import clear_written_passwords, is_version, servers, versions_not_here
from notice_studio.core.oserrors import (
    disk_full_in,
    disk_full_sentence,
    not_writable_in,
    not_writable_sentence,
    os_sentence,
    write_failed_for_space,
)
from notice_studio.core.practices.practices_format import PRACTICES_FILE
from notice_studio.core.progress import Progress
from notice_studio.core.text_input import utf8_text
from notice_studio.core.wording import SET_YOUR_NAME

NOTICE_ID_RECORDED = "Recorded the notice's id in notice.yaml (Word review copies are matched by it)"
"""The one-time edit that gives a notice made before notices had ids its id."""
FORMAT_RAISED = "Saved notice.yaml in the current format (older Notice Studio apps ask to be updated to open it)"
"""The edit that brings notice.yaml to the current format when a change only it records was made."""

LOCK_NAME = "notice-studio.lock"
SYNC_MARKER = "notice-studio-sync.json"
"""In .git/ while a sync moves the draft; if present on opening, a crash cut the move short."""
JOURNAL_NAME = "notice-studio-saving.json"
STALE_INDEX_LOCK_SECONDS = 3.0
STALE_GIT_LOCK_SECONDS = 600.0
"""Where running git commands cannot be seen (macOS, Windows): a git lock untouched this long was left by a crash."""
STAGING_MARK = ".creating-"
"""A notice is made in a hidden folder `.<name>.creating-XXXX` beside its place, then renamed."""
STALE_STAGING_SECONDS = 600.0
"""A making folder untouched this long, and unlocked, was left by a process that was killed."""
UNDO_PREFIX = "notice-studio-undo-"
"""In .git/: the files a save replaces, kept under a second name until it is committed."""
MANAGED_DIRS = (CLAUSES_DIR, BASE_DIR, TABLES_DIR)

_GIT_OPTIONS = ["-c", "maintenance.auto=false", "-c", "gc.auto=0", "-c", "core.quotepath=off"]
_UNKNOWN_NAME = f"Unknown author (set your name in {SET_YOUR_NAME.replace(' > ', ' menu, ')})"
"""Git drops '<' and '>' from a name, so the menu path is written in words here."""
_UNKNOWN_EMAIL = "unknown-author@notice-studio.invalid"


class NotANoticeError(NoticeError):
    """The folder is not a notice (or does not exist)."""


class CorruptNoticeError(NoticeError):
    """The folder is a notice but its files or history cannot be read."""


class UnreadableDraftError(CorruptNoticeError):
    """The notice's files in the folder cannot be read; `problem` names the file (and line), and the
    sentence adds the way out that works (fix it, or put the last save back, or restore a version)."""

    def __init__(self, problem: str, sentence: str) -> None:
        super().__init__(sentence)
        self.problem = problem


class DetachedDraftError(NoticeError):
    """The folder shows an older state of the history (git's HEAD is detached from the draft's
    branch): a save there would not be part of the draft, so nothing is saved."""


class UnfinishedGitError(NoticeError):
    """A merge, rebase, cherry-pick, revert or `git am` someone ran with git by hand is unfinished
    in the folder: a save, Keep, publish, withdrawal or sync would finish it in Notice Studio's name
    (or fail half way), so nothing is done until they finish or undo it with git (or Discard)."""


class PartialHistoryError(NoticeError):
    """The folder is a shallow git clone: its history, and so its published versions, are incomplete."""


class NoticeLockedError(NoticeError):
    """Another Notice Studio process is writing this notice."""


@dataclass(frozen=True)
class Author:
    name: str
    email: str

    @property
    def is_unknown(self) -> bool:
        return self.name == _UNKNOWN_NAME


@dataclass(frozen=True)
class Withdrawal:
    """The record that a version was withdrawn before it took effect: the tag `withdrawn/v<N>`."""

    withdrawn_by: str
    withdrawn_at: str
    """When it was withdrawn (RFC 3339, the tag's date)."""
    reason: str = ""


WITHDRAWN_PREFIX = "withdrawn/"
"""Withdrawal records are annotated tags `withdrawn/v<N>` on the version's own tag: the version's
tag stays (published tags never move), and the withdrawal is sent and received by sync like it."""


def is_withdrawal(tag: str) -> bool:
    """A withdrawal record's tag: withdrawn/v1, withdrawn/v2, ..."""
    return tag.startswith(WITHDRAWN_PREFIX) and is_version(tag[len(WITHDRAWN_PREFIX) :])


def standing(versions: Sequence[Version]) -> list[Version]:
    """The published versions that were not withdrawn, oldest first: the latest of them is the
    one a new version follows (its number still comes after every tag, withdrawn or not)."""
    return [v for v in versions if v.withdrawn is None]


def next_version_number(versions: Sequence[Version]) -> int:
    """The number the next version is published under: after every tag, withdrawn or not."""
    return max((v.number for v in versions), default=0) + 1


@dataclass(frozen=True)
class Version:
    """A published version: the annotated tag `v<N>` and what its message records."""

    number: int
    commit: str
    effective: dt.date | None
    material: bool
    change_notice: str
    approved_by: str
    published_by: str
    published_at: str
    acknowledged: tuple[str, ...] = ()
    reasons: tuple[tuple[str, str], ...] = ()
    """(warning, reason) for each warning acknowledged with a reason."""
    withdrawn: Withdrawal | None = None
    """The record of its withdrawal before it took effect, or None while it stands."""

    def reason_for(self, warning: str) -> str:
        return dict(self.reasons).get(warning, "")

    @property
    def name(self) -> str:
        return f"v{self.number}"

    def effective_problem(self, effective: dt.date) -> str:
        """Why the next version may not take effect on `effective` ('' when it may)."""
        if self.effective is None or effective >= self.effective:
            return ""
        return (
            f"The effective date {effective.isoformat()} is earlier than {self.name}'s "
            f"({self.effective.isoformat()}); choose the same date or a later one."
        )


@dataclass(frozen=True)
class Edit:
    """One saved edit (a commit) in plain terms."""

    commit: str
    author: str
    email: str
    when: str
    message: str
    clauses: tuple[str, ...]
    """Ids of the clauses whose files the edit touched."""
    outline_changed: bool
    """True when notice.yaml (outline, variables, settings) changed."""


@dataclass
class RecoveryLog:
    """Things the store repaired on its own; the UI shows them, the CLI prints them."""

    messages: list[str] = field(default_factory=list)


_UNFINISHED = (
    ("MERGE_HEAD", "merge", "merge"),
    ("CHERRY_PICK_HEAD", "cherry-pick", "cherry-pick"),
    ("REVERT_HEAD", "revert", "revert"),
    ("rebase-merge", "rebase", "rebase"),
    ("rebase-apply", "rebase", "rebase"),
)
"""git's marks of an operation left unfinished, and the command that ends it (Discard ends them)."""


def resolve_author(name: str | None = None, email: str | None = None) -> Author:
    """The author for commits: from settings, else global git config, else a clear prompt value."""
    if name and name.strip():
        return Author(name.strip(), (email or "").strip() or _UNKNOWN_EMAIL)
    try:
        reader = git.GitConfigParser(
            [os.path.expanduser("~/.gitconfig"), os.path.expanduser("~/.config/git/config")],
            read_only=True,
        )
        with reader:
            cfg_name = reader.get_value("user", "name", "")
            cfg_email = reader.get_value("user", "email", "")
    except Exception:  # noqa: BLE001 - an unreadable git config just means "not configured"
        cfg_name = cfg_email = ""
    if str(cfg_name).strip():
        return Author(str(cfg_name).strip(), str(cfg_email).strip() or _UNKNOWN_EMAIL)
    return Author(_UNKNOWN_NAME, _UNKNOWN_EMAIL)


def _os_sentence(exc: OSError, doing: str = "The edit could not be saved") -> str:
    """An operating-system error as one plain sentence that says what to do."""
    return os_sentence(exc, doing, "the notice folder", "make it writable (or open a copy)")


def _clear_stale_staging(path: Path) -> None:
    """Remove the hidden folders that earlier attempts to make a notice at `path` left beside it
    when they were killed: each one older than STALE_STAGING_SECONDS whose lock no live process
    holds. A young one, or one still locked, may be another process making the notice now."""
    for old in path.parent.glob(f".{glob.escape(path.name)}{STAGING_MARK}*"):
        try:
            if old.is_symlink() or not old.is_dir() or time.time() - old.stat().st_mtime < STALE_STAGING_SECONDS:
                continue
        except OSError:
            continue
        lock = ProcessLock(old / ".git" / LOCK_NAME)
        try:
            if (old / ".git").is_dir():
                lock.acquire()
        except (LockBusy, OSError):
            continue
        try:
            shutil.rmtree(old, ignore_errors=True)
        finally:
            lock.release()


def _left_lock_cleared(left_by: LockBusy | None) -> str:
    """What held the lock a process that died left behind: a command, or a window."""
    if left_by is not None and left_by.command:
        return (
            f"A lock left by the command '{left_by.command}' ({left_by.owner}), which was stopped before it "
            "finished, was cleared."
        )
    return "A lock left by a Notice Studio window that closed unexpectedly was cleared."


def _require_git() -> None:
    from notice_studio.core.notice.git_program import find_git, missing_git_message  # the one rule and sentence

    if find_git() is None:
        raise NoticeError(missing_git_message())


def nothing_changed_since(name: str) -> str:
    """The one sentence refusing to publish a draft unchanged since version `name` (the publish gate
    says it first; the store says it too, for a caller that skips the gate)."""
    return f"Nothing has changed since {name}; edit the notice before publishing a new version."


class NoticeRepo:
    """One notice folder. Use as a context manager, or call `close()`."""

    PACK_LOOSE_OBJECTS = 2000
    """`close()` packs the history of a notice it saved once it has this many loose objects."""

    def __init__(self, path: Path, repo: git.Repo) -> None:
        self.path = path
        self._repo = repo
        self._write_lock = threading.RLock()
        self._object_lock = threading.Lock()  # GitPython's one `cat-file --batch` pipe is not thread-safe
        self._process_lock = ProcessLock(path / ".git" / LOCK_NAME)
        self._saved = False
        self._took_over = False  # opening cleared the notice lock of a Notice Studio process that died
        self._committed: dict[str, str] = {}
        # notice.yaml in the folder is behind what this app writes (an older format, or the id an
        # older app dropped): the next edit brings it up to date.
        self._yaml_behind = False
        self._earlier_notice_id: str | None = None
        # GitPython keeps one `git cat-file --batch` process per repo; two threads reading it at
        # once garble its stream for good, so object reads take turns.
        self._cat_file_lock = threading.Lock()
        self.recovery = RecoveryLog()

    # ----- opening and creating ---------------------------------------------------------------
    @classmethod
    def create(
        cls,
        folder: str | os.PathLike[str],
        notice: Notice,
        author: Author | None = None,
        message: str | None = None,
        progress: Progress | None = None,
    ) -> NoticeRepo:
        """Make a new notice repository in `folder` (absent or empty) and commit the notice.

        `message` is the first commit's message (default "Created the notice '<title>'").
        """
        _require_git()
        path = Path(folder).expanduser().absolute()
        if path.exists() and not path.is_dir():
            raise NoticeError(f"{path} is a file; choose a new folder name for the notice.")
        if path.exists() and any(path.iterdir()):
            raise NoticeError(f"{path} is not empty; choose a new or empty folder for the notice.")
        if not notice.notice_id:  # the notice's identity from now on (Word review copies carry it)
            notice.notice_id = uuid.uuid4().hex
        files = notice_files(notice)  # refuses hostile clause ids and table names before any write
        # Built in a hidden folder beside the target and renamed into place at the end, so a
        # crash or a refusal never leaves a half-made notice where the user asked for one.
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            _clear_stale_staging(path)
            staging = Path(tempfile.mkdtemp(prefix=f".{path.name}{STAGING_MARK}", dir=path.parent))
            os.chmod(staging, 0o777 & ~umask())
        except OSError as exc:
            raise NoticeError(_os_sentence(exc, f"The notice could not be created in {path}")) from None
        try:
            try:
                repo = git.Repo.init(staging, initial_branch="main")
            except TypeError:  # older git without --initial-branch
                repo = git.Repo.init(staging)
            except git.GitCommandError as exc:
                raise NoticeError(f"Could not create the notice in {path} ({_git_reason(exc)}).") from None
            with cls(staging, repo) as store:
                store._configure()
                store.acquire_lock()
                store._first_save(
                    {".gitattributes": "* text=auto eol=lf\n", ".gitignore": ".notice-studio-recovery*\n", **files},
                    message or f"Created the notice '{notice.title}'",
                    author,
                    progress,
                )
            if os.name == "nt" and path.is_dir():
                path.rmdir()  # Windows cannot rename onto a folder, even an empty one
            os.replace(staging, path)  # elsewhere an empty folder at `path` is replaced atomically
            fsync_folder(path.parent)
        except OSError as exc:
            shutil.rmtree(staging, ignore_errors=True)
            raise NoticeError(_os_sentence(exc, f"The notice could not be created in {path}")) from None
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        # Nothing can have changed in the folder since it was made, so it is not read back (a large
        # import would parse every clause again): the new store starts from what was committed.
        opened = cls.open(path, write=True, keep_outside_changes=False)
        opened._committed = store._committed
        return opened

    @classmethod
    def open(
        cls, folder: str | os.PathLike[str], *, write: bool = False, keep_outside_changes: bool = True
    ) -> NoticeRepo:
        """Open a notice folder; with `write`, take the lock that keeps other windows out.

        Files changed in the folder but not committed (a crash, or a hand edit) are committed at
        once unless `keep_outside_changes` is False: then the caller shows `outside_changes()`
        ("changed outside Notice Studio: keep / discard") and calls `keep_outside` or
        `discard_outside`."""
        _require_git()
        path = Path(folder).expanduser().absolute()
        if not path.exists():
            raise NotANoticeError(f"There is no folder at {path}; check the path and try again.")
        if not path.is_dir():
            raise NotANoticeError(f"{path} is a file, not a notice folder; open the folder that holds notice.yaml.")
        has_yaml = (path / NOTICE_FILE).is_file()
        has_git = (path / ".git").exists()
        if not has_yaml and has_git:
            raise NotANoticeError(
                f"{path} is a git repository but not a notice (it has no {NOTICE_FILE}); open a notice folder instead."
            )
        if not has_yaml:
            not_a_notice = f"{path} is not a notice (it has no {NOTICE_FILE}); open a notice folder or create one with"
            raise NotANoticeError(f"{not_a_notice} 'notice-studio new'.", in_app=f"{not_a_notice} File > New notice.")
        if not has_git:
            no_history = f"{path} has a {NOTICE_FILE} but no history; import it with"
            raise NotANoticeError(
                f"{no_history} 'notice-studio import' or create a new notice.",
                in_app=f"{no_history} File > Import existing notice or create one with File > New notice.",
            )
        try:
            repo = git.Repo(path)
            repo.git.execute(["git", *_GIT_OPTIONS, "rev-parse", "--verify", "--quiet", "HEAD^{tree}"])
        except (git.InvalidGitRepositoryError, git.NoSuchPathError, git.GitCommandError, ValueError) as exc:
            raise CorruptNoticeError(
                f"The history of the notice in {path} is damaged and cannot be read ({_git_reason(exc)}); "
                "restore the folder from a backup."
            ) from None
        store = cls(path, repo)
        with suppress(git.GitCommandError):
            store.versions()  # names any damaged version tag in `recovery` before anyone lists them
        settings: dict[str, dict[str, list[str]]] = {}
        with suppress(git.GitCommandError):
            settings = servers(store)
        if write:
            try:
                store.acquire_lock()
                store._recover_stale_git_locks()
                store._back_on_the_draft()
                store._configure()
                if (path / ".git" / SYNC_MARKER).exists():
                    from notice_studio.core.notice.store_remote import finish_interrupted_sync  # the remote half

                    finish_interrupted_sync(store)
                store._finish_save()
                store.recovery.messages += clear_written_passwords(store, settings)
                if keep_outside_changes:
                    store.load()  # refuse a damaged notice before committing anything found in the folder
                    store._recover_uncommitted()
            except OSError as exc:
                store.close()
                raise NoticeError(_os_sentence(exc, f"The notice in {path} could not be opened for editing")) from None
            except BaseException:
                store.close()
                raise
        if not write and store._detached():  # reading shows that older state: say so, and how to go back
            with suppress(git.GitCommandError):
                store.recovery.messages.append(
                    "What you read is not the draft: the notice's folder shows an older state of its history "
                    f"(git's HEAD is detached); {store._back_to_draft()}."
                )
        with suppress(git.GitCommandError):
            store.recovery.messages += versions_not_here(store, settings)
        return store

    def _configure(self) -> None:
        for key, value in (("core.fsync", "committed"), ("core.autocrlf", "false"), ("gc.auto", "0")):
            self._git("config", key, value)

    # ----- the process lock -------------------------------------------------------------------
    @property
    def _lock_path(self) -> Path:
        return self.path / ".git" / LOCK_NAME

    def acquire_lock(self) -> None:
        """Claim the notice for this process; refuse clearly if another live process holds it."""
        try:
            took_over = self._process_lock.acquire()
        except LockBusy as busy:
            if busy.command:
                raise NoticeLockedError(
                    f"This notice is being changed by the command '{busy.command}' ({busy.owner}); "
                    "wait for it to finish, then try again."
                ) from None
            raise NoticeLockedError(
                f"This notice is open in another Notice Studio window ({busy.owner}); close it there, then try again."
            ) from None
        except OSError as exc:
            raise NoticeError(_os_sentence(exc, "The notice could not be locked for editing")) from None
        if took_over:
            self._took_over = True
            self.recovery.messages.append(_left_lock_cleared(self._process_lock.left_by))

    @property
    def _owns_process_lock(self) -> bool:
        return self._process_lock.held

    def release_lock(self) -> None:
        self._process_lock.release()

    def close(self) -> None:
        """Release the notice; a writer that saved packs the history first (the CLI too)."""
        if self._saved and self._owns_process_lock:
            with suppress(NoticeError, git.GitCommandError, OSError):
                self.pack(self.PACK_LOOSE_OBJECTS)
        self.release_lock()
        self._repo.close()

    def __enter__(self) -> NoticeRepo:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----- the draft's branch ------------------------------------------------------------------
    def _detached(self) -> bool:
        """True when HEAD names a commit instead of the draft's branch (read from .git/HEAD)."""
        try:
            return not (self.path / ".git" / "HEAD").read_text().startswith("ref: ")
        except OSError:
            return False

    def _rebasing(self) -> bool:
        return any((self.path / ".git" / marker).exists() for marker in ("rebase-merge", "rebase-apply"))

    def _draft_branch(self) -> str:
        listed = self._git("for-each-ref", "--format=%(refname:strip=2)", "refs/heads/").split()
        return listed[0] if len(listed) == 1 else "main"

    def _back_on_the_draft(self) -> None:
        """Put HEAD back on the draft's branch when it was detached at the draft's own last save
        (nothing changes in the folder); refuse when it points anywhere else."""
        if not self._detached() or self._rebasing():
            return  # an unfinished rebase is ended by putting the last save back (`discard_outside`)
        branch = self._draft_branch()
        with suppress(git.GitCommandError):
            if self._git("rev-parse", "HEAD") == self._git("rev-parse", "--verify", "-q", f"refs/heads/{branch}"):
                self._git("symbolic-ref", "HEAD", f"refs/heads/{branch}")
                self.recovery.messages.append(
                    "The notice's folder had been set to look at its last save apart from the draft "
                    "(git's HEAD was detached); it was put back on the draft, and nothing changed."
                )
                return
        raise DetachedDraftError(self._detached_sentence(f"The notice in {self.path} cannot be changed"))

    def _detached_sentence(self, doing: str) -> str:
        return (
            f"{doing} because its folder shows an older state of its history instead of the draft "
            f"(git's HEAD is detached); {self._back_to_draft()}, then try again."
        )

    def _back_to_draft(self) -> str:
        return f"go back to the draft with 'git -C {self.path} checkout {self._draft_branch()}'"

    def require_on_draft(self, doing: str = "The edit could not be saved") -> None:
        """The one rule every save, Keep, publish, withdrawal and sync asks first. Refuse while a
        merge, rebase, cherry-pick, revert or `git am` run by hand is unfinished (committing would finish it in
        our name), and while the folder is not on the draft's branch (a colleague ran
        `git checkout --detach` while the notice was open): the commit would leave the draft."""
        unfinished = self.unfinished_git_work()
        if unfinished:
            raise UnfinishedGitError(f"{doing} because {self.unfinished_sentence(*unfinished)}, then try again.")
        if self._detached():
            raise DetachedDraftError(self._detached_sentence(doing))

    def unfinished_sentence(self, command: str, what: str) -> str:
        """'a git merge run by hand ... is unfinished; finish it with '...' or undo it with '...'':
        the words every refusal and hint about an unfinished operation share."""
        where = f"git -C {self.path} {command}"
        return (
            f"a git {what} run by hand in this folder is unfinished; finish it with "
            f"'{where} --continue' or undo it with '{where} --abort'"
        )

    def unfinished_git_work(self) -> tuple[str, str] | None:
        """(git command, what it is) of an operation run by hand and left unfinished, or None."""
        git_dir = self.path / ".git"
        if (git_dir / "rebase-apply" / "applying").exists():
            return "am", "patch series (git am)"
        ordered = sorted(_UNFINISHED, key=lambda mark: mark[1] != "rebase")  # a rebase stops on picks too
        return next(((command, what) for marker, command, what in ordered if (git_dir / marker).exists()), None)

    # ----- git plumbing -----------------------------------------------------------------------
    def _git(self, *args: str, env: dict[str, str] | None = None, strip: bool = True) -> str:
        try:
            return self._repo.git.execute(["git", *_GIT_OPTIONS, *args], env=env, strip_newline_in_stdout=strip)
        except git.GitCommandError as exc:
            # git names no cause when it cannot write a lock file ("couldn't write 'refs/tags/v2.lock'"):
            # when the disk is full, say so, in the words every sentence below recognises
            if not disk_full_in(str(exc)) and write_failed_for_space(str(exc), self.path):
                exc.stderr = f"{exc.stderr}: No space left on device"
            raise

    @contextmanager
    def _writing(self) -> Iterator[None]:
        if not self._owns_process_lock:
            self.acquire_lock()
        with self._write_lock:
            yield

    def _git_locks(self) -> list[Path]:
        """git's own lock files (index.lock, HEAD.lock, config.lock, refs/heads/main.lock, ...)."""
        git_dir = self.path / ".git"
        found = [p for p in git_dir.glob("*.lock") if p.name != LOCK_NAME]
        return found + list((git_dir / "refs").rglob("*.lock"))

    def _recover_stale_git_locks(self) -> bool:
        """Remove git lock files left by a crash; True when a retry may succeed.

        We hold the notice lock, so no Notice Studio process is writing. A lock is left by a
        crash when no git command runs in the folder (seen through /proc) and it has been
        untouched for STALE_INDEX_LOCK_SECONDS; where running commands cannot be seen, only
        once untouched for STALE_GIT_LOCK_SECONDS, unless opening took over the notice lock of a
        Notice Studio process that died (then it is that process's, as on Linux). A lock in use may belong to a git command
        someone runs by hand (a `git commit` waiting for its editor): wait once, then give up
        and say so (`_git_busy`), leaving the lock to its owner.
        """
        from notice_studio.core.notice.git_program import git_running_in

        def youngest_age() -> float | None:
            ages = []
            for lock in self._git_locks():
                with suppress(FileNotFoundError):
                    ages.append(time.time() - lock.stat().st_mtime)
            return min(ages) if ages else None

        def in_use(age: float) -> bool:
            running = git_running_in(self.path)
            if running is None:
                return age < (STALE_INDEX_LOCK_SECONDS if self._took_over else STALE_GIT_LOCK_SECONDS)
            return running or age < STALE_INDEX_LOCK_SECONDS

        current = youngest_age()
        if current is None:
            return True
        if in_use(current):
            time.sleep(min(max(STALE_INDEX_LOCK_SECONDS - max(current, 0.0), 0.1), STALE_INDEX_LOCK_SECONDS))
            current = youngest_age()
            if current is None:
                return True
            if in_use(current):
                return False
        locks = self._git_locks()
        for lock in locks:
            lock.unlink(missing_ok=True)
        names = ", ".join(sorted(lock.relative_to(self.path / ".git").as_posix() for lock in locks))
        what = (
            "A git lock file left by an earlier crash was"
            if len(locks) == 1
            else "Git lock files left by an earlier crash were"
        )
        if any(lock.name == "index.lock" or lock.name.startswith("next-index-") for lock in locks):
            # The index may be behind the last commit if the crash happened mid-write: rebuild it.
            self._git("reset", "-q", "--mixed", "HEAD")
            self.recovery.messages.append(
                f"{what} removed ({names}) and the index rebuilt from the last saved edit; your history is intact."
            )
        else:
            self.recovery.messages.append(f"{what} removed ({names}); your history is intact.")
        return True

    def _git_busy(self, doing: str) -> str:
        """The refusal when another git command holds the folder's lock files."""
        names = ", ".join(sorted(lock.name for lock in self._git_locks())) or "its lock files"
        return (
            f"{doing} because git is busy in this folder (another git command holds {names}); let it finish "
            "(close its editor if it is waiting for a commit message) and try again."
        )

    def _commit(
        self,
        message: str,
        paths: list[str],
        new_paths: list[str],
        author: Author | None,
        committer: Author | None = None,
    ) -> None:
        """Commit `paths` (adding `new_paths` first); the new commit id is `head()`."""
        env = _author_env(author or resolve_author(), committer)
        for attempt in range(2):
            try:
                if new_paths:
                    self._git("add", "--", *new_paths)
                self._git("commit", "-q", "--no-verify", "-m", message, "--", *paths, env=env)
                return
            except git.GitCommandError as exc:
                if attempt == 0 and ".lock" in str(exc) and not disk_full_in(str(exc)):
                    if self._recover_stale_git_locks():
                        continue
                    raise NoticeError(self._git_busy("The edit could not be saved")) from None
                raise NoticeError(_git_failure(exc, "The edit could not be saved")) from None
        raise AssertionError("unreachable")

    # ----- reading the draft ------------------------------------------------------------------
    def _file(self, rel: str) -> Path:
        """The path of `rel` inside the notice; refuses `..`, absolute paths and symbolic links.

        A link would let a file outside the notice reach its exports and its history.
        """
        parts = PurePosixPath(rel).parts
        if not parts or rel.startswith("/") or "\\" in rel or any(p in ("..", ".") for p in parts):
            raise NoticeError(f"'{rel}' is not a file inside the notice folder; Notice Studio will not write it.")
        current = self.path
        for part in parts:
            current = current / part
            if current.is_symlink():
                raise CorruptNoticeError(
                    f"{'/'.join(parts[: parts.index(part) + 1])} in {self.path} is a symbolic link; "
                    "replace it with the file or folder itself, since Notice Studio only uses what is inside the notice."
                )
        return current

    def _read_worktree(self, rel: str) -> str | None:
        try:
            text = self._file(rel).read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except UnicodeDecodeError as exc:
            raise self._unreadable(
                rel, f"{rel}: the file is not UTF-8 text (byte {exc.start})", "re-save it as UTF-8"
            ) from None
        except IsADirectoryError:
            raise CorruptNoticeError(
                f"{rel} in {self.path} is a folder, not a file; move the folder away and reopen the notice."
            ) from None
        except OSError as exc:
            raise CorruptNoticeError(_os_sentence(exc, f"{rel} in {self.path} could not be read")) from None
        conflict = merge_conflict_line(text)
        if conflict is not None:  # read as text it would reach the website; Notice Studio never writes one
            raise self._unreadable(rel, f"{rel}, line {conflict}: a merge conflict was left in the file")
        return text

    def load(self) -> Notice:
        """The draft: the notice as it is in the folder now."""
        tables_dir = self._file(TABLES_DIR)
        names = {p.stem for p in tables_dir.glob("*.csv")} if tables_dir.is_dir() else set()
        read = self._read_worktree
        pending = self._pending_save()
        if pending:  # a save cut off by a crash: read the notice as it completes it
            written, removed = pending
            names |= {
                r[len(TABLES_DIR) + 1 : -4] for r in written if r.startswith(TABLES_DIR + "/") and r.endswith(".csv")
            }

            def read(rel: str) -> str | None:
                return written[rel] if rel in written else None if rel in removed else self._read_worktree(rel)

        self._refuse_links()
        try:
            notice = read_notice(read, sorted(names))
        except FormatError as exc:
            raise self._unreadable(exc.path, str(exc)) from None
        self._refuse_a_lost_outline(notice, pending[1] if pending else [])
        if not notice.notice_id:  # an older app rewrote notice.yaml without it: the history has it
            notice.notice_id = self._earlier_id()
        self._committed = notice_files(notice)
        text = read(NOTICE_FILE)
        self._yaml_behind = text is not None and (is_older_format(text) or yaml_notice_id(text) != notice.notice_id)
        return notice

    def _refuse_links(self) -> None:
        """A symbolic link in the notice's folders (one the outline does not list too) is damage:
        keeping it as an edit would put whatever it points at into the history and the exports."""
        for folder in MANAGED_DIRS:
            with suppress(OSError), os.scandir(self._file(folder)) as entries:
                for entry in entries:
                    if entry.is_symlink():
                        rel = f"{folder}/{entry.name}"
                        raise self._unreadable(
                            rel,
                            f"{rel}: it is a symbolic link to a file outside the notice",
                            "replace it with the file itself",
                        )

    def _refuse_a_lost_outline(self, notice: Notice, removed: list[str]) -> None:
        """A notice.yaml cut short inside its outline still reads as a notice, without the later
        sections: refuse it when clause files the last save listed are in the folder but no
        longer in the outline (Notice Studio removes a clause's file with it)."""
        clauses_dir = self._file(CLAUSES_DIR)
        listed = {c.id for c in notice.all_clauses()}
        left = {p.stem for p in clauses_dir.glob("*.md")} - listed if clauses_dir.is_dir() else set()
        left -= {PurePosixPath(r).stem for r in removed if r.startswith(CLAUSES_DIR + "/")}
        if not left:
            return
        try:
            saved = outline_ids(self._git("show", f"HEAD:{NOTICE_FILE}", strip=False))
        except git.GitCommandError:
            return
        lost = sorted(left & saved)
        if lost:
            names = ", ".join(f"{CLAUSES_DIR}/{c}.md" for c in lost[:3]) + (
                f" and {len(lost) - 3} more" if len(lost) > 3 else ""
            )
            raise self._unreadable(
                NOTICE_FILE,
                f"{NOTICE_FILE}: its outline no longer lists {names}, whose files are still in the folder "
                "(the file may have been cut short)",
                "list them again or delete their files",
            )

    def _unreadable(self, rel: str, problem: str, fix: str = "fix the file") -> UnreadableDraftError:
        """The sentence for a draft that cannot be read, naming the way out that works: putting the
        last save back when the file was changed outside Notice Studio, else restoring a version."""
        changed = self.outside_changes()
        if rel in changed or NOTICE_FILE in changed:  # the outline names the files read: its last save fixes them
            way_out = f"run 'notice-studio outside-changes {self.path} --discard' to put back the last saved version"
        else:
            way_out = (
                f"make an earlier version the draft with 'notice-studio restore {self.path} VERSION' "
                f"(see the versions with 'notice-studio log {self.path}')"
            )
        return UnreadableDraftError(
            problem, f"The notice in {self.path} cannot be read: {problem}; {fix}, or {way_out}."
        )

    def draft_problem(self) -> UnreadableDraftError | None:
        """Why the notice in the folder cannot be read, or None when it can."""
        try:
            self.load()
        except UnreadableDraftError as exc:
            return exc
        return None

    # ----- saving -----------------------------------------------------------------------------
    def save(
        self, notice: Notice, message: str, author: Author | None = None, *, committer: Author | None = None
    ) -> str | None:
        """Write the notice's changed files and commit them; None when nothing changed. `committer`:
        who saved the edit when it is not its author (a reviewer's change accepted by counsel)."""
        return self._save_files(notice_files(notice), message, author, committer)

    def save_files(self, files: dict[str, str], message: str, author: Author | None = None) -> str | None:
        """Like `save` for a snapshot made with `notice_files` (what autosave hands over)."""
        return self._save_files(files, message, author)

    def _save_files(
        self, files: dict[str, str], message: str, author: Author | None, committer: Author | None = None
    ) -> str | None:
        with self._writing():
            if not self._committed and (self.path / NOTICE_FILE).exists():
                self._committed = self._tracked_texts()
            files = self._identified(files, author)
            return self._write_and_commit(files, message, author, committer)

    def _first_save(
        self, files: dict[str, str], message: str, author: Author | None, progress: Progress | None
    ) -> None:
        """The first commit of a new notice (in its staging folder, renamed into place only once it
        is whole, so no journal): one fast-import stream, then git writes the folder from it."""
        if not can_fast_import(files):
            self._save_files(files, message, author)
            return
        for rel, text in files.items():
            utf8_text(text, rel, "the notice was not created; type the text again")
        who = author or resolve_author()
        ref = self._git("symbolic-ref", "HEAD")
        stream = fast_import_stream(files, message, ref, (who.name, who.email), (who.name, who.email), progress)
        feed = self.path / ".git" / "notice-studio-first-commit"
        feed.write_bytes(stream)
        try:
            with feed.open("rb") as handle:
                self._repo.git.execute(["git", *_GIT_OPTIONS, "fast-import", "--quiet", "--done"], istream=handle)
            if progress:
                progress(0, 0, "Writing the notice folder")
            self._git("read-tree", "-u", "--reset", "HEAD")
        except git.GitCommandError as exc:
            raise NoticeError(_git_failure(exc, "The notice could not be created")) from None
        finally:
            feed.unlink(missing_ok=True)
        flush_to_disk(self.path, files)
        self._saved = True
        self._committed = dict(files)

    def _identified(self, files: dict[str, str], author: Author | None) -> dict[str, str]:
        """`files` with the notice's id kept in notice.yaml. A draft saved without one (a
        version from before notices had ids, restored) keeps the id the notice has; a notice
        that never had one is given its first commit's id (the same in every clone, and what
        earlier review copies carry) in an edit of its own, recorded once, before this save."""
        text = files.get(NOTICE_FILE)
        if text is None or yaml_notice_id(text):
            return files
        committed = self._committed.get(NOTICE_FILE, "")
        kept = yaml_notice_id(committed) or self._earlier_id()
        if committed and not kept and (first := self._first_commit()):
            kept = first
            record = {**self._committed, NOTICE_FILE: with_notice_id(committed, kept)}
            self._write_and_commit(record, NOTICE_ID_RECORDED, author)
        return {**files, NOTICE_FILE: with_notice_id(text, kept)} if kept else files

    def _write_and_commit(
        self,
        files: dict[str, str],
        message: str,
        author: Author | None,
        committer: Author | None = None,
        *,
        raise_format: bool = False,
    ) -> str | None:
        changed = [p for p, text in files.items() if self._committed.get(p) != text]
        removed = [
            p for p in self._committed if p not in files and (p == NOTICE_FILE or p.split("/", 1)[0] in MANAGED_DIRS)
        ]
        # notice.yaml in an older format goes with the next edit (never on its own, unless asked):
        # from then on an app that reads only the older format refuses the notice.
        if self._yaml_behind and NOTICE_FILE in files and NOTICE_FILE not in changed and (changed or raise_format):
            changed.append(NOTICE_FILE)
        if not changed and not removed:
            return None
        self.require_on_draft()
        new_paths = [p for p in changed if p not in self._committed]
        # A save that touches several files is journalled: the whole change is written to
        # one file in .git first, and an open after a crash completes it (`_finish_save`).
        # The files themselves go new clauses and tables first, then notice.yaml (which
        # lists them), then removals, so even without the journal the folder reopens.
        # A save that fails part-way is rolled back (`_roll_back`): the folder is left as the
        # last commit has it, never half-written, and the caller still holds the edit.
        ordered = sorted(changed, key=lambda rel: rel == NOTICE_FILE)
        for rel in ordered + removed:
            self._file(rel)  # refuse a hostile path before writing anything
        for rel in ordered:  # and text no file can hold (lone surrogates), naming the file
            utf8_text(files[rel], rel, "the edit was not saved; type the text again")
        kept = self._keep_old(ordered + removed)
        start = self._head_or_none()
        try:
            self._journal.unlink(missing_ok=True)  # one an earlier save could not remove is not this save's
            if len(ordered) + len(removed) > 1:  # one file is replaced atomically on its own
                entry = {"write": {r: files[r] for r in ordered}, "remove": removed}
                write_atomic(self._journal, json.dumps(entry))
            self._apply(ordered, removed, files)
            self._commit(message, changed + removed, new_paths, author, committer)
        except BaseException as exc:
            # Once the commit is in git the folder holds the saved edit: it is never put back,
            # even when the failure came after (an interrupt as git finished).
            if self._head_moved(start):
                self._saved_as(files, changed, removed)
                raise
            self._roll_back(ordered + removed, kept)
            if isinstance(exc, OSError):
                raise NoticeError(_os_sentence(exc)) from None
            raise
        finally:
            for old in kept.values():
                old.unlink(missing_ok=True)
        self._saved_as(files, changed, removed)
        try:
            return self.head()
        except git.GitCommandError as exc:  # the edit is in git and in the folder: say so
            raise NoticeError(
                f"The edit was saved, but reading its entry in the history back failed ({_git_reason(exc)}); "
                "reopen the notice to see it."
            ) from None

    def _head_or_none(self) -> str:
        """The draft's commit, or '' before the first one."""
        try:
            return self.head()
        except git.GitCommandError:
            return ""

    def _head_moved(self, start: str) -> bool:
        """True when the draft's commit is no longer `start` (a save's commit went through)."""
        try:
            return self._git("rev-parse", "--verify", "-q", "HEAD") != start
        except git.GitCommandError:
            return False

    def _saved_as(self, files: dict[str, str], changed: list[str], removed: list[str]) -> None:
        """After a save's commit: what was committed is the last save (the journal is done with;
        one left behind because it could not be removed is removed by the next save)."""
        self._saved = True
        for rel in changed:
            self._committed[rel] = files[rel]
        for rel in removed:
            self._committed.pop(rel, None)
        with suppress(OSError):
            self._journal.unlink(missing_ok=True)
        self._yaml_behind = self._yaml_behind and NOTICE_FILE not in changed

    def raise_format(self, author: Author | None = None) -> str | None:
        """Save notice.yaml in the current format when the folder has it in an older one (after a
        change only the current format records, such as a withdrawal); None when it is current."""
        with self._writing():
            try:
                self.load()  # what the folder holds now, and in which format
            except NoticeError:
                return None  # a damaged draft is the user's to mend first; the next edit raises it
            if not self._yaml_behind:
                return None
            return self._write_and_commit(dict(self._committed), FORMAT_RAISED, author, raise_format=True)

    @property
    def _journal(self) -> Path:
        return self.path / ".git" / JOURNAL_NAME

    def _apply(self, written: list[str], removed: list[str], files: dict[str, str]) -> None:
        for rel in written:
            write_atomic(self._file(rel), files[rel], durable=rel == NOTICE_FILE)
        for rel in removed:
            self._file(rel).unlink(missing_ok=True)

    def _keep_old(self, paths: list[str]) -> dict[str, Path]:
        """A second name (a hard link in .git, which takes no disk space) for each file a save
        is about to replace or remove, so that a failed save can put it back even on a full disk."""
        kept: dict[str, Path] = {}
        for n, rel in enumerate(paths):
            old = self.path / ".git" / f"{UNDO_PREFIX}{n}"
            old.unlink(missing_ok=True)
            try:
                os.link(self._file(rel), old)
            except FileNotFoundError:
                continue  # a new file: undoing the save removes it
            except OSError:
                continue  # no hard links here: undoing falls back to the last commit's text
            kept[rel] = old
        return kept

    def _roll_back(self, paths: list[str], kept: dict[str, Path] | None = None) -> None:
        """Put `paths` back as they were before a save failed part-way: by their second names
        (`_keep_old`), which needs no disk space, else as the last commit has them.

        If even that fails, the journal stays: the next open completes the save, as after a crash."""
        kept = kept or {}
        try:
            for rel, old in kept.items():
                os.replace(old, self._file(rel))
            rest = [rel for rel in paths if rel not in kept]
            with suppress(git.GitCommandError):  # the index only changes when new files were added
                self._git("reset", "-q", "HEAD", "--", *paths)
            if rest:
                found = self._git("ls-tree", "-r", "-z", "--name-only", "HEAD", "--", *rest).split("\0")
                in_head = set(found) - {""}
                if in_head:
                    self._git("checkout", "HEAD", "--", *sorted(in_head))
                for rel in rest:
                    if rel not in in_head:
                        self._file(rel).unlink(missing_ok=True)
            self._journal.unlink(missing_ok=True)
        except (OSError, NoticeError, git.GitCommandError):
            pass

    def _finish_save(self) -> None:
        """Complete a save that a crash cut off after its journal was written."""
        pending = self._read_journal()
        if pending is None:
            self._journal.unlink(missing_ok=True)  # absent, or (written atomically) not ours
            return
        written, removed = pending
        if not self._can_write(written):  # left by a save that failed on its text: undo it
            self._roll_back([*written, *removed])
            self.recovery.messages.append(
                "An edit that could not be saved (its text was not valid) was undone; the notice is as last saved."
            )
            return
        self._apply(list(written), removed, written)
        self._journal.unlink(missing_ok=True)
        self.recovery.messages.append("An edit that a crash interrupted while it was being saved was completed.")

    @staticmethod
    def _can_write(files: dict[str, str]) -> bool:
        try:
            for rel, text in files.items():
                utf8_text(text, rel)
        except NoticeError:
            return False
        return True

    def _pending_save(self) -> tuple[dict[str, str], list[str]] | None:
        """The files and removals of a save a crash cut off, or None."""
        journal = self._read_journal()
        # A journal whose text no file can hold (left by a version that checked too late) is
        # not a save to complete: `_finish_save` undoes it, and reading ignores it.
        return journal if journal and self._can_write(journal[0]) else None

    def _read_journal(self) -> tuple[dict[str, str], list[str]] | None:
        try:
            entry = json.loads(self._journal.read_text(encoding="utf-8"))
            written = {str(k): str(v) for k, v in dict(entry["write"]).items()}
            removed = [str(r) for r in entry["remove"]]
        except FileNotFoundError:
            return None
        except (ValueError, KeyError, TypeError, AttributeError):
            return None
        return written, removed

    def _tracked_texts(self) -> dict[str, str]:
        return {rel: self._read_worktree(rel) or "" for rel in self._git("ls-files", "-z").split("\0") if rel}

    def _recover_uncommitted(self) -> None:
        """Commit what is in the folder but not yet committed (an edit cut off by a crash)."""
        if self._git_locks():
            self._recover_stale_git_locks()
        if self.unfinished_git_work() or not self.outside_changes():
            return  # git's own unfinished work is never committed in our name: saves say so
        with self._writing():
            managed = [p for p in (PRACTICES_FILE, *MANAGED_DIRS) if (self.path / p).exists()]
            self._git("add", "-A", "--", NOTICE_FILE, *managed)
            self._git(
                "commit",
                "-q",
                "--no-verify",
                "-m",
                "Kept changes that were not saved before Notice Studio closed",
                env=_author_env(resolve_author()),
            )
        self.recovery.messages.append("Changes that had not been saved before the last close were found and saved.")

    def outside_changes(self) -> list[str]:
        """Notice files changed, added or deleted in the folder since the last commit (by hand
        or by another program), as paths relative to the notice folder."""
        status = self._git(
            "--no-optional-locks",  # a read: never refresh the index (a full disk would fail it)
            "status",
            "--porcelain",
            "-z",
            "--untracked-files=all",
            "--",
            NOTICE_FILE,
            PRACTICES_FILE,
            *MANAGED_DIRS,
            strip=False,
        )
        paths = []
        entries = iter(status.split("\0"))
        for entry in entries:
            if len(entry) < 4:
                continue
            code, path = entry[:2], entry[3:]
            if "R" in code or "C" in code:
                next(entries, None)  # a rename names its source next
            paths.append(path)
        return sorted(set(paths))

    def outside_diff(self) -> str:
        """What changed outside Notice Studio, as a unified diff of the tracked notice files
        (files that are new are listed by `outside_changes` only). Bytes that are not UTF-8 (a file
        saved in another encoding) show as the replacement character, so the diff can be printed."""
        diff = self._git("diff", "HEAD", "--no-color", "--", NOTICE_FILE, PRACTICES_FILE, *MANAGED_DIRS, strip=False)
        return diff.encode("utf-8", "surrogateescape").decode("utf-8", "replace")

    def keep_outside(self, author: Author | None = None) -> str | None:
        """Commit the changes made outside Notice Studio (the user chose Keep)."""
        self.require_on_draft("The changes made outside Notice Studio were not kept")
        paths = self.outside_changes()
        if not paths:
            return None
        self.load()  # nothing is committed over a file that cannot be read
        with self._writing():
            self._git("add", "-A", "--", *paths)
            names = ", ".join(paths[:3]) + (f" and {len(paths) - 3} more" if len(paths) > 3 else "")
            self._git(
                "commit",
                "-q",
                "--no-verify",
                "-m",
                f"Kept changes made outside Notice Studio ({names})",
                env=_author_env(author or resolve_author()),
            )
            self._committed = {}
            return self.head()

    def discard_outside(self) -> str | None:
        """Put the notice files back as last saved (the user chose Discard), first undoing a merge,
        rebase, cherry-pick, revert or `git am` run by hand and left unfinished (even one that
        touched no notice file) with its own abort command. Returns the sentence saying which
        operation was undone, or None when none was unfinished."""
        ended = None
        with self._writing():
            unfinished = self.unfinished_git_work()
            if unfinished:
                command, what = unfinished
                try:
                    # `git am --abort` wants a committer even though it commits nothing: give it one
                    self._git(command, "--abort", env=_author_env(resolve_author()))
                except git.GitCommandError as exc:
                    raise NoticeError(_git_failure(exc, f"The unfinished git {what} could not be undone")) from None
                ended = f"The unfinished git {what} run by hand in this folder was undone with 'git {command} --abort'."
            paths = self.outside_changes()
            tracked = set(self._git("ls-files", "-z", "--", *paths, strip=False).split("\0")) - {""} if paths else set()
            if tracked:
                self._git("checkout", "HEAD", "--", *sorted(tracked))
            for rel in paths:
                if rel not in tracked:
                    (self.path / rel).unlink(missing_ok=True)
            self._committed = {}
        return ended

    # ----- history ----------------------------------------------------------------------------
    def head(self) -> str:
        """The draft's commit id (read from the ref file when loose: saves a process per save)."""
        git_dir = self.path / ".git"
        try:
            ref = (git_dir / "HEAD").read_text().strip()
            if ref.startswith("ref: "):
                sha = (git_dir / ref[5:]).read_text().strip()
                if len(sha) == 40:
                    return sha
        except OSError:
            pass
        return self._git("rev-parse", "HEAD")

    def edits(self, limit: int | None = None, path: str | None = None) -> list[Edit]:
        """Saved edits, newest first, each with the clauses it touched (the newest `limit`, 1 or more)."""
        if limit is not None and limit < 1:
            raise NoticeError(
                f"The number of edits to show must be 1 or more ({limit} was given); leave the limit out to see them all."
            )
        args = ["log", "--no-renames", "--format=%x1e%H%x1f%an%x1f%ae%x1f%aI%x1f%s", "--name-only"]
        if limit:
            args.append(f"-n{limit}")
        args.append("HEAD")
        if path:
            args += ["--", path]
        self.require_full_history()
        out = self._git(*args, strip=False)
        result: list[Edit] = []
        for record in out.split("\x1e")[1:]:
            header, _, names = record.partition("\n")
            sha, name, email, when, subject = (header.split("\x1f") + [""] * 5)[:5]
            clauses: list[str] = []
            outline = False
            for line in names.split("\n"):
                if line.startswith(CLAUSES_DIR + "/") and line.endswith(".md"):
                    clauses.append(line[len(CLAUSES_DIR) + 1 : -3])
                elif line == NOTICE_FILE:
                    outline = True
            result.append(Edit(sha, name, email, when, subject, tuple(clauses), outline))
        return result

    def versions(self) -> list[Version]:
        """Published versions, oldest first.

        A damaged version tag is never dropped silently: it is left out and named in
        `recovery.messages`, which the command line prints and the app shows.
        """
        self.require_full_history()
        out = self._version_records()
        withdrawals = self._withdrawals()
        versions = []
        for record in out.split("\x1e"):
            record = record.lstrip("\n")
            if not record:
                continue
            name, peeled, obj, tagger, tagged_at, contents = (record.split("\x1f") + [""] * 6)[:6]
            if not is_version(name):
                continue
            if (obj and not peeled) or not tagged_at:
                self._note_damaged(name, "it is not an annotated version tag made by Notice Studio")
            elif "effective" not in contents:
                self._note_damaged(name, "its message no longer records the effective date")
            version = _parse_version(int(name[1:]), peeled or obj, tagger, tagged_at, contents)
            withdrawal, target = withdrawals.get(name, (None, ""))
            # Only a withdrawal of this very tag counts (not one of a v2 published differently elsewhere).
            versions.append(replace(version, withdrawn=withdrawal) if target in (obj, peeled) else version)
        return sorted(versions, key=lambda v: v.number)

    def _withdrawals(self) -> dict[str, tuple[Withdrawal, str]]:
        """Version name -> (its withdrawal record, the tag it withdraws)."""
        out = self._git(
            "for-each-ref",
            f"refs/tags/{WITHDRAWN_PREFIX}v*",
            "--format=%(refname:strip=2)%1f%(object)%1f%(taggername)%1f%(taggerdate:iso-strict)%1f%(contents)%1e",
            strip=False,
        )
        found: dict[str, tuple[Withdrawal, str]] = {}
        for record in out.split("\x1e"):
            name, target, tagger, tagged_at, contents = (record.lstrip("\n").split("\x1f") + [""] * 5)[:5]
            if not is_withdrawal(name):
                continue
            _, _, body = _TAG_SIGNATURE.split(contents, maxsplit=1)[0].partition("\n\n")
            withdrawal = Withdrawal(tagger.rsplit("<", 1)[0].strip(), tagged_at, " ".join(body.split()))
            found[name[len(WITHDRAWN_PREFIX) :]] = (withdrawal, target)
        return found

    def require_full_history(self) -> None:
        """Refuse to read the history of a shallow clone (`git clone --depth 1`, CI's default
        checkout): it lacks earlier edits and versions, so the website, a publish, the log and the
        change notices would each be built from part of it without a word."""
        if (self.path / ".git" / "shallow").exists():
            raise PartialHistoryError(
                "This copy of the notice has only part of its history (it is a shallow git clone), so earlier "
                "edits and published versions are missing from it; fetch the rest with 'git fetch --unshallow "
                "--tags' in the notice folder (in CI, check out with fetch-depth: 0) and try again."
            )

    _VERSION_FORMAT = (
        "--format=%(refname:short)%1f%(*objectname)%1f%(objectname)%1f%(taggername)%1f"
        "%(taggerdate:iso-strict)%1f%(contents)%1e"
    )

    def _version_records(self) -> str:
        try:
            return self._git("for-each-ref", "refs/tags/v*", self._VERSION_FORMAT, strip=False)
        except git.GitCommandError:
            pass  # one damaged tag fails the whole listing: read them one by one
        names = self._git("for-each-ref", "refs/tags/v*", "--format=%(refname)", strip=False).split()
        records = []
        for ref in names:
            try:
                records.append(self._git("for-each-ref", ref, self._VERSION_FORMAT, strip=False))
            except git.GitCommandError as exc:
                self._note_damaged(ref.rsplit("/", 1)[-1], f"git cannot read it: {_git_reason(exc)}", left_out=True)
        return "".join(records)

    def _note_damaged(self, name: str, why: str, left_out: bool = False) -> None:
        effect = "it is left out of the history" if left_out else "it is listed without its details"
        message = (
            f"The published version {name} is damaged ({why}), so {effect}; "
            "restore the notice folder from a backup to recover it."
        )
        if message not in self.recovery.messages:
            self.recovery.messages.append(message)

    def version(self, name: str) -> Version:
        for version in self.versions():
            if version.name == name:
                return version
        raise NoticeError(f"There is no published version '{name}'; 'notice-studio log' lists them.")

    def last_updated(self) -> dt.date | None:
        """The effective date of the latest published version ("Last updated")."""
        versions = standing(self.versions())
        return versions[-1].effective if versions else None

    def resolve(self, ref: str) -> str:
        """A version name, 'draft'/'HEAD', or a commit id -> the commit id."""
        if ref in ("draft", "HEAD"):
            return self.head()
        try:
            return self._git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
        except git.GitCommandError:
            raise NoticeError(
                f"'{ref}' is neither a published version (v1, v2, ...), 'draft', nor a saved edit."
            ) from None

    def files_at(self, ref: str) -> dict[str, str]:
        """Every file of the notice at a version or commit (one ls-tree, one cat-file stream)."""
        commit = self.resolve(ref)
        try:
            listing = self._git("ls-tree", "-r", "-z", "--full-tree", commit, strip=False)
        except git.GitCommandError:
            raise CorruptNoticeError(
                f"The notice at {ref} cannot be read because its history is damaged; restore the folder from a backup."
            ) from None
        files: dict[str, str] = {}
        for entry in listing.split("\0"):
            if not entry:
                continue
            info, _, rel = entry.partition("\t")
            if rel not in (NOTICE_FILE, PRACTICES_FILE) and rel.split("/", 1)[0] not in MANAGED_DIRS:
                continue
            sha = info.split()[2]
            try:
                with self._cat_file_lock:
                    data = self._repo.git.get_object_data(sha)[3]
            except (ValueError, git.GitCommandError):
                raise CorruptNoticeError(
                    f"{rel} at {ref} cannot be read because the notice's history is damaged; "
                    "restore the notice folder from a backup."
                ) from None
            files[rel] = data.decode("utf-8", "replace")
        return files

    def notice_at(self, ref: str) -> Notice:
        """The notice as it was at a version (v3), a commit, or 'draft'."""
        if ref == "draft":
            return self.load()
        files = self.files_at(ref)
        names = [p[len(TABLES_DIR) + 1 : -4] for p in files if p.startswith(TABLES_DIR + "/") and p.endswith(".csv")]
        try:
            return read_notice(files.get, names)
        except FormatError as exc:
            raise CorruptNoticeError(f"The notice at {ref} cannot be read: {exc}.") from None

    def changed_since(self, ref: str) -> set[str]:
        """Ids of clauses whose file differs between `ref` and the draft."""
        out = self._git(
            "diff",
            "--no-renames",
            "--name-only",
            "-z",
            self.resolve(ref),
            "HEAD",
            "--",
            CLAUSES_DIR,
            BASE_DIR,
            strip=False,
        )
        return {p.split("/", 1)[1][:-3] for p in out.split("\0") if p.endswith(".md")}

    def edits_since(self, ref: str) -> int:
        return int(self._git("rev-list", "--count", f"{self.resolve(ref)}..HEAD"))

    # ----- publishing and restoring -----------------------------------------------------------
    def publish(
        self,
        effective: dt.date,
        change_notice: str,
        material: bool,
        approved_by: str,
        author: Author | None = None,
        acknowledged: list[str] | None = None,
        reasons: list[tuple[str, str]] | None = None,
    ) -> Version:
        """Tag the draft as the next published version, recording what the reader is told (and
        which warnings were acknowledged, with the reasons given)."""
        with self._writing():
            self.require_on_draft("The version could not be published")
            versions = self.versions()
            latest = standing(versions)
            head = self.head()
            if latest and latest[-1].commit == head:
                raise NoticeError(nothing_changed_since(latest[-1].name))
            if latest and latest[-1].effective_problem(effective):
                raise NoticeError(latest[-1].effective_problem(effective))
            number = next_version_number(versions)
            who = author or resolve_author()
            message = _version_message(
                number, effective, change_notice, material, approved_by, acknowledged or [], reasons or []
            )
            env = _author_env(who)
            try:
                self._git("tag", "-a", f"v{number}", "--cleanup=verbatim", "-m", message, head, env=env)
            except git.GitCommandError as exc:
                raise NoticeError(_git_failure(exc, "The version could not be published")) from None
        return self.version(f"v{number}")

    def withdraw(self, name: str, reason: str = "", author: Author | None = None) -> Version:
        """Record that version `name` is withdrawn: an annotated tag `withdrawn/<name>` on its
        tag, saying who, when and why. Nothing is deleted and the draft is untouched; whether it
        may be withdrawn is the workspace's question (schedule.withdraw_problem)."""
        with self._writing():
            self.require_on_draft("The version could not be withdrawn")  # one rule with saves and publish
            version = self.version(name)
            if version.withdrawn is not None:
                raise NoticeError(f"{name} is already withdrawn.")
            message = f"Withdrew {name} before it took effect"
            if reason.strip():
                message += "\n\n" + " ".join(reason.split())
            tag = f"{WITHDRAWN_PREFIX}{name}"
            try:
                self._git(
                    "tag",
                    "-a",
                    tag,
                    "--cleanup=verbatim",
                    "-m",
                    message,
                    f"refs/tags/{name}",
                    env=_author_env(author or resolve_author()),
                )
            except git.GitCommandError as exc:
                raise NoticeError(f"The version could not be withdrawn ({_git_reason(exc)}).") from None
        return self.version(name)

    def restore(self, ref: str, author: Author | None = None) -> str | None:
        """Make the notice as it was at `ref` the new draft, as a new edit (history is kept)."""
        old = self.notice_at(ref)
        label = ref if is_version(ref) else f"the edit {self.resolve(ref)[:8]}"
        files = notice_files(old)
        # Compared with the last save, not the folder: a draft that cannot be read is replaced too.
        self._committed = self.files_at("HEAD")
        return self._save_files(files, f"Restored {label} as the draft", author)

    def pack(self, loose_objects: int = 2000) -> None:
        """Housekeeping on closing: pack the history once it has `loose_objects` loose objects.

        Every save runs with automatic maintenance off (it can stall a save for seconds after
        thousands of edits), so the app packs here instead; below the threshold this is cheap.
        """
        with self._writing():
            counts = dict(line.split(": ", 1) for line in self._git("count-objects", "-v").splitlines() if ": " in line)
            if int(counts.get("count", "0")) >= loose_objects:
                self._git("gc", "--quiet")

    # ----- identity (appended for the Word review round trip) -----------------------------------
    def identity(self) -> str:
        """A stable id of this notice (same in every clone): the id in notice.yaml, or for a
        notice made before notices had one, its first saved edit's commit id."""
        return self.load().notice_id or self._first_commit()

    def is_identity(self, notice_id: str, commit: str) -> bool:
        """True when a copy marked `notice_id`, sent from saved edit `commit`, came from this
        notice: `commit` is in its history and `notice_id` is the id the notice had then (or
        has now, or its first commit: ids made before notice.yaml had one)."""
        if not notice_id or not self.has_commit(commit):
            return False
        return notice_id in {self.notice_at(commit).notice_id, self.load().notice_id, self._first_commit()}

    def is_this_notice(self, notice_id: str) -> bool:
        """True when `notice_id` is this notice's id (now, or its first commit's for a notice made
        before ids), whatever saved edit a copy says it came from."""
        return bool(notice_id) and notice_id in {self.load().notice_id, self._first_commit()}

    def _earlier_id(self) -> str:
        """The id notice.yaml last had in the history ('' when it never had one): an older app
        that knew no ids rewrote the file without it, and the notice keeps the id it had."""
        if self._earlier_notice_id is None:
            self._earlier_notice_id = ""
            with suppress(git.GitCommandError):
                # Only the saves that added or dropped the id line; the newest that dropped it has
                # it in its parent.
                for commit in self._git("log", "--format=%H", "-G", "^id:", "--", NOTICE_FILE).split():
                    found = self._id_at(commit) or self._id_at(f"{commit}^")
                    if found:
                        self._earlier_notice_id = found
                        break
        return self._earlier_notice_id

    def _id_at(self, ref: str) -> str:
        try:
            return yaml_notice_id(self._git("show", f"{ref}:{NOTICE_FILE}", strip=False))
        except git.GitCommandError:
            return ""

    def _first_commit(self) -> str:
        roots = self._git("rev-list", "--max-parents=0", "HEAD").split()
        return roots[-1] if roots else ""

    def has_commit(self, commit: str) -> bool:
        """True when `commit` is a saved edit of this notice."""
        try:
            self._git("cat-file", "-e", f"{commit}^{{commit}}")
        except git.GitCommandError:
            return False
        return True


def _author_env(who: Author, committer: Author | None = None) -> dict[str, str]:
    saver = committer or who
    return {
        "GIT_AUTHOR_NAME": who.name,
        "GIT_AUTHOR_EMAIL": who.email,
        "GIT_COMMITTER_NAME": saver.name,
        "GIT_COMMITTER_EMAIL": saver.email,
    }


def _version_message(
    number: int,
    effective: dt.date,
    change_notice: str,
    material: bool,
    approved_by: str,
    acknowledged: list[str],
    reasons: list[tuple[str, str]],
) -> str:
    import yaml  # local: only publishing needs it here

    data = {
        "effective": effective.isoformat(),
        "material": bool(material),
        "approved_by": approved_by,
        "change_notice": change_notice.strip(),
        "acknowledged": list(acknowledged),
    }
    if reasons:
        data["reasons"] = [{"warning": warning, "reason": reason} for warning, reason in reasons]
    header = f"Version {number}, effective {effective.isoformat()}"
    return header + "\n\n" + yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


_TAG_SIGNATURE = re.compile(r"^-----BEGIN [A-Z ]*SIGNATURE-----$", re.MULTILINE)


def _parse_version(number: int, commit: str, tagger: str, tagged_at: str, contents: str) -> Version:
    # A signed tag's message ends with its gpg or ssh signature, which is not part of the record.
    contents = _TAG_SIGNATURE.split(contents, maxsplit=1)[0]
    _, _, body = contents.partition("\n\n")
    data: dict[str, object] = {}
    try:
        parsed = load_yaml(body, f"v{number}")
        if isinstance(parsed, dict):
            data = parsed
    except FormatError:
        data = {}
    try:
        effective = dt.date.fromisoformat(str(data.get("effective")))
    except ValueError:
        effective = None
    tagger_name = tagger.rsplit("<", 1)[0].strip()
    acknowledged = data.get("acknowledged")
    reasons = data.get("reasons")
    given = tuple(
        (str(r.get("warning", "")), str(r.get("reason", "")))
        for r in (reasons if isinstance(reasons, list) else [])
        if isinstance(r, dict)
    )
    return Version(
        number=number,
        commit=commit,
        effective=effective,
        material=bool(data.get("material", False)),
        change_notice=str(data.get("change_notice") or ""),
        approved_by=str(data.get("approved_by") or ""),
        published_by=tagger_name,
        published_at=tagged_at,
        acknowledged=tuple(str(a) for a in acknowledged) if isinstance(acknowledged, list) else (),
        reasons=given,
    )


def _git_failure(exc: git.GitCommandError, doing: str) -> str:
    reason = _git_reason(exc)
    if disk_full_in(str(exc)):
        return disk_full_sentence(doing)
    if not_writable_in(str(exc)):
        return not_writable_sentence(doing, "the notice folder", "make it writable (or open a copy)")
    if "corrupt" in reason or "unable to read" in reason or "bad object" in reason:
        return f"{doing} because the notice's history is damaged ({reason}); restore the folder from a backup."
    return f"{doing} ({reason}); try again."


def _git_reason(exc: BaseException) -> str:
    if isinstance(exc, git.GitCommandError):
        text = (exc.stderr or exc.stdout or "").strip()
        text = text.removeprefix("stderr:").strip().strip("'").strip()
        lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
        return lines[0] if lines else f"git exited with status {exc.status}"
    return str(exc) or exc.__class__.__name__


__all__ = [
    "Author",
    "CorruptNoticeError",
    "Edit",
    "NotANoticeError",
    "NoticeLockedError",
    "NoticeRepo",
    "PartialHistoryError",
    "UnfinishedGitError",
    "UnreadableDraftError",
    "Version",
    "Withdrawal",
    "resolve_author",
]

"""The store's remote half: servers, sync, review records and signatures, through the git command line.

With `store`, the only module that imports `git`. Network work (fetch, push, clone) runs `git`
with prompts off (credentials come from git's credential helpers or the ssh agent; the app
stores no password). Integration reads the server's notice and the common ancestor, merges them
clause by clause (`core.remote.merge`) and writes the result as a normal commit whose two
parents record the merge: no conflict marker ever reaches a file. Moving the draft to a new
commit is crash-safe: a marker file names the old and new commit before the ref moves, and
opening the notice finishes or undoes an interrupted move (`finish_interrupted_sync`).
Published tags are sent and received, never moved; review records are chains of commits under
`refs/notice-reviews/<id>`, merged by both parents when two people add to one review at once.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from notice_studio.core.fileio import write_atomic as _write_atomic
from notice_studio.core.notice.frontmatter import FormatError
from notice_studio.core.notice.model import Notice
from notice_studio.core.notice.notice_format import NOTICE_FILE, TABLES_DIR, notice_files, read_notice
from notice_studio.core.notice.server_address import DRIVE, SCP_LIKE, RemoteError, public_url, server_address
from notice_studio.core.notice.server_settings import (
    CONTACT_FILE,
    clear_written_passwords,
    contacts,
    is_version,
    missing_versions,
    servers,
    unsent_versions,
)
from notice_studio.core.notice.store import (
    MANAGED_DIRS,
    SYNC_MARKER,
    Author,
    NoticeRepo,
    _author_env,
    is_withdrawal,
    resolve_author,
    standing,
)
from notice_studio.core.remote import reviews as review_model
from notice_studio.core.remote.ci import recipe
from notice_studio.core.remote.merge import Conflict, MergeResult, Resolution, merge_notices
from notice_studio.core.wording import plural

DEFAULT_REMOTE = "origin"
REVIEWS = "refs/notice-reviews/"
_OPTIONS = ["-c", "maintenance.auto=false", "-c", "gc.auto=0", "-c", "core.quotepath=off"]
_NETWORK_OPTIONS = ["-c", "http.lowSpeedLimit=1", "-c", "http.lowSpeedTime=60"]
_PENDING = "notice-studio-merge.json"
_EMPTY_TREE = "4b825dc642cb6eb9a060e54bf8d69288fbee4904"
_ZERO = "0" * 40

checkpoint: Callable[[str], None] | None = None
"""Tests set this to stop a sync at a named stage (to kill the process there)."""


class AuthenticationError(RemoteError):
    """The server refused the credentials."""


class UnreachableError(RemoteError):
    """The server could not be reached (offline, wrong host)."""


class NotANoticeRemoteError(RemoteError):
    """The repository on the server does not hold this notice."""


class HistoryRewrittenError(RemoteError):
    """Edits already synced are gone from the server."""


@dataclass(frozen=True)
class RemoteInfo:
    name: str
    url: str
    branch: str
    ahead: int
    """Edits here the server has not got (as of the last sync)."""
    behind: int
    """Edits on the server not yet here (as of the last sync)."""
    last_synced: str
    """The server's draft commit at the last sync ('' before the first)."""
    pending_conflicts: int = 0
    contacted: str = ""
    """When the server last answered a sync or fetch (ISO 8601, UTC; '' never)."""
    fetched: bool = False
    """True when ahead/behind were just checked with the server."""
    fetch_problem: str = ""
    """Why asking the server just now failed (one sentence); the figures are then as of `contacted`."""
    versions_not_here: tuple[str, ...] = ()
    """Versions published on the server (when last asked) that this copy has not received."""
    versions_not_sent: tuple[str, ...] = ()
    """Versions published here that the server did not have when last asked (it refused them, or
    they were published since the last sync)."""


@dataclass(frozen=True)
class SyncResult:
    received: int = 0
    """Edits received from the server."""
    sent: int = 0
    """Edits sent to the server."""
    merged: bool = False
    """True when both sides had edits and a merge edit was made."""
    conflicts: tuple[Conflict, ...] = ()
    """Open conflicts: nothing was merged or sent; decide them and sync again."""
    versions_received: tuple[str, ...] = ()
    versions_sent: tuple[str, ...] = ()
    reviews_changed: int = 0
    draft_changed: bool = False
    """The draft in the folder changed: reload it."""
    diverged_versions: tuple[str, ...] = ()
    """Versions published differently here and on the server: left as they are on each side."""
    not_sent: str = ""
    """Why the merge of decided conflicts is saved here but not yet sent (the server's sentence)."""
    address_cleared: str = ""
    """The sentence saying a password written into the server's address was taken out ('' if none was)."""
    withdrawals_received: tuple[str, ...] = ()
    """Versions someone withdrew on the server, now withdrawn here too."""
    withdrawals_sent: tuple[str, ...] = ()
    """Versions withdrawn here, now withdrawn on the server too."""

    @property
    def diverged_sentence(self) -> str:
        """One sentence about versions published differently on each side ('' when there are none)."""
        if not self.diverged_versions:
            return ""
        names = ", ".join(self.diverged_versions)
        one = len(self.diverged_versions) == 1
        return (
            f"{'Version' if one else 'Versions'} {names} {'was' if one else 'were'} published both here and on "
            "the server for different drafts, and published versions never move, so "
            f"{'it was' if one else 'they were'} left as {'it is' if one else 'they are'} on each side "
            "(everything else was synced): agree which one stands and publish the next version from it."
        )

    @property
    def sentence(self) -> str:
        return f"{self._outcome} {self.address_cleared}" if self.address_cleared else self._outcome

    @property
    def _outcome(self) -> str:
        if self.not_sent:
            reason = self.not_sent[:1].lower() + self.not_sent[1:]
            return f"Your choices were merged and saved here but not sent: {reason}"
        if self.conflicts:
            n = len(self.conflicts)
            return (
                f"You and someone else changed the same thing in {plural(n, 'place')}; "
                "choose what to keep, then sync again (nothing was lost or sent)."
            )
        parts = []
        if self.received:
            parts.append(f"received {plural(self.received, 'edit')}")
        if self.sent:
            parts.append(f"sent {plural(self.sent, 'edit')}")
        if self.versions_received:
            parts.append("received " + ", ".join(self.versions_received))
        if self.versions_sent:
            parts.append("sent " + ", ".join(self.versions_sent))
        if self.withdrawals_received:
            parts.append("received the withdrawal of " + ", ".join(self.withdrawals_received))
        if self.withdrawals_sent:
            parts.append("sent the withdrawal of " + ", ".join(self.withdrawals_sent))
        if self.reviews_changed:
            parts.append(f"brought {plural(self.reviews_changed, 'review')} up to date")
        if not parts:
            text = "Already up to date with the server."
        else:
            text = "Synced: " + ", ".join(parts) + (" (both sides' edits merged)." if self.merged else ".")
        return f"{text} {self.diverged_sentence}" if self.diverged_versions else text


# ----- running git ------------------------------------------------------------------------------
@dataclass(frozen=True)
class _Out:
    status: int
    out: str
    err: str


def _env(interactive: bool) -> dict[str, str]:
    env = dict(os.environ)
    env["LC_ALL"] = "C"
    env["LANGUAGE"] = "C"
    if not interactive:
        env["GIT_TERMINAL_PROMPT"] = "0"
    return env


def _batch_ssh(cwd: Path | None, env: dict[str, str]) -> None:
    """Make ssh fail at once rather than wait for a password nobody can type, keeping the
    user's own ssh command (core.sshCommand: a key, a port, a known-hosts file) when set."""
    if "GIT_SSH_COMMAND" in env or "GIT_SSH" in env:
        return
    command = ["git", "config", "--get", "core.sshCommand"]
    if cwd is not None:
        command[1:1] = ["-C", str(cwd)]
    configured = subprocess.run(command, capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL)
    ssh = configured.stdout.strip() or "ssh"
    if Path(ssh.split()[0]).stem == "ssh":  # a wrapper of the user's own is left as it is
        env["GIT_SSH_COMMAND"] = f"{ssh} -o BatchMode=yes"


def _run(
    cwd: Path | None,
    *args: str,
    input: str | None = None,
    env: Mapping[str, str] | None = None,
    interactive: bool = False,
    check: bool = True,
) -> _Out:
    command = ["git", *_OPTIONS, *args]
    if cwd is not None:
        command[1:1] = ["-C", str(cwd)]
    run_env = _env(interactive)
    if env:
        run_env.update(env)
    if not interactive and args[: len(_NETWORK_OPTIONS)] == tuple(_NETWORK_OPTIONS):
        _batch_ssh(cwd, run_env)
    proc = subprocess.run(
        command,
        input=input,
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=run_env,
        stdin=None if input is not None or interactive else subprocess.DEVNULL,
    )
    result = _Out(proc.returncode, proc.stdout, proc.stderr)
    if check and proc.returncode != 0:
        raise RemoteError(f"git {args[0]} failed ({_first_line(proc.stderr)}).")
    return result


def _first_line(text: str) -> str:
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("hint:")]
    return lines[0].removeprefix("fatal: ").removeprefix("error: ") if lines else "no details"


_AUTH = (
    "authentication failed",
    "could not read username",
    "could not read password",
    "returned error: 401",
    "returned error: 403",
    "permission denied (publickey",
    "terminal prompts disabled",
    "invalid username or password",
    "access denied",
)
_UNREACHABLE = (
    "could not resolve host",
    "connection refused",
    "failed to connect",
    "connection timed out",
    "network is unreachable",
    "no route to host",
    "operation timed out",
    "could not connect",
    "connection reset",
    "empty reply from server",
)
_NOT_FOUND = ("does not appear to be a git repository", "not found", "does not exist", "no such file")


@dataclass(frozen=True)
class _Doing:
    """What the user was doing when the server failed, for the end of the sentence: what to do next."""

    again: str
    unreachable: str
    failed: str


_SYNCING = _Doing(
    "then sync again", "your edits are kept here and will be sent when you sync again", "Syncing with {where}"
)
_CLONING = _Doing(
    "then try again",
    "nothing was copied; check the address and your connection, then try again",
    "Copying the notice from {where}",
)
_ASKING = _Doing(
    "then try again",
    "the figures shown are as of the last sync; try again when it can be reached",
    "Asking {where} what it has",
)


def _network_error(url: str, err: str, doing: _Doing = _SYNCING) -> RemoteError:
    low = err.lower()
    where = public_url(url)
    if any(s in low for s in _AUTH):
        return AuthenticationError(
            f"The server at {where} refused your credentials; check your user name and password or token "
            f"(kept by git's credential helper) or your ssh key, {doing.again}."
        )
    if any(s in low for s in _UNREACHABLE):
        return UnreachableError(
            f"The server at {where} could not be reached ({_first_line(err)}); {doing.unreachable}."
        )
    if any(s in low for s in _NOT_FOUND):
        return NotANoticeRemoteError(f"There is no repository at {where}; check the address and try again.")
    return RemoteError(f"{doing.failed.format(where=where)} failed ({_first_line(err)}); try again later.")


def _at(stage: str) -> None:
    if checkpoint is not None:
        checkpoint(stage)


# ----- remotes ----------------------------------------------------------------------------------
def _remote_url(repo: NoticeRepo, name: str) -> str:
    out = _run(repo.path, "config", "--get", f"remote.{name}.url", check=False)
    if out.status != 0:
        raise RemoteError(
            f"This notice has no server named '{name}'; connect one with 'notice-studio remote add DIR URL'."
        )
    return out.out.strip()


class _Server:
    """A connected server by name; its address is read only when a message needs it (one
    process fewer per sync). A name with no server behind it fails at the first use."""

    def __init__(self, repo: NoticeRepo, name: str, url: str | None = None) -> None:
        self.repo, self.name, self._url = repo, name, url

    @property
    def url(self) -> str:
        if self._url is None:
            self._url = _remote_url(self.repo, self.name)
        return self._url

    @property
    def where(self) -> str:
        return public_url(self.url)


def remotes(repo: NoticeRepo) -> dict[str, str]:
    """Server name -> address (without passwords)."""
    out = _run(repo.path, "config", "--get-regexp", r"^remote\..*\.url$", check=False).out
    result = {}
    for line in out.splitlines():
        key, _, url = line.partition(" ")
        result[key[len("remote.") : -len(".url")]] = public_url(url)
    return result


def add_remote(repo: NoticeRepo, url: str, name: str = DEFAULT_REMOTE) -> None:
    """Connect the notice to a server (https, ssh, a path or file URL); works offline."""
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", name):
        raise RemoteError(f"'{name}' is not a usable server name; use letters, digits, '-', '_' or '.'.")
    url = server_address(url)
    existing = remotes(repo)
    if name in existing:
        raise RemoteError(
            f"This notice is already connected to a server named '{name}' ({existing[name]}); "
            "remove it first with 'notice-studio remote remove'."
        )
    with repo._writing():
        _run(repo.path, "remote", "add", name, url)


def remove_remote(repo: NoticeRepo, name: str = DEFAULT_REMOTE) -> None:
    """Disconnect a server; the notice and its history stay here."""
    _remote_url(repo, name)
    with repo._writing():
        _run(repo.path, "remote", "remove", name)
        refs = _run(
            repo.path, "for-each-ref", "--format=%(refname)", f"refs/notice-remote/{name}/", f"refs/notice-sync/{name}/"
        ).out.split()
        if refs:
            _run(repo.path, "update-ref", "--stdin", input="".join(f"delete {r}\n" for r in refs))
        (repo.path / ".git" / _PENDING).unlink(missing_ok=True)
        _record_contact(repo, name, forget=True)


def _branch(repo: NoticeRepo) -> str:
    """The draft's branch (read from .git/HEAD: one process fewer per sync)."""
    try:
        head = (repo.path / ".git" / "HEAD").read_text().strip()
    except OSError:
        head = ""
    if head.startswith("ref: refs/heads/"):
        return head[len("ref: refs/heads/") :]
    out = _run(repo.path, "symbolic-ref", "--short", "-q", "HEAD", check=False)
    return out.out.strip() or "main"


def _rev(repo: NoticeRepo, ref: str) -> str | None:
    out = _run(repo.path, "rev-parse", "--verify", "-q", ref + "^{commit}", check=False)
    return out.out.strip() or None


def _rev_raw(repo: NoticeRepo, ref: str) -> str:
    return _run(repo.path, "rev-parse", "--verify", "-q", ref).out.strip()


def _is_ancestor(repo: NoticeRepo, a: str, b: str) -> bool:
    return _run(repo.path, "merge-base", "--is-ancestor", a, b, check=False).status == 0


def _ahead_behind(repo: NoticeRepo, ours: str, theirs: str) -> tuple[int, int]:
    """(edits here the server lacks, edits there not here), in one process."""
    left, _, right = _run(repo.path, "rev-list", "--left-right", "--count", f"{ours}...{theirs}").out.partition("\t")
    return int(left or 0), int(right or 0)


def _count(repo: NoticeRepo, spec: str) -> int:
    return int(_run(repo.path, "rev-list", "--count", spec).out.strip() or 0)


def remote_info(
    repo: NoticeRepo, name: str = DEFAULT_REMOTE, *, fetch: bool = False, interactive: bool = False
) -> RemoteInfo:
    """The server and how the draft stands against it: as of the last sync, or (with `fetch`)
    after asking the server what it has now (nothing is merged or sent)."""
    url = _remote_url(repo, name)
    problem = ""
    if fetch:
        try:
            with repo._writing():
                _fetch(repo, _Server(repo, name, url), interactive, _ASKING)
                _record_contact(repo, name)
        except RemoteError as exc:
            problem = str(exc)
    branch = _branch(repo)
    theirs = _rev(repo, f"refs/remotes/{name}/{branch}")
    head = repo.head()
    ahead, behind = _ahead_behind(repo, head, theirs) if theirs else (_count(repo, head), 0)
    last = _rev(repo, f"refs/notice-sync/{name}/{branch}") or ""
    pending = pending_merge(repo)
    return RemoteInfo(
        name,
        public_url(url),
        branch,
        ahead,
        behind,
        last,
        len(pending.open_conflicts) if pending else 0,
        contacted=contacts(repo).get(name, ""),
        fetched=fetch and not problem,
        fetch_problem=problem,
        versions_not_here=missing_versions(repo, name),
        versions_not_sent=unsent_versions(repo, name) if last else (),
    )


def _record_contact(repo: NoticeRepo, name: str, *, forget: bool = False) -> None:
    """Remember when the server last answered (what 'as of the last sync' means in status)."""
    known = contacts(repo)
    known.pop(name, None)
    if not forget:
        known[name] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    _write_atomic(repo.path / ".git" / CONTACT_FILE, json.dumps(known, sort_keys=True), durable=False)


# ----- clone ------------------------------------------------------------------------------------
def clone(url: str, folder: str | os.PathLike[str], *, interactive: bool = False) -> Path:
    """Copy a notice from a server into a new folder, ready to open."""
    target = Path(folder).expanduser().absolute()
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise RemoteError(f"{target} is not empty; choose a new or empty folder for the notice.")
    url = server_address(url)
    created = not target.exists()
    out = _run(
        None,
        *_NETWORK_OPTIONS,
        "clone",
        "-q",
        "--origin",
        DEFAULT_REMOTE,
        url,
        str(target),
        interactive=interactive,
        check=False,
    )

    def discard() -> None:
        if created:
            shutil.rmtree(target, ignore_errors=True)
        elif target.exists():
            for child in target.iterdir():
                shutil.rmtree(child) if child.is_dir() else child.unlink()

    if out.status != 0:
        discard()
        raise _network_error(url, out.err, _CLONING)
    if not (target / NOTICE_FILE).is_file():
        _check_out_the_notice(target)
    if "empty repository" in out.err.lower() or not (target / NOTICE_FILE).is_file():
        empty = "empty repository" in out.err.lower()
        discard()
        if empty:
            raise NotANoticeRemoteError(
                f"The repository at {public_url(url)} is empty; connect an existing notice to it with "
                "'notice-studio remote add' and sync."
            )
        raise NotANoticeRemoteError(
            f"The repository at {public_url(url)} is not a notice (it has no {NOTICE_FILE}); choose the repository that holds the notice."
        )
    with NoticeRepo.open(target, write=True) as repo:
        _fetch(repo, _Server(repo, DEFAULT_REMOTE, url), interactive)
        _adopt_reviews(repo, DEFAULT_REMOTE)
        branch = _branch(repo)
        head = repo.head()
        _run(repo.path, "update-ref", f"refs/notice-sync/{DEFAULT_REMOTE}/{branch}", head)
        _record_contact(repo, DEFAULT_REMOTE)
    return target


def _check_out_the_notice(target: Path) -> None:
    """Check out the server's branch that holds the notice when the one its HEAD names does not
    (a bare repository made by plain `git init --bare` names 'master', which may not exist, while
    a notice is sent as 'main'): 'main' if it holds a notice, else the only branch that does."""
    listed = _run(target, "for-each-ref", "--format=%(refname:strip=3)", f"refs/remotes/{DEFAULT_REMOTE}/").out
    branches = [b for b in listed.split() if b != "HEAD"]
    holding = [
        b
        for b in branches
        if _run(target, "cat-file", "-e", f"refs/remotes/{DEFAULT_REMOTE}/{b}:{NOTICE_FILE}", check=False).status == 0
    ]
    chosen = "main" if "main" in holding else holding[0] if len(holding) == 1 else None
    if chosen is None:
        return
    before = _run(target, "symbolic-ref", "-q", "--short", "HEAD", check=False).out.strip()
    if _run(target, "checkout", "-q", "-B", chosen, "--track", f"{DEFAULT_REMOTE}/{chosen}", check=False).status:
        return
    if before and before != chosen and _rev_in(target, f"refs/heads/{before}"):
        _run(target, "branch", "-q", "-D", before)  # the clone's copy of the server's other branch


def _rev_in(folder: Path, ref: str) -> bool:
    return _run(folder, "rev-parse", "--verify", "-q", ref, check=False).status == 0


# ----- sync -------------------------------------------------------------------------------------
def _fetch(repo: NoticeRepo, server: _Server, interactive: bool, doing: _Doing = _SYNCING) -> None:
    name = server.name
    out = _run(
        repo.path,
        *_NETWORK_OPTIONS,
        "fetch",
        "-q",
        "--no-tags",
        "--prune",
        name,
        f"+refs/heads/*:refs/remotes/{name}/*",
        f"+refs/tags/*:refs/notice-remote/{name}/tags/*",
        f"+{REVIEWS}*:refs/notice-remote/{name}/reviews/*",
        interactive=interactive,
        check=False,
    )
    if out.status != 0:
        raise _network_error(server.url, out.err, doing)


def _refs(repo: NoticeRepo, prefix: str) -> dict[str, str]:
    out = _run(repo.path, "for-each-ref", "--format=%(objectname) %(refname)", prefix).out
    result = {}
    for line in out.splitlines():
        sha, _, ref = line.partition(" ")
        result[ref[len(prefix) :]] = sha
    return result


def _compare_tags(
    repo: NoticeRepo, name: str, refs: dict[str, str]
) -> tuple[dict[str, str], list[str], tuple[str, ...]]:
    """(versions to receive: name -> tag object, versions to send, versions published differently
    here and on the server). A diverged version is neither received nor sent: tags never move."""
    prefix = f"notice-remote/{name}/tags/"
    theirs = {r[len(prefix) :]: sha for r, sha in refs.items() if r.startswith(prefix) and is_version(r[len(prefix) :])}
    ours = {r[5:]: sha for r, sha in refs.items() if r.startswith("tags/") and is_version(r[5:])}
    diverged = tuple(sorted((t for t in theirs if t in ours and ours[t] != theirs[t]), key=lambda t: int(t[1:])))
    receive = {t: sha for t, sha in theirs.items() if t not in ours}
    send = sorted((t for t in ours if t not in theirs), key=lambda t: int(t[1:]))
    return receive, send, diverged


def _compare_withdrawals(
    name: str, refs: dict[str, str], diverged: tuple[str, ...]
) -> tuple[dict[str, str], list[str]]:
    """(withdrawal records to receive: tag -> tag object, withdrawal records to send). A
    withdrawal only ever adds a record, so both sides end with every withdrawal either made; one
    of a version published differently on each side stays where it is, as that version does."""
    prefix = f"notice-remote/{name}/tags/"

    def wanted(tag: str) -> bool:
        return is_withdrawal(tag) and tag.rsplit("/", 1)[1] not in diverged

    theirs = {r[len(prefix) :]: sha for r, sha in refs.items() if r.startswith(prefix) and wanted(r[len(prefix) :])}
    ours = {r[5:] for r in refs if r.startswith("tags/") and wanted(r[5:])}
    receive = {t: sha for t, sha in theirs.items() if t not in ours}
    send = sorted((t for t in ours if t not in theirs), key=lambda t: int(t.rsplit("v", 1)[1]))
    return receive, send


def _withdrawn_names(tags: Iterable[str]) -> tuple[str, ...]:
    return tuple(sorted((t.rsplit("/", 1)[1] for t in tags), key=lambda v: int(v[1:])))


def _commit_dirty(repo: NoticeRepo, author: Author | None) -> None:
    """Save what is in the folder but not committed, so a sync never overwrites it."""
    status = _run(
        repo.path, "status", "--porcelain", "-z", "--untracked-files=all", "--", NOTICE_FILE, *MANAGED_DIRS
    ).out
    if not status.strip("\0"):
        return
    dirs = [d for d in MANAGED_DIRS if (repo.path / d).exists()]
    _run(repo.path, "add", "-A", "--", NOTICE_FILE, *dirs)
    _run(
        repo.path,
        "commit",
        "-q",
        "--no-verify",
        "-m",
        "Kept edits made before syncing",
        env=_author_env(author or resolve_author()),
    )
    repo._committed = {}


def sync(
    repo: NoticeRepo,
    name: str = DEFAULT_REMOTE,
    *,
    author: Author | None = None,
    resolutions: Mapping[str, Resolution] | None = None,
    interactive: bool = False,
) -> SyncResult:
    """Fetch, integrate clause by clause, push: the draft, published versions and review records.

    Open conflicts stop the sync before anything is merged or sent; call again with
    `resolutions` (conflict key -> choice). Raises a RemoteError subclass with one sentence.
    """
    server = _Server(repo, name)
    with repo._writing():
        repo.require_on_draft("The notice was not synced")  # never send work made apart from the draft as the draft
        finish_interrupted_sync(repo)
        cleared = " ".join(clear_written_passwords(repo, {name: servers(repo).get(name, {})}))
        _commit_dirty(repo, author)
        try:
            result = _sync_twice(repo, server, author, resolutions or {}, interactive)
        except RemoteError as exc:
            if cleared:  # say why the password is no longer there, the likely reason the server refused
                raise type(exc)(f"{exc} {cleared}") from None
            raise
        return replace(result, address_cleared=cleared) if cleared else result


def _sync_twice(
    repo: NoticeRepo, server: _Server, author: Author | None, resolutions: Mapping[str, Resolution], interactive: bool
) -> SyncResult:
    """One sync, tried once more when someone else's push came first."""
    for attempt in range(2):
        try:
            return _sync_once(repo, server, author, resolutions, interactive)
        except _PushRejected:
            if attempt == 1:
                raise RemoteError("Someone sent edits to the server while you were syncing; sync again.") from None
    raise AssertionError("unreachable")


class _PushRejected(Exception):
    pass


def _sync_once(
    repo: NoticeRepo,
    server: _Server,
    author: Author | None,
    resolutions: Mapping[str, Resolution],
    interactive: bool,
) -> SyncResult:
    name = server.name
    branch = _branch(repo)
    _at("before-fetch")
    _fetch(repo, server, interactive)
    _record_contact(repo, name)
    _at("fetched")
    refs = _refs(repo, "refs/")
    theirs = refs.get(f"remotes/{name}/{branch}")
    last = refs.get(f"notice-sync/{name}/{branch}")
    if theirs is None and any(r.startswith(f"remotes/{name}/") for r in refs):
        raise NotANoticeRemoteError(
            f"The repository at {server.where} has no '{branch}' draft, so it is not this notice; choose the repository that holds it."
        )
    if theirs is not None and theirs != last:
        if _run(repo.path, "cat-file", "-e", f"{theirs}:{NOTICE_FILE}", check=False).status != 0:
            raise NotANoticeRemoteError(
                f"The repository at {server.where} is not a notice (it has no {NOTICE_FILE}); choose the repository that holds it."
            )
        if last is not None and not _is_ancestor(repo, last, theirs):
            _history_rewritten(last)
    elif theirs is None and last is not None:
        _history_rewritten(last)
    receive_tags, send_tags, diverged = _compare_tags(repo, name, refs)
    receive_withdrawals, send_withdrawals = _compare_withdrawals(name, refs, diverged)
    receive_tags.update(receive_withdrawals)
    send_tags += send_withdrawals

    ours = repo.head()
    ahead = received = merged = 0
    draft_changed = False
    if theirs is not None and theirs != ours and theirs != last:
        ahead, received = _ahead_behind(repo, ours, theirs)
    if received:
        assert theirs is not None
        if not ahead:
            _move_draft(repo, theirs)
        else:
            base = _run(repo.path, "merge-base", ours, theirs, check=False).out.strip()
            if not base:
                raise NotANoticeRemoteError(
                    f"The repository at {server.where} holds a different notice (its history shares nothing with this one); "
                    "connect this notice to an empty repository, or clone that one instead."
                )
            outcome = _integrate(repo, base, ours, theirs, resolutions, author, name)
            if isinstance(outcome, MergeResult):
                _write_pending(repo, name, theirs)
                return SyncResult(received=received, conflicts=outcome.open_conflicts, diverged_versions=diverged)
            _at("merge-written")
            _move_draft(repo, outcome)
            merged = 1
        draft_changed = True
    (repo.path / ".git" / _PENDING).unlink(missing_ok=True)

    updates = [f"create refs/tags/{tag} {sha}" for tag, sha in receive_tags.items()]
    review_send, reviews_received = _merge_reviews(repo, name, author, refs, updates)
    if updates:
        _run(repo.path, "update-ref", "--stdin", input="\n".join(updates) + "\n")

    head = repo.head()
    refspecs = []
    sent = 0
    if theirs != head:
        sent = _count(repo, f"{theirs}..{head}") if theirs else _count(repo, head)
        refspecs.append(f"{head}:refs/heads/{branch}")
    refspecs += [f"refs/tags/{t}:refs/tags/{t}" for t in send_tags]
    refspecs += [f"{REVIEWS}{rid}:{REVIEWS}{rid}" for rid in review_send]
    mirror = [f"update refs/notice-sync/{name}/{branch} {head}"]
    if refspecs:
        _at("before-push")
        _push(repo, server, refspecs, interactive)
        if theirs != head:
            _name_the_draft_on_a_folder_server(server.url, branch)
        # What the server now has, as a fetch would record it.
        mirror.append(f"update refs/remotes/{name}/{branch} {head}")
        mirror += [f"update refs/notice-remote/{name}/tags/{t} {refs['tags/' + t]}" for t in send_tags]
        mirror += [f"update refs/notice-remote/{name}/reviews/{rid} {sha}" for rid, sha in review_send.items()]
    _run(repo.path, "update-ref", "--stdin", input="\n".join(mirror) + "\n")
    return SyncResult(
        received=received,
        sent=max(sent - merged, 0),
        merged=bool(merged),
        versions_received=tuple(sorted((t for t in receive_tags if is_version(t)), key=lambda t: int(t[1:]))),
        versions_sent=tuple(t for t in send_tags if is_version(t)),
        withdrawals_received=_withdrawn_names(receive_withdrawals),
        withdrawals_sent=_withdrawn_names(send_withdrawals),
        reviews_changed=len(review_send) + reviews_received,
        draft_changed=draft_changed,
        diverged_versions=diverged,
    )


def _folder_server(url: str) -> Path | None:
    """The bare repository a folder or file:// address names (None for a network server)."""
    if url.startswith("file://"):
        return Path(url2pathname(urlsplit(url).path))
    if "://" in url or (SCP_LIKE.match(url) and not DRIVE.match(url)):
        return None
    return Path(url) if Path(url).is_absolute() else None  # 'remote add' makes a folder absolute


def _name_the_draft_on_a_folder_server(url: str, branch: str) -> None:
    """Point a bare repository's HEAD at the draft's branch when it names a branch that does not
    exist (plain `git init --bare` names 'master'), so that a plain `git clone` of it checks out
    the notice too. Only a folder server can be told; a HEAD naming an existing branch is never
    changed, and a server that cannot be changed (another owner, read-only) is left as it is."""
    folder = _folder_server(url)
    if folder is None:
        return
    try:
        head = (folder / "HEAD").read_text().strip()
    except OSError:
        return
    named = head.removeprefix("ref: ")
    if named == head or named == f"refs/heads/{branch}" or _rev_in(folder, named):
        return
    if _run(folder, "rev-parse", "--is-bare-repository", check=False).out.strip() != "true":
        return
    if _rev_in(folder, f"refs/heads/{branch}"):
        _run(folder, "symbolic-ref", "HEAD", f"refs/heads/{branch}", check=False)


def _history_rewritten(last: str) -> None:
    raise HistoryRewrittenError(
        f"The draft's history on the server was rewritten or deleted (the edit {last[:8]} synced before is gone); "
        "nothing was changed here or sent: ask whoever changed the server to restore its history, "
        "or connect this notice to a new empty repository."
    )


def _push(repo: NoticeRepo, server: _Server, refspecs: list[str], interactive: bool) -> None:
    out = _run(
        repo.path,
        *_NETWORK_OPTIONS,
        "push",
        "--porcelain",
        server.name,
        *refspecs,
        interactive=interactive,
        check=False,
    )
    if out.status == 0:
        # Remember what the server now has (the remote-tracking refs follow on the next fetch).
        return
    text = (out.out + out.err).lower()
    if "[rejected]" in text or "non-fast-forward" in text or "fetch first" in text or "stale info" in text:
        raise _PushRejected()
    if "not a git repository" in text:  # the server's folder went away while the edits were sent
        raise NotANoticeRemoteError(f"There is no repository at {server.where}; check the address and try again.")
    if "[remote rejected]" in text:
        raise RemoteError(_refused(server.where, out.out, out.err))
    raise _network_error(server.url, out.err)


def _refused(where: str, report: str, err: str) -> str:
    """The server's refusal, naming what it refused: the edits, or only versions (a hook that
    rejects tags); the latter are said so, so that no one takes them for sent."""
    refused, why = [], ""
    for line in report.splitlines():  # porcelain: "!<TAB>local:remote<TAB>[remote rejected] (reason)"
        parts = line.split("\t")
        if len(parts) >= 3 and parts[0] == "!":
            refused.append(parts[1].rpartition(":")[2])
            why = why or parts[2].replace("[remote rejected]", "").strip().strip("()")
    reason = _first_line(err) if err.strip() else why
    versions = [ref.removeprefix("refs/tags/") for ref in refused if ref.startswith("refs/tags/")]
    if refused and len(versions) == len(refused):
        return (
            f"The server at {where} refused the published {'version' if len(versions) == 1 else 'versions'} "
            f"{', '.join(versions)} ({reason or 'no reason given'}); the edits were sent, but "
            f"{'it is' if len(versions) == 1 else 'they are'} only here: ask its administrator to accept version tags."
        )
    return f"The server at {where} refused the edits ({reason or 'no reason given'}); ask its administrator."


# ----- writing the merge ------------------------------------------------------------------------
def _blob_id(data: bytes) -> str:
    return hashlib.sha1(b"blob %d\0" % len(data) + data, usedforsecurity=False).hexdigest()


def _tree(repo: NoticeRepo, commit: str) -> dict[str, tuple[str, str]]:
    out = _run(repo.path, "ls-tree", "-r", "-z", "--full-tree", commit).out
    entries = {}
    for entry in out.split("\0"):
        if entry:
            info, _, rel = entry.partition("\t")
            mode, _, sha = info.split()
            entries[rel] = (mode, sha)
    return entries


def _trees(repo: NoticeRepo, base: str, ours: str, theirs: str) -> list[dict[str, tuple[str, str]]]:
    """The file listings of the ancestor, ours and theirs in two processes: ours in full, and
    both sides' changes from the ancestor in one `git diff-tree --stdin` run."""
    t_ours = _tree(repo, ours)
    raw = _run(
        repo.path, "diff-tree", "-r", "-z", "--no-renames", "--stdin", input=f"{ours} {base}\n{theirs} {base}\n"
    ).out
    changes: dict[str, dict[str, tuple[str, str, str, str]]] = {ours: {}, theirs: {}}
    current: dict[str, tuple[str, str, str, str]] = {}
    fields = raw.split("\0")
    i = 0
    while i < len(fields):
        token = fields[i]
        if token.startswith(":"):
            old_mode, new_mode, old_sha, new_sha, _status = token[1:].split()
            current[fields[i + 1]] = (old_mode, old_sha, new_mode, new_sha)
            i += 2
            continue
        if token.strip():
            current = changes.setdefault(token.strip(), {})
        i += 1
    t_base = dict(t_ours)
    for rel, (old_mode, old_sha, _new_mode, _new_sha) in changes[ours].items():
        if old_mode == "000000":
            t_base.pop(rel, None)  # added on our side
        else:
            t_base[rel] = (old_mode, old_sha)
    t_theirs = dict(t_base)
    for rel, (_old_mode, _old_sha, new_mode, new_sha) in changes[theirs].items():
        if new_mode == "000000":
            t_theirs.pop(rel, None)
        else:
            t_theirs[rel] = (new_mode, new_sha)
    return [t_base, t_ours, t_theirs]


def _managed(rel: str) -> bool:
    return rel == NOTICE_FILE or rel.split("/", 1)[0] in MANAGED_DIRS


def _blob_texts(repo: NoticeRepo, shas: set[str], on_disk: Mapping[str, str] | None = None) -> dict[str, str]:
    """Many blobs: from the store's memory of what it last committed or from the folder, where
    that is the blob (`on_disk`: sha -> path), the rest in one `git cat-file --batch` run
    (reading loose objects one by one is slow)."""
    texts: dict[str, str] = {}
    for sha, rel in (on_disk or {}).items():
        if sha not in shas:
            continue
        known = repo._committed.get(rel)  # the text the store last committed, when it has it
        if known is not None and _blob_id(known.encode("utf-8")) == sha:
            texts[sha] = known
            continue
        try:
            data = (repo.path / rel).read_bytes()
        except OSError:
            continue
        if _blob_id(data) == sha:
            texts[sha] = data.decode("utf-8", "replace")
    order = sorted(shas - set(texts))
    if not order:
        return texts
    proc = subprocess.run(
        ["git", "-C", str(repo.path), "cat-file", "--batch"],
        input=("\n".join(order) + "\n").encode(),
        capture_output=True,
        check=True,
    )
    data, at = proc.stdout, 0
    for sha in order:
        header_end = data.index(b"\n", at)
        size = int(data[at:header_end].split()[2])
        texts[sha] = data[header_end + 1 : header_end + 1 + size].decode("utf-8", "replace")
        at = header_end + 1 + size + 1
    return texts


def _notices(repo: NoticeRepo, commits: list[str], trees: list[dict[str, tuple[str, str]]]) -> list[Notice]:
    """The notices of several commits from their listings, reading each distinct file once
    (the draft's files from the folder)."""
    head = repo.head()
    ours = next((t for t, c in zip(trees, commits, strict=True) if c == head), {})
    texts = _blob_texts(
        repo,
        {sha for tree in trees for rel, (_, sha) in tree.items() if _managed(rel)},
        {sha: rel for rel, (_, sha) in ours.items() if _managed(rel)},
    )
    result = []
    for tree in trees:
        files = {rel: texts[sha] for rel, (_, sha) in tree.items() if _managed(rel)}
        names = [p[len(TABLES_DIR) + 1 : -4] for p in files if p.startswith(TABLES_DIR + "/") and p.endswith(".csv")]
        try:
            result.append(read_notice(files.get, names))
        except FormatError as exc:
            raise RemoteError(
                f"A version of the notice being merged cannot be read: {exc}; fix it and sync again."
            ) from None
    return result


def _merge_result(
    repo: NoticeRepo, base: str, ours: str, theirs: str, resolutions: Mapping[str, Resolution]
) -> tuple[MergeResult | None, list[dict[str, tuple[str, str]]]]:
    """The clause-level merge, or None when no file was changed on both sides (files then merge as they are)."""
    trees = _trees(repo, base, ours, theirs)
    tb, to, tt = trees
    both = [
        rel
        for rel in set(to) | set(tt)
        if _managed(rel) and to.get(rel) != tt.get(rel) and to.get(rel) != tb.get(rel) and tt.get(rel) != tb.get(rel)
    ]
    if not both:
        return None, trees
    b, o, t = _notices(repo, [base, ours, theirs], trees)
    return merge_notices(b, o, t, resolutions), trees


def _integrate(
    repo: NoticeRepo,
    base: str,
    ours: str,
    theirs: str,
    resolutions: Mapping[str, Resolution],
    author: Author | None,
    name: str,
) -> str | MergeResult:
    """Write the merge commit (parents: yours, theirs); the open conflicts instead if there are any."""
    result, (t_base, t_ours, t_theirs) = _merge_result(repo, base, ours, theirs, resolutions)
    if result is not None and result.open_conflicts:
        return result
    changes: list[str] = []  # git fast-import file commands
    if result is not None:
        files = notice_files(result.notice)
        for rel, text in files.items():
            data = text.encode("utf-8")
            if t_ours.get(rel, ("", ""))[1] != _blob_id(data):
                changes.append(f"M 100644 inline {_import_path(rel)}\ndata {len(data)}\n{text}")
        changes += [f"D {_import_path(rel)}" for rel in t_ours if _managed(rel) and rel not in files]
    # Files changed on one side only, as they are (all of them when no file changed on both sides;
    # otherwise those outside the notice's own files: git settings, CI workflows).
    for rel in sorted(set(t_ours) | set(t_theirs)):
        if result is not None and _managed(rel):
            continue
        b, o, t = t_base.get(rel), t_ours.get(rel), t_theirs.get(rel)
        if o == b and t != b:
            changes.append(f"M {t[0]} {t[1]} {_import_path(rel)}" if t else f"D {_import_path(rel)}")
    names = sorted(set(_run(repo.path, "log", "--format=%an", f"{ours}..{theirs}").out.split("\n")) - {""})
    by = f" by {', '.join(names)}" if names else ""
    message = f"Merged edits{by} from the server\n\nServer '{name}', its draft {theirs[:12]}.\n"
    return _write_merge(repo, ours, theirs, changes, message, author or resolve_author())


def _import_path(rel: str) -> str:
    """A path as git fast-import reads it (C-style quoted when it would be misread)."""
    if not rel.startswith('"') and "\n" not in rel:
        return rel
    return '"' + rel.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _ident(who: Author) -> str:
    """'Name <email> seconds +hhmm' for git fast-import (the characters git would refuse removed)."""

    def clean(text: str) -> str:
        return " ".join(text.replace("<", "").replace(">", "").split())

    offset = time.localtime().tm_gmtoff // 60
    sign = "+" if offset >= 0 else "-"
    zone = f"{sign}{abs(offset) // 60:02d}{abs(offset) % 60:02d}"
    return f"{clean(who.name) or 'Unknown author'} <{clean(who.email)}> {int(time.time())} {zone}"


def _write_merge(repo: NoticeRepo, ours: str, theirs: str, changes: list[str], message: str, who: Author) -> str:
    """The merge commit (parents: ours, theirs; ours' files with `changes`), written by one
    `git fast-import` run: new files, trees and the commit in a single process."""
    ident = _ident(who)
    stream = "\n".join(
        [
            "commit refs/notice-merge/last",  # fast-import writes a ref; outside the per-server names
            "mark :1",
            f"author {ident}",
            f"committer {ident}",
            f"data {len(message.encode('utf-8'))}",
            message,
            f"from {ours}",
            f"merge {theirs}",
            *changes,
            "",
            "get-mark :1",
            "done",
            "",
        ]
    )
    out = _run(repo.path, "fast-import", "--quiet", "--force", "--done", input=stream).out.split()
    if len(out) != 1 or not re.fullmatch(r"[0-9a-f]{40}", out[0]):
        raise RemoteError("The merged notice could not be stored; try syncing again.")
    return out[0]


def _move_draft(repo: NoticeRepo, target: str) -> None:
    """Point the draft at `target` and make the folder match it, surviving a crash at any point."""
    old = repo.head()
    marker = repo.path / ".git" / SYNC_MARKER
    _write_atomic(marker, json.dumps({"old": old, "target": target}))
    _at("marked")
    _run(repo.path, "update-ref", "-m", "notice-studio: sync", "HEAD", target, old)
    _at("moved")
    _run(repo.path, "reset", "-q", "--hard", "HEAD")
    marker.unlink(missing_ok=True)
    repo._committed = {}


def finish_interrupted_sync(repo: NoticeRepo) -> bool:
    """After a crash mid-sync: make the folder match the draft's commit. True when repaired.

    Called by `NoticeRepo.open(write=True)` before the notice is read. The draft ref moves in
    one atomic step, so the folder is either the old draft, the new one, or a mix of two
    committed states; resetting it to the ref loses nothing (sync commits edits first).
    """
    marker = repo.path / ".git" / SYNC_MARKER
    if not marker.exists():
        return False
    (repo.path / ".git" / "index.lock").unlink(missing_ok=True)
    _run(repo.path, "reset", "-q", "--hard", "HEAD")
    marker.unlink(missing_ok=True)
    repo._committed = {}
    repo.recovery.messages.append("A sync interrupted by a crash was finished; the draft is as it was last saved.")
    return True


# ----- pending conflicts ------------------------------------------------------------------------
def _write_pending(repo: NoticeRepo, name: str, theirs: str) -> None:
    _run(repo.path, "update-ref", "refs/notice-sync/pending", theirs)
    _write_atomic(repo.path / ".git" / _PENDING, json.dumps({"remote": name, "theirs": theirs}))


def _pending(repo: NoticeRepo) -> tuple[str, str, str] | None:
    """(base, theirs, server name) of the merge a sync stopped at, if it still applies."""
    try:
        record = json.loads((repo.path / ".git" / _PENDING).read_text())
    except (OSError, ValueError):
        return None
    theirs = str(record.get("theirs", ""))
    ours = repo.head()
    if not _rev(repo, theirs) or _is_ancestor(repo, theirs, ours):
        return None
    base = _run(repo.path, "merge-base", ours, theirs, check=False).out.strip()
    return (base, theirs, str(record.get("remote", DEFAULT_REMOTE))) if base else None


def pending_merge(repo: NoticeRepo, resolutions: Mapping[str, Resolution] | None = None) -> MergeResult | None:
    """The merge a sync stopped at (conflicts to decide), recomputed from history; no network."""
    pending = _pending(repo)
    if pending is None:
        return None
    commits = [pending[0], repo.head(), pending[1]]
    b, o, t = _notices(repo, commits, _trees(repo, *commits))
    return merge_notices(b, o, t, resolutions)


def complete_merge(repo: NoticeRepo, resolutions: Mapping[str, Resolution], author: Author | None = None) -> str | None:
    """Decide the pending conflicts and save the merge here (the next sync sends it); no network.

    Returns the merge commit, or None when there was nothing pending. Raises when a conflict is
    still undecided.
    """
    with repo._writing():
        repo.require_on_draft("The merge was not saved")
        finish_interrupted_sync(repo)
        _commit_dirty(repo, author)
        pending = _pending(repo)
        if pending is None:
            (repo.path / ".git" / _PENDING).unlink(missing_ok=True)
            return None
        base, theirs, name = pending
        outcome = _integrate(repo, base, repo.head(), theirs, resolutions, author, name)
        if isinstance(outcome, MergeResult):
            n = len(outcome.open_conflicts)
            raise RemoteError(
                f"{n} conflict{'s are' if n != 1 else ' is'} still undecided; choose yours or theirs for each."
            )
        _move_draft(repo, outcome)
        (repo.path / ".git" / _PENDING).unlink(missing_ok=True)
        return outcome


# ----- review records ---------------------------------------------------------------------------
def reviews(repo: NoticeRepo) -> list[review_model.Review]:
    """Every review recorded here (including those received at the last sync), oldest first."""
    out = _run(
        repo.path,
        "log",
        "--reverse",
        "--format=%x1e%S%x1f%an%x1f%ae%x1f%aI%x1f%B",
        f"--glob={REVIEWS}*",
        "--source",
        check=False,
    ).out
    events: dict[str, list[review_model.ReviewEvent]] = {}
    for record in out.split("\x1e")[1:]:
        source, author, email, when, message = (record.split("\x1f") + [""] * 5)[:5]
        event = review_model.parse_event(message, author, email, when)
        if event is not None:
            events.setdefault(source.removeprefix(REVIEWS), []).append(event)
    result = [r for rid, evs in events.items() if (r := review_model.build_review(rid, evs)) is not None]
    return sorted(result, key=lambda r: r.request.when)


def find_review(repo: NoticeRepo, review_id: str) -> review_model.Review:
    matches = [r for r in reviews(repo) if r.id.startswith(review_id.strip())] if review_id.strip() else []
    if len(matches) != 1:
        what = "No review" if not matches else "More than one review"
        raise RemoteError(f"{what} matches '{review_id}'; 'notice-studio review list' shows the reviews.")
    return matches[0]


def _record_event(repo: NoticeRepo, ref: str | None, message: str, author: Author | None) -> str:
    env = _author_env(author or resolve_author())
    with repo._writing():
        _run(repo.path, "hash-object", "-t", "tree", "-w", "--stdin", input="")
        old = _rev(repo, ref) if ref else None
        parents = ["-p", old] if old else []
        commit = _run(repo.path, "commit-tree", _EMPTY_TREE, *parents, "-F", "-", input=message, env=env).out.strip()
        review_id = ref.removeprefix(REVIEWS) if ref else commit[:10]
        _run(repo.path, "update-ref", f"{REVIEWS}{review_id}", commit, old or _ZERO)
    return review_id


def request_review(repo: NoticeRepo, note: str = "", author: Author | None = None) -> str:
    """Ask for a review of the draft as it is now; returns the review's id (sent at the next sync)."""
    versions = standing(repo.versions())  # the version the draft follows: never a withdrawn one
    message = review_model.event_message(
        review_model.REQUEST, repo.head(), note.strip(), version=versions[-1].name if versions else ""
    )
    return _record_event(repo, None, message, author)


def add_review_event(
    repo: NoticeRepo, review_id: str, kind: str, text: str = "", clause_id: str = "", author: Author | None = None
) -> review_model.Review:
    """Comment on a clause, approve, or ask for changes (approval records the draft now)."""
    review = find_review(repo, review_id)
    if clause_id and not repo.load().has(clause_id):
        raise RemoteError(f"There is no clause with the id '{clause_id}' in this notice.")
    if kind == review_model.APPROVE:
        _second_person(repo, review, author or resolve_author())
    if kind == review_model.APPROVE and review.draft and not _same_content(repo, review.draft, repo.head()):
        text = text or "Approved the draft as it is now (it changed after the review was asked for)."
    message = review_model.event_message(kind, repo.head(), text.strip(), clause_id)
    _record_event(repo, f"{REVIEWS}{review.id}", message, author)
    return find_review(repo, review.id)


def _second_person(repo: NoticeRepo, review: review_model.Review, approver: Author) -> None:
    """An approval is a second person's check: not the one who asked for the review, and not of
    edits the approver saved since it was asked for (the draft an approval records is the draft now)."""

    def same(name: str, email: str) -> bool:
        return (email.casefold() == approver.email.casefold()) if email and approver.email else name == approver.name

    if same(review.request.author, review.request.email):
        raise RemoteError(
            "You asked for this review, so your approval would not be a second person's check; "
            "ask a colleague to approve it."
        )
    if not review.draft:
        return
    log = _run(repo.path, "log", "--format=%an%x1f%ae", f"{review.draft}..HEAD", check=False).out
    own = sum(1 for line in log.splitlines() if line and same(*line.split("\x1f", 1)))
    if own:
        saved = (
            f"The draft has {plural(own, 'edit')} of yours saved since this review was asked for, and an approval "
            "covers the draft as it is now; ask for a new review"
        )
        raise RemoteError(
            f"{saved} (notice-studio review request) for a colleague to approve.",
            in_app=f"{saved} (Ask for review, in the Reviews panel) for a colleague to approve.",
        )


def _same_content(repo: NoticeRepo, a: str, b: str) -> bool:
    trees = _run(repo.path, "rev-parse", f"{a}^{{tree}}", f"{b}^{{tree}}", check=False).out.split()
    return len(trees) == 2 and trees[0] == trees[1]


def _adopt_reviews(repo: NoticeRepo, name: str) -> None:
    for rid, sha in _refs(repo, f"refs/notice-remote/{name}/reviews/").items():
        if not _rev(repo, f"{REVIEWS}{rid}"):
            _run(repo.path, "update-ref", f"{REVIEWS}{rid}", sha, _ZERO)


def _merge_reviews(
    repo: NoticeRepo, name: str, author: Author | None, refs: dict[str, str], updates: list[str]
) -> tuple[dict[str, str], int]:
    """Bring review records up to date both ways (ref changes appended to `updates`);
    returns the reviews to send (id -> commit) and how many came in."""
    mirror = f"notice-remote/{name}/reviews/"
    local = REVIEWS[5:]
    theirs = {r[len(mirror) :]: sha for r, sha in refs.items() if r.startswith(mirror)}
    ours = {r[len(local) :]: sha for r, sha in refs.items() if r.startswith(local)}
    send: dict[str, str] = {}
    received = 0
    for rid in sorted(set(theirs) | set(ours)):
        t, o = theirs.get(rid), ours.get(rid)
        if o == t:
            continue
        if o is None:
            updates.append(f"create {REVIEWS}{rid} {t}")
            received += 1
        elif t is None or _is_ancestor(repo, t, o):
            send[rid] = o
        elif _is_ancestor(repo, o, t):
            updates.append(f"update {REVIEWS}{rid} {t} {o}")
            received += 1
        else:  # both added to the review: keep both chains
            env = _author_env(author or resolve_author())
            commit = _run(
                repo.path, "commit-tree", _EMPTY_TREE, "-p", o, "-p", t, "-m", "Merged review records", env=env
            ).out.strip()
            updates.append(f"update {REVIEWS}{rid} {commit} {o}")
            send[rid] = commit
            received += 1
    return send, received


def _is_current(repo: NoticeRepo) -> Callable[[str], bool]:
    head_tree = _run(repo.path, "rev-parse", "HEAD^{tree}").out.strip()

    def check(commit: str) -> bool:
        out = _run(repo.path, "rev-parse", "-q", "--verify", f"{commit}^{{tree}}", check=False).out.strip()
        return out == head_tree

    return check


def publish_approval_problem(repo: NoticeRepo) -> str | None:
    """For the publishing gate: why publishing must wait for an approval (one sentence), or None."""
    return review_model.approval_problem(repo.load(), reviews(repo), _is_current(repo))


def draft_approver(repo: NoticeRepo) -> str | None:
    """'Name <email>' of whoever approved the draft as it is now, for the version's approved-by."""
    approval = review_model.current_approval(reviews(repo), _is_current(repo))
    return approval.who if approval else None


# ----- signatures -------------------------------------------------------------------------------
def signing_configured(repo: NoticeRepo) -> bool:
    """Whether git signs tags here (tag.gpgSign with a key): publish tags are then signed."""
    out = _run(repo.path, "config", "--type=bool", "--get", "tag.gpgSign", check=False).out.strip()
    return out == "true"


@dataclass(frozen=True)
class Signature:
    version: str
    state: str
    """'verified', 'not verified' or 'unsigned'."""
    signer: str = ""

    @property
    def words(self) -> str:
        """How history names it: 'signed, verified (jane@example.org)', 'signed, NOT verified', '' if unsigned."""
        if self.state == "verified":
            return "signed, verified" + (f" ({self.signer})" if self.signer else "")
        return "signed, NOT verified" if self.state == "not verified" else ""


def version_signatures(repo: NoticeRepo, known: dict[str, Signature] | None = None) -> dict[str, Signature]:
    """For each published version: whether its tag is signed and the signature verifies.

    `known` (tag object id -> Signature) remembers answers: a tag whose object is in it is not
    verified again (git verify-tag costs some 10 ms each); new answers are added to it."""
    form = "--format=%(refname:short)%1f%(objectname)%1f%(contents:signature)%1e"
    listing = _run(repo.path, "for-each-ref", "refs/tags/v*", form, check=False)
    out = listing.out
    if listing.status != 0:  # a damaged tag fails the whole listing (the history names it): read them one by one
        names = _run(repo.path, "for-each-ref", "refs/tags/v*", "--format=%(refname)").out.split()
        out = "".join(_run(repo.path, "for-each-ref", name, form, check=False).out for name in names)
    result: dict[str, Signature] = {}
    for record in out.split("\x1e"):
        tag, _, rest = record.strip("\n").partition("\x1f")
        obj, _, signature = rest.partition("\x1f")
        if not is_version(tag):
            continue
        if known is not None and obj in known and known[obj].version == tag:
            result[tag] = known[obj]
            continue
        result[tag] = _signature(repo, tag, bool(signature.strip()))
        if known is not None:
            known[obj] = result[tag]
    return result


def _signature(repo: NoticeRepo, tag: str, signed: bool) -> Signature:
    if not signed:
        return Signature(tag, "unsigned")
    check = _run(repo.path, "verify-tag", "--raw", tag, check=False)
    signer = ""
    match = re.search(r'Good "git" signature (?:for|with) (\S+)', check.err) or re.search(
        r"GOODSIG \S+ (.+)", check.err
    )
    if match:
        signer = match.group(1).strip()
    return Signature(tag, "verified" if check.status == 0 else "not verified", signer)


# ----- CI recipe --------------------------------------------------------------------------------
def add_ci_recipe(repo: NoticeRepo, kind: str, package: str = "notice-studio", author: Author | None = None) -> str:
    """Write and commit the workflow that publishes the website when a version is pushed."""
    rel, text = recipe(kind, package)
    with repo._writing():
        _write_atomic(repo.path / rel, text)
        repo._commit(f"Added the {kind.capitalize()} workflow that publishes the website", [rel], [rel], author)
    return rel


__all__ = [
    "AuthenticationError",
    "HistoryRewrittenError",
    "NotANoticeRemoteError",
    "RemoteError",
    "RemoteInfo",
    "Signature",
    "SyncResult",
    "UnreachableError",
    "add_ci_recipe",
    "add_remote",
    "add_review_event",
    "clone",
    "complete_merge",
    "draft_approver",
    "find_review",
    "finish_interrupted_sync",
    "pending_merge",
    "public_url",
    "publish_approval_problem",
    "remote_info",
    "remotes",
    "remove_remote",
    "request_review",
    "reviews",
    "server_address",
    "signing_configured",
    "sync",
    "version_signatures",
]

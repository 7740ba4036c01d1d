"""Team work on the open notice: servers, sync, reviews and status, as Workspace methods.

The command line and the app call these (never `store_remote` directly), so each rule — which
conflicts `--take` decides, that a comment needs words, what "as of" a status is — lives here
once. Network and git work runs in `core.notice.store_remote`; nothing here touches the window.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from notice_studio.core.notice.model import NoticeError
from notice_studio.core.wording import plural

if TYPE_CHECKING:
    from notice_studio.core.notice import store_remote
    from notice_studio.core.notice.model import Notice
    from notice_studio.core.notice.store import Author, NoticeRepo
    from notice_studio.core.notice.store_remote import RemoteInfo, Signature, SyncResult
    from notice_studio.core.remote.merge import Conflict, Resolution
    from notice_studio.core.remote.reviews import Review

DEFAULT_REMOTE = "origin"
COMMENT, APPROVE, CHANGES, OPEN = "comment", "approve", "changes", "open"
"""The review model's kinds and open state (core.remote.reviews), named here so opening a
notice does not import the merge machinery; a test checks they agree."""


class _WhenUsed:
    """The store's remote half, imported when a team action is first used (it brings the merge
    machinery, which opening a notice does not need)."""

    def __getattr__(self, name: str) -> object:
        from notice_studio.core.notice import store_remote

        return getattr(store_remote, name)


if not TYPE_CHECKING:
    store_remote = _WhenUsed()


@dataclass(frozen=True)
class TeamStatus:
    """How the notice stands with its team: servers, open reviews, approval, signatures."""

    remotes: tuple[RemoteInfo, ...]
    open_reviews: tuple[Review, ...]
    approved_by: str | None
    """'Name <email>' of whoever approved the draft as it is now."""
    publish_blocked_by: str | None
    """Why publishing must wait for an approval (one sentence), or None."""
    signatures: dict[str, str]
    """Version -> 'verified', 'not verified' or 'unsigned'."""


def standing(info: RemoteInfo) -> str:
    """'2 edits not yet sent, 1 received and not yet merged (as of the last sync, 2026-12-02 05:40 UTC)'."""
    text = f"{plural(info.ahead, 'edit')} not yet sent, {info.behind} on the server not yet here ({as_of(info)})"
    if info.pending_conflicts:
        text += f"; {plural(info.pending_conflicts, 'conflict')} to decide"
    if info.versions_not_sent:
        text += f"; published here and not yet on the server: {', '.join(info.versions_not_sent)}"
    if info.versions_not_here:
        text += f"; published on the server and not yet here: {', '.join(info.versions_not_here)} (sync receives them)"
    return text


def as_of(info: RemoteInfo) -> str:
    """When the figures were true: just now, or the last time the server answered."""
    if info.fetched:
        return "checked with the server just now"
    if info.fetch_problem:  # said on its own: the front end shows `fetch_problem` as the failure it is
        return f"as of the last sync, {_when(info.contacted)}" if info.contacted else "never synced"
    if not info.contacted:
        return "never synced"
    return f"as of the last sync, {_when(info.contacted)}; 'status --fetch' asks the server"


def _taking(conflicts: Sequence[Conflict], chosen: Mapping[str, Resolution], take: str | None) -> dict[str, Resolution]:
    """The choices made, with `take` ('yours' or 'theirs') deciding every conflict they leave open."""
    decided = dict(chosen)
    if take:
        from notice_studio.core.remote.merge import Resolution

        decided.update({c.key: Resolution(take) for c in conflicts if c.key not in decided})
    return decided


def _when(iso: str) -> str:
    try:
        moment = dt.datetime.fromisoformat(iso).astimezone(dt.UTC)
    except ValueError:
        return iso
    return moment.strftime("%Y-%m-%d %H:%M UTC")


class TeamWork:
    """The team actions of a Workspace (mixed into it; uses its store and author)."""

    repo: NoticeRepo
    author: Author
    _signatures_known: dict[str, Signature]

    if TYPE_CHECKING:

        def replace_notice(self, notice: Notice) -> None: ...

    # ----- servers ----------------------------------------------------------------------------
    def remotes(self) -> dict[str, str]:
        """Server name -> address (without passwords)."""
        return store_remote.remotes(self.repo)

    def add_remote(self, url: str, name: str = DEFAULT_REMOTE) -> str:
        """Connect a server (https, ssh, a folder or file URL); returns its address without passwords."""
        store_remote.add_remote(self.repo, url, name)
        return store_remote.public_url(url)

    def remove_remote(self, name: str = DEFAULT_REMOTE) -> None:
        """Disconnect a server; the notice and its history stay here."""
        store_remote.remove_remote(self.repo, name)

    def show_remotes(self, *, fetch: bool = False, interactive: bool = False) -> list[RemoteInfo]:
        """Each server and how the draft stands against it (asking the servers first when `fetch`)."""
        return [
            store_remote.remote_info(self.repo, name, fetch=fetch, interactive=interactive) for name in self.remotes()
        ]

    # ----- sync -------------------------------------------------------------------------------
    def sync(
        self,
        name: str = DEFAULT_REMOTE,
        *,
        resolutions: Mapping[str, Resolution] | None = None,
        take: str | None = None,
        interactive: bool = False,
        reload: bool = True,
    ) -> SyncResult:
        """Receive the team's edits, merge them clause by clause, send ours.

        Conflicts are decided by `resolutions` (key -> choice); `take` ('yours' or 'theirs')
        decides the rest (a server name not connected is one sentence saying how to connect one).
        With conflicts still open nothing is merged or sent. Saved edits only
        are sent (the command line has none pending; the app's autosave runs first). With
        `reload`, the draft is read again when edits arrived; the app passes False from its
        background lane and reloads on the window's thread.
        """
        chosen = dict(resolutions or {})
        if chosen:
            self._check_choices(chosen)
        try:
            result = store_remote.sync(self.repo, name, author=self.author, resolutions=chosen, interactive=interactive)
        except store_remote.UnreachableError as offline:
            if not (chosen or take) or not self.decide_conflicts(chosen, take=take, reload=reload):
                raise
            return store_remote.SyncResult(merged=True, draft_changed=True, not_sent=str(offline))
        if result.conflicts and take:
            chosen = _taking(result.conflicts, chosen, take)
            result = store_remote.sync(self.repo, name, author=self.author, resolutions=chosen, interactive=interactive)
        if reload and result.draft_changed:
            self.replace_notice(self.repo.load())
        return result

    def _check_choices(self, chosen: Mapping[str, Resolution]) -> None:
        """Refuse a choice for a conflict the last sync did not stop at (a mistyped key would
        otherwise be ignored and the conflict it meant left open or decided by `take`)."""
        keys = [c.key for c in self.pending_conflicts()]
        unknown = [key for key in chosen if key not in keys]
        if not unknown:
            return
        names = " or ".join(f"'{key}'" for key in unknown)
        there = (
            f"the conflicts are: {', '.join(keys)}"
            if keys
            else "no sync is waiting for a decision, so sync without choosing"
        )
        raise NoticeError(f"There is no conflict {names}; {there}.")

    def pending_conflicts(self) -> tuple[Conflict, ...]:
        """The conflicts the last sync stopped at, still to decide (worked out here, no server)."""
        pending = store_remote.pending_merge(self.repo)
        return pending.open_conflicts if pending else ()

    def decide_conflicts(
        self, resolutions: Mapping[str, Resolution], *, take: str | None = None, reload: bool = True
    ) -> bool:
        """Decide the conflicts the last sync stopped at and save the merge here, without the
        server (offline); the next sync sends it. `take` decides those `resolutions` leave open.

        False when no sync is waiting for decisions or a conflict is left undecided (nothing is
        changed then). `sync` falls back to this when the server cannot be reached.
        """
        chosen = _taking(self.pending_conflicts(), resolutions, take)
        pending = store_remote.pending_merge(self.repo, chosen)
        if pending is None or pending.open_conflicts:
            return False
        if store_remote.complete_merge(self.repo, chosen, self.author) is None:
            return False
        if reload:
            self.replace_notice(self.repo.load())
        return True

    # ----- reviews ----------------------------------------------------------------------------
    def reviews(self, *, include_closed: bool = False) -> list[Review]:
        """Open reviews (all of them with `include_closed`), oldest first."""
        found = store_remote.reviews(self.repo)
        return found if include_closed else [r for r in found if r.state == OPEN]

    def request_review(self, note: str = "") -> str:
        """Ask for a review of the draft as it is now; returns the review's id (shared at the next sync)."""
        return store_remote.request_review(self.repo, note, self.author)

    def review_event(self, review_id: str, kind: str, text: str = "", clause_id: str = "") -> Review:
        """Comment (on a clause), approve or ask for changes; comments and changes need words."""
        if kind in (COMMENT, CHANGES) and not text.strip():
            raise NoticeError(
                "Write the comment first; an empty comment is not recorded."
                if kind == COMMENT
                else "Say what should change first; an empty request for changes is not recorded."
            )
        return store_remote.add_review_event(self.repo, review_id, kind, text, clause_id, self.author)

    def comment(self, review_id: str, text: str, clause_id: str = "") -> Review:
        return self.review_event(review_id, COMMENT, text, clause_id)

    def approve(self, review_id: str, note: str = "") -> Review:
        """Approve the draft as it is now, recorded under the workspace's author (the identity set in
        Notice Studio, else the global git config: `identity.current_author`)."""
        return self.review_event(review_id, APPROVE, note)

    def ask_for_changes(self, review_id: str, text: str) -> Review:
        return self.review_event(review_id, CHANGES, text)

    def approval_problem(self) -> str | None:
        """Why publishing must wait for an approval (one sentence), or None."""
        return store_remote.publish_approval_problem(self.repo)

    # ----- signatures -------------------------------------------------------------------------
    def version_signatures(self) -> dict[str, Signature]:
        """Each published version's signature: verified (with the signer), not verified, or unsigned.

        Runs `git verify-tag` for each signed version, so the app calls it off the window's thread.
        Each tag is verified once while the workspace is open (the History panel reads this after
        every save); opening the notice again checks again, after a key is added to the keyring."""
        return store_remote.version_signatures(self.repo, self._signatures_known)

    # ----- status -----------------------------------------------------------------------------
    def status(self, *, fetch: bool = False, interactive: bool = False) -> TeamStatus:
        """Servers (as of the last sync, or asked just now with `fetch`), open reviews, approval, signatures."""
        return TeamStatus(
            remotes=tuple(self.show_remotes(fetch=fetch, interactive=interactive)),
            open_reviews=tuple(self.reviews()),
            approved_by=store_remote.draft_approver(self.repo),
            publish_blocked_by=self.approval_problem(),
            signatures={name: s.state for name, s in self.version_signatures().items()},
        )

    def add_ci_recipe(self, host: str, package: str = "notice-studio") -> str:
        """Write and save the CI workflow that publishes the website when a version is pushed."""
        return store_remote.add_ci_recipe(self.repo, host, package, self.author)

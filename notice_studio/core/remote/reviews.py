"""Review records as plain data: who asked for a review of which draft, comments on clauses,
approvals and requests for changes, and whether the draft may be published.

The records live in git (one chain of events per review, see `store_remote`); this module
only reads their text and answers questions about them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from notice_studio.core.notice.frontmatter import FormatError, dump_yaml, load_yaml
from notice_studio.core.notice.model import Notice

REQUEST = "request"
COMMENT = "comment"
APPROVE = "approve"
CHANGES = "changes"
KINDS = (REQUEST, COMMENT, APPROVE, CHANGES)

OPEN = "open"
APPROVED = "approved"
CHANGES_REQUESTED = "changes requested"

REQUIRE_APPROVAL = "require_approval"
"""The notice setting (notice.yaml `settings:`) that makes publishing wait for an approval."""


@dataclass(frozen=True)
class ReviewEvent:
    kind: str
    author: str
    email: str
    when: str
    """ISO 8601, from git."""
    draft: str
    """The draft's commit the event refers to."""
    text: str = ""
    clause_id: str = ""
    version: str = ""
    """For a request: the published version to compare with (empty before the first)."""

    @property
    def who(self) -> str:
        return f"{self.author} <{self.email}>" if self.email else self.author


@dataclass(frozen=True)
class Review:
    id: str
    events: tuple[ReviewEvent, ...]
    """Oldest first; the first is the request."""

    @property
    def request(self) -> ReviewEvent:
        return self.events[0]

    @property
    def draft(self) -> str:
        """The draft commit under review: the latest request's (a re-request updates it)."""
        return [e for e in self.events if e.kind == REQUEST][-1].draft

    @property
    def state(self) -> str:
        verdict = [e for e in self.events if e.kind in (APPROVE, CHANGES, REQUEST)][-1]
        return {APPROVE: APPROVED, CHANGES: CHANGES_REQUESTED}.get(verdict.kind, OPEN)

    @property
    def approvals(self) -> tuple[ReviewEvent, ...]:
        return tuple(e for e in self.events if e.kind == APPROVE)

    @property
    def comments(self) -> tuple[ReviewEvent, ...]:
        return tuple(e for e in self.events if e.kind in (COMMENT, CHANGES) and e.text)


def event_message(kind: str, draft: str, text: str = "", clause_id: str = "", version: str = "") -> str:
    """The commit message that records one review event: a plain first line, then YAML."""
    first = {
        REQUEST: "Asked for a review of the draft",
        COMMENT: f"Commented on '{clause_id}'" if clause_id else "Commented on the draft",
        APPROVE: "Approved the draft",
        CHANGES: "Asked for changes to the draft",
    }[kind]
    data: dict[str, object] = {"review": kind, "draft": draft}
    if version:
        data["version"] = version
    if clause_id:
        data["clause"] = clause_id
    if text:
        data["text"] = text
    return f"{first}\n\n{dump_yaml(data)}"


def parse_event(message: str, author: str, email: str, when: str) -> ReviewEvent | None:
    """One event from a commit message; None for a message that is not a review event."""
    _, _, body = message.partition("\n\n")
    try:
        data = load_yaml(body, "review record")
    except FormatError:
        return None
    if not isinstance(data, dict) or data.get("review") not in KINDS:
        return None
    return ReviewEvent(
        kind=str(data["review"]),
        author=author,
        email=email,
        when=when,
        draft=str(data.get("draft") or ""),
        text=str(data.get("text") or ""),
        clause_id=str(data.get("clause") or ""),
        version=str(data.get("version") or ""),
    )


def build_review(review_id: str, events: Iterable[ReviewEvent]) -> Review | None:
    ordered = sorted(events, key=lambda e: e.when)
    requests = [e for e in ordered if e.kind == REQUEST]
    if not requests:
        return None
    ordered.remove(requests[0])
    return Review(review_id, (requests[0], *ordered))


def requires_approval(notice: Notice) -> bool:
    return bool(notice.settings.get(REQUIRE_APPROVAL))


def set_requires_approval(notice: Notice, required: bool) -> bool:
    """Turn the rule on or off (in place); returns the old value for undo."""
    old = requires_approval(notice)
    if required:
        notice.settings[REQUIRE_APPROVAL] = True
    else:
        notice.settings.pop(REQUIRE_APPROVAL, None)
    return old


def current_approval(reviews: Iterable[Review], is_current: Callable[[str], bool]) -> ReviewEvent | None:
    """The latest approval of a draft whose content is the draft now (`is_current(commit)`)."""
    approvals = [e for review in reviews if review.state == APPROVED for e in review.approvals if is_current(e.draft)]
    return max(approvals, key=lambda e: e.when) if approvals else None


def approval_problem(notice: Notice, reviews: Iterable[Review], is_current: Callable[[str], bool]) -> str | None:
    """Why publishing must wait for an approval, as one sentence; None when it need not."""
    if not requires_approval(notice):
        return None
    reviews = list(reviews)
    if current_approval(reviews, is_current) is not None:
        return None
    if any(r.state == APPROVED for r in reviews):
        return (
            "The draft has changed since it was approved, and this notice requires an approval before publishing; "
            "ask for a review of the draft as it is now."
        )
    if any(r.state == OPEN for r in reviews):
        return "This notice requires an approval before publishing and its review is still open; wait for the approval."
    return "This notice requires an approval before publishing; ask for a review of the draft first."

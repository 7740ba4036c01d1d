"""The one publishing gate: what blocks, what needs acknowledging, and the drafted change notice."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from notice_studio.core.checks import CheckReport, Finding
from notice_studio.core.notice.model import Notice
from notice_studio.core.notice.store import Version

if TYPE_CHECKING:
    from notice_studio.core.diff.notices import NoticeDiff

FIRST_VERSION_TEXT = "This is the first published version of this notice."


@dataclass(frozen=True)
class PublishReview:
    """Everything a person needs before publishing the draft, the same for the app and the CLI."""

    report: CheckReport
    blocking: tuple[str, ...]
    """Errors, one sentence each: publishing is refused until they are fixed."""
    warnings: tuple[str, ...]
    """Warnings, one sentence each: each must be acknowledged to publish."""
    latest: Version | None
    """The latest published version, or None for a first version."""
    diff: NoticeDiff | None
    change_notice: str
    """The drafted change notice readers will see (the person may edit it)."""
    material: bool
    """The suggestion: True when the changes touch what is collected, why, who receives it…"""
    has_changes: bool

    @property
    def first_version(self) -> bool:
        return self.latest is None

    @property
    def can_publish(self) -> bool:
        return not self.blocking and self.has_changes


def finding_sentence(notice: Notice, finding: Finding) -> str:
    """'section 3.2: …' — a finding as one sentence that says where."""
    if not finding.clause_id:
        return finding.message
    number = notice.numbers().get(finding.clause_id, "")
    if not number or f"section {number} " in finding.message.lower() + " ":
        return finding.message  # the message already says where
    return f"section {number}: {finding.message}"


def review(notice: Notice, report: CheckReport, latest: Version | None, published: Notice | None) -> PublishReview:
    """The review of `notice` given its check report and the latest published version's notice."""
    blocking = tuple(finding_sentence(notice, f) for f in report.blocking)
    warnings = tuple(finding_sentence(notice, f) for f in report.to_acknowledge)
    if latest is None or published is None:
        return PublishReview(report, blocking, warnings, None, None, FIRST_VERSION_TEXT, False, True)
    from notice_studio.core.diff.changes import draft_change_notice
    from notice_studio.core.diff.notices import diff_notices

    diff = diff_notices(published, notice)
    drafted = draft_change_notice(diff)
    return PublishReview(report, blocking, warnings, latest, diff, drafted.text, drafted.material, diff.has_changes)

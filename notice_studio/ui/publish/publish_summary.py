"""What changed since the last published version, for the publish dialog (computed in a worker)."""

from __future__ import annotations

from dataclasses import dataclass

from notice_studio.core.notice.store import Version
from notice_studio.core.render.renderer import format_date
from notice_studio.core.wording import plural
from notice_studio.core.workspace.publishing import ReasonNeeded
from notice_studio.ui.checks.checks_report import CheckedNotice
from notice_studio.ui.session import snapshot


@dataclass(frozen=True)
class Comparison:
    """The draft against the version readers will have had before it (None: nothing is published yet)."""

    latest: Version | None
    """The version compared with: the latest, or the one before an upcoming version it replaces."""
    summary_text: str
    change_notice: str
    material: bool
    has_changes: bool
    unchanged: str = ""
    """Why an unchanged draft cannot be published (the publishing gate's sentence), or ''."""

    @property
    def first_version(self) -> bool:
        """Nothing will have been in force before it: neither material nor editorial."""
        return self.latest is None


def summary_sentence(diff, latest: Version) -> str:
    """'Compared with v1 (effective 1 March 2026): 2 sections edited, 1 added; 1 value changed.'"""
    s = diff.summary
    when = f" (effective {format_date(latest.effective)})" if latest.effective else ""
    if not diff.has_changes:  # the one rule the status bar and publishing go by
        return f"Compared with {latest.name}{when}: nothing has changed."
    sections = []
    if s.modified:
        sections.append(f"{plural(s.modified, 'section')} edited")
    if s.added:
        sections.append(f"{s.added} added")
    if s.removed:
        sections.append(f"{s.removed} removed")
    if s.moved:
        sections.append(f"{s.moved} moved")
    if s.renamed and not s.modified:
        sections.append(f"{s.renamed} renamed")
    others = []
    if s.variables:
        others.append(f"{plural(s.variables, 'filled-in value')} changed")
    if s.tables:
        others.append(f"{plural(s.tables, 'table')} changed")
    if s.fields:
        others.append(f"{plural(s.fields, 'notice detail')} changed")
    if s.practices:
        others.append(f"{plural(s.practices, 'practice')} changed")
    parts = [", ".join(sections)] if sections else []
    parts += [", ".join(others)] if others else []
    text = "; ".join(parts)
    if not sections and s.changed:
        text = f"{plural(s.changed, 'section')} read differently; " + text
    return f"Compared with {latest.name}{when}: {text}."


def review_job(session, effective=None):
    """A worker function running the one publishing gate (core workspace) on a snapshot of the draft,
    compared with the version readers will have had just before `effective`."""
    notice = snapshot(session.notice)
    workspace = session.workspace
    versions = list(session.versions)

    def work() -> tuple[CheckedNotice, Comparison, tuple[ReasonNeeded, ...]]:
        review = workspace.review_publish(notice=notice, versions=versions, effective=effective)
        titles = {clause.id: clause.title for clause in notice.all_clauses()}
        checked = CheckedNotice(review.report, notice.numbers(), titles)
        if review.compared is None or review.diff is None:
            summary = (
                "First version: nothing has been published yet."
                if not versions
                else "First version readers get: every version published so far was withdrawn."
                if review.latest is None
                else "First version to take effect: no version published so far takes effect before it."
            )
        else:
            summary = summary_sentence(review.diff, review.compared)
        comparison = Comparison(
            review.compared, summary, review.change_notice, review.material, review.has_changes, review.unchanged
        )
        return checked, comparison, review.needs_reason

    return work

"""Running the checks for the app and describing their findings (shared by the Checks dock and
the publish dialog): a worker job on a snapshot, sentences, colours, going to a finding."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtGui import QColor, QIcon
from PySide6.QtWidgets import QApplication, QStyle

from notice_studio.core.checks import CheckReport, Coverage, Finding
from notice_studio.core.checks.coverage import shared_confirmations
from notice_studio.core.library.jurisdictions import label as law_label
from notice_studio.core.wording import plural
from notice_studio.ui.app_state import AppState, Navigator
from notice_studio.ui.palette import ERROR, UNFILLED, muted_color, themed
from notice_studio.ui.session import snapshot

SEVERITIES = ("error", "warning", "info")
GROUP_TITLES = {
    "error": ("Errors", "publishing is blocked until they are fixed"),
    "warning": ("Warnings", "review each one before publishing"),
    "info": ("Notes", "suggestions; they do not block publishing"),
}
FILTER_NAMES = {"error": "Errors", "warning": "Warnings", "info": "Notes"}


@dataclass(frozen=True)
class CheckedNotice:
    """A check report with the section numbers and titles of the notice it was run on."""

    report: CheckReport
    numbers: dict[str, str] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)

    def where(self, finding: Finding) -> str:
        """'3.2 Cookies', or 'Whole notice' for findings about no one section."""
        if not finding.clause_id:
            return "Whole notice"
        number = self.numbers.get(finding.clause_id, "")
        title = self.titles.get(finding.clause_id, finding.clause_id)
        return f"{number} {title}".strip()


def check_job(state: AppState) -> Callable[[], CheckedNotice] | None:
    """A function for a worker that checks the open notice as it is now (snapshot taken here)."""
    session = state.session
    if session is None:
        return None
    notice = snapshot(session.notice)
    workspace = session.workspace
    versions = list(session.versions)

    def work() -> CheckedNotice:
        report = workspace.check(notice=notice, versions=versions)  # the one context, as 'check' uses
        titles = {clause.id: clause.title for clause in notice.all_clauses()}
        return CheckedNotice(report, notice.numbers(), titles)

    return work


def fix_text(finding: Finding) -> str:
    """The core's fix sentence in the app's words (a panel, not a command)."""
    return finding.app_fix


def coverage_line(coverage: Coverage) -> str:
    """'EU/EEA — GDPR: 24 of 26 elements covered, 4 not applicable'."""
    name = law_label(coverage.jurisdiction, coverage.law.replace("_", " "))
    required = len(coverage.satisfied) + len(coverage.missing)
    parts = [f"{len(coverage.satisfied)} of {required} elements covered"]
    if coverage.not_applicable:
        parts.append(f"{len(coverage.not_applicable)} not applicable")
    if coverage.manual:
        parts.append(f"{len(coverage.manual)} for you to confirm")
    if coverage.confirmed_with:
        parts.append(shared_confirmations(coverage))
    return f"{name}: {', '.join(parts)}"


def counts_sentence(report: CheckReport) -> str:
    counts = report.counts()
    if not report.findings:
        return "No problems found."
    words = []
    for severity, singular in (("error", "error"), ("warning", "warning"), ("info", "note")):
        n = counts[severity]
        words.append(plural(n, singular))
    return ", ".join(words) + "."


def severity_color(severity: str) -> QColor:
    """Readable on the current palette (light or dark)."""
    if severity == "error":
        return themed(ERROR)
    if severity == "warning":
        return themed(UNFILLED)
    return muted_color()


_ICONS: dict[tuple[int, str], QIcon] = {}


def severity_icon(severity: str) -> QIcon:
    """The style's icon for a severity, made once per style (a report lists hundreds of findings)."""
    style = QApplication.style()
    key = (id(style), severity)
    if key not in _ICONS:
        pixmap = {
            "error": QStyle.StandardPixmap.SP_MessageBoxCritical,
            "warning": QStyle.StandardPixmap.SP_MessageBoxWarning,
            "info": QStyle.StandardPixmap.SP_MessageBoxInformation,
        }[severity]
        _ICONS[key] = style.standardIcon(pixmap)
    return _ICONS[key]


def problem_marks(result: CheckedNotice) -> dict[str, str]:
    """One line per clause with errors or warnings, for the outline's marks and tooltips."""
    by_clause: dict[str, list[Finding]] = {}
    for finding in result.report.findings:
        if finding.clause_id and finding.severity in ("error", "warning"):
            by_clause.setdefault(finding.clause_id, []).append(finding)
    marks = {}
    for clause_id, found in by_clause.items():
        found.sort(key=lambda f: SEVERITIES.index(f.severity))
        errors = sum(1 for f in found if f.severity == "error")
        warnings = len(found) - errors
        counted = [plural(n, word) for n, word in ((errors, "error"), (warnings, "warning")) if n]
        marks[clause_id] = f"{' and '.join(counted)}: {found[0].message}"
    return marks


def go_to_finding(state: AppState, nav: Navigator, finding: Finding) -> None:
    """Select the finding's clause and, for a problem in its text, the words themselves."""
    session = state.session
    if session is None or not finding.clause_id or not session.notice.has(finding.clause_id):
        return
    start, end = finding.start, finding.end
    if finding.location != "body" or start is None:
        nav.select_clause(finding.clause_id)
        return
    body = session.notice.find(finding.clause_id).body
    end = end if end is not None else start
    if finding.excerpt and body[start:end] != finding.excerpt:
        # The text moved since the check ran: look for the words themselves.
        found = body.find(finding.excerpt)
        if found >= 0:
            start, end = found, found + len(finding.excerpt)
    nav.select_clause(finding.clause_id, start, end)

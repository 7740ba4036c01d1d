"""The one publishing gate: what blocks, what needs acknowledging, and the drafted change notice."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from notice_studio.core.checks import CheckReport, Finding
from notice_studio.core.library.requirements import Requirements
from notice_studio.core.notice.model import Notice
from notice_studio.core.notice.store import Version, nothing_changed_since
from notice_studio.core.wording import and_list

if TYPE_CHECKING:
    from notice_studio.core.diff.notices import NoticeDiff

FIRST_VERSION_TEXT = "This is the first version of this notice to take effect."
REASON_RULES = frozenset({"coverage-evidence-missing"})
"""Warnings acknowledged only with a reason (recorded in the version's tag): a clause that no
longer says what a law requires may still be right, but someone must say why."""


@dataclass(frozen=True)
class ReasonNeeded:
    """A warning that is acknowledged only with a reason, and the short key that names it."""

    key: str
    """The element id ('gdpr_right_complaint_supervisory_authority'): `--acknowledge KEY=REASON`."""
    warning: str
    """The warning as the gate words it (one of PublishReview.warnings)."""
    citation: str


def reason_key(finding: Finding) -> str | None:
    """The key a reason is given under, or None when the warning needs no reason."""
    if finding.rule not in REASON_RULES or finding.severity != "warning":
        return None
    return finding.element_id or finding.key


@dataclass(frozen=True)
class PublishReview:
    """Everything a person needs before publishing the draft, the same for the app and the CLI."""

    report: CheckReport
    blocking: tuple[str, ...]
    """Errors, one sentence each: publishing is refused until they are fixed."""
    warnings: tuple[str, ...]
    """Warnings, one sentence each: each must be acknowledged to publish."""
    latest: Version | None
    """The latest standing published version (in force or still to take effect), or None when
    nothing stands: the draft must differ from it to be published."""
    diff: NoticeDiff | None
    change_notice: str
    """The drafted change notice readers will see (the person may edit it)."""
    material: bool
    """The suggestion: True when the changes touch what is collected, why, who receives it…"""
    has_changes: bool
    """True when the draft differs from `latest` (always, when nothing is published)."""
    needs_reason: tuple[ReasonNeeded, ...] = ()
    """Warnings (among `warnings`) that are acknowledged only with a reason."""
    compared: Version | None = None
    """The version the draft is compared with: the one readers will have had in force just before
    it takes effect (`latest`, unless the new version replaces it before its date); None for the
    first version to take effect."""

    @property
    def first_version(self) -> bool:
        """True when no version will have been in force before this one: nothing is published, or
        it replaces every version still to take effect. Neither material nor editorial."""
        return self.compared is None

    @property
    def unchanged(self) -> str:
        """The one sentence refusing a draft unchanged since the latest version, published or still
        to take effect ('' when it has changed): the app, the command line and `publish` say it alike."""
        if self.has_changes or self.latest is None:
            return ""
        return nothing_changed_since(self.latest.name)

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


CONFIRM_RULE = "coverage-confirm"


def confirmations(report: CheckReport, requirements: Requirements | None) -> tuple[Finding, ...]:
    """A warning to acknowledge for each element of a law only a person can judge (GDPR Art. 12(1):
    concise, plain language): `check` lists them for you to confirm, and publishing asks. A
    requirement equivalent laws repeat word for word (the GDPR's, the UK GDPR's, Norway's) is asked
    once, naming every law it is confirmed for, and the acknowledgement is recorded for them all."""
    from notice_studio.core.library.jurisdictions import reader_name

    also: dict[str, list[str]] = {}
    for coverage in report.coverage:
        for _element_id, asked_as, _by in coverage.confirmed_with:
            also.setdefault(asked_as, []).append(coverage.jurisdiction)
    found = []
    for coverage in report.coverage:
        for element_id in coverage.manual:
            element = requirements.get(element_id) if requirements is not None else None
            citation = element.cited if element is not None else coverage.law
            what = element.description.split(". ")[0].rstrip(".") if element is not None else element_id
            laws = list(dict.fromkeys([coverage.jurisdiction, *also.get(element_id, [])]))
            once = f"; asked once for {and_list([reader_name(j) for j in laws])}" if len(laws) > 1 else ""
            found.append(
                Finding(
                    CONFIRM_RULE,
                    "warning",
                    f"Only a person can confirm this ({citation}, {element_id}{once}): {what}.",
                    "Read the notice through and acknowledge this once you are satisfied it is met.",
                    element_id=element_id,
                    citation=citation,
                    jurisdiction=coverage.jurisdiction,
                )
            )
    return tuple(found)


def review(
    notice: Notice,
    report: CheckReport,
    latest: Version | None,
    latest_notice: Notice | None,
    compared: Version | None = None,
    compared_notice: Notice | None = None,
) -> PublishReview:
    """The review of `notice` given its check report, the latest standing version and its notice
    (the draft must differ from it), and the version readers will have had in force just before
    this one and its notice (`compared`: what the change notice tells them about; None for the
    first version to take effect)."""
    from notice_studio.core.diff.changes import draft_change_notice
    from notice_studio.core.diff.notices import diff_notices

    blocking = tuple(finding_sentence(notice, f) for f in report.blocking)
    warnings = tuple(finding_sentence(notice, f) for f in report.to_acknowledge)
    needs = tuple(
        ReasonNeeded(key, finding_sentence(notice, f), f.citation or "")
        for f in report.to_acknowledge
        if (key := reason_key(f)) is not None
    )
    if latest is None or latest_notice is None:
        latest, latest_notice = None, None
    diff = diff_notices(compared_notice, notice) if compared is not None and compared_notice is not None else None
    if latest_notice is None:
        changed = True
    elif diff is not None and compared is not None and latest is not None and compared.number == latest.number:
        changed = diff.has_changes
    else:
        changed = diff_notices(latest_notice, notice).has_changes
    if diff is None:
        return PublishReview(report, blocking, warnings, latest, None, FIRST_VERSION_TEXT, False, changed, needs)
    drafted = draft_change_notice(diff)
    return PublishReview(
        report, blocking, warnings, latest, diff, drafted.text, drafted.material, changed, needs, compared
    )


def suggestion_sentence(first_version: bool, material: bool) -> str:
    """Why the kind of version suggested was suggested: the Publish dialog and the command line say it alike."""
    if first_version:
        return "This is the first version: it is recorded as the first, neither a material nor an editorial change."
    if material:
        return (
            "Suggested: material — the changes touch what you collect, why, who you share "
            "it with, how long you keep it, or readers' rights."
        )
    return "Suggested: editorial — the changes look like wording and layout only."


def missing_reason(needed: tuple[ReasonNeeded, ...], reasons: Mapping[str, str]) -> str:
    """The one sentence refusing to publish while a warning that needs a reason has none ('' if all have one)."""
    for item in needed:
        if not " ".join(reasons.get(item.key, "").split()):
            about = item.citation or item.key
            return (
                f"Give a reason for acknowledging that a clause no longer says what {about} requires "
                f"('{item.key}'); the reason is recorded with the version."
            )
    return ""


def unknown_reason(needed: tuple[ReasonNeeded, ...], reasons: Mapping[str, str]) -> str:
    """The one sentence refusing a reason given under a key no warning needs ('' if none is)."""
    keys = sorted(item.key for item in needed)
    unknown = [key for key in reasons if key not in keys]
    if not unknown:
        return ""
    return f"No warning needs a reason under '{unknown[0]}'; the keys that do are: {', '.join(keys) or 'none'}."


def given_reasons(needed: tuple[ReasonNeeded, ...], reasons: Mapping[str, str]) -> list[tuple[str, str]]:
    """(warning, reason) for each warning that needs a reason, as the version's tag records them."""
    return [(item.warning, " ".join(reasons[item.key].split())) for item in needed if reasons.get(item.key, "").strip()]


@dataclass(frozen=True)
class PublishChoice:
    """What publishing the draft with a person's choices would record, or why it is refused.

    The one answer for the real run, `publish --dry-run` and the app's dialog."""

    change_notice: str
    """The change notice readers would see: the person's own, or the drafted one."""
    material: bool
    warnings: tuple[str, ...]
    """Every warning to acknowledge: the gate's, and a material change taking effect too soon."""
    problem: str
    """Why these choices cannot be published, in one sentence ('' when they can)."""


def choose(
    gate: PublishReview,
    effective: dt.date,
    *,
    change_notice: str | None = None,
    material: bool | None = None,
    reasons: Mapping[str, str] | None = None,
    notice_days: int | None = None,
    today: dt.date | None = None,
    stated: dt.date | None = None,
) -> PublishChoice:
    """The change notice, kind and warnings publishing `gate`'s draft would record, and the first
    problem with the choices: an effective date before the latest version's, a reason given for a
    warning that needs none, an empty change notice. `None` takes the gate's suggestion (the
    drafted notice, its heading following a chosen kind)."""
    from notice_studio.core.publishing.schedule import effective_date_warning

    first = gate.first_version
    # A first version changes nothing readers had: it is recorded as neither a material change
    # (no advance notice is owed) nor an editorial one; the website calls it "First version".
    chosen = False if first else gate.material if material is None else material
    if change_notice is None and material is not None and gate.diff is not None:
        from notice_studio.core.diff.changes import draft_change_notice

        change_notice = draft_change_notice(gate.diff, material=material).text  # heading follows the choice
    text = gate.change_notice if change_notice is None else change_notice
    period = effective_date_warning(
        chosen, effective, today or dt.date.today(), notice_days, stated=stated if first else None
    )
    warnings = (*gate.warnings, *([period] if period else []))
    problems = (
        gate.latest.effective_problem(effective) if gate.latest else "",
        unknown_reason(gate.needs_reason, reasons or {}),
        change_notice_problem(chosen, text),
    )
    problem = next((p for p in problems if p), "")
    return PublishChoice(text, chosen, warnings, problem)


def change_notice_problem(material: bool, text: str) -> str:
    """Why a version may not be published with this change notice ('' when it may).

    Every version tells readers what changed: the changes page and the feed show the notice
    beside the version. A material change above all: readers are owed notice of it, and a
    version marked material with nothing said hides the change it announces."""
    if " ".join(text.split()):
        return ""
    if material:
        return "A material change must tell readers what changed, so its change notice cannot be empty."
    return "The change notice readers will see cannot be empty; for an editorial version one line is enough."

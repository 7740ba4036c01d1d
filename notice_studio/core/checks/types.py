"""What the checks produce: immutable findings, coverage per law, readability per clause."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from notice_studio.core.wording import plural

if TYPE_CHECKING:
    from notice_studio.core.library.catalog import Library
    from notice_studio.core.library.requirements import Requirements


Severity = Literal["error", "warning", "info"]
Location = Literal["body", "title", "notice"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
_COUNTED = {"error": "error", "warning": "warning", "info": "note"}
"""What the reports call one finding of each severity."""
_ASK_FOR_A_LAW = frozenset({"rights-law-not-applied", "clause-law-not-applied", "law-required-by-fact"})
"""Rules whose `jurisdiction` is a law the notice does not apply and may need to."""


@dataclass(frozen=True)
class Finding:
    """One problem: which rule, how serious, where (clause and offsets), what to do about it."""

    rule: str
    severity: Severity
    message: str
    """One plain sentence saying what is wrong."""
    fix: str
    """One plain sentence suggesting what to do."""
    clause_id: str | None = None
    start: int | None = None
    """Offset into the clause body ('body') or title ('title'); None when not about a span."""
    end: int | None = None
    location: Location = "body"
    excerpt: str = ""
    """The text the finding is about (the marker, the sentence, the term)."""
    element_id: str | None = None
    citation: str | None = None
    jurisdiction: str | None = None
    suggestion: str | None = None
    """A library clause id that would fix the finding (coverage), if one is known."""
    in_app: str = ""
    """`fix` in the app's words where it names a command ('the Placeholders panel' for
    'notice-studio set DIR …'), as `NoticeError.in_app` is for errors; empty when `fix` fits both."""

    @property
    def app_fix(self) -> str:
        """The fix as the app shows it."""
        return self.in_app or self.fix

    @property
    def law_to_add(self) -> str | None:
        """The law this finding asks the notice to apply, if it asks for one."""
        return self.jurisdiction if self.rule in _ASK_FOR_A_LAW else None

    @property
    def key(self) -> str:
        """A fingerprint that survives edits elsewhere, for remembering acknowledgements."""
        return "|".join((self.rule, self.clause_id or "", self.element_id or "", self.excerpt[:80]))


@dataclass(frozen=True)
class Coverage:
    """How a notice covers one law's disclosure elements (ids from requirements.yaml)."""

    jurisdiction: str
    law: str
    satisfied: tuple[str, ...]
    missing: tuple[str, ...]
    not_applicable: tuple[str, ...]
    manual: tuple[str, ...] = ()
    """Elements only a person can judge (Art. 12(1) plain language), not claimed by a clause."""
    assumed: tuple[tuple[str, str], ...] = ()
    """(element id, fact key): applicable only because the fact is not set in the notice."""
    evidence: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(element id, clause ids) for each satisfied element; 'generated' for app-made lines."""
    confirmed_with: tuple[tuple[str, str, str], ...] = ()
    """(element id, the element asked instead, its law) for an element only a person can judge that
    repeats word for word one asked under an equivalent law (UK GDPR and Norway repeat the GDPR):
    asked once, under that law, and not listed in `manual` again."""

    def satisfied_by(self, element_id: str) -> tuple[str, ...]:
        return dict(self.evidence).get(element_id, ())


@dataclass(frozen=True)
class ClauseReadability:
    """Flesch scores for one clause, on its text with markup and placeholders stripped."""

    clause_id: str
    words: int
    sentences: int
    reading_ease: float
    grade: float
    longest_sentence_words: int
    worst_start: int | None = None
    worst_end: int | None = None
    worst_sentence: str = ""


@dataclass(frozen=True)
class CheckReport:
    findings: tuple[Finding, ...]
    coverage: tuple[Coverage, ...] = ()
    readability: tuple[ClauseReadability, ...] = ()

    @property
    def blocking(self) -> tuple[Finding, ...]:
        """Errors: publishing is refused while any remain."""
        return tuple(f for f in self.findings if f.severity == "error")

    @property
    def to_acknowledge(self) -> tuple[Finding, ...]:
        """Warnings: publishing needs each one acknowledged."""
        return tuple(f for f in self.findings if f.severity == "warning")

    @property
    def info(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.severity == "info")

    def for_clause(self, clause_id: str) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.clause_id == clause_id)

    def counts(self) -> dict[str, int]:
        return {s: sum(1 for f in self.findings if f.severity == s) for s in SEVERITIES}

    def tally(self) -> str:
        """'1 error, 2 warnings, 0 notes': the counts as the check and import reports word them."""
        return tally(f.severity for f in self.findings)


def tally(severities: Iterable[str]) -> str:
    """'1 error, 2 warnings, 0 notes' for the severities of some findings."""
    counts = Counter(severities)
    return ", ".join(plural(counts[s], _COUNTED[s]) for s in SEVERITIES)


@dataclass(frozen=True)
class CheckContext:
    """Everything the checks need besides the notice; all optional so any notice can be checked.

    `library`: a loaded clause library (for `satisfies` lists and suggestions), or None.
    `requirements`: the loaded requirements, or None
    for no coverage check. `last_published`: effective date of the latest published version (or
    of the version being checked); `published_count`: how many versions are published;
    `published_version`: True when the notice checked is a published version, not the draft.
    """

    library: Library | None = None
    requirements: Requirements | None = None
    last_published: dt.date | None = None
    today: dt.date = field(default_factory=dt.date.today)
    published_version: bool = False
    published_count: int | None = None
    """None: unknown (assume published when last_published is set)."""
    skip: frozenset[str] = frozenset()
    """Rule ids not to run (e.g. {'readability'} while typing)."""

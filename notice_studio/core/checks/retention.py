"""Retention periods the text gives for a category of the practices, compared with the practices
and with each other.

Only a sentence that names exactly one practices category (by its label, or its id when that is
more than one word), says the data is kept or deleted, and gives exactly one period is read; a
sentence about backups, archives or cookies is not. Severity follows certainty:

- error: the text and the practices each give one plain period ("for six months", "two years after
  our last exchange") and they differ; or both give a different maximum. Nothing else can be meant.
- warning: the periods differ but one side is a bound ("up to 13 months"), has conditions ("until
  you unsubscribe, then ..."), or the text sentence does ("or longer where the law requires"), or
  two sentences of the notice disagree while the practices give no period: the text may still be
  right, so counsel confirm it rather than being blocked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from notice_studio.core.checks.durations import Duration, durations, same_period
from notice_studio.core.checks.scan import Scan
from notice_studio.core.checks.text import Cue, cued, found_in, per_text, plain, quote, sentences
from notice_studio.core.checks.types import Finding, Severity
from notice_studio.core.practices.model import Practices
from notice_studio.core.practices.statements import lower_label

_KEEP = Cue(
    re.compile(
        r"\b(?:keep|keeps|kept|retain|retains|retained|store|stores|stored|hold|holds|held|delete|deletes|deleted"
        r"|erase|erases|erased|remove|removes|removed|retention)\b",
        re.IGNORECASE,
    ),
    ("keep", "kept", "retain", "store", "hold", "held", "delete", "erase", "remove", "retention"),
)
_ASIDE = Cue(re.compile(r"\b(?:back-?ups?|archiv\w*|cookies?)\b", re.IGNORECASE), ("back", "archiv", "cookie"))
_CONDITION_RE = re.compile(r"\b(?:until|while|unless|then|or|whichever|longer|shorter|except)\b", re.IGNORECASE)
_HINT = "notice-studio practices set DIR categories.{id}.retention=..."
"""The command-line way to record a category's retention; the app says the Practices panel."""


@dataclass(frozen=True)
class KeptFor:
    """A sentence that gives one retention period for one practices category."""

    category: str
    period: Duration
    """Offsets in the clause body."""
    conditional: bool


def category_names(p: Practices) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(category id, the lower-case names a sentence may call it by)."""
    names = []
    for c in p.categories:
        called = {c.label.strip().lower()} if c.label.strip() else set()
        words = re.sub(r"[-_]+", " ", c.id).strip().lower()
        if " " in words:
            called.add(words)
        names.append((c.id, tuple(sorted(called))))
    return tuple(names)


@per_text
def _name_patterns(
    names: tuple[tuple[str, tuple[str, ...]], ...],
) -> tuple[tuple[str, tuple[str, ...], re.Pattern[str]], ...]:
    """(category id, its names, one regex for them as whole words), compiled once per set of names."""
    return tuple(
        (cid, called, re.compile(rf"\b(?:{'|'.join(map(re.escape, called))})\b")) for cid, called in names if called
    )


@per_text
def kept_for(body: str, names: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[KeptFor, ...]:
    """The retention periods sentences give for one category each, in one clause body (cached per text and category names)."""
    text = plain(body)
    found = []
    clause = text.lower()
    # only the categories named somewhere in the clause (a sentence's lower-cased words are the clause's)
    patterns = [
        named for named in _name_patterns(names) if len(clause) != len(text) or any(n in clause for n in named[1])
    ]
    spans = sentences(body, False)
    for k in cued(body, _KEEP):
        sentence = spans[k]
        said = text[sentence.start : sentence.end]
        if found_in(said, _ASIDE):
            continue
        lower = said.lower()
        named = {cid for cid, called, pattern in patterns if any(n in lower for n in called) and pattern.search(lower)}
        if len(named) != 1:
            continue
        periods = durations(said)
        if len(periods) != 1:
            continue
        period = periods[0]
        moved = Duration(
            period.days, period.bound, sentence.start + period.start, sentence.start + period.end, period.text
        )
        found.append(KeptFor(named.pop(), moved, bool(_CONDITION_RE.search(said))))
    return tuple(found)


def _finding(
    severity: Severity, message: str, fix: str, category_id: str, clause_id: str, body: str, period: Duration
) -> Finding:
    """`fix` ends where the record is named: the command line is told the command, the app its panel."""
    rule = "practice-retention-contradicted" if severity == "error" else "practice-retention-differs"
    return Finding(
        rule,
        severity,
        message,
        f"{fix} ({_HINT.format(id=category_id)}).",
        clause_id,
        period.start,
        period.end,
        "body",
        body[period.start : period.end],
        in_app=f"{fix}, in the Practices panel.",
    )


def _against_practices(claim: KeptFor, recorded: str) -> Severity | None:
    """The severity of a claim that disagrees with the practices' retention; None when it agrees."""
    periods = durations(recorded)
    if not periods or any(same_period(claim.period.days, r.days) for r in periods):
        return None
    plain_record = len(periods) == 1 and not _CONDITION_RE.search(recorded)
    if plain_record and not claim.conditional:
        if claim.period.bound == periods[0].bound == "" or claim.period.bound == periods[0].bound == "max":
            return "error"
    return "warning"


def retention(scan: Scan, p: Practices) -> Iterator[Finding]:
    names = category_names(p)
    if not any(called for _, called in names):
        return
    seen: dict[str, tuple[str, KeptFor]] = {}
    for info in scan.clauses:
        body = info.clause.body
        if not found_in(body, _KEEP):
            continue
        for claim in kept_for(body, names):
            category = p.category(claim.category)
            if category is None:
                continue
            label = category.label or category.id
            severity = _against_practices(claim, category.retention)
            if severity is not None:
                yield _finding(
                    severity,
                    f"The text gives '{claim.period.text}' for keeping {lower_label(label)}, but the practices"
                    f" record '{quote(category.retention, 60)}'.",
                    f"Correct the period in the text, or the retention of '{label}' in the practices",
                    category.id,
                    info.id,
                    body,
                    claim.period,
                )
                continue
            if durations(category.retention) or claim.conditional or claim.period.bound:
                continue
            earlier = seen.setdefault(claim.category, (info.id, claim))
            other = earlier[1]
            if other is not claim and not same_period(other.period.days, claim.period.days):
                where = (
                    "earlier in this section"
                    if earlier[0] == info.id
                    else f"in section {scan.by_id[earlier[0]].number}"
                )
                yield _finding(
                    "warning",
                    f"The text gives two periods for keeping {lower_label(label)}: '{other.period.text}'"
                    f" {where} and '{claim.period.text}' here.",
                    f"Make the two sentences give the same period, and record it as the retention of '{label}'"
                    " in the practices",
                    category.id,
                    info.id,
                    body,
                    claim.period,
                )

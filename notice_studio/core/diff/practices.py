"""What changed in the practices between two versions, in readers' words, one sentence per change.

    We now share contact details with analytics providers.
    Retention of contact details is now 2 years (was 1 year).

Each sentence carries a topic from topics.yaml, so the change notice groups it with the sections
about the same thing. Pure: two `Practices` in, immutable changes out.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from notice_studio.core.practices.model import Category, Practices, SaleOrSharing
from notice_studio.core.practices.statements import listed, lower_label

SAFEGUARD_WORDS = {
    "adequacy": "an adequacy decision",
    "data_privacy_framework": "the Data Privacy Framework",
    "standard_contractual_clauses": "standard contractual clauses",
    "binding_corporate_rules": "binding corporate rules",
    "uk_addendum": "the UK addendum to the standard contractual clauses",
    "contract": "contractual safeguards",
    "none_needed": "no additional safeguard",
}
BASIS_WORDS = {
    "consent": "your consent",
    "contract": "our contract with you",
    "legal_obligation": "a legal obligation",
    "vital_interests": "someone's vital interests",
    "public_task": "a task in the public interest",
    "legitimate_interests": "our legitimate interests",
}
COOKIE_WORDS = {
    "opt-in": "We now ask for your consent before setting non-essential cookies.",
    "opt-out": "We now set non-essential cookies unless you refuse them.",
    "none": "We no longer use non-essential cookies.",
}
_FLAGS: tuple[tuple[str, str, str, str], ...] = (
    (
        "children.directed_to_children",
        "children",
        "Our services are now directed to children under 13.",
        "Our services are no longer directed to children under 13.",
    ),
    (
        "children.minors_users",
        "children",
        "Our services are now used by minors under 18.",
        "Our services are no longer used by minors under 18.",
    ),
    (
        "children.under_16_sold_or_shared",
        "children",
        "We now sell or share the personal information of consumers under 16, with their consent.",
        "We no longer sell or share the personal information of consumers under 16.",
    ),
    (
        "automated_decisions",
        "automated-decisions",
        "We now make decisions with legal or similarly significant effects about you solely by automated means.",
        "We no longer make decisions with legal or similarly significant effects about you solely by automated means.",
    ),
    (
        "ai_training",
        "purposes",
        "We now use personal information to train machine-learning models.",
        "We no longer use personal information to train machine-learning models.",
    ),
)


@dataclass(frozen=True, slots=True)
class PracticeChange:
    """One change to the practices as readers are told it."""

    topic: str
    sentence: str


def _names(p: Practices, kind: str, ids: list[str]) -> str:
    find = {"recipient": p.recipient, "purpose": p.purpose, "source": p.source, "category": p.category}[kind]
    return listed([lower_label(str(getattr(find(i), "label", i))) for i in ids])


def _flag(p: Practices, path: str) -> bool:
    target: object = p
    for part in path.split("."):
        target = getattr(target, part)
    return bool(target)


def practices_changes(old: Practices | None, new: Practices | None) -> tuple[PracticeChange, ...]:
    """Every change from `old` to `new`, once each, in the order a reader would look for them."""
    if old is None or new is None or old == new:
        return ()
    return tuple(dict.fromkeys(_changes(old, new)))


def _changes(old: Practices, new: Practices) -> Iterator[PracticeChange]:
    before = {c.id: c for c in old.categories}
    for category in new.categories:
        was = before.get(category.id)
        if was is None:
            examples = f" ({category.examples})" if category.examples else ""
            yield PracticeChange("data-provided", f"We now collect {lower_label(category.label)}{examples}.")
        else:
            yield from _category_changes(old, new, was, category)
    after = {c.id for c in new.categories}
    for category in old.categories:
        if category.id not in after:
            yield PracticeChange("data-provided", f"We no longer collect {lower_label(category.label)}.")
    for block, verb, to in (("sold", "sell", "to"), ("shared", "share", "with")):
        yield from _sale_changes(old, new, getattr(old, block), getattr(new, block), verb, to)
    yield from _transfer_changes(old, new)
    old_purposes = {p.id: p for p in old.purposes}
    for purpose in new.purposes:
        was_purpose = old_purposes.get(purpose.id)
        if was_purpose is not None and was_purpose.legal_basis != purpose.legal_basis and purpose.legal_basis:
            previous = f" (was {BASIS_WORDS.get(was_purpose.legal_basis, was_purpose.legal_basis)})"
            yield PracticeChange(
                "legal-bases",
                f"For {lower_label(purpose.label)}, we now rely on {BASIS_WORDS.get(purpose.legal_basis, purpose.legal_basis)}"
                + (previous if was_purpose.legal_basis else "")
                + ".",
            )
    for path, topic, now, no_longer in _FLAGS:
        if _flag(old, path) != _flag(new, path):
            yield PracticeChange(topic, now if _flag(new, path) else no_longer)
    if old.cookies.consent != new.cookies.consent and new.cookies.consent in COOKIE_WORDS:
        yield PracticeChange("cookies", COOKIE_WORDS[new.cookies.consent])


def _category_changes(old: Practices, new: Practices, was: Category, now: Category) -> Iterator[PracticeChange]:
    label = lower_label(now.label)
    for field, kind, topic, added, removed in (
        (
            "disclosed_to",
            "recipient",
            "sharing",
            "We now share {what} with {whom}.",
            "We no longer share {what} with {whom}.",
        ),
        ("purposes", "purpose", "purposes", "We now use {what} for {whom}.", "We no longer use {what} for {whom}."),
        (
            "sources",
            "source",
            "data-provided",
            "We now get {what} from {whom}.",
            "We no longer get {what} from {whom}.",
        ),
    ):
        old_ids, new_ids = getattr(was, field), getattr(now, field)
        gained = [i for i in new_ids if i not in old_ids]
        lost = [i for i in old_ids if i not in new_ids]
        if gained:
            yield PracticeChange(topic, added.format(what=label, whom=_names(new, kind, gained)))
        if lost:
            yield PracticeChange(topic, removed.format(what=label, whom=_names(old, kind, lost)))
    if was.retention != now.retention and now.retention:
        previous = f" (was {lower_label(was.retention)})" if was.retention else ""
        yield PracticeChange("retention", f"Retention of {label} is now {lower_label(now.retention)}{previous}.")
    if bool(was.sensitive) != bool(now.sensitive):
        yield PracticeChange(
            "data-provided",
            f"We now treat {label} as sensitive personal information."
            if now.sensitive
            else f"We no longer treat {label} as sensitive personal information.",
        )


def _sale_changes(
    old: Practices, new: Practices, was: SaleOrSharing, now: SaleOrSharing, verb: str, to: str
) -> Iterator[PracticeChange]:
    gained = [c for c in now.categories if c not in was.categories]
    lost = [c for c in was.categories if c not in now.categories]
    why = f" for {_names(new, 'purpose', now.purposes)}" if now.purposes else ""
    extra = " for cross-context behavioral advertising" if verb == "share" else ""
    whom = _names(new, "recipient", now.to) if now.to else "third parties"
    if gained:
        yield PracticeChange("sale", f"We now {verb} {_names(new, 'category', gained)} {to} {whom}{extra or why}.")
    if lost:
        yield PracticeChange("sale", f"We no longer {verb} {_names(old, 'category', lost)}{extra}.")
    kept = [c for c in now.categories if c in was.categories]
    new_recipients = [r for r in now.to if r not in was.to]
    if kept and new_recipients:
        yield PracticeChange(
            "sale", f"We now also {verb} personal information {to} {_names(new, 'recipient', new_recipients)}."
        )


def _transfer_changes(old: Practices, new: Practices) -> Iterator[PracticeChange]:
    before = {t.to.strip().lower(): t for t in old.transfers}
    after = {t.to.strip().lower(): t for t in new.transfers}
    for key, transfer in after.items():
        was = before.get(key)
        how = SAFEGUARD_WORDS.get(transfer.safeguard, transfer.safeguard)
        if was is None:
            relying = f", relying on {how}" if transfer.safeguard else ""
            yield PracticeChange(
                "international-transfers", f"We now transfer personal information to {transfer.to}{relying}."
            )
        elif was.safeguard != transfer.safeguard and transfer.safeguard:
            previous = f" (was {SAFEGUARD_WORDS.get(was.safeguard, was.safeguard)})" if was.safeguard else ""
            yield PracticeChange(
                "international-transfers", f"For transfers to {transfer.to}, we now rely on {how}{previous}."
            )
    for key, transfer in before.items():
        if key not in after:
            yield PracticeChange(
                "international-transfers", f"We no longer transfer personal information to {transfer.to}."
            )

"""Statements made from the practices: whether personal information is sold or shared, to whom
and why, and how to opt out (Global Privacy Control included).

A clause uses one like any placeholder (`{{ practices.sale_statement }}`); its value is written
from the practices each time they change, as the generated tables are, so the sentence cannot say
one thing while the practices say another. Counsel edit the prose around it, never the statement:
the value is refused by `set` and remade by `practices sync`. The wording is our own; the law is
cited by section where it asks for the statement.
"""

from __future__ import annotations

from collections.abc import Callable

from notice_studio.core.notice.model import Notice
from notice_studio.core.practices.model import Practices, SaleOrSharing

PREFIX = "practices."
SALE_STATEMENT = "practices.sale_statement"
OPT_OUT_STATEMENT = "practices.opt_out_statement"
SOLD_OR_SHARED = "practices.sold_or_shared"


def is_generated(name: str) -> bool:
    """True for a placeholder whose value is made from the practices (never typed)."""
    return name.startswith(PREFIX)


def lower_label(label: str) -> str:
    """A label inside a sentence: 'Advertising partners' -> 'advertising partners'; 'EU affiliates' stays."""
    if not label or (len(label) > 1 and (label[1].isupper() or label[1].isdigit())):
        return label
    return label[0].lower() + label[1:]


def listed(items: list[str]) -> str:
    """'a', 'a and b', 'a, b and c' (each once)."""
    items = list(dict.fromkeys(i for i in items if i))
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _what(p: Practices, block: SaleOrSharing) -> tuple[str, str, str]:
    """(categories, recipients, purposes) of a sale or sharing, in readers' words."""
    categories = listed([lower_label(getattr(p.category(c), "label", c)) for c in block.categories])
    recipients = listed([lower_label(getattr(p.recipient(r), "label", r)) for r in block.to]) or "third parties"
    purposes = listed([lower_label(getattr(p.purpose(r), "label", r)) for r in block.purposes])
    return categories, recipients, purposes


CROSS_CONTEXT = "cross-context behavioral advertising"
_SAID_BY_SHARING = {*CROSS_CONTEXT.replace("-", " ").split(), "behavioural", "ads", "advertisements", "targeted"}


def _beyond_sharing(p: Practices, block: SaleOrSharing) -> list[str]:
    """The purposes of a sharing that 'for cross-context behavioral advertising' does not already say
    ('Advertising', 'Behavioural advertising' would repeat it)."""
    kept = []
    for purpose_id in block.purposes:
        words = getattr(p.purpose(purpose_id), "label", purpose_id).lower().replace("-", " ").split()
        if not set(words) <= _SAID_BY_SHARING:
            kept.append(purpose_id)
    return kept


def sale_statement(p: Practices) -> str:
    """Whether personal information is sold or shared; if so what, to whom and why (CCPA)."""
    if not p.sells_or_shares:
        return (
            "We do not sell personal information, and we do not share it for cross-context behavioral "
            "advertising; we have not done either in the past 12 months (Cal. Civ. Code §1798.115(c)). "
            "This covers sensitive personal information and the information of consumers under 16."
        )
    sentences = []
    for block, verb, to in ((p.sold, "sold", "to"), (p.shared, "shared", "with")):
        if not block.happens:
            continue
        categories, recipients, purposes = _what(p, block)
        extra = ""
        if verb == "shared":
            extra = f" for {CROSS_CONTEXT}"
            purposes = listed([lower_label(getattr(p.purpose(r), "label", r)) for r in _beyond_sharing(p, block)])
        why = f", for {purposes}" if purposes else ""
        sentences.append(f"In the past 12 months, we {verb} {categories} {to} {recipients}{extra}{why}.")
    sentences[0] = sentences[0][:-1] + " (Cal. Civ. Code §1798.115(c))."
    sold_ids = set(p.sold.categories) | set(p.shared.categories)
    others = [lower_label(c.label) for c in p.categories if c.id not in sold_ids]
    if others:
        sentences.append(f"We did not sell or share any other personal information ({listed(others)}).")
    sensitive = [lower_label(c.label) for c in p.categories if c.sensitive and c.id in sold_ids]
    if sensitive:
        sentences.append(f"This includes sensitive personal information: {listed(sensitive)}.")
    else:
        sentences.append("We do not sell or share sensitive personal information.")
    if p.children.under_16_sold_or_shared:
        sentences.append(
            "We sell or share the personal information of consumers under 16 only when they have agreed to it,"
            " or, under 13, when a parent or guardian has (Cal. Civ. Code §1798.120(c))."
        )
    else:
        sentences.append(
            "We do not have actual knowledge that we sell or share the personal information of consumers under 16."
        )
    return " ".join(sentences)


def opt_out_statement(p: Practices) -> str:
    """How to opt out of sale and sharing, and what a Global Privacy Control signal does."""
    if not p.sells_or_shares:
        return (
            "Because we do not sell or share personal information, there is nothing to opt out of: a Global"
            " Privacy Control (GPC) signal from your browser does not change how we handle your information. If"
            " that ever changes, we will update this notice first and treat a GPC signal as a request to opt out"
            " (Cal. Civ. Code §1798.135(b))."
        )
    return (
        "You may direct us not to sell or share your personal information (Cal. Civ. Code §1798.120)."
        " Use the “Do Not Sell or Share My Personal Information” link on our website, or turn on Global Privacy"
        " Control (GPC) in a browser or extension that supports it: we treat a GPC signal as a valid request to"
        " opt out for that browser or device, and for your account when we know it is you (Cal. Civ. Code"
        " §1798.135)."
    )


def sold_or_shared(p: Practices) -> str:
    """The verb a sentence about the sale table uses: 'sold', 'shared', 'sold or shared' - what the
    practices record, so 'we sold or shared' is never said of information only shared."""
    verbs = [verb for verb, block in (("sold", p.sold), ("shared", p.shared)) if block.happens]
    return " or ".join(verbs) or "did not sell or share"


STATEMENTS: dict[str, Callable[[Practices], str]] = {
    SALE_STATEMENT: sale_statement,
    SOLD_OR_SHARED: sold_or_shared,
    OPT_OUT_STATEMENT: opt_out_statement,
}


def used_statements(notice: Notice) -> set[str]:
    return {name for name in notice.placeholders() if name in STATEMENTS}


def stale_statements(notice: Notice) -> list[str]:
    """Statements the notice uses whose text no longer matches the practices."""
    if notice.practices is None:
        return []
    return sorted(
        name for name in used_statements(notice) if notice.variables.get(name) != STATEMENTS[name](notice.practices)
    )


def regenerate_statements(notice: Notice) -> list[str]:
    """Write every statement the notice uses from its practices; names of those changed."""
    changed = stale_statements(notice)
    if notice.practices is not None:
        for name in changed:
            notice.variables[name] = STATEMENTS[name](notice.practices)
    return changed

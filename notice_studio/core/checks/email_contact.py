"""An e-mail contact promised with no address: the text tells readers to e-mail us, or to write to us
by e-mail, but no e-mail address is given anywhere in the notice (in the text, a table, or a
placeholder for one). A warning: the address may be on a page the notice links to."""

from __future__ import annotations

import re
from collections.abc import Iterator

from notice_studio.core.checks.scan import Scan
from notice_studio.core.checks.text import as_typed, per_text, quote
from notice_studio.core.checks.types import Finding
from notice_studio.core.notice.model import PLACEHOLDER_RE, Notice

# Each mention of e-mail is read with the words around it: 'e-mail us', 'email our privacy team' after
# it; 'contact us by e-mail', 'send us an email' before it; 'by e-mail to us' on both sides.
_AFTER_RE = re.compile(
    r"(?:ing)? (?:us\b|(?:our|the) (?:data protection officer|dpo|privacy (?:team|office)|support team)\b)",
    re.IGNORECASE,
)
_BEFORE_RE = re.compile(
    r"\b(?:(?:contact|reach|write to|ask|tell|notify|message)(?:ing)? us (?:\w+ )?(?:by|via|through|over|using)"
    r"|(?:send|by sending) us(?: an?)?) $",
    re.IGNORECASE,
)
_BY_RE = re.compile(r"\b(?:by|via|an?) $", re.IGNORECASE)
_TO_US_RE = re.compile(r"s? to us\b", re.IGNORECASE)
_AT = r"(?:@|\s?\\?[\[(]at\\?[\])]\s?)"
_DOT = r"(?:\.|\s?\\?[\[(]dot\\?[\])]\s?)"
# An address, also written to foil harvesters ("dpo [at] example [dot] com"), or a mailto: link.
_ADDRESS_RE = re.compile(rf"[\w.+-]+{_AT}[\w-]+(?:{_DOT}[\w-]+)+|\bmailto:", re.IGNORECASE)
# "If you contact us by e-mail, we keep ...": what happens when readers write, not an offer to.
_WHEN_YOU_RE = re.compile(r"\b(?:if|when|whenever|where|once|after) you\s+$", re.IGNORECASE)
_MAIL_NAME_RE = re.compile(r"mail", re.IGNORECASE)
_CONTACT_RE = re.compile(r"\bcontact", re.IGNORECASE)


@per_text
def email_promises(text: str) -> tuple[tuple[int, int], ...]:
    """(start, end) of each place in the plain text that tells readers to e-mail us."""
    lower = text.lower()
    found = []
    at = lower.find("mail")
    while at != -1:
        end = at + 4
        start = at - 2 if lower.startswith("e-", at - 2) else at - 1
        at = lower.find("mail", end)
        if start < 0 or lower[start] != "e" or (start and lower[start - 1].isalnum()):
            continue
        if after := _AFTER_RE.match(text, end):
            found.append((start, after.end()))
            continue
        window = max(0, start - 50)
        near = lower[window:start]
        if " us " not in near and not near.endswith(("by ", "via ", "a ", "an ")):
            continue
        if before := _BEFORE_RE.search(text, window, start):
            found.append((before.start(), end))
        elif (by := _BY_RE.search(text, window, start)) and (to_us := _TO_US_RE.match(text, end)):
            found.append((by.start(), to_us.end()))
    return tuple((s, e) for s, e in found if not _WHEN_YOU_RE.search(text, max(0, s - 20), s))


@per_text
def _address_in(text: str) -> bool:
    lower = text.lower()
    if "@" not in text and "mailto:" not in lower and "at]" not in lower and "at)" not in lower:
        return False
    return bool(_ADDRESS_RE.search(text))


@per_text
def _placeholders(body: str) -> tuple[str, ...]:
    return tuple(m.group(1) for m in PLACEHOLDER_RE.finditer(body)) if "{{" in body else ()


def _gives_address(notice: Notice, bodies: list[str]) -> bool:
    """An address in the text or a table, or a placeholder for one (an unfilled one is its own error)."""
    for body in bodies:
        if _address_in(body):
            return True
        for name in _placeholders(body):
            if _MAIL_NAME_RE.search(name) or _address_in(notice.variables.get(name, "")):
                return True
    return any(_address_in(cell) for table in notice.tables.values() for row in table.rows for cell in row)


def email_missing(scan: Scan) -> Iterator[Finding]:
    promised = next(((info, span) for info in scan.clauses for span in email_promises(info.plain)), None)
    if promised is None:
        return
    notice = scan.notice
    if _gives_address(notice, [info.clause.body for info in scan.clauses]):
        return
    info, (start, end) = promised
    contact = next((c for c in scan.clauses if _CONTACT_RE.search(f"{c.id} {c.clause.title}")), None)
    where = f"the section '{contact.clause.title}'" if contact else "the contact details"
    said = quote(as_typed(info.clause.body, start, end), 60)
    yield Finding(
        "contact-email-missing",
        "warning",
        f"The text tells readers to e-mail you ('{said}'), but the notice gives no e-mail address anywhere.",
        f"Add the address to {where}, for example as {{{{ contact.email }}}} filled in with"
        " notice-studio set DIR contact.email=ADDRESS, or remove the promise.",
        info.id,
        start,
        end,
        "body",
        info.clause.body[start:end],
        in_app=f"Add the address to {where}, for example as {{{{ contact.email }}}} filled in in the"
        " Placeholders panel, or remove the promise.",
    )

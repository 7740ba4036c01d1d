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

_MAIL = r"e-?mail"
_PROMISE_RE = re.compile(
    rf"\b{_MAIL}(?:ing)? us\b"
    rf"|\b(?:contact|reach|write to|ask|tell|notify|message)(?:ing)? us (?:\w+ )?(?:by|via|through|over|using) {_MAIL}\b"
    rf"|\b(?:send|by sending) us (?:an? )?{_MAIL}\b"
    rf"|\b(?:by|via|an?) {_MAIL} to us\b"
    rf"|\b{_MAIL}(?:ing)? (?:our|the) (?:data protection officer|dpo|privacy (?:team|office)|support team)\b",
    re.IGNORECASE,
)
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
    if "mail" not in text.lower():
        return ()
    return tuple(
        (m.start(), m.end())
        for m in _PROMISE_RE.finditer(text)
        if not _WHEN_YOU_RE.search(text, max(0, m.start() - 20), m.start())
    )


def _gives_address(notice: Notice, bodies: list[str]) -> bool:
    """An address in the text or a table, or a placeholder for one (an unfilled one is its own error)."""
    for body in bodies:
        if _ADDRESS_RE.search(body):
            return True
        if "{{" in body:
            for match in PLACEHOLDER_RE.finditer(body):
                name = match.group(1)
                if _MAIL_NAME_RE.search(name) or _ADDRESS_RE.search(notice.variables.get(name, "")):
                    return True
    return any(_ADDRESS_RE.search(cell) for table in notice.tables.values() for row in table.rows for cell in row)


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

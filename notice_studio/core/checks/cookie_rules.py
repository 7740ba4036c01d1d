"""Cookies: the consent the text describes, the categories and the cookie names must match the
practices and the cookie table.

Severity: an error where the text or the table states the opposite of the practices (consent
asked first while cookies are set on an opt-out basis, or the reverse; a table row in a category
the practices do not record). A warning where the notice only leaves something out or names a
cookie the check may have misread: a person confirms it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from notice_studio.core.checks.claims_uses import cookies_set_first, cookies_wait
from notice_studio.core.checks.scan import Scan
from notice_studio.core.checks.tables import cookie_categories, cookie_category_key, explained_cookie_categories
from notice_studio.core.checks.text import as_typed, quote
from notice_studio.core.checks.types import Finding
from notice_studio.core.notice.model import Table
from notice_studio.core.practices.model import Practices

_NAMED_COOKIE_RE = re.compile(
    r"`(?P<code>[^`\n]{2,60})`"
    r"|\bcookies? (?:called|named) [“\"'‘]?(?P<called>[A-Za-z0-9_.\-]{2,40})"
    r"|[“\"‘](?P<quoted>[A-Za-z0-9_.\-]{2,40})[”\"’] cookie\b"
    r"|\b(?P<ident>_?[A-Za-z0-9]+_[A-Za-z0-9_]+) cookie\b",
)
_HINT = "practices.yaml or the Practices panel"


def cookies(scan: Scan, p: Practices) -> Iterator[Finding]:
    yield from _consent(scan, p)
    table = scan.notice.tables.get("cookies")
    yield from _categories(scan, p, table)
    if table is not None:
        yield from _names(scan, table)


def _consent(scan: Scan, p: Practices) -> Iterator[Finding]:
    if p.cookies.consent == "opt-in":
        read, said = cookies_set_first, "cookies are set unless the visitor refuses them"
        fix = (
            "Say that non-essential cookies wait for the visitor's choice, or set cookies consent: opt-out in "
            + _HINT
            + "."
        )
    else:
        read, said = cookies_wait, "the visitor is asked before cookies are set"
        fix = "Describe the opt-out the service really offers, or set cookies consent: opt-in in " + _HINT + "."
    for info in scan.clauses:
        if "cookie" not in info.plain.lower():
            continue
        for claim in read(info.clause.body):
            shown = quote(as_typed(info.clause.body, claim.start, claim.sentence_end), 60)
            yield Finding(
                "practice-cookie-consent-contradicted",
                "error",
                f"The text says '{shown}' ({said}), but the practices record cookies set on an"
                f" {p.cookies.consent} basis.",
                fix,
                info.id,
                claim.start,
                claim.end,
                "body",
                info.clause.body[claim.start : claim.end],
            )


def _column(table: Table, name: str) -> int | None:
    return next((i for i, c in enumerate(table.columns) if c.strip().lower() == name), None)


def _categories(scan: Scan, p: Practices, table: Table | None) -> Iterator[Finding]:
    recorded = {cookie_category_key(c) for c in p.cookies.categories}
    if not recorded:
        return
    named: set[str] = set()
    explained = {cookie_category_key(c) for c in cookie_categories(scan.notice)}
    column = _column(table, "category") if table is not None else None
    if table is not None and column is not None:
        for number, row in enumerate(table.rows, start=1):
            value = row[column].strip() if column < len(row) else ""
            if not value:
                continue
            named.add(cookie_category_key(value))
            # a category the notice does not explain is already an error of its own (table-cell-invalid)
            if cookie_category_key(value) not in recorded and cookie_category_key(value) in explained:
                yield Finding(
                    "practice-cookie-category-unrecorded",
                    "error",
                    f"Row {number} of the cookies table ('{row[0] if row else ''}') is in the category '{value}',"
                    " which the practices do not record as used.",
                    f"Add '{value}' to the cookie categories in {_HINT}, or correct or remove the row.",
                    None,
                    location="notice",
                    excerpt=f"cookies:{number}",
                )
    for value in explained_cookie_categories(scan.notice):
        named.add(cookie_category_key(value))
        if cookie_category_key(value) not in recorded:
            yield Finding(
                "practice-cookie-category-unrecorded",
                "warning",
                f"The text explains '{value}' cookies, which the practices do not record as used.",
                f"Remove the explanation if no such cookie is set, or add '{value}' to the cookie categories in {_HINT}.",
                None,
                location="notice",
                excerpt=f"text:{value}",
            )
    words = " ".join(info.plain.lower() for info in scan.clauses)
    for category in p.cookies.categories:
        key = cookie_category_key(category)
        if key in named or _mentions(words, category.lower()):
            continue
        yield Finding(
            "practice-cookie-category-unlisted",
            "warning",
            f"The practices record '{category}' cookies, but neither the text nor the cookies table mentions them.",
            f"Describe them in the cookies section and list them in the cookies table, or remove '{category}' from"
            f" the cookie categories in {_HINT}.",
            None,
            location="notice",
            excerpt=category,
        )


def _mentions(words: str, name: str) -> bool:
    """Is `name` a word (or words) of `words`? The regex starts where the name first appears: it cannot
    match before, and running it over a whole notice up to there is slow."""
    at = words.find(name)
    return at >= 0 and bool(re.compile(rf"\b{re.escape(name)}\b").search(words, at))


def _names(scan: Scan, table: Table) -> Iterator[Finding]:
    column = _column(table, "name")
    if column is None:
        return
    listed = [row[column].strip().lower() for row in table.rows if column < len(row) and row[column].strip()]
    for info in scan.clauses:
        body = info.clause.body
        if "cookie" not in body.lower():
            continue
        for match in _NAMED_COOKIE_RE.finditer(body):
            if (
                match.group("code") is not None
                and "cookie" not in body[max(0, match.start() - 80) : match.end() + 80].lower()
            ):
                continue
            name = next(g for g in match.groups() if g is not None).strip()
            key = name.lower()
            if any(key == n or n.rstrip("*").startswith(key) or key.startswith(n.rstrip("*")) for n in listed):
                continue
            yield Finding(
                "cookie-name-unlisted",
                "warning",
                f"The text names the cookie '{name}', which the cookies table does not list.",
                "Add the cookie to the cookies table (Tables panel, or notice-studio table set DIR cookies ...),"
                " or correct its name in the text.",
                info.id,
                match.start(),
                match.end(),
                "body",
                body[match.start() : match.end()],
            )

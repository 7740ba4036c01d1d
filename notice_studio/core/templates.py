"""Starter notices. (Minimal built-in outline until the clause library's templates land.)"""

from __future__ import annotations

from .jurisdictions import normalise
from .model import Clause, Notice

DEFAULT_TEMPLATE = "minimal"


def build_notice(template_id: str | None = None, organisation: str = "", jurisdictions: list[str] | None = None) -> Notice:
    """A new notice from a template; the built-in minimal outline for now."""
    notice = Notice(
        title="Privacy Notice",
        organisation=organisation,
        jurisdictions=normalise(jurisdictions or ["gdpr"]),
        template=template_id or DEFAULT_TEMPLATE,
    )
    if organisation:
        notice.variables["organisation.name"] = organisation
    for title, body in (
        ("Introduction", "This notice explains how {{ organisation.name }} collects and uses personal information."),
        ("Information we collect", "We collect the information you give us and information about how you use our service."),
        ("How we use information", "We use information to provide and improve our service."),
        ("Your rights", "You can ask us for a copy of your information, or ask us to correct or delete it."),
        ("Contact us", "Write to us at {{ contact.email }}."),
    ):
        notice.add(Clause(notice.new_clause_id(title), title, body))
    return notice

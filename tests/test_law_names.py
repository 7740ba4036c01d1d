"""One table of law names (library.jurisdictions.LAW_NAMES): the importer spots a law, and the rights
check finds rights cited under it, by any name the table gives it."""

from __future__ import annotations

import pytest

from notice_studio.core.checks.law_rights import cited_laws
from notice_studio.core.importer import mentioned_jurisdictions
from notice_studio.core.library.jurisdictions import JURISDICTIONS, LAW_NAMES


@pytest.mark.parametrize(
    ("law", "name"),
    [
        ("gdpr", "the General Data Protection Regulation"),
        ("uk_gdpr", "the UK General Data Protection Regulation"),
        ("uk_gdpr", "the United Kingdom General Data Protection Regulation"),
        ("uk_gdpr", "the Data Protection Act 2018"),
        ("ccpa", "the California Privacy Rights Act"),
        ("lgpd", "the Lei Geral de Proteção de Dados"),
        ("pipeda", "the Personal Information Protection and Electronic Documents Act"),
        ("coppa", "the Children's Online Privacy Protection Act"),
    ],
)
def test_a_law_named_in_full_is_spotted_on_import_and_its_rights_are_cited(law: str, name: str) -> None:
    sentence = f"Players have rights under {name}, set out below."
    assert mentioned_jurisdictions(sentence) == [law]
    assert [found[0] for found in cited_laws("Extra", sentence)] == [law]


def test_the_eu_and_uk_laws_named_together_are_both_spotted() -> None:
    text = "For the purposes of the EU and UK General Data Protection Regulation, Lantern Games Inc. is the controller."
    assert mentioned_jurisdictions(text) == ["gdpr", "uk_gdpr"]
    assert mentioned_jurisdictions("Players in Europe have rights under the EU or UK GDPR.") == ["gdpr", "uk_gdpr"]
    assert mentioned_jurisdictions("Our UK office follows the UK GDPR.") == ["uk_gdpr"]


def test_every_law_named_is_a_law_a_notice_can_be_written_for() -> None:
    assert set(LAW_NAMES) <= set(JURISDICTIONS)

"""Following the library's own advice, step by step, ends in a notice the checks pass: a variant
swapped in by `practices variants` is still found by cross-references to its library clause, and
the wording about the sale table follows what the practices record as sold or shared."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from notice_studio.cli import main

PRACTICES = """\
format: 1
categories:
- id: contact
  label: Contact details
  ccpa: identifiers
  examples: Name and e-mail address
  sources: [you]
  purposes: [orders, ads]
  disclosed_to: [hosting, adtech]
  retention: Two years after your last order
- id: clicks
  label: Site activity
  ccpa: internet_activity
  examples: Pages opened and buttons pressed
  sources: [you]
  purposes: [ads]
  disclosed_to: [adtech]
  retention: One year
sources:
- id: you
  label: You
  kind: data_subject
purposes:
- id: orders
  label: Sending what you order
  legal_basis: contract
- id: ads
  label: Showing our adverts elsewhere
  legal_basis: consent
recipients:
- id: hosting
  label: Hosting firms
  kind: service_provider
- id: adtech
  label: Advertising partners
  kind: advertising
shared:
  categories: [contact, clicks]
  to: [adtech]
  purposes: [ads]
"""


def _run(*argv: str) -> None:
    assert main(list(argv)) == 0


def _rules(folder: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, list[str]]:
    capsys.readouterr()
    main(["check", str(folder), "--json"])
    found: dict[str, list[str]] = {}
    for finding in json.loads(capsys.readouterr().out)["findings"]:
        found.setdefault(finding["rule"], []).append(finding["clause"] or "")
    return found


@pytest.fixture
def shared_only(tmp_path: Path) -> Path:
    folder = tmp_path / "x"
    practices = tmp_path / "practices.yaml"
    practices.write_text(PRACTICES, encoding="utf-8")
    _run("new", str(folder), "--org", "X", "--jurisdiction", "gdpr,uk_gdpr,ccpa", "--yes")
    _run("practices", "load", str(folder), str(practices))
    _run("practices", "variants", str(folder), "--apply")
    return folder


def test_a_swapped_variant_is_found_by_its_library_id_in_check_and_every_export(
    shared_only: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _run("clause", "insert", str(shared_only), "ccpa-opt-out", "--after", "ccpa-no-sale")
    rules = _rules(shared_only, capsys)
    assert "crossref-broken" not in rules
    for fmt in ("md", "html", "txt"):
        out = tmp_path / f"x.{fmt}"
        _run("export", str(shared_only), "--version", "draft", "--format", fmt, "--out", str(out))
        text = out.read_text(encoding="utf-8")
        assert "missing section" not in text
        if fmt == "html":
            assert "#ns-clause-dnt-gpc-no-sale" in text  # the link leads to the swapped-in section
        elif fmt == "md":  # to the swapped-in section's heading, by the id GitHub and GitLab give it
            heading = next(line for line in text.splitlines() if line.startswith("#") and "Do Not Track" in line)
            slug = re.sub(r"[^\w\- ]", "", heading.lstrip("# ").lower()).replace(" ", "-")
            assert f"(#{slug})" in text, slug


def test_the_sale_wording_says_shared_when_only_sharing_is_recorded(
    shared_only: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "practice-sale-unrecorded" not in _rules(shared_only, capsys)
    out = tmp_path / "x.md"
    _run("export", str(shared_only), "--version", "draft", "--format", "md", "--out", str(out))
    assert "In the past 12 months, we shared the personal information in this table" in out.read_text("utf-8")


def test_a_check_hint_naming_a_library_clause_works_as_a_place(
    shared_only: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _run("clause", "insert", str(shared_only), "ccpa-opt-out", "--after", "ccpa-disclosed-sold-shared")
    capsys.readouterr()
    _run("outline", str(shared_only), "--json")
    outline = capsys.readouterr().out
    assert outline.index('"ccpa-no-sale"') < outline.index('"ccpa-opt-out"')


def _report(folder: Path, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    capsys.readouterr()
    main(["check", str(folder), "--json"])
    report: dict[str, object] = json.loads(capsys.readouterr().out)
    return report


def test_sharing_with_no_purpose_is_a_finding_and_covers_nothing(
    shared_only: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def california(report: dict[str, object]) -> dict[str, list[str]]:
        found = next(c for c in report["coverage"] if c["jurisdiction"] == "ccpa")  # type: ignore[attr-defined]
        return {"satisfied": [e["element"] for e in found["satisfied"]], "missing": list(found["missing"])}

    before = _report(shared_only, capsys)
    assert "ccpa_purpose_selling_sharing" in california(before)["satisfied"]
    _run("practices", "set", str(shared_only), "shared.purposes=")
    after = _report(shared_only, capsys)
    findings = [f for f in after["findings"] if f["rule"] == "practice-sale-purpose-missing"]  # type: ignore[attr-defined]
    assert [f["excerpt"] for f in findings] == ["shared.purposes"]
    assert "no purpose" in findings[0]["message"] and "§1798.110(c)(3)" in findings[0]["message"]
    assert "ccpa_purpose_selling_sharing" in california(after)["missing"]


def test_a_recorded_purpose_or_recipient_kind_the_gdpr_sections_never_name_is_a_warning() -> None:
    from notice_studio.core.checks import load_context, run_checks
    from notice_studio.core.library.templates import build_notice
    from notice_studio.core.practices.model import Purpose, Recipient

    ctx = load_context()
    notice = build_notice("saas-eu-uk-ca", "Acme Ltd")
    practices = notice.practices
    assert practices is not None

    def unnamed() -> list[str]:
        rules = ("practice-purpose-unnamed", "practice-recipient-unnamed")
        return [f.message for f in run_checks(notice, ctx).findings if f.rule in rules]

    assert unnamed() == []  # the template's practices agree with its text
    practices.purposes.append(Purpose("loyalty", "Running the Kestrel Club", "contract"))
    practices.recipients.append(Recipient("adnet", "Advertising partners", "advertising"))
    practices.categories[0].purposes.append("loyalty")
    practices.categories[0].disclosed_to.append("adnet")
    found = unnamed()
    assert len(found) == 2
    purpose, recipient = found
    assert "'Running the Kestrel Club'" in purpose and "'How we use your information'" in purpose
    assert "Art. 13(1)(c)" in purpose and "GDPR and UK GDPR" in purpose
    assert "'Advertising partners'" in recipient and "Art. 13(1)(e)" in recipient

    purposes = notice.find("purposes")
    purposes.body += "\n- **To run the Kestrel Club:** awarding and redeeming your points.\n"
    sharing = notice.find("sharing-recipients")
    sharing.body += "\n- **Advertisers**, who show our adverts on other sites when you agree to it.\n"
    assert unnamed() == []

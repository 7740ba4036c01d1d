"""Section links in the Markdown export lead somewhere on the hosts people publish Markdown on:
to the id GitHub and GitLab give the section's heading (found by the new-user bug bash: 74 links,
no targets)."""

from __future__ import annotations

import re
import unicodedata

from notice_studio.core.export.markdown import markdown_is_inert, notice_markdown_text
from notice_studio.core.notice.model import Clause, Notice


def github_heading_id(text: str) -> str:
    """GitHub's rule, written out: lower case, keep letters, marks, numbers, connector
    punctuation, spaces and hyphens, then spaces become hyphens."""
    kept = "".join(ch for ch in text.strip().lower() if ch in " -" or unicodedata.category(ch)[0] in "LMN" or ch == "_")
    return kept.replace(" ", "-")


def _heading_ids(markdown: str) -> list[str]:
    ids: list[str] = []
    for heading in re.findall(r"^#{1,6} (.*)$", markdown, re.M):
        base = github_heading_id(re.sub(r"\\(.)", r"\1", heading))
        ids.append(f"{base}-{ids.count(base)}" if base in ids else base)
    return ids


def test_every_section_link_leads_to_a_heading() -> None:
    notice = Notice(title="Privacy notice")
    notice.add(Clause("intro", "About this notice", "See [[contact]] and [how to reach us](#ns-clause-contact)."))
    notice.add(Clause("rights", "Your rights: what they are", "Ask us ([[contact]]); see also [this](#intro)."))
    notice.add(Clause("contact", "Contact us", "Write to us."))
    text = notice_markdown_text(notice)
    links = re.findall(r"\]\(#([^)]*)\)", text)
    assert len(links) == 4
    assert set(links) <= set(_heading_ids(text)), text
    assert "](#3-contact-us)" in text and "](#1-about-this-notice)" in text
    assert markdown_is_inert(text)  # no raw HTML anchors

"""The printed page of the PDF and Word exports: one rule for the paper, the margins and how small
a wide table's type may go."""

from __future__ import annotations

from collections.abc import Iterable

US_LAWS = frozenset({"ccpa", "caloppa", "ca_bpc_22581", "coppa"})
"""The laws of the United States (where Letter paper is the norm)."""

PAPER_MM = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}
PAGE_MARGINS_MM = (18.0, 16.0, 18.0, 20.0)
"""Left, top, right, bottom (the PDF numbers pages in the bottom margin)."""
TABLE_POINT_SIZES = (9.0, 8.0, 7.0)
"""A table too wide for the page at the body's size is set in the first of these that fits."""


def paper_for(jurisdictions: Iterable[str]) -> str:
    """'Letter' for a notice whose laws are all United States ones, 'A4' otherwise (and for none)."""
    laws = {j.lower() for j in jurisdictions}
    return "Letter" if laws and laws <= US_LAWS else "A4"

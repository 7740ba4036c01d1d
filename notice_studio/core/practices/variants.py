"""Which variant of a clause fits the practices (e.g. the no-sale GPC clause when nothing is sold).

for clause_id, wanted in variant_swaps(notice):   # clauses whose variant no longer fits
    ...  # the workspace offers to replace `clause_id` with library clause `wanted`
"""

from __future__ import annotations

from collections.abc import Callable

from notice_studio.core.notice.model import Notice
from notice_studio.core.practices.model import Practices

VARIANT_CHOICES: tuple[tuple[tuple[str, str], Callable[[Practices], bool]], ...] = (
    (("ccpa-disclosed-sold-shared", "ccpa-no-sale"), lambda p: p.sells_or_shares),
    (("dnt-gpc", "dnt-gpc-no-sale"), lambda p: p.sells_or_shares),
)
"""((variant when the test holds, variant when it does not), test on the practices)."""
WHY: dict[str, str] = {
    "ccpa-disclosed-sold-shared": "the practices record personal information sold or shared",
    "ccpa-no-sale": "the practices record nothing sold or shared",
    "dnt-gpc": "the practices record personal information sold or shared, so a GPC signal is an opt-out",
    "dnt-gpc-no-sale": "the practices record nothing sold or shared, so a GPC signal changes nothing",
}
"""Why a variant fits, in counsel's words (for the proposal)."""


def variant_for(library_id: str, practices: Practices) -> str:
    """The library clause id that fits `practices` among `library_id` and its variants."""
    for (when_true, when_false), test in VARIANT_CHOICES:
        if library_id in (when_true, when_false):
            return when_true if test(practices) else when_false
    return library_id


def variant_swaps(notice: Notice) -> list[tuple[str, str]]:
    """(clause id, library id that should replace it) for each clause whose variant contradicts
    the practices."""
    if notice.practices is None:
        return []
    swaps = []
    for clause in notice.all_clauses():
        if clause.provenance is None:
            continue
        wanted = variant_for(clause.provenance.library_id, notice.practices)
        if wanted != clause.provenance.library_id:
            swaps.append((clause.id, wanted))
    return swaps

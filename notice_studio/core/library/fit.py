"""Does a library clause fit a notice's laws? The one rule the insert warning, the Library
panel's preview and the `clause-law-not-applied` check share."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from notice_studio.core.library.jurisdictions import IN_APP
from notice_studio.core.library.jurisdictions import label as law_label
from notice_studio.core.library.types import LibraryClause


def law_names(jurisdictions: Iterable[str]) -> str:
    """'California — CCPA/CPRA and EU/EEA — GDPR': the laws in words."""
    from notice_studio.core.wording import and_list

    return and_list([law_label(j, j.upper()) for j in jurisdictions])


@dataclass(frozen=True)
class LawMismatch:
    """A clause written only for laws the notice does not apply, and the variants that fit."""

    library_id: str
    title: str
    laws: tuple[str, ...]
    notice_laws: tuple[str, ...]
    variants: tuple[str, ...] = ()
    """Library variants of the clause written for one of the notice's laws."""

    @property
    def message(self) -> str:
        return (
            f"'{self.title}' is written for {law_names(self.laws)}, which this notice does not apply "
            f"(it is written for {law_names(self.notice_laws)})."
        )

    @property
    def short(self) -> str:
        """The message without the notice's own laws (for a status bar)."""
        law = "a law" if len(self.laws) == 1 else "laws"
        return f"'{self.title}' is written for {law_names(self.laws)}, {law} this notice does not apply."

    def fix(self, clause_id: str = "CLAUSE") -> str:
        """What to do, in the command line's words."""
        if self.variants:
            return (
                f"Switch to the variant '{self.variants[0]}' (notice-studio clause variant DIR {clause_id} "
                f"{self.variants[0]}), or add the law if it applies (notice-studio laws DIR --add {self.laws[0]})."
            )
        return f"Take the clause out, or add the law if it applies (notice-studio laws DIR --add {self.laws[0]})."

    @property
    def app_fix(self) -> str:
        """What to do, in the app's words (the laws are chosen in the notice's settings)."""
        add = f"add {law_names(self.laws[:1])} to the notice's laws in {IN_APP} if it applies"
        if self.variants:
            return f"Switch to the variant '{self.variants[0]}' (Library panel: Use this variant), or {add}."
        return f"Take the clause out, or {add}."


def law_mismatch(
    clause: LibraryClause, notice_laws: Sequence[str], variants: Iterable[LibraryClause] = ()
) -> LawMismatch | None:
    """How `clause` misses the notice's laws; None when it fits (or the notice names no law).
    `variants` are its variants in the library (`Library.variants_of`): those that fit are named."""
    if not notice_laws or clause.applies_to(notice_laws):
        return None
    fitting = tuple(v.id for v in variants if v.applies_to(notice_laws))
    return LawMismatch(clause.id, clause.title, clause.jurisdictions, tuple(notice_laws), fitting)

"""ImportedOutline -> Notice: one clause per section, sub-sections nested, text kept as imported."""

from __future__ import annotations

from collections.abc import Sequence

from notice_studio.core.checks.references import typed_links
from notice_studio.core.importer.dates import IMPORTED_EFFECTIVE
from notice_studio.core.importer.outline import ImportedOutline
from notice_studio.core.importer.page_links import relink, targets
from notice_studio.core.importer.tables import TableChoice, move_tables_out
from notice_studio.core.library.jurisdictions import normalise
from notice_studio.core.notice.languages import ENGLISH, detect_language, normalise_language
from notice_studio.core.notice.model import Clause, Notice, check_clause_id, unique_clause_id


def outline_text(outline: ImportedOutline) -> str:
    """Every section's title and text, for telling the laws and the language the text names."""
    return "\n".join(s.title + "\n" + s.body for s in outline.sections)


def build_notice(
    outline: ImportedOutline,
    *,
    organisation: str = "",
    jurisdictions: Sequence[str] | None = None,
    title: str | None = None,
    tables: TableChoice = False,
    language: str | None = None,
) -> Notice:
    """The notice for an outline. `jurisdictions` None means: the laws the text itself names. Its
    language is `language` when given (a code or name, see normalise_language), else the one whose
    common words the text uses (English when they do not tell).

    `tables`: which tables found in the text become notice tables (tables/*.csv), each embedded
    in its clause where it stood: all (True), none (False) or the numbers the report gives them;
    the others stay Markdown tables in the clause text."""
    if jurisdictions is None:
        from notice_studio.core.importer.topics import mentioned_jurisdictions

        jurisdictions = mentioned_jurisdictions(outline_text(outline))
    notice = Notice(
        title=" ".join((title or "").split()) or " ".join(outline.title.split()) or "Privacy Notice",
        organisation=organisation.strip(),
        language=normalise_language(language) if language else detect_language(outline_text(outline)) or ENGLISH,
        jurisdictions=normalise(list(jurisdictions)),
    )
    if notice.organisation:
        notice.variables["organisation.name"] = notice.organisation
    if outline.stated_date:
        notice.settings[IMPORTED_EFFECTIVE] = outline.stated_date
    above: list[Clause] = []  # the clause at each level above the next one
    made: list[Clause] = []
    # The tree is built here with the ids kept in a set: Notice.add and new_clause_id walk the whole
    # notice each time, which made a notice of thousands of sections take minutes to import.
    taken: set[str] = set()
    suffixes: dict[str, int] = {}
    for section in outline.sections:
        clause_title = " ".join(section.title.split()) or "Untitled section"
        clause = Clause(
            id=unique_clause_id(clause_title, taken, suffixes),
            title=clause_title,
            body=section.body.strip("\n"),
            topics=list(section.topics),
        )
        if section.original_number:
            clause.meta["original_number"] = section.original_number
        if section.topic_evidence:
            clause.meta["topic_evidence"] = section.topic_evidence
        check_clause_id(clause.id)
        taken.add(clause.id)
        del above[max(section.level, 1) - 1 :]  # under the clause one level up (or the deepest open)
        (above[-1].children if above else notice.clauses).append(clause)
        above.append(clause)
        made.append(clause)
    places = targets(outline.sections)
    ids = [c.id for c in made]  # once: a list made for each clause was quadratic in a long notice
    for clause in made:
        clause.body = relink(clause.body, places, ids)
    if tables:
        move_tables_out(notice, tables)
    link_typed_references(notice)
    return notice


def link_typed_references(notice: Notice) -> None:
    """Replace each typed 'section N' that names a section by its number in the original with a
    cross-reference to it: Notice Studio numbers sections itself (the opening text is section 1),
    so a typed number would point one section early, and go stale whenever sections move."""
    clauses = {clause.id: clause for clause, _, _ in notice.walk()}
    for link in reversed(typed_links(notice)):  # from the end, so the offsets before each still hold
        clause = clauses[link.clause_id]
        clause.body = f"{clause.body[: link.start]}[[{link.target_id}]]{clause.body[link.end :]}"


def commit_message(outline: ImportedOutline) -> str:
    """The first commit's message, in the words the history shows."""
    return f"Imported '{outline.source_name}'"

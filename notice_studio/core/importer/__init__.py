"""Import an existing notice (.txt, .md, .html, .docx, .pdf) as a new notice project.

    outline = import_file("privacy.html")        # read, find sections, tag topics
    outline = import_source("https://example.com/privacy")   # a file's path or a web address
    outline = merge(outline, 3)                  # adjust in the preview (pure functions)
    report = create_notice(outline, "acme-notice", organisation="Acme Ltd")

The first commit of the new notice is the imported text (converted to Markdown), so later
diffs show the user's improvements.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from notice_studio.core.importer.blocks import Block, ImportProblem, SourceDocument
from notice_studio.core.importer.build import build_notice, commit_message
from notice_studio.core.importer.outline import (
    ImportedOutline,
    ImportedSection,
    merge,
    move_levels,
    remove,
    rename,
    set_level,
    set_topics,
    split,
)
from notice_studio.core.importer.readers import (
    FORMATS,
    PASTED,
    SUPPORTED_TEXT,
    read_bytes,
    read_document,
    read_pasted,
)
from notice_studio.core.importer.report import ImportReport, make_report
from notice_studio.core.importer.sections import detect_outline
from notice_studio.core.importer.tables import FoundTable, TableChoice, found_tables
from notice_studio.core.importer.topics import known_topics, mentioned_jurisdictions, tag_section
from notice_studio.core.progress import Progress, counted

if TYPE_CHECKING:
    from notice_studio.core.notice.store import Author


def tag_outline(outline: ImportedOutline, progress: Progress | None = None) -> ImportedOutline:
    """Every section tagged with the library topics it covers (hand-chosen topics are kept)."""
    sections = []
    total = len(outline.sections)
    for section in counted(outline.sections, total, "Finding the topics of the sections", progress):
        if section.topics_by_hand:
            sections.append(section)
            continue
        topics, evidence = tag_section(section.title, section.body)
        sections.append(replace(section, topics=topics, topic_evidence=evidence))
    return replace(outline, sections=tuple(sections))


def outline_from_document(document: SourceDocument, progress: Progress | None = None) -> ImportedOutline:
    if progress:
        progress(0, 0, "Finding the sections")
    return tag_outline(detect_outline(document), progress)


def import_file(path: str | os.PathLike[str], progress: Progress | None = None) -> ImportedOutline:
    """Read a notice file and find its sections and topics; raises ImportProblem for bad files."""
    if progress:
        progress(0, 0, f"Reading {Path(path).name}")
    return outline_from_document(read_document(path), progress)


def import_source(source: str | os.PathLike[str], progress: Progress | None = None) -> ImportedOutline:
    """A notice file's path, or the web address of the notice's page (or PDF or Word file), read
    and outlined; raises ImportProblem in one sentence. The app and the command line both call it."""
    from notice_studio.core.importer.fetch import fetch_document, is_web_address

    if isinstance(source, str) and is_web_address(source):
        return outline_from_document(fetch_document(source), progress)
    if isinstance(source, str) and source.strip().lower().startswith("file://"):
        # a file dragged from a file manager into a terminal: its address, not its path
        import urllib.parse
        import urllib.request

        source = urllib.request.url2pathname(urllib.parse.urlsplit(source.strip()).path)
    return import_file(source, progress)


def import_pasted(text: str, html: str = "") -> ImportedOutline:
    """The notice counsel copied and pasted: the clipboard's HTML if any (it keeps the headings),
    else its plain text; raises ImportProblem when there is nothing to import."""
    return outline_from_document(read_pasted(text, html))


def check_destination(folder: str | os.PathLike[str]) -> Path:
    """Refuse a destination that is a file or a folder with something in it."""
    path = Path(folder).expanduser().absolute()
    if path.exists() and not path.is_dir():
        raise ImportProblem(f"{path} is a file; choose a new folder name for the imported notice.")
    if path.is_dir() and any(path.iterdir()):
        raise ImportProblem(
            f"{path} already exists and is not empty; choose a new or empty folder for the imported notice."
        )
    return path


def preview_report(
    outline: ImportedOutline,
    *,
    organisation: str = "",
    jurisdictions: Sequence[str] | None = None,
    title: str | None = None,
    tables: TableChoice = False,
    language: str | None = None,
) -> ImportReport:
    """The report for an outline without creating anything (the CLI's --dry-run, the UI preview).
    `language`: the notice's language chosen by the user; None takes the one the text's words tell."""
    notice = build_notice(
        outline, organisation=organisation, jurisdictions=jurisdictions, title=title, tables=tables, language=language
    )
    return make_report(outline, notice, language_chosen=language is not None)


def create_notice(
    outline: ImportedOutline,
    folder: str | os.PathLike[str],
    *,
    organisation: str = "",
    jurisdictions: Sequence[str] | None = None,
    title: str | None = None,
    author: Author | None = None,
    tables: TableChoice = False,
    progress: Progress | None = None,
    language: str | None = None,
) -> ImportReport:
    """Create the notice project in `folder` (new or empty): first commit "Imported '<file>'".

    `tables`: the tables found in the text that become the notice's tables: all, none or the numbers
    the report gives them (see importer/tables.py). `progress` hears how far storing and checking got."""
    from notice_studio.core.notice.store import NoticeRepo

    check_destination(folder)
    notice = build_notice(
        outline, organisation=organisation, jurisdictions=jurisdictions, title=title, tables=tables, language=language
    )
    with NoticeRepo.create(folder, notice, author, message=commit_message(outline), progress=progress) as repo:
        path = str(repo.path)
    if progress:
        progress(0, 0, "Checking the new notice")
    return make_report(outline, notice, created=path, language_chosen=language is not None)


__all__ = [
    "FORMATS",
    "PASTED",
    "SUPPORTED_TEXT",
    "Block",
    "FoundTable",
    "ImportProblem",
    "ImportReport",
    "ImportedOutline",
    "ImportedSection",
    "SourceDocument",
    "TableChoice",
    "build_notice",
    "check_destination",
    "commit_message",
    "create_notice",
    "detect_outline",
    "found_tables",
    "import_file",
    "import_pasted",
    "import_source",
    "known_topics",
    "make_report",
    "mentioned_jurisdictions",
    "merge",
    "move_levels",
    "outline_from_document",
    "preview_report",
    "read_bytes",
    "read_document",
    "read_pasted",
    "remove",
    "rename",
    "set_level",
    "set_topics",
    "split",
    "tag_outline",
    "tag_section",
]

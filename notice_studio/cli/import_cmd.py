"""`notice-studio import FILE DIR`: an existing notice (.txt, .md, .html, .docx, .pdf) -> a new notice project.

FILE may be the notice's web address (https://...), fetched and read as its type says. FILE `-`
reads the notice from standard input: plain text, Markdown, or HTML such as a browser's clipboard
holds (`xclip -o -selection clipboard -t text/html | notice-studio import - DIR`)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from notice_studio.cli.common import CommandError, add_json, print_json, split_list
from notice_studio.cli.common import author as cli_author
from notice_studio.cli.progress import StderrProgress

if TYPE_CHECKING:
    from notice_studio.core.importer import ImportedOutline


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import",
        help="make a new notice from an existing one (.txt, .md, .html, .docx or .pdf)",
        description="Import a published notice: its sections become clauses tagged with topics, and the first "
        "saved version is the imported text, so later changes show as edits.",
    )
    p.add_argument(
        "file",
        metavar="FILE",
        help="the notice to import (.txt, .md, .html, .docx or .pdf), its web address (https://...), "
        "or - to read it (text, Markdown or HTML) from standard input",
    )
    p.add_argument("folder", metavar="DIR", help="the new notice folder (must not exist, or be empty)")
    p.add_argument(
        "--jurisdiction",
        action="append",
        metavar="LIST",
        help="laws to check against, e.g. gdpr,uk_gdpr (default: those the text names)",
    )
    p.add_argument("--org", default="", metavar="NAME", help="the organisation's name")
    p.add_argument("--title", default=None, help="the notice's title (default: the title found in the file)")
    p.add_argument(
        "--tables",
        nargs="?",
        const="all",
        default=None,
        metavar="LIST",
        help="make the tables found in the text into notice tables (tables/*.csv) instead of text: all of "
        "them, or those numbered in LIST as the report (or --dry-run) numbers them, e.g. --tables 1,3",
    )
    p.add_argument(
        "--language",
        default=None,
        metavar="CODE",
        help="the language the notice is written in, e.g. de or pt-BR (default: the one its words tell)",
    )
    p.add_argument("--dry-run", action="store_true", help="show what would be imported without creating anything")
    add_json(p)
    p.set_defaults(func=cmd_import)


def cmd_import(args: argparse.Namespace) -> int:
    from notice_studio.core.importer import check_destination, create_notice, preview_report
    from notice_studio.core.importer.report import report_text
    from notice_studio.core.notice.languages import normalise_language

    if args.language is not None:
        args.language = normalise_language(args.language)  # refuse before the (possibly slow) reading
    if not args.dry_run:
        check_destination(args.folder)  # refuse before the (possibly slow) reading
    progress = StderrProgress()
    outline = _read(args.file, progress)
    jurisdictions = split_list(args.jurisdiction) or None
    options = {
        "organisation": args.org,
        "jurisdictions": jurisdictions,
        "title": args.title,
        "tables": _table_choice(args.tables),
        "language": args.language,
    }
    if args.dry_run:
        report = preview_report(outline, **options)
    else:
        report = create_notice(outline, args.folder, author=cli_author(), progress=progress, **options)
    if args.json:
        data = report.as_dict()
        data["dry_run"] = bool(args.dry_run)
        print_json(data)
        return 0
    print(report_text(report))
    if not report.jurisdictions:
        print()
        print(
            "Hint: name the laws that apply with --jurisdiction, e.g. 'notice-studio import "
            f"{args.file} {args.folder} --jurisdiction gdpr,uk_gdpr'."
        )
    if report.tables_found and not report.tables_made:
        print()
        if len(report.tables_found) == 1:
            print("Hint: add --tables to make the table found into a notice table you can edit as a table.")
        else:
            print(
                "Hint: add --tables to make the tables found into notice tables you can edit as tables, "
                "or --tables 1,2 for some of them (numbered as above)."
            )
    if not args.dry_run:
        print()
        print(f"Next: review it with 'notice-studio outline {args.folder}' and 'notice-studio check {args.folder}'.")
    return 0


def _read(file: str, progress: StderrProgress) -> ImportedOutline:
    from notice_studio.core.importer import import_source, outline_from_document, read_bytes

    if file != "-":
        return import_source(file, progress)
    if sys.stdin.isatty():
        print("Paste the notice, then press Ctrl+D (on Windows Ctrl+Z, then Enter).", file=sys.stderr)
    # Text that starts like a web page, or has Markdown's '#' headings, is read as such (read_bytes
    # looks), so copied HTML and piped Markdown keep their headings.
    data = sys.stdin.buffer.read()
    if not data.strip():
        raise CommandError(
            "Nothing came in on standard input; pipe the notice in, e.g. 'notice-studio import - DIR < notice.txt'."
        )
    return outline_from_document(read_bytes(data, "standard input", "txt"), progress)


def _table_choice(value: str | None) -> bool | list[int]:
    """--tables: absent (none), bare or 'all' (every table), or a list of table numbers."""
    if value is None:
        return False
    if value.strip().lower() == "all":
        return True
    numbers = []
    for part in split_list([value]):
        if not part.isdigit() or int(part) < 1:
            raise CommandError(
                f"'{part}' is not a table number; give the numbers the import report shows, e.g. --tables 1,3."
            )
        numbers.append(int(part))
    return numbers

"""Commands `export` (one version in one format) and `site` (the website folder)."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import notice_studio.qt_export  # noqa: F401 - registers the PDF exporter
from notice_studio.cli.common import CommandError, add_folder, add_version, open_notice, open_workspace
from notice_studio.cli.output import write_data, write_output
from notice_studio.core.export.default_version import (
    default_export_version,
    draft_export_note,
    is_draft,
    upcoming_export_note,
)
from notice_studio.core.export.formats import BINARY_FORMATS as _BINARY
from notice_studio.core.export.formats import FORMATS
from notice_studio.core.fileio import output_file
from notice_studio.core.wording import plural

_FORMAT_NAMES = {
    "html": "an HTML page",
    "fragment": "an HTML fragment",
    "md": "Markdown",
    "txt": "plain text",
    "pdf": "PDF",
    "docx": "a Word document",
}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="export a version as HTML, an HTML fragment, Markdown, text, PDF or Word")
    add_folder(p)
    add_version(
        p,
        None,
        "v1, v2, ..., draft, or a saved edit (default: the latest published version; the draft only when asked)",
    )
    p.add_argument("--format", required=True, choices=FORMATS, help="what to write")
    p.add_argument(
        "--out", required=True, metavar="PATH", help="the file to write ('-' prints html, fragment, md or txt)"
    )
    p.add_argument("--width", type=int, default=78, help="line width for txt (0 keeps one line per paragraph)")
    p.add_argument(
        "--bare",
        action="store_true",
        help="fragment only: markup for a site whose own CSS styles the ns- classes (the one style kept makes "
        "the contents links 24 px tall, the WCAG 2.2 minimum target size)",
    )
    p.add_argument(
        "--inline-styles", action="store_true", help="fragment only: kept for old scripts; styles are now the default"
    )
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("site", help="write the website folder: current notice, earlier versions, changes, feed")
    add_folder(p)
    p.add_argument("--out", required=True, metavar="FOLDER", help="the folder to create or update")
    p.add_argument(
        "--base-url",
        default=None,
        metavar="URL",
        help="the folder's public address (http:// or https://), for absolute feed links",
    )
    p.add_argument(
        "--force", action="store_true", help="replace files in the folder that Notice Studio did not write there"
    )
    p.set_defaults(func=cmd_site)


def cmd_export(args: argparse.Namespace) -> int:
    if args.out == "-" and args.format in _BINARY:
        raise CommandError(f"A {args.format.upper()} file cannot be printed; give a file name with --out")
    from notice_studio.core.export.formats import SUFFIXES

    out = Path(args.out) if args.out == "-" else output_file(args.out, kind=args.format, suffixes=SUFFIXES)
    with open_workspace(args.folder, read_draft=False) as ws:  # a version is read from the history alone
        versions = ws.repo.versions()
        if args.at is None:
            args.at = default_export_version(versions)
            if args.at is None:
                ws.notice  # noqa: B018 - a damaged draft is named first: it is what to fix
                raise CommandError(
                    "Nothing is published yet, so there is no version to export; "
                    "publish one, or export the draft for review with --version draft"
                )
        elif is_draft(args.at):
            print(f"notice-studio: note: {draft_export_note(versions)}", file=sys.stderr)
        later = upcoming_export_note(args.at, versions, dt.date.today())
        if later:
            print(f"notice-studio: note: {later}", file=sys.stderr)
        exported = ws.export(args.format, args.at, width=args.width, bare=args.bare)
    content, rendered = exported.content, exported.rendered
    for warning in exported.warnings:
        print(f"notice-studio: warning: {warning}", file=sys.stderr)
    if rendered.unfilled:
        names = list(rendered.unfilled)
        shown = ", ".join(names[:5]) + (" ..." if len(names) > 5 else "")
        print(
            f"notice-studio: warning: {len(names)} placeholder{'s are' if len(names) != 1 else ' is'} unfilled "
            f"({shown}) and show{'' if len(names) != 1 else 's'} as a marker in the export; fill "
            f"{'them' if len(names) != 1 else 'it'} with 'notice-studio set'.",
            file=sys.stderr,
        )
    if args.out == "-":
        assert isinstance(content, str)  # binary formats were refused above
        write_data(content)
        return 0
    write_output(out, content)
    label = "the draft" if is_draft(args.at) else args.at
    print(f"Wrote {label} as {_FORMAT_NAMES[args.format]} to {out}.")
    return 0


def cmd_site(args: argparse.Namespace) -> int:
    from notice_studio.core.export.site import SiteOverwriteError, build_site

    with open_notice(args.folder) as repo:
        try:
            result = build_site(repo, args.out, base_url=args.base_url, force=args.force)
        except SiteOverwriteError as exc:
            raise CommandError(f"{str(exc).rstrip('.')}, or build again with --force to replace it") from None
    print(
        f"Website folder {result.folder}: {plural(len(result.written), 'file')} "
        f"written, {len(result.unchanged)} unchanged; {len(result.made)} of {plural(result.versions, 'version page')} "
        "made again (the others were up to date)."
    )
    if result.next_build is not None:
        print(
            f"An upcoming version takes effect on {result.next_build.isoformat()}: build the website folder again "
            "on that day (a daily scheduled build does it for you)."
        )
    if not result.redlines:
        print("notice-studio: note: redline pages are not available in this installation.", file=sys.stderr)
    return 0

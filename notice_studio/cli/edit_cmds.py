"""Editing commands: clause add|insert|move|remove|rename|edit, laws, settings, table, restore, history.

Each parses its arguments, calls one workspace action and saves: the same rules as the app.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from notice_studio.cli.common import (
    CommandError,
    Prompt,
    add_folder,
    add_json,
    name_values,
    open_workspace,
    print_json,
    version_ref,
)
from notice_studio.cli.library_cmd import KEPT, add_keep, add_library_dir
from notice_studio.cli.output import write_data
from notice_studio.core.wording import plural

if TYPE_CHECKING:
    from notice_studio.core.workspace import Workspace


def register(sub: argparse._SubParsersAction) -> None:
    clause = sub.add_parser("clause", help="add, insert, move, remove, rename or edit a clause")
    actions = clause.add_subparsers(dest="clause_action", metavar="ACTION", required=True)

    p = actions.add_parser("add", help="add a clause written for this notice (text from --file or stdin)")
    add_folder(p)
    p.add_argument("--title", required=True, help="the clause's title")
    _add_body_source(p)
    _add_place(p)
    p.set_defaults(func=cmd_clause_add)

    p = actions.add_parser("insert", help="insert a clause from the library")
    add_folder(p)
    p.add_argument("library_id", metavar="LIBRARY_ID", help="the library clause ('notice-studio library' lists them)")
    _add_place(p)
    p.add_argument(
        "--again", action="store_true", help="insert it even though a section already came from this library clause"
    )
    p.set_defaults(func=cmd_clause_insert)

    p = actions.add_parser(
        "variant",
        help="list a library clause's variants (other laws' wordings), or switch the clause to one",
        description=(
            "Without VARIANT: list the variants of the library clause CLAUSE came from. With it: put "
            "that variant in place of the clause (its id and place stay), keeping your edits where they "
            "merge; where you and the variant changed the same words it asks, or follows --keep."
        ),
    )
    add_folder(p)
    p.add_argument("clause_id", metavar="CLAUSE")
    p.add_argument("variant_id", metavar="VARIANT", nargs="?", help="the library id of the variant to use")
    add_keep(p)
    add_library_dir(p)
    p.set_defaults(func=cmd_clause_variant)

    p = actions.add_parser("move", help="move a clause after, before or under another, or one step")
    add_folder(p)
    p.add_argument("clause_id", metavar="ID")
    _add_place(p)
    for step in ("up", "down", "indent", "outdent"):
        p.add_argument(f"--{step}", dest="step", action="store_const", const=step, help=f"move one step: {step}")
    p.set_defaults(func=cmd_clause_move)

    p = actions.add_parser("remove", help="delete a clause and its sub-clauses (history keeps them)")
    add_folder(p)
    p.add_argument("clause_id", metavar="ID")
    p.add_argument("--yes", action="store_true", help="do not ask, even when the clause has sub-clauses")
    p.set_defaults(func=cmd_clause_remove)

    p = actions.add_parser("rename", help="give a clause a new title (its id stays)")
    add_folder(p)
    p.add_argument("clause_id", metavar="ID")
    p.add_argument("title", metavar="TITLE")
    p.set_defaults(func=cmd_clause_rename)

    p = actions.add_parser("edit", help="replace a clause's text (from --file or stdin)")
    add_folder(p)
    p.add_argument("clause_id", metavar="ID")
    _add_body_source(p)
    p.add_argument("--allow-empty", action="store_true", help="empty the clause when the text given is empty")
    p.set_defaults(func=cmd_clause_edit)

    p = sub.add_parser("laws", help="show the laws the notice covers, or change them")
    add_folder(p)
    group = p.add_mutually_exclusive_group()
    group.add_argument("--set", metavar="LIST", help="exactly these laws, e.g. gdpr,uk_gdpr,ccpa")
    group.add_argument("--add", metavar="LIST", help="add these laws")
    group.add_argument("--remove", metavar="LIST", help="remove these laws")
    add_json(p)
    p.set_defaults(func=cmd_laws)

    p = sub.add_parser(
        "settings",
        help="show or change the notice's settings: advance-notice-days=N, require-approval=yes|no, language=CODE",
    )
    add_folder(p)
    p.add_argument("assignments", nargs="*", metavar="NAME=VALUE", help="e.g. advance-notice-days=30")
    add_json(p)
    p.set_defaults(func=cmd_settings)

    p = sub.add_parser(
        "outside-changes",
        help="files changed outside Notice Studio since the last save: show them, keep them or discard them",
    )
    add_folder(p)
    group = p.add_mutually_exclusive_group()
    group.add_argument("--keep", action="store_true", help="save the changes as an edit")
    group.add_argument("--discard", action="store_true", help="put the files back as last saved")
    add_json(p)
    p.set_defaults(func=cmd_outside_changes)

    table = sub.add_parser("table", help="show, set, import or export a table (cookies, service providers)")
    table_actions = table.add_subparsers(dest="table_action", metavar="ACTION", required=True)
    p = table_actions.add_parser("show", help="print a table (or list the tables when NAME is left out)")
    add_folder(p)
    p.add_argument("name", nargs="?", metavar="NAME")
    add_json(p)
    p.set_defaults(func=cmd_table_show)
    p = table_actions.add_parser("set", help="set cells of one row: ROW COLUMN=VALUE ... (ROW 'new' adds a row)")
    add_folder(p)
    p.add_argument("name", metavar="NAME")
    p.add_argument("row", metavar="ROW")
    p.add_argument("cells", nargs="+", metavar="COLUMN=VALUE")
    p.set_defaults(func=cmd_table_set)
    p = table_actions.add_parser(
        "import", help="replace a table with a CSV file (header row first; commas, semicolons or tabs)"
    )
    add_folder(p)
    p.add_argument("name", metavar="NAME")
    p.add_argument("csv", metavar="CSV")
    p.add_argument("--new", action="store_true", help="make a new table NAME (a clause shows it with [[table:NAME]])")
    p.add_argument(
        "--new-columns", action="store_true", help="take the file's columns even where they differ from the table's"
    )
    p.set_defaults(func=cmd_table_import)
    p = table_actions.add_parser("export", help="write a table as CSV ('-' prints it)")
    add_folder(p)
    p.add_argument("name", metavar="NAME")
    p.add_argument("csv", metavar="CSV")
    p.set_defaults(func=cmd_table_export)

    p = sub.add_parser("restore", help="make an earlier version (or saved edit) the new draft; history is kept")
    add_folder(p)
    p.add_argument("version", metavar="VERSION", type=version_ref, help="v1, v2, ... or a saved edit's commit id")
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("history", help="the saved edits of one clause, newest first")
    add_folder(p)
    p.add_argument("clause_id", metavar="CLAUSE")
    p.add_argument("--limit", type=int, default=None, help="only the newest N edits")
    add_json(p)
    p.set_defaults(func=cmd_history)


def _add_body_source(p: argparse.ArgumentParser) -> None:
    p.add_argument("--file", metavar="F", default=None, help="read the Markdown text from this file (else stdin)")


def _add_place(p: argparse.ArgumentParser) -> None:
    p.add_argument("--after", metavar="ID", default=None, help="place it after this clause")
    p.add_argument("--before", metavar="ID", default=None, help="place it before this clause")
    p.add_argument("--under", metavar="ID", default=None, help="place it as the last sub-clause of this clause")


def _read_body(args: argparse.Namespace, required: bool) -> tuple[str, str]:
    """The clause text from --file or standard input, and where it came from (for messages)."""
    from notice_studio.core.text_input import utf8_text

    if args.file:
        try:
            return utf8_text(Path(args.file).read_bytes(), args.file), args.file
        except OSError as exc:
            raise CommandError(f"{args.file} could not be read ({exc.strerror}); check the path") from None
    if sys.stdin.isatty():
        if required:
            raise CommandError("Give the clause's text with --file F, or pipe it in on standard input")
        return "", "standard input"
    return utf8_text(sys.stdin.buffer.read(), "Standard input", "convert it to UTF-8 and try again"), "standard input"


def _saved(ws: Workspace, done: str) -> int:
    commit = ws.save()
    print(done if commit else "Nothing changed.")
    return 0


# ----- clauses -----------------------------------------------------------------------------
def cmd_clause_add(args: argparse.Namespace) -> int:
    body, _source = _read_body(args, required=False)
    with open_workspace(args.folder, write=True) as ws:
        clause = ws.add_clause(args.title, body, after=args.after, before=args.before, under=args.under)
        return _saved(ws, f"Added '{clause.title}' as section {ws.notice.numbers()[clause.id]} (id {clause.id}).")


def cmd_clause_insert(args: argparse.Namespace) -> int:
    with open_workspace(args.folder, write=True) as ws:
        clause = ws.insert_from_library(
            args.library_id, after=args.after, before=args.before, under=args.under, again=args.again
        )
        mismatch = ws.law_mismatch(args.library_id)
        done = _saved(
            ws,
            f"Inserted '{clause.title}' from the library as section {ws.notice.numbers()[clause.id]} (id {clause.id}).",
        )
        if mismatch is not None:
            print(f"notice-studio: warning: {mismatch.message} {mismatch.fix(clause.id)}", file=sys.stderr)
        problem = ws.library.problem_note(args.library_id)
        if problem:
            print(f"notice-studio: warning: {problem}", file=sys.stderr)
        return done


def cmd_clause_variant(args: argparse.Namespace) -> int:
    from notice_studio.cli.common import Prompt

    write = args.variant_id is not None
    with open_workspace(
        args.folder, write=write, interaction=Prompt(choice=args.keep), library_dirs=args.library_dir
    ) as ws:
        if not write:
            clause = ws.notice.find(args.clause_id)
            variants = ws.variants(args.clause_id)
            if not variants:
                print(f"The library has no variants of '{clause.title}'.")
                return 0
            for variant in variants:
                fits = "" if ws.law_mismatch(variant.id) is None else "  (not for this notice's laws)"
                print(f"  {variant.id}  {variant.title}  ({', '.join(variant.jurisdictions)}){fits}")
            return 0
        update = ws.switch_variant(args.clause_id, args.variant_id)
        if update is None:
            print("Nothing changed.")
            return 0
        kept = KEPT.get(update.kept, "")
        mismatch = ws.law_mismatch(args.variant_id)
        done = _saved(ws, f"'{update.before.title}' now uses the library variant '{args.variant_id}'{kept}.")
        if mismatch is not None:
            print(f"notice-studio: warning: {mismatch.message} {mismatch.fix(args.clause_id)}", file=sys.stderr)
        return done


def cmd_clause_move(args: argparse.Namespace) -> int:
    places = [v for v in (args.after, args.before, args.under, args.step) if v]
    if len(places) != 1:
        raise CommandError(
            "Say where the clause goes with exactly one of --after, --before, --under, --up, --down, --indent or --outdent"
        )
    with open_workspace(args.folder, write=True) as ws:
        if args.step:
            ws.step(args.clause_id, args.step)
        else:
            ws.place(args.clause_id, after=args.after, before=args.before, under=args.under)
        number = ws.notice.numbers()[args.clause_id]
        return _saved(ws, f"Moved '{ws.notice.find(args.clause_id).title}'; it is now section {number}.")


def cmd_clause_remove(args: argparse.Namespace) -> int:
    with open_workspace(args.folder, write=True, interaction=Prompt(yes=args.yes)) as ws:
        clause = ws.notice.find(args.clause_id)
        if not ws.confirm_remove(args.clause_id):
            print("Nothing deleted.")
            return 0
        ws.remove(args.clause_id)
        return _saved(ws, f"Deleted '{clause.title}' (the history keeps it; 'notice-studio restore' brings it back).")


def cmd_clause_rename(args: argparse.Namespace) -> int:
    with open_workspace(args.folder, write=True) as ws:
        old = ws.rename(args.clause_id, args.title)
        return _saved(ws, f"Renamed '{old}' to '{ws.notice.find(args.clause_id).title}'.")


def cmd_clause_edit(args: argparse.Namespace) -> int:
    body, source = _read_body(args, required=True)
    with open_workspace(args.folder, write=True, interaction=Prompt(yes=args.allow_empty, flag="--allow-empty")) as ws:
        if ws.replace_body(args.clause_id, body, source) is None:
            print("Nothing changed.")
            return 0
        return _saved(ws, f"Saved the new text of '{ws.notice.find(args.clause_id).title}'.")


# ----- laws --------------------------------------------------------------------------


def cmd_laws(args: argparse.Namespace) -> int:
    from notice_studio.cli.common import split_list
    from notice_studio.core.library.jurisdictions import label as law_label
    from notice_studio.core.library.jurisdictions import normalise

    change = args.set or args.add or args.remove
    with open_workspace(args.folder, write=bool(change)) as ws:
        current = list(ws.notice.jurisdictions)
        if args.set:
            ws.set_laws(split_list([args.set]))
        elif args.add:
            ws.set_laws(current + split_list([args.add]))
        elif args.remove:
            gone = set(normalise(split_list([args.remove])))
            ws.set_laws([j for j in current if j not in gone])
        if change:
            _saved(ws, "Saved.")
        laws = list(ws.notice.jurisdictions)
    if args.json:
        print_json({"laws": [{"id": j, "name": law_label(j)} for j in laws]})
    elif not change:
        for j in laws:
            print(f"{j}  {law_label(j)}")
    return 0


# ----- the notice's publishing rules ------------------------------------------------------------
def cmd_settings(args: argparse.Namespace) -> int:
    from notice_studio.core.workspace.notice_settings import SETTINGS

    changes = name_values(args.assignments, "advance-notice-days=30")
    with open_workspace(args.folder, write=bool(changes)) as ws:
        for name, value in changes:
            ws.set_setting(name, value)
        if changes:
            _saved(ws, "Saved.")
        values = {name: rule.read(ws.notice) for name, rule in SETTINGS.items()}
    if args.json:
        print_json({"settings": [{"name": n, "value": values[n], "meaning": SETTINGS[n].meaning} for n in SETTINGS]})
    elif not changes:
        for name, rule in SETTINGS.items():
            print(f"{name}: {rule.shown(values[name])} — {rule.meaning}")
    return 0


def cmd_outside_changes(args: argparse.Namespace) -> int:
    from notice_studio.cli.common import author
    from notice_studio.core.notice.store import NoticeRepo
    from notice_studio.core.workspace.outside import KEEP, settle_outside_changes

    settle = args.keep or args.discard
    undone = None
    with NoticeRepo.open(args.folder, write=settle, keep_outside_changes=False) as repo:
        paths = repo.outside_changes()
        diff = repo.outside_diff() if paths and not settle else ""
        unfinished = repo.unfinished_git_work()
        way_out = (  # Keep would be refused while git's own operation is unfinished
            "A"
            + repo.unfinished_sentence(*unfinished)[1:]
            + ", or discard the changes with --discard (which undoes it too)."
            if unfinished
            else "Keep them with --keep (saved as an edit) or discard them with --discard."
        )
        if args.discard:  # also when only files beside the notice's were changed: it ends git's unfinished work
            undone = repo.discard_outside()
        elif args.keep and paths:
            settle_outside_changes(repo, Prompt(choice=KEEP), author())
    if args.json:
        print_json(
            {
                "changed": paths,
                "kept": bool(paths and args.keep),
                "discarded": bool(paths and args.discard),
                "undone_git_operation": undone,
            }
        )
        return 0
    if undone:
        print(undone)
    if not paths:
        if not undone:
            print("No files were changed outside Notice Studio since the last save.")
    elif settle:
        print(("Kept as an edit: " if args.keep else "Put back as last saved: ") + ", ".join(paths))
    else:
        print("Changed outside Notice Studio since the last save: " + ", ".join(paths))
        sys.stdout.write(diff)
        print(way_out)
    return 0


# ----- tables ----------------------------------------------------------------------------------
def cmd_table_show(args: argparse.Namespace) -> int:
    with open_workspace(args.folder) as ws:
        tables = dict(ws.notice.tables)
        table = ws.table(args.name) if args.name is not None else None
    if table is None:
        if args.json:
            print_json({"tables": [{"name": n, "columns": t.columns, "rows": len(t.rows)} for n, t in tables.items()]})
        elif not tables:
            print("This notice has no tables.")
        elif not args.json:
            for name, each in tables.items():
                print(f"{name}  ({len(each.rows)} rows: {', '.join(each.columns)})")
        return 0
    if args.json:
        print_json({"name": args.name, "columns": table.columns, "rows": table.as_dicts()})
        return 0
    for number, row in enumerate(table.rows, start=1):
        print(f"{number}: " + "; ".join(f"{c}={v}" for c, v in zip(table.columns, row, strict=False)))
    return 0


def cmd_table_set(args: argparse.Namespace) -> int:
    values = dict(name_values(args.cells, "Purpose=Sign-in", form="COLUMN=VALUE", strip=False))
    if args.row == "new":
        row = None
    elif args.row.isdigit():
        row = int(args.row)
    else:
        raise CommandError(f"'{args.row}' is not a row number; give 1, 2, ... or 'new' to add a row")
    with open_workspace(args.folder, write=True) as ws:
        ws.set_cell(args.name, row, values)
        return _saved(ws, "Saved.")


def cmd_table_import(args: argparse.Namespace) -> int:
    from notice_studio.core.notice.model import UnknownTableError
    from notice_studio.core.notice.table_csv import ColumnsDifferError
    from notice_studio.core.text_input import utf8_text

    path = Path(args.csv)
    try:
        text = utf8_text(path.read_bytes(), str(path), "save it as UTF-8 (in Excel, Save As > CSV UTF-8) and try again")
    except OSError as exc:
        raise CommandError(f"{path} could not be read ({exc.strerror}); check the path") from None
    with open_workspace(args.folder, write=True) as ws:
        try:
            table = ws.import_table(args.name, text, str(path), create=args.new, new_columns=args.new_columns)
        except UnknownTableError as exc:
            raise CommandError(f"{str(exc).rstrip('.')}; to make a new table, import with --new") from None
        except ColumnsDifferError as exc:
            raise CommandError(
                f"{str(exc).rstrip('.')}; to change the table's columns, import with --new-columns"
            ) from None
        code = _saved(ws, f"Imported {plural(len(table.rows), 'row')} into the table '{args.name}'.")
        if not ws.notice.showing(args.name):
            print(
                f"notice-studio: note: no clause shows it yet; add a line [[table:{args.name}]] to a clause.",
                file=sys.stderr,
            )
        return code


def cmd_table_export(args: argparse.Namespace) -> int:
    from notice_studio.core.fileio import output_file, write_atomic
    from notice_studio.core.notice.table_csv import table_text

    out = None if args.csv == "-" else output_file(args.csv, f"{args.name}.csv")
    with open_workspace(args.folder) as ws:
        table = ws.table(args.name)
    text = table_text(table)
    if out is None:
        write_data(text)
        return 0
    write_atomic(out, text)
    print(f"Wrote the table '{args.name}' to {args.csv}.")
    return 0


# ----- history -----------------------------------------------------------------------------------
def cmd_restore(args: argparse.Namespace) -> int:
    with open_workspace(args.folder, write=True, read_draft=False) as ws:
        commit = ws.restore(args.version)
    print(
        f"The draft is now {args.version} again (saved as a new edit)." if commit else "The draft already matches it."
    )
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    with open_workspace(args.folder) as ws:
        title, present = ws.clause_title(args.clause_id)
        edits = ws.clause_history(args.clause_id, args.limit)
    if args.json:
        print_json(
            {
                "clause": args.clause_id,
                "in_draft": present,
                "edits": [
                    {"commit": e.commit, "author": e.author, "email": e.email, "when": e.when, "message": e.message}
                    for e in edits
                ],
            }
        )
        return 0
    removed = "" if present else ", a section since removed from the draft"
    print(f"Edits of '{title}'{removed} (newest first):")
    for e in edits:
        print(f"  {e.when[:16].replace('T', ' ')}  {e.author}: {e.message}  [{e.commit[:8]}]")
    return 0

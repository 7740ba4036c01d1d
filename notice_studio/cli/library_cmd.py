"""`notice-studio library`: list, search and check the clause library and its templates."""

from __future__ import annotations

import argparse
import sys
import textwrap

from notice_studio.cli.common import CommandError, add_json, print_json
from notice_studio.core.wording import plural, plural_word

JSON_FORMAT = 1
"""Bumped only if the JSON output changes incompatibly."""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "library",
        help="list, search and check library clauses and templates; status/update a notice's clauses",
        description=(
            "List the clause library: the shipped clauses, then folders named in NOTICE_STUDIO_LIBRARY "
            "(separated like PATH) and --library-dir, which add clauses or replace shipped ones by id. "
            "'library status DIR' lists a notice's clauses that have a newer library version; "
            "'library update DIR CLAUSE' brings one up to date, keeping your edits."
        ),
    )
    p.add_argument("action", nargs="?", choices=("status", "update"), help="status or update a notice's clauses")
    p.add_argument("notice_folder", nargs="?", metavar="DIR", help="the notice folder (with status or update)")
    p.add_argument("clause", nargs="?", metavar="CLAUSE", help="the clause to update")
    add_keep(p)
    add_json(p)
    p.add_argument("--search", metavar="TEXT", default=None, help="only clauses whose title or text contain every word")
    p.add_argument("--topic", metavar="T", default=None, help="only clauses of this topic id")
    p.add_argument("--jurisdiction", metavar="J", default=None, help="only clauses for this law (or for all laws)")
    p.add_argument("--show", metavar="ID", default=None, help="print one clause in full, with its guidance")
    p.add_argument("--templates", action="store_true", help="list the notice templates instead of clauses")
    p.add_argument("--problems", action="store_true", help="list problems in library files; exit 1 if there are any")
    add_library_dir(p)
    p.set_defaults(func=cmd_library)


KEPT = {
    "mine": " (your wording kept where you both changed the same words)",
    "library": " (the library's wording taken where you both changed the same words)",
    "both": " (both wordings kept, marked, where you both changed the same words: choose between them)",
}
"""What `--keep` did, said after 'Updated ...' (library update) or 'now uses ...' (clause variant)."""


def add_keep(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--keep",
        choices=("both", "mine", "library"),
        default=None,
        help="where you and the library changed the same words: keep both (marked), yours or the library's",
    )


def add_library_dir(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--library-dir",
        action="append",
        default=[],
        metavar="DIR",
        help="an extra library folder (your firm's clauses), read after the shipped library; repeatable",
    )


def cmd_library(args: argparse.Namespace) -> int:
    if args.action:
        return cmd_library_notice(args)
    from notice_studio.core.library.catalog import load_library
    from notice_studio.core.library.templates import load_templates, template_problems

    library = load_library(args.library_dir)
    templates, template_file_problems = load_templates(library.roots)
    problems = [_problem_row(p) for p in [*library.problems, *template_file_problems]]
    problems += [
        {"path": str(t.path), "line": None, "message": message, "kind": "template", "blocking": True}
        for t in templates
        for message in template_problems(t, library)
    ]
    roots = [{"path": str(root), "shipped": root == library.shipped} for root in library.roots]

    if args.problems:
        if args.json:
            print_json({"format": JSON_FORMAT, "roots": roots, "problems": problems})
        elif not problems:
            print(f"No problems in {plural(len(library), 'clause')} and {plural(len(templates), 'template')}.")
        else:
            for row in problems:
                where = f"{row['path']}, line {row['line']}" if row["line"] else row["path"]
                print(f"{where}: {row['message']}")
            print(f"{plural(len(problems), 'problem')}.", file=sys.stderr)
        return 1 if problems else 0

    if args.templates:
        rows = [_template_row(t) for t in templates]
        if args.json:
            print_json({"format": JSON_FORMAT, "roots": roots, "templates": rows})
        else:
            for row in rows:
                mark = "  (default)" if row["default"] else ""
                print(f"{row['id']}  {row['title']}{mark}")
                print(f"    {', '.join(row['jurisdictions'])}; {plural(row['clauses'], 'clause')}")
                if row["description"]:
                    print(textwrap.fill(row["description"], 96, initial_indent="    ", subsequent_indent="    "))
        return 0

    if args.show:
        clause = library.clause(args.show)
        if args.json:
            print_json({"format": JSON_FORMAT, "clause": clause_row(clause, library)})
            return 0
        _print_clause(clause, library)
        return 0

    if args.topic and args.topic not in library.topics:
        missing = library.missing_folders()
        if missing:
            raise CommandError(
                f"'{args.topic}' is not a topic of the library as read: the library folder {missing[0]} does not "
                "exist, so its topics and clauses are left out; check --library-dir and NOTICE_STUDIO_LIBRARY"
            )
        raise CommandError(f"'{args.topic}' is not a topic; use one of: {', '.join(library.topics)}")
    clauses = library.search(args.search, args.topic, args.jurisdiction)
    if args.json:
        print_json(
            {
                "format": JSON_FORMAT,
                "roots": roots,
                "clauses": [clause_row(c, library) for c in clauses],
                "problems": problems,
            }
        )
        return 0
    if not clauses:
        print(
            "No library clause matches."
            if (args.search or args.topic or args.jurisdiction)
            else "The library is empty."
        )
    current_topic = None
    for clause in clauses:
        if clause.topic != current_topic:
            current_topic = clause.topic
            topic = library.topics.get(clause.topic)
            print(f"{topic.label if topic else clause.topic}:")
        mark = _origin_mark(clause)
        print(f"  {clause.id}  {clause.title}  ({', '.join(clause.jurisdictions)}; v{clause.version}){mark}")
    missing = library.missing_folders()
    for folder in missing:
        print(
            f"notice-studio: note: the library folder {folder} does not exist, so it adds no clauses.", file=sys.stderr
        )
    if len(problems) > len(missing):
        others = len(problems) - len(missing)
        print(
            f"notice-studio: note: {plural(others, 'problem')} in library files; "
            "'notice-studio library --problems' lists them.",
            file=sys.stderr,
        )
    return 0


def _origin_mark(clause) -> str:
    """'  [overrides shipped]  [acme]', '  [firm-b, over firm-a]' and whether it is older, for the list."""
    origin = clause.origin
    if origin is None or origin.shipped:
        return ""
    older = f", older than v{origin.overridden_version}" if clause.version < origin.overridden_version else ""
    if origin.overrides and not origin.overridden_shipped and origin.overridden_root is not None:
        return f"  [{origin.root.name}, over {origin.overridden_root.name}{older}]"
    if origin.overrides:
        return f"  [overrides shipped{older}]  [{origin.root.name}]"
    return f"  [{origin.root.name}]"


def clause_row(clause, library) -> dict:
    """A library clause as stable JSON."""
    topic = library.topics.get(clause.topic)
    origin = clause.origin
    return {
        "id": clause.id,
        "title": clause.title,
        "topic": clause.topic,
        "topic_label": topic.label if topic else clause.topic,
        "jurisdictions": list(clause.jurisdictions),
        "satisfies": list(clause.satisfies),
        "version": clause.version,
        "variables": {
            name: {"label": spec.label, "help": spec.help, "example": spec.example}
            for name, spec in clause.variables.items()
        },
        "placeholders": clause.placeholders(),
        "variants": list(clause.variants),
        "requires": list(clause.requires),
        "guidance": clause.guidance,
        "body": clause.body,
        "origin": {
            "root": str(origin.root) if origin else None,
            "path": str(origin.path) if origin else None,
            "shipped": bool(origin and origin.shipped),
            "overrides": bool(origin and origin.overrides),
            "overridden_path": str(origin.overridden_path) if origin and origin.overridden_path else None,
        },
    }


def _template_row(template) -> dict:
    return {
        "id": template.id,
        "title": template.title,
        "description": template.description,
        "jurisdictions": list(template.jurisdictions),
        "default": template.default,
        "clauses": len(template.clause_ids()),
        "clause_ids": template.clause_ids(),
        "facts": dict(template.facts),
        "tables": sorted(template.tables),
        "path": str(template.path) if template.path else None,
    }


def _problem_row(problem) -> dict:
    return {
        "path": str(problem.path),
        "line": problem.line,
        "message": problem.message,
        "kind": problem.kind,
        "blocking": problem.blocking,
    }


def _print_clause(clause, library) -> None:
    topic = library.topics.get(clause.topic)
    print(f"{clause.title}  [{clause.id}, version {clause.version}]")
    print(f"Topic: {topic.label if topic else clause.topic}; for: {', '.join(clause.jurisdictions)}")
    if clause.satisfies:
        print(textwrap.fill("Satisfies: " + ", ".join(clause.satisfies), 96, subsequent_indent="  "))
    if clause.origin:
        print(f"From: {clause.origin.path}" + _replaces(clause))
    print()
    print(clause.body)
    if clause.variables or clause.placeholders():
        print("\nPlaceholders:")
        for name in clause.placeholders():
            spec = library.variable_spec(name, clause.id)
            label = f" — {spec.label}" if spec else ""
            print(f"  {{{{ {name} }}}}{label}")
    if clause.guidance:
        print("\nGuidance for counsel:")
        print(textwrap.indent(clause.guidance, "  "))
    if clause.variants:
        print(f"\nAlternatives: {', '.join(clause.variants)}")


def _replaces(clause) -> str:
    """'  (replaces the shipped clause of that id)', naming the folder and an older version."""
    origin = clause.origin
    if not origin.overrides:
        return ""
    older = (
        f"; it is an older version than that one's {origin.overridden_version}"
        if clause.version < origin.overridden_version
        else ""
    )
    return f"  (replaces {origin.replaced()}{older})"


def cmd_library_notice(args: argparse.Namespace) -> int:
    """`library status DIR` and `library update DIR CLAUSE`."""
    from notice_studio.cli.common import Prompt, open_workspace
    from notice_studio.core.notice.model import UpToDate

    if not args.notice_folder:
        raise CommandError(f"Give the notice folder: notice-studio library {args.action} DIR")
    if args.action == "update" and not args.clause:
        raise CommandError("Give the clause to update: notice-studio library update DIR CLAUSE")
    write = args.action == "update"
    with open_workspace(
        args.notice_folder, write=write, interaction=Prompt(choice=args.keep), library_dirs=args.library_dir
    ) as ws:
        if args.action == "update":
            try:
                update = ws.update_from_library(args.clause)
            except UpToDate as exc:
                print(exc)
                return 0
            if update is None:
                print("Nothing changed; the update is still offered.")
                return 0
            ws.save()
            print(f"Updated '{update.after.title}' to library version {update.version}{KEPT.get(update.kept, '')}.")
            for note in update.notes:
                print(note)
            return 0
        rows = [
            {
                "clause": clause.id,
                "title": clause.title,
                "library_id": status.library_id,
                "version": status.inserted_version,
                "newer_version": status.newer_version,
                "customised": status.customised,
                "in_library": status.in_library,
                "library_version": status.library_version or None,
                "library_text_differs": status.text_differs,
                "update_available": status.update_available,
                "overriding_folder": status.overriding_folder or None,
                "state": status.state,
                "note": status.override_note or None,
            }
            for clause, status in ws.library_status()
        ]
    if args.json:
        print_json({"format": JSON_FORMAT, "clauses": rows})
        return 0
    newer = [r for r in rows if r["update_available"]]
    print(
        f"{plural(len(rows), 'clause')} came from the library; "
        f"{len(newer)} {plural_word(len(newer), 'has', 'have')} an update available."
    )
    for r in rows:
        custom = ", customised" if r["customised"] else ""
        print(f"  {r['clause']}  v{r['version']}{custom}: {r['state']}")
        if r["note"]:
            print(f"    {r['note']}")
    return 0

"""`notice-studio practices ...` and `notice-studio facts ...`: the data inventory and the yes/no
facts, shown and changed headless. Every change is one commit, like any edit.

    practices show DIR [--json]
    practices set DIR PATH=VALUE... [--new] e.g. sold.categories=identifiers,usage (--new: add an id)
    practices load DIR FILE                 replace practices.yaml with a checked file
    practices sync DIR                      remake the tables and facts made from the practices
    practices variants DIR [--apply]        clauses whose variant no longer fits the practices
    facts DIR [--json] [--waived] [NAME=yes|no ...]
"""

from __future__ import annotations

import argparse
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from notice_studio.cli.common import CommandError, add_folder, add_json, name_values, open_workspace, print_json
from notice_studio.cli.output import write_data
from notice_studio.core.library.facts import FACTS
from notice_studio.core.notice.frontmatter import FormatError
from notice_studio.core.practices.actions import decided_by_practices
from notice_studio.core.practices.facts import effective_facts, waived_requirements
from notice_studio.core.practices.practices_format import PRACTICES_FILE, practices_yaml, read_practices

if TYPE_CHECKING:
    from notice_studio.core.workspace import Workspace


def register(sub: argparse._SubParsersAction) -> None:
    practices = sub.add_parser("practices", help="show or change the data inventory the notice must agree with")
    actions = practices.add_subparsers(dest="practices_command", metavar="ACTION")
    show = actions.add_parser("show", help="print the practices (YAML, or --json)")
    add_folder(show)
    add_json(show)
    show.set_defaults(func=cmd_show)
    set_ = actions.add_parser("set", help="change practices: PATH=VALUE (lists comma-separated; empty clears)")
    add_folder(set_)
    set_.add_argument("assignments", nargs="+", metavar="PATH=VALUE")
    set_.add_argument(
        "--new",
        action="store_true",
        help="add the categories, sources, purposes or recipients named by an id the practices do not have yet",
    )
    set_.set_defaults(func=cmd_set)
    load = actions.add_parser("load", help="replace the practices with a YAML file (checked first)")
    add_folder(load)
    load.add_argument("file", metavar="FILE")
    load.set_defaults(func=cmd_load)
    sync = actions.add_parser("sync", help="remake the tables and facts made from the practices")
    add_folder(sync)
    sync.set_defaults(func=cmd_sync)
    variants = actions.add_parser(
        "variants", help="list the clauses whose variant no longer fits the practices (--apply swaps them)"
    )
    add_folder(variants)
    add_json(variants)
    variants.add_argument("--apply", action="store_true", help="put the fitting variants in place (one edit)")
    variants.set_defaults(func=cmd_variants)
    practices.set_defaults(func=lambda args: practices.print_help())

    facts = sub.add_parser("facts", help="show the yes/no facts, or answer them: NAME=yes|no")
    add_folder(facts)
    add_json(facts)
    facts.add_argument("--waived", action="store_true", help="list the requirements each 'no' waives")
    facts.add_argument("answers", nargs="*", metavar="NAME=yes|no")
    facts.set_defaults(func=cmd_facts)


def cmd_show(args: argparse.Namespace) -> int:
    with open_workspace(args.folder) as ws:
        notice = ws.notice
    if notice.practices is None:
        raise CommandError(
            f"{args.folder} has no {PRACTICES_FILE} yet; add practices with 'notice-studio practices load' "
            "or 'notice-studio practices set --new'"
        )
    if args.json:
        print_json(asdict(notice.practices))
    else:
        write_data(practices_yaml(notice.practices))
    return 0


def _saved(ws: Workspace, tables: list[str]) -> None:
    commit = ws.save()
    if tables:
        print(f"Remade from the practices: {', '.join(tables)}.")
    print("Saved." if commit else "Nothing changed.")


def cmd_set(args: argparse.Namespace) -> int:
    pairs = name_values(args.assignments, "sold.categories=identifiers,usage")
    with open_workspace(args.folder, write=True) as ws:
        _saved(ws, ws.change_practices(pairs, new=args.new))
    return 0


def cmd_load(args: argparse.Namespace) -> int:
    path = Path(args.file)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise CommandError(f"{path} cannot be read ({exc.strerror})") from None
    try:
        practices = read_practices(text, str(path))
    except FormatError as exc:
        raise CommandError(f"{exc}; nothing was changed") from None
    with open_workspace(args.folder, write=True) as ws:
        _saved(ws, ws.replace_practices(practices, f"Replaced the practices with {path.name}"))
    return 0


def cmd_sync(args: argparse.Namespace) -> int:
    with open_workspace(args.folder, write=True) as ws:
        if ws.notice.practices is None:
            raise CommandError(f"{args.folder} has no {PRACTICES_FILE}; there is nothing to make tables from")
        _saved(ws, ws.remake_from_practices())
    return 0


def cmd_variants(args: argparse.Namespace) -> int:
    with open_workspace(args.folder, write=args.apply) as ws:
        swaps = ws.variant_swaps()
        if args.apply and swaps:
            ws.apply_variant_swaps(swaps)
            ws.save()
    if args.json:
        print_json(
            {
                "applied": bool(args.apply and swaps),
                "swaps": [
                    {"clause": s.clause_id, "from": s.current, "to": s.wanted, "reason": s.reason, "edited": s.edited}
                    for s in swaps
                ],
            }
        )
        return 0
    if not swaps:
        print("Every clause variant fits the practices.")
        return 0
    for swap in swaps:
        print(swap.sentence)
    if args.apply:
        print("Saved.")
    else:
        print("Swap them with: notice-studio practices variants DIR --apply")
    return 0


def cmd_facts(args: argparse.Namespace) -> int:
    answers = {}
    for name, value in name_values(args.answers, "dpo_appointed=yes"):
        if value.lower() not in ("yes", "no", "true", "false"):
            raise CommandError(f"Answer '{name}' with yes or no, not '{value}'")
        answers[name] = value.lower() in ("yes", "true")
    with open_workspace(args.folder, write=bool(answers)) as ws:
        notice = ws.notice
        if answers:
            for name, given in answers.items():
                ws.set_fact(name, given)
            print("Saved." if ws.save() else "Nothing changed.")
            return 0
    facts = effective_facts(notice)
    decided = decided_by_practices(notice)
    waivers = []
    if args.waived:
        from notice_studio.core.library.requirements import load_requirements

        waivers = waived_requirements(facts, notice.jurisdictions, load_requirements())
    if args.json:
        print_json(
            {
                "facts": [
                    {
                        "fact": k,
                        "answer": facts.get(k),
                        "question": f.question,
                        "from": "practices" if k in decided else ("notice.yaml" if k in notice.facts else None),
                    }
                    for k, f in FACTS.items()
                ],
                "waived": [
                    {"fact": w.fact, "question": w.question, "elements": [e for e, _, _ in w.elements]} for w in waivers
                ],
            }
        )
        return 0
    for key, fact in FACTS.items():
        answer = facts.get(key)
        shown = "not answered" if answer is None else ("yes" if answer else "no")
        origin = " (from the practices)" if key in decided else ""
        print(f"{key}: {shown}{origin} — {fact.question}")
    for waiver in waivers:
        cited = "; ".join(citation for _, _, citation in waiver.elements)
        print(f"\n'No' to {waiver.fact} waives: {cited}")
    return 0

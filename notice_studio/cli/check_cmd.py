"""`notice-studio check DIR [--json] [--version V]`: what blocks publishing and what to review."""

from __future__ import annotations

import argparse

from notice_studio.cli.common import add_folder, add_json, add_version, open_workspace, print_json
from notice_studio.cli.progress import StderrProgress
from notice_studio.core.checks.coverage import shared_confirmations
from notice_studio.core.checks.sources import law_name

_HEADINGS = {
    "error": "Errors (publishing is refused until they are fixed):",
    "warning": "Warnings (publishing asks you to acknowledge them):",
    "info": "Notes:",
}


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="check the notice before publishing (exit 1 when an error blocks publishing)")
    add_folder(p)
    add_version(p)
    add_json(p)
    p.set_defaults(func=cmd_check)


def cmd_check(args: argparse.Namespace) -> int:
    from notice_studio.core.checks import report_to_json

    with open_workspace(args.folder) as ws:
        notice = ws.notice_at(args.at)
        report = ws.check(args.at, progress=StderrProgress())
    if args.json:
        print_json(report_to_json(report, notice, args.at))
    else:
        _print_text(report, notice, args.at)
    return 1 if report.blocking else 0


def _print_text(report, notice, at: str) -> None:
    numbers = notice.numbers()
    titles = {c.id: c.title for c in notice.all_clauses()}
    print(f"{notice.title} ({at}): {report.tally()}.")
    for severity in ("error", "warning", "info"):
        findings = [f for f in report.findings if f.severity == severity]
        if not findings:
            continue
        print()
        print(_HEADINGS[severity])
        for f in findings:
            where = f"{numbers.get(f.clause_id, '?')} {titles.get(f.clause_id, '')}: " if f.clause_id else ""
            print(f"  {where}{f.message} [{f.rule}]")
            print(f"      {f.fix}")
    if report.coverage:
        print()
        print("Coverage of the selected laws:")
        for c in report.coverage:
            required = len(c.satisfied) + len(c.missing)
            line = f"  {law_name(c.jurisdiction)}: {len(c.satisfied)} of {required} required elements covered"
            extras = []
            if c.not_applicable:
                extras.append(f"{len(c.not_applicable)} not applicable")
            if c.manual:
                extras.append(f"{len(c.manual)} for you to confirm ({', '.join(c.manual)})")
            if c.confirmed_with:
                extras.append(f"{shared_confirmations(c)} ({', '.join(e for e, _as, _by in c.confirmed_with)})")
            if c.assumed:
                extras.append(f"{len(c.assumed)} assumed to apply because a fact is not set")
            print(line + (f" ({'; '.join(extras)})" if extras else "") + ".")
            if c.missing:
                print(f"      missing: {', '.join(c.missing)}")
    if report.blocking:
        print()
        print("Publishing is blocked until the errors are fixed.")

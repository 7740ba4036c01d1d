"""Foundation commands: new, outline, show, vars, set, publish, log."""

from __future__ import annotations

import argparse
import datetime as dt
import re
import sys
from typing import TYPE_CHECKING

from notice_studio.cli.common import (
    CommandError,
    Prompt,
    add_folder,
    add_json,
    add_version,
    name_values,
    open_notice,
    open_workspace,
    print_json,
    split_list,
    version_ref,
)
from notice_studio.cli.common import author as cli_author
from notice_studio.cli.output import write_data
from notice_studio.core.notice import messages
from notice_studio.core.notice.model import Clause, Notice
from notice_studio.core.wording import plural
from notice_studio.core.workspace.publishing import (
    PublishChoice,
    PublishReview,
    change_notice_problem,
    missing_reason,
    suggestion_sentence,
)

if TYPE_CHECKING:
    from notice_studio.core.notice.store import Version
    from notice_studio.core.notice.store_remote import Signature


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("new", help="create a new notice folder from a template")
    add_folder(p)
    p.add_argument("--org", default="", help="the organisation's name")
    p.add_argument(
        "--template",
        default=None,
        help="template id ('notice-studio library --templates' lists them; without it, the one marked default)",
    )
    p.add_argument("--jurisdiction", action="append", metavar="LIST", help="laws to cover, e.g. gdpr,uk_gdpr,ccpa")
    p.add_argument("--title", default=None, help="the notice's title (default: Privacy Notice)")
    p.add_argument(
        "--language",
        default="en",
        metavar="CODE",
        help="the language the notice is written in, a code such as en, de, fr or ar (default: en)",
    )
    p.add_argument(
        "--library-dir",
        action="append",
        default=[],
        metavar="DIR",
        help="an extra clause library folder, read after the shipped one; repeatable",
    )
    p.add_argument(
        "--yes", action="store_true", help="keep the template's answers to the facts that leave requirements out"
    )
    p.set_defaults(func=cmd_new)

    p = sub.add_parser("outline", help="print the numbered outline")
    add_folder(p)
    add_version(p)
    add_json(p)
    p.set_defaults(func=cmd_outline)

    p = sub.add_parser(
        "show",
        help="print the notice's source as Markdown, {{ placeholders }} and [[references]] unfilled (export --format md gives the filled text)",
    )
    add_folder(p)
    add_version(p)
    p.set_defaults(func=cmd_show)

    p = sub.add_parser("vars", help="list placeholders, their values and which are unfilled")
    add_folder(p)
    add_json(p)
    p.set_defaults(func=cmd_vars)

    p = sub.add_parser("set", help="fill placeholders: NAME=VALUE ...")
    add_folder(p)
    p.add_argument("assignments", nargs="+", metavar="NAME=VALUE")
    p.add_argument(
        "--new",
        action="store_true",
        help="also fill in names no clause uses yet (for a clause still to be added); without it they are refused",
    )
    p.set_defaults(func=cmd_set)

    p = sub.add_parser("publish", help="publish the draft as the next version")
    add_folder(p)
    p.add_argument(
        "--effective",
        required=True,
        type=_effective_date,
        metavar="YYYY-MM-DD",
        help="the date the version takes effect",
    )
    kind = p.add_mutually_exclusive_group()
    kind.add_argument("--material", dest="material", action="store_true", default=None, help="a material change")
    kind.add_argument("--editorial", dest="material", action="store_false", help="wording only")
    p.add_argument("--summary", default=None, help="the change notice readers see")
    p.add_argument("--approved-by", default="", metavar="NAME", help="who approved this version")
    p.add_argument("--force", action="store_true", help="publish even though checks report warnings")
    p.add_argument(
        "--acknowledge",
        action="append",
        default=[],
        metavar="KEY=REASON",
        help="acknowledge a warning that needs a reason (a clause that no longer says what a law requires); "
        "KEY is the requirement's id, as --dry-run lists it; the reason is recorded with the version",
    )
    p.add_argument(
        "--dry-run",
        action="store_true",
        help="only show what publishing would say: errors, warnings, the drafted change notice, the suggestion",
    )
    add_json(p)
    p.set_defaults(func=cmd_publish)

    p = sub.add_parser(
        "withdraw",
        help="withdraw a published version before it takes effect (recorded in the history; the draft is kept)",
    )
    add_folder(p)
    p.add_argument("version", metavar="VERSION", type=version_ref, help="the upcoming version: v1, v2, ...")
    p.add_argument("--reason", default="", help="why it is withdrawn (recorded with the withdrawal)")
    p.set_defaults(func=cmd_withdraw)

    p = sub.add_parser("log", help="published versions and saved edits")
    add_folder(p)
    p.add_argument("--limit", type=int, default=None, help="show only the newest N versions and the newest N edits")
    add_json(p)
    p.set_defaults(func=cmd_log)


# ----- new --------------------------------------------------------------------------------------
def cmd_new(args: argparse.Namespace) -> int:
    from notice_studio.core.library.catalog import load_library
    from notice_studio.core.library.templates import build_notice
    from notice_studio.core.notice.store import NoticeRepo

    library = load_library(getattr(args, "library_dir", None) or [])
    notice = build_notice(
        args.template, args.org, split_list(args.jurisdiction) or None, library=library, language=args.language
    )
    if args.title:
        notice.title = args.title
    _confirm_waivers(notice, args.yes)
    with NoticeRepo.create(args.folder, notice, cli_author()) as repo:
        unfilled = notice.unfilled_placeholders()
        print(
            f"Created '{notice.title}' with {len(notice.all_clauses())} clauses in {repo.path} "
            f"(template '{notice.template}', for {', '.join(notice.jurisdictions)}{_in_language(notice)})."
        )
        if _in_language(notice):
            print(
                "The library's clauses are in English: translate each one. Until then the checks do not read "
                "their wording, which they read in English only."
            )
        if unfilled:
            print(f"Fill in {len(unfilled)} placeholders with 'notice-studio set {args.folder} NAME=VALUE':")
            width = max(len(name) for name in unfilled)
            for name in unfilled:
                spec = library.variable_spec(name)
                label = f"  {spec.label}" if spec else ""
                example = f" (e.g. {spec.example})" if spec and spec.example else ""
                print(f"  {name.ljust(width)}{label}{example}")
    return 0


def _in_language(notice: Notice) -> str:
    from notice_studio.core.notice.languages import is_english, language_label

    return "" if is_english(notice.language) else f"; written in {language_label(notice.language)}"


def _confirm_waivers(notice: Notice, yes: bool) -> None:
    """Each template 'no' that leaves a legal requirement out is confirmed by counsel: asked on a
    terminal, else listed on stderr with how to change it (--yes keeps the template's answers)."""
    from notice_studio.core.library.requirements import load_requirements
    from notice_studio.core.practices.actions import decided_by_practices
    from notice_studio.core.practices.facts import effective_facts, waived_requirements

    waivers = waived_requirements(effective_facts(notice), notice.jurisdictions, load_requirements())
    decided = decided_by_practices(notice)
    ask = sys.stdin.isatty() and not yes
    for waiver in waivers:
        change = (
            "change the practices ('notice-studio practices set DIR ...')"
            if waiver.fact in decided
            else f"run 'notice-studio facts DIR {waiver.fact}=yes'"
        )
        cited = ", ".join(citation for _element, _law, citation in waiver.elements)
        if ask and waiver.fact not in decided:
            if not Prompt().confirm(
                f"{waiver.question} The template answers no, which leaves out {cited}. Keep 'no'?", default=True
            ):
                notice.facts[waiver.fact] = True
        elif not yes:
            print(
                f"notice-studio: the template answers no to '{waiver.question}', so the notice leaves out "
                f"{cited}; if that is wrong, {change}.",
                file=sys.stderr,
            )


# ----- reading ----------------------------------------------------------------------------------
def outline_rows(notice: Notice) -> list[dict]:
    parents: dict[str, str | None] = {}

    def note(items: list[Clause], parent: str | None) -> None:
        for clause in items:
            parents[clause.id] = parent
            note(clause.children, clause.id)

    note(notice.clauses, None)
    rows = []
    for clause, depth, number in notice.walk():
        rows.append(
            {
                "id": clause.id,
                "number": number,
                "title": clause.title,
                "level": depth + 1,
                "parent": parents[clause.id],
                "source": (
                    {
                        "library": clause.provenance.library_id,
                        "version": clause.provenance.version,
                        "customised": clause.is_customised(),
                    }
                    if clause.provenance
                    else None
                ),
            }
        )
    return rows


def cmd_outline(args: argparse.Namespace) -> int:
    with open_notice(args.folder) as repo:
        notice = repo.notice_at(args.at)
    rows = outline_rows(notice)
    if args.json:
        print_json({"title": notice.title, "version": args.at, "clauses": rows})
        return 0
    print(notice.title)
    for row in rows:
        print(f"{'  ' * (row['level'] - 1)}{row['number']}  {row['title']}  [{row['id']}]")
    return 0


def notice_markdown(notice: Notice) -> str:
    """The notice's source as one Markdown document (numbered headings, placeholders as typed)."""
    parts = [f"# {notice.title}\n"]
    for clause, depth, number in notice.walk():
        parts.append(f"{'#' * min(depth + 2, 6)} {number} {clause.title}\n")
        if clause.body.strip():
            parts.append(clause.body.rstrip() + "\n")
    return "\n".join(parts)


def cmd_show(args: argparse.Namespace) -> int:
    with open_notice(args.folder) as repo:
        notice = repo.notice_at(args.at)
    write_data(notice_markdown(notice))
    return 0


def variable_rows(notice: Notice) -> list[dict]:
    used: dict[str, list[str]] = {}
    for clause in notice.all_clauses():
        for name in clause.placeholders():
            used.setdefault(name, []).append(clause.id)
    names = list(used) + sorted(n for n in notice.variables if n not in used)
    return [
        {
            "name": name,
            "value": notice.variables.get(name, ""),
            "filled": bool(notice.variables.get(name, "").strip()),
            "used_in": used.get(name, []),
        }
        for name in names
    ]


def cmd_vars(args: argparse.Namespace) -> int:
    with open_notice(args.folder) as repo:
        notice = repo.load()
    rows = variable_rows(notice)
    if args.json:
        print_json({"variables": rows, "unfilled": [r["name"] for r in rows if r["used_in"] and not r["filled"]]})
        return 0
    if not rows:
        print("This notice uses no placeholders.")
    for row in rows:
        state = row["value"] if row["filled"] else "(unfilled)"
        unused = "" if row["used_in"] else "  (not used by any clause)"
        print(f"{row['name']} = {state}{unused}")
    return 0


# ----- writing ----------------------------------------------------------------------------------
def cmd_set(args: argparse.Namespace) -> int:
    pairs = name_values(args.assignments, "contact.email=privacy@example.com", strip=False)
    with open_workspace(args.folder, write=True) as ws:
        used = set(ws.notice.placeholders())
        for name, value in pairs:
            ws.set_variable(name, value, new=args.new)
            if name not in used:
                print(f"notice-studio: note: no clause uses '{name}' yet.", file=sys.stderr)
        commit = ws.save(messages.variables_set([n for n, _ in pairs]))
    print("Saved." if commit else "Nothing changed.")
    return 0


def _effective_date(text: str) -> dt.date:
    """A date written YYYY-MM-DD, as the help says (not the other forms Python reads); a usage error otherwise."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
            return dt.date.fromisoformat(text.strip())
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"'{text}' is not a date; write it as YYYY-MM-DD, for example 2026-01-31")


def cmd_publish(args: argparse.Namespace) -> int:
    effective: dt.date = args.effective
    given = _given_reasons(args.acknowledge)
    if args.dry_run:
        return _publish_review(args, effective, given)
    published_before: int | None = None
    notes: tuple[str, ...] = ()
    first = False
    try:
        with open_workspace(args.folder, write=True) as ws:
            published_before = len(ws.repo.versions())
            gate = ws.review_publish(effective=effective)
            first = gate.first_version
            choice = ws.publish_choice(
                gate, effective, change_notice=args.summary, material=args.material, reasons=given
            )
            if choice.problem and not gate.blocking:
                raise CommandError(_with_hint(choice))
            reasons = _reasons(gate, given) if not gate.blocking else given
            unacknowledged = _unacknowledged(gate, choice, args.force)
            if unacknowledged:
                raise CommandError(unacknowledged)
            version = ws.publish(
                effective,
                change_notice=args.summary,
                material=args.material,
                approved_by=args.approved_by,
                acknowledge_all=args.force,
                reasons=reasons,
            )
            notes = ws.replaced_by_publishing(version)
    except KeyboardInterrupt:
        # Ctrl+C can land after git wrote the version's tag: then the version is published and
        # "the notice is as it was last saved … run the command again" would be untrue.
        made = _published_anyway(args.folder, published_before)
        if made is None:
            raise
        version = made
        print(
            f"notice-studio: {version.name} was published before the interrupt (Ctrl+C); "
            "it stands, so do not run the command again.",
            file=sys.stderr,
        )
    kind = "the first version" if first else "material" if version.material else "editorial"
    print(f"Published {version.name} ({kind}), effective {effective.isoformat()}.")
    _kind_unused_note(first, args.material)
    for note in notes:
        print(note)
    if args.material is None and not first:
        print(f"{suggestion_sentence(first, version.material)} {_CHOOSE_KIND}; publish --dry-run shows it first.")
    print("Change notice recorded for readers:")
    for line in version.change_notice.splitlines() or ["(none)"]:
        print(f"  {line}")
    return 0


def _kind_unused_note(first: bool, material: bool | None) -> None:
    """A first version is neither material nor editorial: say so when one was chosen, never ignore it silently."""
    if first and material is not None:
        option = "--material" if material else "--editorial"
        print(
            f"notice-studio: note: {option} is not used for the first version; it is recorded as the first.",
            file=sys.stderr,
        )


def cmd_withdraw(args: argparse.Namespace) -> int:
    with open_workspace(args.folder, write=True, read_draft=False) as ws:
        version = ws.withdraw(args.version, args.reason)
    when = f" (it was to take effect on {version.effective.isoformat()})" if version.effective else ""
    print(
        f"Withdrew {version.name}{when}: it will never take effect, the history keeps the record, the draft is "
        "unchanged, and the next sync sends the withdrawal; build the website folder again."
    )
    return 0


_CHOOSE_KIND = "To choose yourself, publish with --material or --editorial"


def _published_anyway(folder: str, published_before: int | None) -> Version | None:
    """The version a publish stopped by Ctrl+C made after all (its tag exists), or None."""
    if published_before is None:
        return None
    from notice_studio.core.notice.store import NoticeRepo

    with NoticeRepo.open(folder) as repo:
        versions = repo.versions()
    return versions[-1] if len(versions) > published_before else None


def _unacknowledged(gate: PublishReview, choice: PublishChoice, force: bool) -> str:
    """Why publishing stops at the warnings not acknowledged (without --force), or ''."""
    others = [w for w in choice.warnings if w not in {item.warning for item in gate.needs_reason}]
    if not others or gate.blocking or force:
        return ""
    # the effective date's own warning is the choice's, not the check's: a date to change
    what = (
        "review them with 'notice-studio check' and"
        if others[0] in gate.warnings
        else "choose another --effective date, or"
    )
    return (
        f"The draft has {plural(len(others), 'warning')} to acknowledge, starting with: "
        f"{others[0].rstrip('.')}; {what} publish again with --force to acknowledge "
        f"{'them' if len(others) > 1 else 'it'}"
    )


def _given_reasons(items: list[str]) -> dict[str, str]:
    reasons: dict[str, str] = {}
    for item in items:
        key, eq, reason = item.partition("=")
        if not eq or not key.strip() or not reason.strip():
            raise CommandError(f"'{item}' is not KEY=REASON; write for example --acknowledge gdpr_retention=\"REASON\"")
        reasons[key.strip()] = " ".join(reason.split())
    return reasons


def _reasons(gate: PublishReview, given: dict[str, str]) -> dict[str, str]:
    """The reasons given with --acknowledge, and on a terminal, asked for those missing."""
    reasons = dict(given)
    for item in gate.needs_reason:
        if reasons.get(item.key) or not sys.stdin.isatty():
            continue
        print(f"Warning: {item.warning}")
        answer = input(f"Why may it be published as it is? Reason for '{item.key}': ")
        reasons[item.key] = " ".join(answer.split())
    refused = missing_reason(gate.needs_reason, reasons)
    if refused:
        raise CommandError(
            f"{refused.rstrip('.')}; publish again with --acknowledge {_first_missing(gate, reasons)}=REASON"
        )
    return reasons


def _with_hint(choice: PublishChoice) -> str:
    """The refusal, with the option that mends it when that is the change notice."""
    if choice.problem != change_notice_problem(choice.material, choice.change_notice):
        return choice.problem
    return f"{choice.problem.rstrip('.')}; write it with --summary, or leave --summary out to use the drafted one"


def _first_missing(gate: PublishReview, reasons: dict[str, str]) -> str:
    return next((item.key for item in gate.needs_reason if not reasons.get(item.key)), "")


def _publish_review(args: argparse.Namespace, effective: dt.date, given: dict[str, str]) -> int:
    """`publish --dry-run`: the publishing gate's answer for these choices, changing nothing (exit 1
    when publishing would be refused)."""
    from notice_studio.core.notice.store import next_version_number

    with open_workspace(args.folder) as ws:
        gate = ws.review_publish(effective=effective)
        choice = ws.publish_choice(gate, effective, change_notice=args.summary, material=args.material, reasons=given)
        next_name = f"v{next_version_number(ws.repo.versions())}"  # numbered after every tag, withdrawn or not
    # what the real run with these options would refuse besides errors: warnings without --force,
    # a warning that needs a reason without one (a terminal would ask for it)
    stop = "" if gate.blocking or choice.problem else _unacknowledged(gate, choice, args.force)
    stop = stop or ("" if gate.blocking else missing_reason(gate.needs_reason, given).rstrip("."))
    data = {
        "next_version": next_name,
        "can_publish": gate.can_publish and not choice.problem,
        "problem": choice.problem,
        "would_stop": stop,
        "blocking": list(gate.blocking),
        "warnings": list(choice.warnings),
        "needs_reason": [
            {"key": item.key, "warning": item.warning, "citation": item.citation} for item in gate.needs_reason
        ],
        "has_changes": gate.has_changes,
        "change_notice": choice.change_notice,
        "material": choice.material,
    }
    if args.json:
        print_json(data)
        return 0 if data["can_publish"] and not stop else 1
    kind = "material" if choice.material else "editorial"
    chosen = (
        "the first version" if gate.first_version else f"{kind} {'suggested' if args.material is None else 'chosen'}"
    )
    print(f"Publishing would make {data['next_version']} ({chosen}).")
    _kind_unused_note(gate.first_version, args.material)
    if gate.first_version:
        print(suggestion_sentence(True, False))
    elif args.material is None:
        print(f"{suggestion_sentence(False, choice.material)} {_CHOOSE_KIND}.")
    for title, items in (
        ("Errors (fix first):", gate.blocking),
        ("Warnings (acknowledge with --force):", choice.warnings),
    ):
        if items:
            print(title)
            for item in items:
                print(f"  {item}")
    if gate.needs_reason:
        print("Warnings acknowledged only with a reason (--acknowledge KEY=REASON):")
        for needed in gate.needs_reason:
            print(f"  {needed.key}: {needed.warning}")
    if gate.unchanged:
        print(gate.unchanged)
    print("Drafted change notice:" if args.summary is None else "Change notice readers would see:")
    for line in choice.change_notice.splitlines() or ["(none)"]:
        print(f"  {line}")
    if choice.problem:
        raise CommandError(_with_hint(choice))
    if stop:
        print(f"Publishing with these options would stop: {stop}.")
        return 1
    return 0 if gate.can_publish else 1


def _signature_json(signature: Signature | None) -> dict[str, str]:
    """'verified' (with the signer), 'not verified' or 'unsigned'."""
    if signature is None:
        return {"state": "unsigned", "signer": ""}
    return {"state": signature.state, "signer": signature.signer}


def _print_acknowledged(version: Version, previous: Version | None) -> None:
    """The warnings acknowledged for `version`: in full those new since the version before it
    (or given a new reason), the rest counted, so a long history is not the same list again and again."""
    earlier = {(w, previous.reason_for(w)) for w in previous.acknowledged} if previous else set()
    again = 0
    for warning in version.acknowledged:
        reason = version.reason_for(warning)
        if (warning, reason) in earlier:
            again += 1
            continue
        print(f"      Acknowledged: {warning}" + (f" Reason: {reason}" if reason else ""))
    if again and previous is not None:
        were = "warning" if again == 1 else "warnings"
        print(f"      Acknowledged again: {again} {were} as for {previous.name} (log --json lists them).")


def cmd_log(args: argparse.Namespace) -> int:
    with open_workspace(args.folder, read_draft=False) as ws:
        all_versions = ws.repo.versions()
        edits = ws.repo.edits(limit=args.limit)  # refuses a limit below 1 in one sentence
        signatures = ws.version_signatures()
    versions = all_versions[-args.limit :] if args.limit else all_versions
    if args.json:
        print_json(
            {
                "versions": [
                    {
                        "version": v.name,
                        "commit": v.commit,
                        "effective": v.effective.isoformat() if v.effective else None,
                        "material": v.material,
                        "change_notice": v.change_notice,
                        "approved_by": v.approved_by,
                        "published_by": v.published_by,
                        "published_at": v.published_at,
                        "acknowledged": list(v.acknowledged),
                        "reasons": [{"warning": w, "reason": r} for w, r in v.reasons],
                        "signature": _signature_json(signatures.get(v.name)),
                        "withdrawn": (
                            {
                                "by": v.withdrawn.withdrawn_by,
                                "at": v.withdrawn.withdrawn_at,
                                "reason": v.withdrawn.reason,
                            }
                            if v.withdrawn
                            else None
                        ),
                    }
                    for v in reversed(versions)
                ],
                "edits": [
                    {
                        "commit": e.commit,
                        "author": e.author,
                        "email": e.email,
                        "when": e.when,
                        "message": e.message,
                        "clauses": list(e.clauses),
                        "outline_changed": e.outline_changed,
                    }
                    for e in edits
                ],
            }
        )
        return 0
    tags = {v.commit: v for v in all_versions}
    if versions:
        shown = (
            "Published versions:"
            if len(versions) == len(all_versions)
            else (f"Published versions (the newest {len(versions)} of {len(all_versions)}):")
        )
        print(shown)
        before = {v.name: all_versions[i - 1] if i else None for i, v in enumerate(all_versions)}
        for v in reversed(versions):
            kind = "first version" if v is all_versions[0] else "material" if v.material else "editorial"
            signed = signatures[v.name].words if v.name in signatures else ""
            signed = f"  {signed}" if signed else ""
            gone = "  withdrawn before it took effect" if v.withdrawn else ""
            print(f"  {v.name}  effective {v.effective}  {kind}  approved by {v.approved_by or '-'}{signed}{gone}")
            for line in v.change_notice.splitlines():
                print(f"      {line}")
            _print_acknowledged(v, before[v.name])
    else:
        print("Not published yet.")
    print("Edits (newest first):")
    for e in edits:
        mark = f"  [{tags[e.commit].name}]" if e.commit in tags else ""
        print(f"  {e.when[:16].replace('T', ' ')}  {e.author}: {e.message}{mark}")
    return 0

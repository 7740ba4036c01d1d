"""Team work: `remote`, `clone`, `sync`, `review`, `status` and `ci-recipe`."""

from __future__ import annotations

import argparse
import sys

from notice_studio.cli.common import CommandError, add_folder, add_json, open_workspace, print_json
from notice_studio.cli.common import author as cli_author
from notice_studio.core.wording import SET_YOUR_NAME, plural

JSON_FORMAT = 1
"""Bumped only if the JSON output changes incompatibly."""


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("remote", help="connect the notice to a server (GitHub, GitLab, a shared folder...)")
    actions = p.add_subparsers(dest="remote_action", metavar="ACTION", required=True, parser_class=type(p))
    q = actions.add_parser("add", help="connect a server: https://..., git@host:path, or a folder")
    add_folder(q)
    q.add_argument("url", metavar="URL")
    q.add_argument("--name", default="origin", help="the server's short name (default: origin)")
    q.set_defaults(func=cmd_remote_add)
    q = actions.add_parser("remove", help="disconnect a server (the notice stays here)")
    add_folder(q)
    q.add_argument("--name", default="origin")
    q.set_defaults(func=cmd_remote_remove)
    q = actions.add_parser("show", help="the servers and how the draft stands against them")
    add_folder(q)
    add_json(q)
    add_fetch(q)
    q.set_defaults(func=cmd_remote_show)

    p = sub.add_parser("clone", help="open a notice from a server into a new folder")
    p.add_argument("url", metavar="URL")
    add_folder(p)
    p.set_defaults(func=cmd_clone)

    p = sub.add_parser("sync", help="receive the team's edits, merge them clause by clause, send yours")
    add_folder(p)
    p.add_argument("--name", default="origin", help="which server (default: origin)")
    p.add_argument(
        "--take",
        choices=("yours", "theirs"),
        help="decide every conflict this way (with the server out of reach, the merge is saved here and sent later)",
    )
    p.add_argument(
        "--choose",
        action="append",
        default=[],
        metavar="KEY=yours|theirs",
        help="decide one conflict (keys are listed when a sync stops); repeatable",
    )
    add_json(p)
    p.set_defaults(func=cmd_sync)

    p = sub.add_parser("review", help="ask for a review, comment, approve")
    actions = p.add_subparsers(dest="review_action", metavar="ACTION", required=True, parser_class=type(p))
    q = actions.add_parser("request", help="ask for a review of the draft as it is now")
    add_folder(q)
    q.add_argument("--note", default="", help="what the reviewer should look at")
    q.set_defaults(func=cmd_review_request)
    q = actions.add_parser("list", help="reviews and their state")
    add_folder(q)
    q.add_argument("--all", action="store_true", help="also approved ones and those that asked for changes")
    add_json(q)
    q.set_defaults(func=cmd_review_list)
    q = actions.add_parser("comment", help="comment on the draft or on one clause")
    add_folder(q)
    q.add_argument("review", metavar="REVIEW", help="the review's id (or its first characters)")
    q.add_argument("text", metavar="TEXT")
    q.add_argument("--clause", default="", metavar="ID", help="the clause the comment is about")
    q.set_defaults(func=cmd_review_event, kind="comment")
    q = actions.add_parser(
        "approve", help=_APPROVE_HELP, description=_APPROVE_HELP[:1].upper() + _APPROVE_HELP[1:] + "."
    )
    add_folder(q)
    q.add_argument("review", metavar="REVIEW")
    q.add_argument("--note", dest="text", default="")
    q.set_defaults(func=cmd_review_event, kind="approve", clause="")
    q = actions.add_parser("changes", help="ask for changes before approving")
    add_folder(q)
    q.add_argument("review", metavar="REVIEW")
    q.add_argument("text", metavar="TEXT")
    q.set_defaults(func=cmd_review_event, kind="changes", clause="")

    p = sub.add_parser("status", help="edits not yet sent or received, open reviews, what blocks publishing")
    add_folder(p)
    add_json(p)
    add_fetch(p)
    p.set_defaults(func=cmd_status)

    p = sub.add_parser("ci-recipe", help="add a CI workflow that publishes the website when a version is pushed")
    p.add_argument("host", choices=("github", "gitlab"))
    add_folder(p)
    p.add_argument("--package", default="notice-studio", help="what CI installs (default: notice-studio)")
    p.set_defaults(func=cmd_ci_recipe)


_APPROVE_HELP = (
    "approve the draft as it is now, recorded under your name and e-mail as set in Notice Studio "
    f"({SET_YOUR_NAME}), else user.name and user.email from your global git config; "
    "a git config set in the notice's own folder is not used"
)


def add_fetch(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--fetch",
        action="store_true",
        help="ask the server what it has now (otherwise the figures are as of the last sync)",
    )


def cmd_remote_add(args: argparse.Namespace) -> int:
    with open_workspace(args.folder, write=True) as ws:
        where = ws.add_remote(args.url, args.name)
    which = "" if args.name == "origin" else f" --name {args.name}"
    print(f"Connected to {where} as '{args.name}'; 'notice-studio sync {args.folder}{which}' sends the notice.")
    return 0


def cmd_remote_remove(args: argparse.Namespace) -> int:
    with open_workspace(args.folder, write=True) as ws:
        ws.remove_remote(args.name)
    print(f"Disconnected '{args.name}'; the notice and its history stay here.")
    return 0


def _info_row(info) -> dict:
    return {
        "name": info.name,
        "url": info.url,
        "branch": info.branch,
        "ahead": info.ahead,
        "behind": info.behind,
        "last_synced": info.last_synced or None,
        "pending_conflicts": info.pending_conflicts,
        "as_of": "now" if info.fetched else (info.contacted or None),
        "fetch_problem": info.fetch_problem or None,
        "versions_not_here": list(info.versions_not_here),
        "versions_not_sent": list(info.versions_not_sent),
    }


def cmd_remote_show(args: argparse.Namespace) -> int:
    from notice_studio.core.workspace import standing

    with open_workspace(args.folder, write=args.fetch) as ws:
        infos = ws.show_remotes(fetch=args.fetch, interactive=sys.stdin.isatty())
    if args.json:
        print_json({"format": JSON_FORMAT, "remotes": [_info_row(i) for i in infos]})
        return _fetch_failures(infos)
    if not infos:
        print("This notice is not connected to a server; 'notice-studio remote add DIR URL' connects one.")
    for info in infos:
        print(f"{info.name}  {info.url}")
        print(f"    {standing(info)}")
    return _fetch_failures(infos)


def _fetch_failures(infos) -> int:
    """With --fetch: each server that could not be asked, as the failure it is (stderr, exit 1)."""
    failed = [info for info in infos if info.fetch_problem]
    for info in failed:
        print(f"notice-studio: {info.fetch_problem}", file=sys.stderr)
    return 1 if failed else 0


def cmd_clone(args: argparse.Namespace) -> int:
    from notice_studio.core.notice.store_remote import public_url
    from notice_studio.core.workspace import Workspace

    with Workspace.clone(args.url, args.folder, interactive=sys.stdin.isatty(), author=cli_author()) as ws:
        path = ws.path
    print(f"Opened the notice from {public_url(args.url)} in {path}.")
    return 0


def _conflict_row(conflict) -> dict:
    return {
        "key": conflict.key,
        "kind": conflict.kind,
        "label": conflict.label,
        "clause": conflict.clause_id,
        "base": conflict.base,
        "yours": conflict.yours,
        "theirs": conflict.theirs,
    }


def cmd_sync(args: argparse.Namespace) -> int:
    from notice_studio.core.remote.merge import Resolution

    choices: dict[str, Resolution] = {}
    for item in args.choose:
        key, sep, choice = item.rpartition("=")
        if not sep or choice not in ("yours", "theirs"):
            raise CommandError(f"'{item}' is not KEY=yours or KEY=theirs")
        choices[key] = Resolution(choice)
    with open_workspace(args.folder, write=True) as ws:
        result = ws.sync(args.name, resolutions=choices, take=args.take, interactive=sys.stdin.isatty())
    if args.json:
        print_json(
            {
                "format": JSON_FORMAT,
                "received": result.received,
                "sent": result.sent,
                "merged": result.merged,
                "versions_received": list(result.versions_received),
                "versions_sent": list(result.versions_sent),
                "versions_diverged": list(result.diverged_versions),
                "reviews_changed": result.reviews_changed,
                "conflicts": [_conflict_row(c) for c in result.conflicts],
                "not_sent": result.not_sent or None,
            }
        )
    else:
        for conflict in result.conflicts:
            print(f"{conflict.key}: {conflict.label}")
            print(f"    before: {conflict.base}")
            print(f"    yours:  {conflict.yours}")
            print(f"    theirs: {conflict.theirs}")
        if not result.conflicts:
            print(result.sentence)
    if result.conflicts:
        print(
            f"notice-studio: {result.sentence.rstrip('.')}: run sync again with --take yours|theirs, "
            "or --choose KEY=yours|theirs for each, or decide them in the app.",
            file=sys.stderr,
        )
        return 1
    return 0


def _review_row(review) -> dict:
    return {
        "id": review.id,
        "state": review.state,
        "draft": review.draft,
        "requested_by": review.request.who,
        "requested_at": review.request.when,
        "compare_with": review.request.version or None,
        "note": review.request.text,
        "events": [
            {"kind": e.kind, "by": e.who, "at": e.when, "draft": e.draft, "clause": e.clause_id or None, "text": e.text}
            for e in review.events[1:]
        ],
    }


def cmd_review_request(args: argparse.Namespace) -> int:
    with open_workspace(args.folder, write=True) as ws:
        review_id = ws.request_review(args.note)
        shared = bool(ws.remotes())
    print(
        f"Asked for review {review_id}."
        + (f" 'notice-studio sync {args.folder}' shares it with the team." if shared else "")
    )
    return 0


def cmd_review_list(args: argparse.Namespace) -> int:
    with open_workspace(args.folder) as ws:
        rows = [_review_row(r) for r in ws.reviews(include_closed=args.all)]
    if args.json:
        print_json({"format": JSON_FORMAT, "reviews": rows})
        return 0
    if not rows:
        print("No open reviews." if not args.all else "No reviews.")
    for row in rows:
        since = f", compared with {row['compare_with']}" if row["compare_with"] else ""
        print(f"{row['id']}  {row['state']}  asked by {row['requested_by']} on {row['requested_at'][:10]}{since}")
        if row["note"]:
            print(f"    {row['note']}")
        for event in row["events"]:
            about = f" on '{event['clause']}'" if event["clause"] else ""
            print(f"    {event['by']} {_VERB[event['kind']]}{about}: {event['text']}".rstrip(": "))
    return 0


_VERB = {"request": "asked again", "comment": "commented", "approve": "approved", "changes": "asked for changes"}


def cmd_review_event(args: argparse.Namespace) -> int:
    with open_workspace(args.folder, write=True) as ws:
        review = ws.review_event(args.review, args.kind, args.text, args.clause)
    print(f"Review {review.id}: {_VERB[args.kind]} ({review.state}).")
    return 0


def cmd_status(args: argparse.Namespace) -> int:
    from notice_studio.core.workspace import standing

    with open_workspace(args.folder, write=args.fetch) as ws:
        status = ws.status(fetch=args.fetch, interactive=sys.stdin.isatty())
    if args.json:
        print_json(
            {
                "format": JSON_FORMAT,
                "remotes": [_info_row(i) for i in status.remotes],
                "open_reviews": [_review_row(r) for r in status.open_reviews],
                "approved_by": status.approved_by,
                "publish_blocked_by": status.publish_blocked_by,
                "signatures": status.signatures,
            }
        )
        return _fetch_failures(status.remotes)
    if not status.remotes:
        print("Not connected to a server.")
    for info in status.remotes:
        print(f"{info.name} ({info.url}): {standing(info)}.")
    n = len(status.open_reviews)
    print(f"{plural(n, 'open review')}.")
    if status.approved_by:
        print(f"The draft as it is now was approved by {status.approved_by}.")
    if status.publish_blocked_by:
        print(f"Publishing: {status.publish_blocked_by}")
    signed = [f"{name} {state}" for name, state in status.signatures.items() if state != "unsigned"]
    if signed:
        print("Signed versions: " + ", ".join(signed) + ".")
    return _fetch_failures(status.remotes)


def cmd_ci_recipe(args: argparse.Namespace) -> int:
    with open_workspace(args.folder, write=True) as ws:
        path = ws.add_ci_recipe(args.host, args.package)
    print(f"Wrote and saved {path}; after 'notice-studio sync', each published version rebuilds the website.")
    return 0

"""`review-send` and `review-import`: the Word review round trip, headless."""

from __future__ import annotations

import argparse
from pathlib import Path

from notice_studio.cli.common import CommandError, add_folder, open_workspace, print_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("review-send", help="write the draft as a Word file to send for review (Track Changes)")
    add_folder(p)
    p.add_argument("--out", required=True, metavar="FILE.docx", help="the Word file to write")
    p.set_defaults(func=cmd_send)

    p = sub.add_parser(
        "review-import", help="read a reviewed Word file back: tracked changes, comments and untracked edits"
    )
    add_folder(p)
    p.add_argument("file", metavar="FILE.docx", help="the reviewed copy")
    p.add_argument("--json", action="store_true", help="print the proposed changes as stable JSON")
    p.add_argument("--accept-all", action="store_true", help="make every proposed change an edit of the draft")
    p.add_argument(
        "--accept", action="append", default=[], metavar="ID", help="make this proposed change an edit (repeatable)"
    )
    p.set_defaults(func=cmd_import)


def cmd_send(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.suffix.lower() != ".docx" and not out.is_dir():  # a folder is refused with the path rule's sentence
        raise CommandError(f"{out.name} should end in .docx, for example --out review.docx")
    with open_workspace(args.folder) as ws:
        sent = ws.send_for_review(out)
    print(f"Wrote {sent.path} for review: {sent.clauses} sections from the draft as saved ({sent.commit[:8]}).")
    print("When it comes back, run: notice-studio review-import DIR FILE.docx")
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    with open_workspace(args.folder, write=bool(args.accept_all or args.accept)) as ws:
        review = ws.read_word_review(args.file)  # a copy from elsewhere: its sentence names the import command
        chosen = args.accept_all or args.accept
        applied = ws.apply_word_review(review, args.accept, every=args.accept_all) if chosen else None
    failed = 1 if applied is not None and applied.refused else 0  # a change accepted but not made
    if args.json:
        data = review.as_json()
        if applied is not None:
            data["applied"] = {
                "commits": applied.commits,
                "proposals": applied.applied,
                "already_in_draft": applied.already,
                "not_applied": applied.refused,
                "skipped": applied.skipped,
                "notes": applied.notes,
            }
        print_json(data)
        return failed
    for sentence in review.unread:
        print(f"Not read: {sentence}")
    if not review.proposals:
        if not review.unread:
            print("The reviewed copy has no changes and no comments.")
        return 0
    for proposal in review.proposals:
        already = " Already in the draft." if proposal.id in review.in_draft else ""
        print(f"[{proposal.id}] {proposal.sentence()}{already}")
        for note in proposal.comments if proposal.kind != "comment" else ():
            print(f"    comment by {note.author}: {note.text}")
    if applied is None:
        if review.to_propose:
            print("Nothing was changed; accept with --accept ID or --accept-all.")
        elif review.in_draft:
            print(f"The draft already has {'the' if len(review.in_draft) == 1 else 'every'} change in the copy.")
        return 0
    print(applied.summary())
    for sentence in applied.notes:
        print(f"Note: {sentence}")
    for sentence in applied.skipped:
        print(f"Not applied: {sentence}")
    return failed

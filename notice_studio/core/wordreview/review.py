"""Send the draft for review in Word, read a reviewed copy back, and apply the accepted changes.

`send_for_review` writes the copy; `read_review` turns a returned copy into proposed changes per
clause; `apply_review` makes the accepted ones ordinary edits of the draft, one saved edit per
reviewer, recorded under the reviewer's name as Word recorded it.
"""

from __future__ import annotations

import copy
import io
import zipfile
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docx import Document

from notice_studio.core.diff.words import DELETE, INSERT
from notice_studio.core.export.docx_revisions import CommentNote, custom_properties, read_comments
from notice_studio.core.export.md_blocks import Block
from notice_studio.core.fileio import write_atomic
from notice_studio.core.library.merge import merge3
from notice_studio.core.notice import messages
from notice_studio.core.notice.model import Notice, NoticeError
from notice_studio.core.notice.store import Author, NoticeRepo, resolve_author
from notice_studio.core.wording import plural
from notice_studio.core.wordreview.formats import FORMATS_MARKDOWN_ADDS, FormatChange, format_edits, format_proposals
from notice_studio.core.wordreview.md_tables import as_sent_lines, markdown_table, md_table_bookmark
from notice_studio.core.wordreview.proposals import (
    Chunk,
    Proposal,
    chunks_of,
    edits_for,
    paired_moves,
    proposals_of,
)
from notice_studio.core.wordreview.reviewed import ReviewedClause, read_clauses, renamed_sections
from notice_studio.core.wordreview.sections import add_sections, like_a_sent_section, placement_notes
from notice_studio.core.wordreview.send import (
    COMMIT_PROPERTY,
    NOTICE_PROPERTY,
    TITLE_PROPERTY,
    ClauseText,
    clause_texts,
    review_docx_bytes,
)
from notice_studio.core.wordreview.source_edits import Edit, edited_markdown, literal_markdown, shown_text
from notice_studio.core.wordreview.tables import TableChange, apply_tables, table_comment_places, table_proposals
from notice_studio.core.wordreview.values import with_values
from notice_studio.core.zipguard import unpacked_size_problem

__all__ = [
    "AppliedReview",
    "NotFromThisNoticeError",
    "SentReview",
    "WordReview",
    "apply_review",
    "read_review",
    "reviewed_notice",
    "send_for_review",
]


UNKNOWN_REVIEWER = "Word reviewer"
"""Who untracked edits are recorded under when the copy does not say who last saved it."""


class NotFromThisNoticeError(NoticeError):
    """The Word file was not sent for review from this notice; offer a plain import instead."""


@dataclass(frozen=True)
class SentReview:
    path: Path
    commit: str
    clauses: int


@dataclass
class _Part:
    blocks: list[Block]
    chunks: list[Chunk]
    owner: dict[int, str]
    formats: dict[str, FormatChange] = field(default_factory=dict)

    def edits(self, accepted: Collection[str]) -> list[Edit]:
        """The accepted text changes, and emphasis for accepted formatting that touches none."""
        edits = edits_for(self.chunks, self.owner, accepted)
        return edits + format_edits(self.formats, accepted, edits)


@dataclass(frozen=True)
class NewSection:
    """A section the reviewer added: its title and text as Markdown, where it goes."""

    title: str
    body: str
    after: str | None
    level: int


@dataclass
class WordReview:
    """A reviewed copy read back: proposed changes, in reading order."""

    path: Path
    sent_commit: str
    reviewer: str
    proposals: list[Proposal]
    comments: list[CommentNote]
    _parts: dict[tuple[str, str], _Part] = field(default_factory=dict, repr=False)
    _new: dict[str, NewSection] = field(default_factory=dict, repr=False)
    _tables: dict[str, TableChange] = field(default_factory=dict, repr=False)
    _sent: Notice | None = field(default=None, repr=False)
    _texts: list[ClauseText] | None = field(default=None, repr=False)
    unread: list[str] = field(default_factory=list)
    """Sentences about changes in the copy that could not be read as proposals (a table typed in a
    clause whose rows or columns changed): counsel makes those by hand."""
    in_draft: frozenset[str] = frozenset()
    """Ids of the proposed changes the draft already has when the copy was read (a copy imported
    again, or a change counsel made by hand): shown as such, never proposed again."""

    @property
    def authors(self) -> list[str]:
        return list(dict.fromkeys(p.author for p in self.proposals if p.changes_text))

    def proposal(self, pid: str) -> Proposal:
        for p in self.proposals:
            if p.id == pid:
                return p
        raise KeyError(pid)

    def as_json(self) -> dict[str, object]:
        return {
            "file": str(self.path),
            "sent_from": self.sent_commit,
            "reviewers": self.authors,
            "proposals": [{**p.as_json(), "in_draft": p.id in self.in_draft} for p in self.proposals],
            "not_read": self.unread,
        }

    @property
    def to_propose(self) -> list[str]:
        """The ids 'accept all' accepts: every change the draft does not have yet."""
        return [p.id for p in self.proposals if p.changes_text and p.id not in self.in_draft]

    def sent_texts(self) -> list[ClauseText]:
        """The sent draft's clauses as the copy showed them (made once per review)."""
        if self._texts is None:
            assert self._sent is not None
            self._texts = clause_texts(self._sent)
        return self._texts


@dataclass
class AppliedReview:
    commits: list[str]
    applied: list[str]
    """Ids of the accepted proposals this import made."""
    skipped: list[str]
    """Plain sentences about accepted changes that could not be applied."""
    already: list[str] = field(default_factory=list)
    """Ids of accepted proposals the draft already had: nothing to make."""
    refused: list[str] = field(default_factory=list)
    """Ids of accepted proposals not made (`skipped` says why): the draft changed in the same place."""
    notes: list[str] = field(default_factory=list)
    """Plain sentences about changes made otherwise than the copy shows them (a new section placed
    elsewhere because the section it followed is gone)."""

    def summary(self) -> str:
        """One sentence on what the import did, true in every count: 'Applied 2 changes as 1
        saved edit; 1 change was already in the draft.'"""
        made = len(self.applied)
        head = f"Applied {plural(made, 'change')} as {plural(len(self.commits), 'saved edit')}" if made else ""
        tails = [
            f"{plural(n, 'change')} {'was' if n == 1 else 'were'} {what}"
            for n, what in ((len(self.already), "already in the draft"), (len(self.refused), "not made"))
            if n
        ]
        if not head:
            head = "Nothing was applied"
        return head + ("; " + " and ".join(tails) if tails else "") + "."


def send_for_review(repo: NoticeRepo, out: str | Path, *, sender: str = "") -> SentReview:
    """Write the saved draft to `out` as a Word copy marked for a later `read_review`."""
    commit = repo.head()
    notice = repo.notice_at(commit)
    data = review_docx_bytes(notice, notice_id=repo.identity(), commit=commit, sender=sender)
    path = Path(out)
    try:
        write_atomic(path, data)  # never a half-written copy for a reviewer (or a watcher) to open
    except OSError as exc:
        raise NoticeError(
            f"The review copy could not be written to {path} ({exc.strerror}); choose another folder."
        ) from None
    return SentReview(path, commit, sum(1 for _ in notice.walk()))


def _open(path: Path) -> Any:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise NoticeError(f"{path} could not be read ({exc.strerror}).") from None
    too_large = unpacked_size_problem(data, path.name)
    if too_large:
        raise NoticeError(too_large)
    try:
        return Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError):
        raise NoticeError(
            f"{path.name} is not a Word document (.docx); save it from Word as .docx and try again."
        ) from None


def read_review(repo: NoticeRepo, path: str | Path) -> WordReview:
    """The reviewed copy at `path` as proposed changes per clause."""
    path = Path(path)
    document = _open(path)
    marker = custom_properties(document)
    notice_id, commit = marker.get(NOTICE_PROPERTY, ""), marker.get(COMMIT_PROPERTY, "")
    own = f"notice-studio import {path} NEW_FOLDER"
    if not notice_id or not commit:
        unmatched = (
            f"{path.name} was not sent for review from Notice Studio, so its changes cannot be matched to sections"
        )
        raise NotFromThisNoticeError(
            f"{unmatched}; to make it a notice of its own, run {own}.",
            in_app=f"{unmatched}; to make it a notice of its own, use Import as a new notice.",
        )
    if not repo.is_identity(notice_id, commit):
        if repo.is_this_notice(notice_id):
            unsynced = (
                f"{path.name} was sent for review from a saved edit of this notice ({commit[:8]}) that this copy "
                "does not have, as from a colleague's copy not synced since"
            )
            raise NoticeError(
                f"{unsynced}; run notice-studio sync {repo.path} and import it again.",
                in_app=f"{unsynced}; use Sync with server, then import it again.",
            )
        title = marker.get(TITLE_PROPERTY, "") or "untitled"
        here = repo.load().title
        other = (
            f"{path.name} was sent for review from another notice, '{title}' (id {notice_id[:8]}), not from "
            f"'{here}' in the folder {repo.path.name} (id {repo.identity()[:8]})"
        )
        raise NotFromThisNoticeError(
            f"{other}; open that notice to import it, or to make it a notice of its own, run {own}.",
            in_app=f"{other}; open that notice to import it, or use Import as a new notice to make it a notice of "
            "its own.",
        )
    sent = repo.notice_at(commit)
    texts = clause_texts(sent)
    reviewer = (document.core_properties.last_modified_by or "").strip()
    if not reviewer or reviewer == "Notice Studio":
        reviewer = UNKNOWN_REVIEWER
    notes = read_comments(document)
    markdown_tables = {
        md_table_bookmark(t.bookmark, k): (table, sent.find(t.clause_id).title)
        for t in texts
        for k, block in enumerate(t.body_blocks)
        if (table := markdown_table(block)) is not None
    }
    unread = as_sent_lines(document, markdown_tables)  # tables typed in a clause: read as its lines
    found = read_clauses(
        document,
        {t.bookmark: t.clause_id for t in texts},
        {t.clause_id: t.number_prefix for t in texts},
        {t.clause_id: t.depth + 1 for t in texts},
        {t.clause_id: {" ".join(b.shown().split()) for b in t.body_blocks if b.style == "heading"} for t in texts},
        {t.clause_id: {" ".join(line.split()) for line in shown_text(t.body_blocks).split("\n")} for t in texts},
    )
    renamed_sections(
        found, [t.clause_id for t in texts], {t.clause_id: t.depth + 1 for t in texts}, like_a_sent_section(sent, texts)
    )
    review = WordReview(path, commit, reviewer, [], [], _sent=sent, unread=unread)
    used_comments: set[str] = set()
    places = table_comment_places(document, texts, sent)
    for text in texts:
        clause = sent.find(text.clause_id)
        reviewed = found.get(text.clause_id)
        if reviewed is None:
            review.proposals.append(
                Proposal(
                    f"{text.clause_id}/clause/1",
                    text.clause_id,
                    clause.title,
                    "clause",
                    "remove",
                    reviewer,
                    "",
                    False,
                    clause.title,
                    "",
                )
            )
            continue
        count = 0
        for part, blocks, runs in (
            ("title", text.title_blocks, reviewed.heading),
            ("body", text.body_blocks, reviewed.body),
        ):
            chunks = chunks_of(shown_text(blocks), runs, reviewer)
            found_proposals, owner = proposals_of(
                chunks,
                clause_id=text.clause_id,
                clause_title=clause.title,
                part=part,
                reviewer=reviewer,
                notes=notes,
                start=count,
            )
            found_proposals = paired_moves(with_values(found_proposals, chunks, owner, blocks), owner)
            formatting, formats = format_proposals(
                runs, chunks, blocks, clause_id=text.clause_id, clause_title=clause.title, part=part, reviewer=reviewer
            )
            found_proposals += formatting
            count += len(found_proposals)
            review._parts[(text.clause_id, part)] = _Part(blocks, chunks, owner, formats)
            review.proposals.extend(found_proposals)
            used_comments.update(c.comment_id for p in found_proposals for c in p.comments)
        for cid in dict.fromkeys(reviewed.comment_ids):
            if cid in notes and cid not in used_comments:
                used_comments.add(cid)
                note = notes[cid]
                count += 1
                review.proposals.append(
                    Proposal(
                        f"{text.clause_id}/comment/{count}",
                        text.clause_id,
                        clause.title,
                        "table" if cid in places else "body",
                        "comment",
                        note.author,
                        note.date,
                        True,
                        "",
                        "",
                        before=places.get(cid, ""),
                        comments=(note,),
                    )
                )
    table_changes, review._tables = table_proposals(document, texts, sent, reviewer)
    review.proposals.extend(table_changes)
    for key, reviewed in found.items():
        if reviewed.is_new:
            review.proposals.append(_new_section(review, key, reviewed, sent, notes))
    order = {t.clause_id: k for k, t in enumerate(texts)}

    def place(p: Proposal) -> float:  # a new section reads after the section it follows
        section = review._new.get(p.clause_id)
        if section is None:
            return order.get(p.clause_id, 0)
        return order[section.after] + 0.5 if section.after in order else -0.5

    review.proposals.sort(key=place)
    review.comments = list(notes.values())
    review._texts = texts
    states = proposal_states(review, repo.load())
    review.in_draft = frozenset(pid for pid, state in states.items() if state == IN_DRAFT)
    return review


def _new_section(
    review: WordReview, key: str, reviewed: ReviewedClause, sent: Notice, notes: dict[str, CommentNote]
) -> Proposal:
    """A section the reviewer added becomes one proposal: add it, title and text."""
    title = " ".join("".join(r.text for r in reviewed.heading).split())
    kept = [r for r in reviewed.body if r.op != DELETE]
    paragraphs = [" ".join(line.split()) for line in "".join(r.text for r in kept).split("\n")]
    body = "\n\n".join(literal_markdown(line) for line in paragraphs if line)
    review._new[key] = NewSection(title, body, reviewed.after, reviewed.level)
    inserted = next((r for r in [*reviewed.heading, *kept] if r.op == INSERT), None)
    after = sent.find(reviewed.after).title if reviewed.after and sent.has(reviewed.after) else ""
    return Proposal(
        f"{key}/clause/1",
        key,
        title,
        "clause",
        "add",
        (inserted.author if inserted else "") or review.reviewer,
        inserted.date if inserted else "",
        inserted is not None,
        "",
        "\n".join([title, *[line for line in paragraphs if line]]),
        before=after,
        comments=tuple(notes[c] for c in dict.fromkeys(reviewed.comment_ids) if c in notes),
    )


def _clause_text(review: WordReview, text: ClauseText, part: str, accepted: Collection[str]) -> str | None:
    """The part's new Markdown with the accepted proposals made; None when none touch it."""
    found = review._parts.get((text.clause_id, part))
    if found is None:
        return None
    edits = found.edits(accepted)
    if not edits:
        return None
    return edited_markdown(found.blocks, edits)


def _merged_body(
    review: WordReview, text: ClauseText, sent: str, now: str, accepted: Collection[str]
) -> tuple[str, int]:
    """The draft's body with each accepted change that does not clash with later edits (and
    how many clashed): each change is merged on its own, so one clash costs only that change."""
    part = review._parts[(text.clause_id, "body")]
    mine = [pid for pid in [*dict.fromkeys(part.owner.values()), *part.formats] if pid in accepted]
    kept: list[str] = []
    merged, clashes = now, 0
    for pid in mine:
        theirs = edited_markdown(part.blocks, part.edits([*kept, pid]))
        attempt, conflicts = merge3(sent, now, theirs)
        if conflicts:
            clashes += 1
            continue
        kept.append(pid)
        merged = attempt
    return merged, clashes


def reviewed_notice(review: WordReview, base: Notice, accepted: Collection[str]) -> tuple[Notice, list[str], list[str]]:
    """`base` (the current draft) with the accepted proposals made.

    Returns the new notice, the titles of the clauses changed and sentences about accepted
    changes that could not be made (the clause was edited since in an overlapping place, or
    is no longer in the draft)."""
    sent = review._sent
    assert sent is not None
    notice = copy.deepcopy(base)
    titles: list[str] = []
    skipped: list[str] = []
    removals = {p.clause_id for p in review.proposals if p.kind == "remove" and p.id in accepted}
    values = [p for p in review.proposals if p.kind == "value" and p.id in accepted]
    for proposal in values:  # a new value for a placeholder, not words in place of it
        current = notice.variables.get(proposal.placeholder, "")
        if current == proposal.value:
            continue  # the draft has the reviewer's value already
        if current != sent.variables.get(proposal.placeholder, ""):
            skipped.append(
                f"{{{{ {proposal.placeholder} }}}} was changed since the review was sent, so its new value "
                f'"{proposal.value}" was not set.'
            )
        else:
            notice.set_variable(proposal.placeholder, proposal.value)
            titles.append(proposal.clause_title)
    accepted = set(accepted) - {p.id for p in values}
    for proposal in review.proposals:
        if proposal.kind == "format" and proposal.id in accepted and proposal.value not in FORMATS_MARKDOWN_ADDS:
            skipped.append(
                f"\"{proposal.old_text}\" in '{proposal.clause_title}' is to be {proposal.value}: Markdown emphasis "
                "cannot be taken from part of a stretch automatically, so change it by hand."
            )
    for text in review.sent_texts():
        new_title = _clause_text(review, text, "title", accepted)
        new_body = _clause_text(review, text, "body", accepted)
        removing = text.clause_id in removals or (new_title == "" and new_body == "")
        if new_title is None and new_body is None and not removing:
            continue
        was = sent.find(text.clause_id)  # only for clauses with changes: find walks the outline
        if not notice.has(text.clause_id):
            if not removing:  # a section the reviewer took out that is out already: nothing to say
                skipped.append(f"'{was.title}' is no longer in the draft, so the reviewer's change to it was not made.")
            continue
        now = notice.find(text.clause_id)
        if removing:
            if now.body != was.body or now.children:
                skipped.append(
                    f"'{was.title}' was edited since the review was sent (or has sub-sections), so it was not "
                    "taken out; take it out by hand if you agree."
                )
                continue
            notice.remove(text.clause_id)
            titles.append(was.title)
            continue
        if new_title:
            if now.title == " ".join(new_title.split()):
                pass  # the draft has the reviewer's title already
            elif now.title == was.title:
                notice.rename(text.clause_id, " ".join(new_title.split()))
            else:
                skipped.append(f"'{was.title}' was renamed since the review was sent; its new title was kept.")
        if new_body is not None:
            if now.body == was.body:
                notice.set_body(text.clause_id, new_body)
            else:
                merged, clashes = _merged_body(review, text, was.body, now.body, accepted)
                if clashes:
                    skipped.append(
                        f"'{was.title}' was edited since the review was sent in the same place as {clashes} of "
                        "the reviewer's changes; make those by hand."
                    )
                if merged != now.body:
                    notice.set_body(text.clause_id, merged)
        titles.append(was.title)
    titles += add_sections(review, notice, accepted)
    table_titles, table_skipped = apply_tables(notice, sent, review.proposals, review._tables, accepted)
    return notice, titles + table_titles, skipped + table_skipped


NEW, IN_DRAFT, REFUSED = "new", "in_draft", "refused"


def proposal_states(review: WordReview, draft: Notice, ids: Collection[str] | None = None) -> dict[str, str]:
    """What accepting each proposed change (of `ids`, default all) would do to `draft`: NEW (it
    changes the draft), IN_DRAFT (the draft already has it: it changes the sent text, not the
    draft) or REFUSED (the draft was edited there since; `reviewed_notice` says why). One rule,
    `reviewed_notice`, decides all three. Each change is judged on its own, but a section taken
    out (its title and text deleted) is judged whole, as it is made."""
    sent = review._sent
    assert sent is not None
    states: dict[str, str] = {}
    for proposal in review.proposals:
        if not proposal.changes_text or (ids is not None and proposal.id not in ids):
            continue
        unit = _taken_out_with(review, proposal, ids) or {proposal.id}
        mine, theirs = _around(draft, proposal), _around(sent, proposal)
        notice, _, skipped = reviewed_notice(review, mine, unit)
        if notice != mine:
            states[proposal.id] = NEW
        elif skipped and not _part_as_reviewed(review, draft, proposal, ids):
            states[proposal.id] = REFUSED
        else:
            states[proposal.id] = IN_DRAFT if reviewed_notice(review, theirs, unit)[0] != theirs else NEW
    return states


def _around(notice: Notice, proposal: Proposal) -> Notice:
    """`notice` cut down to what accepting `proposal` reads and changes: its clause (with its
    sub-clauses), the placeholders and tables. A change to one clause leaves the others as they
    are, so judging it on this is judging it on the whole notice, without copying every clause
    once per proposal (a 300-clause notice with 100 changes took seconds). A new section needs
    the whole outline to find its place."""
    if proposal.kind == "add":
        return notice
    slim = copy.copy(notice)
    slim.clauses = [notice.find(proposal.clause_id)] if notice.has(proposal.clause_id) else []
    return slim


def _part_as_reviewed(review: WordReview, draft: Notice, proposal: Proposal, ids: Collection[str] | None) -> bool:
    """True when the draft's text of `proposal`'s clause is the reviewer's, every change made (the
    copy applied before): changes side by side clash when merged one at a time, yet all are in."""
    if proposal.part != "body" or not draft.has(proposal.clause_id):
        return False
    text = next((t for t in review.sent_texts() if t.clause_id == proposal.clause_id), None)
    if text is None:
        return False
    every = [p.id for p in review.proposals if p.clause_id == proposal.clause_id and (ids is None or p.id in ids)]
    return _clause_text(review, text, "body", every) == draft.find(proposal.clause_id).body


def _taken_out_with(review: WordReview, proposal: Proposal, ids: Collection[str] | None) -> set[str]:
    """The proposals that together take `proposal`'s section out (title and text deleted), if it is one."""
    if proposal.kind not in ("delete", "remove") or proposal.part not in ("title", "body", "clause"):
        return set()
    together = {
        p.id
        for p in review.proposals
        if p.clause_id == proposal.clause_id
        and p.changes_text
        and p.part in ("title", "body", "clause")
        and (ids is None or p.id in ids)
    }
    assert review._sent is not None
    return together if not reviewed_notice(review, review._sent, together)[0].has(proposal.clause_id) else set()


def apply_review(
    repo: NoticeRepo, review: WordReview, accepted: Collection[str], accepted_by: Author | None = None
) -> AppliedReview:
    """Make the accepted proposals ordinary edits of the draft, one saved edit per reviewer, whose
    author is the reviewer and whose committer is who accepted them (`accepted_by`).
    Those the draft already has are counted as such, not made again; those refused are named."""
    accepted = {pid for pid in accepted if any(p.id == pid and p.changes_text for p in review.proposals)}
    result = AppliedReview([], [], [])
    if not accepted:
        return result
    base = repo.load()
    states = proposal_states(review, base, accepted)
    result.already = sorted(pid for pid, state in states.items() if state == IN_DRAFT)
    result.refused = sorted(pid for pid, state in states.items() if state == REFUSED)
    accepted -= set(result.already)
    so_far: set[str] = set()
    skipped: list[str] = []
    result.notes = placement_notes(review, base, accepted - set(result.refused))
    for author in review.authors:
        mine = {p.id for p in review.proposals if p.author == author and p.id in accepted}
        if not mine:
            continue
        so_far |= mine
        notice, _, skipped = reviewed_notice(review, base, so_far)
        titles = [p.clause_title for p in review.proposals if p.id in mine]
        message = messages.edited(titles) + " (from a Word review)"
        commit = repo.save(notice, message, resolve_author(author), committer=accepted_by)
        if commit:
            result.commits.append(commit)
    result.applied = sorted(so_far - set(result.refused))
    result.skipped = skipped
    return result

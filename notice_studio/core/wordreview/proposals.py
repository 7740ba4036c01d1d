"""A reviewed clause as proposed changes: tracked insertions and deletions, untracked edits, comments.

The text that was sent (`sent`) is compared with the reviewed text as it stands with every
tracked change rejected: what differs was typed without Track Changes (an untracked edit).
The tracked changes sit on top of that. Everything becomes a list of `Chunk`s (old text, new
text, which proposal) so that any choice of accepted proposals gives the clause's new text.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from notice_studio.core.diff.words import DELETE, EQUAL, INSERT, WordOp, diff_words
from notice_studio.core.export.docx_revisions import CommentNote, TextRun
from notice_studio.core.wordreview.source_edits import Edit, emphasised

__all__ = ["Chunk", "Proposal", "chunks_of", "edits_for", "paired_moves", "proposals_of"]

UNTRACKED = "untracked"


@dataclass(frozen=True, slots=True)
class Chunk:
    old: str
    new: str
    key: tuple[str, ...] | None
    """("tracked", author, date) / ("untracked",) / None for text left as it was."""
    comments: tuple[str, ...] = ()
    hidden: int = 0
    """Characters typed without Track Changes and then deleted with it: in the copy with the
    tracked changes rejected, in neither the sent nor the new text."""
    looks: str = ""
    """How each character of `new` looks in the copy: a digit, 1 for bold + 2 for italic + 4 when
    its paragraph is not a list item."""


@dataclass(frozen=True, slots=True)
class Proposal:
    """One proposed change (or a comment) in one clause, as the reviewer made it."""

    id: str
    clause_id: str
    clause_title: str
    part: str
    """'title', 'body', 'clause' (the whole clause taken out or added) or 'table' (a notice
    table's cell or row; `before` says which)."""
    kind: str
    """'insert', 'delete', 'replace', 'move' (the same words taken out in one place and put in
    another: `before` and `after` are around where they go), 'remove', 'add' (a new section), 'value' (a placeholder's
    new value), 'format' (words made bold or italic, or not: `value` says which) or 'comment'."""
    author: str
    date: str
    tracked: bool
    old_text: str
    new_text: str
    before: str = ""
    after: str = ""
    comments: tuple[CommentNote, ...] = ()
    placeholder: str = ""
    """The placeholder whose words this changes ('value': its new value is `value`)."""
    value: str = ""
    reference: str = ""
    """The words of a cross-reference ("section 3") this change rewrites: accepting writes
    plain words in place of the reference."""

    @property
    def changes_text(self) -> bool:
        return self.kind != "comment"

    def sentence(self) -> str:
        """'Anna Reviewer replaced "30" with "45" in 'Retention' (tracked).'"""
        where = f"'{self.clause_title}'"
        how = "tracked" if self.tracked else "typed without Track Changes"
        breaks = _paragraph_breaks(self)
        if breaks:
            said = breaks
        elif self.kind == "insert":
            said = f'inserted "{_short(self.new_text)}"'
        elif self.kind == "delete":
            said = f'deleted "{_short(self.old_text)}"'
        elif self.kind == "replace":
            said = f'replaced "{_short(self.old_text)}" with "{_short(self.new_text)}"'
        elif self.kind == "move":
            said = f'moved "{_short(self.new_text)}"'
            said += f' to follow "{_tail(self.before)}"' if _tail(self.before) else " to the start"
        elif self.kind == "remove":
            said = "took out the whole section"
        elif self.kind == "format":
            said = f'made "{_short(self.old_text)}" {self.value}'
        elif self.kind == "value":
            return (
                f'{self.author} changed {{{{ {self.placeholder} }}}} from "{_short(self.old_text)}" to '
                f'"{_short(self.value)}" in {where}: accepting sets the value everywhere it is shown ({how}).'
            )
        elif self.kind == "add":
            place = f" after '{self.before}'" if self.before else " at the start"
            return f'{self.author} added a new section "{_short(self.clause_title)}"{place} ({how}).'
        else:
            note = self.comments[0].text if self.comments else ""
            place = f" ({self.before})" if self.part == "table" and self.before else ""
            return f'{self.author} commented on {where}{place}: "{_short(note, 200)}"'
        if self.part == "table" and not (self.old_text and self.new_text):
            said = (
                f'added the row "{_short(self.new_text)}"'
                if self.new_text
                else f'took out the row "{_short(self.old_text)}"'
            )
        part = {"title": " (title)", "table": f" ({self.before})"}.get(self.part, "")
        warning = (
            f" This changes the words shown for {{{{ {self.placeholder} }}}}: accepting writes them in place of "
            "the placeholder."
            if self.placeholder
            else ""
        )
        if self.reference:
            warning += (
                f' This rewrites the cross-reference "{self.reference}": accepting replaces the reference with '
                "plain words, which no longer follow the section if it is renumbered."
            )
        return f"{self.author} {said} in {where}{part} ({how}).{warning}"

    def as_json(self) -> dict[str, object]:
        return {
            "id": self.id,
            "clause": self.clause_id,
            "clause_title": self.clause_title,
            "part": self.part,
            "kind": self.kind,
            "author": self.author,
            "date": self.date,
            "tracked": self.tracked,
            "old": self.old_text,
            "new": self.new_text,
            "comments": [{"author": c.author, "date": c.date, "text": c.text} for c in self.comments],
            "placeholder": self.placeholder,
            "value": self.value,
            "reference": self.reference,
            "sentence": self.sentence(),
        }


def _tail(before: str) -> str:
    """The last few whole words of a change's context (40 characters: its first word may be cut off)."""
    words = before.split()
    return " ".join((words[1:] if len(before) >= 40 else words)[-5:])


def _paragraph_breaks(proposal: Proposal) -> str:
    """What a change of spacing alone did, in words ('split the paragraph after "..."'), or ''."""
    old, new = proposal.old_text, proposal.new_text
    if proposal.kind not in ("insert", "delete", "replace") or old.strip() or new.strip() or proposal.part == "table":
        return ""
    where = f' after "{_tail(proposal.before)}"' if _tail(proposal.before) else " at its start"
    if new.count("\n") > old.count("\n"):
        return f"split the paragraph{where}"
    if new.count("\n") < old.count("\n"):
        return f'joined the paragraph ending "{_tail(proposal.before)}" to the next one'
    return f"changed the spacing{where}"


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def chunks_of(sent: str, runs: Sequence[TextRun], reviewer: str) -> list[Chunk]:
    """The reviewed text against the text that was sent, as chunks (see the module docstring)."""
    r_chars: list[int] = []  # for each char of the reviewed-with-changes-rejected text: its run
    r_text: list[str] = []
    inserts_at: dict[int, list[int]] = {}
    for index, run in enumerate(runs):
        if run.op == INSERT:
            inserts_at.setdefault(len(r_text), []).append(index)
            continue
        r_chars.extend([index] * len(run.text))
        r_text.extend(run.text)
    rejected = "".join(r_text)
    out: list[Chunk] = []

    def add(
        old: str, new: str, key: tuple[str, ...] | None, comments: tuple[str, ...], hidden: int = 0, look: str = ""
    ) -> None:
        looks = look * len(new)
        if out and out[-1].key == key and out[-1].comments == comments:
            last = out[-1]
            out[-1] = Chunk(last.old + old, last.new + new, key, comments, last.hidden + hidden, last.looks + looks)
        else:
            out.append(Chunk(old, new, key, comments, hidden, looks))

    def tracked_key(run: TextRun) -> tuple[str, ...]:
        return ("tracked", run.author or reviewer, run.date)

    def flush_inserts(pos: int) -> None:
        for index in inserts_at.pop(pos, []):
            run = runs[index]
            add("", run.text, tracked_key(run), run.comments, look=_look(run))

    pos = 0
    for op in _untracked_ops(sent, rejected):
        if op.op == DELETE:
            flush_inserts(pos)
            add(op.text, "", (UNTRACKED,), ())
            continue
        for ch in op.text:
            flush_inserts(pos)
            run = runs[r_chars[pos]]
            if op.op == EQUAL:
                if run.op == EQUAL:
                    add(ch, ch, None, run.comments, look=_look(run))
                else:
                    add(ch, "", tracked_key(run), run.comments)
            elif run.op == EQUAL:
                add("", ch, (UNTRACKED,), run.comments, look=_look(run))
            else:  # typed without Track Changes, then deleted with it: no change, but counted
                add("", "", (UNTRACKED,), run.comments, 1)
            pos += 1
    for rest in sorted(inserts_at):
        flush_inserts(rest)
    return out


def _untracked_ops(sent: str, rejected: str) -> tuple[WordOp, ...]:
    """What was typed without Track Changes, word by word - but paragraph by paragraph first when a
    paragraph (a list item) was moved whole, taken out in one place and found word for word in
    another, and the word diff did not read it so: short items that share most of their words
    ('your name', 'your email address') are matched word by word across each other, and the move
    comes out as words replaced."""
    ops = diff_words(sent, rejected)
    old_lines, new_lines = sent.splitlines(keepends=True), rejected.splitlines(keepends=True)
    matcher = SequenceMatcher(None, [t.rstrip("\n") for t in old_lines], [t.rstrip("\n") for t in new_lines], False)
    blocks = matcher.get_opcodes()
    taken = Counter(_words(t) for tag, i1, i2, _, _ in blocks if tag != "equal" for t in old_lines[i1:i2])
    put = Counter(_words(t) for tag, _, _, j1, j2 in blocks if tag != "equal" for t in new_lines[j1:j2])
    moved = taken & put
    moved.pop("", None)  # white lines are no paragraph
    whole = {_words(op.text) for op in ops if op.op == DELETE} & {_words(op.text) for op in ops if op.op == INSERT}
    if len(whole - {""}) >= sum(moved.values()):
        return ops  # the word diff reads as many paragraphs moved whole (two swapped: either one may be)
    line_ops: list[WordOp] = []
    for _, i1, i2, j1, j2 in blocks:
        line_ops += diff_words("".join(old_lines[i1:i2]), "".join(new_lines[j1:j2]))
    return tuple(line_ops)


def _words(text: str) -> str:
    return " ".join(text.split())


def _look(run: TextRun) -> str:
    return str(int(run.bold) + 2 * int(run.italic) + 4 * int(not run.listed))


def proposals_of(
    chunks: Sequence[Chunk],
    *,
    clause_id: str,
    clause_title: str,
    part: str,
    reviewer: str,
    notes: Mapping[str, CommentNote],
    start: int = 0,
) -> tuple[list[Proposal], dict[int, str]]:
    """Proposals from chunks, and which proposal each changed chunk belongs to."""
    proposals: list[Proposal] = []
    owner: dict[int, str] = {}
    group: list[int] = []

    def close() -> None:
        if not group:
            return
        first = chunks[group[0]]
        assert first.key is not None
        old = "".join(chunks[k].old for k in group)
        new = "".join(chunks[k].new for k in group)
        if old == new:
            group.clear()
            return
        pid = f"{clause_id}/{part}/{start + len(proposals) + 1}"
        tracked = first.key[0] != UNTRACKED
        ids = list(dict.fromkeys(c for k in group for c in chunks[k].comments))
        sent_before = "".join(c.old for c in chunks[: group[0]])
        sent_after = "".join(c.old for c in chunks[group[-1] + 1 :])
        proposals.append(
            Proposal(
                id=pid,
                clause_id=clause_id,
                clause_title=clause_title,
                part=part,
                kind="insert" if not old else "delete" if not new else "replace",
                author=first.key[1] if tracked else reviewer,
                date=first.key[2] if tracked else "",
                tracked=tracked,
                old_text=old,
                new_text=new,
                before=sent_before[-40:],
                after=sent_after[:40],
                comments=tuple(notes[c] for c in ids if c in notes),
            )
        )
        for k in group:
            owner[k] = pid
        group.clear()

    for k, chunk in enumerate(chunks):
        if chunk.key is None:
            close()
            continue
        if group:
            key = chunks[group[-1]].key
            assert key is not None
            same = key[0] == chunk.key[0] and (key[0] == UNTRACKED or key[1] == chunk.key[1])
            if not same:
                close()
        group.append(k)
    close()
    return _with_nearby_comments(chunks, proposals, owner, notes), owner


_MOVED_WORDS = 4
"""Fewer words than this, within a paragraph, are not read as moved."""


def paired_moves(proposals: Sequence[Proposal], owner: dict[int, str]) -> list[Proposal]:
    """A deletion and an insertion of the same words in one part, by the same reviewer (a tracked
    move, or a paragraph cut and pasted without Track Changes), become one 'move' proposal:
    accepting it makes both. `owner` is updated to match."""
    out = list(proposals)

    def plain(p: Proposal) -> bool:
        return not (p.placeholder or p.reference)

    for insert in [p for p in proposals if p.kind == "insert" and plain(p)]:
        words = " ".join(insert.new_text.split())
        delete = next(
            (
                p
                for p in out
                if p.kind == "delete"
                and plain(p)
                and (p.author, p.tracked) == (insert.author, insert.tracked)
                and " ".join(p.old_text.split()) == words
            ),
            None,
        )
        if delete is None or (len(words.split()) < _MOVED_WORDS and "\n" not in insert.new_text + delete.old_text):
            continue  # one word taken out here and typed there is two changes, each to accept or not
        first, second = (delete, insert) if out.index(delete) < out.index(insert) else (insert, delete)
        move = replace(
            first,
            kind="move",
            old_text=delete.old_text,
            new_text=insert.new_text,
            before=insert.before,
            after=insert.after,
            comments=first.comments + tuple(c for c in second.comments if c not in first.comments),
        )
        out[out.index(first)] = move
        out.remove(second)
        for k, pid in owner.items():
            if pid == second.id:
                owner[k] = first.id
    return out


def _with_nearby_comments(
    chunks: Sequence[Chunk], proposals: list[Proposal], owner: Mapping[int, str], notes: Mapping[str, CommentNote]
) -> list[Proposal]:
    """A comment on unchanged words goes with the change in the same paragraph, if there is one."""
    paragraph_of_proposal: dict[str, int] = {}
    paragraph_of_comment: dict[str, int] = {}
    paragraph = 0
    for k, chunk in enumerate(chunks):
        pid = owner.get(k)
        if pid is not None:
            paragraph_of_proposal.setdefault(pid, paragraph)
        else:
            for cid in chunk.comments:
                paragraph_of_comment.setdefault(cid, paragraph)
        paragraph += chunk.old.count("\n") if pid is None else 0
    attached = {c.comment_id for p in proposals for c in p.comments}
    out = []
    for proposal in proposals:
        extra = tuple(
            notes[cid]
            for cid, where in paragraph_of_comment.items()
            if cid in notes and cid not in attached and where == paragraph_of_proposal.get(proposal.id)
        )
        attached.update(c.comment_id for c in extra)
        out.append(replace(proposal, comments=proposal.comments + extra) if extra else proposal)
    return out


def edits_for(chunks: Sequence[Chunk], owner: Mapping[int, str], accepted: Collection[str]) -> list[Edit]:
    """Edits (in sent-text coordinates) that make the accepted proposals and nothing else."""
    found: list[tuple[int, int, str, str]] = []  # start, end, new text, its looks
    pos = 0
    for k, chunk in enumerate(chunks):
        pid = owner.get(k)
        if pid is not None and pid in accepted and chunk.old != chunk.new:
            end = pos + len(chunk.old)
            looks = chunk.looks.ljust(len(chunk.new), "4")
            if found and found[-1][1] == pos:
                start, _, text, was = found.pop()
                found.append((start, end, text + chunk.new, was + looks))
            else:
                found.append((pos, end, chunk.new, looks))
        pos += len(chunk.old)
    return [
        Edit(start, end, _styled(text, looks), plain=_plain_paragraphs(text, looks))
        for start, end, text, looks in found
    ]


def _styled(text: str, looks: str) -> str:
    """The reviewer's words with their bold and italic marked (see `source_edits.emphasised`)."""
    bold, italic = [int(c) & 1 == 1 for c in looks], [int(c) & 2 == 2 for c in looks]
    if not any(bold) and not any(italic):
        return text
    return emphasised(text, bold, italic)


def _plain_paragraphs(text: str, looks: str) -> bool:
    """The new text makes paragraphs of its own that are not list items in the copy."""
    if "\n" not in text:
        return False
    flags = [int(c) & 4 == 4 for c, ch in zip(looks, text, strict=False) if ch != "\n" and not ch.isspace()]
    return bool(flags) and all(flags)

"""The Word redline and the Word review round trip on real edits by real legal teams.

For successive versions of real policies (the corpus's policy-history bundle, cloned), each
version is imported as a notice and compared with the next. For each pair it checks that the
tracked-change redline's Accept All gives exactly the later version's text and Reject All the
earlier one's (paragraph by paragraph, ignoring heading numbers), and that a review copy of the
earlier version, edited into the later one without Track Changes, comes back as proposals whose
acceptance reproduces the later version's Markdown. Prints counts, and times beside a same-run
baseline (the plain Word export of the later version).

    .venv/bin/python benchmarks/bench_word_redline.py ../shared/corpus/policy-history [PAIRS]

Clone the history first: git clone -b main ../shared/corpus/policy-history.bundle policy-history
"""

from __future__ import annotations

import copy
import io
import itertools
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from docx import Document
from word_edits import resolved_paragraphs

from notice_studio.core.export.docx import notice_docx
from notice_studio.core.export.redline_docx import redline_docx_bytes
from notice_studio.core.importer import build_notice, detect_outline, read_document
from notice_studio.core.notice.model import Notice
from notice_studio.core.render.renderer import render
from notice_studio.core.wordreview.proposals import chunks_of, edits_for, proposals_of
from notice_studio.core.wordreview.send import clause_texts
from notice_studio.core.wordreview.source_edits import edited_markdown, shown_text


def import_text(text: str, folder: Path) -> Notice:
    path = folder / "policy.md"
    path.write_text(text, encoding="utf-8")
    return build_notice(detect_outline(read_document(path)), organisation="Bench")


def pairs(history: Path, limit: int) -> list[tuple[str, str, str]]:
    """(service, earlier text, later text) for successive versions, spread over the services."""
    out = []
    files = sorted(p.name for p in history.glob("*.md"))
    per_file = max(1, limit // max(len(files), 1))
    for name in files:
        commits = subprocess.run(
            ["git", "-C", str(history), "log", "--format=%H", "--", name], capture_output=True, text=True, check=True
        ).stdout.split()
        for newer, older in list(itertools.pairwise(commits))[:per_file]:
            a, b = _show(history, older, name), _show(history, newer, name)
            if a.strip() and b.strip() and a != b:
                out.append((name, a, b))
        if len(out) >= limit:
            break
    return out[:limit]


def _show(history: Path, commit: str, name: str) -> str:
    return subprocess.run(
        ["git", "-C", str(history), "show", f"{commit}:{name}"], capture_output=True, text=True
    ).stdout


def clause_lines(document, accept: bool) -> list[str]:
    lines = resolved_paragraphs(document, accept)
    start = next((k for k, line in enumerate(lines) if line == "Summary of changes"), 0)
    # skip the summary: clause text starts at the first numbered heading after it
    for k in range(start + 1, len(lines)):
        if re.match(r"^\d+(\.\d+)* ", lines[k]) and ":" not in lines[k]:
            return [re.sub(r"^\d+(\.\d+)* ", "", line) for line in lines[k:]]
    return []


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    history = Path(sys.argv[1])
    limit = int(sys.argv[2]) if len(sys.argv) > 2 and sys.argv[2].isdigit() else 30
    accept_ok = reject_ok = review_ok = total = 0
    redline_times, plain_times, review_times = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for name, a, b in pairs(history, limit):
            old, new = import_text(a, Path(tmp)), import_text(b, Path(tmp))
            total += 1
            t = time.perf_counter()
            data = redline_docx_bytes(old, new)
            redline_times.append(time.perf_counter() - t)
            t = time.perf_counter()
            notice_docx(render(new))
            plain_times.append(time.perf_counter() - t)
            changed = Document(io.BytesIO(data))
            same_new = Document(io.BytesIO(redline_docx_bytes(new, copy.deepcopy(new))))
            same_old = Document(io.BytesIO(redline_docx_bytes(old, copy.deepcopy(old))))
            accepted = clause_lines(changed, True) == clause_lines(same_new, True)
            rejected = sorted(clause_lines(changed, False)) == sorted(clause_lines(same_old, True))
            accept_ok += accepted
            reject_ok += rejected  # moved clauses sit at their old place, hence sorted
            if "-v" in sys.argv and not accepted:
                _first_difference(name, clause_lines(changed, True), clause_lines(same_new, True))
            # Review round trip: the earlier version's clauses edited into the later one's words
            # (clauses in both, untracked) must come back as exactly the later Markdown.
            t = time.perf_counter()
            good = True
            new_ids = {c.id: c for c, _, _ in new.walk()}
            for text in clause_texts(old):
                later = new_ids.get(text.clause_id)
                if later is None:
                    continue
                target = clause_texts(_only(new, later.id))[0]
                from notice_studio.core.export.docx_revisions import TextRun

                runs = [TextRun(shown_text(target.body_blocks), "equal")]
                chunks = chunks_of(shown_text(text.body_blocks), runs, "R")
                proposals, owner = proposals_of(
                    chunks, clause_id=text.clause_id, clause_title="", part="body", reviewer="R", notes={}
                )
                result = edited_markdown(text.body_blocks, edits_for(chunks, owner, [p.id for p in proposals]))
                shown_back = shown_text(
                    clause_texts(_with_body(old, text.clause_id, result))[_index(old, text.clause_id)].body_blocks
                )
                if shown_back != shown_text(target.body_blocks):
                    good = False
                    if "-v" in sys.argv:
                        _first_difference(
                            text.clause_id, shown_back.split("\n"), shown_text(target.body_blocks).split("\n")
                        )
            review_ok += good
            review_times.append(time.perf_counter() - t)
            print(f"{name}: accept {accepted} reject {rejected} review {good}", file=sys.stderr)
    print(f"version pairs: {total}")
    print(f"Accept All gives the later version: {accept_ok}/{total}")
    print(f"Reject All gives the earlier version (order aside): {reject_ok}/{total}")
    print(f"untracked review edits map back to the same text a reader sees: {review_ok}/{total}")
    if total:
        print(
            f"tracked redline median {statistics.median(redline_times) * 1000:.0f} ms "
            f"(baseline, plain Word export of the later version: {statistics.median(plain_times) * 1000:.0f} ms); "
            f"review mapping median {statistics.median(review_times) * 1000:.0f} ms"
        )
    return 0


def _first_difference(name: str, got: list[str], want: list[str]) -> None:
    for k, (x, y) in enumerate(zip(got, want, strict=False)):
        if x != y:
            print(f"  {name} line {k}:\n    got  {x[:200]!r}\n    want {y[:200]!r}", file=sys.stderr)
            return
    print(f"  {name}: {len(got)} lines, wanted {len(want)}", file=sys.stderr)


def _only(notice: Notice, clause_id: str) -> Notice:
    """The notice with its numbers and values, as `clause_texts` needs, for one clause."""
    return _Sub(notice, clause_id)  # type: ignore[return-value]


class _Sub(Notice):
    def __init__(self, notice: Notice, clause_id: str) -> None:
        super().__init__(**{k: getattr(notice, k) for k in ("title", "language", "variables", "tables")})
        self.clauses = [copy.deepcopy(notice.find(clause_id))]
        self.clauses[0].children = []
        self._numbers = notice.numbers()

    def numbers(self) -> dict[str, str]:
        return self._numbers


def _with_body(notice: Notice, clause_id: str, body: str) -> Notice:
    changed = copy.deepcopy(notice)
    changed.set_body(clause_id, body)
    return changed


def _index(notice: Notice, clause_id: str) -> int:
    return [c.id for c, _, _ in notice.walk()].index(clause_id)


if __name__ == "__main__":
    raise SystemExit(main())

"""Imports and checks on huge or hostile input stay bounded (issue 15, item 10).

Each case runs at a size and at half that size in the same run: the ratio shows how the cost
grows (about 2 for linear; 4 would be quadratic). Also a zip bomb .docx (refused before reading)
and a 30 MB section in `check` (only its first million characters are read).

    .venv/bin/python benchmarks/bench_import_limits.py [--scale 1.0]
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from notice_studio.core.checks import run_checks
from notice_studio.core.importer import ImportProblem, import_file
from notice_studio.core.notice.model import Clause, Notice
from notice_studio.core.zipguard import MAX_UNPACKED

SENTENCE = "We keep the records we need for as long as the law asks, then delete them. "


def text_notice(folder: Path, sections: int) -> Path:
    path = folder / f"t{sections}.txt"
    with path.open("w", encoding="utf-8") as out:
        out.write("Privacy notice\n\n")
        for n in range(1, sections + 1):
            out.write(f"{n}. Section {n}\n\n{SENTENCE * 3}\n\n")
    return path


def docx_notice(folder: Path, paragraphs: int) -> Path:
    import docx

    document = docx.Document()
    for n in range(paragraphs):
        if n % 20 == 0:
            document.add_heading(f"Section {n // 20 + 1}", 1)
        else:
            document.add_paragraph(SENTENCE)
    path = folder / f"d{paragraphs}.docx"
    document.save(str(path))
    return path


def html_nested(folder: Path, depth: int) -> Path:
    path = folder / f"h{depth}.html"
    path.write_text(
        "<html><body><h1>Notice</h1><h2>Start</h2>" + "<div>" * depth + "<p>x</p>" + "</div>" * depth + "</body></html>"
    )
    return path


def timed(action: Callable[[], object]) -> tuple[float, str]:
    started = time.perf_counter()
    try:
        result = action()
        outcome = f"{len(result.sections)} sections" if hasattr(result, "sections") else str(result)
    except ImportProblem as problem:
        outcome = "refused: " + str(problem)[:60] + "…"
    return time.perf_counter() - started, outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0, help="multiply every size (default 1)")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="ns-limits-"))
    cases: list[tuple[str, Callable[[int], Path], int]] = [
        ("text, numbered sections", lambda n: text_notice(folder, n), int(16000 * args.scale)),
        ("Word, paragraphs", lambda n: docx_notice(folder, n), int(40000 * args.scale)),
        ("HTML, nesting depth", lambda n: html_nested(folder, n), int(100000 * args.scale)),
    ]
    print(f"{'case':28} {'size':>8} {'seconds':>8} {'half size':>10} {'ratio':>6}  outcome")
    for name, make, size in cases:
        full_path, half_path = make(size), make(size // 2)
        half, _ = timed(lambda p=half_path: import_file(p))
        full, outcome = timed(lambda p=full_path: import_file(p))
        print(f"{name:28} {size:>8} {full:>8.2f} {half:>10.2f} {full / half:>6.2f}  {outcome}")

    # The clause tree of a notice of thousands of sections with repeated titles (the text case above
    # stops at 999 numbered sections): every id is made unique and every in-page link relinked.
    from notice_studio.core.importer.build import build_notice
    from notice_studio.core.importer.outline import ImportedOutline, ImportedSection

    def outline(n: int) -> ImportedOutline:
        sections = tuple(
            ImportedSection(f"Part {k % 3}", 2 if k % 3 else 1, (f"{SENTENCE}See [the start](#part-0).",))
            for k in range(n)
        )
        return ImportedOutline("long.txt", "txt", "A long notice", sections)

    size = int(20000 * args.scale)
    half_outline, full_outline = outline(size // 2), outline(size)
    half, _ = timed(lambda: len(build_notice(half_outline).all_clauses()))
    full, outcome = timed(lambda: len(build_notice(full_outline).all_clauses()))
    print(
        f"{'clause tree, repeated titles':28} {size:>8} {full:>8.2f} {half:>10.2f} {full / half:>6.2f}  {outcome} clauses"
    )

    bomb = folder / "bomb.docx"
    import docx

    document = docx.Document()
    document.add_paragraph("x")
    document.save(str(folder / "base.docx"))
    with zipfile.ZipFile(folder / "base.docx") as source, zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as out:
        for member in source.infolist():
            data = source.read(member.filename)
            if member.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body>" + b" " * (MAX_UNPACKED * 8), 1)
            out.writestr(member, data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    seconds, outcome = timed(lambda: import_file(bomb))
    grown = max(0, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) // 1024
    print(
        f"zip bomb .docx ({bomb.stat().st_size // 1024} KB packed, {MAX_UNPACKED * 8 // 2**20} MB unpacked): "
        f"{seconds:.2f} s, peak memory grew {grown} MB, {outcome}"
    )

    for megabytes in (30, 1):
        notice = Notice(title="Notice", organisation="Acme")
        notice.add(Clause("huge", "Huge", SENTENCE * (megabytes * 2**20 // len(SENTENCE))))
        notice.add(Clause("small", "Small", "Contact us at privacy@acme.example."))
        started = time.perf_counter()
        report = run_checks(notice)
        print(
            f"check, one {megabytes} MB section: {time.perf_counter() - started:.2f} s "
            f"({len(report.findings)} findings)"
        )


if __name__ == "__main__":
    main()

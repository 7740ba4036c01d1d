"""Real notices end to end: each policy of a corpus, in each form counsel import, through the command line.

    python benchmarks/import_end_to_end.py CORPUS_DIR [--forms browser,pdf] [--limit N] [--workers N]
                                                      [--baseline REV]

Each policy is written in the forms of import_corpus.py (web page, browser-copied text, PDF-copied
text, Word with and without heading styles, PDF), and each is taken through what counsel do
first: `import --tables`, `check --json`, then `publish` when nothing blocks it, and `export` to
HTML, Word and Markdown. Printed per form: imports that failed, any step that crashed (a
traceback, or an exit status the command line does not give), the notices whose check blocks
publishing and the error rules that block them, and exported pages with anything that could run
(a script, an event attribute, a javascript: link). With --baseline REV the same run is made
with the package as it was at REV, and its figures are printed beside.

The corpus is read, never copied: nothing of it is written outside a temporary folder.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import multiprocessing
import os
import subprocess
import sys
import tempfile
import traceback
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORMS = ["html", "browser", "pdftext", "docx", "docxbold", "pdf"]
_EMBEDS = {"iframe", "object", "embed", "frame", "applet"}
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "data", "xlink:href"}


class _Runnable(HTMLParser):
    """Counts what a browser would run in a page: a script (not JSON-LD data), an event attribute,
    a javascript: address, an embedded frame or object. Text that merely mentions them ('javascript:'
    written in a sentence, shown as text) runs nothing and is not counted."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and "ld+json" not in (values.get("type") or ""):
            self.found += 1
        if tag in _EMBEDS:
            self.found += 1
        for name, value in attrs:
            address = "".join((value or "").split()).lower()
            if name.startswith("on") or (name in _URL_ATTRIBUTES and address.startswith(("javascript:", "vbscript:"))):
                self.found += 1

    handle_startendtag = handle_starttag


def runnable(page: str) -> int:
    """How many things in an exported page a browser would run."""
    parser = _Runnable()
    parser.feed(page)
    parser.close()
    return parser.found


def _cli(args: list[str]) -> tuple[object, str, str]:
    """Run the command line in this process: (exit status or 'crash', stdout, stderr)."""
    from notice_studio.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code: object = main(args)
        except SystemExit as stop:
            code = stop.code
        except Exception:  # noqa: BLE001 - a crash is what this counts
            code = "crash"
            err.write(traceback.format_exc())
    return code, out.getvalue(), err.getvalue()


def _one(task: tuple[str, str]) -> dict:
    """One policy in one form, end to end."""
    import import_corpus as ic

    path_text, form = task
    file = Path(path_text)
    row: dict = {
        "policy": file.stem,
        "form": form,
        "crash": "",
        "import_failed": "",
        "blocking": [],
        "warnings": [],
        "runnable": 0,
    }
    pieces = ic.parse_policy(file.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = ic.write_form(form, pieces, "policy", folder)
        if source is None:
            row["skipped"] = True
            return row
        project = str(folder / "notice")
        code, _, err = _cli(["import", str(source), project, "--tables", "--jurisdiction", "gdpr,ccpa"])
        if code != 0:
            if code == "crash" or "Traceback" in err:
                row["crash"] = "import: " + err.strip().splitlines()[-1][:200]
            else:
                row["import_failed"] = err.strip()[:200]
            return row
        code, out, err = _cli(["check", project, "--json"])
        if code not in (0, 1) or "Traceback" in err:
            row["crash"] = "check: " + (err.strip().splitlines() or ["?"])[-1][:200]
            return row
        report = json.loads(out)
        row["blocking"] = sorted({f["rule"] for f in report["findings"] if f["severity"] == "error"})
        row["warnings"] = sorted({f["rule"] for f in report["findings"] if f["severity"] == "warning"})
        steps = []
        if not row["blocking"]:
            steps.append(["publish", project, "--effective", "2026-12-01", "--force", "--summary", "First version"])
        version = [] if not row["blocking"] else ["--version", "draft"]
        for fmt in ("html", "docx", "md"):
            steps.append(["export", project, *version, "--format", fmt, "--out", str(folder / f"notice.{fmt}")])
        for args in steps:
            code, _, err = _cli(args)
            if code != 0 or "Traceback" in err:
                row["crash"] = f"{args[0]}: " + (err.strip().splitlines() or ["?"])[-1][:200]
                return row
        page = (folder / "notice.html").read_text(encoding="utf-8")
        row["runnable"] = runnable(page)
    return row


def _init(tool_root: str) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    for name, value in (("NAME", "Benchmark"), ("EMAIL", "benchmark@example.invalid")):
        os.environ.setdefault(f"GIT_AUTHOR_{name}", value)
        os.environ.setdefault(f"GIT_COMMITTER_{name}", value)
    sys.path.insert(0, str(ROOT / "benchmarks"))
    sys.path.insert(0, tool_root or str(ROOT))


def run(corpus: Path, forms: list[str], limit: int | None, workers: int, tool_root: str) -> list[dict]:
    files = sorted(corpus.glob("*.md"))[:limit]
    tasks = [(str(f), form) for f in files for form in forms]
    with multiprocessing.get_context("spawn").Pool(workers, initializer=_init, initargs=(tool_root,)) as pool:
        return list(pool.imap_unordered(_one, tasks, chunksize=4))


def run_baseline(rev: str, corpus: Path, forms: list[str], limit: int | None, workers: int) -> list[dict] | None:
    """The same run with the package as it was at `rev` (extracted with git archive)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from import_corpus import extract_revision

    with tempfile.TemporaryDirectory() as tmp:
        if not extract_revision(rev, tmp):
            return None
        args = [sys.executable, str(Path(__file__).resolve()), str(corpus), "--rows-only", "--tool-root", tmp]
        args += ["--forms", ",".join(forms), "--workers", str(workers)] + (["--limit", str(limit)] if limit else [])
        done = subprocess.run(args, capture_output=True, text=True, check=False, cwd=tmp)
        if done.returncode:
            print("(baseline failed:", (done.stderr.strip().splitlines() or ["?"])[-1], ")")
            return None
        return json.loads(done.stdout)


def _figures(rows: list[dict], form: str) -> dict:
    mine = [r for r in rows if r["form"] == form and not r.get("skipped")]
    rules: Counter[str] = Counter(rule for r in mine for rule in r["blocking"])
    return {
        "policies": len(mine),
        "import_failed": sum(1 for r in mine if r["import_failed"]),
        "crashed": sum(1 for r in mine if r["crash"]),
        "blocked": sum(1 for r in mine if r["blocking"]),
        "runnable": sum(r["runnable"] for r in mine),
        "rules": rules,
    }


def report(rows: list[dict], base: list[dict] | None, forms: list[str]) -> None:
    def beside(now: int, key: str, form: str) -> str:
        return f"{now} ({_figures(base, form)[key]})" if base is not None else str(now)

    print(
        "Per form (baseline in brackets): policies | import refused | crashed | publishing blocked | runnable in HTML"
    )
    for form in forms:
        f = _figures(rows, form)
        cells = [beside(f[k], k, form) for k in ("import_failed", "crashed", "blocked", "runnable")]
        print(f"  {form:9} {f['policies']:4} | " + " | ".join(cells))
    print("Errors that block publishing, by rule (policies, over all forms; baseline in brackets):")
    now_rules: Counter[str] = Counter(rule for r in rows for rule in r["blocking"])
    base_rules: Counter[str] = Counter(rule for r in base for rule in r["blocking"]) if base else Counter()
    for rule in sorted(set(now_rules) | set(base_rules), key=lambda k: -now_rules[k]):
        print(f"  {rule:28} {now_rules[rule]}" + (f" ({base_rules[rule]})" if base is not None else ""))
    print("Warnings, by rule (policies, over all forms; baseline in brackets):")
    now_warn: Counter[str] = Counter(rule for r in rows for rule in r.get("warnings", []))
    base_warn: Counter[str] = Counter(rule for r in base for rule in r.get("warnings", [])) if base else Counter()
    for rule in sorted(set(now_warn) | set(base_warn), key=lambda k: -now_warn[k]):
        print(f"  {rule:28} {now_warn[rule]}" + (f" ({base_warn[rule]})" if base is not None else ""))
    crashes = [r for r in rows if r["crash"]]
    for r in crashes[:10]:
        print(f"  crash: {r['policy']} ({r['form']}): {r['crash']}")
    refused = Counter(r["import_failed"].split(":")[0][:80] for r in rows if r["import_failed"])
    for reason, count in refused.most_common(5):
        print(f"  import refused ({count}): {reason}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="folder of policies as Markdown")
    parser.add_argument("--forms", default=",".join(FORMS), help="comma-separated forms (default: all six)")
    parser.add_argument("--limit", type=int, default=None, help="only the first N policies")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes to run at once")
    parser.add_argument("--baseline", default="", help="git revision to run beside (default: none)")
    parser.add_argument("--rows-only", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--tool-root", default="", help=argparse.SUPPRESS)
    args = parser.parse_args()
    corpus = args.corpus.resolve()
    if not corpus.is_dir():
        sys.exit(
            f"{corpus} is not a folder of policies; give the corpus folder, e.g. ../shared/corpus/privacy-policies."
        )
    forms = [f for f in args.forms.split(",") if f]
    unknown = sorted(set(forms) - set(FORMS))
    if unknown:
        sys.exit(f"Unknown form {', '.join(unknown)}; choose from {', '.join(FORMS)}.")
    rows = run(corpus, forms, args.limit, args.workers, args.tool_root)
    if args.rows_only:
        print(json.dumps(rows))
        return
    base = run_baseline(args.baseline, corpus, forms, args.limit, args.workers) if args.baseline else None
    report(rows, base, forms)


if __name__ == "__main__":
    main()

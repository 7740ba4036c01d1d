"""A notice copied and pasted: the clipboard's HTML against its plain text alone, on real policies.

    python benchmarks/import_paste.py CORPUS_DIR [--limit N]

A browser copying a selection puts two things on the clipboard: the plain text (what
import_corpus.py's `browser` form is) and the selection's HTML, each element with its computed
style written in. The import dialog's Paste reads the HTML when there is some. For each policy
(Markdown, as import_corpus.py reads it) this builds both - the page's main content as a browser
would copy it, and the browser text - imports them through the one function the dialog and the
command line use (`read_pasted`), and prints the mean heading F1 of each, scored as import_corpus.py
scores: the plain text alone is the same-run baseline. The corpus is only measured: nothing of it
is kept.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.import_corpus import f1, make_browser_text, make_html, parse_policy, score
from notice_studio.core.wording import plural

_STYLE = 'style="color: rgb(33, 33, 33); font-family: Arial, sans-serif; font-size: 16px;"'


def clipboard_html(page: str, whole_page: bool = False) -> str:
    """What a browser puts on the clipboard for the notice selected (its main content), or for the
    whole page selected with Ctrl+A (menus, cookie banner and footer with it, their tags kept)."""
    if whole_page:
        body = page[page.index("<body>") + len("<body>") : page.index("</body>")]
    else:
        body = page[page.index("<main id='main'>") + len("<main id='main'>") : page.index("</main>")]
    return "<meta charset='utf-8'>" + re.sub(
        r"<(h\d|p|ul|li|table|td|div|nav|header|footer)([ >])", rf"<\1 {_STYLE}\2", body
    )


def score_policy(markdown: str, name: str) -> tuple[float, float, float] | None:
    """(F1 pasted with the clipboard's HTML of the notice selected, of the whole page selected, and
    pasted as plain text), or None for a policy without sections."""
    from notice_studio.core.importer import detect_outline, read_pasted

    pieces = parse_policy(markdown)
    if sum(1 for p in pieces if p.rank) < 2:
        return None
    text = make_browser_text(pieces, name)
    scores = []
    page = make_html(pieces, name)
    for html_text in (clipboard_html(page), clipboard_html(page, whole_page=True), ""):
        outline = detect_outline(read_pasted(text, html_text))
        found = [s.title for s in outline.sections if s.evidence != "text before the first heading"]
        scores.append(f1(*score(pieces, found))[2])
    return scores[0], scores[1], scores[2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("corpus", type=Path, help="a folder of policies as Markdown")
    parser.add_argument("--limit", type=int, default=None, help="score only the first N policies with sections")
    args = parser.parse_args()
    results = []
    for file in sorted(args.corpus.glob("*.md")):
        scored = score_policy(file.read_text(encoding="utf-8"), file.stem)
        if scored is not None:
            results.append(scored)
        if args.limit and len(results) >= args.limit:
            break
    if not results:
        sys.exit(f"No policy with two or more sections in {args.corpus}; give the folder of Markdown policies.")
    means = [statistics.mean(r[n] for r in results) for n in range(3)]
    print(f"Mean heading F1 over {plural(len(results), 'policy', 'policies')}, pasted:")
    print(f"  the notice selected, with the clipboard's HTML (what Paste reads)   {means[0]:.3f}")
    print(f"  the whole page selected (Ctrl+A), with its HTML                     {means[1]:.3f}")
    print(f"  as plain text alone (same-run baseline)                             {means[2]:.3f}")
    better = sum(r[0] > r[2] for r in results)
    worse = sum(r[0] < r[2] for r in results)
    print(f"  policies better / worse with the HTML (notice selected)             {better} / {worse}")


if __name__ == "__main__":
    main()

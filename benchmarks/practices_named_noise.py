"""How many recorded practices the practices_named rule says a policy names, and how many of
those are noise, beside a same-run baseline of the rule as it was at BASELINE_COMMIT.

    PYTHONPATH=. .venv/bin/python -m benchmarks.practices_named_noise CORPUS_DIR [--each]

CORPUS_DIR holds Markdown privacy policies (not part of the project). Each policy's whole text is
read as the sections the rule looks at, against a hand-made list of practices (our own labels,
below). A practice counts as *named* when the rule says so; a named practice is *noise* when the
policy has none of the words a reader would take to name it (`SAID`, written by hand: the
label's own distinctive words with their endings, the synonyms a reader takes for them, and for a
recipient the words for its kind) - named only through a word every notice uses, cut short, or a
word that merely starts like one. *Missed* counts the reverse: the policy says it and the rule
does not see it (a warning that would be wrong). --each prints a line per policy.
"""

from __future__ import annotations

import argparse
import re
import sys
import types
from pathlib import Path

from benchmarks.baseline import module_at
from notice_studio.core.checks import practices_named

BASELINE_COMMIT = "1007a94"

# (label, kind or None for a purpose, how a reader sees it named: a regular expression)
PRACTICES: tuple[tuple[str, str | None, str], ...] = (
    ("Personalised recommendations", None, r"\bpersonali[sz]\w*|\brecommend\w*"),
    ("Email newsletter", None, r"\be-?mails?\b|\bnewsletters?\b|\bmailing lists?\b"),
    ("Fraud prevention", None, r"\b(?:anti-)?fraud\w*|\bprevent\w*"),
    ("Servicing vehicles", None, r"\bservicing\b|\bvehicles?\b"),
    ("Customer support", None, r"\bsupport\w*|\bhelp ?desks?\b|\bcustomer care\b"),
    ("Detailed analytics", None, r"\bdetailed\b|\banalytic\w*|\banaly[sz]\w*"),
    ("Partnership programmes", None, r"\bpartnerships?\b|\bprogram\w*"),
    ("Product improvement", None, r"\bproducts?\b|\bimprov\w*"),
    ("Company events", None, r"\bevents?\b"),
    ("Website security", None, r"\bsecur\w*"),
    (
        "Payment processors",
        "service_provider",
        r"\bpayments?\b|\bprocess\w*|\bservice providers?\b|\bsupplier\w*|\bvendors?\b|\bcontractors?\b|\bproviders?\b",
    ),
    ("Analytics provider", "third_party", r"\banaly\w*|\bthird[- ]part\w*"),
    (
        "Law courts",
        "authority",
        r"\bcourts?\b|\bauthorit\w*|\bregulator\w*|\blaw enforcement\b|\bpolice\b|\bgovernment\w*",
    ),
    (
        "Personalisation partners",
        "advertising",
        r"\bpersonali[sz]\w*|\badvertis\w*|\bads?\b|\badverts?\b|\bad (?:network|partner)s?\b|\bmarketing partners?\b|\badtech\b",
    ),
)
SAID = {label: re.compile(pattern, re.IGNORECASE) for label, _kind, pattern in PRACTICES}


def load_baseline() -> types.ModuleType:
    """The rule at BASELINE_COMMIT, loaded from git."""
    module = module_at(BASELINE_COMMIT, "notice_studio/core/checks/practices_named.py", "baseline_practices_named")
    if module is None:
        raise SystemExit(f"The baseline commit {BASELINE_COMMIT} could not be read from git.")
    return module


def measure(rule: types.ModuleType, text: str) -> tuple[int, int, int]:
    """(named, noise, missed) for one policy's text under `rule`."""
    named = noise = missed = 0
    for label, kind, _pattern in PRACTICES:
        stems = rule._stems(label)
        phrases = rule.KIND_WORDS.get(kind, ()) if kind else ()
        says = rule._said(stems, phrases, text)
        really = SAID[label].search(text) is not None
        named += says
        noise += says and not really
        missed += really and not says
    return named, noise, missed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--each", action="store_true", help="print a line per policy")
    args = parser.parse_args(argv)
    files = sorted(args.corpus.glob("*.md"))
    if not files:
        print(f"No Markdown policies in {args.corpus}.", file=sys.stderr)
        return 1
    baseline = load_baseline()
    totals = {"baseline": [0, 0, 0], "now": [0, 0, 0]}
    with_noise = {"baseline": 0, "now": 0}
    if args.each:
        print("policy: named (baseline -> now), noise (baseline -> now), missed (baseline -> now)")
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        rows = {"baseline": measure(baseline, text), "now": measure(practices_named, text)}
        for name, row in rows.items():
            totals[name] = [t + r for t, r in zip(totals[name], row, strict=True)]
            with_noise[name] += row[1] > 0
        if args.each:
            (n0, z0, m0), (n1, z1, m1) = rows["baseline"], rows["now"]
            print(f"{path.stem}: named {n0} -> {n1}, noise {z0} -> {z1}, missed {m0} -> {m1}")
    count = len(files)
    print(f"{count} policies x {len(PRACTICES)} hand-made practices ({count * len(PRACTICES)} pairs)")
    for name, label in (("baseline", f"baseline {BASELINE_COMMIT}"), ("now", "this checkout")):
        named, noise, missed = totals[name]
        print(
            f"  {label:>20}: named {named} ({named / count:.1f} per policy), noise {noise} "
            f"({noise / count:.2f} per policy; {with_noise[name]} policies with any), missed {missed}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

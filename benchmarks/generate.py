"""A realistic large notice for benchmarks: 300 clauses of ~200 words, nested two deep."""

from __future__ import annotations

import random

from notice_studio.core.notice.model import Clause, Notice

_WORDS = [
    "we",
    "collect",
    "use",
    "share",
    "keep",
    "delete",
    "personal",
    "information",
    "data",
    "account",
    "service",
    "provider",
    "request",
    "contact",
    "security",
    "retention",
    "purpose",
    "consent",
    "rights",
    "access",
    "correct",
    "object",
    "restrict",
    "transfer",
    "country",
    "safeguard",
    "contract",
    "law",
    "cookies",
    "analytics",
    "marketing",
    "email",
    "address",
    "device",
    "browser",
    "location",
    "payment",
    "customer",
    "employee",
    "supplier",
    "partner",
    "period",
    "days",
    "months",
    "years",
    "reasonable",
    "necessary",
    "legitimate",
    "interest",
    "notice",
    "change",
    "update",
    "law",
    "enforcement",
    "authority",
    "complaint",
]


def _paragraphs(rng: random.Random, words: int) -> str:
    out, sentence = [], []
    for i in range(words):
        sentence.append(rng.choice(_WORDS))
        if len(sentence) >= rng.randint(10, 22) or i == words - 1:
            out.append(" ".join(sentence).capitalize() + ".")
            sentence = []
    paras = [" ".join(out[i : i + 4]) for i in range(0, len(out), 4)]
    return "\n\n".join(paras)


def make_notice(clauses: int = 300, words: int = 200, seed: int = 0) -> Notice:
    """A notice with `clauses` clauses (20 top-level sections) of about `words` words each."""
    rng = random.Random(seed)
    notice = Notice(title="Benchmark Notice", organisation="Bench Ltd", jurisdictions=["gdpr", "ccpa"])
    notice.variables = {"organisation.name": "Bench Ltd", "contact.email": "privacy@bench.example"}
    top = max(1, clauses // 15)
    parents: list[str] = []
    for i in range(clauses):
        title = f"Section {i} " + " ".join(rng.choice(_WORDS) for _ in range(2)).title()
        body = _paragraphs(rng, words)
        if i % 7 == 0:
            body += "\n\nContact {{ organisation.name }} at {{ contact.email }}."
        clause = Clause(f"clause-{i:03d}", title, body, topics=[])
        if i < top:
            notice.add(clause)
            parents.append(clause.id)
        else:
            notice.add(clause, parent_id=parents[i % top])
    return notice

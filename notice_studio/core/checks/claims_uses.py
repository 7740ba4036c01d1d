"""What the automated-decision, AI-training, consent and cookie-consent rules ask of the statement
reader in `claims`: a denial of decisions made solely by automated means ("Acme Ltd does not make
decisions based solely on automated processing", "No automated decision-making takes place"), a
denial of training AI on personal information ("Your data is never used to train AI models"), a
statement that processing (other than setting cookies) relies on consent, and how the text says cookies wait for (or do not
wait for) the visitor's choice. Questions, conditions ('if we use ...'), headings that ask, the
reader's own requests ('you can ask us not to ...') and other speakers are not statements."""

from __future__ import annotations

import re

from notice_studio.core.checks.claims import Claim, by_others, claims, flat_denial
from notice_studio.core.checks.text import Cue, per_text

_DECIDE = frozenset(["make", "take", "use", "subject", "rely"])
_DECISION_CUE = Cue(re.compile(r"\bautomat", re.IGNORECASE), ("automat",))
_DECISION_RE = re.compile(r"\bdecisions?\b")
_AUTOMATED_RE = re.compile(r"\bautomat\w*")
_TRAIN_CUE = Cue(re.compile(r"\b(?:train|develop|improv)", re.IGNORECASE), ("train", "develop", "improv"))
_TRAINING_RE = re.compile(r"\b(?:train\w*|develop\w*|improv\w*)\b")
_AI_RE = re.compile(r"\b(?:ai|artificial intelligence|machine learning|machine|models?|llms?|algorithms?)\b")
# Each reading reads only the sentences holding the words it needs (a long notice is mostly other things).
_CONSENT_CUE = Cue(
    re.compile(r"\brel(?:y|ies|ied|ying) on\b|\b(?:consent|permission|agreement) before\b", re.IGNORECASE),
    ("rely on", "relies on", "relied on", "relying on", "consent before", "permission before", "agreement before"),
)
_WAIT_CUE = Cue(
    re.compile(
        r"\b(?:until|unless|before) (?:you|we)\b|\bwithout (?:your |the visitor's )?(?:consent|permission|agreement)"
        r"|\b(?:after|once|if|when) (?:you (?:agree|accept|consent|allow|opt in|choose)|asking|getting|receiving|you give)"
        r"|\b(?:consent|permission|agreement) before\b",
        re.IGNORECASE,
    ),
    ("until ", "unless ", "before", "without ", "after ", "once ", "if ", "when "),
)
_SET_FIRST_CUE = Cue(
    re.compile(
        r"\bunless you\b|\bby default\b|\bby (?:continuing|using|browsing|visiting|staying)\b|\bfrom (?:your|the) (?:very )?first visit\b",
        re.IGNORECASE,
    ),
    (
        "unless you",
        "by default",
        "by continuing",
        "by using",
        "by browsing",
        "by visiting",
        "by staying",
        "first visit",
    ),
)
_CONSENT_RE = re.compile(r"\b(?:consent|permission|agreement)\b")
# "[ask for] your consent before ...": what is asked for, then when.
_ASKED_FIRST_RE = re.compile(r"(?:your |the )?(?:consent|permission|agreement)\b.*\bbefore\b")
_SET = frozenset(["set", "use", "place", "read", "store", "load", "drop"])
_ASK = frozenset(["ask", "seek", "obtain", "request", "get"])
_AGREE = frozenset(["agree", "accept"])
_RELY_OR_ASK = _ASK | {"rely"}
_SET_OR_ASK = _SET | _ASK
_SET_OR_AGREE = _SET | _AGREE | {"enable"}
_TRAINING = frozenset(["train", "use", "process"])
_COOKIE_RE = re.compile(r"\bcookies?\b")
_WAIT_RE = re.compile(
    r"\b(?:until|unless|before) you\b|\bwithout (?:your |the visitor's )?(?:consent|permission|agreement)\b"
)
_AFTER_CHOICE_RE = re.compile(
    r"\b(?:after|once|if|when) (?:you (?:agree|accept|consent|allow|opt in|choose)"
    r"|(?:asking for|getting|receiving|you give (?:us )?) (?:your )?(?:consent|permission|agreement))\b"
)
_UNLESS_REFUSED_RE = re.compile(r"\bunless you (?:opt out|object|refuse|decline|switch|turn|reject)")
# Set before any choice: "by default", "from your first visit".
_BY_DEFAULT_RE = re.compile(r"^(?:on )?(?:by default|from (?:your|the) (?:very )?first visit)\b")
_IMPLIED_RE = re.compile(r"\bby (?:continuing|using|browsing|visiting|staying)\b")


def _one_a_sentence(found: list[Claim]) -> tuple[Claim, ...]:
    """The first claim of each sentence ('No automated decision-making takes place' holds two)."""
    return tuple({c.sentence_start: c for c in reversed(found)}.values())[::-1]


def _said(claim: Claim) -> str:
    """What the claim says is (not) done, and how: the subject too where it names the thing done, and
    the words before where the object is 'it' or 'them'."""
    said = " ".join((*claim.subject, claim.object, *claim.tail))
    return f"{claim.antecedent} {said}" if claim.object in ("it", "them") else said


@per_text
def automated_denials(body: str) -> tuple[Claim, ...]:
    """'We do not make decisions based solely on automated processing', 'Decisions are never made by
    automated means alone', 'No automated decision-making takes place'."""
    return _one_a_sentence(
        [
            c
            for c in claims(body, _DECISION_CUE, _DECIDE)
            if c.lemmas & _DECIDE
            and flat_denial(c)
            and _DECISION_RE.search(said := _said(c))
            and _AUTOMATED_RE.search(said)
        ]
    )


@per_text
def ai_training_denials(body: str) -> tuple[Claim, ...]:
    """'We do not use your personal information to train AI models', 'Your data is never used to train
    AI models', 'We never train machine-learning models on your data'."""
    found = []
    for c in claims(body, _TRAIN_CUE, _TRAINING):
        if not flat_denial(c):
            continue
        what = " ".join((c.object, *c.tail))
        if "train" in c.lemmas:
            if _AI_RE.search(c.object):
                found.append(c)
        elif c.lemmas & {"use", "process"} and (training := _TRAINING_RE.search(what)):
            if _AI_RE.search(what, training.end()) or re.search(r"\b(?:ai|model|machine learning) train", what):
                found.append(c)
    return tuple(found)


_RELATIVE = frozenset(["that", "which", "what", "whether", "who"])


def _ours(claim: Claim) -> bool:
    """Said by us as a fact: not asked, conditional on 'if', said by someone else or a relative clause."""
    return not claim.hedged and not by_others(claim) and not _RELATIVE & set(claim.subject)


@per_text
def consent_claims(body: str) -> tuple[Claim, ...]:
    """'We rely on your consent ...', 'We ask for your consent before ...': processing said to rest on consent."""
    return tuple(
        c
        for c in claims(body, _CONSENT_CUE, _RELY_OR_ASK)
        if not c.denied
        and _ours(c)
        and (
            ("rely" in c.lemmas and _CONSENT_RE.search(c.object))
            # consent asked for before cookies are set is the cookie rule's (cookies_wait)
            or (c.lemmas & _ASK and _ASKED_FIRST_RE.match(" ".join((c.object, *c.tail))) and not _cookies(c))
        )
    )


def _cookies(claim: Claim) -> bool:
    return bool(_COOKIE_RE.search(_said(claim)))


@per_text
def cookies_wait(body: str) -> tuple[Claim, ...]:
    """Cookies said to wait for the visitor's choice: 'We do not set analytics cookies until you accept
    them', 'We ask for your consent before we place any cookie', 'Cookies are only set after you agree'."""
    return tuple(
        c for c in claims(body, _WAIT_CUE, _SET_OR_ASK) if not c.hedged and not by_others(c) and _waits(c, _said(c))
    )


def _waits(c: Claim, said: str) -> bool:
    if not _COOKIE_RE.search(said) or c.lemmas.isdisjoint(_SET | _ASK):
        return False
    if c.lemmas & _ASK:
        return not c.denied and bool(_ASKED_FIRST_RE.match(" ".join((c.object, *c.tail))))
    if c.denied:
        return bool(_WAIT_RE.search(said))
    return bool(_AFTER_CHOICE_RE.search(" ".join(c.tail) if c.passive else said))


@per_text
def cookies_set_first(body: str) -> tuple[Claim, ...]:
    """Cookies said to be set before any choice: 'By continuing to browse, you agree to our use of
    cookies', 'We set cookies unless you opt out', 'Cookies are set by default', 'Cookies are on by default',
    'Analytics cookies: on by default', 'Non-essential cookies are active from your first visit'."""
    return tuple(
        c
        for c in claims(body, _SET_FIRST_CUE, _SET_OR_AGREE)
        if not c.hedged and not c.denied and _set_first(c, _said(c))
    )


def _set_first(c: Claim, said: str) -> bool:
    if not _COOKIE_RE.search(said):
        return False
    if c.lemmas & _AGREE:
        return c.subject[-1:] == ("you",) and bool(_IMPLIED_RE.search(f"{c.antecedent} {' '.join(c.subject)}"))
    if c.lemmas.isdisjoint(_SET_OR_AGREE) or by_others(c):
        return False
    if c.passive:
        tail = " ".join(c.tail)
        return bool(_BY_DEFAULT_RE.search(tail)) and not _AFTER_CHOICE_RE.search(tail)
    return bool(_UNLESS_REFUSED_RE.search(said))

"""What the transfer and children rules ask of the statement reader in `claims`: a denial of sending
personal data outside a region ("Personal information is never transferred outside the EEA", "Acme Ltd
does not send your data beyond the UK", "Your data stays within the EEA"), a statement that it is sent
abroad, a denial that the service is meant for children, and a denial of selling the data of those
under 16. The place and the audience are read from the object or the words after the verb only."""

from __future__ import annotations

import re

from notice_studio.core.checks.claims import (
    SALE,
    Claim,
    about_children,
    by_others,
    claims,
    flat_denial,
    names_data,
)
from notice_studio.core.checks.text import Cue, per_text

_MOVE = frozenset(["transfer", "send", "move"])
_STAY = frozenset(["stay", "remain"])
_AIM = frozenset(["direct", "aim", "intend", "design", "target"])
_CHILD_ACTS = _AIM | SALE | {"share", "collect"}
_REGIONS = {
    "european economic area": "eea",
    "eea": "eea",
    "european union": "eu",
    "eu": "eu",
    "united kingdom": "uk",
    "uk": "uk",
}
_REGION = "(?P<region>" + "|".join(_REGIONS) + ")"
_OUTSIDE_RE = re.compile(rf"\b(?:outside|beyond) (?:of )?(?:the )?{_REGION}\b")
_INSIDE_RE = re.compile(rf"^(?:only |exclusively )?(?:within|inside|in) (?:the )?{_REGION}\b")
_ABROAD_RE = re.compile(r"\b(?:outside|abroad|other countries|those countries|third countries|the united states)\b")
_PLACE_CUE = Cue(
    re.compile(r"\b(?:outside|beyond|abroad|countries|United States|EEA|EU|UK|European|Kingdom)\b", re.IGNORECASE),
    ("outside", "beyond", "abroad", "countries", "united states", "eea", "eu", "uk", "kingdom"),
)
_CHILD_CUE = Cue(
    re.compile(r"\b(?:child|kid|minor|teen)|\bunder (?:the age of )?1\d\b", re.IGNORECASE),
    ("child", "kid", "minor", "teen", "under "),
)
_UNDER_16_RE = re.compile(r"\bunder (?:the age of )?16\b")
_UNKNOWING_RE = re.compile(r"(?:\bnot|n't|\bnever) (?:have )?(?:actual )?(?:knowledge|know) that we$")
# Words that end the phrase a place or an audience is read from: a new clause or a condition.
_PHRASE_ENDS = frozenset([",", ";", ":", "(", ")", "if", "unless", "except", "when", "where", "while", "but", "and"])


def _phrase(words: tuple[str, ...]) -> str:
    end = next((k for k, w in enumerate(words) if w in _PHRASE_ENDS), len(words))
    return " ".join(words[:end])


def _place_words(claim: Claim) -> tuple[str, ...]:
    """The object (active) or what follows the verb (passive), then the rest up to a new clause."""
    if claim.passive:
        return (_phrase(claim.tail),)
    return (claim.object, _phrase(claim.tail))


@per_text
def transfer_denials(body: str) -> tuple[tuple[Claim, str], ...]:
    """Each flat statement that personal data does not leave a region, with the region ('eea', 'eu', 'uk')."""
    found: list[tuple[Claim, str]] = []
    for claim in claims(body, _PLACE_CUE, _MOVE | _STAY):
        region = ""
        if not names_data(" ".join(claim.subject) if claim.lemmas & _STAY else claim.object):
            continue
        if claim.lemmas & _MOVE and flat_denial(claim):
            region = next((m.group("region") for p in _place_words(claim) if (m := _OUTSIDE_RE.search(p))), "")
        elif claim.lemmas & _STAY and not claim.denied and not claim.hedged and not claim.conditional:
            inside = _INSIDE_RE.search(claim.object if not claim.passive else _phrase(claim.tail))
            region = inside.group("region") if inside else ""
        if region:
            found.append((claim, _REGIONS[region]))
    return tuple(found)


@per_text
def transfer_claims(body: str) -> tuple[Claim, ...]:
    """'We transfer personal data to those countries', 'Your data is transferred to the United States'."""
    return tuple(
        c
        for c in claims(body, _PLACE_CUE, _MOVE | _STAY)
        if "transfer" in c.lemmas
        and not c.denied
        and not c.hedged
        and (c.passive or c.subject[-1:] == ("we",))
        and names_data(c.object)
        and any(_ABROAD_RE.search(p) for p in _place_words(c))
    )


@per_text
def not_for_children(body: str) -> tuple[tuple[Claim, bool], ...]:
    """Each flat denial that the service is meant for children ('The app is not aimed at children'), and
    whether its sentence also denies collecting children's data ('... and we do not knowingly collect ...')."""
    read = claims(body, _CHILD_CUE, _CHILD_ACTS)
    found = []
    for claim in read:
        phrase = _phrase(claim.tail)
        audience = claim.object if not claim.passive and about_children(claim.object) else ""
        if phrase.split(" ", 1)[0] in ("to", "at", "for") and about_children(phrase):
            audience = phrase
        if claim.lemmas & _AIM and flat_denial(claim) and audience:
            found.append((claim, any(_denies_collecting(c, claim) for c in read)))
    return tuple(found)


def _denies_collecting(claim: Claim, directed: Claim) -> bool:
    if claim.sentence_start != directed.sentence_start or "collect" not in claim.lemmas or not flat_denial(claim):
        return False
    said = f"{claim.object} {_phrase(claim.tail)}"
    return about_children(said) or bool(re.search(r"\bthem\b", said))


@per_text
def under_16_sale_denials(body: str) -> tuple[Claim, ...]:
    """'We do not sell or share the personal information of consumers under 16 (unless they opt in)':
    the opt-in condition is the rule's own form, so a condition does not make it something else."""
    return tuple(
        c
        for c in claims(body, _CHILD_CUE, _CHILD_ACTS)
        if c.lemmas & (SALE | {"share"})
        and not c.hedged
        and not by_others(c)
        and (c.denied or bool(_UNKNOWING_RE.search(" ".join(c.subject))))
        and any(_UNDER_16_RE.search(p) for p in (c.object, " ".join(c.tail)))
    )

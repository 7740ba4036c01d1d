"""The sentences a rule reads, and the places a regex is tried, are found by words before the regex runs:
a sentence the regex finds something in always holds one of the words, whatever the case ('RELY ON',
'ſell', 'İf you'), so reading only those finds exactly what searching everywhere would."""

from __future__ import annotations

import pytest

from notice_studio.core.checks import claims, claims_places, claims_uses, drafting, references, retention
from notice_studio.core.checks.text import Cue, cued, found_in, matches_from, plain, sentences

CUES = [
    (f"{module.__name__.rsplit('.', 1)[-1]}.{name}", value)
    for module in (claims, claims_uses, claims_places, retention)
    for name, value in vars(module).items()
    if isinstance(value, Cue)
]

BODY = "\n\n".join(
    [
        "We RELY ON your consent. Lantern Games Inc. relies on it too; we relied on it once.",
        "We ask for your permission before we set cookies. We do not ſell your details or trade them.",
        "Analytics cookies are on BY DEFAULT. By continuing to browse you accept them. Unless you object, we keep going.",
        "Cookies are active from your first visit. İf you agree, we place them. Once you accept, they load.",
        "We never place advertising cookies without your consent, and not until you choose.",
        "- Data stays in the UK.\n- Some of it goes to the United States and other countries abroad.",
        "Our service is not for CHILDREN under 13. Kids and minors, and teenagers under the age of 16, may not join.",
        "No automated decision-making takes place. We do not train AI models; we develop and improve features.",
        "We store your GPS location and precise location data. Leasing, renting and sharing are not done.",
        "## Retention\n\nWe KEEP account data for 2 years, retain logs, hold backups and delete the rest.",
        "Personal data is ERASED, removed or kept for as long as the retention period says. Nothing here is held.",
        "A plain sentence with none of the words. Another one, equally plain.",
    ]
)


@pytest.mark.parametrize(("name", "cue"), CUES, ids=[name for name, _ in CUES])
def test_a_cue_finds_the_sentences_a_search_of_every_sentence_finds(name: str, cue: Cue) -> None:
    text = plain(BODY)
    every = tuple(k for k, s in enumerate(sentences(BODY, False)) if cue.pattern.search(text, s.start, s.end))
    assert every, f"{name} finds nothing in the sample: add a sentence it reads"
    assert cued(BODY, cue) == every
    assert found_in(BODY, cue)
    assert not found_in("A plain sentence with none of the words.", cue)


def test_there_are_cues_to_test() -> None:
    assert len(CUES) >= 10


@pytest.mark.parametrize(
    ("pattern", "starts"),
    [
        (references._TYPED_REF_RE, ("section", "clause", "paragraph", "part")),
        (drafting._DANGLING_RE, ("at", "on", "via", "to", "by")),
    ],
)
@pytest.mark.parametrize(
    "text",
    [
        "See SECTION 4 above, clause 7.2 and part 3; a counterpart 5 is not one. Section 1798.100 of the Code.",
        "Write to us at. Contact us on: \n\nCall us by or e-mail us via , or ask us to for help.",
        "See ſection 2 and Paragraph 9 (the İndex). Contact us at , or tomorrow; stay ON, To, By.",
        "Nothing here.",
    ],
)
def test_matches_tried_only_where_their_first_words_are_are_all_the_matches(pattern, starts, text) -> None:
    assert [m.span() for m in matches_from(pattern, text, starts)] == [m.span() for m in pattern.finditer(text)]

"""What a sentence says is, or is not, done to what: a small reader for the consistency checks.

"We never rent or trade your personal information", "Your personal information is never sold",
"There is no sale of personal information by us", "The app does not track your precise location":
each is one `Claim` with the verbs' lemmas ({"rent", "trade"}), whether it is denied, and the
object phrase the verb acts on (up to a clause boundary, a recipient "to ..." or a purpose
"for ..."). The rules in `consistency` and `contradictions` judge the claims (the transfer and children
readings are in `claims_places`; automated decisions, AI training, consent and cookie consent in
`claims_uses`); this module knows no practices.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from notice_studio.core.checks.text import Cue, Sentence, cued, per_text, plain, sentences

_TOKEN_RE = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?|[,;:()]")


def _forms(lemma: str, past: str, ing: str, third: str = "") -> dict[str, str]:
    return {lemma: lemma, third or lemma + "s": lemma, past: lemma, ing: lemma}


_VERBS: dict[str, str] = {}
for _args in (
    ("sell", "sold", "selling"),
    ("rent", "rented", "renting"),
    ("trade", "traded", "trading"),
    ("lease", "leased", "leasing"),
    ("share", "shared", "sharing"),
    ("collect", "collected", "collecting"),
    ("use", "used", "using"),
    ("track", "tracked", "tracking"),
    ("gather", "gathered", "gathering"),
    ("obtain", "obtained", "obtaining"),
    ("record", "recorded", "recording"),
    ("access", "accessed", "accessing", "accesses"),
    ("store", "stored", "storing"),
    ("process", "processed", "processing", "processes"),
    ("ask", "asked", "asking"),
    ("disclose", "disclosed", "disclosing"),
    ("transfer", "transferred", "transferring"),
    ("give", "given", "giving"),
    ("provide", "provided", "providing"),
    ("release", "released", "releasing"),
    ("license", "licensed", "licensing"),
    ("exchange", "exchanged", "exchanging"),
    ("monetise", "monetised", "monetising"),
    ("monetize", "monetized", "monetizing"),
    ("send", "sent", "sending"),
    ("move", "moved", "moving"),
    ("stay", "stayed", "staying"),
    ("remain", "remained", "remaining"),
    ("direct", "directed", "directing"),
    ("aim", "aimed", "aiming"),
    ("intend", "intended", "intending"),
    ("design", "designed", "designing"),
    ("target", "targeted", "targeting"),
    # what the automated-decision, AI-training, consent and cookie readings in claims_uses ask about
    ("make", "made", "making"),
    ("take", "taken", "taking"),
    ("subject", "subjected", "subjecting"),
    ("train", "trained", "training"),
    ("rely", "relied", "relying", "relies"),
    ("seek", "sought", "seeking"),
    ("request", "requested", "requesting"),
    ("get", "got", "getting"),
    ("set", "set", "setting"),
    ("place", "placed", "placing"),
    ("read", "read", "reading"),
    ("load", "loaded", "loading"),
    ("drop", "dropped", "dropping"),
    ("enable", "enabled", "enabling"),
    ("agree", "agreed", "agreeing"),
    ("accept", "accepted", "accepting"),
):
    _VERBS.update(_forms(*_args))
_VERBS.update(gave="give", took="take", gotten="get")
_PARTICIPLES = frozenset(
    w for w in _VERBS if w.endswith("ed") or w in ("sold", "given", "sent", "made", "taken", "set", "read", "sought")
)
# States read as a verb where a form of 'be' or a label's colon comes before them, as 'enabled' is:
# "Cookies are on by default", "are switched on", "Analytics cookies: on by default".
_STATES = {"on": "enable", "active": "enable"}
_SWITCHED = frozenset(["switched", "turned"])
# Nouns read only after "no": "there is no sale of ...", "no selling or sharing of ...".
_NOUNS = {"sale": "sell", "sales": "sell", "collection": "collect", "use": "use", "disclosure": "disclose"}
_NOMINAL = frozenset(_NOUNS) | frozenset(_VERBS)
# The words a claim is read from: a verb, a state or 'no ...'.
_READ_FROM = frozenset(_VERBS) | frozenset(_STATES) | {"no"}

_AUX = frozenset(
    [
        "do",
        "does",
        "did",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "have",
        "has",
        "had",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
    ]
)
_BE = frozenset(["is", "are", "was", "were", "be", "been", "being"])
_ADVERBS = frozenset(
    [
        "also",
        "only",
        "ever",
        "knowingly",
        "currently",
        "otherwise",
        "intentionally",
        "directly",
        "actually",
        "still",
        "longer",
    ]
)
_JOINS = frozenset(["and", "or", ","])
_NEGATORS = frozenset(["not", "never", "cannot"])
# Words that end the object phrase: what follows says to whom, why, how or when, not what.
_OBJECT_ENDS = frozenset(
    [
        "to",
        "for",
        "with",
        "by",
        "unless",
        "except",
        "without",
        "if",
        "because",
        "since",
        "when",
        "where",
        "while",
        "but",
        "so",
        "as",
        "than",
    ]
)
_CONDITIONS = frozenset(["unless", "except", "without", "other", "if"])
_HEDGES = frozenset(["if", "whether", "unless"])
_SUBJECT_PRONOUNS = frozenset(["we", "you", "they", "he", "she", "it", "i"])
# A heading that starts so asks a question without its '?': "Do we sell your data", "How we use cookies".
_QUESTION_STARTS = _AUX | frozenset(["how", "what", "when", "where", "why", "which", "who", "whether"])
_HEADING_LINE_RE = re.compile(r"[ \t]{0,3}#{1,6}[ \t]")
# A subject that denies by itself: "No automated decision-making takes place", "Neither we nor ...".
_NO_SUBJECT = frozenset(["no", "none", "neither"])


@dataclass(frozen=True)
class Claim:
    """One statement about an action: offsets into the clause body, lower-case phrases."""

    start: int
    end: int
    sentence_start: int
    sentence_end: int
    lemmas: frozenset[str]
    denied: bool
    passive: bool
    subject: tuple[str, ...]
    object: str
    antecedent: str
    """The sentence before the claim: what 'it' or 'them' in the object stands for."""
    tail: tuple[str, ...]
    """The rest of the clause after the object ("to anyone", "when we make it available ..."); in the
    passive, whose object comes first, all that follows the verb ("outside the eea", "to children")."""
    conditional: bool
    """Followed by 'unless', 'except', 'without', 'if' or 'other than': not a flat statement."""
    hedged: bool
    """A question, a condition ('if we ...'), an imperative ('Do not share ...') or the reader's words ('my')."""


def _tokens(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    said = text[start:end]
    low = said.lower()
    if len(low) != len(said) or "\u212a" in said:  # lower() changed the offsets, or made an ASCII letter
        return [
            (m.group(0).lower().replace("’", "'"), m.start(), m.end()) for m in _TOKEN_RE.finditer(text, start, end)
        ]
    if "’" in low:
        low = low.replace("’", "'")
    return [(m.group(0), start + m.start(), start + m.end()) for m in _TOKEN_RE.finditer(low)]


def _negator(word: str) -> bool:
    return word in _NEGATORS or word.endswith("n't")


def _chain_word(word: str) -> bool:
    return word in _AUX or word in _ADVERBS or word in _JOINS or _negator(word)


@per_text
def claims(body: str, cue: Cue | re.Pattern[str], wanted: frozenset[str] = frozenset()) -> tuple[Claim, ...]:
    """Every statement about one of the known actions (those of `wanted`, if given) in the sentences of
    `body` that `cue` finds something in, in order (reading only those keeps a check of a long notice fast)."""
    reader = _reader(body)
    found: list[Claim] = []
    for k in cued(body, cue if isinstance(cue, Cue) else Cue(cue, ())):
        found += reader.claims(k, wanted)
    return tuple(found)


class _Sentence:
    """One sentence's words and verb groups; each claim is read when a rule first asks for its action."""

    __slots__ = ("groups", "made", "question", "words")

    def __init__(self, words: list[tuple[str, int, int]], question: bool) -> None:
        self.words = words
        self.question = question
        self.groups: list[tuple[int, int, int, frozenset[str]] | Claim] = []
        """(first verb, head, last verb, lemmas) of each verb group, or the claim read from 'no ...'."""
        self.made: dict[int, Claim] = {}


class _Reader:
    """The sentences of one clause body, each split into words and verb groups once, when a rule first
    asks: the rules ask about the same sentences with different cues and actions."""

    __slots__ = ("body", "sentences", "spans", "text")

    def __init__(self, body: str) -> None:
        self.body = body
        self.text = plain(body)
        self.spans = sentences(body, False)
        self.sentences: list[_Sentence | None] = [None] * len(self.spans)

    def claims(self, k: int, wanted: frozenset[str]) -> list[Claim]:
        """The claims of sentence k about the actions `wanted` (all if none); 'no sale of ...' whatever is
        asked, as the reader always did."""
        read = self.sentences[k]
        if read is None:
            read = self.sentences[k] = self._sentence(self.spans[k])
        found = []
        for group in read.groups:
            if isinstance(group, Claim):
                found.append(group)
                continue
            verb, head, last, lemmas = group
            if wanted and lemmas.isdisjoint(wanted):
                continue
            claim = read.made.get(verb)
            if claim is None:
                claim = read.made[verb] = _read(
                    self.text, read.words, verb, head, last, lemmas, self.spans[k].end, read.question
                )
            found.append(claim)
        return found

    def _sentence(self, sentence: Sentence) -> _Sentence:
        text = self.text
        words = _tokens(text, sentence.start, sentence.end)
        question = text[sentence.start : sentence.end].rstrip().endswith("?") or (
            bool(words) and words[0][0] in _QUESTION_STARTS and _heading(self.body, sentence.start)
        )
        read = _Sentence(words, question)
        i = 0
        while i < len(words):
            word = words[i][0]
            if word not in _READ_FROM:  # most words start nothing: skip them without a call
                i += 1
            elif word == "no" and i + 1 < len(words) and words[i + 1][0] in _NOMINAL:
                claim, i = _read_nominal(words, i, sentence.end, question)
                if claim is not None:
                    read.groups.append(claim)
            elif (group := _group(words, i)) is not None:
                read.groups.append((i, *group))
                i = group[1] + 1
            else:
                i += 1
        return read


@per_text
def _reader(body: str) -> _Reader:
    return _Reader(body)


def _heading(body: str, start: int) -> bool:
    return bool(_HEADING_LINE_RE.match(body, body.rfind("\n", 0, start) + 1))


def _group(words: list[tuple[str, int, int]], i: int) -> tuple[int, int, frozenset[str]] | None:
    """(head, last verb, lemmas) of the verb group whose first verb is words[i], if it is one: joined
    verbs ('sell, rent or trade'), or a state read as a verb ('are on'), whose head is 'switched' in
    'switched on'."""
    word = words[i][0]
    head = i
    if word not in _VERBS:
        if word not in _STATES:
            return None
        found = _state_head(words, i)
        if found is None:
            return None
        return found, i, frozenset([_STATES[word]])
    last = i
    while last + 2 < len(words) and words[last + 1][0] in _JOINS and words[last + 2][0] in _VERBS:
        last += 2
    while last + 3 < len(words) and words[last + 1][0] in _JOINS and words[last + 2][0] == "otherwise":
        if words[last + 3][0] not in _VERBS:
            break
        last += 3
    return head, last, frozenset(_VERBS[w] for w, _, _ in words[i : last + 1] if w in _VERBS)


def _read(
    text: str,
    words: list[tuple[str, int, int]],
    i: int,
    head: int,
    last: int,
    lemmas: frozenset[str],
    sentence_end: int,
    question: bool,
) -> Claim:
    """The claim of the verb group whose first verb is words[i] (see _group)."""
    state = words[i][0] not in _VERBS
    chain_start, negations = _chain(words, head)
    chain = [w for w, _, _ in words[chain_start:head]]
    label = state and chain_start == head and head > 0 and words[head - 1][0] == ":"
    clause_start = _clause_start(words, head - 1 if label else chain_start)
    before = [w for w, _, _ in words[clause_start : head - 1 if label else chain_start]]
    passive = state or (bool(_BE & set(chain)) and words[i][0] in _PARTICIPLES)
    after = last + 1
    if after < len(words) and words[after][0] == "for" and "ask" in lemmas:
        after += 1  # "ask for your precise location"
    object_end = _object_end(words, after)
    obj_words = before if passive else [w for w, _, _ in words[after:object_end]]
    # "No automated decision-making takes place": a subject of 'no ...' denies, if it is a plain noun
    # phrase (not "No personal information is used to [train]", whose denial is the passive's).
    denied = negations % 2 == 1 or bool(
        before and before[0] in _NO_SUBJECT and (passive or not any(w in _AUX or w == "to" for w in before))
    )
    tail_start = after if passive else object_end
    tail = [w for w, _, _ in words[tail_start : _clause_end(words, tail_start)]]
    # "Do Not Sell or Share My Personal Information" is a link's name, not the organisation speaking.
    own_words = "my" in obj_words
    imperative = not passive and chain_start == 0 and chain[:1] in (["do"], ["don't"], ["never"], ["please"])
    relative = passive and bool(before) and before[-1] in ("that", "which", "who")
    start = _span_start(words, clause_start, chain_start, i, passive)
    return Claim(
        start=start,
        end=words[last][2],
        sentence_start=words[0][1],
        sentence_end=sentence_end,
        lemmas=lemmas,
        denied=denied,
        passive=passive,
        subject=tuple(before),
        object=" ".join(obj_words),
        antecedent=" ".join(w for w, _, _ in words[:clause_start]),
        tail=tuple(tail),
        conditional=bool(_CONDITIONS & set(tail)),
        hedged=question or own_words or imperative or relative or bool(_HEDGES & set(before)),
    )


def _state_head(words: list[tuple[str, int, int]], i: int) -> int | None:
    """Where the state words[i] ('on', 'active') read as a verb starts ('switched on' starts at 'switched'),
    if a form of 'be' or a label's colon comes before it; None if it is not read as one."""
    head = i - 1 if i > 0 and words[i - 1][0] in _SWITCHED else i
    if head > 0 and words[head - 1][0] == ":":
        return head
    chain_start, _ = _chain(words, head)
    return head if any(w in _BE for w, _, _ in words[chain_start:head]) else None


def _chain(words: list[tuple[str, int, int]], verb: int) -> tuple[int, int]:
    """Where the auxiliaries and negations before words[verb] start, and how many negations the
    group next to the verb holds ("do not and will not sell": one; "do not refrain from selling": two)."""
    k = verb
    groups: list[int] = [0]
    while k > 0:
        word = words[k - 1][0]
        if word == "from" and k > 1 and words[k - 2][0] in ("refrain", "abstain"):
            groups[-1] += 1
            k -= 2
        elif word == "no" and k < verb and words[k][0] == "longer":
            groups[-1] += 1
            k -= 1
        elif _chain_word(word):
            if word in _JOINS:
                groups.append(0)
            elif _negator(word):
                groups[-1] += 1
            k -= 1
        else:
            break
    while k < verb and words[k][0] in _JOINS:
        k += 1
    negations = next((g for g in groups if g), 0)
    return k, negations


def _object_end(words: list[tuple[str, int, int]], start: int) -> int:
    k = start
    while k < len(words):
        word = words[k][0]
        if word in (",", ";", ":", "(", ")") or word in _OBJECT_ENDS:
            break
        if word in ("and", "or") and k + 1 < len(words):
            following = words[k + 1][0]
            if following in _SUBJECT_PRONOUNS or following in _AUX or following in _VERBS or _negator(following):
                break
        k += 1
    return k


def _clause_start(words: list[tuple[str, int, int]], k: int) -> int:
    while k > 0 and words[k - 1][0] not in (",", ";", ":", "(", ")"):
        k -= 1
    return k


def _clause_end(words: list[tuple[str, int, int]], start: int) -> int:
    for k in range(start, len(words)):
        if words[k][0] in (";", ":") or (
            words[k][0] == "," and k + 1 < len(words) and words[k + 1][0] in ("and", "but")
        ):
            return k
    return len(words)


def _span_start(
    words: list[tuple[str, int, int]], clause_start: int, chain_start: int, verb: int, passive: bool
) -> int:
    """Where the quoted claim starts: at 'we' if the subject has it, else a short subject, else the verb."""
    subject = words[clause_start:chain_start]
    for w, s, _ in reversed(subject):
        if w == "we":
            return s
    if subject and (len(subject) <= 4 or passive):
        return subject[max(0, len(subject) - 6)][1]
    return words[chain_start][1] if chain_start < verb else words[verb][1]


def _read_nominal(
    words: list[tuple[str, int, int]], i: int, sentence_end: int, question: bool
) -> tuple[Claim | None, int]:
    """'no sale of ...', 'no selling or sharing of ...': a denial whose object follows 'of'."""
    k = i + 1
    lemmas = set()
    while k < len(words) and (words[k][0] in _NOUNS or words[k][0] in _VERBS or words[k][0] in _JOINS):
        word = words[k][0]
        if word not in _JOINS:
            lemmas.add(_NOUNS.get(word) or _VERBS[word])
        k += 1
    if k >= len(words) or words[k][0] != "of" or not lemmas:
        return None, i + 1
    object_end = _object_end(words, k + 1)
    tail = [w for w, _, _ in words[object_end : _clause_end(words, object_end)]]
    clause_start = _clause_start(words, i)
    before = tuple(w for w, _, _ in words[clause_start:i])
    return Claim(
        start=words[clause_start][1] if i - clause_start <= 3 else words[i][1],
        end=words[object_end - 1][2] if object_end > k + 1 else words[k][2],
        sentence_start=words[0][1],
        sentence_end=sentence_end,
        lemmas=frozenset(lemmas),
        denied=True,
        passive=False,
        subject=before,
        object=" ".join(w for w, _, _ in words[k + 1 : object_end]),
        antecedent=" ".join(w for w, _, _ in words[:clause_start]),
        tail=tuple(tail),
        conditional=bool(_CONDITIONS & set(tail)),
        hedged=question or bool(_HEDGES & set(before)),
    ), object_end


# ----- what the consistency rules ask of the claims ------------------------------------------------
SALE = frozenset(["sell", "rent", "trade", "lease"])
_SALE_OR_SHARE = SALE | {"share"}
_SALE_CUE = Cue(
    re.compile(r"\b(?:sell|sold|sale|rent|trad|leas|shar)", re.IGNORECASE),
    ("sell", "sold", "sale", "rent", "trad", "leas", "shar"),
)
_GATHER = frozenset(["collect", "use", "track", "gather", "obtain", "record", "access", "store", "process", "ask"])
# What a sale must act on to be a sale of personal information ("it", "them": the data named before).
_DATA_RE = re.compile(r"\b(?:information|info|data|details|records?|profiles?|identifiers?|it|them|anything)\b")
_LOCATION_CUE = Cue(re.compile(r"location|\bgps\b", re.IGNORECASE), ("location", "gps"))
_PRECISE_LOCATION_RE = re.compile(r"\b(?:precise|exact|gps) (?:geo)?location\b|\bgeolocation\b|\bgps\b")
# Subjects that make a denial someone else's ("our vendors do not sell ..."), unless 'we' is among them.
_OTHERS_RE = re.compile(
    r"\b(?:you|they|he|she|partners?|providers?|processors?|vendors?|suppliers?|contractors?|advertisers?"
    r"|recipients?|third|brokers?|buyers?|others)\b"
)
# Words just before 'we sold' that make it a question, a condition or a list's name ("what we sold").
_NOT_A_CLAIM = frozenset(["if", "that", "what", "which", "whether", "categories", "information", "whom", "any"])
_NEGATING = frozenset(["no", "not", "nothing", "never", "none", "neither", "nor", "cannot"])
_BUSINESS_SALE_RE = re.compile(
    r"\b(?:merg\w*|new owners?|acqui\w+|reorgani[sz]\w+|bankrupt\w*|insolven\w+|assets?|our business|successor)\b",
    re.IGNORECASE,
)
# A denial's object limited to sensitive information or to children (and nobody else).
_SENSITIVE_RE = re.compile(r"\b(?:sensitive|special categor\w*)\b(?: of)?(?: personal)? ?(?:information|data)?")
_CHILD_RE = re.compile(
    r"(?:\b(?:your|a|our|any) )?\b(?:child(?:ren)?|minors?|kids?|teen\w*)(?:'s)?\b|(?:\b\w+ ){0,4}under (?:the age of )?1\d\b"
)
_PERSON_RE = re.compile(
    r"\b(?:you|your|anyone|anybody|everyone|everybody|users?|customers?|consumers?|people|individuals|adults)\b"
)
_OTHER_DATA_RE = re.compile(r"\bother categor|\bcustomer data\b|\bon behalf of\b")


def by_others(claim: Claim) -> bool:
    """Said of someone else ("our vendors do not sell ..."), unless 'we' are among them."""
    return not claim.passive and "we" not in claim.subject and bool(_OTHERS_RE.search(" ".join(claim.subject)))


def flat_denial(claim: Claim) -> bool:
    """A denial said as a plain fact of ours: no question, condition or other speaker."""
    return claim.denied and not claim.hedged and not claim.conditional and not by_others(claim)


@per_text
def sale_denials(body: str) -> tuple[Claim, ...]:
    """'We do not sell or share ...', '... is never sold', 'no sale of ...' said of personal information."""
    return tuple(
        c
        for c in claims(body, _SALE_CUE, _SALE_OR_SHARE)
        if c.lemmas & (SALE | {"share"}) and flat_denial(c) and names_data(c.object)
    )


@per_text
def sale_claims(body: str) -> tuple[Claim, ...]:
    """'We may sell your personal information', 'we do not refrain from selling it': a sale of personal
    information said as a fact of ours, not a business changing hands, a question or a condition."""
    text = plain(body)
    return tuple(
        c
        for c in claims(body, _SALE_CUE, _SALE_OR_SHARE)
        if c.lemmas & SALE
        and not c.denied
        and not c.hedged
        and not c.passive
        and c.subject[-1:] == ("we",)
        and not _NOT_A_CLAIM & set(c.subject[-4:-1])
        and not any(w in _NEGATING or w.endswith("n't") for w in c.subject)
        and names_data(c.object)
        and not _BUSINESS_SALE_RE.search(text, c.sentence_start, c.sentence_end)
        and not _defines(c)
    )


def _defines(claim: Claim) -> bool:
    """'We sell information when we make it available ...': a definition of the word, not a practice."""
    return any(w == "when" and nxt == "we" for w, nxt in zip(claim.tail, claim.tail[1:], strict=False))


@per_text
def precise_location_denials(body: str) -> tuple[Claim, ...]:
    """'We do not collect precise location', 'Precise location is never collected', ..."""
    return tuple(
        c
        for c in claims(body, _LOCATION_CUE, _GATHER)
        if c.lemmas & _GATHER and flat_denial(c) and _PRECISE_LOCATION_RE.search(c.object)
    )


def limited_to(claim: Claim) -> str:
    """Whom or what a denial is limited to: 'other' (other categories, customers' data), 'sensitive',
    'children', or '' (all personal information)."""
    what = claim.object
    if what in ("it", "them"):
        what = f"{claim.antecedent} {what}"
    if _OTHER_DATA_RE.search(what):
        return "other"
    if _SENSITIVE_RE.search(what) and not _DATA_RE.search(_SENSITIVE_RE.sub(" ", what)):
        return "sensitive"
    if about_children(what):
        return "children"
    return ""


def names_data(phrase: str) -> bool:
    """Does a lower-case phrase name personal information ('your details', 'it', 'records')?"""
    return bool(_DATA_RE.search(phrase))


def about_children(phrase: str) -> bool:
    """Does a lower-case phrase name children (and nobody else)? 'children under 13', 'your child's data'."""
    return bool(_CHILD_RE.search(phrase)) and not _PERSON_RE.search(_CHILD_RE.sub(" ", phrase))

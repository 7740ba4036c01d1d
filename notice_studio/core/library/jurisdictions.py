"""The laws a notice can be written for. Ids are the law ids of requirements.yaml, lower-cased."""

from __future__ import annotations

from dataclasses import dataclass

from notice_studio.core.notice.model import NoticeError


@dataclass(frozen=True)
class Law:
    """One law a notice can be written for."""

    label: str
    """'Place — short name', as lists of laws show it ('United Kingdom — UK GDPR')."""
    equivalent_to: str | None = None
    """The law whose requirements this one repeats word for word where they are the same (the UK's
    retained GDPR; Norway, which applies the GDPR through the EEA Agreement): a requirement a person
    confirms is asked once for both and recorded for both."""


JURISDICTIONS: dict[str, Law] = {
    "gdpr": Law("EU/EEA — GDPR"),
    "uk_gdpr": Law("United Kingdom — UK GDPR", equivalent_to="gdpr"),
    "no_pda": Law("Norway — GDPR and Personal Data Act", equivalent_to="gdpr"),
    "ccpa": Law("California — CCPA/CPRA"),
    "caloppa": Law("California — CalOPPA"),
    "ca_bpc_22581": Law("California — minors' content removal"),
    "coppa": Law("United States — COPPA (children under 13)"),
    "pipeda": Law("Canada — PIPEDA"),
    "bc_pipa": Law("British Columbia — PIPA"),
    "lgpd": Law("Brazil — LGPD"),
}


def label(jid: str, unknown: str | None = None) -> str:
    """'United Kingdom — UK GDPR' for 'uk_gdpr'; `unknown` (by default the id itself) for an unknown id."""
    law = JURISDICTIONS.get(jid)
    return law.label if law is not None else jid if unknown is None else unknown


def equivalent_root(jid: str) -> str:
    """The law `jid` is equivalent to (itself when it follows no other): 'gdpr' for 'uk_gdpr' and 'no_pda'."""
    seen = {jid}
    law = JURISDICTIONS.get(jid)
    while law is not None and law.equivalent_to and law.equivalent_to not in seen:
        jid = law.equivalent_to
        seen.add(jid)
        law = JURISDICTIONS.get(jid)
    return jid


def short_name(jid: str) -> str:
    """The law's own short name: 'UK GDPR' for 'uk_gdpr'."""
    place, _, law = label(jid).partition(" — ")
    return law or place


def reader_name(jid: str) -> str:
    """The law as a reader is told of it: 'UK GDPR (United Kingdom)' for 'uk_gdpr'."""
    place, _, law = label(jid).partition(" — ")
    return f"{law} ({place})" if law else place


# The names a text gives each law, in English and in the languages a notice is written in: lower-case
# regexes, matched ignoring case, each starting and ending on a word so a reader can put it between
# word boundaries. The importer reads them to say which laws
# an imported notice names, the rights check to find rights cited under a law.
LAW_NAMES: dict[str, tuple[str, ...]] = {
    "gdpr": (
        r"(?<!uk )(?<!u\.k\. )(?<!kingdom )(?:eu )?(?:gdpr|general data protection regulation)",
        r"eu (?:and|or|and/or|/) uk (?:gdpr|general data protection regulation)",
        # Its names in other EU languages: German, French/Spanish/Portuguese, Dutch, Polish, Italian...
        r"ds-?gvo",
        r"datenschutz-grundverordnung",
        r"rgpd",
        r"r[eè]glement g[eé]n[eé]ral sur la protection des donn[eé]es",
        r"reglamento general de protecci[oó]n de datos",
        r"regulamento geral (?:sobre a|de) prote[cç][aã]o de dados",
        r"regolamento generale sulla protezione dei dati",
        r"(?:de|onder|volgens|van) avg",
        r"algemene verordening gegevensbescherming",
        r"rodo",
        r"og[oó]lne rozporz[aą]dzenie o ochronie danych",
        r"dataskyddsf[oö]rordningen",
        r"databeskyttelsesforordningen",
    ),
    "uk_gdpr": (
        r"(?:uk|u\.k\.) gdpr",
        r"(?:uk|united kingdom) general data protection regulation",
        r"data protection act 2018",
    ),
    "ccpa": (r"ccpa", r"cpra", r"california consumer privacy act", r"california privacy rights act"),
    "caloppa": (r"caloppa", r"california online privacy protection act"),
    "coppa": (r"coppa", r"children'?s online privacy protection(?: act)?"),
    "pipeda": (r"pipeda", r"personal information protection and electronic documents act"),
    "bc_pipa": (r"bc pipa", r"personal information protection act,? (?:sbc|\(british columbia)"),
    "lgpd": (r"lgpd", r"lei geral de prote\w*(?: de dados)?"),
    "no_pda": (r"personopplysningsloven",),
}

ALIASES: dict[str, list[str]] = {
    "eu": ["gdpr"],
    "eea": ["gdpr"],
    "uk": ["uk_gdpr"],
    "norway": ["no_pda"],
    "no": ["no_pda"],
    "california": ["ccpa", "caloppa"],
    "ca": ["ccpa", "caloppa"],
    "cpra": ["ccpa"],
    "canada": ["pipeda"],
    "bc": ["bc_pipa"],
    "brazil": ["lgpd"],
    "br": ["lgpd"],
    "children": ["coppa"],
}


def normalise(values: list[str]) -> list[str]:
    """Expand aliases, drop duplicates, refuse unknown ids with a list of the known ones."""
    result: list[str] = []
    for value in values:
        key = value.strip().lower().replace("-", "_")
        if not key:
            continue
        ids = ALIASES.get(key, [key])
        for jid in ids:
            if jid not in JURISDICTIONS:
                known = ", ".join(list(JURISDICTIONS) + list(ALIASES))
                raise NoticeError(f"'{value}' is not a jurisdiction Notice Studio knows; use one of: {known}.")
            if jid not in result:
                result.append(jid)
    return result


# Where counsel change a notice's laws in the app; the fix sentences of the checks that ask for a
# law name it (the command line's twin is 'notice-studio laws DIR --add ID').
IN_APP = "File > Notice settings…"


def choice_problem(chosen: list[str]) -> str:
    """Why a choice of laws (normalised ids) is refused, or '' when it is fine."""
    if chosen:
        return ""
    return f"Choose at least one law; use any of: {', '.join(JURISDICTIONS)}."


def law_id(jurisdiction: str) -> str:
    """The law id used in requirements.yaml ('uk_gdpr' -> 'UK_GDPR')."""
    return jurisdiction.upper()

"""The laws a notice can be written for. Ids are the law ids of requirements.yaml, lower-cased."""

from __future__ import annotations

from notice_studio.core.notice.model import NoticeError

JURISDICTIONS: dict[str, str] = {
    "gdpr": "EU/EEA — GDPR",
    "uk_gdpr": "United Kingdom — UK GDPR",
    "no_pda": "Norway — GDPR and Personal Data Act",
    "ccpa": "California — CCPA/CPRA",
    "caloppa": "California — CalOPPA",
    "ca_bpc_22581": "California — minors' content removal",
    "coppa": "United States — COPPA (children under 13)",
    "pipeda": "Canada — PIPEDA",
    "bc_pipa": "British Columbia — PIPA",
    "lgpd": "Brazil — LGPD",
}


def short_name(jid: str) -> str:
    """The law's own short name: 'UK GDPR' for 'uk_gdpr'."""
    place, _, law = JURISDICTIONS.get(jid, jid).partition(" — ")
    return law or place


def reader_name(jid: str) -> str:
    """The law as a reader is told of it: 'UK GDPR (United Kingdom)' for 'uk_gdpr'."""
    place, _, law = JURISDICTIONS.get(jid, jid).partition(" — ")
    return f"{law} ({place})" if law else place


# The names a text gives each law: lower-case regexes, matched ignoring case, each starting and ending
# on a word so a reader can put it between word boundaries. The importer reads them to say which laws
# an imported notice names, the rights check to find rights cited under a law.
LAW_NAMES: dict[str, tuple[str, ...]] = {
    "gdpr": (
        r"(?<!uk )(?<!u\.k\. )(?<!kingdom )(?:eu )?(?:gdpr|general data protection regulation)",
        r"eu (?:and|or|and/or|/) uk (?:gdpr|general data protection regulation)",
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

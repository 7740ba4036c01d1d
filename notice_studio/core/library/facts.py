"""Facts about the organisation that decide which legal elements apply (notice.yaml `facts`).

Templates set them; the app asks counsel to confirm them; the coverage check reads them to
decide whether a conditional element of requirements.yaml (its `condition`) applies.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Fact:
    id: str
    question: str
    """Asked of counsel, answered yes or no."""
    conditions: tuple[str, ...] = ()
    """The requirements.yaml `condition` texts that hold when this fact is true."""


FACTS: dict[str, Fact] = {
    f.id: f
    for f in (
        Fact(
            "eu_representative_required",
            "Are you outside the EU but offer goods or services to, or monitor, people in it (Art. 27)?",
            ("Controller not established in the EU and Art. 27 applies",),
        ),
        Fact(
            "uk_representative_required",
            "Are you outside the UK but offer goods or services to, or monitor, people in it?",
            ("Controller not established in the UK and UK GDPR Art. 27 applies",),
        ),
        Fact(
            "dpo_appointed",
            "Have you appointed a data protection officer?",
            ("A DPO is appointed (mandatory or voluntary)",),
        ),
        Fact(
            "legitimate_interests",
            "Do you rely on legitimate interests for any processing?",
            ("Processing based on legitimate interests",),
        ),
        Fact(
            "uses_consent",
            "Do you rely on consent for any processing?",
            ("Processing based on consent (Art. 6(1)(a) or 9(2)(a))",),
        ),
        Fact(
            "transfers_outside_eea",
            "Is personal data transferred outside the EU/EEA?",
            ("Data transferred outside the EU/EEA",),
        ),
        Fact(
            "transfers_outside_uk", "Is personal data transferred outside the UK?", ("Data transferred outside the UK",)
        ),
        Fact(
            "direct_marketing",
            "Do you use personal data for direct marketing?",
            ("Personal data processed for direct marketing",),
        ),
        Fact(
            "further_processing",
            "Do you plan to use data for a new purpose other than the one it was collected for?",
            ("Controller intends further processing for a new purpose",),
        ),
        Fact(
            "data_from_third_parties",
            "Do you get personal data from sources other than the person it is about?",
            ("Data not obtained from the data subject",),
        ),
        Fact(
            "joint_controllers",
            "Do you decide purposes and means jointly with another organisation?",
            ("Joint controllership exists",),
        ),
        Fact(
            "sells_or_shares",
            "Do you sell or share personal information (CCPA meaning)?",
            ("Business sells or shares PI",),
        ),
        Fact(
            "sensitive_pi_beyond_limits",
            "Do you use sensitive personal information beyond the purposes in 11 CCR 7027(m)?",
            ("Business uses SPI beyond 7027(m) purposes",),
        ),
        Fact(
            "sells_under_16",
            "Do you knowingly sell or share personal information of consumers under 16?",
            ("Actual knowledge of selling/sharing PI of consumers under 16",),
        ),
        Fact(
            "ccpa_metrics_threshold",
            "Do you handle personal information of 10 million or more Californians a year?",
            ("Business meets the 7102 10-million-consumer threshold",),
        ),
        Fact(
            "financial_incentive",
            "Do you offer a financial incentive or price difference for personal information?",
            ("Business offers a financial incentive",),
        ),
        Fact(
            "minors_directed",
            "Is the service directed to minors, or do you know some users are minors?",
            ("Site/service directed to minors or with actual knowledge a user is a minor",),
        ),
        Fact(
            "child_directed",
            "Is the service directed to children under 13, or do you knowingly collect their data?",
            ("Service directed to children under 13 or actual knowledge of collecting from them",),
        ),
        Fact(
            "coppa_persistent_identifiers",
            "Do you collect persistent identifiers from children without parental consent (support for internal operations)?",
            ("Persistent identifiers collected without parental consent",),
        ),
        Fact(
            "coppa_audio_files",
            "Do you collect children's audio files under the COPPA exception?",
            ("Audio files collected under the exception",),
        ),
        Fact(
            "children_consent_online",
            "Do you offer online services directly to children on the basis of consent?",
            ("ISS offered directly to children on the basis of consent",),
        ),
        Fact(
            "bc_deemed_consent",
            "Do you rely on deemed consent under BC PIPA s. 8(3)?",
            ("Organization relies on s. 8(3) deemed consent",),
        ),
    )
}


def fact_for_condition(condition: str) -> str | None:
    """The fact id whose truth makes `condition` (from requirements.yaml) hold, if any."""
    for fact in FACTS.values():
        if condition in fact.conditions:
            return fact.id
    return None

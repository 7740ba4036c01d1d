"""The data inventory as plain data: what is collected, from where, why, who receives it, what is
sold or shared, how long it is kept, transfers, children, automated decisions and cookies.

Kept in `practices.yaml` beside `notice.yaml`; the checks compare the notice's text and tables
with it, and the yes/no facts that decide which legal requirements apply are derived from it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

CCPA_CATEGORIES: dict[str, str] = {
    "identifiers": "Identifiers",
    "customer_records": "Customer records (Cal. Civ. Code 1798.80(e))",
    "protected_classifications": "Characteristics of protected classifications",
    "commercial": "Commercial information",
    "biometric": "Biometric information",
    "internet_activity": "Internet or other electronic network activity",
    "geolocation": "Geolocation data",
    "sensory": "Audio, electronic, visual or similar information",
    "professional": "Professional or employment-related information",
    "education": "Education information",
    "inferences": "Inferences",
    "sensitive": "Sensitive personal information",
}
"""The CCPA's statutory categories (Civ. Code 1798.140(v)), in the order a notice lists them."""

SENSITIVE_KINDS: tuple[str, ...] = (
    "account-login",
    "precise-location",
    "government-id",
    "financial-account",
    "health",
    "biometric",
    "genetic",
    "racial-or-ethnic-origin",
    "religious-beliefs",
    "sexual-orientation",
    "union-membership",
    "communications-content",
)
LEGAL_BASES: tuple[str, ...] = (
    "consent",
    "contract",
    "legal_obligation",
    "vital_interests",
    "public_task",
    "legitimate_interests",
)
RECIPIENT_KINDS: tuple[str, ...] = ("service_provider", "affiliate", "advertising", "third_party", "authority")
SOURCE_KINDS: tuple[str, ...] = ("data_subject", "device", "third_party", "inferred")
COOKIE_CONSENT: tuple[str, ...] = ("opt-in", "opt-out", "none")
SAFEGUARDS: tuple[str, ...] = (
    "adequacy",
    "data_privacy_framework",
    "standard_contractual_clauses",
    "binding_corporate_rules",
    "uk_addendum",
    "contract",
    "none_needed",
)


@dataclass
class Source:
    id: str
    label: str
    kind: str = "data_subject"
    """data_subject (the person), device (collected automatically), third_party or inferred (made by us)."""


@dataclass
class Purpose:
    id: str
    label: str
    legal_basis: str = ""
    """One of LEGAL_BASES; empty where the notice's laws do not ask for one."""


@dataclass
class Recipient:
    id: str
    label: str
    kind: str = "service_provider"
    countries: list[str] = field(default_factory=list)


@dataclass
class Category:
    """One category of personal information collected."""

    id: str
    label: str
    ccpa: str = ""
    """The CCPA category it falls under (a key of CCPA_CATEGORIES), if any."""
    examples: str = ""
    sources: list[str] = field(default_factory=list)
    purposes: list[str] = field(default_factory=list)
    disclosed_to: list[str] = field(default_factory=list)
    """Recipient ids that receive it for a business purpose."""
    retention: str = ""
    sensitive: str = ""
    """A SENSITIVE_KINDS entry when this is sensitive data, else empty."""


@dataclass
class Transfer:
    """Data sent to another country, and the safeguard relied on."""

    to: str
    safeguard: str = ""


@dataclass
class SaleOrSharing:
    """What is sold (or shared for cross-context behavioural advertising), to whom and why."""

    categories: list[str] = field(default_factory=list)
    to: list[str] = field(default_factory=list)
    purposes: list[str] = field(default_factory=list)

    @property
    def happens(self) -> bool:
        return bool(self.categories)


@dataclass
class Children:
    directed_to_children: bool = False
    """Directed to children under 13, or their data knowingly collected (COPPA)."""
    minors_users: bool = False
    """Directed to minors (under 18), or some users are known to be minors."""
    under_16_sold_or_shared: bool = False


@dataclass
class Cookies:
    consent: str = "opt-in"
    """opt-in (asked before non-essential cookies), opt-out (set until refused) or none."""
    categories: list[str] = field(default_factory=list)
    """Cookie categories used, as the cookie table names them."""


@dataclass
class Practices:
    categories: list[Category] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    purposes: list[Purpose] = field(default_factory=list)
    recipients: list[Recipient] = field(default_factory=list)
    sold: SaleOrSharing = field(default_factory=SaleOrSharing)
    shared: SaleOrSharing = field(default_factory=SaleOrSharing)
    transfers: list[Transfer] = field(default_factory=list)
    children: Children = field(default_factory=Children)
    automated_decisions: bool = False
    """Decisions with legal or similarly significant effects made solely by automated means."""
    ai_training: bool = False
    """Personal information used to train machine-learning models."""
    cookies: Cookies = field(default_factory=Cookies)

    # ----- questions the checks ask ------------------------------------------------------------
    def category(self, category_id: str) -> Category | None:
        return next((c for c in self.categories if c.id == category_id), None)

    def recipient(self, recipient_id: str) -> Recipient | None:
        return next((r for r in self.recipients if r.id == recipient_id), None)

    def purpose(self, purpose_id: str) -> Purpose | None:
        return next((p for p in self.purposes if p.id == purpose_id), None)

    def source(self, source_id: str) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)

    @property
    def sells_or_shares(self) -> bool:
        return self.sold.happens or self.shared.happens

    def sales_without_purpose(self) -> list[str]:
        """'sold', 'shared': each recorded as happening with no purpose, so the notice cannot say why
        (Cal. Civ. Code 1798.110(c)(3)); the one rule the checks and coverage share."""
        return [
            word
            for word, block in (("sold", self.sold), ("shared", self.shared))
            if block.happens and not block.purposes
        ]

    def sensitive_kinds(self) -> set[str]:
        return {c.sensitive for c in self.categories if c.sensitive}

    def collects_precise_location(self) -> bool:
        return "precise-location" in self.sensitive_kinds()

    def legal_bases(self) -> set[str]:
        return {p.legal_basis for p in self.purposes if p.legal_basis}

    def countries(self) -> set[str]:
        """Every country data goes to (transfers and recipients), lower-cased."""
        found = {t.to.strip().lower() for t in self.transfers}
        for recipient in self.recipients:
            found |= {c.strip().lower() for c in recipient.countries}
        return found

    def transfers_to_us(self) -> bool:
        return bool(self.countries() & {"us", "usa", "united states", "united states of america"})

    def safeguards(self) -> set[str]:
        return {t.safeguard for t in self.transfers if t.safeguard}

"""The clause library: loading and checking folders, overrides, search, insertion and updates."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from notice_support import AUTHOR

from notice_studio.cli import main as cli_main
from notice_studio.core.library.catalog import (
    ENV_VAR,
    Library,
    apply_update,
    clause_status,
    default_roots,
    load_library,
    merge3,
    merge_update,
)
from notice_studio.core.library.requirements import load_requirements
from notice_studio.core.library.types import VariableSpec
from notice_studio.core.notice.model import Clause, Notice, NoticeError
from notice_studio.core.notice.store import NoticeRepo
from notice_studio.paths import library_folder

TOPICS = """\
topics:
  contact: {label: Contact us, material: false}
  retention: {label: How long we keep information, material: true}
  security: {label: Security, material: false}
"""

VARIABLES = """\
variables:
  organisation.name: {label: Organisation name, help: Who you are., example: Acme}
  contact.email: {label: Privacy e-mail, help: A mailbox., example: privacy@acme.example}
"""


def clause_file(
    clause_id: str,
    body: str = "Write to us at {{ contact.email }}.",
    *,
    topic: str = "contact",
    title: str = "Contact us",
    jurisdictions: str = "[all]",
    satisfies: str = "[gdpr_controller_contact]",
    version: int = 1,
    extra: str = "",
) -> str:
    return (
        f"---\nid: {clause_id}\ntitle: {title}\ntopic: {topic}\njurisdictions: {jurisdictions}\n"
        f"satisfies: {satisfies}\nversion: {version}\n{extra}---\n{body}\n"
    )


def make_root(
    path: Path, files: dict[str, str], topics: str | None = TOPICS, variables: str | None = VARIABLES
) -> Path:
    (path / "clauses").mkdir(parents=True, exist_ok=True)
    if topics is not None:
        (path / "topics.yaml").write_text(topics, encoding="utf-8")
    if variables is not None:
        (path / "variables.yaml").write_text(variables, encoding="utf-8")
    for rel, text in files.items():
        target = path / "clauses" / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return path


def problems_of(library: Library, root: Path, name: str) -> list[tuple[int | None, str, str, bool]]:
    """(line, kind, message, blocking) for the problems in one file of `root`."""
    matches = [p for p in library.problems if p.path.name == name and root in p.path.parents]
    return [(p.line, p.kind, p.message, p.blocking) for p in matches]


# ----- loading and checking ---------------------------------------------------------------------
def test_good_folder_loads_with_no_problems(tmp_path: Path) -> None:
    root = make_root(
        tmp_path / "lib",
        {
            "contact-us.md": clause_file("contact-us"),
            "sub/retention.md": clause_file(
                "retention",
                "We keep data for {{ retention.period }}. Ask us via [[contact-us]].",
                topic="retention",
                title="Retention",
                satisfies="[gdpr_retention_period, uk_gdpr_retention_period]",
                extra=(
                    "variables:\n  retention.period:\n    label: Retention period\n"
                    "    help: How long.\n    example: two years\nguidance: |\n  Use it.\n"
                    "variants: [contact-us]\nrequires: [contact-us]\n"
                ),
            ),
        },
    )
    library = Library.load([root])
    assert library.problems == ()
    assert library.ids() == ["contact-us", "retention"]  # topics.yaml order
    retention = library.clause("retention")
    assert retention.title == "Retention"
    assert retention.jurisdictions == ("all",)
    assert retention.satisfies == ("gdpr_retention_period", "uk_gdpr_retention_period")
    assert retention.variables == {"retention.period": VariableSpec("Retention period", "How long.", "two years")}
    assert retention.guidance == "Use it."
    assert retention.variants == ("contact-us",) and retention.requires == ("contact-us",)
    assert retention.body == "We keep data for {{ retention.period }}. Ask us via [[contact-us]]."
    assert retention.origin is not None
    assert retention.origin.path == root / "clauses" / "sub" / "retention.md"
    assert retention.origin.root == root and not retention.origin.overrides and not retention.origin.shipped
    assert library.topics["retention"].label == "How long we keep information"
    assert library.topics["retention"].material is True
    assert library.topics["contact"].material is False


def test_each_kind_of_problem_names_file_and_line(tmp_path: Path) -> None:
    root = make_root(
        tmp_path / "lib",
        {
            "good.md": clause_file("good"),
            "bad-yaml.md": "---\nid: bad-yaml\ntitle: x\ntopic: contact\njurisdictions: [all\nversion: 1\n---\nText.\n",
            "no-front.md": "Just text, no front matter.\n",
            "unclosed.md": "---\nid: unclosed\ntitle: x\n",
            "missing.md": "---\nid: missing\ntitle: Missing\n---\nText.\n",
            "wrong-name.md": clause_file("other-name"),
            "bad-id.md": clause_file("Bad_Id"),
            "bad-version.md": clause_file("bad-version", version=0),
            "bad-jur.md": clause_file("bad-jur", jurisdictions="[gdpr, mars]"),
            "a/dup.md": clause_file("dup"),
            "b/dup.md": clause_file("dup"),
            "topic.md": clause_file("topic", topic="weather"),
            "satisfies.md": clause_file("satisfies", satisfies="[gdpr_controller_contact, gdpr_made_up]"),
            "placeholder.md": clause_file(
                "placeholder", "First line.\n\nWe are {{ organisation.name }} and {{ secret.thing }}."
            ),
            "xref.md": clause_file("xref", "See [[contact-us]].\nAlso [[good]]."),
            "heading.md": clause_file("heading", "Text.\n\n## A heading\n\nMore."),
            "field.md": clause_file("field", extra="satisifes: [x]\n"),
            "requires.md": clause_file("requires", extra="requires:\n  - good\n  - nowhere\n"),
            "empty.md": clause_file("empty", ""),
        },
    )
    library = Library.load([root])

    def only(name: str) -> tuple[int | None, str, str, bool]:
        found = problems_of(library, root, name)
        assert len(found) == 1, found
        return found[0]

    line, kind, message, blocking = only("bad-yaml.md")
    assert kind == "yaml" and blocking and line in (5, 6) and "not valid YAML" in message
    assert only("no-front.md")[:2] == (1, "yaml")
    assert "never closed" in only("unclosed.md")[2]
    line, kind, message, blocking = only("missing.md")
    assert (kind, blocking) == ("field", True)
    assert "'topic'" in message and "'jurisdictions'" in message and "'version'" in message
    line, kind, message, _ = only("wrong-name.md")
    assert (line, kind) == (2, "id") and "other-name" in message and "wrong-name" in message
    assert only("bad-id.md")[:2] == (2, "id")
    line, kind, message, _ = only("bad-version.md")
    assert (line, kind) == (7, "field") and "version" in message
    line, kind, message, _ = only("bad-jur.md")
    assert (line, kind) == (5, "jurisdiction") and "'mars'" in message
    line, kind, message, blocking = only("dup.md")
    assert (line, kind, blocking) == (2, "duplicate", True)
    assert str(root / "clauses" / "a" / "dup.md") in message
    assert [p.path for p in library.problems if p.kind == "duplicate"] == [root / "clauses" / "b" / "dup.md"]
    line, kind, message, blocking = only("topic.md")
    assert (line, kind, blocking) == (4, "topic", False) and "'weather'" in message
    line, kind, message, _ = only("satisfies.md")
    assert (line, kind) == (6, "satisfies") and "'gdpr_made_up'" in message
    line, kind, message, _ = only("placeholder.md")
    assert (line, kind) == (11, "placeholder") and "secret.thing" in message
    line, kind, message, _ = only("xref.md")
    assert (line, kind) == (9, "reference") and "[[contact-us]]" in message
    line, kind, _, _ = only("heading.md")
    assert (line, kind) == (11, "body")
    line, kind, message, _ = only("field.md")
    assert (line, kind) == (8, "field") and "satisifes" in message
    line, kind, message, _ = only("requires.md")
    assert (line, kind) == (10, "reference") and "'nowhere'" in message
    assert only("empty.md")[1] == "body"

    # The files with non-blocking problems still load; blocking ones do not; the rest load.
    assert set(library.ids()) == {
        "good",
        "dup",
        "topic",
        "satisfies",
        "placeholder",
        "xref",
        "heading",
        "field",
        "requires",
        "empty",
    }
    assert library.clause("dup").origin.path == root / "clauses" / "a" / "dup.md"
    text = str(next(p for p in library.problems if p.path.name == "topic.md"))
    assert text.startswith(f"{root / 'clauses' / 'topic.md'}, line 4: ")


# Each file below leaves a bracket or a quote open on line 3; the parser notices only lines later.
UNCLOSED_CLAUSE = (
    "---\nid: opened\ntitle: [Where we keep\ntopic: contact\njurisdictions: [all]\nversion: 1\n---\nText.\n"
)
UNCLOSED_TOPICS = TOPICS.replace("material: true}", "material: true")
UNCLOSED_VARIABLES = VARIABLES.replace("Privacy e-mail,", '"Privacy e-mail,') + "  contact.phone: {label: Phone}\n"
UNCLOSED_TEMPLATE = (
    "id: opened\ntitle: Our notice\njurisdictions: [gdpr\nfacts:\n  uses_consent: true\noutline:\n  - good\n"
)
UNCLOSED_REQUIREMENTS = "elements:\n  - id: a\n    law: [GDPR\n    title: A\n  - id: b\n    law: GDPR\n"


def test_a_bracket_or_quote_left_open_is_named_at_the_line_it_opens_in_every_library_file(tmp_path: Path) -> None:
    """One rule (frontmatter.yaml_error_line) for clauses, topics, variables, templates and requirements,
    as for notice files: the line to fix, not the later line where the YAML parser noticed."""
    from notice_studio.core.library.templates import load_templates
    from notice_studio.core.notice.frontmatter import FormatError

    root = make_root(
        tmp_path / "lib",
        {"opened.md": UNCLOSED_CLAUSE, "good.md": clause_file("good")},
        UNCLOSED_TOPICS,
        UNCLOSED_VARIABLES,
    )
    (root / "templates").mkdir()
    (root / "templates" / "opened.yaml").write_text(UNCLOSED_TEMPLATE, encoding="utf-8")
    library = Library.load([root])
    for name in ("opened.md", "topics.yaml", "variables.yaml"):
        [(line, kind, message, _)] = problems_of(library, root, name)
        assert (line, kind) == (3, "yaml") and "not valid" in message, (name, message)
    [problem] = load_templates([root])[1]
    assert (problem.path.name, problem.line) == ("opened.yaml", 3) and "not valid" in problem.message
    (tmp_path / "requirements.yaml").write_text(UNCLOSED_REQUIREMENTS, encoding="utf-8")
    with pytest.raises(FormatError) as caught:
        load_requirements(tmp_path / "requirements.yaml")
    assert caught.value.line == 3 and "not valid" in caught.value.problem


def test_not_utf8_and_missing_folder_are_problems(tmp_path: Path) -> None:
    root = make_root(tmp_path / "lib", {"good.md": clause_file("good")})
    (root / "clauses" / "latin.md").write_bytes(b"---\nid: latin\ntitle: Caf\xe9\n---\n")
    library = Library.load([root, tmp_path / "nowhere"])
    kinds = {(p.path.name, p.kind, p.blocking) for p in library.problems}
    assert ("latin.md", "file", True) in kinds
    assert ("nowhere", "file", True) in kinds
    assert library.ids() == ["good"]


def test_a_changed_file_is_read_again(tmp_path: Path) -> None:
    root = make_root(tmp_path / "lib", {"good.md": clause_file("good")})
    assert Library.load([root]).clause("good").version == 1
    path = root / "clauses" / "good.md"
    path.write_text(clause_file("good", "New text, longer than before.", version=2), encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 10_000_000))
    again = Library.load([root]).clause("good")
    assert again.version == 2 and again.body == "New text, longer than before."


# ----- several folders --------------------------------------------------------------------------
def test_later_folder_overrides_by_id_and_extends_topics_and_variables(tmp_path: Path) -> None:
    base = make_root(
        tmp_path / "base",
        {
            "contact-us.md": clause_file("contact-us"),
            "uses-user-topic.md": clause_file("uses-user-topic", topic="whistleblowing"),
            "uses-user-var.md": clause_file("uses-user-var", "Our VAT number is {{ organisation.vat }}."),
        },
    )
    user = make_root(
        tmp_path / "firm",
        {
            "mine/contact-us.md": clause_file(
                "contact-us", "Call our privacy team on {{ organisation.vat }}.", version=3
            ),
            "whistle.md": clause_file("whistle", "Report concerns to {{ contact.email }}.", topic="whistleblowing"),
        },
        topics="topics:\n  whistleblowing: {label: Whistleblowing, material: true}\n",
        variables="variables:\n  organisation.vat: {label: VAT number, help: Shown to readers., example: GB1}\n",
    )
    library = Library.load([base, user])
    contact = library.clause("contact-us")
    assert contact.version == 3
    assert contact.origin.root == user and contact.origin.overrides
    assert contact.origin.overridden_path == base / "clauses" / "contact-us.md"
    assert library.clause("whistle").origin.overrides is False
    assert "whistleblowing" in library.topics and "contact" in library.topics
    assert library.variable_spec("organisation.vat") == VariableSpec("VAT number", "Shown to readers.", "GB1")
    # The user's topics and variables serve the user's folder, not the folder before it. Neither
    # folder is the shipped one, so one id in both is listed (which wins), and nothing else is.
    assert [k for _, k, _, _ in problems_of(library, user, "contact-us.md")] == ["override"]
    assert problems_of(library, user, "whistle.md") == []
    assert [k for _, k, _, _ in problems_of(library, base, "uses-user-topic.md")] == ["topic"]
    assert [k for _, k, _, _ in problems_of(library, base, "uses-user-var.md")] == ["placeholder"]


def test_user_folder_over_the_shipped_library(tmp_path: Path) -> None:
    shipped = library_folder()
    first = Library.load([shipped]).clauses()[0]
    user = make_root(
        tmp_path / "firm",
        {
            f"{first.id}.md": clause_file(
                first.id, "Our firm's own wording.", topic=first.topic, version=first.version + 1
            )
        },
        topics=None,
        variables=None,
    )
    library = Library.load([shipped, user])
    mine = library.clause(first.id)
    assert mine.body == "Our firm's own wording."
    assert mine.origin.overrides and not mine.origin.shipped
    assert mine.origin.overridden_path == first.origin.path
    assert first.origin.shipped
    assert len(library) == len(Library.load([shipped]))
    assert problems_of(library, user, f"{first.id}.md") == []


def test_default_roots_read_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a = make_root(tmp_path / "a", {"a-clause.md": clause_file("a-clause")})
    b = make_root(tmp_path / "b", {"b-clause.md": clause_file("b-clause")})
    c = make_root(tmp_path / "c", {"c-clause.md": clause_file("c-clause")})
    monkeypatch.setenv(ENV_VAR, f"{a}{os.pathsep}{os.pathsep}{b}")
    assert default_roots([c]) == [library_folder().absolute(), a, b, c]
    library = load_library([c])
    assert {"a-clause", "b-clause", "c-clause"} <= set(library.ids())


# ----- search and lookups -----------------------------------------------------------------------
@pytest.fixture
def small_library(tmp_path: Path) -> Library:
    root = make_root(
        tmp_path / "lib",
        {
            "contact-us.md": clause_file("contact-us", "Write to our privacy team at {{ contact.email }}."),
            "retention-eu.md": clause_file(
                "retention-eu",
                "We keep DATA only as long as needed.",
                topic="retention",
                title="Retention (EU)",
                jurisdictions="[gdpr, uk_gdpr]",
                satisfies="[gdpr_retention_period]",
                extra="variables:\n  contact.email: {label: Special e-mail, help: For this clause., example: x@y.z}\n",
            ),
            "retention-ca.md": clause_file(
                "retention-ca",
                "We keep each category of data for a set period.",
                topic="retention",
                title="Retention (California)",
                jurisdictions="[ccpa]",
                satisfies="[ccpa_retention_per_category]",
            ),
            "security.md": clause_file(
                "security", "We protect data with encryption.", topic="security", title="Security"
            ),
        },
    )
    library = Library.load([root])
    assert library.problems == ()
    return library


def test_search_words_topic_and_jurisdiction(small_library: Library) -> None:
    ids = lambda clauses: [c.id for c in clauses]  # noqa: E731
    assert ids(small_library.search("keep data")) == ["retention-ca", "retention-eu"]
    assert ids(small_library.search("DATA long")) == ["retention-eu"]
    assert ids(small_library.search("privacy")) == ["contact-us"]
    assert ids(small_library.search("california")) == ["retention-ca"]  # title words count
    assert ids(small_library.search("keep nothing-like-this")) == []
    assert ids(small_library.search(topic="retention")) == ["retention-ca", "retention-eu"]
    assert ids(small_library.search(jurisdiction="gdpr")) == ["contact-us", "retention-eu", "security"]
    assert ids(small_library.search(jurisdiction="california")) == ["contact-us", "retention-ca", "security"]
    assert ids(small_library.search("data", topic="retention", jurisdiction="ccpa")) == ["retention-ca"]
    assert len(small_library.search()) == 4
    with pytest.raises(NoticeError):
        small_library.search(jurisdiction="atlantis")


def test_variable_spec_and_satisfying(small_library: Library) -> None:
    shared = VariableSpec("Privacy e-mail", "A mailbox.", "privacy@acme.example")
    assert small_library.variable_spec("contact.email") == shared
    assert small_library.variable_spec("contact.email", "retention-eu").label == "Special e-mail"
    assert small_library.variable_spec("contact.email", "security") == shared
    assert small_library.variable_spec("nothing.here") is None
    assert [c.id for c in small_library.satisfying("gdpr_retention_period")] == ["retention-eu"]
    with pytest.raises(NoticeError, match="no clause with the id 'nope'"):
        small_library.clause("nope")


# ----- insertion, provenance, updates -----------------------------------------------------------
def test_make_clause_records_provenance_and_finds_a_free_id(small_library: Library) -> None:
    notice = Notice()
    first = small_library.make_clause("retention-eu", notice)
    assert (first.id, first.title, first.topics) == ("retention-eu", "Retention (EU)", ["retention"])
    assert first.body == "We keep DATA only as long as needed."
    assert first.provenance.library_id == "retention-eu" and first.provenance.version == 1
    assert first.provenance.base_body == first.body and first.provenance.base_title == first.title
    notice.add(first)
    second = small_library.make_clause("retention-eu", notice)
    assert second.id == "retention-eu-2" and second.provenance.library_id == "retention-eu"
    assert not notice.has("retention-eu-2")  # made, not added
    with pytest.raises(NoticeError):
        small_library.make_clause("missing", notice)


BASE = "First paragraph about data.\n\nSecond paragraph about rights.\n\nThird paragraph about contact."


def library_with(tmp_path: Path, name: str, body: str, version: int) -> Library:
    root = make_root(
        tmp_path / name,
        {"retention.md": clause_file("retention", body, topic="retention", title="Retention", version=version)},
    )
    return Library.load([root])


def test_clause_status_customised_and_newer(tmp_path: Path) -> None:
    v1 = library_with(tmp_path, "v1", BASE, 1)
    clause = v1.make_clause("retention", Notice())
    status = clause_status(clause, v1)
    assert status is not None
    assert not status.customised and status.newer_version is None and not status.update_available
    assert status.inserted_text == BASE and status.current_text == BASE and status.library_text == BASE

    clause.body = BASE.replace("First", "Our first")
    v2 = library_with(tmp_path, "v2", BASE.replace("Third", "Final"), 2)
    status = v2.status(clause)
    assert status.customised and status.newer_version == 2 and status.inserted_version == 1
    assert status.library_text == BASE.replace("Third", "Final")
    assert status.current_text == clause.body and status.inserted_text == BASE

    assert clause_status(Clause("own", "Own text", "x"), v2) is None
    gone = Library.load([make_root(tmp_path / "empty", {})])
    status = clause_status(clause, gone)
    assert status.library_text is None and not status.in_library and status.newer_version is None


def test_merge_keeps_user_edits_that_do_not_conflict(tmp_path: Path) -> None:
    v1 = library_with(tmp_path, "v1", BASE, 1)
    clause = v1.make_clause("retention", Notice())
    clause.body = BASE.replace("First paragraph", "Our opening paragraph") + "\n\nA paragraph we added."
    clause.title = "How long we keep data"
    newer = BASE.replace("Third paragraph about contact.", "Third paragraph about contacting us.")
    v2 = library_with(tmp_path, "v2", newer, 2).clause("retention")
    result = merge_update(clause, v2)
    assert not result.conflicts and result.conflict_regions == ()
    assert result.body == (
        "Our opening paragraph about data.\n\nSecond paragraph about rights.\n\n"
        "Third paragraph about contacting us.\n\nA paragraph we added."
    )
    assert result.title == "How long we keep data"  # the user's rename is kept
    assert clause.body.startswith("Our opening") and clause.provenance.version == 1  # merge is pure

    apply_update(clause, v2, result)
    assert clause.body == result.body
    assert clause.provenance.version == 2 and clause.provenance.base_body == newer
    assert clause.provenance.base_title == "Retention"
    assert clause_status(clause, Library.load([v2.origin.root])).newer_version is None


def test_merge_conflict_keeps_the_users_text_and_flags_it(tmp_path: Path) -> None:
    v1 = library_with(tmp_path, "v1", BASE, 1)
    clause = v1.make_clause("retention", Notice())
    clause.body = BASE.replace("Second paragraph about rights.", "Second paragraph, as our counsel wrote it.")
    newer = BASE.replace("Second paragraph about rights.", "Second paragraph about your rights.").replace(
        "First", "Opening"
    )
    result = merge_update(clause, library_with(tmp_path, "v2", newer, 2).clause("retention"))
    assert result.conflicts
    assert (
        result.body
        == "Opening paragraph about data.\n\nSecond paragraph, as our counsel wrote it.\n\nThird paragraph about contact."
    )
    (region,) = result.conflict_regions  # only the words both changed, not the paragraph
    assert region.base == " about rights"
    assert region.ours == ", as our counsel wrote it"
    assert region.theirs == " about your rights"
    assert result.title == "Retention" and result.version == 2


def test_merge3_simple_cases() -> None:
    assert merge3("a\nb", "a\nb", "a\nc") == ("a\nc", [])
    assert merge3("a\nb", "x\nb", "a\nb") == ("x\nb", [])
    assert merge3("a\nb", "a\nz", "a\nz") == ("a\nz", [])
    assert merge3("a\nb\nc", "a2\nb\nc", "a\nb\nc2") == ("a2\nb\nc2", [])
    body, conflicts = merge3("a", "a\nmine", "a\ntheirs")
    assert body == "a\nmine" and len(conflicts) == 1
    assert merge3("a\nb\nc", "a\nc", "a\nb\nc\nd") == ("a\nc\nd", [])


def test_update_round_trip_through_a_notice_repository(tmp_path: Path) -> None:
    v1 = library_with(tmp_path, "v1", BASE, 1)
    notice = Notice(title="Privacy Notice", jurisdictions=["gdpr"])
    notice.add(v1.make_clause("retention", notice))
    with NoticeRepo.create(tmp_path / "notice", notice, AUTHOR) as repo:
        loaded = repo.load()
        clause = loaded.find("retention")
        assert clause.provenance.base_body == BASE and not clause.is_customised()
        loaded.set_body("retention", BASE.replace("First", "Our first"))
        repo.save(loaded, "Edited 'Retention'", AUTHOR)

        v2 = library_with(tmp_path, "v2", BASE.replace("Third", "Last"), 2)
        current = repo.load()
        status = v2.status(current.find("retention"))
        assert status.customised and status.newer_version == 2
        apply_update(current.find("retention"), v2.clause("retention"))
        repo.save(current, "Updated 'Retention' from the library", AUTHOR)

        final = repo.load().find("retention")
        assert (
            final.body
            == "Our first paragraph about data.\n\nSecond paragraph about rights.\n\nLast paragraph about contact."
        )
        assert final.provenance.version == 2
        assert final.provenance.base_body == BASE.replace("Third", "Last")
        assert v2.status(final).newer_version is None and v2.status(final).customised


# ----- the shipped library ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def shipped() -> Library:
    return Library.load([library_folder()])


def test_shipped_library_has_no_undeclared_placeholders(shipped: Library) -> None:
    assert len(shipped) > 0
    undeclared = [str(p) for p in shipped.problems if p.kind == "placeholder"]
    assert undeclared == []
    for clause in shipped:
        for name in clause.placeholders():
            assert shipped.variable_spec(name, clause.id) is not None, (clause.id, name)


def test_shipped_library_loads_every_file_cleanly(shipped: Library) -> None:
    assert [str(p) for p in shipped.problems] == []
    files = list((library_folder() / "clauses").rglob("*.md"))
    assert len(shipped) == len(files)
    assert all(c.origin.shipped for c in shipped)


def test_shipped_clauses_cover_the_core_legal_elements(shipped: Library) -> None:
    requirements = load_requirements()
    wanted = list(requirements.gdpr_article13_element_ids)
    wanted += [e.id for e in requirements.for_law("CCPA")]
    wanted += [e.id for e in requirements.for_law("PIPEDA")]
    assert len(wanted) == 22 + 31 + 10
    # Date elements ("last updated", yearly review) are met by the date the app derives from
    # publishing, not by clause text.
    wanted = [e for e in wanted if requirements.get(e).check != "date"]
    assert len(wanted) == 22 + 29 + 10
    satisfied = {element for clause in shipped for element in clause.satisfies}
    assert [element for element in wanted if element not in satisfied] == []


def test_requirements_are_loaded_as_frozen_data() -> None:
    requirements = load_requirements()
    element = requirements.get("gdpr_dpo_contact")
    assert element.law == "GDPR" and element.jurisdiction == "gdpr"
    assert element.citation.startswith("Art. 13(1)(b)")
    assert "DPO" in element.keywords and element.groups == ("art13", "art14")
    assert element.condition == "A DPO is appointed (mandatory or voluntary)"
    assert load_requirements() is requirements  # cached
    norway = {e.law for e in requirements.for_jurisdictions(["no_pda"])}
    assert norway == {"NO_PDA", "GDPR"}
    assert len(requirements.elements) == 131


# ----- the command ------------------------------------------------------------------------------
def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli_main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_library_json(capsys: pytest.CaptureFixture[str], shipped: Library) -> None:
    code, out, err = run_cli(capsys, "library", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data["format"] == 1
    assert data["roots"] == [{"path": str(library_folder().absolute()), "shipped": True}]
    assert [c["id"] for c in data["clauses"]] == shipped.ids()
    row = data["clauses"][0]
    assert set(row) == {
        "id",
        "title",
        "topic",
        "topic_label",
        "jurisdictions",
        "satisfies",
        "version",
        "variables",
        "placeholders",
        "variants",
        "requires",
        "guidance",
        "body",
        "origin",
    }
    assert row["origin"]["shipped"] is True and row["origin"]["overrides"] is False
    assert isinstance(data["problems"], list)


def test_cli_library_search_and_user_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    user = make_root(
        tmp_path / "firm",
        {
            "whistle.md": clause_file(
                "whistle", "Report concerns about zebrafish to {{ contact.email }}.", topic="whistleblowing"
            )
        },
        topics="topics:\n  whistleblowing: {label: Whistleblowing, material: true}\n",
        variables=None,
    )
    code, out, err = run_cli(capsys, "library", "--library-dir", str(user), "--search", "ZEBRAFISH concerns", "--json")
    assert code == 0, err
    data = json.loads(out)
    assert [c["id"] for c in data["clauses"]] == ["whistle"]
    assert data["clauses"][0]["origin"]["root"] == str(user) and data["roots"][-1] == {
        "path": str(user),
        "shipped": False,
    }

    code, out, _ = run_cli(capsys, "library", "--library-dir", str(user), "--topic", "whistleblowing")
    assert code == 0 and "Whistleblowing:" in out and "whistle" in out
    code, out, _ = run_cli(capsys, "library", "--library-dir", str(user), "--show", "whistle")
    assert code == 0 and "zebrafish" in out
    code, _, err = run_cli(capsys, "library", "--topic", "no-such-topic")
    assert code == 1 and "is not a topic" in err


def test_cli_library_problems_exit_status(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = make_root(tmp_path / "bad", {"broken.md": "---\nid: broken\n---\nText.\n"}, topics=None, variables=None)
    monkeypatch.setenv(ENV_VAR, str(bad))
    code, out, err = run_cli(capsys, "library", "--problems", "--json")
    assert code == 1
    rows = [p for p in json.loads(out)["problems"] if p["path"] == str(bad / "clauses" / "broken.md")]
    assert rows == [
        {
            "path": str(bad / "clauses" / "broken.md"),
            "line": 2,
            "message": "the front matter lacks the required fields 'title', 'topic', 'jurisdictions', 'version'",
            "kind": "field",
            "blocking": True,
        }
    ]
    code, out, err = run_cli(capsys, "library", "--problems")
    assert code == 1 and f"{bad / 'clauses' / 'broken.md'}, line 2: the front matter lacks" in out
    assert err.strip() == "1 problem."
    code, out, err = run_cli(capsys, "library")
    assert code == 0 and "library --problems" in err and "note: 1 problem in library files" in err

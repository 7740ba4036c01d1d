"""The clause library: load and check library folders, search them, insert clauses into notices.

A library folder ("root") holds `clauses/**/<id>.md` and may hold `topics.yaml`,
`variables.yaml`, `requirements.yaml` and `templates/*.yaml`. The shipped library comes first;
a firm's own folders come after it, add topics and shared variables, and replace shipped
clauses that have the same id. Problems in files are collected (naming file and line), never
raised: one broken file does not hide the rest of the library.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from notice_studio.core.library.fit import LawMismatch, law_mismatch
from notice_studio.core.library.jurisdictions import normalise
from notice_studio.core.library.merge import (
    ClauseStatus,
    Conflict,
    MergeResult,
    apply_update,
    clause_status,
    merge3,
    merge_update,
)
from notice_studio.core.library.overlaps import circular_requires, firm_over_firm
from notice_studio.core.library.parse import ParsedFile, parse_clause_file, read_yaml_file
from notice_studio.core.library.types import ALL, ClauseOrigin, LibraryClause, LibraryProblem, Topic, VariableSpec
from notice_studio.core.notice.frontmatter import FormatError
from notice_studio.core.notice.model import Clause, Notice, NoticeError, Provenance
from notice_studio.core.scripts import fold_for_search
from notice_studio.core.wording import plural

ENV_VAR = "NOTICE_STUDIO_LIBRARY"
"""Extra library folders, separated like PATH (os.pathsep)."""

CLAUSES_DIR = "clauses"
TEMPLATES_DIR = "templates"
TOPICS_FILE = "topics.yaml"
VARIABLES_FILE = "variables.yaml"
REQUIREMENTS_FILE = "requirements.yaml"

__all__ = [
    "ALL",
    "ClauseOrigin",
    "ClauseStatus",
    "Conflict",
    "Library",
    "LibraryClause",
    "LibraryProblem",
    "MergeResult",
    "Topic",
    "VariableSpec",
    "apply_update",
    "clause_status",
    "default_roots",
    "load_library",
    "merge3",
    "merge_update",
    "shipped_root",
]

# path -> ((mtime_ns, size), parsed): re-reading an unchanged library costs one stat per file.
_PARSED: dict[Path, tuple[tuple[int, int], ParsedFile]] = {}


def shipped_root() -> Path | None:
    """The library folder that ships with Notice Studio (None if the installation lacks it)."""
    from notice_studio.paths import library_folder

    try:
        return library_folder()
    except FileNotFoundError:
        return None


def default_roots(extra: Sequence[str | os.PathLike[str]] = ()) -> list[Path]:
    """The shipped library, then folders from NOTICE_STUDIO_LIBRARY, then `extra`."""
    roots: list[Path] = []
    shipped = shipped_root()
    if shipped is not None:
        roots.append(shipped)
    env = os.environ.get(ENV_VAR, "")
    roots += [Path(p).expanduser() for p in env.split(os.pathsep) if p.strip()]
    roots += [Path(p).expanduser() for p in extra]
    unique: dict[Path, None] = {}
    for root in roots:
        unique.setdefault(root.absolute(), None)
    return list(unique)


def load_library(extra: Sequence[str | os.PathLike[str]] = ()) -> Library:
    """The library the app and the command line use: shipped + NOTICE_STUDIO_LIBRARY + `extra`."""
    return Library.load(default_roots(extra))


@dataclass(frozen=True)
class _Found:
    parsed: ParsedFile
    root_index: int


class Library:
    """The clauses of one or more library folders, later folders overriding earlier ones."""

    def __init__(
        self,
        roots: tuple[Path, ...],
        clauses: dict[str, LibraryClause],
        topics: dict[str, Topic],
        variables: dict[str, VariableSpec],
        problems: tuple[LibraryProblem, ...],
        shipped: Path | None = None,
    ) -> None:
        self.roots = roots
        self._clauses = clauses
        self.topics: Mapping[str, Topic] = topics
        """Topic id -> Topic(label, material), in topics.yaml order (shipped first)."""
        self.variables: Mapping[str, VariableSpec] = variables
        """Shared placeholders (every root's variables.yaml), usable without declaring them."""
        self.problems = problems
        self.shipped = shipped

    # ----- loading --------------------------------------------------------------------------
    @classmethod
    def load(cls, roots: Sequence[str | os.PathLike[str]]) -> Library:
        """Load library folders in order (shipped first); later folders override by clause id."""
        from notice_studio.core.library.requirements import load_requirements

        root_paths = tuple(Path(r).expanduser().absolute() for r in roots)
        shipped = shipped_root()
        shipped = shipped.absolute() if shipped is not None else None
        shipped_resolved = shipped.resolve() if shipped is not None else None
        problems: list[LibraryProblem] = []
        topics: dict[str, Topic] = {}
        shared: dict[str, VariableSpec] = {}
        topics_upto: list[set[str]] = []
        variables_upto: list[set[str]] = []
        element_ids: set[str] = set()
        try:
            element_ids.update(e.id for e in load_requirements().elements)
        except FormatError as exc:
            problems.append(LibraryProblem(Path(exc.path), exc.line, exc.problem, "file"))
        except Exception as exc:  # noqa: BLE001 - a damaged installation is reported, not raised
            problems.append(
                LibraryProblem(Path(str(getattr(exc, "path", "requirements.yaml"))), None, str(exc), "file")
            )

        effective: dict[str, LibraryClause] = {}
        found: list[_Found] = []
        for index, root in enumerate(root_paths):
            if not root.is_dir():
                problems.append(LibraryProblem(root, None, "the library folder does not exist", "file", True))
                topics_upto.append(set(topics))
                variables_upto.append(set(shared))
                continue
            topics.update(_read_topics(root / TOPICS_FILE, problems))
            shared.update(_read_variables(root / VARIABLES_FILE, problems))
            topics_upto.append(set(topics))
            variables_upto.append(set(shared))
            requirements = root / REQUIREMENTS_FILE
            if requirements.is_file() and not (
                shipped_resolved and requirements.resolve() == shipped_resolved / REQUIREMENTS_FILE
            ):
                try:
                    element_ids.update(e.id for e in load_requirements(requirements).elements)
                except Exception as exc:  # noqa: BLE001
                    problems.append(LibraryProblem(requirements, None, str(exc), "file"))

            is_shipped = shipped_resolved is not None and root.resolve() == shipped_resolved
            seen_here: dict[str, Path] = {}
            for path in _clause_files(root / CLAUSES_DIR):
                parsed = _parse_cached(path)
                problems.extend(parsed.problems)
                clause = parsed.clause
                if clause is None:
                    continue
                if clause.id in seen_here:
                    problems.append(
                        LibraryProblem(
                            path,
                            parsed.id_line,
                            f"the id '{clause.id}' is also used by {seen_here[clause.id]}; every clause id must be unique",
                            "duplicate",
                            True,
                        )
                    )
                    continue
                seen_here[clause.id] = path
                earlier = effective.get(clause.id)
                before = earlier.origin if earlier is not None else None
                origin = ClauseOrigin(
                    root=root,
                    path=path,
                    shipped=is_shipped,
                    overrides=earlier is not None,
                    overridden_path=before.path if before else None,
                    overridden_root=before.root if before else None,
                    overridden_shipped=bool(before and before.shipped),
                    overridden_version=earlier.version if earlier is not None else 0,
                )
                if earlier is not None and before is not None and not before.shipped:
                    problems.append(firm_over_firm(clause, origin, parsed.id_line))
                effective[clause.id] = replace(clause, origin=origin)
                found.append(_Found(parsed, index))

        problems += _cross_check(found, effective, topics_upto, variables_upto, element_ids)
        lines = {
            (item.parsed.path, ref): line
            for item in found
            for ref, line, where in item.parsed.references
            if where == "requires"
        }
        problems += circular_requires(effective, lines)
        problems.sort(key=lambda p: (str(p.path), p.line or 0))
        return cls(root_paths, effective, topics, shared, tuple(problems), shipped)

    # ----- reading --------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._clauses)

    def __iter__(self) -> Iterator[LibraryClause]:
        return iter(self.clauses())

    def __contains__(self, clause_id: object) -> bool:
        return clause_id in self._clauses

    def get(self, clause_id: str) -> LibraryClause | None:
        return self._clauses.get(clause_id)

    def clause(self, clause_id: str) -> LibraryClause:
        """The library clause `clause_id`; NoticeError when there is none, naming the file and
        line when a file of that name was left out because of a problem in it."""
        found = self._clauses.get(clause_id)
        if found is None:
            problem = self.left_out(clause_id)
            if problem is not None:
                raise NoticeError(
                    f"The library left out the clause '{clause_id}': {problem}; mend the file and try again."
                )
            raise NoticeError(
                f"The clause library has no clause with the id '{clause_id}'; "
                "'notice-studio library' lists the clauses it has."
            )
        return found

    def left_out(self, clause_id: str) -> LibraryProblem | None:
        """The problem that kept the file `<clause_id>.md` out of the library, if one did."""
        if clause_id in self._clauses:
            return None
        return next((p for p in self.problems if p.blocking and p.path.stem == clause_id), None)

    def law_mismatch(self, clause_id: str, notice_laws: Sequence[str]) -> LawMismatch | None:
        """How library clause `clause_id` misses the notice's laws (None when it fits)."""
        clause = self._clauses.get(clause_id)
        return law_mismatch(clause, notice_laws, self.variants_of(clause_id)) if clause is not None else None

    def variants_of(self, clause_id: str) -> list[LibraryClause]:
        """The other wordings of clause `clause_id` for the same purpose: the clauses it lists
        under `variants` and those that list it, in that order."""
        clause = self._clauses.get(clause_id)
        listed = list(clause.variants) if clause is not None else []
        listed += [c.id for c in self.clauses() if clause_id in c.variants]
        return [self._clauses[v] for v in dict.fromkeys(listed) if v in self._clauses and v != clause_id]

    def ids(self) -> list[str]:
        return [c.id for c in self.clauses()]

    def clauses(self) -> list[LibraryClause]:
        """Every clause, ordered by topic (topics.yaml order), then id."""
        order = {topic: n for n, topic in enumerate(self.topics)}
        return sorted(self._clauses.values(), key=lambda c: (order.get(c.topic, len(order)), c.id))

    def search(
        self, text: str | None = None, topic: str | None = None, jurisdiction: str | None = None
    ) -> list[LibraryClause]:
        """Clauses whose id, title, body, guidance, topic or placeholders' labels and help contain
        every word of `text` (any case, accents aside: `fold_for_search`), of `topic`, for `jurisdiction` (an id or alias such as
        'california'; clauses for 'all' included). Those matched in their own words come first, then
        those matched only in the notes about them ('loyalty' finds the financial-incentive notice)."""
        words = fold_for_search(text or "").split()
        wanted = normalise([jurisdiction]) if jurisdiction else []
        result, by_notes = [], []
        for clause in self.clauses():
            if topic and clause.topic != topic:
                continue
            if wanted and not clause.applies_to(wanted):
                continue
            if words:
                haystack = fold_for_search(f"{clause.id}\n{clause.title}\n{clause.body}")
                if not all(word in haystack for word in words):
                    if all(word in haystack + "\n" + _notes(clause) for word in words):
                        by_notes.append(clause)
                    continue
            result.append(clause)
        return result + by_notes

    def variable_spec(self, name: str, clause_id: str | None = None) -> VariableSpec | None:
        """How to ask for placeholder `name`: the clause's own declaration, a shared one from
        variables.yaml, or the first library clause that declares it."""
        if clause_id is not None:
            clause = self._clauses.get(clause_id)
            if clause is not None and name in clause.variables:
                return clause.variables[name]
        if name in self.variables:
            return self.variables[name]
        for clause in self.clauses():
            if name in clause.variables:
                return clause.variables[name]
        return None

    def satisfying(self, element_id: str) -> list[LibraryClause]:
        """Clauses that list `element_id` (from requirements.yaml) under `satisfies`."""
        return [c for c in self.clauses() if element_id in c.satisfies]

    def missing_folders(self) -> list[Path]:
        """The library folders named that do not exist (their clauses and topics are left out)."""
        return [p.path for p in self.problems if p.kind == "file" and p.path in self.roots and not p.path.is_dir()]

    def problem_note(self, clause_id: str) -> str:
        """'' or one sentence naming the first known problem in the file library clause `clause_id`
        comes from (said when it is inserted: the clause loads, but something in it is wrong)."""
        clause = self._clauses.get(clause_id)
        if clause is None or clause.origin is None:
            return ""
        found = self.problems_in(clause.origin.path)
        if not found:
            return ""
        more = f" (and {plural(len(found) - 1, 'more problem')})" if len(found) > 1 else ""
        return f"The library clause '{clause_id}' has a known problem{more}: {found[0]}."

    def problems_in(self, path: str | os.PathLike[str]) -> list[LibraryProblem]:
        target = Path(path).absolute()
        return [p for p in self.problems if p.path == target]

    # ----- inserting ------------------------------------------------------------------------
    def make_clause(self, lib_id: str, notice: Notice) -> Clause:
        """A notice clause made from library clause `lib_id`, with its provenance recorded.

        Its id is the library id, or a fresh one ("cookies-2") when the notice already has it.
        The clause is not added to the notice.
        """
        source = self.clause(lib_id)
        clause_id = notice.new_clause_id(source.id) if notice.has(source.id) else source.id
        return Clause(
            id=clause_id,
            title=source.title,
            body=source.body,
            provenance=Provenance(source.id, source.version, base_body=source.body, base_title=source.title),
            topics=[source.topic],
        )

    def status(self, clause: Clause) -> ClauseStatus | None:
        """Shortcut for `clause_status(clause, self)`."""
        return clause_status(clause, self)


def _cross_check(
    found: list[_Found],
    effective: dict[str, LibraryClause],
    topics_upto: list[set[str]],
    variables_upto: list[set[str]],
    element_ids: set[str],
) -> list[LibraryProblem]:
    """Checks that need every file: topics, requirement ids, placeholders, references.

    A folder's clauses may use the topics and shared variables of that folder and the folders
    before it; references may name any clause of the whole library.
    """
    problems: list[LibraryProblem] = []
    for item in found:
        parsed, clause = item.parsed, item.parsed.clause
        assert clause is not None and parsed.path is not None
        path = parsed.path
        if clause.topic not in topics_upto[item.root_index]:
            problems.append(
                LibraryProblem(path, parsed.topic_line, f"'{clause.topic}' is not a topic in topics.yaml", "topic")
            )
        for element, line in parsed.satisfies:
            if element not in element_ids:
                problems.append(
                    LibraryProblem(path, line, f"'{element}' is not an element id in requirements.yaml", "satisfies")
                )
        declared = variables_upto[item.root_index]
        reported: set[str] = set()
        for name, line in parsed.placeholders:
            if name not in clause.variables and name not in declared and name not in reported:
                reported.add(name)
                problems.append(
                    LibraryProblem(
                        path,
                        line,
                        f"the placeholder '{{{{ {name} }}}}' is not declared; add it under 'variables' "
                        "with a label, help and example, or use a shared one from variables.yaml",
                        "placeholder",
                    )
                )
        for ref, line, where in parsed.references:
            if ref not in effective:
                what = f"[[{ref}]]" if where == "body" else f"'{ref}' in '{where}'"
                problems.append(
                    LibraryProblem(path, line, f"{what} names a clause that is not in the library", "reference")
                )
    return problems


def _parse_cached(path: Path) -> ParsedFile:
    try:
        stat = path.stat()
    except OSError as exc:
        return ParsedFile(
            None, (LibraryProblem(path, None, f"the file cannot be read ({exc.strerror})", "file", True),), path
        )
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _PARSED.get(path)
    if cached and cached[0] == stamp:
        return cached[1]
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        parsed = ParsedFile(
            None,
            (
                LibraryProblem(
                    path, None, f"the file is not UTF-8 text (byte {exc.start}); save it as UTF-8", "file", True
                ),
            ),
            path,
        )
    except OSError as exc:
        parsed = ParsedFile(
            None, (LibraryProblem(path, None, f"the file cannot be read ({exc.strerror})", "file", True),), path
        )
    else:
        parsed = parse_clause_file(text, path)
    _PARSED[path] = (stamp, parsed)
    return parsed


def _clause_files(folder: Path) -> list[Path]:
    """Every `*.md` under `folder`, in a stable order."""
    if not folder.is_dir():
        return []
    found: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        found += [
            Path(dirpath) / name for name in sorted(filenames) if name.endswith(".md") and not name.startswith(".")
        ]
    return found


def _read_mapping(path: Path, key: str, problems: list[LibraryProblem]) -> dict[str, object]:
    if not path.is_file():
        return {}
    try:
        data = read_yaml_file(path)
    except FormatError as exc:
        problems.append(LibraryProblem(path, exc.line, exc.problem, "yaml"))
        return {}
    section = data.get(key) if isinstance(data, dict) else None
    if not isinstance(section, dict):
        problems.append(LibraryProblem(path, 1, f"the file must have a '{key}:' section of 'id: ...' entries", "yaml"))
        return {}
    return section


def _read_topics(path: Path, problems: list[LibraryProblem]) -> dict[str, Topic]:
    topics = {}
    for topic_id, spec in _read_mapping(path, "topics", problems).items():
        spec = spec if isinstance(spec, dict) else {"label": spec}
        topics[str(topic_id)] = Topic(str(topic_id), str(spec.get("label") or topic_id), bool(spec.get("material")))
    return topics


def _read_variables(path: Path, problems: list[LibraryProblem]) -> dict[str, VariableSpec]:
    variables = {}
    for name, spec in _read_mapping(path, "variables", problems).items():
        spec = spec if isinstance(spec, dict) else {"label": spec}
        variables[str(name)] = VariableSpec(
            str(spec.get("label") or name), str(spec.get("help") or ""), str(spec.get("example") or "")
        )
    return variables


def _notes(clause: LibraryClause) -> str:
    """What is written about a clause rather than in it: guidance, topic, placeholders' labels and
    help, and the requirements it satisfies ('ccpa financial incentive notice')."""
    specs = " ".join(f"{spec.label} {spec.help}" for spec in clause.variables.values())
    satisfies = " ".join(e.replace("_", " ") for e in clause.satisfies)
    return fold_for_search(f"{clause.guidance}\n{clause.topic}\n{specs}\n{satisfies}")

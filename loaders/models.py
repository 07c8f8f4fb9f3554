"""Plain dataclasses that flow through the pipeline: Text -> Mention -> DocRef -> Statement.

Nothing here imports another PolicyGraph module, so every step can import it freely.

>>> m = Mention(start=0, end=8, quote="31-NQ/TW", symbol="31-NQ/TW", number="31")
>>> m.symbol
'31-NQ/TW'
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

#: the edge types a Relation may carry (ontology.vocab.RELATION_TYPES, checked by the tests)
RelationType = Literal["CITES", "IMPLEMENTS", "SUPERSEDES", "ISSUED_BY", "PART_OF", "MENTIONS"]
#: the refinements of IMPLEMENTS and SUPERSEDES (ontology.vocab.EDGE_KINDS)
RelationKind = Literal["implements", "based_on", "amends", "replaces", "repeals"]


@dataclass
class Text:
    """A document's text as read from disk; every offset in PolicyGraph points into `text`."""

    path: str
    text: str
    format: str = "txt"
    # start offset of each page (PDF) or None
    pages: list[int] | None = None
    # the path relative to the folder loaded: the file's identity in a store (its name when None)
    rel: str | None = None

    @property
    def name(self) -> str:
        return self.path.replace("\\", "/").rsplit("/", 1)[-1]

    @property
    def ident(self) -> str:
        """How stores and the graph name the file: its relative path, else its name."""
        return self.rel or self.name


@dataclass
class Mention:
    """One reference to a document found in a text, with its span and what it tells.

    `start`/`end` cover the whole mention ("Nghị quyết số 31-NQ/TW"); `attr_end` the attributes that
    follow it (date, "của <body>", "(khóa XII)").
    """

    start: int
    end: int
    quote: str
    form: str = "full"  # full | short | named | header
    label: str | None = None  # ontology class: Resolution, Conclusion, ...
    type_word: str | None = None  # the word before the symbol: "Nghị quyết"
    symbol: str | None = None
    number: str | None = None
    type_code: str | None = None
    issuer_code: str | None = None
    symbol_year: int | None = None
    date: str | None = None
    issuer: str | None = None
    term: str | None = None
    title: str | None = None
    attr_end: int = -1
    # set by resolve: the key of the DocRef this mention stands for
    ref: str | None = None

    def __post_init__(self) -> None:
        if self.attr_end < self.end:
            self.attr_end = self.end


@dataclass
class DocRef:
    """A document as one file knows it. `key` is local to the file; graph.identity makes it global."""

    key: str
    label: str | None = None
    symbol: str | None = None
    number: str | None = None
    type_code: str | None = None
    issuer_code: str | None = None
    date: str | None = None
    year: int | None = None
    issuer: str | None = None
    jurisdiction: str | None = None
    # the province of a district-level jurisdiction the gazetteer does not know (read from the header)
    parent_jurisdiction: str | None = None
    level: str | None = None
    branch: str | None = None
    term: str | None = None
    title: str | None = None
    name: str | None = None  # for named references without a number ("Hiến pháp năm 2013")
    is_source: bool = False  # the loaded file's own document
    resolved: bool = True
    missing: list[str] = field(default_factory=list)
    # short references: what the text said, to be resolved against the corpus
    short: bool = False
    # ISO date the document takes effect ("có hiệu lực thi hành từ ngày ...", "kể từ ngày ký")
    effective: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Evidence:
    """Where a file states something: text[start:end] is the quoted mention; `sentence` an excerpt of at
    most a few hundred characters of its sentence, which spans text[sentence_start:sentence_end]."""

    file: str
    start: int
    end: int
    sentence: str
    sentence_start: int | None = None
    sentence_end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)  # its fields are plain values: no deep copy needed


@dataclass
class Body:
    key: str
    name: str
    level: str | None = None  # central | province | district
    branch: str | None = None  # party | state
    jurisdiction: str | None = None
    parent: str | None = None  # key of the body it is part of


@dataclass
class Project:
    key: str
    name: str
    aliases: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Relation:
    """`source` -TYPE-> `target`, both DocRef keys (or a Body/Project key for ISSUED_BY/MENTIONS)."""

    source: str
    target: str
    type: RelationType
    evidence: Evidence | None = None
    kind: RelationKind | None = None
    # SUPERSEDES of part of the target: the articles, clauses named ("Điều 2", "khoản 1 Điều 73", "một số điều")
    scope: str | None = None
    # SUPERSEDES: ISO date the change takes effect ("hết hiệu lực kể từ ngày Luật này có hiệu lực")
    effective: str | None = None


@dataclass
class Extraction:
    """Everything one file states. The graph is the union of the extractions of all loaded files."""

    file: str  # the file's identity: its path relative to the folder loaded (its name for a single file)
    path: str
    sha256: str
    source: str  # key of the file's own DocRef
    docs: dict[str, DocRef] = field(default_factory=dict)
    bodies: dict[str, Body] = field(default_factory=dict)
    projects: dict[str, Project] = field(default_factory=dict)
    relations: list[Relation] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The file's name (the last component of `file`)."""
        return self.file.rsplit("/", 1)[-1]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Extraction:
        def ev(x: dict[str, Any] | None) -> Evidence | None:
            return Evidence(**x) if x else None

        return cls(
            file=d["file"],
            path=d["path"],
            sha256=d["sha256"],
            source=d["source"],
            docs={k: DocRef(**v) for k, v in d["docs"].items()},
            bodies={k: Body(**v) for k, v in d["bodies"].items()},
            projects={
                k: Project(
                    key=v["key"],
                    name=v["name"],
                    aliases=list(v["aliases"]),
                    evidence=[Evidence(**e) for e in v["evidence"]],
                )
                for k, v in d["projects"].items()
            },
            relations=[
                Relation(
                    source=r["source"], target=r["target"], type=r["type"], evidence=ev(r["evidence"]),
                    kind=r.get("kind"), scope=r.get("scope"), effective=r.get("effective"),
                )
                for r in d["relations"]
            ],
            mentions=[Mention(**m) for m in d["mentions"]],
            warnings=list(d.get("warnings", [])),
        )


class PolicyGraphError(Exception):
    """The base of the project's own errors: the message is one line a person can act on; the CLI prints
    it as ``error: …`` and exits with `exit_code`."""

    exit_code = 2


class LoadError(PolicyGraphError):
    """A file could not be read: the message names the file and the problem."""

    exit_code = 1

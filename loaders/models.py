"""Plain dataclasses that flow through the pipeline: Text -> Mention -> DocRef -> Statement.

Nothing here imports another PolicyGraph module, so every step can import it freely. The parsed facts a
step finds travel on: a Mention carries its parsed `Symbol` and the `BodyInfo` of the body it names, so
later steps read them instead of parsing strings again.

>>> s = Symbol("31-NQ/TW", "31", "NQ", "TW", None, "party")
>>> m = Mention(start=0, end=8, quote="31-NQ/TW", sym=s, number=s.number)
>>> (m.symbol, m.type_code, m.issuer_code)
('31-NQ/TW', 'NQ', 'TW')
"""

from __future__ import annotations

import sys
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

#: how a mention is written: with a full symbol, a bare number ("Nghị quyết 98"), a name without a number
#: ("Hiến pháp năm 2013"), or the loaded document's own symbol in its header
MentionForm = Literal["full", "short", "named", "header"]
#: the shapes of a symbol: "31-NQ/TW", "98/2023/QH15", "14/NQ-CP"
SymbolShape = Literal["party", "state_year", "state"]
#: the Party, the State, or the Fatherland Front (Mặt trận Tổ quốc, with the mass organisations in it)
Branch = Literal["party", "state", "front"]
#: where a document or body sits; a local body is placed (province / district) once its place is known
Level = Literal["central", "province", "district", "commune"]
BodyLevel = Literal["central", "local"]
#: the places a body named relatively ("Thành ủy", "Hội đồng nhân dân huyện") can belong to
Scope = Literal["province", "city", "district", "commune"]
#: ontology.vocab.RELATION_TYPES (tests/test_extraction checks the two agree)
RelationType = Literal["CITES", "IMPLEMENTS", "SUPERSEDES", "ISSUED_BY", "PART_OF", "MENTIONS"]
#: the refinements of IMPLEMENTS and SUPERSEDES (ontology.vocab.EDGE_KINDS)
RelationKind = Literal["implements", "based_on", "amends", "replaces", "repeals"]
#: who states a relation: the document's text, or a portal's curated list (loaders.portal)
RelationOrigin = Literal["text", "portal"]


@dataclass(frozen=True, slots=True)
class Symbol:
    """A parsed document symbol (số và ký hiệu); loaders.symbols finds and parses them."""

    symbol: str  # normal form
    number: str  # without leading zeros
    type_code: str | None
    issuer_code: str | None
    year: int | None
    shape: SymbolShape

    #: Issuer codes of local (province / district) bodies: their numbers repeat in every jurisdiction.
    LOCAL_ISSUERS = frozenset(
        {
            "TU",
            "HU",
            "QU",
            "ĐU",
            "TXU",
            "UBND",
            "HĐND",
            "BTGTU",
            "BTCTU",
            "BDVTU",
            "BNCTU",
            "UBKTTU",
            "VPTU",
            "BTGHU",
            "BTCHU",
            "UBKTHU",
            "VPHU",
            "ĐUK",
            "BCSĐ",
            "TĐTN",
            "MTTQ",
            "STC",
            "SKHĐT",
            "STP",
        }
    )

    #: Central State issuers that signed in the Party shape before 2001 ("23-L/CTN": a law promulgated by the
    #: State President; "21-LCT/HĐNN8": the Council of State); such symbols are central State documents.
    OLD_STATE_ISSUERS = ("CTN", "HĐNN", "HĐBT", "UBTVQH", "QH", "CP", "TTg")

    @property
    def _old_state(self) -> bool:
        return self.shape == "party" and (self.issuer_code or "").split("-")[0].startswith(self.OLD_STATE_ISSUERS)

    @property
    def is_local(self) -> bool:
        """True when the number repeats across provinces (TU, HU, UBND, HĐND, BTGTU, ...).

        Party codes ending in TW are central; any other Party issuer is a local committee or
        one of its boards. State documents are local when a People's Council or Committee issues them.

        >>> Symbol("5-NQ/TU", "5", "NQ", "TU", None, "party").is_local
        True
        >>> Symbol("23-L/CTN", "23", "L", "CTN", None, "party").is_local
        False
        """
        if self.shape == "party":
            return not (self.issuer_code or "").split("-")[0].endswith("TW") and not self._old_state
        codes = {self.type_code or "", *(self.issuer_code or "").split("-")}
        return bool(codes & self.LOCAL_ISSUERS)

    @property
    def branch(self) -> Branch:
        return "party" if self.shape == "party" and not self._old_state else "state"


@dataclass(frozen=True, slots=True)
class BodyInfo:
    """A body recognised in text (loaders.bodies.classify): its canonical head and where it sits."""

    name: str  # canonical head, without place: "Ban Thường vụ Tỉnh ủy"
    level: BodyLevel  # placed later: province | district
    branch: Branch
    codes: tuple[str, ...]  # issuer codes this body signs with
    scope: Scope | None = None  # for local bodies named relatively
    place_text: str | None = None  # the place words that follow the head, if any
    parent_name: str | None = None  # the body it is part of (head only)


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def plain(obj: Any) -> dict[str, Any]:
    """A dataclass instance's fields as a dict, one level deep (no copy of the values: faster than asdict).

    >>> plain(Evidence("a.txt", 0, 8, "31-NQ/TW"))
    {'file': 'a.txt', 'start': 0, 'end': 8, 'sentence': '31-NQ/TW', 'sentence_start': None, 'sentence_end': None}
    """
    names = _FIELD_NAMES.get(type(obj))
    if names is None:
        names = _FIELD_NAMES[type(obj)] = tuple(f.name for f in fields(obj))
    return {name: getattr(obj, name) for name in names}


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
    # a saved portal page (loaders.portal): the page kind, its attribute fields ("số hiệu", "ngày có hiệu
    # lực", "tình trạng hiệu lực", ...) and its curated related lists (loaders.portal.Related)
    portal: str | None = None
    fields: dict[str, str] | None = None
    portal_relations: list[Any] = field(default_factory=list)
    # pages read by OCR (loaders.ocr) and the mean confidence (0-100) of the words it read
    ocr_pages: int = 0
    ocr_confidence: float | None = None

    @property
    def name(self) -> str:
        return self.path.replace("\\", "/").rsplit("/", 1)[-1]

    @property
    def ident(self) -> str:
        """How stores and the graph name the file: its relative path, else its name."""
        return self.rel or self.name


@dataclass(slots=True)
class Mention:
    """One reference to a document found in a text, with its span and what it tells.

    `start`/`end` cover the whole mention ("Nghị quyết số 31-NQ/TW"); `attr_end` the attributes that
    follow it (date, "của <body>", "(khóa XII)"). A full or header mention carries its parsed `sym`; a short
    one its bare `number` ("Nghị quyết 98") or a State number cut short ("Luật … số 47/2024": number "47",
    symbol_year 2024); `body` is the body named after it, as recognised, `issuer` its words.
    """

    start: int
    end: int
    quote: str
    form: MentionForm = "full"
    label: str | None = None  # ontology class: Resolution, Conclusion, ...
    type_word: str | None = None  # the word before the symbol: "Nghị quyết"
    sym: Symbol | None = None
    number: str | None = None
    symbol_year: int | None = None
    date: str | None = None
    issuer: str | None = None
    body: BodyInfo | None = None
    term: str | None = None
    title: str | None = None
    attr_end: int = -1
    # set by resolve: the key of the DocRef this mention stands for
    ref: str | None = None

    def __post_init__(self) -> None:
        if self.attr_end < self.end:
            self.attr_end = self.end
        if self.type_word:  # a few words, said of every mention: one copy each (a dense file has millions)
            self.type_word = sys.intern(self.type_word)
        if self.sym is not None:
            self.number = self.sym.number
            self.symbol_year = self.sym.year

    @property
    def symbol(self) -> str | None:
        return self.sym.symbol if self.sym else None

    @property
    def type_code(self) -> str | None:
        return self.sym.type_code if self.sym else None

    @property
    def issuer_code(self) -> str | None:
        return self.sym.issuer_code if self.sym else None

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Mention:
        """The inverse of `asdict` (also reads stores written before `sym` and `body` were carried)."""
        d = dict(d)
        legacy = {k: d.pop(k, None) for k in ("symbol", "type_code", "issuer_code")}
        sym, body = d.pop("sym", None), d.pop("body", None)
        if sym is None and legacy["symbol"]:
            shape = (
                "state_year"
                if d.get("symbol_year")
                else ("party" if "-" in legacy["symbol"].split("/")[0] else "state")
            )
            sym = {
                "symbol": legacy["symbol"],
                "number": d.get("number"),
                "type_code": legacy["type_code"],
                "issuer_code": legacy["issuer_code"],
                "year": d.get("symbol_year"),
                "shape": shape,
            }
        return cls(
            **d,
            sym=Symbol(**sym) if sym else None,
            body=BodyInfo(**{**body, "codes": tuple(body["codes"])}) if body else None,
        )


@dataclass(slots=True)
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
    level: Level | None = None
    branch: Branch | None = None
    term: str | None = None
    title: str | None = None
    name: str | None = None  # for named references without a number ("Hiến pháp năm 2013")
    # the issuing body as recognised (`issuer` is its display name), so no step classifies the name again
    body: BodyInfo | None = None
    is_source: bool = False  # the loaded file's own document
    resolved: bool = True
    missing: list[str] = field(default_factory=list)
    # short references: what the text said, to be resolved against the corpus
    short: bool = False
    # ISO date the document takes effect ("có hiệu lực thi hành từ ngày ...", "kể từ ngày ký")
    effective: str | None = None
    # the status a portal page states ("Tình trạng hiệu lực: Còn hiệu lực"), as written
    stated_status: str | None = None
    # the loaded file's own document when its text was read by OCR: pages OCR'd, mean word confidence (0-100)
    ocr_pages: int | None = None
    ocr_confidence: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DocRef:
        body = d.get("body")
        return cls(**{**d, "body": BodyInfo(**{**body, "codes": tuple(body["codes"])}) if body else None})


@dataclass(slots=True)
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
        return plain(self)  # its fields are plain values: no deep copy needed


@dataclass(slots=True)
class Body:
    key: str
    name: str
    level: Level | None = None
    branch: Branch | None = None
    jurisdiction: str | None = None
    parent: str | None = None  # key of the body it is part of


@dataclass(slots=True)
class Project:
    key: str
    name: str
    aliases: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
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
    # "text" when the document's text states it, "portal" when a portal's curated list does
    origin: RelationOrigin = "text"
    # a relation between two documents a file names (neither is the file's own): the file that states it
    stated_by: str | None = None


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
            docs={k: DocRef.from_dict(v) for k, v in d["docs"].items()},
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
                    source=r["source"],
                    target=r["target"],
                    type=r["type"],
                    evidence=ev(r["evidence"]),
                    kind=r.get("kind"),
                    scope=r.get("scope"),
                    effective=r.get("effective"),
                    origin=r.get("origin") or "text",
                    stated_by=r.get("stated_by"),
                )
                for r in d["relations"]
            ],
            mentions=[Mention.from_dict(m) for m in d["mentions"]],
            warnings=list(d.get("warnings", [])),
        )


class PolicyGraphError(Exception):
    """The base of the project's own errors: the message is one line a person can act on; the CLI prints
    it as ``error: …`` and exits with `exit_code`."""

    exit_code = 2


class LoadError(PolicyGraphError):
    """A file could not be read: the message names the file and the problem."""

    exit_code = 1

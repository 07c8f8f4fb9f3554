"""The PolicyGraph vocabulary in Python: the ONE place code takes labels and relation names from.

It mirrors ``ontology/policygraph.ttl`` (the OWL/RDFS vocabulary) term for term; a test parses the
Turtle and checks both directions, so the two cannot drift apart.

>>> TYPE_CODE_TO_LABEL["NQ"], TYPE_CODE_TO_LABEL["QĐi"], TYPE_WORD_TO_LABEL["nghị định"]
('Resolution', 'Regulation', 'Decree')
>>> str(class_iri("Resolution"))
'https://policygraph.org/ontology#Resolution'
>>> str(relation_iri("SUPERSEDES", "amends")), str(relation_iri("IMPLEMENTS", "based_on"))
('https://policygraph.org/ontology#amends', 'https://policygraph.org/ontology#basedOn')
>>> relation_of(relation_iri("IMPLEMENTS", "based_on"))
('IMPLEMENTS', 'based_on')
"""

from __future__ import annotations

import functools
import unicodedata
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:  # rdflib is imported when an IRI is first made: the CLI's queries never need it
    from rdflib import URIRef

# --------------------------------------------------------------------------------------------
# Namespaces
# --------------------------------------------------------------------------------------------
PG: Final = "https://policygraph.org/ontology#"
ELI: Final = "http://data.europa.eu/eli/ontology#"
#: base of the IRIs minted for graph nodes (percent-encoded node id appended)
NODE_BASE: Final = "https://policygraph.org/id/"
#: base of the IRIs minted for jurisdictions (percent-encoded name appended)
JURISDICTION_BASE: Final = "https://policygraph.org/jurisdiction/"
#: base of the IRIs minted for reified edges (a hash of source, target and key appended)
EDGE_BASE: Final = "https://policygraph.org/edge/"

NS: Final = MappingProxyType(
    {
        "pg": PG,
        "eli": ELI,
        "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
        "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
        "owl": "http://www.w3.org/2002/07/owl#",
        "xsd": "http://www.w3.org/2001/XMLSchema#",
    }
)

# --------------------------------------------------------------------------------------------
# Node kinds and labels (ontology classes)
# --------------------------------------------------------------------------------------------
NODE_KINDS: Final = ("Document", "Body", "Project")

#: One row per document class (a subclass of pg:Document), in the order every list below keeps: its label,
#: its English and Vietnamese names, the type codes inside a symbol ("31-NQ/TW" -> "NQ"; case matters: "QĐ" is
#: a Decision, "QĐi" a Regulation, "CT" a Directive, "CTr" a Programme) and the Vietnamese words (lower-case,
#: NFC) that name the type before a symbol or title. A new document type is one row here and its class in
#: ontology/policygraph.ttl (a test checks the two agree), plus its colour in the view and the Neo4j style.
DOCUMENT_TYPES: Final = (
    ("Resolution", "Resolution", "Nghị quyết", ("NQ",), ("nghị quyết", "nghị quyết liên tịch")),
    ("Conclusion", "Conclusion", "Kết luận", ("KL",), ("kết luận",)),
    ("Directive", "Directive", "Chỉ thị", ("CT",), ("chỉ thị",)),
    ("Decision", "Decision", "Quyết định", ("QĐ",), ("quyết định",)),
    ("Regulation", "Regulation", "Quy định", ("QĐi",), ("quy định",)),
    ("Rules", "Rules", "Quy chế", ("QC",), ("quy chế",)),
    ("Guidance", "Guidance", "Hướng dẫn", ("HD",), ("hướng dẫn",)),
    ("Programme", "Programme", "Chương trình", ("CTr",), ("chương trình", "chương trình hành động")),
    ("Plan", "Plan", "Kế hoạch", ("KH",), ("kế hoạch",)),
    ("Notice", "Notice", "Thông báo", ("TB",), ("thông báo", "thông báo kết luận", "thông cáo")),
    ("Report", "Report", "Báo cáo", ("BC",), ("báo cáo",)),
    ("Submission", "Submission", "Tờ trình", ("TTr",), ("tờ trình",)),
    ("Scheme", "Scheme", "Đề án", ("ĐA",), ("đề án",)),
    ("Proposal", "Proposal", "Phương án", ("PA",), ("phương án",)),
    ("OfficialLetter", "Official letter", "Công văn", ("CV",), ("công văn",)),
    ("Law", "Law", "Luật", (), ("luật",)),
    ("Code", "Code", "Bộ luật", (), ("bộ luật",)),
    ("Constitution", "Constitution", "Hiến pháp", (), ("hiến pháp",)),
    ("Ordinance", "Ordinance", "Pháp lệnh", ("PL",), ("pháp lệnh",)),
    ("Decree", "Decree", "Nghị định", ("NĐ",), ("nghị định",)),
    ("Circular", "Circular", "Thông tư", ("TT",), ("thông tư",)),
    ("JointCircular", "Joint circular", "Thông tư liên tịch", ("TTLT",), ("thông tư liên tịch",)),
)

#: document classes (subclasses of pg:Document); a document of unknown type has label "Document"
DOCUMENT_LABELS: Final = tuple(label for label, *_ in DOCUMENT_TYPES)

#: every value a node's ``label`` may take
NODE_LABELS: Final = ("Document", *DOCUMENT_LABELS, "Body", "Project")

#: classes of the RDF view that are not graph node labels
AUXILIARY_CLASSES: Final = ("Jurisdiction", "Evidence")

#: every pg: class declared in the Turtle
CLASSES: Final = (*NODE_LABELS, *AUXILIARY_CLASSES)

#: the classes that are not document types: label -> (English, Vietnamese)
_OTHER_NAMES: Final = {
    "Document": ("Document", "Văn bản"),
    "Body": ("Body", "Cơ quan"),
    "Project": ("Project", "Dự án"),
    "Jurisdiction": ("Jurisdiction", "Địa bàn"),
    "Evidence": ("Evidence", "Bằng chứng"),
}
_NAMES: Final = {**{label: (en, vi) for label, en, vi, _, _ in DOCUMENT_TYPES}, **_OTHER_NAMES}

LABEL_EN: Final = MappingProxyType({c: _NAMES[c][0] for c in CLASSES})
LABEL_VI: Final = MappingProxyType({c: _NAMES[c][1] for c in CLASSES})

#: the type code inside a symbol ("31-NQ/TW" -> "NQ") -> document label
TYPE_CODE_TO_LABEL: Final = MappingProxyType(
    {code: label for label, _, _, codes, _ in DOCUMENT_TYPES for code in codes}
)

#: label -> its type code (the inverse of TYPE_CODE_TO_LABEL; labels without a code are absent)
LABEL_TO_TYPE_CODE: Final = MappingProxyType({lab: code for code, lab in TYPE_CODE_TO_LABEL.items()})

#: Vietnamese type words (lower-case, NFC) that name a document's type before its symbol or title.
#: Match longest first ("thông tư liên tịch" before "thông tư", "chương trình hành động" before
#: "chương trình").
TYPE_WORD_TO_LABEL: Final = MappingProxyType(
    {word: label for label, _, _, _, words in DOCUMENT_TYPES for word in words}
)

# --------------------------------------------------------------------------------------------
# Relations (edge types) and their refinements (edge kinds)
# --------------------------------------------------------------------------------------------
RELATION_TYPES: Final = ("CITES", "IMPLEMENTS", "SUPERSEDES", "ISSUED_BY", "PART_OF", "MENTIONS")
SUPERSEDES_KINDS: Final = ("amends", "replaces", "repeals")
IMPLEMENTS_KINDS: Final = ("implements", "based_on")
#: edge type -> the kinds it may carry (types not listed carry kind None)
EDGE_KINDS: Final = MappingProxyType({"SUPERSEDES": SUPERSEDES_KINDS, "IMPLEMENTS": IMPLEMENTS_KINDS})

#: edge type (kind None) -> local name of its pg: object property
RELATION_PROPERTY: Final = MappingProxyType(
    {
        "CITES": "cites",
        "IMPLEMENTS": "implements",
        "SUPERSEDES": "supersedes",
        "ISSUED_BY": "issuedBy",
        "PART_OF": "partOf",
        "MENTIONS": "mentions",
    }
)

#: (edge type, kind) -> local name of the sub-property that refines it. The kind "implements" has
#: no sub-property of its own: it is the general pg:implements.
KIND_PROPERTY: Final = MappingProxyType(
    {
        ("SUPERSEDES", "amends"): "amends",
        ("SUPERSEDES", "replaces"): "replaces",
        ("SUPERSEDES", "repeals"): "repeals",
        ("IMPLEMENTS", "based_on"): "basedOn",
    }
)

#: object properties of the RDF view that are not edge types (document/body -> pg:Jurisdiction,
#: statement -> pg:Evidence)
AUXILIARY_OBJECT_PROPERTIES: Final = ("inJurisdiction", "evidence")

#: every pg: owl:ObjectProperty declared in the Turtle
OBJECT_PROPERTIES: Final = (
    *RELATION_PROPERTY.values(),
    *KIND_PROPERTY.values(),
    *AUXILIARY_OBJECT_PROPERTIES,
)

#: the attributes docs/schema.md gives each node kind
#: what one file's reference says of a document (graph.build chooses among the files' claims); with the
#: rest of NODE_ATTRIBUTES["Document"], made by the build itself, every document node carries them
DOCUMENT_CLAIMS: Final = (
    "symbol",
    "number",
    "type_code",
    "issuer_code",
    "date",
    "year",
    "issuer",
    "jurisdiction",
    "parent_jurisdiction",
    "level",
    "branch",
    "term",
    "title",
    "effective",
    "stated_status",
)

NODE_ATTRIBUTES: Final = MappingProxyType(
    {
        "Document": (
            *DOCUMENT_CLAIMS,
            "source_file",
            "source_path",
            "sources",
            "resolved",
            "missing",
            "conflicts",
        ),
        "Body": ("name", "level", "branch", "jurisdiction", "sources"),
        "Project": ("name", "aliases", "sources"),
    }
)
#: node attributes that are scalars, None when unknown (the others are lists, dicts or booleans)
SCALAR_NODE_ATTRIBUTES: Final = MappingProxyType(
    {
        kind: tuple(a for a in attrs if a not in ("sources", "resolved", "missing", "conflicts", "aliases"))
        for kind, attrs in NODE_ATTRIBUTES.items()
    }
)
#: the attributes docs/schema.md gives every edge, and the keys of its evidence
EDGE_ATTRIBUTES: Final = ("type", "kind", "source_file", "source_path", "evidence", "origin")
#: who states an edge: the document's text, or a portal's curated list (an edge without it is the text's)
EDGE_ORIGINS: Final = ("text", "portal")
#: attributes an edge carries only when known: the part of the target a SUPERSEDES edge touches and the
#: date the change takes effect
OPTIONAL_EDGE_ATTRIBUTES: Final = ("scope", "effective")
EVIDENCE_KEYS: Final = ("file", "start", "end", "sentence", "sentence_start", "sentence_end")

#: node attribute -> local name of the pg: datatype property it is written with (scalars)
NODE_DATATYPE_PROPERTIES: Final = MappingProxyType(
    {
        "symbol": "symbol",
        "number": "number",
        "issuer_code": "issuerCode",
        "date": "date",
        "year": "year",
        "issuer": "issuerName",
        "level": "level",
        "branch": "branch",
        "term": "term",
        "title": "title",
        "effective": "effective",
        "status": "status",
        "stated_status": "statedStatus",
        "parent_jurisdiction": "parentJurisdiction",
        "status_since": "statusSince",
        "name": "name",
        "source_file": "sourceFile",
        "source_path": "sourcePath",
        "resolved": "resolved",
    }
)

#: list-valued node attribute -> pg: datatype property repeated once per element
NODE_LIST_PROPERTIES: Final = MappingProxyType(
    {"sources": "assertedIn", "missing": "missing", "aliases": "alias", "status_by": "statusBy"}
)

#: evidence key -> pg: datatype property on the pg:Evidence node
EVIDENCE_PROPERTIES: Final = MappingProxyType(
    {
        "file": "file",
        "start": "start",
        "end": "end",
        "sentence": "sentence",
        "sentence_start": "sentenceStart",
        "sentence_end": "sentenceEnd",
    }
)

#: datatype properties of the reified edge (rdf:Statement) besides its evidence
STATEMENT_DATATYPE_PROPERTIES: Final = MappingProxyType(
    {
        "key": "edgeKey",
        "source_file": "sourceFile",
        "source_path": "sourcePath",
        "scope": "scope",
        "effective": "effective",
        "origin": "origin",
    }
)

#: attributes without a property of their own travel as one JSON literal here
EXTRA_PROPERTY: Final = "extraAttributes"

#: every pg: owl:DatatypeProperty declared in the Turtle
DATATYPE_PROPERTIES: Final = tuple(
    dict.fromkeys(
        (
            *NODE_DATATYPE_PROPERTIES.values(),
            *NODE_LIST_PROPERTIES.values(),
            *EVIDENCE_PROPERTIES.values(),
            *STATEMENT_DATATYPE_PROPERTIES.values(),
            EXTRA_PROPERTY,
        )
    )
)

#: annotation properties: on classes (typeCode, typeWord), on relation properties (relationName,
#: relationKind); typeCode also on documents, relationKind also on reified edges.
ANNOTATION_PROPERTIES: Final = ("typeCode", "typeWord", "relationName", "relationKind")

#: node attribute -> annotation property (used on document individuals)
NODE_ANNOTATION_PROPERTIES: Final = MappingProxyType({"type_code": "typeCode"})

#: ELI alignments stated in the Turtle: (pg local name, OWL/RDFS predicate, eli local name).
#: Read "pg:basedOn owl:equivalentProperty eli:based_on". A row whose subject is "eli:x" is stated
#: the other way round (ELI term is the narrower one).
ELI_ALIGNMENTS: Final = (
    ("Document", "rdfs:subClassOf", "LegalResource"),
    ("Body", "rdfs:subClassOf", "Organization"),
    ("cites", "owl:equivalentProperty", "cites"),
    ("basedOn", "owl:equivalentProperty", "based_on"),
    ("eli:ensures_implementation_of", "rdfs:subPropertyOf", "implements"),
    ("supersedes", "rdfs:subPropertyOf", "changes"),
    ("amends", "owl:equivalentProperty", "amends"),
    ("repeals", "owl:equivalentProperty", "repeals"),
    ("issuedBy", "rdfs:subPropertyOf", "passed_by"),
    ("date", "owl:equivalentProperty", "date_document"),
    ("number", "rdfs:subPropertyOf", "number"),
)


# --------------------------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------------------------
def pg(local: str) -> URIRef:
    """The IRI of a term of the PolicyGraph ontology: ``pg("cites")``."""
    from rdflib import URIRef

    return URIRef(PG + local)


def eli(local: str) -> URIRef:
    """The IRI of a term of the ELI ontology: ``eli("based_on")``."""
    from rdflib import URIRef

    return URIRef(ELI + local)


def class_iri(label: str) -> URIRef:
    """The ontology class of a node label (``"Resolution"`` -> pg:Resolution).

    Raises ValueError for a label that is not in NODE_LABELS or AUXILIARY_CLASSES.
    """
    if label not in CLASSES:
        raise ValueError(f"unknown node label {label!r}; expected one of {', '.join(NODE_LABELS)}")
    return pg(label)


def kind_of_label(label: str) -> str:
    """The node kind a label belongs to: Resolution -> Document, Body -> Body."""
    if label == "Document" or label in DOCUMENT_LABELS:
        return "Document"
    if label in ("Body", "Project"):
        return label
    raise ValueError(f"unknown node label {label!r}")


def relation_iri(type_: str, kind: str | None = None) -> URIRef:
    """The object property for an edge ``type`` refined by ``kind``.

    >>> str(relation_iri("CITES"))
    'https://policygraph.org/ontology#cites'
    >>> str(relation_iri("IMPLEMENTS", "implements"))
    'https://policygraph.org/ontology#implements'

    Raises ValueError for an unknown type, or a kind the type does not take.
    """
    if type_ not in RELATION_PROPERTY:
        raise ValueError(f"unknown relation type {type_!r}; expected one of {', '.join(RELATION_TYPES)}")
    if kind is None:
        return pg(RELATION_PROPERTY[type_])
    if (type_, kind) in KIND_PROPERTY:
        return pg(KIND_PROPERTY[(type_, kind)])
    if kind in EDGE_KINDS.get(type_, ()):
        return pg(RELATION_PROPERTY[type_])
    allowed = ", ".join(EDGE_KINDS.get(type_, ())) or "none"
    raise ValueError(f"relation {type_} takes no kind {kind!r} (allowed: {allowed})")


@functools.cache
def _iri_to_relation() -> MappingProxyType[URIRef, tuple[str, str | None]]:
    return MappingProxyType(
        {
            **{pg(local): (type_, None) for type_, local in RELATION_PROPERTY.items()},
            **{pg(local): (type_, kind) for (type_, kind), local in KIND_PROPERTY.items()},
        }
    )


def __getattr__(name: str) -> Any:
    """RELATION_IRIS: every object property that stands for an edge (base properties and their kind
    sub-properties), made on first use."""
    if name == "RELATION_IRIS":
        return frozenset(_iri_to_relation())
    raise AttributeError(name)


def relation_of(iri: str) -> tuple[str, str | None]:
    """The (edge type, kind) an object property stands for; the inverse of relation_iri.

    The general pg:implements gives kind None (the RDF view keeps the exact kind on the edge's
    statement node). Raises ValueError for an IRI that is not a relation property.
    """
    try:
        return _iri_to_relation()[pg(str(iri)[len(PG) :])] if str(iri).startswith(PG) else _missing(iri)
    except KeyError:
        raise ValueError(f"{iri} is not a PolicyGraph relation property") from None


def _missing(iri: str) -> Any:
    raise KeyError(iri)


def label_for_type_word(word: str) -> str | None:
    """The label a Vietnamese type word names, tolerant of case and Unicode form.

    >>> label_for_type_word("Nghị Quyết")
    'Resolution'
    """
    return TYPE_WORD_TO_LABEL.get(unicodedata.normalize("NFC", word).lower().strip())


def label_for_type_code(code: str) -> str | None:
    """The label a symbol's type code names (``"NQ"`` -> Resolution); exact case first, then upper."""
    code = unicodedata.normalize("NFC", code).strip()
    return TYPE_CODE_TO_LABEL.get(code) or TYPE_CODE_TO_LABEL.get(code.upper())

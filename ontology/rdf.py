"""The graph as RDF (rdflib), back again, and SPARQL over it.

The RDF view uses the PolicyGraph ontology (``ontology/policygraph.ttl``):

* a node becomes ``<https://policygraph.org/id/{percent-encoded id}>`` typed with its label's class
  (``pg:Resolution``; with ``entail`` also ``pg:Document``), its attributes as datatype properties
  (``pg:symbol``, ``pg:date`` as ``xsd:date``, ``pg:year`` ...), its jurisdiction as
  ``pg:inJurisdiction`` a ``pg:Jurisdiction``;
* an edge becomes a direct triple ``u pg:amends v`` (with ``entail`` also ``u pg:supersedes v``) and
  an ``rdf:Statement`` that keeps what a triple cannot: the exact kind, the edge key, the source
  file and a ``pg:Evidence`` (file, start, end, sentence);
* attributes without a property of their own (``conflicts``, empty lists, anything new) travel as
  one JSON literal, ``pg:extraAttributes``; None values are dropped, and from_rdf gives each node
  the scalar attributes of docs/schema.md and each edge type, kind, source_file and evidence,
  None when absent.

``from_rdf(to_rdf(G))`` gives back the same node ids, labels, attributes and edges.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("31-NQ/TW", kind="Document", label="Resolution", symbol="31-NQ/TW", date="2022-12-30")
>>> G.add_node("x", kind="Document", label="Programme", symbol="46-CTr/TU")
>>> _ = G.add_edge("x", "31-NQ/TW", type="IMPLEMENTS", kind="implements")
>>> rows = sparql(G, "SELECT ?d WHERE { ?d pg:implements ?r . ?r pg:symbol '31-NQ/TW' }")
>>> rows
[{'d': 'x'}]
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import re
from collections.abc import Iterable
from importlib import resources
from typing import Any
from urllib.parse import quote, unquote

import networkx as nx
from rdflib import RDF, RDFS, XSD, BNode, Graph, Literal, Namespace, URIRef
from rdflib.query import ResultRow
from rdflib.term import Node

from . import vocab

PG = Namespace(vocab.PG)
ELI = Namespace(vocab.ELI)

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")

# reverse maps: property IRI -> attribute name
_NODE_SCALAR: dict[Node, str] = {vocab.pg(p): a for a, p in vocab.NODE_DATATYPE_PROPERTIES.items()}
_NODE_SCALAR.update({vocab.pg(p): a for a, p in vocab.NODE_ANNOTATION_PROPERTIES.items()})
_NODE_LIST: dict[Node, str] = {vocab.pg(p): a for a, p in vocab.NODE_LIST_PROPERTIES.items()}
_EVIDENCE: dict[Node, str] = {vocab.pg(p): a for a, p in vocab.EVIDENCE_PROPERTIES.items()}
_NODE_CLASSES: dict[Node, str] = {vocab.pg(label): label for label in vocab.NODE_LABELS}
_EXTRA = vocab.pg(vocab.EXTRA_PROPERTY)

#: prefixes bound in every graph this module makes and in every SPARQL query
PREFIXES: dict[str, str] = {
    **dict(vocab.NS),
    "node": vocab.NODE_BASE,
    "jur": vocab.JURISDICTION_BASE,
    "edge": vocab.EDGE_BASE,
}


# ---------------------------------------------------------------------------------------------
# IRIs
# ---------------------------------------------------------------------------------------------
def node_iri(node_id: Any) -> URIRef:
    """The IRI of a graph node: its id, percent-encoded (``08-NQ/TU@HP`` -> ``.../08-NQ%2FTU%40HP``)."""
    return URIRef(vocab.NODE_BASE + quote(str(node_id), safe=""))


def node_id_of(iri: Node) -> str:
    """The node id an IRI stands for (the inverse of node_iri); other IRIs are returned whole."""
    text = str(iri)
    if isinstance(iri, URIRef) and text.startswith(vocab.NODE_BASE):
        return unquote(text[len(vocab.NODE_BASE) :])
    return text


def jurisdiction_iri(name: str) -> URIRef:
    """The IRI of a jurisdiction, from its name."""
    return URIRef(vocab.JURISDICTION_BASE + quote(name, safe=""))


def edge_iri(u: Any, v: Any, key: Any) -> URIRef:
    """A stable IRI for the reified edge ``(u, v, key)``."""
    digest = hashlib.sha1(json.dumps([str(u), str(v), repr(key)]).encode("utf-8")).hexdigest()
    return URIRef(vocab.EDGE_BASE + digest[:24])


# ---------------------------------------------------------------------------------------------
# Ontology
# ---------------------------------------------------------------------------------------------
def ontology_text() -> str:
    """The Turtle source of the PolicyGraph ontology (shipped as package data)."""
    return resources.files("policygraph.ontology").joinpath("policygraph.ttl").read_text(encoding="utf-8")


def load_ontology() -> Graph:
    """The PolicyGraph ontology parsed into an rdflib Graph."""
    g = Graph()
    g.parse(data=ontology_text(), format="turtle")
    return g


def new_graph() -> Graph:
    """An empty rdflib Graph with the PolicyGraph prefixes bound."""
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, Namespace(ns), override=True)
    return g


# ---------------------------------------------------------------------------------------------
# Graph -> RDF
# ---------------------------------------------------------------------------------------------
def _literal(attr: str, value: Any) -> Literal | None:
    """A literal for a scalar attribute value, or None when the value is not a scalar."""
    if isinstance(value, bool):
        return Literal(value)
    if attr == "date" and isinstance(value, str) and _ISO_DATE.fullmatch(value):
        try:
            _dt.date.fromisoformat(value)
        except ValueError:
            return Literal(value)
        return Literal(value, datatype=XSD.date)
    if isinstance(value, (str, int, float)):
        return Literal(value)
    return None


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)


def _is_str_list(value: Any) -> bool:
    return isinstance(value, (list, tuple)) and all(isinstance(x, str) for x in value)


def _display(node_id: Any, data: dict[str, Any]) -> str:
    text = data.get("symbol") or data.get("name") or str(node_id)
    if data.get("jurisdiction") and data.get("kind", "Document") == "Document" and data.get("symbol"):
        text = f"{text} ({data['jurisdiction']})"
    return str(text)


def _add_node(g: Graph, node_id: Any, data: dict[str, Any], entail: bool) -> None:
    s = node_iri(node_id)
    label = data.get("label") or data.get("kind")
    if label not in vocab.NODE_LABELS:
        raise ValueError(f"node {node_id!r}: label {label!r} is not in the ontology ({', '.join(vocab.NODE_LABELS)})")
    g.add((s, RDF.type, vocab.class_iri(label)))
    kind = vocab.kind_of_label(label)
    if entail and kind != label:
        g.add((s, RDF.type, vocab.class_iri(kind)))
    g.add((s, RDFS.label, Literal(_display(node_id, data))))

    extra: dict[str, Any] = {}
    if data.get("kind") not in (None, kind):
        extra["kind"] = data["kind"]
    if data.get("label") is None:
        extra["label"] = None
    for attr, value in data.items():
        if attr not in ("label", "kind") and value is not None and not _add_node_attr(g, s, attr, value):
            extra[attr] = value
    if extra:
        g.add((s, _EXTRA, Literal(_json(extra))))


def _add_node_attr(g: Graph, s: URIRef, attr: str, value: Any) -> bool:
    """Write one node attribute as its property (a literal, a sorted set of literals, a jurisdiction); False
    when it has none, or a value of a shape the property cannot say (it then goes with the extra JSON)."""
    if attr in vocab.NODE_DATATYPE_PROPERTIES or attr in vocab.NODE_ANNOTATION_PROPERTIES:
        prop = vocab.NODE_DATATYPE_PROPERTIES.get(attr) or vocab.NODE_ANNOTATION_PROPERTIES[attr]
        lit = _literal(attr, value)
        if lit is not None:
            g.add((s, vocab.pg(prop), lit))
        return lit is not None
    if attr in vocab.NODE_LIST_PROPERTIES:
        # repeated literals carry a sorted set; anything else keeps its exact shape as JSON
        if not (value and _is_str_list(value) and list(value) == sorted(set(value))):
            return False
        for item in value:
            g.add((s, vocab.pg(vocab.NODE_LIST_PROPERTIES[attr]), Literal(item)))
        return True
    if attr == "jurisdiction" and isinstance(value, str):
        j = jurisdiction_iri(value)
        g.add((s, PG.inJurisdiction, j))
        g.add((j, RDF.type, PG.Jurisdiction))
        g.add((j, RDFS.label, Literal(value)))
        return True
    return False


#: an edge's string attributes that are properties of its statement (vocab.STATEMENT_DATATYPE_PROPERTIES)
_STATEMENT_STRINGS = ("source_file", "source_path", "origin")


def _add_edge(g: Graph, u: Any, v: Any, key: Any, data: dict[str, Any], entail: bool) -> None:
    type_ = data.get("type")
    if type_ not in vocab.RELATION_TYPES:
        raise ValueError(
            f"edge {u!r} -> {v!r}: type {type_!r} is not in the ontology ({', '.join(vocab.RELATION_TYPES)})"
        )
    kind = data.get("kind")
    try:
        prop = vocab.relation_iri(type_, kind)
    except ValueError:  # an unforeseen kind: keep it on the statement, use the general property
        prop = vocab.relation_iri(type_)
    s, o = node_iri(u), node_iri(v)
    g.add((s, prop, o))
    base = vocab.relation_iri(type_)
    if entail and prop != base:
        g.add((s, base, o))

    st = edge_iri(u, v, key)
    for p, obj in ((RDF.type, RDF.Statement), (RDF.subject, s), (RDF.predicate, prop), (RDF.object, o)):
        g.add((st, p, obj))
    extra = _statement_kind_and_key(g, st, kind, key)
    for attr, value in data.items():
        if attr in ("type", "kind") or value is None:
            continue
        if attr in _STATEMENT_STRINGS and isinstance(value, str):
            g.add((st, vocab.pg(vocab.STATEMENT_DATATYPE_PROPERTIES[attr]), Literal(value)))
        elif attr == "evidence" and isinstance(value, dict):
            _add_evidence(g, st, value)
        else:
            extra[attr] = value
    if extra:
        g.add((st, _EXTRA, Literal(_json(extra))))


def _statement_kind_and_key(g: Graph, st: URIRef, kind: Any, key: Any) -> dict[str, Any]:
    """A statement's relation kind and edge key as properties; what they cannot say, as extra JSON."""
    extra: dict[str, Any] = {}
    if isinstance(kind, str):
        g.add((st, PG.relationKind, Literal(kind)))
    elif kind is not None:
        extra["kind"] = kind
    if isinstance(key, (str, int)) and not isinstance(key, bool):
        g.add((st, PG.edgeKey, Literal(key)))
    elif key is not None:
        extra["key"] = key
    return extra


def _add_evidence(g: Graph, st: URIRef, value: dict[str, Any]) -> None:
    """A statement's evidence as a node of its own: its properties, anything else as extra JSON."""
    ev = URIRef(f"{st}-evidence")
    g.add((st, PG.evidence, ev))
    g.add((ev, RDF.type, PG.Evidence))
    ev_extra: dict[str, Any] = {}
    for k, val in value.items():
        lit = _literal(k, val) if k in vocab.EVIDENCE_PROPERTIES and val is not None else None
        if lit is not None:
            g.add((ev, vocab.pg(vocab.EVIDENCE_PROPERTIES[k]), lit))
        elif val is not None:
            ev_extra[k] = val
    if ev_extra:
        g.add((ev, _EXTRA, Literal(_json(ev_extra))))


def to_rdf(G: nx.MultiDiGraph, *, entail: bool = True, ontology: bool = False) -> Graph:
    """The graph as an rdflib Graph in the PolicyGraph ontology.

    ``entail`` also writes the super-class and super-property triples (``pg:Document`` next to
    ``pg:Resolution``, ``pg:supersedes`` next to ``pg:amends``) so that plain SPARQL finds them;
    ``ontology`` adds the ontology itself (labels, ELI alignments) to the graph.

    Raises ValueError for a node label or edge type the ontology does not know.
    """
    g = new_graph()
    for node_id, data in G.nodes(data=True):
        _add_node(g, node_id, data, entail)
    if G.is_multigraph():
        for u, v, key, data in G.edges(keys=True, data=True):
            _add_edge(g, u, v, key, data, entail)
    else:
        for u, v, data in G.edges(data=True):
            _add_edge(g, u, v, None, data, entail)
    if ontology:
        g += load_ontology()
    return g


def to_turtle(G: nx.MultiDiGraph, *, entail: bool = True) -> str:
    """The graph serialised as Turtle."""
    return to_rdf(G, entail=entail).serialize(format="turtle")


def jsonld_context() -> dict[str, str]:
    """The JSON-LD @context used for exports: the PolicyGraph prefixes."""
    return dict(PREFIXES)


def to_jsonld(G: nx.MultiDiGraph, *, entail: bool = True) -> str:
    """The graph serialised as JSON-LD, compacted with the PolicyGraph prefixes.

    rdflib's compaction drops an empty string that sits beside other values of one property; when
    the compacted text does not parse back to every triple, the expanded form (full IRIs) is used.
    """
    g = to_rdf(G, entail=entail)
    text = g.serialize(format="json-ld", context=jsonld_context(), indent=2)
    if len(read_rdf(text, "json-ld")) != len(g):
        text = g.serialize(format="json-ld", indent=2)
    return text


# ---------------------------------------------------------------------------------------------
# RDF -> graph
# ---------------------------------------------------------------------------------------------
def _value(prop: Node | None, obj: Node) -> Any:
    if isinstance(obj, Literal):
        if prop == PG.date or obj.datatype in (XSD.date, XSD.dateTime, XSD.gYear):
            return str(obj)
        return obj.toPython()
    return str(obj)


def _label_of(types: Iterable[Node]) -> str | None:
    labels = {_NODE_CLASSES[t] for t in types if t in _NODE_CLASSES}
    for label in vocab.DOCUMENT_LABELS:
        if label in labels:
            return label
    for label in ("Document", "Body", "Project"):
        if label in labels:
            return label
    return None


def _node_attrs(g: Graph, s: URIRef, label: str) -> dict[str, Any]:
    """The attributes of the node `s` of class `label`, from its properties."""
    kind = vocab.kind_of_label(label)
    attrs: dict[str, Any] = {"kind": kind, "label": label}
    attrs.update(dict.fromkeys(vocab.SCALAR_NODE_ATTRIBUTES[kind]))
    lists: dict[str, list[str]] = {}
    extra: dict[str, Any] = {}
    for p, o in g.predicate_objects(s):
        if p in _NODE_SCALAR:
            attrs[_NODE_SCALAR[p]] = _value(p, o)
        elif p in _NODE_LIST:
            lists.setdefault(_NODE_LIST[p], []).append(str(o))
        elif p == PG.inJurisdiction:
            name = g.value(o, RDFS.label)
            attrs["jurisdiction"] = str(name) if name is not None else unquote(str(o).rsplit("/", 1)[-1])
        elif p == _EXTRA:
            extra.update(json.loads(str(o)))
    for attr, items in lists.items():
        attrs[attr] = sorted(set(items))
    attrs.update(extra)
    return attrs


def _evidence_of(g: Graph, ev: Node) -> dict[str, Any]:
    evidence: dict[str, Any] = {}
    for p, o in g.predicate_objects(ev):
        if p in _EVIDENCE:
            evidence[_EVIDENCE[p]] = _value(p, o)
        elif p == _EXTRA:
            evidence.update(json.loads(str(o)))
    return evidence


def _edge_of(g: Graph, st: Node) -> tuple[str, str, Any, dict[str, Any]] | None:
    """The edge an ``rdf:Statement`` states (u, v, key, attributes); None when it states no relation."""
    prop = g.value(st, RDF.predicate)
    subj, obj = g.value(st, RDF.subject), g.value(st, RDF.object)
    if prop not in vocab.RELATION_IRIS or subj is None or obj is None:
        return None
    type_, rel_kind = vocab.relation_of(str(prop))
    kind_lit = g.value(st, PG.relationKind)
    data: dict[str, Any] = dict.fromkeys(vocab.EDGE_ATTRIBUTES)
    data.update(type=type_, kind=str(kind_lit) if kind_lit is not None else rel_kind)
    key_lit = g.value(st, PG.edgeKey)
    key = key_lit.toPython() if isinstance(key_lit, Literal) else None
    for attr in _STATEMENT_STRINGS:
        value = g.value(st, vocab.pg(vocab.STATEMENT_DATATYPE_PROPERTIES[attr]))
        if value is not None:
            data[attr] = str(value)
    ev = g.value(st, PG.evidence)
    if ev is not None:
        data["evidence"] = _evidence_of(g, ev)
    extra_lit = g.value(st, _EXTRA)
    if extra_lit is not None:
        extra = json.loads(str(extra_lit))
        key = extra.pop("key", key)
        data.update(extra)
    return node_id_of(subj), node_id_of(obj), key, data


def from_rdf(g: Graph) -> nx.MultiDiGraph:
    """A PolicyGraph graph from its RDF view (what to_rdf writes); the inverse of to_rdf.

    Nodes are the subjects typed with a node class; edges come from the ``rdf:Statement`` nodes
    (so entailed super-property triples add nothing).
    """
    G = nx.MultiDiGraph()
    subjects = sorted({s for s in g.subjects(RDF.type, None) if isinstance(s, URIRef)}, key=str)
    for s in subjects:
        label = _label_of(g.objects(s, RDF.type))
        if label is not None:
            G.add_node(node_id_of(s), **_node_attrs(g, s, label))
    edges = [e for st in g.subjects(RDF.type, RDF.Statement) if (e := _edge_of(g, st)) is not None]
    edges.sort(key=lambda e: (e[0], e[1], str(e[2])))
    for u, v, key, data in edges:
        for n in (u, v):
            if n not in G:
                G.add_node(n)
        G.add_edge(u, v, key=key, **data)
    return G


def read_rdf(text: str, format: str = "turtle") -> Graph:
    """Turtle or JSON-LD text as an rdflib Graph (JSON-LD: its default graph).

    JSON-LD goes through rdflib's JSON-LD-to-RDF conversion straight into the Graph: rdflib 7's parser
    plugin (``Graph.parse(format="json-ld")``) wraps a plain Graph in the deprecated ConjunctiveGraph,
    and a Dataset in its deprecated ``default_context``; what it converts is the same.

    >>> len(read_rdf('{"@id": "https://policygraph.org/id/a", "https://policygraph.org/ontology#symbol": "1"}',
    ...              "json-ld"))
    1
    """
    g = Graph()
    if format in ("json-ld", "jsonld"):
        from rdflib.plugins.parsers.jsonld import to_rdf as jsonld_to_rdf

        try:
            data = json.loads(text)
        except ValueError as e:
            raise ValueError(f"not JSON-LD: {e}") from e
        jsonld_to_rdf(data, g, version=1.1)
        return g
    return g.parse(data=text, format=format)


def parse_rdf(text: str, format: str = "turtle") -> nx.MultiDiGraph:
    """A graph from Turtle or JSON-LD text written by to_turtle / to_jsonld."""
    return from_rdf(read_rdf(text, format))


# ---------------------------------------------------------------------------------------------
# SPARQL
# ---------------------------------------------------------------------------------------------
def _python(term: Node | None) -> Any:
    """A SPARQL result term as a plain value: node IRIs -> node ids, pg:/eli: IRIs -> CURIEs."""
    if term is None:
        return None
    if isinstance(term, Literal):
        value = term.toPython()
        if isinstance(value, (_dt.date, _dt.datetime, _dt.time)):
            return value.isoformat()
        return value if isinstance(value, (str, int, float, bool)) else str(term)
    if isinstance(term, BNode):
        return f"_:{term}"
    text = str(term)
    if text.startswith(vocab.NODE_BASE):
        return node_id_of(term)
    for prefix in ("pg", "eli", "rdf", "rdfs", "owl", "xsd"):
        ns = vocab.NS[prefix]
        if text.startswith(ns):
            return f"{prefix}:{text[len(ns) :]}"
    return text


def sparql(G: nx.MultiDiGraph | Graph, query: str) -> list[dict[str, Any]]:
    """Run a SPARQL query over the graph's RDF view and return plain rows.

    Prefixes pg:, eli:, rdf:, rdfs:, owl:, xsd:, node:, jur: and edge: are bound; the view holds the
    ontology and the entailed super-class/super-property triples, so ``?d pg:implements ?x``
    also finds ``pg:basedOn`` edges and ``?d a pg:Document`` every document. Node IRIs come back
    as node ids. SELECT gives one dict per row (unbound variables as None), ASK ``[{"ask": bool}]``,
    CONSTRUCT/DESCRIBE ``{"subject", "predicate", "object"}`` rows.

    Example::

        SELECT ?doc ?symbol WHERE {
            ?doc pg:implements ?target ; pg:symbol ?symbol .
            ?target pg:symbol "31-NQ/TW" .
        }
    """
    g = G if isinstance(G, Graph) else to_rdf(G, entail=True, ontology=True)
    result = g.query(query, initNs=PREFIXES)
    if result.type == "ASK":
        return [{"ask": bool(result.askAnswer)}]
    if result.type in ("CONSTRUCT", "DESCRIBE"):
        built = result.graph if result.graph is not None else Graph()
        return [
            {"subject": _python(s), "predicate": _python(p), "object": _python(o)}
            for s, p, o in sorted(built, key=lambda t: tuple(map(str, t)))
        ]
    variables = [str(v) for v in result.vars or []]
    rows = []
    for row in result:
        values = row.asdict() if isinstance(row, ResultRow) else {}
        rows.append({v: _python(values.get(v)) for v in variables})
    return rows

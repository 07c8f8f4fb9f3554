"""Exports of the graph: node-link JSON, GraphML, Neo4j-import CSV, Turtle and JSON-LD.

* ``to_json(G)``: node-link JSON (the shape of networkx's ``node_link_data(G, edges="edges")``),
  every node's attributes flat beside its ``id``; the loss-free format (``from_json`` reads it back),
  and the one ``tests/data/score.py`` scores.
* ``to_graphml(G, path)``: GraphML for Gephi, yEd and ``networkx.read_graphml``; lists and dicts as
  JSON strings, None dropped, evidence flattened to ``evidence_file/start/end/sentence``, the edge
  key as attribute ``key``.
* ``to_csv(G, folder)``: ``nodes.csv``, ``relationships.csv`` and ``sourcefiles.csv`` (push manifests)
  shaped for ``neo4j-admin database import full``: what push writes, property for property.
* Turtle and JSON-LD: see ``policygraph.ontology.rdf`` (re-exported here as to_turtle/to_jsonld).

``write_export(G, fmt, out)`` picks one by name (the CLI's ``policygraph export --format``).
"""

from __future__ import annotations

import csv
import datetime as _dt
import io
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from . import vocab
from .rdf import from_rdf, parse_rdf, to_jsonld, to_rdf, to_turtle

__all__ = [
    "FORMATS",
    "csv_tables",
    "export_text",
    "from_json",
    "from_rdf",
    "graphml_text",
    "parse_rdf",
    "to_csv",
    "to_graphml",
    "to_json",
    "to_json_text",
    "to_jsonld",
    "to_rdf",
    "to_turtle",
    "write_export",
]

#: export formats by name, as `policygraph export --format` takes them
FORMATS = ("json", "graphml", "ttl", "jsonld", "csv")

#: attributes every node of a kind carries in the JSON export (None when unknown)
NODE_FIELDS = vocab.SCALAR_NODE_ATTRIBUTES
#: attributes every edge carries in the JSON export (None when unknown)
EDGE_FIELDS = vocab.EDGE_ATTRIBUTES


# ---------------------------------------------------------------------------------------------
# JSON (node-link)
# ---------------------------------------------------------------------------------------------
def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted((_jsonable(v) for v in value), key=str)
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return str(value)


def _node_record(node_id: Any, data: Mapping[str, Any]) -> dict[str, Any]:
    label = data.get("label")
    kind = data.get("kind") or (vocab.kind_of_label(label) if label in vocab.NODE_LABELS else None)
    record: dict[str, Any] = {"id": node_id, "kind": kind, "label": label}
    for field in NODE_FIELDS.get(kind or "", ()):
        record[field] = None
    for attr, value in data.items():
        if attr != "id":
            record[attr] = _jsonable(value)
    record["kind"] = record.get("kind") or kind
    return record


def to_json(G: nx.MultiDiGraph) -> dict[str, Any]:
    """The graph as node-link JSON: ``{"directed", "multigraph", "graph", "nodes", "edges"}``.

    Nodes: ``id``, ``kind``, ``label`` and, for documents, ``symbol number type_code issuer_code date
    year issuer jurisdiction level branch term title source_file`` (None when unknown), then the other
    attributes (``sources``, ``conflicts`` ...). Edges: ``source target key type kind source_file
    evidence`` then any other attribute.
    """
    nodes = [_node_record(n, d) for n, d in G.nodes(data=True)]
    edges = []
    if G.is_multigraph():
        triples: Iterable[tuple[Any, Any, Any, dict[str, Any]]] = G.edges(keys=True, data=True)
    else:
        triples = ((u, v, None, d) for u, v, d in G.edges(data=True))
    for u, v, key, data in triples:
        record: dict[str, Any] = {"source": u, "target": v, "key": key}
        record.update({f: None for f in EDGE_FIELDS})
        record.update({k: _jsonable(val) for k, val in data.items() if k not in ("source", "target", "key")})
        edges.append(record)
    return {
        "directed": G.is_directed(),
        "multigraph": True,
        "graph": _jsonable(dict(G.graph)),
        "nodes": nodes,
        "edges": edges,
    }


def to_json_text(G: nx.MultiDiGraph, indent: int | None = 2) -> str:
    """to_json as text (UTF-8 kept readable: Vietnamese is not escaped)."""
    return json.dumps(to_json(G), ensure_ascii=False, indent=indent)


def from_json(data: Mapping[str, Any]) -> nx.MultiDiGraph:
    """A graph from node-link JSON (to_json's output; ``"links"`` is accepted for ``"edges"``)."""
    G = nx.MultiDiGraph()
    G.graph.update(data.get("graph") or {})
    for node in data.get("nodes", []):
        attrs = {k: v for k, v in node.items() if k != "id"}
        G.add_node(node["id"], **attrs)
    for edge in data.get("edges", data.get("links", [])):
        attrs = {k: v for k, v in edge.items() if k not in ("source", "target", "key")}
        G.add_edge(edge["source"], edge["target"], key=edge.get("key"), **attrs)
    return G


# ---------------------------------------------------------------------------------------------
# GraphML
# ---------------------------------------------------------------------------------------------
# characters XML 1.0 cannot hold (GraphML readers reject the file), and CR (XML turns it into LF)
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udfff]")


def _xml_text(text: str) -> str:
    return _XML_ILLEGAL.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))


def _flat_value(value: Any) -> Any:
    """A GraphML-storable value: str/int/float/bool; lists and dicts as JSON text."""
    if isinstance(value, bool) or isinstance(value, (int, float)):
        return value
    if isinstance(value, str):
        return _xml_text(value)
    return _xml_text(json.dumps(_jsonable(value), ensure_ascii=False, sort_keys=True))


def _flat_edge(data: Mapping[str, Any]) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for attr, value in data.items():
        if value is None:
            continue
        if attr == "evidence" and isinstance(value, Mapping):
            for k, v in value.items():
                if v is not None:
                    flat[f"evidence_{k}"] = _flat_value(v)
        else:
            flat[attr] = _flat_value(value)
    return flat


def _unify_types(records: list[dict[str, Any]]) -> None:
    """GraphML declares one type per attribute: where values of one attribute differ in type, use text."""
    types: dict[str, set[type]] = {}
    for rec in records:
        for k, v in rec.items():
            types.setdefault(k, set()).add(type(v))
    mixed = {k for k, ts in types.items() if len(ts) > 1}
    for rec in records:
        for k in mixed & rec.keys():
            v = rec[k]
            rec[k] = json.dumps(v) if isinstance(v, bool) else str(v)


def graphml_graph(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """The flat copy of G that to_graphml writes (scalars only, evidence flattened)."""
    H = nx.MultiDiGraph()
    node_recs = [{k: _flat_value(v) for k, v in d.items() if v is not None} for _, d in G.nodes(data=True)]
    _unify_types(node_recs)
    for n, rec in zip(G.nodes, node_recs, strict=True):
        H.add_node(_xml_text(str(n)), **rec)
    if G.is_multigraph():
        edges = list(G.edges(keys=True, data=True))
    else:
        edges = [(u, v, None, d) for u, v, d in G.edges(data=True)]
    edge_recs = []
    for _, _, key, d in edges:
        rec = _flat_edge(d)
        if key is not None:
            rec["key"] = _flat_value(key)
        edge_recs.append(rec)
    _unify_types(edge_recs)
    # GraphML edge ids must be unique in the file (Gephi drops repeats): e0, e1, ...; the networkx
    # key travels as the attribute "key"
    H.add_edges_from(
        (_xml_text(str(u)), _xml_text(str(v)), f"e{i}", rec)
        for i, ((u, v, _, _), rec) in enumerate(zip(edges, edge_recs, strict=True))
    )
    return H


def to_graphml(G: nx.MultiDiGraph, path: str | Path) -> Path:
    """Write G as GraphML (opens in Gephi and yEd; ``networkx.read_graphml`` reads it back).

    Lists and dicts become JSON strings, None values are left out, ``evidence`` becomes
    ``evidence_file``, ``evidence_start``, ``evidence_end``, ``evidence_sentence``; characters XML
    cannot hold are replaced by spaces. Edges get unique GraphML ids (e0, e1, ...) and keep their
    networkx key as the attribute ``key``; read with ``networkx.read_graphml(path,
    force_multigraph=True)``.
    """
    path = Path(path)
    nx.write_graphml(graphml_graph(G), str(path), encoding="utf-8")
    return path


def graphml_text(G: nx.MultiDiGraph) -> str:
    """The GraphML document as text."""
    return "\n".join(nx.generate_graphml(graphml_graph(G))) + "\n"


# ---------------------------------------------------------------------------------------------
# CSV for neo4j-admin import
# ---------------------------------------------------------------------------------------------
#: (header, property, neo4j type) of nodes.csv, in order; other attributes follow as strings. The
#: properties are what push writes (graph.neo4j_store.stored_properties), so an imported graph answers
#: PolicyGraph's own look-ups (the pg_ search keys) as a pushed one does.
NODE_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("kind", "kind", "string"),
    ("label", "label", "string"),  # also a Neo4j label; a property as push writes it (the cookbook returns it)
    ("symbol", "symbol", "string"),
    ("number", "number", "string"),
    ("type_code", "type_code", "string"),
    ("issuer_code", "issuer_code", "string"),
    ("date", "date", "string"),
    ("year:int", "year", "int"),
    ("issuer", "issuer", "string"),
    ("jurisdiction", "jurisdiction", "string"),
    ("level", "level", "string"),
    ("branch", "branch", "string"),
    ("term", "term", "string"),
    ("title", "title", "string"),
    ("name", "name", "string"),
    ("aliases:string[]", "aliases", "string[]"),
    ("source_file", "source_file", "string"),
    ("source_path", "source_path", "string"),
    ("sources:string[]", "sources", "string[]"),
    ("resolved:boolean", "resolved", "boolean"),
    ("missing:string[]", "missing", "string[]"),
    ("conflicts", "conflicts", "json"),
    ("status", "status", "string"),
    ("stated_status", "stated_status", "string"),
    ("status_since", "status_since", "string"),
    ("status_by:string[]", "status_by", "string[]"),
    ("pg_symbol", "pg_symbol", "string"),
    ("pg_number", "pg_number", "string"),
    ("pg_file", "pg_file", "string"),
    ("pg_names:string[]", "pg_names", "string[]"),
    ("pg_sort", "pg_sort", "string"),
    ("pg_json:string[]", "pg_json", "string[]"),
)
#: (header, property, neo4j type) of relationships.csv after :START_ID,:END_ID,:TYPE (the evidence
#: flattened, the edge's key and stating file as push writes them: graph.neo4j_store.relationship_row)
EDGE_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("kind", "kind", "string"),
    ("source_file", "source_file", "string"),
    ("source_path", "source_path", "string"),
    ("evidence_file", "evidence_file", "string"),
    ("evidence_start:int", "evidence_start", "int"),
    ("evidence_end:int", "evidence_end", "int"),
    ("evidence_sentence", "evidence_sentence", "string"),
    ("evidence_sentence_start:int", "evidence_sentence_start", "int"),
    ("evidence_sentence_end:int", "evidence_sentence_end", "int"),
    ("origin", "origin", "string"),
    ("pg_key", "pg_key", "string"),
    ("pg_file", "pg_file", "string"),
    ("pg_json:string[]", "pg_json", "string[]"),
)
#: (header, manifest key, neo4j type) of sourcefiles.csv: each file's push manifest (graph.neo4j_store
#: manifests), so a push after the import skips the files that did not change and replaces the others
FILE_COLUMNS: tuple[tuple[str, str, str], ...] = (
    ("name:ID(SourceFile)", "name", "string"),
    (":LABEL", "label", "string"),
    ("digest", "digest", "string"),
    ("node_ids:string[]", "node_ids", "string[]"),
    ("node_count:int", "node_count", "int"),
    ("relationship_count:int", "relationship_count", "int"),
    ("pushed_at:long", "pushed_at", "int"),
)
ARRAY_DELIMITER = ";"
#: the files of a CSV export, in the order they are written
CSV_FILES = ("nodes.csv", "relationships.csv", "sourcefiles.csv")


def _one_line(text: str) -> str:
    # neo4j-admin needs --multiline-fields for line breaks inside a field; keep files importable
    return re.sub(r"[\r\n]+", " ", text)


def _cell(value: Any, typ: str) -> str:
    if value is None or (isinstance(value, (list, tuple, dict, set, frozenset)) and not value):
        return ""
    if typ == "int":
        if isinstance(value, bool):
            return ""
        if isinstance(value, int):
            return str(value)
        text = str(value).strip()
        return text if re.fullmatch(r"-?\d+", text) else ""
    if typ == "boolean":
        return "true" if value else "false"
    if typ == "string[]":
        # a list keeps its order (a project's aliases, as push writes them); a set is sorted
        items = (sorted(value, key=str) if isinstance(value, (set, frozenset))
                 else value if isinstance(value, (list, tuple)) else [value])
        return ARRAY_DELIMITER.join(_one_line(str(x)).replace(ARRAY_DELIMITER, ",") for x in items)
    if isinstance(value, str):
        return _one_line(value)
    if isinstance(value, (int, float, bool)) and typ != "json":
        return json.dumps(value) if isinstance(value, bool) else str(value)
    return _one_line(json.dumps(_jsonable(value), ensure_ascii=False, sort_keys=True))


def neo4j_labels(data: Mapping[str, Any]) -> str:
    """The ``:LABEL`` cell of a node: ``Document;Resolution``, ``Body``, ``Project``."""
    label = data.get("label")
    kind = data.get("kind")
    if kind is None and label in vocab.NODE_LABELS:
        kind = vocab.kind_of_label(label)
    labels = [x for x in (kind, label) if x]
    return ARRAY_DELIMITER.join(dict.fromkeys(labels))


def _node_props(node: Any, d: Mapping[str, Any]) -> Mapping[str, Any]:
    """The node's properties as push writes them (a node of no known kind: its attributes)."""
    from ..graph.neo4j_store import node_row, stored_properties  # the Neo4j model's one rule

    return stored_properties(node_row(node, d)) if d.get("kind") in vocab.NODE_KINDS else d


def _edge_props(u: Any, v: Any, key: Any, d: Mapping[str, Any]) -> Mapping[str, Any]:
    """The relationship's properties as push writes them (an edge of no known type: its attributes)."""
    from ..graph.neo4j_store import relationship_row

    return relationship_row(u, v, key, d).props if d.get("type") in vocab.RELATION_TYPES else d


def node_header(extras: Sequence[str]) -> list[str]:
    """The header of nodes.csv, with the attributes outside NODE_COLUMNS (`extras`) last."""
    return ["id:ID", ":LABEL", *(h for h, _, _ in NODE_COLUMNS), *extras]


def node_cells(node: Any, labels: str, props: Mapping[str, Any], extras: Sequence[str]) -> list[str]:
    """A row of nodes.csv: the node's properties as push writes them (graph.neo4j_store.stored_properties)."""
    return [_one_line(str(node)), labels, *(_cell(props.get(attr), typ) for _, attr, typ in NODE_COLUMNS),
            *(_cell(props.get(k), "json") for k in extras)]


def relationship_header(extras: Sequence[str]) -> list[str]:
    """The header of relationships.csv, with the attributes outside EDGE_COLUMNS (`extras`) last."""
    return [":START_ID", ":END_ID", ":TYPE", *(h for h, _, _ in EDGE_COLUMNS), *extras]


def relationship_cells(u: Any, v: Any, rel_type: str, props: Mapping[str, Any], extras: Sequence[str]) -> list[str]:
    """A row of relationships.csv: the properties as push writes them (graph.neo4j_store.relationship_row)."""
    return [_one_line(str(u)), _one_line(str(v)), rel_type,
            *(_cell(props.get(name), typ) for _, name, typ in EDGE_COLUMNS),
            *(_cell(props.get(k), "json") for k in extras)]


def file_header() -> list[str]:
    """The header of sourcefiles.csv."""
    return [h for h, _, _ in FILE_COLUMNS]


def file_cells(manifest: Mapping[str, Any], at_ms: int) -> list[str]:
    """A row of sourcefiles.csv: a file's manifest, `at_ms` its time (epoch milliseconds)."""
    row = {**manifest, "label": "SourceFile", "pushed_at": at_ms}
    return [_cell(row.get(key), typ) for _, key, typ in FILE_COLUMNS]


#: node and edge attributes that have a column of their own
NODE_COLUMN_ATTRIBUTES = frozenset({attr for _, attr, _ in NODE_COLUMNS} | {"id"})
EDGE_COLUMN_ATTRIBUTES = frozenset(vocab.EDGE_ATTRIBUTES)


def csv_tables(G: nx.MultiDiGraph) -> tuple[str, str]:
    """The text of nodes.csv and relationships.csv (of a graph held whole; a store streams them:
    graph.store_push.write_csv)."""
    extra_nodes = sorted({k for _, d in G.nodes(data=True) for k in d if k not in NODE_COLUMN_ATTRIBUTES})
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(node_header(extra_nodes))
    for n, d in G.nodes(data=True):
        w.writerow(node_cells(n, neo4j_labels(d), _node_props(n, d), extra_nodes))
    nodes_text = buf.getvalue()

    if G.is_multigraph():
        edges = list(G.edges(keys=True, data=True))
    else:
        edges = [(u, v, None, d) for u, v, d in G.edges(data=True)]
    extra_edges = sorted({k for *_, d in edges for k in d if k not in EDGE_COLUMN_ATTRIBUTES})
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(relationship_header(extra_edges))
    for u, v, key, d in edges:
        w.writerow(relationship_cells(u, v, d.get("type") or "RELATED", _edge_props(u, v, key, d), extra_edges))
    return nodes_text, buf.getvalue()


def to_csv(G: nx.MultiDiGraph, folder: str | Path) -> tuple[Path, Path, Path]:
    """Write ``nodes.csv``, ``relationships.csv`` and ``sourcefiles.csv`` (each file's push manifest)
    into folder (created if needed).

    Import into an empty Neo4j 5 database with::

        neo4j-admin database import full --nodes=nodes.csv --nodes=sourcefiles.csv \\
            --relationships=relationships.csv --array-delimiter=';' neo4j

    Nodes get the labels ``Document;Resolution`` (kind and label), ``Body`` or ``Project``; arrays are
    ``;``-separated; line breaks inside values become spaces (JSON keeps them). A graph with a node kind or
    relationship type outside the vocabulary (which push refuses) gets no manifests.
    """
    import time

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    nodes_text, rels_text = csv_tables(G)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(file_header())
    known = (all(d.get("kind") in vocab.NODE_KINDS for _, d in G.nodes(data=True))
             and all(d.get("type") in vocab.RELATION_TYPES for *_, d in G.edges(data=True)))
    if known:
        from ..graph.neo4j_store import graph_manifests

        at_ms = int(time.time() * 1000)
        w.writerows(file_cells(m, at_ms) for m in graph_manifests(G))
    nodes_path, rels_path, files_path = (folder / name for name in CSV_FILES)
    for path, text in ((nodes_path, nodes_text), (rels_path, rels_text), (files_path, buf.getvalue())):
        path.write_text(text, encoding="utf-8")
    return nodes_path, rels_path, files_path


# ---------------------------------------------------------------------------------------------
# One entry point for the CLI
# ---------------------------------------------------------------------------------------------
def export_text(G: nx.MultiDiGraph, fmt: str) -> str:
    """The export as text, for every format but csv (which is a folder of files, CSV_FILES)."""
    if fmt == "json":
        return to_json_text(G) + "\n"
    if fmt == "graphml":
        return graphml_text(G)
    if fmt == "ttl":
        return to_turtle(G)
    if fmt == "jsonld":
        return to_jsonld(G) + "\n"
    if fmt == "csv":
        raise ValueError("csv writes a folder of files: give a folder")
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")


def write_export(G: nx.MultiDiGraph, fmt: str, out: str | Path) -> list[Path]:
    """Write the export in format fmt to out (a file; for csv a folder); return the paths written."""
    out = Path(out)
    if fmt == "csv":
        return list(to_csv(G, out))
    if fmt == "graphml":
        return [to_graphml(G, out)]
    text = export_text(G, fmt)
    out.write_text(text, encoding="utf-8")
    return [out]

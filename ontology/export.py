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

import datetime as _dt
import json
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import networkx as nx

from . import vocab
from .rdf import from_rdf, parse_rdf, to_jsonld, to_rdf, to_turtle

__all__ = [
    "FORMATS",
    "export_text",
    "from_json",
    "from_rdf",
    "graphml_text",
    "parse_rdf",
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
def jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    if isinstance(value, Mapping):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (set, frozenset)):
        return sorted((jsonable(v) for v in value), key=str)
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
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
            record[attr] = jsonable(value)
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
        record.update({k: jsonable(val) for k, val in data.items() if k not in ("source", "target", "key")})
        edges.append(record)
    return {
        "directed": G.is_directed(),
        "multigraph": True,
        "graph": jsonable(dict(G.graph)),
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
    return _xml_text(json.dumps(jsonable(value), ensure_ascii=False, sort_keys=True))


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
        raise ValueError("csv writes a folder of files: graph.neo4j_csv.to_csv")
    if fmt == "graphml":
        return [to_graphml(G, out)]
    text = export_text(G, fmt)
    out.write_text(text, encoding="utf-8")
    return [out]

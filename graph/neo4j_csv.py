"""The graph as Neo4j-import CSV files (``nodes.csv``, ``relationships.csv``, ``sourcefiles.csv``), shaped for
``neo4j-admin database import full``: what push writes, property for property (graph.neo4j_store is the Neo4j
model; this module only lays its rows out as CSV). A store streams the same rows (graph.store_push.write_csv).
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from ..ontology import vocab
from ..ontology.export import jsonable
from .neo4j_graph import graph_manifests
from .neo4j_model import node_row, relationship_row, stored_properties

__all__ = ["CSV_FILES", "csv_tables", "to_csv"]

# ---------------------------------------------------------------------------------------------
# CSV for neo4j-admin import
# ---------------------------------------------------------------------------------------------
#: (header, property, neo4j type) of nodes.csv, in order; other attributes follow as strings. The
#: properties are what push writes (graph.neo4j_model.stored_properties), so an imported graph answers
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
#: flattened, the edge's key and stating file as push writes them: graph.neo4j_model.relationship_row)
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
        items = (
            sorted(value, key=str)
            if isinstance(value, (set, frozenset))
            else value
            if isinstance(value, (list, tuple))
            else [value]
        )
        return ARRAY_DELIMITER.join(_one_line(str(x)).replace(ARRAY_DELIMITER, ",") for x in items)
    if isinstance(value, str):
        return _one_line(value)
    if isinstance(value, (int, float, bool)) and typ != "json":
        return json.dumps(value) if isinstance(value, bool) else str(value)
    return _one_line(json.dumps(jsonable(value), ensure_ascii=False, sort_keys=True))


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

    return stored_properties(node_row(node, d)) if d.get("kind") in vocab.NODE_KINDS else d


def _edge_props(u: Any, v: Any, key: Any, d: Mapping[str, Any]) -> Mapping[str, Any]:
    """The relationship's properties as push writes them (an edge of no known type: its attributes)."""

    return relationship_row(u, v, key, d).props if d.get("type") in vocab.RELATION_TYPES else d


def node_header(extras: Sequence[str]) -> list[str]:
    """The header of nodes.csv, with the attributes outside NODE_COLUMNS (`extras`) last."""
    return ["id:ID", ":LABEL", *(h for h, _, _ in NODE_COLUMNS), *extras]


def node_cells(node: Any, labels: str, props: Mapping[str, Any], extras: Sequence[str]) -> list[str]:
    """A row of nodes.csv: the node's properties as push writes them (graph.neo4j_model.stored_properties)."""
    return [
        _one_line(str(node)),
        labels,
        *(_cell(props.get(attr), typ) for _, attr, typ in NODE_COLUMNS),
        *(_cell(props.get(k), "json") for k in extras),
    ]


def relationship_header(extras: Sequence[str]) -> list[str]:
    """The header of relationships.csv, with the attributes outside EDGE_COLUMNS (`extras`) last."""
    return [":START_ID", ":END_ID", ":TYPE", *(h for h, _, _ in EDGE_COLUMNS), *extras]


def relationship_cells(u: Any, v: Any, rel_type: str, props: Mapping[str, Any], extras: Sequence[str]) -> list[str]:
    """A row of relationships.csv: the properties as push writes them (graph.neo4j_model.relationship_row)."""
    return [
        _one_line(str(u)),
        _one_line(str(v)),
        rel_type,
        *(_cell(props.get(name), typ) for _, name, typ in EDGE_COLUMNS),
        *(_cell(props.get(k), "json") for k in extras),
    ]


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
    known = all(d.get("kind") in vocab.NODE_KINDS for _, d in G.nodes(data=True)) and all(
        d.get("type") in vocab.RELATION_TYPES for *_, d in G.edges(data=True)
    )
    if known:
        at_ms = int(time.time() * 1000)
        w.writerows(file_cells(m, at_ms) for m in graph_manifests(G))
    nodes_path, rels_path, files_path = (folder / name for name in CSV_FILES)
    for path, text in ((nodes_path, nodes_text), (rels_path, rels_text), (files_path, buf.getvalue())):
        path.write_text(text, encoding="utf-8")
    return nodes_path, rels_path, files_path

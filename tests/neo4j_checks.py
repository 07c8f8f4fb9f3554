"""Checks shared by the Neo4j test files: a graph's state as comparable values, the counts a push
should give, duplicate ids."""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

import networkx as nx

from policygraph.graph import neo4j_connect as nc
from policygraph.graph import neo4j_model as nm


def canon(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)


def state(G: nx.MultiDiGraph) -> tuple[dict[str, str], list[tuple[str, str, str, str]]]:
    """Nodes and edges with their attributes, comparable across graphs."""
    nodes = {str(n): canon(d) for n, d in G.nodes(data=True)}
    edges = sorted((str(u), str(v), str(k), canon(d)) for u, v, k, d in G.edges(keys=True, data=True))
    return nodes, edges


def assert_same_graph(got: nx.MultiDiGraph, want: nx.MultiDiGraph) -> None:
    got_nodes, got_edges = state(got)
    want_nodes, want_edges = state(want)
    assert sorted(got_nodes) == sorted(want_nodes)
    for node, attrs in want_nodes.items():
        assert got_nodes[node] == attrs, node
    assert got_edges == want_edges


def expected_counts(G: nx.MultiDiGraph, files: int | None = None) -> dict[str, int]:
    """What counts() must say for G: labels (Document + specific), relationship types, SourceFile."""
    out: Counter[str] = Counter()
    for _, d in G.nodes(data=True):
        out[d["kind"]] += 1
        if d["kind"] == "Document" and d["label"] in nm.DOCUMENT_LABELS:
            out[d["label"]] += 1
    for *_, d in G.edges(data=True):
        out[d["type"]] += 1
    sources = {s for _, d in G.nodes(data=True) for s in d.get("sources", [])}
    sources |= {d["source_file"] for *_, d in G.edges(data=True)}
    out[nm.FILE_LABEL] = len(sources) if files is None else files
    return dict(sorted(out.items()))


def duplicate_ids(driver: Any) -> list[dict[str, Any]]:
    return nc.run_cypher(
        driver,
        "MATCH (n) WHERE n:Document OR n:Body OR n:Project OR n:SourceFile "
        "WITH coalesce(n.id, n.name) AS id, count(*) AS c WHERE c > 1 RETURN id, c",
    )

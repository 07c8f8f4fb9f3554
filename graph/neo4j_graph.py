"""A networkx graph shaped like docs/schema.md, pushed to Neo4j: its row sets file by file
(:func:`rows_from_graph`), the manifests a push writes (:func:`graph_manifests`, also what the CSV export
writes) and :func:`push_graph` (tests, ``load --neo4j``, ``push`` from memory). The writer and its row-set
contract are graph.neo4j_store's.
"""

from __future__ import annotations

import hashlib
import json
import marshal
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
from neo4j import Driver

from .neo4j_connect import session_database
from .neo4j_model import _KEY_PROP, DEFAULT_BATCH_ROWS, FileRows, NodeRow, PushSummary, node_row, relationship_row
from .neo4j_store import batched, loaded_files, manifests, push_rows

__all__ = ["graph_manifests", "push_graph", "rows_from_graph"]


def graph_manifests(G: nx.MultiDiGraph) -> Iterator[dict[str, Any]]:
    """The manifests push_graph writes for `G`, a batch of files at a time."""
    for chunk in batched(rows_from_graph(G), DEFAULT_BATCH_ROWS):
        yield from manifests(chunk)


@dataclass
class _FilePlan:
    """What one file states: the nodes it asserts or its edges touch, and its edges."""

    nodes: set[Hashable] = field(default_factory=set)
    edges: list[tuple[Hashable, Hashable, Hashable, dict[str, Any]]] = field(default_factory=list)


def _plan(G: nx.MultiDiGraph) -> dict[str, _FilePlan]:
    """Group the graph by file ("" = the statements no file claims)."""
    plans: dict[str, _FilePlan] = defaultdict(_FilePlan)
    for node, attrs in G.nodes(data=True):
        sources = attrs.get("sources") or []
        for src in [sources] if isinstance(sources, str) else sources:
            plans[str(src)].nodes.add(node)
        if not sources:
            plans[""].nodes.add(node)
    for u, v, key, attrs in G.edges(keys=True, data=True):
        src = attrs.get("source_path") or attrs.get("source_file")  # the file's identity: its relative path
        plan = plans["" if src is None else str(src)]
        plan.edges.append((u, v, key, attrs))
        plan.nodes.update((u, v))
    return plans


def _node_digest(row: NodeRow) -> bytes:
    """What a node row contributes to a file's digest: everything but ``sources`` (a file's digest says
    what the file states; the list of every file asserting a hub node would make it quadratic)."""
    props = {k: v for k, v in row.props.items() if k != "sources"}
    return json.dumps([row.id, row.kind, row.label, props], sort_keys=True, ensure_ascii=False).encode("utf-8")


class _GraphRows:
    """Row sets of a networkx graph; each node's row is made once, however many files touch it."""

    def __init__(self, G: nx.MultiDiGraph) -> None:
        self.G, self.plans = G, _plan(G)
        self._rows: dict[Hashable, tuple[NodeRow, bytes]] = {}

    def node(self, n: Hashable) -> tuple[NodeRow, bytes]:
        if n not in self._rows:
            row = node_row(n, self.G.nodes[n])
            self._rows[n] = (row, _node_digest(row))
        return self._rows[n]

    def current(self, node_id: str) -> NodeRow | None:
        return self.node(node_id)[0] if node_id in self.G else None

    def file(self, file: str) -> FileRows:
        plan = self.plans.get(file)
        if plan is None:  # the graph says nothing of this file any more
            return FileRows(file, None)
        nodes = [self.node(n) for n in sorted(plan.nodes, key=str)]
        rels = sorted(
            (relationship_row(u, v, k, d) for u, v, k, d in plan.edges),
            key=lambda r: (r.u, r.v, r.type, str(r.props.get(_KEY_PROP))),
        )
        digest = hashlib.sha256()
        for _, text in nodes:
            digest.update(text)
        # marshal: fast and exact for plain values (a Python upgrade may change it: then files are re-pushed);
        # version 2, whose output does not depend on reference counts (see _row_digest)
        digest.update(marshal.dumps([(r.u, r.v, r.type, r.props) for r in rels], 2))
        return FileRows(file, digest.hexdigest(), [row for row, _ in nodes], rels)

    def all(self, files: Iterable[str] | None = None) -> Iterator[FileRows]:
        plans = self.plans
        todo = sorted(f for f in plans if f) + ([""] if "" in plans else []) if files is None else list(files)
        for file in dict.fromkeys(todo):
            yield self.file(file)


def rows_from_graph(G: nx.MultiDiGraph, files: Iterable[str] | None = None) -> Iterator[FileRows]:
    """The row sets of a networkx graph shaped like docs/schema.md, file by file (default: every file the
    graph mentions, then the statements no file claims); a listed file the graph does not mention comes
    as a removal (digest None). ``gone`` is left empty: push_graph gives :func:`push_rows` ``current``."""
    return _GraphRows(G).all(files)


def push_graph(
    driver: Driver,
    G: nx.MultiDiGraph,
    files: Iterable[str] | None = None,
    batch_size: int = DEFAULT_BATCH_ROWS,
    *,
    database: str | None = None,
    prune: bool = False,
    force: bool = False,
    schema: bool = True,
    progress: Callable[[str, int, int], None] | None = None,
) -> PushSummary:
    """Mirror a networkx graph in Neo4j, file by file (see :func:`push_rows`; ``batch_size`` rows per
    transaction).

    ``files``: only these files (default: every file the graph mentions, plus the statements no file
    claims); a listed file the graph does not mention is removed. ``prune``: also remove the files loaded
    in Neo4j that the graph no longer mentions (only when ``files`` is None). ``progress(file, done,
    total)`` is called after each transaction.
    """
    db = session_database(driver, database)
    graph_rows = _GraphRows(G)
    todo = list(graph_rows.all(files))  # validates every node kind and edge type before writing
    stale: list[str] = []
    if prune and files is None:
        stale = sorted(set(loaded_files(driver, database=db)) - {rows.file for rows in todo})
    total = len(todo) + len(stale)
    step = None if progress is None else (lambda file, done: progress(file or "(unsourced)", done, total))
    summary = push_rows(
        driver,
        [*todo, *(FileRows(name, None) for name in stale)],
        database=db,
        batch_rows=batch_size,
        force=force,
        current=graph_rows.current,
        schema=schema,
        progress=step,
    )
    summary.pruned_files = stale
    return summary

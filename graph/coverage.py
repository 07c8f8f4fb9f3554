"""How far a central document is carried out: every document that implements it (directly or through a chain),
by province, jurisdiction and issuing body, each with its shortest chain and evidence.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("doc:31-NQ/TW@2022-12-30", kind="Document", label="Resolution", symbol="31-NQ/TW", date="2022-12-30")
>>> G.add_node("file:a.txt", kind="Document", label="Plan", source_file="a.txt", jurisdiction="Thành phố Hồ Chí Minh")
>>> _ = G.add_edge("file:a.txt", "doc:31-NQ/TW@2022-12-30", type="IMPLEMENTS", kind="implements", source_file="a.txt")
>>> coverage(G, "doc:31-NQ/TW@2022-12-30").by_jurisdiction
{'Thành phố Hồ Chí Minh': ['file:a.txt']}
"""

from __future__ import annotations

import dataclasses
import functools
from collections import deque
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from .queries import _edge_dict, _neighbours
from .rules import _attrs, issuer_of, node_order, province_of

__all__ = ["CoverageEntry", "CoverageReport", "coverage", "coverage_to_dict", "read_again"]


@dataclass
class CoverageEntry:
    """A document that carries out the central one; `chain` runs from it to the central document."""

    node: str
    attrs: dict[str, Any]
    distance: int
    chain: list[str]
    edges: list[dict[str, Any]]  # one evidenced edge per step of the chain
    jurisdiction: str  # "central" when None
    issuer: str  # "unknown" when neither `issuer` nor an ISSUED_BY edge says


@dataclass
class CoverageReport:
    root: str
    attrs: dict[str, Any]
    types: tuple[str, ...]
    entries: list[CoverageEntry] = field(default_factory=list)
    by_jurisdiction: dict[str, list[str]] = field(default_factory=dict)
    #: districts and cities rolled up to their province
    by_province: dict[str, list[str]] = field(default_factory=dict)
    by_issuer: dict[str, list[str]] = field(default_factory=dict)

    _by_node: dict[str, CoverageEntry] = field(default_factory=dict, repr=False, compare=False)

    def entry(self, node: str) -> CoverageEntry:
        """The entry of `node` (KeyError if it has none), from an index kept in step with `entries`."""
        if len(self._by_node) != len(self.entries):
            self._by_node = {e.node: e for e in self.entries}
        return self._by_node[node]


def coverage(
    G: nx.MultiDiGraph,
    node: Hashable,
    types: Sequence[str] = ("IMPLEMENTS",),
    keep: Callable[[Mapping[str, Any]], bool] | None = None,
) -> CoverageReport:
    """Every document implementing `node` directly or through a chain of IMPLEMENTS edges (add ``"CITES"``
    to `types` to follow citations too), with its shortest chain, grouped by jurisdiction (None ->
    ``"central"``), by province (districts rolled up) and by issuing body. `keep(attrs)` selects the
    documents listed (graph.scope.Scope.matches: a date range, a jurisdiction); chains pass through any.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("NQ", kind="Document", symbol="31-NQ/TW")
    >>> G.add_node("CTr", kind="Document", symbol="20-CTr/TU", jurisdiction="Hải Phòng", issuer="Thành ủy")
    >>> G.add_node("KH", kind="Document", symbol="5-KH/HU", jurisdiction="Hải Phòng")
    >>> _ = G.add_edge("CTr", "NQ", type="IMPLEMENTS"); _ = G.add_edge("KH", "CTr", type="IMPLEMENTS")
    >>> r = coverage(G, "NQ"); [(e.node, e.chain) for e in r.entries]
    [('CTr', ['CTr', 'NQ']), ('KH', ['KH', 'CTr', 'NQ'])]
    >>> r.by_issuer
    {'Thành ủy': ['CTr'], 'unknown': ['KH']}
    """
    if node not in G:
        raise nx.NodeNotFound(f"node {node!r} is not in the graph")
    tset = frozenset(t.upper() for t in types)
    root = str(node)
    parent: dict[str, tuple[str, dict[str, Any]]] = {}
    dist = {root: 0}
    queue: deque[str] = deque([root])
    order = functools.cache(lambda x: node_order(G, x))  # each node's key once (a hub's thousands are sorted twice)
    while queue:
        n = queue.popleft()
        nbrs = _neighbours(G, n, "down", tset)
        for other in sorted(nbrs, key=order):
            if other in dist:
                continue
            dist[other] = dist[n] + 1
            parent[other] = (n, nbrs[other][0])
            queue.append(other)
    report = CoverageReport(root=root, attrs=_attrs(G, node), types=tuple(t for t in types))
    for n in sorted(parent, key=order):
        chain, edges = [n], []
        cur = n
        while cur != root:
            p, edge = parent[cur]
            chain.append(p)
            edges.append(edge)
            cur = p
        d = G.nodes[n]
        if keep is not None and not keep(d):
            continue
        report.entries.append(
            CoverageEntry(
                node=n,
                attrs=_attrs(G, n),
                distance=dist[n],
                chain=chain,
                edges=edges,
                jurisdiction=str(d.get("jurisdiction") or "central"),
                issuer=issuer_of(G, n) or "unknown",
            )
        )

    for e in report.entries:
        report.by_jurisdiction.setdefault(e.jurisdiction, []).append(e.node)
        report.by_province.setdefault(province_of(e.attrs.get("jurisdiction")), []).append(e.node)
        report.by_issuer.setdefault(e.issuer, []).append(e.node)
    report.by_jurisdiction = dict(sorted(report.by_jurisdiction.items(), key=lambda kv: (kv[0] != "central", kv[0])))
    report.by_province = dict(sorted(report.by_province.items(), key=lambda kv: (kv[0] != "central", kv[0])))
    report.by_issuer = dict(sorted(report.by_issuer.items(), key=lambda kv: (kv[0] == "unknown", kv[0])))
    return report


def read_again(report: CoverageReport, G: nx.MultiDiGraph, n: int) -> CoverageReport:
    """`report` with its first `n` entries' attributes and first steps read again from `G`: coverage counted
    and ordered a brief walk (RULE_ATTRIBUTES, edges without their evidence), then the entries to show
    were read in full into `G`.

    >>> G = nx.MultiDiGraph([("CTr", "NQ", "k", {"type": "IMPLEMENTS"})])
    >>> r = coverage(G, "NQ")
    >>> G.nodes["CTr"]["symbol"] = "20-CTr/TU"; G.edges["CTr", "NQ", "k"]["evidence"] = {"start": 3}
    >>> e = read_again(r, G, 1).entries[0]; e.attrs["symbol"], e.edges[0]["evidence"]
    ('20-CTr/TU', {'start': 3})
    """

    def again(e: CoverageEntry) -> CoverageEntry:
        u, v, key = e.edges[0]["source"], e.edges[0]["target"], e.edges[0]["key"]
        first = next(_edge_dict(u, v, k, d) for k, d in G[u][v].items() if str(k) == key)
        return dataclasses.replace(e, attrs=_attrs(G, e.node), edges=[first, *e.edges[1:]])

    return dataclasses.replace(report, entries=[again(e) for e in report.entries[:n]] + report.entries[n:])


def coverage_to_dict(report: CoverageReport) -> dict[str, Any]:
    """A JSON-ready dict: ``{"root", "attrs", "types", "count", "entries", "by_jurisdiction", "by_issuer"}``."""
    return {
        "root": report.root,
        "attrs": report.attrs,
        "types": list(report.types),
        "count": len(report.entries),
        "entries": [
            {
                "node": e.node,
                "attrs": e.attrs,
                "distance": e.distance,
                "chain": e.chain,
                "edges": e.edges,
                "jurisdiction": e.jurisdiction,
                "issuer": e.issuer,
            }
            for e in report.entries
        ],
        "by_jurisdiction": report.by_jurisdiction,
        "by_province": report.by_province,
        "by_issuer": report.by_issuer,
    }

"""Queries over the PolicyGraph graph (docs/schema.md): find a document, follow its lineage, show it,
count the graph, and measure how far a central document is carried out.

Plain functions over a ``networkx.MultiDiGraph``; the CLI (``policygraph lineage|show|stats|coverage``)
is a thin shell over them.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("doc:31-NQ/TW@2022-12-30", kind="Document", label="Resolution", symbol="31-NQ/TW",
...            number="31", date="2022-12-30")
>>> G.add_node("file:a.txt", kind="Document", label="Plan", symbol=None, source_file="a.txt",
...            date="2023-03-01", jurisdiction="Thành phố Hồ Chí Minh")
>>> _ = G.add_edge("file:a.txt", "doc:31-NQ/TW@2022-12-30", type="IMPLEMENTS", kind="implements",
...                source_file="a.txt", evidence={"file": "a.txt", "start": 10, "end": 18,
...                                               "sentence": "Thực hiện Nghị quyết số 31-NQ/TW ..."})
>>> resolve_ref(G, "nghi quyet 31")
['doc:31-NQ/TW@2022-12-30']
>>> [h.node for h in lineage(G, "doc:31-NQ/TW@2022-12-30", "down").children]
['file:a.txt']
"""

from __future__ import annotations

import re
from collections import Counter, deque
from collections.abc import Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import networkx as nx

from .lookup import RefKeys, did_you_mean, ref_keys, resolve_ref, suggest_ref
from .rules import (
    _NO_RANK,
    _REL_RANK,
    DOC_RELATIONS,
    RULE_ATTRIBUTES,
    SOURCES_SHOWN,
    Direction,
    _attrs,
    _fold_number,
    brief_attrs,
    display_name,
    fold_symbol,
    fold_text,
    issuer_of,
    node_order,
    number_of,
    order_key,
    province_of,
    rank_case,
    symbol_number,
)

__all__ = [
    # the rules (graph.rules) and the look-up (graph.lookup) the queries answer with, for their callers
    "RULE_ATTRIBUTES",
    "SOURCES_SHOWN",
    "RefKeys",
    "brief_attrs",
    "did_you_mean",
    "number_of",
    "order_key",
    "province_of",
    "rank_case",
    "ref_keys",
    "symbol_number",
    # the queries
    "DOC_RELATIONS",
    "Hop",
    "LineageTree",
    "display_name",
    "edge_counts",
    "evidence_snippet",
    "files",
    "fold_symbol",
    "fold_text",
    "issuer_of",
    "lineage",
    "lineage_to_dict",
    "node_order",
    "resolve_ref",
    "show",
    "stats",
    "suggest_ref",
]


# ---------------------------------------------------------------------------------------------- lineage


def _edge_dict(u: Hashable, v: Hashable, key: Hashable, d: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "type": d.get("type"),
        "kind": d.get("kind"),
        "source": str(u),
        "target": str(v),
        "key": str(key),
        "source_file": d.get("source_file"),
        "evidence": d.get("evidence"),
        "origin": d.get("origin") or "text",
        "stated_by": d.get("stated_by"),
    }


def _edge_order(e: Mapping[str, Any]) -> tuple[Any, ...]:
    ev = e.get("evidence") or {}
    return (
        _REL_RANK.get(str(e.get("type")), _NO_RANK),
        str(e.get("kind") or ""),
        str(e.get("source_file") or ""),
        int(ev.get("start") or 0),
        str(e.get("key")),
    )


@dataclass
class Hop:
    """One step of a lineage: `node` reached from its parent through `edge_type`.

    ``direction="up"``: the parent implements/cites/supersedes `node`; ``"down"``: `node` implements/
    cites/supersedes the parent. `edges` lists every parallel edge between the two (each evidenced);
    `edge_type`, `edge_kind`, `evidence`, `source_file` are those of the strongest. A node already shown
    elsewhere in the tree appears again as a leaf with ``seen=True`` (cycles are never followed).
    """

    node: str
    direction: Literal["up", "down"]
    depth: int
    edge_type: str
    edge_kind: str | None
    evidence: dict[str, Any] | None
    source_file: str | None
    attrs: dict[str, Any]
    edges: list[dict[str, Any]] = field(default_factory=list)
    seen: bool = False
    children: list[Hop] = field(default_factory=list)

    def walk(self) -> Iterator[Hop]:
        """This hop and all hops below it, depth first."""
        yield self
        for c in self.children:
            yield from c.walk()


@dataclass
class LineageTree:
    """The lineage of `root`: hops up (what it carries out), then hops down (what carries it out)."""

    root: str
    attrs: dict[str, Any]
    direction: Direction
    depth: int | None
    types: tuple[str, ...]
    children: list[Hop] = field(default_factory=list)
    limit: int | None = None
    #: distinct nodes the walk reaches (all of them, even when `limit` cut the tree)
    total: int = 0

    def walk(self) -> Iterator[Hop]:
        for c in self.children:
            yield from c.walk()

    @property
    def shown(self) -> int:
        """Distinct nodes in the tree (at most `limit`)."""
        return len(self.nodes())

    def nodes(self, direction: Literal["up", "down"] | None = None) -> set[str]:
        """Distinct nodes reached (not counting the root), optionally in one direction only."""
        return {h.node for h in self.walk() if direction is None or h.direction == direction}


def _neighbours(
    G: nx.MultiDiGraph, n: Hashable, direction: Literal["up", "down"], types: frozenset[str]
) -> dict[str, list[dict[str, Any]]]:
    edges = G.out_edges(n, keys=True, data=True) if direction == "up" else G.in_edges(n, keys=True, data=True)
    out: dict[str, list[dict[str, Any]]] = {}
    for u, v, k, d in edges:
        if d.get("type") not in types:
            continue
        other = v if direction == "up" else u
        if other == n:
            continue
        out.setdefault(str(other), []).append(_edge_dict(u, v, k, d))
    for es in out.values():
        es.sort(key=_edge_order)
    return out


def _grow(
    G: nx.MultiDiGraph,
    root: str,
    direction: Literal["up", "down"],
    depth: int | None,
    types: frozenset[str],
    visited: set[str],
    room: list[int],
) -> list[Hop]:
    """Breadth first, so every node is expanded once at its shallowest depth; `room[0]` new nodes at most
    (a node already shown elsewhere comes again as a leaf, and costs nothing)."""
    top: list[Hop] = []
    frontier: deque[tuple[str, list[Hop], int]] = deque([(root, top, 1)])
    while frontier:
        n, into, level = frontier.popleft()
        if depth is not None and level > depth:
            continue
        nbrs = _neighbours(G, n, direction, types)
        for other in sorted(nbrs, key=lambda x: node_order(G, x)):
            if other not in visited:
                if room[0] <= 0:
                    return top
                room[0] -= 1
            es = nbrs[other]
            main = es[0]
            hop = Hop(
                node=other,
                direction=direction,
                depth=level,
                edge_type=str(main["type"]),
                edge_kind=main["kind"],
                evidence=main["evidence"],
                source_file=main["source_file"],
                attrs=_attrs(G, other),
                edges=es,
                seen=other in visited,
            )
            into.append(hop)
            if not hop.seen:
                visited.add(other)
                frontier.append((other, hop.children, level + 1))
    return top


def reach(
    G: nx.MultiDiGraph, node: Hashable, direction: Literal["up", "down"], depth: int | None, types: Iterable[str]
) -> set[str]:
    """The nodes a lineage walk from `node` reaches in `G` (without `node`)."""
    tset = frozenset(types)
    seen, frontier, level = {str(node)}, [str(node)], 0
    while frontier and (depth is None or level < depth):
        level += 1
        frontier = [o for n in frontier for o in _neighbours(G, n, direction, tset) if o not in seen]
        seen.update(frontier)
    return seen - {str(node)}


def lineage(
    G: nx.MultiDiGraph,
    node: Hashable,
    direction: Direction = "up",
    depth: int | None = None,
    types: Sequence[str] = ("IMPLEMENTS", "CITES", "SUPERSEDES"),
    limit: int | None = None,
    total: int | None = None,
) -> LineageTree:
    """Follow document relations from `node`, transitively.

    ``up``: what `node` implements, cites or supersedes (out-edges), then what those do, ...;
    ``down``: what implements, cites or supersedes `node` (in-edges), and so on; ``both``: the two.
    `depth` limits the number of hops (None: no limit); `types` selects the relation types; `limit` the
    number of distinct nodes shown (``total`` still counts every node the walk reaches: counted in `G`,
    unless the caller gives it — a store that fetched only what is shown counts the rest itself). Siblings
    are ordered by date (undated last), then symbol.

    >>> G = nx.MultiDiGraph()
    >>> for n, date in (("A", "2023-01-01"), ("B", "2022-01-01"), ("C", "2021-01-01")):
    ...     G.add_node(n, kind="Document", symbol=n, date=date)
    >>> _ = G.add_edge("A", "B", type="IMPLEMENTS", kind="implements")
    >>> _ = G.add_edge("B", "C", type="CITES", kind=None)
    >>> [(h.node, h.depth, h.edge_type) for h in lineage(G, "A").walk()]
    [('B', 1, 'IMPLEMENTS'), ('C', 2, 'CITES')]
    >>> [h.node for h in lineage(G, "C", "down", types=["CITES"]).walk()]
    ['B']
    """
    if node not in G:
        raise nx.NodeNotFound(f"node {node!r} is not in the graph")
    if direction not in ("up", "down", "both"):
        raise ValueError(f"direction must be up, down or both, not {direction!r}")
    if depth is not None and depth < 0:
        raise ValueError("depth must be >= 0")
    tset = frozenset(t.upper() for t in types)
    root = str(node)
    ordered = tuple(t for t in DOC_RELATIONS if t in tset) + tuple(sorted(tset - set(DOC_RELATIONS)))
    if limit is not None and limit < 0:
        raise ValueError("limit must be >= 0")
    tree = LineageTree(root=root, attrs=_attrs(G, node), direction=direction, depth=depth, types=ordered, limit=limit)
    dirs: tuple[Literal["up", "down"], ...] = ("up", "down") if direction == "both" else (direction,)
    room = [limit if limit is not None else G.number_of_nodes()]
    for d in dirs:
        tree.children.extend(_grow(G, root, d, depth, tset, {root}, room))
    tree.total = total if total is not None else len(set().union(*(reach(G, root, d, depth, tset) for d in dirs)))
    return tree


def _hop_to_dict(h: Hop) -> dict[str, Any]:
    return {
        "node": h.node,
        "direction": h.direction,
        "depth": h.depth,
        "edge_type": h.edge_type,
        "edge_kind": h.edge_kind,
        "source_file": h.source_file,
        "evidence": h.evidence,
        "attrs": h.attrs,
        "edges": h.edges,
        "seen": h.seen,
        "children": [_hop_to_dict(c) for c in h.children],
    }


def lineage_to_dict(tree: LineageTree) -> dict[str, Any]:
    """A JSON-ready dict: ``{"root", "attrs", "direction", "depth", "types", "children": [hop ...]}``."""
    return {
        "root": tree.root,
        "attrs": tree.attrs,
        "direction": tree.direction,
        "depth": tree.depth,
        "types": list(tree.types),
        "limit": tree.limit,
        "total": tree.total,
        "shown": tree.shown,
        "children": [_hop_to_dict(h) for h in tree.children],
    }


# ------------------------------------------------------------------------------------------------- show


def _edge_view(G: nx.MultiDiGraph, e: dict[str, Any], other: str) -> dict[str, Any]:
    od = G.nodes[other]
    return {
        **e,
        "other": other,
        "other_kind": od.get("kind"),
        "other_label": od.get("label"),
        "other_name": display_name(od, other),
        "other_date": od.get("date"),
        "other_jurisdiction": od.get("jurisdiction"),
    }


def edge_counts(G: nx.MultiDiGraph, node: Hashable) -> dict[str, dict[str, int]]:
    """How many edges a node has, by direction and type: ``{"out": {"CITES": 3}, "in": {...}}``."""
    out: dict[str, dict[str, int]] = {"out": {}, "in": {}}
    for side, edges in (("out", G.out_edges(node, data=True)), ("in", G.in_edges(node, data=True))):
        for _, _, d in edges:
            out[side][str(d.get("type"))] = out[side].get(str(d.get("type")), 0) + 1
    return {side: dict(sorted(c.items())) for side, c in out.items()}


def show(
    G: nx.MultiDiGraph, node: Hashable, limit: int | None = None, counts: dict[str, dict[str, int]] | None = None
) -> dict[str, Any]:
    """A node's attributes and its edges (both ways, document relations first) with their evidence; at
    most `limit` edges each way, ``counts`` saying how many there are (by direction and type: pass the
    store's own when `G` holds only the first edges).

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("A", kind="Document", label="Plan", symbol="1-KH/TU")
    >>> G.add_node("body:x", kind="Body", label="Body", name="Thành ủy Hải Phòng")
    >>> _ = G.add_edge("A", "body:x", type="ISSUED_BY", kind=None, source_file="a.txt", evidence=None)
    >>> s = show(G, "A"); (s["label"], [e["other_name"] for e in s["out"]], s["in"])
    ('Plan', ['Thành ủy Hải Phòng'], [])
    """
    if node not in G:
        raise nx.NodeNotFound(f"node {node!r} is not in the graph")
    attrs = _attrs(G, node)
    out = [_edge_view(G, _edge_dict(u, v, k, d), str(v)) for u, v, k, d in G.out_edges(node, keys=True, data=True)]
    inc = [_edge_view(G, _edge_dict(u, v, k, d), str(u)) for u, v, k, d in G.in_edges(node, keys=True, data=True)]

    def order(e: dict[str, Any]) -> tuple[Any, ...]:
        return (str(e["type"]) not in _REL_RANK, _edge_order(e)[0], node_order(G, e["other"]), _edge_order(e))

    return {
        "id": str(node),
        "kind": attrs.get("kind"),
        "label": attrs.get("label"),
        "name": display_name(attrs, node),
        "issuer": issuer_of(G, node),
        "attrs": attrs,
        "out": sorted(out, key=order)[:limit],
        "in": sorted(inc, key=order)[:limit],
        "counts": counts if counts is not None else edge_counts(G, node),
    }


# ------------------------------------------------------------------------------------------------ stats


STATS_TOP = 10


def loose_end(d: Mapping[str, Any], n: str) -> dict[str, Any]:
    """The fields stats lists for a loose end (an unresolved or unnamed document)."""
    return {
        "id": n,
        "name": display_name(d, n),
        "label": d.get("label"),
        "number": d.get("number"),
        "missing": list(d.get("missing") or []),
        "sources": list(d.get("sources") or []),
    }


def _top(items: list[dict[str, Any]], top: int) -> dict[str, Any]:
    return {"count": len(items), "top": items[:top]}


def origin_counts(edges: Iterable[tuple[Any, Any, str, str | None]]) -> tuple[dict[str, int], dict[str, int]]:
    """Document relations by `origin` ("text" when a document's text states them, "portal" when a portal's
    curated list does; none: the text's), and how far the two agree: of the (source, target) pairs that have
    both a portal and a text relation, how many have one of the same type.

    >>> origin_counts([("a", "b", "CITES", "portal"), ("a", "b", "CITES", "text"), ("a", "c", "IMPLEMENTS", "portal"),
    ...                ("a", "c", "CITES", None), ("a", "d", "CITES", "portal"), ("a", "b", "ISSUED_BY", None)])
    ({'portal': 3, 'text': 2}, {'pairs': 2, 'same_type': 1})
    """
    by_origin: Counter[str] = Counter()
    pairs: dict[tuple[Any, Any], dict[str, set[str]]] = {}
    for u, v, t, o in edges:
        if t not in _REL_RANK:
            continue
        by_origin[o or "text"] += 1
        pairs.setdefault((u, v), {}).setdefault(o or "text", set()).add(t)
    both = [d for d in pairs.values() if "portal" in d and "text" in d]
    return dict(sorted(by_origin.items())), {
        "pairs": len(both),
        "same_type": sum(bool(d["portal"] & d["text"]) for d in both),
    }


def stats(G: nx.MultiDiGraph, top: int = STATS_TOP) -> dict[str, Any]:
    """Counts and the loose ends an analyst should look at, bounded whatever the size of the graph.

    Keys: ``nodes``, ``edges``, ``files`` (how many files are loaded; :func:`files` lists them),
    ``by_kind``, ``by_label`` (documents), ``by_relation`` (edge type), ``by_relation_kind`` (type -> kind
    -> count), ``by_origin`` and ``origin_agreement`` (:func:`origin_counts`), ``most_cited`` (the `top`
    documents with the most incoming document relations: id, name,
    count), and three loose-end lists as ``{"count": N, "top": [...]}`` (at most `top` items, the ones most
    files mention first): ``unresolved`` (documents with ``resolved == False``: id, name, label, number,
    missing, sources), ``no_identity`` (documents with no symbol, title or name: the same fields) and
    ``conflicts`` (id, name, conflicts). Every backend answers this same shape.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("ref:Conclusion 21", kind="Document", label="Conclusion", symbol=None, resolved=False,
    ...            missing=["symbol"], sources=["a.txt"])
    >>> s = stats(G); (s["by_label"], s["unresolved"]["count"], s["unresolved"]["top"][0]["missing"], s["files"])
    ({'Conclusion': 1}, 1, ['symbol'], 1)
    """
    by_kind: Counter[str] = Counter()
    by_label: Counter[str] = Counter()
    unresolved: list[dict[str, Any]] = []
    no_identity: list[dict[str, Any]] = []
    conflicts: list[dict[str, Any]] = []
    cited: Counter[str] = Counter()
    for n, d in G.nodes(data=True):
        kind = str(d.get("kind") or "?")
        by_kind[kind] += 1
        if d.get("conflicts"):
            conflicts.append(
                {
                    "id": str(n),
                    "name": display_name(d, n),
                    "conflicts": d["conflicts"],
                    "sources": list(d.get("sources") or []),
                }
            )
        if kind != "Document":
            continue
        by_label[str(d.get("label") or "Document")] += 1
        if d.get("resolved") is False:
            unresolved.append(loose_end(d, str(n)))
        if not (d.get("symbol") or d.get("title") or d.get("name")):
            no_identity.append(loose_end(d, str(n)))
    by_rel: Counter[str] = Counter()
    by_rel_kind: dict[str, Counter[str]] = {}
    for _, v, d in G.edges(data=True):
        t = str(d.get("type") or "?")
        by_rel[t] += 1
        if d.get("kind"):
            by_rel_kind.setdefault(t, Counter())[str(d["kind"])] += 1
        if t in _REL_RANK:
            cited[str(v)] += 1
    most = sorted(cited.items(), key=lambda kv: (-kv[1], kv[0]))[:top]
    by_origin, agreement = origin_counts((u, v, d.get("type"), d.get("origin")) for u, v, d in G.edges(data=True))

    def by_mentions(x: dict[str, Any]) -> tuple[int, str]:
        return (-len(x["sources"]), x["id"])

    return {
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "files": len(files(G)),
        "by_kind": dict(sorted(by_kind.items())),
        "by_label": dict(sorted(by_label.items())),
        "by_relation": dict(sorted(by_rel.items())),
        "by_relation_kind": {t: dict(sorted(c.items())) for t, c in sorted(by_rel_kind.items())},
        "by_origin": by_origin,
        "origin_agreement": agreement,
        "most_cited": [{"id": n, "name": display_name(G.nodes[n], n), "count": c} for n, c in most],
        "unresolved": _top(sorted(unresolved, key=by_mentions), top),
        "no_identity": _top(sorted(no_identity, key=by_mentions), top),
        "conflicts": _top(sorted(conflicts, key=by_mentions), top),
    }


def files(G: nx.MultiDiGraph) -> list[str]:
    """The files the graph was loaded from (relative paths): node ``sources`` and edge ``source_path``
    (``source_file`` in graphs without paths).

    >>> G = nx.MultiDiGraph(); G.add_node("a", sources=["b.txt", "a.txt"]); files(G)
    ['a.txt', 'b.txt']
    """
    out: set[str] = set()
    for _, d in G.nodes(data=True):
        out.update(str(f) for f in d.get("sources") or [])
        if d.get("source_path") or d.get("source_file"):
            out.add(str(d.get("source_path") or d["source_file"]))
    for *_, d in G.edges(data=True):
        if d.get("source_path") or d.get("source_file"):
            out.add(str(d.get("source_path") or d["source_file"]))
    return sorted(out)


# ---------------------------------------------------------------------------------------------- evidence


def evidence_snippet(sentence: str | None, mention: str | None = None, width: int = 120) -> str:
    """`sentence` on one line, cut to about `width` characters around `mention` (a symbol or number).

    >>> s = "Mở đầu dài " * 20 + "thực hiện Nghị quyết số 31-NQ/TW của Bộ Chính trị" + " kết thúc" * 20
    >>> snip = evidence_snippet(s, "31-NQ/TW", 60); "31-NQ/TW" in snip, len(snip) <= 62
    (True, True)
    """
    s = re.sub(r"\s+", " ", sentence or "").strip()
    if len(s) <= width:
        return s
    pos = -1
    if mention:
        # find the mention with optional spaces inside, case-insensitively
        pat = r"\s*".join(re.escape(c) for c in re.sub(r"\s+", "", mention))
        m = re.search(pat, s, re.IGNORECASE)
        num = re.match(r"\d+", mention)
        if m is None and num:
            m = re.search(r"(?<!\d)0*" + re.escape(_fold_number(num.group(0))) + r"(?!\d)", s)
        if m:
            pos = (m.start() + m.end()) // 2
    if pos < 0:
        return s[: width - 1].rstrip() + "…"
    start = max(0, min(pos - width // 2, len(s) - width))
    end = start + width
    out = s[start:end].strip()
    return ("…" if start > 0 else "") + out + ("…" if end < len(s) else "")

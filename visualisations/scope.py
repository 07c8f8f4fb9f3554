"""What a view shows: the documents and relations drawn, and the bodies and projects shown beside them.

A focus view follows document relations from one document by direction, as ``policygraph lineage``
does: up (what it carries out, cites, supersedes), down (what carries it out ...), or both, never
sideways to its siblings; its nodes and levels come from ``graph.queries.lineage`` itself, so the
picture and the CLI answer agree. The whole-graph view draws every document and document relation.
Bodies (ISSUED_BY) and projects (MENTIONS) are attributes of the documents shown, drawn as nodes only
when asked (``with_=("bodies", "projects")``).

>>> import networkx as nx
>>> from policygraph.graph.source import MemorySource
>>> G = nx.MultiDiGraph()
>>> for n in ("C", "P1", "P2", "S"):
...     G.add_node(n, kind="Document", symbol=n)
>>> G.add_node("body", kind="Body", label="Body", name="Bộ Chính trị")
>>> _ = G.add_edge("P1", "C", type="IMPLEMENTS"); _ = G.add_edge("P2", "C", type="IMPLEMENTS")
>>> _ = G.add_edge("S", "body", type="ISSUED_BY"); _ = G.add_edge("C", "body", type="ISSUED_BY")
>>> v = focus_view(MemorySource(G), "P1")
>>> sorted(v.graph.nodes), v.levels, v.issuers("C")
(['C', 'P1'], {'P1': 0, 'C': -1}, ['Bộ Chính trị'])
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

import networkx as nx

from ..graph import queries as q

if TYPE_CHECKING:
    from ..graph.source import GraphSource

Direction = q.Direction  # the one set of directions lineage and views walk

#: relation types a view follows between documents (the same as lineage's)
DOC_RELATIONS: tuple[str, ...] = q.DOC_RELATIONS
#: what can be drawn besides documents: the node kind and the relation that reaches it from a document
WITH: dict[str, tuple[str, str]] = {"bodies": ("Body", "ISSUED_BY"), "projects": ("Project", "MENTIONS")}
CONTEXT_TYPES: tuple[str, ...] = tuple(rel for _, rel in WITH.values())


@dataclass(frozen=True)
class View:
    """A view: `graph` is drawn; `context` holds the ISSUED_BY and MENTIONS edges of the drawn documents
    (their bodies and projects, for the panel). Focus views also carry each node's lineage `levels`
    (negative: above the focus) and `parent`, the node it was first reached from."""

    graph: nx.MultiDiGraph
    context: nx.MultiDiGraph
    focus: str | None = None
    direction: Direction = "both"
    depth: int | None = 2
    types: tuple[str, ...] = DOC_RELATIONS
    with_: tuple[str, ...] = ()
    levels: dict[str, int] = field(default_factory=dict)
    parent: dict[str, str] = field(default_factory=dict)
    #: documents the walks reach (a view cut at a limit draws fewer); None: not counted
    reached: int | None = None

    @cached_property
    def _targets(self) -> dict[tuple[str, str], list[str]]:
        """(node, relation) -> the sorted names of its targets, from one pass over `context`."""
        names: dict[tuple[str, str], set[str]] = {}
        C = self.context
        for u, v, d in C.edges(data=True):
            names.setdefault((u, str(d.get("type"))), set()).add(q.display_name(C.nodes[v], v))
        return {k: sorted(vs) for k, vs in names.items()}

    def issuers(self, n: str) -> list[str]:
        """Names of the bodies that issued `n` (its ISSUED_BY targets)."""
        return self._targets.get((n, "ISSUED_BY"), [])

    def projects(self, n: str) -> list[str]:
        """Names of the projects `n` mentions."""
        return self._targets.get((n, "MENTIONS"), [])


def check_with(with_: Iterable[str]) -> tuple[str, ...]:
    """The kinds of node to draw besides documents, checked.

    >>> check_with(["projects", "bodies", "bodies"])
    ('bodies', 'projects')
    >>> check_with(["people"])
    Traceback (most recent call last):
    ValueError: 'people': choose among bodies, projects
    """
    out = []
    for w in with_:
        if w not in WITH:
            raise ValueError(f"{w!r}: choose among {', '.join(WITH)}")
        out.append(w)
    return tuple(k for k in WITH if k in out)


def _drawn(core: nx.MultiDiGraph, context: nx.MultiDiGraph, with_: Sequence[str]) -> nx.MultiDiGraph:
    """`core` plus the bodies / projects asked for, with the edges that reach them."""
    if not with_:
        return core
    rels = {WITH[w][1] for w in with_}
    H = core.copy()
    for u, v, k, d in context.edges(keys=True, data=True):
        if d.get("type") in rels and u in core:
            if v not in H:
                H.add_node(v, **context.nodes[v])
            H.add_edge(u, v, key=k, **d)
    return H


def _lineage_levels(
    H: nx.MultiDiGraph, node: str, direction: Direction, depth: int | None, types: Sequence[str]
) -> tuple[dict[str, int], dict[str, str]]:
    """Level and parent of every node of the lineage tree (the first, shallowest, place it is reached)."""
    tree = q.lineage(H, node, direction, depth, types)
    levels, parent = {node: 0}, {}
    queue = deque((h, node) for h in tree.children)
    while queue:
        h, up = queue.popleft()
        if h.seen or h.node in levels:
            continue
        levels[h.node] = -h.depth if h.direction == "up" else h.depth
        parent[h.node] = up
        queue.extend((c, h.node) for c in h.children)
    return levels, parent


def focus_view(
    src: GraphSource,
    node: str,
    direction: Direction = "both",
    depth: int | None = 2,
    types: Sequence[str] = DOC_RELATIONS,
    with_: Sequence[str] = (),
    limit: int | None = None,
) -> View:
    """The view around `node`: an up walk and/or a down walk through `types`, to `depth`, fetched from
    `src` (one walk per side, one call for the bodies and projects of the nodes reached). With `limit`,
    each side draws what ``graph.queries.lineage(..., limit)`` shows — its first `limit` documents, nearest
    first, and the relations of the tree — and `reached` counts every document the walks reach."""
    sides: tuple[Direction, ...] = ("up", "down") if direction == "both" else (direction,)
    core, reached = nx.MultiDiGraph(), 0
    for side in sides:
        if limit is None:
            H, total = src.neighbourhood([node], side, depth, list(types)), 0
        else:
            H, total = src.walk(node, side, depth, list(types), limit)  # type: ignore[arg-type]
            if total > limit:  # cut short: what lineage shows, alike from every store
                H = _shown(H, q.lineage(H, node, side, depth, types, limit, total=total), types)
        core, reached = nx.compose(core, H), reached + total
    context = src.neighbourhood(list(core.nodes), "out", 1, list(CONTEXT_TYPES))
    levels, parent = _lineage_levels(core, node, direction, depth, types)
    return View(
        _drawn(core, context, with_),
        context,
        node,
        direction,
        depth,
        tuple(types),
        tuple(with_),
        levels,
        parent,
        reached if limit is not None else None,
    )


def _shown(H: nx.MultiDiGraph, tree: q.LineageTree, types: Sequence[str]) -> nx.MultiDiGraph:
    """The nodes of a lineage tree and the relations of `types` between each hop and its parent."""
    steps = [(tree.root, h) for h in tree.children] + [(h.node, c) for h in tree.walk() for c in h.children]
    pairs = {(parent, hop.node) if hop.direction == "up" else (hop.node, parent) for parent, hop in steps}
    wanted = {t.upper() for t in types}
    F = nx.MultiDiGraph()
    F.add_nodes_from((n, H.nodes[n]) for n in {tree.root, *tree.nodes()})
    F.add_edges_from(
        (u, v, k, d) for u, v, k, d in H.edges(keys=True, data=True) if (u, v) in pairs and d.get("type") in wanted
    )
    return F


def whole_view(G: nx.MultiDiGraph, types: Sequence[str] = DOC_RELATIONS, with_: Sequence[str] = ()) -> View:
    """Every document of `G` and every relation of `types` between documents."""
    docs = [n for n, d in G.nodes(data=True) if d.get("kind", "Document") == "Document"]
    wanted = set(types)
    core = nx.MultiDiGraph()
    core.add_nodes_from((n, G.nodes[n]) for n in docs)
    context = nx.MultiDiGraph()
    context.add_nodes_from((n, G.nodes[n]) for n in docs)
    is_doc = set(docs)
    core.add_edges_from(
        (u, v, k, d)
        for u, v, k, d in G.edges(keys=True, data=True)
        if d.get("type") in wanted and u in is_doc and v in is_doc
    )
    ctx = [
        (u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True) if d.get("type") in CONTEXT_TYPES and u in is_doc
    ]
    context.add_nodes_from((v, G.nodes[v]) for _, v, _, _ in ctx if v not in is_doc)
    context.add_edges_from(ctx)
    drawn = _drawn(core, context, with_)
    if "bodies" in with_:  # every body, and how they nest (PART_OF), even one that issued nothing loaded
        drawn.add_nodes_from((n, d) for n, d in G.nodes(data=True) if d.get("kind") == "Body" and n not in drawn)
        drawn.add_edges_from((u, v, k, d) for u, v, k, d in G.edges(keys=True, data=True) if d.get("type") == "PART_OF")
    return View(drawn, context, None, "both", None, tuple(types), tuple(with_))

"""Where the queries read from: one small interface that the embedded store and Neo4j both implement.

A command never loads a whole graph to answer a question about one document. It asks its source for
the few nodes a reference may name (:meth:`GraphSource.candidates`), resolves the reference on them
(``graph.queries.resolve_ref``), then fetches the neighbourhood it walks
(:meth:`GraphSource.neighbourhood`, breadth first) and runs the plain query function
(``graph.queries.lineage``/``show``/``coverage``) on that small networkx graph.

:class:`MemorySource` serves an in-memory graph (tests, notebooks, small exports) and is the reference
the other sources are tested against.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("A", kind="Document", symbol="1-NQ/TW")
>>> G.add_node("B", kind="Document", symbol="2-CTr/TU")
>>> G.add_node("C", kind="Document", symbol="3-KH/HU")
>>> _ = G.add_edge("B", "A", type="IMPLEMENTS"); _ = G.add_edge("C", "B", type="IMPLEMENTS")
>>> sorted(MemorySource(G).neighbourhood(["A"], "down", 1, ["IMPLEMENTS"]).nodes)
['A', 'B']
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Literal, Protocol

import networkx as nx

#: the way a neighbourhood follows the edges: "out" along them (what a document carries out or cites: "up"),
#: "in" against them ("down"), or both. Not graph.rules.Direction, which says which way a lineage reads.
EdgeWay = Literal["out", "in", "both", "up", "down"]


def edge_way(way: str) -> str:
    """``way`` with "up" and "down" spelled as the edge directions "out" and "in".

    >>> edge_way("up"), edge_way("down"), edge_way("both")
    ('out', 'in', 'both')
    """
    return {"up": "out", "down": "in"}.get(way, way)


class GraphSource(Protocol):
    """Read access to a PolicyGraph graph, at the cost of each answer."""

    def candidates(self, ref: str) -> nx.MultiDiGraph:
        """Nodes (no edges) a typed reference may name: a loose superset for ``resolve_ref``."""
        ...

    def neighbourhood(
        self,
        ids: Iterable[str],
        direction: EdgeWay,
        depth: int | None,
        types: Sequence[str] | None = None,
        brief: bool = False,
    ) -> nx.MultiDiGraph:
        """The seeds, the nodes reached within `depth` hops along `types` and the edges walked. `brief`:
        the nodes reached may carry only graph.queries.RULE_ATTRIBUTES and the edges only what orders
        them (no evidence past where it starts): enough to count and order, not to show."""
        ...

    def walk(
        self,
        root: str,
        direction: Literal["up", "down"],
        depth: int | None,
        types: Sequence[str],
        limit: int | None = None,
    ) -> tuple[nx.MultiDiGraph, int]:
        """What ``graph.queries.lineage(G, root, direction, depth, types, limit)`` shows, and how many
        nodes the whole walk reaches. A store fetches only the first `limit` nodes in lineage order."""
        ...

    def around_node(self, node: str, limit: int | None) -> tuple[nx.MultiDiGraph, dict[str, dict[str, int]]]:
        """What ``graph.queries.show(G, node, limit)`` shows: the node, its first `limit` edges each way
        in show's order with the nodes at their other ends, and how many edges it has by direction and
        type (graph.queries.edge_counts)."""
        ...

    def stats(self, top: int = 10) -> dict[str, Any]:
        """``graph.queries.stats``' shape: counts, and the first `top` of each loose-end list."""
        ...

    def files(self) -> list[str]:
        """The names of the files loaded, sorted."""
        ...

    def close(self) -> None: ...


def walk(
    G: nx.MultiDiGraph, ids: Iterable[str], direction: EdgeWay, depth: int | None, types: Sequence[str] | None = None
) -> nx.MultiDiGraph:
    """Breadth-first neighbourhood of `ids` in `G` (a new graph; `G` is not changed)."""
    d = edge_way(direction)
    wanted = None if types is None else frozenset(types)
    seeds = [i for i in ids if i in G]
    H = nx.MultiDiGraph()
    H.add_nodes_from((n, dict(G.nodes[n])) for n in seeds)
    seen, frontier, level = set(seeds), list(seeds), 0
    while frontier and (depth is None or level < depth):
        level += 1
        nxt: list[str] = []
        for n in frontier:
            edges: list[Any] = []
            if d in ("out", "both"):
                edges += G.out_edges(n, keys=True, data=True)
            if d in ("in", "both"):
                edges += G.in_edges(n, keys=True, data=True)
            for u, v, k, data in edges:
                if wanted is not None and data.get("type") not in wanted:
                    continue
                for m in (u, v):
                    if m not in H:
                        H.add_node(m, **dict(G.nodes[m]))
                    if m not in seen:
                        seen.add(m)
                        nxt.append(m)
                if not H.has_edge(u, v, k):
                    H.add_edge(u, v, key=k, **dict(data))
        frontier = nxt
    return H


def around_whole(src: GraphSource, node: str) -> tuple[nx.MultiDiGraph, dict[str, dict[str, int]]]:
    """around_node for sources that fetch a node's edges whole."""
    from .queries import edge_counts

    H = src.neighbourhood([node], "both", 1, None)
    return H, edge_counts(H, node) if node in H else {"out": {}, "in": {}}


def walk_and_count(
    src: GraphSource, root: str, direction: Literal["up", "down"], depth: int | None, types: Sequence[str]
) -> tuple[nx.MultiDiGraph, int]:
    """A source's whole neighbourhood in one direction, and how many nodes it reaches (for sources that
    fetch a walk whole)."""
    from .queries import reach

    H = src.neighbourhood([root], direction, depth, types)
    return H, len(reach(H, root, direction, depth, types)) if root in H else 0


class WalkSteps(Protocol):
    """What :func:`bounded_walk` asks a store for, level by level (each store answers in its own query
    language; the walk's rule is decided once, here)."""

    def start(self, root: str) -> nx.MultiDiGraph:
        """A graph holding the root node (empty when there is no such node)."""
        ...

    def kids(
        self, parents: Sequence[str], direction: Literal["up", "down"], types: Sequence[str], bound: int
    ) -> dict[str, list[str]]:
        """Each parent's first `bound` distinct children through `types`, in lineage order (the nodes'
        graph.queries.order_key)."""
        ...

    def edges(
        self, pairs: Sequence[tuple[str, str]], direction: Literal["up", "down"], types: Sequence[str]
    ) -> list[Any]:
        """The edges of `types` from each parent to each of its shown children (pairs (parent, child))."""
        ...

    def complete(self, H: nx.MultiDiGraph, edges: list[Any]) -> None:
        """Add the edges (as `edges` returned them) and their end nodes to `H`."""
        ...

    def reach_count(self, root: str, direction: Literal["up", "down"], depth: int | None, types: Sequence[str]) -> int:
        """How many nodes a lineage walk from `root` reaches."""
        ...


WALK_PARENTS = 32  # parents whose children one query fetches


def bounded_walk(
    steps: WalkSteps, root: str, direction: Literal["up", "down"], depth: int | None, types: Sequence[str], limit: int
) -> tuple[nx.MultiDiGraph, int]:
    """GraphSource.walk with a limit: breadth first as graph.queries.lineage walks, each parent's
    children in lineage order, at most `limit` new nodes (lineage stops at the first new node it has no
    room for), so the cost follows what is shown; the whole reach is counted only when the walk is cut
    short."""
    H = steps.start(root)
    visited, frontier, level, room = {root}, [root] if root in H else [], 0, limit
    found: list[Any] = []
    done = False
    while frontier and not done and (depth is None or level < depth):
        level, nxt = level + 1, []
        for at in range(0, len(frontier), WALK_PARENTS):
            parents = frontier[at : at + WALK_PARENTS]
            kids = steps.kids(parents, direction, types, room + len(visited) + 1)
            shown: list[tuple[str, str]] = []
            for parent in parents:
                for k in kids.get(parent, ()):
                    if k not in visited:
                        if room == 0:
                            done = True
                            break
                        room -= 1
                        visited.add(k)
                        nxt.append(k)
                    shown.append((parent, k))
                if done:
                    break
            found += steps.edges(shown, direction, types) if shown else []
            if done:
                break
        frontier = nxt
    steps.complete(H, found)
    total = steps.reach_count(root, direction, depth, types) if done else len(visited) - 1
    return H, total


class MemorySource:
    """A :class:`GraphSource` over a networkx graph held in memory."""

    def __init__(self, G: nx.MultiDiGraph) -> None:
        self.G = G

    def candidates(self, ref: str) -> nx.MultiDiGraph:
        return self.G

    def neighbourhood(
        self,
        ids: Iterable[str],
        direction: EdgeWay,
        depth: int | None,
        types: Sequence[str] | None = None,
        brief: bool = False,
    ) -> nx.MultiDiGraph:
        return walk(self.G, ids, direction, depth, types)

    def walk(
        self,
        root: str,
        direction: Literal["up", "down"],
        depth: int | None,
        types: Sequence[str],
        limit: int | None = None,
    ) -> tuple[nx.MultiDiGraph, int]:
        return walk_and_count(self, root, direction, depth, types)

    def around_node(self, node: str, limit: int | None) -> tuple[nx.MultiDiGraph, dict[str, dict[str, int]]]:
        return around_whole(self, node)

    def stats(self, top: int = 10) -> dict[str, Any]:
        from .queries import stats

        return stats(self.G, top)

    def files(self) -> list[str]:
        from .queries import files

        return files(self.G)

    def close(self) -> None:
        pass

"""Reading the embedded store: :class:`StoreSource` answers the graph.source.GraphSource questions with
indexed SQL, at the cost of each answer (a reference's few candidates, a breadth-first neighbourhood,
aggregate counts), and :func:`whole_graph` reads everything for exports.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Literal

import networkx as nx

from . import queries as q
from .source import EdgeWay, bounded_walk, edge_way
from .store_schema import PORTAL_EDGE, StoreError, has_table

_MAX_IDS = 500


def _ends(direction: Literal["up", "down"]) -> tuple[str, str]:
    """(near, far): the edge column a walk in `direction` comes from and the one it goes to."""
    return ("dst", "src") if direction == "down" else ("src", "dst")


def _chunks(items: Sequence[Any], size: int = _MAX_IDS) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _marks(n: int) -> str:
    return ",".join("?" * n)


def _add_nodes(H: nx.MultiDiGraph, rows: Iterable[tuple[str, str]]) -> None:
    """Add the nodes `H` has not got (networkx adds each as the generator gives it)."""
    H.add_nodes_from((node, json.loads(data)) for node, data in rows if node not in H)


_EDGE_SELECT = (
    "SELECT e.src, e.dst, e.key, e.type, e.attrs, f.path, e.seq FROM edges e JOIN files f ON f.id = e.file_id "
    "WHERE +f.state = 'ready' AND e.src <> e.dst"
)


def _add_edges(H: nx.MultiDiGraph, rows: Iterable[Sequence[Any]]) -> None:
    """Edges in file order: a PART_OF pair keeps its first file's edge, any other key its last statement."""
    H.add_edges_from(
        (u, v, key, _edge(attrs))
        for u, v, key, typ, attrs, _path, _seq in sorted(rows, key=lambda r: (r[5], r[6]))
        if typ != "PART_OF" or not H.has_edge(u, v, key)
    )


def _edge(attrs: str) -> dict[str, Any]:
    """An edge's attributes as stored; a store written before edges carried `origin` states the text's."""
    d: dict[str, Any] = json.loads(attrs)
    d.setdefault("origin", "text")
    return d


class StoreSource:
    """The graph.source.GraphSource of an SQLite store."""

    def __init__(self, conn: sqlite3.Connection, path: Path, own: bool = True) -> None:
        self.conn, self.path, self._own = conn, path, own
        try:  # what answers read of a node: a hub's brief (a store made before briefs: its data)
            briefs, links = has_table(conn, "briefs"), has_table(conn, "links")
        except sqlite3.Error as e:
            raise StoreError(f"{path}: cannot read the store ({e})") from e
        self._data = "coalesce((SELECT b.data FROM briefs b WHERE b.id = nodes.id), data)" if briefs else "data"
        # what walks read who links to whom from: a row a pair (a store made before links: a row an edge)
        self._links = "links" if links else "edges"

    def close(self) -> None:
        if self._own:
            self.conn.close()

    def _nodes(self, ids: Iterable[str], whole: bool = False) -> list[tuple[str, str]]:
        """(id, attributes as JSON) of the nodes: as answers show them (a hub's first files), or `whole`."""
        data = "data" if whole else self._data
        out: list[tuple[str, str]] = []
        for chunk in _chunks(sorted(set(ids))):
            out += self._query(f"SELECT id, {data} FROM nodes WHERE id IN ({_marks(len(chunk))})", list(chunk))
        return out

    def _query(self, sql: str, args: Sequence[Any] = ()) -> list[Any]:
        try:
            return self.conn.execute(sql, args).fetchall()
        except sqlite3.Error as e:
            raise StoreError(f"{self.path}: cannot read the store ({e})") from e

    def candidates(self, ref: str) -> nx.MultiDiGraph:
        keys = q.ref_keys(ref)
        data = self._data
        sql, args = (
            [f"SELECT id, {data} FROM nodes WHERE id IN (SELECT value FROM json_each(?))"],
            [json.dumps(keys.ids)],
        )
        if keys.files:
            sql.append(
                f"SELECT id, {data} FROM nodes WHERE source_file IN (SELECT value FROM json_each(?)) "
                "OR source_path IN (SELECT value FROM json_each(?))"
            )
            args += [json.dumps(keys.files)] * 2
        if keys.symbols:
            sql.append(f"SELECT id, {data} FROM nodes WHERE symbol_fold IN (SELECT value FROM json_each(?))")
            args.append(json.dumps(keys.symbols))
        if keys.numbers:
            sql.append(f"SELECT id, {data} FROM nodes WHERE num IN (SELECT value FROM json_each(?))")
            args.append(json.dumps(keys.numbers))
        for name in keys.names:
            sql.append(f"SELECT id, {data} FROM nodes WHERE names_fold LIKE ? ESCAPE '\\'")
            args.append("%" + name.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%")
        H = nx.MultiDiGraph()
        _add_nodes(H, self._query(" UNION ".join(sql), args))
        if keys.symbols and not q.resolve_ref(H, ref):  # "31/NQ-TW", "98/QH15": the same number, loosely
            numbers = [q.symbol_number(s) for s in keys.symbols]
            _add_nodes(
                H,
                self._query(
                    f"SELECT id, {data} FROM nodes WHERE num IN (SELECT value FROM json_each(?))", [json.dumps(numbers)]
                ),
            )
        if not keys.files or H.number_of_nodes():
            return H
        # a file name typed in another case
        _add_nodes(
            H,
            self._query(
                f"SELECT id, {data} FROM nodes WHERE lower(source_file) IN (SELECT lower(value) FROM json_each(?))",
                [json.dumps(keys.files)],
            ),
        )
        return H

    def neighbourhood(
        self,
        ids: Iterable[str],
        direction: EdgeWay,
        depth: int | None,
        types: Sequence[str] | None = None,
        brief: bool = False,
    ) -> nx.MultiDiGraph:
        """Every attribute whatever `brief` says (decoding them costs little here)."""
        d = edge_way(direction)
        H = nx.MultiDiGraph()
        seeds = self._nodes(ids)
        _add_nodes(H, seeds)
        frontier, seen, level = [n for n, _ in seeds], {n for n, _ in seeds}, 0
        rows: list[Sequence[Any]] = []
        type_filter = "" if types is None else " AND e.type IN (SELECT value FROM json_each(?))"
        type_args = [] if types is None else [json.dumps(list(types))]
        while frontier and (depth is None or level < depth):
            level += 1
            found: list[Sequence[Any]] = []
            for chunk in _chunks(frontier):
                for end in {"out": ("src",), "in": ("dst",)}.get(d) or ("src", "dst"):
                    found += self._query(
                        f"{_EDGE_SELECT} AND e.{end} IN ({_marks(len(chunk))}){type_filter}", [*chunk, *type_args]
                    )
            rows += found
            nxt = {n for r in found for n in (r[0], r[1])} - seen
            seen |= nxt
            frontier = sorted(nxt)
        self.complete(H, list({(r[0], r[1], r[2], r[5], r[6]): r for r in rows}.values()))
        return H

    def files(self) -> list[str]:
        return [p for (p,) in self._query("SELECT path FROM files WHERE state = 'ready' ORDER BY path")]

    def walk(
        self,
        root: str,
        direction: Literal["up", "down"],
        depth: int | None,
        types: Sequence[str],
        limit: int | None = None,
    ) -> tuple[nx.MultiDiGraph, int]:
        """Breadth first as graph.queries.lineage walks (graph.source.bounded_walk), at most `limit` new
        nodes: the cost follows what is shown."""
        if limit is None:
            return self.neighbourhood([root], direction, depth, types), self.reach_count(root, direction, depth, types)
        return bounded_walk(self, root, direction, depth, types, limit)

    # graph.source.WalkSteps, in SQL (start and complete also serve neighbourhood and around_node)
    def start(self, root: str) -> nx.MultiDiGraph:
        H = nx.MultiDiGraph()
        _add_nodes(H, self._nodes([root]))
        return H

    def kids(
        self, parents: Sequence[str], direction: Literal["up", "down"], types: Sequence[str], bound: int
    ) -> dict[str, list[str]]:
        near, far = _ends(direction)
        kids: dict[str, list[str]] = {}
        for parent, kid in self._query(
            f"SELECT parent, kid FROM (SELECT e.{near} AS parent, e.{far} AS kid, ROW_NUMBER() OVER "
            f"(PARTITION BY e.{near} ORDER BY n.sort_key, e.{far}) AS i FROM (SELECT DISTINCT e.{near}, e.{far} "
            f"FROM {self._links} e WHERE e.{near} IN ({_marks(len(parents))}) "  # a pending file's ends are NULL
            "AND e.type IN (SELECT value FROM json_each(?)) AND e.src <> e.dst) e "
            f"JOIN nodes n ON n.id = e.{far}) WHERE i <= ? ORDER BY parent, i",
            [*parents, json.dumps(list(types)), bound],
        ):
            kids.setdefault(parent, []).append(kid)
        return kids

    def edges(
        self, pairs: Sequence[tuple[str, str]], direction: Literal["up", "down"], types: Sequence[str]
    ) -> list[Any]:
        near, far = _ends(direction)
        wanted = set(pairs)
        parents, kids = sorted({p for p, _ in pairs}), sorted({k for _, k in pairs})
        found = self._query(
            f"{_EDGE_SELECT} AND e.{near} IN ({_marks(len(parents))}) AND e.type IN "
            f"(SELECT value FROM json_each(?)) AND e.{far} IN (SELECT value FROM json_each(?))",
            [*parents, json.dumps(list(types)), json.dumps(kids)],
        )
        i, j = (1, 0) if near == "dst" else (0, 1)
        return [r for r in found if (r[i], r[j]) in wanted]

    def complete(self, H: nx.MultiDiGraph, edges: list[Any]) -> None:
        _add_nodes(H, self._nodes({n for r in edges for n in (r[0], r[1])} - set(H)))
        _add_edges(H, edges)

    def around_node(self, node: str, limit: int | None) -> tuple[nx.MultiDiGraph, dict[str, dict[str, int]]]:
        """The node's first `limit` edges each way in graph.queries.show's order (document relations by
        rank, then the other end's sort key, kind, file, offset, key) and its edge counts, in SQL."""
        H = self.start(node)
        counts: dict[str, dict[str, int]] = {"out": {}, "in": {}}
        if node not in H:
            return H, counts
        rows: list[Sequence[Any]] = []
        for side, near, far in (("out", "src", "dst"), ("in", "dst", "src")):
            counts[side] = dict(
                self._query(
                    f"SELECT t, count(*) FROM (SELECT DISTINCT e.{far}, e.key, e.type AS t FROM edges e "
                    f"JOIN files f ON f.id = e.file_id WHERE e.{near} = ? AND e.src <> e.dst AND +f.state = 'ready') "
                    "GROUP BY t ORDER BY t",
                    (node,),
                )
            )
            order = (
                f"{q.rank_case('e.type')}, "
                "n.sort_key, coalesce(e.kind, ''), coalesce(json_extract(e.attrs, '$.source_file'), ''), "
                "coalesce(json_extract(e.attrs, '$.evidence.start'), 0), e.key"
            )
            limit_sql = "" if limit is None else f" LIMIT {int(limit)}"
            # one row per edge: a PART_OF pair stated by many files is the first file's (MIN picks its row)
            rows += [
                r[:7]
                for r in self._query(
                    f"SELECT e.src, e.dst, e.key, e.type, e.attrs, f.path, e.seq, MIN(f.path) FROM edges e "
                    f"JOIN files f ON f.id = e.file_id JOIN nodes n ON n.id = e.{far} "
                    f"WHERE e.{near} = ? AND e.src <> e.dst AND +f.state = 'ready' GROUP BY e.src, e.dst, e.key "
                    f"ORDER BY {order}{limit_sql}",
                    (node,),
                )
            ]
        self.complete(H, rows)
        return H, counts

    def reach_count(
        self, root: str, direction: Literal["up", "down"], depth: int | None, types: Sequence[str], cap: int = 1_000_000
    ) -> int:
        """How many nodes a lineage walk from `root` reaches (ids only, in SQL; at most `cap`)."""
        near, far = _ends(direction)
        # no join with files: a pending file's edges have NULL ends until the pass makes the file ready
        step = (
            f"FROM r JOIN {self._links} e ON e.{near} = r.id "
            "WHERE e.type IN (SELECT value FROM json_each(?)) AND e.src <> e.dst"
        )
        if depth is None:
            sql = f"WITH RECURSIVE r(id) AS (SELECT ? UNION SELECT e.{far} {step} LIMIT ?) SELECT count(*) - 1 FROM r"
            args: list[Any] = [root, json.dumps(list(types)), cap]
        else:
            sql = (
                f"WITH RECURSIVE r(id, d) AS (SELECT ?, 0 UNION SELECT e.{far}, r.d + 1 {step} AND r.d < ? "
                "LIMIT ?) SELECT count(DISTINCT id) - 1 FROM r"
            )
            args = [root, json.dumps(list(types)), depth, cap]
        return max(0, int(self._query(sql, args)[0][0]))

    def stats(self, top: int = q.STATS_TOP) -> dict[str, Any]:
        one = lambda sql, *a: self._query(sql, a)[0][0]  # noqa: E731
        # A mention's edge key names its file and offset, so only PART_OF (keyed by its ends, stated by many
        # files) repeats; pending files' edges have no ends yet, so `src <> dst` leaves them out.
        by_rel: dict[str, int] = {}
        by_rel_kind: dict[str, dict[str, int]] = {}
        for typ, kind, n in sorted(
            [
                *self._query(
                    "SELECT type, kind, count(*) FROM edges WHERE src <> dst AND type <> 'PART_OF' GROUP BY type, kind"
                ),
                *self._query(
                    "SELECT type, kind, count(*) FROM (SELECT DISTINCT type, kind, src, dst "
                    "FROM edges WHERE type = 'PART_OF' AND src <> dst) GROUP BY type, kind"
                ),
            ],
            key=str,
        ):
            by_rel[typ] = by_rel.get(typ, 0) + n
            if kind:
                by_rel_kind.setdefault(typ, {})[kind] = n
        cited = (
            self._query(
                "SELECT dst, count(*) FROM edges WHERE type IN ('SUPERSEDES', 'IMPLEMENTS', 'CITES') "
                "AND src <> dst GROUP BY dst ORDER BY 2 DESC, 1 LIMIT ?",
                (top,),
            )
            if top
            else []
        )
        names = {n: q.display_name(json.loads(d), n) for n, d in self._nodes(n for n, _ in cited)}
        by_origin, agreement = self._origins()
        return {
            "nodes": one("SELECT count(*) FROM nodes"),
            "edges": sum(by_rel.values()),
            "files": one("SELECT count(*) FROM files WHERE state = 'ready'"),
            "by_kind": dict(self._query("SELECT kind, count(*) FROM nodes GROUP BY kind ORDER BY kind")),
            "by_label": dict(
                self._query(
                    "SELECT coalesce(label, 'Document'), count(*) FROM nodes "
                    "WHERE kind = 'Document' GROUP BY 1 ORDER BY 1"
                )
            ),
            "by_relation": by_rel,
            "by_relation_kind": by_rel_kind,
            "by_origin": by_origin,
            "origin_agreement": agreement,
            "most_cited": [{"id": n, "name": names.get(n, n), "count": c} for n, c in cited],
            "unresolved": self._loose("kind = 'Document' AND resolved = 0", top),
            "no_identity": self._loose("no_identity = 1", top),
            "conflicts": self._loose("has_conflicts = 1", top, conflicts=True),
        }

    def _origins(self) -> tuple[dict[str, int], dict[str, int]]:
        """graph.queries.origin_counts in SQL: the counts by origin, the pairs compared only where a portal
        states one (an edge stored before edges carried `origin` is the text's). The portal's edges are found
        through their partial index (store_schema.PORTAL_EDGE), the total from the type index: no edge's
        attributes are decoded but those of the pairs a portal states."""
        types = json.dumps(list(q.DOC_RELATIONS))
        in_types = "src <> dst AND type IN (SELECT value FROM json_each(?))"
        total = self._query(f"SELECT count(*) FROM edges WHERE {in_types}", (types,))[0][0]
        # the portal's edges alone (the planner then takes their partial index), their types checked here
        listed = self._query(f"SELECT src, dst, type FROM edges WHERE {PORTAL_EDGE}")
        portal = sum(1 for u, v, t in listed if u != v and t in q.DOC_RELATIONS)
        by_origin = {k: n for k, n in (("portal", portal), ("text", total - portal)) if n}
        if not portal:
            return by_origin, {"pairs": 0, "same_type": 0}
        rows = self._query(
            "SELECT src, dst, type, coalesce(json_extract(attrs, '$.origin'), 'text') FROM edges WHERE "
            f"{in_types} AND (src, dst) IN (SELECT src, dst FROM edges WHERE {PORTAL_EDGE})",
            (types,),
        )
        return by_origin, q.origin_counts(rows)[1]

    def _loose(self, where: str, top: int, conflicts: bool = False) -> dict[str, Any]:
        count = self._query(f"SELECT count(*) FROM nodes WHERE {where}")[0][0]
        items = []
        for n, data in self._query(
            f"SELECT id, data FROM nodes WHERE {where} ORDER BY n_sources DESC, id LIMIT ?", (top,)
        ):
            d = json.loads(data)
            if conflicts:
                items.append(
                    {
                        "id": n,
                        "name": q.display_name(d, n),
                        "conflicts": d["conflicts"],
                        "sources": list(d.get("sources") or []),
                    }
                )
            else:
                items.append(q.loose_end(d, n))
        return {"count": count, "top": items}


def whole_graph(conn: sqlite3.Connection) -> nx.MultiDiGraph:
    """Every node and edge of the store, as graph.build.build_graph would make it from all the files."""
    H = nx.MultiDiGraph()
    _add_nodes(H, conn.execute("SELECT id, data FROM nodes ORDER BY id"))
    _add_edges(H, conn.execute(_EDGE_SELECT).fetchall())
    return H

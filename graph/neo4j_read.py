"""Reading PolicyGraph's graph back from Neo4j (the model is graph.neo4j_model's): :class:`Neo4jSource` is
the ``graph.source.GraphSource`` of a database: candidates for a reference by index, neighbourhoods breadth
first (one query per level), lineage walks sorted and cut by the server, a node's first edges each way,
stats by aggregate queries, files from the ``SourceFile`` nodes; never the whole graph (:func:`fetch_graph`
reads it all, for exports and tests).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import Any, Literal, NamedTuple

import neo4j
import networkx as nx
from neo4j import Driver

from ..ontology import vocab
from . import queries as q
from .neo4j_connect import read_records
from .neo4j_model import (
    _KEY_PROP,
    _NAMES_INDEX,
    _SORT_PROP,
    FILE_LABEL,
    MAX_DEPTH,
    NODE_KINDS,
    REL_TYPES,
    _edge_attrs,
    _from_props,
)
from .neo4j_store import _NODES_BY_ID
from .source import EdgeWay, edge_way
from .validity import STATUS_PROPERTIES

_FALSY_JSON = ["{}", "[]", "", "null", "false", 0, False]  # a JSON-encoded attribute that says "nothing"

__all__ = ["Neo4jSource", "fetch_around", "fetch_candidates", "fetch_graph", "fetch_neighbourhood", "files", "stats"]


# read back but not node attributes: the id is the node's key; the status is for Cypher users (the CLI
# works a status out itself, graph.validity)
_NOT_ATTRIBUTES = frozenset(("id", *STATUS_PROPERTIES))

# each kind's scalar attributes, None until a property says otherwise (Neo4j stores no None)
_BLANK = {kind: dict.fromkeys(attrs) for kind, attrs in vocab.SCALAR_NODE_ATTRIBUTES.items()}

# the list attributes of each kind: an empty list is no property at all in a bulk import's CSV
_LISTS = {
    kind: tuple(a for a in attrs if a in ("sources", "missing", "aliases"))
    for kind, attrs in vocab.NODE_ATTRIBUTES.items()
}


def _add_node(H: nx.MultiDiGraph, node_id: str, props: Mapping[str, Any]) -> None:
    kind = str(props.get("kind"))
    attrs = {**_BLANK.get(kind, {}), **_from_props(props, _NOT_ATTRIBUTES)}
    for name in _LISTS.get(kind, ("sources",)):
        attrs[name] = list(attrs.get(name) or ())
    H.add_node(node_id, **attrs)


def _add_edge(H: nx.MultiDiGraph, u: str, v: str, rel_type: str, props: Mapping[str, Any]) -> None:
    key, attrs = _edge_attrs(rel_type, props)
    if key is not None and not H.has_edge(u, v, key):
        H.add_edge(u, v, key=key, **attrs)
    else:
        H.add_edge(u, v, **attrs)


def _rel_order(record: Mapping[str, Any]) -> tuple[str, str, str, str]:
    return (str(record["u"]), str(record["v"]), str(record["type"]), str(record["props"].get(_KEY_PROP)))


def _add_edges(H: nx.MultiDiGraph, records: Iterable[Mapping[str, Any]]) -> None:
    """Add relationship records (``u``, ``v``, ``type``, ``props``) to `H` in one stable order (the
    order decides which of two edges with one key keeps it)."""
    for r in sorted(records, key=_rel_order):
        _add_edge(H, r["u"], r["v"], r["type"], r["props"])


def _add_nodes_by_id(H: nx.MultiDiGraph, driver: Driver, database: str | None, ids: Sequence[str]) -> None:
    """Add the nodes `ids` that Neo4j has to `H`."""
    for record in read_records(driver, database, _NODES_BY_ID, ids=list(ids)):
        _add_node(H, record["id"], record["props"])


_FETCH_NODES = "\nUNION ALL\n".join(f"MATCH (n:{k}) RETURN n.id AS id, properties(n) AS props" for k in NODE_KINDS)
_FETCH_RELS = "\nUNION ALL\n".join(
    f"MATCH (a)-[r:{t}]->(b) RETURN a.id AS u, b.id AS v, type(r) AS type, properties(r) AS props" for t in REL_TYPES
)


def fetch_graph(driver: Driver, *, database: str | None = None) -> nx.MultiDiGraph:
    """The whole graph back as a networkx MultiDiGraph shaped like docs/schema.md (exports, tests)."""
    H = nx.MultiDiGraph()
    for record in sorted(read_records(driver, database, _FETCH_NODES), key=lambda r: str(r["id"])):
        _add_node(H, record["id"], record["props"])
    _add_edges(H, read_records(driver, database, _FETCH_RELS))
    return H


_PATTERNS = {"out": "(s)-[r:{types}]->(m)", "in": "(s)<-[r:{types}]-(m)", "both": "(s)-[r:{types}]-(m)"}


# A brief walk's properties (graph.source.GraphSource.neighbourhood): the nodes' rule attributes, and
# what graph.queries orders parallel edges by (kind, file, where the evidence starts, key)
_BRIEF_NODE = "m {" + ", ".join(f".{a}" for a in q.RULE_ATTRIBUTES) + "}"
_BRIEF_REL = f"r {{.kind, .source_file, .source_path, .evidence_start, .{_KEY_PROP}}}"


@cache
def _step_query(direction: str, types: tuple[str, ...], brief: bool = False) -> str:
    """One breadth-first level: the relationships of the given (whitelisted) types at the frontier,
    grouped by the node at the other end, whose properties come once (a body with thousands of parallel
    ISSUED_BY edges would otherwise come back thousands of times), all in one record per label of the
    frontier (a record per node costs a Bolt message each: 11,000 of them took most of a second)."""
    pattern = _PATTERNS[direction].format(types="|".join(types))
    node, rel = (_BRIEF_NODE, _BRIEF_REL) if brief else ("properties(m)", "properties(r)")
    return "\nUNION ALL\n".join(
        f"MATCH (s:{k}) WHERE s.id IN $ids\nMATCH {pattern}\n"
        "WITH m, collect({rid: elementId(r), u: startNode(r).id, v: endNode(r).id, type: type(r),\n"
        f"                 props: {rel}}}) AS rels\n"
        f"RETURN collect({{mid: m.id, mprops: {node}, rels: rels}}) AS found"
        for k in NODE_KINDS
    )


def _step(
    driver: Driver,
    database: str | None,
    query: str,
    frontier: list[str],
    seen: set[str],
    rels: dict[str, Mapping[str, Any]],
) -> dict[str, Mapping[str, Any]]:
    """Run one level: add its relationships to `rels`; the properties of the nodes not `seen` yet."""
    found: dict[str, Mapping[str, Any]] = {}
    for record in read_records(driver, database, query, ids=frontier):
        for m in record["found"]:
            rels.update((r["rid"], r) for r in m["rels"])
            if m["mid"] not in seen:
                found[m["mid"]] = m["mprops"]
    return found


def _check_walk(direction: str, depth: int | None, types: Iterable[str] | None) -> tuple[str, int, tuple[str, ...]]:
    d = edge_way(direction)
    if d not in _PATTERNS:
        raise ValueError(f"direction must be 'out' ('up'), 'in' ('down') or 'both', not {direction!r}")
    depth = MAX_DEPTH if depth is None else int(depth)
    if not 0 <= depth <= MAX_DEPTH:
        raise ValueError(f"depth must be between 0 and {MAX_DEPTH}")
    wanted = tuple(REL_TYPES) if types is None else tuple(sorted(dict.fromkeys(types)))
    unknown = [t for t in wanted if t not in REL_TYPES]
    if unknown:
        raise ValueError(f"unknown relationship type(s): {', '.join(map(str, unknown))}")
    return d, depth, wanted


def fetch_neighbourhood(
    driver: Driver,
    ids: Iterable[str],
    direction: EdgeWay = "out",
    depth: int | None = 1,
    types: Iterable[str] | None = None,
    *,
    brief: bool = False,
    database: str | None = None,
) -> nx.MultiDiGraph:
    """The sub-graph reached from ``ids`` within ``depth`` hops along ``types`` (default: all).

    ``out`` (alias ``up``, as in graph.queries.lineage) follows edges forwards: what the seeds implement,
    cite, supersede; ``in`` (alias ``down``) backwards; ``both`` either way. ``depth`` None means
    :data:`MAX_DEPTH`. Breadth first, one query per level (linear in what is reached, where a
    variable-length pattern would enumerate every path): the seeds found, the nodes reached and every edge
    walked, so ``lineage(sub, seed, ...)`` answers as on the whole graph. ``brief``: the nodes reached
    carry only graph.queries.RULE_ATTRIBUTES and the relationships only what orders them (coverage counts
    and orders ten thousand documents and shows fifty).
    """
    d, depth, wanted = _check_walk(direction, depth, types)
    H = nx.MultiDiGraph()
    _add_nodes_by_id(H, driver, database, sorted({str(i) for i in ids}))
    if depth == 0 or not H or not wanted:
        return H
    rels: dict[str, Mapping[str, Any]] = {}
    frontier, seen = sorted(H.nodes), set(H.nodes)
    for _ in range(depth):
        nxt = _step(driver, database, _step_query(d, wanted, brief), frontier, seen, rels)
        for node_id in sorted(nxt):
            _add_node(H, node_id, nxt[node_id])
        seen.update(nxt)
        frontier = sorted(nxt)
        if not frontier:
            break
    _add_edges(H, rels.values())
    return H


_AROUND_PATTERNS = {"out": "(s)-[r]->(m)", "in": "(s)<-[r]-(m)"}


@cache
def _around_query(kind: str, side: str) -> str:
    """A node's first $limit edges on one side in graph.queries.show's order (document relations by rank,
    the other end's order key, kind, file, offset, key), with the other ends."""
    return (
        f"MATCH (s:{kind} {{id: $id}})\nMATCH {_AROUND_PATTERNS[side]} WHERE m <> s\n"
        f"WITH r, m ORDER BY {q.rank_case('type(r)')}, m.{_SORT_PROP}, coalesce(r.kind, ''), "
        f"coalesce(r.source_file, ''), coalesce(r.evidence_start, 0), r.{_KEY_PROP} LIMIT $limit\n"
        "RETURN startNode(r).id AS u, endNode(r).id AS v, type(r) AS type, properties(r) AS props, "
        "m.id AS mid, properties(m) AS mprops"
    )


@cache
def _around_counts_query(kind: str, side: str) -> str:
    """A node's edges on one side by type; `ordered`: how many lead to a node with an order key."""
    return (
        f"MATCH (s:{kind} {{id: $id}})\nMATCH {_AROUND_PATTERNS[side]} WHERE m <> s\n"
        f"RETURN type(r) AS type, count(*) AS n, count(m.{_SORT_PROP}) AS ordered ORDER BY type"
    )


def fetch_around(
    driver: Driver, node: str, limit: int | None, *, database: str | None = None
) -> tuple[nx.MultiDiGraph, dict[str, dict[str, int]]]:
    """graph.source.GraphSource.around_node: the node's first `limit` edges each way in show's order and
    its edge counts, sorted and cut by the server (a document ten thousand files cite sends 2 x `limit`
    edges, not ten thousand). A database pushed before order keys were written is read whole."""
    H = nx.MultiDiGraph()
    _add_nodes_by_id(H, driver, database, [node])
    counts: dict[str, dict[str, int]] = {"out": {}, "in": {}}
    if node not in H:
        return H, counts
    kind = str(H.nodes[node]["kind"])
    rows: list[neo4j.Record] = []
    for side in ("out", "in"):
        found = read_records(driver, database, _around_counts_query(kind, side), id=node)
        if any(r["ordered"] < r["n"] for r in found):
            from .source import around_whole

            return around_whole(Neo4jSource(driver, database), node)
        counts[side] = {r["type"]: int(r["n"]) for r in found}
        rows += read_records(
            driver,
            database,
            _around_query(kind, side),
            id=node,
            limit=sum(counts[side].values()) if limit is None else int(limit),
        )
    for r in rows:
        if r["mid"] not in H:
            _add_node(H, r["mid"], r["mprops"])
    _add_edges(H, rows)
    return H, counts


_WALK_PATTERNS = {"up": "(s)-[r:{types}]->(m)", "down": "(s)<-[r:{types}]-(m)"}


@cache
def _kids_query(direction: str, types: tuple[str, ...]) -> str:
    """Each parent document's first $bound distinct children in lineage order (the order key push writes),
    and how many of all its children lack that key (a database pushed before it: read whole instead)."""
    pattern = _WALK_PATTERNS[direction].format(types="|".join(types))
    return (
        "UNWIND $parents AS pid\nMATCH (s:Document {id: pid})\n"
        f"CALL {{ WITH s MATCH {pattern} WHERE m <> s WITH DISTINCT m "
        f"RETURN count(m) - count(m.{_SORT_PROP}) AS unsorted }}\n"
        f"CALL {{ WITH s MATCH {pattern} WHERE m <> s WITH DISTINCT m ORDER BY m.{_SORT_PROP}, m.id "
        "LIMIT $bound RETURN collect(m.id) AS kids }\n"
        "RETURN pid, kids, unsorted"
    )


@cache
def _pair_edges_query(direction: str, types: tuple[str, ...]) -> str:
    """The relationships of `types` between each (parent, child) pair, as fetch_neighbourhood's records."""
    pattern = _WALK_PATTERNS[direction].format(types="|".join(types))
    # both ends found by index, then the relationships between them (expanded from the end with fewer:
    # a central document has thousands)
    return (
        "UNWIND $pairs AS pair\nMATCH (s:Document {id: pair[0]})\nMATCH (m:Document {id: pair[1]})\n"
        f"MATCH {pattern}\n"
        "RETURN startNode(r).id AS u, endNode(r).id AS v, type(r) AS type, properties(r) AS props"
    )


@cache
def _reach_query(direction: str, types: tuple[str, ...]) -> str:
    """The ids one breadth-first level reaches from the frontier documents."""
    pattern = _WALK_PATTERNS[direction].format(types="|".join(types))
    return f"MATCH (s:Document) WHERE s.id IN $ids\nMATCH {pattern} WHERE m <> s\nRETURN collect(DISTINCT m.id) AS ids"


class _Unsorted(Exception):
    """A node without the order key: the database was pushed by an earlier version."""


class _Neo4jWalk:
    """graph.source.WalkSteps in Cypher (documents only: lineage's relations link documents)."""

    def __init__(self, driver: Driver, database: str | None) -> None:
        self.driver, self.database = driver, database

    def start(self, root: str) -> nx.MultiDiGraph:
        H = nx.MultiDiGraph()
        _add_nodes_by_id(H, self.driver, self.database, [root])
        return H

    def kids(
        self, parents: Sequence[str], direction: Literal["up", "down"], types: Sequence[str], bound: int
    ) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for r in read_records(
            self.driver, self.database, _kids_query(direction, tuple(types)), parents=list(parents), bound=bound
        ):
            if r["unsorted"]:
                raise _Unsorted(r["pid"])
            out[r["pid"]] = list(r["kids"])
        return out

    def edges(
        self, pairs: Sequence[tuple[str, str]], direction: Literal["up", "down"], types: Sequence[str]
    ) -> list[Any]:
        return read_records(
            self.driver, self.database, _pair_edges_query(direction, tuple(types)), pairs=[list(p) for p in pairs]
        )

    def complete(self, H: nx.MultiDiGraph, edges: list[Any]) -> None:
        ends = sorted({n for r in edges for n in (r["u"], r["v"])} - set(H))
        if ends:
            _add_nodes_by_id(H, self.driver, self.database, ends)
        _add_edges(H, edges)

    def reach_count(self, root: str, direction: Literal["up", "down"], depth: int | None, types: Sequence[str]) -> int:
        seen, frontier, level = {root}, [root], 0
        while frontier and (depth is None or level < depth):
            level += 1
            found = read_records(self.driver, self.database, _reach_query(direction, tuple(types)), ids=frontier)
            frontier = [i for i in found[0]["ids"] if i not in seen] if found else []
            seen.update(frontier)
        return len(seen) - 1


# ----------------------------------------------------------------------------------------- candidates


class _Keys(NamedTuple):
    id: str
    file: str
    symbols: list[str]
    numbers: list[str]
    phrase: str


_ID_PREFIXES = ("doc:", "ref:", "file:", "named:")


def _lookup_keys(ref: str) -> _Keys:
    """graph.queries.ref_keys (what resolve_ref may look `ref` up by) as this store's index keys: the id,
    the file name (lower case), the symbols, else the numbers and the names as full-text phrases.

    >>> _lookup_keys("Nghị quyết số 08-NQ/TU@Hải Phòng 2022")
    _Keys(id='Nghị quyết số 08-NQ/TU@Hải Phòng 2022', file='tu@hải phòng 2022', symbols=['8-nq/tu'], numbers=[], phrase='')
    >>> _lookup_keys("Nghị quyết Trung ương 4 (khóa XII)")[3:]
    (['4'], '"nghi quyet trung uong 4 (khoa xii)" OR "nghi quyet trung uong 4"')
    """
    k = q.ref_keys(ref)
    quoted = ['"' + n.replace("\\", "\\\\").replace('"', '\\"') + '"' for n in k.names if n.strip(" -,.;:()")]
    phrase = " OR ".join(quoted)
    base = k.ids[0].replace("\\", "/").rsplit("/", 1)[-1].lower()
    return _Keys(k.ids[0], base, sorted(k.symbols), sorted(k.numbers), phrase)


_RETURN_N = "RETURN n.id AS id, properties(n) AS props"
_BY_ID = [f"MATCH (n:{k} {{id: $id}}) {_RETURN_N}" for k in NODE_KINDS]
_BY_FILE = f"MATCH (n:Document) WHERE n.pg_file = $file {_RETURN_N}"
_BY_SYMBOL = f"MATCH (n:Document) WHERE n.pg_symbol IN $symbols {_RETURN_N}"
_BY_NUMBER = f"MATCH (n:Document) WHERE n.pg_number IN $numbers {_RETURN_N}"
_BY_NAME = f"CALL db.index.fulltext.queryNodes('{_NAMES_INDEX}', $phrase) YIELD node AS n {_RETURN_N}"


def fetch_candidates(driver: Driver, ref: str, *, database: str | None = None) -> nx.MultiDiGraph:
    """The nodes a typed reference may name, found by index, with their issuers (ISSUED_BY edges): a
    superset of what graph.queries.resolve_ref picks on the whole graph, which then decides on it."""
    keys = _lookup_keys(ref)
    parts = [*_BY_ID, _BY_FILE]
    parts += [_BY_SYMBOL] if keys.symbols else []
    parts += [_BY_NUMBER] if keys.numbers else []
    parts += [_BY_NAME] if keys.phrase else []
    H = nx.MultiDiGraph()
    records = read_records(driver, database, "\nUNION\n".join(parts), **keys._asdict())
    if keys.symbols and not records:  # "31/NQ-TW", "98/QH15": the same number, loosely (resolve_ref decides)
        numbers = sorted({q.symbol_number(sym) for sym in keys.symbols})
        records = read_records(driver, database, _BY_NUMBER, numbers=numbers)
    for record in sorted(records, key=lambda r: str(r["id"])):
        _add_node(H, record["id"], record["props"])
    docs = [n for n, d in H.nodes(data=True) if d.get("kind") == "Document"]
    rels: dict[str, Mapping[str, Any]] = {}
    issuers = _step(driver, database, _step_query("out", ("ISSUED_BY",)), docs, set(H), rels) if docs else {}
    for node_id in sorted(issuers):
        _add_node(H, node_id, issuers[node_id])
    _add_edges(H, rels.values())
    return H


# ------------------------------------------------------------------------------------------------ stats

_COUNT_KINDS = "\nUNION ALL\n".join(f"MATCH (n:{k}) RETURN '{k}' AS key, count(n) AS n" for k in NODE_KINDS)
_COUNT_TYPES = "\nUNION ALL\n".join(f"MATCH ()-[r:{t}]->() RETURN '{t}' AS key, count(r) AS n" for t in REL_TYPES)
_COUNT_LABELS = (
    "MATCH (n:Document) RETURN CASE WHEN coalesce(n.label, '') = '' THEN 'Document' "
    "ELSE toString(n.label) END AS key, count(*) AS n"
)
_COUNT_EDGE_KINDS = "\nUNION ALL\n".join(
    f"MATCH ()-[r:{t}]->() WHERE coalesce(r.kind, '') <> '' RETURN '{t}' AS type, r.kind AS key, count(*) AS n"
    for t in vocab.EDGE_KINDS
)
_DOC_RELS = "|".join(q.DOC_RELATIONS)
_COUNT_ORIGINS = f"MATCH ()-[r:{_DOC_RELS}]->() RETURN coalesce(r.origin, 'text') AS key, count(*) AS n"
_PORTAL_PAIRS = (
    f"MATCH (a)-[:{_DOC_RELS} {{origin: 'portal'}}]->(b) WHERE a <> b WITH DISTINCT a, b "
    f"MATCH (a)-[r:{_DOC_RELS}]->(b) RETURN a.id AS u, b.id AS v, type(r) AS t, "
    "coalesce(r.origin, 'text') AS o"
)
_COUNT_FILES = f"MATCH (f:{FILE_LABEL}) WHERE f.name <> '' RETURN count(f) AS n"
_MOST_CITED = (
    f"MATCH (d:Document) WITH d, COUNT {{ (d)<-[:{'|'.join(q.DOC_RELATIONS)}]-() }} AS c WHERE c > 0\n"
    "WITH d, c ORDER BY c DESC, d.id LIMIT $top\nRETURN d.id AS id, properties(d) AS props, c"
)
_LOOSE_ENDS = {
    "unresolved": "MATCH (n:Document) WHERE n.resolved = false",
    "no_identity": (
        "MATCH (n:Document) WHERE coalesce(n.symbol, '') = '' AND coalesce(n.title, '') = '' "
        "AND coalesce(n.name, '') = ''"
    ),
    "conflicts": (
        f"MATCH (n) WHERE ({' OR '.join(f'n:{k}' for k in NODE_KINDS)}) "
        "AND n.conflicts IS NOT NULL AND NOT n.conflicts IN $falsy"
    ),
}


def _loose_ends(driver: Driver, database: str | None, top: int) -> tuple[dict[str, int], list[neo4j.Record]]:
    """How many nodes each loose-end list holds, and its first `top` (most mentioned first, then id)."""
    totals: dict[str, int] = {}
    firsts: list[neo4j.Record] = []
    for name, match in _LOOSE_ENDS.items():
        totals[name] = int(read_records(driver, database, f"{match}\nRETURN count(n) AS n", falsy=_FALSY_JSON)[0]["n"])
        if totals[name] and top:
            firsts += read_records(
                driver,
                database,
                f"{match}\nWITH n ORDER BY size(coalesce(n.sources, [])) DESC, n.id LIMIT $top\n{_RETURN_N}",
                falsy=_FALSY_JSON,
                top=top,
            )
    return totals, firsts


def _pairs(records: Iterable[neo4j.Record]) -> dict[str, int]:
    return dict(sorted((str(r["key"]), int(r["n"])) for r in records if r["n"]))


def stats(driver: Driver, top: int = q.STATS_TOP, *, database: str | None = None) -> dict[str, Any]:
    """graph.queries.stats' answer, from aggregate queries (counts from Neo4j's count store, the lists cut
    to `top` in Cypher): the same shape and values, whatever the size of the database."""
    by_kind = _pairs(read_records(driver, database, _COUNT_KINDS))
    by_relation = _pairs(read_records(driver, database, _COUNT_TYPES))
    by_relation_kind: dict[str, dict[str, int]] = {}
    for r in read_records(driver, database, _COUNT_EDGE_KINDS):
        by_relation_kind.setdefault(str(r["type"]), {})[str(r["key"])] = int(r["n"])
    most = read_records(driver, database, _MOST_CITED, top=top) if top else []
    totals, firsts = _loose_ends(driver, database, top)
    H = nx.MultiDiGraph()
    for record in firsts:  # the lists' own rules (fields, order) are graph.queries.stats'
        _add_node(H, record["id"], record["props"])
    lists = q.stats(H, top)
    by_origin = _pairs(read_records(driver, database, _COUNT_ORIGINS))
    agreement = (
        q.origin_counts((r["u"], r["v"], r["t"], r["o"]) for r in read_records(driver, database, _PORTAL_PAIRS))
        if by_origin.get("portal")
        else (by_origin, {"pairs": 0, "same_type": 0})
    )
    return {
        "nodes": sum(by_kind.values()),
        "edges": sum(by_relation.values()),
        "files": int(read_records(driver, database, _COUNT_FILES)[0]["n"]),
        "by_kind": by_kind,
        "by_label": _pairs(read_records(driver, database, _COUNT_LABELS)) if by_kind.get("Document") else {},
        "by_relation": by_relation,
        "by_relation_kind": {t: dict(sorted(c.items())) for t, c in sorted(by_relation_kind.items())},
        "by_origin": by_origin,
        "origin_agreement": agreement[1],
        "most_cited": [
            {"id": r["id"], "name": q.display_name(_from_props(r["props"]), r["id"]), "count": int(r["c"])}
            for r in sorted(most, key=lambda r: (-int(r["c"]), str(r["id"])))
        ],
        **{name: {"count": totals[name], "top": lists[name]["top"]} for name in _LOOSE_ENDS},
    }


def files(driver: Driver, *, database: str | None = None) -> list[str]:
    """The names of the files pushed, sorted."""
    query = f"MATCH (f:{FILE_LABEL}) WHERE f.name <> '' RETURN f.name AS name"
    return sorted(str(r["name"]) for r in read_records(driver, database, query))


class Neo4jSource:
    """The :class:`graph.source.GraphSource` of a Neo4j database: candidates by index, neighbourhoods
    breadth first, stats by aggregate queries; never the whole database."""

    def __init__(self, driver: Driver, database: str | None = None) -> None:
        self.driver, self.database = driver, database

    def candidates(self, ref: str) -> nx.MultiDiGraph:
        return fetch_candidates(self.driver, ref, database=self.database)

    def neighbourhood(
        self,
        ids: Iterable[str],
        direction: EdgeWay,
        depth: int | None,
        types: Sequence[str] | None = None,
        brief: bool = False,
    ) -> nx.MultiDiGraph:
        return fetch_neighbourhood(self.driver, ids, direction, depth, types, brief=brief, database=self.database)

    def walk(
        self,
        root: str,
        direction: Literal["up", "down"],
        depth: int | None,
        types: Sequence[str],
        limit: int | None = None,
    ) -> tuple[nx.MultiDiGraph, int]:
        """With a limit and lineage's document relations, the first `limit` nodes in lineage order, sorted
        and cut by the server (graph.source.bounded_walk); else, or on a database pushed before order
        keys were written, the whole walk."""
        from .source import bounded_walk, walk_and_count

        if limit is not None and set(types) <= set(q.DOC_RELATIONS):
            try:
                return bounded_walk(_Neo4jWalk(self.driver, self.database), root, direction, depth, types, limit)
            except _Unsorted:
                pass
        return walk_and_count(self, root, direction, depth, types)

    def around_node(self, node: str, limit: int | None) -> tuple[nx.MultiDiGraph, dict[str, dict[str, int]]]:
        return fetch_around(self.driver, node, limit, database=self.database)

    def stats(self, top: int = q.STATS_TOP) -> dict[str, Any]:
        return stats(self.driver, top, database=self.database)

    def files(self) -> list[str]:
        return files(self.driver, database=self.database)

    def close(self) -> None:
        self.driver.close()

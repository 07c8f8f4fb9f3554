"""The Neo4j store against a real Neo4j (see conftest.neo4j_uri): push, replace, remove, round-trip,
concurrency, read-only Cypher (tests/test_neo4j_push.py: a killed server, the CLI, bulk import)."""

from __future__ import annotations

import json
import socket
import threading
from collections import Counter
from typing import Any

import networkx as nx
import pytest
from conftest import (
    BCT,
    D31,
    D45,
    D98,
    FILE_HCM,
    FILE_HP,
    FILE_PLAN,
    HCM08,
    HP08,
    PLAN150,
    REF14,
    REF_HP,
    TU_HP,
    doc_node,
    evidence,
    policy_graph,
    without_file,
)
from neo4j import exceptions as neo4j_errors
from neo4j_checks import assert_same_graph, canon, duplicate_ids, expected_counts

from policygraph.graph import neo4j_connect as nc
from policygraph.graph import neo4j_graph as ng
from policygraph.graph import neo4j_model as nm
from policygraph.graph import neo4j_read as nr
from policygraph.graph import neo4j_store as ns

pytestmark = pytest.mark.neo4j

# ----------------------------------------------------------------------------------------------- tests


def test_push_counts_and_properties(neo4j_db: Any, graph: nx.MultiDiGraph) -> None:
    summary = ng.push_graph(neo4j_db, graph)
    assert summary.files == 3
    assert summary.relationships == graph.number_of_edges() == 19
    counts = nc.counts(neo4j_db)
    assert counts == expected_counts(graph)
    assert counts["Document"] == 9 and counts["Resolution"] == 6 and counts["Body"] == 5
    assert counts["CITES"] == 5 and counts["IMPLEMENTS"] == 5 and counts["SUPERSEDES"] == 1

    # The two 08-NQ/TU stay two documents, with their labels.
    rows = nc.run_cypher(
        neo4j_db,
        "MATCH (d:Document {symbol: '08-NQ/TU'}) RETURN d.jurisdiction AS j, labels(d) AS labels ORDER BY j",
    )
    assert [r["j"] for r in rows] == ["Hải Phòng", "Thành phố Hồ Chí Minh"]
    assert all(sorted(r["labels"]) == ["Document", "Resolution"] for r in rows)

    # Evidence is flattened on the relationship; dicts become JSON strings; sources is a list.
    rel = nc.run_cypher(
        neo4j_db,
        "MATCH (:Document {id: $u})-[r:IMPLEMENTS]->(:Document {id: $v}) RETURN properties(r) AS p",
        {"u": HCM08, "v": D31},
    )[0]["p"]
    ev = evidence(FILE_HCM, "Nghị quyết số 31-NQ/TW")
    assert rel["evidence_file"] == FILE_HCM and rel["evidence_sentence"] == ev["sentence"]
    assert (rel["evidence_start"], rel["evidence_end"]) == (ev["start"], ev["end"])
    assert rel["kind"] == "implements" and rel["source_file"] == FILE_HCM
    node = nc.run_cypher(neo4j_db, "MATCH (d:Document {id: $id}) RETURN properties(d) AS p", {"id": HCM08})[0]["p"]
    assert isinstance(node["conflicts"], str) and json.loads(node["conflicts"])["date"][1]["file"] == FILE_PLAN
    assert node["sources"] == [FILE_HCM, FILE_PLAN]
    assert "pg_lock" not in node
    assert set(ns.loaded_files(neo4j_db)) == {FILE_HCM, FILE_HP, FILE_PLAN}


def test_push_twice_is_idempotent(neo4j_db: Any, graph: nx.MultiDiGraph) -> None:
    ng.push_graph(neo4j_db, graph)
    first = nc.counts(neo4j_db)
    again = ng.push_graph(neo4j_db, graph)  # nothing changed: every file is skipped
    assert (again.files, again.unchanged) == (0, 3)
    forced = ng.push_graph(neo4j_db, graph, batch_size=2, force=True)  # replaced in small batches
    assert (forced.files, forced.unchanged, forced.relationships) == (3, 0, 19)
    assert nc.counts(neo4j_db) == first
    assert_same_graph(nr.fetch_graph(neo4j_db), graph)


def test_fetch_graph_round_trips(neo4j_db: Any, graph: nx.MultiDiGraph) -> None:
    ng.push_graph(neo4j_db, graph)
    back = nr.fetch_graph(neo4j_db)
    assert_same_graph(back, graph)
    # Same answers from networkx queries on both graphs.
    for G in (graph, back):
        assert sorted(G.predecessors(D31)) == sorted([HCM08, HP08, PLAN150])
        assert G.nodes[HCM08]["conflicts"]["date"][0]["value"] == "2023-02-10"
        assert G.edges[HCM08, D98, f"CITES:{FILE_HCM}:{evidence(FILE_HCM, 'Nghị quyết số 98/2023/QH15', 2)['start']}"][
            "evidence"
        ]["sentence"].startswith("Tổ chức triển khai")


def test_repush_of_a_changed_file_replaces_its_statements(neo4j_db: Any, graph: nx.MultiDiGraph) -> None:
    ng.push_graph(neo4j_db, graph)
    changed = policy_graph()
    # The Hồ Chí Minh file no longer cites 14-KL/TW (so that reference disappears), cites 45-NQ/TW instead,
    # and its SUPERSEDES now says "amends".
    for u, v, k, d in list(changed.edges(keys=True, data=True)):
        if d["source_file"] == FILE_HCM and v == REF14:
            changed.remove_edge(u, v, k)
        if d["type"] == "SUPERSEDES":
            d["kind"] = "amends"
    changed.remove_node(REF14)
    changed.nodes[D45]["sources"] = sorted([*changed.nodes[D45]["sources"], FILE_HCM])
    ev = evidence(FILE_HCM, "Nghị quyết số 31-NQ/TW")
    changed.add_edge(HCM08, D45, key="CITES:new", type="CITES", kind=None, source_file=FILE_HCM, evidence=ev)
    changed.nodes[HCM08]["title"] = "về xây dựng Thành phố Hồ Chí Minh"

    summary = ng.push_graph(neo4j_db, changed, files=[FILE_HCM])
    assert summary.files == 1 and summary.removed_nodes == 1  # 14-KL/TW: nobody asserts it any more
    assert_same_graph(nr.fetch_graph(neo4j_db), changed)
    assert nc.counts(neo4j_db) == expected_counts(changed)
    stale = nc.run_cypher(neo4j_db, "MATCH (:Document {id: $id})-[r]->() RETURN type(r) AS t", {"id": HCM08})
    assert Counter(r["t"] for r in stale) == Counter(d["type"] for _, _, d in changed.out_edges(HCM08, data=True))


def test_remove_file(neo4j_db: Any, graph: nx.MultiDiGraph) -> None:
    ng.push_graph(neo4j_db, graph)
    removed = ns.remove_file(neo4j_db, FILE_HP)
    want = without_file(graph, FILE_HP)
    assert removed == 4  # HP08, 45-NQ/TW, the unresolved directive, Thành ủy Hải Phòng
    for node in (HP08, D45, REF_HP, TU_HP):
        assert node not in want
    assert_same_graph(nr.fetch_graph(neo4j_db), want)
    assert nc.counts(neo4j_db) == expected_counts(want)
    assert set(ns.loaded_files(neo4j_db)) == {FILE_HCM, FILE_PLAN}
    # Shared nodes lost only that file.
    got = nc.run_cypher(neo4j_db, "MATCH (n) WHERE n.id IN [$a, $b] RETURN n.id AS id, n.sources AS s ORDER BY id",
                        {"a": D31, "b": BCT})  # fmt: skip
    assert {r["id"]: r["s"] for r in got} == {D31: [FILE_HCM, FILE_PLAN], BCT: [FILE_HCM]}
    # Removing every file empties the database (nothing but the schema is left).
    ns.remove_file(neo4j_db, FILE_HCM)
    ns.remove_file(neo4j_db, FILE_PLAN)
    assert nc.counts(neo4j_db) == {}
    assert ns.remove_file(neo4j_db, "never-loaded.txt") == 0
    assert nc.counts(neo4j_db) == {}


def test_node_only_referenced_by_another_file(neo4j_db: Any) -> None:
    """An edge whose endpoint its file does not assert: the node lives while someone links to it."""
    G = nx.MultiDiGraph()
    G.add_node("doc:A", **doc_node(label="Law", symbol="1/2020/QH14", sources=["a.txt"]))
    G.add_node("doc:B", **doc_node(label="Decree", symbol="2/2021/NĐ-CP", sources=["b.txt"]))
    G.add_node("doc:X", **doc_node(label="Document", resolved=False, missing=["symbol"], sources=["a.txt"]))
    G.add_edge("doc:B", "doc:X", key="k1", type="CITES", kind=None, source_file="b.txt", evidence=None)
    G.add_edge("doc:B", "doc:A", key="k2", type="IMPLEMENTS", kind="based_on", source_file="b.txt",
               evidence={"file": "b.txt", "start": 0, "end": 5, "sentence": "Căn cứ"})  # fmt: skip
    ng.push_graph(neo4j_db, G, files=["b.txt"])  # doc:A and doc:X exist before a.txt is pushed
    rows = nc.run_cypher(neo4j_db, "MATCH (d:Document) RETURN d.id AS id, d.sources AS s ORDER BY id")
    # Neo4j mirrors the graph's properties: `sources` says a.txt, whether or not a.txt was pushed yet
    assert rows == [{"id": "doc:A", "s": ["a.txt"]}, {"id": "doc:B", "s": ["b.txt"]}, {"id": "doc:X", "s": ["a.txt"]}]
    assert set(ns.loaded_files(neo4j_db)) == {"b.txt"}
    ng.push_graph(neo4j_db, G)
    assert_same_graph(nr.fetch_graph(neo4j_db), G)
    ns.remove_file(neo4j_db, "a.txt")  # doc:A and doc:X are still linked from b.txt: kept
    assert nc.counts(neo4j_db)["Document"] == 3
    ns.remove_file(neo4j_db, "b.txt")  # now nobody asserts or links them
    assert nc.counts(neo4j_db) == {}


def test_push_rows_streams_the_row_set_contract(neo4j_db: Any) -> None:
    """The writer's own input, as a store streams it: per-file rows, a removal with the shared node's new
    properties, and a gone node."""
    law = {**doc_node(label="Law", symbol="19/2012/QH13", number="19"), "sources": ["a.txt", "b.txt"]}
    a = {**doc_node(label="Resolution", symbol="1-NQ/TU", source_file="a.txt"), "sources": ["a.txt"]}
    b = {**doc_node(label="Plan", symbol="2-KH/TU", source_file="b.txt"), "sources": ["b.txt"]}
    ev = {"file": "a.txt", "start": 0, "end": 12, "sentence": "Căn cứ Luật số 19/2012/QH13"}

    def rows(file: str, doc: str, attrs: dict[str, Any], law_attrs: dict[str, Any]) -> nm.FileRows:
        rel = nm.relationship_row(
            doc,
            "doc:law",
            f"IMPLEMENTS:{file}:0",
            {"type": "IMPLEMENTS", "kind": "based_on", "source_file": file, "evidence": {**ev, "file": file}},
        )
        nodes = [nm.node_row(doc, attrs), nm.node_row("doc:law", law_attrs)]
        return nm.FileRows(file, f"{file}-v1", nodes, [rel])

    summary = ns.push_rows(neo4j_db, iter([rows("a.txt", "doc:a", a, law), rows("b.txt", "doc:b", b, law)]))
    assert (summary.files, summary.relationships, summary.transactions) == (2, 2, 1)
    assert ns.push_rows(neo4j_db, [rows("a.txt", "doc:a", a, law)]).unchanged == 1  # same digest: skipped
    # b.txt leaves the store: the law loses it from its sources, b's own document is gone
    law_now = {**law, "sources": ["a.txt"]}
    ns.push_rows(neo4j_db, [nm.FileRows("b.txt", None, [nm.node_row("doc:law", law_now)], (), ["doc:b"])])
    got = nr.fetch_graph(neo4j_db)
    assert sorted(got.nodes) == ["doc:a", "doc:law"]
    assert got.nodes["doc:law"]["sources"] == ["a.txt"] and got.nodes["doc:law"]["label"] == "Law"
    assert [(u, v, d["kind"], d["evidence"]["sentence"]) for u, v, d in got.edges(data=True)] == [
        ("doc:a", "doc:law", "based_on", ev["sentence"])
    ]
    assert set(ns.loaded_files(neo4j_db)) == {"a.txt"}


def test_labels_are_whitelisted_and_types_validated(neo4j_db: Any) -> None:
    G = nx.MultiDiGraph()
    G.add_node("doc:evil", kind="Document", label="Resolution:Admin) DETACH DELETE n //", sources=["e.txt"])
    G.add_node("doc:ok", kind="Document", label="Decree", sources=["e.txt"])
    ng.push_graph(neo4j_db, G)
    rows = nc.run_cypher(neo4j_db, "MATCH (d:Document) RETURN d.id AS id, labels(d) AS l, d.label AS label ORDER BY id")
    assert [sorted(r["l"]) for r in rows] == [["Document"], ["Decree", "Document"]]
    assert rows[0]["label"].startswith("Resolution:Admin")  # kept as data, never as Cypher
    G.add_edge("doc:ok", "doc:evil", type="LIKES", source_file="e.txt")
    with pytest.raises(ValueError, match="LIKES"):
        ng.push_graph(neo4j_db, G)
    bad = nx.MultiDiGraph()
    bad.add_node("x", kind="Person", sources=["e.txt"])
    with pytest.raises(ValueError, match="Person"):
        ng.push_graph(neo4j_db, bad)
    assert nc.counts(neo4j_db)["Document"] == 2  # nothing half-written by the failed pushes


def test_changed_label_replaces_the_old_one(neo4j_db: Any, graph: nx.MultiDiGraph) -> None:
    ng.push_graph(neo4j_db, graph)
    graph.nodes[REF14]["label"] = "Resolution"
    ng.push_graph(neo4j_db, graph, files=[FILE_HCM])
    rows = nc.run_cypher(neo4j_db, "MATCH (d:Document {id: $id}) RETURN labels(d) AS l", {"id": REF14})
    assert sorted(rows[0]["l"]) == ["Document", "Resolution"]


def test_concurrent_pushes_create_no_duplicates(neo4j_db: Any, graph: nx.MultiDiGraph) -> None:
    errors: list[BaseException] = []

    def push(files: list[str] | None) -> None:
        try:
            for _ in range(3):
                ng.push_graph(neo4j_db, policy_graph(), files=files, batch_size=3, force=True)
        except BaseException as exc:  # reported below
            errors.append(exc)

    workers = [
        threading.Thread(target=push, args=(None,)),
        threading.Thread(target=push, args=(None,)),
        threading.Thread(target=push, args=([FILE_PLAN, FILE_HP, FILE_HCM],)),
    ]
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=300)
    assert not errors, errors
    assert duplicate_ids(neo4j_db) == []
    assert nc.counts(neo4j_db) == expected_counts(graph)
    assert_same_graph(nr.fetch_graph(neo4j_db), graph)  # no lost update of `sources`


def test_read_only_cypher_refuses_writes(neo4j_db: Any, graph: nx.MultiDiGraph) -> None:
    ng.push_graph(neo4j_db, graph)
    before = nc.counts(neo4j_db)
    with pytest.raises(neo4j_errors.ClientError) as info:
        nc.run_cypher(neo4j_db, "CREATE (n:Document {id: 'doc:intruder'}) RETURN n")
    assert "AccessMode" in (info.value.code or "")
    with pytest.raises(neo4j_errors.ClientError):
        nc.run_cypher(neo4j_db, "MATCH (n) DETACH DELETE n")
    assert nc.counts(neo4j_db) == before
    rows = nc.run_cypher(neo4j_db, "MATCH (d:Document {id: $id}) SET d.reviewed = true RETURN d.reviewed AS r",
                         {"id": D98}, write=True)  # fmt: skip
    assert rows == [{"r": True}]


def test_run_cypher_returns_plain_values(neo4j_db: Any, graph: nx.MultiDiGraph) -> None:
    ng.push_graph(neo4j_db, graph)
    rows = nc.run_cypher(
        neo4j_db,
        "MATCH p = (a:Document {id: $id})-[r:IMPLEMENTS]->(b:Document {id: $to}) RETURN a, r, p",
        {"id": PLAN150, "to": HCM08},
    )
    assert len(rows) == 1
    a, r, p = rows[0]["a"], rows[0]["r"], rows[0]["p"]
    assert a["_labels"] == ["Document", "Plan"] and a["symbol"] == "150/KH-UBND"
    assert r["type"] == "IMPLEMENTS" and r["_start"] == PLAN150 and r["_end"] == HCM08
    assert r["evidence"]["sentence"].startswith("Thực hiện Nghị quyết số 08-NQ/TU")
    assert [n["id"] for n in p["nodes"]] == [PLAN150, HCM08]
    assert p["nodes"][1]["conflicts"]["date"][1]["value"] == "2023-02-11"
    json.dumps(rows, ensure_ascii=False)  # JSON-friendly


def _nx_neighbourhood(
    G: nx.MultiDiGraph, seeds: list[str], direction: str, depth: int, types: list[str]
) -> tuple[set[str], set[tuple[str, str, str]]]:
    """The embedded answer: nodes within `depth` hops and the edges on those paths."""
    H = nx.MultiDiGraph()
    H.add_nodes_from(G.nodes)
    H.add_edges_from((u, v, k) for u, v, k, d in G.edges(keys=True, data=True) if d["type"] in types)
    walk = H.reverse(copy=False) if direction == "in" else H.to_undirected(as_view=True) if direction == "both" else H
    dist: dict[str, int] = {}
    for s in seeds:
        for n, d in nx.single_source_shortest_path_length(walk, s, cutoff=depth).items():
            dist[n] = min(d, dist.get(n, d))
    edges = set()
    for u, v, k in H.edges(keys=True):
        if direction == "out" and dist.get(u, depth) < depth:
            edges.add((u, v, k))
        elif direction == "in" and dist.get(v, depth) < depth:
            edges.add((u, v, k))
        elif direction == "both" and min(dist.get(u, depth), dist.get(v, depth)) < depth:
            edges.add((u, v, k))
    return set(dist), edges


@pytest.mark.parametrize(
    ("seeds", "direction", "depth", "types"),
    [
        ([D31], "in", 2, ["IMPLEMENTS"]),
        ([D31], "in", 1, ["IMPLEMENTS", "CITES"]),
        ([PLAN150], "out", 2, ["CITES", "IMPLEMENTS", "SUPERSEDES"]),
        ([PLAN150], "out", 3, list(nm.REL_TYPES)),
        ([HP08, D98], "both", 2, ["CITES", "IMPLEMENTS", "SUPERSEDES"]),
        ([HCM08], "both", 1, list(nm.REL_TYPES)),
    ],
)
def test_fetch_neighbourhood_matches_networkx(
    neo4j_db: Any, graph: nx.MultiDiGraph, seeds: list[str], direction: str, depth: int, types: list[str]
) -> None:
    ng.push_graph(neo4j_db, graph)
    sub = nr.fetch_neighbourhood(neo4j_db, seeds, direction, depth, types)  # type: ignore[arg-type]
    nodes, edges = _nx_neighbourhood(graph, seeds, direction, depth, types)
    assert set(sub.nodes) == nodes
    assert set(sub.edges(keys=True)) == edges
    for n in sub.nodes:
        assert canon(sub.nodes[n]) == canon(graph.nodes[n])
    for u, v, k in sub.edges(keys=True):
        assert canon(sub.edges[u, v, k]) == canon(graph.edges[u, v, k])


@pytest.mark.parametrize("direction", ["up", "down", "both"])
@pytest.mark.parametrize("depth", [1, 2, None])
def test_lineage_from_the_neighbourhood_equals_embedded_lineage(
    neo4j_db: Any, graph: nx.MultiDiGraph, direction: str, depth: int | None
) -> None:
    from policygraph.graph.queries import lineage

    ng.push_graph(neo4j_db, graph)
    types = ("IMPLEMENTS", "CITES", "SUPERSEDES")
    for root in (D31, HCM08, PLAN150, D98):
        parts = ["up", "down"] if direction == "both" else [direction]
        sub = nx.compose_all([nr.fetch_neighbourhood(neo4j_db, [root], p, depth, types) for p in parts])  # type: ignore[arg-type]

        def hops(G: nx.MultiDiGraph, root: str = root) -> list[tuple[Any, ...]]:
            tree = lineage(G, root, direction, depth, types)  # type: ignore[arg-type]
            return [(h.node, h.direction, h.depth, h.edge_type, h.edge_kind, h.seen, len(h.edges)) for h in tree.walk()]

        assert hops(sub) == hops(graph), (root, direction, depth)


def test_fetch_neighbourhood_validates(neo4j_db: Any) -> None:
    with pytest.raises(ValueError):
        nr.fetch_neighbourhood(neo4j_db, [D31], "sideways", 1)  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        nr.fetch_neighbourhood(neo4j_db, [D31], "out", nm.MAX_DEPTH + 1)
    with pytest.raises(ValueError):
        nr.fetch_neighbourhood(neo4j_db, [D31], "out", 1, ["CITES]->() DETACH DELETE n //"])
    assert nr.fetch_neighbourhood(neo4j_db, ["doc:nothing"], "out", 2).number_of_nodes() == 0


def test_connect_reports_unreachable_server_in_one_line() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens there once closed
    with pytest.raises(nm.Neo4jUnavailable) as info:
        nc.connect(f"bolt://127.0.0.1:{port}")
    assert "\n" not in str(info.value) and f"127.0.0.1:{port}" in str(info.value)
    with pytest.raises(nm.Neo4jUnavailable):
        nc.connect("http://127.0.0.1:7474")

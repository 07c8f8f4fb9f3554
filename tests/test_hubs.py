"""A hub — a central document stated by many files — shows its first SOURCES_SHOWN files and how many
there are in every answer, the same from the store (which keeps that brief beside the whole node) and
from the whole graph; exports keep every file; a store made before the brief gets it from its next writer."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import pytest
from typer.testing import CliRunner

import policygraph.cli  # noqa: F401  (registers the commands)
from policygraph.cli.app import app
from policygraph.graph import coverage as cov
from policygraph.graph import ingest
from policygraph.graph import queries as q
from policygraph.graph.store import Store, open_source, read_graph

HUB = "doc:31-NQ/TW@2022-12-30"
FILES = q.SOURCES_SHOWN + 5


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hub")
    found = []
    for i in range(1, FILES + 1):
        p = folder / f"kh{i:02}.txt"
        p.write_text(
            f"THÀNH ỦY HẢI PHÒNG\nSố {i}-KH/TU\nHải Phòng, ngày {i} tháng 01 năm 2023\nKẾ HOẠCH\n"
            "Thực hiện Nghị quyết số 31-NQ/TW ngày 30/12/2022 của Bộ Chính trị.",
            encoding="utf-8",
        )
        found.append(ingest.Found(str(p), p.name))
    path = folder / "g.db"
    ingest.load_files(path, found, jobs=1)
    return path


def _answers(src: object, G: object) -> None:
    """Lineage, show and coverage of the hub from the store equal those from the whole graph."""
    from policygraph.cli.common import around

    H, total = src.walk(HUB, "down", None, q.DOC_RELATIONS, 100)  # type: ignore[attr-defined]
    tree = q.lineage(H, HUB, "down", None, q.DOC_RELATIONS, 100)
    tree.total = total
    whole = q.lineage(G, HUB, "down", None, q.DOC_RELATIONS, 100)  # type: ignore[arg-type]
    whole.total = total
    assert q.lineage_to_dict(tree) == q.lineage_to_dict(whole)
    A, counts = src.around_node(HUB, 10)  # type: ignore[attr-defined]
    assert q.show(A, HUB, 10, counts) == q.show(G, HUB, 10)  # type: ignore[arg-type]
    C = around(src, HUB, [("down", None, ("IMPLEMENTS",))], unnamed_only=True)  # type: ignore[arg-type]
    assert cov.coverage_to_dict(cov.coverage(C, HUB)) == cov.coverage_to_dict(cov.coverage(G, HUB))  # type: ignore[arg-type]


def test_answers_show_a_hubs_first_files_and_how_many_exports_keep_all(store: Path) -> None:
    G = read_graph(store)
    assert len(G.nodes[HUB]["sources"]) == FILES  # the whole graph (exports) keeps every file
    with closing(open_source(store)) as src:
        attrs = q.lineage(
            *src.walk(HUB, "down", None, q.DOC_RELATIONS, 100)[:1], HUB, "down", None, q.DOC_RELATIONS, 100
        ).attrs
        assert attrs["sources"] == sorted(G.nodes[HUB]["sources"])[: q.SOURCES_SHOWN] and attrs["n_sources"] == FILES
        _answers(src, G)
    r = CliRunner().invoke(app, ["show", "31-NQ/TW", "--store", str(store)], env={"COLUMNS": "250"})
    assert r.exit_code == 0 and f"{FILES} in all" in r.output and "n_sources" not in r.output, r.output


def test_a_store_made_before_the_brief_reads_the_same_and_gets_it_from_its_next_writer(
    store: Path, tmp_path: Path
) -> None:
    old = tmp_path / "old.db"
    with sqlite3.connect(store) as conn:
        conn.execute("VACUUM INTO ?", (str(old),))
    with sqlite3.connect(old) as conn:
        conn.execute("DROP TABLE briefs")
    G = read_graph(store)
    with closing(open_source(old)) as src:
        _answers(src, G)
    with Store.open(old):
        pass
    _check_briefs(old)
    with closing(open_source(old)) as src:
        _answers(src, G)


def _check_briefs(path: Path) -> None:
    """A brief for every hub, none for any other node, each brief_attrs of the node's whole data."""
    with sqlite3.connect(path) as conn:
        rows = conn.execute(
            "SELECT n.id, n.n_sources, b.data, n.data FROM nodes n LEFT JOIN briefs b ON b.id = n.id"
        ).fetchall()
    hubs = {n: (json.loads(brief), json.loads(data)) for n, k, brief, data in rows if k > q.SOURCES_SHOWN}
    assert HUB in hubs and all(brief == q.brief_attrs(data) for brief, data in hubs.values())
    assert all(brief is None for n, k, brief, _ in rows if k <= q.SOURCES_SHOWN)


def test_briefs_follow_the_hubs_as_files_come_and_go(store: Path, tmp_path: Path) -> None:
    """Removing files until the hub is stated by SOURCES_SHOWN files drops its brief; loading them again
    brings it back."""
    from policygraph.graph.ingest import remove_files

    copy = tmp_path / "g.db"
    with sqlite3.connect(store) as conn:
        conn.execute("VACUUM INTO ?", (str(copy),))
    _check_briefs(copy)
    remove_files(copy, [f"kh{i:02}.txt" for i in range(1, FILES - q.SOURCES_SHOWN + 1)])
    with sqlite3.connect(copy) as conn:
        assert conn.execute("SELECT count(*) FROM briefs WHERE id = ?", (HUB,)).fetchone()[0] == 0
    with closing(open_source(copy)) as src:
        _answers(src, read_graph(copy))


@pytest.mark.neo4j
def test_neo4j_answers_a_hub_alike_sending_only_the_edges_shown(store: Path, neo4j_db: object) -> None:
    """Neo4j sorts and cuts a hub's edges for `show` (its first N each way, by the order key push writes)
    and a lineage walk's children (its first `--limit` nodes), answering as the whole graph does; a
    database pushed before order keys were written is read whole."""
    from policygraph.graph import neo4j_connect as nc
    from policygraph.graph import neo4j_read as nr
    from policygraph.graph.store_push import push_store

    G = read_graph(store)
    with closing(open_source(store)) as src:
        push_store(neo4j_db, src)
    neo = nr.Neo4jSource(neo4j_db)
    _answers(neo, G)
    A, counts = neo.around_node(HUB, 3)
    assert len(A.in_edges(HUB)) == 3 and A.number_of_edges() <= 6 and counts["in"] == {"IMPLEMENTS": FILES}
    assert q.show(A, HUB, 3, counts) == q.show(G, HUB, 3)  # type: ignore[arg-type]

    def walked(limit: int) -> tuple[dict[str, object], int]:
        H, total = neo.walk(HUB, "down", None, q.DOC_RELATIONS, limit)
        tree = q.lineage_to_dict(q.lineage(H, HUB, "down", None, q.DOC_RELATIONS, limit, total=total))
        return tree, H.number_of_nodes()

    whole = q.lineage_to_dict(q.lineage(G, HUB, "down", None, q.DOC_RELATIONS, 3))  # type: ignore[arg-type]
    tree, fetched = walked(3)
    assert tree == whole and fetched == 4 and tree["total"] == FILES  # the first 3, cut by the server
    nc.run_cypher(neo4j_db, "MATCH (n:Document) WHERE n.symbol = '1-KH/TU' REMOVE n.pg_sort", write=True)
    A, counts = neo.around_node(HUB, 3)
    assert A.number_of_edges() == sum(n for side in counts.values() for n in side.values())  # read whole
    assert q.show(A, HUB, 3, counts) == q.show(G, HUB, 3)  # type: ignore[arg-type]
    tree, fetched = walked(3)
    assert tree == whole and fetched == FILES + 1  # read whole


def test_a_view_of_a_hub_draws_what_lineage_shows(store: Path, tmp_path: Path) -> None:
    """`view --limit N` draws each way what `lineage --limit N` shows, alike from the store (which fetches
    only that) and from the whole graph, and says how many documents the walk reaches."""
    from policygraph.graph.source import MemorySource
    from policygraph.visualisations.scope import focus_view

    G = read_graph(store)
    whole = focus_view(MemorySource(G), HUB, "down", 2, q.DOC_RELATIONS, (), 3)
    with closing(open_source(store)) as src:
        cut = focus_view(src, HUB, "down", 2, q.DOC_RELATIONS, (), 3)
    tree = q.lineage(G, HUB, "down", 2, q.DOC_RELATIONS, 3)
    assert set(cut.graph) == set(whole.graph) == {HUB, *tree.nodes()} and len(tree.nodes()) == 3
    assert sorted(cut.graph.edges(keys=True)) == sorted(whole.graph.edges(keys=True))
    assert cut.reached == whole.reached == FILES
    r = CliRunner().invoke(
        app, ["view", "31-NQ/TW", "--down", "--limit", "3", "-o", str(tmp_path / "v.html"), "--store", str(store)]
    )
    assert r.exit_code == 0, r.output
    assert f"the first 3 of {FILES} documents reached" in r.stderr

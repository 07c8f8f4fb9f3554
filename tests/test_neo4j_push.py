"""Pushing to a real Neo4j (see conftest.neo4j_uri) as users do: a server killed in the middle of a push,
the CLI's push and cypher, the store streamed against the whole graph, a bulk import, origin."""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import socket
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from conftest import (
    D31,
    D98,
    FILE_HP,
    ROOT,
    neo4j_local,
    save_graph,
    without_file,
)
from neo4j import GraphDatabase
from neo4j_checks import assert_same_graph, expected_counts

from policygraph.graph import neo4j_connect as nc
from policygraph.graph import neo4j_graph as ng
from policygraph.graph import neo4j_read as nr
from policygraph.graph import neo4j_store as ns

pytestmark = pytest.mark.neo4j

# ------------------------------------------------------------------------------------------ crash test


def _bench_module() -> Any:
    spec = importlib.util.spec_from_file_location("bench_neo4j_load", ROOT / "bench" / "bench_neo4j_load.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _per_file_state(driver: Any) -> tuple[set[str], Counter[str], set[str]]:
    """The files Neo4j holds, its relationships per file, the ids of its nodes."""
    files = {r["f"] for r in nc.run_cypher(driver, "MATCH (f:SourceFile) RETURN f.name AS f")}
    rels = Counter(
        {r["f"]: r["n"] for r in nc.run_cypher(driver, "MATCH ()-[r]->() RETURN r.source_file AS f, count(*) AS n")}
    )
    nodes = {r["id"] for r in nc.run_cypher(driver, "MATCH (n) WHERE n.id IS NOT NULL RETURN n.id AS id")}
    return files, rels, nodes


def _touched(G: nx.MultiDiGraph) -> dict[str, set[str]]:
    """file -> the nodes it asserts or its edges touch (what its row set writes)."""
    out: dict[str, set[str]] = {}
    for n, d in G.nodes(data=True):
        for f in d["sources"]:
            out.setdefault(f, set()).add(n)
    for u, v, d in G.edges(data=True):
        out.setdefault(d["source_file"], set()).update((u, v))
    return out


def test_killed_server_leaves_no_half_loaded_file(neo4j_db: Any, tmp_path: Path) -> None:
    """kill -9 Neo4j during a large push: after restart each file is entirely there or absent, and a
    re-push converges to the counts of a clean push."""
    G = _bench_module().synthetic_graph(n_docs=4000, n_files=200, seed=11)
    want_rels = Counter(d["source_file"] for *_, d in G.edges(data=True))
    touched = _touched(G)
    all_files = set(touched)

    state_dir = tmp_path / "crash-neo4j"
    port = _free_port()
    uri = neo4j_local("start", state_dir, port)
    try:
        # Short retry budget: the push must give up soon after the server dies.
        driver = GraphDatabase.driver(uri, auth=None, max_transaction_retry_time=2.0, connection_timeout=3.0)
        errors: list[BaseException] = []

        def push() -> None:
            try:
                ng.push_graph(driver, G, batch_size=50)
            except BaseException as exc:
                errors.append(exc)

        ns.ensure_schema(driver)
        worker = threading.Thread(target=push)
        worker.start()
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            n = nc.run_cypher(driver, "MATCH (f:SourceFile) RETURN count(f) AS n")[0]["n"]
            if n >= 20:
                break
            time.sleep(0.05)
        pid = int((state_dir / "neo4j.pid").read_text())
        os.kill(pid, signal.SIGKILL)
        worker.join(timeout=120)
        assert not worker.is_alive()
        assert errors, "the push finished before the kill: make the graph larger"
        driver.close()

        assert neo4j_local("start", state_dir, port) == uri  # recovery happens here
        driver = GraphDatabase.driver(uri, auth=None)
        try:
            files, rels, nodes = _per_file_state(driver)
            assert 20 <= len(files) < len(all_files)
            for f in sorted(all_files):
                if f in files:  # fully there
                    assert rels[f] == want_rels[f], f
                    assert touched[f] <= nodes, f
                else:  # or absent
                    assert rels[f] == 0, f
            # and no node is there that no file fully there wrote
            assert nodes == set().union(*(touched[f] for f in files))
            ng.push_graph(driver, G)
            after_crash = nc.counts(driver)
        finally:
            driver.close()
    finally:
        neo4j_local("stop", state_dir)
    assert neo4j_local("status", state_dir) == "stopped"

    ng.push_graph(neo4j_db, G)  # a clean push on the session's database
    assert nc.counts(neo4j_db) == after_crash == expected_counts(G)


# ------------------------------------------------------------------------------------------------ the CLI


def test_cli_push_and_cypher(neo4j_db: Any, neo4j_uri: str, graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    import policygraph.cli  # noqa: F401  (registers every command)
    from policygraph.cli.app import app

    store = tmp_path / "g.store.json"
    save_graph(store, graph)
    runner = CliRunner()
    env = {"NEO4J_URI": neo4j_uri, "COLUMNS": "200"}
    auth = [a for k, a in (("--user", os.environ.get("NEO4J_USER")), ("--password", os.environ.get("NEO4J_PASSWORD")),
                           ("--database", os.environ.get("NEO4J_DATABASE"))) if a for a in (k, a)]  # fmt: skip

    r = runner.invoke(app, ["push", "--store", str(store), "--json", *auth], env=env)
    assert r.exit_code == 0, r.output
    summary = json.loads(r.stdout)
    assert (summary["files"], summary["relationships"]) == (3, 19)
    assert summary["counts"] == expected_counts(graph)
    r = runner.invoke(app, ["push", "--store", str(store), "--json", *auth], env=env)
    assert json.loads(r.stdout)["unchanged_files"] == 3

    r = runner.invoke(app, ["cypher", "--file", str(ROOT / "queries" / "most_cited.cypher"), "-p", "limit=1",
                            "--json", *auth], env=env)  # fmt: skip
    assert r.exit_code == 0, r.output
    assert [row["id"] for row in json.loads(r.stdout)] == [D31]
    r = runner.invoke(app, ["cypher", "MATCH (d:Document {symbol: $s}) RETURN d.jurisdiction AS j ORDER BY j",
                            "-p", "s=08-NQ/TU", *auth], env=env)  # fmt: skip
    assert r.exit_code == 0 and "Hải Phòng" in r.stdout and "2 row(s)" in r.stdout

    r = runner.invoke(app, ["cypher", "CREATE (n:Document {id: 'x'})", *auth], env=env)
    assert r.exit_code == 2 and "AccessMode" in r.stderr and "--write" in r.stderr
    r = runner.invoke(app, ["cypher", "MATCH (d:Document {id: $id}) SET d.seen = true RETURN d.seen AS s",
                            "-p", f"id={D98}", "--write", "--json", *auth], env=env)  # fmt: skip
    assert r.exit_code == 0 and json.loads(r.stdout) == [{"s": True}]

    r = runner.invoke(app, ["push", "--remove", FILE_HP, "--json", *auth], env=env)
    assert r.exit_code == 0 and json.loads(r.stdout)["removed_files"] == [FILE_HP]
    assert nc.counts(neo4j_db) == expected_counts(without_file(graph, FILE_HP))

    r = runner.invoke(app, ["cypher", "RETURN 1"], env={"NEO4J_URI": f"bolt://127.0.0.1:{_free_port()}"})
    assert r.exit_code == 2 and r.stderr.count("\n") == 1 and "cannot reach Neo4j" in r.stderr


def test_the_store_streams_the_same_graph_as_the_whole_graph_push(neo4j_db: Any, tmp_path: Path) -> None:
    """`push` streams the SQLite store's row sets, a batch of files at a time; Neo4j then holds what the
    whole-graph adapter writes (statuses included), a re-push skips every file, and a removed file goes."""
    from policygraph.graph.ingest import Found, load_files
    from policygraph.graph.store import open_source, read_graph
    from policygraph.graph.store_push import push_store
    from policygraph.graph.validity import with_status

    store = tmp_path / "g.db"
    load_files(store, [Found(str(f), f.name) for f in sorted((ROOT / "examples" / "corpus").glob("*.txt"))], jobs=1)
    src = open_source(store)
    summary = push_store(neo4j_db, src)
    assert summary.files == 5 and summary.unchanged == 0
    streamed = nc.counts(neo4j_db), nr.fetch_graph(neo4j_db)
    assert push_store(neo4j_db, src).unchanged == 5
    ns.wipe(neo4j_db)
    ng.push_graph(neo4j_db, with_status(read_graph(store)))
    whole = nc.counts(neo4j_db), nr.fetch_graph(neo4j_db)
    assert streamed[0] == whole[0]
    assert sorted(streamed[1].nodes(data=True)) == sorted(whole[1].nodes(data=True))
    src.close()


def test_a_bulk_import_is_the_graph_a_push_writes(neo4j_db: Any, tmp_path: Path) -> None:
    """`export --format csv` then `scripts/neo4j-local import` (neo4j-admin) gives the graph push writes,
    its push manifests included: references are looked up by symbol and by title words as on a pushed
    graph, a push after the import skips every unchanged file, and a forced one replaces each file's
    relationships instead of adding a second copy."""
    import shutil

    from policygraph.graph import queries as q
    from policygraph.graph.ingest import Found, load_files
    from policygraph.graph.store import open_source
    from policygraph.graph.store_push import push_store, write_csv

    store = tmp_path / "g.db"
    load_files(store, [Found(str(f), f.name) for f in sorted((ROOT / "examples" / "corpus").glob("*.txt"))], jobs=1)
    src = open_source(store)
    push_store(neo4j_db, src)
    pushed, pushed_counts = nr.fetch_graph(neo4j_db), nc.counts(neo4j_db)

    def manifests(driver: Any) -> list[dict[str, Any]]:
        return nc.run_cypher(
            driver,
            "MATCH (f:SourceFile) RETURN f.name AS name, f.digest AS digest, "
            "f.node_ids AS ids, f.node_count AS n, f.relationship_count AS r ORDER BY name",
        )

    pushed_manifests = manifests(neo4j_db)
    write_csv(src, tmp_path / "csv")  # what `export --format csv --store` does
    state_dir = tmp_path / "imported"
    neo4j_local("import", state_dir, args=[str(tmp_path / "csv")])
    uri = neo4j_local("start", state_dir)
    driver = GraphDatabase.driver(uri, auth=None)
    try:
        ns.ensure_schema(driver)
        assert_same_graph(nr.fetch_graph(driver), pushed)
        title = " ".join(pushed.nodes[D98]["title"].split()[:8])
        for ref in ("31-NQ/TW", "Nghị quyết 98", "08-NQ/TU@Hải Phòng", title):
            found = q.resolve_ref(nr.fetch_candidates(driver, ref), ref)
            assert found and found == q.resolve_ref(nr.fetch_candidates(neo4j_db, ref), ref), ref
        assert q.resolve_ref(nr.fetch_candidates(driver, "31-NQ/TW"), "31-NQ/TW") == [D31]
        assert manifests(driver) == pushed_manifests and nc.counts(driver) == pushed_counts
        summary = push_store(driver, src)
        assert summary.files == 0 and summary.unchanged == 5  # the manifests came with the import
        summary = push_store(driver, src, force=True)
        assert summary.files == 5
        assert_same_graph(nr.fetch_graph(driver), pushed)
        assert nc.counts(driver) == pushed_counts
    finally:
        driver.close()
        src.close()
        neo4j_local("stop", state_dir)
        shutil.rmtree(state_dir, ignore_errors=True)


def test_a_push_writes_each_node_once_however_many_transactions_touch_it(neo4j_db: Any, tmp_path: Path) -> None:
    """A node that files in several transactions touch (a central document, an issuing body) is written by
    the first and only looked up by the others: as many node upserts as nodes, the same graph as one
    transaction writes."""
    from policygraph.graph.ingest import Found, load_files
    from policygraph.graph.store import open_source
    from policygraph.graph.store_push import push_store

    store = tmp_path / "g.db"
    load_files(store, [Found(str(f), f.name) for f in sorted((ROOT / "examples" / "corpus").glob("*.txt"))], jobs=1)
    src = open_source(store)
    one = push_store(neo4j_db, src, batch_rows=100_000)
    whole = nr.fetch_graph(neo4j_db)
    ns.wipe(neo4j_db)
    many = push_store(neo4j_db, src, batch_rows=1)  # a transaction per file
    src.close()
    assert many.transactions == 5 and one.transactions == 1
    assert many.nodes == one.nodes == whole.number_of_nodes()
    assert_same_graph(nr.fetch_graph(neo4j_db), whole)


def test_origin_round_trips_through_neo4j_and_its_stats(neo4j_db: Any) -> None:
    """Portal and text relations (tests/data/portal) keep their origin through a push, a fetch and stats."""
    from policygraph.graph import queries as q
    from policygraph.graph.build import build_graph
    from policygraph.loaders.extract import extract_file

    pages = sorted((Path(__file__).parent / "data" / "portal").glob("*.html"))
    G = build_graph([extract_file(str(p), p.name) for p in pages])
    ng.push_graph(neo4j_db, G)
    back = nr.fetch_graph(neo4j_db)
    assert_same_graph(back, G)
    assert {d["origin"] for *_, d in back.edges(data=True)} == {"text", "portal"}
    got, want = nr.stats(neo4j_db), q.stats(G)
    assert (got["by_origin"], got["origin_agreement"]) == (want["by_origin"], want["origin_agreement"])
    assert want["origin_agreement"]["pairs"] >= 2

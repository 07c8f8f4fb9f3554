#!/usr/bin/env python3
"""Every Cypher cookbook query (queries/*.cypher) on the graph of N generated documents, in a local Neo4j.

usage: python bench/bench_cookbook.py [N] [--seed 7] [--jobs 2] [--runs 5] [--work DIR] [--compare]

1. The graph: ``../shared/eval/gen_corpus.py OUT N SEED`` writes N documents; each file is extracted
   (``loaders.extract``, in ``--jobs`` processes) and the graph built in-process (``graph.build``), then
   written as Neo4j-import CSVs (``graph.neo4j_csv.to_csv``). The corpus is deleted; the CSVs are kept in
   ``--work`` and reused by later runs with the same N, seed and shard. The graph is built in memory
   (``graph.build``, which holds every extraction of a shard), so documents are built in shards of
   ``--shard`` files and the shard graphs joined: node ids do not depend on the shard (a document cited
   from every shard is one node with all its in-links), only a short reference is resolved within its
   shard (it links more often than against the whole corpus: more chains, a harder graph).
2. Neo4j: ``scripts/neo4j-local import`` bulk-loads the CSVs with neo4j-admin into a state folder of its
   own (in ``--work``; never the analyst's ``.neo4j``), ``scripts/neo4j-local start`` serves it on a free
   port, the schema of ``policygraph push`` (constraints, indexes) is created; stopped at the end.
   (the bulk import is the fastest way into an empty database; ``policygraph push`` is for updates.)
3. Each query runs with parameters picked from the data as the hardest plausible case (the most
   implemented symbol, the most shared symbol, the largest jurisdiction, the most mentioned project):
   once cold, then ``--runs`` times; the table gives the median and the rows. ``--compare`` also runs
   the earlier path-enumerating forms of the rewritten queries (``(d)-[:IMPLEMENTS*1..6]->(t)``), each
   stopped by the server after ``--timeout`` seconds, to show what the rewrite buys in the same run.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing import Pool
from pathlib import Path
from typing import Any

import neo4j
import networkx as nx

from policygraph.cli.cmd_neo4j import read_query_file
from policygraph.graph import neo4j_connect as nc
from policygraph.graph import neo4j_store as ns
from policygraph.graph.build import build_graph
from policygraph.graph.neo4j_csv import to_csv
from policygraph.loaders.extract import extract_file
from policygraph.loaders.models import Extraction

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "queries"
NEO4J_LOCAL = ROOT / "scripts" / "neo4j-local"
#: ../shared/eval/gen_corpus.py from the checkout (or from the nearest folder above it that has one)
GEN_CORPUS = next(
    (
        d / "shared" / "eval" / "gen_corpus.py"
        for d in ROOT.parents
        if (d / "shared" / "eval" / "gen_corpus.py").exists()
    ),
    ROOT.parent / "shared" / "eval" / "gen_corpus.py",
)

# ------------------------------------------------------------------------------------------- the graph


def _extract(path: str) -> Extraction:
    """One file's extraction without its mentions (build_graph does not read them; less to pickle)."""
    return dataclasses.replace(extract_file(path), mentions=[])


def _shard_graphs(files: list[str], jobs: int, shard: int) -> Iterator[nx.MultiDiGraph]:
    """The graph of each run of `shard` files, extracted in `jobs` processes (the next shard is extracted
    while this one is built)."""
    with Pool(jobs) as pool:
        results = pool.imap(_extract, files, chunksize=32)
        for i in range(0, len(files), shard):
            yield build_graph([next(results) for _ in files[i : i + shard]])


def _union(graphs: Iterator[nx.MultiDiGraph]) -> nx.MultiDiGraph:
    """One graph of the shards: nodes with one id are one node (their ``sources`` joined); edge keys name
    their file and offset, so no two shards share one."""
    G = nx.MultiDiGraph()
    for H in graphs:
        for n, d in H.nodes(data=True):
            sources = sorted({*G.nodes[n].get("sources", []), *d.get("sources", [])}) if n in G else d.get("sources")
            G.add_node(n, **{**d, "sources": sources})
        G.add_edges_from(H.edges(keys=True, data=True))
    return G


def make_csv(n: int, seed: int, jobs: int, shard: int, work: Path) -> Path:
    """The CSV folder of the graph of ``gen_corpus.py OUT n seed`` (built once, then reused)."""
    out = work / f"csv-{n}-{seed}-{shard}"
    if (out / "relationships.csv").exists():
        print(f"graph: reusing {out}", flush=True)
        return out
    corpus = work / f"corpus-{n}-{seed}"
    shutil.rmtree(corpus, ignore_errors=True)
    t = time.perf_counter()
    subprocess.run([sys.executable, str(GEN_CORPUS), str(corpus), str(n), str(seed)], check=True)
    files = sorted(str(p) for p in corpus.glob("*.txt"))
    print(f"graph: {n} documents generated in {time.perf_counter() - t:.0f} s", flush=True)
    t = time.perf_counter()
    G = _union(_shard_graphs(files, jobs, shard))
    t_build = time.perf_counter() - t
    shutil.rmtree(corpus)
    t = time.perf_counter()
    tmp = out.with_name(out.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    to_csv(G, tmp)
    tmp.rename(out)
    print(
        f"graph: extracted ({jobs} processes) and built in shards of {shard} in {t_build:.0f} s "
        f"({n / t_build:.0f} documents/s), CSV written in {time.perf_counter() - t:.0f} s: "
        f"{G.number_of_nodes()} nodes, {G.number_of_edges()} relationships",
        flush=True,
    )
    return out


# ------------------------------------------------------------------------------------------------ Neo4j


def neo4j_local(command: str, state: Path, *args: str) -> str:
    """``scripts/neo4j-local COMMAND`` on the bench's own state folder, on a free port; its last line."""
    env = dict(os.environ, NEO4J_LOCAL_DIR=str(state), NEO4J_LOCAL_PORT="0")
    proc = subprocess.run(["bash", str(NEO4J_LOCAL), command, *args], env=env, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.exit(f"neo4j-local {command} failed:\n{proc.stderr[-3000:]}")
    return (proc.stdout.strip().splitlines() or [""])[-1]


@contextmanager
def served(csv_dir: Path, state: Path) -> Iterator[str]:
    """A Neo4j serving the imported graph (imported once into ``state``); stopped on exit."""
    if not (state / "dbms" / "data" / "databases" / "neo4j").exists():
        shutil.rmtree(state, ignore_errors=True)
        t = time.perf_counter()
        neo4j_local("import", state, str(csv_dir))
        print(f"neo4j-admin import: {time.perf_counter() - t:.0f} s")
    else:
        print(f"neo4j: reusing the database imported in {state}")
    uri = neo4j_local("start", state)
    try:
        yield uri
    finally:
        neo4j_local("stop", state)


# ---------------------------------------------------------------------------------------------- queries

#: The parameters of each query: the hardest plausible case, read from the data.
PICKS = {
    "most_implemented": """
        MATCH (t:Document) WHERE t.symbol IS NOT NULL
        RETURN t.symbol AS symbol, COUNT { (t)<-[:IMPLEMENTS]-() } AS n ORDER BY n DESC, symbol LIMIT 1""",
    "most_shared": """
        MATCH (d:Document) WHERE d.symbol IS NOT NULL AND d.jurisdiction IS NOT NULL
        WITH d.symbol AS symbol, d.jurisdiction AS jurisdiction, count(*) AS n
        RETURN symbol, jurisdiction, n ORDER BY n DESC, symbol, jurisdiction LIMIT 1""",
    "largest_jurisdiction": """
        MATCH (d:Document) WHERE d.jurisdiction IS NOT NULL AND d.date IS NOT NULL
        RETURN d.jurisdiction AS jurisdiction, substring(d.date, 0, 4) AS year, count(*) AS n
        ORDER BY n DESC, jurisdiction, year LIMIT 1""",
    "most_mentioned_project": """
        MATCH (p:Project) RETURN p.name AS name, COUNT { (p)<-[:MENTIONS]-() } AS n ORDER BY n DESC, name LIMIT 1""",
    "far_apart": """
        MATCH (a:Document {jurisdiction: $j}) WHERE a.source_file IS NOT NULL WITH a ORDER BY a.id LIMIT 1
        MATCH (b:Document) WHERE b.source_file IS NOT NULL AND b.jurisdiction <> $j WITH a, b ORDER BY b.id DESC
        LIMIT 1 RETURN a.id AS a, b.id AS b""",
}


def pick_params(driver: Any) -> dict[str, dict[str, Any]]:
    """Parameters for every query file, from the data (printed with the results)."""

    def one(name: str, **params: Any) -> dict[str, Any]:
        rows = nc.run_cypher(driver, PICKS[name], params)
        return rows[0] if rows else {}

    top = one("most_implemented")
    shared = one("most_shared")
    place = one("largest_jurisdiction")
    project = one("most_mentioned_project")
    ends = one("far_apart", j=place.get("jurisdiction"))
    year = place.get("year") or "2020"
    print(
        f"parameters: {top.get('symbol')} is implemented by {top.get('n')} documents directly; "
        f"{shared.get('symbol')} names {shared.get('n')} documents in {shared.get('jurisdiction')}; "
        f"{place.get('jurisdiction')} issued {place.get('n')} documents in {year}; "
        f"project {project.get('name')!r} is mentioned {project.get('n')} times"
    )
    return {
        "local_implementers": {"symbol": top.get("symbol"), "label": None, "depth": 6},
        "bodies_implementing": {"symbol": top.get("symbol"), "depth": 6},
        # one place's documents of the most shared symbol (as the README says to ask); with jurisdiction
        # null it is every document of that symbol in every province: --all-places times that too
        "cites_up_to_depth": {"symbol": shared.get("symbol"), "jurisdiction": shared.get("jurisdiction"), "depth": 6},
        "jurisdiction_date_range": {
            "jurisdiction": place.get("jurisdiction"),
            "from": f"{year}-01-01",
            "to": f"{year}-12-31",
        },
        "project_mentions": {"name": project.get("name")},
        "shortest_chain": {"from_id": ends.get("a"), "to_id": ends.get("b")},
    }


#: The forms the rewritten queries had before (every path enumerated), for --compare.
EARLIER = {
    "local_implementers": """
        MATCH (target:Document {symbol: $symbol})
        MATCH p = (d:Document)-[:IMPLEMENTS*1..6]->(target)
        WHERE length(p) <= $depth AND d.jurisdiction IS NOT NULL AND ($label IS NULL OR $label IN labels(d))
        WITH target, d, p ORDER BY length(p)
        WITH target, d, collect(p)[0] AS p
        RETURN target.id AS target_id, d.id AS id, length(p) AS hops, [n IN nodes(p) | n.id] AS chain_ids""",
    "bodies_implementing": """
        MATCH (target:Document {symbol: $symbol})
        MATCH p = (d:Document)-[:IMPLEMENTS*1..6]->(target) WHERE length(p) <= $depth
        MATCH (d)-[:ISSUED_BY]->(b:Body)
        WITH b, collect(DISTINCT d.id) AS documents RETURN b.id AS id, size(documents) AS n""",
    "cites_up_to_depth": """
        MATCH (d:Document {symbol: $symbol}) WHERE $jurisdiction IS NULL OR d.jurisdiction = $jurisdiction
        MATCH p = (d)-[:CITES|IMPLEMENTS|SUPERSEDES*1..6]->(c:Document) WHERE length(p) <= $depth AND c <> d
        WITH d, c, min(length(p)) AS hops RETURN d.id AS from_id, c.id AS id, hops""",
}


def timed(driver: Any, text: str, params: dict[str, Any], timeout: float | None = None) -> tuple[float, int]:
    """Seconds to run the query and read every row (read transaction, as `policygraph cypher` does), rows."""

    @neo4j.unit_of_work(timeout=timeout)
    def work(tx: neo4j.ManagedTransaction) -> int:
        return sum(1 for _ in tx.run(text, params))

    t = time.perf_counter()
    with driver.session() as session:
        rows = session.execute_read(work)
    return time.perf_counter() - t, rows


def _compare(driver: Any, text: str, params: dict[str, Any], runs: int, timeout: float, rewritten: float) -> None:
    """Time the earlier form of a query the same way (cold, then the median), stopped after `timeout` s."""
    label = "  (path-enumerating form)"
    try:
        cold, rows = timed(driver, text, params, timeout=timeout)
        median = statistics.median(timed(driver, text, params, timeout=timeout)[0] for _ in range(runs))
    except neo4j.exceptions.Neo4jError as exc:
        print(
            f"{label:26s} {'>' + str(int(timeout)):>8s} {'':9s} {'-':>7s}  stopped by the server after "
            f"{timeout:.0f} s ({exc.code}): over {timeout / max(rewritten, 1e-9):.0f}x the rewritten median"
        )
        return
    print(f"{label:26s} {cold:8.3f} {median:9.3f} {rows:7d}  {median / max(rewritten, 1e-9):.1f}x the rewritten median")


def bench(driver: Any, runs: int, compare: bool, timeout: float) -> None:
    params = pick_params(driver)
    print(f"\n{'query':26s} {'cold s':>8s} {'median s':>9s} {'rows':>7s}  parameters")
    slowest = 0.0
    for path in sorted(QUERIES.glob("*.cypher")):
        meta, text = read_query_file(path)
        p = dict(json.loads(meta.get("example") or "{}"), **params.get(path.stem, {}))
        cold, rows = timed(driver, text, p)
        median = statistics.median(timed(driver, text, p)[0] for _ in range(runs))
        slowest = max(slowest, median)
        shown = ", ".join(f"{k}={v}" for k, v in p.items())
        print(f"{path.stem:26s} {cold:8.3f} {median:9.3f} {rows:7d}  {shown}")
        if compare and path.stem in EARLIER:
            _compare(driver, EARLIER[path.stem], p, runs, timeout, median)
    print(f"\nslowest median: {slowest:.3f} s (goal: every query under 1 s)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", nargs="?", type=int, default=100_000, help="documents to generate (default 100000)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="extraction processes")
    ap.add_argument(
        "--shard",
        type=int,
        default=5000,
        help="documents whose references are resolved together (default 5000; see above)",
    )
    ap.add_argument("--runs", type=int, default=5, help="timed runs per query (after one cold run)")
    ap.add_argument("--work", type=Path, default=ROOT / ".bench", help="CSVs and Neo4j state (default .bench/)")
    ap.add_argument("--compare", action="store_true", help="also time the earlier path-enumerating forms")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds before an earlier form is stopped")
    args = ap.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    csv_dir = make_csv(args.n, args.seed, args.jobs, args.shard, args.work)
    with served(csv_dir, args.work / f"neo4j-{csv_dir.name[4:]}") as uri:
        driver = nc.connect(uri)
        try:
            t = time.perf_counter()
            ns.ensure_schema(driver)
            counts = nc.counts(driver)
            print(
                f"neo4j at {uri}: schema ready in {time.perf_counter() - t:.0f} s; "
                f"{counts.get('Document', 0)} documents, "
                f"{sum(v for k, v in counts.items() if k.isupper())} relationships"
            )
            bench(driver, args.runs, args.compare, args.timeout)
        finally:
            driver.close()


if __name__ == "__main__":
    main()

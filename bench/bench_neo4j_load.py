"""Benchmark: pushing a store's graph into Neo4j, and reading it back through whole commands.

    bash scripts/neo4j-local start                       # prints the URI
    NEO4J_URI=bolt://127.0.0.1:7687 .venv/bin/python bench/bench_neo4j_load.py [--docs 10000] [--read-docs 100000]

1. The graph of ``../shared/eval/gen_corpus.py OUT N`` (N = --docs): the corpus is generated and extracted
   once (in parallel) and cached under build/bench/.
2. ``push_graph`` of that graph into an emptied database, end to end (rows, digests, schema, writes), with
   the driver's Rust encoder (neo4j-rust-ext), its pure-Python one, and the Rust one again (the first push
   after a server starts also pays for the server's JIT), each in a fresh process; then a re-push of the
   unchanged graph (skipped by digests) and a forced one.
3. The one-transaction-per-document way (MERGE each document, then one statement per relationship) on
   the first --naive-docs documents' files, in the same run: relationships per second and the ratio.
4. The server's ceiling on this machine, in the same run: the same nodes and relationships with none of
   push's guarantees (CREATE instead of MERGE, no file locks, deletes or manifests, every row built before
   the clock starts), once with the properties push writes and once with ids only: no push can beat it.
5. A 10^5-document database (the synthetic graph below, --read-docs documents) pushed the new way, then
   ``policygraph lineage``/``coverage``/``stats`` with ``--neo4j`` as whole commands (process start to
   exit, best of 3).

WARNING: the benchmark wipes the database behind NEO4J_URI.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import pickle
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import networkx as nx

from policygraph.ontology import vocab

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "build" / "bench"
GEN_CORPUS = ROOT.parent / "shared" / "eval" / "gen_corpus.py"

PROVINCES = (
    "Hà Nội", "Thành phố Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Đồng Nai", "Bình Dương",
    "Quảng Ninh", "Thanh Hóa", "Nghệ An", "Khánh Hòa", "Lâm Đồng", "Long An", "Bắc Ninh", "Thái Nguyên",
    "Huế", "Kiên Giang", "An Giang", "Bà Rịa - Vũng Tàu", "Quảng Nam",
)  # fmt: skip
LOCAL_TYPES = (
    ("Resolution", "NQ", "TU", "party"), ("Programme", "CTr", "TU", "party"), ("Plan", "KH", "UBND", "state"),
    ("Decision", "QĐ", "UBND", "state"), ("Directive", "CT", "TU", "party"), ("Conclusion", "KL", "TU", "party"),
    ("OfficialLetter", "CV", "UBND", "state"), ("Report", "BC", "UBND", "state"),
)  # fmt: skip
CENTRAL_TYPES = (
    ("Resolution", "NQ", "TW", "party", "Bộ Chính trị"), ("Conclusion", "KL", "TW", "party", "Bộ Chính trị"),
    ("Law", "L", "QH15", "state", "Quốc hội"), ("Decree", "NĐ", "CP", "state", "Chính phủ"),
    ("Decision", "QĐ", "TTg", "state", "Thủ tướng Chính phủ"), ("Circular", "TT", "BTC", "state", "Bộ Tài chính"),
)  # fmt: skip


def synthetic_graph(
    n_docs: int = 10_000, n_files: int = 1_000, refs_per_doc: int = 2, seed: int = 7
) -> nx.MultiDiGraph:
    """A graph shaped like docs/schema.md: ``n_docs`` documents over ``n_files`` files.

    About a tenth of the documents are central (Party and State), the rest local to 20 provinces. Every
    document is issued by a body (ISSUED_BY) and refers to ``refs_per_doc`` earlier documents (IMPLEMENTS
    towards central ones, else CITES, sometimes SUPERSEDES), so about 3 relationships per document; some
    mention a project; provincial bodies are PART_OF nothing, departments PART_OF their committee. A
    document's statements live in its file; the documents it refers to are asserted by that file too.
    """
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    files = [f"{i:05d}_synthetic.txt" for i in range(n_files)]
    sentence = "Thực hiện Nghị quyết số {sym} ngày {date} của {issuer}, xây dựng kế hoạch triển khai thực hiện."

    def add_sources(node: str, file: str) -> None:
        srcs = G.nodes[node]["sources"]
        if file not in srcs:
            srcs.append(file)
            srcs.sort()

    bodies: dict[str, str] = {}

    def body(name: str, level: str, branch: str, jurisdiction: str | None) -> str:
        bid = "body:" + name.lower()
        if bid not in G:
            G.add_node(bid, kind="Body", label="Body", name=name, level=level, branch=branch,
                       jurisdiction=jurisdiction, sources=[])  # fmt: skip
            bodies[bid] = name
        return bid

    projects = [f"project:dự án {i}" for i in range(50)]
    for pid in projects:
        G.add_node(pid, kind="Project", label="Project", name=pid.split(":", 1)[1].capitalize(),
                   aliases=[pid.split(":", 1)[1]], sources=[])  # fmt: skip

    docs: list[str] = []
    counters: dict[str, int] = {}
    for i in range(n_docs):
        file = files[i % n_files]
        year = 2015 + (i * 9) // n_docs
        date = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        central = i % 10 == 0
        if central:
            label, code, issuer_code, branch, issuer = rng.choice(CENTRAL_TYPES)
            counters[code] = counters.get(code, 0) + 1
            number = str(counters[code])
            symbol = f"{number}/{year}/{issuer_code}" if branch == "state" else f"{number}-{code}/{issuer_code}"
            jurisdiction, level = None, "central"
            doc_id = f"doc:{symbol}@{date}"
            issued_by = body(issuer, "central", branch, None)
        else:
            label, code, issuer_code, branch = rng.choice(LOCAL_TYPES)
            jurisdiction, level = rng.choice(PROVINCES), "province"
            key = f"{code}{jurisdiction}"
            counters[key] = counters.get(key, 0) + 1
            number = str(counters[key] % 200 + 1)  # numbers repeat: identity is symbol + province + date
            symbol = f"{number}-{code}/{issuer_code}" if branch == "party" else f"{number}/{code}-{issuer_code}"
            issuer = ("Tỉnh ủy " if branch == "party" else "Ủy ban nhân dân tỉnh ") + jurisdiction
            doc_id = f"doc:{symbol}@{jurisdiction}@{date}@{i}"
            issued_by = body(issuer, "province", branch, jurisdiction)
        G.add_node(
            doc_id, kind="Document", label=label, symbol=symbol, number=number, type_code=code,
            issuer_code=issuer_code, date=date, year=year, issuer=issuer, jurisdiction=jurisdiction,
            level=level, branch=branch, term=None, title=f"về nhiệm vụ số {i}", source_file=file,
            sources=[file], resolved=True, missing=[], conflicts={},
        )  # fmt: skip
        add_sources(issued_by, file)
        offset = 0

        def edge(
            u: str, v: str, rel: str, kind: str | None, file: str = file, date: str = date, issuer: str = issuer
        ) -> None:
            nonlocal offset
            text = sentence.format(sym=G.nodes[v].get("symbol") or G.nodes[v].get("name"), date=date, issuer=issuer)
            ev = {"file": file, "start": offset, "end": offset + 30, "sentence": text}
            G.add_edge(u, v, key=f"{rel}:{file}:{offset}", type=rel, kind=kind, source_file=file, evidence=ev)
            offset += len(text) + 1
            add_sources(v, file)

        edge(doc_id, issued_by, "ISSUED_BY", None)
        for _ in range(refs_per_doc if docs else 0):
            target = docs[rng.randrange(len(docs))]
            if G.has_edge(doc_id, target):
                continue
            if G.nodes[target]["level"] == "central":
                edge(doc_id, target, "IMPLEMENTS", rng.choice(("implements", "based_on")))
            elif rng.random() < 0.08 and G.nodes[target]["jurisdiction"] == jurisdiction:
                edge(doc_id, target, "SUPERSEDES", rng.choice(("amends", "replaces", "repeals")))
            else:
                edge(doc_id, target, "CITES", None)
        if rng.random() < 0.1:
            edge(doc_id, rng.choice(projects), "MENTIONS", None)
        docs.append(doc_id)
    for bid, name in list(bodies.items()):  # departments of provincial committees
        if name.startswith("Tỉnh ủy ") and G.nodes[bid]["sources"]:
            dept = body("Ban Tuyên giáo " + name, "province", "party", G.nodes[bid]["jurisdiction"])
            file = G.nodes[bid]["sources"][0]
            G.nodes[dept]["sources"] = [file]
            G.add_edge(dept, bid, key=f"PART_OF:{dept}:{bid}", type="PART_OF", kind=None, source_file=file,
                       evidence={"file": file, "start": 0, "end": 10, "sentence": name})  # fmt: skip
    G.remove_nodes_from([n for n, d in G.nodes(data=True) if not d["sources"]])
    return G


# --------------------------------------------------------------------------------------------- the naive

_NAIVE_NODE = {
    "Body": "MERGE (n:Body {id: $id}) SET n += $props",
    "Project": "MERGE (n:Project {id: $id}) SET n += $props",
}
_NAIVE_DOC = {label: f"MERGE (n:Document {{id: $id}}) SET n += $props SET n:{label}" for label in vocab.DOCUMENT_LABELS}
_NAIVE_DOC["Document"] = "MERGE (n:Document {id: $id}) SET n += $props"
_NAIVE_EDGE = {
    (t, k): f"MATCH (a:Document {{id: $u}}) MERGE (b:{k} {{id: $v}}) CREATE (a)-[r:{t}]->(b) SET r = $props"
    for t in vocab.RELATION_TYPES
    for k in vocab.NODE_KINDS
}


def _flat(attrs: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in attrs.items():
        if v is None or k in ("type", "evidence", "conflicts"):
            continue
        out[k] = v
    ev = attrs.get("evidence")
    if isinstance(ev, dict):
        out.update({f"evidence_{k}": v for k, v in ev.items()})
    return out


def naive_push(driver: Any, G: nx.MultiDiGraph) -> tuple[int, int]:
    """One transaction per node for bodies and projects, then one per document with its relationships."""
    nodes = rels = 0
    with driver.session() as session:
        for n, d in G.nodes(data=True):
            if d["kind"] in _NAIVE_NODE:
                session.execute_write(
                    lambda tx, n=n, d=d: tx.run(_NAIVE_NODE[d["kind"]], id=n, props=_flat(d)).consume()
                )
                nodes += 1
        for n, d in G.nodes(data=True):
            if d["kind"] != "Document":
                continue
            out_edges = [(v, e) for _, v, e in G.out_edges(n, data=True)]

            def work(tx: Any, n: str = n, d: dict[str, Any] = d, out_edges: list[Any] = out_edges) -> None:
                tx.run(_NAIVE_DOC.get(d["label"], _NAIVE_DOC["Document"]), id=n, props=_flat(d)).consume()
                for v, e in out_edges:
                    query = _NAIVE_EDGE[(e["type"], G.nodes[v]["kind"])]
                    tx.run(query, u=n, v=v, props=_flat(e)).consume()

            session.execute_write(work)
            nodes += 1
            rels += len(out_edges)
        for u, v, e in G.edges(data=True):  # PART_OF between bodies
            if G.nodes[u]["kind"] != "Document":
                q = "MATCH (a:Body {id: $u}) MATCH (b:Body {id: $v}) CREATE (a)-[r:PART_OF]->(b) SET r = $props"
                session.execute_write(lambda tx, u=u, v=v, e=e, q=q: tx.run(q, u=u, v=v, props=_flat(e)).consume())
                rels += 1
    return nodes, rels


# ------------------------------------------------------------------------------------------ the corpus


def _extract(path: str) -> Any:
    from policygraph.loaders.extract import extract_file

    return extract_file(path)


def corpus_graph(n_docs: int, jobs: int) -> nx.MultiDiGraph:
    """The graph of gen_corpus.py's first `n_docs` documents (generated, extracted and cached once)."""
    from policygraph.graph.build import build_graph

    cached = CACHE / f"graph-{n_docs}.pickle"
    if cached.exists():
        with open(cached, "rb") as fh:
            return pickle.load(fh)
    folder = CACHE / f"corpus-{n_docs}"
    if not folder.exists():
        subprocess.run([sys.executable, str(GEN_CORPUS), str(folder), str(n_docs)], check=True)
    files = sorted(str(p) for p in folder.iterdir())
    t0 = time.perf_counter()
    with multiprocessing.Pool(jobs) as pool:
        extractions = list(pool.imap(_extract, files, chunksize=64))
    G = build_graph(extractions)
    print(
        f"(extracted and built {len(files)} files in {time.perf_counter() - t0:.0f} s on {jobs} processes; "
        f"cached in {cached.relative_to(ROOT)})"
    )
    with open(cached, "wb") as fh:
        pickle.dump(G, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return G


# ------------------------------------------------------------------------------------------- the phases


def _connect(args: argparse.Namespace) -> Any:
    from policygraph.graph import neo4j_connect

    return neo4j_connect.connect(args.uri, args.user, args.password, args.database)


def push_phase(args: argparse.Namespace) -> int:
    """In a fresh process: wipe, then time push_graph of the cached graph (the encoder chosen before
    the driver is imported). Prints one line: seconds, relationships, encoder."""
    if args.encoder == "python":
        sys.modules["neo4j._rust"] = None  # type: ignore[assignment]  # the driver falls back to Python
    from neo4j._codec.packstream import v1

    from policygraph.graph import neo4j_graph, neo4j_store

    encoder = "rust" if v1._rust_pack else "python"
    with open(args.graph, "rb") as fh:
        G = pickle.load(fh)
    driver = _connect(args)
    try:
        neo4j_store.ensure_schema(driver)
        neo4j_store.wipe(driver)
        t0 = time.perf_counter()
        summary = neo4j_graph.push_graph(driver, G, batch_size=args.batch_size)
        seconds = time.perf_counter() - t0
    finally:
        driver.close()
    print(f"{seconds} {summary.relationships} {summary.transactions} {encoder}")
    return 0


def _push_in_child(args: argparse.Namespace, graph: Path, encoder: str) -> tuple[float, int, int, str]:
    cmd = [
        sys.executable,
        __file__,
        "--phase",
        "push",
        "--encoder",
        encoder,
        "--graph",
        str(graph),
        "--uri",
        args.uri,
        "--batch-size",
        str(args.batch_size),
    ]
    for opt in ("user", "password", "database"):
        if getattr(args, opt):
            cmd += [f"--{opt}", getattr(args, opt)]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout.split()
    return float(out[0]), int(out[1]), int(out[2]), out[3]


def _rate(rels: int, seconds: float) -> str:
    return f"{seconds:7.1f} s  {rels / seconds:9.0f} relationships/s"


def push_figures(args: argparse.Namespace, G: nx.MultiDiGraph, graph_file: Path) -> float:
    """The push of the whole graph, both encoders, the re-pushes; returns the best relationships/s."""
    from policygraph.graph import neo4j_connect, neo4j_graph

    best = 0.0
    # the first push after the server starts also pays for its JIT compiling the write path: the Rust
    # encoder runs again last, on a server as warm as the one the one-transaction-per-document way meets
    for encoder in ("rust", "python", "rust"):
        seconds, rels, txs, used = _push_in_child(args, graph_file, encoder)
        assert rels == G.number_of_edges(), (rels, G.number_of_edges())
        best = max(best, rels / seconds)
        print(f"push_graph, empty database, {used:6s} encoder: {_rate(rels, seconds)}  ({txs} transactions)")
    driver = _connect(args)
    try:
        counts = neo4j_connect.counts(driver)
        t0 = time.perf_counter()
        skipped = neo4j_graph.push_graph(driver, G, batch_size=args.batch_size)
        print(
            f"push_graph again, unchanged (digests):   {time.perf_counter() - t0:7.1f} s  "
            f"({skipped.unchanged} files skipped, {skipped.files} written)"
        )
        t0 = time.perf_counter()
        neo4j_graph.push_graph(driver, G, batch_size=args.batch_size, force=True)
        print(f"push_graph again, forced (replace all):  {_rate(G.number_of_edges(), time.perf_counter() - t0)}")
        assert neo4j_connect.counts(driver) == counts, "a re-push changed the counts"
    finally:
        driver.close()
    return best


def naive_figures(args: argparse.Namespace, G: nx.MultiDiGraph, best: float) -> None:
    """The one-transaction-per-document way on the first files' sub-graph, and the ratio."""
    from policygraph.graph import neo4j_store

    files = sorted({d["source_file"] for *_, d in G.edges(data=True)})[: args.naive_docs]
    keep = set(files)
    H = G.edge_subgraph([(u, v, k) for u, v, k, d in G.edges(keys=True, data=True) if d["source_file"] in keep])
    driver = _connect(args)
    try:
        neo4j_store.wipe(driver)
        t0 = time.perf_counter()
        _, rels = naive_push(driver, nx.MultiDiGraph(H))
        seconds = time.perf_counter() - t0
        neo4j_store.wipe(driver)
    finally:
        driver.close()
    print(f"one transaction per document ({len(files)} files): {_rate(rels, seconds)}")
    print(f"push_graph / one transaction per document: {best / (rels / seconds):.1f}x (relationships per second)")


def _create_all(driver: Any, nodes: list[dict[str, Any]], rels: dict[str, list[dict[str, Any]]], batch: int) -> float:
    """Seconds to CREATE `nodes` (one label) and `rels` (by type), `batch` rows per transaction."""
    t0 = time.perf_counter()
    with driver.session() as session:
        for i in range(0, len(nodes), batch):
            session.execute_write(
                lambda tx, rows=nodes[i : i + batch]: tx.run(
                    "UNWIND $rows AS row CREATE (n:PgFloor) SET n = row", rows=rows
                ).consume()
            )
        for t, rows in sorted(rels.items()):
            for i in range(0, len(rows), batch):
                session.execute_write(
                    lambda tx, chunk=rows[i : i + batch], t=t: tx.run(
                        "UNWIND $rows AS row MATCH (a:PgFloor {id: row.u}) MATCH (b:PgFloor {id: row.v}) "
                        f"CREATE (a)-[r:{t}]->(b) SET r = row.props",
                        rows=chunk,
                    ).consume()
                )
    return time.perf_counter() - t0


def floor_figures(args: argparse.Namespace, G: nx.MultiDiGraph) -> None:
    """The server's ceiling: G's nodes and relationships written by the plainest statements (module
    docstring, step 4), with push's properties and with ids only."""
    from policygraph.graph import neo4j_model as nm
    from policygraph.graph import neo4j_store as ns

    full = [nm.stored_properties(nm.node_row(n, d)) for n, d in G.nodes(data=True)]
    rels: dict[str, list[dict[str, Any]]] = {}
    for u, v, k, d in sorted(G.edges(keys=True, data=True), key=lambda e: (str(e[0]), str(e[1]))):
        rels.setdefault(d["type"], []).append(
            {"u": str(u), "v": str(v), "props": nm.relationship_row(u, v, k, d).props}
        )
    bare = {t: [{"u": r["u"], "v": r["v"], "props": {}} for r in rows] for t, rows in rels.items()}
    n_rels = sum(len(rows) for rows in rels.values())
    driver = _connect(args)
    try:
        ids = [{"id": p["id"]} for p in full]
        for label, nodes, rows in (("push's properties", full, rels), ("ids only", ids, bare)):
            ns.wipe(driver)
            with driver.session() as session:
                session.run(
                    "CREATE CONSTRAINT pg_floor_id IF NOT EXISTS FOR (n:PgFloor) REQUIRE n.id IS UNIQUE"
                ).consume()
            seconds = _create_all(driver, nodes, rows, args.batch_size)
            print(f"server ceiling, CREATE only, {label:17s}: {_rate(n_rels, seconds)}")
        ns.wipe(driver)
        with driver.session() as session:
            session.run("DROP CONSTRAINT pg_floor_id IF EXISTS").consume()
    finally:
        driver.close()


def _command(args: argparse.Namespace, *argv: str) -> float:
    """Best of 3 wall times of a whole `policygraph` command with --neo4j."""
    cmd = [sys.executable, "-m", "policygraph.cli", *argv, "--neo4j", args.uri, "--json"]
    times = []
    for _ in range(3):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - t0)
    return min(times)


def read_figures(args: argparse.Namespace, G: nx.MultiDiGraph, label: str) -> None:
    """Push `G` the new way, then time whole commands on it."""
    from policygraph.graph import neo4j_graph, neo4j_store

    central = [
        n
        for n, d in G.nodes(data=True)
        if d.get("kind") == "Document" and d.get("level") == "central" and d.get("symbol")
    ]
    target = max(central, key=lambda n: sum(1 for *_, d in G.in_edges(n, data=True) if d["type"] == "IMPLEMENTS"))
    ref = G.nodes[target]["symbol"]
    driver = _connect(args)
    try:
        neo4j_store.ensure_schema(driver)
        neo4j_store.wipe(driver)
        t0 = time.perf_counter()
        neo4j_graph.push_graph(driver, G, batch_size=args.batch_size)
        print(
            f"{label}: {G.number_of_nodes()} nodes, {G.number_of_edges()} relationships pushed in "
            f"{_rate(G.number_of_edges(), time.perf_counter() - t0)}"
        )
    finally:
        driver.close()
    implementers = sum(1 for *_, d in G.in_edges(target, data=True) if d["type"] == "IMPLEMENTS")
    print(f"  whole commands, best of 3 (REF = {ref}, implemented directly by {implementers} documents):")
    for argv in (
        ["lineage", ref],
        ["lineage", ref, "--down", "--depth", "1"],
        ["coverage", ref],
        ["show", ref],
        ["stats"],
    ):
        print(f"    policygraph {' '.join(argv):40s} --neo4j  {_command(args, *argv):6.2f} s")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--uri", default=os.environ.get("NEO4J_URI"), help="default $NEO4J_URI")
    ap.add_argument("--user", default=os.environ.get("NEO4J_USER"))
    ap.add_argument("--password", default=os.environ.get("NEO4J_PASSWORD"))
    ap.add_argument("--database", default=os.environ.get("NEO4J_DATABASE"))
    ap.add_argument("--docs", type=int, default=10_000, help="documents of gen_corpus.py to push")
    ap.add_argument("--read-docs", type=int, default=100_000, help="synthetic documents for the read side (0: skip)")
    ap.add_argument("--naive-docs", type=int, default=1_000, help="files loaded the naive way")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="processes for the extraction")
    ap.add_argument("--batch-size", type=int, default=20_000, help="rows per transaction")
    ap.add_argument("--phase", choices=["all", "push"], default="all", help=argparse.SUPPRESS)
    ap.add_argument("--encoder", choices=["rust", "python"], default="rust", help=argparse.SUPPRESS)
    ap.add_argument("--graph", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if not args.uri:
        print("error: set NEO4J_URI (bash scripts/neo4j-local start prints one) or give --uri", file=sys.stderr)
        return 2
    if args.phase == "push":
        return push_phase(args)
    CACHE.mkdir(parents=True, exist_ok=True)
    G = corpus_graph(args.docs, args.jobs)
    docs = sum(1 for _, d in G.nodes(data=True) if d["kind"] == "Document")
    print(
        f"gen_corpus.py {args.docs}: {docs} documents, {G.number_of_nodes()} nodes, "
        f"{G.number_of_edges()} relationships ({os.cpu_count()} cores)"
    )
    best = push_figures(args, G, CACHE / f"graph-{args.docs}.pickle")
    naive_figures(args, G, best)
    floor_figures(args, G)
    read_figures(args, G, f"gen_corpus.py {args.docs}")
    if args.read_docs:
        read_figures(
            args, synthetic_graph(args.read_docs, max(1, args.read_docs // 10)), f"synthetic {args.read_docs} documents"
        )
    driver = _connect(args)
    try:
        from policygraph.graph import neo4j_store

        neo4j_store.wipe(driver)
    finally:
        driver.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

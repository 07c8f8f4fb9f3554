"""Benchmark: batched ``push_graph`` (UNWIND, one transaction per file) vs a naive MERGE loop.

The naive loader runs one transaction per document: MERGE the document, then one statement per outgoing
relationship (bodies and projects first, one transaction each). Both load the same synthetic graph into
an emptied database.

    bash scripts/neo4j-local start          # prints the URI
    NEO4J_URI=bolt://127.0.0.1:7687 .venv/bin/python bench/bench_neo4j_load.py --docs 10000 --files 1000

WARNING: the benchmark wipes the database behind NEO4J_URI.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from typing import Any

import networkx as nx

from policygraph.graph import neo4j_store

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
_NAIVE_DOC = {
    label: f"MERGE (n:Document {{id: $id}}) SET n += $props SET n:{label}" for label in neo4j_store.DOCUMENT_LABELS
}
_NAIVE_DOC["Document"] = "MERGE (n:Document {id: $id}) SET n += $props"
_NAIVE_EDGE = {
    (t, k): f"MATCH (a:Document {{id: $u}}) MERGE (b:{k} {{id: $v}}) CREATE (a)-[r:{t}]->(b) SET r = $props"
    for t in neo4j_store.REL_TYPES
    for k in neo4j_store.NODE_KINDS
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


# ------------------------------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--uri", default=os.environ.get("NEO4J_URI"), help="default $NEO4J_URI")
    ap.add_argument("--user", default=os.environ.get("NEO4J_USER"))
    ap.add_argument("--password", default=os.environ.get("NEO4J_PASSWORD"))
    ap.add_argument("--database", default=os.environ.get("NEO4J_DATABASE"))
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--files", type=int, default=1_000)
    ap.add_argument("--batch-size", type=int, default=1000)
    ap.add_argument("--skip-naive", action="store_true", help="only time push_graph")
    args = ap.parse_args(argv)
    if not args.uri:
        print("error: set NEO4J_URI (bash scripts/neo4j-local start prints one) or give --uri", file=sys.stderr)
        return 2

    t0 = time.perf_counter()
    G = synthetic_graph(args.docs, args.files)
    n_nodes, n_rels = G.number_of_nodes(), G.number_of_edges()
    n_docs = sum(1 for _, d in G.nodes(data=True) if d["kind"] == "Document")
    print(f"synthetic graph: {n_docs} documents, {n_nodes} nodes, {n_rels} relationships, "
          f"{args.files} files ({time.perf_counter() - t0:.1f} s to generate)")  # fmt: skip

    driver = neo4j_store.connect(args.uri, args.user, args.password, args.database)
    try:
        neo4j_store.ensure_schema(driver)
        # warm the server (JIT, page cache, query plans) with both loaders on a small graph, so neither
        # pays the cold start inside its timing
        warm = synthetic_graph(300, 30)
        neo4j_store.wipe(driver)
        neo4j_store.push_graph(driver, warm, batch_size=args.batch_size)
        if not args.skip_naive:
            neo4j_store.wipe(driver)
            naive_push(driver, warm)
        neo4j_store.wipe(driver)
        t0 = time.perf_counter()
        summary = neo4j_store.push_graph(driver, G, batch_size=args.batch_size)
        batched = time.perf_counter() - t0
        counts = neo4j_store.counts(driver)
        assert counts.get("Document") == n_docs, counts
        print(f"push_graph (UNWIND batches, tx per files): {batched:7.1f} s  "
              f"{n_nodes / batched:9.0f} nodes/s  {n_rels / batched:9.0f} relationships/s  "
              f"({summary.files} files, atomically)")  # fmt: skip
        t0 = time.perf_counter()
        neo4j_store.push_graph(driver, G, batch_size=args.batch_size, force=True)
        again = time.perf_counter() - t0
        assert neo4j_store.counts(driver) == counts, "re-push changed the counts"
        print(f"push_graph again, forced (replace all):   {again:8.1f} s  {n_nodes / again:9.0f} nodes/s  "
              f"{n_rels / again:9.0f} relationships/s")  # fmt: skip
        t0 = time.perf_counter()
        skipped = neo4j_store.push_graph(driver, G, batch_size=args.batch_size)
        print(f"push_graph again, unchanged (digests):    {time.perf_counter() - t0:8.1f} s  "
              f"({skipped.unchanged} files skipped)")  # fmt: skip
        if args.skip_naive:
            return 0
        neo4j_store.wipe(driver)
        t0 = time.perf_counter()
        naive_nodes, naive_rels = naive_push(driver, G)
        naive = time.perf_counter() - t0
        print(f"naive MERGE loop (1 tx/document):         {naive:8.1f} s  {naive_nodes / naive:9.0f} nodes/s  "
              f"{naive_rels / naive:9.0f} relationships/s  ({naive_nodes} transactions)")  # fmt: skip
        print(f"speed-up of push_graph over the naive loop: {naive / batched:.1f}x")
        neo4j_store.wipe(driver)
    finally:
        driver.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

#!/usr/bin/env python3
"""Lineage and coverage on the embedded graph: the sample corpus and a synthetic graph at scale.

usage: python bench/bench_queries.py [--docs 10000 100000]
Prints milliseconds per query (median of repeated runs) for lineage (up, down, both) and coverage of the
most implemented central document, and the build time of the synthetic graph.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import networkx as nx

from policygraph.graph import queries as q
from policygraph.graph.build import build_graph
from policygraph.loaders.extract import extract_file
from policygraph.loaders.readers import iter_files

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_neo4j_load import synthetic_graph  # noqa: E402


def _ms(fn, repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def _report(name: str, G: nx.MultiDiGraph) -> None:
    central = [n for n, d in G.nodes(data=True) if d.get("kind") == "Document" and d.get("level") == "central"]
    target = max(central, key=lambda n: sum(1 for *_, d in G.in_edges(n, data=True) if d.get("type") == "IMPLEMENTS"))
    implementers = sum(1 for *_, d in G.in_edges(target, data=True) if d.get("type") == "IMPLEMENTS")
    print(f"{name}: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges; "
          f"most implemented: {G.nodes[target].get('symbol')} ({implementers} direct)")
    for label, fn in [
        ("lineage up", lambda: q.lineage(G, target, "up")),
        ("lineage down", lambda: q.lineage(G, target, "down")),
        ("lineage both, depth 2", lambda: q.lineage(G, target, "both", 2)),
        ("coverage (IMPLEMENTS chains)", lambda: q.coverage(G, target)),
        ("resolve_ref by symbol", lambda: q.resolve_ref(G, G.nodes[target]["symbol"])),
    ]:
        print(f"  {label:30s} {_ms(fn):9.2f} ms")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, nargs="*", default=[10_000, 100_000])
    a = ap.parse_args()
    root = Path(__file__).resolve().parents[1]
    xs = [extract_file(str(f)) for f in iter_files([root / "examples" / "corpus"])]
    _report("sample corpus", build_graph(xs))
    for n in a.docs:
        t = time.perf_counter()
        G = synthetic_graph(n, max(1, n // 10))
        print(f"(synthetic graph of {n} documents built in {time.perf_counter() - t:.1f} s)")
        _report(f"synthetic {n}", G)


if __name__ == "__main__":
    main()

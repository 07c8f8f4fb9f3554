"""The archive-scale numbers of issue 7, measured in one run and printed as a table.

    python bench/bench_scale.py [--sizes 1000,10000,100000] [--work DIR] [--jobs N] [--neo4j URI]

For each size N: generate N documents with ../shared/eval/gen_corpus.py (cached in --work), then time,
as a user would run them (whole commands, process start to exit), with the peak memory of the process
and its workers (summed, polled from /proc):

* load of the folder into a new store; re-load unchanged; load of one more file;
* lineage (down, all types), show, coverage of the most implemented central document; stats (and its lines);
* in process: lineage p95 over random documents (the default --limit), and the reference look-up;
* with --neo4j: push of the store into an empty Neo4j (relationships per second).

--queries-only skips the loads and measures the rest on the stores a previous run left in --work.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GEN = ROOT.parent / "shared" / "eval" / "gen_corpus.py"
PG = [sys.executable, "-m", "policygraph.cli"]


def _tree_rss(pid: int) -> int:
    """Resident memory (KB) of `pid` and all its descendants."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as fh:
                total += next((int(line.split()[1]) for line in fh if line.startswith("VmRSS:")), 0)
            with open(f"/proc/{p}/task/{p}/children") as fh:
                todo += [int(c) for c in fh.read().split()]
        except (OSError, ValueError):
            continue
    return total


def run(args: list[str], env: dict[str, str] | None = None) -> tuple[float, int, str]:
    """(seconds, peak MB of the process tree, stdout) of one command."""
    t0 = time.perf_counter()
    p = subprocess.Popen(
        args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})}
    )
    peak = [0]

    def poll() -> None:
        while p.poll() is None:
            peak[0] = max(peak[0], _tree_rss(p.pid))
            time.sleep(0.02)

    th = threading.Thread(target=poll, daemon=True)
    th.start()
    out, err = p.communicate()
    th.join()
    dt = time.perf_counter() - t0
    if p.returncode not in (0,):
        raise SystemExit(f"{' '.join(args)} failed ({p.returncode}): {err[-2000:]}")
    return dt, peak[0] // 1024, out


def corpus(work: Path, n: int) -> Path:
    d = work / f"corpus-{n}"
    if not (d.exists() and len(list(d.iterdir())) == n):
        shutil.rmtree(d, ignore_errors=True)
        subprocess.run([sys.executable, str(GEN), str(d), str(n)], check=True)
    return d


def subject(store: Path) -> str:
    """The most implemented central document of the store (the analyst's typical question)."""
    import sqlite3

    c = sqlite3.connect(store)
    row = c.execute(
        "SELECT e.dst, count(*) FROM edges e JOIN nodes n ON n.id = e.dst WHERE e.type = 'IMPLEMENTS' "
        "AND n.kind = 'Document' AND json_extract(n.data, '$.level') = 'central' "
        "GROUP BY e.dst ORDER BY 2 DESC LIMIT 1"
    ).fetchone()
    c.close()
    return str(row[0])


def in_process(store: Path, samples: int = 300) -> dict[str, float]:
    """Lineage p95 (default --limit 100, down and up) over random documents, and resolve_one's look-up."""
    from policygraph.graph import queries as q
    from policygraph.graph.store import open_source

    src = open_source(store)
    docs = [n for (n,) in src.conn.execute("SELECT id FROM nodes WHERE kind = 'Document'")]
    rng = random.Random(7)
    times, looks = [], []
    for node in rng.sample(docs, min(samples, len(docs))):
        for d in ("down", "up"):
            t0 = time.perf_counter()
            H, total = src.walk(node, d, None, q.DOC_RELATIONS, 100)
            q.lineage(H, node, d, None, q.DOC_RELATIONS, 100, total=total)
            times.append(time.perf_counter() - t0)
        sym = json.loads(src.conn.execute("SELECT data FROM nodes WHERE id = ?", (node,)).fetchone()[0]).get("symbol")
        if sym:
            t0 = time.perf_counter()
            q.resolve_ref(src.candidates(sym), sym)
            looks.append(time.perf_counter() - t0)
    rels = src.conn.execute("SELECT count(*) FROM edges").fetchone()[0]
    src.close()
    times.sort()
    return {
        "relationships": rels,
        "lineage_p50_ms": 1000 * statistics.median(times),
        "lineage_p95_ms": 1000 * times[int(0.95 * (len(times) - 1))],
        "resolve_p95_ms": 1000 * sorted(looks)[int(0.95 * (len(looks) - 1))] if looks else 0.0,
    }


def measure(n: int, work: Path, jobs: int | None, neo4j: str | None, queries_only: bool = False) -> dict[str, object]:
    src_dir = corpus(work, n)
    store = work / f"store-{n}.db"
    r: dict[str, object] = {"documents": n, "MB": round(sum(f.stat().st_size for f in src_dir.iterdir()) / 1e6)}
    if not queries_only:
        r.update(loads(n, work, src_dir, store, jobs))
    return {**r, **queries(store, neo4j)}


def loads(n: int, work: Path, src_dir: Path, store: Path, jobs: int | None) -> dict[str, object]:
    """Load into a new store, re-load unchanged, load one more file."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(store) + suffix).unlink(missing_ok=True)
    extra = ["--jobs", str(jobs)] if jobs else []
    r: dict[str, object] = {}
    r["load_s"], r["load_MB"], _ = run([*PG, "load", str(src_dir), "--store", str(store), *extra])
    r["store_MB"] = round(store.stat().st_size / 1e6)
    r["reload_s"], _, _ = run([*PG, "load", str(src_dir), "--store", str(store), *extra])
    one = work / f"one-more-{n}"
    shutil.rmtree(one, ignore_errors=True)
    subprocess.run([sys.executable, str(GEN), str(one), "1", "99"], check=True)
    for f in one.iterdir():  # a new file, not a new version of the corpus's doc_000000.txt (same relative path)
        f.rename(one / f"one-more-{f.name}")
    r["one_more_s"], _, _ = run([*PG, "load", str(one), "--store", str(store)])
    return r


def queries(store: Path, neo4j: str | None) -> dict[str, object]:
    """Whole query commands, in-process look-ups, and (with `neo4j`) a push, on the store."""
    r: dict[str, object] = {}
    ref = subject(store)
    r["subject"] = ref
    for cmd in (["lineage", ref, "--down"], ["show", ref], ["coverage", ref]):
        r[f"{cmd[0]}_s"], r[f"{cmd[0]}_MB"], _ = run([*PG, *cmd, "--store", str(store)], env={"COLUMNS": "160"})
    r["stats_s"], _, out = run([*PG, "stats", "--store", str(store)], env={"COLUMNS": "100"})
    r["stats_lines"] = len(out.splitlines())
    r.update(in_process(store))
    if neo4j:
        t0 = time.perf_counter()
        subprocess.run(
            [*PG, "push", "--neo4j", neo4j, "--store", str(store), "--force"], check=True, capture_output=True
        )
        r["push_s"] = time.perf_counter() - t0
        r["push_rels_per_s"] = int(int(r["relationships"]) / float(r["push_s"]))  # type: ignore[arg-type]
    return r


ROWS = [
    ("load_s", "load (s)", "< 30 s at 10^4, < 300 s at 10^5"),
    ("load_MB", "load peak memory, all processes (MB)", "< 500 at 10^4, < 1000 at 10^5"),
    ("store_MB", "store file (MB)", ""),
    ("reload_s", "re-load unchanged (s)", "< 5 s at 10^4"),
    ("one_more_s", "load one more file (s)", "< 2 s at 10^4"),
    ("lineage_s", "lineage --down, whole command (s)", "< 1 s at 10^4, < 1.5 s at 10^5"),
    ("lineage_MB", "lineage peak memory (MB)", "< 300"),
    ("show_s", "show, whole command (s)", "< 1 s / 1.5 s"),
    ("coverage_s", "coverage, whole command (s)", "< 1 s / 1.5 s"),
    ("coverage_MB", "coverage peak memory (MB)", "< 300"),
    ("stats_s", "stats, whole command (s)", "< 2 s at 10^4"),
    ("stats_lines", "stats lines", "<= 60"),
    ("relationships", "relationships in the store", ""),
    ("lineage_p50_ms", "in-process lineage p50 (ms)", ""),
    ("lineage_p95_ms", "in-process lineage p95 (ms)", "< 10 ms at 10^6 relationships"),
    ("resolve_p95_ms", "reference look-up p95 (ms)", ""),
    ("push_rels_per_s", "push to Neo4j (relationships/s)", ">= 20,000"),
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--work", default=str(ROOT / ".bench"))
    ap.add_argument("--jobs", type=int)
    ap.add_argument("--neo4j")
    ap.add_argument(
        "--queries-only",
        action="store_true",
        help="skip the loads: measure the queries on the stores a previous run left in --work",
    )
    a = ap.parse_args()
    work = Path(a.work)
    work.mkdir(parents=True, exist_ok=True)
    results = []
    for n in (int(x) for x in a.sizes.split(",")):
        r = measure(n, work, a.jobs, a.neo4j, a.queries_only)
        results.append(r)
        print(json.dumps(r), file=sys.stderr, flush=True)
    print("| | " + " | ".join(f"{r['documents']:,} documents ({r['MB']} MB)" for r in results) + " | goal |")
    print("|---|" + "---|" * (len(results) + 1))
    for key, label, goal in ROWS:
        if not any(key in r for r in results):
            continue
        cells = [(f"{r[key]:.2f}" if isinstance(r.get(key), float) else f"{r.get(key, '')}") for r in results]
        print(f"| {label} | " + " | ".join(cells) + f" | {goal} |")


if __name__ == "__main__":
    main()

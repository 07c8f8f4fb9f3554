"""The Cypher cookbook (queries/*.cypher): on the hand-made graph each query gives the expected rows; on
the sample corpus every `// example:` and every command of queries/README.md returns rows; the
breadth-first rewrites agree with networkx on a graph full of diamonds and cycles."""

from __future__ import annotations

import json
import random
import shlex
from itertools import pairwise
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from conftest import (
    BTG_HCM,
    D31,
    D45,
    D54,
    D98,
    FILE_HCM,
    FILE_HP,
    HCM08,
    HP08,
    METRO,
    PLAN150,
    REF14,
    REF_HP,
    ROOT,
    TU_HCM,
    UBND_HCM,
    doc_node,
)

from policygraph.cli.cmd_neo4j import read_query_file
from policygraph.graph import neo4j_connect as nc
from policygraph.graph import neo4j_graph as ng
from policygraph.graph import neo4j_model as nm

pytestmark = pytest.mark.neo4j

QUERIES = ROOT / "queries"
REQUIRED = {
    "local_implementers", "cites_up_to_depth", "superseded", "bodies_implementing", "jurisdiction_date_range",
    "unresolved_references", "most_cited", "shortest_chain",
}  # fmt: skip


def query(name: str) -> str:
    return read_query_file(QUERIES / f"{name}.cypher")[1]


@pytest.fixture
def db(neo4j_db: Any, graph: nx.MultiDiGraph) -> Any:
    ng.push_graph(neo4j_db, graph)
    return neo4j_db


def test_every_query_file_has_a_header() -> None:
    files = sorted(QUERIES.glob("*.cypher"))
    names = {f.stem for f in files}
    assert REQUIRED <= names and len(files) >= 8
    for f in files:
        meta, text = read_query_file(f)
        assert meta.get("name") == f.stem, f
        assert meta.get("answers") and "params" in meta and "example" in meta, f
        params = json.loads(meta["example"])
        for p in params:
            assert f"${p}" in text, (f, p)


# ----------------------------------------------------------------------------------- the sample corpus


@pytest.fixture
def sample(neo4j_db: Any) -> Any:
    """The sample corpus (examples/corpus), extracted and pushed as `policygraph load --neo4j` does."""
    from policygraph.graph.build import build_graph
    from policygraph.loaders.extract import extract_file

    files = sorted((ROOT / "examples" / "corpus").glob("*.txt"))
    assert len(files) == 5
    ng.push_graph(neo4j_db, build_graph(extract_file(str(f)) for f in files))
    return neo4j_db


def test_every_example_returns_rows_on_the_sample_corpus(sample: Any) -> None:
    for f in sorted(QUERIES.glob("*.cypher")):
        meta, text = read_query_file(f)
        rows = nc.run_cypher(sample, text, json.loads(meta["example"]))  # read-only: never writes
        assert rows, f"{f.name}: its example returns nothing on the sample corpus"


def readme_commands() -> list[list[str]]:
    """The `policygraph cypher ...` commands of queries/README.md, as argument lists."""
    lines = (QUERIES / "README.md").read_text(encoding="utf-8").splitlines()
    return [shlex.split(line)[1:] for line in lines if line.startswith("policygraph cypher ")]


def test_readme_examples_return_rows_on_the_sample_corpus(sample: Any, neo4j_uri: str) -> None:
    from typer.testing import CliRunner

    import policygraph.cli  # noqa: F401  (registers every command)
    from policygraph.cli.app import app

    commands = readme_commands()
    assert len(commands) >= 2
    for args in commands:
        args = [str(ROOT / a) if a.startswith("queries/") else a for a in args]
        r = CliRunner().invoke(app, [*args, "--neo4j", neo4j_uri, *(["--json"] if "--json" not in args else [])])
        assert r.exit_code == 0, (args, r.output)
        assert json.loads(r.stdout), f"{args}: no rows on the sample corpus"


# ------------------------------------------------------------------------------------ the hand-made graph


def test_local_implementers_of_31_nq_tw_with_the_chain(db: Any) -> None:
    rows = nc.run_cypher(db, query("local_implementers"), {"symbol": "31-NQ/TW", "label": None, "depth": 6})
    assert [(r["id"], r["hops"], r["chain"]) for r in rows] == [
        (HCM08, 1, ["08-NQ/TU", "31-NQ/TW"]),
        (PLAN150, 2, ["150/KH-UBND", "08-NQ/TU", "31-NQ/TW"]),
    ]
    assert rows[1]["chain_ids"] == [PLAN150, HCM08, D31]
    # Only resolutions; only direct implementation.
    only = nc.run_cypher(db, query("local_implementers"), {"symbol": "31-NQ/TW", "label": "Resolution", "depth": 6})
    assert [r["id"] for r in only] == [HCM08]
    direct = nc.run_cypher(db, query("local_implementers"), {"symbol": "31-NQ/TW", "label": None, "depth": 1})
    assert [r["id"] for r in direct] == [HCM08]
    # Hải Phòng's 08-NQ/TU only cites 31-NQ/TW: it is not an implementer.
    assert HP08 not in {r["id"] for r in rows}


def test_cites_up_to_depth(db: Any) -> None:
    q = query("cites_up_to_depth")
    one = nc.run_cypher(db, q, {"symbol": "150/KH-UBND", "jurisdiction": None, "depth": 1})
    assert {(r["id"], r["hops"]) for r in one} == {(HCM08, 1), (D98, 1), (D31, 1)}
    two = nc.run_cypher(db, q, {"symbol": "150/KH-UBND", "jurisdiction": None, "depth": 2})
    assert {(r["id"], r["hops"]) for r in two} == {(HCM08, 1), (D98, 1), (D31, 1), (REF14, 2), (D54, 2)}
    assert {r["resolved"] for r in two if r["id"] == REF14} == {False}
    # 08-NQ/TU names two documents: the jurisdiction picks one.
    both = nc.run_cypher(db, q, {"symbol": "08-NQ/TU", "jurisdiction": None, "depth": 1})
    assert {r["from_id"] for r in both} == {HCM08, HP08}
    hp = nc.run_cypher(db, q, {"symbol": "08-NQ/TU", "jurisdiction": "Hải Phòng", "depth": 1})
    assert {r["id"] for r in hp} == {D45, D31, REF_HP}


def test_superseded(db: Any) -> None:
    rows = nc.run_cypher(db, query("superseded"), {})
    assert len(rows) == 1
    row = rows[0]
    assert (row["id"], row["by_id"], row["how"], row["file"]) == (D54, D98, "replaces", FILE_HCM)
    assert "thay thế" in row["sentence"]


def test_bodies_implementing_98_2023_qh15(db: Any) -> None:
    rows = nc.run_cypher(db, query("bodies_implementing"), {"symbol": "98/2023/QH15", "depth": 6})
    assert {r["id"]: r["documents"] for r in rows} == {TU_HCM: [HCM08], UBND_HCM: [PLAN150]}
    assert {r["branch"] for r in rows} == {"party", "state"}
    assert BTG_HCM not in {r["id"] for r in rows}


def test_jurisdiction_date_range(db: Any) -> None:
    q = query("jurisdiction_date_range")
    year = nc.run_cypher(db, q, {"jurisdiction": "Thành phố Hồ Chí Minh", "from": "2023-01-01", "to": "2023-12-31"})
    assert [r["id"] for r in year] == [HCM08, PLAN150]
    spring = nc.run_cypher(db, q, {"jurisdiction": "Thành phố Hồ Chí Minh", "from": "2023-01-01", "to": "2023-03-31"})
    assert [r["id"] for r in spring] == [HCM08]
    hp = nc.run_cypher(db, q, {"jurisdiction": "Hải Phòng", "from": "2022-12-06", "to": "2022-12-06"})
    assert [r["id"] for r in hp] == [HP08]  # both ends inclusive


def test_unresolved_references(db: Any) -> None:
    rows = nc.run_cypher(db, query("unresolved_references"), {"limit": 20, "examples": 3})
    by_id = {r["id"]: r for r in rows}
    assert set(by_id) == {REF14, REF_HP} and {r["statements"] for r in rows} == {1}
    assert by_id[REF14]["missing"] == ["date"] and by_id[REF14]["cited_by"] == [HCM08]
    assert by_id[REF14]["files"] == [FILE_HCM] and "14-KL/TW" in by_id[REF14]["sentences"][0]
    assert by_id[REF_HP]["missing"] == ["date", "symbol"] and by_id[REF_HP]["cited_by"] == [HP08]
    assert by_id[REF_HP]["files"] == [FILE_HP]


def test_most_cited(db: Any) -> None:
    rows = nc.run_cypher(db, query("most_cited"), {"limit": 3})
    assert [(r["id"], r["citing"], r["mentions"]) for r in rows] == [(D31, 3, 3), (D98, 2, 3), (HCM08, 1, 1)]
    everything = nc.run_cypher(db, query("most_cited"), {"limit": 100})
    assert {r["id"] for r in everything} == {D31, D98, HCM08, D45, D54, REF14, REF_HP}


def test_shortest_chain(db: Any) -> None:
    q = query("shortest_chain")
    rows = nc.run_cypher(db, q, {"from_id": HP08, "to_id": D98})
    assert len(rows) == 1 and rows[0]["hops"] == 3
    chain = rows[0]["chain"]
    assert chain[0] == HP08 and chain[1] == D31 and chain[-1] == D98 and chain[2] in {HCM08, PLAN150}
    first = rows[0]["steps"][0]
    assert first == {"type": "CITES", "from": HP08, "to": D31, "file": FILE_HP}
    direct = nc.run_cypher(db, q, {"from_id": PLAN150, "to_id": HCM08})
    assert direct[0]["hops"] == 1 and direct[0]["steps"][0]["type"] == "IMPLEMENTS"
    assert nc.run_cypher(db, q, {"from_id": HP08, "to_id": "doc:nowhere"}) == []


def test_symbol_collisions_and_project_mentions(db: Any) -> None:
    rows = nc.run_cypher(db, query("symbol_collisions"), {"limit": 20})
    assert [(r["symbol"], r["ids"]) for r in rows] == [("08-NQ/TU", sorted([HCM08, HP08]))]
    mentions = nc.run_cypher(db, query("project_mentions"), {"name": "Bến Thành", "limit": 100})  # an alias
    assert [(r["project"], r["id"]) for r in mentions] == [(METRO, HCM08), (METRO, PLAN150)]
    assert all("metro số 2" in r["sentence"] for r in mentions)
    first = nc.run_cypher(db, query("project_mentions"), {"name": "metro", "limit": 1})
    assert [r["id"] for r in first] == [HCM08]


def test_queries_folder_has_a_browser_style() -> None:
    grass = (ROOT / "ontology" / "policygraph.grass").read_text(encoding="utf-8")
    for label in (*nm.DOCUMENT_LABELS, "Document", "Body", "Project"):
        assert f"node.{label} " in grass or f"node.{label}{{" in grass, label
    for rel in nm.REL_TYPES:
        assert f"relationship.{rel} " in grass, rel
    assert Path(QUERIES).is_dir()


# ------------------------------------------------------------------------------ breadth first, as networkx


def tangled_graph(n: int = 120, seed: int = 5) -> nx.MultiDiGraph:
    """Documents with many chains between the same two ends (diamonds), parallel edges and cycles."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph()
    for i in range(n):
        G.add_node(f"doc:{i}", **doc_node(symbol=f"{i % 40}-NQ/TU", number=str(i % 40), jurisdiction=f"Tỉnh {i % 3}",
                                          label="Resolution", sources=["t.txt"]))  # fmt: skip
    for k in range(4 * n):
        u, v = rng.sample(range(n), 2)
        rel = rng.choice(["IMPLEMENTS", "IMPLEMENTS", "CITES", "SUPERSEDES"])
        G.add_edge(
            f"doc:{u}",
            f"doc:{v}",
            key=f"{rel}:t.txt:{k}",
            type=rel,
            kind=None,
            source_file="t.txt",
            evidence={"file": "t.txt", "start": k, "end": k + 1, "sentence": f"câu {k}"},
        )
    return G


def test_rewritten_chains_agree_with_networkx_breadth_first(neo4j_db: Any) -> None:
    G = tangled_graph()
    ng.push_graph(neo4j_db, G)
    implements = nx.DiGraph((u, v) for u, v, d in G.edges(data=True) if d["type"] == "IMPLEMENTS")
    refers = nx.DiGraph(G.edges())
    for symbol in ("3-NQ/TU", "17-NQ/TU"):
        targets = [n for n, d in G.nodes(data=True) if d["symbol"] == symbol]
        for depth in (1, 2, 6):
            want = set()
            for t in targets:
                dist = (
                    nx.single_source_shortest_path_length(implements.reverse(copy=False), t, cutoff=depth)
                    if t in implements
                    else {}
                )
                want |= {(t, d, h) for d, h in dist.items() if h >= 1}
            rows = nc.run_cypher(
                neo4j_db, query("local_implementers"), {"symbol": symbol, "label": None, "depth": depth}
            )
            assert {(r["target_id"], r["id"], r["hops"]) for r in rows} == want, (symbol, depth)
            for r in rows:  # the chain is a real chain of IMPLEMENTS of that length
                assert len(r["chain_ids"]) == r["hops"] + 1 and r["chain_ids"][-1] == r["target_id"]
                assert all(implements.has_edge(a, b) for a, b in pairwise(r["chain_ids"]))
            cited = set()
            for d in targets:
                dist = nx.single_source_shortest_path_length(refers, d, cutoff=depth)
                cited |= {(d, c, h) for c, h in dist.items() if h >= 1}
            rows = nc.run_cypher(
                neo4j_db, query("cites_up_to_depth"), {"symbol": symbol, "jurisdiction": None, "depth": depth}
            )
            assert {(r["from_id"], r["id"], r["hops"]) for r in rows} == cited, (symbol, depth)


def test_bounded_answers_agree_with_networkx(neo4j_db: Any) -> None:
    """most_cited counts citing documents only for the documents that can make the answer; the answer is
    the one a full count gives. unresolved_references puts the most referred to first, examples capped."""
    G = tangled_graph(n=150, seed=9)
    for n in list(G)[::7]:
        G.nodes[n]["resolved"] = False
    ng.push_graph(neo4j_db, G)
    docs = nx.DiGraph(G.edges())  # distinct citing documents = predecessors
    mentions = {n: G.in_degree(n) for n in G}
    full = sorted((-len(list(docs.predecessors(n))), -mentions[n], n) for n in G if mentions[n])
    for limit in (1, 3, 10, 40, 1000):
        rows = nc.run_cypher(neo4j_db, query("most_cited"), {"limit": limit})
        assert [(-r["citing"], -r["mentions"], r["id"]) for r in rows] == full[:limit], limit
    unresolved = sorted((-mentions[n], n) for n, d in G.nodes(data=True) if not d["resolved"])
    rows = nc.run_cypher(neo4j_db, query("unresolved_references"), {"limit": 5, "examples": 2})
    assert [(-r["statements"], r["id"]) for r in rows] == unresolved[:5]
    for r in rows:
        assert len(r["sentences"]) == min(2, r["statements"]) and len(r["cited_by"]) <= 2
        assert set(r["cited_by"]) <= set(docs.predecessors(r["id"]))

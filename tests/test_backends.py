"""The same questions, answered from the embedded store and from Neo4j, on the sample corpus."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from policygraph.cli import app
from policygraph.graph import neo4j_connect, neo4j_store
from policygraph.graph import neo4j_read as nr
from policygraph.graph.store import open_store

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.neo4j

QUESTIONS = [
    ["lineage", "31-NQ/TW", "--down"],
    ["lineage", "01-KL/TW", "--up"],
    ["lineage", "46-CTr/TU", "--both", "--depth", "2"],
    ["lineage", "Nghị quyết 98", "--down", "--type", "IMPLEMENTS"],
    ["show", "08-NQ/TU@Đồng Nai"],
    ["show", "004_4f6655e48d839bfa.txt"],
    ["coverage", "98/2023/QH15"],
    ["coverage", "31-NQ/TW", "--via-cites"],
    ["coverage", "31-NQ/TW", "--timeline", "--as-of", "2025-06-30", "--via-cites"],
    ["coverage", "98/2023/QH15", "--missing"],
    ["stats"],
    ["stats", "--top", "1"],
    ["stats", "--files"],
]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory, neo4j_driver: Any, neo4j_uri: str) -> tuple[Path, str]:
    neo4j_store.wipe(neo4j_driver)
    store = tmp_path_factory.mktemp("backends") / "g.json"
    r = CliRunner().invoke(
        app, ["load", str(ROOT / "examples" / "corpus"), "--store", str(store), "--neo4j", neo4j_uri, "--json"]
    )
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["neo4j"]["files_pushed"] == 5
    return store, neo4j_uri


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: " ".join(q))
def test_embedded_and_neo4j_answer_alike(loaded: tuple[Path, str], question: list[str]) -> None:
    store, uri = loaded
    runner = CliRunner()
    a = runner.invoke(app, [*question, "--json", "--store", str(store)])
    b = runner.invoke(app, [*question, "--json", "--neo4j", uri])
    assert a.exit_code == 0, a.output
    assert b.exit_code == 0, b.output
    ja, jb = json.loads(a.stdout), json.loads(b.stdout)
    assert ja == jb
    assert ja  # a real answer, not an empty one


@pytest.mark.parametrize(
    "question",
    [
        ["coverage", "98/2023/QH15"],
        ["coverage", "31-NQ/TW", "--limit", "2"],
        ["coverage", "31-NQ/TW", "--via-cites", "--limit", "1"],
    ],
    ids=" ".join,
)
def test_coverage_text_reads_in_full_only_what_it_shows_and_says_the_same(
    loaded: tuple[Path, str], question: list[str]
) -> None:
    """Neo4j counts a brief walk and reads the documents shown in full; the text is the store's."""
    store, uri = loaded
    runner = CliRunner()
    a = runner.invoke(app, [*question, "--store", str(store)])
    b = runner.invoke(app, [*question, "--neo4j", uri])
    assert a.exit_code == 0 and b.exit_code == 0, a.output + b.output
    assert a.stdout == b.stdout
    assert "“" in a.stdout and "documents (" in a.stdout  # the entries table, with evidence


def test_loading_twice_leaves_identical_counts(loaded: tuple[Path, str], neo4j_driver: Any) -> None:
    store, uri = loaded
    before = neo4j_connect.counts(neo4j_driver)
    r = CliRunner().invoke(app, ["push", "--neo4j", uri, "--store", str(store), "--force", "--json"])
    assert r.exit_code == 0, r.output
    assert neo4j_connect.counts(neo4j_driver) == before
    G = open_store(store).graph
    assert before["Document"] == sum(1 for _, d in G.nodes(data=True) if d["kind"] == "Document")


def test_cypher_finds_local_documents_implementing_31(loaded: tuple[Path, str]) -> None:
    _, uri = loaded
    q = (
        "MATCH p = (d:Document)-[:IMPLEMENTS*1..4]->(t:Document {symbol: $symbol}) "
        "WHERE d.jurisdiction IS NOT NULL RETURN DISTINCT d.jurisdiction AS j ORDER BY j"
    )
    r = CliRunner().invoke(app, ["cypher", q, "--param", "symbol=31-NQ/TW", "--json", "--neo4j", uri])
    assert r.exit_code == 0, r.output
    assert [row["j"] for row in json.loads(r.stdout)] == ["Thành phố Hồ Chí Minh"]


def _refs(G: Any) -> list[str]:
    """References an analyst may type for the nodes of G, in every form resolve_ref accepts."""
    from policygraph.graph import queries as q
    from policygraph.ontology.vocab import LABEL_VI

    refs: set[str] = set()
    for n, d in G.nodes(data=True):
        refs.update({str(n), q.suggest_ref(G, n)})
        if d.get("symbol"):
            refs.update({d["symbol"], d["symbol"].lower(), f"{d['symbol']}@{d.get('jurisdiction') or 'TW'}"})
        if d.get("number") and d.get("label") in LABEL_VI:
            refs.add(f"{LABEL_VI[d['label']]} {d['number']}")
        if d.get("source_file"):
            refs.update({d["source_file"], d["source_file"].upper()})
        for name in (d.get("title"), d.get("name"), *(d.get("aliases") or [])):
            if name:
                words = name.split()
                refs.update({name, name.upper(), " ".join(words[:3]), " ".join(words[-2:])})
    return sorted(refs)


def test_candidates_resolve_like_the_whole_graph(loaded: tuple[Path, str], neo4j_driver: Any) -> None:
    """Neo4j's candidates for a reference are found by index, yet resolve_ref decides on them exactly as
    on the whole graph, for every node of the sample corpus and every form of reference."""
    from policygraph.graph import queries as q

    store, _ = loaded
    G = open_store(store).graph
    source = nr.Neo4jSource(neo4j_driver)
    refs = _refs(G)
    assert len(refs) > 200
    for ref in refs:
        H = source.candidates(ref)
        assert q.resolve_ref(H, ref) == q.resolve_ref(G, ref), ref
        assert H.number_of_nodes() < G.number_of_nodes() / 2, ref  # never the whole graph

"""The graph questions of the design, asked of the real sample corpus through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from policygraph.cli import app
from policygraph.graph.store import open_store
from policygraph.ontology import export, rdf

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def store(sample_store: Path) -> Path:
    return sample_store


def _json(store: Path, *args: str) -> dict:
    r = CliRunner().invoke(app, [*args, "--json", "--store", str(store)])
    assert r.exit_code == 0, r.output
    return json.loads(r.stdout)


def _nodes(tree: dict) -> list[dict]:
    out = []
    for c in tree.get("children", []):
        out.append(c)
        out.extend(_nodes(c))
    return out


def test_what_implements_31_nq_tw_are_the_hcm_documents(store: Path) -> None:
    tree = _json(store, "lineage", "31-NQ/TW", "--down", "--type", "IMPLEMENTS")
    G = open_store(store).graph
    hops = _nodes(tree)
    assert hops
    assert {G.nodes[h["node"]]["jurisdiction"] for h in hops} == {"Thành phố Hồ Chí Minh"}
    assert {G.nodes[h["node"]].get("source_file") for h in hops} == {
        "000_dd968633c1f9caf8.txt",
        "003_9bd564ad1810f10b.txt",
    }


def test_01_kl_tw_carries_out_05_ct_tw(store: Path) -> None:
    tree = _json(store, "lineage", "01-KL/TW", "--up", "--depth", "1")
    G = open_store(store).graph
    assert "05-CT/TW" in {G.nodes[h["node"]].get("symbol") for h in _nodes(tree)}


def test_coverage_of_98_2023_qh15_names_ho_chi_minh_city(store: Path) -> None:
    report = _json(store, "coverage", "98/2023/QH15")
    assert report["count"] >= 3
    assert "Thành phố Hồ Chí Minh" in report["by_jurisdiction"]


@pytest.mark.parametrize("fmt", ["ttl", "jsonld"])
def test_the_real_graph_round_trips_through_rdf(store: Path, fmt: str) -> None:
    G = open_store(store).graph
    text = rdf.to_turtle(G) if fmt == "ttl" else rdf.to_jsonld(G)
    H = rdf.parse_rdf(text, "turtle" if fmt == "ttl" else "json-ld")
    assert set(H.nodes) == set(G.nodes)
    assert H.number_of_edges() == G.number_of_edges()
    for n in ("doc:31-NQ/TW@2022-12-30", "doc:08-NQ/TU@Đồng Nai@2022-12-08"):
        assert H.nodes[n]["symbol"] == G.nodes[n]["symbol"] and H.nodes[n]["date"] == G.nodes[n]["date"]


def test_the_real_graph_round_trips_through_graphml(store: Path, tmp_path: Path) -> None:
    G = open_store(store).graph
    export.to_graphml(G, tmp_path / "g.graphml")
    H = nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True)
    assert set(H.nodes) == set(G.nodes)
    assert H.number_of_edges() == G.number_of_edges()
    assert H.nodes["doc:46-CTr/TU@Hải Phòng@2023-03-08"]["label"] == "Programme"

"""The HTML view without a browser: what a view selects (the same as lineage), names, layout, the page's
data, escaping, offline, and `policygraph view` on the sample corpus (tests/test_browser_view.py opens
the pages in Chromium)."""

from __future__ import annotations

import itertools
import os
import re
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from conftest import BCT, D31, D45, D98, HCM08, HP08, METRO, PLAN150, REF14
from typer.testing import CliRunner

from policygraph.cli import app
from policygraph.graph import queries as q
from policygraph.graph.source import MemorySource
from policygraph.graph.store import read_graph
from policygraph.ontology import vocab
from policygraph.visualisations import layout
from policygraph.visualisations.html import (
    LABEL_COLOURS,
    TYPE_COLOURS,
    page_data,
    page_payload,
    render_html,
    script_json,
)
from policygraph.visualisations.scope import DOC_RELATIONS, focus_view, whole_view

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


@pytest.fixture(scope="module")
def sample(sample_store: Path) -> nx.MultiDiGraph:
    return read_graph(sample_store)


def view_cli(store: Path, out: Path, *args: str) -> Any:
    return runner.invoke(
        app, ["view", *args, "-o", str(out), "--store", str(store)], env={"POLICYGRAPH_STORE": None, "NEO4J_URI": None}
    )


def node(G: nx.MultiDiGraph, symbol: str) -> str:
    (found,) = q.resolve_ref(G, symbol)
    return found


# ------------------------------------------------------------------------------------------- selection


def test_every_label_and_type_has_a_colour() -> None:
    assert set(LABEL_COLOURS) == set(vocab.NODE_LABELS)
    assert set(TYPE_COLOURS) == set(vocab.RELATION_TYPES)


def test_focus_31_shows_it_and_what_carries_it_out(sample: nx.MultiDiGraph) -> None:
    """The issue's acceptance: 31-NQ/TW and the two Hồ Chí Minh City documents, no siblings, no other
    Politburo documents, no bodies or projects drawn."""
    d31 = node(sample, "31-NQ/TW")
    v = focus_view(MemorySource(sample), d31)
    assert len(v.graph) == 3
    others = set(v.graph) - {d31}
    assert {sample.nodes[n]["jurisdiction"] for n in others} == {"Thành phố Hồ Chí Minh"}
    assert all(sample.has_edge(n, d31) for n in others)
    assert {d.get("kind") for _, d in v.graph.nodes(data=True)} == {"Document"}
    assert v.levels == {d31: 0, **{n: 1 for n in others}} and v.parent == {n: d31 for n in others}
    assert v.issuers(d31) == ["Bộ Chính trị"]  # the body is an attribute, not a node


@pytest.mark.parametrize(("direction", "depth"), [("both", 2), ("up", 1), ("down", 3), ("both", 0), ("up", None)])
def test_the_picture_and_lineage_agree(sample: nx.MultiDiGraph, direction: Any, depth: int | None) -> None:
    """For every document of the sample corpus, the view draws exactly the nodes lineage reaches."""
    src = MemorySource(sample)
    docs = [n for n, d in sample.nodes(data=True) if d["kind"] == "Document"]
    for types in (DOC_RELATIONS, ("IMPLEMENTS",)):
        for n in docs:
            v = focus_view(src, n, direction, depth, types)
            tree = q.lineage(sample, n, direction, depth, types)
            assert set(v.graph) == tree.nodes() | {n}, (n, direction, depth, types)
            assert {h.node: h.depth for h in tree.walk() if not h.seen and h.direction == "down"}.items() <= {
                k: lv for k, lv in v.levels.items() if lv > 0
            }.items()


def test_bodies_and_projects_are_drawn_only_when_asked(graph: nx.MultiDiGraph) -> None:
    src = MemorySource(graph)
    plain = focus_view(src, D31)
    assert BCT not in plain.graph and METRO not in plain.graph
    assert plain.projects(HCM08) == ["Tuyến metro số 2"] and plain.issuers(D31) == ["Bộ Chính trị"]
    drawn = focus_view(src, D31, with_=("bodies", "projects"))
    assert {BCT, METRO} <= set(drawn.graph)
    assert drawn.graph.has_edge(D31, BCT) and drawn.graph.has_edge(PLAN150, METRO)
    # a body is not walked through: D45, issued by the same Bộ Chính trị, is no neighbour of D31
    assert D45 not in drawn.graph and HP08 in drawn.graph  # HP08 cites D31
    assert set(drawn.graph) - set(plain.graph) == {BCT, METRO, *(n for n in drawn.graph if n.startswith("body:"))}


def test_whole_view_draws_documents_and_their_relations(graph: nx.MultiDiGraph) -> None:
    v = whole_view(graph)
    docs = {n for n, d in graph.nodes(data=True) if d["kind"] == "Document"}
    assert set(v.graph) == docs
    assert v.graph.number_of_edges() == sum(1 for *_, d in graph.edges(data=True) if d["type"] in DOC_RELATIONS)
    assert set(whole_view(graph, with_=("bodies", "projects")).graph) == set(graph)
    only = whole_view(graph, ("SUPERSEDES",))
    assert [d["type"] for *_, d in only.graph.edges(data=True)] == ["SUPERSEDES"]


# ----------------------------------------------------------------------------------------------- layout


def test_layered_layout_puts_up_above_and_down_below(graph: nx.MultiDiGraph) -> None:
    v = focus_view(MemorySource(graph), HCM08)
    data = page_payload(v)
    y = {n["id"]: n["y"] for n in data["nodes"]}
    assert all(y[n] < y[HCM08] for n, lv in v.levels.items() if lv < 0)
    assert all(y[n] > y[HCM08] for n, lv in v.levels.items() if lv > 0)
    assert {D31, D98} <= {n for n, lv in v.levels.items() if lv < 0} and v.levels[PLAN150] == 1


def test_rows_never_overlap() -> None:
    levels = {f"n{i}": (i % 3) - 1 for i in range(60)}
    widths = {n: 100.0 + (i % 7) * 20 for i, n in enumerate(levels)}
    pos = layout.layered(levels, {}, widths, max_width=1500)
    rows: dict[float, list[str]] = {}
    for n, (_, yy) in pos.items():
        rows.setdefault(yy, []).append(n)
    assert len(rows) > 3  # the wide rows wrapped
    for row in rows.values():
        row.sort(key=lambda n: pos[n][0])
        for a, b in itertools.pairwise(row):
            assert pos[b][0] - pos[a][0] >= (widths[a] + widths[b]) / 2 - 1e-6


def test_lanes_central_first_and_time_left_to_right(sample: nx.MultiDiGraph) -> None:
    data = page_payload(whole_view(sample))
    lanes = data["backdrop"]["lanes"]
    assert lanes[0][0].startswith("Trung ương")
    by_id = {n["id"]: n for n in data["nodes"]}
    dated = sorted(
        (n for n in by_id.values() if n["year"] and n["jur"] == "Thành phố Hồ Chí Minh"),
        key=lambda n: sample.nodes[n["id"]].get("date") or "",
    )
    assert [n["x"] for n in dated] == sorted(n["x"] for n in dated)
    central = max(n["y"] for n in by_id.values() if n["jur"] == "Trung ương")
    assert all(n["y"] > central for n in by_id.values() if n["jur"] != "Trung ương")


# ------------------------------------------------------------------------------------------------- page


def test_page_data_names_and_evidence(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    v = focus_view(MemorySource(graph), D31)
    data = page_data(render_html(v, tmp_path / "v.html").read_text(encoding="utf-8"))
    nodes = data["nodes"]
    assert nodes[data["focus"]]["id"] == D31 and nodes[data["focus"]]["name"] == "31-NQ/TW"
    by_id = {n["id"]: i for i, n in enumerate(nodes)}
    hcm = nodes[by_id[HCM08]]
    assert hcm["sub"] == "Nghị quyết · Thành phố Hồ Chí Minh · 10/2/2023"
    assert nodes[hcm["parent"]]["id"] == D31
    attrs = dict(hcm["attrs"])
    assert attrs["issuer"] == "Thành ủy Thành phố Hồ Chí Minh" and attrs["projects"] == "Tuyến metro số 2"
    assert attrs["conflicting date"].startswith("2023-02-10")
    edge = next(e for e in data["edges"] if e["from"] == by_id[HCM08] and e["to"] == by_id[D31])
    sentence = graph.edges[HCM08, D31, next(iter(graph[HCM08][D31]))]["evidence"]["sentence"]
    assert data["sentences"][edge["s"]] == sentence and data["files"][edge["file"]] == "tphcm_08-nq-tu.txt"


def test_unresolved_reference_is_marked(graph: nx.MultiDiGraph) -> None:
    data = page_payload(focus_view(MemorySource(graph), HCM08))
    ref = next(n for n in data["nodes"] if n["id"] == REF14)
    assert ref["resolved"] is False and ["unresolved", "missing date"] in ref["attrs"]


def test_document_text_cannot_break_out_of_the_page(tmp_path: Path) -> None:
    G = nx.MultiDiGraph()
    evil = "</script><script>alert(1)</script><img src=x onerror=alert(2)>"
    G.add_node("doc:x", kind="Document", label="Resolution", symbol="1-NQ/TW", title=evil)
    G.add_node("doc:y", kind="Document", label="Plan", symbol="2-KH/TU")
    G.add_edge(
        "doc:y",
        "doc:x",
        type="IMPLEMENTS",
        kind="implements",
        evidence={"file": "a.txt", "start": 0, "end": 5, "sentence": evil},
    )
    page = render_html(whole_view(G), tmp_path / "x.html", title=evil).read_text(encoding="utf-8")
    assert "<script>alert" not in page and "<img" not in page
    assert page.count("</script>") == 3  # the data block, vis-network and the page's own script
    data = page_data(page)
    assert ["title", evil] in data["nodes"][0]["attrs"] + data["nodes"][1]["attrs"] and evil in data["sentences"]
    assert script_json("\u2028") == '"\\u2028"'


def test_page_works_offline(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    page = render_html(whole_view(graph), tmp_path / "g.html").read_text(encoding="utf-8")
    assert not re.search(r"<(script|link|img|iframe)\b[^>]*(src|href)=", page)
    assert "default-src 'none'" in page  # the browser itself refuses any request
    assert "vis.Network" in page and "pg-data" in page
    assert list(tmp_path.iterdir()) == [tmp_path / "g.html"]


# -------------------------------------------------------------------------------------------------- CLI


def test_cli_view_31_on_the_sample_corpus(sample_store: Path, sample: nx.MultiDiGraph, tmp_path: Path) -> None:
    out = tmp_path / "v.html"
    r = view_cli(sample_store, out, "31-NQ/TW")
    assert r.exit_code == 0, r.output
    assert "3 of " in r.output and "--with bodies,projects" in r.output
    names = sorted(n["name"] for n in page_data(out.read_text(encoding="utf-8"))["nodes"])
    assert names[0] == "1330-CV/BTGTU" and names[1] == "31-NQ/TW"
    assert names[2].startswith("Kết quả Hội nghị lần thứ 31") and not names[2].endswith(".txt")
    r = view_cli(sample_store, out, "31-NQ/TW", "--with", "bodies")
    assert r.exit_code == 0, r.output
    drawn = {n["name"] for n in page_data(out.read_text(encoding="utf-8"))["nodes"]}
    assert "Bộ Chính trị" in drawn and len(drawn) > 3


def test_cli_view_options(sample_store: Path, sample: nx.MultiDiGraph, tmp_path: Path) -> None:
    out = tmp_path / "v.html"
    r = view_cli(sample_store, out, "08-NQ/TU@Hải Phòng 2022", "--up", "--type", "implements", "--depth", "1")
    assert r.exit_code == 0, r.output
    data = page_data(out.read_text(encoding="utf-8"))
    hp = node(sample, "08-NQ/TU@Hải Phòng 2022")
    want = q.lineage(sample, hp, "up", 1, ("IMPLEMENTS",)).nodes() | {hp}
    assert {n["id"] for n in data["nodes"]} == want
    assert {e["type"] for e in data["edges"]} <= {"IMPLEMENTS"}
    for bad, code in (
        (["31-NQ/TW", "--up", "--down"], 2),
        (["31-NQ/TW", "--type", "MENTIONS"], 2),
        (["31-NQ/TW", "--with", "people"], 2),
        (["08-NQ/TU"], 2),
        (["99-NQ/TW"], 1),
    ):
        r = view_cli(sample_store, out, *bad)
        assert r.exit_code == code, (bad, r.output)
        assert "Traceback" not in r.output


def test_cli_whole_graph(sample_store: Path, sample: nx.MultiDiGraph, tmp_path: Path) -> None:
    out = tmp_path / "all.html"
    r = view_cli(sample_store, out)
    assert r.exit_code == 0, r.output
    docs = sum(1 for _, d in sample.nodes(data=True) if d["kind"] == "Document")
    assert f"{docs} of {len(sample)} nodes drawn" in r.output
    r = view_cli(sample_store, tmp_path / "no" / "dir.html", "31-NQ/TW")
    assert r.exit_code == 1 and "dir.html" in r.output


@pytest.mark.neo4j
def test_view_from_neo4j_draws_what_the_store_draws(
    neo4j_db: Any, neo4j_uri: str, sample: nx.MultiDiGraph, sample_store: Path, tmp_path: Path
) -> None:
    """`view --neo4j` resolves REF on Neo4j and fetches only the walks it draws: the same page data as
    the embedded store (nodes, relations, the bodies and projects in the panel)."""
    import os

    from policygraph.graph import neo4j_graph

    neo4j_graph.push_graph(neo4j_db, sample)
    login = [
        a
        for k, opt in (("NEO4J_USER", "--user"), ("NEO4J_PASSWORD", "--password"), ("NEO4J_DATABASE", "--database"))
        if os.environ.get(k)
        for a in (opt, os.environ[k])
    ]
    for args in (["31-NQ/TW"], ["08-NQ/TU@Hải Phòng 2022", "--up", "--depth", "3"], ["--with", "bodies,projects"]):
        here, there = tmp_path / "store.html", tmp_path / "neo4j.html"
        assert view_cli(sample_store, here, *args).exit_code == 0
        r = runner.invoke(
            app, ["view", *args, "-o", str(there), "--neo4j", neo4j_uri, *login], env={"POLICYGRAPH_STORE": None}
        )
        assert r.exit_code == 0, r.output
        a, b = (page_data(p.read_text(encoding="utf-8")) for p in (here, there))
        assert [(n["id"], n["name"], sorted(map(tuple, n["attrs"]))) for n in a["nodes"]] == [
            (n["id"], n["name"], sorted(map(tuple, n["attrs"]))) for n in b["nodes"]
        ], args
        key = lambda d: sorted(  # noqa: E731
            (
                d["nodes"][e["from"]]["id"],
                d["nodes"][e["to"]]["id"],
                e["type"],
                d["sentences"][e["s"]],
            )
            for e in d["edges"]
        )
        assert key(a) == key(b), args


def test_the_page_script_is_valid_javascript() -> None:
    """The view's script is a real file, parsed by Node.js (on every machine of this kind; CI fails without it)."""
    import shutil
    import subprocess

    from policygraph.visualisations import assets

    node = shutil.which("node")
    if node is None:
        if os.environ.get("CI"):
            pytest.fail("Node.js is needed on CI to parse the view's script", pytrace=False)
        pytest.skip("Node.js is not installed")
    script = Path(assets.__file__).parent / "static" / "view.js"
    r = subprocess.run([node, "--check", str(script)], capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    assert "performance.now" not in assets.page_js()  # no benchmark hooks in the product page

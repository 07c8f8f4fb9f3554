"""The HTML view: written, offline, coloured, with tooltips and evidence; focus keeps a neighbourhood."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from conftest import BCT, D31, D45, D98, HCM08, HP08, METRO, PLAN150, REF14

from policygraph.ontology import vocab
from policygraph.visualisations.html import (
    LABEL_COLOURS,
    TYPE_COLOURS,
    edge_tooltip,
    neighbourhood,
    node_tooltip,
    render_html,
)


def dataset(page: str, name: str) -> list[dict[str, Any]]:
    """The JSON array handed to ``new vis.DataSet`` for nodes or edges."""
    m = re.search(rf"{name} = new vis\.DataSet\((\[.*?\])\);\n", page, re.DOTALL)
    assert m, f"no {name} DataSet in the page"
    return json.loads(m.group(1))  # type: ignore[no-any-return]


def test_every_label_and_type_has_a_colour() -> None:
    assert set(LABEL_COLOURS) == set(vocab.NODE_LABELS)
    assert set(TYPE_COLOURS) == set(vocab.RELATION_TYPES)


def test_whole_graph_page(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    path = render_html(graph, tmp_path / "g.html")
    page = path.read_text(encoding="utf-8")
    nodes, edges = dataset(page, "nodes"), dataset(page, "edges")
    assert {n["id"] for n in nodes} == set(graph.nodes)
    assert len(edges) == graph.number_of_edges()
    by_id = {n["id"]: n for n in nodes}
    # captions: symbols, with the jurisdiction of local documents; names of bodies and projects
    assert by_id[D31]["label"] == "31-NQ/TW"
    assert by_id[HP08]["label"] == "08-NQ/TU\nHải Phòng"
    assert by_id[HCM08]["label"] == "08-NQ/TU\nThành phố Hồ Chí Minh"
    assert by_id[BCT]["label"] == "Bộ Chính trị"
    assert by_id[METRO]["label"] == "Tuyến metro số 2"
    assert by_id[D31]["color"] == LABEL_COLOURS["Resolution"]
    assert by_id[PLAN150]["color"] == LABEL_COLOURS["Plan"]
    assert by_id[BCT]["shape"] == "box"
    # tooltips: symbol, date, issuer, jurisdiction
    tip = by_id[HP08]["title"]
    for part in ("Resolution (Nghị quyết)", "Symbol: 08-NQ/TU", "Date: 2022-12-06", "Issuer: Thành ủy Hải Phòng",
                 "Jurisdiction: Hải Phòng"):  # fmt: skip
        assert part in tip
    assert "Unresolved reference (missing date)" in by_id[REF14]["title"]
    # edges: colour per type, evidence sentence in the tooltip
    based_on = [e for e in edges if e["from"] == HCM08 and e["to"] == D98 and e["color"] == TYPE_COLOURS["IMPLEMENTS"]]
    assert based_on and based_on[0]["dashes"] is True
    assert "IMPLEMENTS (based_on)" in based_on[0]["title"]
    assert "Căn cứ Nghị quyết số 98/2023/QH15 của Quốc hội." in based_on[0]["title"]
    # legend and title
    assert 'id="pg-legend"' in page and "Resolution" in page and "SUPERSEDES" in page
    assert "<title>PolicyGraph</title>" in page


def test_page_works_offline(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    page = render_html(graph, tmp_path / "g.html").read_text(encoding="utf-8")
    assert not re.search(r"<(script|link)\b[^>]*(src|href)=\"https?://", page)
    assert "vis.Network" in page and "new vis.DataSet" in page  # the library is inline
    assert not (tmp_path / "lib").exists()


def test_focus_keeps_the_neighbourhood(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    page = render_html(graph, tmp_path / "hp.html", focus=HP08, depth=1).read_text(encoding="utf-8")
    ids = {n["id"] for n in dataset(page, "nodes")}
    assert ids == set(neighbourhood(graph, HP08, 1).nodes)
    assert HP08 in ids and D45 in ids and D31 in ids
    assert HCM08 not in ids  # the other 08-NQ/TU is two hops away
    focus = next(n for n in dataset(page, "nodes") if n["id"] == HP08)
    assert focus["size"] > 16
    assert "PolicyGraph: " in page
    two = set(neighbourhood(graph, HP08, 2).nodes)
    assert HCM08 in two and two > ids
    assert set(neighbourhood(graph, HP08, 0).nodes) == {HP08}


def test_unknown_focus(graph: nx.MultiDiGraph, tmp_path: Path) -> None:
    with pytest.raises(KeyError):
        render_html(graph, tmp_path / "x.html", focus="doc:nothing")


def test_tooltips_are_plain_text() -> None:
    tip = node_tooltip("n", {"kind": "Document", "label": "Decree", "symbol": "15/2020/NĐ-CP", "date": None})
    assert tip.splitlines()[0] == "Decree (Nghị định)" and "Date" not in tip
    tip = edge_tooltip({"type": "SUPERSEDES", "kind": "amends", "source_file": "a.txt",
                        "evidence": {"file": "a.txt", "start": 0, "end": 3, "sentence": "<b>sửa đổi</b>"}})  # fmt: skip
    assert tip == "SUPERSEDES (amends)\nFile: a.txt\n“<b>sửa đổi</b>”"


def test_html_escapes_script_breakers(tmp_path: Path) -> None:
    G = nx.MultiDiGraph()
    G.add_node("a", kind="Document", label="Document", title="</script><script>alert(1)</script>")
    page = render_html(G, tmp_path / "x.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page

"""graph.queries (lineage, show, stats, coverage, the reference look-up) on the hand-made graph of
tests/query_corpus.py, shaped like docs/schema.md and like the sample corpus."""

from __future__ import annotations

import json

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from query_corpus import (
    BCT,
    CTR46,
    CV1330,
    D01,
    D05,
    D27,
    D31,
    D98,
    DN08,
    F000,
    F001,
    F002,
    F003,
    F004,
    HCM,
    HP08_13,
    HP08_22,
    KH24,
    LAW19,
    N001,
    N002,
    N003,
    N004,
    OLD_LAW,
    REF21,
    corpus_graph,
)

from policygraph.graph import coverage as cov
from policygraph.graph import queries as q


@pytest.fixture
def corpus() -> nx.MultiDiGraph:
    return corpus_graph()


# ------------------------------------------------------------------------------------------------ folding


def test_fold_symbol_unifies_case_d_eth_spaces_and_leading_zeros() -> None:
    assert q.fold_symbol("08-NQ/TU") == q.fold_symbol("8-nq/tu") == q.fold_symbol(" 08 - NQ / TU ")
    assert q.fold_symbol("641/QĐ-UBND") == q.fold_symbol("641/QÐ-UBND") == q.fold_symbol("641/QD-UBND")
    assert q.fold_symbol("98/2023/QH15") == "98/2023/qh15"  # only the leading number loses zeros
    assert q.fold_symbol("31-NQ/TW") != q.fold_symbol("13-NQ/TW")


@given(st.integers(min_value=1, max_value=99999), st.integers(min_value=0, max_value=3))
@settings(max_examples=50)
def test_fold_symbol_ignores_any_number_of_leading_zeros(n: int, zeros: int) -> None:
    assert q.fold_symbol("0" * zeros + f"{n}-NQ/TU") == q.fold_symbol(f"{n}-nq/tu")


# ------------------------------------------------------------------------------------------------ resolve


@pytest.mark.parametrize(
    "ref",
    [
        D31,
        "31-NQ/TW",
        "31-nq/tw",
        "31 - NQ/TW",
        "031-NQ/TW",
        "NQ 31-NQ/TW",
        "Nghị quyết 31-NQ/TW",
        "Nghị quyết số 31-NQ/TW",
        "Nghị quyết 31",
        "nghi quyet 31",
        "NGHỊ QUYẾT 31",
        "NQ 31",
        "nq 31",
        "31-NQ/TW@TW",
        "31-NQ/TW 2022",
        "31-NQ/TW khóa XIII",
        "31-NQ/TW ngày 30/12/2022",
        "31-NQ/TW@2022-12-30",
        "Nghị quyết 31 2022",
        "Resolution 31",
    ],
)
def test_resolve_forms_of_31_nq_tw(corpus: nx.MultiDiGraph, ref: str) -> None:
    assert q.resolve_ref(corpus, ref) == [D31]


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        ("Kết luận 01", [D01]),
        ("ket luan 1", [D01]),
        ("KL 1", [D01]),
        ("Chỉ thị 05", [D05]),
        ("Chỉ thị 5", [D05]),
        ("CT 5", [D05]),
        ("Luật 19/2012/QH13", [LAW19]),
        ("19/2012/qh13", [LAW19]),
        ("Chương trình 46", [CTR46]),
        ("Chương trình hành động số 46-CTr/TU", [CTR46]),
        ("CTr 46", [CTR46]),
        ("Kế hoạch 24", [KH24]),
        ("Nghị quyết 98", [D98]),
        ("98/2023/QH15", [D98]),
        ("1330 -CV/BTGTU", [CV1330]),
        ("Công văn 1330", [CV1330]),
        ("Kết luận 21", [REF21]),  # an unresolved short reference is still found by type and number
    ],
)
def test_resolve_type_and_number(corpus: nx.MultiDiGraph, ref: str, expected: list[str]) -> None:
    assert q.resolve_ref(corpus, ref) == expected


def test_resolve_file_name(corpus: nx.MultiDiGraph) -> None:
    assert q.resolve_ref(corpus, F000) == [CV1330]
    assert q.resolve_ref(corpus, F003) == [N003]
    assert q.resolve_ref(corpus, "/some/folder/" + F004) == [N004]
    assert q.resolve_ref(corpus, "999_nothing.txt") == []


def test_resolve_same_symbol_is_ambiguous_and_narrowing_picks_one(corpus: nx.MultiDiGraph) -> None:
    all3 = [HP08_13, HP08_22, DN08]  # by date
    assert q.resolve_ref(corpus, "08-NQ/TU") == all3
    assert q.resolve_ref(corpus, "8-nq/tu") == all3
    assert q.resolve_ref(corpus, "Nghị quyết 8") == all3
    assert q.resolve_ref(corpus, "08-NQ/TU@Hải Phòng") == [HP08_13, HP08_22]
    assert q.resolve_ref(corpus, "08-NQ/TU@hai phong") == [HP08_13, HP08_22]
    assert q.resolve_ref(corpus, "08-NQ/TU 2022") == [HP08_22, DN08]
    assert q.resolve_ref(corpus, "08-NQ/TU Đồng Nai 2022") == [DN08]
    assert q.resolve_ref(corpus, "08-NQ/TU@Hải Phòng 2022") == [HP08_22]
    assert q.resolve_ref(corpus, "08-NQ/TU@Hải Phòng@2013-05-16") == [HP08_13]
    assert q.resolve_ref(corpus, "Nghị quyết số 08-NQ/TU ngày 08/12/2022") == [DN08]
    assert q.resolve_ref(corpus, "NQ 8 Đồng Nai") == [DN08]
    assert q.resolve_ref(corpus, "08-NQ/TU@Tỉnh ủy Đồng Nai") == [DN08]  # the issuer narrows too
    assert q.resolve_ref(corpus, "08-NQ/TU@HP 2013") == [HP08_13]
    assert q.resolve_ref(corpus, "08-NQ/TU@Đà Nẵng") == []  # narrowing is strict
    assert q.resolve_ref(corpus, "08-NQ/TU 2020") == []


def test_resolve_jurisdiction_aliases_and_central(corpus: nx.MultiDiGraph) -> None:
    assert q.resolve_ref(corpus, "1330-CV/BTGTU@HCM") == [CV1330]
    assert q.resolve_ref(corpus, "1330-CV/BTGTU@TP.HCM") == [CV1330]
    assert q.resolve_ref(corpus, "1330-CV/BTGTU@TW") == []


def test_resolve_nfd_and_eth_input(corpus: nx.MultiDiGraph) -> None:
    import unicodedata

    assert q.resolve_ref(corpus, unicodedata.normalize("NFD", "Nghị quyết 31")) == [D31]
    assert q.resolve_ref(corpus, unicodedata.normalize("NFD", "08-NQ/TU@Đồng Nai")) == [DN08]
    assert q.resolve_ref(corpus, "08-NQ/TU@Ðồng Nai") == [DN08]  # U+00D0


def test_resolve_title_name_and_body(corpus: nx.MultiDiGraph) -> None:
    assert q.resolve_ref(corpus, "Luật Công đoàn năm 1990") == [OLD_LAW]
    assert q.resolve_ref(corpus, "luat cong doan") == [LAW19]  # a whole title first
    assert q.resolve_ref(corpus, "cong doan") == [OLD_LAW, LAW19]  # then whole words of a title
    assert q.resolve_ref(corpus, "Luật Công đoàn 2012") == [LAW19]
    assert q.resolve_ref(corpus, "Bộ Chính trị") == [BCT]


def test_resolve_type_word_is_a_hint_next_to_a_symbol(corpus: nx.MultiDiGraph) -> None:
    # A wrong type word does not hide the document the symbol names.
    assert q.resolve_ref(corpus, "Chỉ thị 31-NQ/TW") == [D31]


def test_resolve_nothing(corpus: nx.MultiDiGraph) -> None:
    for ref in ("", "   ", "99-NQ/TW", "Nghị quyết 99", "Thông tư 31", "xyz"):
        assert q.resolve_ref(corpus, ref) == [], ref


def test_suggest_ref_resolves_to_the_node_alone(corpus: nx.MultiDiGraph) -> None:
    for n in corpus.nodes:
        s = q.suggest_ref(corpus, n)
        assert q.resolve_ref(corpus, s) == [n], (n, s)
    assert q.suggest_ref(corpus, DN08) == "08-NQ/TU@Đồng Nai"
    assert q.suggest_ref(corpus, HP08_22) == "08-NQ/TU@Hải Phòng 2022"
    assert q.suggest_ref(corpus, D31) == "31-NQ/TW"


# ------------------------------------------------------------------------------------------------ lineage


def _flat(tree: q.LineageTree) -> list[tuple[str, int, str, str]]:
    return [(h.node, h.depth, h.edge_type, h.direction) for h in tree.walk()]


def test_lineage_down_from_31(corpus: nx.MultiDiGraph) -> None:
    t = q.lineage(corpus, D31, "down")
    assert t.root == D31 and t.attrs["symbol"] == "31-NQ/TW"
    top = [(h.node, h.edge_type, h.edge_kind) for h in t.children]
    # by date: KH24 2023-03-01, CV1330 2023-10-11, N002 2024-03-27, N003 2024-06-14
    assert top == [
        (KH24, "IMPLEMENTS", "implements"),
        (CV1330, "IMPLEMENTS", "implements"),
        (N002, "IMPLEMENTS", "implements"),
        (N003, "CITES", None),
    ]
    kh = t.children[0]
    # N003 cites 31-NQ/TW directly: expanded there (depth 1, breadth first); under the plan it is a leaf
    assert [(c.node, c.depth, c.seen) for c in kh.children] == [(N003, 2, True)]
    assert not t.children[3].seen
    assert t.nodes() == {KH24, CV1330, N002, N003}
    ev = t.children[1].evidence
    assert ev is not None and ev["file"] == F000 and "31-NQ/TW" in ev["sentence"]
    assert ev["sentence"][ev["start"] : ev["end"]] == "31-NQ/TW"
    assert t.children[1].source_file == F000
    assert t.children[1].attrs["jurisdiction"] == HCM


def test_lineage_up_transitive_and_depth(corpus: nx.MultiDiGraph) -> None:
    t = q.lineage(corpus, N004, "up")
    assert _flat(t) == [(DN08, 1, "IMPLEMENTS", "up"), (D01, 1, "IMPLEMENTS", "up"), (D05, 2, "IMPLEMENTS", "up")]
    assert t.children[0].edge_kind == "based_on"
    t1 = q.lineage(corpus, N004, "up", depth=1)
    assert t1.nodes() == {DN08, D01}
    assert q.lineage(corpus, N004, "up", depth=0).children == []
    t = q.lineage(corpus, N001, "up")
    assert t.nodes() == {HP08_13, HP08_22, CTR46, D01, D27, D05}
    assert [h.node for h in t.children] == [HP08_13, HP08_22, CTR46, D01]  # dated by date, undated last


def test_lineage_type_filter(corpus: nx.MultiDiGraph) -> None:
    t = q.lineage(corpus, N001, "up", types=["IMPLEMENTS"])
    assert t.nodes() == {CTR46, D27, D01, D05}
    assert t.types == ("IMPLEMENTS",)
    t = q.lineage(corpus, N001, "up", types=("cites",))
    assert t.nodes() == {HP08_13, HP08_22}
    t = q.lineage(corpus, D31, "down", types=["IMPLEMENTS"])
    assert [h.node for h in t.children] == [KH24, CV1330, N002]
    assert all(not h.seen for h in t.walk())
    t = q.lineage(corpus, LAW19, "up", types=["SUPERSEDES"])
    assert [(h.node, h.edge_kind) for h in t.children] == [(OLD_LAW, "replaces")]


def test_lineage_both(corpus: nx.MultiDiGraph) -> None:
    t = q.lineage(corpus, D01, "both")
    assert t.nodes("up") == {D05}
    assert t.nodes("down") == {N004, N001}
    assert [h.direction for h in t.children] == ["up", "down", "down"]
    t = q.lineage(corpus, CTR46, "both", depth=1)
    assert {(h.node, h.direction) for h in t.walk()} == {(D27, "up"), (N001, "down")}


def test_lineage_parallel_edges_make_one_hop(corpus: nx.MultiDiGraph) -> None:
    G = corpus
    G.add_edge(
        CV1330,
        D31,
        key="CITES:again",
        type="CITES",
        kind=None,
        source_file=F000,
        evidence={"file": F000, "start": 0, "end": 8, "sentence": "Nghị quyết 31-NQ/TW ..."},
    )
    hop = next(h for h in q.lineage(G, CV1330, "up").children if h.node == D31)
    assert hop.edge_type == "IMPLEMENTS"  # the strongest
    assert [e["type"] for e in hop.edges] == ["IMPLEMENTS", "CITES"]


def test_lineage_cycles_are_not_revisited() -> None:
    G = nx.MultiDiGraph()
    for n, d in (("A", "2020-01-01"), ("B", "2021-01-01"), ("C", "2022-01-01")):
        G.add_node(n, kind="Document", label="Resolution", symbol=n, date=d)
    G.add_edge("A", "B", type="IMPLEMENTS")
    G.add_edge("B", "C", type="IMPLEMENTS")
    G.add_edge("C", "A", type="CITES")
    G.add_edge("A", "A", type="CITES")  # a self loop is ignored
    t = q.lineage(G, "A", "up")
    assert [(h.node, h.depth, h.seen) for h in t.walk()] == [("B", 1, False), ("C", 2, False), ("A", 3, True)]
    t = q.lineage(G, "A", "down")
    assert [(h.node, h.seen) for h in t.walk()] == [("C", False), ("B", False), ("A", True)]


def test_lineage_is_deterministic(corpus: nx.MultiDiGraph) -> None:
    a = q.lineage_to_dict(q.lineage(corpus, D31, "both"))
    G2 = nx.MultiDiGraph()
    G2.add_nodes_from(reversed(list(corpus.nodes(data=True))))
    G2.add_edges_from(reversed(list(corpus.edges(keys=True, data=True))))
    assert q.lineage_to_dict(q.lineage(G2, D31, "both")) == a


def test_lineage_to_dict_is_json(corpus: nx.MultiDiGraph) -> None:
    d = q.lineage_to_dict(q.lineage(corpus, D31, "down", depth=2))
    back = json.loads(json.dumps(d, ensure_ascii=False))
    assert back["root"] == D31 and back["direction"] == "down" and back["depth"] == 2
    first = back["children"][0]
    assert first["node"] == KH24 and first["edge_type"] == "IMPLEMENTS"
    assert first["children"][0]["node"] == N003
    assert first["evidence"]["file"] == F003


def test_lineage_errors(corpus: nx.MultiDiGraph) -> None:
    with pytest.raises(nx.NodeNotFound):
        q.lineage(corpus, "doc:nope")
    with pytest.raises(ValueError):
        q.lineage(corpus, D31, "sideways")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        q.lineage(corpus, D31, depth=-1)


# --------------------------------------------------------------------------------------------------- show


def test_show(corpus: nx.MultiDiGraph) -> None:
    s = q.show(corpus, D31)
    assert s["id"] == D31 and s["label"] == "Resolution" and s["name"] == "31-NQ/TW"
    assert s["attrs"]["date"] == "2022-12-30"
    assert [(e["type"], e["other"]) for e in s["out"]] == [("ISSUED_BY", BCT)]
    assert [(e["type"], e["other"]) for e in s["in"]] == [
        ("IMPLEMENTS", KH24),
        ("IMPLEMENTS", CV1330),
        ("IMPLEMENTS", N002),
        ("CITES", N003),
    ]
    assert all(e["evidence"]["sentence"] for e in s["in"])
    s = q.show(corpus, N002)
    assert s["issuer"] == "Thành ủy Thành phố Hồ Chí Minh"  # from ISSUED_BY
    assert json.loads(json.dumps(s, ensure_ascii=False))["id"] == N002
    with pytest.raises(nx.NodeNotFound):
        q.show(corpus, "nope")


# -------------------------------------------------------------------------------------------------- stats


def test_stats(corpus: nx.MultiDiGraph) -> None:
    s = q.stats(corpus)
    assert s["nodes"] == corpus.number_of_nodes() == 20
    assert s["edges"] == corpus.number_of_edges()
    assert s["by_kind"] == {"Body": 2, "Document": 18}
    assert s["by_label"] == {
        "Conclusion": 3,
        "Directive": 1,
        "Law": 2,
        "Notice": 2,
        "OfficialLetter": 1,
        "Plan": 1,
        "Programme": 1,
        "Resolution": 7,
    }
    assert s["by_relation"] == {"CITES": 3, "IMPLEMENTS": 14, "ISSUED_BY": 2, "SUPERSEDES": 1}
    assert s["by_relation_kind"] == {"IMPLEMENTS": {"based_on": 1, "implements": 13}, "SUPERSEDES": {"replaces": 1}}
    assert [(u["id"], u["missing"], u["sources"]) for u in s["unresolved"]["top"]] == [(REF21, ["symbol"], [F003])]
    assert s["unresolved"]["count"] == 1
    assert sorted(u["id"] for u in s["no_identity"]["top"]) == [N001, N002, N003, REF21]
    assert [c["id"] for c in s["conflicts"]["top"]] == [D31]
    assert s["conflicts"]["top"][0]["conflicts"]["issuer"][1]["file"] == F003
    assert s["files"] == 6
    assert q.files(corpus) == sorted([F000, F001, F002, F003, F004, "Luat-Cong-doan-2012-142186.txt"])
    assert s["most_cited"][0]["count"] >= s["most_cited"][-1]["count"]
    json.dumps(s, ensure_ascii=False)


def test_stats_lists_are_bounded(corpus: nx.MultiDiGraph) -> None:
    s = q.stats(corpus, top=2)
    assert s["no_identity"]["count"] == 4 and len(s["no_identity"]["top"]) == 2
    assert len(s["most_cited"]) == 2


def test_stats_empty_graph() -> None:
    s = q.stats(nx.MultiDiGraph())
    assert s["nodes"] == 0 and s["files"] == 0 and s["unresolved"] == {"count": 0, "top": []} and s["by_kind"] == {}


# ----------------------------------------------------------------------------------------------- coverage


def test_coverage_31_groups_and_chains(corpus: nx.MultiDiGraph) -> None:
    r = cov.coverage(corpus, D31)
    assert [e.node for e in r.entries] == [KH24, CV1330, N002, N003]
    assert r.by_jurisdiction == {HCM: [KH24, CV1330, N002, N003]}
    assert r.by_issuer == {
        "Ban Tuyên giáo Thành ủy Thành phố Hồ Chí Minh": [CV1330],
        "Thành ủy Thành phố Hồ Chí Minh": [KH24, N002],  # N002 through its ISSUED_BY edge
        "unknown": [N003],
    }
    e = r.entry(N003)
    assert e.distance == 2 and e.chain == [N003, KH24, D31]
    assert [(x["source"], x["target"], x["type"]) for x in e.edges] == [
        (N003, KH24, "IMPLEMENTS"),
        (KH24, D31, "IMPLEMENTS"),
    ]
    assert e.edges[0]["evidence"]["file"] == F003
    assert r.entry(CV1330).chain == [CV1330, D31] and r.entry(CV1330).distance == 1


def test_coverage_via_cites_shortens_chains(corpus: nx.MultiDiGraph) -> None:
    r = cov.coverage(corpus, D31, types=("IMPLEMENTS", "CITES"))
    e = r.entry(N003)
    assert e.distance == 1 and e.chain == [N003, D31] and e.edges[0]["type"] == "CITES"


def test_coverage_98_and_27_and_central_group(corpus: nx.MultiDiGraph) -> None:
    r = cov.coverage(corpus, D98)
    assert [e.node for e in r.entries] == [CV1330, N002, N003]
    assert list(r.by_jurisdiction) == [HCM]
    r = cov.coverage(corpus, D27)
    assert [(e.node, e.chain) for e in r.entries] == [(CTR46, [CTR46, D27]), (N001, [N001, CTR46, D27])]
    assert r.by_jurisdiction == {"Hải Phòng": [CTR46, N001]}
    r = cov.coverage(corpus, D05)
    assert r.by_jurisdiction == {"central": [D01], "Hải Phòng": [N001], "Long Khánh": [N004]}
    assert list(r.by_jurisdiction) == ["central", "Hải Phòng", "Long Khánh"]  # central first
    assert r.entry(N004).chain == [N004, D01, D05]


def test_coverage_to_dict(corpus: nx.MultiDiGraph) -> None:
    d = json.loads(json.dumps(cov.coverage_to_dict(cov.coverage(corpus, D31)), ensure_ascii=False))
    assert d["root"] == D31 and d["count"] == 4 and d["types"] == ["IMPLEMENTS"]
    assert d["entries"][0]["chain"] == [KH24, D31]
    assert d["by_jurisdiction"][HCM][-1] == N003


def _brief(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """G as a brief walk brings it (graph.neo4j_read): the rule attributes, edges without their evidence
    but where it starts."""
    B = nx.MultiDiGraph()
    B.add_nodes_from((n, {a: d.get(a) for a in q.RULE_ATTRIBUTES}) for n, d in G.nodes(data=True))
    B.add_edges_from(
        (
            u,
            v,
            k,
            {
                "type": d["type"],
                "kind": d.get("kind"),
                "source_file": d.get("source_file"),
                "evidence": {"start": (d.get("evidence") or {}).get("start")},
            },
        )
        for u, v, k, d in G.edges(keys=True, data=True)
    )
    return B


@pytest.mark.parametrize("types", [("IMPLEMENTS",), ("IMPLEMENTS", "CITES")])
def test_coverage_of_a_brief_walk_counts_and_orders_alike_and_reads_the_shown_again(
    corpus: nx.MultiDiGraph, types: tuple[str, ...]
) -> None:
    """What coverage decides (which documents, their order, chains, groups) reads only RULE_ATTRIBUTES and
    the edges' order; the shown entries, read again from the whole graph, are the whole graph's."""
    B = _brief(corpus)
    roots = [n for n, d in corpus.nodes(data=True) if d.get("kind") == "Document"]
    answered = 0
    for root in roots:
        full, brief = cov.coverage(corpus, root, types), cov.coverage(B, root, types)
        shape = lambda r: (  # noqa: E731
            [(e.node, e.distance, e.chain, e.jurisdiction, e.issuer, [x["key"] for x in e.edges]) for e in r.entries],
            r.by_jurisdiction,
            r.by_province,
            r.by_issuer,
        )
        assert shape(brief) == shape(full), root
        again = cov.read_again(brief, corpus, 2)
        assert [(e.attrs, e.edges[0]) for e in again.entries[:2]] == [(e.attrs, e.edges[0]) for e in full.entries[:2]]
        answered += len(full.entries) > 2
    assert answered >= 3


def test_coverage_of_a_leaf_is_empty(corpus: nx.MultiDiGraph) -> None:
    r = cov.coverage(corpus, N003)
    assert r.entries == [] and r.by_jurisdiction == {} and r.by_issuer == {}


# ---------------------------------------------------------------------------------------------- evidence


def test_evidence_snippet() -> None:
    long = "A" * 300 + " Nghị quyết số 31-NQ/TW ngày 30/12/2022 " + "B" * 300
    s = q.evidence_snippet(long, "31-NQ/TW", 120)
    assert "31-NQ/TW" in s and s.startswith("…") and s.endswith("…") and len(s) <= 122
    assert q.evidence_snippet("ngắn\n gọn", "x") == "ngắn gọn"
    s = q.evidence_snippet("C" * 200 + " Kết luận 21 của Trung ương " + "D" * 200, "21", 60)
    assert "Kết luận 21" in s
    assert q.evidence_snippet(None) == ""
    assert q.evidence_snippet("x" * 200, None, 50).endswith("…")

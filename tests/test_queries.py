"""graph.queries on a hand-made graph shaped like docs/schema.md and like the sample corpus:

* 31-NQ/TW (Bộ Chính trị, 2022-12-30) carried out by Thành phố Hồ Chí Minh documents: the loaded letter
  1330-CV/BTGTU (000_...txt), the loaded notice 002_...txt, a plan 24-KH/TU; the notice 003_...txt carries
  out the plan (a chain) and only cites 31-NQ/TW;
* 98/2023/QH15 implemented by the same Hồ Chí Minh documents;
* 01-KL/TW IMPLEMENTS 05-CT/TW; the Long Khánh resolution 004_...txt implements 01-KL/TW;
* 46-CTr/TU (Hải Phòng) IMPLEMENTS 27-NQ/TW; the Hải Phòng conclusion 001_...txt implements 46-CTr/TU;
* three 08-NQ/TU: Hải Phòng 2013, Hải Phòng 2022, Đồng Nai 2022;
* an unresolved reference "Kết luận 21" (resolved False, missing ["symbol"]);
* a law that replaces an older one (SUPERSEDES), an attribute conflict.
"""

from __future__ import annotations

import json
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policygraph.graph import coverage as cov
from policygraph.graph import queries as q

F000 = "000_dd968633c1f9caf8.txt"
F001 = "001_0d6e8966d81bd8b2.txt"
F002 = "002_dcfc28f94eca8649.txt"
F003 = "003_9bd564ad1810f10b.txt"
F004 = "004_4f6655e48d839bfa.txt"
HCM = "Thành phố Hồ Chí Minh"

D31 = "doc:31-NQ/TW@2022-12-30"
D98 = "doc:98/2023/QH15"
D27 = "doc:27-NQ/TW@2022-11-09"
D01 = "doc:01-KL/TW@khóa XIII"
D05 = "doc:05-CT/TW@2016-05-15"
CV1330 = f"doc:1330-CV/BTGTU@{HCM}@2023-10-11"
KH24 = f"doc:24-KH/TU@{HCM}@2023-03-01"
N002 = f"file:{F002}"
N003 = f"file:{F003}"
N001 = f"file:{F001}"
N004 = f"file:{F004}"
CTR46 = "doc:46-CTr/TU@Hải Phòng@2023-03-08"
HP08_13 = "doc:08-NQ/TU@Hải Phòng@2013-05-16"
HP08_22 = "doc:08-NQ/TU@Hải Phòng@2022-12-06"
DN08 = "doc:08-NQ/TU@Đồng Nai@2022-12-08"
REF21 = "ref:Conclusion 21 | Ban Chấp hành Trung ương"
LAW19 = "doc:19/2012/QH13"
OLD_LAW = "named:Luật Công đoàn năm 1990|1990"
BCT = "body:bo chinh tri"
TU_HCM = "body:thanh uy thanh pho ho chi minh"


def _doc(**kw: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "kind": "Document",
        "label": "Document",
        "symbol": None,
        "number": None,
        "type_code": None,
        "issuer_code": None,
        "date": None,
        "year": None,
        "issuer": None,
        "jurisdiction": None,
        "level": None,
        "branch": None,
        "term": None,
        "title": None,
        "source_file": None,
        "sources": [],
        "resolved": True,
        "missing": [],
        "conflicts": {},
    }
    base.update(kw)
    if base["year"] is None and base["date"]:
        base["year"] = int(base["date"][:4])
    return base


def corpus_graph() -> nx.MultiDiGraph:
    """The hand-made graph described in the module docstring (a new object each call)."""
    G = nx.MultiDiGraph()
    G.add_node(
        D31,
        **_doc(
            label="Resolution",
            symbol="31-NQ/TW",
            number="31",
            type_code="NQ",
            issuer_code="TW",
            date="2022-12-30",
            issuer="Bộ Chính trị",
            level="central",
            branch="party",
            term="XIII",
            sources=[F000, F003],
            conflicts={
                "issuer": [{"value": "Bộ Chính trị", "file": F000}, {"value": "Ban Chấp hành Trung ương", "file": F003}]
            },
        ),
    )
    G.add_node(
        D98,
        **_doc(
            label="Resolution",
            symbol="98/2023/QH15",
            number="98",
            type_code=None,
            issuer_code="QH15",
            year=2023,
            issuer="Quốc hội",
            level="central",
            branch="state",
            term="15",
            sources=[F000, F002, F003],
        ),
    )
    G.add_node(
        D27,
        **_doc(
            label="Resolution",
            symbol="27-NQ/TW",
            number="27",
            type_code="NQ",
            issuer_code="TW",
            date="2022-11-09",
            issuer="Ban Chấp hành Trung ương Đảng",
            level="central",
            branch="party",
            term="XIII",
            sources=[F001],
        ),
    )
    G.add_node(
        D01,
        **_doc(
            label="Conclusion",
            symbol="01-KL/TW",
            number="1",
            type_code="KL",
            issuer_code="TW",
            issuer="Bộ Chính trị",
            term="XIII",
            level="central",
            branch="party",
            sources=[F001, F004],
        ),
    )
    G.add_node(
        D05,
        **_doc(
            label="Directive",
            symbol="05-CT/TW",
            number="5",
            type_code="CT",
            issuer_code="TW",
            date="2016-05-15",
            issuer="Bộ Chính trị",
            term="XII",
            level="central",
            branch="party",
            sources=[F001, F004],
        ),
    )
    G.add_node(
        CV1330,
        **_doc(
            label="OfficialLetter",
            symbol="1330-CV/BTGTU",
            number="1330",
            type_code="CV",
            issuer_code="BTGTU",
            date="2023-10-11",
            issuer="Ban Tuyên giáo Thành ủy Thành phố Hồ Chí Minh",
            jurisdiction=HCM,
            level="province",
            branch="party",
            source_file=F000,
            sources=[F000],
        ),
    )
    G.add_node(
        KH24,
        **_doc(
            label="Plan",
            symbol="24-KH/TU",
            number="24",
            type_code="KH",
            issuer_code="TU",
            date="2023-03-01",
            issuer="Thành ủy Thành phố Hồ Chí Minh",
            jurisdiction=HCM,
            level="province",
            branch="party",
            sources=[F003],
        ),
    )
    G.add_node(
        N002,
        **_doc(label="Notice", date="2024-03-27", jurisdiction=HCM, level="province", source_file=F002, sources=[F002]),
    )
    G.add_node(
        N003,
        **_doc(label="Notice", date="2024-06-14", jurisdiction=HCM, level="province", source_file=F003, sources=[F003]),
    )
    G.add_node(
        N001,
        **_doc(
            label="Conclusion",
            date="2023-10-19",
            issuer="Thành ủy Hải Phòng",
            jurisdiction="Hải Phòng",
            level="province",
            source_file=F001,
            sources=[F001],
        ),
    )
    G.add_node(
        N004,
        **_doc(
            label="Resolution",
            date="2022-12-20",
            jurisdiction="Long Khánh",
            level="district",
            issuer="Ban Chấp hành Đảng bộ thành phố Long Khánh",
            title="về một số chỉ tiêu, nhiệm vụ và giải pháp chủ yếu năm 2023",
            source_file=F004,
            sources=[F004],
        ),
    )
    G.add_node(
        CTR46,
        **_doc(
            label="Programme",
            symbol="46-CTr/TU",
            number="46",
            type_code="CTr",
            issuer_code="TU",
            date="2023-03-08",
            issuer="Ban Thường vụ Thành ủy Hải Phòng",
            jurisdiction="Hải Phòng",
            level="province",
            branch="party",
            sources=[F001],
        ),
    )
    for node, jur, date, iss in (
        (HP08_13, "Hải Phòng", "2013-05-16", "Ban Chấp hành Đảng bộ thành phố Hải Phòng"),
        (HP08_22, "Hải Phòng", "2022-12-06", "Thành ủy Hải Phòng"),
        (DN08, "Đồng Nai", "2022-12-08", "Tỉnh ủy Đồng Nai"),
    ):
        G.add_node(
            node,
            **_doc(
                label="Resolution",
                symbol="08-NQ/TU",
                number="8",
                type_code="NQ",
                issuer_code="TU",
                date=date,
                issuer=iss,
                jurisdiction=jur,
                level="province",
                branch="party",
                sources=[F001 if jur == "Hải Phòng" else F004],
            ),
        )
    G.add_node(
        REF21,
        **_doc(
            label="Conclusion",
            number="21",
            issuer="Ban Chấp hành Trung ương",
            resolved=False,
            missing=["symbol"],
            sources=[F003],
        ),
    )
    G.add_node(
        LAW19,
        **_doc(
            label="Law",
            symbol="19/2012/QH13",
            number="19",
            issuer_code="QH13",
            year=2012,
            issuer="Quốc hội",
            title="Luật Công đoàn",
            level="central",
            branch="state",
            source_file="Luat-Cong-doan-2012-142186.txt",
            sources=["Luat-Cong-doan-2012-142186.txt"],
        ),
    )
    G.add_node(
        OLD_LAW,
        **_doc(
            label="Law",
            title="Luật Công đoàn năm 1990",
            name="Luật Công đoàn năm 1990",
            year=1990,
            missing=["symbol"],
            sources=["Luat-Cong-doan-2012-142186.txt"],
        ),
    )
    G.add_node(
        BCT,
        kind="Body",
        label="Body",
        name="Bộ Chính trị",
        level="central",
        branch="party",
        jurisdiction=None,
        sources=[F000],
    )
    G.add_node(
        TU_HCM,
        kind="Body",
        label="Body",
        name="Thành ủy Thành phố Hồ Chí Minh",
        level="province",
        branch="party",
        jurisdiction=HCM,
        sources=[F002],
    )

    def edge(u: str, v: str, rel: str, file: str, sentence: str, mention: str, kind: str | None = None) -> None:
        start = sentence.index(mention)
        ev = {"file": file, "start": start, "end": start + len(mention), "sentence": sentence}
        G.add_edge(u, v, key=f"{rel}:{file}:{start}:{v}", type=rel, kind=kind, source_file=file, evidence=ev)

    s000 = (
        "Thực hiện chỉ đạo về tiến độ triển khai và cụ thể hóa Nghị quyết số 31-NQ/TW ngày 30 tháng 12 "
        "năm 2022 của Bộ Chính trị và Nghị quyết số 98/2023/QH15 của Quốc hội."
    )
    edge(CV1330, D31, "IMPLEMENTS", F000, s000, "31-NQ/TW", "implements")
    edge(CV1330, D98, "IMPLEMENTS", F000, s000, "98/2023/QH15", "implements")
    s002 = "Tập trung thực hiện hiệu quả Nghị quyết số 31-NQ/TW và Nghị quyết số 98/2023/QH15."
    edge(N002, D31, "IMPLEMENTS", F002, s002, "31-NQ/TW", "implements")
    edge(N002, D98, "IMPLEMENTS", F002, s002, "98/2023/QH15", "implements")
    edge(N002, TU_HCM, "ISSUED_BY", F002, "Thành ủy Thành phố Hồ Chí Minh ban hành.", "Thành ủy")
    s_kh = "Kế hoạch số 24-KH/TU thực hiện Nghị quyết số 31-NQ/TW của Bộ Chính trị."
    edge(KH24, D31, "IMPLEMENTS", F003, s_kh, "31-NQ/TW", "implements")
    edge(
        N003,
        KH24,
        "IMPLEMENTS",
        F003,
        "Tiếp tục triển khai Kế hoạch số 24-KH/TU của Thành ủy.",
        "24-KH/TU",
        "implements",
    )
    edge(N003, D31, "CITES", F003, "Tổng kết Nghị quyết 31-NQ/TW của Bộ Chính trị.", "31-NQ/TW")
    edge(
        N003,
        D98,
        "IMPLEMENTS",
        F003,
        "Triển khai Nghị quyết 98/2023/QH15 của Quốc hội kịp thời.",
        "98/2023/QH15",
        "implements",
    )
    edge(
        N003,
        REF21,
        "IMPLEMENTS",
        F003,
        "Tiếp tục đẩy mạnh thực hiện Kết luận 21 của Ban Chấp hành Trung ương.",
        "Kết luận 21",
        "implements",
    )
    edge(D31, BCT, "ISSUED_BY", F000, s000, "Bộ Chính trị")
    s001 = (
        "Đẩy mạnh triển khai Kết luận số 01-KL/TW về tiếp tục thực hiện Chỉ thị số 05-CT/TW ngày "
        "15/5/2016 của Bộ Chính trị."
    )
    edge(D01, D05, "IMPLEMENTS", F001, s001, "05-CT/TW", "implements")
    edge(N001, D01, "IMPLEMENTS", F001, s001, "01-KL/TW", "implements")
    edge(
        N004,
        D01,
        "IMPLEMENTS",
        F004,
        "Thực hiện Kết luận số 01-KL/TW của Bộ Chính trị (khóa XIII).",
        "01-KL/TW",
        "implements",
    )
    edge(
        N004,
        DN08,
        "IMPLEMENTS",
        F004,
        "Căn cứ Nghị quyết số 08-NQ/TU ngày 08/12/2022 của Tỉnh ủy.",
        "08-NQ/TU",
        "based_on",
    )
    s46 = (
        "Chương trình hành động số 46-CTr/TU ngày 08/3/2023 của Ban Thường vụ Thành ủy về thực hiện Nghị quyết "
        "số 27-NQ/TW, ngày 09/11/2022 của Ban Chấp hành Trung ương Đảng khóa XIII."
    )
    edge(CTR46, D27, "IMPLEMENTS", F001, s46, "27-NQ/TW", "implements")
    edge(
        N001,
        CTR46,
        "IMPLEMENTS",
        F001,
        "Thực hiện Chương trình hành động số 46-CTr/TU của Thành ủy.",
        "46-CTr/TU",
        "implements",
    )
    edge(N001, HP08_22, "CITES", F001, "Đánh giá Nghị quyết số 08-NQ/TU ngày 06/12/2022 của Thành ủy.", "08-NQ/TU")
    edge(N001, HP08_13, "CITES", F001, "Sơ kết Nghị quyết số 08-NQ/TU ngày 16/5/2013.", "08-NQ/TU")
    edge(
        LAW19,
        OLD_LAW,
        "SUPERSEDES",
        "Luat-Cong-doan-2012-142186.txt",
        "Luật này thay thế Luật Công đoàn năm 1990.",
        "Luật Công đoàn năm 1990",
        "replaces",
    )
    return G


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

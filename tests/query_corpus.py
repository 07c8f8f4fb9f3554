"""A hand-made graph for the query tests, shaped like docs/schema.md and like the sample corpus:

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

from typing import Any

import networkx as nx

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

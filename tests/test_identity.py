"""Identity: one set of rules, within a file and across files, and a pure function of its inputs."""

from __future__ import annotations

import copy

from policygraph.graph.build import build_graph
from policygraph.graph.identity import assign_ids, same_document, short_fits
from policygraph.loaders.extract import extract_text
from policygraph.loaders.models import DocRef, Text

FULL = "Thực hiện Hướng dẫn số 21-HD/BTGTW ngày 05/3/2021 của Ban Tuyên giáo Trung ương."
SHORT = "Tiếp tục quán triệt Hướng dẫn 21 của Trung ương."


def _docs(G):  # document nodes other than the files' own
    return sorted(n for n, d in G.nodes(data=True) if d["kind"] == "Document" and not n.startswith("file:"))


def test_a_short_reference_links_the_same_in_one_file_and_in_two() -> None:
    one = build_graph([extract_text(Text(path="one.txt", text=FULL + " " + SHORT))])
    two = build_graph([extract_text(Text(path="a.txt", text=FULL)), extract_text(Text(path="b.txt", text=SHORT))])
    assert _docs(one) == _docs(two) == ["doc:21-HD/BTGTW@2021-03-05"]


def test_building_twice_gives_the_same_graph_and_changes_no_input() -> None:
    xs = [extract_text(Text(path=f"{i}.txt", text=t)) for i, t in enumerate((FULL, SHORT, "Kết luận số 08-KL/TU."))]
    before = copy.deepcopy(xs)
    g1, g2 = build_graph(xs), build_graph(list(reversed(xs)))
    assert xs == before
    assert sorted(g1.nodes(data=True)) == sorted(g2.nodes(data=True))
    assert sorted(g1.edges(keys=True, data=True)) == sorted(g2.edges(keys=True, data=True))


def test_assign_ids_does_not_write_into_the_references() -> None:
    dated = [DocRef(key="k", symbol="14-KL/TW", number="14", date=d) for d in ("2021-01-01", "2022-02-02")]
    undated = DocRef(key="k", symbol="14-KL/TW", number="14")
    docs = {"a.txt": {"k": dated[0]}, "b.txt": {"k": dated[1]}, "c.txt": {"k": undated}}
    snapshot = copy.deepcopy(docs)
    ids = assign_ids(docs)
    assert docs == snapshot
    assert ids[("c.txt", "k")].id == "doc:14-KL/TW@?" and not ids[("c.txt", "k")].resolved
    assert ids[("c.txt", "k")].missing == ("date",)


def test_same_document_and_short_fits_are_the_rules_both_tiers_use() -> None:
    law = DocRef(key="a", symbol="98/2023/QH15", date="2023-06-24")
    assert same_document(law, DocRef(key="b", symbol="98/2023/QH15", date="2023-06-25"))  # symbol alone
    hp = DocRef(key="c", label="Resolution", symbol="08-NQ/TU", number="8", issuer_code="TU", jurisdiction="Hải Phòng")
    short = DocRef(key="s", label="Resolution", number="8", short=True)
    assert short_fits(short, hp, "Hải Phòng", False)
    assert not short_fits(short, hp, "Đồng Nai", False)
    assert short_fits(short, hp, "Đồng Nai", True)  # the citing document names it in full itself

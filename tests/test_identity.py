"""Identity: one set of rules, within a file and across files, and a pure function of its inputs."""

from __future__ import annotations

import copy

from policygraph.graph.build import build_graph
from policygraph.graph.identity import assign_ids
from policygraph.loaders.extract import extract_text
from policygraph.loaders.models import DocRef, Text
from policygraph.loaders.sameness import same_document, short_fits

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


def test_a_short_reference_is_decided_as_if_every_candidate_were_tried() -> None:
    """Candidates.could_be leaves out only what short_fits rejects: random candidate sets and short
    references get the node a brute-force trial of every candidate gives."""
    import random

    from policygraph.graph.identity import Assigned, Candidate, Candidates, assign_short, short_id

    rng = random.Random(7)
    labels = ["Resolution", "Conclusion", "Plan", None]
    places = ["Hải Phòng", "Đồng Nai", "Long An", None]
    symbols = {
        ("Resolution", "TU"): "12-NQ/TU",
        ("Resolution", "TW"): "12-NQ/TW",
        ("Conclusion", "TW"): "12-KL/TW",
        ("Plan", "UBND"): "12/KH-UBND",
        ("Plan", "TU"): "12-KH/TU",
    }
    files = [f"f{i}.txt" for i in range(6)]

    def brute(rid: tuple[str, str], r: DocRef, cands: list[Candidate], place: str | None) -> Assigned:
        fit = {
            c.id
            for c in cands
            if (r.label is None or c.ref.label in (r.label, None))
            and short_fits(
                r,
                c.ref,
                place,
                rid[0] in {d.file for d in cands if d.id == c.id and d.ref.jurisdiction == c.ref.jurisdiction},
            )
        }
        return (
            Assigned(next(iter(fit)))
            if len(fit) == 1
            else Assigned(short_id(r), False, tuple(r.missing) or ("symbol",))
        )

    checked = 0
    for _ in range(300):
        cands = []
        for _ in range(rng.randint(0, 8)):
            (label, code), symbol = rng.choice(sorted(symbols.items(), key=str))
            jur = rng.choice(places) if code in ("TU", "UBND") else None
            ref = DocRef(
                key="c",
                label=label,
                symbol=symbol,
                number="12",
                issuer_code=code,
                jurisdiction=jur,
                year=rng.choice([2020, 2022]),
            )
            cands.append(Candidate(f"doc:{symbol}@{jur}@{ref.year}", ref, rng.choice(files)))
        index = Candidates(cands)
        for _ in range(5):
            r = DocRef(
                key="s",
                label=rng.choice(labels),
                number="12",
                short=True,
                jurisdiction=rng.choice(places),
                issuer=rng.choice(["Tỉnh ủy", "Bộ Chính trị", "Ủy ban nhân dân tỉnh", None]),
            )
            rid, place = (rng.choice(files), "s"), rng.choice(places)
            assert assign_short(rid, r, index, place) == brute(rid, r, cands, place)
            checked += 1
    assert checked == 1500

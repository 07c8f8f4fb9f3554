"""Relations between two documents a text names ("<A> ... thực hiện <B>"), and the text's own relation to each.

Sentences in the style of provincial newspapers, Party programmes and State decisions; every case states
what A does with B and what the text itself does with A and B.
"""

from __future__ import annotations

import pytest
from conftest import relation_tuples

from policygraph.loaders.extract import extract_text
from policygraph.loaders.models import Text

LEAD = "Văn bản tham khảo.\n"  # a first line, so that no mention below is read as the text's own header


def relations(text: str) -> set[tuple[str, str, str | None, str]]:
    """(source, type, kind, target) with documents as their symbols and the text itself as SRC."""
    return relation_tuples(LEAD + text)


# a text reporting on other bodies' documents: A IMPLEMENTS B, the text cites both
REPORTED = [
    (
        "Ban Thường vụ Tỉnh ủy Nghệ An vừa ban hành Chương trình hành động số 12-CTr/TU thực hiện Nghị quyết số "
        "57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, công nghệ.",
        "12-CTr/TU",
        "57-NQ/TW",
    ),
    (
        "Ủy ban nhân dân tỉnh đã ban hành Kế hoạch số 315/KH-UBND ngày 12/3/2025 triển khai Chương trình số 27-CTr/TU "
        "ngày 10/01/2025 của Ban Thường vụ Tỉnh ủy.",
        "315/KH-UBND",
        "27-CTr/TU",
    ),
    (
        "Ban Bí thư ban hành Hướng dẫn số 12-HD/TW ngày 02/4/2024 hướng dẫn thực hiện Quy định số 232-QĐ/TW ngày "
        "20/01/2025 của Ban Chấp hành Trung ương.",
        "12-HD/TW",
        "232-QĐ/TW",
    ),
    (
        "Sở Tư pháp vừa ban hành Kế hoạch số 45/KH-STP ngày 05/3/2025 về “Tuyên truyền, phổ biến pháp luật” thực "
        "hiện Nghị quyết số 66-NQ/TW của Bộ Chính trị.",
        "45/KH-STP",
        "66-NQ/TW",
    ),
    (
        "Chính phủ đã ban hành Nghị quyết số 93/NQ-CP ngày 05/7/2023 ban hành Chương trình hành động của Chính phủ "
        "thực hiện Nghị quyết số 41-NQ/TW ngày 10/10/2023 của Bộ Chính trị về xây dựng và phát huy vai trò của đội "
        "ngũ doanh nhân Việt Nam trong thời kỳ mới.",
        "93/NQ-CP",
        "41-NQ/TW",
    ),
    (
        "Ủy ban nhân dân tỉnh ban hành Quyết định số 1234/QĐ-UBND ngày 15/5/2025 phê duyệt Đề án thực hiện Nghị "
        "quyết số 57-NQ/TW của Bộ Chính trị.",
        "1234/QĐ-UBND",
        "57-NQ/TW",
    ),
    (
        "Chính phủ ban hành Nghị định số 102/2024/NĐ-CP quy định chi tiết một số điều của Luật Đất đai số "
        "31/2024/QH15.",
        "102/2024/NĐ-CP",
        "31/2024/QH15",
    ),
    (
        "Ngày 20/3/2025, Ban Thường vụ Tỉnh ủy Quảng Ninh ban hành Kế hoạch số 25-KH/TU về triển khai thực hiện "
        "Kết luận số 14-KL/TW ngày 22/9/2021 của Bộ Chính trị.",
        "25-KH/TU",
        "14-KL/TW",
    ),
    # a line break between the two: a wrapped line, and a short line going on in lower case
    (
        "Ban Thường vụ Thành ủy ban hành Chương trình hành động số 46-CTr/TU ngày 08/3/2023 của Ban Thường vụ\n"
        "Thành ủy thực hiện Nghị quyết số 27-NQ/TW của Ban Chấp hành Trung ương.",
        "46-CTr/TU",
        "27-NQ/TW",
    ),
    (
        "Ban Thường vụ Tỉnh ủy ban hành Chương trình hành động số 41-CTr/TU\nthực hiện Nghị quyết số 57-NQ/TW của "
        "Bộ Chính trị.",
        "41-CTr/TU",
        "57-NQ/TW",
    ),
    (
        "Ban Thường vụ Tỉnh ủy ban hành Chương trình hành động số 41-CTr/TU\nngày 20/3/2025 của Ban Thường vụ Tỉnh ủy\n"
        "thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị.",
        "41-CTr/TU",
        "57-NQ/TW",
    ),
    (
        "Theo đó, Chương trình số 27-CTr/TU được ban hành để cụ thể hóa Nghị quyết số 57-NQ/TW của Bộ Chính trị.",
        "27-CTr/TU",
        "57-NQ/TW",
    ),
    ("Theo đó, Kế hoạch số 315/KH-UBND nhằm triển khai Chương trình số 27-CTr/TU.", "315/KH-UBND", "27-CTr/TU"),
    # a letter forwarding another body's programme: "kèm theo" is attached, not "according to"
    (
        "Ban Tuyên giáo Tỉnh ủy gửi kèm theo Chương trình hành động số 41-CTr/TU ngày 20/3/2025 của Ban Thường vụ "
        "Tỉnh ủy thực hiện Nghị quyết số 57-NQ/TW để các cơ quan nghiên cứu, quán triệt.",
        "41-CTr/TU",
        "57-NQ/TW",
    ),
    # the other order: "Thực hiện <B>, <a body> đã ban hành <A>"
    (
        "Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị, Ban Thường vụ Tỉnh ủy đã ban hành "
        "Chương trình hành động số 41-CTr/TU ngày 20/3/2025.",
        "41-CTr/TU",
        "57-NQ/TW",
    ),
    (
        "Để cụ thể hóa Kết luận số 123-KL/TW của Ban Chấp hành Trung ương, Ủy ban nhân dân tỉnh kịp thời ban hành "
        "Kế hoạch số 88/KH-UBND ngày 02/4/2025.",
        "88/KH-UBND",
        "123-KL/TW",
    ),
]


@pytest.mark.parametrize(("text", "a", "b"), REPORTED)
def test_a_report_states_the_relation_and_cites_both(text: str, a: str, b: str) -> None:
    rels = relations(text)
    assert (a, "IMPLEMENTS", "implements", b) in rels
    assert ("SRC", "CITES", None, a) in rels and ("SRC", "CITES", None, b) in rels
    assert not {r for r in rels if r[0] == "SRC" and r[1] != "CITES"}


def test_a_plan_issued_with_a_decision_implements_through_it() -> None:
    rels = relations(
        "Triển khai Kế hoạch thực hiện Nghị quyết số 57-NQ/TW (ban hành kèm theo Quyết định số "
        "123/QĐ-UBND ngày 02/4/2025 của Ủy ban nhân dân tỉnh)."
    )
    assert ("123/QĐ-UBND", "IMPLEMENTS", "implements", "57-NQ/TW") in rels
    assert ("SRC", "IMPLEMENTS", "implements", "57-NQ/TW") in rels


def test_an_amending_circular_reported_supersedes_with_its_scope() -> None:

    x = extract_text(
        Text(
            path="t.txt",
            text=LEAD + "Bộ Tài chính ban hành Thông tư số 18/2025/TT-BTC sửa đổi, bổ "
            "sung một số điều của Thông tư số 80/2021/TT-BTC ngày 29/9/2021 của Bộ trưởng Bộ Tài chính.",
        )
    )
    sym = {k: d.symbol for k, d in x.docs.items()}
    (r,) = [r for r in x.relations if r.type == "SUPERSEDES"]
    assert (sym[r.source], r.kind, r.scope, sym[r.target]) == (
        "18/2025/TT-BTC",
        "amends",
        "một số điều",
        "80/2021/TT-BTC",
    )


def test_a_law_reported_with_its_effective_date_replaces_the_old_one() -> None:
    rels = relations(
        "Luật Đất đai số 31/2024/QH15 có hiệu lực thi hành từ ngày 01/8/2024, thay thế Luật Đất đai số 45/2013/QH13."
    )
    assert ("31/2024/QH15", "SUPERSEDES", "replaces", "45/2013/QH13") in rels
    assert ("SRC", "CITES", None, "45/2013/QH13") in rels


@pytest.mark.parametrize(
    ("text", "own"),
    [
        # the text carries out the programme, so it carries out what the programme carries out
        (
            "Tiếp tục thực hiện Chương trình hành động số 41-CTr/TU ngày 20/3/2025 của Ban Thường vụ Tỉnh ủy thực hiện "
            "Nghị quyết số 57-NQ/TW của Bộ Chính trị.",
            ("IMPLEMENTS", "implements"),
        ),
        (
            "Căn cứ Kế hoạch số 315/KH-UBND ngày 12/3/2025 của Ủy ban nhân dân tỉnh triển khai Chương trình số 27-CTr/TU "
            "của Tỉnh ủy;",
            ("IMPLEMENTS", "based_on"),
        ),
        (
            "Đẩy mạnh thực hiện Chương trình hành động số 46-CTr/TU, ngày 08/3/2023 của Ban Thường vụ Thành ủy về thực "
            "hiện Nghị quyết số 27-NQ/TW, ngày 09/11/2022 của Ban Chấp hành Trung ương Đảng khóa XIII.",
            ("IMPLEMENTS", "implements"),
        ),
        # the text replaces a plan that carried out a resolution: it only cites the resolution
        (
            "Quyết định này thay thế Kế hoạch số 20/KH-UBND ngày 01/02/2022 của Ủy ban nhân dân tỉnh thực hiện Nghị quyết "
            "số 09-NQ/TU của Ban Chấp hành Đảng bộ tỉnh.",
            ("CITES", None),
        ),
    ],
)
def test_the_texts_own_relation_follows_its_relation_to_the_first(text: str, own: tuple[str, str | None]) -> None:
    rels = relations(text)
    (a, b) = sorted({r[3] for r in rels if r[0] == "SRC"}, key=text.index)
    assert (a, "IMPLEMENTS", "implements", b) in rels
    assert ("SRC", *own, b) in rels


@pytest.mark.parametrize(
    "text",
    [
        # a new subject and verb between the two: not said of the first
        "Năm 2024, Tỉnh ủy ban hành Chỉ thị số 05-CT/TU và Ủy ban nhân dân tỉnh đã triển khai thực hiện Nghị quyết "
        "số 57-NQ/TW.",
        # the text's own list of actions
        "Thực hiện Nghị quyết số 08-NQ/TU, triển khai Kế hoạch số 12-KH/TU của Ban Thường vụ Tỉnh ủy.",
        # two documents in one list, then the text's verb
        "Tổng kết Nghị quyết số 08-NQ/TU; thực hiện Kết luận số 21-KL/TW của Ban Chấp hành Trung ương.",
        # "Thực hiện <B>, <body> ... ban hành": a report only when the body issues the second document
        "Thực hiện Nghị quyết số 57-NQ/TW, Ban Thường vụ Tỉnh ủy tổng kết Chương trình số 30-CTr/TU.",
    ],
)
def test_nothing_is_invented_between_documents(text: str) -> None:
    rels = relations(text)
    assert {r for r in rels if r[0] != "SRC"} == set()


def test_the_seed_chains_stay() -> None:
    rels = relations(
        "- Đẩy mạnh triển khai có hiệu quả, thực chất Kết luận số 01-KL/TW về tiếp tục thực hiện Chỉ thị "
        "số 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị khóa XII “về đẩy mạnh học tập và làm theo tư tưởng, "
        "đạo đức, phong cách Hồ Chí Minh gắn với thực hiện Nghị quyết Trung ương 4 khóa XII”."
    )
    assert ("01-KL/TW", "IMPLEMENTS", "implements", "05-CT/TW") in rels
    assert ("SRC", "IMPLEMENTS", "implements", "05-CT/TW") in rels

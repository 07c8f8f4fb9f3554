"""Repeals, replacements and amendments written as lists and of parts of documents; when they take effect."""

from __future__ import annotations

import pytest

from policygraph.loaders.extract import extract_text
from policygraph.loaders.models import Text

DECISION = """ỦY BAN NHÂN DÂN TỈNH NINH BÌNH
Số: 15/2025/QĐ-UBND
Ninh Bình, ngày 12 tháng 3 năm 2025
QUYẾT ĐỊNH
Ban hành Quy định quản lý cụm công nghiệp trên địa bàn tỉnh
Căn cứ:
- Luật Tổ chức chính quyền địa phương số 65/2025/QH15;
- Nghị định số 32/2024/NĐ-CP ngày 15/3/2024 của Chính phủ;
Điều 3. Hiệu lực thi hành
1. Quyết định này có hiệu lực thi hành kể từ ngày 25 tháng 3 năm 2025.
2. Bãi bỏ các quyết định sau đây:
a) Quyết định số 21/2019/QĐ-UBND ngày 10/5/2019 của Ủy ban nhân dân tỉnh ban hành Quy định quản lý cụm
công nghiệp;
b) Quyết định số 507/QĐ-UBND ngày 01/3/2020 của Ủy ban nhân dân tỉnh.
Điều 4. Các nội dung khác giữ nguyên như tại Quyết định số 30/2024/QĐ-UBND.
"""

DECREE = """CHÍNH PHỦ
Số: 20/2026/NĐ-CP
Hà Nội, ngày 10 tháng 01 năm 2026
NGHỊ ĐỊNH
Điều 10. Hiệu lực thi hành
1. Nghị định này có hiệu lực thi hành từ ngày 01 tháng 3 năm 2026.
2. Các văn bản sau đây hết hiệu lực kể từ ngày Nghị định này có hiệu lực thi hành:
- Nghị định số 15/2020/NĐ-CP ngày 03/02/2020 của Chính phủ;
- Nghị định số 14/2022/NĐ-CP ngày 27/01/2022 của Chính phủ sửa đổi, bổ sung một số điều của Nghị định số
15/2020/NĐ-CP.
3. Quyết định số 12/2020/QĐ-TTg hết hiệu lực kể từ ngày 15/3/2026.
4. Bãi bỏ Điều 2 của Nghị định số 45/2021/NĐ-CP; Điều 4 của Nghị định số 38/2022/NĐ-CP quy định về phí.
"""


def own_relations(text: str) -> dict[str, tuple[str, str | None, str | None, str | None]]:
    """target symbol -> (type, kind, scope, effective) of the text's own relation (the last one said)."""
    x = extract_text(Text(path="t.txt", text=text))
    return {
        x.docs[r.target].symbol or "": (r.type, r.kind, r.scope, r.effective)
        for r in x.relations
        if r.source == x.source and r.type in ("CITES", "IMPLEMENTS", "SUPERSEDES")
    }


def test_a_decision_repealing_a_list_of_decisions() -> None:
    rels = own_relations(DECISION)
    assert rels["21/2019/QĐ-UBND"] == ("SUPERSEDES", "repeals", None, "2025-03-25")
    assert rels["507/QĐ-UBND"] == ("SUPERSEDES", "repeals", None, "2025-03-25")
    # the list ends where the next article starts; the basis list gives its items "căn cứ"
    assert rels["30/2024/QĐ-UBND"][0] == "CITES"
    assert rels["65/2025/QH15"][:2] == rels["32/2024/NĐ-CP"][:2] == ("IMPLEMENTS", "based_on")


def test_a_decree_ending_a_list_of_decrees_and_parts_of_others() -> None:
    x = extract_text(Text(path="d.txt", text=DECREE))
    assert x.docs["source"].effective == "2026-03-01"
    got = {
        (x.docs[r.target].symbol, r.type, r.kind, r.scope, r.effective)
        for r in x.relations
        if r.source == "source" and r.type == "SUPERSEDES"
    }
    assert got == {
        ("15/2020/NĐ-CP", "SUPERSEDES", "replaces", None, "2026-03-01"),
        ("14/2022/NĐ-CP", "SUPERSEDES", "replaces", None, "2026-03-01"),
        ("12/2020/QĐ-TTg", "SUPERSEDES", "replaces", None, "2026-03-15"),  # its own date
        ("45/2021/NĐ-CP", "SUPERSEDES", "repeals", "Điều 2", "2026-03-01"),
        ("38/2022/NĐ-CP", "SUPERSEDES", "repeals", "Điều 4", "2026-03-01"),
    }
    # the item's own words say 14/2022 amended 15/2020 (a relation between the two, not the decree's)
    between = {
        (x.docs[r.source].symbol, r.kind, r.scope, x.docs[r.target].symbol)
        for r in x.relations
        if r.type == "SUPERSEDES" and r.source != "source"
    }
    assert between == {("14/2022/NĐ-CP", "amends", "một số điều", "15/2020/NĐ-CP")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Bãi bỏ các văn bản sau: Quyết định số 21/2019/QĐ-UBND; Quyết định số 507/QĐ-UBND và Chỉ thị số 05/CT-UBND.",
            {"21/2019/QĐ-UBND": ("repeals", None), "507/QĐ-UBND": ("repeals", None), "05/CT-UBND": ("repeals", None)},
        ),
        (
            "Bãi bỏ khoản 3 Điều 5 và Điều 7 của Quyết định số 12/2021/QĐ-UBND ngày 05/4/2021 của Ủy ban nhân dân tỉnh.",
            {"12/2021/QĐ-UBND": ("repeals", "khoản 3 Điều 5 và Điều 7")},
        ),
        (
            "Thay thế Quyết định số 1234/QĐ-UBND ngày 02/6/2020 và Quyết định số 567/QĐ-UBND ngày 03/7/2021.",
            {"1234/QĐ-UBND": ("replaces", None), "567/QĐ-UBND": ("replaces", None)},
        ),
        (
            "Nghị định này sửa đổi, bổ sung một số điều của Nghị định số 15/2020/NĐ-CP ngày 03/02/2020 của Chính phủ.",
            {"15/2020/NĐ-CP": ("amends", "một số điều")},
        ),
        (
            "Bãi bỏ Điều 57 của Luật hàng không dân dụng Việt Nam số 66/2006/QH11; Điều 2 của Luật số 34/2009/QH12 sửa "
            "đổi, bổ sung Điều 126 của Luật nhà ở; Điều 4 của Luật số 38/2009/QH12 sửa đổi, bổ sung một số điều của các "
            "luật liên quan đến đầu tư xây dựng cơ bản.",
            {
                "66/2006/QH11": ("repeals", "Điều 57"),
                "34/2009/QH12": ("repeals", "Điều 2"),
                "38/2009/QH12": ("repeals", "Điều 4"),
            },
        ),
        (
            "Bãi bỏ các quy định tại Luật thuế tiêu thụ đặc biệt số 05/1998/QH10; Luật sửa đổi, bổ sung một số điều của "
            "Luật thuế tiêu thụ đặc biệt số 08/2003/QH11.",
            {"05/1998/QH10": ("repeals", None), "08/2003/QH11": ("repeals", None)},
        ),
        # items that name an amending ordinance: the whole amending ordinance ends
        (
            "Các văn bản quy phạm pháp luật sau đây hết hiệu lực thi hành kể từ ngày Luật này có hiệu lực:\n"
            "a) Pháp lệnh thuế tài nguyên số 05/1998/PL-UBTVQH10 ;\n"
            "b) Pháp lệnh sửa đổi, bổ sung Điều 6 Pháp lệnh thuế tài nguyên số 07/2008/PL-UBTVQH12.",
            {"05/1998/PL-UBTVQH10": ("replaces", None), "07/2008/PL-UBTVQH12": ("replaces", None)},
        ),
    ],
)
def test_lists_and_parts(text: str, expected: dict[str, tuple[str, str | None]]) -> None:
    rels = own_relations("Văn bản tham khảo.\n" + text)
    assert {k: (v[1], v[2]) for k, v in rels.items() if k in expected} == expected


@pytest.mark.parametrize(
    "text",
    [
        # the list holds the exceptions to an expiry
        "Luật Kinh doanh bảo hiểm số 24/2000/QH10 hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành, trừ trường "
        "hợp sau đây:\na) Điều 5 của Luật số 61/2010/QH12;\nb) Khoản 2 Điều 3 của Luật số 42/2019/QH14 có hiệu lực đến "
        "hết ngày 31 tháng 12 năm 2027.",
        # a lead-in that changes nothing
        "Tổng kết các nghị quyết sau:\na) Nghị quyết số 61/2010/QH12;\nb) Nghị quyết số 42/2019/QH14.",
        # a repeal list ended by a paragraph
        "Bãi bỏ các quyết định sau:\na) Quyết định số 99/2019/QĐ-UBND;\nCác sở tiếp tục thực hiện Luật số "
        "61/2010/QH12 và Luật số 42/2019/QH14.",
    ],
)
def test_what_is_not_superseded(text: str) -> None:
    rels = own_relations("Văn bản tham khảo.\n" + text)
    assert rels["61/2010/QH12"][0] != "SUPERSEDES" and rels["42/2019/QH14"][0] != "SUPERSEDES"


def test_relation_types_and_kinds_are_the_ontologys() -> None:
    from typing import get_args

    from policygraph.loaders.models import RelationKind, RelationType
    from policygraph.loaders.wording import AMEND_VERBS
    from policygraph.ontology import vocab

    assert get_args(RelationType) == vocab.RELATION_TYPES
    assert set(get_args(RelationKind)) == {k for kinds in vocab.EDGE_KINDS.values() for k in kinds}
    assert set(AMEND_VERBS.values()) <= set(vocab.SUPERSEDES_KINDS)

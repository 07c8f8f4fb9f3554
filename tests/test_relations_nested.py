"""Relations a text states between two documents it names (issue 18, round three), and the text's own
relation to each: "về việc thực hiện" after a cited document's date and issuer, coordinated subjects and
objects, amendments between two other documents (the verb does not go on to the next item), footnotes,
a verb governing a whole list across ";", "," and line breaks, a title stating the change, a repeal list
with a page number between its items, and `stated_by` through the store to lineage and coverage.

Every sentence here is worded for these tests (no held-out text is copied); each file starts with a
header of its own, so that no mention below is read as the text's own symbol.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import relation_tuples
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from policygraph.cli import app
from policygraph.loaders.extract import extract_text
from policygraph.loaders.models import Text

HEAD = "ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH\nSố: 777/KH-UBND\n\nKẾ HOẠCH\nTổ chức các nhiệm vụ năm 2025\n\n"

Rel = tuple[str, str, "str | None", str]


def relations(text: str, head: str = HEAD) -> set[Rel]:
    """(source, type, kind, target) with documents as their symbols and the text itself as SRC."""
    return relation_tuples(head + text)


def own(rels: set[Rel]) -> dict[str, tuple[str, str | None]]:
    """The text's own relation to each document."""
    return {t: (ty, k) for s, ty, k, t in rels if s == "SRC"}


def nested(rels: set[Rel]) -> set[Rel]:
    return {r for r in rels if r[0] != "SRC"}


# -------------------------------------------------------------------------------- about carrying out


@pytest.mark.parametrize(
    "text",
    [
        "Kế hoạch số 41-KH/TU, ngày 12/5/2025 của Ban Chấp hành Đảng bộ tỉnh về việc triển khai thực hiện Nghị quyết "
        "số 66-NQ/TW đã hoàn thành.",
        "Ban Thường vụ Tỉnh ủy đã có Kế hoạch số 41-KH/TU ngày 12/5/2025 của Ban Chấp hành Đảng bộ tỉnh Hà Tĩnh về "
        "việc thực hiện Nghị quyết số 66-NQ/TW ngày 30/4/2025 của Bộ Chính trị, nay tổ chức sơ kết.",
        "Đến nay, Kế hoạch số 41-KH/TU ngày 12/5/2025 của Ban Thường vụ Tỉnh ủy về triển khai thực hiện Nghị quyết số "
        "66-NQ/TW của Bộ Chính trị đã đạt kết quả bước đầu.",
        "Các sở đã quán triệt Kế hoạch số 41-KH/TU, ngày 12/5/2025 của Tỉnh ủy về thực hiện Nghị quyết số 66-NQ/TW.",
    ],
)
def test_about_carrying_out_after_date_and_issuer(text: str) -> None:
    rels = relations(text)
    assert ("41-KH/TU", "IMPLEMENTS", "implements", "66-NQ/TW") in rels
    assert own(rels)["66-NQ/TW"][0] != "SUPERSEDES"


@pytest.mark.parametrize(
    ("text", "a", "b"),
    [
        (
            "Quyết định số 2105/QĐ-UBND ngày 15/5/2025 của Chủ tịch Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện Nghị "
            "quyết số 68-NQ/TW đã được gửi các sở.",
            "2105/QĐ-UBND",
            "68-NQ/TW",
        ),
        (
            "Quyết định số 2105/QĐ-UBND ngày 15/5/2025 của UBND tỉnh về việc ban hành Kế hoạch triển khai Nghị quyết số "
            "68-NQ/TW đã được gửi các sở.",
            "2105/QĐ-UBND",
            "68-NQ/TW",
        ),
        (
            "Chỉ thị số 09/CT-TTg ngày 15/5/2024 của Thủ tướng Chính phủ về triển khai thi hành Luật Nhà ở số "
            "27/2023/QH15 đã được quán triệt.",
            "09/CT-TTg",
            "27/2023/QH15",
        ),
        (
            "Nghị quyết số 14/NQ-HĐND ngày 10/7/2025 của Hội đồng nhân dân tỉnh Hà Tĩnh thông qua Đề án thực hiện Nghị "
            "quyết số 68-NQ/TW đã đi vào cuộc sống.",
            "14/NQ-HĐND",
            "68-NQ/TW",
        ),
        (
            "Kế hoạch số 30/KH-UBND ngày 05/5/2025 của Ủy ban nhân dân thành phố Hà Tĩnh triển khai thực hiện Nghị quyết "
            "số 68-NQ/TW đã được ban hành.",
            "30/KH-UBND",
            "68-NQ/TW",
        ),
    ],
)
def test_what_a_cited_document_issues_after_its_issuer_carries_out(text: str, a: str, b: str) -> None:
    rels = relations(text)
    assert nested(rels) == {(a, "IMPLEMENTS", "implements", b)}
    assert set(own(rels).values()) == {("CITES", None)}


@pytest.mark.parametrize(
    "verb",
    [
        "về triển khai, thực hiện",
        "về lãnh đạo, chỉ đạo thực hiện",
        "về việc triển khai thực hiện có hiệu quả",
        "về việc tiếp tục quán triệt, triển khai thực hiện",
        "thực hiện nghiêm",
        "để triển khai thi hành",
    ],
)
def test_the_ways_a_plan_is_said_to_carry_out(verb: str) -> None:
    rels = relations(
        f"Kế hoạch số 30/KH-UBND ngày 05/5/2025 của UBND tỉnh {verb} Nghị quyết số 68-NQ/TW của Bộ Chính "
        "trị đã được ban hành."
    )
    assert nested(rels) == {("30/KH-UBND", "IMPLEMENTS", "implements", "68-NQ/TW")}


def test_a_cited_documents_date_and_issuer_place_it() -> None:
    x = extract_text(
        Text(
            path="t.txt",
            text=HEAD + "Kế hoạch số 41-KH/TU ngày 12/5/2025 của Ban Chấp hành Đảng bộ "
            "tỉnh Quảng Trị về việc thực hiện Nghị quyết số 66-NQ/TW đã được ban hành.",
        )
    )
    (d,) = [d for d in x.docs.values() if d.symbol == "41-KH/TU"]
    assert (d.date, d.jurisdiction) == ("2025-05-12", "Quảng Trị")


def test_a_resolution_issuing_a_programme_carries_out_what_the_programme_does() -> None:
    rels = relations(
        "Nghị quyết số 12/NQ-CP ngày 20/01/2025 của Chính phủ ban hành Chương trình hành động của Chính "
        "phủ thực hiện Nghị quyết số 66-NQ/TW ngày 30/4/2025 của Bộ Chính trị đã nêu rõ nhiệm vụ."
    )
    assert ("12/NQ-CP", "IMPLEMENTS", "implements", "66-NQ/TW") in rels
    assert own(rels) == {"12/NQ-CP": ("CITES", None), "66-NQ/TW": ("CITES", None)}


# ----------------------------------------------------------------------------------- coordination


@pytest.mark.parametrize(
    ("first", "join"),
    [("Kế hoạch số 15-KH/TU", " và "), ("Kế hoạch số 15-KH/TU", ", "), ("Chương trình hành động số 15-CTr/TU", " và ")],
)
def test_coordinated_subjects_both_carry_out(first: str, join: str) -> None:
    rels = relations(
        f"{first} ngày 02/6/2025 của Ban Thường vụ Tỉnh ủy{join}Kế hoạch số 31/KH-UBND ngày "
        "09/6/2025 của UBND tỉnh thực hiện Nghị quyết số 68-NQ/TW của Bộ Chính trị được phổ biến rộng rãi."
    )
    assert {
        (first.split()[-1], "IMPLEMENTS", "implements", "68-NQ/TW"),
        ("31/KH-UBND", "IMPLEMENTS", "implements", "68-NQ/TW"),
    } <= rels
    assert set(own(rels).values()) == {("CITES", None)}


@pytest.mark.parametrize("title", ["", " về cập nhật Chương trình hành động của Chính phủ"])
def test_coordinated_objects_are_both_carried_out(title: str) -> None:
    rels = relations(
        "Kế hoạch số 190/KH-UBND ngày 03/7/2025 của UBND tỉnh về thực hiện Nghị quyết số 45/NQ-CP ngày "
        f"11/4/2025 của Chính phủ{title} và Chương trình hành động số 19-CTr/TU ngày 05/3/2025 của Ban "
        "Thường vụ Tỉnh ủy đã được các sở triển khai."
    )
    assert {
        ("190/KH-UBND", "IMPLEMENTS", "implements", "45/NQ-CP"),
        ("190/KH-UBND", "IMPLEMENTS", "implements", "19-CTr/TU"),
    } <= rels
    assert own(rels)["19-CTr/TU"] == ("CITES", None)


def test_different_kinds_in_one_list_are_not_coordinated_subjects() -> None:
    # "Tổng kết Nghị quyết A và Kế hoạch B thực hiện C": only the plan is said to carry C out
    rels = relations("Tổng kết Nghị quyết số 08-NQ/TU và Kế hoạch số 12-KH/TU thực hiện Nghị quyết số 57-NQ/TW.")
    assert ("12-KH/TU", "IMPLEMENTS", "implements", "57-NQ/TW") in rels
    assert not {r for r in nested(rels) if r[0] == "08-NQ/TU"}


# ------------------------------------------------------------------------------------- amendments


@pytest.mark.parametrize(
    ("text", "a", "b"),
    [
        (
            "Nghị quyết số 88/NQ-CP ngày 14/5/2025 của Chính phủ sửa đổi, bổ sung, cập nhật Nghị quyết số 02/NQ-CP ngày "
            "08/01/2025 của Chính phủ đã đặt ra chỉ tiêu mới.",
            "88/NQ-CP",
            "02/NQ-CP",
        ),
        (
            "Căn cứ Luật số 47/2024/QH15 sửa đổi, bổ sung một số điều của Luật Đấu thầu số 22/2023/QH15;\n"
            "Căn cứ Nghị quyết số 21/2024/NQ-HĐND ngày 10/7/2024 của HĐND tỉnh;",
            "47/2024/QH15",
            "22/2023/QH15",
        ),
    ],
)
def test_an_amendment_between_two_cited_documents(text: str, a: str, b: str) -> None:
    rels = relations(text)
    assert (a, "SUPERSEDES", "amends", b) in rels
    assert all(ty != "SUPERSEDES" for ty, _ in own(rels).values())


@pytest.mark.parametrize(
    ("words", "kind"),
    [
        ("sửa đổi, bổ sung một số điều của", "amends"),
        ("sửa đổi khoản 2 Điều 3", "amends"),
        ("sửa đổi, bổ sung Phụ lục ban hành kèm theo", "amends"),
        ("bãi bỏ một số điều của", "repeals"),
        ("sửa đổi, bổ sung mức thu quy định tại", "amends"),
        ("về việc sửa đổi, bổ sung mức thu quy định tại", "amends"),
        ("thay thế", "replaces"),
    ],
)
def test_a_change_between_two_others_after_the_issuers_title(words: str, kind: str) -> None:
    # "của Bộ trưởng Bộ Tài chính": the rest of the first one's issuer, then what it does with the second
    rels = relations(
        "Bộ Tài chính đã có Thông tư số 36/2023/TT-BTC ngày 06/6/2023 của Bộ trưởng Bộ Tài chính "
        f"{words} Thông tư số 210/2016/TT-BTC ngày 10/11/2016 của Bộ trưởng Bộ Tài chính."
    )
    assert nested(rels) == {("36/2023/TT-BTC", "SUPERSEDES", kind, "210/2016/TT-BTC")}
    assert set(own(rels).values()) == {("CITES", None)}


def test_adding_money_is_no_change_of_a_document() -> None:
    rels = relations(
        "Quyết định số 120/QĐ-UBND ngày 06/6/2023 của UBND tỉnh bổ sung kinh phí thực hiện nhiệm vụ tại "
        "Quyết định số 45/QĐ-UBND ngày 10/01/2023 của UBND tỉnh."
    )
    assert not {r for r in rels if r[1] == "SUPERSEDES"}


@pytest.mark.parametrize("sep", ["; ", ";\n", ", "])
def test_the_amending_verb_does_not_go_on_to_the_next_item(sep: str) -> None:
    rels = relations(
        "Thực hiện Thông tư số 15/2024/TT-BTC ngày 12/3/2024 của Bộ Tài chính sửa đổi Thông tư số "
        f"210/2016/TT-BTC ngày 10/11/2016{sep}Nghị quyết số 09/2024/NQ-HĐND ngày 5/7/2024 của HĐND tỉnh."
    )
    assert ("15/2024/TT-BTC", "SUPERSEDES", "amends", "210/2016/TT-BTC") in rels
    assert own(rels)["09/2024/NQ-HĐND"][0] != "SUPERSEDES"
    assert not {r for r in rels if r[0] == "SRC" and r[1] == "SUPERSEDES"}


def test_two_reported_acts_in_one_sentence_stay_apart() -> None:
    rels = relations(
        "Ngày 10/5/2025, Ban Thường vụ Tỉnh ủy ban hành Kế hoạch số 41-KH/TU triển khai Nghị quyết số "
        "66-NQ/TW; UBND tỉnh ban hành Kế hoạch số 120/KH-UBND thực hiện Nghị quyết số 68-NQ/TW."
    )
    assert nested(rels) == {
        ("41-KH/TU", "IMPLEMENTS", "implements", "66-NQ/TW"),
        ("120/KH-UBND", "IMPLEMENTS", "implements", "68-NQ/TW"),
    }
    assert set(own(rels).values()) == {("CITES", None)}


def test_a_replacement_between_two_others_does_not_reach_the_next_item() -> None:
    rels = relations(
        "Quyết định số 15/2024/QĐ-UBND ngày 03/5/2024 của UBND tỉnh thay thế Quyết định số "
        "22/2019/QĐ-UBND ngày 01/7/2019; Quyết định số 30/2020/QĐ-UBND ngày 09/9/2020 của UBND tỉnh "
        "quy định mức thu."
    )
    assert nested(rels) == {("15/2024/QĐ-UBND", "SUPERSEDES", "replaces", "22/2019/QĐ-UBND")}
    assert set(own(rels).values()) == {("CITES", None)}


# ----------------------------------------------------------------------------------------- footnotes


@pytest.mark.parametrize("mark", ["[2]", "²"])
def test_a_footnotes_programmes_carry_out_the_resolution_the_text_only_cites_them(mark: str) -> None:
    rels = relations(
        f"Tiếp tục triển khai các chương trình của Thành ủy{mark}.\n"
        f"{mark} Chương trình số 17-CTr/TU ngày 04/8/2021 của Thành ủy Huế thực hiện Nghị quyết số "
        "18-NQ/TW; Chương trình số 52-CTr/TU ngày 11/9/2023 của Thành ủy về thực hiện Nghị quyết số "
        "18-NQ/TW."
    )
    assert {
        ("17-CTr/TU", "IMPLEMENTS", "implements", "18-NQ/TW"),
        ("52-CTr/TU", "IMPLEMENTS", "implements", "18-NQ/TW"),
    } <= rels
    assert own(rels) == {"17-CTr/TU": ("CITES", None), "52-CTr/TU": ("CITES", None), "18-NQ/TW": ("CITES", None)}


# --------------------------------------------------------------------------- a verb governing a list

LIST_ITEMS = [
    ("Chỉ thị số 07/CT-TTg ngày 02/02/2024 của Thủ tướng Chính phủ", "07/CT-TTg"),
    ("Chỉ thị số 22-CT/TU ngày 15/3/2024 của Ban Thường vụ Tỉnh ủy", "22-CT/TU"),
    ("Kế hoạch số 140-KH/TU ngày 20/3/2024 của Tỉnh ủy", "140-KH/TU"),
    ("Chỉ thị số 05/CT-UBND ngày 01/4/2024 của UBND tỉnh", "05/CT-UBND"),
    ("Kế hoạch số 610/KH-UBND ngày 11/4/2024 của UBND tỉnh", "610/KH-UBND"),
    ("Quyết định số 91/QĐ-UBND ngày 19/4/2024 của UBND tỉnh", "91/QĐ-UBND"),
]


def test_a_verb_governs_every_item_of_a_list_across_lines() -> None:
    rels = relations(
        "Để tiếp tục thực hiện nghiêm Chỉ thị số 07/CT-TTg ngày 02/02/2024 của Thủ tướng Chính phủ; "
        "Chỉ thị số 22-CT/TU ngày 15/3/2024 của Ban Thường vụ Tỉnh ủy, Kế hoạch số 140-KH/TU ngày "
        "20/3/2024 của Tỉnh ủy;\nChỉ thị số 05/CT-UBND ngày 01/4/2024, Phương án số 315/PA-UBND ngày "
        "11/4/2024 của UBND tỉnh, Ủy ban nhân dân tỉnh yêu cầu các sở thực hiện các nội dung sau:"
    )
    assert own(rels) == {
        s: ("IMPLEMENTS", "implements") for s in ("07/CT-TTg", "22-CT/TU", "140-KH/TU", "05/CT-UBND", "315/PA-UBND")
    }


@given(
    st.lists(st.sampled_from(LIST_ITEMS), min_size=1, max_size=6, unique=True),
    st.lists(st.sampled_from(["; ", ", ", ";\n", ",\n", " và "]), min_size=5, max_size=5),
    st.sampled_from(["Để tiếp tục thực hiện nghiêm ", "Triển khai thực hiện ", "Tiếp tục quán triệt "]),
)
@settings(max_examples=60, deadline=None)
def test_a_list_of_n_items_with_one_verb_gives_n_relations(
    items: list[tuple[str, str]], seps: list[str], verb: str
) -> None:
    text = verb + "".join(words + (seps[i] if i < len(items) - 1 else "") for i, (words, _) in enumerate(items))
    rels = relations(text + ", các sở, ngành tổ chức thực hiện các nội dung sau:")
    assert own(rels) == {sym: ("IMPLEMENTS", "implements") for _, sym in items}
    assert nested(rels) == set()


# ----------------------------------------------------------------------------------- titles, repeals


def test_the_title_states_the_amendment() -> None:
    head = "HỘI ĐỒNG NHÂN DÂN\nTỈNH HÀ TĨNH\nSố: 31/2024/NQ-HĐND\n\n"
    rels = relations(
        "NGHỊ QUYẾT\nVỀ VIỆC SỬA ĐỔI, BỔ SUNG MỨC HỖ TRỢ QUY ĐỊNH TẠI NGHỊ QUYẾT SỐ 12/2023/NQ-HĐND "
        "NGÀY 14/7/2023 CỦA HỘI ĐỒNG NHÂN DÂN TỈNH\nHỘI ĐỒNG NHÂN DÂN TỈNH HÀ TĨNH\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;",
        head=head,
    )
    assert own(rels)["12/2023/NQ-HĐND"] == ("SUPERSEDES", "amends")
    assert own(rels)["72/2025/QH15"] == ("IMPLEMENTS", "based_on")


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        # in capitals over several lines
        (
            "VỀ VIỆC SỬA ĐỔI, BỔ SUNG MỨC HỖ TRỢ QUY ĐỊNH\nTẠI NGHỊ QUYẾT SỐ 12/2023/NQ-HĐND NGÀY 14/7/2023\n"
            "CỦA HỘI ĐỒNG NHÂN DÂN TỈNH",
            "amends",
        ),
        # in sentence case, the verb first
        (
            "Sửa đổi, bổ sung mức hỗ trợ quy định tại Nghị quyết số 12/2023/NQ-HĐND ngày 14/7/2023 của Hội đồng nhân "
            "dân tỉnh",
            "amends",
        ),
        ("Bãi bỏ Nghị quyết số 12/2023/NQ-HĐND ngày 14/7/2023 của Hội đồng nhân dân tỉnh", "repeals"),
    ],
)
def test_the_title_states_the_change_in_any_layout(title: str, kind: str) -> None:
    head = "HỘI ĐỒNG NHÂN DÂN\nTỈNH HÀ TĨNH\nSố: 31/2024/NQ-HĐND\n\n"
    rels = relations(
        f"NGHỊ QUYẾT\n{title}\nHỘI ĐỒNG NHÂN DÂN TỈNH HÀ TĨNH\nCăn cứ Luật Tổ chức chính quyền địa "
        "phương số 72/2025/QH15;",
        head=head,
    )
    assert own(rels) == {"12/2023/NQ-HĐND": ("SUPERSEDES", kind), "72/2025/QH15": ("IMPLEMENTS", "based_on")}


def test_a_title_in_capitals_over_lines_states_the_carrying_out() -> None:
    head = "ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH\nSố: 415/QĐ-UBND\n\n"
    rels = relations(
        "QUYẾT ĐỊNH\nBAN HÀNH KẾ HOẠCH TRIỂN KHAI THỰC HIỆN\nNGHỊ QUYẾT SỐ 68-NQ/TW NGÀY 04/5/2025 CỦA "
        "BỘ CHÍNH TRỊ\nỦY BAN NHÂN DÂN TỈNH\nCăn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15;",
        head=head,
    )
    assert own(rels)["68-NQ/TW"] == ("IMPLEMENTS", "implements")


def test_replacing_words_of_a_law_amends_it() -> None:
    rels = relations("Điều 5. Thay thế một số cụm từ tại một số điều của Luật Thương mại số 36/2005/QH11 như sau:")
    assert own(rels)["36/2005/QH11"] == ("SUPERSEDES", "amends")


def test_the_title_states_the_carrying_out() -> None:
    head = "ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH\nSố: 415/QĐ-UBND\n\n"
    rels = relations(
        "QUYẾT ĐỊNH\nBan hành Kế hoạch triển khai Quyết định số 146/QĐ-TTg ngày 28/01/2022 của Thủ "
        "tướng Chính phủ\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH\nCăn cứ Luật Tổ chức chính quyền địa phương số "
        "72/2025/QH15;",
        head=head,
    )
    assert own(rels)["146/QĐ-TTg"] == ("IMPLEMENTS", "implements")


@pytest.mark.parametrize("furniture", ["2", "- 2 -", "Trang 2"])
def test_a_page_number_does_not_end_a_repeal_list(furniture: str) -> None:
    rels = relations(
        "Điều 3. Bãi bỏ các Quyết định sau đây:\na) Quyết định số 18/2020/QĐ-UBND ngày 02/6/2020 của "
        f"UBND tỉnh;\n{furniture}\nb) Quyết định số 27/2021/QĐ-UBND ngày 09/8/2021 của UBND tỉnh."
    )
    assert own(rels) == {"18/2020/QĐ-UBND": ("SUPERSEDES", "repeals"), "27/2021/QĐ-UBND": ("SUPERSEDES", "repeals")}


# --------------------------------------------------------------------------------- stated_by, end to end


def test_a_relation_between_two_others_is_stated_by_its_file(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "bc-12.txt").write_text(
        "ỦY BAN NHÂN DÂN\nTỈNH HÀ TĨNH\nSố: 12/BC-UBND\n\nBÁO CÁO\nKết quả sáu tháng\n\n"
        "Kế hoạch số 41-KH/TU ngày 12/5/2025 của Ban Chấp hành Đảng bộ tỉnh Hà Tĩnh về việc thực hiện Nghị quyết "
        "số 66-NQ/TW ngày 30/4/2025 của Bộ Chính trị đã được triển khai.\n",
        encoding="utf-8",
    )
    store = str(tmp_path / "s.db")
    runner = CliRunner()
    assert runner.invoke(app, ["load", str(corpus), "--store", store]).exit_code == 0
    r = runner.invoke(app, ["coverage", "66-NQ/TW", "--store", store, "--json"])
    assert r.exit_code == 0, r.output
    (entry,) = json.loads(r.output)["entries"]
    assert entry["attrs"]["symbol"] == "41-KH/TU" and entry["attrs"]["jurisdiction"] == "Hà Tĩnh"
    assert entry["edges"][0]["stated_by"] == "bc-12.txt"
    shown = runner.invoke(app, ["lineage", "66-NQ/TW", "--down", "--store", store])
    assert "stated in" in shown.output and "bc-12.txt" in shown.output
    exported = json.loads(runner.invoke(app, ["export", "--store", store]).output)
    links = exported.get("links") or exported.get("edges")
    assert [e["stated_by"] for e in links if e["type"] == "IMPLEMENTS" and e.get("kind") == "implements"] == [
        "bc-12.txt"
    ]


def test_a_heading_in_capitals_is_no_part_of_the_next_sentence() -> None:
    rels = relations(
        "IV. TỔ CHỨC THỰC HIỆN\nQuyết định số 88/QĐ-UBND ngày 10/02/2025 của UBND tỉnh quy định chế độ báo cáo định kỳ."
    )
    assert own(rels)["88/QĐ-UBND"] == ("CITES", None)


PLANS = [
    ("Kế hoạch số 15-KH/TU ngày 02/6/2025 của Ban Thường vụ Tỉnh ủy", "15-KH/TU"),
    ("Kế hoạch số 31/KH-UBND ngày 09/6/2025 của UBND tỉnh", "31/KH-UBND"),
    ("Chương trình hành động số 20-CTr/TU ngày 11/6/2025 của Tỉnh ủy", "20-CTr/TU"),
    ("Đề án số 04-ĐA/TU ngày 12/6/2025 của Ban Thường vụ Tỉnh ủy", "04-ĐA/TU"),
    ("Kế hoạch số 77/KH-UBND ngày 20/6/2025 của Ủy ban nhân dân tỉnh", "77/KH-UBND"),
]
CARRY_OUT = [
    "thực hiện",
    "triển khai thực hiện",
    "về việc thực hiện",
    "về triển khai, thực hiện",
    "để cụ thể hóa",
    "nhằm triển khai",
]


@given(
    st.lists(st.sampled_from(PLANS), min_size=1, max_size=4, unique=True),
    st.lists(st.sampled_from([" và ", ", ", ", và "]), min_size=3, max_size=3),
    st.sampled_from(CARRY_OUT),
)
@settings(max_examples=60, deadline=None)
def test_n_plans_with_one_verb_carry_out_what_it_names(
    plans: list[tuple[str, str]], joins: list[str], verb: str
) -> None:
    subjects = "".join(words + (joins[i] if i < len(plans) - 1 else "") for i, (words, _) in enumerate(plans))
    rels = relations(
        f"Năm 2025, {subjects} {verb} Nghị quyết số 68-NQ/TW ngày 04/5/2025 của Bộ Chính trị đã đạt kết quả bước đầu."
    )
    assert nested(rels) == {(sym, "IMPLEMENTS", "implements", "68-NQ/TW") for _, sym in plans}
    assert set(own(rels).values()) == {("CITES", None)}

"""Symbols as real archives write them: case, look-alike letters, dashes, breaks, numbers cut short, and
what only looks like a symbol."""

from __future__ import annotations

import pytest

from policygraph.loaders.extract import extract_text
from policygraph.loaders.find import find_mentions
from policygraph.loaders.models import Text
from policygraph.loaders.symbols import parse


def _symbols(text: str) -> list[str | None]:
    return [m.symbol for m in find_mentions(text) if m.symbol]


@pytest.mark.parametrize(
    ("text", "symbol"),
    [
        # issuer parts typed in lower case
        ("Thực hiện Chương trình hành động số 12-CTr/Tu ngày 05/6/2021 của Ban Thường vụ Tỉnh ủy", "12-CTr/TU"),
        ("theo Nghị quyết số 08-NQ/Hu của Ban Chấp hành Đảng bộ huyện", "08-NQ/HU"),
        ("Kế hoạch số 64-KH/tu ngày 2/3/2022 của Tỉnh ủy", "64-KH/TU"),
        ("Công văn số 215-CV/Btgtu về việc tuyên truyền", "215-CV/BTGTU"),
        ("Quy định số 22-QĐi/Tw của Ban Chấp hành Trung ương", "22-QĐi/TW"),
        # type codes written in capitals
        ("Chương trình số 17-CTR/TU của Thành ủy", "17-CTr/TU"),
        # the Latin letter Eth (U+00D0) and its lower case for Đ
        ("Căn cứ Nghị định số 102/2024/N\u00d0-CP ngày 30 tháng 7 năm 2024", "102/2024/NĐ-CP"),
        ("Quyết định số 45/Q\u00d0-UBND ngày 3/1/2025 của Ủy ban nhân dân tỉnh", "45/QĐ-UBND"),
        ("Nghị quyết số 11-NQ/\u00d0U của Đảng ủy khối", "11-NQ/ĐU"),
        # en and em dashes
        ("Hướng dẫn số 07\u2013HD/BTCTU ngày 12/5/2023 của Ban Tổ chức Tỉnh ủy", "07-HD/BTCTU"),
        ("Quyết định số 318/QĐ\u2013UBND của Ủy ban nhân dân huyện", "318/QĐ-UBND"),
        ("Nghị định số 24/2018/NĐ\u2014CP của Chính phủ", "24/2018/NĐ-CP"),
        # the Prime Minister's code shortened or in capitals
        ("Quyết định số 1079/QĐ-Tg ngày 14/9/2023 của Thủ tướng Chính phủ", "1079/QĐ-TTg"),
        ("Chỉ thị số 05/CT-TTG của Thủ tướng Chính phủ", "05/CT-TTg"),
        # broken by a PDF line wrap, or across a page with its number between
        ("căn cứ Thông tư số 17/2025/TT-\nBNV ngày 01 tháng 7 năm 2025", "17/2025/TT-BNV"),
        ("căn cứ Thông tư số 17/2025/TT-\n12\nBNV ngày 01 tháng 7 năm 2025", "17/2025/TT-BNV"),
        ("Hướng dẫn số 26-\n\n- 4 -\n\nHD/BTGTU ngày 12/4/2024 của Ban Tuyên giáo Tỉnh ủy", "26-HD/BTGTU"),
        ("Quyết định số 2301/\nTrang 7\nQĐ-UBND của Ủy ban nhân dân tỉnh", "2301/QĐ-UBND"),
        ("Công văn số 88-CV/\n3\nVPTU ngày 4/4/2024", "88-CV/VPTU"),
    ],
)
def test_symbols_as_archives_write_them(text, symbol):
    assert _symbols(text) == [symbol]


def test_a_broken_symbol_quotes_the_original_span():
    t = "căn cứ Thông tư số 17/2025/TT-\n12\nBNV ngày 01 tháng 7 năm 2025 của Bộ Nội vụ"
    (m,) = find_mentions(t)
    assert t[m.start:m.end] == "Thông tư số 17/2025/TT-\n12\nBNV"
    assert (m.date, m.issuer) == ("2025-07-01", "Bộ Nội vụ")


@pytest.mark.parametrize(
    ("text", "number", "year", "label"),
    [
        ("Căn cứ Luật Đầu tư công số 58/2024 ngày 29 tháng 11 năm 2024;", "58", 2024, "Law"),
        ("theo quy định tại Luật số 47/2024 của Quốc hội", "47", 2024, "Law"),
        ("Căn cứ Nghị định số 08/2022 của Chính phủ quy định chi tiết", "8", 2022, "Decree"),
        ("Bộ luật Lao động số 45/2019, các văn bản hướng dẫn", "45", 2019, "Code"),
    ],
)
def test_a_state_number_cut_short_is_a_short_mention_with_its_year(text, number, year, label):
    (m,) = find_mentions(text)
    assert (m.form, m.number, m.symbol_year, m.label, m.symbol) == ("short", number, year, label, None)


def test_a_state_number_cut_short_keeps_its_date_and_body():
    (m,) = find_mentions("Căn cứ Luật Đất đai số 31/2024 ngày 18 tháng 01 năm 2024 của Quốc hội;")
    assert (m.date, m.issuer, m.symbol_year) == ("2024-01-18", "Quốc hội", 2024)


@pytest.mark.parametrize(
    "text",
    [
        # a form code, with or without a number of its own
        "Lý lịch người xin vào Đảng (Mẫu 2-KNĐ) và Đơn xin vào Đảng (Mẫu 05-KNĐ)",
        "kê khai theo Mẫu số 03-KNĐ/TW ban hành kèm theo Hướng dẫn",
        "sử dụng biểu mẫu 12-BM/TU khi báo cáo",
        # file names
        "tải tệp đính kèm 45-NQ/TU.pdf tại trang thông tin",
        "file Nghi-quyet-05-NQ-TU.docx gửi kèm",
        "bản scan 318/QĐ-UBND.signed.pdf",
        # a page number above a list item numbered with a dash
        "các nội dung sau:\n12\n2- Kinh tế/Xã hội phát triển",
        # the running header of a gazette page read by OCR
        "CÔNG BÁO/Số 1023 + 1024/Ngày 29-12-2023\n",
        "CONG BAO/So 45 + 46/Ngay 15-01-2024 5\n",
        # dates and fractions near a type word are not numbers cut short
        "Luật này có hiệu lực từ ngày 01/7/2025 và Luật số đông 3/4 đại biểu tán thành",
    ],
)
def test_what_only_looks_like_a_symbol(text):
    assert [(m.form, m.symbol, m.number) for m in find_mentions(text) if m.symbol or m.symbol_year] == []


def test_a_year_alone_is_not_a_number_cut_short():
    assert [m for m in find_mentions("theo Luật số năm 2024 và Nghị định 2024/2025") if m.form == "short"
            and m.symbol_year] == []


@pytest.mark.parametrize(
    ("written", "symbol", "local", "branch"),
    [
        ("23-L/CTN", "23-L/CTN", False, "state"),  # a law promulgated by the State President, 1993
        ("21-LCT/HĐNN8", "21-LCT/HĐNN8", False, "state"),
        ("35-CP", None, None, None),
        ("46-CTr/TU", "46-CTr/TU", True, "party"),
        ("1330-CV/BTGTU", "1330-CV/BTGTU", True, "party"),
    ],
)
def test_old_state_symbols_of_party_shape_are_central(written, symbol, local, branch):
    s = parse(written)
    if symbol is None:
        assert s is None
        return
    assert s is not None and (s.symbol, s.is_local, s.branch) == (symbol, local, branch)


def test_a_law_of_1993_is_one_central_document():
    t = ("QUỐC HỘI\nSố: 23-L/CTN\nHà Nội, ngày 10 tháng 7 năm 1993\nLUẬT\nTHUẾ SỬ DỤNG ĐẤT NÔNG NGHIỆP\n"
         "Căn cứ vào Điều 84 của Hiến pháp nước Cộng hoà xã hội chủ nghĩa Việt Nam năm 1992;\n")
    s = extract_text(Text(path="l.txt", text=t)).docs["source"]
    assert (s.symbol, s.level, s.jurisdiction, s.branch, s.issuer) == ("23-L/CTN", "central", None, "state",
                                                                       "Quốc hội")


def test_a_number_cut_short_joins_only_a_document_of_its_year():
    t = ("Căn cứ Luật Tổ chức Quốc hội số 57/2014/QH13 ngày 20 tháng 11 năm 2014 và Luật số 57/2014; "
         "Luật số 57/2020 của Quốc hội.")
    x = extract_text(Text(path="l.txt", text=t))
    refs = [(m.quote, m.ref) for m in x.mentions]
    assert refs[0][1] == refs[1][1] and refs[0][1].startswith("57/2014/qh13")
    short = x.docs[refs[2][1]]
    assert (short.short, short.number, short.year, short.symbol) == (True, "57", 2020, None)


def test_the_header_symbol_as_an_archive_typed_it():
    t = ("TỈNH ỦY BẮC KẠN\n*\nSố 27-CTr/Tu\nBắc Kạn, ngày 15 tháng 3 năm 2024\nCHƯƠNG TRÌNH HÀNH ĐỘNG\n"
         "thực hiện Nghị quyết số 29\u2013NQ/TW ngày 17/11/2022 của Ban Chấp hành Trung ương\n")
    x = extract_text(Text(path="ctr.txt", text=t))
    assert (x.docs["source"].symbol, x.docs["source"].label) == ("27-CTr/TU", "Programme")
    assert "29-NQ/TW" in {d.symbol for d in x.docs.values()}

"""Symbols as real archives write them: case, look-alike letters, dashes, breaks, numbers cut short, and
what only looks like a symbol."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policygraph.graph.identity import assign_ids
from policygraph.loaders.extract import extract_file, extract_text
from policygraph.loaders.find import find_mentions
from policygraph.loaders.models import Text
from policygraph.loaders.symbols import identity_form, parse


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
    assert t[m.start : m.end] == "Thông tư số 17/2025/TT-\n12\nBNV"
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
    assert [
        m for m in find_mentions("theo Luật số năm 2024 và Nghị định 2024/2025") if m.form == "short" and m.symbol_year
    ] == []


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
    t = (
        "QUỐC HỘI\nSố: 23-L/CTN\nHà Nội, ngày 10 tháng 7 năm 1993\nLUẬT\nTHUẾ SỬ DỤNG ĐẤT NÔNG NGHIỆP\n"
        "Căn cứ vào Điều 84 của Hiến pháp nước Cộng hoà xã hội chủ nghĩa Việt Nam năm 1992;\n"
    )
    s = extract_text(Text(path="l.txt", text=t)).docs["source"]
    assert (s.symbol, s.level, s.jurisdiction, s.branch, s.issuer) == ("23-L/CTN", "central", None, "state", "Quốc hội")


def test_a_number_cut_short_joins_only_a_document_of_its_year():
    t = (
        "Căn cứ Luật Tổ chức Quốc hội số 57/2014/QH13 ngày 20 tháng 11 năm 2014 và Luật số 57/2014; "
        "Luật số 57/2020 của Quốc hội."
    )
    x = extract_text(Text(path="l.txt", text=t))
    refs = [(m.quote, m.ref) for m in x.mentions]
    assert refs[0][1] == refs[1][1] and refs[0][1].startswith("57/2014/qh13")
    short = x.docs[refs[2][1]]
    assert (short.short, short.number, short.year, short.symbol) == (True, "57", 2020, None)


def test_the_header_symbol_as_an_archive_typed_it():
    t = (
        "TỈNH ỦY BẮC KẠN\n*\nSố 27-CTr/Tu\nBắc Kạn, ngày 15 tháng 3 năm 2024\nCHƯƠNG TRÌNH HÀNH ĐỘNG\n"
        "thực hiện Nghị quyết số 29\u2013NQ/TW ngày 17/11/2022 của Ban Chấp hành Trung ương\n"
    )
    x = extract_text(Text(path="ctr.txt", text=t))
    assert (x.docs["source"].symbol, x.docs["source"].label) == ("27-CTr/TU", "Programme")
    assert "29-NQ/TW" in {d.symbol for d in x.docs.values()}


# ---- symbols as they are written: each spelling names the document its plain spelling names ----------------


def _ids(files: dict[str, str]) -> dict[tuple[str, str], str]:
    """The node of every reference when `files` (name -> text) are loaded together."""
    docs = {name: extract_text(Text(path=name, text=text)).docs for name, text in files.items()}
    return {rid: a.id for rid, a in assign_ids(docs).items()}


def _cited(files: dict[str, str], name: str) -> set[str]:
    ids = _ids(files)
    return {i for (f, k), i in ids.items() if f == name and k != "source"}


_HEAD = "{issuer}\n-------\nSố: {symbol}\n{place}, ngày {d} tháng {m} năm {y}\n{kind}\n{title}\n"

# (the cited document's header: issuer, plain symbol, place, date, kind), the odd spelling citing it
_SPELLINGS = [
    (
        ("BỘ TÀI CHÍNH", "144/2002/QĐ-BTC", "Hà Nội", (5, 12, 2002), "QUYẾT ĐỊNH"),
        "Quyết định số 144 /2002/QĐ/BTC ngày 05 tháng 12 năm 2002 của Bộ trưởng Bộ Tài chính",
    ),
    (
        ("BỘ TÀI CHÍNH", "1803/1998/QĐ-BTC", "Hà Nội", (11, 12, 1998), "QUYẾT ĐỊNH"),
        "Quyết định số 1803/1998/QĐ/BTC ngày 11 tháng 12 năm 1998 của Bộ Tài chính",
    ),
    (
        ("CHÍNH PHỦ", "178/CP", "Hà Nội", (28, 10, 1994), "NGHỊ ĐỊNH"),
        "Nghị định số 178/CP ngày 28 tháng 10 năm 1994 của Chính phủ",
    ),
    (
        ("BAN CHẤP HÀNH TRUNG ƯƠNG", "27-NQ/TW", "Hà Nội", (21, 5, 2018), "NGHỊ QUYẾT"),
        "Nghị quyết số 27/NQ- TW ngày 21 tháng 5 năm 2018 của Ban Chấp hành Trung ương",
    ),
    (
        ("TỈNH ỦY BẮC KẠN", "10-CTr/TU", "Bắc Kạn", (15, 3, 2021), "CHƯƠNG TRÌNH HÀNH ĐỘNG"),
        "Chương trình hành động số 10- CTr/TU ngày 15 tháng 3 năm 2021 của Ban Thường vụ Tỉnh ủy",
    ),
    (
        ("BAN CHẤP HÀNH TRUNG ƯƠNG", "46-CT/TW", "Hà Nội", (22, 6, 2015), "CHỈ THỊ"),
        "Chỉ thị số 46 - CT/TW ngày 22 tháng 6 năm 2015 của Ban Bí thư",
    ),
    (
        ("CHÍNH PHỦ", "15/2020/NĐ-CP", "Hà Nội", (3, 2, 2020), "NGHỊ ĐỊNH"),
        "Nghị định số 15/2020/NĐ\u2011CP ngày 03 tháng 02 năm 2020 của Chính phủ",
    ),
    (
        ("CHÍNH PHỦ", "66.2/2025/NQ-CP", "Hà Nội", (1, 8, 2025), "NGHỊ QUYẾT"),
        "Nghị quyết số 66.2/2025/NQ-CP ngày 01 tháng 8 năm 2025 của Chính phủ",
    ),
    (
        (
            "ỦY BAN THƯỜNG VỤ QUỐC HỘI",
            "403/2017/NQLT-UBTVQH14-CP-ĐCTUBTWMTTQVN",
            "Hà Nội",
            (15, 6, 2017),
            "NGHỊ QUYẾT LIÊN TỊCH",
        ),
        "Nghị quyết liên tịch số 403/2017/NQLT-UBTVQH14-CP-ĐCTUBTWMTTQVN ngày 15 tháng 6 năm 2017",
    ),
    (
        ("ỦY BAN NHÂN DÂN TỈNH CÀ MAU", "125/KH-UBND", "Cà Mau", (4, 3, 2024), "KẾ HOẠCH"),
        "Kế hoạch số 0125/KH-UBND ngày 04 tháng 3 năm 2024 của Ủy ban nhân dân tỉnh Cà Mau",
    ),
    (
        ("ỦY BAN NHÂN DÂN TỈNH CÀ MAU", "0125/KH-UBND", "Cà Mau", (4, 3, 2024), "KẾ HOẠCH"),
        "Kế hoạch số 125/KH-UBND ngày 04 tháng 3 năm 2024 của Ủy ban nhân dân tỉnh Cà Mau",
    ),
    # what OCR reads: Eth for Đ, l and I for 1, O for 0, a hyphen broken by a space
    (
        ("CHÍNH PHỦ", "88/2012/NĐ-CP", "Hà Nội", (8, 10, 2012), "NGHỊ ĐỊNH"),
        "Nghị định số 88/2012/N\u00d0-CP ngày 08 tháng 10 năm 2012 của Chính phủ",
    ),
    (("CHÍNH PHỦ", "15/2020/NĐ-CP", "Hà Nội", (3, 2, 2020), "NGHỊ ĐỊNH"), "Nghị định số l5/2020/NĐ-CP"),
    (("CHÍNH PHỦ", "15/2020/NĐ-CP", "Hà Nội", (3, 2, 2020), "NGHỊ ĐỊNH"), "Nghị định số I5/2020/NĐ- CP"),
    (("CHÍNH PHỦ", "10/2020/NĐ-CP", "Hà Nội", (17, 1, 2020), "NGHỊ ĐỊNH"), "Nghị định số 1O/2O20/NĐ -CP"),
    (
        ("QUỐC HỘI", "24/2018/QH14", "Hà Nội", (12, 6, 2018), "LUẬT"),
        "Luật An ninh mạng, các văn bản quy định chi tiết số 24/2018/QH14",
    ),
]


@pytest.mark.parametrize(("head", "citing"), _SPELLINGS, ids=[c for _, c in _SPELLINGS])
def test_each_spelling_names_the_document_of_its_plain_spelling(head, citing):
    issuer, symbol, place, (d, m, y), kind = head
    cited = _HEAD.format(issuer=issuer, symbol=symbol, place=place, d=d, m=m, y=y, kind=kind, title="VỀ VIỆC THỬ")
    # the citing document: a report of the same issuer (a local one's place is the citing document's)
    own_symbol = {"UBND": "999/BC-UBND", "/TU": "99-BC/TU"}.get(
        next((c for c in ("UBND", "/TU") if c in symbol), ""), "999/BC-XYZ"
    )
    citing_text = _HEAD.format(
        issuer=issuer, symbol=own_symbol, place=place, d=1, m=1, y=2026, kind="BÁO CÁO", title=f"Thực hiện {citing};"
    )
    ids = _ids({"cited.txt": cited, "citing.txt": citing_text})
    own = ids[("cited.txt", "source")]
    assert own.startswith("doc:")
    assert own in {i for (f, k), i in ids.items() if f == "citing.txt" and k != "source"}


@pytest.mark.parametrize(
    ("written", "plain"),
    [
        ("144 /2002/QĐ/BTC", "144/2002/QĐ-BTC"),
        ("1803/1998/QĐ/BTC", "1803/1998/QĐ-BTC"),
        ("178/CP", "178/CP"),
        ("814/TTg", "814/TTg"),
        ("27/NQ- TW", "27-NQ/TW"),
        ("27/NQ-TW", "27-NQ/TW"),
        ("10- CTr/TU", "10-CTr/TU"),
        ("46 - CT/TW", "46-CT/TW"),
        ("15/2020/NĐ\u2011CP", "15/2020/NĐ-CP"),
        ("66.2/2025/NQ-CP", "66.2/2025/NQ-CP"),
        ("403/2017/NQLT-UBTVQH14-CP-ĐCTUBTWMTTQVN", "403/2017/NQLT-UBTVQH14-CP-ĐCTUBTWMTTQVN"),
        ("0125/KH-UBND", "0125/KH-UBND"),
        ("N\u00d0-CP", None),
        ("88/2012/N\u00d0-CP", "88/2012/NĐ-CP"),
        ("88/2012/NĐ- CP", "88/2012/NĐ-CP"),
        ("88/2012/NĐ -CP", "88/2012/NĐ-CP"),
        ("l5/2020/NĐ-CP", "15/2020/NĐ-CP"),
        ("I5/2020/NĐ-CP", "15/2020/NĐ-CP"),
        ("1O/2O20/NĐ-CP", "10/2020/NĐ-CP"),
        ("1.234/QĐ-UBND", "1234/QĐ-UBND"),
    ],
)
def test_a_spelling_parses_to_its_plain_symbol(written, plain):
    s = parse(written)
    assert (s.symbol if s else None) == plain


def test_leading_zeros_are_kept_as_written_and_compared_without():
    a, b = parse("0125/KH-UBND"), parse("125/KH-UBND")
    assert a is not None and b is not None
    assert (a.symbol, a.number, b.number) == ("0125/KH-UBND", "125", "125")
    assert identity_form(a.symbol) == identity_form(b.symbol)


def test_the_ids_of_a_family_are_one_spelling_whatever_the_order():
    cite = (
        "ỦY BAN NHÂN DÂN TỈNH CÀ MAU\nSố: 3/BC-UBND\nCà Mau, ngày 1 tháng 1 năm 2025\nBÁO CÁO\n"
        "Thực hiện Kế hoạch số {} ngày 04 tháng 3 năm 2024 của Ủy ban nhân dân tỉnh Cà Mau;\n"
    )
    files = {
        "a.txt": cite.format("0125/KH-UBND"),
        "b.txt": cite.format("125/KH-UBND"),
        "c.txt": cite.format("125/KH-UBND"),
    }
    one, two = _cited(files, "a.txt"), _cited(dict(reversed(files.items())), "b.txt")
    assert one == two == {"doc:125/KH-UBND@Cà Mau@2024-03-04"}  # the commonest spelling


def test_a_law_named_at_length_before_its_symbol_is_a_law():
    t = (
        "Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Phòng, chống tác hại của rượu, bia số 44/2019/QH14; "
        "theo quy định của pháp luật, số 45/2019/QH14;"
    )
    ms = find_mentions(t)
    assert [(m.symbol, m.label, m.quote) for m in ms] == [
        ("44/2019/QH14", "Law", "Luật Phòng, chống tác hại của rượu, bia số 44/2019/QH14"),
        ("45/2019/QH14", None, "45/2019/QH14"),  # "pháp luật" is no law's name
    ]


@pytest.mark.parametrize(
    "text",
    [
        "tỷ lệ 3/CPI tăng",  # a one-code old symbol only with its issuers, whole
        "xem mục l/2020/ABC",  # an OCR letter needs a real digit beside it
        "Điều 5.1234/QĐ-UBND",  # a point inside a longer number
        "Ilo/2020/NĐ-CP",
        "12/2020/TT-BTC/XYZ",  # a slash after the codes
    ],
)
def test_odd_spellings_do_not_widen_what_is_a_symbol(text):
    assert _symbols(text) == []


# property: any spacing around "-" and "/", any dash, any leading zeros: one symbol
_CODES = st.sampled_from(["NĐ-CP", "QĐ-TTg", "TT-BTC", "NQ-HĐND", "QĐ-UBND", "KH-UBND"])


@settings(max_examples=150, deadline=None)
@given(
    num=st.integers(1, 9999),
    year=st.integers(1990, 2030),
    codes=_CODES,
    with_year=st.booleans(),
    spaces=st.lists(st.sampled_from(["", " ", "  "]), min_size=6, max_size=6),
    dash=st.sampled_from(["-", "\u2011", "\u2013", "\u2010", "\u2212"]),
    zeros=st.integers(0, 2),
)
def test_state_symbols_parse_alike_however_spaced(num, year, codes, with_year, spaces, dash, zeros):
    t, iss = codes.split("-")
    s = spaces
    zero_pad = "0" * min(zeros, 5 - len(str(num)))  # a number is five digits at most
    year_part = f"{year}{s[2]}/{s[3]}" if with_year else ""
    written = f"{zero_pad}{num}{s[0]}/{s[1]}{year_part}{t}{s[4]}{dash}{s[5]}{iss}"
    plain = f"{num}/{year}/{t}-{iss}" if with_year else f"{num}/{t}-{iss}"
    got = parse(written)
    assert got is not None and identity_form(got.symbol) == identity_form(plain)
    assert got.number == str(num)
    found = _symbols(f"Căn cứ văn bản số {written} ngày 1 tháng 2 năm 2003;")
    assert [identity_form(x or "") for x in found] == [identity_form(plain)]


@settings(max_examples=100, deadline=None)
@given(
    num=st.integers(1, 999),
    kind=st.sampled_from(["NQ", "CT", "KL", "CTr", "QĐ"]),
    iss=st.sampled_from(["TW", "TU", "HU", "ĐU"]),
    a=st.sampled_from(["", " ", "  "]),
    b=st.sampled_from(["", " ", "  "]),
    state_shape=st.booleans(),
)
def test_party_symbols_parse_alike_however_spaced_and_in_either_shape(num, kind, iss, a, b, state_shape):
    written = f"{num}{a}/{b}{kind}{a}-{b}{iss}" if state_shape else f"{num}{a}-{b}{kind}{a}/{b}{iss}"
    got = parse(written)
    assert got is not None and (got.symbol, got.shape) == (f"{num}-{kind}/{iss}", "party")


# ---- model forms in appendices are not references -------------------------------------------------------

FORMS = Path(__file__).parent / "data" / "forms"


def test_a_decision_with_forms_cites_what_it_cites_and_not_its_models():
    x = extract_file(str(FORMS / "quyet-dinh-kem-mau.txt"))
    assert x.docs["source"].symbol == "22/2024/QĐ-UBND"
    found = [m.symbol for m in x.mentions if m.symbol]
    # the own header, the law and decree cited, the appendix's "Kèm theo …", the template's plain "Căn cứ"
    assert found == ["22/2024/QĐ-UBND", "06/2022/QH15", "98/2023/NĐ-CP", "22/2024/QĐ-UBND", "98/2023/NĐ-CP"]
    text = (FORMS / "quyet-dinh-kem-mau.txt").read_text(encoding="utf-8")
    for model in ("15/QĐ-BNV", "07/QĐ-UBND", "45/TTr-UBND", "12-BB/ĐU"):
        assert model in text and model not in found


def test_an_appendix_of_one_form_has_no_symbol_of_its_own():
    x = extract_file(str(FORMS / "phu-luc-mau-giay-phep.txt"))
    assert x.docs["source"].symbol is None
    assert [m.symbol for m in x.mentions if m.symbol] == ["161/2024/NĐ-CP", "161/2024/NĐ-CP"]


_OWN = "ỦY BAN NHÂN DÂN TỈNH A\nSố: 22/2024/QĐ-UBND\nA, ngày 10 tháng 5 năm 2024\nQUYẾT ĐỊNH\n"


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # a specimen ("mẫu vật") is no form: the "Số:" line after it is a header's
        (_OWN + "b) Mẫu vật có nguồn gốc hợp pháp;\nSố: 15/QĐ-BNV\n", ["15/QĐ-BNV"]),
        (_OWN + "PHÊ DUYỆT MẪU PHƯƠNG TIỆN ĐO\nSố: 15/QĐ-BNV\n", ["15/QĐ-BNV"]),
        # in an appendix (after the document's own header), a form line, then the form's header: the model's number
        (_OWN + "MẪU QUYẾT ĐỊNH KHEN THƯỞNG\nBỘ NỘI VỤ\nSố: 15/QĐ-BNV\n", []),
        (_OWN + "Mẫu số 01/TNCN\nSố: 15/QĐ-BNV\n", []),
        (_OWN + "Biểu mẫu 12-BM\nSố: 15/QĐ-BNV\n", []),
        (_OWN + "Mẫu số 01 Số: 15/QĐ-BNV\n", []),
        # far below the form's header, a "Số:" line with nothing to fill in is read again
        (_OWN + "Mẫu số 01\n" + "dòng\n" * 20 + "Số: 15/QĐ-BNV\n", ["15/QĐ-BNV"]),
        # under a form line, a citation stays; one with blanks to fill in is the model's
        (_OWN + "Mẫu số 01\n(Kèm theo Quyết định số 15/QĐ-BNV ngày 3/1/2024)\n", ["15/QĐ-BNV"]),
        (_OWN + "Mẫu số 01\nCăn cứ Quyết định số 15/QĐ-BNV ngày ..... tháng ..... năm .....;\n", []),
        # no header of the document's own before the form: a model when its header block has blanks
        ("Mẫu số 01\n……(1)……\nSố: 15/QĐ-BNV\n……, ngày …… tháng …… năm ……\n", []),
    ],
)
def test_the_model_form_rule(text, kept):
    own = ["22/2024/QĐ-UBND"] if text.startswith(_OWN) else []
    assert _symbols(text) == own + kept


def test_a_filled_in_form_heading_a_document_keeps_the_documents_own_symbol():
    t = (
        "Mẫu số 52-DS (Ban hành kèm theo Nghị quyết số 01/2017/NQ-HĐTP ngày 13/01/2017 của Hội đồng Thẩm phán "
        "Tòa án nhân dân tối cao)\nTÒA ÁN NHÂN DÂN HUYỆN A\nSố: 12/2020/QĐ-ST\nA, ngày 05 tháng 3 năm 2020\n"
        "QUYẾT ĐỊNH\nCông nhận sự thỏa thuận của các đương sự\n"
    )
    x = extract_text(Text(path="qd.txt", text=t))
    assert x.docs["source"].symbol == "12/2020/QĐ-ST"
    assert [m.symbol for m in x.mentions if m.symbol] == ["01/2017/NQ-HĐTP", "12/2020/QĐ-ST"]


@pytest.mark.parametrize(
    ("written", "symbol"),
    [
        ("144 /2002/QĐ/BTC", "144/2002/QĐ-BTC"),
        ("178/CP", "178/CP"),
        ("27/NQ- TW", "27-NQ/TW"),
        ("0125/KH-UBND", "0125/KH-UBND"),
        ("l5/2020/N\u00d0 -CP", "15/2020/NĐ-CP"),
        ("66.2/2025/NQ-CP", "66.2/2025/NQ-CP"),
    ],
)
def test_a_header_written_oddly_gives_the_documents_own_symbol(written, symbol):
    t = f"CƠ QUAN\n-------\nSố: {written}\nHà Nội, ngày 05 tháng 12 năm 2002\nQUYẾT ĐỊNH\nVề việc thử\n"
    assert extract_text(Text(path="h.txt", text=t)).docs["source"].symbol == symbol

"""Each extraction rule, on real sentences from the sample corpus and the Vietnamese laws."""

from __future__ import annotations

import unicodedata

import pytest

from policygraph.loaders.extract import extract_text
from policygraph.loaders.find import find_mentions
from policygraph.loaders.models import Text
from policygraph.loaders.normalise import MatchView, fold_tones
from policygraph.loaders.relations import classify_source_relation
from policygraph.loaders.symbols import parse


@pytest.mark.parametrize(
    ("written", "symbol", "number", "type_code", "issuer_code", "year"),
    [
        ("31-NQ/TW", "31-NQ/TW", "31", "NQ", "TW", None),
        ("46-CTr/TU", "46-CTr/TU", "46", "CTr", "TU", None),
        ("11-QĐi/TW", "11-QĐi/TW", "11", "QĐi", "TW", None),
        ("1330 -CV/BTGTU", "1330-CV/BTGTU", "1330", "CV", "BTGTU", None),
        ("98/2023/QH15", "98/2023/QH15", "98", None, "QH15", 2023),
        ("14/NQ-CP", "14/NQ-CP", "14", "NQ", "CP", None),
        ("641/QĐ-UBND", "641/QĐ-UBND", "641", "QĐ", "UBND", None),
        ("896/QĐ-TTg", "896/QĐ-TTg", "896", "QĐ", "TTg", None),
        ("88/2012/NĐ-CP", "88/2012/NĐ-CP", "88", "NĐ", "CP", 2012),
        ("55/2010/TT-BTC", "55/2010/TT-BTC", "55", "TT", "BTC", 2010),
        ("44/2024/NĐ-\nCP", "44/2024/NĐ-CP", "44", "NĐ", "CP", 2024),
        ("896/QD-TTg", "896/QĐ-TTg", "896", "QĐ", "TTg", None),
        ("15/2020/\u00d0-CP".replace("\u00d0", "N\u00d0"), "15/2020/NĐ-CP", "15", "NĐ", "CP", 2020),
    ],
)
def test_symbol_forms(written, symbol, number, type_code, issuer_code, year):
    s = parse(written)
    assert s is not None
    assert (s.symbol, s.number, s.type_code, s.issuer_code, s.year) == (symbol, number, type_code, issuer_code, year)


@pytest.mark.parametrize(
    "text",
    [
        "Mẫu số 01/TNCN",
        "QCVN 01:2021/BYT",
        "lưu tại N/NQ06/80",
        "đạt 19/21 chỉ tiêu",
        "ngày 06/12/2022",
        "có 02/33 nhiệm vụ",
    ],
)
def test_not_document_references(text):
    assert [m for m in find_mentions(text) if m.symbol] == []


def test_full_reference_with_date_body_and_title():
    t = (
        "Đã nhanh chóng triển khai thực hiện Nghị quyết số 24-NQ/TW ngày 07 tháng 10 năm 2022 của Bộ Chính trị "
        "về phát triển kinh tế - xã hội và bảo đảm quốc phòng, an ninh vùng Đông Nam Bộ"
    )
    (m,) = find_mentions(t)
    assert (m.symbol, m.label, m.date, m.issuer) == ("24-NQ/TW", "Resolution", "2022-10-07", "Bộ Chính trị")
    assert m.title and m.title.startswith("về phát triển")
    assert t[m.start : m.end] == m.quote == "Nghị quyết số 24-NQ/TW"


def test_type_word_decides_class():
    (m,) = find_mentions("Quy định số 101-QĐ/TW về trách nhiệm nêu gương của cán bộ, đảng viên")
    assert m.label == "Regulation"
    (m,) = find_mentions("Quyết định số 1738-QĐ/TU, ngày 27/01/2015 của Ban Thường vụ Thành uỷ")
    assert m.label == "Decision" and m.date == "2015-01-27" and m.issuer == "Ban Thường vụ Thành ủy"
    (m,) = find_mentions("theo 46-CTr/TU")
    assert m.label == "Programme"


def test_dates_in_both_forms_and_doubled_word():
    (a,) = find_mentions("Nghị quyết số 08-NQ/TU, ngày 06/12/2022 của Thành ủy về mục tiêu")
    (b,) = find_mentions("theo Nghị quyết số 71/NQ-HĐND ngày ngày 09 tháng 12 năm 2022 của Hội đồng nhân dân thành phố")
    (c,) = find_mentions("Nghị quyết số 03-NQ/TU ngày 29/02/2016 của Ban Thường vụ Tỉnh ủy")
    assert (a.date, b.date, c.date) == ("2022-12-06", "2022-12-09", "2016-02-29")
    assert b.issuer == "Hội đồng nhân dân thành phố"


def test_shared_date_and_body_in_a_list():
    t = (
        "Báo cáo tổng kết 10 năm thực hiện Quyết định số 217-QĐ/TW và Quyết định số 218-QĐ/TW ngày 12 tháng 12 "
        "năm 2013 của Bộ Chính trị về Quy chế giám sát"
    )
    a, b = find_mentions(t)
    assert (a.symbol, a.date, a.issuer) == ("217-QĐ/TW", "2013-12-12", "Bộ Chính trị")
    assert (b.symbol, b.date, b.issuer) == ("218-QĐ/TW", "2013-12-12", "Bộ Chính trị")


def test_shared_body_for_short_forms():
    a, b = find_mentions("Nghị quyết 24, Nghị quyết 31 của Bộ Chính trị cũng như")
    assert (a.form, a.number, a.issuer) == ("short", "24", "Bộ Chính trị")
    assert (b.form, b.number, b.issuer) == ("short", "31", "Bộ Chính trị")


def test_term_in_brackets():
    (m,) = find_mentions("Nghị quyết số 18-NQ/TW của Ban Chấp hành Trung ương (khóa XII); Đề án")
    assert m.term == "XII" and m.issuer == "Ban Chấp hành Trung ương"


def test_short_forms_and_what_is_not_one():
    ms = find_mentions("hướng dẫn thực hiện Nghị quyết 98 mà hiện nay; Kết luận 21 của Ban Chấp hành Trung ương về")
    assert [(m.form, m.label, m.number) for m in ms] == [("short", "Resolution", "98"), ("short", "Conclusion", "21")]
    assert find_mentions("thực hiện Kế hoạch 5 năm và Quyết định 2 lần") == []


def test_nfd_text_and_old_tone_marks():
    t = unicodedata.normalize("NFD", "Thực hiện Nghị quyết số 05-NQ/TU của Thành uỷ về kế hoạch")
    (m,) = find_mentions(t)
    assert m.symbol == "05-NQ/TU" and m.issuer == "Thành ủy"
    assert unicodedata.normalize("NFC", t[m.start : m.end]) == "Nghị quyết số 05-NQ/TU"
    assert fold_tones("công nghiệp hoá, thuỷ lợi") == "công nghiệp hóa, thủy lợi"
    v = MatchView.of(t)
    assert len(v.text) < len(t)


def test_symbol_broken_across_lines_keeps_original_span():
    t = "căn cứ Nghị định số 44/2024/NĐ-\nCP của Chính phủ"
    (m,) = find_mentions(t)
    assert m.symbol == "44/2024/NĐ-CP" and t[m.start : m.end] == "Nghị định số 44/2024/NĐ-\nCP"


def test_named_references():
    ms = find_mentions(
        "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 2013; tiếp tục thực hiện "
        "Nghị quyết Trung ương 4 (khóa XII) và Nghị quyết Đại hội XIII của Đảng"
    )
    assert [(m.form, m.label, m.title) for m in ms] == [
        ("named", "Constitution", "Hiến pháp"),
        ("named", "Resolution", "Nghị quyết Trung ương 4"),
        ("named", "Resolution", "Nghị quyết Đại hội XIII của Đảng"),
    ]


@pytest.mark.parametrize(
    ("prefix", "suffix", "expected"),
    [
        ("Tiếp tục chỉ đạo triển khai thực hiện ", "", ("IMPLEMENTS", "implements")),
        ("Đề án phát triển Hệ thống Đường sắt đô thị nhằm cụ thể hóa mục tiêu theo ", "", ("IMPLEMENTS", "implements")),
        (
            "căn cứ vào nhiệm vụ đã đề ra trong Nghị quyết Đại hội IV Đảng bộ thành phố, ",
            "",
            ("IMPLEMENTS", "based_on"),
        ),
        ("Quyết định sửa đổi ", "", ("SUPERSEDES", "amends")),
        ("Luật này thay thế ", "", ("SUPERSEDES", "replaces")),
        ("Bãi bỏ ", "", ("SUPERSEDES", "repeals")),
        ("2. Bộ luật dân sự ", " hết hiệu lực kể từ ngày Bộ luật này có hiệu lực.", ("SUPERSEDES", "replaces")),
        ("1. Tổng kết ", "", ("CITES", None)),
        ("Gồm: 1. Nhiệm vụ số 2 mục I phần 2 ", "", ("CITES", None)),
    ],
)
def test_relation_wording(prefix, suffix, expected):
    assert classify_source_relation(prefix, suffix) == expected


def _rels(text: str):
    x = extract_text(Text(path="t.txt", text=text))
    return x, [
        (r.source, r.type, r.target, r.kind) for r in x.relations if r.type in ("CITES", "IMPLEMENTS", "SUPERSEDES")
    ]


def test_relation_between_two_cited_documents():
    x, rels = _rels(
        "Đẩy mạnh thực hiện Chương trình hành động số 46-CTr/TU, ngày 08/3/2023 của Ban Thường vụ Thành ủy "
        "về thực hiện Nghị quyết số 27-NQ/TW, ngày 09/11/2022 của Ban Chấp hành Trung ương Đảng khóa XIII."
    )
    keys = {r.symbol: k for k, r in x.docs.items() if r.symbol}
    assert (keys["46-CTr/TU"], "IMPLEMENTS", keys["27-NQ/TW"], "implements") in rels
    assert ("source", "IMPLEMENTS", keys["46-CTr/TU"], "implements") in rels


def test_passive_amendment_between_documents():
    x, rels = _rels(
        "2. Bộ luật tố tụng dân sự số 24/2004/QH11 đã được sửa đổi, bổ sung theo Luật số 65/2011/QH12 "
        "hết hiệu lực kể từ ngày Bộ luật này có hiệu lực thi hành."
    )
    assert ("65/2011/qh12", "SUPERSEDES", "24/2004/qh11", "amends") in rels
    assert ("source", "SUPERSEDES", "24/2004/qh11", "replaces") in rels


def test_every_evidence_span_quotes_the_mention():
    from pathlib import Path

    for f in sorted(Path("examples/corpus").glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        x = extract_text(Text(path=str(f), text=text))
        assert x.mentions
        for m in x.mentions:
            assert text[m.start : m.end] == m.quote
        for r in x.relations:
            if r.evidence is not None:
                assert r.evidence.file == f.name
                assert r.evidence.sentence and text[r.evidence.start : r.evidence.end] in r.evidence.sentence


def test_header_of_a_party_letter_and_a_law():
    x = extract_text(Text(path="a.txt", text=open("examples/corpus/000_dd968633c1f9caf8.txt", encoding="utf-8").read()))
    src = x.docs["source"]
    assert (src.symbol, src.label, src.date, src.jurisdiction) == (
        "1330-CV/BTGTU",
        "OfficialLetter",
        "2023-10-11",
        "Thành phố Hồ Chí Minh",
    )
    assert src.issuer == "Ban Tuyên giáo Thành ủy Thành phố Hồ Chí Minh"
    law = open("tests/data/laws/Luat-Cong-doan-2012-142186.txt", encoding="utf-8").read()
    s = extract_text(Text(path="l.txt", text=law)).docs["source"]
    assert (s.symbol, s.label, s.date, s.issuer, s.jurisdiction) == (
        "12/2012/QH13",
        "Law",
        "2012-06-20",
        "Quốc hội",
        None,
    )


def test_markdown_metadata_table():
    t = (
        "| Số hiệu | 262/2026/NĐ-CP |\n| Loại văn bản | Nghị định |\n| Nơi ban hành | Chính phủ |\n"
        "| Ngày ban hành | 15/09/2026 |\n\nCăn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;\n"
    )
    x = extract_text(Text(path="m.md", text=t))
    s = x.docs["source"]
    assert (s.symbol, s.label, s.issuer, s.date) == ("262/2026/NĐ-CP", "Decree", "Chính phủ", "2026-09-15")
    assert ("IMPLEMENTS", "based_on") in {(r.type, r.kind) for r in x.relations if r.target == "63/2025/qh15"}


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("Sửa đổi, bổ sung khoản 1 Điều 73 của ", ("SUPERSEDES", "amends")),
        ("Bãi bỏ Mục 1 Chương VI ", ("SUPERSEDES", "repeals")),
        ("thì thực hiện theo quy định của ", ("CITES", None)),
        ("Căn cứ Luật sửa đổi, bổ sung một số điều của ", ("IMPLEMENTS", "based_on")),
    ],
)
def test_relation_wording_in_state_documents(prefix, expected):
    assert classify_source_relation(prefix, "") == expected


def test_state_decision_basis_and_replacement():
    t = (
        "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG NINH\nSố: 1234/QĐ-UBND\nQuảng Ninh, ngày 05 tháng 4 năm 2024\nQUYẾT ĐỊNH\n"
        "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n"
        "Căn cứ Nghị định số 123/2016/NĐ-CP ngày 01 tháng 9 năm 2016 của Chính phủ;\n"
        "Điều 2. Quyết định này thay thế Quyết định số 567/QĐ-UBND ngày 10/3/2020 của Ủy ban nhân dân tỉnh.\n"
    )
    x = extract_text(Text(path="q.md", text=t))
    s = x.docs["source"]
    assert (s.symbol, s.label, s.jurisdiction, s.date) == ("1234/QĐ-UBND", "Decision", "Quảng Ninh", "2024-04-05")
    got = {
        (r.type, r.kind, x.docs[r.target].symbol or x.docs[r.target].title, x.docs[r.target].date)
        for r in x.relations
        if r.source == "source" and r.target in x.docs
    }
    assert ("IMPLEMENTS", "based_on", "Luật Tổ chức chính quyền địa phương", "2015-06-19") in got
    assert ("IMPLEMENTS", "based_on", "123/2016/NĐ-CP", "2016-09-01") in got
    assert ("SUPERSEDES", "replaces", "567/QĐ-UBND", "2020-03-10") in got
    assert x.docs[next(k for k, d in x.docs.items() if d.symbol == "567/QĐ-UBND")].jurisdiction == "Quảng Ninh"


def test_footnote_marks_and_markdown_table_rows():
    (m,) = find_mentions("thực hiện Nghị quyết số 31-NQ/TW¹ của Bộ Chính trị về phát triển")
    assert (m.symbol, m.issuer) == ("31-NQ/TW", "Bộ Chính trị")
    (m,) = find_mentions("Nghị quyết số 31-NQ/TW[2] ngày 30/12/2022 của Bộ Chính trị")
    assert (m.symbol, m.date) == ("31-NQ/TW", "2022-12-30")
    (m,) = find_mentions("| 1 | Nghị quyết số 31-NQ/TW | 30/12/2022 | Bộ Chính trị | Về phát triển TP.HCM |")
    assert (m.symbol, m.date, m.issuer) == ("31-NQ/TW", "2022-12-30", "Bộ Chính trị")


@pytest.mark.parametrize(
    ("name", "label", "date", "jurisdiction", "issuer"),
    [
        ("001_0d6e8966d81bd8b2.txt", "Conclusion", "2023-10-19", "Hải Phòng", "Thành ủy Hải Phòng"),
        ("002_dcfc28f94eca8649.txt", "Notice", "2024-03-27", "Thành phố Hồ Chí Minh", None),
        (
            "003_9bd564ad1810f10b.txt",
            "Notice",
            "2024-06-14",
            "Thành phố Hồ Chí Minh",
            "Ban Tuyên giáo Thành ủy Thành phố Hồ Chí Minh",
        ),
        ("004_4f6655e48d839bfa.txt", "Resolution", None, "Long Khánh", "Ban Chấp hành Đảng bộ thành phố Long Khánh"),
    ],
)
def test_documents_without_a_header_symbol(name, label, date, jurisdiction, issuer):
    text = open(f"examples/corpus/{name}", encoding="utf-8").read()
    s = extract_text(Text(path=name, text=text)).docs["source"]
    assert (s.label, s.date, s.jurisdiction, s.issuer) == (label, date, jurisdiction, issuer)


def test_city_and_province_of_the_same_name_stay_apart():
    t = (
        "Thực hiện Nghị quyết số 05-NQ/TU ngày 10/01/2022 của Thành ủy Bắc Ninh và Nghị quyết số 05-NQ/TU "
        "ngày 10/02/2022 của Tỉnh ủy Bắc Ninh."
    )
    x = extract_text(Text(path="b.txt", text=t))
    places = sorted(d.jurisdiction or "" for d in x.docs.values() if d.symbol == "05-NQ/TU")
    assert places == ["Bắc Ninh", "Thành phố Bắc Ninh"]


def test_ocr_noise():
    ms = find_mentions(
        "theo Nghị quyết sô 31-NQ/TW ngày 30/12/2022; Quyết định s ố 1234/QÐ-UBND; "
        "Nghị định số 15/2020/NÐ-CP và Quyết định 896/QD-TTg"
    )
    assert [(m.symbol, m.label) for m in ms] == [
        ("31-NQ/TW", "Resolution"),
        ("1234/QĐ-UBND", "Decision"),
        ("15/2020/NĐ-CP", "Decree"),
        ("896/QĐ-TTg", "Decision"),
    ]


def test_parenthesised_dates_lists_with_so_and_notices_of_conclusions():
    (m,) = find_mentions("Nghị quyết số 09-NQ/TU (ngày 15/02/2021) của Ban Thường vụ Thành ủy Hà Nội")
    assert (m.date, m.issuer) == ("2021-02-15", "Ban Thường vụ Thành ủy Hà Nội")
    a, b = find_mentions("các Nghị quyết: số 01-NQ/TU, số 02-NQ/TU ngày 12/1/2021 của Tỉnh ủy")
    assert (a.date, a.issuer) == (b.date, b.issuer) == ("2021-01-12", "Tỉnh ủy")
    (m,) = find_mentions("Thông báo kết luận số 125-TB/TU ngày 1/4/2024 của Thường trực Thành ủy")
    assert m.label == "Notice"


def test_every_basis_line_and_expiry_clause_of_the_sample_laws():
    import re
    from pathlib import Path

    for f in sorted(Path("tests/data/laws").glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        x = extract_text(Text(path=str(f), text=text))
        assert x.docs["source"].symbol, f.name
        based = [r for r in x.relations if r.source == "source" and r.kind == "based_on"]
        for m in re.finditer(r"(?m)^[ \t]*Căn cứ (?:vào )?(?:Hiến pháp|Luật|Bộ luật|Nghị quyết)[^\n]*", text[:4000]):
            assert any(m.start() <= r.evidence.start < m.end() for r in based), m.group(0)
        sup = {
            x.docs[r.target].symbol or x.docs[r.target].title
            for r in x.relations
            if r.type == "SUPERSEDES" and r.source == "source"
        }
        for m in re.finditer(r"(?m)^[^\n]*số (\d+/\d{4}/[A-Z0-9Đ]+(?:-[A-Z0-9Đ]+)*)[^\n]*hết hiệu lực", text):
            assert m.group(1) in sup, m.group(0)
    (m,) = find_mentions("Căn cứ Hiến pháp nước Cộng hòa xã hội Chủ nghĩa Việt Nam;")
    assert m.label == "Constitution"


def test_scraped_page_with_metadata_pairs_and_plain_fields():
    t = (
        "# Nghị định 262/2026/NĐ-CP quy định chi tiết\n\n"
        "| Số hiệu: | 262/2026/NĐ-CP | Loại văn bản: | Nghị định |\n|---|---|---|---|\n"
        "| Nơi ban hành: | Chính phủ | Người ký: | Nguyễn Văn A |\n"
        "| Ngày ban hành: | 15/09/2026 | Ngày hiệu lực: | 01/11/2026 |\n\n"
        "Căn cứ Luật Tổ chức Chính phủ số 63/2025/QH15;\nNghị định này thay thế Nghị định số 15/2020/NĐ-CP.\n"
    )
    x = extract_text(Text(path="a.md", text=t))
    s = x.docs["source"]
    assert (s.symbol, s.label, s.issuer, s.date) == ("262/2026/NĐ-CP", "Decree", "Chính phủ", "2026-09-15")
    rels = {
        (r.type, r.kind, x.docs[r.target].symbol) for r in x.relations if r.source == "source" and r.target in x.docs
    }
    assert rels == {("IMPLEMENTS", "based_on", "63/2025/QH15"), ("SUPERSEDES", "replaces", "15/2020/NĐ-CP")}
    t2 = "Số hiệu: 12/2026/TT-BTC\nLoại văn bản: Thông tư\nNơi ban hành: Bộ Tài chính\nNgày ban hành: 02/02/2026\n"
    s = extract_text(Text(path="b.md", text=t2)).docs["source"]
    assert (s.symbol, s.label, s.issuer, s.date) == ("12/2026/TT-BTC", "Circular", "Bộ Tài chính", "2026-02-02")


def test_pdf_line_breaks_inside_type_words_and_symbols():
    t = "theo Nghị\nquyết số 31-\nNQ/TW ngày 30/12/2022 của Bộ Chính trị; Quyết định số 641/\nQĐ-UBND; Nghị định số 15/\n2020/NĐ-CP"
    ms = find_mentions(t)
    assert [(m.symbol, m.label) for m in ms] == [
        ("31-NQ/TW", "Resolution"),
        ("641/QĐ-UBND", "Decision"),
        ("15/2020/NĐ-CP", "Decree"),
    ]
    assert ms[0].quote == "Nghị\nquyết số 31-\nNQ/TW" and ms[0].date == "2022-12-30"


def test_party_headers_central_boards_and_congress_resolutions():
    t = (
        "ĐẢNG BỘ TỈNH QUẢNG NINH\nTỈNH ỦY\n*\nSố 12-NQ/TU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
        "Quảng Ninh, ngày 02 tháng 3 năm 2023\nNGHỊ QUYẾT\n"
        "Thực hiện Hướng dẫn số 12-HD/BTGTW ngày 1/2/2023 của Ban Tuyên giáo Trung ương và Nghị quyết số "
        "31-NQ/TƯ; Nghị quyết Đại hội đại biểu Đảng bộ tỉnh lần thứ XV.\n"
    )
    x = extract_text(Text(path="qn.txt", text=t))
    s = x.docs["source"]
    assert (s.symbol, s.issuer, s.jurisdiction, s.date) == (
        "12-NQ/TU",
        "Tỉnh ủy Quảng Ninh",
        "Quảng Ninh",
        "2023-03-02",
    )
    by_symbol = {d.symbol: d for d in x.docs.values() if d.symbol}
    assert by_symbol["12-HD/BTGTW"].issuer == "Ban Tuyên giáo Trung ương"
    assert by_symbol["12-HD/BTGTW"].jurisdiction is None and "31-NQ/TW" in by_symbol
    (named,) = [d for d in x.docs.values() if d.title and d.title.startswith("Nghị quyết Đại hội")]
    assert (named.term, named.jurisdiction) == ("XV", "Quảng Ninh")


def test_project_aliases_are_one_project():
    from policygraph.loaders.projects import find_projects

    (metro, ring) = find_projects("tuyến đường sắt đô thị số 1 và Metro số 1; đường Vành đai 3 và Vành đai 3.")
    assert (metro.name, metro.aliases) == ("đường sắt đô thị số 1", ["tuyến đường sắt đô thị số 1", "Metro số 1"])
    assert (ring.name, ring.aliases) == ("Vành đai 3", ["đường Vành đai 3"])


def test_district_document_with_a_district_the_gazetteer_does_not_list(tmp_path):
    from policygraph.graph.build import build_graph

    hu = (
        "ĐẢNG BỘ TỈNH NGHỆ AN\nHUYỆN ỦY NAM ĐÀN\n*\nSố 15-NQ/HU\nNam Đàn, ngày 20 tháng 4 năm 2023\nNGHỊ QUYẾT\n"
        "Căn cứ Nghị quyết số 02-NQ/TU ngày 15/12/2020 của Tỉnh ủy; Chương trình hành động số 09-CTr/TU ngày "
        "10/8/2023 của Ban Thường vụ Tỉnh ủy thực hiện Nghị quyết số 39-NQ/TW.\n"
        "Tiếp tục thực hiện Nghị quyết số 03-NQ/HU ngày 05/01/2021 của Ban Chấp hành Đảng bộ huyện.\n"
    )
    tu = (
        "TỈNH ỦY NGHỆ AN\n*\nSố 09-CTr/TU\nNghệ An, ngày 10 tháng 8 năm 2023\nCHƯƠNG TRÌNH HÀNH ĐỘNG\n"
        "thực hiện Nghị quyết số 39-NQ/TW ngày 18/7/2023 của Bộ Chính trị\n"
        "Quán triệt Nghị quyết số 39-NQ/TW; Kết luận số 14-KL/TW ngày 22/9/2021 của Bộ Chính trị.\n"
    )
    a, b = extract_text(Text(path="hu.txt", text=hu)), extract_text(Text(path="tu.txt", text=tu))
    s = a.docs["source"]
    assert (s.jurisdiction, s.parent_jurisdiction, s.level, s.issuer) == (
        "Nam Đàn",
        "Nghệ An",
        "district",
        "Huyện ủy Nam Đàn",
    )
    G = build_graph([a, b])
    docs = {d["symbol"]: n for n, d in G.nodes(data=True) if d.get("symbol")}
    assert docs["02-NQ/TU"] == "doc:02-NQ/TU@Nghệ An@2020-12-15"  # "của Tỉnh ủy" in a district document
    assert docs["03-NQ/HU"] == "doc:03-NQ/HU@Nam Đàn@2021-01-05"
    assert docs["09-CTr/TU"] == "doc:09-CTr/TU@Nghệ An@2023-08-10" and G.nodes[docs["09-CTr/TU"]]["source_file"]
    # "39-NQ/TW; Kết luận số 14-KL/TW ngày 22/9/2021": the date after ";" is not shared: one 39-NQ/TW
    assert [n for n, d in G.nodes(data=True) if d.get("symbol") == "39-NQ/TW"] == ["doc:39-NQ/TW@2023-07-18"]


def test_ministry_circular_with_an_amended_decree_and_a_replaced_circular():
    t = (
        "BỘ TÀI CHÍNH\nSố: 12/2026/TT-BTC\nHà Nội, ngày 02 tháng 02 năm 2026\nTHÔNG TƯ\n"
        "Căn cứ Nghị định số 15/2020/NĐ-CP ngày 03 tháng 02 năm 2020 của Chính phủ quy định xử phạt vi phạm hành "
        "chính đã được sửa đổi, bổ sung bởi Nghị định số 14/2022/NĐ-CP;\n"
        "Thông tư này thay thế Thông tư số 55/2010/TT-BTC ngày 20/4/2010 của Bộ Tài chính.\n"
    )
    x = extract_text(Text(path="tt.txt", text=t))
    s = x.docs["source"]
    assert (s.symbol, s.label, s.issuer, s.jurisdiction) == ("12/2026/TT-BTC", "Circular", "Bộ Tài chính", None)
    rels = {
        (x.docs[r.source].symbol, r.type, r.kind, x.docs[r.target].symbol)
        for r in x.relations
        if r.source in x.docs and r.target in x.docs
    }
    assert ("14/2022/NĐ-CP", "SUPERSEDES", "amends", "15/2020/NĐ-CP") in rels
    assert ("12/2026/TT-BTC", "SUPERSEDES", "replaces", "55/2010/TT-BTC") in rels
    assert ("12/2026/TT-BTC", "IMPLEMENTS", "based_on", "15/2020/NĐ-CP") in rels


def test_the_amending_law_of_a_replaced_law_is_cited_not_implemented():
    x, rels = _rels(
        "Luật này thay thế Luật xuất bản số 30/2004/QH11 đã được sửa đổi, bổ sung một số điều theo "
        "Luật số 12/2008/QH12."
    )
    assert ("source", "SUPERSEDES", "30/2004/qh11", "replaces") in rels
    assert ("source", "CITES", "12/2008/qh12", None) in rels
    assert ("12/2008/qh12", "SUPERSEDES", "30/2004/qh11", "amends") in rels


def test_words_inside_another_documents_name_are_not_verbs():
    x, rels = _rels(
        "Thỏa thuận đã được tiến hành theo trình tự quy định tại Pháp lệnh Ký kết và thực hiện thỏa thuận "
        "quốc tế số 33/2007/PL-UBTVQH11 và Quyết định số 36/2018/QĐ-TTg."
    )
    assert ("source", "CITES", "36/2018/qđ-ttg", None) in rels

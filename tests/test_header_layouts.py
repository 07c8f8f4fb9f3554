"""A document's own symbol, date, issuer and place come from its header whatever the layout: a .docx table
(one row or two, lines as paragraphs or line breaks), an HTML table, a markdown pipe table of a portal text
dump (a cell broken over lines, emphasis), columns of spaces or tabs. The fixtures are our own wording."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from policygraph.loaders.extract import extract_file
from policygraph.loaders.layout import header_lines

FORMATS = next(
    (
        p / "shared" / "corpus" / "formats"
        for p in Path(__file__).resolve().parents
        if (p / "shared" / "corpus" / "formats").is_dir()
    ),
    None,
)

BODY = (
    "KẾ HOẠCH\nThực hiện Nghị quyết số 57-NQ/TW ngày 22 tháng 12 năm 2024 của Bộ Chính trị\n"
    "Căn cứ Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển khoa học, "
    "công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia, Ủy ban nhân dân tỉnh ban hành Kế hoạch.\n"
)


def own(path: Path) -> tuple[str | None, str | None, str | None, str | None]:
    x = extract_file(str(path))
    s = x.docs[x.source]
    return s.symbol, s.date, s.issuer, s.jurisdiction


def symbols_of(path: Path) -> list[str | None]:
    x = extract_file(str(path))
    return sorted((d.symbol or "") for d in x.docs.values())


def header_docx(path: Path, left: list[str], right: list[str], rows: int, breaks: bool) -> Path:
    """A .docx whose header is a table of two columns: one row (each cell all its lines) or two (issuer |
    motto, then "Số:" | date); a cell's lines as paragraphs, or as one paragraph split by line breaks."""
    d = docx.Document()
    t = d.add_table(rows=rows, cols=2)
    cells = [left, right] if rows == 1 else [left[:-1], right[:-1], left[-1:], right[-1:]]
    for i, lines in enumerate(cells):
        cell = t.cell(i // 2, i % 2)
        if breaks:
            run = cell.paragraphs[0].add_run(lines[0])
            for ln in lines[1:]:
                run.add_break()
                run.add_text(ln)
        else:
            cell.paragraphs[0].text = lines[0]
            for ln in lines[1:]:
                cell.add_paragraph(ln)
    for ln in BODY.split("\n"):
        d.add_paragraph(ln)
    d.save(str(path))
    return path


CENTRAL = (
    ["CHÍNH PHỦ", "-------", "Số: 30/2020/NĐ-CP"],
    [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "---------------",
        "Hà Nội, ngày 05 tháng 3 năm 2020",
    ],
)
LOCAL = (
    ["ỦY BAN NHÂN DÂN", "TỈNH BẮC NINH", "-------", "Số: 215/KH-UBND"],
    [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "---------------",
        "Bắc Ninh, ngày 20 tháng 11 năm 2025",
    ],
)


@pytest.mark.parametrize("rows", [1, 2])
@pytest.mark.parametrize("breaks", [False, True])
def test_docx_header_table(tmp_path: Path, rows: int, breaks: bool) -> None:
    central = header_docx(tmp_path / "nd.docx", *CENTRAL, rows=rows, breaks=breaks)
    # the place of signing is not the jurisdiction of a central body
    assert own(central) == ("30/2020/NĐ-CP", "2020-03-05", "Chính phủ", None)
    # the own symbol is one node: no second, undated 30/2020/NĐ-CP beside an unnamed one
    assert symbols_of(central).count("30/2020/NĐ-CP") == 1
    local = header_docx(tmp_path / "kh.docx", *LOCAL, rows=rows, breaks=breaks)
    assert own(local) == ("215/KH-UBND", "2025-11-20", "Ủy ban nhân dân Bắc Ninh", "Bắc Ninh")


def test_html_header_tables(tmp_path: Path) -> None:
    page = (
        "<html><body><div class='menu'><a href='/'>Trang chủ</a></div>"
        "<table><tr><td><p><b>ỦY BAN NHÂN DÂN<br>TỈNH BẮC NINH</b></p><p>-------</p>"
        "<p>Số:\n  215/KH-UBND</p></td>"
        "<td><p><b>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</b><br>Độc lập - Tự do - Hạnh phúc</p>"
        "<p><i>Bắc Ninh,\n   ngày 20 tháng\n  11 năm 2025</i></p></td></tr></table>"
        + "".join(f"<p>{ln}</p>" for ln in BODY.split("\n"))
        + "</body></html>"
    )
    path = tmp_path / "kh.html"
    path.write_text(page, encoding="utf-8")
    assert own(path) == ("215/KH-UBND", "2025-11-20", "Ủy ban nhân dân Bắc Ninh", "Bắc Ninh")


# A portal text dump: the header is a markdown pipe table whose date cell is broken over two lines and
# set in italics; the issuer and the rule share a cell line.
DUMP = (
    """| **ỦY BAN NHÂN DÂN TỈNH BẮC NINH** ------- | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM** **Độc lập - Tự do - Hạnh phúc** --------------- |
| --- | --- |
| Số: 215/KH-UBND | *Bắc Ninh, ngày 20
tháng 11 năm 2025* |

"""
    + BODY
)


def test_markdown_pipe_dump(tmp_path: Path) -> None:
    path = tmp_path / "kh.md"
    path.write_text(DUMP, encoding="utf-8")
    # the own date is the header's, not the date of the resolution the plan carries out
    assert own(path) == ("215/KH-UBND", "2025-11-20", "Ủy ban nhân dân Bắc Ninh", "Bắc Ninh")


def test_one_row_dump_with_everything_in_two_cells(tmp_path: Path) -> None:
    path = tmp_path / "nd.txt"
    path.write_text(
        "| CHÍNH PHỦ -------- Số: 30/2020/NĐ-CP | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - "
        "Hạnh phúc ---------------- Hà Nội, ngày 05 tháng 3 năm 2020 |\n\n" + BODY,
        encoding="utf-8",
    )
    assert own(path) == ("30/2020/NĐ-CP", "2020-03-05", "Chính phủ", None)


@pytest.mark.parametrize("gap", ["          ", "\t\t", "\t"])
def test_columns_of_spaces_or_tabs(tmp_path: Path, gap: str) -> None:
    head = (
        f"ỦY BAN NHÂN DÂN{gap}CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        f"TỈNH BẮC NINH{gap}Độc lập - Tự do - Hạnh phúc\n"
        f"Số: 215/KH-UBND{gap}Bắc Ninh, ngày 20 tháng 11 năm 2025\n"
    )
    path = tmp_path / "kh.txt"
    path.write_text(head + BODY, encoding="utf-8")
    assert own(path) == ("215/KH-UBND", "2025-11-20", "Ủy ban nhân dân Bắc Ninh", "Bắc Ninh")


def test_metadata_rows_stay_rows() -> None:
    text = "| Số hiệu: | 262/2026/NĐ-CP | Loại văn bản: | Nghị định |\n| Ngày ban hành: | 01/10/2026 |\nNGHỊ ĐỊNH"
    assert header_lines(text) == text


def test_a_date_broken_over_lines_in_plain_text() -> None:
    assert "Hà Nội, ngày 05 tháng 3 năm 2020" in header_lines("Hà Nội, ngày 05\ntháng 3 năm 2020\nNGHỊ ĐỊNH")


@pytest.mark.skipif(FORMATS is None, reason="../shared/corpus/formats is not beside the checkout")
@pytest.mark.parametrize(
    "name, expected",
    [
        ("docx/CT07-2012-CT-TTg.docx", ("07/CT-TTg", "2012-03-02", "Thủ tướng Chính phủ", None)),
        ("docx/ND217-2025-ND-CP.docx", ("217/2025/NĐ-CP", "2025-08-05", "Chính phủ", None)),
        ("html/vbpl_toanvan_BLHS_100-2015-QH13.html", ("100/2015/QH13", "2015-11-27", "Quốc hội", None)),
    ],
)
def test_real_header_tables(name: str, expected: tuple[str, str, str, None]) -> None:
    assert FORMATS is not None
    assert own(FORMATS / name) == expected


def own_full(text: str) -> tuple[str | None, ...]:
    from policygraph.loaders.extract import extract_text
    from policygraph.loaders.models import Text

    x = extract_text(Text(path="a.txt", text=text + BODY))
    s = x.docs[x.source]
    return s.symbol, s.issuer, s.jurisdiction, s.parent_jurisdiction, s.level, s.branch


@pytest.mark.parametrize(
    "head, expected",
    [
        # a commune's committee: the commune as written, its province from the place of signing
        (
            "ỦY BAN NHÂN DÂN\nXÃ TÂN PHÚ\nSố: 9/KH-UBND\nĐồng Nai, ngày 10 tháng 8 năm 2025\n",
            ("9/KH-UBND", "Ủy ban nhân dân xã Tân Phú", "Tân Phú", "Đồng Nai", "commune", "state"),
        ),
        # a province's department, under the committee's line or with the province under it
        (
            "UBND TỈNH ĐIỆN BIÊN\nSỞ NỘI VỤ\nSố: 9/KH-SNV\nĐiện Biên, ngày 10 tháng 8 năm 2025\n",
            ("9/KH-SNV", "Sở Nội vụ Điện Biên", "Điện Biên", None, "province", "state"),
        ),
        (
            "SỞ KHOA HỌC VÀ CÔNG NGHỆ\nTỈNH BẮC NINH\nSố: 9/KH-SKHCN\nBắc Ninh, ngày 10 tháng 8 năm 2025\n",
            ("9/KH-SKHCN", "Sở Khoa học và Công nghệ Bắc Ninh", "Bắc Ninh", None, "province", "state"),
        ),
        # the Fatherland Front
        (
            "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM\nTỈNH QUẢNG NINH\nSố: 99/KH-MTTQ-BTT\nQuảng Ninh, ngày 10 tháng 01 năm 2025\n",
            ("99/KH-MTTQ-BTT", "Ủy ban Mặt trận Tổ quốc Việt Nam Quảng Ninh", "Quảng Ninh", None, "province", "front"),
        ),
    ],
)
def test_local_issuers_of_every_kind(head: str, expected: tuple[str | None, ...]) -> None:
    assert own_full(head) == expected


def test_sở_is_a_department_only_when_it_names_one() -> None:
    from policygraph.loaders.bodies import classify

    assert classify("sở hữu trí tuệ") is None and classify("Sở Tài chính") is not None


def test_a_header_flattened_into_one_line_and_a_decision_that_amends_another(tmp_path: Path) -> None:
    # the amended decision's symbol in the title is not the document's own
    path = tmp_path / "qd.txt"
    path.write_text(
        "THỦ TƯỚNG CHÍNH PHỦ ******** Số: 115/2004/QĐ-TTg CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - "
        "Tự do - Hạnh phúc ******** Hà Nội, ngày 24 tháng 6 năm 2004\n\nQUYẾT ĐỊNH CỦA THỦ TƯỚNG CHÍNH PHỦ "
        "SỐ 193/2001/QĐ-TTG NGÀY 20 THÁNG 12 NĂM 2001 VỀ VIỆC BAN HÀNH QUY CHẾ\nĐiều 1. Sửa đổi Quyết "
        "định số 193/2001/QĐ-TTg ngày 20 tháng 12 năm 2001 của Thủ tướng Chính phủ.\n",
        encoding="utf-8",
    )
    assert own(path) == ("115/2004/QĐ-TTg", "2004-06-24", "Thủ tướng Chính phủ", None)


def test_a_ministry_department_under_its_ministry_and_a_date_that_cannot_be_read() -> None:
    # an OCR'd letter: the department's line under the ministry's (the motto between them in the text), the
    # handwritten day unreadable: no date rather than the date of a document the opening cites
    text = (
        "BỘ CÔNG THƯƠNG CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nCỤC HÓA CHẤT Độc lập - Tự do - Hạnh phúc\n"
        "Số: Éđã /HC-CNHC Hà Nội, ngày °ÔÖ tháng 4 năm 2026\nV/v trao đổi về một số quy định\n\n"
        "Ngày 25 tháng 3 năm 2026, Bộ Công Thương ban hành Thông tư số 15/2026/TT-BCT.\n"
    )
    from policygraph.loaders.extract import extract_text
    from policygraph.loaders.models import Text

    x = extract_text(Text(path="cv.txt", text=text))
    s = x.docs[x.source]
    assert (s.issuer, s.date, s.level) == ("Cục Hóa chất", None, "central")


def test_a_consolidated_text_in_a_gazette_is_its_own_document() -> None:
    # the gazette's running head is no date; the consolidated text's own "Số:" wins over the laws it consolidates
    from policygraph.loaders.extract import extract_text
    from policygraph.loaders.models import Text

    text = (
        "CÔNG BÁO/Số 1093 + 1094/Ngày 21-11-2020\nVĂN PHÒNG QUỐC HỘI\nSố: 23/VBHN-VPQH\n"
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHà Nội, ngày 10 tháng 12 năm 2018\n"
        "LUẬT\nXÂY DỰNG\nLuật Xây dựng số 50/2014/QH13 ngày 18 tháng 6 năm 2014 của Quốc hội, được sửa đổi, "
        "bổ sung bởi:\n1. Luật số 03/2016/QH14 ngày 22 tháng 11 năm 2016 của Quốc hội.\n"
    )
    x = extract_text(Text(path="vbhn.txt", text=text))
    s = x.docs[x.source]
    assert (s.symbol, s.date, s.issuer) == ("23/VBHN-VPQH", "2018-12-10", "Văn phòng Quốc hội")
    assert {d.symbol for d in x.docs.values()} >= {"50/2014/QH13", "03/2016/QH14"}

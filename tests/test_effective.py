"""Effective dates: the loaded document's own, a cited document's, and a change's."""

from __future__ import annotations

import pytest

from policygraph.loaders.extract import extract_text
from policygraph.loaders.models import Text

HEADER = "ỦY BAN NHÂN DÂN TỈNH BẮC NINH\nSố: 07/2025/QĐ-UBND\nBắc Ninh, ngày 14 tháng 02 năm 2025\nQUYẾT ĐỊNH\n"


@pytest.mark.parametrize(
    ("clause", "effective"),
    [
        ("Quyết định này có hiệu lực thi hành kể từ ngày 01 tháng 3 năm 2025.", "2025-03-01"),
        ("Quyết định này có hiệu lực kể từ ngày ký.", "2025-02-14"),
        ("Quyết định này có hiệu lực thi hành kể từ ngày ký ban hành./.", "2025-02-14"),
        ("Quyết định này có hiệu lực sau 10 ngày, kể từ ngày ký.", "2025-02-24"),
        ("Quyết định này có hiệu lực từ ngày 1/4/2025 và thay thế Quyết định số 3/2020/QĐ-UBND.", "2025-04-01"),
        # transitional wording is not the document's effective date
        ("Hồ sơ nộp trước ngày Quyết định này có hiệu lực thi hành thì tiếp tục giải quyết.", None),
        ("Kể từ ngày Quyết định này có hiệu lực, các sở thực hiện.", None),
    ],
)
def test_the_documents_own_effective_date(clause: str, effective: str | None) -> None:
    x = extract_text(Text(path="q.txt", text=HEADER + "Điều 5. Hiệu lực thi hành\n" + clause + "\n"))
    assert x.docs["source"].effective == effective


def test_a_law_in_force_from_a_budget_year() -> None:
    x = extract_text(
        Text(
            path="l.txt",
            text="QUỐC HỘI\nLuật số: 83/2015/QH13\nLUẬT\nNGÂN SÁCH NHÀ NƯỚC\n"
            "Luật này có hiệu lực thi hành từ năm ngân sách 2017.\n",
        )
    )
    assert x.docs["source"].effective == "2017-01-01"


def test_a_cited_documents_effective_date_and_a_changes() -> None:
    x = extract_text(
        Text(
            path="q.txt",
            text=HEADER
            + (
                "Luật Đất đai số 31/2024/QH15 có hiệu lực thi hành từ ngày 01/8/2024.\n"
                "Quyết định này có hiệu lực thi hành kể từ ngày 01 tháng 3 năm 2025.\n"
                "Quyết định số 12/2020/QĐ-UBND hết hiệu lực kể từ ngày Quyết định này có hiệu lực thi hành.\n"
                "Quyết định số 13/2021/QĐ-UBND hết hiệu lực thi hành từ ngày 30 tháng 6 năm 2025.\n"
                "Thay thế Quyết định số 14/2022/QĐ-UBND.\n"
            ),
        )
    )
    by_symbol = {d.symbol: d for d in x.docs.values()}
    assert by_symbol["31/2024/QH15"].effective == "2024-08-01"
    when = {x.docs[r.target].symbol: r.effective for r in x.relations if r.type == "SUPERSEDES"}
    assert when == {"12/2020/QĐ-UBND": "2025-03-01", "13/2021/QĐ-UBND": "2025-06-30", "14/2022/QĐ-UBND": "2025-03-01"}

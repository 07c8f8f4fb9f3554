"""Titles: every loaded document's title from its header, in sentence case with proper names kept; titles of
cited documents end where the title ends."""

from __future__ import annotations

import pytest

from policygraph.graph.build import build_graph
from policygraph.loaders.extract import extract_text
from policygraph.loaders.find import find_mentions
from policygraph.loaders.models import Text

_STATE = "QUỐC HỘI\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"


def _title(text: str) -> str | None:
    return extract_text(Text(path="d.txt", text=text)).docs["source"].title


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            _STATE + "Luật số: 31/2024/QH15\nHà Nội, ngày 18 tháng 01 năm 2024\n\nLUẬT\nĐẤT ĐAI\n"
            "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\nQuốc hội ban hành Luật Đất đai.\n",
            "Luật Đất đai",
        ),
        # the enacting clause writes the name in lower case: a law's name still starts with a capital
        (
            _STATE + "Bộ luật số: 91/2015/QH13\nHà Nội, ngày 24 tháng 11 năm 2015\nBỘ LUẬT\nDÂN SỰ\n"
            "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\nQuốc hội ban hành Bộ luật dân sự.\n",
            "Bộ luật Dân sự",
        ),
        # no running text to copy: the proper names of the lexicon and the gazetteer
        (
            _STATE + "Luật số: 64/2025/QH15\nLUẬT\nTỔ CHỨC CHÍNH QUYỀN ĐỊA PHƯƠNG Ở THÀNH PHỐ HẢI PHÒNG\n"
            "Căn cứ Hiến pháp;\n",
            "Luật Tổ chức chính quyền địa phương ở thành phố Hải Phòng",
        ),
        # a law of the 1990s names itself after its issuer, number and date
        (
            "QUỐC HỘI\nLUẬT\nCỦA QUỐC HỘI NƯỚC CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM SỐ 35/1998/QH10 NGÀY 12 THÁNG 11 "
            "NĂM 1998 VỀ KHUYẾN KHÍCH ĐẦU TƯ TRONG NƯỚC\nĐể huy động và sử dụng có hiệu quả nguồn vốn;\n",
            "Luật Khuyến khích đầu tư trong nước",
        ),
        (
            "ỦY BAN THƯỜNG VỤ QUỐC HỘI\nPháp lệnh số: 02/2012/UBTVQH13\nPHÁP LỆNH\nCHI PHÍ GIÁM ĐỊNH, ĐỊNH GIÁ\n"
            "Căn cứ Hiến pháp;\n",
            "Pháp lệnh Chi phí giám định, định giá",
        ),
        # Party documents: the issuer line under the type word is not the title
        (
            "ĐẢNG BỘ TỈNH BẮC NINH\nHUYỆN ỦY GIA BÌNH\n*\nSố 12-NQ/HU\nGia Bình, ngày 5 tháng 1 năm 2024\n\n"
            "NGHỊ QUYẾT\nCỦA BAN CHẤP HÀNH ĐẢNG BỘ HUYỆN\n\n**về phát triển nông nghiệp công nghệ cao\n"
            "giai đoạn 2024 - 2030**\n\nNăm 2023, huyện đã hoàn thành các chỉ tiêu.\n",
            "Nghị quyết về phát triển nông nghiệp công nghệ cao giai đoạn 2024 - 2030",
        ),
        (
            "TỈNH ỦY QUẢNG TRỊ\n*\nSố 88-TB/TU\nQuảng Trị, ngày 9 tháng 5 năm 2024\nTHÔNG BÁO KẾT LUẬN\n"
            "HỘI NGHỊ BAN THƯỜNG VỤ TỈNH ỦY LẦN THỨ 40, KHÓA XVII\n-----\nNgày 6/5/2024, Ban Thường vụ họp.\n",
            "Thông báo kết luận Hội nghị Ban Thường vụ Tỉnh ủy lần thứ 40, khóa XVII",
        ),
        (
            "HUYỆN ỦY TIÊN DU\n*\nSố 45-KH/HU\nTiên Du, ngày 3 tháng 4 năm 2025\nKẾ HOẠCH\n"
            "triển khai thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị\n-----\n"
            "Thực hiện Kế hoạch số 120-KH/TU của Ban Thường vụ Tỉnh ủy, Ban Thường vụ Huyện ủy ban hành kế hoạch.\n",
            "Kế hoạch triển khai thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị",
        ),
        # a press release's headline (its date in brackets left out)
        (
            " THÔNG CÁO BÁO CHÍ\nKẾT QUẢ KỲ HỌP THỨ 15 HỘI ĐỒNG NHÂN DÂN TỈNH QUẢNG NINH KHÓA XIV\n(ngày 10 tháng 7 "
            "năm 2023)\n-----\nSáng nay, Hội đồng nhân dân tỉnh khai mạc kỳ họp.\n",
            "Kết quả kỳ họp thứ 15 Hội đồng nhân dân tỉnh Quảng Ninh khóa XIV",
        ),
        # a letter's subject line, its quote open over two lines
        (
            "TỈNH ỦY NGHỆ AN\nBAN TUYÊN GIÁO\n*\nSố 210-CV/BTGTU\nNghệ An, ngày 2 tháng 3 năm 2024\n"
            'V/v tuyên truyền kỷ niệm "94 năm Ngày thành lập\nĐảng Cộng sản Việt Nam"\n\nKính gửi: các huyện ủy.\n',
            'Về tuyên truyền kỷ niệm "94 năm Ngày thành lập Đảng Cộng sản Việt Nam"',
        ),
    ],
)
def test_the_title_of_a_loaded_document(text, title):
    assert _title(text) == title


def test_a_text_without_a_header_has_no_title():
    assert _title("Sáng nay, Hội đồng nhân dân tỉnh khai mạc kỳ họp thứ 15 theo Luật số 72/2020/QH14.") is None


def test_the_title_reaches_the_graph_node():
    t = (
        "TỈNH ỦY QUẢNG TRỊ\n*\nSố 88-TB/TU\nQuảng Trị, ngày 9 tháng 5 năm 2024\nTHÔNG BÁO KẾT LUẬN\n"
        "HỘI NGHỊ BAN THƯỜNG VỤ TỈNH ỦY LẦN THỨ 40\n\nNgày 6/5/2024, Ban Thường vụ họp.\n"
    )
    G = build_graph([extract_text(Text(path="tb.txt", text=t))])
    (node,) = [d for _, d in G.nodes(data=True) if d.get("source_file") == "tb.txt"]
    assert node["title"] == "Thông báo kết luận Hội nghị Ban Thường vụ Tỉnh ủy lần thứ 40"


@pytest.mark.parametrize(
    ("text", "symbol", "title"),
    [
        # a title that carries out another document goes through it, with that document's attributes
        (
            "Quán triệt Kết luận số 03-KL/TW của Bộ Chính trị về tiếp tục thực hiện Nghị quyết số 19-NQ/TW ngày "
            "16/6/2022 của Ban Chấp hành Trung ương gắn với các nhiệm vụ của tỉnh.",
            "03-KL/TW",
            "về tiếp tục thực hiện Nghị quyết số 19-NQ/TW ngày 16/6/2022 của Ban Chấp hành Trung ương",
        ),
        # the sentence goes on with another document: the title stops before the joining word
        (
            "theo Chỉ thị số 12-CT/TU của Ban Thường vụ Tỉnh ủy về phòng, chống thiên tai và Nghị quyết số "
            "05-NQ/TU của Tỉnh ủy.",
            "12-CT/TU",
            "về phòng, chống thiên tai",
        ),
        (
            "Kế hoạch số 30-KH/TU về học tập và làm theo tấm gương đạo đức Hồ Chí Minh gắn với thực hiện Quy định "
            "số 08-QĐi/TW.",
            "30-KH/TU",
            "về học tập và làm theo tấm gương đạo đức Hồ Chí Minh",
        ),
        # a quoted title holds its own semicolons
        (
            "thực hiện Đề án số 02-ĐA/TU về “Phát triển du lịch; xây dựng thương hiệu tỉnh” đạt kết quả.",
            "02-ĐA/TU",
            'về "Phát triển du lịch; xây dựng thương hiệu tỉnh"',
        ),
        # a proposal (phương án, code PA) is a document type: the title stops before the next one
        (
            "Thực hiện Phương án số 315/PA-UBND ngày 20/3/2025 của Ủy ban nhân dân tỉnh về sắp xếp đơn vị hành "
            "chính và Phương án 07 của Tỉnh ủy.",
            "315/PA-UBND",
            "về sắp xếp đơn vị hành chính",
        ),
        # where the sentence's own verb starts, the title has ended
        (
            "Nghị quyết số 81/2023/QH15 của Quốc hội về quy hoạch tổng thể quốc gia đã xác định các vùng động lực.",
            "81/2023/QH15",
            "về quy hoạch tổng thể quốc gia",
        ),
    ],
)
def test_the_title_of_a_cited_document_ends_with_its_phrase(text, symbol, title):
    (m,) = [m for m in find_mentions(text) if m.symbol == symbol]
    assert m.title == title


def test_a_proposal_is_a_document_type_by_its_word_and_its_code():
    text = "Thực hiện Phương án số 315/PA-UBND của Ủy ban nhân dân tỉnh và Phương án 07 của Tỉnh ủy."
    labels = {(m.symbol, m.number, m.label) for m in find_mentions(text)}
    assert ("315/PA-UBND", "315", "Proposal") in labels
    assert (None, "7", "Proposal") in labels  # "Phương án 07": the number without its leading zero

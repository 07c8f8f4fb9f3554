"""Projects that are projects: names as official style writes them, and the requests, bodies, addresses and
measures that only look like a bridge or a road."""

from __future__ import annotations

from pathlib import Path

import pytest

from policygraph.loaders.projects import find_projects


def _names(text: str) -> list[str]:
    return [p.name for p in find_projects(text)]


@pytest.mark.parametrize(
    "text",
    [
        "Đương sự có quyền yêu cầu Tòa án nhân dân cấp tỉnh xem xét lại bản án.",
        "c) Yêu cầu Ủy ban nhân dân cấp xã xác nhận nơi cư trú;",
        "2. Yêu cầu Thủ trưởng cơ quan điều tra cung cấp tài liệu.",
        "d) Yêu cầu Ban kiểm soát kiểm tra hoạt động của công ty;",
        "Yêu cầu Bộ Tài chính hướng dẫn thực hiện.",
        "đáp ứng nhu cầu Phát triển nguồn nhân lực và hội nhập toàn cầu Kinh tế số",
        "người lao động có quyền yêu cầu Công đoàn cơ sở bảo vệ quyền lợi",
        "Trụ sở chính đặt tại đường Lê Duẩn, quận 1; chi nhánh ở đường Trần Phú.",
        "tuyến đường sắt tốc độ cao có khổ đường 1.435 mm, đường đôi, điện khí hóa",
        "các doanh nghiệp trong khu kinh tế tại tỉnh được hưởng ưu đãi",
        "a) Dự án có cấu phần xây dựng là dự án đầu tư xây dựng mới;",
        "Ủy ban thẩm tra Dự án Luật Đất đai (sửa đổi) và Dự án Cải tạo, nâng cấp trụ sở.",
    ],
)
def test_what_only_looks_like_a_project(text):
    assert _names(text) == []


@pytest.mark.parametrize(
    ("text", "names"),
    [
        (
            "hoàn thành Nhà ga hành khách Cảng Hàng không Quốc tế Long Thành trong năm 2026",
            ["Nhà ga hành khách Cảng Hàng không Quốc tế Long Thành"],
        ),
        (
            "nạo vét kênh Nhiêu Lộc - Thị Nghè - rạch Bùng Binh và rạch Văn Thánh",
            ["kênh Nhiêu Lộc - Thị Nghè - rạch Bùng Binh", "rạch Văn Thánh"],
        ),
        (
            "khởi công cao tốc Thành phố Hồ Chí Minh - Trung Lương - Mỹ Thuận, cầu Rồng và cầu Trần Thị Lý",
            ["cao tốc Thành phố Hồ Chí Minh - Trung Lương - Mỹ Thuận", "cầu Rồng", "cầu Trần Thị Lý"],
        ),
        (
            "đầu tư nâng cấp đường Quốc lộ 14 đi Buôn Ma Thuột, đường Lê Duẩn",
            ["đường Quốc lộ 14 đi Buôn Ma Thuột", "đường Lê Duẩn"],
        ),
        (
            "hoàn thiện hồ sơ thành lập Khu kinh tế tại Khu vực phía Bắc tỉnh (bám theo tuyến ven biển)",
            ["Khu kinh tế tại Khu vực phía Bắc"],
        ),
        (
            "đẩy nhanh Dự án Trung tâm Hành chính tập trung tỉnh và Dự án nâng cấp đê biển Tây - Giai đoạn 3 để",
            ["Trung tâm Hành chính tập trung tỉnh", "nâng cấp đê biển Tây - Giai đoạn 3"],
        ),
    ],
)
def test_names_as_official_style_writes_them(text, names):
    assert _names(text) == names


def test_a_road_written_twice_is_one_project_with_its_other_writing():
    (p,) = find_projects(
        "Xây dựng đường nối đường Nguyễn Văn Linh - đường Phạm Hùng; hoàn thành đường nối "
        "Nguyễn Văn Linh - Phạm Hùng trong quý II."
    )
    assert p.name == "đường nối Nguyễn Văn Linh - Phạm Hùng"
    assert p.aliases == ["đường nối đường Nguyễn Văn Linh - đường Phạm Hùng"]


def test_a_numbered_line_is_named_as_first_written():
    (m,) = find_projects("khởi công tuyến đường sắt đô thị số 5 trong năm nay; đưa Metro số 5 vào khai thác")
    assert (m.key, m.name, m.aliases) == (
        "metro:5",
        "đường sắt đô thị số 5",
        ["tuyến đường sắt đô thị số 5", "Metro số 5"],
    )


def test_the_sample_laws_name_no_projects():
    laws = sorted(Path(__file__).parent.joinpath("data", "laws").glob("*.txt"))
    assert laws
    for f in laws:
        assert [p.name for p in find_projects(f.read_text(encoding="utf-8")) if p.name.startswith("cầu")] == [], f

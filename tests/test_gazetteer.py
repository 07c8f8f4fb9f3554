"""The gazetteer: data, aliases and spellings, and the rules of find_places on real sentences.

Sentences come from the sample corpus (examples/corpus) and the Vietnamese laws corpus.
"""

from __future__ import annotations

import copy
import doctest
import unicodedata
from collections import Counter
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policygraph.loaders import gazetteer as g
from policygraph.loaders import provinces
from policygraph.loaders.gazetteer import HCM, canonical, find_places, jurisdiction_votes, level, parent
from policygraph.loaders.package_data import read_json


def found(text: str) -> list[tuple[str, str, str]]:
    """(name, prefix, quoted text) of each place found."""
    return [(m.name, m.prefix, text[m.start : m.end]) for m in find_places(text)]


def names(text: str) -> list[str]:
    return [m.name for m in find_places(text)]


def test_doctests() -> None:
    assert doctest.testmod(g).failed == 0


# ---------------------------------------------------------------------------------------------- data


def test_the_63_provinces_and_the_34_units_of_2025() -> None:
    provinces = list(g.places("province"))
    assert len(provinces) == 63
    assert len({p.name for p in provinces}) == 63
    after = {p.after_2025 for p in provinces}
    assert len(after) == 34
    assert after <= {p.name for p in provinces}  # every 2025 unit keeps the name of one of its parts
    assert sum(1 for p in provinces if p.kind == "city") == 6  # 5 + Huế (since 1 January 2025)
    for unit in after:  # a 2025 unit belongs to itself
        assert g.successor_2025(unit) == unit


@pytest.mark.parametrize(
    ("unit", "parts"),
    [
        (HCM, {HCM, "Bình Dương", "Bà Rịa - Vũng Tàu"}),
        ("Đồng Nai", {"Đồng Nai", "Bình Phước"}),
        ("Phú Thọ", {"Phú Thọ", "Vĩnh Phúc", "Hòa Bình"}),
        ("Ninh Bình", {"Ninh Bình", "Hà Nam", "Nam Định"}),
        ("Lâm Đồng", {"Lâm Đồng", "Đắk Nông", "Bình Thuận"}),
        ("Cần Thơ", {"Cần Thơ", "Sóc Trăng", "Hậu Giang"}),
        ("Vĩnh Long", {"Vĩnh Long", "Bến Tre", "Trà Vinh"}),
        ("Hải Phòng", {"Hải Phòng", "Hải Dương"}),
        ("Đà Nẵng", {"Đà Nẵng", "Quảng Nam"}),
        ("Quảng Ngãi", {"Quảng Ngãi", "Kon Tum"}),
        ("Gia Lai", {"Gia Lai", "Bình Định"}),
        ("Đắk Lắk", {"Đắk Lắk", "Phú Yên"}),
        ("Khánh Hòa", {"Khánh Hòa", "Ninh Thuận"}),
        ("An Giang", {"An Giang", "Kiên Giang"}),
        ("Tây Ninh", {"Tây Ninh", "Long An"}),
        ("Tuyên Quang", {"Tuyên Quang", "Hà Giang"}),
        ("Lào Cai", {"Lào Cai", "Yên Bái"}),
        ("Thái Nguyên", {"Thái Nguyên", "Bắc Kạn"}),
        ("Bắc Ninh", {"Bắc Ninh", "Bắc Giang"}),
        ("Hưng Yên", {"Hưng Yên", "Thái Bình"}),
        ("Quảng Trị", {"Quảng Trị", "Quảng Bình"}),
        ("Đồng Tháp", {"Đồng Tháp", "Tiền Giang"}),
        ("Cà Mau", {"Cà Mau", "Bạc Liêu"}),
        ("Hà Nội", {"Hà Nội"}),
        ("Huế", {"Huế"}),
        ("Cao Bằng", {"Cao Bằng"}),
    ],
)
def test_2025_mergers(unit: str, parts: set[str]) -> None:
    assert set(g.merged_from_2025(unit)) == parts
    assert g.merged_from_2025(unit)[0] == unit
    for p in parts:
        assert g.successor_2025(p) == unit


def test_bin_duong_is_kept_with_its_2025_unit_noted() -> None:
    p = g.info("Bình Dương")
    assert p is not None and (p.name, p.level, p.after_2025) == ("Bình Dương", "province", HCM)
    assert g.merged_from_2025("Bình Dương") == []  # not a 2025 unit
    assert g.successor_2025("Thủ Dầu Một") == HCM  # a city goes with its province


def test_district_cities() -> None:
    districts = list(g.places("district"))
    assert len(districts) >= 60
    for d in districts:
        assert level(d.parent) == "province", d  # type: ignore[arg-type]
        assert parent(d.name) == d.parent
        assert canonical(d.name) == d.name


@pytest.mark.parametrize(
    ("city", "province"),
    [
        ("Long Khánh", "Đồng Nai"),
        ("Biên Hòa", "Đồng Nai"),
        ("Thủ Đức", HCM),
        ("Thủ Dầu Một", "Bình Dương"),
        ("Nha Trang", "Khánh Hòa"),
        ("Vũng Tàu", "Bà Rịa - Vũng Tàu"),
        ("Đà Lạt", "Lâm Đồng"),
        ("Hạ Long", "Quảng Ninh"),
        ("Buôn Ma Thuột", "Đắk Lắk"),
        ("Vinh", "Nghệ An"),
        ("Pleiku", "Gia Lai"),
        ("Quy Nhơn", "Bình Định"),
        ("Phan Rang - Tháp Chàm", "Ninh Thuận"),
        ("Rạch Giá", "Kiên Giang"),
        ("Việt Trì", "Phú Thọ"),
        ("Điện Biên Phủ", "Điện Biên"),
    ],
)
def test_city_parent(city: str, province: str) -> None:
    assert (canonical(city), parent(city), level(city)) == (city, province, "district")
    assert (parent(province), level(province)) == (None, "province")


def test_canonical_is_idempotent() -> None:
    for p in g.places():
        assert canonical(p.name) == p.name
        for a in p.aliases:
            assert canonical(a) == p.name, a


# ---------------------------------------------------------------------------------------------- aliases


@pytest.mark.parametrize(
    "written",
    [
        "TP.HCM",
        "TP. HCM",
        "TPHCM",
        "TP HCM",
        "TP. Hồ Chí Minh",
        "Tp Hồ Chí Minh",
        "Tp. Hồ Chí Minh",
        "Thành phố HCM",
        "Thành phố Hồ Chí Minh",
        "thành phố Hồ Chí Minh",
        "THÀNH PHỐ HỒ CHÍ MINH",
        "Hồ Chí Minh",
    ],
)
def test_hcm_aliases(written: str) -> None:
    assert canonical(written) == HCM
    assert level(written) == "province"


@pytest.mark.parametrize(
    ("variants", "name"),
    [
        (
            ("Thừa Thiên Huế", "Thừa Thiên - Huế", "Thừa Thiên-Huế", "Thừa Thiên – Huế", "Huế", "tỉnh Thừa Thiên Huế"),
            "Huế",
        ),
        (("Khánh Hòa", "Khánh Hoà", "KHÁNH HÒA", "KHÁNH HOÀ"), "Khánh Hòa"),
        (("Thanh Hóa", "Thanh Hoá", "THANH HOÁ"), "Thanh Hóa"),
        (("Hòa Bình", "Hoà Bình", "tỉnh Hoà Bình"), "Hòa Bình"),
        (("Biên Hòa", "Biên Hoà", "thành phố Biên Hoà"), "Biên Hòa"),
        (("Tuy Hòa", "Tuy Hoà"), "Tuy Hòa"),
        (("Bà Rịa - Vũng Tàu", "Bà Rịa-Vũng Tàu", "Bà Rịa – Vũng Tàu", "BÀ RỊA - VŨNG TÀU"), "Bà Rịa - Vũng Tàu"),
        (("Đắk Lắk", "Đắc Lắc", "Đăk Lăk"), "Đắk Lắk"),
        (("Bắc Kạn", "Bắc Cạn"), "Bắc Kạn"),
        (("Hà Nội", "thành phố Hà Nội", "TP. Hà Nội", "Thủ đô Hà Nội"), "Hà Nội"),
        (("Đồng Nai", "tỉnh Đồng Nai", "Tỉnh Đồng Nai"), "Đồng Nai"),
    ],
)
def test_spellings(variants: tuple[str, ...], name: str) -> None:
    for v in variants:
        assert canonical(v) == name, v
        assert canonical(unicodedata.normalize("NFD", v)) == name, v


def test_no_guessing() -> None:
    # Sài Gòn and HN are not taken as names: too loose
    assert canonical("Sài Gòn") is None and canonical("HN") is None and canonical("Paris") is None
    assert level("Paris") is None and parent("Paris") is None and g.successor_2025("Paris") is None
    assert canonical("") is None


def test_shared_names_expose_both_levels() -> None:
    # "Bắc Ninh" is a province and its capital city
    assert (canonical("Bắc Ninh"), level("Bắc Ninh")) == ("Bắc Ninh", "province")
    assert canonical("thành phố Bắc Ninh") == "Thành phố Bắc Ninh"
    assert (level("Thành phố Bắc Ninh"), parent("Thành phố Bắc Ninh")) == ("district", "Bắc Ninh")
    for name in ("Thái Bình", "Hà Tĩnh", "Vĩnh Long", "Cao Bằng"):
        assert level(name) == "province" and level(f"thành phố {name}") == "district"
        assert parent(f"TP. {name}") == name
    m = find_places("Ban Thường vụ Thành ủy Bắc Ninh")[0]
    assert (m.name, m.level, m.prefix, m.alt) == ("Bắc Ninh", "province", "Thành ủy", "Thành phố Bắc Ninh")
    m = find_places("Tỉnh ủy Bắc Ninh")[0]
    assert (m.name, m.alt) == ("Bắc Ninh", None)
    # a city that is not named like its province needs no decision
    m = find_places("Ủy ban nhân dân thành phố Long Khánh")[0]
    assert (m.name, m.level, m.alt) == ("Long Khánh", "district", None)


# ---------------------------------------------------------------------------------------------- find_places


def test_seed_header_hcm() -> None:
    text = (
        "THÀNH ỦY THÀNH PHỐ HỒ CHÍ MINH\nBAN TUYÊN GIÁO\n\nĐẢNG CÔNG SẢN VIỆT NAM\n\n"
        "TP. Hồ Chí Minh, ngày 11 tháng 10 năm 2023\n"
    )
    assert found(text) == [(HCM, "THÀNH PHỐ", "HỒ CHÍ MINH"), (HCM, "TP.", "Hồ Chí Minh")]
    m = find_places(text)[0]
    assert text[m.pstart : m.end] == "THÀNH PHỐ HỒ CHÍ MINH"


@pytest.mark.parametrize(
    "text",
    [
        "đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh gắn với thực hiện Nghị quyết",
        "nhất là học tập tư tưởng, đạo đức, phong cách Hồ Chí Minh gắn với xây dựng Không gian văn hóa Hồ Chí Minh",
        "chủ nghĩa Mác - Lê nin, tư tưởng Hồ Chí Minh, đường lối, quan điểm, chủ trương của Đảng",
        "Mặt trận Tổ quốc Việt Nam do Đảng Cộng sản Việt Nam và Chủ tịch Hồ Chí Minh sáng lập, lãnh đạo",
        "bí thư Đoàn Thanh niên Cộng sản Hồ Chí Minh cấp xã đảm nhiệm;",
        "Lăng Chủ tịch Hồ Chí Minh; Bảo tàng Hồ Chí Minh; Khu di tích Phủ Chủ tịch",
        "HỌC TẬP VÀ LÀM THEO TƯ TƯỞNG, ĐẠO ĐỨC, PHONG CÁCH HỒ CHÍ MINH",
        "Văn phòng Đảng ủy ĐHQG-HCM (nhận qua mạng)",
    ],
)
def test_ho_chi_minh_the_person_is_not_a_place(text: str) -> None:
    assert names(text) == []


def test_hcm_city_forms() -> None:
    text = (
        "Thực hiện Nghị quyết cơ chế đặc thù phát triển TPHCM; KẾT QUẢ HỘI NGHỊ BAN CHẤP HÀNH ĐẢNG BỘ "
        "TP.HCM; Giám đốc Công an Thành phố Hồ Chí Minh; Ủy ban nhân dân thành phố Hồ Chí Minh"
    )
    assert found(text) == [
        (HCM, "TP", "HCM"),
        (HCM, "TP.", "HCM"),
        (HCM, "Thành phố", "Hồ Chí Minh"),
        (HCM, "thành phố", "Hồ Chí Minh"),
    ]
    assert names("BAN THƯỜNG VỤ THÀNH ỦY HỒ CHÍ MINH") == [HCM]


def test_seed_sentences() -> None:
    text = (
        " - Thành ủy Thủ Đức, các quận ủy, huyện ủy, đảng ủy cấp trên cơ sở trực thuộc Thành ủy,\n"
        "hoàn thành phê duyệt Đồ án quy hoạch chung thành phố Thủ Đức thuộc Thành phố Hồ Chí Minh đến năm 2040"
    )
    assert found(text) == [
        ("Thủ Đức", "Thành ủy", "Thủ Đức"),
        ("Thủ Đức", "thành phố", "Thủ Đức"),
        (HCM, "Thành phố", "Hồ Chí Minh"),
    ]
    text = (
        "dự báo thành phố Long Khánh thời gian tới có những thuận lợi, khó khăn; 02 khu dân cư kiểu mẫu theo "
        "Bộ tiêu chí của tỉnh Đồng Nai."
    )
    assert found(text) == [("Long Khánh", "thành phố", "Long Khánh"), ("Đồng Nai", "tỉnh", "Đồng Nai")]
    assert parent(find_places(text)[0].name) == "Đồng Nai"


def test_law_sentences() -> None:
    text = (
        "giao cho Tòa án nhân dân thành phố Hà Nội hoặc Tòa án nhân dân thành phố Hồ Chí Minh hoặc "
        "Tòa án nhân dân thành phố Đà Nẵng xét xử."
    )
    assert names(text) == ["Hà Nội", HCM, "Đà Nẵng"]
    text = "c) Tư lệnh Bộ Tư lệnh Thủ đô Hà Nội, Tư lệnh Bộ Tư lệnh Thành phố Hồ Chí Minh, Chỉ huy trưởng"
    assert found(text) == [("Hà Nội", "Thủ đô", "Hà Nội"), (HCM, "Thành phố", "Hồ Chí Minh")]
    assert found("Luật số: 45/2019/QH14\nHà Nội, ngày 20 tháng 11 năm 2019") == [("Hà Nội", "", "Hà Nội")]
    # "VIỆT NAM ĐỊNH CƯ" is not Nam Định
    assert names("MỤC 4. QUYỀN VÀ NGHĨA VỤ CỦA NGƯỜI VIỆT NAM ĐỊNH CƯ Ở NƯỚC NGOÀI") == []
    assert names("người Việt Nam định cư ở nước ngoài") == []
    assert names("Ủy ban nhân dân tỉnh Nam Định hướng dẫn") == ["Nam Định"]


def test_common_words_need_a_prefix() -> None:
    assert names("giữ vững môi trường hòa bình, ổn định; vì Hòa Bình và phát triển") == []
    assert names("Hoà Bình") == []
    assert found("Tỉnh ủy Hoà Bình; UBND tỉnh Thái Bình") == [
        ("Hòa Bình", "Tỉnh ủy", "Hoà Bình"),
        ("Thái Bình", "tỉnh", "Thái Bình"),
    ]
    assert names("các tỉnh Nam Định, Thái Bình và Hòa Bình") == ["Nam Định", "Thái Bình", "Hòa Bình"]  # a list
    assert names("Thái Bình, ngày 12 tháng 3 năm 2020") == ["Thái Bình"]  # place-date line
    assert names("biển Đông, Thái Bình Dương") == []
    assert names("Trường Đại học Vinh") == [] and names("thành phố Vinh, tỉnh Nghệ An") == ["Vinh", "Nghệ An"]
    assert names("kỷ niệm 70 năm Chiến thắng Điện Biên Phủ") == []
    assert names("thành phố Điện Biên Phủ, tỉnh Điện Biên") == ["Điện Biên Phủ", "Điện Biên"]


def test_smaller_places_streets_and_rivers_are_skipped() -> None:
    assert names("số 12 đường Điện Biên Phủ, phường 15") == []
    assert names("xã Tân An, huyện Hòa Bình, phố Huế") == []
    assert names("cải tạo kênh Tham Lương - Bến Cát - rạch Nước Lên") == []
    assert names("quần đảo Cát Bà cùng với Vịnh Hạ Long được công nhận là Di sản") == []
    assert names("đồng chí Nguyễn Văn Long Khánh") == []


def test_word_boundaries_and_case() -> None:
    assert names("ông Long Anh; Hà Nộii; Sơn Lam; Cà Maux") == []
    assert names("ha noi, hà nội, đồng nai") == []  # names are written capitalised
    assert found("TỈNH ỦY ĐỒNG NAI") == [("Đồng Nai", "TỈNH ỦY", "ĐỒNG NAI")]
    assert names("Hà Nội-Hải Phòng") == ["Hà Nội", "Hải Phòng"]


def test_tone_variants_match() -> None:
    text = "Thành uỷ Khánh Hoà; tỉnh Thanh Hoá; tỉnh Thừa Thiên - Huế; Thừa Thiên Huế"
    assert found(text) == [
        ("Khánh Hòa", "Thành uỷ", "Khánh Hoà"),
        ("Thanh Hóa", "tỉnh", "Thanh Hoá"),
        ("Huế", "tỉnh", "Thừa Thiên - Huế"),
        ("Huế", "", "Thừa Thiên Huế"),
    ]


def test_names_across_a_line_break_and_odd_dashes() -> None:
    text = "Ủy ban nhân dân tỉnh Bà Rịa –\nVũng Tàu"
    assert found(text) == [("Bà Rịa - Vũng Tàu", "tỉnh", "Bà Rịa –\nVũng Tàu")]


def test_offsets_point_into_the_original_text_even_when_nfd() -> None:
    text = "Căn cứ Nghị quyết của Tỉnh uỷ Khánh Hoà và Ủy ban nhân dân thành phố Nha Trang, TP.HCM."
    nfd = unicodedata.normalize("NFD", text)
    assert len(nfd) > len(text)
    a, b = find_places(text), find_places(nfd)
    assert [m.name for m in a] == [m.name for m in b] == ["Khánh Hòa", "Nha Trang", HCM]
    for m, n in zip(a, b, strict=True):
        assert unicodedata.normalize("NFC", nfd[n.start : n.end]) == text[m.start : m.end]
        assert unicodedata.normalize("NFC", nfd[n.pstart : n.start]).strip() == m.prefix
    # mixed: the corpus has NFC text with NFD words
    mixed = "Thành phố " + unicodedata.normalize("NFD", "Hồ Chí Minh") + " và tỉnh Đồng Nai"
    assert [(m.name, mixed[m.start : m.end]) for m in find_places(mixed)] == [
        (HCM, unicodedata.normalize("NFD", "Hồ Chí Minh")),
        ("Đồng Nai", "Đồng Nai"),
    ]


def test_jurisdiction_votes() -> None:
    text = (
        "THÀNH ỦY LONG KHÁNH\n*\nSố 123-NQ/TU\n Long Khánh, ngày 01 tháng 9 năm 2023\n"
        "thành phố Long Khánh; Bộ tiêu chí của tỉnh Đồng Nai; Khu công nghiệp Long Khánh"
    )
    votes = jurisdiction_votes(text)
    assert votes == Counter({"Long Khánh": 2 + 1 + 2 + 1, "Đồng Nai": 2})
    assert votes.most_common(1)[0][0] == "Long Khánh"


# ---------------------------------------------------------------------------------------------- properties

FILLER = [
    "phát triển",
    "kinh tế - xã hội",
    "của",
    "tại",
    "và",
    ";",
    ",",
    "\n",
    "Nghị quyết số 31-NQ/TW",
    "tư tưởng Hồ Chí Minh",
    "hòa bình",
    "Nhân dân",
    "Ban Thường vụ",
    "HCM",
    "năm 2023",
]
PLACES = [
    "Thành phố Hồ Chí Minh",
    "TP.HCM",
    "tỉnh Đồng Nai",
    "thành phố Long Khánh",
    "Khánh Hoà",
    "Tỉnh ủy Hòa Bình",
    "Thừa Thiên - Huế",
    "Bà Rịa – Vũng Tàu",
    "THÀNH ỦY HẢI PHÒNG",
    "Nha Trang",
    "thành phố Bắc Ninh",
]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(FILLER + PLACES), max_size=12), st.booleans())
def test_every_match_quotes_its_place(parts: list[str], nfd: bool) -> None:
    text = " ".join(parts)
    if nfd:
        text = unicodedata.normalize("NFD", text)
    for m in find_places(text):
        quote = text[m.start : m.end]
        assert quote and quote == quote.strip()
        assert canonical(quote) == m.name
        assert m.pstart <= m.start and text[m.pstart : m.pstart + len(m.prefix)] == m.prefix
    expected = sum(1 for p in parts if p in PLACES)
    assert len(find_places(text)) == expected


def test_votes_on_a_large_text() -> None:
    # speed is measured in bench/bench_extract.py, not asserted here
    para = (
        "Thực hiện Chương trình làm việc năm 2023 của Thành ủy, Ban Thường vụ Thành ủy; Hội nghị Ban Chấp hành "
        "Đảng bộ thành phố lần thứ 23 khóa XI được tổ chức tại Hội trường thành phố, phát triển Thành phố Hồ "
        "Chí Minh đến năm 2030; học tập tư tưởng, đạo đức, phong cách Hồ Chí Minh; tỉnh Đồng Nai.\n"
    )
    text = para * (4_000_000 // len(para))  # about 4 million characters
    votes = jurisdiction_votes(text)
    n = text.count(para)
    assert votes == Counter({HCM: 2 * n, "Đồng Nai": 2 * n})


# ---------------------------------------------------------------------------------------------- sources


def official() -> dict[str, Any]:
    """A copy of loaders/data/provinces.json, to change."""
    return copy.deepcopy(read_json("provinces.json"))


def built(monkeypatch: pytest.MonkeyPatch, **data: dict[str, Any]) -> dict[str, g.Place]:
    """The gazetteer's places built afresh from the given package data (name without .json -> content)."""
    monkeypatch.setattr(g, "read_json", lambda name: data.get(name.removesuffix(".json")) or read_json(name))
    return g._index.__wrapped__().places


def unit_of(table: dict[str, Any], unit: str) -> dict[str, Any]:
    return next(u for u in table["lists"][1]["units"] if u["name"] == unit)


def test_the_2025_answers_are_the_official_table() -> None:
    """successor_2025 and merged_from_2025 answer what loaders/data/provinces.json says, for every unit of 2025,
    and every place the gazetteer knows goes where provinces.province_on takes it on 1 July 2025."""
    after = provinces.list_on(provinces.REFORM_2025)
    assert [p.name for p in g.places("province")] == provinces.units_on("2025-06-30")
    for unit, parts in after.merged_from.items():
        assert g.merged_from_2025(unit)[0] == unit
        assert sorted(g.merged_from_2025(unit)) == sorted(parts), unit
        assert {g.successor_2025(p) for p in parts} == {unit}
    for p in g.places():
        assert g.successor_2025(p.name) == provinces.province_on(p.name, provinces.REFORM_2025), p.name


def test_the_gazetteer_takes_its_2025_units_from_the_official_table(monkeypatch: pytest.MonkeyPatch) -> None:
    table = official()
    unit_of(table, HCM)["merged_from"].remove("Bình Dương")
    unit_of(table, "Đồng Nai")["merged_from"].append("Bình Dương")
    before = {u["name"]: u for u in table["lists"][0]["units"]}
    before["Cần Thơ"]["kind"] = "province"
    places = built(monkeypatch, provinces=table)
    assert places["Bình Dương"].after_2025 == places["Thủ Dầu Một"].after_2025 == "Đồng Nai"
    assert places["Bà Rịa - Vũng Tàu"].after_2025 == HCM
    assert places["Cần Thơ"].kind == "province"
    assert [p.name for p in places.values() if p.level == "province"] == list(before)


def test_a_2025_table_that_loses_or_doubles_a_province_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    lost = official()
    unit_of(lost, HCM)["merged_from"].remove("Bình Dương")
    with pytest.raises(ValueError, match="no 2025 unit for \\['Bình Dương'\\]"):
        built(monkeypatch, provinces=lost)
    doubled = official()
    unit_of(doubled, "Đồng Nai")["merged_from"].append("Bình Dương")
    with pytest.raises(ValueError, match="Bình Dương is in both"):
        built(monkeypatch, provinces=doubled)


def test_places_json_names_only_provinces_of_the_official_list(monkeypatch: pytest.MonkeyPatch) -> None:
    places = copy.deepcopy(read_json("places.json"))
    places["cities"].append({"name": "Quận 1", "province": "Sài Gòn"})
    with pytest.raises(ValueError, match="official list does not: \\['Sài Gòn'\\]"):
        built(monkeypatch, places=places)


def test_places_json_gives_the_aliases_admin_words_and_cities() -> None:
    """What loaders/data/places.json holds, as the gazetteer answers it."""
    assert {p.name for p in g.places() if p.needs_prefix} == {
        "Hòa Bình",
        "Thái Bình",
        "Điện Biên Phủ",
        "Sông Công",
        "Vinh",
        "Thuận An",
        "Tân Uyên",
        "Bến Cát",
        "Tân An",
    }
    districts = list(g.places("district"))
    shared = [d for d in districts if d.shares_name_with]
    assert (len(districts), len(shared)) == (83, 29)
    assert all(d.name == f"Thành phố {d.parent}" == f"Thành phố {d.shares_name_with}" for d in shared)
    assert g.info("Bắc Ninh").shares_name_with == "Thành phố Bắc Ninh"  # type: ignore[union-attr]
    assert g.info("Đồng Nai").shares_name_with is None  # type: ignore[union-attr]
    assert (canonical("Kontum"), canonical("Ban Mê Thuột"), canonical("BR-VT")) == (
        "Kon Tum",
        "Buôn Ma Thuột",
        "Bà Rịa - Vũng Tàu",
    )

"""Vietnamese places, for the jurisdiction of a document and of the bodies it names.

Provinces and centrally-run cities (the 63 units before the 2025 merger), and district-level cities with
their province. Matching runs on the matching form (NFC, unified tone placement), so "Khánh Hoà" and
"Khánh Hòa" are one place; offsets are offsets of the text given (pass NFC text).

>>> canonical("TP.HCM"), canonical("Khánh Hoà"), parent("Long Khánh"), level("Long Khánh")
('Thành phố Hồ Chí Minh', 'Khánh Hòa', 'Đồng Nai', 'district')
>>> [p.name for p in find_places("phát huy tư tưởng Hồ Chí Minh tại thành phố Hải Phòng")]
['Hải Phòng']
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from policygraph.loaders.normalise import fold_key, matching_form

PROVINCES = [
    "Hà Nội", "Thành phố Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "An Giang", "Bà Rịa - Vũng Tàu",
    "Bắc Giang", "Bắc Kạn", "Bạc Liêu", "Bắc Ninh", "Bến Tre", "Bình Định", "Bình Dương", "Bình Phước",
    "Bình Thuận", "Cà Mau", "Cao Bằng", "Đắk Lắk", "Đắk Nông", "Điện Biên", "Đồng Nai", "Đồng Tháp", "Gia Lai",
    "Hà Giang", "Hà Nam", "Hà Tĩnh", "Hải Dương", "Hậu Giang", "Hòa Bình", "Hưng Yên", "Khánh Hòa", "Kiên Giang",
    "Kon Tum", "Lai Châu", "Lâm Đồng", "Lạng Sơn", "Lào Cai", "Long An", "Nam Định", "Nghệ An", "Ninh Bình",
    "Ninh Thuận", "Phú Thọ", "Phú Yên", "Quảng Bình", "Quảng Nam", "Quảng Ngãi", "Quảng Ninh", "Quảng Trị",
    "Sóc Trăng", "Sơn La", "Tây Ninh", "Thái Bình", "Thái Nguyên", "Thanh Hóa", "Thừa Thiên Huế", "Tiền Giang",
    "Trà Vinh", "Tuyên Quang", "Vĩnh Long", "Vĩnh Phúc", "Yên Bái",
]
ALIASES = {
    "Thành phố Hồ Chí Minh": ["TP.HCM", "TP. HCM", "TPHCM", "TP HCM", "TP. Hồ Chí Minh", "TP.Hồ Chí Minh",
                              "Tp. Hồ Chí Minh", "TP Hồ Chí Minh", "Thành phố HCM", "Hồ Chí Minh"],
    "Thừa Thiên Huế": ["Thừa Thiên - Huế", "Huế"],
    "Bà Rịa - Vũng Tàu": ["Bà Rịa-Vũng Tàu", "Bà Rịa – Vũng Tàu"],
    "Đắk Lắk": ["Đăk Lăk", "Đắc Lắc"],
    "Đắk Nông": ["Đăk Nông"],
    "Hà Nội": ["TP. Hà Nội", "TP Hà Nội"],
}
# district-level cities (thành phố thuộc tỉnh / thành phố thuộc thành phố) -> province
DISTRICT_CITIES = {
    "Long Khánh": "Đồng Nai", "Biên Hòa": "Đồng Nai", "Thủ Đức": "Thành phố Hồ Chí Minh",
    "Thủ Dầu Một": "Bình Dương", "Dĩ An": "Bình Dương", "Thuận An": "Bình Dương", "Tân Uyên": "Bình Dương",
    "Bến Cát": "Bình Dương", "Nha Trang": "Khánh Hòa", "Cam Ranh": "Khánh Hòa", "Vũng Tàu": "Bà Rịa - Vũng Tàu",
    "Bà Rịa": "Bà Rịa - Vũng Tàu", "Phú Mỹ": "Bà Rịa - Vũng Tàu", "Đà Lạt": "Lâm Đồng", "Bảo Lộc": "Lâm Đồng",
    "Hạ Long": "Quảng Ninh", "Cẩm Phả": "Quảng Ninh", "Uông Bí": "Quảng Ninh", "Móng Cái": "Quảng Ninh",
    "Đông Triều": "Quảng Ninh", "Vinh": "Nghệ An", "Thanh Hóa": "Thanh Hóa", "Sầm Sơn": "Thanh Hóa",
    "Quy Nhơn": "Bình Định", "Tuy Hòa": "Phú Yên", "Buôn Ma Thuột": "Đắk Lắk", "Pleiku": "Gia Lai",
    "Kon Tum": "Kon Tum", "Phan Thiết": "Bình Thuận", "Phan Rang - Tháp Chàm": "Ninh Thuận",
    "Mỹ Tho": "Tiền Giang", "Long Xuyên": "An Giang", "Châu Đốc": "An Giang", "Rạch Giá": "Kiên Giang",
    "Phú Quốc": "Kiên Giang", "Hà Tiên": "Kiên Giang", "Cà Mau": "Cà Mau", "Bạc Liêu": "Bạc Liêu",
    "Sóc Trăng": "Sóc Trăng", "Vị Thanh": "Hậu Giang", "Ngã Bảy": "Hậu Giang", "Trà Vinh": "Trà Vinh",
    "Bến Tre": "Bến Tre", "Vĩnh Long": "Vĩnh Long", "Cao Lãnh": "Đồng Tháp", "Sa Đéc": "Đồng Tháp",
    "Hồng Ngự": "Đồng Tháp", "Tân An": "Long An", "Tây Ninh": "Tây Ninh", "Đồng Xoài": "Bình Phước",
    "Tam Kỳ": "Quảng Nam", "Hội An": "Quảng Nam", "Quảng Ngãi": "Quảng Ngãi", "Đông Hà": "Quảng Trị",
    "Đồng Hới": "Quảng Bình", "Hà Tĩnh": "Hà Tĩnh", "Ninh Bình": "Ninh Bình", "Tam Điệp": "Ninh Bình",
    "Nam Định": "Nam Định", "Phủ Lý": "Hà Nam", "Thái Bình": "Thái Bình", "Hải Dương": "Hải Dương",
    "Chí Linh": "Hải Dương", "Hưng Yên": "Hưng Yên", "Bắc Ninh": "Bắc Ninh", "Từ Sơn": "Bắc Ninh",
    "Bắc Giang": "Bắc Giang", "Vĩnh Yên": "Vĩnh Phúc", "Phúc Yên": "Vĩnh Phúc", "Việt Trì": "Phú Thọ",
    "Thái Nguyên": "Thái Nguyên", "Sông Công": "Thái Nguyên", "Phổ Yên": "Thái Nguyên", "Tuyên Quang": "Tuyên Quang",
    "Yên Bái": "Yên Bái", "Lào Cai": "Lào Cai", "Lạng Sơn": "Lạng Sơn", "Cao Bằng": "Cao Bằng",
    "Bắc Kạn": "Bắc Kạn", "Hà Giang": "Hà Giang", "Sơn La": "Sơn La", "Điện Biên Phủ": "Điện Biên",
    "Lai Châu": "Lai Châu", "Hòa Bình": "Hòa Bình", "Gia Nghĩa": "Đắk Nông", "Thủy Nguyên": "Hải Phòng",
}
# names that are also common words or names of persons: only with an administrative prefix
_NEEDS_PREFIX = {"Hồ Chí Minh", "Hòa Bình", "Thái Bình", "Huế", "Vinh", "Long An", "Bến Cát", "Cà Mau",
                 "Thanh Hóa", "Quảng Nam", "Ninh Bình", "Bắc Giang", "Vĩnh Long"}
_PREFIX = (r"(?:thành phố|tp\.?|tỉnh|thành ủy|tỉnh ủy|ủy ban nhân dân|hội đồng nhân dân|ubnd|hđnd|đảng bộ|"
           r"thị xã|quận|huyện|trên địa bàn|tại)")


@dataclass
class PlaceMatch:
    start: int
    end: int
    name: str
    level: str
    prefix: str


_CANON: dict[str, str] = {}
for _p in PROVINCES:
    _CANON[fold_key(_p)] = _p
for _p, _al in ALIASES.items():
    for _a in _al:
        _CANON[fold_key(_a)] = _p
_DISTRICT = {fold_key(k): k for k in DISTRICT_CITIES}

_NAMES = sorted({matching_form(n) for n in [*PROVINCES, *DISTRICT_CITIES, *(a for al in ALIASES.values() for a in al)]},
                key=len, reverse=True)
_RX = re.compile(rf"(?:(?P<prefix>{_PREFIX})[ \t]+)?(?<![\w])(?P<name>"
                 + "|".join(re.escape(n) for n in _NAMES) + r")(?![\w])", re.IGNORECASE)


def canonical(name: str) -> str | None:
    """Province-level canonical name of any alias or variant, else the district city's name, else None."""
    k = fold_key(re.sub(r"^(?:thành phố|tp\.?|tỉnh)\s+", "", matching_form(name).strip(), flags=re.IGNORECASE))
    if k in _CANON:
        return _CANON[k]
    if k in _DISTRICT:
        return _DISTRICT[k]
    return _CANON.get(fold_key(name))


def parent(name: str) -> str | None:
    """The province of a district-level city; None for a province."""
    c = _DISTRICT.get(fold_key(name))
    if c and fold_key(DISTRICT_CITIES[c]) != fold_key(name):
        return DISTRICT_CITIES[c]
    return None


def level(name: str) -> str | None:
    """'province' or 'district' (a district-level city that is not also a province's name)."""
    k = fold_key(name)
    if k in _CANON:
        return "province"
    if k in _DISTRICT:
        return "district"
    return None


def find_places(text: str) -> list[PlaceMatch]:
    """Places named in `text`; names that are also common words count only after an admin word."""
    v = matching_form(text) if len(matching_form(text)) == len(text) else text
    out = []
    for m in _RX.finditer(v):
        raw = m["name"]
        prefix = (m["prefix"] or "").strip()
        caps = raw.isupper()
        if not raw[:1].isupper():
            continue
        k = fold_key(raw)
        is_hcm = k in ("ho chi minh",)
        if (is_hcm or matching_form(raw) in _NEEDS_PREFIX) and not prefix and not caps:
            continue
        if is_hcm and prefix.lower() not in ("thành phố", "tp.", "tp") and not caps:
            continue
        if caps and is_hcm and not re.search(r"THÀNH PHỐ\s*$|TP\.?\s*$", v[max(0, m.start("name") - 12):m.start("name")]):
            continue
        dist = k in _DISTRICT and (k not in _CANON or prefix.lower() in ("thành phố", "tp.", "tp", "thị xã")
                                   and k not in _CANON)
        if k in _DISTRICT and k in _CANON:
            dist = False
        name = _DISTRICT[k] if dist else (_CANON.get(k) or _DISTRICT.get(k) or raw)
        lvl = "district" if dist or (k in _DISTRICT and k not in _CANON) else "province"
        out.append(PlaceMatch(m.start("name"), m.end("name"), name, lvl, prefix))
    return out


def jurisdiction_votes(text: str) -> Counter[str]:
    """How strongly `text` points at each place: a prefixed mention counts 2, a bare one 1."""
    c: Counter[str] = Counter()
    for p in find_places(text):
        c[p.name] += 2 if p.prefix else 1
    return c

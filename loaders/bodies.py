"""Issuing bodies: recognise a body named in text ("của Ban Thường vụ Tỉnh ủy") and place it.

>>> b = classify("Bộ Chính trị")
>>> (b.name, b.level, b.branch, b.codes)
('Bộ Chính trị', 'central', 'party', ('TW',))
>>> classify("Ban Thường vụ Thành uỷ").scope
'city'
>>> classify("thành phố năm 2023") is None
True
"""

from __future__ import annotations

import re

from .models import BodyInfo, BodyLevel, Branch, Scope
from .normalise import matching_form

__all__ = ["BodyInfo", "classify", "compatible", "issuer_of_code"]


_PLACE_TAIL = (
    r"(?P<place>(?:\s+(?:thành phố|tỉnh|tp\.?|huyện|quận|thị xã))?(?:\s+[A-ZĐ][\w.]*(?:\s+[A-ZĐ][\w]*){0,4})?)"
)

_RULES: list[tuple[str, str, BodyLevel, Branch, tuple[str, ...], str | None, str | None]] = [
    # pattern, name, level, branch, codes, scope, parent
    (r"bộ chính trị", "Bộ Chính trị", "central", "party", ("TW",), None, "Ban Chấp hành Trung ương Đảng"),
    (r"ban bí thư", "Ban Bí thư", "central", "party", ("TW",), None, "Ban Chấp hành Trung ương Đảng"),
    (
        r"ban (?P<board>tuyên giáo|tổ chức|dân vận|nội chính|kinh tế|đối ngoại|tuyên giáo và dân vận|"
        r"chính sách, chiến lược)\s+trung ương",
        "Ban {Board} Trung ương",
        "central",
        "party",
        ("TW",),
        None,
        "Ban Chấp hành Trung ương Đảng",
    ),
    (
        r"(?:văn phòng|ủy ban kiểm tra)\s+trung ương(?:\s+đảng)?",
        "{Head} Trung ương",
        "central",
        "party",
        ("TW",),
        None,
        "Ban Chấp hành Trung ương Đảng",
    ),
    (
        r"(?:ban chấp hành|bch|hội nghị)\s+trung ương(?:\s+đảng)?|trung ương đảng|trung ương",
        "Ban Chấp hành Trung ương Đảng",
        "central",
        "party",
        ("TW",),
        None,
        None,
    ),
    (
        r"(?:ủy ban thường vụ quốc hội|ubtvqh)",
        "Ủy ban Thường vụ Quốc hội",
        "central",
        "state",
        ("UBTVQH",),
        None,
        "Quốc hội",
    ),
    (r"văn phòng quốc hội", "Văn phòng Quốc hội", "central", "state", ("VPQH",), None, "Quốc hội"),
    (r"văn phòng chính phủ", "Văn phòng Chính phủ", "central", "state", ("VPCP",), None, "Chính phủ"),
    (r"quốc hội", "Quốc hội", "central", "state", ("QH",), None, None),
    (r"thủ tướng(?:\s+chính phủ)?", "Thủ tướng Chính phủ", "central", "state", ("TTg",), None, "Chính phủ"),
    (r"chính phủ", "Chính phủ", "central", "state", ("CP",), None, None),
    (
        r"(?:ban thường vụ|thường trực)\s+(?P<lvl>thành|tỉnh|huyện|quận|thị)\s+ủy",
        "Ban Thường vụ {Lvl} ủy",
        "local",
        "party",
        ("TU", "HU", "QU"),
        "*",
        "{Lvl} ủy",
    ),
    (
        r"(?:ban chấp hành\s+)?đảng bộ\s+(?P<lvl>thành phố|tỉnh|huyện|quận|thị xã)",
        "Ban Chấp hành Đảng bộ {lvl}",
        "local",
        "party",
        ("TU", "HU", "QU"),
        "*",
        None,
    ),
    (
        r"ban (?P<board>tuyên giáo|tổ chức|dân vận|nội chính|kinh tế|tuyên giáo và dân vận)\s+"
        r"(?P<lvl>thành|tỉnh|huyện|quận)\s+ủy",
        "Ban {Board} {Lvl} ủy",
        "local",
        "party",
        ("BTGTU", "BTCTU", "BDVTU", "BNCTU", "BKTTU", "TU"),
        "*",
        "{Lvl} ủy",
    ),
    (
        r"ủy ban kiểm tra\s+(?P<lvl>thành|tỉnh|huyện|quận)\s+ủy",
        "Ủy ban Kiểm tra {Lvl} ủy",
        "local",
        "party",
        ("UBKTTU", "UBKTHU"),
        "*",
        "{Lvl} ủy",
    ),
    (r"(?P<lvl>thành|tỉnh|huyện|quận|thị)\s+ủy", "{Lvl} ủy", "local", "party", ("TU", "HU", "QU", "TXU"), "*", None),
    (r"đảng ủy\s+(?P<lvl>xã|phường|thị trấn|đặc khu)", "Đảng ủy {lvl}", "local", "party", ("ĐU",), "*", None),
    (
        r"(?:hội đồng nhân dân|hđnd)(?:\s+(?P<lvl>thành phố|tỉnh|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu))?",
        "Hội đồng nhân dân {lvl}",
        "local",
        "state",
        ("HĐND",),
        "*",
        None,
    ),
    (
        r"(?:ủy ban nhân dân|ubnd)(?:\s+(?P<lvl>thành phố|tỉnh|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu))?",
        "Ủy ban nhân dân {lvl}",
        "local",
        "state",
        ("UBND",),
        "*",
        None,
    ),
    (
        r"(?:ban thường trực\s+)?(?:ủy ban mặt trận tổ quốc|ủy ban mttq|mặt trận tổ quốc)(?:\s+việt nam)?"
        r"(?:\s+(?P<lvl>thành phố|tỉnh|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu))?",
        "Ủy ban Mặt trận Tổ quốc Việt Nam {lvl}",
        "local",
        "front",
        ("MTTQ",),
        "*",
        None,
    ),
    (
        r"cục\s+(?P<office>[a-zđà-ỹ]+(?:[\s,\-]+(?:và\s+)?[a-zđà-ỹ]+){0,5})",
        "Cục {office}",
        "central",
        "state",
        (),
        None,
        None,
    ),
    (
        r"sở\s+(?P<dept>[a-zđà-ỹ]+(?:[\s,\-]+(?:và\s+)?[a-zđà-ỹ]+){0,7})",
        "Sở {dept}",
        "local",
        "state",
        ("S",),
        "*",
        "Ủy ban nhân dân {lvl}",
    ),
    (r"ngân hàng nhà nước(?:\s+việt nam)?", "Ngân hàng Nhà nước Việt Nam", "central", "state", ("NHNN",), None, None),
    (
        r"bộ\s+(?!chính trị|luật)(?P<min>[a-zđà-ỹ]+(?:[\s,\-]+(?:và\s+)?[a-zđà-ỹ]+){0,7})",
        "Bộ {min}",
        "central",
        "state",
        (),
        None,
        "Chính phủ",
    ),
]
_COMPILED: list[tuple[re.Pattern[str], str, BodyLevel, Branch, tuple[str, ...], str | None, str | None]] = [
    (re.compile(r"^(?:" + p + r")\b", re.IGNORECASE), name, level, branch, codes, scope, parent)
    for p, name, level, branch, codes, scope, parent in _RULES
]

_SCOPE: dict[str, Scope] = {
    "thành": "city",
    "thành phố": "city",
    "tỉnh": "province",
    "huyện": "district",
    "quận": "district",
    "thị": "district",
    "thị xã": "district",
    "xã": "commune",
    "phường": "commune",
    "thị trấn": "commune",
    "đặc khu": "commune",
}
# Ministries as they are officially written (the header may write them in capitals).
_MINISTRIES = (
    "Tài chính",
    "Tư pháp",
    "Công an",
    "Quốc phòng",
    "Ngoại giao",
    "Nội vụ",
    "Y tế",
    "Xây dựng",
    "Công Thương",
    "Giáo dục và Đào tạo",
    "Kế hoạch và Đầu tư",
    "Lao động - Thương binh và Xã hội",
    "Giao thông vận tải",
    "Nông nghiệp và Phát triển nông thôn",
    "Nông nghiệp và Môi trường",
    "Tài nguyên và Môi trường",
    "Thông tin và Truyền thông",
    "Khoa học và Công nghệ",
    "Văn hóa, Thể thao và Du lịch",
    "Dân tộc và Tôn giáo",
    # a province's departments named otherwise than a ministry
    "Ngoại vụ",
    "Du lịch",
    "Văn hóa và Thể thao",
)
_MINISTRY_BY_KEY = {re.sub(r"[\s,\-]+", " ", m.lower()): m for m in _MINISTRIES}
_MINISTRY_WORDS = re.compile(
    "^("
    + "|".join(
        re.escape(m).replace(",", ",?").replace("\\-", "[-,]?").replace("\\ ", "[ ,\\-]*")
        for m in sorted(_MINISTRIES, key=len, reverse=True)
    )
    + ")",
    re.IGNORECASE,
)


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


def classify(phrase: str) -> BodyInfo | None:
    """Recognise the body a phrase starts with; None when it names no body."""
    p = matching_form(phrase).strip()
    for rx, name, level, branch, codes, scope, parent in _COMPILED:
        m = rx.match(p)
        if not m:
            continue
        gd = m.groupdict()
        lvl = (gd.get("lvl") or "").lower()
        if "min" in gd and gd["min"] is not None:
            mm = _MINISTRY_WORDS.match(gd["min"])
            if not mm:
                return None
            ministry = _MINISTRY_BY_KEY.get(re.sub(r"[\s,\-]+", " ", mm.group(1).lower()), mm.group(1))
            return BodyInfo(name=f"Bộ {ministry}", level="central", branch="state", codes=(), parent_name=parent)
        if gd.get("dept"):
            return _department(p, m)
        if gd.get("office"):
            return _office(m["office"])
        head = p[: m.end()].lower().split(" trung")[0]
        fmt = {
            "lvl": lvl,
            "Lvl": _cap(lvl),
            "Board": _cap((gd.get("board") or "").lower()),
            "Head": {"văn phòng": "Văn phòng", "ủy ban kiểm tra": "Ủy ban Kiểm tra"}.get(head, _cap(head)),
        }
        nm = re.sub(r"\s+", " ", name.format(**fmt)).strip()
        sc = _SCOPE.get(lvl) if scope == "*" else None
        if scope == "*" and not lvl:
            sc = None
        rest = p[m.end() :].strip()
        place = rest if rest and (rest[0].isupper() or rest.lower().startswith(("tp", "thành phố", "tỉnh"))) else None
        return BodyInfo(
            name=nm,
            level=level,
            branch=branch,
            codes=codes,
            scope=sc,
            place_text=place,
            parent_name=parent.format(**fmt) if parent else None,
        )
    return None


_DEPT_PLACE = re.compile(r"\s+(?P<lvl>tỉnh|thành phố|tp\.?)(?=\s|$)", re.IGNORECASE)


def _department(p: str, m: re.Match[str]) -> BodyInfo | None:
    """A province's department ("Sở Nội vụ tỉnh Điện Biên", "SỞ KHOA HỌC VÀ CÔNG NGHỆ"): its name up to the
    province (as a ministry writes it when it is one), under the province's People's Committee.

    >>> b = classify("SỞ KHOA HỌC VÀ CÔNG NGHỆ TỈNH BẮC NINH"); (b.name, b.place_text, b.parent_name)
    ('Sở Khoa học và Công nghệ', 'BẮC NINH', 'Ủy ban nhân dân tỉnh')
    >>> classify("sở hữu trí tuệ") is None
    True
    """
    rest = p[m.start("dept") :]
    cut = _DEPT_PLACE.search(rest)
    dept = (rest[: cut.start()] if cut else rest).strip(" ,")
    if not dept:
        return None
    known = _MINISTRY_WORDS.match(dept)
    if known is None:  # "sở hữu", "sở dĩ": a department is named as a ministry is
        return None
    name = _MINISTRY_BY_KEY.get(re.sub(r"[\s,\-]+", " ", known.group(1).lower()), known.group(1))
    lvl = "thành phố" if cut and cut["lvl"].lower() != "tỉnh" else "tỉnh"
    place = rest[cut.end() :].strip() if cut else ""
    return BodyInfo(
        name=f"Sở {name}",
        level="local",
        branch="state",
        codes=("S",),
        scope="province",
        place_text=place or None,
        parent_name=f"Ủy ban nhân dân {lvl}",
    )


def _office(words: str) -> BodyInfo | None:
    """A ministry's department (Cục) named on a header line of its own ("CỤC HÓA CHẤT"): its name as a name is
    written; written in lower case in running text it is no body's name ("cục bộ", "cục diện").

    >>> classify("CỤC HÓA CHẤT").name, classify("cục bộ") is None
    ('Cục Hóa chất', True)
    """
    if not words.isupper():
        return None
    return BodyInfo(name="Cục " + _cap(words.lower()), level="central", branch="state", codes=())


_ISSUER_OF_CODE = {
    "QH": "Quốc hội",
    "CP": "Chính phủ",
    "TTg": "Thủ tướng Chính phủ",
    "UBTVQH": "Ủy ban Thường vụ Quốc hội",
}


def issuer_of_code(code: str | None) -> str | None:
    """The central State body a symbol's issuer code names on its own ("QH15" -> Quốc hội), else None.

    >>> issuer_of_code("QH15"), issuer_of_code("NĐ-CP"), issuer_of_code("TW")
    ('Quốc hội', 'Chính phủ', None)
    """
    c = re.sub(r"\d+$", "", (code or "").split("-")[-1])
    return _ISSUER_OF_CODE.get(c)


def compatible(info: BodyInfo, issuer_code: str | None) -> bool:
    """Can a body sign a document whose symbol has `issuer_code`?

    >>> compatible(classify("Bộ Chính trị"), "TW"), compatible(classify("Quốc hội"), "TW")
    (True, False)
    """
    if not issuer_code:
        return True
    code = issuer_code.upper()
    if not info.codes:
        return code.startswith("B")
    if info.level == "central":
        # "TW" also covers the central boards and offices (BTGTW, VPTW, UBKTTW)
        return any(code.startswith(c.upper()) or (c == "TW" and code.endswith("TW")) for c in info.codes)
    local = {"TU", "HU", "QU", "ĐU", "TXU"}
    if info.branch == "party":
        return not code.endswith("TW") and (code in local or code.endswith(("TU", "HU", "QU")))
    return any(c.upper() in code.split("-") for c in info.codes)

"""The loaded document's own identity, read from its header (and, failing that, its text).

Symbol ("Số: 1330-CV/BTGTU", "Luật số: 12/2012/QH13", "| Số hiệu | 262/2026/NĐ-CP |"), place and date
("TP. Hồ Chí Minh, ngày 11 tháng 10 năm 2023"), type (title line or the symbol's type code), issuing body
(the capitalised lines above the title), jurisdiction (the header's place, else the places the text names).

>>> h = read_header("QUỐC HỘI\\nLuật số: 12/2012/QH13\\nHà Nội, ngày 20 tháng 6 năm 2012\\nLUẬT\\nCÔNG ĐOÀN\\n", [])
>>> (h.symbol, h.date, h.label, h.issuer)
(None, '2012-06-20', 'Law', 'Quốc hội')
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..ontology.vocab import TYPE_CODE_TO_LABEL, TYPE_WORD_TO_LABEL
from . import gazetteer
from .bodies import BodyInfo, classify, issuer_of_code
from .dates import DATE, NUMERIC_DATE, iso
from .models import Mention
from .normalise import matching_form
from .symbols import SYMBOL_RE

HEADER_CHARS = 2500

_PLACE_DATE = re.compile(rf"(?:^|\n)[ \t*|]*(?P<place>[^\n,|]{{2,40}}?)[ \t]*,[ \t]*{DATE}", re.IGNORECASE)
_FIELD_KEYS = ("số hiệu", "số, ký hiệu", "số ký hiệu", "loại văn bản", "hình thức văn bản", "nơi ban hành",
               "cơ quan ban hành", "ngày ban hành", "ngày ký", "ban hành ngày", "người ký", "ngày hiệu lực",
               "tình trạng", "lĩnh vực")
_PLAIN_FIELD = re.compile(r"^[ \t*#-]*(?P<k>[^\n:|]{2,30}?)[ \t]*:[ \t]*(?P<v>[^\n|]{1,200}?)[ \t]*$", re.MULTILINE)
_TABLE_DATE = re.compile(NUMERIC_DATE)
_TITLE_LINE = re.compile(
    r"^[ \t*#]*(?P<t>THÔNG CÁO BÁO CHÍ|CHƯƠNG TRÌNH HÀNH ĐỘNG|THÔNG TƯ LIÊN TỊCH|NGHỊ QUYẾT|KẾT LUẬN|CHỈ THỊ|"
    r"QUYẾT ĐỊNH|QUY ĐỊNH|QUY CHẾ|HƯỚNG DẪN|CHƯƠNG TRÌNH|KẾ HOẠCH|THÔNG BÁO|BÁO CÁO|TỜ TRÌNH|ĐỀ ÁN|BỘ LUẬT|LUẬT|"
    r"PHÁP LỆNH|NGHỊ ĐỊNH|THÔNG TƯ|HIẾN PHÁP|CÔNG VĂN)(?![A-ZĐÀ-Ỹ])",
    re.MULTILINE,
)
_SPEAKER = re.compile(
    r"(?P<body>(?:Ban Tuyên giáo|Ban Tổ chức|Ban Dân vận|Ban Thường vụ|Ban Chấp hành Đảng bộ)?[ \t]*"
    r"(?:Thành ủy|Tỉnh ủy|Huyện ủy|Quận ủy|thành phố|tỉnh)|Ủy ban nhân dân[^,.\n]{0,30}|Hội đồng nhân dân[^,.\n]{0,30})"
    r"[ \t]+(?:kết luận|thông tin|thông báo|quyết nghị|quyết định)(?:[ \t]+(?:như sau|về kết quả))?[ \t]*:?",
)
_PLACE_LINE = re.compile(r"^(?:TỈNH|THÀNH PHỐ|TP\.?|HUYỆN|QUẬN|THỊ XÃ|PHƯỜNG|XÃ)\s+\S", re.IGNORECASE)
_OPENING = 900
_ANY_DATE = re.compile(DATE, re.IGNORECASE)
_TERM = re.compile(r"khóa[ \t]+(?P<k>[IVXL]+)\b", re.IGNORECASE)


@dataclass
class Header:
    symbol_mention: Mention | None = None
    symbol: str | None = None
    date: str | None = None
    label: str | None = None
    issuer: str | None = None
    issuer_info: BodyInfo | None = None
    jurisdiction: str | None = None
    parent_jurisdiction: str | None = None
    level: str | None = None
    term: str | None = None
    title: str | None = None
    place_votes: Counter[str] = field(default_factory=Counter)


def metadata_fields(head: str) -> dict[str, str]:
    """Key/value metadata of scraped pages: markdown rows ("| Số hiệu: | 262/2026/NĐ-CP | Loại văn bản: |
    Nghị định |", any number of pairs per row) and plain "Ngày ban hành: 15/09/2026" lines.

    >>> metadata_fields("| Số hiệu: | 262/2026/NĐ-CP | Loại văn bản: | Nghị định |")["loại văn bản"]
    'Nghị định'
    """
    out: dict[str, str] = {}

    def put(k: str, v: str) -> None:
        key = matching_form(k).strip(" \t*:").lower()
        if key in _FIELD_KEYS and v.strip() and key not in out:
            out[key] = matching_form(v).strip(" \t*")

    for line in head.split("\n"):
        if line.lstrip().startswith("|"):
            cells = [c.strip() for c in line.strip().strip("|").split("|")]
            for i in range(len(cells) - 1):
                put(cells[i], cells[i + 1])
    for m in _PLAIN_FIELD.finditer(head):
        put(m["k"], m["v"])
    return out


def _is_caps(line: str) -> bool:
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) / len(letters) > 0.9


def _header_symbol(text: str, mentions: list[Mention]) -> Mention | None:
    for m in mentions:
        if m.start > HEADER_CHARS:
            break
        if m.symbol is None:
            continue
        line_start = text.rfind("\n", 0, m.start) + 1
        line = matching_form(text[line_start:m.end])
        syms = list(SYMBOL_RE.finditer(line))
        last = syms[-1] if syms else None
        before = (line[: last.start()] if last else line).strip(" \t*|#").lower()
        before = re.sub(r"[ \t]+", " ", before)
        if m.form == "header" or re.fullmatch(
            r"(?:(?:bộ luật|luật|pháp lệnh|nghị quyết|nghị định|quyết định|thông tư|chỉ thị)[ \t]+)?"
            r"(?:số|sô|số hiệu)[ \t]*[:.]?|(?:số hiệu|số, ký hiệu|số ký hiệu)[ \t]*\|?", before
        ) or (_is_caps(line[: last.start()] if last else line) and re.fullmatch(
            r"(?:luật|bộ luật|pháp lệnh|nghị quyết)[^\n]{0,80}số[ \t]*[:.]?", before)):
            # a title line in capitals: "LUẬT CÔNG ĐOÀN SỐ 12/2012/QH13" (not a sentence citing another law)
            return m
    return None


def read_header(text: str, mentions: list[Mention]) -> Header:
    """Read the identity of the document whose full text is `text` (its mentions already found)."""
    h = Header()
    head = text[:HEADER_CHARS]
    mhead = matching_form(head)
    sm = _header_symbol(text, mentions)
    if sm is not None:
        h.symbol_mention, h.symbol = sm, sm.symbol
        if sm.label and sm.form != "header":
            h.label = sm.label
        elif sm.type_code:
            h.label = TYPE_CODE_TO_LABEL.get(sm.type_code)
    table = metadata_fields(mhead)
    pd = _PLACE_DATE.search(mhead)
    if pd:
        h.date = iso(pd["d"], pd["m"], pd["y"])
    for k in ("ngày ban hành", "ngày ký", "ban hành ngày"):
        if h.date is None and k in table and (tm := _TABLE_DATE.search(table[k])):
            h.date = iso(tm["d"], tm["m"], tm["y"])
    if h.date is None and sm is None:
        # no dated header: the first date of the opening that belongs to no cited document
        # ("Hội nghị lần thứ 13 vào ngày 19/10/2023", "(ngày 27 tháng 3 năm 2024)")
        taken = [(m.start, m.attr_end) for m in mentions if m.start < _OPENING]
        for dm in _ANY_DATE.finditer(mhead[:_OPENING]):
            if not any(a <= dm.start() < b for a, b in taken):
                h.date = iso(dm["d"], dm["m"], dm["y"])
                break
    for k in ("loại văn bản", "hình thức văn bản"):
        if h.label is None and k in table:
            h.label = TYPE_WORD_TO_LABEL.get(table[k].lower())
    if h.label is None:
        tl = _TITLE_LINE.search(mhead)
        if tl:
            t = tl["t"].lower()
            h.label = "Notice" if t == "thông cáo báo chí" else TYPE_WORD_TO_LABEL.get(t)
    # issuing body: capitalised lines before the title, or a metadata table, or "CỦA <BODY>"
    lines = [ln.strip(" \t*#|") for ln in mhead.split("\n")[:14]]
    caps = [ln for ln in lines if ln and _is_caps(ln)]
    info: BodyInfo | None = None
    issuer_line = None
    for i, ln in enumerate(caps[:6]):
        low = ln.replace("CỦA ", "").strip()
        bi = classify(low)
        if bi is None:
            continue
        info, issuer_line = bi, low
        nxt = caps[i + 1] if i + 1 < len(caps) else ""
        nxt_body = classify(nxt) if nxt else None
        if nxt.upper().startswith("BAN ") and bi.name.endswith("ủy"):
            # a board under the committee line: "THÀNH ỦY TP HCM" / "BAN TUYÊN GIÁO"
            sub = classify(f"{nxt} {bi.name}")
            if sub is not None:
                info = BodyInfo(sub.name, sub.level, sub.branch, sub.codes, sub.scope, bi.place_text, sub.parent_name)
        elif bi.name.startswith("Ban Chấp hành Đảng bộ") and nxt_body is not None and nxt_body.level == "local":
            # "ĐẢNG BỘ TỈNH QUẢNG NINH" / "TỈNH ỦY": the committee signs, the first line gives the place
            info = BodyInfo(nxt_body.name, nxt_body.level, nxt_body.branch, nxt_body.codes, nxt_body.scope,
                            nxt_body.place_text or bi.place_text, nxt_body.parent_name)
            issuer_line = f"{nxt} {low}"
        elif bi.level == "local" and not bi.place_text and nxt and nxt_body is None and _PLACE_LINE.match(nxt):
            # "ỦY BAN NHÂN DÂN" / "TỈNH QUẢNG NINH"
            info = BodyInfo(bi.name, bi.level, bi.branch, bi.codes, bi.scope, nxt, bi.parent_name)
            issuer_line = f"{low} {nxt}"
        break
    for k in ("cơ quan ban hành", "nơi ban hành"):
        if info is None and k in table:
            info = classify(table[k])
            issuer_line = table[k]
    if info is None and h.symbol_mention is not None:
        named = issuer_of_code(h.symbol_mention.issuer_code)
        if named:
            info = classify(named)
    if info is None:
        # no header: a body that speaks in the opening ("Thành uỷ kết luận:", "Ban Tuyên giáo Thành ủy thông tin")
        sm2 = _SPEAKER.search(matching_form(text[:HEADER_CHARS * 2]))
        if sm2:
            info = classify(sm2["body"])
            issuer_line = sm2["body"]
    h.issuer_info = info
    # jurisdiction
    votes: Counter[str] = gazetteer.jurisdiction_votes(text)
    h.place_votes = votes
    central = info is not None and info.level == "central"
    if sm is not None and sm.symbol and not _symbol_is_local(sm):
        central = True
    if not central:
        place = None
        if info is not None and info.place_text:
            place = gazetteer.canonical(info.place_text)
            if place is None:
                found = gazetteer.find_places(info.place_text)
                place = found[0].name if found else None
        if place is None and info is not None and info.place_text and info.scope == "district" \
                and re.fullmatch(r"[^\W\d_]+(?: [^\W\d_]+){0,3}", info.place_text):
            # a district the gazetteer does not list ("HUYỆN ỦY NAM ĐÀN"): take its name as written, and its
            # province from the line above ("ĐẢNG BỘ TỈNH NGHỆ AN") or the text
            place = info.place_text.title() if info.place_text.isupper() else info.place_text
            found = [p for p in gazetteer.find_places(issuer_line or "") if p.level == "province"]
            h.parent_jurisdiction = found[0].name if found else (votes.most_common(1)[0][0] if votes else None)
        if place is None and issuer_line:
            found = gazetteer.find_places(issuer_line)
            place = found[0].name if found else None
        if place is None and pd:
            place = gazetteer.canonical(pd["place"].strip()) or None
        if place is None and votes:
            place = votes.most_common(1)[0][0]
        h.jurisdiction = place
        h.level = gazetteer.level(place) if place else None
        if h.parent_jurisdiction:
            h.level = "district"
    else:
        h.level = "central"
    if info is not None:
        h.issuer = display_name(info, h.jurisdiction)
    tm = _TERM.search(mhead[:600])
    if tm:
        h.term = tm["k"].upper()
    return h


def _symbol_is_local(m: Mention) -> bool:
    from .symbols import parse

    s = parse(m.symbol or "")
    return bool(s and s.is_local)


def display_name(info: BodyInfo, jurisdiction: str | None) -> str:
    """'Thành ủy' + 'Hải Phòng' -> 'Thành ủy Hải Phòng'; central bodies keep their name.

    >>> display_name(classify("Hội đồng nhân dân thành phố"), "Thành phố Hồ Chí Minh")
    'Hội đồng nhân dân Thành phố Hồ Chí Minh'
    """
    if info.level == "central" or not jurisdiction:
        return info.name
    name = info.name
    for lvl in (" thành phố", " tỉnh", " huyện", " quận", " thị xã"):
        if name.endswith(lvl) and (jurisdiction.lower().startswith(lvl.strip()) or lvl == " tỉnh"):
            name = name[: -len(lvl)]
    return f"{name} {jurisdiction}"

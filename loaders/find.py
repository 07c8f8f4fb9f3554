"""Find: every reference to a document in a text, as Mentions with spans and attributes.

Three forms are found on the matching view (see normalise) and reported with original offsets:

* full:  "Nghị quyết số 31-NQ/TW ngày 30 tháng 12 năm 2022 của Bộ Chính trị", "Luật Cư trú số 81/2006/QH11"
* short: "Nghị quyết 98", "Kết luận 21 của Ban Chấp hành Trung ương", "Nghị quyết số 35 của Quốc hội"
* named: "Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam năm 1992", "Nghị quyết Trung ương 4 (khóa XII)",
  "Nghị quyết Đại hội XIII của Đảng", "Bộ luật hàng hải Việt Nam năm 2005"

Attributes after a mention (date in either form, "của <body>", "(khóa XII)", "về <title>") are read;
a date or body written once after a list ("217-QĐ/TW và 218-QĐ/TW ngày 12 tháng 12 năm 2013 của Bộ Chính
trị") is shared by every member of the list.

>>> ms = find_mentions("Thực hiện Nghị quyết số 31-NQ/TW ngày 30 tháng 12 năm 2022 của Bộ Chính trị về ...")
>>> [(m.symbol, m.label, m.date, m.issuer) for m in ms]
[('31-NQ/TW', 'Resolution', '2022-12-30', 'Bộ Chính trị')]
"""

from __future__ import annotations

import bisect
import re

from ..ontology.vocab import TYPE_CODE_TO_LABEL, TYPE_WORD_TO_LABEL
from . import symbols
from .bodies import classify, compatible
from .dates import DATE, NUMERIC_DATE, iso
from .models import Mention
from .normalise import MatchView

# ---- type words ---------------------------------------------------------------------------------
_TYPE_WORDS = sorted(TYPE_WORD_TO_LABEL, key=len, reverse=True)
# Types whose mention may carry a name between the type word and "số" ("Luật Cư trú số 81/2006/QH11").
_NAMED_TYPES = {"luật", "bộ luật", "pháp lệnh", "hiến pháp", "nghị quyết liên tịch", "thông tư liên tịch"}

# a type word may be broken across lines by PDF extraction ("Nghị\nquyết số ...")
_TW_SPACED = "|".join(re.escape(w).replace("\\ ", r"[ \t]*\n?[ \t]*") for w in _TYPE_WORDS)
_TYPE_WORD_RE = re.compile(rf"(?<!\w)(?:{_TW_SPACED})(?!\w)", re.IGNORECASE)
# What may stand between the type word and the symbol: a name (laws only), "số", "số hiệu:".
_BETWEEN = re.compile(
    r"(?P<name>(?:[ \t]+[^\s,;.:()\"]+){0,16}?)(?P<so>[ \t]+(?:số|sô|số hiệu|s ố)[ \t]*[:.]?)?[ \t]*(?:\n[ \t]*)?",
    re.IGNORECASE,
)
_HEADER_SO = re.compile(r"(?:^|\n)[ \t*|]*(?:số|sô|số hiệu|s ố)[ \t]*[:.|]?[ \t|]*$", re.IGNORECASE)


# Short forms are found from their number: digits are far rarer than the letters type words start with,
# so scanning numbers and looking back for a type word is three times faster than a type-word regex.
_NUMBER = re.compile(r"\d{1,4}(?![\w/\-]|[.,:]\d)")
_NOT_AFTER_NUMBER = re.compile(
    r"[ \t]*(?:năm|tháng|ngày|tuần|giờ|lần|%|người|điều|khoản|mục|nội dung|nhiệm vụ|chỉ tiêu|dự án)(?!\w)",
    re.IGNORECASE,
)
_TYPE_WORD_ENDINGS = tuple(_TYPE_WORDS)


def _short_forms(v: str) -> list[tuple[int, int, str, str]]:
    """(start, end, type word, number) of every "<type word> [số] <number>" in the matching view."""
    out = []
    for m in _NUMBER.finditer(v):
        i = m.start()
        if i < 3 or v[i - 1] not in " \t":
            continue
        w = v[max(0, i - 32):i - 1].lower()
        if w.endswith(("số", "sô")) and len(w) > 3 and w[-3] in " \t":
            w = w[:-3].rstrip(" \t")
        if not w.endswith(_TYPE_WORD_ENDINGS) or _NOT_AFTER_NUMBER.match(v, m.end()):
            continue
        tw = next(t for t in _TYPE_WORDS if w.endswith(t))
        start = max(0, i - 32) + len(w) - len(tw)
        if start and v[start - 1].isalnum():
            continue
        out.append((start, m.end(), v[start:start + len(tw)], m.group(0)))
    return out


_NAMED = re.compile(
    r"(?<![\w])(?:"
    r"(?P<hp>Hiến pháp(?:(?:[ \t]*\n?[ \t]*nước[ \t]*\n?[ \t]*(?i:cộng hòa xã hội chủ nghĩa việt nam))(?:[ \t]*\n?[ \t]*năm[ \t]*\n?[ \t]*(?P<hp_y>\d{4}))?"
    r"|[ \t]*\n?[ \t]*năm[ \t]*\n?[ \t]*(?P<hp_y2>\d{4})))"
    r"|(?P<tw4>Nghị[ \t]*\n?[ \t]*quyết[ \t]*\n?[ \t]*(?:Hội nghị[ \t]*\n?[ \t]*)?Trung[ \t]*\n?[ \t]*ương[ \t]*\n?[ \t]*(?P<tw4_n>\d{1,2})"
    r"(?:[ \t]*\(?[ \t]*khóa[ \t]*\n?[ \t]*(?P<tw4_k>[IVXL]+)[ \t]*\)?)?)"
    r"|(?P<dh>Nghị[ \t]*\n?[ \t]*quyết[ \t]*\n?[ \t]*Đại[ \t]*\n?[ \t]*hội(?:[ \t]*\n?[ \t]*đại biểu)?(?:[ \t]*\n?[ \t]*(?:toàn quốc|lần thứ))?[ \t]*\n?[ \t]*(?P<dh_n>[IVXL]+)"
    r"(?:[ \t]*\n?[ \t]*(?:của[ \t]*\n?[ \t]*)?(?P<dh_of>Đảng bộ[ \t]*\n?[ \t]*(?:thành phố|tỉnh|huyện|quận)|Đảng))?)"
    r"|(?P<dh2>Nghị[ \t]*\n?[ \t]*quyết[ \t]*\n?[ \t]*Đại[ \t]*\n?[ \t]*hội(?:[ \t]*\n?[ \t]*đại biểu)?[ \t]*\n?[ \t]*(?P<dh2_of>Đảng bộ[ \t]*\n?[ \t]*(?:thành phố|tỉnh|huyện|quận))"
    r"[ \t]*\n?[ \t]*lần thứ[ \t]*\n?[ \t]*(?P<dh2_n>[IVXL]+))"
    r"|(?P<law>(?P<law_t>Bộ luật|Luật|Pháp lệnh)[ \t]*\n?[ \t]*(?P<law_n>(?:sửa đổi, bổ sung|[A-ZĐ])(?:[^\n,;.()\"]|, bổ sung){2,140}?)"
    r"[ \t]*\n?[ \t]*(?:ngày[ \t]*\n?[ \t]*(?P<law_d>\d{1,2})[ \t]*\n?[ \t]*tháng[ \t]*\n?[ \t]*(?P<law_m>\d{1,2})[ \t]*\n?[ \t]*)?năm[ \t]*\n?[ \t]*(?P<law_y>\d{4}))"
    r")(?![\w])",
)

# ---- attributes -----------------------------------------------------------------------------------
_DATE = re.compile(
    rf"[ \t]*,?[ \t]*\(?[ \t]*(?:được[ \t]+)?(?:ban hành[ \t]+)?(?:vào[ \t]+)?{DATE}(?:[ \t]*\))?",
    re.IGNORECASE,
)
_TERM = re.compile(r"[ \t]*,?[ \t]*\(?[ \t]*khóa[ \t]*\n?[ \t]*(?P<k>[IVXL]+)\b[ \t]*\)?", re.IGNORECASE)
_BODY_HEAD = (
    r"Bộ Chính trị|Ban Bí thư|Ban Chấp hành|BCH|Ban Thường vụ|Thường trực|Trung ương|Quốc hội|Ủy ban|UBND|"
    r"HĐND|Hội đồng nhân dân|Chính phủ|Thủ tướng|Thành ủy|Tỉnh ủy|Huyện ủy|Quận ủy|Thị ủy|Đảng ủy|Ban Tuyên giáo|"
    r"Ban Tổ chức|Ban Dân vận|Ban Nội chính|Ban Kinh tế|Văn phòng|Bộ [A-ZĐ]\w*|Ngân hàng Nhà nước|Đảng bộ"
)
_BODY = re.compile(
    rf"[ \t]*,?[ \t]*(?P<of>của[ \t]*\n?[ \t]*)?(?:Hội nghị[ \t]+(?:lần thứ[ \t]+\S+|Trung ương[ \t]+\S+)[ \t]+)?"
    rf"(?P<body>(?:{_BODY_HEAD})(?:[ \t]+(?:(?-i:TP\.|Tp\.|[A-ZĐ][^\s,;.:()\"]*)|(?:bộ|thành|phố|tỉnh|huyện|quận|thị|xã|nhân|dân|"
    rf"đảng|trung|ương|ủy|thường|vụ|chấp|hành|chính|phủ|trị|quốc|hội|tp\.?)(?![\w])))"
    rf"{{0,8}})",
    re.IGNORECASE,
)
_TITLE = re.compile(r"[ \t]*,?[ \t]*\"?[ \t]*(?P<t>về[ \t][^\n;]{1,300}?)(?=[;\n]|\.(?:\s|$)|\"|$)",
                    re.IGNORECASE)
# what joins the members of one list ("217-QĐ/TW và 218-QĐ/TW ngày ..."); ";" separates list items that
# carry their own attributes, so it does not join
_CONNECTOR = re.compile(r"^[ \t]*(?:,|và|,[ \t]*và|cùng|cùng với|hoặc)?[ \t]*(?:số[ \t]*)?$", re.IGNORECASE)


_FOOTNOTE = re.compile(r"(?:[\u00b9\u00b2\u00b3\u2070-\u2079]+|\[\d{1,3}\]|\(\d{1,3}\)(?=\s))")


def _read_attrs(v: str, pos: int, limit: int, m: Mention) -> int:
    """Read date / body / term / title after `pos` (view offsets); fill `m`; return the end offset."""
    fm = _FOOTNOTE.match(v, pos, limit)
    end = fm.end() if fm else pos
    for _ in range(5):
        progressed = False
        if m.date is None:
            dm = _DATE.match(v, end, limit)
            if dm:
                m.date = iso(dm["d"], dm["m"], dm["y"])
                end, progressed = dm.end(), True
        if m.issuer is None:
            bm = _BODY.match(v, end, limit)
            if bm and classify(bm["body"]) is not None and (bm["of"] or end != pos or True):
                m.issuer = re.sub(r"\s+", " ", bm["body"]).strip()
                end, progressed = bm.end(), True
        if m.term is None:
            tm = _TERM.match(v, end, limit)
            if tm:
                m.term = tm["k"].upper()
                end, progressed = tm.end(), True
        if not progressed:
            break
    tm2 = _TITLE.match(v, end, limit)
    if tm2:
        m.title = tm2["t"].strip()
    return end


def _label_for(type_word: str | None, sym: symbols.Symbol | None) -> str | None:
    if type_word:
        lab = TYPE_WORD_TO_LABEL.get(type_word.lower())
        if lab:
            return lab
    if sym and sym.type_code:
        return TYPE_CODE_TO_LABEL.get(sym.type_code) or TYPE_CODE_TO_LABEL.get(sym.type_code.upper())
    return None


def find_mentions(text: str | MatchView) -> list[Mention]:
    """All document mentions in `text`, sorted by position, spans in the original text."""
    view = text if isinstance(text, MatchView) else MatchView.of(text)
    v = view.text
    found: list[tuple[int, int, Mention]] = []  # view spans

    # 1. full symbols, with the type word before them
    for sm in symbols.SYMBOL_RE.finditer(v):
        sym = symbols.from_match(sm)
        s0 = sm.start()
        win_start = max(0, s0 - 200)
        window = v[win_start:s0]
        type_word = None
        start = s0
        form = "full"
        found_tw = list(_TYPE_WORD_RE.finditer(window))
        last = found_tw[-1] if found_tw else None
        bm = _BETWEEN.fullmatch(window, last.end()) if last else None
        if bm and last:
            tw = re.sub(r"\s+", " ", last.group(0).lower())
            name = (bm["name"] or "").strip()
            if name and (tw not in _NAMED_TYPES or not bm["so"]):
                bm = None
            else:
                type_word, start = last.group(0), win_start + last.start()
        if bm is None and _HEADER_SO.search(window):
            form = "header"
        m = Mention(start=start, end=sm.end(), quote="", form=form, type_word=type_word, symbol=sym.symbol,
                    number=sym.number, type_code=sym.type_code, issuer_code=sym.issuer_code,
                    symbol_year=sym.year)
        m.label = _label_for(type_word, sym)
        found.append((start, sm.end(), m))

    spans = sorted((s, e) for s, e, _ in found)

    def overlaps(a: int, b: int) -> bool:
        """Does [a, b) overlap a span already taken? (spans do not overlap each other)"""
        i = bisect.bisect_left(spans, (b, -1)) - 1
        return i >= 0 and spans[i][1] > a

    def take(a: int, b: int) -> None:
        bisect.insort(spans, (a, b))

    # 2. named references without a number
    for nm in _NAMED.finditer(v):
        if overlaps(nm.start(), nm.end()):
            continue
        gd = nm.groupdict()
        m = Mention(start=nm.start(), end=nm.end(), quote="", form="named")
        if gd["hp"]:
            m.label, m.title = "Constitution", "Hiến pháp"
            y = gd["hp_y"] or gd["hp_y2"]
            m.symbol_year = int(y) if y else None
        elif gd["tw4"]:
            m.label, m.title = "Resolution", f"Nghị quyết Trung ương {gd['tw4_n']}"
            m.term = gd["tw4_k"].upper() if gd["tw4_k"] else None
            m.issuer = "Ban Chấp hành Trung ương Đảng"
        elif gd["dh"] or gd["dh2"]:
            m.label = "Resolution"
            of = (gd["dh_of"] or gd["dh2_of"] or "Đảng").strip()
            n = (gd["dh_n"] or gd["dh2_n"]).upper()
            m.title = f"Nghị quyết Đại hội {n}" + (f" {of}" if of != "Đảng" else " của Đảng")
            m.term = n
            m.issuer = "Đại hội Đảng toàn quốc" if of == "Đảng" else f"Đại hội {of}"
        else:
            t = gd["law_t"]
            m.label = "Code" if t.lower() == "bộ luật" else ("Ordinance" if t.lower() == "pháp lệnh" else "Law")
            m.title = f"{t} {gd['law_n'].strip()}"
            m.symbol_year = int(gd["law_y"])
            if gd["law_d"]:
                m.date = iso(gd["law_d"], gd["law_m"], gd["law_y"])
        found.append((nm.start(), nm.end(), m))
        take(nm.start(), nm.end())

    # 3. short forms: a type word and a bare number
    for s0, e0, tw, num in _short_forms(v):
        if overlaps(s0, e0):
            continue
        m = Mention(start=s0, end=e0, quote="", form="short", type_word=tw, number=num.lstrip("0") or "0",
                    label=_label_for(tw, None))
        found.append((s0, e0, m))

    found.sort(key=lambda t: t[0])
    # attributes, read up to the next mention
    for i, (_, e, m) in enumerate(found):
        limit = found[i + 1][0] if i + 1 < len(found) else len(v)
        m.attr_end = _read_attrs(v, e, limit, m)
    _share_list_attributes(v, found)
    _table_row_attributes(v, found)
    out: list[Mention] = []
    for s, e, m in found:
        os_, oe = view.to_original(s, e)
        _, oa = view.to_original(s, m.attr_end)
        m.start, m.end, m.attr_end = os_, oe, oa
        m.quote = view.original[os_:oe]
        if m.issuer:
            m.issuer = m.issuer[0].upper() + " ".join(m.issuer[1:].split())
        if m.title:
            m.title = " ".join(m.title.split())
        out.append(m)
    return out


def _share_list_attributes(v: str, found: list[tuple[int, int, Mention]]) -> None:
    """Give list members the date / body / term written once after the last member."""
    for i in range(len(found) - 2, -1, -1):
        _, _, m = found[i]
        ns, _, nxt = found[i + 1]
        if m.form == "named" or nxt.form == "named":
            continue
        gap = v[m.attr_end:ns]
        if not _CONNECTOR.match(gap):
            continue
        # a date or term is shared by documents of one kind from one issuer ("217-QĐ/TW và 218-QĐ/TW")
        same_family = m.form == "short" or (m.issuer_code == nxt.issuer_code and m.type_code == nxt.type_code)
        if m.issuer is None and nxt.issuer:
            info = classify(nxt.issuer)
            if info and compatible(info, m.issuer_code):
                m.issuer = nxt.issuer
        if m.date is None and nxt.date and same_family and m.attr_end == m.end:
            m.date = nxt.date
        if m.term is None and nxt.term and same_family:
            m.term = nxt.term


_CELL_DATE = re.compile(rf"^\s*(?:ngày\s+)?{NUMERIC_DATE}\s*$", re.IGNORECASE)


def _table_row_attributes(v: str, found: list[tuple[int, int, Mention]]) -> None:
    """In a markdown table row ("| 1 | Nghị quyết số 31-NQ/TW | 30/12/2022 | Bộ Chính trị |") the date and the
    body sit in the other cells of the row: take them when the row holds one mention."""
    rows: dict[int, list[Mention]] = {}
    for s, _, m in found:
        ls = v.rfind("\n", 0, s) + 1
        if v.startswith("|", ls) or v[ls:s].lstrip().startswith("|"):
            rows.setdefault(ls, []).append(m)
    for ls, ms in rows.items():
        if len(ms) != 1:
            continue
        m = ms[0]
        le = v.find("\n", ls)
        cells = [c.strip() for c in v[ls:le if le >= 0 else len(v)].strip().strip("|").split("|")]
        for c in cells:
            dm = _CELL_DATE.match(c)
            if m.date is None and dm:
                m.date = iso(dm["d"], dm["m"], dm["y"])
            elif m.issuer is None and c and classify(c) is not None and len(c) < 80:
                m.issuer = c

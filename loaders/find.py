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
from dataclasses import replace

from ..ontology.vocab import TYPE_CODE_TO_LABEL, TYPE_WORD_TO_LABEL
from . import lexicon, symbols
from .bodies import classify, compatible
from .dates import DATE, NUMERIC_DATE, iso
from .forms import ModelForms
from .models import Mention, MentionForm, Symbol
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
# a form's code, not a document: "Mẫu số 03-KNĐ/TW", "biểu mẫu 12-BM/TU"
_FORM_CODE = re.compile(r"(?<!\w)mẫu(?:[ \t]+số)?[ \t]*:?[ \t]*$", re.IGNORECASE)
# a State number cut short of its codes: "số 47/2024" (not a date, a fraction, nor a symbol going on)
# (found from the year, the rarer part: "/2024" not followed by "/"; "số" is checked before the number)
_CUT_SHORT = re.compile(r"/[ \t]*(?P<y>(?:19|20)\d\d)(?![\w/\-]|[ \t]*/|[.,]\d)")
_CUT_SHORT_NUMBER = re.compile(r"(?:^|[^\w/.\-])(?:số|sô)[ \t]*:?[ \t]*(?P<n>\d{1,4})[ \t]*$", re.IGNORECASE)


# Short forms are found from their number: digits are far rarer than the letters type words start with,
# so scanning numbers and looking back for a type word is three times faster than a type-word regex.
# (led by the space before the number: the view has single spaces, and a literal first character scans fast)
_NUMBER = re.compile(r" (?P<n>\d{1,4})(?![\w/\-]|[.,:]\d)")
_NOT_AFTER_NUMBER = re.compile(
    r"[ \t]*(?:năm|tháng|ngày|tuần|giờ|lần|%|người|điều|khoản|mục|nội dung|nhiệm vụ|chỉ tiêu|dự án)(?!\w)",
    re.IGNORECASE,
)
_TYPE_WORD_ENDINGS = tuple(_TYPE_WORDS)
# the last letter before the space in front of a short form's number: a type word's, or that of "số"/"sô"
_LAST_LETTERS = frozenset("".join(t[-1] for t in _TYPE_WORDS) + "ốô") | frozenset(
    "".join(t[-1] for t in _TYPE_WORDS).upper() + "ỐÔ"
)


def _short_forms(v: str) -> list[tuple[int, int, str, str]]:
    """(start, end, type word, number) of every "<type word> [số] <number>" in the matching view."""
    out = []
    for m in _NUMBER.finditer(v):
        i = m.start("n")
        if i < 3 or v[i - 2] not in _LAST_LETTERS:
            continue
        w = v[max(0, i - 32) : i - 1].lower()
        if w.endswith(("số", "sô")) and len(w) > 3 and w[-3] in " \t":
            w = w[:-3].rstrip(" \t")
        if not w.endswith(_TYPE_WORD_ENDINGS) or _NOT_AFTER_NUMBER.match(v, m.end()):
            continue
        tw = next(t for t in _TYPE_WORDS if w.endswith(t))
        start = max(0, i - 32) + len(w) - len(tw)
        if start and v[start - 1].isalnum():
            continue
        out.append((start, m.end(), v[start : start + len(tw)], m["n"]))
    return out


# Documents named without a number, one pattern per kind (tried in this order at one position). Each starts
# with its own words and no look-behind, so the regex engine skips straight to them (five separate scans cost a
# fifth of one alternation led by a word boundary); the boundary before a match is checked in _named_matches.
_NAMED_PATTERNS = (
    (
        "hp",
        r"Hiến pháp(?:(?:[ \t]*\n?[ \t]*nước[ \t]*\n?[ \t]*(?i:cộng hòa xã hội chủ nghĩa việt nam))(?:[ \t]*\n?[ \t]*năm[ \t]*\n?[ \t]*(?P<hp_y>\d{4}))?"
        r"|[ \t]*\n?[ \t]*năm[ \t]*\n?[ \t]*(?P<hp_y2>\d{4}))",
    ),
    (
        "tw4",
        r"Nghị[ \t]*\n?[ \t]*quyết[ \t]*\n?[ \t]*(?:Hội nghị[ \t]*\n?[ \t]*)?Trung[ \t]*\n?[ \t]*ương[ \t]*\n?[ \t]*(?P<tw4_n>\d{1,2})"
        r"(?:[ \t]*\(?[ \t]*khóa[ \t]*\n?[ \t]*(?P<tw4_k>[IVXL]+)[ \t]*\)?)?",
    ),
    (
        "dh",
        r"Nghị[ \t]*\n?[ \t]*quyết[ \t]*\n?[ \t]*Đại[ \t]*\n?[ \t]*hội(?:[ \t]*\n?[ \t]*đại biểu)?(?:[ \t]*\n?[ \t]*(?:toàn quốc|lần thứ))?[ \t]*\n?[ \t]*(?P<dh_n>[IVXL]+)"
        r"(?:[ \t]*\n?[ \t]*(?:của[ \t]*\n?[ \t]*)?(?P<dh_of>Đảng bộ[ \t]*\n?[ \t]*(?:thành phố|tỉnh|huyện|quận)|Đảng))?",
    ),
    (
        "dh2",
        r"Nghị[ \t]*\n?[ \t]*quyết[ \t]*\n?[ \t]*Đại[ \t]*\n?[ \t]*hội(?:[ \t]*\n?[ \t]*đại biểu)?[ \t]*\n?[ \t]*(?P<dh2_of>Đảng bộ[ \t]*\n?[ \t]*(?:thành phố|tỉnh|huyện|quận))"
        r"[ \t]*\n?[ \t]*lần thứ[ \t]*\n?[ \t]*(?P<dh2_n>[IVXL]+)",
    ),
    (
        "law",
        r"(?P<law_t>Bộ luật|Luật|Pháp lệnh)[ \t]*\n?[ \t]*(?P<law_n>(?:sửa đổi, bổ sung|[A-ZĐ])(?:[^\n,;.()\"]|, bổ sung){2,140}?)"
        r"[ \t]*\n?[ \t]*(?:ngày[ \t]*\n?[ \t]*(?P<law_d>\d{1,2})[ \t]*\n?[ \t]*tháng[ \t]*\n?[ \t]*(?P<law_m>\d{1,2})[ \t]*\n?[ \t]*)?năm[ \t]*\n?[ \t]*(?P<law_y>\d{4})",
    ),
)
_NAMED = tuple((kind, re.compile(rf"(?P<{kind}>{p})(?![\w])")) for kind, p in _NAMED_PATTERNS)


def _named_matches(v: str) -> list[tuple[int, str, re.Match[str]]]:
    """Matches of the named patterns that start a word, as one alternation of them would find them: leftmost
    first, the first kind at one position, none inside another."""
    found = []
    for order, (kind, rx) in enumerate(_NAMED):
        pos = 0
        while (m := rx.search(v, pos)) is not None:
            if m.start() and (v[m.start() - 1].isalnum() or v[m.start() - 1] == "_"):
                pos = m.start() + 1  # inside a word: look again from the next character
                continue
            found.append((m.start(), order, kind, m))
            pos = m.end()
    out, end = [], -1
    for start, _, kind, m in sorted(found, key=lambda t: (t[0], t[1])):
        if start >= end:
            out.append((start, kind, m))
            end = m.end()
    return out


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
# "về <title>" after a mention: to the end of its phrase, or of its quotes ("về “…; …”"; a quote that a word
# follows, or that follows a space, opens an inner quote)
_TITLE = re.compile(
    r"[ \t]*,?[ \t]*\"?[ \t]*(?P<t>về[ \t]+(?:\"[^\n]{1,300}?(?<=\S)\"(?!\w)|[^\n;\"]{1,300}?"
    r"(?=[;\n\"]|\.(?:\s|$)|$)))",
    re.IGNORECASE,
)
# where the sentence's own verb starts, the title has ended ("… về quy hoạch tổng thể quốc gia đã xác định …")
_PREDICATE = re.compile(r"[ \t]+(?:đã|đang|sẽ)[ \t]")
# a title cut by the next mention: the sentence goes on with it ("… và", "… gắn với thực hiện") ...
_DANGLING_JOIN = re.compile(
    r"(?:,|[ \t]+(?:và|hoặc|cùng|cùng với|đồng thời|gắn với))"
    r"(?:[ \t]+(?:tiếp tục[ \t]+)?(?:triển khai[ \t]+)?(?:thực hiện|quán triệt))?[ \t,]*$"
)
# ... or the title itself goes on with it ("về tiếp tục thực hiện Nghị quyết số …")
_TITLE_VERBS = lexicon.alternation((*lexicon.carry_out(of_named=True), *lexicon.changes()), space="[ \t]+")
_DANGLING_VERB = re.compile(rf"(?:{_TITLE_VERBS}|sửa đổi, bổ sung|về việc)[ \t]*$")
# what joins the members of one list ("217-QĐ/TW và 218-QĐ/TW ngày ..."); ";" separates list items that
# carry their own attributes, so it does not join
_CONNECTOR = re.compile(r"^[ \t]*(?:,|và|,[ \t]*và|cùng|cùng với|hoặc)?[ \t]*(?:số[ \t]*)?$", re.IGNORECASE)


_FOOTNOTE = re.compile(r"(?:[\u00b9\u00b2\u00b3\u2070-\u2079]+|\[\d{1,3}\]|\(\d{1,3}\)(?=\s))")


def _read_attrs(v: str, pos: int, limit: int, m: Mention) -> Mention:
    """`m` with the date / body / term / title written after `pos` (view offsets) and `attr_end` after them."""
    fm = _FOOTNOTE.match(v, pos, limit)
    end = fm.end() if fm else pos
    date, issuer, body, term = m.date, m.issuer, m.body, m.term
    for _ in range(5):
        progressed = False
        if date is None and (dm := _DATE.match(v, end, limit)):
            date = iso(dm["d"], dm["m"], dm["y"])
            end, progressed = dm.end(), True
        if issuer is None and (bm := _BODY.match(v, end, limit)) and (info := classify(bm["body"])) is not None:
            issuer, body = re.sub(r"\s+", " ", bm["body"]).strip(), info
            end, progressed = bm.end(), True
        if term is None and (tm := _TERM.match(v, end, limit)):
            term = tm["k"].upper()
            end, progressed = tm.end(), True
        if not progressed:
            break
    return replace(m, date=date, issuer=issuer, body=body, term=term, attr_end=end)


def _title_after(v: str, m: Mention, nxt: Mention | None) -> str | None:
    """The "về …" title written after `m`'s attributes, ending with its phrase (see _TITLE and below)."""
    limit = nxt.start if nxt else len(v)
    tm = _TITLE.match(v, m.attr_end, limit)
    if tm is None:
        return m.title
    title = tm["t"]
    if '"' not in title and (pm := _PREDICATE.search(title)):
        title = title[: pm.start()]
    elif tm.end() >= limit and nxt is not None:
        if jm := _DANGLING_JOIN.search(title):
            title = title[: jm.start()]
        elif _DANGLING_VERB.search(title):
            title = f"{title.rstrip()} {v[nxt.start : nxt.attr_end]}"
    return title.strip().rstrip(" ,.…;:") or m.title


def _label_for(type_word: str | None, sym: Symbol | None) -> str | None:
    if type_word:
        lab = TYPE_WORD_TO_LABEL.get(type_word.lower())
        if lab:
            return lab
    if sym and sym.type_code:
        return TYPE_CODE_TO_LABEL.get(sym.type_code) or TYPE_CODE_TO_LABEL.get(sym.type_code.upper())
    return None


class _Taken:
    """The view spans already read as a mention (they do not overlap each other)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)

    def overlaps(self, a: int, b: int) -> bool:
        i = bisect.bisect_left(self.spans, (b, -1)) - 1
        return i >= 0 and self.spans[i][1] > a

    def take(self, a: int, b: int) -> None:
        bisect.insort(self.spans, (a, b))


def _type_word_before(v: str, pos: int) -> tuple[str, int, bool] | None:
    """The type word that a symbol or number at `pos` belongs to: (word, its start, whether "số" stands
    between). A name may stand between for laws and the like ("Luật Cư trú số 81/2006/QH11"), only with "số"."""
    win_start = max(0, pos - 200)
    window = v[win_start:pos]
    found_tw = list(_TYPE_WORD_RE.finditer(window))
    if not found_tw:
        return None
    last = found_tw[-1]
    bm = _BETWEEN.fullmatch(window, last.end())
    if bm is None:
        return None
    if (bm["name"] or "").strip() and (re.sub(r"\s+", " ", last.group(0).lower()) not in _NAMED_TYPES or not bm["so"]):
        return None
    return last.group(0), win_start + last.start(), bool(bm["so"])


# a law's long name, commas and all, before "số" and its symbol ("Luật Phòng, chống tác hại của rượu, bia số
# 44/2019/QH14"): the nearest "Luật" before it (a capital: not "pháp luật")
_LAW_WORD = re.compile(r"(?<!\w)(?:Bộ luật|Luật|BỘ LUẬT|LUẬT)(?=[ \t])")
_LAW_NAME_TO_SO = re.compile(r"[^\n;()\"/]{1,180}?[ \t](?:số|sô)[ \t]*[:.]?[ \t]*")


def _law_named_before(v: str, pos: int, sym: Symbol) -> tuple[str, int, bool] | None:
    """The type word of a law whose long name stands before its symbol, as _type_word_before gives it; only for
    a symbol of the National Assembly without a type code ("24/2018/QH14").

    >>> ms = find_mentions("theo quy định của Luật Phòng, chống ma túy số 23/2000/QH10 đã được sửa đổi")
    >>> [(m.quote, m.label) for m in ms]
    [('Luật Phòng, chống ma túy số 23/2000/QH10', 'Law')]
    """
    if sym.shape != "state_year" or sym.type_code or not (sym.issuer_code or "").startswith("QH"):
        return None
    words = list(_LAW_WORD.finditer(v, max(0, pos - 200), pos))
    if not words or _LAW_NAME_TO_SO.fullmatch(v, words[-1].end(), pos) is None:
        return None
    return ("Bộ luật" if words[-1].group(0)[:3].lower() == "bộ " else "Luật"), words[-1].start(), True


def _full_mentions(v: str) -> list[Mention]:
    """Full symbols, each with the type word before it ("Nghị quyết số 31-NQ/TW", "Luật Cư trú số 81/2006/QH11");
    a symbol after "Số:" on a header line is the document's own (form "header"); a form's code ("Mẫu số
    03-KNĐ/TW") is no document."""
    out = []
    for sm in symbols.SYMBOL_RE.finditer(v):
        sym = symbols.from_match(sm)
        s0 = sm.start()
        if sym is None or _FORM_CODE.search(v, max(0, s0 - 20), s0):
            continue
        tw = _type_word_before(v, s0) or _law_named_before(v, s0, sym)
        form: MentionForm = "full"
        if tw is None and _HEADER_SO.search(v[max(0, s0 - 200) : s0]):
            form = "header"
        out.append(
            Mention(
                start=tw[1] if tw else s0,
                end=sm.end(),
                quote="",
                form=form,
                type_word=tw[0] if tw else None,
                sym=sym,
                label=_label_for(tw[0] if tw else None, sym),
            )
        )
    return out


def _numbers_cut_short(v: str) -> list[Mention]:
    """State numbers written without their codes ("Luật Đầu tư công số 58/2024"): short mentions with the year,
    for the corpus to complete."""
    out = []
    for cm in _CUT_SHORT.finditer(v):
        nm = _CUT_SHORT_NUMBER.search(v, max(0, cm.start() - 16), cm.start())
        if nm is None or (tw := _type_word_before(v, nm.start("n"))) is None or not tw[2]:
            continue
        out.append(
            Mention(
                start=tw[1],
                end=cm.end(),
                quote="",
                form="short",
                type_word=tw[0],
                number=nm["n"].lstrip("0") or "0",
                symbol_year=int(cm["y"]),
                label=_label_for(tw[0], None),
            )
        )
    return out


_Groups = dict[str, str | None]


def _constitution(gd: _Groups, start: int, end: int) -> Mention:
    y = gd.get("hp_y") or gd.get("hp_y2")
    return Mention(
        start=start,
        end=end,
        quote="",
        form="named",
        label="Constitution",
        title="Hiến pháp",
        symbol_year=int(y) if y else None,
    )


def _central_resolution(gd: _Groups, start: int, end: int) -> Mention:
    return Mention(
        start=start,
        end=end,
        quote="",
        form="named",
        label="Resolution",
        title=f"Nghị quyết Trung ương {gd['tw4_n']}",
        issuer="Ban Chấp hành Trung ương Đảng",
        term=(gd["tw4_k"] or "").upper() or None,
    )


def _congress_resolution(gd: _Groups, start: int, end: int) -> Mention:
    of = (gd.get("dh_of") or gd.get("dh2_of") or "Đảng").strip()
    n = (gd.get("dh_n") or gd.get("dh2_n") or "").upper()
    return Mention(
        start=start,
        end=end,
        quote="",
        form="named",
        label="Resolution",
        term=n,
        title=f"Nghị quyết Đại hội {n}" + (f" {of}" if of != "Đảng" else " của Đảng"),
        issuer="Đại hội Đảng toàn quốc" if of == "Đảng" else f"Đại hội {of}",
    )


def _law_by_name(gd: _Groups, start: int, end: int) -> Mention:
    t, y = gd["law_t"] or "", gd["law_y"] or ""
    return Mention(
        start=start,
        end=end,
        quote="",
        form="named",
        label=_NAMED_LABEL[t.lower()],
        title=f"{t} {(gd['law_n'] or '').strip()}",
        symbol_year=int(y),
        date=iso(gd["law_d"], gd["law_m"], y) if gd["law_d"] and gd["law_m"] else None,
    )


_NAMED_LABEL = {"bộ luật": "Code", "pháp lệnh": "Ordinance", "luật": "Law"}
# the kind of named pattern that matched -> the mention it makes
_NAMED_KINDS = {
    "hp": _constitution,
    "tw4": _central_resolution,
    "dh": _congress_resolution,
    "dh2": _congress_resolution,
    "law": _law_by_name,
}


def _named_mentions(v: str, taken: _Taken) -> list[Mention]:
    """Documents named without a number: the Constitution, Central Committee and congress resolutions, laws
    by name and year."""
    out = []
    for start, kind, nm in _named_matches(v):
        if taken.overlaps(start, nm.end()):
            continue
        out.append(_NAMED_KINDS[kind](nm.groupdict(), start, nm.end()))
        taken.take(start, nm.end())
    return out


def _short_mentions(v: str, taken: _Taken) -> list[Mention]:
    """A type word and a bare number ("Nghị quyết 98", "Kết luận số 21")."""
    return [
        Mention(
            start=s0,
            end=e0,
            quote="",
            form="short",
            type_word=tw,
            number=num.lstrip("0") or "0",
            label=_label_for(tw, None),
        )
        for s0, e0, tw, num in _short_forms(v)
        if not taken.overlaps(s0, e0)
    ]


def _in_original(view: MatchView, m: Mention) -> Mention:
    """`m` (view offsets) with offsets, quote and words of the original text."""
    s, e = view.to_original(m.start, m.end)
    _, a = view.to_original(m.start, m.attr_end)
    return replace(
        m,
        start=s,
        end=e,
        attr_end=a,
        quote=view.original[s:e],
        issuer=m.issuer[0].upper() + " ".join(m.issuer[1:].split()) if m.issuer else None,
        title=" ".join(m.title.split()) if m.title else None,
    )


def find_mentions(text: str | MatchView) -> list[Mention]:
    """All document mentions in `text`, sorted by position, spans in the original text."""
    view = text if isinstance(text, MatchView) else MatchView.of(text)
    v = view.text
    found = _full_mentions(v)
    taken = _Taken([(m.start, m.end) for m in found])
    found += [m for m in _numbers_cut_short(v) if not taken.overlaps(m.start, m.end)]
    taken = _Taken([(m.start, m.end) for m in found])
    found += _named_mentions(v, taken)
    found += _short_mentions(v, taken)
    if (forms := ModelForms.of(v)).starts:  # a model form's numbers and examples are no references
        found = [m for m in found if not forms.is_model(m.start)]
    found.sort(key=lambda m: m.start)
    # attributes, read up to the next mention, then the title after them
    found = [
        _read_attrs(v, m.end, found[i + 1].start if i + 1 < len(found) else len(v), m) for i, m in enumerate(found)
    ]
    found = [
        replace(m, title=_title_after(v, m, found[i + 1] if i + 1 < len(found) else None)) for i, m in enumerate(found)
    ]
    found = _table_row_attributes(v, _share_list_attributes(v, found))
    return [_in_original(view, m) for m in found]


def _share_list_attributes(v: str, found: list[Mention]) -> list[Mention]:
    """Give list members the date / body / term written once after the last member (the list is read from
    its end, so a value passes along the whole list)."""
    out = list(found)
    for i in range(len(out) - 2, -1, -1):
        m, nxt = out[i], out[i + 1]
        if m.form == "named" or nxt.form == "named" or not _CONNECTOR.match(v[m.attr_end : nxt.start]):
            continue
        # a date or term is shared by documents of one kind from one issuer ("217-QĐ/TW và 218-QĐ/TW")
        same_family = m.form == "short" or (m.issuer_code == nxt.issuer_code and m.type_code == nxt.type_code)
        shares_body = m.issuer is None and nxt.body is not None and compatible(nxt.body, m.issuer_code)
        out[i] = replace(
            m,
            issuer=nxt.issuer if shares_body else m.issuer,
            body=nxt.body if shares_body else m.body,
            date=nxt.date if m.date is None and same_family and m.attr_end == m.end else m.date,
            term=nxt.term if m.term is None and same_family else m.term,
        )
    return out


_CELL_DATE = re.compile(rf"^\s*(?:ngày\s+)?{NUMERIC_DATE}\s*$", re.IGNORECASE)


def _table_row_attributes(v: str, found: list[Mention]) -> list[Mention]:
    """In a markdown table row ("| 1 | Nghị quyết số 31-NQ/TW | 30/12/2022 | Bộ Chính trị |") the date and the
    body sit in the other cells of the row: take them when the row holds one mention."""
    rows: dict[int, list[int]] = {}
    for i, m in enumerate(found):
        ls = v.rfind("\n", 0, m.start) + 1
        if v.startswith("|", ls) or v[ls : m.start].lstrip().startswith("|"):
            rows.setdefault(ls, []).append(i)
    out = list(found)
    for ls, idx in rows.items():
        if len(idx) != 1:
            continue
        m = out[idx[0]]
        le = v.find("\n", ls)
        date, issuer, body = m.date, m.issuer, m.body
        for c in (c.strip() for c in v[ls : le if le >= 0 else len(v)].strip().strip("|").split("|")):
            if date is None and (dm := _CELL_DATE.match(c)):
                date = iso(dm["d"], dm["m"], dm["y"])
            elif issuer is None and c and len(c) < 80 and (info := classify(c)) is not None:
                issuer, body = c, info
        out[idx[0]] = replace(m, date=date, issuer=issuer, body=body)
    return out

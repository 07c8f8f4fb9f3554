"""The loaded document's own identity, read from its header (and, failing that, its text).

Symbol ("Số: 1330-CV/BTGTU", "Luật số: 12/2012/QH13", "| Số hiệu | 262/2026/NĐ-CP |"), place and date
("TP. Hồ Chí Minh, ngày 11 tháng 10 năm 2023"), type (title line or the symbol's type code), issuing body
(the capitalised lines above the title), jurisdiction (the header's place, else the places the text names).

>>> from policygraph.loaders.find import find_mentions
>>> text = "QUỐC HỘI\\nLuật số: 12/2012/QH13\\nHà Nội, ngày 20 tháng 6 năm 2012\\nLUẬT\\nCÔNG ĐOÀN\\n"
>>> h = read_header(text, find_mentions(text))
>>> (h.symbol, h.date, h.label, h.issuer)
('12/2012/QH13', '2012-06-20', 'Law', 'Quốc hội')
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import replace

from ..ontology.vocab import TYPE_CODE_TO_LABEL, TYPE_WORD_TO_LABEL
from . import gazetteer
from .bodies import BodyInfo, classify, issuer_of_code
from .dates import DATE, NUMERIC_DATE, iso, party_term
from .layout import header_lines
from .models import DocRef, Level, Mention, Symbol
from .normalise import MatchView, matching_form
from .symbols import SYMBOL_RE, from_match, identity_form
from .symbols import parse as parse_symbol
from .titles import is_caps, sentence_case

HEADER_CHARS = 2500

_PLACE_DATE = re.compile(rf"(?:^|\n)[ \t*|]*(?P<place>[^\n,|]{{2,40}}?)[ \t]*,[ \t]*{DATE}", re.IGNORECASE)
_FIELD_KEYS = (
    "số hiệu",
    "số, ký hiệu",
    "số ký hiệu",
    "loại văn bản",
    "hình thức văn bản",
    "nơi ban hành",
    "cơ quan ban hành",
    "ngày ban hành",
    "ngày ký",
    "ban hành ngày",
    "người ký",
    "ngày hiệu lực",
    "tình trạng",
    "lĩnh vực",
)
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
# a header's place-and-date line whose date is not there to read: "Hà Nội, ngày …… tháng …… năm", "ngày0} thángh"
_BLANK_DATE = re.compile(r"(?:^|\n)[^\n,]{2,80},[ \t]*ngày", re.IGNORECASE)
_ANY_DATE = re.compile(DATE, re.IGNORECASE)
_TERM = re.compile(r"khóa[ \t]+(?P<k>[IVXL]+)\b", re.IGNORECASE)


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
    """A header line in capitals (a stricter share than a title's continuation lines)."""
    return is_caps(line, 0.9)


def _header_symbol(view: MatchView, mentions: list[Mention]) -> Mention | None:
    """The mention of the document's own symbol: after "Số:" on a header line, or on a title line in capitals."""
    v = view.text
    titled = None
    for m in mentions:
        if m.start > HEADER_CHARS:
            break
        if m.sym is None:
            continue
        end = view.to_view(m.end)
        line = v[v.rfind("\n", 0, view.to_view(m.start)) + 1 : end]
        syms = list(SYMBOL_RE.finditer(line))
        last = syms[-1] if syms else None
        before = (line[: last.start()] if last else line).strip(" \t*|#").lower()
        if m.form == "header" or _SO_LINE.fullmatch(before):
            return m
        if titled is None and _is_caps(line[: last.start()] if last else line) and _TITLE_SO.fullmatch(before):
            # a title line in capitals: "LUẬT CÔNG ĐOÀN SỐ 12/2012/QH13" (not a sentence citing another law)
            titled = m
    return titled


_SO_LINE = re.compile(
    r"(?:(?:bộ luật|luật|pháp lệnh|nghị quyết|nghị định|quyết định|thông tư|chỉ thị) )?"
    r"(?:số|sô|số hiệu) ?[:.]?|(?:số hiệu|số, ký hiệu|số ký hiệu) ?\|?"
)
_TITLE_SO = re.compile(r"(?:luật|bộ luật|pháp lệnh|nghị quyết)[^\n]{0,80}số ?[:.]?")
_SO_IN_LINES = re.compile(
    r"^[ \t]*(?:(?:bộ luật|luật|pháp lệnh|nghị quyết|nghị định|quyết định|thông tư|chỉ thị)[ \t]+)?"
    r"(?:số|sô|số hiệu|số, ký hiệu|số ký hiệu)[ \t]*[:.]?[ \t]*(?=\d)",
    re.IGNORECASE | re.MULTILINE,
)


def _symbol_in_lines(head: str, mentions: list[Mention]) -> Mention | None:
    """The own symbol read from the header laid out as lines ("Số: 30/2020/NĐ-CP" from a table cell): the
    mention of the opening that writes it."""
    for so in _SO_IN_LINES.finditer(head):
        sm = SYMBOL_RE.match(head, so.end())
        sym = from_match(sm) if sm else None
        if sym is None:
            continue
        key = identity_form(sym.symbol)
        for m in mentions:
            if m.start > HEADER_CHARS * 2:
                break
            if m.sym is not None and identity_form(m.sym.symbol) == key:
                return m
    return None  # a symbol the finder did not take (a model form's sample number) is no one's own


#: the closing sentence of a text (_adopted), looked for once however many facts ask for it
Closing = Callable[[], re.Match[str] | None]


def _date(
    view: MatchView, head: str, table: dict[str, str], sm: Mention | None, mentions: list[Mention], closing: Closing
) -> str | None:
    """The date of issue: "<place>, ngày …" on a header line, a metadata field, the day a law or constitution
    says it was adopted ("Hiến pháp này đã được Quốc hội … thông qua ngày 15 tháng 4 năm 1992"), else (no header
    at all) the first date of the opening that belongs to no cited document ("Hội nghị lần thứ 13 vào ngày
    19/10/2023")."""
    if pd := _PLACE_DATE.search(head):
        return iso(pd["d"], pd["m"], pd["y"])
    for k in ("ngày ban hành", "ngày ký", "ban hành ngày"):
        if k in table and (tm := _TABLE_DATE.search(table[k])):
            return iso(tm["d"], tm["m"], tm["y"])
    if (ad := closing()) is not None:
        return iso(ad["d"], ad["m"], ad["y"])
    if sm is not None or _BLANK_DATE.search("\n".join(head.split("\n")[:15])):
        return None  # a header whose date line cannot be read (a blank form, a handwritten day) has no date
    taken = [(view.to_view(m.start), view.to_view(m.attr_end)) for m in mentions if m.start < _OPENING]
    for dm in _ANY_DATE.finditer(view.text[:_OPENING]):
        if not any(a <= dm.start() < b for a, b in taken):
            return iso(dm["d"], dm["m"], dm["y"])
    return None


# a law's closing: "Luật này đã được Quốc hội nước … khóa XIII, kỳ họp thứ 8 thông qua ngày 26 tháng 11 năm 2014"
_ADOPTED = re.compile(
    rf"(?:Hiến pháp|Bộ luật|Luật|Pháp lệnh|Nghị quyết) này (?:đã )?được (?P<body>Quốc hội|Ủy ban "
    rf"thường vụ Quốc hội)[^.;]{{0,200}}?thông qua(?: vào| trong phiên họp)? {DATE}",
    re.IGNORECASE,
)
_CLOSING = 20_000


def _adopted(view: MatchView) -> re.Match[str] | None:
    """The closing sentence that says who adopted the text and when, in its last _CLOSING characters."""
    return _ADOPTED.search(view.text, max(0, len(view.text) - _CLOSING))


def _label(head: str, table: dict[str, str], sm: Mention | None) -> str | None:
    """The document's class: from its symbol's type word or code, a metadata field, or its title line."""
    if sm is not None and sm.label and sm.form != "header":
        return sm.label
    if sm is not None and sm.type_code and (lab := TYPE_CODE_TO_LABEL.get(sm.type_code)):
        return lab
    for k in ("loại văn bản", "hình thức văn bản"):
        if k in table and (lab := TYPE_WORD_TO_LABEL.get(table[k].lower())):
            return lab
    if tl := _TITLE_LINE.search(head):
        t = tl["t"].lower()
        return "Notice" if t == "thông cáo báo chí" else TYPE_WORD_TO_LABEL.get(t)
    return None


def _issuer_in_caps(head: str) -> tuple[BodyInfo | None, str | None]:
    """The issuing body from the capitalised lines above the title, with the line(s) that name it."""
    caps = [
        ln
        for ln in (ln.strip(" \t*#|") for ln in head.split("\n")[:14])
        if ln and _is_caps(ln) and not _MOTTO.match(ln)
    ]
    for i, ln in enumerate(caps[:6]):
        low = ln.replace("CỦA ", "").strip()
        if (bi := classify(low)) is not None:
            return _with_next_line(bi, low, caps[i + 1] if i + 1 < len(caps) else "")
    return None, None


# the national motto and the Party's name: the right column of a header, never its issuer
_MOTTO = re.compile(r"(?i:c[oộ]ng h(?:oà|òa|oa) x[aã] h[oộ]i|độc lập|đảng cộng sản việt nam)")
_SO_START = re.compile(r"[ \t*]*(?:số|sô|số hiệu)[ \t]*[:.]", re.IGNORECASE)


def _issuer_above_so(head: str) -> tuple[BodyInfo | None, str | None]:
    """The issuer on the first of the lines above the header's "Số:" line, whatever its case: a legacy upper-case
    font (TCVN3's .VnTimeH) stores "Bộ Tài chính" in lower case and shows it in capitals."""
    lines = [ln.strip(" \t*#|") for ln in head.split("\n")[:8]]
    so = next((i for i, ln in enumerate(lines) if _SO_START.match(ln)), None)
    for ln in lines[: min(so or 0, 3)]:
        if ln and (bi := classify(ln)) is not None:
            return bi, ln
    return None, None


def _board_under(bi: BodyInfo, line: str, nxt: str, nxt_body: BodyInfo | None) -> tuple[BodyInfo, str] | None:
    """A board under the committee line: "THÀNH ỦY TP HCM" / "BAN TUYÊN GIÁO"."""
    if not (nxt.upper().startswith("BAN ") and bi.name.endswith("ủy")):
        return None
    sub = classify(f"{nxt} {bi.name}")
    return (replace(sub, place_text=bi.place_text), line) if sub is not None else (bi, line)


def _signer_under(bi: BodyInfo, line: str, nxt: str, nxt_body: BodyInfo | None) -> tuple[BodyInfo, str] | None:
    """The body that signs under the line that places it: "ĐẢNG BỘ TỈNH QUẢNG NINH" / "TỈNH ỦY" (the committee),
    "UBND TỈNH ĐIỆN BIÊN" / "SỞ NỘI VỤ" (the department)."""
    if nxt_body is None:
        return None
    if bi.name.startswith("Ban Chấp hành Đảng bộ") and nxt_body.level == "local":
        return replace(nxt_body, place_text=nxt_body.place_text or bi.place_text), f"{nxt} {line}"
    if bi.name.startswith("Bộ ") and nxt_body.name.startswith("Cục "):  # "BỘ CÔNG THƯƠNG" / "CỤC HÓA CHẤT"
        return replace(nxt_body, parent_name=bi.name), f"{line} {nxt}"
    if bi.name.startswith("Ủy ban nhân dân") and nxt_body.name.startswith("Sở "):
        return replace(nxt_body, place_text=nxt_body.place_text or bi.place_text), f"{line} {nxt}"
    return None


def _place_under(bi: BodyInfo, line: str, nxt: str, nxt_body: BodyInfo | None) -> tuple[BodyInfo, str] | None:
    """The place under a local body: "ỦY BAN NHÂN DÂN" / "TỈNH QUẢNG NINH", "XÃ TÂN PHÚ", read as one line, which
    says the level too."""
    if not (bi.level == "local" and not bi.place_text and nxt and nxt_body is None and _PLACE_LINE.match(nxt)):
        return None
    joined = classify(f"{line} {nxt}")
    if joined is not None and joined.place_text and joined.name.startswith(bi.name):
        return joined, f"{line} {nxt}"
    return replace(bi, place_text=nxt), f"{line} {nxt}"


#: how the line under an issuer's line completes it, tried in order (one entry per header layout)
_UNDER_LINE = (_board_under, _signer_under, _place_under)


def _with_next_line(bi: BodyInfo, line: str, nxt: str) -> tuple[BodyInfo, str]:
    """The body of a header line, completed by the line under it (_UNDER_LINE)."""
    nxt_body = classify(nxt) if nxt else None
    for rule in _UNDER_LINE:
        if (found := rule(bi, line, nxt, nxt_body)) is not None:
            return found
    return bi, line


def _issuer(
    view: MatchView, head: str, table: dict[str, str], sm: Mention | None, closing: Closing
) -> tuple[BodyInfo | None, str | None]:
    """The issuing body and the words that name it: capitalised lines before the title, a metadata field, the
    symbol's issuer code, or a body that speaks in the opening ("Thành uỷ kết luận:", "Ban Tuyên giáo Thành
    ủy thông tin"). A metadata field that names no body may still name the place."""
    info, line = _issuer_in_caps(head)
    if info is None:
        info, line = _issuer_above_so(head)
    if info is not None:
        return info, line
    for k in ("cơ quan ban hành", "nơi ban hành"):
        if k in table:
            line = table[k]
            if (info := classify(line)) is not None:
                return info, line
    if sm is not None and (named := issuer_of_code(sm.issuer_code)):
        return classify(named), line
    if sp := _SPEAKER.search(view.text[: HEADER_CHARS * 2]):
        return classify(sp["body"]), sp["body"]
    if (ad := closing()) is not None:
        return classify(ad["body"]), ad["body"]
    return None, line


def _signed_in(head: str) -> Counter[str]:
    """The province of the header's place of signing ("Đồng Nai, ngày …"), as votes (none when it names none)."""
    pd = _PLACE_DATE.search(head)
    place = gazetteer.canonical(pd["place"].strip()) if pd else None
    return Counter({place: 1}) if place and gazetteer.level(place) == "province" else Counter()


def _district_not_listed(info: BodyInfo, issuer_line: str | None, votes: Counter[str]) -> tuple[str, str | None]:
    """A district or commune the gazetteer does not list ("HUYỆN ỦY NAM ĐÀN", "ỦY BAN NHÂN DÂN XÃ TÂN PHÚ"): its name
    as written, and its province from the line above ("ĐẢNG BỘ TỈNH NGHỆ AN"), else `votes` (the place of signing,
    else the places the text names)."""
    text = info.place_text or ""
    place = text.title() if text.isupper() else text
    found = [p for p in gazetteer.find_places(issuer_line or "") if p.level == "province"]
    return place, found[0].name if found else (votes.most_common(1)[0][0] if votes else None)


def _jurisdiction(
    view: MatchView,
    head: str,
    info: BodyInfo | None,
    issuer_line: str | None,
) -> tuple[str | None, str | None]:
    """The jurisdiction of a local document (and the province of a district the gazetteer does not list): the
    issuer's place, the issuer line, the header's place, else the place the text names most."""
    votes = gazetteer.jurisdiction_votes(view)
    if info is not None and info.place_text:
        place = gazetteer.canonical(info.place_text)
        if place is None and (found := gazetteer.find_places(info.place_text)):
            place = found[0].name
        if place:
            return place, None
        if info.scope in ("district", "commune") and re.fullmatch(r"[^\W\d_]+(?: [^\W\d_]+){0,3}", info.place_text):
            return _district_not_listed(info, issuer_line, _signed_in(head) or votes)
    if issuer_line and (found := gazetteer.find_places(issuer_line)):
        return found[0].name, None
    if (
        info is not None
        and info.level == "local"
        and (pd := _PLACE_DATE.search(head))
        and (place := gazetteer.canonical(pd["place"].strip()))
    ):
        return place, None  # a place of signing is the jurisdiction only of a local issuer
    return (votes.most_common(1)[0][0] if votes else None), None


# what a title block may not hold: the opening of the body, a rule line
_BODY_START = re.compile(
    r"(?:Căn cứ|Thực hiện|Kính gửi|Điều \d+|Chương [IVXL\d]+|Phần thứ|Mục \d+|[IVX]+\.|\d+[.)]|[-+•]|Trên cơ sở|"
    r"Sau khi|Hôm nay|Nơi nhận|Để)(?!\w)"
)
# the issuer's line under the type word; a law of the 1990s puts its name after it: "CỦA QUỐC HỘI … VỀ DẦU KHÍ"
_OF_LINE = re.compile(r"(?:CỦA|Của) .*?(?: (?P<about>(?:VỀ|về) .+))?$")
_SIGNER = re.compile(r"(?i:chủ tịch nước|quốc hội|chính phủ)(?!\w)")
_RULE = re.compile(r"[-_*=.~ ]{3,}")
# what follows a law's name on its title line: "SỐ 18-L/CTN NGÀY 06/07/1993 CỦA QUỐC HỘI VỀ DẦU KHÍ"
_LAW_LINE_NOISE = re.compile(
    rf"(?i:số)\s*:?\s*\S*\d\S*|(?i:ngày)\s+{NUMERIC_DATE}|(?i:của)\s+(?i:quốc hội|"
    r"ủy ban thường vụ quốc hội|hội đồng nhà nước|chủ tịch nước)(?=\s+(?i:về|số|ngày)\s|\s*$)"
)
_PRESS = "THÔNG CÁO BÁO CHÍ"
_NAMED_LABELS = ("Law", "Code", "Ordinance", "Constitution")
_LETTER_SUBJECT = re.compile(r"(?:V/v|v/v|Về|VỀ)[ .:]")
_TRAILING_DATE = re.compile(r"\s*\((?:ngày|từ ngày)[^()]*\)\s*$", re.IGNORECASE)


def _open_marks(s: str) -> bool:
    """Is a quote, a bracket or bold text still open at the end of `s`?"""
    return s.count('"') % 2 == 1 or s.count("(") > s.count(")") or s.count("**") % 2 == 1


def _ends_title(parts: list[str], bare: str) -> bool:
    """Does the non-blank line `bare` end a title that has `parts` so far (without being part of it)?"""
    if _RULE.fullmatch(bare) or _BODY_START.match(bare) or len(bare) > 300:
        return True
    if not parts:
        return False
    if _OF_LINE.match(bare) or (is_caps(bare) and (classify(bare) is not None or _SIGNER.match(bare))):
        return True  # "CỦA QUỐC HỘI KHÓA XII, KỲ HỌP THỨ 5", "QUỐC HỘI KHÓA XII", "CHỦ TỊCH NƯỚC … RA SẮC LỆNH"
    # a title goes on while a quote, bracket or bold is open, in brackets, in lower case, or in capitals
    return not (
        _open_marks(" ".join(parts))
        or bare.startswith(("(", "**"))
        or bare[:1].islower()
        or (is_caps(parts[-1]) and bare.split(" ")[0].isupper())
    )


def _title_block(lines: list[str]) -> str:
    """The lines of a title (after its type word, or a letter's subject line): up to a blank line (unless a
    quote, bracket or bold is open), a rule, the body, or a line that does not continue it. The issuer's line
    under the type word is skipped, or gives the name it holds ("CỦA QUỐC HỘI … VỀ DẦU KHÍ")."""
    parts: list[str] = []
    for ln in lines:
        c = ln.strip(" \t#|")
        bare = c.strip("*_ ")
        if not bare:
            if parts and not _open_marks(" ".join(parts)):
                break
            continue
        if _ends_title(parts, c if c.startswith("**") else bare):
            break
        if not parts and (of := _OF_LINE.match(bare)) is not None:
            if not of["about"]:
                continue  # "CỦA BAN CHẤP HÀNH ĐẢNG BỘ THÀNH PHỐ"
            c = of["about"]
        parts.append(c)
    return " ".join(" ".join(parts).replace("**", " ").split()).strip(" *_")


def _title(head: str, label: str | None, view: MatchView) -> str | None:
    """The document's title from its header: the type word and the subject under it ("LUẬT" / "ĐẤT ĐAI" ->
    "Luật Đất đai"; "NGHỊ QUYẾT" / "về một số chỉ tiêu …"), a press release's headline, or a letter's subject
    line ("V/v …", "Về …")."""
    lines = head.split("\n")
    for i, ln in enumerate(lines[:40]):
        tm = _TITLE_LINE.match(ln)
        if tm is None or not is_caps(ln.strip(" \t*#|")):
            continue
        subject = _title_block([ln[tm.end() :], *lines[i + 1 : i + 14]])
        if tm["t"] == _PRESS:
            return sentence_case(_TRAILING_DATE.sub("", subject), view, "upper") or None
        type_word = tm["t"][:1] + tm["t"][1:].lower()
        if label in _NAMED_LABELS:
            subject = re.sub(r"^(?i:về)\s+", "", " ".join(_LAW_LINE_NOISE.sub(" ", subject).split()))
            return f"{type_word} {sentence_case(subject, view, 'upper')}" if subject else None
        return f"{type_word} {sentence_case(subject, view, 'lower')}" if subject else None
    for i, ln in enumerate(lines[:30]):
        bare = ln.strip(" \t*#|_")
        if _BODY_START.match(bare):
            break
        if _LETTER_SUBJECT.match(bare):
            subject = _title_block(lines[i : i + 8])
            return sentence_case(re.sub(r"^(?:V/v|v/v)\s*", "Về ", subject), view, "upper")
    return None


def _is_central(info: BodyInfo | None, sym: Symbol | None) -> bool:
    """Whether the document is a central one: its issuer says so, else (no issuer read) its symbol's code. A local
    body's own code the symbol tables do not know ("KH-SKHCN" of a province's department) keeps it local."""
    if info is not None:
        return info.level == "central"
    return sym is not None and not sym.is_local


def _source_ref(
    key: str,
    name: str | None,
    sym: Symbol | None,
    date: str | None,
    label: str | None,
    info: BodyInfo | None,
    place: tuple[str | None, str | None],
    term: str | None,
    title: str | None = None,
) -> DocRef:
    """The loaded document's own DocRef from the facts its header gives."""
    central = _is_central(info, sym)
    jurisdiction, parent = (None, None) if central else place
    below: Level = "commune" if info is not None and info.scope == "commune" else "district"
    level: Level | None = (
        "central" if central else (below if parent else (gazetteer.level(jurisdiction) if jurisdiction else None))
    )
    if sym is not None and sym.shape == "party" and not sym.is_local:
        term = party_term(date)
    elif level == "central":
        term = None
    ref = DocRef(
        key=key,
        is_source=True,
        label=label,
        date=date,
        year=int(date[:4]) if date else None,
        name=name,
        title=title,
        issuer=display_name(info, jurisdiction) if info else None,
        body=info,
        jurisdiction=jurisdiction,
        parent_jurisdiction=parent,
        level=level,
        branch=info.branch if info else None,
        term=term,
    )
    if sym is None:
        return ref
    return replace(
        ref,
        symbol=sym.symbol,
        number=sym.number,
        type_code=sym.type_code,
        issuer_code=sym.issuer_code,
        branch="front" if ref.branch == "front" else sym.branch,
        year=ref.year or sym.year,
    )


def read_header(
    text: str | MatchView,
    mentions: list[Mention],
    name: str | None = None,
    key: str = "source",
    fields: Mapping[str, str] | None = None,
) -> DocRef:
    """The DocRef of the document whose full text is `text` (its mentions already found), read from its header.

    Each phase reads one fact: symbol, date, label, issuer, jurisdiction (and level), term, title. `fields`
    (a portal page's attribute table, loaders.portal) are merged over the header's own metadata fields; their
    "số hiệu" gives the symbol and their "trích yếu" the title when the header gives none.
    """
    view = text if isinstance(text, MatchView) else MatchView.of(text)
    head = header_lines(view.text[:HEADER_CHARS])
    sm = _header_symbol(view, mentions) or _symbol_in_lines(head, mentions)
    table = {**metadata_fields(head), **(fields or {})}
    closing = functools.cache(functools.partial(_adopted, view))  # read only when a fact needs it, then once
    info, issuer_line = _issuer(view, head, table, sm, closing)
    own = (fields or {}).get("số hiệu")
    sym = sm.sym if sm is not None else (parse_symbol(own) if own else None)
    central = _is_central(info, sym)
    place = (None, None) if central else _jurisdiction(view, head, info, issuer_line)
    tm = _TERM.search(head[:600])
    label = _label(head, table, sm)
    return _source_ref(
        key,
        name,
        sym,
        _date(view, head, table, sm, mentions, closing),
        label,
        info,
        place,
        tm["k"].upper() if tm else None,
        _title(head, label, view) or (fields or {}).get("trích yếu"),
    )


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

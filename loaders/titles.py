"""Titles: the casing rule for a title written in capitals, and the end of a title cited in running text.

Headers write titles in capitals ("LUẬT" / "NGÂN HÀNG NHÀ NƯỚC VIỆT NAM"); people read them in sentence case
with proper names kept: "Luật Ngân hàng Nhà nước Việt Nam", "Bộ luật Dân sự", "Kết luận Hội nghị Thành ủy
lần thứ 13, khóa XVI". The document's own text usually writes the same words in running text ("Quốc hội ban
hành Luật Ngân hàng Nhà nước Việt Nam."): that casing wins. Otherwise the words are lowered except proper
names (bodies and institutions, Việt Nam, places the gazetteer knows after their admin word), Roman
numerals (khóa XI) and abbreviations with a dot or digit (TP.HCM).

>>> sentence_case("ĐẤT ĐAI", first="upper")
'Đất đai'
>>> sentence_case("KẾT QUẢ HỘI NGHỊ BAN CHẤP HÀNH ĐẢNG BỘ TP.HCM LẦN THỨ 28 (KHÓA XI)")
'Kết quả Hội nghị Ban Chấp hành Đảng bộ TP.HCM lần thứ 28 (khóa XI)'
>>> sentence_case("TỔ CHỨC QUỐC HỘI", text="Quốc hội ban hành Luật tổ chức Quốc hội.", first="upper")
'Tổ chức Quốc hội'
>>> sentence_case("PHÒNG, CHỐNG THIÊN TAI TỈNH QUẢNG NINH")
'Phòng, chống thiên tai tỉnh Quảng Ninh'
>>> sentence_case("XỬ LÝ VI PHẠM HÀNH CHÍNH", first="upper")
'Xử lý vi phạm hành chính'
>>> sentence_case("Về một số chỉ tiêu"), sentence_case("Về một số chỉ tiêu", first="lower")
('Về một số chỉ tiêu', 'về một số chỉ tiêu')
>>> sentence_case("KẾT LUẬN HỘI NGHỊ THÀNH ỦY", first="lower"), sentence_case("HỘI NGHỊ THÀNH ỦY", first="lower")
('kết luận Hội nghị Thành ủy', 'Hội nghị Thành ủy')
"""

from __future__ import annotations

import re
from typing import Literal

from . import gazetteer
from .normalise import MatchView, matching_form

# Proper names in the words that titles use, as they are written in running text.
_PROPER = (
    "Cộng hòa xã hội chủ nghĩa Việt Nam",
    "Đảng Cộng sản Việt Nam",
    "Mặt trận Tổ quốc Việt Nam",
    "Việt Nam",
    "Quốc hội",
    "Ủy ban Thường vụ Quốc hội",
    "Chính phủ",
    "Thủ tướng Chính phủ",
    "Chủ tịch nước",
    "Bộ Chính trị",
    "Ban Bí thư",
    "Ban Chấp hành Trung ương",
    "Ban Chấp hành",
    "Ban Thường vụ",
    "Thường trực",
    "Trung ương",
    "Đảng bộ",
    "Đảng ủy",
    "Thành ủy",
    "Tỉnh ủy",
    "Huyện ủy",
    "Quận ủy",
    "Thị ủy",
    "Đảng",
    "Hội đồng nhân dân",
    "Ủy ban nhân dân",
    "Ủy ban Kiểm tra",
    "Ban Tuyên giáo",
    "Ban Tổ chức",
    "Ban Dân vận",
    "Ban Nội chính",
    "Hội nghị",
    "Đại hội",
    "Nhân dân",
    "Ngân hàng Nhà nước",
    "Kiểm toán nhà nước",
    "Tòa án nhân dân",
    "Viện kiểm sát nhân dân",
    "Công an nhân dân",
    "Quân đội nhân dân",
    "Hồ Chí Minh",
    "Thành phố Hồ Chí Minh",
    "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
    "Công đoàn Việt Nam",
    "Liên Hợp Quốc",
)
_PROPER_RE = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(p.lower()) for p in sorted(_PROPER, key=len, reverse=True)) + r")(?!\w)"
)
_PROPER_BY_LOW = {p.lower(): p for p in _PROPER}
# a Roman numeral after the words that number terms, congresses and parts: "khóa XI", "lần thứ XII"
_ROMAN = re.compile(r"(?<!\w)(khóa|thứ|đại hội|chương|phần|mục|nghị quyết trung ương) ([ivxl]{1,6})(?!\w)")
_KEPT = re.compile(r"\S*[.\d]\S*")  # TP.HCM, COVID-19, T3: written as in the header
# a place after its admin word: "tỉnh Quảng Ninh", "thành phố Hải Phòng", "huyện Nam Đàn"
_ADMIN = re.compile(r"(?<!\w)(tỉnh|thành phố|tp\.?|huyện|quận|thị xã) ((?:\w+ ){0,3}\w+)")
# words that start a title subject without naming it ("về một số chỉ tiêu")
_FUNCTION_START = ("về ", "v/v ", "của ", "đối với ", "trong ", "cho ")


def is_caps(s: str, share: float = 0.7) -> bool:
    """More than `share` of its letters are capitals (a header line), and it has at least four letters.

    >>> is_caps("LUẬT ĐẤT ĐAI"), is_caps("Luật Đất đai"), is_caps("LẦN THỨ 28 (KHÓA XI) (ngày 27)")
    (True, False, True)
    >>> is_caps("LẦN THỨ 28 (KHÓA XI) (ngày 27)", share=0.9)
    False
    """
    letters = "".join(filter(str.isalpha, s))
    return len(letters) >= 4 and sum(map(str.isupper, letters)) > share * len(letters)


def _as_in_text(low: str, view: MatchView) -> str | None:
    """The casing the text gives the words of `low` in running text (most frequent of the first occurrences,
    not in capitals), if any."""
    text, tl = view.text, view.lower
    if len(low) < 4:
        return None
    counts: dict[str, int] = {}
    i, seen_n = tl.find(low), 0
    while i >= 0 and seen_n < 60:
        end = i + len(low)
        if (i == 0 or not tl[i - 1].isalnum()) and (end == len(tl) or not tl[end].isalnum()):
            seen_n += 1
            seen = text[i:end]
            if seen != seen.upper():
                counts[seen[1:]] = counts.get(seen[1:], 0) + 1
        i = tl.find(low, end)
    if not counts:
        return None
    return low[0] + max(counts, key=lambda k: counts[k])


def _places(s: str) -> str:
    """Places the gazetteer knows, after their admin word, in their proper case."""

    def fix(m: re.Match[str]) -> str:
        words = m.group(2).split(" ")
        for n in range(len(words), 0, -1):
            name = gazetteer.canonical(" ".join(words[:n]))
            if name:
                return f"{m.group(1)} {name.removeprefix('Thành phố ')} {' '.join(words[n:])}".rstrip()
        return m.group(0)

    return _ADMIN.sub(fix, s)


def sentence_case(words: str, text: str | MatchView = "", first: Literal["upper", "lower", "auto"] = "auto") -> str:
    """`words` in sentence case with proper names kept, when written in capitals (see the module); `text`: the
    document, whose running-text casing of the same words wins. `first`: "upper" capitalises the first letter
    (a law's name, a headline), "lower" lowers it unless a proper name starts there (a subject after a type
    word), "auto" capitalises it unless a function word starts there ("về …").
    """
    words = " ".join(matching_form(words).split())
    low = words.lower()
    if not (is_caps(words) or (words == words.upper() and words != low)):
        cased = words
    elif text and (found := _as_in_text(low, text if isinstance(text, MatchView) else MatchView.of(text))):
        cased = found
    else:
        cased = _PROPER_RE.sub(lambda m: _PROPER_BY_LOW[m.group(0)], low)
        cased = _ROMAN.sub(lambda m: f"{m.group(1)} {m.group(2).upper()}", cased)
        # abbreviations are kept as the header writes them (every step so far kept the length)
        for m in _KEPT.finditer(words):
            cased = cased[: m.start()] + m.group(0) + cased[m.end() :]
        cased = _places(cased)
    proper_start = bool(_PROPER_RE.match(cased.lower())) and cased[:1].isupper()
    if first == "upper" or (first == "auto" and not low.startswith(_FUNCTION_START)):
        return cased[:1].upper() + cased[1:]
    if first == "lower" and not proper_start:
        return cased[:1].lower() + cased[1:]
    return cased

"""Document symbols (số và ký hiệu): the patterns, parsing and normal form.

Three shapes cover Party and State documents:

* Party and old State: ``31-NQ/TW``, ``46-CTr/TU``, ``1330-CV/BTGTU``, ``21-LCT/HĐNN8``, ``23-L/CTN``
* State with a year:   ``98/2023/QH15``, ``88/2012/NĐ-CP``, ``32/2001/PL-UBTVQH10``
* State without year:  ``14/NQ-CP``, ``641/QĐ-UBND``, ``896/QĐ-TTg``, ``1234/UBND-KT``

Archives write them loosely, and the normal form undoes it: stray spaces ("1330 -CV/BTGTU"), a line break
after a separator ("44/2024/NĐ-\\nCP"), a page number between the two halves of a symbol split across
pages ("12/2025/TT-\\n7\\nBTC"), D for Đ ("QD-TTg"), look-alike letters and dashes (the matching view makes
"NÐ–CP" "NĐ-CP"), codes in the wrong case ("27-CTr/Tu", "17-CTR/TU", "QĐ-TTG") and "Tg" for "TTg".
A file name ("45-NQ/TU.pdf") is not a symbol.

Old and odd spellings name the document their plain spelling names: the Ministry of Finance's old "144/2002/QĐ/BTC"
(a slash before the issuer), the one-code "178/CP" and "814/TTg" of the 1990s, a Party symbol typed in the State
shape ("27/NQ-TW" is "27-NQ/TW"), sub-numbers ("66.2/2025/NQ-CP"), a thousands point ("1.234/QĐ-UBND"), joint
symbols' long issuer lists ("403/2017/NQLT-UBTVQH14-CP-ĐCTUBTWMTTQVN") and OCR's letters for digits ("l5", "I5",
"2O20"). Leading zeros stay as written ("0125/KH-UBND"); the number compared (`Symbol.number`, identity_form)
drops them.

>>> parse("1330 -CV/BTGTU").symbol
'1330-CV/BTGTU'
>>> parse("88/2012/ND-\\nCP").symbol
'88/2012/NĐ-CP'
>>> parse("27-CTR/Tu").symbol, parse("1079/QĐ-Tg").symbol, parse("12/2025/TT-\\n- 7 -\\nBTC").symbol
('27-CTr/TU', '1079/QĐ-TTg', '12/2025/TT-BTC')
>>> p = parse("98/2023/QH15"); (p.number, p.year, p.issuer_code)
('98', 2023, 'QH15')
>>> parse("5-NQ/Ab") is None   # a Party issuer in lower case must still be a committee's code
True
>>> [parse(s).symbol for s in ("144 /2002/QĐ/BTC", "178/CP", "27/NQ- TW", "l5/2020/NÐ-CP", "66.2/2025/NQ-CP")]
['144/2002/QĐ-BTC', '178/CP', '27-NQ/TW', '15/2020/NĐ-CP', '66.2/2025/NQ-CP']
>>> p = parse("0125/KH-UBND"); (p.symbol, p.number)
('0125/KH-UBND', '125')
"""

from __future__ import annotations

import re
import sys

from .models import Symbol

__all__ = ["LOCAL_ISSUERS", "PARTY_TYPES", "SYMBOL_RE", "Symbol", "from_match", "identity_form", "parse"]

_SP = r"[ \t]{0,2}"
# a page number line as PDF or OCR leave it between two pages: "7", "- 7 -", "Trang 7", "Page 7/12"
_PAGE_NO = r"(?:-[ \t]*)?\d{1,4}(?:[ \t]*-)?|(?i:trang|page)[ \t]*\d{1,4}(?:[ \t]*/[ \t]*\d{1,4})?"
# after a separator: a line break, with blank or page-number lines between (a symbol split across pages)
_BREAK_AT = rf"[ \t]*\n(?:[ \t]*(?:{_PAGE_NO})?[ \t]*\n){{0,3}}[ \t]*"
_BR = rf"(?:{_BREAK_AT})?"
_UP = "A-ZĐ"
_AL = "A-Za-zĐđ"
_FILE_EXT = r"\.(?i:pdf|docx?|xlsx?|pptx?|odt|rtf|txt|html?|zip|rar|7z|jpe?g|png|tiff?|signed)\b"

# A number as written: digits, with OCR's letters for digits ("l5", "I5", "2O": see _OCR_DIGITS; it starts with a
# digit or has one soon), a sub-number after a point ("66.2/2025/NQ-CP") or a thousands point ("1.234/QĐ-UBND").
# A digit or one of those letters leads the whole pattern, so the regex engine skips to them; the look-behind
# after it checks what stands before the number.
_NUM = r"(?:\d|[lIO](?=[lIO]{0,3}\d))(?<![\w/.\-].)[\dlIO]{0,4}(?:\.\d{1,3})?"
_YEAR = r"(?:[1lI]9|2[0O])[\dlIO]{2}"
# Old State symbols of one code after the number ("178/CP", "814/TTg"): only these issuers, as written.
_BARE_ISSUERS = {"CP": "CP", "TTg": "TTg", "TTG": "TTg", "HĐBT": "HĐBT", "HDBT": "HĐBT"}
_BARE = "|".join(sorted(_BARE_ISSUERS, key=len, reverse=True))

# The number, then one of four named shapes. Evaluated on the matching view (NFC, Ð -> Đ, dashes plain).
SYMBOL_RE = re.compile(
    rf"(?P<num>{_NUM})(?:{_SP}/{_BR}{_SP}(?:"
    # State with year: 98/2023/QH15, 88/2012/NĐ-CP, 05/2019/TTLT-BTC-BYT, the old 144/2002/QĐ/BTC, joint
    # resolutions' long lists (403/2017/NQLT-UBTVQH14-CP-ĐCTUBTWMTTQVN)
    rf"(?P<y_year>{_YEAR}){_SP}/{_BR}{_SP}"
    rf"(?P<y_codes>[{_UP}][{_AL}]{{0,9}}\d{{0,2}}(?:{_SP}[-/]{_BR}{_SP}[{_UP}][{_AL}]{{0,15}}\d{{0,2}})?"
    rf"(?:{_SP}-{_BR}{_SP}[{_UP}][{_AL}]{{0,15}}\d{{0,2}}){{0,4}})"
    rf"|"
    # State without year: 14/NQ-CP, 641/QĐ-UBND, 896/QĐ-TTg, 1234/UBND-KT
    rf"(?P<s_type>[{_UP}][{_AL}]{{0,7}}){_SP}-{_BR}{_SP}"
    rf"(?P<s_iss>[{_UP}][{_AL}0-9]{{0,11}}(?:-[{_UP}][{_AL}0-9]{{0,11}}){{0,2}})"
    rf"|"
    # old State, one code: 178/CP, 814/TTg
    rf"(?P<b_iss>{_BARE}))"
    rf"|"
    # Party: 31-NQ/TW, 1330 -CV/BTGTU, 21-LCT/HĐNN8, 27-CTr/Tu (checked in from_match)
    rf"{_SP}-{_BR}{_SP}(?P<p_type>[{_UP}][{_AL}]{{0,5}}){_SP}/{_BR}{_SP}"
    rf"(?P<p_iss>[{_AL}][{_AL}Ưư0-9]{{1,11}}(?:-[{_UP}][{_UP}0-9]{{0,9}})?|L-\d{{3}}|TƯ)"
    # a footnote mark (¹ ²) may follow a symbol; a letter, digit, "/" or "-" may not, nor a file extension
    rf")(?![A-Za-zĐđÀ-ỹ0-9_/\-]|{_FILE_EXT})"
)

# Codes that OCR or plain-ASCII typing write with D for Đ.
_D_FIX = {
    "QD": "QĐ",
    "QDI": "QĐi",
    "QDi": "QĐi",
    "ND": "NĐ",
    "HDND": "HĐND",
    "DA": "ĐA",
    "DU": "ĐU",
    "HDNN": "HĐNN",
    "BGDDT": "BGDĐT",
    "HD": "HD",
    "DCS": "ĐCS",
    "DUK": "ĐUK",
    "HDTP": "HĐTP",
    "HDBCQG": "HĐBCQG",
    "LDTBXH": "LĐTBXH",
    "BLDTBXH": "BLĐTBXH",
    "TƯ": "TW",
}

# Issuer codes of local (province / district) bodies: their numbers repeat in every jurisdiction.
LOCAL_ISSUERS = Symbol.LOCAL_ISSUERS
# Party type codes (the middle part of "31-NQ/TW").
PARTY_TYPES = {
    "NQ",
    "KL",
    "CT",
    "QĐ",
    "QĐi",
    "QC",
    "HD",
    "CTr",
    "KH",
    "TB",
    "BC",
    "TTr",
    "ĐA",
    "CV",
    "TT",
    "HĐ",
    "QyĐ",
    "ĐK",
    "TBKL",
}
# Codes written in mixed case, by their capitals ("CTR" -> "CTr", "TTG" -> "TTg"); "Tg" is the Prime
# Minister's "TTg" shortened.
_MIXED_CASE = {c.upper(): c for c in (*PARTY_TYPES, "TTg")} | {"TG": "TTg"}
# A Party issuer is a committee's code: TW, TU, HU, QU, ĐU, TXU, ĐUK or a board of one (BTGTU, VPTW, ...).
_PARTY_ISSUER = re.compile(r"[A-ZĐ]{0,8}(?:TW|TƯ|TU|HU|QU|ĐU|TXU|ĐUK)\d{0,2}")


_BREAK = re.compile(_BREAK_AT)


def _clean(s: str) -> str:
    return re.sub(r"\s+", "", _BREAK.sub("", s))


def _code(part: str, mixed: bool) -> str:
    """The normal form of one code: Đ for D, the written case of mixed-case codes when `mixed`."""
    part = _D_FIX.get(part, part)
    if mixed and (part.upper() in _MIXED_CASE) and (part != part.upper() or part.upper() != "TG"):
        return _MIXED_CASE[part.upper()]
    return part


def _codes(s: str, mixed: bool = True) -> str:
    return "-".join(_code(p, mixed) for p in _clean(s).split("-"))


def _party_issuer(s: str) -> str | None:
    """A Party issuer in capitals; None when a code typed in lower case names no committee ("5-NQ/Ab")."""
    iss = _codes(s, mixed=False)
    if iss == iss.upper():
        return iss
    iss = _codes(s.upper(), mixed=False)
    return iss if _PARTY_ISSUER.fullmatch(iss.split("-")[0]) else None


# What OCR reads for a digit inside a number or year, one entry per spelling: "l5/2020/NĐ-CP", "I5", "2O".
_OCR_DIGITS = str.maketrans({"l": "1", "I": "1", "O": "0"})
# Party committees whose symbols are sometimes typed in the State shape ("27/NQ-TW" for "27-NQ/TW").
_PARTY_COMMITTEES = frozenset({"TW", "TU", "HU", "QU", "ĐU", "TXU", "ĐUK", "VPTW", "BTGTU", "BTCTU", "UBKTTU", "VPTU"})


def _written(num: str) -> str:
    """A number as its document writes it: OCR's letters read as digits, a thousands point dropped ("1.234");
    leading zeros and a sub-number ("66.2") kept.

    >>> _written("0125"), _written("l5"), _written("1.234"), _written("66.2")
    ('0125', '15', '1234', '66.2')
    """
    num = num.translate(_OCR_DIGITS)
    whole, _, sub = num.partition(".")
    return whole + sub if len(sub) == 3 else num


def _number(num: str) -> str:
    """The number compared: leading zeros dropped ("0125" and "125" are one number)."""
    return re.sub(r"^0+(?=\d)", "", num)


def _state_year(num: str, year: str, codes: str) -> Symbol:
    # 98/2023/QH15: the issuer is the whole code, the type is implicit (law / NA resolution)
    parts = codes.split("-")
    type_code, issuer = (None, parts[0]) if len(parts) == 1 else (parts[0], "-".join(parts[1:]))
    y = int(year.translate(_OCR_DIGITS))
    return Symbol(f"{num}/{y}/{codes}", _number(num), _code_of(type_code), _code_of(issuer), y, "state_year")


def _state(num: str, t: str, iss: str) -> Symbol:
    if t in PARTY_TYPES and iss in _PARTY_COMMITTEES:  # "27/NQ-TW": a Party symbol in the State shape
        return Symbol(f"{num}-{t}/{iss}", _number(num), _code_of(t), _code_of(iss), None, "party")
    return Symbol(f"{num}/{t}-{iss}", _number(num), _code_of(t), _code_of(iss), None, "state")


def from_match(m: re.Match[str]) -> Symbol | None:
    """The Symbol of a SYMBOL_RE match; None when its codes turn out to be no document's. (The codes recur
    in every symbol of a kind: one interned copy each, a dense file has millions of symbols.)"""
    g = m.groupdict()
    num = _written(g["num"])
    if g["y_year"]:
        # the old "144/2002/QĐ/BTC" is "144/2002/QĐ-BTC"
        return _state_year(num, g["y_year"], _codes(g["y_codes"].replace("/", "-")))
    if g["p_type"]:
        t, iss = _codes(g["p_type"]), _party_issuer(g["p_iss"])
        return Symbol(f"{num}-{t}/{iss}", _number(num), _code_of(t), _code_of(iss), None, "party") if iss else None
    if g["s_type"]:
        return _state(num, _codes(g["s_type"]), _codes(g["s_iss"]))
    iss = _BARE_ISSUERS[g["b_iss"]]
    return Symbol(f"{num}/{iss}", _number(num), None, _code_of(iss), None, "state")


def _code_of(code: str | None) -> str | None:
    return sys.intern(code) if code else code


def parse(text: str) -> Symbol | None:
    """Parse one symbol written alone; None when `text` is not a symbol."""
    from .normalise import matching_form

    m = SYMBOL_RE.fullmatch(matching_form(text.strip()))
    return from_match(m) if m else None


def identity_form(symbol: str) -> str:
    """The comparison form: leading zeros dropped, case folded, Đ kept.

    >>> identity_form("08-NQ/TU") == identity_form("8-nq/tu")
    True
    """
    s = _clean(symbol)
    s = re.sub(r"^0+(?=\d)", "", s)
    return s.lower()

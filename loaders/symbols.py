"""Document symbols (số và ký hiệu): the patterns, parsing and normal form.

Three shapes cover Party and State documents:

* Party and old State: ``31-NQ/TW``, ``46-CTr/TU``, ``1330-CV/BTGTU``, ``21-LCT/HĐNN8``
* State with a year:   ``98/2023/QH15``, ``88/2012/NĐ-CP``, ``32/2001/PL-UBTVQH10``
* State without year:  ``14/NQ-CP``, ``641/QĐ-UBND``, ``896/QĐ-TTg``, ``1234/UBND-KT``

Stray spaces ("1330 -CV/BTGTU") and a line break after a separator ("44/2024/NĐ-\\nCP") are tolerated.

>>> parse("1330 -CV/BTGTU").symbol
'1330-CV/BTGTU'
>>> parse("88/2012/ND-\\nCP").symbol
'88/2012/NĐ-CP'
>>> p = parse("98/2023/QH15"); (p.number, p.year, p.issuer_code)
('98', 2023, 'QH15')
"""

from __future__ import annotations

import re

from .models import Symbol

__all__ = ["LOCAL_ISSUERS", "PARTY_TYPES", "SYMBOL_RE", "Symbol", "from_match", "identity_form", "parse"]

_SP = r"[ \t]{0,2}"
_BR = r"(?:[ \t]*\n[ \t]*)?"
_UP = "A-ZĐ"
_AL = "A-Za-zĐđ"

# One alternation, three named shapes. Evaluated on the matching view (NFC, Ð -> Đ, dashes plain).
SYMBOL_RE = re.compile(
    rf"(?<![\w/.\-])(?:"
    # State with year: 98/2023/QH15, 88/2012/NĐ-CP, 05/2019/TTLT-BTC-BYT
    rf"(?P<y_num>\d{{1,5}}){_SP}/{_BR}{_SP}(?P<y_year>(?:19|20)\d\d){_SP}/{_BR}{_SP}"
    rf"(?P<y_codes>[{_UP}][{_AL}]{{0,9}}\d{{0,2}}(?:{_SP}-{_BR}{_SP}[{_UP}][{_AL}]{{0,11}}\d{{0,2}}){{0,3}})"
    rf"|"
    # Party: 31-NQ/TW, 1330 -CV/BTGTU, 21-LCT/HĐNN8
    rf"(?P<p_num>\d{{1,5}}){_SP}-{_BR}{_SP}(?P<p_type>[{_UP}][{_AL}]{{0,5}}){_SP}/{_BR}{_SP}"
    rf"(?P<p_iss>[{_UP}][{_UP}0-9]{{1,11}}(?:-[{_UP}][{_UP}0-9]{{0,9}})?|L-\d{{3}}|TƯ)"
    rf"|"
    # State without year: 14/NQ-CP, 641/QĐ-UBND, 896/QĐ-TTg, 1234/UBND-KT
    rf"(?P<s_num>\d{{1,5}}){_SP}/{_BR}{_SP}(?P<s_type>[{_UP}][{_AL}]{{0,7}}){_SP}-{_BR}{_SP}"
    rf"(?P<s_iss>[{_UP}][{_AL}0-9]{{0,11}}(?:-[{_UP}][{_AL}0-9]{{0,11}}){{0,2}})"
    # a footnote mark (¹ ²) may follow a symbol; a letter, digit, "/" or "-" may not
    rf")(?![A-Za-zĐđÀ-ỹ0-9_/\-])"
)

# Codes that OCR or plain-ASCII typing write with D for Đ.
_D_FIX = {
    "QD": "QĐ", "QDI": "QĐi", "QDi": "QĐi", "ND": "NĐ", "HDND": "HĐND", "DA": "ĐA", "DU": "ĐU",
    "HDNN": "HĐNN", "BGDDT": "BGDĐT", "HD": "HD", "DCS": "ĐCS", "DUK": "ĐUK", "HDTP": "HĐTP",
    "HDBCQG": "HĐBCQG", "LDTBXH": "LĐTBXH", "BLDTBXH": "BLĐTBXH", "TƯ": "TW",
}

# Issuer codes of local (province / district) bodies: their numbers repeat in every jurisdiction.
LOCAL_ISSUERS = Symbol.LOCAL_ISSUERS
# Party type codes (the middle part of "31-NQ/TW").
PARTY_TYPES = {"NQ", "KL", "CT", "QĐ", "QĐi", "QC", "HD", "CTr", "KH", "TB", "BC", "TTr", "ĐA", "CV", "TT",
               "HĐ", "QyĐ", "ĐK", "TBKL"}


def _fix(code: str) -> str:
    return "-".join(_D_FIX.get(part, part) for part in code.split("-"))


def _clean(s: str) -> str:
    return re.sub(r"\s+", "", s)


def from_match(m: re.Match[str]) -> Symbol:
    """Build a Symbol from a SYMBOL_RE match."""
    g = m.groupdict()
    if g["y_num"]:
        num, year = g["y_num"], int(g["y_year"])
        codes = _fix(_clean(g["y_codes"]))
        parts = codes.split("-")
        if len(parts) == 1:
            # 98/2023/QH15: the issuer is the whole code, the type is implicit (law / NA resolution)
            type_code, issuer = None, parts[0]
        else:
            type_code, issuer = parts[0], "-".join(parts[1:])
        return Symbol(f"{num}/{year}/{codes}", num.lstrip("0") or "0", type_code, issuer, year, "state_year")
    if g["p_num"]:
        num, t, iss = g["p_num"], _fix(_clean(g["p_type"])), _fix(_clean(g["p_iss"]))
        return Symbol(f"{num}-{t}/{iss}", num.lstrip("0") or "0", t, iss, None, "party")
    num, t, iss = g["s_num"], _fix(_clean(g["s_type"])), _fix(_clean(g["s_iss"]))
    return Symbol(f"{num}/{t}-{iss}", num.lstrip("0") or "0", t, iss, None, "state")


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

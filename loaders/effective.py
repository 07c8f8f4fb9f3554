"""Effective dates: when a document takes effect, and when a change it makes takes effect.

* the document's own: "Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2016", "Quyết định này có hiệu
  lực kể từ ngày ký" (its own date), "... sau 15 ngày kể từ ngày ký", "... từ năm ngân sách 2017";
* a cited document's, said right after it: "Luật Đất đai số 31/2024/QH15 có hiệu lực từ ngày 01/8/2024";
* a change's: "Luật số X hết hiệu lực kể từ ngày 01/7/2021" (that day), "... kể từ ngày Luật này có hiệu
  lực" (the loaded document's effective date).

Texts are in matching form (the MatchView's text).

>>> own_effective("Điều 50. Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2016, trừ ...", None)
'2016-07-01'
>>> own_effective("Quyết định này có hiệu lực sau 10 ngày kể từ ngày ký.", "2025-03-12")
'2025-03-22'
>>> stated_effective(" hết hiệu lực kể từ ngày Luật này có hiệu lực thi hành.", "2021-07-01")
'2021-07-01'
"""

from __future__ import annotations

import datetime as dt
import re

from ..ontology.vocab import TYPE_WORD_TO_LABEL
from .dates import DATE, iso


def _w(words: str) -> str:
    return r"\s+".join(words.split())


_THIS = rf"(?:{'|'.join(_w(w) for w in sorted(TYPE_WORD_TO_LABEL, key=len, reverse=True))}|văn\s+bản)\s+này"
_TAKES_EFFECT = r"có\s+hiệu\s+lực(?:\s+thi\s+hành)?(?:\s+chung)?\s*,?\s*"
_SIGNED = r"ngày\s+(?:ký|ban\s+hành|thông\s+qua|công\s+bố)(?:\s+ban\s+hành)?"
_DATE = DATE.replace("[ \t]", r"\s")
_WHEN = (
    rf"(?:(?:kể\s+)?từ\s+(?:{_DATE}|(?P<signed>{_SIGNED})|năm(?:\s+ngân\s+sách)?\s+(?P<year>\d{{4}}))"
    rf"|sau\s+(?P<days>\d{{1,3}})\s+ngày\s*,?\s+kể\s+từ\s+{_SIGNED})"
)
# found from its rarer words ("này có hiệu lực"), then the type word before them is checked
_ANCHOR = re.compile(r"này\s+có\s+hiệu\s+lực", re.IGNORECASE)
_THIS_BEFORE = re.compile(rf"(?<!\w){_THIS}\s+có\s+hiệu\s+lực$", re.IGNORECASE)
_OWN = re.compile(rf"{_TAKES_EFFECT}{_WHEN}", re.IGNORECASE)
_CITED = re.compile(rf"^[\s,]*(?:(?:đã|sẽ)\s+)?{_TAKES_EFFECT}{_WHEN}", re.IGNORECASE)
_CHANGE = re.compile(
    rf"hết\s+hiệu\s+lực(?:\s+thi\s+hành)?\s*,?\s*(?:(?:kể\s+)?từ\s+ngày\s+(?P<own>{_THIS})|{_WHEN})", re.IGNORECASE
)


def _date_of(m: re.Match[str], signed: str | None) -> str | None:
    if m["y"]:
        return iso(m["d"], m["m"], m["y"])
    if m["year"]:
        return f"{m['year']}-01-01"
    if signed is None:
        return None
    if m["days"]:
        return (dt.date.fromisoformat(signed) + dt.timedelta(days=int(m["days"]))).isoformat()
    return signed


def own_effective(text: str, signed: str | None) -> str | None:
    """The date the loaded document takes effect, from "<type> này có hiệu lực ..."; `signed` is its own
    date (for "kể từ ngày ký")."""
    for a in _ANCHOR.finditer(text):
        m = _OWN.match(text, a.start() + 4)
        if m and _THIS_BEFORE.search(text, max(0, a.start() - 40), a.end()):
            return _date_of(m, signed)
    return None


def cited_effective(after: str) -> str | None:
    """The date a cited document takes effect, when the words right `after` it say so.

    >>> cited_effective(" có hiệu lực thi hành từ ngày 01/8/2024.")
    '2024-08-01'
    """
    m = _CITED.match(after)
    return _date_of(m, None) if m else None


def stated_effective(text: str, own: str | None) -> str | None:
    """When the change `text` states takes effect: its date, or `own` (the loaded document's effective
    date) for "kể từ ngày <this document> có hiệu lực"; None when `text` does not say.

    >>> stated_effective(" hết hiệu lực từ ngày 15/3/2026.", None)
    '2026-03-15'
    """
    m = _CHANGE.search(text)
    if not m:
        return None
    return own if m["own"] else _date_of(m, None)

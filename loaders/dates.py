"""Vietnamese dates: "ngày 30 tháng 12 năm 2022", "ngày 06/12/2022", "ngày ngày 09 tháng 12 năm 2022".

One pattern for every module that reads dates (find, header), one converter to ISO, and the Party
Central Committee term a date falls in.

>>> import re
>>> m = re.search(DATE, "ban hành ngày 06/12/2022 của")
>>> iso(m["d"], m["m"], m["y"])
'2022-12-06'
>>> iso("29", "02", "2015") is None   # not a leap year
True
"""

from __future__ import annotations

import datetime as dt

#: "ngày D tháng M năm Y" or "ngày D/M/Y" (also with "-" or "."); a doubled "ngày" is tolerated.
DATE = (
    r"ngày[ \t]+(?:ngày[ \t]+)?(?P<d>\d{1,2})[ \t]*(?:[/.\-]|[ \t]+tháng[ \t]+)[ \t]*(?P<m>\d{1,2})"
    r"[ \t]*(?:[/.\-]|[ \t]+năm[ \t]+)[ \t]*(?P<y>(?:19|20)\d\d)(?!\d)"
)
#: a bare "D/M/Y" as in a table cell
NUMERIC_DATE = r"(?P<d>\d{1,2})[ \t]*[/.\-][ \t]*(?P<m>\d{1,2})[ \t]*[/.\-][ \t]*(?P<y>(?:19|20)\d\d)(?!\d)"


def iso(d: str, m: str, y: str) -> str | None:
    """ISO date of day, month, year strings; None when no such day exists."""
    try:
        return dt.date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


# Central Committee terms by date of the congress that opened them.
_PARTY_TERMS = [
    ("2001-04-22", "IX"),
    ("2006-04-25", "X"),
    ("2011-01-19", "XI"),
    ("2016-01-28", "XII"),
    ("2021-02-01", "XIII"),
    ("2026-01-23", "XIV"),
]


def party_term(date: str | None) -> str | None:
    """The Central Committee term a date falls in.

    >>> party_term("2022-12-30"), party_term("2016-05-15")
    ('XIII', 'XII')
    """
    if not date:
        return None
    term = None
    for start, name in _PARTY_TERMS:
        if date >= start:
            term = name
    return term

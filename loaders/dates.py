"""Vietnamese dates: "ngày 30 tháng 12 năm 2022", "ngày 06/12/2022", "ngày ngày 09 tháng 12 năm 2022".

One pattern for every module that reads dates (find, header), and one converter to ISO.

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

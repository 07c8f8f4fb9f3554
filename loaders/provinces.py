"""The official lists of provinces and centrally-run cities, and which province a place belongs to on a day.

The lists and the merger table are package data (loaders/data/provinces.json), each with its legal
source: the 63 units in force until 30 June 2025, and the 34 in force since 1 July 2025 (Nghị quyết
202/2025/QH15), each with the former units it is made of; the gazetteer takes its provinces and their
2025 unit (gazetteer.successor_2025) from the same table. A place is rolled up to its province with the
gazetteer (a district-level city to its province; a commune's or a district's document carries the
province in its header, ``parent_jurisdiction``), then, on a day after the reform, to the unit that took
that province over.

>>> len(units_on("2025-06-30")), len(units_on("2025-07-01"))
(63, 34)
>>> province_on("Bắc Giang", "2024-05-01"), province_on("Bắc Giang", "2025-07-01")
('Bắc Giang', 'Bắc Ninh')
>>> province_on("Thủ Dầu Một", "2026-01-01"), province_on("Nam Đàn", "2023-01-01", parent="Nghệ An")
('Thành phố Hồ Chí Minh', 'Nghệ An')
>>> province_on(None, "2025-01-01"), province_on("Paris", "2025-01-01")
(None, None)
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from typing import Any

from . import gazetteer
from .package_data import read_json

__all__ = ["REFORM_2025", "UnitList", "list_on", "lists", "province_on", "sources", "today", "units_on"]

#: the day the 34 units of Nghị quyết 202/2025/QH15 took over from the 63
REFORM_2025 = "2025-07-01"


@dataclass(frozen=True)
class UnitList:
    """One official list: the units in force from `start` to `end` (ISO dates, None = open) and their act."""

    start: str | None
    end: str | None
    source: str
    units: tuple[str, ...]
    #: for each unit, the former units it was made of (the lists after a merger)
    merged_from: dict[str, tuple[str, ...]]

    def covers(self, day: str) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)


def _data() -> dict[str, Any]:
    data: dict[str, Any] = read_json("provinces.json")
    return data


@functools.cache
def lists() -> tuple[UnitList, ...]:
    """The official lists, oldest first.

    >>> [(x.start, x.end, len(x.units)) for x in lists()]
    [(None, '2025-06-30', 63), ('2025-07-01', None, 34)]
    """
    return tuple(
        UnitList(
            start=x["from"],
            end=x["until"],
            source=x["source"],
            units=tuple(u["name"] for u in x["units"]),
            merged_from={u["name"]: tuple(u["merged_from"]) for u in x["units"] if "merged_from" in u},
        )
        for x in _data()["lists"]
    )


def sources() -> list[dict[str, str]]:
    """The acts the lists come from (act, date, in_force, about)."""
    return list(_data()["sources"])


def today() -> str:
    """Today's date, ISO (the default --as-of)."""
    return dt.date.today().isoformat()


def list_on(day: str) -> UnitList:
    """The official list in force on `day` (ISO date).

    >>> list_on("2025-07-01").source
    'Nghị quyết số 202/2025/QH15'
    """
    for x in lists():
        if x.covers(day):
            return x
    raise ValueError(f"no list of provinces covers {day}")


def units_on(day: str) -> list[str]:
    """The provinces and centrally-run cities in force on `day` (ISO date), in the order of their act."""
    return list(list_on(day).units)


@functools.cache
def _successors(day: str) -> dict[str, str]:
    """Each former unit -> the unit in force on `day` that took it over (itself when unchanged)."""
    out: dict[str, str] = {}
    for x in lists():
        if x.start is not None and x.start <= day:
            for unit, parts in x.merged_from.items():
                for old in parts:
                    out[old] = unit
                out.setdefault(unit, unit)
    return {old: out.get(new, new) for old, new in out.items()}


def _province(name: str | None) -> str | None:
    """The province (as of before the reform) of a province or a district-level city the gazetteer knows."""
    p = gazetteer.info(name) if name else None
    if p is None:
        return None
    return p.parent if p.level == "district" else p.name


def province_on(jurisdiction: str | None, day: str, parent: str | None = None) -> str | None:
    """The province in force on `day` that `jurisdiction` belongs to (`parent`: the province its document's
    header names, for a commune or a district the gazetteer does not list); None for a central document or
    a place the gazetteer does not know."""
    prov = _province(parent) or _province(jurisdiction)
    if prov is None:
        return None
    return _successors(day).get(prov, prov) if day >= REFORM_2025 else prov

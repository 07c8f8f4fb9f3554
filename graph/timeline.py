"""When each province carried a central document out, and which have not: plain functions over a coverage
report (graph.coverage.coverage).

For every province of the official list in force on the day asked (loaders.provinces: 34 since 1 July
2025, 63 before), the first document that carries the central one out, directly or through a chain, with
its date and the days after the central document's date; the median and quartiles of those days; the
provinces with none. A date is only as good as its source: a document's own date comes from its header,
a document known only by citation has the date written with the citation; a document without a full date
is listed apart ("no date") and never counted first, and so is one dated before the central document (a
wrong date or a wrong match). Communes, wards and districts roll up to their province, and a merged
province's documents to the province that took it over when the list asked for is the one after the merger.

>>> from policygraph.graph.coverage import CoverageEntry, CoverageReport
>>> def e(n, date, j):
...     return CoverageEntry(node=n, attrs={"symbol": n, "date": date, "jurisdiction": j}, distance=1,
...                          chain=[n, "NQ"], edges=[], jurisdiction=j or "central", issuer="unknown")
>>> rep = CoverageReport(root="NQ", attrs={"symbol": "57-NQ/TW", "date": "2024-12-22"}, types=("IMPLEMENTS",),
...     entries=[e("A", "2025-03-03", "Bắc Giang"), e("B", "2025-02-10", "Đồng Nai"), e("C", None, "Cà Mau"),
...              e("D", "2025-08-18", "Bắc Ninh")])
>>> t = timeline(rep, as_of="2025-06-30")
>>> [(r.province, r.days) for r in t.rows], [r.province for r in t.undated], len(t.missing)
([('Đồng Nai', 50), ('Bắc Giang', 71), ('Bắc Ninh', 239)], ['Cà Mau'], 59)
>>> [(r.province, r.days) for r in timeline(rep, as_of="2025-07-01").rows]
[('Đồng Nai', 50), ('Bắc Ninh', 71)]
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import statistics
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ..loaders import provinces
from .coverage import CoverageEntry, CoverageReport
from .rules import display_name

__all__ = ["TIMELINE_COLUMNS", "Row", "Timeline", "day_of", "refresh", "timeline", "timeline_rows", "timeline_to_dict"]

_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")


def day_of(attrs: Mapping[str, Any]) -> dt.date | None:
    """A document's full date (``date`` as YYYY-MM-DD), or None: a year or a month alone is no date.

    >>> day_of({"date": "2025-02-10"}), day_of({"year": 2025}), day_of({"date": "2025-02-30"})
    (datetime.date(2025, 2, 10), None, None)
    """
    s = str(attrs.get("date") or "")
    if not _ISO.fullmatch(s):
        return None
    try:
        return dt.date.fromisoformat(s)
    except ValueError:
        return None


@dataclass
class Row:
    """A province's document: the first one in `Timeline.rows`, any undated or early one elsewhere."""

    province: str
    entry: CoverageEntry
    date: dt.date | None
    days: int | None  # after the central document's date (None when either has no date)
    documents: int = 1  # the province's documents counted (every one of them, dated or not)

    @property
    def node(self) -> str:
        return self.entry.node


@dataclass
class Timeline:
    root: str
    root_attrs: dict[str, Any]
    as_of: str
    units: list[str]  # the official list in force on as_of (or the one province asked about)
    rows: list[Row] = field(default_factory=list)  # each province's first dated document, by days
    undated: list[Row] = field(default_factory=list)  # documents without a full date
    early: list[Row] = field(default_factory=list)  # documents dated before the central document
    missing: list[str] = field(default_factory=list)  # provinces of `units` with no document at all
    unplaced: list[CoverageEntry] = field(default_factory=list)  # local documents of a place not known

    def stats(self) -> dict[str, Any]:
        """How many provinces have a first date, and the least, quartiles, median and most of their days.

        Quartiles are statistics.quantiles' inclusive method (the median of each half, Excel's QUARTILE.INC).
        """
        days = sorted(r.days for r in self.rows if r.days is not None)
        out: dict[str, Any] = {
            "provinces": len(self.rows),
            "with_days": len(days),
            "listed": len(self.units),
            "missing": len(self.missing),
            "min": None,
            "q1": None,
            "median": None,
            "q3": None,
            "max": None,
        }
        if days:
            q1, med, q3 = statistics.quantiles(days, n=4, method="inclusive") if len(days) > 1 else days * 3
            out.update({"min": days[0], "q1": q1, "median": med, "q3": q3, "max": days[-1]})
        return out


def _province(e: CoverageEntry, as_of: str) -> str | None:
    a = e.attrs
    return provinces.province_on(a.get("jurisdiction"), as_of, a.get("parent_jurisdiction"))


def _units(as_of: str, only: str | None) -> list[str]:
    units = provinces.units_on(as_of)
    if only is None:
        return units
    p = provinces.province_on(only, as_of)
    return [p] if p else []


def timeline(report: CoverageReport, as_of: str | None = None, only: str | None = None) -> Timeline:
    """The timeline of `report`'s documents against the list of provinces in force on `as_of` (ISO date,
    default today). `only`: the place the report was narrowed to (--jurisdiction), whose province alone is
    then listed (so that the others are not called missing)."""
    day = as_of or provinces.today()
    root_day = day_of(report.attrs)
    units = _units(day, only)
    t = Timeline(root=report.root, root_attrs=report.attrs, as_of=day, units=units)
    best: dict[str, Row] = {}
    counts: dict[str, int] = {}
    for e in report.entries:
        if e.jurisdiction == "central":
            continue
        prov = _province(e, day)
        if prov is None:
            t.unplaced.append(e)
            continue
        counts[prov] = counts.get(prov, 0) + 1
        d = day_of(e.attrs)
        row = Row(prov, e, d, (d - root_day).days if d and root_day else None)
        if d is None:
            t.undated.append(row)
        elif root_day and d < root_day:
            t.early.append(row)
        elif prov not in best or (d, e.node) < (best[prov].date, best[prov].node):
            best[prov] = row
    for r in best.values():
        r.documents = counts[r.province]
    t.rows = sorted(best.values(), key=lambda r: (r.date, r.province))
    t.missing = [u for u in units if u not in counts]
    return t


def refresh(t: Timeline, entries: Mapping[str, CoverageEntry]) -> Timeline:
    """`t` with its rows' entries replaced by `entries` (by node): read again in full after a brief walk
    (graph.coverage.read_again)."""

    def again(rows: list[Row]) -> list[Row]:
        return [dataclasses.replace(r, entry=entries.get(r.node, r.entry)) for r in rows]

    return dataclasses.replace(t, rows=again(t.rows), undated=again(t.undated), early=again(t.early))


# ------------------------------------------------------------------------------------------------ answers


def _names(t: Timeline, G: nx.MultiDiGraph | None) -> dict[str, str]:
    """The names of the rows' documents and of every document on their chains (from `G` when given: a
    chain may pass through a document the report does not list, out of --since/--until)."""
    rows = [*t.rows, *t.undated, *t.early]
    names = {n: display_name(G.nodes[n], n) for r in rows for n in r.entry.chain if n in G} if G is not None else {}
    names[t.root] = display_name(t.root_attrs, t.root)
    names.update({r.node: display_name(r.entry.attrs, r.node) for r in rows})
    return names


def _evidence(e: CoverageEntry) -> dict[str, Any] | None:
    step = e.edges[0] if e.edges else {}
    ev = step.get("evidence") or {}
    if not step:
        return None
    return {
        "type": step.get("type"),
        "kind": step.get("kind"),
        "file": ev.get("file") or step.get("source_file"),
        "sentence": ev.get("sentence"),
    }


def _row_dict(r: Row, names: Mapping[str, str]) -> dict[str, Any]:
    e = r.entry
    return {
        "province": r.province,
        "first_date": r.date.isoformat() if r.date else None,
        "days": r.days,
        "document": r.node,
        "name": names.get(r.node, r.node),
        "jurisdiction": e.jurisdiction,
        "issuer": e.issuer,
        "documents": r.documents,
        "distance": e.distance,
        "chain": e.chain,
        "chain_names": [names.get(n, n) for n in e.chain],
        "evidence": _evidence(e),
    }


def timeline_to_dict(t: Timeline, G: nx.MultiDiGraph | None = None) -> dict[str, Any]:
    """A JSON-ready dict: ``{"as_of", "root", "root_date", "timeline": [{"province", "first_date", "days",
    "document", "chain", …}], "stats", "no_date", "before_root", "missing", "unplaced", "list"}``; `G`, the
    graph the report was counted on, names the documents on the chains."""
    names = _names(t, G)
    return {
        "as_of": t.as_of,
        "root": t.root,
        "root_date": (t.root_attrs.get("date") or None),
        "timeline": [_row_dict(r, names) for r in t.rows],
        "stats": t.stats(),
        "no_date": [_row_dict(r, names) for r in t.undated],
        "before_root": [_row_dict(r, names) for r in t.early],
        "missing": t.missing,
        "unplaced": [{"document": e.node, "jurisdiction": e.jurisdiction} for e in t.unplaced],
        "list": {"units": len(t.units), "source": provinces.list_on(t.as_of).source},
    }


#: the columns of a timeline report (CSV/XLSX), in order
TIMELINE_COLUMNS: tuple[str, ...] = (
    "status", "rank", "province", "first_date", "days", "document", "name", "jurisdiction", "issuer",
    "documents", "chain", "relation", "source_file", "sentence",
)  # fmt: skip


def timeline_rows(d: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One row per province of a timeline (``timeline_to_dict`` shape), with TIMELINE_COLUMNS: the first
    documents by days (``status`` "first"), then the undated ones ("no date"), those dated before the
    central document ("before"), and the provinces with none ("missing")."""

    def one(status: str, rank: int | None, r: Mapping[str, Any]) -> dict[str, Any]:
        ev = r.get("evidence") or {}
        return {
            "status": status,
            "rank": rank,
            **{k: r.get(k) for k in TIMELINE_COLUMNS[2:10]},
            "chain": " → ".join(r.get("chain_names") or []),
            "relation": ev.get("type"),
            "source_file": ev.get("file"),
            "sentence": ev.get("sentence"),
        }

    rows = [one("first", i, r) for i, r in enumerate(d["timeline"], 1)]
    rows += [one("no date", None, r) for r in d["no_date"]]
    rows += [one("before", None, r) for r in d["before_root"]]
    rows += [{"status": "missing", "province": p} for p in d["missing"]]
    return rows

"""Where each node of a view is drawn, computed in Python before the page is written (physics stays off).

Two layouts, both linear in the size of the view, deterministic, and free of overlapping nodes:

* :func:`layered` for a focus view: one row per lineage level (what the focus carries out above it,
  what carries it out below it, the focus at level 0), each node placed under or over the node it was
  reached from, rows wrapped when too wide.
* :func:`lanes` for the whole graph: one horizontal lane per jurisdiction (central Party, central State,
  then provinces and districts, the busiest first), time running left to right, documents of one lane
  and period stacked in a column. It answers "how does a central document flow down to provinces" at a
  glance, where a force-directed hairball of thousands of nodes does not (and networkx's spring layouts
  are quadratic: 20,000 nodes would take minutes).

>>> pos = layered({"F": 0, "A": -1, "B": 1, "C": 1}, {"A": "F", "B": "F", "C": "F"}, {})
>>> pos["F"], pos["A"][1] < 0 < pos["B"][1] == pos["C"][1], pos["B"][0] < pos["C"][0]
((0.0, 0.0), True, True)
"""

from __future__ import annotations

import datetime as dt
import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

#: horizontal room of a node whose width is not given
DEFAULT_WIDTH = 120.0
#: widest row of a layered view before it wraps onto another line
MAX_ROW_WIDTH = 1400.0
LEVEL_GAP = 170.0
WRAP_GAP = 80.0

Pos = dict[str, tuple[float, float]]


def pack_row(wanted: Sequence[tuple[str, float, float]]) -> dict[str, float]:
    """x of each (node, wanted x, width) in one row: the order of the wanted x kept, no two nodes closer
    than their half-widths allow, the row's mean x the mean wanted x.

    >>> pack_row([("a", 0, 100), ("b", 0, 100), ("c", 0, 100)])
    {'a': -100.0, 'b': 0.0, 'c': 100.0}
    >>> pack_row([("a", 0, 100), ("b", 0, 100), ("c", 1000, 100)])["c"] > 900
    True
    """
    if not wanted:
        return {}
    xs: list[float] = []
    for i, (_, x, w) in enumerate(wanted):
        xs.append(x if i == 0 else max(x, xs[-1] + (wanted[i - 1][2] + w) / 2))
    shift = (sum(x for _, x, _ in wanted) - sum(xs)) / len(wanted)
    return {n: float(x + shift) for (n, _, _), x in zip(wanted, xs, strict=True)}


def _wrap(row: list[tuple[str, float, float]], max_width: float) -> list[list[tuple[str, float, float]]]:
    lines: list[list[tuple[str, float, float]]] = [[]]
    used = 0.0
    for item in row:
        if lines[-1] and used + item[2] > max_width:
            lines.append([])
            used = 0.0
        lines[-1].append(item)
        used += item[2]
    return lines


def layered(
    levels: Mapping[str, int],
    parent: Mapping[str, str],
    widths: Mapping[str, float],
    order: Sequence[str] = (),
    max_width: float = MAX_ROW_WIDTH,
) -> Pos:
    """Positions for a hierarchy: one row per level (negative levels above level 0), each node wanting
    the x of its parent (the node it was reached from), ties in `order` (e.g. by date), then by id.
    Rows are placed from level 0 outwards, so a parent is placed before its children."""
    rank = {n: i for i, n in enumerate(order)}
    rows: dict[int, list[str]] = defaultdict(list)
    for n, lv in levels.items():
        rows[lv].append(n)
    pos: Pos = {}
    reach = {1: 0.0, -1: 0.0}  # the furthest y used below and above level 0
    for lv in sorted(rows, key=lambda v: (abs(v), -v)):
        sign = -1 if lv < 0 else 1
        y = 0.0 if lv == 0 else reach[sign] + sign * LEVEL_GAP
        placed, extra = _place_row(rows[lv], y, sign, pos, parent, widths, rank, max_width)
        pos.update(placed)
        reach[sign] = y + sign * extra
    return pos


def _place_row(
    nodes: list[str],
    y: float,
    sign: int,
    pos: Pos,
    parent: Mapping[str, str],
    widths: Mapping[str, float],
    rank: Mapping[str, int],
    max_width: float,
) -> tuple[Pos, float]:
    """One level's nodes at `y` (growing away from level 0 when wrapped); returns positions and extra height."""

    def wanted(n: str) -> float:
        p = parent.get(n)
        return pos[p][0] if p in pos else 0.0

    row = sorted(
        ((n, wanted(n), widths.get(n, DEFAULT_WIDTH)) for n in nodes),
        key=lambda t: (t[1], rank.get(t[0], len(rank)), t[0]),
    )
    out: Pos = {}
    lines = _wrap(row, max_width)
    for i, line in enumerate(lines):
        for n, x in pack_row(line).items():
            out[n] = (x, y + sign * i * WRAP_GAP)
    return out, (len(lines) - 1) * WRAP_GAP


# ------------------------------------------------------------------------------------------------ lanes


@dataclass(frozen=True)
class LaneNode:
    """What the lane layout needs of a node: its lane, a date (or None) and its radius."""

    id: str
    lane: str
    date: dt.date | None
    radius: float = 8.0


@dataclass(frozen=True)
class Lane:
    """A drawn lane: its name and the band of y it occupies."""

    name: str
    top: float
    bottom: float


COLUMN_WIDTH = 150.0
LANE_GAP = 60.0
STACK_GAP = 6.0
#: nodes stacked in one column of a period before the stack splits into side-by-side columns
STACK_ROWS = 16


def estimate_dates(nodes: Sequence[LaneNode], citers: Mapping[str, Sequence[str]]) -> dict[str, dt.date | None]:
    """Each node's date, or for an undated one the day before the earliest dated node citing it (it is at
    least that old); None when nothing dated cites it.

    >>> d = estimate_dates([LaneNode("a", "x", dt.date(2020, 5, 1)), LaneNode("b", "x", None)], {"b": ["a"]})
    >>> d["b"]
    datetime.date(2020, 4, 30)
    """
    known = {n.id: n.date for n in nodes}
    out: dict[str, dt.date | None] = {}
    for n in nodes:
        if n.date is not None:
            out[n.id] = n.date
            continue
        dates = [d for c in citers.get(n.id, ()) if (d := known.get(c)) is not None]
        out[n.id] = min(dates) - dt.timedelta(days=1) if dates else None
    return out


def _columns(dates: Mapping[str, dt.date | None], count: int) -> tuple[dict[str, int], dt.date, int]:
    """Column of each node: the time span cut into about `count` equal periods; undated nodes in column 0."""
    known = [d for d in dates.values() if d is not None]
    lo = min(known) if known else dt.date(2000, 1, 1)
    hi = max(known) if known else lo
    days = max(1, (hi - lo).days + 1)
    width = max(1, -(-days // max(1, count)))
    cols = {n: (1 + (d - lo).days // width) if d is not None else 0 for n, d in dates.items()}
    return cols, lo, width


def _stack(members: Sequence[LaneNode], x: float, top: float) -> tuple[Pos, float]:
    """The nodes of one lane and period from `top` down, the largest first; past STACK_ROWS nodes the
    stack continues in narrower side-by-side columns within the period, so no lane grows too tall."""
    ordered = sorted(members, key=lambda m: (-m.radius, m.id))
    cols = max(1, -(-len(ordered) // STACK_ROWS))
    step = COLUMN_WIDTH / cols
    pos: Pos = {}
    height = 0.0
    for c in range(cols):
        y = top
        for m in ordered[c::cols]:
            pos[m.id] = (x - COLUMN_WIDTH / 2 + step * (c + 0.5), y + m.radius)
            y += 2 * m.radius + STACK_GAP
        height = max(height, y - top)
    return pos, height


#: width / height the lanes aim for (a screen beside the panel); the number of periods is chosen for it
LANES_ASPECT = 1.6
_COLUMN_CHOICES = (6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256)


def lanes(
    nodes: Sequence[LaneNode],
    lane_order: Sequence[str],
    citers: Mapping[str, Sequence[str]],
    columns: int | None = None,
) -> tuple[Pos, list[Lane], dict[str, object]]:
    """Positions on lanes (in `lane_order`, top to bottom) by time: the span cut into `columns` periods
    (default: the count whose drawing is closest to LANES_ASPECT wide for high), the nodes of one lane and
    period stacked, the largest first. Returns the positions, the lanes drawn and the time axis (for the
    page's ticks).

    >>> ns = [LaneNode("old", "TW", dt.date(2010, 1, 1)), LaneNode("new", "HN", dt.date(2020, 1, 1))]
    >>> pos, ls, axis = lanes(ns, ["TW", "HN"], {}, columns=10)
    >>> pos["old"][0] < pos["new"][0], pos["old"][1] < pos["new"][1], [lane.name for lane in ls]
    (True, True, ['TW', 'HN'])
    """
    dates = estimate_dates(nodes, citers)
    if columns:
        return _arrange(nodes, lane_order, dates, columns)

    def off_aspect(result: tuple[Pos, list[Lane], dict[str, object]]) -> float:
        drawn = result[1]
        width = float(result[2]["columns"]) * COLUMN_WIDTH  # type: ignore[arg-type]
        height = drawn[-1].bottom - drawn[0].top if drawn else 1.0
        return abs(math.log(max(width, 1.0) / max(height, 1.0) / LANES_ASPECT))

    return min((_arrange(nodes, lane_order, dates, c) for c in _COLUMN_CHOICES), key=off_aspect)


def _arrange(
    nodes: Sequence[LaneNode], lane_order: Sequence[str], dates: Mapping[str, dt.date | None], count: int
) -> tuple[Pos, list[Lane], dict[str, object]]:
    cols, start, days_per_col = _columns(dates, count)
    cells: dict[str, dict[int, list[LaneNode]]] = defaultdict(lambda: defaultdict(list))
    for n in nodes:
        cells[n.lane][cols[n.id]].append(n)
    pos: Pos = {}
    drawn: list[Lane] = []
    top = 0.0
    for name in lane_order:
        height = 0.0
        for col, members in cells[name].items():
            placed, h = _stack(members, col * COLUMN_WIDTH, top)
            pos.update(placed)
            height = max(height, h)
        if height:
            drawn.append(Lane(name, top - LANE_GAP / 3, top + height))
            top += height + LANE_GAP
    axis = {
        "start": start.isoformat(),
        "days_per_column": days_per_col,
        "column_width": COLUMN_WIDTH,
        "columns": max(cols.values(), default=0) + 1,
    }
    return pos, drawn, axis

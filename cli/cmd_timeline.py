"""`policygraph coverage REF --timeline/--missing/--as-of/--plot`: when each province carried REF out, and
which have not (graph.timeline over the coverage report; the picture from visualisations.timeline_plot).

The coverage command walks what carries REF out (briefly: dates and places, no evidence), hands the
report here, and this module reads in full only the documents it shows (the first --limit provinces);
render.timeline prints the answer.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import networkx as nx
import typer

from ..graph import coverage as cov
from ..graph import timeline as tl
from . import render
from .common import around, check_output, echo_json, fail, read_in_full, write_rows

if TYPE_CHECKING:
    from ..graph.source import GraphSource

TimelineOpt = Annotated[
    bool,
    typer.Option(
        "--timeline",
        help="For every province, the first document carrying REF out (directly or through a "
        "chain), its date and the days after REF's, sorted by days, with the median and quartiles.",
    ),
]
MissingOpt = Annotated[
    bool,
    typer.Option(
        "--missing",
        help="The provinces with no document carrying REF out, against the official list in force on "
        "--as-of (34 since 1 July 2025, 63 before).",
    ),
]
AsOfOpt = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        show_default=False,
        help="The day whose list of provinces counts (default: today); a merged province's documents count for "
        "the province that took it over when DATE is on or after 2025-07-01. Documents are not cut at DATE: "
        "add --until DATE for that.",
    ),
]
PlotOpt = Annotated[
    Path | None,
    typer.Option(
        "--plot",
        metavar="FILE",
        show_default=False,
        help="With --timeline: draw the days per province (and the missing ones) to FILE.svg or FILE.png.",
    ),
]


@dataclass(frozen=True)
class TimelineArgs:
    timeline: bool
    missing: bool
    as_of: str | None
    plot: Path | None
    only: str | None  # --jurisdiction
    limit: int
    as_json: bool
    report: Path | None
    store: str | None

    def __bool__(self) -> bool:
        return self.timeline or self.missing or self.plot is not None


def as_of_day(text: str | None) -> str | None:
    """--as-of as an ISO date (2025-07-01 or 1/7/2025); None for today."""
    if text is None:
        return None
    t = text.strip()
    if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", t):
        t = f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    if tl.day_of({"date": t}) is None:
        raise typer.BadParameter(f"{text!r} is not a day: give 2025-07-01", param_hint="--as-of")
    return t


def check(args: TimelineArgs) -> None:
    """Refuse what cannot be answered before any walk: --as-of that is no day, --plot's format, its place."""
    as_of_day(args.as_of)
    if args.plot is not None:
        if args.plot.suffix.lower() not in (".svg", ".png"):
            raise typer.BadParameter(f"{args.plot}: give a .svg or .png file", param_hint="--plot")
        check_output(args.plot, args.store)


def answer(
    src: GraphSource,
    G: nx.MultiDiGraph,
    rep: cov.CoverageReport,
    follow: tuple[str, ...],
    args: TimelineArgs,
    brief: bool,
) -> None:
    """Print (or write) the timeline of a coverage report. The walk `G` was brief (dates and places, no
    evidence: graph.source.GraphSource.neighbourhood): the documents shown are read in full here, at most
    one per province (and the undated ones) whatever the number of documents counted."""
    try:
        t = tl.timeline(rep, as_of_day(args.as_of), args.only)
    except ValueError as e:
        fail(str(e), 2)
    if brief:
        shown = _shown(t, args)
        read_in_full(src, G, shown, follow)
        sub = dataclasses.replace(rep, entries=[rep.entry(n) for n in shown])
        t = tl.refresh(t, {e.node: e for e in cov.read_again(sub, G, len(shown)).entries})
    d = tl.timeline_to_dict(t, G)
    if args.plot is not None:
        _plot(d, args.plot)
    if args.report is not None and _report(d, args):
        return  # the rows went to standard output
    if args.as_json:
        echo_json(_json(d, args))
        return
    render.timeline(t, d, args.timeline, args.missing, args.limit)


def timeline_of(src: GraphSource, node: str, as_of: str | None) -> dict:
    """The timeline of `node` (through IMPLEMENTS) as timeline_to_dict gives it, from a brief walk: the
    HTML view's panel (names and dates only, no evidence)."""
    G = around(src, node, [("down", None, ("IMPLEMENTS",))], unnamed_only=True, brief=True)
    return tl.timeline_to_dict(tl.timeline(cov.coverage(G, node), as_of))


def _shown(t: tl.Timeline, args: TimelineArgs) -> list[str]:
    """The documents whose names and evidence the answer shows: the first --limit provinces' in the text,
    every province's first (and the undated and early ones) in --json, --report and the picture."""
    if not (args.timeline or args.plot is not None):
        return []
    if args.as_json or args.report is not None or args.plot is not None or not args.limit:
        return [r.node for r in (*t.rows, *t.undated, *t.early)]
    return [r.node for r in t.rows[: args.limit]]


def _json(d: dict, args: TimelineArgs) -> dict:
    keep = {"as_of", "root", "root_date", "list"}
    if args.timeline or args.plot is not None:
        keep |= {"timeline", "stats", "no_date", "before_root", "unplaced"}
    if args.missing or args.timeline:
        keep.add("missing")
    return {k: v for k, v in d.items() if k in keep}


def _plot(d: dict, path: Path) -> None:
    from ..visualisations.timeline_plot import write_plot

    try:
        write_plot(d, path)
    except OSError as e:
        fail(f"{path}: {e.strerror or e}", 1)
    render.plotted(path, d)


def _report(d: dict, args: TimelineArgs) -> bool:
    """Write the timeline's rows (--report); True when they went to standard output (common.write_rows)."""
    rows = tl.timeline_rows(d)
    if not args.timeline:
        rows = [r for r in rows if r["status"] == "missing"]
    assert args.report is not None
    return write_rows(rows, tl.TIMELINE_COLUMNS, args.report, args.store)

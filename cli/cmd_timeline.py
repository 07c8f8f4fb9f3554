"""`policygraph coverage REF --timeline/--missing/--as-of/--plot`: when each province carried REF out, and
which have not (graph.timeline over the coverage report; the picture from visualisations.timeline_plot).

The coverage command walks what carries REF out (briefly: dates and places, no evidence), hands the
report here, and this module reads in full only the documents it shows (the first --limit provinces).
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import networkx as nx
import typer
from rich.table import Table
from rich.text import Text

from ..graph import coverage as cov
from ..graph import queries as q
from ..graph import timeline as tl
from .common import around, check_output, clean, echo_json, err, fail, out, plural, read_in_full, write_rows

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
    if args.report is not None:
        _report(d, args)
        if str(args.report) == "-":
            return
    if args.as_json:
        echo_json(_json(d, args))
        return
    _print(t, d, args)


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
    err.print(f"wrote {path}: {plural(len(d['timeline']), 'province')} with a date, {len(d['missing'])} missing")


def _report(d: dict, args: TimelineArgs) -> None:
    rows = tl.timeline_rows(d)
    if not args.timeline:
        rows = [r for r in rows if r["status"] == "missing"]
    assert args.report is not None
    write_rows(rows, tl.TIMELINE_COLUMNS, args.report, args.store)


def _stats_text(s: dict, root_date: str | None) -> str:
    if not root_date:
        return "REF has no date: the days after it cannot be counted (sorted by date)"
    if s["median"] is None:
        return "no province has a dated document after REF's date"
    return (
        f"days after REF: median {s['median']:g}, quartiles {s['q1']:g}–{s['q3']:g}, "
        f"fastest {s['min']}, slowest {s['max']} ({plural(s['with_days'], 'province')})"
    )


def _timeline_table(t: tl.Timeline, d: dict, limit: int) -> Table:
    rows = d["timeline"] if not limit else d["timeline"][:limit]
    table = Table(
        title=f"first document per province ({len(rows)} of {len(d['timeline'])}, by days)", title_justify="left"
    )
    for col, just in (
        ("#", "right"),
        ("province", "left"),
        ("first date", "left"),
        ("days", "right"),
        ("document", "left"),
        ("chain", "left"),
        ("evidence", "left"),
    ):
        table.add_column(col, justify=just, overflow="fold")  # type: ignore[arg-type]
    for i, r in enumerate(rows, 1):
        ev = r["evidence"] or {}
        snip = q.evidence_snippet(clean(ev.get("sentence") or ""), t.root_attrs.get("symbol"), 90)
        evid = Text("“" + snip + "”", style="italic") if snip else Text("(no evidence sentence)", style="dim")
        if ev.get("file"):
            evid.append(f"  — {clean(ev['file'])}", style="dim")
        more = f"\n({r['documents']} documents)" if r["documents"] > 1 else ""
        table.add_row(
            str(i),
            clean(r["province"]) + more,
            r["first_date"],
            str(r["days"]) if r["days"] is not None else "?",
            clean(r["name"]),
            clean(" → ".join(r["chain_names"])),
            evid,
        )
    return table


def _apart(title: str, rows: list[dict], limit: int) -> Text:
    shown = rows[:limit] if limit else rows
    t = Text(f"{title} ({len(rows)}): ", style="bold")
    t.append("; ".join(f"{clean(r['province'])}: {clean(r['name'])}" for r in shown))
    if len(shown) < len(rows):
        t.append(f"; … (+{len(rows) - len(shown)}: --json or --report lists them all)", style="dim")
    return t


def _print(t: tl.Timeline, d: dict, args: TimelineArgs) -> None:
    root = Text(clean(q.display_name(t.root_attrs, t.root)), style="bold")
    root.append(f"  {t.root_attrs.get('date') or 'no date'}  [{t.root}]", style="dim")
    out.print(root)
    out.print(
        Text(
            f"provinces as of {t.as_of}: {len(t.units)} in the list ({d['list']['source']})"
            if len(t.units) > 1
            else f"as of {t.as_of}: {', '.join(t.units) or 'no known province'}",
            style="dim",
        )
    )
    if args.timeline:
        out.print(
            Text(
                f"{plural(len(d['timeline']), 'province')} carried it out with a dated document; "
                + _stats_text(d["stats"], d["root_date"])
            )
        )
        if d["timeline"]:
            out.print(_timeline_table(t, d, args.limit))
        if d["timeline"] and args.limit and len(d["timeline"]) > args.limit:
            out.print(Text(f"--limit {len(d['timeline'])} or --limit 0 for every province", style="dim"))
        for title, key in (
            ("no date (never counted first)", "no_date"),
            ("dated before REF (a wrong date or a wrong match; never counted first)", "before_root"),
        ):
            if d[key]:
                out.print(_apart(title, d[key], args.limit))
        if d["unplaced"]:
            out.print(
                Text(
                    f"{plural(len(d['unplaced']), 'local document')} of a place not in the gazetteer: "
                    + ", ".join(sorted({clean(u["jurisdiction"]) for u in d["unplaced"]})),
                    style="dim",
                )
            )
    if args.missing or args.timeline:
        miss = Text(f"missing ({len(d['missing'])} of {len(t.units)}): ", style="bold")
        miss.append(", ".join(clean(p) for p in d["missing"]) or "none")
        out.print(miss)

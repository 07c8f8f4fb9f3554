"""`policygraph status REF [--at DATE]`: is a document in force, and what amended, replaced or repealed it.

Reads the document and the SUPERSEDES edges into it (graph.validity), from the store or Neo4j. Exit codes:
0 done, 1 REF matches nothing, 2 REF is ambiguous (the candidates are listed) or the graph cannot be read.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

import typer
from rich.text import Text

from ..graph import queries as q
from ..graph import validity
from ..loaders.dates import iso
from .app import app
from .common import (
    JsonOpt,
    RefArg,
    Source,
    around,
    clean,
    echo_json,
    open_source,
    out,
    plural,
    resolve_one,
    with_source,
)

_WORDS: dict[str, str] = {
    "in_force": "in force",
    "not_yet_in_force": "not yet in force",
    "amended": "in force, amended by",
    "partly_repealed": "in force, partly repealed by",
    "replaced": "no longer in force: replaced by",
    "repealed": "no longer in force: repealed by",
}
_STYLE = {
    "in_force": "green",
    "amended": "green",
    "partly_repealed": "yellow",
    "not_yet_in_force": "yellow",
    "replaced": "red",
    "repealed": "red",
}
_DAY = re.compile(r"^(?P<d>\d{1,2})[/.\-](?P<m>\d{1,2})[/.\-](?P<y>\d{4})$")


def parse_day(value: str) -> str:
    """An ISO day from "2021-07-01", "1/7/2021" or "01.07.2021"; BadParameter otherwise.

    >>> parse_day("1/7/2021"), parse_day("2021-07-01")
    ('2021-07-01', '2021-07-01')
    """
    m = _DAY.match(value.strip())
    day = iso(m["d"], m["m"], m["y"]) if m else None
    if day is None:
        try:
            day = dt.date.fromisoformat(value.strip()).isoformat()
        except ValueError:
            raise typer.BadParameter(f"{value!r} is not a date (2021-07-01 or 1/7/2021)", param_hint="--at") from None
    return day


@app.command()
@with_source
def status(
    ref: RefArg,
    at: Annotated[
        str | None,
        typer.Option(
            "--at",
            metavar="DATE",
            show_default=False,
            help="The day to ask about: 2021-07-01 or 1/7/2021 (default: today).",
        ),
    ] = None,
    top: Annotated[int, typer.Option("--top", min=1, metavar="N", help="Show at most N changes of each list.")] = 10,
    as_json: JsonOpt = False,
    *,
    source: Source,
) -> None:
    """Is a document in force on a day? In force, amended by …, partly repealed by …, replaced by … or
    repealed by …, from the SUPERSEDES edges into it, each with its evidence sentence and file.

    Examples:

      policygraph status 81/2006/QH11

      policygraph status "Bộ luật Dân sự" --at 1/1/2017

      policygraph status 33/2005/QH11 --json

    Exit code 1 when REF matches nothing; 2 when it is ambiguous or the graph cannot be read.
    """
    day = parse_day(at) if at else dt.date.today().isoformat()
    with open_source(source) as src:
        node = resolve_one(src, ref, as_json)
        G = around(src, node, [("down", 1, ["SUPERSEDES"])])
    v = validity.status(G, node, day)
    if as_json:
        echo_json(
            {
                **validity.to_dict(v),
                "name": q.display_name(G.nodes[node], node),
                "by_names": {c.by: q.display_name(G.nodes[c.by], c.by) for c in (*v.changes, *v.pending)},
            }
        )
        return
    _print(G, v, top)


def _name(G: Any, n: str) -> str:
    return clean(q.display_name(G.nodes[n], n)) if n in G else clean(n)


def _print(G: Any, v: validity.Validity, top: int) -> None:
    attrs = G.nodes[v.node]
    head = Text(_name(G, v.node), style="bold")
    bits = [attrs.get("label"), attrs.get("date"), q.issuer_of(G, v.node)]
    head.append("  " + " · ".join(clean(b) for b in bits if b) + f"  [{clean(v.node)}]", style="dim")
    out.print(head)
    line = Text(f"on {v.at}: ", style="bold") + Text(_WORDS[v.status], style=_STYLE[v.status])
    if v.by:
        line.append(" " + ", ".join(_name(G, b) for b in v.by))
    if v.since:
        line.append(f" since {v.since}")
    elif v.status == "not_yet_in_force" and v.effective:
        line.append(f" (takes effect on {v.effective})")
    out.print(line)
    if v.effective and v.status != "not_yet_in_force":
        out.print(Text(f"takes effect: {v.effective}", style="dim"))
    for title, cs in (("changes in effect", v.changes), ("changes not yet in effect", v.pending)):
        if cs:
            out.print(Text(f"{title} ({len(cs)}):", style="bold"))
            for c in cs[:top]:
                out.print(_change_text(G, c, attrs.get("symbol") or attrs.get("number")))
            if len(cs) > top:
                out.print(Text(f"  … {plural(len(cs) - top, 'more change')} (--top N, or --json for all)", style="dim"))


def _change_text(G: Any, c: validity.Change, mention: str | None) -> Text:
    """One change: who, how, from when, and its evidence cut around the changed document's `mention`."""
    how = ", ".join(x for x in (c.kind, c.scope) if x)
    when = {
        "stated": f"from {c.date}",
        "effective": f"from {c.date} (its effective date)",
        "issued": f"issued {c.date} (effective date unknown)",
        "year": f"in {c.year} (date unknown)",
        "unknown": "date unknown",
    }[c.dated]
    t = Text(f"  ← SUPERSEDES ({how}) " if how else "  ← SUPERSEDES ", style="magenta")
    t.append(_name(G, c.by), style="bold")
    t.append(f" · {when}", style="dim")
    ev = c.evidence or {}
    snip = q.evidence_snippet(ev.get("sentence"), mention)
    if snip:
        t.append("\n    “" + clean(snip) + "”", style="italic")
    t.append(f"  — {clean(ev.get('file') or c.source_file or '?')}", style="dim")
    return t

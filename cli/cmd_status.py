"""`policygraph status REF [--at DATE]`: is a document in force, and what amended, replaced or repealed it.

Reads the document and the SUPERSEDES edges into it (graph.validity), from the store or Neo4j. Exit codes:
0 done, 1 REF matches nothing, 2 REF is ambiguous (the candidates are listed) or the graph cannot be read.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

import typer

from ..graph import validity
from ..loaders.dates import iso
from . import render
from .app import app
from .common import JsonOpt, RefArg, Source, around, open_source, resolve_one, with_source

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
    render.status(G, validity.status(G, node, day), top, as_json)

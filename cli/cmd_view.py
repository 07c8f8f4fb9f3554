"""`policygraph view`: the graph as an interactive HTML page that works offline (visualisations/)."""

from __future__ import annotations

import webbrowser
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from .app import app
from .cmd_timeline import AsOfOpt
from .common import (
    Neo4jOptions,
    Source,
    check_output,
    clean,
    connect,
    err,
    fail,
    open_source,
    parse_direction,
    parse_types,
    resolve_one,
    run_guarded,
    split_csv_option,
    with_source,
)

if TYPE_CHECKING:
    import networkx as nx


def whole_graph(store: str | None, neo4j: Neo4jOptions) -> nx.MultiDiGraph:
    """The whole graph the page draws when no REF is given (the one place that reads all of it)."""
    if neo4j:
        from ..graph.neo4j_read import fetch_graph

        driver = connect(neo4j)
        try:
            return run_guarded(fetch_graph, driver, database=neo4j.database)
        finally:
            driver.close()
    from ..graph.store import read_graph

    return run_guarded(read_graph, store)


def _with(values: list[str] | None) -> tuple[str, ...]:
    from ..visualisations.scope import check_with

    try:
        return check_with(w.lower() for w in split_csv_option(values))
    except ValueError as e:
        raise typer.BadParameter(str(e), param_hint="--with") from None


@app.command()
@with_source
def view(
    ref: Annotated[
        str | None,
        typer.Argument(
            metavar="REF",
            show_default=False,
            help="The document to centre on: a symbol (31-NQ/TW, 08-NQ/TU@Hải Phòng 2022), a type and number "
            '("Nghị quyết 31"), title words, a file name or a node id; the whole graph when left out.',
        ),
    ] = None,
    output: Annotated[Path, typer.Option("--output", "-o", help="HTML file to write.")] = Path("graph.html"),
    up: Annotated[bool, typer.Option("--up", help="Only what REF implements, cites, supersedes.")] = False,
    down: Annotated[bool, typer.Option("--down", help="Only what implements, cites, supersedes REF.")] = False,
    both: Annotated[bool, typer.Option("--both", help="Up and down (the default).")] = False,
    depth: Annotated[int, typer.Option("--depth", "-d", min=0, help="At most N hops from REF.")] = 2,
    types: Annotated[
        list[str] | None,
        typer.Option(
            "--type",
            "--types",
            "-t",
            show_default=False,
            help="Relation types to follow, comma-separated or repeated: IMPLEMENTS,CITES,SUPERSEDES "
            "(default: all three).",
        ),
    ] = None,
    with_: Annotated[
        list[str] | None,
        typer.Option(
            "--with",
            metavar="KINDS",
            show_default=False,
            help="Also draw these as nodes: bodies, projects (comma-separated); otherwise they are attributes "
            "in the panel.",
        ),
    ] = None,
    limit: Annotated[
        int,
        typer.Option(
            "--limit",
            "-n",
            min=0,
            metavar="N",
            help="With REF: draw at most N documents each way, nearest first, as `lineage --limit` shows "
            "them (0: all).",
        ),
    ] = 300,
    open_browser: Annotated[bool, typer.Option("--open", help="Open the page in a web browser.")] = False,
    timeline: Annotated[
        bool,
        typer.Option(
            "--timeline",
            help="With REF: a panel of when each province first carried REF out (`coverage REF --timeline`).",
        ),
    ] = False,
    as_of: AsOfOpt = None,
    *,
    source: Source,
) -> None:
    """Draw the graph as an interactive HTML page that works offline (one file, nothing fetched).

    With REF: what REF carries out (above it) and what carries it out (below it), to --depth hops
    through the document relations, as `policygraph lineage` follows them. Without REF: every
    document, in lanes by jurisdiction with time running left to right. The panel searches, filters
    by relation, document type, jurisdiction and year, and shows a clicked document's attributes and
    relations, or a clicked relation's evidence sentence and file.

    Examples:

      policygraph view 31-NQ/TW -o nq31.html --open

      policygraph view "08-NQ/TU@Hải Phòng 2022" --down --depth 3

      policygraph view "Nghị quyết Đại hội XIII" --down --limit 50

      policygraph view 45/2013/QH13 --type SUPERSEDES,IMPLEMENTS --with bodies

      policygraph view -o graph.html        (the whole graph)

      policygraph view 57-NQ/TW --down --timeline -o nq57.html

    Exit code 1 when REF matches nothing; 2 when it matches several documents or the graph cannot be read.
    """
    from ..visualisations.html import render_html
    from ..visualisations.scope import focus_view, whole_view
    from .cmd_timeline import as_of_day, timeline_of

    as_of_day(as_of)

    direction = parse_direction(up, down, both, "both")
    rel_types, drawn = parse_types(types), _with(with_)
    panel = None
    if ref is None:
        G = whole_graph(source.store, source.neo4j)
        v, read = whole_view(G, rel_types, drawn), G.number_of_nodes()
    else:
        with open_source(source) as src:
            v = focus_view(src, resolve_one(src, ref), direction, depth, rel_types, drawn, limit or None)
            panel = timeline_of(src, v.focus, as_of_day(as_of)) if timeline and v.focus else None
        read = len(set(v.graph) | set(v.context))
    try:
        check_output(output, source.store)
        path = render_html(v, output, timeline=panel)
    except OSError as e:
        fail(f"{output}: {e.strerror or e}", 1)
    hint = "" if drawn else "; bodies and projects are in the panel (--with bodies,projects draws them)"
    shown = len(v.levels) - 1
    cut = (
        f" (the first {shown} of {v.reached} documents reached, nearest first; --limit 0 for all)"
        if v.reached is not None and v.reached > shown
        else ""
    )
    err.print(
        clean(
            f"wrote {path}: {v.graph.number_of_nodes()} of {read} nodes drawn{cut}, "
            f"{v.graph.number_of_edges()} relations{hint}"
        ),
        highlight=False,
    )
    if open_browser:
        webbrowser.open(path.resolve().as_uri())

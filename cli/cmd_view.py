"""`policygraph view`: the graph as an interactive HTML page that works offline (visualisations/)."""

from __future__ import annotations

import webbrowser
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from . import render_io
from .app import app
from .cmd_timeline import AsOfOpt, as_of_day, timeline_of
from .common import (
    Neo4jOptions,
    Source,
    check_output,
    connect,
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

    from ..graph.queries import Direction
    from ..visualisations.scope import View


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
    day = as_of_day(as_of)
    direction = parse_direction(up, down, both, "both")
    rel_types, drawn = parse_types(types), _with(with_)
    if ref is None:
        page = whole_page(source, rel_types, drawn)
    else:
        page = focus_page(source, ref, direction, depth, rel_types, drawn, limit or None, timeline, day)
    path = write_page(page, output, source.store)
    render_io.drawn(path, page.view, page.read, drawn)
    if open_browser:
        webbrowser.open(path.resolve().as_uri())


@dataclass(frozen=True)
class Page:
    """What the page draws (visualisations.scope.View), how many nodes were read for it, and the panel of
    `--timeline` (None: no panel)."""

    view: View
    read: int
    timeline: dict | None = None


def whole_page(source: Source, types: tuple[str, ...], drawn: tuple[str, ...]) -> Page:
    """The page of the whole graph: every document, in lanes by jurisdiction."""
    from ..visualisations.scope import whole_view

    G = whole_graph(source.store, source.neo4j)
    return Page(whole_view(G, types, drawn), G.number_of_nodes())


def focus_page(
    source: Source,
    ref: str,
    direction: Direction,
    depth: int,
    types: tuple[str, ...],
    drawn: tuple[str, ...],
    limit: int | None,
    timeline: bool,
    as_of: str | None,
) -> Page:
    """The page centred on REF: what it carries out and what carries it out, to `depth` hops (at most
    `limit` documents each way), and with `timeline` the panel of when each province carried it out."""
    from ..visualisations.scope import focus_view

    with open_source(source) as src:
        v = focus_view(src, resolve_one(src, ref), direction, depth, types, drawn, limit)
        panel = timeline_of(src, v.focus, as_of) if timeline and v.focus else None
    return Page(v, len(set(v.graph) | set(v.context)), panel)


def write_page(page: Page, output: Path, store: str | None) -> Path:
    """Write the HTML page to `output` (never the store): the path written, or one error line and exit 1."""
    from ..visualisations.html import render_html

    try:
        check_output(output, store)
        return render_html(page.view, output, timeline=page.timeline)
    except OSError as e:
        fail(f"{output}: {e.strerror or e}", 1)

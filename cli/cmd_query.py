"""`policygraph lineage|show|stats|coverage`: ask the graph questions (plain functions in graph.queries).

Each command opens its source (the embedded store, or Neo4j with --neo4j URI), resolves REF on a few
candidates, fetches the neighbourhood it walks and runs the query function on it. Exit codes: 0 done,
1 REF matches nothing, 2 REF is ambiguous (the candidates are listed) or the graph cannot be read.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import networkx as nx
import typer

from ..graph import coverage as cov
from ..graph import queries as q
from ..ontology import vocab
from . import cmd_timeline as tlv
from . import render
from .app import app
from .common import (
    JsonOpt,
    RefArg,
    Source,
    around,
    open_source,
    parse_direction,
    parse_types,
    read_in_full,
    resolve_one,
    with_source,
    write_rows,
)

if TYPE_CHECKING:
    from ..graph.queries import Direction
    from ..graph.scope import Scope
    from ..graph.source import GraphSource

_ALL_RELATIONS = vocab.RELATION_TYPES


ReportOpt = Annotated[
    Path | None,
    typer.Option(
        "--report",
        metavar="FILE",
        show_default=False,
        help="Also write the answer as a table: FILE.csv (UTF-8 with BOM, opens in Excel) or FILE.xlsx; "
        "'-' writes CSV to standard output instead of the tree.",
    ),
]
SinceOpt = Annotated[
    str | None,
    typer.Option(
        "--since",
        metavar="DATE",
        show_default=False,
        help="Only documents dated on or after DATE (2023, 2023-05, 2023-05-02).",
    ),
]
UntilOpt = Annotated[
    str | None,
    typer.Option("--until", metavar="DATE", show_default=False, help="Only documents dated on or before DATE."),
]
PlaceOpt = Annotated[
    str | None,
    typer.Option(
        "--jurisdiction",
        "-j",
        metavar="PLACE",
        show_default=False,
        help="Only documents of PLACE (a province includes its districts and cities; 'central' for central documents).",
    ),
]


def _scope(since: str | None, until: str | None, place: str | None) -> Scope:
    from ..graph.scope import Scope

    try:
        return Scope(since, until, place)
    except ValueError as e:
        raise typer.BadParameter(str(e), param_hint="--since/--until") from e


@app.command()
@with_source
def lineage(
    ref: RefArg,
    up: Annotated[bool, typer.Option("--up", help="What REF implements, cites, supersedes (default).")] = False,
    down: Annotated[bool, typer.Option("--down", help="What implements, cites, supersedes REF.")] = False,
    both: Annotated[bool, typer.Option("--both", help="Up and down.")] = False,
    depth: Annotated[
        int | None, typer.Option("--depth", min=0, help="At most N hops (default: no limit).", show_default=False)
    ] = None,
    types: Annotated[
        list[str] | None,
        typer.Option(
            "--type",
            "-t",
            help="Relation types to follow, comma-separated or repeated: IMPLEMENTS,CITES,SUPERSEDES "
            "(default: all three).",
            show_default=False,
        ),
    ] = None,
    limit: Annotated[
        int,
        typer.Option(
            "--limit", "-n", min=0, metavar="N", help="Show at most N documents (0: all); the total is still counted."
        ),
    ] = 100,
    since: SinceOpt = None,
    until: UntilOpt = None,
    place: PlaceOpt = None,
    report: ReportOpt = None,
    as_json: JsonOpt = False,
    *,
    source: Source,
) -> None:
    """The lineage of a document: what it carries out (up) or what carries it out (down), transitively,
    each hop with its evidence sentence and file. At most --limit documents are shown, nearest first.

    Examples:

      policygraph lineage 31-NQ/TW --down

      policygraph lineage "Nghị quyết 31" --both --depth 1

      policygraph lineage 46-CTr/TU --type IMPLEMENTS --json

      policygraph lineage "08-NQ/TU@Hải Phòng 2022" --down

      policygraph lineage 000_dd968633c1f9caf8.txt

      policygraph lineage 05-CT/TW --down --report - > lineage.csv

    Exit code 1 when REF matches nothing; 2 when it matches several documents (they are listed: narrow
    REF with @jurisdiction and/or a year) or the graph cannot be read.
    """
    direction = parse_direction(up, down, both, "up")
    rel_types = parse_types(types)
    with open_source(source) as src:
        node = resolve_one(src, ref, as_json)
        G, tree = lineage_of(src, node, direction, depth, rel_types, limit or None)
    tree = _pruned(tree, _scope(since, until, place))
    if report is not None:
        from ..ontology.report import LINEAGE_COLUMNS, lineage_rows

        if write_rows(lineage_rows(q.lineage_to_dict(tree)), LINEAGE_COLUMNS, report, source.store):
            return
    render.lineage(G, tree, as_json)


def lineage_of(
    src: GraphSource, node: str, direction: Direction, depth: int | None, types: tuple[str, ...], limit: int | None
) -> tuple[nx.MultiDiGraph, q.LineageTree]:
    """What the lineage of `node` walks (each side to `depth` hops through `types`, the `limit` nearest
    documents, and their issuers) and its tree (graph.queries.lineage), which counts every document reached."""
    sides: tuple[Literal["up", "down"], ...] = ("up", "down") if direction == "both" else (direction,)
    G, total = nx.MultiDiGraph(), 0
    for d in sides:
        H, n = src.walk(node, d, depth, types, limit)
        G, total = nx.compose(G, H), total + n
    G = around(src, node, [], issuers_of=list(G.nodes), base=G)
    return G, q.lineage(G, node, direction, depth, types, limit, total=total)


def _pruned(tree: q.LineageTree, scope: Scope) -> q.LineageTree:
    """The tree cut to --since/--until/--jurisdiction (graph.scope.prune), or the tree when none is given."""
    if not scope:
        return tree
    from ..graph.scope import prune

    return prune(tree, scope)


@app.command()
@with_source
def show(
    ref: RefArg,
    limit: Annotated[
        int,
        typer.Option(
            "--limit", "-n", min=0, metavar="N", help="Show at most N edges each way (0: all); every edge is counted."
        ),
    ] = 20,
    as_json: JsonOpt = False,
    *,
    source: Source,
) -> None:
    """One node: its attributes and every edge in and out, with evidence.

    Examples:

      policygraph show 31-NQ/TW

      policygraph show "Kết luận 21" --json

      policygraph show 004_4f6655e48d839bfa.txt

    Exit code 1 when REF matches nothing; 2 when it is ambiguous or the graph cannot be read.
    """
    with open_source(source) as src:
        node = resolve_one(src, ref, as_json)
        H, counts = src.around_node(node, limit or None)
        G = around(src, node, [("up", 1, ["ISSUED_BY"])], issuers=False, base=H)
    render.show(G, q.show(G, node, limit or None, counts), as_json)


@app.command()
@with_source
def stats(
    list_files: Annotated[bool, typer.Option("--files", help="List the files loaded, one per line, and stop.")] = False,
    top: Annotated[
        int,
        typer.Option("--top", min=0, metavar="N", help="Show at most N items of each list (most cited, loose ends)."),
    ] = 5,
    as_json: JsonOpt = False,
    *,
    source: Source,
) -> None:
    """What the graph holds, in a screenful: counts by kind, label and relation, the most cited documents,
    and the loose ends (unresolved references, documents with no identity, attribute conflicts between
    files), each list cut to --top items with its full count.

    Examples:

      policygraph stats

      policygraph stats --files

      policygraph stats --json --top 100 | jq '.unresolved.top[].id'

      policygraph stats --neo4j bolt://127.0.0.1:7687 --user neo4j
    """
    with open_source(source) as src:
        if list_files:
            return render.file_names(src.files(), as_json)
        s = src.stats(top)
    render.stats(s, as_json)


@app.command()
@with_source
def coverage(
    ref: RefArg,
    via_cites: Annotated[
        bool, typer.Option("--via-cites", help="Also follow CITES edges, not only IMPLEMENTS.")
    ] = False,
    since: SinceOpt = None,
    until: UntilOpt = None,
    place: PlaceOpt = None,
    limit: Annotated[
        int,
        typer.Option(
            "--limit", "-n", min=0, metavar="N", help="List at most N documents (0: all); the counts cover every one."
        ),
    ] = 50,
    report: ReportOpt = None,
    timeline: tlv.TimelineOpt = False,
    missing: tlv.MissingOpt = False,
    as_of: tlv.AsOfOpt = None,
    plot: tlv.PlotOpt = None,
    as_json: JsonOpt = False,
    *,
    source: Source,
) -> None:
    """How far a central document is carried out: every document implementing it directly or through a
    chain of IMPLEMENTS, counted by province (districts rolled up), jurisdiction and issuing body, each
    with its shortest chain and the sentence that states its first step.

    Examples:

      policygraph coverage 31-NQ/TW

      policygraph coverage 98/2023/QH15 --json

      policygraph coverage 57-NQ/TW --jurisdiction "Đồng Nai" --since 2025

      policygraph coverage "Nghị quyết 27" --via-cites --limit 0

      policygraph coverage 31-NQ/TW --report coverage-31.xlsx

      policygraph coverage 57-NQ/TW --timeline --plot timeline-57.svg

      policygraph coverage 57-NQ/TW --missing --as-of 2025-06-30 --json

    Exit code 1 when REF matches nothing; 2 when it is ambiguous or the graph cannot be read.
    """
    follow = ("IMPLEMENTS", "CITES") if via_cites else ("IMPLEMENTS",)
    scope = _scope(since, until, place)
    brief = not as_json and report is None and limit > 0  # the text shows `limit` documents, counts the others
    when = tlv.TimelineArgs(timeline, missing, as_of, plot, place, limit, as_json, report, source.store)
    if when:
        tlv.check(when)
        brief = True  # a timeline reads in full only its first document per province
    with open_source(source) as src:
        node = resolve_one(src, ref, as_json)
        G = around(src, node, [("down", None, follow)], unnamed_only=True, brief=brief)
        rep = cov.coverage(G, node, follow, scope.matches if scope else None)
        if when:
            return tlv.answer(src, G, rep, follow, when, brief)
        if brief:
            rep = read_shown(src, G, rep, follow, limit)
    if report is not None:
        from ..ontology.report import COVERAGE_COLUMNS, coverage_rows

        if write_rows(coverage_rows(cov.coverage_to_dict(rep)), COVERAGE_COLUMNS, report, source.store):
            return
    render.coverage(G, rep, limit, via_cites, scope, as_json)


def read_shown(
    src: GraphSource, G: nx.MultiDiGraph, rep: cov.CoverageReport, follow: tuple[str, ...], limit: int
) -> cov.CoverageReport:
    """The report of a brief walk with its first `limit` documents (those the text shows) read in full:
    their names, chains and evidence sentences."""
    shown = rep.entries[:limit]
    read_in_full(src, G, [e.node for e in shown], follow)
    return cov.read_again(rep, G, len(shown))

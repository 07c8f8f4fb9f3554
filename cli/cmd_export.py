"""`policygraph export` and `policygraph sparql`: the graph out of the store."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from . import render_io
from .app import app
from .common import StoreOpt, check_output, fail, run_guarded

if TYPE_CHECKING:
    import networkx as nx


class ExportFormat(str, Enum):
    json = "json"
    graphml = "graphml"
    ttl = "ttl"
    jsonld = "jsonld"
    csv = "csv"


def _graph(store: str | None) -> nx.MultiDiGraph:
    """The whole graph of the store, its documents with their validity status (graph.validity), or one
    clear error line and exit 2."""
    from ..graph.store import read_graph
    from ..graph.validity import with_status

    return with_status(run_guarded(read_graph, store))


def _export_targets(fmt: ExportFormat, output: Path | None, out_dir: Path | None) -> list[Path]:
    """The files an export will write (none: standard output); one error line for a wrong combination."""
    if fmt is ExportFormat.csv:
        if output is not None:
            fail(
                "csv writes a folder of Neo4j-import CSVs (nodes.csv, relationships.csv, sourcefiles.csv), not one file: "
                "give --out-dir DIR instead of -o",
                1,
            )
        if out_dir is None:
            fail(
                "csv writes nodes.csv, relationships.csv and sourcefiles.csv for neo4j-admin into a folder: "
                "give --out-dir DIR",
                1,
            )
        from ..graph.neo4j_csv import CSV_FILES

        return [out_dir / name for name in CSV_FILES]
    if out_dir is not None:
        fail(f"--out-dir is for --format csv (a folder of Neo4j-import CSVs); for {fmt.value} give -o FILE", 1)
    return [] if output is None or str(output) == "-" else [output]


@app.command()
def export(
    fmt: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="json, graphml, ttl (Turtle), jsonld or csv.")
    ] = ExportFormat.json,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help="File to write; standard output when left out or '-'. Not for csv (see --out-dir).",
        ),
    ] = None,
    out_dir: Annotated[
        Path | None,
        typer.Option(
            "--out-dir",
            metavar="DIR",
            show_default=False,
            help="csv only: the folder (created if needed) to write the three CSVs into.",
        ),
    ] = None,
    store: StoreOpt = None,
) -> None:
    """Export the graph as JSON, GraphML, RDF (Turtle, JSON-LD) or Neo4j-import CSVs.

    json: node-link JSON, every attribute and the evidence (loss-free).
    graphml: for Gephi and yEd. ttl, jsonld: RDF in the PolicyGraph ontology,
    aligned to ELI (ontology/policygraph.ttl). csv: a folder of three files,
    nodes.csv, relationships.csv and sourcefiles.csv (push manifests: a
    push after the import skips unchanged files), for `neo4j-admin database import`
    (or `scripts/neo4j-local import DIR`); not a report (for answers as
    spreadsheets see lineage and coverage).

    Examples:

      policygraph export > graph.json

      policygraph export --format graphml -o graph.graphml

      policygraph export --format ttl -o graph.ttl

      policygraph export --format csv --out-dir neo4j-import/
    """
    targets = _export_targets(fmt, output, out_dir)
    for target in targets:
        check_output(target, store)
    if out_dir is not None:
        render_io.wrote(*export_csv(store, out_dir), what="a folder of Neo4j-import CSVs: ")
        return
    G = _graph(store)
    paths = export_graph(G, fmt, output if targets else None)
    if paths is not None:
        render_io.wrote(paths, G.number_of_nodes(), G.number_of_edges())


def export_graph(G: nx.MultiDiGraph, fmt: ExportFormat, output: Path | None) -> list[Path] | None:
    """Write `G` in `fmt` to `output`: the files written, or None when written to standard output (no
    `output`). A file that cannot be written is one error line and exit 1."""
    from ..ontology.export import export_text, write_export

    try:
        if output is None:
            sys.stdout.write(export_text(G, fmt.value))
            sys.stdout.flush()
            return None
        return list(write_export(G, fmt.value, output))
    except ValueError as e:
        fail(str(e), 1)
    except OSError as e:
        fail(f"{output}: {e.strerror or e}", 1)


def export_csv(store: str | None, out_dir: Path) -> tuple[list[Path], int, int]:
    """The Neo4j-import CSVs: streamed from a store (graph.store_push.write_csv), or written from a JSON
    graph held whole. The files written and the number of nodes and edges in them."""
    from ..graph.neo4j_csv import to_csv
    from ..graph.store import open_source
    from ..graph.store_read import StoreSource
    from ..graph.validity import with_status

    src = run_guarded(open_source, store)
    try:
        if isinstance(src, StoreSource):
            from ..graph.store_push import write_csv

            paths, n_nodes, n_edges = write_csv(src, out_dir)
        else:
            G = with_status(src.G)
            paths, n_nodes, n_edges = list(to_csv(G, out_dir)), G.number_of_nodes(), G.number_of_edges()
    except ValueError as e:
        fail(str(e), 1)
    except OSError as e:
        fail(f"{out_dir}: {e.strerror or e}", 1)
    finally:
        src.close()
    return list(paths), n_nodes, n_edges


@app.command()
def sparql(
    query: Annotated[str, typer.Argument(help="A SPARQL query, or @FILE to read it from a file.", show_default=False)],
    as_json: Annotated[bool, typer.Option("--json", help="Print the rows as JSON.")] = False,
    store: StoreOpt = None,
) -> None:
    """Query the graph with SPARQL; prefixes pg: eli: rdf: rdfs: xsd: are bound.

    Classes: pg:Document and its types (pg:Resolution, pg:Decree ...),
    pg:Body, pg:Project. Edges: pg:cites, pg:implements (pg:basedOn for
    căn cứ), pg:supersedes (pg:amends, pg:replaces, pg:repeals), pg:issuedBy,
    pg:partOf, pg:mentions. Attributes: pg:symbol, pg:date, pg:year,
    pg:issuerName, pg:title, pg:inJurisdiction/rdfs:label.
    Evidence: ?s rdf:predicate ...; pg:evidence/pg:sentence ?sentence.
    Node IRIs print as node ids.

    Examples:

      policygraph sparql 'SELECT ?d ?sym WHERE { ?d pg:implements ?r ;
        pg:symbol ?sym . ?r pg:symbol "31-NQ/TW" }'

      policygraph sparql 'SELECT ?t (COUNT(?d) AS ?n) WHERE { ?d a ?t .
        ?t rdfs:subClassOf pg:Document } GROUP BY ?t' --json

      policygraph sparql @amended.rq
    """
    text = _query_text(query)
    render_io.sparql_rows(run_sparql(_graph(store), text), as_json)


def _query_text(query: str) -> str:
    """The SPARQL query, or with @FILE the text of FILE (one error line and exit 1 when it cannot be read)."""
    if not query.startswith("@"):
        return query
    try:
        return Path(query[1:]).read_text(encoding="utf-8")
    except OSError as e:
        fail(f"{query[1:]}: {e.strerror or e}", 1)


def run_sparql(G: nx.MultiDiGraph, query: str) -> list[dict[str, Any]]:
    """The rows of a SPARQL query on `G` (ontology.rdf.sparql); any error of the query is one line, exit 1."""
    from ..ontology.rdf import sparql

    try:
        return sparql(G, query)
    except Exception as e:  # rdflib raises pyparsing and its own errors: one line for all
        first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
        fail(f"SPARQL: {first}", 1)

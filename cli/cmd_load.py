"""`policygraph load` and `policygraph remove`: files in, statements into the store."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..graph.store import StoreError, locked, open_store
from ..loaders import readers
from ..loaders.extract import extract_file
from ..loaders.models import LoadError
from .app import app
from .common import StoreOpt, err, fail, out, warn


def _error_line(message: str) -> None:
    from rich.text import Text

    from .common import one_line

    err.print(Text("error: ", style="red") + Text(one_line(message)))


@app.command()
def load(
    paths: Annotated[list[Path], typer.Argument(help="Files or folders (.txt .md .html .docx .pdf).")],
    store: StoreOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
    neo4j: Annotated[str | None, typer.Option("--neo4j",
                                              help="Also push the changed files to Neo4j at this URI "
                                                   "(bolt://, neo4j://, neo4j+s://); e.g. --neo4j \"$NEO4J_URI\". "
                                                   "User, password and database come from the options or "
                                                   "NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE.")] = None,
    user: Annotated[str | None, typer.Option(envvar="NEO4J_USER", help="Neo4j user.")] = None,
    password: Annotated[str | None, typer.Option(envvar="NEO4J_PASSWORD", help="Neo4j password.")] = None,
    database: Annotated[str | None, typer.Option(envvar="NEO4J_DATABASE", help="Neo4j database.")] = None,
) -> None:
    """Load documents into the graph. Re-loading a file replaces what it said before.

    Examples:

      policygraph load examples/corpus

      policygraph load new.pdf --store ~/pg.json --json

      policygraph load examples/corpus --neo4j bolt://127.0.0.1:7687

    Exit code 1 when some file could not be loaded (each named on stderr); the others are loaded.
    """
    with locked(store):
        try:
            st = open_store(store)
            files = readers.iter_files(paths)
        except (StoreError, LoadError) as e:
            fail(str(e), 2)
        failed: list[str] = []
        loaded: list[str] = []
        with Progress(TextColumn("[bold]loading"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      TextColumn("{task.description}", markup=False), console=err, transient=True,
                      disable=as_json or not err.is_terminal) as progress:
            task = progress.add_task("", total=len(files))
            for f in files:
                progress.update(task, description=f.name)
                try:
                    x = extract_file(str(f))
                except LoadError as e:
                    failed.append(str(e))
                    _error_line(str(e))
                except Exception as e:  # an extraction bug must not lose the other files
                    failed.append(f"{f}: {type(e).__name__}: {e}")
                    _error_line(f"{f}: {type(e).__name__}: {e}")
                else:
                    st.put(x)
                    loaded.append(x.file)
                progress.advance(task)
        if loaded:
            st.save()
    G = st.graph
    summary = {
        "store": str(st.path),
        "loaded": len(loaded),
        "failed": failed,
        "files_in_store": len(st.extractions),
        "nodes": G.number_of_nodes(),
        "documents": sum(1 for _, d in G.nodes(data=True) if d.get("kind") == "Document"),
        "relations": sum(1 for *_, d in G.edges(data=True) if d.get("type") in ("CITES", "IMPLEMENTS", "SUPERSEDES")),
        "edges": G.number_of_edges(),
    }
    if neo4j and loaded:
        from ..graph import neo4j_store

        try:
            drv = neo4j_store.connect(neo4j, user, password, database)
            try:
                pushed = neo4j_store.push_graph(drv, G, database=database)
            finally:
                drv.close()
        except neo4j_store.Neo4jUnavailable as e:
            fail(f"the store is saved, but Neo4j was not updated: {e}", 2)
        summary["neo4j"] = {"uri": neo4j, "files_pushed": pushed.files, "unchanged": pushed.unchanged}
    if as_json:
        out.print_json(json.dumps(summary, ensure_ascii=False))
    else:
        out.print(f"loaded {len(loaded)} file(s) into {st.path}"
                  + (f", {len(failed)} failed" if failed else "")
                  + f"; the store holds {summary['files_in_store']} file(s): {summary['documents']} documents, "
                  f"{summary['relations']} document relations, {summary['edges']} edges in all")
    if failed:
        raise typer.Exit(1)


@app.command()
def remove(
    files: Annotated[list[str], typer.Argument(help="File names (as loaded) to retract from the store.")],
    store: StoreOpt = None,
) -> None:
    """Retract files: everything they stated leaves the graph; nodes no file asserts disappear.

    Example:  policygraph remove 000_dd968633c1f9caf8.txt
    """
    with locked(store):
        st = open_store(store, create=False)
        missing = [f for f in files if not st.remove(Path(f).name)]
        st.save()
    for f in missing:
        warn(f"{f}: not in the store")
    out.print(f"removed {len(files) - len(missing)} file(s); the store holds {len(st.extractions)}")
    if missing:
        raise typer.Exit(1)

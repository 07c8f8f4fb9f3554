"""`policygraph push` and `policygraph cypher`: the graph in Neo4j (see graph/neo4j_store.py).

Both read NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE from the environment. A local Neo4j
without Docker: `bash scripts/neo4j-local start` prints the URI to use.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from . import render_io
from .app import app
from .common import (
    NEO4J_TARGET,
    Neo4jOptions,
    StoreOpt,
    TargetOpt,
    connect,
    fail,
    neo4j_options,
    one_line,
    progress_steps,
    run_guarded,
    takes,
)

if TYPE_CHECKING:
    from ..graph.neo4j_model import PushSummary


@contextmanager
def neo4j_driver(target: Neo4jOptions) -> Iterator[Any]:
    """A connected driver; every Neo4j failure becomes a one-line error and exit code 2."""
    from neo4j import exceptions as neo4j_errors

    drv = connect(target)
    try:
        yield drv
    except neo4j_errors.ClientError as exc:
        hint = " (read-only by default: add --write)" if "AccessMode" in (exc.code or "") else ""
        fail(f"{exc.code}: {one_line(exc.message or '')}{hint}")
    except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired) as exc:
        fail(f"lost Neo4j at {target.uri}: {one_line(exc)}")
    except neo4j_errors.Neo4jError as exc:
        fail(f"{exc.code}: {one_line(exc.message or '')}")
    finally:
        drv.close()


# ------------------------------------------------------------------------------------------------- push


@app.command()
@takes(target=NEO4J_TARGET)
def push(
    target: Neo4jOptions,
    store: StoreOpt = None,
    files: Annotated[
        list[str] | None,
        typer.Option("--file", "-f", help="Push only this file's statements (repeatable).", show_default=False),
    ] = None,
    remove: Annotated[
        list[str] | None,
        typer.Option("--remove", help="Remove this file's statements from Neo4j (repeatable).", show_default=False),
    ] = None,
    prune: Annotated[
        bool, typer.Option("--prune", help="Also remove from Neo4j the files the store no longer holds.")
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="Rewrite every file, even those Neo4j already holds unchanged.")
    ] = False,
    batch_size: Annotated[
        int, typer.Option(help="Rows (nodes and relationships) per write transaction; a file is never split.", min=1)
    ] = 20_000,
    as_json: Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")] = False,
) -> None:
    """Push the store's graph to Neo4j, many files per transaction (each file is fully there or absent).

    Pushing again replaces each file's statements, so it is safe to repeat; files Neo4j already holds
    unchanged are skipped.

    Examples:

      policygraph push --neo4j bolt://127.0.0.1:7687

      NEO4J_URI=neo4j+s://xxx.databases.neo4j.io NEO4J_USER=neo4j NEO4J_PASSWORD=... policygraph push --prune

      policygraph push --neo4j bolt://127.0.0.1:7687 --file 000_dd968633c1f9caf8.txt
    """
    from ..graph import neo4j_connect

    pushing = not remove or bool(files) or prune
    with neo4j_driver(target) as drv:
        summary = remove_files(drv, remove or [])
        if pushing:
            with progress_steps("pushing", quiet=as_json) as step:
                options = {"prune": prune, "force": force, "batch_rows": batch_size, "database": target.database}
                summary = _pushed(summary, push_path(drv, store, files, progress=step, **options))
        totals = neo4j_connect.counts(drv)
    render_io.push(target.uri, summary, remove or [], totals, pushing, as_json)


def remove_files(drv: Any, names: list[str]) -> PushSummary:
    """Remove each file's statements from Neo4j; the summary counts the nodes no file asserts any more
    (deleted with them)."""
    from ..graph import neo4j_model as nm
    from ..graph import neo4j_store

    summary = nm.PushSummary()
    for name in names:
        summary.removed_nodes += neo4j_store.remove_file(drv, name)
    return summary


def _pushed(before: PushSummary, pushed: PushSummary) -> PushSummary:
    """The summary of a push after removing files: what was pushed, and the nodes deleted by both."""
    return dataclasses.replace(pushed, removed_nodes=pushed.removed_nodes + before.removed_nodes)


def push_path(drv: Any, store: str | None, files: list[str] | None = None, **options: Any) -> PushSummary:
    """Push the store (or a JSON graph export) at `store` to Neo4j: `files` of it (None: all), with the
    `options` of graph.store_push.push_source (prune, force, batch_rows, database, progress)."""
    from ..graph.store import open_source
    from ..graph.store_push import push_source

    src = run_guarded(open_source, store)
    try:
        return push_source(drv, src, files, **options)
    finally:
        src.close()


# ----------------------------------------------------------------------------------------------- cypher

_HEADER = re.compile(r"^//\s*(\w+):\s?(.*)$")


def read_query_file(path: str | Path) -> tuple[dict[str, str], str]:
    """A cookbook query (queries/*.cypher): its header fields (name, answers, params, example) and text.

    The header is the leading ``// key: value`` comment lines; a ``//`` line without a key continues the
    previous field.
    """
    meta: dict[str, str] = {}
    last: str | None = None
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if not stripped.startswith("//"):
            break
        match = _HEADER.match(stripped)
        if match:
            last = match.group(1).lower()
            meta[last] = match.group(2).strip()
        elif last:
            meta[last] = (meta[last] + " " + stripped.lstrip("/").strip()).strip()
    return meta, Path(path).read_text(encoding="utf-8")


def parse_param(text: str) -> tuple[str, Any]:
    """``k=v``: v as JSON when it parses (6, 1.5, true, null, [..], "quoted"), else as a plain string."""
    key, sep, raw = text.partition("=")
    key = key.strip()
    if not sep or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", key):
        raise ValueError(f"--param wants NAME=VALUE, got {text!r}")
    try:
        value = json.loads(raw)
    except ValueError:
        value = raw
    return key, value


def query_and_params(query: str | None, file: Path | None, param: list[str] | None) -> tuple[str, dict[str, Any]]:
    """The query to run, QUERY or --file's, and its parameters: --file's `// example:` ones, then --param's."""
    params: dict[str, Any] = {}
    if file is not None:
        if query is not None:
            fail("give either a QUERY or --file, not both")
        meta, query = read_query_file(file)
        example = meta.get("example")
        if example:
            try:
                params.update(json.loads(example))
            except ValueError as exc:
                fail(f"{file}: the `// example:` header is not a JSON object ({exc})")
    if query is None or not query.strip():
        fail("no query: give QUERY or --file")
    for item in param or []:
        try:
            key, value = parse_param(item)
        except ValueError as exc:
            fail(str(exc))
        params[key] = value
    return query, params


@app.command()
@takes(target=neo4j_options(TargetOpt))  # not required: without it, one error line that names NEO4J_URI
def cypher(
    query: Annotated[str | None, typer.Argument(help="A Cypher query (or give --file).", show_default=False)] = None,
    *,
    target: Neo4jOptions,
    param: Annotated[
        list[str] | None,
        typer.Option(
            "--param",
            "-p",
            help="NAME=VALUE (repeatable); VALUE is JSON when it parses (6, null, true), else a string.",
            show_default=False,
        ),
    ] = None,
    file: Annotated[
        Path | None,
        typer.Option(
            "--file",
            help="Run a cookbook query (queries/*.cypher); its `// example:` parameters are the defaults.",
            exists=True,
            dir_okay=False,
            show_default=False,
        ),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the rows as JSON.")] = False,
    write: Annotated[bool, typer.Option("--write", help="Allow writes (read-only by default).")] = False,
) -> None:
    """Run a Cypher query against Neo4j and print the rows (read-only unless --write).

    Examples:

      policygraph cypher "MATCH (d:Document {symbol: \\$s}) RETURN d.id, d.jurisdiction" -p s=08-NQ/TU

      policygraph cypher --file queries/local_implementers.cypher -p symbol=31-NQ/TW --json

      policygraph cypher --write "MATCH (n:Document {id: \\$id}) SET n.reviewed = true" -p id=doc:98/2023/QH15
    """
    if not target:
        fail("no Neo4j URI: give --neo4j URI or set NEO4J_URI")
    from ..graph import neo4j_connect

    query, params = query_and_params(query, file, param)
    with neo4j_driver(target) as drv:
        rows = neo4j_connect.run_cypher(drv, query, params, write=write)
    render_io.cypher_rows(rows, as_json)

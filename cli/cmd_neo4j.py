"""`policygraph push` and `policygraph cypher`: the graph in Neo4j (see graph/neo4j_store.py).

Both read NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD / NEO4J_DATABASE from the environment. A local Neo4j
without Docker: `bash scripts/neo4j-local start` prints the URI to use.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from .app import app
from .common import DatabaseOpt, PasswordOpt, StoreOpt, UserOpt, fail, one_line, out, progress_bar, run_guarded

UriOpt = Annotated[
    str,
    typer.Option(
        "--neo4j",
        envvar="NEO4J_URI",
        metavar="URI",
        show_default=False,
        help="Neo4j URI (default: $NEO4J_URI): bolt://host:7687, neo4j://host (cluster), "
        "neo4j+s://xxx.databases.neo4j.io (Aura).",
    ),
]


@contextmanager
def _driver(uri: str, user: str | None, password: str | None, database: str | None) -> Iterator[Any]:
    """A connected driver; every Neo4j failure becomes a one-line error and exit code 2."""
    from neo4j import exceptions as neo4j_errors

    from ..graph import neo4j_connect
    from ..graph import neo4j_model as nm

    try:
        drv = neo4j_connect.connect(uri, user, password, database)
    except nm.Neo4jUnavailable as exc:
        fail(str(exc))
    try:
        yield drv
    except neo4j_errors.ClientError as exc:
        hint = " (read-only by default: add --write)" if "AccessMode" in (exc.code or "") else ""
        fail(f"{exc.code}: {one_line(exc.message or '')}{hint}")
    except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired) as exc:
        fail(f"lost Neo4j at {uri}: {one_line(exc)}")
    except neo4j_errors.Neo4jError as exc:
        fail(f"{exc.code}: {one_line(exc.message or '')}")
    finally:
        drv.close()


# ------------------------------------------------------------------------------------------------- push


@app.command()
def push(
    neo4j: UriOpt,
    user: UserOpt = None,
    password: PasswordOpt = None,
    database: DatabaseOpt = None,
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
    from ..graph import neo4j_connect, neo4j_store
    from ..graph import neo4j_model as nm

    pushing = not remove or bool(files) or prune
    with _driver(neo4j, user, password, database) as drv:
        summary = nm.PushSummary()
        removed_files: list[str] = []
        for name in remove or []:
            summary.removed_nodes += neo4j_store.remove_file(drv, name)
            removed_files.append(name)
        if pushing:
            with progress_bar("pushing", quiet=as_json) as progress:
                task = progress.add_task("", total=None)

                def step(file: str, done: int) -> None:
                    progress.update(task, completed=done, description=file)

                pushed = _push_source(drv, store, files, prune, force, batch_size, database, step)
            summary.files = pushed.files
            summary.unchanged = pushed.unchanged
            summary.nodes = pushed.nodes
            summary.relationships = pushed.relationships
            summary.removed_nodes += pushed.removed_nodes
            summary.pruned_files = pushed.pruned_files
            summary.seconds = pushed.seconds
        totals = neo4j_connect.counts(drv)
    result = {
        "neo4j": neo4j,
        "files": summary.files,
        "unchanged_files": summary.unchanged,
        "nodes": summary.nodes,
        "relationships": summary.relationships,
        "removed_files": removed_files + summary.pruned_files,
        "removed_nodes": summary.removed_nodes,
        "seconds": round(summary.seconds, 3),
        "counts": totals,
    }
    if as_json:
        out.print_json(json.dumps(result, ensure_ascii=False))
        return
    gone = removed_files + summary.pruned_files
    parts = []
    if pushing:
        parts.append(
            f"pushed {summary.files} file(s) to {neo4j}: {summary.nodes} node upserts, "
            f"{summary.relationships} relationships in {summary.seconds:.1f} s"
            + (f" ({summary.unchanged} unchanged file(s) skipped)" if summary.unchanged else "")
        )
    if gone:
        parts.append(f"removed {len(gone)} file(s) from {neo4j}: {', '.join(gone)}")
    if summary.removed_nodes:
        parts.append(f"{summary.removed_nodes} node(s) no file asserts any more deleted")
    out.print("; ".join(parts), highlight=False)
    labels = ", ".join(f"{k} {v}" for k, v in totals.items() if not k.isupper())
    types = ", ".join(f"{k} {v}" for k, v in totals.items() if k.isupper())
    out.print(f"Neo4j now holds: {labels or 'no nodes'}; {types or 'no relationships'}", highlight=False)


def _push_source(
    drv: Any,
    store: str | None,
    files: list[str] | None,
    prune: bool,
    force: bool,
    batch_rows: int,
    database: str | None,
    step: Any,
) -> Any:
    """Push the store (or a JSON graph export) at `store` to Neo4j."""
    from ..graph.store import open_source
    from ..graph.store_push import push_source

    src = run_guarded(open_source, store)
    try:
        return push_source(
            drv, src, files, prune=prune, force=force, batch_rows=batch_rows, database=database, progress=step
        )
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


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) or v is None for v in value):
        return " → ".join("" if v is None else str(v) for v in value) if value else "[]"
    return json.dumps(value, ensure_ascii=False, default=str)


def _table(rows: Sequence[Mapping[str, Any]]) -> Table:
    columns: list[str] = []
    for row in rows:
        columns.extend(k for k in row if k not in columns)
    table = Table(show_lines=False, header_style="bold")
    for col in columns:
        table.add_column(col, overflow="fold")
    for row in rows:
        table.add_row(*(_cell(row.get(c)) for c in columns))
    return table


@app.command()
def cypher(
    query: Annotated[str | None, typer.Argument(help="A Cypher query (or give --file).", show_default=False)] = None,
    neo4j: UriOpt = "",
    user: UserOpt = None,
    password: PasswordOpt = None,
    database: DatabaseOpt = None,
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
    if not neo4j:
        fail("no Neo4j URI: give --neo4j URI or set NEO4J_URI")
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

    from ..graph import neo4j_connect

    with _driver(neo4j, user, password, database) as drv:
        rows = neo4j_connect.run_cypher(drv, query, params, write=write)
    if as_json:
        out.print_json(json.dumps(rows, ensure_ascii=False, default=str))
        return
    if not rows:
        out.print("(no rows)")
        return
    out.print(_table(rows))
    out.print(f"{len(rows)} row(s)", style="dim")

"""How the commands that move the graph in and out print what they did: load, remove, formats, push, cypher,
export, sparql, view. The commands parse, call a plain function and hand its answer here (the query commands'
answers are render.py's). Every text from a document goes through common.clean first (--json output is data,
printed as the answer holds it).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.table import Table
from rich.text import Text

from .common import clean, echo_json, err, one_line, out, plural, warn

if TYPE_CHECKING:
    from ..graph.ingest import LoadResult
    from ..graph.neo4j_model import PushSummary
    from ..visualisations.scope import View


# ------------------------------------------------------------------------------------------------ load


def skipped(files: list[dict[str, str]], as_json: bool, shown: int = 10) -> None:
    """A warning on stderr for each file a load passes over and why, or for the first `shown` and a count;
    none with --json, which lists them all."""
    if as_json:
        return
    for k in files[:shown]:
        warn(f"{k['path']}: skipped: {k['reason']}")
    if len(files) > shown:
        warn(f"{len(files) - shown} more files skipped (--json lists them all)")


def failed_files(lines: list[str]) -> None:
    """An error line on stderr for each file a load could not read ("<path>: <problem>")."""
    for line in lines:
        err.print(Text("error: ", style="red") + Text(one_line(line)))


def loaded(summary: dict[str, Any], result: LoadResult, as_json: bool) -> None:
    """What a load did and what the store holds now: one sentence, or --json's object (`summary`)."""
    if as_json:
        echo_json(summary)
        return
    out.print(
        f"loaded {plural(len(result.loaded), 'file')} into {summary['store']}"
        + (f" ({len(result.unchanged)} unchanged)" if result.unchanged else "")
        + (f", {len(result.failed)} failed" if result.failed else "")
        + (f", {len(summary['skipped'])} skipped" if summary["skipped"] else "")
        + f"; the store holds {plural(summary['files_in_store'], 'file')}: {summary['documents']} documents, "
        f"{summary['relations']} document relations, {summary['edges']} edges in all"
    )
    if pushed := summary.get("neo4j"):  # load --neo4j
        kept = f" ({pushed['unchanged']} unchanged there)" if pushed["unchanged"] else ""
        out.print(clean(f"pushed {plural(pushed['files_pushed'], 'file')} to Neo4j at {pushed['uri']}{kept}"))


def removed(files: list[str], missing: list[str], held: int) -> None:
    """What `remove` did: a warning for each file the store did not hold, then the files removed and the
    number of files the store holds now."""
    for f in missing:
        warn(f"{f}: not in the store")
    out.print(f"removed {plural(len(files), 'file')}; the store holds {plural(held, 'file')}")


def formats(rows: list[dict[str, Any]], as_json: bool) -> None:
    """The table of what load reads: extensions, what, the largest file, the program needed and whether it
    is installed here; or --json's object."""
    if as_json:
        echo_json({"formats": rows})
        return
    t = Table(title="what load reads", title_justify="left")
    for col in ("extensions", "what", "max MB", "needs", "here"):
        t.add_column(col, overflow="fold")
    for r in rows:
        here = "" if not r["needs"] else Text(str(r["missing"]), style="red") if r["missing"] else Text("installed")
        t.add_row(" ".join(r["extensions"]), str(r["what"]), f"{r['max_mb']:,}", str(r["needs"] or ""), here)
    out.print(t)


# -------------------------------------------------------------------------------------- export, sparql


def wrote(paths: Sequence[Path], n_nodes: int, n_edges: int, what: str = "") -> None:
    """On stderr, the files an export wrote (`what` they are) and the nodes and edges in them."""
    err.print(clean(f"wrote {what}{', '.join(map(str, paths))}: {n_nodes} nodes, {n_edges} edges"), highlight=False)


def sparql_rows(rows: list[dict[str, Any]], as_json: bool) -> None:
    """A SPARQL answer: a table with its number of rows as caption, or the rows as JSON."""
    if as_json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2, default=str) + "\n")
        return
    out.print(_rows_table(rows, _text_cell, caption=f"{len(rows)} row(s)"))


def _text_cell(value: Any) -> str:
    """A SPARQL value as a table cell: its text (True, 5, 2023-01-01), cleaned of control characters."""
    return "" if value is None else clean(str(value))


# ------------------------------------------------------------------------------------------------ view


def drawn(path: Path, v: View, read: int, kinds: tuple[str, ...]) -> None:
    """On stderr: the page written, the nodes drawn of those read (and how many documents the limit left
    out), the relations, and where bodies and projects are when not drawn (`kinds`)."""
    hint = "" if kinds else "; bodies and projects are in the panel (--with bodies,projects draws them)"
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


# ------------------------------------------------------------------------------------------------ push


def push(
    uri: str | None, s: PushSummary, removed: list[str], counts: dict[str, int], pushing: bool, as_json: bool
) -> None:
    """What a push did (`pushing`: it pushed files, not only removed the files `removed`) and what Neo4j
    holds now: a sentence and a line of counts, or --json's object."""
    gone = removed + s.pruned_files
    if as_json:
        result = {
            "neo4j": uri,
            "files": s.files,
            "unchanged_files": s.unchanged,
            "nodes": s.nodes,
            "relationships": s.relationships,
            "removed_files": gone,
            "removed_nodes": s.removed_nodes,
            "seconds": round(s.seconds, 3),
            "counts": counts,
        }
        out.print_json(json.dumps(result, ensure_ascii=False))
        return
    parts = []
    if pushing:
        parts.append(
            f"pushed {s.files} file(s) to {uri}: {s.nodes} node upserts, "
            f"{s.relationships} relationships in {s.seconds:.1f} s"
            + (f" ({s.unchanged} unchanged file(s) skipped)" if s.unchanged else "")
        )
    if gone:
        parts.append(f"removed {len(gone)} file(s) from {uri}: {', '.join(gone)}")
    if s.removed_nodes:
        parts.append(f"{s.removed_nodes} node(s) no file asserts any more deleted")
    out.print("; ".join(parts), highlight=False)
    labels = ", ".join(f"{k} {v}" for k, v in counts.items() if not k.isupper())
    types = ", ".join(f"{k} {v}" for k, v in counts.items() if k.isupper())
    out.print(f"Neo4j now holds: {labels or 'no nodes'}; {types or 'no relationships'}", highlight=False)


# ---------------------------------------------------------------------------------------------- cypher


def cypher_rows(rows: list[dict[str, Any]], as_json: bool) -> None:
    """A Cypher answer: a table and its number of rows, "(no rows)", or the rows as JSON."""
    if as_json:
        out.print_json(json.dumps(rows, ensure_ascii=False, default=str))
        return
    if not rows:
        out.print("(no rows)")
        return
    out.print(_rows_table(rows, _cell))
    out.print(f"{len(rows)} row(s)", style="dim")


def _cell(value: Any) -> str:
    """A Cypher value as a table cell, cleaned of control characters like every text from a document."""
    if value is None:
        return ""
    if isinstance(value, str):
        return clean(value)
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) or v is None for v in value):
        return clean(" → ".join("" if v is None else str(v) for v in value)) if value else "[]"
    return clean(json.dumps(value, ensure_ascii=False, default=str))


def _rows_table(rows: Sequence[Mapping[str, Any]], cell: Callable[[Any], str], caption: str | None = None) -> Table:
    """The rows of a query answer as a table: a column per name any row has (in order of appearance), each
    value as `cell` writes it."""
    columns: list[str] = []
    for row in rows:
        columns.extend(k for k in row if k not in columns)
    table = Table(show_lines=False, header_style="bold", caption=caption)
    for col in columns:
        table.add_column(clean(col), overflow="fold")
    for row in rows:
        table.add_row(*(cell(row.get(c)) for c in columns))
    return table

"""The embedded store as the Neo4j writer's input: a stream of row sets, one per file (the contract is in
graph.neo4j_store's docstring), read from SQLite a batch of files at a time, so a push never holds the
whole graph.

Each file's rows are its relationships and the current rows of every node it touches (with each
document's validity status, graph.validity); a PART_OF pair stated by several files goes with the first
file only, as in the graph. A file's digest is its content hash and its version (bumped when what it
states or the nodes its references stand for change), so a re-push skips the files that did not change.
"""

from __future__ import annotations

import csv
import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from .neo4j_model import FileRows, NodeRow, node_row, relationship_row, stored_properties
from .store_read import StoreSource
from .validity import STATUS_PROPERTIES, status_properties

BATCH = 1000


def _marks(n: int) -> str:
    return ",".join("?" * n)


def _nodes(src: StoreSource, ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The nodes' attributes, documents with their status (from the SUPERSEDES edges into them)."""
    attrs = {n: json.loads(d) for n, d in src._nodes(ids, whole=True)}
    docs = [n for n, a in attrs.items() if a.get("kind") == "Document"]
    if docs:
        H = src.neighbourhood(docs, "in", 1, ["SUPERSEDES"])
        for n in docs:
            attrs[n].update(status_properties(H, n))
    return attrs


def current_row(src: StoreSource) -> Any:
    """The store's row of a node by id, None when it has none (the writer's ``current=``)."""

    def row(node: str) -> NodeRow | None:
        found = _nodes(src, [node])
        return node_row(node, found[node]) if node in found else None

    return row


def _digest(sha256: str, version: int) -> str:
    """A file's push digest: its content and its version (bumped when what it states changes)."""
    return f"{sha256}:{version}"


def _ready(src: StoreSource, files: Sequence[str] | None) -> list[tuple[int, str, str, int]]:
    """(id, path, sha256, version) of the store's ready files (all, or the relative paths `files`)."""
    wanted = set(files) if files is not None else None
    return [
        (i, p, h, v)
        for i, p, h, v in src.conn.execute(
            "SELECT id, path, sha256, version FROM files WHERE state = 'ready' ORDER BY path"
        )
        if wanted is None or p in wanted
    ]


def _pending(
    src: StoreSource, files: Sequence[str] | None, held: Mapping[str, str]
) -> tuple[list[tuple[int, str, str, int]], int]:
    """The ready files (all, or `files`) whose digest `held` (a file's name -> the digest Neo4j has) does
    not hold, and how many it does."""
    ready = _ready(src, files)
    todo = [f for f in ready if held.get(f[1]) != _digest(f[2], f[3])]
    return todo, len(ready) - len(todo)


def file_rows(
    src: StoreSource, files: Sequence[str] | None = None, batch: int = BATCH, skip: Mapping[str, str] | None = None
) -> Iterator[FileRows]:
    """Row sets of the store's files (all, or the relative paths `files`), in path order; not of those
    whose digest `skip` holds (a file's name -> the digest Neo4j has)."""
    yield from _rows_of(src, _pending(src, files, skip or {})[0], batch)


def _rows_of(src: StoreSource, todo: list[tuple[int, str, str, int]], batch: int) -> Iterator[FileRows]:
    """Row sets of the files `todo` ((id, path, sha256, version), in path order), `batch` files a read."""
    first = _first_part_of(src.conn)
    for start in range(0, len(todo), batch):
        yield from _batch_rows(src, src.conn, todo[start : start + batch], first)


def _first_part_of(conn: sqlite3.Connection) -> dict[tuple[str, str], str]:
    """The file (first by path) whose PART_OF edge each body pair keeps: a few pairs, stated by many files."""
    return {
        (u, v): path
        for u, v, path in conn.execute(
            "SELECT e.src, e.dst, min(f.path) FROM edges e JOIN files f ON f.id = e.file_id "
            "WHERE e.type = 'PART_OF' AND e.src <> e.dst AND +f.state = 'ready' GROUP BY e.src, e.dst"
        )
    }


def _batch_rows(
    src: StoreSource,
    conn: sqlite3.Connection,
    files: list[tuple[int, str, str, int]],
    first: dict[tuple[str, str], str],
) -> Iterator[FileRows]:
    ids = [f[0] for f in files]
    path_of = {f[0]: f[1] for f in files}
    m = _marks(len(ids))
    touched: dict[int, set[str]] = defaultdict(set)
    for fid, node in conn.execute(
        f"SELECT file_id, node_id FROM refs WHERE file_id IN ({m}) AND node_id IS NOT NULL "
        f"UNION SELECT file_id, node_id FROM claims WHERE file_id IN ({m})",
        [*ids, *ids],
    ):
        touched[fid].add(node)
    rels: dict[int, list[Any]] = defaultdict(list)
    for fid, u, v, typ, key, attrs in conn.execute(
        f"SELECT file_id, src, dst, type, key, attrs FROM edges WHERE file_id IN ({m}) AND src <> dst "
        "ORDER BY file_id, seq",
        ids,
    ):
        if typ == "PART_OF" and first.get((u, v)) != path_of[fid]:
            continue
        rels[fid].append((u, v, key, json.loads(attrs)))
        touched[fid].update((u, v))
    attrs = _nodes(src, sorted(set().union(*touched.values())))
    rows = {n: node_row(n, a) for n, a in attrs.items()}  # once per batch: a hub is touched by every file
    for fid, path, sha256, version in files:
        nodes = [rows[n] for n in sorted(touched[fid]) if n in rows]
        last = {(u, v, key): a for u, v, key, a in rels[fid] if u in attrs and v in attrs}  # one per key: the last
        relationships = [relationship_row(u, v, key, a) for (u, v, key), a in last.items()]
        yield FileRows(path, _digest(sha256, version), nodes, relationships)


def write_csv(src: StoreSource, folder: Path) -> tuple[list[Path], int, int]:
    """``nodes.csv``, ``relationships.csv`` and ``sourcefiles.csv`` of the store for ``neo4j-admin database
    import``, made from the rows push writes (file_rows, a batch of files at a time: memory follows a batch,
    not the archive), each node once, each file's push manifest (so a push after the import skips what did
    not change). Written as ``.part`` files, renamed when whole. Returns the paths and the counts."""
    from . import neo4j_csv as ex

    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / name for name in ex.CSV_FILES]
    parts = [p.with_name(p.name + ".part") for p in paths]
    try:
        with (
            open(parts[0], "w", encoding="utf-8", newline="") as nf,
            open(parts[1], "w", encoding="utf-8", newline="") as rf,
            open(parts[2], "w", encoding="utf-8", newline="") as ff,
        ):
            w = _CsvWriter(src, nf, rf, ff)
            n_rels = w.write_store()
        for part, path in zip(parts, paths, strict=True):
            part.replace(path)
    except BaseException:
        for part in parts:
            part.unlink(missing_ok=True)
        raise
    return paths, len(w.seen), n_rels


class _CsvWriter:
    """The three CSV files of write_csv being written: each node once, relationships, manifests per batch."""

    def __init__(self, src: StoreSource, nf: Any, rf: Any, ff: Any) -> None:
        import time

        from . import neo4j_csv as ex

        self.src, self.ex, self.seen, self.at_ms = src, ex, set[str](), int(time.time() * 1000)
        self.node_extras = sorted(
            k
            for (k,) in src.conn.execute("SELECT DISTINCT j.key FROM nodes, json_each(nodes.data) j")
            if k not in ex.NODE_COLUMN_ATTRIBUTES
        )
        self.edge_extras = sorted(
            k
            for (k,) in src.conn.execute("SELECT DISTINCT j.key FROM edges, json_each(edges.attrs) j")
            if k not in ex.EDGE_COLUMN_ATTRIBUTES
        )
        self.nodes, self.rels, self.files = (csv.writer(f, lineterminator="\n") for f in (nf, rf, ff))
        self.nodes.writerow(ex.node_header(self.node_extras))
        self.rels.writerow(ex.relationship_header(self.edge_extras))
        self.files.writerow(ex.file_header())

    def node(self, row: NodeRow) -> None:
        if row.id not in self.seen:
            self.seen.add(row.id)
            labels = self.ex.neo4j_labels({"kind": row.kind, "label": row.label})
            self.nodes.writerow(self.ex.node_cells(row.id, labels, stored_properties(row), self.node_extras))

    def manifests(self, batch: list[FileRows]) -> None:
        from .neo4j_store import manifests

        self.files.writerows(self.ex.file_cells(m, self.at_ms) for m in manifests(batch))

    def write_store(self) -> int:
        """Every ready file's rows, then the nodes no ready file touches; the relationships written."""
        n_rels = 0
        batch: list[FileRows] = []  # a batch's rows share their node rows: manifests are made per batch
        for rows in file_rows(self.src):
            for row in rows.nodes:
                self.node(row)
            for rel in rows.relationships:
                self.rels.writerow(self.ex.relationship_cells(rel.u, rel.v, rel.type, rel.props, self.edge_extras))
            n_rels += len(rows.relationships)
            batch.append(rows)
            if len(batch) >= BATCH:
                self.manifests(batch)
                batch = []
        self.manifests(batch)
        rest = [n for (n,) in self.src.conn.execute("SELECT id FROM nodes ORDER BY id") if n not in self.seen]
        for start in range(0, len(rest), BATCH):  # nodes no ready file touches (none, in a consistent store)
            for node, attrs in _nodes(self.src, rest[start : start + BATCH]).items():
                self.node(node_row(node, attrs))
        return n_rels


__all__ = ["STATUS_PROPERTIES", "current_row", "file_rows", "write_csv"]


def push_store(
    driver: Any,
    src: StoreSource,
    files: Sequence[str] | None = None,
    *,
    prune: bool = False,
    force: bool = False,
    batch_rows: int | None = None,
    database: str | None = None,
    progress: Any = None,
) -> Any:
    """Push the store's files (all, or `files`) to Neo4j as a stream of row sets; with `prune`, also
    retract the files Neo4j holds that the store no longer does. Returns the writer's PushSummary."""
    from . import neo4j_store

    # the files whose digest Neo4j holds are left out before their rows are made (a re-push of an
    # unchanged archive reads the digests, not the archive)
    held = {} if force else neo4j_store.held_digests(driver, database=database)
    todo, unchanged = _pending(src, files, held)

    def stream() -> Iterator[FileRows]:
        yield from _rows_of(src, todo, BATCH)
        if prune and files is None:
            have = set(src.files())
            for name in sorted(set(neo4j_store.loaded_files(driver, database=database)) - have):
                yield FileRows(name, None)

    kwargs: dict[str, Any] = {"database": database, "force": force, "current": current_row(src), "progress": progress}
    if batch_rows:
        kwargs["batch_rows"] = batch_rows
    summary = neo4j_store.push_rows(driver, stream(), **kwargs)
    summary.unchanged += unchanged
    return summary


def push_source(
    driver: Any,
    src: Any,
    files: Sequence[str] | None = None,
    *,
    prune: bool = False,
    force: bool = False,
    batch_rows: int | None = None,
    database: str | None = None,
    progress: Any = None,
) -> Any:
    """Push what the query commands read (graph.store.open_source): a SQLite store as a stream of row
    sets, a node-link JSON graph (an export) whole, with each document's status."""
    from .neo4j_graph import push_graph
    from .validity import with_status

    if isinstance(src, StoreSource):
        return push_store(
            driver, src, files, prune=prune, force=force, batch_rows=batch_rows, database=database, progress=progress
        )
    kwargs: dict[str, Any] = {"database": database, "files": files, "prune": prune and not files, "force": force}
    if batch_rows:
        kwargs["batch_size"] = batch_rows
    return push_graph(driver, with_status(src.G), **kwargs)

"""The embedded store: one SQLite file (default ``policygraph.db``) holding what every loaded file states and
the graph identity makes of it (tables in graph.store_schema).

Loading is two steps. :meth:`Store.stage` writes files' statements as *pending* (one transaction per
batch: a file is staged whole or not at all; readers do not see pending files). :meth:`Store.commit`
then decides identity again for exactly what the change touches (graph.store_pass) and makes the pending
files part of the graph, in one transaction. A ``kill -9`` at any moment leaves the last committed graph;
files staged before it are finished by the next write. WAL mode: readers never wait on a writer, and two
loads at once both keep every file (SQLite serialises their transactions; each commit decides identity
from everything committed so far, so the result is the same in any order).

>>> import tempfile, os
>>> from policygraph.loaders.extract import extract_text
>>> from policygraph.loaders.models import Text
>>> st = Store.open(os.path.join(tempfile.mkdtemp(), "g.db"))
>>> st.stage([staged(extract_text(Text(path="a.txt", text="Thực hiện Nghị quyết số 31-NQ/TW ngày 30/12/2022.")), "0")])
[]
>>> st.commit().files_added
1
>>> sorted(st.source().candidates("31-NQ/TW").nodes)
['doc:31-NQ/TW@2022-12-30']
>>> st.close()
"""

from __future__ import annotations

import datetime as _dt
import itertools
import json
import os
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import networkx as nx

from ..loaders.models import DocRef, Extraction, plain
from ..loaders.symbols import identity_form
from .build import edge_attrs, edge_key, project_id
from .identity import family, short_number
from .source import MemorySource
from .store_pass import PassReport, run_pass
from .store_read import StoreSource, whole_graph
from .store_schema import SQLITE_MAGIC, StoreError, check_file, connect, ensure_parent, initialise, writable_error

__all__ = [
    "DEFAULT_STORE",
    "Staged",
    "Store",
    "staged",
    "StoreError",
    "open_source",
    "open_store",
    "read_graph",
    "store_path",
]

DEFAULT_STORE = "policygraph.db"


def store_path(opt: str | os.PathLike[str] | None = None) -> Path:
    """--store, else $POLICYGRAPH_STORE, else ./policygraph.db."""
    return Path(opt or os.environ.get("POLICYGRAPH_STORE") or DEFAULT_STORE)


@dataclass
class Staged:
    """One file's statements as the rows the store writes (made by :func:`staged`, in the worker that
    extracted the file, so the main process only inserts them). A file too large to hold twice is staged
    `lazy`: its rows are made from the extraction as the store writes them (iterators, read once)."""

    file: str
    name: str
    sha256: str
    location: str | None
    place: str | None  # the jurisdiction of the file's own document
    warnings: str
    refs: Iterable[tuple[Any, ...]]
    claims: Iterable[tuple[Any, ...]]
    edges: Iterable[tuple[Any, ...]]


def _json(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"))


def _ref_row(seq: int, key: str, r: DocRef) -> tuple[Any, ...]:
    fam = family(r)
    number = identity_form(r.number) if fam is not None and r.number else short_number(r)
    return (
        seq,
        key,
        fam.key if fam else None,
        number,
        int(bool(r.short)),
        r.symbol,
        r.jurisdiction,
        r.date,
        r.term,
        r.year,
        _json(r.missing),
        _json({**plain(r), "body": plain(r.body) if r.body else None}),
    )


def staged(x: Extraction, sha256: str, location: str | None = None, lazy: bool = False) -> Staged:
    """The rows of one file's extraction (as iterators over `x` when `lazy`: a file of a million
    references is never held as rows too)."""
    src = x.docs.get(x.source)
    bodies = ((i, "Body", b.key, b.key, _json(plain(b))) for i, b in enumerate(x.bodies.values()))
    projects = (
        (i, "Project", p.key, project_id(p.key), _json({**plain(p), "evidence": []}))
        for i, p in enumerate(x.projects.values())
    )
    edges = (
        (
            i,
            rel.source,
            rel.target,
            rel.type,
            rel.kind,
            edge_key(rel, x.file, i, rel.source, rel.target),
            _json(edge_attrs(rel, x.file)),
        )
        for i, rel in enumerate(x.relations)
    )  # PART_OF keys: body keys
    refs = (_ref_row(i, k, r) for i, (k, r) in enumerate(x.docs.items()))
    claims = itertools.chain(bodies, projects)
    return Staged(
        x.file,
        x.name,
        sha256,
        location,
        src.jurisdiction if src else None,
        _json(x.warnings),
        refs if lazy else list(refs),
        claims if lazy else list(claims),
        edges if lazy else list(edges),
    )


class Store:
    """A PolicyGraph store opened for writing (and reading)."""

    def __init__(self, path: Path, conn: sqlite3.Connection) -> None:
        self.path, self.conn = path, conn

    @classmethod
    def open(cls, path: str | os.PathLike[str] | None = None, create: bool = True) -> Store:
        p = store_path(path)
        check_file(p)
        if not p.exists():
            if not create:
                raise StoreError(f"{p}: no store here (run `policygraph load PATH` first, or give --store / --neo4j)")
            ensure_parent(p)
        st = cls(p, connect(p))
        initialise(st.conn, p)
        return st

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ------------------------------------------------------------------------------------------ writing

    def known(self) -> dict[str, str]:
        """Relative path -> sha256 of every file in the graph (a re-load skips those unchanged)."""
        return dict(self.conn.execute("SELECT path, sha256 FROM files WHERE state = 'ready'").fetchall())

    def stage(self, batch: Sequence[Staged]) -> list[str]:
        """Write these files' statements as pending, in one transaction; a file that cannot be written is
        left out whole (each file in a savepoint). Returns one line per file left out."""
        if not batch:
            return []
        now = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
        failed: list[str] = []
        try:
            with self._transaction():
                for s in batch:
                    self.conn.execute("SAVEPOINT file")
                    try:
                        self._stage_one(s, now)
                    except (ValueError, TypeError) as e:  # text the database cannot hold
                        self.conn.execute("ROLLBACK TO file")
                        failed.append(f"{s.location or s.file}: cannot be stored ({type(e).__name__}: {e})")
                    self.conn.execute("RELEASE file")
        except sqlite3.Error as e:
            raise writable_error(self.path, e) from e
        return failed

    def _stage_one(self, s: Staged, now: str) -> None:
        cur = self.conn.execute(
            "INSERT INTO files (path, name, location, sha256, loaded_at, place, state, warnings) "
            "VALUES (?, ?, ?, ?, ?, ?, 'pending', ?)",
            (s.file, s.name, s.location, s.sha256, now, s.place, s.warnings),
        )
        fid = int(cur.lastrowid or 0)
        self.conn.executemany(
            "INSERT INTO refs (file_id, seq, key, family, number, is_short, symbol, jurisdiction, "
            "date, term, year, ref_missing, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            ((fid, *row) for row in s.refs),
        )
        self.conn.executemany(
            "INSERT INTO claims (file_id, seq, kind, key, node_id, data) VALUES (?, ?, ?, ?, ?, ?)",
            ((fid, *row) for row in s.claims),
        )
        self.conn.executemany(
            "INSERT INTO edges (file_id, seq, src_key, dst_key, type, kind, key, attrs) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            ((fid, *row) for row in s.edges),
        )

    def commit(self, remove: Iterable[str] = ()) -> PassReport:
        """Make the pending files part of the graph (and drop the files at the relative paths `remove`),
        deciding identity again for what that touches: one transaction."""
        try:
            with self._transaction():
                return run_pass(self.conn, list(remove))
        except sqlite3.Error as e:
            raise writable_error(self.path, e) from e

    def _transaction(self) -> Any:
        conn = self.conn

        class _Tx:
            def __enter__(self) -> None:
                conn.execute("BEGIN IMMEDIATE")

            def __exit__(self, exc_type: object, *rest: object) -> None:
                conn.execute("ROLLBACK" if exc_type else "COMMIT")

        return _Tx()

    # ------------------------------------------------------------------------------------------ reading

    def source(self) -> StoreSource:
        return StoreSource(self.conn, self.path, own=False)

    def files(self) -> list[str]:
        return [p for (p,) in self.conn.execute("SELECT path FROM files WHERE state = 'ready' ORDER BY path")]

    @property
    def graph(self) -> nx.MultiDiGraph:
        """The whole graph in memory (exports; small stores). Queries use :meth:`source` instead."""
        return whole_graph(self.conn)


def open_store(path: str | os.PathLike[str] | None = None, create: bool = True) -> Store:
    """The store at `path` (see store_path), created empty when absent and `create`."""
    return Store.open(path, create)


def open_source(path: str | os.PathLike[str] | None = None) -> StoreSource | MemorySource:
    """The graph at `path` for the query commands: a store, or a node-link JSON graph (an export) read in
    memory; StoreError when there is neither."""
    p = store_path(path)
    if not p.exists():
        raise StoreError(f"{p}: no store here (run `policygraph load PATH` first, or give --store / --neo4j)")
    if p.is_file() and not _is_sqlite(p):
        return MemorySource(_read_node_link(p))
    check_file(p)
    conn = connect(p, readonly=True)
    try:
        from .store_schema import check_version

        check_version(conn, p)
    except StoreError:
        conn.close()
        raise
    return StoreSource(conn, p, own=True)


def read_graph(path: str | os.PathLike[str] | None = None) -> nx.MultiDiGraph:
    """The whole graph at `path` (a store, or a JSON graph export) in memory, for exports and pushes."""
    src = open_source(path)
    try:
        return src.G if isinstance(src, MemorySource) else whole_graph(src.conn)
    finally:
        src.close()


def _is_sqlite(p: Path) -> bool:
    try:
        with open(p, "rb") as fh:
            return fh.read(16) == SQLITE_MAGIC
    except OSError as e:
        raise StoreError(f"{p}: cannot read the store ({e.strerror or e})") from e


def _read_node_link(p: Path) -> nx.MultiDiGraph:
    check_file_json = p.read_bytes()[:200]
    if b'"policygraph-store"' in check_file_json:
        check_file(p)  # raises with the re-load hint
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
        return nx.node_link_graph(data, directed=True, multigraph=True, edges="edges" if "edges" in data else "links")
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise StoreError(f"{p}: not a PolicyGraph store nor a JSON graph export ({type(e).__name__})") from e

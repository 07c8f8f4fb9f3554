"""The identity pass of the embedded store: after files come or go, decide again exactly what they touch.

Run inside one write transaction (graph.store.Store.commit):

1. The files to drop (older versions of re-loaded files, removed files) leave, and the pending files join;
   the families, numbers and nodes their references and claims touched are *affected*.
2. Tier 1: every reference of an affected family gets its node again (graph.identity.assign_family);
   a reference whose node or resolution changed makes its number affected.
3. Tier 2: every short reference of an affected number is decided again against the resolved full
   references with that number (graph.identity.assign_short).
4. Edges take their ends' new node ids (set-based SQL); every affected node is materialised again from
   the claims on it (graph.build.document_node / body_node / project_node), or deleted when none is left.

The decisions are the same functions graph.build uses for the whole corpus at once, and each depends
only on its family or number, so the store holds the graph that one load of the final set of files
would give (tests/test_store.py checks that for random orders, batches and removals).
"""

from __future__ import annotations

import json
import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..loaders.models import Body, DocRef, Project
from .build import body_node, document_node, project_node
from .identity import Assigned, Candidate, Candidates, assign_family, assign_short, single_id
from .store_rows import briefs_row, nodes_row
from .store_schema import count_links, drop_link_triggers

CHUNK = 500


@dataclass
class PassReport:
    files_added: int = 0
    files_dropped: int = 0
    removed: list[str] = field(default_factory=list)
    references_decided: int = 0
    nodes_written: int = 0
    nodes_deleted: int = 0


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _marks(n: int) -> str:
    return ",".join("?" * n)


def _docref(data: str) -> DocRef:
    return DocRef.from_dict(json.loads(data))


def run_pass(conn: sqlite3.Connection, remove: Sequence[str]) -> PassReport:
    """See the module docstring. `remove`: relative paths of ready files to drop."""
    rep = PassReport()
    _temp_tables(conn)
    pending = [i for (i,) in conn.execute("SELECT id FROM files WHERE state = 'pending' ORDER BY id")]
    drop = _files_to_drop(conn, pending, remove, rep)
    for ids in _chunks(drop):
        _touch_from_files(conn, ids)
        conn.execute(f"DELETE FROM files WHERE id IN ({_marks(len(ids))})", list(ids))
    pending = [i for (i,) in conn.execute("SELECT id FROM files WHERE state = 'pending' ORDER BY id")]
    for ids in _chunks(pending):
        _touch_from_files(conn, ids)
        conn.execute(f"UPDATE files SET state = 'ready' WHERE id IN ({_marks(len(ids))})", list(ids))
    rep.files_added = len(pending)
    bulk = _bulk(conn, len(pending))
    rebuilt = _drop_indexes(conn) if bulk else []
    rep.references_decided += _decide_families(conn)
    rep.references_decided += _decide_singles(conn, pending)
    rep.references_decided += _decide_shorts(conn)
    _update_edges(conn, pending)
    for sql in rebuilt:
        conn.execute(sql)
    if bulk:
        count_links(conn)
    rep.nodes_written, rep.nodes_deleted = _materialise(conn)
    conn.execute(
        "UPDATE files SET version = version + 1 WHERE id IN (SELECT DISTINCT file_id FROM t_changed) "
        "AND id NOT IN (SELECT value FROM json_each(?))",
        (json.dumps(pending),),
    )
    _drop_temp_tables(conn)
    return rep


# indexes on what the pass rewrites wholesale (every node id of a reference, both ends of every edge) and
# reads only after: on a large load, dropping and rebuilding them (sorted, once) beats updating them row by
# row. Inside the pass's transaction, so readers never see them missing.
_REWRITTEN_INDEXES = ("refs_node", "edges_src", "edges_dst", "edges_type")
BULK_FILES = 1000


def _bulk(conn: sqlite3.Connection, pending: int) -> bool:
    """A large load: at least BULK_FILES files joining, a quarter or more of the store's files."""
    if pending < BULK_FILES:
        return False
    return pending * 4 >= conn.execute("SELECT count(*) FROM files").fetchone()[0]


def _drop_indexes(conn: sqlite3.Connection) -> list[str]:
    """Drop the indexes the pass rewrites and the links triggers (store_schema.count_links counts the
    table afterwards); returns the statements that create the indexes again."""
    found = conn.execute(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN ({_marks(len(_REWRITTEN_INDEXES))})",
        _REWRITTEN_INDEXES,
    ).fetchall()
    for name, _ in found:
        conn.execute(f"DROP INDEX {name}")
    drop_link_triggers(conn)
    return [sql for _, sql in found]


_TEMP = {
    "t_family": "family TEXT PRIMARY KEY",
    "t_number": "number TEXT PRIMARY KEY",
    "t_node": "id TEXT PRIMARY KEY",
    "t_changed": "file_id INTEGER, key TEXT, PRIMARY KEY (file_id, key)",
}


def _temp_tables(conn: sqlite3.Connection) -> None:
    """Scratch sets of what the pass touches (in SQLite, not in Python memory). One statement at a time:
    executescript would commit the open transaction."""
    for name, columns in _TEMP.items():
        conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {name} ({columns}) WITHOUT ROWID")
        conn.execute(f"DELETE FROM temp.{name}")


def _drop_temp_tables(conn: sqlite3.Connection) -> None:
    for name in _TEMP:
        conn.execute(f"DELETE FROM temp.{name}")


def _files_to_drop(conn: sqlite3.Connection, pending: list[int], remove: Sequence[str], rep: PassReport) -> list[int]:
    """Ready files replaced by a pending version, older pending versions of one path, removed files."""
    drop: set[int] = set()
    newest: dict[str, int] = {}
    for ids in _chunks(pending):
        for fid, path in conn.execute(f"SELECT id, path FROM files WHERE id IN ({_marks(len(ids))})", list(ids)):
            if path in newest:
                drop.add(newest[path])
            newest[path] = fid
    paths = list(newest)
    for ps in _chunks(paths):
        drop.update(
            i
            for (i,) in conn.execute(
                f"SELECT id FROM files WHERE state = 'ready' AND path IN ({_marks(len(ps))})", list(ps)
            )
        )
    for ps in _chunks(list(remove)):
        found = conn.execute(
            f"SELECT id, path FROM files WHERE state = 'ready' AND path IN ({_marks(len(ps))})", list(ps)
        ).fetchall()
        drop.update(i for i, _ in found)
        rep.removed.extend(p for _, p in found)
    rep.files_dropped = len(drop)
    return sorted(drop)


def _touch_from_files(conn: sqlite3.Connection, ids: Sequence[int]) -> None:
    """Mark what these files' references and claims touch: families, numbers, nodes."""
    m, args = _marks(len(ids)), list(ids)
    conn.execute(
        f"INSERT OR IGNORE INTO t_family SELECT family FROM refs WHERE file_id IN ({m}) AND family IS NOT NULL", args
    )
    conn.execute(
        f"INSERT OR IGNORE INTO t_number SELECT number FROM refs WHERE file_id IN ({m}) AND number IS NOT NULL", args
    )
    conn.execute(
        f"INSERT OR IGNORE INTO t_node SELECT node_id FROM refs WHERE file_id IN ({m}) AND node_id IS NOT NULL", args
    )
    conn.execute(f"INSERT OR IGNORE INTO t_node SELECT node_id FROM claims WHERE file_id IN ({m})", args)


def _record(conn: sqlite3.Connection, updates: list[tuple[int, str, Assigned, Any]], full: bool) -> int:
    """Write the assignments that changed; mark their old and new nodes (and numbers, for full refs)."""
    changed = [
        (fid, key, a, old)
        for fid, key, a, old in updates
        if old is None or (a.id, int(a.resolved), json.dumps(list(a.missing))) != old[:3]
    ]
    if not changed:
        return 0
    conn.executemany(
        "UPDATE refs SET node_id = ?, resolved = ?, missing = ? WHERE file_id = ? AND key = ?",
        [(a.id, int(a.resolved), json.dumps(list(a.missing)), fid, key) for fid, key, a, _ in changed],
    )
    # refs decided before (not those of the files joining now, whose edges are all set anyway)
    conn.executemany(
        "INSERT OR IGNORE INTO t_changed VALUES (?, ?)", [(fid, key) for fid, key, _, old in changed if old is not None]
    )
    nodes = {a.id for _, _, a, _ in changed} | {old[0] for *_, old in changed if old is not None and old[0]}
    conn.executemany("INSERT OR IGNORE INTO t_node VALUES (?)", [(n,) for n in nodes])
    if full:
        conn.executemany(
            "INSERT OR IGNORE INTO t_number SELECT number FROM refs WHERE file_id = ? AND key = ? "
            "AND number IS NOT NULL",
            [(fid, key) for fid, key, _, _ in changed],
        )
    return len(changed)


_REF_COLUMNS = "r.file_id, r.key, f.path, r.data, r.node_id, r.resolved, r.missing"


def _old(row: Sequence[Any]) -> tuple[Any, ...] | None:
    return None if row[4] is None else (row[4], row[5], row[6])


def _family_ref(
    key: str, symbol: str, jurisdiction: str | None, date: str | None, term: str | None, year: int | None, missing: str
) -> DocRef:
    """What identity reads of a reference with a symbol, from its columns (no JSON to decode)."""
    return DocRef(
        key=key, symbol=symbol, jurisdiction=jurisdiction, date=date, term=term, year=year, missing=json.loads(missing)
    )


def _decide_families(conn: sqlite3.Connection) -> int:
    families = [f for (f,) in conn.execute("SELECT family FROM t_family ORDER BY family")]
    decided = 0
    for chunk in _chunks(families):
        groups: dict[str, list[Any]] = defaultdict(list)
        for row in conn.execute(
            "SELECT r.family, r.file_id, r.key, f.path, r.node_id, r.resolved, r.missing, r.symbol, "
            "r.jurisdiction, r.date, r.term, r.year, r.ref_missing FROM refs r JOIN files f ON f.id = r.file_id "
            f"WHERE r.family IN ({_marks(len(chunk))}) AND +f.state = 'ready'",
            list(chunk),
        ):
            groups[row[0]].append(row[1:])
        updates = []
        for rows in groups.values():
            refs = {(row[2], row[1]): row for row in rows}
            ids = assign_family([(rid, _family_ref(row[1], *row[6:])) for rid, row in refs.items()])
            updates += [(row[0], row[1], ids[rid], None if row[3] is None else row[3:6]) for rid, row in refs.items()]
        decided += _record(conn, updates, full=True)
    return decided


def _decide_singles(conn: sqlite3.Connection, pending: Sequence[int]) -> int:
    """The pending files' references with neither symbol nor short form (their own document, named ones)."""
    decided = 0
    for ids in _chunks(list(pending)):
        rows = conn.execute(
            f"SELECT {_REF_COLUMNS} FROM refs r JOIN files f ON f.id = r.file_id "
            f"WHERE r.file_id IN ({_marks(len(ids))}) AND +r.family IS NULL AND +r.is_short = 0",
            list(ids),
        ).fetchall()
        updates = [(row[0], row[1], Assigned(single_id(row[2], row[1], _docref(row[3]))), _old(row)) for row in rows]
        decided += _record(conn, updates, full=False)
    return decided


def _decide_shorts(conn: sqlite3.Connection) -> int:
    numbers = [
        n
        for (n,) in conn.execute(
            "SELECT number FROM t_number WHERE number IN (SELECT number FROM refs WHERE is_short = 1) ORDER BY number"
        )
    ]
    decided = 0
    for number in numbers:
        cands = Candidates(
            Candidate(node, _docref(data), path)
            for node, data, path in conn.execute(
                "SELECT r.node_id, r.data, f.path FROM refs r JOIN files f ON f.id = r.file_id "
                "WHERE r.number = ? AND r.is_short = 0 AND r.family IS NOT NULL AND r.resolved = 1 AND +f.state = 'ready'",
                (number,),
            )
        )
        rows = conn.execute(
            f"SELECT {_REF_COLUMNS}, f.place FROM refs r JOIN files f ON f.id = r.file_id "
            "WHERE r.number = ? AND r.is_short = 1 AND +f.state = 'ready'",
            (number,),
        ).fetchall()
        updates = [
            (row[0], row[1], assign_short((row[2], row[1]), _docref(row[3]), cands, row[7]), _old(row)) for row in rows
        ]
        decided += _record(conn, updates, full=False)
    return decided


def _update_edges(conn: sqlite3.Connection, pending: Sequence[int]) -> None:
    """Edges take the node ids of their ends: every edge of a new file, and the edges of changed refs."""
    for end in ("src", "dst"):
        ref_id = f"(SELECT r.node_id FROM refs r WHERE r.file_id = edges.file_id AND r.key = edges.{end}_key)"
        claim_id = f"(SELECT c.node_id FROM claims c WHERE c.file_id = edges.file_id AND c.key = edges.{end}_key)"
        for ids in _chunks(list(pending)):
            conn.execute(
                f"UPDATE edges SET {end} = coalesce({ref_id}, {claim_id}, {end}_key) "
                f"WHERE file_id IN ({_marks(len(ids))})",
                list(ids),
            )
        conn.execute(
            f"UPDATE edges SET {end} = {ref_id} WHERE (file_id, {end}_key) IN (SELECT file_id, key FROM t_changed)"
        )


def _materialise(conn: sqlite3.Connection) -> tuple[int, int]:
    nodes = [n for (n,) in conn.execute("SELECT id FROM t_node ORDER BY id")]
    written = deleted = 0
    for chunk in _chunks(nodes):
        attrs = list(_node_attrs(conn, chunk))
        rows = [nodes_row(n, a) for n, a in attrs]
        conn.executemany("INSERT OR REPLACE INTO nodes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        conn.execute(f"DELETE FROM briefs WHERE id IN ({_marks(len(chunk))})", list(chunk))
        conn.executemany("INSERT INTO briefs VALUES (?, ?)", [b for n, a in attrs if (b := briefs_row(n, a))])
        gone = sorted(set(chunk) - {r[0] for r in rows})
        if gone:
            conn.execute(f"DELETE FROM nodes WHERE id IN ({_marks(len(gone))})", gone)
        written, deleted = written + len(rows), deleted + len(gone)
    return written, deleted


def _node_attrs(conn: sqlite3.Connection, ids: Sequence[str]) -> Iterable[tuple[str, dict[str, Any]]]:
    m = _marks(len(ids))
    docs: dict[str, list[tuple[DocRef, str, Assigned]]] = defaultdict(list)
    for node, data, path, resolved, missing in conn.execute(
        f"SELECT r.node_id, r.data, f.path, r.resolved, r.missing FROM refs r JOIN files f ON f.id = r.file_id "
        f"WHERE r.node_id IN ({m}) AND +f.state = 'ready' ORDER BY f.path, r.seq",
        list(ids),
    ):
        docs[node].append((_docref(data), path, Assigned(node, bool(resolved), tuple(json.loads(missing)))))
    bodies: dict[str, list[tuple[Body, str]]] = defaultdict(list)
    projects: dict[str, list[tuple[Project, str]]] = defaultdict(list)
    for node, kind, data, path in conn.execute(
        f"SELECT c.node_id, c.kind, c.data, f.path FROM claims c JOIN files f ON f.id = c.file_id "
        f"WHERE c.node_id IN ({m}) AND +f.state = 'ready' ORDER BY f.path, c.seq",
        list(ids),
    ):
        d = json.loads(data)
        if kind == "Body":
            bodies[node].append((Body(**d), path))
        else:
            projects[node].append((Project(**d), path))
    for node, claims in docs.items():
        yield node, document_node(node, claims)
    for node, bclaims in bodies.items():
        yield node, body_node(bclaims)
    for node, pclaims in projects.items():
        yield node, project_node(pclaims)

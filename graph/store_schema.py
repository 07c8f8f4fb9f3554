"""The embedded store's tables (SQLite, the standard library's sqlite3, WAL mode) and how a store file is
opened, checked and created. graph.store writes it, graph.store_read reads it.

What a file states is kept per file: its references to documents (``refs``), the bodies and projects it
names (``claims``) and its relations with their evidence (``edges``). ``nodes`` holds the graph's nodes as
identity and the claims make them, so a query reads a node without rebuilding anything. Every look-up a
query makes has its index: symbol, number, file name, title words (``nodes``); source and target with
the relation type (``edges``); the family and number of a reference (``refs``, for identity).
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Callable
from pathlib import Path

from ..loaders.models import PolicyGraphError
from .rules import SOURCES_SHOWN
from .store_rows import briefs_row

SCHEMA_VERSION = 1
APPLICATION = "policygraph"
SQLITE_MAGIC = b"SQLite format 3\x00"


#: the edges a legal portal's curated list states (few): stats compares them with the text's through a partial
#: index on this condition, never by decoding every edge's attributes
PORTAL_EDGE = "json_extract(attrs, '$.origin') = 'portal'"
_PORTAL_INDEX = f"CREATE INDEX IF NOT EXISTS edges_portal ON edges(src, dst, type) WHERE {PORTAL_EDGE}"


def _walk_index(end: str, if_new: str = "") -> str:
    """The index walks read edges by from one `end` (src or dst): covering, so a walk reads no edge row.
    Without `if_new` ("IF NOT EXISTS "), the text SQLite keeps of it (stores made before it had a narrower
    one: _widen_index)."""
    other = "dst" if end == "src" else "src"
    return f"CREATE INDEX {if_new}edges_{end} ON edges({end}, type, {other}, file_id)"


DDL = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,              -- relative to the folder loaded: the file's identity
    name TEXT NOT NULL,              -- its last component (the export's source_file)
    location TEXT,                   -- where it was read from
    sha256 TEXT NOT NULL,            -- of its bytes: an unchanged file is skipped on re-load
    loaded_at TEXT NOT NULL,
    place TEXT,                      -- the jurisdiction of the file's own document
    state TEXT NOT NULL,             -- 'pending' (staged, not yet in the graph) or 'ready'
    version INTEGER NOT NULL DEFAULT 1,  -- bumped when its statements or their node ids change
    warnings TEXT
);
CREATE UNIQUE INDEX IF NOT EXISTS files_ready_path ON files(path) WHERE state = 'ready';
CREATE INDEX IF NOT EXISTS files_pending ON files(id) WHERE state = 'pending';
DROP INDEX IF EXISTS files_state;
CREATE TABLE IF NOT EXISTS refs (
    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    key TEXT NOT NULL,
    family TEXT,                     -- graph.identity family key (references with a symbol)
    number TEXT,                     -- identity form of the number (full and short references)
    is_short INTEGER NOT NULL,
    symbol TEXT,                     -- what family identity reads, as columns (no JSON to decode)
    jurisdiction TEXT,
    date TEXT,
    term TEXT,
    year INTEGER,
    ref_missing TEXT,
    data TEXT NOT NULL,              -- the DocRef, JSON
    node_id TEXT,
    resolved INTEGER,
    missing TEXT,
    PRIMARY KEY (file_id, key)
);
CREATE INDEX IF NOT EXISTS refs_family ON refs(family);
CREATE INDEX IF NOT EXISTS refs_number ON refs(number, is_short);
CREATE INDEX IF NOT EXISTS refs_node ON refs(node_id);
CREATE TABLE IF NOT EXISTS claims (
    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    kind TEXT NOT NULL,              -- Body | Project
    key TEXT NOT NULL,
    node_id TEXT NOT NULL,
    data TEXT NOT NULL,
    PRIMARY KEY (file_id, kind, key)
);
CREATE INDEX IF NOT EXISTS claims_node ON claims(node_id);
CREATE INDEX IF NOT EXISTS claims_key ON claims(file_id, key);
CREATE TABLE IF NOT EXISTS edges (
    id INTEGER PRIMARY KEY,
    file_id INTEGER NOT NULL REFERENCES files(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL,
    src_key TEXT NOT NULL,
    dst_key TEXT NOT NULL,
    src TEXT,                        -- node ids (NULL while the file is pending: readers do not see it)
    dst TEXT,
    type TEXT NOT NULL,
    kind TEXT,
    key TEXT,
    attrs TEXT NOT NULL              -- the edge's attributes, JSON (kind, source_file, evidence, ...)
);
{walk_src};
{walk_dst};
CREATE INDEX IF NOT EXISTS edges_file ON edges(file_id);
CREATE INDEX IF NOT EXISTS edges_type ON edges(type, kind, src, dst);  -- stats count from the index alone
{portal_index};
CREATE TABLE IF NOT EXISTS nodes (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    label TEXT,
    symbol_fold TEXT,                -- graph.queries.fold_symbol of the symbol
    num TEXT,                        -- the number, leading zeros dropped
    source_file TEXT,
    source_path TEXT,
    names_fold TEXT,                 -- title, name and aliases, folded, for title-word look-ups
    sort_key TEXT NOT NULL,          -- graph.queries.order_key: lineage lists siblings in this order
    resolved INTEGER,
    n_sources INTEGER NOT NULL,
    no_identity INTEGER NOT NULL,
    has_conflicts INTEGER NOT NULL,
    data TEXT NOT NULL               -- every attribute, JSON
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS nodes_symbol ON nodes(symbol_fold);
CREATE INDEX IF NOT EXISTS nodes_num ON nodes(num);
CREATE INDEX IF NOT EXISTS nodes_file ON nodes(source_file);
CREATE INDEX IF NOT EXISTS nodes_path ON nodes(source_path);
CREATE INDEX IF NOT EXISTS nodes_kind ON nodes(kind, label);
""".format(
    walk_src=_walk_index("src", "IF NOT EXISTS "),
    walk_dst=_walk_index("dst", "IF NOT EXISTS "),
    portal_index=_PORTAL_INDEX,
)

# what answers show of a hub stated by more than graph.rules.SOURCES_SHOWN files (graph.rules.brief_attrs:
# its sources cut, JSON): walks read it instead of a list of ten thousand files (its own table, so reading it
# never pages through the hub's whole row)
BRIEFS_DDL = """
CREATE TABLE IF NOT EXISTS briefs (
    id TEXT PRIMARY KEY,
    data TEXT NOT NULL
) WITHOUT ROWID
"""


# Which node links to which: each (src, type, dst) that edges state, and how many edges do (`n`). One
# relation between two central documents is stated in thousands of files; a walk that picks a node's
# children or counts what it reaches reads one row a pair here, not one a statement. Triggers keep it as
# edges gain their ends (the pass), change them or go (a file removed or replaced); a bulk pass drops the
# triggers with the indexes it rewrites and counts the table again (store_pass).
_LINKS_TABLE = (
    "CREATE TABLE IF NOT EXISTS links (src TEXT NOT NULL, type TEXT NOT NULL, dst TEXT NOT NULL, "
    "n INTEGER NOT NULL, PRIMARY KEY (src, type, dst)) WITHOUT ROWID"
)
_LINK_ADD = "INSERT INTO links VALUES (new.src, new.type, new.dst, 1) ON CONFLICT DO UPDATE SET n = n + 1"
_LINK_SUB = (
    "UPDATE links SET n = n - 1 WHERE src = old.src AND type = old.type AND dst = old.dst; "
    "DELETE FROM links WHERE src = old.src AND type = old.type AND dst = old.dst AND n = 0"
)
# an edge with a NULL end (its file pending) or one end twice is no link: `NULL <> x` is not true
LINK_TRIGGERS = {
    "links_insert": f"AFTER INSERT ON edges WHEN new.src <> new.dst BEGIN {_LINK_ADD}; END",
    "links_delete": f"AFTER DELETE ON edges WHEN old.src <> old.dst BEGIN {_LINK_SUB}; END",
    "links_update_old": f"AFTER UPDATE OF src, dst, type ON edges WHEN old.src <> old.dst BEGIN {_LINK_SUB}; END",
    "links_update_new": f"AFTER UPDATE OF src, dst, type ON edges WHEN new.src <> new.dst BEGIN {_LINK_ADD}; END",
}


def count_links(conn: sqlite3.Connection) -> None:
    """Count the links table again from every edge (its index built after the rows), triggers back."""
    conn.execute("DROP INDEX IF EXISTS links_dst")
    conn.execute("DELETE FROM links")
    conn.execute(
        "INSERT INTO links SELECT src, type, dst, count(*) FROM edges WHERE src <> dst GROUP BY src, type, dst"
    )
    conn.execute("CREATE INDEX links_dst ON links(dst, type, src)")
    for name, body in LINK_TRIGGERS.items():
        conn.execute(f"CREATE TRIGGER IF NOT EXISTS {name} {body}")


def drop_link_triggers(conn: sqlite3.Connection) -> None:
    for name in LINK_TRIGGERS:
        conn.execute(f"DROP TRIGGER IF EXISTS {name}")


class StoreError(PolicyGraphError):
    """The store cannot be opened, read or written (the message names it and says why)."""


def _looks_like_sqlite(path: Path) -> bool:
    with open(path, "rb") as fh:
        return fh.read(16) == SQLITE_MAGIC


def _old_json_store(path: Path) -> bool:
    with open(path, "rb") as fh:
        head = fh.read(200)
    return head.lstrip().startswith(b"{") and b'"policygraph-store"' in head


def check_file(path: Path) -> None:
    """StoreError unless `path` is a PolicyGraph SQLite store (or absent)."""
    if not path.exists():
        return
    if path.is_dir():
        raise StoreError(f"{path}: is a folder, not a store file")
    try:
        if path.stat().st_size == 0 or _looks_like_sqlite(path):  # 0 bytes: being created by another process
            return
        old = _old_json_store(path)
    except OSError as e:
        raise StoreError(f"{path}: cannot read the store ({e.strerror or e})") from e
    if old:
        raise StoreError(
            f"{path}: a JSON store of PolicyGraph 0.1, which this version does not read; load your "
            f"files again into a new store: policygraph load FOLDER --store policygraph.db"
        )
    raise StoreError(f"{path}: not a PolicyGraph store (not an SQLite database)")


def connect(path: Path, readonly: bool = False) -> sqlite3.Connection:
    """A connection in WAL mode (readers never wait on a writer), foreign keys on, long busy timeout."""
    try:
        if readonly:
            conn = sqlite3.connect(
                f"{path.resolve().as_uri()}?mode=ro",
                uri=True,
                timeout=60,
                isolation_level=None,
                check_same_thread=False,
            )
        else:
            conn = sqlite3.connect(path, timeout=60, isolation_level=None)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA busy_timeout = 600000")
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA cache_size = -65536")
        return conn
    except sqlite3.Error as e:
        raise StoreError(f"{path}: cannot open the store ({e})") from e


def initialise(conn: sqlite3.Connection, path: Path) -> None:
    """Create the tables of an empty store, or check the schema version of an existing one."""
    try:
        has_meta = conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name='meta'").fetchone()
        if not has_meta:
            if conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                raise StoreError(f"{path}: an SQLite database, but not a PolicyGraph store")
            conn.execute("BEGIN IMMEDIATE")
            for statement in DDL.split(";"):
                if statement.strip():
                    conn.execute(statement)
            conn.execute(
                "INSERT OR IGNORE INTO meta VALUES ('application', ?), ('schema_version', ?)",
                (APPLICATION, str(SCHEMA_VERSION)),
            )
            conn.execute("COMMIT")
        check_version(conn, path)
        if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'files_state'").fetchone():
            conn.execute("DROP INDEX files_state")  # a low-cardinality index that misled the planner
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'edges_type'").fetchone():
            _add_late_index(conn, "CREATE INDEX IF NOT EXISTS edges_type ON edges(type, kind, src, dst)")
        if not conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'edges_portal'").fetchone():
            _add_late_index(conn, _PORTAL_INDEX)
        if not has_table(conn, "briefs"):
            _add_briefs(conn)
        if not has_table(conn, "links"):
            _upgrade(conn, lambda: conn.execute(_LINKS_TABLE), lambda: count_links(conn))
        for end in ("src", "dst"):  # stores made before the walk indexes covered
            _widen_index(conn, f"edges_{end}", _walk_index(end))
    except sqlite3.OperationalError as e:
        raise StoreError(f"{path}: {_operational(e)}") from e


def _add_late_index(conn: sqlite3.Connection, ddl: str) -> None:
    """An index added after a store was made: built once by the first writer, skipped by readers."""
    try:
        conn.execute(ddl)
    except sqlite3.OperationalError:
        pass  # read-only: the queries work without it, only slower


def has_table(conn: sqlite3.Connection, name: str) -> bool:
    """Has the store the table `name` (a store made before ``briefs`` or ``links``: readers read nodes.data,
    walks the edges)?"""
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() is not None


def _add_briefs(conn: sqlite3.Connection) -> None:
    """Add the briefs of a store's hubs (a store made before them)."""

    def fill() -> None:
        conn.execute(BRIEFS_DDL)
        hubs = conn.execute("SELECT id, data FROM nodes WHERE n_sources > ?", (SOURCES_SHOWN,)).fetchall()
        conn.executemany(
            "INSERT INTO briefs VALUES (?, ?)", [b for n, d in hubs if (b := briefs_row(n, json.loads(d)))]
        )

    _upgrade(conn, fill)


def _widen_index(conn: sqlite3.Connection, name: str, ddl: str) -> None:
    """Make the index `name` the one `ddl` creates, if it is not."""
    row = conn.execute("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = ?", (name,)).fetchone()
    if row is not None and " ".join(row[0].split()) != ddl:
        _upgrade(conn, lambda: conn.execute(f"DROP INDEX {name}"), lambda: conn.execute(ddl))


def _upgrade(conn: sqlite3.Connection, *steps: Callable[[], object]) -> None:
    """Bring a store made before these `steps` up to date, in one transaction: once, by its first writer
    (a read-only store stays as it is; readers work without the upgrade, only slower)."""
    try:
        conn.execute("BEGIN IMMEDIATE")
        for step in steps:
            step()
        conn.execute("COMMIT")
    except sqlite3.OperationalError:
        if conn.in_transaction:
            conn.execute("ROLLBACK")


def check_version(conn: sqlite3.Connection, path: Path) -> None:
    try:
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
    except sqlite3.Error as e:
        raise StoreError(f"{path}: an SQLite database, but not a PolicyGraph store") from e
    if meta.get("application") != APPLICATION:
        raise StoreError(f"{path}: an SQLite database, but not a PolicyGraph store")
    version = meta.get("schema_version")
    if version != str(SCHEMA_VERSION):
        raise StoreError(
            f"{path}: store schema version {version}, this PolicyGraph reads version {SCHEMA_VERSION} "
            "(load your files again into a new store)"
        )


def _operational(e: sqlite3.Error) -> str:
    msg = str(e)
    if "readonly" in msg or "read-only" in msg:
        return "the store or its folder is read-only (give --store a writable path)"
    if "locked" in msg or "busy" in msg:
        return "the store is locked by another process (try again when it has finished)"
    if "unable to open" in msg:
        return "cannot open the store file (check the folder exists and is writable)"
    return msg


def writable_error(path: Path, e: sqlite3.Error | OSError) -> StoreError:
    """One line for a failed write: read-only, locked, disk full, ..."""
    if isinstance(e, OSError):
        return StoreError(f"{path}: {e.strerror or e}")
    return StoreError(f"{path}: {_operational(e)}")


def ensure_parent(path: Path) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise StoreError(f"{path}: cannot create its folder ({e.strerror or e})") from e
    if not os.access(path.parent, os.W_OK):
        raise StoreError(f"{path}: its folder is read-only (give --store a writable path)")

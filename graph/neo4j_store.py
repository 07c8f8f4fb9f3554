"""The Neo4j store: PolicyGraph's graph (docs/schema.md) as Neo4j 5 holds it, and the writer that puts it
there (graph.neo4j_read reads it back).

Model in Neo4j
--------------
* Documents are ``(:Document {id})`` plus their specific label (``:Resolution``, ``:Decree`` ...); bodies
  ``(:Body {id})``; projects ``(:Project {id})``; one uniqueness constraint per kind. Labels and relationship
  types come from the ontology (``ontology/vocab.py``), never from data: a label outside the vocabulary
  stays a property and the node keeps only ``:Document``.
* Node properties are the schema attributes: ``None`` is omitted, lists of strings stay lists (``sources``
  included), dicts such as ``conflicts`` become JSON strings whose names are listed in ``pg_json``.
* Relationships carry ``kind``, ``source_file`` and the evidence flattened to ``evidence_file``,
  ``evidence_start``, ``evidence_end``, ``evidence_sentence``; ``pg_key`` keeps the edge's key.
* Search keys, written beside the properties and hidden when reading back: ``pg_symbol`` (the folded
  symbol), ``pg_number``, ``pg_file`` (the file name in lower case) and ``pg_names`` (folded title, name and
  aliases, in a full-text index), so a typed reference is looked up by index (graph.neo4j_read).
* One ``(:SourceFile {name})`` per pushed file: its lock and manifest (``digest``, the ids of the nodes
  it touched, how many nodes it asserts and relationships it states, when).

Writing: the row-set contract
-----------------------------
The writer, :func:`push_rows`, reads an iterable of :class:`FileRows`, one per file, and never needs the
whole graph::

    FileRows(file, digest, nodes, relationships, gone)

* ``file``: the file's name as loaded (``""``: the statements no file claims).
* ``digest``: any string that changes when the file's rows change (the store's own hash will do); a file
  whose digest Neo4j already holds is skipped (``force=True`` rewrites it). ``None``: the file left the
  store: its relationships and its ``SourceFile`` go (its ``nodes``, if any, are the current rows of the
  nodes it touched that the store still has: their ``sources`` lost the file).
* ``nodes``: a :class:`NodeRow` ``(id, kind, label, props)`` for every node the file asserts or its
  relationships touch, with the node's COMPLETE current properties as the store computes them
  (``sources`` included), made by :func:`node_row`. Neo4j mirrors them: ``SET n = props``, no list
  arithmetic in Cypher. So when a file changes, its rows bring the current properties of every node it
  touches (a body thousands of files cite is rewritten with whichever file changed): a file's digest
  needs to cover only what the file itself states. Files may share row objects; the writer writes each
  node once per transaction (the last row wins).
* ``relationships``: a :class:`RelRow` ``(u, v, type, props)`` for every relationship the file states,
  made by :func:`relationship_row`; both ends are among ``nodes``.
* ``gone``: ids of nodes the store no longer has that this file used to touch; each is deleted once
  nothing links to it. Or give ``push_rows(..., current=...)``, the store's row of a node by id (None
  when it has none): the writer then looks up the nodes the file touched at its last push (Neo4j keeps
  their ids) and touches no more, deletes the ones the store lost and rewrites the others (their
  ``sources`` lost the file).

Rows are grouped across files into transactions of about ``batch_rows`` rows. Each transaction locks
its files' ``SourceFile`` nodes (in name order), deletes their relationships, upserts the nodes with one
``UNWIND … MERGE`` per label (which returns each node's element id), creates the relationships with one
``UNWIND … CREATE`` per relationship type (their ends found by those element ids: a seek, not an index
look-up), deletes the gone nodes nothing links to and writes the manifests. So a file is
fully there or absent whatever happens to the server; pushing twice gives the same graph; two pushes at
once never duplicate a node (MERGE under the uniqueness constraints) nor a relationship (the file lock).
Constraints and indexes exist before the first MERGE (:func:`ensure_schema`); values travel only as
parameters, and every query text is generated here from the vocabulary's fixed lists.

:func:`remove_file` retracts one file without a store. graph.neo4j_graph pushes a networkx graph
(``push_graph``) through this writer; graph.neo4j_connect opens the sessions (``connect``, plain Cypher);
graph.neo4j_read answers the queries (``Neo4jSource``); graph.neo4j_model converts the properties.
"""

from __future__ import annotations

import hashlib
import marshal
import queue
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import neo4j
from neo4j import Driver, ManagedTransaction
from neo4j import exceptions as neo4j_errors

from .neo4j_connect import read_records, run_cypher, session_database
from .neo4j_model import (  # the model, decided there
    _NAMES_INDEX,
    DEFAULT_BATCH_ROWS,
    DOCUMENT_LABELS,
    FILE_LABEL,
    NODE_KINDS,
    REL_TYPES,
    FileRows,
    NodeRow,
    PushSummary,
    _from_props,
    node_row,
    stored_properties,
)

__all__ = [
    "batched",
    "ensure_schema",
    "held_digests",
    "loaded_files",
    "manifests",
    "push_rows",
    "remove_file",
    "wipe",
]

# --------------------------------------------------------------------------------------------- queries
# Every query text below is generated from the vocabulary's constant lists; values are parameters.


def _schema() -> tuple[str, ...]:
    # what the cookbook (queries/) and the reads here look documents up by; every index slows each write
    doc_props = ("symbol", "jurisdiction", "date", "resolved", "pg_symbol", "pg_number", "pg_file")
    kinds = "|".join(NODE_KINDS)
    # indexes of earlier versions, replaced (pg_names split words at spaces only; relationships are now
    # found by pg_file, the stating file's relative path) or unused: dropped first
    obsolete = (
        "pg_names",
        *(f"{t.lower()}_source_file" for t in REL_TYPES),
        *(f"document_{p}" for p in ("number", "year", "type_code", "issuer_code")),
    )
    return (
        *(f"DROP INDEX {name} IF EXISTS" for name in obsolete),
        *(f"CREATE CONSTRAINT {k.lower()}_id IF NOT EXISTS FOR (n:{k}) REQUIRE n.id IS UNIQUE" for k in NODE_KINDS),
        f"CREATE CONSTRAINT source_file_name IF NOT EXISTS FOR (f:{FILE_LABEL}) REQUIRE f.name IS UNIQUE",
        *(f"CREATE INDEX document_{p} IF NOT EXISTS FOR (n:Document) ON (n.{p})" for p in doc_props),
        "CREATE INDEX body_name IF NOT EXISTS FOR (n:Body) ON (n.name)",
        "CREATE INDEX project_name IF NOT EXISTS FOR (n:Project) ON (n.name)",
        *(f"CREATE INDEX {t.lower()}_pg_file IF NOT EXISTS FOR ()-[r:{t}]-() ON (r.pg_file)" for t in REL_TYPES),
        f"CREATE FULLTEXT INDEX {_NAMES_INDEX} IF NOT EXISTS FOR (n:{kinds}) ON EACH [n.pg_names] "
        "OPTIONS {indexConfig: {`fulltext.analyzer`: 'standard-no-stop-words'}}",
    )


_SCHEMA = _schema()

_LOCK_FILES = (
    f"UNWIND $names AS name\nMERGE (f:{FILE_LABEL} {{name: name}})\nSET f.pushing = true\n"
    "RETURN f.name AS name, f.digest IS NOT NULL AS loaded, coalesce(f.node_ids, []) AS ids"
)
_DELETE_RELS = {
    t: (f"UNWIND $names AS name\nMATCH ()-[r:{t}]->() USING INDEX r:{t}(pg_file)\nWHERE r.pg_file = name\nDELETE r")
    for t in REL_TYPES
}
_DELETE_UNSOURCED_RELS = {t: f"MATCH ()-[r:{t}]->() WHERE r.pg_file IS NULL DELETE r" for t in REL_TYPES}


def _merge_nodes_query(kind: str, label: str | None) -> str:
    """MERGE one label's rows, replace their properties (a document keeps exactly one specific label) and
    return each node's element id, by which the same transaction links it."""
    lines = ["UNWIND $rows AS row", f"MERGE (n:{kind} {{id: row.id}})", "SET n = row.props"]
    if kind == "Document":
        others = [lab for lab in DOCUMENT_LABELS if lab != label]
        if label:
            lines.append(f"SET n:{label}")
        # only a node whose label changed has more labels than it should: drop the others then
        lines.append(
            f"FOREACH (_ IN CASE WHEN size(labels(n)) > {2 if label else 1} THEN [1] ELSE [] END | "
            f"REMOVE n:{':'.join(others)})"
        )
    lines.append("RETURN row.id AS id, elementId(n) AS element")
    return "\n".join(lines)


_MERGE_NODES = {
    (kind, label): _merge_nodes_query(kind, label)
    for kind in NODE_KINDS
    for label in ((None, *DOCUMENT_LABELS) if kind == "Document" else (None,))
}
_ELEMENT_IDS = {
    k: f"UNWIND $ids AS id\nMATCH (n:{k} {{id: id}})\nRETURN id, elementId(n) AS element" for k in NODE_KINDS
}
# the ends by element id (a seek, no index look-up), as the transaction's MERGE returned them
_CREATE_RELS = {
    t: (
        "UNWIND $rows AS row\nMATCH (a) WHERE elementId(a) = row.a\nMATCH (b) WHERE elementId(b) = row.b\n"
        f"CREATE (a)-[r:{t}]->(b)\nSET r = row.props\nRETURN count(*) AS created"
    )
    for t in REL_TYPES
}
_DELETE_UNLINKED = "\nUNION ALL\n".join(
    f"UNWIND $ids AS id\nMATCH (n:{k} {{id: id}})\nWHERE NOT EXISTS {{ (n)--() }}\nDELETE n\nRETURN count(*) AS deleted"
    for k in NODE_KINDS
)
_WRITE_MANIFESTS = (
    f"UNWIND $files AS file\nMATCH (f:{FILE_LABEL} {{name: file.name}})\n"
    "SET f.digest = file.digest, f.node_ids = file.node_ids, f.node_count = file.node_count,\n"
    "    f.relationship_count = file.relationship_count, f.pushed_at = datetime().epochMillis\n"
    "REMOVE f.pushing"
)
_DELETE_MANIFESTS = f"UNWIND $names AS name\nMATCH (f:{FILE_LABEL} {{name: name}})\nDELETE f"
_DIGESTS = f"UNWIND $names AS name\nMATCH (f:{FILE_LABEL} {{name: name}})\nRETURN f.name AS name, f.digest AS digest"
_NODES_BY_ID = "\nUNION ALL\n".join(
    f"MATCH (n:{k}) WHERE n.id IN $ids RETURN n.id AS id, properties(n) AS props" for k in NODE_KINDS
)


def ensure_schema(driver: Driver, database: str | None = None, timeout_s: int = 300) -> None:
    """Create the uniqueness constraints and indexes (idempotent), then wait until they are online."""
    with driver.session(database=session_database(driver, database)) as session:
        for statement in _SCHEMA:
            try:
                session.run(statement).consume()
            except neo4j_errors.ClientError as exc:
                # A concurrent ensure_schema created the same rule between our check and our create.
                if "AlreadyExists" not in (exc.code or ""):
                    raise
        session.run("CALL db.awaitIndexes($t)", t=timeout_s).consume()


# ------------------------------------------------------------------------------------------- the writer


@dataclass
class _Written:
    files: int = 0
    nodes: int = 0
    relationships: int = 0
    removed: int = 0
    merged: dict[str, bytes] = field(default_factory=dict)  # the rows it wrote: their digests by node id


def _lock(tx: ManagedTransaction, names: list[str]) -> dict[str, list[str] | None]:
    """Lock the files (their SourceFile nodes, in name order); the node ids each touched (None: new)."""
    return {r["name"]: (list(r["ids"]) if r["loaded"] else None) for r in tx.run(_LOCK_FILES, names=names)}


def _delete_relationships(tx: ManagedTransaction, names: list[str]) -> None:
    sourced = [n for n in names if n]
    for t in REL_TYPES:
        if sourced:
            tx.run(_DELETE_RELS[t], names=sourced).consume()
        if len(sourced) < len(names):
            tx.run(_DELETE_UNSOURCED_RELS[t]).consume()


def _row_digest(row: NodeRow) -> bytes:
    """A digest of everything a node row writes (a hub's list of files included; marshal version 2 has no
    back-references, which later versions make or not by an object's reference count)."""
    return hashlib.blake2b(marshal.dumps((row.kind, row.label, row.props), 2), digest_size=16).digest()


def _merge_nodes(
    tx: ManagedTransaction, nodes: dict[str, NodeRow], written: Mapping[str, bytes]
) -> tuple[dict[str, str], dict[str, bytes]]:
    """Each node's element id by id, and the digests of the rows written. A row this push already wrote
    (`written`: digests by id, of committed transactions) is only looked up: a hub that a thousand files
    touch is written once per push, not once per transaction. The others: one MERGE per label, rows in id
    order (a stable lock order between concurrent pushes)."""
    digests = {node_id: _row_digest(row) for node_id, row in nodes.items()}
    same = [node_id for node_id in sorted(nodes) if written.get(node_id) == digests[node_id]]
    elements = _element_ids(tx, {node_id: nodes[node_id].kind for node_id in same}) if same else {}
    groups: dict[tuple[str, str | None], list[dict[str, Any]]] = defaultdict(list)
    for node_id in sorted(nodes):
        if node_id in elements:
            continue
        row = nodes[node_id]
        label = row.label if row.kind == "Document" and row.label in DOCUMENT_LABELS else None
        groups[(row.kind, label)].append({"id": node_id, "props": stored_properties(row)})
    merged: dict[str, bytes] = {}
    for key in sorted(groups, key=str):
        for r in tx.run(_MERGE_NODES[key], rows=groups[key]):
            elements[r["id"]] = r["element"]
            merged[r["id"]] = digests[r["id"]]
    return elements, merged


def _element_ids(tx: ManagedTransaction, kinds: Mapping[str, str]) -> dict[str, str]:
    """The element ids of the nodes (ids with their kinds) that Neo4j has (one gone since: left out)."""
    by_kind: dict[str, list[str]] = defaultdict(list)
    for node_id, kind in kinds.items():
        by_kind[kind].append(node_id)
    return {r["id"]: r["element"] for kind, ids in sorted(by_kind.items()) for r in tx.run(_ELEMENT_IDS[kind], ids=ids)}


def _create_relationships(tx: ManagedTransaction, batch: list[FileRows], elements: Mapping[str, str]) -> int:
    """Create the files' relationships between the nodes this transaction merged (`elements`: their
    element ids by id), one UNWIND per type."""
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for rows in batch:
        for rel in rows.relationships:
            for end in (rel.u, rel.v):
                if end not in elements:
                    raise ValueError(f"{rows.file or '(unsourced)'}: relationship end {end!r} is not among its nodes")
            groups[rel.type].append({"a": elements[rel.u], "b": elements[rel.v], "props": rel.props})
    created = 0
    for key in sorted(groups):
        rows_ = sorted(groups[key], key=lambda r: (r["a"], r["b"]))
        record = tx.run(_CREATE_RELS[key], rows=rows_).single()
        n = int(record["created"]) if record else 0
        if n != len(rows_):  # an end is missing: roll the whole transaction back
            raise RuntimeError(f"{len(rows_) - n} {key} relationship end(s) not found in Neo4j")
        created += n
    return created


Current = Callable[[str], "NodeRow | None"]


def _left_behind(
    batch: list[FileRows], old: Mapping[str, list[str] | None], current: Current | None
) -> tuple[list[NodeRow], set[str]]:
    """The nodes the files touched at their last push and touch no more: with `current` (the store's
    row of a node, None when the store lost it), the rows to write again and the ids that are gone."""
    rewrite: list[NodeRow] = []
    gone = {i for rows in batch for i in rows.gone}
    if current is None:
        return rewrite, gone
    for rows in batch:
        now = {n.id for n in rows.nodes}
        for node_id in old.get(rows.file) or []:
            if node_id not in now:
                row = current(node_id)
                if row is None:
                    gone.add(node_id)
                else:
                    rewrite.append(row)
    return rewrite, gone


def _file_sets(batch: list[FileRows]) -> dict[int, frozenset[str]]:
    """Each node row's ``sources`` as a set, by ``id`` of its props, made once per batch (a hub's row,
    shared by every file of the batch that touches it, lists thousands of files)."""
    sets: dict[int, frozenset[str]] = {}
    for rows in batch:
        for n in rows.nodes:
            if id(n.props) not in sets:
                sets[id(n.props)] = frozenset(n.props.get("sources") or ())
    return sets


def _manifest(rows: FileRows, sources: Mapping[int, frozenset[str]]) -> dict[str, Any]:
    """A file's manifest; `sources` holds each node row's ``sources`` as a set, by ``id`` of its props."""
    ids = sorted({n.id for n in rows.nodes})
    asserted = sum(1 for n in rows.nodes if rows.file in sources[id(n.props)])
    return {
        "name": rows.file,
        "digest": rows.digest,
        "node_ids": ids,
        "node_count": asserted,
        "relationship_count": len(rows.relationships),
    }


def manifests(batch: list[FileRows]) -> list[dict[str, Any]]:
    """The manifests of the files of `batch` that have rows (a removal has none): what each file's
    ``SourceFile`` node says after a push (pushed_at aside), and what the CSV export writes for an import."""
    sources = _file_sets(batch)
    return [_manifest(rows, sources) for rows in batch if rows.digest is not None]


def _apply(
    tx: ManagedTransaction,
    batch: list[FileRows],
    old: Mapping[str, list[str] | None],
    current: Current | None,
    written: Mapping[str, bytes],
) -> _Written:
    """Replace the (locked) files' statements by `batch` inside transaction `tx`."""
    names = [rows.file for rows in batch]
    # only files Neo4j has a manifest of have relationships (a bulk import writes manifests too)
    _delete_relationships(tx, [n for n in names if old.get(n) is not None])
    rewrite, gone = _left_behind(batch, old, current)
    nodes = {n.id: n for n in rewrite}
    nodes.update((n.id, n) for rows in batch for n in rows.nodes)
    elements, merged = _merge_nodes(tx, nodes, written)
    created = _create_relationships(tx, batch, elements)
    removed = sum(int(r["deleted"]) for r in tx.run(_DELETE_UNLINKED, ids=sorted(gone))) if gone else 0
    kept = manifests(batch)
    if kept:
        tx.run(_WRITE_MANIFESTS, files=kept).consume()
    dropped = [rows.file for rows in batch if rows.digest is None]
    if dropped:
        tx.run(_DELETE_MANIFESTS, names=dropped).consume()
    return _Written(len(batch), len(merged), created, removed, merged)


def _write_tx(
    tx: ManagedTransaction, batch: list[FileRows], current: Current | None, written: Mapping[str, bytes]
) -> _Written:
    """One write transaction: lock the files, then replace their statements (`written`: the node rows
    earlier transactions of this push committed, by id)."""
    return _apply(tx, batch, _lock(tx, sorted(rows.file for rows in batch)), current, written)


def batched(rows: Iterable[FileRows], batch_rows: int) -> Iterator[list[FileRows]]:
    """Consecutive files, about `batch_rows` rows together (a file is never split); a file seen twice in a
    chunk keeps its last rows."""
    chunk: dict[str, FileRows] = {}
    size = 0
    for item in rows:
        chunk[item.file] = item
        size += item.size
        if size >= batch_rows:
            yield list(chunk.values())
            chunk, size = {}, 0
    if chunk:
        yield list(chunk.values())


def _prefetched(chunks: Iterator[list[FileRows]], ahead: int = 2) -> Iterator[list[FileRows]]:
    """`chunks`, produced by a thread up to `ahead` chunks in advance: the rows of the next transaction
    are read (from the store, in Python) while Neo4j writes this one. An error in the producer is raised
    here, in order."""
    box: queue.Queue[tuple[str, Any]] = queue.Queue(maxsize=ahead)
    stop = threading.Event()

    def produce() -> None:
        try:
            for chunk in chunks:
                while not stop.is_set():
                    try:
                        box.put(("chunk", chunk), timeout=0.1)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            box.put(("end", None))
        except BaseException as e:  # handed to the consumer
            box.put(("error", e))

    worker = threading.Thread(target=produce, name="policygraph-push-rows", daemon=True)
    worker.start()
    try:
        while True:
            what, item = box.get()
            if what == "end":
                return
            if what == "error":
                raise item
            yield item
    finally:
        stop.set()
        worker.join(timeout=5)


def _changed(session: neo4j.Session, chunk: list[FileRows]) -> list[FileRows]:
    """The files of `chunk` whose digest differs from what Neo4j holds (a removal: only if loaded)."""
    query, names = _DIGESTS, [rows.file for rows in chunk]
    held = {r["name"]: r["digest"] for r in session.execute_read(lambda tx: list(tx.run(query, names=names)))}
    return [
        rows for rows in chunk if (rows.file in held if rows.digest is None else held.get(rows.file) != rows.digest)
    ]


def push_rows(
    driver: Driver,
    rows: Iterable[FileRows],
    *,
    database: str | None = None,
    batch_rows: int = DEFAULT_BATCH_ROWS,
    force: bool = False,
    current: Current | None = None,
    schema: bool = True,
    progress: Callable[[str, int], None] | None = None,
) -> PushSummary:
    """Write a stream of :class:`FileRows` (the contract is in the module docstring), about `batch_rows`
    rows per transaction; a file is fully written or not at all. Files whose digest Neo4j already holds
    are skipped unless `force`. ``progress(last file, files done)`` is called after each transaction."""
    if batch_rows < 1:
        raise ValueError("batch_rows must be >= 1")
    t0 = time.perf_counter()
    db = session_database(driver, database)
    if schema:
        ensure_schema(driver, db)
    summary = PushSummary()
    seen = 0
    written: dict[str, bytes] = {}  # node rows committed by this push: their digests by id
    with driver.session(database=db) as session:
        for chunk in _prefetched(batched(rows, batch_rows)):
            todo = chunk if force else _changed(session, chunk)
            summary.unchanged += len(chunk) - len(todo)
            seen += len(chunk)
            if todo:
                done = session.execute_write(_write_tx, todo, current, written)
                written.update(done.merged)
                summary.files += done.files
                summary.nodes += done.nodes
                summary.relationships += done.relationships
                summary.removed_nodes += done.removed
                summary.transactions += 1
            if progress:
                progress(chunk[-1].file, seen)
    summary.seconds = time.perf_counter() - t0
    return summary


def remove_file(driver: Driver, file: str, *, database: str | None = None) -> int:
    """Retract ``file`` without a store (one transaction): its relationships go, it leaves the ``sources``
    of the nodes it touched, and those no file asserts and nothing links to are deleted. Returns the
    number of nodes deleted."""

    def work(tx: ManagedTransaction) -> int:
        old = _lock(tx, [file])
        nodes = []
        for record in tx.run(_NODES_BY_ID, ids=old.get(file) or []):
            attrs = _from_props(record["props"])
            attrs.pop("id", None)
            attrs["sources"] = [s for s in attrs.get("sources") or [] if s != file]
            nodes.append(node_row(record["id"], attrs))
        gone = [n.id for n in nodes if not n.props["sources"]]
        return _apply(tx, [FileRows(file, None, nodes, (), gone)], old, None, {}).removed

    with driver.session(database=session_database(driver, database)) as session:
        return int(session.execute_write(work))


def loaded_files(driver: Driver, *, database: str | None = None) -> dict[str, dict[str, Any]]:
    """The files pushed so far: name -> {node_count, relationship_count, pushed_at}."""
    query = (
        f"MATCH (f:{FILE_LABEL}) WHERE f.name <> '' AND f.digest IS NOT NULL RETURN f.name AS name, "
        "f.node_count AS node_count, f.relationship_count AS relationship_count, f.pushed_at AS pushed_at"
    )
    rows = run_cypher(driver, query, database=database)
    return {row.pop("name"): row for row in rows}


def held_digests(driver: Driver, *, database: str | None = None) -> dict[str, str]:
    """The digest Neo4j holds of each pushed file (name -> digest)."""
    query = f"MATCH (f:{FILE_LABEL}) WHERE f.digest IS NOT NULL RETURN f.name AS name, f.digest AS digest"
    return {r["name"]: r["digest"] for r in read_records(driver, database, query)}


def wipe(driver: Driver, *, database: str | None = None, batch_size: int = 10000) -> None:
    """Delete every node and relationship (schema kept), in batches."""
    query = f"MATCH (n) WITH n LIMIT {int(batch_size)} DETACH DELETE n RETURN count(*) AS n"
    with driver.session(database=session_database(driver, database)) as session:
        while True:
            record = session.execute_write(lambda tx: tx.run(query).single())
            if not record or record["n"] == 0:
                break

"""The Neo4j store: push the PolicyGraph graph (docs/schema.md) to Neo4j 5 and read it back.

Model in Neo4j
--------------
* Documents are ``(:Document {id})`` plus their specific ontology label (``:Resolution``, ``:Decree`` ...);
  bodies ``(:Body {id})``; projects ``(:Project {id})``. One uniqueness constraint per common label.
* Node properties are the schema attributes (``None`` is omitted; lists of strings stay lists; dicts such as
  ``conflicts`` become JSON strings, their names listed in ``pg_json``). ``sources`` lists the pushed files
  asserting the node.
* Relationships have the schema ``type`` as relationship type and carry ``kind``, ``source_file`` and the
  evidence flattened to ``evidence_file``, ``evidence_start``, ``evidence_end``, ``evidence_sentence``
  (Neo4j properties cannot be maps); ``pg_key`` keeps the networkx edge key.
* One ``(:SourceFile {name})`` node per pushed file: the per-file lock and manifest (the ids of the nodes
  the file touched, how many nodes and relationships it stated, when).

Loading
-------
``push_graph`` replaces each file's statements in ONE managed write transaction (retried on transient
errors): lock the file's ``SourceFile`` node, delete the relationships with ``source_file = $file``,
MERGE the file's nodes (batched ``UNWIND``), CREATE its relationships, forget nodes no file asserts any
more. A file is therefore either fully loaded or absent, whatever happens to the server; pushing twice
gives the same graph; concurrent pushes never duplicate a node (MERGE under uniqueness constraints) nor a
relationship (per-file lock). The manifest keeps a digest of what the file stated, so a re-push skips the
files that did not change (``force=True`` rewrites them anyway).

Labels and relationship types cannot be query parameters: every query string is written here from the
fixed whitelists below, never from data.
"""

from __future__ import annotations

import hashlib
import json
import time
import weakref
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import neo4j
import networkx as nx
from neo4j import Driver, GraphDatabase, ManagedTransaction
from neo4j import exceptions as neo4j_errors
from neo4j.graph import Node, Path, Relationship

from ..loaders.models import PolicyGraphError

__all__ = [
    "DOCUMENT_LABELS",
    "NODE_KINDS",
    "REL_TYPES",
    "Neo4jUnavailable",
    "PushSummary",
    "connect",
    "counts",
    "ensure_schema",
    "fetch_graph",
    "fetch_neighbourhood",
    "loaded_files",
    "push_graph",
    "remove_file",
    "run_cypher",
    "wipe",
]

# --------------------------------------------------------------------------------------------- whitelists

#: Specific document labels (the ontology classes); ``Document`` itself is the common label.
DOCUMENT_LABELS: tuple[str, ...] = (
    "Resolution", "Conclusion", "Directive", "Decision", "Regulation", "Rules", "Guidance", "Programme",
    "Plan", "Notice", "Report", "Submission", "Scheme", "OfficialLetter", "Law", "Code", "Constitution",
    "Ordinance", "Decree", "Circular", "JointCircular",
)  # fmt: skip
#: Node kinds = common labels, each with a uniqueness constraint on ``id``.
NODE_KINDS: tuple[str, ...] = ("Document", "Body", "Project")
#: Relationship types.
REL_TYPES: tuple[str, ...] = ("CITES", "IMPLEMENTS", "SUPERSEDES", "ISSUED_BY", "PART_OF", "MENTIONS")
#: Label of the per-file lock/manifest nodes.
FILE_LABEL = "SourceFile"

#: Schema attributes documented as "X or None": absent in Neo4j means None when reading back.
_NULLABLE: dict[str, tuple[str, ...]] = {
    "Document": (
        "symbol", "number", "type_code", "issuer_code", "date", "year", "issuer", "jurisdiction", "level",
        "branch", "term", "title", "source_file", "source_path",
    ),
    "Body": ("name", "level", "branch", "jurisdiction"),
    "Project": ("name",),
}  # fmt: skip
_EDGE_NULLABLE = ("kind", "evidence")
_EVIDENCE_PREFIX = "evidence_"
_EVIDENCE_KEYS = ("file", "start", "end", "sentence")
_JSON_PROP = "pg_json"  # names of properties stored as JSON strings
_KEY_PROP = "pg_key"  # networkx edge key
_LOCK_PROP = "pg_lock"  # written (then removed) to take a node's write lock before reading it
_RESERVED = frozenset({"id", "sources", _JSON_PROP, _LOCK_PROP})

MAX_DEPTH = 20


class Neo4jUnavailable(PolicyGraphError, RuntimeError):
    """Neo4j could not be reached (or refused the credentials); the message is one line."""


@dataclass
class PushSummary:
    files: int = 0
    nodes: int = 0
    relationships: int = 0
    removed_nodes: int = 0
    unchanged: int = 0  # files skipped: what Neo4j holds for them already matches (same digest)
    pruned_files: list[str] = field(default_factory=list)
    seconds: float = 0.0


# ------------------------------------------------------------------------------------------ the queries
# Everything below is generated once, at import, from the constant whitelists above.


def _when(condition: str, then: str) -> str:
    """A conditional update without APOC: FOREACH over a one-element (or empty) list."""
    return f"FOREACH (_ IN CASE WHEN {condition} THEN [1] ELSE [] END | {then})"


def _node_upsert_query(kind: str) -> str:
    """MERGE one kind's rows; the file joins (asserted) or leaves (merely referenced) `sources`."""
    labels = ""
    if kind == "Document":
        # Labels cannot be parameters: drop every specific label, then set the row's one (whitelisted).
        labels = f"\nREMOVE n:{':'.join(DOCUMENT_LABELS)}\n" + "\n".join(
            _when(f"row.label = '{lab}'", f"SET n:{lab}") for lab in DOCUMENT_LABELS
        )
    return (
        "UNWIND $rows AS row\n"
        f"MERGE (n:{kind} {{id: row.id}})\n"
        f"SET n.{_LOCK_PROP} = true\n"  # take the write lock first, so `sources` is read under it
        "WITH n, row, [s IN coalesce(n.sources, []) WHERE s <> $file] AS others\n"
        "SET n = row.props\n"
        "SET n.id = row.id,\n"
        "    n.sources = [s IN others WHERE s < $file]\n"
        "              + CASE WHEN row.asserted THEN [$file] ELSE [] END\n"
        "              + [s IN others WHERE s > $file]"
        f"{labels}"
    )


_NODE_UPSERT: dict[str, str] = {kind: _node_upsert_query(kind) for kind in NODE_KINDS}

_FORGET_FILE: dict[str, str] = {
    kind: (
        "UNWIND $ids AS id\n"
        f"MATCH (n:{kind} {{id: id}})\n"
        f"SET n.{_LOCK_PROP} = true\n"
        "SET n.sources = [s IN coalesce(n.sources, []) WHERE s <> $file]\n"
        f"REMOVE n.{_LOCK_PROP}"
    )
    for kind in NODE_KINDS
}

_DELETE_ORPHANS: dict[str, str] = {
    kind: (
        "UNWIND $ids AS id\n"
        f"MATCH (n:{kind} {{id: id}})\n"
        "WHERE size(coalesce(n.sources, [])) = 0 AND NOT (n)--()\n"
        "DELETE n\n"
        "RETURN count(*) AS deleted"
    )
    for kind in NODE_KINDS
}


def _lock_and_clear_query(sourced: bool) -> str:
    """Lock the file's SourceFile node, delete the file's relationships, return the old manifest.

    Index hints: plans are cached, and one planned on an empty database would scan.
    """
    lines = [
        f"MERGE (f:{FILE_LABEL} {{name: $name}})",
        "SET f.pushing = true",
        "WITH f, [] AS rels",
    ]
    for i, t in enumerate(REL_TYPES):
        if sourced:
            match = f"OPTIONAL MATCH ()-[r{i}:{t}]->() USING INDEX r{i}:{t}(source_file) WHERE r{i}.source_file = $name"
        else:
            match = f"OPTIONAL MATCH ()-[r{i}:{t}]->() WHERE r{i}.source_file IS NULL"
        lines += [match, f"WITH f, rels, collect(r{i}) AS c", "WITH f, rels + c AS rels"]
    lines += [
        "FOREACH (r IN rels | DELETE r)",
        "RETURN coalesce(f.document_ids, []) AS Document, coalesce(f.body_ids, []) AS Body,",
        "       coalesce(f.project_ids, []) AS Project, size(rels) AS deleted",
    ]
    return "\n".join(lines)


_LOCK_AND_CLEAR = {True: _lock_and_clear_query(True), False: _lock_and_clear_query(False)}

_CREATE_RELS: dict[tuple[str, str], str] = {
    (ku, kv): (
        "UNWIND $rows AS row\n"
        f"MATCH (a:{ku} {{id: row.u}}) USING INDEX a:{ku}(id)\n"
        f"MATCH (b:{kv} {{id: row.v}}) USING INDEX b:{kv}(id)\n"
        + "\n".join(_when(f"row.type = '{t}'", f"CREATE (a)-[r:{t}]->(b) SET r = row.props") for t in REL_TYPES)
        + "\nRETURN count(*) AS created"
    )
    for ku in NODE_KINDS
    for kv in NODE_KINDS
}

_WRITE_MANIFEST = (
    f"MATCH (f:{FILE_LABEL} {{name: $name}})\n"
    "SET f.document_ids = $Document, f.body_ids = $Body, f.project_ids = $Project,\n"
    "    f.node_count = $node_count, f.relationship_count = $relationship_count,\n"
    "    f.digest = $digest, f.pushed_at = datetime().epochMillis\n"
    "REMOVE f.pushing"
)
_DELETE_FILE_NODE = f"MATCH (f:{FILE_LABEL} {{name: $name}}) DELETE f"

_SCHEMA: tuple[str, ...] = (
    *(
        f"CREATE CONSTRAINT {kind.lower()}_id IF NOT EXISTS FOR (n:{kind}) REQUIRE n.id IS UNIQUE"
        for kind in NODE_KINDS
    ),
    f"CREATE CONSTRAINT source_file_name IF NOT EXISTS FOR (f:{FILE_LABEL}) REQUIRE f.name IS UNIQUE",
    *(
        f"CREATE INDEX document_{prop} IF NOT EXISTS FOR (n:Document) ON (n.{prop})"
        for prop in ("symbol", "number", "jurisdiction", "date", "year", "type_code", "issuer_code")
    ),
    "CREATE INDEX body_name IF NOT EXISTS FOR (n:Body) ON (n.name)",
    "CREATE INDEX project_name IF NOT EXISTS FOR (n:Project) ON (n.name)",
    *(f"CREATE INDEX {t.lower()}_source_file IF NOT EXISTS FOR ()-[r:{t}]-() ON (r.source_file)" for t in REL_TYPES),
)

_NODE_LABEL_PREDICATE = " OR ".join(f"n:{kind}" for kind in NODE_KINDS)
_FETCH_NODES = f"MATCH (n) WHERE {_NODE_LABEL_PREDICATE} RETURN n.id AS id, properties(n) AS props"
_FETCH_RELS = (
    "MATCH (a)-[r]->(b) WHERE type(r) IN $types\nRETURN a.id AS u, b.id AS v, type(r) AS type, properties(r) AS props"
)
_SEEDS = "\nUNION\n".join(
    f"MATCH (s:{kind}) WHERE s.id IN $ids RETURN s.id AS id, properties(s) AS props" for kind in NODE_KINDS
)
_DIRECTION_ALIASES = {"up": "out", "down": "in"}
_STEP_RETURN = ("RETURN elementId(r) AS rid, startNode(r).id AS u, endNode(r).id AS v, type(r) AS type,\n"
                "       properties(r) AS props, properties(startNode(r)) AS uprops, properties(endNode(r)) AS vprops")
_STEP_QUERY = {
    d: "\nUNION\n".join(
        f"MATCH (s:{kind}) WHERE s.id IN $ids\nMATCH {pat}\nWHERE type(r) IN $types\n{_STEP_RETURN}"
        for kind in NODE_KINDS)
    for d, pat in (("out", "(s)-[r]->(m)"), ("in", "(s)<-[r]-(m)"), ("both", "(s)-[r]-(m)"))
}
_CANDIDATES = "\nUNION\n".join(
    f"MATCH (n:{kind}) WHERE n.id = $ref OR n.source_file = $ref OR n.symbol = $ref OR n.number IN $nums "
    "OR toLower(coalesce(n.title, '')) CONTAINS $low OR toLower(coalesce(n.name, '')) CONTAINS $low "
    "RETURN n.id AS id, properties(n) AS props"
    for kind in NODE_KINDS
)
_ALL_NODES = "\nUNION\n".join(f"MATCH (n:{kind}) RETURN n.id AS id, properties(n) AS props" for kind in NODE_KINDS)

# ---------------------------------------------------------------------------------------------- connect

_SCHEMES = ("bolt", "bolt+s", "bolt+ssc", "neo4j", "neo4j+s", "neo4j+ssc")
_DEFAULT_DB: weakref.WeakKeyDictionary[Driver, str | None] = weakref.WeakKeyDictionary()


def connect(
    uri: str,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
    *,
    verify: bool = True,
) -> Driver:
    """A driver for ``bolt://``, ``neo4j://`` (routing: clusters, Aura) and their ``+s``/``+ssc`` forms.

    No authentication when ``user`` is None. ``database`` becomes the default of every function here
    called with this driver. Raises :class:`Neo4jUnavailable` (one-line message) when unreachable.
    """
    auth = None if user is None else (user, password or "")
    scheme = uri.split("://", 1)[0].lower() if "://" in uri else ""
    if scheme not in _SCHEMES:
        raise Neo4jUnavailable(f"invalid Neo4j URI {uri!r}: use one of {', '.join(s + '://' for s in _SCHEMES)}")
    try:
        # server notifications (e.g. "property key does not exist" on an empty database) are not for users
        driver = GraphDatabase.driver(uri, auth=auth, notifications_min_severity="OFF")
    except (ValueError, neo4j_errors.ConfigurationError) as exc:
        raise Neo4jUnavailable(f"invalid Neo4j URI {uri!r}: {_one_line(exc)}") from exc
    _DEFAULT_DB[driver] = database
    if verify:
        try:
            driver.verify_connectivity()
        except Exception as exc:
            driver.close()
            raise Neo4jUnavailable(f"cannot reach Neo4j at {uri}: {_one_line(exc)}") from exc
    return driver


def _one_line(exc: BaseException) -> str:
    if isinstance(exc, neo4j_errors.Neo4jError) and exc.message:
        text = f"{exc.message} ({exc.code})" if exc.code else exc.message
    else:
        text = str(exc) or type(exc).__name__
    return " ".join(text.split())


def _db(driver: Driver, database: str | None) -> str | None:
    return database if database is not None else _DEFAULT_DB.get(driver)


# ----------------------------------------------------------------------------------------------- schema


def ensure_schema(driver: Driver, database: str | None = None, timeout_s: int = 300) -> None:
    """Create the uniqueness constraints and indexes (idempotent), then wait until they are online."""
    with driver.session(database=_db(driver, database)) as session:
        for statement in _SCHEMA:
            try:
                session.run(statement).consume()
            except neo4j_errors.ClientError as exc:
                # A concurrent ensure_schema created the same rule between our check and our create.
                if "AlreadyExists" not in (exc.code or ""):
                    raise
        session.run("CALL db.awaitIndexes($t)", t=timeout_s).consume()


# ------------------------------------------------------------------------------------- value conversion


def _primitive_list(values: Sequence[Any]) -> bool:
    if not values:
        return True
    first = type(values[0])
    return first in (str, int, float, bool) and all(type(v) is first for v in values)


def _to_props(attrs: Mapping[str, Any], skip: Iterable[str] = ()) -> dict[str, Any]:
    """Schema attributes -> Neo4j properties (None omitted, dicts and nested lists as JSON strings)."""
    skipped = set(skip)
    props: dict[str, Any] = {}
    encoded: list[str] = []
    for key, value in attrs.items():
        if key in skipped or value is None:
            continue
        if key in _RESERVED or key == _KEY_PROP:
            raise ValueError(f"attribute name {key!r} is reserved by the Neo4j store")
        if isinstance(value, (str, bool, int, float)):
            props[key] = value
        elif isinstance(value, (list, tuple, set, frozenset)):
            seq = sorted(value) if isinstance(value, (set, frozenset)) else list(value)
            if _primitive_list(seq):
                props[key] = seq
            else:
                props[key] = json.dumps(seq, ensure_ascii=False, sort_keys=True, default=str)
                encoded.append(key)
        else:
            props[key] = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
            encoded.append(key)
    if encoded:
        props[_JSON_PROP] = sorted(encoded)
    return props


def _from_props(props: Mapping[str, Any]) -> dict[str, Any]:
    attrs = dict(props)
    for key in attrs.pop(_JSON_PROP, None) or []:
        if isinstance(attrs.get(key), str):
            attrs[key] = json.loads(attrs[key])
    attrs.pop(_LOCK_PROP, None)
    return attrs


def _node_props(node_id: str, attrs: Mapping[str, Any]) -> dict[str, Any]:
    props = _to_props(attrs, skip=("sources",))
    props["id"] = node_id
    return props


def _edge_props(key: Hashable, attrs: Mapping[str, Any]) -> dict[str, Any]:
    flat = {k: v for k, v in attrs.items() if k not in ("type", "evidence")}
    if any(k.startswith(_EVIDENCE_PREFIX) for k in flat):
        raise ValueError(f"edge attribute names starting with {_EVIDENCE_PREFIX!r} are reserved")
    props = _to_props(flat)
    evidence = attrs.get("evidence")
    if isinstance(evidence, Mapping):
        for k, v in evidence.items():
            if v is not None:
                props[_EVIDENCE_PREFIX + str(k)] = v
    elif evidence is not None:
        raise ValueError(f"edge evidence must be a dict, got {type(evidence).__name__}")
    if isinstance(key, (str, int)) and not isinstance(key, bool):
        props[_KEY_PROP] = key
    return props


def _edge_attrs(rel_type: str, props: Mapping[str, Any]) -> tuple[Any, dict[str, Any]]:
    raw = dict(props)
    key = raw.pop(_KEY_PROP, None)
    found = {k[len(_EVIDENCE_PREFIX) :]: raw.pop(k) for k in list(raw) if k.startswith(_EVIDENCE_PREFIX)}
    # the schema's order first (file, start, end, sentence), then any other keys
    evidence = {k: found.pop(k) for k in _EVIDENCE_KEYS if k in found}
    evidence.update(sorted(found.items()))
    attrs = _from_props(raw)
    attrs["type"] = rel_type
    for name in _EDGE_NULLABLE:
        attrs.setdefault(name, None)
    if evidence:
        attrs["evidence"] = evidence
    return key, attrs


# ------------------------------------------------------------------------------------------------- push


def _kind(G: nx.MultiDiGraph, node: Hashable) -> str:
    kind = G.nodes[node].get("kind")
    if kind not in NODE_KINDS:
        raise ValueError(f"node {node!r} has kind {kind!r}; expected one of {', '.join(NODE_KINDS)}")
    return str(kind)


def _document_label(G: nx.MultiDiGraph, node: Hashable) -> str | None:
    label = G.nodes[node].get("label")
    return label if label in DOCUMENT_LABELS else None


@dataclass
class _FilePlan:
    """What one file states: nodes (asserted or merely referenced by its edges) and edges."""

    asserted: set[Hashable] = field(default_factory=set)
    referenced: set[Hashable] = field(default_factory=set)
    edges: list[tuple[Hashable, Hashable, Hashable, dict[str, Any]]] = field(default_factory=list)


def _plan(G: nx.MultiDiGraph) -> dict[str | None, _FilePlan]:
    """Group the graph by file (None = statements no file claims)."""
    plans: dict[str | None, _FilePlan] = defaultdict(_FilePlan)
    for node, attrs in G.nodes(data=True):
        sources = attrs.get("sources") or []
        if isinstance(sources, str):
            sources = [sources]
        for src in sources:
            plans[str(src)].asserted.add(node)
        if not sources:
            plans[None].referenced.add(node)
    for u, v, key, attrs in G.edges(keys=True, data=True):
        rel_type = attrs.get("type")
        if rel_type not in REL_TYPES:
            raise ValueError(f"edge {u!r}->{v!r} has type {rel_type!r}; expected one of {', '.join(REL_TYPES)}")
        src = attrs.get("source_file")
        plan = plans[None if src is None else str(src)]
        plan.edges.append((u, v, key, attrs))
        plan.referenced.update((u, v))
    for plan in plans.values():
        plan.referenced -= plan.asserted
    return plans


def _batches(rows: list[dict[str, Any]], size: int) -> Iterable[list[dict[str, Any]]]:
    for i in range(0, len(rows), size):
        yield rows[i : i + size]


@dataclass
class _FileRows:
    """One file's statements as query parameters, prepared once (outside the retried transaction)."""

    nodes: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    rels: dict[tuple[str, str], list[dict[str, Any]]] = field(default_factory=dict)
    ids: dict[str, list[str]] = field(default_factory=dict)
    asserted: int = 0
    digest: str = ""

    @property
    def size(self) -> int:
        """Rows to write (a transaction groups small files up to about batch_size rows)."""
        return sum(len(v) for v in self.nodes.values()) + sum(len(v) for v in self.rels.values()) + 1


def _prepare(G: nx.MultiDiGraph | None, plan: _FilePlan) -> _FileRows:
    rows = _FileRows(
        nodes={kind: [] for kind in NODE_KINDS}, ids={kind: [] for kind in NODE_KINDS}, asserted=len(plan.asserted)
    )
    if G is not None:
        # Sorted by id: a stable lock order between concurrent transactions.
        for node in sorted(plan.asserted | plan.referenced, key=str):
            kind = _kind(G, node)
            row = {"id": str(node), "props": _node_props(str(node), G.nodes[node]), "asserted": node in plan.asserted}
            if kind == "Document":
                row["label"] = _document_label(G, node)
            rows.nodes[kind].append(row)
            rows.ids[kind].append(str(node))
        rels: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
        for u, v, key, attrs in sorted(plan.edges, key=lambda e: (str(e[0]), str(e[1]), str(e[3]["type"]), str(e[2]))):
            rels[(_kind(G, u), _kind(G, v))].append(
                {"u": str(u), "v": str(v), "type": attrs["type"], "props": _edge_props(key, attrs)}
            )
        rows.rels = dict(sorted(rels.items()))
    canonical = json.dumps(
        [rows.nodes, sorted(rows.rels.items())], sort_keys=True, ensure_ascii=False, default=str
    ).encode("utf-8")
    rows.digest = hashlib.sha256(canonical).hexdigest()
    return rows


def _replace_file_tx(
    tx: ManagedTransaction,
    file: str | None,
    rows: _FileRows | None,
    batch_size: int,
) -> tuple[int, int, int]:
    """The body of one file's transaction: replace what the file states with ``rows`` (None: remove the
    file). Returns (nodes upserted, relationships created, nodes deleted)."""
    name = "" if file is None else file  # "" = the statements no file claims (nothing is asserted then)
    # 1. Lock the file (serialises pushes of the same file), drop its relationships, read its manifest.
    old = tx.run(_LOCK_AND_CLEAR[file is not None], name=name).single()
    old_ids: dict[str, set[str]] = {kind: set(old[kind]) if old else set() for kind in NODE_KINDS}
    new = rows or _FileRows(nodes={}, ids={})

    # 2. Upsert the file's nodes, one statement per kind.
    for kind in NODE_KINDS:
        for batch in _batches(new.nodes.get(kind, []), batch_size):
            tx.run(_NODE_UPSERT[kind], rows=batch, file=name).consume()

    # 3. Nodes the file touched before but not now: the file no longer asserts them.
    gone = {kind: sorted(old_ids[kind] - set(new.ids.get(kind, []))) for kind in NODE_KINDS}
    for kind in NODE_KINDS:
        for i in range(0, len(gone[kind]), batch_size):
            tx.run(_FORGET_FILE[kind], ids=gone[kind][i : i + batch_size], file=name).consume()

    # 4. Create the file's relationships, one statement per pair of endpoint kinds.
    created = 0
    for pair, rel_rows in new.rels.items():
        for batch in _batches(rel_rows, batch_size):
            record = tx.run(_CREATE_RELS[pair], rows=batch).single()
            n = int(record["created"]) if record else 0
            if n != len(batch):  # an endpoint is missing: roll the whole file back
                raise RuntimeError(f"{name or '(unsourced)'}: {len(batch) - n} relationship endpoint(s) not found")
            created += n

    # 5. Delete the nodes nobody asserts any more and nothing links to.
    removed = 0
    for kind in NODE_KINDS:
        for i in range(0, len(gone[kind]), batch_size):
            record = tx.run(_DELETE_ORPHANS[kind], ids=gone[kind][i : i + batch_size]).single()
            removed += int(record["deleted"]) if record else 0

    # 6. The new manifest (or the file node goes, when the file is removed).
    if rows is None:
        tx.run(_DELETE_FILE_NODE, name=name).consume()
    else:
        tx.run(
            _WRITE_MANIFEST,
            name=name,
            Document=new.ids["Document"],
            Body=new.ids["Body"],
            Project=new.ids["Project"],
            node_count=new.asserted,
            relationship_count=created,
            digest=new.digest,
        ).consume()
    return sum(len(r) for r in new.nodes.values()), created, removed


def _replace_files_tx(
    tx: ManagedTransaction, files: list[tuple[str | None, _FileRows]], batch_size: int
) -> list[tuple[int, int, int]]:
    """Several files' replacements in one transaction (see push_graph)."""
    return [_replace_file_tx(tx, file, rows, batch_size) for file, rows in files]


def push_graph(
    driver: Driver,
    G: nx.MultiDiGraph,
    files: Iterable[str] | None = None,
    batch_size: int = 1000,
    *,
    database: str | None = None,
    prune: bool = False,
    force: bool = False,
    schema: bool = True,
    progress: Callable[[str, int, int], None] | None = None,
) -> PushSummary:
    """Replace, file by file, what each file states (atomically: small files share a write transaction).

    ``files``: only these files (default: every file the graph mentions, plus the statements no file
    claims); a listed file the graph does not mention is emptied. A file whose statements Neo4j already
    holds (same digest) is skipped unless ``force``. ``prune``: also remove the files loaded in Neo4j that
    the graph no longer mentions (only when ``files`` is None). ``progress(file, done, total)`` is called
    after each file. Needs the schema (``schema=True`` runs :func:`ensure_schema` first).
    """
    if batch_size < 1:
        raise ValueError("batch_size must be >= 1")
    t0 = time.perf_counter()
    db = _db(driver, database)
    if schema:
        ensure_schema(driver, db)
    plans = _plan(G)
    known: list[str | None] = sorted((f for f in plans if f is not None), key=str)
    if None in plans:
        known.append(None)
    todo: list[str | None] = known if files is None else list(dict.fromkeys(files))
    previous = {} if force else _digests(driver, db)
    stale: list[str] = []
    if prune and files is None:
        stale = sorted(set(loaded_files(driver, database=db)) - {f for f in known if f is not None})
    summary = PushSummary()
    total = len(todo) + len(stale)
    with driver.session(database=db) as session:
        # Small files share a transaction (up to about `batch_size` rows): every file still replaces its
        # statements all at once, and a group commits or rolls back whole, so no file is ever half there.
        group: list[tuple[str | None, _FileRows]] = []
        size = 0

        def flush() -> None:
            nonlocal size
            if not group:
                return
            results = session.execute_write(_replace_files_tx, list(group), batch_size)
            for nodes, rels, removed in results:
                summary.files += 1
                summary.nodes += nodes
                summary.relationships += rels
                summary.removed_nodes += removed
            group.clear()
            size = 0

        for i, file in enumerate(todo, 1):
            rows = _prepare(G, plans.get(file) or _FilePlan())
            if previous.get("" if file is None else file) == rows.digest:
                summary.unchanged += 1
            else:
                group.append((file, rows))
                size += rows.size
                if size >= batch_size:
                    flush()
            if progress:
                progress(file or "(unsourced)", i, total)
        flush()
        for j, name in enumerate(stale, len(todo) + 1):
            _, _, removed = session.execute_write(_replace_file_tx, name, None, batch_size)
            summary.removed_nodes += removed
            summary.pruned_files.append(name)
            if progress:
                progress(name, j, total)
    summary.seconds = time.perf_counter() - t0
    return summary


def remove_file(driver: Driver, file: str, *, database: str | None = None, batch_size: int = 1000) -> int:
    """Remove everything ``file`` states (one transaction). Returns the number of nodes deleted."""
    with driver.session(database=_db(driver, database)) as session:
        _, _, removed = session.execute_write(_replace_file_tx, file, None, batch_size)
    return int(removed)


def _digests(driver: Driver, database: str | None) -> dict[str, str]:
    query = f"MATCH (f:{FILE_LABEL}) WHERE f.digest IS NOT NULL RETURN f.name AS name, f.digest AS digest"
    return {r["name"]: r["digest"] for r in _read(driver, database, query)}


def loaded_files(driver: Driver, *, database: str | None = None) -> dict[str, dict[str, Any]]:
    """The files pushed so far: name -> {node_count, relationship_count, pushed_at}."""
    query = (
        f"MATCH (f:{FILE_LABEL}) WHERE f.name <> '' RETURN f.name AS name, f.node_count AS node_count, "
        "f.relationship_count AS relationship_count, f.pushed_at AS pushed_at"
    )
    rows = run_cypher(driver, query, database=database)
    return {row.pop("name"): row for row in rows}


def wipe(driver: Driver, *, database: str | None = None, batch_size: int = 10000) -> None:
    """Delete every node and relationship (schema kept), in batches."""
    query = f"MATCH (n) WITH n LIMIT {int(batch_size)} DETACH DELETE n RETURN count(*) AS n"
    with driver.session(database=_db(driver, database)) as session:
        while True:
            record = session.execute_write(lambda tx: tx.run(query).single())
            if not record or record["n"] == 0:
                break


# ------------------------------------------------------------------------------------------------- read


def _read(driver: Driver, database: str | None, query: str, **params: Any) -> list[neo4j.Record]:
    def work(tx: ManagedTransaction) -> list[neo4j.Record]:
        return list(tx.run(query, params))

    with driver.session(database=_db(driver, database), default_access_mode=neo4j.READ_ACCESS) as session:
        return session.execute_read(work)


def _add_node(H: nx.MultiDiGraph, node_id: str, props: Mapping[str, Any]) -> None:
    attrs = _from_props(props)
    attrs.pop("id", None)
    kind = attrs.get("kind")
    for name in _NULLABLE.get(str(kind), ()):
        attrs.setdefault(name, None)
    attrs["sources"] = list(attrs.get("sources") or [])
    H.add_node(node_id, **attrs)


def _add_edge(H: nx.MultiDiGraph, u: str, v: str, rel_type: str, props: Mapping[str, Any]) -> None:
    key, attrs = _edge_attrs(rel_type, props)
    if key is not None and not H.has_edge(u, v, key):
        H.add_edge(u, v, key=key, **attrs)
    else:
        H.add_edge(u, v, **attrs)


def _rel_order(record: neo4j.Record) -> tuple[str, str, str, str]:
    return (str(record["u"]), str(record["v"]), str(record["type"]), str(record["props"].get(_KEY_PROP)))


def fetch_graph(driver: Driver, *, database: str | None = None) -> nx.MultiDiGraph:
    """The whole graph back as a networkx MultiDiGraph shaped like docs/schema.md."""
    H = nx.MultiDiGraph()
    for record in sorted(_read(driver, database, _FETCH_NODES), key=lambda r: str(r["id"])):
        _add_node(H, record["id"], record["props"])
    rels = _read(driver, database, _FETCH_RELS, types=list(REL_TYPES))
    for record in sorted(rels, key=_rel_order):
        _add_edge(H, record["u"], record["v"], record["type"], record["props"])
    return H


def fetch_neighbourhood(
    driver: Driver,
    ids: Iterable[str],
    direction: Literal["out", "in", "both", "up", "down"] = "out",
    depth: int | None = 1,
    types: Iterable[str] | None = None,
    *,
    database: str | None = None,
) -> nx.MultiDiGraph:
    """The sub-graph reached from ``ids`` within ``depth`` hops along ``types`` (default: all).

    ``out`` (alias ``up``, as in graph.queries.lineage) follows edges forwards: what the seeds implement,
    cite, supersede; ``in`` (alias ``down``) backwards: what implements, cites, supersedes the seeds;
    ``both`` either way. ``depth`` None means :data:`MAX_DEPTH`. Returns the seeds found, the nodes
    reached and every edge on those paths (a variable-length pattern ``*1..depth``): exactly what a
    breadth-first walk of the same depth sees, so ``lineage(sub, seed, ...)`` answers as on the whole graph.
    """
    direction = _DIRECTION_ALIASES.get(direction, direction)  # type: ignore[assignment]
    if direction not in _STEP_QUERY:
        raise ValueError(f"direction must be 'out' ('up'), 'in' ('down') or 'both', not {direction!r}")
    depth = MAX_DEPTH if depth is None else int(depth)
    if not 0 <= depth <= MAX_DEPTH:
        raise ValueError(f"depth must be between 0 and {MAX_DEPTH}")
    wanted = list(REL_TYPES) if types is None else list(dict.fromkeys(types))
    unknown = [t for t in wanted if t not in REL_TYPES]
    if unknown:
        raise ValueError(f"unknown relationship type(s): {', '.join(map(str, unknown))}")
    seeds = sorted({str(i) for i in ids})
    H = nx.MultiDiGraph()
    for record in _read(driver, database, _SEEDS, ids=seeds):
        _add_node(H, record["id"], record["props"])
    if depth == 0 or not H or not wanted:
        return H
    # Breadth first, one query per level: linear in what is reached, where a variable-length pattern would
    # enumerate every path. The query text is a constant per direction; ids and types are parameters.
    query = _STEP_QUERY[direction]
    records: dict[str, neo4j.Record] = {}
    frontier = sorted(H.nodes)
    seen = set(frontier)
    for _ in range(depth):
        if not frontier:
            break
        nxt: set[str] = set()
        for record in _read(driver, database, query, ids=frontier, types=wanted):
            records[record["rid"]] = record
            for node_id in (record["u"], record["v"]):
                if node_id not in seen:
                    seen.add(node_id)
                    nxt.add(node_id)
        frontier = sorted(nxt)
    for record in sorted(records.values(), key=_rel_order):
        for node_id, props in ((record["u"], record["uprops"]), (record["v"], record["vprops"])):
            if node_id not in H:
                _add_node(H, node_id, props)
        _add_edge(H, record["u"], record["v"], record["type"], record["props"])
    return H


def fetch_candidates(driver: Driver, ref: str, *, database: str | None = None) -> nx.MultiDiGraph:
    """Nodes (no edges) that a reference an analyst typed may name, for graph.queries.resolve_ref.

    A loose, index-friendly pre-selection: the exact id, file name or symbol, any number the reference
    contains, or a title or name containing it. resolve_ref then decides on this small graph.
    """
    import re as _re

    nums = sorted({n.lstrip("0") or "0" for n in _re.findall(r"\d+", ref)})
    low = " ".join(ref.lower().split())
    H = nx.MultiDiGraph()
    for record in _read(driver, database, _CANDIDATES, ref=ref.strip(), nums=nums, low=low):
        _add_node(H, record["id"], record["props"])
    return H


def fetch_nodes(driver: Driver, *, database: str | None = None) -> nx.MultiDiGraph:
    """Every node with its properties, no edges (a fallback for resolving unusual references)."""
    H = nx.MultiDiGraph()
    for record in _read(driver, database, _ALL_NODES):
        _add_node(H, record["id"], record["props"])
    return H


def _plain(value: Any) -> Any:
    """Driver values -> JSON-friendly Python values."""
    if isinstance(value, Node):
        out = _from_props(dict(value.items()))
        out["_labels"] = sorted(value.labels)
        return out
    if isinstance(value, Relationship):
        key, attrs = _edge_attrs(value.type, dict(value.items()))
        attrs["_start"] = value.start_node.get("id") if value.start_node is not None else None
        attrs["_end"] = value.end_node.get("id") if value.end_node is not None else None
        if key is not None:
            attrs["_key"] = key
        return attrs
    if isinstance(value, Path):
        return {
            "nodes": [_plain(n) for n in value.nodes],
            "relationships": [_plain(r) for r in value.relationships],
        }
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if hasattr(value, "iso_format"):  # neo4j.time Date/DateTime/Time/Duration
        return value.iso_format()
    return value


def run_cypher(
    driver: Driver,
    query: str,
    params: Mapping[str, Any] | None = None,
    write: bool = False,
    *,
    database: str | None = None,
) -> list[dict[str, Any]]:
    """Run ``query`` and return its rows as plain dicts.

    Read-only unless ``write=True``: the transaction is opened in READ access mode, so the server refuses
    any write (``Neo.ClientError.Statement.AccessMode``).
    """
    parameters = dict(params or {})

    def work(tx: ManagedTransaction) -> list[dict[str, Any]]:
        result = tx.run(query, parameters)
        return [{k: _plain(v) for k, v in record.items()} for record in result]

    mode = neo4j.WRITE_ACCESS if write else neo4j.READ_ACCESS
    with driver.session(database=_db(driver, database), default_access_mode=mode) as session:
        if write:
            return session.execute_write(work)
        return session.execute_read(work)


def counts(driver: Driver, *, database: str | None = None) -> dict[str, int]:
    """Number of nodes per label and of relationships per type (``SourceFile`` = files loaded)."""
    out: dict[str, int] = {}
    for record in _read(driver, database, "MATCH (n) UNWIND labels(n) AS l RETURN l, count(*) AS n"):
        out[record["l"]] = int(record["n"])
    for record in _read(driver, database, "MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS n"):
        out[record["t"]] = int(record["n"])
    return dict(sorted(out.items()))


class Neo4jSource:
    """The :class:`graph.source.GraphSource` of a Neo4j database: candidates by index, neighbourhoods
    breadth first, stats by aggregate queries; never the whole database."""

    def __init__(self, driver: Driver, database: str | None = None) -> None:
        self.driver, self.database = driver, database

    def candidates(self, ref: str) -> nx.MultiDiGraph:
        from .queries import resolve_ref

        H = fetch_candidates(self.driver, ref, database=self.database)
        return H if resolve_ref(H, ref) else fetch_nodes(self.driver, database=self.database)

    def neighbourhood(self, ids: Iterable[str], direction: Literal["out", "in", "both", "up", "down"],
                      depth: int | None, types: Sequence[str] | None = None) -> nx.MultiDiGraph:
        return fetch_neighbourhood(self.driver, ids, direction, depth, types, database=self.database)

    def walk(self, root: str, direction: Literal["up", "down"], depth: int | None, types: Sequence[str],
             limit: int | None = None) -> tuple[nx.MultiDiGraph, int]:
        from .source import walk_and_count

        return walk_and_count(self, root, direction, depth, types)

    def stats(self, top: int = 10) -> dict[str, Any]:
        from .queries import stats

        return stats(fetch_graph(self.driver, database=self.database), top)

    def files(self) -> list[str]:
        return sorted(loaded_files(self.driver, database=self.database))

    def close(self) -> None:
        self.driver.close()

"""The Neo4j model: how a node and a relationship of the graph become what Neo4j stores (labels, properties,
the hidden search keys pg_*), and back. The writer (graph.neo4j_store), the reader (graph.neo4j_read) and
the import CSV (graph.neo4j_csv) all read it; it decides the model once.

>>> r = node_row("doc:31-NQ/TW@2022-12-30", {"kind": "Document", "label": "Resolution", "symbol": "31-NQ/TW"})
>>> (r.kind, r.label, stored_properties(r)["pg_symbol"])
('Document', 'Resolution', '31-nq/tw')
"""

from __future__ import annotations

import json
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from ..loaders.models import PolicyGraphError
from ..ontology import vocab
from . import rules as q

__all__ = [
    "DOCUMENT_LABELS",
    "FILE_LABEL",
    "MAX_DEPTH",
    "NODE_KINDS",
    "REL_TYPES",
    "FileRows",
    "Neo4jUnavailable",
    "NodeRow",
    "PushSummary",
    "RelRow",
    "node_row",
    "relationship_row",
    "stored_properties",
]

# The vocabulary's lists, under the names this module has always exported (not copies: the same objects).
NODE_KINDS = vocab.NODE_KINDS
DOCUMENT_LABELS = vocab.DOCUMENT_LABELS
REL_TYPES = vocab.RELATION_TYPES
#: Label of the per-file lock and manifest nodes.
FILE_LABEL = "SourceFile"

_PG = "pg_"  # prefix of the properties this module adds; reserved, hidden when reading back
_JSON_PROP = "pg_json"  # names of the properties stored as JSON strings
_KEY_PROP = "pg_key"  # the edge's key
_SORT_PROP = "pg_sort"  # graph.queries.order_key of the node: `show` orders a node's edges by it, in Cypher
_FILE_PROP = "pg_file"  # the file that states the edge (its relative path): what a file's push replaces
_EVIDENCE_PREFIX = "evidence_"
_EVIDENCE_CUT = len(_EVIDENCE_PREFIX)
_NAMES_INDEX = "pg_names_words"  # words split at spaces and punctuation ("13," is the word 13)

MAX_DEPTH = 20
DEFAULT_BATCH_ROWS = 20_000


class Neo4jUnavailable(PolicyGraphError, RuntimeError):
    """Neo4j could not be reached (or refused the credentials); the message is one line."""


# -------------------------------------------------------------------------------------------- the rows


class NodeRow(NamedTuple):
    """One node as Neo4j stores it: ``props`` are complete (see :func:`node_row`)."""

    id: str
    kind: str
    label: str
    props: dict[str, Any]


class RelRow(NamedTuple):
    """One relationship as Neo4j stores it (see :func:`relationship_row`)."""

    u: str
    v: str
    type: str
    props: dict[str, Any]


@dataclass(frozen=True)
class FileRows:
    """What one file states, as rows (the module docstring gives the contract)."""

    file: str
    digest: str | None
    nodes: Sequence[NodeRow] = ()
    relationships: Sequence[RelRow] = ()
    gone: Sequence[str] = ()

    @property
    def size(self) -> int:
        return len(self.nodes) + len(self.relationships) + 1


@dataclass
class PushSummary:
    files: int = 0  # files written (replaced or removed)
    nodes: int = 0  # node upserts
    relationships: int = 0  # relationships created
    removed_nodes: int = 0
    unchanged: int = 0  # files skipped: Neo4j holds the same digest
    transactions: int = 0
    pruned_files: list[str] = field(default_factory=list)
    seconds: float = 0.0


# ------------------------------------------------------------------------------------- value conversion


def _primitive_list(values: Sequence[Any]) -> bool:
    """Whether Neo4j stores `values` as a list property: one primitive type throughout (a set of the
    types, made in C: a hub's ``sources`` lists thousands of files)."""
    kinds = set(map(type, values))
    return len(kinds) <= 1 and kinds <= {str, int, float, bool}


_SCALARS = (str, bool, int, float)


def _to_props(attrs: Mapping[str, Any]) -> dict[str, Any]:
    """Schema attributes -> Neo4j properties (None omitted, dicts and nested lists as JSON strings).

    >>> _to_props({"symbol": "31-NQ/TW", "title": None, "sources": ["a.txt"], "conflicts": {}})
    {'symbol': '31-NQ/TW', 'sources': ['a.txt'], 'conflicts': '{}', 'pg_json': ['conflicts']}
    """
    props: dict[str, Any] = {}
    encoded: list[str] = []
    for key, value in attrs.items():
        if value is None:
            continue
        if key == "id" or key.startswith(_PG):
            raise ValueError(f"attribute name {key!r} is reserved by the Neo4j store")
        if isinstance(value, _SCALARS):
            props[key] = value
            continue
        if isinstance(value, (list, tuple, set, frozenset)):
            seq = sorted(value) if isinstance(value, (set, frozenset)) else list(value)
            if _primitive_list(seq):
                props[key] = seq
                continue
        props[key] = json.dumps(value, ensure_ascii=False, sort_keys=True, default=str)
        encoded.append(key)
    if encoded:
        props[_JSON_PROP] = sorted(encoded)
    return props


def _from_props(props: Mapping[str, Any], skip: frozenset[str] = frozenset()) -> dict[str, Any]:
    """Neo4j properties -> schema attributes (JSON decoded, this module's own ``pg_`` keys and `skip`
    dropped)."""
    attrs = {k: v for k, v in props.items() if not k.startswith(_PG) and k not in skip}
    for key in props.get(_JSON_PROP) or []:
        if isinstance(attrs.get(key), str):
            attrs[key] = json.loads(attrs[key])
    return attrs


def node_row(node_id: Hashable, attrs: Mapping[str, Any]) -> NodeRow:
    """The row of a node with the schema attributes `attrs` (``kind`` and ``label`` among them).

    >>> r = node_row("doc:31-NQ/TW@2022-12-30", {"kind": "Document", "label": "Resolution",
    ...              "symbol": "31-NQ/TW", "date": None, "sources": ["a.txt"]})
    >>> r.kind, r.label, r.props
    ('Document', 'Resolution', {'kind': 'Document', 'label': 'Resolution', 'symbol': '31-NQ/TW', 'sources': ['a.txt']})
    """
    kind = attrs.get("kind")
    if kind not in NODE_KINDS:
        raise ValueError(f"node {node_id!r} has kind {kind!r}; expected one of {', '.join(NODE_KINDS)}")
    return NodeRow(str(node_id), str(kind), str(attrs.get("label") or kind), _to_props(attrs))


def stored_properties(row: NodeRow) -> dict[str, Any]:
    """Every property a node has in Neo4j: its row's, its id and its search keys (what push writes and
    what the CSV export gives ``neo4j-admin database import``).

    >>> p = stored_properties(node_row("doc:8", {"kind": "Document", "label": "Resolution", "symbol": "08-NQ/TU"}))
    >>> {k: v for k, v in p.items() if k != "pg_sort"}
    {'kind': 'Document', 'label': 'Resolution', 'symbol': '08-NQ/TU', 'id': 'doc:8', 'pg_symbol': '8-nq/tu', 'pg_number': '8'}
    """
    return {**row.props, "id": row.id, **_search_keys(row.props), _SORT_PROP: q.order_key(row.props, row.id)}


def relationship_row(u: Hashable, v: Hashable, key: Hashable, attrs: Mapping[str, Any]) -> RelRow:
    """The row of edge ``(u, v, key)`` with the schema attributes `attrs` (evidence flattened).

    >>> relationship_row("a", "b", "CITES:f.txt:3", {"type": "CITES", "kind": None, "source_file": "f.txt",
    ...                  "evidence": {"file": "f.txt", "start": 3, "end": 9, "sentence": "…"}}).props
    {'source_file': 'f.txt', 'evidence_file': 'f.txt', 'evidence_start': 3, 'evidence_end': 9, 'evidence_sentence': '…', 'pg_key': 'CITES:f.txt:3', 'pg_file': 'f.txt'}
    """
    rel_type = attrs.get("type")
    if rel_type not in REL_TYPES:
        raise ValueError(f"edge {u!r}->{v!r} has type {rel_type!r}; expected one of {', '.join(REL_TYPES)}")
    props = _to_props({k: val for k, val in attrs.items() if k != "type" and k != "evidence"})
    evidence = attrs.get("evidence")
    if isinstance(evidence, dict):
        for k, val in evidence.items():
            if val is not None:
                props[_EVIDENCE_PREFIX + k] = val
    elif evidence is not None:
        raise ValueError(f"edge evidence must be a dict, got {type(evidence).__name__}")
    if any(k.startswith(_EVIDENCE_PREFIX) for k in attrs):
        raise ValueError(f"edge attribute names starting with {_EVIDENCE_PREFIX!r} are reserved")
    if isinstance(key, (str, int)) and not isinstance(key, bool):
        props[_KEY_PROP] = key
    file = attrs.get("source_path") or attrs.get("source_file")
    if file is not None:
        props[_FILE_PROP] = str(file)
    return RelRow(str(u), str(v), str(rel_type), props)


def _edge_attrs(rel_type: str, props: Mapping[str, Any]) -> tuple[Any, dict[str, Any]]:
    """Relationship properties -> (edge key, schema attributes): one pass over the properties (a
    neighbourhood brings back tens of thousands)."""
    attrs: dict[str, Any] = {"type": rel_type, "kind": None}
    found: dict[str, Any] = {}
    for k, v in props.items():
        if k.startswith(_PG):
            continue
        if k.startswith(_EVIDENCE_PREFIX):
            found[k[_EVIDENCE_CUT:]] = v
        else:
            attrs[k] = v
    for k in props.get(_JSON_PROP) or ():
        if isinstance(attrs.get(k), str):
            attrs[k] = json.loads(attrs[k])
    # the schema's order first (file, start, end, sentence), then any other keys
    evidence: dict[str, Any] = {k: found.pop(k) for k in vocab.EVIDENCE_KEYS if k in found}
    evidence.update(sorted(found.items()))
    attrs["evidence"] = evidence or None
    return props.get(_KEY_PROP), attrs


def _search_keys(props: Mapping[str, Any]) -> dict[str, Any]:
    """The look-up keys of a node, folded as graph.queries.resolve_ref compares them.

    >>> _search_keys({"kind": "Document", "symbol": "08-NQ/TU", "title": "Về Đồng Nai", "source_file": "A.txt"})
    {'pg_symbol': '8-nq/tu', 'pg_number': '8', 'pg_file': 'a.txt', 'pg_names': ['ve dong nai']}
    """
    keys: dict[str, Any] = {}
    if props.get("kind") == "Document":
        if props.get("symbol"):
            keys["pg_symbol"] = q.fold_symbol(str(props["symbol"]))
        number = q.number_of(props)
        if number:
            keys["pg_number"] = number
        if props.get("source_file"):
            keys["pg_file"] = str(props["source_file"]).lower()
    aliases = props.get("aliases")
    names = [props.get("title"), props.get("name"), *(aliases if isinstance(aliases, list) else [])]
    folded = [q.fold_text(str(n)) for n in names if n]
    if folded:
        keys["pg_names"] = folded
    return keys

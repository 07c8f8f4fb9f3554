"""Talking to Neo4j: :func:`connect` (bolt, neo4j routing, Aura), the database a driver defaults to, and
plain read-only Cypher (:func:`run_cypher`, :func:`counts`) whose driver values come back as JSON-friendly
Python. The writer (graph.neo4j_store) and the reader (graph.neo4j_read) both open their sessions here.
"""

from __future__ import annotations

import weakref
from collections.abc import Mapping
from typing import Any

import neo4j
from neo4j import Driver, GraphDatabase, ManagedTransaction
from neo4j import exceptions as neo4j_errors
from neo4j.graph import Node, Path, Relationship

from .neo4j_model import Neo4jUnavailable, _edge_attrs, _from_props

__all__ = ["connect", "counts", "one_line", "read_records", "run_cypher", "session_database"]

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
        raise Neo4jUnavailable(f"invalid Neo4j URI {uri!r}: {one_line(exc)}") from exc
    _DEFAULT_DB[driver] = database
    if verify:
        try:
            driver.verify_connectivity()
        except Exception as exc:
            driver.close()
            raise Neo4jUnavailable(f"cannot reach Neo4j at {uri}: {one_line(exc)}") from exc
    return driver


def one_line(exc: BaseException) -> str:
    if isinstance(exc, neo4j_errors.Neo4jError) and exc.message:
        text = f"{exc.message} ({exc.code})" if exc.code else exc.message
    else:
        text = str(exc) or type(exc).__name__
    return " ".join(text.split())


def session_database(driver: Driver, database: str | None) -> str | None:
    return database if database is not None else _DEFAULT_DB.get(driver)


def read_records(driver: Driver, database: str | None, query: str, **params: Any) -> list[neo4j.Record]:
    def work(tx: ManagedTransaction) -> list[neo4j.Record]:
        return list(tx.run(query, params))

    with driver.session(database=session_database(driver, database), default_access_mode=neo4j.READ_ACCESS) as session:
        return session.execute_read(work)


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
    with driver.session(database=session_database(driver, database), default_access_mode=mode) as session:
        if write:
            return session.execute_write(work)
        return session.execute_read(work)


def counts(driver: Driver, *, database: str | None = None) -> dict[str, int]:
    """Number of nodes per label and of relationships per type (``SourceFile`` = files loaded)."""
    out: dict[str, int] = {}
    for record in read_records(driver, database, "MATCH (n) UNWIND labels(n) AS l RETURN l, count(*) AS n"):
        out[record["l"]] = int(record["n"])
    for record in read_records(driver, database, "MATCH ()-[r]->() RETURN type(r) AS t, count(*) AS n"):
        out[record["t"]] = int(record["n"])
    return dict(sorted(out.items()))

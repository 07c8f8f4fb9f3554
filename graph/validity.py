"""Validity: is a document in force on a date, and what changed it — read from the document's `effective`
date and the SUPERSEDES edges into it (their kind, `scope` and `effective` date, else the superseding
document's effective date or, as the earliest it can apply, its date of issue).

Statuses, strongest first: ``replaced`` / ``repealed`` (the whole document), ``partly_repealed`` (a repeal
with a scope), ``amended`` (an amendment, or a replacement of a part), ``in_force``; ``not_yet_in_force``
before the document's own effective date. Each status comes with the changes behind it and their evidence.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("old", kind="Document", symbol="81/2006/QH11", effective="2007-07-01")
>>> G.add_node("new", kind="Document", symbol="68/2020/QH14", effective="2021-07-01")
>>> _ = G.add_edge("new", "old", type="SUPERSEDES", kind="replaces", effective="2021-07-01")
>>> status(G, "old", "2021-06-30").status, status(G, "old", "2021-07-01").status
('in_force', 'replaced')
>>> status_properties(G, "old")
{'status': 'replaced', 'status_since': '2021-07-01', 'status_by': ['new']}
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import networkx as nx

Status = Literal["in_force", "not_yet_in_force", "amended", "partly_repealed", "replaced", "repealed"]
#: how a change's date is known: stated for the change, the superseding document's effective date, its
#: date of issue (the earliest it can apply), only its year, or not at all
Dated = Literal["stated", "effective", "issued", "year", "unknown"]
#: the node properties status_properties gives (for exports and Neo4j)
STATUS_PROPERTIES = ("status", "status_since", "status_by")


@dataclass(frozen=True)
class Change:
    """One SUPERSEDES edge into the document: who changes it, how, which part, from when, and the evidence."""

    by: str
    kind: str | None
    scope: str | None
    date: str | None  # ISO date the change applies from (see `dated`)
    dated: Dated
    year: int | None  # the superseding document's year, when no date is known
    evidence: Mapping[str, Any] | None
    source_file: str | None

    @property
    def whole(self) -> bool:
        """Does the change end the whole document (a replacement or repeal with no part named)?"""
        return self.kind in ("replaces", "repeals") and self.scope is None

    def applies(self, at: str | None) -> bool:
        """Has the change taken effect on `at` (None: after every known change)?"""
        if at is None:
            return True
        if self.date is not None:
            return self.date <= at
        return self.year is not None and self.year < int(at[:4])


@dataclass(frozen=True)
class Validity:
    node: str
    at: str | None  # the day asked about; None: after every known change
    status: Status
    since: str | None  # the day the status holds from, when known
    by: tuple[str, ...]  # the documents that give the status
    effective: str | None  # the document's own effective date
    changes: tuple[Change, ...]  # in effect on `at`, earliest first
    pending: tuple[Change, ...]  # known, not yet in effect on `at`


def changes(G: nx.MultiDiGraph, node: Hashable) -> list[Change]:
    """The SUPERSEDES edges into `node` as Changes, one per (document, kind, part), earliest first."""
    seen: dict[tuple[str, str | None, str | None], Change] = {}
    for u, _, d in G.in_edges(node, data=True):
        if d.get("type") != "SUPERSEDES" or u == node:
            continue
        c = _change(G, u, d)
        seen.setdefault((c.by, c.kind, c.scope), c)
    return sorted(seen.values(), key=lambda c: (c.date or "9999", c.year or 9999, c.by))


def _change(G: nx.MultiDiGraph, u: Hashable, d: Mapping[str, Any]) -> Change:
    by = G.nodes[u] if u in G else {}
    known: list[tuple[Any, Dated]] = [
        (d.get("effective"), "stated"),
        (by.get("effective"), "effective"),
        (by.get("date"), "issued"),
        (None, "year" if by.get("year") else "unknown"),
    ]
    date, dated = next((x, how) for x, how in known if x is not None or how in ("year", "unknown"))
    return Change(
        by=str(u),
        kind=d.get("kind"),
        scope=d.get("scope"),
        date=date,
        dated=dated,
        year=by.get("year") if date is None else None,
        evidence=d.get("evidence"),
        source_file=d.get("source_file"),
    )


def status(G: nx.MultiDiGraph, node: Hashable, at: str | None = None) -> Validity:
    """The status of `node` on the ISO day `at` (None: after every known change), with the changes behind it."""
    attrs = G.nodes[node]
    effective = attrs.get("effective")
    all_changes = changes(G, node)
    applied = tuple(c for c in all_changes if c.applies(at))
    pending = tuple(c for c in all_changes if not c.applies(at))
    common = {"node": str(node), "at": at, "effective": effective, "changes": applied, "pending": pending}
    if at is not None and effective and at < effective:
        return Validity(status="not_yet_in_force", since=None, by=(), **common)
    status_, chosen = _strongest(applied)
    if not chosen:
        return Validity(status="in_force", since=effective, by=(), **common)
    return Validity(status=status_, since=chosen[0].date, by=tuple(dict.fromkeys(c.by for c in chosen)), **common)


def _strongest(applied: Iterable[Change]) -> tuple[Status, list[Change]]:
    """The strongest status the changes give, and the changes that give it (earliest first)."""
    cs = list(applied)
    whole = [c for c in cs if c.whole]
    if whole:
        return ("replaced" if whole[0].kind == "replaces" else "repealed"), whole
    parts = [c for c in cs if c.kind == "repeals"]
    if parts:
        return "partly_repealed", parts
    return ("amended", cs) if cs else ("in_force", [])


def status_properties(G: nx.MultiDiGraph, node: Hashable, at: str | None = None) -> dict[str, Any]:
    """The status as plain node properties (STATUS_PROPERTIES), for exports and Neo4j."""
    v = status(G, node, at)
    return {"status": v.status, "status_since": v.since, "status_by": list(v.by)}


def all_status_properties(G: nx.MultiDiGraph, at: str | None = None) -> dict[str, dict[str, Any]]:
    """status_properties of every document of `G` (one look at each SUPERSEDES edge)."""
    return {str(n): status_properties(G, n, at) for n, d in G.nodes(data=True) if d.get("kind") == "Document"}


def with_status(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy of `G` whose documents carry their status as properties (STATUS_PROPERTIES), as exports and
    Neo4j show them; `G` is not changed.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", kind="Document"); G.add_node("b", kind="Document")
    >>> _ = G.add_edge("a", "b", type="SUPERSEDES", kind="repeals")
    >>> with_status(G).nodes["b"]["status"], "status" in G.nodes["b"]
    ('repealed', False)
    """
    H = G.copy()
    for n, props in all_status_properties(G).items():
        H.nodes[n].update(props)
    return H


def change_to_dict(c: Change) -> dict[str, Any]:
    return {
        "by": c.by,
        "kind": c.kind,
        "scope": c.scope,
        "date": c.date,
        "dated": c.dated,
        "year": c.year,
        "source_file": c.source_file,
        "evidence": dict(c.evidence) if c.evidence else None,
    }


def to_dict(v: Validity) -> dict[str, Any]:
    """A Validity as JSON-ready data."""
    return {
        "id": v.node,
        "at": v.at,
        "status": v.status,
        "since": v.since,
        "by": list(v.by),
        "effective": v.effective,
        "changes": [change_to_dict(c) for c in v.changes],
        "pending": [change_to_dict(c) for c in v.pending],
    }

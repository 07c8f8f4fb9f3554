"""The node and text rules every layer reads: how names and symbols fold for comparison, how a node is named,
ordered, dated and placed, what a brief node holds, the rank of document relations. The bottom of graph/:
storage, look-up, queries and views import it; it imports nothing of theirs.

>>> fold_symbol("08-NQ/TU") == fold_symbol("8-nq/tu")
True
>>> display_name({"kind": "Document", "symbol": "31-NQ/TW", "title": "Nghị quyết về Thành phố"})  # a symbol names it
'31-NQ/TW'
"""

from __future__ import annotations

import functools
import re
from collections.abc import Hashable, Iterable, Mapping
from typing import Any, Literal

import networkx as nx

from ..loaders import gazetteer
from ..loaders.normalise import fold_key
from ..ontology import vocab

#: Document-to-document relation types, strongest first (the order used to pick a hop's main edge).
DOC_RELATIONS: tuple[str, ...] = ("SUPERSEDES", "IMPLEMENTS", "CITES")
_REL_RANK = {t: i for i, t in enumerate(DOC_RELATIONS)}
_NO_RANK = 99  # any other relation type ranks after the document relations


def rank_case(type_expr: str) -> str:
    """The rank of DOC_RELATIONS (show's and lineage's order) as a CASE expression over `type_expr`, the
    same text in SQL and Cypher, for a store that sorts edges itself.

    >>> rank_case("e.type")
    "CASE e.type WHEN 'SUPERSEDES' THEN 0 WHEN 'IMPLEMENTS' THEN 1 WHEN 'CITES' THEN 2 ELSE 99 END"
    """
    whens = " ".join(f"WHEN '{t}' THEN {i}" for t, i in _REL_RANK.items())
    return f"CASE {type_expr} {whens} ELSE {_NO_RANK} END"


Direction = Literal["up", "down", "both"]

# ------------------------------------------------------------------------------------------------ folding


@functools.lru_cache(maxsize=1 << 16)
def fold_text(s: str) -> str:
    """Accent- and case-insensitive comparison form with single spaces (Đ, Ð and D unified).

    >>> fold_text("  Thành phố  Hồ Chí Minh ")
    'thanh pho ho chi minh'
    >>> fold_text("ÐỒNG NAI") == fold_text("Đồng Nai") == fold_text("dong nai")
    True
    """
    return fold_key(s)


def _fold_nospace(s: str) -> str:
    return re.sub(r"[\s.,;:_]+", "", fold_text(s))


@functools.lru_cache(maxsize=1 << 16)
def fold_symbol(s: str) -> str:
    """The folded form symbols are compared on: NFC, case-insensitive, Đ/Ð/D unified, no spaces,
    no leading zeros in the number.

    >>> fold_symbol("08-NQ/TU") == fold_symbol("8-nq/tu")
    True
    >>> fold_symbol("641/QÐ-UBND"), fold_symbol("1330 -CV/BTGTU")
    ('641/qd-ubnd', '1330-cv/btgtu')
    """
    s = re.sub(r"\s+", "", fold_text(s))
    return re.sub(r"^0+(?=\d)", "", s)


def _fold_number(s: str) -> str:
    return re.sub(r"^0+(?=\d)", "", s.strip())


# ------------------------------------------------------------------------------------------ node helpers


#: the files an answer lists for a node (``sources``); ``n_sources`` says how many there are in all
SOURCES_SHOWN = 20

#: The node attributes the rules that order, name, date and place a node read (order_key, display_name,
#: issuer_of, scope.province_of, scope.Scope.matches): a walk that only counts and orders needs no other
#: (graph.source.GraphSource.neighbourhood, `brief`).
RULE_ATTRIBUTES = (
    "kind",
    "label",
    "symbol",
    "title",
    "name",
    "date",
    "year",
    "issuer",
    "source_file",
    "jurisdiction",
    "parent_jurisdiction",
)


def brief_attrs(attrs: Mapping[str, Any]) -> dict[str, Any]:
    """A node's attributes as answers give them: a hub's ``sources`` (the thousands of files that state a
    central document) cut to the first SOURCES_SHOWN, with ``n_sources`` the whole count. Exports keep
    every file. The same from the whole list or from one already cut (a store keeps both).

    >>> a = brief_attrs({"symbol": "31-NQ/TW", "sources": [f"{i:02}.txt" for i in range(25)]})
    >>> len(a["sources"]), a["n_sources"], brief_attrs(a) == a
    (20, 25, True)
    >>> brief_attrs({"sources": ["a.txt"]})
    {'sources': ['a.txt']}
    """
    sources = attrs.get("sources")
    if not isinstance(sources, list) or (len(sources) <= SOURCES_SHOWN and "n_sources" not in attrs):
        return dict(attrs)
    return {**attrs, "sources": sources[:SOURCES_SHOWN], "n_sources": attrs.get("n_sources", len(sources))}


def _attrs(G: nx.MultiDiGraph, n: Hashable) -> dict[str, Any]:
    return brief_attrs(G.nodes[n])


def display_name(attrs: Mapping[str, Any], node: Hashable = "") -> str:
    """What to call a node for people: its symbol, else its title or name, else its type, issuer and date
    ("Thông báo · Ban Tuyên giáo Thành ủy Thành phố Hồ Chí Minh · 14/6/2024"); the file it was loaded
    from or its id only when nothing else is known.

    >>> display_name({"symbol": None, "title": "Nghị quyết Đại hội XIII"}, "named:x")
    'Nghị quyết Đại hội XIII'
    >>> display_name({"label": "Notice", "issuer": "Thành ủy Hải Phòng", "date": "2024-06-14",
    ...               "source_file": "003_9bd5.txt"}, "file:003_9bd5.txt")
    'Thông báo · Thành ủy Hải Phòng · 14/6/2024'
    >>> display_name({"label": "Notice", "source_file": "003_9bd5.txt"}, "file:003_9bd5.txt")
    '003_9bd5.txt'
    """
    for k in ("symbol", "title", "name"):
        v = attrs.get(k)
        if v:
            return str(v)
    date = str(attrs.get("date") or "")
    when = (
        f"{int(date[8:10])}/{int(date[5:7])}/{date[:4]}"
        if re.fullmatch(r"\d{4}-\d\d-\d\d", date)
        else str(attrs.get("year") or "")
    )
    issuer = attrs.get("issuer")
    label = attrs.get("label")
    if label and label in vocab.LABEL_VI and (issuer or when) and attrs.get("kind", "Document") == "Document":
        return " · ".join(str(x) for x in (vocab.LABEL_VI[label], issuer, when) if x)
    if attrs.get("source_file"):
        return str(attrs["source_file"])
    return str(node)


def order_key(d: Mapping[str, Any], n: Hashable) -> str:
    """The sort key of a node (a string, so a store can index it): dated before undated, by date, then
    symbol (or name), then id.

    >>> sorted(["b", "a"], key=lambda n: order_key({"date": "2021-01-01" if n == "b" else None}, n))
    ['b', 'a']
    """
    date = d.get("date") or (f"{d['year']}" if d.get("year") else "")
    return f"{0 if date else 1}{date}\x1f{fold_symbol(display_name(d, n))}\x1f{n}"


def node_order(G: nx.MultiDiGraph, n: Hashable) -> str:
    """Deterministic order of nodes: dated before undated, by date, then symbol (or title), then id."""
    return order_key(G.nodes[n], n)


def _sorted_nodes(G: nx.MultiDiGraph, nodes: Iterable[Hashable]) -> list[str]:
    return [str(n) for n in sorted(set(nodes), key=lambda n: node_order(G, n))]


def issuer_of(G: nx.MultiDiGraph, n: Hashable) -> str | None:
    """The issuing body: the node's ``issuer``, else the name of its ISSUED_BY target."""
    iss = G.nodes[n].get("issuer")
    if iss:
        return str(iss)
    names = sorted(
        str(G.nodes[v].get("name") or v) for _, v, d in G.out_edges(n, data=True) if d.get("type") == "ISSUED_BY"
    )
    return names[0] if names else None


def number_of(d: Mapping[str, Any]) -> str | None:
    """A document's number, leading zeros dropped (from its symbol when it has no number)."""
    if d.get("number"):
        return _fold_number(str(d["number"]))
    m = re.match(r"\s*(\d+)", str(d.get("symbol") or ""))
    return _fold_number(m.group(1)) if m else None


def symbol_number(s: str) -> str:
    """The number a typed symbol starts with, leading zeros dropped: ``symbol_number("08-NQ/TU") == "8"``."""
    m = re.match(r"\s*(\d+)", s)
    return _fold_number(m.group(1)) if m else ""


@functools.lru_cache(maxsize=4096)
def province_of(jurisdiction: str | None) -> str:
    """The province a jurisdiction belongs to (itself for a province; ``central`` for None).

    >>> province_of("Long Khánh"), province_of("Hải Phòng"), province_of(None)
    ('Đồng Nai', 'Hải Phòng', 'central')
    """
    if not jurisdiction:
        return "central"
    return gazetteer.parent(jurisdiction) or gazetteer.canonical(jurisdiction) or jurisdiction

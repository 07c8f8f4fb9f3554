"""Build: the union of many files' extractions as one networkx MultiDiGraph (see docs/schema.md).

Every node and edge remembers which files assert it (`sources`, `source_file`); attributes that files
disagree on are kept under `conflicts` with the file that said each value. The node and edge functions
here are the only place those rules live: the in-memory :func:`build_graph` and the embedded store
(graph.store, which materialises one node at a time) both call them, so they give the same graph.

>>> from policygraph.loaders.extract import extract_text
>>> from policygraph.loaders.models import Text
>>> x = extract_text(Text(path="a.txt", text="Thực hiện Nghị quyết số 31-NQ/TW ngày 30/12/2022 của Bộ Chính trị."))
>>> G = build_graph([x])
>>> G.nodes["doc:31-NQ/TW@2022-12-30"]["issuer"]
'Bộ Chính trị'
>>> sorted({d["type"] for _, _, d in G.edges(data=True)})
['IMPLEMENTS', 'ISSUED_BY', 'PART_OF']
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

import networkx as nx

from ..loaders.models import Body, DocRef, Extraction, Project, Relation
from ..ontology import vocab
from .identity import Assigned, assign_ids

#: the attributes a document node takes from the references to it (the label, then the vocabulary's claims)
DOC_FIELDS = ("label", *vocab.DOCUMENT_CLAIMS)
#: edge attributes a relation carries only when known (a supersession's part and effective date)
OPTIONAL_EDGE_FIELDS = ("scope", "effective", "stated_by")
CONFLICT_FIELDS = ("label", "date", "issuer", "jurisdiction")

#: one file's claim on a document node: the reference, the file, and what identity decided for it
DocClaim = tuple[DocRef, str, Assigned]


def _choose(values: list[tuple[Any, str, bool]]) -> Any:
    """Pick a value: the document's own file first, then the most frequent, then the first seen."""
    own = [v for v, _, is_src in values if is_src]
    if own:
        return own[0]
    counts = Counter(v for v, _, _ in values)
    best = max(counts.values())
    return next(v for v, _, _ in values if counts[v] == best)


def _resolution(gid: str, claims: Sequence[DocClaim]) -> tuple[bool, list[str]]:
    """A node with a symbol is resolved unless a full reference to it could not be pinned to one document
    (short references that joined it said "symbol missing" of themselves, not of the node)."""
    if gid.startswith("named:"):
        return True, ["symbol"]
    if gid.startswith("file:"):
        return True, []
    full = [(r, a) for r, _, a in claims if r.symbol]
    if full:
        resolved = all(a.resolved for _, a in full)
        return resolved, ([] if resolved else sorted({m for r, a in full for m in (*r.missing, *a.missing)}))
    return False, sorted({m for r, _, a in claims for m in (*r.missing, *a.missing)}) or ["symbol"]


def document_node(gid: str, claims: Sequence[DocClaim]) -> dict[str, Any]:
    """The attributes of document `gid` from every claim on it (claims ordered by file, then as each file
    lists its references)."""
    if len(claims) == 1:
        return _single_claim_node(gid, claims[0])
    attrs: dict[str, list[tuple[Any, str, bool]]] = defaultdict(list)
    for r, file, _ in claims:
        for f in DOC_FIELDS:
            v = getattr(r, f)
            if v is not None:
                attrs[f].append((v, file, r.is_source))
    node: dict[str, Any] = {"kind": "Document"}
    for f in DOC_FIELDS:
        node[f] = _choose(attrs[f]) if attrs.get(f) else None
    node["label"] = node["label"] or "Document"
    if node["year"] is None and node["date"]:
        node["year"] = int(node["date"][:4])
    srcs = sorted({f for r, f, _ in claims if r.is_source})
    node["source_file"] = file_name(srcs[0]) if srcs else None
    node["source_path"] = srcs[0] if srcs else None
    node["sources"] = sorted({f for _, f, _ in claims})
    node["resolved"], node["missing"] = _resolution(gid, claims)
    if gid.startswith("named:"):
        node["name"] = node["title"]
    node["conflicts"] = _conflicts(attrs)
    _ocr_marks(node, [r for r, _, _ in claims if r.is_source])
    return node


def _conflicts(attrs: Mapping[str, list[tuple[Any, str, bool]]]) -> dict[str, list[dict[str, Any]]]:
    """The CONFLICT_FIELDS the claims on a document disagree on, each value with the first file that gives it."""
    conflicts = {}
    for f in CONFLICT_FIELDS:
        distinct: dict[Any, str] = {}
        for v, file, _ in attrs.get(f, []):
            distinct.setdefault(v, file)
        if len(distinct) > 1:
            conflicts[f] = [{"value": v, "file": file} for v, file in distinct.items()]
    return conflicts


def _single_claim_node(gid: str, claim: DocClaim) -> dict[str, Any]:
    """document_node for a node one reference makes (most of them): the same attributes, faster."""
    r, file, _ = claim
    node: dict[str, Any] = {"kind": "Document", **{f: getattr(r, f) for f in DOC_FIELDS}}
    node["label"] = node["label"] or "Document"
    if node["year"] is None and node["date"]:
        node["year"] = int(node["date"][:4])
    node["source_file"] = file_name(file) if r.is_source else None
    node["source_path"] = file if r.is_source else None
    node["sources"] = [file]
    node["resolved"], node["missing"] = _resolution(gid, [claim])
    if gid.startswith("named:"):
        node["name"] = node["title"]
    node["conflicts"] = {}
    _ocr_marks(node, [r] if r.is_source else [])
    return node


def _ocr_marks(node: dict[str, Any], own: list[DocRef]) -> None:
    """A document whose own file was read by OCR carries `ocr_pages` and `ocr_confidence` (0-100)."""
    for r in own:
        if r.ocr_pages:
            node["ocr_pages"], node["ocr_confidence"] = r.ocr_pages, r.ocr_confidence
            return


def body_node(claims: Sequence[tuple[Body, str]]) -> dict[str, Any]:
    """A body's attributes: as the first file (in order) states them; `sources` from all."""
    b = claims[0][0]
    return {
        "kind": "Body",
        "label": "Body",
        "name": b.name,
        "level": b.level,
        "branch": b.branch,
        "jurisdiction": b.jurisdiction,
        "sources": sorted({f for _, f in claims}),
    }


def project_node(claims: Sequence[tuple[Project, str]]) -> dict[str, Any]:
    """A project's attributes: the first file's name, every other way the files wrote it as an alias."""
    name = claims[0][0].name
    aliases: list[str] = []
    for p, _ in claims:
        for alias in (p.name, *p.aliases):
            if alias not in aliases and alias != name:
                aliases.append(alias)
    return {
        "kind": "Project",
        "label": "Project",
        "name": name,
        "aliases": aliases,
        "sources": sorted({f for _, f in claims}),
    }


def project_id(key: str) -> str:
    return "project:" + key


def edges_of(x: Extraction, node_of: Callable[[str], str]) -> list[tuple[str, str, str, dict[str, Any]]]:
    """One file's edges as (u, v, key, attrs), `node_of` mapping its local keys to node ids. A relation
    whose two ends are one node is dropped; PART_OF is keyed by its ends (the graph keeps one per pair)."""
    out = []
    for i, rel in enumerate(x.relations):
        u, v = node_of(rel.source), node_of(rel.target)
        if u == v:
            continue
        out.append((u, v, edge_key(rel, x.file, i, u, v), edge_attrs(rel, x.file)))
    return out


def edge_key(rel: Relation, file: str, index: int, u: str, v: str) -> str:
    if rel.type == "PART_OF":
        return f"PART_OF:{u}:{v}"
    if rel.origin == "portal":  # a portal's list has no offset in the text: the relation's place in the file
        return f"{rel.type}:{file}:portal:{index}"
    return f"{rel.type}:{file}:{rel.evidence.start if rel.evidence else index}"


def edge_attrs(rel: Relation, file: str) -> dict[str, Any]:
    """An edge's attributes; `file` is the stating file's identity (its relative path). `origin`: "text" when
    the document's text states it, "portal" when a portal's curated list does. `scope` and `effective` only
    when known."""
    extra = {f: getattr(rel, f) for f in OPTIONAL_EDGE_FIELDS if getattr(rel, f) is not None}
    return {
        "type": rel.type,
        "kind": rel.kind,
        "source_file": file_name(file),
        "source_path": file,
        "evidence": rel.evidence.to_dict() if rel.evidence else None,
        "origin": rel.origin,
        **extra,
    }


def file_name(path: str) -> str:
    """The name of a file from its relative path (the export's ``source_file``).

    >>> file_name("2024/Hải Phòng/kl-01.txt")
    'kl-01.txt'
    """
    return path.rsplit("/", 1)[-1]


def local_node_of(x: Extraction, ids: dict[tuple[str, str], Assigned]) -> Callable[[str], str]:
    """Map a local key of `x` (document, project or body key) to its node id."""

    def node_of(key: str) -> str:
        if key in x.docs:
            return ids[(x.file, key)].id
        if key in x.projects:
            return project_id(key)
        return key

    return node_of


def build_graph(extractions: Iterable[Extraction]) -> nx.MultiDiGraph:
    """Merge extractions into one graph with global node ids (graph.identity). Does not change its input."""
    xs = sorted(extractions, key=lambda x: x.file)
    ids = assign_ids({x.file: x.docs for x in xs})
    G = nx.MultiDiGraph()
    doc_claims: dict[str, list[DocClaim]] = defaultdict(list)
    body_claims: dict[str, list[tuple[Body, str]]] = defaultdict(list)
    project_claims: dict[str, list[tuple[Project, str]]] = defaultdict(list)
    for x in xs:
        for k, r in x.docs.items():
            a = ids[(x.file, k)]
            doc_claims[a.id].append((r, x.file, a))
        for b in x.bodies.values():
            body_claims[b.key].append((b, x.file))
        for p in x.projects.values():
            project_claims[project_id(p.key)].append((p, x.file))
    for gid, claims in doc_claims.items():
        G.add_node(gid, **document_node(gid, claims))
    for bk, bclaims in body_claims.items():
        G.add_node(bk, **body_node(bclaims))
    for pid, pclaims in project_claims.items():
        G.add_node(pid, **project_node(pclaims))
    for x in xs:
        for u, v, key, attrs in edges_of(x, local_node_of(x, ids)):
            if attrs["type"] != "PART_OF" or not G.has_edge(u, v, key):  # the first file's PART_OF stays
                G.add_edge(u, v, key=key, **attrs)
    return G

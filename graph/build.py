"""Build: the union of many files' extractions as one networkx MultiDiGraph (see docs/schema.md).

Every node and edge remembers which files assert it (`sources`, `source_file`); attributes that files
disagree on are kept under `conflicts` with the file that said each value.

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
from collections.abc import Iterable
from typing import Any

import networkx as nx

from ..loaders.models import DocRef, Extraction
from .identity import assign_ids

DOC_FIELDS = ("label", "symbol", "number", "type_code", "issuer_code", "date", "year", "issuer", "jurisdiction",
              "level", "branch", "term", "title", "effective")
#: edge attributes a relation carries only when known (a supersession's part and effective date)
OPTIONAL_EDGE_FIELDS = ("scope", "effective")
CONFLICT_FIELDS = ("label", "date", "issuer", "jurisdiction")


def _choose(values: list[tuple[Any, str, bool]]) -> Any:
    """Pick a value: the document's own file first, then the most frequent, then the first seen."""
    own = [v for v, _, is_src in values if is_src]
    if own:
        return own[0]
    counts = Counter(v for v, _, _ in values)
    best = max(counts.values())
    return next(v for v, _, _ in values if counts[v] == best)


def build_graph(extractions: Iterable[Extraction]) -> nx.MultiDiGraph:
    """Merge extractions into one graph with global node ids (graph.identity)."""
    xs = sorted(extractions, key=lambda x: x.file)
    ids = assign_ids({x.file: x.docs for x in xs})
    G = nx.MultiDiGraph()
    attrs: dict[str, dict[str, list[tuple[Any, str, bool]]]] = defaultdict(lambda: defaultdict(list))
    refs: dict[str, list[tuple[DocRef, str]]] = defaultdict(list)
    for x in xs:
        for k, r in x.docs.items():
            gid = ids[(x.file, k)]
            refs[gid].append((r, x.file))
            for f in DOC_FIELDS:
                v = getattr(r, f)
                if v is not None:
                    attrs[gid][f].append((v, x.file, r.is_source))
    for gid, rs in refs.items():
        node: dict[str, Any] = {"kind": "Document"}
        for f in DOC_FIELDS:
            vals = attrs[gid].get(f, [])
            node[f] = _choose(vals) if vals else None
        node["label"] = node["label"] or "Document"
        if node["year"] is None and node["date"]:
            node["year"] = int(node["date"][:4])
        srcs = sorted({f for r, f in rs if r.is_source})
        node["source_file"] = srcs[0] if srcs else None
        node["sources"] = sorted({f for _, f in rs})
        # a node with a symbol is resolved unless a full reference to it could not be pinned to one document
        # (short references that joined it said "symbol missing" of themselves, not of the node)
        full = [r for r, _ in rs if r.symbol]
        if gid.startswith(("named:", "file:")):
            node["resolved"], missing = True, []
        elif full:
            node["resolved"] = all(r.resolved for r in full)
            missing = sorted({m for r in full for m in r.missing}) if not node["resolved"] else []
        else:
            node["resolved"] = False
            missing = sorted({m for r, _ in rs for m in r.missing}) or ["symbol"]
        if gid.startswith("named:"):
            missing = ["symbol"]
        node["missing"] = missing
        if gid.startswith("named:"):
            node["name"] = node["title"]
        conflicts = {}
        for f in CONFLICT_FIELDS:
            distinct: dict[Any, str] = {}
            for v, file, _ in attrs[gid].get(f, []):
                distinct.setdefault(v, file)
            if len(distinct) > 1:
                conflicts[f] = [{"value": v, "file": file} for v, file in distinct.items()]
        node["conflicts"] = conflicts
        G.add_node(gid, **node)
    body_sources: dict[str, set[str]] = defaultdict(set)
    for x in xs:
        for b in x.bodies.values():
            body_sources[b.key].add(x.file)
            if b.key not in G:
                G.add_node(b.key, kind="Body", label="Body", name=b.name, level=b.level, branch=b.branch,
                           jurisdiction=b.jurisdiction)
        for p in x.projects.values():
            pid = "project:" + p.key
            if pid not in G:
                G.add_node(pid, kind="Project", label="Project", name=p.name, aliases=[], sources=[])
            G.nodes[pid]["sources"] = sorted({*G.nodes[pid]["sources"], x.file})
            for alias in (p.name, *p.aliases):
                if alias not in G.nodes[pid]["aliases"] and alias != G.nodes[pid]["name"]:
                    G.nodes[pid]["aliases"].append(alias)
    for bk, files in body_sources.items():
        G.nodes[bk]["sources"] = sorted(files)
    for x in xs:
        def gid_of(key: str, x: Extraction = x) -> str:
            if key in x.docs:
                return ids[(x.file, key)]
            if key in x.projects:
                return "project:" + key
            return key

        for i, rel in enumerate(x.relations):
            u, v = gid_of(rel.source), gid_of(rel.target)
            if u == v:
                continue
            ev = rel.evidence.to_dict() if rel.evidence else None
            key = f"{rel.type}:{x.file}:{ev['start'] if ev else i}"
            if rel.type == "PART_OF":
                key = f"PART_OF:{u}:{v}"
                if G.has_edge(u, v, key):
                    continue
            extra = {f: getattr(rel, f) for f in OPTIONAL_EDGE_FIELDS if getattr(rel, f) is not None}
            G.add_edge(u, v, key=key, type=rel.type, kind=rel.kind, source_file=x.file, evidence=ev, **extra)
    return G

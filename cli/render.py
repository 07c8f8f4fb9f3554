"""How the query commands print their answers (rich text, trees and tables): lineage, show, stats, coverage
(and its --timeline), status. The commands parse, call a plain function and hand its answer here; what the
commands that move the graph in and out print is render_io.py's (one module would pass 600 lines). Every
text from a document goes through common.clean first.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import networkx as nx
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from ..graph import coverage as cov
from ..graph import queries as q
from ..graph import timeline as tl
from ..graph import validity
from .common import clean, echo_json, err, out, plural

if TYPE_CHECKING:
    from ..graph.scope import Scope

TYPE_STYLE = {"IMPLEMENTS": "green", "CITES": "cyan", "SUPERSEDES": "magenta"}


def node_text(attrs: dict[str, Any], node: str, bold: bool = True, hide: tuple[str, ...] = ()) -> Text:
    """A node's name for people, then its type, date, issuer and place (those the name does not already say,
    less `hide`), every text cleaned of control characters."""
    t = Text(clean(q.display_name(attrs, node)), style="bold" if bold else "")
    named = any(attrs.get(k) for k in ("symbol", "title", "name"))
    title = str(attrs.get("title") or "")
    fields = {
        "title": (title[:77] + "…" if len(title) > 80 else title) if attrs.get("symbol") else None,
        "label": attrs.get("label"),
        "date": attrs.get("date") or (str(attrs["year"]) if attrs.get("year") else None),
        "issuer": attrs.get("issuer"),
        "jurisdiction": attrs.get("jurisdiction"),
    }
    shown = [k for k in fields if k not in hide and (named or k == "jurisdiction")]
    extra = " · ".join(clean(fields[k]) for k in shown if fields[k])
    if extra:
        t.append("  " + extra, style="dim" if not bold else "")
    return t


def short_value(v: Any, items: int = 5, total: int | None = None) -> str:
    """An attribute for people: a long list as its first items and how many more (``sources`` of a hub,
    `total` of them when the list is already cut)."""
    total = len(v) if total is None and isinstance(v, list) else total
    if isinstance(v, list) and total is not None and total > items:
        return ", ".join(map(str, v[:items])) + f" … (+{total - items}, {total} in all)"
    return json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else str(v)


def evidence_text(
    ev: dict[str, Any] | None, mention: str | None, file: str | None, stated_by: str | None = None
) -> Text:
    """The evidence sentence and its file; "stated in FILE" for a relation between two documents a third
    file names (the edge's `stated_by`)."""
    if not ev:
        return Text(f"(no evidence sentence; {clean(file)})" if file else "(no evidence)", style="dim")
    snip = q.evidence_snippet(clean(ev.get("sentence") or ""), mention)
    t = Text("“" + snip + "”", style="italic")
    where = clean(ev.get("file") or file or "?")
    t.append(f"  — stated in {where}" if stated_by else f"  — {where}", style="dim")
    return t


def origin_note(edges: list[dict[str, Any]]) -> str:
    """ " [portal]" when a portal's curated list states the relation, " [text+portal]" when both do."""
    origins = sorted({str(e.get("origin") or "text") for e in edges}, key=lambda o: o != "text")
    return f" [{'+'.join(origins)}]" if "portal" in origins else ""


def hop_text(G: nx.MultiDiGraph, h: q.Hop, parent_attrs: dict[str, Any]) -> Text:
    types = list(dict.fromkeys(str(e["type"]) for e in h.edges)) or [h.edge_type]
    rel = "+".join(types) + (f" ({h.edge_kind})" if h.edge_kind else "") + origin_note(h.edges)
    t = Text()
    style = TYPE_STYLE.get(h.edge_type, "")
    if h.direction == "up":
        t.append(f"{rel} → ", style=style)
    else:
        t.append(f"← {rel} ", style=style)
    t.append_text(node_text({**h.attrs, "issuer": q.issuer_of(G, h.node) if h.node in G else None}, h.node))
    if len(h.edges) > 1:
        t.append(f"  ({len(h.edges)} mentions)", style="dim")
    if h.seen:
        t.append("  (expanded elsewhere in this tree)", style="dim")
    mention = (h.attrs if h.direction == "up" else parent_attrs).get("symbol")
    if mention is None:
        target = h.attrs if h.direction == "up" else parent_attrs
        mention = target.get("number")
    t.append("\n")
    stated = next((e.get("stated_by") for e in h.edges if e.get("evidence") == h.evidence), None)
    t.append_text(evidence_text(h.evidence, mention, h.source_file, stated))
    return t


def add_hops(G: nx.MultiDiGraph, branch: Tree, hops: list[q.Hop], parent_attrs: dict[str, Any]) -> None:
    for h in hops:
        sub = branch.add(hop_text(G, h, parent_attrs))
        add_hops(G, sub, h.children, h.attrs)


def attrs_table(s: dict[str, Any]) -> Table:
    """show's table of a node's attributes (a hub's files cut to the first, with their number)."""
    at = Table(show_header=False, box=None, pad_edge=False)
    at.add_column(style="bold")
    at.add_column(overflow="fold")
    for k, v in s["attrs"].items():
        if v is None or v == [] or v == {} or k == "n_sources":
            continue
        at.add_row(k, clean(short_value(v, total=s["attrs"].get("n_sources") if k == "sources" else None)))
    if s["issuer"] and not s["attrs"].get("issuer"):
        at.add_row("issuer (ISSUED_BY)", clean(s["issuer"]))
    return at


def edges_table(s: dict[str, Any], title: str, arrow: str, G: nx.MultiDiGraph) -> Table:
    """show's table of a node's edges one way: the relation, the other node, the evidence."""
    edges = s[title]
    total = sum(s["counts"][title].values())
    t = Table(
        title=f"{title} ({len(edges)}" + (f" of {total}, --limit N for more" if total > len(edges) else "") + ")",
        title_justify="left",
        expand=False,
    )
    t.add_column("relation")
    t.add_column("node", overflow="fold")
    t.add_column("evidence", overflow="fold")
    for e in edges:
        rel = f"{arrow} {e['type']}" + (f" ({e['kind']})" if e.get("kind") else "") + origin_note([e])
        other = Text(clean(e["other_name"]), style="bold")
        extra = " · ".join(
            str(x) for x in (e.get("other_label"), e.get("other_date"), e.get("other_jurisdiction")) if x
        )
        if extra:
            other.append("\n" + clean(extra), style="dim")
        t.add_row(Text(rel, style=TYPE_STYLE.get(str(e["type"]), "")), other, edge_evidence(e, G))
    return t


def edge_evidence(e: dict[str, Any], G: nx.MultiDiGraph) -> Text:
    """An edge's evidence as show prints it (a document relation's sentence; else its file)."""
    if e["type"] not in q.DOC_RELATIONS and not e.get("evidence"):
        return Text(e.get("source_file") or "", style="dim")
    target_attrs = G.nodes[e["target"]]
    mention = target_attrs.get("symbol") or target_attrs.get("number")
    return evidence_text(e.get("evidence"), mention, e.get("source_file"), e.get("stated_by"))


def counts_text(data: dict[str, int], sub: dict[str, dict[str, int]] | None = None) -> str:
    def one(k: str, v: int) -> str:
        kinds = (sub or {}).get(k)
        return f"{k} {v}" + (" (" + ", ".join(f"{kk} {vv}" for kk, vv in kinds.items()) + ")" if kinds else "")

    return ", ".join(one(k, v) for k, v in data.items()) or "none"


def loose_table(title: str, block: dict[str, Any], missing: bool = True) -> Table | None:
    if not block["count"]:
        return None
    shown = len(block["top"])
    more = f", the {shown} most mentioned shown" if shown < block["count"] else ""
    t = Table(title=f"{title} ({block['count']}{more})", title_justify="left", show_edge=False)
    t.add_column("node", overflow="fold")
    t.add_column("missing" if missing else "conflicting attributes", overflow="fold")
    t.add_column("files", overflow="fold")
    for u in block["top"]:
        name = clean(u["name"] if u["name"] == u["id"] else f"{u['name']} [{u['id']}]")
        what = ", ".join(u["missing"]) if missing else ", ".join(u["conflicts"])
        files = u["sources"]
        t.add_row(name, clean(what), clean(", ".join(files[:2]) + (f" +{len(files) - 2}" if len(files) > 2 else "")))
    return t


def province_table(rep: cov.CoverageReport) -> Table:
    t = Table(title="by province (districts and cities rolled up)", title_justify="left")
    for col, just in (("province", "left"), ("documents", "right"), ("directly", "right"), ("of which", "left")):
        t.add_column(col, justify=just, overflow="fold")  # type: ignore[arg-type]
    for prov, nodes in rep.by_province.items():
        es = [rep.entry(n) for n in nodes]
        sub = sorted({e.jurisdiction for e in es} - {prov})
        parts = ", ".join(f"{clean(j)} {sum(1 for e in es if e.jurisdiction == j)}" for j in sub)
        t.add_row(clean(prov), str(len(es)), str(sum(1 for e in es if e.distance == 1)), parts)
    return t


def entries_table(G: nx.MultiDiGraph, rep: cov.CoverageReport, limit: int) -> Table:
    shown = rep.entries if not limit else rep.entries[:limit]
    t = Table(title=f"documents ({len(shown)} of {len(rep.entries)})", title_justify="left")
    for col in ("document", "jurisdiction", "issuer", "chain", "evidence"):
        t.add_column(col, overflow="fold")
    for e in shown:
        doc = node_text(e.attrs, e.node, hide=("issuer", "jurisdiction"))
        chain = " → ".join(clean(q.display_name(G.nodes[c], c)) for c in e.chain)
        first = e.edges[0] if e.edges else {}
        tgt = G.nodes[first["target"]] if first else {}
        mention = tgt.get("symbol") or tgt.get("number")
        t.add_row(
            doc,
            clean(e.jurisdiction),
            clean(e.issuer),
            chain,
            evidence_text(first.get("evidence"), mention, first.get("source_file"), first.get("stated_by")),
        )
    return t


def scope_text(scope: Scope) -> str:
    bits = [
        f"since {scope.since}" if scope.since else "",
        f"until {scope.until}" if scope.until else "",
        f"in {scope.jurisdiction}" if scope.jurisdiction else "",
    ]
    return " ".join(b for b in bits if b)


# --------------------------------------------------------------------------------- the commands' answers


def lineage(G: nx.MultiDiGraph, tree: q.LineageTree, as_json: bool) -> None:
    """A lineage as a tree (REF, then a branch up and/or down, each hop with its evidence) and how many
    documents the limit left out, or --json's object."""
    if as_json:
        echo_json(q.lineage_to_dict(tree))
        return
    root = Tree(
        node_text({**tree.attrs, "issuer": q.issuer_of(G, tree.root)}, tree.root)
        + Text(f"  [{tree.root}]", style="dim")
    )
    heads = {"up": "▲ implements / cites / supersedes", "down": "▼ implemented / cited / superseded by"}
    depth = f", depth ≤ {tree.depth}" if tree.depth is not None else ""
    for d in ("up", "down") if tree.direction == "both" else (tree.direction,):
        hops = [h for h in tree.children if h.direction == d]
        branch = root.add(Text(heads[d] + f"  ({', '.join(tree.types)}" + depth + ")", style="bold blue"))
        if not hops:
            branch.add(Text("(nothing)", style="dim"))
        add_hops(G, branch, hops, tree.attrs)
    out.print(root)
    if tree.total > tree.shown:
        out.print(
            Text(
                f"showing {tree.shown} of {tree.total} documents reached (nearest first); "
                f"--limit {min(tree.total, max(4 * tree.shown, 1000))} for more, --limit 0 for all",
                style="dim",
            )
        )


def show(G: nx.MultiDiGraph, s: dict[str, Any], as_json: bool) -> None:
    """One node (graph.queries.show): its name, its attributes, its edges out and in; or --json's object."""
    if as_json:
        echo_json(s)
        return
    out.print(node_text({**s["attrs"], "issuer": s["issuer"]}, s["id"]) + Text(f"  [{s['id']}]", style="dim"))
    out.print(attrs_table(s))
    for title, arrow in (("out", "→"), ("in", "←")):
        if s[title]:
            out.print(edges_table(s, title, arrow, G))


def file_names(names: list[str], as_json: bool) -> None:
    """`stats --files`: one file name a line, or a JSON list."""
    if as_json:
        echo_json(names)
        return
    for name in names:
        out.print(clean(name))


def stats(s: dict[str, Any], as_json: bool) -> None:
    """What the graph holds (graph.source.GraphSource.stats): counts by kind, label, relation and origin, the
    most cited documents and the loose ends; or --json's object."""
    if as_json:
        echo_json(s)
        return
    docs = s["by_kind"].get("Document", 0)
    out.print(
        Text(
            f"{plural(s['files'], 'file')}, {plural(s['nodes'], 'node')} ({counts_text(s['by_kind'])}), "
            f"{plural(s['edges'], 'edge')}",
            style="bold",
        )
    )
    out.print(Text("documents by type: ", style="bold") + Text(counts_text(s["by_label"]) if docs else "none"))
    out.print(Text("edges by relation: ", style="bold") + Text(counts_text(s["by_relation"], s["by_relation_kind"])))
    if s.get("by_origin", {}).get("portal"):
        agree = s["origin_agreement"]
        out.print(
            Text("document relations by origin: ", style="bold")
            + Text(
                f"{counts_text(s['by_origin'])}; pairs a portal and a text both relate: {agree['pairs']}, "
                f"{agree['same_type']} of them with the same type"
            )
        )
    if s["most_cited"]:
        out.print(
            Text("most cited: ", style="bold")
            + Text(", ".join(f"{clean(m['name'])} ({m['count']})" for m in s["most_cited"]))
        )
    for title, key, missing in (
        ("unresolved references", "unresolved", True),
        ("documents with no symbol or title", "no_identity", True),
        ("attribute conflicts between files", "conflicts", False),
    ):
        t = loose_table(title, s[key], missing)
        if t is not None:
            out.print(t)
    out.print(
        Text("(the files: policygraph stats --files; every loose end: policygraph stats --json --top N)", style="dim")
    )


def coverage(
    G: nx.MultiDiGraph, rep: cov.CoverageReport, limit: int, via_cites: bool, scope: Scope, as_json: bool
) -> None:
    """How far a document is carried out: REF, a sentence of counts, then tables by province, of the first
    `limit` documents and by issuing body; or --json's object."""
    if as_json:
        echo_json(cov.coverage_to_dict(rep))
        return
    direct = sum(1 for e in rep.entries if e.distance == 1)
    verb = ("implement or cite" if via_cites else "implement") + ("s" if len(rep.entries) == 1 else "")
    out.print(
        node_text({**rep.attrs, "issuer": q.issuer_of(G, rep.root)}, rep.root) + Text(f"  [{rep.root}]", style="dim")
    )
    out.print(
        Text(
            f"{plural(len(rep.entries), 'document')} {verb} it ({direct} directly) in "
            f"{plural(len(rep.by_province), 'province')} ({plural(len(rep.by_jurisdiction), 'jurisdiction')}), "
            f"from {plural(len(rep.by_issuer), 'issuing body')}" + (f" — {scope_text(scope)}" if scope else "")
        )
    )
    if not rep.entries:
        return
    out.print(province_table(rep))
    out.print(entries_table(G, rep, limit))
    out.print(issuer_table(rep))


def issuer_table(rep: cov.CoverageReport) -> Table:
    """The ten bodies that issued the most documents of a coverage report, with their counts."""
    t = Table(title="by issuing body", title_justify="left")
    t.add_column("issuer", overflow="fold")
    t.add_column("count", justify="right")
    for iss, nodes in sorted(rep.by_issuer.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:10]:
        t.add_row(clean(iss), str(len(nodes)))
    return t


# ---------------------------------------------------------------------------------------------- status

_STATUS_WORDS: dict[str, str] = {
    "in_force": "in force",
    "not_yet_in_force": "not yet in force",
    "amended": "in force, amended by",
    "partly_repealed": "in force, partly repealed by",
    "replaced": "no longer in force: replaced by",
    "repealed": "no longer in force: repealed by",
}
_STATUS_STYLE = {
    "in_force": "green",
    "amended": "green",
    "partly_repealed": "yellow",
    "not_yet_in_force": "yellow",
    "replaced": "red",
    "repealed": "red",
}


def status(G: nx.MultiDiGraph, v: validity.Validity, top: int, as_json: bool) -> None:
    """Whether a document is in force on a day and the changes to it (at most `top` of each list, in
    effect and not yet), or --json's object (every change, the names of the documents)."""
    if as_json:
        names = {c.by: q.display_name(G.nodes[c.by], c.by) for c in (*v.changes, *v.pending)}
        echo_json({**validity.to_dict(v), "name": q.display_name(G.nodes[v.node], v.node), "by_names": names})
        return
    attrs = G.nodes[v.node]
    head = Text(_name(G, v.node), style="bold")
    bits = [attrs.get("label"), attrs.get("date"), q.issuer_of(G, v.node)]
    head.append("  " + " · ".join(clean(b) for b in bits if b) + f"  [{clean(v.node)}]", style="dim")
    out.print(head)
    line = Text(f"on {v.at}: ", style="bold") + Text(_STATUS_WORDS[v.status], style=_STATUS_STYLE[v.status])
    if v.by:
        line.append(" " + ", ".join(_name(G, b) for b in v.by))
    if v.since:
        line.append(f" since {v.since}")
    elif v.status == "not_yet_in_force" and v.effective:
        line.append(f" (takes effect on {v.effective})")
    out.print(line)
    if v.effective and v.status != "not_yet_in_force":
        out.print(Text(f"takes effect: {v.effective}", style="dim"))
    for title, cs in (("changes in effect", v.changes), ("changes not yet in effect", v.pending)):
        if cs:
            out.print(Text(f"{title} ({len(cs)}):", style="bold"))
            for c in cs[:top]:
                out.print(change_text(G, c, attrs.get("symbol") or attrs.get("number")))
            if len(cs) > top:
                out.print(Text(f"  … {plural(len(cs) - top, 'more change')} (--top N, or --json for all)", style="dim"))


def _name(G: nx.MultiDiGraph, n: str) -> str:
    return clean(q.display_name(G.nodes[n], n)) if n in G else clean(n)


def change_text(G: nx.MultiDiGraph, c: validity.Change, mention: str | None) -> Text:
    """One change: who, how, from when, and its evidence cut around the changed document's `mention`."""
    how = ", ".join(x for x in (c.kind, c.scope) if x)
    when = {
        "stated": f"from {c.date}",
        "effective": f"from {c.date} (its effective date)",
        "issued": f"issued {c.date} (effective date unknown)",
        "year": f"in {c.year} (date unknown)",
        "unknown": "date unknown",
    }[c.dated]
    t = Text(f"  ← SUPERSEDES ({how}) " if how else "  ← SUPERSEDES ", style="magenta")
    t.append(_name(G, c.by), style="bold")
    t.append(f" · {when}", style="dim")
    ev = c.evidence or {}
    snip = q.evidence_snippet(ev.get("sentence"), mention)
    if snip:
        t.append("\n    “" + clean(snip) + "”", style="italic")
    t.append(f"  — {clean(ev.get('file') or c.source_file or '?')}", style="dim")
    return t


# ------------------------------------------------------------------------------------ coverage --timeline


def timeline(t: tl.Timeline, d: dict, timeline: bool, missing: bool, limit: int) -> None:
    """`coverage --timeline` (the first document per province, at most `limit` provinces, and the documents
    never counted first) and `--missing` (the provinces with none), from graph.timeline's `t` and `d`."""
    root = Text(clean(q.display_name(t.root_attrs, t.root)), style="bold")
    root.append(f"  {t.root_attrs.get('date') or 'no date'}  [{t.root}]", style="dim")
    out.print(root)
    out.print(
        Text(
            f"provinces as of {t.as_of}: {len(t.units)} in the list ({d['list']['source']})"
            if len(t.units) > 1
            else f"as of {t.as_of}: {', '.join(t.units) or 'no known province'}",
            style="dim",
        )
    )
    if timeline:
        _first_per_province(t, d, limit)
    if missing or timeline:
        miss = Text(f"missing ({len(d['missing'])} of {len(t.units)}): ", style="bold")
        miss.append(", ".join(clean(p) for p in d["missing"]) or "none")
        out.print(miss)


def _first_per_province(t: tl.Timeline, d: dict, limit: int) -> None:
    out.print(
        Text(
            f"{plural(len(d['timeline']), 'province')} carried it out with a dated document; "
            + timeline_stats_text(d["stats"], d["root_date"])
        )
    )
    if d["timeline"]:
        out.print(timeline_table(t, d, limit))
    if d["timeline"] and limit and len(d["timeline"]) > limit:
        out.print(Text(f"--limit {len(d['timeline'])} or --limit 0 for every province", style="dim"))
    for title, key in (
        ("no date (never counted first)", "no_date"),
        ("dated before REF (a wrong date or a wrong match; never counted first)", "before_root"),
    ):
        if d[key]:
            out.print(_apart(title, d[key], limit))
    if d["unplaced"]:
        out.print(
            Text(
                f"{plural(len(d['unplaced']), 'local document')} of a place not in the gazetteer: "
                + ", ".join(sorted({clean(u["jurisdiction"]) for u in d["unplaced"]})),
                style="dim",
            )
        )


def timeline_stats_text(s: dict, root_date: str | None) -> str:
    if not root_date:
        return "REF has no date: the days after it cannot be counted (sorted by date)"
    if s["median"] is None:
        return "no province has a dated document after REF's date"
    return (
        f"days after REF: median {s['median']:g}, quartiles {s['q1']:g}–{s['q3']:g}, "
        f"fastest {s['min']}, slowest {s['max']} ({plural(s['with_days'], 'province')})"
    )


def timeline_table(t: tl.Timeline, d: dict, limit: int) -> Table:
    rows = d["timeline"] if not limit else d["timeline"][:limit]
    table = Table(
        title=f"first document per province ({len(rows)} of {len(d['timeline'])}, by days)", title_justify="left"
    )
    for col, just in (
        ("#", "right"),
        ("province", "left"),
        ("first date", "left"),
        ("days", "right"),
        ("document", "left"),
        ("chain", "left"),
        ("evidence", "left"),
    ):
        table.add_column(col, justify=just, overflow="fold")  # type: ignore[arg-type]
    for i, r in enumerate(rows, 1):
        ev = r["evidence"] or {}
        snip = q.evidence_snippet(clean(ev.get("sentence") or ""), t.root_attrs.get("symbol"), 90)
        evid = Text("“" + snip + "”", style="italic") if snip else Text("(no evidence sentence)", style="dim")
        if ev.get("file"):
            evid.append(f"  — {clean(ev['file'])}", style="dim")
        more = f"\n({r['documents']} documents)" if r["documents"] > 1 else ""
        table.add_row(
            str(i),
            clean(r["province"]) + more,
            r["first_date"],
            str(r["days"]) if r["days"] is not None else "?",
            clean(r["name"]),
            clean(" → ".join(r["chain_names"])),
            evid,
        )
    return table


def _apart(title: str, rows: list[dict], limit: int) -> Text:
    shown = rows[:limit] if limit else rows
    t = Text(f"{title} ({len(rows)}): ", style="bold")
    t.append("; ".join(f"{clean(r['province'])}: {clean(r['name'])}" for r in shown))
    if len(shown) < len(rows):
        t.append(f"; … (+{len(rows) - len(shown)}: --json or --report lists them all)", style="dim")
    return t


def plotted(path: Path, d: dict) -> None:
    """On stderr: the picture `coverage --plot` wrote, its provinces with a date and those missing."""
    err.print(f"wrote {path}: {plural(len(d['timeline']), 'province')} with a date, {len(d['missing'])} missing")

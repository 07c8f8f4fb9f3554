"""`policygraph lineage|show|stats|coverage`: ask the graph questions (plain functions in graph.queries).

Each command opens its source (the embedded store, or Neo4j with --neo4j URI), resolves REF on a few
candidates, fetches the neighbourhood it walks and runs the query function on it. Exit codes: 0 done,
1 REF matches nothing, 2 REF is ambiguous (the candidates are listed) or the graph cannot be read.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Literal

import networkx as nx
import typer
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from ..graph import queries as q
from ..ontology import vocab
from . import cmd_timeline as tlv
from .app import app
from .common import (
    JsonOpt,
    RefArg,
    Source,
    around,
    clean,
    echo_json,
    open_source,
    out,
    parse_direction,
    parse_types,
    plural,
    read_in_full,
    resolve_one,
    with_source,
    write_rows,
)

if TYPE_CHECKING:
    from ..graph.scope import Scope

_TYPE_STYLE = {"IMPLEMENTS": "green", "CITES": "cyan", "SUPERSEDES": "magenta"}
_ALL_RELATIONS = vocab.RELATION_TYPES


def _node_text(attrs: dict[str, Any], node: str, bold: bool = True, hide: tuple[str, ...] = ()) -> Text:
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


def _short_value(v: Any, items: int = 5, total: int | None = None) -> str:
    """An attribute for people: a long list as its first items and how many more (``sources`` of a hub,
    `total` of them when the list is already cut)."""
    total = len(v) if total is None and isinstance(v, list) else total
    if isinstance(v, list) and total is not None and total > items:
        return ", ".join(map(str, v[:items])) + f" … (+{total - items}, {total} in all)"
    return json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else str(v)


def _evidence_text(
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


def _origin_note(edges: list[dict[str, Any]]) -> str:
    """ " [portal]" when a portal's curated list states the relation, " [text+portal]" when both do."""
    origins = sorted({str(e.get("origin") or "text") for e in edges}, key=lambda o: o != "text")
    return f" [{'+'.join(origins)}]" if "portal" in origins else ""


def _hop_text(G: nx.MultiDiGraph, h: q.Hop, parent_attrs: dict[str, Any]) -> Text:
    types = list(dict.fromkeys(str(e["type"]) for e in h.edges)) or [h.edge_type]
    rel = "+".join(types) + (f" ({h.edge_kind})" if h.edge_kind else "") + _origin_note(h.edges)
    t = Text()
    style = _TYPE_STYLE.get(h.edge_type, "")
    if h.direction == "up":
        t.append(f"{rel} → ", style=style)
    else:
        t.append(f"← {rel} ", style=style)
    t.append_text(_node_text({**h.attrs, "issuer": q.issuer_of(G, h.node) if h.node in G else None}, h.node))
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
    t.append_text(_evidence_text(h.evidence, mention, h.source_file, stated))
    return t


def _add_hops(G: nx.MultiDiGraph, branch: Tree, hops: list[q.Hop], parent_attrs: dict[str, Any]) -> None:
    for h in hops:
        sub = branch.add(_hop_text(G, h, parent_attrs))
        _add_hops(G, sub, h.children, h.attrs)


ReportOpt = Annotated[
    Path | None,
    typer.Option(
        "--report",
        metavar="FILE",
        show_default=False,
        help="Also write the answer as a table: FILE.csv (UTF-8 with BOM, opens in Excel) or FILE.xlsx; "
        "'-' writes CSV to standard output instead of the tree.",
    ),
]
SinceOpt = Annotated[
    str | None,
    typer.Option(
        "--since",
        metavar="DATE",
        show_default=False,
        help="Only documents dated on or after DATE (2023, 2023-05, 2023-05-02).",
    ),
]
UntilOpt = Annotated[
    str | None,
    typer.Option("--until", metavar="DATE", show_default=False, help="Only documents dated on or before DATE."),
]
PlaceOpt = Annotated[
    str | None,
    typer.Option(
        "--jurisdiction",
        "-j",
        metavar="PLACE",
        show_default=False,
        help="Only documents of PLACE (a province includes its districts and cities; 'central' for central documents).",
    ),
]


def _scope(since: str | None, until: str | None, place: str | None) -> Scope:
    from ..graph.scope import Scope

    try:
        return Scope(since, until, place)
    except ValueError as e:
        raise typer.BadParameter(str(e), param_hint="--since/--until") from e


@app.command()
@with_source
def lineage(
    ref: RefArg,
    up: Annotated[bool, typer.Option("--up", help="What REF implements, cites, supersedes (default).")] = False,
    down: Annotated[bool, typer.Option("--down", help="What implements, cites, supersedes REF.")] = False,
    both: Annotated[bool, typer.Option("--both", help="Up and down.")] = False,
    depth: Annotated[
        int | None, typer.Option("--depth", min=0, help="At most N hops (default: no limit).", show_default=False)
    ] = None,
    types: Annotated[
        list[str] | None,
        typer.Option(
            "--type",
            "-t",
            help="Relation types to follow, comma-separated or repeated: IMPLEMENTS,CITES,SUPERSEDES "
            "(default: all three).",
            show_default=False,
        ),
    ] = None,
    limit: Annotated[
        int,
        typer.Option(
            "--limit", "-n", min=0, metavar="N", help="Show at most N documents (0: all); the total is still counted."
        ),
    ] = 100,
    since: SinceOpt = None,
    until: UntilOpt = None,
    place: PlaceOpt = None,
    report: ReportOpt = None,
    as_json: JsonOpt = False,
    *,
    source: Source,
) -> None:
    """The lineage of a document: what it carries out (up) or what carries it out (down), transitively,
    each hop with its evidence sentence and file. At most --limit documents are shown, nearest first.

    Examples:

      policygraph lineage 31-NQ/TW --down

      policygraph lineage "Nghị quyết 31" --both --depth 1

      policygraph lineage 46-CTr/TU --type IMPLEMENTS --json

      policygraph lineage "08-NQ/TU@Hải Phòng 2022" --down

      policygraph lineage 000_dd968633c1f9caf8.txt

      policygraph lineage 05-CT/TW --down --report - > lineage.csv

    Exit code 1 when REF matches nothing; 2 when it matches several documents (they are listed: narrow
    REF with @jurisdiction and/or a year) or the graph cannot be read.
    """
    direction = parse_direction(up, down, both, "up")
    rel_types = parse_types(types)
    sides: tuple[Literal["up", "down"], ...] = ("up", "down") if direction == "both" else (direction,)
    cap = limit or None
    with open_source(source) as src:
        node = resolve_one(src, ref, as_json)
        G, total = nx.MultiDiGraph(), 0
        for d in sides:
            H, n = src.walk(node, d, depth, rel_types, cap)
            G, total = nx.compose(G, H), total + n
        G = around(src, node, [], issuers_of=list(G.nodes), base=G)
    tree = q.lineage(G, node, direction, depth, rel_types, cap, total=total)
    scope = _scope(since, until, place)
    if scope:
        from ..graph.scope import prune

        tree = prune(tree, scope)
    if report is not None:
        from ..ontology.report import LINEAGE_COLUMNS, lineage_rows

        write_rows(lineage_rows(q.lineage_to_dict(tree)), LINEAGE_COLUMNS, report, source.store)
        if str(report) == "-":
            return
    if as_json:
        echo_json(q.lineage_to_dict(tree))
        return
    root = Tree(
        _node_text({**tree.attrs, "issuer": q.issuer_of(G, tree.root)}, tree.root)
        + Text(f"  [{tree.root}]", style="dim")
    )
    heads = {"up": "▲ implements / cites / supersedes", "down": "▼ implemented / cited / superseded by"}
    for d in sides:
        hops = [h for h in tree.children if h.direction == d]
        branch = root.add(
            Text(
                heads[d] + f"  ({', '.join(tree.types)}" + (f", depth ≤ {depth}" if depth is not None else "") + ")",
                style="bold blue",
            )
        )
        if not hops:
            branch.add(Text("(nothing)", style="dim"))
        _add_hops(G, branch, hops, tree.attrs)
    out.print(root)
    if tree.total > tree.shown:
        out.print(
            Text(
                f"showing {tree.shown} of {tree.total} documents reached (nearest first); "
                f"--limit {min(tree.total, max(4 * tree.shown, 1000))} for more, --limit 0 for all",
                style="dim",
            )
        )


@app.command()
@with_source
def show(
    ref: RefArg,
    limit: Annotated[
        int,
        typer.Option(
            "--limit", "-n", min=0, metavar="N", help="Show at most N edges each way (0: all); every edge is counted."
        ),
    ] = 20,
    as_json: JsonOpt = False,
    *,
    source: Source,
) -> None:
    """One node: its attributes and every edge in and out, with evidence.

    Examples:

      policygraph show 31-NQ/TW

      policygraph show "Kết luận 21" --json

      policygraph show 004_4f6655e48d839bfa.txt

    Exit code 1 when REF matches nothing; 2 when it is ambiguous or the graph cannot be read.
    """
    with open_source(source) as src:
        node = resolve_one(src, ref, as_json)
        H, counts = src.around_node(node, limit or None)
        G = around(src, node, [("up", 1, ["ISSUED_BY"])], issuers=False, base=H)
    s = q.show(G, node, limit or None, counts)
    if as_json:
        echo_json(s)
        return
    out.print(_node_text({**s["attrs"], "issuer": s["issuer"]}, s["id"]) + Text(f"  [{s['id']}]", style="dim"))
    out.print(_attrs_table(s))
    for title, arrow in (("out", "→"), ("in", "←")):
        if s[title]:
            out.print(_edges_table(s, title, arrow, G))


def _attrs_table(s: dict[str, Any]) -> Table:
    """show's table of a node's attributes (a hub's files cut to the first, with their number)."""
    at = Table(show_header=False, box=None, pad_edge=False)
    at.add_column(style="bold")
    at.add_column(overflow="fold")
    for k, v in s["attrs"].items():
        if v is None or v == [] or v == {} or k == "n_sources":
            continue
        at.add_row(k, clean(_short_value(v, total=s["attrs"].get("n_sources") if k == "sources" else None)))
    if s["issuer"] and not s["attrs"].get("issuer"):
        at.add_row("issuer (ISSUED_BY)", clean(s["issuer"]))
    return at


def _edges_table(s: dict[str, Any], title: str, arrow: str, G: nx.MultiDiGraph) -> Table:
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
        rel = f"{arrow} {e['type']}" + (f" ({e['kind']})" if e.get("kind") else "") + _origin_note([e])
        other = Text(clean(e["other_name"]), style="bold")
        extra = " · ".join(
            str(x) for x in (e.get("other_label"), e.get("other_date"), e.get("other_jurisdiction")) if x
        )
        if extra:
            other.append("\n" + clean(extra), style="dim")
        t.add_row(Text(rel, style=_TYPE_STYLE.get(str(e["type"]), "")), other, _edge_evidence(e, G))
    return t


def _edge_evidence(e: dict[str, Any], G: nx.MultiDiGraph) -> Text:
    """An edge's evidence as show prints it (a document relation's sentence; else its file)."""
    if e["type"] not in q.DOC_RELATIONS and not e.get("evidence"):
        return Text(e.get("source_file") or "", style="dim")
    target_attrs = G.nodes[e["target"]]
    mention = target_attrs.get("symbol") or target_attrs.get("number")
    return _evidence_text(e.get("evidence"), mention, e.get("source_file"), e.get("stated_by"))


def _counts(data: dict[str, int], sub: dict[str, dict[str, int]] | None = None) -> str:
    def one(k: str, v: int) -> str:
        kinds = (sub or {}).get(k)
        return f"{k} {v}" + (" (" + ", ".join(f"{kk} {vv}" for kk, vv in kinds.items()) + ")" if kinds else "")

    return ", ".join(one(k, v) for k, v in data.items()) or "none"


def _loose_table(title: str, block: dict[str, Any], missing: bool = True) -> Table | None:
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


@app.command()
@with_source
def stats(
    list_files: Annotated[bool, typer.Option("--files", help="List the files loaded, one per line, and stop.")] = False,
    top: Annotated[
        int,
        typer.Option("--top", min=0, metavar="N", help="Show at most N items of each list (most cited, loose ends)."),
    ] = 5,
    as_json: JsonOpt = False,
    *,
    source: Source,
) -> None:
    """What the graph holds, in a screenful: counts by kind, label and relation, the most cited documents,
    and the loose ends (unresolved references, documents with no identity, attribute conflicts between
    files), each list cut to --top items with its full count.

    Examples:

      policygraph stats

      policygraph stats --files

      policygraph stats --json --top 100 | jq '.unresolved.top[].id'

      policygraph stats --neo4j bolt://127.0.0.1:7687 --user neo4j
    """
    with open_source(source) as src:
        if list_files:
            names = src.files()
            if as_json:
                echo_json(names)
            else:
                for name in names:
                    out.print(clean(name))
            return
        s = src.stats(top)
    if as_json:
        echo_json(s)
        return
    docs = s["by_kind"].get("Document", 0)
    out.print(
        Text(
            f"{plural(s['files'], 'file')}, {plural(s['nodes'], 'node')} ({_counts(s['by_kind'])}), "
            f"{plural(s['edges'], 'edge')}",
            style="bold",
        )
    )
    out.print(Text("documents by type: ", style="bold") + Text(_counts(s["by_label"]) if docs else "none"))
    out.print(Text("edges by relation: ", style="bold") + Text(_counts(s["by_relation"], s["by_relation_kind"])))
    if s.get("by_origin", {}).get("portal"):
        agree = s["origin_agreement"]
        out.print(
            Text("document relations by origin: ", style="bold")
            + Text(
                f"{_counts(s['by_origin'])}; pairs a portal and a text both relate: {agree['pairs']}, "
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
        t = _loose_table(title, s[key], missing)
        if t is not None:
            out.print(t)
    out.print(
        Text("(the files: policygraph stats --files; every loose end: policygraph stats --json --top N)", style="dim")
    )


def _province_table(rep: q.CoverageReport) -> Table:
    t = Table(title="by province (districts and cities rolled up)", title_justify="left")
    for col, just in (("province", "left"), ("documents", "right"), ("directly", "right"), ("of which", "left")):
        t.add_column(col, justify=just, overflow="fold")  # type: ignore[arg-type]
    for prov, nodes in rep.by_province.items():
        es = [rep.entry(n) for n in nodes]
        sub = sorted({e.jurisdiction for e in es} - {prov})
        parts = ", ".join(f"{clean(j)} {sum(1 for e in es if e.jurisdiction == j)}" for j in sub)
        t.add_row(clean(prov), str(len(es)), str(sum(1 for e in es if e.distance == 1)), parts)
    return t


def _entries_table(G: nx.MultiDiGraph, rep: q.CoverageReport, limit: int) -> Table:
    shown = rep.entries if not limit else rep.entries[:limit]
    t = Table(title=f"documents ({len(shown)} of {len(rep.entries)})", title_justify="left")
    for col in ("document", "jurisdiction", "issuer", "chain", "evidence"):
        t.add_column(col, overflow="fold")
    for e in shown:
        doc = _node_text(e.attrs, e.node, hide=("issuer", "jurisdiction"))
        chain = " → ".join(clean(q.display_name(G.nodes[c], c)) for c in e.chain)
        first = e.edges[0] if e.edges else {}
        tgt = G.nodes[first["target"]] if first else {}
        mention = tgt.get("symbol") or tgt.get("number")
        t.add_row(
            doc,
            clean(e.jurisdiction),
            clean(e.issuer),
            chain,
            _evidence_text(first.get("evidence"), mention, first.get("source_file"), first.get("stated_by")),
        )
    return t


@app.command()
@with_source
def coverage(
    ref: RefArg,
    via_cites: Annotated[
        bool, typer.Option("--via-cites", help="Also follow CITES edges, not only IMPLEMENTS.")
    ] = False,
    since: SinceOpt = None,
    until: UntilOpt = None,
    place: PlaceOpt = None,
    limit: Annotated[
        int,
        typer.Option(
            "--limit", "-n", min=0, metavar="N", help="List at most N documents (0: all); the counts cover every one."
        ),
    ] = 50,
    report: ReportOpt = None,
    timeline: tlv.TimelineOpt = False,
    missing: tlv.MissingOpt = False,
    as_of: tlv.AsOfOpt = None,
    plot: tlv.PlotOpt = None,
    as_json: JsonOpt = False,
    *,
    source: Source,
) -> None:
    """How far a central document is carried out: every document implementing it directly or through a
    chain of IMPLEMENTS, counted by province (districts rolled up), jurisdiction and issuing body, each
    with its shortest chain and the sentence that states its first step.

    Examples:

      policygraph coverage 31-NQ/TW

      policygraph coverage 98/2023/QH15 --json

      policygraph coverage 57-NQ/TW --jurisdiction "Đồng Nai" --since 2025

      policygraph coverage "Nghị quyết 27" --via-cites --limit 0

      policygraph coverage 31-NQ/TW --report coverage-31.xlsx

      policygraph coverage 57-NQ/TW --timeline --plot timeline-57.svg

      policygraph coverage 57-NQ/TW --missing --as-of 2025-06-30 --json

    Exit code 1 when REF matches nothing; 2 when it is ambiguous or the graph cannot be read.
    """
    follow = ("IMPLEMENTS", "CITES") if via_cites else ("IMPLEMENTS",)
    scope = _scope(since, until, place)
    brief = not as_json and report is None and limit > 0  # the text shows `limit` documents, counts the others
    when = tlv.TimelineArgs(timeline, missing, as_of, plot, place, limit, as_json, report, source.store)
    if when:
        tlv.check(when)
        brief = True  # a timeline reads in full only its first document per province
    with open_source(source) as src:
        node = resolve_one(src, ref, as_json)
        G = around(src, node, [("down", None, follow)], unnamed_only=True, brief=brief)
        rep = q.coverage(G, node, follow, scope.matches if scope else None)
        if when:
            return tlv.answer(src, G, rep, follow, when, brief)
        if brief:
            shown = rep.entries[:limit]
            read_in_full(src, G, [e.node for e in shown], follow)
            rep = q.read_again(rep, G, len(shown))
    if report is not None:
        from ..ontology.report import COVERAGE_COLUMNS, coverage_rows

        write_rows(coverage_rows(q.coverage_to_dict(rep)), COVERAGE_COLUMNS, report, source.store)
        if str(report) == "-":
            return
    if as_json:
        echo_json(q.coverage_to_dict(rep))
        return
    direct = sum(1 for e in rep.entries if e.distance == 1)
    verb = "implement or cite" if via_cites else "implement"
    out.print(
        _node_text({**rep.attrs, "issuer": q.issuer_of(G, rep.root)}, rep.root) + Text(f"  [{rep.root}]", style="dim")
    )
    verb = verb + ("s" if len(rep.entries) == 1 else "")
    out.print(
        Text(
            f"{plural(len(rep.entries), 'document')} {verb} it ({direct} directly) in "
            f"{plural(len(rep.by_province), 'province')} ({plural(len(rep.by_jurisdiction), 'jurisdiction')}), "
            f"from {plural(len(rep.by_issuer), 'issuing body')}" + (f" — {_scope_text(scope)}" if scope else "")
        )
    )
    if not rep.entries:
        return
    out.print(_province_table(rep))
    out.print(_entries_table(G, rep, limit))
    t = Table(title="by issuing body", title_justify="left")
    t.add_column("issuer", overflow="fold")
    t.add_column("count", justify="right")
    for iss, nodes in sorted(rep.by_issuer.items(), key=lambda kv: (-len(kv[1]), kv[0]))[:10]:
        t.add_row(clean(iss), str(len(nodes)))
    out.print(t)


def _scope_text(scope: Scope) -> str:
    bits = [
        f"since {scope.since}" if scope.since else "",
        f"until {scope.until}" if scope.until else "",
        f"in {scope.jurisdiction}" if scope.jurisdiction else "",
    ]
    return " ".join(b for b in bits if b)

"""`policygraph lineage|show|stats|coverage`: ask the graph questions (plain functions in graph.queries).

The graph comes from the embedded store (--store, $POLICYGRAPH_STORE, ./policygraph.store.json) or, with
--neo4j URI, from Neo4j; both go through `load_graph`. Exit codes: 0 done, 1 REF matches nothing,
2 REF is ambiguous (the candidates are listed) or the graph cannot be read.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Annotated, Any, NoReturn

import networkx as nx
import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

from ..graph import queries as q
from .app import app

err = Console(stderr=True)
out = Console()

StoreOpt = Annotated[str | None, typer.Option("--store", help="Store file (default $POLICYGRAPH_STORE or "
                                                 "./policygraph.store.json).", show_default=False)]
# No envvar here on purpose: with NEO4J_URI set for `push`/`cypher`, a query must not silently leave the
# store it was pointed at; pass --neo4j "$NEO4J_URI" to ask Neo4j.
Neo4jOpt = Annotated[str | None, typer.Option("--neo4j", show_default=False,
                                              help="Read the graph from Neo4j at this URI instead of the store "
                                                   "(bolt://, neo4j://, neo4j+s://); e.g. --neo4j \"$NEO4J_URI\".")]
UserOpt = Annotated[str | None, typer.Option("--user", envvar="NEO4J_USER", help="Neo4j user.")]
PasswordOpt = Annotated[str | None, typer.Option("--password", envvar="NEO4J_PASSWORD", help="Neo4j password.")]
DatabaseOpt = Annotated[str | None, typer.Option("--database", envvar="NEO4J_DATABASE",
                                                 help="Neo4j database (default: the server's).")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON (for scripts) instead of tables.")]
RefArg = Annotated[str, typer.Argument(
    help="A symbol (31-NQ/TW, 08-NQ/TU@Hải Phòng 2022), a type and number (\"Nghị quyết 31\", \"KL 21\"), "
         "a file name (000_dd968633c1f9caf8.txt) or a node id.", show_default=False)]

_TYPE_STYLE = {"IMPLEMENTS": "green", "CITES": "cyan", "SUPERSEDES": "magenta"}


def _fail(message: str, code: int) -> NoReturn:
    err.print(Text("error: ", style="red") + Text(message), highlight=False, soft_wrap=True)
    raise typer.Exit(code)


def _n(count: int, noun: str) -> str:
    if count == 1:
        return f"1 {noun}"
    return f"{count} " + (noun[:-1] + "ies" if noun.endswith("y") else noun + "s")


def _echo_json(obj: Any) -> None:
    typer.echo(json.dumps(obj, ensure_ascii=False, indent=2, default=str))


def _connect(neo4j: str, user: str | None, password: str | None, database: str | None) -> Any:
    """A Neo4j driver, or one error line and exit code 2 (unreachable, bad URI, refused credentials)."""
    from ..graph import neo4j_store  # lazy: the driver is only needed with --neo4j

    try:
        return neo4j_store.connect(neo4j, user, password, database)
    except Exception as e:  # Neo4jUnavailable, bad URI, auth
        _fail(" ".join(str(e).split()) or f"cannot reach Neo4j at {neo4j}", 2)


def load_graph(store: str | None = None, neo4j: str | None = None, user: str | None = None,
               password: str | None = None, database: str | None = None) -> nx.MultiDiGraph:
    """The graph every command reads: from Neo4j when `neo4j` (a URI) is given, else from the store.

    Any failure is one error line on stderr and exit code 2.
    """
    if neo4j:
        from ..graph import neo4j_store  # lazy: the driver is only needed here

        drv = _connect(neo4j, user, password, database)
        try:
            return neo4j_store.fetch_graph(drv)
        except Exception as e:
            _fail(f"reading the graph from Neo4j at {neo4j}: {' '.join(str(e).split())}", 2)
        finally:
            drv.close()
    from ..graph.store import StoreError, open_store, store_path

    path = store_path(store)
    if not path.exists():
        _fail(f"{path}: no store here (run `policygraph load PATH` first, or give --store / --neo4j)", 2)
    try:
        return open_store(path).graph
    except StoreError as e:
        _fail(str(e), 2)


_ALL_RELATIONS = ("CITES", "IMPLEMENTS", "SUPERSEDES", "ISSUED_BY", "PART_OF", "MENTIONS")


def graph_around(ref: str, as_json: bool, store: str | None, neo4j: str | None, user: str | None,
                 password: str | None, database: str | None, walks: Sequence[tuple[str, int | None, tuple[str, ...]]],
                 ) -> tuple[nx.MultiDiGraph, str]:
    """The node REF names and a graph around it that answers the command.

    Embedded store: the whole graph. Neo4j: only what the command walks, fetched breadth first
    (`walks` = (direction, depth, relation types) from the node), plus the walked nodes' ISSUED_BY
    edges; REF is resolved on a small candidate set first, so a large database is never read whole.
    """
    if not neo4j:
        G = load_graph(store, None)
        return G, resolve_one(G, ref, as_json)
    from ..graph import neo4j_store

    drv = _connect(neo4j, user, password, database)
    try:
        cands = neo4j_store.fetch_candidates(drv, ref)
        if not q.resolve_ref(cands, ref):
            cands = neo4j_store.fetch_nodes(drv)
        node = resolve_one(cands, ref, as_json)
        H = nx.MultiDiGraph()
        for direction, depth, types in walks:
            sub = neo4j_store.fetch_neighbourhood(drv, [node], direction, depth, types)  # type: ignore[arg-type]
            H = nx.compose(H, sub)
        issuers = neo4j_store.fetch_neighbourhood(drv, list(H.nodes), "out", 1, ["ISSUED_BY"])
        return nx.compose(H, issuers), node
    except typer.Exit:
        raise
    except Exception as e:
        _fail(f"reading from Neo4j at {neo4j}: {' '.join(str(e).split())}", 2)
    finally:
        drv.close()


def _candidate_row(G: nx.MultiDiGraph, n: str) -> dict[str, Any]:
    d = G.nodes[n]
    return {"id": n, "symbol": d.get("symbol"), "name": q.display_name(d, n), "label": d.get("label"),
            "date": d.get("date"), "jurisdiction": d.get("jurisdiction"), "issuer": q.issuer_of(G, n),
            "source_file": d.get("source_file"), "ref": q.suggest_ref(G, n)}


def resolve_one(G: nx.MultiDiGraph, ref: str, as_json: bool = False) -> str:
    """The one node REF names; exit 1 when none, exit 2 (listing the candidates) when several."""
    found = q.resolve_ref(G, ref)
    if not found:
        _fail(f"nothing matches {ref!r} (try a symbol such as 31-NQ/TW, \"Nghị quyết 31\", a file name, "
              "or `policygraph stats` to see what is loaded)", 1)
    if len(found) == 1:
        return found[0]
    rows = [_candidate_row(G, n) for n in found]
    if as_json:
        _echo_json({"error": "ambiguous", "ref": ref, "candidates": rows})
    else:
        t = Table(title=f"{ref!r} matches {len(found)} nodes", title_justify="left", show_lines=False)
        for col in ("narrower ref", "label", "date", "jurisdiction", "issuer", "id"):
            t.add_column(col, overflow="fold")
        for r in rows:
            t.add_row(r["ref"], r["label"] or "", r["date"] or "", r["jurisdiction"] or "central",
                      r["issuer"] or "", r["id"])
        err.print(t)
    example = rows[0]["ref"] if rows[0]["ref"] != rows[0]["id"] else "08-NQ/TU@Hải Phòng 2022"
    err.print(Text(f"ambiguous: give a narrower ref (jurisdiction and/or year), e.g. {example!r}", style="yellow"),
              soft_wrap=True)
    raise typer.Exit(2)


def _node_text(attrs: dict[str, Any], node: str, bold: bool = True) -> Text:
    t = Text(q.display_name(attrs, node), style="bold" if bold else "")
    bits = [attrs.get("label"), attrs.get("date") or (str(attrs["year"]) if attrs.get("year") else None),
            attrs.get("issuer"), attrs.get("jurisdiction")]
    extra = " · ".join(str(b) for b in bits if b)
    if extra:
        t.append("  " + extra, style="dim" if not bold else "")
    return t


def _evidence_text(ev: dict[str, Any] | None, mention: str | None, file: str | None) -> Text:
    if not ev:
        return Text(f"(no evidence sentence; {file})" if file else "(no evidence)", style="dim")
    snip = q.evidence_snippet(ev.get("sentence"), mention)
    t = Text("“" + snip + "”", style="italic")
    t.append(f"  — {ev.get('file') or file or '?'}", style="dim")
    return t


def _hop_text(G: nx.MultiDiGraph, h: q.Hop, parent_attrs: dict[str, Any]) -> Text:
    types = list(dict.fromkeys(str(e["type"]) for e in h.edges)) or [h.edge_type]
    rel = "+".join(types) + (f" ({h.edge_kind})" if h.edge_kind else "")
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
    t.append_text(_evidence_text(h.evidence, mention, h.source_file))
    return t


def _add_hops(G: nx.MultiDiGraph, branch: Tree, hops: list[q.Hop], parent_attrs: dict[str, Any]) -> None:
    for h in hops:
        sub = branch.add(_hop_text(G, h, parent_attrs))
        _add_hops(G, sub, h.children, h.attrs)


def _parse_types(values: list[str] | None) -> tuple[str, ...]:
    if not values:
        return ("IMPLEMENTS", "CITES", "SUPERSEDES")
    types: list[str] = []
    for v in values:
        for part in v.split(","):
            p = part.strip().upper()
            if not p:
                continue
            if p not in q.DOC_RELATIONS:
                raise typer.BadParameter(f"{part.strip()!r}: choose among {', '.join(q.DOC_RELATIONS)}",
                                         param_hint="--type")
            types.append(p)
    return tuple(dict.fromkeys(types))


@app.command()
def lineage(
    ref: RefArg,
    up: Annotated[bool, typer.Option("--up", help="What REF implements, cites, supersedes (default).")] = False,
    down: Annotated[bool, typer.Option("--down", help="What implements, cites, supersedes REF.")] = False,
    both: Annotated[bool, typer.Option("--both", help="Up and down.")] = False,
    depth: Annotated[int | None, typer.Option("--depth", min=0, help="At most N hops (default: no limit).",
                                              show_default=False)] = None,
    types: Annotated[list[str] | None, typer.Option(
        "--type", "-t", help="Relation types to follow, comma-separated or repeated: IMPLEMENTS,CITES,SUPERSEDES "
                             "(default: all three).", show_default=False)] = None,
    as_json: JsonOpt = False,
    store: StoreOpt = None,
    neo4j: Neo4jOpt = None,
    user: UserOpt = None,
    password: PasswordOpt = None,
    database: DatabaseOpt = None,
) -> None:
    """The lineage of a document: what it carries out (up) or what carries it out (down), transitively,
    each hop with its evidence sentence and file.

    Examples:

      policygraph lineage 31-NQ/TW --down

      policygraph lineage "Nghị quyết 31" --both --depth 1

      policygraph lineage 46-CTr/TU --type IMPLEMENTS --json

      policygraph lineage "08-NQ/TU@Hải Phòng 2022" --down

      policygraph lineage 000_dd968633c1f9caf8.txt

    Exit code 1 when REF matches nothing; 2 when it matches several documents (they are listed: narrow
    REF with @jurisdiction and/or a year) or the graph cannot be read.
    """
    if up + down + both > 1:
        raise typer.BadParameter("give one of --up, --down, --both", param_hint="--up/--down/--both")
    direction: q.Direction = "down" if down else "both" if both else "up"
    rel_types = _parse_types(types)
    sides: tuple[q.Direction, ...] = ("up", "down") if direction == "both" else (direction,)
    walks = [(d, depth, rel_types) for d in sides]
    G, node = graph_around(ref, as_json, store, neo4j, user, password, database, walks)
    tree = q.lineage(G, node, direction, depth, rel_types)
    if as_json:
        _echo_json(q.lineage_to_dict(tree))
        return
    root = Tree(_node_text({**tree.attrs, "issuer": q.issuer_of(G, tree.root)}, tree.root) + Text(f"  [{tree.root}]", style="dim"))
    heads = {"up": "▲ implements / cites / supersedes", "down": "▼ implemented / cited / superseded by"}
    for d in sides:
        hops = [h for h in tree.children if h.direction == d]
        branch = root.add(Text(heads[d] + f"  ({', '.join(tree.types)}"
                               + (f", depth ≤ {depth}" if depth is not None else "") + ")", style="bold blue"))
        if not hops:
            branch.add(Text("(nothing)", style="dim"))
        _add_hops(G, branch, hops, tree.attrs)
    out.print(root)


@app.command()
def show(
    ref: RefArg,
    as_json: JsonOpt = False,
    store: StoreOpt = None,
    neo4j: Neo4jOpt = None,
    user: UserOpt = None,
    password: PasswordOpt = None,
    database: DatabaseOpt = None,
) -> None:
    """One node: its attributes and every edge in and out, with evidence.

    Examples:

      policygraph show 31-NQ/TW

      policygraph show "Kết luận 21" --json

      policygraph show 004_4f6655e48d839bfa.txt

    Exit code 1 when REF matches nothing; 2 when it is ambiguous or the graph cannot be read.
    """
    G, node = graph_around(ref, as_json, store, neo4j, user, password, database,
                           [("up", 1, _ALL_RELATIONS), ("down", 1, _ALL_RELATIONS)])
    s = q.show(G, node)
    if as_json:
        _echo_json(s)
        return
    out.print(_node_text({**s["attrs"], "issuer": s["issuer"]}, s["id"]) + Text(f"  [{s['id']}]", style="dim"))
    at = Table(show_header=False, box=None, pad_edge=False)
    at.add_column(style="bold")
    at.add_column(overflow="fold")
    for k, v in s["attrs"].items():
        if v is None or v == [] or v == {}:
            continue
        at.add_row(k, json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else str(v))
    if s["issuer"] and not s["attrs"].get("issuer"):
        at.add_row("issuer (ISSUED_BY)", s["issuer"])
    out.print(at)
    for title, edges, arrow in (("out", s["out"], "→"), ("in", s["in"], "←")):
        if not edges:
            continue
        t = Table(title=f"{title} ({len(edges)})", title_justify="left", expand=False)
        t.add_column("relation")
        t.add_column("node", overflow="fold")
        t.add_column("evidence", overflow="fold")
        for e in edges:
            rel = f"{arrow} {e['type']}" + (f" ({e['kind']})" if e.get("kind") else "")
            other = Text(e["other_name"], style="bold")
            extra = " · ".join(str(x) for x in (e.get("other_label"), e.get("other_date"),
                                                 e.get("other_jurisdiction")) if x)
            if extra:
                other.append("\n" + extra, style="dim")
            target_attrs = G.nodes[e["target"]]
            mention = target_attrs.get("symbol") or target_attrs.get("number")
            ev = (_evidence_text(e.get("evidence"), mention, e.get("source_file"))
                  if e["type"] in q.DOC_RELATIONS or e.get("evidence") else Text(e.get("source_file") or "",
                                                                                style="dim"))
            t.add_row(Text(rel, style=_TYPE_STYLE.get(str(e["type"]), "")), other, ev)
        out.print(t)


@app.command()
def stats(
    as_json: JsonOpt = False,
    store: StoreOpt = None,
    neo4j: Neo4jOpt = None,
    user: UserOpt = None,
    password: PasswordOpt = None,
    database: DatabaseOpt = None,
) -> None:
    """What the graph holds: nodes by kind and label, relations by type and kind, files loaded, and the
    loose ends (unresolved references, documents with no identity, attribute conflicts between files).

    Examples:

      policygraph stats

      policygraph stats --json | jq .unresolved

      policygraph stats --neo4j bolt://127.0.0.1:7687 --user neo4j
    """
    G = load_graph(store, neo4j, user, password, database)
    s = q.stats(G)
    if as_json:
        _echo_json(s)
        return
    out.print(Text(f"{s['nodes']} nodes, {s['edges']} edges, {len(s['files'])} files", style="bold"))

    def counts(title: str, data: dict[str, Any], sub: dict[str, dict[str, int]] | None = None) -> None:
        t = Table(title=title, title_justify="left")
        t.add_column(title.split()[-1])
        t.add_column("count", justify="right")
        for k, v in data.items():
            kinds = (sub or {}).get(k)
            label = k + (" (" + ", ".join(f"{kk} {vv}" for kk, vv in kinds.items()) + ")" if kinds else "")
            t.add_row(label, str(v))
        out.print(t)

    counts("nodes by kind", s["by_kind"])
    counts("documents by label", s["by_label"])
    counts("edges by relation", s["by_relation"], s["by_relation_kind"])
    if s["unresolved"]:
        t = Table(title=f"unresolved references ({len(s['unresolved'])})", title_justify="left")
        for c in ("node", "missing", "files"):
            t.add_column(c, overflow="fold")
        for u in s["unresolved"]:
            t.add_row(u["name"] if u["name"] == u["id"] else f"{u['name']} [{u['id']}]", ", ".join(u["missing"]),
                      ", ".join(u["sources"]))
        out.print(t)
    if s["no_identity"]:
        out.print(Text(f"documents with no symbol and no title ({len(s['no_identity'])}): ", style="bold")
                  + Text(", ".join(s["no_identity"])), soft_wrap=True)
    if s["conflicts"]:
        t = Table(title=f"attribute conflicts ({len(s['conflicts'])})", title_justify="left")
        t.add_column("node", overflow="fold")
        t.add_column("attribute: value (file)", overflow="fold")
        for n, c in s["conflicts"].items():
            t.add_row(n, "\n".join(f"{a}: " + "; ".join(f"{v.get('value')} ({v.get('file')})" for v in vals)
                                   for a, vals in c.items()))
        out.print(t)
    out.print(Text("files: ", style="bold") + Text(", ".join(s["files"]) or "(none)"), soft_wrap=True)


@app.command()
def coverage(
    ref: RefArg,
    via_cites: Annotated[bool, typer.Option("--via-cites", help="Also follow CITES edges, not only IMPLEMENTS.")
                         ] = False,
    as_json: JsonOpt = False,
    store: StoreOpt = None,
    neo4j: Neo4jOpt = None,
    user: UserOpt = None,
    password: PasswordOpt = None,
    database: DatabaseOpt = None,
) -> None:
    """How far a central document is carried out: every document implementing it directly or through a
    chain of IMPLEMENTS, grouped by jurisdiction and by issuing body, each with its shortest chain.

    Examples:

      policygraph coverage 31-NQ/TW

      policygraph coverage 98/2023/QH15 --json

      policygraph coverage "Nghị quyết 27" --via-cites

    Exit code 1 when REF matches nothing; 2 when it is ambiguous or the graph cannot be read.
    """
    follow = ("IMPLEMENTS", "CITES") if via_cites else ("IMPLEMENTS",)
    G, node = graph_around(ref, as_json, store, neo4j, user, password, database, [("down", None, follow)])
    rep = q.coverage(G, node, follow)
    if as_json:
        _echo_json(q.coverage_to_dict(rep))
        return
    direct = sum(1 for e in rep.entries if e.distance == 1)
    verb = "implement or cite" if via_cites else "implement"
    out.print(_node_text({**rep.attrs, "issuer": q.issuer_of(G, rep.root)}, rep.root) + Text(f"  [{rep.root}]", style="dim"))
    out.print(Text(f"{_n(len(rep.entries), 'document')} {verb} it ({direct} directly) in "
                   f"{_n(len(rep.by_jurisdiction), 'jurisdiction')}, from {_n(len(rep.by_issuer), 'issuing body')}"))
    for jur, nodes in rep.by_jurisdiction.items():
        t = Table(title=f"{jur} ({len(nodes)})", title_justify="left")
        t.add_column("document", overflow="fold")
        t.add_column("issuer", overflow="fold")
        t.add_column("chain", overflow="fold")
        t.add_column("evidence", overflow="fold")
        for n in nodes:
            e = rep.entry(n)
            doc = _node_text({**e.attrs, "issuer": None, "jurisdiction": None}, n)
            chain = " → ".join(q.display_name(G.nodes[c], c) for c in e.chain)
            first = e.edges[0] if e.edges else {}
            tgt = G.nodes[first["target"]] if first else {}
            mention = tgt.get("symbol") or tgt.get("number")
            t.add_row(doc, e.issuer, chain, _evidence_text(first.get("evidence"), mention, first.get("source_file")))
        out.print(t)
    if rep.by_issuer:
        t = Table(title="by issuing body", title_justify="left")
        t.add_column("issuer", overflow="fold")
        t.add_column("count", justify="right")
        t.add_column("documents", overflow="fold")
        for iss, nodes in rep.by_issuer.items():
            t.add_row(iss, str(len(nodes)), ", ".join(q.display_name(G.nodes[n], n) for n in nodes))
        out.print(t)

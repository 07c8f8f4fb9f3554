"""An interactive HTML view of the graph (pyvis / vis-network), readable offline.

>>> import networkx as nx, tempfile, pathlib
>>> G = nx.MultiDiGraph()
>>> G.add_node("31-NQ/TW", kind="Document", label="Resolution", symbol="31-NQ/TW")
>>> out = render_html(G, pathlib.Path(tempfile.mkdtemp()) / "graph.html")
>>> "31-NQ/TW" in out.read_text(encoding="utf-8")
True

The page carries vis-network inline (no CDN), colours nodes by label and edges by type, shows a
tooltip per node (symbol, date, issuer, jurisdiction) and per edge (type, kind, evidence sentence),
and has a legend. ``focus`` keeps only the neighbourhood of one node.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import Any

import networkx as nx

from ..ontology import vocab

#: node colour per label (Party-style documents warm, State legal documents cool)
LABEL_COLOURS: dict[str, str] = {
    "Document": "#9e9e9e",
    "Resolution": "#d62728",
    "Conclusion": "#ff7f0e",
    "Directive": "#e377c2",
    "Decision": "#8c564b",
    "Regulation": "#bcbd22",
    "Rules": "#c49c94",
    "Guidance": "#f7b6d2",
    "Programme": "#2ca02c",
    "Plan": "#98df8a",
    "Notice": "#dbdb8d",
    "Report": "#c7c7c7",
    "Submission": "#aec7e8",
    "Scheme": "#ffbb78",
    "OfficialLetter": "#9467bd",
    "Law": "#1f77b4",
    "Code": "#17becf",
    "Constitution": "#393b79",
    "Ordinance": "#5254a3",
    "Decree": "#6b6ecf",
    "Circular": "#9c9ede",
    "JointCircular": "#637939",
    "Body": "#7f7f7f",
    "Project": "#e7ba52",
}
#: edge colour per relation type
TYPE_COLOURS: dict[str, str] = {
    "CITES": "#b0b0b0",
    "IMPLEMENTS": "#2ca02c",
    "SUPERSEDES": "#d62728",
    "ISSUED_BY": "#1f77b4",
    "PART_OF": "#9467bd",
    "MENTIONS": "#e7ba52",
}
_SHAPES = {"Document": "dot", "Body": "box", "Project": "diamond"}
_OTHER_COLOUR = "#444444"

# tooltips as plain text with line breaks; wrap long evidence sentences
_EXTRA_CSS = """
<style>
  div.vis-tooltip { white-space: pre-line !important; max-width: 520px; font-family: sans-serif; }
  #pg-legend { position: absolute; top: 8px; left: 8px; z-index: 10; background: rgba(255,255,255,.9);
               border: 1px solid #ccc; padding: 6px 10px; font: 12px sans-serif; max-width: 260px; }
  #pg-legend span.sw { display: inline-block; width: 10px; height: 10px; margin-right: 4px; }
  body { position: relative; }
</style>
"""
_CDN_TAG = re.compile(
    r"<(link|script)\b[^>]*\b(href|src)=\"https?://[^\"]*\"[^>]*>\s*(</script>)?",
    re.IGNORECASE | re.DOTALL,
)


def neighbourhood(G: nx.MultiDiGraph, focus: Any, depth: int = 2) -> nx.MultiDiGraph:
    """The subgraph of nodes within ``depth`` hops of focus, following edges either way."""
    if focus not in G:
        raise KeyError(f"no node {focus!r} in the graph")
    nodes = nx.single_source_shortest_path_length(G.to_undirected(as_view=True), focus, cutoff=depth)
    return G.subgraph(nodes).copy()


def node_caption(node_id: Any, data: dict[str, Any]) -> str:
    """The text drawn on a node: symbol (with jurisdiction for local documents) or name."""
    text = data.get("symbol") or data.get("name") or str(node_id)
    if data.get("symbol") and data.get("jurisdiction"):
        text = f"{text}\n{data['jurisdiction']}"
    return str(text)


def node_tooltip(node_id: Any, data: dict[str, Any]) -> str:
    """The tooltip of a node: type, symbol, date, issuer, jurisdiction, title, id."""
    label = data.get("label") or data.get("kind") or "?"
    lines = [f"{vocab.LABEL_EN.get(label, label)} ({vocab.LABEL_VI.get(label, '')})".replace(" ()", "")]
    for key, name in (
        ("symbol", "Symbol"),
        ("name", "Name"),
        ("date", "Date"),
        ("issuer", "Issuer"),
        ("jurisdiction", "Jurisdiction"),
        ("term", "Term"),
        ("title", "Title"),
        ("source_file", "File"),
    ):
        if data.get(key):
            lines.append(f"{name}: {data[key]}")
    if data.get("resolved") is False:
        missing = ", ".join(data.get("missing") or [])
        lines.append("Unresolved reference" + (f" (missing {missing})" if missing else ""))
    lines.append(f"id: {node_id}")
    return "\n".join(lines)


def edge_tooltip(data: dict[str, Any]) -> str:
    """The tooltip of an edge: type (kind), file and the evidence sentence."""
    head = str(data.get("type") or "?")
    if data.get("kind"):
        head += f" ({data['kind']})"
    lines = [head]
    raw = data.get("evidence")
    evidence: dict[str, Any] = raw if isinstance(raw, dict) else {}
    file = evidence.get("file") or data.get("source_file")
    if file:
        lines.append(f"File: {file}")
    if evidence.get("sentence"):
        lines.append(f"“{evidence['sentence']}”")
    return "\n".join(lines)


def _legend(G: nx.MultiDiGraph) -> str:
    labels = sorted({d.get("label") or d.get("kind") or "?" for _, d in G.nodes(data=True)})
    types = sorted({d.get("type") or "?" for _, _, d in G.edges(data=True)})
    rows = [
        f'<div><span class="sw" style="background:{LABEL_COLOURS.get(lab, _OTHER_COLOUR)}"></span>'
        f"{html.escape(vocab.LABEL_EN.get(lab, lab))}</div>"
        for lab in labels
    ]
    rows += [
        f'<div><span class="sw" style="background:{TYPE_COLOURS.get(t, _OTHER_COLOUR)};height:3px"></span>'
        f"{html.escape(t)}</div>"
        for t in types
    ]
    return f'<div id="pg-legend"><b>PolicyGraph</b>{"".join(rows)}</div>'


def render_html(
    G: nx.MultiDiGraph,
    path: str | Path,
    focus: Any = None,
    depth: int = 2,
    *,
    height: str = "850px",
    title: str | None = None,
) -> Path:
    """Write an interactive HTML view of G (or of focus's neighbourhood within depth hops) to path.

    Works offline: vis-network is embedded in the page. Returns the path written.
    Raises KeyError when focus is not a node of G.
    """
    from pyvis.network import Network  # imported late: pyvis pulls in jinja2 and friends

    view = neighbourhood(G, focus, depth) if focus is not None else G
    net = Network(
        height=height,
        width="100%",
        directed=True,
        cdn_resources="in_line",
        heading="",
        neighborhood_highlight=False,
    )
    for n, data in view.nodes(data=True):
        label = data.get("label") or data.get("kind") or "Document"
        kind = data.get("kind") or (vocab.kind_of_label(label) if label in vocab.NODE_LABELS else "Document")
        is_focus = focus is not None and n == focus
        net.add_node(
            str(n),
            label=node_caption(n, data),
            title=node_tooltip(n, data),
            color=LABEL_COLOURS.get(label, _OTHER_COLOUR),
            shape=_SHAPES.get(kind, "dot"),
            size=28 if is_focus else 16,
            borderWidth=4 if is_focus else 1,
        )
    for u, v, data in view.edges(data=True):
        type_ = str(data.get("type") or "?")
        net.add_edge(
            str(u),
            str(v),
            title=edge_tooltip(data),
            color=TYPE_COLOURS.get(type_, _OTHER_COLOUR),
            label=type_ if type_ in ("IMPLEMENTS", "SUPERSEDES") else "",
            arrows="to",
            dashes=data.get("kind") == "based_on",
            font={"size": 9, "align": "middle"},
        )
    net.toggle_physics(True)
    net.set_edge_smooth("dynamic")

    page = net.generate_html()
    page = _CDN_TAG.sub("", page)  # bootstrap from a CDN: styling only, and it would need the network
    heading = title or (f"PolicyGraph: {focus} (depth {depth})" if focus is not None else "PolicyGraph")
    page = page.replace("<head>", f"<head>\n<title>{html.escape(str(heading))}</title>", 1)
    page = page.replace("</head>", _EXTRA_CSS + "</head>", 1)
    page = page.replace("<body>", "<body>\n" + _legend(view), 1)
    path = Path(path)
    path.write_text(page, encoding="utf-8")
    return path

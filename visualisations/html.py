"""The HTML view: one self-contained page (vis-network inline, the data as JSON) that works offline.

The page draws a :class:`~policygraph.visualisations.scope.View` at positions computed here
(``visualisations.layout``; physics off), with a panel: search, filters, the clicked node's attributes
and relations with their evidence, the clicked edge's evidence, a legend. Text from documents only ever
reaches the page as JSON data, set with ``textContent``: a document containing ``<script>`` shows it.
Once drawn the page sets ``data-pg-ready="1"``, ``data-pg-nodes`` and ``data-pg-edges`` (what is
shown after the filters) on ``<html>``.

>>> import networkx as nx, tempfile, pathlib
>>> from policygraph.visualisations.scope import whole_view
>>> G = nx.MultiDiGraph()
>>> G.add_node("doc:31-NQ/TW", kind="Document", label="Resolution", symbol="31-NQ/TW", title="</script>")
>>> page = render_html(whole_view(G), pathlib.Path(tempfile.mkdtemp()) / "g.html").read_text(encoding="utf-8")
>>> data = page_data(page); data["nodes"][0]["name"], "</script>" in page.split('id="pg-data"')[1][:200]
('31-NQ/TW', False)
"""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import networkx as nx

from ..graph import queries as q
from ..ontology import vocab
from . import layout
from .assets import page_css, page_js
from .scope import View
from .timeline_plot import panel_data

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
    "Proposal": "#c5b0d5",
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
    "CITES": "#9a9a9a",
    "IMPLEMENTS": "#2ca02c",
    "SUPERSEDES": "#d62728",
    "ISSUED_BY": "#1f77b4",
    "PART_OF": "#9467bd",
    "MENTIONS": "#c59a1c",
}
#: what each relation type reads as, from the source's side and from the target's
TYPE_PHRASES: dict[str, tuple[str, str]] = {
    "IMPLEMENTS": ("carries out", "carried out by"),
    "SUPERSEDES": ("supersedes", "superseded by"),
    "CITES": ("cites", "cited by"),
    "ISSUED_BY": ("issued by", "issued"),
    "MENTIONS": ("mentions", "mentioned in"),
    "PART_OF": ("part of", "has part"),
}
CENTRAL = "Trung ương"
#: files named in a node's "stated in" row before "and N more files"
STATED_IN = 8
_PANEL_KEYS = ("symbol", "date", "issuer", "jurisdiction", "level", "branch", "term", "title", "source_file")


# --------------------------------------------------------------------------------------------- captions


def _when(d: dict[str, Any]) -> str:
    date = str(d.get("date") or "")
    if re.fullmatch(r"\d{4}-\d\d-\d\d", date):
        return f"{int(date[8:10])}/{int(date[5:7])}/{date[:4]}"
    return str(d.get("year") or "")


def caption(n: str, d: dict[str, Any]) -> tuple[str, str]:
    """The two lines drawn at a node: its name for people (``graph.queries.display_name``), then what
    the name does not already say of type, place and date.

    >>> caption("doc:x", {"kind": "Document", "label": "Plan", "symbol": "150/KH-UBND", "date": "2023-05-15",
    ...                   "jurisdiction": "Thành phố Hồ Chí Minh"})
    ('150/KH-UBND', 'Kế hoạch · Thành phố Hồ Chí Minh · 15/5/2023')
    >>> caption("file:a.txt", {"kind": "Document", "label": "Notice", "issuer": "Ban Tuyên giáo Thành ủy",
    ...                        "date": "2024-06-14", "jurisdiction": "Hải Phòng", "source_file": "a.txt"})
    ('Thông báo · Ban Tuyên giáo Thành ủy · 14/6/2024', 'Hải Phòng')
    """
    name = q.display_name(d, n)
    if d.get("kind", "Document") != "Document":
        return name, vocab.LABEL_VI.get(str(d.get("label")), "") if d.get("kind") == "Project" else ""
    bits = [vocab.LABEL_VI.get(str(d.get("label")), ""), d.get("jurisdiction") or CENTRAL, _when(d)]
    return name, " · ".join(str(b) for b in bits if b and str(b) not in name)


def _attributes(n: str, d: dict[str, Any], view: View) -> list[list[str]]:
    """The panel's attribute rows of a node: [name, value] pairs, in reading order (the page adds its
    id; search looks through its name and these values: symbol, title, file, place, issuer ...)."""
    label = str(d.get("label") or d.get("kind") or "Document")
    rows = [["type", f"{vocab.LABEL_EN.get(label, label)} ({vocab.LABEL_VI.get(label, '')})".replace(" ()", "")]]
    rows += [[k.replace("_", " "), str(d[k])] for k in _PANEL_KEYS if d.get(k)]
    if not d.get("date") and d.get("year"):
        rows.append(["year", str(d["year"])])
    for name, values in (("issued by", view.issuers(n)), ("projects", view.projects(n))):
        if values:
            rows.append([name, "; ".join(values)])
    return rows + _doubts(d) + _stated_in(d)


def _doubts(d: dict[str, Any]) -> list[list[str]]:
    """The rows that say how sure the node is: other spellings, what an unresolved reference misses, the
    values its files disagree on."""
    rows = [["also written", "; ".join(map(str, d["aliases"]))]] if d.get("aliases") else []
    if d.get("resolved") is False:
        rows.append(["unresolved", "missing " + ", ".join(map(str, d.get("missing") or ["?"]))])
    for attr, claims in (d.get("conflicts") or {}).items():
        rows.append([f"conflicting {attr}", "; ".join(f"{c.get('value')} ({c.get('file')})" for c in claims)])
    return rows


def _stated_in(d: dict[str, Any]) -> list[list[str]]:
    """The files that state the node (the first STATED_IN, and how many more), when not only its own."""
    sources = [str(f) for f in d.get("sources") or []]
    if not sources or sources == [d.get("source_file")]:
        return []
    total = int(d.get("n_sources") or len(sources))  # a store's answer lists the first files only
    more = f" and {total - STATED_IN} more files" if total > STATED_IN else ""
    return [["stated in", ", ".join(sources[:STATED_IN]) + more]]


# ----------------------------------------------------------------------------------------------- layout


def _date(d: dict[str, Any]) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(d.get("date")))
    except ValueError:
        return dt.date(int(d["year"]), 7, 1) if d.get("year") else None


def lane_of(d: dict[str, Any]) -> str:
    """The lane of a node in the whole-graph view: its jurisdiction; central documents by branch.

    >>> lane_of({"kind": "Document", "branch": "party"}), lane_of({"jurisdiction": "Hải Phòng"})
    ('Trung ương · Đảng', 'Hải Phòng')
    """
    if d.get("kind", "Document") == "Project":
        return "Dự án"
    if d.get("jurisdiction"):
        return str(d["jurisdiction"])
    return CENTRAL + {"party": " · Đảng", "state": " · Nhà nước"}.get(str(d.get("branch")), "")


def _lane_order(G: nx.MultiDiGraph) -> list[str]:
    """Central lanes first, then provinces, districts and the rest, the busiest first; projects last."""
    rank = {"central": 0, "province": 1, "district": 2}
    counts: Counter[str] = Counter()
    level: dict[str, int] = {}
    for _, d in G.nodes(data=True):
        lane = lane_of(d)
        counts[lane] += 1
        level[lane] = min(level.get(lane, 3), rank.get(str(d.get("level")), 3))

    def key(lane: str) -> tuple[int, int, str]:
        if lane.startswith(CENTRAL):
            return (0, -counts[lane], lane)
        return (9 if lane == "Dự án" else level[lane] + 1, -counts[lane], lane)

    return sorted(counts, key=key)


def radius(cited: int, focus: bool = False) -> float:
    """A node's radius by how often it is carried out or cited in the view.

    >>> radius(0), radius(4), radius(10_000)
    (7.0, 13.0, 30.0)
    """
    return 16.0 if focus and cited < 4 else min(30.0, 7.0 + 3.0 * cited**0.5)


def _caption_width(name: str, sub: str) -> float:
    """About how wide a caption is drawn (12 px bold name, wrapped past 40 characters; 11 px sub-line)."""
    return 8.0 + 7.0 * max(min(len(name), 44), 0.85 * min(len(sub), 52))


def positions(
    view: View, captions: dict[str, tuple[str, str]], radii: dict[str, float]
) -> tuple[layout.Pos, dict[str, Any]]:
    """Where each node is drawn, and what the page draws behind them (lanes, time axis)."""
    G = view.graph
    if view.focus is not None:
        levels = dict(view.levels)
        extra = max((abs(v) for v in levels.values()), default=0) + 1
        for n, d in G.nodes(data=True):  # bodies and projects drawn: a row of their own below
            levels.setdefault(n, extra + (d.get("kind") == "Project"))
        order = sorted(G.nodes, key=lambda n: q.node_order(G, n))
        # a node's room: itself, its caption on its right, a gap; the node sits at the left of its room
        widths = {n: 2 * radii[n] + 6 + _caption_width(*captions[n]) + 36 for n in G.nodes}
        boxes = layout.layered(levels, view.parent, widths, order)
        pos = {n: (x - widths[n] / 2 + radii[n], y) for n, (x, y) in boxes.items()}
        return pos, {"mode": "focus"}
    citers: dict[str, list[str]] = {}
    for u, v in G.edges():
        citers.setdefault(v, []).append(u)
    nodes = [layout.LaneNode(n, lane_of(d), _date(d), radii[n]) for n, d in G.nodes(data=True)]
    pos, lanes, axis = layout.lanes(nodes, _lane_order(G), citers)
    return pos, {"mode": "lanes", "lanes": [[ln.name, ln.top, ln.bottom] for ln in lanes], "axis": axis}


# ------------------------------------------------------------------------------------------------- data


def _evidence_tables(G: nx.MultiDiGraph) -> tuple[list[str], dict[str, int], list[str], dict[str, int]]:
    sentences: dict[str, int] = {}
    files: dict[str, int] = {}
    for _, _, d in G.edges(data=True):
        ev = d.get("evidence") if isinstance(d.get("evidence"), dict) else {}
        sentences.setdefault(str(ev.get("sentence") or ""), len(sentences))
        files.setdefault(str(ev.get("file") or d.get("source_file") or ""), len(files))
    return list(sentences), sentences, list(files), files


def _legend(G: nx.MultiDiGraph) -> dict[str, Any]:
    labels = Counter(str(d.get("label") or d.get("kind") or "Document") for _, d in G.nodes(data=True))
    types = Counter(str(d.get("type")) for _, _, d in G.edges(data=True))
    return {
        "labels": [
            [lab, vocab.LABEL_EN.get(lab, lab), vocab.LABEL_VI.get(lab, ""), LABEL_COLOURS.get(lab, "#444"), c]
            for lab, c in sorted(labels.items(), key=lambda kv: (-kv[1], kv[0]))
        ],
        "types": [
            [t, TYPE_COLOURS.get(t, "#444"), *TYPE_PHRASES.get(t, (t, t)), types[t]]
            for t in vocab.RELATION_TYPES
            if types[t]
        ],
    }


def page_payload(view: View, title: str | None = None, timeline: dict[str, Any] | None = None) -> dict[str, Any]:
    """Everything the page shows, as JSON-ready data (nodes by index; evidence sentences and file
    names stored once each); `timeline` (graph.timeline.timeline_to_dict of the focus) as a panel."""
    G = view.graph
    order = sorted(G.nodes, key=lambda n: q.node_order(G, n))
    index = {n: i for i, n in enumerate(order)}
    cited = Counter(v for _, v, d in G.edges(data=True) if d.get("type") in q.DOC_RELATIONS)
    captions = {n: caption(n, G.nodes[n]) for n in order}
    radii = {n: radius(cited[n], n == view.focus) for n in order}
    pos, backdrop = positions(view, captions, radii)
    sentences, s_index, files, f_index = _evidence_tables(G)
    nodes = []
    for n in order:
        d = G.nodes[n]
        name, sub = captions[n]
        nodes.append({
            "id": n, "name": name, "sub": sub, "label": str(d.get("label") or d.get("kind") or "Document"),
            "kind": str(d.get("kind") or "Document"), "x": round(pos[n][0], 1), "y": round(pos[n][1], 1),
            "r": radii[n], "cited": cited[n], "jur": d.get("jurisdiction") or CENTRAL, "year": d.get("year"),
            "symbol": d.get("symbol"), "resolved": d.get("resolved") is not False,
            "level": view.levels.get(n), "parent": index.get(view.parent.get(n, "")),
            "attrs": _attributes(n, d, view),
        })  # fmt: skip
    edges = [_edge_item(d, index[u], index[v], s_index, f_index) for u, v, d in G.edges(data=True)]
    return {
        "title": title or default_title(view),
        "subtitle": subtitle(view),
        "focus": index.get(view.focus or ""),
        "backdrop": backdrop,
        "legend": _legend(G),
        "nodes": nodes,
        "edges": edges,
        "sentences": sentences,
        "files": files,
        "colours": {"labels": LABEL_COLOURS, "types": TYPE_COLOURS},
        "phrases": TYPE_PHRASES,
        "relOrder": [*q.DOC_RELATIONS, *(t for t in vocab.RELATION_TYPES if t not in q.DOC_RELATIONS)],
        "timeline": panel_data(timeline, index) if timeline else None,
    }


def _edge_item(d: dict[str, Any], u: int, v: int, s_index: dict[str, int], f_index: dict[str, int]) -> dict[str, Any]:
    """An edge as the page holds it: its ends by index, its evidence sentence and file by their index."""
    ev: dict[str, Any] = d["evidence"] if isinstance(d.get("evidence"), dict) else {}
    return {
        "from": u,
        "to": v,
        "type": str(d.get("type")),
        "kind": d.get("kind"),
        "s": s_index[str(ev.get("sentence") or "")],
        "file": f_index[str(ev.get("file") or d.get("source_file") or "")],
        "at": [ev.get("start"), ev.get("end")],
    }


def default_title(view: View) -> str:
    if view.focus is None:
        return "PolicyGraph: the whole graph"
    return f"PolicyGraph: {q.display_name(view.graph.nodes[view.focus], view.focus)}"


def subtitle(view: View) -> str:
    """What the view follows, in words.

    >>> from policygraph.visualisations.scope import View
    >>> subtitle(View(nx.MultiDiGraph(), nx.MultiDiGraph(), "x", "down", 2, ("IMPLEMENTS",)))
    'what carries it out, to depth 2, through IMPLEMENTS'
    """
    types = ", ".join(view.types)
    if view.focus is None:
        return f"every document, relations {types}; lanes by jurisdiction, time left to right"
    way = {
        "up": "what it carries out",
        "down": "what carries it out",
        "both": "what it carries out (above) and what carries it out (below)",
    }[view.direction]
    depth = "any depth" if view.depth is None else f"depth {view.depth}"
    return f"{way}, to {depth}, through {types}" + (f"; drawn: {', '.join(view.with_)}" if view.with_ else "")


# ------------------------------------------------------------------------------------------------- page


@cache
def vis_network_js() -> str:
    """The vis-network bundle pyvis ships (inlined in every page: no request leaves it)."""
    import importlib.util

    # pyvis only as the carrier of its vis-network build: found, not imported (importing it pulls in IPython)
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pyvis is not installed: it carries the vis-network script the page needs")
    path = Path(list(spec.submodule_search_locations)[0]) / "templates" / "lib" / "vis-9.1.2" / "vis-network.min.js"
    return path.read_text(encoding="utf-8").replace("</script", "<\\/script")


def script_json(data: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``: no ``<``, ``>``, ``&`` or line
    separators survive as themselves, so no text can close the element.

    >>> script_json({"t": "</script><b>&"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


_CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; "
    "connect-src 'none'; form-action 'none'; base-uri 'none'"
)

_BODY = """<div id="pg-app">
<div id="pg-canvas" role="img" aria-label="graph"></div>
<aside id="pg-panel">
  <header><h1 id="pg-title"></h1><p id="pg-subtitle"></p><p id="pg-counts"></p></header>
  <section class="pg-search"><input id="pg-search" type="search" autocomplete="off"
    placeholder="Search: symbol, title words, file name" aria-label="search"><ol id="pg-results"></ol></section>
  <section id="pg-details"><p class="pg-hint">Click a document to see its attributes and relations with
    their evidence; click a relation to read the sentence that states it.</p></section>
  <details id="pg-filters" open><summary>Filters</summary><div id="pg-filter-body"></div></details>
  <details id="pg-timeline" open hidden><summary>Timeline by province</summary><div id="pg-timeline-body"></div></details>
  <details id="pg-legend" open><summary>Legend</summary><div id="pg-legend-body"></div></details>
</aside>
</div>"""


def page_html(payload: dict[str, Any]) -> str:
    """The page: vis-network, the styles, the data and the script that draws it, all inline."""
    return (
        '<!DOCTYPE html>\n<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(str(payload['title']))}</title>\n<style>{page_css()}</style>\n</head>\n<body>\n"
        f'{_BODY}\n<script id="pg-data" type="application/json">{script_json(payload)}</script>\n'
        f"<script>{vis_network_js()}</script>\n<script>{page_js()}</script>\n</body>\n</html>\n"
    )


def page_data(page: str) -> dict[str, Any]:
    """The data a written page carries (for tests and tools): the inverse of :func:`page_html`'s JSON."""
    m = re.search(r'<script id="pg-data" type="application/json">(.*?)</script>', page, re.DOTALL)
    if not m:
        raise ValueError("not a PolicyGraph view page (no pg-data)")
    data: dict[str, Any] = json.loads(m.group(1))
    return data


def render_html(
    view: View, path: str | Path, *, title: str | None = None, timeline: dict[str, Any] | None = None
) -> Path:
    """Write the page of `view` (with the `timeline` panel when given) to `path`; returns the path written."""
    path = Path(path)
    path.write_text(page_html(page_payload(view, title, timeline)), encoding="utf-8")
    return path

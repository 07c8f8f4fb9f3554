"""The picture of a timeline (graph.timeline.timeline_to_dict): one bar per province, the days after the
central document it took to issue its first document carrying it out, fastest on top; the median and the
quartiles as lines; the provinces with none listed under the bars in red. Drawn with matplotlib's Agg
backend (no display), to .svg or .png by the file's suffix.

>>> import tempfile, pathlib
>>> d = {"root": "doc:57", "root_date": "2024-12-22", "as_of": "2026-01-01",
...      "timeline": [{"province": "Đồng Nai", "days": 50}, {"province": "Bắc Ninh", "days": 71}],
...      "stats": {"q1": 55.25, "median": 60.5, "q3": 65.75}, "missing": ["Cà Mau"], "list": {"units": 34}}
>>> path = pathlib.Path(tempfile.mkdtemp()) / "t.svg"
>>> write_plot(d, path).read_text(encoding="utf-8").count("<svg")
1
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

__all__ = ["panel_data", "write_plot"]

_BAR = "#2b6cb0"
_MISSING = "#c53030"


def _title(d: Mapping[str, Any]) -> str:
    root = d.get("root_name") or str(d.get("root", "")).removeprefix("doc:").split("@")[0]
    n, units = len(d["timeline"]), (d.get("list") or {}).get("units", "?")
    return (
        f"{root} ({d.get('root_date') or 'no date'}): first document per province, days after it\n"
        f"{n} of {units} provinces as of {d['as_of']}; {len(d['missing'])} with none"
    )


def _xlabel(d: Mapping[str, Any], stats: Mapping[str, Any]) -> str:
    label = f"days after {d.get('root_date') or 'the central document'}"
    if stats.get("median") is None:
        return label
    return label + f"  (dashed: median {stats['median']:g}; dotted: quartiles {stats['q1']:g}, {stats['q3']:g})"


def write_plot(d: Mapping[str, Any], path: str | Path) -> Path:
    """Draw the timeline `d` to `path` (.svg or .png) and return the path."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    rows = [r for r in d["timeline"] if r.get("days") is not None]
    missing = list(d.get("missing") or [])
    height = max(2.5, 0.28 * (len(rows) + (1 if missing else 0)) + 1.6 + 0.18 * (len(missing) // 4))
    out = Path(path)
    with matplotlib.rc_context({"svg.fonttype": "none"}):  # text stays text in the SVG (searchable)
        fig, ax = plt.subplots(figsize=(9, height))
        try:
            _draw(fig, ax, d, rows, missing)
            fig.savefig(out, format=out.suffix.lstrip(".").lower() or "svg", dpi=120)
        finally:
            plt.close(fig)
    return out


def _draw(fig: Any, ax: Any, d: Mapping[str, Any], rows: list[Mapping[str, Any]], missing: list[str]) -> None:
    days = [r["days"] for r in rows]
    ys = list(range(len(rows)))
    ax.barh(ys, days, color=_BAR, height=0.7)
    for y, v in zip(ys, days, strict=True):
        ax.text(v, y, f" {v}", va="center", fontsize=8)
    ax.set_yticks(ys, [r["province"] for r in rows], fontsize=8)
    ax.invert_yaxis()
    stats = d.get("stats") or {}
    for key, style in (("q1", ":"), ("median", "--"), ("q3", ":")):
        if stats.get(key) is not None:
            ax.axvline(stats[key], color="#555555", linestyle=style, linewidth=1)
    ax.set_xlabel(_xlabel(d, stats), fontsize=9)
    ax.set_title(_title(d), fontsize=10, loc="left")
    if missing:
        lines = [", ".join(missing[i : i + 6]) for i in range(0, len(missing), 6)]
        fig.text(0.01, 0.01, "none yet: " + "\n".join(lines), color=_MISSING, fontsize=8, va="bottom")
    fig.tight_layout(rect=(0, 0.03 + 0.025 * ((len(missing) + 5) // 6), 1, 1))


def panel_data(d: Mapping[str, Any], index: Mapping[str, int]) -> dict[str, Any]:
    """What the HTML view's timeline panel shows of the timeline `d`: each row with the index of its
    document among the nodes drawn (None when it is not drawn), the undated ones and the missing.

    >>> panel_data({"as_of": "2026-01-01", "root_date": "2024-12-22", "stats": {}, "missing": ["Huế"],
    ...             "list": {"units": 34}, "no_date": [], "timeline": [{"province": "Đồng Nai", "days": 50,
    ...             "first_date": "2025-02-10", "name": "15-CTr/TU", "document": "doc:15"}]}, {"doc:15": 3})["rows"]
    [{'province': 'Đồng Nai', 'days': 50, 'date': '2025-02-10', 'name': '15-CTr/TU', 'node': 3}]
    """
    stats = d.get("stats") or {}
    return {
        "as_of": d["as_of"],
        "root_date": d.get("root_date"),
        "units": (d.get("list") or {}).get("units"),
        "stats": {k: stats.get(k) for k in ("q1", "median", "q3")},
        "rows": [
            {
                "province": r["province"],
                "days": r.get("days"),
                "date": r.get("first_date"),
                "name": r.get("name") or r["document"],
                "node": index.get(r["document"]),
            }
            for r in d["timeline"]
        ],
        "no_date": [f"{r['province']}: {r.get('name') or r['document']}" for r in d.get("no_date") or []],
        "missing": list(d.get("missing") or []),
    }

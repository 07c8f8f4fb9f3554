"""Answers as spreadsheets: the rows of a lineage or a coverage report, as CSV or .xlsx.

A lineage (the shape of ``graph.queries.lineage_to_dict``) becomes one row per hop, in the order the
tree prints (depth first), each naming the node it hangs from (``parent``); a coverage report (the
shape of ``coverage_to_dict``) one row per implementing document, with its chain to the root. Every
row carries the sentence that states its step.

* CSV: UTF-8 with a byte-order mark, so Excel reads Vietnamese instead of guessing Windows-1252. A cell
  that starts with ``= + - @`` (or a tab or carriage return) gets a leading apostrophe: a spreadsheet
  would run it as a formula, and text from a document is data, never a formula.
* .xlsx (XlsxWriter): text is written as text (never a formula or a link, so it needs no apostrophe),
  numbers as numbers; a header row, frozen, with a filter.

Cells are cut to 32,767 characters (Excel's limit) in both formats, with "…" at the cut.

>>> tree = {"root": "doc:31", "attrs": {"symbol": "31-NQ/TW"}, "direction": "down", "children": [
...     {"node": "doc:08", "direction": "down", "depth": 1, "edge_type": "IMPLEMENTS",
...      "edge_kind": "implements", "source_file": "a.txt", "seen": False,
...      "evidence": {"sentence": "- Thực hiện Nghị quyết số 31-NQ/TW."},
...      "attrs": {"symbol": "08-NQ/TU", "jurisdiction": "Hải Phòng"}, "children": []}]}
>>> rows = lineage_rows(tree)
>>> [(r["parent"], r["id"], r["symbol"], r["relation"]) for r in rows]
[('doc:31', 'doc:08', '08-NQ/TU', 'IMPLEMENTS')]
>>> text = csv_bytes(rows, LINEAGE_COLUMNS).decode("utf-8-sig")
>>> text.splitlines()[1].split(",")[-1]
"'- Thực hiện Nghị quyết số 31-NQ/TW."
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

__all__ = [
    "COVERAGE_COLUMNS",
    "LINEAGE_COLUMNS",
    "coverage_rows",
    "csv_bytes",
    "lineage_rows",
    "report_bytes",
    "write_report",
    "xlsx_bytes",
]

#: the columns of a lineage report, in order
LINEAGE_COLUMNS: tuple[str, ...] = (
    "direction", "depth", "parent", "id", "symbol", "label", "date", "jurisdiction", "issuer", "title",
    "relation", "kind", "seen", "source_file", "sentence",
)  # fmt: skip
#: the columns of a coverage report, in order
COVERAGE_COLUMNS: tuple[str, ...] = (
    "id", "symbol", "label", "date", "jurisdiction", "issuer", "title", "distance", "chain", "relation", "kind",
    "source_file", "sentence",
)  # fmt: skip
#: the report formats, by file suffix
FORMATS = (".csv", ".xlsx")

EXCEL_CELL_MAX = 32_767
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


# --------------------------------------------------------------------------------------------------- rows


def _doc_cells(node: str, attrs: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "id": node,
        "symbol": attrs.get("symbol"),
        "label": attrs.get("label"),
        "date": attrs.get("date"),
        "jurisdiction": attrs.get("jurisdiction"),
        "issuer": attrs.get("issuer"),
        "title": attrs.get("title"),
    }


def _sentence(evidence: Mapping[str, Any] | None) -> str | None:
    return (evidence or {}).get("sentence")


def _hops(hops: Sequence[Mapping[str, Any]], parent: str) -> Iterator[dict[str, Any]]:
    for hop in hops:
        yield {
            "direction": hop.get("direction"),
            "depth": hop.get("depth"),
            "parent": parent,
            **_doc_cells(hop["node"], hop.get("attrs") or {}),
            "relation": hop.get("edge_type"),
            "kind": hop.get("edge_kind"),
            "seen": bool(hop.get("seen")),
            "source_file": hop.get("source_file"),
            "sentence": _sentence(hop.get("evidence")),
        }
        yield from _hops(hop.get("children") or [], hop["node"])


def lineage_rows(tree: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One row per hop of a lineage (``lineage_to_dict`` shape), depth first, with LINEAGE_COLUMNS.

    A node shown earlier in the tree comes again with ``seen`` true (its own hops are not repeated).
    """
    return list(_hops(tree.get("children") or [], tree["root"]))


def coverage_rows(report: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One row per implementing document of a coverage report (``coverage_to_dict`` shape), with
    COVERAGE_COLUMNS: ``chain`` reads from the document to the root by symbol (the id when there is none),
    ``relation``/``kind``/``source_file``/``sentence`` are those of the document's own step; jurisdiction
    and issuer as the report groups them ("central", "unknown" when not known).

    >>> report = {"root": "doc:31", "attrs": {"symbol": "31-NQ/TW"}, "entries": [
    ...     {"node": "doc:kh", "attrs": {"symbol": "5-KH/UBND"}, "distance": 2, "chain": ["doc:kh", "doc:08", "doc:31"],
    ...      "jurisdiction": "Hải Phòng", "issuer": "unknown", "edges": [{"type": "IMPLEMENTS", "kind": "implements"}]},
    ...     {"node": "doc:08", "attrs": {"symbol": "08-NQ/TU"}, "distance": 1, "chain": ["doc:08", "doc:31"],
    ...      "jurisdiction": "Hải Phòng", "issuer": "Thành ủy Hải Phòng", "edges": []}]}
    >>> [(r["symbol"], r["chain"], r["issuer"]) for r in coverage_rows(report)]
    [('5-KH/UBND', '5-KH/UBND → 08-NQ/TU → 31-NQ/TW', 'unknown'), ('08-NQ/TU', '08-NQ/TU → 31-NQ/TW', 'Thành ủy Hải Phòng')]
    """
    entries = report.get("entries") or []
    names = {report["root"]: (report.get("attrs") or {}).get("symbol")}
    names.update({e["node"]: (e.get("attrs") or {}).get("symbol") for e in entries})
    rows = []
    for e in entries:
        step = (e.get("edges") or [{}])[0]
        cells = {
            **_doc_cells(e["node"], e.get("attrs") or {}),
            "jurisdiction": e.get("jurisdiction"),
            "issuer": e.get("issuer"),
        }
        rows.append(
            {
                **cells,
                "distance": e.get("distance"),
                "chain": " → ".join(names.get(n) or n for n in e.get("chain") or []),
                "relation": step.get("type"),
                "kind": step.get("kind"),
                "source_file": step.get("source_file"),
                "sentence": _sentence(step.get("evidence")),
            }
        )
    return rows


# -------------------------------------------------------------------------------------------------- cells


def _cut(text: str) -> str:
    return text if len(text) <= EXCEL_CELL_MAX else text[: EXCEL_CELL_MAX - 1] + "…"


def _csv_cell(value: Any) -> str:
    """A CSV cell: text that a spreadsheet would run as a formula gets a leading apostrophe.

    >>> [_csv_cell(v) for v in ("=1+2", "@SUM(A1)", "31-NQ/TW", 3, True, None, ["a", "b"])]
    ["'=1+2", "'@SUM(A1)", '31-NQ/TW', '3', 'true', '', 'a; b']
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    text = "; ".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value)
    text = _cut(text)
    return "'" + text if text.startswith(_FORMULA_START) else text


def csv_bytes(rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> bytes:
    """The rows as CSV (a header row, then one line per row), UTF-8 with a byte-order mark."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(columns)
    for row in rows:
        w.writerow([_csv_cell(row.get(c)) for c in columns])
    return buf.getvalue().encode("utf-8-sig")


def xlsx_bytes(rows: Sequence[Mapping[str, Any]], columns: Sequence[str], sheet: str = "PolicyGraph") -> bytes:
    """The rows as an .xlsx workbook of one sheet: text as text (never a formula), numbers as numbers."""
    import xlsxwriter  # only needed for .xlsx

    buf = io.BytesIO()
    book = xlsxwriter.Workbook(
        buf, {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    )
    ws = book.add_worksheet(sheet[:31])
    bold = book.add_format({"bold": True})
    for col, name in enumerate(columns):
        ws.write_string(0, col, name, bold)
    for r, row in enumerate(rows, start=1):
        for col, name in enumerate(columns):
            value = row.get(name)
            if isinstance(value, bool):
                ws.write_boolean(r, col, value)
            elif isinstance(value, (int, float)):
                ws.write_number(r, col, value)
            elif value is not None and value != "":
                text = "; ".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value)
                ws.write_string(r, col, _cut(text))
    ws.freeze_panes(1, 0)
    ws.autofilter(0, 0, max(len(rows), 1), max(len(columns) - 1, 0))
    book.close()
    return buf.getvalue()


# -------------------------------------------------------------------------------------------------- files


def report_bytes(rows: Sequence[Mapping[str, Any]], columns: Sequence[str], path: str | Path) -> bytes:
    """The report in the format `path` names by its suffix (.csv or .xlsx); ValueError for another."""
    suffix = Path(path).suffix.lower()
    if suffix == ".csv":
        return csv_bytes(rows, columns)
    if suffix == ".xlsx":
        return xlsx_bytes(rows, columns)
    raise ValueError(f"{path}: a report is .csv or .xlsx, not {suffix or 'a file without a suffix'}")


def write_report(rows: Sequence[Mapping[str, Any]], columns: Sequence[str], path: str | Path) -> Path:
    """Write the rows to `path` as CSV or .xlsx (by its suffix); the path written.

    The file is written beside its final name and moved into place, so a failed write leaves no half file.
    """
    path = Path(path)
    data = report_bytes(rows, columns, path)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_bytes(data)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return path

"""The rows the embedded store keeps of a node: its ``nodes`` row (indexed columns and every attribute as
JSON) and, for a hub, its ``briefs`` row. The writer (graph.store_pass) and an older store's upgrade
(graph.store_schema) make them; the reader (graph.store_read) reads what they hold.

>>> nodes_row("doc:31-NQ/TW@2022-12-30", {"kind": "Document", "symbol": "31-NQ/TW"})[:5]
('doc:31-NQ/TW@2022-12-30', 'Document', None, '31-nq/tw', '31')
"""

from __future__ import annotations

import json
from typing import Any

from . import rules as q

__all__ = ["briefs_row", "nodes_row", "row_json"]


def nodes_row(node: str, attrs: dict[str, Any]) -> tuple[Any, ...]:
    """The ``nodes`` row of a node: its indexed columns and every attribute as JSON."""
    names = [attrs.get("title"), attrs.get("name"), *(attrs.get("aliases") or [])]
    names_fold = " | ".join(q.fold_text(str(n)) for n in names if n) or None
    symbol = attrs.get("symbol")
    return (
        node,
        attrs.get("kind") or "?",
        attrs.get("label"),
        q.fold_symbol(str(symbol)) if symbol else None,
        q.number_of(attrs),
        attrs.get("source_file"),
        attrs.get("source_path"),
        names_fold,
        q.order_key(attrs, node),
        None if attrs.get("resolved") is None else int(bool(attrs["resolved"])),
        len(attrs.get("sources") or []),
        int(attrs.get("kind") == "Document" and not (symbol or attrs.get("title") or attrs.get("name"))),
        int(bool(attrs.get("conflicts"))),
        row_json(attrs),
    )


def briefs_row(node: str, attrs: dict[str, Any]) -> tuple[str, str] | None:
    """The ``briefs`` row of a hub stated by more than SOURCES_SHOWN files (graph.queries.brief_attrs:
    walks through central documents read a few hundred bytes of each, not its list of ten thousand
    files); None for any other node."""
    brief = q.brief_attrs(attrs)
    return (node, row_json(brief)) if "n_sources" in brief else None


def row_json(attrs: dict[str, Any]) -> str:
    return json.dumps(attrs, ensure_ascii=False, separators=(",", ":"))

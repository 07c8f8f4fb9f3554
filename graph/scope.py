"""Scope: the filters analysts put on an answer — a date range and a jurisdiction (a province includes its
districts and cities) — and the roll-up of districts to their province.

>>> s = Scope(since="2023-01-01", jurisdiction="Đồng Nai")
>>> s.matches({"date": "2023-05-02", "jurisdiction": "Long Khánh"}), s.matches({"date": "2022-12-08", "jurisdiction": "Đồng Nai"})
(True, False)
>>> province_of("Long Khánh"), province_of("Hải Phòng"), province_of(None)
('Đồng Nai', 'Hải Phòng', 'central')
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..loaders import gazetteer
from ..loaders.normalise import fold_key
from .queries import Hop, LineageTree
from .rules import province_of as province_of  # the roll-up, decided in rules


def _day(s: str | None, end: bool) -> str | None:
    """A date typed as 2023, 2023-05 or 2023-05-02 (or 2/5/2023), as the first or last day it covers."""
    if not s:
        return None
    t = s.strip()
    if m := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", t):
        t = f"{m.group(3)}-{int(m.group(2)):02d}-{int(m.group(1)):02d}"
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", t):
        raise ValueError(f"{s!r} is not a date: give 2023, 2023-05 or 2023-05-02")
    return t + ("-12-31"[len(t) - 4 :] if end else "-01-01"[len(t) - 4 :]) if len(t) < 10 else t


@dataclass(frozen=True)
class Scope:
    """Documents dated within [since, until] (an undated one only when no date bound is given) and in
    `jurisdiction` or one of its districts and cities."""

    since: str | None = None
    until: str | None = None
    jurisdiction: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "since", _day(self.since, end=False))
        object.__setattr__(self, "until", _day(self.until, end=True))

    def __bool__(self) -> bool:
        return bool(self.since or self.until or self.jurisdiction)

    def matches(self, attrs: Mapping[str, Any]) -> bool:
        date = str(attrs.get("date") or (f"{attrs['year']}-06-30" if attrs.get("year") else ""))
        if (self.since or self.until) and not date:
            return False
        if self.since and date < self.since or self.until and date > self.until:
            return False
        return not self.jurisdiction or self._in_place(attrs.get("jurisdiction"), attrs.get("parent_jurisdiction"))

    def _in_place(self, j: str | None, parent: str | None) -> bool:
        want = fold_key(gazetteer.canonical(self.jurisdiction or "") or self.jurisdiction or "")
        if want in ("central", "trung uong", "tw"):
            return not j
        return bool(j) and want in {fold_key(x) for x in (j, parent, gazetteer.parent(j or "")) if x}


def prune(tree: LineageTree, scope: Scope) -> LineageTree:
    """The lineage tree with only the hops in scope and the hops leading to them (a new tree)."""

    def keep(h: Hop) -> Hop | None:
        kids = [k for k in (keep(c) for c in h.children) if k is not None]
        if kids or scope.matches(h.attrs):
            return dataclasses.replace(h, children=kids)
        return None

    kept = [k for k in (keep(h) for h in tree.children) if k is not None]
    return dataclasses.replace(tree, children=kept)

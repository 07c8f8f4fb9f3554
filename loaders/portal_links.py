"""A portal's curated related lists (loaders.portal) as relations with ``origin="portal"``.

Each listed document is named as the portal writes it ("Luật 12/2017/QH14 Sửa đổi, bổ sung một số điều của
Bộ luật Hình sự số 100/2015/QH13"): its first reference (loaders.find) is the listed document; the others
belong to its title. The references go through the same resolve step as the text's own (loaders.resolve),
so a document a list names and the text cites is one node. The heading gives the relation and its direction
(loaders.portal.HEADINGS); the evidence is the heading and the item as the page shows them (a page's list
has no offset in the document's text: `start`, `end`, `sentence_start` and `sentence_end` are 0).

>>> from policygraph.loaders.portal import HEADINGS, Related
>>> item = Related("văn bản hướng dẫn", HEADINGS["văn bản hướng dẫn"], "Nghị định 01/2016/NĐ-CP Quy định chi tiết")
>>> [(m.symbol, it.text[:10]) for it, m in item_mentions([item])]
[('01/2016/NĐ-CP', 'Nghị định ')]
"""

from __future__ import annotations

from collections.abc import Iterable

from .find import find_mentions
from .models import Evidence, Mention, Relation
from .normalise import MatchView
from .portal import Related


def _first(mentions: list[Mention]) -> Mention | None:
    """The listed document's own reference: the first full one, else the first named one ("Hiến pháp năm
    2013"); a bare number ("Nghị quyết 98") says too little."""
    for m in mentions:
        if m.sym is not None or m.form == "named":
            return m
    return None


def item_mentions(items: Iterable[Related]) -> list[tuple[Related, Mention]]:
    """Each item of a list that states a relation, with the reference to the document it lists."""
    out = []
    for it in items:
        if it.relation.type is None:
            continue
        m = _first(find_mentions(MatchView.of(it.text)))
        if m is not None:
            if m.form == "header":
                m.form = "full"  # "Số: 12/2017/QH14" in a list names the listed document, not the page's
            out.append((it, m))
    return out


def portal_relations(pairs: Iterable[tuple[Related, Mention]], source: str, file: str) -> list[Relation]:
    """The relations the lists state, from `source`'s (the page's document's) point of view; `m.ref` was set
    by resolve. A listed document that is the page's own is left out."""
    out = []
    for it, m in pairs:
        if m.ref is None or m.ref == source or it.relation.type is None:
            continue
        ev = Evidence(
            file=file, start=0, end=0, sentence=f"{it.heading}: {it.text}"[:400], sentence_start=0, sentence_end=0
        )
        u, v = (source, m.ref) if it.relation.direction == "out" else (m.ref, source)
        out.append(
            Relation(
                source=u,
                target=v,
                type=it.relation.type,
                evidence=ev,
                kind=it.relation.kind,
                scope=it.relation.scope,
                origin="portal",
            )
        )
    return out

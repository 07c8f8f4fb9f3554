"""Whether two references may be one document: the identity rules both the loaders' within-file resolution
(loaders.resolve) and the graph's identity across files (graph.identity) ask, so the same words link whether
the two documents are in one file or in two. Never on the number alone.

>>> a = DocRef(key="a", symbol="08-NQ/TU", jurisdiction="Hải Phòng", date="2022-12-06")
>>> same_document(a, DocRef(key="b", symbol="8-NQ/TU", jurisdiction="Hải Phòng"))
True
>>> same_document(a, DocRef(key="c", symbol="08-NQ/TU", jurisdiction="Đồng Nai", date="2022-12-06"))
False
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Literal

from .bodies import BodyInfo, classify, compatible
from .models import DocRef
from .normalise import fold_key
from .symbols import identity_form, parse

__all__ = ["Family", "family", "fits", "is_local", "same_document", "short_fits"]


@dataclass(frozen=True)
class Family:
    """References that may be one document: same symbol (and jurisdiction, for local symbols)."""

    key: str
    mode: Literal["year", "dated"]  # "year": the symbol alone identifies the document
    local: bool


@functools.lru_cache(maxsize=1 << 16)
def _family_of(symbol: str, jurisdiction: str | None) -> Family:
    sym = parse(symbol)
    local = bool(sym and sym.is_local)
    key = identity_form(symbol) + ("@" + fold_key(jurisdiction or "?") if local else "")
    return Family(key, "year" if sym and sym.shape == "state_year" else "dated", local)


def family(r: DocRef) -> Family | None:
    """The family of a reference with a symbol (None without one).

    >>> family(DocRef(key="k", symbol="08-NQ/TU", jurisdiction="Hải Phòng")).key
    '8-nq/tu@hai phong'
    >>> family(DocRef(key="k", symbol="98/2023/QH15")).mode
    'year'
    """
    return _family_of(r.symbol, r.jurisdiction) if r.symbol else None


def fits(r: DocRef, date: str | None, term: str | None, year: int | None) -> bool:
    """Could `r` be the document with this date, term and year? (None: not known, fits anything.)"""
    if r.date and date and r.date != date:
        return False
    if r.term and term and r.term != term:
        return False
    return not (r.year and year and r.year != year)


def same_document(a: DocRef, b: DocRef) -> bool:
    """Could two references of one family be one document?

    >>> x = DocRef(key="a", symbol="31-NQ/TW", date="2022-12-30")
    >>> same_document(x, DocRef(key="b", symbol="31-NQ/TW")), same_document(x, DocRef(key="c", symbol="31-NQ/TW", date="2019-01-01"))
    (True, False)
    """
    fa, fb = family(a), family(b)
    if fa is None or fb is None or fa.key != fb.key:
        return False
    return fa.mode == "year" or fits(a, b.date, b.term, b.year)


@functools.lru_cache(maxsize=1 << 12)
def _body(name: str) -> BodyInfo | None:
    return classify(name)


def is_local(r: DocRef) -> bool:
    f = family(r)
    return bool(f and f.local)


def short_fits(short: DocRef, cand: DocRef, citing_place: str | None, named_in_citing_file: bool) -> bool:
    """Could a short reference ("Kết luận 21 của Ban Chấp hành Trung ương") be the document `cand` (a
    resolved full reference with the same number)?

    The types agree (or one is unknown); a year written with the number is the document's; the body named
    can sign `cand`'s symbol (bodies.compatible); a place named agrees; with no place named, a local document must be of the citing document's place, or
    one the citing document names in full itself.

    >>> short = DocRef(key="s", label="Conclusion", number="21", issuer="Ban Chấp hành Trung ương", short=True)
    >>> short_fits(short, DocRef(key="c", label="Conclusion", symbol="21-KL/TW", number="21", issuer_code="TW"), None, False)
    True
    >>> short_fits(short, DocRef(key="c", label="Conclusion", symbol="21-KL/TU", number="21", issuer_code="TU",
    ...                          jurisdiction="Hải Phòng"), "Hải Phòng", True)
    False
    """
    if short.label and cand.label and short.label != cand.label:
        return False
    if short.year is not None and cand.year != short.year:  # "Luật … số 47/2024": only 47/2024/…
        return False
    info = short.body or (_body(short.issuer) if short.issuer else None)
    if info is not None and not compatible(info, cand.issuer_code):
        return False
    if short.jurisdiction:
        return cand.jurisdiction in (None, short.jurisdiction)
    return (
        not is_local(cand) or named_in_citing_file or (citing_place is not None and cand.jurisdiction == citing_place)
    )

"""Identity: which references, of which files, are one real document. Every identity rule lives here.

Never merge on the number alone. A document id is built from what identifies it:

* State symbols with a year (``98/2023/QH15``, ``88/2012/NĐ-CP``): the symbol alone.
* Central Party and other symbols (``31-NQ/TW``, ``14/NQ-CP``): symbol + date, or + term, when known.
* Local symbols (``08-NQ/TU``, ``641/QĐ-UBND``): symbol + jurisdiction + date.

Two tiers, each a pure function of its inputs (nothing here changes a DocRef):

1. **Families** (:func:`assign_family`): the references whose symbols share a :func:`family` key. Within a
   family, references with different dates are different documents; an undated reference joins the single
   dated document it fits (term, year), stays with other undated ones when nothing fits, and is an
   unresolved node (``…@?``, missing ``date``) when several fit.
2. **Short references** (:func:`assign_short`): "Kết luận 21 của Ban Chấp hành Trung ương" joins the one
   document among the resolved full references with its number that :func:`short_fits`, else stays an
   unresolved ``ref:`` node that says what is missing.

The rules that say whether two references may be one document (:func:`family`, :func:`same_document`,
:func:`short_fits`) are loaders.sameness's: the loaders' within-file resolution (``loaders.resolve``) asks
the same questions, so the same words link whether the two documents are in one file or in two. A family's decision depends only on its members, a short reference's only on the full
references with its number: when a file comes or goes, only those are decided again (graph.store).

>>> a = DocRef(key="k", symbol="08-NQ/TU", number="8", jurisdiction="Hải Phòng", date="2022-12-06")
>>> b = DocRef(key="k", symbol="08-NQ/TU", number="8", jurisdiction="Đồng Nai", date="2022-12-08")
>>> ids = assign_ids({"x.txt": {"k": a}, "y.txt": {"k": b}})
>>> sorted(x.id for x in ids.values())
['doc:08-NQ/TU@Hải Phòng@2022-12-06', 'doc:08-NQ/TU@Đồng Nai@2022-12-08']
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..loaders.models import DocRef
from ..loaders.sameness import family, fits, is_local, short_fits
from ..loaders.symbols import identity_form

RefId = tuple[str, str]  # (file, local key)


@dataclass(frozen=True)
class Assigned:
    """The node a reference stands for, and whether that node is pinned to one document."""

    id: str
    resolved: bool = True
    missing: tuple[str, ...] = ()


# ------------------------------------------------------------------------------------------------- ids


def _doc_id(r: DocRef, local: bool, date: str | None = None, term: str | None = None, symbol: str | None = None) -> str:
    base = "doc:" + (symbol or r.symbol or "") + ("@" + (r.jurisdiction or "?") if local else "")
    if date:
        return base + "@" + date
    if term:
        return base + "@khóa " + term
    return base


def short_id(r: DocRef) -> str:
    """The node of a short reference that fits no single document."""
    return (
        f"ref:{r.label or 'Document'} {r.number}"
        + (f" | {r.issuer}" if r.issuer else "")
        + (f" | {r.jurisdiction}" if r.jurisdiction else "")
    )


def single_id(file: str, key: str, r: DocRef) -> str:
    """The node of a reference with neither symbol nor short form: the file's own document, or a named one."""
    if r.is_source:
        return "file:" + file
    return (
        "named:"
        + (r.title or r.name or key)
        + "|"
        + str(r.date or r.year or r.term or "")
        + ("|" + r.jurisdiction if r.jurisdiction else "")
    )


def family_spelling(members: Sequence[tuple[RefId, DocRef]]) -> str:
    """The one spelling a family's ids are written with: its members write the number as they like ("0125/KH-UBND",
    "125/KH-UBND"); a document's own header is taken first, else the commonest spelling (ties: the first in order).

    >>> family_spelling([(("a", "k"), DocRef(key="k", symbol="0125/KH-UBND")), (("b", "source"),
    ...                  DocRef(key="source", symbol="125/KH-UBND"))])
    '125/KH-UBND'
    """
    own = sorted(r.symbol or "" for _, r in members if r.is_source or r.key == "source")
    if own:
        return own[0]
    counts = Counter(r.symbol or "" for _, r in members)
    return min(counts, key=lambda s: (-counts[s], s))


def assign_family(members: Sequence[tuple[RefId, DocRef]]) -> dict[RefId, Assigned]:
    """Ids for every member of one family (any order in, the same answer out), written with its spelling."""
    ordered = sorted(members, key=lambda m: m[0])
    fam = family(ordered[0][1])
    assert fam is not None
    spelling = family_spelling(ordered)
    if fam.mode == "year":
        return {rid: Assigned(_doc_id(ordered[0][1], fam.local, symbol=spelling)) for rid, _ in ordered}
    out: dict[RefId, Assigned] = {}
    clusters: dict[str, tuple[str | None, str | None, int | None]] = {}
    for rid, r in ordered:
        if r.date:
            clusters.setdefault(r.date, (r.date, r.term, r.year))
            out[rid] = Assigned(_doc_id(r, fam.local, r.date, symbol=spelling))
    undated = [(rid, r) for rid, r in ordered if not r.date]
    for _rid, r in undated:  # an undated term no dated document takes is a document of its own
        if r.term and not any(fits(r, *c) for c in clusters.values()):
            clusters.setdefault("term:" + r.term, (None, r.term, None))
    for rid, r in undated:
        fit = [c for c in clusters.values() if fits(r, *c)]
        if len(fit) == 1:
            out[rid] = Assigned(_doc_id(r, fam.local, fit[0][0], fit[0][1], spelling))
        elif fit:
            out[rid] = Assigned(
                _doc_id(r, fam.local, symbol=spelling) + "@?", False, tuple(sorted({*r.missing, "date"}))
            )
        else:
            out[rid] = Assigned(_doc_id(r, fam.local, symbol=spelling))
    return out


@dataclass(frozen=True)
class Candidate:
    """A resolved full reference a short one may join: its node, the reference and the file naming it."""

    id: str
    ref: DocRef
    file: str


_Group = tuple[str, DocRef, frozenset[str]]  # a candidate node, what short_fits reads of it, the files naming it


class Candidates:
    """The resolved full references with one number, ready for many short references: references that
    agree on everything short_fits reads are looked at once, and only where short_fits can accept them
    (by type, and a local document by its place or the files naming it), so deciding a short reference
    costs the documents it could be, not every document with its number."""

    def __init__(self, candidates: Iterable[Candidate]) -> None:
        groups: dict[tuple[Any, ...], set[str]] = defaultdict(set)
        for c in candidates:
            r = c.ref
            groups[(c.id, r.label, r.year, r.issuer_code, r.jurisdiction, r.symbol)].add(c.file)
        self.labels: set[str | None] = set()
        self._open: dict[str | None, list[_Group]] = defaultdict(list)  # not local: no place needed
        self._by_place: dict[tuple[str | None, str | None], list[_Group]] = defaultdict(list)  # all, by place
        self._by_file: dict[tuple[str | None, str], list[_Group]] = defaultdict(list)  # local, by naming file
        for (gid, label, year, code, jur, symbol), files in sorted(groups.items(), key=lambda kv: str(kv[0])):
            g = (
                gid,
                DocRef(key="", label=label, year=year, issuer_code=code, jurisdiction=jur, symbol=symbol),
                frozenset(files),
            )
            self.labels.add(label)
            self._by_place[(label, jur)].append(g)
            if is_local(g[1]):
                for f in files:
                    self._by_file[(label, f)].append(g)
            else:
                self._open[label].append(g)

    def could_be(self, r: DocRef, file: str, place: str | None) -> Iterator[_Group]:
        """Every group short_fits could accept for the short reference `r` cited in `file`, whose document
        is of `place` (a group may come twice); short_fits rejects every group left out:
        a place named (`r.jurisdiction`) takes only documents of that place or of none; else a local
        document must be of `place` or named in `file`."""
        for label in [r.label, None] if r.label is not None else sorted(self.labels, key=str):
            if r.jurisdiction:
                yield from self._by_place.get((label, None), ())
                yield from self._by_place.get((label, r.jurisdiction), ())
                continue
            yield from self._open.get(label, ())
            if place is not None:
                yield from (g for g in self._by_place.get((label, place), ()) if is_local(g[1]))
            yield from self._by_file.get((label, file), ())


def assign_short(
    rid: RefId, r: DocRef, candidates: Candidates | Iterable[Candidate], citing_place: str | None
) -> Assigned:
    """The node of a short reference, given the resolved full references with its number."""
    index = candidates if isinstance(candidates, Candidates) else Candidates(candidates)
    fitting: set[str] = set()
    for gid, ref, files in index.could_be(r, rid[0], citing_place):
        if gid not in fitting and short_fits(r, ref, citing_place, rid[0] in files):
            fitting.add(gid)
            if len(fitting) > 1:
                break
    if len(fitting) == 1:
        return Assigned(next(iter(fitting)))
    return Assigned(short_id(r), False, tuple(r.missing) or ("symbol",))


def short_number(r: DocRef) -> str | None:
    """The number a short reference is resolved by (its tier-2 group)."""
    return identity_form(r.number) if r.short and r.number else None


def assign_ids(docs_by_file: Mapping[str, Mapping[str, DocRef]]) -> dict[RefId, Assigned]:
    """Every (file, local DocRef key) of a corpus mapped to its node (the in-memory whole-corpus form; the
    store makes the same decisions family by family).

    >>> s = DocRef(key="s", label="Conclusion", number="21", short=True, issuer="Ban Chấp hành Trung ương")
    >>> f = DocRef(key="f", label="Conclusion", symbol="21-KL/TW", number="21", issuer_code="TW", date="2021-01-02")
    >>> ids = assign_ids({"a.txt": {"s": s}, "b.txt": {"f": f}})
    >>> ids[("a.txt", "s")].id == ids[("b.txt", "f")].id == "doc:21-KL/TW@2021-01-02"
    True
    """
    out: dict[RefId, Assigned] = {}
    families: dict[str, list[tuple[RefId, DocRef]]] = defaultdict(list)
    shorts: list[tuple[RefId, DocRef]] = []
    for f, docs in docs_by_file.items():
        for k, r in docs.items():
            if (fam := family(r)) is not None:
                families[fam.key].append(((f, k), r))
            elif r.short:
                shorts.append(((f, k), r))
            else:
                out[(f, k)] = Assigned(single_id(f, k, r))
    for members in families.values():
        out.update(assign_family(members))
    by_number: dict[str, list[Candidate]] = defaultdict(list)
    for members in families.values():
        for rid, r in members:
            a = out[rid]
            if a.resolved and r.number:
                by_number[identity_form(r.number)].append(Candidate(a.id, r, rid[0]))
    places = {f: next((r.jurisdiction for r in docs.values() if r.is_source), None) for f, docs in docs_by_file.items()}
    indexes = {n: Candidates(cs) for n, cs in by_number.items()}
    for rid, r in shorts:
        out[rid] = assign_short(rid, r, indexes.get(short_number(r) or "") or Candidates(()), places[rid[0]])
    return out

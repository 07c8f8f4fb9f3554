"""Identity across the corpus: which DocRefs of which files are one real document.

Never merge on the number alone. A document key is built from what identifies it:

* State symbols with a year (``98/2023/QH15``, ``88/2012/NĐ-CP``): the symbol alone.
* Central Party and other symbols (``31-NQ/TW``, ``14/NQ-CP``): symbol + date, or + term, when known.
* Local symbols (``08-NQ/TU``, ``641/QĐ-UBND``): symbol + jurisdiction + date.

Within one symbol family, references with different dates are different documents; an undated
reference joins the single dated document it fits (term, year), stays with other undated ones when
nothing fits, and becomes an unresolved node when several fit. Short references ("Kết luận 21 của Ban
Chấp hành Trung ương") join the one document in the corpus that fits, else stay unresolved.

>>> from policygraph.loaders.models import DocRef
>>> a = DocRef(key="k", symbol="08-NQ/TU", number="8", jurisdiction="Hải Phòng", date="2022-12-06")
>>> b = DocRef(key="k", symbol="08-NQ/TU", number="8", jurisdiction="Đồng Nai", date="2022-12-08")
>>> ids = assign_ids({"x.txt": {"k": a}, "y.txt": {"k": b}})
>>> sorted(ids.values())
['doc:08-NQ/TU@Hải Phòng@2022-12-06', 'doc:08-NQ/TU@Đồng Nai@2022-12-08']
"""

from __future__ import annotations

from collections import defaultdict

from ..loaders.models import DocRef
from ..loaders.normalise import fold_key
from ..loaders.symbols import identity_form, parse

RefId = tuple[str, str]  # (file, local key)


def _family(r: DocRef) -> tuple[str, str, bool]:
    sym = parse(r.symbol or "")
    local = bool(sym and sym.is_local)
    fam = identity_form(r.symbol or "")
    if local:
        fam += "@" + fold_key(r.jurisdiction or "?")
    return fam, ("year" if sym and sym.shape == "state_year" else "dated"), local


def _fits(r: DocRef, date: str | None, term: str | None, year: int | None) -> bool:
    if r.date and date and r.date != date:
        return False
    if r.term and term and r.term != term:
        return False
    return not (r.year and year and r.year != year)


def _doc_id(r: DocRef, local: bool, date: str | None, term: str | None, with_date: bool) -> str:
    base = "doc:" + (r.symbol or "")
    if local:
        base += "@" + (r.jurisdiction or "?")
    if with_date and date:
        return base + "@" + date
    if with_date and term:
        return base + "@khóa " + term
    return base


def assign_ids(docs_by_file: dict[str, dict[str, DocRef]]) -> dict[RefId, str]:
    """Map every (file, local DocRef key) to a global node id."""
    out: dict[RefId, str] = {}
    families: dict[str, list[tuple[RefId, DocRef]]] = defaultdict(list)
    fam_info: dict[str, tuple[str, bool]] = {}
    shorts: list[tuple[RefId, DocRef]] = []
    for f in sorted(docs_by_file):
        for k, r in docs_by_file[f].items():
            rid = (f, k)
            if r.symbol:
                fam, mode, local = _family(r)
                families[fam].append((rid, r))
                fam_info[fam] = (mode, local)
            elif r.short:
                shorts.append((rid, r))
            elif r.is_source:
                out[rid] = "file:" + f
            else:
                out[rid] = "named:" + (r.title or r.name or k) + "|" + str(r.date or r.year or r.term or "") + (
                    "|" + r.jurisdiction if r.jurisdiction else "")
    for fam, members in families.items():
        mode, local = fam_info[fam]
        if mode == "year":
            first = members[0][1]
            for rid, _ in members:
                out[rid] = _doc_id(first, local, None, None, False)
            continue
        # clusters keyed by date; then by term for undated ones
        clusters: dict[str, tuple[str | None, str | None, int | None]] = {}
        for _rid, r in members:
            if r.date and r.date not in clusters:
                clusters[r.date] = (r.date, r.term, r.year)
        for rid, r in members:
            if r.date:
                out[rid] = _doc_id(r, local, r.date, None, True)
        undated = [(rid, r) for rid, r in members if not r.date]
        # undated references with a term that no dated document takes form a cluster of their own
        for _rid, r in undated:
            if r.term and not any(_fits(r, *c) for c in clusters.values()):
                clusters.setdefault("term:" + r.term, (None, r.term, None))
        for rid, r in undated:
            fits = [c for c in clusters.values() if _fits(r, *c)]
            if len(fits) == 1:
                d, t, _ = fits[0]
                out[rid] = _doc_id(r, local, d, t, True)
            elif len(fits) > 1:
                out[rid] = _doc_id(r, local, None, None, False) + "@?"
                r.resolved = False
                if "date" not in r.missing:
                    r.missing = [*r.missing, "date"]
            else:
                out[rid] = _doc_id(r, local, None, None, False)
    # short references against the whole corpus
    by_number: dict[str, list[tuple[str, DocRef]]] = defaultdict(list)
    for (f, k), gid in out.items():
        r = docs_by_file[f][k]
        if r.symbol and r.number and r.resolved:
            by_number[r.number].append((gid, r))
    for rid, r in shorts:
        cands = {gid for gid, c in by_number.get(r.number or "", [])
                 if (c.label == r.label or not c.label or not r.label) and _issuer_fits(r, c)
                 and (not r.jurisdiction or c.jurisdiction in (None, r.jurisdiction))
                 and (r.jurisdiction or not _local(c) or _same_place(rid, c, docs_by_file))}
        if len(cands) == 1:
            out[rid] = next(iter(cands))
        else:
            out[rid] = f"ref:{r.label or 'Document'} {r.number}" + (f" | {r.issuer}" if r.issuer else "") + (
                f" | {r.jurisdiction}" if r.jurisdiction else "")
    return out


def _local(c: DocRef) -> bool:
    sym = parse(c.symbol or "")
    return bool(sym and sym.is_local)


def _same_place(rid: RefId, c: DocRef, docs_by_file: dict[str, dict[str, DocRef]]) -> bool:
    src = next((r for r in docs_by_file[rid[0]].values() if r.is_source), None)
    return bool(src and src.jurisdiction and src.jurisdiction == c.jurisdiction)


def _issuer_fits(short: DocRef, c: DocRef) -> bool:
    if not short.issuer_code:
        return True
    code = (c.issuer_code or "").upper()
    want = short.issuer_code.upper()
    if want in ("TU", "HU", "QU"):
        return code.endswith(("TU", "HU", "QU"))
    return code.startswith(want) or want in code.split("-")

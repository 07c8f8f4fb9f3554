"""Resolve: turn one file's mentions into the documents it refers to (DocRefs), within that file.

A full mention becomes a DocRef keyed by what identifies the document: its symbol, and for local
symbols (TU, HU, UBND, HĐND, ...) the jurisdiction, worked out from the body named ("của Tỉnh ủy" in a
Long Khánh document is Đồng Nai's Tỉnh ủy) or, failing that, from the citing document. Two mentions with
the same symbol and different dates are two documents; an undated mention joins the single dated one
that fits, or stays apart. A short mention ("Nghị quyết 98") joins the one full mention in the file that
fits (as eyecite resolves short cites: only on a unique match); otherwise it stays a short DocRef, for
graph.identity to resolve against the whole corpus.

>>> from policygraph.loaders.find import find_mentions
>>> ms = find_mentions("Thực hiện Nghị quyết số 98/2023/QH15 của Quốc hội. Nghị quyết 98 quy định ...")
>>> src = DocRef(key="source", is_source=True)
>>> docs = resolve_mentions(ms, src)
>>> [m.ref for m in ms]
['98/2023/qh15', '98/2023/qh15']
"""

from __future__ import annotations

import re
import sys
from dataclasses import replace

from . import gazetteer
from .bodies import BodyInfo, classify, compatible, issuer_of_code
from .dates import party_term
from .header import display_name
from .models import DocRef, Level, Mention
from .normalise import fold_key
from .sameness import family, fits, same_document, short_fits
from .symbols import identity_form

_CONSTITUTIONS = [("1980-12-18", 1980), ("1992-04-15", 1992), ("2014-01-01", 2013)]


def place_body(info: BodyInfo | None, source: DocRef) -> str | None:
    """The jurisdiction of a local body named in a document of `source.jurisdiction`."""
    if info is None or info.level == "central":
        return None
    if info.place_text:
        place = None
        if info.scope == "city":
            # "Thành ủy Bắc Ninh" is the city's committee, "Tỉnh ủy Bắc Ninh" the province's
            place = gazetteer.canonical("thành phố " + info.place_text)
        place = place or gazetteer.canonical(info.place_text)
        if place is None:
            found = gazetteer.find_places(info.place_text)
            place = found[0].name if found else None
        if place:
            return place
    j = source.jurisdiction
    if j is None:
        return None
    if info.scope == "province" and (source.level == "district" or gazetteer.level(j) == "district"):
        return source.parent_jurisdiction or gazetteer.parent(j) or j
    return j


def _full_ref(m: Mention, source: DocRef) -> DocRef:
    sym = m.sym
    assert sym is not None
    info = m.body
    if info is not None and not compatible(
        info,
        sym.issuer_code
        if sym.shape != "state"
        else (sym.type_code if sym.type_code in {"UBND", "HĐND"} else sym.issuer_code),
    ):
        info = None
    jurisdiction = None
    level: Level | None = "central"
    if sym.is_local:
        jurisdiction = place_body(info, source) if info else source.jurisdiction
        level = (
            (gazetteer.level(jurisdiction) or (source.level if jurisdiction == source.jurisdiction else None))
            if jurisdiction
            else None
        )
    issuer = display_name(info, jurisdiction) if info else issuer_of_code(sym.issuer_code)
    year = int(m.date[:4]) if m.date else sym.year
    term = m.term
    if sym.shape == "party" and not sym.is_local and m.date and not term:
        term = party_term(m.date)
    if sym.shape == "state_year" and (qh := re.fullmatch(r"QH(\d+)", sym.issuer_code or "")):
        term = sys.intern(qh.group(1))
    return DocRef(
        key="",
        label=m.label,
        symbol=sym.symbol,
        number=sym.number,
        type_code=sym.type_code,
        issuer_code=sym.issuer_code,
        date=m.date,
        year=year,
        issuer=issuer,
        jurisdiction=jurisdiction,
        level=level,
        branch=sym.branch,
        term=term,
        title=m.title,
        body=info,
    )


def _is_source(source: DocRef, r: DocRef) -> bool:
    """Is the mention `r` the loading document itself (its own symbol quoted in its text)?"""
    if not source.symbol or identity_form(source.symbol) != identity_form(r.symbol or ""):
        return False
    return r.jurisdiction in (None, source.jurisdiction) and fits(r, source.date, source.term, source.year)


def _resolve_full(mentions: list[Mention], source: DocRef) -> dict[str, DocRef]:
    """Full mentions -> DocRefs: dated ones first, so an undated one joins the single dated one that is the
    same document (loaders.sameness.same_document); with several it stays apart, missing its date."""
    docs: dict[str, DocRef] = {}
    groups: dict[str, list[DocRef]] = {}
    for m in sorted((m for m in mentions if m.symbol and m.form != "header"), key=lambda m: (m.date is None, m.start)):
        r = _full_ref(m, source)
        if _is_source(source, r):
            m.ref = source.key
            continue
        fam = family(r)
        assert fam is not None
        fits = [g for g in groups.get(fam.key, []) if same_document(g, r)]
        if len(fits) == 1:
            docs[fits[0].key] = fits[0] = _merged(fits[0], r)
            groups[fam.key] = [fits[0] if g.key == fits[0].key else g for g in groups[fam.key]]
            m.ref = fits[0].key
            continue
        if fits:  # an undated mention that several dated documents could be: keep it apart
            r.resolved, r.missing = False, ["date"]  # r is this loop's own new DocRef
        r.key = _unique_key(fam.key + ("@" + r.date if r.date else "") + ("" if r.resolved else "@ambiguous"), docs)
        groups.setdefault(fam.key, []).append(r)
        docs[r.key] = r
        m.ref = r.key
    return docs


def _unique_key(base: str, docs: dict[str, DocRef]) -> str:
    key, n = base, 2
    while key in docs:
        key, n = f"{base}@{n}", n + 1
    return key


def _merged(dst: DocRef, src: DocRef) -> DocRef:
    """`dst` with the fields it lacks taken from `src`."""
    fields = ("label", "date", "year", "issuer", "term", "title", "jurisdiction", "level", "branch")
    missing = {f: getattr(src, f) for f in fields if getattr(dst, f) is None and getattr(src, f) is not None}
    return replace(dst, **missing) if missing else dst


def _short_ref(m: Mention, source: DocRef) -> DocRef:
    """A short mention as a DocRef; a State number cut short ("Luật … số 47/2024") keeps its year."""
    info = m.body
    jurisdiction = place_body(info, source) if info and info.level != "central" else None
    issuer = display_name(info, jurisdiction) if info else None
    key = f"short:{m.label or 'Document'}:{m.number}:{fold_key(issuer or '')}" + (
        f":{m.symbol_year}" if m.symbol_year else ""
    )
    return DocRef(
        key=key,
        label=m.label,
        number=m.number,
        year=m.symbol_year,
        issuer=issuer,
        jurisdiction=jurisdiction,
        level=(info.level if info and info.level == "central" else None),
        branch=info.branch if info else None,
        issuer_code=(info.codes[0] if info and info.codes else None),
        resolved=False,
        missing=["symbol"],
        short=True,
        term=m.term,
        body=info,
    )


def _resolve_short(mentions: list[Mention], source: DocRef, full: list[DocRef]) -> dict[str, DocRef]:
    """Short mentions ("Nghị quyết 98") join the one full reference of the file that fits
    (loaders.sameness.short_fits, as across files); otherwise they stay short DocRefs for the corpus."""
    docs: dict[str, DocRef] = {}
    for m in (m for m in mentions if m.form == "short"):
        r = _short_ref(m, source)
        cands = [c for c in full if c.number == m.number and short_fits(r, c, source.jurisdiction, True)]
        if len(cands) == 1:
            m.ref = cands[0].key
            continue
        docs.setdefault(r.key, r)
        m.ref = r.key
    return docs


def _resolve_named(mentions: list[Mention], source: DocRef) -> dict[str, DocRef]:
    """Named references without a number ("Hiến pháp năm 2013", "Nghị quyết Đại hội XIII")."""
    docs: dict[str, DocRef] = {}
    for m in (m for m in mentions if m.form == "named"):
        year = m.symbol_year
        if m.label == "Constitution" and year is None and source.date:
            for start, y in _CONSTITUTIONS:
                if source.date >= start:
                    year = y
        local = bool(m.issuer and "Đảng bộ" in m.issuer)
        # "Đại hội Đảng bộ tỉnh" named in a district-level document is the province's congress
        jurisdiction = place_body(classify((m.issuer or "").replace("Đại hội ", "")), source) if local else None
        title = m.title or m.quote
        key = f"named:{fold_key(title)}|{m.date or year or m.term or ''}|{fold_key(jurisdiction or '')}"
        docs.setdefault(
            key,
            DocRef(
                key=key,
                label=m.label,
                name=title,
                title=title,
                year=year,
                term=m.term,
                date=m.date,
                jurisdiction=jurisdiction,
                level=("central" if not local else None),
                issuer=(f"{m.issuer} {jurisdiction}" if local and jurisdiction else m.issuer),
                missing=["symbol"],
            ),
        )
        m.ref = key
    return docs


def resolve_mentions(mentions: list[Mention], source: DocRef) -> dict[str, DocRef]:
    """Assign `m.ref` for every mention; return the DocRefs by key (the source included)."""
    full = _resolve_full(mentions, source)
    for m in mentions:
        if m.form == "header" and m.symbol:
            m.ref = source.key
    short = _resolve_short(mentions, source, list(full.values()))
    return {source.key: source, **full, **short, **_resolve_named(mentions, source)}

"""One file through the whole loader chain: read -> normalise -> find -> resolve -> relate.

>>> from policygraph.loaders.models import Text
>>> x = extract_text(Text(path="a.txt", text="Căn cứ Luật Công đoàn số 12/2012/QH13 của Quốc hội;"))
>>> [(r.type, r.kind, r.target) for r in x.relations if r.type != "ISSUED_BY"]
[('IMPLEMENTS', 'based_on', '12/2012/qh13')]
"""

from __future__ import annotations

import dataclasses
import hashlib

from . import gazetteer, readers
from .bodies import classify
from .effective import cited_effective, own_effective
from .evidence import Passages
from .find import find_mentions
from .header import display_name, read_header
from .models import Body, DocRef, Evidence, Extraction, Mention, Project, Relation, Text
from .normalise import MatchView, fold_key
from .projects import find_projects
from .relations import relate
from .resolve import party_term, resolve_mentions
from .symbols import parse

SOURCE = "source"


def extract_file(path: str, rel: str | None = None) -> Extraction:
    """Read and extract one file (`rel`: its path relative to the folder loaded, its identity); raises
    models.LoadError with a one-line message on bad input."""
    return extract_text(dataclasses.replace(readers.read(path), rel=rel))


def extract_text(text: Text) -> Extraction:
    """Everything one text states, as an Extraction (documents, bodies, projects, relations)."""
    raw = text.text
    view = MatchView.of(raw)
    mentions = find_mentions(view)
    h = read_header(raw, mentions)
    src = DocRef(key=SOURCE, is_source=True, label=h.label, date=h.date, issuer=h.issuer,
                 jurisdiction=h.jurisdiction, parent_jurisdiction=h.parent_jurisdiction, level=h.level,
                 name=text.name,
                 year=int(h.date[:4]) if h.date else None)
    if h.symbol and (sym := parse(h.symbol)):
        src.symbol, src.number, src.type_code, src.issuer_code = sym.symbol, sym.number, sym.type_code, sym.issuer_code
        src.branch = sym.branch
        src.year = src.year or sym.year
        if not sym.is_local:
            src.jurisdiction, src.level = None, "central"
        if sym.shape == "party" and not sym.is_local:
            src.term = party_term(src.date)
    elif h.issuer_info is not None:
        src.branch = h.issuer_info.branch
    if src.term is None and h.term and src.level != "central":
        src.term = h.term
    src.effective = own_effective(view.text, src.date)
    docs = resolve_mentions(mentions, src)
    passages = Passages(view, text.ident)
    _cited_effective(docs, mentions, passages)
    relations = relate(view, mentions, SOURCE, passages, src.effective)
    x = Extraction(file=text.ident, path=text.path, sha256=hashlib.sha256(raw.encode("utf-8")).hexdigest(),
                   source=SOURCE, docs=docs, mentions=mentions)
    first: dict[str, Evidence] = {}
    for m in mentions:
        if m.ref and m.ref not in first:
            first[m.ref] = passages.evidence(m.start, m.end)
    _bodies(x, first)
    for p in find_projects(view):
        ev = passages.evidence(p.start, p.end)
        x.projects[p.key] = Project(key=p.key, name=p.name, aliases=p.aliases, evidence=[ev])
        x.relations.append(Relation(source=SOURCE, target=p.key, type="MENTIONS", evidence=ev))
    x.relations[:0] = relations
    return x


def _cited_effective(docs: dict[str, DocRef], mentions: list[Mention], passages: Passages) -> None:
    """The effective date a text gives a cited document right after it ("... có hiệu lực từ ngày ...")."""
    text = passages.view.text
    for m in mentions:
        if m.ref in docs and m.ref != SOURCE and docs[m.ref].effective is None:
            a = passages.offsets.of(m.attr_end)
            docs[m.ref].effective = cited_effective(text[a:a + 120])


def _body_key(name: str) -> str:
    return "body:" + fold_key(name)


def _add_body(x: Extraction, name: str, info_name: str, level: str | None, branch: str | None,
              jurisdiction: str | None) -> str:
    key = _body_key(name)
    if key not in x.bodies:
        x.bodies[key] = Body(key=key, name=name, level=level, branch=branch, jurisdiction=jurisdiction)
        info = classify(info_name)
        parent_name = None
        parent_j = jurisdiction
        if info is not None and info.parent_name:
            parent_name = info.parent_name
        elif info is not None and info.level == "local" and info.branch == "party" and jurisdiction and \
                gazetteer.level(jurisdiction) == "district" and (prov := gazetteer.parent(jurisdiction)):
            # a district-level committee sits under its province's committee
            parent_name, parent_j = ("Thành ủy" if prov.startswith("Thành phố") else "Tỉnh ủy"), prov
        if parent_name:
            pinfo = classify(parent_name)
            if pinfo is not None:
                pname = display_name(pinfo, parent_j)
                plevel = "central" if pinfo.level == "central" else (gazetteer.level(parent_j) if parent_j else None)
                pkey = _add_body(x, pname, parent_name, plevel, pinfo.branch, parent_j if pinfo.level != "central"
                                 else None)
                x.bodies[key].parent = pkey
                x.relations.append(Relation(source=key, target=pkey, type="PART_OF"))
    return key


def _bodies(x: Extraction, first: dict[str, Evidence]) -> None:
    for d in list(x.docs.values()):
        if not d.issuer:
            continue
        info = classify(d.issuer.replace(d.jurisdiction or "\0", "").strip()) or classify(d.issuer)
        if info is None:
            continue
        level = "central" if info.level == "central" else (gazetteer.level(d.jurisdiction) if d.jurisdiction else None)
        key = _add_body(x, d.issuer, info.name, level, info.branch,
                        d.jurisdiction if info.level != "central" else None)
        x.relations.append(Relation(source=d.key, target=key, type="ISSUED_BY", evidence=first.get(d.key)))

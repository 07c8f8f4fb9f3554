"""One file through the whole loader chain: read -> normalise -> find -> resolve -> relate.

>>> from policygraph.loaders.models import Text
>>> x = extract_text(Text(path="a.txt", text="Căn cứ Luật Công đoàn số 12/2012/QH13 của Quốc hội;"))
>>> [(r.type, r.kind, r.target) for r in x.relations if r.type != "ISSUED_BY"]
[('IMPLEMENTS', 'based_on', '12/2012/qh13')]
"""

from __future__ import annotations

import dataclasses
import hashlib
import re

from . import gazetteer, readers
from .bodies import BodyInfo, classify
from .dates import NUMERIC_DATE, iso
from .effective import cited_effective, own_effective
from .evidence import Passages
from .find import find_mentions
from .header import display_name, read_header
from .models import Body, DocRef, Evidence, Extraction, Mention, Project, Relation, Text
from .normalise import MatchView, fold_key
from .ocr import OcrMode, PageProgress
from .portal_links import item_mentions, portal_relations
from .projects import find_projects
from .relations import relate
from .resolve import resolve_mentions

SOURCE = "source"


def extract_file(
    path: str, rel: str | None = None, ocr: OcrMode = "auto", progress: PageProgress | None = None
) -> Extraction:
    """Read and extract one file (`rel`: its path relative to the folder loaded, its identity; `ocr` and
    `progress`: see readers.read); raises models.LoadError with a one-line message on bad input."""
    return extract_text(dataclasses.replace(readers.read(path, ocr, progress), rel=rel))


def extract_text(text: Text) -> Extraction:
    """Everything one text states, as an Extraction (documents, bodies, projects, relations)."""
    raw = text.text
    view = MatchView.of(raw)
    mentions = find_mentions(view)
    fields = text.fields or {}
    src = read_header(view, mentions, name=text.name, key=SOURCE, fields=text.fields)
    src = dataclasses.replace(
        src,
        effective=_field_date(fields.get("ngày có hiệu lực")) or own_effective(view.text, src.date),
        stated_status=fields.get("tình trạng hiệu lực"),
    )
    if text.ocr_pages:  # the document is marked as read by OCR, with how sure Tesseract was
        src = dataclasses.replace(src, ocr_pages=text.ocr_pages, ocr_confidence=text.ocr_confidence)
    listed = item_mentions(text.portal_relations)  # a portal's curated lists: resolved with the text's mentions
    docs = resolve_mentions([*mentions, *(m for _, m in listed)], src)
    passages = Passages(view, text.ident)
    _cited_effective(docs, mentions, passages)
    relations = relate(view, mentions, SOURCE, passages, src.effective)
    x = Extraction(
        file=text.ident,
        path=text.path,
        sha256=hashlib.sha256(raw.encode("utf-8")).hexdigest(),
        source=SOURCE,
        docs=docs,
        mentions=mentions,
    )
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
    x.relations.extend(portal_relations(listed, SOURCE, text.ident))
    listed_only = {m.ref for _, m in listed} - {m.ref for m in mentions}
    for r in x.relations:  # the issuer of a document only a portal's list names is the portal's word
        if r.type == "ISSUED_BY" and r.source in listed_only:
            r.origin = "portal"
    if text.ocr_pages:
        x.warnings.append(
            f"{text.ocr_pages} pages read by OCR (mean word confidence "
            f"{text.ocr_confidence if text.ocr_confidence is not None else '-'}/100)"
        )
    return x


def _field_date(value: str | None) -> str | None:
    """An ISO date from a portal field ("01/01/2018")."""
    m = re.search(NUMERIC_DATE, value or "")
    return iso(m["d"], m["m"], m["y"]) if m else None


def _cited_effective(docs: dict[str, DocRef], mentions: list[Mention], passages: Passages) -> None:
    """The effective date a text gives a cited document right after it ("... có hiệu lực từ ngày ...")."""
    text = passages.view.text
    for m in mentions:
        if m.ref in docs and m.ref != SOURCE and docs[m.ref].effective is None:
            a = passages.offsets.of(m.attr_end)
            docs[m.ref].effective = cited_effective(text[a : a + 120])


def _body_key(name: str) -> str:
    return "body:" + fold_key(name)


def _parent_of(info: BodyInfo, jurisdiction: str | None) -> tuple[BodyInfo, str | None] | None:
    """The body `info` is part of, and that body's jurisdiction."""
    if info.parent_name:
        parent = classify(info.parent_name)
        return (parent, jurisdiction) if parent is not None else None
    if (
        info.level == "local"
        and info.branch == "party"
        and jurisdiction
        and gazetteer.level(jurisdiction) == "district"
        and (prov := gazetteer.parent(jurisdiction))
    ):
        # a district-level committee sits under its province's committee
        parent = classify("Thành ủy" if prov.startswith("Thành phố") else "Tỉnh ủy")
        return (parent, prov) if parent is not None else None
    return None


def _add_body(x: Extraction, name: str, info: BodyInfo, jurisdiction: str | None) -> str:
    """Add the body `info` named `name` (and the bodies it is part of) to `x`; return its key."""
    key = _body_key(name)
    if key in x.bodies:
        return key
    central = info.level == "central"
    x.bodies[key] = Body(
        key=key,
        name=name,
        branch=info.branch,
        jurisdiction=None if central else jurisdiction,
        level="central" if central else (gazetteer.level(jurisdiction) if jurisdiction else None),
    )
    if (parent := _parent_of(info, jurisdiction)) is not None:
        pinfo, pj = parent
        pkey = _add_body(x, display_name(pinfo, pj), pinfo, pj)
        x.bodies[key].parent = pkey
        x.relations.append(Relation(source=key, target=pkey, type="PART_OF"))
    return key


def _bodies(x: Extraction, first: dict[str, Evidence]) -> None:
    """Each document's issuing body (with the bodies it is part of) and an ISSUED_BY statement."""
    for d in list(x.docs.values()):
        if not d.issuer:
            continue
        # a body the text named travels on the DocRef; one named by a symbol's code or a title is read here
        info = d.body or classify(d.issuer)
        if info is None:
            continue
        key = _add_body(x, d.issuer, info, d.jurisdiction)
        x.relations.append(Relation(source=d.key, target=key, type="ISSUED_BY", evidence=first.get(d.key)))

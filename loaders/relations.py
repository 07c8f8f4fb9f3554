"""Relate: typed statements with evidence, from the loaded document and between documents it names.

One pass over the mentions in text order, one sentence at a time (linear in the text: each sentence's
words are scanned once, each mention looks at a bounded window). What the words mean is decided in
loaders.wording; which mentions and sentences make one list, by their punctuation and layout alone, in
loaders.lists:

* source -> cited: IMPLEMENTS, SUPERSEDES (with the part touched as `scope`, and when the change takes
  effect as `effective`) or CITES; an item of a list takes the reading of the list's lead-in ("Bãi bỏ các
  quyết định sau đây:"), a member of a list the reading of the member before it ("Bãi bỏ Điều 2 của Luật
  A; Điều 4 của Luật B");
* cited -> cited: "Chương trình hành động số 46-CTr/TU ... về thực hiện Nghị quyết số 27-NQ/TW" gives
  46-CTr/TU IMPLEMENTS 27-NQ/TW; "X đã được sửa đổi, bổ sung theo Y" gives Y SUPERSEDES (amends) X;
  "Kế hoạch A ... và Kế hoạch B ... thực hiện C" gives A and B IMPLEMENTS C, "A về thực hiện B ... và C"
  A IMPLEMENTS B and C. Such a relation carries `stated_by` (the file). The verb is read before the
  loaded document's own relations: it is said of A, not of the text, so it neither makes the text carry
  out or amend B nor goes on to the next item of a list.
  The loaded document's relation to the second document is then its relation to the first: a text that
  carries out the programme carries out what the programme carries out; a text that reports on the
  programme cites both.
* a list whose verb governs it goes on across sentences that end in ";" or "," and start with a mention
  ("Để tiếp tục thực hiện Chỉ thị A; Chỉ thị B,\nKế hoạch C"); a page number between two items of a
  list does not end it.

Every relation carries its evidence (loaders.evidence): file, the mention's span, a bounded excerpt.

>>> from policygraph.loaders.find import find_mentions
>>> from policygraph.loaders.resolve import resolve_mentions
>>> from policygraph.loaders.models import DocRef
>>> from policygraph.loaders.normalise import MatchView
>>> t = "Ban Thường vụ Tỉnh ủy vừa ban hành Chương trình hành động số 41-CTr/TU thực hiện Nghị quyết số 57-NQ/TW."
>>> v = MatchView.of(t); ms = find_mentions(v); _ = resolve_mentions(ms, DocRef(key="source", is_source=True))
>>> [(r.source, r.type, r.target) for r in relate(v, ms, "source", Passages(v, "x.txt"))]
[('source', 'CITES', '41-ctr/tu@?'), ('source', 'CITES', '57-nq/tw'), ('41-ctr/tu@?', 'IMPLEMENTS', '57-nq/tw')]
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass

from . import lists
from . import wording as w
from .effective import stated_effective
from .evidence import Passages
from .models import Evidence, Mention, Relation
from .normalise import MatchView
from .wording import classify_source_relation

__all__ = ["classify_source_relation", "relate"]

_GAP = 260  # the most characters (spaces squashed) between two mentions that one verb relates
_AFTER = 500  # characters after a mention read for what they say of it ("... hết hiệu lực kể từ ngày ...")
_TITLE_ZONE = 3000  # how far into the text a document's title may start


@dataclass(slots=True)
class _At:
    """A mention in view offsets, with its sentence and what the loaded document does with it."""

    m: Mention
    start: int
    end: int
    attr_end: int
    sentence: int  # where its sentence starts (view offset)
    reading: w.Reading = w.CITES
    effective: str | None = None
    listed: bool = False  # its reading is that of a list's lead-in (an item, or a member after one)
    said: w.Reading | None = None  # what the previous mention does with it ("<prev> thực hiện <this>")


@dataclass
class _Lead:
    """A lead-in to a list ("Bãi bỏ các quyết định sau đây:"): its reading and when its change takes effect."""

    reading: w.Reading
    effective: str | None


def relate(
    view: MatchView, mentions: list[Mention], source: str, passages: Passages, effective: str | None = None
) -> list[Relation]:
    """Relations stated in the text: from the loaded document (`source`, which takes effect on `effective`)
    and between mentioned documents."""
    ats = _located(mentions, passages)
    _chained(view.text, ats, source)
    _read_sentences(view.text, ats, source, passages, effective)
    pairs = _between(view.text, ats, source, passages)
    for r in pairs:
        if source in (r.source, r.target):
            r.stated_by = None  # the loaded document's own statement ("<A> thực hiện <this document>")
    own = [_source_relation(a, source, passages) for a in ats if a.m.ref != source and a.m.form != "header"]
    return own + pairs


def _located(mentions: list[Mention], passages: Passages) -> list[_At]:
    ats = []
    for m in sorted((m for m in mentions if m.ref), key=lambda m: m.start):
        s, e = passages.view_span(m.start, m.end)
        ats.append(_At(m, s, e, passages.offsets.of(m.attr_end), passages.sentences.start(s)))
    return ats


def _source_relation(a: _At, source: str, passages: Passages) -> Relation:
    r = a.reading
    return Relation(
        source=source,
        target=a.m.ref or "",
        type=r.type,
        kind=r.kind,
        scope=r.scope,
        effective=a.effective if r.type == "SUPERSEDES" else None,
        evidence=passages.evidence(a.m.start, a.m.end),
    )


# ------------------------------------------------------------------------------ the loaded document's


def _read_sentences(text: str, ats: list[_At], source: str, passages: Passages, own: str | None) -> None:
    """Read the loaded document's relation to every mention, sentence by sentence; an item of a list
    reads with the lead-in of its list (_lead_before)."""
    starts = [a.sentence for a in ats]  # ats are in text order, so sentence by sentence
    leads: dict[int, _Lead | None] = {}
    i = 0
    while i < len(ats):
        s = starts[i]
        j = bisect.bisect_right(starts, s, i)
        e = passages.sentences.span(s)[1]
        lead = _lead_before(text, s, ats, starts, passages, own, leads) or _list_goes_on(text, ats, i, s)
        t = _title_start(text, s, ats[i], ats[i - 1].end if i else 0, passages)
        _read_group(text, _masked(text, t, e, ats[i:j]), t, e, ats[i:j], source, lead, own)
        i = j


def _title_start(text: str, s: int, first: _At, floor: int, passages: Passages) -> int:
    """Where a title written in capitals over several lines starts, when the sentence at `s` is its last
    line ("VỀ VIỆC SỬA ĐỔI, BỔ SUNG MỨC HỖ TRỢ QUY ĐỊNH\nTẠI NGHỊ QUYẾT SỐ 12/2023/NQ-HĐND"): the lines
    of capitals before it, no mention in them (not before `floor`), at most three; else `s`. Only near the
    top of the text, and only when the mention too is in capitals: a heading ("TỔ CHỨC THỰC HIỆN") before
    a sentence in lower case is no part of it."""
    if s > _TITLE_ZONE or not lists.capitals(text[s : first.end]):
        return s
    start = s
    for _ in range(3):
        if start <= floor + 1:
            break
        ps, pe = passages.sentences.span(start - 1)
        if ps < floor or not lists.capitals(text[ps:pe], line=True):
            break
        start = ps
    return start


def _list_goes_on(text: str, ats: list[_At], i: int, s: int) -> _Lead | None:
    """The sentence at `s` goes on with the list of the sentence before, whose verb governs it ("Để tiếp tục
    thực hiện Chỉ thị A; Chỉ thị B;\nChỉ thị C, Phương án D"): the previous sentence ends with ";" or ","
    after a mention that the verb governs (a verb of loaders.lexicon that governs a list, or a list this
    one goes on), and this one starts with a mention."""
    if i == 0 or not lists.opens_with_mention(text[s : ats[i].start]):
        return None
    p = ats[i - 1]
    if (
        p.reading.type != "IMPLEMENTS"
        or p.said is not None
        or s - p.attr_end > _GAP
        or not lists.list_goes_on(text[p.attr_end : s])
    ):
        return None
    if not p.listed and not w.governs_list(text[p.sentence : p.start]):
        return None  # "Bám sát Nghị quyết A;\nNghị quyết B ...": the verb does not govern a list (lexicon)
    return _Lead(p.reading, p.effective)


def _lead_before(
    text: str,
    s: int,
    ats: list[_At],
    starts: list[int],
    passages: Passages,
    own: str | None,
    known: dict[int, _Lead | None],
) -> _Lead | None:
    """The lead-in whose list the sentence at `s` is an item of: walking back over items, the first
    sentence ending in ":" ("Bãi bỏ các quyết định sau đây:"); none when a sentence that is not an item
    comes first. `known` keeps the answer for every item walked over (a list of a thousand items is
    walked once)."""
    walked, lead = [], None
    while s > 0 and lists.starts_item(text[s : min(passages.sentences.span(s)[1], s + 12)]):
        if s in known:
            lead = known[s]
            break
        walked.append(s)
        ps, pe = passages.sentences.span(s - 1)
        while ps > 0 and lists.page_furniture(text[ps:pe]):  # a page number between two items
            ps, pe = passages.sentences.span(ps - 1)
        if text[ps:pe].rstrip().endswith(":"):
            group = ats[bisect.bisect_left(starts, ps) : bisect.bisect_right(starts, ps)]
            lead = _lead_in(_masked(text, ps, pe, group), group, ps, own)
            break
        s = ps
    for k in walked:
        known[k] = lead
    return lead


def _masked(text: str, s: int, e: int, group: list[_At]) -> str:
    """text[s:e] with the mentions of `group` blanked (other documents' names are not wording about a
    mention: "Chương trình hành động số 46-CTr/TU" or "Pháp lệnh Ký kết và thực hiện thỏa thuận quốc tế")."""
    parts, pos = [], s
    for a in group:
        end = min(a.end, e)
        said = a.said is not None and pos > s  # "<prev> thực hiện <a>": the verb is not the text's
        parts += [" " * (a.start - pos) if said else text[pos : a.start], " " * (end - a.start)]
        pos = end
    parts.append(text[pos:e])
    return "".join(parts)


def _read_group(
    text: str, masked: str, s: int, e: int, group: list[_At], source: str, lead: _Lead | None, own: str | None
) -> None:
    words = w.SentenceWords(masked)
    prev: _At | None = None
    for a in group:
        gap_start = prev.attr_end if prev else s
        if a.said is not None:
            a.reading = w.CITES  # what the text does with it follows from the mention before (_said_of)
        elif a.m.ref != source and a.m.form != "header":
            after = text[a.attr_end : min(e, a.attr_end + _AFTER)] if a.attr_end < e else ""
            a.reading = w.read_source(words.before(a.start - s), after)
            a.effective = _change_effective(after, own)
            inline = _inline_lead(masked[gap_start - s : a.start - s], own)
            _from_list(a, masked[gap_start - s : a.start - s], prev, inline or (lead if prev is None else None))
        prev = a
    _end_with_next(text, group, words, s, source)


def _end_with_next(text: str, group: list[_At], words: w.SentenceWords, s: int, source: str) -> None:
    """Members of a list whose last member is said to end ("A; B; C hết hiệu lực") end with it, each its own
    part: the words after A cannot say it, a ";" stands between."""
    ends = [
        a.reading.type == "SUPERSEDES" and w.says_it_ends(w.words(text[a.attr_end : a.attr_end + _AFTER]))
        for a in group
    ]
    for i in range(len(group) - 2, -1, -1):
        a, b = group[i], group[i + 1]
        if (
            ends[i + 1]
            and a.m.ref != source
            and a.m.form != "header"
            and a.reading.type == "CITES"
            and w.ends_with_next(text[a.attr_end : b.start])
        ):
            a.reading, a.effective = w.read_source(words.before(a.start - s), " hết hiệu lực"), b.effective
            ends[i] = True


def _change_effective(after: str, own: str | None) -> str | None:
    """When a change the loaded document makes takes effect: the date the words after the mention state,
    else the document's own effective date."""
    return stated_effective(after, own) or own


def _inline_lead(gap: str, own: str | None) -> _Lead | None:
    """A lead-in inside the sentence, between the previous mention and this one ("... sau đây: <this>")."""
    colon = gap.rfind(":")
    if colon < 0:
        return None
    r = w.lead_in(w.SentenceWords(gap[: colon + 1]))
    return _Lead(r, _change_effective(gap[:colon], own)) if r else None


def _from_list(a: _At, gap: str, prev: _At | None, lead: _Lead | None) -> None:
    """Give `a` the reading of its list's lead-in, or of the member before it: an item's or a member's
    own words name it (and maybe a part of it), they do not say what the loaded document does with it."""
    own = a.reading
    if lead is not None:
        item = w.item_head(gap[gap.rfind(":") + 1 :])
        if (
            item is not None
            and (lead.reading.type == "SUPERSEDES" or own.type == "CITES")
            and (own.type != "SUPERSEDES" or item.named)
        ):
            a.reading = lead.reading._replace(scope=item.scope or lead.reading.scope)
            a.effective, a.listed = lead.effective, True
            return
    if (
        prev is not None
        and prev.listed
        and prev.reading.type == "IMPLEMENTS"
        and own.type == "CITES"
        and lists.named_member(gap)
    ):
        a.reading, a.listed = prev.reading, True  # "..., Phương án số <a>": the list's verb governs it too
    elif prev is not None and prev.reading.type == "SUPERSEDES":
        part = w.coordinated(gap)
        if part is not None and (own.type != "SUPERSEDES" or part.named):
            a.reading, a.effective = prev.reading._replace(scope=part.scope), prev.effective


def _lead_in(masked: str, group: list[_At], s: int, own: str | None) -> _Lead | None:
    """The lead-in a sentence ending in ":" gives the list after it (its words after its last mention)."""
    tail = masked[group[-1].attr_end - s :] if group else masked
    r = w.lead_in(w.SentenceWords(tail))
    return _Lead(r, _change_effective(tail, own)) if r else None


# ------------------------------------------------------------------------------------- between two


def _pair(text: str, ats: list[_At], i: int) -> str | None:
    """The words between ats[i-1] and ats[i] (spaces squashed) when one verb may relate the two: in one
    sentence, near, no ";" between."""
    a, b = ats[i - 1], ats[i]
    if a.m.ref == b.m.ref or a.m.form == "header" or b.m.form == "header" or a.sentence != b.sentence:
        return None
    gap = w.words(text[a.attr_end : b.start]) if b.start - a.attr_end <= 2 * _GAP else ";"
    return None if len(gap) > _GAP or ";" in gap else gap


def _chained(text: str, ats: list[_At], source: str) -> None:
    """Mark each mention that the words after the one before it say what that one does with it ("<A> ...
    về việc thực hiện <B>": B.said), before the text's own readings are read: those words are not the
    text's (the verb does not go on to the next item of a list)."""
    for i in range(1, len(ats)):
        a = ats[i - 1]
        if a.m.ref != source and (gap := _pair(text, ats, i)) is not None and not w.passive(gap):
            ats[i].said = w.between(gap, bool(a.m.title) and a.m.form != "named")


def _between(text: str, ats: list[_At], source: str, passages: Passages) -> list[Relation]:
    """Relations between two mentions in a row in one sentence; the loaded document's relation to the
    second follows from its relation to the first."""
    out: list[Relation] = []
    amended: tuple[_At, w.Reading] | None = None  # "X đã được sửa đổi theo Y, Z": Z amends X too
    doer: tuple[_At, w.Reading, _At] | None = None  # "A thực hiện B và C": A carries out C too
    for i in range(1, len(ats)):
        a, b = ats[i - 1], ats[i]
        if (gap := _pair(text, ats, i)) is None:
            doer = amended = None
            continue
        ev = passages.evidence(b.m.start, b.m.end, cover=a.m.start)
        pm = w.passive(gap)
        if pm and a.m.ref != source:
            out.append(_rel(b, a, pm, ev))
            amended = (a, pm)
            continue
        if amended and lists.same_list(gap):
            out.append(_rel(b, amended[0], amended[1], ev))
            continue
        amended = None
        if doer and lists.next_member(gap, bool(a.m.title)) and b.m.ref != source and doer[0].m.ref != b.m.ref:
            b.reading = doer[2].reading  # the text does with C what it does with B
            out.append(_rel(doer[0], b, doer[1], passages.evidence(b.m.start, b.m.end, cover=doer[0].m.start)))
            continue
        doer = None
        if a.m.ref != source:
            opening = ats[i - 2].attr_end if i >= 2 and ats[i - 2].sentence == a.sentence else a.sentence
            out += _said_of(text, ats, i, gap, source, opening, ev)
            if b.said is not None:
                doer = (a, b.said, b)
                out += _co_subjects(text, ats, i, source, passages)
    return out


#: the kinds of documents a body issues to carry another out: a list of them is read as one subject
_ACTS = frozenset({"Plan", "Programme", "Scheme", "Proposal", "Guidance"})


def _co_subjects(text: str, ats: list[_At], i: int, source: str, passages: Passages) -> list[Relation]:
    """ "Kế hoạch A ... của X và Kế hoạch B ... của Y thực hiện C": A carries out C too (members of one list
    of documents of one kind, or plans, programmes, schemes, proposals and guides, before the one the verb is said of)."""
    out: list[Relation] = []
    a, b = ats[i - 1], ats[i]
    assert b.said is not None
    k = i - 1
    while k >= 1 and (gap := _pair(text, ats, k)) is not None and lists.same_list(gap):
        c = ats[k - 1]
        alike = c.m.label == a.m.label or {c.m.label, a.m.label} <= _ACTS
        if c.m.ref == source or not alike or c.m.ref == b.m.ref or c.m.ref == a.m.ref or c.said is not None:
            break
        out.append(_rel(c, b, b.said, passages.evidence(b.m.start, b.m.end, cover=c.m.start)))
        k -= 1
    return out


def _said_of(
    text: str, ats: list[_At], i: int, gap: str, source: str, opening_start: int, ev: Evidence
) -> list[Relation]:
    """What the words between ats[i-1] and ats[i] say one does with the other (see wording.between and
    wording.issued_for); the loaded document's readings of the two follow."""
    a, b = ats[i - 1], ats[i]
    r = b.said
    if r is not None:
        # the verb is said of a: what the loaded document does with a, it does with what a carries out
        b.reading = a.reading if a.reading.type == "IMPLEMENTS" else w.CITES
        return [_rel(a, b, r, ev)]
    how = w.issued_for(w.words(text[opening_start : a.start]), gap) if b.m.ref != source else None
    if how == "reported":
        # "Thực hiện <a>, Ban Thường vụ Tỉnh ủy đã ban hành <b>": a report of what another text carries out
        a.reading = b.reading = w.CITES
    if how:
        return [_rel(b, a, w.Reading("IMPLEMENTS", "implements"), ev)]
    return []


def _rel(a: _At, b: _At, r: w.Reading, ev: Evidence) -> Relation:
    """`a` -> `b` as the file quoted by `ev` states it (neither is that file's own document)."""
    return Relation(
        source=a.m.ref or "",
        target=b.m.ref or "",
        type=r.type,
        kind=r.kind,
        scope=r.scope,
        evidence=ev,
        stated_by=ev.file,
    )

"""Relate: typed statements with evidence, from the loaded document and between documents it names.

* source -> cited: IMPLEMENTS when the clause before the mention carries out the document ("thực hiện",
  "triển khai", "cụ thể hóa", "quán triệt", "theo", "căn cứ" -> kind based_on); SUPERSEDES when it amends,
  replaces or repeals it ("sửa đổi, bổ sung", "thay thế", "bãi bỏ"; "<X> hết hiệu lực"); CITES otherwise.
* cited -> cited: "Chương trình hành động số 46-CTr/TU ... về thực hiện Nghị quyết số 27-NQ/TW" gives
  46-CTr/TU IMPLEMENTS 27-NQ/TW; "X đã được sửa đổi, bổ sung theo Y" gives Y SUPERSEDES (amends) X.

Every relation carries its evidence: file, start and end of the target mention, and the sentence.

>>> t = "Đẩy mạnh thực hiện Chương trình hành động số 46-CTr/TU về thực hiện Nghị quyết số 27-NQ/TW."
>>> from policygraph.loaders.find import find_mentions
>>> from policygraph.loaders.resolve import resolve_mentions
>>> from policygraph.loaders.models import DocRef
>>> ms = find_mentions(t); _ = resolve_mentions(ms, DocRef(key="source", is_source=True))
>>> [(r.source, r.type, r.target) for r in relate(t, ms, "source", "x.txt")]
[('source', 'IMPLEMENTS', '46-ctr/tu@?'), ('source', 'IMPLEMENTS', '27-nq/tw'), ('46-ctr/tu@?', 'IMPLEMENTS', '27-nq/tw')]
"""

from __future__ import annotations

import bisect
import re

from .models import Evidence, Mention, Relation, RelationType
from .normalise import matching_form

_ABBREV = re.compile(r"(?:^|[\s(])(?:TP|Tp|tp|TS|ThS|PGS|GS|Q|P|St|Mr|Nxb|NXB|[A-ZĐ])$")
_BOUNDARY = re.compile(r"\n+|[.!?…](?=[ \t]+[\"“(]?[A-ZĐÀ-Ỹ0-9])")


_ENUMERATOR = re.compile(r"[ \t]*(?:[-+•*–]|\d{1,3}(?:\.\d{1,3})*[.)](?=\s)|[a-zđ][.)]|[IVXL]{1,5}[./]|\(\d{1,3}\)|Điều \d|Chương [IVXL\d])")


class Sentences:
    """Sentence spans of a text: split at . ! ? before a capital or a digit, and at line breaks that end a
    paragraph. A line break inside a sentence (a PDF's wrapped line) is not a boundary: the previous line
    ends without punctuation, is not a short heading, and the next line does not start an item."""

    def __init__(self, text: str) -> None:
        self.text = text
        cuts = [0]
        for m in _BOUNDARY.finditer(text):
            g = m.group(0)
            if g[0] != "\n":
                if _ABBREV.search(text, max(0, m.start() - 6), m.start()):
                    continue
            elif len(g) == 1 and self._wrapped(m.start()):
                continue
            cuts.append(m.end())
        cuts.append(len(text))
        self.cuts = cuts

    def _wrapped(self, nl: int) -> bool:
        """Is the single line break at `nl` a wrap inside a sentence?"""
        text = self.text
        line_start = text.rfind("\n", 0, nl) + 1
        prev = text[line_start:nl].rstrip()
        if len(prev) < 50 or prev[-1] in ".!?…\"”)|" or prev.isupper():
            return False
        nxt = text[nl + 1:nl + 2]
        if prev[-1] in ";:" and not nxt.islower():  # a list item ends here, unless the sentence goes on
            return False
        return not _ENUMERATOR.match(text, nl + 1) and nxt != "|"

    def span(self, pos: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.cuts, pos) - 1
        i = max(0, min(i, len(self.cuts) - 2))
        return self.cuts[i], self.cuts[i + 1]

    def sentence(self, start: int, end: int) -> str:
        s, _ = self.span(start)
        _, e = self.span(max(start, end - 1))
        return self.text[s:e].strip()


_IMPL = re.compile(
    r"(?:thực hiện|triển khai|cụ thể hóa|hiện thực hóa|quán triệt|thi hành|hướng dẫn thi hành|quy định chi tiết|"
    r"chương trình hành động|vào cuộc sống|bám sát|căn cứ|theo tinh thần|theo)",
    re.IGNORECASE,
)
_THEO_DIRECT = re.compile(r"(?:^|\s)theo\s*$", re.IGNORECASE)
# "sửa đổi, bổ sung khoản 1 Điều 73 của", "Bãi bỏ Mục 1 Chương VI", "thay thế" + the mention
_LOCATOR = r"(?:(?:điểm|khoản|điều|mục|chương|phần|tiểu mục|phụ lục)[ \t]+[\w.]+|một số điều|toàn bộ|các điều|và|,)"
_SUPERSEDE_TAIL = re.compile(
    r"(?<!được\s)(?P<v>sửa đổi|bổ sung|thay thế|bãi bỏ|hủy bỏ|đính chính|hết hiệu lực)"
    r"(?:[ \t]*,?[ \t]*(?:sửa đổi|bổ sung|thay thế|bãi bỏ))*"
    rf"(?:[ \t]*{_LOCATOR}){{0,10}}(?:[ \t]+của)?[ \t:]*$",
    re.IGNORECASE,
)
# "thực hiện theo quy định của Luật X": applying the rules of X, not implementing X
_APPLY_RULES = re.compile(r"theo[ \t]+(?:các[ \t]+)?quy định[ \t]+(?:của|tại)[ \t]*$", re.IGNORECASE)
# "Căn cứ Luật sửa đổi, bổ sung ... của Luật X": the basis is an amending law, not this document amending X
_NAME_BEFORE = re.compile(r"(?:luật|bộ luật|pháp lệnh|nghị định|nghị quyết|thông tư|quyết định)[ \t]*$", re.IGNORECASE)
_EXPIRES = re.compile(r"(?:đương nhiên\s+)?hết hiệu lực", re.IGNORECASE)
_PASSIVE_AMEND = re.compile(
    r"(?:đã[ \t]+)?được[ \t]+(?P<v>sửa đổi|bổ sung|thay thế|bãi bỏ)(?:[ \t]*,?[ \t]*(?:sửa đổi|bổ sung))*"
    r"(?:[ \t]+một số điều)?[ \t]+(?:theo|bằng|tại|bởi)[ \t]*$",
    re.IGNORECASE,
)
_BETWEEN_IMPL = re.compile(
    r"(?P<lead>^|[^,;]\s)(?P<v>(?:tiếp tục[ \t]+)?(?:triển khai[ \t]+)?(?:thực hiện|cụ thể hóa|triển khai|"
    r"hướng dẫn thi hành|quy định chi tiết(?:[ \t]+thi hành)?|sửa đổi, bổ sung|sửa đổi|bổ sung|thay thế|bãi bỏ)"
    r"(?:[ \t]+(?:một số điều|một số điều của|các điều))?(?:[ \t]+của)?)[ \t:]*$",
    re.IGNORECASE,
)
_LIST_GAP = re.compile(r"^[ \t]*(?:,|và|,[ \t]*và)[ \t]*$", re.IGNORECASE)
_KIND = {"sửa đổi": "amends", "bổ sung": "amends", "đính chính": "amends", "thay thế": "replaces",
         "bãi bỏ": "repeals", "hủy bỏ": "repeals", "hết hiệu lực": "replaces"}


def _squash(s: str) -> str:
    """Runs of spaces and line breaks as one space (justified PDF text: "Đẩy  mạnh  thực  hiện")."""
    return re.sub(r"\s+", " ", s)


def _supersede_kind(word: str) -> str:
    return _KIND.get(word.lower(), "amends")


def classify_source_relation(prefix: str, suffix: str) -> tuple[RelationType, str | None]:
    """Type of the loaded document's relation to a mention, from its sentence around the mention.

    `prefix` is the sentence up to the mention, `suffix` what follows the mention's attributes.

    >>> classify_source_relation("Tiếp tục triển khai thực hiện ", "")
    ('IMPLEMENTS', 'implements')
    >>> classify_source_relation("Ban hành Quyết định sửa đổi ", "")
    ('SUPERSEDES', 'amends')
    >>> classify_source_relation("Căn cứ ", "")
    ('IMPLEMENTS', 'based_on')
    >>> classify_source_relation("2. ", " hết hiệu lực kể từ ngày Luật này có hiệu lực.")
    ('SUPERSEDES', 'replaces')
    >>> classify_source_relation("Tổng kết ", "")
    ('CITES', None)
    """
    p = _squash(matching_form(prefix))
    tail = p[-80:]
    sm = _SUPERSEDE_TAIL.search(tail)
    named_amender = bool(sm and _NAME_BEFORE.search(tail[: sm.start()]) and re.search(r"căn cứ", p, re.IGNORECASE))
    if sm and not re.search(r"được[ \t]+(?:[\w ,]{0,30})$", tail[: sm.start()]) and not named_amender:
        return "SUPERSEDES", _supersede_kind(sm["v"])
    s = _squash(matching_form(suffix))
    em = _EXPIRES.search(s[:200])
    if em and not re.search(r"[;:]|\b(?:nếu|khi|trường hợp)\b", s[: em.start()], re.IGNORECASE):
        return "SUPERSEDES", "replaces"
    low = p.lower()
    if re.search(r"(?:^|\W)căn cứ(?:\W|$)", low) and not re.search(r"(?:^|\W)căn cứ\s+(?:vào\s+)?(?:đối tượng|điều kiện|yêu cầu|tình hình)", low):
        return "IMPLEMENTS", "based_on"
    if _APPLY_RULES.search(low[-60:]) or _PASSIVE_AMEND.search(low[-80:]):
        # "theo quy định của X" applies X; "Y đã được sửa đổi theo X": X amends Y (a relation between the two)
        return "CITES", None
    for m in _IMPL.finditer(low):
        if m.group(0) == "theo" and not _THEO_DIRECT.search(low):
            continue
        return "IMPLEMENTS", "implements"
    return "CITES", None


def _blank(text: str, start: int, end: int, others: list[Mention]) -> str:
    """text[start:end] with the spans of `others` replaced by spaces (same length)."""
    out = text[start:end]
    for o in others:
        a, b = o.start - start, min(o.end, end) - start
        out = out[:a] + " " * (b - a) + out[b:]
    return out


def relate(text: str, mentions: list[Mention], source: str, file: str,
           sentences: Sentences | None = None) -> list[Relation]:
    """Relations stated in `text`: from the loaded document (`source`) and between mentioned documents."""
    sents = sentences or Sentences(text)
    out: list[Relation] = []
    ordered = [m for m in sorted(mentions, key=lambda m: m.start) if m.ref]
    for m in ordered:
        if m.ref == source or m.form == "header":
            continue
        s, e = sents.span(m.start)
        # other documents' names are not wording about this one: "Chương trình hành động số 46-CTr/TU" or
        # "Pháp lệnh Ký kết và thực hiện thỏa thuận quốc tế số 33/2007/PL-UBTVQH11" must not read as a verb
        prefix = _blank(text, s, m.start, [o for o in ordered if o is not m and s <= o.start < m.start])
        suffix = text[m.attr_end:max(e, m.attr_end)]
        typ, kind = classify_source_relation(prefix, suffix)
        ev = Evidence(file=file, start=m.start, end=m.end, sentence=sents.sentence(m.start, m.end))
        out.append(Relation(source=source, target=m.ref or "", type=typ, evidence=ev, kind=kind))
    # between two mentioned documents in one sentence
    amended: tuple[str, str] | None = None
    for a, b in zip(ordered, ordered[1:], strict=False):
        if a.ref == b.ref or a.form == "header" or b.form == "header":
            continue
        if sents.span(a.start) != sents.span(b.start):
            continue
        gap = _squash(matching_form(text[a.attr_end:b.start]))
        if len(gap) > 260 or ";" in gap:
            continue
        ev = Evidence(file=file, start=b.start, end=b.end, sentence=sents.sentence(a.start, b.end))
        pm = _PASSIVE_AMEND.search(gap)
        if pm and a.ref != source:
            out.append(Relation(source=b.ref or "", target=a.ref or "", type="SUPERSEDES", evidence=ev,
                                kind=_supersede_kind(pm["v"])))
            amended = (a.ref or "", _supersede_kind(pm["v"]))
            continue
        if amended and _LIST_GAP.match(gap):
            # the next member of the list of amending documents amends the same document
            out.append(Relation(source=b.ref or "", target=amended[0], type="SUPERSEDES", evidence=ev,
                                kind=amended[1]))
            continue
        amended = None
        if a.ref == source:
            continue
        bm = _BETWEEN_IMPL.search(gap)
        if not bm:
            continue
        head = gap[: bm.start("v")].strip(" ,\t").lower()
        # the relation must be said of `a`: right after it ("... thực hiện"), or in its "về ..." title
        if head and not re.match(r"^(?:\"|“)?\s*(?:về|để|nhằm|của [^,]{0,80}?(?:về|để|nhằm))\b", head):
            if not a.title:
                continue
        v = bm["v"].lower()
        if any(w in v for w in ("sửa đổi", "bổ sung", "thay thế", "bãi bỏ")):
            word = next(w for w in ("thay thế", "bãi bỏ", "sửa đổi", "bổ sung") if w in v)
            out.append(Relation(source=a.ref or "", target=b.ref or "", type="SUPERSEDES", evidence=ev,
                                kind=_supersede_kind(word)))
        else:
            out.append(Relation(source=a.ref or "", target=b.ref or "", type="IMPLEMENTS", evidence=ev,
                                kind="implements"))
    return out

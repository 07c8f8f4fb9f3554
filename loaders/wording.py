"""Wording: what the words around a mention say, each rule once. Texts here are in matching form (the
MatchView's text, or normalise.matching_form of a snippet).

* the loaded document and a mention (`read_source`): SUPERSEDES when the words right before it amend,
  replace or repeal it ("sửa đổi, bổ sung khoản 1 Điều 73 của", "Bãi bỏ", "thay thế") or the words after
  it say it ends ("<X> hết hiệu lực"); IMPLEMENTS when the sentence carries it out ("thực hiện",
  "triển khai", ...) or rests on it ("Căn cứ": kind based_on); CITES otherwise;
* two mentions in a row (`between`): "<A> [date, issuer, title] thực hiện <B>" -> A IMPLEMENTS B;
  "<A> sửa đổi, bổ sung một số điều của <B>" -> A SUPERSEDES B; "<B> đã được sửa đổi theo <A>" (`passive`);
  "Thực hiện <B>, <a body> đã ban hành <A>" (`issued_for`);
* lists: a lead-in ending in ":" ("Bãi bỏ các quyết định sau đây:") gives its reading to the items that
  follow (`lead_in`, `item_head`); "<A>; Điều 4 của <B>" coordinates B with A (`coordinated`); a verb
  that governs a list carries it on across sentences (`governs_list`). What makes mentions and sentences
  one list by punctuation and layout alone ("A, B và C", "a) ", ";" at a sentence's end) is loaders.lists.

A supersession of part of a document keeps the part named as `scope` ("Điều 2", "một số điều").

The verbs themselves, and which uses each has (carry out, rest on, amend, replace, repeal; said in the
loaded document's sentence or of a named document; governing a list), are one table: loaders.lexicon.

>>> read_source(words("Bãi bỏ Điều 2 của "), "")
Reading(type='SUPERSEDES', kind='repeals', scope='Điều 2')
>>> between("ban hành Chương trình hành động của Chính phủ thực hiện", titled=False)
Reading(type='IMPLEMENTS', kind='implements', scope=None)
"""

from __future__ import annotations

import re
from typing import NamedTuple

from ..ontology.vocab import TYPE_WORD_TO_LABEL
from . import lexicon
from .dates import DATE
from .lists import ITEM_MARK
from .models import RelationKind, RelationType

#: the verbs that change another document, and what each makes of the change (loaders.lexicon)
AMEND_VERBS: dict[str, RelationKind] = lexicon.changes()
_EXPIRES_KIND: RelationKind = "replaces"  # "<X> hết hiệu lực kể từ ngày Luật này có hiệu lực": this one replaces X
_PART_EXPIRES_KIND: RelationKind = "repeals"  # "Các quy định về bưu chính của <X> hết hiệu lực": X partly repealed


def _w(words: str) -> str:
    """A regex of `words` that lets any run of spaces or line breaks stand between them."""
    return r"\s+".join(words.split())


def _alt(words: list[str] | tuple[str, ...]) -> str:
    return "|".join(_w(w) for w in sorted(words, key=len, reverse=True))


_VERB = _alt(tuple(AMEND_VERBS))
# "sửa đổi, bổ sung", "sửa đổi và bổ sung", "sửa đổi, bổ sung, cập nhật"
_VERBS = rf"(?:{_VERB})(?:\s*,?\s*(?:và\s+)?(?:{_alt(tuple(lexicon.changes(follows=True)))}))*"
_TYPE = _alt(tuple(TYPE_WORD_TO_LABEL))
_PART = _alt(("điểm", "khoản", "điều", "mục", "chương", "phần", "tiểu mục", "phụ lục"))
#: what names a part of a document: "khoản 1 Điều 73", "các điều 5, 6 và 7", "một số điều", "quy định tại"
_LOCATOR = (
    rf"(?:\s*,|\s+(?:(?:{_PART})\s+\w+(?:\.\w+)*|(?:một\s+số|các|những)\s+(?:{_PART}|nội\s+dung|quy\s+định)|"
    rf"(?:các\s+)?quy\s+định\s+tại|toàn\s+bộ|\d{{1,4}}[a-zđ]?|và)(?!\w)){{0,12}}"
)


class Part(NamedTuple):
    """The part of a document a list item or a list member names (scope None: the whole document);
    `named`: the item names an amending document ("Luật sửa đổi, bổ sung một số điều của Luật X số ..."),
    whose verbs are its name, not what the loaded document does."""

    scope: str | None = None
    named: bool = False


class Reading(NamedTuple):
    """What the words say: the relation type, its kind and the part of the target it touches."""

    type: RelationType
    kind: RelationKind | None = None
    scope: str | None = None


CITES = Reading("CITES")


_RULES_AT = re.compile(r"(?:(?:các|những)\s+)?quy\s+định\s+tại", re.IGNORECASE)


def scope_of(locator: str | None) -> str | None:
    """The part a locator names, or None for the whole document.

    >>> scope_of(" khoản 1 Điều 73, "), scope_of(" toàn bộ"), scope_of(" các quy định tại"), scope_of("")
    ('khoản 1 Điều 73', None, None, None)
    """
    s = re.sub(r"^(?:[\s,]|và\b)+|(?:[\s,]|\bvà)+$", "", _RULES_AT.sub("", locator or ""))
    s = " ".join(s.split())
    return None if not s or s.lower() == "toàn bộ" else s


def kind_of(verbs: str) -> RelationKind:
    """The kind of change the first verb of `verbs` names ("sửa đổi, bổ sung" -> amends)."""
    low = " ".join(verbs.lower().split())
    if "hết hiệu lực" in low:
        return _EXPIRES_KIND
    return next((k for v, k in AMEND_VERBS.items() if low.startswith(v)), "amends")


def words(s: str) -> str:
    """Runs of spaces and line breaks as one space (justified PDF text: "Đẩy  mạnh  thực  hiện")."""
    return re.sub(r"\s+", " ", s)


# ------------------------------------------------------------------------------------ the loaded document

_SUPERSEDE_TAIL = re.compile(
    rf"(?<!được\s)(?<!\w)(?P<v>{_VERBS}|hết hiệu lực)(?P<scope>{_LOCATOR})(?:\s+của)?[\s:]*$", re.IGNORECASE
)
# "Các quy định về viễn thông của <X> hết hiệu lực", "Điều 5 của <X> hết hiệu lực": a part of X ends
_PART_OF = re.compile(
    rf"^(?P<before>.*(?:^|[\s.)]))(?P<scope>(?:quy\s+định|{_PART})\b[^;:]{{0,100}}?)"
    rf"\s+(?:của|tại)(?:\s+(?:{_TYPE})\b[^;:]{{0,100}}?\s+số)?\s*$",
    re.IGNORECASE,
)
_ARTICLE = re.compile(r"(?:các|những|một\s+số)\s+$", re.IGNORECASE)
_VERBS_BEFORE = re.compile(rf"(?:{_VERBS})(?:\s+(?:một\s+số|các|những))?\s*$", re.IGNORECASE)
# "Sửa đổi, bổ sung mục 192 thuộc Phụ lục IV ... ban hành kèm theo <X>": a part of X's annex
_ANNEX = rf"(?P<v>{_VERBS})\s+(?P<scope>[^;:]{{1,200}}?)\s+(?:được\s+)?(?:ban\s+hành\s+)?kèm\s+theo\s*$"
_ANNEX_TAIL = re.compile(rf"^.*(?<!được\s)(?<!\w){_ANNEX}", re.IGNORECASE)
# a change of a named part, in words: "về việc sửa đổi, bổ sung quy định mức chi tại <X>", "<A> sửa đổi, bổ
# sung mức thu quy định tại <B>": the words between the verb and "tại"/"của" name the part changed, and start
# with what a document sets ("bổ sung kinh phí ... tại <X>" adds money, it changes no document; "... theo quy
# định của <X>" applies X)
_CHANGED = (
    r"(?:(?:một\s+số|các|những)\s+)?(?:quy\s+định|quy\s+chế|mức|định\s+mức|điều|khoản|điểm|danh\s+mục|"
    r"phụ\s+lục|nội\s+dung|tiêu\s+chuẩn|bảng|giá|chế\s+độ|chính\s+sách|cụm\s+từ|tên)(?!\w)"
)
_CHANGE_WORDS = rf"(?P<v>{_VERBS})\s+(?P<scope>{_CHANGED}(?:(?!theo\s)[^;:\"]){{0,160}}?)\s+(?:tại|của)\s*$"
_ABOUT_CHANGE = re.compile(rf"(?:^|\s)về\s+(?:việc\s+)?{_CHANGE_WORDS}", re.IGNORECASE)
# "<A> sửa đổi, bổ sung Phụ lục ban hành kèm theo <B>": a part of B's annex
_ANNEX_IN_WORDS = re.compile(rf"(?<!\w){_ANNEX}", re.IGNORECASE)
# ... opening a sentence or a title ("Sửa đổi, bổ sung mức hỗ trợ quy định tại <X>")
_CHANGE_OPENS = re.compile(rf"^\s*(?:{ITEM_MARK}\s*)?(?:về\s+(?:việc\s+)?)?{_CHANGE_WORDS}", re.IGNORECASE)
_CHANGE_IN_WORDS = re.compile(rf"(?:^|\s)(?:về\s+(?:việc\s+)?)?{_CHANGE_WORDS}", re.IGNORECASE)
_WORDING = re.compile(r"cụm\s+từ|từ\s+ngữ", re.IGNORECASE)
_PASSIVE_BEFORE = re.compile(r"được\s+(?:[\w ,]{0,30})$", re.IGNORECASE)
# "Căn cứ Luật sửa đổi, bổ sung ... của Luật X": the basis is an amending law, not this document amending X
_NAME_BEFORE = re.compile(rf"(?<!\w)(?:{_TYPE})\s*$", re.IGNORECASE)
_EXPIRES = re.compile(r"(?:đương nhiên\s+)?hết hiệu lực", re.IGNORECASE)
_CONDITION = re.compile(r"[;:]|\b(?:nếu|khi|trường hợp)\b", re.IGNORECASE)
# "thực hiện theo quy định của Luật X": applying the rules of X, not implementing X
_APPLY_RULES = re.compile(r"theo\s+(?:các\s+)?quy định\s+(?:của|tại)\s*$", re.IGNORECASE)
_PASSIVE = re.compile(
    rf"(?:đã\s+)?được\s+(?P<v>{_VERBS})(?P<scope>{_LOCATOR})\s+(?:theo|bằng|tại|bởi)\s*$", re.IGNORECASE
)
_THEO_DIRECT = re.compile(r"(?:^|\s)(?<!kèm\s)theo\s*$", re.IGNORECASE)  # "gửi kèm theo": attached
_BASIS = re.compile(r"(?:^|\W)căn\s+cứ(?=\W|$)", re.IGNORECASE)
_NOT_BASIS = re.compile(
    r"(?:^|\W)căn\s+cứ\s+(?:vào\s+)?(?:đối\s+tượng|điều\s+kiện|yêu\s+cầu|tình\s+hình)", re.IGNORECASE
)
_BASIS_WORD = re.compile(r"căn\s+cứ", re.IGNORECASE)
_CARRY_OUT = re.compile(_alt(lexicon.carry_out(of_text=True)), re.IGNORECASE)
_TAIL = 80
# how far after a mention its end may be said: "<X> đã được sửa đổi, bổ sung theo <Y>, <Z> ... hết hiệu lực"
_AFTER = 320


class Before(NamedTuple):
    """What a sentence says before a mention: its last words and what occurs anywhere before it."""

    tail: str  # the last _TAIL characters, spaces squashed
    clause: str  # the last 3 * _TAIL characters, spaces squashed
    basis: bool  # a legal basis ("Căn cứ"), not "căn cứ vào tình hình"
    basis_word: bool  # the words "căn cứ" in any sense
    carry_out: bool  # a verb of carrying out ("thực hiện", "triển khai", ...)


class SentenceWords:
    """The words of one sentence (other mentions blanked), scanned once; `before(pos)` for each mention.

    >>> s = SentenceWords("Căn cứ Luật A;                  Luật B")
    >>> s.before(7).basis, s.before(32).basis, s.before(0).basis
    (True, True, False)
    """

    _NEVER = 1 << 62

    def __init__(self, text: str) -> None:
        self.text = text
        self.basis = self._end(_BASIS)
        self.not_basis = self._end(_NOT_BASIS)
        self.basis_word = self._end(_BASIS_WORD)
        self.carry_out = self._end(_CARRY_OUT)

    def _end(self, pattern: re.Pattern[str]) -> int:
        m = pattern.search(self.text)
        return m.end() if m else self._NEVER

    def before(self, pos: int) -> Before:
        clause = words(self.text[max(0, pos - 4 * _TAIL) : pos])[-3 * _TAIL :]
        tail = clause[-_TAIL:]
        return Before(
            tail=tail,
            clause=clause,
            basis=self.basis <= pos < self.not_basis,
            basis_word=self.basis_word <= pos,
            carry_out=self.carry_out <= pos or bool(_THEO_DIRECT.search(tail)),
        )


def says_it_ends(after: str) -> bool:
    """Do the words after a mention say it ends ("... hết hiệu lực kể từ ngày ...", not "khi ... hết hiệu lực")?"""
    expires = _EXPIRES.search(after)
    return bool(expires and not _CONDITION.search(after[: expires.start()]))


_MEMBER_GAP = re.compile(r"^\s*[;,]?\s*(?:và\s+)?[^;:]{0,160}$", re.IGNORECASE)
_VERB_IN_GAP = re.compile(rf"(?:{_VERBS}|được|{_CARRY_OUT.pattern})", re.IGNORECASE)


def ends_with_next(gap: str) -> bool:
    """Is the mention before `gap` a member of the list whose last member is said to end ("Các quy định về
    bảo hiểm thất nghiệp của Luật A; Chương IX của Luật B hết hiệu lực")? The gap names, it does not act.

    >>> ends_with_next("; Chương IX - Đánh giá, cấp chứng chỉ kỹ năng nghề quốc gia của "), ends_with_next(" được thay thế bởi ")
    (True, False)
    """
    return bool(_MEMBER_GAP.match(gap)) and not _VERB_IN_GAP.search(gap)


def read_source(before: Before | str, after: str) -> Reading:
    """The loaded document's relation to a mention, from its sentence before the mention (a Before, or the
    text itself) and the words `after` the mention's attributes.

    >>> read_source("Tiếp tục triển khai thực hiện ", "")
    Reading(type='IMPLEMENTS', kind='implements', scope=None)
    >>> read_source("Ban hành Quyết định sửa đổi ", "")
    Reading(type='SUPERSEDES', kind='amends', scope=None)
    >>> read_source("Căn cứ ", "").kind
    'based_on'
    >>> read_source("2. ", " hết hiệu lực kể từ ngày Luật này có hiệu lực.")
    Reading(type='SUPERSEDES', kind='replaces', scope=None)
    >>> read_source("2. Các quy định về bưu chính của ", " hết hiệu lực kể từ ngày Luật này có hiệu lực.")
    Reading(type='SUPERSEDES', kind='repeals', scope='Các quy định về bưu chính')
    >>> read_source("Tổng kết ", "")
    Reading(type='CITES', kind=None, scope=None)
    >>> read_source("Bãi bỏ điểm 4.1 thuộc Phụ lục số 01 ban hành kèm theo ", "").scope
    'điểm 4.1 thuộc Phụ lục số 01'
    >>> read_source("Nghị quyết về việc sửa đổi, bổ sung quy định mức chi tại ", "")
    Reading(type='SUPERSEDES', kind='amends', scope='quy định mức chi')
    >>> read_source("Góp ý về việc sửa đổi quy chế làm việc theo quy định của ", "").type
    'CITES'
    >>> read_source("Sửa đổi, bổ sung mức hỗ trợ quy định tại ", "").scope
    'mức hỗ trợ quy định'
    >>> read_source("Thay thế một số cụm từ tại một số điều của ", "").kind
    'amends'
    """
    b = SentenceWords(before).before(len(before)) if isinstance(before, str) else before
    after = words(after[: _AFTER + 100])[:_AFTER]
    ends = says_it_ends(after)
    sm = _SUPERSEDE_TAIL.search(b.tail)
    if sm and not _PASSIVE_BEFORE.search(b.tail[: sm.start()]):
        named_amender = _NAME_BEFORE.search(b.tail[: sm.start()]) and (b.basis_word or ends)
        if not named_amender:
            return Reading("SUPERSEDES", kind_of(sm["v"]), scope_of(sm["scope"]))
    if ends:
        return _ends(b.clause, named=bool(sm))
    am = _ANNEX_TAIL.match(b.clause) or (
        _ABOUT_CHANGE.search(b.clause) or _CHANGE_OPENS.match(b.clause) if not _APPLY_RULES.search(b.tail) else None
    )
    if am and not _PASSIVE_BEFORE.search(b.clause[: am.start()]):
        scope = " ".join(am["scope"].split())
        # "Thay thế một số cụm từ tại ... của <X>": words of X replaced, X amended
        return Reading("SUPERSEDES", "amends" if _WORDING.search(scope) else kind_of(am["v"]), scope)
    if b.basis:
        return Reading("IMPLEMENTS", "based_on")
    if _APPLY_RULES.search(b.tail[-60:]) or _PASSIVE.search(b.tail):
        # "theo quy định của X" applies X; "Y đã được sửa đổi theo X": X amends Y (a relation between the two)
        return CITES
    return Reading("IMPLEMENTS", "implements") if b.carry_out else CITES


def _ends(clause: str, named: bool) -> Reading:
    """A mention said to end: the whole document, or the part the clause names before it ("Các quy định về
    bưu chính của <X>"), unless that part belongs to the name of an amending law (`named`: "Luật sửa đổi,
    bổ sung một số điều của <X>")."""
    part = _PART_OF.match(clause)
    if part is None or named or _VERBS_BEFORE.search(part["before"]):
        return Reading("SUPERSEDES", _EXPIRES_KIND)
    article = _ARTICLE.search(part["before"])  # "Các quy định về ...", "một số điều của ..."
    return Reading(
        "SUPERSEDES", _PART_EXPIRES_KIND, " ".join(((article[0] if article else "") + part["scope"]).split())
    )


def classify_source_relation(prefix: str, suffix: str) -> tuple[str, str | None]:
    """(type, kind) of read_source on snippets of any form (normalised here).

    >>> classify_source_relation("Căn cứ ", "")
    ('IMPLEMENTS', 'based_on')
    """
    from .normalise import matching_form

    r = read_source(matching_form(prefix), matching_form(suffix))
    return r.type, r.kind


# ---------------------------------------------------------------------------------- between two mentions

_CARRY_OUT_VERBS = _alt(lexicon.carry_out(of_named=True))
# "về việc tiếp tục quán triệt, triển khai thực hiện có hiệu quả <B>"
_CHAIN_VERB = rf"(?<!\w)(?:(?:{lexicon.alternation(lexicon.LEADS)})\s*,?\s+)*(?P<v>{_CARRY_OUT_VERBS}|{_VERBS})"
_HOW = r"(?:\s+(?:có\s+hiệu\s+quả|hiệu\s+quả|nghiêm\s+túc|nghiêm|tốt|thắng\s+lợi|đồng\s+bộ|quyết\s+liệt))?"
_BETWEEN = re.compile(rf"{_CHAIN_VERB}{_HOW}(?P<scope>{_LOCATOR})(?:\s+của)?\s*:?\s*$", re.IGNORECASE)
# what may stand between a document and the verb said of it: its title ("về ...", "để ...", "nhằm ..."),
# what it issues or approves ("ban hành Chương trình hành động của Chính phủ"), the rest of its issuer
_TITLE_HEAD = re.compile(r"^\"?\s*(?:về|để|nhằm|của [^,]{0,80}?(?:về|để|nhằm))\b", re.IGNORECASE)
_ISSUES_HEAD = re.compile(
    r"^(?:về\s+việc\s+|về\s+)?(?:ban\s+hành|phê\s+duyệt|thông\s+qua)(?:\s+kèm\s+theo)?\b"
    r"[^,;:]{0,120}$",
    re.IGNORECASE,
)
# the rest of A's issuer, then what A issues ("của Chủ tịch Ủy ban nhân dân tỉnh ban hành Kế hoạch")
_ISSUER_ISSUES = re.compile(
    r"^(?P<issuer>[^,;:]{1,80}?)\s+(?=(?:về\s+việc\s+|về\s+)?(?:ban\s+hành|phê\s+duyệt|thông\s+qua)\b)", re.IGNORECASE
)
_ISSUER_WORDS = frozenset(
    "vụ ủy ban nhân dân tỉnh thành phố huyện quận thị xã chấp hành trung ương thường trực "
    "chính phủ bộ đảng trưởng tịch tướng đốc hàng nhà nước".split()
)  # "Bộ trưởng Bộ Tài chính"
# "Luật Đất đai số 31/2024/QH15 có hiệu lực từ ngày 01/8/2024, thay thế ...": the verb is still said of it
_TAKES_EFFECT_HEAD = re.compile(
    r"^(?:đã\s+|sẽ\s+)?có\s+hiệu\s+lực(?:\s+thi\s+hành)?(?:\s+kể)?\s+từ\s+ngày\s+[\w/.\s]{1,30}?,?$", re.IGNORECASE
)
_NEW_CLAUSE = re.compile(r"\b(?:đã|đang|sẽ|vừa|được)\b", re.IGNORECASE)
_QUOTED = re.compile(r"\"[^\"]*\"")
_ISSUED_PASSIVE = re.compile(r"^(?:đã\s+)?được\s+ban\s+hành\s*", re.IGNORECASE)
_DATE_HEAD = re.compile(rf"^,?\s*(?:ban\s+hành\s+)?{DATE}\s*,?\s*", re.IGNORECASE)


def between(gap: str, titled: bool) -> Reading | None:
    """What the words between two mentions A and B say A does with B ("thực hiện", "sửa đổi ... của"), if
    they say it of A: right after it, or after its title, what it issues, or the rest of its issuer.
    `titled`: A's title ("về ...") was read after it. `gap` is in matching form, spaces squashed.

    >>> between("về tiếp tục thực hiện", False), between("sửa đổi, bổ sung một số điều của", False)[2]
    (Reading(type='IMPLEMENTS', kind='implements', scope=None), 'một số điều')
    >>> between("và Ủy ban nhân dân tỉnh đã triển khai thực hiện", False) is None
    True
    >>> between("của Bộ trưởng Bộ Tài chính sửa đổi, bổ sung mức thu quy định tại", False)
    Reading(type='SUPERSEDES', kind='amends', scope='mức thu quy định')
    >>> between("bổ sung kinh phí thực hiện nhiệm vụ tại", False) is None
    True
    >>> between("của Chủ tịch Ủy ban nhân dân tỉnh ban hành Kế hoạch thực hiện", False).type
    'IMPLEMENTS'

    """
    gap = gap.strip()
    m = _BETWEEN.search(gap) or _CHANGE_IN_WORDS.search(gap) or _ANNEX_IN_WORDS.search(gap)
    if not m or not _said_of_a(gap[: m.start()].strip(), titled):
        return None
    v = m["v"]
    if re.match(_VERB, v, re.IGNORECASE):
        return Reading("SUPERSEDES", kind_of(v), scope_of(m["scope"]))
    return Reading("IMPLEMENTS", "implements")


def _said_of_a(head: str, titled: bool) -> bool:
    """Is the verb after `head` said of the mention before it? `head` is empty, A's title, what A issues, the
    rest of A's issuer or its date (left by a line break), or "có hiệu lực từ ngày ...,"."""
    if _TAKES_EFFECT_HEAD.match(head):
        return True
    if head.endswith((",", ";")):
        return False  # "Thực hiện A, triển khai B": the loaded document's own list of actions
    head = _ISSUED_PASSIVE.sub("", head)  # "A được ban hành để thực hiện B"
    plain = _QUOTED.sub(" ", head).strip(' "')
    rest = _DATE_HEAD.sub("", plain)
    if not plain or not rest or titled or _TITLE_HEAD.match(head):
        return True
    if _NEW_CLAUSE.search(rest):
        return False
    if _ISSUES_HEAD.match(rest) or _issuer_words(rest):
        return True
    im = _ISSUER_ISSUES.match(rest)
    return bool(im and _issuer_words(im["issuer"]) and _ISSUES_HEAD.match(rest[im.end() :]))


def _issuer_words(head: str) -> bool:
    """Is `head` the rest of an issuer's name ("vụ Tỉnh ủy", "của Ủy ban nhân dân tỉnh")?"""
    ws = head.split()
    if ws[:1] == ["của"]:
        ws = ws[1:]
    return 0 < len(ws) <= 10 and all(w[0].isupper() or w.lower() in _ISSUER_WORDS for w in ws)


def passive(gap: str) -> Reading | None:
    """ "<A> đã được sửa đổi, bổ sung một số điều theo <B>": B SUPERSEDES A.

    >>> passive(" đã được sửa đổi, bổ sung một số điều theo ")
    Reading(type='SUPERSEDES', kind='amends', scope='một số điều')
    """
    m = _PASSIVE.search(gap)
    return Reading("SUPERSEDES", kind_of(m["v"]), scope_of(m["scope"])) if m else None


_MEMBER = rf"(?:(?P<named>(?:{_TYPE})\s+{_VERBS}{_LOCATOR}(?:\s+của)?)|(?P<scope>{_LOCATOR})(?:\s+của)?)?\s*$"
_COORDINATED = re.compile(rf"^\s*(?:,\s*(?:và\s+)?|và\s+|hoặc\s+)?{_MEMBER}", re.IGNORECASE)
_AFTER_SEMICOLON = re.compile(rf"\s*(?:và\s+|hoặc\s+)?{_MEMBER}", re.IGNORECASE)


def _part(m: re.Match[str] | None) -> Part | None:
    if not m:
        return None
    return Part(None, True) if m["named"] else Part(scope_of(m["scope"]))


def coordinated(gap: str) -> Part | None:
    """Is the mention after `gap` the next member of the previous one's list ("A và B", "A, Điều 3 của B",
    "A <A's title>; Điều 4 của B", "A; Luật sửa đổi, bổ sung một số điều của B")? Returns the part it names.

    >>> coordinated("; Điều 4 của "), coordinated(" sửa đổi Điều 126 của Luật nhà ở; Điều 4 của ").scope
    (Part(scope='Điều 4', named=False), 'Điều 4')
    >>> coordinated(" để thực hiện ") is None
    True
    """
    semi = gap.rfind(";")
    return _part(_AFTER_SEMICOLON.match(gap, semi + 1) if semi >= 0 else _COORDINATED.match(gap))


_CARRY_OUT_LIST = lexicon.alternation(lexicon.governing("implements"))  # "thực hiện", "triển khai", ...
_OPENS_CARRY_OUT = re.compile(
    rf"^\s*(?:{ITEM_MARK}\s*)?(?:để\s+)?(?:tiếp\s+tục\s+)?(?:triển\s+khai\s+)?"
    rf"(?:{_CARRY_OUT_LIST})\s*$",
    re.IGNORECASE,
)
_ISSUED = re.compile(
    r"^\s*,\s*(?P<subject>[^,;:\"]{1,80}?)\s+(?:(?:đã|vừa|kịp\s+thời|chỉ\s+đạo)\s+)*"
    r"(?:xây\s+dựng(?:\s*,|\s+và)\s+)?ban\s+hành\s*$",
    re.IGNORECASE,
)
_ATTACHED = re.compile(r"^\s*[,(]?\s*(?:được\s+)?(?:ban\s+hành\s+)?kèm\s+theo\s*$", re.IGNORECASE)
_CARRIES_OUT = re.compile(rf"(?:{_CARRY_OUT_LIST})\s*$", re.IGNORECASE)


def issued_for(opening: str, gap: str) -> str | None:
    """Is the document after `gap` (A) issued to carry out the one before it (B)? "Thực hiện <B>, Ban Thường
    vụ Tỉnh ủy đã ban hành <A>" (a report of another body's act: "reported"), "Kế hoạch thực hiện <B> (ban
    hành kèm theo <A>)" ("attached"). `opening` is the clause before B.

    >>> issued_for("Thực hiện ", ", Ủy ban nhân dân tỉnh đã ban hành "), issued_for("Kế hoạch thực hiện ", " (ban hành kèm theo ")
    ('reported', 'attached')
    >>> issued_for("Tổng kết ", ", Ủy ban nhân dân tỉnh đã ban hành ") is None
    True
    """
    if _OPENS_CARRY_OUT.match(opening) and _ISSUED.match(gap):
        return "reported"
    if _CARRIES_OUT.search(opening) and _ATTACHED.match(gap):
        return "attached"
    return None


# -------------------------------------------------------------------------------------------------- lists

_LEAD_IN = re.compile(
    rf"(?<!được\s)(?<!\w)(?P<v>{_VERBS}|hết\s+hiệu\s+lực)(?P<scope>{_LOCATOR})(?:\s+của)?(?P<rest>[^:;]{{0,200}}):\s*$",
    re.IGNORECASE,
)
_EXCEPT = re.compile(r"\btrừ\b", re.IGNORECASE)


def lead_in(sentence: SentenceWords) -> Reading | None:
    """The reading a lead-in ending in ":" gives the items of its list, if it gives one.

    >>> lead_in(SentenceWords("Bãi bỏ một số điều của các quyết định sau đây:"))
    Reading(type='SUPERSEDES', kind='repeals', scope='một số điều')
    >>> lead_in(SentenceWords("Các văn bản sau đây hết hiệu lực kể từ ngày Luật này có hiệu lực:")).kind
    'replaces'
    >>> lead_in(SentenceWords("Luật X hết hiệu lực, trừ các trường hợp sau đây:")) is None
    True
    """
    text = sentence.text.rstrip()
    if not text.endswith(":"):
        return None
    m = _LEAD_IN.search(text)
    if m and not _NAME_BEFORE.search(text[: m.start()]):
        if _EXCEPT.search(m["rest"]):
            return None  # the list holds the exceptions
        return Reading("SUPERSEDES", kind_of(m["v"]), scope_of(m["scope"]))
    r = read_source(sentence.before(len(text) - 1), "")
    return r if r.type == "IMPLEMENTS" else None


_ITEM_HEAD = re.compile(rf"^\s*(?:{ITEM_MARK}\s*)?{_MEMBER}", re.IGNORECASE)


def item_head(before: str) -> Part | None:
    """Is a mention the head of a list item, `before` being the item's words before it ("a) ",
    "- Điều 4 của ", "b) Pháp lệnh sửa đổi, bổ sung Điều 6 ": an amending ordinance, named whole)?
    Returns the part the item names.

    >>> item_head("a) "), item_head("- Điều 4 của ").scope, item_head("b) Pháp lệnh sửa đổi Điều 6 ").named
    (Part(scope=None, named=False), 'Điều 4', True)
    >>> item_head("a) Tổng kết ") is None
    True
    """
    return _part(_ITEM_HEAD.match(before))


_GOVERNS = re.compile(rf"(?<!\w)(?:{lexicon.alternation(lexicon.governing())})(?!\w)", re.IGNORECASE)


def governs_list(before: str) -> bool:
    """Do the words of a sentence before a mention hold a verb that governs every item of a list after it
    (loaders.lexicon: "thực hiện", "Căn cứ", ...; not "bám sát")?

    >>> governs_list("Để tiếp tục thực hiện nghiêm "), governs_list("Bám sát ")
    (True, False)
    """
    return bool(_GOVERNS.search(before))

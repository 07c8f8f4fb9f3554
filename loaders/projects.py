"""Named projects (infrastructure, programmes, schemes) mentioned in a text, with aliases merged.

A project is a head ("cầu", "đường Vành đai", "Khu công nghiệp", ...) followed by a proper name, or a title
after a capitalised "Dự án" in running text ("triển khai Dự án Nhà thi đấu đa năng"). A proper name is words
that start with a capital or a digit; in official style only the first syllable of a word is capitalised,
so a name may hold one or two lower-case syllables between capitalised ones ("Cảng Hàng không Quốc tế Cát
Bi", "Quốc lộ 1 đi Xuân Lập"), and a dash may join another stretch with its own head ("kênh Tham Lương -
Bến Cát - rạch Nước Lên"; "đường nối đường Trần Quốc Hoàn - đường Cộng Hòa" is "đường nối Trần Quốc Hoàn -
Cộng Hòa").

Not projects: a head that is the second syllable of a word ("yêu cầu Tòa án" is a request, "nhu cầu", "toàn
cầu"), a body ("cầu Ủy ban nhân dân"), one capitalised syllable followed by ordinary words ("Tòa án cùng
cấp"), a street given as an address ("tại đường Bắc Sơn"), a measure ("khổ đường 1.435 mm").

"Metro số 1" and "tuyến đường sắt đô thị số 1" are one project, named as the text first writes it;
"đường Vành đai 3" and "Vành đai 3" too.

>>> [p.name for p in find_projects("đầu tư tuyến Metro số 1, đường Vành đai 3 và cầu Cần Giờ.")]
['Metro số 1', 'Vành đai 3', 'cầu Cần Giờ']
>>> [p.name for p in find_projects("đáp ứng yêu cầu Cuộc cách mạng công nghiệp lần thứ tư; Yêu cầu Tòa án")]
[]
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .bodies import classify
from .normalise import MatchView, fold_key, matching_form

# (kind, head) -- heads are matched case-insensitively; numbered kinds carry their number in the head, and
# the group <kind>_c is the part that names them ("tuyến Metro số 1" -> "Metro số 1").
_HEADS: list[tuple[str, str]] = [
    ("metro", r"(?:tuyến[ \t]+)?(?P<metro_c>(?:metro|đường sắt đô thị)[ \t]+số[ \t]+(?P<metro_n>\d+))"),
    ("ring", r"(?:đường[ \t]+)?(?P<ring_c>vành đai[ \t]+(?P<ring_n>\d+))"),
    ("national_road", r"(?:mở rộng[ \t]+)?(?P<national_road_c>quốc lộ[ \t]+(?P<national_road_n>\d+[A-Z]?))"),
    ("financial_centre", r"(?P<financial_centre_c>trung tâm tài chính quốc tế)"),
    ("metro_system", r"hệ thống đường sắt đô thị"),
    ("highway", r"(?:mở rộng[ \t]+)?(?:đường[ \t]+)?(?P<highway_c>cao tốc)"),
    ("bridge", r"cầu"),
    ("junction", r"nút giao(?:[ \t]+thông)?"),
    ("port", r"cảng[ \t]+(?:trung chuyển|cửa ngõ|hàng không)[ \t]+quốc tế"),
    ("terminal", r"nhà ga(?:[ \t]+(?:hành khách|hàng hóa))?(?:[ \t]+số[ \t]+\d+)?"),
    ("industrial", r"(?:khu|cụm)[ \t]+công nghiệp"),
    ("urban", r"khu[ \t]+(?:đô thị mới|đô thị|tái định cư|dân cư và tái định cư|nhà ở xã hội(?:[ \t]+phường)?)"),
    ("canal", r"kênh|rạch"),
    ("economic_zone", r"khu kinh tế"),
    ("road", r"đường(?:[ \t]+nối)?"),
]
_UPPER = "".join(c for c in map(chr, range(0x41, 0x1EFA)) if c.isupper() and c.isalpha())
_NUMBERED = {"metro", "ring", "national_road", "financial_centre"}
_NO_NAME_OK = {"terminal"}


def _title_or_lower(pattern: str) -> str:
    """Let every word of a head start with a capital or not: 'khu công' -> '[kK]hu [cC]ông'."""
    return re.sub(r"(?<![\\<\w])([a-zđà-ỹ])", lambda m: f"[{m.group(1)}{m.group(1).upper()}]", pattern)


# zones may be named by where they are: "Khu kinh tế tại Khu vực phía Nam thành phố"
_PLACED = {"economic_zone", "industrial", "urban"}
# heads that may start another stretch of one name after a dash (or repeat before it)
_LINKED_HEADS = {"road": ("đường",), "canal": ("kênh", "rạch", "sông"), "highway": ("cao tốc",)}


def _head(kind: str, h: str) -> str:
    # a head that needs a name must be followed by one: a capital or a digit (checked by the regex, so the
    # many "đường" and "cầu" of ordinary prose cost nothing in Python), or its place ("Khu kinh tế tại Khu
    # vực …"), or its own word again ("đường nối đường Trần Quốc Hoàn")
    if kind in _NUMBERED or kind in _NO_NAME_OK:
        return f"(?P<{kind}>{_title_or_lower(h)})"
    alts = [f"[{_UPPER}0-9]"]
    if kind in _PLACED:
        alts.append(rf"(?:tại|ở)[ \t]+[{_UPPER}]")
    if kind in _LINKED_HEADS:
        alts.append("(?:" + "|".join(_LINKED_HEADS[kind]) + rf")[ \t]+[{_UPPER}]")
    return f"(?P<{kind}>{_title_or_lower(h)})(?=[ \t]+(?:{'|'.join(alts)}))"


# A long alternation of named groups scans slowly; a plain alternation of the heads' first words finds
# the few places where the heads that start with that word are tried (about 15x faster on the laws corpus).
_FIRST_WORDS = (
    "tuyến",
    "metro",
    "đường",
    "vành",
    "quốc",
    "mở",
    "trung",
    "hệ",
    "cao",
    "cầu",
    "nút",
    "cảng",
    "nhà",
    "khu",
    "cụm",
    "kênh",
    "rạch",
)
_NEXT = {  # what must follow each first word for any head to match there (cuts the candidates tenfold)
    "tuyến": "metro|đường sắt",
    "metro": "số",
    "đường": "sắt|vành|cao|nối|[A-ZĐ0-9]",
    "vành": "đai",
    "quốc": "lộ",
    "mở": "rộng",
    "trung": "tâm tài chính",
    "hệ": "thống đường sắt",
    "cao": "tốc",
    "cầu": "[UPPER0-9]",
    "nút": "giao",
    "cảng": "trung|cửa|hàng",
    "nhà": "ga",
    "khu": "công|đô|tái|dân|nhà|kinh",
    "cụm": "công",
    "kênh": "[UPPER0-9]",
    "rạch": "[UPPER0-9]",
}
# The prefilter runs on a lower-cased copy with plain literals (sre scans those six times faster than
# case classes); capitals are checked afterwards on the text itself.
_FIRST = re.compile(
    "|".join(
        w + "(?=[ \t]+(?:" + _NEXT[w].replace("[UPPER0-9]", "\\S").replace("[A-ZĐ0-9]", "\\S") + "))"
        for w in _FIRST_WORDS
    )
)
# which heads can start with each first word: only those are tried at a candidate
_KINDS_BY_FIRST = {
    "tuyến": ("metro",),
    "metro": ("metro",),
    "đường": ("metro", "ring", "highway", "road"),
    "vành": ("ring",),
    "quốc": ("national_road",),
    "mở": ("national_road", "highway"),
    "trung": ("financial_centre",),
    "hệ": ("metro_system",),
    "cao": ("highway",),
    "cầu": ("bridge",),
    "nút": ("junction",),
    "cảng": ("port",),
    "nhà": ("terminal",),
    "khu": ("industrial", "urban", "economic_zone"),
    "cụm": ("industrial",),
    "kênh": ("canal",),
    "rạch": ("canal",),
}
_RX_BY_FIRST = {
    w: re.compile("|".join(_head(k, h) for k, h in _HEADS if k in kinds)) for w, kinds in _KINDS_BY_FIRST.items()
}
_TOKEN = re.compile(r"[ \t]+(?P<t>-|[^\s,;.()\"“”…:]+)")
# lower-case words that end a name rather than join two capitalised parts of it
_STOP = frozenset(
    "và hoặc của với cho trong tại ở từ đến theo thuộc qua trên dưới năm quý tháng ngày đã được sẽ là có các "
    "những để nhằm khi nếu như do bởi vào ra về này đó gồm cùng đang bị thì mà nhưng".split()
)
# the word before a head that makes the head the second syllable of another word ("yêu cầu", "nhu cầu")
_COMPOUND_BEFORE = {
    "cầu": frozenset("yêu yên nhu toàn khẩn thỉnh mưu địa bán hình nhãn cung".split()),
    "đường": frozenset("khổ con lòng mặt lề".split()),
    "kênh": frozenset(("truyền",)),
}
# a street given as an address, not a project: "tại đường Bắc Sơn"
_ADDRESS_BEFORE = frozenset("tại ở số trên dọc".split())
_NOT_A_NAME = frozenset(("Đảng", "Nghị", "Luật", "Nhà nước"))
_MEASURE = re.compile(r"[.,]\d")


@dataclass
class ProjectMention:
    key: str
    name: str
    start: int
    end: int
    aliases: list[str] = field(default_factory=list)  # other ways the text wrote it


_LINKED_RX = {
    kind: re.compile(r"[ \t]+(?P<t>(?i:" + "|".join(heads) + rf"))(?=[ \t]+[{_UPPER}0-9])")
    for kind, heads in _LINKED_HEADS.items()
}


def _linked_head(v: str, pos: int, kind: str) -> re.Match[str] | None:
    """A head of the same family at `pos`, followed by a capitalised name ("- rạch Nước Lên", "đường Cộng")."""
    rx = _LINKED_RX.get(kind)
    return rx.match(v, pos) if rx else None


def _dash_goes_on(v: str, pos: int, kind: str) -> bool:
    """After a dash at `pos`: another stretch of the name (a capitalised word or a head of its family)?"""
    nm = _TOKEN.match(v, pos)
    return bool(_linked_head(v, pos, kind) or (nm and nm["t"][:1].isupper()))


def _name_after(v: str, pos: int, kind: str = "", own: str = "") -> tuple[str, int]:
    """The proper name after `pos` and where it ends: capitalised / numeric tokens (at most 16), with at most two
    lower-case syllables between two of them; '-' only between two stretches. `own` is the head's word: written
    again before a stretch it is dropped ("đường nối đường X - đường Y" -> "X - Y")."""
    toks: list[str] = []
    pending: list[str] = []  # lower-case syllables kept only if a capitalised one follows
    end = cur = pos  # end of the name so far; where the scan is
    while len(toks) < 16:
        at_stretch = (not toks or toks[-1] == "-") and not pending
        if at_stretch and (lh := _linked_head(v, cur, kind)):
            toks += [] if lh["t"].lower() == own else [lh["t"]]
            cur = lh.end()
            continue
        m = _TOKEN.match(v, cur)
        step = _step(v, m, toks, pending, kind) if m is not None else "stop"
        if step == "stop" or m is None:
            break
        if step == "dash":
            toks.append("-")
        elif step == "word":
            toks += [*pending, m["t"]]
            pending, end = [], m.end()
        else:
            pending.append(m["t"])
        cur = m.end()
    while toks and toks[-1] == "-":
        toks.pop()
    return " ".join(toks), end


def _step(v: str, m: re.Match[str], toks: list[str], pending: list[str], kind: str) -> str:
    """What the token `m` does to a name being read: "dash" (a '-' between two stretches), "word" (a capitalised
    or numeric word, not a measure), "pending" (a lower-case syllable kept if a capitalised one follows), "stop"."""
    t = m["t"]
    in_word = bool(toks) and toks[-1] != "-"  # right after a word of the name
    if t == "-" and in_word and not pending and _dash_goes_on(v, m.end(), kind):
        return "dash"
    if (t[:1].isupper() or t[:1].isdigit()) and not (t[:1].isdigit() and _MEASURE.match(v, m.end())):
        return "word"
    if in_word and len(pending) < 2 and t.isalpha() and t.lower() not in _STOP:
        return "pending"
    return "stop"


def _is_name(head_word: str, name: str, v: str, end: int) -> bool:
    """Is `name` (after a head) a project's name, not a body, a request or an ordinary phrase?"""
    if not name or name.split(" ")[0] in _NOT_A_NAME or " ".join(name.split(" ")[:2]) in _NOT_A_NAME:
        return False
    if classify(name) is not None:
        return False
    one_word = " " not in name and not any(c.isdigit() for c in name)
    nxt = _TOKEN.match(v, end)
    # "Tòa án cùng cấp", "Ủy ban nhân dân": one capitalised syllable and ordinary words after it
    return not (one_word and nxt is not None and nxt["t"][:1].islower() and nxt["t"].lower() not in _STOP)


def _word_before(v: str, pos: int) -> str:
    """The word right before the space before `pos`, in lower case ("" if none: the view has single spaces).

    >>> _word_before("đáp ứng yêu cầu Cuộc", 12), _word_before("(cầu Rồng", 1)
    ('yêu', '')
    """
    if pos < 2 or v[pos - 1] != " ":
        return ""
    start = pos - 1
    while start > 0 and v[start - 1].isalnum():
        start -= 1
    return v[start : pos - 1].lower()


# A capitalised "Dự án" in running text opens a project's title: "thực hiện Dự án Nhà thi đấu đa năng …",
# "; Dự án mở rộng sân đỗ máy bay - Giai đoạn 2 và Dự án …". The title ends at punctuation, at the next
# "Dự án", or where the sentence goes on ("để", "nhằm", "đã", ...).
_DU_AN = re.compile(r"Dự án[ \t]+(?:(?i:đầu tư|xây dựng)[ \t]*,?[ \t]*)*")
_IN_RUNNING_TEXT = re.compile(r"[a-zđà-ỹ,;] ")  # what stands before "Dự án" in running text
_TITLE_END = re.compile(
    r"[,;.…()\n:\"“”]|[ \t]+(?:và|hoặc)[ \t]+(?:Dự án|dự án)|[ \t]+(?:để|nhằm|đang|đã|được|sẽ|"
    r"theo|trong|bảo đảm|đảm bảo|với tổng|có tổng|do|của)(?!\w)"
)
_NOT_A_TITLE = re.compile(r"(?i:luật|bộ luật|pháp lệnh|nghị quyết|nghị định|quyết định|thông tư|đầu tư công)(?!\w)")


def _titled_projects(v: str, taken: list[tuple[int, int]]) -> list[tuple[str, str, int, int]]:
    """(key, name, start, end) of the projects named by a title after "Dự án" (that no head already named)."""
    out = []
    for dm in _DU_AN.finditer(v):
        if not _IN_RUNNING_TEXT.match(v, dm.start() - 2):
            continue
        te = _TITLE_END.search(v, dm.end())
        end = te.start() if te else len(v)
        title = " ".join(v[dm.end() : end].split())
        # a title, not a phrase: it names something (a capital after its first letter, or a number)
        named = any(c.isupper() or c.isdigit() for c in title[1:])
        if (
            not named
            or len(title.split(" ")) > 14
            or _NOT_A_TITLE.match(title)
            or any(a < end and dm.end() < b for a, b in taken)
        ):
            continue
        out.append((f"titled:{fold_key(title)}", title, dm.start(), end))
    return out


def _head_project(v: str, m: re.Match[str]) -> tuple[str, str, int] | None:
    """(key, name, end) of the project a head match names, or None."""
    kind = (m.lastgroup or "").removesuffix("_n").removesuffix("_c")
    if kind in _NUMBERED:
        n = m.groupdict().get(f"{kind}_n")
        core = " ".join(v[m.start(f"{kind}_c") : m.end(f"{kind}_c")].split())
        return (f"{kind}:{n}" if n else f"{kind}:{fold_key(core)}"), core, m.end()
    core = f"{kind}_c" if m.groupdict().get(f"{kind}_c") else kind
    head = " ".join(v[m.start(core) : m.end(core)].split())
    start = m.end()
    placed = (
        kind in _PLACED and (pm := re.match(r"[ \t]+(tại|ở)(?=[ \t])", v[start : start + 8])) and head[:1].isupper()
    )
    if placed and pm:
        start += pm.end()
    pname, end = _name_after(v, start, kind, head.split(" ")[0].lower())
    if not pname and (kind not in _NO_NAME_OK or not re.search(r"\d", head)):
        return None
    if pname and not _is_name(head, pname, v, end):
        return None
    name = f"{head} {'tại ' if placed else ''}{pname}".strip()
    return f"{kind}:{fold_key(name)}", name, end


def _skip_head(v: str, pos: int, word: str) -> bool:
    """Is the head word at `pos` part of another word, or a street given as an address?"""
    if pos and v[pos - 1].isalnum():
        return True
    before = _word_before(v, pos)
    return before in _COMPOUND_BEFORE.get(word, ()) or (word == "đường" and before in _ADDRESS_BEFORE)


def find_projects(text: str | MatchView) -> list[ProjectMention]:
    """Project mentions in order of first appearance, one per project (aliases merged)."""
    view = text if isinstance(text, MatchView) else MatchView.of(text)
    v = view.text
    found: list[tuple[str, str, int, int]] = []
    pos = 0
    for f in _FIRST.finditer(view.lower):
        word = f.group(0).lower()
        if f.start() < pos or _skip_head(v, f.start(), word):
            continue
        m = _RX_BY_FIRST[word].match(v, f.start())
        if m is None or (hp := _head_project(v, m)) is None:
            continue
        key, name, end = hp
        found.append((key, name, m.start(), end))
        pos = end
    found += _titled_projects(v, [(s, e) for _, _, s, e in found])
    seen: dict[str, ProjectMention] = {}
    for key, name, s0, e0 in sorted(found, key=lambda t: t[2]):
        s, e = view.to_original(s0, e0)
        written = " ".join(view.original[s:e].split())
        if key not in seen:
            seen[key] = ProjectMention(key=key, name=name, start=s, end=e)
        if matching_form(written) != seen[key].name and written not in seen[key].aliases:
            seen[key].aliases.append(written)
    return list(seen.values())

"""Named projects (infrastructure, programmes, schemes) mentioned in a text, with aliases merged.

A project is a head ("cầu", "đường Vành đai", "Khu công nghiệp", ...) followed by a proper name (words that
start with a capital or a digit). "Metro số 1" and "tuyến đường sắt đô thị số 1" are one project;
"đường Vành đai 3" and "Vành đai 3" too.

>>> [p.name for p in find_projects("đầu tư tuyến Metro số 1, đường Vành đai 3 và cầu Cần Giờ.")]
['Metro số 1', 'Vành đai 3', 'cầu Cần Giờ']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .normalise import MatchView, fold_key

# (kind, head) -- heads are matched case-insensitively; numbered kinds carry their number in the head.
_HEADS: list[tuple[str, str]] = [
    ("metro", r"(?:tuyến[ \t]+)?(?:metro|đường sắt đô thị)[ \t]+số[ \t]+(?P<metro_n>\d+)"),
    ("ring", r"(?:đường[ \t]+)?vành đai[ \t]+(?P<ring_n>\d+)"),
    ("national_road", r"(?:mở rộng[ \t]+)?quốc lộ[ \t]+(?P<national_road_n>\d+[A-Z]?)"),
    ("financial_centre", r"trung tâm tài chính quốc tế"),
    ("metro_system", r"hệ thống đường sắt đô thị"),
    ("highway", r"(?:mở rộng[ \t]+)?(?:đường[ \t]+)?cao tốc"),
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


def _head(kind: str, h: str) -> str:
    # a head that needs a name must be followed by one: a capital or a digit (checked by the regex, so the
    # many "đường" and "cầu" of ordinary prose cost nothing in Python)
    tail = "" if kind in _NUMBERED or kind in _NO_NAME_OK else rf"(?=[ \t]+[{_UPPER}0-9])"
    return f"(?P<{kind}>{_title_or_lower(h)}){tail}"


# A long alternation of named groups scans slowly; a plain alternation of the heads' first words finds
# the few places where the heads that start with that word are tried (about 15x faster on the laws corpus).
_FIRST_WORDS = ("tuyến", "metro", "đường", "vành", "quốc", "mở", "trung", "hệ", "cao", "cầu", "nút", "cảng",
                "nhà", "khu", "cụm", "kênh", "rạch")
_NEXT = {  # what must follow each first word for any head to match there (cuts the candidates tenfold)
    "tuyến": "metro|đường sắt", "metro": "số", "đường": "sắt|vành|cao|nối|[A-ZĐ0-9]", "vành": "đai",
    "quốc": "lộ", "mở": "rộng", "trung": "tâm tài chính", "hệ": "thống đường sắt", "cao": "tốc",
    "cầu": "[UPPER0-9]", "nút": "giao", "cảng": "trung|cửa|hàng", "nhà": "ga", "khu": "công|đô|tái|dân|nhà|kinh",
    "cụm": "công", "kênh": "[UPPER0-9]", "rạch": "[UPPER0-9]",
}
# The prefilter runs on a lower-cased copy with plain literals (sre scans those six times faster than
# case classes); capitals are checked afterwards on the text itself.
_FIRST = re.compile("|".join(
    w + "(?=[ \t]+(?:" + _NEXT[w].replace("[UPPER0-9]", "\\S").replace("[A-ZĐ0-9]", "\\S") + "))"
    for w in _FIRST_WORDS))
# which heads can start with each first word: only those are tried at a candidate
_KINDS_BY_FIRST = {
    "tuyến": ("metro",), "metro": ("metro",), "đường": ("metro", "ring", "highway", "road"), "vành": ("ring",),
    "quốc": ("national_road",), "mở": ("national_road", "highway"), "trung": ("financial_centre",),
    "hệ": ("metro_system",), "cao": ("highway",), "cầu": ("bridge",), "nút": ("junction",), "cảng": ("port",),
    "nhà": ("terminal",), "khu": ("industrial", "urban", "economic_zone"), "cụm": ("industrial",),
    "kênh": ("canal",), "rạch": ("canal",),
}
_RX_BY_FIRST = {w: re.compile("|".join(_head(k, h) for k, h in _HEADS if k in kinds))
                for w, kinds in _KINDS_BY_FIRST.items()}
_TOKEN = re.compile(r"[ \t]+(?P<t>-|[^\s,;.()\"“”…:]+)")
@dataclass
class ProjectMention:
    key: str
    name: str
    start: int
    end: int
    aliases: list[str] = field(default_factory=list)  # other ways the text wrote it


def _name_after(v: str, pos: int) -> tuple[str, int]:
    """Capitalised / numeric tokens after `pos` (at most 7), joined; '-' only between two of them."""
    toks: list[str] = []
    end = pos
    while len(toks) < 7:
        m = _TOKEN.match(v, end)
        if not m:
            break
        t = m["t"]
        if t == "-":
            nm = _TOKEN.match(v, m.end())
            if toks and nm and nm["t"][:1].isupper():
                toks.append("-")
                end = m.end()
                continue
            break
        if not (t[:1].isupper() or t[:1].isdigit()):
            break
        toks.append(t)
        end = m.end()
    while toks and toks[-1] == "-":
        toks.pop()
    return " ".join(toks), end


def find_projects(text: str | MatchView) -> list[ProjectMention]:
    """Project mentions in order of first appearance, one per project (aliases merged)."""
    view = text if isinstance(text, MatchView) else MatchView.of(text)
    v = view.text
    seen: dict[str, ProjectMention] = {}
    pos = 0
    low = view.lower
    for f in _FIRST.finditer(low):
        if f.start() < pos or (f.start() and v[f.start() - 1].isalnum()):
            continue
        m = _RX_BY_FIRST[f.group(0).lower()].match(v, f.start())
        if m is None:
            continue
        pos = m.end()
        kind = m.lastgroup or ""
        if kind.endswith("_n"):
            kind = kind[:-2]
        head = re.sub(r"\s+", " ", v[m.start(kind):m.end(kind)])
        if kind in _NUMBERED:
            n = m.groupdict().get(f"{kind}_n")
            key, name = (f"{kind}:{n}", {"metro": f"Metro số {n}", "ring": f"Vành đai {n}",
                                         "national_road": f"Quốc lộ {n}"}.get(kind, head)) if n else (
                f"{kind}:{fold_key(head)}", head)
            end = m.end()
        else:
            pname, end = _name_after(v, m.end())
            if not pname and kind not in _NO_NAME_OK:
                continue
            if not pname and not re.search(r"\d", head):
                continue
            if pname.split(" ")[0] in ("Đảng", "Nhà", "Nghị", "Thành", "Tỉnh", "Trung", "Quốc", "Chính"):
                continue
            name = f"{head} {pname}".strip()
            key, end = f"{kind}:{fold_key(name)}", end
        written = " ".join(view.original[slice(*view.to_original(m.start(), end))].split())
        if key not in seen:
            s, e = view.to_original(m.start(), end)
            seen[key] = ProjectMention(key=key, name=name, start=s, end=e)
        if written != seen[key].name and written not in seen[key].aliases:
            seen[key].aliases.append(written)
    return list(seen.values())

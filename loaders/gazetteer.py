"""Vietnamese places, for working out a document's jurisdiction.

The gazetteer knows the 63 provinces and centrally-run cities as they were before the 2025 reform (each
with the unit it belongs to from 1 July 2025, Nghị quyết 202/2025/QH15) and the provincial cities
(thành phố thuộc tỉnh, district level) with their province. The provinces, their kind and their 2025 unit
are the official lists' (loaders/data/provinces.json, which loaders/provinces.py reads too); the aliases,
the names that need an admin word and the cities are the gazetteer's own (loaders/data/places.json).

Names are matched on a folded form: NFC, lower case, old/new tone placement unified (Khánh Hoà =
Khánh Hòa), dashes made plain. The folding keeps the string's length, so every offset returned points
into the text the caller passed. Callers should pass NFC text (PolicyGraph's readers do not normalise);
NFD input still works but costs a pass to build the offset map.

>>> canonical("TP.HCM"), canonical("Khánh Hoà"), canonical("tỉnh Thừa Thiên - Huế")
('Thành phố Hồ Chí Minh', 'Khánh Hòa', 'Huế')
>>> parent("Long Khánh"), level("Long Khánh"), level("Đồng Nai"), parent("Đồng Nai")
('Đồng Nai', 'district', 'province', None)
>>> successor_2025("Bình Dương")
'Thành phố Hồ Chí Minh'
>>> text = "Thành ủy Thành phố Hồ Chí Minh học tập tư tưởng Hồ Chí Minh; thành phố Long Khánh"
>>> [(m.name, m.prefix, text[m.start:m.end]) for m in find_places(text)]
[('Thành phố Hồ Chí Minh', 'Thành phố', 'Hồ Chí Minh'), ('Long Khánh', 'thành phố', 'Long Khánh')]
>>> jurisdiction_votes("Tỉnh ủy Đồng Nai; Long Khánh")
Counter({'Đồng Nai': 2, 'Long Khánh': 1})
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

from .normalise import MatchView, matching_form
from .package_data import read_json

PlaceLevel = Literal["province", "district"]

__all__ = [
    "HCM",
    "Place",
    "PlaceMatch",
    "canonical",
    "find_places",
    "info",
    "jurisdiction_votes",
    "level",
    "merged_from_2025",
    "parent",
    "places",
    "successor_2025",
]

HCM = "Thành phố Hồ Chí Minh"

# Capitalised words that make a place name part of something else: "Thái Bình Dương" (the Pacific),
# "Hà Nam Ninh" (the old province), "NGƯỜI VIỆT NAM ĐỊNH CƯ", "MIỀN NAM ĐỊNH HƯỚNG".
_STOP_AFTER = {"thái bình": "dương", "hà nam": "ninh", "nam định": "hướng"}
_STOP_BEFORE = {"nam định": "việt"}


@dataclass(frozen=True)
class Place:
    """One place. `level` is "province" (province or centrally-run city) or "district"."""

    name: str
    level: PlaceLevel
    kind: Literal["city", "province"]  # city | province (province level); city (district level)
    parent: str | None = None  # the province of a district-level city
    aliases: tuple[str, ...] = ()
    after_2025: str | None = None  # the province-level unit it belongs to from 1 July 2025
    needs_prefix: bool = False
    shares_name_with: str | None = None  # "Thành phố Bắc Ninh" <-> "Bắc Ninh"


@dataclass
class PlaceMatch:
    """A place found in a text. `text[start:end]` is the name as written, without its admin word.

    `prefix` is the admin word right before it ("tỉnh", "Tỉnh ủy", "thành phố", "TP.", "" if none) and
    `pstart` where that word starts (== start without one). `alt` is the district-level city with the
    same name when the text says "thành phố X" / "Thành ủy X" for a province X: the caller decides.
    """

    start: int
    end: int
    name: str
    level: PlaceLevel
    prefix: str = ""
    pstart: int = -1
    alt: str | None = None

    def __post_init__(self) -> None:
        if self.pstart < 0:
            self.pstart = self.start


# --------------------------------------------------------------------------------------------------------
# Folding (same length as the input)
# --------------------------------------------------------------------------------------------------------


def _fold_nfc(s: str) -> str:
    """Lower-case matching form (normalise.matching_form: NFC, tones unified, Ð -> Đ, plain dashes) of an
    NFC string, of the same length."""
    low = matching_form(s).lower()
    if len(low) != len(s):  # a few characters (İ) grow when lowered: keep those as they are
        low = "".join(c.lower() if len(c.lower()) == 1 else c for c in matching_form(s))
    return low


def _fold(text: str | MatchView) -> tuple[str, MatchView]:
    """The folded text and the view that maps its offsets back to the original (NFD input included)."""
    view = text if isinstance(text, MatchView) else MatchView.of(text)
    return view.lower, view


def _mkey(folded: str) -> str:
    """Key of a folded name as the text regex matched it: single spaces, no spaces around dashes."""
    return re.sub(r"\s+", " ", re.sub(r"\s*-\s*", "-", folded))


def _key(name: str) -> str:
    """Dictionary key of a place name: folded, single spaces, "TP." spelled out, no edge punctuation."""
    k = _mkey(_fold_nfc(unicodedata.normalize("NFC", name))).strip(" \t\n.,;:()*|#")
    k = re.sub(r"^(?:t\.\s?p\.?|tp\.?)\s*(?=\w)", "thành phố ", k)
    return k


# --------------------------------------------------------------------------------------------------------
# Index (built on first use: importing the gazetteer reads no data and compiles no name regex)
# --------------------------------------------------------------------------------------------------------

_HCM_KEYS = ("hồ chí minh", "hcm")


@dataclass(frozen=True)
class _Index:
    places: dict[str, Place]  # by canonical name
    by_key: dict[str, Place]  # canonical() lookups
    match_key: dict[str, Place]  # keys the text regex matches
    name_re: re.Pattern[str]  # any match key, on word boundaries


def _add_key(table: dict[str, Place], k: str, p: Place) -> None:
    old = table.get(k)
    if old is not None and old.name != p.name:
        raise ValueError(f"gazetteer: {k!r} names both {old.name} and {p.name}")
    table[k] = p


def _official_provinces() -> list[tuple[str, Literal["city", "province"], str]]:
    """The 63 provinces and centrally-run cities before the 2025 reform, in the order of their list, each with
    its kind and the unit it belongs to from 1 July 2025: the lists of loaders/data/provinces.json that end on
    30 June 2025 and start on 1 July 2025 (the merger table of Nghị quyết 202/2025/QH15)."""
    lists = read_json("provinces.json")["lists"]
    before = next(x for x in lists if x["until"] == "2025-06-30")  # chosen by date, wherever a later list goes
    after = next(x for x in lists if x["from"] == "2025-07-01")
    unit_of: dict[str, str] = {}
    for unit in after["units"]:
        for old in unit["merged_from"]:
            if unit_of.setdefault(old, unit["name"]) != unit["name"]:
                raise ValueError(f"gazetteer: {old} is in both {unit_of[old]} and {unit['name']} in 2025")
    missing = [u["name"] for u in before["units"] if u["name"] not in unit_of]
    if missing:
        raise ValueError(f"gazetteer: no 2025 unit for {missing}")
    return [(u["name"], u["kind"], unit_of[u["name"]]) for u in before["units"]]


def _read_places() -> dict[str, Place]:
    """The places by canonical name, in order: the provinces, the capitals named like their province, the
    other cities."""
    out: dict[str, Place] = {}
    data = read_json("places.json")
    extra, capitals, cities = data["provinces"], data["capitals_named_like_their_province"], data["cities"]
    for name, kind, after in _official_provinces():
        x = extra.get(name, {})
        out[name] = Place(
            name=name,
            level="province",
            kind=kind,
            aliases=tuple(x.get("aliases", ())),
            after_2025=after,
            needs_prefix=bool(x.get("needs_prefix")),
            shares_name_with=f"Thành phố {name}" if name in capitals else None,
        )
    unknown = sorted({*extra, *capitals, *(c["province"] for c in cities)} - set(out))
    if unknown:
        raise ValueError(f"gazetteer: places.json names provinces the official list does not: {unknown}")
    for name in capitals:
        city = f"Thành phố {name}"
        out[city] = Place(
            name=city,
            level="district",
            kind="city",
            parent=name,
            after_2025=out[name].after_2025,
            shares_name_with=name,
        )
    for c in cities:
        out[c["name"]] = Place(
            name=c["name"],
            level="district",
            kind="city",
            parent=c["province"],
            aliases=tuple(c.get("aliases", ())),
            after_2025=out[c["province"]].after_2025,
            needs_prefix=bool(c.get("needs_prefix")),
        )
    return out


@functools.cache
def _index() -> _Index:
    places = _read_places()
    by_key: dict[str, Place] = {}
    match_key: dict[str, Place] = {}
    for p in places.values():
        for n in (p.name, *p.aliases):
            _add_key(by_key, _key(n), p)
        if p.level == "district" and p.shares_name_with is None:
            _add_key(by_key, "thành phố " + _key(p.name), p)
        if p.name != HCM and not (p.level == "district" and p.shares_name_with):
            for n in (p.name, *p.aliases):
                _add_key(match_key, _mkey(_fold_nfc(n)), p)
    hcm = places[HCM]
    for k in (*_HCM_KEYS, "tphcm"):
        _add_key(by_key, k, hcm)
        _add_key(match_key, k, hcm)
    name_re = re.compile(r"(?<!\w)(?:" + _trie_pattern(list(match_key)) + r")(?!\w)")
    return _Index(places, by_key, match_key, name_re)


def _tokens(k: str) -> list[str]:
    return [t for t in re.split(r"(\s+|-)", k) if t and not t.isspace()]


def _trie_pattern(keys: list[str]) -> str:
    """One regex alternation for all keys, factored as a trie of words (fast on long texts)."""
    trie: dict[str, dict] = {}
    for k in keys:
        node = trie
        for t in _tokens(k):
            node = node.setdefault(t, {})
        node[""] = {}

    def sep(prev: str, tok: str) -> str:
        return r"\s*" if "-" in (prev, tok) else r"\s+"

    def gen(node: dict, prev: str | None) -> str:
        alts = []
        for tok in sorted((t for t in node if t), key=lambda t: (-len(t), t)):
            head = ("" if prev is None else sep(prev, tok)) + re.escape(tok)
            alts.append(head + gen(node[tok], tok))
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:
            return "(?:" + body + ")?"
        return body

    return gen(trie, None)


# admin words and bodies that put a place name after them (folded, at the end of the text before it)
_PREFIX_RE = re.compile(
    r"(?<!\w)(tỉnh ủy|thành ủy|thị ủy|thành phố|tỉnh|thị xã|thủ đô|t\.p\.|tp\.|tp|tx\.|"
    r"đảng bộ|ủy ban nhân dân|hội đồng nhân dân|ubnd|hđnd)\s*$"
)
_CITY_WORDS = {"thành phố", "t.p.", "tp.", "tp", "thành ủy", "thị xã", "thị ủy", "tx."}
_HCM_PREFIXES = {
    "thành phố",
    "t.p.",
    "tp.",
    "tp",
    "thành ủy",
    "đảng bộ",
    "ủy ban nhân dân",
    "hội đồng nhân dân",
    "ubnd",
    "hđnd",
}
# words that make the name part of a smaller place, a street or a river: "đường Điện Biên Phủ", "xã Tân An"
_BLOCK_RE = re.compile(
    r"(?<!\w)(?:đường|phố|xã|phường|thị trấn|huyện|quận|ấp|thôn|sông|kênh|rạch|hồ|đầm|suối|vịnh|đèo|núi|hẻm|ngõ|"
    r"ngách|kiệt)\s+$"
)
_PERSON_RE = re.compile(r"(?<!\w)(?:Văn|Thị)\s+$")  # "Nguyễn Văn Long Khánh" is a person
_LIST_SEP = re.compile(r"\s*(?:,|;|-|và|hoặc)\s*")
_PLACE_DATE = re.compile(r"\s*,\s*ngày")


def _is_caps_words(s: str) -> bool:
    return all(w[0].isupper() or w[0].isdigit() for w in re.findall(r"\w+", s))


def _stopped(text: str, folded: str, k: str, s: int, e: int, orig: Callable[[int], int]) -> bool:
    """Is the name at folded[s:e] (key k) glued to a capitalised word that makes it something else?"""
    w = _STOP_AFTER.get(k)
    if w and folded.startswith(" " + w, e) and (e + 1 + len(w) == len(folded) or not folded[e + 1 + len(w)].isalnum()):
        return text[orig(e + 1)].isupper()
    w = _STOP_BEFORE.get(k)
    if w and s >= len(w) + 1 and folded.startswith(w + " ", s - len(w) - 1):
        b = s - len(w) - 1
        return (b == 0 or not folded[b - 1].isalnum()) and text[orig(b)].isupper()
    return False


# --------------------------------------------------------------------------------------------------------
# API
# --------------------------------------------------------------------------------------------------------


def _lookup(name: str | None) -> Place | None:
    if not name:
        return None
    by_key = _index().by_key
    k = _key(name)
    p = by_key.get(k)
    if p is None:
        bare = re.sub(r"^(?:tỉnh|thành phố|thị xã|tx\.|thủ đô)\s+", "", k)
        p = by_key.get(bare)
    return p


def canonical(name: str) -> str | None:
    """The canonical name of a place given by any alias or spelling, or None.

    The string is taken to name a place ("Hồ Chí Minh" alone is the city here); an admin word in front
    is allowed. "Thành phố X" for a province X names the district-level city X.

    >>> canonical("TP. Hồ Chí Minh"), canonical("Tp Hồ Chí Minh"), canonical("TPHCM")
    ('Thành phố Hồ Chí Minh', 'Thành phố Hồ Chí Minh', 'Thành phố Hồ Chí Minh')
    >>> canonical("THANH HOÁ"), canonical("tỉnh Đắc Lắc"), canonical("thành phố Long Khánh")
    ('Thanh Hóa', 'Đắk Lắk', 'Long Khánh')
    >>> canonical("Bắc Ninh"), canonical("thành phố Bắc Ninh"), canonical("Sài Gòn")
    ('Bắc Ninh', 'Thành phố Bắc Ninh', None)
    """
    p = _lookup(name)
    return p.name if p else None


def info(name: str) -> Place | None:
    """The Place record for any alias.

    >>> p = info("Bình Dương"); (p.level, p.kind, p.after_2025)
    ('province', 'province', 'Thành phố Hồ Chí Minh')
    """
    return _lookup(name)


def parent(name: str) -> str | None:
    """The province of a district-level city; None for a province or an unknown name.

    >>> parent("Thủ Đức"), parent("Biên Hoà"), parent("Thành phố Bắc Ninh"), parent("Hà Nội")
    ('Thành phố Hồ Chí Minh', 'Đồng Nai', 'Bắc Ninh', None)
    """
    p = _lookup(name)
    return p.parent if p else None


def level(name: str) -> PlaceLevel | None:
    """ "province" (provinces and centrally-run cities), "district" (provincial cities), or None.

    >>> level("Hải Phòng"), level("Nha Trang"), level("Paris")
    ('province', 'district', None)
    """
    p = _lookup(name)
    return p.level if p else None


def successor_2025(name: str) -> str | None:
    """The province-level unit a place belongs to from 1 July 2025 (Nghị quyết 202/2025/QH15).

    >>> successor_2025("Bà Rịa - Vũng Tàu"), successor_2025("Hà Nội"), successor_2025("Đà Lạt")
    ('Thành phố Hồ Chí Minh', 'Hà Nội', 'Lâm Đồng')
    """
    p = _lookup(name)
    return p.after_2025 if p else None


def merged_from_2025(name: str) -> list[str]:
    """The pre-2025 provinces that form a 2025 unit (the unit itself first); [] if it is not one.

    >>> merged_from_2025("Thành phố Hồ Chí Minh")
    ['Thành phố Hồ Chí Minh', 'Bình Dương', 'Bà Rịa - Vũng Tàu']
    """
    p = _lookup(name)
    if p is None or p.level != "province":
        return []
    out = [q.name for q in _index().places.values() if q.level == "province" and q.after_2025 == p.name]
    return sorted(out, key=lambda n: n != p.name) if p.name in out else []


def places(level: str | None = None) -> Iterator[Place]:
    """All places, optionally of one level.

    >>> sum(1 for _ in places("province"))
    63
    """
    return (p for p in _index().places.values() if level is None or p.level == level)


def find_places(text: str | MatchView) -> list[PlaceMatch]:
    """The places a text names, in order, with offsets into `text` (or the view's original text).

    Rules against false places: names sit on word boundaries and are written capitalised or in capitals
    (admin words match in any case, so a header "THÀNH ỦY THÀNH PHỐ HỒ CHÍ MINH" reads like running text);
    "Hồ Chí Minh" / "HCM" count only as the city (after "Thành phố", "TP.", "Tp", "Thành ủy", "Đảng bộ",
    "Ủy ban nhân dân", ..., as "TPHCM", or opening a "Hồ Chí Minh, ngày ..." line), never in "tư tưởng
    Hồ Chí Minh" or "Đoàn Thanh niên Cộng sản Hồ Chí Minh"; names that are common words
    or person names ("Hòa Bình", "Thái Bình", "Vinh", ...) need an admin word before them, or to follow
    another place in a list, or to open a "X, ngày ..." line; names after "xã", "phường", "huyện",
    "quận", "đường", "phố", "sông" ... are smaller places or streets and are skipped.

    >>> t = "Chủ tịch Hồ Chí Minh; Đoàn Thanh niên Cộng sản Hồ Chí Minh; UBND TP.HCM; tỉnh Khánh Hoà"
    >>> [(m.name, m.prefix, t[m.start:m.end]) for m in find_places(t)]
    [('Thành phố Hồ Chí Minh', 'TP.', 'HCM'), ('Khánh Hòa', 'tỉnh', 'Khánh Hoà')]
    >>> [m.name for m in find_places("vì hòa bình; Hòa Bình; tỉnh Hòa Bình, Thái Bình; đường Điện Biên Phủ")]
    ['Hòa Bình', 'Thái Bình']
    >>> m = find_places("Thành ủy Bắc Ninh")[0]; (m.name, m.level, m.alt)
    ('Bắc Ninh', 'province', 'Thành phố Bắc Ninh')
    """
    folded, view = _fold(text)
    text = view.original

    def orig(i: int) -> int:
        return view.to_original(i, i)[0]

    out: list[PlaceMatch] = []
    prev_end = -1
    idx = _index()
    for m in idx.name_re.finditer(folded):
        s, e = m.span()
        k = _mkey(m.group(0))
        p = idx.match_key[k]
        if _stopped(text, folded, k, s, e, orig):
            continue
        lo = max(0, s - 30)
        pm = _PREFIX_RE.search(folded, lo, s)
        prefix, ps, pe = (pm.group(1), pm.start(1), pm.end(1)) if pm else ("", s, s)
        if k == "tphcm":
            prefix, ps, pe, s = "tp", s, s + 2, s + 2
        quote = text[orig(s) : orig(e)]
        if not _is_caps_words(unicodedata.normalize("NFC", quote) if view.marks else quote):
            continue
        if not prefix and (_BLOCK_RE.search(folded, lo, s) or _PERSON_RE.search(text, max(0, orig(s) - 8), orig(s))):
            continue
        if not _named_here(p, prefix, folded, s, e, prev_end):
            continue
        alt = p.shares_name_with if p.shares_name_with and prefix in _CITY_WORDS else None
        out.append(
            PlaceMatch(
                start=orig(s),
                end=orig(e),
                name=p.name,
                level=p.level,
                prefix=text[orig(ps) : orig(pe)],
                pstart=orig(ps),
                alt=alt,
            )
        )
        prev_end = e
    return out


def _named_here(p: Place, prefix: str, folded: str, s: int, e: int, prev_end: int) -> bool:
    """Whether a name that could be a place names it here: Hồ Chí Minh only as the city (after a city word, or
    opening a "Hồ Chí Minh, ngày …" line); a name that is also a common word or a person's only after an admin
    word, opening such a line, or following another place in a list."""
    line_start = folded.rfind("\n", 0, s) + 1
    place_date = not folded[line_start:s].strip(" \t*#|") and _PLACE_DATE.match(folded, e) is not None
    if p.name == HCM:
        return prefix in _HCM_PREFIXES or place_date
    if p.needs_prefix and not prefix and not place_date:
        return prev_end >= 0 and _LIST_SEP.fullmatch(folded, prev_end, s) is not None
    return True


def jurisdiction_votes(text: str | MatchView) -> Counter[str]:
    """Canonical places a text names, counted; a name after an admin word counts 2, a bare name 1.

    >>> jurisdiction_votes("UBND tỉnh Đồng Nai; thành phố Biên Hòa và Long Khánh; Đồng Nai")
    Counter({'Đồng Nai': 3, 'Biên Hòa': 2, 'Long Khánh': 1})
    """
    votes: Counter[str] = Counter()
    for m in find_places(text):
        votes[m.name] += 2 if m.prefix else 1
    return votes

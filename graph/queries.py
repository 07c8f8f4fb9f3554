"""Queries over the PolicyGraph graph (docs/schema.md): find a document, follow its lineage, show it,
count the graph, and measure how far a central document is carried out.

Plain functions over a ``networkx.MultiDiGraph``; the CLI (``policygraph lineage|show|stats|coverage``)
is a thin shell over them.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("doc:31-NQ/TW@2022-12-30", kind="Document", label="Resolution", symbol="31-NQ/TW",
...            number="31", date="2022-12-30")
>>> G.add_node("file:a.txt", kind="Document", label="Plan", symbol=None, source_file="a.txt",
...            date="2023-03-01", jurisdiction="Thành phố Hồ Chí Minh")
>>> _ = G.add_edge("file:a.txt", "doc:31-NQ/TW@2022-12-30", type="IMPLEMENTS", kind="implements",
...                source_file="a.txt", evidence={"file": "a.txt", "start": 10, "end": 18,
...                                               "sentence": "Thực hiện Nghị quyết số 31-NQ/TW ..."})
>>> resolve_ref(G, "nghi quyet 31")
['doc:31-NQ/TW@2022-12-30']
>>> [h.node for h in lineage(G, "doc:31-NQ/TW@2022-12-30", "down").children]
['file:a.txt']
>>> coverage(G, "doc:31-NQ/TW@2022-12-30").by_jurisdiction
{'Thành phố Hồ Chí Minh': ['file:a.txt']}
"""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
import weakref
from collections import Counter, deque
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import networkx as nx

from ..loaders.normalise import fold_key
from ..ontology import vocab

__all__ = [
    "DOC_RELATIONS",
    "CoverageEntry",
    "CoverageReport",
    "Hop",
    "LineageTree",
    "coverage",
    "coverage_to_dict",
    "display_name",
    "edge_counts",
    "evidence_snippet",
    "files",
    "fold_symbol",
    "fold_text",
    "issuer_of",
    "lineage",
    "lineage_to_dict",
    "node_order",
    "resolve_ref",
    "show",
    "stats",
    "suggest_ref",
]

#: Document-to-document relation types, strongest first (the order used to pick a hop's main edge).
DOC_RELATIONS: tuple[str, ...] = ("SUPERSEDES", "IMPLEMENTS", "CITES")
_REL_RANK = {t: i for i, t in enumerate(DOC_RELATIONS)}
_NO_RANK = 99  # any other relation type ranks after the document relations


def rank_case(type_expr: str) -> str:
    """The rank of DOC_RELATIONS (show's and lineage's order) as a CASE expression over `type_expr`, the
    same text in SQL and Cypher, for a store that sorts edges itself.

    >>> rank_case("e.type")
    "CASE e.type WHEN 'SUPERSEDES' THEN 0 WHEN 'IMPLEMENTS' THEN 1 WHEN 'CITES' THEN 2 ELSE 99 END"
    """
    whens = " ".join(f"WHEN '{t}' THEN {i}" for t, i in _REL_RANK.items())
    return f"CASE {type_expr} {whens} ELSE {_NO_RANK} END"

Direction = Literal["up", "down", "both"]

# ------------------------------------------------------------------------------------------------ folding


@functools.lru_cache(maxsize=1 << 16)
def fold_text(s: str) -> str:
    """Accent- and case-insensitive comparison form with single spaces (Đ, Ð and D unified).

    >>> fold_text("  Thành phố  Hồ Chí Minh ")
    'thanh pho ho chi minh'
    >>> fold_text("ÐỒNG NAI") == fold_text("Đồng Nai") == fold_text("dong nai")
    True
    """
    return fold_key(s)


def _fold_nospace(s: str) -> str:
    return re.sub(r"[\s.,;:_]+", "", fold_text(s))


@functools.lru_cache(maxsize=1 << 16)
def fold_symbol(s: str) -> str:
    """The folded form symbols are compared on: NFC, case-insensitive, Đ/Ð/D unified, no spaces,
    no leading zeros in the number.

    >>> fold_symbol("08-NQ/TU") == fold_symbol("8-nq/tu")
    True
    >>> fold_symbol("641/QÐ-UBND"), fold_symbol("1330 -CV/BTGTU")
    ('641/qd-ubnd', '1330-cv/btgtu')
    """
    s = re.sub(r"\s+", "", fold_text(s))
    return re.sub(r"^0+(?=\d)", "", s)


def _fold_number(s: str) -> str:
    return re.sub(r"^0+(?=\d)", "", s.strip())


# ------------------------------------------------------------------------------------------ node helpers


#: the files an answer lists for a node (``sources``); ``n_sources`` says how many there are in all
SOURCES_SHOWN = 20

#: The node attributes the rules that order, name, date and place a node read (order_key, display_name,
#: issuer_of, scope.province_of, scope.Scope.matches): a walk that only counts and orders needs no other
#: (graph.source.GraphSource.neighbourhood, `brief`).
RULE_ATTRIBUTES = ("kind", "label", "symbol", "title", "name", "date", "year", "issuer", "source_file",
                   "jurisdiction", "parent_jurisdiction")


def brief_attrs(attrs: Mapping[str, Any]) -> dict[str, Any]:
    """A node's attributes as answers give them: a hub's ``sources`` (the thousands of files that state a
    central document) cut to the first SOURCES_SHOWN, with ``n_sources`` the whole count. Exports keep
    every file. The same from the whole list or from one already cut (a store keeps both).

    >>> a = brief_attrs({"symbol": "31-NQ/TW", "sources": [f"{i:02}.txt" for i in range(25)]})
    >>> len(a["sources"]), a["n_sources"], brief_attrs(a) == a
    (20, 25, True)
    >>> brief_attrs({"sources": ["a.txt"]})
    {'sources': ['a.txt']}
    """
    sources = attrs.get("sources")
    if not isinstance(sources, list) or (len(sources) <= SOURCES_SHOWN and "n_sources" not in attrs):
        return dict(attrs)
    return {**attrs, "sources": sources[:SOURCES_SHOWN], "n_sources": attrs.get("n_sources", len(sources))}


def _attrs(G: nx.MultiDiGraph, n: Hashable) -> dict[str, Any]:
    return brief_attrs(G.nodes[n])


def display_name(attrs: Mapping[str, Any], node: Hashable = "") -> str:
    """What to call a node for people: its symbol, else its title or name, else its type, issuer and date
    ("Thông báo · Ban Tuyên giáo Thành ủy Thành phố Hồ Chí Minh · 14/6/2024"); the file it was loaded
    from or its id only when nothing else is known.

    >>> display_name({"symbol": None, "title": "Nghị quyết Đại hội XIII"}, "named:x")
    'Nghị quyết Đại hội XIII'
    >>> display_name({"label": "Notice", "issuer": "Thành ủy Hải Phòng", "date": "2024-06-14",
    ...               "source_file": "003_9bd5.txt"}, "file:003_9bd5.txt")
    'Thông báo · Thành ủy Hải Phòng · 14/6/2024'
    >>> display_name({"label": "Notice", "source_file": "003_9bd5.txt"}, "file:003_9bd5.txt")
    '003_9bd5.txt'
    """
    for k in ("symbol", "title", "name"):
        v = attrs.get(k)
        if v:
            return str(v)
    date = str(attrs.get("date") or "")
    when = (f"{int(date[8:10])}/{int(date[5:7])}/{date[:4]}" if re.fullmatch(r"\d{4}-\d\d-\d\d", date)
            else str(attrs.get("year") or ""))
    issuer = attrs.get("issuer")
    label = attrs.get("label")
    if label and label in vocab.LABEL_VI and (issuer or when) and attrs.get("kind", "Document") == "Document":
        return " · ".join(str(x) for x in (vocab.LABEL_VI[label], issuer, when) if x)
    if attrs.get("source_file"):
        return str(attrs["source_file"])
    return str(node)


def order_key(d: Mapping[str, Any], n: Hashable) -> str:
    """The sort key of a node (a string, so a store can index it): dated before undated, by date, then
    symbol (or name), then id.

    >>> sorted(["b", "a"], key=lambda n: order_key({"date": "2021-01-01" if n == "b" else None}, n))
    ['b', 'a']
    """
    date = d.get("date") or (f"{d['year']}" if d.get("year") else "")
    return f"{0 if date else 1}{date}\x1f{fold_symbol(display_name(d, n))}\x1f{n}"


def node_order(G: nx.MultiDiGraph, n: Hashable) -> str:
    """Deterministic order of nodes: dated before undated, by date, then symbol (or title), then id."""
    return order_key(G.nodes[n], n)


def _sorted_nodes(G: nx.MultiDiGraph, nodes: Iterable[Hashable]) -> list[str]:
    return [str(n) for n in sorted(set(nodes), key=lambda n: node_order(G, n))]


def issuer_of(G: nx.MultiDiGraph, n: Hashable) -> str | None:
    """The issuing body: the node's ``issuer``, else the name of its ISSUED_BY target."""
    iss = G.nodes[n].get("issuer")
    if iss:
        return str(iss)
    names = sorted(str(G.nodes[v].get("name") or v) for _, v, d in G.out_edges(n, data=True)
                   if d.get("type") == "ISSUED_BY")
    return names[0] if names else None


# ---------------------------------------------------------------------------------------------- resolve

# Vietnamese (and English) type words -> ontology labels; matched on the folded form, longest first.
# Type words and codes come from the vocabulary (the one place for them), folded; English label names too.
_TYPE_WORDS: dict[str, str] = {fold_text(w): lab for w, lab in vocab.TYPE_WORD_TO_LABEL.items()}
for _label in vocab.DOCUMENT_LABELS:
    _TYPE_WORDS.setdefault(_label.lower(), _label)
_TYPE_PHRASES = sorted(((tuple(k.split()), v) for k, v in _TYPE_WORDS.items()), key=lambda kv: -len(kv[0]))
_TYPE_CODES: dict[str, str] = {fold_text(code): lab for code, lab in vocab.TYPE_CODE_TO_LABEL.items()}
_FILLER = {"so", "no", "no.", "ngay", "nam", "cua", "tai", "o", "of", "in", "the", "-", ",", ";"}
_CENTRAL = {"tw", "trunguong", "central", "national", "toanquoc"}
_JUR_ALIASES = {"hcm": "hochiminh", "tphcm": "hochiminh", "tp.hcm": "hochiminh", "sg": "hochiminh",
                "saigon": "hochiminh", "hn": "hanoi", "hp": "haiphong"}

# A symbol typed loosely: digits, then groups joined by - or / (spaces tolerated). Must contain a letter.
_SYMBOL_RE = re.compile(r"(?<![^\W_])\d{1,5}(?:\s*[-/]\s*[^\W_]+)+")
_ISO_RE = re.compile(r"\b((?:19|20)\d\d)-(\d{1,2})-(\d{1,2})\b")
_DMY_RE = re.compile(r"\b(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)\b")
_VN_DATE_RE = re.compile(r"\bngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+((?:19|20)\d\d)\b")
_YEAR_RE = re.compile(r"(?<![\d/-])((?:19|20)\d\d)(?![\d/-])")
_TERM_RE = re.compile(r"\b(?:khoa|term)\s+([ivxlc]+|\d{1,2})\b")
# Where a name typed with a term or a year ends: "Nghị quyết Trung ương 4 (khóa XII)", "... 2022".
_NAME_TAIL_RE = re.compile(r"[\s(,]*(?:\b(?:khóa|khoá|khoa|term)\s+(?:[IVXLCivxlc]+|\d{1,2})\b|(?<!\d)(?:19|20)\d\d(?!\d))",
                           re.IGNORECASE)


@dataclass
class _Narrow:
    dates: list[str] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)
    place: str | None = None  # folded, no spaces; "" means central

    def __bool__(self) -> bool:
        return bool(self.dates or self.years or self.terms or self.place is not None)


def _parse_narrow(text: str) -> _Narrow:
    t = fold_text(text)
    nw = _Narrow()

    def date(m: re.Match[str], order: tuple[int, int, int]) -> str:
        y, mo, d = (m.group(i) for i in order)
        nw.dates.append(f"{int(y):04d}-{int(mo):02d}-{int(d):02d}")
        return " "

    t = _VN_DATE_RE.sub(lambda m: date(m, (3, 2, 1)), t)
    t = _ISO_RE.sub(lambda m: date(m, (1, 2, 3)), t)
    t = _DMY_RE.sub(lambda m: date(m, (3, 2, 1)), t)

    def year(m: re.Match[str]) -> str:
        nw.years.append(int(m.group(1)))
        return " "

    def term(m: re.Match[str]) -> str:
        nw.terms.append(m.group(1).upper())
        return " "

    t = _TERM_RE.sub(term, t)
    t = _YEAR_RE.sub(year, t)
    words = [w for w in re.split(r"[\s,;()]+", t) if w and w not in _FILLER]
    if words:
        place = _fold_nospace(" ".join(words))
        place = _JUR_ALIASES.get(place, place)
        nw.place = "" if place in _CENTRAL else place
    return nw


def _fits_narrow(G: nx.MultiDiGraph, n: Hashable, nw: _Narrow) -> bool:
    d = G.nodes[n]
    date = d.get("date") or ""
    if nw.dates and date not in nw.dates:
        return False
    if nw.years:
        year = d.get("year") or (int(date[:4]) if date[:4].isdigit() else None)
        if year not in nw.years:
            return False
    if nw.terms and str(d.get("term") or "").upper() not in nw.terms:
        return False
    if nw.place is not None:
        jur = _fold_nospace(str(d.get("jurisdiction") or ""))
        if nw.place == "":
            return not jur
        iss = _fold_nospace(str(issuer_of(G, n) or ""))
        if not (nw.place in jur or (jur and jur in nw.place) or nw.place in iss):
            return False
    return True


def _parse_type(tokens: list[str], need_number_after: bool) -> tuple[str | None, str | None, int]:
    """(label, folded code, tokens consumed) for a type word or type code at the start of `tokens`."""
    folded = [fold_text(t) for t in tokens]
    for phrase, label in _TYPE_PHRASES:
        if tuple(folded[: len(phrase)]) == phrase:
            i = len(phrase)
            while i < len(folded) and folded[i] in ("so", "no", "no."):
                i += 1
            return label, None, i
    if folded and folded[0] in _TYPE_CODES:
        nxt = folded[1] if len(folded) > 1 else ""
        if nxt in ("so", "no", "no."):
            nxt = folded[2] if len(folded) > 2 else ""
        if (nxt[:1].isdigit()) or (not need_number_after and len(folded) == 1):
            i = 1
            while i < len(folded) and folded[i] in ("so", "no", "no."):
                i += 1
            return _TYPE_CODES[folded[0]], folded[0], i
    return None, None, 0


def _labels_of(d: Mapping[str, Any]) -> set[str]:
    out = {str(d.get("label") or "")}
    code = fold_text(str(d.get("type_code") or ""))
    if code in _TYPE_CODES:
        out.add(_TYPE_CODES[code])
    return out


def number_of(d: Mapping[str, Any]) -> str | None:
    """A document's number, leading zeros dropped (from its symbol when it has no number)."""
    if d.get("number"):
        return _fold_number(str(d["number"]))
    m = re.match(r"\s*(\d+)", str(d.get("symbol") or ""))
    return _fold_number(m.group(1)) if m else None


# kept beside the graph, not in G.graph, so exports never see it
_INDEXES: weakref.WeakKeyDictionary[nx.MultiDiGraph, tuple[tuple[int, int], dict[str, dict[str, list[Hashable]]]]] = (
    weakref.WeakKeyDictionary())


def _index(G: nx.MultiDiGraph) -> dict[str, dict[str, list[Hashable]]]:
    """Folded symbol -> nodes and file name -> nodes, built once per graph (rebuilt when the number of nodes
    changes; a graph whose node attributes are edited in place after a query should be copied)."""
    key = (G.number_of_nodes(), 0)
    cached = _INDEXES.get(G)
    if cached is not None and cached[0] == key:
        return cached[1]
    by_symbol: dict[str, list[Hashable]] = {}
    by_file: dict[str, list[Hashable]] = {}
    for n, d in G.nodes(data=True):
        if d.get("symbol"):
            by_symbol.setdefault(fold_symbol(str(d["symbol"])), []).append(n)
        for f in {d.get("source_file"), d.get("source_path")} - {None, ""}:
            by_file.setdefault(str(f), []).append(n)
    index = {"symbol": by_symbol, "file": by_file}
    _INDEXES[G] = (key, index)
    return index


def _by_symbol(G: nx.MultiDiGraph, sym: str) -> list[Hashable]:
    return list(_index(G)["symbol"].get(fold_symbol(sym), []))


def _by_name(G: nx.MultiDiGraph, text: str) -> list[Hashable]:
    want = fold_text(text)
    if not want:
        return []

    def names(d: Mapping[str, Any]) -> list[str]:
        vals = [d.get("title"), d.get("name"), *(d.get("aliases") or [])]
        return [fold_text(str(v)) for v in vals if v]

    exact = [n for n, d in G.nodes(data=True) if want in names(d)]
    if exact or len(want) < 4:
        return exact
    return [n for n, d in G.nodes(data=True) if any(f" {want} " in f" {v} " for v in names(d))]


@dataclass
class RefKeys:
    """What a store looks up, by index, to find every node a typed reference may name (a superset:
    :func:`resolve_ref` decides on those few)."""

    ids: list[str]
    files: list[str]
    symbols: list[str]
    numbers: list[str]
    names: list[str]


def ref_keys(ref: str) -> RefKeys:
    """The index keys of a typed reference, following the forms :func:`resolve_ref` accepts.

    >>> k = ref_keys("08-NQ/TU@Hải Phòng 2022"); (k.symbols, k.numbers, k.names)
    (['8-nq/tu'], [], [])
    >>> k = ref_keys("Nghị quyết Trung ương 4 (khóa XII)"); (k.symbols, k.numbers, k.names)
    ([], ['4'], ['nghi quyet trung uong 4 (khoa xii)', 'nghi quyet trung uong 4'])
    """
    ref = unicodedata.normalize("NFC", ref).strip()
    base = ref.replace("\\", "/").rsplit("/", 1)[-1]
    main = ref.split(":", 1)[1] if ref.lower().startswith(("doc:", "ref:", "file:", "named:")) else ref
    main = main.split("@", 1)[0]
    symbols = [fold_symbol(m.group(0)) for m in _SYMBOL_RE.finditer(main) if re.search(r"[^\W\d_]", m.group(0))]
    keys = RefKeys(ids=[ref], files=sorted({ref, base}), symbols=list(dict.fromkeys(symbols)), numbers=[], names=[])
    if symbols:
        return keys
    keys.numbers = list(dict.fromkeys(_fold_number(n) for n in re.findall(r"(?<!\d)\d{1,5}(?!\d)", main)))
    names = [fold_text(main)]
    cut = _NAME_TAIL_RE.search(main)
    if cut and cut.start() > 0:
        names.append(fold_text(main[: cut.start()]))
    keys.names = [n for n in dict.fromkeys(names) if n]
    return keys


def resolve_ref(G: nx.MultiDiGraph, ref: str) -> list[str]:
    """Node ids matching what an analyst types; several ids mean the reference is ambiguous.

    Accepted forms:

    * a node id: ``doc:31-NQ/TW@2022-12-30``;
    * a symbol, compared on :func:`fold_symbol` (``08-NQ/TU`` == ``8-nq/tu``, ``QD`` == ``QĐ``);
    * a type word or code and a symbol: ``NQ 31-NQ/TW``, ``Nghị quyết số 31-NQ/TW``, ``Luật 19/2012/QH13``;
    * a type word or code and a number: ``Nghị quyết 31``, ``nghi quyet 31``, ``NQ 31``, ``Kết luận 21``;
    * a file name (the ``source_file`` of a loaded document): ``000_dd968633c1f9caf8.txt``;
    * a title or name (case- and accent-insensitive, whole then part): ``Nghị quyết Đại hội XIII``;

    optionally narrowed after ``@`` or a space by a jurisdiction (or issuer), a year, a date or a term:
    ``08-NQ/TU@Hải Phòng``, ``08-NQ/TU 2022``, ``08-NQ/TU Đồng Nai 2022``, ``31-NQ/TW khóa XIII``,
    ``31-NQ/TW@TW`` (central only).

    >>> G = nx.MultiDiGraph()
    >>> for j, d in (("Hải Phòng", "2022-12-06"), ("Đồng Nai", "2022-12-08"), ("Hải Phòng", "2013-05-02")):
    ...     G.add_node(f"doc:08-NQ/TU@{j}@{d}", kind="Document", label="Resolution", symbol="08-NQ/TU",
    ...                number="8", jurisdiction=j, date=d, year=int(d[:4]))
    >>> len(resolve_ref(G, "8-nq/tu"))
    3
    >>> resolve_ref(G, "08-NQ/TU@Hai Phong 2022")
    ['doc:08-NQ/TU@Hải Phòng@2022-12-06']
    >>> resolve_ref(G, "NQ 8 Đồng Nai")
    ['doc:08-NQ/TU@Đồng Nai@2022-12-08']
    """
    ref = unicodedata.normalize("NFC", ref).strip()
    if not ref:
        return []
    if ref in G:
        return [ref]
    base = ref.replace("\\", "/").rsplit("/", 1)[-1]
    by_file = list(_index(G)["file"].get(ref.replace("\\", "/"), [])) or list(_index(G)["file"].get(base, []))
    if not by_file:
        by_file = [n for f, ns in _index(G)["file"].items() if f.lower() == base.lower() for n in ns]
    if by_file:
        return _sorted_nodes(G, by_file)

    main, narrow_text = _split_narrow(ref)
    sym_match = next((m for m in _SYMBOL_RE.finditer(main) if re.search(r"[^\W\d_]", m.group(0))), None)
    if sym_match:
        cands, narrow_text = _symbol_ref(G, main, sym_match, narrow_text)
    else:
        cands, narrow_text = _numbered_or_named(G, main, narrow_text)
    nw = _parse_narrow(narrow_text)
    if nw:
        cands = [n for n in cands if _fits_narrow(G, n, nw)]
    return _sorted_nodes(G, cands)


def _split_narrow(ref: str) -> tuple[str, str]:
    """The reference without a node-id prefix, and what follows an '@'; a type code glued to a number is
    split ("NQ31" -> "NQ 31")."""
    main, narrow = ref, ""
    if main.lower().startswith(("doc:", "ref:", "file:", "named:")):
        main = main.split(":", 1)[1]
    if "@" in main:
        main, *rest = main.split("@")
        narrow = " ".join(rest)
    main = " ".join(re.sub(r"^([^\W\d_]{1,6})(\d{1,5})$", r"\1 \2", t) for t in main.split())
    main = re.sub(r"(?<![\w/-])(\d{1,5})\s+(?=[^\W\d_]{1,8}\s*[-/]\s*[^\W_]+)", r"\1-", main)  # "31 NQ/TW"
    return main, narrow


def symbol_number(s: str) -> str:
    """The number a typed symbol starts with, leading zeros dropped: ``symbol_number("08-NQ/TU") == "8"``."""
    m = re.match(r"\s*(\d+)", s)
    return _fold_number(m.group(1)) if m else ""


def _symbol_tokens(s: str) -> list[str]:
    return [_fold_number(t) if t.isdigit() else t for t in re.findall(r"[^\W_]+", fold_symbol(s))]


def _loose_symbol(G: nx.MultiDiGraph, typed: str) -> list[Hashable]:
    """Documents whose symbol has the typed parts in order, whatever the separators: "31/NQ-TW", "31 NQ/TW"
    and "31-NQ-TW" name 31-NQ/TW; "98/QH15" names 98/2023/QH15 (same number first)."""
    want = _symbol_tokens(typed)

    def fits(have: list[str]) -> bool:
        it = iter(have)
        return bool(have) and have[0] == want[0] and all(t in it for t in want)

    return [n for n, d in G.nodes(data=True) if d.get("symbol") and fits(_symbol_tokens(str(d["symbol"])))]


def _symbol_ref(G: nx.MultiDiGraph, main: str, m: re.Match[str], narrow_text: str) -> tuple[list[Hashable], str]:
    tokens = main[: m.start()].split()
    label, _code, used = _parse_type(tokens, need_number_after=False)
    narrow_text = " ".join([*tokens[used:], main[m.end():], narrow_text])
    cands = _by_symbol(G, m.group(0)) or _loose_symbol(G, m.group(0))
    if label:  # a type word is only a hint next to a full symbol
        cands = [n for n in cands if label in _labels_of(G.nodes[n])] or cands
    return cands, narrow_text


def _numbered_or_named(G: nx.MultiDiGraph, main: str, narrow_text: str) -> tuple[list[Hashable], str]:
    """"Nghị quyết 31", "NQ 31" (a type and a number), else a title or name, then a term or a year."""
    tokens = main.split()
    label, code, used = _parse_type(tokens, need_number_after=True)
    num = tokens[used] if label and used < len(tokens) else ""
    if label and re.fullmatch(r"\d{1,5}", num):
        want = _fold_number(num)
        cands = [n for n, d in G.nodes(data=True) if d.get("kind") == "Document" and number_of(d) == want
                 and (label in _labels_of(d) or (code is not None and fold_text(str(d.get("type_code") or "")) == code))]
        return cands, " ".join([*tokens[used + 1:], narrow_text])
    cands = _by_name(G, main)
    cut = _NAME_TAIL_RE.search(main)
    if not cands and cut and cut.start() > 0:  # "Nghị quyết Trung ương 4 (khóa XII)", "Hiến pháp 2013"
        return _by_name(G, main[: cut.start()]), " ".join([main[cut.start():], narrow_text])
    return cands, narrow_text


def did_you_mean(G: nx.MultiDiGraph, ref: str, n: int = 5) -> list[str]:
    """References close to `ref` among the nodes of `G` (symbols and names), for a "did you mean" line.

    >>> G = nx.MultiDiGraph(); G.add_node("a", kind="Document", symbol="31-NQ/TW"); G.add_node("b", kind="Document", symbol="13-NQ/TU")
    >>> did_you_mean(G, "31-NQ/TU")
    ['31-NQ/TW', '13-NQ/TU']
    """
    import difflib

    names: dict[str, str] = {}
    for _, d in G.nodes(data=True):
        for v in (d.get("symbol"), d.get("title"), d.get("name")):
            if v:
                names.setdefault(fold_symbol(str(v)) if v == d.get("symbol") else fold_text(str(v)), str(v))
    key = fold_symbol(ref) if _SYMBOL_RE.search(ref) else fold_text(ref)
    return [names[k] for k in difflib.get_close_matches(key, list(names), n=n, cutoff=0.6)]


def suggest_ref(G: nx.MultiDiGraph, n: Hashable) -> str:
    """The shortest reference that :func:`resolve_ref` maps to `n` alone (falls back to the node id).

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("a", kind="Document", symbol="08-NQ/TU", jurisdiction="Hải Phòng", date="2022-12-06")
    >>> G.add_node("b", kind="Document", symbol="08-NQ/TU", jurisdiction="Đồng Nai", date="2022-12-08")
    >>> suggest_ref(G, "a")
    '08-NQ/TU@Hải Phòng'
    """
    d = G.nodes[n]
    sym = d.get("symbol")
    if sym:
        jur = d.get("jurisdiction")
        date = d.get("date")
        year = d.get("year") or (date[:4] if date else None)
        tries = [str(sym)]
        if jur:
            tries.append(f"{sym}@{jur}")
        if year:
            tries.append(f"{sym}@{jur} {year}" if jur else f"{sym} {year}")
        if date:
            tries.append(f"{sym}@{jur} {date}" if jur else f"{sym} {date}")
        for t in tries:
            if resolve_ref(G, t) == [str(n)]:
                return t
    if d.get("source_file") and resolve_ref(G, str(d["source_file"])) == [str(n)]:
        return str(d["source_file"])
    return str(n)


# ---------------------------------------------------------------------------------------------- lineage


def _edge_dict(u: Hashable, v: Hashable, key: Hashable, d: Mapping[str, Any]) -> dict[str, Any]:
    return {"type": d.get("type"), "kind": d.get("kind"), "source": str(u), "target": str(v), "key": str(key),
            "source_file": d.get("source_file"), "evidence": d.get("evidence"), "stated_by": d.get("stated_by")}


def _edge_order(e: Mapping[str, Any]) -> tuple[Any, ...]:
    ev = e.get("evidence") or {}
    return (_REL_RANK.get(str(e.get("type")), _NO_RANK), str(e.get("kind") or ""), str(e.get("source_file") or ""),
            int(ev.get("start") or 0), str(e.get("key")))


@dataclass
class Hop:
    """One step of a lineage: `node` reached from its parent through `edge_type`.

    ``direction="up"``: the parent implements/cites/supersedes `node`; ``"down"``: `node` implements/
    cites/supersedes the parent. `edges` lists every parallel edge between the two (each evidenced);
    `edge_type`, `edge_kind`, `evidence`, `source_file` are those of the strongest. A node already shown
    elsewhere in the tree appears again as a leaf with ``seen=True`` (cycles are never followed).
    """

    node: str
    direction: Literal["up", "down"]
    depth: int
    edge_type: str
    edge_kind: str | None
    evidence: dict[str, Any] | None
    source_file: str | None
    attrs: dict[str, Any]
    edges: list[dict[str, Any]] = field(default_factory=list)
    seen: bool = False
    children: list[Hop] = field(default_factory=list)

    def walk(self) -> Iterator[Hop]:
        """This hop and all hops below it, depth first."""
        yield self
        for c in self.children:
            yield from c.walk()


@dataclass
class LineageTree:
    """The lineage of `root`: hops up (what it carries out), then hops down (what carries it out)."""

    root: str
    attrs: dict[str, Any]
    direction: Direction
    depth: int | None
    types: tuple[str, ...]
    children: list[Hop] = field(default_factory=list)
    limit: int | None = None
    #: distinct nodes the walk reaches (all of them, even when `limit` cut the tree)
    total: int = 0

    def walk(self) -> Iterator[Hop]:
        for c in self.children:
            yield from c.walk()

    @property
    def shown(self) -> int:
        """Distinct nodes in the tree (at most `limit`)."""
        return len(self.nodes())

    def nodes(self, direction: Literal["up", "down"] | None = None) -> set[str]:
        """Distinct nodes reached (not counting the root), optionally in one direction only."""
        return {h.node for h in self.walk() if direction is None or h.direction == direction}


def _neighbours(G: nx.MultiDiGraph, n: Hashable, direction: Literal["up", "down"],
                types: frozenset[str]) -> dict[str, list[dict[str, Any]]]:
    edges = G.out_edges(n, keys=True, data=True) if direction == "up" else G.in_edges(n, keys=True, data=True)
    out: dict[str, list[dict[str, Any]]] = {}
    for u, v, k, d in edges:
        if d.get("type") not in types:
            continue
        other = v if direction == "up" else u
        if other == n:
            continue
        out.setdefault(str(other), []).append(_edge_dict(u, v, k, d))
    for es in out.values():
        es.sort(key=_edge_order)
    return out


def _grow(G: nx.MultiDiGraph, root: str, direction: Literal["up", "down"], depth: int | None,
          types: frozenset[str], visited: set[str], room: list[int]) -> list[Hop]:
    """Breadth first, so every node is expanded once at its shallowest depth; `room[0]` new nodes at most
    (a node already shown elsewhere comes again as a leaf, and costs nothing)."""
    top: list[Hop] = []
    frontier: deque[tuple[str, list[Hop], int]] = deque([(root, top, 1)])
    while frontier:
        n, into, level = frontier.popleft()
        if depth is not None and level > depth:
            continue
        nbrs = _neighbours(G, n, direction, types)
        for other in sorted(nbrs, key=lambda x: node_order(G, x)):
            if other not in visited:
                if room[0] <= 0:
                    return top
                room[0] -= 1
            es = nbrs[other]
            main = es[0]
            hop = Hop(node=other, direction=direction, depth=level, edge_type=str(main["type"]),
                      edge_kind=main["kind"], evidence=main["evidence"], source_file=main["source_file"],
                      attrs=_attrs(G, other), edges=es, seen=other in visited)
            into.append(hop)
            if not hop.seen:
                visited.add(other)
                frontier.append((other, hop.children, level + 1))
    return top


def reach(G: nx.MultiDiGraph, node: Hashable, direction: Literal["up", "down"], depth: int | None,
          types: Iterable[str]) -> set[str]:
    """The nodes a lineage walk from `node` reaches in `G` (without `node`)."""
    tset = frozenset(types)
    seen, frontier, level = {str(node)}, [str(node)], 0
    while frontier and (depth is None or level < depth):
        level += 1
        frontier = [o for n in frontier for o in _neighbours(G, n, direction, tset) if o not in seen]
        seen.update(frontier)
    return seen - {str(node)}


def lineage(G: nx.MultiDiGraph, node: Hashable, direction: Direction = "up", depth: int | None = None,
            types: Sequence[str] = ("IMPLEMENTS", "CITES", "SUPERSEDES"), limit: int | None = None,
            total: int | None = None) -> LineageTree:
    """Follow document relations from `node`, transitively.

    ``up``: what `node` implements, cites or supersedes (out-edges), then what those do, ...;
    ``down``: what implements, cites or supersedes `node` (in-edges), and so on; ``both``: the two.
    `depth` limits the number of hops (None: no limit); `types` selects the relation types; `limit` the
    number of distinct nodes shown (``total`` still counts every node the walk reaches: counted in `G`,
    unless the caller gives it — a store that fetched only what is shown counts the rest itself). Siblings
    are ordered by date (undated last), then symbol.

    >>> G = nx.MultiDiGraph()
    >>> for n, date in (("A", "2023-01-01"), ("B", "2022-01-01"), ("C", "2021-01-01")):
    ...     G.add_node(n, kind="Document", symbol=n, date=date)
    >>> _ = G.add_edge("A", "B", type="IMPLEMENTS", kind="implements")
    >>> _ = G.add_edge("B", "C", type="CITES", kind=None)
    >>> [(h.node, h.depth, h.edge_type) for h in lineage(G, "A").walk()]
    [('B', 1, 'IMPLEMENTS'), ('C', 2, 'CITES')]
    >>> [h.node for h in lineage(G, "C", "down", types=["CITES"]).walk()]
    ['B']
    """
    if node not in G:
        raise nx.NodeNotFound(f"node {node!r} is not in the graph")
    if direction not in ("up", "down", "both"):
        raise ValueError(f"direction must be up, down or both, not {direction!r}")
    if depth is not None and depth < 0:
        raise ValueError("depth must be >= 0")
    tset = frozenset(t.upper() for t in types)
    root = str(node)
    ordered = tuple(t for t in DOC_RELATIONS if t in tset) + tuple(sorted(tset - set(DOC_RELATIONS)))
    if limit is not None and limit < 0:
        raise ValueError("limit must be >= 0")
    tree = LineageTree(root=root, attrs=_attrs(G, node), direction=direction, depth=depth, types=ordered,
                       limit=limit)
    dirs: tuple[Literal["up", "down"], ...] = ("up", "down") if direction == "both" else (direction,)
    room = [limit if limit is not None else G.number_of_nodes()]
    for d in dirs:
        tree.children.extend(_grow(G, root, d, depth, tset, {root}, room))
    tree.total = total if total is not None else len(set().union(*(reach(G, root, d, depth, tset) for d in dirs)))
    return tree


def _hop_to_dict(h: Hop) -> dict[str, Any]:
    return {"node": h.node, "direction": h.direction, "depth": h.depth, "edge_type": h.edge_type,
            "edge_kind": h.edge_kind, "source_file": h.source_file, "evidence": h.evidence,
            "attrs": h.attrs, "edges": h.edges, "seen": h.seen,
            "children": [_hop_to_dict(c) for c in h.children]}


def lineage_to_dict(tree: LineageTree) -> dict[str, Any]:
    """A JSON-ready dict: ``{"root", "attrs", "direction", "depth", "types", "children": [hop ...]}``."""
    return {"root": tree.root, "attrs": tree.attrs, "direction": tree.direction, "depth": tree.depth,
            "types": list(tree.types), "limit": tree.limit, "total": tree.total, "shown": tree.shown,
            "children": [_hop_to_dict(h) for h in tree.children]}


# ------------------------------------------------------------------------------------------------- show


def _edge_view(G: nx.MultiDiGraph, e: dict[str, Any], other: str) -> dict[str, Any]:
    od = G.nodes[other]
    return {**e, "other": other, "other_kind": od.get("kind"), "other_label": od.get("label"),
            "other_name": display_name(od, other), "other_date": od.get("date"),
            "other_jurisdiction": od.get("jurisdiction")}


def edge_counts(G: nx.MultiDiGraph, node: Hashable) -> dict[str, dict[str, int]]:
    """How many edges a node has, by direction and type: ``{"out": {"CITES": 3}, "in": {...}}``."""
    out: dict[str, dict[str, int]] = {"out": {}, "in": {}}
    for side, edges in (("out", G.out_edges(node, data=True)), ("in", G.in_edges(node, data=True))):
        for _, _, d in edges:
            out[side][str(d.get("type"))] = out[side].get(str(d.get("type")), 0) + 1
    return {side: dict(sorted(c.items())) for side, c in out.items()}


def show(G: nx.MultiDiGraph, node: Hashable, limit: int | None = None,
         counts: dict[str, dict[str, int]] | None = None) -> dict[str, Any]:
    """A node's attributes and its edges (both ways, document relations first) with their evidence; at
    most `limit` edges each way, ``counts`` saying how many there are (by direction and type: pass the
    store's own when `G` holds only the first edges).

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("A", kind="Document", label="Plan", symbol="1-KH/TU")
    >>> G.add_node("body:x", kind="Body", label="Body", name="Thành ủy Hải Phòng")
    >>> _ = G.add_edge("A", "body:x", type="ISSUED_BY", kind=None, source_file="a.txt", evidence=None)
    >>> s = show(G, "A"); (s["label"], [e["other_name"] for e in s["out"]], s["in"])
    ('Plan', ['Thành ủy Hải Phòng'], [])
    """
    if node not in G:
        raise nx.NodeNotFound(f"node {node!r} is not in the graph")
    attrs = _attrs(G, node)
    out = [_edge_view(G, _edge_dict(u, v, k, d), str(v)) for u, v, k, d in G.out_edges(node, keys=True, data=True)]
    inc = [_edge_view(G, _edge_dict(u, v, k, d), str(u)) for u, v, k, d in G.in_edges(node, keys=True, data=True)]

    def order(e: dict[str, Any]) -> tuple[Any, ...]:
        return (str(e["type"]) not in _REL_RANK, _edge_order(e)[0], node_order(G, e["other"]), _edge_order(e))

    return {"id": str(node), "kind": attrs.get("kind"), "label": attrs.get("label"),
            "name": display_name(attrs, node), "issuer": issuer_of(G, node), "attrs": attrs,
            "out": sorted(out, key=order)[:limit], "in": sorted(inc, key=order)[:limit],
            "counts": counts if counts is not None else edge_counts(G, node)}


# ------------------------------------------------------------------------------------------------ stats


STATS_TOP = 10


def loose_end(d: Mapping[str, Any], n: str) -> dict[str, Any]:
    """The fields stats lists for a loose end (an unresolved or unnamed document)."""
    return {"id": n, "name": display_name(d, n), "label": d.get("label"), "number": d.get("number"),
            "missing": list(d.get("missing") or []), "sources": list(d.get("sources") or [])}


def _top(items: list[dict[str, Any]], top: int) -> dict[str, Any]:
    return {"count": len(items), "top": items[:top]}


def stats(G: nx.MultiDiGraph, top: int = STATS_TOP) -> dict[str, Any]:
    """Counts and the loose ends an analyst should look at, bounded whatever the size of the graph.

    Keys: ``nodes``, ``edges``, ``files`` (how many files are loaded; :func:`files` lists them),
    ``by_kind``, ``by_label`` (documents), ``by_relation`` (edge type), ``by_relation_kind`` (type -> kind
    -> count), ``most_cited`` (the `top` documents with the most incoming document relations: id, name,
    count), and three loose-end lists as ``{"count": N, "top": [...]}`` (at most `top` items, the ones most
    files mention first): ``unresolved`` (documents with ``resolved == False``: id, name, label, number,
    missing, sources), ``no_identity`` (documents with no symbol, title or name: the same fields) and
    ``conflicts`` (id, name, conflicts). Every backend answers this same shape.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("ref:Conclusion 21", kind="Document", label="Conclusion", symbol=None, resolved=False,
    ...            missing=["symbol"], sources=["a.txt"])
    >>> s = stats(G); (s["by_label"], s["unresolved"]["count"], s["unresolved"]["top"][0]["missing"], s["files"])
    ({'Conclusion': 1}, 1, ['symbol'], 1)
    """
    by_kind: Counter[str] = Counter()
    by_label: Counter[str] = Counter()
    unresolved: list[dict[str, Any]] = []
    no_identity: list[dict[str, Any]] = []
    conflicts: list[dict[str, Any]] = []
    cited: Counter[str] = Counter()
    for n, d in G.nodes(data=True):
        kind = str(d.get("kind") or "?")
        by_kind[kind] += 1
        if d.get("conflicts"):
            conflicts.append({"id": str(n), "name": display_name(d, n), "conflicts": d["conflicts"],
                              "sources": list(d.get("sources") or [])})
        if kind != "Document":
            continue
        by_label[str(d.get("label") or "Document")] += 1
        if d.get("resolved") is False:
            unresolved.append(loose_end(d, str(n)))
        if not (d.get("symbol") or d.get("title") or d.get("name")):
            no_identity.append(loose_end(d, str(n)))
    by_rel: Counter[str] = Counter()
    by_rel_kind: dict[str, Counter[str]] = {}
    for _, v, d in G.edges(data=True):
        t = str(d.get("type") or "?")
        by_rel[t] += 1
        if d.get("kind"):
            by_rel_kind.setdefault(t, Counter())[str(d["kind"])] += 1
        if t in _REL_RANK:
            cited[str(v)] += 1
    most = sorted(cited.items(), key=lambda kv: (-kv[1], kv[0]))[:top]

    def by_mentions(x: dict[str, Any]) -> tuple[int, str]:
        return (-len(x["sources"]), x["id"])

    return {
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "files": len(files(G)),
        "by_kind": dict(sorted(by_kind.items())),
        "by_label": dict(sorted(by_label.items())),
        "by_relation": dict(sorted(by_rel.items())),
        "by_relation_kind": {t: dict(sorted(c.items())) for t, c in sorted(by_rel_kind.items())},
        "most_cited": [{"id": n, "name": display_name(G.nodes[n], n), "count": c} for n, c in most],
        "unresolved": _top(sorted(unresolved, key=by_mentions), top),
        "no_identity": _top(sorted(no_identity, key=by_mentions), top),
        "conflicts": _top(sorted(conflicts, key=by_mentions), top),
    }


def files(G: nx.MultiDiGraph) -> list[str]:
    """The files the graph was loaded from (relative paths): node ``sources`` and edge ``source_path``
    (``source_file`` in graphs without paths).

    >>> G = nx.MultiDiGraph(); G.add_node("a", sources=["b.txt", "a.txt"]); files(G)
    ['a.txt', 'b.txt']
    """
    out: set[str] = set()
    for _, d in G.nodes(data=True):
        out.update(str(f) for f in d.get("sources") or [])
        if d.get("source_path") or d.get("source_file"):
            out.add(str(d.get("source_path") or d["source_file"]))
    for *_, d in G.edges(data=True):
        if d.get("source_path") or d.get("source_file"):
            out.add(str(d.get("source_path") or d["source_file"]))
    return sorted(out)


# --------------------------------------------------------------------------------------------- coverage


@dataclass
class CoverageEntry:
    """A document that carries out the central one; `chain` runs from it to the central document."""

    node: str
    attrs: dict[str, Any]
    distance: int
    chain: list[str]
    edges: list[dict[str, Any]]  # one evidenced edge per step of the chain
    jurisdiction: str  # "central" when None
    issuer: str  # "unknown" when neither `issuer` nor an ISSUED_BY edge says


@dataclass
class CoverageReport:
    root: str
    attrs: dict[str, Any]
    types: tuple[str, ...]
    entries: list[CoverageEntry] = field(default_factory=list)
    by_jurisdiction: dict[str, list[str]] = field(default_factory=dict)
    #: districts and cities rolled up to their province
    by_province: dict[str, list[str]] = field(default_factory=dict)
    by_issuer: dict[str, list[str]] = field(default_factory=dict)

    _by_node: dict[str, CoverageEntry] = field(default_factory=dict, repr=False, compare=False)

    def entry(self, node: str) -> CoverageEntry:
        """The entry of `node` (KeyError if it has none), from an index kept in step with `entries`."""
        if len(self._by_node) != len(self.entries):
            self._by_node = {e.node: e for e in self.entries}
        return self._by_node[node]


def coverage(G: nx.MultiDiGraph, node: Hashable, types: Sequence[str] = ("IMPLEMENTS",),
             keep: Callable[[Mapping[str, Any]], bool] | None = None) -> CoverageReport:
    """Every document implementing `node` directly or through a chain of IMPLEMENTS edges (add ``"CITES"``
    to `types` to follow citations too), with its shortest chain, grouped by jurisdiction (None ->
    ``"central"``), by province (districts rolled up) and by issuing body. `keep(attrs)` selects the
    documents listed (graph.scope.Scope.matches: a date range, a jurisdiction); chains pass through any.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("NQ", kind="Document", symbol="31-NQ/TW")
    >>> G.add_node("CTr", kind="Document", symbol="20-CTr/TU", jurisdiction="Hải Phòng", issuer="Thành ủy")
    >>> G.add_node("KH", kind="Document", symbol="5-KH/HU", jurisdiction="Hải Phòng")
    >>> _ = G.add_edge("CTr", "NQ", type="IMPLEMENTS"); _ = G.add_edge("KH", "CTr", type="IMPLEMENTS")
    >>> r = coverage(G, "NQ"); [(e.node, e.chain) for e in r.entries]
    [('CTr', ['CTr', 'NQ']), ('KH', ['KH', 'CTr', 'NQ'])]
    >>> r.by_issuer
    {'Thành ủy': ['CTr'], 'unknown': ['KH']}
    """
    if node not in G:
        raise nx.NodeNotFound(f"node {node!r} is not in the graph")
    tset = frozenset(t.upper() for t in types)
    root = str(node)
    parent: dict[str, tuple[str, dict[str, Any]]] = {}
    dist = {root: 0}
    queue: deque[str] = deque([root])
    order = functools.cache(lambda x: node_order(G, x))  # each node's key once (a hub's thousands are sorted twice)
    while queue:
        n = queue.popleft()
        nbrs = _neighbours(G, n, "down", tset)
        for other in sorted(nbrs, key=order):
            if other in dist:
                continue
            dist[other] = dist[n] + 1
            parent[other] = (n, nbrs[other][0])
            queue.append(other)
    report = CoverageReport(root=root, attrs=_attrs(G, node), types=tuple(t for t in types))
    for n in sorted(parent, key=order):
        chain, edges = [n], []
        cur = n
        while cur != root:
            p, edge = parent[cur]
            chain.append(p)
            edges.append(edge)
            cur = p
        d = G.nodes[n]
        if keep is not None and not keep(d):
            continue
        report.entries.append(CoverageEntry(
            node=n, attrs=_attrs(G, n), distance=dist[n], chain=chain, edges=edges,
            jurisdiction=str(d.get("jurisdiction") or "central"), issuer=issuer_of(G, n) or "unknown"))
    from .scope import province_of

    for e in report.entries:
        report.by_jurisdiction.setdefault(e.jurisdiction, []).append(e.node)
        report.by_province.setdefault(province_of(e.attrs.get("jurisdiction")), []).append(e.node)
        report.by_issuer.setdefault(e.issuer, []).append(e.node)
    report.by_jurisdiction = dict(sorted(report.by_jurisdiction.items(), key=lambda kv: (kv[0] != "central", kv[0])))
    report.by_province = dict(sorted(report.by_province.items(), key=lambda kv: (kv[0] != "central", kv[0])))
    report.by_issuer = dict(sorted(report.by_issuer.items(), key=lambda kv: (kv[0] == "unknown", kv[0])))
    return report


def read_again(report: CoverageReport, G: nx.MultiDiGraph, n: int) -> CoverageReport:
    """`report` with its first `n` entries' attributes and first steps read again from `G`: coverage counted
    and ordered a brief walk (RULE_ATTRIBUTES, edges without their evidence), then the entries to show
    were read in full into `G`.

    >>> G = nx.MultiDiGraph([("CTr", "NQ", "k", {"type": "IMPLEMENTS"})])
    >>> r = coverage(G, "NQ")
    >>> G.nodes["CTr"]["symbol"] = "20-CTr/TU"; G.edges["CTr", "NQ", "k"]["evidence"] = {"start": 3}
    >>> e = read_again(r, G, 1).entries[0]; e.attrs["symbol"], e.edges[0]["evidence"]
    ('20-CTr/TU', {'start': 3})
    """
    def again(e: CoverageEntry) -> CoverageEntry:
        u, v, key = e.edges[0]["source"], e.edges[0]["target"], e.edges[0]["key"]
        first = next(_edge_dict(u, v, k, d) for k, d in G[u][v].items() if str(k) == key)
        return dataclasses.replace(e, attrs=_attrs(G, e.node), edges=[first, *e.edges[1:]])

    return dataclasses.replace(report, entries=[again(e) for e in report.entries[:n]] + report.entries[n:])


def coverage_to_dict(report: CoverageReport) -> dict[str, Any]:
    """A JSON-ready dict: ``{"root", "attrs", "types", "count", "entries", "by_jurisdiction", "by_issuer"}``."""
    return {
        "root": report.root, "attrs": report.attrs, "types": list(report.types), "count": len(report.entries),
        "entries": [{"node": e.node, "attrs": e.attrs, "distance": e.distance, "chain": e.chain,
                     "edges": e.edges, "jurisdiction": e.jurisdiction, "issuer": e.issuer}
                    for e in report.entries],
        "by_jurisdiction": report.by_jurisdiction, "by_province": report.by_province, "by_issuer": report.by_issuer,
    }


# ---------------------------------------------------------------------------------------------- evidence


def evidence_snippet(sentence: str | None, mention: str | None = None, width: int = 120) -> str:
    """`sentence` on one line, cut to about `width` characters around `mention` (a symbol or number).

    >>> s = "Mở đầu dài " * 20 + "thực hiện Nghị quyết số 31-NQ/TW của Bộ Chính trị" + " kết thúc" * 20
    >>> snip = evidence_snippet(s, "31-NQ/TW", 60); "31-NQ/TW" in snip, len(snip) <= 62
    (True, True)
    """
    s = re.sub(r"\s+", " ", sentence or "").strip()
    if len(s) <= width:
        return s
    pos = -1
    if mention:
        # find the mention with optional spaces inside, case-insensitively
        pat = r"\s*".join(re.escape(c) for c in re.sub(r"\s+", "", mention))
        m = re.search(pat, s, re.IGNORECASE)
        num = re.match(r"\d+", mention)
        if m is None and num:
            m = re.search(r"(?<!\d)0*" + re.escape(_fold_number(num.group(0))) + r"(?!\d)", s)
        if m:
            pos = (m.start() + m.end()) // 2
    if pos < 0:
        return s[: width - 1].rstrip() + "…"
    start = max(0, min(pos - width // 2, len(s) - width))
    end = start + width
    out = s[start:end].strip()
    return ("…" if start > 0 else "") + out + ("…" if end < len(s) else "")

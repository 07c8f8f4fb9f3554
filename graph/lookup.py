"""Looking a typed reference up in the graph: "31-NQ/TW", "31/NQ-TW", "Nghị quyết 31", "98/QH15",
"08-NQ/TU@Hải Phòng 2013", title words; "did you mean" for one that matches nothing; the narrowest reference
that names a node.

>>> import networkx as nx
>>> G = nx.MultiDiGraph()
>>> G.add_node("doc:31-NQ/TW@2022-12-30", kind="Document", label="Resolution", symbol="31-NQ/TW", number="31")
>>> resolve_ref(G, "nghi quyet 31"), resolve_ref(G, "31 NQ/TW")
(['doc:31-NQ/TW@2022-12-30'], ['doc:31-NQ/TW@2022-12-30'])
"""

from __future__ import annotations

import re
import unicodedata
import weakref
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ..ontology import vocab
from .rules import _fold_nospace, _fold_number, _sorted_nodes, fold_symbol, fold_text, issuer_of, number_of

__all__ = ["RefKeys", "did_you_mean", "ref_keys", "resolve_ref", "suggest_ref"]

# Vietnamese (and English) type words -> ontology labels; matched on the folded form, longest first.
# Type words and codes come from the vocabulary (the one place for them), folded; English label names too.
_TYPE_WORDS: dict[str, str] = {fold_text(w): lab for w, lab in vocab.TYPE_WORD_TO_LABEL.items()}
for _label in vocab.DOCUMENT_LABELS:
    _TYPE_WORDS.setdefault(_label.lower(), _label)
_TYPE_PHRASES = sorted(((tuple(k.split()), v) for k, v in _TYPE_WORDS.items()), key=lambda kv: -len(kv[0]))
_TYPE_CODES: dict[str, str] = {fold_text(code): lab for code, lab in vocab.TYPE_CODE_TO_LABEL.items()}
_FILLER = {"so", "no", "no.", "ngay", "nam", "cua", "tai", "o", "of", "in", "the", "-", ",", ";"}
_CENTRAL = {"tw", "trunguong", "central", "national", "toanquoc"}
_JUR_ALIASES = {
    "hcm": "hochiminh",
    "tphcm": "hochiminh",
    "tp.hcm": "hochiminh",
    "sg": "hochiminh",
    "saigon": "hochiminh",
    "hn": "hanoi",
    "hp": "haiphong",
}

# A symbol typed loosely: digits, then groups joined by - or / (spaces tolerated). Must contain a letter.
_SYMBOL_RE = re.compile(r"(?<![^\W_])\d{1,5}(?:\s*[-/]\s*[^\W_]+)+")
_ISO_RE = re.compile(r"\b((?:19|20)\d\d)-(\d{1,2})-(\d{1,2})\b")
_DMY_RE = re.compile(r"\b(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)\b")
_VN_DATE_RE = re.compile(r"\bngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+((?:19|20)\d\d)\b")
_YEAR_RE = re.compile(r"(?<![\d/-])((?:19|20)\d\d)(?![\d/-])")
_TERM_RE = re.compile(r"\b(?:khoa|term)\s+([ivxlc]+|\d{1,2})\b")
# Where a name typed with a term or a year ends: "Nghị quyết Trung ương 4 (khóa XII)", "... 2022".
_NAME_TAIL_RE = re.compile(
    r"[\s(,]*(?:\b(?:khóa|khoá|khoa|term)\s+(?:[IVXLCivxlc]+|\d{1,2})\b|(?<!\d)(?:19|20)\d\d(?!\d))", re.IGNORECASE
)


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


# kept beside the graph, not in G.graph, so exports never see it
_INDEXES: weakref.WeakKeyDictionary[nx.MultiDiGraph, tuple[tuple[int, int], dict[str, dict[str, list[Hashable]]]]] = (
    weakref.WeakKeyDictionary()
)


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
    narrow_text = " ".join([*tokens[used:], main[m.end() :], narrow_text])
    cands = _by_symbol(G, m.group(0)) or _loose_symbol(G, m.group(0))
    if label:  # a type word is only a hint next to a full symbol
        cands = [n for n in cands if label in _labels_of(G.nodes[n])] or cands
    return cands, narrow_text


def _numbered_or_named(G: nx.MultiDiGraph, main: str, narrow_text: str) -> tuple[list[Hashable], str]:
    """ "Nghị quyết 31", "NQ 31" (a type and a number), else a title or name, then a term or a year."""
    tokens = main.split()
    label, code, used = _parse_type(tokens, need_number_after=True)
    num = tokens[used] if label and used < len(tokens) else ""
    if label and re.fullmatch(r"\d{1,5}", num):
        want = _fold_number(num)
        cands = [
            n
            for n, d in G.nodes(data=True)
            if d.get("kind") == "Document"
            and number_of(d) == want
            and (label in _labels_of(d) or (code is not None and fold_text(str(d.get("type_code") or "")) == code))
        ]
        return cands, " ".join([*tokens[used + 1 :], narrow_text])
    cands = _by_name(G, main)
    cut = _NAME_TAIL_RE.search(main)
    if not cands and cut and cut.start() > 0:  # "Nghị quyết Trung ương 4 (khóa XII)", "Hiến pháp 2013"
        return _by_name(G, main[: cut.start()]), " ".join([main[cut.start() :], narrow_text])
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

"""In force or not: graph.validity on hand-made graphs and on real laws, and the `status` command."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from functools import cache
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from policygraph.cli import app
from policygraph.graph import validity
from policygraph.graph.build import build_graph
from policygraph.loaders.extract import extract_file

ROOT = Path(__file__).resolve().parents[1]
# ../shared as every developer and CI run has it (found from a worktree one level deeper too)
SHARED_LAWS = next(
    (p / "shared" / "corpus" / "vn-laws" for p in ROOT.parents if (p / "shared" / "corpus").is_dir()),
    ROOT.parent / "shared" / "corpus" / "vn-laws",
)


def _graph() -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    for n, eff, date in (
        ("old", "2007-07-01", "2006-11-29"),
        ("new", "2021-07-01", "2020-11-13"),
        ("fix", None, "2013-06-20"),
        ("cut", "2016-01-01", None),
        ("late", "2030-01-01", None),
        ("undated", None, None),
    ):
        G.add_node(n, kind="Document", label="Law", effective=eff, date=date, year=int((date or eff or "2012")[:4]))
    G.add_edge(
        "fix",
        "old",
        type="SUPERSEDES",
        kind="amends",
        scope="một số điều",
        evidence={"file": "a.txt", "start": 0, "end": 5, "sentence": "Luật số 81/2006/QH11 đã được sửa đổi"},
    )
    G.add_edge("cut", "old", type="SUPERSEDES", kind="repeals", scope="Điều 2", effective="2016-01-01")
    G.add_edge("new", "old", type="SUPERSEDES", kind="replaces", effective="2021-07-01")
    G.add_edge("new", "old", type="CITES")
    return G


@pytest.mark.parametrize(
    ("at", "expected", "since", "by"),
    [
        ("2007-01-01", "not_yet_in_force", None, ()),
        ("2010-01-01", "in_force", "2007-07-01", ()),
        ("2014-01-01", "amended", "2013-06-20", ("fix",)),  # dated by the amending law's date of issue
        ("2016-01-01", "partly_repealed", "2016-01-01", ("cut",)),
        ("2021-06-30", "partly_repealed", "2016-01-01", ("cut",)),
        ("2021-07-01", "replaced", "2021-07-01", ("new",)),
        (None, "replaced", "2021-07-01", ("new",)),
    ],
)
def test_status_through_time(at: str | None, expected: str, since: str | None, by: tuple[str, ...]) -> None:
    v = validity.status(_graph(), "old", at)
    assert (v.status, v.since, v.by) == (expected, since, by)
    assert {c.by for c in v.changes} | {c.by for c in v.pending} == {"fix", "cut", "new"}


def test_changes_carry_their_evidence_and_how_their_date_is_known() -> None:
    cs = {c.by: c for c in validity.changes(_graph(), "old")}
    assert (cs["fix"].dated, cs["cut"].dated, cs["new"].dated) == ("issued", "stated", "stated")
    assert cs["fix"].evidence and "sửa đổi" in cs["fix"].evidence["sentence"]
    assert cs["fix"].scope == "một số điều" and not cs["fix"].whole and cs["new"].whole


def test_a_repeal_of_unknown_date_counts_from_the_year_after_its_documents() -> None:
    G = _graph()
    G.nodes["undated"].update(year=2018, effective=None, date=None)
    G.add_edge("undated", "late", type="SUPERSEDES", kind="repeals")
    assert validity.status(G, "late", "2035-01-01").status == "repealed"
    assert validity.status(G, "undated", "2035-01-01").status == "in_force"
    (c,) = validity.changes(G, "late")
    assert (c.dated, c.applies("2018-12-31"), c.applies("2019-01-01")) == ("year", False, True)


def test_status_as_node_properties() -> None:
    props = validity.all_status_properties(_graph(), "2016-06-01")
    assert props["old"] == {"status": "partly_repealed", "status_since": "2016-01-01", "status_by": ["cut"]}
    assert props["new"] == {"status": "not_yet_in_force", "status_since": None, "status_by": []}
    props = validity.all_status_properties(_graph())
    assert props["old"] == {"status": "replaced", "status_since": "2021-07-01", "status_by": ["new"]}
    assert props["new"] == {"status": "in_force", "status_since": "2021-07-01", "status_by": []}
    assert set(props["old"]) == set(validity.STATUS_PROPERTIES)


# ---------------------------------------------------------------------------------------------- the laws

_EFFECTIVE = re.compile(
    r"(?:Bộ luật|Luật|luật) này có hiệu lực(?: thi hành)? (?:kể )?từ (?:ngày (\d{1,2}) tháng "
    r"(\d{1,2}) năm (\d{4})|năm ngân sách (\d{4}))"
)
_SYMBOL = re.compile(r"\b\d{1,3}/\d{4}/[A-ZĐ0-9]+(?:- ?[A-ZĐ0-9]+)*")
# "Các quy định về bưu chính của Pháp lệnh ... số 43/2002/PL-UBTVQH10": a part ends (not "Luật sửa đổi một số điều của")
_PART = re.compile(r"(?:quy định|Điều|khoản|điểm|Chương)\b(?:(?!sửa đổi)[^;])*\b(?:của|tại)\b", re.IGNORECASE)
_EXPIRY = re.compile(r"hết hiệu lực(?: thi hành)? (?:kể )?từ ngày (?:Bộ luật|Luật) này có hiệu lực")
_ITEM = re.compile(r"^\s*(?:[a-zđ]\)|-|\d+\.)\s")


def _law_files() -> list[Path]:
    files = sorted((ROOT / "tests" / "data" / "laws").glob("*.txt"))
    if SHARED_LAWS.is_dir():
        files = sorted(SHARED_LAWS.glob("*.txt"))
    elif os.environ.get("CI"):
        pytest.fail(f"{SHARED_LAWS} is missing: CI checks the status of every law the 208 laws end")
    return [f for f in files if "hết hiệu lực" in f.read_text(encoding="utf-8")]


@cache
def _laws() -> tuple[nx.MultiDiGraph, tuple[Path, ...]]:
    files = tuple(_law_files())
    return build_graph([extract_file(str(f)) for f in files]), files


def _ended(text: str) -> list[tuple[str, bool]]:
    """(symbol, only a part) of the documents a law says end when it takes effect: on the expiry line, before
    its exceptions, and on the items of a list the expiry line opens."""
    out, lines = [], text.splitlines()
    for i, line in enumerate(lines):
        m = _EXPIRY.search(line)
        if not m:
            continue
        out += _symbols(line[: m.start()])
        if line.rstrip().endswith(":") and "trừ" not in line[m.end() :]:
            for item in lines[i + 1 :]:
                if not _ITEM.match(item):
                    break
                out += _symbols(item)
    return out


def _symbols(text: str) -> list[tuple[str, bool]]:
    out, pos = [], 0
    for m in _SYMBOL.finditer(text):
        before = text[pos : m.start()]
        partial = bool(_PART.search(before)) and "sửa đổi" not in before
        out.append((m.group(0).replace(" ", ""), partial))
        pos = m.end()
    return out


def test_every_law_another_law_ends_is_no_longer_in_force_from_that_day() -> None:
    G, files = _laws()
    by_symbol: dict[str, list[str]] = {}
    for n, d in G.nodes(data=True):
        if d.get("symbol"):
            by_symbol.setdefault(d["symbol"], []).append(n)
    sources = {d["source_file"]: n for n, d in G.nodes(data=True) if d.get("source_file")}
    checked = 0
    for f in files:
        text = f.read_text(encoding="utf-8")
        ended = _ended(text)
        if not ended:
            continue
        m = _EFFECTIVE.search(text)
        assert m, f"{f.name}: no effective date"
        day = dt.date(int(m[3]), int(m[2]), int(m[1])) if m[3] else dt.date(int(m[4]), 1, 1)
        law = sources[f.name]
        assert G.nodes[law]["effective"] == day.isoformat(), f.name
        for sym, partial in ended:
            (node,) = by_symbol[sym]
            v = validity.status(G, node, day.isoformat())
            ends = {c.by for c in v.changes if c.whole or (partial and c.kind == "repeals")}
            assert law in ends, (f.name, sym)
            assert v.status in (("partly_repealed", "replaced", "repealed") if partial else ("replaced", "repealed"))
            before = validity.status(G, node, (day - dt.timedelta(days=1)).isoformat())
            assert law not in {c.by for c in before.changes}, (f.name, sym)
            checked += 1
    assert checked >= (100 if SHARED_LAWS.is_dir() else 1)


def test_every_expiry_edge_has_its_day_and_ends_its_target() -> None:
    G, _ = _laws()
    edges = [
        (u, v, d)
        for u, v, d in G.edges(data=True)
        if d["type"] == "SUPERSEDES"
        and G.nodes[u].get("source_file")
        and "hết hiệu lực" in (d["evidence"] or {}).get("sentence", "")
        and d["kind"] == "replaces"
    ]
    assert edges
    for u, v, d in edges:
        assert d.get("effective"), (u, v, d["evidence"])
        assert validity.status(G, v, d["effective"]).status in ("replaced", "repealed"), (u, v)


# ------------------------------------------------------------------------------------------------ the CLI


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("laws")
    (folder / "old.txt").write_text(
        "QUỐC HỘI\nLuật số: 81/2006/QH11\nHà Nội, ngày 29 tháng 11 năm 2006\nLUẬT\nCƯ TRÚ\n"
        "Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2007.\n",
        encoding="utf-8",
    )
    (folder / "new.txt").write_text(
        "QUỐC HỘI\nLuật số: 68/2020/QH14\nHà Nội, ngày 13 tháng 11 năm 2020\nLUẬT\nCƯ TRÚ\n"
        "Điều 39. Hiệu lực thi hành\n1. Luật này có hiệu lực thi hành từ ngày 01 tháng 7 năm 2021.\n"
        "2. Luật Cư trú số 81/2006/QH11 đã được sửa đổi, bổ sung một số điều theo Luật số 36/2013/QH13 hết "
        "hiệu lực kể từ ngày Luật này có hiệu lực thi hành.\n",
        encoding="utf-8",
    )
    db = folder / "g.db"
    r = CliRunner().invoke(app, ["load", str(folder), "--store", str(db)])
    assert r.exit_code == 0, r.output
    return db


def test_status_command_in_words(store: Path) -> None:
    r = CliRunner().invoke(app, ["status", "81/2006/QH11", "--at", "1/7/2021", "--store", str(store)])
    assert r.exit_code == 0, r.output
    assert "no longer in force: replaced by 68/2020/QH14 since 2021-07-01" in r.stdout
    assert "Luật Cư trú số 81/2006/QH11" in r.stdout and "new.txt" in r.stdout
    r = CliRunner().invoke(app, ["status", "81/2006/QH11", "--at", "2021-06-30", "--store", str(store)])
    assert "in force, amended by 36/2013/QH13" in r.stdout and "changes not yet in effect (1)" in r.stdout


def test_status_command_json(store: Path) -> None:
    r = CliRunner().invoke(app, ["status", "68/2020/QH14", "--json", "--at", "2020-12-01", "--store", str(store)])
    data = json.loads(r.stdout)
    assert (data["status"], data["effective"], data["changes"]) == ("not_yet_in_force", "2021-07-01", [])
    r = CliRunner().invoke(app, ["status", "81/2006/QH11", "--json", "--store", str(store)])
    data = json.loads(r.stdout)
    assert data["status"] == "replaced" and data["by_names"]["doc:68/2020/QH14"] == "68/2020/QH14"
    (replace,) = [c for c in data["changes"] if c["kind"] == "replaces"]
    assert replace["dated"] == "stated" and "hết hiệu lực" in replace["evidence"]["sentence"]


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["31/2099/QH99"], 1, "nothing matches"),
        (["81/2006/QH11", "--at", "31/2/2021"], 2, "is not a date"),
    ],
)
def test_status_command_errors(store: Path, args: list[str], code: int, words: str) -> None:
    r = CliRunner().invoke(app, ["status", *args, "--store", str(store)])
    assert r.exit_code == code and words in r.output


def test_exports_carry_the_status_as_node_properties(store: Path, tmp_path: Path) -> None:
    from policygraph.cli import app

    out = tmp_path / "x.json"
    r = CliRunner().invoke(app, ["export", "--format", "json", "-o", str(out), "--store", str(store)])
    assert r.exit_code == 0, r.output
    nodes = {n["id"]: n for n in json.loads(out.read_text(encoding="utf-8"))["nodes"]}
    docs = [n for n in nodes.values() if n["kind"] == "Document"]
    assert docs and all(n["status"] for n in docs)
    ended = [n for n in docs if n["status"] in ("replaced", "repealed")]
    assert ended and all(n["status_by"] and all(b in nodes for b in n["status_by"]) for n in ended)

"""`policygraph lineage|show|stats|coverage` through typer's CliRunner, on the hand-made graph of
tests/query_corpus.py saved in a store file (and once through a stand-in for the Neo4j store)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import CLI_ENV, save_graph
from query_corpus import CV1330, D01, D05, D31, DN08, HP08_13, HP08_22, KH24, N002, N003, N004, corpus_graph
from typer.testing import CliRunner

import policygraph.cli  # noqa: F401  (registers the commands)
from policygraph.cli.app import app

runner = CliRunner()
ENV = CLI_ENV


@pytest.fixture
def store(tmp_path: Path) -> str:
    path = tmp_path / "g.json"
    save_graph(path, corpus_graph())
    return str(path)


def run(store: str | None, *args: str, env: dict[str, Any] | None = None) -> Any:
    argv = [*args, "--store", store] if store else list(args)
    return runner.invoke(app, argv, env={**ENV, **(env or {})})


# ---------------------------------------------------------------------------------------------- lineage


def test_lineage_down_json(store: str) -> None:
    r = run(store, "lineage", "31-NQ/TW", "--down", "--json")
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["root"] == D31 and d["direction"] == "down"
    assert [h["node"] for h in d["children"]] == [KH24, CV1330, N002, N003]
    assert d["children"][1]["evidence"]["file"] == "000_dd968633c1f9caf8.txt"


def test_lineage_text_shows_hops_and_evidence(store: str) -> None:
    r = run(store, "lineage", "Nghị quyết 31", "--down")
    assert r.exit_code == 0, r.output
    out = r.stdout
    assert "31-NQ/TW" in out and "implemented / cited / superseded by" in out
    assert "1330-CV/BTGTU" in out and "OfficialLetter" in out and "2023-10-11" in out
    assert "Ban Tuyên giáo Thành ủy Thành phố Hồ Chí Minh" in out
    assert "000_dd968633c1f9caf8.txt" in out and "Nghị quyết số 31-NQ/TW" in out
    assert "← IMPLEMENTS (implements)" in out and "← CITES" in out


def test_lineage_up_default_depth_and_types(store: str) -> None:
    r = run(store, "lineage", "004_4f6655e48d839bfa.txt", "--json")
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["direction"] == "up"
    assert [h["node"] for h in d["children"]] == [DN08, D01]
    assert d["children"][1]["children"][0]["node"] == D05
    r = run(store, "lineage", "004_4f6655e48d839bfa.txt", "--depth", "1", "--json")
    assert json.loads(r.stdout)["children"][1]["children"] == []
    r = run(store, "lineage", "001_0d6e8966d81bd8b2.txt", "--type", "cites", "--json")
    d = json.loads(r.stdout)
    assert d["types"] == ["CITES"] and [h["node"] for h in d["children"]] == [HP08_13, HP08_22]
    r = run(store, "lineage", "001_0d6e8966d81bd8b2.txt", "-t", "IMPLEMENTS,CITES", "--json")
    assert json.loads(r.stdout)["types"] == ["IMPLEMENTS", "CITES"]


def test_lineage_both(store: str) -> None:
    r = run(store, "lineage", "KL 1", "--both", "--json")
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert [(h["node"], h["direction"]) for h in d["children"]][0] == (D05, "up")
    assert {h["node"] for h in d["children"] if h["direction"] == "down"} == {N004, "file:001_0d6e8966d81bd8b2.txt"}
    r = run(store, "lineage", "KL 1", "--both")
    assert "▲" in r.stdout and "▼" in r.stdout


def test_lineage_bad_options(store: str) -> None:
    r = run(store, "lineage", "31-NQ/TW", "--up", "--down")
    assert r.exit_code == 2
    r = run(store, "lineage", "31-NQ/TW", "--type", "ISSUED_BY")
    assert r.exit_code == 2 and "IMPLEMENTS" in r.output
    r = run(store, "lineage", "31-NQ/TW", "--depth", "-1")
    assert r.exit_code == 2


def test_ambiguous_ref_exit_2_with_candidates(store: str) -> None:
    r = run(store, "lineage", "08-NQ/TU")
    assert r.exit_code == 2
    for n in (HP08_13, HP08_22, DN08):
        assert n in r.stderr
    assert "08-NQ/TU@Hải Phòng 2022" in r.stderr and "08-NQ/TU@Đồng Nai" in r.stderr
    assert "narrower" in r.stderr
    assert r.stdout == ""
    r = run(store, "lineage", "08-NQ/TU", "--json")
    assert r.exit_code == 2
    d = json.loads(r.stdout)
    assert d["error"] == "ambiguous" and [c["id"] for c in d["candidates"]] == [HP08_13, HP08_22, DN08]
    assert (
        d["candidates"][2]
        | {"ref": "08-NQ/TU@Đồng Nai", "jurisdiction": "Đồng Nai", "date": "2022-12-08", "issuer": "Tỉnh ủy Đồng Nai"}
        == d["candidates"][2]
    )
    for cmd in ("show", "coverage"):
        assert run(store, cmd, "08-NQ/TU").exit_code == 2
    r = run(store, "lineage", "08-NQ/TU@Hải Phòng 2022", "--json")
    assert r.exit_code == 0 and json.loads(r.stdout)["root"] == HP08_22


def test_not_found_exit_1_one_line(store: str) -> None:
    for cmd in ("lineage", "show", "coverage"):
        r = run(store, cmd, "99-NQ/TW")
        assert r.exit_code == 1, cmd
        assert r.stdout == ""
        assert r.stderr.startswith("error:") and len(r.stderr.strip().splitlines()) == 1


# -------------------------------------------------------------------------------------------------- show


def test_show(store: str) -> None:
    r = run(store, "show", "31-NQ/TW", "--json")
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["id"] == D31 and d["attrs"]["issuer"] == "Bộ Chính trị"
    assert [e["other"] for e in d["in"]] == [KH24, CV1330, N002, N003]
    r = run(store, "show", "002_dcfc28f94eca8649.txt")
    assert r.exit_code == 0, r.output
    assert "Notice" in r.stdout and "ISSUED_BY" in r.stdout and "Thành ủy Thành phố Hồ Chí Minh" in r.stdout
    assert "IMPLEMENTS" in r.stdout and "98/2023/QH15" in r.stdout


# ------------------------------------------------------------------------------------------------- stats


def test_stats(store: str) -> None:
    r = run(store, "stats", "--json")
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["by_kind"] == {"Body": 2, "Document": 18}
    assert d["unresolved"]["top"][0]["missing"] == ["symbol"]
    assert d["files"] == 6
    r = run(store, "stats")
    assert r.exit_code == 0, r.output
    for s in (
        "20 nodes",
        "Resolution",
        "SUPERSEDES 1 (replaces 1)",
        "IMPLEMENTS 14 (based_on 1, implements 13)",
        "unresolved references (1)",
        "ref:Conclusion 21",
        "attribute conflicts between files (1)",
        "most cited:",
    ):
        assert s in r.stdout, s
    assert len(r.stdout.splitlines()) <= 60
    r = run(store, "stats", "--files")
    assert r.exit_code == 0 and len(r.stdout.splitlines()) == 6 and "004_4f6655e48d839bfa.txt" in r.stdout


def test_store_from_env_and_missing_store(store: str, tmp_path: Path) -> None:
    r = run(None, "stats", "--json", env={"POLICYGRAPH_STORE": store})
    assert r.exit_code == 0 and json.loads(r.stdout)["nodes"] == 20
    r = run(str(tmp_path / "none.json"), "stats")
    assert r.exit_code == 2 and "no store" in r.stderr and "policygraph load" in r.stderr


# ---------------------------------------------------------------------------------------------- coverage


def test_unreachable_neo4j_is_one_line_exit_2(store: str) -> None:
    r = run(None, "stats", "--neo4j", "bolt://127.0.0.1:9")
    assert r.exit_code == 2 and len(r.stderr.strip().splitlines()) == 1
    r = run(None, "lineage", "31-NQ/TW", "--neo4j", "bolt://127.0.0.1:9")
    assert r.exit_code == 2 and len(r.stderr.strip().splitlines()) == 1


def test_coverage(store: str) -> None:
    r = run(store, "coverage", "31-NQ/TW", "--json")
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["count"] == 4 and list(d["by_jurisdiction"]) == ["Thành phố Hồ Chí Minh"]
    n003 = next(e for e in d["entries"] if e["node"] == N003)
    assert n003["chain"] == [N003, KH24, D31]
    r = run(store, "coverage", "31-NQ/TW", "--via-cites", "--json")
    d = json.loads(r.stdout)
    assert d["types"] == ["IMPLEMENTS", "CITES"]
    assert next(e for e in d["entries"] if e["node"] == N003)["chain"] == [N003, D31]
    r = run(store, "coverage", "Chỉ thị 5")
    assert r.exit_code == 0, r.output
    for s in (
        "3 documents implement it (1 directly)",
        "by province",
        "Long Khánh 1",
        "01-KL/TW →",
        "→ 05-CT/TW",
        "by issuing body",
    ):
        assert s in r.stdout, s
    # documents are named for people (type · issuer · date), not by their hashed file names
    assert "004_4f6655e48d839bfa.txt →" not in r.stdout


# -------------------------------------------------------------------------------------------------- help


@pytest.mark.parametrize(
    ("cmd", "example"),
    [
        ("lineage", "policygraph lineage 31-NQ/TW --down"),
        ("show", "policygraph show 31-NQ/TW"),
        ("stats", "policygraph stats --json"),
        ("coverage", "policygraph coverage 31-NQ/TW"),
    ],
)
def test_help_teaches_with_examples(cmd: str, example: str) -> None:
    r = runner.invoke(app, [cmd, "--help"], env={"COLUMNS": "200"})
    assert r.exit_code == 0
    assert example in r.stdout


def test_answers_as_reports(store: str, tmp_path: Path) -> None:
    r = run(store, "lineage", "31-NQ/TW", "--down", "--report", "-")
    assert r.exit_code == 0, r.output
    lines = r.stdout_bytes.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("direction,depth,parent,id,symbol") and len(lines) > 1
    assert r.stdout_bytes.startswith(b"\xef\xbb\xbf")  # Excel reads Vietnamese from a CSV with a BOM
    xlsx = tmp_path / "cov.xlsx"
    r = run(store, "coverage", "31-NQ/TW", "--report", str(xlsx))
    assert r.exit_code == 0, r.output
    assert xlsx.read_bytes()[:2] == b"PK"
    r = run(store, "coverage", "31-NQ/TW", "--report", store)
    assert r.exit_code == 1 and "is the store" in r.stderr

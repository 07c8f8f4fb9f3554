"""Adversarial loads and look-ups through the real CLI (issue 10): odd names, same-named files, control
characters, store problems, empty folders, references as people type them, filters. Each case is small."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "examples" / "corpus").glob("*.txt"))


def pg(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """The real command in a subprocess, stderr not a terminal (as in scripts)."""
    return subprocess.run(
        [sys.executable, "-m", "policygraph.cli", *args],
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "COLUMNS": "80", **(env or {})},
    )


def test_an_odd_file_name_or_folder_loses_nothing_else(tmp_path: Path) -> None:
    d = tmp_path / "in"
    (d / "evil[/red]").mkdir(parents=True)
    (d / "evil[/red]" / "bad.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    os.makedirs(os.fsencode(d), exist_ok=True)
    with open(os.path.join(os.fsencode(d), b"caf\xe9.txt"), "wb") as fh:
        fh.write("Thực hiện Nghị quyết số 31-NQ/TW ngày 30/12/2022 của Bộ Chính trị.".encode())
    (d / "ok.txt").write_text(SEEDS[0].read_text(encoding="utf-8"), encoding="utf-8")
    store = tmp_path / "g.db"
    r = pg("load", str(d), "--store", str(store), "--json")
    assert r.returncode == 1, r.stderr
    summary = json.loads(r.stdout)
    assert summary["loaded"] == 2 and len(summary["failed"]) == 1 and "evil[/red]" in summary["failed"][0]
    errors = [ln for ln in r.stderr.splitlines() if ln.startswith("error:")]
    assert len(errors) == 1 and "binary" in errors[0] and "Traceback" not in r.stderr
    files = pg("stats", "--files", "--store", str(store)).stdout.split()
    assert files == ["caf%E9.txt", "ok.txt"]


def test_same_named_files_in_two_folders_are_two_files(tmp_path: Path) -> None:
    for sub, seed in (("hcm", SEEDS[0]), ("hp", SEEDS[1])):
        (tmp_path / "in" / sub).mkdir(parents=True)
        (tmp_path / "in" / sub / "doc.txt").write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    store = tmp_path / "g.db"
    r = pg("load", str(tmp_path / "in"), "--store", str(store), "--json")
    assert r.returncode == 0 and json.loads(r.stdout)["files_in_store"] == 2
    assert pg("stats", "--files", "--store", str(store)).stdout.split() == ["hcm/doc.txt", "hp/doc.txt"]
    out = tmp_path / "x.json"
    assert pg("export", "-o", str(out), "--store", str(store)).returncode == 0
    nodes = json.loads(out.read_text(encoding="utf-8"))["nodes"]
    own = {n["source_path"]: n["source_file"] for n in nodes if n.get("source_path")}
    assert own == {"hcm/doc.txt": "doc.txt", "hp/doc.txt": "doc.txt"}  # the scorer reads source_file's name


def test_control_characters_from_documents_are_not_printed(tmp_path: Path) -> None:
    f = tmp_path / "esc.txt"
    f.write_text(
        "KẾ HOẠCH số 15-KH/TU\x1b[2J\x1b[31m giả mạo\x07. Thực hiện Nghị quyết số 31-NQ/TW "
        "ngày 30/12/2022 của Bộ Chính trị\x1b]0;pwned\x07.",
        encoding="utf-8",
    )
    store = tmp_path / "g.db"
    assert pg("load", str(f), "--store", str(store)).returncode == 0
    for cmd in (("lineage", "31-NQ/TW", "--down"), ("show", "31-NQ/TW"), ("show", "esc.txt"), ("stats",)):
        r = pg(*cmd, "--store", str(store))
        assert r.returncode == 0, r.stderr
        assert "\x1b" not in r.stdout and "\x07" not in r.stdout, cmd
    r = pg("show", "31-NQ/TW", "--json", "--store", str(store))
    assert "\\u001b" in r.stdout  # --json keeps the text, escaped


def test_store_problems_are_one_line_in_every_command(tmp_path: Path) -> None:
    bad = {
        "old.json": b'{"format": "policygraph-store", "version": 1, "extractions": {}, "graph": {}}',
        "garbage.db": b"\x00\x01\x02 not a store",
        "folder.db": None,
    }
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    for name, data in bad.items():
        p = tmp_path / name
        p.mkdir() if data is None else p.write_bytes(data)
    for p in [tmp_path / n for n in bad] + [other]:
        for cmd in (
            ("stats",),
            ("lineage", "31-NQ/TW"),
            ("remove", "x.txt"),
            ("load", str(SEEDS[0])),
            ("export", "-o", "-"),
        ):
            r = pg(*cmd, "--store", str(p))
            lines = r.stderr.strip().splitlines()
            assert r.returncode == 2 and len(lines) == 1 and lines[0].startswith("error: "), (p.name, cmd, r.stderr)
            assert str(p) in lines[0]


def test_error_lines_are_not_wrapped(tmp_path: Path) -> None:
    deep = tmp_path / ("a-rather-long-folder-name-" * 4) / "store.db"
    r = pg("stats", "--store", str(deep))
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1 and str(deep) in r.stderr


def test_an_empty_folder_is_nothing_to_load_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    store = tmp_path / "g.db"
    r = pg("load", str(tmp_path / "empty"), "--store", str(store))
    assert r.returncode == 2 and "nothing to load" in r.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty"]  # no store, no lock, no journal


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    store = tmp_path_factory.mktemp("s") / "g.db"
    assert pg("load", str(ROOT / "examples" / "corpus"), "--store", str(store)).returncode == 0
    return store


@pytest.mark.parametrize("typed", ["31/NQ-TW", "31-NQ-TW", "31 NQ/TW", "NQ31", "nq 31", "Nghị quyết số 31"])
def test_references_as_people_type_them(sample: Path, typed: str) -> None:
    r = pg("show", typed, "--json", "--store", str(sample))
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["id"] == "doc:31-NQ/TW@2022-12-30"


def test_a_state_number_without_its_year_and_did_you_mean(sample: Path) -> None:
    assert json.loads(pg("show", "98/QH15", "--json", "--store", str(sample)).stdout)["id"] == "doc:98/2023/QH15"
    r = pg("show", "31-NQ/TU", "--store", str(sample))
    assert r.returncode == 1 and "did you mean '31-NQ/TW'" in r.stderr


def test_filters_by_date_and_place(sample: Path) -> None:
    r = pg("coverage", "05-CT/TW", "--json", "--jurisdiction", "Đồng Nai", "--store", str(sample))
    d = json.loads(r.stdout)
    assert [e["jurisdiction"] for e in d["entries"]] == ["Long Khánh"]  # a province includes its cities
    assert d["by_province"] == {"Đồng Nai": [d["entries"][0]["node"]]}
    r = pg("coverage", "05-CT/TW", "--json", "--since", "2023-06", "--until", "2023-12-31", "--store", str(sample))
    assert {e["attrs"]["date"] for e in json.loads(r.stdout)["entries"]} == {"2023-10-19"}
    r = pg("lineage", "05-CT/TW", "--down", "--json", "--jurisdiction", "Hải Phòng", "--store", str(sample))
    shown = [h for h in json.loads(r.stdout)["children"]]
    assert shown and all(h["attrs"]["jurisdiction"] == "Hải Phòng" or h["children"] for h in shown)
    assert pg("coverage", "05-CT/TW", "--since", "May 2023", "--store", str(sample)).returncode == 2


def test_view_never_writes_onto_the_store(sample: Path) -> None:
    before = sample.stat().st_size, sample.stat().st_mtime_ns
    r = pg("view", "31-NQ/TW", "-o", str(sample), "--store", str(sample))
    assert r.returncode == 1 and "is the store" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert (sample.stat().st_size, sample.stat().st_mtime_ns) == before


def test_control_characters_in_cypher_and_sparql_rows_are_not_printed(capsys: pytest.CaptureFixture[str]) -> None:
    from policygraph.cli import render_io

    rows = [{"t\x1b[2J": "giả mạo\x1b]0;pwned\x07", "ids": ["a\x1b[31m", "b"], "n": {"x": "\u202eevil"}}]
    render_io.cypher_rows(rows, as_json=False)
    render_io.sparql_rows([{"d\x07": "x\x1b[31m"}], as_json=False)
    printed = capsys.readouterr().out
    assert "giả mạo" in printed and "evil" in printed and "1 row(s)" in printed
    assert not any(c in printed for c in ("\x1b", "\x07", "\u202e"))

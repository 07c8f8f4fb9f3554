"""Bad input, re-loading and removal through the real CLI, and the loaders on real laws."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from typer.testing import CliRunner

from policygraph.cli import app
from policygraph.graph.build import build_graph
from policygraph.graph.store import open_store, read_graph
from policygraph.loaders.extract import extract_file

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "examples" / "corpus" / "001_0d6e8966d81bd8b2.txt"


def test_bad_files_are_named_and_the_others_load(tmp_path):
    d = tmp_path / "in"
    d.mkdir()
    shutil.copy(SEED, d / SEED.name)
    (d / "empty.txt").write_text("")
    (d / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (d / "latin.txt").write_bytes(b"Ngh\xe9 quy\xeat s\xf4 31 \xff\xfe")
    (d / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    (d / "broken.docx").write_bytes(b"PK\x03\x04 nope")
    store = tmp_path / "g.db"
    r = CliRunner().invoke(app, ["load", str(d), "--store", str(store), "--json"])
    assert r.exit_code == 1
    summary = json.loads(r.stdout)
    assert summary["loaded"] == 1
    failed = "\n".join(summary["failed"])
    for name, problem in [
        ("empty.txt", "empty"),
        ("image.txt", "binary"),
        ("latin.txt", "UTF-8"),
        ("broken.pdf", "PDF"),
        ("broken.docx", "docx"),
    ]:
        line = next(ln for ln in summary["failed"] if name in ln)
        assert problem in line and "\n" not in line, failed
    assert open_store(store).files() == [SEED.name]


def test_reload_replaces_and_remove_retracts(tmp_path):
    f = tmp_path / "doc.txt"
    f.write_text("Thực hiện Nghị quyết số 31-NQ/TW ngày 30/12/2022 của Bộ Chính trị.", encoding="utf-8")
    store = tmp_path / "g.db"
    runner = CliRunner()
    assert runner.invoke(app, ["load", str(f), "--store", str(store)]).exit_code == 0
    assert "doc:31-NQ/TW@2022-12-30" in read_graph(store)
    f.write_text("Thực hiện Nghị quyết số 24-NQ/TW ngày 07/10/2022 của Bộ Chính trị.", encoding="utf-8")
    assert runner.invoke(app, ["load", str(f), "--store", str(store)]).exit_code == 0
    G = read_graph(store)
    assert "doc:31-NQ/TW@2022-12-30" not in G and "doc:24-NQ/TW@2022-10-07" in G
    assert runner.invoke(app, ["remove", "doc.txt", "--store", str(store)]).exit_code == 0
    assert read_graph(store).number_of_nodes() == 0


def test_the_store_holds_the_graph_one_build_gives(tmp_path):
    store = tmp_path / "g.db"
    corpus = ROOT / "examples" / "corpus"
    assert CliRunner().invoke(app, ["load", str(corpus), "--store", str(store)]).exit_code == 0
    a, b = read_graph(store), build_graph([extract_file(str(f)) for f in sorted(corpus.glob("*.txt"))])
    assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
    assert sorted(a.edges(keys=True, data=True), key=str) == sorted(b.edges(keys=True, data=True), key=str)


def test_laws_own_symbol_expiry_and_basis():
    x = extract_file(str(ROOT / "tests/data/laws/Luat-thue-bao-ve-moi-truong-2010-115247.txt"))
    src = x.docs["source"]
    assert (src.symbol, src.label, src.issuer) == ("57/2010/QH12", "Law", "Quốc hội")
    rels = {
        (r.type, r.kind, x.docs[r.target].symbol or x.docs[r.target].title)
        for r in x.relations
        if r.source == "source" and r.target in x.docs
    }
    # "Các quy định về thu phí xăng, dầu của Pháp lệnh phí và lệ phí số 38/2001/PL-UBTVQH10 hết hiệu lực": a part
    assert ("SUPERSEDES", "repeals", "38/2001/PL-UBTVQH10") in rels
    assert {r.scope for r in x.relations if r.type == "SUPERSEDES" and r.source == "source"} == {
        "Các quy định về thu phí xăng, dầu"
    }
    assert ("IMPLEMENTS", "based_on", "Hiến pháp") in rels
    amended = {
        (x.docs[r.source].symbol, x.docs[r.target].title)
        for r in x.relations
        if r.type == "SUPERSEDES" and r.source in x.docs and r.source != "source"
    }
    assert ("51/2001/QH10", "Hiến pháp") in amended
    # no edge to a document the text does not name
    text = (ROOT / "tests/data/laws/Luat-thue-bao-ve-moi-truong-2010-115247.txt").read_text(encoding="utf-8")
    for r in x.relations:
        if r.evidence is not None and r.type in ("CITES", "IMPLEMENTS", "SUPERSEDES"):
            assert text[r.evidence.start : r.evidence.end].strip()


def test_two_loads_at_once_keep_both_files(tmp_path):
    import subprocess
    import sys

    store = tmp_path / "g.db"
    files = sorted((ROOT / "examples" / "corpus").glob("*.txt"))
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "policygraph.cli", "load", str(f), "--store", str(store)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for f in files
    ]
    assert all(p.wait(timeout=120) == 0 for p in procs)
    assert open_store(store).files() == sorted(f.name for f in files)

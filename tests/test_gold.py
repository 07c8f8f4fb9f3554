"""The seed gold: load the sample corpus with the real CLI, export JSON, score it with the gold scorer."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from policygraph.cli import app
from policygraph.graph.store import read_graph

ROOT = Path(__file__).resolve().parents[1]


def test_sample_corpus_meets_the_gold(tmp_path):
    store = tmp_path / "g.db"
    runner = CliRunner()
    r = runner.invoke(app, ["load", str(ROOT / "examples" / "corpus"), "--store", str(store), "--json"])
    assert r.exit_code == 0, r.output
    assert json.loads(r.stdout)["loaded"] == 5
    out = tmp_path / "x.json"
    r = runner.invoke(app, ["export", "--format", "json", "-o", str(out), "--store", str(store)])
    assert r.exit_code == 0, r.output
    score = subprocess.run(
        [
            sys.executable,
            str(ROOT / "tests/data/score.py"),
            str(ROOT / "tests/data/seeds.gold.json"),
            str(out),
            "--min-node-f1",
            "0.95",
            "--min-edge-f1",
            "0.90",
            "--min-type-acc",
            "0.85",
            "--min-date-acc",
            "1.0",
            "--require-apart",
            "--min-project-f1",
            "0.95",
            "-v",
        ],
        capture_output=True,
        text=True,
    )
    assert score.returncode == 0, score.stdout + score.stderr
    assert "OK node_f1=" in score.stdout


def test_reloading_gives_the_same_graph(tmp_path):
    store = tmp_path / "g.db"
    runner = CliRunner()
    corpus = str(ROOT / "examples" / "corpus")
    assert runner.invoke(app, ["load", corpus, "--store", str(store)]).exit_code == 0
    first = read_graph(store)
    assert runner.invoke(app, ["load", corpus, "--store", str(store), "--force"]).exit_code == 0
    second = read_graph(store)
    assert sorted(first.nodes(data=True)) == sorted(second.nodes(data=True))
    assert sorted(first.edges(keys=True, data=True)) == sorted(second.edges(keys=True, data=True))

"""Adversarial cases for the operations side: the tests and the analyst's Neo4j, host files through the
local Neo4j, text that rich would read as markup or emoji, exports aimed at the store.

Every CLI call here is a real process (``python -m policygraph.cli``) with a time limit, so one line on
stderr means one line as a terminal or a script sees it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from conftest import ROOT, Server, neo4j_local, own_neo4j

from policygraph.graph import neo4j_connect as nc

TIMEOUT = 120
CONNECTION_VARS = ("NEO4J_URI", "NEO4J_USER", "NEO4J_PASSWORD", "NEO4J_DATABASE", "POLICYGRAPH_STORE")


def cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the installed CLI in a process of its own, with a wide terminal and no Neo4j or store named."""
    base = {k: v for k, v in os.environ.items() if k not in CONNECTION_VARS}
    return subprocess.run(
        [sys.executable, "-m", "policygraph.cli", *args],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env={**base, "COLUMNS": "200", **(env or {})},
    )


def one_error_line(proc: subprocess.CompletedProcess[str]) -> str:
    """stderr, asserted to be exactly one line starting with ``error:``."""
    assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("error: "), proc.stderr
    assert "Traceback" not in proc.stderr
    return proc.stderr


# --------------------------------------------------------------------------------- the analyst's Neo4j

MARKER = "analyst-marker"


@pytest.mark.neo4j
def test_the_test_run_leaves_the_analysts_neo4j_alone(tmp_path: Path) -> None:
    """An analyst's Neo4j is running and named by NEO4J_URI (and NEO4J_LOCAL_DIR); `bash scripts/test`
    runs Neo4j tests that wipe and fill their database; the analyst's data is still there afterwards."""
    analyst = tmp_path / "analyst"
    uri = neo4j_local("start", analyst)
    try:
        driver = nc.connect(uri)
        try:
            nc.run_cypher(driver, "CREATE (:Document {id: $id, symbol: '31-NQ/TW'})", {"id": MARKER}, write=True)
            env = {k: v for k, v in os.environ.items() if not k.startswith("PG_TEST_NEO4J_")}
            env.update(NEO4J_URI=uri, NEO4J_LOCAL_DIR=str(analyst))
            run = subprocess.run(
                [
                    "bash",
                    str(ROOT / "scripts" / "test"),
                    "-p",
                    "no:cacheprovider",
                    "tests/test_neo4j_store.py",
                    "-k",
                    "test_push_counts_and_properties or test_remove_file",
                ],
                cwd=ROOT,
                env=env,
                capture_output=True,
                text=True,
                timeout=900,
            )
            assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
            assert "2 passed" in run.stdout
            rows = nc.run_cypher(driver, "MATCH (n) RETURN n.id AS id")
            assert rows == [{"id": MARKER}]  # nothing wiped, nothing added
        finally:
            driver.close()
    finally:
        neo4j_local("stop", analyst)
    # the inner run stopped and deleted its own instance
    assert [d.name for d in (ROOT / ".neo4j-test").glob("*") if d.name != str(os.getpid())] == []


def test_the_tests_see_no_analyst_connection() -> None:
    """conftest removes the analyst's connection variables before any test runs (a CLI a test starts
    cannot reach the server they named)."""
    assert not {"NEO4J_URI", "NEO4J_LOCAL_DIR", "NEO4J_LOCAL_PORT"} & set(os.environ)


# ------------------------------------------------------------------------------- host files via Neo4j


@pytest.fixture
def launcher_neo4j(neo4j_server: Server, tmp_path: Path) -> Iterator[Server]:
    """A Neo4j that scripts/neo4j-local runs (the session's own; a new one when the session uses a
    scratch server, whose configuration is not the launcher's)."""
    if neo4j_server.state is not None:
        yield neo4j_server
        return
    with own_neo4j(tmp_path) as server:
        yield server


@pytest.mark.neo4j
@pytest.mark.parametrize("url", [
    "file:///etc/passwd", "file:/etc/passwd", "file:///../../../../../../etc/passwd", "file:///%2E%2E/%2E%2E/etc/passwd",
])  # fmt: skip
def test_load_csv_cannot_read_host_files(launcher_neo4j: Server, url: str) -> None:
    proc = cli("cypher", "--neo4j", launcher_neo4j.uri, f"LOAD CSV FROM '{url}' AS l RETURN l LIMIT 1")
    assert proc.returncode == 2 and proc.stdout == ""
    assert "Cannot load from URL" in one_error_line(proc)


@pytest.mark.neo4j
def test_load_csv_cannot_reach_local_services(launcher_neo4j: Server) -> None:
    port = launcher_neo4j.uri.rsplit(":", 1)[1]
    for url in (f"http://127.0.0.1:{port}/", f"http://localhost:{port}/", "http://[::1]/"):
        proc = cli("cypher", "--neo4j", launcher_neo4j.uri, f"LOAD CSV FROM '{url}' AS l RETURN l LIMIT 1")
        assert proc.returncode == 2 and "blocked" in one_error_line(proc), url


@pytest.mark.neo4j
def test_load_csv_reads_only_the_import_folder(launcher_neo4j: Server) -> None:
    """The confinement is a folder, not a broken LOAD CSV: what the owner puts in import/ reads."""
    assert launcher_neo4j.state is not None
    imports = launcher_neo4j.state / "import"
    assert imports.is_dir() and (launcher_neo4j.state.stat().st_mode & 0o077) == 0  # private to its owner
    probe = imports / "probe.csv"
    probe.write_text("tỉnh,số\nHải Phòng,08-NQ/TU\n", encoding="utf-8")
    try:
        proc = cli(
            "cypher",
            "--neo4j",
            launcher_neo4j.uri,
            "--json",
            "LOAD CSV WITH HEADERS FROM 'file:///probe.csv' AS l RETURN l.`tỉnh` AS p, l.`số` AS s",
        )
        assert proc.returncode == 0, proc.stderr
        assert '"p": "Hải Phòng"' in proc.stdout and '"s": "08-NQ/TU"' in proc.stdout
    finally:
        probe.unlink()


# ------------------------------------------------------------------------------ markup, emoji, errors


@pytest.mark.neo4j
def test_cypher_syntax_error_is_one_line_with_the_text_as_typed(neo4j_uri: str) -> None:
    for query in ("RETURN [/red]", "RETURN [bold]x", "MATCH (n:Document {id: '[/]'}) RETURN n ["):
        proc = cli("cypher", "--neo4j", neo4j_uri, query)
        assert proc.returncode == 2, query
        line = one_error_line(proc)
        assert "SyntaxError" in line and query.split()[-1] in line, line


@pytest.mark.neo4j
def test_cypher_table_prints_ids_and_brackets_as_they_are(neo4j_uri: str) -> None:
    query = (
        "RETURN 'project:metro:1' AS id, ':smile: [bold]Metro[/bold] :vietnam:' AS name, "
        "['project:metro:1', 'x'] AS ids, 1 AS `[red]col:metro:`"
    )
    proc = cli("cypher", "--neo4j", neo4j_uri, query)
    assert proc.returncode == 0, proc.stderr
    for text in ("project:metro:1", ":smile: [bold]Metro[/bold] :vietnam:", "project:metro:1 → x", "[red]col:metro:"):
        assert text in proc.stdout, text
    assert not {"🚇", "😄", "🇻🇳"} & set(proc.stdout)


def test_sparql_table_prints_ids_and_brackets_as_they_are(tmp_path: Path) -> None:
    from conftest import save_graph

    G = nx.MultiDiGraph()
    G.add_node("project:metro:1", kind="Project", label="Project", name=":smile: [red]Metro[/red] số 1",
               aliases=[], sources=["a.txt"])  # fmt: skip
    store = save_graph(tmp_path / "g.json", G)  # a graph export: the query commands read it too
    proc = cli("sparql", "SELECT ?p ?name WHERE { ?p a pg:Project ; pg:name ?name }", "--store", str(store))
    assert proc.returncode == 0, proc.stderr
    assert "project:metro:1" in proc.stdout and ":smile: [red]Metro[/red] số 1" in proc.stdout
    assert "🚇" not in proc.stdout and "😄" not in proc.stdout
    bad = cli("sparql", "SELECT ?x WHERE { [/red] }", "--store", str(store))
    assert bad.returncode == 1 and one_error_line(bad).startswith("error: SPARQL")


# ------------------------------------------------------------------------------ exports and the store


def _store(tmp_path: Path) -> Path:
    store = tmp_path / "policygraph.db"
    proc = cli("load", str(Path(__file__).resolve().parents[1] / "examples" / "corpus"), "--store", str(store))
    assert proc.returncode == 0, proc.stderr
    return store


@pytest.mark.parametrize("fmt", ["json", "ttl"])
def test_export_onto_the_store_is_refused_in_one_line(tmp_path: Path, fmt: str) -> None:
    store = _store(tmp_path)
    before = store.read_bytes()
    hard = tmp_path / "hard.db"
    os.link(store, hard)
    for target in (str(store), str(hard), str(tmp_path / "." / store.name)):
        proc = cli("export", "--format", fmt, "-o", target, "--store", str(store))
        assert proc.returncode == 1 and "refusing to write" in one_error_line(proc), target
    proc = cli("export", "--format", fmt, "-o", str(store), env={"POLICYGRAPH_STORE": str(store)})
    assert proc.returncode == 1 and "is the store" in one_error_line(proc)
    assert store.read_bytes() == before


def test_export_dash_writes_standard_output(tmp_path: Path) -> None:
    store = _store(tmp_path)
    proc = cli("export", "-o", "-", "--store", str(store))
    assert proc.returncode == 0 and proc.stdout.lstrip().startswith("{") and '"edges"' in proc.stdout
    assert not (Path.cwd() / "-").exists()


def test_export_csv_with_o_says_it_is_a_folder(tmp_path: Path) -> None:
    store = _store(tmp_path)
    proc = cli("export", "--format", "csv", "-o", str(tmp_path / "report.csv"), "--store", str(store))
    assert proc.returncode == 1 and "--out-dir" in one_error_line(proc)
    assert not (tmp_path / "report.csv").exists()

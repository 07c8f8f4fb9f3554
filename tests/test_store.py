"""The SQLite store: whatever the order, batches and removals, it holds the graph one build of the final set
of files gives; a killed load leaves the last committed graph; problems with the store file are one line."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policygraph.graph import queries as q
from policygraph.graph import store_pass, store_schema
from policygraph.graph.build import build_graph
from policygraph.graph.store import Store, StoreError, open_source, read_graph, staged
from policygraph.loaders.extract import extract_file, extract_text
from policygraph.loaders.models import Extraction, Text

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "examples" / "corpus").glob("*.txt"))

# Small documents whose references meet across files: one number in several places, dated and undated,
# short forms, a State symbol with a year, a body's short reference to a central board.
TEXTS = {
    "hp/a.txt": "THÀNH ỦY HẢI PHÒNG\nSố 08-NQ/TU\nHải Phòng, ngày 06 tháng 12 năm 2022\nNGHỊ QUYẾT\n"
    "Thực hiện Nghị quyết số 31-NQ/TW ngày 30/12/2022 của Bộ Chính trị. Căn cứ Nghị quyết số 98/2023/QH15.",
    "hp/b.txt": "THÀNH ỦY HẢI PHÒNG\nSố 15-KH/TU\nHải Phòng, ngày 10 tháng 01 năm 2023\nKẾ HOẠCH\n"
    "Triển khai Nghị quyết số 08-NQ/TU ngày 06/12/2022 của Thành ủy. Quán triệt Nghị quyết 31 của Bộ Chính trị.",
    "dn/a.txt": "TỈNH ỦY ĐỒNG NAI\nSố 08-NQ/TU\nĐồng Nai, ngày 08 tháng 12 năm 2022\nNGHỊ QUYẾT\n"
    "Thực hiện Nghị quyết số 31-NQ/TW của Bộ Chính trị và Kết luận số 14-KL/TW.",
    "dn/b.txt": "Tiếp tục thực hiện Nghị quyết số 08-NQ/TU của Tỉnh ủy Đồng Nai; Kết luận số 14-KL/TW ngày "
    "20/7/2021 của Ban Chấp hành Trung ương; Hướng dẫn 21 của Trung ương.",
    "tw/a.txt": "Thực hiện Hướng dẫn số 21-HD/BTGTW ngày 05/3/2021 của Ban Tuyên giáo Trung ương; "
    "Kết luận số 14-KL/TW ngày 21/7/2021 của Bộ Chính trị.",
    "tw/b.txt": "Nghị quyết số 98/2023/QH15 ngày 24/6/2023 của Quốc hội thay thế Nghị quyết số 54/2017/QH14. "
    "Thực hiện Kết luận 14 của Bộ Chính trị.",
}


def _pool() -> dict[str, Extraction]:
    xs = {rel: extract_text(Text(path=rel, text=t, rel=rel)) for rel, t in TEXTS.items()}
    xs.update({p.name: extract_file(str(p)) for p in SEEDS[:3]})
    for x in xs.values():
        x.mentions = []
    return xs


POOL = _pool()


def _canonical(G: nx.MultiDiGraph) -> tuple[list[str], list[str]]:
    nodes = sorted(json.dumps([n, d], sort_keys=True, ensure_ascii=False) for n, d in G.nodes(data=True))
    edges = sorted(
        json.dumps([u, v, k, d], sort_keys=True, ensure_ascii=False) for u, v, k, d in G.edges(keys=True, data=True)
    )
    return nodes, edges


@st.composite
def histories(draw: st.DrawFn) -> list[tuple[str, list[str]]]:
    """A sequence of loads (batches of files, in any order, some loaded again) and removals."""
    names = sorted(POOL)
    steps = []
    for _ in range(draw(st.integers(1, 5))):
        batch = draw(st.lists(st.sampled_from(names), min_size=1, max_size=5, unique=True))
        steps.append(("load", batch))
        if draw(st.booleans()):
            steps.append(("remove", draw(st.lists(st.sampled_from(names), max_size=3, unique=True))))
    return steps


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(history=histories())
def test_any_history_gives_the_graph_of_one_load_of_the_final_files(
    tmp_path_factory: pytest.TempPathFactory, history: list[tuple[str, list[str]]]
) -> None:
    _check_history(tmp_path_factory.mktemp("s") / "g.db", history)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(history=histories())
def test_a_bulk_pass_gives_the_same_graph_and_keeps_every_index(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch, history: list[tuple[str, list[str]]]
) -> None:
    """Large loads drop the indexes the pass rewrites and build them again: the same graph, every index back."""
    monkeypatch.setattr(store_pass, "BULK_FILES", 1)
    path = tmp_path_factory.mktemp("s") / "g.db"
    _check_history(path, history)
    with sqlite3.connect(path) as conn:
        indexes = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert set(store_pass._REWRITTEN_INDEXES) <= indexes
    with closing(sqlite3.connect(path)) as conn:
        triggers = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")}
    assert triggers == set(store_schema.LINK_TRIGGERS)


def _check_history(path: Path, history: list[tuple[str, list[str]]]) -> None:
    final: set[str] = set()
    with Store.open(path) as store:
        for op, files in history:
            if op == "load":
                store.stage([staged(POOL[f], f) for f in files])
                store.commit()
                final |= set(files)
            else:
                store.commit(remove=files)
                final -= set(files)
        assert store.files() == sorted(final)
    assert _canonical(read_graph(path)) == _canonical(build_graph([POOL[f] for f in final]))
    assert _links(path) == _links_counted(path)


def _links(path: Path) -> list[tuple[str, str, str, int]]:
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute("SELECT src, type, dst, n FROM links ORDER BY 1, 2, 3").fetchall()


def _links_counted(path: Path) -> list[tuple[str, str, str, int]]:
    """What the links table must hold: every pair of distinct ends the edges give, with their count."""
    with closing(sqlite3.connect(path)) as conn:
        return conn.execute(
            "SELECT src, type, dst, count(*) FROM edges WHERE src <> dst GROUP BY 1, 2, 3 ORDER BY 1, 2, 3"
        ).fetchall()


def test_staged_files_are_invisible_until_commit_and_finished_by_the_next_write(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    with Store.open(path) as store:
        store.stage([staged(POOL["hp/a.txt"], "1")])
    assert read_graph(path).number_of_nodes() == 0  # staged, not committed: the graph is the last committed one
    with Store.open(path) as store:
        store.stage([staged(POOL["hp/b.txt"], "2")])
        store.commit()
    assert _canonical(read_graph(path)) == _canonical(build_graph([POOL["hp/a.txt"], POOL["hp/b.txt"]]))


def test_a_load_killed_at_any_moment_leaves_a_committed_graph(tmp_path: Path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    for i in range(60):  # enough files for the load to take a while
        for seed in SEEDS:
            (corpus / f"{i:02d}_{seed.name}").write_text(seed.read_text(encoding="utf-8"), encoding="utf-8")
    path = tmp_path / "g.db"
    subprocess.run(
        [sys.executable, "-m", "policygraph.cli", "load", str(SEEDS[0]), "--store", str(path)],
        check=True,
        capture_output=True,
    )
    before = _canonical(read_graph(path))
    outcomes = set()
    for delay in (0.5, 1.5, 3.0):
        p = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "policygraph.cli",
                "load",
                str(corpus),
                "--store",
                str(path),
                "--jobs",
                "1",
                "--force",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        os.kill(p.pid, signal.SIGKILL)
        p.wait()
        after = read_graph(path)  # opens fine, and is one of the committed states
        files = set(open_source(path).files())
        outcomes.add(len(files))
        if len(files) == 1:
            assert _canonical(after) == before
        else:
            assert files == {SEEDS[0].name} | {f.name for f in corpus.iterdir()}
    subprocess.run(
        [sys.executable, "-m", "policygraph.cli", "load", str(corpus), "--store", str(path)],
        check=True,
        capture_output=True,
    )  # the next load finishes what was staged
    assert len(open_source(path).files()) == 1 + len(list(corpus.iterdir()))


def test_store_problems_are_one_line(tmp_path: Path) -> None:
    old = tmp_path / "old.json"
    old.write_text('{"format": "policygraph-store", "version": 1, "extractions": {}}', encoding="utf-8")
    with pytest.raises(StoreError, match="JSON store of PolicyGraph 0.1.*policygraph load"):
        Store.open(old)
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(StoreError, match="not a PolicyGraph store"):
        Store.open(other)
    newer = tmp_path / "newer.db"
    Store.open(newer).close()
    c = sqlite3.connect(newer)
    c.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    c.commit()
    c.close()
    with pytest.raises(StoreError, match="schema version 99"):
        open_source(newer)
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"\x00\x01 not a database at all")
    with pytest.raises(StoreError, match="not a PolicyGraph store"):
        Store.open(garbage)
    with pytest.raises(StoreError, match="no store here"):
        Store.open(tmp_path / "none.db", create=False)


def test_a_store_that_cannot_be_written_is_one_line(tmp_path: Path) -> None:
    from policygraph.graph.store_schema import connect

    path = tmp_path / "g.db"
    Store.open(path).close()
    # what a read-only file or folder gives SQLite (tested through a read-only connection: CI runs as root,
    # for whom permission bits do not stop a write)
    store = Store(path, connect(path, readonly=True))
    with pytest.raises(StoreError, match="read-only") as e:
        store.stage([staged(POOL["hp/a.txt"], "1")])
    assert "\n" not in str(e.value)
    store.close()


def test_a_symlinked_store_stays_a_link_and_keeps_its_mode(tmp_path: Path) -> None:
    real = tmp_path / "real.db"
    Store.open(real).close()
    real.chmod(0o640)
    link = tmp_path / "link.db"
    link.symlink_to(real)
    with Store.open(link) as store:
        store.stage([staged(POOL["hp/a.txt"], "1")])
        store.commit()
    assert link.is_symlink() and (real.stat().st_mode & 0o777) == 0o640
    assert read_graph(real).number_of_nodes() > 0


def _tree(t: object) -> object:
    from policygraph.graph.queries import lineage_to_dict

    d = lineage_to_dict(t)  # type: ignore[arg-type]

    def strip(h: dict) -> tuple:
        return (
            h["node"],
            h["direction"],
            h["depth"],
            h["seen"],
            len(h["edges"]),
            tuple(strip(c) for c in h["children"]),
        )

    return d["total"], d["shown"], tuple(strip(h) for h in d["children"])


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, nx.MultiDiGraph]:
    path = tmp_path_factory.mktemp("s") / "g.db"
    with Store.open(path) as store:
        store.stage([staged(x, f) for f, x in sorted(POOL.items())])
        store.commit()
    return path, build_graph(POOL.values())


@pytest.mark.parametrize("limit", [None, 0, 1, 3, 10])
def test_the_store_walks_what_lineage_shows(loaded: tuple[Path, nx.MultiDiGraph], limit: int | None) -> None:
    from policygraph.graph.queries import DOC_RELATIONS, lineage

    path, G = loaded
    src = open_source(path)
    docs = [n for n, d in G.nodes(data=True) if d["kind"] == "Document"]
    for node in docs:
        for direction in ("up", "down"):
            for depth in (None, 1, 2):
                H, total = src.walk(node, direction, depth, DOC_RELATIONS, limit)
                got = lineage(H, node, direction, depth, DOC_RELATIONS, limit)
                got.total = total
                assert _tree(got) == _tree(lineage(G, node, direction, depth, DOC_RELATIONS, limit)), (node, direction)
    src.close()


def test_the_store_answers_as_the_graph_in_memory(loaded: tuple[Path, nx.MultiDiGraph]) -> None:
    from policygraph.graph.queries import resolve_ref, stats
    from policygraph.graph.source import MemorySource

    path, G = loaded
    src, mem = open_source(path), MemorySource(G)
    assert src.stats(3) == stats(G, 3)
    assert src.files() == mem.files()
    for n, d in G.nodes(data=True):
        for ref in filter(None, (n, d.get("symbol"), d.get("source_file"), d.get("title"))):
            assert resolve_ref(src.candidates(ref), ref) == resolve_ref(G, ref), ref
        for direction in ("in", "out", "both"):
            assert _canonical(src.neighbourhood([n], direction, 2, None)) == _canonical(
                mem.neighbourhood([n], direction, 2, None)
            )
    src.close()


def test_files_streamed_into_the_store_give_the_graph_of_a_pooled_load(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file of ingest.STREAMED bytes or more is extracted in the loading process and its rows made as they
    are written (never held as lists): the store is the one the worker processes' rows give."""
    from policygraph.graph import ingest

    folder = tmp_path / "docs"
    for rel, text in TEXTS.items():
        (folder / rel).parent.mkdir(parents=True, exist_ok=True)
        (folder / rel).write_text(text, encoding="utf-8")
    found = [ingest.Found(str(folder / rel), rel) for rel in TEXTS]
    pooled = ingest.load_files(tmp_path / "pooled.db", found, jobs=2)
    sizes = sorted(len(t.encode("utf-8")) for t in TEXTS.values())
    monkeypatch.setattr(ingest, "STREAMED", sizes[2])  # the four largest files are streamed, the rest pooled
    lazy_edges: list[object] = []
    real = ingest.staged
    monkeypatch.setattr(ingest, "staged", lambda *a, **k: lazy_edges.append(k.get("lazy")) or real(*a, **k))
    mixed = ingest.load_files(tmp_path / "mixed.db", found, jobs=2)
    assert lazy_edges.count(True) == 4 and sorted(mixed.loaded) == sorted(pooled.loaded) == sorted(TEXTS)
    assert _canonical(read_graph(tmp_path / "mixed.db")) == _canonical(read_graph(tmp_path / "pooled.db"))


def test_a_store_made_before_the_covering_walk_indexes_gets_them_from_its_next_writer(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    with Store.open(path) as store:
        store.stage([staged(POOL["hp/a.txt"], "1")])
        store.commit()
    conn = sqlite3.connect(path)
    conn.execute("DROP INDEX edges_src")
    conn.execute("CREATE INDEX edges_src ON edges(src, type)")  # as version 1 of the schema made it
    conn.commit()
    conn.close()
    before = _canonical(read_graph(path))  # a reader works with the old index
    with Store.open(path):
        pass
    conn = sqlite3.connect(path)
    (sql,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'edges_src'").fetchone()
    plan = " ".join(
        str(r)
        for r in conn.execute("EXPLAIN QUERY PLAN SELECT dst, file_id FROM edges WHERE src = 'x' AND type = 'CITES'")
    )
    conn.close()
    assert sql == "CREATE INDEX edges_src ON edges(src, type, dst, file_id)" and "COVERING INDEX edges_src" in plan
    assert _canonical(read_graph(path)) == before


def test_a_store_made_before_links_walks_the_same_and_gets_them_from_its_next_writer(tmp_path: Path) -> None:
    path = tmp_path / "g.db"
    with Store.open(path) as store:
        store.stage([staged(POOL[f], f) for f in sorted(POOL)])
        store.commit()
    walks = [(n, d) for n in ("doc:31-NQ/TW@2022-12-30", "doc:14-KL/TW@2021-07-20") for d in ("up", "down")]

    def answers() -> list[tuple[list[str], int]]:
        src = open_source(path)
        try:
            return [
                (sorted(H.nodes), total) for H, total in (src.walk(n, d, None, q.DOC_RELATIONS, 2) for n, d in walks)
            ]  # type: ignore[union-attr]
        finally:
            src.close()

    made = _links(path)
    before = answers()
    assert made and any(total > 2 for _, total in before)  # cut walks: their reach is counted from links
    with closing(sqlite3.connect(path)) as conn:
        store_schema.drop_link_triggers(conn)
        conn.execute("DROP TABLE links")
        conn.commit()
    assert answers() == before  # a reader reads the edges instead
    with Store.open(path):
        pass
    assert _links(path) == made == _links_counted(path)
    assert answers() == before


def test_push_rows_leave_out_the_files_neo4j_holds_before_making_them(sample_store: Path) -> None:
    """A push first reads the digests Neo4j holds; the files whose digest matches are left out before their
    rows are made (a re-push of an unchanged archive reads digests, not the archive)."""
    from policygraph.graph.store_push import file_rows

    src = open_source(sample_store)
    try:
        every = list(file_rows(src))  # type: ignore[arg-type]
        held = {rows.file: str(rows.digest) for rows in every}
        assert len(every) == 5 and list(file_rows(src, skip=held)) == []  # type: ignore[arg-type]
        held[every[2].file] = "an older digest"
        assert [rows.file for rows in file_rows(src, skip=held)] == [every[2].file]  # type: ignore[arg-type]
    finally:
        src.close()

"""Shared fixtures.

Neo4j: the tests never use the analyst's Neo4j. ``NEO4J_URI``, ``NEO4J_USER``, ``NEO4J_PASSWORD`` and
``NEO4J_DATABASE`` are removed from the environment when the tests start (so no command a test runs can
reach a server they name). The session fixture ``neo4j_uri`` starts a Neo4j of the tests' own with
``scripts/neo4j-local``: state in ``.neo4j-test/<pid>/`` (git-ignored, deleted afterwards), on a free port
the launcher picks (never 7687, never a port in use), stopped at the end of the session. To use a
scratch server instead, set ``PG_TEST_NEO4J_URI`` (and ``PG_TEST_NEO4J_USER`` / ``PG_TEST_NEO4J_PASSWORD``
/ ``PG_TEST_NEO4J_DATABASE``): the tests wipe that database before every Neo4j test. Without Java the
Neo4j tests fail (they never skip).

``policy_graph()`` builds a small graph by hand following docs/schema.md: three files, nine documents
(two different ``08-NQ/TU``: Thành phố Hồ Chí Minh and Hải Phòng), five bodies, one project, evidence.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urlsplit

import networkx as nx
import pytest

ROOT = Path(__file__).resolve().parents[1]
NEO4J_LOCAL = ROOT / "scripts" / "neo4j-local"
TEST_STATE = ROOT / ".neo4j-test"
ANALYST_PORT = 7687

# ----------------------------------------------------------------------------------------------- Neo4j

_CONNECTION = ("URI", "USER", "PASSWORD", "DATABASE")
#: what the analyst's environment named before the tests removed it (the fixture refuses to use it)
ANALYST_URI = os.environ.get("NEO4J_URI")
for _name in _CONNECTION:
    os.environ.pop(f"NEO4J_{_name}", None)
for _name in _CONNECTION[1:]:  # a scratch server's login, for the tests that pass it on to the CLI
    if os.environ.get(f"PG_TEST_NEO4J_{_name}"):
        os.environ[f"NEO4J_{_name}"] = os.environ[f"PG_TEST_NEO4J_{_name}"]
for _name in ("DIR", "PORT"):  # scripts/neo4j-local is always told where, never left to its defaults
    os.environ.pop(f"NEO4J_LOCAL_{_name}", None)


def neo4j_local(
    command: str, state_dir: Path, port: int | None = None, timeout: float = 600, args: Sequence[str] = ()
) -> str:
    """Run ``scripts/neo4j-local COMMAND [ARGS]`` for the instance in ``state_dir``; its last stdout line.

    ``port`` None or 0: any free port the launcher picks (never 7687).
    """
    if shutil.which("java") is None or not NEO4J_LOCAL.exists():
        raise RuntimeError("scripts/neo4j-local needs Java 17+ and Maven")
    env = dict(os.environ, NEO4J_LOCAL_DIR=str(state_dir), NEO4J_LOCAL_PORT=str(port or 0))
    proc = subprocess.run(
        ["bash", str(NEO4J_LOCAL), command, *args], env=env, capture_output=True, text=True, timeout=timeout
    )
    if proc.returncode not in (0, 3):
        raise RuntimeError(f"neo4j-local {command} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    lines = proc.stdout.strip().splitlines()
    return lines[-1] if lines else ""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _reap(root: Path) -> None:
    """Stop and delete the instances of test sessions that died without cleaning up (kill -9)."""
    for state in root.glob("*"):
        if state.is_dir() and state.name.isdigit() and not _alive(int(state.name)):
            with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
                neo4j_local("stop", state, timeout=120)
            shutil.rmtree(state, ignore_errors=True)


class Server(NamedTuple):
    """A Neo4j the tests use: its URI, and its state folder when scripts/neo4j-local runs it (else None)."""

    uri: str
    state: Path | None


@contextlib.contextmanager
def own_neo4j(root: Path = TEST_STATE) -> Iterator[Server]:
    """A Neo4j for this test session only: its own state folder ``root/<pid>`` and a free port; stopped
    and deleted on exit. Never the analyst's instance (default ``.neo4j``, port 7687, ``$NEO4J_URI``)."""
    _reap(root)
    state = root / str(os.getpid())
    uri = neo4j_local("start", state)
    try:
        if urlsplit(uri).port == ANALYST_PORT or uri == ANALYST_URI:
            raise RuntimeError(f"the test Neo4j came up at {uri}, the analyst's address")
        yield Server(uri, state)
    finally:
        try:
            neo4j_local("stop", state)
        finally:
            shutil.rmtree(state, ignore_errors=True)


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of the sample corpus (examples/corpus), loaded through the CLI once; tests only read it."""
    from typer.testing import CliRunner

    from policygraph.cli import app

    p = tmp_path_factory.mktemp("sample") / "g.db"
    r = CliRunner().invoke(app, ["load", str(ROOT / "examples" / "corpus"), "--store", str(p)])
    assert r.exit_code == 0, r.output
    return p


@pytest.fixture(scope="session")
def neo4j_server() -> Iterator[Server]:
    """The scratch server of PG_TEST_NEO4J_URI, else the tests' own (started once per session)."""
    uri = os.environ.get("PG_TEST_NEO4J_URI")
    if uri:
        yield Server(uri, None)
        return
    try:
        with own_neo4j() as server:
            yield server
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        pytest.fail(f"could not start the tests' own Neo4j: {exc}", pytrace=False)


@pytest.fixture(scope="session")
def neo4j_uri(neo4j_server: Server) -> str:
    return neo4j_server.uri


@pytest.fixture(scope="session")
def neo4j_driver(neo4j_uri: str) -> Iterator[Any]:
    from policygraph.graph import neo4j_connect, neo4j_store

    driver = neo4j_connect.connect(
        neo4j_uri,
        user=os.environ.get("PG_TEST_NEO4J_USER") or None,
        password=os.environ.get("PG_TEST_NEO4J_PASSWORD") or None,
        database=os.environ.get("PG_TEST_NEO4J_DATABASE") or None,
    )
    neo4j_store.ensure_schema(driver)
    try:
        yield driver
    finally:
        driver.close()


@pytest.fixture
def neo4j_db(neo4j_driver: Any) -> Any:
    """The driver, on an empty database (everything deleted, schema kept)."""
    from policygraph.graph import neo4j_store

    neo4j_store.wipe(neo4j_driver)
    return neo4j_driver


# ----------------------------------------------------------------------------------- the hand-made graph

FILE_HCM = "tphcm_08-nq-tu.txt"
FILE_HP = "haiphong_08-nq-tu.txt"
FILE_PLAN = "tphcm_kh-150-ubnd.txt"

D31 = "doc:31-NQ/TW@2022-12-30"
D98 = "doc:98/2023/QH15"
D54 = "doc:54/2017/QH14"
D45 = "doc:45-NQ/TW@2019-01-24"
HCM08 = "doc:08-NQ/TU@Thành phố Hồ Chí Minh@2023-02-10"
HP08 = "doc:08-NQ/TU@Hải Phòng@2022-12-06"
PLAN150 = "doc:150/KH-UBND@Thành phố Hồ Chí Minh@2023-05-15"
REF14 = "ref:14-KL/TW"
REF_HP = "ref:haiphong_08-nq-tu.txt:chỉ thị"

BCT = "body:bộ chính trị"
TU_HCM = "body:thành ủy thành phố hồ chí minh"
BTG_HCM = "body:ban tuyên giáo thành ủy thành phố hồ chí minh"
TU_HP = "body:thành ủy hải phòng"
UBND_HCM = "body:ủy ban nhân dân thành phố hồ chí minh"
METRO = "project:tuyến metro số 2"

TEXTS = {
    FILE_HCM: (
        "NGHỊ QUYẾT số 08-NQ/TU của Thành ủy Thành phố Hồ Chí Minh. "
        "Thực hiện Nghị quyết số 31-NQ/TW ngày 30/12/2022 của Bộ Chính trị. "
        "Căn cứ Nghị quyết số 98/2023/QH15 của Quốc hội. "
        "Nghị quyết số 98/2023/QH15 thay thế Nghị quyết số 54/2017/QH14. "
        "Ban Tuyên giáo Thành ủy chủ trì. "
        "Đẩy nhanh tuyến metro số 2. "
        "Theo Kết luận số 14-KL/TW. "
        "Tổ chức triển khai Nghị quyết số 98/2023/QH15 hiệu quả."
    ),
    FILE_HP: (
        "NGHỊ QUYẾT số 08-NQ/TU của Thành ủy Hải Phòng. "
        "Thực hiện Nghị quyết số 45-NQ/TW ngày 24/01/2019 của Bộ Chính trị. "
        "Học tập kinh nghiệm Nghị quyết số 31-NQ/TW. "
        "Theo Chỉ thị của Ban Thường vụ."
    ),
    FILE_PLAN: (
        "KẾ HOẠCH số 150/KH-UBND của Ủy ban nhân dân Thành phố Hồ Chí Minh. "
        "Thực hiện Nghị quyết số 08-NQ/TU ngày 11/02/2023 của Thành ủy. "
        "Căn cứ Nghị quyết số 98/2023/QH15. "
        "Quán triệt Nghị quyết số 31-NQ/TW. "
        "Khởi công tuyến metro số 2."
    ),
}


def evidence(file: str, quote: str, nth: int = 0) -> dict[str, Any]:
    """Evidence for the ``nth`` occurrence of ``quote`` in the file's text (offsets into TEXTS[file])."""
    text = TEXTS[file]
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    end = start + len(quote)
    s0 = text.rfind(". ", 0, start)
    s0 = 0 if s0 < 0 else s0 + 2
    s1 = text.find(".", end)
    return {"file": file, "start": start, "end": end, "sentence": text[s0 : s1 + 1 if s1 >= 0 else len(text)]}


def doc_node(**attrs: Any) -> dict[str, Any]:
    node: dict[str, Any] = {
        "kind": "Document", "label": "Document", "symbol": None, "number": None, "type_code": None,
        "issuer_code": None, "date": None, "year": None, "issuer": None, "jurisdiction": None,
        "parent_jurisdiction": None, "level": None,
        "branch": None, "term": None, "title": None, "effective": None, "stated_status": None, "source_file": None,
        "source_path": None,
        "sources": [], "resolved": True,
        "missing": [], "conflicts": {},
    }  # fmt: skip
    node.update(attrs)
    return node


def _body(name: str, level: str, branch: str, jurisdiction: str | None, sources: list[str]) -> dict[str, Any]:
    return {
        "kind": "Body", "label": "Body", "name": name, "level": level, "branch": branch,
        "jurisdiction": jurisdiction, "sources": sources,
    }  # fmt: skip


def policy_graph() -> nx.MultiDiGraph:
    """The hand-made graph (a new object each call)."""
    G = nx.MultiDiGraph()
    G.add_node(D31, **doc_node(
        label="Resolution", symbol="31-NQ/TW", number="31", type_code="NQ", issuer_code="TW",
        date="2022-12-30", year=2022, issuer="Bộ Chính trị", level="central", branch="party", term="XIII",
        title="về phương hướng, nhiệm vụ phát triển Thành phố Hồ Chí Minh đến năm 2030",
        sources=[FILE_HP, FILE_HCM, FILE_PLAN],
    ))  # fmt: skip
    G.add_node(D98, **doc_node(
        label="Resolution", symbol="98/2023/QH15", number="98", type_code="NQ", issuer_code="QH15",
        date="2023-06-24", year=2023, issuer="Quốc hội", level="central", branch="state", term="15",
        title="về thí điểm một số cơ chế, chính sách đặc thù phát triển Thành phố Hồ Chí Minh",
        sources=[FILE_HCM, FILE_PLAN],
    ))  # fmt: skip
    G.add_node(D54, **doc_node(
        label="Resolution", symbol="54/2017/QH14", number="54", type_code="NQ", issuer_code="QH14",
        date="2017-11-24", year=2017, issuer="Quốc hội", level="central", branch="state", term="14",
        sources=[FILE_HCM],
    ))  # fmt: skip
    G.add_node(D45, **doc_node(
        label="Resolution", symbol="45-NQ/TW", number="45", type_code="NQ", issuer_code="TW",
        date="2019-01-24", year=2019, issuer="Bộ Chính trị", level="central", branch="party", term="XII",
        sources=[FILE_HP],
    ))  # fmt: skip
    G.add_node(HCM08, **doc_node(
        label="Resolution", symbol="08-NQ/TU", number="8", type_code="NQ", issuer_code="TU",
        date="2023-02-10", year=2023, issuer="Thành ủy Thành phố Hồ Chí Minh",
        jurisdiction="Thành phố Hồ Chí Minh", level="province", branch="party", source_file=FILE_HCM, source_path=FILE_HCM,
        sources=[FILE_HCM, FILE_PLAN],
        conflicts={"date": [{"value": "2023-02-10", "file": FILE_HCM}, {"value": "2023-02-11", "file": FILE_PLAN}]},
    ))  # fmt: skip
    G.add_node(HP08, **doc_node(
        label="Resolution", symbol="08-NQ/TU", number="8", type_code="NQ", issuer_code="TU",
        date="2022-12-06", year=2022, issuer="Thành ủy Hải Phòng", jurisdiction="Hải Phòng",
        level="province", branch="party", source_file=FILE_HP, source_path=FILE_HP, sources=[FILE_HP],
    ))  # fmt: skip
    G.add_node(PLAN150, **doc_node(
        label="Plan", symbol="150/KH-UBND", number="150", type_code="KH", issuer_code="UBND",
        date="2023-05-15", year=2023, issuer="Ủy ban nhân dân Thành phố Hồ Chí Minh",
        jurisdiction="Thành phố Hồ Chí Minh", level="province", branch="state", source_file=FILE_PLAN, source_path=FILE_PLAN,
        sources=[FILE_PLAN],
    ))  # fmt: skip
    G.add_node(REF14, **doc_node(
        label="Conclusion", symbol="14-KL/TW", number="14", type_code="KL", issuer_code="TW",
        resolved=False, missing=["date"], sources=[FILE_HCM],
    ))  # fmt: skip
    G.add_node(REF_HP, **doc_node(
        label="Directive", resolved=False, missing=["date", "symbol"], issuer="Ban Thường vụ",
        jurisdiction="Hải Phòng", sources=[FILE_HP],
    ))  # fmt: skip

    G.add_node(BCT, **_body("Bộ Chính trị", "central", "party", None, [FILE_HP, FILE_HCM]))
    G.add_node(TU_HCM, **_body("Thành ủy Thành phố Hồ Chí Minh", "province", "party",
                                "Thành phố Hồ Chí Minh", [FILE_HCM]))  # fmt: skip
    G.add_node(BTG_HCM, **_body("Ban Tuyên giáo Thành ủy Thành phố Hồ Chí Minh", "province", "party",
                                 "Thành phố Hồ Chí Minh", [FILE_HCM]))  # fmt: skip
    G.add_node(TU_HP, **_body("Thành ủy Hải Phòng", "province", "party", "Hải Phòng", [FILE_HP]))
    G.add_node(UBND_HCM, **_body("Ủy ban nhân dân Thành phố Hồ Chí Minh", "province", "state",
                                  "Thành phố Hồ Chí Minh", [FILE_PLAN]))  # fmt: skip
    G.add_node(METRO, kind="Project", label="Project", name="Tuyến metro số 2",
               aliases=["metro số 2", "tuyến metro Bến Thành - Tham Lương"], sources=[FILE_HCM, FILE_PLAN])  # fmt: skip

    def edge(u: str, v: str, rel: str, file: str, quote: str, nth: int = 0, kind: str | None = None) -> None:
        ev = evidence(file, quote, nth)
        key = f"PART_OF:{u}:{v}" if rel == "PART_OF" else f"{rel}:{file}:{ev['start']}"
        G.add_edge(u, v, key=key, type=rel, kind=kind, source_file=file, source_path=file, evidence=ev, origin="text")

    edge(HCM08, D31, "IMPLEMENTS", FILE_HCM, "Nghị quyết số 31-NQ/TW", kind="implements")
    edge(HCM08, D98, "IMPLEMENTS", FILE_HCM, "Nghị quyết số 98/2023/QH15", kind="based_on")
    edge(HCM08, D98, "CITES", FILE_HCM, "Nghị quyết số 98/2023/QH15", nth=2)
    edge(D98, D54, "SUPERSEDES", FILE_HCM, "Nghị quyết số 54/2017/QH14", kind="replaces")
    edge(HCM08, TU_HCM, "ISSUED_BY", FILE_HCM, "Thành ủy Thành phố Hồ Chí Minh")
    edge(D31, BCT, "ISSUED_BY", FILE_HCM, "Bộ Chính trị")
    edge(BTG_HCM, TU_HCM, "PART_OF", FILE_HCM, "Ban Tuyên giáo Thành ủy")
    edge(HCM08, METRO, "MENTIONS", FILE_HCM, "tuyến metro số 2")
    edge(HCM08, REF14, "CITES", FILE_HCM, "Kết luận số 14-KL/TW")

    edge(HP08, D45, "IMPLEMENTS", FILE_HP, "Nghị quyết số 45-NQ/TW", kind="implements")
    edge(HP08, D31, "CITES", FILE_HP, "Nghị quyết số 31-NQ/TW")
    edge(HP08, TU_HP, "ISSUED_BY", FILE_HP, "Thành ủy Hải Phòng")
    edge(D45, BCT, "ISSUED_BY", FILE_HP, "Bộ Chính trị")
    edge(HP08, REF_HP, "CITES", FILE_HP, "Chỉ thị của Ban Thường vụ")

    edge(PLAN150, HCM08, "IMPLEMENTS", FILE_PLAN, "Nghị quyết số 08-NQ/TU", kind="implements")
    edge(PLAN150, D98, "IMPLEMENTS", FILE_PLAN, "Nghị quyết số 98/2023/QH15", kind="based_on")
    edge(PLAN150, D31, "CITES", FILE_PLAN, "Nghị quyết số 31-NQ/TW")
    edge(PLAN150, UBND_HCM, "ISSUED_BY", FILE_PLAN, "Ủy ban nhân dân Thành phố Hồ Chí Minh")
    edge(PLAN150, METRO, "MENTIONS", FILE_PLAN, "tuyến metro số 2")
    return G


def without_file(G: nx.MultiDiGraph, file: str) -> nx.MultiDiGraph:
    """What the graph says once ``file`` is retracted (what the store must hold after remove_file)."""
    H = G.copy()
    H.remove_edges_from([(u, v, k) for u, v, k, d in G.edges(keys=True, data=True) if d["source_file"] == file])
    for node, attrs in list(H.nodes(data=True)):
        attrs["sources"] = [s for s in attrs["sources"] if s != file]
        if not attrs["sources"] and H.degree(node) == 0:
            H.remove_node(node)
    return H


@pytest.fixture
def graph() -> nx.MultiDiGraph:
    return policy_graph()


def save_graph(path: Path, G: nx.MultiDiGraph) -> Path:
    """Write `G` as a node-link JSON graph (an export): the query commands read it with --store PATH."""
    from policygraph.ontology.export import export_text

    path.write_text(export_text(G, "json"), encoding="utf-8")
    return path


#: the environment a CLI test runs the commands in: wide output, no analyst's store or Neo4j
CLI_ENV = {
    "COLUMNS": "250",
    "POLICYGRAPH_STORE": None,
    "NEO4J_URI": None,
    "NEO4J_USER": None,
    "NEO4J_PASSWORD": None,
    "NEO4J_DATABASE": None,
}


def relation_tuples(text: str) -> set[tuple[str, str, str | None, str]]:
    """The document relations a text states, as (source, type, kind, target) with documents named by their
    symbol (else title) and the text itself as SRC."""
    from policygraph.loaders.extract import extract_text
    from policygraph.loaders.models import Text

    x = extract_text(Text(path="t.txt", text=text))

    def name(key: str) -> str:
        return "SRC" if key == x.source else (x.docs[key].symbol or x.docs[key].title or key)

    return {
        (name(r.source), r.type, r.kind, name(r.target))
        for r in x.relations
        if r.type in ("CITES", "IMPLEMENTS", "SUPERSEDES")
    }

"""`policygraph view` pages in a real browser: headless Chromium through Selenium, pages opened from file://.

Needs Debian's ``chromium`` and ``chromium-driver`` (.ci/run installs them) and the `selenium` package.
On CI (``CI`` set) a missing browser FAILS these tests, never skips them; elsewhere they are skipped.
Each test saves a screenshot under its pytest temporary folder and prints the path.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import headless
import networkx as nx
import pytest
from typer.testing import CliRunner

from policygraph.cli import app
from policygraph.graph import queries as q
from policygraph.graph.store import read_graph
from policygraph.visualisations.html import page_data, render_html
from policygraph.visualisations.scope import whole_view

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def _unavailable() -> str | None:
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "the selenium package is not installed (pip install -e '.[dev]')"
    if headless.chromium_paths() is None:
        return "chromium and chromedriver are not installed (apt-get install chromium chromium-driver)"
    return None


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    why = _unavailable()
    if why:
        if os.environ.get("CI"):
            pytest.fail(f"browser tests need Chromium on CI: {why}", pytrace=False)
        pytest.skip(why)
    with headless.chromium(1400, 860) as driver:
        yield driver


def write_view(store: Path, out: Path, *args: str) -> dict[str, Any]:
    r = runner.invoke(
        app, ["view", *args, "-o", str(out), "--store", str(store)], env={"POLICYGRAPH_STORE": None, "NEO4J_URI": None}
    )
    assert r.exit_code == 0, r.output
    return page_data(out.read_text(encoding="utf-8"))


def opened(driver: Any, page: Path) -> None:
    """Open the page, wait until drawn, and check it logged no error and fetched nothing."""
    driver.get_log("browser")  # drop what earlier pages logged
    headless.open_page(driver, page, timeout=60)
    assert headless.console_errors(driver) == []
    assert headless.resources(driver) == []


def attr(driver: Any, name: str) -> str:
    return str(driver.execute_script(f"return document.documentElement.dataset.{name}"))


def shot(driver: Any, tmp_path: Path, name: str) -> None:
    png = tmp_path / f"{name}.png"
    driver.save_screenshot(str(png))
    assert png.stat().st_size > 10_000
    print(f"screenshot: {png}")


def details_text(driver: Any) -> str:
    return str(driver.find_element("id", "pg-details").text)


def click_edge(driver: Any, j: int) -> None:
    """Click the middle of edge j as drawn on the canvas."""
    from selenium.webdriver.common.action_chains import ActionChains

    x, y = driver.execute_script(f"const p = PG.network.canvasToDOM(PG.edgeMid({j})); return [p.x, p.y];")
    canvas = driver.find_element("css selector", "#pg-canvas canvas")
    size = canvas.size
    ActionChains(driver).move_to_element_with_offset(
        canvas, int(x - size["width"] / 2), int(y - size["height"] / 2)
    ).click().perform()


def test_focus_view_of_31_in_chromium(browser: Any, sample_store: Path, tmp_path: Path) -> None:
    page = tmp_path / "nq31.html"
    data = write_view(sample_store, page, "31-NQ/TW")
    opened(browser, page)
    assert attr(browser, "pgNodes") == str(len(data["nodes"])) == "3"
    assert attr(browser, "pgEdges") == str(len(data["edges"])) == "3"
    shot(browser, tmp_path, "nq31")

    # search selects and centres the document
    box = browser.find_element("id", "pg-search")
    box.send_keys("31-NQ/TW\n")
    time.sleep(0.5)
    assert browser.execute_script("return PG.network.getSelectedNodes()") == [data["focus"]]
    assert details_text(browser).startswith("31-NQ/TW")
    assert "Bộ Chính trị" in details_text(browser)  # the issuing body, as an attribute
    centre = browser.execute_script("return PG.network.getViewPosition()")
    focus = data["nodes"][data["focus"]]
    assert abs(centre["x"] - focus["x"]) < 1 and abs(centre["y"] - focus["y"]) < 1

    # clicking an edge shows the sentence that states it
    j = next(
        i
        for i, e in enumerate(data["edges"])
        if e["type"] == "IMPLEMENTS" and data["nodes"][e["from"]]["name"] == "1330-CV/BTGTU"
    )
    browser.execute_script("PG.network.fit()")
    time.sleep(0.3)
    click_edge(browser, j)
    time.sleep(0.3)
    evidence = browser.find_element("css selector", "#pg-details .pg-evidence").text
    assert evidence == "“" + data["sentences"][data["edges"][j]["s"]] + "”"
    assert "31-NQ/TW" in evidence and data["files"][data["edges"][j]["file"]] in details_text(browser)

    # a relation-type filter hides the CITES edge
    browser.find_element("css selector", 'input[name="pg-type"][value="CITES"]').click()
    time.sleep(0.2)
    cites = [i for i, e in enumerate(data["edges"]) if e["type"] == "CITES"]
    assert cites and attr(browser, "pgEdges") == str(len(data["edges"]) - len(cites))
    assert all(browser.execute_script(f"return PG.hiddenEdges[{i}] === 1") for i in cites)
    shot(browser, tmp_path, "nq31-filtered")


def test_whole_graph_in_chromium(browser: Any, sample_store: Path, tmp_path: Path) -> None:
    page = tmp_path / "all.html"
    data = write_view(sample_store, page)
    G = read_graph(sample_store)
    docs = [n for n, d in G.nodes(data=True) if d["kind"] == "Document"]
    opened(browser, page)
    assert attr(browser, "pgNodes") == str(len(docs))
    assert attr(browser, "pgEdges") == str(sum(1 for *_, d in G.edges(data=True) if d["type"] in q.DOC_RELATIONS))
    shot(browser, tmp_path, "whole")

    # title words find a document with no symbol, by the name a person reads
    box = browser.find_element("id", "pg-search")
    box.send_keys("ban tuyen giao 2024\n")
    time.sleep(0.4)
    name = details_text(browser).splitlines()[0]
    assert name.startswith("Kết quả Hội nghị lần thứ 31")  # its title, read from its header

    # a document-type filter hides those documents and their relations
    resolutions = [i for i, n in enumerate(data["nodes"]) if n["label"] == "Resolution" and i != data["focus"]]
    browser.find_element("css selector", 'input[name="pg-label"][value="Resolution"]').click()
    time.sleep(0.3)
    assert int(attr(browser, "pgNodes")) == len(docs) - len(resolutions)
    assert int(attr(browser, "pgEdges")) < len(data["edges"])
    browser.find_element("id", "pg-reset").click()
    time.sleep(0.3)
    assert attr(browser, "pgNodes") == str(len(docs))


def test_document_text_shows_as_text(browser: Any, tmp_path: Path) -> None:
    G = nx.MultiDiGraph()
    evil = "<script>window.pgPwned = 1</script><b id=pg-bold>bold</b>"
    G.add_node("doc:x", kind="Document", label="Resolution", symbol="7-NQ/TW", title=evil, date="2020-01-01")
    G.add_node("doc:y", kind="Document", label="Plan", symbol="8-KH/TU", jurisdiction="Hải Phòng")
    G.add_edge(
        "doc:y",
        "doc:x",
        type="IMPLEMENTS",
        kind="implements",
        evidence={"file": "a.txt", "start": 0, "end": 7, "sentence": "Thực hiện 7-NQ/TW " + evil},
    )
    page = render_html(whole_view(G), tmp_path / "evil.html")
    opened(browser, page)
    browser.execute_script("PG.select(PG.data.nodes.findIndex(n => n.id === 'doc:x'))")
    time.sleep(0.3)
    assert evil in details_text(browser)
    assert browser.execute_script("return window.pgPwned === undefined && !document.getElementById('pg-bold')")
    shot(browser, tmp_path, "escaped")


# the page folds what is typed in its search box by the rule the store folds names by (normalise.fold_key),
# written again in JavaScript because the page runs offline: these strings must fold alike in both
FOLDS = [
    "Thành phố  Hồ Chí Minh",
    "ÐỒNG NAI",
    "Hoà Bình",
    "Nghị quyết số 31–NQ/TW",
    "Thủ tướng Chính phủ",
    "  Ủy ban nhân dân tỉnh Bắc Ninh ",
    "Ban Chấp hành Đảng bộ",
]


def test_the_page_folds_search_text_as_python_does(browser: Any, sample_store: Path, tmp_path: Path) -> None:
    from policygraph.loaders.normalise import fold_key

    page = tmp_path / "fold.html"
    write_view(sample_store, page, "31-NQ/TW")
    opened(browser, page)
    folded = browser.execute_script("return arguments[0].map(s => PG.fold(s))", FOLDS)
    assert folded == [fold_key(s) for s in FOLDS]

"""`coverage REF --timeline/--missing/--as-of/--plot` (graph.timeline, loaders.provinces, cli.cmd_timeline),
on small texts of our own (tests/data/timeline) loaded through the real loader:

- 00 Resolution 57-NQ/TW of 22/12/2024;
- 01 + 02 two documents of Đồng Nai (the programme of 10/02/2025 and a plan of 15/04/2025: the earlier wins);
- 03 a Hà Tĩnh plan of 20/03/2025 citing the Provincial Party Committee's programme 22-CTr/TU "ngày
  05/02/2025 ... thực hiện Nghị quyết số 57-NQ/TW" (a programme known only by citation);
- 04 Bắc Giang (03/03/2025) and 05 Bắc Ninh (18/08/2025): one province since 1 July 2025;
- 09 Tiền Giang (20/01/2025), merged into Đồng Tháp, and 06 a commune of Đồng Tháp (25/08/2025);
- 08 the district party committee of Nam Đàn (Nghệ An), 15/01/2025; 07 a Cà Mau draft without a date;
- 10 Hải Phòng's programme 30-CTr/TU (20/02/2025) and 11 a plan (12/03/2025) citing only the programme: it
  carries 57-NQ/TW out through a chain of two.

The answers are checked against the dates the texts themselves write (parsed here), not typed again.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import statistics
from pathlib import Path
from typing import Any

import pytest
from conftest import CLI_ENV, ROOT
from typer.testing import CliRunner

import policygraph.cli  # noqa: F401  (registers the commands)
from policygraph.cli.app import app
from policygraph.loaders import gazetteer, provinces

DATA = ROOT / "tests" / "data" / "timeline"
REF = "57-NQ/TW"
BEFORE, AFTER = "2025-06-30", "2025-07-01"  # the last day of the 63, the first of the 34
ENV = CLI_ENV
runner = CliRunner()


def written_date(file: str, text: str | None = None) -> dt.date:
    """The date a fixture writes as "ngày D tháng M năm Y" in its header (or `text`, "ngày DD/MM/YYYY")."""
    import re

    body = (DATA / file).read_text(encoding="utf-8")
    if text is None:
        m = re.search(r"ngày (\d+) tháng (\d+) năm (\d{4})", body)
        assert m, file
        return dt.date(int(m[3]), int(m[2]), int(m[1]))
    m = re.search(re.escape(text) + r"\s+ngày (\d+)/(\d+)/(\d{4})", body)
    assert m, (file, text)
    return dt.date(int(m[3]), int(m[2]), int(m[1]))


ROOT_DAY = written_date("00_nq57_tw.txt")


def run(store: Path | str | None, *args: str) -> Any:
    argv = [*args, "--store", str(store)] if store else list(args)
    return runner.invoke(app, argv, env=ENV)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    p = tmp_path_factory.mktemp("timeline") / "g.db"
    r = run(p, "load", str(DATA))
    assert r.exit_code == 0, r.output
    return p


def answer(store: Path, *args: str) -> dict[str, Any]:
    r = run(store, "coverage", REF, "--timeline", "--json", *args)
    assert r.exit_code == 0, r.output
    d: dict[str, Any] = json.loads(r.stdout)
    return d


def by_province(d: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["province"]: r for r in d["timeline"]}


# --------------------------------------------------------------------------------------- the provinces


def test_the_lists_are_63_then_34_and_agree_with_the_gazetteer() -> None:
    old, new = provinces.units_on(BEFORE), provinces.units_on(AFTER)
    assert len(old) == len(set(old)) == 63 and len(new) == len(set(new)) == 34
    assert set(old) == {p.name for p in gazetteer.places("province")}
    after = provinces.list_on(AFTER)
    parts = [p for u in new for p in after.merged_from[u]]
    assert sorted(parts) == sorted(old)  # every former unit in exactly one of today's
    assert all(u in after.merged_from[u] for u in new)  # each of today's keeps the name of one of its parts
    for p in old:
        assert provinces.province_on(p, AFTER) == gazetteer.successor_2025(p), p
        assert provinces.province_on(p, BEFORE) == p
    merged = [u for u in new if len(after.merged_from[u]) > 1]
    assert (len(new) - len(merged), len(merged)) == (11, 23)
    assert sum(1 for u in new if len(after.merged_from[u]) == 3) == 6
    assert {s["act"] for s in provinces.sources()} >= {"Nghị quyết số 202/2025/QH15"}


def test_places_roll_up_to_the_province_of_the_day() -> None:
    assert provinces.province_on("Bắc Giang", BEFORE) == "Bắc Giang"
    assert provinces.province_on("Bắc Giang", AFTER) == "Bắc Ninh"
    assert provinces.province_on("Tiền Giang", AFTER) == "Đồng Tháp"
    hcm = gazetteer.HCM
    for old in ("Bình Dương", "Bà Rịa - Vũng Tàu", "Thủ Dầu Một", "Vũng Tàu"):
        assert provinces.province_on(old, AFTER) == hcm, old
    assert provinces.province_on("Vũng Tàu", BEFORE) == "Bà Rịa - Vũng Tàu"  # a city to its province
    assert provinces.province_on("Thừa Thiên Huế", "2024-06-01") == "Huế"
    # a district the gazetteer does not list: the province its header names
    assert provinces.province_on("Nam Đàn", BEFORE, parent="Nghệ An") == "Nghệ An"
    assert provinces.province_on("Nam Đàn", BEFORE) is None


# ------------------------------------------------------------------------------------------ the answers


def test_a_direct_plan_and_its_days(store: Path) -> None:
    rows = by_province(answer(store, "--as-of", BEFORE))
    bg = rows["Bắc Giang"]
    day = written_date("04_bacgiang_kh_2025.txt")
    assert (bg["first_date"], bg["days"]) == (day.isoformat(), (day - ROOT_DAY).days)
    assert bg["chain"][-1].startswith("doc:57-NQ/TW") and bg["distance"] == 1
    assert bg["evidence"]["file"] == "04_bacgiang_kh_2025.txt" and REF in bg["evidence"]["sentence"]


def test_a_programme_known_only_by_citation_counts_with_the_date_beside_its_citation(store: Path) -> None:
    rows = by_province(answer(store, "--as-of", BEFORE))
    ht = rows["Hà Tĩnh"]
    cited = written_date("03_hatinh_kh_chain.txt", "Chương trình hành động số 22-CTr/TU")
    plan = written_date("03_hatinh_kh_chain.txt")
    assert cited < plan
    assert "22-CTr/TU" in ht["document"] and ht["first_date"] == cited.isoformat()
    assert ht["days"] == (cited - ROOT_DAY).days and ht["documents"] == 2
    assert ht["evidence"]["file"] == "03_hatinh_kh_chain.txt"


def test_of_two_documents_of_one_province_the_earlier_wins(store: Path) -> None:
    dn = by_province(answer(store, "--as-of", BEFORE))["Đồng Nai"]
    first, later = written_date("01_dongnai_ctr.txt"), written_date("02_dongnai_kh_late.txt")
    assert first < later
    assert "15-CTr/TU" in dn["document"] and dn["first_date"] == first.isoformat() and dn["documents"] == 2


def test_a_merged_province_before_and_after_the_reform(store: Path) -> None:
    old, new = answer(store, "--as-of", BEFORE), answer(store, "--as-of", AFTER)
    assert (old["list"]["units"], new["list"]["units"]) == (63, 34)
    o, n = by_province(old), by_province(new)
    assert "Bắc Giang" in o and "Bắc Ninh" in o and "Bắc Giang" not in n
    assert n["Bắc Ninh"]["document"] == o["Bắc Giang"]["document"]  # the earlier of the two, now one province
    assert n["Bắc Ninh"]["documents"] == o["Bắc Giang"]["documents"] + o["Bắc Ninh"]["documents"]
    assert n["Đồng Tháp"]["document"] == o["Tiền Giang"]["document"]
    assert "Bắc Giang" not in new["missing"] and "Bắc Giang" not in old["missing"]
    assert set(n) <= set(provinces.units_on(AFTER)) and set(o) <= set(provinces.units_on(BEFORE))


def test_a_commune_and_a_district_roll_up_to_their_province(store: Path) -> None:
    o = by_province(answer(store, "--as-of", BEFORE))
    assert "12/KH-UBND" in o["Đồng Tháp"]["document"]  # xã Tân Phú, tỉnh Đồng Tháp
    na = o["Nghệ An"]
    assert "25-NQ/HU" in na["document"] and na["jurisdiction"] == "Nam Đàn"
    assert na["days"] == (written_date("08_namdan_district_nq.txt") - ROOT_DAY).days


def test_a_document_without_a_date_is_listed_apart_and_never_first(store: Path) -> None:
    d = answer(store, "--as-of", BEFORE)
    assert [r["province"] for r in d["no_date"]] == ["Cà Mau"]
    assert d["no_date"][0]["first_date"] is None and "Cà Mau" not in by_province(d)
    assert "Cà Mau" not in d["missing"]  # it has a document, only not a dated one


def test_provinces_with_none_and_the_quartiles(store: Path) -> None:
    d = answer(store, "--as-of", BEFORE)
    have = {r["province"] for r in d["timeline"] + d["no_date"]}
    assert d["missing"] == [u for u in provinces.units_on(BEFORE) if u not in have]
    assert "Hà Nội" in d["missing"] and len(d["missing"]) == 63 - len(have)
    days = [r["days"] for r in d["timeline"]]
    assert days == sorted(days)
    s = d["stats"]
    assert s["median"] == statistics.median(days) and s["min"] == days[0] and s["max"] == days[-1]
    assert s["q1"] <= s["median"] <= s["q3"]


def test_missing_alone_and_today_by_default(store: Path) -> None:
    r = run(store, "coverage", REF, "--missing", "--json")
    assert r.exit_code == 0, r.output
    d = json.loads(r.stdout)
    assert d["as_of"] == dt.date.today().isoformat() and "timeline" not in d
    assert len(d["missing"]) == 34 - len(by_province(answer(store)) | {"Cà Mau": {}})
    text = run(store, "coverage", REF, "--missing", "--as-of", "1/7/2025")
    assert text.exit_code == 0 and "missing (" in text.stdout and "of 34)" in text.stdout


def test_since_until_jurisdiction_and_via_cites(store: Path) -> None:
    late = by_province(answer(store, "--as-of", BEFORE, "--since", "2025-02-08"))
    assert "88/KH-UBND" in late["Hà Tĩnh"]["document"] and "Nghệ An" not in late
    early = answer(store, "--as-of", BEFORE, "--until", "2025-02-28")
    assert all(r["first_date"] <= "2025-02-28" for r in early["timeline"]) and "Bắc Giang" in early["missing"]
    one = answer(store, "--as-of", BEFORE, "--jurisdiction", "Đồng Nai")
    assert [r["province"] for r in one["timeline"]] == ["Đồng Nai"] and one["missing"] == []
    cites = answer(store, "--as-of", BEFORE, "--via-cites")
    assert set(by_province(cites)) >= set(by_province(answer(store, "--as-of", BEFORE)))


def test_a_plan_through_its_programme_is_first_when_the_programme_is_out_of_the_dates_asked(store: Path) -> None:
    every = by_province(answer(store, "--as-of", BEFORE))["Hải Phòng"]
    assert "30-CTr/TU" in every["document"] and every["documents"] == 2
    late = by_province(answer(store, "--as-of", BEFORE, "--since", "2025-03-01"))["Hải Phòng"]
    assert "77/KH-UBND" in late["document"] and late["distance"] == 2
    assert late["chain_names"] == ["77/KH-UBND", "30-CTr/TU", REF]
    assert late["days"] == (written_date("11_haiphong_kh_via_ctr.txt") - ROOT_DAY).days
    assert late["evidence"]["file"] == "11_haiphong_kh_via_ctr.txt" and "30-CTr/TU" in late["evidence"]["sentence"]


def test_text_shows_limit_provinces_with_their_evidence(store: Path) -> None:
    d = answer(store, "--as-of", BEFORE)
    r = run(store, "coverage", REF, "--timeline", "--as-of", BEFORE, "--limit", "2")
    assert r.exit_code == 0, r.output
    assert f"(2 of {len(d['timeline'])}, by days)" in r.stdout and "median" in r.stdout and "quartiles" in r.stdout
    assert d["timeline"][0]["name"] in r.stdout and d["timeline"][2]["name"] not in r.stdout
    assert d["timeline"][0]["evidence"]["file"] in r.stdout  # the evidence, read in full for the rows shown
    assert "no date" in r.stdout and f"missing ({len(d['missing'])} of 63)" in r.stdout


def test_report_csv_and_xlsx(store: Path, tmp_path: Path) -> None:
    r = run(store, "coverage", REF, "--timeline", "--as-of", BEFORE, "--report", "-")
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.stdout_bytes.decode("utf-8-sig"))))
    status, d = [row["status"] for row in rows], answer(store, "--as-of", BEFORE)
    n = len(d["timeline"])
    assert status[:n] == ["first"] * n and status.count("no date") == 1 and status.count("missing") == len(d["missing"])
    assert [row["province"] for row in rows[:n]] == [x["province"] for x in d["timeline"]]
    assert rows[0]["rank"] == "1" and rows[0]["sentence"]
    x = tmp_path / "t.xlsx"
    r = run(store, "coverage", REF, "--timeline", "--as-of", BEFORE, "--report", str(x))
    assert r.exit_code == 0, r.output
    assert x.read_bytes()[:2] == b"PK"


@pytest.mark.parametrize("suffix", [".svg", ".png"])
def test_plot(store: Path, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"t{suffix}"
    r = run(store, "coverage", REF, "--timeline", "--as-of", BEFORE, "--plot", str(out))
    assert r.exit_code == 0, r.output
    data = out.read_bytes()
    if suffix == ".svg":
        svg = data.decode("utf-8")
        assert all(p in svg for p in ("Đồng Nai", "Hà Tĩnh", "Hà Nội"))  # bars, and a missing one
    else:
        assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 5000


def test_bad_options_get_one_line(store: Path, tmp_path: Path) -> None:
    r = run(store, "coverage", REF, "--timeline", "--as-of", "2025-13-01")
    assert r.exit_code == 2 and "--as-of" in r.output
    r = run(store, "coverage", REF, "--timeline", "--plot", str(tmp_path / "t.gif"))
    assert r.exit_code == 2 and ".svg or .png" in r.output
    r = run(store, "coverage", REF, "--timeline", "--plot", str(tmp_path / "no" / "such" / "t.svg"))
    assert r.exit_code == 1 and "t.svg" in r.output and "Traceback" not in r.output


# --------------------------------------------------------------------------------------------------- Neo4j


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory, neo4j_driver: Any, neo4j_uri: str) -> tuple[Path, str]:
    from policygraph.graph import neo4j_store

    neo4j_store.wipe(neo4j_driver)
    s = tmp_path_factory.mktemp("timeline-neo4j") / "g.db"
    r = run(s, "load", str(DATA), "--neo4j", neo4j_uri)
    assert r.exit_code == 0, r.output
    assert f"pushed 12 files to Neo4j at {neo4j_uri}\n" in r.output  # the load says where it pushed
    return s, neo4j_uri


@pytest.mark.neo4j
def test_neo4j_answers_like_the_store_and_the_cookbook_query_agrees(both: tuple[Path, str], neo4j_driver: Any) -> None:
    from policygraph.cli.cmd_neo4j import read_query_file
    from policygraph.graph import neo4j_connect

    s, uri = both
    for args in (["--as-of", BEFORE], ["--as-of", AFTER, "--since", "2025-02-01"], ["--missing"]):
        a = run(s, "coverage", REF, "--timeline", "--json", *args)
        b = runner.invoke(app, ["coverage", REF, "--timeline", "--json", *args, "--neo4j", uri], env=ENV)
        assert a.exit_code == 0 and b.exit_code == 0, (a.output, b.output)
        assert json.loads(a.stdout) == json.loads(b.stdout)
    t = answer(s, "--as-of", BEFORE)
    text = read_query_file(ROOT / "queries" / "first_implementers.cypher")[1]
    rows = neo4j_connect.run_cypher(neo4j_driver, text, {"symbol": REF, "depth": 6})
    got = [(r["place"], r["id"], r["date"], r["days"]) for r in rows]
    assert got == [(r["province"], r["document"], r["first_date"], r["days"]) for r in t["timeline"]]


# ------------------------------------------------------------------------------------------- HTML view


def test_the_view_of_the_focus_carries_the_same_timeline(store: Path, tmp_path: Path) -> None:
    from policygraph.visualisations.html import page_data

    page = tmp_path / "v.html"
    r = run(store, "view", REF, "--down", "--timeline", "--as-of", AFTER, "-o", str(page))
    assert r.exit_code == 0, r.output
    panel = page_data(page.read_text(encoding="utf-8"))["timeline"]
    d = answer(store, "--as-of", AFTER)
    assert [(x["province"], x["days"], x["date"]) for x in panel["rows"]] == [
        (x["province"], x["days"], x["first_date"]) for x in d["timeline"]
    ]
    assert panel["missing"] == d["missing"] and panel["units"] == 34
    r = run(store, "view", REF, "--down", "-o", str(tmp_path / "plain.html"))
    assert r.exit_code == 0 and page_data((tmp_path / "plain.html").read_text(encoding="utf-8"))["timeline"] is None


def test_the_timeline_panel_in_chromium(store: Path, tmp_path: Path) -> None:
    import time

    import headless

    from policygraph.visualisations.html import page_data

    if headless.chromium_paths() is None:
        if os.environ.get("CI"):
            pytest.fail("the view test needs Chromium and chromedriver on CI", pytrace=False)
        pytest.skip("chromium and chromedriver are not installed")
    page = tmp_path / "v.html"
    assert run(store, "view", REF, "--down", "--timeline", "--as-of", BEFORE, "-o", str(page)).exit_code == 0
    data = page_data(page.read_text(encoding="utf-8"))
    with headless.chromium(1400, 900) as driver:
        headless.open_page(driver, page)
        body = driver.find_element("id", "pg-timeline-body")
        assert driver.find_element("id", "pg-timeline").is_displayed()
        rows = data["timeline"]["rows"]
        assert all(f"{r['province']}: {r['days']} days" in body.text for r in rows)
        assert f"None yet ({len(data['timeline']['missing'])})" in body.text and headless.console_errors(driver) == []
        first = next(r for r in rows if r["node"] is not None)
        link = next(b for b in body.find_elements("css selector", "button.pg-link") if b.text == first["name"])
        driver.execute_script("arguments[0].click()", link)  # the panel scrolls under the sticky search box
        time.sleep(0.3)
        assert driver.execute_script("return PG.network.getSelectedNodes()") == [first["node"]]

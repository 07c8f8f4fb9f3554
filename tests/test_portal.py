"""Saved legal-portal pages (loaders.portal, portal_html, portal_text): the page kind, the document's own
content, the attribute table as metadata, the curated related lists as relations with ``origin="portal"``, and
``origin`` through every layer (graph, store, exports, stats, show/lineage).

Real pages: the two vbpl.vn pages of the shared corpus (a "toàn văn" and a "thuộc tính" page). The "lược đồ",
"VB liên quan", thuvienphapluat.vn and luatvietnam.vn pages are small fixtures in tests/data/portal written
after those pages' structure (vbpl.vn: div.box-tab-vb with its selected tab, div.vbLuocDo / div.luocdo /
a.jTips, div.vbLienQuan / td.label / ul.listVB; thuvienphapluat.vn: div#divThuocTinh, div.content1, the
"Lược đồ" tab; luatvietnam.vn: div.the-document-entry, div.the-document-body, div.the-document-related).
"""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
from contextlib import closing
from pathlib import Path

import networkx as nx
import pytest
from typer.testing import CliRunner

from policygraph.cli import app
from policygraph.graph import queries as q
from policygraph.graph.build import build_graph
from policygraph.graph.neo4j_csv import csv_tables
from policygraph.graph.store import read_graph
from policygraph.loaders import portal, readers
from policygraph.loaders.extract import extract_file, extract_text
from policygraph.loaders.models import Extraction, LoadError, Text
from policygraph.ontology import vocab
from policygraph.ontology.export import from_json, to_json
from policygraph.ontology.rdf import from_rdf, read_rdf, to_turtle

DATA = Path(__file__).parent / "data" / "portal"
#: the real saved pages: $PG_FORMATS_DIR/html, else the shared corpus next to the checkout (../shared/corpus)
REAL = (
    Path(os.environ.get("PG_FORMATS_DIR") or Path(__file__).resolve().parents[2] / "shared" / "corpus" / "formats")
    / "html"
)
TOANVAN = REAL / "vbpl_toanvan_BLHS_100-2015-QH13.html"
THUOCTINH = REAL / "vbpl_thuoctinh_HienPhap2013.html"
LUOCDO = DATA / "vbpl_luocdo_BLHS.html"
LIENQUAN = DATA / "vbpl_lienquan_Luat12-2017.html"
TVPL = DATA / "thuvienphapluat_Luat12-2017.html"
LVN = DATA / "luatvietnam_ND19-2018.html"

#: outside CI a checkout without the shared corpus skips these; on CI (CI set) they fail without it
needs_real = pytest.mark.skipif(
    not TOANVAN.exists() and not os.environ.get("CI"),
    reason="the shared corpus of real files is not here (set PG_FORMATS_DIR)",
)


def _rels(x: Extraction, origin: str | None = None) -> set[tuple[str, str | None, str, str]]:
    """(type, kind, source, target) of a file's document relations (of one origin when given)."""
    return {
        (r.type, r.kind, r.source, r.target)
        for r in x.relations
        if r.type in q.DOC_RELATIONS and (origin is None or r.origin == origin)
    }


# --------------------------------------------------------------------------------------------- page kinds


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        (LUOCDO, "vbpl_luocdo"),
        (LIENQUAN, "vbpl_lienquan"),
        (TVPL, "thuvienphapluat"),
        (LVN, "luatvietnam"),
    ],
)
def test_each_page_kind_is_recognised(path: Path, kind: str) -> None:
    assert readers.read(path).portal == kind


@needs_real
def test_the_real_vbpl_pages_are_recognised() -> None:
    assert readers.read(TOANVAN).portal == "vbpl_toanvan"
    assert readers.read(THUOCTINH).portal == "vbpl_thuoctinh"


def test_an_ordinary_html_file_is_no_portal_page(tmp_path: Path) -> None:
    p = tmp_path / "a.html"
    p.write_text(
        "<html><body><nav>Trang chủ</nav><p>Căn cứ Luật Công đoàn số 12/2012/QH13;</p>"
        "<div><h3>Văn bản liên quan</h3><ul><li><a href='#'>Luật 99/2015/QH13</a></li></ul></div>"
        "</body></html>",
        encoding="utf-8",
    )
    t = readers.read(p)
    assert t.portal is None and t.fields is None and t.portal_relations == []
    assert "12/2012/QH13" in t.text and "99/2015/QH13" in t.text  # its whole visible text, as before


# ------------------------------------------------------------------------------------------------ content


@needs_real
def test_toanvan_keeps_the_document_and_drops_the_portal() -> None:
    t = readers.read(TOANVAN)
    assert t.text.startswith("QUỐC HỘI\nSố: 100/2015/QH13\n")  # the header tables laid out as lines
    assert "Điều 426" in t.text and "Nguyễn Sinh Hùng" in t.text
    for chrome in (
        "Trang chủ",
        "Sơ đồ cổng thông tin",
        "Gửi phản hồi",
        "CƠ SỞ DỮ LIỆU VĂN BẢN PHÁP LUẬT TRUNG ƯƠNG",
        "Tải file đính kèm",
        "Năm ban hành",
        "Hiệu lực: Hết hiệu lực một phần",
    ):
        assert chrome not in t.text, chrome
    assert t.fields == {
        "tình trạng hiệu lực": "Hết hiệu lực một phần",
        "ngày có hiệu lực": "01/01/2018",
        "loại văn bản": "Bộ luật",
        "số hiệu": "100/2015/QH13",
    }


@pytest.mark.parametrize("path", [TVPL, LVN])
def test_other_portals_keep_only_the_text(path: Path) -> None:
    t = readers.read(path)
    assert "Điều 1" in t.text
    for chrome in ("Đăng nhập", "Quảng cáo", "Văn bản liên quan", "Nghị định 100/2019", "Bản quyền", "Chủ quản"):
        assert chrome not in t.text, chrome


# ------------------------------------------------------------------------------------------------- fields


@needs_real
def test_thuoctinh_fields_are_the_documents_metadata() -> None:
    t = readers.read(THUOCTINH)
    assert t.fields is not None
    assert {
        k: t.fields[k]
        for k in (
            "trích yếu",
            "số hiệu",
            "loại văn bản",
            "ngày ban hành",
            "ngày có hiệu lực",
            "cơ quan ban hành",
            "người ký",
            "tình trạng hiệu lực",
        )
    } == {
        "trích yếu": "Hiến pháp năm 2013",
        "số hiệu": "Không số",
        "loại văn bản": "Hiến pháp",
        "ngày ban hành": "28/11/2013",
        "ngày có hiệu lực": "01/01/2014",
        "cơ quan ban hành": "Quốc hội",
        "người ký": "Nguyễn Sinh Hùng",
        "tình trạng hiệu lực": "Còn hiệu lực",
    }
    x = extract_file(str(THUOCTINH))
    src = x.docs[x.source]
    assert (src.label, src.date, src.issuer, src.title, src.effective, src.stated_status) == (
        "Constitution",
        "2013-11-28",
        "Quốc hội",
        "Hiến pháp năm 2013",
        "2014-01-01",
        "Còn hiệu lực",
    )
    assert _rels(x) == set()  # its own title is not a citation of itself


@needs_real
def test_toanvan_source_gets_symbol_effective_date_and_status() -> None:
    x = extract_file(str(TOANVAN))
    src = x.docs[x.source]
    assert (src.symbol, src.date, src.effective, src.stated_status) == (
        "100/2015/QH13",
        "2015-11-27",
        "2018-01-01",
        "Hết hiệu lực một phần",
    )
    assert not any(r.target == x.source or "100/2015" in r.target for r in x.relations if r.type == "CITES")
    assert {r.origin for r in x.relations} == {"text"}


def test_other_portals_fields() -> None:
    tv = readers.read(TVPL).fields or {}
    assert (tv["số hiệu"], tv["ngày có hiệu lực"], tv["tình trạng hiệu lực"], tv["người ký"]) == (
        "12/2017/QH14",
        "01/01/2018",
        "Còn hiệu lực",
        "Nguyễn Thị Kim Ngân",
    )
    assert "ngày công báo" not in tv  # "Đang cập nhật" is no value
    lv = readers.read(LVN).fields or {}
    assert (lv["số hiệu"], lv["cơ quan ban hành"], lv["ngày có hiệu lực"]) == (
        "19/2018/NĐ-CP",
        "Chính phủ",
        "02/02/2018",
    )


# ------------------------------------------------------------------------------------------ related lists


def test_luocdo_lists_in_the_direction_their_headings_state() -> None:
    x = extract_file(str(LUOCDO))
    src = x.docs[x.source]
    assert (src.symbol, src.title) == ("100/2015/QH13", "Bộ luật Hình sự")
    assert _rels(x, "portal") == {
        ("SUPERSEDES", "repeals", "source", "15/1999/qh10"),  # Văn bản hết hiệu lực
        ("IMPLEMENTS", "based_on", "source", "named:hien phap|2013|"),  # Văn bản căn cứ
        ("CITES", None, "source", "37/2009/qh12"),  # Văn bản dẫn chiếu
        ("IMPLEMENTS", "implements", "41/2017/qh14", "source"),  # Văn bản HD, QĐ chi tiết: they implement it
        ("IMPLEMENTS", "implements", "19/2018/nđ-cp", "source"),
        ("SUPERSEDES", "amends", "12/2017/qh14", "source"),  # Văn bản sửa đổi: it amends the code
    }
    assert _rels(x, "text") == set()  # the lists never read as the text's citations
    # "(0)" headings have no items; "Văn bản liên quan khác" and "Văn bản hiện thời" state no relation
    assert "99/2015/qh13" not in x.docs


def test_a_heading_with_count_zero_lists_nothing() -> None:
    assert portal.link_heading("Văn bản bị hết hiệu lực 1 phần (0)") == ("văn bản bị hết hiệu lực 1 phần", 0)
    html = (
        "<div class='box-tab-vb'><div class='header'><a class='selected' href='vbpq-luocdo.aspx?ItemID=1'>"
        "Lược đồ</a></div><div class='box-map'><li>Hiến pháp Không số</li></div><div class='vbLuocDo'>"
        "<div class='luocdo'><div class='title'><a>Văn bản bị hết hiệu lực 1 phần (0)</a></div></div>"
        "<div class='luocdo'><div class='title'><a>Văn bản thay thế (0)</a></div></div>"
        "<div class='luocdo'><div class='titleht'><a>Văn bản hiện thời</a></div><ul><li>"
        "<a class='jTips' title='Hiến pháp năm 1992'>Hiến pháp</a></li></ul></div></div></div>"
    )
    t = readers.read(_write(html, "luocdo.html"))
    assert t.portal == "vbpl_luocdo"
    assert [(r.heading, r.relation.type) for r in t.portal_relations] == [("Văn bản hiện thời", None)]
    assert [r for r in extract_text(t).relations if r.origin == "portal"] == []


def test_only_the_listed_documents_own_symbol_is_taken() -> None:
    """'Luật 12/2017/QH14 Sửa đổi … Bộ luật Hình sự số 100/2015/QH13': the law listed is 12/2017/QH14; the code
    its title names is not listed."""
    x = extract_file(str(LIENQUAN))
    assert _rels(x, "portal") == {
        ("IMPLEMENTS", "based_on", "source", "named:hien phap|2013|"),
        ("SUPERSEDES", "amends", "source", "100/2015/qh13"),
    }
    ev = next(r.evidence for r in x.relations if r.origin == "portal" and r.type == "SUPERSEDES")
    assert ev is not None and ev.sentence.startswith("Văn bản được sửa đổi bổ sung: Bộ luật 100/2015/QH13")


def test_portal_and_text_relations_of_one_page() -> None:
    x = extract_file(str(TVPL))
    assert ("SUPERSEDES", "amends", "source", "100/2015/qh13") in _rels(x, "text")
    assert _rels(x, "portal") == {
        ("SUPERSEDES", "amends", "source", "100/2015/qh13"),
        ("IMPLEMENTS", "based_on", "source", "named:hien phap|2013|"),
        ("CITES", None, "1/vbhn-vpqh", "source"),
    }  # the consolidated text cites it
    lv = extract_file(str(LVN))
    assert ("IMPLEMENTS", "implements", "source", "100/2015/qh13") in _rels(lv, "portal")


def test_every_heading_has_a_direction_and_a_known_relation() -> None:
    for key, h in portal.HEADINGS.items():
        assert key == key.lower() and h.direction in ("out", "in")
        assert h.type is None or h.type in vocab.RELATION_TYPES
        assert h.kind is None or h.kind in vocab.EDGE_KINDS.get(h.type or "", ())
    # the two wordings of one list, from either end, point opposite ways
    for a, b in (
        ("văn bản được hướng dẫn", "văn bản hướng dẫn"),
        ("văn bản bị thay thế", "văn bản thay thế"),
        ("văn bản bị sửa đổi bổ sung", "văn bản sửa đổi bổ sung"),
        ("văn bản căn cứ", "văn bản được căn cứ"),
    ):
        assert portal.HEADINGS[a].direction != portal.HEADINGS[b].direction
        assert portal.HEADINGS[a][:2] == portal.HEADINGS[b][:2]


# -------------------------------------------------------------------------------------------- text dumps


def test_a_text_dump_of_a_luocdo_page(tmp_path: Path) -> None:
    dump = "\n".join(
        [
            "CSDL quốc gia về VBPL » CSDL Trung ương » Văn bản pháp luật » Luật 12/2017/QH14",
            "Toàn văn Thuộc tính Lịch sử VB liên quan Lược đồ Bản PDF Tải về",
            "Số ký hiệu\t12/2017/QH14\tNgày ban hành\t20/06/2017",
            "Văn bản hiện thời",
            "Luật 12/2017/QH14 Sửa đổi, bổ sung một số điều của Bộ luật Hình sự",
            "",
            "Văn bản được sửa đổi (1)",
            "Bộ luật 100/2015/QH13 Bộ luật Hình sự",
            "",
            "Văn bản HD, QĐ chi tiết (0)",
            "",
            "Văn bản căn cứ (1)",
            "Hiến pháp năm 2013",
            "",
        ]
    )
    p = tmp_path / "luocdo.txt"
    p.write_text(dump, encoding="utf-8")
    t = readers.read(p)
    assert t.portal == "vbpl_luocdo" and (t.fields or {})["số hiệu"] == "12/2017/QH14"
    assert "Bộ luật 100/2015/QH13" not in t.text
    x = extract_text(t)
    assert x.docs[x.source].symbol == "12/2017/QH14"
    assert _rels(x, "portal") == {
        ("SUPERSEDES", "amends", "source", "100/2015/qh13"),
        ("IMPLEMENTS", "based_on", "source", "named:hien phap|2013|"),
    }
    assert _rels(x, "text") == set()


# ------------------------------------------------------------------------------------------ bad input


@pytest.mark.parametrize(
    "html",
    [
        "<div class='box-tab-vb'><div class='header'><a class='selected'>Lược đồ</a></div></div>",
        "<div id='divThuocTinh'><table><tr><td>Số hiệu:</td></tr></table></div>",
        "<div class='box-tab-vb'><div class='header'><a class='selected'>Toàn văn</a></div>" + "<div>" * 3000,
    ],
)
def test_a_broken_portal_page_is_one_clear_line(html: str) -> None:
    p = _write(html, "broken.html")
    with pytest.raises(LoadError) as e:
        extract_file(str(p))
    assert str(e.value).startswith(str(p)) and "\n" not in str(e.value)


# --------------------------------------------------------------------------------- consolidated texts


def test_a_consolidated_text_is_its_own_document() -> None:
    text = (
        "VĂN PHÒNG QUỐC HỘI\nSố: 23/VBHN-VPQH\nHà Nội, ngày 10 tháng 12 năm 2021\nBỘ LUẬT\nHÌNH SỰ\n"
        "Bộ luật Hình sự số 100/2015/QH13 ngày 27 tháng 11 năm 2015 của Quốc hội, có hiệu lực kể từ ngày 01 "
        "tháng 01 năm 2018, được sửa đổi, bổ sung bởi:\nLuật số 12/2017/QH14 ngày 20 tháng 6 năm 2017 của Quốc "
        "hội sửa đổi, bổ sung một số điều của Bộ luật Hình sự số 100/2015/QH13.\n"
    )
    x = extract_text(Text(path="vbhn.txt", text=text))
    src = x.docs[x.source]
    assert (src.symbol, src.type_code, src.date) == ("23/VBHN-VPQH", "VBHN", "2021-12-10")
    cited = {r.target for r in x.relations if r.type == "CITES" and r.source == "source"}
    assert cited == {"100/2015/qh13@2015-11-27", "12/2017/qh14@2017-06-20"}  # the base text and its amendment


# ------------------------------------------------------------------------------ origin through the layers


def _portal_graph() -> nx.MultiDiGraph:
    return build_graph([extract_file(str(p), p.name) for p in (LUOCDO, LIENQUAN, TVPL, LVN)])


def test_every_edge_carries_its_origin() -> None:
    G = _portal_graph()
    origins = {d["origin"] for *_, d in G.edges(data=True)}
    assert origins == {"text", "portal"}
    portal_edges = [d for *_, d in G.edges(data=True) if d["origin"] == "portal" and d["type"] != "ISSUED_BY"]
    assert portal_edges and all(d["evidence"]["sentence"].startswith("Văn bản") for d in portal_edges)


def test_stats_report_how_far_portal_and_text_agree() -> None:
    G = _portal_graph()
    s = q.stats(G)
    by_pair: dict[tuple[str, str], dict[str, set[str]]] = {}
    for u, v, d in G.edges(data=True):
        if d["type"] in q.DOC_RELATIONS:
            by_pair.setdefault((u, v), {}).setdefault(d["origin"], set()).add(d["type"])
    both = [o for o in by_pair.values() if len(o) == 2]
    assert s["origin_agreement"] == {"pairs": len(both), "same_type": sum(bool(o["text"] & o["portal"]) for o in both)}
    assert s["origin_agreement"]["pairs"] >= 2  # 12/2017 amends 100/2015; 19/2018 is based on 100/2015
    assert sum(s["by_origin"].values()) == sum(s["by_relation"].get(t, 0) for t in q.DOC_RELATIONS)


def test_origin_round_trips_through_the_store_and_its_stats(tmp_path: Path) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    for p in (LUOCDO, LIENQUAN, TVPL, LVN):
        (folder / p.name).write_bytes(p.read_bytes())
    db = tmp_path / "g.db"
    r = CliRunner().invoke(app, ["load", str(folder), "--store", str(db)])
    assert r.exit_code == 0, r.output
    H = read_graph(db)
    G = _portal_graph()
    assert sorted(d["origin"] for *_, d in H.edges(data=True)) == sorted(d["origin"] for *_, d in G.edges(data=True))
    r = CliRunner().invoke(app, ["stats", "--store", str(db), "--json"])
    s = json.loads(r.stdout)
    assert (s["by_origin"], s["origin_agreement"]) == (q.stats(G)["by_origin"], q.stats(G)["origin_agreement"])
    # a store written before edges carried origin reads every edge as the text's
    with closing(sqlite3.connect(db)) as conn:
        conn.execute("UPDATE edges SET attrs = json_remove(attrs, '$.origin')")
        conn.commit()
    assert {d["origin"] for *_, d in read_graph(db).edges(data=True)} == {"text"}


def test_origin_in_the_json_csv_and_rdf_exports() -> None:
    G = _portal_graph()
    want = sorted(str(d["origin"]) for *_, d in G.edges(data=True))
    assert sorted(e["origin"] for e in to_json(G)["edges"]) == want
    assert sorted(str(d["origin"]) for *_, d in from_json(to_json(G)).edges(data=True)) == want
    _, rels = csv_tables(G)
    rows = list(csv.DictReader(io.StringIO(rels)))
    assert sorted(r["origin"] for r in rows) == want
    back = from_rdf(read_rdf(to_turtle(G), "turtle"))
    assert sorted(str(d.get("origin")) for *_, d in back.edges(data=True)) == want
    assert "pg:origin" in to_turtle(G) or "policygraph#origin" in to_turtle(G)


def test_show_and_lineage_mark_portal_relations(tmp_path: Path) -> None:
    G = _portal_graph()
    path = tmp_path / "g.json"
    path.write_text(json.dumps(to_json(G), ensure_ascii=False), encoding="utf-8")
    r = CliRunner().invoke(app, ["show", "100/2015/QH13", "--store", str(path)])
    assert r.exit_code == 0, r.output
    assert "[portal]" in r.output and "[text+portal]" not in r.output.split("out (")[0]
    r = CliRunner().invoke(app, ["lineage", "19/2018/NĐ-CP", "--store", str(path)])
    assert r.exit_code == 0, r.output
    assert "portal" in r.output


def _write(html: str, name: str) -> Path:
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="pg-portal-"))
    p = folder / name
    p.write_text(html, encoding="utf-8")
    return p


def test_a_consolidated_text_on_vbpl_is_its_own_document() -> None:
    """A vbpl.vn "toàn văn" page of a consolidated text: its breadcrumb "Văn bản hợp nhất 23/VBHN-VPQH" gives the
    symbol when the header table does not; it cites the base text and the amendment it names."""
    html = (
        "<div class='box-tab-vb'><div class='box-map'><ul><li><a>CSDL quốc gia về VBPL</a></li>"
        "<li><a>Văn bản hợp nhất 23/VBHN-VPQH</a></li></ul></div><div class='header'><ul><li>"
        "<a class='selected' href='/TW/Pages/vbpq-toanvan.aspx?ItemID=9'>Toàn văn</a></li></ul></div>"
        "<div class='content'><div class='fulltext'><div class='vbInfo'><ul><li>Hiệu lực: Còn hiệu lực</li>"
        "</ul></div><div><table><tr><td><div>VĂN PHÒNG QUỐC HỘI</div></td></tr></table>"
        "<div id='toanvancontent'><p>BỘ LUẬT</p><p>HÌNH SỰ</p><p>Bộ luật Hình sự số 100/2015/QH13 ngày 27 tháng "
        "11 năm 2015 của Quốc hội, được sửa đổi, bổ sung bởi Luật số 12/2017/QH14 ngày 20 tháng 6 năm 2017 của "
        "Quốc hội.</p></div></div></div></div></div><div id='footer'>Trang chủ</div>"
    )
    t = readers.read(_write(html, "vbhn.html"))
    assert t.portal == "vbpl_toanvan" and "Trang chủ" not in t.text and "Hiệu lực" not in t.text
    x = extract_text(t)
    src = x.docs[x.source]
    assert (src.symbol, src.stated_status) == ("23/VBHN-VPQH", "Còn hiệu lực")
    assert {r.target.split("@")[0] for r in x.relations if r.type == "CITES" and r.source == "source"} == {
        "100/2015/qh13",
        "12/2017/qh14",
    }


def test_a_text_dump_of_a_toanvan_page(tmp_path: Path) -> None:
    """What a browser saves as text of a "toàn văn" page: the breadcrumb, the tab bar and the status lines are
    the portal's (the breadcrumb names the document), the rest is the document."""
    dump = "\n".join(
        [
            "CSDL quốc gia về VBPL » CSDL Trung ương » Văn bản pháp luật » Luật 12/2017/QH14",
            "Toàn văn Thuộc tính Lịch sử VB liên quan Lược đồ Bản PDF Tải về Bản in",
            "Hiệu lực: Còn hiệu lực",
            "Ngày có hiệu lực: 01/01/2018",
            "QUỐC HỘI",
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
            "Hà Nội, ngày 20 tháng 6 năm 2017",
            "LUẬT",
            "SỬA ĐỔI, BỔ SUNG MỘT SỐ ĐIỀU CỦA BỘ LUẬT HÌNH SỰ SỐ 100/2015/QH13",
            "Căn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;",
            "Điều 1. Sửa đổi, bổ sung một số điều của Bộ luật Hình sự số 100/2015/QH13",
        ]
    )
    p = tmp_path / "toanvan.txt"
    p.write_text(dump, encoding="utf-8")
    t = readers.read(p)
    assert t.portal == "vbpl_toanvan" and t.text.startswith("QUỐC HỘI") and "»" not in t.text
    assert t.fields == {
        "tình trạng hiệu lực": "Còn hiệu lực",
        "ngày có hiệu lực": "01/01/2018",
        "loại văn bản": "Luật",
        "số hiệu": "12/2017/QH14",
    }
    x = extract_text(t)
    src = x.docs[x.source]
    assert (src.symbol, src.date, src.effective, src.stated_status) == (
        "12/2017/QH14",
        "2017-06-20",
        "2018-01-01",
        "Còn hiệu lực",
    )
    assert ("SUPERSEDES", "amends", "source", "100/2015/qh13") in _rels(x, "text")

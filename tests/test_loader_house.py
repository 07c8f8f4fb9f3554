"""The loaders' house: one matching view for every stage, parsed facts carried forward, typed fields."""

from __future__ import annotations

import json
import typing
import unicodedata

from policygraph.loaders import models
from policygraph.loaders.extract import extract_text
from policygraph.loaders.find import find_mentions
from policygraph.loaders.header import read_header
from policygraph.loaders.models import Extraction, Mention, Text
from policygraph.loaders.normalise import MatchView
from policygraph.ontology import vocab


def test_relation_type_literal_is_the_vocabulary():
    assert set(typing.get_args(models.RelationType)) == set(vocab.RELATION_TYPES)


def test_a_mention_carries_its_parsed_symbol_and_body():
    (m,) = find_mentions("Quán triệt Kết luận số 14-KL/TW ngày 22/9/2021 của Bộ Chính trị về khuyến khích cán bộ")
    assert m.sym is not None and (m.sym.shape, m.sym.number, m.sym.issuer_code) == ("party", "14", "TW")
    assert (m.symbol, m.type_code, m.number) == ("14-KL/TW", "KL", "14")
    assert m.body is not None and (m.body.name, m.body.level, m.body.branch) == ("Bộ Chính trị", "central", "party")


def test_a_body_shared_by_a_list_travels_with_its_name():
    a, b = find_mentions(
        "thực hiện Chỉ thị số 05-CT/TU và Chỉ thị số 07-CT/TU của Ban Thường vụ Tỉnh ủy về phòng chống"
    )
    assert a.issuer == b.issuer == "Ban Thường vụ Tỉnh ủy"
    assert a.body is b.body


def test_extractions_round_trip_through_the_store_format():
    t = (
        "TỈNH ỦY QUẢNG NINH\n*\nSố 21-NQ/TU\nQuảng Ninh, ngày 03 tháng 5 năm 2024\nNGHỊ QUYẾT\n"
        "Thực hiện Nghị quyết số 18-NQ/TW ngày 25/10/2017 của Ban Chấp hành Trung ương (khóa XII) và Kế hoạch số "
        "311/KH-UBND ngày 12/3/2024 của Ủy ban nhân dân tỉnh; Nghị quyết 18 đặt ra yêu cầu.\n"
    )
    x = extract_text(Text(path="nq.txt", text=t))
    back = Extraction.from_dict(json.loads(json.dumps(x.to_dict(), ensure_ascii=False)))
    assert back == x
    assert back.docs["source"].body is not None and back.docs["source"].body.name == "Tỉnh ủy"


def test_mentions_of_older_stores_still_load():
    legacy = {
        "start": 10,
        "end": 32,
        "quote": "Nghị quyết số 18-NQ/TW",
        "form": "full",
        "label": "Resolution",
        "type_word": "Nghị quyết",
        "symbol": "18-NQ/TW",
        "number": "18",
        "type_code": "NQ",
        "issuer_code": "TW",
        "symbol_year": None,
        "date": "2017-10-25",
        "issuer": None,
        "term": None,
        "title": None,
        "attr_end": 50,
        "ref": "18-nq/tw@2017-10-25",
    }
    m = Mention.from_dict(legacy)
    assert (m.symbol, m.number, m.issuer_code, m.sym and m.sym.shape) == ("18-NQ/TW", "18", "TW", "party")


def test_the_header_gives_the_source_document():
    t = (
        "ỦY BAN NHÂN DÂN\nTỈNH BẮC GIANG\nSố: 77/KH-UBND\nBắc Giang, ngày 14 tháng 3 năm 2025\nKẾ HOẠCH\n"
        "Triển khai thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị\n"
    )
    view = MatchView.of(t)
    src = read_header(view, find_mentions(view), name="kh.txt")
    assert (src.key, src.is_source, src.symbol, src.label, src.date, src.year) == (
        "source",
        True,
        "77/KH-UBND",
        "Plan",
        "2025-03-14",
        2025,
    )
    assert (src.issuer, src.jurisdiction, src.level, src.branch) == (
        "Ủy ban nhân dân Bắc Giang",
        "Bắc Giang",
        "province",
        "state",
    )
    assert src.body is not None and src.body.name.startswith("Ủy ban nhân dân")


def test_view_offsets_map_both_ways():
    t = "Căn  cứ   Nghị quyết số 05-NQ/TU của Thành uỷ"
    v = MatchView.of(t)
    for i in range(len(v.text) + 1):
        assert v.to_view(v.to_original(i, i)[0]) == i
    assert v.text[v.to_view(t.index("Nghị")) :].startswith("Nghị quyết")


def test_the_view_of_text_without_combining_marks_still_folds_what_nfc_would():
    # no combining mark: no composition pass, but the punctuation NFC changes on its own is still plain
    v = MatchView.of("Căn cứ Luật Đất đai\u037e Nghị định số 43/2014/NĐ\u2013CP\u2001của Chính phủ")
    assert v.text == "Căn cứ Luật Đất đai; Nghị định số 43/2014/NĐ-CP của Chính phủ"
    nfd = unicodedata.normalize("NFD", "Thành uỷ Hoà Bình")
    assert MatchView.of(nfd).text == "Thành ủy Hòa Bình"

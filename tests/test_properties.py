"""Property-based: generated references in random Vietnamese sentences are all found, with the right fields."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from policygraph.loaders.find import find_mentions

WORDS = [
    "tiếp tục",
    "đẩy mạnh",
    "thành phố",
    "phát triển",
    "kinh tế",
    "xã hội",
    "nhiệm vụ",
    "giải pháp",
    "cán bộ",
    "đảng viên",
    "hệ thống chính trị",
    "Nhân dân",
    "năm 2023",
    "quyết liệt",
    "hiệu quả",
]
TYPES = [
    ("Nghị quyết", "NQ", "Resolution"),
    ("Kết luận", "KL", "Conclusion"),
    ("Chỉ thị", "CT", "Directive"),
    ("Quy định", "QĐi", "Regulation"),
    ("Kế hoạch", "KH", "Plan"),
]
BODIES = [("Bộ Chính trị", "TW"), ("Ban Bí thư", "TW"), ("Ban Thường vụ Tỉnh ủy", "TU"), ("Thành ủy", "TU")]


@st.composite
def reference(draw):
    word, code, label = draw(st.sampled_from(TYPES))
    body, issuer = draw(st.sampled_from(BODIES))
    num = draw(st.integers(min_value=1, max_value=999))
    y, m, d = draw(st.integers(1990, 2030)), draw(st.integers(1, 12)), draw(st.integers(1, 28))
    numtxt = f"{num:02d}" if draw(st.booleans()) else str(num)
    so = draw(st.sampled_from(["số ", ""]))
    date = draw(st.sampled_from([f"ngày {d:02d}/{m:02d}/{y}", f"ngày {d} tháng {m} năm {y}", f", ngày {d}/{m}/{y}"]))
    text = f"{word} {so}{numtxt}-{code}/{issuer} {date} của {body}"
    return text, {
        "symbol": f"{numtxt}-{code}/{issuer}",
        "number": str(num),
        "label": label,
        "date": f"{y:04d}-{m:02d}-{d:02d}",
        "issuer": body,
    }


@given(
    st.lists(st.tuples(st.lists(st.sampled_from(WORDS), max_size=6), reference()), min_size=1, max_size=4),
    st.sampled_from(["; ", ". ", ", ", "\n"]),
)
@settings(max_examples=150, deadline=None)
def test_generated_references_are_found(parts, sep):
    chunks, expected = [], []
    for words, (ref, fields) in parts:
        chunks.append(" ".join(["Thực hiện", *words, ref, "về", *words]))
        expected.append(fields)
    text = sep.join(chunks)
    found = [m for m in find_mentions(text) if m.symbol]
    assert len(found) == len(expected)
    for m, e in zip(found, expected, strict=True):
        assert (m.symbol, m.number, m.label, m.date, m.issuer) == (
            e["symbol"],
            e["number"],
            e["label"],
            e["date"],
            e["issuer"],
        )
        assert text[m.start : m.end].endswith(e["symbol"])

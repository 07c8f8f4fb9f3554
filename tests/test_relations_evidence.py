"""Evidence is bounded and exact: an excerpt of a few hundred characters that quotes the mention, the sentence's
offsets in the original text, whatever the text's spacing, Unicode form or density of references."""

from __future__ import annotations

import bisect
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from policygraph.loaders.evidence import EXCERPT, Passages, Sentences, ViewOffsets
from policygraph.loaders.extract import extract_text
from policygraph.loaders.models import Text
from policygraph.loaders.normalise import MatchView


def test_a_dense_one_line_file_stores_bounded_evidence() -> None:
    text = " ".join(f"Căn cứ Luật số {i}/2006/QH11;" for i in range(1, 2501))
    x = extract_text(Text(path="dense.txt", text=text))
    based = [r for r in x.relations if r.source == "source" and r.type == "IMPLEMENTS"]
    assert len(based) == 2500 and {r.kind for r in based} == {"based_on"}
    for r in based:
        ev = r.evidence
        assert ev is not None and text[ev.start : ev.end] in ev.sentence
        assert len(ev.sentence) <= EXCERPT + (ev.end - ev.start) + 2
        assert (ev.sentence_start, ev.sentence_end) == (0, len(text))
    assert sum(len(r.evidence.sentence) for r in x.relations if r.evidence) < 400 * len(x.relations)


def test_evidence_in_a_justified_nfd_text_points_into_the_original() -> None:
    text = unicodedata.normalize(
        "NFD", "Mở đầu.  Tiếp  tục   thực hiện  Nghị quyết số 31-NQ/TW  của Bộ Chính trị. Hết."
    )
    x = extract_text(Text(path="nfd.txt", text=text))
    (r,) = [r for r in x.relations if r.type == "IMPLEMENTS"]
    ev = r.evidence
    assert ev is not None and text[ev.start : ev.end].endswith("31-NQ/TW")
    assert text[ev.sentence_start : ev.sentence_end] == ev.sentence
    assert ev.sentence.startswith(unicodedata.normalize("NFD", "Tiếp")) and ev.sentence.endswith(
        unicodedata.normalize("NFD", "Chính trị.")
    )


def test_sentences_end_at_lead_ins_and_items_and_go_on_in_lower_case() -> None:
    t = "Bãi bỏ các văn bản sau:\na) Quyết định số 1/QĐ-UBND;\nb) Quyết định số 2/QĐ-UBND.\nKế hoạch số 3\ntriển khai."
    s = Sentences(t)
    spans = [t[a:b].strip() for a, b in zip(s.cuts, s.cuts[1:], strict=False)]
    assert spans == [
        "Bãi bỏ các văn bản sau:",
        "a) Quyết định số 1/QĐ-UBND;",
        "b) Quyết định số 2/QĐ-UBND.",
        "Kế hoạch số 3\ntriển khai.",
    ]


PIECES = [*"ab \tĐđ\n.", "\u0301", "\u0323", "o\u0301", "  ", "ho\u0300a", "u\u1ef7", "\u00a0"]
TEXTS = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)


@given(TEXTS)
@settings(max_examples=200, deadline=None)
def test_view_offsets_invert_the_view(text: str) -> None:
    v = MatchView.of(text)
    o = ViewOffsets(v)
    for i in range(len(v.text) + 1):
        assert o.of(v.to_original(i, i)[0]) == i
    back = [o.of(p) for p in range(len(text) + 1)]
    assert back == sorted(back) and back[-1] == len(v.text)
    assert all(v.to_original(b, b)[0] >= p for p, b in enumerate(back))


def test_evidence_of_a_mention_across_sentences_covers_both() -> None:
    text = "Tổng kết. Căn cứ Nghị quyết số 08-NQ/TU và Kết luận số 14-KL/TW của Bộ Chính trị. Kết thúc."
    p = Passages(MatchView.of(text), "t.txt")
    a, b = text.index("Nghị quyết"), text.index("14-KL/TW") + 8
    ev = p.evidence(text.index("Kết luận"), b, cover=a)
    assert ev.sentence == "Căn cứ Nghị quyết số 08-NQ/TU và Kết luận số 14-KL/TW của Bộ Chính trị."


SENTENCE_PIECES = [
    *"ab Đ\n.:;!?)|",
    "\n\n",
    "TP. ",
    "Điều 3. ",
    "a) ",
    "- ",
    "Kế hoạch số 3/KH",
    " triển khai",
    "x" * 60,
    "NGHỊ QUYẾT",
    "1. ",
    "“Về",
]


@given(
    st.lists(st.sampled_from(SENTENCE_PIECES), max_size=40).map("".join),
    st.lists(st.integers(min_value=0, max_value=2000), max_size=12),
)
@settings(max_examples=300, deadline=None)
def test_sentences_found_where_asked_are_the_sentences_of_the_whole_text(text: str, asks: list[int]) -> None:
    """A sentence found by scanning back and on from a position, in any order of asking, is the one the
    scan of the whole text gives."""
    whole = Sentences(text).cuts  # 0, every boundary, len(text)
    lazy = Sentences(text)
    for pos in [p % len(text) for p in asks if text] + list(range(len(text))):
        i = bisect.bisect_right(whole, pos) - 1
        assert lazy.span(pos) == (whole[i], whole[i + 1]), (text, pos)

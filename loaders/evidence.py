"""Evidence: the sentences of a text and bounded excerpts of them around what a statement quotes.

Sentences are cut on the matching view (normalise.MatchView: NFC, plain dashes and spaces); evidence is
reported in the original text: the quoted span (`start`, `end`), the whole sentence's span
(`sentence_start`, `sentence_end`) and an excerpt of at most about EXCERPT characters around the quoted
span (a file of one 60 KB "sentence" stores a few hundred characters per statement, not 60 KB).

>>> from policygraph.loaders.normalise import MatchView
>>> text = "Mở đầu. " + "Căn cứ Luật số 1/2006/QH11; " * 40 + "Kết thúc."
>>> p = Passages(MatchView.of(text), "a.txt")
>>> start = text.index("Luật số 1/2006/QH11", 500)
>>> ev = p.evidence(start, start + 19)
>>> ev.sentence.startswith("…") and ev.sentence.endswith("…") and len(ev.sentence) <= EXCERPT + 2
True
>>> text[ev.start:ev.end] in ev.sentence, (ev.sentence_start, ev.sentence_end) == (8, len(text))
(True, True)
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator

from .models import Evidence
from .normalise import MatchView

#: the most characters of a sentence an evidence excerpt keeps beside the quoted span itself
EXCERPT = 300

_ABBREV = re.compile(r"(?:^|[\s(])(?:TP|Tp|tp|TS|ThS|PGS|GS|Q|P|St|Mr|Nxb|NXB|[A-ZĐ])$")
_BOUNDARY = re.compile(r"\n+|[.!?…](?=[ \t]+[\"“(]?[A-ZĐÀ-Ỹ0-9])")
_HEADING = re.compile(r"[ \t]*(?:Điều[ \t]+\d+[a-zđ]?[.:]|Chương[ \t]+[IVXL\d]+|Mục[ \t]+\d+[.:])")
_ENUMERATOR = re.compile(
    r"[ \t]*(?:[-+•*–]|\d{1,3}(?:\.\d{1,3})*[.)](?=\s)|[a-zđ][.)]|[IVXL]{1,5}[./]|\(\d{1,3}\)|"
    r"Điều \d|Chương [IVXL\d])"
)


class Sentences:
    """Sentence spans of a text: split at . ! ? before a capital or a digit, and at line breaks that end a
    paragraph. A line break inside a sentence (a PDF's wrapped line) is not a boundary: the next line goes
    on in lower case, or the previous line is long, ends without punctuation and is not a heading, and the
    next line does not start an item.

    Whether a place is a boundary depends only on the text around it, so a sentence is found where it is
    asked for (a scan back to the boundary before and on to the boundary after), never by cutting the
    whole text: a law of 100 KB with a few dozen references reads a few pages of it. Sentences found are
    kept, and a scan back stops at the end of one already found.

    >>> s = Sentences("Kế hoạch số 315/KH-UBND của Ủy ban nhân dân tỉnh\\ntriển khai Chương trình số 27-CTr/TU.")
    >>> s.span(60)
    (0, 86)
    >>> Sentences("Điều 76. Sửa đổi, bổ sung Danh mục phí ban hành kèm theo Luật số 97/2015/QH13\\nSửa đổi mục 3.1").span(80)
    (78, 93)
    >>> Sentences("Bãi bỏ các quyết định sau đây:\\na) Quyết định số 21/2019/QĐ-UBND;").span(40)
    (31, 64)
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] = []  # the sentences found so far, in text order
        self._ends: list[int] = []

    def _cuts(self, start: int, stop: int) -> Iterator[int]:
        """The boundaries after the characters from `start` on (ends of boundary matches starting before
        `stop`), in text order."""
        text = self.text
        abbrev, wrapped = _ABBREV.search, self._wrapped
        for m in _BOUNDARY.finditer(text, start):
            b, e = m.span()
            if b >= stop:
                return
            if text[b] != "\n":
                if abbrev(text, max(0, b - 6), b):
                    continue
            elif e - b == 1 and wrapped(b):
                continue
            yield e

    def _wrapped(self, nl: int) -> bool:
        """Is the single line break at `nl` a wrap inside a sentence?"""
        text = self.text
        line_start = text.rfind("\n", 0, nl) + 1
        prev = text[line_start:nl].rstrip()
        if (
            not prev
            or prev[-1] in '.!?…"”)|'
            or prev.isupper()
            or _ENUMERATOR.match(text, nl + 1)
            or _HEADING.match(prev)
        ):  # "Điều 76. Sửa đổi, bổ sung ..." is a heading, not the start of a sentence
            return False
        nxt = text[nl + 1 : nl + 2]
        if nxt.islower():  # the sentence goes on in lower case
            return True
        if prev[-1] in ";:":  # a list item or a lead-in ends here
            return False
        return len(prev) >= 50 and nxt != "|"

    def span(self, pos: int) -> tuple[int, int]:
        """The (start, end) of the sentence holding `pos` (the last sentence for a position at the end)."""
        n = len(self.text)
        pos = max(0, min(pos, n - 1))
        i = bisect.bisect_right(self._starts, pos) - 1
        if i >= 0 and pos < self._ends[i]:
            return self._starts[i], self._ends[i]
        floor = self._ends[i] if i >= 0 else 0  # a boundary: the end of the sentence found before
        s = self._start_before(pos, floor)
        e = next(self._cuts(pos, n), n)
        self._starts.insert(i + 1, s)
        self._ends.insert(i + 1, e)
        return s, e

    def _start_before(self, pos: int, floor: int) -> int:
        """The last boundary at or before `pos`, not before `floor` (itself a boundary)."""
        width = 256
        while True:
            a = max(floor, pos - width)
            last = None
            for c in self._cuts(a, pos):
                if c > pos:
                    break
                last = c
            if last is not None:
                return last
            if a == floor:
                return floor
            width *= 4

    def start(self, pos: int) -> int:
        """The start of the sentence holding `pos`: the same number for every position in one sentence."""
        return self.span(pos)[0]

    @property
    def cuts(self) -> list[int]:
        """Every boundary of the text, 0 and its length included (a scan of the whole text)."""
        return sorted({0, *self._cuts(0, len(self.text)), len(self.text)})


class ViewOffsets:
    """Original-text offsets -> matching-view offsets: the inverse of MatchView.to_original.

    An offset inside a run the view squeezed or composed maps to the view position after it.

    >>> v = MatchView.of("Đại  hội   XIII")
    >>> o = ViewOffsets(v)
    >>> [o.of(p) for p in (0, 4, 5, 11, 15)]
    [0, 4, 4, 8, 12]
    >>> all(o.of(v.to_original(i, i)[0]) == i for i in range(len(v.text) + 1))
    True
    """

    def __init__(self, view: MatchView) -> None:
        # original -> composed -> view; most texts need neither step
        self._steps = [_Inverse(points) for points in (view.marks, view.squeezed) if points]

    def of(self, pos: int) -> int:
        for step in self._steps:
            pos = step.of(pos)
        return pos


class _Inverse:
    """The inverse of one (offset, shift) breakpoint map (see normalise.nfc_with_map)."""

    def __init__(self, points: list[tuple[int, int]]) -> None:
        self.points = points
        self.origs = [v + s for v, s in points]

    def of(self, pos: int) -> int:
        if not self.points:
            return pos
        i = bisect.bisect_right(self.origs, pos) - 1
        v = pos - (self.points[i][1] if i >= 0 else 0)
        return min(v, self.points[i + 1][0]) if i + 1 < len(self.points) else v


class Passages:
    """The sentences of one file's matching view, and evidence in its original text.

    `view_span(start, end)` gives the view offsets of an original span; `evidence(start, end)` the
    Evidence quoting text[start:end] with a bounded excerpt of its sentence.
    """

    def __init__(self, view: MatchView, file: str) -> None:
        self.view, self.file = view, file
        self.sentences = Sentences(view.text)
        self.offsets = ViewOffsets(view)
        self._quoted: dict[int, Evidence] = {}  # by start: one Evidence per mention quoted alone

    def view_span(self, start: int, end: int) -> tuple[int, int]:
        return self.offsets.of(start), self.offsets.of(end)

    def sentence_of(self, start: int, end: int) -> tuple[int, int]:
        """The original span of the sentence(s) holding text[start:end], without surrounding spaces."""
        vs, ve = self.view_span(start, end)
        s, _ = self.sentences.span(vs)
        _, e = self.sentences.span(max(vs, ve - 1))
        s, e = self.view.to_original(s, e)
        text = self.view.original
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        return min(s, start), max(e, end)

    def evidence(self, start: int, end: int, cover: int | None = None) -> Evidence:
        """Evidence quoting text[start:end]; the excerpt also covers text[cover:end] when `cover` is given
        (a statement between two mentions quotes both). Statements quoting the same span share one
        Evidence (a reference-dense file states two things of every mention): do not change it."""
        if cover is None and (ev := self._quoted.get(start)) is not None and ev.end == end:
            return ev
        first = start if cover is None else min(cover, start)
        s, e = self.sentence_of(first, end)
        ev = Evidence(
            file=self.file,
            start=start,
            end=end,
            sentence=excerpt(self.view.original, s, e, first, end),
            sentence_start=s,
            sentence_end=e,
        )
        if cover is None:
            self._quoted[start] = ev
        return ev


def excerpt(text: str, s: int, e: int, start: int, end: int, width: int = EXCERPT) -> str:
    """text[s:e] cut to text[start:end] and about `width` characters around it, at spaces; "…"
    marks a cut.

    >>> t = "một hai ba bốn năm sáu bảy tám chín mười"
    >>> excerpt(t, 0, len(t), 11, 14, 10)
    '…ba bốn năm…'
    """
    room = max(0, width - (end - start))
    a = max(s, start - room // 2)
    b = min(e, end + room - (start - a))
    a = max(s, min(a, start - (room - (b - end))))
    if a > s and not text[a - 1].isspace():  # start and end at word boundaries
        sp = text.find(" ", a, start)
        a = sp + 1 if sp >= 0 else a
    if b < e and not text[b].isspace():
        sp = text.rfind(" ", end, b)
        b = sp if sp >= 0 else b
    return ("…" if a > s else "") + text[a:b].strip() + ("…" if b < e else "")
